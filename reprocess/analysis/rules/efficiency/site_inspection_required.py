"""EFF005: an official inspects the site before the decision (P21)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    digital_terms,
    hit_evidence,
    is_automated,
    label,
    standing,
)
from reprocess.model.enums import Actor, StepKind

__all__ = ["site_inspection_required"]


@rule(
    code="EFF005",
    name="site-inspection-required",
    title="Site inspection before the decision",
    blocks=None,
    obstacles=("LAW", "BUDGET"),
    patterns=("P21",),
    fix="Inspect by risk: self-certification with post-audit for low-risk cases, remote or "
        "video inspection with geo-tagged photos, or licensed private inspectors",
    redesign=("inspect-by-risk-or-remotely",),
)
def site_inspection_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds inspection steps of the agency (or of an inspector): words such as
    ตรวจสถานที่, ออกตรวจ, ลงพื้นที่, ตรวจสุขลักษณะ, ตรวจโรงงาน, รังวัด, or a step
    annotated ``rp:kind="inspect"``. The message says when the applicant has to be
    present (``rp:copresence``), which is a visit at the premises.

    ## Why it matters
    An inspection before every decision waits for an inspector's schedule and travel
    (often one to two weeks) and requires the applicant to be there. It blocks no
    e-Service level but is usually the longest wait after the committee.

    ## Example
    ```
    [เจ้าพนักงานสาธารณสุข] นัดหมายและออกตรวจสุขลักษณะสถานที่ (7-15 วัน)
    ```

    ## Use instead
    Risk-based inspection (`inspect-by-risk-or-remotely`): low-risk premises
    self-certify with photos and are audited after the licence; others are inspected
    by video, with satellite images, or by a licensed private inspector.

    ## Known problems
    * Inspections that are already remote (ตรวจผ่านวิดีโอ, ภาพถ่ายดาวเทียม, remote)
      are not reported.
    * Steps of the applicant (preparing the premises) are not reported; only the
      inspector's step is.
    * ตรวจสอบข้อเท็จจริง may be a desk check; read the finding.

    ## References
    * Factory Act (No. 2) B.E. 2562: inspections by licensed private inspectors
      (ผู้ตรวจสอบเอกชน).
    * Licensing Facilitation Act B.E. 2558, s.7 and s.10: criteria and time limits in
      the manual.
    * World Bank B-READY / Doing Business: inspections count as procedures.
    * domain brief, pattern P21 and metric ``n_inspections``.
    """
    for node, step in ctx.activities():
        if step.actor is Actor.APPLICANT or is_automated(ctx, node.id):
            continue
        if digital_terms(step.texts):
            continue
        hits = standing(step, "P21")
        evidence: tuple[Evidence, ...]
        if hits:
            evidence = hit_evidence(hits)
            conditional = any(h.conditional for h in hits)
        elif step.kind is StepKind.INSPECT and {
                e.source for e in step.evidence.get("kind", ())} & {"annotation", "sidecar"}:
            if step.digital:
                continue
            evidence = tuple(step.evidence["kind"])
            conditional = step.conditional
        else:
            continue
        name = label(ctx, node.id)
        present_th = " โดยผู้ขอต้องอยู่ ณ สถานที่" if step.copresence else ""
        present_en = ", with the applicant present" if step.copresence else ""
        if step.copresence:
            evidence = (*evidence, *step.evidence.get("copresence", ()))
        days = (f" ({step.duration_days:g} วัน)" if step.duration_days else "",
                f" ({step.duration_days:g} days)" if step.duration_days else "")
        yield Finding(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ต้องออกตรวจสถานที่ก่อนพิจารณา{present_th}{days[0]}",
            message_en=f"'{name}' inspects the site before the decision{present_en}{days[1]}",
            evidence=evidence,
            conditional=conditional,
        )
