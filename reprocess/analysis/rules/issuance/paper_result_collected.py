"""ISS001: the result is a paper licence or certificate, printed and collected (pattern P14)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import DocumentClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    doc_name,
    fact_evidence,
    hit_evidence,
    is_end,
    is_expanded,
    is_online,
    label,
    merge_counterparts,
    output_documents,
    paper_step,
    semantics,
    submission_steps,
    successors,
    terms,
    walk,
)
from reprocess.model.elements import ManualTask
from reprocess.model.enums import Actor, EServiceLevel, Medium, StepKind

__all__ = ["paper_result_collected"]

_NOT_COLLECT = frozenset({StepKind.PAY, StepKind.SUBMIT, StepKind.APPROVE, StepKind.INSPECT,
                          StepKind.WAIT, StepKind.NOTIFY, StepKind.VERIFY})


@rule(
    code="ISS001",
    name="paper-result-collected",
    title="Paper licence or certificate printed and collected",
    blocks=EServiceLevel.L3,
    obstacles=("IT", "LAW"),
    patterns=("P14",),
    fix="Issue a digitally signed e-licence or e-certificate (PDF with a PKI signature and a QR "
        "code for online verification), delivered by e-mail or app; print on request",
    redesign=("issue-e-document",),
)
def paper_result_collected(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds where the service's result is a paper document the applicant must collect:
    an applicant step, not online, that collects a licence, certificate or registration
    (รับใบอนุญาต, มารับ, รับผล, ติดต่อรับ: pattern P14, or kind *issue*), and an applicant
    step at an office that ends the process right after the agency wrote a paper
    result. The officer's hand-over step and the paper output data objects (the
    `dataOutputAssociation` of the issuing step) are listed as related. A paper result
    that nobody collects in the model (sent by post) is reported on the output data
    object itself.

    ## Why it matters
    OPDC level 3 (ออกเอกสารอิเล็กทรอนิกส์ได้) needs the result issued as an electronic
    document, digitally signed and verifiable, with no pick-up visit.

    ## Example
    ```xml
    <bpmn:manualTask id="Collect" name="รับใบทะเบียนพาณิชย์ฉบับจริง ณ เคาน์เตอร์"/>
    <bpmn:dataObjectReference id="Certificate" name="ใบทะเบียนพาณิชย์ (กระดาษ)" rp:medium="paper"/>
    ```
    gives `ISS001 Collect` (related `Certificate`).

    ## Use instead
    A digitally signed e-document with a QR code, sent by e-mail or to the ทางรัฐ app
    (the `issue-e-document` pass): "ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์" or
    `rp:channel="online"` on the collecting step already silences the rule.

    ## Known problems
    A letter that only tells the result is ISS002's, not this rule's. A payment step whose
    text mentions the receipt (รับใบเสร็จ) is not a collection. An agency step that
    "issues the licence" with no medium named is not taken to be paper unless the model
    says so (`rp:medium`, a `manualTask`, a paper output).

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: electronic issuance and
      communication by default; electronic documents are valid evidence.
    - Electronic Transactions Act 2544: reliable (PKI) electronic signatures.
    - OPDC e-Service ladder: L3 = ออกเอกสารอิเล็กทรอนิกส์ได้.
    """
    subs = submission_steps(ctx)
    outputs = [d for d in output_documents(ctx, subs)
               if d.medium is not Medium.ELECTRONIC and not _letter(ctx, d)]
    found: dict[str, Candidate] = {}
    for node, step in ctx.activities():
        if is_expanded(node) or is_online(step) or step.kind in _NOT_COLLECT:
            continue
        if not step.applicant_facing:
            continue
        hits = step.standing_hits("P14")
        ends = [n for n in successors(ctx, node.id) if is_end(ctx.node(n))]
        closing = (step.actor is Actor.APPLICANT and bool(ends) and bool(outputs)
                   and paper_step(node, step))
        if not (step.kind is StepKind.ISSUE or hits or closing):
            continue
        if step.actor is not Actor.APPLICANT and not (
                step.medium is Medium.PAPER or isinstance(node, ManualTask)):
            continue  # an officer "issues the licence": paper only when the model says so
        name = label(node)
        if step.actor is Actor.APPLICANT:
            th = f"ขั้นตอน '{name}' ให้ผู้ขอมารับผลเป็นเอกสารกระดาษ ณ สำนักงาน"
            en = f"'{name}' has the applicant collect the result as a paper document at the office"
        else:
            th = f"ขั้นตอน '{name}' ออกผลเป็นเอกสารกระดาษและส่งมอบให้ผู้ขอ ณ สำนักงาน"
            en = f"'{name}' issues the result as a paper document handed over at the office"
        cand = Candidate(element_id=node.id, message_th=th, message_en=en, patterns=["P14"])
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "kind", "actor", "channel", "medium"))
        if ends and step.actor is Actor.APPLICANT:
            cand.evidence.append(semantics(
                f"the applicant's step just before the end event '{label(ctx.node(ends[0]))}'",
                element_id=ends[0]))
        found[node.id] = cand
    kept = merge_counterparts(ctx, found)
    by_id = {c.element_id: c for c in kept}
    covered: set[str] = set()
    for doc in outputs:
        # the collection steps after the step that writes the paper result (across pools)
        for w in doc.writers:
            reached = [w, *walk(ctx, w, limit=400)]
            for n in reached:
                collect = by_id.get(n)
                if collect is None:
                    continue
                collect.relate(doc.element_id, w)
                collect.evidence.extend(fact_evidence(doc, "medium"))
                covered.add(doc.element_id)
    for cand in kept:
        yield cand.finding()
    for doc in outputs:
        if doc.element_id not in covered:
            yield _paper_output(ctx, doc)


def _letter(ctx: AnalysisContext, doc: DocumentClass) -> bool:
    """A document written by a notification step: a letter (ISS002's), not the result."""
    writers = [w for w in doc.writers if w in ctx.steps]
    return bool(writers) and all(ctx.steps[w].kind is StepKind.NOTIFY for w in writers)


def _paper_output(ctx: AnalysisContext, doc: DocumentClass) -> Finding:
    name = doc_name(doc)
    hits = doc.standing_hits("P14")
    writers = [w for w in doc.writers if w in ctx.steps]
    by = f" โดย '{label(ctx.node(writers[0]))}'" if writers else ""
    by_en = f" by '{label(ctx.node(writers[0]))}'" if writers else ""
    evidence = [*fact_evidence(doc, "medium", "originals"), *hit_evidence(hits)]
    if not fact_evidence(doc, "medium"):
        evidence.append(semantics("a data object with no electronic medium named"))
    for w in writers:
        evidence.append(semantics(f"written by '{label(ctx.node(w))}' (dataOutputAssociation)",
                                  element_id=w))
    return Finding(
        element_id=doc.element_id,
        message_th=f"ผลของบริการ '{name}' ออกเป็นเอกสารกระดาษ{by}"
                   + (f" ({terms(hits)})" if hits else ""),
        message_en=f"the result '{name}' is issued on paper{by_en}"
                   + (f" ({terms(hits)})" if hits else ""),
        evidence=tuple(evidence), patterns=("P14",), related=tuple(writers),
    )
