"""Analysis configuration, waivers and sidecar facts, as frozen models.

The command line reads these from ``[tool.reprocess]`` in ``pyproject.toml``, a
``reprocess.toml`` or a sidecar file; the library takes them as arguments.

Examples:
    >>> cfg = Config(target="L2", select=("APP", "PAY"))
    >>> cfg.target.value, cfg.selects("PAY001"), cfg.selects("ISS001")
    ('L2', True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from reprocess.analysis.finding import Severity
from reprocess.model.base import Model
from reprocess.model.domain import DocumentFacts, StepFacts
from reprocess.model.enums import EServiceLevel

__all__ = ["Config", "Sidecar", "Waiver"]


class Waiver(Model):
    """A consultant's acceptance of a finding, with the reason (like ``noqa``).

    ``element`` may be ``"*"`` to accept the code on every element.

    Examples:
        >>> w = Waiver(code="APP003", element="Doc_Id", reason="ต้องใช้ตามกฎกระทรวง")
        >>> w.matches("APP003", "Doc_Id"), w.matches("APP003", "Other")
        (True, False)
    """

    code: str
    element: str = "*"
    reason: str
    by: str | None = None
    until: str | None = None

    def matches(self, code: str, element_id: str | None) -> bool:
        """Return whether this waiver accepts ``code`` on ``element_id``."""
        code_ok = code == self.code or (len(self.code) < 6 and code.startswith(self.code))
        return code_ok and (self.element == "*" or self.element == element_id)


class Sidecar(Model):
    """Facts and waivers kept beside a BPMN file, keyed by element id.

    For agencies that cannot edit their XML: the same facts as the ``rp:``
    attributes. A sidecar fact wins over the attribute in the file.
    """

    steps: Mapping[str, StepFacts] = Field(default_factory=dict)
    documents: Mapping[str, DocumentFacts] = Field(default_factory=dict)
    waivers: tuple[Waiver, ...] = ()


class Config(Model):
    """What to check and how strictly.

    Severity is decided here, not by the rules: a finding that blocks a level at or
    below ``target`` is an ``error``, one that blocks a higher level a ``warning``;
    ``EFF`` and most ``STR`` findings are warnings, ``ODT`` findings ``info``.
    ``severity`` overrides by code or prefix.
    """

    target: EServiceLevel = EServiceLevel.L3
    preset: str = "recommended"
    select: tuple[str, ...] = ()
    """Codes or prefixes to run (empty: the preset)."""
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)
    """Glob pattern of file paths -> codes or prefixes to ignore there."""
    severity: Mapping[str, Severity] = Field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    waivers: tuple[Waiver, ...] = ()
    language: Literal["th", "en", "both"] = "both"
    lexicon: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)
    """Extra lexicon words, by table (``P11``, ``digital``, ``applicant_names`` ...)."""

    def selects(self, code: str) -> bool:
        """Return whether ``code`` is selected by ``select`` and not ``ignore``-d."""
        if any(code.startswith(p) for p in self.ignore):
            return False
        return not self.select or any(code.startswith(p) for p in self.select)
