"""STR003: a flow node with neither incoming nor outgoing sequence flows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    en_name,
    event_kinds,
    evidence,
    in_ad_hoc,
    is_event_sub_process,
    is_for_compensation,
    th_name,
)
from reprocess.model.elements import BoundaryEvent

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["disconnected_node"]


@rule(code="STR003", name="disconnected-node",
      title="Flow node not connected by any sequence flow", blocks=None,
      bpmnlint=("no-disconnected",),
      fix="Connect the step into the flow, or remove it if it is not part of the service")
def disconnected_node(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a task, call activity, sub-process, event or gateway that has no incoming
    and no outgoing sequence flow, and no message flow either.

    ## Why it matters
    A step floating beside the flow has no place in the order of work: nobody can say
    when it happens, who hands it over, or whether it adds to the service time. In
    a service description it is often a requirement the modeller could not place
    (a fee, a signature), which then escapes the analysis of the level.

    ## Example
    A task "ชำระค่าธรรมเนียม" (pay the fee) drawn in the lane of the finance unit
    with no arrow in or out.

    ## Use instead
    Connect it where it happens, e.g. between "ตรวจสอบเอกสาร" (check the documents)
    and "ออกใบอนุญาต" (issue the licence).

    ## Known problems
    Event sub-processes, compensation handlers and compensation boundary events are
    connected by other means and are skipped, as are the activities and events inside
    an ad-hoc sub-process. Unlike bpmnlint, call activities are checked too, and a
    node with a message flow counts as connected: in a collaboration the applicant's
    pool often holds a single task that only sends the application (STR004 and STR005
    still say that it starts and ends implicitly).

    ## References
    bpmnlint rule [no-disconnected](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-disconnected.md);
    BPMN 2.0.2 clause 8 (Core Structure), "Sequence Flow".
    """
    defs = ctx.defs
    messaged = {end for mf in defs.message_flows for end in (mf.source, mf.target)}
    for node in defs.flow_nodes():
        if is_event_sub_process(node) or is_for_compensation(node) or in_ad_hoc(defs, node):
            continue
        if isinstance(node, BoundaryEvent) and event_kinds(node) == ["compensate"]:
            continue
        if defs.incoming(node.id) or defs.outgoing(node.id) or node.id in messaged:
            continue
        yield Finding(
            element_id=node.id,
            message_th=f"{th_name(node)} ไม่ได้เชื่อมต่อกับเส้นลำดับงานใดเลย",
            message_en=f"{en_name(node)} is not connected to any sequence flow",
            evidence=(evidence("no incoming or outgoing sequence flow, no message flow"),),
        )
