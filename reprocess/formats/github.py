"""GitHub Actions workflow commands: ``::error file=F,line=N,title=T::message``.

One annotation per open diagnostic (``error``, ``warning``, or ``notice`` for ``info``)
and per file that could not be read, then a summary ``::notice``. Waived findings and
findings on an alternative channel are left out. Values are escaped the way the
Actions runner expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.

Examples:
    >>> from reprocess.analysis.engine import Analysis
    >>> print(format_github(Report(files=(Analysis(path="a.bpmn", error="a.bpmn:2: bad, file"),))), end="")
    ::error file=a.bpmn,line=2,title=STR999 unreadable-file::a.bpmn:2: bad, file
    ::notice title=reprocess::1 file(s) checked: 1 error(s), 0 warning(s), 0 info, 0 waived, 1 unreadable
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reprocess.analysis.engine import Report
from reprocess.analysis.finding import FindingStatus, Severity
from reprocess.formats.sarif import UNREADABLE_CODE, UNREADABLE_NAME, error_line

if TYPE_CHECKING:
    from reprocess.formats import FormatContext

__all__ = ["escape_data", "escape_property", "format_github"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a message (the part after ``::``).

    Examples:
        >>> escape_data("50% done\\nnext")
        '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``).

    Examples:
        >>> escape_property("a,b: c")
        'a%2Cb%3A c'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report, /, *, context: FormatContext | None = None) -> str:
    """Return one annotation line per open diagnostic and unreadable file, and a summary.

    Examples:
        >>> format_github(Report()).startswith("::notice title=reprocess::0 file(s)")
        True
    """
    from reprocess.formats import FormatContext

    ctx = context or FormatContext()
    out: list[str] = []
    counts = dict.fromkeys(("error", "warning", "info", "waived", "unreadable"), 0)
    for a in report.files:
        path = escape_property(ctx.display_path(a.path))
        if a.error is not None:
            line = error_line(a)
            where = f",line={line}" if line else ""
            title = escape_property(f"{UNREADABLE_CODE} {UNREADABLE_NAME}")
            out.append(f"::error file={path}{where},title={title}::{escape_data(a.error)}")
            counts["error"] += 1
            counts["unreadable"] += 1
            continue
        for d in a.findings:
            if d.status is FindingStatus.WAIVED:
                counts["waived"] += 1
            if not d.is_open:
                continue
            counts[d.severity.value] += 1
            where = f",line={d.line}" if d.line else ""
            title = escape_property(f"{d.code} {d.name}")
            text = d.message + (f" [{d.element_id}]" if d.element_id else "")
            out.append(f"::{_COMMAND[d.severity]} file={path}{where},title={title}::"
                       f"{escape_data(text)}")
    summary = (f"{len(report.files)} file(s) checked: {counts['error']} error(s), "
               f"{counts['warning']} warning(s), {counts['info']} info, {counts['waived']} waived")
    if counts["unreadable"]:
        summary += f", {counts['unreadable']} unreadable"
    out.append(f"::notice title=reprocess::{escape_data(summary)}")
    return "\n".join(out) + "\n"
