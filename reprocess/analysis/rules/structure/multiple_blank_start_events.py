"""STR022: a process or sub-process with more than one blank start event."""

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
    quote_ids,
    th_name,
)
from reprocess.model.elements import StartEvent

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["multiple_blank_start_events"]


@rule(code="STR022", name="multiple-blank-start-events",
      title="More than one blank start event in a process", blocks=None,
      bpmnlint=("single-blank-start-event",),
      fix="Keep one blank start event, or type the others (message, timer) by their trigger")
def multiple_blank_start_events(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a process or sub-process that holds more than one start event without an
    event definition (a blank start).

    ## Why it matters
    Blank starts cannot be told apart: nothing says which one starts a given case.
    A service with two ways in (online and at the counter) should say what triggers
    each, or start once and branch.

    ## Example
    Two blank start events "ยื่นคำขอที่สำนักงาน" (apply at the office) and "ยื่นคำขอ
    ออนไลน์" (apply online) in the same process.

    ## Use instead
    One start event "ได้รับคำขอ" (application received) followed by an exclusive
    gateway on the channel, or message start events for each channel.

    ## Known problems
    The finding is on the process or sub-process; the start events are named in the
    evidence.

    ## References
    bpmnlint rule [single-blank-start-event](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/single-blank-start-event.md);
    BPMN 2.0.2 clause 10 (Process), "Start Event".
    """
    for c in containers(ctx.defs):
        blanks = [n.id for n in direct_nodes(c)
                  if isinstance(n, StartEvent) and not event_kinds(n)]
        if len(blanks) > 1:
            yield Finding(
                element_id=c.id,
                message_th=f"{th_name(c)} มีเหตุการณ์เริ่มต้นแบบไม่ระบุชนิด {len(blanks)} จุด",
                message_en=f"{en_name(c)} has {len(blanks)} blank start events",
                evidence=(evidence(f"blank start events: {quote_ids(blanks)}"),),
                related=tuple(blanks),
            )
