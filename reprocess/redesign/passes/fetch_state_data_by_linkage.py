"""fetch-state-data-by-linkage: the agency fetches state data instead of asking for copies.

## What it does
Removes from the application every copy of an ID card or house registration (P03),
every other state-issued document (P04) and their certified copies (P05), and adds one
``serviceTask`` per authoritative source agency that fetches the data over the DOPA
Linkage Center (civil registration) or GDX (other agencies) where the agency's work on
the application begins. The change names the source agency; its prerequisite is a
data-linkage agreement with it (DATA), allowed under current law (cabinet resolution of
2 Oct 2018, 2565 Act s.12, DGA Act s.13).

## Resolves
APP003, APP004, APP005 on state-issued documents, and any diagnostic with P03/P04/P05
on such a document or on a step that names one.

## Example
``(สำเนาบัตรประชาชน) → [ตรวจสอบคำขอ]`` → ``[ดึงข้อมูลจากกรมการปกครอง ผ่าน DOPA Linkage Center] → [ตรวจสอบคำขอ]``

## Limitations
A certified copy of a document the state did not issue is left to ``accept-e-signature``;
a document in a third party's consent letter to ``accept-e-consent``.

Examples:
    >>> fetch_state_data_by_linkage.patterns
    ('P03', 'P04', 'P05')
"""

from __future__ import annotations

from typing import Any

from reprocess import thai
from reprocess.analysis.classify import DocumentClass
from reprocess.analysis.lexicon import Lexicon, StateIssuer
from reprocess.model.enums import Actor, Channel, StepKind
from reprocess.redesign.changes import (
    InsertAfter,
    InsertBefore,
    NewNode,
    RemoveDocument,
    UpdateNode,
)
from reprocess.redesign.passes._support import (
    agency_entry,
    by_element,
    clean_name,
    digital_facts,
    is_document,
    is_flow_node,
    keys,
    meta,
    patterns_of,
)
from reprocess.redesign.prerequisites import linkage_agreement
from reprocess.redesign.transformation import PassInput, transformation

__all__ = ["fetch_state_data_by_linkage", "source_of"]

_THIRD_PARTY = ("P07",)


def source_of(lex: Lexicon, doc: DocumentClass) -> StateIssuer | None:
    """Return the authoritative source agency of a state document, or ``None``.

    The issuer given on the document wins, then the issuer of the state document its
    name names (สำเนาทะเบียนบ้าน: กรมการปกครอง).
    """
    for text in (doc.issuer, doc.source_agency):
        if not text:
            continue
        for m in lex.match(thai.normalize(text), tables=("state_issuers",)):
            key = thai.normalize(m.term)
            for iss in lex.state_issuers:
                if any(thai.normalize(t) == key for t in iss.terms):
                    return iss
    found = lex.state_document(doc.name)
    if found is not None:
        try:
            return lex.issuer(found.issuer)
        except KeyError:
            return None
    return None


@transformation(name="fetch-state-data-by-linkage",
                title="Fetch state data by linkage instead of asking for copies",
                patterns=("P03", "P04", "P05"), codes=("APP003", "APP004"))
def fetch_state_data_by_linkage(inp: PassInput) -> tuple[Any, ...]:
    """Propose removing state documents and fetching their data from the source."""
    lex = inp.ctx.lexicon
    groups: dict[str, tuple[StateIssuer | None, list[str], list[Any], list[str]]] = {}
    changes: list[Any] = []
    for element_id, found in by_element(inp.findings).items():
        if element_id in inp.removed:
            continue
        if is_document(inp, element_id):
            doc = inp.ctx.docs.get(element_id)
            if doc is None or not doc.state_issued:
                continue
            iss = source_of(lex, doc)
            key = iss.key if iss is not None else "STATE"
            entry = groups.setdefault(key, (iss, [], [], []))
            entry[1].append(element_id)
            entry[2].extend(found)
            entry[3].extend(doc.readers)
        elif is_flow_node(inp, element_id):
            changes.append(UpdateNode(
                element_id=element_id,
                note="ไม่ต้องใช้สำเนาเอกสารที่ราชการออกให้: หน่วยงานดึงข้อมูลผ่านระบบเชื่อมโยงข้อมูล "
                     "(Linkage Center / GDX)",
                **meta(fetch_state_data_by_linkage, found,
                       th="ผู้ขอไม่ต้องนำสำเนาเอกสารที่ราชการออกให้มาแสดง หน่วยงานตรวจสอบจากฐานข้อมูล",
                       en="The applicant no longer brings copies of state documents; the agency "
                          "checks the source database.")))
    for key in sorted(groups):
        iss, doc_ids, found, readers = groups[key]
        agency_th = iss.name_th if iss is not None else "หน่วยงานผู้ออกเอกสาร"
        agency_en = iss.name_en if iss is not None else "the issuing agency"
        platform = "DOPA Linkage Center" if key == "DOPA" else "GDX"
        names = ", ".join(dict.fromkeys(_short(inp, d) for d in doc_ids))
        prereq = linkage_agreement(agency_th, agency_en, platform=platform)
        m = meta(fetch_state_data_by_linkage, found, prerequisites=(prereq,),
                 th=f"หน่วยงานดึงข้อมูล{names}จาก{agency_th} ผ่าน {platform} แทนการขอสำเนาจากผู้ขอ "
                    f"(มติ ครม. 2 ต.ค. 2561, พ.ร.บ. 2565 ม.12, พ.ร.บ.รัฐบาลดิจิทัล ม.13)",
                 en=f"The agency fetches {names} from {agency_en} over {platform} instead of "
                    f"asking the applicant for copies (cabinet 2 Oct 2018, 2565 Act s.12, "
                    f"DGA Act s.13).")
        reader = next((r for r in readers if r in inp.ctx.steps and r not in inp.removed), None)
        anchor = agency_entry(inp, reader) if reader is not None else None
        if anchor is not None:
            where, node_id = anchor
            new = NewNode(
                id=f"{node_id}__fetch_{key}", type="serviceTask",
                name=f"ดึงข้อมูลจาก{agency_th} ผ่าน {platform} (เชื่อมโยงข้อมูลอัตโนมัติ)",
                facts=digital_facts(actor=Actor.AGENCY, kind=StepKind.VERIFY,
                                    channel=Channel.AUTOMATED, duration="PT1M"),
                documentation=f"ข้อมูลที่ดึง: {names} / source agency: {agency_en}")
            if new.id not in inp.taken_ids:
                cls = InsertAfter if where == "after" else InsertBefore
                changes.append(cls(anchor=node_id, node=new, **m))
                m = {**m, "prerequisites": ()}
        for doc_id in doc_ids:
            own = [d for d in found if d.element_id == doc_id]
            doc_cls = inp.ctx.docs[doc_id]
            if doc_cls.standing_hits(*_THIRD_PARTY) or (
                    doc_cls.conditional and doc_cls.issuer is None):
                continue  # a third party's paper: accept-e-consent turns it into an e-consent
            changes.append(RemoveDocument(
                element_id=doc_id,
                reason_th=f"ไม่ต้องยื่น: หน่วยงานดึงข้อมูลจาก{agency_th} ผ่าน {platform}",
                reason_en=f"no longer asked for: the agency fetches it from {agency_en} "
                          f"over {platform}",
                **{**m, "resolves": keys(own), "patterns": patterns_of(own, ("P03", "P04")),
                   "prerequisites": (prereq,),
                   "rationale_th": m["rationale_th"], "rationale_en": m["rationale_en"]}))
    return tuple(changes)


def _short(inp: PassInput, doc_id: str) -> str:
    doc = inp.defs.get(doc_id)
    return clean_name(getattr(doc, "name", None)) or doc_id
