"""STR007: a flow node from which no end of its process or sub-process is reachable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import dead_ends, evidence, label_of, th_name

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["dead_end_node"]


@rule(code="STR007", name="dead-end-node",
      title="Flow node that cannot reach an end", blocks=None,
      fix="Give the loop a way out (a gateway branch to the next step or to an end event)")
def dead_end_node(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a flow node from which no end of its process or sub-process can be
    reached: every path from it goes round a loop that never leaves. Ends are end
    events and nodes without outgoing flow; an activity may also leave through a
    boundary event attached to it.

    ## Why it matters
    An application that reaches such a step never completes: the model describes a
    service that can keep the applicant waiting forever, and the end-to-end time
    cannot be computed. Usually the exit branch of a check was forgotten.

    ## Example
    "ตรวจสอบเอกสาร" (check the documents) -> gateway "ครบถ้วน?" whose only branch
    goes back to "ขอเอกสารเพิ่ม" (ask for more documents) -> "ตรวจสอบเอกสาร".

    ## Use instead
    Add the "ครบถ้วน" (complete) branch from the gateway to the next step, and a
    time limit or refusal branch if the documents never arrive.

    ## Known problems
    A node that ends without an outgoing flow counts as an end here (STR005 reports
    it), so this rule reports closed loops only, not every step before an implicit
    end. Not a bpmnlint rule.

    ## References
    BPMN 2.0.2 clause 13 (Execution Semantics): a process instance completes when no
    token remains.
    """
    for node in dead_ends(ctx.defs):
        yield Finding(
            element_id=node.id,
            message_th=f"{th_name(node)} ไม่มีเส้นทางไปถึงเหตุการณ์สิ้นสุด",
            message_en=f"'{label_of(node)}' cannot reach an end event",
            evidence=(evidence("every sequence-flow path from it loops without reaching an end"),),
        )
