"""STR008: a sequence or message flow whose source or target is missing or of the wrong kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, th_name
from reprocess.model.elements import MessageFlow, Opaque, Participant, SequenceFlow
from reprocess.model.process import Definitions, is_flow_node

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["flow_endpoint_missing"]

_END_TH = {"sourceRef": "ต้นทาง", "targetRef": "ปลายทาง"}


@rule(code="STR008", name="flow-endpoint-missing",
      title="Flow whose source or target is missing or not a flow node", blocks=None,
      fix="Reconnect both ends of the flow to existing steps (or pools, for a message flow)")
def flow_endpoint_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a sequence flow whose ``sourceRef`` or ``targetRef`` names no element, or
    an element that is not a flow node (a lane, a data object, a pool), and a message
    flow whose ends are neither flow nodes nor pools. Such models only come from a
    lenient read (``read_bpmn(path, lenient=True)``) or from code.

    ## Why it matters
    A flow with a loose end says nothing about the order of work: the analysis
    leaves it out of the graph, so the steps around it may look disconnected,
    unreachable or implicit. Exports from some tools (and hand edits of the XML)
    leave such flows behind when a step is deleted.

    ## Example
    ``<sequenceFlow id="f3" sourceRef="Task_Check" targetRef="Task_Deleted"/>`` where
    ``Task_Deleted`` was removed from the file.

    ## Use instead
    Reconnect the flow to the step that now follows "ตรวจสอบเอกสาร" (check the
    documents), or delete the flow.

    ## Known problems
    An end that is an element the model keeps opaque (a choreography activity, a
    vendor element) is not reported, since it may well be a flow node. STR018
    reports the other dangling references of a lenient read; it leaves flows to this
    rule. Not a bpmnlint rule (bpmn-moddle refuses such files on import).

    ## References
    BPMN 2.0.2 clause 8 (Core Structure), "Sequence Flow": source and target are flow
    nodes; clause 9 (Collaboration), "Message Flow".
    """
    defs = ctx.defs
    for flow in defs.sequence_flows():
        yield from _check(defs, flow, allow_pool=False)
    for mf in defs.message_flows:
        yield from _check(defs, mf, allow_pool=True)


def _check(defs: Definitions, flow: SequenceFlow | MessageFlow,
           *, allow_pool: bool) -> Iterator[Finding]:
    for attr_name, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
        target: Any = defs.get(ref)
        if target is None:
            fact = f"{attr_name}=\"{ref}\" names no element"
            th = f"{_END_TH[attr_name]} '{ref}' ไม่มีอยู่ในแบบจำลอง"
            en = f"its {attr_name} '{ref}' does not exist"
        elif is_flow_node(target) or isinstance(target, Opaque) or (
            allow_pool and isinstance(target, Participant)
        ):
            continue
        else:
            kind = getattr(target, "type", type(target).__name__)
            fact = f"{attr_name}=\"{ref}\" is a {kind}, not a flow node"
            th = f"{_END_TH[attr_name]} '{ref}' ไม่ใช่ขั้นตอน เหตุการณ์ หรือเกตเวย์"
            en = f"its {attr_name} '{ref}' is a {kind}, not a flow node"
        yield Finding(
            element_id=flow.id,
            message_th=f"{th_name(flow)}: {th}",
            message_en=f"{en_name(flow)}: {en}",
            evidence=(evidence(fact),),
            related=(ref,),
        )
