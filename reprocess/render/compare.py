"""Side-by-side as-is / to-be comparison with the metric table beneath, as SVG or HTML.

A :class:`Comparison` gathers what both views need: the two models, their analyses,
and which elements the redesign added, changed or removed. Build it from a
:class:`~reprocess.redesign.Proposal` (:meth:`Comparison.from_proposal`), or from an
as-is and a to-be model (:meth:`Comparison.from_models`: removed elements are the
as-is steps and documents missing from the to-be, added and changed ones those the
to-be marks with ``rp:change``).

* :func:`compare_svg` returns one SVG: the as-is (blockers coloured by level) on the
  left, the to-be (changes marked) on the right, the metric table beneath;
* :func:`compare_html` returns a self-contained HTML page of the same (inline SVG, no
  network), printable on A4 landscape.

:func:`metric_rows` and :func:`metrics_table_html` give the before / after / change
table (``domain.md`` section 3.7) that the handout and the notebook display reuse;
:func:`inline_svg` prepares Graphviz SVG for inlining in HTML.

Examples:
    >>> from reprocess.analysis.metrics import Metrics
    >>> row = metric_rows(Metrics(visits=3), Metrics(visits=0))[2]
    >>> row.key, row.before, row.after, row.delta, row.better
    ('visits', '3', '0', '-3 (-100%)', True)
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from reprocess.analysis.config import Config
from reprocess.analysis.metrics import Metrics
from reprocess.model.process import Definitions
from reprocess.render.overlays import (
    ChangeSet,
    as_is_diagram,
    proposal_changes,
    remaining_badges,
    to_be_diagram,
)
from reprocess.render.textwidth import FONT_FAMILY, text_width

if TYPE_CHECKING:
    import graphviz

    from reprocess.analysis.engine import Analysis
    from reprocess.redesign.proposal import Proposal
    from reprocess.render.engines import EngineName

__all__ = [
    "COMPARE_CSS",
    "HTML_FONTS",
    "METRICS",
    "Comparison",
    "MetricRow",
    "compare_html",
    "compare_svg",
    "diagram_or_notice",
    "format_number",
    "inline_svg",
    "level_row",
    "metric_rows",
    "metrics_table_html",
    "page",
    "service_title",
    "table_h",
]

HTML_FONTS = (
    '"Sarabun", "TH Sarabun New", "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif'
)
"""The CSS font stack of HTML output: installed fonts only, no web fonts."""

Better = Literal["lower", "higher", "none"]

METRICS: tuple[tuple[str, str, str, Better], ...] = (
    ("steps", "ขั้นตอนทั้งหมด", "steps", "lower"),
    ("applicant_steps", "ขั้นตอนของผู้ขอ", "applicant steps", "lower"),
    ("visits", "จำนวนครั้งที่ต้องมาสำนักงาน", "visits", "lower"),
    ("procedures", "การติดต่อหน่วยงาน", "procedures", "lower"),
    ("documents", "เอกสารที่ต้องยื่น", "documents", "lower"),
    ("copies", "สำเนา", "copies", "lower"),
    ("certified_copies", "สำเนาที่ต้องลงนามรับรอง", "certified copies", "lower"),
    ("state_documents_requested", "เอกสารที่รัฐออกแต่ยังขอจากผู้ขอ",
     "state-issued documents requested", "lower"),
    ("units", "หน่วยงานภายในที่เกี่ยวข้อง", "units involved", "lower"),
    ("lane_handoffs", "การส่งต่องานระหว่างหน่วย", "hand-offs between units", "lower"),
    ("agency_handoffs", "การส่งต่องานระหว่างหน่วยงาน", "hand-offs between agencies", "lower"),
    ("approval_depth", "ลำดับชั้นการอนุมัติ", "approval depth", "lower"),
    ("signatures", "การลงนาม", "signatures", "lower"),
    ("inspections", "การตรวจสถานที่", "site inspections", "lower"),
    ("payment_steps", "ขั้นตอนการชำระเงิน", "payment steps", "lower"),
    ("fees_baht", "ค่าธรรมเนียม (บาท)", "fees (baht)", "lower"),
    ("elapsed_days", "ระยะเวลาตามเส้นทางวิกฤต (วัน)", "elapsed time, critical path (days)",
     "lower"),
    ("work_days", "เวลาทำงานรวม (วัน)", "work time (days)", "lower"),
    ("rework_loops", "การส่งกลับให้แก้ไข", "rework loops", "lower"),
    ("once_only_score", "ข้อมูลที่รัฐดึงเองแทนการขอเอกสาร (%)", "once-only score (%)",
     "higher"),
    ("online_availability", "ความพร้อมออนไลน์ของขั้นตอนผู้ขอ (%)", "online availability (%)",
     "higher"),
    ("applicant_hours", "ชั่วโมงของผู้ขอต่อราย", "applicant hours per case", "lower"),
    ("out_of_pocket_baht", "ค่าใช้จ่ายของผู้ขอต่อราย (บาท)", "out-of-pocket per case (baht)",
     "lower"),
    ("cases_per_year", "จำนวนคำขอต่อปี", "cases per year", "none"),
    ("annual_burden_hours", "ภาระรวมต่อปี (ชั่วโมง)", "annual burden (hours)", "lower"),
    ("annual_burden_baht", "ภาระรวมต่อปี (บาท)", "annual burden (baht)", "lower"),
)
"""The metrics shown, in order: ``(field of Metrics, Thai label, English label, better)``."""

_PERCENT_OF_ONE = frozenset({"once_only_score"})
"""Metrics stored as a ratio 0..1 and shown as a percentage."""


@dataclass(frozen=True)
class MetricRow:
    """One row of the metric table, formatted for display.

    Attributes:
        key: the :class:`~reprocess.analysis.metrics.Metrics` field (or ``"level"``).
        label_th: the Thai label.
        label_en: the English label.
        before: the as-is value (``"–"`` when unknown).
        after: the to-be value (``""`` when there is no to-be).
        delta: the change, with the percentage (``"-3 (-75%)"``), ``"0"``, or ``""``.
        better: ``True`` when the to-be is better, ``False`` when worse, ``None`` when
            equal or unknown.
    """

    key: str
    label_th: str
    label_en: str
    before: str
    after: str = ""
    delta: str = ""
    better: bool | None = None


def format_number(value: object) -> str:
    """Return a metric value as text: thousands separators, at most two decimals.

    Examples:
        >>> format_number(1234), format_number(Decimal("59199.6000")), format_number(0.133332)
        ('1,234', '59,199.60', '0.13')
        >>> format_number(Decimal("50")), format_number(100.0), format_number(None)
        ('50', '100', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value:,.2f}"
    if isinstance(value, float):
        text = f"{value:,.2f}"
        return text[:-3] if text.endswith(".00") else text
    return str(value)


def _value(metrics: Metrics, key: str) -> float | Decimal | int | None:
    raw = getattr(metrics, key)
    if raw is None:
        return None
    if key in _PERCENT_OF_ONE:
        return round(float(raw) * 100, 2)
    if isinstance(raw, (int, float, Decimal)):
        return raw
    return None


def _delta(before: float | Decimal | int | None, after: float | Decimal | int | None,
           better: Better) -> tuple[str, bool | None]:
    if before is None or after is None:
        return "", None
    diff = (Decimal(str(after)) - Decimal(str(before))).quantize(Decimal("0.01"))
    if diff == 0:
        return "0", None
    sign = "+" if diff > 0 else "-"
    amount = abs(diff)
    text = sign + format_number(int(amount) if amount == amount.to_integral_value()
                                else float(amount))
    if before:
        pct = round(float(diff) / float(before) * 100)
        text += f" ({'+' if pct > 0 else ''}{pct}%)"
    if better == "none":
        return text, None
    return text, (diff < 0) if better == "lower" else (diff > 0)


def metric_rows(
    before: Metrics, after: Metrics | None = None, *, keys: Sequence[str] | None = None
) -> list[MetricRow]:
    """Return the metric table rows: as-is, to-be and the change.

    Args:
        before: the as-is metrics.
        after: the to-be metrics (``None``: as-is only).
        keys: the metrics to show (default: all of :data:`METRICS`, in that order).

    Examples:
        >>> rows = metric_rows(Metrics(steps=10, fees_baht=Decimal("1000")),
        ...                    Metrics(steps=8, fees_baht=Decimal("1000")))
        >>> rows[0].delta, rows[0].better, rows[15].delta, rows[15].better
        ('-2 (-20%)', True, '0', None)
    """
    wanted = METRICS if keys is None else tuple(m for m in METRICS if m[0] in keys)
    rows: list[MetricRow] = []
    for key, th, en, better in wanted:
        b = _value(before, key)
        if after is None:
            rows.append(MetricRow(key, th, en, format_number(b)))
            continue
        a = _value(after, key)
        delta, improved = _delta(b, a, better)
        rows.append(MetricRow(key, th, en, format_number(b), format_number(a), delta, improved))
    return rows


def level_row(before: str | None, after: str | None = None) -> MetricRow:
    """Return the table row of the e-Service level (``L0`` to ``L3``).

    Examples:
        >>> level_row("L0", "L3").delta, level_row("L0", "L3").better
        ('+3', True)
    """
    b = before or "–"
    if after is None:
        return MetricRow("level", "ระดับ e-Service", "e-Service level", b)
    rank = {"L0": 0, "L1": 1, "L2": 2, "L3": 3}
    delta, better = "", None
    if before in rank and after in rank:
        diff = rank[after] - rank[before]
        delta = f"{diff:+d}" if diff else "0"
        better = None if diff == 0 else diff > 0
    return MetricRow("level", "ระดับ e-Service", "e-Service level", b, after, delta, better)


def metrics_table_html(
    rows: Sequence[MetricRow], *, caption: str | None = None, css_class: str = "metrics"
) -> str:
    """Return the metric rows as an HTML ``<table>`` (Thai label first, English beneath).

    Examples:
        >>> out = metrics_table_html([level_row("L0", "L3")])
        >>> "<td class=\\"num better\\">+3</td>" in out
        True
    """
    has_after = any(r.after for r in rows)
    esc = html.escape
    out = [f'<table class="{esc(css_class)}">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    head = ['<th scope="col">ตัวชี้วัด <span class="en">(metric)</span></th>',
            '<th scope="col" class="num">ก่อน <span class="en">(as-is)</span></th>']
    if has_after:
        head += ['<th scope="col" class="num">หลัง <span class="en">(to-be)</span></th>',
                 '<th scope="col" class="num">เปลี่ยนแปลง <span class="en">(change)</span></th>']
    out.append("<thead><tr>" + "".join(head) + "</tr></thead><tbody>")
    for r in rows:
        cells = [f'<th scope="row">{esc(r.label_th)} <span class="en">({esc(r.label_en)})</span>'
                 "</th>", f'<td class="num">{esc(r.before)}</td>']
        if has_after:
            mood = "" if r.better is None else (" better" if r.better else " worse")
            cells += [f'<td class="num">{esc(r.after)}</td>',
                      f'<td class="num{mood}">{esc(r.delta)}</td>']
        out.append(f'<tr data-metric="{esc(r.key)}">' + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


# -- SVG for inlining ---------------------------------------------------------------------

_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>[]*(\[[^\]]*\])?>|<!--.*?-->", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
_ID = re.compile(r'(\sid=")([^"]*)(")')
_REF = re.compile(r'(url\(#|href="#)')
_LENGTH = re.compile(r"([\d.]+)(pt|px)?")


def _svg_text(svg: bytes | str) -> str:
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def inline_svg(
    svg: bytes | str, *, prefix: str = "", css_class: str = "diagram", label: str | None = None
) -> str:
    """Return Graphviz SVG ready to inline in HTML.

    Drops the XML declaration, the DOCTYPE (which names an external DTD) and the
    comments; prefixes every ``id`` (and ``#`` reference) with ``prefix`` so that two
    diagrams of the same model can share a page; adds ``class``, ``role="img"``,
    an ``aria-label`` and a style that scales the drawing down to the width of its box.

    Examples:
        >>> svg = ('<?xml version="1.0"?>\\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\\n'
        ...        ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\\n<!-- c -->\\n'
        ...        '<svg width="10pt" height="5pt" viewBox="0 0 10 5" '
        ...        'xmlns="http://www.w3.org/2000/svg"><g id="T"/></svg>')
        >>> print(inline_svg(svg, prefix="asis-", label="ก่อน"))
        <svg width="10pt" height="5pt" viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" aria-label="ก่อน" style="max-width:100%;height:auto"><g id="asis-T"/></svg>
    """
    text = _PROLOG.sub("", _svg_text(svg)).strip()
    if prefix:
        text = _ID.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), text)
        text = _REF.sub(lambda m: m.group(1) + prefix, text)
    root = _ROOT.search(text)
    if root is None:
        return text
    attrs = [(k, v) for k, v in _ATTR.findall(root.group(0))
             if k not in ("class", "role", "aria-label", "style")]
    attrs += [("class", css_class), ("role", "img")]
    if label:
        attrs.append(("aria-label", label))
    attrs.append(("style", "max-width:100%;height:auto"))
    tag = "<svg " + " ".join(f'{k}="{html.escape(v, quote=True)}"' if k == "aria-label"
                             else f'{k}="{v}"' for k, v in attrs) + ">"
    return text[: root.start()] + tag + text[root.end():]


def _svg_box(svg: str) -> tuple[float, float, str, str]:
    """Return ``(width, height, viewBox, inner markup)`` of a Graphviz SVG (points)."""
    text = _PROLOG.sub("", svg).strip()
    root = _ROOT.search(text)
    if root is None:
        raise ValueError("not an SVG document")
    attrs = dict(_ATTR.findall(root.group(0)))
    end = text.rfind("</svg>")
    inner = text[root.end(): end if end >= 0 else len(text)]

    def length(name: str) -> float:
        m = _LENGTH.match(attrs.get(name, "0"))
        if m is None:
            return 0.0
        value = float(m.group(1))
        return value * 0.75 if m.group(2) == "px" else value

    width, height = length("width"), length("height")
    box = attrs.get("viewBox", f"0 0 {width:g} {height:g}")
    return width, height, box, inner


# -- the comparison ---------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """An as-is and a to-be, the as-is analysis, the levels and metrics, what changed.

    Attributes:
        as_is: the as-is model.
        to_be: the to-be model.
        before: the analysis of the as-is (blockers by level).
        level_before: the as-is level (``"L0"`` to ``"L3"``).
        level_after: the to-be level.
        metrics_before: the as-is metrics.
        metrics_after: the to-be metrics.
        changes: what the redesign added, changed and removed (to-be view).
        target: the target level.
        proposal: the proposal compared, when there is one.
    """

    as_is: Definitions
    to_be: Definitions
    before: Analysis
    level_before: str
    level_after: str
    metrics_before: Metrics
    metrics_after: Metrics
    changes: ChangeSet = field(default_factory=ChangeSet)
    target: str = "L3"
    proposal: Proposal | None = None

    @classmethod
    def from_models(
        cls,
        as_is: Definitions,
        to_be: Definitions,
        *,
        before: Analysis | None = None,
        after: Analysis | None = None,
        target: str = "L3",
    ) -> Comparison:
        """Compare two models: removed = as-is steps and documents the to-be lacks.

        Added and changed elements are those the to-be marks with ``rp:change``; the
        to-be's open level blockers become badges.

        Examples:
            >>> from reprocess.model import Definitions, Process, Task
            >>> a = Definitions(root_elements=(Process(id="P", flow_elements=(
            ...     Task(id="A", name="ถ่ายสำเนา"), Task(id="B", name="ตรวจ"))),))
            >>> b = Definitions(root_elements=(Process(id="P", flow_elements=(
            ...     Task(id="B", name="ตรวจ"),)),))
            >>> c = Comparison.from_models(a, b)
            >>> dict(c.changes.removed), c.rows()[1].delta
            ({'A': ''}, '-1 (-50%)')
        """
        from reprocess.analysis.engine import check

        before = before if before is not None else check(as_is)
        after = after if after is not None else check(to_be)
        if before.assessment is None or after.assessment is None:
            raise ValueError("both models must have been analysed without error")
        kept = {n.id for n in to_be.flow_nodes()} | {d.id for d in to_be.documents()}
        removed = {x.id: "" for x in (*as_is.flow_nodes(), *as_is.documents())
                   if x.id not in kept}
        return cls(
            as_is=as_is,
            to_be=to_be,
            before=before,
            level_before=before.assessment.level.value,
            level_after=after.assessment.level.value,
            metrics_before=before.assessment.metrics,
            metrics_after=after.assessment.metrics,
            changes=ChangeSet(removed=removed, badges=remaining_badges(after)),
            target=target,
        )

    @classmethod
    def from_proposal(cls, proposal: Proposal, *, before: Analysis | None = None) -> Comparison:
        """Compare the as-is and the to-be of a :class:`~reprocess.redesign.Proposal`.

        Args:
            proposal: the proposal.
            before: the as-is analysis shown (with the consultant's waivers, say);
                default: :func:`reprocess.analysis.check` of the proposal's as-is.

        Examples:
            >>> from reprocess.model import Definitions, Process, UserTask
            >>> from reprocess.redesign import redesign
            >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
            ...     UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),)),))
            >>> c = Comparison.from_proposal(redesign(d))
            >>> c.changes.changed, c.rows()[0].key
            (('T',), 'level')
        """
        from reprocess.analysis.engine import check

        if before is None:
            before = check(proposal.as_is, config=Config(target=proposal.target))
        return cls(
            as_is=proposal.as_is,
            to_be=proposal.to_be,
            before=before,
            level_before=proposal.level_before.value,
            level_after=proposal.level_after.value,
            metrics_before=proposal.metrics.before,
            metrics_after=proposal.metrics.after,
            changes=proposal_changes(proposal),
            target=proposal.target.value,
            proposal=proposal,
        )

    def as_is_digraph(self, *, title: str | None = None) -> graphviz.Digraph:
        """Return the as-is ``graphviz.Digraph`` (blockers by level, legend)."""
        return as_is_diagram(self.as_is, self.before, title=title)

    def to_be_digraph(self, *, title: str | None = None) -> graphviz.Digraph:
        """Return the to-be ``graphviz.Digraph`` (added, changed, removed; legend)."""
        return to_be_diagram(self.to_be, as_is=self.as_is, changes=self.changes, title=title)

    def rows(self) -> list[MetricRow]:
        """Return the metric rows: the level first, then :data:`METRICS`."""
        return [level_row(self.level_before, self.level_after),
                *metric_rows(self.metrics_before, self.metrics_after)]

    def _repr_mimebundle_(
        self, include: Collection[str] | None = None, exclude: Collection[str] | None = None,
        **kwargs: object,
    ) -> dict[str, str]:
        """Display in Jupyter: both diagrams side by side and the metric table."""
        from reprocess.render.notebook import mimebundle

        return mimebundle(self, include=include, exclude=exclude)


# -- SVG output ---------------------------------------------------------------------------

_GAP = 36.0
_HEAD = 34.0
_ROW = 20.0
_TABLE_FONT = 11.0


def compare_svg(comparison: Comparison, *, engine: EngineName = "auto") -> str:
    """Return one SVG: as-is left, to-be right, the metric table beneath.

    Raises:
        RenderError: no Graphviz engine can run (see :func:`reprocess.render.render`).
    """
    from reprocess.render.engines import render

    left = _svg_box(render(comparison.as_is_digraph(), "svg", engine=engine).decode("utf-8"))
    right = _svg_box(render(comparison.to_be_digraph(), "svg", engine=engine).decode("utf-8"))
    rows = comparison.rows()
    table_w, table = _svg_table(rows)
    width = max(left[0] + _GAP + right[0], table_w)
    diagrams_h = max(left[1], right[1])
    height = _HEAD + diagrams_h + _GAP + table_h(rows)
    esc = html.escape
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width:.2f}pt" height="{height:.2f}pt" '
        f'viewBox="0 0 {width:.2f} {height:.2f}" font-family="{esc(FONT_FAMILY)}">',
        f'<rect width="{width:.2f}" height="{height:.2f}" fill="#ffffff"/>',
        _heading(0.0, "ก่อน (as-is)"),
        _heading(left[0] + _GAP, "หลัง (to-be)"),
        _nested(left, 0.0, _HEAD, "asis-"),
        _nested(right, left[0] + _GAP, _HEAD, "tobe-"),
        f'<g transform="translate(0 {_HEAD + diagrams_h + _GAP:.2f})">{table}</g>',
        "</svg>",
    ]
    return "\n".join(out)


def table_h(rows: Sequence[MetricRow]) -> float:
    """Height in points of the SVG metric table of ``rows``."""
    return (len(rows) + 1) * _ROW + 4


def _heading(x: float, text: str) -> str:
    return (f'<text x="{x + 4:.2f}" y="{_HEAD - 12:.2f}" font-size="16" font-weight="bold">'
            f"{html.escape(text)}</text>")


def _nested(box: tuple[float, float, str, str], x: float, y: float, prefix: str) -> str:
    width, height, view, inner = box
    inner = _ID.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), inner)
    inner = _REF.sub(lambda m: m.group(1) + prefix, inner)
    return (f'<svg x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
            f'viewBox="{view}">{inner}</svg>')


def _svg_table(rows: Sequence[MetricRow]) -> tuple[float, str]:
    """Draw the metric table in SVG; return its width and markup."""
    has_after = any(r.after for r in rows)
    header = ["ตัวชี้วัด (metric)", "ก่อน (as-is)"]
    if has_after:
        header += ["หลัง (to-be)", "เปลี่ยนแปลง (change)"]
    body = [[f"{r.label_th} ({r.label_en})", r.before, *([r.after, r.delta] if has_after else [])]
            for r in rows]
    widths = [max(text_width(row[i], _TABLE_FONT) for row in [header, *body]) + 16
              for i in range(len(header))]
    total = sum(widths)
    esc = html.escape
    out = [f'<rect x="0" y="0" width="{total:.2f}" height="{_ROW:.2f}" fill="#eeeeee"/>']
    for i in range(len(rows)):
        if i % 2:
            out.append(f'<rect x="0" y="{(i + 1) * _ROW:.2f}" width="{total:.2f}" '
                       f'height="{_ROW:.2f}" fill="#f7f7f7"/>')
    for j, line in enumerate([header, *body]):
        y = (j + 1) * _ROW - 6
        x = 0.0
        for i, cell in enumerate(line):
            weight = ' font-weight="bold"' if j == 0 else ""
            fill = ""
            if j > 0 and i == 3 and rows[j - 1].better is not None:
                fill = ' fill="#1e8e3e"' if rows[j - 1].better else ' fill="#c5221f"'
            if i == 0:
                out.append(f'<text x="{x + 8:.2f}" y="{y:.2f}" font-size="{_TABLE_FONT:g}"'
                           f"{weight}>{esc(cell)}</text>")
            else:
                out.append(f'<text x="{x + widths[i] - 8:.2f}" y="{y:.2f}" text-anchor="end" '
                           f'font-size="{_TABLE_FONT:g}"{weight}{fill}>{esc(cell)}</text>')
            x += widths[i]
    out.append(f'<rect x="0" y="0" width="{total:.2f}" height="{(len(rows) + 1) * _ROW:.2f}" '
               'fill="none" stroke="#999999"/>')
    return total, "\n".join(out)


# -- HTML output --------------------------------------------------------------------------

COMPARE_CSS = f"""
@page {{ size: A4 landscape; margin: 12mm; }}
html {{ font-family: {HTML_FONTS}; font-size: 11pt; color: #000; background: #fff; }}
body {{ margin: 0 auto; max-width: 1400px; padding: 8px; }}
h1 {{ font-size: 16pt; margin: 0 0 6px; }}
.en {{ color: #555; font-weight: normal; }}
.pair {{ display: grid; grid-template-columns: 1fr 1fr; gap: 12px; align-items: start; }}
figure {{ margin: 0; break-inside: avoid; page-break-inside: avoid; }}
figcaption {{ font-weight: bold; margin-bottom: 4px; }}
svg.diagram {{ display: block; max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin-top: 12px; }}
th, td {{ border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }}
thead th {{ background: #eee; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.better {{ color: #1e8e3e; font-weight: bold; }}
td.worse {{ color: #c5221f; font-weight: bold; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
.notice {{ border: 1px solid #e8710a; background: #fff4e5; padding: 6px; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
  svg.diagram {{ max-height: 150mm; }}
}}
"""


def compare_html(
    comparison: Comparison, *, engine: EngineName = "auto", title: str | None = None
) -> str:
    """Return a self-contained HTML page: as-is and to-be side by side, metrics beneath.

    When no Graphviz engine can run and ``engine`` is ``"auto"``, the diagrams are
    replaced by a notice and the page still has the table.

    Raises:
        RenderError: ``engine`` names an engine that cannot run.

    Examples:
        >>> from reprocess.model import Definitions, Process, Task
        >>> a = Definitions(root_elements=(Process(id="P", name="บริการ", flow_elements=(
        ...     Task(id="A", name="ถ่ายสำเนา"), Task(id="B", name="ตรวจ"))),))
        >>> b = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="B", name="ตรวจ"),)),))
        >>> page_text = compare_html(Comparison.from_models(a, b))  # notice without engine
        >>> page_text.startswith("<!DOCTYPE html>"), "<h1>บริการ</h1>" in page_text
        (True, True)
    """
    name = title or service_title(comparison.as_is, comparison.before)
    body = [
        f"<h1>{html.escape(name)}</h1>",
        '<div class="pair">',
        _figure("ก่อน (as-is): จุดที่ขัดขวางแต่ละระดับ", comparison.as_is_digraph, engine, "asis-"),
        _figure("หลัง (to-be): ขั้นตอนที่เพิ่ม ปรับปรุง และยกเลิก", comparison.to_be_digraph, engine,
                "tobe-"),
        "</div>",
        metrics_table_html(comparison.rows(), caption="ตัวชี้วัดก่อนและหลัง (metrics before and after)"),
    ]
    return page(f"{name}: ก่อนและหลัง (as-is / to-be)", "\n".join(body), css=COMPARE_CSS)


def _figure(caption: str, make: Callable[[], graphviz.Digraph], engine: EngineName,
            prefix: str) -> str:
    svg = diagram_or_notice(make, engine, prefix=prefix, label=caption)
    return f"<figure><figcaption>{html.escape(caption)}</figcaption>{svg}</figure>"


# -- page helpers (shared with the handout) -------------------------------------------------


def page(title: str, body: str, *, css: str, lang: str = "th") -> str:
    """Return a complete, self-contained HTML document (UTF-8, no external resource).

    Examples:
        >>> out = page("บริการ <ทดสอบ>", "<p>x</p>", css="p { color: #000; }")
        >>> out.startswith("<!DOCTYPE html>"), "<title>บริการ &lt;ทดสอบ&gt;</title>" in out
        (True, True)
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def service_title(defs: Definitions, analysis: Analysis | None = None) -> str:
    """Return the name to show for a service: its header, else the process or model name.

    Examples:
        >>> from reprocess.model import Definitions, Process
        >>> service_title(Definitions(root_elements=(Process(id="P", name="การแจ้งเกิด"),)))
        'การแจ้งเกิด'
    """
    header = analysis.assessment.service if analysis and analysis.assessment else None
    if header is None:
        header = next((p.service for p in defs.processes if p.service is not None), None)
    if header is not None and header.name:
        return header.name
    for candidate in (defs.name, *(p.name for p in defs.processes),
                      *(p.name for p in defs.participants)):
        if candidate:
            return candidate
    return defs.id or "บริการ (service)"


def diagram_or_notice(
    make: Callable[[], graphviz.Digraph | str],
    engine: EngineName = "auto",
    *,
    prefix: str = "",
    label: str | None = None,
) -> str:
    """Render a diagram to inline SVG; with ``engine="auto"`` and no engine, a notice.

    Args:
        make: builds the digraph (called only when an engine can draw it).
        engine: ``"auto"``, ``"native"`` or ``"wasm"``.
        prefix: prefix for the SVG ids (see :func:`inline_svg`).
        label: the accessible name of the image.

    Raises:
        RenderError: an explicitly named engine cannot run or failed.

    Examples:
        >>> out = diagram_or_notice(lambda: "digraph { a }")  # SVG, or a notice without engine
        >>> out.startswith(("<svg", '<p class="notice">'))
        True
    """
    from reprocess.errors import RenderError
    from reprocess.render.engines import render

    try:
        svg = render(make(), "svg", engine=engine)
    except RenderError as exc:
        if engine != "auto":
            raise
        return ('<p class="notice">ไม่สามารถวาดแผนภาพได้ (diagram not drawn): '
                f"{html.escape(str(exc))}</p>")
    return inline_svg(svg, prefix=prefix, label=label)
