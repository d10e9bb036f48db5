"""Helpers shared by commands: path expansion, a progress bar, safe output files.

Only the standard library: commands import this before deciding whether they need
the rest of ``reprocess``.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

__all__ = ["BPMN_SUFFIXES", "Progress", "expand_paths", "is_model_file", "write_output"]

BPMN_SUFFIXES = (".bpmn", ".bpmn2", ".bpmn20.xml", ".xml")
"""Suffixes of the files taken from a folder (plain ``.xml`` only when it is BPMN)."""

_BPMN_NS = b"http://www.omg.org/spec/BPMN/20100524/MODEL"
_SKIP_DIRS = ("node_modules", "__pycache__")


def is_model_file(path: str | Path) -> bool:
    """Return whether a file found in a folder is a BPMN model to check.

    ``.bpmn``, ``.bpmn2`` and ``.bpmn20.xml`` always are; another ``.xml`` file only
    when its first 4 KiB name the BPMN 2.0 namespace; ``*.expected.xml`` never.

    Examples:
        >>> is_model_file("a/b.bpmn"), is_model_file("b.BPMN2"), is_model_file("x.txt")
        (True, True, False)
        >>> is_model_file("missing.xml")
        False
    """
    name = Path(path).name.lower()
    if not name.endswith(BPMN_SUFFIXES) or name.endswith(".expected.xml"):
        return False
    if name.endswith((".bpmn", ".bpmn2", ".bpmn20.xml")):
        return True
    try:
        with open(path, "rb") as fh:
            return _BPMN_NS in fh.read(4096)
    except OSError:
        return False


def expand_paths(items: Iterable[str]) -> list[Path]:
    """Expand files, folders (recursively) and globs into a sorted list of model files.

    A folder gives the model files below it (see :func:`is_model_file`), skipping
    hidden folders and ``node_modules``; a glob (``*``, ``?``, ``[``; ``**`` recurses)
    gives the files it matches; a file is taken as it is, whatever its name. A name
    that matches nothing is kept, so that reading it reports a clear error. Paths
    inside the working directory are made relative to it; the result is sorted by
    path and names each file once, however many ways it was given.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> for name in ("b.bpmn", "a/c.bpmn2", "a/notes.txt", ".git/x.bpmn"):
        ...     (d / name).parent.mkdir(parents=True, exist_ok=True)
        ...     _ = (d / name).write_text("<x/>")
        >>> [p.relative_to(d).as_posix() for p in expand_paths([str(d)])]
        ['a/c.bpmn2', 'b.bpmn']
        >>> [p.name for p in expand_paths([str(d / "*.bpmn"), str(d / "b.bpmn")])]
        ['b.bpmn']
    """
    found: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs
                                 if not d.startswith(".") and d not in _SKIP_DIRS)
                found.extend(Path(root) / f for f in files if is_model_file(Path(root) / f))
        elif any(ch in item for ch in "*?[") and not p.exists():
            matches = [Path(m) for m in sorted(glob.glob(item, recursive=True))]
            hits = [m for m in matches if m.is_file()]
            for m in matches:
                if m.is_dir():
                    hits.extend(expand_paths([str(m)]))
            found.extend(hits or [p])
        else:
            found.append(p)
    unique: dict[str, Path] = {}
    for path in found:
        shown = _norm(path)
        unique.setdefault(os.path.realpath(shown), shown)
    return sorted(unique.values(), key=lambda x: x.as_posix())


def _norm(path: Path) -> Path:
    """The path as shown: normalised, and relative when it lies in the working directory."""
    path = Path(os.path.normpath(path))
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path
    return path


class Progress:
    """A one-line progress bar on a terminal: ``[#####.....] 120/300 files``.

    It draws only when ``stream`` is a terminal; :meth:`close` clears the line.

    Examples:
        >>> import io
        >>> bar = Progress(10, stream=io.StringIO())
        >>> bar.enabled
        False
    """

    def __init__(self, total: int, *, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.done = 0
        self.enabled = total > 1 and _isatty(self.stream)
        self._last = 0.0

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more files done and redraw (at most every 50 ms, and at the end)."""
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self._last >= 0.05 or self.done >= self.total):
            self._last = now
            filled = self.width * self.done // self.total if self.total else self.width
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
                              f"{self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def write_output(text: str | bytes, target: str | None) -> None:
    """Write to ``target`` atomically (temp file + rename), or to standard output.

    Folders are created; the file gets the usual permissions (umask), never a
    half-written state.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out" / "r.txt"
        >>> write_output("ok\\n", str(target))
        >>> target.read_text()
        'ok\\n'
        >>> write_output("to stdout\\n", None)
        to stdout
    """
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
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
