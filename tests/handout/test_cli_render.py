"""``reprocess render``: SVG/PNG diagrams, blockers, comparisons and the handout."""

from __future__ import annotations

from pathlib import Path

import pytest
from handout_support import ANY_ENGINE, E1, E3, NATIVE, urls_outside_namespaces
from lxml import etree

from reprocess.cli.main import main
from reprocess.render import engines


def render(*args: str) -> int:
    return main(["render", *args])


@ANY_ENGINE
def test_plain_svg(tmp_path: Path) -> None:
    out = tmp_path / "e1.svg"
    assert render(str(E1), "-o", str(out)) == 0
    svg = out.read_bytes()
    etree.fromstring(svg.replace(b"<!DOCTYPE", b"<!-- ").replace(b"svg11.dtd\">", b"-->"))
    assert b"\xe2\x9a\x91" not in svg  # no badges without --findings


@ANY_ENGINE
def test_findings_svg(tmp_path: Path) -> None:
    out = tmp_path / "e1.svg"
    assert render(str(E1), "-o", str(out), "--findings", "--title", "E1") == 0
    svg = out.read_text(encoding="utf-8")
    assert "⚑ APP001" in svg
    assert "blocks L1, apply online" in svg


@NATIVE
def test_findings_png(tmp_path: Path) -> None:
    out = tmp_path / "e1.png"
    assert render(str(E1), "-o", str(out), "--findings", "--engine", "native") == 0
    assert out.read_bytes().startswith(b"\x89PNG")


@ANY_ENGINE
def test_handout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "e3.html"
    assert render(str(E3), "-o", str(out), "--date", "2026-11-25") == 0
    page = out.read_text(encoding="utf-8")
    assert "25 พฤศจิกายน 2569" in page
    assert "จุดที่ขัดขวางแต่ละระดับ" in page
    assert urls_outside_namespaces(page) == []
    assert f"wrote {out}" in capsys.readouterr().err


@ANY_ENGINE
def test_compare_runs_the_redesign(tmp_path: Path) -> None:
    svg = tmp_path / "cmp.svg"
    assert render(str(E1), "--compare", "-o", str(svg)) == 0
    root = etree.fromstring(svg.read_bytes())
    assert len(root.findall("{http://www.w3.org/2000/svg}svg")) == 2
    html = tmp_path / "cmp.html"
    assert render(str(E1), "-o", str(html), "--compare") == 0
    assert html.read_text(encoding="utf-8").count("<svg ") == 2


@ANY_ENGINE
def test_compare_with_a_to_be_file(tmp_path: Path) -> None:
    to_be = tmp_path / "to-be.bpmn"
    assert main(["redesign", str(E1), "-o", str(to_be)]) in (0, 1)
    out = tmp_path / "cmp.html"
    assert render(str(E1), "--compare", str(to_be), "-o", str(out)) == 0
    page = out.read_text(encoding="utf-8")
    assert "mark&#45;removed" in page  # the copies no longer asked for, as ghosts
    assert "mark&#45;added" in page
    drawn = tmp_path / "to-be.svg"
    assert render(str(to_be), "-o", str(drawn)) == 0  # rp:change marks shown
    assert "mark&#45;changed" in drawn.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x.pdf"], "unknown output type"),
    (["-o", "x.png", "--compare"], "a comparison is drawn as SVG or HTML"),
    (["-o", "x.png", "--engine", "wasm"], "PNG needs Graphviz's dot"),
    (["-o", "x.svg", "--date", "25/11/2569"], "use YYYY-MM-DD"),
])
def test_usage_errors(args: list[str], message: str, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert render(str(E1), *args) == 2
    assert message in capsys.readouterr().err


def test_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert render(str(tmp_path / "none.bpmn"), "-o", str(tmp_path / "x.svg")) == 2
    assert "none.bpmn" in capsys.readouterr().err


def test_no_engine_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(engines, "native_available", lambda: False)
    monkeypatch.setattr(engines, "wasm_available", lambda: False)
    assert render(str(E1), "-o", str(tmp_path / "x.svg")) == 2
    assert "no Graphviz engine" in capsys.readouterr().err
    # the handout still comes out, saying where the diagrams would be
    out = tmp_path / "x.html"
    assert render(str(E1), "-o", str(out)) == 0
    assert "ไม่สามารถวาดแผนภาพได้" in out.read_text(encoding="utf-8")
