"""The redesign passes, one module per pass, listed in pipeline order.

Nothing registers itself: :data:`ALL_PASSES` is the explicit, ordered tuple that
``reprocess.redesign.pipeline.DEFAULT_PASSES`` uses. Order matters where passes touch
the same step: the first to change a step names it, later ones add a note. Replacing
passes (linkage, data exchange) come before the ones that only mark steps electronic.

Examples:
    >>> len(ALL_PASSES), ALL_PASSES[0].name
    (24, 'use-digital-id')
    >>> len({p.name for p in ALL_PASSES}) == len(ALL_PASSES)
    True
"""

from __future__ import annotations

from reprocess.redesign.passes.accept_digital_attachments import accept_digital_attachments
from reprocess.redesign.passes.accept_e_consent import accept_e_consent
from reprocess.redesign.passes.accept_e_signature import accept_e_signature
from reprocess.redesign.passes.allow_electronic_display import allow_electronic_display
from reprocess.redesign.passes.capture_data_once import capture_data_once
from reprocess.redesign.passes.delegate_or_parallelise_approval import (
    delegate_or_parallelise_approval,
)
from reprocess.redesign.passes.exchange_data_with_agency import exchange_data_with_agency
from reprocess.redesign.passes.fetch_state_data_by_linkage import fetch_state_data_by_linkage
from reprocess.redesign.passes.hold_meeting_electronically import hold_meeting_electronically
from reprocess.redesign.passes.inspect_by_risk_or_remotely import inspect_by_risk_or_remotely
from reprocess.redesign.passes.issue_e_document import issue_e_document
from reprocess.redesign.passes.notify_electronically import notify_electronically
from reprocess.redesign.passes.offer_e_payment import offer_e_payment
from reprocess.redesign.passes.offer_online_application import offer_online_application
from reprocess.redesign.passes.offer_status_tracking import offer_status_tracking
from reprocess.redesign.passes.pay_on_approval_online import pay_on_approval_online
from reprocess.redesign.passes.process_prerequisites_in_parallel import (
    process_prerequisites_in_parallel,
)
from reprocess.redesign.passes.publish_notice_online import publish_notice_online
from reprocess.redesign.passes.remove_repeat_visits import remove_repeat_visits
from reprocess.redesign.passes.renew_by_payment import renew_by_payment
from reprocess.redesign.passes.request_missing_documents_once import (
    request_missing_documents_once,
)
from reprocess.redesign.passes.route_electronically import route_electronically
from reprocess.redesign.passes.use_digital_id import use_digital_id
from reprocess.redesign.passes.use_e_stamp_duty import use_e_stamp_duty
from reprocess.redesign.transformation import Pass

__all__ = ["ALL_PASSES", "get_pass"]

ALL_PASSES: tuple[Pass, ...] = (
    # L1: applying online (digital ID first: a law-bound appearance keeps the counter)
    use_digital_id,
    offer_online_application,
    fetch_state_data_by_linkage,
    accept_e_consent,
    accept_e_signature,
    accept_digital_attachments,
    # L2: paying online
    pay_on_approval_online,
    offer_e_payment,
    use_e_stamp_duty,
    # L3: electronic result
    issue_e_document,
    notify_electronically,
    allow_electronic_display,
    # time, visits and hand-offs: replacing and law-bound passes before marking ones
    exchange_data_with_agency,
    request_missing_documents_once,
    process_prerequisites_in_parallel,
    publish_notice_online,
    inspect_by_risk_or_remotely,
    hold_meeting_electronically,
    delegate_or_parallelise_approval,
    remove_repeat_visits,
    offer_status_tracking,
    route_electronically,
    capture_data_once,
    renew_by_payment,
)
"""Every pass, in pipeline order."""


def get_pass(name: str) -> Pass:
    """Return the pass with this name (``offer-online-application``).

    Raises:
        KeyError: no such pass.

    Examples:
        >>> get_pass("offer-e-payment").patterns
        ('P11',)
    """
    for p in ALL_PASSES:
        if p.name == name:
            return p
    raise KeyError(name)
