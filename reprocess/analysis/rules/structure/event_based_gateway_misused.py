"""STR021: an event-based gateway with too few or conditional outgoing flows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    en_name,
    evidence,
    has_condition,
    label_of,
    th_name,
)
from reprocess.model.elements import EventBasedGateway

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["event_based_gateway_misused"]


@rule(code="STR021", name="event-based-gateway-misused",
      title="Event-based gateway with fewer than two or with conditional flows", blocks=None,
      bpmnlint=("event-based-gateway",),
      fix="Give the gateway two or more unconditional flows, each to the event it waits for")
def event_based_gateway_misused(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an event-based gateway with fewer than two outgoing sequence flows, and
    each conditional sequence flow leaving an event-based gateway.

    ## Why it matters
    The gateway waits for whichever event comes first (the applicant's reply, or the
    deadline passing). With one branch there is no race; a condition on a branch has
    no meaning, since the event that occurs decides. Either way the waiting rule the
    service applies is unclear.

    ## Example
    An event-based gateway after "แจ้งให้ส่งเอกสารเพิ่ม" (ask for more documents)
    with a single branch to "ได้รับเอกสาร" (documents received), and no timer.

    ## Use instead
    Two branches: "ได้รับเอกสาร" and a timer "ครบ 7 วัน" (7 days passed) leading to
    "ยุติเรื่อง" (close the case), both without conditions.

    ## Known problems
    The kinds of the events after the gateway are not checked.

    ## References
    bpmnlint rule [event-based-gateway](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/event-based-gateway.md);
    BPMN 2.0.2 clause 10 (Process), "Event-Based Gateway".
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if not isinstance(node, EventBasedGateway):
            continue
        outgoing = defs.outgoing(node.id)
        if len(outgoing) < 2:
            yield Finding(
                element_id=node.id,
                message_th=(f"{th_name(node)} มีเส้นออกเพียง {len(outgoing)} เส้น "
                            "ต้องมีอย่างน้อย 2 เส้นเพื่อรอเหตุการณ์ที่เกิดก่อน"),
                message_en=(f"{en_name(node)} has {len(outgoing)} outgoing flow(s); "
                            "an event-based gateway needs at least two"),
                evidence=(evidence(f"{len(outgoing)} outgoing sequence flow(s)"),),
            )
        for flow in outgoing:
            if has_condition(flow):
                yield Finding(
                    element_id=flow.id,
                    message_th=(f"{th_name(flow)} ออกจากเกตเวย์ตามเหตุการณ์ '{label_of(node)}' "
                                "แต่มีเงื่อนไข ซึ่งไม่มีผล"),
                    message_en=(f"{en_name(flow)} leaves the event-based gateway "
                                f"'{label_of(node)}' but carries a condition"),
                    evidence=(evidence(f"{flow.id} has a conditionExpression"),),
                    related=(node.id,),
                )
