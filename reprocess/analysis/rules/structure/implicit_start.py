"""STR004: a flow node without incoming flow that is not a start event (implicit start)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    en_name,
    evidence,
    in_ad_hoc,
    is_activity,
    is_event_sub_process,
    is_for_compensation,
    is_link_event,
    th_name,
)
from reprocess.model.elements import BoundaryEvent, IntermediateCatchEvent, StartEvent

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["implicit_start"]


@rule(code="STR004", name="implicit-start",
      title="Flow node starts the process implicitly (no incoming flow)", blocks=None,
      bpmnlint=("no-implicit-start",),
      fix="Lead a sequence flow into the step, from a start event or from the step before it")
def implicit_start(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an activity, event or gateway that has no incoming sequence flow and is
    not a start event, a boundary event, a link catch event, an event sub-process or
    a compensation handler.

    ## Why it matters
    In BPMN such a node starts on its own as soon as its process starts, in parallel
    with everything else. In a service description this is almost never meant: the
    step was drawn without the arrow that says what comes before it, so the order of
    work, the waiting times and the hand-offs computed from the model are wrong.

    ## Example
    The task "ตรวจสอบเอกสาร" (check the documents) has no arrow into it, although it
    happens after "รับคำขอ" (receive the application).

    ## Use instead
    Draw the sequence flow from "รับคำขอ" to "ตรวจสอบเอกสาร".

    ## Known problems
    Nodes inside an ad-hoc sub-process are skipped (they have no order by design).
    A node with neither incoming nor outgoing flow is also a disconnected node
    (STR003) and an implicit end (STR005), as in bpmnlint.

    ## References
    bpmnlint rule [no-implicit-start](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-implicit-start.md);
    BPMN 2.0.2 clause 13 (Execution Semantics), process instantiation.
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if isinstance(node, (StartEvent, BoundaryEvent)) or is_event_sub_process(node):
            continue
        if is_activity(node) and is_for_compensation(node):
            continue
        if isinstance(node, IntermediateCatchEvent) and is_link_event(node, only=True):
            continue
        if in_ad_hoc(defs, node) or defs.incoming(node.id):
            continue
        yield Finding(
            element_id=node.id,
            message_th=f"{th_name(node)} ไม่มีเส้นลำดับงานเข้า จึงเริ่มทำงานเองโดยปริยาย",
            message_en=f"{en_name(node)} has no incoming sequence flow: it starts implicitly",
            evidence=(evidence("no incoming sequence flow"),),
        )
