"""Helpers shared by the redesign passes (private: not a pass module).

Wording of to-be steps, grouping of diagnostics by element, the facts of a digital
step, lanes by role, the anchors where a new step is wired in, and the guard that
decides whether an earlier pass already renamed an element (then a later pass adds a
note instead of a second name). Every helper is a pure function of its arguments.

Examples:
    >>> clean_name("สำเนาทะเบียนบ้าน (ลงนามรับรองสำเนาถูกต้อง)")
    'ทะเบียนบ้าน'
    >>> clean_name("ใบทะเบียนพาณิชย์ (กระดาษ)")
    'ใบทะเบียนพาณิชย์'
    >>> key_part("กรมการปกครอง / DOPA")
    'DOPA'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reprocess import thai
from reprocess.analysis.classify import StepClass
from reprocess.analysis.finding import Diagnostic
from reprocess.model.domain import DocumentFacts, Duration, StepFacts
from reprocess.model.elements import (
    BoundaryEvent,
    DataObjectReference,
    DataStoreReference,
    EndEvent,
    Lane,
    StartEvent,
    _FlowNodeBase,
)
from reprocess.model.enums import Actor, Channel, Medium, ObstacleCategory, StepKind
from reprocess.redesign.changes import UpdateDocument, UpdateNode
from reprocess.redesign.prerequisites import Prerequisite
from reprocess.redesign.transformation import Pass, PassInput, diagnostic_key

__all__ = [
    "ASSISTED_LANE_NAME",
    "agency_entry",
    "applicant_lane",
    "by_element",
    "clean_name",
    "counterpart_updates",
    "digital_facts",
    "electronic_document",
    "is_document",
    "is_flow_node",
    "key_part",
    "keys",
    "lanes_of_process",
    "meta",
    "obstacles_of",
    "paper_flow_renames",
    "patterns_of",
    "payment_changes",
    "rename_or_note",
    "single_in",
    "single_out",
    "step_actor",
    "step_update",
    "strip_terms",
]

ASSISTED_LANE_NAME = "จุดบริการช่วยเหลือด้านดิจิทัล (assisted digital)"
"""The lane added for the assisted-digital counter."""

_PAPER_PHRASES = (
    r"\(?\s*ลงนามรับรองสำเนาถูกต้อง\s*\)?",
    r"\(?\s*พร้อมรับรองสำเนาถูกต้อง\s*\)?",
    r"\(?\s*รับรองสำเนาถูกต้อง\s*\)?",
    r"\(\s*ฉบับกระดาษ\s*\)",
    r"\(\s*กระดาษ\s*\)",
    r"ฉบับกระดาษ",
    r"\(\s*สำเนา\s*\)",
    r"\(\s*ตัวจริง\s*\)",
    r"ฉบับจริง",
    r"ตัวจริง",
    r"ติดอากรแสตมป์\s*\d*\s*(?:บาท)?",
    r"พร้อมสำเนา\S*(?:\s+\S+)*",
    r"สำเนา",
)
_PAPER_RE = re.compile("|".join(_PAPER_PHRASES))
_SPACES = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s(/,–-]+$")


def clean_name(text: str | None) -> str:
    """Return a document's name without its paper wording (copies, originals, stamps).

    Examples:
        >>> clean_name("หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท")
        'หนังสือมอบอำนาจ'
        >>> clean_name("บัตรประจำตัวประชาชน (ตัวจริง) พร้อมสำเนาบัตรประจำตัวประชาชน")
        'บัตรประจำตัวประชาชน'
    """
    out = _PAPER_RE.sub(" ", thai.normalize(text or ""))
    out = out.replace("()", " ")
    out = _SPACES.sub(" ", out).strip()
    return _TRAIL.sub("", out).strip()


def key_part(text: str) -> str:
    """Return an id-safe ASCII key from a text (its last ASCII word, else ``X``).

    Examples:
        >>> key_part("DBD e-Service")
        'Service'
        >>> key_part("กรมที่ดิน")
        'X'
    """
    words = re.findall(r"[A-Za-z0-9]+", text)
    return words[-1] if words else "X"


def keys(findings: Iterable[Diagnostic]) -> tuple[str, ...]:
    """Return the keys (``CODE:element``) of the diagnostics, each once, in order."""
    return tuple(dict.fromkeys(diagnostic_key(d) for d in findings))


def patterns_of(findings: Iterable[Diagnostic], default: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the pattern ids of the diagnostics (or ``default``), each once, sorted."""
    found = sorted({p for d in findings for p in d.patterns})
    return tuple(found) if found else tuple(default)


def activity_findings(
    inp: PassInput, findings: Iterable[Diagnostic]
) -> Iterator[tuple[str, list[Diagnostic], StepClass]]:
    """Yield ``(element_id, its findings, its classification)`` for each activity that the
    findings are on and that no earlier pass removed, in the order of the findings."""
    for element_id, found in by_element(findings).items():
        if element_id in inp.removed or not is_flow_node(inp, element_id):
            continue
        step = inp.ctx.steps[element_id]
        if step.is_activity:
            yield element_id, found, step


def by_element(findings: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Group diagnostics by element id, in the order their elements first appear."""
    out: dict[str, list[Diagnostic]] = {}
    for d in findings:
        if d.element_id is not None:
            out.setdefault(d.element_id, []).append(d)
    return out


def meta(p: Pass, findings: Sequence[Diagnostic], *, th: str, en: str,
         prerequisites: Sequence[Prerequisite] = (), patterns: Sequence[str] = ()
         ) -> dict[str, Any]:
    """Return the fields every change of pass ``p`` carries (pass, rationale, resolves)."""
    return {
        "pass_name": p.name,
        "rationale_th": th,
        "rationale_en": en,
        "resolves": keys(findings),
        "patterns": patterns_of(findings, patterns or p.patterns),
        "prerequisites": tuple(prerequisites),
    }


def obstacles_of(prerequisites: Iterable[Prerequisite]) -> tuple[ObstacleCategory, ...]:
    """Return the obstacle categories of some prerequisites, each once, in order."""
    return tuple(dict.fromkeys(p.category for p in prerequisites))


def digital_facts(
    *,
    actor: Actor | None = None,
    kind: StepKind | None = None,
    channel: Channel = Channel.ONLINE,
    duration: str | None = None,
) -> StepFacts:
    """Return the facts of a digital step: the channel, electronic, no co-presence.

    Examples:
        >>> f = digital_facts(actor=Actor.APPLICANT, kind=StepKind.SUBMIT)
        >>> f.channel.value, f.medium.value, f.copresence
        ('online', 'electronic', False)
    """
    return StepFacts(actor=actor, kind=kind, channel=channel, medium=Medium.ELECTRONIC,
                     copresence=False,
                     duration=Duration(iso=duration) if duration else None)


def rename_or_note(inp: PassInput, node_id: str, *, name: str, note: str,
                   facts: StepFacts | None, node_type: Any = None,
                   documentation: str | None = None, **fields: Any) -> UpdateNode:
    """Return an update of a step that renames it, unless an earlier pass already did.

    The first pass to change a step names it and replaces its documentation; a later
    pass only adds its ``note`` (and its facts), so the names do not fight.
    """
    if node_id in inp.claimed:
        return UpdateNode(element_id=node_id, facts=facts, note=note, **fields)
    return UpdateNode(element_id=node_id, name=name, node_type=node_type, facts=facts,
                      documentation=documentation if documentation is not None else note,
                      **fields)


def is_flow_node(inp: PassInput, element_id: str) -> bool:
    """Return whether ``element_id`` is a flow node of the as-is."""
    return element_id in inp.ctx.steps


def is_document(inp: PassInput, element_id: str) -> bool:
    """Return whether ``element_id`` is a document (data object or store reference)."""
    return isinstance(inp.defs.get(element_id), (DataObjectReference, DataStoreReference))


def step_actor(inp: PassInput, node_id: str) -> Actor:
    """Return the actor of a step as classified."""
    return inp.ctx.steps[node_id].actor


def single_in(inp: PassInput, node_id: str) -> bool:
    """Return whether a node has exactly one incoming sequence flow."""
    return len(inp.defs.incoming(node_id)) == 1


def single_out(inp: PassInput, node_id: str) -> bool:
    """Return whether a node has exactly one outgoing sequence flow."""
    return len(inp.defs.outgoing(node_id)) == 1


def lanes_of_process(inp: PassInput, process_id: str) -> list[Lane]:
    """Return every lane of a process (nested ones too), in document order."""
    proc = inp.defs.get(process_id)
    out: list[Lane] = []
    for ls in getattr(proc, "lane_sets", ()):
        for top in ls.lanes:
            out.extend(top.all_lanes())
    return out


def applicant_lane(inp: PassInput, process_id: str) -> str | None:
    """Return the applicant's lane of a process (by role, else by its steps), or None."""
    lanes = lanes_of_process(inp, process_id)
    for lane in lanes:
        if inp.ctx.roles.lane.get(lane.id) is Actor.APPLICANT:
            return lane.id
    for lane in lanes:
        steps = [inp.ctx.steps[r] for r in lane.flow_node_refs if r in inp.ctx.steps]
        if steps and all(s.actor is Actor.APPLICANT for s in steps):
            return lane.id
    return None


def _is_node(inp: PassInput, node_id: str) -> bool:
    return isinstance(inp.defs.get(node_id), _FlowNodeBase)


def _successors(inp: PassInput, node_id: str) -> Iterator[tuple[str, str]]:
    """Yield ``(via, target)``: message flows first, then sequence flows."""
    for mf in inp.defs.message_flows:
        if mf.source == node_id and _is_node(inp, mf.target):
            yield "message", mf.target
    for f in inp.defs.outgoing(node_id):
        yield "sequence", f.target


def agency_entry(inp: PassInput, start_id: str) -> tuple[str, str] | None:
    """Return where agency work on an application begins: ``("after"|"before", node)``.

    Follows the applicant's step forward: the first agency node reached by a message
    flow is a receiving node (insert after it); the first agency activity reached by
    sequence flows is the first check (insert before it). Only anchors with a single
    flow on the wired side qualify.
    """
    seen = {start_id}
    queue = [start_id]
    while queue:
        here = queue.pop(0)
        for via, nxt in _successors(inp, here):
            if nxt in seen or nxt in inp.removed:
                continue
            seen.add(nxt)
            step = inp.ctx.steps.get(nxt)
            node = inp.defs.get(nxt)
            if step is None or isinstance(node, (EndEvent, BoundaryEvent)):
                continue
            agency = step.actor in (Actor.AGENCY, Actor.OTHER_AGENCY)
            if agency and via == "message" and single_out(inp, nxt):
                return "after", nxt
            if agency and step.is_activity and single_in(inp, nxt) and not isinstance(
                    node, StartEvent):
                return "before", nxt
            if agency and isinstance(node, StartEvent) and single_out(inp, nxt):
                return "after", nxt
            queue.append(nxt)
            if len(seen) > 200:
                return None
    return None


def electronic_document(inp: PassInput, doc_id: str, *, suffix: str,
                        **fields: Any) -> UpdateDocument:
    """Return an update that makes a document electronic: a file, no copies, not certified.

    The name loses its paper wording and gets ``suffix``; an earlier pass's name wins.
    """
    facts = DocumentFacts(medium=Medium.ELECTRONIC, copies=0, certified=False)
    if doc_id in inp.claimed:
        return UpdateDocument(element_id=doc_id, document=facts, **fields)
    doc = inp.defs.get(doc_id)
    base = clean_name(getattr(doc, "name", None)) or doc_id
    return UpdateDocument(element_id=doc_id, name=f"{base} ({suffix})", document=facts, **fields)


def step_update(inp: PassInput, p: Pass, found: Sequence[Diagnostic], node_id: str, *,
                name: str, note: str, facts: StepFacts, th: str, en: str,
                prerequisites: Sequence[Prerequisite] = (), node_type: Any = None,
                ) -> UpdateNode:
    """Return the usual update of a step by pass ``p`` (rename, or note when claimed)."""
    return rename_or_note(inp, node_id, name=name, note=note, facts=facts, node_type=node_type,
                          **meta(p, found, th=th, en=en, prerequisites=prerequisites))


def paper_flow_renames(inp: PassInput, p: Pass, node_ids: Iterable[str], new_name: str,
                       found: Sequence[Diagnostic]) -> list[Any]:
    """Return renames of the message flows of ``node_ids`` whose names read as paper."""
    from reprocess.redesign.changes import UpdateFlow

    ids = set(node_ids)
    out: list[Any] = []
    for mf in inp.defs.message_flows:
        if mf.id in inp.claimed or not ({mf.source, mf.target} & ids):
            continue
        if mf.name and inp.ctx.lexicon.patterns_in(mf.name):
            out.append(UpdateFlow(element_id=mf.id, name=new_name, **meta(
                p, (), th=f"ข้อความเปลี่ยนเป็น: {new_name}", en=f"the message becomes: {new_name}",
                patterns=patterns_of(found, p.patterns))))
    return out


def payment_changes(inp: PassInput, p: Pass, element_id: str, found: Sequence[Diagnostic], *,
                    name: str, note: str, th: str, en: str,
                    prerequisites: Sequence[Prerequisite]) -> list[Any]:
    """Return the changes that make one payment step (and its cashier) electronic.

    The applicant pays online (moved to the applicant's lane when the process has one);
    the agency step that takes the money becomes an automatic e-payment receipt.
    """
    from reprocess.redesign.changes import MoveToLane

    out: list[Any] = []
    step = inp.ctx.steps[element_id]
    process = inp.defs.process_of(element_id)
    lane = applicant_lane(inp, process.id)
    current = inp.defs.lane_of(element_id)
    own_lane = current.id if current is not None else None
    applicant_side = step.actor is Actor.APPLICANT or (lane is not None and own_lane != lane
                                                        and step.copresence)
    m = meta(p, found, th=th, en=en, prerequisites=prerequisites)
    if applicant_side or lane is not None:
        out.append(rename_or_note(
            inp, element_id, name=name, note=note, node_type="userTask",
            facts=digital_facts(actor=Actor.APPLICANT, kind=StepKind.PAY), **m))
        if lane is not None and own_lane not in (None, lane) and (
                inp.defs.container_of(element_id).id == process.id):
            out.append(MoveToLane(element_id=element_id, lane_id=lane, **{**m, "resolves": ()}))
    else:
        out.append(rename_or_note(
            inp, element_id, name="รับชำระค่าธรรมเนียมผ่านระบบ e-Payment ภาครัฐ และออกใบเสร็จอิเล็กทรอนิกส์",
            note=note, node_type="serviceTask",
            facts=digital_facts(actor=step.actor, kind=StepKind.PAY, channel=Channel.AUTOMATED),
            **m))
    related = [r for d in found for r in d.related]
    for mf in inp.defs.message_flows:
        if mf.source == element_id and mf.target in inp.ctx.steps:
            related.append(mf.target)
    for r in dict.fromkeys(related):
        if r in inp.removed or r == element_id or r not in inp.ctx.steps:
            continue
        other = inp.ctx.steps[r]
        if other.actor is Actor.APPLICANT or other.kind is not StepKind.PAY:
            continue
        out.append(rename_or_note(
            inp, r, name="รับชำระผ่านระบบ e-Payment และออกใบเสร็จรับเงินอิเล็กทรอนิกส์ (e-Receipt) อัตโนมัติ",
            note=note, facts=digital_facts(actor=other.actor, kind=StepKind.PAY,
                                           channel=Channel.AUTOMATED),
            **{**m, "resolves": ()}))
    out.extend(paper_flow_renames(inp, p, [element_id, *related],
                                  "ชำระผ่าน e-Payment (ข้อมูลการชำระอิเล็กทรอนิกส์)", found))
    return out


def strip_terms(inp: PassInput, text: str | None, patterns: Sequence[str]) -> str:
    """Return ``text`` without the lexicon's trigger words of ``patterns`` (and paper words)."""
    norm = thai.normalize(text or "")
    spans: list[list[int]] = []
    for m in sorted(inp.ctx.lexicon.match(norm, tables=tuple(patterns)),
                    key=lambda m: (m.start, -m.end)):
        if spans and m.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], m.end)
        else:
            spans.append([m.start, m.end])
    for start, end in reversed(spans):
        norm = norm[:start] + " " + norm[end:]
    return clean_name(norm)


def counterpart_updates(inp: PassInput, p: Pass, found: Sequence[Diagnostic], *, suffix: str,
                        note: str, th: str, en: str, seen: set[str],
                        extra: Sequence[str] = ()) -> list[UpdateNode]:
    """Return updates of the agency steps across the counter from an applicant's step.

    A rule reports a fact once, on the applicant's step, with the official's step
    (which takes the paper, checks the card) as related; when the applicant's step
    goes online, the official's step takes the application online too.
    """
    out: list[UpdateNode] = []
    for r in dict.fromkeys([*(r for d in found for r in d.related), *extra]):
        if r in seen or r in inp.removed or r not in inp.ctx.steps:
            continue
        step = inp.ctx.steps[r]
        if step.actor is Actor.APPLICANT or not step.is_activity:
            continue
        seen.add(r)
        node = inp.defs.node(r)
        channel = Channel.AUTOMATED if step.channel is Channel.AUTOMATED else Channel.ONLINE
        out.append(rename_or_note(
            inp, r, name=f"{node.name or r} {suffix}", note=note,
            facts=StepFacts(channel=channel, medium=Medium.ELECTRONIC, copresence=False),
            **meta(p, (), th=th, en=en, patterns=patterns_of(found, p.patterns))))
    return out
