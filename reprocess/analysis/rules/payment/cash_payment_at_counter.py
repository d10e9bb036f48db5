"""PAY001: the fee is paid in cash (or by cheque, money order) at a counter (pattern P11)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    fact_evidence,
    hit_evidence,
    label,
    merge_counterparts,
    terms,
)
from reprocess.analysis.rules.payment._pay import offline_payments
from reprocess.model.enums import EServiceLevel

__all__ = ["cash_payment_at_counter"]


@rule(
    code="PAY001",
    name="cash-payment-at-counter",
    title="Fee paid in cash at a counter",
    blocks=EServiceLevel.L2,
    obstacles=("IT", "LAW", "BUDGET"),
    patterns=("P11",),
    fix="Accept PromptPay/Thai QR bill payment, card, internet banking or the CGD e-Payment "
        "portal, with an electronic receipt",
    redesign=("offer-e-payment",),
)
def cash_payment_at_counter(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the fee-payment steps (kind *pay*, fee not zero) that are not online: paid in
    cash, by cheque, draft or money order, at a cashier or finance unit (เงินสด, เช็ค,
    ธนาณัติ, งานการเงิน, ช่องชำระเงิน: pattern P11), at a counter, or by the applicant with
    no electronic channel named. When the applicant's payment step and the cashier's step
    that takes the money are both drawn, the fact is reported once, on the applicant's
    step, with the cashier's step as related.

    ## Why it matters
    OPDC level 2 (ชำระเงินผ่านระบบออนไลน์) needs every fee-payment step to accept an
    electronic channel. Cash at the counter also means a visit even when the application
    itself is online.

    ## Example
    ```xml
    <bpmn:manualTask id="Pay" name="ชำระค่าธรรมเนียม 50 บาท เป็นเงินสด ณ งานการเงิน"/>
    ```
    gives `PAY001 Pay`: "ขั้นตอน 'ชำระค่าธรรมเนียม ...' รับชำระเป็นเงินสด ณ เคาน์เตอร์".

    ## Use instead
    A bill-payment notice with Thai QR / PromptPay, card or internet banking, or the CGD
    e-Payment portal, and an e-receipt (the `offer-e-payment` pass). "ชำระผ่าน QR
    พร้อมเพย์" or `rp:channel="online"` already silences the rule.

    ## Known problems
    A payment step whose channel is not named is judged offline when the applicant does
    it or a counter is involved: add `rp:channel="online"` when it is not. A step with
    `rp:fee="0"` is not a payment. A service without any fee step has L2 "not
    applicable", which this rule does not decide.

    ## References
    - Ministry of Finance / Comptroller General's Department: state agencies to accept
      e-payment from 27 Mar 2018 (fully by June 2018); CGD e-Payment Portal of Government
      and the e-Government Receipt standard.
    - Bank of Thailand PromptPay / Thai QR Payment standard (2017).
    """
    found: dict[str, Candidate] = {}
    for node, step in offline_payments(ctx):
        hits = step.standing_hits("P11")
        name = label(node)
        if hits:
            th, en = _wording(name, hits)
        else:
            th = f"ขั้นตอน '{name}' รับชำระค่าธรรมเนียมโดยไม่มีช่องทางชำระทางอิเล็กทรอนิกส์"
            en = f"'{name}' takes the fee with no electronic payment channel"
        cand = Candidate(element_id=node.id, message_th=th, message_en=en, patterns=["P11"],
                         conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "kind", "channel", "actor", "fee"))
        found[node.id] = cand
    for cand in merge_counterparts(ctx, found):
        yield cand.finding()


def _wording(name: str, hits: tuple[PatternHit, ...]) -> tuple[str, str]:
    """Say how and where the fee is taken, from the words that matched."""
    words = " ".join(h.term for h in hits)
    if "เงินสด" in words or "cash" in words:
        how_th, how_en = "เป็นเงินสด", "in cash"
    elif any(w in words for w in ("เช็ค", "ดราฟต์", "ธนาณัติ", "ตั๋วแลกเงิน", "cheque", "draft",
                                  "money order")):
        how_th, how_en = "ด้วยเช็คหรือธนาณัติ", "by cheque or money order"
    else:
        how_th, how_en = "", "in person"
    if "การเงิน" in words or "cashier" in words:
        where_th, where_en = "ณ งานการเงิน", "at the finance counter"
    else:
        where_th, where_en = "ณ เคาน์เตอร์", "at a counter"
    return (f"ขั้นตอน '{name}' รับชำระค่าธรรมเนียม{how_th} {where_th} ({terms(hits)})",
            f"'{name}' takes the fee {how_en} {where_en} ({terms(hits)})")
