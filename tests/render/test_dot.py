"""DOT source of diagram(): BPMN look, marks, legend, escaping, determinism (no engine)."""

from __future__ import annotations

import itertools
import re

import pytest
from render_models import full_model, simple_process
from render_support import ANY_ENGINE

from reprocess.model import (
    Definitions,
    Process,
    SequenceFlow,
    Task,
)
from reprocess.render import Legend, Mark, diagram, render
from reprocess.render.dot import BADGE_PREFIX, STYLE_COLOURS, TASK_WIDTH, dot_name


def _attrs(source: str, name: str) -> str:
    """Return the attribute list of the node statement ``name [...]``."""
    match = re.search(rf"^\s*{re.escape(name)} \[(.*)\]$", source, re.MULTILINE)
    assert match, f"no node {name}"
    return match.group(1)


def _edge(source: str, element_id: str) -> str:
    match = re.search(rf"^\s*\S+ -> \S+ \[(.*\bid={re.escape(element_id)}\b.*)\]$", source,
                      re.MULTILINE)
    assert match, f"no edge {element_id}"
    return match.group(1)


def test_same_input_same_source() -> None:
    marks = {"A_check": Mark(badge="APP001"), "af2": Mark(style="added")}
    one = diagram(full_model(), marks=marks, legend=Legend.for_changes(), title="t").source
    two = diagram(full_model(), marks=dict(marks), legend=Legend.for_changes(), title="t").source
    assert one == two
    assert " at 0x" not in one


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ("A_start", "shape=circle"),
        ("A_end", "penwidth=3"),
        ("A_timer", "shape=doublecircle"),
        ("A_boundary", "dashed"),  # non-interrupting
        ("A_gw", "shape=diamond"),
        ("A_split", "label=\"✚\""),
        ("A_or", "label=\"◯\""),
        ("A_evgw", "label=\"⬠\""),
        ("A_gw", "label=\"✖\""),
        ("D_form", "shape=note"),
        ("D_register", "shape=cylinder"),
        ("A_call", "penwidth=3"),
        ("A_sub", "[+]"),
        ("A_check", "☺"),
        ("A_return", "☝"),
        ("A_fee", "⚙"),
        ("A_number", "☰"),
        ("A_rule", "▦"),
        ("C_send", "✉➜"),
        ("C_receive", "➜✉"),
        ("A_timer", "◷"),
        ("A_signal", "▲"),
        ("A_end2", "●"),
        ("A_check", "width=1.6667"),
    ],
)
def test_bpmn_look(element: str, expected: str) -> None:
    assert expected in _attrs(diagram(full_model()).source, element)


def test_pools_and_nested_lanes_are_clusters() -> None:
    src = diagram(full_model()).source
    office = src.index("subgraph cluster_L_office")
    front = src.index("subgraph cluster_L_front")
    pool = src.index("subgraph cluster_Pool_agency")
    assert pool < office < front
    assert 'label="สำนักงานเขตบางรัก"' in src
    assert "labeljust=l" in src
    # every leaf band has a head on the first rank, so lanes stack as bands
    assert "_src -> L_front__head" in src
    assert "_src -> Pool_dopa__head" in src


def test_edges() -> None:
    src = diagram(full_model()).source
    message = _edge(src, "m1")
    assert all(a in message for a in ("style=dashed", "arrowtail=odot", "arrowhead=empty"))
    assert "lhead=cluster_Pool_dopa" in _edge(src, "m3")
    assert "style=dotted" in _edge(src, "da_in")
    assert "arrowtail=tee" in _edge(src, "af_no")  # default flow
    assert 'label="ไม่ครบ"' in _edge(src, "af_no")
    assert "dir=none" in _edge(src, "N1_a")
    # a message flow to a node inside the collapsed sub-process is drawn to the sub-process
    assert re.search(r"^\s*A_sub -> C_receive \[.*id=m4", src, re.MULTILINE)


def test_marks() -> None:
    marks = {
        "A_check": Mark(fill="#fde0dc", border="#b3261e", badge="APP001 ISS002", tooltip="ดู"),
        "A_fee": Mark(style="added"),
        "A_return": Mark(style="removed"),
        "af2": Mark(style="changed", badge="EFF001"),
        "S_visit": Mark(badge="EFF003"),
        "L_fin": Mark(fill="#fff8e1"),
        "nonexistent": Mark(badge="X"),
    }
    src = diagram(full_model(), marks=marks).source
    check = _attrs(src, "A_check")
    assert 'fillcolor="#fde0dc"' in check
    assert 'color="#b3261e"' in check
    assert f"{BADGE_PREFIX}APP001 ISS002" in check
    assert "tooltip=\"ดู\"" in check
    assert f'fillcolor="{STYLE_COLOURS["added"][0]}"' in _attrs(src, "A_fee")
    removed = _attrs(src, "A_return")
    assert "dashed" in removed
    assert "mark-removed" in removed
    assert f"{BADGE_PREFIX}EFF001" in _edge(src, "af2")
    assert f"{BADGE_PREFIX}EFF003" in _attrs(src, "A_sub")  # badge of an inner element
    assert 'fillcolor="#fff8e1"' in src


def test_mark_validation() -> None:
    with pytest.raises(ValueError, match="not a colour"):
        Mark(border='red" ]; evil [')
    with pytest.raises(ValueError, match="unknown mark style"):
        Mark(style="deleted")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a colour"):
        Legend(rows=(("not a colour!", "ก", "a"),))


def test_legend_and_title() -> None:
    src = diagram(simple_process(), legend=Legend.for_changes(), title="การแจ้งเกิด").source
    assert "subgraph cluster__legend" in src
    assert "เพิ่มใหม่ / added" in src
    assert 'label="การแจ้งเกิด"' in src


def test_direction() -> None:
    assert "rankdir=TB" in diagram(simple_process(), direction="TB").source
    with pytest.raises(ValueError, match="unknown direction"):
        diagram(simple_process(), direction="XY")  # type: ignore[arg-type]


def test_tasks_keep_the_standard_width_and_grow_in_height() -> None:
    src = diagram(full_model()).source
    width = f"width={TASK_WIDTH / 72:.4f}"
    for task in ("A_check", "A_return", "A_fee", "A_number", "C_send", "A_sub"):
        assert width in _attrs(src, task), task
    heights = {t: float(re.search(r"height=([\d.]+)", _attrs(src, t)).group(1)) * 72  # type: ignore[union-attr]
               for t in ("A_check", "A_escalate")}
    assert heights["A_escalate"] == pytest.approx(80.0, abs=0.01)
    assert heights["A_check"] > 120.0  # the long label wraps onto more lines


ODD_IDS = ['a:b', 'x"y', "back\\slash", "ไทย", "sp ace", "node", "<html>", "per%cent"]


def _odd_model() -> Definitions:
    tasks = tuple(Task(id=i, name=f"ชื่อ {i}") for i in ODD_IDS)
    flows = tuple(
        SequenceFlow(id=f"f{k}", source=a, target=b)
        for k, (a, b) in enumerate(itertools.pairwise(ODD_IDS))
    )
    return Definitions(root_elements=(Process(id="P", flow_elements=(*tasks, *flows)),))


@pytest.mark.parametrize("any_engine", ANY_ENGINE)
def test_odd_ids_are_escaped(any_engine: str) -> None:
    g = diagram(_odd_model())
    assert dot_name("a:b") == "a%3Ab"
    svg = render(g, "svg", engine=any_engine)  # type: ignore[arg-type]
    text = svg.decode()
    for name in ("x&quot;y", "back\\slash", "ไทย", "&lt;html&gt;"):
        assert f'id="{name}"' in text, name
    assert text.count('class="edge') == len(ODD_IDS) - 1
