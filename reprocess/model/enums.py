"""Closed sets of values: levels, actors, channels, media, step kinds, customer groups."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Actor",
    "ChangeMark",
    "Channel",
    "CustomerGroup",
    "EServiceLevel",
    "Medium",
    "ObstacleCategory",
    "StepKind",
]


class EServiceLevel(StrEnum):
    """OPDC e-Service level; ``L0`` is this tool's name for "not transactable online".

    Levels are ordered, so "blocks at or below the target" is a comparison:

    >>> EServiceLevel.L1 < EServiceLevel.L3
    True
    >>> max(EServiceLevel.L0, EServiceLevel.L2).value
    'L2'
    """

    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"

    @property
    def rank(self) -> int:
        """0 for L0 up to 3 for L3."""
        return int(self.value[1])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, EServiceLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, EServiceLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, EServiceLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, EServiceLevel):
            return NotImplemented
        return self.rank >= other.rank

    def __hash__(self) -> int:
        return hash(self.value)


class Actor(StrEnum):
    """Who performs a step."""

    APPLICANT = "applicant"
    AGENCY = "agency"
    OTHER_AGENCY = "other-agency"
    THIRD_PARTY = "third-party"


class Channel(StrEnum):
    """How a step reaches the applicant or is carried out."""

    COUNTER = "counter"
    POST = "post"
    PHONE = "phone"
    ONLINE = "online"
    INTERNAL = "internal"
    AUTOMATED = "automated"


class Medium(StrEnum):
    """What the step or document is made of."""

    PAPER = "paper"
    ELECTRONIC = "electronic"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class StepKind(StrEnum):
    """What a step does for the service."""

    SUBMIT = "submit"
    VERIFY = "verify"
    PAY = "pay"
    APPROVE = "approve"
    INSPECT = "inspect"
    ISSUE = "issue"
    NOTIFY = "notify"
    REGISTER = "register"
    WAIT = "wait"
    OTHER = "other"


class CustomerGroup(StrEnum):
    """OPDC's customer groups, used for PR by group."""

    CITIZENS = "citizens"
    LABOUR = "labour"
    BUSINESS = "business"


class ObstacleCategory(StrEnum):
    """The four obstacle categories of OPDC's survey, plus CAPACITY (clinic use)."""

    IT = "IT"
    BUDGET = "BUDGET"
    LAW = "LAW"
    DATA = "DATA"
    CAPACITY = "CAPACITY"


class ChangeMark(StrEnum):
    """How a to-be element differs from the as-is (written by ``redesign``)."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
