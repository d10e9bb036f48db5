"""APP005: copies must be certified true with a handwritten signature (pattern P05)."""

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
    uploaded_hits,
)
from reprocess.model.enums import EServiceLevel

__all__ = ["certified_copy_required"]


@rule(
    code="APP005",
    name="certified-copy-required",
    title="Copy must be certified true with a wet signature",
    blocks=EServiceLevel.L1,
    obstacles=("DATA", "LAW"),
    patterns=("P05",),
    fix="Drop the copy by fetching the data at the source (APP003/APP004); where a copy is "
        "still needed, accept an uploaded scan signed electronically",
    redesign=("fetch-state-data-by-linkage", "accept-e-signature"),
)
def certified_copy_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the copies the applicant must certify true by hand (รับรองสำเนาถูกต้อง, pattern
    P05, or `rp:certified="true"` on a document with copies), on the document, with the
    reading steps as related; when no document is drawn, on the submission step that
    says so. Like APP003 it is reported with `blocking=False` when the copy is uploaded
    or handed in with a counter application (APP001 reports that visit), and blocks L1
    only when the certified paper must be brought in a trip of its own.

    ## Why it matters
    A handwritten certification needs the paper copy in the applicant's hand: a burden on
    every copy, and a reason agencies give for keeping the counter. Since the Electronic
    Government Administration Act 2022 an agency that still needs a copy makes it itself.

    ## Example
    ```xml
    <bpmn:dataObjectReference id="DeedCopy" name="สำเนาโฉนดที่ดิน (รับรองสำเนาถูกต้อง)"
                              rp:copies="1" rp:certified="true"/>
    ```
    gives `APP005 DeedCopy`.

    ## Use instead
    First remove the copy (the `fetch-state-data-by-linkage` pass); otherwise accept an
    upload signed with an electronic signature (the `accept-e-signature` pass).

    ## Known problems
    The certification an official puts on the service's own output (a certified copy of
    a civil record issued by a registrar) is not a requested copy and is not reported:
    only documents the applicant hands in are. A copy with `rp:copies="0"` is not a copy.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: the agency makes the copy it needs,
      free of charge; electronic evidence may not be refused.
    - พ.ร.บ.ว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์ พ.ศ. 2544 (Electronic Transactions Act):
      electronic signatures.
    - Cabinet resolution of 2 Oct 2018 (no copies of state-issued documents).
    """
    for req in document_requests(ctx, _match, step_patterns=("P05",)):
        subject_th, subject_en = req.subject
        how_th, how_en = handed(req.presentation)
        yield Finding(
            element_id=req.element_id,
            message_th=f"{subject_th} ให้ผู้ขอลงลายมือชื่อรับรองสำเนาถูกต้องด้วยมือ ({how_th})",
            message_en=f"{subject_en} makes the applicant certify the copy true by hand "
                       f"({how_en})",
            evidence=req.evidence, conditional=req.conditional,
            blocking=req.presentation.extra_trip, patterns=("P05",), related=req.related,
        )


def _match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
    hits = uploaded_hits(doc, "P05")
    if not hits and not doc.certified:
        return None
    if doc.copies == 0:
        return None
    return hits, fact_evidence(doc, "certified", "copies")
