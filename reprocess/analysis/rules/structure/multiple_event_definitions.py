"""STR023: an event with more than one event definition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, event_kinds, evidence, th_name

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["multiple_event_definitions"]


@rule(code="STR023", name="multiple-event-definitions",
      title="Event with more than one event definition", blocks=None,
      bpmnlint=("single-event-definition",),
      fix="Split the event into one event per trigger, or keep the one that applies")
def multiple_event_definitions(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an event with more than one event definition (a "multiple" event).

    ## Why it matters
    The notation shows a pentagon that says only "one of several triggers"; the
    reader cannot see which (a message, a timer). For waiting times the analysis
    needs to know whether a step waits for a date or for the applicant.

    ## Example
    An intermediate catch event with both a message and a timer definition after
    "ส่งหนังสือแจ้ง" (send the notice).

    ## Use instead
    An event-based gateway followed by a message event "ได้รับคำตอบ" (reply
    received) and a timer event "ครบ 15 วัน" (15 days passed).

    ## Known problems
    Valid BPMN; reported because it is hard to read, as in bpmnlint.

    ## References
    bpmnlint rule [single-event-definition](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/single-event-definition.md);
    BPMN 2.0.2 clause 10 (Process), "Event Definitions" (Multiple).
    """
    for node in ctx.defs.flow_nodes():
        kinds = event_kinds(node)
        if len(kinds) > 1:
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} มีการกำหนดชนิดเหตุการณ์ {len(kinds)} ชนิดพร้อมกัน",
                message_en=f"{en_name(node)} has {len(kinds)} event definitions",
                evidence=(evidence("event definitions: " + ", ".join(kinds), source="semantics"),),
            )
