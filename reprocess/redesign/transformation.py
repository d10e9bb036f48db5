"""A redesign pass: metadata plus a pure function from a model to changes.

A pass is made with the :func:`transformation` decorator, which only turns the
function into a frozen :class:`Pass` (it registers nothing; ``passes/__init__.py``
lists them). Every pass receives exactly one :class:`PassInput`: the as-is model, its
classification, the open diagnostics offered to it, and what earlier passes of the
pipeline already claimed. It returns a tuple of :data:`~reprocess.redesign.changes.
Change` records and never edits anything.

Examples:
    >>> @transformation(name="do-nothing", title="An example", patterns=("P99",))
    ... def do_nothing(inp):
    ...     '''Propose nothing.'''
    ...     return ()
    >>> do_nothing.name, do_nothing.patterns
    ('do-nothing', ('P99',))
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Diagnostic
from reprocess.model.process import Definitions

__all__ = ["Pass", "PassInput", "diagnostic_key", "transformation"]

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def diagnostic_key(d: Diagnostic) -> str:
    """Return the key of a diagnostic, ``CODE:element_id`` (``CODE:`` without element).

    Examples:
        >>> from reprocess.analysis.finding import Severity
        >>> d = Diagnostic(code="APP001", name="x", title="X", severity=Severity.ERROR,
        ...                blocks=None, element_id="Task_1", message="m", message_th="m",
        ...                message_en="m")
        >>> diagnostic_key(d)
        'APP001:Task_1'
    """
    return f"{d.code}:{d.element_id or ''}"


@dataclass(frozen=True)
class PassInput:
    """What a pass sees: the as-is, its classification, its diagnostics, earlier claims."""

    defs: Definitions
    """The as-is model (passes never see a half-changed model)."""
    ctx: AnalysisContext
    """The classification of the as-is (steps, documents, roles, lexicon)."""
    findings: tuple[Diagnostic, ...]
    """Open diagnostics offered to this pass that no earlier pass resolved."""
    all_findings: tuple[Diagnostic, ...] = ()
    """Every diagnostic of the as-is (for context: what else is wrong with a step)."""
    claimed: Mapping[str, str] = field(default_factory=dict)
    """Element id -> name of the earlier pass that renamed, replaced or removed it."""
    removed: frozenset[str] = frozenset()
    """Element ids that earlier passes remove or replace."""
    taken_ids: frozenset[str] = frozenset()
    """Ids that earlier passes add (so a pass does not add the same one twice)."""

    def findings_on(self, element_id: str) -> tuple[Diagnostic, ...]:
        """Return every as-is diagnostic on ``element_id``."""
        return tuple(d for d in self.all_findings if d.element_id == element_id)


ProposeFn = Callable[[PassInput], tuple[Any, ...]]


@dataclass(frozen=True)
class Pass:
    """A redesign pass: its name, what it covers, and the function that proposes changes."""

    name: str
    title: str
    propose: ProposeFn = field(repr=False)
    patterns: tuple[str, ...] = ()
    """Pattern ids (P01..P26) whose diagnostics the pass takes, besides those naming it."""
    codes: tuple[str, ...] = ()
    """Rule codes whose diagnostics the pass takes, besides those naming it."""
    internal: bool = False
    """The pass only changes how the agency works inside (routing, records): it may act on
    a step whose other replacement is kept back for a law change."""
    doc: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not NAME_RE.match(self.name):
            raise ValueError(f"bad pass name {self.name!r} (kebab-case)")

    @property
    def module_name(self) -> str:
        """The module of the pass, the name in snake_case (``offer_online_application``)."""
        return self.name.replace("-", "_")

    def takes(self, d: Diagnostic) -> bool:
        """Return whether the pass should look at ``d``.

        It does when the rule names the pass in ``redesign``, when ``d`` has one of the
        pass's pattern ids, or when its code is one of the pass's codes.
        """
        return (self.name in d.redesign or bool(set(d.patterns) & set(self.patterns))
                or d.code in self.codes)

    def __call__(self, inp: PassInput) -> tuple[Any, ...]:
        return tuple(self.propose(inp))


def transformation(
    *,
    name: str,
    title: str,
    patterns: tuple[str, ...] = (),
    codes: tuple[str, ...] = (),
    internal: bool = False,
) -> Callable[[ProposeFn], Pass]:
    """Turn a propose function into a :class:`Pass` (registers nothing)."""

    def wrap(fn: ProposeFn) -> Pass:
        return Pass(name=name, title=title, propose=fn, patterns=patterns, codes=codes,
                    internal=internal, doc=inspect.cleandoc(fn.__doc__ or ""))

    return wrap
