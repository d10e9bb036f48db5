"""BPMN 2.0 semantic elements: flow nodes, flows, data, artifacts, containers.

Each concrete class carries ``type``, the BPMN local name, as its discriminator, so the
XML reader and writer map 1:1 and the JSON Schema documents it. What the model does
not interpret (vendor attributes, extension elements, child elements such as
``ioSpecification``) is kept opaque on the element and written back unchanged.

Examples:
    >>> t = UserTask(id="T1", name="ยื่นคำขอ")
    >>> t.type, t.kind_label
    ('userTask', 'user task')
    >>> SequenceFlow(id="F1", source="S", target="T1").target
    'T1'
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from reprocess.model.base import ElementId, Model, XmlAttr
from reprocess.model.domain import DocumentFacts, ServiceInfo, StepFacts
from reprocess.model.enums import Actor

__all__ = [
    "Activity",
    "AdHocSubProcess",
    "Artifact",
    "Association",
    "BaseElement",
    "BoundaryEvent",
    "BusinessRuleTask",
    "CallActivity",
    "ComplexGateway",
    "DataAssociation",
    "DataObject",
    "DataObjectReference",
    "DataStore",
    "DataStoreReference",
    "Documentation",
    "EndEvent",
    "Event",
    "EventBasedGateway",
    "EventDefinition",
    "ExclusiveGateway",
    "Expression",
    "FlowElement",
    "FlowNode",
    "Gateway",
    "Group",
    "InclusiveGateway",
    "IntermediateCatchEvent",
    "IntermediateThrowEvent",
    "Lane",
    "LaneSet",
    "ManualTask",
    "Message",
    "MessageFlow",
    "Opaque",
    "ParallelGateway",
    "Participant",
    "ReceiveTask",
    "ScriptTask",
    "SendTask",
    "SequenceFlow",
    "ServiceTask",
    "StartEvent",
    "SubProcess",
    "Task",
    "TextAnnotation",
    "Transaction",
    "UserTask",
]


class Opaque(Model):
    """An XML element kept as it was read, for elements the model does not interpret.

    ``xml`` is the element serialised on its own (canonical XML, namespaces declared
    on it, whitespace-only text removed); ``tag`` is its Clark name.

    Examples:
        >>> Opaque(tag="{urn:x}prop", xml='<x:prop xmlns:x="urn:x"/>').local_name
        'prop'
    """

    type: Literal["opaque"] = "opaque"
    tag: str
    xml: str
    id: ElementId | None = None

    @property
    def local_name(self) -> str:
        """The tag without its namespace."""
        return self.tag.rsplit("}", 1)[-1]


class Documentation(Model):
    """A ``documentation`` child: free text, often the step's description."""

    text: str
    text_format: str | None = None
    id: ElementId | None = None
    """The ``id`` of the ``documentation`` element itself (some tools write one)."""


class BaseElement(Model):
    """What every BPMN element has: id, documentation, extensions, kept attributes."""

    id: ElementId | None = None
    documentation: tuple[Documentation, ...] = Field(default=(), repr=False)
    extensions: tuple[Opaque, ...] = Field(default=(), repr=False)
    """Children of ``extensionElements`` (camunda, signavio, ...), kept opaque."""
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)
    """Attributes the model does not interpret, as ``(clark_name, value)`` in order."""
    children: tuple[Opaque, ...] = Field(default=(), repr=False)
    """Child elements the model does not interpret (``ioSpecification``, ...)."""

    @property
    def doc_text(self) -> str:
        """All documentation texts joined by newlines (empty when none)."""
        return "\n".join(d.text for d in self.documentation)


class Expression(Model):
    """A condition or timer expression (``tFormalExpression`` when ``formal``)."""

    text: str = ""
    language: str | None = None
    formal: bool = True
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)


class DataAssociation(BaseElement):
    """A ``dataInputAssociation`` or ``dataOutputAssociation`` of an activity or event."""

    sources: tuple[ElementId, ...] = ()
    target: ElementId | None = None


class EventDefinition(BaseElement):
    """An event definition (``timerEventDefinition`` ...) with its main reference.

    ``ref`` is ``messageRef``, ``signalRef``, ``errorRef``, ``escalationRef`` or
    ``activityRef`` (compensation), depending on ``kind``.
    """

    kind: Literal[
        "timer",
        "message",
        "signal",
        "error",
        "escalation",
        "compensate",
        "conditional",
        "link",
        "terminate",
        "cancel",
    ]
    ref: ElementId | None = None
    timer: Expression | None = None
    timer_kind: Literal["timeDuration", "timeDate", "timeCycle"] | None = None
    condition: Expression | None = None


class _FlowNodeBase(BaseElement):
    id: ElementId
    name: str | None = None
    facts: StepFacts | None = None
    """Domain facts from the ``rp:`` attributes (``None`` when none given)."""

    @property
    def label(self) -> str:
        """The name, or the id when the node has no name."""
        return self.name if self.name else self.id

    @property
    def kind_label(self) -> str:
        """The BPMN element type in words (``user task``)."""
        t: str = getattr(self, "type", "")
        out = "".join(" " + c.lower() if c.isupper() else c for c in t)
        return out.strip()


class _ActivityBase(_FlowNodeBase):
    default: ElementId | None = None
    data_inputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)
    data_outputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class _TaskBase(_ActivityBase):
    pass


class Task(_TaskBase):
    """BPMN ``task``."""

    type: Literal["task"] = "task"


class UserTask(_TaskBase):
    """BPMN ``userTask``."""

    type: Literal["userTask"] = "userTask"


class ManualTask(_TaskBase):
    """BPMN ``manualTask``."""

    type: Literal["manualTask"] = "manualTask"


class ServiceTask(_TaskBase):
    """BPMN ``serviceTask``."""

    type: Literal["serviceTask"] = "serviceTask"


class SendTask(_TaskBase):
    """BPMN ``sendTask``."""

    type: Literal["sendTask"] = "sendTask"


class ReceiveTask(_TaskBase):
    """BPMN ``receiveTask``."""

    type: Literal["receiveTask"] = "receiveTask"


class ScriptTask(_TaskBase):
    """BPMN ``scriptTask``."""

    type: Literal["scriptTask"] = "scriptTask"


class BusinessRuleTask(_TaskBase):
    """BPMN ``businessRuleTask``."""

    type: Literal["businessRuleTask"] = "businessRuleTask"


class CallActivity(_ActivityBase):
    """BPMN ``callActivity``: calls another process or global task."""

    type: Literal["callActivity"] = "callActivity"
    called_element: ElementId | None = None


class _SubProcessBase(_ActivityBase):
    triggered_by_event: bool = False
    """``True`` for an event sub-process."""
    flow_elements: tuple[FlowElement, ...] = Field(default=(), repr=False)
    artifacts: tuple[Artifact, ...] = Field(default=(), repr=False)
    lane_sets: tuple[LaneSet, ...] = Field(default=(), repr=False)


class SubProcess(_SubProcessBase):
    """BPMN ``subProcess`` (an event sub-process when ``triggered_by_event``)."""

    type: Literal["subProcess"] = "subProcess"


class AdHocSubProcess(_SubProcessBase):
    """BPMN ``adHocSubProcess``."""

    type: Literal["adHocSubProcess"] = "adHocSubProcess"


class Transaction(_SubProcessBase):
    """BPMN ``transaction``."""

    type: Literal["transaction"] = "transaction"


class _EventBase(_FlowNodeBase):
    event_definitions: tuple[EventDefinition, ...] = ()


class StartEvent(_EventBase):
    """BPMN ``startEvent``."""

    type: Literal["startEvent"] = "startEvent"
    is_interrupting: bool = True
    data_outputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class EndEvent(_EventBase):
    """BPMN ``endEvent``."""

    type: Literal["endEvent"] = "endEvent"
    data_inputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class IntermediateCatchEvent(_EventBase):
    """BPMN ``intermediateCatchEvent`` (timers, messages, signals, links ...)."""

    type: Literal["intermediateCatchEvent"] = "intermediateCatchEvent"
    data_outputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class IntermediateThrowEvent(_EventBase):
    """BPMN ``intermediateThrowEvent``."""

    type: Literal["intermediateThrowEvent"] = "intermediateThrowEvent"
    data_inputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class BoundaryEvent(_EventBase):
    """BPMN ``boundaryEvent`` attached to an activity."""

    type: Literal["boundaryEvent"] = "boundaryEvent"
    attached_to: ElementId
    cancel_activity: bool = True
    data_outputs: tuple[DataAssociation, ...] = Field(default=(), repr=False)


class ExclusiveGateway(_FlowNodeBase):
    """BPMN ``exclusiveGateway`` (XOR), with its default flow."""

    type: Literal["exclusiveGateway"] = "exclusiveGateway"
    default: ElementId | None = None


class InclusiveGateway(_FlowNodeBase):
    """BPMN ``inclusiveGateway`` (OR), with its default flow."""

    type: Literal["inclusiveGateway"] = "inclusiveGateway"
    default: ElementId | None = None


class ComplexGateway(_FlowNodeBase):
    """BPMN ``complexGateway``, with its default flow."""

    type: Literal["complexGateway"] = "complexGateway"
    default: ElementId | None = None


class ParallelGateway(_FlowNodeBase):
    """BPMN ``parallelGateway`` (AND)."""

    type: Literal["parallelGateway"] = "parallelGateway"


class EventBasedGateway(_FlowNodeBase):
    """BPMN ``eventBasedGateway``."""

    type: Literal["eventBasedGateway"] = "eventBasedGateway"


class SequenceFlow(BaseElement):
    """BPMN ``sequenceFlow`` from ``source`` to ``target``, with an optional condition."""

    type: Literal["sequenceFlow"] = "sequenceFlow"
    id: ElementId
    name: str | None = None
    source: ElementId
    target: ElementId
    condition: Expression | None = None


class DataObject(BaseElement):
    """BPMN ``dataObject`` (the document itself; references point at it)."""

    type: Literal["dataObject"] = "dataObject"
    id: ElementId
    name: str | None = None
    is_collection: bool = False
    document: DocumentFacts | None = None


class DataObjectReference(BaseElement):
    """BPMN ``dataObjectReference``: a document as it appears in the diagram."""

    type: Literal["dataObjectReference"] = "dataObjectReference"
    id: ElementId
    name: str | None = None
    data_object: ElementId | None = None
    document: DocumentFacts | None = None


class DataStoreReference(BaseElement):
    """BPMN ``dataStoreReference``: a register, database or logbook in the diagram."""

    type: Literal["dataStoreReference"] = "dataStoreReference"
    id: ElementId
    name: str | None = None
    data_store: ElementId | None = None
    document: DocumentFacts | None = None


class TextAnnotation(BaseElement):
    """BPMN ``textAnnotation``."""

    type: Literal["textAnnotation"] = "textAnnotation"
    id: ElementId
    text: str | None = None
    text_format: str | None = None


class Association(BaseElement):
    """BPMN ``association`` (usually annotation to element)."""

    type: Literal["association"] = "association"
    id: ElementId
    source: ElementId
    target: ElementId
    direction: str | None = None


class Group(BaseElement):
    """BPMN ``group``."""

    type: Literal["group"] = "group"
    id: ElementId
    category_value: ElementId | None = None


class Lane(BaseElement):
    """A lane (a responsible unit), with the nodes it holds and nested lanes."""

    id: ElementId
    name: str | None = None
    flow_node_refs: tuple[ElementId, ...] = Field(default=(), repr=False)
    child_lane_set: LaneSet | None = Field(default=None, repr=False)
    role: Actor | None = None

    def all_lanes(self) -> tuple[Lane, ...]:
        """Return this lane and every nested lane, depth first."""
        out: list[Lane] = [self]
        if self.child_lane_set is not None:
            for child in self.child_lane_set.lanes:
                out.extend(child.all_lanes())
        return tuple(out)


class LaneSet(BaseElement):
    """A set of lanes in a process or sub-process."""

    name: str | None = None
    lanes: tuple[Lane, ...] = ()


class Participant(BaseElement):
    """A pool: a participant of a collaboration, usually tied to a process."""

    id: ElementId
    name: str | None = None
    process_ref: ElementId | None = None
    role: Actor | None = None
    service: ServiceInfo | None = None


class MessageFlow(BaseElement):
    """A message flow between pools (or nodes in different pools)."""

    id: ElementId
    name: str | None = None
    source: ElementId
    target: ElementId
    message_ref: ElementId | None = None


class DataStore(BaseElement):
    """BPMN ``dataStore`` (a root element referenced by data store references)."""

    type: Literal["dataStore"] = "dataStore"
    id: ElementId
    name: str | None = None
    document: DocumentFacts | None = None


class Message(BaseElement):
    """BPMN ``message`` (a root element)."""

    type: Literal["message"] = "message"
    id: ElementId
    name: str | None = None
    item_ref: ElementId | None = None


Activity = (
    Task
    | UserTask
    | ManualTask
    | ServiceTask
    | SendTask
    | ReceiveTask
    | ScriptTask
    | BusinessRuleTask
    | CallActivity
    | SubProcess
    | AdHocSubProcess
    | Transaction
)
"""Every activity class (tasks, call activities, sub-processes)."""

Event = (
    StartEvent
    | EndEvent
    | IntermediateCatchEvent
    | IntermediateThrowEvent
    | BoundaryEvent
)
"""Every event class."""

Gateway = (
    ExclusiveGateway
    | InclusiveGateway
    | ComplexGateway
    | ParallelGateway
    | EventBasedGateway
)
"""Every gateway class."""

FlowNode = (
    Activity
    | Event
    | Gateway
)
"""Every flow node class."""

FlowElement = Annotated[
    Task | UserTask | ManualTask | ServiceTask | SendTask | ReceiveTask | ScriptTask | BusinessRuleTask | CallActivity | SubProcess | AdHocSubProcess | Transaction | StartEvent | EndEvent | IntermediateCatchEvent | IntermediateThrowEvent | BoundaryEvent | ExclusiveGateway | InclusiveGateway | ComplexGateway | ParallelGateway | EventBasedGateway | SequenceFlow | DataObject | DataObjectReference | DataStoreReference | Opaque,
    Field(discriminator="type"),
]
"""What a process or sub-process contains, in document order."""

Artifact = Annotated[
    TextAnnotation | Association | Group | Opaque, Field(discriminator="type")
]
"""Text annotations, associations and groups."""

for _cls in (SubProcess, AdHocSubProcess, Transaction, Lane, LaneSet):
    _cls.model_rebuild()
