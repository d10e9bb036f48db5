"""Notebook display: the MIME bundles of models, analyses, proposals and comparisons."""

from __future__ import annotations

import pickle

import pytest
from handout_support import ANY_ENGINE, E1, E3, E11, analysis_of, model, proposal_of
from lxml import etree

import reprocess
from reprocess.analysis import Analysis
from reprocess.model import Definitions
from reprocess.redesign import Proposal
from reprocess.render import engines
from reprocess.render.compare import Comparison
from reprocess.render.notebook import MIME_HTML, MIME_SVG, MIME_TEXT, mimebundle, text_form


def objects() -> list[object]:
    return [model(E1), analysis_of(E1), proposal_of(E1),
            Comparison.from_proposal(proposal_of(E1), before=analysis_of(E1))]


@ANY_ENGINE
@pytest.mark.parametrize("index", range(4), ids=["model", "analysis", "proposal", "compare"])
def test_full_bundle(index: int) -> None:
    obj = objects()[index]
    bundle = mimebundle(obj)
    assert set(bundle) == {MIME_SVG, MIME_HTML, MIME_TEXT}
    etree.fromstring(bundle[MIME_SVG].encode())  # well-formed SVG
    assert "<svg " in bundle[MIME_HTML]  # front ends prefer HTML: it carries the picture
    assert "<table" in bundle[MIME_HTML]
    assert bundle == mimebundle(obj)  # deterministic


def test_text_forms_are_short_and_stable() -> None:
    texts = [text_form(o) for o in objects()]
    assert texts[0].startswith("<Definitions 'Definitions_E1' การจดทะเบียนพาณิชย์")
    assert texts[1] == ("<Analysis e1-commercial-registration.bpmn: level L0; "
                        "blockers L1 4, L2 2, L3 1; "
                        f"{sum(d.is_open for d in analysis_of(E1).findings)} open findings, "
                        "0 waived>")
    assert texts[2].startswith("<Proposal L0 -> L3 (target L3, reached): ")
    assert texts[3].startswith("<Comparison L0 -> L3: steps and documents: ")
    for t in texts:
        assert "\n" not in t
        assert len(t) < 200
        assert " at 0x" not in t
        assert "/" not in t.split(":")[0]  # no absolute path


def test_include_and_exclude_compute_only_what_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_drawing(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the diagram was drawn although not asked for")

    monkeypatch.setattr(engines, "render", no_drawing)
    assert set(mimebundle(model(E1), include={MIME_TEXT})) == {MIME_TEXT}
    assert mimebundle(model(E1), exclude={MIME_TEXT, MIME_HTML, MIME_SVG}) == {}


def test_no_engine_falls_back_to_html_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "native_available", lambda: False)
    monkeypatch.setattr(engines, "wasm_available", lambda: False)
    for obj in objects():
        bundle = mimebundle(obj)
        assert set(bundle) == {MIME_HTML, MIME_TEXT}
        assert "no Graphviz engine" in bundle[MIME_HTML]


def test_a_failing_drawing_never_fails_the_display(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(engines, "available_engines", lambda: ("native",))
    monkeypatch.setattr(engines, "render", broken)
    bundle = mimebundle(analysis_of(E3))
    assert MIME_SVG not in bundle
    assert "RuntimeError: boom" in bundle[MIME_HTML]
    assert "APP001" in bundle[MIME_HTML]


def test_analysis_without_a_file_shows_the_table_only() -> None:
    a = reprocess.check(model(E1))
    a = a.model_copy(update={"path": None})
    a = pickle.loads(pickle.dumps(a))  # as if it came from another process: no model kept
    assert a.model is None
    bundle = mimebundle(a)
    assert MIME_SVG not in bundle
    assert "APP001" in bundle[MIME_HTML]
    failed = mimebundle(Analysis(path="/somewhere/x.bpmn", error="not BPMN"))
    assert failed[MIME_TEXT] == "<Analysis x.bpmn: not analysed: not BPMN>"


def test_findings_table_is_escaped() -> None:
    html = mimebundle(analysis_of(E11), exclude={MIME_SVG})[MIME_HTML]
    assert "alternative-channel" in html
    assert "<script" not in html


def test_unsupported_object() -> None:
    with pytest.raises(TypeError, match="no notebook display for int"):
        mimebundle(3)


@pytest.mark.parametrize("cls", [Definitions, Analysis, Proposal])
def test_repr_mimebundle_wiring(cls: type) -> None:
    """The lead's ``_repr_mimebundle_`` methods hand over to :func:`mimebundle`."""
    if "_repr_mimebundle_" not in vars(cls):
        pytest.skip(f"{cls.__name__}._repr_mimebundle_ is not wired yet")
    obj = {Definitions: model(E1), Analysis: analysis_of(E1), Proposal: proposal_of(E1)}[cls]
    include = {MIME_TEXT, MIME_HTML}
    assert obj._repr_mimebundle_(include=include, exclude=None) == mimebundle(
        obj, include=include)
