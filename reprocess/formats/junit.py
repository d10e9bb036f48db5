"""JUnit XML, the test report format that CI servers (GitLab, Jenkins, Azure, ...) read.

``<testsuites>`` holds one ``<testsuite>`` per file (its name is the path) and, in it,
one ``<testcase>`` per rule that ran on the file. A test case fails (``<failure>``)
when the rule has open findings at or above the file's failing severity; the failure
lists each of them with file:line, element, evidence and fix. Open findings below that
severity and waived ones are listed in ``<system-out>`` of a passing case; a case whose
findings are all waived is ``<skipped>``. A file that cannot be read is one case with an
``<error>``. Suite counts are the sums of their cases; the totals of ``<testsuites>``
are the sums of the suites.

Examples:
    >>> from reprocess.analysis.engine import Analysis, Report
    >>> xml = format_junit(Report(files=(Analysis(path="a.bpmn", error="a.bpmn:3: bad"),)))
    >>> print(xml.splitlines()[1])
    <testsuites name="reprocess" tests="1" failures="0" errors="1" skipped="0">
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import Diagnostic, FindingStatus
from reprocess.formats.sarif import UNREADABLE_CODE, UNREADABLE_NAME

if TYPE_CHECKING:
    from reprocess.formats import FileContext, FormatContext

__all__ = ["format_junit"]

# Characters XML 1.0 cannot hold (lxml refuses them): C0 controls but tab, CR, LF.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def format_junit(report: Report, /, *, context: FormatContext | None = None) -> str:
    """Return the report as JUnit XML (UTF-8, with an XML declaration).

    Examples:
        >>> print(format_junit(Report()), end="")
        <?xml version='1.0' encoding='UTF-8'?>
        <testsuites name="reprocess" tests="0" failures="0" errors="0" skipped="0"/>
    """
    from reprocess.formats import FormatContext

    ctx = context or FormatContext()
    root = etree.Element("testsuites", name=report.tool or "reprocess")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for analysis in report.files:
        suite = _suite(analysis, ctx, report)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        root.append(suite)
    for key, value in totals.items():
        root.set(key, str(value))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    return data.decode("utf-8")


def _clean(text: str) -> str:
    return _BAD_XML.sub("\N{REPLACEMENT CHARACTER}", text)


def _suite(analysis: Analysis, ctx: FormatContext, report: Report) -> etree._Element:
    path = ctx.display_path(analysis.path)
    classname = re.sub(r"\.(bpmn2?|bpmn20\.xml|xml)$", "", path, flags=re.IGNORECASE)
    suite = etree.Element("testsuite", name=_clean(path))
    props = etree.SubElement(suite, "properties")
    etree.SubElement(props, "property", name="target", value=report.target.value)
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    if analysis.error is not None:
        case = etree.SubElement(suite, "testcase", name=f"{UNREADABLE_CODE} {UNREADABLE_NAME}",
                                classname=_clean(classname), file=_clean(path))
        err = etree.SubElement(case, "error", message=_clean(analysis.error),
                               type=UNREADABLE_NAME)
        err.text = _clean(analysis.error)
        counts["tests"] = counts["errors"] = 1
    else:
        if analysis.level is not None:
            etree.SubElement(props, "property", name="level", value=analysis.level.value)
        fctx = ctx.file(analysis.path)
        by_code: dict[str, list[Diagnostic]] = {}
        for d in analysis.findings:
            by_code.setdefault(d.code, []).append(d)
        names = {d.code: d.name for d in analysis.findings}
        codes = sorted({*(fctx.rules or ()), *by_code})
        for code in codes:
            outcome = _case(suite, code, names.get(code), by_code.get(code, []), path,
                            classname, fctx)
            counts["tests"] += 1
            if outcome:
                counts[outcome] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case(suite: etree._Element, code: str, name: str | None, diags: list[Diagnostic],
          path: str, classname: str, fctx: FileContext) -> str | None:
    """Add one test case; return the counter it adds to (``failures``, ``skipped``)."""
    if name is None:
        name = _rule_name(code)
    case = etree.SubElement(suite, "testcase", name=f"{code} {name}".strip(),
                            classname=_clean(classname), file=_clean(path))
    failing = [d for d in diags if d.is_open and d.severity.rank >= fctx.fail_on.rank]
    quiet = [d for d in diags if d not in failing]
    outcome: str | None = None
    if failing:
        worst = max(failing, key=lambda d: d.severity.rank)
        message = failing[0].message if len(failing) == 1 else (
            f"{len(failing)} findings at or above {fctx.fail_on.value}: {failing[0].message}")
        fail = etree.SubElement(case, "failure", message=_clean(message),
                                type=worst.severity.value)
        fail.text = _clean("\n\n".join(_describe(d, path) for d in failing) + "\n")
        outcome = "failures"
    elif diags and not any(d.is_open for d in diags):
        reasons = "; ".join(dict.fromkeys(_status(d) for d in diags))
        etree.SubElement(case, "skipped", message=_clean(f"{len(diags)} finding(s) {reasons}"))
        outcome = "skipped"
    if quiet:
        out = etree.SubElement(case, "system-out")
        out.text = _clean("\n\n".join(_describe(d, path) for d in quiet) + "\n")
    return outcome


def _rule_name(code: str) -> str:
    from reprocess.analysis.rules import ALL_RULES

    return next((r.name for r in ALL_RULES if r.code == code), "")


def _status(d: Diagnostic) -> str:
    if d.status is FindingStatus.WAIVED:
        return f"waived: {d.waiver_reason}" if d.waiver_reason else "waived"
    if d.status is FindingStatus.ALTERNATIVE:
        return "on an alternative channel"
    return d.status.value


def _describe(d: Diagnostic, path: str) -> str:
    where = f"{path}:{d.line}" if d.line else path
    tag = d.severity.value if d.is_open else f"{d.severity.value}, {_status(d)}"
    if d.blocks is not None:
        tag += f", blocks {d.blocks.value}"
    if d.conditional:
        tag += ", conditional"
    lines = [f"{where}: {d.code} {d.name} [{tag}] {d.message}"]
    if d.element_id:
        label = f" «{d.element_name}»" if d.element_name else ""
        kind = f" ({d.element_type})" if d.element_type else ""
        lines.append(f"  element: {d.element_id}{label}{kind}")
    lines.extend(f"  evidence: {e.describe()}" for e in d.evidence)
    if d.fix:
        lines.append(f"  fix: {d.fix}")
    return "\n".join(lines)

