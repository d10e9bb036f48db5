"""use-digital-id: prove identity with a digital ID instead of appearing in person (P02).

## What it does
A step where the applicant must appear before an official to show an ID card or be
interviewed becomes a digital-ID login (ThaID, NDID, DGA Digital ID) at the assurance
level the service needs: no co-presence. Where a specific Act demands appearance (the
step's own text cites the law next to the appearance wording), the replacement is a
video interview after digital-ID login and needs a change of that law.

## Resolves
APP002 and any diagnostic with P02.

## Example
``[แสดงบัตรประชาชนตัวจริงต่อหน้าเจ้าหน้าที่]`` → ``[ยืนยันตัวตนด้วย ThaID (Digital ID)]``

## Limitations
Whether an Act demands appearance is read from the step's text and documentation
(a law reference in the same sentence as the appearance wording); a consultant should
confirm it.

Examples:
    >>> use_digital_id.name
    'use-digital-id'
    >>> law_reference("ต้องมาแสดงตนต่อหน้านายทะเบียนตาม พ.ร.บ.การทะเบียนราษฎร ม.18")
    'พ.ร.บ.การทะเบียนราษฎร ม.18'
    >>> law_reference("แสดงบัตรประชาชนตัวจริง") is None
    True
"""

from __future__ import annotations

import re
from typing import Any

from reprocess import thai
from reprocess.model.domain import StepFacts
from reprocess.model.enums import Channel, StepKind
from reprocess.redesign.changes import UpdateNode
from reprocess.redesign.passes._support import (
    by_element,
    counterpart_updates,
    digital_facts,
    is_flow_node,
    meta,
    rename_or_note,
)
from reprocess.redesign.prerequisites import DIGITAL_ID, law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["law_reference", "use_digital_id"]

_LAW = re.compile(r"((?:พ\.ร\.บ\.|พระราชบัญญัติ|กฎกระทรวง|ระเบียบ|\bAct\b)[^|;\n]{0,60}?"
                  r"(?:ม\.|มาตรา|s\.|section)\s*\d+)", re.IGNORECASE)
_APPEAR = ("ด้วยตนเอง", "ต่อหน้า", "แสดงตน", "มาแสดง", "in person", "appear")


def law_reference(text: str) -> str | None:
    """Return the law cited next to appearance wording in ``text``, or ``None``."""
    norm = thai.normalize(text)
    for clause in re.split(r"[|;\n]", norm):
        if not any(w in clause for w in _APPEAR):
            continue
        m = _LAW.search(clause)
        if m:
            return m.group(1).strip()
    return None


@transformation(name="use-digital-id", title="Prove identity with a digital ID",
                patterns=("P02",), codes=("APP002",))
def use_digital_id(inp: PassInput) -> tuple[Any, ...]:
    """Propose digital-ID login for each step that demands personal appearance."""
    changes: list[Any] = []
    seen: set[str] = set()
    for element_id, found in by_element(inp.findings).items():
        if not is_flow_node(inp, element_id) or element_id in inp.removed:
            continue
        step = inp.ctx.steps[element_id]
        texts = [p.text for p in step.texts] + [e.text for d in found for e in d.evidence]
        ref = next((r for r in (law_reference(t) for t in texts) if r), None)
        prereqs = [DIGITAL_ID]
        if ref is not None:
            prereqs.append(law_change(
                "แก้ไขบทบัญญัติที่กำหนดให้มาแสดงตนต่อหน้าเจ้าหน้าที่ ให้ยืนยันตัวตนทางดิจิทัลหรือสัมภาษณ์ผ่านวิดีโอได้",
                "amend the provision that demands appearance in person, to allow digital "
                "identity proofing or a video interview", ref))
            name = "ยืนยันตัวตนด้วย ThaID และสัมภาษณ์ผ่านวิดีโอคอล (Digital ID)"
        else:
            name = "ยืนยันตัวตนด้วยแอปพลิเคชัน ThaID / NDID (Digital ID)"
        kind = step.kind if step.kind is not StepKind.OTHER else StepKind.VERIFY
        submission = kind is StepKind.SUBMIT or any(
            d.code == "APP001" or "P01" in d.patterns for d in inp.findings_on(element_id))
        m = meta(use_digital_id, found, prerequisites=prereqs,
                 th="ผู้ขอยืนยันตัวตนทางดิจิทัล (ThaID / NDID) แทนการแสดงบัตรตัวจริงต่อหน้าเจ้าหน้าที่ "
                    "หน่วยงานตรวจสอบข้อมูลกับทะเบียนราษฎรเอง (พ.ร.บ. 2565, พ.ร.บ.รัฐบาลดิจิทัล ม.12(4))",
                 en="The applicant proves identity with a digital ID (ThaID / NDID) instead of "
                    "showing the card to an official; the agency checks the civil register "
                    "itself (2565 Act; DGA Act s.12(4)).")
        note = "ยืนยันตัวตนด้วย ThaID / NDID (Digital ID) ไม่ต้องแสดงบัตรตัวจริงต่อหน้าเจ้าหน้าที่"
        counterparts = counterpart_updates(
            inp, use_digital_id, found, suffix="ผ่านระบบออนไลน์ (ยืนยันตัวตนด้วย ThaID)",
            note="ตรวจสอบตัวตนผ่าน ThaID / Linkage Center ผู้ขอไม่ต้องมาแสดงตน",
            th=m["rationale_th"], en=m["rationale_en"], seen=seen)
        counterparts = [c.model_copy(update={"prerequisites": m["prerequisites"]})
                        for c in counterparts]
        if submission:
            # the submission itself is renamed by offer-online-application
            changes.append(UpdateNode(element_id=element_id, note=note,
                                      facts=StepFacts(copresence=False), **m))
            changes.extend(counterparts)
            continue
        changes.append(rename_or_note(
            inp, element_id, name=name, node_type="userTask", note=note,
            facts=digital_facts(actor=step.actor, kind=kind, channel=Channel.ONLINE), **m))
        changes.extend(counterparts)
    return tuple(changes)
