"""``reprocess schema``: write the JSON Schemas into a folder, or check them."""

from __future__ import annotations

import argparse
import sys

HELP = "write the JSON Schemas (process, report, config, ...) or check they are current"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``schema``."""
    p.add_argument("--dir", default="schemas", help="folder (default: schemas)")
    p.add_argument("--check", action="store_true", help="fail when a file is out of date")


def run(args: argparse.Namespace) -> int:
    """Run ``schema``."""
    from reprocess.schemas import check_schemas, write_schemas

    if args.check:
        stale = check_schemas(args.dir)
        for name in stale:
            print(f"{args.dir}/{name}: out of date (run 'reprocess schema')", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.dir):
        print(path)
    return 0
