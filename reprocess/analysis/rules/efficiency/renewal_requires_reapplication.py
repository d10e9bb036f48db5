"""EFF009: a licence expires and its renewal is a full new application (P25)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    hit_evidence,
    is_automated,
    label,
    lexicon_terms,
    standing,
)
from reprocess.model.enums import Actor, Channel, StepKind

__all__ = ["renewal_requires_reapplication"]


def _renewal_headers(ctx: AnalysisContext) -> dict[str, Evidence]:
    """Return, by process id, the evidence that the process is a renewal service."""
    out: dict[str, Evidence] = {}
    for proc in ctx.defs.processes:
        part = next((p for p in ctx.defs.participants if p.process_ref == proc.id), None)
        names = [(proc.id, "process", proc.name),
                 (proc.id, "service", proc.service.name if proc.service else None)]
        if part is not None:
            names += [(part.id, "pool", part.name),
                      (part.id, "service", part.service.name if part.service else None)]
        for eid, fld, text in names:
            terms = [t for t, negated in lexicon_terms(ctx, text, "P25") if not negated]
            if terms:
                out[proc.id] = Evidence(source="lexicon", text=f"«{terms[0]}» in “{text}”",
                                        field=fld, element_id=eid)
                break
    return out


@rule(
    code="EFF009",
    name="renewal-requires-reapplication",
    title="Licence renewal is a full new application",
    blocks=None,
    obstacles=("LAW",),
    patterns=("P25",),
    fix="Renew by paying the fee (designate the licence under LFA s.12), or make the "
        "licence non-expiring with a periodic fee",
    redesign=("renew-by-payment",),
)
def renewal_requires_reapplication(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds licences that expire and must be applied for again: steps that say the
    licence has a term or must be renewed (ต่ออายุใบอนุญาต, ใบอนุญาตมีอายุ, สิ้นอายุ),
    and renewal services (a process, pool or service header named ต่ออายุ…) whose
    applicant submits an application again. In a renewal service without such a
    step the finding is on the (first) submission step, preferably the applicant's.

    ## Why it matters
    A full re-application every year repeats the documents, visits and checks of the
    first licence although nothing changed. The burden is counted per year in the
    Standard Cost Model (frequency), so renewals often dominate a service's burden.

    ## Example
    ```
    process "การต่ออายุใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร":
      [ผู้ประกอบการ] ยื่นคำขอต่ออายุพร้อมเอกสารหลักฐาน ณ สำนักงาน -> ตรวจสถานที่ -> ...
    ```

    ## Use instead
    Renewal by paying the fee online before expiry, with the licence extended
    automatically (`renew-by-payment`), or a licence without expiry and an annual fee
    (as the Factory Act (No. 2) B.E. 2562 did for factory licences).

    ## Known problems
    * A renewal process whose submission is only a payment is not reported.
    * A step that just states the licence term (ใบอนุญาตมีอายุ 1 ปี) is reported:
      the term is the cause of the renewal, even when the renewal process is not drawn.
    * Wording such as "ไม่มีวันสิ้นอายุ" depends on the lexicon's negation handling.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.12: a licence may be renewed by paying
      the fee when the law allows (designation by Royal Decree) (◐).
    * Factory Act (No. 2) B.E. 2562: factory licences no longer expire.
    * domain brief, pattern P25; Standard Cost Model frequency (§3.1).
    """
    headers = _renewal_headers(ctx)
    reported: set[str] = set()
    for node, step in ctx.activities():
        hits = standing(step, "P25")
        if not hits or is_automated(ctx, node.id):
            continue
        reported.add(node.id)
        name = label(ctx, node.id)
        yield Finding(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ระบุว่าใบอนุญาตมีอายุและต้องยื่นขอต่ออายุใหม่",
            message_en=f"'{name}' says the licence expires and must be applied for again",
            evidence=hit_evidence(hits),
            conditional=any(h.conditional for h in hits),
        )
    if not headers or reported:
        return
    header = next(iter(headers.values()))
    submits = [(n, s) for n, s in ctx.activities()
               if s.kind is StepKind.SUBMIT and not is_automated(ctx, n.id)]
    chosen = next(((n, s) for n, s in submits if s.actor is Actor.APPLICANT),
                  submits[0] if submits else None)
    if chosen is None:
        return
    node, step = chosen
    name = label(ctx, node.id)
    online = step.channel is Channel.ONLINE
    yield Finding(
        element_id=node.id,
        message_th=f"การต่ออายุต้องยื่นคำขอใหม่ทั้งชุดที่ขั้นตอน '{name}'"
                   + (" (แม้ยื่นออนไลน์)" if online else ""),
        message_en=f"renewal is a full new application at '{name}'"
                   + (" (even if online)" if online else ""),
        evidence=(header, *step.evidence.get("kind", ())),
        conditional=step.conditional,
    )
