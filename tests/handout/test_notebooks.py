"""The example notebooks: committed without outputs, and they run from start to end.

Each notebook is executed with nbclient in ``examples/notebooks`` (so the relative
paths to ``../services`` work), writing its files to a temporary folder given in
``REPROCESS_NOTEBOOK_OUT``; the tests then read the cells' outputs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from handout_support import ANY_ENGINE, NOTEBOOKS, REPO

from reprocess.analysis import Analysis
from reprocess.model import Definitions
from reprocess.redesign import Proposal

PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
WIRED = all("_repr_mimebundle_" in vars(c) for c in (Definitions, Analysis, Proposal))


def test_there_are_notebooks() -> None:
    names = [p.name for p in PATHS]
    assert "01-clinic-walkthrough.ipynb" in names
    assert "02-two-channels.ipynb" in names


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["id"]
            assert cell["execution_count"] is None, cell["id"]
        assert not cell.get("attachments"), cell["id"]
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}


def execute(path: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Run a notebook in its folder; return its code cells with their outputs."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("REPROCESS_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return [c for c in nb.cells if c.cell_type == "code"]


def stream(cells: list[dict[str, Any]]) -> str:
    return "".join(o.get("text", "") for c in cells for o in c["outputs"]
                   if o["output_type"] == "stream")


def rich(cell: dict[str, Any]) -> dict[str, Any]:
    for o in cell["outputs"]:
        if o["output_type"] in ("execute_result", "display_data"):
            data: dict[str, Any] = o["data"]
            return data
    return {}


def check_rich(cell: dict[str, Any], text_start: str) -> None:
    data = rich(cell)
    assert data, "the cell shows nothing"
    if WIRED:  # before the wiring, the objects show their plain repr
        assert data["text/plain"].startswith(text_start)
        assert "text/html" in data
        assert "image/svg+xml" in data
        assert "<svg" in data["text/html"]


def clinic_walkthrough(cells: list[dict[str, Any]], tmp_path: Path) -> None:
    text = stream(cells)
    assert "ระดับปัจจุบัน (level today): L0" in text
    assert "ยกเว้น (waived): ['APP007 Doc_Consent']" in text
    assert "ระดับ (level): L0 -> L3" in text
    check_rich(cells[1], "<Definitions 'Definitions_E3'")
    check_rich(cells[2], "<Analysis e3-food-premises-licence.bpmn: level L0")
    check_rich(cells[4], "<Proposal L0 -> L3")
    comparison = rich(cells[6])
    assert comparison["text/plain"].startswith("<Comparison L0 -> L3")
    assert "image/svg+xml" in comparison
    for name in ("e3-to-be.bpmn", "e3-handout.html", "e3-compare.html"):
        assert f"{name} True" in text
        assert (tmp_path / name).stat().st_size > 0
    from reprocess.io import read_bpmn

    to_be = read_bpmn(tmp_path / "e3-to-be.bpmn")
    assert to_be.diagrams  # written with a fresh layout
    handout = (tmp_path / "e3-handout.html").read_text(encoding="utf-8")
    assert "ยกเว้นโดยผู้ให้คำปรึกษา (waived)" in handout


def two_channels(cells: list[dict[str, Any]], tmp_path: Path) -> None:
    text = stream(cells)
    assert "ระดับปัจจุบัน (level today): L3" in text
    assert "ใช้ (chosen)" in text
    assert "ISS001" in text  # the paper card on the counter branch, kept as an alternative
    assert "ระดับ (level): L3 -> L3, 0 changes" in text
    check_rich(cells[1], "<Analysis e11-tax-id-two-channels.bpmn: level L3")
    assert rich(cells[3])["text/plain"].startswith("<Comparison L3 -> L3")
    assert (tmp_path / "e11-handout.html").stat().st_size > 0


CHECKS: dict[str, Callable[[list[dict[str, Any]], Path], None]] = {
    "01-clinic-walkthrough": clinic_walkthrough,
    "02-two-channels": two_channels,
}
"""What each notebook must show, besides running without an error."""


@ANY_ENGINE
@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cells = execute(path, tmp_path, monkeypatch)
    for c in cells:
        errors = [o for o in c["outputs"] if o["output_type"] == "error"]
        assert not errors, (c["source"], errors)
    check = CHECKS.get(path.stem)
    if check is not None:
        check(cells, tmp_path)
