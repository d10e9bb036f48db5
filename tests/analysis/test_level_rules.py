"""The level rules (APP blocks L1, PAY blocks L2, ISS blocks L3): fixtures, metadata, and
what the fixture files cannot say (evidence, messages, blocking, conditional, related,
applicant lane versus applicant pool, digital wording, run time on a large model).

The fixture test repeats ``test_rules.py`` for the three families so that they are
checked even before the registry lists them.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from reprocess.analysis.engine import check
from reprocess.analysis.finding import Diagnostic
from reprocess.analysis.rule import DOC_SECTIONS, Rule
from reprocess.analysis.rules._level import show
from reprocess.analysis.rules.application import RULES as APP_RULES
from reprocess.analysis.rules.issuance import RULES as ISS_RULES
from reprocess.analysis.rules.payment import RULES as PAY_RULES
from reprocess.io import parse_bpmn, read_bpmn
from reprocess.model import (
    DataAssociation,
    DataObjectReference,
    Definitions,
    DocumentFacts,
    EndEvent,
    Lane,
    LaneSet,
    ManualTask,
    MessageFlow,
    Participant,
    Process,
    ReceiveTask,
    SequenceFlow,
    StartEvent,
    StepFacts,
    UserTask,
)
from reprocess.model.enums import Actor, Channel, EServiceLevel, ObstacleCategory
from reprocess.model.process import Collaboration

RULES: tuple[Rule, ...] = (*APP_RULES, *PAY_RULES, *ISS_RULES)
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "rules"
EXAMPLES = ROOT / "examples" / "services"
PASSES = {
    "offer-online-application", "use-digital-id", "fetch-state-data-by-linkage",
    "accept-e-signature", "accept-e-consent", "accept-digital-attachments", "offer-e-payment",
    "use-e-stamp-duty", "pay-on-approval-online", "issue-e-document", "notify-electronically",
    "allow-electronic-display",
}
CATALOGUE = {
    "APP001": ("paper-application-at-counter", ("P01", "P10")),
    "APP002": ("personal-appearance-required", ("P02",)),
    "APP003": ("state-document-copy-requested", ("P03",)),
    "APP004": ("state-issued-document-requested", ("P04",)),
    "APP005": ("certified-copy-required", ("P05",)),
    "APP006": ("wet-ink-signature-required", ("P06",)),
    "APP007": ("third-party-paper-document", ("P07",)),
    "APP008": ("paper-only-attachment", ("P08",)),
    "APP009": ("submission-by-post-or-fax", ("P09",)),
    "APP010": ("printed-form-download", ("P26",)),
    "PAY001": ("cash-payment-at-counter", ("P11",)),
    "PAY002": ("revenue-stamp-required", ("P12",)),
    "PAY003": ("payment-on-second-visit", ("P13",)),
    "ISS001": ("paper-result-collected", ("P14",)),
    "ISS002": ("result-notified-by-letter", ("P15",)),
    "ISS003": ("physical-display-required", ("P16",)),
}


def _rule(code: str) -> Rule:
    return next(r for r in RULES if r.code == code)


def _findings(defs: Definitions, *codes: str) -> list[Diagnostic]:
    rules = tuple(r for r in RULES if not codes or r.code in codes)
    result = check(defs, rules=rules)
    assert not [d for d in result.findings if d.code == "STR000"], "a rule raised"
    return [d for d in result.findings if d.code[:3] in ("APP", "PAY", "ISS")]


# -- fixtures --------------------------------------------------------------------------


def _cases() -> list[tuple[str, Path]]:
    return [(r.code, f) for r in RULES for f in sorted((FIXTURES / r.code).glob("*.bpmn"))]


@pytest.mark.parametrize(("code", "path"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_fixture(code: str, path: Path) -> None:
    defs = read_bpmn(path, lenient="lenient" in path.stem)
    result = check(defs, rules=(_rule(code),))
    assert not [d for d in result.findings if d.code == "STR000"], "the rule raised"
    got = sorted(f"{d.code} {d.element_id or '-'}" for d in result.findings if d.code == code)
    if path.name.startswith("valid"):
        assert got == [], f"{path.name}: unexpected {got}"
    else:
        expected_file = path.with_suffix(".expected.txt")
        assert expected_file.exists(), f"missing {expected_file.name}"
        expected = sorted(line.strip() for line in expected_file.read_text("utf-8").splitlines()
                          if line.strip())
        assert got == expected


def test_fixtures_cover_thai_text_quirks() -> None:
    """Every rule has a fixture whose Thai label has a zero-width space or Thai digits."""
    for r in RULES:
        texts = [p.read_text("utf-8") for p in (FIXTURES / r.code).glob("*.bpmn")]
        assert any("\u200b" in t or re.search("[๐-๙]", t) for t in texts), r.code


# -- metadata ---------------------------------------------------------------------------


def test_codes_in_order() -> None:
    assert [r.code for r in APP_RULES] == [f"APP{i:03d}" for i in range(1, 11)]
    assert [r.code for r in PAY_RULES] == ["PAY001", "PAY002", "PAY003"]
    assert [r.code for r in ISS_RULES] == ["ISS001", "ISS002", "ISS003"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata(rule: Rule) -> None:
    name, patterns = CATALOGUE[rule.code]
    assert rule.name == name
    assert rule.patterns == patterns
    level = {"APP": EServiceLevel.L1, "PAY": EServiceLevel.L2, "ISS": EServiceLevel.L3}
    assert rule.blocks is level[rule.family]
    assert rule.fix
    assert rule.obstacles
    assert rule.redesign
    assert set(rule.redesign) <= PASSES, rule.redesign
    sections = rule.doc_sections()
    assert [s for s in DOC_SECTIONS if not sections.get(s)] == []
    assert rule.check.__module__.rsplit(".", 1)[-1] == rule.name.replace("-", "_")


def test_physical_display_is_a_legal_obstacle() -> None:
    assert _rule("ISS003").obstacles == (ObstacleCategory.LAW,)


# -- models built in code ---------------------------------------------------------------


def _lane_model(applicant: list[UserTask | ManualTask], agency: list[UserTask | ManualTask],
                docs: tuple[DataObjectReference, ...] = ()) -> Definitions:
    """One pool: start, the applicant's tasks, the agency's tasks, end, chained."""
    nodes = [StartEvent(id="Start"), *applicant, *agency, EndEvent(id="End")]
    flows = [SequenceFlow(id=f"F{i}", source=a.id, target=b.id)
             for i, (a, b) in enumerate(itertools.pairwise(nodes))]
    lanes = LaneSet(lanes=(
        Lane(id="L_App", name="ผู้ยื่นคำขอ", role=Actor.APPLICANT,
             flow_node_refs=("Start", *(t.id for t in applicant), "End")),
        Lane(id="L_Agency", name="เจ้าหน้าที่", flow_node_refs=tuple(t.id for t in agency)),
    ))
    return Definitions(root_elements=(Process(
        id="P", flow_elements=(*nodes, *flows, *docs), lane_sets=(lanes,)),))


def _reads(*doc_ids: str) -> tuple[DataAssociation, ...]:
    return tuple(DataAssociation(sources=(d,)) for d in doc_ids)


def _pool_model(applicant: list[UserTask | ManualTask | ReceiveTask],
                agency: list[UserTask | ManualTask | ReceiveTask],
                messages: list[tuple[str, str, str]]) -> Definitions:
    """An applicant pool and an agency pool, each chained, with message flows."""

    def proc(pid: str, prefix: str, tasks: list[UserTask | ManualTask | ReceiveTask]) -> Process:
        nodes = [StartEvent(id=f"{prefix}_Start"), *tasks, EndEvent(id=f"{prefix}_End")]
        flows = [SequenceFlow(id=f"{prefix}_F{i}", source=a.id, target=b.id)
                 for i, (a, b) in enumerate(itertools.pairwise(nodes))]
        return Process(id=pid, flow_elements=(*nodes, *flows))

    collab = Collaboration(id="C", participants=(
        Participant(id="Pool_App", name="ผู้ขอ", process_ref="P_App", role=Actor.APPLICANT),
        Participant(id="Pool_Agency", name="เทศบาล", process_ref="P_Agency", role=Actor.AGENCY),
    ), message_flows=tuple(MessageFlow(id=f"M{i}", source=s, target=t, name=n)
                           for i, (s, t, n) in enumerate(messages)))
    return Definitions(root_elements=(collab, proc("P_App", "A", applicant),
                                      proc("P_Agency", "G", agency)))


def test_counter_application_in_an_applicant_lane_and_in_an_applicant_pool() -> None:
    lane = _lane_model([UserTask(id="Submit", name="ยื่นคำขอ ณ เคาน์เตอร์")],
                       [UserTask(id="Check", name="ตรวจสอบเอกสาร")])
    pool = _pool_model([ManualTask(id="Submit", name="ยื่นคำขอ ณ เคาน์เตอร์")],
                       [UserTask(id="Receive", name="รับคำขอ ณ เคาน์เตอร์",
                                 facts=StepFacts(kind="submit"))],
                       [("Submit", "Receive", "คำขอ")])
    for defs in (lane, pool):
        found = _findings(defs, "APP001")
        assert [(d.element_id, d.blocking) for d in found] == [("Submit", True)]
    # in the pool model the officer's receiving step is the same visit, reported once
    (d,) = _findings(pool, "APP001")
    assert "Receive" in d.related


def test_evidence_quotes_its_source() -> None:
    defs = _lane_model([UserTask(id="Submit", name="ยื่นคำขอ", facts=StepFacts(
        channel=Channel.COUNTER))], [])
    (d,) = _findings(defs, "APP001")
    sources = {e.source for e in d.evidence}
    assert {"annotation", "lexicon"} <= sources
    assert any(e.text == 'rp:channel="counter"' for e in d.evidence)
    assert any(e.text.startswith("«ยื่นคำขอ» in “") for e in d.evidence)


def test_messages_name_the_step_and_the_fact() -> None:
    defs = _lane_model([UserTask(id="Pay", name="ชำระค่าธรรมเนียม เป็นเงินสด ณ งานการเงิน")], [])
    (d,) = _findings(defs, "PAY001")
    assert "'ชำระค่าธรรมเนียม เป็นเงินสด ณ งานการเงิน'" in d.message_th
    assert "เงินสด" in d.message_th
    assert "งานการเงิน" in d.message_th
    assert d.message_en.startswith("'ชำระค่าธรรมเนียม เป็นเงินสด ณ งานการเงิน' takes the fee in cash")


@pytest.mark.parametrize(("text", "paper", "code"), [
    ("ยื่นคำขอผ่านระบบออนไลน์", "ยื่นคำขอ ณ เคาน์เตอร์", "APP001"),
    ("ชำระค่าธรรมเนียมผ่าน QR พร้อมเพย์", "ชำระค่าธรรมเนียมเป็นเงินสด", "PAY001"),
    ("ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์", "มารับหนังสือรับรอง", "ISS001"),
    ("ยื่นคำขอ ไม่ต้องใช้สำเนาบัตรประชาชน", "ยื่นคำขอพร้อมสำเนาบัตรประชาชน", "APP003"),
    ("ลงลายมือชื่ออิเล็กทรอนิกส์ในคำขอ", "ลงลายมือชื่อในคำขอ", "APP006"),
])
def test_digital_wording_silences_the_rule(text: str, paper: str, code: str) -> None:
    def run(name: str) -> list[str]:
        defs = _lane_model([UserTask(id="T", name=name)], [UserTask(id="Check", name="ตรวจสอบ")])
        return [d.code for d in _findings(defs, code) if d.element_id == "T"]

    assert run(paper) == [code]  # the same step on paper is reported ...
    assert run(text) == []  # ... and the digital wording silences it


@pytest.mark.parametrize("text", [
    "ยื่นคำขอ ณ เคาน์เตอร์", "ชำระเงินสด ณ งานการเงิน", "รับใบอนุญาต ณ สำนักงาน",
    "ลงลายมือชื่อในคำขอ", "มาแสดงตนต่อหน้าเจ้าหน้าที่",
])
def test_online_annotation_wins_over_paper_wording(text: str) -> None:
    defs = _lane_model([UserTask(id="T", name=text, facts=StepFacts(channel=Channel.ONLINE))], [])
    assert [d.code for d in _findings(defs) if d.element_id == "T"] == []


def test_copy_uploaded_online_is_reported_but_does_not_block() -> None:
    doc = DataObjectReference(id="Copy", name="สำเนาทะเบียนบ้าน",
                              document=DocumentFacts(copies=1))
    online = _lane_model([UserTask(id="Submit", name="ยื่นคำขอผ่านระบบ", data_inputs=_reads("Copy"))],
                         [], docs=(doc,))
    (d,) = _findings(online, "APP003")
    assert (d.element_id, d.blocking, d.related) == ("Copy", False, ("Submit",))
    assert "uploaded online" in d.message_en


def test_copy_brought_on_a_trip_of_its_own_blocks() -> None:
    doc = DataObjectReference(id="Copy", name="สำเนาทะเบียนบ้าน",
                              document=DocumentFacts(copies=1))
    defs = _lane_model([UserTask(id="Submit", name="ยื่นคำขอผ่านระบบ"),
                        ManualTask(id="Bring", name="นำเอกสารมาส่ง ณ สำนักงาน",
                                   data_inputs=_reads("Copy"))], [], docs=(doc,))
    (d,) = _findings(defs, "APP003")
    assert (d.element_id, d.blocking) == ("Copy", True)


def test_state_document_names_its_source_agency() -> None:
    doc = DataObjectReference(id="Deed", name="โฉนดที่ดินฉบับจริง",
                              document=DocumentFacts(originals=1, issuer="กรมที่ดิน"))
    defs = _lane_model([UserTask(id="Submit", name="ยื่นคำขอ ณ สำนักงาน",
                                 data_inputs=_reads("Deed"))], [], docs=(doc,))
    (d,) = _findings(defs, "APP004")
    assert d.element_id == "Deed"
    assert d.blocking
    assert "กรมที่ดิน" in d.message_th
    assert "Department of Lands" in d.message_en


def test_conditional_document_is_reported_as_conditional() -> None:
    doc = DataObjectReference(id="POA", name="หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท",
                              document=DocumentFacts(condition="กรณีมอบอำนาจ"))
    defs = _lane_model([UserTask(id="Submit", name="ยื่นคำขอ ณ เคาน์เตอร์",
                                 data_inputs=_reads("POA"))], [], docs=(doc,))
    found = {d.code: d for d in _findings(defs, "APP007", "PAY002")}
    assert set(found) == {"APP007", "PAY002"}
    assert all(d.conditional and d.element_id == "POA" for d in found.values())
    assert found["PAY002"].blocks is EServiceLevel.L2


def test_official_signature_is_not_the_applicants() -> None:
    defs = _lane_model([UserTask(id="Submit", name="นายทะเบียนลงนามในคำขอ ณ เคาน์เตอร์")], [])
    assert _findings(defs, "APP006") == []


def test_appearance_after_the_decision_does_not_block() -> None:
    defs = _lane_model(
        [UserTask(id="Submit", name="ยื่นคำขอผ่านระบบ")],
        [UserTask(id="Decide", name="พิจารณาอนุมัติ", facts=StepFacts(kind="approve"))])
    report = ManualTask(id="Report", name="รายงานตัวด้วยตนเอง ณ สำนักงาน")
    nodes = [*defs.processes[0].flow_elements]
    nodes = [n for n in nodes if not isinstance(n, SequenceFlow)]
    order = ["Start", "Submit", "Decide", "Report", "End"]
    flows = [SequenceFlow(id=f"F{i}", source=a, target=b)
             for i, (a, b) in enumerate(itertools.pairwise(order))]
    lanes = LaneSet(lanes=(
        Lane(id="L_App", name="ผู้ยื่นคำขอ", role=Actor.APPLICANT,
             flow_node_refs=("Start", "Submit", "Report", "End")),
        Lane(id="L_Agency", name="เจ้าหน้าที่", flow_node_refs=("Decide",))))
    defs = Definitions(root_elements=(Process(id="P", flow_elements=(*nodes, report, *flows),
                                              lane_sets=(lanes,)),))
    (d,) = _findings(defs, "APP002")
    assert (d.element_id, d.blocking) == ("Report", False)


def test_cash_payment_reported_once_across_pools() -> None:
    defs = _pool_model(
        [UserTask(id="Submit", name="ยื่นคำขอผ่านระบบ"),
         ManualTask(id="Pay", name="ชำระค่าธรรมเนียม", facts=StepFacts(fee=100))],
        [UserTask(id="Cashier", name="รับชำระเงินและออกใบเสร็จรับเงิน")],
        [("Submit", "G_Start", "คำขออิเล็กทรอนิกส์"), ("Pay", "Cashier", "ค่าธรรมเนียม")])
    (d,) = _findings(defs, "PAY001")
    assert d.element_id == "Pay"
    assert "Cashier" in d.related


def test_printed_form_blocks_only_when_no_submission_carries_it() -> None:
    alone = _lane_model([ManualTask(id="Form", name="ดาวน์โหลดแบบฟอร์ม กรอกแล้วนำมายื่น")], [])
    (d,) = _findings(alone, "APP010")
    assert d.blocking
    counter = _lane_model([ManualTask(id="Form", name="ดาวน์โหลดแบบฟอร์ม พิมพ์ และกรอก"),
                           UserTask(id="Lodge", name="ยื่นคำขอ ณ เคาน์เตอร์")], [])
    by_code = {d.code: d for d in _findings(counter)}
    assert not by_code["APP010"].blocking
    assert by_code["APP010"].related == ("Lodge",)
    assert by_code["APP001"].element_id == "Lodge"
    assert by_code["APP001"].blocking


def test_one_finding_per_element_per_rule_on_the_examples() -> None:
    files = sorted(EXAMPLES.glob("*.bpmn"))
    if not files:
        pytest.skip("no example services")
    for path in files:
        found = _findings(read_bpmn(path))
        keys = [(d.code, d.element_id) for d in found]
        assert len(keys) == len(set(keys)), path.name
        for d in found:
            assert d.evidence, (path.name, d.code, d.element_id)
            if d.element_name:  # the message names the step or document, in both languages
                name = show(d.element_name)
                assert name in d.message_th, (path.name, d.code, d.element_id)
                assert name in d.message_en, (path.name, d.code, d.element_id)


# -- a large generated model (the timing itself is in benchmarks/) ----------------------


def _generator() -> Any:
    path = ROOT / "benchmarks" / "generate.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("reprocess_bench_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_level_rules_on_a_generated_service() -> None:
    gen = _generator()
    if gen is None:
        pytest.skip("benchmarks/generate.py is missing")
    data = gen.generate(2_000, seed=0)
    first = _findings(parse_bpmn(data))
    again = _findings(parse_bpmn(data))
    assert first, "the generated service has paper steps"
    assert [(d.code, d.element_id) for d in first] == [(d.code, d.element_id) for d in again]
