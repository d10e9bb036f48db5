"""Generate the rule reference, ``docs/rules/<CODE>.md`` and ``docs/rules/README.md``.

Run ``python -m reprocess.analysis.docs [--check] [DIR]``; a test fails when the
checked-in pages differ from the rules.

Examples:
    >>> from reprocess.analysis.rule import Rule
    >>> r = Rule("EFF999", "example-rule", "An example", None, lambda ctx: (),
    ...          fix="Do better.", doc="## What it does\\nNothing.")
    >>> rule_page(r).splitlines()[0]
    '# EFF999 example-rule: An example'
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from reprocess.analysis.rule import FAMILIES, Rule

__all__ = ["check_docs", "index_page", "main", "rule_page", "write_docs"]


def rule_page(r: Rule) -> str:
    """Return the Markdown page of one rule."""
    blocks = r.blocks.value if r.blocks is not None else "none"
    lines = [
        f"# {r.code} {r.name}: {r.title}",
        "",
        "| | |",
        "| --- | --- |",
        f"| Family | {r.family}: {FAMILIES[r.family]} |",
        f"| Blocks level | {blocks} |",
        f"| Obstacles | {', '.join(o.value for o in r.obstacles) or '-'} |",
        f"| Patterns | {', '.join(r.patterns) or '-'} |",
        f"| Status | {r.status.value} |",
    ]
    if r.bpmnlint:
        lines.append(f"| bpmnlint | {', '.join(r.bpmnlint)} |")
    if r.redesign:
        lines.append(f"| Redesign passes | {', '.join(r.redesign)} |")
    lines += ["", f"**Fix:** {r.fix}", "", r.doc.strip(), "",
              f"Fixtures: `tests/analysis/rules/{r.code}/`.", ""]
    return "\n".join(lines)


def index_page(rules: Iterable[Rule]) -> str:
    """Return the Markdown index of all rules, by family."""
    rs = list(rules)
    lines = ["# Rule reference", "",
             "Generated from the rules by `python -m reprocess.analysis.docs`; do not edit.",
             "Severity is not a property of a rule: it follows the target level and the "
             "configuration (see `docs/checking.md`).", ""]
    for fam, title in FAMILIES.items():
        members = [r for r in rs if r.family == fam]
        if not members:
            continue
        lines += [f"## {fam}: {title}", "", "| Code | Name | Blocks | Patterns | Title |",
                  "| --- | --- | --- | --- | --- |"]
        for r in members:
            blocks = r.blocks.value if r.blocks else "-"
            lines.append(f"| [{r.code}]({r.code}.md) | {r.name} | {blocks} | "
                         f"{' '.join(r.patterns) or '-'} | {r.title} |")
        lines.append("")
    return "\n".join(lines)


def _pages(rules: Iterable[Rule]) -> dict[str, str]:
    rs = list(rules)
    pages = {f"{r.code}.md": rule_page(r) for r in rs}
    pages["README.md"] = index_page(rs)
    return pages


def write_docs(folder: str | Path, rules: Iterable[Rule] | None = None) -> list[Path]:
    """Write the pages into ``folder`` (removing pages of rules that no longer exist)."""
    if rules is None:
        from reprocess.analysis.rules import ALL_RULES

        rules = ALL_RULES
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    pages = _pages(rules)
    for old in target.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    out = []
    for name, text in sorted(pages.items()):
        (target / name).write_text(text, encoding="utf-8")
        out.append(target / name)
    return out


def check_docs(folder: str | Path, rules: Iterable[Rule] | None = None) -> list[str]:
    """Return the page names in ``folder`` that are missing, stale or left over."""
    if rules is None:
        from reprocess.analysis.rules import ALL_RULES

        rules = ALL_RULES
    target = Path(folder)
    pages = _pages(rules)
    stale = [n for n, t in sorted(pages.items())
             if not (target / n).is_file() or (target / n).read_text("utf-8") != t]
    stale += sorted(p.name for p in target.glob("*.md") if p.name not in pages)
    return stale


def main(argv: list[str] | None = None) -> int:
    """``python -m reprocess.analysis.docs [--check] [DIR]`` (DIR defaults to docs/rules)."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    rest = [a for a in args if a != "--check"]
    folder = rest[0] if rest else "docs/rules"
    if check:
        stale = check_docs(folder)
        for name in stale:
            print(f"{folder}/{name}: out of date", file=sys.stderr)
        return 1 if stale else 0
    for p in write_docs(folder):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
