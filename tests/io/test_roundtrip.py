"""Round trips: model -> XML -> model is the identity, and writing is deterministic.

* every generated model (``strategies.definitions``) reads back equal after writing;
* every fixture file reads, writes and reads back equal, and a second write gives the
  same bytes;
* reading never changes the file it reads.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings

from reprocess.io import parse_bpmn, read_bpmn, to_bpmn_string, write_bpmn
from reprocess.model import Definitions

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if p.is_file())


def _load_strategies() -> ModuleType:
    """Import ``strategies.py`` beside this file under a name no other suite uses."""
    name = "reprocess_tests_io_strategies"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("strategies.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


strategies = _load_strategies()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.definitions())
def test_generated_model_reads_back_equal(model: Definitions) -> None:
    text = to_bpmn_string(model)
    again = parse_bpmn(text)
    assert again == model, strategies.first_difference(model, again)
    assert to_bpmn_string(again) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.definitions())
def test_compact_output_reads_back_equal(model: Definitions) -> None:
    again = parse_bpmn(write_bpmn(model, pretty=False) or b"")
    assert again == model, strategies.first_difference(model, again)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_round_trip(path: Path) -> None:
    model = read_bpmn(path)
    data = write_bpmn(model)
    assert data is not None
    again = parse_bpmn(data)
    assert again == model, strategies.first_difference(model, again)
    assert write_bpmn(again) == data


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_writing_twice_gives_the_same_bytes(path: Path) -> None:
    model = read_bpmn(path)
    assert write_bpmn(model) == write_bpmn(model)
    assert write_bpmn(model, pretty=False) == write_bpmn(model, pretty=False)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_reading_never_modifies_the_input(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    os.utime(copy, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = copy.stat()
    read_bpmn(copy)
    read_bpmn(str(copy), lenient=True)
    with copy.open("rb") as fh:
        read_bpmn(fh)
    after = copy.stat()
    assert copy.read_bytes() == path.read_bytes()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def test_round_trip_keeps_vendor_content_byte_for_byte() -> None:
    """Extension elements and kept attributes survive unchanged, in canonical form."""
    model = read_bpmn(FIXTURES / "camunda7.bpmn")
    review = model.node("Review")
    assert [x.local_name for x in review.extensions] == ["inputOutput", "taskListener"]
    again = parse_bpmn(to_bpmn_string(model))
    assert again.node("Review").extensions == review.extensions
    assert again.node("Review").attrs == review.attrs
    assert again.node("Review").children == review.children
