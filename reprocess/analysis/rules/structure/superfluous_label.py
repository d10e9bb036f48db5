"""STR032: a label on a sequence flow that decides nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    default_flow,
    en_name,
    evidence,
    has_condition,
    label_of,
    th_name,
)
from reprocess.model.elements import ExclusiveGateway, InclusiveGateway

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["superfluous_label"]


@rule(code="STR032", name="superfluous-label",
      title="Label on a sequence flow that decides nothing", blocks=None,
      bpmnlint=("superfluous-label",),
      fix="Move the text into the name of the step it describes, or delete it")
def superfluous_label(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a named sequence flow that has no condition, is not its source's default
    flow and does not leave an exclusive or inclusive gateway that splits.

    ## Why it matters
    On such a flow the label has no decision to name; it usually carries a fact
    that belongs to a step ("ส่งทางไปรษณีย์": sent by post), where the analysis would
    have read it. Left on the arrow, the post or paper it mentions escapes the
    classification of the steps.

    ## Example
    The flow from "อนุมัติ" (approve) to "แจ้งผล" (notify) labelled "ส่งหนังสือทาง
    ไปรษณีย์" (letter sent by post).

    ## Use instead
    Name the step "แจ้งผลเป็นหนังสือทางไปรษณีย์" (notify by letter by post), or
    annotate it, and leave the flow unlabelled.

    ## Known problems
    Labels naming the branches of an exclusive or inclusive split are kept, with or
    without a formal condition, as in bpmnlint.

    ## References
    bpmnlint rule [superfluous-label](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/superfluous-label.md);
    BPMN 2.0.2 clause 8 (Core Structure), "Sequence Flow".
    """
    defs = ctx.defs
    for flow in defs.sequence_flows():
        if not (flow.name or "").strip() or has_condition(flow):
            continue
        source = defs.get(flow.source)
        if source is not None and default_flow(source) == flow.id:
            continue
        if isinstance(source, (ExclusiveGateway, InclusiveGateway)) and len(
                defs.outgoing(source.id)) > 1:
            continue
        yield Finding(
            element_id=flow.id,
            message_th=(f"{th_name(flow)} มีชื่อกำกับทั้งที่ไม่ได้เป็นทางเลือกของจุดตัดสินใจ "
                        f"(จาก '{label_of(source) if source is not None else flow.source}')"),
            message_en=(f"{en_name(flow)} is labelled although it is not a branch of a "
                        "decision"),
            evidence=(evidence(f"name “{(flow.name or '').strip()}” on an unconditional flow "
                               f"from {flow.source}", field="name"),),
        )
