"""STR029: elements that the diagram (BPMN DI) does not draw."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    en_name,
    evidence,
    opaque_attrs,
    quote_ids,
    th_name,
)
from reprocess.model.elements import DataObject, Opaque
from reprocess.model.process import Definitions

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["diagram_missing"]


@rule(code="STR029", name="diagram-missing",
      title="Element not drawn in the diagram", blocks=None,
      bpmnlint=("no-bpmndi",),
      fix="Open and re-save the file in a modeler, or let `reprocess` lay the model out")
def diagram_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports each element that should be drawn but has no shape or edge in any
    diagram of the file: flow nodes, sequence flows, data object and data store
    references, text annotations, associations, groups, pools, lanes and message
    flows. A file with no diagram at all gets one finding, not one per element.

    ## Why it matters
    The diagram is what agencies and reviewers read and sign off. An element that
    exists only in the XML is invisible to them, yet the analysis counts it (a hidden
    fee, a hidden visit), so the report and the picture disagree.

    ## Example
    A task "ชำระค่าธรรมเนียม" (pay the fee) added by a script to the process, with
    no ``BPMNShape`` for it.

    ## Use instead
    Draw it: open the file in a modeler and place the task, or generate the layout.

    ## Known problems
    Data objects themselves (not their references) are never drawn and are skipped.
    Unlike bpmnlint, every lane set is checked (not only the first) and a file without
    any diagram gives a single finding.

    ## References
    bpmnlint rule [no-bpmndi](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-bpmndi.md);
    BPMN 2.0.2 clause 12 (BPMN Diagram Interchange).
    """
    defs = ctx.defs
    drawn: set[str] = set()
    for diagram in defs.diagrams:
        if diagram.plane is None:
            continue
        for item in diagram.plane.items:
            if not isinstance(item, Opaque):
                if item.element:
                    drawn.add(item.element)
            else:  # a shape or edge the reader could not interpret still draws it
                drawn.update(v for _, v in opaque_attrs(item, "bpmnElement"))
    missing = [el for el in _drawable(defs) if el.id not in drawn]
    if not missing:
        return
    if not drawn:
        ids = [el.id for el in missing]
        yield Finding(
            element_id=None,
            message_th=f"แฟ้มไม่มีแผนภาพ (BPMN DI) เลย องค์ประกอบ {len(ids)} รายการไม่ได้ถูกวาด",
            message_en=f"the file has no diagram (BPMN DI): {len(ids)} element(s) are not drawn",
            evidence=(evidence(f"no BPMNShape or BPMNEdge; elements: {quote_ids(ids)}"),),
        )
        return
    for el in missing:
        yield Finding(
            element_id=el.id,
            message_th=f"{th_name(el)} ไม่ปรากฏในแผนภาพ (ไม่มี BPMN DI)",
            message_en=f"{en_name(el)} is not drawn in any diagram (no BPMN DI)",
            evidence=(evidence(f"no BPMNShape or BPMNEdge with bpmnElement=\"{el.id}\""),),
        )


def _drawable(defs: Definitions) -> Iterator[Any]:
    for col in defs.collaborations:
        yield from col.participants
        yield from (a for a in col.artifacts if not isinstance(a, Opaque))
        yield from col.message_flows
    for c in containers(defs):
        for el in c.flow_elements:
            if not isinstance(el, (DataObject, Opaque)) and el.id:
                yield el
        yield from (a for a in c.artifacts if not isinstance(a, Opaque) and a.id)
        for ls in c.lane_sets:
            for top in ls.lanes:
                yield from top.all_lanes()
