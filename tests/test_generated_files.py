"""Checked-in generated files are current: JSON Schemas and the rule reference."""

from __future__ import annotations

from pathlib import Path

from reprocess.analysis.docs import check_docs
from reprocess.schemas import check_schemas

ROOT = Path(__file__).resolve().parents[1]


def test_schemas_up_to_date() -> None:
    stale = check_schemas(ROOT / "schemas")
    assert not stale, f"out of date: {stale}; run `python -m reprocess schema`"


def test_rule_docs_up_to_date() -> None:
    stale = check_docs(ROOT / "docs" / "rules")
    assert not stale, f"out of date: {stale}; run `python -m reprocess.analysis.docs`"
