"""remove-repeat-visits: do online what brings the applicant back to the office.

## What it does
A step that makes the applicant come to the office again (to add documents, to report
every month, to be registered at a second counter) is done online; the agency step that
receives the applicant there takes the data online.

## Resolves
EFF011 (what earlier passes did not take already).

## Example
``[มารายงานตัวที่สำนักงานทุกเดือน]`` → ``[รายงานตัวทางออนไลน์ ยืนยันตัวตนด้วย ThaID]``

Examples:
    >>> remove_repeat_visits.codes
    ('EFF011',)
"""

from __future__ import annotations

from typing import Any

from reprocess import thai
from reprocess.model.enums import Actor, Channel, StepKind
from reprocess.redesign.passes._support import (
    activity_findings,
    digital_facts,
    step_update,
)
from reprocess.redesign.prerequisites import DIGITAL_ID, E_FORM_SYSTEM
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["remove_repeat_visits"]

_TH = "ผู้ขอดำเนินการขั้นตอนนี้ทางออนไลน์ ไม่ต้องเดินทางมาสำนักงานซ้ำ"
_EN = "The applicant does this step online: no further trip to the office."
_PERIODIC = ("รายงานตัว", "ทุกเดือน", "เดือนละครั้ง", "monthly", "report")


@transformation(name="remove-repeat-visits", title="Remove repeat visits", codes=("EFF011",))
def remove_repeat_visits(inp: PassInput) -> tuple[Any, ...]:
    """Propose online steps for each step that brings the applicant back."""
    changes: list[Any] = []
    for element_id, found, step in activity_findings(inp, inp.findings):
        text = thai.normalize(" ".join(p.text for p in step.texts))
        periodic = any(w in text for w in _PERIODIC)
        if step.actor is Actor.APPLICANT:
            if periodic:
                name = "รายงานตัวทางออนไลน์ ยืนยันตัวตนด้วย ThaID (e-Service)"
            elif step.kind is StepKind.SUBMIT:
                name = "ยื่นเอกสารเพิ่มเติมทางออนไลน์ (upload ผ่านระบบ)"
            else:
                name = "ดำเนินการทางออนไลน์ผ่านระบบ (e-Service) ไม่ต้องเดินทางมาสำนักงาน"
            facts = digital_facts(actor=Actor.APPLICANT, kind=step.kind)
        else:
            name = ("รับรายงานตัวทางออนไลน์และบันทึกเข้าระบบอัตโนมัติ" if periodic
                    else "รับข้อมูลทางออนไลน์และบันทึกเข้าระบบอัตโนมัติ")
            facts = digital_facts(actor=step.actor, kind=step.kind, channel=Channel.AUTOMATED)
        changes.append(step_update(
            inp, remove_repeat_visits, found, element_id, name=name,
            note="ดำเนินการทางออนไลน์ ไม่ต้องเดินทางมาสำนักงานซ้ำ", facts=facts,
            th=_TH, en=_EN, prerequisites=(E_FORM_SYSTEM, DIGITAL_ID)))
    return tuple(changes)
