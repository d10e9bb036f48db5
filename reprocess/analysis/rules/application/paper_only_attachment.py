"""APP008: a medical certificate, photos, maps or sets of plans accepted on paper only
(pattern P08)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import DocumentClass, PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    document_requests,
    fact_evidence,
    handed,
    terms,
)
from reprocess.model.enums import EServiceLevel

__all__ = ["paper_only_attachment"]


@rule(
    code="APP008",
    name="paper-only-attachment",
    title="Attachment accepted on paper only",
    blocks=EServiceLevel.L1,
    obstacles=("IT", "DATA"),
    patterns=("P08",),
    fix="Accept digital files: an uploaded photo or map, one digital plan set (PDF/BIM), an "
        "electronic medical certificate from the hospital's system, the photo DOPA holds",
    redesign=("accept-digital-attachments",),
)
def paper_only_attachment(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the attachments that can only be handed in on paper: a medical certificate,
    photos (1 นิ้ว, 3x4), a location map, site plans, several sets of drawings, a bank
    book (pattern P08), on the document. An attachment uploaded through an online
    submission is not reported. One handed in with a counter application is reported
    with `blocking=False` (the counter, APP001, is the blocker; a form online would take
    the file too); one that must still be brought on paper in a trip of its own while
    the application is lodged elsewhere is paper-only and blocks L1.

    ## Why it matters
    Paper-only attachments keep the application at the counter even when the form itself
    could be filled in online (OPDC level 1), and "5 ชุด" of drawings multiplies the cost
    of every application.

    ## Example
    ```xml
    <bpmn:dataObjectReference id="Plans" name="แบบแปลน 5 ชุด" rp:originals="5"/>
    ```
    read by a counter submission gives `APP008 Plans`.

    ## Use instead
    Upload the files with the online application; one digital plan set instead of five
    paper sets; an e-medical certificate sent by the hospital; the ID photo from DOPA's
    database (the `accept-digital-attachments` pass).

    ## Known problems
    The rule cannot tell whether the agency would accept a file if offered; it judges
    from the steps that take the document in. A document marked `rp:medium="electronic"`
    or with digital wording is taken to be uploaded.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: electronic evidence may not be
      refused for being electronic.
    - Building Control Act B.E. 2522 practice (plan sets) and local manuals (✎ examples).
    """
    for req in document_requests(ctx, _match, step_patterns=("P08",), keep_uploaded=False):
        subject_th, subject_en = req.subject
        how_th, how_en = handed(req.presentation)
        n = (req.doc.originals or 0) + (req.doc.copies or 0) if req.doc is not None else 0
        sets_th, sets_en = (f" {n} ชุด", f" {n} sets") if n >= 2 else ("", "")
        yield Finding(
            element_id=req.element_id,
            message_th=f"{subject_th} รับ {terms(req.hits)}{sets_th} เป็นกระดาษเท่านั้น ({how_th})",
            message_en=f"{subject_en} takes {terms(req.hits)}{sets_en} on paper only ({how_en})",
            evidence=req.evidence, conditional=req.conditional,
            blocking=req.presentation.extra_trip, patterns=("P08",), related=req.related,
        )


def _match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
    hits = doc.standing_hits("P08")
    if not hits:
        return None
    return hits, fact_evidence(doc, "originals", "copies", "medium")
