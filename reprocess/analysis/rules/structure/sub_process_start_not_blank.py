"""STR024: a typed start event inside an ordinary sub-process."""

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
from reprocess.model.elements import StartEvent, _SubProcessBase

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["sub_process_start_not_blank"]


@rule(code="STR024", name="sub-process-start-not-blank",
      title="Start event of a sub-process has a trigger", blocks=None,
      bpmnlint=("sub-process-blank-start-event",),
      fix="Make the start event blank; put the waiting before the sub-process")
def sub_process_start_not_blank(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a start event with an event definition (message, timer ...) inside a
    sub-process that is not an event sub-process.

    ## Why it matters
    A sub-process starts when the flow reaches it; its start event cannot wait for
    anything. A trigger there usually hides a wait ("รอผลตรวจจากหน่วยงานอื่น": wait
    for the other agency's result) that then escapes the timing analysis.

    ## Example
    Sub-process "ตรวจสอบคุณสมบัติ" whose start event is a message start "ได้รับผล
    ตรวจประวัติ" (background check received).

    ## Use instead
    A blank start inside, and a message catch event (or receive task) for the
    awaited result as a step of the sub-process.

    ## Known problems
    Transactions and ad-hoc sub-processes count as sub-processes, as in bpmnlint.

    ## References
    bpmnlint rule [sub-process-blank-start-event](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/sub-process-blank-start-event.md);
    BPMN 2.0.2 clause 10 (Process), "Start Event" (a sub-process's start event has no
    trigger).
    """
    for c in containers(ctx.defs):
        if not isinstance(c, _SubProcessBase) or c.triggered_by_event:
            continue
        for node in direct_nodes(c):
            kinds = event_kinds(node)
            if isinstance(node, StartEvent) and kinds:
                yield Finding(
                    element_id=node.id,
                    message_th=(f"{th_name(node)} ในกระบวนงานย่อย '{label_of(c)}' "
                                f"ต้องเป็นแบบไม่ระบุชนิด แต่เป็นชนิด {', '.join(kinds)}"),
                    message_en=(f"{en_name(node)} in sub-process '{label_of(c)}' must be "
                                f"blank but has a {', '.join(kinds)} trigger"),
                    evidence=(evidence("event definitions: " + ", ".join(kinds),
                                       source="semantics"),),
                    related=(c.id,),
                )
