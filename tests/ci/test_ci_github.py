"""``reprocess check --format github``: workflow commands that annotate file and line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ci_helpers import E1, E10, EXAMPLES, copy_examples

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import Diagnostic, FindingStatus, Severity
from reprocess.cli.main import main
from reprocess.formats.github import escape_data, escape_property, format_github

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")

LINE = re.compile(r"^::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=([^:,]+)::(.+)$")
SUMMARY = re.compile(r"^::notice title=reprocess::\d+ file\(s\) checked: \d+ error\(s\), "
                     r"\d+ warning\(s\), \d+ info, \d+ waived(, \d+ unreadable)?$")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_examples(tmp_path / "models")


def test_one_annotation_per_open_finding(models: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "models", "--format", "json", "--no-config", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    code = main(["check", "models", "--format", "github", "--no-config", "--jobs", "1"])
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    expected = [(f["path"], d) for f in report["files"] for d in f["findings"]
                if d["status"] == "open"]
    assert len(lines) - 1 == len(expected)
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for line, (path, d) in zip(lines[:-1], expected, strict=True):
        m = LINE.match(line)
        assert m, line
        kind, file, lineno, title, _message = m.groups()
        assert kind == kinds[d["severity"]]
        assert file == path
        assert file.startswith("models/")
        assert lineno == (str(d["line"]) if d["line"] else None)
        assert title == f"{d['code']} {d['name']}"
    n_err = sum(1 for _, d in expected if d["severity"] == "error")
    assert f" {n_err} error(s)" in lines[-1]


def test_waived_findings_are_not_annotated(models: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    waivers = tmp_path / "w.json"
    waivers.write_text(json.dumps([{"code": "APP", "reason": "pilot"}]), encoding="utf-8")
    main(["check", str(models / E1), "--format", "github", "--no-config", "--jobs", "1",
          "--waivers", str(waivers)])
    out = capsys.readouterr().out
    assert "title=APP" not in out
    assert "PAY001" in out
    assert re.search(r", [1-9]\d* waived$", out.splitlines()[-1])


def test_clean_file_gives_only_the_summary(models: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(models / E10), "--format", "github", "--no-config",
                 "--select", "STR001"]) == 0
    assert capsys.readouterr().out == ("::notice title=reprocess::1 file(s) checked: "
                                       "0 error(s), 0 warning(s), 0 info, 0 waived\n")


def test_unreadable_file_is_an_error_annotation(models: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (models / "bad.bpmn").write_text("<?xml version='1.0'?>\n<a>\n<b></a>\n", encoding="utf-8")
    assert main(["check", "models/bad.bpmn", "--format", "github", "--no-config"]) == 2
    first, summary = capsys.readouterr().out.splitlines()
    m = LINE.match(first)
    assert m
    assert m.group(1) == "error"
    assert m.group(2) == "models/bad.bpmn"
    assert m.group(3) == "3"
    assert m.group(4) == "STR999 unreadable-file"
    assert summary.endswith("1 unreadable")


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    d = Diagnostic(code="PAY001", name="cash-payment-at-counter", title="t",
                   severity=Severity.WARNING, blocks=None, element_id="T1", line=4,
                   message="pays 50% in cash,\nthen: waits", message_th="x", message_en="y")
    info = d.model_copy(update={"severity": Severity.INFO, "line": None, "element_id": None})
    alt = d.model_copy(update={"status": FindingStatus.ALTERNATIVE})
    report = Report(files=(Analysis(path="dir, with: odd/a.bpmn", findings=(d, info, alt)),))
    lines = format_github(report).splitlines()
    assert lines[0] == ("::warning file=dir%2C with%3A odd/a.bpmn,line=4,"
                        "title=PAY001 cash-payment-at-counter::pays 50%25 in cash,%0Athen: "
                        "waits [T1]")
    assert lines[1].startswith("::notice file=dir%2C with%3A odd/a.bpmn,title=PAY001")
    assert len(lines) == 3
    assert SUMMARY.match(lines[2])
