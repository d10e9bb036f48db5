"""Automatic layout: lay a model out with Graphviz ``dot`` and write complete BPMN DI.

:func:`layout` builds a layout graph (pools and lanes as clusters, flow left to right,
fixed node sizes), runs ``dot -Tjson`` on either engine, and turns the result into
``BPMNDiagram``/``BPMNPlane`` content:

* pools and lanes are horizontal bands (``isHorizontal="true"``): every pool of a
  collaboration has the same x range, lanes are stacked inside their pool and span
  its width (nested lanes inside their parent), and every flow node lies inside its
  lane's band. Each band is kept as a cluster that spans every rank of the layout,
  which is what makes ``dot`` stack them;
* shapes have the standard BPMN sizes: tasks, sub-processes and call activities
  100 x 80, events 36 x 36, gateways 50 x 50, data objects 36 x 50, data stores
  50 x 50, text annotations 100 wide; y is flipped (``dot`` is y-up);
* edges (sequence flows, message flows, data associations with an id, associations)
  take ``dot``'s polyline route, with duplicate and collinear points dropped and both
  ends clipped onto the border of their shapes (circle, diamond or rectangle);
* events, gateways, documents and named flows get a ``BPMNLabel`` below the shape or
  above the middle of the edge;
* boundary events sit on the border of their activity (bottom, or top when ``dot``
  put them above it).

Sub-processes are drawn collapsed (``isExpanded="false"``) in their parent's plane,
and their content is laid out the same way in a diagram of its own whose plane
points at the sub-process (the drill-down convention of bpmn-js), so every flow node
has DI. Message flows that touch an element inside a collapsed sub-process are drawn
to the sub-process. Groups get no DI.

Where the input already has DI, the emission order of nodes (within a lane) follows
the old x and of pools and lanes the old y, so ``dot`` starts from the old order;
``dot`` still decides the final order. Colour attributes of old shapes and edges are
kept. Laying out the same model twice with the same engine gives equal DI.

Examples:
    >>> from reprocess.model import Definitions, Process, StartEvent, Task, SequenceFlow
    >>> p = Process(id="P", flow_elements=(StartEvent(id="S"), Task(id="T"),
    ...     SequenceFlow(id="f", source="S", target="T")))
    >>> print(layout_source(Definitions(root_elements=(p,)))[0].splitlines()[4])
      n0 [width=0.5000 height=0.5000 shape=circle]  // S
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from reprocess.model import (
    Association,
    BoundaryEvent,
    Bounds,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Diagram,
    DiLabel,
    Edge,
    Lane,
    LaneSet,
    Participant,
    Plane,
    Process,
    SequenceFlow,
    Shape,
    TextAnnotation,
)
from reprocess.model.base import field_or
from reprocess.model.elements import _SubProcessBase
from reprocess.render._placement import artifact_users, innermost_lanes
from reprocess.render.engines import EngineName, render
from reprocess.render.textwidth import line_height, text_width
from reprocess.thai import wrap_label

__all__ = [
    "SIZES",
    "layout",
    "layout_source",
]

Kind = Literal["task", "event", "gateway", "data", "store", "annotation"]

SIZES: dict[str, tuple[float, float]] = {
    "task": (100.0, 80.0),
    "event": (36.0, 36.0),
    "gateway": (50.0, 50.0),
    "data": (36.0, 50.0),
    "store": (50.0, 50.0),
    "annotation": (100.0, 30.0),
}
"""Width and height of each kind of shape, in DI units (points)."""

HEADER = 30.0
"""Width of the name strip on the left of a pool, and of each level of lanes."""
POOL_GAP = 10.0
"""Vertical gap between two pools, so that their bands never touch."""
MARGIN = 20.0
"""Free space between the content and the band edges."""
ORIGIN = (100.0, 80.0)
"""Where the top-left corner of the first pool (or of the content) is put."""
LABEL_WIDTH = 90.0
LABEL_FONT = 11.0
EMPTY_BAND = 60.0
BLACK_BOX_HEIGHT = 60.0

_DOT_GRAPH = "rankdir=LR newrank=true nodesep=0.55 ranksep=0.55 splines=polyline margin=0"


def layout(defs: Definitions, *, engine: EngineName = "auto") -> Definitions:
    """Return a copy of the model with new, complete BPMN DI from a ``dot`` layout.

    Args:
        defs: the model; its old diagrams are replaced (their colour attributes and
            the relative order of their elements are kept).
        engine: ``"auto"``, ``"native"`` or ``"wasm"`` (both give JSON layouts).

    Returns:
        ``defs.model_copy(update={"diagrams": ...})``: one diagram per collaboration
        (or per process not in a pool), plus one per sub-process with content.

    Raises:
        RenderError: no Graphviz engine is available.

    Examples:
        >>> from reprocess.model import Definitions, Process, StartEvent, Task
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     StartEvent(id="S"), Task(id="T"))),))
        >>> "rankdir=LR" in layout_source(d)[0]  # the graph layout() gives to dot
        True
    """
    builder = _Layout(defs)
    diagrams: list[Diagram] = []
    for scene in builder.scenes():
        source = scene.dot_source()
        raw = json.loads(render(source, "json", engine=engine))
        diagrams.append(builder.diagram(scene, raw))
    return defs.model_copy(update={"diagrams": tuple(diagrams)})


def layout_source(defs: Definitions) -> list[str]:
    """Return the DOT source of every layout graph :func:`layout` would run, in order.

    Useful to see or debug a layout without an engine. Node names are ``n<i>`` (with
    the element id in a comment), clusters ``cluster_b<i>``, edges carry ``id=e<i>``.

    Examples:
        >>> from reprocess.model import Definitions, Process, Task
        >>> src = layout_source(Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="T"),)),)))[0]
        >>> [line.strip() for line in src.splitlines() if "// T" in line]
        ['n0 [width=1.3889 height=1.1111 shape=box]  // T']
    """
    return [scene.dot_source() for scene in _Layout(defs).scenes()]


# -- scenes: what one plane shows ------------------------------------------------------


@dataclass
class _Band:
    element: str
    kind: Literal["pool", "lane"]
    depth: int
    items: list[str] = field(default_factory=list)
    children: list[_Band] = field(default_factory=list)
    black_box: bool = False

    def walk(self) -> Iterator[_Band]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class _EdgeSpec:
    element: str
    source: str
    target: str
    kind: Literal["sequence", "message", "data", "association"]
    name: str | None = None
    source_pool: bool = False
    target_pool: bool = False


@dataclass
class _Scene:
    plane_element: str
    name: str | None
    bands: list[_Band]
    loose: list[str]
    kinds: dict[str, Kind]
    edges: list[_EdgeSpec]
    boundary: dict[str, str]
    expanded: dict[str, bool]
    labels: dict[str, str]
    node_ids: dict[str, str] = field(default_factory=dict)
    band_ids: dict[str, str] = field(default_factory=dict)

    def all_bands(self) -> list[_Band]:
        return [b for top in self.bands for b in top.walk()]

    def dot_source(self) -> str:
        """Return the layout graph as DOT text (deterministic)."""
        self.node_ids = {}
        self.band_ids = {}
        lines = ["digraph layout {", f"  graph [{_DOT_GRAPH}]",
                 '  node [label="" fixedsize=true shape=box]',
                 "  edge [arrowhead=normal arrowsize=0.8]"]
        band_nodes: list[str] = []

        def node(eid: str, indent: str) -> None:
            name = f"n{len(self.node_ids)}"
            self.node_ids[eid] = name
            kind = self.kinds[eid]
            w, h = SIZES[kind]
            if kind == "annotation":
                h = _annotation_height(self.labels.get(eid, ""))
            shape = {"event": "circle", "gateway": "diamond"}.get(kind, "box")
            lines.append(
                f"{indent}{name} [width={w / 72:.4f} height={h / 72:.4f} shape={shape}]"
                f"  // {_comment(eid)}"
            )

        def band(b: _Band, indent: str) -> None:
            cname = f"cluster_b{len(self.band_ids)}"
            self.band_ids[b.element] = cname
            lines.append(f"{indent}subgraph {cname} {{")
            lines.append(f'{indent}  graph [label="" margin=16]')
            for eid in b.items:
                node(eid, indent + "  ")
            for child in b.children:
                band(child, indent + "  ")
            if not b.children:
                head = f"{cname}_h"
                empty = not b.items
                height = BLACK_BOX_HEIGHT if b.black_box else (EMPTY_BAND if empty else 10.0)
                lines.append(
                    f"{indent}  {head} [shape=point style=invis width=0.05 "
                    f"height={height / 72:.4f}]"
                )
                band_nodes.append(head)
            lines.append(f"{indent}}}")

        for eid in self.loose:
            node(eid, "  ")
        for b in self.bands:
            band(b, "  ")
        for eid, host in self.boundary.items():
            if eid in self.node_ids and host in self.node_ids:
                a, b2 = self.node_ids[host], self.node_ids[eid]
                lines.append(f"  {{rank=same; {a}; {b2}}}")
                lines.append(f"  {a} -> {b2} [style=invis minlen=0 weight=5]")
        for i, e in enumerate(self.edges):
            if e.source_pool or e.target_pool:
                continue
            tail, head = self.node_ids.get(e.source), self.node_ids.get(e.target)
            if tail is None or head is None:
                continue
            a, b2 = tail, head
            attrs = f"id=e{i}"
            if e.kind == "message":
                attrs += " weight=1"
            elif e.kind == "association":
                attrs += " constraint=false arrowhead=none"
            elif e.kind == "data":
                attrs += " weight=1"
            else:
                attrs += " weight=2"
            lines.append(f"  {a} -> {b2} [{attrs}]")
        if band_nodes:
            # every band has a head on the first rank: clusters that share a rank do
            # not overlap across it, so the bands stack (see render.dot)
            lines.append("  _src [shape=point style=invis width=0.01]")
            lines.append("  {rank=min; _src}")
            for head in band_nodes:
                lines.append(f"  _src -> {head} [style=invis weight=100]")
        lines.append("}")
        return "\n".join(lines) + "\n"


class _Layout:
    def __init__(self, defs: Definitions) -> None:
        self.defs = defs
        self.old_bounds: dict[str, Bounds] = {}
        self.old_attrs: dict[str, tuple[tuple[str, str], ...]] = {}
        for diagram in defs.diagrams:
            if diagram.plane is None:
                continue
            for item in diagram.plane.items:
                if isinstance(item, Shape) and item.element:
                    self.old_bounds.setdefault(item.element, item.bounds)
                    if item.attrs:
                        self.old_attrs.setdefault(item.element, item.attrs)
                elif isinstance(item, Edge) and item.element and item.attrs:
                    self.old_attrs.setdefault(item.element, item.attrs)
        self.taken = _all_ids(defs)
        self.proxy: dict[str, str] = {}

    # -- building scenes -------------------------------------------------------------

    def scenes(self) -> list[_Scene]:
        defs = self.defs
        out: list[_Scene] = []
        processes = {p.id: p for p in defs.processes}
        in_pool: set[str] = set()
        for collab in defs.collaborations:
            out.append(self._collaboration(collab.id, collab.name, collab.participants,
                                           collab.message_flows, collab.artifacts, processes))
            in_pool |= {p.process_ref for p in collab.participants if p.process_ref}
        for process in defs.processes:
            if process.id not in in_pool:
                out.append(self._container_scene(process, process.id, process.name))
        for process in defs.processes:
            out.extend(self._sub_scenes(process))
        return out

    def _sub_scenes(self, container: Any) -> list[_Scene]:
        out: list[_Scene] = []
        for el in container.flow_elements:
            if isinstance(el, _SubProcessBase) and (el.flow_elements or el.artifacts):
                out.append(self._container_scene(el, el.id, el.name))
                out.extend(self._sub_scenes(el))
        return out

    def _collaboration(
        self,
        collab_id: str,
        name: str | None,
        participants: Iterable[Participant],
        message_flows: Iterable[Any],
        artifacts: Iterable[Any],
        processes: dict[str, Process],
    ) -> _Scene:
        scene = _Scene(collab_id, name, [], [], {}, [], {}, {}, {})
        used: set[str] = set()
        pools: list[_Band] = []
        for part in participants:
            process = processes.get(part.process_ref or "")
            band = _Band(part.id, "pool", 0)
            if process is None or process.id in used:
                band.black_box = True
            else:
                used.add(process.id)
                self._fill(scene, band, process)
            pools.append(band)
        scene.bands = self._sorted(pools, lambda b: b.element, axis="y")
        pool_ids = {b.element for b in pools}
        for mf in message_flows:
            src, dst = self._end(scene, mf.source), self._end(scene, mf.target)
            if src is None and mf.source in pool_ids:
                src = mf.source
            if dst is None and mf.target in pool_ids:
                dst = mf.target
            if src is None or dst is None:
                continue
            scene.edges.append(_EdgeSpec(
                mf.id, src, dst, "message", mf.name,
                source_pool=src in pool_ids, target_pool=dst in pool_ids,
            ))
        self._artifacts(scene, artifacts, None)
        return scene

    def _container_scene(self, container: Any, plane: str, name: str | None) -> _Scene:
        scene = _Scene(plane, name, [], [], {}, [], {}, {}, {})
        holder = _Band(plane, "pool", 0)
        self._fill(scene, holder, container)
        scene.bands = holder.children
        scene.loose = holder.items
        return scene

    def _fill(self, scene: _Scene, band: _Band, container: Any) -> None:
        """Place a process's (or sub-process's) elements into a pool band and its lanes."""
        defs = self.defs
        nodes = [el for el in container.flow_elements if _kind_of(el) is not None]
        for el in nodes:
            kind = _kind_of(el)
            assert kind is not None
            scene.kinds[el.id] = kind
            if isinstance(el, BoundaryEvent):
                scene.boundary[el.id] = el.attached_to
            if isinstance(el, _SubProcessBase):
                scene.expanded[el.id] = False
                for inner in _descendants(el):
                    self.proxy.setdefault(inner, el.id)
            label = getattr(el, "name", None) or (
                el.text if isinstance(el, TextAnnotation) else None
            )
            if label:
                scene.labels[el.id] = label
        annotations = [a for a in container.artifacts if isinstance(a, TextAnnotation)]
        for a in annotations:
            scene.kinds[a.id] = "annotation"
            if a.text:
                scene.labels[a.id] = a.text
        lane_sets: tuple[LaneSet, ...] = container.lane_sets
        lanes_here = [lane for ls in lane_sets for top in ls.lanes for lane in top.all_lanes()]
        lane_of = innermost_lanes(defs, [e.id for e in nodes], lanes_here)
        users = artifact_users(defs, [e.id for e in nodes])
        for eid in [e.id for e in nodes if scene.kinds[e.id] in ("data", "store")] + [
            a.id for a in annotations
        ]:
            user = users.get(eid)
            if user is not None and user in lane_of:
                lane_of[eid] = lane_of[user]

        def make(lane: Lane, depth: int) -> _Band:
            b = _Band(lane.id, "lane", depth)
            kids = lane.child_lane_set.lanes if lane.child_lane_set else ()
            b.children = self._sorted([make(k, depth + 1) for k in kids],
                                      lambda x: x.element, axis="y")
            return b

        band.children = self._sorted(
            [make(lane, band.depth + 1) for ls in lane_sets for lane in ls.lanes],
            lambda x: x.element, axis="y",
        )
        by_id = {b.element: b for top in band.children for b in top.walk()}
        placed = [e.id for e in nodes] + [a.id for a in annotations]
        placed = self._sorted(placed, lambda x: x, axis="x")
        for eid in placed:
            target = by_id.get(lane_of.get(eid, ""), band)
            target.items.append(eid)
        for flow in container.flow_elements:
            if isinstance(flow, SequenceFlow) and flow.source in scene.kinds \
                    and flow.target in scene.kinds:
                scene.edges.append(_EdgeSpec(flow.id, flow.source, flow.target, "sequence",
                                             flow.name))
        for el in nodes:
            for assoc in field_or(el, "data_inputs", ()):
                for src in assoc.sources:
                    if assoc.id and src in scene.kinds:
                        scene.edges.append(_EdgeSpec(assoc.id, src, el.id, "data"))
                        break
            for assoc in field_or(el, "data_outputs", ()):
                if assoc.id and assoc.target in scene.kinds:
                    scene.edges.append(_EdgeSpec(assoc.id, el.id, assoc.target, "data"))
        self._artifacts(scene, container.artifacts, band)

    def _artifacts(self, scene: _Scene, artifacts: Iterable[Any], band: _Band | None) -> None:
        for art in artifacts:
            if isinstance(art, TextAnnotation) and art.id not in scene.kinds:
                scene.kinds[art.id] = "annotation"
                if art.text:
                    scene.labels[art.id] = art.text
                if band is not None:
                    band.items.append(art.id)
                else:
                    scene.loose.append(art.id)
        for art in artifacts:
            if isinstance(art, Association):
                src, dst = self._end(scene, art.source), self._end(scene, art.target)
                if src is not None and dst is not None and src != dst:
                    scene.edges.append(_EdgeSpec(art.id, src, dst, "association"))

    def _end(self, scene: _Scene, element_id: str) -> str | None:
        if element_id in scene.kinds:
            return element_id
        proxy = self.proxy.get(element_id)
        while proxy is not None and proxy not in scene.kinds:
            proxy = self.proxy.get(proxy)
        return proxy

    def _sorted(self, items: list[Any], key: Any, *, axis: Literal["x", "y"]) -> list[Any]:
        """Reorder the items that had DI by their old position; others keep their slot."""
        old = [(i, self.old_bounds.get(key(it))) for i, it in enumerate(items)]
        slots = [i for i, b in old if b is not None]
        if len(slots) < 2:
            return items

        def pos(i: int) -> tuple[float, float, int]:
            b = self.old_bounds[key(items[i])]
            return (b.x, b.y, i) if axis == "x" else (b.y, b.x, i)

        ordered = sorted(slots, key=pos)
        out = list(items)
        for slot, src in zip(slots, ordered, strict=True):
            out[slot] = items[src]
        return out

    # -- from dot JSON to DI -----------------------------------------------------------

    def diagram(self, scene: _Scene, raw: dict[str, Any]) -> Diagram:
        height = float(raw["bb"].split(",")[3])
        objects = raw.get("objects", [])
        by_name = {o["name"]: o for o in objects}
        shapes: dict[str, Bounds] = {}
        for eid, name in scene.node_ids.items():
            o = by_name[name]
            x, y = (float(v) for v in o["pos"].split(","))
            w, h = float(o["width"]) * 72, float(o["height"]) * 72
            shapes[eid] = Bounds(x=x - w / 2, y=height - y - h / 2, width=w, height=h)
        clusters: dict[str, Bounds] = {}
        for eid, cname in scene.band_ids.items():
            x0, y0, x1, y1 = (float(v) for v in by_name[cname]["bb"].split(","))
            clusters[eid] = Bounds(x=x0, y=height - y1, width=x1 - x0, height=y1 - y0)
        self._place_boundary(scene, shapes)
        routes: dict[int, list[tuple[float, float]]] = {}
        for edge in raw.get("edges", []):
            eid = edge.get("id", "")
            if not eid.startswith("e") or "pos" not in edge:
                continue
            routes[int(eid[1:])] = [(x, height - y) for x, y in _parse_pos(edge["pos"])]
        bands = self._bands(scene, shapes, clusters)
        # shift everything so the drawing starts at ORIGIN
        all_boxes = list(shapes.values()) + list(bands.values())
        dx = ORIGIN[0] - min((b.x for b in all_boxes), default=ORIGIN[0])
        dy = ORIGIN[1] - min((b.y for b in all_boxes), default=ORIGIN[1])
        shapes = {k: _move(b, dx, dy) for k, b in shapes.items()}
        bands = {k: _move(b, dx, dy) for k, b in bands.items()}
        routes = {k: [(x + dx, y + dy) for x, y in pts] for k, pts in routes.items()}
        items: list[Shape | Edge] = []
        for b in scene.all_bands():
            items.append(Shape(
                id=self._id(f"{b.element}_di"), element=b.element, bounds=bands[b.element],
                is_horizontal=True, attrs=self.old_attrs.get(b.element, ()),
            ))
        for eid in scene.node_ids:
            kind = scene.kinds[eid]
            label = None
            if kind in ("event", "gateway", "data", "store") and eid in scene.labels:
                label = DiLabel(bounds=_label_below(shapes[eid], scene.labels[eid]))
            items.append(Shape(
                id=self._id(f"{eid}_di"), element=eid, bounds=shapes[eid],
                is_expanded=scene.expanded.get(eid), label=label,
                attrs=self.old_attrs.get(eid, ()),
            ))
        for i, e in enumerate(scene.edges):
            src_box = bands[e.source] if e.source_pool else shapes.get(e.source)
            dst_box = bands[e.target] if e.target_pool else shapes.get(e.target)
            if src_box is None or dst_box is None:
                continue
            src_kind: str = "pool" if e.source_pool else scene.kinds[e.source]
            dst_kind: str = "pool" if e.target_pool else scene.kinds[e.target]
            if e.source_pool or e.target_pool:
                pts = _vertical(src_box, dst_box)
            else:
                pts = routes.get(i) or [src_box.center, dst_box.center]
            pts = _finish_route(pts, (src_kind, src_box), (dst_kind, dst_box))
            label = None
            if e.name:
                label = DiLabel(bounds=_label_on_edge(pts, e.name))
            items.append(Edge(
                id=self._id(f"{e.element}_di"), element=e.element,
                waypoints=tuple((round(x, 2), round(y, 2)) for x, y in pts), label=label,
                attrs=self.old_attrs.get(e.element, ()),
            ))
        plane = Plane(id=self._id(f"{scene.plane_element}_plane"), element=scene.plane_element,
                      items=tuple(items))
        return Diagram(id=self._id(f"{scene.plane_element}_diagram"), name=scene.name,
                       plane=plane)

    def _place_boundary(self, scene: _Scene, shapes: dict[str, Bounds]) -> dict[str, str]:
        """Move boundary events onto their activity's bottom (or top) border."""
        side: dict[str, str] = {}
        count: dict[tuple[str, str], int] = {}
        for eid, host in scene.boundary.items():
            if eid not in shapes or host not in shapes:
                continue
            h, b = shapes[host], shapes[eid]
            where = "top" if b.center[1] < h.center[1] else "bottom"
            k = count.get((host, where), 0)
            count[(host, where)] = k + 1
            cx = h.x + h.width - b.width / 2 - 6 - k * (b.width + 4)
            cx = max(cx, h.x + b.width / 2)
            cy = h.y + h.height if where == "bottom" else h.y
            shapes[eid] = Bounds(x=cx - b.width / 2, y=cy - b.height / 2,
                                 width=b.width, height=b.height)
            side[eid] = where
        return side

    def _bands(
        self, scene: _Scene, shapes: dict[str, Bounds], clusters: dict[str, Bounds]
    ) -> dict[str, Bounds]:
        """Turn cluster boxes into full-width, gap-free horizontal bands."""
        if not scene.bands:
            return {}
        content = list(shapes.values())
        if content:
            left = min(b.x for b in content) - MARGIN
            right = max(b.x + b.width for b in content) + MARGIN
        else:
            left = min(b.x for b in clusters.values())
            right = max(b.x + b.width for b in clusters.values())
        right = max(right, left + 400.0)
        base_depth = scene.bands[0].depth
        deepest = max(b.depth for b in scene.all_bands())
        x_start = left - HEADER * (deepest - base_depth + 1)
        out: dict[str, Bounds] = {}

        def lay(siblings: list[_Band], top: float | None, bottom: float | None) -> None:
            ordered = sorted(siblings, key=lambda b: clusters[b.element].y)
            last = len(ordered) - 1
            for k, b in enumerate(ordered):
                box = clusters[b.element]
                y0, y1 = box.y, box.y + box.height
                if top is not None and bottom is not None:
                    if k == 0:
                        y0 = top
                    else:
                        prev = clusters[ordered[k - 1].element]
                        y0 = (prev.y + prev.height + box.y) / 2
                    if k == last:
                        y1 = bottom
                    else:
                        nxt = clusters[ordered[k + 1].element]
                        y1 = (box.y + box.height + nxt.y) / 2
                if top is None:  # pools: keep a gap between neighbours (no touching bands)
                    y0, y1 = y0 + POOL_GAP / 2, y1 - POOL_GAP / 2
                x = x_start + HEADER * (b.depth - base_depth)
                out[b.element] = Bounds(x=x, y=y0, width=right - x, height=y1 - y0)
                if b.children:
                    lay(b.children, y0, y1)

        if scene.bands[0].kind == "pool":
            lay(scene.bands, None, None)
        else:
            boxes = [clusters[b.element] for b in scene.bands]
            lay(scene.bands, min(b.y for b in boxes), max(b.y + b.height for b in boxes))
        return out

    def _id(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{wanted}_{n}"
        self.taken.add(candidate)
        return candidate


# -- geometry ----------------------------------------------------------------------------

Point = tuple[float, float]


def _parse_pos(pos: str) -> list[Point]:
    """Return the points of a dot edge ``pos``: start tip, spline points, end tip."""
    start: Point | None = None
    end: Point | None = None
    pts: list[Point] = []
    for token in pos.split():
        parts = token.split(",")
        if parts[0] in ("s", "e"):
            p = (float(parts[1]), float(parts[2]))
            if parts[0] == "s":
                start = p
            else:
                end = p
        else:
            pts.append((float(parts[0]), float(parts[1])))
    if start is not None:
        pts.insert(0, start)
    if end is not None:
        pts.append(end)
    return pts


def _inside(kind: str, box: Bounds, p: Point) -> bool:
    cx, cy = box.center
    dx, dy = abs(p[0] - cx), abs(p[1] - cy)
    if kind == "event":
        r = box.width / 2
        return dx * dx + dy * dy < r * r
    if kind == "gateway":
        return dx / (box.width / 2) + dy / (box.height / 2) < 1
    return dx < box.width / 2 and dy < box.height / 2


def _border(kind: str, box: Bounds, inner: Point, outer: Point) -> Point:
    """Return where the segment from ``inner`` (inside) to ``outer`` crosses the border."""
    a, b = inner, outer
    for _ in range(48):
        m = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        if _inside(kind, box, m):
            a = m
        else:
            b = m
    return b


def _clip_start(pts: list[Point], kind: str, box: Bounds) -> list[Point]:
    k = 0
    while k < len(pts) - 1 and _inside(kind, box, pts[k + 1]):
        k += 1
    if _inside(kind, box, pts[k]) and k < len(pts) - 1:
        return [_border(kind, box, pts[k], pts[k + 1]), *pts[k + 1 :]]
    # the route starts outside (on dot's border): slide it onto ours, towards the centre
    p = pts[k]
    c = box.center
    if math.dist(p, c) < 1e-9:
        return pts[k:]
    far = (c[0] + (p[0] - c[0]) * 4, c[1] + (p[1] - c[1]) * 4)
    return [_border(kind, box, c, far), *pts[k + 1 :]]


def _finish_route(
    pts: list[Point], src: tuple[str, Bounds], dst: tuple[str, Bounds]
) -> list[Point]:
    pts = _dedupe(pts)
    if len(pts) < 2:
        pts = [src[1].center, dst[1].center]
    pts = _clip_start(pts, *src)
    pts = list(reversed(_clip_start(list(reversed(pts)), *dst)))
    if len(pts) < 2:
        pts = [src[1].center, dst[1].center]
        pts = _clip_start(pts, *src)
        pts = list(reversed(_clip_start(list(reversed(pts)), *dst)))
    return _simplify(pts)


def _dedupe(pts: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in pts:
        if not out or math.dist(out[-1], p) > 0.01:
            out.append(p)
    return out


def _simplify(pts: list[Point]) -> list[Point]:
    """Drop duplicate points and points that lie on the line through their neighbours."""
    pts = _dedupe(pts)
    changed = True
    while changed and len(pts) > 2:
        changed = False
        out = [pts[0]]
        for i in range(1, len(pts) - 1):
            a, b, c = out[-1], pts[i], pts[i + 1]
            base = math.dist(a, c)
            cross = abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))
            between = (
                min(a[0], c[0]) - 0.5 <= b[0] <= max(a[0], c[0]) + 0.5
                and min(a[1], c[1]) - 0.5 <= b[1] <= max(a[1], c[1]) + 0.5
            )
            if base > 0 and cross / base < 0.5 and between:
                changed = True
                continue
            out.append(b)
        out.append(pts[-1])
        pts = out
    return pts


def _vertical(src: Bounds, dst: Bounds) -> list[Point]:
    """A straight vertical route between two boxes (a message flow to or from a pool)."""
    lo = max(src.x, dst.x)
    hi = min(src.x + src.width, dst.x + dst.width)
    if lo <= hi:
        x = (lo + hi) / 2
        if src.width < dst.width:
            x = src.center[0]
        elif dst.width < src.width:
            x = dst.center[0]
    else:
        x = src.center[0]
    down = src.center[1] < dst.center[1]
    y0 = src.y + src.height if down else src.y
    y1 = dst.y if down else dst.y + dst.height
    x = min(max(x, dst.x + 1), dst.x + dst.width - 1)
    x = min(max(x, src.x + 1), src.x + src.width - 1)
    return [(x, (src.center[1] + y0) / 2), (x, (dst.center[1] + y1) / 2)]


def _move(b: Bounds, dx: float, dy: float) -> Bounds:
    return Bounds(x=round(b.x + dx, 2), y=round(b.y + dy, 2),
                  width=round(b.width, 2), height=round(b.height, 2))


def _wrap(text: str, width: float) -> list[str]:
    return wrap_label(text, width, lambda s: text_width(s, LABEL_FONT)) or [""]


def _label_size(text: str, width: float) -> tuple[float, float]:
    lines = _wrap(text, width)
    w = max(text_width(line, LABEL_FONT) for line in lines)
    return (math.ceil(w) + 2, math.ceil(len(lines) * line_height(LABEL_FONT)))


def _label_below(box: Bounds, text: str) -> Bounds:
    w, h = _label_size(text, LABEL_WIDTH)
    cx = box.center[0]
    return Bounds(x=round(cx - w / 2, 2), y=round(box.y + box.height + 5, 2), width=w, height=h)


def _label_on_edge(pts: list[Point], text: str) -> Bounds:
    w, h = _label_size(text, LABEL_WIDTH)
    # the middle of the longest segment
    best = max(range(len(pts) - 1), key=lambda i: math.dist(pts[i], pts[i + 1]))
    (x0, y0), (x1, y1) = pts[best], pts[best + 1]
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    if abs(x1 - x0) >= abs(y1 - y0):
        return Bounds(x=round(mx - w / 2, 2), y=round(my - h - 3, 2), width=w, height=h)
    return Bounds(x=round(mx + 5, 2), y=round(my - h / 2, 2), width=w, height=h)


def _annotation_height(text: str) -> float:
    lines = sum(len(_wrap(p, SIZES["annotation"][0] - 10)) for p in text.splitlines() or [""])
    return max(SIZES["annotation"][1], math.ceil(lines * line_height(LABEL_FONT) + 10))


# -- model helpers -----------------------------------------------------------------------


def _kind_of(el: Any) -> Kind | None:
    if isinstance(el, DataObjectReference):
        return "data"
    if isinstance(el, DataStoreReference):
        return "store"
    t = getattr(el, "type", "")
    if not isinstance(t, str):
        return None
    if t.endswith("Event"):
        return "event"
    if t.endswith("Gateway"):
        return "gateway"
    if t.endswith("Task") or t in (
        "task", "callActivity", "subProcess", "adHocSubProcess", "transaction"
    ):
        return "task"
    return None


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


def _all_ids(defs: Definitions) -> set[str]:
    """Every id in the model except those of its diagrams (which are replaced)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            eid = value.get("id")
            if isinstance(eid, str):
                found.add(eid)
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(defs.model_dump(exclude={"diagrams", "provenance"}))
    return found


def _comment(element_id: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in element_id)
