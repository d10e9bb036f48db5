"""EFF002: data written into a logbook by hand, re-keyed or scanned from paper (P18)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    AGENCY_ACTORS,
    CAPTURE_ONCE_WORDS,
    find_terms,
    hit_evidence,
    is_automated,
    label,
    locally_negated,
    standing_terms,
    term_evidence,
)
from reprocess.model.elements import DataStoreReference, ManualTask
from reprocess.model.enums import Medium, StepKind

__all__ = ["manual_rekeying_or_logbook"]

_LOGBOOK_WORDS = ("สมุด", "แฟ้ม", "บัญชีคุม", "logbook", "log book", "register book", "ledger", "binder",
                  "card index", "paper register")


@rule(
    code="EFF002",
    name="manual-rekeying-or-logbook",
    title="Data kept in a paper logbook, re-keyed or scanned by hand",
    blocks=None,
    obstacles=("IT",),
    patterns=("P18",),
    fix="Capture the data once, at the source (the e-form or the other agency's system), "
        "into one system of record; drop the paper logbook and the re-keying",
    redesign=("capture-data-once",),
)
def manual_rekeying_or_logbook(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds agency work that copies data by hand: steps that write a logbook, key data
    from a paper form into a system, or scan paper (ลงทะเบียนรับ, สมุดทะเบียน, คีย์ข้อมูล,
    บันทึกข้อมูลเข้าระบบ, สแกน); ``manualTask``s of an agency lane that record
    something (kind ``register``, or writing a data store); and data stores that are
    paper logbooks or files (named สมุด/แฟ้ม, or ``rp:medium="paper"``). A step is
    reported on its own; a paper data store is reported once, with the steps that
    write or read it in ``related``.

    ## Why it matters
    Keying the same data twice costs officer time and introduces errors; a paper
    logbook cannot be searched, shared with another agency or published as open
    data. It blocks no level, but it is what keeps a service from being end to end.

    ## Example
    ```
    [ธุรการ] ลงทะเบียนรับคำขอในสมุดทะเบียนรับ  -> [นายทะเบียน] คีย์ข้อมูลจากแบบคำขอเข้าระบบ
    ```

    ## Use instead
    The e-form writes the case into the system of record once; the registry number is
    issued by the system (`capture-data-once`).

    ## Known problems
    * Re-keying words contain "system" (บันทึกข้อมูลเข้าระบบ), which the lexicon reads as
      digital evidence; this rule therefore ignores digital evidence on P18 hits and
      only drops a step that is automated or says the data arrives by itself
      (อัตโนมัติ, API, GDX, Linkage, ดึงข้อมูล).
    * A ``manualTask`` that records nothing (an inspection, a meeting) or only writes
      a document (signing a paper licence) is not reported here; other rules cover it.
    * A step that only writes a reported paper store, or only names the store it
      uses, is not reported again: the store's finding names it in ``related``.
    * A data store named แฟ้มข้อมูล may be an electronic file; say
      ``rp:medium="electronic"`` to silence it.

    ## References
    * Digital Government Administration Act B.E. 2562, s.12-13: agencies keep data
      in a form that can be linked and exchanged.
    * Electronic Government Administration Act B.E. 2565: electronic records are valid.
    * domain brief, pattern P18 and the once-only principle (§3.4).
    """
    store_steps: dict[str, list[str]] = {}
    reported_stores: set[str] = set()
    for doc in ctx.documents():
        if not doc.is_store:
            continue
        ref = ctx.defs.get(doc.element_id)
        if not isinstance(ref, DataStoreReference):
            continue
        ev: list[Evidence] = []
        if doc.medium is Medium.PAPER and "medium" in doc.evidence:
            ev.extend(doc.evidence["medium"])
        if doc.medium is not Medium.ELECTRONIC:
            words = standing_terms(doc.texts, _LOGBOOK_WORDS)
            ev.extend(term_evidence(m.term, part) for m, part in words)
            ev.extend(hit_evidence(h for h in doc.hits if h.pattern == "P18"
                                   and not h.negated and not locally_negated(h)))
        if not ev:
            continue
        users = tuple(dict.fromkeys((*doc.writers, *doc.readers)))
        reported_stores.add(doc.element_id)
        for u in users:
            store_steps.setdefault(u, []).append(doc.element_id)
        name = doc.name
        yield Finding(
            element_id=doc.element_id,
            message_th=f"ข้อมูลถูกบันทึกลงสมุดหรือแฟ้มกระดาษ '{name}'",
            message_en=f"data is kept in the paper logbook or file '{name}'",
            evidence=tuple(dict.fromkeys(ev)),
            conditional=doc.conditional,
            related=users,
        )

    for node, step in ctx.activities():
        if step.actor not in AGENCY_ACTORS or is_automated(ctx, node.id):
            continue
        hits = tuple(h for h in step.all_hits("P18")
                     if not h.negated and not locally_negated(h))
        if any(find_terms(p.text, CAPTURE_ONCE_WORDS) for p in step.texts):
            continue
        written = ctx.defs.documents_written(node.id)
        if written and all(d.id in reported_stores for d in written):
            continue  # the paper store's finding covers the step that writes it
        if hits and node.id in store_steps and all(
                find_terms(h.term, _LOGBOOK_WORDS) for h in hits):
            continue  # it only names the paper store it uses, reported above
        name = label(ctx, node.id)
        if hits:
            terms = ", ".join(dict.fromkeys(f"«{h.term}»" for h in hits))
            yield Finding(
                element_id=node.id,
                message_th=f"ขั้นตอน '{name}' บันทึก คัดลอกหรือสแกนข้อมูลด้วยมือ ({terms})",
                message_en=f"'{name}' logs, re-keys or scans data by hand ({terms})",
                evidence=hit_evidence(hits),
                conditional=any(h.conditional for h in hits),
            )
            continue
        if not isinstance(node, ManualTask):
            continue
        stores = [d for d in written if isinstance(d, DataStoreReference)]
        if not stores and step.kind is not StepKind.REGISTER:
            continue
        what = (f"writes the data store '{label(ctx, stores[0].id)}'" if stores
                else "records data (kind register)")
        yield Finding(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' เป็นงานบันทึกข้อมูลด้วยมือ (manualTask) ของเจ้าหน้าที่",
            message_en=f"'{name}' is a manual task of the agency that {what}",
            evidence=(Evidence(source="semantics",
                               text=f"manualTask in an agency lane that {what}"),
                      *step.evidence.get("kind", ())),
            conditional=step.conditional,
            related=tuple(store_steps.get(node.id, ())),
        )
