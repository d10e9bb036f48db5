"""issue-e-document: issue the result as a verifiable e-document (P14).

## What it does
The paper licence or certificate that is printed, signed and collected becomes an
electronic document signed with the agency's digital signature (PKI) with a QR code for
online verification, delivered by e-mail, the agency's app or Tang Rat; a paper copy
only on request. The agency's print-and-sign step signs digitally; the applicant's
collecting visit becomes receiving the e-document.

## Resolves
Diagnostics with P14 (the ISS family).

## Example
``[ลงนามในใบอนุญาต] → [มารับใบอนุญาตฉบับจริง]`` → ``[ลงลายมือชื่อดิจิทัลในเอกสารอิเล็กทรอนิกส์] → [รับ e-Document ทางอีเมล/ทางรัฐ]``

## Limitations
Where a ministerial regulation prescribes the licence form, the LAW obstacle is listed
(the 2565 Act allows electronic issuance; the form may need updating).

Examples:
    >>> issue_e_document.patterns
    ('P14',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.elements import SendTask
from reprocess.model.enums import Actor, Channel, Medium, StepKind
from reprocess.redesign.changes import UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    clean_name,
    digital_facts,
    is_document,
    is_flow_node,
    meta,
    paper_flow_renames,
    rename_or_note,
)
from reprocess.redesign.prerequisites import LAW_FORM_CHECK, NOTIFICATION_CHANNEL, PKI_SIGNING
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["issue_e_document"]

_TH = ("ออกผลเป็นเอกสารอิเล็กทรอนิกส์ลงลายมือชื่อดิจิทัล (PKI) พร้อม QR Code ตรวจสอบ ส่งทางอีเมล/ทางรัฐ "
       "ผู้ขอไม่ต้องเดินทางมารับ (พ.ร.บ. 2565 ออกเอกสารทางอิเล็กทรอนิกส์เป็นหลัก)")
_EN = ("The result is an e-document with the agency's digital signature (PKI) and a QR code for "
       "verification, delivered by e-mail or Tang Rat: no visit to collect it (2565 Act: "
       "electronic issuance by default).")
PREREQUISITES = (PKI_SIGNING, NOTIFICATION_CHANNEL, LAW_FORM_CHECK)


@transformation(name="issue-e-document", title="Issue the result as an e-document",
                patterns=("P14",))
def issue_e_document(inp: PassInput) -> tuple[Any, ...]:
    """Propose e-documents for paper results, their signing and their collection."""
    changes: list[Any] = []
    touched: list[str] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        m = meta(issue_e_document, found, th=_TH, en=_EN, prerequisites=PREREQUISITES)
        targets = [element_id] + [r for d in found for r in d.related]
        for i, target in enumerate(dict.fromkeys(targets)):
            if target in inp.removed or target in touched:
                continue
            mm = m if i == 0 else {**m, "resolves": ()}
            change = _one(inp, target, mm)
            if change is not None:
                touched.append(target)
                changes.append(change)
    for node_id in list(touched):
        if node_id not in inp.ctx.steps:
            continue
        for doc in inp.defs.documents_written(node_id):
            cls = inp.ctx.docs.get(doc.id)
            if cls is None or doc.id in touched or doc.id in inp.removed:
                continue
            if cls.medium is Medium.ELECTRONIC or cls.is_store:
                continue
            touched.append(doc.id)
            changes.append(_document(inp, doc.id, meta(
                issue_e_document, (), th=_TH, en=_EN, prerequisites=(), patterns=("P14",))))
    changes.extend(paper_flow_renames(inp, issue_e_document, touched,
                                      "เอกสารอิเล็กทรอนิกส์ (e-Document) ทางอีเมล / ทางรัฐ",
                                      inp.findings))
    return tuple(changes)


def _document(inp: PassInput, doc_id: str, m: dict[str, Any]) -> Any:
    if doc_id in inp.claimed:
        return UpdateDocument(element_id=doc_id, document=DocumentFacts(
            medium=Medium.ELECTRONIC), **m)
    base = clean_name(getattr(inp.defs.get(doc_id), "name", None)) or doc_id
    return UpdateDocument(element_id=doc_id,
                          name=f"{base} อิเล็กทรอนิกส์ (PDF ลงลายมือชื่อดิจิทัล + QR Code)",
                          document=DocumentFacts(medium=Medium.ELECTRONIC, copies=0), **m)


def _one(inp: PassInput, target: str, m: dict[str, Any]) -> Any:
    if is_document(inp, target):
        return _document(inp, target, m)
    if not is_flow_node(inp, target):
        return None
    step = inp.ctx.steps[target]
    node = inp.defs.node(target)
    if not step.is_activity:
        return None
    if step.actor is Actor.APPLICANT:
        return rename_or_note(
            inp, target,
            name="รับเอกสารอิเล็กทรอนิกส์ (e-Document) ทางอีเมล / ทางรัฐ ตรวจสอบด้วย QR Code",
            note="ได้รับผลเป็นเอกสารอิเล็กทรอนิกส์ทางอีเมล / ทางรัฐ ไม่ต้องเดินทางมารับ",
            facts=digital_facts(actor=Actor.APPLICANT, kind=StepKind.ISSUE), **m)
    if isinstance(node, SendTask) or step.kind is StepKind.NOTIFY:
        return rename_or_note(
            inp, target, name="ส่งเอกสารอิเล็กทรอนิกส์ (e-Document) ทางอีเมล / ทางรัฐ",
            note="ส่งผลเป็นเอกสารอิเล็กทรอนิกส์ทางอีเมล / ทางรัฐ",
            facts=digital_facts(actor=step.actor, kind=StepKind.NOTIFY), **m)
    if step.kind is StepKind.APPROVE:
        name = "พิจารณาอนุมัติและลงลายมือชื่อดิจิทัลในเอกสารอิเล็กทรอนิกส์ (e-Document)"
        kind = StepKind.APPROVE
    else:
        name = "ออกเอกสารอิเล็กทรอนิกส์ ลงลายมือชื่อดิจิทัล (PKI) พร้อม QR Code ตรวจสอบ"
        kind = StepKind.ISSUE
    return rename_or_note(
        inp, target, name=name, node_type="userTask",
        note="ลงลายมือชื่อดิจิทัลในเอกสารอิเล็กทรอนิกส์ (e-Document) แทนการพิมพ์และลงนามบนกระดาษ",
        facts=digital_facts(actor=step.actor, kind=kind, channel=Channel.INTERNAL), **m)
