"""accept-e-consent: third parties consent electronically (P07).

## What it does
A consent letter, lease, power of attorney or witness statement that a third party
signs on paper becomes an e-consent given by that person through their own digital ID
(ThaID / NDID), or an electronic power of attorney; stamp duty on it is paid through
the Revenue Department's e-Stamp Duty.

## Resolves
APP007 and P07 (with P12 on the same document).

## Example
``(หนังสือมอบอำนาจ ติดอากรแสตมป์)`` → ``(หนังสือมอบอำนาจ (e-Consent / มอบอำนาจอิเล็กทรอนิกส์ ผ่าน ThaID))``

## Limitations
The third party needs a digital ID; the assisted counter remains for those without.

Examples:
    >>> accept_e_consent.patterns
    ('P07',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.enums import Medium
from reprocess.redesign.changes import UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    digital_facts,
    is_document,
    is_flow_node,
    meta,
    step_update,
    strip_terms,
)
from reprocess.redesign.prerequisites import DIGITAL_ID, E_STAMP_DUTY, ETA_2544, Prerequisite
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["accept_e_consent"]

_TH = ("บุคคลที่สามให้ความยินยอม/มอบอำนาจทางอิเล็กทรอนิกส์ด้วยการยืนยันตัวตนทางดิจิทัลของตนเอง "
       "ชำระอากรผ่าน e-Stamp Duty แทนเอกสารกระดาษและสำเนาบัตร")
_EN = ("The third party consents or grants power of attorney electronically with their own "
       "digital ID; stamp duty is paid through e-Stamp Duty, instead of paper and ID copies.")


@transformation(name="accept-e-consent", title="Accept electronic consent and power of attorney",
                patterns=("P07",), codes=("APP007",))
def accept_e_consent(inp: PassInput) -> tuple[Any, ...]:
    """Propose e-consent for third-party paper documents."""
    changes: list[Any] = []
    prereqs = (DIGITAL_ID, E_STAMP_DUTY, Prerequisite(
        category="IT", text_th="ระบบให้ความยินยอมและมอบอำนาจอิเล็กทรอนิกส์ (e-Consent / e-POA)",
        text_en="an e-consent and electronic power-of-attorney service",
        legal_reference=ETA_2544))
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        also = tuple(d for d in inp.findings_on(element_id) if "P12" in d.patterns)
        m = meta(accept_e_consent, [*found, *also], th=_TH, en=_EN, prerequisites=prereqs)
        if is_document(inp, element_id):
            changes.append(_consent_document(inp, element_id, m))
        elif is_flow_node(inp, element_id) and inp.ctx.steps[element_id].is_activity:
            step = inp.ctx.steps[element_id]
            changes.append(step_update(
                inp, accept_e_consent, [*found, *also], element_id,
                name="บุคคลที่สามให้ความยินยอมทางอิเล็กทรอนิกส์ (e-Consent ผ่าน ThaID)",
                note="ความยินยอม/การมอบอำนาจของบุคคลที่สามทำทางอิเล็กทรอนิกส์ (e-Consent)",
                facts=digital_facts(actor=step.actor, kind=step.kind), node_type="userTask",
                th=_TH, en=_EN, prerequisites=prereqs))
    return tuple(changes)


def _consent_document(inp: PassInput, doc_id: str, m: dict[str, Any]) -> UpdateDocument:
    """Return the e-consent form of a third party's paper document."""
    facts = DocumentFacts(medium=Medium.ELECTRONIC, copies=0, certified=False)
    if doc_id in inp.claimed:
        return UpdateDocument(element_id=doc_id, document=facts, **m)
    name = getattr(inp.defs.get(doc_id), "name", None) or ""
    if name.startswith(_HEADS):
        return UpdateDocument(element_id=doc_id, document=facts, **m)
    rest = strip_terms(inp, name, ("P03", "P04", "P05", "P07", "P12"))
    head = _HEADS[0] if "มอบอำนาจ" in name else _HEADS[1]
    return UpdateDocument(element_id=doc_id, name=f"{head} {rest}".strip(), document=facts, **m)


_HEADS = ("e-POA: ให้ผู้อื่นดำเนินการแทนทางอิเล็กทรอนิกส์ (ผ่าน ThaID / NDID)",
          "e-Consent: ความยินยอมทางอิเล็กทรอนิกส์ (ผ่าน ThaID / NDID)")
