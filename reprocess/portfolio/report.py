"""The cabinet and office report (``domain.md`` 6.5) as HTML, XLSX and CSV.

:func:`report_tables` builds the report's tables once, in the column order of 6.5;
:func:`report_html` writes them into one self-contained, printable HTML page (A4, Thai
first with English, Buddhist-Era dates) with three charts drawn here as inline SVG bars
(level distribution, obstacles by category, burden saved) and the services' handouts as
annexes; :func:`write_xlsx` writes one sheet per table with Thai headers, and
:func:`write_csv` one UTF-8 file with a byte-order mark per table (Excel then opens the
Thai text correctly). The output depends only on the run and its report date.

Parts of the report:

1. บทสรุปผู้บริหาร (executive summary): services in scope by customer group and ministry,
   level distribution today / after the proposals / target, services reaching the target
   and end to end, burden saved per year (Standard Cost Model), obstacles by category,
   changes since the previous report;
2. งานบริการที่เสนอยกระดับ ตาม KPI (services per KPI, 13 columns);
3. ประเด็นกฎหมายที่เป็นอุปสรรค (legal obstacles for the central law);
4. ความต้องการเชื่อมโยงข้อมูล (data-linkage needs);
5. ความต้องการงบประมาณ (budget needs);
6. ข้อเสนอแนะ (recommendations and resolutions sought);
annexes: agency readiness and clinic schedule, follow-up groups with the rule that fired,
the obstacle register, the comparison with the previous report, each service's handout.

Examples:
    >>> svg = bar_chart([("L0", (3, 0)), ("L3", (1, 4))], ("ก่อน", "หลัง"),
    ...                 ("#9e9e9e", "#1e8e3e"), title="ระดับ")
    >>> svg.startswith("<svg") and "http://www.w3.org/2000/svg" in svg
    True
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reprocess.model.enums import ObstacleCategory
from reprocess.portfolio.groups import FollowUpGroup, ReadinessGroup
from reprocess.portfolio.pr import GROUP_LABELS, PASS_LABELS, pr_lines
from reprocess.portfolio.registers import CATEGORY_LABELS, STATUS_LABELS
from reprocess.portfolio.rollup import LEVELS, ServiceResult
from reprocess.thai import format_be_date

if TYPE_CHECKING:
    from reprocess.portfolio.run import ClinicRun

__all__ = [
    "REPORT_CSS",
    "Table",
    "bar_chart",
    "hbar_chart",
    "pair_chart",
    "report_html",
    "report_tables",
    "write_csv",
    "write_reports",
    "write_xlsx",
]

FONTS = '"Sarabun", "TH Sarabun New", "Noto Sans Thai", "Leelawadee UI", Tahoma, sans-serif'
SVG_NS = "http://www.w3.org/2000/svg"
_LEVEL_COLOURS = ("#9e9e9e", "#1a73e8", "#1e8e3e")
_CATEGORY_COLOURS = {"IT": "#1a73e8", "BUDGET": "#f9ab00", "LAW": "#d93025", "DATA": "#9334e6",
                     "CAPACITY": "#5f6368"}

Cell = str | int | float | Decimal | None


@dataclass
class Table:
    """A report table: file slug, Thai and English titles, columns, rows."""

    slug: str
    title_th: str
    title_en: str
    columns: tuple[tuple[str, str], ...]
    """``(Thai header, English header)`` per column."""
    rows: list[list[Cell]] = field(default_factory=list)
    numeric: frozenset[int] = frozenset()
    """Indexes of columns aligned right."""

    def header(self) -> list[str]:
        """The column headers, Thai with English in brackets."""
        return [f"{th} ({en})" if en else th for th, en in self.columns]


# -- helpers -----------------------------------------------------------------------------------


def _num(value: float | Decimal | int | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    v = float(value)
    return f"{v:,.{digits}f}" if digits else f"{round(v):,}"


def _date(day: datetime.date | None) -> str:
    return format_be_date(day, style="short") if day else "–"


def _level_text(r: ServiceResult) -> str:
    if r.level is None:
        return "–"
    flags = [("ยื่น", r.can_apply_online), ("ชำระ", r.can_pay_online),
             ("ผล", r.result_electronic)]
    marks = " ".join(f"{n}{'✓' if f else ('n/a' if f is None else '✗')}" for n, f in flags)
    blocks = " · ".join(f"{lvl}: {' '.join(p)}" for lvl, p in r.blocker_patterns.items() if p)
    return (f"{r.level.value} ({marks})" + (" e2e" if r.end_to_end else "")
            + (f"\n{blocks}" if blocks else ""))


def _expected(r: ServiceResult) -> str:
    lines = [x.th for x in pr_lines(r) if "→" in x.th]
    return "; ".join(lines) or "–"


def _support(r: ServiceResult) -> str:
    cats = {o.category for o in r.obstacles}
    out: list[str] = []
    if ObstacleCategory.IT in cats or ObstacleCategory.CAPACITY in cats:
        out.append("สพร. (DGA)")
    if "offer-e-payment" in r.pass_names or "pay-on-approval-online" in r.pass_names:
        out.append("กรมบัญชีกลาง (CGD)")
    if ObstacleCategory.BUDGET in cats:
        out.append("สำนักงบประมาณ (BB)")
    if ObstacleCategory.LAW in cats:
        out += ["สำนักงานคณะกรรมการกฤษฎีกา (Council of State)", "สำนักงาน ก.พ.ร. (OPDC)"]
    out += sorted({o.source_agency for o in r.obstacles
                   if o.category is ObstacleCategory.DATA and o.source_agency})
    return ", ".join(dict.fromkeys(out)) or "–"


def _obstacle_ticks(r: ServiceResult) -> str:
    """Ticks per category (6.5 column 9) with a short text: count, sources, references."""
    parts = []
    for cat in ("IT", "BUDGET", "LAW", "DATA"):
        found = [o for o in r.obstacles if o.category.value == cat]
        if not found:
            continue
        detail = ""
        if cat == "DATA":
            detail = ", ".join(sorted({o.source_agency for o in found if o.source_agency}))
        elif cat == "LAW":
            refs = sorted({_short(o.legal_reference) for o in found if o.legal_reference})
            detail = "; ".join(refs[:2]) + (f" (+{len(refs) - 2})" if len(refs) > 2 else "")
        parts.append(f"✓ {CATEGORY_LABELS[cat][0]} ({len(found)})"
                     + (f": {detail}" if detail else ""))
    return "\n".join(parts) or "–"


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _pattern_title(pattern: str) -> str:
    """The catalogue's Thai title of a pattern id (``P11``), or ``""``."""
    from reprocess.analysis.lexicon import load_lexicon

    try:
        entry = load_lexicon().pattern(pattern)
    except (KeyError, ValueError):
        return ""
    return f"{entry.title_th} ({entry.title_en})"


def _solutions(r: ServiceResult) -> str:
    return ", ".join(PASS_LABELS.get(p, (p, p))[0] for p in r.pass_names) or "–"


# -- tables ------------------------------------------------------------------------------------


def report_tables(run: ClinicRun) -> list[Table]:
    """Return every table of the report, in report order (also the XLSX sheets and CSVs)."""
    roll = run.rollup
    results = run.results
    tables: list[Table] = []

    summary = Table("summary", "สรุประดับ e-Service", "level summary",
                    (("ระดับ", "level"), ("ปัจจุบัน", "today"), ("หลังปรับกระบวนงาน", "to-be"),
                     ("เป้าหมาย", "target")), numeric=frozenset({1, 2, 3}))
    for lvl in LEVELS:
        summary.rows.append([lvl, roll.levels_today[lvl], roll.levels_after[lvl],
                             roll.levels_target[lvl]])
    tables.append(summary)

    pats = Table("blockers", "จุดที่ขัดขวางแต่ละระดับ", "blockers by level", (
        ("ระดับที่ถูกขัดขวาง", "level blocked"), ("รูปแบบ", "pattern"),
        ("คำอธิบาย", "description"), ("จำนวนงานบริการ", "services")),
        numeric=frozenset({3}))
    for lvl, found in roll.blockers.items():
        for pat, n in found.items():
            pats.rows.append([lvl, pat, _pattern_title(pat), n])
    tables.append(pats)

    kpi = Table("services", "งานบริการที่เสนอยกระดับ ตาม KPI", "services per KPI", (
        ("ลำดับ/KPI", "no./KPI"), ("กระทรวง/หน่วยงาน", "ministry/agency"),
        ("งานบริการ", "service"), ("กลุ่มผู้รับบริการ", "customer group"),
        ("ปริมาณคำขอต่อปี", "cases/year"), ("ระดับปัจจุบัน", "level today"),
        ("ระดับเป้าหมายและกำหนดเวลา", "target and date"), ("กลุ่มการติดตาม", "follow-up"),
        ("ปัญหาอุปสรรค", "obstacles"), ("แนวทางแก้ไข", "solution"),
        ("หน่วยงานสนับสนุน", "support"), ("ผลลัพธ์ที่คาด", "expected result"),
        ("สถานะ", "status")), numeric=frozenset({4}))
    for i, r in enumerate(results, start=1):
        m = r.meta
        follow = roll.follow_up.get(r.id)
        cases = m.annual_cases or (r.metrics_before.cases_per_year if r.metrics_before else None)
        service = m.name + (f"\n({m.manual_ref})" if m.manual_ref else "") + (
            f"\n[{m.id}]")
        level = _level_text(r) if r.error is None else f"วิเคราะห์ไม่ได้: {r.error}"
        after = f" → {r.level_after.value}" if r.level_after else ""
        kpi.rows.append([
            f"{i}" + (f" / {m.kpi_ref}" if m.kpi_ref else ""),
            " / ".join(x for x in (m.ministry, m.agency) if x),
            service, GROUP_LABELS[m.customer_group.value][0], cases, level,
            f"{m.target_level.value}{after} ภายใน {_date(m.target_date)}",
            (FollowUpGroup(follow.group).label_th + f" [{follow.rule_id}]") if follow else "–",
            _obstacle_ticks(r), _solutions(r), _support(r), _expected(r),
            f"{m.status.label_th}; คลินิกล่าสุด {_date(m.last_clinic)}"])
    tables.append(kpi)

    legal = Table("legal", "ประเด็นกฎหมายที่เป็นอุปสรรค", "legal obstacles for the central law", (
        ("กฎหมาย/มาตรา", "law/section"), ("บทบัญญัติที่เป็นอุปสรรค", "provision that blocks"),
        ("งานบริการที่ได้รับผลกระทบ", "services affected"), ("แนวทางแก้ไข", "proposed fix"),
        ("ต้องแก้กฎหมาย", "law change needed")))
    for row in roll.legal:
        legal.rows.append([row.reference, f"{row.provision_th}\n({row.provision_en})",
                           ", ".join(row.services), row.fix_th,
                           "ใช่ (yes)" if row.needs_law_change else "ไม่ (no)"])
    tables.append(legal)

    link = Table("linkage", "ความต้องการเชื่อมโยงข้อมูล", "data-linkage needs", (
        ("หน่วยงานที่ขอใช้ข้อมูล", "requesting agency"), ("ข้อมูล/เอกสาร", "data or document"),
        ("หน่วยงานเจ้าของข้อมูล", "source agency"), ("ฐานทางกฎหมาย", "legal basis"),
        ("ช่องทาง", "channel"), ("งานบริการ", "services"), ("สถานะ", "status")))
    for lr in roll.linkage:
        link.rows.append([", ".join(lr.requesting_agencies), lr.document, lr.source_agency,
                          lr.legal_basis, lr.channel, ", ".join(lr.services), lr.status])
    tables.append(link)

    budget = Table("budget", "ความต้องการงบประมาณ", "budget needs", (
        ("หน่วยงาน", "agency"), ("รายการ", "item"), ("งานบริการ", "services"),
        ("วงเงิน (บาท)", "amount, baht"), ("ปีงบประมาณ", "fiscal year"), ("สถานะ", "status")),
        numeric=frozenset({3}))
    for b in roll.budget:
        budget.rows.append([b.agency, b.item_th, ", ".join(b.services),
                            b.amount_baht or "ประมาณการในคลินิก", b.fiscal_year or "–", b.status])
    tables.append(budget)

    ready = Table("readiness", "ความพร้อมของหน่วยงานและกำหนดการคลินิก",
                  "agency readiness and clinic schedule", (
                      ("หน่วยงาน", "agency"), ("กระทรวง", "ministry"),
                      ("กลุ่มความพร้อม", "readiness group"), ("กฎที่ใช้", "rule"),
                      ("เหตุผล", "why"), ("รอบการเข้าคลินิก", "cadence"),
                      ("เข้าคลินิกครั้งถัดไป", "next visit"), ("งานบริการ", "services")))
    for a in roll.readiness:
        c = a.classification
        grp = ReadinessGroup(c.group)
        ready.rows.append([a.agency, a.ministry or "–", f"{grp.label_th} ({grp.label_en})",
                           c.rule_id, c.detail, f"{grp.cadence_th} ({c.cadence_days} วัน)",
                           _date(c.next_visit) + (" (เลยกำหนด overdue)" if c.overdue else ""),
                           ", ".join(a.services)])
    tables.append(ready)

    follow_t = Table("follow-up", "กลุ่มการติดตามงานบริการ", "follow-up groups", (
        ("งานบริการ", "service"), ("หน่วยงาน", "agency"), ("ระดับ", "level"),
        ("เป้าหมาย", "target"), ("กลุ่มการติดตาม", "group"), ("กฎที่ใช้", "rule"),
        ("เหตุผล", "why")))
    for r in results:
        cl = roll.follow_up.get(r.id)
        if cl is None:
            continue
        grp_f = FollowUpGroup(cl.group)
        follow_t.rows.append([f"{r.meta.name} [{r.id}]", r.meta.agency,
                              r.level.value if r.level else "–", r.target.value,
                              f"{grp_f.label_th} ({grp_f.label_en})", cl.rule_id,
                              f"{cl.rule_th}: {cl.detail}"])
    tables.append(follow_t)

    reg = Table("obstacles", "ทะเบียนปัญหาอุปสรรค", "obstacle register", (
        ("งานบริการ", "service"), ("ขั้นตอน/เอกสาร", "step"), ("ประเภท", "category"),
        ("ปัญหาอุปสรรค", "obstacle"), ("กฎหมายอ้างอิง", "legal reference"),
        ("หน่วยงานเจ้าของข้อมูล", "source agency"), ("แนวทางแก้ไข", "proposed solution"),
        ("ผู้รับผิดชอบ", "owner"), ("กำหนดเสร็จ", "due"), ("สถานะ", "status")))
    for o in roll.obstacles:
        reg.rows.append([f"{o.service_name} [{o.service_id}]", o.step or "–",
                         f"{o.category.value} {CATEGORY_LABELS[o.category.value][0]}",
                         o.text_th, o.legal_reference or "–", o.source_agency or "–",
                         o.solution_th or "–", o.source_agency or o.agency,
                         _date(datetime.date.fromisoformat(o.due)) if o.due else "–",
                         STATUS_LABELS[o.status][0]])
    tables.append(reg)

    hist = Table("history", "การเปลี่ยนแปลงจากรายงานครั้งก่อน", "changes since the previous report",
                 (("รายการ", "item"), ("งานบริการ/อุปสรรค", "service or obstacle"),
                  ("ก่อน", "before"), ("หลัง", "after")))
    h = run.history
    for g in h.gained:
        hist.rows.append(["ระดับสูงขึ้น (level gained)", f"{g.name} [{g.service_id}]",
                          g.before.value, g.after.value])
    for g in h.lost:
        hist.rows.append(["ระดับลดลง (level lost)", f"{g.name} [{g.service_id}]",
                          g.before.value, g.after.value])
    for k in h.obstacles_closed:
        hist.rows.append(["ปิดอุปสรรคแล้ว (obstacle closed)", h.closed_text.get(k, k), "open",
                          "closed"])
    for s in h.added:
        hist.rows.append(["งานบริการใหม่ (new service)", s, "–", "tracked"])
    tables.append(hist)
    return tables


# -- charts -------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def bar_chart(groups: Sequence[tuple[str, Sequence[float]]], series: Sequence[str],
              colours: Sequence[str], *, title: str, width: int = 520, height: int = 230) -> str:
    """Return a grouped vertical bar chart as inline SVG (one group per category).

    Args:
        groups: ``(category label, one value per series)``.
        series: the series names (legend).
        colours: one fill colour per series.
        title: the accessible name.
        width: the width in px.
        height: the height in px.
    """
    top, bottom, left, right = 44, 34, 36, 10
    plot_h = height - top - bottom
    plot_w = width - left - right
    vmax = max((v for _, vals in groups for v in vals), default=0) or 1
    slot = plot_w / max(1, len(groups))
    bar = min(34.0, (slot - 12) / max(1, len(series)))
    parts = [f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{_e(title)}" class="chart" '
             f'font-family=\'{FONTS}\' font-size="11">']
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
                 f'y2="{top + plot_h}" stroke="#333"/>')
    for i, (label, vals) in enumerate(groups):
        x0 = left + i * slot + (slot - bar * len(series)) / 2
        for j, v in enumerate(vals):
            h = plot_h * float(v) / vmax
            x = x0 + j * bar
            y = top + plot_h - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                         f'fill="{colours[j % len(colours)]}"><title>{_e(label)} '
                         f'{_e(series[j])}: {_num(v)}</title></rect>')
            parts.append(f'<text x="{x + (bar - 2) / 2:.1f}" y="{y - 3:.1f}" '
                         f'text-anchor="middle">{_num(v)}</text>')
        parts.append(f'<text x="{left + i * slot + slot / 2:.1f}" y="{top + plot_h + 16}" '
                     f'text-anchor="middle" font-weight="bold">{_e(label)}</text>')
    lx = left
    for j, name in enumerate(series):
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" '
                     f'fill="{colours[j % len(colours)]}"/>')
        parts.append(f'<text x="{lx + 16}" y="16">{_e(name)}</text>')
        lx += 16 + 9 * len(name) + 14
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(items: Sequence[tuple[str, float, str]], *, title: str, unit: str = "",
               width: int = 520) -> str:
    """Return a horizontal bar chart as inline SVG: ``(label, value, colour)`` per bar."""
    row, left, right, top = 26, 200, 70, 8
    height = top * 2 + row * max(1, len(items))
    vmax = max((v for _, v, _ in items), default=0) or 1
    plot_w = width - left - right
    parts = [f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{_e(title)}" class="chart" '
             f'font-family=\'{FONTS}\' font-size="11">']
    for i, (label, v, colour) in enumerate(items):
        y = top + i * row
        w = plot_w * float(v) / vmax
        parts.append(f'<text x="{left - 6}" y="{y + 16}" text-anchor="end">{_e(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                     f'fill="{colour}"><title>{_e(label)}: {_num(v)}</title></rect>')
        parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 16}">{_num(v)}{_e(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def pair_chart(items: Sequence[tuple[str, float, float]], *, title: str,
               labels: tuple[str, str] = ("ก่อน (before)", "หลัง (after)"),
               width: int = 520) -> str:
    """Return before/after bar pairs as inline SVG, each pair scaled to its own maximum."""
    row, left, right, top = 44, 200, 110, 26
    height = top + row * max(1, len(items)) + 6
    plot_w = width - left - right
    colours = ("#9e9e9e", "#1e8e3e")
    parts = [f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{_e(title)}" class="chart" '
             f'font-family=\'{FONTS}\' font-size="11">']
    lx = left
    for j, name in enumerate(labels):
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" fill="{colours[j]}"/>')
        parts.append(f'<text x="{lx + 16}" y="16">{_e(name)}</text>')
        lx += 16 + 8 * len(name) + 14
    for i, (label, before, after) in enumerate(items):
        y = top + i * row
        vmax = max(before, after) or 1
        parts.append(f'<text x="{left - 6}" y="{y + 22}" text-anchor="end">{_e(label)}</text>')
        for j, v in enumerate((before, after)):
            w = plot_w * float(v) / vmax
            yy = y + 2 + j * 19
            parts.append(f'<rect x="{left}" y="{yy}" width="{w:.1f}" height="16" '
                         f'fill="{colours[j]}"><title>{_e(label)} {_e(labels[j])}: '
                         f'{_num(v)}</title></rect>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{yy + 12}">{_num(v)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# -- HTML -------------------------------------------------------------------------------------

REPORT_CSS = f"""
@page {{ size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }}
@page wide {{ size: A4 landscape; margin: 12mm; }}
* {{ box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
html {{ font-family: {FONTS}; font-size: 10.5pt; line-height: 1.45; color: #111;
  background: #fff; }}
body {{ margin: 0 auto; max-width: 277mm; padding: 10px; }}
h1 {{ font-size: 19pt; margin: 4px 0; line-height: 1.3; }}
h2 {{ font-size: 14pt; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 2px solid #333;
  break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 10px 0 4px; break-after: avoid; page-break-after: avoid; }}
.en {{ color: #555; font-weight: normal; }}
.kicker {{ color: #444; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }}
.card {{ flex: 1 1 150px; border: 1px solid #999; border-radius: 4px; padding: 4px 8px;
  break-inside: avoid; }}
.card .v {{ font-size: 18pt; font-weight: bold; line-height: 1.2; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 10px; }}
figure {{ margin: 4px 0 10px; break-inside: avoid; page-break-inside: avoid; }}
figcaption {{ font-weight: bold; margin-bottom: 2px; }}
svg.chart {{ max-width: 100%; height: auto; }}
table {{ width: 100%; border-collapse: collapse; margin: 4px 0 10px; font-size: 9.5pt; }}
caption {{ text-align: left; font-weight: bold; padding: 2px 0; }}
th, td {{ border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top;
  white-space: pre-line; }}
thead th {{ background: #eeeeee; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
section.part {{ break-before: page; page-break-before: always; }}
section.part.first {{ break-before: auto; page-break-before: auto; }}
section.wide {{ page: wide; }}
section.wide table {{ font-size: 8.5pt; }}
section.annex-service {{ break-before: page; page-break-before: always; }}
.muted {{ color: #666; }}
.notice {{ border: 1px solid #e8710a; background: #fff4e5; padding: 6px; }}
footer {{ margin-top: 14px; border-top: 1px solid #999; font-size: 8.5pt; color: #555; }}
@media print {{ body {{ max-width: none; padding: 0; }} a {{ color: inherit; }} }}
"""
"""The stylesheet of the report: A4 (tables in landscape), tables that repeat headers."""


def _table_html(t: Table, *, caption: bool = True) -> str:
    num = ' class="num"'
    head = "".join(f'<th{num if i in t.numeric else ""}>{_e(th)}'
                   f'<br><span class="en">{_e(en)}</span></th>'
                   for i, (th, en) in enumerate(t.columns))
    body = []
    for row in t.rows:
        cells = []
        for i, v in enumerate(row):
            text = _num(v) if isinstance(v, (int, float, Decimal)) and not isinstance(
                v, bool) else ("–" if v is None else str(v))
            cls = ' class="num"' if i in t.numeric else ""
            cells.append(f"<td{cls}>{_e(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(t.columns)}" class="muted">ไม่มีรายการ '
                    "(none)</td></tr>")
    cap = (f"<caption>{_e(t.title_th)} <span class=\"en\">({_e(t.title_en)})</span></caption>"
           if caption else "")
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _card(value: str, th: str, en: str) -> str:
    return (f'<div class="card"><div class="v">{_e(value)}</div>{_e(th)}<br>'
            f'<span class="en">{_e(en)}</span></div>')


def _scope_css(css: str, scope: str) -> str:
    """Prefix every selector of a stylesheet with ``scope`` (``html``/``body``/``*`` become it).

    ``@page`` rules are dropped; ``@media`` blocks are scoped inside.

    Examples:
        >>> _scope_css("@page { size: A4; } h1, body { color: red; }", ".x")
        '.x h1, .x { color: red; }'
    """
    out: list[str] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        if brace < 0:
            break
        head = css[i:brace].strip()
        depth, j = 1, brace + 1
        while j < n and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        inner = css[brace + 1:j - 1]
        if head.startswith("@page"):
            pass
        elif head.startswith("@media"):
            out.append(f"{head} {{ {_scope_css(inner, scope)} }}")
        elif head.startswith("@"):
            out.append(f"{head} {{{inner}}}")
        else:
            sels = []
            for s in head.split(","):
                s = s.strip()
                if s in ("html", "body", "*"):
                    sels.append(scope if s != "*" else f"{scope} *")
                elif s.startswith(("html ", "body ")):
                    sels.append(f"{scope} {s.split(' ', 1)[1]}")
                else:
                    sels.append(f"{scope} {s}")
            out.append(f"{', '.join(sels)} {{{inner}}}")
        i = j
    return " ".join(x.strip() for x in out)


def _recommendations(run: ClinicRun) -> list[tuple[str, str]]:
    roll = run.rollup
    out: list[tuple[str, str]] = []
    law = [r for r in roll.legal if r.needs_law_change]
    if law:
        services = sorted({s for r in law for s in r.services})
        out.append((f"เสนอให้สำนักงานคณะกรรมการกฤษฎีกาพิจารณาบรรจุประเด็นกฎหมาย {len(law)} ประเด็น "
                    f"(งานบริการ {len(services)} งาน) ในร่างกฎหมายกลางว่าด้วยการปฏิบัติราชการทาง"
                    "ดิจิทัลและการทำแทนกันของหน่วยงาน",
                    f"Ask the Council of State to cover {len(law)} legal item(s) affecting "
                    f"{len(services)} service(s) in the central law (agencies acting for each "
                    "other)."))
    if roll.linkage:
        sources = sorted({r.source_agency for r in roll.linkage})
        out.append((f"มอบหมาย สพร. และหน่วยงานเจ้าของข้อมูล ({', '.join(sources)}) เปิดให้บริการ"
                    f"ข้อมูล {len(roll.linkage)} รายการผ่าน Linkage Center/GDX ตาม พ.ร.บ.รัฐบาล"
                    "ดิจิทัล ม.13",
                    f"Ask DGA and the source agencies to open {len(roll.linkage)} data item(s) "
                    "over the Linkage Center/GDX (DGA Act s.13)."))
    unfunded = [b for b in roll.budget if "ยังไม่" in b.status]
    if unfunded:
        agencies = sorted({b.agency for b in unfunded})
        out.append((f"จัดสรรงบประมาณพัฒนาระบบให้หน่วยงานที่ยังไม่ได้รับจัดสรร {len(agencies)} "
                    "หน่วยงาน (ดูส่วนที่ 5)",
                    f"Fund the systems of {len(agencies)} agency(ies) without a budget line "
                    "(part 5)."))
    lacking = [a for a in roll.readiness if a.classification.group == "lacking"]
    if lacking:
        out.append((f"จัดคลินิกทุก 2 สัปดาห์ให้หน่วยงานที่ขาดความพร้อม {len(lacking)} หน่วยงาน "
                    "(ภาคผนวก ก)",
                    f"Hold fortnightly clinics with the {len(lacking)} agency(ies) lacking "
                    "readiness (annex A)."))
    close = [k for k, c in roll.follow_up.items() if c.group == "close"]
    if close:
        out.append((f"ติดตามอย่างใกล้ชิด {len(close)} งานบริการ และรายงานความก้าวหน้าต่อ"
                    "คณะรัฐมนตรีในรอบถัดไป",
                    f"Follow {len(close)} service(s) closely and report progress to the "
                    "cabinet next time."))
    if not out:
        out.append(("ไม่มีข้อเสนอเพิ่มเติม: งานบริการทั้งหมดถึงระดับเป้าหมายแล้ว",
                    "No resolution sought: every service is at its target."))
    return out


def report_html(run: ClinicRun, *, tables: list[Table] | None = None) -> str:
    """Return the cabinet/office report as one self-contained, printable HTML page."""
    from reprocess.render.handout import HANDOUT_CSS

    tabs = {t.slug: t for t in (tables or report_tables(run))}
    roll = run.rollup
    s = run.catalogue.settings
    b = roll.burden
    date_th = format_be_date(roll.today)
    body: list[str] = []
    body.append(f'<header><p class="kicker">{_e(s.office)} <span class="en">({_e(s.office_en)})'
                f'</span> · ข้อมูล ณ วันที่ {_e(date_th)} <span class="en">(as of '
                f'{roll.today.isoformat()})</span></p><h1>{_e(s.title)}</h1>'
                f'<p class="en">{_e(s.title_en)}</p></header>')

    # Part 1
    body.append('<section class="part first"><h2>ส่วนที่ 1 บทสรุปผู้บริหาร '
                '<span class="en">(Part 1: executive summary)</span></h2>')
    scope = f"{roll.total}" + (f" / {s.surveyed}" if s.surveyed else "")
    body.append('<div class="cards">' + "".join((
        _card(scope, "งานบริการที่ติดตาม" + (" / สำรวจ" if s.surveyed else ""),
              "services tracked" + (" / surveyed" if s.surveyed else "")),
        _card(f"{roll.reaching_target_today} → {roll.reaching_target_after}",
              "ถึงระดับเป้าหมาย (ปัจจุบัน → หลังปรับ)", "at target (today → to-be)"),
        _card(f"{roll.end_to_end_today} → {roll.end_to_end_after}",
              "บริการแบบครบวงจร (end-to-end)", "end-to-end services"),
        _card(_num(b.visits_saved), "ลดการเดินทางมาติดต่อ (ครั้ง/ปี)", "visits saved per year"),
        _card(_num(b.hours_saved), "ลดภาระเวลาผู้รับบริการ (ชั่วโมง/ปี)", "hours saved per year"),
        _card(_num(b.copies_saved), "ลดสำเนาเอกสาร (ฉบับ/ปี)", "copies avoided per year"),
        _card(_num(b.baht_saved), "ลดภาระค่าใช้จ่าย (บาท/ปี)", "burden saved, baht per year"),
    )) + "</div>")
    if roll.failed:
        body.append(f'<p class="notice">วิเคราะห์ไม่ได้ {len(roll.failed)} งานบริการ '
                    f'(could not be analysed): {_e(", ".join(roll.failed))}</p>')
    series = ("ปัจจุบัน (today)", "หลังปรับ (to-be)", "เป้าหมาย (target)")
    levels_svg = bar_chart([(lvl, (roll.levels_today[lvl], roll.levels_after[lvl],
                                   roll.levels_target[lvl])) for lvl in LEVELS],
                           series, _LEVEL_COLOURS, title="การกระจายระดับ e-Service")
    cats = [(f"{CATEGORY_LABELS[c][0]} ({c})", float(roll.obstacles_by_category.get(c, 0)),
             _CATEGORY_COLOURS[c]) for c in ("IT", "BUDGET", "LAW", "DATA", "CAPACITY")]
    cat_svg = hbar_chart(cats, title="ปัญหาอุปสรรคตามประเภท", unit=" รายการ")
    burden_svg = pair_chart([
        ("การมาติดต่อ (ครั้ง/ปี)", b.visits_before, b.visits_after),
        ("เวลาผู้รับบริการ (ชม./ปี)", b.hours_before, b.hours_after),
        ("สำเนาเอกสาร (ฉบับ/ปี)", b.copies_before, b.copies_after),
        ("ภาระค่าใช้จ่าย (บาท/ปี)", float(b.baht_before), float(b.baht_after)),
        ("ระยะเวลารวม (วัน)", b.elapsed_days_before, b.elapsed_days_after),
    ], title="ภาระที่ลดลง (Standard Cost Model)")
    body.append('<div class="charts">'
                f'<figure><figcaption>แผนภูมิ 1 การกระจายระดับ e-Service <span class="en">'
                f'(level distribution)</span></figcaption>{levels_svg}</figure>'
                f'<figure><figcaption>แผนภูมิ 2 ปัญหาอุปสรรคตามประเภท <span class="en">'
                f'(obstacles by category)</span></figcaption>{cat_svg}</figure>'
                f'<figure><figcaption>แผนภูมิ 3 ภาระที่ลดลงต่อปี <span class="en">(burden saved, '
                f'Standard Cost Model)</span></figcaption>{burden_svg}</figure></div>')
    body.append(_table_html(tabs["summary"]))
    body.append(_table_html(tabs["blockers"]))
    if roll.l2_not_applicable:
        body.append(f'<p class="muted">ไม่มีค่าธรรมเนียม (L2 ไม่เกี่ยวข้อง) {roll.l2_not_applicable} '
                    "งานบริการ (L2 not applicable: no fee)</p>")
    groups = Table("groups", "งานบริการตามกลุ่มผู้รับบริการ", "services by customer group",
                   (("กลุ่มผู้รับบริการ", "customer group"), ("จำนวน", "services")),
                   rows=[[f"{GROUP_LABELS[g][0]} ({GROUP_LABELS[g][1]})", n]
                         for g, n in roll.by_group.items()], numeric=frozenset({1}))
    mins = Table("ministries", "งานบริการตามกระทรวง", "services by ministry",
                 (("กระทรวง", "ministry"), ("จำนวน", "services")),
                 rows=[[k, v] for k, v in roll.by_ministry.items()], numeric=frozenset({1}))
    body.append(_table_html(groups) + _table_html(mins))
    top = sorted(((c, n) for c, n in roll.obstacles_by_category.items() if n),
                 key=lambda kv: -kv[1])
    if top:
        body.append("<h3>ปัญหาอุปสรรคหลัก <span class=\"en\">(top obstacles)</span></h3><ul>"
                    + "".join(f"<li>{_e(CATEGORY_LABELS[c][0])} ({c}): {n} รายการ ใน "
                              f"{roll.services_by_category.get(c, 0)} งานบริการ</li>"
                              for c, n in top) + "</ul>")
    h = run.history
    if h.previous is not None:
        body.append(f"<h3>ความก้าวหน้าจากรายงานครั้งก่อน ({_e(format_be_date(h.previous))}) "
                    "<span class=\"en\">(since the previous report)</span></h3><ul>"
                    f"<li>ระดับสูงขึ้น {len(h.gained)} งานบริการ (levels gained)"
                    + "".join(f" · {_e(g.name)} {g.before.value}→{g.after.value}"
                              for g in h.gained) + "</li>"
                    f"<li>ปิดอุปสรรคแล้ว {len(h.obstacles_closed)} รายการ (obstacles closed); "
                    f"อุปสรรคใหม่ {len(h.obstacles_new)} รายการ (new)</li></ul>")
    else:
        body.append('<p class="muted">รายงานครั้งแรก: ยังไม่มีข้อมูลเปรียบเทียบ '
                    "(first report: nothing to compare yet)</p>")
    recs = _recommendations(run)
    body.append("<h3>ข้อเสนอต่อคณะรัฐมนตรี <span class=\"en\">(decisions requested)</span></h3>"
                "<ol>" + "".join(f"<li>{_e(th)}</li>" for th, _ in recs[:3]) + "</ol></section>")

    # Parts 2-5
    parts = (("services", "ส่วนที่ 2 งานบริการที่เสนอยกระดับ ตาม KPI",
              "Part 2: services proposed for e-Service, per KPI", True),
             ("legal", "ส่วนที่ 3 ประเด็นกฎหมายที่เป็นอุปสรรค",
              "Part 3: legal obstacles for the central law", False),
             ("linkage", "ส่วนที่ 4 ความต้องการเชื่อมโยงข้อมูล", "Part 4: data-linkage needs",
              False),
             ("budget", "ส่วนที่ 5 ความต้องการงบประมาณ", "Part 5: budget needs", False))
    for slug, th, en, wide in parts:
        cls = "part wide" if wide else "part"
        body.append(f'<section class="{cls}"><h2>{_e(th)} <span class="en">({_e(en)})</span>'
                    f"</h2>{_table_html(tabs[slug], caption=False)}</section>")

    # Part 6
    body.append('<section class="part"><h2>ส่วนที่ 6 ข้อเสนอแนะ <span class="en">(Part 6: '
                'recommendations and resolutions sought)</span></h2><ol>'
                + "".join(f"<li>{_e(th)}<br><span class=\"en\">{_e(en)}</span></li>"
                          for th, en in recs) + "</ol></section>")

    # Annexes
    annexes = (("readiness", "ภาคผนวก ก ความพร้อมของหน่วยงานและกำหนดการคลินิก",
                "Annex A: agency readiness and clinic schedule"),
               ("follow-up", "ภาคผนวก ข กลุ่มการติดตามงานบริการ",
                "Annex B: follow-up groups and the rule that fired"),
               ("obstacles", "ภาคผนวก ค ทะเบียนปัญหาอุปสรรค", "Annex C: obstacle register"),
               ("history", "ภาคผนวก ง การเปลี่ยนแปลงจากรายงานครั้งก่อน",
                "Annex D: changes since the previous report"))
    for slug, th, en in annexes:
        cls = "part wide" if slug == "obstacles" else "part"
        body.append(f'<section class="{cls}"><h2>{_e(th)} <span class="en">({_e(en)})</span>'
                    f"</h2>{_table_html(tabs[slug], caption=False)}</section>")
    body.append('<section class="part"><h2>ภาคผนวก จ เอกสารประกอบการคลินิกรายงานบริการ '
                '<span class="en">(Annex E: each service\'s clinic handout)</span></h2><ol>')
    for r in run.results:
        link = (f' · <a href="{_e(r.handout)}">{_e(r.handout)}</a>' if r.handout else "")
        state = f"{r.level.value if r.level else '–'} → " \
                f"{r.level_after.value if r.level_after else '–'}"
        body.append(f"<li>{_e(r.meta.name)} [{_e(r.id)}]: {_e(state)}{link}"
                    + (f" <span class=\"notice\">{_e(r.error)}</span>" if r.error else "")
                    + "</li>")
    body.append("</ol>")
    embedded = [r for r in run.results if r.annex_html]
    if any(r.handout for r in run.results) and not embedded:
        body.append('<p class="muted">เอกสารประกอบการคลินิกอยู่ในไฟล์ services/&lt;id&gt;/handout.html '
                    "ไม่ได้รวมไว้ในรายงานนี้เนื่องจากจำนวนงานบริการมาก (the handouts are "
                    "separate files: too many services to embed)</p>")
    body.append("</section>")
    for r in embedded:
        body.append(f'<section class="annex-service handout" id="annex-{_e(r.id)}">'
                    f"{r.annex_html}</section>")
    body.append(f"<footer>จัดทำโดย reprocess · {_e(date_th)} · ตัวอย่างงานบริการเป็นข้อมูล"
                "สมมติเพื่อการสาธิต (example services are illustrative)</footer>")
    css = REPORT_CSS + (_scope_css(HANDOUT_CSS, ".handout") if embedded else "")
    return ("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(s.title)} ({_e(date_th)})</title>\n<style>{css}</style>\n</head>\n"
            "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


# -- XLSX and CSV -------------------------------------------------------------------------------


def _plain(v: Cell) -> Any:
    if isinstance(v, Decimal):
        return float(v)
    return v


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(tables: Sequence[Table], path: str | Path, *, today: datetime.date,
               title: str = "") -> Path:
    """Write one sheet per table (Thai headers, English below), deterministically.

    The workbook's created/modified dates are the report date and every ZIP entry
    carries it, so the same run gives the same bytes.

    Raises:
        ImportError: openpyxl is not installed (``pip install 'reprocess[xlsx]'``).
    """
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("XLSX output needs openpyxl: pip install 'reprocess[xlsx]'") from exc
    wb = Workbook(write_only=True)
    stamp = datetime.datetime(today.year, today.month, today.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "reprocess"
    wb.properties.title = title
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEEEEE")
    for t in tables:
        ws = wb.create_sheet(_SHEET_BAD.sub(" ", t.title_th)[:31])
        for col, (th, _) in enumerate(t.columns, start=1):
            longest = max((len(str(r[col - 1] or "")) for r in t.rows), default=0)
            ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, len(th) + 2,
                                                                            min(60, longest)))
        ws.freeze_panes = "A3"
        for row in ([th for th, _ in t.columns], [en for _, en in t.columns]):
            cells = []
            for text in row:
                cell = WriteOnlyCell(ws, value=text)
                cell.font = bold
                cell.fill = fill
                cells.append(cell)
            ws.append(cells)
        for data in t.rows:
            ws.append([_plain(v) for v in data])
    buf = io.BytesIO()
    wb.save(buf)
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(_fixed_zip(buf.getvalue(), today))
    return dest


def _fixed_zip(data: bytes, today: datetime.date) -> bytes:
    """Rewrite a ZIP so every entry has the same date (byte-for-byte reproducible)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(today.year, today.month,
                                                              today.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                                 lambda m: b"<dcterms:" + m.group(1) + m.group(2) + b">"
                                 + today.isoformat().encode() + b"T00:00:00Z<", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def write_csv(tables: Sequence[Table], folder: str | Path) -> list[Path]:
    """Write one CSV per table: UTF-8 with a byte-order mark, Thai (English) headers."""
    dest = Path(folder)
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for t in tables:
        path = dest / f"{t.slug}.csv"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(t.header())
        for row in t.rows:
            w.writerow(["" if v is None else _plain(v) for v in row])
        path.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
        out.append(path)
    return out


def write_reports(run: ClinicRun, out: str | Path) -> dict[str, str]:
    """Write ``report.html``, ``report.xlsx`` (when openpyxl is installed) and ``csv/*.csv``.

    Returns:
        Short name -> path of every file written.
    """
    dest = Path(out)
    dest.mkdir(parents=True, exist_ok=True)
    tables = report_tables(run)
    files: dict[str, str] = {}
    page = dest / "report.html"
    page.write_text(report_html(run, tables=tables), encoding="utf-8", newline="\n")
    files["report"] = str(page)
    try:
        files["xlsx"] = str(write_xlsx(tables, dest / "report.xlsx", today=run.rollup.today,
                                       title=run.catalogue.settings.title))
    except ImportError:
        files["xlsx-skipped"] = "openpyxl not installed"
    for p in write_csv(tables, dest / "csv"):
        files[f"csv-{p.stem}"] = str(p)
    return files
