"""STR031: a message, signal, error or escalation that is unnamed, unused or named twice."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    attr,
    containers,
    evidence,
    local_ref,
    opaque_attrs,
)
from reprocess.model.base import field_or
from reprocess.model.elements import Message, Opaque, ReceiveTask, SendTask
from reprocess.model.process import Definitions

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["global_element_misused"]

_BPMN_MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_KINDS = ("message", "signal", "error", "escalation")
_REF_ATTRS = {"messageRef": "message", "signalRef": "signal", "errorRef": "error",
              "escalationRef": "escalation"}
_TH = {"message": "ข้อความ", "signal": "สัญญาณ", "error": "ข้อผิดพลาด",
       "escalation": "การยกระดับ"}


@dataclass(frozen=True)
class _Global:
    kind: str
    id: str
    name: str | None
    """The name as written: ``None`` when the attribute is absent, maybe blank."""


@rule(code="STR031", name="global-element-misused",
      title="Message, signal, error or escalation unnamed, unused or not unique", blocks=None,
      bpmnlint=("global",),
      fix="Name each global message, signal, error and escalation once, and delete unused ones")
def global_element_misused(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a global message, signal, error or escalation (a root element of the
    file) that has no name, that no event, message flow, send or receive task refers
    to, or whose name another global element of the same kind also has. As in
    bpmnlint, "no name" means a ``name`` attribute that is blank; an element without
    the attribute (a helper message many tools write) is not reported for it.

    ## Why it matters
    Messages are the letters, forms and notices exchanged with the applicant and
    other agencies; their names are what the analysis and the reader see. An unnamed
    or duplicated message makes two different documents look alike; an unused one is
    a leftover that suggests an exchange which no longer happens.

    ## Example
    Two messages both named "หนังสือแจ้ง" (notice), one for the approval and one for
    the refusal; a message "ใบเสร็จ" (receipt) that no flow carries.

    ## Use instead
    "หนังสือแจ้งอนุญาต" and "หนังสือแจ้งไม่อนุญาต"; delete the unused receipt message
    or attach it to the message flow that delivers the receipt.

    ## Known problems
    Unlike bpmnlint, two elements without a name do not count as having "the same
    name". References from vendor extensions are not seen.

    ## References
    bpmnlint rule [global](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/global.md);
    BPMN 2.0.2 clause 8 (Core Structure), "Message", "Signal", "Error", "Escalation".
    """
    defs = ctx.defs
    globals_ = list(_globals(defs))
    if not globals_:
        return
    used = _references(defs)
    names: dict[tuple[str, str], int] = {}
    for g in globals_:
        if g.name and g.name.strip():
            key = (g.kind, g.name.strip())
            names[key] = names.get(key, 0) + 1
    for g in globals_:
        th_kind = _TH[g.kind]
        name = (g.name or "").strip()
        label = name or g.id
        if g.name is not None and not name:
            yield _finding(g, f"{th_kind} '{label}' ไม่มีชื่อ", f"{g.kind} '{label}' has no name",
                           f"{g.kind} {g.id} without a name")
        if (g.kind, g.id) not in used:
            yield _finding(g, f"{th_kind} '{label}' ไม่ถูกใช้งาน",
                           f"{g.kind} '{label}' is not used",
                           f"no {g.kind}Ref names {g.id}")
        if name and names[(g.kind, name)] > 1:
            yield _finding(g, f"ชื่อ{th_kind} '{label}' ซ้ำกับ{th_kind}อื่น",
                           f"another {g.kind} is also named '{label}'",
                           f"{names[(g.kind, name)]} {g.kind}s named '{label}'")


def _finding(g: _Global, th: str, en: str, fact: str) -> Finding:
    return Finding(element_id=g.id, message_th=th, message_en=en, evidence=(evidence(fact),))


def _globals(defs: Definitions) -> Iterator[_Global]:
    for root in defs.root_elements:
        if isinstance(root, Message):
            yield _Global("message", root.id, root.name)
        elif isinstance(root, Opaque) and root.id:
            ns, _, local = root.tag.rpartition("}")
            if ns.lstrip("{") != _BPMN_MODEL or local not in _KINDS:
                continue
            try:
                name = ET.fromstring(root.xml).get("name")
            except ET.ParseError:
                continue
            yield _Global(local, root.id, name)


def _references(defs: Definitions) -> set[tuple[str, str]]:
    used: set[tuple[str, str]] = set()
    for root in defs.root_elements:  # choreographies, global tasks ... kept opaque
        if isinstance(root, Opaque):
            for local, value in opaque_attrs(root, *_REF_ATTRS):
                ref = local_ref(value)
                if ref:
                    used.add((_REF_ATTRS[local], ref))
    for mf in defs.message_flows:
        ref = local_ref(mf.message_ref)
        if ref:
            used.add(("message", ref))
    for c in containers(defs):
        for el in c.flow_elements:
            for d in field_or(el, "event_definitions", ()):
                ref = local_ref(d.ref)
                if ref and d.kind in _KINDS:
                    used.add((d.kind, ref))
            if isinstance(el, (SendTask, ReceiveTask)):
                ref = local_ref(attr(el, "messageRef"))
                if ref:
                    used.add(("message", ref))
    return used
