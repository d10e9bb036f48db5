"""The PR sheet per customer group (``domain.md`` 6.6): what changes for the applicant.

Services are grouped by customer group (ประชาชน, ผู้ใช้แรงงาน, ผู้ประกอบการ) and each gets
"what changes for you" lines generated from its metric deltas and from what the proposal
changes: no copy of the ID card, apply on ทางรัฐ or Biz Portal with ThaID, pay by QR, the
licence arrives as an e-document, visits 2 → 0, time 30 → 7 days, documents and copies
fewer. The sheet is written as Markdown and as HTML, one file per group.

Examples:
    >>> from reprocess.analysis.metrics import Metrics
    >>> from reprocess.portfolio.catalogue import ServiceMeta
    >>> meta = ServiceMeta(id="e3", name="การขอใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร",
    ...                    agency="เทศบาล", customer_group="business", model="e3.bpmn")
    >>> r = ServiceResult(id="e3", meta=meta, source="", input_path="", level="L0",
    ...     level_after="L3", can_apply_online=False, can_pay_online=False,
    ...     result_electronic=False, id_copies_before=True,
    ...     metrics_before=Metrics(visits=2, elapsed_days=30.0),
    ...     metrics_after=Metrics(visits=0, elapsed_days=7.0))
    >>> [line.th for line in pr_lines(r)]  # doctest: +NORMALIZE_WHITESPACE
    ['ไม่ต้องใช้สำเนาบัตรประชาชน', 'ยื่นผ่าน Biz Portal ด้วย ThaID', 'ชำระผ่าน QR',
     'ได้รับใบอนุญาตอิเล็กทรอนิกส์', 'มาติดต่อ 2 → 0 ครั้ง', 'เวลา 30 → 7 วัน']
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reprocess.model.enums import CustomerGroup, EServiceLevel
from reprocess.portfolio.rollup import ServiceResult

if TYPE_CHECKING:
    from reprocess.portfolio.run import ClinicRun

__all__ = [
    "GROUP_LABELS",
    "PASS_LABELS",
    "PrLine",
    "format_days",
    "pr_html",
    "pr_lines",
    "pr_markdown",
    "write_pr_sheets",
]

GROUP_LABELS: dict[str, tuple[str, str]] = {
    CustomerGroup.CITIZENS.value: ("ประชาชน", "citizens"),
    CustomerGroup.LABOUR.value: ("ผู้ใช้แรงงาน", "labour"),
    CustomerGroup.BUSINESS.value: ("ผู้ประกอบการ", "business operators"),
}
"""Thai and English names of the customer groups."""

PASS_LABELS: dict[str, tuple[str, str]] = {
    "offer-online-application": ("ยื่นคำขอออนไลน์", "online application"),
    "use-digital-id": ("ยืนยันตัวตนด้วย ThaID", "digital ID (ThaID)"),
    "fetch-state-data-by-linkage": ("ดึงข้อมูลผ่าน Linkage Center/GDX แทนสำเนา",
                                    "fetch state data instead of copies"),
    "accept-digital-attachments": ("แนบไฟล์ดิจิทัล", "digital attachments"),
    "accept-e-signature": ("ลงนามอิเล็กทรอนิกส์", "e-signature"),
    "accept-e-consent": ("หนังสือยินยอม/มอบอำนาจอิเล็กทรอนิกส์", "e-consent and e-POA"),
    "use-e-stamp-duty": ("อากรแสตมป์อิเล็กทรอนิกส์", "e-stamp duty"),
    "offer-e-payment": ("ชำระเงินผ่าน QR/e-Payment", "e-payment (QR)"),
    "pay-on-approval-online": ("ชำระออนไลน์เมื่ออนุมัติ", "pay online on approval"),
    "issue-e-document": ("ออกเอกสารอิเล็กทรอนิกส์", "electronic result"),
    "notify-electronically": ("แจ้งผลทางอิเล็กทรอนิกส์", "electronic notification"),
    "allow-electronic-display": ("แสดงใบอนุญาตด้วย QR", "electronic display"),
    "route-electronically": ("ส่งงานผ่านระบบสารบรรณอิเล็กทรอนิกส์", "e-routing"),
    "capture-data-once": ("บันทึกข้อมูลครั้งเดียว", "capture data once"),
    "delegate-or-parallelise-approval": ("มอบอำนาจ/พิจารณาคู่ขนาน",
                                         "delegated or parallel approval"),
    "hold-meeting-electronically": ("ประชุมอิเล็กทรอนิกส์", "e-meetings"),
    "inspect-by-risk-or-remotely": ("ตรวจตามความเสี่ยง/ทางไกล", "risk-based or remote inspection"),
    "exchange-data-with-agency": ("แลกเปลี่ยนข้อมูลกับหน่วยงานผ่าน GDX",
                                  "data exchange with agencies"),
    "process-prerequisites-in-parallel": ("พิจารณาใบอนุญาตที่เกี่ยวข้องคู่ขนาน",
                                          "parallel prerequisites"),
    "publish-notice-online": ("ประกาศออนไลน์", "online notice"),
    "renew-by-payment": ("ต่ออายุด้วยการชำระค่าธรรมเนียม", "renewal by payment"),
}
"""Short Thai and English names of the redesign passes (for tables and PR sheets)."""


@dataclass(frozen=True)
class PrLine:
    """One "what changes for you" line, in Thai and English."""

    th: str
    en: str


def format_days(days: float, *, minutes_per_day: float = 450.0) -> tuple[str, str, str]:
    """Return ``(number, Thai unit, English unit)`` for a duration given in days.

    Under a day it is written in minutes (or hours), from ``minutes_per_day``.

    Examples:
        >>> format_days(30.0), format_days(7.4), format_days(0.1)
        (('30', 'วัน', 'days'), ('7.4', 'วัน', 'days'), ('45', 'นาที', 'minutes'))
    """
    if days >= 1:
        text = f"{days:.0f}" if days >= 10 or float(days).is_integer() else f"{days:.1f}"
        return text, "วัน", "days"
    minutes = days * minutes_per_day
    if minutes >= 120:
        return f"{minutes / 60:.1f}".rstrip("0").rstrip("."), "ชั่วโมง", "hours"
    return f"{minutes:.0f}", "นาที", "minutes"


def _result_word(name: str) -> tuple[str, str]:
    if "อนุญาต" in name:
        return "ใบอนุญาต", "licence"
    if "รับรอง" in name:
        return "หนังสือรับรอง", "certificate"
    if "ทะเบียน" in name or "แจ้ง" in name:
        return "หลักฐานการจดทะเบียน", "registration"
    return "ผลการพิจารณา", "decision"


def pr_lines(r: ServiceResult) -> tuple[PrLine, ...]:
    """Return the "what changes for you" lines of one service (empty when nothing changes)."""
    if r.error is not None or r.level is None or r.level_after is None:
        return ()
    out: list[PrLine] = []
    after = r.level_after
    if r.id_copies_before and not r.id_copies_after:
        out.append(PrLine("ไม่ต้องใช้สำเนาบัตรประชาชน", "No copy of your ID card"))
    if r.can_apply_online is False and after >= EServiceLevel.L1:
        if r.meta.customer_group is CustomerGroup.BUSINESS:
            out.append(PrLine("ยื่นผ่าน Biz Portal ด้วย ThaID", "Apply on Biz Portal with ThaID"))
        else:
            out.append(PrLine("ยื่นผ่านทางรัฐ ด้วย ThaID", "Apply on the Tang Rat app with ThaID"))
    if r.can_pay_online is False and after >= EServiceLevel.L2:
        out.append(PrLine("ชำระผ่าน QR", "Pay by QR (PromptPay)"))
    if r.result_electronic is False and after >= EServiceLevel.L3:
        th, en = _result_word(r.meta.name)
        out.append(PrLine(f"ได้รับ{th}อิเล็กทรอนิกส์", f"Your {en} arrives as an e-document"))
    b, a = r.metrics_before, r.metrics_after
    if b is not None and a is not None:
        if a.visits < b.visits:
            out.append(PrLine(f"มาติดต่อ {b.visits} → {a.visits} ครั้ง",
                              f"Visits: {b.visits} → {a.visits}"))
        if b.elapsed_days is not None and a.elapsed_days is not None and (
                a.elapsed_days < b.elapsed_days - 1e-6):
            nb, ub, eb = format_days(b.elapsed_days)
            na, ua, ea = format_days(a.elapsed_days)
            th = f"เวลา {nb} → {na} {ub}" if ub == ua else f"เวลา {nb} {ub} → {na} {ua}"
            en = f"Time: {nb} → {na} {eb}" if eb == ea else f"Time: {nb} {eb} → {na} {ea}"
            out.append(PrLine(th, en))
        if a.documents < b.documents:
            out.append(PrLine(f"เอกสาร {b.documents} → {a.documents} รายการ",
                              f"Documents: {b.documents} → {a.documents}"))
        if a.copies < b.copies:
            out.append(PrLine(f"สำเนา {b.copies} → {a.copies} ฉบับ",
                              f"Copies: {b.copies} → {a.copies}"))
    return tuple(out)


def _group_results(results: Sequence[ServiceResult], group: str) -> list[ServiceResult]:
    return [r for r in results if r.meta.customer_group.value == group and r.error is None]


def pr_markdown(results: Sequence[ServiceResult], group: str, *, date_th: str = "") -> str:
    """Return the PR sheet of one customer group as Markdown."""
    th, en = GROUP_LABELS[group]
    lines = [f"# สิ่งที่เปลี่ยนไปสำหรับ{th} ({en}: what changes for you)", ""]
    if date_th:
        lines += [f"ข้อมูล ณ วันที่ {date_th}", ""]
    members = _group_results(results, group)
    if not members:
        lines.append("ยังไม่มีงานบริการในกลุ่มนี้ (no service in this group)")
    for r in members:
        lines.append(f"## {r.meta.name}")
        lines.append("")
        lines.append(f"{r.meta.agency} · ระดับ (level) {r.level.value if r.level else '–'} → "
                     f"{r.level_after.value if r.level_after else '–'}")
        lines.append("")
        found = pr_lines(r)
        if not found:
            lines.append("- ยังไม่มีการเปลี่ยนแปลงสำหรับผู้รับบริการ (no change for the "
                         "applicant yet)")
        lines += [f"- {x.th} ({x.en})" for x in found]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_PR_CSS = """
@page { size: A4 portrait; margin: 15mm; }
html { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Leelawadee UI", Tahoma,
  sans-serif; font-size: 12pt; color: #111; }
body { max-width: 180mm; margin: 0 auto; padding: 10px; }
h1 { font-size: 18pt; border-bottom: 3px solid #1e8e3e; }
h2 { font-size: 14pt; margin: 14px 0 2px; }
.service { break-inside: avoid; page-break-inside: avoid; border: 1px solid #ccc;
  border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
.meta { color: #555; font-size: 10pt; }
li { margin: 2px 0; }
.en { color: #555; font-size: 10pt; }
"""


def pr_html(results: Sequence[ServiceResult], group: str, *, date_th: str = "") -> str:
    """Return the PR sheet of one customer group as a self-contained HTML page."""
    th, en = GROUP_LABELS[group]
    e = html.escape
    body = [f"<h1>สิ่งที่เปลี่ยนไปสำหรับ{e(th)} <span class=\"en\">({e(en)}: what changes for "
            "you)</span></h1>"]
    if date_th:
        body.append(f"<p class=\"meta\">ข้อมูล ณ วันที่ {e(date_th)}</p>")
    members = _group_results(results, group)
    if not members:
        body.append("<p>ยังไม่มีงานบริการในกลุ่มนี้ (no service in this group)</p>")
    for r in members:
        found = pr_lines(r)
        items = "".join(f"<li>{e(x.th)} <span class=\"en\">({e(x.en)})</span></li>"
                        for x in found) or ("<li>ยังไม่มีการเปลี่ยนแปลงสำหรับผู้รับบริการ "
                                            "<span class=\"en\">(no change yet)</span></li>")
        level = (f"{r.level.value if r.level else '–'} → "
                 f"{r.level_after.value if r.level_after else '–'}")
        body.append(f"<section class=\"service\"><h2>{e(r.meta.name)}</h2>"
                    f"<p class=\"meta\">{e(r.meta.agency)} · ระดับ (level) {e(level)}</p>"
                    f"<ul>{items}</ul></section>")
    return ("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>สิ่งที่เปลี่ยนไปสำหรับ{e(th)}</title>\n<style>{_PR_CSS}</style>\n"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def write_pr_sheets(run: ClinicRun, out: str | Path) -> dict[str, str]:
    """Write ``pr/<group>.md`` and ``pr/<group>.html`` for every customer group."""
    from reprocess.thai import format_be_date

    folder = Path(out) / "pr"
    folder.mkdir(parents=True, exist_ok=True)
    date_th = format_be_date(run.rollup.today)
    files: dict[str, str] = {}
    for group in GROUP_LABELS:
        md = folder / f"{group}.md"
        md.write_text(pr_markdown(run.results, group, date_th=date_th), encoding="utf-8")
        page = folder / f"{group}.html"
        page.write_text(pr_html(run.results, group, date_th=date_th), encoding="utf-8")
        files[f"pr-{group}-md"] = str(md)
        files[f"pr-{group}-html"] = str(page)
    return files
