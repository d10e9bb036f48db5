"""Every file of the shared BPMN corpus, as ``shared/corpus/README.md`` demands.

* ``valid_expected=yes`` and ``invalid=lint:*`` files read (strictly). A few ``yes`` files
  hold references that really dangle (checked here against the raw XML); for those the
  strict read must raise :class:`BpmnReferenceError` listing exactly those problems, and
  the lenient read must succeed.
* ``invalid=xml`` files raise :class:`BpmnSyntaxError`, ``invalid=not-bpmn`` files raise
  :class:`NotBpmnError`, naming the file, with or without ``lenient``.
* every other file reads or raises a :class:`ReprocessError`; no other exception type
  escapes for any file, strict or lenient.
* every readable file round-trips: read -> write -> read gives an equal model (DI and
  extensions included), and writing the result again gives the same bytes.

The counts are printed at the end (``pytest -s`` or the terminal summary).

The corpus lives outside the repository: ``$REPROCESS_CORPUS`` or ``../shared/corpus``.
"""

from __future__ import annotations

import collections
import csv
import os
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from reprocess.errors import BpmnReferenceError, BpmnSyntaxError, NotBpmnError, ReprocessError
from reprocess.io import parse_bpmn, read_bpmn, write_bpmn
from reprocess.model import Definitions

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("REPROCESS_CORPUS") or REPO.parent / "shared" / "corpus")
MANIFEST = CORPUS / "MANIFEST.tsv"


def _rows() -> list[dict[str, str]]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()
RESULTS: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)


def _kind(row: dict[str, str]) -> str:
    return row["notes"].split(";")[0].strip()


def _must_read(row: dict[str, str]) -> bool:
    return row["valid_expected"] == "yes" or _kind(row).startswith("invalid=lint:")


def _really_broken(path: Path, err: BpmnReferenceError) -> bool:
    """Whether every reported problem is real, judged from the raw XML alone."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    root = etree.parse(str(path), parser).getroot()
    ids = collections.Counter(el.get("id") for el in root.iter() if el.get("id") is not None)
    for problem in err.problems:
        if problem.code == "duplicate-id":
            if ids[problem.element_id] < 2:
                return False
        else:
            target = problem.message.split(" points at '", 1)[1].rsplit("'", 1)[0]
            if ids[target] > 0:
                return False
    return True


def _without_problem_lines(defs: Definitions) -> Definitions:
    """Lines of lenient problems move when the file is rewritten; the problems do not."""
    return defs.model_copy(
        update={"problems": tuple(p.model_copy(update={"line": None}) for p in defs.problems)}
    )


if not ROWS:

    def test_corpus_is_missing() -> None:
        pytest.skip(
            f"BPMN corpus not found at {CORPUS}: set REPROCESS_CORPUS to the folder holding "
            "MANIFEST.tsv (normally ../shared/corpus beside the repository)"
        )


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_corpus_file(row: dict[str, str]) -> None:
    path = CORPUS / row["file"]
    kind = _kind(row)
    outcome: dict[bool, Any] = {}
    for lenient in (False, True):
        try:
            outcome[lenient] = read_bpmn(path, lenient=lenient)
        except ReprocessError as exc:  # any other exception type fails the test, as it should
            outcome[lenient] = exc
        if isinstance(outcome[lenient], ReprocessError):
            message = str(outcome[lenient])
            assert str(path) in message, f"the message does not name the file: {message}"
    strict, lenient_result = outcome[False], outcome[True]
    RESULTS["strict"][type(strict).__name__ if not isinstance(strict, Definitions) else "read"] += 1
    RESULTS["lenient"][
        type(lenient_result).__name__ if not isinstance(lenient_result, Definitions) else "read"
    ] += 1

    if _must_read(row):
        if isinstance(strict, BpmnReferenceError):
            assert _really_broken(path, strict), f"false reference problems: {strict}"
            RESULTS["manifest"]["valid per manifest, but references really dangle"] += 1
            assert isinstance(lenient_result, Definitions)
            assert len(lenient_result.problems) == len(strict.problems)
        else:
            assert isinstance(strict, Definitions), f"must read: {strict}"
    elif kind.startswith("invalid=xml"):
        assert isinstance(strict, BpmnSyntaxError), strict
        assert isinstance(lenient_result, BpmnSyntaxError), lenient_result
    elif kind.startswith("invalid=not-bpmn"):
        assert isinstance(strict, NotBpmnError), strict
        assert isinstance(lenient_result, NotBpmnError), lenient_result

    if isinstance(lenient_result, Definitions):
        data = write_bpmn(lenient_result)
        assert data is not None
        again = parse_bpmn(data, lenient=True)
        assert _without_problem_lines(again) == _without_problem_lines(lenient_result)
        assert write_bpmn(again) == data
        RESULTS["round trip"]["equal"] += 1


def test_corpus_summary() -> None:
    """Print the counts (runs last in this module)."""
    if not ROWS:
        pytest.skip("no corpus")
    if not RESULTS:
        pytest.skip("the per-file tests did not run")
    lines = [f"corpus: {len(ROWS)} files in {CORPUS}"]
    for section in ("strict", "lenient", "round trip", "manifest"):
        counts = ", ".join(f"{k} {v}" for k, v in sorted(RESULTS[section].items()))
        lines.append(f"  {section}: {counts or '-'}")
    print("\n" + "\n".join(lines))
    assert sum(RESULTS["strict"].values()) == len(ROWS)
