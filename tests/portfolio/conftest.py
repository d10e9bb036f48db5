"""Fixtures of the portfolio tests: the example catalogue, one run of it, copies of it."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from reprocess.portfolio import ClinicRun, run_clinic

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "examples" / "catalogue"
SERVICES = REPO / "examples" / "services"
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> ClinicRun:
    """The example catalogue run once, without drawing (tables, registers, report)."""
    out = tmp_path_factory.mktemp("example-run")
    return run_clinic(CATALOGUE, out, today=TODAY, draw=False, jobs=2)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A copy of the example catalogue whose BPMN paths point at examples/services."""
    dest = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, dest)
    for meta in (dest / "services").glob("e*.yaml"):
        text = meta.read_text("utf-8").replace("../../services/", f"{SERVICES.as_posix()}/")
        meta.write_text(text, "utf-8")
    return dest


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text (creating folders); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
