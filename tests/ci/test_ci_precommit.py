"""``.pre-commit-hooks.yaml``: the hooks are well formed and their entries work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_helpers import E1, E10, EXAMPLES, ROOT, copy_examples, env

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"


def hooks() -> list[dict[str, Any]]:
    data = yaml.safe_load(HOOKS_FILE.read_text("utf-8"))
    assert isinstance(data, list)
    return data


def test_hooks_are_well_formed() -> None:
    hs = hooks()
    assert [h["id"] for h in hs] == ["reprocess-check", "reprocess-check-submission"]
    for h in hs:
        assert {"id", "name", "entry", "language", "files"} <= set(h)
        assert h["language"] == "python"
        assert h["require_serial"] is True
        assert shlex.split(h["entry"])[:2] == ["reprocess", "check"]
    assert hs[0]["entry"] == "reprocess check"
    assert hs[1]["entry"] == "reprocess check --preset submission"


@pytest.mark.parametrize(("name", "matches"), [
    ("models/a.bpmn", True), ("a.bpmn2", True), ("x/p.bpmn20.xml", True),
    ("pom.xml", False), ("a.bpmn.bak", False), ("notes.md", False)])
def test_hook_file_pattern(name: str, matches: bool) -> None:
    for h in hooks():
        assert bool(re.search(h["files"], name)) is matches


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")
@pytest.mark.parametrize("hook", ["reprocess-check", "reprocess-check-submission"])
def test_hook_entry_runs_like_pre_commit(hook: str, tmp_path: Path) -> None:
    """pre-commit runs ``entry + args + filenames`` (here with the module for ``reprocess``)."""
    h = next(h for h in hooks() if h["id"] == hook)
    copy_examples(tmp_path / "models", E1, E10)
    files = ["models/" + E10, "models/" + E1]
    cmd = [sys.executable, "-m", "reprocess", *shlex.split(h["entry"])[1:]]
    out = subprocess.run([*cmd, *files], cwd=tmp_path, env=env(), capture_output=True,
                         text=True, check=False)
    assert out.returncode == 1
    assert "APP001" in out.stdout
    assert "Traceback" not in out.stderr
    assert ("STR043" in out.stdout) is (hook == "reprocess-check-submission")
    clean = subprocess.run([*cmd, files[0]], cwd=tmp_path, env=env(), capture_output=True,
                           text=True, check=False)
    assert clean.returncode == 0, clean.stdout


@pytest.mark.skipif(not (shutil.which("pre-commit") and os.environ.get("REPROCESS_TEST_PRE_COMMIT")),
                    reason="set REPROCESS_TEST_PRE_COMMIT=1 with pre-commit installed "
                           "(installs reprocess from PyPI dependencies: needs the network)")
def test_pre_commit_try_repo(tmp_path: Path) -> None:  # pragma: no cover - opt-in
    """Install the hook the way users do (from a copy of this repository) and run it."""
    repo = tmp_path / "reprocess"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "__pycache__", "out"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=repo, check=True)
    work = tmp_path / "models-repo"
    copy_examples(work / "models", E1)
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    out = subprocess.run(["pre-commit", "try-repo", str(repo), "reprocess-check",
                          "--files", f"models/{E1}"], cwd=work, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "APP001" in out.stdout
