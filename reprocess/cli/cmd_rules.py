"""``reprocess rules [CODE]``: list the rules, or explain one."""

from __future__ import annotations

import argparse

HELP = "list the rules, or print one rule's documentation"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``rules``."""
    p.add_argument("code", nargs="?", help="a rule code (APP001) or name")
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    """Run ``rules``."""
    import json

    from reprocess.analysis.docs import rule_page
    from reprocess.analysis.presets import preset_codes
    from reprocess.analysis.rules import ALL_RULES, get_rule
    from reprocess.errors import ConfigError

    if args.code:
        try:
            r = get_rule(args.code.upper() if args.code[:3].isalpha() and args.code[3:].isdigit()
                         else args.code)
        except KeyError:
            raise ConfigError(f"no rule {args.code!r}; see 'reprocess rules'") from None
        print(rule_page(r), end="")
        return 0
    recommended = preset_codes("recommended", ALL_RULES)
    if args.format == "json":
        data = [{"code": r.code, "name": r.name, "title": r.title,
                 "blocks": r.blocks.value if r.blocks else None,
                 "obstacles": [o.value for o in r.obstacles], "patterns": list(r.patterns),
                 "recommended": r.code in recommended, "fix": r.fix} for r in ALL_RULES]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for r in ALL_RULES:
        blocks = r.blocks.value if r.blocks else "--"
        mark = "*" if r.code in recommended else " "
        print(f"{r.code} {mark} {blocks:2}  {r.name:42} {r.title}")
    print("(* in the recommended preset; the column after it is the level blocked)")
    return 0
