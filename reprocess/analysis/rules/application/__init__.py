"""APP rules: what keeps the applicant from lodging the application online (blocks L1).

One module per rule, named after the rule; ``RULES`` lists them in code order. The
private ``_common`` module holds the facts these rules share with the payment and
issuance families (submission steps, requested documents, message flows).
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.application.certified_copy_required import (
    certified_copy_required,
)
from reprocess.analysis.rules.application.paper_application_at_counter import (
    paper_application_at_counter,
)
from reprocess.analysis.rules.application.paper_only_attachment import paper_only_attachment
from reprocess.analysis.rules.application.personal_appearance_required import (
    personal_appearance_required,
)
from reprocess.analysis.rules.application.printed_form_download import printed_form_download
from reprocess.analysis.rules.application.state_document_copy_requested import (
    state_document_copy_requested,
)
from reprocess.analysis.rules.application.state_issued_document_requested import (
    state_issued_document_requested,
)
from reprocess.analysis.rules.application.submission_by_post_or_fax import (
    submission_by_post_or_fax,
)
from reprocess.analysis.rules.application.third_party_paper_document import (
    third_party_paper_document,
)
from reprocess.analysis.rules.application.wet_ink_signature_required import (
    wet_ink_signature_required,
)

__all__ = [
    "RULES",
    "certified_copy_required",
    "paper_application_at_counter",
    "paper_only_attachment",
    "personal_appearance_required",
    "printed_form_download",
    "state_document_copy_requested",
    "state_issued_document_requested",
    "submission_by_post_or_fax",
    "third_party_paper_document",
    "wet_ink_signature_required",
]

RULES: tuple[Rule, ...] = (
    paper_application_at_counter,
    personal_appearance_required,
    state_document_copy_requested,
    state_issued_document_requested,
    certified_copy_required,
    wet_ink_signature_required,
    third_party_paper_document,
    paper_only_attachment,
    submission_by_post_or_fax,
    printed_form_download,
)
