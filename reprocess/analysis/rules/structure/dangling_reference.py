"""STR018: a reference to an element that does not exist (from a lenient read)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import evidence
from reprocess.model.elements import MessageFlow, SequenceFlow

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["dangling_reference"]


@rule(code="STR018", name="dangling-reference",
      title="Reference to an element that does not exist", blocks=None,
      fix="Point the reference at an existing element, or remove it")
def dangling_reference(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports each dangling reference a lenient read kept in the model's ``problems``:
    a lane's ``flowNodeRef``, a boundary event's ``attachedToRef``, a data
    association, a ``default`` flow or a diagram shape that names an element that is
    not in the file.

    ## Why it matters
    The analysis silently loses what the reference meant: a step drops out of its
    lane (so its actor is guessed), a document is no longer read by its step, a
    boundary timer no longer belongs to its task. Findings built on those facts
    are then wrong without saying so.

    ## Example
    ``<lane id="Lane_Finance"><flowNodeRef>Task_Pay</flowNodeRef></lane>`` where no
    ``Task_Pay`` exists any more.

    ## Use instead
    Remove the stale reference, or restore the element it meant.

    ## Known problems
    Dangling ends of sequence and message flows are left to STR008
    (flow-endpoint-missing), which says which end is missing. Only a lenient read
    (``read_bpmn(path, lenient=True)``) keeps such models; the strict reader refuses
    them.

    ## References
    BPMN 2.0.2 clause 8 (Core Structure): references are by id (``xsd:IDREF``);
    clause 12 (BPMN DI), ``bpmnElement``.
    """
    defs = ctx.defs
    for p in defs.problems:
        if p.code != "dangling-reference":
            continue
        owner = defs.get(p.element_id) if p.element_id else None
        if isinstance(owner, (SequenceFlow, MessageFlow)):
            continue
        where = f" (line {p.line})" if p.line else ""
        yield Finding(
            element_id=p.element_id,
            message_th=f"การอ้างอิงชี้ไปยังองค์ประกอบที่ไม่มีอยู่: {p.message}",
            message_en=f"dangling reference: {p.message}",
            evidence=(evidence(p.message + where),),
        )
