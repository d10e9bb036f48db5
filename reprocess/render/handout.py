"""The clinic handout: one self-contained HTML page per service, printable on A4.

:func:`handout_html` writes what a consultant hands an agency at an OPDC clinic
(``domain.md`` sections 6.1 and 6.2), Thai first with English in brackets and the
date in the Buddhist Era:

1. the service header (name, agency, ministry, customer group, cases per year);
2. the level today, the target and the level the proposal reaches, and the three
   capability flags (apply, pay, result);
3. the blockers by level (L1, L2, L3) with their evidence, obstacle categories and
   the proposed replacement, then the other findings, alternative channels and
   waivers in brief;
4. the before and after diagrams (:mod:`reprocess.render.overlays`);
5. the metric table, before / after / change (:mod:`reprocess.render.compare`);
6. the change log, then the changes kept back because they need a law change;
7. the obstacles by category (IT, BUDGET, LAW, DATA, CAPACITY): what must be in place
   for the to-be, and what still blocks it.

The page is one file: CSS in a ``<style>`` element, diagrams as inline SVG, no script,
no web font and no URL (only the SVG namespace names). Every text from the model is
HTML-escaped. The output depends only on its inputs and ``today`` (and on the engine
that drew the diagrams), so it can be compared byte for byte.

Examples:
    >>> import datetime
    >>> from reprocess.model import Definitions, Process, StartEvent, UserTask, EndEvent
    >>> from reprocess.model import SequenceFlow
    >>> d = Definitions(root_elements=(Process(id="P", name='บริการ "ทดสอบ" <1>',
    ...     flow_elements=(StartEvent(id="S"), UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),
    ...     EndEvent(id="E"), SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> out = handout_html(d, today=datetime.date(2026, 11, 25), engine="auto")
    >>> "25 พฤศจิกายน 2569" in out, "บริการ &quot;ทดสอบ&quot; &lt;1&gt;" in out
    (True, True)
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reprocess.analysis.config import Config, Sidecar
from reprocess.analysis.finding import Diagnostic, Evidence, FindingStatus
from reprocess.model.enums import CustomerGroup, EServiceLevel, ObstacleCategory
from reprocess.model.process import Definitions
from reprocess.render.compare import (
    HTML_FONTS,
    Comparison,
    diagram_or_notice,
    metrics_table_html,
    page,
    service_title,
)
from reprocess.render.overlays import LEVEL_COLOURS, LEVEL_LABELS, OTHER_COLOURS, blocked_level
from reprocess.thai import format_be_date

if TYPE_CHECKING:
    from reprocess.analysis.engine import Analysis
    from reprocess.redesign.prerequisites import Prerequisite
    from reprocess.redesign.proposal import ChangeLogEntry, Proposal
    from reprocess.render.engines import EngineName

__all__ = ["HANDOUT_CSS", "OBSTACLE_LABELS", "handout_html", "write_handout"]

OBSTACLE_LABELS: dict[str, tuple[str, str]] = {
    "IT": ("ระบบสารสนเทศ", "IT"),
    "BUDGET": ("งบประมาณ", "budget"),
    "LAW": ("กฎหมายและระเบียบ", "law"),
    "DATA": ("การเชื่อมโยงข้อมูล", "data"),
    "CAPACITY": ("บุคลากรและขีดความสามารถ", "capacity"),
}
"""Thai and English names of OPDC's obstacle categories."""

_GROUPS: dict[str, str] = {
    CustomerGroup.CITIZENS.value: "ประชาชน (citizens)",
    CustomerGroup.LABOUR.value: "แรงงาน (labour)",
    CustomerGroup.BUSINESS.value: "ภาคธุรกิจ (business)",
}
_SOURCES: dict[str, str] = {
    "annotation": "ข้อมูลในไฟล์ (annotation)",
    "sidecar": "ไฟล์ข้อมูลประกอบ (sidecar)",
    "semantics": "สัญลักษณ์ BPMN (semantics)",
    "lexicon": "ถ้อยคำ (wording)",
    "structure": "โครงสร้างกระบวนงาน (structure)",
}
_LEVELS = (EServiceLevel.L1, EServiceLevel.L2, EServiceLevel.L3)
_EVIDENCE = 2
"""Pieces of evidence shown per blocker (the rest are counted)."""
_WIDE = 1.15
"""A diagram this many times wider than tall is printed on a landscape page."""

HANDOUT_CSS = f"""
@page {{ size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }}
* {{ box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
html {{ font-family: {HTML_FONTS}; font-size: 10.5pt; line-height: 1.45; color: #111;
  background: #fff; }}
body {{ margin: 0 auto; max-width: 190mm; padding: 10px; }}
h1 {{ font-size: 17pt; margin: 2px 0 4px; line-height: 1.3; }}
h2 {{ font-size: 13pt; margin: 16px 0 6px; padding-bottom: 2px; border-bottom: 2px solid #333;
  break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 10px 0 4px; break-after: avoid; page-break-after: avoid; }}
.en {{ color: #555; font-weight: normal; }}
.kicker {{ color: #444; font-size: 9.5pt; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 6px 0; }}
dl.facts dt {{ color: #444; }}
dl.facts dd {{ margin: 0; }}
.levels {{ display: flex; gap: 8px; margin: 6px 0; }}
.level {{ flex: 1; border: 1px solid #999; padding: 4px 8px; break-inside: avoid; }}
.level .v {{ font-size: 20pt; font-weight: bold; line-height: 1.1; }}
.chip {{ display: inline-block; white-space: nowrap; min-width: 2.4em; padding: 0 4px; border: 1px solid #666;
  text-align: center; font-weight: bold; }}
.lv-L0 {{ background: #eeeeee; }}
{"".join(f'.lv-{k} {{ background: {f}; border-color: {b}; }}' + chr(10)
         for k, (f, b) in LEVEL_COLOURS.items())}
.lv-other {{ background: {OTHER_COLOURS[0]}; border-color: {OTHER_COLOURS[1]}; }}
table {{ width: 100%; border-collapse: collapse; margin: 4px 0 8px; }}
caption {{ text-align: left; font-weight: bold; padding: 2px 0; }}
th, td {{ border: 1px solid #bbb; padding: 2px 5px; text-align: left; vertical-align: top; }}
thead th {{ background: #eeeeee; }}
tr.group th {{ background: #f5f5f5; }}
thead {{ display: table-header-group; }}
tr, figure, .level, li {{ break-inside: avoid; page-break-inside: avoid; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
td.better {{ color: #1e8e3e; font-weight: bold; }}
td.worse {{ color: #c5221f; font-weight: bold; }}
td.code, span.code {{ font-family: monospace, {HTML_FONTS}; }}
table.fixed {{ table-layout: fixed; }}
td, th {{ overflow-wrap: anywhere; }}
table.flags {{ width: auto; }}
ul.evidence {{ margin: 0; padding-left: 1.1em; font-size: 9pt; color: #333; }}
.small {{ font-size: 9pt; }}
.muted {{ color: #666; }}
.none {{ color: #1e8e3e; }}
figure {{ margin: 6px 0 10px; }}
figcaption {{ font-weight: bold; margin-bottom: 2px; }}
svg.diagram {{ display: block; width: 100%; height: auto; max-height: 240mm; }}
.sheet.landscape svg.diagram {{ max-height: 170mm; }}
@page wide {{ size: A4 landscape; margin: 12mm; }}
.notice {{ border: 1px solid #e8710a; background: #fff4e5; padding: 6px; }}
footer {{ margin-top: 14px; border-top: 1px solid #999; font-size: 8.5pt; color: #555; }}
@media print {{
  body {{ max-width: none; padding: 0; }}
  .sheet {{ break-before: page; page-break-before: always; }}
  .sheet.landscape {{ page: wide; }}
  .sheet + section, section.changes {{ break-before: page; page-break-before: always; }}
}}
"""
"""The stylesheet of the handout: A4 pages, no breaks inside rows and diagrams."""


def handout_html(
    defs: Definitions,
    *,
    analysis: Analysis | None = None,
    proposal: Proposal | None = None,
    target: EServiceLevel | str = "L3",
    today: _dt.date | None = None,
    engine: EngineName = "auto",
    config: Config | None = None,
    sidecar: Sidecar | None = None,
) -> str:
    """Return the clinic handout of one service as a self-contained HTML page.

    What is not given is computed: the analysis with
    :func:`reprocess.analysis.check`, the proposal with
    :func:`reprocess.redesign.redesign` (both with ``config`` and ``sidecar``, so
    waivers count). With ``engine="auto"`` and no Graphviz engine the page says so
    where the diagrams would be; everything else is still there.

    Args:
        defs: the as-is model.
        analysis: its analysis (for instance with the consultant's waivers).
        proposal: the to-be proposal (its target wins over ``target``).
        target: the target level when the proposal is computed.
        today: the date printed on the page (default: today); fixes the output.
        engine: ``"auto"``, ``"native"`` or ``"wasm"`` for the diagrams.
        config: configuration for the analysis and the redesign computed here.
        sidecar: facts and waivers for the analysis and the redesign computed here.

    Returns:
        The HTML document (UTF-8 text).

    Raises:
        ValueError: the analysis has no assessment (the model could not be analysed).
        RenderError: ``engine`` names an engine that cannot run.
    """
    level = EServiceLevel(proposal.target if proposal is not None else target)
    cfg = (config or Config()).model_copy(update={"target": level})
    if analysis is None:
        from reprocess.analysis.engine import check

        analysis = check(defs, config=cfg, sidecar=sidecar)
    if analysis.assessment is None:
        raise ValueError(f"no handout: the model could not be analysed ({analysis.error})")
    if proposal is None:
        from reprocess.redesign import redesign

        proposal = redesign(defs, target=level, config=cfg, sidecar=sidecar)
    return _Handout(defs, analysis, proposal, today or _dt.date.today(), engine).build()


def write_handout(path: str | os.PathLike[str], defs: Definitions, **kwargs: Any) -> None:
    """Write :func:`handout_html` to ``path`` (UTF-8); keyword arguments as there.

    Examples:
        >>> import datetime, pathlib, tempfile
        >>> from reprocess.model import Definitions, Process, UserTask
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     UserTask(id="T", name="ยื่นคำขอ ณ เคาน์เตอร์"),)),))
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "handout.html"
        >>> write_handout(target, d, today=datetime.date(2026, 11, 25))
        >>> "25 พฤศจิกายน 2569" in target.read_text(encoding="utf-8")
        True
    """
    text = handout_html(defs, **kwargs)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


class _Handout:
    def __init__(self, defs: Definitions, analysis: Analysis, proposal: Proposal,
                 today: _dt.date, engine: EngineName) -> None:
        self.defs = defs
        self.analysis = analysis
        self.proposal = proposal
        self.today = today
        self.engine = engine
        self.cmp = Comparison.from_proposal(proposal, before=analysis)
        self.resolving: dict[str, list[ChangeLogEntry]] = {}
        for entry in proposal.changes:
            keys = {*entry.addresses, *(f.key for f in entry.findings_resolved)}
            for key in sorted(keys):
                self.resolving.setdefault(key, []).append(entry)
        self.remaining = {f"{r.code}:{r.element_id or ''}": r for r in proposal.remaining}

    def build(self) -> str:
        name = service_title(self.defs, self.analysis)
        parts = [
            self.header(name),
            self.levels(),
            self.blockers(),
            self.others(),
            self.diagrams(),
            self.metrics(),
            self.change_log(),
            self.obstacles(),
            self.footer(),
        ]
        title = f"{name}: เอกสารประกอบการให้คำปรึกษา (clinic handout)"
        return page(title, "\n".join(p for p in parts if p), css=HANDOUT_CSS)

    # -- sections ----------------------------------------------------------------------

    def header(self, name: str) -> str:
        assert self.analysis.assessment is not None
        info = self.analysis.assessment.service
        date = format_be_date(self.today)
        facts: list[tuple[str, str]] = []
        if info is not None:
            if info.agency:
                facts.append(("หน่วยงาน (agency)", info.agency))
            if info.ministry:
                facts.append(("กระทรวง (ministry)", info.ministry))
            if info.customer_group is not None:
                facts.append(("กลุ่มผู้รับบริการ (customer group)",
                              _GROUPS.get(info.customer_group.value, info.customer_group.value)))
            if info.cases_per_year is not None:
                facts.append(("จำนวนคำขอต่อปี (cases per year)", f"{info.cases_per_year:,}"))
            if info.manual_ref:
                facts.append(("คู่มือสำหรับประชาชน (citizen's manual)", info.manual_ref))
        path = self.analysis.path or self.defs.provenance.path
        if path:
            facts.append(("ไฟล์แบบจำลอง (model file)", os.path.basename(str(path))))
        facts.append(("วันที่ (date)", date))
        rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
        return (
            "<header>\n"
            '<div class="kicker">เอกสารประกอบการให้คำปรึกษาเพื่อปรับปรุงกระบวนงาน '
            '<span class="en">(Re-Process clinic handout)</span></div>\n'
            f"<h1>{_e(name)}</h1>\n<dl class=\"facts\">{rows}</dl>\n</header>"
        )

    def levels(self) -> str:
        a = self.analysis.assessment
        assert a is not None
        p = self.proposal
        reached = ("ถึงเป้าหมาย (target reached)" if p.target_reached
                   else "ยังไม่ถึงเป้าหมาย (target not reached)")
        boxes = [
            _level_box("ระดับปัจจุบัน", "level today", a.level.value, ""),
            _level_box("เป้าหมาย", "target", p.target.value, ""),
            _level_box("หลังปรับปรุงตามข้อเสนอ", "proposed", p.level_after.value, reached),
        ]
        law = ("สมมติว่าแก้ไขกฎหมายแล้ว (assuming legal change)" if p.assume_law_change
               else "ภายใต้กฎหมายปัจจุบัน (within current law)")
        flags = [
            ("ยื่นคำขอออนไลน์ได้ (apply online, L1)", _yes_no(a.can_apply_online)),
            ("ชำระค่าธรรมเนียมออนไลน์ได้ (pay online, L2)",
             _yes_no(a.can_pay_online) if a.can_pay_online is not None
             else "ไม่มีค่าธรรมเนียม (no fee: L2 not applicable)"),
            ("ได้รับผลเป็นอิเล็กทรอนิกส์ (electronic result, L3)", _yes_no(a.result_electronic)),
        ]
        rows = "".join(f"<tr><th scope=\"row\">{_e(k)}</th><td>{_e(v)}</td></tr>"
                       for k, v in flags)
        return (
            '<section class="summary">\n<h2>ระดับการให้บริการ <span class="en">'
            "(e-Service level)</span></h2>\n"
            f'<div class="levels">{"".join(boxes)}</div>\n'
            f'<p class="small">ข้อเสนอจัดทำ{_e(law)}</p>\n'
            '<table class="flags"><caption>วันนี้ (today)</caption>'
            f"<tbody>{rows}</tbody></table>\n</section>"
        )

    def blockers(self) -> str:
        out = ['<section class="blockers">',
               '<h2>จุดที่ขัดขวางแต่ละระดับ <span class="en">(blockers by level)</span></h2>']
        for lvl in _LEVELS:
            found = [d for d in self.analysis.findings if blocked_level(d) == lvl]
            th, en = LEVEL_LABELS[lvl.value]
            out.append(f'<h3><span class="chip lv-{lvl.value}">{lvl.value}</span> {_e(th)} '
                       f'<span class="en">({_e(en)})</span></h3>')
            if not found:
                out.append('<p class="none">ไม่มีจุดที่ขัดขวาง (no blocker)</p>')
                continue
            out.append(
                '<table class="blockers fixed">'
                + _cols(20, 9, 36, 13, 22) + "<thead><tr>"
                "<th>ขั้นตอนหรือเอกสาร <span class=\"en\">(step or document)</span></th>"
                "<th>รหัส <span class=\"en\">(code)</span></th>"
                "<th>ข้อค้นพบและหลักฐาน <span class=\"en\">(finding, evidence)</span></th>"
                "<th>อุปสรรค <span class=\"en\">(obstacles)</span></th>"
                "<th>ข้อเสนอ <span class=\"en\">(proposed)</span></th>"
                "</tr></thead><tbody>")
            out.extend(self._blocker_row(d) for d in found)
            out.append("</tbody></table>")
        out.append("</section>")
        return "\n".join(out)

    def _blocker_row(self, d: Diagnostic) -> str:
        step = d.element_name or d.element_id or "–"
        cond = (' <span class="muted">(เฉพาะบางกรณี conditional)</span>' if d.conditional
                else "")
        evidence = "".join(f"<li>{_e(_clip(_evidence(ev), 90))}</li>"
                           for ev in d.evidence[:_EVIDENCE])
        if len(d.evidence) > _EVIDENCE:
            evidence += f"<li>… (+{len(d.evidence) - _EVIDENCE})</li>"
        finding = (f"{_e(_short_message(d))} <span class=\"en\">({_e(d.title)})</span>"
                   + (f'<ul class="evidence">{evidence}</ul>' if evidence else ""))
        obstacles = " ".join(_obstacle_chip(o.value) for o in d.obstacles) or "–"
        return (f"<tr><td>{_e(step)}{cond}</td><td class=\"code\">{_e(d.code)}</td>"
                f"<td>{finding}</td><td>{obstacles}</td><td>{self._proposed(d)}</td></tr>")

    def _proposed(self, d: Diagnostic) -> str:
        key = f"{d.code}:{d.element_id or ''}"
        left = self.remaining.get(key)
        entries = [e for e in self.resolving.get(key, []) if e.applied]
        parts: list[str] = []
        if entries:
            entry = entries[0]
            parts.append(f"{_e(_clip(entry.rationale_th or entry.rationale_en, 150))} "
                         f'<span class="muted small">[{_e(entry.pass_name)}]</span>')
        if left is not None:
            why = left.reason_th or left.reason_en
            parts.append("<strong>ยังคงอยู่ (remains)</strong>" + (f": {_e(why)}" if why else ""))
        if not parts:
            parts.append(_e(d.fix) if d.fix else "–")
        return "<br>".join(parts)

    def others(self) -> str:
        other = [d for d in self.analysis.findings
                 if d.is_open and blocked_level(d) is None and d.element_id]
        alternative = [d for d in self.analysis.findings
                       if d.status == FindingStatus.ALTERNATIVE]
        waived = [d for d in self.analysis.findings if d.status == FindingStatus.WAIVED]
        if not (other or alternative or waived):
            return ""
        out = ['<section class="others">',
               '<h2>ข้อสังเกตอื่น <span class="en">(other findings)</span></h2>']
        if other:
            out.append(_brief_table(
                other, "ไม่ขัดขวางระดับ แต่ควรปรับปรุง (no level blocked, worth improving)"))
        if alternative:
            out.append(_brief_table(
                alternative, "ช่องทางทางเลือกที่คงไว้ (alternative channel kept): "
                "ไม่นับเป็นจุดขัดขวาง เพราะมีช่องทางออนไลน์ครบแล้ว"))
        if waived:
            out.append(_brief_table(waived, "ยกเว้นโดยผู้ให้คำปรึกษา (waived)", reasons=True))
        out.append("</section>")
        return "\n".join(out)

    def diagrams(self) -> str:
        as_is = "ก่อน (as-is): จุดที่ขัดขวาง ระบายสีตามระดับ และรหัสข้อค้นพบ"
        to_be = "หลัง (to-be): เพิ่มใหม่ (สีเขียว) ปรับปรุง (สีฟ้า) ยกเลิก (สีเทา เส้นประ)"
        out = ['<section class="diagrams">',
               '<h2>แผนภาพกระบวนงาน <span class="en">(process diagrams)</span></h2>',
               '<p class="small muted">แผนภาพแต่ละภาพพิมพ์ในหน้าของตัวเอง ย่อให้พอดีความกว้างหน้า '
               "(each diagram is printed on a page of its own, scaled to the page width)</p>",
               "</section>"]
        for caption, make, prefix in ((as_is, self.cmp.as_is_digraph, "asis-"),
                                      (to_be, self.cmp.to_be_digraph, "tobe-")):
            svg = diagram_or_notice(make, self.engine, prefix=prefix, label=caption)
            sheet = "sheet landscape" if _is_wide(svg) else "sheet"
            out.append(f'<section class="{sheet}"><figure><figcaption>{_e(caption)}</figcaption>'
                       f"{svg}</figure></section>")
        return "\n".join(out)

    def metrics(self) -> str:
        return (
            '<section class="metrics">\n'
            '<h2>ตัวชี้วัดก่อนและหลัง <span class="en">(metrics before and after)</span></h2>\n'
            f"{metrics_table_html(self.cmp.rows())}\n"
            '<p class="small muted">ภาระต่อปีคำนวณตามแบบจำลองต้นทุนมาตรฐาน (Standard Cost Model): '
            "ชั่วโมงของผู้ขอและค่าใช้จ่ายต่อราย คูณจำนวนคำขอต่อปี</p>\n</section>"
        )

    def change_log(self) -> str:
        p = self.proposal
        out = ['<section class="changes">',
               '<h2>รายการเปลี่ยนแปลง <span class="en">(change log)</span></h2>']
        if not p.changes:
            out.append('<p class="none">ไม่มีการเปลี่ยนแปลง: บริการอยู่ที่ระดับเป้าหมายแล้ว '
                       "(no change: the service is at the target)</p>")
        else:
            out.append(self._changes_table(
                p.changes, caption=f"{len(p.changes)} การเปลี่ยนแปลง รวมตามมาตรการ "
                                   f"({len(p.changes)} changes, grouped by measure)"))
        if p.retained:
            out.append("<h3>ยังไม่ดำเนินการ เพราะต้องแก้ไขกฎหมายก่อน "
                       '<span class="en">(kept back: needs a law change)</span></h3>')
            out.append(self._changes_table(p.retained))
        if p.legal_changes_assumed:
            items = "".join(f"<li>{_e(_prereq_text(x))}</li>" for x in p.legal_changes_assumed)
            out.append("<h3>การแก้ไขกฎหมายที่สมมติไว้ "
                       f'<span class="en">(legal changes assumed)</span></h3><ul>{items}</ul>')
        out.append("</section>")
        return "\n".join(out)

    def _changes_table(self, entries: Sequence[ChangeLogEntry], caption: str = "") -> str:
        groups: dict[str, list[ChangeLogEntry]] = {}
        for e in entries:
            groups.setdefault(e.pass_name, []).append(e)
        titles = _pass_titles()
        rows = []
        for i, (name, group) in enumerate(groups.items(), 1):
            touched = list(dict.fromkeys(n for e in group for n in self._names(e)))
            codes = sorted({k.split(":", 1)[0] for e in group
                            for k in (*e.addresses, *(f.key for f in e.findings_resolved))})
            needs = " ".join(_obstacle_chip(c) for c in dict.fromkeys(
                x.category.value for e in group for x in e.prerequisites)) or "–"
            why = next((e.rationale_th or e.rationale_en for e in group
                        if e.rationale_th or e.rationale_en), "")
            note = next((e.note for e in group if e.note and not e.applied), None)
            title = titles.get(name, name)
            rows.append(
                f'<tr><td class="num">{i}</td><td><strong>{_e(why) or "–"}</strong>'
                f' <span class="en">({_e(title)})</span>'
                + (f'<br><span class="muted small">{_e(note)}</span>' if note else "")
                + f"</td><td>{_e(_listing(touched))}</td>"
                f'<td class="code small">{_e(", ".join(codes)) or "–"}</td><td>{needs}</td></tr>')
        return (
            '<table class="changes fixed">'
            + (f'<caption class="small muted">{_e(caption)}</caption>' if caption else "")
            + _cols(5, 47, 25, 11, 12)
            + '<thead><tr><th class="num">#</th>'
            "<th>มาตรการและเหตุผล <span class=\"en\">(measure)</span></th>"
            "<th>ขั้นตอนหรือเอกสาร <span class=\"en\">(elements)</span></th>"
            "<th>แก้ข้อค้นพบ <span class=\"en\">(resolves)</span></th>"
            "<th>สิ่งที่ต้องมี <span class=\"en\">(needs)</span></th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _names(self, e: ChangeLogEntry) -> list[str]:
        """Names of the steps and documents a change touches (flows and unnamed parts left out)."""
        as_is, to_be = self.proposal.as_is, self.proposal.to_be
        out: list[str] = []
        target = getattr(e.change, "element_id", None) or getattr(e.change, "anchor", None)
        ids = [*([target] if isinstance(target, str) else []), *e.changed, *e.replaced]
        out += [_element_name(as_is, i) for i in ids]
        out += [_element_name(to_be, i) for i in e.added]
        out += [_element_name(as_is, r.element_id) for r in e.removed]
        return [n for n in dict.fromkeys(out) if n]

    def obstacles(self) -> str:
        p = self.proposal
        rows: dict[tuple[str, str], dict[str, Any]] = {}

        def add(prereq: Prerequisite, status: str, where: Iterable[str]) -> None:
            key = (prereq.category.value, prereq.text_th)
            row = rows.setdefault(key, {"p": prereq, "status": [], "where": []})
            if status not in row["status"]:
                row["status"].append(status)
            row["where"].extend(w for w in where if w and w not in row["where"])

        for e in p.changes:
            for x in e.prerequisites:
                add(x, "ต้องจัดให้มี (to put in place)", self._names(e)[:1])
        for e in p.retained:
            for x in e.prerequisites:
                add(x, "ต้องแก้กฎหมายก่อน (law change first)", self._names(e)[:1])
        for r in p.remaining:
            for x in r.prerequisites:
                add(x, "ยังขัดขวาง (still blocking)", [r.element_name or r.element_id or ""])
        extra: list[tuple[str, str, str]] = []
        for r in p.remaining:
            if not r.prerequisites:
                for cat in r.obstacles:
                    extra.append((cat.value, f"{r.code} {r.element_name or r.element_id or ''}",
                                  r.reason_th or r.message_th))
        out = ['<section class="obstacles">',
               '<h2>อุปสรรคแยกตามประเภท <span class="en">(obstacles by category)</span></h2>']
        if not rows and not extra:
            out.append('<p class="none">ไม่มีอุปสรรคที่ต้องจัดการ (no obstacle)</p>')
            out.append("</section>")
            return "\n".join(out)
        body: list[str] = []
        for cat in ObstacleCategory:
            mine = [v for k, v in rows.items() if k[0] == cat.value]
            more = [x for x in extra if x[0] == cat.value]
            if not mine and not more:
                continue
            th, en = OBSTACLE_LABELS.get(cat.value, (cat.value, cat.value))
            body.append(f'<tr class="group"><th colspan="3">{_obstacle_chip(cat.value)} {_e(th)}'
                        f' <span class="en">({_e(en)})</span></th></tr>')
            for v in mine:
                x = v["p"]
                detail = "; ".join(s for s in (x.source_agency, x.legal_reference) if s)
                body.append(
                    f"<tr><td>{_e(x.text_th)}"
                    + (f'<br><span class="small muted">{_e(detail)}</span>' if detail else "")
                    + f"</td><td>{_e(_listing(v['where']))}</td>"
                    f"<td>{_e('; '.join(v['status']))}</td></tr>")
            for _, what, why in more:
                body.append(f"<tr><td>{_e(why)}</td><td>{_e(what)}</td>"
                            "<td>ยังขัดขวาง (still blocking)</td></tr>")
        out.append(
            '<table class="obstacles fixed">' + _cols(57, 25, 18) + "<thead><tr>"
            "<th>สิ่งที่ต้องมีหรือต้องแก้ <span class=\"en\">(what is needed)</span></th>"
            "<th>ขั้นตอน <span class=\"en\">(where)</span></th>"
            "<th>สถานะ <span class=\"en\">(status)</span></th>"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")
        out.append("</section>")
        return "\n".join(out)

    def footer(self) -> str:
        version = getattr(sys.modules.get("reprocess"), "__version__", "")
        return (
            "<footer>จัดทำด้วย reprocess "
            f"{_e(version)} เมื่อ {_e(format_be_date(self.today))}. "
            "ระดับ e-Service ตามเกณฑ์ของ สำนักงาน ก.พ.ร. (OPDC e-Service levels): "
            "L1 ยื่นคำขอออนไลน์, L2 ชำระค่าธรรมเนียมออนไลน์, L3 ได้รับผลเป็นอิเล็กทรอนิกส์. "
            "ข้อเสนอนี้เป็นร่างเพื่อหารือกับหน่วยงาน (a draft for discussion with the agency)."
            "</footer>"
        )


# -- helpers --------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _yes_no(flag: bool | None) -> str:
    return "ได้ (yes)" if flag else "ไม่ได้ (no)"


def _level_box(th: str, en: str, level: str, note: str) -> str:
    meaning_th, meaning_en = LEVEL_LABELS.get(level, (level, level))
    extra = f'<div class="small">{_e(note)}</div>' if note else ""
    return (f'<div class="level lv-{_e(level)}"><div>{_e(th)} <span class="en">({_e(en)})</span>'
            f'</div><div class="v">{_e(level)}</div><div class="small">{_e(meaning_th)} '
            f'<span class="en">({_e(meaning_en)})</span></div>{extra}</div>')


def _is_wide(svg: str) -> bool:
    """Whether an inline SVG is wide enough for a landscape page."""
    match = re.search(r'<svg [^>]*?width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if match is None:
        return False
    width, height = float(match.group(1)), float(match.group(2))
    return height > 0 and width / height >= _WIDE


def _obstacle_chip(category: str) -> str:
    th, en = OBSTACLE_LABELS.get(category, (category, category))
    return f'<span class="chip small" title="{_e(th)} ({_e(en)})">{_e(category)}</span>'


def _evidence(ev: Evidence) -> str:
    where = f", {ev.field}" if ev.field else ""
    return f"{_SOURCES.get(ev.source, ev.source)}{where}: {ev.text}"


def _prereq_text(x: Prerequisite) -> str:
    detail = "; ".join(s for s in (x.source_agency, x.legal_reference) if s)
    return f"{x.text_th} ({x.text_en})" + (f": {detail}" if detail else "")


def _element_name(defs: Definitions, element_id: str) -> str:
    """The name of a step, document or lane; ``""`` for flows and hidden parts."""
    el = defs.get(element_id)
    if el is None:
        return ""
    kind = getattr(el, "type", "")
    if kind in ("sequenceFlow", "messageFlow", "dataObject", "association") or (
            not kind and not hasattr(el, "flow_node_refs")):
        return ""
    name = getattr(el, "name", None)
    return str(name) if name else ""


def _clip(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _listing(names: Sequence[str], limit: int = 3) -> str:
    """``a; b; c`` and ``และอีก n (n more)`` past ``limit``; ``–`` when empty."""
    if not names:
        return "–"
    shown = "; ".join(_clip(n, 48) for n in names[:limit])
    return shown + (f"; และอีก {len(names) - limit} (+{len(names) - limit} more)"
                    if len(names) > limit else "")


def _short_message(d: Diagnostic) -> str:
    """The Thai message without the quoted element name the row already shows."""
    text = d.message_th
    if d.element_name:
        for noun in ("ขั้นตอน", "เอกสาร"):
            quoted = f"{noun} '{d.element_name}'"
            if text.startswith(quoted):
                return f"{noun}นี้" + text[len(quoted):]
    return text


def _pass_titles() -> dict[str, str]:
    from reprocess.redesign import DEFAULT_PASSES

    return {p.name: p.title for p in DEFAULT_PASSES}


def _cols(*percent: int) -> str:
    return "<colgroup>" + "".join(f'<col style="width:{p}%">' for p in percent) + "</colgroup>"


def _brief_table(found: Sequence[Diagnostic], caption: str, *, reasons: bool = False) -> str:
    rows = []
    for d in found:
        last = _e(d.waiver_reason or "–") if reasons else _e(d.message_th)
        rows.append(f"<tr><td class=\"code\">{_e(d.code)}</td>"
                    f"<td>{_e(d.element_name or d.element_id or '–')}</td><td>{last}</td></tr>")
    head = "เหตุผล (reason)" if reasons else "ข้อค้นพบ (finding)"
    return (f'<table class="brief small fixed"><caption>{_e(caption)}</caption>'
            + _cols(11, 32, 57) + "<thead><tr>"
            "<th>รหัส (code)</th><th>ขั้นตอนหรือเอกสาร (step or document)</th>"
            f"<th>{_e(head)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
