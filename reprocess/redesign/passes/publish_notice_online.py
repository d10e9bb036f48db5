"""publish-notice-online: post public notices online, in parallel with review (P24).

## What it does
A notice posted on a board at the office or the site, with an objection or hearing
period, is published online (the agency's website, an e-participation page) and runs in
parallel with the technical review. The period is fixed by the specific Act:
publishing online instead of (or shortening) it needs a law change.

## Resolves
EFF008 and P24.

Examples:
    >>> publish_notice_online.patterns
    ('P24',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import Channel
from reprocess.redesign.passes._support import (
    activity_findings,
    digital_facts,
    step_update,
)
from reprocess.redesign.prerequisites import law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["publish_notice_online"]

_TH = ("ประกาศรับฟังความคิดเห็น/คัดค้านทางออนไลน์ (เว็บไซต์หน่วยงาน ระบบกลางทางกฎหมาย) "
       "คู่ขนานกับการตรวจพิจารณา แทนการปิดประกาศที่สำนักงาน")
_EN = ("The public notice and objection period run online (agency website, e-participation) in "
       "parallel with the technical review instead of a notice board.")


@transformation(name="publish-notice-online", title="Publish public notices online",
                patterns=("P24",), codes=("EFF008",))
def publish_notice_online(inp: PassInput) -> tuple[Any, ...]:
    """Propose online public notices for notice-board postings."""
    prereq = law_change(
        "แก้ไขกฎหมาย/กฎกระทรวงที่กำหนดวิธีปิดประกาศและระยะเวลาคัดค้าน ให้ประกาศทางออนไลน์ได้",
        "amend the provision on posting the notice and the objection period, to allow online "
        "publication", "กฎหมายเฉพาะที่กำหนดการปิดประกาศ/รับฟังความคิดเห็น")
    changes: list[Any] = []
    for element_id, found, step in activity_findings(inp, inp.findings):
        changes.append(step_update(
            inp, publish_notice_online, found, element_id,
            name="เผยแพร่ประกาศรับฟังความคิดเห็นทางออนไลน์ (เว็บไซต์หน่วยงาน / e-Participation)",
            note="ประกาศทางออนไลน์ คู่ขนานกับการตรวจพิจารณา",
            facts=digital_facts(actor=step.actor, kind=step.kind, channel=Channel.ONLINE),
            th=_TH, en=_EN, prerequisites=(prereq,)))
    return tuple(changes)
