"""STR005: a flow node without outgoing flow that is not an end event (implicit end)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    en_name,
    event_kinds,
    evidence,
    in_ad_hoc,
    is_activity,
    is_event_sub_process,
    is_for_compensation,
    is_link_event,
    th_name,
)
from reprocess.model.elements import Association, BoundaryEvent, EndEvent, IntermediateThrowEvent
from reprocess.model.process import Definitions

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["implicit_end"]


@rule(code="STR005", name="implicit-end",
      title="Flow node ends the process implicitly (no outgoing flow)", blocks=None,
      bpmnlint=("no-implicit-end",),
      fix="Lead a sequence flow out of the step, to the next step or to an end event")
def implicit_end(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an activity, event or gateway that has no outgoing sequence flow and is
    not an end event, a link throw event, an event sub-process, a compensation handler
    or a compensation boundary event linked to its handler.

    ## Why it matters
    The path silently stops there. The reader cannot tell whether the service is
    finished (and with which result) or whether the modeller forgot the next step;
    the end-to-end time and the result the applicant receives are unknown on that
    path.

    ## Example
    The task "แจ้งผลการพิจารณา" (notify the decision) is the last element of its
    branch, with no end event after it.

    ## Use instead
    Connect it to an end event naming the outcome, e.g. "ผู้ยื่นได้รับแจ้งผล"
    (applicant notified).

    ## Known problems
    Nodes inside an ad-hoc sub-process are skipped. A boundary event with no
    outgoing flow is reported (it catches and then goes nowhere), as in bpmnlint.

    ## References
    bpmnlint rule [no-implicit-end](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-implicit-end.md);
    BPMN 2.0.2 clause 13 (Execution Semantics), process completion.
    """
    defs = ctx.defs
    linked = _association_sources(defs)
    for node in defs.flow_nodes():
        if isinstance(node, EndEvent) or is_event_sub_process(node):
            continue
        if isinstance(node, IntermediateThrowEvent) and is_link_event(node, only=True):
            continue
        if is_activity(node) and is_for_compensation(node):
            continue
        kinds = event_kinds(node)
        if (isinstance(node, BoundaryEvent) and kinds and all(k == "compensate" for k in kinds)
                and node.id in linked):
            continue
        if in_ad_hoc(defs, node) or defs.outgoing(node.id):
            continue
        yield Finding(
            element_id=node.id,
            message_th=f"{th_name(node)} ไม่มีเส้นลำดับงานออก เส้นทางจึงสิ้นสุดโดยปริยาย",
            message_en=f"{en_name(node)} has no outgoing sequence flow: the path ends implicitly",
            evidence=(evidence("no outgoing sequence flow"),),
        )


def _association_sources(defs: Definitions) -> set[str]:
    out: set[str] = set()
    for c in containers(defs):
        out.update(a.source for a in c.artifacts if isinstance(a, Association))
    for col in defs.collaborations:
        out.update(a.source for a in col.artifacts if isinstance(a, Association))
    return out
