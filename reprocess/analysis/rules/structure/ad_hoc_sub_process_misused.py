"""STR028: a start or end event inside an ad-hoc sub-process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    direct_nodes,
    en_name,
    evidence,
    label_of,
    th_name,
)
from reprocess.model.elements import AdHocSubProcess, EndEvent, StartEvent

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["ad_hoc_sub_process_misused"]


@rule(code="STR028", name="ad-hoc-sub-process-misused",
      title="Start or end event inside an ad-hoc sub-process", blocks=None,
      bpmnlint=("ad-hoc-sub-process",),
      fix="Remove the start and end events from the ad-hoc sub-process")
def ad_hoc_sub_process_misused(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a start event or an end event placed directly inside an ad-hoc
    sub-process.

    ## Why it matters
    An ad-hoc sub-process is a set of steps done in any order, as the officer sees
    fit ("ตรวจสอบเพิ่มเติมตามความจำเป็น": further checks as needed). A start or end
    event imposes an order the construct does not have, and tools disagree on what
    it means.

    ## Example
    Ad-hoc sub-process "ตรวจสอบข้อเท็จจริง" (establish the facts) with a start event
    before "สอบถามพยาน" (question witnesses).

    ## Use instead
    Leave the activities unconnected inside the ad-hoc sub-process, or use an
    ordinary sub-process if the order is fixed.

    ## Known problems
    None known.

    ## References
    bpmnlint rule [ad-hoc-sub-process](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/ad-hoc-sub-process.md);
    BPMN 2.0.2 clause 10 (Process), "Ad-Hoc Sub-Process": no start or end events.
    """
    for c in containers(ctx.defs):
        if not isinstance(c, AdHocSubProcess):
            continue
        for node in direct_nodes(c):
            if isinstance(node, (StartEvent, EndEvent)):
                yield Finding(
                    element_id=node.id,
                    message_th=(f"{th_name(node)} อยู่ในกระบวนงานย่อยแบบไม่กำหนดลำดับ "
                                f"(ad-hoc) '{label_of(c)}' ซึ่งห้ามมีเหตุการณ์เริ่มต้นหรือสิ้นสุด"),
                    message_en=(f"{en_name(node)} is inside the ad-hoc sub-process "
                                f"'{label_of(c)}', which must have no start or end events"),
                    evidence=(evidence(f"{node.type} directly inside adHocSubProcess {c.id}"),),
                    related=(c.id,),
                )
