"""Draw a model as a ``graphviz.Digraph`` in the BPMN look, with overlays.

:func:`diagram` turns a :class:`~reprocess.model.Definitions` into DOT: tasks as
rounded boxes with a kind marker, events as circles, gateways as diamonds, documents
as notes, registers as cylinders, annotations as brackets, pools and lanes as
labelled clusters, message flows dashed with an open circle and an open arrow head,
data associations dotted. Other layers (findings, proposals) colour and badge
elements through the generic ``marks`` argument, keyed by element id, and explain
their colours with a :class:`Legend`.

Every node is sized here, from font metrics (:mod:`reprocess.render.textwidth`), and
marked ``fixedsize``: Thai labels then fit their shapes on both engines, and node
positions do not depend on how an engine measures text. Long labels are wrapped with
:func:`reprocess.thai.wrap_label`: tasks keep a standard width and grow in height.

Sub-processes are drawn collapsed (a task-size box with a ``[+]`` marker); marks on
the elements inside one are shown as badges on the sub-process. Groups are not drawn.

The DOT source is deterministic: document order, no memory addresses, ids escaped.
The returned ``Digraph`` displays itself in Jupyter (through the ``graphviz``
package); :func:`reprocess.render.engines.render` draws it with either engine.

Examples:
    >>> from reprocess.model import Definitions, Process, StartEvent, UserTask, SequenceFlow
    >>> p = Process(id="P", flow_elements=(StartEvent(id="S"), UserTask(id="T", name="ยื่นคำขอ"),
    ...     SequenceFlow(id="f1", source="S", target="T")))
    >>> g = diagram(Definitions(root_elements=(p,)), marks={"T": Mark(badge="APP001")})
    >>> [line.split(" [")[0].strip() for line in g.source.splitlines() if " -> T " in line]
    ['S -> T']
    >>> "⚑ APP001" in g.source
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from reprocess.model import (
    Association,
    BoundaryEvent,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    EndEvent,
    Lane,
    Participant,
    Process,
    SequenceFlow,
    StartEvent,
    TextAnnotation,
)
from reprocess.model.base import field_or
from reprocess.model.elements import _SubProcessBase
from reprocess.render._placement import artifact_users, innermost_lanes
from reprocess.render.textwidth import DEFAULT_FONT_SIZE, FONT_FAMILY, line_height, text_width
from reprocess.thai import wrap_label

if TYPE_CHECKING:
    import graphviz

__all__ = [
    "BADGE_PREFIX",
    "DATA_WIDTH",
    "EVENT_SIZE",
    "GATEWAY_SIZE",
    "STYLE_COLOURS",
    "TASK_MIN_HEIGHT",
    "TASK_WIDTH",
    "Legend",
    "Mark",
    "MarkStyle",
    "diagram",
    "dot_name",
    "node_size",
    "wrap",
]

MarkStyle = Literal["normal", "added", "changed", "removed"]
"""How an element differs in a proposal: ``normal`` (as is), ``added``, ``changed``,
``removed``."""

Direction = Literal["LR", "TB", "RL", "BT"]

STYLE_COLOURS: dict[str, tuple[str, str]] = {
    "normal": ("#ffffff", "#000000"),
    "added": ("#e6f4ea", "#1e8e3e"),
    "changed": ("#e8f0fe", "#1a73e8"),
    "removed": ("#f1f3f4", "#9aa0a6"),
}
"""Default ``(fill, border)`` colour of each mark style: green, blue, grey."""

REMOVED_TEXT = "#80868b"

TASK_WIDTH = 120.0
"""Standard task width in points; long labels make a task taller, not wider."""
TASK_MIN_HEIGHT = 80.0
DATA_WIDTH = 90.0
DATA_MIN_HEIGHT = 56.0
EVENT_SIZE = 36.0
GATEWAY_SIZE = 50.0
BADGE_PREFIX = "⚑ "
"""Badge lines start with this flag; :func:`reprocess.render.render` colours them in SVG."""
PAD_X = 8.0
PAD_Y = 8.0
XLABEL_WIDTH = 100.0
ANNOTATION_WIDTH = 160.0
EDGE_LABEL_WIDTH = 100.0
EDGE_FONT_SIZE = 9.0
LANE_LABEL_WIDTH = 300.0

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[A-Za-z][A-Za-z0-9]{0,30}")

_TASK_MARKERS: dict[str, str] = {
    "userTask": "☺",
    "manualTask": "☝",
    "serviceTask": "⚙",
    "sendTask": "✉➜",
    "receiveTask": "➜✉",
    "scriptTask": "☰",
    "businessRuleTask": "▦",
}
_EVENT_GLYPHS: dict[str, tuple[str, str]] = {
    # kind: (catching, throwing)
    "timer": ("◷", "◷"),
    "message": ("✉", "✉"),
    "signal": ("△", "▲"),
    "error": ("⚡", "⚡"),
    "escalation": ("⇑", "⇑"),
    "compensate": ("◀◀", "◀◀"),
    "conditional": ("▤", "▤"),
    "link": ("➜", "➜"),
    "terminate": ("●", "●"),
    "cancel": ("✕", "✕"),
}
_GATEWAY_GLYPHS: dict[str, str] = {
    "exclusiveGateway": "✖",
    "parallelGateway": "✚",
    "inclusiveGateway": "◯",
    "complexGateway": "✱",
    "eventBasedGateway": "⬠",
}


@dataclass(frozen=True)
class Mark:
    """How to highlight one element: colours, a badge, a change style, a tooltip.

    Attributes:
        fill: fill colour (``#rrggbb`` or a Graphviz colour name); default by style.
        border: border (and edge) colour; default by style.
        badge: short text shown with the element, e.g. finding codes ``"APP001 ISS002"``.
        style: ``normal``, ``added`` (green), ``changed`` (blue) or ``removed`` (grey,
            dashed border, struck-through text).
        tooltip: text shown on hover in SVG viewers.

    Examples:
        >>> Mark(style="added").colours()
        ('#e6f4ea', '#1e8e3e')
        >>> Mark(fill="#ffeeee", badge="APP001").colours()
        ('#ffeeee', '#000000')
        >>> Mark(fill="red; x")
        Traceback (most recent call last):
        ...
        ValueError: not a colour: 'red; x'
    """

    fill: str | None = None
    border: str | None = None
    badge: str | None = None
    style: MarkStyle = "normal"
    tooltip: str | None = None

    def __post_init__(self) -> None:
        if self.style not in STYLE_COLOURS:
            raise ValueError(f"unknown mark style {self.style!r}: use {', '.join(STYLE_COLOURS)}")
        for colour in (self.fill, self.border):
            if colour is not None and not _COLOUR.fullmatch(colour):
                raise ValueError(f"not a colour: {colour!r}")

    def colours(self) -> tuple[str, str]:
        """Return ``(fill, border)``: the given colours, else the style's."""
        fill, border = STYLE_COLOURS[self.style]
        return (self.fill or fill, self.border or border)


@dataclass(frozen=True)
class Legend:
    """Rows of ``(colour, Thai label, English label)`` drawn as a table beside the diagram.

    Examples:
        >>> Legend.for_changes().rows[0]
        ('#e6f4ea', 'เพิ่มใหม่', 'added')
    """

    rows: tuple[tuple[str, str, str], ...]
    title: str = "คำอธิบายสัญลักษณ์ / Legend"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(tuple(r) for r in self.rows))
        for colour, _, _ in self.rows:
            if not _COLOUR.fullmatch(colour):
                raise ValueError(f"not a colour: {colour!r}")

    @classmethod
    def for_changes(cls) -> Legend:
        """Return the legend of the ``added``/``changed``/``removed`` mark styles.

        Examples:
            >>> [english for _, _, english in Legend.for_changes().rows]
            ['added', 'changed', 'removed']
        """
        return cls(
            rows=(
                (STYLE_COLOURS["added"][0], "เพิ่มใหม่", "added"),
                (STYLE_COLOURS["changed"][0], "ปรับปรุง", "changed"),
                (STYLE_COLOURS["removed"][0], "ยกเลิก", "removed"),
            )
        )


def wrap(text: str, max_width: float, font_size: float = DEFAULT_FONT_SIZE) -> list[str]:
    """Wrap a label into lines no wider than ``max_width`` points (Thai-aware).

    Examples:
        >>> wrap("ยื่นคำขอ ณ สำนักงานเขต", 200)
        ['ยื่นคำขอ ณ สำนักงานเขต']
        >>> all(text_width(line) <= 60 for line in wrap("ยื่นคำขอ ณ สำนักงานเขต", 60))
        True
    """
    return wrap_label(text, max_width, lambda s: text_width(s, font_size))


def diagram(
    defs: Definitions,
    *,
    marks: Mapping[str, Mark] | None = None,
    legend: Legend | None = None,
    title: str | None = None,
    direction: Direction = "LR",
) -> graphviz.Digraph:
    """Return the model drawn as a ``graphviz.Digraph`` in the BPMN look.

    Args:
        defs: the model.
        marks: highlights keyed by element id (flow nodes, flows, message flows,
            documents, annotations, pools, lanes); unknown ids are ignored.
        legend: rows explaining the mark colours, drawn as a table.
        title: a title above the diagram.
        direction: ``"LR"`` (left to right, the BPMN habit), ``"TB"``, ``"RL"``, ``"BT"``.

    Returns:
        The digraph; render it with :func:`reprocess.render.render` or display it
        in Jupyter.

    Raises:
        RenderError: the ``graphviz`` Python package is missing.
        ValueError: an unknown direction.

    Examples:
        >>> from reprocess.model import Definitions, Process, Task
        >>> g = diagram(Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="T", name="ตรวจสอบเอกสาร"),)),)), title="ตัวอย่าง")
        >>> "rankdir=LR" in g.source, "fixedsize=true" in g.source
        (True, True)
    """
    if direction not in ("LR", "TB", "RL", "BT"):
        raise ValueError(f"unknown direction {direction!r}: use LR, TB, RL or BT")
    try:
        import graphviz
    except ImportError as exc:  # pragma: no cover - graphviz is a core dependency
        from reprocess.errors import RenderError

        raise RenderError("drawing needs the graphviz package: pip install graphviz") from exc
    return _Builder(defs, dict(marks or {}), graphviz).build(legend, title, direction)


# -- helpers ---------------------------------------------------------------------------


def dot_name(element_id: str) -> str:
    """Return the DOT node name of an element id (``:``, ``<``, ``>``, ``%`` percent-encoded).

    The ``graphviz`` package reads ``a:b`` in an edge as node ``a``, port ``b``, and
    ``<...>`` as an HTML string; every other character is quoted by the package.

    Examples:
        >>> dot_name("Task_1"), dot_name("ns:Task%1"), dot_name("<b>")
        ('Task_1', 'ns%3ATask%251', '%3Cb%3E')
    """
    return (
        element_id.replace("%", "%25").replace(":", "%3A").replace("<", "%3C").replace(">", "%3E")
    )


def node_size(lines: list[str], *, min_width: float, min_height: float) -> tuple[float, float]:
    """Return the ``(width, height)`` in points a box needs for these label lines.

    Lines are measured with :func:`~reprocess.render.textwidth.text_width` (widest
    known font) and stacked at :func:`~reprocess.render.textwidth.line_height`, with
    ``PAD_X``/``PAD_Y`` of padding on each side.

    Examples:
        >>> node_size(["ยื่นคำขอ"], min_width=TASK_WIDTH, min_height=TASK_MIN_HEIGHT)
        (120.0, 80.0)
        >>> w, h = node_size(["ก" * 40], min_width=TASK_WIDTH, min_height=TASK_MIN_HEIGHT)
        >>> w > TASK_WIDTH
        True
    """
    width = max([min_width, *(text_width(line) + 2 * PAD_X for line in lines)])
    height = max(min_height, len(lines) * line_height() + 2 * PAD_Y)
    return (round(width, 2), round(height, 2))


def _esc(text: str) -> str:
    """Escape text for a DOT escString (the package escapes quotes itself)."""
    return text.replace("\\", "\\\\").replace("\r", "").replace("\n", " ")


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


class _Builder:
    def __init__(self, defs: Definitions, marks: dict[str, Mark], gv: Any) -> None:
        self.defs = defs
        self.marks = marks
        self.gv = gv
        self.drawn: set[str] = set()
        self.proxy: dict[str, str] = {}
        self.pool_end: dict[str, tuple[str, str]] = {}
        self.inner_badges: dict[str, list[str]] = {}
        self.bands: list[tuple[str, str]] = []

    def text(self, lines: Iterable[str]) -> Any:
        return self.gv.nohtml("\\n".join(_esc(line) for line in lines))

    def s(self, value: str) -> Any:
        """A plain string attribute (never read as HTML, backslashes kept)."""
        return self.gv.nohtml(_esc(value))

    # -- top level -------------------------------------------------------------------

    def build(self, legend: Legend | None, title: str | None, direction: str) -> Any:
        defs = self.defs
        g = self.gv.Digraph(name=dot_name(defs.id or "reprocess"))
        g.attr(
            "graph",
            rankdir=direction,
            newrank="true",
            compound="true",
            fontname=FONT_FAMILY,
            fontsize=f"{DEFAULT_FONT_SIZE:g}",
            nodesep="0.3",
            ranksep="0.4",
            forcelabels="true",
        )
        if title:
            g.attr("graph", label=self.text([title]), labelloc="t", labeljust="c", fontsize="16")
        g.attr(
            "node",
            fontname=FONT_FAMILY,
            fontsize=f"{DEFAULT_FONT_SIZE:g}",
            fixedsize="true",
            shape="box",
            style="rounded,filled",
            fillcolor="#ffffff",
            color="#000000",
            penwidth="1",
        )
        g.attr(
            "edge",
            fontname=FONT_FAMILY,
            fontsize=f"{EDGE_FONT_SIZE:g}",
            arrowsize="0.7",
            penwidth="1",
        )
        self._collect_proxies()
        owner: dict[str, Participant] = {}
        for part in defs.participants:
            if part.process_ref:
                owner.setdefault(part.process_ref, part)
        processes = {p.id: p for p in defs.processes}
        done: set[str] = set()
        for part in defs.participants:
            ref = part.process_ref
            if ref in processes and owner.get(ref) is part and ref not in done:
                done.add(ref)
                self._pool(g, part, processes[ref])
            else:
                self._black_box(g, part)
        for process in defs.processes:
            if process.id not in done:
                self._process_body(g, process)
        self._message_flows(g)
        self._collaboration_artifacts(g)
        self._band_constraints(g)
        if legend is not None:
            self._legend(g, legend)
        return g

    def _collect_proxies(self) -> None:
        """Map every element inside a collapsed sub-process to the sub-process node."""
        for process in self.defs.processes:
            for el in process.flow_elements:
                if isinstance(el, _SubProcessBase):
                    for inner in _descendants(el):
                        self.proxy[inner] = el.id
                        mark = self.marks.get(inner)
                        if mark is not None and mark.badge:
                            self.inner_badges.setdefault(el.id, []).append(mark.badge)

    def _end(self, element_id: str) -> tuple[str, dict[str, str]] | None:
        """Return the DOT node standing for an element, and edge attributes to reach it."""
        if element_id in self.drawn:
            return dot_name(element_id), {}
        proxy = self.proxy.get(element_id)
        if proxy is not None and proxy in self.drawn:
            return dot_name(proxy), {}
        pool = self.pool_end.get(element_id)
        if pool is not None:
            return pool[0], {"cluster": pool[1]}
        return None

    # -- containers ------------------------------------------------------------------

    def _pool(self, g: Any, part: Participant, process: Process) -> None:
        cluster = f"cluster_{dot_name(part.id)}"
        with g.subgraph(name=cluster) as c:
            self._cluster_attrs(c, part.id, part.name or process.name or "", pool=True)
            has_lanes = any(ls.lanes for ls in process.lane_sets)
            first = self._process_body(c, process)
            if not has_lanes:
                self._band(c, part.id)
            self.pool_end[part.id] = (first or f"{dot_name(part.id)}__head", cluster)

    def _black_box(self, g: Any, part: Participant) -> None:
        cluster = f"cluster_{dot_name(part.id)}"
        with g.subgraph(name=cluster) as c:
            self._cluster_attrs(c, part.id, part.name or part.id, pool=True)
            head, _ = self._band(c, part.id, height=36.0)
        self.pool_end[part.id] = (head, cluster)

    def _band(self, c: Any, owner: str, *, height: float = 20.0) -> tuple[str, str]:
        """Add the invisible head that puts a cluster on the first rank."""
        head = f"{dot_name(owner)}__head"
        c.node(head, label="", shape="point", style="invis", width="0.05",
               height=_inches(height))
        self.bands.append((head, head))
        return head, head

    def _band_constraints(self, g: Any) -> None:
        """Give every band a head on the first rank, so sibling bands stack.

        Clusters that share a rank cannot overlap across the rank axis (``dot`` keeps
        one left and one right border per cluster), so pools and lanes whose heads
        all sit on one rank come out as stacked horizontal bands (in ``LR``). Making
        every band span every rank as well would align their ends, but costs seconds
        on a long process (and crashes Graphviz 2.43 on some), so bands keep their
        own length here; :func:`reprocess.render.layout` widens them itself.
        """
        if not self.bands:
            return
        g.node("_src", label="", shape="point", style="invis", width="0.01")
        with g.subgraph() as s:
            s.attr(rank="min")
            s.node("_src")
        for head, _ in self.bands:
            g.edge("_src", head, style="invis", weight="100")

    def _cluster_attrs(
        self, c: Any, element_id: str, name: str, *, pool: bool, depth: int = 0
    ) -> None:
        mark = self.marks.get(element_id)
        fill, border = (mark or Mark()).colours()
        size = 12.0 if pool else DEFAULT_FONT_SIZE
        lines = wrap(name, LANE_LABEL_WIDTH, size) if name else []
        if mark is not None and mark.badge:
            lines.append(BADGE_PREFIX + mark.badge)
        attrs: dict[str, Any] = {
            "label": self.text(lines),
            "labeljust": "l",
            "labelloc": "t",
            "style": "filled" if mark is not None else "solid",
            "fillcolor": fill,
            "color": border if mark is not None else ("#000000" if pool else "#777777"),
            "penwidth": "1.5" if pool else "1",
            "fontsize": f"{size:g}",
            "id": self.s(element_id),
            "class": ("bpmn-participant" if pool else "bpmn-lane") + f" band-{depth}",
        }
        if mark is not None:
            attrs["class"] += f" mark-{mark.style}"
            if mark.style == "removed":
                attrs["style"] = "filled,dashed"
            if mark.tooltip:
                attrs["tooltip"] = self.s(mark.tooltip)
        c.attr(**attrs)

    def _process_body(self, g: Any, process: Process) -> str | None:
        """Write a process's nodes (by lane), flows and artifacts; return its first node."""
        defs = self.defs
        nodes: list[Any] = [el for el in process.flow_elements if _is_node(el)]
        data: list[Any] = [
            el
            for el in process.flow_elements
            if isinstance(el, (DataObjectReference, DataStoreReference))
        ]
        referenced = {d.data_object for d in data if isinstance(d, DataObjectReference)}
        data += [
            el
            for el in process.flow_elements
            if isinstance(el, DataObject) and el.id not in referenced
        ]
        annotations = [a for a in process.artifacts if isinstance(a, TextAnnotation)]
        all_lanes = [lane for ls in process.lane_sets for top in ls.lanes
                     for lane in top.all_lanes()]
        lane_of = innermost_lanes(defs, [n.id for n in nodes], all_lanes)
        users = artifact_users(defs, [n.id for n in nodes])
        place: dict[str | None, list[Any]] = {}
        for node in nodes:
            place.setdefault(lane_of.get(node.id), []).append(node)
        for el in (*data, *annotations):
            user = users.get(el.id)
            place.setdefault(lane_of.get(user) if user else None, []).append(el)
        first: list[str] = []

        def emit(target: Any, items: Iterable[Any]) -> None:
            for el in items:
                self._element(target, el)
                first.append(dot_name(el.id))

        emit(g, place.get(None, []))
        for ls in process.lane_sets:
            self._lanes(g, ls.lanes, place, emit)
        self._boundary_links(g, nodes)
        self._sequence_flows(g, process)
        self._data_edges(g, nodes)
        self._associations(g, process.artifacts)
        return first[0] if first else None

    def _lanes(
        self,
        g: Any,
        lanes: Iterable[Lane],
        place: dict[str | None, list[Any]],
        emit: Any,
        depth: int = 1,
    ) -> None:
        for lane in lanes:
            with g.subgraph(name=f"cluster_{dot_name(lane.id)}") as c:
                self._cluster_attrs(c, lane.id, lane.name or "", pool=False, depth=depth)
                emit(c, place.get(lane.id, []))
                children = lane.child_lane_set.lanes if lane.child_lane_set else ()
                if children:
                    self._lanes(c, children, place, emit, depth + 1)
                else:
                    self._band(c, lane.id)

    # -- nodes -----------------------------------------------------------------------

    def _common_attrs(self, element_id: str, kind: str, mark: Mark | None) -> dict[str, str]:
        attrs = {"id": self.s(element_id), "class": f"bpmn-{kind}"}
        if mark is not None:
            attrs["class"] += f" mark-{mark.style}"
            if mark.tooltip:
                attrs["tooltip"] = self.s(mark.tooltip)
        return attrs

    def _badge_lines(self, element_id: str, mark: Mark | None, width: float) -> list[str]:
        parts = [mark.badge] if mark is not None and mark.badge else []
        parts += self.inner_badges.get(element_id, [])
        if not parts:
            return []
        return wrap(BADGE_PREFIX + " ".join(parts), width)

    def _element(self, g: Any, el: Any) -> None:
        self.drawn.add(el.id)
        if isinstance(el, TextAnnotation):
            self._annotation(g, el)
        elif isinstance(el, (DataObjectReference, DataObject, DataStoreReference)):
            self._data(g, el)
        elif el.type.endswith("Gateway"):
            self._small(g, el, "diamond", GATEWAY_SIZE, _GATEWAY_GLYPHS.get(el.type, ""))
        elif el.type.endswith("Event"):
            self._event(g, el)
        else:
            self._activity(g, el)

    def _activity(self, g: Any, node: Any) -> None:
        mark = self.marks.get(node.id)
        style = mark.style if mark else "normal"
        fill, border = (mark or Mark()).colours()
        lines: list[str] = []
        marker = _TASK_MARKERS.get(node.type)
        if marker:
            lines.append(marker)
        lines += wrap(node.label, TASK_WIDTH - 2 * PAD_X)
        if isinstance(node, _SubProcessBase):
            ad_hoc = getattr(node, "type", "") == "adHocSubProcess"
            lines.append("~ [+]" if ad_hoc else "[+]")
        lines += self._badge_lines(node.id, mark, TASK_WIDTH - 2 * PAD_X)
        width, height = node_size(lines, min_width=TASK_WIDTH, min_height=TASK_MIN_HEIGHT)
        styles = ["rounded", "filled"]
        if style == "removed":
            styles.append("dashed")
        elif isinstance(node, _SubProcessBase) and node.triggered_by_event:
            styles.append("dotted")
        pen = "3" if isinstance(node, CallActivity) else "1"
        if style in ("added", "changed") and pen == "1":
            pen = "2"
        g.node(
            dot_name(node.id),
            label=self.text(lines),
            width=_inches(width),
            height=_inches(height),
            style=",".join(styles),
            fillcolor=fill,
            color=border,
            fontcolor=REMOVED_TEXT if style == "removed" else "#000000",
            penwidth=pen,
            peripheries="2" if node.type == "transaction" else "1",
            **self._common_attrs(node.id, node.type, mark),
        )

    def _event(self, g: Any, node: Any) -> None:
        throwing = isinstance(node, EndEvent) or node.type == "intermediateThrowEvent"
        kinds = [d.kind for d in node.event_definitions]
        glyph = ""
        if len(kinds) > 1:
            glyph = "⬠"
        elif kinds:
            glyph = _EVENT_GLYPHS.get(kinds[0], ("", ""))[1 if throwing else 0]
        interrupting = True
        if isinstance(node, StartEvent):
            interrupting = node.is_interrupting
        elif isinstance(node, BoundaryEvent):
            interrupting = node.cancel_activity
        if isinstance(node, (StartEvent, EndEvent)):
            self._small(g, node, "circle", EVENT_SIZE, glyph, interrupting=interrupting)
        else:
            self._small(g, node, "doublecircle", EVENT_SIZE - 6, glyph, interrupting=interrupting)

    def _small(
        self, g: Any, node: Any, shape: str, size: float, glyph: str, *, interrupting: bool = True
    ) -> None:
        """An event or gateway: a glyph inside, the name (and badge) as an outside label."""
        mark = self.marks.get(node.id)
        style = mark.style if mark else "normal"
        fill, border = (mark or Mark()).colours()
        styles = ["filled"]
        if not interrupting or style == "removed":
            styles.append("dashed")
        pen = "3" if isinstance(node, EndEvent) else "1"
        if style in ("added", "changed") and pen == "1":
            pen = "2"
        outside = wrap(node.name, XLABEL_WIDTH) if node.name else []
        outside += self._badge_lines(node.id, mark, XLABEL_WIDTH)
        attrs = self._common_attrs(node.id, node.type, mark)
        if outside:
            attrs["xlabel"] = self.text(outside)
        g.node(
            dot_name(node.id),
            label=self.text([glyph] if glyph else []),
            shape=shape,
            width=_inches(size),
            height=_inches(size),
            style=",".join(styles),
            fillcolor=fill,
            color=border,
            fontcolor=REMOVED_TEXT if style == "removed" else "#000000",
            penwidth=pen,
            **attrs,
        )

    def _data(self, g: Any, el: Any) -> None:
        mark = self.marks.get(el.id)
        style = mark.style if mark else "normal"
        fill, border = (mark or Mark()).colours()
        store = isinstance(el, DataStoreReference)
        lines = wrap(el.name or el.id, DATA_WIDTH - 2 * PAD_X)
        if getattr(el, "is_collection", False):
            lines.append("|||")
        lines += self._badge_lines(el.id, mark, DATA_WIDTH - 2 * PAD_X)
        width, height = node_size(lines, min_width=DATA_WIDTH, min_height=DATA_MIN_HEIGHT)
        if store:
            height += 16.0  # the cylinder's caps
        g.node(
            dot_name(el.id),
            label=self.text(lines),
            shape="cylinder" if store else "note",
            width=_inches(width),
            height=_inches(height),
            style="filled,dashed" if style == "removed" else "filled",
            fillcolor=fill,
            color=border,
            fontcolor=REMOVED_TEXT if style == "removed" else "#000000",
            penwidth="2" if style in ("added", "changed") else "1",
            **self._common_attrs(el.id, el.type, mark),
        )

    def _annotation(self, g: Any, el: TextAnnotation) -> None:
        mark = self.marks.get(el.id)
        style = mark.style if mark else "normal"
        lines: list[str] = []
        for para in (el.text or "").splitlines():
            lines.extend(wrap(para, ANNOTATION_WIDTH - 2 * PAD_X))
        lines += self._badge_lines(el.id, mark, ANNOTATION_WIDTH - 2 * PAD_X)
        width, height = node_size(lines, min_width=40.0, min_height=30.0)
        g.node(
            dot_name(el.id),
            label=self.text(lines),
            shape="box",
            style="dashed" if style == "removed" else "solid",
            color=(mark or Mark()).colours()[1] if mark else "#777777",
            fontcolor=REMOVED_TEXT if style == "removed" else "#333333",
            width=_inches(width),
            height=_inches(height),
            **self._common_attrs(el.id, el.type, mark),
        )

    def _boundary_links(self, g: Any, nodes: list[Any]) -> None:
        for node in nodes:
            if isinstance(node, BoundaryEvent) and node.attached_to in self.drawn:
                tail, head = dot_name(node.attached_to), dot_name(node.id)
                g.edge(
                    tail, head, dir="none", style="dotted", color="#777777",
                    minlen="0", weight="10", id=self.s(f"{node.id}__attached"),
                )

    # -- edges -----------------------------------------------------------------------

    def _sequence_flows(self, g: Any, process: Process) -> None:
        defaults = {field_or(n, "default", None) for n in process.flow_elements}
        for flow in process.flow_elements:
            if not isinstance(flow, SequenceFlow):
                continue
            src, dst = self._end(flow.source), self._end(flow.target)
            if src is None or dst is None:
                continue
            mark = self.marks.get(flow.id)
            attrs = self._edge_style(flow.id, "sequenceFlow", mark)
            source = self.defs.get(flow.source)
            if flow.id in defaults:
                attrs.update(dir="both", arrowtail="tee")
            elif flow.condition is not None and not getattr(source, "type", "").endswith(
                "Gateway"
            ):
                attrs.update(dir="both", arrowtail="odiamond")
            self._edge_label(attrs, flow.name, mark)
            g.edge(src[0], dst[0], **attrs)

    def _edge_style(self, element_id: str, kind: str, mark: Mark | None) -> dict[str, Any]:
        attrs: dict[str, Any] = {"id": self.s(element_id), "class": f"bpmn-{kind}"}
        if mark is None:
            return attrs
        attrs["class"] += f" mark-{mark.style}"
        colour = mark.border or (
            STYLE_COLOURS[mark.style][1] if mark.style != "normal" else mark.fill
        )
        if colour:
            attrs["color"] = colour
        if mark.style in ("added", "changed"):
            attrs["penwidth"] = "2"
        if mark.style == "removed":
            attrs["style"] = "dashed"
            attrs["fontcolor"] = REMOVED_TEXT
        if mark.tooltip:
            attrs["tooltip"] = self.s(mark.tooltip)
        return attrs

    def _edge_label(self, attrs: dict[str, Any], name: str | None, mark: Mark | None) -> None:
        lines = wrap(name, EDGE_LABEL_WIDTH, EDGE_FONT_SIZE) if name else []
        if mark is not None and mark.badge:
            lines += wrap(BADGE_PREFIX + mark.badge, EDGE_LABEL_WIDTH, EDGE_FONT_SIZE)
        if lines:
            attrs["label"] = self.text(lines)

    def _data_edges(self, g: Any, nodes: list[Any]) -> None:
        for node in nodes:
            pairs: list[tuple[str, str, str | None]] = []
            for assoc in field_or(node, "data_inputs", ()):
                pairs += [(src, node.id, assoc.id) for src in assoc.sources]
            for assoc in field_or(node, "data_outputs", ()):
                if assoc.target:
                    pairs.append((node.id, assoc.target, assoc.id))
            for src, dst, assoc_id in pairs:
                if src in self.drawn and dst in self.drawn:
                    attrs: dict[str, Any] = {"class": "bpmn-dataAssociation"}
                    if assoc_id:
                        attrs["id"] = self.s(assoc_id)
                    g.edge(dot_name(src), dot_name(dst), style="dotted", arrowhead="vee", **attrs)

    def _associations(self, g: Any, artifacts: Iterable[Any]) -> None:
        for art in artifacts:
            if not isinstance(art, Association):
                continue
            src, dst = self._end(art.source), self._end(art.target)
            if src is None or dst is None:
                continue
            direction = {"One": "forward", "Both": "both"}.get(art.direction or "", "none")
            g.edge(
                src[0], dst[0], style="dotted", dir=direction, arrowhead="vee", arrowtail="vee",
                constraint="false", color="#777777", id=self.s(art.id),
                **{"class": "bpmn-association"},
            )

    def _message_flows(self, g: Any) -> None:
        for mf in self.defs.message_flows:
            src, dst = self._end(mf.source), self._end(mf.target)
            if src is None or dst is None:
                continue
            mark = self.marks.get(mf.id)
            attrs = self._edge_style(mf.id, "messageFlow", mark)
            attrs.update(
                style="dashed", dir="both", arrowtail="odot", arrowhead="empty",
                constraint="false",
            )
            if "cluster" in src[1]:
                attrs["ltail"] = src[1]["cluster"]
            if "cluster" in dst[1]:
                attrs["lhead"] = dst[1]["cluster"]
            self._edge_label(attrs, mf.name, mark)
            g.edge(src[0], dst[0], **attrs)

    def _collaboration_artifacts(self, g: Any) -> None:
        for collab in self.defs.collaborations:
            for art in collab.artifacts:
                if isinstance(art, TextAnnotation) and art.id not in self.drawn:
                    self._element(g, art)
            self._associations(g, collab.artifacts)

    def _legend(self, g: Any, legend: Legend) -> None:
        rows = [f"{thai} / {english}" for _, thai, english in legend.rows]
        width = max([60.0, *(text_width(r) + 2 * PAD_X for r in rows)])
        with g.subgraph(name="cluster__legend") as c:
            c.attr(
                label=self.text(wrap(legend.title, width)), style="solid", color="#999999",
                labeljust="l", labelloc="t", fontsize=f"{DEFAULT_FONT_SIZE:g}",
                id="legend", **{"class": "legend"},
            )
            with c.subgraph() as same:
                same.attr(rank="same")
                for i, ((colour, _, _), row) in enumerate(zip(legend.rows, rows, strict=True)):
                    same.node(
                        f"_legend{i}", label=self.text([row]), shape="box", style="filled",
                        fillcolor=colour, color="#999999", width=_inches(width),
                        height=_inches(line_height() + PAD_Y), id=f"legend-row-{i}",
                        **{"class": "legend-row"},
                    )


def _is_node(el: Any) -> bool:
    t = getattr(el, "type", "")
    return isinstance(t, str) and (
        t.endswith(("Task", "Event", "Gateway"))
        or t in ("task", "callActivity", "subProcess", "adHocSubProcess", "transaction")
    )


def _descendants(sub: _SubProcessBase) -> list[str]:
    out: list[str] = []
    for el in (*sub.flow_elements, *sub.artifacts):
        eid = getattr(el, "id", None)
        if eid is None:
            continue
        out.append(eid)
        if isinstance(el, _SubProcessBase):
            out.extend(_descendants(el))
    return out
