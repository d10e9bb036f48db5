"""Domain facts of the ``reprocess`` extension namespace (``rp:``), as typed models.

These are the facts that decide an e-Service level and that BPMN cannot say:
channel, medium, actor, duration and fee of a step; originals, copies and issuer of
a document; the service header of a process. Every field is ``None`` when not given.
See ``docs/extension.md`` for the XML form.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from pydantic import field_validator

from reprocess.model.base import Model
from reprocess.model.enums import (
    Actor,
    ChangeMark,
    Channel,
    CustomerGroup,
    Medium,
    StepKind,
)

__all__ = ["DocumentFacts", "Duration", "ServiceInfo", "StepFacts", "parse_iso_duration"]

_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:[.,]\d+)?)Y)?(?:(?P<mo>\d+(?:[.,]\d+)?)M)?(?:(?P<w>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<d>\d+(?:[.,]\d+)?)D)?(?:T(?:(?P<h>\d+(?:[.,]\d+)?)H)?(?:(?P<mi>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?$"
)


@functools.lru_cache(maxsize=4096)
def parse_iso_duration(text: str) -> tuple[float, float] | None:
    """Parse an ISO 8601 duration into ``(days, minutes)``; ``None`` if malformed.

    Years count 365 days, months 30, weeks 7; the time part is returned in minutes.

    Examples:
        >>> parse_iso_duration("P1DT2H30M")
        (1.0, 150.0)
        >>> parse_iso_duration("PT10M")
        (0.0, 10.0)
        >>> parse_iso_duration("10 days") is None
        True
    """
    m = _ISO.match(text.strip())
    if not m or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        return None

    def num(key: str) -> float:
        v = m.group(key)
        return float(v.replace(",", ".")) if v else 0.0

    days = num("y") * 365 + num("mo") * 30 + num("w") * 7 + num("d")
    minutes = num("h") * 60 + num("mi") + num("s") / 60
    return days, minutes


class Duration(Model):
    """A step's duration: an ISO 8601 value, and whether its days are working days.

    Examples:
        >>> d = Duration(iso="P5D", working_days=True)
        >>> d.days, d.minutes
        (5.0, 0.0)
        >>> Duration(iso="PT90M").total_days(minutes_per_day=450)
        0.2
    """

    iso: str
    working_days: bool = False

    @field_validator("iso")
    @classmethod
    def _check_iso(cls, value: str) -> str:
        if parse_iso_duration(value) is None:
            raise ValueError(f"not an ISO 8601 duration: {value!r}")
        return value

    @property
    def days(self) -> float:
        """Whole-day part (years, months, weeks and days), in days."""
        parsed = parse_iso_duration(self.iso)
        return parsed[0] if parsed else 0.0

    @property
    def minutes(self) -> float:
        """Time part (hours, minutes, seconds), in minutes."""
        parsed = parse_iso_duration(self.iso)
        return parsed[1] if parsed else 0.0

    def total_days(self, *, minutes_per_day: float = 450.0) -> float:
        """Return the duration in days, counting ``minutes_per_day`` minutes as a day.

        The default of 450 minutes is a Thai office day (08:30-16:30 less lunch).
        """
        return round(self.days + self.minutes / minutes_per_day, 6)


class StepFacts(Model):
    """Facts about a flow node given by the ``rp:`` attributes (all optional).

    Examples:
        >>> StepFacts(channel=Channel.COUNTER, fee=Decimal("50")).fee
        Decimal('50')
        >>> StepFacts().is_empty()
        True
    """

    actor: Actor | None = None
    channel: Channel | None = None
    medium: Medium | None = None
    kind: StepKind | None = None
    duration: Duration | None = None
    fee: Decimal | None = None
    copresence: bool | None = None
    legal_basis: str | None = None
    change: ChangeMark | None = None

    def is_empty(self) -> bool:
        """Return whether no fact is given."""
        return all(getattr(self, name) is None for name in type(self).model_fields)


class DocumentFacts(Model):
    """Facts about a document (a data object or its reference), all optional.

    Examples:
        >>> DocumentFacts(copies=1, issuer="กรมการปกครอง", state_issued=True).copies
        1
    """

    originals: int | None = None
    copies: int | None = None
    certified: bool | None = None
    issuer: str | None = None
    state_issued: bool | None = None
    condition: str | None = None
    medium: Medium | None = None
    change: ChangeMark | None = None

    def is_empty(self) -> bool:
        """Return whether no fact is given."""
        return all(getattr(self, name) is None for name in type(self).model_fields)


class ServiceInfo(Model):
    """The service header of a process or participant (all optional).

    Examples:
        >>> ServiceInfo(name="การแจ้งเกิด", customer_group=CustomerGroup.CITIZENS).name
        'การแจ้งเกิด'
    """

    name: str | None = None
    agency: str | None = None
    ministry: str | None = None
    customer_group: CustomerGroup | None = None
    cases_per_year: int | None = None
    manual_ref: str | None = None

    def is_empty(self) -> bool:
        """Return whether no fact is given."""
        return all(getattr(self, name) is None for name in type(self).model_fields)
