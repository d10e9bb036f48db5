"""``reprocess check --format sarif``: valid SARIF 2.1.0, rules, locations, fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ci_helpers import E1, E10, E11, EXAMPLES, copy_examples, run, validate_sarif

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import Diagnostic, Evidence, FindingStatus, Severity
from reprocess.cli.main import main
from reprocess.formats import FileContext, FormatContext
from reprocess.formats.sarif import UNREADABLE_CODE, fingerprint, format_sarif

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--format", "sarif", "--no-config", "--jobs", "1"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_examples(tmp_path / "models")


def test_examples_give_a_valid_sarif_log(models: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, log = sarif(capsys, "models")
    assert code == 1
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["tool"]["driver"]["name"] == "reprocess"
    assert run_["invocations"] == [{"executionSuccessful": True}]
    assert len(run_["artifacts"]) == 11
    assert run_["results"]


def test_rules_carry_their_documentation(models: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _, log = sarif(capsys, "models")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    by_id = {r["id"]: r for r in rules}
    pay = by_id["PAY001"]
    assert pay["name"] == "cash-payment-at-counter"
    assert pay["shortDescription"]["text"]
    assert pay["fullDescription"]["text"]
    assert pay["help"]["markdown"].startswith("# PAY001 cash-payment-at-counter")
    assert "## Why it matters" in pay["help"]["markdown"]
    assert pay["help"]["text"] == pay["help"]["markdown"]
    props = pay["properties"]
    assert props["blocks"] == "L2"
    assert isinstance(props["obstacles"], list)
    assert isinstance(props["patterns"], list)
    assert "PAY" in props["tags"]
    assert "blocks-L2" in props["tags"]
    assert "informationUri" not in log["runs"][0]["tool"]["driver"]
    # every rule that ran is listed, not only those that found something
    assert "STR001" in by_id


def test_results_point_at_file_line_and_element(models: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _, log = sarif(capsys, "models")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    main(["check", "models", "--format", "json", "--no-config", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    expected = [(f["path"], d["code"], d["line"], d["element_id"], d["severity"])
                for f in report["files"] for d in f["findings"]]
    results = log["runs"][0]["results"]
    assert len(results) == len(expected)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, (path, code, line, element, severity) in zip(results, expected, strict=True):
        assert result["ruleId"] == code
        assert rules[result["ruleIndex"]]["id"] == code
        assert result["level"] == levels[severity]
        assert result["message"]["text"]
        (loc,) = result["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == path == f"models/{Path(path).name}"
        if line is None:
            assert "region" not in phys
        else:
            assert phys["region"] == {"startLine": line}
            assert line >= 1
        if element:
            (logical,) = loc["logicalLocations"]
            assert logical["name"] == element
            assert logical["kind"] == "element"
            assert logical["fullyQualifiedName"].endswith(element)
        assert "baselineState" not in result
    qualified = [loc["logicalLocations"][0]["fullyQualifiedName"] for r in results
                 for loc in r["locations"] if "logicalLocations" in loc]
    assert any("/" in q for q in qualified)  # process/element for flow nodes
    assert "startColumn" not in json.dumps(log)


def test_absolute_paths_become_relative_uris(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_examples(tmp_path / "deep" / "ที่ดิน models", E10)
    monkeypatch.chdir(tmp_path)
    _, log = sarif(capsys, str(folder / E10))
    uri = log["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri == "deep/%E0%B8%97%E0%B8%B5%E0%B9%88%E0%B8%94%E0%B8%B4%E0%B8%99%20models/" + E10
    validate_sarif(log)


def _fingerprints(log: dict[str, Any]) -> dict[str, int | None]:
    out = {}
    for r in log["runs"][0]["results"]:
        phys = r["locations"][0]["physicalLocation"]
        out[r["partialFingerprints"]["reprocess/v1"]] = phys.get("region", {}).get("startLine")
    return out


def test_fingerprints_do_not_depend_on_the_line(models: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = models / E1
    _, before = sarif(capsys, str(path))
    text = path.read_text("utf-8")
    head, rest = text.split("\n", 1)
    path.write_text(head + "\n<!-- moved -->\n\n\n" + rest, encoding="utf-8")
    _, after = sarif(capsys, str(path))
    fp_before, fp_after = _fingerprints(before), _fingerprints(after)
    assert len(fp_before) == len(before["runs"][0]["results"])  # unique in the file
    assert set(fp_before) == set(fp_after)
    moved = {fp: line for fp, line in fp_before.items() if line is not None}
    assert moved
    assert all(fp_after[fp] == line + 3 for fp, line in moved.items())


def test_fingerprint_function() -> None:
    a = fingerprint("APP001", "m/a.bpmn", "T1", "paper form at the counter")
    assert a == fingerprint("APP001", "m/a.bpmn", "T1", "Paper  form at the COUNTER")
    assert a != fingerprint("APP002", "m/a.bpmn", "T1", "paper form at the counter")
    assert a != fingerprint("APP001", "m/a.bpmn", "T2", "paper form at the counter")
    assert a != fingerprint("APP001", "m/a.bpmn", "T1", "paper form by post")


def test_waived_findings_are_suppressed_with_the_reason(
        models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, log = sarif(capsys, str(models / E1))
    first = next(r for r in log["runs"][0]["results"] if r["level"] == "error")
    element = first["locations"][0]["logicalLocations"][0]["name"]
    waivers = models / "waivers.toml"
    waivers.write_text(f'[[waivers]]\ncode = "{first["ruleId"]}"\nelement = "{element}"\n'
                       'reason = "ต้องใช้ตามกฎกระทรวง"\n', encoding="utf-8")
    _, log = sarif(capsys, str(models / E1), "--waivers", str(waivers))
    validate_sarif(log)
    waived = [r for r in log["runs"][0]["results"] if r["ruleId"] == first["ruleId"]
              and r["locations"][0]["logicalLocations"][0]["name"] == element]
    assert waived
    for r in waived:
        assert r["suppressions"] == [{"kind": "external", "status": "accepted",
                                      "justification": "ต้องใช้ตามกฎกระทรวง"}]
        assert r["properties"]["status"] == "waived"
    open_ = [r for r in log["runs"][0]["results"] if "suppressions" not in r]
    assert all(r["properties"]["status"] == "open" for r in open_)


def test_alternative_channel_findings_are_suppressed(
        models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, log = sarif(capsys, str(models / E11))
    alt = [r for r in log["runs"][0]["results"]
           if r["properties"]["status"] == "alternative-channel"]
    assert alt
    assert all(r["suppressions"][0]["justification"].startswith("alternative channel")
               for r in alt)


def test_unreadable_file_is_a_notification_and_a_result(
        models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = models / "broken.bpmn"
    bad.write_text("<definitions>\n  <oops\n", encoding="utf-8")
    code, log = sarif(capsys, "models")
    assert code == 2
    validate_sarif(log)
    (run_,) = log["runs"]
    (invocation,) = run_["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "broken.bpmn" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "models/broken.bpmn"
    assert run_["tool"]["driver"]["rules"][note["associatedRule"]["index"]]["id"] == \
        UNREADABLE_CODE
    bad_results = [r for r in run_["results"] if r["ruleId"] == UNREADABLE_CODE]
    assert len(bad_results) == 1
    assert bad_results[0]["level"] == "error"
    region = bad_results[0]["locations"][0]["physicalLocation"].get("region")
    assert region is None or region["startLine"] >= 1
    # the other files were still checked
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]} >= {f"models/{E1}", "models/broken.bpmn"}


def test_output_is_deterministic_serial_or_parallel(tmp_path: Path) -> None:
    folder = copy_examples(tmp_path / "models")
    a = run("check", "models", "--format", "sarif", "--no-config", "-j", "1", cwd=tmp_path)
    b = run("check", "models", "--format", "sarif", "--no-config", "-j", "2", cwd=tmp_path)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout
    assert "Traceback" not in a.stderr + b.stderr
    assert folder.is_dir()


def test_select_lists_only_the_rules_that_ran(models: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _, log = sarif(capsys, "models", "--select", "PAY001,ISS")
    ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "PAY001" in ids
    assert all(i == "PAY001" or i.startswith("ISS") for i in ids)


def test_formatter_without_context_and_internal_rules() -> None:
    d = Diagnostic(code="STR000", name="internal-error", title="A rule failed on this model",
                   severity=Severity.ERROR, blocks=None, element_id=None,
                   message="rule X failed", message_th="x", message_en="rule X failed",
                   evidence=(Evidence(source="structure", text="ValueError"),))
    w = d.model_copy(update={"code": "APP001", "name": "paper-application-at-counter",
                             "element_id": "T1", "line": 7, "status": FindingStatus.WAIVED,
                             "waiver_reason": "ok"})
    report = Report(version="0.1.0", files=(Analysis(path="a.bpmn", findings=(d, w, w)),))
    log = json.loads(format_sarif(report, context=FormatContext(
        files={"a.bpmn": FileContext(processes={"T1": "P1"})})))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert results[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "P1/T1"
    fps = [r["partialFingerprints"]["reprocess/v1"] for r in results]
    assert len(set(fps)) == 3
    assert fps[2] == fps[1] + ":2"
    internal = log["runs"][0]["tool"]["driver"]["rules"][results[0]["ruleIndex"]]
    assert internal["id"] == "STR000"
    assert internal["name"] == "internal-error"
    assert format_sarif(report) == format_sarif(report)
