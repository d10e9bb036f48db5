"""accept-e-signature: sign electronically instead of with wet ink or a seal (P06, P05).

## What it does
A step where the applicant signs or seals a paper form gets an electronic signature
(an authenticated session for simple cases, a PKI signature where the law asks for a
reliable one); the company seal is no longer required. A certified copy of a document
the state did not issue becomes an uploaded file signed electronically.

## Resolves
APP006 and P06 on steps; APP005 (P05) on documents the state did not issue.

## Example
``[กรอกแบบ ลงลายมือชื่อ]`` → ``[ลงลายมือชื่ออิเล็กทรอนิกส์ในคำขอ (e-Signature)]``

## Limitations
Where a ministerial regulation prescribes a signed paper form the LAW obstacle is
noted; ETA 2544 already gives electronic signatures legal effect.

Examples:
    >>> accept_e_signature.name
    'accept-e-signature'
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import StepKind
from reprocess.redesign.passes._support import (
    by_element,
    digital_facts,
    electronic_document,
    is_document,
    is_flow_node,
    meta,
    step_update,
)
from reprocess.redesign.prerequisites import ETA_2544, PKI_SIGNING, Prerequisite
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["accept_e_signature"]

_TH = ("ผู้ขอลงลายมือชื่ออิเล็กทรอนิกส์หรือยืนยันผ่านการเข้าสู่ระบบ แทนลายมือชื่อบนกระดาษและตราประทับ "
       "(พ.ร.บ.ว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์ พ.ศ. 2544)")
_EN = ("The applicant signs electronically or confirms in an authenticated session instead of "
       "a wet-ink signature and seal (Electronic Transactions Act 2544).")


@transformation(name="accept-e-signature", title="Accept electronic signatures",
                patterns=("P06", "P05"), codes=("APP006", "APP005"))
def accept_e_signature(inp: PassInput) -> tuple[Any, ...]:
    """Propose electronic signatures on signing steps and on non-state certified copies."""
    changes: list[Any] = []
    prereqs = (PKI_SIGNING, Prerequisite(
        category="LAW", text_th="ตรวจสอบกฎหมายที่กำหนดแบบคำขอที่ต้องลงลายมือชื่อ/ประทับตรา",
        text_en="check any regulation that prescribes a signed or sealed paper form",
        legal_reference=ETA_2544))
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        if is_document(inp, element_id):
            doc = inp.ctx.docs.get(element_id)
            if doc is None or doc.state_issued:
                continue
            changes.append(electronic_document(
                inp, element_id, suffix="ไฟล์อิเล็กทรอนิกส์ ลงลายมือชื่ออิเล็กทรอนิกส์",
                **meta(accept_e_signature, found, th=_TH, en=_EN, prerequisites=prereqs)))
        elif is_flow_node(inp, element_id):
            step = inp.ctx.steps[element_id]
            if not step.is_activity:
                continue
            changes.append(step_update(
                inp, accept_e_signature, found, element_id,
                name="ลงลายมือชื่ออิเล็กทรอนิกส์ในคำขอ (e-Signature)",
                note="ลงลายมือชื่ออิเล็กทรอนิกส์ (e-Signature) หรือยืนยันผ่านการเข้าสู่ระบบ "
                     "ไม่ต้องใช้ตราประทับ",
                facts=digital_facts(actor=step.actor, kind=step.kind if step.kind is not (
                    StepKind.OTHER) else StepKind.SUBMIT),
                node_type="userTask", th=_TH, en=_EN, prerequisites=prereqs))
    return tuple(changes)
