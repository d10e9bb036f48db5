"""STR006: a flow node that no start of its process or sub-process reaches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    en_name,
    evidence,
    quote_ids,
    th_name,
    unreachable,
)

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["unreachable_node"]


@rule(code="STR006", name="unreachable-node",
      title="Flow node that no start reaches", blocks=None,
      fix="Connect the unreachable steps to the flow that leads to them, or remove them")
def unreachable_node(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a flow node that cannot be reached, along sequence flows (and from an
    activity to its boundary events), from any start of its own process or
    sub-process. Starts are the start events, the nodes without an incoming flow
    (implicit starts), event sub-processes, link catch events and compensation
    handlers.

    ## Why it matters
    Such steps never run, yet they count in the number of steps, documents and
    visits the analysis reports. Typically they are a loop whose entry was never
    drawn: "แก้ไขเอกสาร" (correct the documents) and "ยื่นเอกสารเพิ่มเติม" (submit
    more documents) pointing at each other, with no arrow from the check that finds
    the missing document.

    ## Example
    Start -> "รับคำขอ" -> End, and beside it "แก้ไขเอกสาร" <-> "ยื่นเอกสารเพิ่ม"
    connected only to each other.

    ## Use instead
    Draw the flow that enters the loop, e.g. from the gateway "เอกสารครบถ้วน?"
    (documents complete?) on its "ไม่ครบ" (incomplete) branch.

    ## Known problems
    Reachability follows sequence flows inside one process or sub-process; a
    sub-process's own nodes are judged from its own starts. A node reached only
    through a link event pair counts as reached (the link catch event is a start).
    Not a bpmnlint rule.

    ## References
    BPMN 2.0.2 clause 13 (Execution Semantics): tokens move along sequence flows
    from the start events and implicit starts of a process.
    """
    for node, starts in unreachable(ctx.defs):
        where = quote_ids(starts) if starts else "none"
        yield Finding(
            element_id=node.id,
            message_th=f"{th_name(node)} ไม่มีเส้นทางจากจุดเริ่มต้นใดมาถึง",
            message_en=f"{en_name(node)} cannot be reached from any start",
            evidence=(evidence(f"no sequence-flow path from the start(s) of its scope: {where}"),),
        )
