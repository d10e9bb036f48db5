"""STR016: a step, event, deciding gateway, conditional flow, pool or lane without a name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    en_name,
    evidence,
    has_condition,
    is_gateway,
    th_name,
)
from reprocess.model.elements import EventBasedGateway, ParallelGateway, _SubProcessBase

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["label_missing"]


@rule(code="STR016", name="label-missing",
      title="Element without a label", blocks=None,
      bpmnlint=("label-required",),
      fix="Name the element: a verb and object for a step, the question for a gateway")
def label_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an element without a name (or with only spaces): tasks, call activities
    and events; exclusive, inclusive and complex gateways that split (more than one
    outgoing flow); sequence flows with a condition; pools and lanes.

    ## Why it matters
    The name is the text the whole analysis reads: the Thai lexicon finds counters,
    paper, signatures and fees in it. An unnamed step cannot be classified, so what
    it costs the applicant is invisible; an unnamed pool or lane hides who does the
    work.

    ## Example
    A user task with no name between "รับคำขอ" and "ออกใบอนุญาต".

    ## Use instead
    Name it with what is done, e.g. "ตรวจสอบคุณสมบัติผู้ขอ" (check the applicant's
    eligibility); name a splitting gateway with its question, "คุณสมบัติครบ?".

    ## Known problems
    Sub-processes, parallel and event-based gateways, joining gateways and flows
    without a condition are not required to have a name, as in bpmnlint.

    ## References
    bpmnlint rule [label-required](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/label-required.md);
    BPMN 2.0.2 clause 8 (Core Structure), the ``name`` attribute of flow elements.
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if isinstance(node, (ParallelGateway, EventBasedGateway, _SubProcessBase)):
            continue
        if is_gateway(node) and len(defs.outgoing(node.id)) <= 1:
            continue
        if _blank(node.name):
            yield _finding(node)
    for flow in defs.sequence_flows():
        if has_condition(flow) and _blank(flow.name):
            yield _finding(flow)
    for part in defs.participants:
        if _blank(part.name):
            yield _finding(part)
    for c in containers(defs):
        for ls in c.lane_sets:
            for top in ls.lanes:
                for lane in top.all_lanes():
                    if _blank(lane.name):
                        yield _finding(lane)


def _blank(name: str | None) -> bool:
    return not (name or "").strip()


def _finding(element: Any) -> Finding:
    return Finding(
        element_id=element.id,
        message_th=f"{th_name(element)} ไม่มีชื่อกำกับ",
        message_en=f"{en_name(element)} has no label",
        evidence=(evidence("name attribute missing or blank", field="name"),),
    )
