"""Output formats of ``reprocess check``: a registry of formatters by name.

Each formatter turns a :class:`~reprocess.analysis.engine.Report` into text. What a
report does not say (the rules that ran on each file, its failing severity, the
process of each element, the folder paths are relative to) comes in an optional
:class:`FormatContext`, which the command line fills in.

Examples:
    >>> sorted(FORMATS)
    ['github', 'json', 'junit', 'sarif', 'text']
    >>> format_report(Report(), "github")
    '::notice title=reprocess::0 file(s) checked: 0 error(s), 0 warning(s), 0 info, 0 waived\\n'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Protocol

from reprocess.analysis.engine import Report
from reprocess.analysis.finding import Severity
from reprocess.formats.github import format_github
from reprocess.formats.json import format_json
from reprocess.formats.junit import format_junit
from reprocess.formats.sarif import format_sarif
from reprocess.formats.text import format_text

__all__ = [
    "FORMATS",
    "FileContext",
    "FormatContext",
    "Formatter",
    "display_path",
    "format_report",
]


@dataclass(frozen=True)
class FileContext:
    """What the formatters know about one file beyond its analysis.

    Attributes:
        rules: codes of the rules that ran on the file (``None``: unknown; the
            formatters then list the rules that found something).
        fail_on: the lowest severity of an open finding that fails this file.
        processes: the process id of each element id the findings mention.

    Examples:
        >>> FileContext(rules=("APP001",)).fail_on.value
        'error'
    """

    rules: tuple[str, ...] | None = None
    fail_on: Severity = Severity.ERROR
    processes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FormatContext:
    """The run's context: one :class:`FileContext` per path, and the base folder.

    Examples:
        >>> ctx = FormatContext(files={"a.bpmn": FileContext(fail_on=Severity.WARNING)})
        >>> ctx.file("a.bpmn").fail_on.value, ctx.file("b.bpmn").fail_on.value
        ('warning', 'error')
    """

    files: Mapping[str, FileContext] = field(default_factory=dict)
    base: str | None = None
    """Folder that reported paths are made relative to (default: the working directory)."""

    def file(self, path: str | None) -> FileContext:
        """Return the context of ``path`` (defaults when unknown)."""
        return self.files.get(path or "", _NO_FILE)

    def display_path(self, path: str | None) -> str:
        """Return ``path`` relative to :attr:`base` with ``/`` separators (see
        :func:`display_path`)."""
        return display_path(path, base=self.base)


_NO_FILE = FileContext()


def display_path(path: str | None, *, base: str | None = None) -> str:
    """Return ``path`` with forward slashes, relative to ``base`` (default: the working
    directory) when it lies inside it; other paths are kept as given.

    Examples:
        >>> display_path("models/a.bpmn")
        'models/a.bpmn'
        >>> display_path("/srv/repo/models/a.bpmn", base="/srv/repo")
        'models/a.bpmn'
        >>> display_path("/elsewhere/a.bpmn", base="/srv/repo")
        '/elsewhere/a.bpmn'
        >>> display_path("./models/../models/a.bpmn")
        'models/a.bpmn'
    """
    if not path:
        return "<model>"
    p = PurePath(path)
    if p.is_absolute():
        root = base if base is not None else os.getcwd()
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()
    return PurePath(os.path.normpath(path)).as_posix()


class Formatter(Protocol):
    """A formatter: the report (and optionally the run's context) to text."""

    def __call__(self, report: Report, /, *, context: FormatContext | None = None) -> str:
        """Return ``report`` as text."""
        ...


def _text(report: Report, /, *, context: FormatContext | None = None) -> str:
    return format_text(report)


def _json(report: Report, /, *, context: FormatContext | None = None) -> str:
    return format_json(report)


FORMATS: dict[str, Formatter] = {
    "text": _text,
    "json": _json,
    "sarif": format_sarif,
    "junit": format_junit,
    "github": format_github,
}
"""Formatter by name (the values of ``reprocess check --format``)."""


def format_report(report: Report, fmt: str, *, context: FormatContext | None = None) -> str:
    """Return ``report`` in format ``fmt``, with the run's ``context`` when known.

    Raises:
        KeyError: unknown format.

    Examples:
        >>> format_report(Report(), "text")
        '0 file(s) checked: 0 error(s), 0 warning(s), 0 waived\\n'
    """
    return FORMATS[fmt](report, context=context)
