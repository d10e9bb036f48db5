"""The JSON report (``schemas/report.schema.json`` describes it)."""

from __future__ import annotations

from reprocess.analysis.engine import Report

__all__ = ["format_json"]


def format_json(report: Report) -> str:
    """Return the report as indented JSON (UTF-8 Thai kept, keys in model order).

    Examples:
        >>> format_json(Report(version="0.1.0")).splitlines()[1]
        '  "schema_version": 1,'
    """
    return report.model_dump_json(indent=2) + "\n"
