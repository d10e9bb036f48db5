"""Helpers shared by the structural (``STR``) rules: containers, names, flows, scopes.

Private to the ``structure`` family: the element nouns used in messages (Thai and
English), the few BPMN facts the model keeps as raw attributes (``isForCompensation``,
a link event's name, a task's ``messageRef``), and the scoped reachability that
:mod:`unreachable_node` and :mod:`dead_end_node` share. Everything here runs in time
linear in the size of the model.

Examples:
    >>> from reprocess.model import Definitions, Process, SubProcess, Task
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     SubProcess(id="S", flow_elements=(Task(id="T"),)),)),))
    >>> [c.id for c in containers(d)]
    ['P', 'S']
    >>> th_name(d.node("T")), en_name(d.node("S"))
    ("ขั้นตอน 'T'", "sub-process 'S'")
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from reprocess.analysis.finding import Evidence, EvidenceSource
from reprocess.model.base import field_or
from reprocess.model.elements import (
    AdHocSubProcess,
    BoundaryEvent,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    EndEvent,
    EventDefinition,
    FlowNode,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    Lane,
    MessageFlow,
    Opaque,
    Participant,
    SequenceFlow,
    StartEvent,
    TextAnnotation,
    _EventBase,
    _FlowNodeBase,
    _SubProcessBase,
    _TaskBase,
)
from reprocess.model.process import Container, Definitions, Process

__all__ = [
    "Scopes",
    "attr",
    "containers",
    "dead_ends",
    "default_flow",
    "direct_nodes",
    "en_name",
    "event_kinds",
    "evidence",
    "has_condition",
    "in_ad_hoc",
    "is_activity",
    "is_catch_event",
    "is_event_sub_process",
    "is_for_compensation",
    "is_gateway",
    "is_link_event",
    "is_throw_event",
    "label_of",
    "link_name",
    "local_ref",
    "opaque_attrs",
    "quote_ids",
    "th_name",
    "unreachable",
]


# -- containers and nodes ---------------------------------------------------------------------


def containers(defs: Definitions) -> list[Container]:
    """Return every process and every (nested) sub-process, in document order."""
    out: list[Container] = []

    def walk(c: Container) -> None:
        out.append(c)
        for el in c.flow_elements:
            if isinstance(el, _SubProcessBase):
                walk(el)

    for p in defs.processes:
        walk(p)
    return out


def direct_nodes(container: Container) -> list[FlowNode]:
    """Return the flow nodes directly inside a process or sub-process (not nested ones)."""
    return [el for el in container.flow_elements if isinstance(el, _FlowNodeBase)]


def is_activity(node: object) -> bool:
    """Return whether a node is an activity (task, call activity or sub-process)."""
    return isinstance(node, (_TaskBase, CallActivity, _SubProcessBase))


def is_gateway(node: object) -> bool:
    """Return whether a node is a gateway (a flow node that is neither activity nor event)."""
    return isinstance(node, _FlowNodeBase) and not is_activity(node) and not isinstance(
        node, _EventBase)


def is_event_sub_process(node: object) -> bool:
    """Return whether a node is an event sub-process (``triggeredByEvent``)."""
    return isinstance(node, _SubProcessBase) and node.triggered_by_event


def in_ad_hoc(defs: Definitions, node: FlowNode) -> bool:
    """Return whether a node lies directly inside an ad-hoc sub-process."""
    return isinstance(defs.container_of(node.id), AdHocSubProcess)


# -- attributes the model keeps raw ---------------------------------------------------------


def attr(element: Any, local: str) -> str | None:
    """Return the value of a kept (uninterpreted) attribute by local name, or ``None``.

    Examples:
        >>> from reprocess.model import Task
        >>> attr(Task(id="T", attrs=(("isForCompensation", "true"),)), "isForCompensation")
        'true'
    """
    for key, value in getattr(element, "attrs", ()):
        if key == local or key.endswith("}" + local):
            return str(value)
    return None


def is_for_compensation(node: object) -> bool:
    """Return whether an activity is a compensation handler (``isForCompensation``)."""
    return (attr(node, "isForCompensation") or "").strip().lower() == "true"


def local_ref(ref: str | None) -> str | None:
    """Return a reference without a QName prefix (``tns:Msg_1`` -> ``Msg_1``).

    Examples:
        >>> local_ref("tns:Msg_1"), local_ref("Msg_1"), local_ref(None)
        ('Msg_1', 'Msg_1', None)
    """
    if ref is None:
        return None
    return ref.rsplit(":", 1)[-1].strip()


def opaque_attrs(element: Opaque, *locals_: str) -> Iterator[tuple[str, str]]:
    """Yield ``(local name, value)`` of the named attributes anywhere in an opaque element.

    Examples:
        >>> op = Opaque(tag="{urn:x}a", xml='<a xmlns="urn:x" messageRef="tns:M1"><b signalRef="S"/></a>')
        >>> list(opaque_attrs(op, "messageRef", "signalRef"))
        [('messageRef', 'tns:M1'), ('signalRef', 'S')]
    """
    try:
        root = ET.fromstring(element.xml)
    except ET.ParseError:
        return
    for el in root.iter():
        for key, value in el.attrib.items():
            local = key.rsplit("}", 1)[-1]
            if local in locals_:
                yield local, value


# -- events -------------------------------------------------------------------------------------


def event_kinds(node: object) -> list[str]:
    """Return the kinds of a node's event definitions (empty for a blank event or no event)."""
    defs: tuple[EventDefinition, ...] = field_or(node, "event_definitions", ())
    return [d.kind for d in defs]


def is_link_event(node: object, *, only: bool = False) -> bool:
    """Return whether an event has a link definition (``only``: every definition is a link)."""
    kinds = event_kinds(node)
    if only:
        return bool(kinds) and all(k == "link" for k in kinds)
    return "link" in kinds


def link_name(node: object) -> str:
    """Return the name of an event's link definition, stripped ('' when none)."""
    for d in field_or(node, "event_definitions", ()):
        if d.kind == "link":
            return (attr(d, "name") or "").strip()
    return ""


def is_catch_event(node: object) -> bool:
    """Return whether an event catches (start, intermediate catch, boundary)."""
    return isinstance(node, (StartEvent, IntermediateCatchEvent, BoundaryEvent))


def is_throw_event(node: object) -> bool:
    """Return whether an event throws (intermediate throw, end)."""
    return isinstance(node, (IntermediateThrowEvent, EndEvent))


# -- sequence flows -------------------------------------------------------------------------


def has_condition(flow: SequenceFlow) -> bool:
    """Return whether a sequence flow carries a condition expression (even an empty one)."""
    return flow.condition is not None


def default_flow(node: object) -> str | None:
    """Return the id of a node's default flow (activities, exclusive/inclusive/complex)."""
    value = field_or(node, "default", None)
    return value if isinstance(value, str) else None


# -- names in messages ----------------------------------------------------------------------


def label_of(element: Any) -> str:
    """Return an element's name, stripped, or its id when it has none."""
    name = getattr(element, "name", None) or getattr(element, "text", None)
    if isinstance(name, str) and name.strip():
        return " ".join(name.split())
    return str(getattr(element, "id", None) or "?")


def _nouns(element: Any) -> tuple[str, str]:
    if isinstance(element, _SubProcessBase):
        if element.triggered_by_event:
            return "กระบวนงานย่อยตามเหตุการณ์", "event sub-process"
        return "กระบวนงานย่อย", "sub-process"
    if isinstance(element, (_TaskBase, CallActivity)):
        kind = element.kind_label
        return "ขั้นตอน", kind
    if isinstance(element, StartEvent):
        return "เหตุการณ์เริ่มต้น", "start event"
    if isinstance(element, EndEvent):
        return "เหตุการณ์สิ้นสุด", "end event"
    if isinstance(element, BoundaryEvent):
        return "เหตุการณ์ขอบ", "boundary event"
    if isinstance(element, _EventBase):
        return "เหตุการณ์", element.kind_label
    if isinstance(element, _FlowNodeBase):
        return "เกตเวย์", element.kind_label
    if isinstance(element, SequenceFlow):
        return "เส้นลำดับงาน", "sequence flow"
    if isinstance(element, MessageFlow):
        return "เส้นข้อความ", "message flow"
    if isinstance(element, Process):
        return "กระบวนงาน", "process"
    if isinstance(element, Participant):
        return "พูล", "pool"
    if isinstance(element, Lane):
        return "เลน", "lane"
    if isinstance(element, DataStoreReference):
        return "แหล่งข้อมูล", "data store"
    if isinstance(element, (DataObjectReference, DataObject)):
        return "เอกสาร", "document"
    if isinstance(element, TextAnnotation):
        return "คำอธิบายประกอบ", "text annotation"
    return "องค์ประกอบ", str(getattr(element, "type", "element"))


def th_name(element: Any) -> str:
    """Return the element for a Thai message: its noun and quoted label (``ขั้นตอน 'X'``)."""
    return f"{_nouns(element)[0]} '{label_of(element)}'"


def en_name(element: Any) -> str:
    """Return the element for an English message: its kind and quoted label."""
    return f"{_nouns(element)[1]} '{label_of(element)}'"


def quote_ids(ids: Iterable[str], limit: int = 5) -> str:
    """Return ids joined by commas, at most ``limit`` of them, then ``(+N more)``.

    Examples:
        >>> quote_ids(["a", "b", "c"], limit=2)
        'a, b (+1 more)'
    """
    items = list(ids)
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def evidence(text: str, element_id: str | None = None, *, field: str | None = None,
             source: EvidenceSource = "structure") -> Evidence:
    """Return structural (or ``semantics``) evidence quoting a BPMN fact."""
    return Evidence(source=source, text=text, field=field, element_id=element_id)


# -- scoped reachability ------------------------------------------------------------------------


@dataclass(frozen=True)
class Scopes:
    """The flow nodes of each process or sub-process and the edges inside each scope.

    ``succ``/``pred`` hold the sequence flows whose two ends lie in the same container,
    plus an edge from each activity to each boundary event attached to it.
    """

    members: dict[str, list[FlowNode]]
    scope_of: dict[str, str]
    succ: dict[str, list[str]]
    pred: dict[str, list[str]]

    @classmethod
    def of(cls, defs: Definitions) -> Scopes:
        """Build the scopes of a model (linear in nodes and flows)."""
        members: dict[str, list[FlowNode]] = {}
        scope_of: dict[str, str] = {}
        for node in defs.flow_nodes():
            cid = defs.container_of(node.id).id
            members.setdefault(cid, []).append(node)
            scope_of[node.id] = cid
        succ: dict[str, list[str]] = {}
        pred: dict[str, list[str]] = {}

        def link(a: str, b: str) -> None:
            if a in scope_of and b in scope_of and scope_of[a] == scope_of[b]:
                succ.setdefault(a, []).append(b)
                pred.setdefault(b, []).append(a)

        for flow in defs.sequence_flows():
            link(flow.source, flow.target)
        for node in defs.flow_nodes():
            if isinstance(node, BoundaryEvent):
                link(node.attached_to, node.id)
        return cls(members, scope_of, succ, pred)


def _sweep(seeds: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    queue: deque[str] = deque()
    for s in seeds:
        if s not in seen:
            seen.add(s)
            queue.append(s)
    while queue:
        cur = queue.popleft()
        for nxt in edges.get(cur, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def unreachable(defs: Definitions, scopes: Scopes | None = None) -> Iterator[tuple[FlowNode, list[str]]]:
    """Yield each node no start of its scope reaches, with the ids of the scope's starts.

    Starts are start events, nodes without an incoming flow inside their scope (implicit
    starts, event sub-processes, link catch events) and compensation handlers; a boundary
    event is reached through the activity it is attached to.
    """
    sc = scopes or Scopes.of(defs)
    for nodes in sc.members.values():
        starts = [
            n.id for n in nodes
            if isinstance(n, StartEvent) or is_for_compensation(n) or (
                not sc.pred.get(n.id)
                and not (isinstance(n, BoundaryEvent) and n.attached_to in sc.scope_of)
            )
        ]
        seen = _sweep(starts, sc.succ)
        for n in nodes:
            if n.id not in seen:
                yield n, starts


def dead_ends(defs: Definitions, scopes: Scopes | None = None) -> Iterator[FlowNode]:
    """Yield each node from which no end of its scope can be reached.

    Ends are end events and nodes without an outgoing flow inside their scope (implicit
    ends); an activity also continues through its boundary events. So a dead end is a
    node caught in a loop that has no way out.
    """
    sc = scopes or Scopes.of(defs)
    for nodes in sc.members.values():
        ends = [n.id for n in nodes if isinstance(n, EndEvent) or not sc.succ.get(n.id)]
        seen = _sweep(ends, sc.pred)
        for n in nodes:
            if n.id not in seen:
                yield n
