"""Batches: files, folders and globs; parallel, ordered, one status; bad files reported."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ci_helpers import E1, E10, EXAMPLES, copy_examples, env, run

from reprocess.cli import cmd_check
from reprocess.cli.common import Progress, expand_paths, is_model_file
from reprocess.cli.main import main

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--format", "json", "--no-config"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_examples(tmp_path / "models")


def test_files_folders_and_globs(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (models / "sub").mkdir()
    (models / "sub" / "copy.bpmn2").write_bytes((models / E10).read_bytes())
    (models / ".hidden").mkdir()
    (models / ".hidden" / "skip.bpmn").write_bytes((models / E10).read_bytes())
    (models / "notes.xml").write_text("<notes/>", encoding="utf-8")
    (models / "other.xml").write_bytes((models / E10).read_bytes())
    _, data = report(capsys, "models/e1*.bpmn", "models/sub", str(models / E10),
                        "models/e1-commercial-registration.bpmn", "--jobs", "1")
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths)
    assert paths == [f"models/{E1}", "models/e10-passport-style-online-service.bpmn",
                     "models/e11-tax-id-two-channels.bpmn", "models/sub/copy.bpmn2"]
    _, data = report(capsys, "models", "--jobs", "1", "--select", "STR001")
    paths = [f["path"] for f in data["files"]]
    assert "models/other.xml" in paths
    assert "models/notes.xml" not in paths
    assert not any(".hidden" in p for p in paths)
    assert len(paths) == 13
    _, data = report(capsys, "models/**/*.bpmn2", "--jobs", "1", "--select", "STR001")
    assert [f["path"] for f in data["files"]] == ["models/sub/copy.bpmn2"]


def test_expand_paths_and_model_files(tmp_path: Path) -> None:
    (tmp_path / "a.bpmn20.xml").write_text("<x/>", encoding="utf-8")
    (tmp_path / "b.expected.xml").write_text("<x/>", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "c.bpmn").write_text("<x/>", encoding="utf-8")
    assert [p.name for p in expand_paths([str(tmp_path)])] == ["a.bpmn20.xml"]
    assert is_model_file(tmp_path / "a.bpmn20.xml")
    assert not is_model_file(tmp_path / "b.expected.xml")
    missing = expand_paths([str(tmp_path / "nothing-*.bpmn"), str(tmp_path / "gone.bpmn")])
    assert [p.name for p in missing] == ["gone.bpmn", "nothing-*.bpmn"]


def test_parallel_and_serial_give_the_same_report(models: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    serial = main(["check", "models", "--format", "json", "--no-config", "--jobs", "1"])
    out_serial = capsys.readouterr().out
    parallel = main(["check", "models", "--format", "json", "--no-config", "--jobs", "3"])
    out_parallel = capsys.readouterr().out
    assert serial == parallel == 1
    assert out_serial == out_parallel


def test_unreadable_files_are_reported_and_the_others_run(
        models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (models / "a-not-xml.bpmn").write_text("hello", encoding="utf-8")
    (models / "b-not-bpmn.bpmn").write_text("<?xml version='1.0'?><html/>", encoding="utf-8")
    (models / "c-locked.bpmn").write_bytes((models / E10).read_bytes())
    os.chmod(models / "c-locked.bpmn", 0)
    (models / "d.reprocess.toml").write_text("[stepz]\n", encoding="utf-8")
    (models / "d.bpmn").write_bytes((models / E10).read_bytes())
    try:
        code = main(["check", "models", "missing.bpmn", "--no-config", "--jobs", "2",
                     "--language", "en"])
    finally:
        os.chmod(models / "c-locked.bpmn", 0o644)
    out = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out.out + out.err
    lines = out.out.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert any(line.startswith("models/a-not-xml.bpmn: error: ") for line in errors)
    assert any(line.startswith("models/b-not-bpmn.bpmn: error: ") for line in errors)
    assert any(line.startswith("missing.bpmn: error: ") for line in errors)
    assert any("d.reprocess.toml" in line and "stepz" in line for line in errors)
    if os.geteuid() != 0:  # root reads anything
        assert any(line.startswith("models/c-locked.bpmn: error: ") for line in errors)
    assert any(line.startswith(f"models/{E1}:") and "APP001" in line for line in lines)
    assert "level L3" in out.out  # e10 was checked


def test_exit_status(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(models / E10), "--no-config"]) == 0
    assert main(["check", str(models / E10), "--no-config", "--fail-on", "info"]) == 1
    assert main(["check", str(models / E1), "--no-config"]) == 1
    assert main(["check", str(models / E1), "--no-config", "--select", "EFF",
                 "--max-warnings", "100"]) == 0
    assert main(["check", str(models / E1), "--no-config", "--select", "EFF",
                 "--max-warnings", "0"]) == 1
    assert "more than --max-warnings 0" in capsys.readouterr().err
    (models / "x.bpmn").write_text("", encoding="utf-8")
    assert main(["check", str(models / E1), str(models / "x.bpmn"), "--no-config"]) == 2
    empty = models / "empty"
    empty.mkdir()
    assert main(["check", str(empty), "--no-config"]) == 2
    assert "no BPMN files found" in capsys.readouterr().err
    assert main(["check", str(models / E1), "--no-config", "--jobs", "-1"]) == 2
    assert main(["check", str(models / E1), "--format", "xml"]) == 2


def test_a_bug_in_one_file_does_not_lose_the_others(
        models: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reprocess.analysis.engine as engine

    real = engine.check

    def flaky(defs: Any, **kwargs: Any) -> Any:
        if str(kwargs.get("path", "")).endswith(E10):
            raise ValueError("boom")
        return real(defs, **kwargs)

    monkeypatch.setattr(engine, "check", flaky)
    code, data = report(capsys, "models", "--jobs", "1")
    assert code == 2
    bad = next(f for f in data["files"] if f["path"].endswith(E10))
    assert "internal error: ValueError: boom" in bad["error"]
    assert all(f["error"] is None for f in data["files"] if f is not bad)


def test_a_crashed_worker_does_not_lose_the_others(
        models: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = cmd_check._check_one

    def crash(task: cmd_check.Task) -> cmd_check.Checked:
        if task.path.endswith(E10):
            os._exit(3)  # like a worker killed for memory
        return real(task)

    monkeypatch.setattr(cmd_check, "_check_one", crash)
    code, data = report(capsys, "models", "--jobs", "2")
    assert code == 2
    assert len(data["files"]) == 11
    bad = next(f for f in data["files"] if f["path"].endswith(E10))
    assert "stopped unexpectedly" in bad["error"]
    assert all(f["error"] is None and f["assessment"] for f in data["files"] if f is not bad)


def test_output_file_and_summary(models: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = models.parent / "reports" / "r.sarif"
    assert main(["check", "models", "-f", "sarif", "-o", str(target), "--no-config"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("reprocess: 11 file(s) checked: ")
    assert out.err.rstrip().endswith(f"report written to {target}")
    assert json.loads(target.read_text("utf-8"))["version"] == "2.1.0"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_no_progress_bar_when_not_a_terminal(models: Path) -> None:
    out = run("check", "models", "--no-config", cwd=models.parent)
    assert out.returncode == 1
    assert "files" not in out.stderr
    assert "\r" not in out.stderr


def test_progress_bar_on_a_terminal(models: Path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reprocess", "check", "models",
                             "--no-config", "--format", "json", "-o", "r.json"],
                            cwd=models.parent, env=env(), stdout=subprocess.DEVNULL,
                            stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 1
    assert b"/11 files" in seen
    assert b"11/11 files" in seen
    assert b"report written to r.json" in seen
    report = json.loads((models.parent / "r.json").read_text("utf-8"))
    assert len(report["files"]) == 11  # the report itself is untouched
    quiet = subprocess.run([sys.executable, "-m", "reprocess", "check", "models",
                            "--no-config", "--no-progress"], cwd=models.parent, env=env(),
                           capture_output=True, check=False)
    assert b"files" not in quiet.stderr


def test_progress_class() -> None:
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(4, stream=stream, width=4)
    bar.advance(2)
    bar.advance(2)
    bar.close()
    text = stream.getvalue()
    assert "\r[##..] 2/4 files" in text
    assert "\r[####] 4/4 files" in text
    assert text.endswith("\r")
    assert not Progress(1, stream=Tty()).enabled


def test_chunks_put_big_files_first(tmp_path: Path) -> None:
    from reprocess.analysis.config import Config

    tasks = []
    for i, size in enumerate([10, 5000, 20, 300]):
        p = tmp_path / f"{i}.bpmn"
        p.write_bytes(b"x" * size)
        tasks.append(cmd_check.Task(i, str(p), Config()))
    chunks = cmd_check._chunks(tasks, jobs=2)
    assert [t.index for chunk in chunks for t in chunk] == [1, 3, 2, 0]
    many = [cmd_check.Task(i, f"missing-{i}", Config()) for i in range(1000)]
    sizes = [len(c) for c in cmd_check._chunks(many, jobs=2)]
    assert sum(sizes) == 1000
    assert max(sizes) <= 16
