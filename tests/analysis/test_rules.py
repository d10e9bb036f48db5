"""Every rule against its fixtures: invalid ones give exactly the expected findings,
valid ones give none of that code (bpmnlint's RuleTester, ruff's fixture table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reprocess.analysis.engine import check
from reprocess.analysis.rules import ALL_RULES
from reprocess.io import read_bpmn

FIXTURES = Path(__file__).parent / "rules"


def _cases() -> list[tuple[str, Path]]:
    out = []
    for r in ALL_RULES:
        folder = FIXTURES / r.code
        for f in sorted(folder.glob("*.bpmn")):
            out.append((r.code, f))
    return out


def _lenient(path: Path) -> bool:
    return "lenient" in path.stem


@pytest.mark.parametrize(("code", "path"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_rule_fixture(code: str, path: Path) -> None:
    defs = read_bpmn(path, lenient=_lenient(path))
    rule = next(r for r in ALL_RULES if r.code == code)
    result = check(defs, rules=(rule,))
    got = sorted(f"{d.code} {d.element_id or '-'}" for d in result.findings if d.code == code)
    if path.name.startswith("valid"):
        assert got == [], f"{path.name}: unexpected {got}"
    else:
        expected_file = path.with_suffix(".expected.txt")
        assert expected_file.exists(), f"missing {expected_file.name}"
        expected = sorted(
            line.strip() for line in expected_file.read_text("utf-8").splitlines() if line.strip()
        )
        assert got == expected


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_has_fixtures_and_docs(rule: object) -> None:
    from reprocess.analysis.rule import DOC_SECTIONS, Rule

    assert isinstance(rule, Rule)
    folder = FIXTURES / rule.code
    names = [p.name for p in folder.glob("*.bpmn")]
    assert any(n.startswith("valid") for n in names), f"{rule.code}: no valid fixture"
    assert any(n.startswith("invalid") for n in names), f"{rule.code}: no invalid fixture"
    sections = rule.doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code}: doc sections missing: {missing}"
    assert rule.fix, f"{rule.code}: no fix text"


def test_codes_and_names_unique() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
