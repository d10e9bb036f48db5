"""docs/ci.md: the workflows parse, and the commands they run work on the examples."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_helpers import EXAMPLES, ROOT, copy_examples, env, read_junit, validate_sarif

DOC = ROOT / "docs" / "ci.md"
GITHUB_LINE = re.compile(r"^::(error|warning|notice) (?:file=[^,:]+(?:,line=\d+)?,)?"
                         r"title=[^:]+::.+$")

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")


def blocks(lang: str | None = None) -> list[str]:
    found = re.findall(r"^```(\w*)\n(.*?)^```", DOC.read_text("utf-8"), flags=re.M | re.S)
    return [body for kind, body in found if lang is None or kind == lang]


def commands() -> list[str]:
    """Every ``reprocess check ...`` command line in the fenced blocks of docs/ci.md."""
    out = []
    for body in blocks():
        for line in body.splitlines():
            m = re.search(r"(?:^|run:\s*|-\s+|^\s*)(reprocess (?:check|rules)\b.*)$", line)
            if m:
                out.append(re.sub(r"\s+#.*$", "", m.group(1)).strip())
    return out


def yaml_docs() -> list[Any]:
    return [yaml.safe_load(b) for b in blocks("yaml")]


def output_of(command: str) -> str | None:
    words = shlex.split(command.split("||")[0])
    for flag in ("-o", "--output"):
        if flag in words:
            return words[words.index(flag) + 1]
    return None


def format_of(command: str) -> str:
    words = shlex.split(command.split("||")[0])
    return words[words.index("--format") + 1] if "--format" in words else "text"


def test_every_yaml_block_parses() -> None:
    docs = yaml_docs()
    assert len(docs) >= 4
    assert all(isinstance(d, dict) for d in docs)


def test_the_documented_commands_are_found() -> None:
    found = commands()
    assert "reprocess check models/ --format sarif -o reprocess.sarif" in found
    assert "reprocess check models/ --format github" in found
    assert "reprocess check models/ --format junit -o reprocess-junit.xml" in found
    assert {format_of(c) for c in found} >= {"sarif", "github", "junit", "json"}


def test_github_workflow_uploads_the_file_the_check_writes() -> None:
    workflow = next(d for d in yaml_docs() if "jobs" in d)
    steps = workflow["jobs"]["reprocess"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    sarif_cmd = next(r for r in runs if "--format sarif" in r)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == output_of(sarif_cmd)
    assert upload["if"] == "always()"
    assert next(s for s in steps if s.get("run") == sarif_cmd)["continue-on-error"] is True
    assert workflow["permissions"]["security-events"] == "write"
    assert any("--format github" in r for r in runs)
    assert any(str(s.get("uses", "")).startswith("actions/setup-python") for s in steps)


def test_gitlab_job_reports_the_junit_file() -> None:
    job = next(d["reprocess"] for d in yaml_docs() if "reprocess" in d
               and isinstance(d["reprocess"], dict) and "script" in d["reprocess"])
    (script,) = job["script"]
    assert format_of(script) == "junit"
    assert job["artifacts"]["reports"]["junit"] == output_of(script)
    assert job["artifacts"]["when"] == "always"


def test_pre_commit_block_names_the_shipped_hooks() -> None:
    config = next(d for d in yaml_docs() if "repos" in d)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    ids = {h["id"] for h in hooks}
    used = {h["id"] for repo in config["repos"] for h in repo["hooks"]}
    assert used <= ids
    documented = set(re.findall(r"`(reprocess-check[\w-]*)`", DOC.read_text("utf-8")))
    assert documented == ids


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a repository of models: ``models/`` and a ``reprocess`` command."""
    root = tmp_path_factory.mktemp("ci-docs")
    copy_examples(root / "models")
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "reprocess"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reprocess "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return root


def _check_output(fmt: str, path: Path | None, stdout: str) -> None:
    if fmt == "sarif":
        assert path is not None
        validate_sarif(json.loads(path.read_text("utf-8")))
    elif fmt == "junit":
        assert path is not None
        xml = read_junit(path)
        assert xml.tests > 0
        assert xml.failures > 0
        assert len(list(xml)) == 11
    elif fmt == "json":
        assert path is not None
        assert len(json.loads(path.read_text("utf-8"))["files"]) == 11
    elif fmt == "github":
        lines = stdout.splitlines()
        assert lines
        assert all(GITHUB_LINE.match(line) for line in lines), lines[:3]
        assert lines[-1].startswith("::notice title=reprocess::11 file(s) checked")


@pytest.mark.parametrize("command", commands())
def test_documented_command_runs_on_the_examples(command: str, workdir: Path) -> None:
    run_env = env()
    run_env["PATH"] = f"{workdir / 'bin'}:{run_env.get('PATH', '')}"
    out_file = output_of(command)
    if out_file:
        (workdir / out_file).unlink(missing_ok=True)
    proc = subprocess.run(["bash", "-c", command], cwd=workdir, env=run_env,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    expected = 0 if "|| test $? -eq 1" in command else 1  # the examples have open errors
    assert proc.returncode == expected, proc.stderr
    _check_output(format_of(command), workdir / out_file if out_file else None, proc.stdout)
