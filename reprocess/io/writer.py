"""Write a :class:`~reprocess.model.Definitions` as BPMN 2.0 XML.

The writer produces UTF-8 with an XML declaration, every namespace declared once on
the root (the model's own prefixes first, ``bpmn``/``bpmndi``/``dc``/``di``/``xsi``/``rp``
for what it does not bind), children in the order of the BPMN 2.0 XSD sequences,
attributes in a stable order (``id``, ``name``, modelled attributes, ``rp:`` facts, then
kept attributes in read order), numbers without a trailing ``.0`` and booleans only
when they differ from the default. The same model always gives the same bytes.

``incoming`` and ``outgoing`` of flow nodes are regenerated from the sequence flows, in
the order of the flows. Opaque content (vendor extensions, unknown elements) is written
back as it was read, re-indented, with namespace declarations that the root already
makes left out.

Examples:
    >>> from reprocess.model import Definitions, Process, UserTask, StepFacts, Channel
    >>> p = Process(id="P", flow_elements=(
    ...     UserTask(id="T", name="ยื่นคำขอ", facts=StepFacts(channel=Channel.COUNTER)),))
    >>> print(to_bpmn_string(Definitions(id="D", root_elements=(p,))))
    <?xml version="1.0" encoding="UTF-8"?>
    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
      xmlns:rp="urn:reprocess:bpmn:1.0" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
      <bpmn:process id="P">
        <bpmn:userTask id="T" name="ยื่นคำขอ" rp:channel="counter"/>
      </bpmn:process>
    </bpmn:definitions>
    <BLANKLINE>
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, Final

from reprocess._gc import paused
from reprocess.io import namespaces as ns
from reprocess.io.extensions import rp_attributes_of
from reprocess.model.base import XmlAttr, field_or
from reprocess.model.di import Bounds, Diagram, DiLabel, Edge, Plane, Shape
from reprocess.model.domain import DocumentFacts, ServiceInfo, StepFacts
from reprocess.model.elements import (
    Association,
    BoundaryEvent,
    CallActivity,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    Documentation,
    EventDefinition,
    Expression,
    Group,
    Lane,
    LaneSet,
    Message,
    MessageFlow,
    Opaque,
    Participant,
    SequenceFlow,
    StartEvent,
    TextAnnotation,
    _SubProcessBase,
)
from reprocess.model.process import Collaboration, Definitions, Process

__all__ = ["to_bpmn_string", "write_bpmn"]


def write_bpmn(
    defs: Definitions,
    target: str | os.PathLike[str] | IO[bytes] | None = None,
    *,
    pretty: bool = True,
) -> bytes | None:
    """Write ``defs`` as BPMN 2.0 XML to a path or an open binary file, or return bytes.

    A path is written atomically: the XML goes to a temporary file in the same folder,
    which then replaces the target, so a failure leaves nothing behind.

    Args:
        defs: the model.
        target: a path, an open binary file, or ``None`` to get the bytes back.
        pretty: indent the XML (two spaces per level); ``False`` writes it on few lines.

    Returns:
        The UTF-8 bytes when ``target`` is ``None``, else ``None``.

    Raises:
        ValueError: a string in the model holds a character XML cannot carry.
        OSError: the file cannot be written.

    Examples:
        >>> from reprocess.model import Definitions, Process
        >>> data = write_bpmn(Definitions(root_elements=(Process(id="P"),)))
        >>> data.splitlines()[0]
        b'<?xml version="1.0" encoding="UTF-8"?>'
    """
    data = to_bpmn_string(defs, pretty=pretty).encode("utf-8")
    if target is None:
        return data
    if isinstance(target, (str, os.PathLike)):
        _write_atomically(os.fspath(target), data)
        return None
    target.write(data)
    return None


def to_bpmn_string(defs: Definitions, *, pretty: bool = True) -> str:
    """Return ``defs`` as BPMN 2.0 XML text (with an XML declaration naming UTF-8).

    Examples:
        >>> from reprocess.model import Definitions
        >>> to_bpmn_string(Definitions(), pretty=False).count("<bpmn:definitions")
        1
    """
    # The writer makes strings and short-lived lists only; a cyclic collection while it
    # runs would walk the whole model for nothing (seconds for a 50,000-node model).
    with paused():
        return _Writer(defs, pretty).write()


def _write_atomically(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".reprocess-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------------------
# escaping and number formatting
# --------------------------------------------------------------------------------------

_INVALID = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_ATTR_SPECIAL = re.compile(f'[&<>"\\n\\r\\t{_INVALID}]')
_TEXT_SPECIAL = re.compile(f"[&<>\\r{_INVALID}]")
_INVALID_RE = re.compile(f"[{_INVALID}]")
_ATTR_NAME = re.compile(r' ([^\s="]+)="')


def _check_chars(value: str) -> None:
    m = _INVALID_RE.search(value)
    if m is not None:
        raise ValueError(
            f"character U+{ord(m.group()):04X} cannot be written in XML 1.0 (in {value!r})"
        )


def _attr(value: str) -> str:
    if _ATTR_SPECIAL.search(value) is None:
        return value
    _check_chars(value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _text(value: str) -> str:
    if _TEXT_SPECIAL.search(value) is None:
        return value
    _check_chars(value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _num(value: float) -> str:
    """Write a number as ``xsd:double`` without a trailing ``.0``.

    Examples:
        >>> _num(10.0), _num(10.5), _num(-0.0), _num(float("inf"))
        ('10', '10.5', '0', 'INF')
    """
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --------------------------------------------------------------------------------------
# child order (the XSD sequences) for opaque children
# --------------------------------------------------------------------------------------

_LAST: Final = 1000

_BASE_RANK = {"documentation": 0, "extensionElements": 1}
_FLOW_RANK = {**_BASE_RANK, "auditing": 2, "monitoring": 3, "categoryValueRef": 4}
_ACTIVITY_RANK = {
    **_FLOW_RANK,
    "ioSpecification": 10,
    "property": 11,
    "resourceRole": 14,
    "performer": 14,
    "humanPerformer": 14,
    "potentialOwner": 14,
    "loopCharacteristics": 15,
    "multiInstanceLoopCharacteristics": 15,
    "standardLoopCharacteristics": 15,
    "rendering": 16,
    "script": 16,
    "completionCondition": 24,
}
_EVENT_RANK = {
    **_FLOW_RANK,
    "property": 10,
    "dataOutput": 11,
    "dataInput": 11,
    "outputSet": 13,
    "inputSet": 13,
    "eventDefinitionRef": 15,
}
_GATEWAY_RANK = {**_FLOW_RANK, "activationCondition": 10}
_SEQUENCE_RANK = {**_FLOW_RANK, "conditionExpression": 10}
_DATA_RANK = {**_FLOW_RANK, "dataState": 10}
_ARTIFACT_RANK = {**_BASE_RANK, "text": 10}
_PROCESS_RANK = {
    **_BASE_RANK,
    "supportedInterfaceRef": 10,
    "ioSpecification": 11,
    "ioBinding": 12,
    "auditing": 13,
    "monitoring": 14,
    "property": 15,
    "resourceRole": 19,
    "performer": 19,
    "humanPerformer": 19,
    "potentialOwner": 19,
    "correlationSubscription": 20,
    "supports": 21,
}
_COLLABORATION_RANK = {
    **_BASE_RANK,
    "participant": 10,
    "messageFlow": 11,
    "conversation": 13,
    "subConversation": 13,
    "callConversation": 13,
    "conversationAssociation": 14,
    "participantAssociation": 15,
    "messageFlowAssociation": 16,
    "correlationKey": 17,
    "choreographyRef": 18,
    "conversationLink": 19,
}
_PARTICIPANT_RANK = {
    **_BASE_RANK,
    "interfaceRef": 10,
    "endPointRef": 11,
    "participantMultiplicity": 12,
}
_LANE_SET_RANK = {**_BASE_RANK, "lane": 10}
_LANE_RANK = {**_BASE_RANK, "partitionElement": 10, "flowNodeRef": 11, "childLaneSet": 12}
_ASSOC_RANK = {
    **_BASE_RANK,
    "sourceRef": 10,
    "targetRef": 11,
    "transformation": 12,
    "assignment": 13,
}
_EVENT_DEF_RANK = {
    **_BASE_RANK,
    "timeDate": 10,
    "timeDuration": 10,
    "timeCycle": 10,
    "condition": 10,
    "source": 10,
    "target": 11,
}
_DEFINITIONS_RANK = {"import": 0, "extension": 1, "relationship": 4}
_DI_RANK = {f"{{{ns.DI}}}extension": 0, f"{{{ns.BPMNDI}}}BPMNLabel": 11}

_BPMN_PREFIX_LEN = len(ns.BPMN) + 2


def _rank(tag: str, table: dict[str, int]) -> int:
    if tag.startswith("{" + ns.BPMN + "}"):
        return table.get(tag[_BPMN_PREFIX_LEN:], _LAST)
    return _LAST


class _Queue:
    """Opaque children waiting for their place in the XSD sequence."""

    __slots__ = ("i", "items")

    def __init__(self, children: Sequence[Opaque], table: dict[str, int]) -> None:
        ranked = sorted(
            ((_rank(c.tag, table), n, c) for n, c in enumerate(children)),
            key=lambda t: (t[0], t[1]),
        )
        self.items = [(r, c) for r, _, c in ranked]
        self.i = 0

    def upto(self, rank: int) -> list[Opaque]:
        """Pop the children whose rank is below ``rank``."""
        out: list[Opaque] = []
        items = self.items
        while self.i < len(items) and items[self.i][0] < rank:
            out.append(items[self.i][1])
            self.i += 1
        return out


# --------------------------------------------------------------------------------------
# opaque fragments
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(<!--.*?-->|<\?.*?\?>)"  # 1 comment or PI
    r"|</([^\s>]+)\s*>"  # 2 end tag
    r'|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>'  # 3-5 start
    r"|([^<]+)",  # 6 text
    re.S,
)
_ATTR_TOKEN = re.compile(r'\s+([^\s=/>]+)\s*=\s*("[^"]*"|\'[^\']*\')')
_XMLNS = re.compile(r'\sxmlns(?::([^\s=/>]+))?\s*=\s*("[^"]*"|\'[^\']*\')')


# --------------------------------------------------------------------------------------
# the writer
# --------------------------------------------------------------------------------------


class _Writer:
    """Writes one model (private; one instance per call)."""

    def __init__(self, defs: Definitions, pretty: bool) -> None:
        self.defs = defs
        self.pretty = pretty
        self.out: list[str] = []
        self.declared: list[tuple[str, str]] = list(defs.namespaces)
        self.taken = frozenset(p for p, _ in self.declared)
        self.elem_prefix: dict[str, str] = {}
        self.attr_prefix: dict[str, str] = {}
        for p, u in self.declared:
            self.elem_prefix.setdefault(u, p)
            if p:
                self.attr_prefix.setdefault(u, p)
        self.added: dict[str, str] = {}
        self.frag_cache: dict[tuple[str, int], str] = {}
        self.deferred: list[tuple[int, str, int]] = []
        self.hoisted: list[tuple[str, str]] = []
        bp = self._elem_ns(ns.BPMN)
        self.bp = f"{bp}:" if bp else ""
        self.q: dict[str, str] = {}
        self.root_default = any(p == "" for p, _ in self.declared)
        self.indents = ["  " * i for i in range(64)] if pretty else [""] * 64
        self.esc = _Cache(_attr)
        self.nums = _Cache(_num)
        self.facts_cache: dict[int, str] = {}
        self.nl = "\n" if pretty else ""
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}

    # -- namespaces --------------------------------------------------------------------

    def _add(self, uri: str) -> str:
        prefix = self.added.get(uri)
        if prefix is None:
            prefix = ns.prefix_for(uri, self.taken)
            self.added[uri] = prefix
        return prefix

    def _elem_ns(self, uri: str) -> str:
        prefix = self.elem_prefix.get(uri)
        if prefix is None:
            prefix = self._add(uri)
            self.elem_prefix[uri] = prefix
            self.attr_prefix.setdefault(uri, prefix)
        return prefix

    def _attr_ns(self, uri: str) -> str:
        prefix = self.attr_prefix.get(uri)
        if prefix is None:
            prefix = self._add(uri)
            self.attr_prefix[uri] = prefix
            self.elem_prefix.setdefault(uri, prefix)
        return prefix

    def _qattr(self, clark: str) -> str:
        if clark[:1] != "{":
            return clark
        uri, _, local = clark[1:].partition("}")
        if uri == ns.XML:
            return f"xml:{local}"
        return f"{self._attr_ns(uri)}:{local}"

    def b(self, local: str) -> str:
        """The qualified name of a BPMN element."""
        q = self.q.get(local)
        if q is None:
            q = self.q[local] = self.bp + local
        return q

    def root_declarations(self) -> list[tuple[str, str]]:
        """Derived declarations (the usual ones first), then the model's own."""
        derived = sorted(
            ((p, u) for u, p in self.added.items()),
            key=lambda t: (_DEFAULT_ORDER.get(t[1], 99), t),
        )
        return derived + self.declared + self.hoisted

    # -- output helpers ------------------------------------------------------------------

    def ind(self, depth: int) -> str:
        if depth < 64:
            return self.indents[depth]
        return "  " * depth if self.pretty else ""

    def a(self, value: str) -> str:
        """Escape an attribute value (cached: ids and names repeat)."""
        return self.esc[value]

    def n(self, value: float) -> str:
        """Format a number (cached: coordinates repeat)."""
        return self.nums[value]

    def facts_attrs(self, facts: StepFacts | DocumentFacts | ServiceInfo | None) -> str:
        if facts is None:
            return ""
        pairs = rp_attributes_of(facts)
        if not pairs:
            return ""
        rp = self._attr_ns(ns.RP)
        esc = self.esc
        return "".join(f' {rp}:{k}="{esc[v]}"' for k, v in pairs)

    def attrs(
        self,
        pairs: Iterable[tuple[str, str | None]],
        kept: Sequence[XmlAttr] = (),
        facts: StepFacts | DocumentFacts | ServiceInfo | None = None,
        role: Any = None,
    ) -> str:
        """Format attributes: modelled ones (skipping ``None``), facts, then kept ones."""
        esc = self.esc
        parts = [f' {k}="{esc[v]}"' for k, v in pairs if v is not None]
        written: set[str] | None = None
        if role is not None:
            parts.append(f' {self._attr_ns(ns.RP)}:role="{role.value}"')
        if facts is not None:
            parts.append(self.facts_attrs(facts))
        if kept:
            written = set(_ATTR_NAME.findall("".join(parts)))
            for k, v in kept:
                name = self._qattr(k)
                if name in written:
                    continue
                written.add(name)
                parts.append(f' {name}="{esc[v]}"')
        return "".join(parts)

    def empty(self, depth: int, tag: str, attrs: str) -> None:
        self.out.append(f"{self.ind(depth)}<{tag}{attrs}/>")

    def open(self, depth: int, tag: str, attrs: str) -> None:
        self.out.append(f"{self.ind(depth)}<{tag}{attrs}>")

    def close(self, depth: int, tag: str) -> None:
        self.out.append(f"{self.ind(depth)}</{tag}>")

    def text_element(self, depth: int, tag: str, attrs: str, text: str) -> None:
        if text:
            self.out.append(f"{self.ind(depth)}<{tag}{attrs}>{_text(text)}</{tag}>")
        else:
            self.out.append(f"{self.ind(depth)}<{tag}{attrs}/>")

    # -- opaque fragments ------------------------------------------------------------------

    def opaque(self, item: Opaque, depth: int) -> None:
        # written at the end, once the root's declarations are all known
        self.deferred.append((len(self.out), item.xml, depth))
        self.out.append("")

    def _finish_fragments(self) -> None:
        found: set[tuple[str, str]] = set()
        for xml in {xml for _, xml, _ in self.deferred}:
            if "xmlns:" in xml:
                found.update(ns.declarations_in(xml))
        if found:
            bound = {p for p, _ in self.declared} | set(self.added.values())
            self.hoisted = ns.hoistable(found, bound)
        out = self.out
        cache = self.frag_cache
        for index, xml, depth in self.deferred:
            key = (xml, depth)
            text = cache.get(key)
            if text is None:
                text = cache[key] = self._fragment(xml, depth)
            out[index] = text

    def opaques(self, items: Iterable[Opaque], depth: int) -> None:
        for item in items:
            self.opaque(item, depth)

    def _fragment(self, xml: str, depth: int) -> str:
        """Re-indent a canonical fragment and drop declarations the root already makes."""
        pretty = self.pretty
        rebinds: set[str] = set()  # prefixes the fragment binds to another URI somewhere
        if "xmlns" in xml:
            for m in _XMLNS.finditer(xml):
                p, u = m.group(1) or "", m.group(2)[1:-1]
                if self._root_binding(p) != u:
                    rebinds.add(p)
        out: list[str] = []
        level = 0
        prev_markup = False
        scope: list[bool] = []  # is a default namespace in effect (declared in the fragment)
        tokens = list(_TOKEN.finditer(xml))
        n = len(tokens)
        i = 0
        while i < n:
            m = tokens[i]
            special, end, start, attrs, selfclose, text = m.groups()
            if text is not None:
                out.append(text)
                prev_markup = False
                i += 1
                continue
            if end is not None:
                level -= 1
                if scope:
                    scope.pop()
                if pretty and prev_markup:
                    out.append("\n" + "  " * (depth + level))
                out.append(f"</{end}>")
                prev_markup = True
                i += 1
                continue
            if pretty and prev_markup:
                out.append("\n" + "  " * (depth + level))
            prev_markup = True
            if special is not None:
                out.append(special)
                i += 1
                continue
            assert start is not None
            in_scope = scope[-1] if scope else False
            declares_default = False
            parts: list[str] = []
            for am in _ATTR_TOKEN.finditer(attrs or ""):
                name, quoted = am.group(1), am.group(2)
                if name == "xmlns" or name.startswith("xmlns:"):
                    prefix, value = name[6:], quoted[1:-1]
                    if name == "xmlns":
                        declares_default = True
                        in_scope = value != ""
                    if prefix not in rebinds and self._root_binding(prefix) == value:
                        continue
                parts.append(f" {name}={quoted}")
            if self.root_default and ":" not in start and not declares_default and not in_scope:
                parts.insert(0, ' xmlns=""')
            joined = "".join(parts)
            nxt = tokens[i + 1] if i + 1 < n else None
            if selfclose or (nxt is not None and nxt.group(2) == start):
                # an element followed at once by its end tag is written self-closed
                out.append(f"<{start}{joined}/>")
                i += 1 if selfclose else 2
                continue
            out.append(f"<{start}{joined}>")
            scope.append(in_scope)
            level += 1
            i += 1
        return self.ind(depth) + "".join(out)

    def _root_binding(self, prefix: str) -> str | None:
        """The URI the root binds ``prefix`` to, if any."""
        for p, u in self.declared:
            if p == prefix:
                return u
        for u, p in self.added.items():
            if p == prefix:
                return u
        for p, u in self.hoisted:
            if p == prefix:
                return u
        return None

    # -- document ----------------------------------------------------------------------------

    def write(self) -> str:
        defs = self.defs
        self._index_flows()
        body_start = len(self.out)
        d = 1
        self.opaques(defs.documentation, d)
        if defs.extensions:
            tag = self.b("extensionElements")
            self.open(d, tag, "")
            self.opaques(defs.extensions, d + 1)
            self.close(d, tag)
        queue = _Queue(defs.children, _DEFINITIONS_RANK)
        self.opaques(queue.upto(2), d)
        for root in defs.root_elements:
            self.root_element(root, d)
        self.opaques(queue.upto(3), d)
        for diagram in defs.diagrams:
            self.diagram(diagram, d)
        self.opaques(queue.upto(_LAST + 1), d)
        # the root's attributes may need declarations too: before hoisting
        attrs = self.attrs(
            (
                ("id", defs.id),
                ("name", defs.name),
                ("targetNamespace", defs.target_namespace),
                ("exporter", defs.exporter),
                ("exporterVersion", defs.exporter_version),
            ),
            defs.attrs,
        )
        self._finish_fragments()
        body = self.out[body_start:]
        tag = self.b("definitions")
        decls = "".join(
            f' xmlns:{p}="{_attr(u)}"' if p else f' xmlns="{_attr(u)}"'
            for p, u in self.root_declarations()
            if u != ns.XML or p != "xml"
        )
        head = '<?xml version="1.0" encoding="UTF-8"?>'
        sep = "\n" if self.pretty else ""
        if body:
            return f"{head}\n<{tag}{decls}{attrs}>{sep}" + sep.join(body) + f"{sep}</{tag}>\n"
        return f"{head}\n<{tag}{decls}{attrs}/>\n"

    def _index_flows(self) -> None:
        incoming = self.incoming
        outgoing = self.outgoing

        def walk(elements: Iterable[Any]) -> None:
            for el in elements:
                if isinstance(el, SequenceFlow):
                    outgoing.setdefault(el.source, []).append(el.id)
                    incoming.setdefault(el.target, []).append(el.id)
                elif isinstance(el, _SubProcessBase):
                    walk(el.flow_elements)

        for root in self.defs.root_elements:
            if isinstance(root, Process):
                walk(root.flow_elements)

    def root_element(self, root: Any, d: int) -> None:
        if isinstance(root, Process):
            self.process(root, d)
        elif isinstance(root, Collaboration):
            self.collaboration(root, d)
        elif isinstance(root, DataStore):
            self.data_store(root, d)
        elif isinstance(root, Message):
            self.message(root, d)
        else:
            self.opaque(root, d)

    # -- shared parts --------------------------------------------------------------------------

    def base_parts(self, el: Any, d: int, queue: _Queue | None) -> None:
        """documentation and extensionElements (with opaque children ranked before)."""
        docs: tuple[Documentation, ...] = el.documentation
        if queue is not None:
            self.opaques(queue.upto(0), d)
        for doc in docs:
            self.text_element(
                d,
                self.b("documentation"),
                self.attrs((("id", doc.id), ("textFormat", doc.text_format))),
                doc.text,
            )
        if queue is not None:
            self.opaques(queue.upto(1), d)
        if el.extensions:
            tag = self.b("extensionElements")
            self.open(d, tag, "")
            self.opaques(el.extensions, d + 1)
            self.close(d, tag)

    def expression(self, d: int, local: str, expr: Expression) -> None:
        pairs: list[tuple[str, str | None]] = []
        if expr.formal:
            pairs.append((f"{self._attr_ns(ns.XSI)}:type", self.b("tFormalExpression")))
        pairs.append(("language", expr.language))
        self.text_element(d, self.b(local), self.attrs(pairs, expr.attrs), expr.text)

    # -- process and its content ------------------------------------------------------------

    def process(self, p: Process, d: int) -> None:
        tag = self.b("process")
        attrs = self.attrs(
            (
                ("id", p.id),
                ("name", p.name),
                ("isExecutable", None if p.is_executable is None else _bool(p.is_executable)),
            ),
            p.attrs,
            facts=p.service,
        )
        if not (
            p.documentation
            or p.extensions
            or p.children
            or p.flow_elements
            or p.artifacts
            or p.lane_sets
        ):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(p.children, _PROCESS_RANK)
        self.base_parts(p, c, queue)
        self.opaques(queue.upto(16), c)
        for ls in p.lane_sets:
            self.lane_set(ls, c, "laneSet")
        self.opaques(queue.upto(17), c)
        self.flow_elements(p.flow_elements, c)
        self.opaques(queue.upto(18), c)
        self.artifacts(p.artifacts, c)
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def flow_elements(self, elements: Iterable[Any], d: int) -> None:
        for el in elements:
            fn = _FLOW_WRITERS.get(type(el))
            if fn is not None:
                fn(self, el, d)
            else:
                self.opaque(el, d)

    def artifacts(self, artifacts: Iterable[Any], d: int) -> None:
        for art in artifacts:
            if isinstance(art, TextAnnotation):
                self.text_annotation(art, d)
            elif isinstance(art, Association):
                self.association(art, d)
            elif isinstance(art, Group):
                self.group(art, d)
            else:
                self.opaque(art, d)

    def lane_set(self, ls: LaneSet, d: int, local: str) -> None:
        tag = self.b(local)
        attrs = self.attrs((("id", ls.id), ("name", ls.name)), ls.attrs)
        if not (ls.documentation or ls.extensions or ls.children or ls.lanes):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(ls.children, _LANE_SET_RANK)
        self.base_parts(ls, c, queue)
        self.opaques(queue.upto(10), c)
        for lane in ls.lanes:
            self.lane(lane, c)
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def lane(self, lane: Lane, d: int) -> None:
        tag = self.b("lane")
        attrs = self.attrs((("id", lane.id), ("name", lane.name)), lane.attrs, role=lane.role)
        if not (
            lane.documentation
            or lane.extensions
            or lane.children
            or lane.flow_node_refs
            or lane.child_lane_set
        ):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(lane.children, _LANE_RANK)
        self.base_parts(lane, c, queue)
        self.opaques(queue.upto(11), c)
        ref_tag = self.b("flowNodeRef")
        ind = self.ind(c)
        out = self.out
        for ref in lane.flow_node_refs:
            out.append(f"{ind}<{ref_tag}>{_text(ref)}</{ref_tag}>")
        self.opaques(queue.upto(12), c)
        if lane.child_lane_set is not None:
            self.lane_set(lane.child_lane_set, c, "childLaneSet")
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def flow_node(self, node: Any, d: int) -> None:
        cls = type(node)
        if not (
            node.documentation
            or node.extensions
            or node.children
            or node.attrs
            or cls in _COMPLEX_NODES
            or (cls in _TASK_NODES and (node.data_inputs or node.data_outputs))
        ):
            # the common case: attributes, then incoming/outgoing only
            tag = self.q.get(node.type) or self.b(node.type)
            esc = self.esc
            nid = node.id
            head = f'<{tag} id="{esc[nid]}"'
            if node.name is not None:
                head += f' name="{esc[node.name]}"'
            default = field_or(node, "default", None)
            if default is not None:
                head += f' default="{esc[default]}"'
            if node.facts is not None:
                head += self.facts_attrs(node.facts)
            inc = self.incoming.get(nid)
            outg = self.outgoing.get(nid)
            ind = self.ind(d)
            if not inc and not outg:
                self.out.append(f"{ind}{head}/>")
                return
            ind1 = self.ind(d + 1)
            parts = [f"{ind}{head}>"]
            if inc:
                itag = self.q.get("incoming") or self.b("incoming")
                parts.extend(f"{ind1}<{itag}>{esc[f]}</{itag}>" for f in inc)
            if outg:
                otag = self.q.get("outgoing") or self.b("outgoing")
                parts.extend(f"{ind1}<{otag}>{esc[f]}</{otag}>" for f in outg)
            parts.append(f"{ind}</{tag}>")
            self.out.append(self.nl.join(parts))
            return
        t = node.type
        tag = self.b(t)
        pairs: list[tuple[str, str | None]] = [("id", node.id), ("name", node.name)]
        extra = _NODE_ATTRS.get(type(node))
        if extra is not None:
            extra(node, pairs)
        attrs = self.attrs(pairs, node.attrs, facts=node.facts)
        nid = node.id
        inc = self.incoming.get(nid)
        outg = self.outgoing.get(nid)
        kind = _NODE_KIND[type(node)]
        has_more = bool(
            node.documentation
            or node.extensions
            or node.children
            or inc
            or outg
            or field_or(node, "data_inputs", ())
            or field_or(node, "data_outputs", ())
            or field_or(node, "event_definitions", ())
            or (kind == "sub" and (node.flow_elements or node.artifacts or node.lane_sets))
        )
        if not has_more:
            self.empty(d, tag, attrs)
            return
        out = self.out
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(node.children, _RANKS[kind]) if node.children else None
        self.base_parts(node, c, queue)
        if queue is not None:
            self.opaques(queue.upto(5), c)
        ind = self.ind(c)
        if inc:
            itag = self.b("incoming")
            for f in inc:
                out.append(f"{ind}<{itag}>{_text(f)}</{itag}>")
        if outg:
            otag = self.b("outgoing")
            for f in outg:
                out.append(f"{ind}<{otag}>{_text(f)}</{otag}>")
        if kind in ("activity", "sub"):
            if queue is not None:
                self.opaques(queue.upto(12), c)
            for a in node.data_inputs:
                self.data_association(a, c, "dataInputAssociation")
            for a in node.data_outputs:
                self.data_association(a, c, "dataOutputAssociation")
            if kind == "sub":
                if queue is not None:
                    self.opaques(queue.upto(20), c)
                for ls in node.lane_sets:
                    self.lane_set(ls, c, "laneSet")
                self.flow_elements(node.flow_elements, c)
                self.artifacts(node.artifacts, c)
        elif kind in ("catch", "throw"):
            if queue is not None:
                self.opaques(queue.upto(12), c)
            if kind == "catch":
                for a in field_or(node, "data_outputs", ()):
                    self.data_association(a, c, "dataOutputAssociation")
            else:
                for a in field_or(node, "data_inputs", ()):
                    self.data_association(a, c, "dataInputAssociation")
            if queue is not None:
                self.opaques(queue.upto(14), c)
            for ed in node.event_definitions:
                self.event_definition(ed, c)
        if queue is not None:
            self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def data_association(self, a: DataAssociation, d: int, local: str) -> None:
        tag = self.b(local)
        attrs = self.attrs((("id", a.id),), a.attrs)
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(a.children, _ASSOC_RANK)
        self.base_parts(a, c, queue)
        self.opaques(queue.upto(10), c)
        ind = self.ind(c)
        stag = self.b("sourceRef")
        for s in a.sources:
            self.out.append(f"{ind}<{stag}>{_text(s)}</{stag}>")
        self.opaques(queue.upto(11), c)
        if a.target is not None:
            ttag = self.b("targetRef")
            self.out.append(f"{ind}<{ttag}>{_text(a.target)}</{ttag}>")
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def event_definition(self, ed: EventDefinition, d: int) -> None:
        tag = self.b(_EVENT_TAGS[ed.kind])
        ref_attr = _EVENT_REF_ATTRS.get(ed.kind)
        pairs: list[tuple[str, str | None]] = [("id", ed.id)]
        if ref_attr is not None:
            pairs.append((ref_attr, ed.ref))
        attrs = self.attrs(pairs, ed.attrs)
        if not (ed.documentation or ed.extensions or ed.children or ed.timer or ed.condition):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(ed.children, _EVENT_DEF_RANK)
        self.base_parts(ed, c, queue)
        self.opaques(queue.upto(10), c)
        if ed.timer is not None:
            self.expression(c, ed.timer_kind or "timeDate", ed.timer)
        if ed.condition is not None:
            self.expression(c, "condition", ed.condition)
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def sequence_flow(self, f: SequenceFlow, d: int) -> None:
        tag = self.b("sequenceFlow")
        if not (f.documentation or f.extensions or f.children or f.condition or f.attrs):
            esc = self.esc
            name = f' name="{esc[f.name]}"' if f.name is not None else ""
            self.out.append(
                f'{self.ind(d)}<{tag} id="{esc[f.id]}"{name} sourceRef="{esc[f.source]}" '
                f'targetRef="{esc[f.target]}"/>'
            )
            return
        attrs = self.attrs(
            (("id", f.id), ("name", f.name), ("sourceRef", f.source), ("targetRef", f.target)),
            f.attrs,
        )
        if not (f.documentation or f.extensions or f.children or f.condition):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(f.children, _SEQUENCE_RANK)
        self.base_parts(f, c, queue)
        self.opaques(queue.upto(10), c)
        if f.condition is not None:
            self.expression(c, "conditionExpression", f.condition)
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def simple(
        self,
        el: Any,
        d: int,
        local: str,
        pairs: Sequence[tuple[str, str | None]],
        table: dict[str, int],
        facts: Any = None,
        role: Any = None,
        after: Callable[[int, _Queue], None] | None = None,
    ) -> None:
        """An element with base parts, opaque children and an optional tail of content."""
        tag = self.b(local)
        attrs = self.attrs(pairs, el.attrs, facts=facts, role=role)
        if not (el.documentation or el.extensions or el.children or after is not None):
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        queue = _Queue(el.children, table)
        self.base_parts(el, c, queue)
        if after is not None:
            after(c, queue)
        self.opaques(queue.upto(_LAST + 1), c)
        self.close(d, tag)

    def data_object(self, el: DataObject, d: int) -> None:
        self.simple(
            el, d, "dataObject",
            (("id", el.id), ("name", el.name),
             ("isCollection", "true" if el.is_collection else None)),
            _DATA_RANK, facts=el.document,
        )  # fmt: skip

    def data_object_reference(self, el: DataObjectReference, d: int) -> None:
        self.simple(
            el, d, "dataObjectReference",
            (("id", el.id), ("name", el.name), ("dataObjectRef", el.data_object)),
            _DATA_RANK, facts=el.document,
        )  # fmt: skip

    def data_store_reference(self, el: DataStoreReference, d: int) -> None:
        self.simple(
            el, d, "dataStoreReference",
            (("id", el.id), ("name", el.name), ("dataStoreRef", el.data_store)),
            _DATA_RANK, facts=el.document,
        )  # fmt: skip

    def text_annotation(self, el: TextAnnotation, d: int) -> None:
        def after(c: int, queue: _Queue) -> None:
            self.opaques(queue.upto(10), c)
            if el.text is not None:
                self.text_element(c, self.b("text"), "", el.text)

        has_content = el.text is not None
        self.simple(
            el, d, "textAnnotation", (("id", el.id), ("textFormat", el.text_format)),
            _ARTIFACT_RANK, after=after if has_content else None,
        )  # fmt: skip

    def association(self, el: Association, d: int) -> None:
        self.simple(
            el, d, "association",
            (("id", el.id), ("sourceRef", el.source), ("targetRef", el.target),
             ("associationDirection", el.direction)),
            _ARTIFACT_RANK,
        )  # fmt: skip

    def group(self, el: Group, d: int) -> None:
        self.simple(
            el, d, "group", (("id", el.id), ("categoryValueRef", el.category_value)),
            _ARTIFACT_RANK,
        )  # fmt: skip

    # -- collaboration and other roots ---------------------------------------------------------

    def collaboration(self, co: Collaboration, d: int) -> None:
        def after(c: int, queue: _Queue) -> None:
            self.opaques(queue.upto(10), c)
            for part in co.participants:
                self.participant(part, c)
            self.opaques(queue.upto(11), c)
            for mf in co.message_flows:
                self.message_flow(mf, c)
            self.opaques(queue.upto(12), c)
            self.artifacts(co.artifacts, c)

        has_content = bool(co.participants or co.message_flows or co.artifacts)
        self.simple(
            co, d, "collaboration", (("id", co.id), ("name", co.name)), _COLLABORATION_RANK,
            after=after if has_content else None,
        )  # fmt: skip

    def participant(self, part: Participant, d: int) -> None:
        self.simple(
            part, d, "participant",
            (("id", part.id), ("name", part.name), ("processRef", part.process_ref)),
            _PARTICIPANT_RANK, facts=part.service, role=part.role,
        )  # fmt: skip

    def message_flow(self, mf: MessageFlow, d: int) -> None:
        self.simple(
            mf, d, "messageFlow",
            (("id", mf.id), ("name", mf.name), ("sourceRef", mf.source),
             ("targetRef", mf.target), ("messageRef", mf.message_ref)),
            _BASE_RANK,
        )  # fmt: skip

    def data_store(self, ds: DataStore, d: int) -> None:
        self.simple(
            ds, d, "dataStore", (("id", ds.id), ("name", ds.name)), _DATA_RANK,
            facts=ds.document,
        )  # fmt: skip

    def message(self, m: Message, d: int) -> None:
        self.simple(
            m, d, "message", (("id", m.id), ("name", m.name), ("itemRef", m.item_ref)),
            _BASE_RANK,
        )  # fmt: skip

    # -- diagram interchange -----------------------------------------------------------------

    def diagram(self, dg: Diagram, d: int) -> None:
        di = self._elem_ns(ns.BPMNDI)
        self._elem_ns(ns.DC)
        self._elem_ns(ns.DI)
        tag = f"{di}:BPMNDiagram" if di else "BPMNDiagram"
        attrs = self.attrs((("id", dg.id), ("name", dg.name)), dg.attrs)
        if dg.plane is None and not dg.label_styles:
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        if dg.plane is not None:
            self.plane(dg.plane, d + 1)
        self.opaques(dg.label_styles, d + 1)
        self.close(d, tag)

    def _q(self, uri: str, local: str) -> str:
        p = self._elem_ns(uri)
        return f"{p}:{local}" if p else local

    def plane(self, pl: Plane, d: int) -> None:
        tag = self._q(ns.BPMNDI, "BPMNPlane")
        attrs = self.attrs((("id", pl.id), ("bpmnElement", pl.element)), pl.attrs)
        if not pl.items:
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        c = d + 1
        shape_tag = self._q(ns.BPMNDI, "BPMNShape")
        edge_tag = self._q(ns.BPMNDI, "BPMNEdge")
        bounds_tag = self._q(ns.DC, "Bounds")
        wp_tag = self._q(ns.DI, "waypoint")
        label_tag = self._q(ns.BPMNDI, "BPMNLabel")
        out = self.out
        ind0 = self.ind(c)
        ind1 = self.ind(c + 1)
        nl = self.nl
        for item in pl.items:
            if isinstance(item, Shape):
                self.shape(item, c, shape_tag, bounds_tag, label_tag, ind1)
            elif isinstance(item, Edge) and not (
                item.attrs
                or item.children
                or item.label
                or item.source_element
                or item.target_element
            ):
                esc = self.esc
                nums = self.nums
                eid = f' id="{esc[item.id]}"' if item.id is not None else ""
                el = f' bpmnElement="{esc[item.element]}"' if item.element is not None else ""
                if not item.waypoints:
                    out.append(f"{ind0}<{edge_tag}{eid}{el}/>")
                    continue
                wps = nl.join(
                    f'{ind1}<{wp_tag} x="{nums[x]}" y="{nums[y]}"/>' for x, y in item.waypoints
                )
                out.append(f"{ind0}<{edge_tag}{eid}{el}>{nl}{wps}{nl}{ind0}</{edge_tag}>")
            elif isinstance(item, Edge):
                attrs = self.attrs(
                    (
                        ("id", item.id),
                        ("bpmnElement", item.element),
                        ("sourceElement", item.source_element),
                        ("targetElement", item.target_element),
                    ),
                    item.attrs,
                )
                if not (item.waypoints or item.label or item.children):
                    self.empty(c, edge_tag, attrs)
                    continue
                self.open(c, edge_tag, attrs)
                queue = _DiQueue(item.children)
                self.opaques(queue.upto(10), c + 1)
                for x, y in item.waypoints:
                    out.append(f'{ind1}<{wp_tag} x="{self.n(x)}" y="{self.n(y)}"/>')
                self.opaques(queue.upto(11), c + 1)
                if item.label is not None:
                    self.label(item.label, c + 1, label_tag, bounds_tag)
                self.opaques(queue.upto(_LAST + 1), c + 1)
                self.close(c, edge_tag)
            else:
                self.opaque(item, c)
        self.close(d, tag)

    def shape(self, s: Shape, d: int, tag: str, bounds_tag: str, label_tag: str, ind1: str) -> None:
        if not (s.attrs or s.children):
            esc = self.esc
            nums = self.nums
            b = s.bounds
            head = f"{self.ind(d)}<{tag}"
            if s.id is not None:
                head += f' id="{esc[s.id]}"'
            if s.element is not None:
                head += f' bpmnElement="{esc[s.element]}"'
            if s.is_horizontal is not None:
                head += f' isHorizontal="{_bool(s.is_horizontal)}"'
            if s.is_expanded is not None:
                head += f' isExpanded="{_bool(s.is_expanded)}"'
            if s.is_marker_visible is not None:
                head += f' isMarkerVisible="{_bool(s.is_marker_visible)}"'
            nl = self.nl
            body = (
                f'{ind1}<{bounds_tag} x="{nums[b.x]}" y="{nums[b.y]}" width="{nums[b.width]}" '
                f'height="{nums[b.height]}"/>'
            )
            lab = s.label
            if lab is not None and not lab.attrs:
                ls = f' labelStyle="{esc[lab.label_style]}"' if lab.label_style is not None else ""
                lb = lab.bounds
                if lb is None:
                    body += f"{nl}{ind1}<{label_tag}{ls}/>"
                else:
                    ind2 = self.ind(d + 2)
                    body += (
                        f'{nl}{ind1}<{label_tag}{ls}>{nl}{ind2}<{bounds_tag} x="{nums[lb.x]}" '
                        f'y="{nums[lb.y]}" width="{nums[lb.width]}" height="{nums[lb.height]}"/>'
                        f"{nl}{ind1}</{label_tag}>"
                    )
                self.out.append(f"{head}>{nl}{body}{nl}{self.ind(d)}</{tag}>")
                return
            if lab is None:
                self.out.append(f"{head}>{nl}{body}{nl}{self.ind(d)}</{tag}>")
                return
        pairs: list[tuple[str, str | None]] = [("id", s.id), ("bpmnElement", s.element)]
        if s.is_horizontal is not None:
            pairs.append(("isHorizontal", _bool(s.is_horizontal)))
        if s.is_expanded is not None:
            pairs.append(("isExpanded", _bool(s.is_expanded)))
        if s.is_marker_visible is not None:
            pairs.append(("isMarkerVisible", _bool(s.is_marker_visible)))
        self.open(d, tag, self.attrs(pairs, s.attrs))
        queue = _DiQueue(s.children) if s.children else None
        if queue is not None:
            self.opaques(queue.upto(10), d + 1)
        self.out.append(f"{ind1}<{bounds_tag}{_bounds(s.bounds)}/>")
        if queue is not None:
            self.opaques(queue.upto(11), d + 1)
        if s.label is not None:
            self.label(s.label, d + 1, label_tag, bounds_tag)
        if queue is not None:
            self.opaques(queue.upto(_LAST + 1), d + 1)
        self.close(d, tag)

    def label(self, lab: DiLabel, d: int, tag: str, bounds_tag: str) -> None:
        attrs = self.attrs((("labelStyle", lab.label_style),), lab.attrs)
        if lab.bounds is None:
            self.empty(d, tag, attrs)
            return
        self.open(d, tag, attrs)
        self.out.append(f"{self.ind(d + 1)}<{bounds_tag}{_bounds(lab.bounds)}/>")
        self.close(d, tag)


def _bounds(b: Bounds) -> str:
    return f' x="{_num(b.x)}" y="{_num(b.y)}" width="{_num(b.width)}" height="{_num(b.height)}"'


class _Cache(dict[Any, str]):
    """A dict that computes and keeps a missing entry (escaped strings, numbers)."""

    def __init__(self, fn: Callable[[Any], str]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: Any) -> str:
        value = self[key] = self.fn(key)
        return value


class _DiQueue(_Queue):
    def __init__(self, children: Sequence[Opaque]) -> None:
        ranked = sorted(
            ((_DI_RANK.get(c.tag, _LAST), n, c) for n, c in enumerate(children)),
            key=lambda t: (t[0], t[1]),
        )
        self.items = [(r, c) for r, _, c in ranked]
        self.i = 0


_DEFAULT_ORDER = {u: n for n, u in enumerate(ns.DEFAULT_PREFIXES)}

_EVENT_TAGS = {
    "timer": "timerEventDefinition",
    "message": "messageEventDefinition",
    "signal": "signalEventDefinition",
    "error": "errorEventDefinition",
    "escalation": "escalationEventDefinition",
    "compensate": "compensateEventDefinition",
    "conditional": "conditionalEventDefinition",
    "link": "linkEventDefinition",
    "terminate": "terminateEventDefinition",
    "cancel": "cancelEventDefinition",
}
_EVENT_REF_ATTRS = {
    "message": "messageRef",
    "signal": "signalRef",
    "error": "errorRef",
    "escalation": "escalationRef",
    "compensate": "activityRef",
}


def _activity_attrs(node: Any, pairs: list[tuple[str, str | None]]) -> None:
    pairs.append(("default", node.default))
    if isinstance(node, CallActivity):
        pairs.append(("calledElement", node.called_element))
    if isinstance(node, _SubProcessBase) and node.triggered_by_event:
        pairs.append(("triggeredByEvent", "true"))


def _start_attrs(node: Any, pairs: list[tuple[str, str | None]]) -> None:
    if isinstance(node, StartEvent) and not node.is_interrupting:
        pairs.append(("isInterrupting", "false"))


def _boundary_attrs(node: Any, pairs: list[tuple[str, str | None]]) -> None:
    if isinstance(node, BoundaryEvent):
        pairs.append(("attachedToRef", node.attached_to))
        if not node.cancel_activity:
            pairs.append(("cancelActivity", "false"))


def _gateway_attrs(node: Any, pairs: list[tuple[str, str | None]]) -> None:
    pairs.append(("default", node.default))


def _build_tables() -> tuple[
    dict[type[Any], Callable[[Any, list[tuple[str, str | None]]], None]],
    dict[type[Any], str],
    dict[type[Any], Callable[[_Writer, Any, int], None]],
]:
    from reprocess.model import elements as m

    attrs: dict[type[Any], Callable[[Any, list[tuple[str, str | None]]], None]] = {}
    kinds: dict[type[Any], str] = {}
    writers: dict[type[Any], Callable[[_Writer, Any, int], None]] = {}
    tasks: tuple[type[Any], ...] = (
        m.Task,
        m.UserTask,
        m.ManualTask,
        m.ServiceTask,
        m.SendTask,
        m.ReceiveTask,
        m.ScriptTask,
        m.BusinessRuleTask,
        m.CallActivity,
    )
    for cls in tasks:
        attrs[cls] = _activity_attrs
        kinds[cls] = "activity"
    subs: tuple[type[Any], ...] = (m.SubProcess, m.AdHocSubProcess, m.Transaction)
    for cls in subs:
        attrs[cls] = _activity_attrs
        kinds[cls] = "sub"
    kinds[m.StartEvent] = "catch"
    attrs[m.StartEvent] = _start_attrs
    kinds[m.IntermediateCatchEvent] = "catch"
    kinds[m.BoundaryEvent] = "catch"
    attrs[m.BoundaryEvent] = _boundary_attrs
    kinds[m.EndEvent] = "throw"
    kinds[m.IntermediateThrowEvent] = "throw"
    gateways: tuple[type[Any], ...] = (m.ExclusiveGateway, m.InclusiveGateway, m.ComplexGateway)
    for cls in gateways:
        attrs[cls] = _gateway_attrs
        kinds[cls] = "gateway"
    plain: tuple[type[Any], ...] = (m.ParallelGateway, m.EventBasedGateway)
    for cls in plain:
        kinds[cls] = "gateway"
    for cls in kinds:
        writers[cls] = _Writer.flow_node
    writers[m.SequenceFlow] = _Writer.sequence_flow
    writers[m.DataObject] = _Writer.data_object
    writers[m.DataObjectReference] = _Writer.data_object_reference
    writers[m.DataStoreReference] = _Writer.data_store_reference
    return attrs, kinds, writers


_NODE_ATTRS, _NODE_KIND, _FLOW_WRITERS = _build_tables()
_COMPLEX_NODES: frozenset[type[Any]] = frozenset(
    cls for cls, kind in _NODE_KIND.items() if kind in ("sub", "catch", "throw")
) | frozenset(cls for cls in _NODE_KIND if cls.__name__ in ("CallActivity",))
"""Node classes whose attributes or content the fast path does not cover."""
_TASK_NODES: frozenset[type[Any]] = frozenset(
    cls for cls, kind in _NODE_KIND.items() if kind == "activity"
)
_RANKS = {
    "activity": _ACTIVITY_RANK,
    "sub": {**_ACTIVITY_RANK, "laneSet": 20},
    "catch": _EVENT_RANK,
    "throw": _EVENT_RANK,
    "gateway": _GATEWAY_RANK,
}
