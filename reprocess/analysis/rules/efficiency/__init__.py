"""EFF rules: steps that block no e-Service level but cost time, visits or hand-offs.

These are the Re-Process targets of the pattern catalogue (P17-P25) plus rework
loops, return visits and status enquiries. Their findings are warnings by default
and never lower the level (``blocks=None``).
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.efficiency.committee_decision_required import (
    committee_decision_required,
)
from reprocess.analysis.rules.efficiency.letter_to_other_agency import letter_to_other_agency
from reprocess.analysis.rules.efficiency.manual_rekeying_or_logbook import (
    manual_rekeying_or_logbook,
)
from reprocess.analysis.rules.efficiency.manual_status_enquiry import manual_status_enquiry
from reprocess.analysis.rules.efficiency.paper_routing_between_units import (
    paper_routing_between_units,
)
from reprocess.analysis.rules.efficiency.public_notice_waiting_period import (
    public_notice_waiting_period,
)
from reprocess.analysis.rules.efficiency.renewal_requires_reapplication import (
    renewal_requires_reapplication,
)
from reprocess.analysis.rules.efficiency.repeat_visits import repeat_visits
from reprocess.analysis.rules.efficiency.rework_loop_to_applicant import (
    rework_loop_to_applicant,
)
from reprocess.analysis.rules.efficiency.sequential_approval_chain import (
    sequential_approval_chain,
)
from reprocess.analysis.rules.efficiency.sequential_prerequisite_licence import (
    sequential_prerequisite_licence,
)
from reprocess.analysis.rules.efficiency.site_inspection_required import (
    site_inspection_required,
)

__all__ = [
    "RULES",
    "committee_decision_required",
    "letter_to_other_agency",
    "manual_rekeying_or_logbook",
    "manual_status_enquiry",
    "paper_routing_between_units",
    "public_notice_waiting_period",
    "renewal_requires_reapplication",
    "repeat_visits",
    "rework_loop_to_applicant",
    "sequential_approval_chain",
    "sequential_prerequisite_licence",
    "site_inspection_required",
]

RULES: tuple[Rule, ...] = (
    paper_routing_between_units,
    manual_rekeying_or_logbook,
    sequential_approval_chain,
    committee_decision_required,
    site_inspection_required,
    letter_to_other_agency,
    sequential_prerequisite_licence,
    public_notice_waiting_period,
    renewal_requires_reapplication,
    rework_loop_to_applicant,
    repeat_visits,
    manual_status_enquiry,
)
"""The EFF rules, in code order."""
