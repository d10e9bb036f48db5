"""EFF010: a decision sends the case back to the applicant, in a loop (rework)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import networkx as nx

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    PERIODIC_WORDS,
    find_terms,
    is_activity_node,
    label,
    lexicon_terms,
    topology,
)
from reprocess.model.elements import (
    ComplexGateway,
    EventBasedGateway,
    ExclusiveGateway,
    InclusiveGateway,
)

__all__ = ["rework_loop_to_applicant"]

REWORK_WORDS: tuple[str, ...] = (
    "ไม่ครบ", "ไม่ถูกต้อง", "ไม่สมบูรณ์", "แก้ไข", "เพิ่มเติม", "ขาด", "ส่งคืน", "คืนเรื่อง",
    "incomplete", "missing", "not complete", "correct", "rework", "resubmit", "return",
)
"""Words that say why the case goes back (quoted as evidence, not required), besides the
lexicon's ``rework`` table."""

_DECISION = (ExclusiveGateway, InclusiveGateway, ComplexGateway, EventBasedGateway)
_MAX_BODY = 500
"""Nodes searched per loop: real rework loops are small; this keeps huge loops linear."""


def _within(graph: nx.MultiDiGraph[str], start: str, comp: frozenset[str],
            forward: bool) -> list[str]:
    """Nodes of ``comp`` reached from ``start`` (forward or backward), breadth first."""
    seen = {start}
    order = [start]
    queue = deque([start])
    while queue and len(order) < _MAX_BODY:
        n = queue.popleft()
        nxt = graph.successors(n) if forward else graph.predecessors(n)
        for m in nxt:
            if m in comp and m not in seen:
                seen.add(m)
                order.append(m)
                queue.append(m)
    return order


def _text_of(ctx: AnalysisContext, element_id: str) -> list[tuple[str, str]]:
    """Return ``(text, element id)`` of a node and of its outgoing flows' names."""
    out = [(p.text, element_id) for p in ctx.steps[element_id].texts]
    out += [(f.name, f.id) for f in ctx.defs.outgoing(element_id) if f.name]
    return out


@rule(
    code="EFF010",
    name="rework-loop-to-applicant",
    title="Case sent back to the applicant in a loop",
    blocks=None,
    obstacles=("IT", "CAPACITY"),
    patterns=(),
    fix="Check completeness once, list every missing document in one request (LFA s.8) "
        "and let the applicant add them online without starting again",
    redesign=("request-missing-documents-once",),
)
def rework_loop_to_applicant(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds loops that go back through a decision gateway (exclusive, inclusive,
    complex or event-based) to a step the applicant does or attends: the classic
    "เอกสารไม่ครบ → ยื่นเพิ่ม/แก้ไข → ตรวจสอบอีกครั้ง". The finding is on the first
    applicant step of the loop; the gateways and the flow that closes the loop are in
    ``related``, and the evidence quotes the flow and any words of the reason
    (ไม่ครบ, แก้ไข, incomplete ...). Loops with periodic wording (รายงานตัว, ทุกเดือน)
    are repeat visits (EFF011), not rework.

    ## Why it matters
    Every round trip costs the applicant a visit or a resubmission and restarts the
    agency's clock. The Licensing Facilitation Act (s.8) lets the official ask for
    missing documents once, listing them all, and the application is then complete;
    an open loop in the process allows any number of rounds. Counted as
    ``rework_loops`` (§3.7).

    ## Example
    ```
    ยื่นคำขอ -> ตรวจสอบเอกสาร -> <เอกสารครบ?> --ไม่ครบ--> [ผู้ขอ] ยื่นเอกสารเพิ่มเติม -> ตรวจสอบเอกสาร
    ```

    ## Use instead
    Validate the e-form before submission, check once, list every missing item in
    one request with a deadline and a record signed by both sides, and accept the
    missing documents online (`request-missing-documents-once`).

    ## Known problems
    * Loops that stay inside the agency (an officer corrects its own work) are not
      reported.
    * A loop drawn with a conditional flow from a task instead of a gateway is not
      reported.
    * Resubmission online is still rework and is reported.
    * The body of a loop is searched up to 500 nodes, so that models with very
      large loops stay fast; a larger body is cut.
    * A model that states the one-request rule (แจ้งครั้งเดียว) is still reported
      when the loop has no exit after one round: the diagram allows more.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.8 (one request for missing documents,
      recorded) and s.10.
    * domain brief, §3.7 metric ``rework_loops`` and §4.3 (loops).
    """
    topo = topology(ctx)
    if not topo.back:
        return
    graph = ctx.defs.graph
    comp_of: dict[str, frozenset[str]] = {}
    for comp in nx.strongly_connected_components(graph):
        if len(comp) > 1:
            frozen = frozenset(comp)
            for n in comp:
                comp_of[n] = frozen
    periodic: dict[str, bool] = {}
    reasons: dict[str, Evidence | None] = {}

    def is_periodic(n: str) -> bool:
        if n not in periodic:
            periodic[n] = any(not m.negated for text, _ in _text_of(ctx, n)
                              for m in find_terms(text, PERIODIC_WORDS))
        return periodic[n]

    def reason(n: str) -> Evidence | None:
        if n not in reasons:
            reasons[n] = None
            for text, eid in _text_of(ctx, n):
                words = [t for t, negated in lexicon_terms(ctx, text, "rework") if not negated]
                words += [m.term for m in find_terms(text, REWORK_WORDS) if not m.negated]
                if words:
                    reasons[n] = Evidence(source="lexicon", text=f"«{words[0]}» in “{text}”",
                                          element_id=eid)
                    break
        return reasons[n]

    ahead_of: dict[str, list[str]] = {}
    behind_of: dict[str, frozenset[str]] = {}
    found: dict[str, tuple[list[str], list[Evidence]]] = {}
    order: list[str] = []
    for u, v, k in topo.back:
        scc = comp_of.get(u)
        if scc is None or v not in scc:
            continue
        if v not in ahead_of:
            ahead_of[v] = _within(graph, v, scc, forward=True)
        if u not in behind_of:
            behind_of[u] = frozenset(_within(graph, u, scc, forward=False))
        behind = behind_of[u]
        body = [n for n in ahead_of[v] if n in behind]
        gateways = [n for n in body if isinstance(ctx.node(n), _DECISION)]
        if not gateways:
            continue
        # the deciding gateway (a split) first, then the joins
        gateways.sort(key=lambda n: len(ctx.defs.outgoing(n)) < 2)
        applicant = [n for n in body if is_activity_node(ctx, n)
                     and ctx.steps[n].applicant_facing]
        if not applicant or any(is_periodic(n) for n in body):
            continue  # no applicant step, or periodic reporting (EFF011)
        target = applicant[0]
        gw = gateways[0]
        ev = [Evidence(source="structure",
                       text=f"sequence flow '{k}' from '{label(ctx, u)}' loops back to "
                            f"'{label(ctx, v)}' through gateway '{label(ctx, gw)}'",
                       element_id=k)]
        why = next((r for n in body if (r := reason(n)) is not None), None)
        if why is not None:
            ev.append(why)
        related = [*gateways, k]
        if target not in found:
            found[target] = ([], [])
            order.append(target)
        rel, evs = found[target]
        rel.extend(r for r in related if r not in rel)
        evs.extend(e for e in ev if e not in evs)
    for target in order:
        rel, evs = found[target]
        name = label(ctx, target)
        gw_name = label(ctx, rel[0])
        yield Finding(
            element_id=target,
            message_th=f"ผู้ขอถูกส่งกลับไปทำขั้นตอน '{name}' ซ้ำเมื่อไม่ผ่าน '{gw_name}' "
                       "(วนซ้ำได้ไม่จำกัด) ทั้งที่มาตรา 8 พ.ร.บ.การอำนวยความสะดวกฯ "
                       "ให้แจ้งขอเอกสารที่ขาดได้ครั้งเดียว",
            message_en=f"the applicant is sent back to '{name}' when '{gw_name}' fails "
                       "(a loop with no limit); LFA s.8 allows one request for missing "
                       "documents",
            evidence=tuple(evs),
            related=tuple(r for r in rel if r != target),
        )
