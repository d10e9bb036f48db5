"""The written to-be of every example opens in bpmn-moddle without warnings, and
bpmnlint's recommended rules report nothing new on it.

Skipped with a message when node or tests/js/node_modules is missing (``make tools``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from redesign_support import EXAMPLES

from reprocess.io import read_bpmn, write_bpmn
from reprocess.redesign import redesign
from reprocess.render.layout import layout

Harness = Callable[[str, list[Path]], list[dict[str, Any]]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path, Path]]:
    """(as-is, as-is laid out, to-be laid out) for every example, both variants."""
    out = tmp_path_factory.mktemp("to-be")
    rows = []
    for path in EXAMPLES:
        defs = read_bpmn(str(path))
        relaid = out / f"{path.stem}.as-is.bpmn"
        write_bpmn(layout(defs), str(relaid))
        for law in (False, True):
            to_be = out / f"{path.stem}.{'law' if law else 'now'}.bpmn"
            write_bpmn(layout(redesign(defs, assume_law_change=law).to_be), str(to_be))
            rows.append((path, relaid, to_be))
    return rows


def test_moddle_imports_without_warnings(written: list[tuple[Path, Path, Path]],
                                         node_harness: Harness) -> None:
    results = node_harness("moddle_check.mjs", [r[2] for r in written])
    bad = [(r["file"], r["error"], r["warnings"]) for r in results
           if not r["ok"] or r["warnings"]]
    assert bad == []


def _reports(result: dict[str, Any]) -> set[tuple[str, str]]:
    return {(r["rule"], r["id"]) for r in result["reports"]}


def test_bpmnlint_reports_nothing_new(written: list[tuple[Path, Path, Path]],
                                     node_harness: Harness) -> None:
    paths = [p for row in written for p in row]
    results = iter(node_harness("lint_check.mjs", paths))
    new = []
    for as_is, _relaid, to_be in written:
        before, before_relaid, after = next(results), next(results), next(results)
        # what the layout itself reports on the as-is (pools stacked edge to edge) is the
        # layout's, not the redesign's: compare with the as-is laid out the same way
        known = _reports(before) | _reports(before_relaid)
        pools = {p.id for p in read_bpmn(str(to_be)).participants}
        layout_overlaps = any(rule == "no-overlapping-elements" and i in pools
                              for rule, i in _reports(before_relaid))
        extra = sorted(r for r in _reports(after) - known
                       if not (layout_overlaps and r[0] == "no-overlapping-elements"
                               and r[1] in pools))
        if extra or after["error"]:
            new.append((to_be.name, after["error"], extra))
        del as_is
    assert new == []
