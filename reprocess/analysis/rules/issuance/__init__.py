"""ISS rules: what keeps the result from being issued electronically (blocks L3).

One module per rule, named after the rule; ``RULES`` lists them in code order.
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.issuance.paper_result_collected import paper_result_collected
from reprocess.analysis.rules.issuance.physical_display_required import (
    physical_display_required,
)
from reprocess.analysis.rules.issuance.result_notified_by_letter import (
    result_notified_by_letter,
)

__all__ = [
    "RULES",
    "paper_result_collected",
    "physical_display_required",
    "result_notified_by_letter",
]

RULES: tuple[Rule, ...] = (
    paper_result_collected,
    result_notified_by_letter,
    physical_display_required,
)
