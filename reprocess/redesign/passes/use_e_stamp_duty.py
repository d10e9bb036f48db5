"""use-e-stamp-duty: pay stamp duty electronically instead of revenue stamps (P12).

## What it does
Revenue stamps stuck on a paper instrument (a power of attorney, a lease) are replaced
by stamp duty paid through the Revenue Department's e-Stamp Duty, or folded into the
service's e-payment.

## Resolves
Diagnostics with P12.

## Example
``(หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท)`` → ``(หนังสือมอบอำนาจ (ชำระอากรผ่าน e-Stamp Duty))``

Examples:
    >>> use_e_stamp_duty.patterns
    ('P12',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import Actor, StepKind
from reprocess.redesign.passes._support import (
    by_element,
    digital_facts,
    electronic_document,
    is_document,
    is_flow_node,
    meta,
    step_update,
)
from reprocess.redesign.prerequisites import E_STAMP_DUTY
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["use_e_stamp_duty"]

_TH = "ชำระอากรแสตมป์ทางอิเล็กทรอนิกส์ผ่านระบบ e-Stamp Duty ของกรมสรรพากร แทนการซื้อและติดอากรแสตมป์"
_EN = "Stamp duty is paid through the Revenue Department's e-Stamp Duty instead of revenue stamps."


@transformation(name="use-e-stamp-duty", title="Pay stamp duty electronically",
                patterns=("P12",))
def use_e_stamp_duty(inp: PassInput) -> tuple[Any, ...]:
    """Propose e-Stamp Duty for revenue stamps on documents and steps."""
    changes: list[Any] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        if is_document(inp, element_id):
            changes.append(electronic_document(
                inp, element_id, suffix="ชำระอากรผ่าน e-Stamp Duty",
                **meta(use_e_stamp_duty, found, th=_TH, en=_EN, prerequisites=(E_STAMP_DUTY,))))
        elif is_flow_node(inp, element_id) and inp.ctx.steps[element_id].is_activity:
            changes.append(step_update(
                inp, use_e_stamp_duty, found, element_id,
                name="ชำระอากรแสตมป์ผ่านระบบ e-Stamp Duty",
                note="ชำระอากรแสตมป์ผ่านระบบ e-Stamp Duty ไม่ต้องติดอากรบนกระดาษ",
                facts=digital_facts(actor=Actor.APPLICANT, kind=StepKind.PAY),
                node_type="userTask", th=_TH, en=_EN, prerequisites=(E_STAMP_DUTY,)))
    return tuple(changes)
