"""The base class of every model: frozen, strict about unknown fields, tuples not lists."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["ElementId", "Model", "Provenance", "XmlAttr", "field_or"]

ElementId = str
"""The ``id`` of a BPMN element (an ``xsd:ID``)."""

XmlAttr = tuple[str, str]
"""An attribute kept as it was read: ``("{namespace}local", "value")`` (Clark notation)."""


def field_or(obj: Any, name: str, default: Any = None) -> Any:
    """Return field ``name`` of a model object, or ``default`` when its class has none.

    Like ``getattr(obj, name, default)``, but a missing field costs a dict lookup instead
    of pydantic's attribute-error path (the analysis asks this hundreds of thousands of
    times on large models).

    Examples:
        >>> class T(Model):
        ...     x: int = 1
        >>> field_or(T(), "x"), field_or(T(), "data_inputs", ())
        (1, ())
    """
    return obj.__dict__.get(name, default)


class Model(BaseModel):
    """Base of every ``reprocess`` model.

    Models are immutable (``frozen``), reject unknown fields and hold collections as
    tuples, so a model can be shared, hashed and cached safely. Derive a changed
    model with ``model_copy(update=...)`` or the redesign layer's change functions.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        use_enum_values=False,
        validate_default=False,
    )


class Provenance(BaseModel):
    """Where a model was read from: the file and the source line of every element.

    Provenance is not content: two models read from different files (or built in
    code) compare equal when their content is equal, so a round trip through the
    writer gives an equal model.

    Examples:
        >>> Provenance(path="a.bpmn", lines={"T1": 3}) == Provenance()
        True
        >>> Provenance(path="a.bpmn", lines={"T1": 3}).line_of("T1")
        3
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str | None = None
    """The file name, or ``None`` when read from bytes or a string."""
    lines: dict[str, int] = {}
    """Source line of each element id (the line of the start tag's closing ``>``)."""

    def line_of(self, element_id: str | None) -> int | None:
        """Return the source line of ``element_id``, or ``None`` when unknown."""
        if element_id is None:
            return None
        return self.lines.get(element_id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Provenance)

    def __hash__(self) -> int:
        return 0

    def __repr_args__(self) -> Any:
        yield "path", self.path
