"""APP006: the applicant signs or seals the application by hand (pattern P06)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    doc_name,
    fact_evidence,
    from_applicant,
    hit_evidence,
    is_expanded,
    is_online,
    label,
    official_signs,
    requested,
    submission_online,
    submission_steps,
    terms,
)
from reprocess.model.enums import Actor, EServiceLevel, StepKind

__all__ = ["wet_ink_signature_required"]

_NOT_HERE = frozenset({StepKind.PAY, StepKind.ISSUE, StepKind.INSPECT})
"""Visits of their own rules. ``approve`` is not excluded: on an applicant's step it only
means the text says ลงนาม (the lexicon's approval word), which is the applicant signing."""


@rule(
    code="APP006",
    name="wet-ink-signature-required",
    title="Application signed or sealed by hand",
    blocks=EServiceLevel.L1,
    obstacles=("LAW", "IT"),
    patterns=("P06",),
    fix="Take the applicant's consent in an authenticated session or with an electronic "
        "signature (simple or PKI-based); drop the seal",
    redesign=("accept-e-signature",),
)
def wet_ink_signature_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the places where the applicant must sign or seal the application on paper
    (ลงลายมือชื่อ, ลงนาม, เซ็น, ประทับตรา, ตราบริษัท: pattern P06): an applicant step that
    is not online and is not a payment, pick-up or inspection; and, when no
    such step says it, the application form read by a submission step when its name says
    it is signed or sealed (a certified copy is APP005's). A signature word right after an official's title
    ("นายทะเบียนลงนาม") is the official's, not the applicant's, and is left to the
    approval-chain rules.

    ## Why it matters
    A handwritten signature or a company seal needs a paper form in the office: the
    application cannot be lodged online (OPDC level 1).

    ## Example
    ```xml
    <bpmn:manualTask id="Submit" name="กรอกแบบ ทพ. ลงลายมือชื่อ และยื่นคำขอ ณ เคาน์เตอร์"
                     rp:actor="applicant"/>
    ```
    gives `APP006 Submit`.

    ## Use instead
    Consent given in a session authenticated with a digital ID, or an electronic
    signature (the `accept-e-signature` pass); "ลงลายมือชื่ออิเล็กทรอนิกส์" in the text
    already silences the rule, and so does an `rp:channel="online"` step.

    ## Known problems
    A signature on a document the applicant only uploads is not reported: the upload
    path is judged by APP005 and APP010. Where a ministerial regulation prescribes the
    signed paper form the obstacle is LAW; record it with a waiver.

    ## References
    - พ.ร.บ.ว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์ พ.ศ. 2544 (Electronic Transactions Act 2001):
      electronic signatures have the effect of a handwritten one.
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: filings and evidence may not be
      refused for being electronic.
    """
    found: dict[str, Candidate] = {}
    for node, step in ctx.activities():
        if is_expanded(node) or is_online(step) or step.kind in _NOT_HERE:
            continue
        if step.actor is not Actor.APPLICANT:
            continue
        hits = [h for h in step.standing_hits("P06") if not official_signs(ctx, h)]
        if not hits:
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้ผู้ขอลงลายมือชื่อหรือประทับตราบนคำขอกระดาษ "
                       f"({terms(hits)})",
            message_en=f"'{name}' has the applicant sign or seal the paper application "
                       f"by hand ({terms(hits)})",
            patterns=["P06"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "actor", "channel", "medium"))
        found[node.id] = cand
    subs = submission_steps(ctx)
    inbound = from_applicant(ctx)
    for doc in ctx.documents():
        if not requested(ctx, doc, subs):
            continue
        hits = [h for h in doc.standing_hits("P06") if not official_signs(ctx, h)]
        readers = [r for r in doc.readers if r in subs]
        if not hits or not readers or not doc.standing_hits("P01") or any(h.pattern == "P05" for h in doc.hits):
            continue  # only the application form itself; a certified copy is APP005's
        if all(submission_online(ctx, r, inbound) for r in readers):
            continue
        if any(r in found for r in (*readers, *doc.writers)):
            for r in (*readers, *doc.writers):
                if r in found:
                    found[r].relate(doc.element_id)
            continue
        name = doc_name(doc)
        cand = Candidate(
            element_id=doc.element_id,
            message_th=f"เอกสาร '{name}' ต้องลงลายมือชื่อหรือประทับตราด้วยมือ ({terms(hits)})",
            message_en=f"'{name}' must be signed or sealed by hand ({terms(hits)})",
            patterns=["P06"], conditional=doc.conditional or all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.relate(*readers)
        found[doc.element_id] = cand
    for cand in found.values():
        yield cand.finding()
