"""Files written by reprocess import into bpmn-moddle (bpmn.io) without new warnings.

Every readable corpus file is read (leniently), written to a temporary folder, and both
the original and the written copy are imported by bpmn-moddle in one Node process
(``tests/js/moddle_check.mjs``). The written copy must import whenever the original
does, and must not raise a warning the original did not already raise. Warnings are
compared as normalised messages (no line or column); element ids are kept by the
writer, so messages naming an id compare directly.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reprocess.errors import ReprocessError
from reprocess.io import read_bpmn, write_bpmn


def test_written_files_raise_no_new_moddle_warnings(
    corpus_dir: Path,
    corpus_rows: list[dict[str, str]],
    node_harness: Callable[[str, list[Path]], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    originals: list[Path] = []
    written: list[Path] = []
    for index, row in enumerate(corpus_rows):
        source = corpus_dir / row["file"]
        try:
            defs = read_bpmn(source, lenient=True)
        except ReprocessError:
            continue
        target = tmp_path / f"{index:03d}-{source.name}"
        write_bpmn(defs, target)
        originals.append(source)
        written.append(target)
    results = node_harness("moddle_check.mjs", originals + written)
    before, after = results[: len(originals)], results[len(originals) :]

    new: list[str] = []
    broken: list[str] = []
    totals = collections.Counter[str]()
    for source, old, fresh in zip(originals, before, after, strict=True):
        old_warnings = collections.Counter(old["warnings"])
        new_warnings = collections.Counter(fresh["warnings"])
        totals["original warnings"] += sum(old_warnings.values())
        totals["written warnings"] += sum(new_warnings.values())
        if old["ok"] and not fresh["ok"]:
            broken.append(f"{source}: {fresh['error']}")
        for message in new_warnings - old_warnings:
            new.append(f"{source}: {message}")
        totals["fewer warnings"] += int(sum(new_warnings.values()) < sum(old_warnings.values()))
    print(
        f"\nbpmn-moddle: {len(originals)} files written; warnings "
        f"{totals['original warnings']} in the originals, {totals['written warnings']} in the "
        f"written copies, {len(new)} new; {totals['fewer warnings']} files have fewer"
    )
    assert not broken, broken
    assert not new, new[:20]
