"""APP004: another state-issued document must be brought by the applicant (pattern P04)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reprocess.analysis.classify import DocumentClass, PatternHit
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    DocRequest,
    doc_name,
    document_requests,
    fact_evidence,
    handed,
    issuer_names,
    output_documents,
    semantics,
    source_names,
    submission_steps,
    terms,
    uploaded_hits,
)
from reprocess.model.enums import Actor, EServiceLevel

__all__ = ["state_issued_document_requested"]

_IDENTITY = frozenset({"id_card", "house_registration", "civil_record"})
"""State documents of identity: a copy is APP003's, showing the original APP002's."""

_ORIGINAL = ("ฉบับจริง", "ตัวจริง", "ต้นฉบับ", "original")
"""Words that ask for the original (the same words the classification uses)."""

_SEPARATOR = re.compile(r"พร้อม|และ|[,;]")
"""Where one document of a list ends: a "สำเนา" before it belongs to another item."""


@rule(
    code="APP004",
    name="state-issued-document-requested",
    title="State-issued document requested from the applicant",
    blocks=EServiceLevel.L1,
    obstacles=("DATA", "LAW"),
    patterns=("P04",),
    fix="Fetch the document from its issuing agency through GDX or an API (the agencies act "
        "on each other's behalf); do not ask the applicant to bring it",
    redesign=("fetch-state-data-by-linkage",),
)
def state_issued_document_requested(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the documents issued by a state agency that the applicant must bring: a company
    affidavit, a title deed, a previous licence, a VAT certificate, a boat registration,
    a birth or marriage certificate, a professional licence (pattern P04), or any document
    marked `rp:stateIssued="true"`. It reports on the document, names the authoritative
    source agency (the `rp:issuer`, else the issuer the lexicon knows for that document)
    and lists the reading steps as related. Copies of the ID card or house registration
    are APP003's; the original ID card shown at a counter is APP002's.

    It blocks L1 when the original must be shown in person and comes from another agency
    than the one it is handed to (a land title at the district agriculture office), when
    this very process issues the document and the applicant must carry it to another
    agency (a company affidavit taken from DBD to the Revenue Department), or when it
    must be brought in a trip of its own. A copy uploaded online or handed in with a
    counter application is a once-only gap, reported with `blocking=False`; so is a
    document of the agency's own register (the house registration book at the
    registrar that keeps it).

    ## Why it matters
    The state already holds the document: making the applicant fetch it from one agency
    and carry it to another breaks the once-only principle and, on paper, keeps the
    application at the counter.

    ## Example
    ```xml
    <bpmn:dataObjectReference id="Affidavit" name="สำเนาหนังสือรับรองการจดทะเบียน (ไม่เกิน 6 เดือน)"
                              rp:issuer="กรมพัฒนาธุรกิจการค้า" rp:stateIssued="true"/>
    ```
    gives `APP004 Affidavit`: "... ออกโดยหน่วยงานรัฐ (กรมพัฒนาธุรกิจการค้า) ...".

    ## Use instead
    The agency fetches the data from the source (DBD, DOL, RD ...) through GDX or an API,
    the `fetch-state-data-by-linkage` redesign pass; where no API exists, a standing
    agreement under which the agencies act on each other's behalf.

    ## Known problems
    `rp:stateIssued="false"` wins over the lexicon (a foreign passport is not Thai
    state-issued). A form whose title names a register (แบบคำขอจดทะเบียนพาณิชย์) is not
    taken for the register's certificate. A document issued by the service's own agency
    (a previous licence) is still reported: the agency holds it itself.

    ## References
    - พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 (DGA Act), s.13:
      agencies must link and exchange the data they hold.
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: no copies of state-issued documents.
    - Cabinet resolution of 2 Oct 2018 (no copies of state-issued documents).
    - The pending central law on agencies acting on each other's behalf (Council of State).
    """

    def match(doc: DocumentClass) -> tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None:
        stated = [e for e in doc.evidence.get("state_issued", ()) if e.source != "lexicon"]
        if stated and not doc.state_issued:
            return None  # rp:stateIssued="false"
        hits = uploaded_hits(doc, "P04")
        facts = fact_evidence(doc, "issuer", "state_issued", "copies")
        if hits:
            return hits, facts
        if not doc.state_issued or uploaded_hits(doc, "P02", "P03"):
            return None
        found = ctx.lexicon.state_document(doc.name)
        if found is not None and found.key in _IDENTITY:
            return None
        if not stated and doc.standing_hits("P01"):
            return None  # an application form named after the register it asks for
        return (), facts

    outputs = _output_kinds(ctx)
    for req in document_requests(ctx, match, step_patterns=("P04",)):
        yield _finding(ctx, req, outputs)


def _output_kinds(ctx: AnalysisContext) -> dict[str, str]:
    """The state documents this model itself issues (an agency writes them), by kind."""
    out: dict[str, str] = {}
    for doc in output_documents(ctx, submission_steps(ctx)):
        found = ctx.lexicon.state_document(doc.name)
        if found is not None:
            out.setdefault(found.key, doc.element_id)
    return out


def _original_shown(ctx: AnalysisContext, doc: DocumentClass) -> bool:
    """The original of the state document itself must be shown (not only a copy).

    ``rp:originals`` must be at least 1, and the text must ask for the original
    (ฉบับจริง, ตัวจริง) or name the state document outside a "สำเนา ..." phrase
    ("หนังสือรับรอง พร้อมสำเนาใบอนุญาต (ก.ว.)" asks for copies of the licence only).
    """
    if not doc.originals:
        return False
    mentions = 0
    for part in doc.texts:
        if any(w in part.text for w in _ORIGINAL):
            return True
        for m in ctx.lexicon.match(part.text, tables=("P04", "state_documents")):
            mentions += 1
            before = _SEPARATOR.split(part.text[:m.start])[-1]
            if "สำเนา" not in before and not m.term.startswith("สำเนา"):
                return True
    return mentions == 0  # known only from rp:stateIssued and rp:originals


def _receiving_agencies(ctx: AnalysisContext, doc: DocumentClass) -> set[str]:
    """Thai names of the state agencies the document is handed to."""
    names: list[str | None] = []
    for r in doc.readers:
        pools = []
        if ctx.steps[r].actor is Actor.APPLICANT:
            pools = [ctx.defs.pool_of(mf.target) for mf in ctx.defs.message_flows
                     if mf.source == r and mf.target in ctx.steps]
        else:
            pools = [ctx.defs.pool_of(r)]
        for pool in pools:
            if pool is not None:
                names.append(pool.name)
                proc = ctx.defs.get(pool.process_ref) if pool.process_ref else None
                service = getattr(proc, "service", None)
                names.append(getattr(service, "agency", None))
    if not names and ctx.roles.agency_process:
        proc = ctx.defs.get(ctx.roles.agency_process)
        names.append(getattr(getattr(proc, "service", None), "agency", None))
    out = set()
    for n in names:
        found = issuer_names(ctx, n)
        if found is not None:
            out.add(found[0])
    return out


def _finding(ctx: AnalysisContext, req: DocRequest, outputs: dict[str, str]) -> Finding:
    subject_th, subject_en = req.subject
    source_th, source_en = source_names(ctx, req.hits, req.doc) or (
        "หน่วยงานผู้ออก", "the issuing agency")
    head_th = f"{subject_th} เป็นเอกสารที่ออกโดยหน่วยงานรัฐ ({source_th})"
    head_en = f"{subject_en} is a state-issued document ({source_en})"
    if req.node is not None:
        head_th += f" ({terms(req.hits)})"
        head_en += f" ({terms(req.hits)})"
    pres = req.presentation
    evidence = list(req.evidence)
    blocking = pres.extra_trip
    kind = ctx.lexicon.state_document(req.doc.name) if req.doc is not None else None
    if pres.brought and kind is not None and kind.key in outputs:
        out_id = outputs[kind.key]
        out_name = doc_name(ctx.docs[out_id])
        blocking = True
        why_th = (f"ซึ่งกระบวนงานนี้ออกให้เอง ('{out_name}') แต่ผู้ขอต้องถือไปยื่นต่ออีกหน่วยงาน; "
                  "หน่วยงานควรส่งข้อมูลให้กันโดยตรง")
        why_en = (f"which this very process issues ('{out_name}'), yet the applicant must "
                  "carry it to another agency; the agencies should pass the data directly")
        evidence.append(semantics(f"the process issues the same document as '{out_id}'",
                                  element_id=out_id))
    elif (pres.brought and req.doc is not None and _original_shown(ctx, req.doc)
          and source_th not in _receiving_agencies(ctx, req.doc)):
        blocking = True
        why_th = f"ผู้ขอต้องนำฉบับจริงมาแสดงด้วยตนเอง; ควรตรวจสอบกับ{source_th}ทางระบบ"
        why_en = (f"the applicant must show the original in person; check it with {source_en} "
                  "through a data link instead")
        evidence.append(semantics("the original is to be shown, and it comes from another "
                                  "agency than the one it is handed to"))
    else:
        how_th, how_en = handed(pres)
        why_th = f"({how_th}); ควรดึงข้อมูลจาก{source_th}เอง"
        why_en = f"({how_en}); the agency should fetch it from {source_en} itself"
    return Finding(
        element_id=req.element_id, message_th=f"{head_th} {why_th}",
        message_en=f"{head_en} {why_en}", evidence=tuple(evidence),
        conditional=req.conditional, blocking=blocking, patterns=("P04",),
        related=req.related,
    )
