"""APP003: copies of the ID card or the house registration are asked for (pattern P03)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import DocumentClass, PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    DocRequest,
    document_requests,
    fact_evidence,
    handed,
    source_names,
    terms,
    uploaded_hits,
)
from reprocess.model.enums import EServiceLevel

__all__ = ["state_document_copy_requested"]


@rule(
    code="APP003",
    name="state-document-copy-requested",
    title="Copy of the ID card or house registration requested",
    blocks=EServiceLevel.L1,
    obstacles=("DATA",),
    patterns=("P03",),
    fix="Read the 13-digit ID (or a ThaID token) and fetch the data from the DOPA Linkage "
        "Center or GDX; ask for no copy and no upload",
    redesign=("fetch-state-data-by-linkage",),
)
def state_document_copy_requested(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the documents that ask the applicant for a copy of the ID card, the house
    registration or a civil-registration record (pattern P03: สำเนาบัตรประจำตัวประชาชน,
    สำเนาทะเบียนบ้าน ...), on the document element, with the steps that read it as
    related elements. When the model draws no document, a submission step that names
    such a copy in its own text is reported instead.

    A copy is a once-only gap, not by itself a bar to applying online (the domain brief,
    1.3, counts copies among the checks that do not change the level): it is reported
    with `blocking=False` when it is uploaded online or handed in with a counter
    application (APP001 reports that visit), and blocks L1 only when it must be brought
    on paper in a trip of its own while the application is lodged elsewhere.

    ## Why it matters
    The agency can read the same data from the civil registration with the 13-digit ID:
    asking for a copy breaks the cabinet's no-copy policy (up to ~90% of ~5,000 services
    still asked for copies in 2018), costs the applicant a photocopy and a signature per
    copy, and keeps paper in the file even after the application moves online.

    ## Example
    ```xml
    <bpmn:dataObjectReference id="HouseRegCopy" name="สำเนาทะเบียนบ้านของผู้ขอ"
                              rp:copies="1" rp:issuer="กรมการปกครอง"/>
    ```
    read by a counter submission gives `APP003 HouseRegCopy` (`blocking=False`: the
    counter is APP001's).

    ## Use instead
    Remove the document and fetch the data by linkage (the `fetch-state-data-by-linkage`
    redesign pass): a `serviceTask` "ตรวจสอบข้อมูลทะเบียนราษฎรผ่าน Linkage Center" reading
    a `dataStoreReference` of the DOPA database. A negation in the text ("ไม่ต้องใช้
    สำเนาบัตรประชาชน", "เจ้าหน้าที่ถ่ายสำเนาให้") already silences the rule.

    ## Known problems
    A copy of the grantor's ID card attached to a power of attorney is the one exception
    DOPA's 2021 announcement keeps; it is still reported (conditional when the document
    is) so the consultant can waive it with that reason. `rp:copies="0"` on a document
    whose name says สำเนา is taken at its word (no copy).

    ## References
    - Cabinet resolution of 2 Oct 2018 (effective 5 Nov 2018): no copies of
      state-issued documents from the public.
    - ประกาศกรมการปกครอง (signed 30 Sep 2021): copies of the ID card and the house
      registration no longer requested; DOPA circular มท 0309.4/ว 25043.
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: the agency verifies with the civil
      registration and makes any copy itself, free of charge.
    - DGA Act 2562, s.13: agencies must share the data they hold.
    """
    for req in document_requests(ctx, _match, step_patterns=("P03",)):
        yield _finding(ctx, req)


def _match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
    hits = uploaded_hits(doc, "P03")
    if not hits:
        return None
    copies_stated = any(e.source != "lexicon" for e in doc.evidence.get("copies", ()))
    if doc.copies == 0 and copies_stated:
        return None
    return hits, fact_evidence(doc, "copies", "issuer", "state_issued")


def _finding(ctx: AnalysisContext, req: DocRequest) -> Finding:
    # the copy's data sits with the agency that issues the ID card or house registration,
    # whatever the document's own issuer (a consent letter with the owner's copy ...)
    source_th, source_en = source_names(ctx, req.hits) or (
        "กรมการปกครอง", "the Department of Provincial Administration")
    subject_th, subject_en = req.subject
    how_th, how_en = handed(req.presentation)
    what = terms(req.hits)
    return Finding(
        element_id=req.element_id,
        message_th=f"{subject_th} เรียก {what} ซึ่ง{source_th}มีข้อมูลอยู่แล้ว ({how_th})",
        message_en=f"{subject_en} asks for {what}, data that {source_en} already holds "
                   f"({how_en})",
        evidence=req.evidence,
        conditional=req.conditional,
        blocking=req.presentation.extra_trip,
        patterns=("P03",),
        related=req.related,
    )
