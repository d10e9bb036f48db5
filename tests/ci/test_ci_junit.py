"""``reprocess check --format junit``: JUnit XML that a JUnit parser reads back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ci_helpers import E1, E10, E11, EXAMPLES, copy_examples, read_junit

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import Diagnostic, Severity
from reprocess.cli.main import main
from reprocess.formats import FileContext, FormatContext
from reprocess.formats.junit import format_junit

junitparser = pytest.importorskip("junitparser")

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_examples(tmp_path / "models")


def junit(tmp_path: Path, *args: str) -> tuple[int, Any]:
    out = tmp_path / "out" / "junit.xml"
    code = main(["check", *args, "--format", "junit", "-o", str(out), "--no-config",
                 "--jobs", "1"])
    return code, read_junit(out)


def cases(suite: Any) -> list[Any]:
    return list(suite)


def test_one_suite_per_file_and_counts_are_sums(models: Path, tmp_path: Path) -> None:
    code, xml = junit(tmp_path, "models")
    assert code == 1
    suites = list(xml)
    assert [s.name for s in suites] == sorted(f"models/{p.name}" for p in models.iterdir())
    for s in suites:
        cs = cases(s)
        assert s.tests == len(cs)
        assert s.failures == sum(1 for c in cs if any(isinstance(r, junitparser.Failure)
                                                      for r in c.result))
        assert s.skipped == sum(1 for c in cs if any(isinstance(r, junitparser.Skipped)
                                                     for r in c.result))
        assert s.errors == 0
    assert xml.tests == sum(s.tests for s in suites)
    assert xml.failures == sum(s.failures for s in suites)
    assert xml.skipped == sum(s.skipped for s in suites)
    assert xml.errors == 0


def test_one_case_per_rule_that_ran(models: Path, tmp_path: Path) -> None:
    _, xml = junit(tmp_path, str(models / E1), "--select", "APP001,PAY,ODT")
    (suite,) = list(xml)
    names = [c.name for c in cases(suite)]
    assert "APP001 paper-application-at-counter" in names
    assert "PAY001 cash-payment-at-counter" in names
    codes = [n.split()[0] for n in names]
    assert codes == sorted(codes)
    assert all(c == "APP001" or c.startswith(("PAY", "ODT")) for c in codes)
    assert all(c.classname == "models/e1-commercial-registration" for c in cases(suite))


def test_failures_list_each_finding(models: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(models / E1), "--format", "json", "--no-config", "--jobs", "1",
          "--language", "en"])
    report = json.loads(capsys.readouterr().out)
    findings = [d for d in report["files"][0]["findings"]
                if d["status"] == "open" and d["severity"] == "error"]
    _, xml = junit(tmp_path, str(models / E1), "--language", "en")
    (suite,) = list(xml)
    failing = {c.name.split()[0]: c for c in cases(suite)
               if any(isinstance(r, junitparser.Failure) for r in c.result)}
    assert set(failing) == {d["code"] for d in findings}
    for d in findings:
        (failure,) = failing[d["code"]].result
        assert failure.type == "error"
        assert f"models/{E1}:{d['line']}: {d['code']}" in failure.text
        assert f"element: {d['element_id']}" in failure.text
        assert "evidence: " in failure.text
        assert d["message"] in failure.text
    # warnings do not fail at --fail-on error, they are the case's output
    warned = {d["code"] for d in report["files"][0]["findings"]
              if d["severity"] == "warning"} - set(failing)
    for code in warned:
        case = next(c for c in cases(suite) if c.name.startswith(code))
        assert not case.result
        assert case.system_out
        assert code in case.system_out


def test_fail_on_warning_fails_more_cases(models: Path, tmp_path: Path) -> None:
    _, strict = junit(tmp_path, str(models / E1), "--fail-on", "warning")
    _, lax = junit(tmp_path, str(models / E1))
    assert strict.failures > lax.failures


def test_waived_findings_are_skipped(models: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text("- code: PAY001\n  reason: pilot of e-payment next year\n",
                       encoding="utf-8")
    _, xml = junit(tmp_path, str(models / E1), "--waivers", str(waivers))
    (suite,) = list(xml)
    case = next(c for c in cases(suite) if c.name.startswith("PAY001"))
    (skipped,) = case.result
    assert isinstance(skipped, junitparser.Skipped)
    assert "waived: pilot of e-payment next year" in skipped.message
    assert "PAY001" in case.system_out


def test_alternative_channel_cases_are_skipped(models: Path, tmp_path: Path) -> None:
    code, xml = junit(tmp_path, str(models / E11))
    (suite,) = list(xml)
    skipped = [c for c in cases(suite) if any(isinstance(r, junitparser.Skipped)
                                              for r in c.result)]
    assert skipped
    assert suite.skipped == len(skipped)
    assert code == 0
    assert suite.failures == 0


def test_unreadable_file_is_an_error(models: Path, tmp_path: Path) -> None:
    (models / "empty.bpmn").write_bytes(b"")
    code, xml = junit(tmp_path, str(models / "empty.bpmn"), str(models / E10))
    assert code == 2
    bad = next(s for s in xml if s.name == "models/empty.bpmn")
    assert (bad.tests, bad.errors, bad.failures) == (1, 1, 0)
    (case,) = cases(bad)
    (error,) = case.result
    assert isinstance(error, junitparser.Error)
    assert "empty.bpmn" in error.message
    good = next(s for s in xml if s.name == f"models/{E10}")
    assert good.tests > 1
    assert good.errors == 0
    assert xml.errors == 1


def test_text_that_xml_cannot_hold_is_replaced(tmp_path: Path) -> None:
    d = Diagnostic(code="APP001", name="paper-application-at-counter", title="t",
                   severity=Severity.ERROR, blocks=None, element_id="T\x01",
                   message="bad \x0b char", message_th="x", message_en="bad \x0b char")
    text = format_junit(Report(files=(Analysis(path="a.bpmn", findings=(d,)),)),
                        context=FormatContext(files={"a.bpmn": FileContext(rules=("APP002",))}))
    path = tmp_path / "j.xml"
    path.write_text(text, encoding="utf-8")
    xml = read_junit(path)
    (suite,) = list(xml)
    names = [c.name for c in cases(suite)]
    assert names[0] == "APP001 paper-application-at-counter"
    assert names[1].startswith("APP002")
    assert "bad \N{REPLACEMENT CHARACTER} char" in cases(suite)[0].result[0].message
