"""accept-digital-attachments: upload files instead of paper attachments (P08).

## What it does
Photos, maps, plans in several sets, medical certificates and other attachments that
only paper could carry become files uploaded once with the e-form (one digital plan
set, a photo reused from the DOPA record, an e-medical certificate where hospitals
issue one).

## Resolves
APP008 and P08.

## Example
``(แบบแปลน 5 ชุด)`` → ``(แบบแปลน (ไฟล์ดิจิทัล อัปโหลดผ่านระบบ))``

Examples:
    >>> accept_digital_attachments.patterns
    ('P08',)
"""

from __future__ import annotations

from typing import Any

from reprocess.redesign.changes import UpdateNode
from reprocess.redesign.passes._support import (
    by_element,
    electronic_document,
    is_document,
    is_flow_node,
    meta,
)
from reprocess.redesign.prerequisites import ACT_2565_E_APPLICATION, E_FORM_SYSTEM, Prerequisite
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["accept_digital_attachments"]

_TH = "ผู้ขออัปโหลดไฟล์ดิจิทัลชุดเดียวพร้อมคำขอ แทนเอกสารแนบกระดาษหลายชุด (พ.ร.บ. 2565 พยานหลักฐานอิเล็กทรอนิกส์)"
_EN = ("The applicant uploads one digital set with the application instead of paper "
       "attachments in several sets (2565 Act: electronic evidence).")


@transformation(name="accept-digital-attachments", title="Accept digital attachments",
                patterns=("P08",), codes=("APP008",))
def accept_digital_attachments(inp: PassInput) -> tuple[Any, ...]:
    """Propose uploaded files for paper-only attachments."""
    changes: list[Any] = []
    prereqs = (E_FORM_SYSTEM, Prerequisite(
        category="DATA", text_th="รับไฟล์ดิจิทัลและใบรับรองแพทย์อิเล็กทรอนิกส์จากระบบสถานพยาบาล",
        text_en="accept digital files and e-medical certificates from hospital systems",
        legal_reference=ACT_2565_E_APPLICATION))
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        m = meta(accept_digital_attachments, found, th=_TH, en=_EN, prerequisites=prereqs)
        if is_document(inp, element_id):
            changes.append(electronic_document(
                inp, element_id, suffix="ไฟล์ดิจิทัล อัปโหลดผ่านระบบ", **m))
        elif is_flow_node(inp, element_id):
            changes.append(UpdateNode(
                element_id=element_id,
                note="แนบเอกสารประกอบเป็นไฟล์ดิจิทัลชุดเดียวผ่านระบบ (upload)", **m))
    return tuple(changes)
