"""exchange-data-with-agency: exchange data over GDX instead of letters (P22).

## What it does
A letter to another agency (or a former employer) asking for data, an opinion or a
verification becomes a data exchange over GDX or an API: the letter step is replaced by
a ``serviceTask`` (new id ``{id}__gdx``) and the step that waits for the reply becomes an
automatic receipt. Allowed under current law (DGA Act s.13); it needs a data-exchange
agreement with the other party (DATA).

## Resolves
EFF006 and P22; EFF007 (P23) on the letters and replies about a prerequisite licence.

## Example
``[ทำหนังสือขอความเห็นไปยังหน่วยงาน]`` → ``[ขอข้อมูล/ความเห็นผ่านระบบแลกเปลี่ยนข้อมูล (GDX / API)]``

Examples:
    >>> exchange_data_with_agency.patterns
    ('P22',)
"""

from __future__ import annotations

from typing import Any

from reprocess.model.domain import DocumentFacts
from reprocess.model.enums import Actor, Channel, Medium, StepKind
from reprocess.redesign.changes import NewNode, ReplaceNode, UpdateDocument
from reprocess.redesign.passes._support import (
    by_element,
    clean_name,
    digital_facts,
    is_document,
    is_flow_node,
    meta,
    paper_flow_renames,
    rename_or_note,
)
from reprocess.redesign.prerequisites import linkage_agreement
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["exchange_data_with_agency"]

_TH = ("ขอข้อมูล/ความเห็นจากหน่วยงานอื่นผ่านระบบแลกเปลี่ยนข้อมูลภาครัฐ (GDX) หรือ API แทนหนังสือราชการ "
       "(พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ม.13)")
_EN = ("Data or an opinion is requested from the other party over GDX or an API instead of an "
       "official letter (DGA Act s.13).")


def _party(inp: PassInput, node_id: str) -> str:
    for mf in inp.defs.message_flows:
        other = mf.target if mf.source == node_id else mf.source if mf.target == node_id else None
        if other is None:
            continue
        pool = inp.defs.pool_of(other)
        if pool is not None and pool.name:
            return pool.name
    return "หน่วยงานที่เกี่ยวข้อง"


@transformation(name="exchange-data-with-agency", title="Exchange data with other agencies",
                patterns=("P22",), codes=("EFF006",))
def exchange_data_with_agency(inp: PassInput) -> tuple[Any, ...]:
    """Propose GDX/API exchanges for letters to other agencies and their replies."""
    changes: list[Any] = []
    touched: list[str] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed or element_id in touched:
            continue
        party = _party(inp, element_id)
        m = meta(exchange_data_with_agency, found, th=_TH, en=_EN,
                 prerequisites=(linkage_agreement(party, party, platform="GDX / API"),))
        if is_document(inp, element_id):
            if element_id in inp.claimed:
                continue
            base = clean_name(getattr(inp.defs.get(element_id), "name", None)) or element_id
            touched.append(element_id)
            changes.append(UpdateDocument(
                element_id=element_id, name=f"{base} (ตรวจสอบผ่านระบบแลกเปลี่ยนข้อมูล GDX)",
                document=DocumentFacts(medium=Medium.ELECTRONIC, copies=0), **m))
            continue
        if not is_flow_node(inp, element_id) or not inp.ctx.steps[element_id].is_activity:
            continue
        step = inp.ctx.steps[element_id]
        outgoing = any(mf.source == element_id for mf in inp.defs.message_flows)
        touched.append(element_id)
        if outgoing and element_id not in inp.claimed and step.kind is not StepKind.SUBMIT:
            changes.append(ReplaceNode(element_id=element_id, node=NewNode(
                id=f"{element_id}__gdx", type="serviceTask",
                name=f"ขอข้อมูล/ความเห็นจาก{party} ผ่านระบบแลกเปลี่ยนข้อมูล (GDX / API)",
                facts=digital_facts(actor=Actor.AGENCY, kind=StepKind.VERIFY,
                                    channel=Channel.AUTOMATED, duration="PT1M"),
                documentation=f"แลกเปลี่ยนข้อมูลอิเล็กทรอนิกส์กับ{party} แทนหนังสือราชการ"), **m))
        else:
            changes.append(rename_or_note(
                inp, element_id,
                name="รับข้อมูลตอบกลับผ่านระบบแลกเปลี่ยนข้อมูล (GDX / API) อัตโนมัติ",
                note="แลกเปลี่ยนข้อมูลผ่าน GDX / API แทนหนังสือราชการ",
                facts=digital_facts(actor=step.actor if step.actor is not Actor.THIRD_PARTY
                                    else Actor.AGENCY, kind=step.kind,
                                    channel=Channel.AUTOMATED), **m))
        # the reply from the same party
        for mf in inp.defs.message_flows:
            src_pool = inp.defs.pool_of(mf.source)
            if mf.target in touched or mf.target not in inp.ctx.steps:
                continue
            if src_pool is None or src_pool.name != party or mf.target in inp.removed:
                continue
            reply = inp.ctx.steps[mf.target]
            if not reply.is_activity or inp.defs.pool_of(mf.target) == src_pool:
                continue
            touched.append(mf.target)
            changes.append(rename_or_note(
                inp, mf.target,
                name="รับข้อมูลตอบกลับผ่านระบบแลกเปลี่ยนข้อมูล (GDX / API) อัตโนมัติ",
                note="รับข้อมูลตอบกลับผ่าน GDX / API",
                facts=digital_facts(actor=Actor.AGENCY, kind=reply.kind,
                                    channel=Channel.AUTOMATED), **{**m, "resolves": ()}))
    changes.extend(paper_flow_renames(inp, exchange_data_with_agency, touched,
                                      "แลกเปลี่ยนข้อมูลผ่าน GDX / API", inp.findings))
    return tuple(changes)
