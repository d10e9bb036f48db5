"""GitHub Actions workflow commands: ``::error file=F,line=N,title=T::message``."""

from __future__ import annotations

from reprocess.analysis.engine import Report

__all__ = ["format_github"]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """Return one annotation line per open diagnostic (and per unreadable file).

    Examples:
        >>> from reprocess.analysis.engine import Analysis
        >>> format_github(Report(files=(Analysis(path="a.bpmn", error="bad, file"),)))
        '::error file=a.bpmn,title=reprocess::bad, file\\n'
    """
    out: list[str] = []
    for a in report.files:
        path = _escape_prop(a.path or "")
        if a.error is not None:
            out.append(f"::error file={path},title=reprocess::{_escape_data(a.error)}")
            continue
        for d in a.findings:
            if not d.is_open:
                continue
            level = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
            line = f",line={d.line}" if d.line else ""
            title = _escape_prop(f"{d.code} {d.name}")
            out.append(f"::{level} file={path}{line},title={title}::{_escape_data(d.message)}")
    return "\n".join(out) + ("\n" if out else "")
