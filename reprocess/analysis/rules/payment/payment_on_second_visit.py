"""PAY003: the fee is payable only after approval, on a second visit (pattern P13)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    applicant_side,
    cyclic_nodes,
    fact_evidence,
    from_applicant,
    hit_evidence,
    is_start,
    is_submission,
    label,
    loop_closing_flows,
    merge_counterparts,
    read_text,
    semantics,
    to_applicant,
    uploaded_hits,
    walk,
)
from reprocess.analysis.rules.payment._pay import offline_payments
from reprocess.model.enums import Actor, EServiceLevel, StepKind

__all__ = ["payment_on_second_visit"]


@rule(
    code="PAY003",
    name="payment-on-second-visit",
    title="Fee payable only on a second visit after approval",
    blocks=EServiceLevel.L2,
    obstacles=("IT",),
    patterns=("P13",),
    fix="Send the bill with the approval notice and let the applicant pay it online; issue "
        "the result automatically once paid",
    redesign=("pay-on-approval-online",),
)
def payment_on_second_visit(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the offline fee-payment steps (see PAY001) that the applicant can only do after
    the decision, when told to come and pay: the step says so (มาชำระภายใน,
    เมื่อได้รับแจ้งให้ชำระ: pattern P13), or, going back from the payment to the
    application without crossing a rework loop, there is a notice from the agency to the
    applicant (a notification step, a message flow to the applicant) or a step whose text
    asks the applicant to come and pay.

    ## Why it matters
    A fee that can only be paid in person after approval adds a visit and keeps the
    payment off line (OPDC level 2); the approval notice itself is the natural place for
    an online bill.

    ## Example
    ```xml
    <bpmn:sendTask id="Notify" name="มีหนังสือแจ้งผู้ขอให้มาชำระค่าธรรมเนียมและรับใบอนุญาต"/>
    <bpmn:manualTask id="Pay" name="ชำระค่าธรรมเนียมใบอนุญาตเป็นเงินสด ณ งานการเงิน"/>
    ```
    gives `PAY003 Pay` (related `Notify`), beside `PAY001 Pay`.

    ## Use instead
    Pay online on the approval notice, and issue the result automatically on payment
    (the `pay-on-approval-online` pass).

    ## Known problems
    A payment right after the counter check, in the same visit, is not this pattern (it is
    PAY001 only). A defect notice on a rework loop is not taken for an approval notice.

    ## References
    - พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558, s.10: the result
      is notified within 7 days of the consideration period.
    - Ministry of Finance / CGD e-Payment and e-Government Receipt (2018).
    """
    inbound = from_applicant(ctx)
    outbound = to_applicant(ctx)
    loops = cyclic_nodes(ctx)
    back = loop_closing_flows(ctx)
    found: dict[str, Candidate] = {}
    for node, step in offline_payments(ctx):
        own = step.standing_hits("P13")
        evidence: list[Evidence] = list(hit_evidence(own))
        related: list[str] = []

        def stop(n: str) -> bool:
            return is_start(ctx.node(n)) or is_submission(ctx, ctx.node(n), ctx.steps[n],
                                                          inbound)

        for prev in walk(ctx, node.id, forward=False, limit=60, stop=stop, skip_edges=back):
            if prev in loops or stop(prev):
                continue
            pstep = ctx.steps[prev]
            if pstep.actor not in (Actor.AGENCY, Actor.APPLICANT):
                continue  # another agency's or a third party's exchange, not the applicant's
            hits = uploaded_hits(pstep, "P13")
            notice = prev in outbound or (
                pstep.kind is StepKind.NOTIFY and pstep.actor is Actor.AGENCY
                and bool(pstep.standing_hits("P15")))
            if not (hits or notice):
                continue
            related.append(prev)
            evidence.extend(hit_evidence(hits))
            if notice:
                evidence.append(semantics(
                    f"'{label(ctx.node(prev))}' notifies the applicant before the payment",
                    element_id=prev))
            for mf in outbound.get(prev, ()):
                facts = read_text(ctx, mf.name, field="message flow", element_id=mf.id)
                evidence.extend(hit_evidence(h for h in facts.hits if h.pattern == "P13"))
                if applicant_side(ctx, mf.target):
                    related.append(mf.target)
        if not own and not related:
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้ผู้ขอมาชำระค่าธรรมเนียมหลังได้รับแจ้งผลการพิจารณา "
                       "ต้องเดินทางมาอีกครั้ง",
            message_en=f"'{name}' has the applicant come back to pay the fee after being "
                       "notified of the decision (a second visit)",
            patterns=["P13"], conditional=all_conditional(own))
        cand.evidence.extend(evidence)
        cand.evidence.extend(fact_evidence(step, "channel", "actor"))
        cand.relate(*related)
        found[node.id] = cand
    for cand in merge_counterparts(ctx, found):
        yield cand.finding()
