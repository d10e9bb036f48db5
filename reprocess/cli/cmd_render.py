"""``reprocess render IN.bpmn -o OUT``: draw a model, its blockers, a comparison or a handout.

The output's suffix decides what is written:

* ``OUT.svg`` / ``OUT.png``: the diagram of ``IN``. ``--findings`` colours each step
  by the lowest e-Service level it blocks (L1 red, L2 orange, L3 purple) with the
  finding codes as badges and a Thai/English legend. Without it, a model that carries
  ``rp:change`` marks (a to-be written by ``reprocess redesign``) shows them: added
  green, changed blue. PNG needs Graphviz's ``dot`` (``--engine native``).
* ``OUT.svg`` with ``--compare``: as-is and to-be side by side, the metric table beneath.
* ``OUT.html``: the clinic handout (one self-contained page, printable on A4), or with
  ``--compare`` the side-by-side comparison page.

``--compare TOBE.bpmn`` compares ``IN`` with that to-be (removed = as-is steps and
documents missing from it; added and changed = its ``rp:change`` marks). ``--compare``
with no file runs the redesign itself (``--target``, ``--assume-law-change``), as the
handout does; put it after ``IN`` (or end it with ``--``) so that ``IN`` is not taken
for the to-be.

Exit status: 0 when the file was written, 2 for unusable input or options (a missing
engine, an unknown suffix, a PNG comparison).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reprocess.analysis.config import Config, Sidecar
    from reprocess.model import Definitions
    from reprocess.redesign.proposal import Proposal

__all__ = ["FORMATS", "HELP", "add_arguments", "run"]

HELP = ("draw a model as SVG or PNG (blockers by level with --findings), a side-by-side "
        "comparison with its to-be (--compare), or the clinic handout (.html)")

FORMATS = (".svg", ".png", ".html")
"""The output suffixes understood."""

LEVELS = ("L1", "L2", "L3")
_REDESIGN = "\0redesign"
"""The value of ``--compare`` given without a file: run the redesign."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``render``."""
    p.add_argument("path", metavar="IN.bpmn", help="the (as-is) BPMN model")
    p.add_argument("--output", "-o", metavar="OUT", required=True,
                   help="the file to write: .svg, .png or .html (the handout, or the "
                   "comparison with --compare)")
    p.add_argument("--findings", action="store_true",
                   help="colour the steps that block a level (L1, L2, L3) and badge them "
                   "with the finding codes")
    p.add_argument("--compare", nargs="?", const=_REDESIGN, metavar="TOBE.bpmn",
                   help="draw the as-is and the to-be side by side with the metrics; "
                   "without a file, run the redesign to get the to-be")
    p.add_argument("--engine", choices=("auto", "native", "wasm"), default="auto",
                   help="Graphviz engine: native dot (SVG, PNG) or wasm (SVG; pip install "
                   "'reprocess[wasm]'); default auto, native first")
    p.add_argument("--target", choices=LEVELS, default="L3",
                   help="target e-Service level of the analysis and the redesign (default L3)")
    p.add_argument("--assume-law-change", action="store_true",
                   help="when the redesign runs here: also apply what needs a legal change")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the date printed on the handout (default today); fixes the output")
    p.add_argument("--title", help="a title above the diagram, or of the comparison page")
    cfg = p.add_mutually_exclusive_group()
    cfg.add_argument("--config", metavar="FILE", help="a reprocess.toml or pyproject.toml "
                     "(default: the nearest one above the model)")
    cfg.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--sidecar", metavar="FILE", help="a sidecar file of facts and waivers "
                   "(default: NAME.reprocess.toml beside the model)")


def run(args: argparse.Namespace) -> int:
    """Run ``render``: write the requested file; return 0."""
    from reprocess.cli.common import write_output
    from reprocess.errors import ConfigError
    from reprocess.io import read_bpmn

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(f"{args.output}: unknown output type {out.suffix or '(none)'!r}; "
                          "use .svg, .png or .html")
    if out.resolve() == Path(args.path).resolve():
        raise ConfigError("the output would overwrite the input model; choose another -o")
    if suffix == ".png" and args.compare is not None:
        raise ConfigError("a comparison is drawn as SVG or HTML: use -o OUT.svg or OUT.html")
    if suffix == ".png" and args.engine == "wasm":
        raise ConfigError("PNG needs Graphviz's dot (--engine native); the wasm engine "
                          "draws SVG only")
    today = _date(args.date)
    defs = read_bpmn(args.path, lenient=True)
    config, sidecar = _settings(args)

    data: str | bytes
    if args.compare is not None:
        data = _comparison(args, defs, config, sidecar, html=suffix == ".html")
    elif suffix == ".html":
        from reprocess.analysis.engine import check
        from reprocess.render.handout import handout_html

        analysis = check(defs, config=config, sidecar=sidecar, path=args.path)
        proposal = _redesign(args, defs, config, sidecar)
        data = handout_html(defs, analysis=analysis, proposal=proposal, today=today,
                            engine=args.engine)
    else:
        data = _diagram(args, defs, config, sidecar, suffix[1:])
    write_output(data, str(out))
    print(f"reprocess: wrote {out}", file=sys.stderr)
    return 0


def _date(text: str | None) -> datetime.date:
    from reprocess.errors import ConfigError

    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"--date {text!r}: use YYYY-MM-DD (Gregorian)") from exc


def _settings(args: argparse.Namespace) -> tuple[Config, Sidecar]:
    from reprocess.analysis.config import Config, Sidecar
    from reprocess.settings import (
        config_for_file,
        find_config,
        load_config,
        load_sidecar,
        sidecar_for,
    )

    model = Path(args.path)
    if args.no_config:
        config = Config()
    elif args.config:
        config = config_for_file(load_config(args.config), model,
                                 base_dir=Path(args.config).parent)
    else:
        found = find_config(model.resolve().parent)
        config = (config_for_file(load_config(found), model, base_dir=found.parent)
                  if found else Config())
    config = config.model_copy(update={"target": args.target})
    side_file = args.sidecar or sidecar_for(model)
    sidecar = load_sidecar(side_file) if side_file else Sidecar()
    return config, sidecar


def _redesign(args: argparse.Namespace, defs: Definitions, config: Config,
              sidecar: Sidecar) -> Proposal:
    from reprocess.redesign import redesign

    return redesign(defs, target=args.target, assume_law_change=args.assume_law_change,
                    config=config, sidecar=sidecar)


def _comparison(args: argparse.Namespace, defs: Definitions, config: Config,
                sidecar: Sidecar, *, html: bool) -> str:
    from reprocess.analysis.engine import check
    from reprocess.io import read_bpmn
    from reprocess.render.compare import Comparison, compare_html, compare_svg

    before = check(defs, config=config, sidecar=sidecar, path=args.path)
    if before.assessment is None:
        from reprocess.errors import ConfigError

        raise ConfigError(f"{args.path}: cannot be analysed: {before.error}")
    if args.compare == _REDESIGN:
        cmp = Comparison.from_proposal(_redesign(args, defs, config, sidecar), before=before)
    else:
        to_be = read_bpmn(args.compare, lenient=True)
        after = check(to_be, config=config, path=args.compare)
        cmp = Comparison.from_models(defs, to_be, before=before, after=after,
                                     target=args.target)
    if html:
        return compare_html(cmp, engine=args.engine, title=args.title)
    return compare_svg(cmp, engine=args.engine)


def _diagram(args: argparse.Namespace, defs: Definitions, config: Config, sidecar: Sidecar,
             fmt: str) -> bytes:
    from reprocess.render.dot import diagram
    from reprocess.render.engines import render
    from reprocess.render.overlays import as_is_diagram, change_legend, change_marks

    if args.findings:
        from reprocess.analysis.engine import check

        analysis = check(defs, config=config, sidecar=sidecar, path=args.path)
        graph = as_is_diagram(defs, analysis, title=args.title)
    else:
        marks = change_marks(defs)
        graph = diagram(defs, marks=marks, legend=change_legend() if marks else None,
                        title=args.title)
    return render(graph, "png" if fmt == "png" else "svg", engine=args.engine)
