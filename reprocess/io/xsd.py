"""Validate BPMN files against the OMG BPMN 2.0 XML Schema, found at run time.

The OMG schema files (``BPMN20.xsd``, ``Semantic.xsd``, ``BPMNDI.xsd``, ``DC.xsd``,
``DI.xsd``) are published under the OMG's specification terms, so ``reprocess`` does not
ship them. :func:`find_xsd_dir` looks for them, in this order: the ``xsd_dir`` argument,
the ``REPROCESS_BPMN_XSD`` environment variable, an installed ``SpiffWorkflow`` package
(``SpiffWorkflow/bpmn/parser/schema``), and the npm package ``bpmn-moddle``
(``node_modules/bpmn-moddle/resources/bpmn/xsd``) in the current folder, the folders
above it, or a ``tests/js`` harness beside them. When none is found,
:class:`XsdUnavailableError` says where it looked.

The schema of the ``rp:`` extension attributes (``reprocess-bpmn.xsd``) ships with the
package and is loaded next to BPMN's, so ``rp:`` values are checked too.

Examples:
    >>> from reprocess.io.xsd import find_xsd_dir, validate_xsd
    >>> try:
    ...     problems = validate_xsd(b'<definitions xmlns="http://www.omg.org/spec/BPMN/'
    ...                             b'20100524/MODEL" targetNamespace="x"><task/></definitions>')
    ... except XsdUnavailableError:
    ...     problems = [Problem("no XSD here", line=1)]
    >>> len(problems) >= 1
    True
"""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import os
from pathlib import Path
from typing import Any

from lxml import etree

from reprocess.errors import Problem, ReprocessError

__all__ = ["XSD_ENV", "XsdUnavailableError", "find_xsd_dir", "validate_xsd"]

XSD_ENV = "REPROCESS_BPMN_XSD"
"""Environment variable naming a folder that holds ``BPMN20.xsd`` and its includes."""

_MODDLE_SUBPATH = Path("node_modules", "bpmn-moddle", "resources", "bpmn", "xsd")
_MAIN = "BPMN20.xsd"


class XsdUnavailableError(ReprocessError):
    """The OMG BPMN 2.0 schema files were not found (they are not shipped with reprocess)."""


def _candidates(xsd_dir: str | os.PathLike[str] | None) -> list[Path]:
    out: list[Path] = []
    if xsd_dir is not None:
        return [Path(xsd_dir)]
    env = os.environ.get(XSD_ENV)
    if env:
        out.append(Path(env))
    spec = importlib.util.find_spec("SpiffWorkflow")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            out.append(Path(loc, "bpmn", "parser", "schema"))
    starts = [Path.cwd(), Path(__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            out.append(folder / _MODDLE_SUBPATH)
            out.append(folder / "tests" / "js" / _MODDLE_SUBPATH)
    return out


def find_xsd_dir(xsd_dir: str | os.PathLike[str] | None = None) -> Path:
    """Return a folder holding ``BPMN20.xsd`` and the files it includes.

    Args:
        xsd_dir: look only here (a folder holding ``BPMN20.xsd``).

    Raises:
        XsdUnavailableError: no folder with ``BPMN20.xsd`` was found.

    Examples:
        >>> import tempfile
        >>> try:
        ...     find_xsd_dir(tempfile.gettempdir())
        ... except XsdUnavailableError as exc:
        ...     print(str(exc)[:60])
        the OMG BPMN 2.0 XML Schema (BPMN20.xsd) was not found; repr
    """
    tried: list[str] = []
    for folder in _candidates(xsd_dir):
        if (folder / _MAIN).is_file():
            return folder
        tried.append(str(folder))
    where = "; ".join(tried[:6]) + (" ..." if len(tried) > 6 else "")
    raise XsdUnavailableError(
        "the OMG BPMN 2.0 XML Schema (BPMN20.xsd) was not found; reprocess does not ship "
        f"it. Install the npm package bpmn-moddle (`make tools`) or SpiffWorkflow, or set "
        f"{XSD_ENV} to a folder holding BPMN20.xsd. Looked in: {where}"
    )


def _rp_xsd() -> Path:
    return Path(str(importlib.resources.files("reprocess") / "data" / "reprocess-bpmn.xsd"))


@functools.lru_cache(maxsize=4)
def _schema(folder: str, extension: bool) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    main = Path(folder, _MAIN)
    if not extension:
        return etree.XMLSchema(etree.parse(str(main), parser))
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:reprocess:validation">'
        f'<xsd:import namespace="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        f'schemaLocation="{main.resolve().as_uri()}"/>'
        f'<xsd:import namespace="urn:reprocess:bpmn:1.0" '
        f'schemaLocation="{_rp_xsd().resolve().as_uri()}"/>'
        "</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def validate_xsd(
    source: str | os.PathLike[str] | bytes,
    xsd_dir: str | os.PathLike[str] | None = None,
    *,
    extension: bool = True,
) -> list[Problem]:
    """Validate a BPMN document against BPMN20.xsd; return the problems (empty when valid).

    Args:
        source: a path, or the document's bytes.
        xsd_dir: the folder holding ``BPMN20.xsd`` (default: :func:`find_xsd_dir`).
        extension: also check ``rp:`` attribute values against ``reprocess-bpmn.xsd``.

    Returns:
        One :class:`~reprocess.errors.Problem` per schema error (code ``"schema"``),
        with its line and, when the element on that line has one, its id.

    Raises:
        XsdUnavailableError: the BPMN schema files were not found.
        BpmnSyntaxError: the document is not well-formed XML.

    Examples:
        >>> doc = (b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        ...        b'targetNamespace="x"><process id="P"><task id="T"/></process></definitions>')
        >>> try:
        ...     validate_xsd(doc)
        ... except XsdUnavailableError:  # the OMG schema is not installed here
        ...     []
        []
    """
    from reprocess.io.reader import _parse_xml, _reject_doctype

    folder = find_xsd_dir(xsd_dir)
    schema = _schema(str(folder), extension)
    if isinstance(source, (bytes, bytearray)):
        data, path = bytes(source), None
    else:
        path = os.fspath(source)
        data = Path(path).read_bytes()
    _reject_doctype(data, path)
    root = _parse_xml(data, path, False)
    if schema.validate(root.getroottree()):
        return []
    ids: dict[int, str] = {}
    for el in root.iter(etree.Element):
        eid = el.get("id")
        line: int | None = el.sourceline  # type: ignore[assignment]
        if eid is not None and line is not None:
            ids.setdefault(line, eid)
    errors: list[Any] = list(schema.error_log)  # type: ignore[call-overload]
    return [
        Problem(e.message, line=e.line or None, element_id=ids.get(e.line), code="schema")
        for e in errors
    ]
