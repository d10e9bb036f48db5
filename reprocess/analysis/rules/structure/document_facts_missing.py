"""STR043: a document read by a step without its counts or its issuer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import evidence, quote_ids

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["document_facts_missing"]


@rule(code="STR043", name="document-facts-missing",
      title="Document without originals/copies or issuer", blocks=None,
      fix="Add rp:originals or rp:copies, and rp:issuer, to the document")
def document_facts_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a document (data object reference) that some step reads when the model
    does not say how many originals or copies are asked for, or who issues it. Facts
    found by the lexicon count ("สำเนา..." gives one copy; "บัตรประจำตัวประชาชน" gives
    its issuing agency). Data stores (registers, databases) are skipped. A submission
    check: not in the recommended preset.

    ## Why it matters
    The applicant's burden is counted in documents and copies, and the once-only
    rule (ไม่เรียกสำเนาเอกสารที่ทางราชการออกให้) applies to documents the state issued;
    without the issuer the analysis cannot tell whether the agency may ask for it at
    all.

    ## Example
    ``<bpmn:dataObjectReference name="หนังสือรับรองแพทย์"/>`` read by "ยื่นคำขอ", with
    no ``rp:`` facts.

    ## Use instead
    ``rp:originals="1" rp:issuer="สถานพยาบาล" rp:stateIssued="false"``.

    ## Known problems
    One finding per document reference, even if the same document is drawn twice.

    ## References
    ``docs/extension.md`` (document facts); พ.ร.บ.การอำนวยความสะดวกในการพิจารณา
    อนุญาตฯ พ.ศ. 2558 and the Cabinet resolution on not asking for copies of
    state-issued documents.
    """
    for doc in ctx.documents():
        if doc.is_store or not doc.readers:
            continue
        missing_en: list[str] = []
        missing_th: list[str] = []
        if doc.originals is None and doc.copies is None:
            missing_en.append("rp:originals/rp:copies")
            missing_th.append("จำนวนฉบับจริงหรือสำเนา")
        if not (doc.issuer or doc.source_agency):
            missing_en.append("rp:issuer")
            missing_th.append("หน่วยงานผู้ออกเอกสาร")
        if not missing_en:
            continue
        yield Finding(
            element_id=doc.element_id,
            message_th=f"เอกสาร '{doc.name}' ไม่ได้ระบุ{' และ'.join(missing_th)}",
            message_en=f"document '{doc.name}' does not give {' or '.join(missing_en)}",
            evidence=(evidence(f"read by {quote_ids(doc.readers)}; missing "
                               + ", ".join(missing_en), source="semantics"),),
            related=doc.readers,
        )
