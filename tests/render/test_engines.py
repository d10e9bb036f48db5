"""Engines: selection, errors that say what to install, deterministic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from render_models import full_model
from render_support import ENGINES, REPO

from reprocess.errors import RenderError
from reprocess.render import FONT_FAMILY, Legend, Mark, diagram, engines, render
from reprocess.render.svg import BADGE_FILL, finish_svg

MARKS = {"A_check": Mark(badge="APP001"), "A_return": Mark(style="removed"), "N1": Mark()}


def _svg(engine: str) -> bytes:
    g = diagram(full_model(), marks=MARKS, legend=Legend.for_changes(), title="ทดสอบ")
    return render(g, "svg", engine=engine)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", ENGINES)
def test_svg(engine: str) -> None:
    svg = _svg(engine)
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert "ตรวจสอบ".encode() in svg


@pytest.mark.parametrize("engine", ENGINES)
def test_svg_is_deterministic(engine: str) -> None:
    assert _svg(engine) == _svg(engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_svg_is_the_same_in_a_fresh_process(engine: str, tmp_path: Path) -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests/render')\n"
        "from test_engines import _svg\n"
        f"sys.stdout.buffer.write(_svg({engine!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, check=True, timeout=120
    ).stdout
    assert out == _svg(engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_text_lists_the_font_fallbacks(engine: str) -> None:
    families = {
        part.split('"')[0]
        for part in _svg(engine).decode().split('font-family="')[1:]
    }
    assert families == {FONT_FAMILY}


@pytest.mark.parametrize("engine", ENGINES)
def test_svg_is_finished(engine: str) -> None:
    text = _svg(engine).decode()
    badge = next(line for line in text.splitlines() if "⚑ APP001" in line)
    assert f'fill="{BADGE_FILL}"' in badge
    removed = text.split('id="A_return"')[1].split("</g>")[0]
    assert 'text-decoration="line-through"' in removed
    annotation = text.split('id="N1"')[1].split("</g>")[0]
    assert "<path" in annotation  # the bracket


@pytest.mark.parametrize("engine", ENGINES)
def test_json_layout(engine: str) -> None:
    out = json.loads(render("digraph { a -> b }", "json", engine=engine))  # type: ignore[arg-type]
    assert [o["name"] for o in out["objects"]] == ["a", "b"]


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_dot_is_a_render_error(engine: str) -> None:
    with pytest.raises(RenderError, match="failed"):
        render("digraph { a -> }", "svg", engine=engine)  # type: ignore[arg-type]


@pytest.mark.skipif(not engines.native_available(), reason="PNG needs native dot (not on PATH)")
def test_png_with_native_dot() -> None:
    png = render(diagram(full_model()), "png", engine="native")
    assert png.startswith(b"\x89PNG")


def test_png_without_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "native_available", lambda: False)
    with pytest.raises(RenderError, match=r"PNG needs Graphviz's dot: apt-get install graphviz"):
        render("digraph { a }", "png")


def test_png_with_wasm_engine_is_refused() -> None:
    with pytest.raises(RenderError, match="PNG needs Graphviz's dot"):
        render("digraph { a }", "png", engine="wasm")


def test_no_engine_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "native_available", lambda: False)
    monkeypatch.setattr(engines, "wasm_available", lambda: False)
    with pytest.raises(RenderError, match=r"pip install 'reprocess\[wasm\]'"):
        render("digraph { a }")
    with pytest.raises(RenderError, match=r"reprocess\[wasm\]"):
        render("digraph { a }", engine="wasm")
    with pytest.raises(RenderError, match="apt-get install graphviz"):
        render("digraph { a }", engine="native")


def test_auto_prefers_native(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "native_available", lambda: True)
    monkeypatch.setattr(engines, "wasm_available", lambda: True)
    assert engines.choose_engine("auto", "svg") == "native"
    monkeypatch.setattr(engines, "native_available", lambda: False)
    assert engines.choose_engine("auto", "svg") == "wasm"


def test_unknown_engine_or_format() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        engines.choose_engine("cairo", "svg")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown format"):
        engines.choose_engine("auto", "pdf")  # type: ignore[arg-type]


def test_wasm_missing_python_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "wasmtime" else real(name)
    )
    assert not engines.wasm_available()


def test_finish_svg_leaves_foreign_svg_alone() -> None:
    svg = b'<?xml version="1.0"?>\n<svg>\n<g id="a" class="node">\n<text x="1">a</text>\n</g>\n</svg>'
    assert finish_svg(svg) == svg


@pytest.mark.parametrize("engine", ENGINES)
def test_bands_are_widened_to_one_range(engine: str) -> None:
    import re

    text = _svg(engine).decode()
    ranges: dict[int, set[tuple[float, float]]] = {}
    for depth, points in re.findall(
        r'class="cluster bpmn&#45;(?:participant|lane) band&#45;(\d+)[^"]*">\n<title>[^<]*</title>\n'
        r'<polygon [^>]*points="([^"]*)"', text
    ):
        xs = [float(p.split(",")[0]) for p in points.split()]
        ranges.setdefault(int(depth), set()).add((min(xs), max(xs)))
    assert sorted(ranges) == [0, 1, 2]
    assert all(len(r) == 1 for r in ranges.values()), ranges
    (lo0, hi0), = ranges[0]
    (lo2, hi2), = ranges[2]
    assert (lo2 - lo0, hi0 - hi2) == (pytest.approx(16), pytest.approx(16))
