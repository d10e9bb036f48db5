"""ODT rules: data the process keeps or counts that could be published as open data.

Open Data is OPDC's parallel track beside the e-Service levels; these findings are
information only (``blocks=None``, severity ``info`` by default).
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.opendata.register_not_published import register_not_published
from reprocess.analysis.rules.opendata.statistics_not_published import (
    statistics_not_published,
)

__all__ = ["RULES", "register_not_published", "statistics_not_published"]

RULES: tuple[Rule, ...] = (
    register_not_published,
    statistics_not_published,
)
"""The ODT rules, in code order."""
