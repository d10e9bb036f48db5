"""``reprocess redesign IN.bpmn -o TOBE.bpmn``: propose the digitized to-be process.

Reads the as-is model (strictly: a model with dangling references cannot be
redesigned), runs :func:`reprocess.redesign.redesign`, lays the to-be out with
:func:`reprocess.render.layout.layout`, writes it as BPMN 2.0 (and the proposal as JSON,
``schemas/proposal.schema.json``), both atomically, and prints the change log and the
metric table.

Exit status: 0 when the to-be reaches the target level, 1 when it does not (the change
log says which obstacles stop it), 2 for unusable input or options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["HELP", "add_arguments", "run"]

HELP = ("propose the digitized to-be process: BPMN with layout, change log, metrics "
        "before and after")

LEVELS = ("L1", "L2", "L3")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``redesign``."""
    p.add_argument("path", metavar="IN.bpmn", help="the as-is BPMN model")
    p.add_argument("--output", "-o", metavar="TOBE.bpmn",
                   help="write the to-be BPMN (with a fresh layout) to this file")
    p.add_argument("--target", choices=LEVELS, default="L3",
                   help="the e-Service level to reach (default L3)")
    p.add_argument("--assume-law-change", action="store_true",
                   help="also apply the replacements that need a legal change, and list the "
                   "changes assumed (default: only what current law allows)")
    p.add_argument("--json", metavar="PROPOSAL.json",
                   help="write the whole proposal as JSON (schemas/proposal.schema.json)")
    p.add_argument("--language", choices=("th", "en"), default="en",
                   help="language of the change log and the metric table (default en)")
    p.add_argument("--config", help="a reprocess.toml or pyproject.toml (default: found by "
                   "walking up from the model)")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--sidecar", help="a sidecar file of facts and waivers (default: "
                   "NAME.reprocess.toml beside the model)")
    p.add_argument("--engine", choices=("auto", "native", "wasm"), default="auto",
                   help="Graphviz engine of the layout (default auto)")


def run(args: argparse.Namespace) -> int:
    """Run ``redesign``; return 0 (target reached), 1 (not reached) or raise on bad input."""
    from reprocess.analysis.config import Config, Sidecar
    from reprocess.cli.common import write_output
    from reprocess.errors import ConfigError
    from reprocess.io import read_bpmn, to_bpmn_string
    from reprocess.redesign import redesign
    from reprocess.render.layout import layout
    from reprocess.settings import find_config, load_config, load_sidecar, sidecar_for

    model = Path(args.path)
    if args.output and Path(args.output).resolve() == model.resolve():
        raise ConfigError("the output would overwrite the input model; choose another -o")
    defs = read_bpmn(str(model))
    if args.no_config:
        config = Config()
    elif args.config:
        config = load_config(args.config)
    else:
        found = find_config(model)
        config = load_config(found) if found else Config()
    side_file = args.sidecar or sidecar_for(str(model))
    sidecar = load_sidecar(side_file) if side_file else Sidecar()
    proposal = redesign(defs, target=args.target, assume_law_change=args.assume_law_change,
                        config=config, sidecar=sidecar)
    to_be = layout(proposal.to_be, engine=args.engine)
    proposal = proposal.model_copy(update={"to_be": to_be})
    if args.output:
        write_output(to_bpmn_string(to_be).encode("utf-8"), args.output)
    if args.json:
        write_output(proposal.model_dump_json(indent=2) + "\n", args.json)
    out = sys.stdout
    out.write(proposal.change_log_text(args.language))
    out.write("\n")
    out.write(proposal.metrics_table(args.language))
    out.flush()
    return 0 if proposal.target_reached else 1
