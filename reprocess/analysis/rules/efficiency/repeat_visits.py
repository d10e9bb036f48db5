"""EFF011: the applicant has to come to the office more than once."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterator

import networkx as nx

from reprocess.analysis.classify import StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.metrics import main_path
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    PERIODIC_WORDS,
    digital_terms,
    find_terms,
    is_activity_node,
    is_automated,
    label,
    loop_markers,
    standing_terms,
    term_evidence,
)
from reprocess.model import graph as g
from reprocess.model.elements import EventBasedGateway, ExclusiveGateway, InclusiveGateway
from reprocess.model.enums import Actor, Channel, StepKind

__all__ = ["repeat_visits", "visits_on_path"]

_REMOTE = frozenset({Channel.ONLINE, Channel.AUTOMATED, Channel.POST, Channel.PHONE})
_CHANNEL_WORDS = ("ช่องทาง", "channel", "ออนไลน์", "online", "เคาน์เตอร์", "counter")
_LOOKAHEAD = 12
_MAX_CHOICES = 16


def _message_partners(ctx: AnalysisContext) -> dict[str, str]:
    """For each node with a message flow, the pool at the other end (as metrics does)."""
    out: dict[str, str] = {}
    for mf in ctx.defs.message_flows:
        src = ctx.defs.pool_of(mf.source)
        dst = ctx.defs.pool_of(mf.target)
        if src is not None and dst is not None and src.id != dst.id:
            out.setdefault(mf.source, dst.id)
            out.setdefault(mf.target, src.id)
    return out


def visits_on_path(ctx: AnalysisContext, path: tuple[str, ...]) -> list[list[str]]:
    """Split the in-person steps of ``path`` into visits (lists of step ids).

    The same rule as :func:`reprocess.analysis.metrics.compute_metrics`: consecutive
    co-present steps at one place are one trip; another place (the pool at the other
    end of a message flow), a remote applicant step, a wait, a notification or a
    step of a day or more ends the trip.
    """
    partner = _message_partners(ctx)
    graph = ctx.defs.graph
    visits: list[list[str]] = []
    in_visit = False
    last_place: str | None = None
    for nid in path:
        c = ctx.steps[nid]
        if c.copresence:
            place = partner.get(nid) or graph.nodes[nid]["pool"]
            if in_visit and place != last_place and last_place is not None:
                in_visit = False
            last_place = place
            if not in_visit:
                visits.append([])
                in_visit = True
            visits[-1].append(nid)
        elif c.applicant_facing and c.channel in (Channel.ONLINE, Channel.POST, Channel.PHONE):
            in_visit = False
        elif c.kind is StepKind.INSPECT:
            pass
        elif (c.duration_days or 0) >= 1 or c.kind in (StepKind.WAIT, StepKind.NOTIFY):
            in_visit = False
    return visits


def _near_channels(ctx: AnalysisContext, start: str) -> set[Channel | None]:
    """Channels of the applicant steps within a few nodes after ``start``."""
    graph = ctx.defs.graph
    seen = {start}
    queue = deque([start])
    out: set[Channel | None] = set()
    while queue and len(seen) <= _LOOKAHEAD:
        n = queue.popleft()
        if ctx.steps[n].applicant_facing:
            out.add(ctx.steps[n].channel)
        for m in graph.successors(n):
            if m not in seen:
                seen.add(m)
                queue.append(m)
    return out


def _channel_gateways(ctx: AnalysisContext) -> list[str]:
    """Gateways where the applicant chooses a channel (online against counter or post).

    The test of :func:`reprocess.analysis.assessment.channel_choices`, made on the first
    few nodes of each branch, so that it stays linear in the size of the model.
    """
    out: list[str] = []
    for node in ctx.defs.flow_nodes():
        if not isinstance(node, ExclusiveGateway | InclusiveGateway | EventBasedGateway):
            continue
        flows = ctx.defs.outgoing(node.id)
        if len(flows) < 2:
            continue
        kinds = [_near_channels(ctx, f.target) for f in flows]
        digital = any(Channel.ONLINE in k for k in kinds)
        physical = any(k & {Channel.COUNTER, Channel.POST} for k in kinds)
        named = any(find_terms(x, _CHANNEL_WORDS)
                    for x in [node.name or "", *[f.name or "" for f in flows]])
        if (digital and physical) or (named and (digital or physical)):
            out.append(node.id)
    return out[:_MAX_CHOICES]


def _best_channel_exclusions(ctx: AnalysisContext) -> frozenset[str]:
    """Leave out, at each channel choice, the branches with more in-person steps."""
    excluded: set[str] = set()
    for gw in _channel_gateways(ctx):
        flows = ctx.defs.outgoing(gw)
        reach = {f.id: g.reachable_from(ctx.defs, f.target) - {gw} for f in flows}
        branches: dict[str, frozenset[str]] = {}
        for f in flows:
            others: set[str] = set()
            for o in flows:
                if o.id != f.id:
                    others |= reach[o.id]
            branches[f.id] = frozenset(reach[f.id] - others)

        def cost(item: tuple[str, frozenset[str]]) -> int:
            return sum(1 for n in item[1] if ctx.steps[n].copresence)

        keep = min(sorted(branches.items()), key=cost)[0]
        for flow, nodes in branches.items():
            if flow != keep:
                excluded |= nodes
    return frozenset(excluded)


def _in_person(ctx: AnalysisContext, step: StepClass) -> bool:
    """Return whether the applicant is physically at an office for this activity."""
    if not is_activity_node(ctx, step.element_id) or is_automated(ctx, step.element_id):
        return False
    if step.channel in _REMOTE or step.digital or digital_terms(step.texts):
        return False
    if step.copresence:
        return True
    return step.actor is Actor.APPLICANT and any(
        m.term in ("รายงานตัว", "report in person")
        for m, _ in standing_terms(step.texts, PERIODIC_WORDS))


def _periodic_loops(ctx: AnalysisContext) -> dict[str, Evidence]:
    """Return, for each node in a loop that has periodic wording, the evidence."""
    graph = ctx.defs.graph
    out: dict[str, Evidence] = {}
    for comp in nx.strongly_connected_components(graph):
        if len(comp) < 2:
            continue
        found: Evidence | None = None
        for n in sorted(comp):
            texts = [(p.text, n) for p in ctx.steps[n].texts]
            texts += [(f.name, f.id) for f in ctx.defs.outgoing(n)
                      if f.name and f.target in comp]
            for text, eid in texts:
                words = [m for m in find_terms(text, PERIODIC_WORDS) if not m.negated]
                if words:
                    found = Evidence(source="lexicon", text=f"«{words[0].term}» in “{text}” "
                                     "(in a loop)", element_id=eid)
                    break
            if found is not None:
                break
        if found is not None:
            for n in comp:
                out[n] = found
    return out


def _path_visits(ctx: AnalysisContext) -> tuple[list[list[str]], Collection[str]]:
    visits = visits_on_path(ctx, main_path(ctx))
    if len(visits) < 2:
        return visits, ()
    excluded = _best_channel_exclusions(ctx)
    if not excluded:
        return visits, ()
    return visits_on_path(ctx, main_path(ctx, excluded)), excluded


@rule(
    code="EFF011",
    name="repeat-visits",
    title="Applicant has to come back to the office",
    blocks=None,
    obstacles=("LAW", "IT"),
    patterns=(),
    fix="Remove the return visits: pay and receive the result online, report by app or "
        "e-mail, and keep an in-person step only where a law demands it",
    redesign=("remove-repeat-visits",),
)
def repeat_visits(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Counts the applicant's trips to an office along the main path (the path with the
    most applicant steps, computed as for the ``visits`` metric: consecutive
    in-person steps are one trip; a wait, a notification or a remote step ends it).
    With two or more trips it reports one finding, on the first step of the second
    trip, with the visit count in the message and the first step of every trip in
    ``related``. Where the applicant chooses a channel, the branch with the fewest
    in-person steps is taken. It also reports periodic in-person steps: an applicant
    step at an office that repeats (รายงานตัว, ทุกเดือน, monthly), sits in a loop with
    such words, or is a loop or multi-instance activity. The applicant's own steps
    are reported; the agency's side of the same visit (its co-present counter step)
    only when the model has no in-person step of the applicant.

    ## Why it matters
    Each trip costs the applicant travel, queueing and a day's wage (the Standard
    Cost Model counts two hours and 100 baht per visit by default); monthly
    reporting for six months is often most of a benefit's burden. A service can be
    online at L1 and still make the applicant come back to pay, collect or report.

    ## Example
    ```
    ยื่นคำขอ ณ สำนักงาน -> (รอพิจารณา 15 วัน) -> มาชำระค่าธรรมเนียม -> มารับใบอนุญาต
    [ผู้ว่างงาน] รายงานตัวทุกเดือน ณ สำนักงานจัดหางาน (6 ครั้ง)
    ```

    ## Use instead
    Pay online on the approval notice and receive an e-licence; report by app or
    e-mail (`remove-repeat-visits`).

    ## Known problems
    * The visit count follows the ``visits`` metric; changes to that metric should be
      mirrored in :func:`visits_on_path`.
    * Only the main path is counted: a return visit on a rarer branch is not.
    * Channel choices are recognised on the first dozen nodes of each branch (at most
      16 gateways), not on whole branches as the assessment does, to stay linear.
    * A loop without periodic wording back to an applicant step is rework (EFF010).

    ## References
    * Electronic Government Administration Act B.E. 2565: applications, payments and
      results by electronic means.
    * Licensing Facilitation Act B.E. 2558, s.7 (the manual states the steps).
    * Social Security Act B.E. 2533 and DOE rules on reporting (รายงานตัว) (◐).
    * domain brief, metric ``n_visits`` (§3.7) and example E9.
    """
    periodic_loop = _periodic_loops(ctx)
    findings: dict[str, Finding] = {}
    present = [(n, s) for n, s in ctx.activities() if _in_person(ctx, s)]
    own = [(n, s) for n, s in present if s.actor is Actor.APPLICANT]
    for node, step in own or present:
        ev: list[Evidence] = []
        why_th: list[str] = []
        why_en: list[str] = []
        words = standing_terms(step.texts, PERIODIC_WORDS) if step.actor is Actor.APPLICANT else []
        if words:
            ev.extend(term_evidence(m.term, part) for m, part in words[:2])
            why_th.append(f"«{words[0][0].term}»")
            why_en.append(f"«{words[0][0].term}»")
        markers = loop_markers(ctx, node.id)
        if markers:
            ev.extend(Evidence(source="semantics", text=f"{m} on the activity") for m in markers)
            why_th.append("ทำซ้ำหลายรอบ (loop/multi-instance)")
            why_en.append("a loop or multi-instance activity")
        if node.id in periodic_loop and not words:
            ev.append(periodic_loop[node.id])
            why_th.append("อยู่ในวงรอบที่ทำเป็นระยะ")
            why_en.append("in a periodic loop")
        if not ev:
            continue
        ev.extend(step.evidence.get("copresence", ()))
        name = label(ctx, node.id)
        findings[node.id] = Finding(
            element_id=node.id,
            message_th=f"ผู้ขอต้องมาด้วยตนเองที่ขั้นตอน '{name}' ซ้ำเป็นระยะ ({', '.join(why_th)})",
            message_en=f"the applicant must come in person to '{name}' repeatedly "
                       f"({', '.join(why_en)})",
            evidence=tuple(ev),
            conditional=step.conditional,
        )

    visits, excluded = _path_visits(ctx)
    if len(visits) >= 2:
        n = len(visits)
        starts = [v[0] for v in visits]
        target = starts[1]
        names = ", ".join(f"'{label(ctx, s)}'" for s in starts)
        ev = [Evidence(source="structure",
                       text=f"{n} visits on the main path, starting at " + ", ".join(starts)
                            + (f" (other channel branches left out: {len(excluded)} nodes)"
                               if excluded else ""))]
        for s in starts:
            ev.extend(e.model_copy(update={"element_id": e.element_id or s})
                      for e in ctx.steps[s].evidence.get("copresence", ())[:1])
        extra = findings.pop(target, None)
        if extra is not None:
            ev.extend(extra.evidence)
        findings[target] = Finding(
            element_id=target,
            message_th=f"ผู้ขอต้องเดินทางมาติดต่อ {n} ครั้ง: {names} "
                       f"(ครั้งที่สองเริ่มที่ '{label(ctx, target)}')",
            message_en=f"the applicant has to come {n} times: {names} "
                       f"(the second visit starts at '{label(ctx, target)}')",
            evidence=tuple(dict.fromkeys(ev)),
            conditional=all(ctx.steps[s].conditional for s in starts[1:]),
            related=tuple(s for s in starts if s != target),
        )
    order = {n.id: i for i, n in enumerate(ctx.defs.flow_nodes())}
    for key in sorted(findings, key=order.__getitem__):
        yield findings[key]
