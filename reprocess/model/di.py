"""BPMN DI: diagrams, planes, shapes with bounds, edges with waypoints, labels.

Examples:
    >>> s = Shape(id="T1_di", element="T1", bounds=Bounds(x=10, y=20, width=100, height=80))
    >>> s.bounds.center
    (60.0, 60.0)
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from reprocess.model.base import ElementId, Model, XmlAttr
from reprocess.model.elements import Opaque

__all__ = ["Bounds", "DiLabel", "Diagram", "Edge", "Plane", "PlaneItem", "Shape"]


class Bounds(Model):
    """``dc:Bounds``: top-left corner and size, in diagram units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        """The centre point."""
        return (self.x + self.width / 2, self.y + self.height / 2)

    def overlaps(self, other: Bounds) -> bool:
        """Return whether the two rectangles overlap with a positive area.

        Examples:
            >>> Bounds(x=0, y=0, width=10, height=10).overlaps(Bounds(x=5, y=5, width=10, height=10))
            True
            >>> Bounds(x=0, y=0, width=10, height=10).overlaps(Bounds(x=10, y=0, width=5, height=5))
            False
        """
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def contains(self, other: Bounds, *, tolerance: float = 0.0) -> bool:
        """Return whether ``other`` lies inside these bounds."""
        t = tolerance
        return (
            other.x >= self.x - t
            and other.y >= self.y - t
            and other.x + other.width <= self.x + self.width + t
            and other.y + other.height <= self.y + self.height + t
        )


class DiLabel(Model):
    """``bpmndi:BPMNLabel``: where the label of a shape or edge is drawn."""

    bounds: Bounds | None = None
    label_style: ElementId | None = None
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)


class Shape(Model):
    """``bpmndi:BPMNShape`` of a flow node, pool, lane, data object or annotation."""

    type: Literal["shape"] = "shape"
    id: ElementId | None = None
    element: ElementId | None = None
    bounds: Bounds
    is_horizontal: bool | None = None
    is_expanded: bool | None = None
    is_marker_visible: bool | None = None
    label: DiLabel | None = None
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)
    children: tuple[Opaque, ...] = Field(default=(), repr=False)


class Edge(Model):
    """``bpmndi:BPMNEdge`` of a flow or association, with its waypoints."""

    type: Literal["edge"] = "edge"
    id: ElementId | None = None
    element: ElementId | None = None
    source_element: ElementId | None = None
    target_element: ElementId | None = None
    waypoints: tuple[tuple[float, float], ...] = ()
    label: DiLabel | None = None
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)
    children: tuple[Opaque, ...] = Field(default=(), repr=False)


PlaneItem = Annotated[Shape | Edge | Opaque, Field(discriminator="type")]
"""What a plane holds, in document order."""


class Plane(Model):
    """``bpmndi:BPMNPlane``: the drawing of one process, collaboration or sub-process."""

    id: ElementId | None = None
    element: ElementId | None = None
    items: tuple[PlaneItem, ...] = Field(default=(), repr=False)
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)

    @property
    def shapes(self) -> tuple[Shape, ...]:
        """The shapes, in document order."""
        return tuple(i for i in self.items if isinstance(i, Shape))

    @property
    def edges(self) -> tuple[Edge, ...]:
        """The edges, in document order."""
        return tuple(i for i in self.items if isinstance(i, Edge))


class Diagram(Model):
    """``bpmndi:BPMNDiagram``: one diagram of the file (a file may have several)."""

    id: ElementId | None = None
    name: str | None = None
    plane: Plane | None = None
    label_styles: tuple[Opaque, ...] = Field(default=(), repr=False)
    attrs: tuple[XmlAttr, ...] = Field(default=(), repr=False)
