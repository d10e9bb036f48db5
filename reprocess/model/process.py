"""Processes, collaborations and the ``definitions`` document, with element lookups.

A :class:`Definitions` is what a BPMN file holds: processes, collaborations (pools and
message flows), other root elements and diagrams. It answers the questions the
analysis asks of a step: its lanes, its pool, the documents it reads and writes.

Examples:
    >>> from reprocess.model.elements import UserTask, StartEvent, EndEvent, SequenceFlow
    >>> p = Process(id="P", flow_elements=(
    ...     StartEvent(id="S"), UserTask(id="T", name="ยื่นคำขอ"), EndEvent(id="E"),
    ...     SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E")))
    >>> d = Definitions(root_elements=(p,))
    >>> [n.id for n in d.flow_nodes()]
    ['S', 'T', 'E']
    >>> d.process_of("T").id
    'P'
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from reprocess.errors import Problem
from reprocess.model.base import ElementId, Model, Provenance, XmlAttr, field_or
from reprocess.model.di import Diagram
from reprocess.model.domain import ServiceInfo
from reprocess.model.elements import (
    Artifact,
    Association,
    BaseElement,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    FlowElement,
    FlowNode,
    Lane,
    LaneSet,
    Message,
    MessageFlow,
    Opaque,
    Participant,
    SequenceFlow,
    TextAnnotation,
    _FlowNodeBase,
    _SubProcessBase,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Collaboration",
    "Container",
    "Definitions",
    "ModelProblem",
    "Process",
    "RootElement",
    "check_integrity",
    "is_flow_node",
]


def is_flow_node(element: object) -> bool:
    """Return whether ``element`` is a flow node (activity, event or gateway).

    Examples:
        >>> from reprocess.model.elements import Task, SequenceFlow
        >>> is_flow_node(Task(id="T")), is_flow_node(SequenceFlow(id="f", source="a", target="b"))
        (True, False)
    """
    return isinstance(element, _FlowNodeBase)


class ModelProblem(Model):
    """A problem a lenient read kept instead of failing: duplicate id, dangling reference."""

    code: Literal["duplicate-id", "dangling-reference", "schema"] = "dangling-reference"
    message: str
    element_id: ElementId | None = None
    line: int | None = None

    def to_problem(self) -> Problem:
        """Return the problem as an :class:`reprocess.errors.Problem`."""
        return Problem(self.message, line=self.line, element_id=self.element_id, code=self.code)


class Process(BaseElement):
    """BPMN ``process``: flow elements, artifacts, lanes and the service header."""

    type: Literal["process"] = "process"
    id: ElementId
    name: str | None = None
    is_executable: bool | None = None
    flow_elements: tuple[FlowElement, ...] = Field(default=(), repr=False)
    artifacts: tuple[Artifact, ...] = Field(default=(), repr=False)
    lane_sets: tuple[LaneSet, ...] = Field(default=(), repr=False)
    service: ServiceInfo | None = None

    def __repr_args__(self) -> Any:
        yield "id", self.id
        yield "name", self.name
        yield "elements", len(self.flow_elements)


class Collaboration(BaseElement):
    """BPMN ``collaboration``: pools (participants) and the message flows between them."""

    type: Literal["collaboration"] = "collaboration"
    id: ElementId
    name: str | None = None
    participants: tuple[Participant, ...] = ()
    message_flows: tuple[MessageFlow, ...] = Field(default=(), repr=False)
    artifacts: tuple[Artifact, ...] = Field(default=(), repr=False)


RootElement = Annotated[
    Process | Collaboration | DataStore | Message | Opaque, Field(discriminator="type")
]
"""What ``definitions`` contains besides diagrams, in document order."""

Container = (
    Process
    | _SubProcessBase
)
"""Something that holds flow elements: a process or a sub-process."""


class Definitions(Model):
    """A BPMN 2.0 document: the root of the model.

    Use :func:`reprocess.read_bpmn` to read one from a file, or build it in code.
    """

    id: ElementId | None = None
    name: str | None = None
    target_namespace: str = "http://bpmn.io/schema/bpmn"
    exporter: str | None = None
    exporter_version: str | None = None
    namespaces: tuple[tuple[str, str], ...] = Field(default=(), repr=False)
    """Namespace declarations of the root, ``(prefix, uri)``; prefix ``""`` is the default."""
    root_elements: tuple[RootElement, ...] = Field(default=(), repr=False)
    diagrams: tuple[Diagram, ...] = Field(default=(), repr=False)
    documentation: tuple[Opaque, ...] = Field(default=(), repr=False)
    extensions: tuple[Opaque, ...] = Field(default=(), repr=False)
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)
    children: tuple[Opaque, ...] = Field(default=(), repr=False)
    """Child elements kept as read (``import``, ``relationship``, ...)."""
    problems: tuple[ModelProblem, ...] = Field(default=(), repr=False)
    """Problems kept by a lenient read (empty for a strict read)."""
    provenance: Provenance = Field(default_factory=Provenance, repr=False, exclude=True)
    """Where the model was read from (not part of equality or JSON)."""

    @model_validator(mode="after")
    def _check_integrity(self, info: ValidationInfo) -> Definitions:
        context = info.context or {}
        if context.get("lenient") or context.get("skip_integrity"):
            return self
        found = check_integrity(self)
        if found:
            lines = "; ".join(p.message + (f" ({p.element_id})" if p.element_id else "")
                              for p in found[:20])
            raise ValueError(f"{len(found)} integrity problem(s): {lines}")
        return self

    def __repr_args__(self) -> Any:
        yield "id", self.id
        yield "processes", [p.id for p in self.processes]
        yield "flow_nodes", len(self._index.nodes)

    def _repr_mimebundle_(
        self,
        include: Collection[str] | None = None,
        exclude: Collection[str] | None = None,
        **kwargs: Any,
    ) -> dict[str, str]:
        """Display in Jupyter: diagram, table and a short text (reprocess.render.notebook).

        The render layer is looked up by name, so this layer does not depend on it.
        """
        notebook = importlib.import_module("reprocess.render.notebook")
        bundle: dict[str, str] = notebook.mimebundle(self, include=include, exclude=exclude)
        return bundle

    # -- structure ---------------------------------------------------------------------

    @property
    def processes(self) -> tuple[Process, ...]:
        """The processes, in document order."""
        return tuple(r for r in self.root_elements if isinstance(r, Process))

    @property
    def collaborations(self) -> tuple[Collaboration, ...]:
        """The collaborations, in document order."""
        return tuple(r for r in self.root_elements if isinstance(r, Collaboration))

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Every participant (pool) of every collaboration."""
        return tuple(p for c in self.collaborations for p in c.participants)

    @property
    def message_flows(self) -> tuple[MessageFlow, ...]:
        """Every message flow of every collaboration."""
        return tuple(m for c in self.collaborations for m in c.message_flows)

    def flow_nodes(self) -> tuple[FlowNode, ...]:
        """Every flow node, nested ones included, in document order."""
        return tuple(self._index.nodes.values())

    def sequence_flows(self) -> tuple[SequenceFlow, ...]:
        """Every sequence flow, nested ones included, in document order."""
        return tuple(self._index.flows.values())

    def element(self, element_id: ElementId) -> Any:
        """Return the element with this id (flow node, flow, lane, pool, data ...).

        Raises:
            KeyError: no element has this id.
        """
        return self._index.by_id[element_id]

    def get(self, element_id: ElementId) -> Any | None:
        """Return the element with this id, or ``None``."""
        return self._index.by_id.get(element_id)

    def node(self, element_id: ElementId) -> FlowNode:
        """Return the flow node with this id.

        Raises:
            KeyError: no flow node has this id.
        """
        return self._index.nodes[element_id]

    # -- questions about one step --------------------------------------------------------

    def process_of(self, element_id: ElementId) -> Process:
        """Return the top-level process that holds this element (nested ones too)."""
        return self._index.process_of[element_id]

    def container_of(self, element_id: ElementId) -> Container:
        """Return the process or sub-process that directly holds this element."""
        return self._index.container_of[element_id]

    def lanes_of(self, element_id: ElementId) -> tuple[Lane, ...]:
        """Return the lanes that hold this flow node, innermost first.

        Examples:
            >>> from reprocess.model.elements import Task
            >>> inner = Lane(id="L2", name="งานการเงิน", flow_node_refs=("T",))
            >>> outer = Lane(id="L1", name="กองคลัง", flow_node_refs=("T",),
            ...              child_lane_set=LaneSet(lanes=(inner,)))
            >>> p = Process(id="P", flow_elements=(Task(id="T"),),
            ...             lane_sets=(LaneSet(lanes=(outer,)),))
            >>> [lane.id for lane in Definitions(root_elements=(p,)).lanes_of("T")]
            ['L2', 'L1']
        """
        return self._index.lanes_of.get(element_id, ())

    def lane_of(self, element_id: ElementId) -> Lane | None:
        """Return the innermost lane of this flow node, or ``None``."""
        lanes = self.lanes_of(element_id)
        return lanes[0] if lanes else None

    def pool_of(self, element_id: ElementId) -> Participant | None:
        """Return the pool (participant) whose process holds this element, or ``None``."""
        process = self._index.process_of.get(element_id)
        if process is None:
            return self._index.participant_by_id.get(element_id)
        return self._index.participant_of_process.get(process.id)

    def documents_read(self, element_id: ElementId) -> tuple[Any, ...]:
        """Return the data object and store references this node reads, in order."""
        return self._index.reads.get(element_id, ())

    def documents_written(self, element_id: ElementId) -> tuple[Any, ...]:
        """Return the data object and store references this node writes, in order."""
        return self._index.writes.get(element_id, ())

    def documents(self) -> tuple[DataObjectReference | DataStoreReference | DataObject, ...]:
        """Every document: data object references and data store references.

        A data object that no reference points at is listed itself.
        """
        return self._index.documents

    def annotations_of(self, element_id: ElementId) -> tuple[TextAnnotation, ...]:
        """Return the text annotations associated with this element."""
        return self._index.annotations_of.get(element_id, ())

    def incoming(self, element_id: ElementId) -> tuple[SequenceFlow, ...]:
        """Return the sequence flows that end at this node."""
        return self._index.incoming.get(element_id, ())

    def outgoing(self, element_id: ElementId) -> tuple[SequenceFlow, ...]:
        """Return the sequence flows that leave this node."""
        return self._index.outgoing.get(element_id, ())

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The frozen graph view (see :mod:`reprocess.model.graph`), cached."""
        return self._graph

    @cached_property
    def _graph(self) -> nx.MultiDiGraph[str]:
        from reprocess.model.graph import to_graph

        return to_graph(self)

    @cached_property
    def _index(self) -> _Index:
        return _Index(self)

    # Copies (``model_copy``, ``copy.copy``) must not inherit the caches of the original.
    def __copy__(self) -> Definitions:
        copied = super().__copy__()
        for key in _CACHES:
            copied.__dict__.pop(key, None)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Definitions:
        copied = super().__deepcopy__(memo)
        for key in _CACHES:
            copied.__dict__.pop(key, None)
        return copied

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """A per-model cache for derived facts (graph queries, analysis); not content.

        The model is frozen, so anything derived from it can be computed once. Keys
        are owned by the module that sets them (``"graph.back_edges"`` ...).
        """
        return {}


_CACHES = ("_index", "_graph", "memo")
"""Derived values cached on a :class:`Definitions` instance (dropped by copies)."""


class _Index:
    """Lookup tables built once per model (private; read through ``Definitions``)."""

    def __init__(self, defs: Definitions) -> None:
        self.by_id: dict[str, Any] = {}
        self.nodes: dict[str, FlowNode] = {}
        self.flows: dict[str, SequenceFlow] = {}
        self.process_of: dict[str, Process] = {}
        self.container_of: dict[str, Container] = {}
        self.lanes_of: dict[str, tuple[Lane, ...]] = {}
        self.participant_by_id: dict[str, Participant] = {}
        self.participant_of_process: dict[str, Participant] = {}
        self.reads: dict[str, tuple[Any, ...]] = {}
        self.writes: dict[str, tuple[Any, ...]] = {}
        self.annotations_of: dict[str, tuple[TextAnnotation, ...]] = {}
        self.incoming: dict[str, tuple[SequenceFlow, ...]] = {}
        self.outgoing: dict[str, tuple[SequenceFlow, ...]] = {}
        data: list[Any] = []
        data_objects: dict[str, DataObject] = {}
        associations: list[Association] = []
        annotations: dict[str, TextAnnotation] = {}
        by_id = self.by_id

        def add(element: Any) -> None:
            eid = getattr(element, "id", None)
            if eid is not None and eid not in by_id:
                by_id[eid] = element

        def walk(container: Container, process: Process) -> None:
            for el in container.flow_elements:
                add(el)
                if el.id is not None:
                    self.container_of[el.id] = container
                    self.process_of[el.id] = process
                if isinstance(el, SequenceFlow):
                    self.flows[el.id] = el
                elif isinstance(el, _FlowNodeBase):
                    self.nodes[el.id] = el
                    if isinstance(el, _SubProcessBase):
                        walk(el, process)
                        self._lanes(el.lane_sets, process)
                elif isinstance(el, (DataObjectReference, DataStoreReference)):
                    data.append(el)
                elif isinstance(el, DataObject):
                    data_objects[el.id] = el
            for art in container.artifacts:
                add(art)
                if art.id is not None:
                    self.process_of[art.id] = process
                    self.container_of[art.id] = container
                if isinstance(art, Association):
                    associations.append(art)
                elif isinstance(art, TextAnnotation):
                    annotations[art.id] = art

        for root in defs.root_elements:
            add(root)
            if isinstance(root, Process):
                walk(root, root)
                self._lanes(root.lane_sets, root)
            elif isinstance(root, Collaboration):
                for part in root.participants:
                    add(part)
                    self.participant_by_id[part.id] = part
                    if part.process_ref is not None:
                        self.participant_of_process.setdefault(part.process_ref, part)
                for mf in root.message_flows:
                    add(mf)
                for art in root.artifacts:
                    add(art)
                    if isinstance(art, Association):
                        associations.append(art)
                    elif isinstance(art, TextAnnotation):
                        annotations[art.id] = art

        referenced = {d.data_object for d in data if isinstance(d, DataObjectReference)}
        self.documents: tuple[Any, ...] = tuple(data) + tuple(
            o for o in data_objects.values() if o.id not in referenced
        )

        incoming: dict[str, list[SequenceFlow]] = {}
        outgoing: dict[str, list[SequenceFlow]] = {}
        for flow in self.flows.values():
            outgoing.setdefault(flow.source, []).append(flow)
            incoming.setdefault(flow.target, []).append(flow)
        self.incoming = {k: tuple(v) for k, v in incoming.items()}
        self.outgoing = {k: tuple(v) for k, v in outgoing.items()}

        reads: dict[str, list[Any]] = {}
        writes: dict[str, list[Any]] = {}
        for node in self.nodes.values():
            ins: tuple[DataAssociation, ...] = field_or(node, "data_inputs", ())
            outs: tuple[DataAssociation, ...] = field_or(node, "data_outputs", ())
            for assoc in ins:
                for src in assoc.sources:
                    doc = by_id.get(src)
                    if doc is not None:
                        reads.setdefault(node.id, []).append(doc)
            for assoc in outs:
                doc = by_id.get(assoc.target) if assoc.target else None
                if doc is not None:
                    writes.setdefault(node.id, []).append(doc)
        self.reads = {k: tuple(v) for k, v in reads.items()}
        self.writes = {k: tuple(v) for k, v in writes.items()}

        ann: dict[str, list[TextAnnotation]] = {}
        for a in associations:
            if a.source in annotations:
                ann.setdefault(a.target, []).append(annotations[a.source])
            elif a.target in annotations:
                ann.setdefault(a.source, []).append(annotations[a.target])
        self.annotations_of = {k: tuple(v) for k, v in ann.items()}

    def _lanes(self, lane_sets: tuple[LaneSet, ...], process: Process) -> None:
        found: dict[str, list[tuple[int, Lane]]] = {}

        def visit(lane_set: LaneSet, depth: int) -> None:
            for lane in lane_set.lanes:
                if lane.id not in self.by_id:
                    self.by_id[lane.id] = lane
                    self.process_of[lane.id] = process
                for ref in lane.flow_node_refs:
                    found.setdefault(ref, []).append((depth, lane))
                if lane.child_lane_set is not None:
                    visit(lane.child_lane_set, depth + 1)

        for ls in lane_sets:
            visit(ls, 0)
        for ref, lanes in found.items():
            ordered = tuple(lane for _, lane in sorted(lanes, key=lambda t: -t[0]))
            self.lanes_of[ref] = self.lanes_of.get(ref, ()) + ordered


def _iter_refs(defs: Definitions) -> Iterator[tuple[str, str, str]]:
    """Yield ``(element_id, attribute, referenced_id)`` for every modelled reference."""

    def container(c: Container) -> Iterator[tuple[str, str, str]]:
        for el in c.flow_elements:
            if isinstance(el, SequenceFlow):
                yield el.id, "sourceRef", el.source
                yield el.id, "targetRef", el.target
            elif isinstance(el, DataObjectReference) and el.data_object:
                yield el.id, "dataObjectRef", el.data_object
            elif isinstance(el, DataStoreReference) and el.data_store:
                yield el.id, "dataStoreRef", el.data_store
            elif isinstance(el, _FlowNodeBase):
                default = field_or(el, "default", None)
                if default:
                    yield el.id, "default", default
                attached = field_or(el, "attached_to", None)
                if attached:
                    yield el.id, "attachedToRef", attached
                for assoc in field_or(el, "data_inputs", ()):
                    for src in assoc.sources:
                        yield el.id, "dataInputAssociation/sourceRef", src
                for assoc in field_or(el, "data_outputs", ()):
                    if assoc.target:
                        yield el.id, "dataOutputAssociation/targetRef", assoc.target
                if isinstance(el, _SubProcessBase):
                    yield from container(el)
                    yield from lanes(el.lane_sets)
        for art in c.artifacts:
            if isinstance(art, Association):
                yield art.id, "sourceRef", art.source
                yield art.id, "targetRef", art.target

    def lanes(lane_sets: tuple[LaneSet, ...]) -> Iterator[tuple[str, str, str]]:
        for ls in lane_sets:
            for lane in ls.lanes:
                for ref in lane.flow_node_refs:
                    yield lane.id, "flowNodeRef", ref
                if lane.child_lane_set is not None:
                    yield from lanes((lane.child_lane_set,))

    for root in defs.root_elements:
        if isinstance(root, Process):
            yield from container(root)
            yield from lanes(root.lane_sets)
        elif isinstance(root, Collaboration):
            for part in root.participants:
                if part.process_ref:
                    yield part.id, "processRef", part.process_ref
            for mf in root.message_flows:
                yield mf.id, "sourceRef", mf.source
                yield mf.id, "targetRef", mf.target
            for art in root.artifacts:
                if isinstance(art, Association):
                    yield art.id, "sourceRef", art.source
                    yield art.id, "targetRef", art.target
    for diagram in defs.diagrams:
        if diagram.plane is None:
            continue
        if diagram.plane.element:
            yield diagram.plane.id or "", "bpmnElement", diagram.plane.element
        for item in diagram.plane.items:
            if not isinstance(item, Opaque) and item.element:
                yield item.id or "", "bpmnElement", item.element


def check_integrity(
    defs: Definitions, *, known_ids: Collection[str] = ()
) -> list[ModelProblem]:
    """Return every duplicate id and dangling reference of a model, all at once.

    Ids of opaque elements (signals, errors, vendor content) count as existing, and
    so do ``known_ids`` (the reader passes the ids it saw inside opaque content).

    Examples:
        >>> from reprocess.model.elements import Task, SequenceFlow
        >>> p = Process(id="P", flow_elements=(Task(id="T"),
        ...     SequenceFlow(id="f", source="T", target="X")))
        >>> d = Definitions.model_validate({"root_elements": [p]}, context={"lenient": True})
        >>> [pr.message for pr in check_integrity(d)]
        ["'f' targetRef points at 'X', which does not exist"]
    """
    problems: list[ModelProblem] = []
    seen: set[str] = set()
    for eid in _all_ids(defs):
        if eid in seen:
            problems.append(
                ModelProblem(code="duplicate-id", message=f"duplicate id '{eid}'", element_id=eid)
            )
        seen.add(eid)
    for owner, attr, ref in _iter_refs(defs):
        if ref not in seen and ref not in known_ids:
            problems.append(
                ModelProblem(
                    code="dangling-reference",
                    message=f"'{owner}' {attr} points at '{ref}', which does not exist",
                    element_id=owner or None,
                )
            )
    return problems


def _all_ids(defs: Definitions) -> Iterator[str]:
    def base(el: Any) -> Iterator[str]:
        eid = getattr(el, "id", None)
        if eid:
            yield eid
        for child in field_or(el, "children", ()):
            if child.id:
                yield child.id

    def container(c: Container) -> Iterator[str]:
        for el in c.flow_elements:
            yield from base(el)
            for assoc in (*field_or(el, "data_inputs", ()), *field_or(el, "data_outputs", ())):
                yield from base(assoc)
            for ed in field_or(el, "event_definitions", ()):
                yield from base(ed)
            if isinstance(el, _SubProcessBase):
                yield from container(el)
                yield from lanes(el.lane_sets)
        for art in c.artifacts:
            yield from base(art)

    def lanes(lane_sets: tuple[LaneSet, ...]) -> Iterator[str]:
        for ls in lane_sets:
            yield from base(ls)
            for lane in ls.lanes:
                yield from base(lane)
                if lane.child_lane_set is not None:
                    yield from lanes((lane.child_lane_set,))

    for root in defs.root_elements:
        yield from base(root)
        if isinstance(root, Process):
            yield from container(root)
            yield from lanes(root.lane_sets)
        elif isinstance(root, Collaboration):
            for part in root.participants:
                yield from base(part)
            for mf in root.message_flows:
                yield from base(mf)
            for art in root.artifacts:
                yield from base(art)
    for diagram in defs.diagrams:
        if diagram.id:
            yield diagram.id
        if diagram.plane is not None:
            if diagram.plane.id:
                yield diagram.plane.id
            for item in diagram.plane.items:
                if item.id:
                    yield item.id
