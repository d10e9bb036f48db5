"""EFF008: the case waits out a public notice or objection period (P24)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess import thai
from reprocess.analysis.classify import StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    chains,
    digital_terms,
    hit_evidence,
    label,
    standing,
)
from reprocess.model.elements import (
    BoundaryEvent,
    FlowNode,
    IntermediateCatchEvent,
    _EventBase,
    _FlowNodeBase,
)
from reprocess.model.graph import timer_definitions

__all__ = ["public_notice_waiting_period"]


def _is_timer(node: FlowNode) -> bool:
    return isinstance(node, IntermediateCatchEvent | BoundaryEvent) and bool(
        timer_definitions(node))


def _days(node: FlowNode, step: StepClass) -> float | None:
    """Return the waiting time of a node in days: its duration, or one in its name."""
    if step.duration_days:
        return step.duration_days
    if node.name:
        parsed = thai.parse_thai_duration(node.name)
        if parsed is not None and parsed.days:
            return parsed.days
    return None


def _candidate(node: FlowNode) -> bool:
    """Activities and catching events; gateways and start/end events are left out."""
    if isinstance(node, _EventBase):
        return _is_timer(node) or isinstance(node, IntermediateCatchEvent)
    return isinstance(node, _FlowNodeBase) and not type(node).__name__.endswith("Gateway")


@rule(
    code="EFF008",
    name="public-notice-waiting-period",
    title="Case waits out a public notice or objection period",
    blocks=None,
    obstacles=("LAW",),
    patterns=("P24",),
    fix="Publish the notice online (agency website, e-participation portal) and run the "
        "objection period in parallel with the technical review",
    redesign=("publish-notice-online",),
)
def public_notice_waiting_period(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds public notices, hearings and objection periods: steps or timer events with
    ปิดประกาศ, ติดประกาศ, ประกาศ…วัน, รับฟังความคิดเห็น, คัดค้าน. A timer catch event
    right after such a step is taken as its waiting period (``related``) and its
    duration is given in the message; a timer that names the notice itself is
    reported on its own. Notice steps that follow each other (post, wait, hear the
    objections) are one finding, on the first, with the others in ``related``.

    ## Why it matters
    A statutory period (often 15 or 30 days) is a fixed wait: nothing else happens
    if it is sequential, and posting a paper notice at the office or in the village
    needs someone to travel there. It blocks no level.

    ## Example
    ```
    [เจ้าหน้าที่] ปิดประกาศ ณ ที่ทำการ 15 วัน -> (timer P15D) -> พิจารณา
    ```

    ## Use instead
    Publish the notice on the agency's website or an e-participation portal and
    run the period beside the technical review (`publish-notice-online`).

    ## Known problems
    * Timers without notice wording (waiting for a report) are not reported.
    * A notice already published online (ประกาศทางเว็บไซต์) is not reported, even
      when its period still holds the case up.
    * A gateway that asks whether objections came in is not reported by itself.

    ## References
    * Factory Act B.E. 2535 and the DIW rules on public hearings (รับฟังความคิดเห็น).
    * Building Control Act B.E. 2522 and Land Code (survey notices, 30 days).
    * Royal Decree on Criteria and Procedures for Public Hearings B.E. 2548.
    * domain brief, pattern P24.
    """
    defs = ctx.defs
    notices: list[tuple[FlowNode, StepClass]] = []
    for node, step in ctx.nodes():
        if not _candidate(node):
            continue
        hits = standing(step, "P24")
        if hits and not digital_terms(step.texts):
            notices.append((node, step))
    boundary: dict[str, list[str]] = {}
    for other in defs.flow_nodes():
        if isinstance(other, BoundaryEvent) and _is_timer(other):
            boundary.setdefault(other.attached_to, []).append(other.id)
    attached: set[str] = set()
    waits: dict[str, list[str]] = {}
    for node, _ in notices:
        if _is_timer(node):
            continue
        for flow in defs.outgoing(node.id):
            if _is_timer(defs.node(flow.target)):
                waits.setdefault(node.id, []).append(flow.target)
                attached.add(flow.target)
        for b in boundary.get(node.id, ()):
            waits.setdefault(node.id, []).append(b)
            attached.add(b)
    by_id = {n.id: (n, st) for n, st in notices if n.id not in attached}
    for group in chains(ctx, by_id):
        head, head_step = by_id[group[0]]
        group_hits = [h for m in group for h in standing(by_id[m][1], "P24")]
        related = tuple(dict.fromkeys([*group[1:], *(t for m in group
                                                      for t in waits.get(m, ()))]))
        days = max((d for t in related if (d := _days(defs.node(t), ctx.steps[t])) is not None
                    and _is_timer(defs.node(t))), default=None)
        if days is None:
            own = _days(head, head_step)
            days = own if own is not None and own >= 1 else None
        ev: list[Evidence] = list(hit_evidence(group_hits))
        for m in group:
            for wait in waits.get(m, ()):
                timers = ", ".join(d.timer.text for d in timer_definitions(defs.node(wait))
                                   if d.timer is not None and d.timer.text)
                ev.append(Evidence(source="semantics",
                                   text=f"timer event '{label(ctx, wait)}' {timers}".rstrip()
                                        + f" follows '{label(ctx, m)}'",
                                   element_id=wait))
        name = label(ctx, head.id)
        th_days = f" {days:g} วัน" if days else ""
        en_days = f" of {days:g} days" if days else ""
        yield Finding(
            element_id=head.id,
            message_th=f"ขั้นตอน '{name}' ต้องปิดประกาศหรือรอระยะเวลาคัดค้าน{th_days}",
            message_en=f"'{name}' waits out a public notice or objection period{en_days}",
            evidence=tuple(dict.fromkeys(ev)),
            conditional=all(h.conditional for h in group_hits),
            related=related,
        )
