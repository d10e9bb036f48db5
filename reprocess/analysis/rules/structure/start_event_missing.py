"""STR001: a process or sub-process without a start event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    direct_nodes,
    en_name,
    evidence,
    th_name,
)
from reprocess.model.elements import AdHocSubProcess, StartEvent
from reprocess.model.process import Process

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["start_event_missing"]


@rule(code="STR001", name="start-event-missing",
      title="Process or sub-process without a start event", blocks=None,
      bpmnlint=("start-event-required",),
      fix="Add a start event that says what triggers the service (the application received)")
def start_event_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a process or sub-process (transactions and event sub-processes included)
    that holds flow nodes but no start event.

    ## Why it matters
    Without a start event the reader cannot tell what triggers the service: the
    application arriving at the counter, a request online, a date. Every node without
    an incoming flow then becomes an implicit start, so the order of the steps, the
    critical path and the waiting time are ambiguous.

    ## Example
    A process whose first element is the task "รับคำขอ" (receive the application),
    with no start event before it.

    ## Use instead
    Put a start event "ได้รับคำขอ" (application received) before the first task and
    connect it with a sequence flow.

    ## Known problems
    Ad-hoc sub-processes are skipped: they must not have start events. Unlike
    bpmnlint, an empty process (the process of a pool drawn with nothing in it) is
    not reported, because there is nothing to start; an empty sub-process is.

    ## References
    bpmnlint rule [start-event-required](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/start-event-required.md);
    BPMN 2.0.2 clause 10 (Process), "Start Event".
    """
    for c in containers(ctx.defs):
        if isinstance(c, AdHocSubProcess):
            continue
        nodes = direct_nodes(c)
        if (not nodes and isinstance(c, Process)) or any(isinstance(n, StartEvent) for n in nodes):
            continue
        yield Finding(
            element_id=c.id,
            message_th=f"{th_name(c)} ไม่มีเหตุการณ์เริ่มต้น",
            message_en=f"{en_name(c)} has no start event",
            evidence=(evidence(f"{len(nodes)} flow node(s), none of them a startEvent"
                               if nodes else "empty: no flow node at all"),),
        )
