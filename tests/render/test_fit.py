"""Thai labels fit their shapes, on every engine, for the examples and long labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_models import LONG, chain_model, edge_models, full_model, simple_process
from render_support import ENGINES, EXAMPLES, read_example
from svgfit import label_problems, nodes

from reprocess.model import Definitions, Process, Task
from reprocess.render import Legend, Mark, diagram, render
from reprocess.render.dot import XLABEL_WIDTH

MODELS = {
    "full": full_model,
    "simple": simple_process,
    "chain": lambda: chain_model(40),
    **{name: (lambda d=d: d) for name, d in edge_models().items()},
}

MARKS = {
    "A_check": Mark(badge="APP001 ISS002 PAY001 EFF004 ODT001", fill="#fde0dc"),
    "A_fee": Mark(style="added", badge="ใหม่"),
    "A_return": Mark(style="removed"),
    "A_gw": Mark(style="changed", badge="EFF001"),
    "af2": Mark(style="changed", badge="EFF001"),
    "D_form": Mark(badge="APP002", style="removed"),
    "S_visit": Mark(badge="EFF003"),
}


def _check(defs: Definitions, engine: str, **kwargs: object) -> bytes:
    svg = render(diagram(defs, **kwargs), "svg", engine=engine)  # type: ignore[arg-type]
    problems = label_problems(svg, outside_width=XLABEL_WIDTH)
    assert problems == [], "\n".join(problems)
    return svg


@pytest.mark.parametrize("name", sorted(MODELS))
@pytest.mark.parametrize("engine", ENGINES)
def test_labels_fit_models(name: str, engine: str) -> None:
    defs = MODELS[name]()
    svg = _check(defs, engine, marks=MARKS, legend=Legend.for_changes(), title=LONG)
    drawn = {n.id for n in nodes(svg)}
    top = [n.id for n in defs.flow_nodes() if isinstance(defs.container_of(n.id), Process)]
    missing = [i for i in top if i not in drawn]  # sub-processes are drawn collapsed
    assert missing == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
@pytest.mark.parametrize("engine", ENGINES)
def test_labels_fit_examples(path: Path, engine: str) -> None:
    defs = read_example(path)
    svg = _check(defs, engine)
    drawn = {n.id for n in nodes(svg)}
    top = [
        el.id
        for p in defs.processes
        for el in p.flow_elements
        if el.type.endswith(("Task", "Event", "Gateway")) or el.type in ("task", "subProcess")
    ]
    assert [i for i in top if i not in drawn] == []


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("engine", ENGINES)
def test_long_unbroken_label_grows_the_box(engine: str, direction: str) -> None:
    text = "ก" * 60 + " " + "Reallyverylongwordwithoutanyspaceatall" * 2
    defs = Definitions(root_elements=(Process(id="P", flow_elements=(Task(id="T", name=text),)),))
    _check(defs, engine, direction=direction)


@pytest.mark.parametrize("engine", ENGINES)
def test_checker_sees_a_label_that_does_not_fit(engine: str) -> None:
    source = (
        'digraph { node [fontname="Loma" fontsize=11]; '
        'T [id=T class="node" shape=box fixedsize=true width=0.5 height=0.3 '
        'label="ตรวจสอบความถูกต้องของเอกสาร\\nบรรทัดที่สอง\\nบรรทัดที่สาม"] }'
    )
    problems = label_problems(render(source, "svg", engine=engine))  # type: ignore[arg-type]
    assert any("spans" in p for p in problems)
    assert any("lines need" in p for p in problems)
