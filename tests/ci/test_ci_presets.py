"""The ``submission`` preset end to end, and ``reprocess rules``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ci_helpers import EXAMPLES, ROOT, json_report

from reprocess.analysis.presets import PRESETS, SUBMISSION, preset_codes
from reprocess.analysis.rules import ALL_RULES
from reprocess.cli import cmd_check
from reprocess.cli.main import main


def test_submission_is_recommended_plus_the_submission_checks() -> None:
    recommended = preset_codes("recommended", ALL_RULES)
    submission = preset_codes("submission", ALL_RULES)
    present = {r.code for r in ALL_RULES} & SUBMISSION
    assert {"STR040", "STR041", "STR042", "STR043"} == SUBMISSION
    assert not recommended & SUBMISSION
    assert submission == recommended | present
    assert present == SUBMISSION, "the submission rules STR040-STR043 are registered"
    for name in PRESETS:
        assert preset_codes(name, ALL_RULES) <= preset_codes("all", ALL_RULES)
    assert not preset_codes("level-3", ALL_RULES) & SUBMISSION


def test_command_line_presets_match_the_registry() -> None:
    assert cmd_check.PRESET_NAMES == PRESETS


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
def test_submission_preset_on_the_examples() -> None:
    code, plain = json_report(str(EXAMPLES), "--no-config")
    sub_code, sub = json_report(str(EXAMPLES), "--no-config", "--preset", "submission")
    assert code == sub_code == 1
    plain_codes = {d["code"] for f in plain["files"] for d in f["findings"]}
    sub_codes = {d["code"] for f in sub["files"] for d in f["findings"]}
    assert not plain_codes & SUBMISSION
    assert sub_codes & SUBMISSION
    assert plain_codes <= sub_codes
    for f_plain, f_sub in zip(plain["files"], sub["files"], strict=True):
        extra = [d for d in f_sub["findings"] if d["code"] in SUBMISSION]
        assert len(f_sub["findings"]) == len(f_plain["findings"]) + len(extra)
        for d in extra:
            assert d["severity"] == "warning"
            assert d["blocks"] is None
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(sub, schema)


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
def test_a_reviewer_can_make_the_submission_checks_fail(tmp_path: Path) -> None:
    model = tmp_path / "m.bpmn"
    model.write_bytes((EXAMPLES / "e1-commercial-registration.bpmn").read_bytes())
    code, data = json_report(str(model), "--no-config", "--select", "STR04")
    found = {d["code"] for d in data["files"][0]["findings"]}
    assert found
    assert found <= SUBMISSION
    assert code == 0  # warnings by default
    code, _ = json_report(str(model), "--no-config", "--select", "STR04", "--fail-on", "warning")
    assert code == 1
    (tmp_path / "reprocess.toml").write_text(
        'preset = "submission"\n[severity]\nSTR04 = "error"\n', encoding="utf-8")
    code, data = json_report(str(model), "--select", "STR04")
    assert code == 1
    assert {d["severity"] for d in data["files"][0]["findings"]} == {"error"}


def test_rules_lists_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    for r in ALL_RULES:
        assert r.code in listing
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == [r.code for r in ALL_RULES]
    by_code = {d["code"]: d for d in data}
    assert by_code["STR040"]["recommended"] is False
    assert by_code["PAY001"]["recommended"] is True
    assert main(["rules", "str040"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# STR040 service-header-missing")
    assert main(["rules", "cash-payment-at-counter"]) == 0
    assert capsys.readouterr().out.startswith("# PAY001")
    assert main(["rules", "NOPE01"]) == 2
    assert "no rule 'NOPE01'" in capsys.readouterr().err
