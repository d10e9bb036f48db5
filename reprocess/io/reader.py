"""Read BPMN 2.0 XML into a :class:`~reprocess.model.Definitions`.

The reader parses with a locked-down lxml parser (no DTD, no entities, no network),
walks the tree once and builds plain dicts, then validates the whole model with one
``Definitions.model_validate`` call. Elements are recognised by their exact qualified
name through dispatch tables, never by suffix; what the model does not interpret
(vendor attributes, ``extensionElements`` content, ``ioSpecification``, unknown BPMN
elements) is kept opaque, in canonical form, and written back by the writer.

``incoming``/``outgoing`` children of flow nodes are derived data (the sequence flows
say the same) and are not stored; the writer regenerates them.

Every failure is a :class:`~reprocess.errors.ReprocessError` that names the file:
:class:`~reprocess.errors.BpmnSyntaxError` (not well-formed, with line and column),
:class:`~reprocess.errors.NotBpmnError` (well-formed but not BPMN 2.0),
:class:`~reprocess.errors.InputTooLargeError`, :class:`~reprocess.errors.BpmnParseError`
(a bad attribute value, with line and element) and
:class:`~reprocess.errors.BpmnReferenceError` (every duplicate id and dangling reference
at once). With ``lenient=True`` the last two are recorded in ``Definitions.problems``.

Examples:
    >>> xml = '''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    ...     xmlns:rp="urn:reprocess:bpmn:1.0" id="D" targetNamespace="urn:x">
    ...   <process id="P">
    ...     <userTask id="T" name="ยื่นคำขอ" rp:channel="counter" rp:medium="paper"/>
    ...   </process>
    ... </definitions>'''
    >>> defs = parse_bpmn(xml)
    >>> task = defs.node("T")
    >>> task.type, task.name, task.facts.channel.value
    ('userTask', 'ยื่นคำขอ', 'counter')
    >>> defs.provenance.line_of("T")
    4
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, Final, NoReturn, TypeAlias

from lxml import etree

from reprocess._gc import paused
from reprocess.errors import (
    BpmnParseError,
    BpmnReferenceError,
    BpmnSyntaxError,
    InputTooLargeError,
    NotBpmnError,
    Problem,
    ReprocessError,
)
from reprocess.io import namespaces as ns
from reprocess.io.extensions import (
    RP_ATTRIBUTES,
    FactGroup,
    parse_boolean,
    parse_rp_attributes,
)
from reprocess.model.base import Provenance
from reprocess.model.process import Definitions, ModelProblem, check_integrity

__all__ = ["DEFAULT_MAX_BYTES", "BpmnSource", "parse_bpmn", "read_bpmn"]

DEFAULT_MAX_BYTES: Final = 50_000_000
"""Default input size limit in bytes (pass ``max_bytes`` to read larger trusted files)."""

BpmnSource: TypeAlias = (
    "str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | IO[str]"
)
"""What :func:`read_bpmn` accepts: a path, XML text or bytes, or an open file."""

_Element: TypeAlias = etree._Element
_Dict: TypeAlias = dict[str, Any]

_RP_BRACE: Final = "{" + ns.RP + "}"
_RP_LEN: Final = len(_RP_BRACE)
_XSI_TYPE: Final = "{" + ns.XSI + "}type"
_ELEMENT_TAG: Final = etree.Element  # filter for iterchildren: elements only


# --------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------


def read_bpmn(
    source: BpmnSource,
    *,
    lenient: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    huge_tree: bool = False,
) -> Definitions:
    """Read a BPMN 2.0 document from a path, an open file, bytes or XML text.

    A ``str`` is XML when its first non-blank character (after an optional byte order
    mark) is ``<``, and a path otherwise. The input is never modified.

    Args:
        source: a path (``str`` or ``os.PathLike``), an open binary or text file,
            ``bytes``, or a ``str`` holding XML.
        lenient: keep going on duplicate ids, dangling references and bad attribute
            values, and list them in ``Definitions.problems`` instead of raising.
        max_bytes: refuse larger inputs (:class:`~reprocess.errors.InputTooLargeError`).
        huge_tree: allow text nodes over 10 MB and nesting deeper than 256 levels
            (lxml's ``huge_tree``); only for trusted input.

    Returns:
        The model, with ``provenance`` giving the source line of every element id.

    Raises:
        BpmnSyntaxError: not well-formed XML (with line and column).
        NotBpmnError: well-formed XML that is not a BPMN 2.0 ``definitions`` document.
        InputTooLargeError: the input is larger than ``max_bytes``.
        BpmnParseError: a bad attribute value, a DOCTYPE, or an unreadable file.
        BpmnReferenceError: duplicate ids or dangling references (unless ``lenient``).
        TypeError: ``source`` is none of the kinds above (a programming error, not bad
            input).

    Examples:
        >>> defs = read_bpmn('<bpmn:definitions xmlns:bpmn='
        ...     '"http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x"/>')
        >>> defs.root_elements
        ()
        >>> read_bpmn("<process/>")
        Traceback (most recent call last):
        reprocess.errors.NotBpmnError: <string>:1: the root element is <process> in no \
namespace; a BPMN 2.0 document has <definitions> in http://www.omg.org/spec/BPMN/20100524/MODEL
    """
    if isinstance(source, str) and not _looks_like_xml(source):
        source = os.fspath(source)
        return _read_path(source, lenient=lenient, max_bytes=max_bytes, huge_tree=huge_tree)
    if isinstance(source, os.PathLike):
        return _read_path(
            os.fsdecode(source), lenient=lenient, max_bytes=max_bytes, huge_tree=huge_tree
        )
    if isinstance(source, (str, bytes, bytearray, memoryview)):
        return parse_bpmn(
            bytes(source) if not isinstance(source, (str, bytes)) else source,
            lenient=lenient,
            max_bytes=max_bytes,
            huge_tree=huge_tree,
        )
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        file_name = name if isinstance(name, str) else None
        try:
            chunk = source.read(max_bytes + 1)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise BpmnParseError(f"cannot read the file: {exc}", path=file_name) from exc
        data = _text_to_bytes(chunk) if isinstance(chunk, str) else chunk
        if len(data) > max_bytes:
            _too_large(file_name, max_bytes)
        return _read_data(bytes(data), file_name, lenient=lenient, huge_tree=huge_tree)
    raise TypeError(
        f"read_bpmn() takes a path, bytes, XML text or an open file, not {type(source).__name__}"
    )


def parse_bpmn(
    data: bytes | str,
    *,
    lenient: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    huge_tree: bool = False,
) -> Definitions:
    """Parse a BPMN 2.0 document held in memory (bytes, or XML text).

    Takes the same options and raises the same errors as :func:`read_bpmn`; messages
    name the source ``<string>``. A ``str`` may keep its XML declaration, whatever
    encoding it names.

    Examples:
        >>> parse_bpmn(b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
        ...            b' targetNamespace="x"><process id="P"/></definitions>').processes[0].id
        'P'
    """
    raw = _text_to_bytes(data) if isinstance(data, str) else data
    if len(raw) > max_bytes:
        _too_large(None, max_bytes)
    return _read_data(raw, None, lenient=lenient, huge_tree=huge_tree)


# --------------------------------------------------------------------------------------
# input handling
# --------------------------------------------------------------------------------------

_DECL = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])([^\"']*)\2")
_LEADING_DECL = re.compile(r"\s*(<\?xml\s[^>]*\?>)")


def _looks_like_xml(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] == "<"


def _text_to_bytes(text: str) -> bytes:
    """Encode XML text as UTF-8, rewriting an encoding declaration to say so.

    Text is already decoded, so its declaration's encoding no longer applies. A
    declaration after leading blanks (a triple-quoted string in code) is blanked out,
    which keeps line and column numbers.
    """
    text = text.removeprefix("\ufeff")
    lead = _LEADING_DECL.match(text)
    if lead is not None and lead.start(1) > 0:
        start, end = lead.span(1)
        return (text[:start] + " " * (end - start) + text[end:]).encode("utf-8", "replace")
    m = _DECL.match(text)
    if m is not None:
        text = f"{m.group(1)}{m.group(2)}UTF-8{m.group(2)}{text[m.end() :]}"
    return text.encode("utf-8", "replace")


def _too_large(path: str | None, max_bytes: int) -> NoReturn:
    raise InputTooLargeError(
        f"the input is larger than max_bytes={max_bytes:,} bytes; for a trusted file pass "
        "a larger max_bytes, e.g. read_bpmn(path, max_bytes=200_000_000)",
        path=path,
    )


def _read_path(path: str, *, lenient: bool, max_bytes: int, huge_tree: bool) -> Definitions:
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            _too_large(path, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BpmnParseError(f"cannot read the file: {exc.strerror or exc}", path=path) from exc
    if len(data) > max_bytes:
        _too_large(path, max_bytes)
    return _read_data(data, path, lenient=lenient, huge_tree=huge_tree)


def _read_data(data: bytes, path: str | None, *, lenient: bool, huge_tree: bool) -> Definitions:
    with paused():  # the reader allocates many objects it keeps; collecting them is waste
        try:
            _reject_doctype(data, path)
            root = _parse_xml(data, path, huge_tree)
            return _build(root, path, lenient)
        except ReprocessError:
            raise
        except RecursionError as exc:
            raise BpmnParseError("the document is nested too deeply to read", path=path) from exc
        except Exception as exc:  # any other failure still gets the library's error type
            raise BpmnParseError(
                f"cannot read this document ({type(exc).__name__}: {exc})", path=path
            ) from exc


_PROLOG_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)


def _reject_doctype(data: bytes, path: str | None) -> None:
    """Refuse a DOCTYPE before parsing (entity bombs, external entities)."""
    head = data[:4096]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and 0 in head[:4]):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        m = _PROLOG_SKIP.match(head, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    rest = head[pos:].lstrip()
    if rest[:9].upper() == b"<!DOCTYPE":
        start = len(head) - len(rest)
        _doctype_error(path, head[:start].count(b"\n") + 1)


def _doctype_error(path: str | None, line: int | None) -> NoReturn:
    raise BpmnParseError(
        "the document has a DOCTYPE declaration; BPMN files never need one and it is "
        "refused because entities can expand without bound or read local files",
        path=path,
        line=line,
    )


def _parse_xml(data: bytes, path: str | None, huge_tree: bool) -> _Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=huge_tree,
        remove_blank_text=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        msg = (exc.msg or str(exc)).strip()
        msg = re.sub(r",? line \d+, column \d+$", "", msg)
        if not data.strip():
            msg = "the document is empty"
        raise BpmnSyntaxError(
            f"not well-formed XML: {msg}", path=path, line=line or None, column=column or None
        ) from exc
    except ValueError as exc:
        raise BpmnSyntaxError(f"not well-formed XML: {exc}", path=path) from exc
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        _doctype_error(path, 1)
    return root


# --------------------------------------------------------------------------------------
# reading context (local to one read)
# --------------------------------------------------------------------------------------


class _Invalid(Exception):
    """An element the model cannot hold; the caller keeps it opaque.

    ``bad_value`` marks a malformed attribute value (an error unless lenient); otherwise
    something is missing (an id, a reference) and the element is kept opaque silently,
    with a problem recorded in lenient mode.
    """

    def __init__(self, message: str, *, bad_value: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.bad_value = bad_value


class _Ctx:
    """State of one read: the file, options, collected lines, ids and problems."""

    __slots__ = (
        "attr_uris",
        "dup_lines",
        "fragment_ns",
        "has_facts",
        "known_ids",
        "lenient",
        "lines",
        "needs_xsi",
        "ns_of_prefix",
        "path",
        "prefixes",
        "problems",
        "refs",
        "variant",
    )

    def __init__(self, path: str | None, lenient: bool, root_ns: dict[str, str]) -> None:
        self.path = path
        self.lenient = lenient
        self.problems: list[_Dict] = []
        self.lines: dict[str, int] = {}
        self.dup_lines: dict[str, list[int]] = {}
        self.known_ids: set[str] = set()
        self.ns_of_prefix = root_ns
        self.prefixes = frozenset(p for p in root_ns if p)
        self.variant = any(u in ns.BPMN_VARIANTS for u in root_ns.values())
        self.attr_uris: set[str] = set()
        self.needs_xsi = False
        self.has_facts = False
        self.refs: list[str] = []
        self.fragment_ns: set[tuple[str, str]] = set()

    def note_id(self, eid: str, line: int) -> None:
        if eid in self.lines:
            self.dup_lines.setdefault(eid, []).append(line)
        else:
            self.lines[eid] = line

    def bad_value(self, el: _Element, message: str) -> None:
        """Raise for a bad attribute value, or record it when lenient."""
        eid = el.get("id")
        if not self.lenient:
            raise BpmnParseError(message, path=self.path, line=_line(el), element_id=eid)
        self.problems.append(
            {"code": "schema", "message": message, "element_id": eid, "line": _line(el)}
        )

    def ref(self, value: str) -> str:
        """Strip a namespace prefix from a reference (``tns:Task_1`` -> ``Task_1``)."""
        value = value.strip()
        if ":" in value:
            prefix, _, local = value.partition(":")
            if prefix in self.prefixes:
                return local
        return value


def _line(el: _Element) -> int:
    """The source line of a parsed element (lxml's stubs do not type ``sourceline``)."""
    line: int = el.sourceline  # type: ignore[assignment]
    return line


def _is_element(el: _Element) -> bool:
    """Whether a child is an element (not a comment or processing instruction)."""
    return isinstance(el.tag, str)


def _items(el: _Element) -> list[tuple[str, str]]:
    """The attributes of an element, ``(clark name, value)`` in document order."""
    return el.items()  # type: ignore[return-value]


def _bool(ctx: _Ctx, value: str) -> bool:
    return parse_boolean(value)


def _ref(ctx: _Ctx, value: str) -> str:
    return ctx.ref(value) if ":" in value else value


def _cref(ctx: _Ctx, value: str) -> str:
    """A reference the integrity check follows: remember it for the fast check."""
    if ":" in value:
        value = ctx.ref(value)
    ctx.refs.append(value)
    return value


_Conv: TypeAlias = Callable[[_Ctx, str], Any] | None


# --------------------------------------------------------------------------------------
# opaque content
# --------------------------------------------------------------------------------------


def _canonical(ctx: _Ctx, el: _Element, *, collect_ids: bool) -> str:
    """Serialise ``el`` canonically: exclusive C14N, whitespace-only text removed."""
    first = True
    variant = ctx.variant
    for e in el.iter():
        tag = e.tag
        if not first:
            t = e.tail
            if t is not None and t.isspace():
                e.tail = None
        first = False
        if isinstance(tag, str):
            t = e.text
            if t is not None and t.isspace():
                e.text = None
            if variant and tag[:1] == "{":
                uri, _, local = tag[1:].partition("}")
                if uri in ns.BPMN_VARIANTS:
                    e.tag = f"{{{ns.BPMN}}}{local}"
            if collect_ids:
                eid = e.get("id")
                if eid is not None:
                    ctx.known_ids.add(eid)
    try:
        out = etree.tostring(el, method="c14n", exclusive=True, with_comments=True)
    except etree.C14NError:
        # libxml2 refuses C14N when a namespace URI in scope is relative ("xsi", "www.x");
        # a copy declares only the namespaces it uses, and C14N 2.0 accepts the rest.
        dup = copy.deepcopy(el)
        try:
            out = etree.tostring(dup, method="c14n", exclusive=True, with_comments=True)
        except etree.C14NError:
            out = etree.tostring(dup, method="c14n2", with_comments=True)
    return out.decode("utf-8")


def _mapped_tag(tag: str) -> str:
    if tag[:1] == "{":
        uri, _, local = tag[1:].partition("}")
        if uri in ns.BPMN_VARIANTS:
            return f"{{{ns.BPMN}}}{local}"
    return tag


def _opaque(ctx: _Ctx, el: _Element, *, collect_ids: bool = True) -> _Dict:
    tag = el.tag
    assert isinstance(tag, str)
    d: _Dict = {"type": "opaque", "tag": _mapped_tag(tag)}
    eid = el.get("id")
    if eid is not None:
        d["id"] = eid
        if collect_ids:
            ctx.note_id(eid, _line(el))
    xml = d["xml"] = _canonical(ctx, el, collect_ids=collect_ids)
    if "xmlns:" in xml:
        ctx.fragment_ns.update(ns.declarations_in(xml))
    return d


def _invalid(ctx: _Ctx, el: _Element, exc: _Invalid) -> _Dict:
    """Keep an element the model cannot hold as opaque (raise for a bad value when strict)."""
    if exc.bad_value:
        ctx.bad_value(el, exc.message)
    elif ctx.lenient:
        ctx.problems.append(
            {
                "code": "schema",
                "message": f"{exc.message}; kept as unread content",
                "element_id": el.get("id"),
                "line": _line(el),
            }
        )
    return _opaque(ctx, el)


# --------------------------------------------------------------------------------------
# element specifications
# --------------------------------------------------------------------------------------

_ChildFn: TypeAlias = Callable[[_Ctx, _Element, _Dict], None]
_FACT_FIELDS = {"step": "facts", "document": "document", "service": "service"}
"""The model field that holds each group of ``rp:`` facts."""


@dataclass(slots=True)
class _Spec:
    """How to read one kind of element."""

    local: str
    type: str | None
    attrs: dict[str, tuple[str, _Conv]]
    children: dict[str, _ChildFn]
    facts: tuple[FactGroup, ...] = ()
    required: tuple[str, ...] = ()
    #: where unknown BPMN children go: "children" or a container list ("flow_elements")
    unknown_bpmn: str = "children"
    #: the local names that are recognised BPMN children kept opaque in ``children``
    known_opaque: frozenset[str] = frozenset()
    #: child tags that are derived data and not stored (``incoming``/``outgoing``)
    skip: frozenset[str] = frozenset()
    #: for processes and sub-processes: flow element tag -> spec
    flow: dict[str, _Spec] | None = None
    #: simple ``rp:`` attributes: clark name -> (dict key, field, parse)
    rp_fast: dict[str, tuple[str, str, Callable[[str], Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for attribute in RP_ATTRIBUTES:
            if attribute.group in self.facts and attribute.name not in ("duration", "workingDays"):
                key = "role" if attribute.group == "role" else _FACT_FIELDS[attribute.group]
                self.rp_fast.setdefault(
                    _RP_BRACE + attribute.name, (key, attribute.model_field, attribute.parse)
                )


def _tags(*locals_: str) -> list[str]:
    out: list[str] = []
    for local in locals_:
        out.extend(ns.bpmn_tags(local))
    return out


def _on(locals_: tuple[str, ...] | list[str], fn: _ChildFn) -> dict[str, _ChildFn]:
    return dict.fromkeys(_tags(*locals_), fn)


def _read(ctx: _Ctx, el: _Element, spec: _Spec) -> _Dict:
    """Read one element by its spec into a dict for ``model_validate``."""
    d: _Dict = {} if spec.type is None else {"type": spec.type}
    spec_attrs = spec.attrs
    kept: list[tuple[str, str]] | None = None
    rp_items: list[tuple[str, str]] | None = None
    attr_items: list[tuple[str, str]] = el.items()  # type: ignore[assignment]
    for k, v in attr_items:
        a = spec_attrs.get(k)
        if a is not None:
            conv = a[1]
            if conv is None:
                d[a[0]] = v
            else:
                try:
                    d[a[0]] = conv(ctx, v)
                except ValueError as exc:
                    ctx.bad_value(el, f"bad {k} on <{spec.local}>: {exc}")
                    if kept is None:
                        kept = []
                    kept.append((k, v))
        elif k[0] == "{" and k[:_RP_LEN] == _RP_BRACE and spec.facts:
            fast = spec.rp_fast.get(k)
            if fast is not None:
                try:
                    value = fast[2](v)
                except ValueError:
                    fast = None
                else:
                    key = fast[0]
                    if key == "role":
                        d["role"] = value
                    else:
                        group = d.get(key)
                        if group is None:
                            group = d[key] = {}
                        group[fast[1]] = value
                    ctx.has_facts = True
            if fast is None:
                if rp_items is None:
                    rp_items = []
                rp_items.append((k[_RP_LEN:], v))
        else:
            if kept is None:
                kept = []
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    if rp_items is not None:
        kept = _read_facts(ctx, el, spec, d, rp_items, kept)
    if kept is not None:
        d["attrs"] = kept
    eid = d.get("id")
    if eid is not None:
        lines = ctx.lines
        if eid in lines:
            ctx.dup_lines.setdefault(eid, []).append(el.sourceline)  # type: ignore[arg-type]
        else:
            lines[eid] = el.sourceline  # type: ignore[assignment]
    for required in spec.required:
        if required not in d:
            raise _Invalid(f"<{spec.local}> has no {_REQUIRED_NAMES.get(required, required)}")
    if len(el):
        children = spec.children
        skip = spec.skip
        flow = spec.flow
        elements: list[_Dict] | None = None
        for c in el:
            tag = c.tag
            if flow is not None:
                fspec = flow.get(tag)
                if fspec is not None:
                    try:
                        item = _read(ctx, c, fspec)
                    except _Invalid as exc:
                        item = _invalid(ctx, c, exc)
                    if elements is None:
                        elements = d.setdefault("flow_elements", [])
                    elements.append(item)
                    continue
            if tag in skip:
                continue
            fn = children.get(tag)
            if fn is not None:
                fn(ctx, c, d)
            elif isinstance(tag, str):
                _unknown_child(ctx, c, d, spec)
    return d


_REQUIRED_NAMES = {
    "id": "id",
    "source": "sourceRef",
    "target": "targetRef",
    "attached_to": "attachedToRef",
}


def _unknown_child(ctx: _Ctx, c: _Element, d: _Dict, spec: _Spec) -> None:
    """Keep a child the spec does not read, opaque, where the writer puts it back.

    In a process or sub-process, unknown elements (a BPMN element of a later version,
    vendor content outside ``extensionElements``) stay among the flow elements, in
    document order; recognised BPMN children the model does not interpret
    (``ioSpecification``, ``property`` ...) go to ``children``.
    """
    tag = c.tag
    assert isinstance(tag, str)
    where = "children"
    if spec.unknown_bpmn != "children":
        uri, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
        if not (uri in ns.BPMN_NAMESPACES and local in spec.known_opaque):
            where = spec.unknown_bpmn
    d.setdefault(where, []).append(_opaque(ctx, c))


def _read_facts(
    ctx: _Ctx,
    el: _Element,
    spec: _Spec,
    d: _Dict,
    items: list[tuple[str, str]],
    kept: list[tuple[str, str]] | None,
) -> list[tuple[str, str]] | None:
    parsed = parse_rp_attributes(items, spec.facts)
    for name, text in parsed.kept:
        if kept is None:
            kept = []
        kept.append((_RP_BRACE + name, text))
        ctx.attr_uris.add(ns.RP)
    for name, text, message in parsed.errors:
        ctx.bad_value(el, f"{message} on <{spec.local}>")
        if kept is None:
            kept = []
        kept.append((_RP_BRACE + name, text))
        ctx.attr_uris.add(ns.RP)
    for group, values in parsed.values.items():
        ctx.has_facts = True
        if group == "role":
            d["role"] = values["role"]
        else:
            d.setdefault(_FACT_FIELDS[group], {}).update(values)
    return kept


# -- shared child handlers ----------------------------------------------------------------


def _c_documentation(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    doc: _Dict = {}
    for k, v in c.items():
        if k == "textFormat":
            doc["text_format"] = v
        elif k == "id":
            doc["id"] = v
        else:
            d.setdefault("children", []).append(_opaque(ctx, c))
            return
    if len(c):
        d.setdefault("children", []).append(_opaque(ctx, c))
        return
    doc["text"] = c.text or ""
    d.setdefault("documentation", []).append(doc)


def _c_extension_elements(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    if len(c.attrib):
        d.setdefault("children", []).append(_opaque(ctx, c))
        return
    exts = d.setdefault("extensions", [])
    for x in c.iterchildren(_ELEMENT_TAG):
        exts.append(_opaque(ctx, x, collect_ids=False))


_BASE_CHILDREN: dict[str, _ChildFn] = {
    **_on(("documentation",), _c_documentation),
    **_on(("extensionElements",), _c_extension_elements),
}


def _expression(ctx: _Ctx, c: _Element) -> _Dict:
    """Read a ``tExpression``/``tFormalExpression`` element."""
    if len(c):
        raise _Invalid("expression with child elements")
    e: _Dict = {"text": c.text or "", "formal": False}
    kept: list[tuple[str, str]] | None = None
    for k, v in _items(c):
        if k == "language":
            e["language"] = v
        elif k == _XSI_TYPE and _is_bpmn_type(ctx, c, v, "tFormalExpression"):
            e["formal"] = True
            ctx.needs_xsi = True
        elif k == _XSI_TYPE and _is_bpmn_type(ctx, c, v, "tExpression"):
            continue
        else:
            if kept is None:
                kept = []
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    if kept is not None:
        e["attrs"] = kept
    return e


def _resolve_qname(ctx: _Ctx, el: _Element, value: str) -> tuple[str | None, str]:
    value = value.strip()
    prefix, sep, local = value.partition(":")
    if not sep:
        prefix, local = "", value
    uri = ctx.ns_of_prefix.get(prefix)
    if uri is None or uri != el.nsmap.get(prefix or None):
        uri = el.nsmap.get(prefix or None)
    return uri, local


def _is_bpmn_type(ctx: _Ctx, el: _Element, value: str, local: str) -> bool:
    uri, name = _resolve_qname(ctx, el, value)
    return name == local and uri is not None and uri in ns.BPMN_NAMESPACES


def _single(field: str, reader: Callable[[_Ctx, _Element], _Dict]) -> _ChildFn:
    """A child that fills one field; a repeat or an unreadable one is kept opaque."""

    def fn(ctx: _Ctx, c: _Element, d: _Dict) -> None:
        if field in d:
            d.setdefault("children", []).append(_opaque(ctx, c))
            return
        try:
            d[field] = reader(ctx, c)
        except _Invalid:
            d.setdefault("children", []).append(_opaque(ctx, c))

    return fn


def _text_refs(field: str, *, single: bool = False) -> _ChildFn:
    """``flowNodeRef``/``sourceRef``/``targetRef`` children holding an id as text."""

    def fn(ctx: _Ctx, c: _Element, d: _Dict) -> None:
        if len(c) or len(c.attrib) or (single and field in d):
            d.setdefault("children", []).append(_opaque(ctx, c))
            return
        value = ctx.ref(c.text or "")
        ctx.refs.append(value)
        if single:
            d[field] = value
        else:
            d.setdefault(field, []).append(value)

    return fn


# -- data associations and event definitions ----------------------------------------------

_ASSOC_SPEC = _Spec(
    "dataAssociation",
    None,
    {"id": ("id", None)},
    {
        **_BASE_CHILDREN,
        **_on(("sourceRef",), _text_refs("sources")),
        **_on(("targetRef",), _text_refs("target", single=True)),
    },
)


def _assoc(field: str) -> _ChildFn:
    def fn(ctx: _Ctx, c: _Element, d: _Dict) -> None:
        d.setdefault(field, []).append(_read(ctx, c, _ASSOC_SPEC))

    return fn


_EVENT_KINDS: dict[str, tuple[str, str | None]] = {
    "timerEventDefinition": ("timer", None),
    "messageEventDefinition": ("message", "messageRef"),
    "signalEventDefinition": ("signal", "signalRef"),
    "errorEventDefinition": ("error", "errorRef"),
    "escalationEventDefinition": ("escalation", "escalationRef"),
    "compensateEventDefinition": ("compensate", "activityRef"),
    "conditionalEventDefinition": ("conditional", None),
    "linkEventDefinition": ("link", None),
    "terminateEventDefinition": ("terminate", None),
    "cancelEventDefinition": ("cancel", None),
}


def _c_timer(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    if "timer" in d:
        d.setdefault("children", []).append(_opaque(ctx, c))
        return
    try:
        d["timer"] = _expression(ctx, c)
    except _Invalid:
        d.setdefault("children", []).append(_opaque(ctx, c))
        return
    tag = c.tag
    assert isinstance(tag, str)
    d["timer_kind"] = ns.local_name(tag)


def _event_spec(local: str, kind: str, ref_attr: str | None) -> _Spec:
    attrs: dict[str, tuple[str, _Conv]] = {"id": ("id", None)}
    if ref_attr:
        attrs[ref_attr] = ("ref", _ref)
    children = dict(_BASE_CHILDREN)
    if kind == "timer":
        children.update(_on(("timeDate", "timeDuration", "timeCycle"), _c_timer))
    elif kind == "conditional":
        children.update(_on(("condition",), _single("condition", _expression)))
    return _Spec(local, None, attrs, children)


_EVENT_SPECS = {local: _event_spec(local, kind, ref) for local, (kind, ref) in _EVENT_KINDS.items()}


def _c_event_definition(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    tag = c.tag
    assert isinstance(tag, str)
    local = ns.local_name(tag)
    ed = _read(ctx, c, _EVENT_SPECS[local])
    ed["kind"] = _EVENT_KINDS[local][0]
    d.setdefault("event_definitions", []).append(ed)


# -- flow elements --------------------------------------------------------------------------

_FLOW_NODE_CHILDREN: dict[str, _ChildFn] = dict(_BASE_CHILDREN)
_SKIP: Final = frozenset(_tags("incoming", "outgoing"))
"""``incoming``/``outgoing`` of flow nodes: derived from the sequence flows, not stored."""

_TASKS = (
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "scriptTask",
    "businessRuleTask",
)
_SUB_PROCESSES = ("subProcess", "adHocSubProcess", "transaction")
_EVENTS = (
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
)
_GATEWAYS = (
    "exclusiveGateway",
    "inclusiveGateway",
    "complexGateway",
    "parallelGateway",
    "eventBasedGateway",
)
_FLOW_NODE_TYPES: Final = frozenset(
    (*_TASKS, "callActivity", *_SUB_PROCESSES, *_EVENTS, *_GATEWAYS)
)
_ARTIFACTS = ("textAnnotation", "association", "group")

_NODE_ATTRS: dict[str, tuple[str, _Conv]] = {"id": ("id", None), "name": ("name", None)}
_ACTIVITY_ATTRS = {**_NODE_ATTRS, "default": ("default", _cref)}

_ACTIVITY_CHILDREN: dict[str, _ChildFn] = {
    **_FLOW_NODE_CHILDREN,
    **_on(("dataInputAssociation",), _assoc("data_inputs")),
    **_on(("dataOutputAssociation",), _assoc("data_outputs")),
}

_CATCH_CHILDREN = {
    **_FLOW_NODE_CHILDREN,
    **_on(("dataOutputAssociation",), _assoc("data_outputs")),
    **_on(tuple(_EVENT_KINDS), _c_event_definition),
}
_THROW_CHILDREN = {
    **_FLOW_NODE_CHILDREN,
    **_on(("dataInputAssociation",), _assoc("data_inputs")),
    **_on(tuple(_EVENT_KINDS), _c_event_definition),
}


def _seq_flow_condition(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    _single("condition", _expression)(ctx, c, d)


_SPECS: dict[str, _Spec] = {}


def _node_spec(
    local: str,
    attrs: dict[str, tuple[str, _Conv]],
    children: dict[str, _ChildFn],
    required: tuple[str, ...] = ("id",),
    **more: Any,
) -> _Spec:
    return _Spec(local, local, attrs, children, ("step",), required, skip=_SKIP, **more)


for _t in _TASKS:
    _SPECS[_t] = _node_spec(_t, _ACTIVITY_ATTRS, _ACTIVITY_CHILDREN)
_SPECS["callActivity"] = _node_spec(
    "callActivity",
    {**_ACTIVITY_ATTRS, "calledElement": ("called_element", _ref)},
    _ACTIVITY_CHILDREN,
)
_SPECS["startEvent"] = _node_spec(
    "startEvent", {**_NODE_ATTRS, "isInterrupting": ("is_interrupting", _bool)}, _CATCH_CHILDREN
)
_SPECS["intermediateCatchEvent"] = _node_spec(
    "intermediateCatchEvent", _NODE_ATTRS, _CATCH_CHILDREN
)
_SPECS["boundaryEvent"] = _node_spec(
    "boundaryEvent",
    {
        **_NODE_ATTRS,
        "attachedToRef": ("attached_to", _cref),
        "cancelActivity": ("cancel_activity", _bool),
    },
    _CATCH_CHILDREN,
    ("id", "attached_to"),
)
_SPECS["endEvent"] = _node_spec("endEvent", _NODE_ATTRS, _THROW_CHILDREN)
_SPECS["intermediateThrowEvent"] = _node_spec(
    "intermediateThrowEvent", _NODE_ATTRS, _THROW_CHILDREN
)
for _t in ("exclusiveGateway", "inclusiveGateway", "complexGateway"):
    _SPECS[_t] = _node_spec(_t, {**_NODE_ATTRS, "default": ("default", _cref)}, _FLOW_NODE_CHILDREN)
for _t in ("parallelGateway", "eventBasedGateway"):
    _SPECS[_t] = _node_spec(_t, _NODE_ATTRS, _FLOW_NODE_CHILDREN)

_SPECS["sequenceFlow"] = _Spec(
    "sequenceFlow",
    "sequenceFlow",
    {
        "id": ("id", None),
        "name": ("name", None),
        "sourceRef": ("source", _cref),
        "targetRef": ("target", _cref),
    },
    {**_BASE_CHILDREN, **_on(("conditionExpression",), _seq_flow_condition)},
    (),
    ("id", "source", "target"),
)
_SPECS["dataObject"] = _Spec(
    "dataObject",
    "dataObject",
    {"id": ("id", None), "name": ("name", None), "isCollection": ("is_collection", _bool)},
    _BASE_CHILDREN,
    ("document",),
    ("id",),
)
_SPECS["dataObjectReference"] = _Spec(
    "dataObjectReference",
    "dataObjectReference",
    {"id": ("id", None), "name": ("name", None), "dataObjectRef": ("data_object", _cref)},
    _BASE_CHILDREN,
    ("document",),
    ("id",),
)
_SPECS["dataStoreReference"] = _Spec(
    "dataStoreReference",
    "dataStoreReference",
    {"id": ("id", None), "name": ("name", None), "dataStoreRef": ("data_store", _cref)},
    _BASE_CHILDREN,
    ("document",),
    ("id",),
)


def _c_annotation_text(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    if "text" in d or len(c) or len(c.attrib):
        d.setdefault("children", []).append(_opaque(ctx, c))
        return
    d["text"] = c.text or ""


_SPECS["textAnnotation"] = _Spec(
    "textAnnotation",
    "textAnnotation",
    {"id": ("id", None), "textFormat": ("text_format", None)},
    {**_BASE_CHILDREN, **_on(("text",), _c_annotation_text)},
    (),
    ("id",),
)
_SPECS["association"] = _Spec(
    "association",
    "association",
    {
        "id": ("id", None),
        "sourceRef": ("source", _cref),
        "targetRef": ("target", _cref),
        "associationDirection": ("direction", None),
    },
    _BASE_CHILDREN,
    (),
    ("id", "source", "target"),
)
_SPECS["group"] = _Spec(
    "group",
    "group",
    {"id": ("id", None), "categoryValueRef": ("category_value", _ref)},
    _BASE_CHILDREN,
    (),
    ("id",),
)


def _c_flow_element(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    tag = c.tag
    assert isinstance(tag, str)
    spec = _SPECS[tag.rpartition("}")[2]]
    try:
        item = _read(ctx, c, spec)
    except _Invalid as exc:
        item = _invalid(ctx, c, exc)
    d.setdefault("flow_elements", []).append(item)


def _c_artifact(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    tag = c.tag
    assert isinstance(tag, str)
    spec = _SPECS[tag.rpartition("}")[2]]
    try:
        item = _read(ctx, c, spec)
    except _Invalid as exc:
        item = _invalid(ctx, c, exc)
    d.setdefault("artifacts", []).append(item)


# -- lanes ------------------------------------------------------------------------------------


def _c_lane_set(field: str, *, single: bool = False) -> _ChildFn:
    def fn(ctx: _Ctx, c: _Element, d: _Dict) -> None:
        if single and field in d:
            d.setdefault("children", []).append(_opaque(ctx, c))
            return
        item = _read(ctx, c, _LANE_SET_SPEC)
        if single:
            d[field] = item
        else:
            d.setdefault(field, []).append(item)

    return fn


def _c_lane(ctx: _Ctx, c: _Element, d: _Dict) -> None:
    try:
        d.setdefault("lanes", []).append(_read(ctx, c, _LANE_SPEC))
    except _Invalid as exc:
        d.setdefault("children", []).append(_invalid(ctx, c, exc))


_LANE_SPEC = _Spec(
    "lane",
    None,
    {"id": ("id", None), "name": ("name", None)},
    {},
    ("role",),
    ("id",),
)
_LANE_SET_SPEC = _Spec(
    "laneSet",
    None,
    {"id": ("id", None), "name": ("name", None)},
    {**_BASE_CHILDREN, **_on(("lane",), _c_lane)},
)
_LANE_SPEC.children.update(
    {
        **_BASE_CHILDREN,
        **_on(("flowNodeRef",), _text_refs("flow_node_refs")),
        **_on(("childLaneSet",), _c_lane_set("child_lane_set", single=True)),
    }
)

# -- containers -----------------------------------------------------------------------------

_CONTAINER_CHILDREN: dict[str, _ChildFn] = {
    **_on(
        tuple(
            t
            for t in (
                *_FLOW_NODE_TYPES,
                "sequenceFlow",
                "dataObject",
                "dataObjectReference",
                "dataStoreReference",
            )
            if t not in _SUB_PROCESSES
        ),
        _c_flow_element,
    ),
    **_on(_ARTIFACTS, _c_artifact),
    **_on(("laneSet",), _c_lane_set("lane_sets")),
}

_ACTIVITY_OPAQUE = frozenset(
    (
        "auditing", "monitoring", "categoryValueRef", "ioSpecification", "property",
        "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "loopCharacteristics", "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics", "rendering", "script", "completionCondition",
    )
)  # fmt: skip
_PROCESS_OPAQUE = frozenset(
    (
        "supportedInterfaceRef", "ioSpecification", "ioBinding", "auditing", "monitoring",
        "property", "resourceRole", "performer", "humanPerformer", "potentialOwner",
        "correlationSubscription", "supports",
    )
)  # fmt: skip

for _t in _SUB_PROCESSES:
    _SPECS[_t] = _node_spec(
        _t,
        {**_ACTIVITY_ATTRS, "triggeredByEvent": ("triggered_by_event", _bool)},
        {**_ACTIVITY_CHILDREN, **_CONTAINER_CHILDREN},
        unknown_bpmn="flow_elements",
        known_opaque=_ACTIVITY_OPAQUE,
    )
# sub-processes nest: their flow elements use the same table
_CONTAINER_CHILDREN.update(_on(_SUB_PROCESSES, _c_flow_element))
for _t in _SUB_PROCESSES:
    _SPECS[_t].children.update(_on(_SUB_PROCESSES, _c_flow_element))
_FLOW_SPECS: dict[str, _Spec] = {
    tag: _SPECS[local]
    for local in (
        *_FLOW_NODE_TYPES,
        "sequenceFlow",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
    )
    for tag in ns.bpmn_tags(local)
}
for _t in _SUB_PROCESSES:
    _SPECS[_t].flow = _FLOW_SPECS

_PROCESS_SPEC = _Spec(
    "process",
    "process",
    {"id": ("id", None), "name": ("name", None), "isExecutable": ("is_executable", _bool)},
    {**_BASE_CHILDREN, **_CONTAINER_CHILDREN},
    ("service",),
    ("id",),
    unknown_bpmn="flow_elements",
    known_opaque=_PROCESS_OPAQUE,
    flow=_FLOW_SPECS,
)

# -- collaboration and other root elements ------------------------------------------------------

_PARTICIPANT_SPEC = _Spec(
    "participant",
    None,
    {"id": ("id", None), "name": ("name", None), "processRef": ("process_ref", _cref)},
    _BASE_CHILDREN,
    ("service", "role"),
    ("id",),
)
_MESSAGE_FLOW_SPEC = _Spec(
    "messageFlow",
    None,
    {
        "id": ("id", None),
        "name": ("name", None),
        "sourceRef": ("source", _cref),
        "targetRef": ("target", _cref),
        "messageRef": ("message_ref", _ref),
    },
    _BASE_CHILDREN,
    (),
    ("id", "source", "target"),
)


def _c_into(field: str, spec: _Spec) -> _ChildFn:
    def fn(ctx: _Ctx, c: _Element, d: _Dict) -> None:
        try:
            d.setdefault(field, []).append(_read(ctx, c, spec))
        except _Invalid as exc:
            d.setdefault("children", []).append(_invalid(ctx, c, exc))

    return fn


_COLLABORATION_SPEC = _Spec(
    "collaboration",
    "collaboration",
    {"id": ("id", None), "name": ("name", None)},
    {
        **_BASE_CHILDREN,
        **_on(("participant",), _c_into("participants", _PARTICIPANT_SPEC)),
        **_on(("messageFlow",), _c_into("message_flows", _MESSAGE_FLOW_SPEC)),
        **_on(_ARTIFACTS, _c_artifact),
    },
    (),
    ("id",),
)
_DATA_STORE_SPEC = _Spec(
    "dataStore",
    "dataStore",
    {"id": ("id", None), "name": ("name", None)},
    _BASE_CHILDREN,
    ("document",),
    ("id",),
)
_MESSAGE_SPEC = _Spec(
    "message",
    "message",
    {"id": ("id", None), "name": ("name", None), "itemRef": ("item_ref", _ref)},
    _BASE_CHILDREN,
    (),
    ("id",),
)
_ROOT_SPECS: dict[str, _Spec] = {}
for _spec in (_PROCESS_SPEC, _COLLABORATION_SPEC, _DATA_STORE_SPEC, _MESSAGE_SPEC):
    for _tag in ns.bpmn_tags(_spec.local):
        _ROOT_SPECS[_tag] = _spec

# -- diagram interchange ----------------------------------------------------------------------

_BOUNDS = ns.dc("Bounds")
_WAYPOINT = ns.di("waypoint")
_LABEL = ns.bpmndi("BPMNLabel")
_SHAPE = ns.bpmndi("BPMNShape")
_EDGE = ns.bpmndi("BPMNEdge")
_PLANE = ns.bpmndi("BPMNPlane")
_DIAGRAM = ns.bpmndi("BPMNDiagram")


def _bounds(ctx: _Ctx, el: _Element, owner: _Element) -> _Dict | None:
    """Read ``dc:Bounds``; ``None`` when it carries more than the four numbers."""
    x = el.get("x")
    y = el.get("y")
    w = el.get("width")
    h = el.get("height")
    if x is None or y is None or w is None or h is None:
        missing = [k for k in ("x", "y", "width", "height") if el.get(k) is None]
        raise _Invalid(f"<dc:Bounds> of {_describe(owner)} has no {', '.join(missing)}")
    if len(el) or len(el.attrib) != 4:
        return None
    try:
        return {"x": float(x), "y": float(y), "width": float(w), "height": float(h)}
    except ValueError as exc:
        raise _Invalid(
            f"non-numeric <dc:Bounds> of {_describe(owner)}: {exc}", bad_value=True
        ) from None


def _describe(el: _Element) -> str:
    tag = el.tag
    assert isinstance(tag, str)
    eid = el.get("id")
    return f"<{ns.local_name(tag)}>" + (f" '{eid}'" if eid else "")


class _Fallback(Exception):
    """A DI element holds more than the model can; keep it opaque, silently."""


def _kept_attrs(ctx: _Ctx, el: _Element, modelled: frozenset[str]) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for k, v in _items(el):
        if k not in modelled:
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    return kept


_LABEL_ATTRS = frozenset(("labelStyle",))


def _label(ctx: _Ctx, el: _Element, owner: _Element) -> _Dict:
    lab: _Dict = {}
    n = 0
    v = el.get("labelStyle")
    if v is not None:
        lab["label_style"] = ctx.ref(v)
        n = 1
    if len(el.attrib) != n:
        lab["attrs"] = _kept_attrs(ctx, el, _LABEL_ATTRS)
    if len(el):
        for c in el:
            if c.tag == _BOUNDS and "bounds" not in lab:
                b = _bounds(ctx, c, el)
                if b is None:
                    raise _Fallback
                lab["bounds"] = b
            elif isinstance(c.tag, str):
                raise _Fallback
    return lab


_SHAPE_BOOLS = {
    "isHorizontal": "is_horizontal",
    "isExpanded": "is_expanded",
    "isMarkerVisible": "is_marker_visible",
}
_SHAPE_ATTRS = frozenset(("id", "bpmnElement", *_SHAPE_BOOLS))
_EDGE_ATTRS = frozenset(("id", "bpmnElement", "sourceElement", "targetElement"))


def _shape(ctx: _Ctx, el: _Element) -> _Dict:
    d: _Dict = {"type": "shape"}
    n = 0
    v = el.get("id")
    if v is not None:
        d["id"] = v
        n = 1
    v = el.get("bpmnElement")
    if v is not None:
        if ":" in v:
            v = ctx.ref(v)
        ctx.refs.append(v)
        d["element"] = v
        n += 1
    if len(el.attrib) != n:
        for k, field in _SHAPE_BOOLS.items():
            v = el.get(k)
            if v is not None:
                n += 1
                try:
                    d[field] = parse_boolean(v)
                except ValueError as exc:
                    raise _Invalid(f"bad {k} on {_describe(el)}: {exc}", bad_value=True) from None
        if len(el.attrib) != n:
            d["attrs"] = _kept_attrs(ctx, el, _SHAPE_ATTRS)
    for c in el:
        tag = c.tag
        if tag == _BOUNDS and "bounds" not in d:
            a = c.attrib
            try:
                if len(a) != 4 or len(c):
                    raise KeyError
                d["bounds"] = {
                    "x": float(a["x"]),
                    "y": float(a["y"]),
                    "width": float(a["width"]),
                    "height": float(a["height"]),
                }
            except (KeyError, ValueError):
                b = _bounds(ctx, c, el)  # says what is wrong, or asks for a fallback
                if b is None:
                    raise _Fallback from None
                d["bounds"] = b
        elif tag == _LABEL and "label" not in d:
            try:
                d["label"] = _label(ctx, c, el)
            except _Fallback:
                d.setdefault("children", []).append(_opaque(ctx, c))
        elif isinstance(tag, str):
            d.setdefault("children", []).append(_opaque(ctx, c))
    if "bounds" not in d:
        raise _Invalid(f"{_describe(el)} has no <dc:Bounds>")
    return d


def _is_dc_point(ctx: _Ctx, el: _Element, value: str) -> bool:
    uri, local = _resolve_qname(ctx, el, value)
    return uri == ns.DC and local == "Point"


def _edge(ctx: _Ctx, el: _Element) -> _Dict:
    d: _Dict = {"type": "edge"}
    n = 0
    v = el.get("id")
    if v is not None:
        d["id"] = v
        n += 1
    v = el.get("bpmnElement")
    if v is not None:
        if ":" in v:
            v = ctx.ref(v)
        ctx.refs.append(v)
        d["element"] = v
        n += 1
    if len(el.attrib) != n:
        v = el.get("sourceElement")
        if v is not None:
            d["source_element"] = ctx.ref(v)
            n += 1
        v = el.get("targetElement")
        if v is not None:
            d["target_element"] = ctx.ref(v)
            n += 1
        if len(el.attrib) != n:
            d["attrs"] = _kept_attrs(ctx, el, _EDGE_ATTRS)
    points: list[tuple[float, float]] = []
    for c in el:
        tag = c.tag
        if tag == _WAYPOINT:
            a = c.attrib
            if len(a) == 2 and not len(c):
                try:
                    points.append((float(a["x"]), float(a["y"])))
                    continue
                except (KeyError, ValueError):
                    pass  # the slow path below says what is wrong
            x = c.get("x")
            y = c.get("y")
            if x is None or y is None:
                raise _Invalid(f"a waypoint of {_describe(el)} has no x or y")
            if (len(c.attrib) != 2 or len(c)) and (
                len(c)
                or any(
                    k not in ("x", "y") and not (k == _XSI_TYPE and _is_dc_point(ctx, c, v))
                    for k, v in _items(c)
                )
            ):
                raise _Fallback
            try:
                points.append((float(x), float(y)))
            except ValueError as exc:
                raise _Invalid(
                    f"non-numeric waypoint of {_describe(el)}: {exc}", bad_value=True
                ) from None
        elif tag == _LABEL and "label" not in d:
            try:
                d["label"] = _label(ctx, c, el)
            except _Fallback:
                d.setdefault("children", []).append(_opaque(ctx, c))
        elif isinstance(tag, str):
            d.setdefault("children", []).append(_opaque(ctx, c))
    if points:
        d["waypoints"] = points
    return d


def _plane(ctx: _Ctx, el: _Element) -> _Dict:
    d: _Dict = {}
    kept: list[tuple[str, str]] | None = None
    for k, v in _items(el):
        if k == "id":
            d["id"] = v
        elif k == "bpmnElement":
            d["element"] = _cref(ctx, v)
        else:
            if kept is None:
                kept = []
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    if kept is not None:
        d["attrs"] = kept
    if "id" in d:
        ctx.note_id(d["id"], _line(el))
    items: list[_Dict] = []
    lines = ctx.lines
    for c in el:
        tag = c.tag
        try:
            if tag == _SHAPE:
                item = _shape(ctx, c)
            elif tag == _EDGE:
                item = _edge(ctx, c)
            else:
                if _is_element(c):
                    items.append(_opaque(ctx, c))
                continue
        except _Fallback:
            item = _opaque(ctx, c)
        except _Invalid as exc:
            item = _invalid(ctx, c, exc)
        else:
            eid = item.get("id")
            if eid is not None:
                if eid in lines:
                    ctx.dup_lines.setdefault(eid, []).append(c.sourceline)  # type: ignore[arg-type]
                else:
                    lines[eid] = c.sourceline  # type: ignore[assignment]
        items.append(item)
    if items:
        d["items"] = items
    return d


def _diagram(ctx: _Ctx, el: _Element) -> _Dict:
    d: _Dict = {}
    kept: list[tuple[str, str]] | None = None
    for k, v in _items(el):
        if k == "id":
            d["id"] = v
        elif k == "name":
            d["name"] = v
        else:
            if kept is None:
                kept = []
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    if kept is not None:
        d["attrs"] = kept
    if "id" in d:
        ctx.note_id(d["id"], _line(el))
    for c in el.iterchildren(_ELEMENT_TAG):
        if c.tag == _PLANE and "plane" not in d:
            d["plane"] = _plane(ctx, c)
        else:
            d.setdefault("label_styles", []).append(_opaque(ctx, c, collect_ids=False))
    return d


# --------------------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------------------

_DEFINITIONS_ATTRS = {
    "id": "id",
    "name": "name",
    "targetNamespace": "target_namespace",
    "exporter": "exporter",
    "exporterVersion": "exporter_version",
}
_DEFINITIONS_CHILDREN = frozenset(
    ns.bpmn_tags("import") + ns.bpmn_tags("extension") + ns.bpmn_tags("relationship")
)
_DEFINITIONS_DOC = frozenset(ns.bpmn_tags("documentation"))
_DEFINITIONS_EXT = frozenset(ns.bpmn_tags("extensionElements"))


def _check_root(root: _Element, path: str | None) -> None:
    tag = root.tag
    if not isinstance(tag, str):  # pragma: no cover - lxml roots are elements
        raise NotBpmnError("the document has no root element", path=path, line=1)
    uri, local = ns.namespace_of(tag), ns.local_name(tag)
    if uri in ns.BPMN_NAMESPACES and local == "definitions":
        return
    if uri in ns.BPMN_NAMESPACES:
        what = (
            f"the root element is <{local}>, a BPMN fragment; a BPMN 2.0 document has "
            "<definitions> as its root"
        )
    elif not uri:
        hint = (
            " (engines such as Activiti and Flowable accept this, but it is not BPMN 2.0: "
            f'declare xmlns="{ns.BPMN}")'
            if local == "definitions"
            else ""
        )
        what = (
            f"the root element is <{local}> in no namespace; a BPMN 2.0 document has "
            f"<definitions> in {ns.BPMN}{hint}"
        )
    else:
        kind = ""
        if "wfmc.org" in uri or "XPDL" in uri.upper():
            kind = " (an XPDL process definition, not BPMN 2.0)"
        what = (
            f"the root element is <{local}> in namespace {uri}{kind}; a BPMN 2.0 document "
            f"has <definitions> in {ns.BPMN}"
        )
    raise NotBpmnError(what, path=path, line=_line(root))


def _build(root: _Element, path: str | None, lenient: bool) -> Definitions:
    _check_root(root, path)
    root_ns: dict[str, str] = {}
    decls: list[tuple[str, str]] = []
    has_std = any(u == ns.BPMN for u in root.nsmap.values())
    for prefix, uri in root.nsmap.items():
        p = prefix or ""
        if uri in ns.BPMN_VARIANTS:
            root_ns[p] = uri
            if has_std:
                continue
            uri = ns.BPMN
        else:
            root_ns[p] = uri
        decls.append((p, uri))
    ctx = _Ctx(path, lenient, root_ns)

    d: _Dict = {}
    kept: list[tuple[str, str]] = []
    for k, v in _items(root):
        name = _DEFINITIONS_ATTRS.get(k)
        if name is not None:
            d[name] = v
        else:
            kept.append((k, v))
            if k[:1] == "{":
                ctx.attr_uris.add(k[1:].partition("}")[0])
    if kept:
        d["attrs"] = kept
    if "id" in d:
        ctx.note_id(d["id"], _line(root))

    roots: list[_Dict] = []
    diagrams: list[_Dict] = []
    for c in root.iterchildren(_ELEMENT_TAG):
        tag = c.tag
        assert isinstance(tag, str)
        spec = _ROOT_SPECS.get(tag)
        if spec is not None:
            try:
                roots.append(_read(ctx, c, spec))
            except _Invalid as exc:
                roots.append(_invalid(ctx, c, exc))
        elif tag == _DIAGRAM:
            diagrams.append(_diagram(ctx, c))
        elif tag in _DEFINITIONS_CHILDREN:
            d.setdefault("children", []).append(_opaque(ctx, c))
        elif tag in _DEFINITIONS_DOC:
            d.setdefault("documentation", []).append(_opaque(ctx, c, collect_ids=False))
        elif tag in _DEFINITIONS_EXT:
            exts = d.setdefault("extensions", [])
            for x in c.iterchildren(_ELEMENT_TAG):
                exts.append(_opaque(ctx, x, collect_ids=False))
        else:
            roots.append(_opaque(ctx, c))
    if roots:
        d["root_elements"] = roots
    if diagrams:
        d["diagrams"] = diagrams
    d["namespaces"] = _stored_namespaces(decls, ctx, bool(diagrams))
    if ctx.problems:
        d["problems"] = list(ctx.problems)
    d["provenance"] = Provenance.model_construct(path=path, lines=ctx.lines)

    defs = Definitions.model_validate(d, context={"lenient": True})
    return _check_references(defs, ctx)


def _stored_namespaces(
    decls: list[tuple[str, str]], ctx: _Ctx, has_diagrams: bool
) -> list[tuple[str, str]]:
    """The namespace declarations the model keeps: those the writer cannot derive.

    The writer declares by itself every namespace the model uses (BPMN always, DI when
    there are diagrams, ``xsi`` for formal expressions, ``rp`` for facts, and the
    namespaces of kept attributes), under its usual prefix. The model keeps the other
    declarations of the root: other prefixes (``semantic:``, a default namespace, a
    vendor prefix), and namespaces used only inside opaque content or in QName values
    (``tns:``). Both sides apply the same rule, so a round trip is exact.
    """
    used = set(ctx.attr_uris)
    used.add(ns.BPMN)
    if has_diagrams:
        used.update((ns.BPMNDI, ns.DC, ns.DI))
    if ctx.needs_xsi:
        used.add(ns.XSI)
    if ctx.has_facts:
        used.add(ns.RP)
    prefixes = frozenset(p for p, _ in decls)
    stored = [
        (p, u)
        for p, u in decls
        if u != ns.XML and not (u in used and p and p == ns.prefix_for(u, prefixes - {p}))
    ]
    if not ctx.fragment_ns:
        return stored
    # Prefixed declarations inside opaque content go onto the root when their prefix is
    # free there (see ``namespaces.hoistable``); the writer makes those again, so the
    # model does not keep them.
    taken = frozenset(p for p, _ in stored)
    bound = {u for _, u in stored}
    derived = {ns.prefix_for(u, taken) for u in used if u not in bound}
    first_uri: dict[str, str] = {}
    for p, u in sorted(ctx.fragment_ns):
        first_uri.setdefault(p, u)
    elem_used = {ns.BPMN, ns.BPMNDI, ns.DC, ns.DI} if has_diagrams else {ns.BPMN}
    attr_used = set(ctx.attr_uris)
    if ctx.needs_xsi:
        attr_used.add(ns.XSI)
    if ctx.has_facts:
        attr_used.add(ns.RP)
    kept: list[tuple[str, str]] = []
    seen: set[str] = set()
    seen_attr: set[str] = set()
    for p, u in stored:
        # the writer names ``u`` by its first binding (elements) or its first prefixed
        # binding (attributes): keep the binding the writer will use
        chosen = (u not in seen and u in elem_used) or bool(
            p and u not in seen_attr and u in attr_used
        )
        seen.add(u)
        if p:
            seen_attr.add(u)
        if first_uri.get(p) == u and p not in derived and not chosen:
            continue
        kept.append((p, u))
    return kept


def _check_references(defs: Definitions, ctx: _Ctx) -> Definitions:
    """Raise (or record when lenient) every duplicate id and dangling reference."""
    ids = ctx.lines
    known = ctx.known_ids
    if not ctx.dup_lines and all(r in ids or r in known for r in ctx.refs):
        return defs  # the common case, decided without walking the model again
    found = check_integrity(defs, known_ids=known.union(ids))
    dup_seen: dict[str, int] = {}
    problems: list[ModelProblem] = []
    root_id = defs.id
    if root_id is not None and root_id in ctx.dup_lines and defs.get(root_id) is not None:
        problems.append(
            ModelProblem(
                code="duplicate-id",
                message=f"duplicate id '{root_id}' (also the id of <definitions>)",
                element_id=root_id,
                line=ctx.dup_lines[root_id][0],
            )
        )
        dup_seen[root_id] = 1
    for p in found:
        line: int | None
        if p.code == "duplicate-id" and p.element_id is not None:
            n = dup_seen.get(p.element_id, 0)
            extra = ctx.dup_lines.get(p.element_id, [])
            line = extra[n] if n < len(extra) else ids.get(p.element_id)
            dup_seen[p.element_id] = n + 1
        else:
            line = ids.get(p.element_id) if p.element_id else None
        problems.append(p.model_copy(update={"line": line}))
    if not problems:
        return defs
    if not ctx.lenient:
        raise BpmnReferenceError(
            [
                Problem(p.message, line=p.line, element_id=p.element_id, code=p.code)
                for p in problems
            ],
            path=ctx.path,
        )
    return defs.model_copy(update={"problems": (*defs.problems, *problems)})
