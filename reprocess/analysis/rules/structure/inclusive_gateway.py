"""STR020: an inclusive gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import evidence, label_of, th_name
from reprocess.model.elements import InclusiveGateway

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["inclusive_gateway"]


@rule(code="STR020", name="inclusive-gateway",
      title="Inclusive gateway used", blocks=None,
      bpmnlint=("no-inclusive-gateway",),
      fix="Use exclusive and parallel gateways whose meaning is unambiguous")
def inclusive_gateway(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports every inclusive (OR) gateway.

    ## Why it matters
    An inclusive split runs any subset of its branches and its join waits for those
    that may still arrive. Readers often take it for an exclusive choice, and the
    analysis cannot know which documents or visits apply to a given applicant.

    ## Example
    An inclusive gateway "เอกสารเพิ่มเติมตามกรณี" (additional documents as the case
    requires) splitting to "หนังสือมอบอำนาจ" (power of attorney) and "ใบสำคัญการ
    เปลี่ยนชื่อ" (name-change certificate).

    ## Use instead
    One exclusive gateway per case with its own condition, or conditional documents
    (``rp:conditional``) on a single step.

    ## Known problems
    Discouraged rather than wrong; not in the recommended preset.

    ## References
    bpmnlint rule [no-inclusive-gateway](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-inclusive-gateway.md);
    BPMN 2.0.2 clause 10 (Process), "Inclusive Gateway".
    """
    for node in ctx.defs.flow_nodes():
        if isinstance(node, InclusiveGateway):
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} เป็นเกตเวย์แบบรวม (inclusive/OR) ซึ่งตีความได้หลายแบบ",
                message_en=f"gateway '{label_of(node)}' is an inclusive (OR) gateway, which is "
                           "easily misread",
                evidence=(evidence("inclusiveGateway", source="semantics"),),
            )
