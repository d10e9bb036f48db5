"""``reprocess check PATH...``: analyse models, print findings and levels, set the status.

Paths may be files, folders or globs. Each model gets the configuration found by
walking up from it (``reprocess.toml``, or ``pyproject.toml`` with ``[tool.reprocess]``),
then the command-line options on top. Files are checked in parallel on all cores, in
chunks, with a progress bar when standard error is a terminal; the report lists them
in path order whatever the order they finished in. A file that cannot be read is
reported with its error and the others still run.

Exit status: 2 when a file could not be read (or on a usage or configuration error),
else 1 when an open finding is at or above the failing severity (or there are more
warnings than ``--max-warnings``), else 0.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from multiprocessing.context import BaseContext

    from reprocess.analysis.config import Config
    from reprocess.analysis.engine import Analysis, Report
    from reprocess.analysis.lexicon import Lexicon
    from reprocess.cli.common import Progress

__all__ = ["HELP", "Checked", "Task", "add_arguments", "build_config", "check_file",
           "check_files", "run"]

HELP = "check BPMN models: the level of each service, the steps that block it, and why"

LEVELS = ("L1", "L2", "L3")
FORMAT_NAMES = ("text", "json", "sarif", "junit", "github")
PRESET_NAMES = ("recommended", "all", "level-1", "level-2", "level-3", "structure",
                "submission")
SEVERITIES = ("error", "warning", "info")

_MAX_CHUNK = 16
"""Most files sent to a worker at once (small files are cheap; big ones go first)."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the options of ``check``."""
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    p.add_argument("--format", "-f", default="text", choices=FORMAT_NAMES, metavar="FORMAT",
                   help="text (default), json, sarif, junit or github")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the report to this file (- for standard output)")
    p.add_argument("--target", choices=LEVELS, metavar="LEVEL", help="target e-Service level: L1, L2 or L3 (default L3)")
    p.add_argument("--preset", choices=PRESET_NAMES, metavar="PRESET",
                   help="rule preset: " + ", ".join(PRESET_NAMES) + " (default recommended; "
                   "submission adds STR040-STR043)")
    p.add_argument("--select", metavar="CODES",
                   help="comma-separated codes, prefixes or names to run (replaces the preset)")
    p.add_argument("--ignore", metavar="CODES",
                   help="comma-separated codes, prefixes or names to skip")
    p.add_argument("--fail-on", choices=SEVERITIES, metavar="SEVERITY",
                   help="lowest severity that fails the check: error, warning or info "
                   "(default error)")
    p.add_argument("--max-warnings", type=int, metavar="N",
                   help="also fail when there are more than N open warnings")
    cfg = p.add_mutually_exclusive_group()
    cfg.add_argument("--config", metavar="FILE", help="a reprocess.toml or pyproject.toml "
                     "(default: the nearest one above each model)")
    cfg.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--sidecar", metavar="FILE", help="a sidecar file of facts and waivers "
                   "(default: NAME.reprocess.toml beside each model)")
    p.add_argument("--waivers", metavar="FILE", help="a waivers file (TOML, YAML or JSON)")
    p.add_argument("--language", choices=("th", "en", "both"), metavar="LANG",
                   help="language of messages: th, en or both (default both)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="parallel workers (default: all cores; 1: no worker processes)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


@dataclass(frozen=True)
class Task:
    """One file to check: its place in the report, path, configuration and sidecar."""

    index: int
    path: str
    config: Config
    sidecar: str | None = None


@dataclass(frozen=True)
class Checked:
    """One file checked: its analysis and the process id of each element it mentions."""

    index: int
    analysis: Analysis
    processes: dict[str, str] = field(default_factory=dict)


class _Configs:
    """Configuration per model file: found file (cached per folder), then options."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._by_dir: dict[Path, Path | None] = {}
        self._loaded: dict[Path | None, Config] = {}
        self._fixed: Path | None = Path(args.config) if args.config else None

    def source(self, model: Path) -> Path | None:
        """The configuration file that applies to ``model`` (``None``: defaults)."""
        from reprocess.settings import find_config

        if self.args.no_config:
            return None
        if self._fixed is not None:
            return self._fixed
        folder = model.resolve().parent
        if folder not in self._by_dir:
            self._by_dir[folder] = _shown(find_config(folder))
        return self._by_dir[folder]

    def for_model(self, model: Path) -> Config:
        from reprocess.settings import config_for_file

        src = self.source(model)
        if src not in self._loaded:
            self._loaded[src] = self._with_options(src)
        return config_for_file(self._loaded[src], model,
                               base_dir=src.parent if src is not None else None)

    def _with_options(self, src: Path | None) -> Config:
        from reprocess.analysis.config import Config
        from reprocess.errors import ConfigError
        from reprocess.settings import load_config, load_waivers

        args = self.args
        if src is not None and not src.is_file():
            raise ConfigError(f"{src}: no such configuration file")
        cfg = load_config(src) if src is not None else Config()
        _check_selectors(cfg, _label(src))
        upd: dict[str, object] = {}
        if args.target:
            upd["target"] = args.target
        if args.preset:
            upd["preset"] = args.preset
            upd["select"] = ()
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
        if not upd:
            return cfg
        merged = Config.model_validate({**cfg.model_dump(), **upd})
        _check_selectors(merged, "command line")
        return merged


def _shown(path: Path | None) -> Path | None:
    """``path`` relative to the working directory when inside it (shorter messages)."""
    if path is not None and path.is_absolute():
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path
    return path


def _label(src: Path | None) -> str:
    """How messages name a configuration file (``pyproject.toml [tool.reprocess]``)."""
    if src is None:
        return "configuration"
    return f"{src} [tool.reprocess]" if src.name == "pyproject.toml" else str(src)


def _check_selectors(cfg: Config, source: str) -> None:
    """Fail on a code, prefix or name that matches no rule (a typo would select nothing)."""
    from reprocess.analysis.rules import ALL_RULES
    from reprocess.errors import ConfigError

    if not ALL_RULES:
        return
    codes = [r.code for r in ALL_RULES]
    names = {r.name for r in ALL_RULES}
    wanted = [*cfg.select, *cfg.ignore, *cfg.severity,
              *(c for cs in cfg.per_file_ignores.values() for c in cs)]
    for sel in wanted:
        if sel in names or any(c.startswith(sel) for c in codes):
            continue
        import difflib

        close = difflib.get_close_matches(sel.upper() if sel[:3].isalpha() else sel,
                                          [*codes, *sorted(names)], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConfigError(f"{source}: no rule matches '{sel}'{hint}; see 'reprocess rules'")


def build_config(args: argparse.Namespace, model: Path) -> Config:
    """Return the configuration for ``model``: file settings, then command-line options.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_arguments(parser)
        >>> args = parser.parse_args(["m.bpmn", "--no-config", "--target", "L2",
        ...                           "--ignore", "ODT", "--fail-on", "warning"])
        >>> cfg = build_config(args, Path("m.bpmn"))
        >>> cfg.target.value, cfg.ignore, cfg.fail_on.value
        ('L2', ('ODT',), 'warning')
    """
    return _Configs(args).for_model(model)


def _lexicon_for(config: Config) -> Lexicon | None:
    """The lexicon with the configuration's extra words (built once per process)."""
    if not config.lexicon:
        return None
    return _lexicon(tuple(sorted((k, tuple(v)) for k, v in config.lexicon.items())))


@functools.lru_cache(maxsize=16)
def _lexicon(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    from reprocess.analysis.lexicon import load_lexicon

    return load_lexicon({k: list(v) for k, v in extra})


def check_file(path: str, config: Config, sidecar_path: str | None = None) -> Analysis:
    """Read and check one file; a file that cannot be read gives an analysis with ``error``.

    Examples:
        >>> import tempfile, pathlib
        >>> from reprocess.analysis.config import Config
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "pay.bpmn"
        >>> _ = path.write_text(
        ...     '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" '
        ...     'targetNamespace="x"><process id="P"><startEvent id="S"/>'
        ...     '<userTask id="T" name="ชำระเงินสด ณ งานการเงิน"/>'
        ...     '<sequenceFlow id="f" sourceRef="S" targetRef="T"/></process></definitions>',
        ...     encoding="utf-8")
        >>> [(d.code, d.element_id) for d in check_file(str(path), Config(select=("PAY",))).findings]
        [('PAY001', 'T')]
        >>> check_file(str(path.with_name("none.bpmn")), Config()).error
        '...none.bpmn: cannot read the file: No such file or directory'
    """
    return _check_one(Task(0, path, config, sidecar_path)).analysis


def _check_one(task: Task) -> Checked:
    from reprocess.analysis.config import Sidecar
    from reprocess.analysis.engine import Analysis, check
    from reprocess.errors import ReprocessError
    from reprocess.io import read_bpmn
    from reprocess.settings import load_sidecar, sidecar_for

    path = task.path
    try:
        defs = read_bpmn(path, lenient=True)
        side_file = task.sidecar or sidecar_for(path)
        sidecar = load_sidecar(side_file) if side_file else Sidecar()
        analysis = check(defs, config=task.config, sidecar=sidecar, path=path,
                         lexicon=_lexicon_for(task.config))
    except ReprocessError as exc:
        return Checked(task.index, Analysis(path=path, error=str(exc)))
    except OSError as exc:
        return Checked(task.index, Analysis(
            path=path, error=f"{path}: cannot read: {exc.strerror or exc}"))
    except RecursionError:
        return Checked(task.index, Analysis(
            path=path, error=f"{path}: the model is nested too deeply to analyse"))
    except Exception as exc:  # a bug must not lose the other files' results
        return Checked(task.index, Analysis(
            path=path, error=f"{path}: internal error: {type(exc).__name__}: {exc} "
                             "(please report it)"))
    processes: dict[str, str] = {}
    for d in analysis.findings:
        if d.element_id and d.element_id not in processes:
            try:
                processes[d.element_id] = defs.process_of(d.element_id).id
            except KeyError:
                continue
    return Checked(task.index, analysis, processes)


def _check_chunk(tasks: Sequence[Task]) -> list[Checked]:
    return [_check_one(t) for t in tasks]


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _warm_up() -> None:
    """Import and build, once in the parent, what every worker needs (fork shares it)."""
    import importlib

    from reprocess.analysis.lexicon import load_lexicon

    for module in ("reprocess.io", "reprocess.analysis.engine", "reprocess.analysis.rules"):
        importlib.import_module(module)
    load_lexicon()


def _chunks(tasks: Sequence[Task], jobs: int) -> list[list[Task]]:
    """Split tasks into chunks, biggest files first, about 8 chunks per worker."""
    def size(t: Task) -> int:
        try:
            return os.path.getsize(t.path)
        except OSError:
            return 0

    ordered = sorted(tasks, key=lambda t: (-size(t), t.index))
    n = max(1, min(_MAX_CHUNK, len(ordered) // (jobs * 8)))
    return [ordered[i:i + n] for i in range(0, len(ordered), n)]


def check_files(tasks: Sequence[Task], *, jobs: int = 0,
                progress: Progress | None = None) -> list[Checked]:
    """Check files, in worker processes when ``jobs`` (0: all cores) and the batch allow.

    The result is in the order of ``tasks``, whatever the order the files finished in.
    A worker that dies (out of memory, a crash) costs only the file it was checking:
    the files of its chunk are checked again, each in a process of its own.

    Examples:
        >>> from reprocess.analysis.config import Config
        >>> tasks = [Task(i, f"missing-{i}.bpmn", Config()) for i in range(4)]
        >>> [c.analysis.path for c in check_files(tasks, jobs=2)]
        ['missing-0.bpmn', 'missing-1.bpmn', 'missing-2.bpmn', 'missing-3.bpmn']
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    jobs = jobs or (os.cpu_count() or 1)
    done: dict[int, Checked] = {}
    if jobs <= 1 or len(tasks) < 3:
        for t in tasks:
            done[t.index] = _check_one(t)
            if progress is not None:
                progress.advance()
        return [done[t.index] for t in tasks]
    _warm_up()
    chunks = _chunks(tasks, jobs)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(),
                               initializer=_worker_init)
    retry: list[Task] = []
    try:
        futures = {pool.submit(_check_chunk, chunk): chunk for chunk in chunks}
        for fut in as_completed(futures):
            try:
                results = fut.result()
            except BrokenProcessPool:
                retry.extend(futures[fut])
                continue
            for r in results:
                done[r.index] = r
            if progress is not None:
                progress.advance(len(results))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for t in sorted(retry, key=lambda t: t.index):
        done[t.index] = _isolated(t)
        if progress is not None:
            progress.advance()
    return [done[t.index] for t in tasks]


def _context() -> BaseContext:
    """``fork`` where it is safe and available (workers inherit the warm imports)."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _isolated(task: Task) -> Checked:
    """Check one file in its own process, after a worker died (memory, crash)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from reprocess.analysis.engine import Analysis

    with ProcessPoolExecutor(max_workers=1, mp_context=_context(),
                             initializer=_worker_init) as pool:
        try:
            return pool.submit(_check_chunk, [task]).result()[0]
        except BrokenProcessPool:
            return Checked(task.index, Analysis(
                path=task.path, error=f"{task.path}: the process checking this file stopped "
                                      "unexpectedly (out of memory?)"))


def _summary(report: Report) -> str:
    errors = warnings = infos = waived = unreadable = 0
    for a in report.files:
        if a.error is not None:
            unreadable += 1
        for d in a.findings:
            if d.status.value == "waived":
                waived += 1
            elif d.is_open:
                errors += d.severity.value == "error"
                warnings += d.severity.value == "warning"
                infos += d.severity.value == "info"
    text = (f"{len(report.files)} file(s) checked: {errors} error(s), {warnings} warning(s), "
            f"{infos} info, {waived} waived")
    return text + (f", {unreadable} unreadable" if unreadable else "")


def run(args: argparse.Namespace) -> int:
    """Run ``check``."""
    from reprocess.cli.common import Progress, expand_paths, write_output
    from reprocess.errors import ConfigError

    paths = expand_paths(args.paths)
    if not paths:
        raise ConfigError("no BPMN files found in " + ", ".join(args.paths))
    if args.jobs < 0:
        raise ConfigError("--jobs must be 0 (all cores) or more")
    configs = _Configs(args)
    tasks = [Task(i, str(p), configs.for_model(p), args.sidecar) for i, p in enumerate(paths)]

    from reprocess import __version__
    from reprocess.analysis.engine import Report
    from reprocess.analysis.presets import select_rules
    from reprocess.analysis.rules import ALL_RULES
    from reprocess.formats import FORMATS, FileContext, FormatContext

    stream = None if args.no_progress else sys.stderr
    progress = Progress(len(tasks), stream=stream) if stream is not None else None
    try:
        checked = check_files(tasks, jobs=args.jobs, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    results = tuple(c.analysis for c in checked)
    files = {
        t.path: FileContext(
            rules=tuple(r.code for r in select_rules(
                ALL_RULES, preset=t.config.preset, select=t.config.select,
                ignore=t.config.ignore)),
            fail_on=t.config.fail_on,
            processes=c.processes,
        )
        for t, c in zip(tasks, checked, strict=True)
    }
    report = Report(version=__version__, target=tasks[0].config.target, files=results)
    text = FORMATS[args.format](report, context=FormatContext(files=files))
    write_output(text, args.output)
    if args.output and args.output != "-":
        print(f"reprocess: {_summary(report)}; report written to {args.output}",
              file=sys.stderr)
    if any(a.error is not None for a in results):
        return 2
    if any(a.fails(t.config.fail_on) for t, a in zip(tasks, results, strict=True)):
        return 1
    if args.max_warnings is not None:
        warnings = sum(1 for a in results for d in a.findings
                       if d.is_open and d.severity.value == "warning")
        if warnings > args.max_warnings:
            print(f"reprocess: {warnings} warning(s), more than --max-warnings "
                  f"{args.max_warnings}", file=sys.stderr)
            return 1
    return 0
