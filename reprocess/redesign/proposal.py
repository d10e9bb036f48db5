"""The proposal: the to-be model, the change log, the metrics before and after.

A :class:`Proposal` is what :func:`reprocess.redesign.redesign` returns: the as-is and
to-be models, every change applied (with the elements it replaced, added and removed,
the findings it resolved, the obstacles it raises and a rationale in Thai and English),
the changes kept back because they need a law change, the metrics before, after and
their difference, the level before and after, what still stops the target, and the
fate of every as-is element. It is a frozen pydantic model with a JSON Schema
(``schemas/proposal.schema.json``).

Examples:
    >>> from reprocess.analysis.metrics import Metrics
    >>> cmp = compare_metrics(Metrics(steps=6, visits=2), Metrics(steps=5, visits=0))
    >>> cmp.delta["visits"], cmp.percent["visits"]
    (-2.0, -100.0)
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Collection
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from reprocess.analysis.metrics import BurdenParams, Metrics
from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel, ObstacleCategory
from reprocess.model.process import Definitions
from reprocess.redesign.changes import Change
from reprocess.redesign.prerequisites import Prerequisite

__all__ = [
    "METRIC_ROWS",
    "ChangeLogEntry",
    "ElementFate",
    "FindingRef",
    "MetricsComparison",
    "Proposal",
    "ProposalPair",
    "Remaining",
    "RemovedElement",
    "compare_metrics",
]

METRIC_ROWS: tuple[tuple[str, str, str], ...] = (
    ("steps", "ขั้นตอนทั้งหมด", "steps"),
    ("applicant_steps", "ขั้นตอนของผู้ขอ", "applicant steps"),
    ("visits", "จำนวนครั้งที่ต้องมาสำนักงาน", "visits"),
    ("procedures", "การติดต่อหน่วยงาน", "procedures"),
    ("documents", "เอกสารที่ต้องยื่น", "documents"),
    ("copies", "สำเนา", "copies"),
    ("handoffs", "การส่งต่องาน", "hand-offs"),
    ("approval_depth", "ลำดับชั้นการอนุมัติ", "approval depth"),
    ("fees_baht", "ค่าธรรมเนียม (บาท)", "fees (baht)"),
    ("elapsed_days", "ระยะเวลาตามเส้นทางวิกฤต (วัน)", "elapsed time, critical path (days)"),
    ("applicant_hours", "ชั่วโมงของผู้ขอต่อราย", "applicant hours per case"),
    ("out_of_pocket_baht", "ค่าใช้จ่ายของผู้ขอต่อราย (บาท)", "out-of-pocket per case (baht)"),
    ("cases_per_year", "จำนวนคำขอต่อปี", "cases per year"),
    ("annual_burden_hours", "ภาระรวมต่อปี (ชั่วโมง)", "annual burden (hours)"),
    ("annual_burden_baht", "ภาระรวมต่อปี (บาท)", "annual burden (baht)"),
)
"""The rows of the metric table: key, Thai label, English label."""


def _value(m: Metrics, key: str) -> float | None:
    if key == "handoffs":
        return float(m.lane_handoffs + m.agency_handoffs)
    raw = getattr(m, key)
    if raw is None:
        return None
    return float(raw) if isinstance(raw, (int, float, Decimal)) else None


class MetricsComparison(Model):
    """Metrics before and after, their difference and the difference in percent.

    ``delta`` and ``percent`` are keyed by the row keys of :data:`METRIC_ROWS`;
    ``percent`` is ``None`` where the value before is zero or unknown.
    """

    before: Metrics
    after: Metrics
    delta: dict[str, float | None] = Field(default_factory=dict)
    percent: dict[str, float | None] = Field(default_factory=dict)
    params: BurdenParams = Field(default_factory=BurdenParams)
    """The Standard Cost Model parameters used for the burden rows."""


def compare_metrics(before: Metrics, after: Metrics,
                    params: BurdenParams | None = None) -> MetricsComparison:
    """Return before, after, delta and percentage change of the table's metrics."""
    delta: dict[str, float | None] = {}
    percent: dict[str, float | None] = {}
    for key, _, _ in METRIC_ROWS:
        b, a = _value(before, key), _value(after, key)
        if a is None or b is None:
            delta[key] = None
            percent[key] = None
            continue
        delta[key] = round(a - b, 4)
        percent[key] = round((a - b) / b * 100, 1) if b else None
    return MetricsComparison(before=before, after=after, delta=delta, percent=percent,
                             params=params or BurdenParams())


class FindingRef(Model):
    """A diagnostic named in the change log: code, element, patterns, level blocked."""

    code: str
    element_id: str | None
    patterns: tuple[str, ...] = ()
    blocks: EServiceLevel | None = None
    obstacles: tuple[ObstacleCategory, ...] = ()

    @property
    def key(self) -> str:
        """``CODE:element_id``."""
        return f"{self.code}:{self.element_id or ''}"


class RemovedElement(Model):
    """An as-is element a change removed, with the reason in Thai and English."""

    element_id: str
    reason_th: str
    reason_en: str


class ChangeLogEntry(Model):
    """One change of the proposal and what it did (or why it was not applied)."""

    index: int
    pass_name: str
    op: str
    applied: bool = True
    """``False`` for a change kept back (it needs a law change that was not assumed)."""
    replaced: tuple[str, ...] = ()
    """As-is elements replaced by new ones."""
    changed: tuple[str, ...] = ()
    """As-is elements changed in place (same id)."""
    added: tuple[str, ...] = ()
    """To-be elements the change added."""
    removed: tuple[RemovedElement, ...] = ()
    addresses: tuple[str, ...] = ()
    """Diagnostic keys the change set out to resolve."""
    findings_resolved: tuple[FindingRef, ...] = ()
    """Diagnostics of the as-is that are gone from the re-analysed to-be thanks to it."""
    patterns: tuple[str, ...] = ()
    obstacles: tuple[ObstacleCategory, ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()
    rationale_th: str = ""
    rationale_en: str = ""
    note: str | None = None
    """Why a change was not applied (law change not assumed, shape not supported)."""
    change: Change

    def text(self, language: str = "en") -> str:
        """Return the entry as one line of the change log."""
        why = self.rationale_th if language == "th" else self.rationale_en
        parts = [f"[{self.pass_name}] {self.op}"]
        if self.replaced:
            parts.append(("แทนที่ " if language == "th" else "replaces ") + ", ".join(
                self.replaced))
        if self.changed:
            parts.append(("ปรับ " if language == "th" else "changes ") + ", ".join(
                self.changed))
        if self.added:
            parts.append(("เพิ่ม " if language == "th" else "adds ") + ", ".join(self.added))
        if self.removed:
            parts.append(("นำออก " if language == "th" else "removes ") + ", ".join(
                r.element_id for r in self.removed))
        if self.findings_resolved:
            parts.append(("แก้ " if language == "th" else "resolves ") + ", ".join(
                f.key for f in self.findings_resolved))
        if self.obstacles:
            parts.append(("อุปสรรค " if language == "th" else "obstacles ") + ", ".join(
                o.value for o in self.obstacles))
        if not self.applied and self.note:
            parts.append(f"({self.note})")
        return "; ".join(parts) + (f"\n    {why}" if why else "")


class Remaining(Model):
    """A diagnostic of the to-be that still blocks a level, with what stops its removal."""

    code: str
    element_id: str | None
    element_name: str | None = None
    blocks: EServiceLevel | None = None
    patterns: tuple[str, ...] = ()
    obstacles: tuple[ObstacleCategory, ...] = ()
    message_th: str = ""
    message_en: str = ""
    reason_th: str = ""
    reason_en: str = ""
    prerequisites: tuple[Prerequisite, ...] = ()
    """The prerequisites of the change kept back for it (the legal change it needs)."""


class ElementFate(Model):
    """What became of one as-is element: kept, changed, replaced or removed (and why)."""

    element_id: str
    element_type: str
    fate: Literal["kept", "changed", "replaced", "removed"]
    change_index: int | None = None
    """Index of the change (in ``Proposal.changes``) that changed, replaced or removed it."""
    pass_name: str | None = None
    replaced_by: tuple[str, ...] = ()
    reason_th: str | None = None
    reason_en: str | None = None


class Proposal(Model):
    """A to-be proposal for one service: model, change log, metrics, levels, fates."""

    schema_version: Literal[1] = 1
    target: EServiceLevel
    assume_law_change: bool
    as_is: Definitions
    to_be: Definitions
    changes: tuple[ChangeLogEntry, ...] = ()
    retained: tuple[ChangeLogEntry, ...] = ()
    """Changes proposed but not applied (they need a law change that was not assumed)."""
    metrics: MetricsComparison
    level_before: EServiceLevel
    level_after: EServiceLevel
    target_reached: bool
    remaining: tuple[Remaining, ...] = ()
    """Diagnostics of the to-be that still block a level up to the target."""
    legal_changes_assumed: tuple[Prerequisite, ...] = ()
    element_fate: dict[str, ElementFate] = Field(default_factory=dict)

    # -- text ------------------------------------------------------------------------------

    def metrics_table(self, language: str = "en") -> str:
        """Return the before/after metric table as Markdown.

        Args:
            language: ``"en"`` or ``"th"`` for the row labels.
        """
        th = language == "th"
        head = ("| ตัวชี้วัด | ก่อน | หลัง | เปลี่ยนแปลง | % |" if th
                else "| metric | before | after | change | % |")
        rows = [head, "| --- | ---: | ---: | ---: | ---: |",
                f"| {'ระดับ e-Service' if th else 'e-Service level'} | {self.level_before.value}"
                f" | {self.level_after.value} | | |"]
        for key, label_th, label_en in METRIC_ROWS:
            b = _value(self.metrics.before, key)
            a = _value(self.metrics.after, key)
            d = self.metrics.delta.get(key)
            p = self.metrics.percent.get(key)
            rows.append(f"| {label_th if th else label_en} | {_fmt(b)} | {_fmt(a)} | "
                        f"{_fmt(d, sign=True)} | {'' if p is None else f'{p:+.1f}'} |")
        return "\n".join(rows) + "\n"

    def change_log_text(self, language: str = "en") -> str:
        """Return the change log as text: applied changes, kept-back ones, what remains."""
        th = language == "th"
        out = [("การเปลี่ยนแปลง" if th else "Changes") + f" ({len(self.changes)}):"]
        out += [f"{e.index + 1:3d}. {e.text(language)}" for e in self.changes]
        if self.retained:
            out.append(("ยังไม่ดำเนินการ (ต้องแก้กฎหมาย)" if th
                        else "Kept back (needs a law change)") + f" ({len(self.retained)}):")
            out += [f"  - {e.text(language)}" for e in self.retained]
        if self.legal_changes_assumed:
            out.append("สมมติว่าแก้กฎหมายแล้ว:" if th else "Legal changes assumed:")
            out += [f"  - {p.describe(language)}" for p in self.legal_changes_assumed]
        if self.remaining:
            out.append("ยังขัดขวางระดับเป้าหมาย:" if th else "Still blocking the target:")
            for r in self.remaining:
                why = r.reason_th if th else r.reason_en
                obs = ", ".join(o.value for o in r.obstacles)
                out.append(f"  - {r.code} {r.element_id or ''} "
                           f"(blocks {r.blocks.value if r.blocks else '-'}; {obs}) {why}".rstrip())
        level = (f"ระดับ {self.level_before.value} → {self.level_after.value} "
                 f"(เป้าหมาย {self.target.value}: {'ถึง' if self.target_reached else 'ยังไม่ถึง'})"
                 if th else
                 f"Level {self.level_before.value} -> {self.level_after.value} "
                 f"(target {self.target.value}: "
                 f"{'reached' if self.target_reached else 'not reached'})")
        out.append(level)
        return "\n".join(out) + "\n"


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

    def _repr_html_(self) -> str:
        """Return a small HTML summary (level, counts, metric rows) for notebooks."""
        rows = "".join(
            f"<tr><td>{html.escape(en)}</td><td>{_fmt(_value(self.metrics.before, k))}</td>"
            f"<td>{_fmt(_value(self.metrics.after, k))}</td></tr>"
            for k, _, en in METRIC_ROWS)
        return (f"<p>Level {self.level_before.value} &rarr; {self.level_after.value} "
                f"(target {self.target.value}); {len(self.changes)} changes, "
                f"{len(self.retained)} kept back</p><table><tr><th>metric</th><th>before</th>"
                f"<th>after</th></tr>{rows}</table>")


class ProposalPair(Model):
    """Both variants of one redesign: within current law, and assuming legal change."""

    schema_version: Literal[1] = 1
    within_law: Proposal
    with_law_change: Proposal


def _fmt(value: float | None, *, sign: bool = False) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):+d}" if sign else f"{int(value):,}"
    return f"{value:+,.2f}" if sign else f"{value:,.2f}"
