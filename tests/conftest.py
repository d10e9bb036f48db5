"""Shared fixtures and helpers for the reprocess test suite.

Sections (add new ones below, each short and typed):

* corpus: the BPMN test corpus, which lives outside the repository
  (``../shared/corpus`` beside the repo, or ``$REPROCESS_CORPUS``).
* node: the JS harness in ``tests/js`` (bpmn-moddle import check, bpmnlint),
  installed by ``make tools``. See docs/development.md.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
JS_DIR = REPO_ROOT / "tests" / "js"

# --- corpus ---------------------------------------------------------------------------


def corpus_path() -> Path:
    """Where the corpus should be: $REPROCESS_CORPUS, else ../shared/corpus from the repo."""
    env = os.environ.get("REPROCESS_CORPUS")
    if env:
        return Path(env).expanduser().resolve()
    return REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus folder (holding MANIFEST.tsv); skips the test when it is absent."""
    path = corpus_path()
    if not (path / "MANIFEST.tsv").is_file():
        pytest.skip(
            f"BPMN corpus not found at {path}: set REPROCESS_CORPUS to the folder "
            "that holds MANIFEST.tsv (normally ../shared/corpus beside the repo)"
        )
    return path


@pytest.fixture(scope="session")
def corpus_rows(corpus_dir: Path) -> list[dict[str, str]]:
    """MANIFEST.tsv as one dict per file, keyed by column name (all values are strings).

    ``corpus_dir / row["file"]`` is the file's path.
    """
    with (corpus_dir / "MANIFEST.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- node (JS harness) ------------------------------------------------------------------

NODE_TIMEOUT_S = 900


def run_node(script: str, paths: list[Path]) -> list[dict[str, Any]]:
    """Run ``node tests/js/<script>`` on ``paths`` and return its JSON lines, in order.

    ``script`` is ``"moddle_check.mjs"`` or ``"lint_check.mjs"``; the line formats are
    described at the top of each script. One Node process handles all paths (they are
    passed on stdin), so batch them. Skips the calling test when node or the installed
    harness (``make tools``) is missing; fails it when the script itself fails.
    Use it directly (``from conftest import run_node``) or through the ``node_harness``
    fixture.
    """
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found on PATH: install Node.js >= 20 for the JS harness checks")
    if not (JS_DIR / "node_modules").is_dir():
        pytest.skip("tests/js/node_modules is missing: run `make tools` (needs npm)")
    if not paths:
        return []
    proc = subprocess.run(
        [node, str(JS_DIR / script), "-"],
        input="".join(f"{Path(p).resolve()}\n" for p in paths),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=NODE_TIMEOUT_S,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"node {script} exited with {proc.returncode}:\n{proc.stderr[-4000:]}")
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    if len(results) != len(paths):
        pytest.fail(f"node {script} gave {len(results)} results for {len(paths)} files")
    return results


@pytest.fixture
def node_harness() -> Callable[[str, list[Path]], list[dict[str, Any]]]:
    """The ``run_node`` function, for tests that prefer a fixture to an import."""
    return run_node
