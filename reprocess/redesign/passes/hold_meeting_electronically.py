"""hold-meeting-electronically: committees meet online on a fixed calendar (P20).

## What it does
A committee meeting or resolution becomes an electronic meeting on a fixed calendar,
with a standing delegation to the secretariat for routine cases. The Emergency Decree
on Electronic Meetings B.E. 2563 allows e-meetings; the standing delegation needs the
committee's founding law or regulation to be amended: the change needs a law change.

## Resolves
EFF004 and P20.

Examples:
    >>> hold_meeting_electronically.patterns
    ('P20',)
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

__all__ = ["hold_meeting_electronically"]

_TH = ("คณะกรรมการประชุมผ่านสื่ออิเล็กทรอนิกส์ตามปฏิทินที่กำหนด และมอบอำนาจฝ่ายเลขานุการพิจารณากรณีปกติ "
       "(พ.ร.ก.การประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563)")
_EN = ("The committee meets electronically on a fixed calendar, with a standing delegation to "
       "the secretariat for routine cases (Emergency Decree on Electronic Meetings 2563).")


@transformation(name="hold-meeting-electronically", title="Hold committee meetings online",
                patterns=("P20",), codes=("EFF004",))
def hold_meeting_electronically(inp: PassInput) -> tuple[Any, ...]:
    """Propose e-meetings and a standing delegation for committee steps."""
    prereq = law_change(
        "แก้ไขกฎหมาย/ระเบียบจัดตั้งคณะกรรมการให้มอบอำนาจฝ่ายเลขานุการพิจารณากรณีปกติได้",
        "amend the committee's founding law or regulation to allow a standing delegation",
        "กฎหมายจัดตั้งคณะกรรมการ; พ.ร.ก.การประชุมผ่านสื่ออิเล็กทรอนิกส์ พ.ศ. 2563")
    changes: list[Any] = []
    mine = [d for d in inp.findings if d.code == "EFF004" or "P20" in d.patterns]
    for element_id, found, step in activity_findings(inp, mine):
        changes.append(step_update(
            inp, hold_meeting_electronically, found, element_id,
            name="คณะกรรมการพิจารณาผ่านการประชุมอิเล็กทรอนิกส์ (e-Meeting) ตามปฏิทินที่กำหนด",
            note="ประชุมผ่านสื่ออิเล็กทรอนิกส์ (e-Meeting); กรณีปกติฝ่ายเลขานุการพิจารณาตามที่มอบอำนาจ",
            facts=digital_facts(actor=step.actor, kind=step.kind, channel=Channel.INTERNAL),
            th=_TH, en=_EN, prerequisites=(prereq,)))
    return tuple(changes)
