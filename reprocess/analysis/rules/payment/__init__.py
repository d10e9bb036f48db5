"""PAY rules: what keeps the applicant from paying the fee online (blocks L2).

One module per rule, named after the rule; ``RULES`` lists them in code order. The
private ``_pay`` module says which steps take a fee offline.
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.payment.cash_payment_at_counter import cash_payment_at_counter
from reprocess.analysis.rules.payment.payment_on_second_visit import payment_on_second_visit
from reprocess.analysis.rules.payment.revenue_stamp_required import revenue_stamp_required

__all__ = [
    "RULES",
    "cash_payment_at_counter",
    "payment_on_second_visit",
    "revenue_stamp_required",
]

RULES: tuple[Rule, ...] = (
    cash_payment_at_counter,
    revenue_stamp_required,
    payment_on_second_visit,
)
