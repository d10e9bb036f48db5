"""Hypothesis strategies for valid :class:`~reprocess.model.Definitions` models.

A generated model has one or two processes (tasks of every kind with Thai names and
``rp:`` facts, events with event definitions, gateways with default flows, boundary
events, a sub-process, data objects with document facts and data associations, lanes,
text annotations), optionally a collaboration with pools and message flows, a data
store, vendor attributes and extension elements, documentation, and DI (shapes with
labels, edges with waypoints). Every model passes the model's own integrity validation,
so the writer must turn it into a document that reads back equal.

Strings avoid only what XML 1.0 cannot carry (control characters, surrogates); they
include markup characters, quotes, tabs, CR/LF and Thai combining marks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from reprocess.model import (
    Actor,
    AdHocSubProcess,
    Association,
    BoundaryEvent,
    Bounds,
    BusinessRuleTask,
    CallActivity,
    ChangeMark,
    Channel,
    Collaboration,
    ComplexGateway,
    CustomerGroup,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    Definitions,
    Diagram,
    DiLabel,
    Documentation,
    DocumentFacts,
    Duration,
    Edge,
    EndEvent,
    EventBasedGateway,
    EventDefinition,
    ExclusiveGateway,
    Expression,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    Lane,
    LaneSet,
    ManualTask,
    Medium,
    Message,
    MessageFlow,
    Opaque,
    ParallelGateway,
    Participant,
    Plane,
    Process,
    ReceiveTask,
    ScriptTask,
    SendTask,
    SequenceFlow,
    ServiceInfo,
    ServiceTask,
    Shape,
    StartEvent,
    StepFacts,
    StepKind,
    SubProcess,
    Task,
    TextAnnotation,
    Transaction,
    UserTask,
)

__all__ = [
    "BPMN",
    "CAMUNDA",
    "EXTENSION_FRAGMENTS",
    "definitions",
    "document_facts",
    "service_info",
    "step_facts",
    "texts",
    "thai_texts",
]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"

# Thai letters, vowels and tone marks (combining), digits and a few ASCII characters.
_THAI = "".join(chr(c) for c in range(0x0E01, 0x0E3B)) + "".join(
    chr(c) for c in range(0x0E40, 0x0E5C)
)
_SPECIAL = " .,()-/&<>\"'\t\n\r"

thai_texts = st.text(alphabet=_THAI + _SPECIAL + "ABCxyz0123456789", min_size=0, max_size=24)
"""Short texts, mostly Thai, with markup characters and whitespace."""

texts = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        include_characters="\t\n\r",
    ),
    max_size=16,
)
"""Any text XML 1.0 can carry (no control characters but tab, LF and CR)."""

EXTENSION_FRAGMENTS: tuple[Opaque, ...] = (
    Opaque(
        tag=f"{{{CAMUNDA}}}properties",
        xml=(
            f'<camunda:properties xmlns:camunda="{CAMUNDA}">'
            '<camunda:property name="owner" value="กองช่าง"></camunda:property>'
            "</camunda:properties>"
        ),
    ),
    Opaque(
        tag="{http://www.signavio.com}signavioMetaData",
        xml=(
            '<signavio:signavioMetaData xmlns:signavio="http://www.signavio.com" '
            'metaKey="bgcolor" metaValue="#ffffcc"></signavio:signavioMetaData>'
        ),
    ),
    Opaque(
        tag="{urn:vendor}note",
        xml='<note xmlns="urn:vendor">ข้อความ &amp; <b>ตัวหนา</b> tail</note>',
    ),
)
"""Extension elements in canonical form (exclusive C14N, no whitespace-only text)."""

_LOOP = Opaque(
    tag=f"{{{BPMN}}}standardLoopCharacteristics",
    xml=(
        f'<bpmn:standardLoopCharacteristics xmlns:bpmn="{BPMN}" testBefore="true">'
        "</bpmn:standardLoopCharacteristics>"
    ),
)

_VENDOR_ATTRS = (
    (f"{{{CAMUNDA}}}assignee", "${officer}"),
    ("{http://www.omg.org/spec/BPMN/non-normative/color/1.0}background-color", "#fff"),
    ("{urn:vendor}flag", 'a "quoted" & <odd> value'),
)

_DURATIONS = ("PT10M", "PT2H", "P5D", "P1DT2H30M", "PT1.5S", "P1Y2M")


def _non_empty(model: Any) -> Any:
    return None if model.is_empty() else model


step_facts = st.builds(
    StepFacts,
    actor=st.none() | st.sampled_from(Actor),
    channel=st.none() | st.sampled_from(Channel),
    medium=st.none() | st.sampled_from(Medium),
    kind=st.none() | st.sampled_from(StepKind),
    duration=st.none()
    | st.builds(Duration, iso=st.sampled_from(_DURATIONS), working_days=st.booleans()),
    fee=st.none() | st.decimals(min_value=0, max_value=100000, places=2),
    copresence=st.none() | st.booleans(),
    legal_basis=st.none() | thai_texts,
    change=st.none() | st.sampled_from(ChangeMark),
).map(_non_empty)
"""``StepFacts`` or ``None`` (never an empty ``StepFacts``, which writes nothing)."""

document_facts = st.builds(
    DocumentFacts,
    originals=st.none() | st.integers(0, 5),
    copies=st.none() | st.integers(0, 5),
    certified=st.none() | st.booleans(),
    issuer=st.none() | thai_texts,
    state_issued=st.none() | st.booleans(),
    condition=st.none() | thai_texts,
    medium=st.none() | st.sampled_from(Medium),
    change=st.none() | st.sampled_from(ChangeMark),
).map(_non_empty)

service_info = st.builds(
    ServiceInfo,
    name=st.none() | thai_texts,
    agency=st.none() | thai_texts,
    ministry=st.none() | thai_texts,
    customer_group=st.none() | st.sampled_from(CustomerGroup),
    cases_per_year=st.none() | st.integers(0, 10**6),
    manual_ref=st.none() | texts,
).map(_non_empty)

_TASK_CLASSES = (
    Task,
    UserTask,
    ManualTask,
    ServiceTask,
    SendTask,
    ReceiveTask,
    ScriptTask,
    BusinessRuleTask,
)
_GATEWAYS = (ExclusiveGateway, InclusiveGateway, ComplexGateway, ParallelGateway, EventBasedGateway)
_WITH_DEFAULT = (ExclusiveGateway, InclusiveGateway, ComplexGateway)

coordinates = st.integers(-500, 5000).map(float) | st.floats(
    -1e5, 1e5, allow_nan=False, allow_infinity=False
)


@st.composite
def _bounds(draw: st.DrawFn) -> Bounds:
    return Bounds(
        x=draw(coordinates),
        y=draw(coordinates),
        width=draw(st.integers(1, 300).map(float) | st.floats(0.5, 300)),
        height=draw(st.integers(1, 300).map(float) | st.floats(0.5, 300)),
    )


@st.composite
def _base(draw: st.DrawFn, owner: str) -> dict[str, Any]:
    """Documentation, extensions and vendor attributes for the element ``owner``."""
    out: dict[str, Any] = {}
    if draw(st.integers(0, 4)) == 0:
        out["documentation"] = tuple(
            Documentation(
                text=draw(texts),
                text_format=draw(st.none() | st.just("text/plain")),
                id=draw(st.none() | st.just(f"{owner}_doc{i}")),
            )
            for i in range(draw(st.integers(1, 2)))
        )
    if draw(st.integers(0, 4)) == 0:
        out["extensions"] = tuple(
            draw(st.lists(st.sampled_from(EXTENSION_FRAGMENTS), min_size=1, max_size=2))
        )
    if draw(st.integers(0, 4)) == 0:
        out["attrs"] = tuple(
            draw(
                st.lists(
                    st.sampled_from(_VENDOR_ATTRS), min_size=1, max_size=3, unique_by=lambda a: a[0]
                )
            )
        )
    return out


def _expression(draw: st.DrawFn) -> Expression:
    formal = draw(st.booleans())  # only a tFormalExpression may name its language
    return Expression(
        text=draw(texts),
        language=draw(st.none() | st.just("juel")) if formal else None,
        formal=formal,
    )


@st.composite
def _node(draw: st.DrawFn, nid: str, message_ids: tuple[str, ...]) -> Any:
    kind = draw(
        st.sampled_from(
            ("task", "task", "task", "call", "start", "catch", "throw", "end", "gateway")
        )
    )
    common: dict[str, Any] = {
        "id": nid,
        "name": draw(st.none() | thai_texts),
        "facts": draw(step_facts),
        **draw(_base(nid)),
    }
    if kind == "task":
        cls = draw(st.sampled_from(_TASK_CLASSES))
        if draw(st.integers(0, 5)) == 0:
            common["children"] = (_LOOP,)
        return cls(**common)
    if kind == "call":
        return CallActivity(called_element=draw(st.none() | st.just("OtherProcess")), **common)
    definitions = _event_definitions(draw, message_ids)
    if kind == "start":
        return StartEvent(event_definitions=definitions, **common)
    if kind == "catch":
        return IntermediateCatchEvent(event_definitions=definitions, **common)
    if kind == "throw":
        return IntermediateThrowEvent(event_definitions=definitions, **common)
    if kind == "end":
        return EndEvent(event_definitions=definitions, **common)
    cls = draw(st.sampled_from(_GATEWAYS))
    return cls(**common)


def _event_definitions(draw: st.DrawFn, message_ids: tuple[str, ...]) -> tuple[Any, ...]:
    choice = draw(st.sampled_from(("none", "timer", "message", "terminate", "conditional")))
    if choice == "none":
        return ()
    if choice == "timer":
        return (
            EventDefinition(
                kind="timer",
                timer=Expression(text=draw(st.sampled_from(_DURATIONS)), formal=True),
                timer_kind=draw(st.sampled_from(("timeDuration", "timeDate", "timeCycle"))),
            ),
        )
    if choice == "message":
        ref = draw(st.sampled_from(message_ids)) if message_ids else None
        return (EventDefinition(kind="message", ref=ref),)
    if choice == "conditional":
        return (EventDefinition(kind="conditional", condition=_expression(draw)),)
    return (EventDefinition(kind="terminate"),)


@st.composite
def _container(
    draw: st.DrawFn, prefix: str, message_ids: tuple[str, ...], depth: int
) -> dict[str, Any]:
    """Flow elements, artifacts and lanes of a process or sub-process."""
    nodes: list[Any] = [
        draw(_node(f"{prefix}N{i}", message_ids)) for i in range(draw(st.integers(1, 6)))
    ]
    if depth == 0 and draw(st.booleans()):
        inner = draw(_container(f"{prefix}S", message_ids, depth + 1))
        sub_cls = draw(st.sampled_from((SubProcess, AdHocSubProcess, Transaction)))
        nodes.append(
            sub_cls(
                id=f"{prefix}Sub",
                name=draw(thai_texts),
                triggered_by_event=draw(st.booleans()) if sub_cls is SubProcess else False,
                flow_elements=inner["flow_elements"],
                artifacts=inner["artifacts"],
                lane_sets=inner["lane_sets"],
            )
        )
    activities = [n for n in nodes if isinstance(n, (*_TASK_CLASSES, CallActivity))]
    if activities and draw(st.booleans()):
        nodes.append(
            BoundaryEvent(
                id=f"{prefix}B",
                name=draw(st.none() | thai_texts),
                attached_to=draw(st.sampled_from([a.id for a in activities])),
                cancel_activity=draw(st.booleans()),
                event_definitions=(
                    EventDefinition(
                        kind="timer", timer=Expression(text="P30D"), timer_kind="timeDuration"
                    ),
                ),
            )
        )
    ids = [n.id for n in nodes]
    flows: list[SequenceFlow] = []
    for i in range(draw(st.integers(0, 2 * len(ids)))):
        flows.append(
            SequenceFlow(
                id=f"{prefix}F{i}",
                name=draw(st.none() | thai_texts),
                source=draw(st.sampled_from(ids)),
                target=draw(st.sampled_from(ids)),
                condition=_expression(draw) if draw(st.integers(0, 3)) == 0 else None,
                **draw(_base(f"{prefix}F{i}")),
            )
        )
    # gateways pick one of their outgoing flows as the default
    final_nodes: list[Any] = []
    for node in nodes:
        if isinstance(node, _WITH_DEFAULT):
            outgoing = [f.id for f in flows if f.source == node.id]
            if outgoing and draw(st.booleans()):
                node = node.model_copy(update={"default": draw(st.sampled_from(outgoing))})
        final_nodes.append(node)
    elements: list[Any] = list(final_nodes)
    artifacts: list[Any] = []
    if draw(st.booleans()):
        obj = DataObject(
            id=f"{prefix}DO",
            name=draw(thai_texts),
            is_collection=draw(st.booleans()),
            document=draw(document_facts),
        )
        ref = DataObjectReference(
            id=f"{prefix}DR",
            name=draw(thai_texts),
            data_object=obj.id,
            document=draw(document_facts),
        )
        elements.extend((obj, ref))
        tasks = [n for n in final_nodes if isinstance(n, _TASK_CLASSES)]
        if tasks:
            task = draw(st.sampled_from(tasks))
            index = elements.index(task)
            # as bpmn-js does: the input association targets a placeholder property
            prop_id = f"{prefix}Prop"
            prop = Opaque(
                tag=f"{{{BPMN}}}property",
                id=prop_id,
                xml=(
                    f'<bpmn:property xmlns:bpmn="{BPMN}" id="{prop_id}" '
                    'name="__targetRef_placeholder"></bpmn:property>'
                ),
            )
            elements[index] = task.model_copy(
                update={
                    "children": (prop, *task.children),
                    "data_inputs": (
                        DataAssociation(id=f"{prefix}DIA", sources=(ref.id,), target=prop_id),
                    ),
                    "data_outputs": (DataAssociation(id=f"{prefix}DOA", target=ref.id),),
                }
            )
    elements.extend(flows)
    if draw(st.booleans()):
        note = TextAnnotation(
            id=f"{prefix}Note",
            text=draw(thai_texts),
            text_format=draw(st.none() | st.just("text/plain")),
        )
        artifacts.append(note)
        artifacts.append(
            Association(
                id=f"{prefix}Assoc",
                source=ids[0],
                target=note.id,
                direction=draw(st.none() | st.just("None")),
            )
        )
    lane_sets: tuple[LaneSet, ...] = ()
    if draw(st.booleans()):
        split = draw(st.integers(0, len(ids)))
        inner_lanes: LaneSet | None = None
        if draw(st.booleans()) and split > 0:
            inner_lanes = LaneSet(
                lanes=(
                    Lane(
                        id=f"{prefix}L0a", name=draw(thai_texts), flow_node_refs=tuple(ids[:split])
                    ),
                )
            )
        lane_sets = (
            LaneSet(
                id=f"{prefix}LS",
                lanes=(
                    Lane(
                        id=f"{prefix}L0",
                        name=draw(thai_texts),
                        flow_node_refs=tuple(ids[:split]),
                        child_lane_set=inner_lanes,
                        role=draw(st.none() | st.sampled_from(Actor)),
                    ),
                    Lane(
                        id=f"{prefix}L1",
                        name=draw(st.none() | thai_texts),
                        flow_node_refs=tuple(ids[split:]),
                    ),
                ),
            ),
        )
    return {"flow_elements": tuple(elements), "artifacts": tuple(artifacts), "lane_sets": lane_sets}


def _shape_for(draw: st.DrawFn, element: str, *, horizontal: bool = False) -> Shape:
    label = None
    if draw(st.booleans()):
        label = DiLabel(bounds=draw(st.none() | _bounds()))
    return Shape(
        id=f"{element}_di",
        element=element,
        bounds=draw(_bounds()),
        is_horizontal=True if horizontal else draw(st.none() | st.booleans()),
        is_expanded=draw(st.none() | st.booleans()),
        is_marker_visible=draw(st.none() | st.booleans()),
        label=label,
    )


def _edge_for(draw: st.DrawFn, element: str) -> Edge:
    points = draw(st.lists(st.tuples(coordinates, coordinates), min_size=2, max_size=4))
    return Edge(
        id=f"{element}_di",
        element=element,
        waypoints=tuple(points),
        label=DiLabel(bounds=draw(_bounds())) if draw(st.integers(0, 3)) == 0 else None,
    )


@st.composite
def definitions(draw: st.DrawFn) -> Definitions:
    """A valid model that the writer must write and the reader read back equal."""
    messages = tuple(
        Message(id=f"Msg{i}", name=draw(st.none() | thai_texts))
        for i in range(draw(st.integers(0, 2)))
    )
    message_ids = tuple(m.id for m in messages)
    processes: list[Process] = []
    for p in range(draw(st.integers(1, 2))):
        content = draw(_container(f"P{p}", message_ids, 0))
        processes.append(
            Process(
                id=f"Process_{p}",
                name=draw(st.none() | thai_texts),
                is_executable=draw(st.none() | st.booleans()),
                service=draw(service_info),
                **content,
                **draw(_base(f"Process_{p}")),
            )
        )
    roots: list[Any] = [*messages]
    store: DataStore | None = None
    if draw(st.booleans()):
        store = DataStore(id="Store", name=draw(thai_texts), document=draw(document_facts))
        roots.append(store)
        first = processes[0]
        processes[0] = first.model_copy(
            update={
                "flow_elements": (
                    *first.flow_elements,
                    DataStoreReference(id="StoreRef", name=draw(thai_texts), data_store=store.id),
                )
            }
        )
    collaboration: Collaboration | None = None
    if len(processes) == 2 or draw(st.booleans()):
        participants = tuple(
            Participant(
                id=f"Pool_{i}",
                name=draw(st.none() | thai_texts),
                process_ref=proc.id,
                role=draw(st.none() | st.sampled_from(Actor)),
                service=draw(service_info),
            )
            for i, proc in enumerate(processes)
        )
        flows: tuple[MessageFlow, ...] = ()
        if len(processes) == 2:
            a = [e.id for e in processes[0].flow_elements if hasattr(e, "facts")]
            b = [e.id for e in processes[1].flow_elements if hasattr(e, "facts")]
            flows = tuple(
                MessageFlow(
                    id=f"MF{i}",
                    name=draw(st.none() | thai_texts),
                    source=draw(st.sampled_from(a)),
                    target=draw(st.sampled_from(b)),
                    message_ref=draw(st.none() | st.sampled_from(message_ids))
                    if message_ids
                    else None,
                )
                for i in range(draw(st.integers(0, 2)))
            )
        collaboration = Collaboration(id="Collab", participants=participants, message_flows=flows)
        roots.insert(0, collaboration)
    roots.extend(processes)
    diagrams: tuple[Diagram, ...] = ()
    if draw(st.booleans()):
        items: list[Any] = []
        if collaboration is not None:
            items.extend(
                _shape_for(draw, part.id, horizontal=True) for part in collaboration.participants
            )
        for proc in processes:
            for el in proc.flow_elements:
                if isinstance(el, SequenceFlow):
                    items.append(_edge_for(draw, el.id))
                elif not isinstance(el, DataObject):
                    items.append(_shape_for(draw, el.id))
        if collaboration is not None:
            items.extend(_edge_for(draw, mf.id) for mf in collaboration.message_flows)
        plane_element = collaboration.id if collaboration is not None else processes[0].id
        diagrams = (
            Diagram(
                id="Diagram_1",
                name=draw(st.none() | thai_texts),
                plane=Plane(id="Plane_1", element=plane_element, items=tuple(items)),
            ),
        )
    return Definitions(
        id=draw(st.none() | st.just("Definitions_1")),
        name=draw(st.none() | thai_texts),
        target_namespace=draw(st.sampled_from(("http://bpmn.io/schema/bpmn", "urn:x"))),
        exporter=draw(st.none() | st.just("reprocess tests")),
        root_elements=tuple(roots),
        diagrams=diagrams,
    )


def fee(value: str) -> Decimal:
    """A fee in baht (helper for tests that build facts by hand)."""
    return Decimal(value)


def first_difference(a: Any, b: Any, path: str = "defs") -> str | None:
    """Describe the first place where two models differ (``None`` when equal).

    Used in assertion messages: a failing round trip names the field, not the model.
    """
    if a == b:
        return None
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}: {a!r} != {b!r}"
    if hasattr(type(a), "model_fields"):
        for name in type(a).model_fields:
            if name == "provenance":
                continue
            found = first_difference(getattr(a, name), getattr(b, name), f"{path}.{name}")
            if found:
                return found
        return f"{path}: differ outside the model fields"
    if isinstance(a, tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
    return f"{path}: {a!r} != {b!r}"
