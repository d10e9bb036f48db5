"""PAY002: revenue stamps must be stuck on a paper document (pattern P12)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import DocumentClass, PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    document_requests,
    fact_evidence,
    hit_evidence,
    is_expanded,
    is_online,
    label,
    terms,
)
from reprocess.model.enums import EServiceLevel

__all__ = ["revenue_stamp_required"]


@rule(
    code="PAY002",
    name="revenue-stamp-required",
    title="Revenue stamps stuck on a paper document",
    blocks=EServiceLevel.L2,
    obstacles=("LAW", "IT"),
    patterns=("P12",),
    fix="Collect the stamp duty through the Revenue Department's e-Stamp Duty, or fold it "
        "into the electronic fee payment",
    redesign=("use-e-stamp-duty",),
)
def revenue_stamp_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the revenue stamps (อากรแสตมป์, ติดอากร: pattern P12) the applicant must buy
    and stick on a paper document, usually a power of attorney or a lease: on the
    document (with the reading steps as related), or on a step that says so when the
    step reads no such document. A power of attorney is usually conditional
    ("กรณีมอบอำนาจ"): the finding is then `conditional=True`.

    ## Why it matters
    A duty paid with paper stamps bought at a post office or revenue office cannot be
    paid online, so the service does not reach OPDC level 2 for the cases that need it,
    and the stamped paper itself has to travel to the agency.

    ## Example
    ```xml
    <bpmn:dataObjectReference id="POA" name="หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท"
                              rp:conditional="กรณีมอบอำนาจ"/>
    ```
    gives `PAY002 POA` (conditional).

    ## Use instead
    e-Stamp Duty for electronic instruments, or one electronic payment that includes the
    duty (the `use-e-stamp-duty` pass). "ชำระอากรผ่านระบบ e-Stamp Duty" already silences
    the rule.

    ## Known problems
    The stamp stays blocking even when the stamped document is uploaded as a scan: the
    duty itself was paid on paper. The scope of e-Stamp Duty for each instrument should
    be checked with the Revenue Department.

    ## References
    - ประมวลรัษฎากร (Revenue Code), stamp duty chapter and its schedule of instruments.
    - Revenue Department e-Stamp Duty.
    - Ministry of Finance e-payment policy (2018).
    """

    def match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
        hits = doc.standing_hits("P12")
        return (hits, fact_evidence(doc, "condition")) if hits else None

    reported: set[str] = set()
    for req in document_requests(ctx, match, step_patterns=("P12",)):
        reported.add(req.element_id)
        subject_th, subject_en = req.subject
        yield Finding(
            element_id=req.element_id,
            message_th=f"{subject_th} ต้องติดอากรแสตมป์บนกระดาษ ({terms(req.hits)}) "
                       "ชำระทางอิเล็กทรอนิกส์ไม่ได้",
            message_en=f"{subject_en} needs revenue stamps stuck on paper ({terms(req.hits)}); "
                       "the duty cannot be paid online",
            evidence=req.evidence, conditional=req.conditional, blocking=True,
            patterns=("P12",), related=req.related,
        )
    for node, step in ctx.activities():
        if is_expanded(node) or is_online(step) or node.id in reported:
            continue
        hits = step.standing_hits("P12")
        if not hits or not (step.applicant_facing or step.actor.value == "third-party"):
            continue
        docs = [d.id for d in (*ctx.defs.documents_read(node.id),
                               *ctx.defs.documents_written(node.id))]
        if any(d in reported for d in docs):
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้ติดอากรแสตมป์บนเอกสารกระดาษ ({terms(hits)})",
            message_en=f"'{name}' has revenue stamps stuck on a paper document ({terms(hits)})",
            patterns=["P12"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "actor", "channel"))
        reported.add(node.id)
        yield cand.finding()
