"""APP002: the applicant must appear in person to prove identity or be heard (pattern P02)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    after_decision,
    all_conditional,
    fact_evidence,
    hit_evidence,
    is_expanded,
    is_online,
    label,
    loop_closing_flows,
    merge_counterparts,
    semantics,
    terms,
)
from reprocess.model.enums import EServiceLevel, StepKind

__all__ = ["personal_appearance_required"]

_NOT_HERE = frozenset({StepKind.PAY, StepKind.ISSUE, StepKind.INSPECT})


@rule(
    code="APP002",
    name="personal-appearance-required",
    title="Applicant must appear in person to prove identity",
    blocks=EServiceLevel.L1,
    obstacles=("IT", "LAW"),
    patterns=("P02",),
    fix="Verify identity with a digital ID (ThaID, NDID, the DGA Digital ID standard) at the "
        "assurance level needed; hold interviews by video where a law requires appearance",
    redesign=("use-digital-id",),
)
def personal_appearance_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the steps that make the applicant come before an official to prove who they
    are or to give a statement: a step (not online) whose text says so (แสดงตน,
    มาด้วยตนเอง, ต่อหน้าเจ้าหน้าที่, แสดงบัตรประจำตัวประชาชนตัวจริง, สอบสวน, ให้ถ้อยคำ,
    รายงานตัว: pattern P02). The officer's step that receives the applicant in the same
    visit is folded into the applicant's step. An appearance after the agency's decision
    (a monthly report in person) is reported with `blocking=False`: it is a repeated
    visit, not an obstacle to applying online. Payment, pick-up and site-inspection
    visits are left to their own rules.

    ## Why it matters
    A required personal appearance means the application cannot be completed online,
    so the service cannot reach OPDC level 1. Since 10 January 2023 the agency itself
    verifies identity against the civil registration, and a digital ID card may be
    shown instead of the physical one.

    ## Example
    ```xml
    <bpmn:manualTask id="Report" name="ยื่นเรื่องแจ้งเกิด และแสดงบัตรประจำตัวประชาชนตัวจริงต่อหน้าเจ้าหน้าที่"/>
    ```
    gives `APP002 Report`.

    ## Use instead
    A digital-ID login at the needed assurance level (the `use-digital-id` redesign
    pass): `ยืนยันตัวตนด้วย ThaID`. Digital wording in the same text ("ยืนยันตัวตนผ่าน
    ThaID") or a negation ("ไม่ต้องมาแสดงตน") already silences the rule.

    ## Known problems
    "In person" on a submission step is also a sign of APP001; both are reported because
    they are different facts (the counter, the identity check) with different fixes. An
    original ID card listed only among the documents is not reported here (it goes with
    the counter submission, APP001, and its copy with APP003). A specific Act that
    demands appearance (some registrations) makes the obstacle LAW: record it with a
    waiver and its legal basis.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: the agency verifies identity with
      the civil registration; digital ID card accepted (in force 10 Jan 2023).
    - พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 (DGA Act), s.12(4):
      a digital identity system for public services.
    - DGA Digital ID standard; ThaID (DOPA); NDID.
    """
    back = loop_closing_flows(ctx)
    found: dict[str, Candidate] = {}
    for node, step in ctx.activities():
        if is_expanded(node) or is_online(step) or step.kind in _NOT_HERE:
            continue
        hits = step.standing_hits("P02")
        if not hits:
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้ผู้ขอมาแสดงตนต่อหน้าเจ้าหน้าที่ ({terms(hits)})",
            message_en=f"'{name}' requires the applicant to appear in person before an "
                       f"official ({terms(hits)})",
            patterns=["P02"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "actor", "copresence", "channel"))
        decision = after_decision(ctx, node.id, back)
        if decision is not None:
            # a report after the decision (รายงานตัว) is a repeated visit, not an obstacle to
            # applying online: reported, but it does not block L1
            cand.blocking = False
            cand.message_th += f" หลังการพิจารณา '{label(ctx.node(decision))}' (มาซ้ำ ไม่ใช่ขั้นยื่นคำขอ)"
            cand.message_en += (f", after the decision '{label(ctx.node(decision))}' (a repeated "
                                "visit, not part of applying)")
            cand.evidence.append(semantics(
                f"comes after the decision '{label(ctx.node(decision))}'", element_id=decision))
        found[node.id] = cand
    for cand in merge_counterparts(ctx, found):
        yield cand.finding()
