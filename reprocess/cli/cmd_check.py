"""``reprocess check PATH...``: analyse models, print findings and levels, set the status."""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reprocess.analysis.config import Config
    from reprocess.analysis.engine import Analysis

HELP = "check BPMN models: the level of each service, the steps that block it, and why"

LEVELS = ("L1", "L2", "L3")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``check``."""
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    p.add_argument("--format", "-f", default="text",
                   help="text (default), json, sarif, junit or github")
    p.add_argument("--output", "-o", help="write the report to this file")
    p.add_argument("--target", choices=LEVELS, help="target e-Service level (default L3)")
    p.add_argument("--preset", help="rule preset: recommended, all, level-1..3, structure, "
                   "submission")
    p.add_argument("--select", help="comma-separated codes or prefixes to run")
    p.add_argument("--ignore", help="comma-separated codes or prefixes to skip")
    p.add_argument("--fail-on", choices=("error", "warning", "info"),
                   help="lowest severity that fails the check (default error)")
    p.add_argument("--config", help="a reprocess.toml or pyproject.toml (default: found by "
                   "walking up from each model)")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--sidecar", help="a sidecar file of facts and waivers (default: "
                   "NAME.reprocess.toml beside each model)")
    p.add_argument("--waivers", help="a waivers file (TOML, YAML or JSON)")
    p.add_argument("--language", choices=("th", "en", "both"), help="language of messages")
    p.add_argument("--jobs", "-j", type=int, default=0,
                   help="parallel workers (default: all cores)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def build_config(args: argparse.Namespace, model: Path) -> Config:
    """Return the configuration for ``model``: file settings, then command-line options."""
    from reprocess.analysis.config import Config
    from reprocess.settings import find_config, load_config, load_waivers

    if args.no_config:
        cfg = Config()
    elif args.config:
        cfg = load_config(args.config)
    else:
        found = find_config(model)
        cfg = load_config(found) if found else Config()
    upd: dict[str, object] = {}
    if args.target:
        upd["target"] = args.target
    if args.preset:
        upd["preset"] = args.preset
    if args.select:
        upd["select"] = _split(args.select)
    if args.ignore:
        upd["ignore"] = (*cfg.ignore, *_split(args.ignore))
    if args.fail_on:
        upd["fail_on"] = args.fail_on
    if args.language:
        upd["language"] = args.language
    if args.waivers:
        upd["waivers"] = (*cfg.waivers, *load_waivers(args.waivers))
    if upd:
        cfg = Config.model_validate({**cfg.model_dump(), **upd})
    return cfg


def check_file(path: str, config: Config, sidecar_path: str | None) -> Analysis:
    """Read and check one file; an unreadable file gives an analysis with ``error``."""
    from reprocess.analysis.config import Sidecar
    from reprocess.analysis.engine import Analysis, check
    from reprocess.errors import ReprocessError
    from reprocess.io import read_bpmn
    from reprocess.settings import load_sidecar, sidecar_for

    try:
        defs = read_bpmn(path, lenient=True)
        side_file = sidecar_path or sidecar_for(path)
        sidecar = load_sidecar(side_file) if side_file else Sidecar()
        return check(defs, config=config, sidecar=sidecar, path=path)
    except ReprocessError as exc:
        return Analysis(path=path, error=str(exc))


def _progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    """Run ``check``."""
    from reprocess import __version__
    from reprocess.analysis.engine import Report
    from reprocess.analysis.finding import Severity
    from reprocess.cli.common import expand_paths, write_output
    from reprocess.errors import ConfigError
    from reprocess.formats import FORMATS

    if args.format not in FORMATS:
        raise ConfigError(f"unknown format {args.format!r}; choose one of "
                          f"{', '.join(sorted(FORMATS))}")
    paths = expand_paths(args.paths)
    if not paths:
        raise ConfigError("no BPMN files found in " + ", ".join(args.paths))
    configs = {p: build_config(args, p) for p in paths}
    total = len(paths)
    show = (not args.no_progress and sys.stderr.isatty() and total > 1)
    jobs = args.jobs or (os.cpu_count() or 1)
    results: list[Analysis]
    if jobs > 1 and total > 4:
        with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
            futures = [pool.submit(check_file, str(p), configs[p], args.sidecar) for p in paths]
            results = []
            for i, fut in enumerate(futures, 1):
                results.append(fut.result())
                if show:
                    _progress(i, total)
    else:
        results = []
        for i, p in enumerate(paths, 1):
            results.append(check_file(str(p), configs[p], args.sidecar))
            if show:
                _progress(i, total)
    target = configs[paths[0]].target
    report = Report(version=__version__, target=target, files=tuple(results))
    write_output(FORMATS[args.format](report), args.output)
    if any(a.error is not None for a in results):
        return 2
    fail_on = Severity(args.fail_on) if args.fail_on else configs[paths[0]].fail_on
    return 1 if any(a.fails(configs[Path(a.path or '')].fail_on if a.path else fail_on)
                    for a in results) else 0
