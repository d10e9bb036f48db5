"""The whole clinic over a catalogue: analyse, redesign, draw, report, keep history.

:func:`run_clinic` is what ``reprocess report DIR -o OUT`` and ``reprocess demo`` do:

1. load the catalogue (:func:`~reprocess.portfolio.catalogue.load_catalogue`);
2. for every service, in worker processes on all cores: read the as-is (BPMN, or a
   citizen's manual imported to BPMN), analyse it, redesign it to its target, collect its
   obstacle register rows and data-linkage needs, and (unless ``draw=False``) write its
   clinic handout, its to-be BPMN with a fresh layout and, for a manual, the as-is BPMN
   (:func:`process_service`);
3. roll the results up (:func:`~reprocess.portfolio.rollup.roll_up`), write the history
   snapshot and compare it with the previous one;
4. write the cabinet/office report (HTML, XLSX, CSV) and the PR sheets.

A service that fails is reported with its error and the others go on. Outputs depend
only on the inputs and the report date (``today``).

Examples:
    >>> RunOptions(today=datetime.date(2026, 11, 25)).draw
    True
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reprocess.analysis.metrics import BurdenParams
from reprocess.errors import ReprocessError
from reprocess.model.enums import EServiceLevel
from reprocess.portfolio.catalogue import Catalogue, ServiceEntry, load_catalogue
from reprocess.portfolio.history import (
    Comparison,
    compare,
    latest_before,
    snapshot_of,
    write_snapshot,
)
from reprocess.portfolio.registers import service_linkage, service_obstacles
from reprocess.portfolio.rollup import Rollup, ServiceResult, roll_up

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from reprocess.analysis.config import Config, Sidecar
    from reprocess.analysis.engine import Analysis
    from reprocess.model.process import Definitions
    from reprocess.redesign.proposal import Proposal

__all__ = [
    "EMBED_LIMIT",
    "ClinicRun",
    "RunOptions",
    "process_service",
    "redesign_analysed",
    "run_clinic",
    "run_services",
]

Engine = Literal["auto", "native", "wasm"]
_MAX_CHUNK = 8


@dataclass(frozen=True)
class RunOptions:
    """How to run the clinic on each service."""

    today: datetime.date
    """The report date: printed on every page, names the history snapshot."""
    out: str | None = None
    """The output folder for per-service files (``None``: write none)."""
    target: EServiceLevel | None = None
    """Redesign every service to this level instead of its own target."""
    draw: bool = True
    """Write handouts (with diagrams) and laid-out BPMN; ``False`` for speed."""
    engine: Engine = "auto"
    """The Graphviz engine for diagrams and layouts."""
    burden: BurdenParams = field(default_factory=BurdenParams)
    """Standard Cost Model parameters (cases per year come from the metadata)."""
    embed: bool = True
    """Keep each handout's body for the report's annex (off for large catalogues)."""


EMBED_LIMIT = 50
"""Catalogues up to this size get every handout embedded in the report's annex E; larger
ones link to the handout files instead (a report of hundreds of handouts would be huge)."""


@dataclass
class ClinicRun:
    """The result of :func:`run_clinic`: inputs, results, roll-up, history, files."""

    catalogue: Catalogue
    results: list[ServiceResult]
    rollup: Rollup
    history: Comparison
    files: dict[str, str] = field(default_factory=dict)
    """What was written: a short name -> the path."""

    @property
    def failed(self) -> list[ServiceResult]:
        """The services that could not be analysed."""
        return [r for r in self.results if r.error is not None]


# -- one service -----------------------------------------------------------------------------


def _load(entry: ServiceEntry, *, layout: bool) -> tuple[Definitions, Any, str]:
    if entry.model_path:
        from reprocess.io import read_bpmn
        from reprocess.settings import load_sidecar, sidecar_for

        defs = read_bpmn(entry.model_path, lenient=True)
        side = sidecar_for(entry.model_path)
        return defs, (load_sidecar(side) if side else None), "bpmn"
    from reprocess.portfolio.manual import import_manual

    imported = import_manual(entry.manual_path or "", layout=layout)
    return imported.definitions, None, "manual"


def process_service(entry: ServiceEntry, options: RunOptions) -> ServiceResult:
    """Analyse, redesign and (optionally) draw one service; never raises on bad input.

    Args:
        entry: the service of the catalogue.
        options: the report date, output folder, target override, drawing.

    Returns:
        The :class:`~reprocess.portfolio.rollup.ServiceResult`; ``error`` is set when the
        service could not be read or analysed.
    """
    meta = entry.meta
    kind: Literal["bpmn", "manual"] = "bpmn" if entry.model_path else "manual"
    base = {"id": meta.id, "meta": meta, "source": entry.source,
            "input_path": entry.input_path, "input_kind": kind}
    try:
        return _process(entry, options, base)
    except ReprocessError as exc:
        return ServiceResult(**base, error=str(exc))
    except OSError as exc:
        return ServiceResult(**base, error=f"{entry.input_path}: cannot read: "
                                           f"{exc.strerror or exc}")
    except RecursionError:
        return ServiceResult(**base, error=f"{entry.input_path}: the model is nested too "
                                           "deeply to analyse")
    except Exception as exc:  # a bug must not lose the other services
        return ServiceResult(**base, error=f"{entry.input_path}: internal error: "
                                           f"{type(exc).__name__}: {exc} (please report it)")


def _process(entry: ServiceEntry, options: RunOptions, base: dict[str, Any]) -> ServiceResult:
    from reprocess.analysis.config import Config
    from reprocess.analysis.engine import check

    meta = entry.meta
    defs, sidecar, kind = _load(entry, layout=options.draw)
    target = options.target or meta.target_level
    cases = meta.annual_cases
    params = options.burden if cases is None else options.burden.model_copy(
        update={"default_cases_per_year": cases})
    cfg = Config(target=target)
    analysis = check(defs, config=cfg, sidecar=sidecar, params=params, path=entry.input_path)
    if analysis.assessment is None:
        return ServiceResult(**base, error=analysis.error or "could not be analysed")
    proposal = redesign_analysed(defs, analysis, target=target, config=cfg, sidecar=sidecar,
                                 params=params)
    a = analysis.assessment
    blockers = {lvl: tuple(
        f"{' '.join(b.patterns) or b.code} {b.element_id or ''}: {b.element_name or ''}".strip()
        + (" (กรณี/conditional)" if b.conditional else "") for b in found)
        for lvl, found in a.blockers.items()}
    patterns = {lvl: tuple(sorted({p for b in found if not b.conditional
                                   for p in (b.patterns or (b.code,))}))
                for lvl, found in a.blockers.items()}
    due = meta.target_date.isoformat() if meta.target_date else None
    obstacles = service_obstacles(meta.id, meta.name, meta.agency, analysis=analysis,
                                  proposal=proposal, ministry=meta.ministry, due=due)
    after_e2e = (proposal.level_after is EServiceLevel.L3
                 and proposal.metrics.after.visits == 0
                 and proposal.metrics.after.state_documents_requested == 0)
    files: dict[str, str | None] = {"handout": None, "to_be_model": None, "as_is_model": None,
                                    "annex_html": None}
    if options.out is not None and options.draw:
        files = _draw(entry, defs, analysis, proposal, options, kind)
    return ServiceResult(
        **base,
        level=a.level, level_after=proposal.level_after,
        target_reached=proposal.level_after >= target,
        can_apply_online=a.can_apply_online, can_pay_online=a.can_pay_online,
        result_electronic=a.result_electronic, end_to_end=a.end_to_end,
        end_to_end_after=after_e2e, blockers=blockers, blocker_patterns=patterns,
        metrics_before=proposal.metrics.before, metrics_after=proposal.metrics.after,
        pass_names=tuple(dict.fromkeys(e.pass_name for e in proposal.changes)),
        id_copies_before=any("P03" in d.patterns for d in analysis.findings if d.is_open),
        id_copies_after=any("P03" in r.patterns for r in proposal.remaining),
        obstacles=obstacles, linkage=service_linkage(meta.id, meta.agency, proposal),
        findings_open=len(analysis.open_findings()), changes=len(proposal.changes),
        retained=len(proposal.retained), **files)


def redesign_analysed(defs: Definitions, analysis: Analysis, *, target: EServiceLevel,
                      config: Config, sidecar: Sidecar | None,
                      params: BurdenParams | None) -> Proposal:
    """Redesign a model whose as-is analysis is already known, without analysing it again.

    The clinic has just analysed the as-is with the same configuration, so the analysis
    is handed over (``redesign(analysis=...)``); this saves a third of the time of a
    large catalogue and gives the same proposal (a test checks it).
    """
    from reprocess.redesign import redesign

    result: Proposal = redesign(defs, target=target, config=config, sidecar=sidecar,
                                params=params, analysis=analysis)
    return result


def _draw(entry: ServiceEntry, defs: Definitions, analysis: Analysis, proposal: Proposal,
          options: RunOptions, kind: str) -> dict[str, str | None]:
    from reprocess.errors import RenderError
    from reprocess.io import write_bpmn
    from reprocess.render.handout import handout_html
    from reprocess.render.layout import layout

    assert options.out is not None
    sid = entry.meta.id
    folder = Path(options.out) / "services" / sid
    folder.mkdir(parents=True, exist_ok=True)
    rel = f"services/{sid}"
    out: dict[str, str | None] = {"handout": None, "to_be_model": None, "as_is_model": None,
                                  "annex_html": None}
    page = handout_html(defs, analysis=analysis, proposal=proposal, target=proposal.target,
                        today=options.today, engine=options.engine)
    (folder / "handout.html").write_text(page, encoding="utf-8", newline="\n")
    out["handout"] = f"{rel}/handout.html"
    out["annex_html"] = _annex(page, sid) if options.embed else None
    try:
        write_bpmn(layout(proposal.to_be, engine=options.engine), folder / "to-be.bpmn")
        out["to_be_model"] = f"{rel}/to-be.bpmn"
        if kind == "manual":
            write_bpmn(defs, folder / "as-is.bpmn")
            out["as_is_model"] = f"{rel}/as-is.bpmn"
    except RenderError:
        write_bpmn(proposal.to_be, folder / "to-be.bpmn")
        out["to_be_model"] = f"{rel}/to-be.bpmn"
    return out


def _annex(page: str, sid: str) -> str:
    """The handout's body, with SVG ids made unique within the report."""
    start = page.find("<body>")
    end = page.rfind("</body>")
    body = page[start + len("<body>"):end].strip() if start >= 0 and end > start else page
    for prefix in ("asis-", "tobe-"):
        body = body.replace(f'id="{prefix}', f'id="{sid}-{prefix}')
        body = body.replace(f"#{prefix}", f"#{sid}-{prefix}")
    return body


# -- many services ---------------------------------------------------------------------------


def _chunk(items: Sequence[tuple[int, ServiceEntry, RunOptions]]
           ) -> list[tuple[int, ServiceResult]]:
    return [(i, process_service(e, o)) for i, e, o in items]


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _warm_up() -> None:
    """Import once in the parent what every worker needs (``fork`` shares it)."""
    import importlib

    from reprocess.analysis.lexicon import load_lexicon

    for module in ("reprocess.io", "reprocess.analysis.engine", "reprocess.analysis.rules",
                   "reprocess.redesign", "reprocess.portfolio.manual"):
        importlib.import_module(module)
    load_lexicon()


def _context() -> BaseContext:
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def run_services(
    entries: Sequence[ServiceEntry],
    options: RunOptions,
    *,
    jobs: int = 0,
    progress: Callable[[int], None] | None = None,
) -> list[ServiceResult]:
    """Process services, in worker processes when ``jobs`` (0: all cores) and size allow.

    Args:
        entries: the services.
        options: see :class:`RunOptions`.
        jobs: worker processes; 0 for all cores, 1 for none.
        progress: called with the number of services just finished.

    Returns:
        One result per entry, in the order of ``entries``.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    jobs = jobs or (os.cpu_count() or 1)
    items = [(i, e, options) for i, e in enumerate(entries)]
    done: dict[int, ServiceResult] = {}
    if jobs <= 1 or len(items) < 3:
        for i, e, o in items:
            done[i] = process_service(e, o)
            if progress is not None:
                progress(1)
        return [done[i] for i in range(len(items))]
    _warm_up()
    size = max(1, min(_MAX_CHUNK, len(items) // (jobs * 8)))
    chunks = [items[k:k + size] for k in range(0, len(items), size)]
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context(),
                               initializer=_worker_init)
    retry: list[tuple[int, ServiceEntry, RunOptions]] = []
    try:
        futures = {pool.submit(_chunk, c): c for c in chunks}
        for fut in as_completed(futures):
            try:
                found = fut.result()
            except BrokenProcessPool:
                retry.extend(futures[fut])
                continue
            for i, r in found:
                done[i] = r
            if progress is not None:
                progress(len(found))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for i, e, o in retry:
        done[i] = process_service(e, o)
        if progress is not None:
            progress(1)
    return [done[i] for i in range(len(items))]


def run_clinic(
    catalogue: Catalogue | str | Path,
    out: str | Path,
    *,
    today: datetime.date | None = None,
    jobs: int = 0,
    draw: bool = True,
    target: EServiceLevel | str | None = None,
    engine: Engine = "auto",
    history: bool = True,
    progress: Callable[[int], None] | None = None,
    on_loaded: Callable[[Catalogue], None] | None = None,
) -> ClinicRun:
    """Run the whole clinic on a catalogue and write every output into ``out``.

    Args:
        catalogue: a loaded catalogue or its folder.
        out: the output folder (created).
        today: the report date (default: today); fixes every output.
        jobs: worker processes (0: all cores, 1: none).
        draw: write handouts with diagrams and laid-out BPMN (``False``: tables only).
        target: redesign every service to this level instead of its own target.
        engine: the Graphviz engine for diagrams.
        history: write the snapshot and compare it with the previous one.
        progress: called with the number of services just finished.
        on_loaded: called with the catalogue once it is loaded (to size a progress bar).

    Returns:
        The :class:`ClinicRun`.

    Raises:
        ConfigError: the catalogue cannot be loaded.
    """
    from reprocess.portfolio.pr import write_pr_sheets
    from reprocess.portfolio.report import write_reports

    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(catalogue)
    if on_loaded is not None:
        on_loaded(cat)
    day = today or datetime.date.today()
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    options = RunOptions(today=day, out=str(out_dir),
                         target=EServiceLevel(target) if target else None, draw=draw,
                         engine=engine, burden=cat.settings.burden,
                         embed=len(cat.services) <= EMBED_LIMIT)
    results = run_services(cat.services, options, jobs=jobs, progress=progress)
    rollup = roll_up(results, cat, today=day)
    snap = snapshot_of([r for r in results if r.error is None], day)
    comparison = compare(latest_before(out_dir, day), snap) if history else Comparison(
        current=day)
    run = ClinicRun(catalogue=cat, results=results, rollup=rollup, history=comparison)
    if history:
        run.files["snapshot"] = str(write_snapshot(out_dir, snap))
    run.files.update(write_reports(run, out_dir))
    run.files.update(write_pr_sheets(run, out_dir))
    return run
