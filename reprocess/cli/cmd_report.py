"""``reprocess report DIR -o OUT``: the whole clinic on a catalogue, and the cabinet report.

Loads the catalogue folder (services as BPMN or citizen's manuals, with metadata), then
analyses, redesigns and draws every service in parallel on all cores (a progress bar on a
terminal), and writes into ``OUT``: ``report.html`` (the cabinet/office report), its
tables as ``report.xlsx`` and ``csv/*.csv``, the PR sheets ``pr/<group>.md|html``, each
service's ``services/<id>/handout.html`` and ``to-be.bpmn``, and the history snapshot
``history/<date>.json`` (compared with the previous one). Prints a short summary.

Exit status: 0 when every service was analysed, 1 when some could not be (the report
lists them), 2 on a bad catalogue or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

    from reprocess.portfolio.run import ClinicRun

__all__ = ["HELP", "add_arguments", "parse_report_date", "run", "summary_text"]

HELP = ("run the clinic on a catalogue folder: analyse, redesign to the target, draw, and "
        "write the cabinet report, handouts and PR sheets")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``report``."""
    p.add_argument("catalogue", metavar="DIR", help="the catalogue folder (services/, "
                   "agencies.yaml, catalogue.yaml)")
    p.add_argument("--output", "-o", default="out", metavar="OUT",
                   help="the output folder (default: out)")
    add_common(p)


def add_common(p: argparse.ArgumentParser) -> None:
    """Options shared with ``demo``."""
    p.add_argument("--date", metavar="DATE", help="the report date, ISO (2026-11-25) or "
                   "Buddhist Era (25 พ.ย. 2569); default today. Fixes every output")
    p.add_argument("--target", choices=("L1", "L2", "L3"), metavar="LEVEL",
                   help="redesign every service to this level (default: each service's "
                   "target_level)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="parallel workers (default: all cores; 1: no worker processes)")
    p.add_argument("--no-handouts", action="store_true",
                   help="skip handouts, diagrams and laid-out BPMN (tables and report only)")
    p.add_argument("--engine", choices=("auto", "native", "wasm"), default="auto",
                   help="Graphviz engine for diagrams (default auto: dot, else WebAssembly)")
    p.add_argument("--no-history", action="store_true",
                   help="neither write a history snapshot nor compare with the last one")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def parse_report_date(text: str | None) -> datetime.date:
    """Return the report date of ``--date`` (today when not given).

    Raises:
        ConfigError: the text is not a date.

    Examples:
        >>> parse_report_date("25 พ.ย. 2569")
        datetime.date(2026, 11, 25)
    """
    import datetime

    from reprocess.errors import ConfigError
    from reprocess.portfolio.catalogue import parse_date

    if not text:
        return datetime.date.today()
    try:
        found = parse_date(text)
    except ValueError as exc:
        raise ConfigError(f"--date: {exc}") from None
    assert found is not None
    return found


def execute(args: argparse.Namespace, catalogue: str, out: str) -> ClinicRun:
    """Run the clinic with the command-line options (shared with ``demo``)."""
    from reprocess.cli.common import Progress
    from reprocess.errors import ConfigError
    from reprocess.portfolio.catalogue import Catalogue
    from reprocess.portfolio.run import run_clinic

    if args.jobs < 0:
        raise ConfigError("--jobs must be 0 (all cores) or more")
    today = parse_report_date(args.date)
    bar: list[Progress] = []

    def loaded(cat: Catalogue) -> None:
        if not args.no_progress:
            bar.append(Progress(len(cat.services), stream=sys.stderr))

    def advance(n: int) -> None:
        if bar:
            bar[0].advance(n)

    try:
        return run_clinic(catalogue, out, today=today, jobs=args.jobs,
                          draw=not args.no_handouts, target=args.target, engine=args.engine,
                          history=not args.no_history, progress=advance, on_loaded=loaded)
    finally:
        if bar:
            bar[0].close()


def _n(value: float) -> str:
    return f"{round(value):,}"


def summary_text(run: ClinicRun, out: str | Path) -> str:
    """Return the short summary printed after a run (levels, burden, obstacles, files)."""
    from reprocess.portfolio.groups import FollowUpGroup, ReadinessGroup
    from reprocess.thai import format_be_date

    roll = run.rollup
    b = roll.burden
    o = Path(out)

    def dist(d: dict[str, int]) -> str:
        return " · ".join(f"{k} {v}" for k, v in d.items())

    follow: dict[str, int] = {g.value: 0 for g in FollowUpGroup}
    for c in roll.follow_up.values():
        follow[c.group] += 1
    ready: dict[str, int] = {g.value: 0 for g in ReadinessGroup}
    for a in roll.readiness:
        ready[a.classification.group] += 1
    cats = " · ".join(f"{k} {v}" for k, v in roll.obstacles_by_category.items() if v) or "none"
    lines = [
        f"{roll.total} services from {run.catalogue.folder} "
        f"(report date {format_be_date(roll.today)}, {roll.today.isoformat()})",
        f"  level today      {dist(roll.levels_today)}",
        f"  after redesign   {dist(roll.levels_after)}   "
        f"(at target: {roll.reaching_target_today} today, {roll.reaching_target_after} after)",
        f"  burden saved/yr  {_n(b.visits_saved)} visits, {_n(b.hours_saved)} applicant hours, "
        f"{_n(b.copies_saved)} copies, {_n(float(b.baht_saved))} baht",
        f"  obstacles        {cats}; data links needed: {len(roll.linkage)}; "
        f"legal items: {len(roll.legal)}",
        "  follow-up        " + " · ".join(f"{k} {v}" for k, v in follow.items()),
        f"  agencies         {len(roll.readiness)}: "
        + " · ".join(f"{k} {v}" for k, v in ready.items()),
    ]
    h = run.history
    if h.previous is not None:
        lines.append(f"  since {h.previous.isoformat()}   {len(h.gained)} level(s) gained, "
                     f"{len(h.obstacles_closed)} obstacle(s) closed, "
                     f"{len(h.obstacles_new)} new")
    if run.failed:
        lines.append(f"  NOT ANALYSED     {len(run.failed)}:")
        lines += [f"    {r.id}: {r.error}" for r in run.failed]
    handouts = sum(1 for r in run.results if r.handout)
    lines += [
        "files:",
        f"  {o / 'report.html'}   the cabinet/office report (open in a browser, prints on A4)",
    ]
    if "xlsx" in run.files:
        lines.append(f"  {o / 'report.xlsx'}   its tables, one sheet each; CSV in {o / 'csv'}")
    else:
        lines.append(f"  {o / 'csv'}   its tables as CSV (install openpyxl for XLSX)")
    lines.append(f"  {o / 'pr'}   PR sheets per customer group (Markdown and HTML)")
    if handouts:
        lines.append(f"  {o / 'services'}   {handouts} clinic handouts and to-be BPMN files")
    if "snapshot" in run.files:
        lines.append(f"  {run.files['snapshot']}   history snapshot")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run ``report``."""
    result = execute(args, args.catalogue, args.output)
    sys.stdout.write("reprocess report: " + summary_text(result, args.output))
    sys.stdout.flush()
    return 1 if result.failed else 0
