"""STR014: a flow leaving a conditional split with neither a condition nor the default mark."""

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

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["conditional_flow_without_default"]


@rule(code="STR014", name="conditional-flow-without-default",
      title="Flow of a conditional split has no condition and is not the default", blocks=None,
      bpmnlint=("conditional-flows",),
      fix="Give the flow its condition, or mark it as the default flow of its source")
def conditional_flow_without_default(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a sequence flow without a condition that leaves a conditional split (a
    gateway or activity that has a default flow or at least one conditional outgoing
    flow) and is not that source's default flow.

    ## Why it matters
    Once some branches of a split carry conditions, a branch without one is taken
    always (from an activity) or is undefined (from an exclusive gateway). In a
    service map this is the "otherwise" case, e.g. what happens when the documents
    are not complete, left unstated.

    ## Example
    Gateway "เอกสารครบถ้วน?" with the flow "ครบ" (complete) conditional and the flow
    to "แจ้งให้แก้ไข" (ask for corrections) neither conditional nor default.

    ## Use instead
    Mark the "ไม่ครบ" (incomplete) flow as the gateway's default, or give it its own
    condition.

    ## Known problems
    A split where no flow has a condition and none is the default is not reported
    (labels alone are allowed in descriptive models).

    ## References
    bpmnlint rule [conditional-flows](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/conditional-flows.md);
    BPMN 2.0.2 clause 10 (Process), "Exclusive Gateway" (conditions and the default).
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        outgoing = defs.outgoing(node.id)
        dflt = default_flow(node)
        if not dflt and not any(has_condition(f) for f in outgoing):
            continue
        for flow in outgoing:
            if has_condition(flow) or flow.id == dflt:
                continue
            yield Finding(
                element_id=flow.id,
                message_th=(f"{th_name(flow)} ออกจากจุดแยกแบบมีเงื่อนไข '{label_of(node)}' "
                            "แต่ไม่มีเงื่อนไขและไม่ใช่เส้นทางปริยาย"),
                message_en=(f"{en_name(flow)} leaves the conditional split '{label_of(node)}' "
                            "without a condition and is not its default flow"),
                evidence=(evidence(
                    f"{node.id} has " + (f"default={dflt}" if dflt else "conditional flows")
                    + f"; {flow.id} has no conditionExpression"),),
                related=(node.id,),
            )
