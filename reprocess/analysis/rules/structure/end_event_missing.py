"""STR002: a process or sub-process without an end event."""

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
from reprocess.model.elements import AdHocSubProcess, EndEvent
from reprocess.model.process import Process

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["end_event_missing"]


@rule(code="STR002", name="end-event-missing",
      title="Process or sub-process without an end event", blocks=None,
      bpmnlint=("end-event-required",),
      fix="Add an end event that names the outcome (result issued, application rejected)")
def end_event_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a process or sub-process (transactions and event sub-processes included)
    that holds flow nodes but no end event.

    ## Why it matters
    The end events say what the applicant gets: a licence, a certificate, a refusal.
    Without one, the outcome of the service and the point where its time stops are
    left implicit, and the e-Service level of the result (L3, electronic result)
    cannot be judged from the model.

    ## Example
    A process whose last task is "ออกใบอนุญาต" (issue the licence), with nothing
    after it.

    ## Use instead
    End each branch with an end event naming its outcome, e.g. "ได้รับใบอนุญาต"
    (licence received) and "แจ้งปฏิเสธคำขอ" (application refused).

    ## Known problems
    Ad-hoc sub-processes are skipped: they must not have end events. Unlike
    bpmnlint, an empty process (the process of a pool drawn with nothing in it) is
    not reported; an empty sub-process is.

    ## References
    bpmnlint rule [end-event-required](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/end-event-required.md);
    BPMN 2.0.2 clause 10 (Process), "End Event".
    """
    for c in containers(ctx.defs):
        if isinstance(c, AdHocSubProcess):
            continue
        nodes = direct_nodes(c)
        if (not nodes and isinstance(c, Process)) or any(isinstance(n, EndEvent) for n in nodes):
            continue
        yield Finding(
            element_id=c.id,
            message_th=f"{th_name(c)} ไม่มีเหตุการณ์สิ้นสุด",
            message_en=f"{en_name(c)} has no end event",
            evidence=(evidence(f"{len(nodes)} flow node(s), none of them an endEvent"
                               if nodes else "empty: no flow node at all"),),
        )
