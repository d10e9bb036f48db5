"""STR012: a gateway that joins and forks at the same time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, is_gateway, th_name

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["gateway_join_fork"]


@rule(code="STR012", name="gateway-join-fork",
      title="Gateway both joins and forks", blocks=None,
      bpmnlint=("no-gateway-join-fork",),
      fix="Split it into a joining gateway followed by a forking gateway")
def gateway_join_fork(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a gateway with more than one incoming and more than one outgoing
    sequence flow.

    ## Why it matters
    One diamond then carries two decisions: how the branches meet and how they
    split again. Readers (and the agencies who validate the map) misread which
    rule applies where, especially with mixed parallel and exclusive meaning.

    ## Example
    An exclusive gateway that receives "ตรวจเอกสาร" and "ตรวจสถานที่" and splits
    to "อนุญาต" / "ไม่อนุญาต" (approve / refuse).

    ## Use instead
    A joining gateway after the two checks, then a separate deciding gateway
    "ผ่านการตรวจ?" (passed?).

    ## Known problems
    None known; the rule counts sequence flows only.

    ## References
    bpmnlint rule [no-gateway-join-fork](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-gateway-join-fork.md);
    BPMN 2.0.2 clause 10 (Process), "Gateways".
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if not is_gateway(node):
            continue
        n_in, n_out = len(defs.incoming(node.id)), len(defs.outgoing(node.id))
        if n_in > 1 and n_out > 1:
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} ทั้งรวมเส้นทาง ({n_in} เข้า) และแยกเส้นทาง ({n_out} ออก)",
                message_en=f"{en_name(node)} both joins ({n_in} in) and forks ({n_out} out)",
                evidence=(evidence(f"{n_in} incoming and {n_out} outgoing sequence flows"),),
            )
