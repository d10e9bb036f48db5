"""``reprocess report`` and ``reprocess demo`` end to end on the bundled catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reprocess.cli.main import main

from .conftest import REPO, write


def test_report_tables_only(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            catalogue_copy: Path) -> None:
    out = tmp_path / "out"
    code = main(["report", str(catalogue_copy), "-o", str(out), "--date", "25 พ.ย. 2569",
                 "--no-handouts", "--no-progress", "--jobs", "2"])
    text = capsys.readouterr().out
    assert code == 0
    assert text.startswith("reprocess report: 15 services from")
    assert "report date 25 พฤศจิกายน 2569, 2026-11-25" in text
    assert "after redesign" in text
    assert "burden saved/yr" in text
    assert "follow-up" in text
    assert str(out / "report.html") in text
    for name in ("report.html", "report.xlsx", "csv/services.csv", "csv/obstacles.csv",
                 "pr/citizens.md", "pr/business.html", "history/2026-11-25.json"):
        assert (out / name).is_file(), name
    assert not (out / "services").exists()


def test_report_exit_1_when_a_service_fails(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "bad.bpmn", "<not-bpmn/>")
    write(tmp_path / "cat" / "services" / "bad.yaml",
          "id: bad\nname: ก\nagency: ข\ncustomer_group: citizens\nmodel: ../../bad.bpmn\n")
    code = main(["report", str(tmp_path / "cat"), "-o", str(tmp_path / "out"),
                 "--no-progress", "--jobs", "1"])
    text = capsys.readouterr().out
    assert code == 1
    assert "NOT ANALYSED     1:" in text
    assert "bad:" in text
    page = (tmp_path / "out" / "report.html").read_text("utf-8")
    assert "could not be analysed" in page


def test_report_bad_catalogue_and_date(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]) == 2
    assert "no such catalogue folder" in capsys.readouterr().err
    assert main(["report", str(tmp_path), "--date", "someday"]) == 2
    assert "--date: not a date" in capsys.readouterr().err


def _wasm() -> bool:
    from reprocess.render.engines import wasm_available

    return wasm_available()


@pytest.mark.skipif(not _wasm(), reason="the demo draws with the wasm engine here")
def test_demo_without_dot(tmp_path: Path) -> None:
    """``make demo`` from a fresh clone: no Graphviz ``dot`` on PATH, no network."""
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PATH")}
    env["PATH"] = str(Path(sys.executable).parent)  # no dot here
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "-m", "reprocess", "demo", "-o", str(out), "--date", "2026-11-25",
         "--no-progress", "--jobs", "2"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("reprocess demo:")
    assert "15 services from" in proc.stdout
    assert "Open " in proc.stdout
    assert (out / "report.html").is_file()
    assert (out / "report.xlsx").is_file()
    handouts = sorted(out.glob("services/*/handout.html"))
    assert len(handouts) == 15
    e1 = (out / "services" / "e1" / "handout.html").read_text("utf-8")
    assert "<svg" in e1
    assert "diagram not drawn" not in e1
    assert (out / "services" / "m4" / "as-is.bpmn").is_file()
    assert (out / "services" / "e1" / "to-be.bpmn").is_file()
    page = (out / "report.html").read_text("utf-8")
    assert page.count('class="annex-service handout"') == 15
    assert "e1-asis-" in page  # SVG ids made unique per annex
