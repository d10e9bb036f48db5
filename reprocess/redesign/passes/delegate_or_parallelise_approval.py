"""delegate-or-parallelise-approval: one delegated approval instead of a chain (P19).

## What it does
A chain of sequential approvals (head of section → division director → deputy → DG or
mayor) becomes one decision by the official to whom the authority is delegated: the
intermediate sign-offs are removed (bypassed) and the last approval is made under a
delegation order, with an electronic signature. Authority vested in a named official
can only be delegated by an order or an amendment: the change needs a law change.

## Resolves
EFF003 and P19 (and EFF001/EFF004 when no earlier pass took them).

## Example
``[ผอ.กองพิจารณา] → [ปลัดพิจารณา] → [นายกลงนาม]`` → ``[ผู้ได้รับมอบอำนาจพิจารณาอนุมัติ]``

## Limitations
Only steps with one incoming and one outgoing flow are bypassed.

Examples:
    >>> delegate_or_parallelise_approval.patterns
    ('P19',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import StepKind
from reprocess.redesign.changes import RemoveNode, UpdateNode
from reprocess.redesign.passes._support import by_element, is_flow_node, meta, single_in, single_out
from reprocess.redesign.prerequisites import law_change
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["delegate_or_parallelise_approval"]

_TH = ("มอบอำนาจการอนุมัติให้ผู้บังคับบัญชาระดับที่เหมาะสมพิจารณาครั้งเดียว (ลงลายมือชื่ออิเล็กทรอนิกส์) "
       "แทนการเสนอตามลำดับชั้น")
_EN = ("The authority to approve is delegated to one competent level that decides once (with an "
       "electronic signature) instead of a chain of sign-offs.")


@transformation(name="delegate-or-parallelise-approval",
                title="Delegate approval instead of a chain of sign-offs", patterns=("P19",),
                codes=("EFF003",))
def delegate_or_parallelise_approval(inp: PassInput) -> tuple[Any, ...]:
    """Propose one delegated approval for each chain of sequential approvals."""
    order = {n.id: i for i, n in enumerate(inp.defs.flow_nodes())}
    prereq = law_change(
        "ออกคำสั่งมอบอำนาจ/แก้ไขกฎหมายที่กำหนดตัวผู้มีอำนาจอนุมัติ",
        "a delegation order, or an amendment of the law that names the approving official",
        "พ.ร.บ.ระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534 ม.38; กฎหมายเฉพาะที่กำหนดผู้มีอำนาจ")
    changes: list[Any] = []
    done: set[str] = set()
    mine = [d for d in inp.findings if d.code == "EFF003" or "P19" in d.patterns]
    for element_id, found in by_element(mine).items():
        if element_id in done or not is_flow_node(inp, element_id):
            continue
        chain = [n for n in dict.fromkeys([element_id, *(r for d in found for r in d.related)])
                 if n in inp.ctx.steps and inp.ctx.steps[n].is_activity and n not in inp.removed
                 and n not in done]
        chain.sort(key=lambda n: order.get(n, 0))
        approvals = [n for n in chain if inp.ctx.steps[n].kind is StepKind.APPROVE
                     or inp.ctx.steps[n].standing_hits("P19")]
        if len(approvals) < 2:
            continue
        keep = approvals[-1]
        m = meta(delegate_or_parallelise_approval, found, th=_TH, en=_EN, prerequisites=(prereq,))
        for n in approvals[:-1]:
            done.add(n)
            if not (single_in(inp, n) and single_out(inp, n)):
                continue
            changes.append(RemoveNode(
                element_id=n, reason_th="มอบอำนาจ: ไม่ต้องเสนอผ่านขั้นนี้ตามลำดับชั้น",
                reason_en="delegated: no sign-off at this level", **m))
            m = {**m, "resolves": ()}
        done.add(keep)
        changes.append(UpdateNode(element_id=keep,
                                  note="อนุมัติครั้งเดียวโดยผู้ได้รับมอบอำนาจ ลงลายมือชื่ออิเล็กทรอนิกส์",
                                  **m))
    return tuple(changes)
