"""The structural rules against bpmnlint's own fixtures and the whole corpus.

bpmnlint's fixtures are the external check of precision and recall: for every
``bpmnlint/rules/<rule>/invalid*`` file of the corpus (``invalid=lint:<rule>`` in
MANIFEST.tsv) the STR rule covering ``<rule>`` (``Rule.bpmnlint``) must report at least
one finding, and on every ``valid*`` fixture of a covered rule it must report nothing.
Every recommended bpmnlint rule is covered. The STR rules must also run without an
internal error (``STR000``) on every file the corpus expects to be valid, and stay
fast on its largest file.

The corpus lives outside the repository: ``$REPROCESS_CORPUS`` or ``../shared/corpus``
beside the repository; the tests skip with a message when it is absent.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import corpus_path

from reprocess.analysis.context import build_context
from reprocess.analysis.engine import run_rules
from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.structure import RULES
from reprocess.errors import ReprocessError
from reprocess.io import read_bpmn

CORPUS = corpus_path()
MANIFEST = CORPUS / "MANIFEST.tsv"
SKIP_REASON = (f"BPMN corpus not found at {CORPUS}: set REPROCESS_CORPUS to the folder that "
               "holds MANIFEST.tsv (normally ../shared/corpus beside the repository)")

BPMNLINT_RECOMMENDED = frozenset({
    "ad-hoc-sub-process", "conditional-flows", "end-event-required", "event-based-gateway",
    "event-sub-process-typed-start-event", "fake-join", "global", "label-required",
    "link-event", "no-bpmndi", "no-complex-gateway", "no-disconnected",
    "no-duplicate-sequence-flows", "no-gateway-join-fork", "no-implicit-end",
    "no-implicit-split", "no-implicit-start", "no-inclusive-gateway",
    "no-overlapping-elements", "single-blank-start-event", "single-event-definition",
    "start-event-required", "sub-process-blank-start-event", "superfluous-gateway",
    "superfluous-label", "superfluous-termination",
})
"""bpmnlint 11's ``recommended`` configuration (every rule but the two below)."""

NOT_COVERED = {
    "conditional-event": "not in bpmnlint's recommended set; a conditional event's "
                         "condition is an engine expression, meaningless in a service map",
    "standard-size": "not in bpmnlint's recommended set; shape sizes are a drawing "
                     "convention of bpmn-js, and the renderer sizes Thai labels itself",
}
"""bpmnlint rules no STR rule covers, and why."""

COVERING: dict[str, Rule] = {name: r for r in RULES for name in r.bpmnlint}
LINT_TAG = re.compile(r"invalid=lint:([a-z-]+)")
LARGEST_BUDGET_S = 5.0
"""All STR rules on the largest corpus file (1555 nodes) take well under a second."""


def _rows() -> list[dict[str, str]]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()


def _lint_rule(row: dict[str, str]) -> str | None:
    m = LINT_TAG.match(row["notes"])
    return m.group(1) if m else None


def _fixture_rule(row: dict[str, str]) -> str | None:
    parts = Path(row["file"]).parts
    if len(parts) == 4 and parts[:2] == ("bpmnlint", "rules"):
        return parts[2]
    return None


INVALID = [(r, _lint_rule(r)) for r in ROWS if _lint_rule(r) in COVERING]
VALID = [(r, _fixture_rule(r)) for r in ROWS
         if r["valid_expected"] == "yes" and _fixture_rule(r) in COVERING
         and Path(r["file"]).name.startswith("valid")]
READABLE = [r for r in ROWS if r["valid_expected"] == "yes"
            or not r["notes"].startswith(("invalid=xml", "invalid=not-bpmn"))]
"""Files a lenient read should take: the valid ones, and the lint/schema/reference/semantic/
DI cases (duplicate ids, dangling references ...) that STR008/STR017/STR018 report."""


def _or_skip(cases: list[object], width: int) -> list[object]:
    """The cases, or one placeholder that skips with the reason when there is no corpus."""
    if ROWS:
        return cases
    return [pytest.param(*([None] * width), marks=pytest.mark.skip(reason=SKIP_REASON))]


def _ids(case: object) -> str:
    row = case[0] if isinstance(case, tuple) else case
    return row["file"] if isinstance(row, dict) else str(row)


def _findings(path: Path, rules: tuple[Rule, ...], *, lenient: bool = False
              ) -> dict[str, list[str | None]]:
    ctx = build_context(read_bpmn(path, lenient=lenient))
    found: dict[str, list[str | None]] = {}
    for r, f in run_rules(ctx, rules):
        found.setdefault(r.code, []).append(f.element_id)
    return found


def test_corpus_present() -> None:
    if not ROWS:
        pytest.skip(SKIP_REASON)
    assert INVALID, "no invalid=lint: fixture of a covered bpmnlint rule in the manifest"
    assert VALID, "no valid bpmnlint fixture of a covered rule in the manifest"


def test_every_recommended_bpmnlint_rule_is_covered() -> None:
    covered = set(COVERING)
    assert covered >= BPMNLINT_RECOMMENDED, sorted(BPMNLINT_RECOMMENDED - covered)
    assert not covered & set(NOT_COVERED)
    unknown = covered - BPMNLINT_RECOMMENDED - set(NOT_COVERED)
    assert not unknown, f"Rule.bpmnlint names no bpmnlint rule: {sorted(unknown)}"


def test_corpus_fixture_rules_are_all_accounted_for() -> None:
    if not ROWS:
        pytest.skip(SKIP_REASON)
    in_corpus = {_fixture_rule(r) for r in ROWS} - {None}
    assert in_corpus <= set(COVERING) | set(NOT_COVERED), sorted(
        in_corpus - set(COVERING) - set(NOT_COVERED))


@pytest.mark.parametrize(("row", "lint_rule"), _or_skip(list(INVALID), 2), ids=_ids)
def test_invalid_bpmnlint_fixture_is_reported(row: dict[str, str], lint_rule: str) -> None:
    rule = COVERING[lint_rule]
    found = _findings(CORPUS / row["file"], (rule,))
    assert "STR000" not in found, found
    assert found.get(rule.code), f"{rule.code} ({lint_rule}) reported nothing"


@pytest.mark.parametrize(("row", "lint_rule"), _or_skip(list(VALID), 2), ids=_ids)
def test_valid_bpmnlint_fixture_is_clean(row: dict[str, str], lint_rule: str) -> None:
    rule = COVERING[lint_rule]
    found = _findings(CORPUS / row["file"], (rule,))
    assert not found, f"{rule.code} ({lint_rule}) reported {found}"


@pytest.mark.parametrize("row", _or_skip(list(READABLE), 1), ids=_ids)
def test_structure_rules_run_on_corpus_file(row: dict[str, str]) -> None:
    """No rule fails (``STR000``) on any file a lenient read takes."""
    path = CORPUS / row["file"]
    if row["valid_expected"] != "yes":
        try:
            read_bpmn(path, lenient=True)
        except ReprocessError as exc:
            pytest.skip(f"the reader refuses it even leniently: {exc}")
    found = _findings(path, RULES, lenient=True)
    assert "STR000" not in found, found
