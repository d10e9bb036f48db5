"""Helpers shared by the EFF and ODT rules (private: not a rule module).

* Rule-local word lists for facts the packaged lexicon has no table for yet
  (status enquiries, periodic reporting, open-data publication, registers, extra
  digital wording), matched on normalised text with a small negation check.
* Evidence builders, so every finding quotes what it was found on.
* Graph helpers that stay linear in the size of the model: the loop-free view
  without back edges, bounded backward searches through gateways and events.

Examples:
    >>> find_terms("ผู้ขอต้องมาติดตามเรื่องด้วยตนเอง", STATUS_ENQUIRY_WORDS)[0].term
    'ติดตามเรื่อง'
    >>> find_terms("ผู้ขอไม่ต้องมาติดตามเรื่อง", STATUS_ENQUIRY_WORDS)[0].negated
    True
    >>> [m.term for m in find_terms("exchange via the API", ("api",))]
    ['api']
    >>> find_terms("rapid check", ("api",))
    []
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reprocess import thai
from reprocess.analysis.classify import DocumentClass, PatternHit, StepClass, TextPart
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence
from reprocess.model import graph as g
from reprocess.model.elements import (
    BusinessRuleTask,
    CallActivity,
    ScriptTask,
    ServiceTask,
    TextAnnotation,
    _SubProcessBase,
    _TaskBase,
)
from reprocess.model.enums import Actor, Channel, Medium

__all__ = [
    "AGENCY_ACTORS",
    "CAPTURE_ONCE_WORDS",
    "DIGITAL_EXTRA_WORDS",
    "OPEN_DATA_WORDS",
    "PERIODIC_WORDS",
    "REGISTER_WORDS",
    "STATUS_ENQUIRY_WORDS",
    "TermMatch",
    "Topology",
    "chains",
    "digital_terms",
    "find_terms",
    "hit_evidence",
    "is_activity_node",
    "is_automated",
    "is_electronic",
    "label",
    "lexicon_terms",
    "locally_negated",
    "loop_markers",
    "model_texts",
    "predecessor_steps",
    "standing",
    "standing_terms",
    "term_evidence",
    "topology",
]

AGENCY_ACTORS = frozenset({Actor.AGENCY, Actor.OTHER_AGENCY})
"""Actors whose steps are back-office work of a government agency."""

DIGITAL_EXTRA_WORDS: tuple[str, ...] = (
    "e-saraban", "e-office", "e-document", "e-meeting", "e-inspection",
    "สารบรรณอิเล็กทรอนิกส์", "ระบบสารบรรณ", "หนังสืออิเล็กทรอนิกส์",
    "ผ่านสื่ออิเล็กทรอนิกส์", "ประชุมออนไลน์", "ประชุมทางไกล", "video conference",
    "วิดีโอ", "วีดิทัศน์", "วีดีโอ", "video", "ทางไกล", "remote",
    "ภาพถ่ายดาวเทียม", "satellite", "gdx", "api", "web service", "linkage",
    "เชื่อมโยงข้อมูล", "แลกเปลี่ยนข้อมูล", "ระบบอัตโนมัติ", "automatically", "อัตโนมัติ",
)
"""Digital evidence the rules of this family look for in addition to the lexicon's
``digital`` table (e-Saraban routing, e-meetings, remote inspection, data exchange)."""

CAPTURE_ONCE_WORDS: tuple[str, ...] = (
    "อัตโนมัติ", "automatically", "automatic", "api", "gdx", "linkage", "เชื่อมโยงข้อมูล",
    "ดึงข้อมูล", "web service", "ไม่ต้องบันทึกซ้ำ",
)
"""The data arrives by itself (captured once at source): not re-keying."""

STATUS_ENQUIRY_WORDS: tuple[str, ...] = (
    "ติดตามเรื่อง", "ติดตามผล", "ติดตามความคืบหน้า", "สอบถามผล", "สอบถามความคืบหน้า",
    "สอบถามสถานะ", "โทรสอบถาม", "สอบถามเรื่อง", "ทวงถาม",
    "follow up", "follow-up", "ask about progress", "ask about the result", "status enquiry",
    "status inquiry", "chase",
)
"""The applicant asks where the application is (P15-like, no catalogue id)."""

PERIODIC_WORDS: tuple[str, ...] = (
    "รายงานตัว", "ทุกเดือน", "ทุกสัปดาห์", "ทุกปี", "ทุกงวด", "เป็นประจำ", "รายเดือน",
    "เป็นรายเดือน", "ทุก 30 วัน", "ทุกไตรมาส", "เดือนละครั้ง", "เดือนละ 1 ครั้ง",
    "report in person", "monthly", "every month", "weekly", "every week", "yearly",
    "every year", "periodic",
)
"""Periodic in-person reporting or repeated attendance."""

OPEN_DATA_WORDS: tuple[str, ...] = (
    "ข้อมูลเปิด", "open data", "opendata", "open government data", "data.go.th",
)
"""The data is (said to be) published as open data."""

REGISTER_WORDS: tuple[str, ...] = (
    "ทะเบียน", "ฐานข้อมูล", "สารบบ", "บัญชีรายชื่อ", "register", "registry", "database",
)
"""A register or database the process keeps."""

_NEGATORS_TH = ("ไม่", "ยกเลิก", "ยกเว้น", "งดเว้น", "ปราศจาก")
_NEGATORS_EN = ("no", "not", "without", "never", "no longer")
_CLAUSE = re.compile(r"[|;,\n]")
_WINDOW = 24


@dataclass(frozen=True)
class TermMatch:
    """A rule-local word found in a text, with whether it is negated there."""

    term: str
    start: int
    negated: bool


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alts = []
    for t in sorted({thai.normalize(x) for x in terms}, key=len, reverse=True):
        esc = re.escape(t)
        if t.isascii():
            esc = rf"(?<![a-z0-9]){esc}(?![a-z0-9])"
        alts.append(esc)
    return re.compile("|".join(alts))


def _negated(text: str, start: int) -> bool:
    window = text[max(0, start - _WINDOW):start]
    cut = max((m.end() for m in _CLAUSE.finditer(window)), default=0)
    window = window[cut:]
    thai_window = window[window.rfind(" ") + 1:] if " " in window else window
    if any(n in thai_window for n in _NEGATORS_TH):
        return True
    words = re.findall(r"[a-z]+", window)[-4:]
    return any(w in _NEGATORS_EN for w in words)


def find_terms(text: str, terms: Sequence[str]) -> list[TermMatch]:
    """Return the (longest, non-overlapping) ``terms`` found in normalised ``text``.

    ASCII terms match whole words only. A match is negated when a negation word
    (ไม่, ยกเลิก, no, not, without ...) precedes it in the same clause.
    """
    return list(_find_terms(text, tuple(terms)))


@lru_cache(maxsize=1 << 16)
def _find_terms(text: str, terms: tuple[str, ...]) -> tuple[TermMatch, ...]:
    # several rules look for the same words in the same labels: remember the answers
    norm = thai.normalize(text)
    return tuple(TermMatch(m.group(0), m.start(), _negated(norm, m.start()))
                 for m in _pattern(terms).finditer(norm))


def locally_negated(hit: PatternHit) -> bool:
    """Return whether every occurrence of a lexicon hit's term is negated locally.

    A second opinion after the lexicon's own negation: it also knows bare ไม่
    (ไม่มีวันหมดอายุ, ยังไม่เผยแพร่), which the packaged ``negation`` table lacks.
    """
    term = thai.normalize(hit.term.replace("…", " ").split(" ")[0])
    starts = [m.start() for m in re.finditer(re.escape(term), hit.text)] if term else []
    return bool(starts) and all(_negated(hit.text, i) for i in starts)


def standing(item: StepClass | DocumentClass, *patterns: str) -> tuple[PatternHit, ...]:
    """Return the standing hits of ``patterns`` that are not :func:`locally_negated`."""
    return tuple(h for h in item.standing_hits(*patterns) if not locally_negated(h))


def standing_terms(parts: Iterable[TextPart], terms: Sequence[str]
                   ) -> list[tuple[TermMatch, TextPart]]:
    """Return the non-negated matches of ``terms`` in each text part."""
    out: list[tuple[TermMatch, TextPart]] = []
    for part in parts:
        out.extend((m, part) for m in find_terms(part.text, terms) if not m.negated)
    return out


def digital_terms(parts: Iterable[TextPart]) -> list[tuple[TermMatch, TextPart]]:
    """Return the extra digital-evidence words (:data:`DIGITAL_EXTRA_WORDS`) found."""
    return standing_terms(parts, DIGITAL_EXTRA_WORDS)


def lexicon_terms(ctx: AnalysisContext, text: str | None, table: str
                  ) -> list[tuple[str, bool]]:
    """Return ``(term, negated)`` for the packaged lexicon's ``table`` matches in ``text``.

    Used for texts the classifier does not read: pool, lane and process names,
    message flow names.
    """
    if not text:
        return []
    norm = thai.normalize(text)
    out = []
    for m in ctx.lexicon.match(norm):
        if m.table == table:
            out.append((m.term, bool(ctx.lexicon.is_negated(norm, m))))
    return out


def term_evidence(term: str, part: TextPart) -> Evidence:
    """Return lexicon evidence quoting a rule-local word and the text it was found in."""
    return Evidence(source="lexicon", text=f"«{term}» in “{part.text}”", field=part.field,
                    element_id=part.element_id)


def hit_evidence(hits: Iterable[PatternHit], element_id: str | None = None
                 ) -> tuple[Evidence, ...]:
    """Return the evidence of lexicon hits (marking the element when not the finding's)."""
    out = []
    for h in hits:
        ev = h.evidence()
        if element_id is not None and ev.element_id is None:
            ev = ev.model_copy(update={"element_id": element_id})
        out.append(ev)
    return tuple(out)


def is_automated(ctx: AnalysisContext, element_id: str) -> bool:
    """Return whether a step is done by a system (service/script/rule task, channel)."""
    node = ctx.node(element_id)
    step = ctx.steps[element_id]
    return isinstance(node, (ServiceTask, ScriptTask, BusinessRuleTask)) or (
        step.channel is Channel.AUTOMATED)


def is_electronic(ctx: AnalysisContext, step: StepClass) -> bool:
    """Return whether a step is electronic: automated, online, electronic, digital words."""
    return (is_automated(ctx, step.element_id) or step.channel is Channel.ONLINE
            or step.medium is Medium.ELECTRONIC or step.digital
            or bool(digital_terms(step.texts)))


def is_activity_node(ctx: AnalysisContext, element_id: str) -> bool:
    """Return whether a flow node is an activity (task, call activity, sub-process)."""
    node = ctx.node(element_id)
    return isinstance(node, (_TaskBase, CallActivity, _SubProcessBase))


def label(ctx: AnalysisContext, element_id: str) -> str:
    """Return the name of an element, or its id."""
    el = ctx.defs.get(element_id)
    name = getattr(el, "name", None) if el is not None else None
    return name if name else element_id


def loop_markers(ctx: AnalysisContext, element_id: str) -> tuple[str, ...]:
    """Return the loop characteristics of an activity (``multiInstanceLoopCharacteristics``)."""
    node = ctx.node(element_id)
    return tuple(c.local_name for c in node.children
                 if c.local_name in ("multiInstanceLoopCharacteristics",
                                     "standardLoopCharacteristics"))


@dataclass(frozen=True)
class Topology:
    """The loop-free view of the flow graph: order, predecessors, successors.

    Back edges (the flows that close a loop) are left out, so ``order`` is a
    topological order and dynamic programmes over it are linear.
    """

    order: tuple[str, ...]
    preds: dict[str, tuple[tuple[str, str], ...]]
    """Node -> ``(predecessor, flow id)`` pairs (boundary attachments included)."""
    succs: dict[str, tuple[tuple[str, str], ...]]
    back: tuple[tuple[str, str, str], ...]
    index: dict[str, int]


def predecessor_steps(ctx: AnalysisContext, start: str, limit: int = 256,
                      stop: Collection[str] = ()) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield ``(activity, flows)``: the activities just before ``start``.

    Walks the flows backwards (loops included) through gateways and events, which are
    passed, up to the first activity (or node in ``stop``) on each way; ``flows`` are
    the sequence flow ids from that node to ``start``. At most ``limit`` nodes are
    visited.
    """
    graph = ctx.defs.graph
    seen = {start}
    queue: deque[tuple[str, tuple[str, ...]]] = deque([(start, ())])
    visited = 0
    while queue and visited < limit:
        node, flows = queue.popleft()
        visited += 1
        for p, _, k, data in graph.in_edges(node, keys=True, data=True):
            if p in seen or data["kind"] != "sequence":
                continue
            seen.add(p)
            path = (k, *flows)
            if p in stop or is_activity_node(ctx, p):
                yield p, path
            else:
                queue.append((p, path))


def chains(ctx: AnalysisContext, ids: Iterable[str]) -> list[list[str]]:
    """Group nodes that follow each other directly (only gateways and events between).

    Returns the groups in flow order, each in flow order; a step that follows a
    member through another activity starts a new group.
    """
    wanted = set(ids)
    if not wanted:
        return []
    topo = topology(ctx)
    members = sorted(wanted, key=lambda n: topo.index.get(n, 0))
    member_set = frozenset(members)
    head_of: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for n in members:
        head = n
        for p, _ in predecessor_steps(ctx, n, stop=member_set):
            if p in head_of:
                head = head_of[p]
                break
        head_of[n] = head
        groups.setdefault(head, []).append(n)
    return list(groups.values())


def model_texts(ctx: AnalysisContext) -> Iterator[tuple[str | None, TextPart]]:
    """Yield ``(owner id, text)`` for every text of the model.

    Steps and documents (with their annotations: the owner is the step or document),
    free annotations, names and documentation of processes, pools, lanes and flows,
    and the documentation of the definitions.
    """
    for step in ctx.steps.values():
        for part in step.texts:
            yield step.element_id, part
    for doc in ctx.docs.values():
        for part in doc.texts:
            yield doc.element_id, part
    named: list[tuple[str, str | None, str]] = []
    for proc in ctx.defs.processes:
        named.append((proc.id, proc.name, proc.doc_text))
        for art in proc.artifacts:
            if isinstance(art, TextAnnotation):
                named.append((art.id, art.text, ""))
        for ls in proc.lane_sets:
            for top in ls.lanes:
                named.extend((ln.id, ln.name, ln.doc_text) for ln in top.all_lanes())
    for collab in ctx.defs.collaborations:
        named.append((collab.id, collab.name, collab.doc_text))
        named.extend((p.id, p.name, p.doc_text) for p in collab.participants)
        named.extend((m.id, m.name, m.doc_text) for m in collab.message_flows)
        for art in collab.artifacts:
            if isinstance(art, TextAnnotation):
                named.append((art.id, art.text, ""))
    named.extend((f.id, f.name, f.doc_text) for f in ctx.defs.sequence_flows())
    for eid, name, doc_text in named:
        if name:
            yield eid, TextPart("name", thai.normalize(name), eid)
        if doc_text.strip():
            yield eid, TextPart("documentation", thai.normalize(doc_text), eid)
    for d in ctx.defs.documentation:
        yield None, TextPart("documentation", thai.normalize(_xml_text(d.xml)))


def _xml_text(xml: str) -> str:
    return re.sub(r"<[^>]+>", " ", xml)


def topology(ctx: AnalysisContext) -> Topology:
    """Return the :class:`Topology` of the model (back edges removed), computed once."""
    memo = ctx.defs.memo
    if "rules.topology" not in memo:
        memo["rules.topology"] = _topology(ctx)
    result: Topology = memo["rules.topology"]
    return result


def _topology(ctx: AnalysisContext) -> Topology:
    graph = ctx.defs.graph
    back = g.back_edges(ctx.defs)
    skip = {k for _, _, k in back}
    preds: dict[str, list[tuple[str, str]]] = {}
    succs: dict[str, list[tuple[str, str]]] = {}
    indeg: dict[str, int] = dict.fromkeys(graph.nodes, 0)
    for u, v, k in graph.edges(keys=True):
        if k in skip:
            continue
        preds.setdefault(v, []).append((u, k))
        succs.setdefault(u, []).append((v, k))
        indeg[v] += 1
    doc_index = {n: i for i, n in enumerate(graph.nodes)}
    ready = deque(sorted((n for n, d in indeg.items() if d == 0), key=doc_index.__getitem__))
    order: list[str] = []
    while ready:
        n = ready.popleft()
        order.append(n)
        for v, _ in succs.get(n, ()):
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
    if len(order) < len(doc_index):  # should not happen: back edges break every cycle
        placed = set(order)
        order.extend(n for n in graph.nodes if n not in placed)
    return Topology(
        order=tuple(order),
        preds={k: tuple(v) for k, v in preds.items()},
        succs={k: tuple(v) for k, v in succs.items()},
        back=back,
        index={n: i for i, n in enumerate(order)},
    )
