"""layout(): complete, overlap-free BPMN DI with lanes as bands and clipped edges."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from render_models import chain_model, edge_models, full_model, simple_process
from render_support import ANY_ENGINE, ENGINES, EXAMPLES, read_example

from reprocess.model import (
    Association,
    BoundaryEvent,
    Bounds,
    Definitions,
    Diagram,
    Edge,
    Lane,
    LaneSet,
    Plane,
    Process,
    Shape,
    Task,
    check_integrity,
)
from reprocess.render import layout
from reprocess.render.layout import SIZES, layout_source

MODELS: dict[str, Callable[[], Definitions]] = {
    "full": full_model,
    "simple": simple_process,
    "chain200": lambda: chain_model(200, lanes=5, seed=3),
    **{name: (lambda d=d: d) for name, d in edge_models().items()},
}


def _all_lanes(defs: Definitions) -> list[Lane]:
    out: list[Lane] = []

    def visit(lane_sets: tuple[LaneSet, ...]) -> None:
        for ls in lane_sets:
            for lane in ls.lanes:
                out.extend(lane.all_lanes())

    for p in defs.processes:
        visit(p.lane_sets)
    for node in defs.flow_nodes():
        visit(getattr(node, "lane_sets", ()))
    return out


def _kind(defs: Definitions, element_id: str) -> str:
    t = getattr(defs.get(element_id), "type", "")
    if t.endswith("Event"):
        return "circle"
    if t.endswith("Gateway"):
        return "diamond"
    return "rect"


def _on_border(kind: str, b: Bounds, p: tuple[float, float], tol: float = 1.0) -> bool:
    cx, cy = b.center
    dx, dy = abs(p[0] - cx), abs(p[1] - cy)
    hw, hh = b.width / 2, b.height / 2
    if kind == "circle":
        return abs(math.hypot(dx, dy) - hw) <= tol
    if kind == "diamond":
        return abs(dx * hh + dy * hw - hw * hh) / math.hypot(hw, hh) <= tol
    inside_outer = dx <= hw + tol and dy <= hh + tol
    outside_inner = dx >= hw - tol or dy >= hh - tol
    return inside_outer and outside_inner


def _ends(defs: Definitions) -> dict[str, tuple[str, str]]:
    """Source and target of every edge-like element, by id."""
    out: dict[str, tuple[str, str]] = {}
    for f in defs.sequence_flows():
        out[f.id] = (f.source, f.target)
    for m in defs.message_flows:
        out[m.id] = (m.source, m.target)
    for node in defs.flow_nodes():
        for a in getattr(node, "data_inputs", ()):
            if a.id and a.sources:
                out[a.id] = (a.sources[0], node.id)
        for a in getattr(node, "data_outputs", ()):
            if a.id and a.target:
                out[a.id] = (node.id, a.target)
    containers = [*defs.processes, *defs.collaborations]
    containers += [n for n in defs.flow_nodes() if hasattr(n, "artifacts")]
    for c in containers:
        for art in c.artifacts:
            if isinstance(art, Association):
                out[art.id] = (art.source, art.target)
    return out


def check_layout(defs: Definitions, out: Definitions) -> None:
    """Every property the issue asks of laid-out DI (raises AssertionError)."""
    assert check_integrity(out) == []
    planes = [d.plane for d in out.diagrams if d.plane is not None]
    shapes: dict[str, tuple[int, Shape]] = {}
    edges: dict[str, tuple[int, Edge]] = {}
    for k, plane in enumerate(planes):
        for s in plane.shapes:
            assert s.element is not None
            assert s.element not in shapes, f"two shapes for {s.element}"
            shapes[s.element] = (k, s)
        for e in plane.edges:
            assert e.element is not None
            edges[e.element] = (k, e)
    # 1. everything has DI
    wanted = [n.id for n in defs.flow_nodes()] + [p.id for p in defs.participants]
    wanted += [lane.id for lane in _all_lanes(defs)]
    assert [i for i in wanted if i not in shapes] == []
    flows = [f.id for f in defs.sequence_flows()] + [m.id for m in defs.message_flows]
    assert [i for i in flows if i not in edges] == []
    for lane in _all_lanes(defs):
        assert shapes[lane.id][1].is_horizontal is True
    for part in defs.participants:
        assert shapes[part.id][1].is_horizontal is True
    # 2. no two flow-node shapes overlap (a boundary event sits on its host's border)
    nodes = list(defs.flow_nodes())
    hosts = {n.id: n.attached_to for n in nodes if isinstance(n, BoundaryEvent)}
    for k in range(len(planes)):
        here = [(n.id, shapes[n.id][1].bounds) for n in nodes if shapes[n.id][0] == k]
        for i, (a, ba) in enumerate(here):
            for b, bb in here[i + 1:]:
                if hosts.get(a) == b or hosts.get(b) == a:
                    continue
                assert not ba.overlaps(bb), f"{a} overlaps {b}"
    # 3. every node inside its (innermost) lane band, lanes inside their parent
    for n in nodes:
        lanes = defs.lanes_of(n.id)
        if lanes:
            lane_box = shapes[lanes[0].id][1].bounds
            assert lane_box.contains(shapes[n.id][1].bounds, tolerance=0.01), n.id
        pool = defs.pool_of(n.id)
        if pool is not None and shapes[n.id][0] == shapes[pool.id][0]:
            assert shapes[pool.id][1].bounds.contains(shapes[n.id][1].bounds, tolerance=0.01)
    for lane in _all_lanes(defs):
        for child in (lane.child_lane_set.lanes if lane.child_lane_set else ()):
            assert shapes[lane.id][1].bounds.contains(shapes[child.id][1].bounds, tolerance=0.01)
    # sibling bands do not overlap
    bands = [s.bounds for _, s in shapes.values() if s.is_horizontal]
    for i, a in enumerate(bands):
        for b in bands[i + 1:]:
            if a.overlaps(b):
                assert a.contains(b, tolerance=0.01) or b.contains(a, tolerance=0.01)
    # 4. edges start and end on their shapes' borders
    ends = _ends(defs)
    for eid, (k, e) in edges.items():
        assert len(e.waypoints) >= 2, eid
        assert len(set(e.waypoints)) == len(e.waypoints), f"{eid}: duplicate points"
        src, dst = ends[eid]
        for end, point in ((src, e.waypoints[0]), (dst, e.waypoints[-1])):
            elem = end
            while shapes.get(elem, (k + 1,))[0] != k:  # drawn to the collapsed sub-process
                elem = defs.container_of(elem).id
            box = shapes[elem][1].bounds
            kind = "rect" if elem in {p.id for p in defs.participants} else _kind(defs, elem)
            assert _on_border(kind, box, point), f"{eid}: {point} not on the border of {elem}"


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("engine", ENGINES)
def test_layout_models(name: str, engine: str) -> None:
    defs = MODELS[name]()
    out = layout(defs, engine=engine)  # type: ignore[arg-type]
    check_layout(defs, out)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("engine", ENGINES)
def test_layout_examples(path: Path, engine: str) -> None:
    defs = read_example(path)
    check_layout(defs, layout(defs, engine=engine))  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_model_same_di(engine: str) -> None:
    one = layout(full_model(), engine=engine)  # type: ignore[arg-type]
    two = layout(full_model(), engine=engine)  # type: ignore[arg-type]
    assert one.diagrams == two.diagrams
    again = layout(one, engine=engine)  # type: ignore[arg-type]
    assert len(again.diagrams) == len(one.diagrams)


@pytest.mark.parametrize("engine", ENGINES)
def test_sizes_and_kinds(engine: str) -> None:
    out = layout(full_model(), engine=engine)  # type: ignore[arg-type]
    shapes = {s.element: s for d in out.diagrams if d.plane for s in d.plane.shapes}
    assert (shapes["A_check"].bounds.width, shapes["A_check"].bounds.height) == SIZES["task"]
    assert shapes["A_start"].bounds.width == SIZES["event"][0]
    assert shapes["A_gw"].bounds.width == SIZES["gateway"][0]
    assert shapes["A_sub"].is_expanded is False
    assert shapes["A_gw"].label is not None
    assert shapes["A_gw"].label.bounds is not None
    planes = {d.plane.element for d in out.diagrams if d.plane}
    assert planes == {"Collab", "A_sub"}
    # pools of a collaboration share their x range; lanes span their pool
    pools = [shapes[p].bounds for p in ("Pool_citizen", "Pool_agency", "Pool_dopa")]
    assert len({(b.x, b.width) for b in pools}) == 1
    right = pools[0].x + pools[0].width
    for lane in ("L_office", "L_front", "L_fin", "L_registrar", "L_empty"):
        b = shapes[lane].bounds
        assert b.x + b.width == pytest.approx(right)
    # a boundary event sits on its host's top or bottom border
    host, ev = shapes["A_check"].bounds, shapes["A_boundary"].bounds
    assert ev.center[1] in (pytest.approx(host.y), pytest.approx(host.y + host.height))


@pytest.mark.parametrize("engine", ENGINES)
def test_named_flow_gets_a_label(engine: str) -> None:
    out = layout(full_model(), engine=engine)  # type: ignore[arg-type]
    edge = next(e for d in out.diagrams if d.plane for e in d.plane.edges if e.element == "af_no")
    assert edge.label is not None
    assert edge.label.bounds is not None


def test_old_di_order_is_the_emission_order() -> None:
    p = Process(id="P", flow_elements=(Task(id="A"), Task(id="B"), Task(id="C")))
    old = Diagram(id="D", plane=Plane(id="PL", element="P", items=(
        Shape(id="A_di", element="A", bounds=Bounds(x=300, y=0, width=100, height=80)),
        Shape(id="C_di", element="C", bounds=Bounds(x=100, y=0, width=100, height=80)),
    )))
    src = layout_source(Definitions(root_elements=(p,), diagrams=(old,)))[0]
    # A and C swap slots (C was left of A); B, without DI, keeps its slot
    names = [line.split("// ")[1] for line in src.splitlines() if "width=1.3889" in line]
    assert names == ["C", "B", "A"]
    assert src == layout_source(Definitions(root_elements=(p,), diagrams=(old,)))[0]


@pytest.mark.parametrize("any_engine", ANY_ENGINE)
def test_writes_and_reads_back(any_engine: str) -> None:
    writer = pytest.importorskip("reprocess.io.writer", reason="reprocess.io writer missing")
    reader = pytest.importorskip("reprocess.io.reader", reason="reprocess.io reader missing")
    out = layout(full_model(), engine=any_engine)  # type: ignore[arg-type]
    back = reader.parse_bpmn(writer.to_bpmn_string(out))
    def geometry(d: Definitions) -> dict[str, object]:
        return {
            i.element: (i.bounds if isinstance(i, Shape) else i.waypoints)
            for dg in d.diagrams if dg.plane for i in dg.plane.items
            if isinstance(i, (Shape, Edge))
        }
    assert geometry(back) == geometry(out)
    check_layout(full_model(), back)


@pytest.mark.parametrize("any_engine", ANY_ENGINE)
def test_checker_catches_broken_di(any_engine: str) -> None:
    defs = full_model()
    good = layout(defs, engine=any_engine)  # type: ignore[arg-type]
    check_layout(defs, good)
    main = good.diagrams[0]
    assert main.plane is not None

    def broken(change: Callable[[Shape | Edge], Shape | Edge]) -> Definitions:
        assert main.plane is not None
        items = tuple(change(i) if isinstance(i, (Shape, Edge)) else i for i in main.plane.items)
        plane = main.plane.model_copy(update={"items": items})
        diagram = main.model_copy(update={"plane": plane})
        return good.model_copy(update={"diagrams": (diagram, *good.diagrams[1:])})

    check_bounds = next(s for s in main.plane.shapes if s.element == "A_check").bounds

    def overlap(i: Shape | Edge) -> Shape | Edge:
        if isinstance(i, Shape) and i.element == "A_fee":
            return i.model_copy(update={"bounds": check_bounds})
        return i

    def detach(i: Shape | Edge) -> Shape | Edge:
        if isinstance(i, Edge) and i.element == "af1":
            x, y = i.waypoints[0]
            return i.model_copy(update={"waypoints": ((x - 5, y - 5), *i.waypoints[1:])})
        return i

    def drop(i: Shape | Edge) -> Shape | Edge:
        if isinstance(i, Shape) and i.element == "A_gw":
            return i.model_copy(update={"element": "A_sub"})
        return i

    for change in (overlap, detach, drop):
        with pytest.raises(AssertionError):
            check_layout(defs, broken(change))
