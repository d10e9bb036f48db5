"""The Python examples of docs/redesign.md run, in order, in one namespace."""

from __future__ import annotations

import os
import re

from redesign_support import ROOT


def test_docs_examples_run() -> None:
    text = (ROOT / "docs" / "redesign.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        namespace: dict[str, object] = {}
        for block in blocks:
            exec(compile(block, "docs/redesign.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
