"""The rule registry: every rule, in one explicit, ordered tuple.

Families live in sub-packages, one module per rule; each sub-package lists its rules
in ``RULES``. Nothing registers itself on import.
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules import (
    application,
    efficiency,
    issuance,
    opendata,
    payment,
    structure,
)

__all__ = ["ALL_RULES", "get_rule"]

ALL_RULES: tuple[Rule, ...] = (
    *structure.RULES,
    *application.RULES,
    *payment.RULES,
    *issuance.RULES,
    *efficiency.RULES,
    *opendata.RULES,
)
"""Every rule, in code order within each family: STR, APP, PAY, ISS, EFF, ODT."""


def get_rule(code_or_name: str) -> Rule:
    """Return the rule with this code (``APP001``) or name (``paper-application``).

    Raises:
        KeyError: no such rule.
    """
    for r in ALL_RULES:
        if code_or_name in (r.code, r.name):
            return r
    raise KeyError(code_or_name)
