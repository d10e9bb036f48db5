"""What the payment rules share: which steps take a fee, and whether the payer is online."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.rules._level import (
    from_applicant,
    is_expanded,
    is_online,
    read_text,
)
from reprocess.model.elements import FlowNode
from reprocess.model.enums import Actor, Channel, StepKind

__all__ = ["offline_payments"]


def offline_payments(ctx: AnalysisContext) -> Iterator[tuple[FlowNode, StepClass]]:
    """Yield the fee-payment steps that are not online.

    A payment step is an activity of kind ``pay`` with no zero fee. It is offline when
    its channel is not online or automated and something shows a person paying: cash or
    counter words (P11), a counter, post or applicant channel, the applicant's lane, or
    a message flow from the applicant. An agency step that receives a payment whose
    every sender pays online (or whose message flow names a digital channel) is online.
    """
    inbound = from_applicant(ctx)
    for node, step in ctx.activities():
        if is_expanded(node) or step.kind is not StepKind.PAY or is_online(step):
            continue
        if step.fee is not None and step.fee == 0:
            continue
        if step.standing_hits("P12") and not step.standing_hits("P11") and step.fee is None:
            continue  # buying revenue stamps: PAY002's
        flows = inbound.get(node.id, ())
        if flows and all(
            (mf.source in ctx.steps and is_online(ctx.steps[mf.source]))
            or read_text(ctx, mf.name, field="message flow", element_id=mf.id).digital
            for mf in flows
        ):
            continue
        if (step.standing_hits("P11") or step.channel in (Channel.COUNTER, Channel.POST)
                or step.actor is Actor.APPLICANT or step.copresence or flows):
            yield node, step
