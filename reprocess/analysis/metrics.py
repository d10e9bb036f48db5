"""As-is metrics of a service: steps, visits, procedures, documents, hand-offs, time, burden.

Definitions follow ``domain.md`` section 3.7: Doing Business (procedures, elapsed time
along the critical path), the Standard Cost Model (applicant hours and out-of-pocket
cost per case, times cases per year), the once-only principle and the EU online
availability score. Every number is computed from the model and its classification;
nothing is typed in by hand.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal

import networkx as nx

from reprocess import thai
from reprocess.analysis.context import AnalysisContext
from reprocess.model import graph as g
from reprocess.model.base import Model
from reprocess.model.enums import Actor, Channel, StepKind

__all__ = ["BurdenParams", "Metrics", "compute_metrics", "main_path", "rework_nodes"]


class BurdenParams(Model):
    """Standard Cost Model parameters (✎ defaults; set them per study).

    Examples:
        >>> BurdenParams().hourly_tariff_baht
        Decimal('50')
    """

    hourly_tariff_baht: Decimal = Decimal("50")
    """Value of one applicant hour: the minimum daily wage (about 400 baht) over 8 hours."""
    visit_hours: float = 2.0
    """Travel and queueing time per office visit, in hours."""
    visit_cost_baht: Decimal = Decimal("100")
    """Travel cost per office visit, in baht."""
    copy_cost_baht: Decimal = Decimal("1")
    """Cost of one photocopy, in baht."""
    certified_copy_minutes: float = 5.0
    """Time to certify one copy (sign it), in minutes."""
    minutes_per_day: float = 450.0
    """Minutes in a working day (08:30-16:30 less lunch)."""
    default_cases_per_year: int = 1000
    """Cases per year when the service header does not say."""


class Metrics(Model):
    """Before/after numbers of a service (see ``domain.md`` section 3.7)."""

    steps: int = 0
    applicant_steps: int = 0
    internal_steps: int = 0
    visits: int = 0
    procedures: int = 0
    documents: int = 0
    originals: int = 0
    copies: int = 0
    certified_copies: int = 0
    state_documents_requested: int = 0
    units: int = 0
    lane_handoffs: int = 0
    agency_handoffs: int = 0
    approval_depth: int = 0
    signatures: int = 0
    inspections: int = 0
    payment_steps: int = 0
    fees_baht: Decimal = Decimal("0")
    elapsed_days: float | None = None
    """Longest start-to-end duration (critical path), in days, for the usual course of a
    case (rework and rejection branches and the channel not taken count zero); ``None``
    when no step has a duration."""
    durations_complete: bool = False
    """Every activity on the critical path has a duration."""
    work_days: float | None = None
    """Sum of all step durations, in days."""
    rework_loops: int = 0
    once_only_score: float | None = None
    online_availability: float | None = None
    applicant_hours: float = 0.0
    out_of_pocket_baht: Decimal = Decimal("0")
    cases_per_year: int = 0
    annual_burden_hours: float = 0.0
    annual_burden_baht: Decimal = Decimal("0")


def rework_nodes(ctx: AnalysisContext) -> frozenset[str]:
    """Return the nodes of rework or rejection branches (their text or incoming flow says
    so: ``แก้ไข``, ``ไม่ครบ``, ``ไม่อนุมัติ``, ``reject``, ... the lexicon's ``rework`` table).
    """
    if "metrics.rework" in ctx.defs.memo:
        cached: frozenset[str] = ctx.defs.memo["metrics.rework"]
        return cached
    out = set()
    for node, step in ctx.nodes():
        texts = [p.text for p in step.texts if p.field == "name"]
        texts += [thai.normalize(f.name) for f in ctx.defs.incoming(node.id) if f.name]
        if any(ctx.lexicon.match(t, tables=("rework",)) for t in texts):
            out.add(node.id)
    result = ctx.defs.memo["metrics.rework"] = frozenset(out)
    return result


def main_path(ctx: AnalysisContext, excluded: Collection[str] = ()) -> tuple[str, ...]:
    """Return the applicant's main path from a start to an end (loops cut).

    The path with the most applicant-facing steps, avoiding rework and rejection
    branches (:func:`rework_nodes`); ties go to the longer path, then to document
    order. ``excluded`` nodes (the branches of a channel not taken) are left out.
    """
    key = ("metrics.main_path", frozenset(excluded))
    memo = ctx.defs.memo
    if key in memo:
        cached: tuple[str, ...] = memo[key]
        return cached
    graph = ctx.defs.graph
    skip_edges = {(u, v) for u, v, _ in g.back_edges(ctx.defs)}
    tops = {p.id for p in ctx.defs.processes}
    top = {n for n in graph.nodes
           if n not in excluded and graph.nodes[n]["container"] in tops}
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(n for n in graph.nodes if n in top)
    dag.add_edges_from((u, v) for u, v in graph.edges()
                       if u in top and v in top and (u, v) not in skip_edges)
    order = {n: i for i, n in enumerate(graph.nodes)}
    rework = rework_nodes(ctx)
    score: dict[str, tuple[int, int]] = {}
    back: dict[str, str | None] = {}
    for n in nx.topological_sort(dag):  # deterministic: follows document order
        w = -10 if n in rework else (1 if ctx.steps[n].applicant_facing else 0)
        best: tuple[tuple[int, int], str] | None = None
        for p in sorted(dag.predecessors(n), key=order.__getitem__):
            if best is None or score[p] > best[0]:
                best = (score[p], p)
        if best is None:
            score[n], back[n] = (w, 1), None
        else:
            score[n], back[n] = (best[0][0] + w, best[0][1] + 1), best[1]
    ends = [n for n in dag.nodes if dag.out_degree(n) == 0]
    if not ends:
        memo[key] = ()
        return ()
    end = max(ends, key=lambda e: score[e])
    path: list[str] = []
    cur: str | None = end
    while cur is not None:
        path.append(cur)
        cur = back[cur]
    result = memo[key] = tuple(reversed(path))
    return result


def compute_metrics(
    ctx: AnalysisContext,
    excluded: Collection[str] = (),
    params: BurdenParams | None = None,
) -> Metrics:
    """Compute the metrics of the service in ``ctx``, leaving ``excluded`` nodes out."""
    p = params or BurdenParams()
    ex = set(excluded)
    acts = [(n, c) for n, c in ctx.activities() if n.id not in ex]
    path = main_path(ctx, ex)

    applicant = [c for _, c in acts if c.applicant_facing]
    internal = [c for _, c in acts if not c.applicant_facing]

    # visits and procedures along the main path
    visits = 0
    procedures = 0
    in_visit = False
    last_unit: str | None = None
    last_place: str | None = None
    partner = _message_partners(ctx)
    for nid in path:
        c = ctx.steps[nid]
        if c.copresence:
            unit = ctx.defs.graph.nodes[nid]["lane"] or ctx.defs.graph.nodes[nid]["pool"]
            place = partner.get(nid) or ctx.defs.graph.nodes[nid]["pool"]
            if in_visit and place != last_place and last_place is not None:
                in_visit = False
            last_place = place
            if not in_visit:
                visits += 1
                procedures += 1
                in_visit = True
            elif unit != last_unit and c.actor is not Actor.APPLICANT:
                procedures += 1
            if c.actor is not Actor.APPLICANT:
                last_unit = unit
        elif c.applicant_facing and c.channel in (Channel.ONLINE, Channel.POST, Channel.PHONE):
            procedures += 1
            in_visit = False
        elif c.kind is StepKind.INSPECT:
            procedures += 1
        elif (c.duration_days or 0) >= 1 or c.kind in (StepKind.WAIT, StepKind.NOTIFY):
            in_visit = False

    # documents requested (inputs, not results)
    docs = [d for d in ctx.documents() if not d.is_store and not d.writers
            and not (d.readers and all(r in ex for r in d.readers))]
    originals = sum(d.originals if d.originals is not None else (0 if d.copies else 1)
                    for d in docs)
    copies = sum(d.copies or 0 for d in docs)
    certified = sum(d.copies or 0 for d in docs if d.certified)
    state_req = [d for d in docs if d.state_issued]

    # hand-offs
    lane_h = agency_h = 0
    for h in g.handoffs(ctx.defs):
        if h.source in ex or h.target in ex:
            continue
        if h.kind == "lane":
            lane_h += 1
        elif not (ctx.is_applicant_pool(h.from_unit) or ctx.is_applicant_pool(h.to_unit)):
            agency_h += 1
    units = {ctx.defs.graph.nodes[n.id]["lane"] for n, c in acts
             if not c.applicant_facing or c.actor is not Actor.APPLICANT}
    units.discard(None)

    # approvals: the path with the most approval steps
    approval_depth = _max_on_path(ctx, ex, lambda nid: ctx.steps[nid].kind is StepKind.APPROVE)
    signatures = sum(1 for _, c in acts
                     if c.kind is StepKind.APPROVE or c.standing_hits("P06"))
    inspections = sum(1 for _, c in acts if c.kind is StepKind.INSPECT)
    pays = [c for _, c in acts if c.kind is StepKind.PAY]
    fees = sum((c.fee for _, c in acts if c.fee is not None), Decimal("0"))

    # time
    rework = rework_nodes(ctx)

    def weight(node: object) -> float:
        nid = getattr(node, "id", "")
        if nid in ex or nid in rework:  # the usual course of a case: no rework, one channel
            return 0.0
        return ctx.steps[nid].duration_days or 0.0

    known = [c.duration_days for _, c in acts if c.duration_days is not None]
    elapsed: float | None = None
    complete = False
    if known:
        total, cp = g.critical_path(ctx.defs, weight)
        elapsed = total
        complete = all(ctx.steps[n].duration_days is not None for n in cp
                       if ctx.steps[n].is_activity)
    work = round(sum(known), 6) if known else None
    loops = sum(1 for loop in g.loops(ctx.defs) if not set(loop) <= ex)

    # once-only and online availability
    state_all = [d for d in ctx.documents() if d.state_issued and not d.writers]
    once_only = None
    if state_all:
        fetched = [d for d in state_all if d.is_store or d.medium.value == "electronic"]
        once_only = round(len(fetched) / len(state_all), 4)
    scores = []
    for _, c in acts:
        if not c.applicant_facing:
            continue
        if c.channel in (Channel.ONLINE, Channel.AUTOMATED):
            scores.append(100.0)
        elif c.standing_hits("P26") or c.medium.value == "mixed":
            scores.append(50.0)
        else:
            scores.append(0.0)
    availability = round(sum(scores) / len(scores), 2) if scores else None

    # Standard Cost Model: the applicant's time and money per case
    minutes = sum((c.duration_days or 0) * p.minutes_per_day
                  for c in applicant if c.actor is Actor.APPLICANT or c.copresence
                  if (c.duration_days or 0) < 1)
    hours = round(minutes / 60 + visits * p.visit_hours
                  + certified * p.certified_copy_minutes / 60, 4)
    oop = visits * p.visit_cost_baht + copies * p.copy_cost_baht
    service = next((pr.service for pr in ctx.defs.processes if pr.service is not None), None)
    part_service = next((pa.service for pa in ctx.defs.participants if pa.service is not None),
                        None)
    header = service or part_service
    cases = (header.cases_per_year if header and header.cases_per_year is not None
             else p.default_cases_per_year)
    return Metrics(
        steps=len(acts),
        applicant_steps=len(applicant),
        internal_steps=len(internal),
        visits=visits,
        procedures=procedures,
        documents=len(docs),
        originals=originals,
        copies=copies,
        certified_copies=certified,
        state_documents_requested=len(state_req),
        units=len(units),
        lane_handoffs=lane_h,
        agency_handoffs=agency_h,
        approval_depth=approval_depth,
        signatures=signatures,
        inspections=inspections,
        payment_steps=len(pays),
        fees_baht=fees,
        elapsed_days=elapsed,
        durations_complete=complete,
        work_days=work,
        rework_loops=loops,
        once_only_score=once_only,
        online_availability=availability,
        applicant_hours=hours,
        out_of_pocket_baht=oop,
        cases_per_year=cases,
        annual_burden_hours=round(hours * cases, 2),
        annual_burden_baht=(Decimal(str(hours)) * p.hourly_tariff_baht + oop) * cases,
    )


def _message_partners(ctx: AnalysisContext) -> dict[str, str]:
    """For each node with a message flow, the pool at the other end (where it goes)."""
    out: dict[str, str] = {}
    for mf in ctx.defs.message_flows:
        src = ctx.defs.pool_of(mf.source)
        dst = ctx.defs.pool_of(mf.target)
        if src is not None and dst is not None and src.id != dst.id:
            out.setdefault(mf.source, dst.id)
            out.setdefault(mf.target, src.id)
    return out


def _max_on_path(ctx: AnalysisContext, ex: set[str], pred: object) -> int:
    graph = ctx.defs.graph
    skip = {(u, v) for u, v, _ in g.back_edges(ctx.defs)}
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(n for n in graph.nodes if n not in ex)
    dag.add_edges_from((u, v) for u, v in graph.edges()
                       if u not in ex and v not in ex and (u, v) not in skip)
    best: dict[str, int] = {}
    check = pred if callable(pred) else (lambda _nid: False)
    for n in nx.topological_sort(dag):
        w = 1 if check(n) else 0
        best[n] = w + max((best[q] for q in dag.predecessors(n)), default=0)
    return max(best.values(), default=0)
