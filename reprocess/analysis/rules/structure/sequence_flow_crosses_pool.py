"""STR015: a sequence flow between nodes of different pools (processes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, label_of, th_name
from reprocess.model.process import Definitions, is_flow_node

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["sequence_flow_crosses_pool"]


@rule(code="STR015", name="sequence-flow-crosses-pool",
      title="Sequence flow between different pools", blocks=None,
      fix="Replace it with a message flow, or move both steps into the same pool")
def sequence_flow_crosses_pool(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a sequence flow whose source and target belong to different processes,
    that is to different pools of a collaboration.

    ## Why it matters
    A pool is one organisation's own process; work passes between organisations
    (applicant and agency, agency and another agency) by messages: a form sent, a
    letter received. Drawn as a sequence flow, the hand-over hides the channel and
    medium of the exchange, which is exactly what decides the e-Service level.

    ## Example
    A sequence flow from the applicant's task "ยื่นคำขอ" (submit the application) in
    the applicant's pool to "รับคำขอ" (receive the application) in the agency's pool.

    ## Use instead
    A message flow "คำขอ" (the application) between the two tasks, with its channel
    stated (online, counter, post).

    ## Known problems
    Flows crossing only a sub-process boundary inside one pool are not reported
    here. Not a bpmnlint rule (bpmn-js refuses to draw such a flow).

    ## References
    BPMN 2.0.2 clause 9 (Collaboration), "Pool and Participant" and "Message Flow":
    a sequence flow must not cross the boundary of a pool.
    """
    defs = ctx.defs
    for flow in defs.sequence_flows():
        src, dst = defs.get(flow.source), defs.get(flow.target)
        if not (is_flow_node(src) and is_flow_node(dst)):
            continue
        p_src, p_dst = defs.process_of(flow.source), defs.process_of(flow.target)
        if p_src.id == p_dst.id:
            continue
        a, b = _pool_label(defs, flow.source), _pool_label(defs, flow.target)
        yield Finding(
            element_id=flow.id,
            message_th=(f"{th_name(flow)} เชื่อม '{label_of(src)}' ในพูล '{a}' กับ "
                        f"'{label_of(dst)}' ในพูล '{b}' ซึ่งต่างพูลกัน ควรใช้เส้นข้อความ"),
            message_en=(f"{en_name(flow)} connects '{label_of(src)}' in pool '{a}' to "
                        f"'{label_of(dst)}' in pool '{b}': use a message flow"),
            evidence=(evidence(f"{flow.source} is in process {p_src.id}, "
                               f"{flow.target} in process {p_dst.id}"),),
            related=(flow.source, flow.target),
        )


def _pool_label(defs: Definitions, node_id: str) -> str:
    pool = defs.pool_of(node_id)
    return label_of(pool) if pool is not None else label_of(defs.process_of(node_id))
