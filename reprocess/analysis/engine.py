"""Run the rules on a model: classification, findings, severity, waivers, level.

Examples:
    >>> from reprocess.model import Definitions, Process, StartEvent, UserTask, EndEvent
    >>> from reprocess.model import SequenceFlow
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     StartEvent(id="S", name="เริ่ม"), UserTask(id="T", name="ยื่นคำขอ ณ เคาน์เตอร์"),
    ...     EndEvent(id="E", name="จบ"), SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> result = check(d)
    >>> result.assessment.level.value
    'L0'
"""

from __future__ import annotations

import fnmatch
import importlib
import traceback
from collections.abc import Collection, Iterable, Sequence
from typing import Any, Literal

from pydantic import Field, PrivateAttr

from reprocess._gc import paused
from reprocess.analysis.assessment import Assessment, assess
from reprocess.analysis.config import Config, Sidecar
from reprocess.analysis.context import AnalysisContext, build_context
from reprocess.analysis.finding import Diagnostic, Evidence, Finding, FindingStatus, Severity
from reprocess.analysis.lexicon import Lexicon
from reprocess.analysis.metrics import BurdenParams
from reprocess.analysis.presets import default_severity, select_rules
from reprocess.analysis.rule import Rule
from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel
from reprocess.model.process import Definitions

__all__ = ["Analysis", "Report", "check", "run_rules"]

SCHEMA_VERSION = 1


class Analysis(Model):
    """The result of checking one model (one file): its assessment and diagnostics."""

    path: str | None = None
    assessment: Assessment | None = None
    findings: tuple[Diagnostic, ...] = ()
    error: str | None = None
    """Why the file could not be analysed (then there is no assessment)."""
    _model: Definitions | None = PrivateAttr(default=None)

    @property
    def model(self) -> Definitions | None:
        """The model that was analysed, when the analysis was made in this process."""
        return self._model

    def __getstate__(self) -> dict[Any, Any]:
        # the model stays in its process: results sent between processes stay small
        state: dict[Any, Any] = super().__getstate__()
        private = state.get("__pydantic_private__")
        if private:
            state["__pydantic_private__"] = {**private, "_model": None}
        return state

    def _repr_mimebundle_(
        self,
        include: Collection[str] | None = None,
        exclude: Collection[str] | None = None,
        **kwargs: Any,
    ) -> dict[str, str]:
        """Display in Jupyter: diagram, table and a short text (reprocess.render.notebook).

        The render layer is looked up by name, so this layer does not depend on it.
        """
        notebook = importlib.import_module("reprocess.render.notebook")
        bundle: dict[str, str] = notebook.mimebundle(self, include=include, exclude=exclude)
        return bundle

    @property
    def level(self) -> EServiceLevel | None:
        """The service's level today, or ``None`` when the file could not be read."""
        return self.assessment.level if self.assessment else None

    def open_findings(self, at_least: Severity = Severity.INFO) -> tuple[Diagnostic, ...]:
        """Return the open diagnostics of at least this severity."""
        return tuple(d for d in self.findings
                     if d.is_open and d.severity.rank >= at_least.rank)

    def fails(self, fail_on: Severity = Severity.ERROR) -> bool:
        """Return whether something at or above ``fail_on`` is open (or the file failed)."""
        return self.error is not None or bool(self.open_findings(fail_on))


class Report(Model):
    """Analyses of several files: what ``reprocess check --format json`` prints."""

    schema_version: Literal[1] = 1
    tool: str = "reprocess"
    version: str = ""
    target: EServiceLevel = EServiceLevel.L3
    files: tuple[Analysis, ...] = Field(default=())

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """Return 0 when nothing at or above ``fail_on`` is open, 1 otherwise."""
        return 1 if any(a.fails(fail_on) for a in self.files) else 0


def _all_rules() -> tuple[Rule, ...]:
    from reprocess.analysis.rules import ALL_RULES

    return ALL_RULES


def run_rules(ctx: AnalysisContext, rules: Iterable[Rule]) -> list[tuple[Rule, Finding]]:
    """Run each rule; a rule that raises becomes an ``STR000`` internal-error finding."""
    out: list[tuple[Rule, Finding]] = []
    for r in rules:
        try:
            found = list(r(ctx))
        except Exception as exc:  # a broken rule must not stop the others
            tb = traceback.extract_tb(exc.__traceback__)
            where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
            out.append((_INTERNAL, Finding(
                element_id=None,
                message_th=f"กฎ {r.code} ทำงานผิดพลาด: {exc!r}",
                message_en=f"rule {r.code} ({r.name}) failed: {exc!r} at {where}",
                evidence=(Evidence(source="structure", text=type(exc).__name__),),
            )))
            continue
        out.extend((r, f) for f in found)
    return out


def _internal(ctx: AnalysisContext) -> Iterable[Finding]:
    return ()


_INTERNAL = Rule(
    code="STR000",
    name="internal-error",
    title="A rule failed on this model",
    blocks=None,
    check=_internal,
    fix="Report the problem with the model file; the other rules still ran.",
    doc="## What it does\nReports a rule that raised an exception instead of stopping the run.",
)


def check(
    defs: Definitions,
    *,
    config: Config | None = None,
    sidecar: Sidecar | None = None,
    rules: Sequence[Rule] | None = None,
    lexicon: Lexicon | None = None,
    params: BurdenParams | None = None,
    path: str | None = None,
) -> Analysis:
    """Analyse a model: classify its steps, run the rules, assess the level.

    Args:
        defs: the model, read from a file or built in code.
        config: target level, rule selection, severities, waivers (defaults: L3,
            recommended preset).
        sidecar: facts and waivers kept beside the file, keyed by element id.
        rules: the rules to run instead of the configured selection.
        lexicon: a lexicon to use instead of the packaged one (plus config words).
        params: Standard Cost Model parameters for the burden metrics.
        path: the file name to report (defaults to the model's provenance).

    Returns:
        The :class:`Analysis`: assessment (level, flags, blockers, metrics) and
        diagnostics in a stable order (by line, then code, then element id).
    """
    with paused():  # analysis keeps many objects alive: collecting them is waste
        return _check(defs, config=config, sidecar=sidecar, rules=rules, lexicon=lexicon,
                      params=params, path=path)


def _check(
    defs: Definitions,
    *,
    config: Config | None,
    sidecar: Sidecar | None,
    rules: Sequence[Rule] | None,
    lexicon: Lexicon | None,
    params: BurdenParams | None,
    path: str | None,
) -> Analysis:
    cfg = config or Config()
    side = sidecar or Sidecar()
    file_path = path if path is not None else defs.provenance.path
    chosen = tuple(rules) if rules is not None else select_rules(
        _all_rules(), preset=cfg.preset, select=cfg.select, ignore=cfg.ignore)
    if file_path and cfg.per_file_ignores:
        drop = tuple(c for pat, codes in sorted(cfg.per_file_ignores.items())
                     if fnmatch.fnmatch(file_path, pat) for c in codes)
        chosen = tuple(r for r in chosen if not any(r.code.startswith(c) for c in drop))
    ctx = build_context(defs, cfg, side, lexicon)
    waivers = (*cfg.waivers, *side.waivers)
    diags: list[Diagnostic] = []
    for r, f in run_rules(ctx, chosen):
        element = defs.get(f.element_id) if f.element_id else None
        sev = cfg.severity.get(r.code) or next(
            (s for k, s in sorted(cfg.severity.items(), key=lambda kv: -len(kv[0]))
             if r.code.startswith(k)), None) or default_severity(
            r.code, r.blocks, target=cfg.target, conditional=f.conditional)
        message = {"th": f.message_th, "en": f.message_en}.get(
            cfg.language, f"{f.message_th} / {f.message_en}")
        waiver = next((w for w in waivers if w.matches(r.code, f.element_id)), None)
        diags.append(Diagnostic(
            code=r.code, name=r.name, title=r.title, severity=sev, blocks=r.blocks,
            element_id=f.element_id,
            element_name=getattr(element, "name", None) if element is not None else None,
            element_type=getattr(element, "type", None) if element is not None else None,
            line=defs.provenance.line_of(f.element_id),
            message=message, message_th=f.message_th, message_en=f.message_en,
            evidence=f.evidence, conditional=f.conditional, blocking=f.blocking,
            obstacles=r.obstacles, patterns=f.patterns or r.patterns, fix=r.fix,
            redesign=r.redesign, related=f.related,
            status=FindingStatus.WAIVED if waiver else FindingStatus.OPEN,
            waiver_reason=waiver.reason if waiver else None,
            docs=f"docs/rules/{r.code}.md",
        ))
    diags.sort(key=lambda d: (d.line or 0, d.code, d.element_id or ""))
    assessment, final = assess(ctx, diags, params)
    result = Analysis(path=file_path, assessment=assessment, findings=final)
    result._model = defs
    return result
