"""offer-status-tracking: track the application online instead of asking in person.

## What it does
A step where the applicant calls or comes to ask how the application is going becomes
online status tracking with automatic notifications at each stage.

## Resolves
EFF012.

Examples:
    >>> offer_status_tracking.codes
    ('EFF012',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import StepKind
from reprocess.redesign.passes._support import (
    activity_findings,
    digital_facts,
    step_update,
)
from reprocess.redesign.prerequisites import NOTIFICATION_CHANNEL
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["offer_status_tracking"]

_TH = "ผู้ขอติดตามสถานะคำขอทางออนไลน์ และได้รับแจ้งเตือนอัตโนมัติทุกขั้นตอน แทนการโทรหรือมาสอบถาม"
_EN = ("The applicant tracks the application online and gets automatic notifications at each "
       "stage instead of calling or coming to ask.")


@transformation(name="offer-status-tracking", title="Offer online status tracking",
                codes=("EFF012",))
def offer_status_tracking(inp: PassInput) -> tuple[Any, ...]:
    """Propose online status tracking for status enquiries."""
    changes: list[Any] = []
    for element_id, found, step in activity_findings(inp, inp.findings):
        changes.append(step_update(
            inp, offer_status_tracking, found, element_id,
            name="ติดตามสถานะคำขอทางออนไลน์ (แจ้งเตือนอัตโนมัติ)",
            note="ติดตามสถานะคำขอทางออนไลน์", th=_TH, en=_EN,
            facts=digital_facts(actor=step.actor, kind=StepKind.NOTIFY),
            prerequisites=(NOTIFICATION_CHANNEL,)))
    return tuple(changes)
