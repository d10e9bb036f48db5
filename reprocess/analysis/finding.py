"""What rules produce (:class:`Finding`) and what the engine reports (:class:`Diagnostic`).

A rule yields bare findings: the element, the fact in Thai and English, the evidence.
The engine adds the rule's metadata, the severity from configuration, the source line
and the waiver status, so that rules never repeat their own metadata.

Examples:
    >>> f = Finding(element_id="T1", message_th="ชำระเงินสด", message_en="pays in cash",
    ...             evidence=(Evidence(source="lexicon", text="เงินสด", field="name"),))
    >>> f.evidence[0].source
    'lexicon'
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel, ObstacleCategory

__all__ = [
    "Diagnostic",
    "Evidence",
    "EvidenceSource",
    "Finding",
    "FindingStatus",
    "Severity",
]

EvidenceSource = Literal["annotation", "sidecar", "semantics", "lexicon", "structure"]
"""Where a fact came from, strongest first: the ``rp:`` attributes or the sidecar file,
BPMN semantics (task types, lanes, pools, data objects, message flows, timers), the
Thai/English lexicon, or the graph structure."""


class Severity(StrEnum):
    """How much a diagnostic matters; set by configuration, never by the rule."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class FindingStatus(StrEnum):
    """Whether a diagnostic still stands."""

    OPEN = "open"
    WAIVED = "waived"
    ALTERNATIVE = "alternative-channel"
    """On a counter branch while another channel of the same service is digital."""


class Evidence(Model):
    """One piece of evidence: its source, the text that matched, and where it was.

    Examples:
        >>> Evidence(source="annotation", text='rp:channel="counter"').describe()
        'annotation: rp:channel="counter"'
    """

    source: EvidenceSource
    text: str
    field: str | None = None
    """Where the text was: ``name``, ``documentation``, ``annotation``, ``lane``, ..."""
    element_id: str | None = None
    """The element the evidence was read from, when not the finding's own element."""

    def describe(self) -> str:
        """Return ``source: text`` (with the field when known)."""
        where = f" ({self.field})" if self.field else ""
        return f"{self.source}{where}: {self.text}"


class Finding(Model):
    """What a rule yields about one element.

    ``blocking=False`` reports a pattern that does not block its rule's level in this
    case (e.g. a copy uploaded online is a once-only gap, not a counter visit).
    ``patterns`` narrows the rule's pattern ids to those seen here, when a rule
    covers several.
    """

    element_id: str | None
    message_th: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    conditional: bool = False
    blocking: bool = True
    patterns: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """Other element ids involved (the other steps of a chain, the reading task...)."""


class Diagnostic(Model):
    """A finding with its rule's metadata, severity, source line and status."""

    code: str
    name: str
    title: str
    severity: Severity
    blocks: EServiceLevel | None
    """The lowest level the finding stops the service from reaching (``None``: no level)."""
    element_id: str | None
    element_name: str | None = None
    element_type: str | None = None
    line: int | None = None
    message: str
    message_th: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    conditional: bool = False
    blocking: bool = True
    obstacles: tuple[ObstacleCategory, ...] = ()
    patterns: tuple[str, ...] = ()
    fix: str = ""
    redesign: tuple[str, ...] = ()
    """Names of the redesign passes that would remove it."""
    related: tuple[str, ...] = ()
    status: FindingStatus = FindingStatus.OPEN
    waiver_reason: str | None = None
    docs: str = Field(default="", description="Path of the rule's documentation page.")

    @property
    def is_open(self) -> bool:
        """Return whether the diagnostic still stands (not waived, not an alternative)."""
        return self.status is FindingStatus.OPEN

    @property
    def counts_for_level(self) -> bool:
        """Return whether this diagnostic lowers the service's level.

        Open, blocking and unconditional: a document asked for only in some cases
        ("กรณีมอบอำนาจ") is reported as a conditional blocker but does not lower the
        level of the usual case.
        """
        return self.is_open and self.blocking and self.blocks is not None and not self.conditional

    def location(self, path: str | None = None) -> str:
        """Return ``path:line`` (or what is known of it)."""
        base = path or "<model>"
        return f"{base}:{self.line}" if self.line else base
