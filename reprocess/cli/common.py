"""Helpers shared by commands: path expansion, configuration, safe output files."""

from __future__ import annotations

import glob
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["BPMN_SUFFIXES", "expand_paths", "write_output"]

BPMN_SUFFIXES = (".bpmn", ".bpmn2", ".bpmn20.xml", ".xml")


def _is_model(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(BPMN_SUFFIXES) and not name.endswith((".expected.xml",))


def expand_paths(items: Iterable[str]) -> list[Path]:
    """Expand files, folders (recursively: *.bpmn, *.bpmn2, *.bpmn20.xml, *.xml) and globs.

    The result is sorted and without duplicates; a name that matches nothing is
    kept, so that reading it reports a clear error.
    """
    out: set[Path] = set()
    for item in items:
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "node_modules")))
                for f in files:
                    fp = Path(root) / f
                    if _is_model(fp):
                        out.add(fp)
        elif any(ch in item for ch in "*?["):
            for match in glob.glob(item, recursive=True):
                mp = Path(match)
                if mp.is_file():
                    out.add(mp)
        else:
            out.add(p)
    return sorted(out, key=lambda x: str(x))


def write_output(text: str | bytes, target: str | None) -> None:
    """Write to ``target`` atomically (temp file + rename), or to standard output."""
    if target is None or target == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    dest = Path(target)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
