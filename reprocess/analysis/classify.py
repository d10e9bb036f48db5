"""Step and document classification: who does a step, how, on what, and what kind.

For every flow node :func:`classify_steps` decides the actor (applicant, agency,
another agency, third party), the channel (counter, post, phone, online, internal,
automated), the medium (paper, electronic, unknown) and the kind (submit, verify,
pay, approve, inspect, issue, notify, register, wait, other), and keeps the
evidence for each decision. Sources, strongest first:

1. the ``rp:`` extension attributes and the sidecar file (``annotation``/``sidecar``);
2. BPMN semantics: task type, pool and lane (by ``rp:role`` or by name), timers,
   data stores (``semantics``);
3. the Thai/English lexicon on the step's name, documentation and text annotations
   (``lexicon``), with negation and digital-evidence words taken into account.

Documents (data object and data store references) get the same treatment in
:func:`classify_documents`: originals, copies, certification, issuer, whether the
state issued them, and their condition.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from reprocess import thai
from reprocess.analysis.config import Sidecar
from reprocess.analysis.finding import Evidence
from reprocess.analysis.lexicon import Lexicon
from reprocess.model.base import field_or
from reprocess.model.domain import DocumentFacts, StepFacts
from reprocess.model.elements import (
    BoundaryEvent,
    BusinessRuleTask,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    EndEvent,
    FlowNode,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    ManualTask,
    ReceiveTask,
    ScriptTask,
    SendTask,
    ServiceTask,
    StartEvent,
    UserTask,
    _EventBase,
    _FlowNodeBase,
    _TaskBase,
)
from reprocess.model.enums import Actor, Channel, Medium, StepKind
from reprocess.model.process import Definitions

__all__ = [
    "DocumentClass",
    "PatternHit",
    "StepClass",
    "TextPart",
    "classify_documents",
    "classify_steps",
    "find_roles",
]

_AUTOMATED = (ServiceTask, ScriptTask, BusinessRuleTask)
_FACING = ("P01", "P02", "P10", "P11", "P13")
"""Patterns that put the applicant in front of an official (a counter step)."""
_KIND_ORDER = ("pay", "issue", "approve", "inspect", "verify", "submit", "notify", "register",
               "wait")
_FEE_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*บาท|(\d[\d,]*(?:\.\d+)?)\s*(?:baht|thb)")


@dataclass(frozen=True)
class TextPart:
    """One piece of an element's text, normalised, with where it came from."""

    field: str
    text: str
    element_id: str | None = None


@dataclass(frozen=True)
class PatternHit:
    """A lexicon trigger of a pattern (P01..P26) found in an element's text."""

    pattern: str
    term: str
    field: str
    text: str
    negated: bool
    conditional: bool
    digital: bool
    """The same text part has digital-evidence words ("ผ่านระบบ", "QR" ...)."""
    element_id: str | None = None

    @property
    def stands(self) -> bool:
        """Return whether the hit should raise a flag (not negated, no digital evidence)."""
        return not self.negated and not self.digital

    def evidence(self) -> Evidence:
        """Return the hit as lexicon evidence quoting the matched term and its text."""
        return Evidence(source="lexicon", text=f"«{self.term}» in “{self.text}”",
                        field=self.field, element_id=self.element_id)


@dataclass(frozen=True)
class StepClass:
    """The classification of one flow node, with the evidence of each decision."""

    element_id: str
    actor: Actor
    channel: Channel | None
    medium: Medium
    kind: StepKind
    copresence: bool
    fee: Decimal | None
    duration_days: float | None
    working_days: bool
    texts: tuple[TextPart, ...]
    hits: tuple[PatternHit, ...]
    digital: bool
    """Some text of the step carries digital evidence."""
    conditional: bool
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)
    is_activity: bool = True

    @property
    def in_person(self) -> bool:
        """Return whether the applicant must be physically present at an office."""
        return self.copresence

    @property
    def applicant_facing(self) -> bool:
        """Return whether the applicant takes part (does it, or is present)."""
        return self.actor is Actor.APPLICANT or self.copresence

    def standing_hits(self, *patterns: str) -> tuple[PatternHit, ...]:
        """Return the hits of these patterns that stand (not negated, not digital)."""
        return tuple(h for h in self.hits if h.pattern in patterns and h.stands)

    def all_hits(self, *patterns: str) -> tuple[PatternHit, ...]:
        """Return every hit of these patterns, standing or not."""
        return tuple(h for h in self.hits if h.pattern in patterns)

    @property
    def text(self) -> str:
        """All text parts joined (normalised)."""
        return " | ".join(p.text for p in self.texts)


@dataclass(frozen=True)
class DocumentClass:
    """The classification of one document (data object or data store reference)."""

    element_id: str
    name: str
    is_store: bool
    originals: int | None
    copies: int | None
    certified: bool
    issuer: str | None
    state_issued: bool
    source_agency: str | None
    """The authoritative source agency, from the issuer or the lexicon."""
    condition: str | None
    medium: Medium
    readers: tuple[str, ...]
    writers: tuple[str, ...]
    texts: tuple[TextPart, ...]
    hits: tuple[PatternHit, ...]
    evidence: Mapping[str, tuple[Evidence, ...]] = field(default_factory=dict)

    @property
    def conditional(self) -> bool:
        """Return whether the document is asked for only in some cases."""
        return self.condition is not None

    def standing_hits(self, *patterns: str) -> tuple[PatternHit, ...]:
        """Return the hits of these patterns that stand."""
        return tuple(h for h in self.hits if h.pattern in patterns and h.stands)


# -- roles of pools and lanes --------------------------------------------------------------


@dataclass(frozen=True)
class Roles:
    """Who each pool and lane stands for, and which pool is the service's agency."""

    pool: Mapping[str, Actor]
    lane: Mapping[str, Actor]
    evidence: Mapping[str, Evidence]
    agency_pool: str | None
    agency_process: str | None


_ROLE_TABLES = {
    "applicant_names": Actor.APPLICANT,
    "third_party_names": Actor.THIRD_PARTY,
    "agency_names": Actor.AGENCY,
}


def _name_role(name: str | None, lex: Lexicon) -> Actor | None:
    """Role from a pool or lane name: the earliest applicant, third-party or agency word
    wins ("เจ้าหน้าที่ทะเบียนผู้เสียภาษี" is an agency lane, not the taxpayer's)."""
    if not name:
        return None
    for m in lex.match(thai.normalize(name), tables=tuple(_ROLE_TABLES)):
        return _ROLE_TABLES[m.table]
    return None


def find_roles(defs: Definitions, lex: Lexicon) -> Roles:
    """Decide who each pool and lane stands for (``rp:role`` first, then names)."""
    pool: dict[str, Actor] = {}
    lane: dict[str, Actor] = {}
    evidence: dict[str, Evidence] = {}
    candidates: list[tuple[int, int, str, str | None]] = []  # (has header, size, pool, proc)
    count_by_process: dict[str, int] = {}
    for node in defs.flow_nodes():
        pid = defs.process_of(node.id).id
        count_by_process[pid] = count_by_process.get(pid, 0) + 1
    for part in defs.participants:
        role = part.role
        if role is not None:
            evidence[part.id] = Evidence(source="annotation", text=f'rp:role="{role.value}"',
                                         field="pool", element_id=part.id)
        else:
            role = _name_role(part.name, lex)
            if role is not None:
                evidence[part.id] = Evidence(source="lexicon", text=part.name or "",
                                             field="pool", element_id=part.id)
        if role is not None:
            pool[part.id] = role
        if role in (None, Actor.AGENCY):
            has_service = 0
            proc = defs.get(part.process_ref) if part.process_ref else None
            if part.service is not None or getattr(proc, "service", None) is not None:
                has_service = 1
            size = count_by_process.get(part.process_ref or "", 0)
            candidates.append((has_service, size, part.id, part.process_ref))
    agency_pool: str | None = None
    agency_process: str | None = None
    if candidates:
        best = max(candidates, key=lambda c: (c[0], c[1]))
        agency_pool, agency_process = best[2], best[3]
        for _, _, pid, _ in candidates:
            if pid not in pool:
                pool[pid] = Actor.AGENCY if pid == agency_pool else Actor.OTHER_AGENCY
                evidence.setdefault(pid, Evidence(
                    source="semantics",
                    text="the service's own pool" if pid == agency_pool else "another pool",
                    field="pool", element_id=pid))
    elif defs.processes:
        with_service = [p for p in defs.processes if p.service is not None]
        agency_process = (with_service or list(defs.processes))[0].id
    for proc in defs.processes:
        for ls in proc.lane_sets:
            for top in ls.lanes:
                for ln in top.all_lanes():
                    role = ln.role
                    if role is not None:
                        evidence[ln.id] = Evidence(source="annotation",
                                                   text=f'rp:role="{role.value}"',
                                                   field="lane", element_id=ln.id)
                    else:
                        role = _name_role(ln.name, lex)
                        if role is not None:
                            evidence[ln.id] = Evidence(source="lexicon", text=ln.name or "",
                                                       field="lane", element_id=ln.id)
                    if role is not None:
                        lane[ln.id] = role
    return Roles(pool, lane, evidence, agency_pool, agency_process)


_RP_NAMES = {
    "working_days": "workingDays",
    "legal_basis": "legalBasis",
    "state_issued": "stateIssued",
    "condition": "conditional",
}


def _rp_text(field: str, value: object) -> str:
    """The ``rp:`` attribute as written in the BPMN file, e.g. ``rp:stateIssued="true"``."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    elif hasattr(value, "iso"):
        shown = str(value.iso)
    else:
        shown = str(getattr(value, "value", value))
    return f'rp:{_RP_NAMES.get(field, field)}="{shown}"'


# -- texts ----------------------------------------------------------------------------------


def _texts(defs: Definitions, element_id: str, name: str | None, doc: str) -> tuple[TextPart, ...]:
    parts: list[TextPart] = []
    if name:
        parts.append(TextPart("name", thai.normalize(name)))
    if doc.strip():
        parts.append(TextPart("documentation", thai.normalize(doc)))
    for ann in defs.annotations_of(element_id):
        if ann.text:
            parts.append(TextPart("annotation", thai.normalize(ann.text), ann.id))
    return tuple(parts)


def _hits(parts: tuple[TextPart, ...], lex: Lexicon) -> tuple[tuple[PatternHit, ...], bool, bool,
                                                             dict[str, list[tuple[int, str, str]]]]:
    hits: list[PatternHit] = []
    digital_any = False
    conditional_any = False
    tables: dict[str, list[tuple[int, str, str]]] = {}
    for part in parts:
        matches = lex.match(part.text)
        digital = any(m.table == "digital" for m in matches)
        conditional = any(m.table == "conditional" for m in matches)
        digital_any = digital_any or digital
        conditional_any = conditional_any or conditional
        for m in matches:
            tables.setdefault(m.table, []).append((m.start, m.term, part.field))
            if re.fullmatch(r"P\d\d", m.table):
                hits.append(PatternHit(
                    pattern=m.table, term=m.term, field=part.field, text=part.text,
                    negated=lex.is_negated(part.text, m), conditional=conditional,
                    digital=digital, element_id=part.element_id))
    return tuple(hits), digital_any, conditional_any, tables


def _first_table(tables: Mapping[str, list[tuple[int, str, str]]], prefix: str,
                 order: tuple[str, ...]) -> tuple[str, str, str] | None:
    best: tuple[int, int, str, str, str] | None = None
    for i, name in enumerate(order):
        for pos, term, fld in tables.get(f"{prefix}.{name}", ()):
            key = (0 if fld == "name" else 1, pos, i)
            if best is None or key < best[:3]:
                best = (*key, name, f"{term}|{fld}")  # type: ignore[assignment]
    if best is None:
        return None
    term, fld = best[4].split("|", 1)
    return best[3], term, fld


# -- steps ------------------------------------------------------------------------------------


def classify_steps(defs: Definitions, lex: Lexicon, sidecar: Sidecar | None = None,
                   roles: Roles | None = None) -> dict[str, StepClass]:
    """Classify every flow node of ``defs``; see the module docstring for the sources."""
    roles = roles or find_roles(defs, lex)
    side = sidecar or Sidecar()
    out: dict[str, StepClass] = {}
    for node in defs.flow_nodes():
        out[node.id] = _classify_step(defs, node, lex, side, roles)
    return out


def _facts(node: _FlowNodeBase, side: Sidecar) -> tuple[StepFacts, dict[str, str]]:
    base = node.facts or StepFacts()
    source = {k: "annotation" for k in type(base).model_fields if getattr(base, k) is not None}
    extra = side.steps.get(node.id)
    if extra is not None:
        upd = {k: getattr(extra, k) for k in type(extra).model_fields
               if getattr(extra, k) is not None}
        base = base.model_copy(update=upd)
        source.update(dict.fromkeys(upd, "sidecar"))
    return base, source


def _classify_step(defs: Definitions, node: FlowNode, lex: Lexicon, side: Sidecar,
                   roles: Roles) -> StepClass:
    facts, fsrc = _facts(node, side)
    parts = _texts(defs, node.id, node.name, node.doc_text)
    hits, digital, conditional, tables = _hits(parts, lex)
    ev: dict[str, list[Evidence]] = {}

    def note(key: str, e: Evidence) -> None:
        ev.setdefault(key, []).append(e)

    def annotated(key: str, value: object) -> None:
        note(key, Evidence(source=fsrc[key], text=_rp_text(key, value)))

    # actor
    actor: Actor | None = facts.actor
    if actor is not None:
        annotated("actor", actor)
    else:
        for ln in defs.lanes_of(node.id):
            if ln.id in roles.lane:
                actor = roles.lane[ln.id]
                note("actor", roles.evidence[ln.id])
                break
        if actor is None:
            pool = defs.pool_of(node.id)
            if pool is not None and pool.id in roles.pool:
                actor = roles.pool[pool.id]
                note("actor", roles.evidence[pool.id])
        if actor is None and "applicant_names" in tables and parts and parts[0].field == "name":
            pos, term, _ = tables["applicant_names"][0]
            if pos <= 2:
                actor = Actor.APPLICANT
                note("actor", Evidence(source="lexicon", text=f"«{term}» in the name",
                                       field="name"))
        if actor is None:
            actor = Actor.AGENCY
            note("actor", Evidence(source="semantics", text="no applicant lane, pool or name: "
                                   "an agency step"))

    # kind
    kind: StepKind | None = facts.kind
    if kind is not None:
        annotated("kind", kind)
    else:
        sem_kind = _semantic_kind(node)
        found = _first_table(tables, "kind", _KIND_ORDER)
        if found is not None and not isinstance(node, (StartEvent, EndEvent)):
            kind = StepKind(found[0])
            note("kind", Evidence(source="lexicon", text=f"«{found[1]}»", field=found[2]))
        elif sem_kind is not None:
            kind = sem_kind[0]
            note("kind", Evidence(source="semantics", text=sem_kind[1]))
        else:
            kind = StepKind.OTHER

    # channel
    channel: Channel | None = facts.channel
    if channel is not None:
        annotated("channel", channel)
    elif isinstance(node, _AUTOMATED):
        channel = Channel.AUTOMATED
        note("channel", Evidence(source="semantics", text=f"{node.type} (automated)"))
    else:
        found = _first_table(tables, "channel", ("online", "post", "phone", "counter",
                                                 "automated"))
        if found is not None:
            channel = Channel(found[0])
            note("channel", Evidence(source="lexicon", text=f"«{found[1]}»", field=found[2]))
        elif digital:
            channel = Channel.ONLINE
            note("channel", Evidence(source="lexicon", text="digital wording"))
        elif isinstance(node, (IntermediateCatchEvent, BoundaryEvent)) and any(
            d.kind == "timer" for d in node.event_definitions
        ):
            channel = Channel.INTERNAL
            note("channel", Evidence(source="semantics", text="timer event (waiting)"))
        elif actor is Actor.APPLICANT and any(h.pattern == "P26" for h in hits):
            note("channel", Evidence(source="lexicon", text="prepares a downloaded form "
                                     "(P26): not at an office"))
        elif actor is Actor.APPLICANT and isinstance(node, (_TaskBase, CallActivity)) and (
            kind in (StepKind.SUBMIT, StepKind.PAY, StepKind.ISSUE)
            or isinstance(node, ManualTask)
        ):
            channel = Channel.COUNTER
            note("channel", Evidence(
                source="semantics",
                text=f"applicant {kind.value} step with no online channel named"))
        elif isinstance(node, (_TaskBase, CallActivity)) and (
            facing := [h for h in hits if h.pattern in _FACING and h.stands]
        ):
            channel = Channel.COUNTER
            note("channel", facing[0].evidence())
        elif actor is Actor.AGENCY and isinstance(node, (_TaskBase, CallActivity)):
            channel = Channel.INTERNAL
            note("channel", Evidence(source="semantics", text="agency step, no channel named"))

    # medium
    medium: Medium | None = facts.medium
    if medium is not None:
        annotated("medium", medium)
    elif isinstance(node, _AUTOMATED):
        medium = Medium.ELECTRONIC
        note("medium", Evidence(source="semantics", text=f"{node.type} (automated)"))
    elif channel is Channel.ONLINE:
        medium = Medium.ELECTRONIC
        note("medium", Evidence(source="semantics", text="online channel"))
    else:
        found = _first_table(tables, "medium", ("electronic", "paper"))
        if found is not None:
            medium = Medium(found[0])
            note("medium", Evidence(source="lexicon", text=f"«{found[1]}»", field=found[2]))
        elif isinstance(node, ManualTask):
            medium = Medium.PAPER
            note("medium", Evidence(source="semantics", text="manualTask (offline by definition)"))
        elif channel in (Channel.COUNTER, Channel.POST):
            medium = Medium.PAPER
            note("medium", Evidence(source="semantics", text=f"{channel.value} channel"))
        else:
            paper_docs = [d for d in (*defs.documents_read(node.id),
                                      *defs.documents_written(node.id))
                          if isinstance(d, (DataObjectReference, DataObject))]
            if paper_docs and not digital:
                medium = Medium.PAPER
                note("medium", Evidence(source="semantics",
                                        text=f"handles document '{paper_docs[0].name or ''}'"))
            else:
                medium = Medium.UNKNOWN

    # co-presence: the applicant physically at an office
    copresence = bool(facts.copresence)
    if facts.copresence is not None:
        annotated("copresence", facts.copresence)
    elif channel is Channel.COUNTER and isinstance(node, (_TaskBase, CallActivity)) and (
        actor is Actor.APPLICANT
        or any(h.pattern in ("P01", "P02", "P10", "P11", "P14") and h.stands for h in hits)
    ):
        copresence = True
        note("copresence", Evidence(source="semantics" if actor is Actor.APPLICANT else "lexicon",
                                    text="counter step with the applicant"))
    elif isinstance(node, (_TaskBase, CallActivity)) and any(
        h.pattern == "P02" and h.stands for h in hits
    ):
        copresence = True
        note("copresence", next(h.evidence() for h in hits if h.pattern == "P02" and h.stands))

    # fee
    fee = facts.fee
    if fee is not None:
        annotated("fee", fee)
    elif kind is StepKind.PAY:
        fee = _fee_from_text(parts)
        if fee is not None:
            note("fee", Evidence(source="lexicon", text=f"{fee} บาท"))

    # duration
    days: float | None = None
    working = False
    if facts.duration is not None:
        days = facts.duration.total_days()
        working = facts.duration.working_days
        annotated("duration", facts.duration)
    else:
        for part in parts:
            if part.field == "name":
                continue
            parsed = thai.parse_thai_duration(part.text)
            if parsed is not None:
                days = _duration_days(parsed)
                working = parsed.working_days
                note("duration", Evidence(source="lexicon", text=part.text, field=part.field))
                break
    for ed in field_or(node, "event_definitions", ()):
        if days is None and ed.kind == "timer" and ed.timer is not None:
            from reprocess.model.domain import parse_iso_duration

            parsed_iso = parse_iso_duration(ed.timer.text) if ed.timer.text else None
            if parsed_iso is not None:
                days = round(parsed_iso[0] + parsed_iso[1] / 450.0, 6)
                note("duration", Evidence(source="semantics", text=f"timer {ed.timer.text}"))

    return StepClass(
        element_id=node.id, actor=actor, channel=channel, medium=medium, kind=kind,
        copresence=copresence, fee=fee, duration_days=days, working_days=working,
        texts=parts, hits=hits, digital=digital, conditional=conditional,
        evidence={k: tuple(v) for k, v in ev.items()},
        is_activity=isinstance(node, (_TaskBase, CallActivity)) or hasattr(node, "flow_elements"),
    )


def _duration_days(parsed: thai.ThaiDuration) -> float:
    days = parsed.days or 0.0
    minutes = parsed.minutes or 0.0
    return round(days + minutes / 450.0, 6)


def _semantic_kind(node: FlowNode) -> tuple[StepKind, str] | None:
    if isinstance(node, (IntermediateCatchEvent, BoundaryEvent)) and any(
        d.kind == "timer" for d in node.event_definitions
    ):
        return StepKind.WAIT, "timer event"
    if isinstance(node, SendTask) or (
        isinstance(node, (IntermediateThrowEvent, EndEvent))
        and any(d.kind == "message" for d in node.event_definitions)
    ):
        return StepKind.NOTIFY, f"{node.type} sends a message"
    if isinstance(node, ReceiveTask):
        return StepKind.SUBMIT, "receiveTask receives a message"
    if isinstance(node, UserTask | ManualTask):
        return None
    if isinstance(node, _EventBase):
        return StepKind.OTHER, "event"
    return None


def _fee_from_text(parts: tuple[TextPart, ...]) -> Decimal | None:
    for part in parts:
        m = _FEE_RE.search(part.text)
        if m:
            raw = (m.group(1) or m.group(2) or "").replace(",", "")
            try:
                return Decimal(raw)
            except ArithmeticError:
                return None
    return None


# -- documents --------------------------------------------------------------------------------


_COPY_WORDS = ("สำเนา", "copy", "photocopy")
_CERTIFIED_WORDS = ("รับรองสำเนา", "certified", "สำเนาที่รับรอง")
_ORIGINAL_WORDS = ("ฉบับจริง", "ตัวจริง", "original")
_ELECTRONIC_DOC = ("ฐานข้อมูล", "ระบบ", "database", "system", "อิเล็กทรอนิกส์", "electronic",
                   "pdf", "ไฟล์", "file", "e-")


def classify_documents(defs: Definitions, lex: Lexicon,
                       sidecar: Sidecar | None = None) -> dict[str, DocumentClass]:
    """Classify every document (data object and data store reference) of ``defs``."""
    side = sidecar or Sidecar()
    readers: dict[str, list[str]] = {}
    writers: dict[str, list[str]] = {}
    for node in defs.flow_nodes():
        for d in defs.documents_read(node.id):
            readers.setdefault(d.id, []).append(node.id)
        for d in defs.documents_written(node.id):
            writers.setdefault(d.id, []).append(node.id)
    out: dict[str, DocumentClass] = {}
    for doc in defs.documents():
        facts = doc.document or DocumentFacts()
        fsrc = {k: "annotation" for k in type(facts).model_fields if getattr(facts, k) is not None}
        target = doc.data_object if isinstance(doc, DataObjectReference) else None
        if facts.is_empty() and target:
            obj = defs.get(target)
            if isinstance(obj, DataObject) and obj.document is not None:
                facts = obj.document
                fsrc = {k: "annotation" for k in type(facts).model_fields
                        if getattr(facts, k) is not None}
        extra = side.documents.get(doc.id)
        if extra is not None:
            upd = {k: getattr(extra, k) for k in type(extra).model_fields
                   if getattr(extra, k) is not None}
            facts = facts.model_copy(update=upd)
            fsrc.update(dict.fromkeys(upd, "sidecar"))
        parts = _texts(defs, doc.id, doc.name, doc.doc_text)
        hits, digital, conditional, tables = _hits(parts, lex)
        text = " ".join(p.text for p in parts)
        ev: dict[str, list[Evidence]] = {}
        for k, src in fsrc.items():
            ev.setdefault(k, []).append(Evidence(source=src, text=_rp_text(k, getattr(facts, k))))
        copies = facts.copies
        if copies is None and any(w in text for w in _COPY_WORDS):
            copies = 1
            ev.setdefault("copies", []).append(Evidence(source="lexicon", text="«สำเนา» in the name",
                                                        field="name"))
        certified = bool(facts.certified) or (
            facts.certified is None and any(w in text for w in _CERTIFIED_WORDS))
        originals = facts.originals
        if originals is None and any(w in text for w in _ORIGINAL_WORDS):
            originals = 1
        issuer = facts.issuer
        source_agency: str | None = issuer
        state_issued = bool(facts.state_issued)
        application_form = any(h.pattern in ("P01", "P26") for h in hits)
        state_docs = [] if application_form else tables.get("state_documents", [])
        if state_docs:
            term = state_docs[0][1]
            agency = lex.state_document_source(term)
            if facts.state_issued is None:
                state_issued = True
                ev.setdefault("state_issued", []).append(Evidence(
                    source="lexicon", text=f"«{term}» is a state-issued document", field="name"))
            if source_agency is None:
                source_agency = agency
        if issuer and facts.state_issued is None and not state_issued and not application_form and (
            "state_issuers" in {m.table for m in lex.match(thai.normalize(issuer))}
        ):
            state_issued = True
            ev.setdefault("state_issued", []).append(Evidence(
                source="lexicon", text=f"issuer «{issuer}» is a state agency", field="issuer"))
        condition = facts.condition
        if condition is None and conditional:
            condition = next((p.text for p in parts), None)
        medium = facts.medium
        is_store = isinstance(doc, DataStoreReference)
        if medium is None:
            if digital or (is_store and any(w in text for w in _ELECTRONIC_DOC)):
                medium = Medium.ELECTRONIC
            elif is_store:
                medium = Medium.UNKNOWN
            else:
                medium = Medium.PAPER if not digital else Medium.ELECTRONIC
        out[doc.id] = DocumentClass(
            element_id=doc.id, name=doc.name or doc.id, is_store=is_store,
            originals=originals, copies=copies, certified=certified, issuer=issuer,
            state_issued=state_issued, source_agency=source_agency, condition=condition,
            medium=medium, readers=tuple(readers.get(doc.id, ())),
            writers=tuple(writers.get(doc.id, ())), texts=parts, hits=hits,
            evidence={k: tuple(v) for k, v in ev.items()},
        )
    return out
