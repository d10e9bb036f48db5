"""STR026: a terminate end event where a plain end event would do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    direct_nodes,
    en_name,
    event_kinds,
    evidence,
    label_of,
    th_name,
)
from reprocess.model.elements import EndEvent, FlowNode, StartEvent, _SubProcessBase

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["superfluous_termination"]


@rule(code="STR026", name="superfluous-termination",
      title="Terminate end event where a plain end would do", blocks=None,
      bpmnlint=("superfluous-termination",),
      fix="Use a plain end event")
def superfluous_termination(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports the terminate end event of a process or sub-process when it is the only
    terminate end and every other place where the flow stops is an interrupting
    event sub-process: there is nothing left for it to terminate.

    ## Why it matters
    A terminate end says "stop all other work in progress". Where no other work can
    be in progress it suggests a parallel branch that does not exist, and readers
    look for it.

    ## Example
    A single path "รับคำขอ" -> "ออกใบอนุญาต" -> terminate end "เสร็จสิ้น".

    ## Use instead
    A plain end event "ได้รับใบอนุญาต" (licence received).

    ## Known problems
    Only the basic case is found, as in bpmnlint: no flow analysis decides whether
    parallel work could still be running.

    ## References
    bpmnlint rule [superfluous-termination](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/superfluous-termination.md);
    BPMN 2.0.2 clause 10 (Process), "End Event" (Terminate).
    """
    defs = ctx.defs
    for c in containers(defs):
        ends = [n for n in direct_nodes(c) if not defs.outgoing(n.id)]
        terminates = [n for n in ends if _is_terminate(n)]
        if len(terminates) != 1:
            continue
        if all(_is_terminate(n) or _interrupting_event_sub(n) for n in ends):
            node = terminates[0]
            yield Finding(
                element_id=node.id,
                message_th=(f"{th_name(node)} เป็นแบบยุติทั้งหมด (terminate) โดยไม่จำเป็น "
                            f"เพราะไม่มีงานอื่นใน '{label_of(c)}' ให้ยุติ"),
                message_en=(f"{en_name(node)} terminates although nothing else in "
                            f"'{label_of(c)}' can still be running"),
                evidence=(evidence(f"the only end of {c.id} besides interrupting event "
                                   "sub-processes; terminateEventDefinition"),),
            )


def _is_terminate(node: FlowNode) -> bool:
    return isinstance(node, EndEvent) and "terminate" in event_kinds(node)


def _interrupting_event_sub(node: FlowNode) -> bool:
    if not (isinstance(node, _SubProcessBase) and node.triggered_by_event):
        return False
    return any(isinstance(el, StartEvent) and el.is_interrupting for el in node.flow_elements)
