"""Output formats of ``reprocess check``: a registry of formatters by name.

Each formatter turns a :class:`~reprocess.analysis.engine.Report` into text.

Examples:
    >>> sorted(FORMATS)[:2]
    ['github', 'json']
"""

from __future__ import annotations

from collections.abc import Callable

from reprocess.analysis.engine import Report
from reprocess.formats.github import format_github
from reprocess.formats.json import format_json
from reprocess.formats.text import format_text

__all__ = ["FORMATS", "Formatter", "format_report"]

Formatter = Callable[[Report], str]

FORMATS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
"""Formatter by name; ``sarif`` and ``junit`` register here too."""


def format_report(report: Report, fmt: str) -> str:
    """Return ``report`` in format ``fmt``.

    Raises:
        KeyError: unknown format.
    """
    return FORMATS[fmt](report)
