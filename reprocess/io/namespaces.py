"""XML namespaces of BPMN 2.0, its diagram interchange and the ``rp:`` extension.

Everything here is plain data: namespace URIs, the prefixes the writer uses by default,
and helpers that build Clark names (``{uri}local``) for the reader's dispatch tables.
The reader accepts the BPMN model namespace under any prefix (``bpmn:``, ``bpmn2:``,
``semantic:``, ``model:`` or the default namespace) and also under the pre-final URIs
listed in :data:`BPMN_VARIANTS`, which it maps to :data:`BPMN`.

Examples:
    >>> bpmn("task")
    '{http://www.omg.org/spec/BPMN/20100524/MODEL}task'
    >>> sorted(bpmn_tags("task"))[0]
    '{http://schema.omg.org/spec/BPMN/2.0}task'
    >>> local_name("{urn:x}prop"), namespace_of("{urn:x}prop"), namespace_of("plain")
    ('prop', 'urn:x', '')
"""

from __future__ import annotations

import hashlib
import re

__all__ = [
    "BPMN",
    "BPMNDI",
    "BPMN_NAMESPACES",
    "BPMN_VARIANTS",
    "DC",
    "DEFAULT_PREFIXES",
    "DI",
    "KNOWN_PREFIXES",
    "RP",
    "XML",
    "XSI",
    "bpmn",
    "bpmn_tags",
    "bpmndi",
    "dc",
    "di",
    "hoistable",
    "local_name",
    "namespace_of",
    "prefix_for",
    "rp",
]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
"""The BPMN 2.0 model (semantic) namespace."""

BPMN_VARIANTS: tuple[str, ...] = (
    "http://www.omg.org/bpmn20",
    "http://schema.omg.org/spec/BPMN/2.0",
)
"""Pre-final BPMN 2.0 namespaces still written by some tools, read as :data:`BPMN`.

``http://www.omg.org/bpmn20`` appears in jBPM files (as a default namespace next to a
``bpmn2:`` prefix); ``http://schema.omg.org/spec/BPMN/2.0`` is the namespace of the
2009 beta schema (XMLBeans bindings and early engines were generated from it).
"""

BPMN_NAMESPACES: frozenset[str] = frozenset((BPMN, *BPMN_VARIANTS))
"""Every URI read as the BPMN model namespace."""

BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
"""BPMN diagram interchange (``BPMNDiagram``, ``BPMNShape`` ...)."""

DC = "http://www.omg.org/spec/DD/20100524/DC"
"""Diagram commons (``Bounds``, ``Point``, ``Font``)."""

DI = "http://www.omg.org/spec/DD/20100524/DI"
"""Diagram interchange (``waypoint``, ``extension``)."""

XSI = "http://www.w3.org/2001/XMLSchema-instance"
"""XML Schema instance (``xsi:type`` of expressions)."""

XML = "http://www.w3.org/XML/1998/namespace"
"""The ``xml:`` namespace (always bound, never declared)."""

RP = "urn:reprocess:bpmn:1.0"
"""The ``reprocess`` extension namespace (see ``docs/extension.md``)."""

DEFAULT_PREFIXES: dict[str, str] = {
    BPMN: "bpmn",
    BPMNDI: "bpmndi",
    DC: "dc",
    DI: "di",
    XSI: "xsi",
    RP: "rp",
}
"""The writer's prefix for each namespace it needs, when the model does not bind one."""

KNOWN_PREFIXES: dict[str, str] = {
    **DEFAULT_PREFIXES,
    "http://camunda.org/schema/1.0/bpmn": "camunda",
    "http://camunda.org/schema/zeebe/1.0": "zeebe",
    "http://camunda.org/schema/modeler/1.0": "modeler",
    "http://bpmn.io/schema/bpmn/biocolor/1.0": "bioc",
    "http://www.omg.org/spec/BPMN/non-normative/color/1.0": "color",
    "http://www.signavio.com": "signavio",
    "http://activiti.org/bpmn": "activiti",
    "http://flowable.org/bpmn": "flowable",
    "http://www.jboss.org/drools": "drools",
    "http://www.bizagi.com/bpmn20": "bizagi",
    "http://www.trisotech.com/2015/triso/modeling": "triso",
    "http://spiffworkflow.org/bpmn/schema/1.0/core": "spiffworkflow",
    "http://www.w3.org/2001/XMLSchema": "xsd",
}
"""Prefixes for a namespace that must be declared but has no prefix in the model."""


def bpmn(local: str) -> str:
    """Return the Clark name of a BPMN model element, ``{BPMN}local``."""
    return f"{{{BPMN}}}{local}"


def bpmndi(local: str) -> str:
    """Return the Clark name of a BPMN DI element, ``{BPMNDI}local``."""
    return f"{{{BPMNDI}}}{local}"


def dc(local: str) -> str:
    """Return the Clark name of a DC element, ``{DC}local``."""
    return f"{{{DC}}}{local}"


def di(local: str) -> str:
    """Return the Clark name of a DI element, ``{DI}local``."""
    return f"{{{DI}}}{local}"


def rp(local: str) -> str:
    """Return the Clark name of a ``reprocess`` extension attribute, ``{RP}local``."""
    return f"{{{RP}}}{local}"


def bpmn_tags(local: str) -> tuple[str, ...]:
    """Return the Clark names of ``local`` in the BPMN namespace and each variant."""
    return tuple(f"{{{uri}}}{local}" for uri in (BPMN, *BPMN_VARIANTS))


def local_name(clark: str) -> str:
    """Return the local part of a Clark name (the name itself when it has no namespace)."""
    return clark.rpartition("}")[2]


def namespace_of(clark: str) -> str:
    """Return the namespace URI of a Clark name, ``""`` when it has none."""
    if clark[:1] != "{":
        return ""
    return clark[1:].partition("}")[0]


def prefix_for(uri: str, taken: set[str] | frozenset[str]) -> str:
    """Return the prefix to declare for ``uri`` when the model does not bind it.

    The result depends only on ``uri`` and on the prefixes already ``taken``, never on
    the order in which namespaces are met, so a reader and a writer agree on it.

    Examples:
        >>> prefix_for(RP, set())
        'rp'
        >>> prefix_for(RP, {"rp"}).startswith("rp_")
        True
        >>> prefix_for("urn:vendor", set()).startswith("ns_")
        True
    """
    if uri == XML:
        return "xml"
    digest = hashlib.sha1(uri.encode("utf-8")).hexdigest()[:8]
    base = KNOWN_PREFIXES.get(uri)
    if base is not None and base not in taken:
        return base
    return f"{base or 'ns'}_{digest}"


_START_TAG = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<[^\s/>!?]+((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>",
    re.S,
)
_PREFIXED_XMLNS = re.compile(r"""\sxmlns:([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def declarations_in(xml: str) -> list[tuple[str, str]]:
    """Return the prefixed namespace declarations made in an XML fragment, in order.

    Only start tags are searched (not comments, processing instructions or text).

    Examples:
        >>> declarations_in('<a:x xmlns:a="urn:a"><!-- xmlns:c="urn:c" --><b:y xmlns:b="urn:b"/></a:x>')
        [('a', 'urn:a'), ('b', 'urn:b')]
    """
    out: list[tuple[str, str]] = []
    for m in _START_TAG.finditer(xml):
        attrs = m.group(1)
        if attrs and "xmlns:" in attrs:
            for d in _PREFIXED_XMLNS.finditer(attrs):
                out.append((d.group(1), d.group(2) if d.group(2) is not None else d.group(3)))
    return out


def hoistable(
    found: set[tuple[str, str]] | frozenset[tuple[str, str]], bound: set[str] | frozenset[str]
) -> list[tuple[str, str]]:
    """Return the fragment declarations the writer moves to the root, in order.

    For each prefix declared in opaque content and not bound on the root, the first of
    its URIs (sorted) is declared on the root; the reader uses the same rule to know
    which root declarations the writer will make again.

    Examples:
        >>> hoistable({("v", "urn:b"), ("v", "urn:a"), ("w", "urn:w")}, {"w"})
        [('v', 'urn:a')]
    """
    chosen: dict[str, str] = {}
    for prefix, uri in sorted(found):
        if prefix not in bound and prefix not in chosen and prefix != "xml":
            chosen[prefix] = uri
    return sorted(chosen.items())
