"""offer-online-application: lodge the application through an online e-form (P01, P09, P10, P26).

## What it does
Turns a paper application lodged at a counter, by post or fax, a queue ticket or a
download-print-fill form into an online e-form step (``userTask``, ``rp:channel="online"``,
``rp:medium="electronic"``) and keeps an assisted-digital counter beside it: an
exclusive gateway "เลือกช่องทาง" before the first online submission of each process,
with a branch through a task "เจ้าหน้าที่ช่วยยื่นคำขอออนไลน์ (assisted digital)" that
joins back (GDS points 3 and 5: no one is left behind).

## Resolves
APP001 and any diagnostic with P01, P09, P10 or P26.

## Example
``[ยื่นคำขอ ณ เคาน์เตอร์]`` → ``<เลือกช่องทาง> → [ยื่นคำขอทางออนไลน์ (e-Form)] | [เจ้าหน้าที่ช่วยยื่นคำขอออนไลน์]``

## Limitations
The assisted path is added once per process, around a submission with one incoming and
one outgoing flow; later submissions (a resubmission in a rework loop) become online
without a second counter branch.

Examples:
    >>> offer_online_application.name, offer_online_application.patterns
    ('offer-online-application', ('P01', 'P09', 'P10', 'P26'))
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import Duration, StepFacts
from reprocess.model.enums import Actor, Channel, Medium, StepKind
from reprocess.redesign.changes import AddAlternativePath, AddLane, NewNode, UpdateNode
from reprocess.redesign.passes._support import (
    ASSISTED_LANE_NAME,
    applicant_lane,
    by_element,
    counterpart_updates,
    digital_facts,
    is_flow_node,
    lanes_of_process,
    meta,
    single_in,
    single_out,
)
from reprocess.redesign.prerequisites import (
    ASSISTED_COUNTER_STAFF,
    BUDGET_DEVELOPMENT,
    DIGITAL_ID,
    E_FORM_SYSTEM,
)
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["offer_online_application"]

_TH = ("ผู้ขอยื่นคำขอผ่านแบบคำขออิเล็กทรอนิกส์ (e-Form) ได้ทุกที่ทุกเวลา ได้รับเลขที่คำขอทันที "
       "ตามสิทธิยื่นคำขอทางอิเล็กทรอนิกส์ของ พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 "
       "และคงจุดบริการช่วยเหลือด้านดิจิทัลไว้สำหรับผู้ที่ใช้ระบบออนไลน์ไม่ได้")
_EN = ("The applicant lodges the application through an online e-form at any time and gets an "
       "application number at once (right to apply electronically, 2565 Act); an assisted-"
       "digital counter stays for people who cannot use the online channel.")
_NOTE = ("กรอกแบบคำขออิเล็กทรอนิกส์ผ่านระบบของหน่วยงาน / Biz Portal / ทางรัฐ "
         "ได้รับเลขที่คำขอและใบรับคำขออิเล็กทรอนิกส์ทันที")


@transformation(name="offer-online-application", title="Lodge the application online",
                patterns=("P01", "P09", "P10", "P26"), codes=("APP001",))
def offer_online_application(inp: PassInput) -> tuple[Any, ...]:
    """Propose an online e-form for each paper submission, with an assisted counter."""
    changes: list[Any] = []
    prereqs = (E_FORM_SYSTEM, DIGITAL_ID, BUDGET_DEVELOPMENT)
    assisted_done: set[str] = set()
    seen: set[str] = set()
    for element_id, found in by_element(inp.findings).items():
        if not is_flow_node(inp, element_id) or element_id in inp.removed:
            continue
        step = inp.ctx.steps[element_id]
        if not step.is_activity:
            continue
        applicant = step.actor is Actor.APPLICANT
        kind = StepKind.SUBMIT if step.kind in (StepKind.OTHER, StepKind.SUBMIT) else step.kind
        if applicant:
            name = "ยื่นคำขอทางออนไลน์ (e-Form) พร้อมแนบไฟล์เอกสาร"
            facts = digital_facts(actor=Actor.APPLICANT, kind=kind)
        else:
            name = "รับคำขอทางออนไลน์ผ่านระบบ (e-Service)"
            facts = digital_facts(actor=step.actor, kind=kind)
        m = meta(offer_online_application, found, th=_TH, en=_EN, prerequisites=prereqs)
        changes.append(UpdateNode(element_id=element_id, name=name, node_type="userTask",
                                  facts=facts, documentation=_NOTE, **m))
        changes.extend(c.model_copy(update={"prerequisites": prereqs}) for c in counterpart_updates(
            inp, offer_online_application, found, suffix="(รับคำขอทางออนไลน์ผ่านระบบ)",
            note="รับคำขออิเล็กทรอนิกส์ผ่านระบบ", th=_TH, en=_EN, seen=seen,
            extra=_counter_partners(inp, element_id)))
        process = inp.defs.process_of(element_id)
        if (process.id in assisted_done or not (single_in(inp, element_id)
                                                and single_out(inp, element_id))
                or inp.defs.container_of(element_id).id != process.id
                or element_id in _loop_nodes(inp)):
            continue
        assisted_done.add(process.id)
        changes.extend(_assisted(inp, element_id, process.id, applicant, m))
    return tuple(changes)


def _counter_partners(inp: PassInput, element_id: str) -> list[str]:
    """Agency steps that take the applicant's message at a counter (the official across it)."""
    out = []
    for mf in inp.defs.message_flows:
        if mf.source != element_id:
            continue
        # a message that starts the agency's process reaches its first step
        targets = [mf.target] + [f.target for f in inp.defs.outgoing(mf.target)]
        for t in targets:
            step = inp.ctx.steps.get(t)
            if step is not None and step.is_activity and (
                    step.copresence or step.channel is Channel.COUNTER):
                out.append(t)
    return out


def _loop_nodes(inp: PassInput) -> frozenset[str]:
    from reprocess.model.graph import loops

    return frozenset(n for loop in loops(inp.defs) for n in loop)


def _assisted(inp: PassInput, element_id: str, process_id: str, applicant: bool,
              m: dict[str, Any]) -> list[Any]:
    """Return the changes that add the assisted-digital counter around ``element_id``."""
    out: list[Any] = []
    lane: str | None = None
    base = {**m, "resolves": (), "prerequisites": (ASSISTED_COUNTER_STAFF,),
            "rationale_th": "คงช่องทางจุดบริการช่วยเหลือด้านดิจิทัล: เจ้าหน้าที่ช่วยยื่นคำขอออนไลน์ "
                            "แทนผู้ที่ใช้ระบบออนไลน์ไม่ได้ (ผู้สูงอายุ ผู้อยู่ห่างไกล)",
            "rationale_en": "Keep an assisted-digital counter: an official files online for people "
                            "who cannot use the online channel (elderly, remote areas)."}
    has_lanes = bool(lanes_of_process(inp, process_id))
    if has_lanes and applicant_lane(inp, process_id) is not None:
        lane = f"{process_id}__assisted"
        out.append(AddLane(process_id=process_id, lane_id=lane, name=ASSISTED_LANE_NAME,
                           role=Actor.AGENCY, **base))
    actor = Actor.AGENCY if lane is not None or not applicant else Actor.APPLICANT
    node = NewNode(
        id=f"{element_id}__assisted", type="userTask",
        name="เจ้าหน้าที่ช่วยยื่นคำขอออนไลน์ (assisted digital)",
        facts=StepFacts(actor=actor, channel=Channel.COUNTER, medium=Medium.ELECTRONIC,
                        kind=StepKind.SUBMIT, copresence=True,
                        duration=Duration(iso="PT20M")),
        documentation="ผู้ขอมาที่จุดบริการ เจ้าหน้าที่กรอกคำขอในระบบออนไลน์แทน "
                      "และยืนยันตัวตนด้วยเครื่องอ่านบัตรประชาชน (smart card reader)",
        lane=lane)
    out.append(AddAlternativePath(
        element_id=element_id, gateway_id=f"{element_id}__channel",
        join_id=f"{element_id}__channel_join", gateway_name="เลือกช่องทางยื่นคำขอ (choose channel)",
        node=node, **base))
    return out
