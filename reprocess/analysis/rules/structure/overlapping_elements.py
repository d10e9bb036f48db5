"""STR030: shapes that overlap their siblings or stick out of their pool or sub-process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    en_name,
    evidence,
    label_of,
    th_name,
)
from reprocess.model.di import Bounds, Shape
from reprocess.model.elements import (
    BoundaryEvent,
    DataObjectReference,
    DataStoreReference,
    _SubProcessBase,
)
from reprocess.model.process import Definitions, Process, is_flow_node

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["overlapping_elements", "overlapping_pairs"]

_Shapes = dict[tuple[int, str], Shape]
"""(plane index, element id) -> the first shape of the element in that plane."""


@rule(code="STR030", name="overlapping-elements",
      title="Shapes overlap, or lie outside their pool or sub-process", blocks=None,
      bpmnlint=("no-overlapping-elements",),
      fix="Move the shapes apart, inside the pool or sub-process they belong to")
def overlapping_elements(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports flow nodes and data references whose shape overlaps a sibling's shape
    (the same process or sub-process, the same diagram plane), pools that overlap
    each other, and shapes that lie outside the pool or expanded sub-process that
    holds them. A boundary event overlapping its own activity is fine.

    ## Why it matters
    Overlapping shapes hide each other: a task under another task, a document under
    a step. Reviewers then validate a picture that does not show the whole service.

    ## Example
    The task "ตรวจสอบเอกสาร" drawn half over "รับคำขอ".

    ## Use instead
    Move the shapes apart, or let the layout engine place them.

    ## Known problems
    Shapes that only touch (share an edge) do not count, whereas bpmnlint counts
    them. Data store references may lie outside their pool (bpmnlint's exception),
    and labels are ignored. Found with a sweep over the shapes sorted by x, so the
    cost stays near-linear.

    ## References
    bpmnlint rule [no-overlapping-elements](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-overlapping-elements.md);
    BPMN 2.0.2 clause 12 (BPMN Diagram Interchange).
    """
    defs = ctx.defs
    shapes = _shapes(defs)
    if not shapes:
        return
    planes = sorted({p for p, _ in shapes})
    overlapping: dict[str, str] = {}
    outside: dict[str, str] = {}
    attached = {n.id: n.attached_to for n in defs.flow_nodes() if isinstance(n, BoundaryEvent)}
    parent_of_process = {part.process_ref: part.id for part in defs.participants
                         if part.process_ref}
    for col in defs.collaborations:
        ids = [p.id for p in col.participants]
        for plane in planes:
            _sweep(plane, ids, shapes, attached, overlapping)
    for c in containers(defs):
        ids = [el.id for el in c.flow_elements if el.id and (
            is_flow_node(el) or isinstance(el, (DataObjectReference, DataStoreReference)))]
        parent = (parent_of_process.get(c.id) if isinstance(c, Process)
                  else c.id if isinstance(c, _SubProcessBase) else None)
        for plane in planes:
            _sweep(plane, ids, shapes, attached, overlapping)
            if parent is None:
                continue
            pshape = shapes.get((plane, parent))
            if pshape is None or (isinstance(c, _SubProcessBase) and not pshape.is_expanded):
                continue
            for eid in ids:
                shape = shapes.get((plane, eid))
                if (shape is not None and not isinstance(defs.get(eid), DataStoreReference)
                        and not pshape.bounds.contains(shape.bounds)):
                    outside.setdefault(eid, parent)
    for eid, other in overlapping.items():
        el, oth = defs.get(eid), defs.get(other)
        yield Finding(
            element_id=eid,
            message_th=f"{th_name(el)} ซ้อนทับกับ '{label_of(oth)}' ในแผนภาพ",
            message_en=f"{en_name(el)} overlaps '{label_of(oth)}' in the diagram",
            evidence=(evidence(f"bounds of {eid} and {other} intersect"),),
            related=(other,),
        )
    for eid, parent in outside.items():
        el, par = defs.get(eid), defs.get(parent)
        yield Finding(
            element_id=eid,
            message_th=f"{th_name(el)} อยู่นอกขอบเขตของ '{label_of(par)}' ในแผนภาพ",
            message_en=f"{en_name(el)} lies outside its parent '{label_of(par)}' in the diagram",
            evidence=(evidence(f"bounds of {eid} are not inside the bounds of {parent}"),),
            related=(parent,),
        )


def _shapes(defs: Definitions) -> _Shapes:
    out: _Shapes = {}
    for i, diagram in enumerate(defs.diagrams):
        if diagram.plane is None:
            continue
        for item in diagram.plane.items:
            if isinstance(item, Shape) and item.element and _valid(item.bounds):
                out.setdefault((i, item.element), item)
    return out


def _valid(b: Bounds) -> bool:
    return all(v == v for v in (b.x, b.y, b.width, b.height))  # not NaN


def _sweep(plane: int, ids: Sequence[str], shapes: _Shapes, attached: dict[str, str],
           found: dict[str, str]) -> None:
    """Record in ``found`` each element whose shape overlaps a sibling's (and which one)."""
    boxes = [(s.bounds, eid) for eid in ids if (s := shapes.get((plane, eid))) is not None]
    for aid, bid in overlapping_pairs(boxes):
        if attached.get(aid) != bid and attached.get(bid) != aid:
            found.setdefault(aid, bid)
            found.setdefault(bid, aid)


def overlapping_pairs(boxes: Sequence[tuple[Bounds, str]]) -> Iterator[tuple[str, str]]:
    """Yield the ids of every pair of boxes that overlap with a positive area, by a sweep.

    The boxes are sorted along the axis on which they spread most (x for a process
    drawn left to right, y for one drawn top to bottom); only boxes still open on that
    axis are compared, so a usual diagram costs about ``n log n``.

    Examples:
        >>> b = [(Bounds(x=0, y=0, width=10, height=10), "A"),
        ...      (Bounds(x=5, y=5, width=10, height=10), "B"),
        ...      (Bounds(x=10, y=0, width=5, height=5), "C")]
        >>> list(overlapping_pairs(b))  # C only touches A and B
        [('A', 'B')]
    """
    if len(boxes) < 2:
        return
    span_x = max(b.x + b.width for b, _ in boxes) - min(b.x for b, _ in boxes)
    span_y = max(b.y + b.height for b, _ in boxes) - min(b.y for b, _ in boxes)
    along_x = span_x >= span_y

    def lo(b: Bounds) -> float:
        return b.x if along_x else b.y

    def hi(b: Bounds) -> float:
        return b.x + b.width if along_x else b.y + b.height

    active: list[tuple[Bounds, str]] = []
    for b, bid in sorted(boxes, key=lambda t: lo(t[0])):
        start = lo(b)
        active = [(a, aid) for a, aid in active if hi(a) > start]
        for a, aid in active:
            if a.overlaps(b):
                yield aid, bid
        active.append((b, bid))
