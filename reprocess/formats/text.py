"""The human-readable report: ``file:line: CODE [severity] message``, then the level."""

from __future__ import annotations

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import FindingStatus

__all__ = ["format_analysis", "format_text"]


def _flag(value: bool | None) -> str:
    if value is None:
        return "n/a"
    return "yes" if value else "no"


def format_analysis(analysis: Analysis, *, show_waived: bool = False) -> list[str]:
    """Return the lines of one file's analysis.

    Examples:
        >>> format_analysis(Analysis(path="a.bpmn", error="a.bpmn:3: not BPMN"))
        ['a.bpmn: error: a.bpmn:3: not BPMN']
    """
    path = analysis.path or "<model>"
    if analysis.error is not None:
        return [f"{path}: error: {analysis.error}"]
    lines: list[str] = []
    for d in analysis.findings:
        if d.status is FindingStatus.WAIVED and not show_waived:
            continue
        where = f"{path}:{d.line}" if d.line else path
        tag = d.severity.value
        if d.status is not FindingStatus.OPEN:
            tag += f", {d.status.value}"
        if d.conditional:
            tag += ", conditional"
        blocks = f" blocks {d.blocks.value}" if d.blocks is not None else ""
        elem = f" [{d.element_id}]" if d.element_id else ""
        lines.append(f"{where}: {d.code} {tag}{blocks}{elem} {d.message}")
    a = analysis.assessment
    if a is not None:
        name = f" «{a.service.name}»" if a.service and a.service.name else ""
        lines.append(
            f"{path}:{name} level {a.level.value} (apply online: {_flag(a.can_apply_online)}, "
            f"pay online: {_flag(a.can_pay_online)}, e-result: {_flag(a.result_electronic)}); "
            f"{a.metrics.steps} steps, {a.metrics.visits} visit(s), "
            f"{a.metrics.documents} document(s), {a.metrics.copies} copies"
        )
    return lines


def format_text(report: Report) -> str:
    """Return the whole report as text, with a summary line at the end.

    Examples:
        >>> format_text(Report()).strip()
        '0 file(s) checked: 0 error(s), 0 warning(s), 0 waived'
    """
    lines: list[str] = []
    errors = warnings = waived = 0
    for analysis in report.files:
        lines.extend(format_analysis(analysis))
        for d in analysis.findings:
            if d.status is FindingStatus.WAIVED:
                waived += 1
            elif d.is_open and d.severity.value == "error":
                errors += 1
            elif d.is_open and d.severity.value == "warning":
                warnings += 1
        if analysis.error is not None:
            errors += 1
    lines.append(f"{len(report.files)} file(s) checked: {errors} error(s), "
                 f"{warnings} warning(s), {waived} waived")
    return "\n".join(lines) + "\n"
