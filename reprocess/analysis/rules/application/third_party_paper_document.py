"""APP007: a paper document from a third party: consent, lease, power of attorney, witness
(pattern P07)."""

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
    handed,
    hit_evidence,
    is_expanded,
    is_online,
    label,
    terms,
    uploaded_hits,
)
from reprocess.model.enums import Actor, EServiceLevel

__all__ = ["third_party_paper_document"]


@rule(
    code="APP007",
    name="third-party-paper-document",
    title="Paper document from a third party",
    blocks=EServiceLevel.L1,
    obstacles=("LAW", "IT"),
    patterns=("P07",),
    fix="Let the third party consent electronically with their own digital ID (e-consent, "
        "e-power of attorney); pay any stamp duty through e-Stamp Duty",
    redesign=("accept-e-consent",),
)
def third_party_paper_document(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the paper documents the applicant must obtain from someone else: a consent
    letter, a lease, a power of attorney, witnesses (หนังสือยินยอม, สัญญาเช่า,
    หนังสือมอบอำนาจ, พยาน: pattern P07), or a document whose `rp:issuer` is a third party
    (a landlord, an employer) and not the state. It reports on the document with the
    reading steps as related, and on a step of a third party's lane or pool that signs
    such a paper when no document is drawn. These documents are usually conditional
    ("กรณีมอบอำนาจ"): the finding is then `conditional=True`, not dropped.

    ## Why it matters
    A signature the applicant must collect on paper from another person keeps the
    application at the counter (OPDC level 1), and a power of attorney with revenue
    stamps also keeps the payment off line (see PAY002).

    ## Example
    ```xml
    <bpmn:dataObjectReference id="POA" name="หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท"
                              rp:conditional="กรณีมอบอำนาจให้ผู้อื่นยื่นแทน"/>
    ```
    gives `APP007 POA` (conditional).

    ## Use instead
    The third party consents with their own digital ID (NDID, ThaID) on the agency's
    system, an electronic power of attorney, and e-Stamp Duty for the duty (the
    `accept-e-consent` pass). Brought on paper it blocks L1 (another person's wet-ink
    signature cannot be lodged online); an upload of the signed paper is reported with
    `blocking=False`: the signature is still on paper.

    ## Known problems
    A stamp word alone (อากรแสตมป์) is PAY002's. A document with a pattern of its own
    (a bank book is P08) is not reported here for its issuer only.

    ## References
    - พ.ร.บ.ว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์ พ.ศ. 2544 (Electronic Transactions Act 2001):
      electronic signatures and data messages.
    - Revenue Department e-Stamp Duty (stamp duty on electronic instruments).
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565.
    """

    def match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
        hits = tuple(h for h in uploaded_hits(doc, "P07") if not _stamp_only(ctx, h))
        return (hits, fact_evidence(doc, "issuer", "condition")) if hits else None

    reported: set[str] = set()
    for req in document_requests(ctx, match, step_patterns=("P07",)):
        reported.add(req.element_id)
        subject_th, subject_en = req.subject
        how_th, how_en = handed(req.presentation)
        yield Finding(
            element_id=req.element_id,
            message_th=f"{subject_th} เป็นเอกสารกระดาษที่ต้องมีลายมือชื่อของบุคคลที่สาม "
                       f"({terms(req.hits)}) ({how_th})",
            message_en=f"{subject_en} is a paper document signed by a third party "
                       f"({terms(req.hits)}) ({how_en})",
            evidence=req.evidence, conditional=req.conditional,
            blocking=req.presentation.brought, patterns=("P07",), related=req.related,
        )
    yield from _third_party_steps(ctx, reported)


def _stamp_only(ctx: AnalysisContext, hit: PatternHit) -> bool:
    """A P07 hit that is only a stamp word (also P12): PAY002 reports it."""
    return bool(ctx.lexicon.match(hit.term, tables=("P12",)))


def _third_party_steps(ctx: AnalysisContext, reported: set[str]) -> Iterator[Finding]:
    for node, step in ctx.activities():
        if is_expanded(node) or is_online(step) or step.actor is not Actor.THIRD_PARTY:
            continue
        hits = [h for h in step.standing_hits("P07", "P06") if not _stamp_only(ctx, h)]
        if not hits:
            continue
        touched = [d.id for d in (*ctx.defs.documents_read(node.id),
                                  *ctx.defs.documents_written(node.id))]
        if any(d in reported for d in touched):
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้บุคคลที่สามลงนามในเอกสารกระดาษ ({terms(hits)})",
            message_en=f"'{name}' has a third party sign a paper document ({terms(hits)})",
            patterns=["P07"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "actor"))
        yield cand.finding()
