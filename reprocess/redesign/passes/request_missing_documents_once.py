"""request-missing-documents-once: one request for missing documents, no loop (LFA s.8).

## What it does
A rework loop ("เอกสารไม่ครบ → ยื่นเพิ่ม → ตรวจใหม่", any number of rounds) becomes a
single request: the official lists every missing item once, the applicant adds them
online, and the case goes on to the next step. The loop-closing flow is rerouted to a
new join before the step after the completeness check, and the old join is bypassed;
the resubmission steps become online. Allowed by the Licensing Facilitation Act s.8.

## Resolves
EFF010.

## Example
``<ครบ?> -ไม่-> [ยื่นเพิ่ม] -> (back to the check)`` → ``<ครบ?> -ไม่-> [ยื่นเพิ่มครั้งเดียวทางออนไลน์] -> <join> -> next step``

## Limitations
Only a loop with one closing flow ending at an exclusive join, and one exit, is
restructured; other loops only get online resubmission.

Examples:
    >>> request_missing_documents_once.codes
    ('EFF010',)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from reprocess.model import graph as g
from reprocess.model.elements import ExclusiveGateway
from reprocess.model.enums import Actor, Channel, StepKind
from reprocess.redesign.changes import InsertBefore, NewNode, RemoveNode, RerouteFlow
from reprocess.redesign.passes._support import (
    by_element,
    digital_facts,
    is_flow_node,
    meta,
    paper_flow_renames,
    rename_or_note,
)
from reprocess.redesign.prerequisites import E_FORM_SYSTEM
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["request_missing_documents_once"]

_TH = ("เจ้าหน้าที่แจ้งรายการเอกสารที่ขาดครั้งเดียว ผู้ขอยื่นเพิ่มเติมทางออนไลน์ แล้วดำเนินการขั้นต่อไป "
       "ไม่วนกลับมาตรวจซ้ำ (พ.ร.บ.อำนวยความสะดวกฯ 2558 ม.8)")
_EN = ("The official lists every missing item once, the applicant adds them online and the "
       "case goes on: no loop back to the check (LFA s.8).")


@transformation(name="request-missing-documents-once",
                title="Request missing documents once", codes=("EFF010",))
def request_missing_documents_once(inp: PassInput) -> tuple[Any, ...]:
    """Propose one request for missing documents instead of a rework loop."""
    changes: list[Any] = []
    comps = [frozenset(c) for c in nx.strongly_connected_components(inp.defs.graph)
             if len(c) > 1]
    back = g.back_edges(inp.defs)
    done: set[frozenset[str]] = set()
    touched: list[str] = []
    for element_id, found in by_element(inp.findings).items():
        if not is_flow_node(inp, element_id) or element_id in inp.removed:
            continue
        m = meta(request_missing_documents_once, found, th=_TH, en=_EN,
                 prerequisites=(E_FORM_SYSTEM,))
        comp = next((c for c in comps if element_id in c), None)
        if comp is not None and comp not in done:
            done.add(comp)
            changes.extend(_open_loop(inp, comp, back, m))
        body = [element_id, *(r for d in found for r in d.related)]
        partners = [mf.source for mf in inp.defs.message_flows if mf.target == element_id]
        senders = [mf.source for mf in inp.defs.message_flows
                   if comp is not None and mf.source in comp and mf.target in inp.ctx.steps
                   and inp.ctx.steps[mf.target].actor is Actor.APPLICANT]
        for i, n in enumerate(dict.fromkeys([*body, *partners, *senders])):
            if n not in inp.ctx.steps or n in inp.removed or not inp.ctx.steps[n].is_activity:
                continue
            step = inp.ctx.steps[n]
            if n in senders:
                name = "แจ้งรายการเอกสารที่ต้องแก้ไขครั้งเดียวทางอิเล็กทรอนิกส์ (ตาม ม.8)"
                kind = StepKind.NOTIFY
            elif step.actor is Actor.APPLICANT:
                name = "ยื่นเอกสารเพิ่มเติมครั้งเดียวทางออนไลน์ตามรายการที่แจ้ง (upload ผ่านระบบ)"
                kind = StepKind.SUBMIT
            elif any(mf.source in inp.ctx.steps and inp.ctx.steps[mf.source].actor is
                     Actor.APPLICANT for mf in inp.defs.message_flows if mf.target == n):
                name = "รับเอกสารเพิ่มเติมครั้งเดียวทางออนไลน์ผ่านระบบ"
                kind = step.kind
            else:
                continue
            changes.append(rename_or_note(
                inp, n, name=name, note="ขอเอกสารเพิ่มเติมครั้งเดียวตาม ม.8 ยื่นทางออนไลน์",
                facts=digital_facts(actor=step.actor, kind=kind, channel=Channel.ONLINE),
                **(m if i == 0 else {**m, "resolves": ()})))
            touched.append(n)
    changes.extend(paper_flow_renames(inp, request_missing_documents_once, touched,
                                      "แจ้ง/ยื่นเอกสารเพิ่มเติมทางอิเล็กทรอนิกส์ (ครั้งเดียว ตาม ม.8)",
                                      inp.findings))
    return tuple(changes)


def _open_loop(inp: PassInput, comp: frozenset[str],
               back: tuple[tuple[str, str, str], ...], m: dict[str, Any]) -> list[Any]:
    """Return the changes that turn the loop ``comp`` into a single forward pass."""
    closing = [(u, v, k) for u, v, k in back if u in comp and v in comp]
    if len(closing) != 1:
        return []
    _, join, flow_id = closing[0]
    join_node = inp.defs.get(join)
    if not isinstance(join_node, ExclusiveGateway) or len(inp.defs.outgoing(join)) != 1 or (
            len(inp.defs.incoming(join)) != 2):
        return []
    exits = [f for n in sorted(comp) for f in inp.defs.outgoing(n) if f.target not in comp]
    if len(exits) != 1:
        return []
    exit_flow = exits[0]
    target = exit_flow.target
    if len(inp.defs.incoming(target)) != 1 or target in inp.removed:
        return []
    new_join = f"{target}__join_once"
    if new_join in inp.taken_ids:
        return []
    base = {**m, "resolves": ()}
    return [
        InsertBefore(anchor=target, node=NewNode(id=new_join, type="exclusiveGateway",
                                                 name=""), **base),
        RerouteFlow(element_id=flow_id, target=new_join, **m),
        RemoveNode(element_id=join, reason_th="ไม่มีการวนกลับมาตรวจซ้ำ: จุดรวมไม่จำเป็นแล้ว",
                   reason_en="no loop back to the check: the join is no longer needed", **base),
    ]
