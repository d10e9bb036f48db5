"""Parse a rendered diagram's SVG and check that node labels fit their shapes.

Used by the label-fit tests on both engines. A node is a ``<g class="node ...">``;
its shape box is the union of its polygons, ellipses, paths and polylines; its texts
are the ``<text>`` elements. Texts whose anchor lies inside the box are the label and
must fit: each line's width, measured with the same font table as the renderer,
within the box less ``pad`` on each side, and the lines' count times the line height
within the box height. Texts outside the box are outside labels (events, gateways)
and must be no wider than the width they were wrapped to.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from reprocess.render.textwidth import line_height, text_width

SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass
class Text:
    x: float
    y: float
    anchor: str
    size: float
    content: str

    @property
    def width(self) -> float:
        return text_width(self.content, self.size)

    @property
    def left(self) -> float:
        if self.anchor == "middle":
            return self.x - self.width / 2
        if self.anchor == "end":
            return self.x - self.width
        return self.x


@dataclass
class Node:
    id: str
    classes: set[str]
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    texts: list[Text] = field(default_factory=list)

    def inside(self, t: Text) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= t.x <= x1 and y0 <= t.y <= y1


def _points(el: ET.Element) -> list[tuple[float, float]]:
    tag = el.tag.removeprefix(SVG)
    if tag in ("polygon", "polyline"):
        nums = [float(v) for v in _NUM.findall(el.get("points", ""))]
    elif tag == "path":
        nums = [float(v) for v in _NUM.findall(el.get("d", ""))]
    elif tag == "ellipse":
        cx, cy = float(el.get("cx", 0)), float(el.get("cy", 0))
        rx, ry = float(el.get("rx", 0)), float(el.get("ry", 0))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    else:
        return []
    return list(zip(nums[0::2], nums[1::2], strict=False))


def nodes(svg: bytes) -> list[Node]:
    """Return every node group of the SVG with its shape box and texts."""
    root = ET.fromstring(svg)
    out: list[Node] = []
    for g in root.iter(f"{SVG}g"):
        classes = set((g.get("class") or "").split())
        if "node" not in classes:
            continue
        pts: list[tuple[float, float]] = []
        texts: list[Text] = []
        for el in g.iter():
            tag = el.tag.removeprefix(SVG)
            if tag == "text":
                texts.append(
                    Text(
                        x=float(el.get("x", 0)),
                        y=float(el.get("y", 0)),
                        anchor=el.get("text-anchor", "start"),
                        size=float(el.get("font-size", 14)),
                        content="".join(el.itertext()),
                    )
                )
            else:
                pts.extend(_points(el))
        if not pts:
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append(Node(g.get("id", ""), classes, (min(xs), min(ys), max(xs), max(ys)), texts))
    return out


def label_problems(svg: bytes, *, pad: float = 4.0, outside_width: float = 100.0) -> list[str]:
    """Return one line per label that does not fit (empty when all fit)."""
    problems: list[str] = []
    for node in nodes(svg):
        x0, y0, x1, y1 = node.box
        inner = [t for t in node.texts if node.inside(t) and t.content.strip()]
        outer = [t for t in node.texts if not node.inside(t) and t.content.strip()]
        for t in inner:
            if t.left < x0 + pad - 0.01 or t.left + t.width > x1 - pad + 0.01:
                problems.append(
                    f"{node.id}: {t.content!r} spans {t.left:.1f}..{t.left + t.width:.1f}, "
                    f"shape {x0:.1f}..{x1:.1f}"
                )
            if not (y0 + 0.5 * t.size <= t.y <= y1 - 0.1 * t.size):
                problems.append(f"{node.id}: baseline of {t.content!r} at {t.y} outside {y0}..{y1}")
        if inner:
            needed = sum(line_height(t.size) for t in inner)
            if needed > (y1 - y0) + 0.5:
                problems.append(
                    f"{node.id}: {len(inner)} lines need {needed:.1f}, shape is {y1 - y0:.1f} high"
                )
        small = any(c.endswith(("Event", "Gateway")) for c in node.classes)
        for t in outer:
            if not small:
                problems.append(f"{node.id}: text {t.content!r} outside its shape")
            elif t.width > outside_width + 0.5:
                problems.append(f"{node.id}: outside label {t.content!r} is {t.width:.1f} wide")
    return problems
