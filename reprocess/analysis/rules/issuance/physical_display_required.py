"""ISS003: the licence must be physically displayed at the premises (pattern P16)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    doc_name,
    hit_evidence,
    label,
    read_text,
    show,
    terms,
)
from reprocess.model.elements import TextAnnotation
from reprocess.model.enums import EServiceLevel

__all__ = ["physical_display_required"]


@rule(
    code="ISS003",
    name="physical-display-required",
    title="Licence must be displayed on paper at the premises",
    blocks=EServiceLevel.L3,
    obstacles=("LAW",),
    patterns=("P16",),
    fix="Allow electronic display: a QR poster at the premises that links to the live status "
        "of the e-licence",
    redesign=("allow-electronic-display",),
)
def physical_display_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the rule that the licence must be displayed at the premises (แสดงใบอนุญาตไว้ใน
    ที่เปิดเผย, เห็นได้ง่าย, ติดไว้ ณ สถานที่: pattern P16) in a step, a document, or a text
    annotation of the process (the legal text a modeller copies from the criteria
    section). It is reported with `blocking=False`: the display duty does not stop the
    agency from issuing an electronic licence; it is a legal obstacle (LAW) to record,
    which the Electronic Government Administration Act 2022 already answers (a licence
    may be displayed electronically) unless a local ordinance still prescribes paper.

    ## Why it matters
    While an ordinance asks for the paper licence on the wall, the agency keeps printing
    paper even with an e-licence, and the applicant keeps a pick-up visit.

    ## Example
    ```xml
    <bpmn:textAnnotation id="Display">
      <bpmn:text>ข้อบัญญัติฯ: ต้องแสดงใบอนุญาตไว้ในที่เปิดเผยเห็นได้ง่าย</bpmn:text>
    </bpmn:textAnnotation>
    ```
    gives `ISS003` on the element it is attached to (or on the annotation).

    ## Use instead
    Electronic display: a QR poster linking to the live licence status (the
    `allow-electronic-display` pass), with the ordinance amended where it names paper.
    Digital wording ("แสดงใบอนุญาตอิเล็กทรอนิกส์ผ่าน QR") already silences the rule.

    ## Known problems
    A free annotation not associated with any element is reported on the annotation.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: a licence that must be displayed
      may be displayed electronically.
    - Public Health Act B.E. 2535 and local ordinances on food premises (display duty).
    """
    for node, step in ctx.nodes():
        hits = step.standing_hits("P16")
        if hits:
            yield _finding(node.id, f"ขั้นตอน '{label(node)}'", f"'{label(node)}'", hits)
    for doc in ctx.documents():
        hits = doc.standing_hits("P16")
        if hits:
            yield _finding(doc.element_id, f"เอกสาร '{doc_name(doc)}'", f"'{doc_name(doc)}'",
                           hits)
    # a note not attached to any step or document: its text is read here
    attached = {a.id for eid in (*ctx.steps, *ctx.docs) for a in ctx.defs.annotations_of(eid)}
    for ann in _annotations(ctx):
        if ann.id in attached:
            continue
        hits = read_text(ctx, ann.text, field="annotation", element_id=ann.id).standing("P16")
        if hits:
            text = show(ann.text)
            text = text if len(text) <= 60 else text[:59] + "…"
            yield _finding(ann.id, f"ข้อความ '{text}'", f"the note '{text}'", hits)


def _annotations(ctx: AnalysisContext) -> Iterator[TextAnnotation]:
    for proc in ctx.defs.processes:
        yield from (a for a in proc.artifacts if isinstance(a, TextAnnotation))
    for collab in ctx.defs.collaborations:
        yield from (a for a in collab.artifacts if isinstance(a, TextAnnotation))


def _finding(element_id: str, subject_th: str, subject_en: str,
             hits: tuple[PatternHit, ...]) -> Finding:
    return Finding(
        element_id=element_id,
        message_th=f"{subject_th} กำหนดให้แสดงใบอนุญาตฉบับกระดาษไว้ ณ สถานที่ ({terms(hits)}); "
                   "เป็นข้อจำกัดทางกฎหมายต่อการออกใบอนุญาตอิเล็กทรอนิกส์",
        message_en=f"{subject_en} requires the paper licence to be displayed at the premises "
                   f"({terms(hits)}); a legal obstacle to an electronic licence",
        evidence=hit_evidence(hits), blocking=False, patterns=("P16",),
    )
