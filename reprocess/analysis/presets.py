"""Rule presets and the default severity policy.

A preset is a named set of rule codes. Severity is decided here from the rule's
family, the level it blocks and the configured target level, never by the rule:

* a finding that blocks a level at or below the target is an ``error``;
  one that blocks a higher level is a ``warning``; a conditional one is a ``warning``;
* ``STR`` findings are ``warning``, except broken references, duplicate ids and
  internal errors, which are ``error``;
* ``EFF`` findings are ``warning``; ``ODT`` findings are ``info``.

Examples:
    >>> from reprocess.model.enums import EServiceLevel
    >>> default_severity("APP001", EServiceLevel.L1, target=EServiceLevel.L3).value
    'error'
    >>> default_severity("ISS001", EServiceLevel.L3, target=EServiceLevel.L1).value
    'warning'
"""

from __future__ import annotations

from collections.abc import Iterable

from reprocess.analysis.finding import Severity
from reprocess.analysis.rule import Rule, RuleStatus
from reprocess.model.enums import EServiceLevel

__all__ = ["PRESETS", "STR_ERRORS", "SUBMISSION", "default_severity", "preset_codes", "select_rules"]

STR_ERRORS = frozenset({"STR000", "STR017", "STR018"})
"""Structural codes that are errors by default (internal error, duplicate id, dangling ref)."""

_LEVEL_FAMILIES = {
    "L1": ("STR", "APP"),
    "L2": ("STR", "APP", "PAY"),
    "L3": ("STR", "APP", "PAY", "ISS"),
}

SUBMISSION = frozenset({"STR040", "STR041", "STR042", "STR043"})
"""Submission checks a reviewer can require: service header, durations, classifiable
applicant steps, document facts. Only in the ``submission`` (and ``all``) preset."""

_NOT_RECOMMENDED = frozenset({"STR019", "STR020", "STR030"}) | SUBMISSION
"""Discouraged-element and overlap checks and the submission checks: available, not
recommended by default."""

PRESETS = ("recommended", "all", "level-1", "level-2", "level-3", "structure", "submission")
"""Preset names: ``recommended``, ``all``, one per target level, ``structure``, and
``submission`` (``recommended`` plus the submission checks ``STR040``-``STR043``)."""


def preset_codes(name: str, rules: Iterable[Rule]) -> frozenset[str]:
    """Return the codes of the rules in preset ``name``.

    Raises:
        ValueError: unknown preset name.

    Examples:
        >>> from reprocess.analysis.rules import ALL_RULES
        >>> sorted(preset_codes("submission", ALL_RULES) - preset_codes("recommended", ALL_RULES))
        ['STR040', 'STR041', 'STR042', 'STR043']
    """
    active = [r for r in rules if r.status is not RuleStatus.REMOVED]
    if name == "all":
        return frozenset(r.code for r in active)
    if name == "recommended":
        return frozenset(r.code for r in active if r.status is RuleStatus.STABLE
                         and r.code not in _NOT_RECOMMENDED)
    if name == "submission":
        return preset_codes("recommended", active) | frozenset(
            r.code for r in active if r.code in SUBMISSION)
    if name == "structure":
        return frozenset(r.code for r in active if r.family == "STR")
    if name.startswith("level-") and f"L{name[-1]}" in _LEVEL_FAMILIES:
        fams = _LEVEL_FAMILIES[f"L{name[-1]}"]
        return frozenset(r.code for r in active if r.family in fams
                         and r.code not in _NOT_RECOMMENDED)
    raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")


def select_rules(
    rules: Iterable[Rule],
    *,
    preset: str = "recommended",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> tuple[Rule, ...]:
    """Return the rules of ``preset``, or those matching ``select`` (codes or prefixes).

    ``ignore`` removes codes or prefixes afterwards. Order follows the registry.
    """
    pool = tuple(rules)
    sel = tuple(select)
    ign = tuple(ignore)
    if sel:
        chosen = [r for r in pool if r.status is not RuleStatus.REMOVED
                  and any(r.code.startswith(s) or r.name == s for s in sel)]
    else:
        codes = preset_codes(preset, pool)
        chosen = [r for r in pool if r.code in codes]
    return tuple(r for r in chosen if not any(r.code.startswith(i) or r.name == i for i in ign))


def default_severity(
    code: str,
    blocks: EServiceLevel | None,
    *,
    target: EServiceLevel,
    conditional: bool = False,
) -> Severity:
    """Return the default severity of a finding (see the module docstring)."""
    family = code[:3]
    if family == "STR":
        return Severity.ERROR if code in STR_ERRORS else Severity.WARNING
    if family == "ODT":
        return Severity.INFO
    if blocks is None:
        return Severity.WARNING
    if conditional:
        return Severity.WARNING
    return Severity.ERROR if blocks <= target else Severity.WARNING
