"""route-electronically: route files through e-Saraban / a workflow system (P17).

## What it does
Memos and file folders carried between units of an agency (เสนอแฟ้ม, บันทึกข้อความ,
ลงรับ, ส่งต่อ) go through the agency's electronic correspondence or workflow system:
the step keeps its work and is marked electronic (``rp:medium="electronic"``).

## Resolves
EFF001 and P17.

## Example
``[จัดทำบันทึกข้อความ เสนอแฟ้ม]`` → ``[จัดทำบันทึกข้อความ เสนอแฟ้ม ผ่านระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)]``

Examples:
    >>> route_electronically.patterns
    ('P17',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.enums import Actor, Channel
from reprocess.redesign.passes._support import by_element, digital_facts, is_flow_node, step_update
from reprocess.redesign.prerequisites import BUDGET_DEVELOPMENT, E_SARABAN
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["route_electronically"]

_TH = ("ส่งต่องานระหว่างหน่วยผ่านระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban) / ระบบงาน แทนแฟ้มกระดาษ "
       "(ระเบียบงานสารบรรณ ฉบับที่ 4 พ.ศ. 2564)")
_EN = ("Work moves between units through electronic correspondence (e-Saraban) or a workflow "
       "system instead of paper files (PM Correspondence Regulation No. 4, 2564).")


@transformation(name="route-electronically", title="Route work electronically",
                patterns=("P17",), codes=("EFF001",), internal=True)
def route_electronically(inp: PassInput) -> tuple[Any, ...]:
    """Propose electronic routing for each step that moves paper between units."""
    changes: list[Any] = []
    done: set[str] = set()
    for element_id, found in by_element(inp.findings).items():
        # the whole chain of units the file passes through, not only where it starts
        chain = [element_id, *(r for d in found for r in d.related)]
        for i, node_id in enumerate(dict.fromkeys(chain)):
            if node_id in done or node_id in inp.removed or not is_flow_node(inp, node_id):
                continue
            step = inp.ctx.steps[node_id]
            if not step.is_activity or step.actor is Actor.APPLICANT or (
                    step.channel is Channel.AUTOMATED):
                continue
            done.add(node_id)
            node = inp.defs.node(node_id)
            changes.append(step_update(
                inp, route_electronically, found if i == 0 else (), node_id,
                name=f"{node.name or node_id} ผ่านระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)",
                note="ส่งต่องานผ่านระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban) ไม่ใช้แฟ้มกระดาษ",
                facts=digital_facts(actor=step.actor, channel=Channel.INTERNAL),
                th=_TH, en=_EN, prerequisites=(E_SARABAN, BUDGET_DEVELOPMENT)))
    return tuple(changes)
