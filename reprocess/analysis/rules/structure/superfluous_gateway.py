"""STR013: a gateway with exactly one incoming and one outgoing flow."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, is_gateway, th_name

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["superfluous_gateway"]


@rule(code="STR013", name="superfluous-gateway",
      title="Gateway with one incoming and one outgoing flow", blocks=None,
      bpmnlint=("superfluous-gateway",),
      fix="Remove the gateway and connect the steps directly, or add the missing branch")
def superfluous_gateway(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a gateway with exactly one incoming and exactly one outgoing sequence
    flow.

    ## Why it matters
    The gateway decides nothing. Often a branch was forgotten (the "ไม่ผ่าน"
    (rejected) path of an approval), which hides a refusal and its notice to the
    applicant from the analysis.

    ## Example
    "พิจารณา" (consider) -> gateway "อนุมัติ?" -> "ออกใบอนุญาต" (issue), with no
    branch for a refusal.

    ## Use instead
    Add the refusal branch to an end event "แจ้งไม่อนุญาต" (refusal notified), or
    remove the gateway.

    ## Known problems
    An event-based gateway used as the single entry of a process is never reported
    (it has no incoming flow).

    ## References
    bpmnlint rule [superfluous-gateway](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/superfluous-gateway.md);
    BPMN 2.0.2 clause 10 (Process), "Gateways".
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if not is_gateway(node):
            continue
        ins, outs = defs.incoming(node.id), defs.outgoing(node.id)
        if len(ins) == 1 and len(outs) == 1:
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} มีเส้นเข้าเส้นเดียวและเส้นออกเส้นเดียว จึงไม่ได้ตัดสินใจอะไร",
                message_en=f"{en_name(node)} has one incoming and one outgoing flow: it decides nothing",
                evidence=(evidence(f"only {ins[0].id} in and {outs[0].id} out"),),
            )
