"""Unit tests of the structural rules (``STR``) on models built in code.

The fixture files (``tests/analysis/rules/STRnnn``) show each rule's main cases; these
tests pin the parts that are easy to get wrong: scoped reachability with boundary
events, compensation and sub-processes, the overlap sweep against brute force,
duplicates and dangling ends in lenient models, link pairing, global elements kept
opaque, the registry's shape, and that the rules stay near-linear in model size.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reprocess.analysis.context import build_context
from reprocess.analysis.engine import run_rules
from reprocess.analysis.rule import DOC_SECTIONS, Rule
from reprocess.analysis.rules import structure
from reprocess.analysis.rules.structure import RULES, SUBMISSION_CODES
from reprocess.analysis.rules.structure._common import Scopes, dead_ends, unreachable
from reprocess.analysis.rules.structure.overlapping_elements import overlapping_pairs
from reprocess.model import (
    Association,
    BoundaryEvent,
    Bounds,
    Collaboration,
    Definitions,
    Diagram,
    EndEvent,
    EventDefinition,
    ExclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    Lane,
    LaneSet,
    Message,
    MessageFlow,
    ModelProblem,
    Opaque,
    Participant,
    Plane,
    Process,
    SendTask,
    SequenceFlow,
    Shape,
    StartEvent,
    SubProcess,
    Task,
    UserTask,
)

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def _defs(*roots: Any, diagrams: tuple[Diagram, ...] = (), lenient: bool = False,
          problems: tuple[ModelProblem, ...] = ()) -> Definitions:
    data = {"root_elements": roots, "diagrams": diagrams, "problems": problems}
    return Definitions.model_validate(data, context={"lenient": lenient})


def _flows(*pairs: str) -> tuple[SequenceFlow, ...]:
    """``"A>B"`` strings to sequence flows ``f1``, ``f2`` ..."""
    out = []
    for i, pair in enumerate(pairs, 1):
        src, dst = pair.split(">")
        out.append(SequenceFlow(id=f"f{i}", source=src, target=dst))
    return tuple(out)


def _ids(rule: Rule, defs: Definitions) -> list[str | None]:
    return sorted((f.element_id for f in rule(build_context(defs))), key=str)


def _rule(code: str) -> Rule:
    return next(r for r in RULES if r.code == code)


# -- registry ---------------------------------------------------------------------------------


def test_registry_order_and_metadata() -> None:
    codes = [r.code for r in RULES]
    assert codes == [f"STR{i:03d}" for i in range(1, 33)] + ["STR040", "STR041", "STR042",
                                                              "STR043"]
    assert all(r.blocks is None for r in RULES)
    assert sorted(SUBMISSION_CODES) == ["STR040", "STR041", "STR042", "STR043"]
    assert not any(r.bpmnlint for r in RULES if r.code in SUBMISSION_CODES)
    names = [n for r in RULES for n in r.bpmnlint]
    assert len(names) == len(set(names)), "a bpmnlint rule is covered twice"


def test_one_module_per_rule_named_after_it() -> None:
    modules = [m.name for m in pkgutil.iter_modules(structure.__path__)
               if not m.name.startswith("_")]
    assert sorted(modules) == sorted(r.name.replace("-", "_") for r in RULES)
    for name in modules:
        mod = importlib.import_module(f"{structure.__name__}.{name}")
        rules = [v for v in vars(mod).values() if isinstance(v, Rule)]
        assert [r.name for r in rules] == [name.replace("_", "-")]
        assert mod.__all__
        assert mod.__doc__


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_documentation(rule: Rule) -> None:
    sections = rule.doc_sections()
    assert [s for s in DOC_SECTIONS if not sections.get(s)] == []
    assert rule.fix
    for name in rule.bpmnlint:
        assert f"[{name}](" in sections["References"]


# -- reachability -----------------------------------------------------------------------------


def test_sub_process_is_judged_from_its_own_start() -> None:
    sub = SubProcess(id="Sub", flow_elements=(
        StartEvent(id="SS"), Task(id="ST"), Task(id="Orphan"), EndEvent(id="SE"),
        *_flows("SS>ST", "ST>SE", "Orphan>Orphan")))
    proc = Process(id="P", flow_elements=(StartEvent(id="S"), sub, EndEvent(id="E"),
                                          SequenceFlow(id="a", source="S", target="Sub"),
                                          SequenceFlow(id="b", source="Sub", target="E")))
    d = _defs(proc)
    assert [n.id for n, _ in unreachable(d)] == ["Orphan"]
    assert [n.id for n in dead_ends(d)] == ["Orphan"]


def test_boundary_event_is_reached_through_its_activity_and_leads_out_of_a_loop() -> None:
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), Task(id="Check"), Task(id="Ask"),
        BoundaryEvent(id="Late", attached_to="Check",
                      event_definitions=(EventDefinition(kind="timer"),)),
        EndEvent(id="E"), *_flows("S>Check", "Check>Ask", "Ask>Check", "Late>E")))
    d = _defs(proc)
    assert list(unreachable(d)) == []
    assert list(dead_ends(d)) == []


def test_closed_loop_without_boundary_is_a_dead_end() -> None:
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), ExclusiveGateway(id="G"), Task(id="Check"), Task(id="Ask"),
        EndEvent(id="E"), *_flows("S>G", "G>E", "G>Check", "Check>Ask", "Ask>Check")))
    assert sorted(n.id for n in dead_ends(_defs(proc))) == ["Ask", "Check"]


def test_compensation_handler_and_link_catch_are_starts() -> None:
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), Task(id="Pay"),
        BoundaryEvent(id="Comp", attached_to="Pay",
                      event_definitions=(EventDefinition(kind="compensate"),)),
        Task(id="Refund", attrs=(("isForCompensation", "true"),)), Task(id="AfterRefund"),
        IntermediateThrowEvent(id="LT", event_definitions=(
            EventDefinition(kind="link", attrs=(("name", "go"),)),)),
        IntermediateCatchEvent(id="LC", event_definitions=(
            EventDefinition(kind="link", attrs=(("name", "go"),)),)),
        EndEvent(id="E"),
        *_flows("S>Pay", "Pay>LT", "LC>E", "Refund>AfterRefund")),
        artifacts=(Association(id="as", source="Comp", target="Refund"),))
    d = _defs(proc)
    assert list(unreachable(d)) == []
    ctx = build_context(d)
    assert [f.element_id for f in _rule("STR004")(ctx)] == []
    # Comp is linked to its handler; AfterRefund really ends implicitly
    assert [f.element_id for f in _rule("STR005")(ctx)] == ["AfterRefund"]
    assert [f.element_id for f in _rule("STR027")(ctx)] == []


def test_scopes_ignore_flows_that_cross_a_sub_process_boundary() -> None:
    sub = SubProcess(id="Sub", flow_elements=(StartEvent(id="SS"), Task(id="In")))
    proc = Process(id="P", flow_elements=(StartEvent(id="S"), sub,
                                          SequenceFlow(id="x", source="S", target="In"),
                                          SequenceFlow(id="y", source="SS", target="In")))
    sc = Scopes.of(_defs(proc))
    assert sc.succ.get("S") is None
    assert sc.succ["SS"] == ["In"]


# -- flows and ids in lenient models ------------------------------------------------------


def test_flow_endpoints_built_in_code() -> None:
    lane = Lane(id="L", name="งานธุรการ", flow_node_refs=("T",))
    proc = Process(id="P", lane_sets=(LaneSet(id="LS", lanes=(lane,)),), flow_elements=(
        StartEvent(id="S"), Task(id="T"), EndEvent(id="E"),
        *_flows("S>T", "T>E", "T>L", "T>Gone")))
    collab = Collaboration(id="C", participants=(Participant(id="Pool", process_ref="P"),
                                                 Participant(id="Ext")),
                           message_flows=(MessageFlow(id="m1", source="Ext", target="T"),
                                          MessageFlow(id="m2", source="L", target="Ext")))
    d = _defs(collab, proc, lenient=True)
    assert _ids(_rule("STR008"), d) == ["f3", "f4", "m2"]


def test_duplicate_ids_from_problems_and_from_the_model_once_each() -> None:
    proc = Process(id="P", flow_elements=(StartEvent(id="S"), Task(id="T"), Task(id="T"),
                                          EndEvent(id="E"), *_flows("S>T", "T>E")))
    problems = (ModelProblem(code="duplicate-id", message="duplicate id 'T'", element_id="T",
                             line=4),
                ModelProblem(code="duplicate-id", message="duplicate id 'X'", element_id="X"))
    assert _ids(_rule("STR017"), _defs(proc, lenient=True)) == ["T"]
    assert _ids(_rule("STR017"), _defs(proc, lenient=True, problems=problems)) == ["T", "X"]


def test_dangling_references_leave_flows_to_str008() -> None:
    proc = Process(id="P", flow_elements=(StartEvent(id="S"), EndEvent(id="E"),
                                          *_flows("S>E", "S>Gone")))
    problems = (
        ModelProblem(message="'f2' targetRef points at 'Gone', which does not exist",
                     element_id="f2"),
        ModelProblem(message="'L' flowNodeRef points at 'Z', which does not exist",
                     element_id="L"),
        ModelProblem(code="schema", message="bad value", element_id="S"),
    )
    d = _defs(proc, lenient=True, problems=problems)
    assert _ids(_rule("STR018"), d) == ["L"]
    assert _ids(_rule("STR008"), d) == ["f2"]


def test_sequence_flow_between_pools() -> None:
    a = Process(id="PA", flow_elements=(Task(id="A"),))
    b = Process(id="PB", flow_elements=(Task(id="B"),
                                        SequenceFlow(id="x", source="A", target="B")))
    collab = Collaboration(id="C", participants=(Participant(id="Pa", process_ref="PA"),
                                                 Participant(id="Pb", process_ref="PB")))
    assert _ids(_rule("STR015"), _defs(collab, a, b)) == ["x"]


# -- events -----------------------------------------------------------------------------------


def _terminate_with(triggered_start: StartEvent) -> Definitions:
    esp = SubProcess(id="Esp", triggered_by_event=True, flow_elements=(
        triggered_start, EndEvent(id="EspEnd"),
        SequenceFlow(id="e1", source=triggered_start.id, target="EspEnd")))
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), Task(id="T"), esp,
        EndEvent(id="Term", event_definitions=(EventDefinition(kind="terminate"),)),
        *_flows("S>T", "T>Term")))
    return _defs(proc)


def test_termination_is_superfluous_beside_an_interrupting_event_sub_process() -> None:
    msg = (EventDefinition(kind="message"),)
    interrupting = StartEvent(id="ES", event_definitions=msg)
    non_interrupting = StartEvent(id="ES", event_definitions=msg, is_interrupting=False)
    assert _ids(_rule("STR026"), _terminate_with(interrupting)) == ["Term"]
    assert _ids(_rule("STR026"), _terminate_with(non_interrupting)) == []


def test_duplicate_link_catches_are_all_reported() -> None:
    def link(cls: Any, eid: str) -> Any:
        return cls(id=eid, event_definitions=(EventDefinition(kind="link",
                                                              attrs=(("name", "x"),)),))

    proc = Process(id="P", flow_elements=(
        link(IntermediateThrowEvent, "T1"), link(IntermediateCatchEvent, "C1"),
        link(IntermediateCatchEvent, "C2")))
    assert _ids(_rule("STR027"), _defs(proc)) == ["C1", "C2"]


def test_global_elements_kept_opaque_and_qname_references() -> None:
    signal = Opaque(tag=f"{{{BPMN}}}signal", id="Sig",
                    xml=f'<bpmn:signal xmlns:bpmn="{BPMN}" id="Sig" name="ประกาศ"/>')
    unused = Opaque(tag=f"{{{BPMN}}}signal", id="Sig2",
                    xml=f'<bpmn:signal xmlns:bpmn="{BPMN}" id="Sig2" name="ประกาศ"/>')
    choreo = Opaque(tag=f"{{{BPMN}}}choreography", id="Ch",
                    xml=f'<bpmn:choreography xmlns:bpmn="{BPMN}" id="Ch">'
                        '<bpmn:messageFlow id="mf" messageRef="M2" sourceRef="a" '
                        'targetRef="b"/></bpmn:choreography>')
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S", event_definitions=(EventDefinition(kind="signal", ref="tns:Sig"),)),
        SendTask(id="Send", attrs=(("messageRef", "M1"),)), EndEvent(id="E"),
        *_flows("S>Send", "Send>E")))
    d = _defs(Message(id="M1", name="หนังสือแจ้ง"), Message(id="M2"), signal, unused, choreo,
              proc, lenient=True)
    found = {(f.element_id, f.message_en) for f in _rule("STR031")(build_context(d))}
    assert found == {("Sig", "another signal is also named 'ประกาศ'"),
                     ("Sig2", "another signal is also named 'ประกาศ'"),
                     ("Sig2", "signal 'ประกาศ' is not used")}


# -- labels -------------------------------------------------------------------------------------


def test_label_rules_on_gateways_and_flows() -> None:
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S", name="เริ่ม"), ExclusiveGateway(id="Split"),
        ExclusiveGateway(id="Join"), UserTask(id="A", name="ก"), UserTask(id="B", name="ข"),
        EndEvent(id="E", name="จบ"),
        SequenceFlow(id="f1", source="S", target="Split", name="ส่งต่อ"),
        SequenceFlow(id="f2", source="Split", target="A", name="ใช่"),
        SequenceFlow(id="f3", source="Split", target="B", name="ไม่ใช่"),
        SequenceFlow(id="f4", source="A", target="Join"),
        SequenceFlow(id="f5", source="B", target="Join"),
        SequenceFlow(id="f6", source="Join", target="E")))
    d = _defs(proc)
    assert _ids(_rule("STR016"), d) == ["Split"]  # the join needs no label
    assert _ids(_rule("STR032"), d) == ["f1"]  # branch labels of the split are kept


# -- diagram ------------------------------------------------------------------------------------


def _shape(eid: str, x: float, y: float, w: float = 100, h: float = 80) -> Shape:
    return Shape(id=f"{eid}_di", element=eid, bounds=Bounds(x=x, y=y, width=w, height=h))


def test_diagram_missing_counts_shapes_kept_opaque() -> None:
    proc = Process(id="P", flow_elements=(StartEvent(id="S"), Task(id="T"), *_flows("S>T")))
    raw = Opaque(tag="{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape", id="T_di",
                 xml='<di:BPMNShape xmlns:di="http://www.omg.org/spec/BPMN/20100524/DI" '
                     'id="T_di" bpmnElement="T"/>')
    plane = Plane(id="PL", element="P", items=(_shape("S", 0, 0, 36, 36), raw))
    assert _ids(_rule("STR029"), _defs(proc, diagrams=(Diagram(id="D", plane=plane),))) == [
        "f1"]
    assert _ids(_rule("STR029"), _defs(proc)) == [None]


def test_overlap_only_within_one_plane_and_not_with_the_host() -> None:
    proc = Process(id="P", flow_elements=(
        Task(id="A"), Task(id="B"), BoundaryEvent(id="Bd", attached_to="A")))
    one = Plane(id="P1", element="P", items=(_shape("A", 0, 0), _shape("Bd", 80, 60, 36, 36)))
    two = Plane(id="P2", element="P", items=(_shape("B", 10, 10),))
    d = _defs(proc, diagrams=(Diagram(id="D1", plane=one), Diagram(id="D2", plane=two)))
    assert _ids(_rule("STR030"), d) == []


_box = st.builds(lambda x, y, w, h: Bounds(x=x, y=y, width=w, height=h),
                 st.integers(0, 60), st.integers(0, 60), st.integers(0, 25), st.integers(0, 25))


@settings(max_examples=200, deadline=None)
@given(st.lists(_box, max_size=14))
def test_overlap_sweep_matches_brute_force(boxes: list[Bounds]) -> None:
    named = [(b, f"n{i}") for i, b in enumerate(boxes)]
    swept = {frozenset(p) for p in overlapping_pairs(named)}
    brute = {frozenset((a_id, b_id)) for i, (a, a_id) in enumerate(named)
             for b, b_id in named[i + 1:] if a.overlaps(b)}
    assert swept == brute


# -- scale --------------------------------------------------------------------------------------


def _chain(n: int) -> Definitions:
    """A drawn process: start, ``n`` tasks in pairs behind exclusive gateways, end."""
    nodes: list[Any] = [StartEvent(id="S", name="เริ่ม")]
    flows: list[SequenceFlow] = []
    shapes: list[Shape] = [_shape("S", 0, 0, 36, 36)]
    prev = "S"
    for i in range(n // 2):
        g, a, b, j = f"G{i}", f"A{i}", f"B{i}", f"J{i}"
        nodes += [ExclusiveGateway(id=g, name=f"ข้อ {i}?"), UserTask(id=a, name=f"งาน ก {i}"),
                  UserTask(id=b, name=f"งาน ข {i}"), ExclusiveGateway(id=j)]
        flows += [SequenceFlow(id=f"{prev}-{g}", source=prev, target=g),
                  SequenceFlow(id=f"{g}-{a}", source=g, target=a, name="ใช่"),
                  SequenceFlow(id=f"{g}-{b}", source=g, target=b, name="ไม่ใช่"),
                  SequenceFlow(id=f"{a}-{j}", source=a, target=j),
                  SequenceFlow(id=f"{b}-{j}", source=b, target=j)]
        x = 100 + 400 * i
        shapes += [_shape(g, x, 20, 50, 50), _shape(a, x + 100, -80), _shape(b, x + 100, 120),
                   _shape(j, x + 250, 20, 50, 50)]
        prev = j
    nodes.append(EndEvent(id="E", name="จบ"))
    flows.append(SequenceFlow(id=f"{prev}-E", source=prev, target="E"))
    shapes.append(_shape("E", 100 + 400 * (n // 2), 20, 36, 36))
    plane = Plane(id="PL", element="P", items=tuple(shapes))
    return _defs(Process(id="P", name="ทดสอบ", flow_elements=(*nodes, *flows)),
                 diagrams=(Diagram(id="D", plane=plane),))


def _best_time(defs: Definitions, rules: Iterable[Rule], repeat: int = 3) -> float:
    ctx = build_context(defs)
    rules = tuple(rules)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        out = run_rules(ctx, rules)
        best = min(best, time.perf_counter() - start)
        assert not [f for r, f in out if r.code == "STR000"]
    return best
