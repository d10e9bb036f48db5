"""offer-e-payment: pay online with an electronic receipt (P11).

## What it does
Cash, cheque or money-order payment at a counter or finance unit becomes payment
through the government e-payment channel (PromptPay / Thai QR, card, internet banking,
CGD e-Payment) with an electronic receipt (e-Receipt). The applicant pays online (in
the applicant's lane where the process has one); the cashier's step becomes the
automatic receipt of the payment.

## Resolves
Diagnostics with P11 (the PAY family).

## Example
``[ชำระเงินสด ณ งานการเงิน]`` → ``[ชำระค่าธรรมเนียมผ่าน e-Payment (QR พร้อมเพย์) รับ e-Receipt]``

Examples:
    >>> offer_e_payment.patterns
    ('P11',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.enums import Medium
from reprocess.redesign.changes import UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    is_document,
    is_flow_node,
    meta,
    payment_changes,
)
from reprocess.redesign.prerequisites import BUDGET_DEVELOPMENT, E_PAYMENT_GATEWAY
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["offer_e_payment"]

_TH = ("ผู้ขอชำระค่าธรรมเนียมผ่านช่องทางอิเล็กทรอนิกส์ (QR พร้อมเพย์ บัตร อินเทอร์เน็ตแบงกิ้ง) "
       "และได้รับใบเสร็จรับเงินอิเล็กทรอนิกส์ ตามนโยบาย e-Payment ภาครัฐของกระทรวงการคลัง")
_EN = ("The applicant pays the fee electronically (PromptPay QR, card, internet banking) and "
       "gets an electronic receipt (Ministry of Finance e-payment mandate).")
_NAME = "ชำระค่าธรรมเนียมผ่านระบบ e-Payment (QR พร้อมเพย์ / บัตร) และรับใบเสร็จอิเล็กทรอนิกส์ (e-Receipt)"
_NOTE = "ชำระเงินผ่านระบบ e-Payment ภาครัฐ ได้รับใบเสร็จรับเงินอิเล็กทรอนิกส์ (e-Receipt) ทันที"


@transformation(name="offer-e-payment", title="Pay online with an e-receipt", patterns=("P11",))
def offer_e_payment(inp: PassInput) -> tuple[Any, ...]:
    """Propose electronic payment for each cash or counter payment."""
    changes: list[Any] = []
    prereqs = (E_PAYMENT_GATEWAY, BUDGET_DEVELOPMENT)
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        if is_flow_node(inp, element_id) and inp.ctx.steps[element_id].is_activity:
            changes.extend(payment_changes(inp, offer_e_payment, element_id, found, name=_NAME,
                                           note=_NOTE, th=_TH, en=_EN, prerequisites=prereqs))
        elif is_document(inp, element_id) and element_id not in inp.claimed:
            changes.append(UpdateDocument(
                element_id=element_id, name="ใบเสร็จรับเงินอิเล็กทรอนิกส์ (e-Receipt)",
                document=DocumentFacts(medium=Medium.ELECTRONIC),
                **meta(offer_e_payment, found, th=_TH, en=_EN, prerequisites=prereqs)))
    return tuple(changes)
