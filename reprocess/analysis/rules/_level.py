"""Shared facts for the level rules (APP, PAY, ISS): who submits, who reads a document,
which message flows cross between the applicant and the agency, and how to quote them.

Everything here reads the classification of :mod:`reprocess.analysis.classify` (never the
XML): a step's actor, channel, medium, kind and co-presence, its lexicon hits, and a
document's readers and writers. The helpers return plain data, so that each rule decides
and words its own finding. The module is private: the payment and issuance families
import it from here.
"""

from __future__ import annotations

import re
import weakref
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar, cast

import networkx as nx

from reprocess import thai
from reprocess.analysis.classify import DocumentClass, PatternHit, StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.metrics import rework_nodes
from reprocess.model import graph as g
from reprocess.model.elements import (
    EndEvent,
    FlowNode,
    ManualTask,
    MessageFlow,
    StartEvent,
    _SubProcessBase,
)
from reprocess.model.enums import Actor, Channel, Medium, StepKind

__all__ = [
    "NOT_SUBMIT",
    "ONLINE",
    "Candidate",
    "DocMatch",
    "DocRequest",
    "Presentation",
    "TextFacts",
    "after_decision",
    "all_conditional",
    "applicant_side",
    "application_hits",
    "channel_stated",
    "cyclic_nodes",
    "dedupe",
    "doc_name",
    "document_requests",
    "fact_evidence",
    "flow_label",
    "from_applicant",
    "handed",
    "hit_evidence",
    "is_end",
    "is_expanded",
    "is_online",
    "is_start",
    "is_submission",
    "issuer_names",
    "label",
    "loop_closing_flows",
    "merge_counterparts",
    "official_signs",
    "output_documents",
    "paper_step",
    "per_context",
    "predecessors",
    "presentation",
    "primary_submissions",
    "read_text",
    "requested",
    "semantics",
    "show",
    "source_names",
    "submission_online",
    "submission_steps",
    "successors",
    "terms",
    "to_applicant",
    "uploaded_hits",
    "walk",
]

T = TypeVar("T")

_CACHE: dict[tuple[int, str], tuple[weakref.ref[AnalysisContext], object]] = {}


def per_context(ctx: AnalysisContext, key: str, compute: Callable[[], T]) -> T:
    """Compute a fact of the model once per analysis context (the rules share it).

    The value lives as long as the context does (a weak reference drops it).
    """
    slot = (id(ctx), key)
    hit = _CACHE.get(slot)
    if hit is not None and hit[0]() is ctx:
        return cast(T, hit[1])
    value = compute()
    _CACHE[slot] = (weakref.ref(ctx), value)
    weakref.finalize(ctx, _CACHE.pop, slot, None)
    return value


ONLINE = frozenset({Channel.ONLINE, Channel.AUTOMATED})
"""Channels that need no visit and no paper."""

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PATTERN = re.compile(r"^P\d\d$")
NOT_SUBMIT = frozenset({StepKind.PAY, StepKind.ISSUE, StepKind.APPROVE, StepKind.INSPECT,
                        StepKind.WAIT})
"""Step kinds that are never the lodging of an application."""


# -- wording ------------------------------------------------------------------------------


def show(text: str | None) -> str:
    """Return a name as it is quoted in a message: no zero-width characters, one space.

    Examples:
        >>> show("ยื่นคำขอ\\u200b  ณ เคาน์เตอร์\\n")
        'ยื่นคำขอ ณ เคาน์เตอร์'
    """
    return " ".join(_ZERO_WIDTH.sub("", text or "").split())


def label(node: FlowNode) -> str:
    """Return the quoted label of a flow node (its name, or its id)."""
    return show(node.label) or node.id


def doc_name(doc: DocumentClass) -> str:
    """Return the quoted name of a document (its name, or its id)."""
    return show(doc.name) or doc.element_id


def terms(hits: Iterable[PatternHit]) -> str:
    """Return the matched terms as ``«a», «b»`` (each once, in order).

    Examples:
        >>> from reprocess.analysis.classify import PatternHit
        >>> h = PatternHit("P11", "เงินสด", "name", "ชำระเป็นเงินสด", False, False, False)
        >>> terms([h, h])
        '«เงินสด»'
    """
    return ", ".join(f"«{t}»" for t in dict.fromkeys(h.term for h in hits))


# -- evidence -----------------------------------------------------------------------------


def dedupe(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """Return the evidence without repeats, in order."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    out: list[Evidence] = []
    for e in evidence:
        key = (e.source, e.text, e.field, e.element_id)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out)


def hit_evidence(hits: Iterable[PatternHit]) -> tuple[Evidence, ...]:
    """Return lexicon hits as evidence (the term in its text), without repeats."""
    return dedupe(h.evidence() for h in hits)


def fact_evidence(cls: StepClass | DocumentClass, *keys: str) -> tuple[Evidence, ...]:
    """Return the classification evidence of these fields (``channel``, ``copies`` ...)."""
    out: list[Evidence] = []
    for key in keys:
        out.extend(cls.evidence.get(key, ()))
    return dedupe(out)


def semantics(text: str, element_id: str | None = None, field: str | None = None) -> Evidence:
    """Return a BPMN-semantics evidence item."""
    return Evidence(source="semantics", text=text, field=field, element_id=element_id)


def all_conditional(hits: Collection[PatternHit]) -> bool:
    """Return whether every hit sits in conditional wording (none: ``False``)."""
    return bool(hits) and all(h.conditional for h in hits)


# -- text the classification does not cover (message flows, free annotations) ------------


@dataclass(frozen=True)
class TextFacts:
    """Lexicon facts of one text that the classification does not cover."""

    hits: tuple[PatternHit, ...]
    digital: bool
    conditional: bool
    tables: frozenset[str]

    def standing(self, *patterns: str) -> tuple[PatternHit, ...]:
        """Return the hits of these patterns that stand (not negated, not digital)."""
        return tuple(h for h in self.hits if h.pattern in patterns and h.stands)

    def has(self, table: str) -> bool:
        """Return whether a term of ``table`` (``channel.post``) occurs."""
        return table in self.tables


def read_text(ctx: AnalysisContext, text: str | None, *, field: str,
              element_id: str | None) -> TextFacts:
    """Match the lexicon on a text the classification does not cover (a message flow)."""
    norm = thai.normalize(text or "")
    if not norm:
        return TextFacts((), False, False, frozenset())
    matches = ctx.lexicon.match(norm)
    tables = frozenset(m.table for m in matches)
    digital = "digital" in tables
    conditional = "conditional" in tables
    hits = tuple(
        PatternHit(pattern=m.table, term=m.term, field=field, text=norm,
                   negated=ctx.lexicon.is_negated(norm, m), conditional=conditional,
                   digital=digital, element_id=element_id)
        for m in matches if _PATTERN.match(m.table)
    )
    return TextFacts(hits, digital, conditional, tables)


# -- steps ----------------------------------------------------------------------------------


def is_online(step: StepClass) -> bool:
    """Return whether a step happens online or automatically (no visit, no paper)."""
    return step.channel in ONLINE


def paper_step(node: FlowNode, step: StepClass) -> bool:
    """Return whether a step is done on paper or at an office (not online)."""
    if is_online(step):
        return False
    return (step.channel in (Channel.COUNTER, Channel.POST, Channel.PHONE)
            or step.medium is Medium.PAPER or step.copresence or isinstance(node, ManualTask))


def is_expanded(node: FlowNode) -> bool:
    """Return whether a node is a sub-process with steps of its own (checked instead)."""
    return isinstance(node, _SubProcessBase) and any(
        getattr(el, "type", "") not in ("sequenceFlow", "opaque") for el in node.flow_elements)


def channel_stated(step: StepClass) -> bool:
    """Return whether the step's channel was stated (``rp:`` or wording), not defaulted."""
    return step.channel is not None and any(
        e.source != "semantics" for e in step.evidence.get("channel", ()))


def applicant_side(ctx: AnalysisContext, ref: str) -> bool:
    """Return whether a pool id or a node id stands on the applicant's side."""
    if ref in ctx.steps:
        return ctx.steps[ref].actor is Actor.APPLICANT
    return ctx.is_applicant_pool(ref)


def from_applicant(ctx: AnalysisContext) -> dict[str, tuple[MessageFlow, ...]]:
    """Return the message flows from the applicant to an agency node, by target node id."""
    return per_context(ctx, "from_applicant", lambda: _from_applicant(ctx))


def _from_applicant(ctx: AnalysisContext) -> dict[str, tuple[MessageFlow, ...]]:
    out: dict[str, list[MessageFlow]] = {}
    for mf in ctx.defs.message_flows:
        if mf.target in ctx.steps and applicant_side(ctx, mf.source) and not applicant_side(
                ctx, mf.target):
            out.setdefault(mf.target, []).append(mf)
    return {k: tuple(v) for k, v in out.items()}


def to_applicant(ctx: AnalysisContext) -> dict[str, tuple[MessageFlow, ...]]:
    """Return the message flows from an agency node to the applicant, by source node id."""
    return per_context(ctx, "to_applicant", lambda: _to_applicant(ctx))


def _to_applicant(ctx: AnalysisContext) -> dict[str, tuple[MessageFlow, ...]]:
    out: dict[str, list[MessageFlow]] = {}
    for mf in ctx.defs.message_flows:
        if mf.source in ctx.steps and applicant_side(ctx, mf.target) and not applicant_side(
                ctx, mf.source):
            out.setdefault(mf.source, []).append(mf)
    return {k: tuple(v) for k, v in out.items()}


def predecessors(ctx: AnalysisContext, node_id: str) -> tuple[str, ...]:
    """Return the nodes just before ``node_id``: sequence-flow and message-flow sources."""
    out = [f.source for f in ctx.defs.incoming(node_id)]
    out.extend(_message_links(ctx)[1].get(node_id, ()))
    return tuple(dict.fromkeys(out))


def successors(ctx: AnalysisContext, node_id: str) -> tuple[str, ...]:
    """Return the nodes just after ``node_id``: sequence-flow and message-flow targets."""
    out = [f.target for f in ctx.defs.outgoing(node_id)]
    out.extend(_message_links(ctx)[0].get(node_id, ()))
    return tuple(dict.fromkeys(out))


def _message_links(ctx: AnalysisContext
                   ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Message flows between flow nodes: targets by source, sources by target."""

    def compute() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        out: dict[str, list[str]] = {}
        into: dict[str, list[str]] = {}
        for mf in ctx.defs.message_flows:
            if mf.source in ctx.steps and mf.target in ctx.steps:
                out.setdefault(mf.source, []).append(mf.target)
                into.setdefault(mf.target, []).append(mf.source)
        return ({k: tuple(v) for k, v in out.items()}, {k: tuple(v) for k, v in into.items()})

    return per_context(ctx, "message_links", compute)


def walk(ctx: AnalysisContext, start: str, *, forward: bool = True, limit: int = 200,
         stop: Callable[[str], bool] | None = None,
         skip_edges: Collection[tuple[str, str]] = ()) -> Iterator[str]:
    """Yield the nodes after (or before) ``start`` breadth first, ``start`` excluded.

    Sequence and message flows are followed; ``stop`` ends the walk at a node (the
    node is yielded, its neighbours are not); ``skip_edges`` are ``(source, target)``
    pairs not to follow (loop-closing flows); at most ``limit`` nodes are yielded.
    """
    step = successors if forward else predecessors
    seen = {start}
    queue: deque[str] = deque([start])
    count = 0
    while queue:
        here = queue.popleft()
        for nxt in step(ctx, here):
            edge = (here, nxt) if forward else (nxt, here)
            if nxt in seen or edge in skip_edges:
                continue
            seen.add(nxt)
            yield nxt
            count += 1
            if count >= limit:
                return
            if stop is None or not stop(nxt):
                queue.append(nxt)


def cyclic_nodes(ctx: AnalysisContext) -> frozenset[str]:
    """Return the nodes that lie on a loop of sequence flows (rework, repeated reports)."""

    def compute() -> frozenset[str]:
        out: set[str] = set()
        for comp in nx.strongly_connected_components(ctx.defs.graph):
            if len(comp) > 1:
                out |= comp
        return frozenset(out)

    return per_context(ctx, "cyclic_nodes", compute)


def loop_closing_flows(ctx: AnalysisContext) -> frozenset[tuple[str, str]]:
    """Return the ``(source, target)`` of the sequence flows that close a loop."""
    return per_context(ctx, "back_edges", lambda: frozenset(
        (u, v) for u, v, _ in g.back_edges(ctx.defs)))


def application_hits(ctx: AnalysisContext, step: StepClass) -> tuple[PatternHit, ...]:
    """Return the standing P01 hits that name an application or form, not only a counter.

    P01 mixes words for an application (``แบบคำขอ``, ``คำร้อง``, form codes) with words for
    a place (``เคาน์เตอร์``, ``ณ สำนักงาน``); the place words also appear on payment and
    pick-up steps, so they alone do not make a step a submission.
    """
    out = []
    for h in step.standing_hits("P01"):
        if not ctx.lexicon.match(h.term, tables=("channel.counter",)):
            out.append(h)
    return tuple(out)


def is_submission(ctx: AnalysisContext, node: FlowNode, step: StepClass,
                  inbound: Mapping[str, tuple[MessageFlow, ...]] | None = None) -> bool:
    """Return whether the applicant lodges something with the agency in this step.

    A submission is:

    * an applicant activity of kind ``submit``; or one that is not a payment, issuance,
      approval, inspection or wait, does not collect a result (P14), and whose text
      names an application or form (P01 beyond place words), or registers the
      applicant in person (kind ``register`` with a P01 word: ขึ้นทะเบียน ณ สำนักงาน);
    * an agency activity of kind ``submit`` with the applicant present (รับคำขอ ณ
      เคาน์เตอร์);
    * an agency node that receives a message from the applicant's side and is of kind
      ``submit``, or whose text or message flow names an application or form.

    A step that only downloads or prints a form (P26) without a stated channel is
    preparation, not a submission.
    """
    if is_expanded(node):
        return False
    inbound = inbound if inbound is not None else from_applicant(ctx)
    if node.id in inbound:
        if step.kind in NOT_SUBMIT:
            return False
        return step.kind is StepKind.SUBMIT or bool(application_hits(ctx, step)) or any(
            _names_application(ctx, read_text(ctx, mf.name, field="message flow",
                                              element_id=mf.id))
            for mf in inbound[node.id])
    if not step.is_activity or step.kind in NOT_SUBMIT:
        return False
    if step.standing_hits("P26") and not channel_stated(step):
        return False
    if step.actor is Actor.AGENCY:
        return step.copresence and step.kind is StepKind.SUBMIT
    if step.actor is not Actor.APPLICANT:
        return False
    if step.kind is StepKind.SUBMIT:
        return True
    if step.standing_hits("P14"):
        return False
    if application_hits(ctx, step):
        return True
    return step.kind is StepKind.REGISTER and bool(step.standing_hits("P01"))


def _names_application(ctx: AnalysisContext, facts: TextFacts) -> bool:
    return any(not ctx.lexicon.match(h.term, tables=("channel.counter",))
               for h in facts.standing("P01"))


def submission_steps(ctx: AnalysisContext) -> tuple[str, ...]:
    """Return the ids of every submission step (see :func:`is_submission`), in order."""

    def compute() -> tuple[str, ...]:
        inbound = from_applicant(ctx)
        return tuple(n.id for n, s in ctx.nodes() if is_submission(ctx, n, s, inbound))

    return per_context(ctx, "submission_steps", compute)


def primary_submissions(ctx: AnalysisContext, submissions: Collection[str]) -> tuple[str, ...]:
    """Return the submissions that are not resubmissions on a rework loop or branch.

    A submission on a loop or a correction branch (เอกสารไม่ครบ: แก้ไขแล้วยื่นเพิ่มเติม)
    repeats the first one through the same channel; it is left out when a submission
    off the loop exists.
    """
    loops = cyclic_nodes(ctx) | rework_nodes(ctx)
    first = [s for s in submissions if s not in loops]
    return tuple(first) if first else tuple(submissions)


def submission_online(ctx: AnalysisContext, node_id: str,
                      inbound: Mapping[str, tuple[MessageFlow, ...]]) -> bool:
    """Return whether a submission step happens online.

    An agency node that receives the applicant's message is online when every sending
    applicant step is online, or when the message flow names a digital channel.
    """
    step = ctx.steps[node_id]
    if is_online(step):
        return True
    flows = inbound.get(node_id, ())
    if not flows:
        return False
    for mf in flows:
        sender = ctx.steps.get(mf.source)
        if sender is not None and is_online(sender):
            continue
        if read_text(ctx, mf.name, field="message flow", element_id=mf.id).digital:
            continue
        return False
    return True


def official_signs(ctx: AnalysisContext, hit: PatternHit) -> bool:
    """Return whether a signature word follows the name of an official, not the applicant.

    "นายทะเบียนลงนาม", "เจ้าหน้าที่ลงนามและประทับตรา": the nearest person named before
    the signature word is an agency name, so the signature is the official's.
    """
    matches = ctx.lexicon.match(hit.text, tables=("applicant_names", "agency_names"))
    at = hit.text.find(hit.term)
    before = [m for m in matches if m.end <= at] if at >= 0 else []
    return bool(before) and before[-1].table == "agency_names"


# -- documents --------------------------------------------------------------------------------


def issuer_names(ctx: AnalysisContext, text: str | None) -> tuple[str, str] | None:
    """Return the Thai and English names of the state agency named in ``text``, if any."""
    if not text:
        return None
    for m in ctx.lexicon.match(text, tables=("state_issuers",)):
        key = thai.normalize(m.term)
        for iss in ctx.lexicon.state_issuers:
            if any(thai.normalize(t) == key for t in iss.terms):
                return iss.name_th, iss.name_en
    return None


def source_names(ctx: AnalysisContext, hits: Iterable[PatternHit],
                 doc: DocumentClass | None = None) -> tuple[str, str] | None:
    """Return the Thai and English names of the authoritative source of a document.

    The issuer given on the document (``rp:issuer``) wins; then the agency that issues
    the state document named by a hit (สำเนาทะเบียนบ้าน: กรมการปกครอง); then the
    document's own source agency as classified.
    """
    if doc is not None and doc.issuer:
        return issuer_names(ctx, doc.issuer) or (doc.issuer, doc.issuer)
    for h in hits:
        found = ctx.lexicon.state_document(h.term) or ctx.lexicon.state_document(h.text)
        if found is not None:
            iss = ctx.lexicon.issuer(found.issuer)
            return iss.name_th, iss.name_en
    if doc is not None and doc.source_agency:
        return issuer_names(ctx, doc.source_agency) or (doc.source_agency, doc.source_agency)
    return None


def requested(ctx: AnalysisContext, doc: DocumentClass, submissions: Collection[str]) -> bool:
    """Return whether a document is asked of the applicant (not an output of the service).

    A document read by a submission step is requested; one written by an agency step
    is an output (a licence, a letter) unless a submission step reads it; a document
    nobody writes is a requested document of the list.
    """
    if doc.is_store:
        return False
    if any(r in submissions for r in doc.readers):
        return True
    writers = [w for w in doc.writers if w in ctx.steps]
    if any(ctx.steps[w].actor is not Actor.APPLICANT for w in writers):
        return False
    readers = [ctx.steps[r] for r in doc.readers if r in ctx.steps]
    return not readers or not all(
        r.kind in (StepKind.ISSUE, StepKind.NOTIFY, StepKind.PAY) for r in readers)


def output_documents(ctx: AnalysisContext, submissions: Collection[str]) -> Iterator[DocumentClass]:
    """Yield the documents the agency writes for the applicant (the service's results)."""
    for doc in ctx.documents():
        if doc.is_store or not doc.writers or requested(ctx, doc, submissions):
            continue
        yield doc


@dataclass(frozen=True)
class Presentation:
    """How the applicant hands a document over: brought on paper or uploaded online."""

    brought: bool
    """Brought on paper to an office (or posted)."""
    with_submission: bool
    """Brought with a submission that is itself at a counter: APP001 reports that visit."""
    evidence: tuple[Evidence, ...]

    @property
    def uploaded(self) -> bool:
        """Every step that takes the document in is online."""
        return not self.brought

    @property
    def extra_trip(self) -> bool:
        """Brought on paper, and not with a counter submission: the paper itself blocks."""
        return self.brought and not self.with_submission


def presentation(ctx: AnalysisContext, doc: DocumentClass, submissions: Collection[str],
                 inbound: Mapping[str, tuple[MessageFlow, ...]]) -> Presentation:
    """Decide whether a requested document is brought on paper or uploaded online.

    The submission steps that read the document decide (else the applicant-facing
    ones): all online, the document is uploaded; any on paper or at an office, it is
    brought. A document that no such step reads is brought unless every submission
    step of the service is online. A document marked electronic (a file) is uploaded.
    """
    readers = [r for r in doc.readers if r in ctx.steps]
    taking = [r for r in readers if r in submissions] or [
        r for r in readers if ctx.steps[r].applicant_facing]
    evidence: list[Evidence] = []
    online: dict[str, bool] = {}
    for r in taking:
        step = ctx.steps[r]
        online[r] = submission_online(ctx, r, inbound)
        how = "online" if online[r] else (
            step.channel.value if step.channel else "no channel named")
        evidence.append(semantics(f"read by '{label(ctx.node(r))}' ({how})", element_id=r))
    if doc.medium is Medium.ELECTRONIC:
        evidence.extend(fact_evidence(doc, "medium") or (semantics("an electronic document"),))
        return Presentation(False, False, dedupe(evidence))
    if taking:
        if all(online.values()):
            return Presentation(False, False, dedupe(evidence))
        with_sub = any(r in submissions and not online[r] for r in taking)
        return Presentation(True, with_sub, dedupe(evidence))
    if submissions and all(submission_online(ctx, s, inbound) for s in submissions):
        evidence.append(semantics("every submission step of the service is online"))
        return Presentation(False, False, dedupe(evidence))
    evidence.append(semantics("a required document that no online step takes in"))
    return Presentation(True, bool(submissions), dedupe(evidence))


def handed(pres: Presentation) -> tuple[str, str]:
    """Say how a document reaches the agency: ``(thai, english)`` clause for a message."""
    if pres.uploaded:
        return "ผู้ขออัปโหลดทางออนไลน์", "uploaded online"
    if pres.with_submission:
        return "ผู้ขอนำมายื่นพร้อมคำขอ ณ เคาน์เตอร์", "brought with the counter application"
    return ("ผู้ขอต้องนำเอกสารกระดาษมาเองแยกจากการยื่นคำขอ",
            "brought on paper in a trip of its own, apart from the application")


def uploaded_hits(cls: StepClass | DocumentClass, *patterns: str) -> tuple[PatternHit, ...]:
    """Return the hits of ``patterns`` that are not negated, digital wording or not.

    Unlike ``standing_hits`` this keeps a hit in a text with digital wording
    ("แนบสำเนาบัตรประชาชนผ่านระบบ"): a copy uploaded online is still a once-only gap.
    Negated hits ("ไม่ต้องใช้สำเนาบัตรประชาชน", "เจ้าหน้าที่ถ่ายสำเนาให้") are dropped.
    """
    return tuple(h for h in cls.hits if h.pattern in patterns and not h.negated)


@dataclass
class DocRequest:
    """A requested document (or a step that names one) found by a document rule."""

    element_id: str
    hits: tuple[PatternHit, ...]
    presentation: Presentation
    conditional: bool
    evidence: tuple[Evidence, ...]
    related: tuple[str, ...]
    doc: DocumentClass | None = None
    node: FlowNode | None = None

    @property
    def subject(self) -> tuple[str, str]:
        """The document or step, quoted for a message: ``(thai, english)``."""
        if self.doc is not None:
            return f"เอกสาร '{doc_name(self.doc)}'", f"'{doc_name(self.doc)}'"
        name = label(self.node) if self.node is not None else self.element_id
        return f"ขั้นตอน '{name}'", f"'{name}'"


DocMatch = Callable[[DocumentClass], "tuple[tuple[PatternHit, ...], tuple[Evidence, ...]] | None"]
"""Decide whether a document is a case of the rule: its hits and fact evidence, or None."""


def document_requests(ctx: AnalysisContext, match: DocMatch, *, step_patterns: tuple[str, ...],
                      keep_uploaded: bool = True) -> list[DocRequest]:
    """Find the requested documents of one kind, then the steps that name one in words.

    Documents first: each requested document (see :func:`requested`) that ``match``
    accepts, with the steps that read it as related and its :func:`presentation`.
    Then the submission steps that read no document at all (a model without data
    objects) but name the pattern in their own text. ``keep_uploaded=False`` drops
    what is only uploaded online.
    """
    inbound = from_applicant(ctx)
    subs = submission_steps(ctx)
    out: list[DocRequest] = []
    for doc in ctx.documents():
        if not requested(ctx, doc, subs):
            continue
        found = match(doc)
        if found is None:
            continue
        hits, facts = found
        pres = presentation(ctx, doc, subs, inbound)
        if pres.uploaded and not keep_uploaded:
            continue
        out.append(DocRequest(
            element_id=doc.element_id, hits=hits, presentation=pres,
            conditional=doc.conditional or all_conditional(hits),
            evidence=dedupe((*fact_evidence(doc, "condition"), *facts, *hit_evidence(hits),
                             *pres.evidence)),
            related=tuple(r for r in doc.readers if r in ctx.steps), doc=doc))
    for sid in primary_submissions(ctx, subs):
        node, step = ctx.node(sid), ctx.steps[sid]
        if ctx.defs.documents_read(sid):
            continue
        hits = uploaded_hits(step, *step_patterns)
        if not hits:
            continue
        online = submission_online(ctx, sid, inbound) or all(h.digital for h in hits)
        if online and not keep_uploaded:
            continue
        pres = Presentation(not online, not online, ())
        out.append(DocRequest(
            element_id=sid, hits=hits, presentation=pres, conditional=all_conditional(hits),
            evidence=dedupe((*hit_evidence(hits), *fact_evidence(step, "channel"))),
            related=(), node=node))
    return out


# -- findings on steps, merged across the applicant/agency border --------------------------


@dataclass
class Candidate:
    """A finding under construction: one element, its evidence, related ids, patterns."""

    element_id: str
    message_th: str
    message_en: str
    evidence: list[Evidence] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    conditional: bool = False
    blocking: bool = True

    def relate(self, *ids: str) -> None:
        """Add related element ids (each once, never the element itself)."""
        for i in ids:
            if i != self.element_id and i not in self.related:
                self.related.append(i)

    def finding(self) -> Finding:
        """Return the frozen finding."""
        return Finding(element_id=self.element_id, message_th=self.message_th,
                       message_en=self.message_en, evidence=dedupe(self.evidence),
                       conditional=self.conditional, blocking=self.blocking,
                       patterns=tuple(dict.fromkeys(self.patterns)),
                       related=tuple(self.related))


def merge_counterparts(ctx: AnalysisContext, found: dict[str, Candidate]) -> list[Candidate]:
    """Fold an agency step into the applicant step it directly answers.

    When an applicant step and the agency step next to it (before or after it, by a
    sequence or a message flow, through events and gateways) both show the same fact
    (the applicant pays and the cashier takes the money; the officer hands over the
    licence and the applicant collects it), the fact is reported once, on the
    applicant's step, with the agency step as related. Returns the remaining candidates
    in document order.
    """
    dropped: set[str] = set()
    for eid, cand in found.items():
        if ctx.steps[eid].actor is Actor.APPLICANT:
            continue
        for other_id in _neighbour_activities(ctx, eid):
            other = found.get(other_id)
            if (other is not None and other_id not in dropped
                    and ctx.steps[other_id].actor is Actor.APPLICANT):
                other.relate(eid, *cand.related)
                other.evidence.extend(cand.evidence)
                for pat in cand.patterns:
                    if pat not in other.patterns:
                        other.patterns.append(pat)
                dropped.add(eid)
                break
    return [c for eid, c in found.items() if eid not in dropped]


def _neighbour_activities(ctx: AnalysisContext, node_id: str) -> list[str]:
    """The nearest activities before and after a node, looking through events/gateways."""
    out: list[str] = []
    for forward in (False, True):
        for n in walk(ctx, node_id, forward=forward, limit=20,
                      stop=lambda x: ctx.steps[x].is_activity):
            if ctx.steps[n].is_activity:
                out.append(n)
    return out


def after_decision(ctx: AnalysisContext, node_id: str,
                   skip_edges: Collection[tuple[str, str]]) -> str | None:
    """Return the agency decision (approval or issue step) that comes before a node, if any.

    Walks back along sequence and message flows, not through loop-closing flows, and
    returns the first agency step of kind ``approve`` or ``issue`` found.
    """
    for n in walk(ctx, node_id, forward=False, limit=200, skip_edges=skip_edges):
        s = ctx.steps[n]
        if s.is_activity and s.actor is not Actor.APPLICANT and s.kind in (
                StepKind.APPROVE, StepKind.ISSUE):
            return n
    return None


def flow_label(mf: MessageFlow) -> str:
    """Return the quoted name of a message flow (or its id)."""
    return show(mf.name) or mf.id


def is_end(node: FlowNode) -> bool:
    """Return whether a node is an end event."""
    return isinstance(node, EndEvent)


def is_start(node: FlowNode) -> bool:
    """Return whether a node is a start event."""
    return isinstance(node, StartEvent)
