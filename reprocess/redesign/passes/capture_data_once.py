"""capture-data-once: capture data once at the source instead of re-keying it (P18).

## What it does
Logbooks, register books and re-keying paper forms into a system give way to data
captured once from the electronic application and kept in one system of record: the
step records automatically, the register book becomes a database.

## Resolves
EFF002 and P18.

## Example
``[คีย์ข้อมูลจากแบบคำขอเข้าระบบ]`` → ``[คีย์ข้อมูล ... (ดึงข้อมูลจากคำขออิเล็กทรอนิกส์อัตโนมัติ ไม่ต้องบันทึกซ้ำ)]``

Examples:
    >>> capture_data_once.patterns
    ('P18',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.enums import Channel, Medium
from reprocess.redesign.changes import UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    clean_name,
    digital_facts,
    is_document,
    is_flow_node,
    meta,
    step_update,
)
from reprocess.redesign.prerequisites import E_FORM_SYSTEM
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["capture_data_once"]

_TH = "บันทึกข้อมูลครั้งเดียวจากคำขออิเล็กทรอนิกส์เข้าสู่ระบบฐานข้อมูลเดียว ไม่ต้องคีย์ซ้ำหรือลงสมุดทะเบียน"
_EN = ("Data is captured once from the electronic application into one system of record: no "
       "re-keying, no register book.")


@transformation(name="capture-data-once", title="Capture data once at the source",
                patterns=("P18",), codes=("EFF002",), internal=True)
def capture_data_once(inp: PassInput) -> tuple[Any, ...]:
    """Propose capture-once for re-keying steps and paper registers."""
    changes: list[Any] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        if is_document(inp, element_id):
            if element_id in inp.claimed:
                continue
            doc = inp.defs.get(element_id)
            base = clean_name(getattr(doc, "name", None)) or element_id
            changes.append(UpdateDocument(
                element_id=element_id, name=f"ฐานข้อมูลอิเล็กทรอนิกส์: {base}",
                document=DocumentFacts(medium=Medium.ELECTRONIC),
                **meta(capture_data_once, found, th=_TH, en=_EN, prerequisites=(E_FORM_SYSTEM,))))
        elif is_flow_node(inp, element_id) and inp.ctx.steps[element_id].is_activity:
            step = inp.ctx.steps[element_id]
            node = inp.defs.node(element_id)
            changes.append(step_update(
                inp, capture_data_once, found, element_id,
                name=f"{node.name or element_id} (ดึงข้อมูลจากคำขออิเล็กทรอนิกส์อัตโนมัติ ไม่ต้องบันทึกซ้ำ)",
                note="ข้อมูลมาจากคำขออิเล็กทรอนิกส์อัตโนมัติ (ดึงข้อมูล) ไม่ต้องบันทึกซ้ำ",
                facts=digital_facts(actor=step.actor, channel=Channel.INTERNAL),
                th=_TH, en=_EN, prerequisites=(E_FORM_SYSTEM,)))
    return tuple(changes)
