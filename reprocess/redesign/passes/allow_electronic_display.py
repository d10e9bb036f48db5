"""allow-electronic-display: display the licence electronically (P16). Needs a law change.

## What it does
A licence that must be physically displayed at the premises is displayed as a QR poster
linking to the licence's live status. The 2565 Act allows electronic display in
principle, but the specific Act or ministerial regulation that prescribes the display
must be amended: the change needs a law change.

## Resolves
Diagnostics with P16.

Examples:
    >>> allow_electronic_display.patterns
    ('P16',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import StepKind
from reprocess.redesign.changes import UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    digital_facts,
    is_document,
    is_flow_node,
    meta,
    rename_or_note,
)
from reprocess.redesign.prerequisites import law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["allow_electronic_display"]

_TH = "แสดงใบอนุญาตอิเล็กทรอนิกส์ด้วยป้าย QR Code ที่เชื่อมกับสถานะใบอนุญาต แทนการแสดงฉบับจริง"
_EN = "The licence is displayed as a QR poster linked to its live status instead of the original."


@transformation(name="allow-electronic-display", title="Display the licence electronically",
                patterns=("P16",))
def allow_electronic_display(inp: PassInput) -> tuple[Any, ...]:
    """Propose electronic display of licences (needs a law change)."""
    changes: list[Any] = []
    prereq = law_change(
        "แก้ไขกฎหมาย/กฎกระทรวงที่กำหนดให้แสดงใบอนุญาตฉบับจริง ให้แสดงทางอิเล็กทรอนิกส์ได้",
        "amend the provision that demands the original licence be displayed, to allow "
        "electronic display",
        "กฎหมายเฉพาะที่กำหนดการแสดงใบอนุญาต; พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565")
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        m = meta(allow_electronic_display, found, th=_TH, en=_EN, prerequisites=(prereq,))
        if is_document(inp, element_id):
            changes.append(UpdateDocument(element_id=element_id, **m))
        elif is_flow_node(inp, element_id) and inp.ctx.steps[element_id].is_activity:
            step = inp.ctx.steps[element_id]
            changes.append(rename_or_note(
                inp, element_id, name="แสดงใบอนุญาตอิเล็กทรอนิกส์ด้วยป้าย QR Code ณ สถานประกอบการ",
                note="แสดงใบอนุญาตอิเล็กทรอนิกส์ด้วยป้าย QR Code",
                facts=digital_facts(actor=step.actor, kind=step.kind if step.kind is not (
                    StepKind.OTHER) else StepKind.ISSUE), **m))
    return tuple(changes)
