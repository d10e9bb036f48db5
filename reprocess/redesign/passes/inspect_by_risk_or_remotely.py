"""inspect-by-risk-or-remotely: risk-based, remote or third-party inspection (P21).

## What it does
A site inspection before the decision becomes risk-based: self-certification with a
post-audit for low-risk cases, a remote (video) inspection with geo-tagged photos, or a
private inspector where the law allows one (e.g. the Factory Act as amended in 2562).
Most Acts name the inspection; the change needs a law change.

## Resolves
EFF005 and P21.

## Example
``[ออกตรวจสถานที่]`` → ``[ตรวจสอบตามระดับความเสี่ยง: รับรองตนเองและตรวจระยะไกลผ่านวิดีโอ]``

Examples:
    >>> inspect_by_risk_or_remotely.patterns
    ('P21',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import Channel, StepKind
from reprocess.redesign.passes._support import (
    activity_findings,
    digital_facts,
    step_update,
)
from reprocess.redesign.prerequisites import BUDGET_DEVELOPMENT, law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["inspect_by_risk_or_remotely"]

_TH = ("ตรวจสอบตามระดับความเสี่ยง: กรณีความเสี่ยงต่ำให้รับรองตนเองและตรวจภายหลัง "
       "กรณีอื่นตรวจระยะไกลผ่านวิดีโอพร้อมภาพถ่ายระบุพิกัด หรือใช้ผู้ตรวจสอบเอกชน")
_EN = ("Risk-based inspection: self-certification with a post-audit for low risk, otherwise a "
       "remote video inspection with geo-tagged photos, or a private inspector.")


@transformation(name="inspect-by-risk-or-remotely", title="Inspect by risk or remotely",
                patterns=("P21",), codes=("EFF005",))
def inspect_by_risk_or_remotely(inp: PassInput) -> tuple[Any, ...]:
    """Propose risk-based or remote inspection for each site inspection."""
    prereq = law_change(
        "แก้ไขกฎหมาย/กฎกระทรวงที่กำหนดให้ตรวจสถานที่ก่อนอนุญาต ให้ตรวจตามความเสี่ยง ตรวจระยะไกล หรือใช้ผู้ตรวจเอกชนได้",
        "amend the provision that demands an on-site inspection before the decision, to allow "
        "risk-based, remote or private inspection",
        "กฎหมายเฉพาะที่กำหนดการตรวจสถานที่ (เช่น พ.ร.บ.โรงงาน (ฉบับที่ 2) พ.ศ. 2562 ผู้ตรวจสอบเอกชน)")
    changes: list[Any] = []
    for element_id, found, step in activity_findings(inp, inp.findings):
        changes.append(step_update(
            inp, inspect_by_risk_or_remotely, found, element_id,
            name="ตรวจสอบตามระดับความเสี่ยง: รับรองตนเองหรือตรวจระยะไกลผ่านวิดีโอและภาพถ่ายระบุพิกัด (e-Inspection)",
            note="ตรวจสอบตามความเสี่ยงหรือตรวจระยะไกลผ่านวิดีโอ (e-Inspection)",
            facts=digital_facts(actor=step.actor, kind=StepKind.INSPECT, channel=Channel.ONLINE),
            th=_TH, en=_EN, prerequisites=(prereq, BUDGET_DEVELOPMENT)))
    return tuple(changes)
