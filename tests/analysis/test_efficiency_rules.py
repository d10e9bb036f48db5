"""The EFF and ODT rules: fixtures, metadata, evidence, conditions, chains and speed.

The fixture test repeats ``test_rules.py`` for these two families so that they are
checked even before the registry lists them; the other tests look at what the
fixture files cannot say (conditional flags, ``related``, messages, models built in
code, agreement with the ``visits`` metric, run time on a large generated model).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from reprocess.analysis.context import build_context
from reprocess.analysis.engine import check
from reprocess.analysis.finding import Diagnostic
from reprocess.analysis.metrics import compute_metrics, main_path
from reprocess.analysis.rule import DOC_SECTIONS, Rule
from reprocess.analysis.rules._support import find_terms, locally_negated
from reprocess.analysis.rules.efficiency import RULES as EFF_RULES
from reprocess.analysis.rules.efficiency.repeat_visits import visits_on_path
from reprocess.analysis.rules.opendata import RULES as ODT_RULES
from reprocess.io.reader import read_bpmn
from reprocess.model import (
    Definitions,
    ExclusiveGateway,
    MessageFlow,
    Participant,
    Process,
    SequenceFlow,
    StartEvent,
    UserTask,
)
from reprocess.model.elements import EndEvent, Lane, LaneSet
from reprocess.model.enums import Actor
from reprocess.model.process import Collaboration

RULES: tuple[Rule, ...] = (*EFF_RULES, *ODT_RULES)
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "rules"
EXAMPLES = ROOT / "examples" / "services"
PASSES = {
    "route-electronically", "capture-data-once", "delegate-or-parallelise-approval",
    "hold-meeting-electronically", "inspect-by-risk-or-remotely", "exchange-data-with-agency",
    "process-prerequisites-in-parallel", "publish-notice-online", "renew-by-payment",
    "request-missing-documents-once", "remove-repeat-visits", "offer-status-tracking",
    "publish-open-data",
}


def _rule(code: str) -> Rule:
    return next(r for r in RULES if r.code == code)


def _run(path: Path, code: str) -> list[Diagnostic]:
    defs = read_bpmn(path)
    result = check(defs, rules=(_rule(code),))
    assert not [d for d in result.findings if d.code == "STR000"], "the rule raised"
    return [d for d in result.findings if d.code == code]


def _fixture(code: str, name: str) -> list[Diagnostic]:
    return _run(FIXTURES / code / f"{name}.bpmn", code)


# -- fixtures --------------------------------------------------------------------------


def _cases() -> list[tuple[str, Path]]:
    return [(r.code, f) for r in RULES for f in sorted((FIXTURES / r.code).glob("*.bpmn"))]


@pytest.mark.parametrize(("code", "path"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_fixture(code: str, path: Path) -> None:
    got = sorted(f"{d.code} {d.element_id or '-'}" for d in _run(path, code))
    if path.name.startswith("valid"):
        assert got == [], f"{path.name}: unexpected {got}"
    else:
        expected_file = path.with_suffix(".expected.txt")
        expected = sorted(line.strip() for line in expected_file.read_text("utf-8").splitlines()
                          if line.strip())
        assert got == expected


# -- metadata ---------------------------------------------------------------------------


def test_codes_in_order() -> None:
    assert [r.code for r in EFF_RULES] == [f"EFF{i:03d}" for i in range(1, 13)]
    assert [r.code for r in ODT_RULES] == ["ODT001", "ODT002"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata(rule: Rule) -> None:
    assert rule.blocks is None
    assert rule.fix
    assert rule.obstacles
    assert rule.redesign
    assert set(rule.redesign) <= PASSES, rule.redesign
    assert all(re.fullmatch(r"P\d\d", p) for p in rule.patterns)
    sections = rule.doc_sections()
    assert [s for s in DOC_SECTIONS if not sections.get(s)] == []
    module = rule.check.__module__.rsplit(".", 1)[-1]
    assert module == rule.name.replace("-", "_")
    folder = FIXTURES / rule.code
    names = [p.name for p in folder.glob("*.bpmn")]
    assert any(n.startswith("valid") for n in names)
    assert any(n.startswith("invalid") for n in names)


def test_catalogue_patterns() -> None:
    expected = {"EFF001": ("P17",), "EFF002": ("P18",), "EFF003": ("P19",), "EFF004": ("P20",),
                "EFF005": ("P21",), "EFF006": ("P22",), "EFF007": ("P23",), "EFF008": ("P24",),
                "EFF009": ("P25",)}
    for code, patterns in expected.items():
        assert _rule(code).patterns == patterns
    assert set(_rule("EFF006").obstacles) == {"DATA", "LAW"}


# -- what every finding carries -----------------------------------------------------------


def _invalid_fixtures() -> list[tuple[str, Path]]:
    return [(c, p) for c, p in _cases() if p.name.startswith("invalid")]


@pytest.mark.parametrize(("code", "path"), _invalid_fixtures(),
                         ids=lambda v: getattr(v, "name", v))
def test_findings_have_evidence_and_messages(code: str, path: Path) -> None:
    for d in _run(path, code):
        assert d.evidence, f"{d.element_id}: no evidence"
        assert d.message_th
        assert d.message_en
        assert d.message_th != d.message_en
        assert d.severity.value == ("info" if code.startswith("ODT") else "warning")


def test_examples_run_without_errors() -> None:
    files = sorted(EXAMPLES.glob("*.bpmn"))
    if not files:
        pytest.skip("no example services yet")
    for path in files:
        result = check(read_bpmn(path), rules=RULES)
        assert not [d for d in result.findings if d.code == "STR000"], path.name
        assert all(d.evidence for d in result.findings)


# -- conditional findings, chains, messages -------------------------------------------------


@pytest.mark.parametrize(("code", "name"), [
    ("EFF003", "invalid-titles-one-lane"),
    ("EFF004", "invalid-conditional"),
    ("EFF007", "invalid-document"),
])
def test_conditional_wording(code: str, name: str) -> None:
    (d,) = _fixture(code, name)
    assert d.conditional


@pytest.mark.parametrize(("code", "name"), [
    ("EFF001", "invalid-memo-chain"),
    ("EFF003", "invalid-three-levels"),
    ("EFF005", "invalid-inspection"),
    ("EFF010", "invalid-missing-documents"),
    ("EFF011", "invalid-return-visits"),
])
def test_unconditional(code: str, name: str) -> None:
    assert not any(d.conditional for d in _fixture(code, name))


def test_paper_routing_reports_one_chain() -> None:
    (d,) = _fixture("EFF001", "invalid-memo-chain")
    assert d.element_id == "Task_Director"
    assert d.related == ("Task_Memo", "Task_Palad")
    assert "2" in d.message_en
    assert "ผู้อำนวยการกอง → ปลัดเทศบาล" in d.message_th
    assert any(e.source == "structure" and "Flow_4" in e.text for e in d.evidence)


def test_approval_chain_related_and_levels() -> None:
    (d,) = _fixture("EFF003", "invalid-three-levels")
    assert d.related == ("Task_Director", "Task_Palad")
    assert d.message_en.startswith("3 approval levels")


def test_notice_names_its_timer_and_days() -> None:
    (d,) = _fixture("EFF008", "invalid-notice-then-timer")
    assert d.related == ("Timer_Wait",)
    assert "30 days" in d.message_en
    assert "30 วัน" in d.message_th


def test_rework_loop_related() -> None:
    (d,) = _fixture("EFF010", "invalid-missing-documents")
    assert d.related[0] == "Gateway_Complete"
    assert "Flow_8" in d.related
    assert any("ไม่ครบ" in e.text for e in d.evidence)


def test_repeat_visits_message_counts_visits() -> None:
    (d,) = _fixture("EFF011", "invalid-return-visits")
    assert "2 times" in d.message_en
    assert "2 ครั้ง" in d.message_th
    assert d.related == ("Task_Submit",)


def test_inspection_says_applicant_present() -> None:
    found = {d.element_id: d for d in _fixture("EFF005", "invalid-inspection")}
    assert "applicant present" in found["Task_Inspect"].message_en
    assert "applicant present" not in found["Task_Machines"].message_en


def test_register_groups_references_of_one_store() -> None:
    found = {d.element_id: d for d in _fixture("ODT001", "invalid-registers")}
    assert "Store_Register_Read" in found["Store_Register"].related
    assert found["Store_Register"].severity.value == "info"


# -- models built in code ----------------------------------------------------------------


def _loop_model(back_to_applicant: bool) -> Definitions:
    applicant = Lane(id="L_App", name="ผู้ยื่นคำขอ", role=Actor.APPLICANT,
                     flow_node_refs=("S", "T_Submit", "T_Fix"))
    office = Lane(id="L_Off", name="เจ้าหน้าที่", flow_node_refs=("J", "T_Check", "G", "E"))
    if not back_to_applicant:
        applicant = applicant.model_copy(update={"flow_node_refs": ("S", "T_Submit")})
        office = office.model_copy(update={"flow_node_refs": ("J", "T_Check", "G", "T_Fix", "E")})
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), UserTask(id="T_Submit", name="ยื่นคำขอ"), ExclusiveGateway(id="J"),
        UserTask(id="T_Check", name="ตรวจสอบเอกสาร"), ExclusiveGateway(id="G", name="ครบหรือไม่"),
        UserTask(id="T_Fix", name="แก้ไขเอกสาร"), EndEvent(id="E"),
        SequenceFlow(id="f1", source="S", target="T_Submit"),
        SequenceFlow(id="f2", source="T_Submit", target="J"),
        SequenceFlow(id="f3", source="J", target="T_Check"),
        SequenceFlow(id="f4", source="T_Check", target="G"),
        SequenceFlow(id="f5", source="G", target="T_Fix", name="ไม่ครบ"),
        SequenceFlow(id="f6", source="T_Fix", target="J"),
        SequenceFlow(id="f7", source="G", target="E", name="ครบ"),
    ), lane_sets=(LaneSet(lanes=(applicant, office)),))
    return Definitions(root_elements=(proc,))


@pytest.mark.parametrize(("to_applicant", "expected"), [(True, ["T_Fix"]), (False, [])])
def test_rework_loop_in_code(to_applicant: bool, expected: list[str]) -> None:
    ctx = build_context(_loop_model(to_applicant))
    assert [f.element_id for f in _rule("EFF010")(ctx)] == expected


def test_letter_to_other_agency_in_code() -> None:
    proc = Process(id="P", flow_elements=(
        StartEvent(id="S"), UserTask(id="T_Ask", name="ส่งหนังสือ"), EndEvent(id="E"),
        SequenceFlow(id="f1", source="S", target="T_Ask"),
        SequenceFlow(id="f2", source="T_Ask", target="E")))
    collab = Collaboration(id="C", participants=(
        Participant(id="Pool_Us", name="เทศบาล", process_ref="P", role=Actor.AGENCY),
        Participant(id="Pool_Them", name="กรมเจ้าท่า", role=Actor.OTHER_AGENCY),
    ), message_flows=(MessageFlow(id="m1", source="T_Ask", target="Pool_Them"),))
    findings = list(_rule("EFF006")(build_context(Definitions(root_elements=(collab, proc)))))
    assert [(f.element_id, "กรมเจ้าท่า" in f.message_en) for f in findings] == [("T_Ask", True)]
    assert findings[0].evidence[0].element_id == "m1"


def test_statistics_in_code() -> None:
    from reprocess.model import ServiceInfo

    proc = Process(id="P", service=ServiceInfo(name="x", cases_per_year=10), flow_elements=(
        StartEvent(id="S"), UserTask(id="T", name="รับคำขอ"),
        SequenceFlow(id="f", source="S", target="T")))
    (f,) = _rule("ODT002")(build_context(Definitions(root_elements=(proc,))))
    assert f.element_id == "P"
    assert f.evidence[0].text == 'rp:casesPerYear="10"'


# -- helpers ---------------------------------------------------------------------------


def test_local_negation() -> None:
    assert find_terms("ยังไม่เผยแพร่เป็นข้อมูลเปิด", ("ข้อมูลเปิด",))[0].negated
    assert not find_terms("หากเอกสารไม่ครบ ผู้ขอต้องติดตามเรื่อง", ("ติดตามเรื่อง",))[0].negated
    assert find_terms("no need to follow up", ("follow up",))[0].negated
    ctx = build_context(Definitions(root_elements=(Process(id="P", flow_elements=(
        UserTask(id="T", name="ใบอนุญาตไม่มีวันหมดอายุ"),)),)))
    hits = ctx.step("T").all_hits("P25")
    assert hits
    assert all(locally_negated(h) for h in hits)


def test_visit_split_agrees_with_the_metric() -> None:
    files = sorted(EXAMPLES.glob("*.bpmn")) + sorted(
        (FIXTURES / "EFF011").glob("*.bpmn"))
    for path in files:
        ctx = build_context(read_bpmn(path))
        assert len(visits_on_path(ctx, main_path(ctx))) == compute_metrics(ctx).visits, path.name


# -- speed ---------------------------------------------------------------------------------


def _generator() -> object:
    path = ROOT / "benchmarks" / "generate.py"
    if not path.exists():
        pytest.skip("benchmarks/generate.py not found")
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module
