"""STR027: a link event without a name or without its partner in the same scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    containers,
    direct_nodes,
    en_name,
    evidence,
    is_catch_event,
    is_link_event,
    is_throw_event,
    link_name,
    th_name,
)
from reprocess.model.elements import FlowNode, _EventBase

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["link_event_unpaired"]


@rule(code="STR027", name="link-event-unpaired",
      title="Link event without a name or without its partner", blocks=None,
      bpmnlint=("link-event",),
      fix="Name each link and pair every throw link with exactly one catch link of that name")
def link_event_unpaired(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    In each process and sub-process, reports a link event whose link has no name; a
    link throw or catch whose name no partner of the other kind shares; every catch
    of a name that has several catches; and every throw of a name that has no catch.

    ## Why it matters
    Link events are the "continued on page 2" connectors of long service maps. An
    unpaired link is a flow that leads nowhere (or comes from nowhere): the steps
    after it look unreachable or the steps before it look like a dead end.

    ## Example
    A throw link "ไปขั้นตอนชำระเงิน" (to payment) with no catch link of that name in
    the process.

    ## Use instead
    Add the catch link "ไปขั้นตอนชำระเงิน" before "ชำระค่าธรรมเนียม" (pay the fee),
    or draw the sequence flow directly.

    ## Known problems
    The link's name is read from the ``name`` attribute of ``linkEventDefinition``
    (not the event's label), as BPMN and bpmnlint do.

    ## References
    bpmnlint rule [link-event](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/link-event.md);
    BPMN 2.0.2 clause 10 (Process), "Intermediate Event" (Link).
    """
    for c in containers(ctx.defs):
        links = [n for n in direct_nodes(c) if isinstance(n, _EventBase) and is_link_event(n)]
        groups: dict[str, list[FlowNode]] = {}
        for link in links:
            name = link_name(link)
            if not name:
                yield _finding(link, "ไม่มีชื่อของลิงก์", "has no link name",
                               "linkEventDefinition without a name")
            else:
                groups.setdefault(name, []).append(link)
        for name, events in groups.items():
            catches = [e for e in events if is_catch_event(e)]
            throws = [e for e in events if is_throw_event(e)]
            if len(events) == 1:
                only = events[0]
                other_th, other_en = (("ลิงก์รับ", "catch") if is_throw_event(only)
                                      else ("ลิงก์ส่ง", "throw"))
                yield _finding(only, f"ไม่มี{other_th}ชื่อ '{name}' คู่กันในขอบเขตเดียวกัน",
                               f"has no link {other_en} event named '{name}' in its scope",
                               f"only one link event named '{name}' in {c.id}")
            elif len(catches) > 1:
                for catch in catches:
                    yield _finding(catch, f"มีลิงก์รับชื่อ '{name}' ซ้ำกัน {len(catches)} จุด",
                                   f"is one of {len(catches)} link catch events named '{name}'",
                                   f"{len(catches)} link catch events named '{name}' in {c.id}")
            elif not catches:
                for throw in throws:
                    yield _finding(throw, f"ไม่มีลิงก์รับชื่อ '{name}' ในขอบเขตเดียวกัน",
                                   f"has no link catch event named '{name}' in its scope",
                                   f"no link catch event named '{name}' in {c.id}")


def _finding(node: FlowNode, th: str, en: str, fact: str) -> Finding:
    return Finding(
        element_id=node.id,
        message_th=f"{th_name(node)} {th}",
        message_en=f"{en_name(node)} {en}",
        evidence=(evidence(fact),),
    )
