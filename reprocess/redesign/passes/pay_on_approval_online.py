"""pay-on-approval-online: pay online when approved, no second visit (P13).

## What it does
A fee that can only be paid on a second visit after approval is paid online on the
approval notice; the licence is issued automatically once the payment arrives.

## Resolves
Diagnostics with P13.

## Example
``[แจ้งให้มาชำระ] → [มาชำระค่าธรรมเนียมใบอนุญาต]`` → ``[ชำระออนไลน์เมื่อได้รับแจ้งอนุมัติ (e-Payment)]``

Examples:
    >>> pay_on_approval_online.patterns
    ('P13',)
"""

from __future__ import annotations

from typing import Any

from reprocess.redesign.passes._support import by_element, is_flow_node, payment_changes
from reprocess.redesign.prerequisites import E_PAYMENT_GATEWAY, NOTIFICATION_CHANNEL
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["pay_on_approval_online"]

_TH = ("เมื่ออนุมัติแล้ว ระบบแจ้งผู้ขอทางอิเล็กทรอนิกส์พร้อมใบแจ้งชำระ ผู้ขอชำระออนไลน์ได้ทันที "
       "และระบบออกใบอนุญาตเมื่อได้รับชำระ ไม่ต้องเดินทางมาชำระอีกครั้ง")
_EN = ("On approval the applicant gets an electronic payment notice, pays online at once and the "
       "licence is issued when the payment arrives: no second visit to pay.")


@transformation(name="pay-on-approval-online", title="Pay online on approval",
                patterns=("P13",))
def pay_on_approval_online(inp: PassInput) -> tuple[Any, ...]:
    """Propose online payment on the approval notice for each pay-after-approval step."""
    changes: list[Any] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed or not is_flow_node(inp, element_id):
            continue
        if not inp.ctx.steps[element_id].is_activity:
            continue
        changes.extend(payment_changes(
            inp, pay_on_approval_online, element_id, found,
            name="ชำระค่าธรรมเนียมออนไลน์เมื่อได้รับแจ้งอนุมัติ (e-Payment) รับใบเสร็จอิเล็กทรอนิกส์",
            note="ชำระออนไลน์เมื่อได้รับแจ้งอนุมัติทางอิเล็กทรอนิกส์ ระบบออกใบอนุญาตอัตโนมัติเมื่อชำระแล้ว",
            th=_TH, en=_EN, prerequisites=(E_PAYMENT_GATEWAY, NOTIFICATION_CHANNEL)))
    return tuple(changes)
