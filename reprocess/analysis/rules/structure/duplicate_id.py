"""STR017: an id used by more than one element."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import evidence
from reprocess.model.process import check_integrity

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["duplicate_id"]


@rule(code="STR017", name="duplicate-id",
      title="Id used by more than one element", blocks=None,
      fix="Give each element its own id (re-save the file from the modeler or rename one)")
def duplicate_id(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports each id that more than one element of the file carries: the duplicates
    a lenient read kept in ``problems``, and those found in the model itself (a model
    built or edited in code).

    ## Why it matters
    Every reference (sequence flows, lanes, data associations, the diagram) names
    its element by id. With two elements under one id, the reader keeps one and the
    references silently point at the wrong step, so flows, lanes and documents of the
    analysis may be wrong. Some tools (Visual Paradigm, Signavio) export such files.

    ## Example
    Two tasks both with ``id="Task_1"``: "รับคำขอ" and "ตรวจสอบเอกสาร".

    ## Use instead
    Rename one, e.g. ``Task_Check``, and update the references that meant it.

    ## Known problems
    The strict reader refuses such files; this rule needs ``lenient=True`` (or a
    model built in code). One finding per id, however many times it is repeated.

    ## References
    XML 1.0 / XML Schema: ``id`` is of type ``xsd:ID`` and unique in a document;
    BPMN 2.0.2 clause 8 (Core Structure), "BaseElement".
    """
    defs = ctx.defs
    seen: dict[str, int | None] = {}
    for p in defs.problems:
        if p.code == "duplicate-id" and p.element_id and p.element_id not in seen:
            seen[p.element_id] = p.line
    for p in check_integrity(defs):
        if p.code == "duplicate-id" and p.element_id and p.element_id not in seen:
            seen[p.element_id] = None
    for eid, line in seen.items():
        where = f" (line {line})" if line else ""
        yield Finding(
            element_id=eid,
            message_th=f"รหัส '{eid}' ถูกใช้ซ้ำกับองค์ประกอบมากกว่าหนึ่งรายการ",
            message_en=f"id '{eid}' is used by more than one element",
            evidence=(evidence(f"duplicate id '{eid}'{where}"),),
        )
