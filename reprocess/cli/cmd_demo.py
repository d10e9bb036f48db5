"""``reprocess demo``: the whole clinic on the bundled example catalogue, into ``out/``.

The same as ``reprocess report examples/catalogue -o out`` with a friendly summary: the
eleven example services (BPMN) and the services given only as a citizen's manual (YAML,
CSV, XLSX) are analysed, redesigned to their target (L3), drawn, and reported. Works
offline and without Graphviz's ``dot`` (the WebAssembly engine draws the diagrams).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from reprocess.cli.cmd_report import add_common, execute, summary_text

__all__ = ["HELP", "add_arguments", "find_catalogue", "run"]

HELP = ("run the whole clinic on the bundled example catalogue and write every output "
        "into out/ (same as: reprocess report examples/catalogue -o out)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``demo``."""
    p.add_argument("--output", "-o", default="out", metavar="OUT",
                   help="the output folder (default: out)")
    p.add_argument("--catalogue", metavar="DIR",
                   help="another catalogue folder (default: the bundled examples/catalogue)")
    add_common(p)


def find_catalogue() -> Path:
    """Return the bundled example catalogue (beside the package, or below the cwd).

    Raises:
        ConfigError: not found (an installed wheel does not carry ``examples/``).
    """
    from reprocess.errors import ConfigError

    here = Path(__file__).resolve().parents[2] / "examples" / "catalogue"
    for candidate in (here, Path.cwd() / "examples" / "catalogue"):
        if (candidate / "services").is_dir():
            return candidate
    raise ConfigError("the example catalogue (examples/catalogue) was not found: run the demo "
                      "from a clone of the repository, or pass --catalogue DIR")


def run(args: argparse.Namespace) -> int:
    """Run ``demo``."""
    folder = Path(args.catalogue) if args.catalogue else find_catalogue()
    shown = folder
    with contextlib.suppress(ValueError):
        shown = folder.resolve().relative_to(Path.cwd())
    out = sys.stdout
    out.write("reprocess demo: the OPDC clinic on the example catalogue "
              f"({shown}); the services are illustrative, not any agency's official "
              "process.\n")
    out.flush()
    result = execute(args, str(shown), args.output)
    out.write(summary_text(result, args.output))
    out.write(f"Open {Path(args.output) / 'report.html'} in a browser to read the report; "
              f"each service's handout is in {Path(args.output) / 'services'}/.\n")
    out.flush()
    return 1 if result.failed else 0
