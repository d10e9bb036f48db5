"""STR019: a complex gateway."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import evidence, label_of, th_name
from reprocess.model.elements import ComplexGateway

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["complex_gateway"]


@rule(code="STR019", name="complex-gateway",
      title="Complex gateway used", blocks=None,
      bpmnlint=("no-complex-gateway",),
      fix="Model the rule with exclusive or parallel gateways and explicit conditions")
def complex_gateway(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports every complex gateway.

    ## Why it matters
    Its behaviour lives in an expression few readers (and few tools) understand:
    "continue when two of the three committee members have signed". Agencies
    validating the map cannot check it, and the analysis cannot tell which branches
    run.

    ## Example
    A complex gateway joining the opinions of three units before "อนุมัติ" (approve).

    ## Use instead
    Spell the rule out: a parallel join of the opinions needed, or an exclusive
    gateway with named conditions.

    ## Known problems
    Discouraged rather than wrong; not in the recommended preset.

    ## References
    bpmnlint rule [no-complex-gateway](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-complex-gateway.md);
    BPMN 2.0.2 clause 10 (Process), "Complex Gateway".
    """
    for node in ctx.defs.flow_nodes():
        if isinstance(node, ComplexGateway):
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} เป็นเกตเวย์แบบซับซ้อน (complex) ซึ่งอ่านเข้าใจยาก",
                message_en=f"gateway '{label_of(node)}' is a complex gateway, which few readers "
                           "understand",
                evidence=(evidence("complexGateway", source="semantics"),),
            )
