"""A rule: one check with its metadata, made with the :func:`rule` decorator.

A rule is a function from an :class:`~reprocess.analysis.context.AnalysisContext` to
findings. Its metadata (code, name, title, level blocked, obstacle categories,
pattern ids, fix text) sits in the decorator; its documentation is the function's
docstring, written in Markdown with the sections of :data:`DOC_SECTIONS`. The
decorator registers nothing: ``reprocess.analysis.rules.ALL_RULES`` lists the rules.

Examples:
    >>> from reprocess.analysis.finding import Finding
    >>> @rule(code="EFF999", name="example-rule", title="An example", blocks=None)
    ... def example_rule(ctx):
    ...     '''## What it does
    ...     Nothing.'''
    ...     yield from ()
    >>> example_rule.code, example_rule.family, example_rule.blocks
    ('EFF999', 'EFF', None)
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from reprocess.model.enums import EServiceLevel, ObstacleCategory

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext
    from reprocess.analysis.finding import Finding

__all__ = ["DOC_SECTIONS", "FAMILIES", "Rule", "RuleStatus", "rule"]

CODE_RE = re.compile(r"^(STR|APP|PAY|ISS|EFF|ODT)\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

FAMILIES: dict[str, str] = {
    "STR": "Structure and modelling",
    "APP": "Blocks L1: applying online",
    "PAY": "Blocks L2: paying online",
    "ISS": "Blocks L3: electronic result",
    "EFF": "No level, but costs time, visits or hand-offs",
    "ODT": "Open Data",
}
"""The rule families, by code prefix."""

DOC_SECTIONS = (
    "What it does",
    "Why it matters",
    "Example",
    "Use instead",
    "Known problems",
    "References",
)
"""The sections every rule's documentation has, in this order."""

CheckFn = Callable[["AnalysisContext"], Iterable["Finding"]]


class RuleStatus(StrEnum):
    """Lifecycle of a rule; a code is never reused."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


@dataclass(frozen=True)
class Rule:
    """A check and its metadata. Call it with a context to get its findings."""

    code: str
    name: str
    title: str
    blocks: EServiceLevel | None
    check: CheckFn = field(repr=False)
    obstacles: tuple[ObstacleCategory, ...] = ()
    patterns: tuple[str, ...] = ()
    fix: str = ""
    redesign: tuple[str, ...] = ()
    """Names of the redesign passes that remove the problem (documentation and links)."""
    status: RuleStatus = RuleStatus.STABLE
    bpmnlint: tuple[str, ...] = ()
    """bpmnlint rule names this rule covers (STR family)."""
    doc: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not NAME_RE.match(self.name):
            raise ValueError(f"bad rule name {self.name!r} (kebab-case)")

    @property
    def family(self) -> str:
        """The three-letter family of the code (``APP``)."""
        return self.code[:3]

    def __call__(self, ctx: AnalysisContext) -> Iterable[Finding]:
        return self.check(ctx)

    def doc_sections(self) -> dict[str, str]:
        """Return the documentation split by ``## `` headings.

        Examples:
            >>> r = Rule("STR999", "x", "X", None, lambda ctx: (), doc="## What it does\\nA.")
            >>> r.doc_sections()
            {'What it does': 'A.'}
        """
        sections: dict[str, str] = {}
        current: str | None = None
        lines: list[str] = []
        for line in self.doc.splitlines():
            if line.startswith("## "):
                if current is not None:
                    sections[current] = "\n".join(lines).strip()
                current = line[3:].strip()
                lines = []
            elif current is not None:
                lines.append(line)
        if current is not None:
            sections[current] = "\n".join(lines).strip()
        return sections


def rule(
    *,
    code: str,
    name: str,
    title: str,
    blocks: EServiceLevel | None,
    obstacles: Iterable[ObstacleCategory | str] = (),
    patterns: Iterable[str] = (),
    fix: str = "",
    redesign: Iterable[str] = (),
    status: RuleStatus = RuleStatus.STABLE,
    bpmnlint: Iterable[str] = (),
) -> Callable[[CheckFn], Rule]:
    """Turn a check function into a :class:`Rule` (registers nothing)."""

    def wrap(fn: CheckFn) -> Rule:
        return Rule(
            code=code,
            name=name,
            title=title,
            blocks=blocks,
            check=fn,
            obstacles=tuple(ObstacleCategory(o) for o in obstacles),
            patterns=tuple(patterns),
            fix=fix,
            redesign=tuple(redesign),
            status=status,
            bpmnlint=tuple(bpmnlint),
            doc=inspect.cleandoc(fn.__doc__ or ""),
        )

    return wrap
