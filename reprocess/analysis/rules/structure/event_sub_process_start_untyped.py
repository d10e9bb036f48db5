"""STR025: a blank start event inside an event sub-process."""

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

__all__ = ["event_sub_process_start_untyped"]


@rule(code="STR025", name="event-sub-process-start-untyped",
      title="Start event of an event sub-process has no trigger", blocks=None,
      bpmnlint=("event-sub-process-typed-start-event",),
      fix="Give the start event the trigger that starts the handling (message, timer, error)")
def event_sub_process_start_untyped(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a start event without an event definition inside an event sub-process.

    ## Why it matters
    An event sub-process runs when its trigger occurs: a withdrawal of the
    application, a deadline. With a blank start nothing says when the handling
    happens, so neither the reader nor the analysis knows when it applies.

    ## Example
    Event sub-process "ผู้ยื่นขอถอนคำขอ" (applicant withdraws) with a blank start.

    ## Use instead
    A message start event "ได้รับหนังสือขอถอน" (withdrawal letter received).

    ## Known problems
    None known.

    ## References
    bpmnlint rule [event-sub-process-typed-start-event](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/event-sub-process-typed-start-event.md);
    BPMN 2.0.2 clause 10 (Process), "Event Sub-Processes": the start event must have a
    trigger.
    """
    for c in containers(ctx.defs):
        if not isinstance(c, _SubProcessBase) or not c.triggered_by_event:
            continue
        for node in direct_nodes(c):
            if isinstance(node, StartEvent) and not event_kinds(node):
                yield Finding(
                    element_id=node.id,
                    message_th=(f"{th_name(node)} ในกระบวนงานย่อยตามเหตุการณ์ '{label_of(c)}' "
                                "ไม่ได้ระบุชนิดของเหตุการณ์ที่กระตุ้น"),
                    message_en=(f"{en_name(node)} in event sub-process '{label_of(c)}' has "
                                "no trigger"),
                    evidence=(evidence("startEvent without an event definition",
                                       source="semantics"),),
                    related=(c.id,),
                )
