"""Finishing touches on the SVG that Graphviz writes for a :func:`~reprocess.render.diagram`.

The WebAssembly build of Graphviz has no HTML-like labels, so every label is plain
text and a few BPMN details are added here, on the SVG of either engine, by
:func:`finish_svg` (called by :func:`reprocess.render.render` for SVG output):

* badge lines (starting with ``⚑``) are drawn bold in the badge colour;
* text of elements marked ``removed`` is struck through;
* a text annotation's box becomes the BPMN bracket ``[`` (the box stays, unstroked,
  so the element keeps its size);
* pools and lanes (clusters of class ``band-<depth>``) are widened to one common x
  range, so they read as full-width swimlanes, with their names at the left edge.
  ``dot`` stacks them already (they never share a y range), so widening cannot make
  them overlap.

The edit is line-based on Graphviz's own output (one element per line), changes only
elements that carry the ``bpmn-*``/``mark-*`` classes that :mod:`reprocess.render.dot`
writes, and is deterministic. A digraph displayed straight from the ``graphviz``
package (Jupyter) skips it and still reads correctly, just plainer.

Examples:
    >>> svg = (b'<g id="T" class="node bpmn&#45;task mark&#45;removed">\\n'
    ...        b'<text text-anchor="middle" x="5" y="5">\\xe2\\x9a\\x91 APP001</text>\\n</g>\\n')
    >>> print(finish_svg(svg).decode().splitlines()[1])
    <text text-decoration="line-through" fill="#b3261e" font-weight="bold" text-anchor="middle" x="5" y="5">⚑ APP001</text>
"""

from __future__ import annotations

import re

__all__ = ["BADGE_FILL", "finish_svg"]

BADGE_FILL = "#b3261e"
"""Colour of badge text."""

_GROUP = re.compile(r'^<g id="[^"]*" class="(node|edge|cluster)([^"]*)">')
_FILL = re.compile(r' fill="[^"]*"')
_STROKE = re.compile(r' stroke="[^"]*"')
_POINTS = re.compile(r' points="([^"]*)"')
_BRACKET_TICK = 10.0
_INSET = 8.0


def finish_svg(svg: bytes) -> bytes:
    """Return the SVG with badges coloured, removed text struck and brackets drawn.

    Args:
        svg: SVG bytes written by Graphviz (native ``dot`` or the wasm engine).

    Returns:
        The edited SVG (unchanged when no element carries the classes).

    Examples:
        >>> svg = b'<svg>' + bytes([10]) + b'<text x="1">plain</text>' + bytes([10]) + b'</svg>'
        >>> finish_svg(svg) == svg
        True
    """
    lines = svg.decode("utf-8").split("\n")
    span = _band_span(lines)
    out: list[str] = []
    classes: set[str] = set()
    shift: float | None = None
    for line in lines:
        group = _GROUP.match(line)
        if group:
            classes = set(group.group(2).replace("&#45;", "-").split())
            shift = None
        elif line.startswith(("<!-- ", "</svg>")):
            classes = set()
        elif line.startswith("<text"):
            if shift is not None:
                line = _left_label(line, shift)
            line = _text(line, removed="mark-removed" in classes)
        elif line.startswith("<polygon") and "bpmn-textAnnotation" in classes:
            line = _bracket(line)
        elif line.startswith("<polygon") and span is not None:
            depth = _depth(classes)
            if depth is not None:
                line, shift = _widen(line, span, depth)
        out.append(line)
    return "\n".join(out).encode("utf-8")


def _depth(classes: set[str]) -> int | None:
    for c in classes:
        if c.startswith("band-") and c[5:].isdigit():
            return int(c[5:])
    return None


def _band_span(lines: list[str]) -> tuple[float, float] | None:
    """Return the x range covering every band cluster, or ``None`` without bands."""
    xs: list[float] = []
    band = False
    for line in lines:
        group = _GROUP.match(line)
        if group:
            band = group.group(1) == "cluster" and "band&#45;" in group.group(2)
        elif band and line.startswith("<polygon"):
            match = _POINTS.search(line)
            if match is not None:
                xs += [float(p.split(",")[0]) for p in match.group(1).split()]
            band = False
    return (min(xs), max(xs)) if xs else None


def _widen(line: str, span: tuple[float, float], depth: int) -> tuple[str, float | None]:
    """Stretch a band's rectangle to the common range, inset by its depth."""
    match = _POINTS.search(line)
    if match is None:
        return line, None
    pts = [tuple(float(v) for v in p.split(",")) for p in match.group(1).split()]
    old_lo = min(p[0] for p in pts)
    old_hi = max(p[0] for p in pts)
    lo, hi = span[0] + _INSET * depth, span[1] - _INSET * depth
    moved = " ".join(
        f"{(lo if x == old_lo else hi if x == old_hi else x):g},{y:g}" for x, y in pts
    )
    return line[: match.start()] + f' points="{moved}"' + line[match.end() :], lo + _INSET


def _left_label(line: str, x: float) -> str:
    """Put a band's name at its left edge (engines centre it on their own estimate)."""
    line = re.sub(r' text-anchor="[a-z]+"', ' text-anchor="start"', line, count=1)
    return re.sub(r' x="[^"]*"', f' x="{x:g}"', line, count=1)


def _text(line: str, *, removed: bool) -> str:
    extra = ""
    if removed:
        extra += ' text-decoration="line-through"'
    content = line[line.find(">") + 1 :]
    if content.startswith("⚑"):
        line = _FILL.sub("", line, count=1)
        extra += f' fill="{BADGE_FILL}" font-weight="bold"'
    if not extra:
        return line
    return "<text" + extra + line[len("<text") :]


def _bracket(line: str) -> str:
    match = _POINTS.search(line)
    if match is None:
        return line
    pts = [tuple(float(v) for v in p.split(",")) for p in match.group(1).split()]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, y0, y1 = min(xs), min(ys), max(ys)
    tick = min(_BRACKET_TICK, (max(xs) - x0) / 2)
    path = (
        f' d="M{x0 + tick:g},{y0:g} L{x0:g},{y0:g} L{x0:g},{y1:g} L{x0 + tick:g},{y1:g}"'
    )
    bracket = "<path" + (line[: match.start()] + path + line[match.end() :])[len("<polygon") :]
    bracket = _FILL.sub(' fill="none"', bracket, count=1)
    box = _STROKE.sub(' stroke="none"', line, count=1)
    return box + "\n" + bracket
