"""The engine: internal errors, severity policy, waivers, sidecars, presets, classification
precedence, and order-insensitivity (a property)."""

from __future__ import annotations

import itertools
import pkgutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import reprocess.analysis.rules as rules_pkg
from reprocess.analysis.config import Config, Sidecar, Waiver
from reprocess.analysis.context import build_context
from reprocess.analysis.engine import check
from reprocess.analysis.finding import FindingStatus, Severity
from reprocess.analysis.presets import PRESETS, preset_codes, select_rules
from reprocess.analysis.rule import Rule, rule
from reprocess.analysis.rules import ALL_RULES, get_rule
from reprocess.model import (
    Channel,
    Definitions,
    EndEvent,
    EServiceLevel,
    Medium,
    Process,
    SequenceFlow,
    StartEvent,
    StepFacts,
    UserTask,
)
from reprocess.settings import load_sidecar


def _service(*labels: str, facts: dict[str, StepFacts] | None = None) -> Definitions:
    tasks = [UserTask(id=f"T{i}", name=label, facts=(facts or {}).get(f"T{i}"))
             for i, label in enumerate(labels)]
    ids = ["S", *[t.id for t in tasks], "E"]
    flows = [SequenceFlow(id=f"f{i}", source=a, target=b)
             for i, (a, b) in enumerate(itertools.pairwise(ids))]
    return Definitions(root_elements=(Process(id="P", flow_elements=(
        StartEvent(id="S", name="เริ่ม"), *tasks, EndEvent(id="E", name="จบ"), *flows)),))


PAPER = _service("ยื่นคำขอ ณ เคาน์เตอร์", "ชำระค่าธรรมเนียมเป็นเงินสด", "มารับใบอนุญาตด้วยตนเอง")


def test_a_failing_rule_is_an_internal_error_and_the_others_still_run() -> None:
    @rule(code="EFF998", name="broken-rule", title="Always fails", blocks=None)
    def broken(ctx: object) -> list[object]:
        raise RuntimeError("boom")

    pay = get_rule("PAY001")
    result = check(PAPER, rules=(broken, pay))
    codes = [d.code for d in result.findings]
    assert "STR000" in codes
    assert "PAY001" in codes
    internal = next(d for d in result.findings if d.code == "STR000")
    assert "EFF998" in internal.message_en
    assert "boom" in internal.message_en
    assert internal.severity is Severity.ERROR


def test_severity_follows_the_target_level() -> None:
    at_l3 = {d.code: d.severity for d in check(PAPER).findings}
    at_l1 = {d.code: d.severity for d in check(PAPER, config=Config(target="L1")).findings}
    assert at_l3["ISS001"] is Severity.ERROR
    assert at_l1["ISS001"] is Severity.WARNING
    assert at_l1["APP001"] is Severity.ERROR
    override = Config(severity={"PAY": Severity.INFO})
    assert {d.code: d.severity for d in check(PAPER, config=override).findings}[
        "PAY001"] is Severity.INFO


def test_waivers_from_config_and_sidecar(tmp_path: Path) -> None:
    cfg = Config(waivers=(Waiver(code="PAY001", element="T1", reason="เงินสดตามระเบียบ"),))
    result = check(PAPER, config=cfg)
    pay = next(d for d in result.findings if d.code == "PAY001")
    assert pay.status is FindingStatus.WAIVED
    assert pay.waiver_reason == "เงินสดตามระเบียบ"
    assert pay not in result.open_findings()
    side = tmp_path / "s.reprocess.toml"
    side.write_text('[[waivers]]\ncode = "ISS"\nreason = "ยังไม่พร้อม"\n', encoding="utf-8")
    result = check(PAPER, sidecar=load_sidecar(side))
    assert all(d.status is FindingStatus.WAIVED for d in result.findings
               if d.code.startswith("ISS"))


def test_sidecar_facts_win_over_the_file_and_the_lexicon(tmp_path: Path) -> None:
    defs = _service("ยื่นคำขอ", facts={"T0": StepFacts(channel=Channel.COUNTER)})
    ctx = build_context(defs)
    assert ctx.step("T0").channel is Channel.COUNTER
    assert ctx.step("T0").evidence["channel"][0].source == "annotation"
    side = Sidecar.model_validate({"steps": {"T0": {"channel": "online",
                                                    "medium": "electronic"}}})
    ctx = build_context(defs, sidecar=side)
    assert ctx.step("T0").channel is Channel.ONLINE
    assert ctx.step("T0").medium is Medium.ELECTRONIC
    assert ctx.step("T0").evidence["channel"][0].source == "sidecar"
    assert check(defs, sidecar=side).assessment.can_apply_online  # type: ignore[union-attr]


def test_annotation_beats_paper_wording() -> None:
    online = _service("ยื่นแบบคำขอ ณ เคาน์เตอร์",
                      facts={"T0": StepFacts(channel=Channel.ONLINE, medium=Medium.ELECTRONIC)})
    assert check(online).assessment.level is EServiceLevel.L3  # type: ignore[union-attr]


def test_zero_width_and_thai_digits_do_not_hide_a_blocker() -> None:
    tricky = _service("ชำระค่าธรรมเนียม ๕๐ บาท เป็นเงิน\u200bสด")
    result = check(tricky)
    assert [d.code for d in result.findings if d.code.startswith("PAY")] == ["PAY001"]
    assert result.assessment.metrics.fees_baht == 50  # type: ignore[union-attr]


def test_presets_are_subsets_of_all_and_every_rule_module_is_registered() -> None:
    every = preset_codes("all", ALL_RULES)
    for name in PRESETS:
        assert preset_codes(name, ALL_RULES) <= every
    modules = [m.name for pkg in pkgutil.iter_modules(rules_pkg.__path__)
               for m in pkgutil.iter_modules([str(Path(rules_pkg.__path__[0]) / pkg.name)])
               if not m.name.startswith("_")]
    assert len(modules) == len(ALL_RULES)
    assert all(isinstance(r, Rule) for r in ALL_RULES)
    assert [r.code for r in select_rules(ALL_RULES, select=("PAY",))] == [
        "PAY001", "PAY002", "PAY003"]
    assert "PAY002" not in [r.code for r in select_rules(ALL_RULES, ignore=("PAY002",))]


LABELS = ["ยื่นคำขอ ณ เคาน์เตอร์", "ตรวจสอบเอกสาร", "ชำระเงินสด ณ งานการเงิน",
          "นายทะเบียนลงนาม", "รับใบอนุญาต", "ยื่นคำขอผ่านระบบออนไลน์", "ชำระผ่าน QR พร้อมเพย์",
          "ส่งใบอนุญาตอิเล็กทรอนิกส์ทางอีเมล", "แจ้งผลเป็นหนังสือทางไปรษณีย์"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(LABELS), min_size=1, max_size=6), st.randoms())
def test_findings_do_not_depend_on_element_order(labels: list[str], rnd: object) -> None:
    defs = _service(*labels)
    process = defs.processes[0]
    shuffled = list(process.flow_elements)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    other = Definitions(root_elements=(process.model_copy(
        update={"flow_elements": tuple(shuffled)}),))
    a, b = check(defs), check(other)
    assert a.assessment.level == b.assessment.level  # type: ignore[union-attr]
    key = sorted((d.code, d.element_id or "") for d in a.findings)
    assert key == sorted((d.code, d.element_id or "") for d in b.findings)
