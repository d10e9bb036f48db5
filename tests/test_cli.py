"""The command line: exit codes, formats, start-up, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reprocess.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "services"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reprocess", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False)


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("reprocess ")


def test_version_does_not_import_the_library() -> None:
    code = ("import sys; from reprocess.cli.main import main; main(['--version']); "
            "print(sorted(m for m in ('pydantic', 'lxml', 'networkx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().endswith("[]")


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["nonsense"]) == 2


def test_rules_list_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "APP001" in listing
    assert "STR001" in listing
    assert main(["rules", "PAY001"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# PAY001")
    assert "## Why it matters" in page
    assert main(["rules", "XYZ999"]) == 2


def test_check_missing_file_is_a_clear_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.bpmn"), "--no-config"]) == 2
    out = capsys.readouterr()
    assert "nope.bpmn" in out.out
    assert "Traceback" not in out.out + out.err


def test_check_not_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.bpmn"
    bad.write_text("<definitions", encoding="utf-8")
    assert main(["check", str(bad), "--no-config"]) == 2
    assert "bad.bpmn:1" in capsys.readouterr().out


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
def test_check_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "e1-commercial-registration.bpmn"
    code = main(["check", str(path), "--format", "json", "--no-config"])
    assert code == 1
    data = json.loads(capsys.readouterr().out)
    f = data["files"][0]
    assert f["path"].endswith("e1-commercial-registration.bpmn")
    assert f["assessment"]["level"] == "L0"
    assert {"code", "blocks", "element_id", "line", "message", "evidence", "obstacles",
            "status"} <= set(f["findings"][0])
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
def test_check_text_lists_findings_and_level(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "e1-commercial-registration.bpmn"
    main(["check", str(path), "--no-config", "--language", "en"])
    out = capsys.readouterr().out
    assert "level L0" in out
    assert ": APP001 error blocks L1" in out


def test_output_file_written_atomically(tmp_path: Path) -> None:
    path = EXAMPLES / "e1-commercial-registration.bpmn"
    if not path.exists():
        pytest.skip("examples not present")
    target = tmp_path / "r" / "report.json"
    main(["check", str(path), "--format", "json", "-o", str(target), "--no-config"])
    assert json.loads(target.read_text("utf-8"))["schema_version"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]
