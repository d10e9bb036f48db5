"""STR010: an activity or event that splits the flow without a gateway."""

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
    is_gateway,
    quote_ids,
    th_name,
)

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["implicit_split"]


@rule(code="STR010", name="implicit-split",
      title="Activity or event splits the flow without a gateway", blocks=None,
      bpmnlint=("no-implicit-split",),
      fix="Put a gateway after the step: parallel if all branches run, exclusive if one does")
def implicit_split(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an activity or event with more than one outgoing sequence flow that has
    neither a condition nor is the default flow.

    ## Why it matters
    In BPMN such flows all run, in parallel. Service maps often mean a choice
    instead ("ครบ" / "ไม่ครบ": complete or not), which then reads as both branches
    happening, doubling steps, visits and time in the analysis. Either way the reader
    has to guess.

    ## Example
    "ตรวจสอบเอกสาร" (check the documents) with two plain arrows, one to "ออก
    ใบอนุญาต" (issue) and one to "แจ้งให้แก้ไข" (ask for corrections).

    ## Use instead
    An exclusive gateway "เอกสารครบถ้วน?" after the check, with one labelled branch
    per outcome; a parallel gateway if both really happen.

    ## Known problems
    Flows with a condition (even an empty one) and the default flow do not count.

    ## References
    bpmnlint rule [no-implicit-split](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-implicit-split.md);
    BPMN 2.0.2 clause 10 (Process), "Gateways" (uncontrolled flow).
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if is_gateway(node):
            continue
        dflt = default_flow(node)
        plain = [f.id for f in defs.outgoing(node.id) if not has_condition(f) and f.id != dflt]
        if len(plain) > 1:
            yield Finding(
                element_id=node.id,
                message_th=(f"{th_name(node)} แยกเส้นทางออก {len(plain)} ทางโดยไม่มีเกตเวย์ "
                            "ทุกเส้นทางจะทำงานพร้อมกัน"),
                message_en=(f"{en_name(node)} splits into {len(plain)} unconditional flows "
                            "without a gateway (all of them run)"),
                evidence=(evidence(f"unconditional outgoing flows: {quote_ids(plain)}"),),
                related=tuple(plain),
            )
