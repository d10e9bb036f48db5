"""The one exception family of ``reprocess``.

Every error that bad input can cause is a :class:`ReprocessError`. Errors about a
file name the file, the line and, where there is one, the element id, so that a
message can be acted on without a traceback::

    >>> err = BpmnParseError("duplicate id", path="a.bpmn", line=12, element_id="Task_1")
    >>> str(err)
    "a.bpmn:12: duplicate id (element 'Task_1')"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BpmnParseError",
    "BpmnReferenceError",
    "BpmnSyntaxError",
    "ConfigError",
    "InputTooLargeError",
    "NotBpmnError",
    "Problem",
    "RenderError",
    "ReprocessError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found in a model: what, where (line) and on which element.

    Examples:
        >>> Problem("dangling reference 'X'", line=3, element_id="Flow_1").describe()
        "line 3: dangling reference 'X' (element 'Flow_1')"
    """

    message: str
    line: int | None = None
    element_id: str | None = None
    code: str = "reference"

    def describe(self, path: str | None = None) -> str:
        """Return the problem as one line, ``path:line: message (element 'id')``."""
        where = []
        if path:
            where.append(path)
        if self.line is not None:
            where.append(str(self.line) if path else f"line {self.line}")
        prefix = ":".join(where)
        text = f"{prefix}: {self.message}" if prefix else self.message
        if self.element_id:
            text += f" (element '{self.element_id}')"
        return text


class ReprocessError(Exception):
    """Base class of every error raised by ``reprocess`` on bad input."""


class BpmnParseError(ReprocessError):
    """A BPMN document could not be read.

    Attributes:
        path: the file name, or ``None`` for bytes and strings.
        line: the 1-based line, when known.
        column: the 1-based column, when known (XML syntax errors only).
        element_id: the id of the element concerned, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        element_id: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.element_id = element_id
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.element_id:
            text += f" (element '{self.element_id}')"
        return text


class BpmnSyntaxError(BpmnParseError):
    """The input is not well-formed XML (with line and column)."""


class NotBpmnError(BpmnParseError):
    """The input is well-formed XML but not a BPMN 2.0 document (XPDL, other XML)."""


class InputTooLargeError(BpmnParseError):
    """The input is larger than the configured limit (raise ``max_bytes`` for trusted files)."""


class BpmnReferenceError(BpmnParseError):
    """The document has dangling references or duplicate ids; all are listed at once.

    Attributes:
        problems: every problem found, in document order.
    """

    def __init__(self, problems: Sequence[Problem], *, path: str | None = None) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem("invalid references")
        lines = [p.describe(path or "<string>") for p in self.problems]
        more = f"{len(self.problems)} reference problem(s):\n  " + "\n  ".join(lines)
        super().__init__(
            more, path=path, line=first.line, element_id=first.element_id
        )

    def _format(self) -> str:
        return self.message


class ConfigError(ReprocessError):
    """A configuration, sidecar or metadata file is invalid (names the file and field)."""


class RenderError(ReprocessError):
    """A diagram could not be drawn (missing engine, unsupported format)."""
