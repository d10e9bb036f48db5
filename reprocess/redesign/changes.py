"""Changes as data, and :func:`apply_changes`, which folds them into a new model.

A redesign pass never edits a model: it proposes :data:`Change` records, small frozen
models discriminated by ``op`` (PyIceberg's ``TableUpdate`` design). Each carries the
pass that proposed it, a rationale in Thai and English, the diagnostics it resolves
(``CODE:element_id``), the pattern ids and its :class:`~reprocess.redesign.prerequisites.
Prerequisite` list. :func:`apply_changes` folds a sequence of changes with one
``singledispatch`` handler per change class, then rebuilds the :class:`Definitions`
through its constructor, so the integrity validator (unique ids, no dangling reference)
runs on the result.

Ids of new elements are given by the change itself and derived from the ids they
replace (``f"{id}__eform"``); new flows are named after the node they wire in
(``f"{new_id}__in"``). Nothing random, no counters: the same changes on the same model
give the same ids and the same bytes.

Elements that a change adds or alters get ``facts.change`` (``rp:change``) set to
``added`` or ``changed``, so that a renderer can highlight them. DI of removed elements
and of rewired flows is dropped; the CLI and the API lay the to-be out afresh.

Examples:
    >>> from reprocess.model import Definitions, Process, StartEvent, ManualTask, EndEvent
    >>> from reprocess.model import SequenceFlow, StepFacts, Channel
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     StartEvent(id="S"), ManualTask(id="T", name="ยื่นคำขอ ณ เคาน์เตอร์"), EndEvent(id="E"),
    ...     SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> change = UpdateNode(element_id="T", name="ยื่นคำขอทางออนไลน์", node_type="userTask",
    ...                     facts=StepFacts(channel=Channel.ONLINE))
    >>> to_be = apply_changes(d, [change])
    >>> to_be.node("T").type, to_be.node("T").facts.channel.value, to_be.node("T").facts.change.value
    ('userTask', 'online', 'changed')
    >>> to_be2 = apply_changes(d, [InsertAfter(anchor="T", node=NewNode(
    ...     id="T__fetch", type="serviceTask", name="ดึงข้อมูลผ่าน Linkage Center"))])
    >>> [f.target for f in to_be2.outgoing("T")], [f.target for f in to_be2.outgoing("T__fetch")]
    (['T__fetch'], ['E'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import singledispatch
from typing import Annotated, Any, Literal

from pydantic import Field

from reprocess.errors import ReprocessError
from reprocess.model.base import Model, field_or
from reprocess.model.di import Diagram, Plane
from reprocess.model.domain import DocumentFacts, StepFacts
from reprocess.model.elements import (
    Association,
    BoundaryEvent,
    BusinessRuleTask,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Documentation,
    ExclusiveGateway,
    Expression,
    Lane,
    LaneSet,
    ManualTask,
    MessageFlow,
    ParallelGateway,
    ReceiveTask,
    ScriptTask,
    SendTask,
    SequenceFlow,
    ServiceTask,
    Task,
    UserTask,
    _FlowNodeBase,
    _SubProcessBase,
)
from reprocess.model.enums import Actor, ChangeMark
from reprocess.model.process import Collaboration, Definitions, Process
from reprocess.redesign.prerequisites import Prerequisite

__all__ = [
    "AddAlternativePath",
    "AddLane",
    "Change",
    "ChangeEffect",
    "InsertAfter",
    "InsertBefore",
    "MoveToLane",
    "NewNode",
    "NodeType",
    "Parallelize",
    "RedesignError",
    "RemoveDocument",
    "RemoveNode",
    "ReplaceNode",
    "RerouteFlow",
    "UpdateDocument",
    "UpdateFlow",
    "UpdateNode",
    "apply_changes",
    "apply_changes_with_effects",
]


class RedesignError(ReprocessError):
    """A change cannot be applied to the model (unknown element, unsupported shape).

    Examples:
        >>> str(RedesignError("no element 'X'"))
        "no element 'X'"
    """


NodeType = Literal[
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "scriptTask",
    "businessRuleTask",
    "exclusiveGateway",
    "parallelGateway",
]
"""The BPMN types a change may give a new or changed node."""

_CLASSES: dict[str, type[_FlowNodeBase]] = {
    "task": Task,
    "userTask": UserTask,
    "manualTask": ManualTask,
    "serviceTask": ServiceTask,
    "sendTask": SendTask,
    "receiveTask": ReceiveTask,
    "scriptTask": ScriptTask,
    "businessRuleTask": BusinessRuleTask,
    "exclusiveGateway": ExclusiveGateway,
    "parallelGateway": ParallelGateway,
}
_TASK_TYPES = frozenset(k for k in _CLASSES if not k.endswith("Gateway"))


class NewNode(Model):
    """A node a change adds: its id, BPMN type, name, ``rp:`` facts and lane.

    ``lane`` is a lane id; ``None`` puts the node in the lane of the node it is wired
    next to (the anchor). ``facts.change`` is set to ``added`` when applied.
    """

    id: str
    type: NodeType = "task"
    name: str
    facts: StepFacts | None = None
    documentation: str | None = None
    lane: str | None = None


class _ChangeBase(Model):
    """What every change says about itself: who proposed it, why, what it resolves."""

    pass_name: str = ""
    rationale_th: str = ""
    rationale_en: str = ""
    resolves: tuple[str, ...] = ()
    """Diagnostic keys ``CODE:element_id`` the change removes."""
    patterns: tuple[str, ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()

    @property
    def needs_law_change(self) -> bool:
        """Return whether a prerequisite needs a change of law."""
        return any(p.needs_law_change for p in self.prerequisites)


class UpdateNode(_ChangeBase):
    """Change a node in place (keeps its id): name, BPMN type, facts, documentation.

    ``facts`` fields that are not ``None`` override the node's facts; ``documentation``
    replaces the node's documentation (``""`` clears it); ``note`` appends a line.
    """

    op: Literal["update-node"] = "update-node"
    element_id: str
    name: str | None = None
    node_type: NodeType | None = None
    facts: StepFacts | None = None
    documentation: str | None = None
    note: str | None = None


class ReplaceNode(_ChangeBase):
    """Replace a node by a new one with a new id, in the same place of the flow.

    Sequence flows, message flows, data associations, boundary events, annotations
    and the lane move over to the new node; the old node is removed.
    """

    op: Literal["replace-node"] = "replace-node"
    element_id: str
    node: NewNode
    keep_data: bool = True
    """Keep the old node's data inputs and outputs on the new node."""


class InsertAfter(_ChangeBase):
    """Insert a new node just after ``anchor`` (which must have one outgoing flow)."""

    op: Literal["insert-after"] = "insert-after"
    anchor: str
    node: NewNode


class InsertBefore(_ChangeBase):
    """Insert a new node just before ``anchor`` (which must have one incoming flow)."""

    op: Literal["insert-before"] = "insert-before"
    anchor: str
    node: NewNode


class RemoveNode(_ChangeBase):
    """Remove a node and bypass it (one incoming, one outgoing flow), with a reason."""

    op: Literal["remove-node"] = "remove-node"
    element_id: str
    reason_th: str
    reason_en: str


class UpdateDocument(_ChangeBase):
    """Change a document (data object or store reference) in place: name and facts."""

    op: Literal["update-document"] = "update-document"
    element_id: str
    name: str | None = None
    document: DocumentFacts | None = None


class RemoveDocument(_ChangeBase):
    """Remove a document no longer asked for, with its associations, with a reason."""

    op: Literal["remove-document"] = "remove-document"
    element_id: str
    reason_th: str
    reason_en: str


class UpdateFlow(_ChangeBase):
    """Rename a sequence or message flow (a letter becomes an electronic message)."""

    op: Literal["update-flow"] = "update-flow"
    element_id: str
    name: str


class RerouteFlow(_ChangeBase):
    """Point a sequence flow at another source or target (to close or open a path)."""

    op: Literal["reroute-flow"] = "reroute-flow"
    element_id: str
    source: str | None = None
    target: str | None = None


class AddLane(_ChangeBase):
    """Add a lane (a responsible unit) to a process's first lane set."""

    op: Literal["add-lane"] = "add-lane"
    process_id: str
    lane_id: str
    name: str
    role: Actor | None = None


class MoveToLane(_ChangeBase):
    """Move a node to another lane of its process."""

    op: Literal["move-to-lane"] = "move-to-lane"
    element_id: str
    lane_id: str


class Parallelize(_ChangeBase):
    """Run a chain of consecutive steps in parallel between a fork and a join.

    ``element_ids`` is the chain in flow order (each with one incoming and one outgoing
    flow, each the only successor of the one before); the chain's first incoming flow
    now ends at the fork, its last outgoing flow now starts at the join.
    """

    op: Literal["parallelize"] = "parallelize"
    element_ids: tuple[str, ...]
    fork_id: str
    join_id: str
    fork_name: str | None = None
    join_name: str | None = None


class AddAlternativePath(_ChangeBase):
    """Offer a second channel around ``element_id``: an exclusive split and join.

    The applicant chooses (gateway ``gateway_name``): the online step itself, or
    ``node`` (the assisted-digital counter, where an official files online for the
    applicant); both join before the step's successor.
    """

    op: Literal["add-alternative-path"] = "add-alternative-path"
    element_id: str
    gateway_id: str
    join_id: str
    gateway_name: str
    node: NewNode
    online_flow_name: str = "ยื่นออนไลน์ (online)"
    alternative_flow_name: str = "จุดบริการช่วยเหลือ (assisted digital)"
    condition: str = "${channel == 'online'}"


Change = Annotated[
    UpdateNode
    | ReplaceNode
    | InsertAfter
    | InsertBefore
    | RemoveNode
    | UpdateDocument
    | RemoveDocument
    | UpdateFlow
    | RerouteFlow
    | AddLane
    | MoveToLane
    | Parallelize
    | AddAlternativePath,
    Field(discriminator="op"),
]
"""Every kind of change, discriminated by ``op``."""


@dataclass
class ChangeEffect:
    """What one change did: as-is ids it changed or replaced, ids added and removed."""

    changed: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Removed id -> (reason in Thai, reason in English)."""
    error: str | None = None
    """Why the change could not be applied (``skip_invalid=True`` only)."""


# -- the workspace ---------------------------------------------------------------------------


class _Work:
    """Mutable lists built once from the frozen model; rebuilt into a model at the end."""

    def __init__(self, defs: Definitions) -> None:
        self.defs = defs
        self.elements: dict[str, list[Any]] = {}
        self.artifacts: dict[str, list[Any]] = {}
        self.containers: dict[str, Any] = {}
        self.parent: dict[str, str | None] = {}
        self.where: dict[str, str] = {}
        self.lane_refs: dict[str, list[str]] = {}
        self.new_lanes: dict[str, list[Lane]] = {}
        self.mflows: dict[str, list[MessageFlow]] = {}
        self.drop_di: set[str] = set()
        self.notes: dict[str, list[str]] = {}
        for root in defs.root_elements:
            if isinstance(root, Process):
                self._load(root, None)
            elif isinstance(root, Collaboration):
                self.mflows[root.id] = list(root.message_flows)
                for mf in root.message_flows:
                    self.where[mf.id] = root.id

    def _load(self, container: Any, parent: str | None) -> None:
        cid = container.id
        self.containers[cid] = container
        self.parent[cid] = parent
        self.elements[cid] = list(container.flow_elements)
        self.artifacts[cid] = list(container.artifacts)
        for el in container.flow_elements:
            if getattr(el, "id", None):
                self.where[el.id] = cid
            if isinstance(el, _SubProcessBase):
                self._load(el, cid)
        for art in container.artifacts:
            if getattr(art, "id", None):
                self.where[art.id] = cid
        for ls in container.lane_sets:
            for top in ls.lanes:
                for lane in top.all_lanes():
                    self.lane_refs[lane.id] = list(lane.flow_node_refs)
                    self.where[lane.id] = cid

    # -- lookups ---------------------------------------------------------------------

    def find(self, element_id: str) -> tuple[str, int]:
        cid = self.where.get(element_id)
        if cid is None or cid not in self.elements:
            raise RedesignError(f"no flow element '{element_id}' in the model")
        items = self.elements[cid]
        for i, el in enumerate(items):
            if getattr(el, "id", None) == element_id:
                return cid, i
        raise RedesignError(f"no flow element '{element_id}' in the model")

    def get(self, element_id: str) -> Any:
        cid, i = self.find(element_id)
        return self.elements[cid][i]

    def put(self, element_id: str, new: Any) -> None:
        cid, i = self.find(element_id)
        self.elements[cid][i] = new

    def exists(self, element_id: str) -> bool:
        try:
            self.find(element_id)
        except RedesignError:
            return element_id in self.lane_refs
        return True

    def flows(self, cid: str) -> list[SequenceFlow]:
        return [e for e in self.elements[cid] if isinstance(e, SequenceFlow)]

    def incoming(self, node_id: str) -> list[SequenceFlow]:
        cid = self.where[node_id]
        return [f for f in self.flows(cid) if f.target == node_id]

    def outgoing(self, node_id: str) -> list[SequenceFlow]:
        cid = self.where[node_id]
        return [f for f in self.flows(cid) if f.source == node_id]

    def lane_of(self, node_id: str) -> str | None:
        best: str | None = None
        for lane_id, refs in self.lane_refs.items():
            if node_id in refs:
                best = lane_id  # innermost lanes come after their parents
        return best

    # -- edits -------------------------------------------------------------------------

    def add_after(self, anchor: str, new: Any) -> None:
        cid, i = self.find(anchor)
        self.elements[cid].insert(i + 1, new)
        self.where[new.id] = cid

    def append(self, cid: str, new: Any) -> None:
        self.elements[cid].append(new)
        self.where[new.id] = cid

    def remove(self, element_id: str) -> Any:
        cid, i = self.find(element_id)
        el = self.elements[cid].pop(i)
        del self.where[element_id]
        self.drop_di.add(element_id)
        return el

    def set_lane(self, node_id: str, lane_id: str | None) -> None:
        for refs in self.lane_refs.values():
            if node_id in refs:
                refs.remove(node_id)
        if lane_id is None:
            return
        if lane_id not in self.lane_refs:
            raise RedesignError(f"no lane '{lane_id}' in the model")
        self.lane_refs[lane_id].append(node_id)
        # parents of a nested lane list the node too
        for parent in self._lane_parents(lane_id):
            if node_id not in self.lane_refs[parent]:
                self.lane_refs[parent].append(node_id)

    def _lane_parents(self, lane_id: str) -> list[str]:
        out: list[str] = []

        def visit(lanes: Iterable[Lane], chain: list[str]) -> bool:
            for lane in lanes:
                if lane.id == lane_id:
                    out.extend(chain)
                    return True
                if lane.child_lane_set is not None and visit(
                        lane.child_lane_set.lanes, [*chain, lane.id]):
                    return True
            return False

        for container in self.containers.values():
            for ls in container.lane_sets:
                if visit(ls.lanes, []):
                    return out
        return out

    def replace_refs(self, old: str, new: str) -> list[str]:
        """Point every reference at ``old`` (flows, lanes, associations ...) at ``new``.

        Returns the ids of the flows and associations that changed.
        """
        touched: list[str] = []
        for cid, items in self.elements.items():
            for i, el in enumerate(items):
                upd: dict[str, Any] = {}
                if isinstance(el, SequenceFlow):
                    if el.source == old:
                        upd["source"] = new
                    if el.target == old:
                        upd["target"] = new
                elif isinstance(el, BoundaryEvent) and el.attached_to == old:
                    upd["attached_to"] = new
                if upd:
                    items[i] = el.model_copy(update=upd)
                    self.drop_di.add(el.id)
                    touched.append(el.id)
            for i, art in enumerate(self.artifacts[cid]):
                if isinstance(art, Association) and old in (art.source, art.target):
                    self.artifacts[cid][i] = art.model_copy(update={
                        "source": new if art.source == old else art.source,
                        "target": new if art.target == old else art.target})
                    self.drop_di.add(art.id)
                    touched.append(art.id)
        for flows in self.mflows.values():
            for i, mf in enumerate(flows):
                if old in (mf.source, mf.target):
                    flows[i] = mf.model_copy(update={
                        "source": new if mf.source == old else mf.source,
                        "target": new if mf.target == old else mf.target})
                    self.drop_di.add(mf.id)
                    touched.append(mf.id)
        for refs in self.lane_refs.values():
            for i, ref in enumerate(refs):
                if ref == old:
                    refs[i] = new
        return touched

    def set_flow(self, flow: SequenceFlow, **update: Any) -> SequenceFlow:
        new = flow.model_copy(update=update)
        self.put(flow.id, new)
        self.drop_di.add(flow.id)
        return new

    # -- rebuild -----------------------------------------------------------------------

    def build(self) -> Definitions:
        built: dict[str, Any] = {}

        def build_container(cid: str) -> Any:
            if cid in built:
                return built[cid]
            original = self.containers[cid]
            items = []
            for el in self.elements[cid]:
                if isinstance(el, _SubProcessBase) and el.id in self.containers:
                    items.append(build_container(el.id))
                else:
                    items.append(el)
            lane_sets = tuple(self._lane_set(ls) for ls in original.lane_sets)
            extra = [ln.model_copy(update={"flow_node_refs": tuple(self.lane_refs[ln.id])})
                     for ln in self.new_lanes.get(cid, [])]
            if extra:
                lanes = [*(lane_sets[0].lanes if lane_sets else ()), *extra]
                first = lane_sets[0] if lane_sets else LaneSet(id=f"{cid}__laneset")
                lane_sets = (first.model_copy(update={"lanes": tuple(lanes)}), *lane_sets[1:])
            new = original.model_copy(update={
                "flow_elements": tuple(items), "artifacts": tuple(self.artifacts[cid]),
                "lane_sets": lane_sets})
            built[cid] = new
            return new

        roots: list[Any] = []
        for root in self.defs.root_elements:
            if isinstance(root, Process):
                roots.append(build_container(root.id))
            elif isinstance(root, Collaboration):
                roots.append(root.model_copy(update={"message_flows": tuple(self.mflows[root.id])}))
            else:
                roots.append(root)
        ids = self._all_ids(roots)
        diagrams = tuple(self._diagram(d, ids) for d in self.defs.diagrams)
        data = {name: getattr(self.defs, name) for name in type(self.defs).model_fields
                if name not in ("provenance",)}
        data.update(root_elements=tuple(roots), diagrams=diagrams)
        try:
            return Definitions(**data)
        except ValueError as exc:
            raise RedesignError(f"the changes leave an invalid model: {exc}") from exc

    def _lane_set(self, ls: LaneSet) -> LaneSet:
        def lane(ln: Lane) -> Lane:
            child = ln.child_lane_set
            upd: dict[str, Any] = {"flow_node_refs": tuple(self.lane_refs.get(ln.id, ()))}
            if child is not None:
                upd["child_lane_set"] = child.model_copy(
                    update={"lanes": tuple(lane(c) for c in child.lanes)})
            return ln.model_copy(update=upd)

        return ls.model_copy(update={"lanes": tuple(lane(x) for x in ls.lanes)})

    def _all_ids(self, roots: list[Any]) -> set[str]:
        probe = Definitions.model_validate({"root_elements": roots},
                                           context={"skip_integrity": True})
        out = set(probe._index.by_id)
        for cid in self.elements:
            for el in self.elements[cid]:
                for assoc in (*field_or(el, "data_inputs", ()), *field_or(el, "data_outputs", ())):
                    if assoc.id:
                        out.add(assoc.id)
        return out

    def _diagram(self, diagram: Diagram, ids: set[str]) -> Diagram:
        plane = diagram.plane
        if plane is None:
            return diagram
        def keep(item: Any) -> bool:
            element: str | None = getattr(item, "element", None)
            return element is None or (element in ids and element not in self.drop_di)

        items = tuple(i for i in plane.items if keep(i))
        new_plane: Plane = plane.model_copy(update={"items": items})
        return diagram.model_copy(update={"plane": new_plane})


# -- helpers ---------------------------------------------------------------------------------


def _mark(facts: StepFacts | None, mark: ChangeMark, update: StepFacts | None = None) -> StepFacts:
    base = facts or StepFacts()
    upd: dict[str, Any] = {}
    if update is not None:
        upd = {k: getattr(update, k) for k in type(update).model_fields
               if getattr(update, k) is not None}
    upd["change"] = mark
    return base.model_copy(update=upd)


def _retype(node: Any, node_type: str, **update: Any) -> Any:
    cls = _CLASSES[node_type]
    data = {k: getattr(node, k) for k in type(node).model_fields if k != "type"}
    data.update(update)
    keep = {k: v for k, v in data.items() if k in cls.model_fields}
    return cls(**keep)


def _new_node(spec: NewNode) -> Any:
    cls = _CLASSES[spec.type]
    docs = (Documentation(text=spec.documentation),) if spec.documentation else ()
    return cls(id=spec.id, name=spec.name or None, facts=_mark(spec.facts, ChangeMark.ADDED),
               documentation=docs)


def _flow(flow_id: str, source: str, target: str, *, name: str | None = None,
          condition: str | None = None) -> SequenceFlow:
    cond = Expression(text=condition) if condition else None
    return SequenceFlow(id=flow_id, source=source, target=target, name=name, condition=cond)


def _single(flows: list[SequenceFlow], node: str, what: str) -> SequenceFlow:
    if len(flows) != 1:
        raise RedesignError(f"'{node}' has {len(flows)} {what} flows; the change needs exactly one")
    return flows[0]


def _place(work: _Work, anchor: str, spec: NewNode) -> None:
    lane = spec.lane if spec.lane is not None else work.lane_of(anchor)
    if lane is not None:
        work.set_lane(spec.id, lane)


def _check_new(work: _Work, *ids: str) -> None:
    for i in ids:
        if i in work.where or i in work.lane_refs:
            raise RedesignError(f"id '{i}' is already used in the model")


# -- handlers ----------------------------------------------------------------------------------


@singledispatch
def _apply(change: object, work: _Work, effect: ChangeEffect) -> None:
    raise RedesignError(f"no handler for change {type(change).__name__}")


@_apply.register
def _update_node(change: UpdateNode, work: _Work, effect: ChangeEffect) -> None:
    node = work.get(change.element_id)
    if not isinstance(node, _FlowNodeBase):
        raise RedesignError(f"'{change.element_id}' is not a flow node")
    upd: dict[str, Any] = {"facts": _mark(node.facts, ChangeMark.CHANGED, change.facts)}
    if change.name is not None:
        upd["name"] = change.name
    docs = node.documentation
    notes = work.notes.setdefault(node.id, [])
    if change.documentation is not None:
        main = (Documentation(text=change.documentation),) if change.documentation else ()
        docs = (*main, *(Documentation(text=n) for n in notes))
    if change.note and change.note not in notes:
        notes.append(change.note)
        docs = (*docs, Documentation(text=change.note))
    upd["documentation"] = docs
    old_type: str = getattr(node, "type", "")
    if change.node_type is not None and change.node_type != old_type:
        if (change.node_type in _TASK_TYPES) != (old_type in _TASK_TYPES):
            raise RedesignError(f"cannot turn {old_type} '{node.id}' into {change.node_type}")
        new = _retype(node, change.node_type, **upd)
    else:
        new = node.model_copy(update=upd)
    work.put(node.id, new)
    effect.changed.append(node.id)


@_apply.register
def _replace_node(change: ReplaceNode, work: _Work, effect: ChangeEffect) -> None:
    old = work.get(change.element_id)
    if not isinstance(old, _FlowNodeBase):
        raise RedesignError(f"'{change.element_id}' is not a flow node")
    _check_new(work, change.node.id)
    new = _new_node(change.node)
    if change.keep_data:
        new = new.model_copy(update={
            "data_inputs": field_or(old, "data_inputs", ()) if "data_inputs" in type(
                new).model_fields else (),
            "data_outputs": field_or(old, "data_outputs", ()) if "data_outputs" in type(
                new).model_fields else (),
            "children": old.children})
    lane = change.node.lane
    work.add_after(old.id, new)
    work.remove(old.id)
    effect.changed.extend(work.replace_refs(old.id, new.id))
    if lane is not None:
        work.set_lane(new.id, lane)
    effect.replaced.append(old.id)
    effect.added.append(new.id)
    effect.removed[old.id] = (f"แทนที่ด้วย {new.id}", f"replaced by {new.id}")


@_apply.register
def _insert_after(change: InsertAfter, work: _Work, effect: ChangeEffect) -> None:
    work.get(change.anchor)
    out = _single(work.outgoing(change.anchor), change.anchor, "outgoing")
    flow_id = f"{change.node.id}__in"
    _check_new(work, change.node.id, flow_id)
    work.add_after(change.anchor, _new_node(change.node))
    _place(work, change.anchor, change.node)
    work.set_flow(out, source=change.node.id)
    work.add_after(change.node.id, _flow(flow_id, change.anchor, change.node.id))
    effect.changed.append(out.id)
    effect.added.extend((change.node.id, flow_id))


@_apply.register
def _insert_before(change: InsertBefore, work: _Work, effect: ChangeEffect) -> None:
    work.get(change.anchor)
    inc = _single(work.incoming(change.anchor), change.anchor, "incoming")
    flow_id = f"{change.node.id}__out"
    _check_new(work, change.node.id, flow_id)
    cid, i = work.find(change.anchor)
    new = _new_node(change.node)
    work.elements[cid].insert(i, new)
    work.where[new.id] = cid
    _place(work, change.anchor, change.node)
    work.set_flow(inc, target=change.node.id)
    work.add_after(change.node.id, _flow(flow_id, change.node.id, change.anchor))
    effect.changed.append(inc.id)
    effect.added.extend((change.node.id, flow_id))


def _drop_node(work: _Work, node_id: str, effect: ChangeEffect, reason: tuple[str, str]) -> None:
    """Remove a node with what hangs on it: boundary events, associations, message flows."""
    node = work.remove(node_id)
    effect.removed[node_id] = reason
    work.set_lane(node_id, None)
    for items in work.elements.values():
        for el in list(items):
            if isinstance(el, BoundaryEvent) and el.attached_to == node_id:
                items.remove(el)
                work.where.pop(el.id, None)
                work.drop_di.add(el.id)
                work.set_lane(el.id, None)
                effect.removed[el.id] = (f"ผูกกับ {node_id} ที่ถูกนำออก",
                                         f"attached to the removed {node_id}")
    for arts in work.artifacts.values():
        for art in list(arts):
            if isinstance(art, Association) and node_id in (art.source, art.target):
                arts.remove(art)
                work.where.pop(art.id, None)
                work.drop_di.add(art.id)
                effect.removed[art.id] = (f"เชื่อมกับ {node_id} ที่ถูกนำออก",
                                          f"linked to the removed {node_id}")
    for flows in work.mflows.values():
        for mf in list(flows):
            if node_id in (mf.source, mf.target):
                flows.remove(mf)
                work.drop_di.add(mf.id)
                effect.removed[mf.id] = (f"ข้อความของ {node_id} ที่ถูกนำออก",
                                         f"message of the removed {node_id}")
    for assoc in (*field_or(node, "data_inputs", ()), *field_or(node, "data_outputs", ())):
        if assoc.id:
            work.drop_di.add(assoc.id)
            effect.removed[assoc.id] = (f"ข้อมูลของ {node_id} ที่ถูกนำออก",
                                        f"data association of the removed {node_id}")


@_apply.register
def _remove_node(change: RemoveNode, work: _Work, effect: ChangeEffect) -> None:
    node = work.get(change.element_id)
    if not isinstance(node, _FlowNodeBase):
        raise RedesignError(f"'{change.element_id}' is not a flow node")
    inc = _single(work.incoming(node.id), node.id, "incoming")
    out = _single(work.outgoing(node.id), node.id, "outgoing")
    if any(f.source == inc.source and f.target == out.target for f in work.flows(
            work.where[node.id])):
        raise RedesignError(f"removing '{node.id}' would duplicate a flow "
                            f"from '{inc.source}' to '{out.target}'")
    work.set_flow(inc, target=out.target)
    work.remove(out.id)
    effect.changed.append(inc.id)
    effect.removed[out.id] = (f"ข้ามขั้นตอน {node.id} ที่ถูกนำออก",
                              f"bypassed with the removed {node.id}")
    _drop_node(work, node.id, effect, (change.reason_th, change.reason_en))


@_apply.register
def _update_document(change: UpdateDocument, work: _Work, effect: ChangeEffect) -> None:
    doc = work.get(change.element_id)
    if not isinstance(doc, (DataObjectReference, DataStoreReference, DataObject)):
        raise RedesignError(f"'{change.element_id}' is not a document")
    base = doc.document or DocumentFacts()
    upd: dict[str, Any] = {}
    if change.document is not None:
        upd = {k: getattr(change.document, k) for k in type(change.document).model_fields
               if getattr(change.document, k) is not None}
    upd["change"] = ChangeMark.CHANGED
    new_doc = base.model_copy(update=upd)
    update: dict[str, Any] = {"document": new_doc}
    if change.name is not None:
        update["name"] = change.name
    work.put(doc.id, doc.model_copy(update=update))
    if isinstance(doc, DataObjectReference) and doc.data_object and work.exists(doc.data_object):
        obj = work.get(doc.data_object)
        if isinstance(obj, DataObject) and obj.document is not None:
            work.put(obj.id, obj.model_copy(update={"document": obj.document.model_copy(
                update=upd)}))
    effect.changed.append(doc.id)


@_apply.register
def _remove_document(change: RemoveDocument, work: _Work, effect: ChangeEffect) -> None:
    doc = work.get(change.element_id)
    if not isinstance(doc, (DataObjectReference, DataStoreReference, DataObject)):
        raise RedesignError(f"'{change.element_id}' is not a document")
    work.remove(doc.id)
    effect.removed[doc.id] = (change.reason_th, change.reason_en)
    for items in work.elements.values():
        for i, el in enumerate(items):
            ins: tuple[DataAssociation, ...] = field_or(el, "data_inputs", ())
            outs: tuple[DataAssociation, ...] = field_or(el, "data_outputs", ())
            if not any(doc.id in a.sources for a in ins) and not any(
                    a.target == doc.id for a in outs):
                continue
            keep_in: list[DataAssociation] = []
            for a in ins:
                if doc.id not in a.sources:
                    keep_in.append(a)
                    continue
                rest = tuple(s for s in a.sources if s != doc.id)
                if rest:
                    keep_in.append(a.model_copy(update={"sources": rest}))
                elif a.id:
                    work.drop_di.add(a.id)
                    effect.removed[a.id] = (f"เอกสาร {doc.id} ถูกนำออก",
                                            f"document {doc.id} removed")
            keep_out = []
            for a in outs:
                if a.target == doc.id:
                    if a.id:
                        work.drop_di.add(a.id)
                        effect.removed[a.id] = (f"เอกสาร {doc.id} ถูกนำออก",
                                                f"document {doc.id} removed")
                else:
                    keep_out.append(a)
            upd: dict[str, Any] = {"data_inputs": tuple(keep_in),
                                   "data_outputs": tuple(keep_out)}
            if isinstance(el, _FlowNodeBase):
                upd["facts"] = _mark(el.facts, ChangeMark.CHANGED)
            items[i] = el.model_copy(update=upd)
            effect.changed.append(el.id)
    for arts in work.artifacts.values():
        for art in list(arts):
            if isinstance(art, Association) and doc.id in (art.source, art.target):
                arts.remove(art)
                work.where.pop(art.id, None)
                work.drop_di.add(art.id)
                effect.removed[art.id] = (f"เชื่อมกับเอกสาร {doc.id} ที่ถูกนำออก",
                                          f"linked to the removed document {doc.id}")
    ref = doc.data_object if isinstance(doc, DataObjectReference) else None
    if ref and work.exists(ref):
        still = any(isinstance(e, DataObjectReference) and e.data_object == ref
                    for items in work.elements.values() for e in items)
        if not still:
            work.remove(ref)
            effect.removed[ref] = (f"ไม่มีการอ้างถึงหลังนำ {doc.id} ออก",
                                   f"no longer referenced after {doc.id} was removed")


@_apply.register
def _update_flow(change: UpdateFlow, work: _Work, effect: ChangeEffect) -> None:
    for flows in work.mflows.values():
        for i, mf in enumerate(flows):
            if mf.id == change.element_id:
                flows[i] = mf.model_copy(update={"name": change.name})
                effect.changed.append(mf.id)
                return
    flow = work.get(change.element_id)
    if not isinstance(flow, SequenceFlow):
        raise RedesignError(f"'{change.element_id}' is not a flow")
    work.put(flow.id, flow.model_copy(update={"name": change.name}))
    effect.changed.append(flow.id)


@_apply.register
def _reroute_flow(change: RerouteFlow, work: _Work, effect: ChangeEffect) -> None:
    flow = work.get(change.element_id)
    if not isinstance(flow, SequenceFlow):
        raise RedesignError(f"'{change.element_id}' is not a sequence flow")
    upd: dict[str, Any] = {}
    for key in ("source", "target"):
        value = getattr(change, key)
        if value is not None:
            node = work.get(value)
            if not isinstance(node, _FlowNodeBase) or work.where.get(value) != work.where.get(
                    flow.id):
                raise RedesignError(f"'{value}' is not a flow node beside '{flow.id}'")
            upd[key] = value
    src, dst = upd.get("source", flow.source), upd.get("target", flow.target)
    if any(f.source == src and f.target == dst and f.id != flow.id
           for f in work.flows(work.where[flow.id])):
        raise RedesignError(f"rerouting '{flow.id}' would duplicate a flow from '{src}' to '{dst}'")
    work.set_flow(flow, **upd)
    effect.changed.append(flow.id)


@_apply.register
def _add_lane(change: AddLane, work: _Work, effect: ChangeEffect) -> None:
    if change.process_id not in work.containers:
        raise RedesignError(f"no process '{change.process_id}' in the model")
    _check_new(work, change.lane_id)
    lane = Lane(id=change.lane_id, name=change.name, role=change.role)
    work.new_lanes.setdefault(change.process_id, []).append(lane)
    work.lane_refs[change.lane_id] = []
    work.where[change.lane_id] = change.process_id
    effect.added.append(change.lane_id)


@_apply.register
def _move_to_lane(change: MoveToLane, work: _Work, effect: ChangeEffect) -> None:
    node = work.get(change.element_id)
    if change.lane_id not in work.lane_refs:
        raise RedesignError(f"no lane '{change.lane_id}' in the model")
    if work.where.get(change.lane_id) != work.where.get(node.id):
        raise RedesignError(f"lane '{change.lane_id}' is not in the process of '{node.id}'")
    work.set_lane(node.id, change.lane_id)
    if isinstance(node, _FlowNodeBase):
        work.put(node.id, node.model_copy(update={"facts": _mark(node.facts, ChangeMark.CHANGED)}))
    effect.changed.append(node.id)


@_apply.register
def _parallelize(change: Parallelize, work: _Work, effect: ChangeEffect) -> None:
    chain = change.element_ids
    if len(chain) < 2:
        raise RedesignError("parallelize needs at least two steps")
    _check_new(work, change.fork_id, change.join_id)
    cid = work.where.get(chain[0])
    ins = [_single(work.incoming(n), n, "incoming") for n in chain]
    outs = [_single(work.outgoing(n), n, "outgoing") for n in chain]
    for a, b, f in zip(chain, chain[1:], outs, strict=False):
        if f.target != b or work.where.get(b) != cid:
            raise RedesignError(f"'{a}' and '{b}' are not consecutive steps")
    _check_new(work, *(f"{change.fork_id}__to_{n}" for n in chain),
               *(f"{n}__to_{change.join_id}" for n in chain))
    first_in, last_out = ins[0], outs[-1]
    fork = ParallelGateway(id=change.fork_id, name=change.fork_name,
                           facts=StepFacts(change=ChangeMark.ADDED))
    join = ParallelGateway(id=change.join_id, name=change.join_name,
                           facts=StepFacts(change=ChangeMark.ADDED))
    cid_, i = work.find(chain[0])
    work.elements[cid_].insert(i, fork)
    work.where[fork.id] = cid_
    work.add_after(chain[-1], join)
    _place(work, chain[0], NewNode(id=fork.id, name="", lane=None))
    _place(work, chain[-1], NewNode(id=join.id, name="", lane=None))
    work.set_flow(first_in, target=fork.id)
    work.set_flow(last_out, source=join.id)
    effect.changed.extend((first_in.id, last_out.id))
    for f in outs[:-1]:
        work.remove(f.id)
        effect.removed[f.id] = ("แทนด้วยเส้นทางคู่ขนาน", "replaced by parallel branches")
    for n in chain:
        a_id, b_id = f"{fork.id}__to_{n}", f"{n}__to_{join.id}"
        work.add_after(join.id, _flow(a_id, fork.id, n))
        work.add_after(a_id, _flow(b_id, n, join.id))
        effect.added.extend((a_id, b_id))
        node = work.get(n)
        work.put(n, node.model_copy(update={"facts": _mark(node.facts, ChangeMark.CHANGED)}))
        effect.changed.append(n)
    effect.added[:0] = [fork.id, join.id]


@_apply.register
def _add_alternative_path(change: AddAlternativePath, work: _Work, effect: ChangeEffect) -> None:
    node_id = change.element_id
    work.get(node_id)
    inc = _single(work.incoming(node_id), node_id, "incoming")
    out = _single(work.outgoing(node_id), node_id, "outgoing")
    online_id = f"{change.gateway_id}__online"
    alt_id = f"{change.gateway_id}__assisted"
    alt_out = f"{change.node.id}__out"
    join_out = f"{change.join_id}__out"
    _check_new(work, change.gateway_id, change.join_id, change.node.id, online_id, alt_id,
               alt_out, join_out)
    split = ExclusiveGateway(id=change.gateway_id, name=change.gateway_name, default=alt_id,
                             facts=StepFacts(change=ChangeMark.ADDED))
    join = ExclusiveGateway(id=change.join_id, facts=StepFacts(change=ChangeMark.ADDED))
    cid, i = work.find(node_id)
    work.elements[cid].insert(i, split)
    work.where[split.id] = cid
    _place(work, node_id, NewNode(id=split.id, name="", lane=None))
    assisted = _new_node(change.node)
    work.add_after(node_id, assisted)
    _place(work, node_id, change.node)
    work.add_after(assisted.id, join)
    _place(work, node_id, NewNode(id=join.id, name="", lane=None))
    target = out.target
    work.set_flow(inc, target=split.id)
    work.set_flow(out, target=join.id)
    for flow in (
        _flow(online_id, split.id, node_id, name=change.online_flow_name,
              condition=change.condition),
        _flow(alt_id, split.id, assisted.id, name=change.alternative_flow_name),
        _flow(alt_out, assisted.id, join.id),
        _flow(join_out, join.id, target),
    ):
        work.add_after(join.id, flow)
    effect.changed.extend((inc.id, out.id))
    effect.added.extend((split.id, assisted.id, join.id, online_id, alt_id, alt_out, join_out))


# -- public ------------------------------------------------------------------------------------


def apply_changes_with_effects(
    defs: Definitions, changes: Sequence[Any], *, skip_invalid: bool = False
) -> tuple[Definitions, list[ChangeEffect]]:
    """Apply ``changes`` in order; return the new model and what each change did.

    With ``skip_invalid`` a change that cannot be applied (its element is gone, its
    flow shape does not fit) is skipped and its effect carries the ``error``; every
    handler checks before it edits, so a skipped change leaves nothing half done.

    Raises:
        RedesignError: a change names an element that does not exist, needs a flow shape
            the element does not have (without ``skip_invalid``), or the result is invalid.
    """
    work = _Work(defs)
    effects: list[ChangeEffect] = []
    for change in changes:
        effect = ChangeEffect()
        try:
            _apply(change, work, effect)
        except RedesignError as exc:
            if not skip_invalid:
                raise
            effect = ChangeEffect(error=str(exc))
        effects.append(effect)
    return work.build(), effects


def apply_changes(defs: Definitions, changes: Sequence[Any]) -> Definitions:
    """Return a new model with ``changes`` applied in order (the input is not touched).

    The result is rebuilt through the :class:`Definitions` constructor, so integrity
    (unique ids, no dangling reference) is checked; DI of removed elements and of
    rewired flows is dropped.

    Args:
        defs: the model to change.
        changes: :data:`Change` records, applied in order.

    Returns:
        The changed model.

    Raises:
        RedesignError: a change cannot be applied, or the result is invalid.

    Examples:
        >>> from reprocess.model import Definitions, Process, Task, SequenceFlow
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="A"), Task(id="B"), Task(id="C"),
        ...     SequenceFlow(id="f1", source="A", target="B"),
        ...     SequenceFlow(id="f2", source="B", target="C"))),))
        >>> out = apply_changes(d, [RemoveNode(element_id="B", reason_th="ไม่จำเป็น",
        ...                                    reason_en="not needed")])
        >>> [(f.id, f.source, f.target) for f in out.sequence_flows()]
        [('f1', 'A', 'C')]
        >>> apply_changes(d, [RemoveNode(element_id="X", reason_th="-", reason_en="-")])
        Traceback (most recent call last):
        ...
        reprocess.redesign.changes.RedesignError: no flow element 'X' in the model
    """
    return apply_changes_with_effects(defs, changes)[0]
