"""renew-by-payment: renew a licence by paying the fee online (P25).

## What it does
A licence that expires and must be applied for again in full is renewed by paying the
renewal fee online (the Licensing Facilitation Act s.12 designation) or made
non-expiring. The designation or an amendment of the licence's Act is needed: the
change needs a law change.

## Resolves
EFF009 and P25.

Examples:
    >>> renew_by_payment.patterns
    ('P25',)
"""

from __future__ import annotations

from typing import Any

from reprocess.redesign.changes import UpdateDocument, UpdateNode
from reprocess.redesign.passes._support import by_element, is_document, is_flow_node, meta
from reprocess.redesign.prerequisites import E_PAYMENT_GATEWAY, law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["renew_by_payment"]

_TH = "ต่ออายุใบอนุญาตด้วยการชำระค่าธรรมเนียมทางออนไลน์ โดยไม่ต้องยื่นคำขอใหม่ทั้งหมด (พ.ร.บ.อำนวยความสะดวกฯ ม.12)"
_EN = ("The licence is renewed by paying the renewal fee online, without a full new "
       "application (LFA s.12 designation).")


@transformation(name="renew-by-payment", title="Renew by payment", patterns=("P25",),
                codes=("EFF009",))
def renew_by_payment(inp: PassInput) -> tuple[Any, ...]:
    """Propose renewal by online payment (needs a designation or a law change)."""
    prereq = law_change(
        "ประกาศกำหนดให้ต่ออายุใบอนุญาตโดยการชำระค่าธรรมเนียม หรือแก้ไขกฎหมายให้ใบอนุญาตไม่มีวันหมดอายุ",
        "designate renewal by payment, or amend the Act so the licence does not expire",
        "พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558 ม.12")
    changes: list[Any] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        m = meta(renew_by_payment, found, th=_TH, en=_EN, prerequisites=(prereq, E_PAYMENT_GATEWAY))
        if is_document(inp, element_id):
            changes.append(UpdateDocument(element_id=element_id, **m))
        elif is_flow_node(inp, element_id):
            changes.append(UpdateNode(
                element_id=element_id,
                note="ต่ออายุโดยชำระค่าธรรมเนียมทางออนไลน์ ไม่ต้องยื่นคำขอใหม่", **m))
    return tuple(changes)
