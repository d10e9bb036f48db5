"""Entry point: ``reprocess COMMAND ...``. Commands are modules listed in :data:`COMMANDS`.

Each command module defines ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``,
and imports the heavy parts of the library inside ``run`` so that ``reprocess
--version`` and ``--help`` start fast.

Exit status: 0 clean, 1 findings at the failing severity, 2 unusable input, bad
arguments or an internal error (always with a message, never a traceback unless
``REPROCESS_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

__all__ = ["COMMANDS", "main"]

VERSION = "0.1.0"

COMMANDS: tuple[str, ...] = ("check", "rules", "redesign", "render", "report", "schema",
                             "demo")
"""Command names; each is ``reprocess.cli.cmd_<name>``."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reprocess",
        description="Re-process modelling of government services: check BPMN models for "
        "the steps that block OPDC e-Service levels, propose the to-be, draw and report.",
    )
    parser.add_argument("--version", action="version", version=f"reprocess {VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"reprocess.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reprocess.cli.cmd_{name}":
                continue
            raise
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"reprocess {VERSION}")
        return 0
    parser = _parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # argparse: 0 for --help, 2 for bad arguments
        return int(exc.code or 0)
    if not getattr(ns, "_run", None):
        parser.print_help()
        return 2
    from reprocess.errors import ReprocessError

    try:
        result: int = ns._run(ns)
        return result
    except ReprocessError as exc:
        print(f"reprocess: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reprocess: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("REPROCESS_DEBUG"):
            raise
        print(f"reprocess: internal error: {type(exc).__name__}: {exc} "
              "(set REPROCESS_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return 2
