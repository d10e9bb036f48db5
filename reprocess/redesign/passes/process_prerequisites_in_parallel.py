"""process-prerequisites-in-parallel: one application, prerequisites in parallel (P23).

## What it does
A prerequisite licence or clearance from another agency that must be obtained first is
requested with the same application (Biz Portal one-stop) and processed in parallel;
where the prerequisite step and the step after it are independent consecutive steps,
they run between a parallel fork and join. Sequencing is usually fixed by the Acts
involved: the change needs a law change.

## Resolves
EFF007 and P23 (what ``exchange-data-with-agency`` did not take).

Examples:
    >>> process_prerequisites_in_parallel.patterns
    ('P23',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.elements import _TaskBase
from reprocess.redesign.changes import Parallelize, UpdateDocument, UpdateNode
from reprocess.redesign.passes._support import (
    by_element,
    is_document,
    is_flow_node,
    meta,
    single_in,
    single_out,
)
from reprocess.redesign.prerequisites import law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["process_prerequisites_in_parallel"]

_TH = ("ยื่นคำขอเดียวผ่านศูนย์รับคำขอ/Biz Portal และพิจารณาใบอนุญาตที่ต้องได้ก่อนคู่ขนานกัน "
       "แทนการรอให้ได้ใบอนุญาตก่อนหน้าจึงยื่นต่อ")
_EN = ("One application through a one-stop centre / Biz Portal, with the prerequisite "
       "licence processed in parallel instead of one after the other.")


@transformation(name="process-prerequisites-in-parallel",
                title="Process prerequisite licences in parallel", patterns=("P23",),
                codes=("EFF007",))
def process_prerequisites_in_parallel(inp: PassInput) -> tuple[Any, ...]:
    """Propose parallel processing of prerequisite licences."""
    prereq = law_change(
        "แก้ไขกฎหมายที่กำหนดให้ต้องได้รับใบอนุญาต/ความเห็นชอบก่อน ให้ยื่นพร้อมกันและพิจารณาคู่ขนานได้",
        "amend the provisions that make one licence a precondition of the other, to allow a "
        "joint application and parallel processing",
        "พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558 (ศูนย์รับคำขออนุญาต); "
        "กฎหมายเฉพาะของใบอนุญาตที่ต้องได้ก่อน")
    changes: list[Any] = []
    used: set[str] = set()
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed or element_id in used:
            continue
        m = meta(process_prerequisites_in_parallel, found, th=_TH, en=_EN, prerequisites=(prereq,))
        if is_document(inp, element_id):
            changes.append(UpdateDocument(element_id=element_id, **m))
            continue
        if not is_flow_node(inp, element_id):
            continue
        nxt = [f.target for f in inp.defs.outgoing(element_id)]
        node = inp.defs.node(element_id)
        if (len(nxt) == 1 and single_in(inp, element_id) and single_out(inp, element_id)
                and nxt[0] in inp.ctx.steps and single_in(inp, nxt[0])
                and single_out(inp, nxt[0]) and nxt[0] not in used
                and isinstance(node, _TaskBase)
                and isinstance(inp.defs.node(nxt[0]), _TaskBase)
                and not _depends(inp, element_id, nxt[0])):
            used.update((element_id, nxt[0]))
            changes.append(Parallelize(
                element_ids=(element_id, nxt[0]), fork_id=f"{element_id}__fork",
                join_id=f"{element_id}__join", **m))
        else:
            changes.append(UpdateNode(
                element_id=element_id,
                note="ยื่นคำขอเดียวและพิจารณาคู่ขนานกับใบอนุญาตที่ต้องได้ก่อน (one-stop, Biz Portal)",
                **m))
    return tuple(changes)


def _depends(inp: PassInput, first: str, second: str) -> bool:
    """Return whether ``second`` needs what ``first`` produces (a document or a reply)."""
    written = {d.id for d in inp.defs.documents_written(first)}
    read = {d.id for d in inp.defs.documents_read(second)}
    if written & read:
        return True
    sends = any(mf.source == first for mf in inp.defs.message_flows)
    waits = any(mf.target == second for mf in inp.defs.message_flows)
    return sends and waits
