"""SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), for code scanning.

One run: ``tool.driver`` lists the rules (code, kebab name, title, the "What it does"
section, the rule's documentation page as help, and its level, obstacles and
patterns); one result per diagnostic with the file and line, the element id as a
logical location and a fingerprint that survives moving the element in the file.
Waived findings, and findings on a counter branch while another channel of the
service is digital, carry an external suppression with the reason. A file that
cannot be read is a tool execution notification plus a result of the reserved rule
``STR999`` (``unreadable-file``). The JSON is written by hand (no SARIF library) and
is deterministic: the same report gives the same bytes.

Examples:
    >>> from reprocess.analysis.engine import Analysis, Report
    >>> import json
    >>> log = json.loads(format_sarif(Report(files=(Analysis(path="a.bpmn", error="a.bpmn:3: bad"),))))
    >>> log["version"], log["runs"][0]["results"][0]["ruleId"]
    ('2.1.0', 'STR999')
    >>> log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    {'startLine': 3}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from reprocess.analysis.engine import Analysis, Report
from reprocess.analysis.finding import Diagnostic, FindingStatus, Severity
from reprocess.analysis.presets import default_severity
from reprocess.analysis.rule import Rule

if TYPE_CHECKING:
    from reprocess.formats import FormatContext

__all__ = [
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "UNREADABLE_CODE",
    "UNREADABLE_NAME",
    "error_line",
    "fingerprint",
    "format_sarif",
    "sarif_log",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
UNREADABLE_CODE = "STR999"
"""Reserved code of the pseudo-rule that reports a file that could not be read."""
UNREADABLE_NAME = "unreadable-file"
FINGERPRINT_KEY = "reprocess/v1"
_PLACEHOLDER = "\x00results\x00"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_ALTERNATIVE = ("alternative channel: another channel of the same service is digital, "
                "so this step does not block the level")
_UNREADABLE_HELP = (
    "# STR999 unreadable-file: The file could not be read as BPMN 2.0\n\n"
    "Reported by `reprocess check` for a file it could not analyse: not XML, not BPMN, "
    "too large, or unreadable. The other files are still checked, and the exit status is 2.\n"
)


def format_sarif(report: Report, /, *, context: FormatContext | None = None) -> str:
    """Return the report as a SARIF 2.1.0 log (indented JSON, UTF-8 text kept).

    Examples:
        >>> format_sarif(Report()).splitlines()[1]
        '  "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",'
    """
    log = sarif_log(report, context=context)
    run = log["runs"][0]
    results = run["results"]
    run["results"] = _PLACEHOLDER
    text = json.dumps(log, ensure_ascii=False, indent=2)
    if results:  # one result a line: as readable, and several times faster for big batches
        lines = ",\n".join("      " + json.dumps(r, ensure_ascii=False, separators=(", ", ": "))
                           for r in results)
        body = f"[\n{lines}\n    ]"
    else:
        body = "[]"
    return text.replace(json.dumps(_PLACEHOLDER), body, 1) + "\n"


def sarif_log(report: Report, *, context: FormatContext | None = None) -> dict[str, Any]:
    """Return the SARIF log of ``report`` as a JSON-ready dict.

    Examples:
        >>> sarif_log(Report(version="0.1.0"))["runs"][0]["tool"]["driver"]["name"]
        'reprocess'
    """
    from reprocess.formats import FormatContext

    ctx = context or FormatContext()
    rules = _rules_of(report, ctx)
    index = {code: i for i, code in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for analysis in report.files:
        uri = _uri(ctx.display_path(analysis.path))
        if analysis.error is not None:
            line = error_line(analysis)
            location = _physical(uri, line)
            notifications.append({
                "level": "error",
                "message": {"text": analysis.error},
                "locations": [location],
                "associatedRule": {"id": UNREADABLE_CODE, "index": index[UNREADABLE_CODE]},
            })
            results.append({
                "ruleId": UNREADABLE_CODE,
                "ruleIndex": index[UNREADABLE_CODE],
                "level": "error",
                "message": {"text": analysis.error},
                "locations": [location],
                "partialFingerprints": {
                    FINGERPRINT_KEY: fingerprint(UNREADABLE_CODE, uri, None, "unreadable")},
            })
            continue
        processes = ctx.file(analysis.path).processes
        seen: dict[str, int] = {}
        for d in analysis.findings:
            results.append(_result(d, uri, index[d.code], processes, seen))
    driver: dict[str, Any] = {"name": report.tool or "reprocess"}
    if report.version:
        driver["version"] = report.version
        driver["semanticVersion"] = report.version
    driver["rules"] = [_descriptor(code, report) for code in rules]
    invocation: dict[str, Any] = {
        "executionSuccessful": not notifications,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "artifacts": [_artifact(a, ctx) for a in report.files],
        "results": results,
        "properties": {"target": report.target.value},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def fingerprint(code: str, uri: str, element_id: str | None, message: str) -> str:
    """Return a stable fingerprint: a hash of the code, the file, the element and the
    normalised message (case, spacing and numbers do not matter; the line does not count).

    Examples:
        >>> a = fingerprint("APP001", "m/a.bpmn", "T1", "Submit  form 2 at counter")
        >>> a == fingerprint("APP001", "m/a.bpmn", "T1", "submit form 3 at counter")
        True
        >>> a == fingerprint("APP001", "m/b.bpmn", "T1", "submit form 2 at counter")
        False
        >>> len(a)
        32
    """
    text = "\x1f".join((code, uri, element_id or "", _normalise(message)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def _normalise(message: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("0", message.casefold())).strip()


def _uri(path: str) -> str:
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def error_line(analysis: Analysis) -> int | None:
    """Return the line an ``error`` names (``path:12: ...``), when it names one.

    Examples:
        >>> error_line(Analysis(path="a.bpmn", error="a.bpmn:12: not well-formed"))
        12
        >>> error_line(Analysis(path="a.bpmn", error="a.bpmn: cannot read")) is None
        True
    """
    err = analysis.error or ""
    path = analysis.path or ""
    m = re.match(re.escape(path) + r":(\d+):", err) if path else None
    m = m or re.match(r"[^\n:]*:(\d+):", err)
    if m and int(m.group(1)) >= 1:
        return int(m.group(1))
    return None


def _physical(uri: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _result(d: Diagnostic, uri: str, rule_index: int, processes: Mapping[str, str],
            seen: dict[str, int]) -> dict[str, Any]:
    location = _physical(uri, d.line)
    if d.element_id:
        process = processes.get(d.element_id)
        fqn = f"{process}/{d.element_id}" if process and process != d.element_id else d.element_id
        location["logicalLocations"] = [
            {"name": d.element_id, "fullyQualifiedName": fqn, "kind": "element"}]
    fp = fingerprint(d.code, uri, d.element_id, d.message_en or d.message)
    seen[fp] = seen.get(fp, 0) + 1
    if seen[fp] > 1:  # the same finding twice on one element: keep them apart, stably
        fp = f"{fp}:{seen[fp]}"
    props: dict[str, Any] = {"severity": d.severity.value, "status": d.status.value}
    if d.blocks is not None:
        props["blocks"] = d.blocks.value
    if d.conditional:
        props["conditional"] = True
    if not d.blocking:
        props["blocking"] = False
    if d.element_name:
        props["elementName"] = d.element_name
    if d.element_type:
        props["elementType"] = d.element_type
    if d.evidence:
        props["evidence"] = [e.describe() for e in d.evidence]
    if d.patterns:
        props["patterns"] = list(d.patterns)
    if d.fix:
        props["fix"] = d.fix
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    if d.status is FindingStatus.WAIVED:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": d.waiver_reason or "waived"}]
    elif d.status is FindingStatus.ALTERNATIVE:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": _ALTERNATIVE}]
    result["properties"] = props
    return result


def _artifact(analysis: Analysis, ctx: FormatContext) -> dict[str, Any]:
    artifact: dict[str, Any] = {"location": {"uri": _uri(ctx.display_path(analysis.path))}}
    if analysis.level is not None:
        artifact["properties"] = {"level": analysis.level.value}
    return artifact


def _rules_of(report: Report, ctx: FormatContext) -> list[str]:
    """Codes of every rule that ran or reported, sorted; ``STR999`` when a file failed."""
    codes: set[str] = set()
    for analysis in report.files:
        if analysis.error is not None:
            codes.add(UNREADABLE_CODE)
            continue
        ran = ctx.file(analysis.path).rules
        codes.update(ran or ())
        codes.update(d.code for d in analysis.findings)
    return sorted(codes)


def _registry() -> dict[str, Rule]:
    from reprocess.analysis.rules import ALL_RULES

    return {r.code: r for r in ALL_RULES}


def _descriptor(code: str, report: Report) -> dict[str, Any]:
    if code == UNREADABLE_CODE:
        return {
            "id": UNREADABLE_CODE,
            "name": UNREADABLE_NAME,
            "shortDescription": {"text": "The file could not be read as BPMN 2.0"},
            "fullDescription": {"text": "The file is not XML, not BPMN 2.0, too large or "
                                        "unreadable; the other files were still checked."},
            "help": {"text": _UNREADABLE_HELP, "markdown": _UNREADABLE_HELP},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["STR", "reprocess"]},
        }
    r = _registry().get(code)
    if r is None:
        return _descriptor_from_findings(code, report)
    from reprocess.analysis.docs import rule_page

    page = rule_page(r)
    what = r.doc_sections().get("What it does", "").strip() or r.title
    level = default_severity(r.code, r.blocks, target=report.target)
    props: dict[str, Any] = {
        "blocks": r.blocks.value if r.blocks is not None else None,
        "obstacles": [o.value for o in r.obstacles],
        "patterns": list(r.patterns),
        "tags": _tags(r.family, r.blocks.value if r.blocks is not None else None,
                      (o.value for o in r.obstacles)),
    }
    if r.fix:
        props["fix"] = r.fix
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": _plain(what)},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _LEVEL[level]},
        "properties": props,
    }


def _descriptor_from_findings(code: str, report: Report) -> dict[str, Any]:
    """A rule not in the registry (``STR000``, the internal error): what its findings say."""
    d = next(d for a in report.files for d in a.findings if d.code == code)
    text = f"# {d.code} {d.name}: {d.title}\n\n{d.fix}\n" if d.fix else \
        f"# {d.code} {d.name}: {d.title}\n"
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.title},
        "fullDescription": {"text": d.title},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": _LEVEL[d.severity]},
        "properties": {
            "blocks": d.blocks.value if d.blocks is not None else None,
            "obstacles": [o.value for o in d.obstacles],
            "patterns": list(d.patterns),
            "tags": _tags(d.code[:3], d.blocks.value if d.blocks is not None else None,
                          (o.value for o in d.obstacles)),
        },
    }


def _tags(family: str, blocks: str | None, obstacles: Iterable[str]) -> list[str]:
    tags = [family, "reprocess"]
    if blocks:
        tags.append(f"blocks-{blocks}")
    tags.extend(f"obstacle-{o.lower()}" for o in obstacles)
    return list(dict.fromkeys(tags))


def _plain(markdown: str) -> str:
    """Markdown section to one plain paragraph (no backticks, no line breaks)."""
    return re.sub(r"\s+", " ", markdown.replace("`", "")).strip()
