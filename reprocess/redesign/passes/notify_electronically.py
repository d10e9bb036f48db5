"""notify-electronically: notify by SMS, e-mail or app instead of letters and calls (P15).

## What it does
A result notified by letter, registered mail or a phone call asking the applicant to
come becomes an electronic notification (SMS, e-mail, the Tang Rat inbox) with online
status tracking; the applicant's step of receiving the letter becomes receiving the
notification, and the paper letter an e-document.

## Resolves
Diagnostics with P15.

## Example
``[มีหนังสือแจ้งผลทางไปรษณีย์]`` → ``[แจ้งผลทางอิเล็กทรอนิกส์ (SMS / อีเมล / ทางรัฐ)]``

Examples:
    >>> notify_electronically.patterns
    ('P15',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.enums import Actor, Medium, StepKind
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
from reprocess.redesign.prerequisites import NOTIFICATION_CHANNEL
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["notify_electronically"]

_TH = ("แจ้งผลทางอิเล็กทรอนิกส์ (SMS อีเมล กล่องข้อความทางรัฐ) พร้อมติดตามสถานะออนไลน์ "
       "แทนหนังสือทางไปรษณีย์หรือโทรศัพท์ (ระเบียบงานสารบรรณ ฉบับที่ 4 พ.ศ. 2564, พ.ร.บ. 2565)")
_EN = ("The result is notified electronically (SMS, e-mail, Tang Rat inbox) with online status "
       "tracking instead of a letter or a phone call.")


@transformation(name="notify-electronically", title="Notify electronically",
                patterns=("P15",))
def notify_electronically(inp: PassInput) -> tuple[Any, ...]:
    """Propose electronic notification for letters and phone calls to the applicant."""
    changes: list[Any] = []
    touched: list[str] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        m = meta(notify_electronically, found, th=_TH, en=_EN,
                 prerequisites=(NOTIFICATION_CHANNEL,))
        partners = [mf.target for mf in inp.defs.message_flows if mf.source == element_id]
        partners += [mf.source for mf in inp.defs.message_flows if mf.target == element_id]
        targets = [element_id, *(r for d in found for r in d.related), *partners]
        for i, target in enumerate(dict.fromkeys(targets)):
            if target in inp.removed or target in touched:
                continue
            change = _one(inp, target, m if i == 0 else {**m, "resolves": ()}, first=i == 0)
            if change is not None:
                touched.append(target)
                changes.append(change)
    changes.extend(paper_flow_renames(inp, notify_electronically, touched,
                                      "แจ้งทางอิเล็กทรอนิกส์ (SMS / อีเมล / ทางรัฐ)", inp.findings))
    return tuple(changes)


def _one(inp: PassInput, target: str, m: dict[str, Any], *, first: bool) -> Any:
    if is_document(inp, target):
        if target in inp.claimed:
            return None
        base = clean_name(getattr(inp.defs.get(target), "name", None)) or target
        return UpdateDocument(element_id=target, name=f"{base} อิเล็กทรอนิกส์ (e-Document)",
                              document=DocumentFacts(medium=Medium.ELECTRONIC, copies=0), **m)
    if not is_flow_node(inp, target):
        return None
    step = inp.ctx.steps[target]
    if not step.is_activity:
        return None
    if not first and not step.standing_hits("P15", "P09", "P14"):
        return None
    if step.actor is Actor.APPLICANT:
        return rename_or_note(
            inp, target, name="รับแจ้งผลทางอิเล็กทรอนิกส์ (SMS / อีเมล / ทางรัฐ)",
            note="รับแจ้งผลทางอิเล็กทรอนิกส์และติดตามสถานะคำขอออนไลน์",
            facts=digital_facts(actor=Actor.APPLICANT, kind=StepKind.NOTIFY), **m)
    node = inp.defs.node(target)
    node_type = "sendTask" if node.type in ("task", "userTask", "manualTask") else None
    return rename_or_note(
        inp, target, name="แจ้งผลทางอิเล็กทรอนิกส์ (SMS / อีเมล / ทางรัฐ) พร้อมติดตามสถานะออนไลน์",
        note="แจ้งผลทางอิเล็กทรอนิกส์ (SMS / อีเมล / ทางรัฐ)", node_type=node_type,
        facts=digital_facts(actor=step.actor, kind=StepKind.NOTIFY), **m)
