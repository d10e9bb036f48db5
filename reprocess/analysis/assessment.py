"""The e-Service level of a service, from its diagnostics, with alternative channels.

``can_apply_online``, ``can_pay_online`` (``None`` without a fee step) and
``result_electronic`` are the three rungs of OPDC's ladder; the level is the highest
unbroken rung (``L0`` when the application itself cannot be lodged online).

Where a gateway lets the applicant choose a channel (online or counter), the level is
what the best complete choice achieves; diagnostics on the branch not taken are
reported as an alternative channel kept, not as blockers.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence

from reprocess import thai
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Diagnostic, FindingStatus
from reprocess.analysis.metrics import BurdenParams, Metrics, compute_metrics
from reprocess.model import graph as g
from reprocess.model.base import Model
from reprocess.model.domain import ServiceInfo
from reprocess.model.elements import EventBasedGateway, ExclusiveGateway, InclusiveGateway
from reprocess.model.enums import Channel, EServiceLevel, StepKind

__all__ = ["Assessment", "Blocker", "ChannelChoice", "assess", "channel_choices"]

_CHANNEL_WORDS = ("ช่องทาง", "channel", "ออนไลน์", "online", "เคาน์เตอร์", "counter")


class Blocker(Model):
    """A step or document that keeps the service below a level."""

    code: str
    element_id: str | None
    element_name: str | None
    patterns: tuple[str, ...] = ()
    conditional: bool = False


class ChannelChoice(Model):
    """A gateway where the applicant chooses a channel, and the branch taken."""

    gateway: str
    chosen_flow: str
    other_flows: tuple[str, ...]


class Assessment(Model):
    """The level of one service today, its flags, blockers by level and metrics."""

    level: EServiceLevel
    can_apply_online: bool
    can_pay_online: bool | None
    """``None`` when the service has no fee step (L2 not applicable)."""
    result_electronic: bool
    open_data: bool | None
    """``None`` when the service keeps no register that could be published."""
    end_to_end: bool
    """All applicant steps digital, no visit, no state-document copy, result electronic."""
    blockers: dict[str, tuple[Blocker, ...]]
    """Open blocking diagnostics by level blocked: ``{"L1": (...), "L2": (...), "L3": (...)}``;
    conditional ones are listed with ``conditional=True`` and do not lower the level."""
    channels: tuple[ChannelChoice, ...] = ()
    metrics: Metrics
    service: ServiceInfo | None = None


def _branch_nodes(ctx: AnalysisContext, gateway: str) -> dict[str, frozenset[str]]:
    """Nodes reachable from each outgoing flow of ``gateway`` and from no other."""
    flows = ctx.defs.outgoing(gateway)
    reach = {f.id: g.reachable_from(ctx.defs, f.target) - {gateway} for f in flows}
    out: dict[str, frozenset[str]] = {}
    for f in flows:
        others: set[str] = set()
        for o in flows:
            if o.id != f.id:
                others |= reach[o.id]
        out[f.id] = frozenset(reach[f.id] - others)
    return out


def _first_channels(ctx: AnalysisContext, start: str, gateway: str,
                    limit: int = 12) -> set[Channel | None]:
    """Channels of the first applicant-facing steps after ``start`` (bounded search)."""
    g = ctx.defs.graph
    seen = {gateway, start}
    frontier = [start]
    found: set[Channel | None] = set()
    steps = 0
    while frontier and steps < limit:
        nid = frontier.pop(0)
        steps += 1
        cls = ctx.steps[nid]
        if cls.applicant_facing and cls.is_activity:
            found.add(cls.channel)
            continue
        for nxt in g.successors(nid):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return found


def channel_choices(ctx: AnalysisContext) -> dict[str, dict[str, frozenset[str]]]:
    """Return the channel-choice gateways with the nodes exclusive to each branch.

    A gateway is a channel choice when one branch starts with an online applicant
    step and another with a counter or post one, or when its name or its flows name
    a channel. Only such gateways get the (linear) branch computation.
    """
    if "assessment.channels" in ctx.defs.memo:
        cached: dict[str, dict[str, frozenset[str]]] = ctx.defs.memo["assessment.channels"]
        return cached
    out: dict[str, dict[str, frozenset[str]]] = {}
    for node in ctx.defs.flow_nodes():
        if not isinstance(node, ExclusiveGateway | InclusiveGateway | EventBasedGateway):
            continue
        flows = ctx.defs.outgoing(node.id)
        if len(flows) < 2:
            continue
        kinds = [_first_channels(ctx, f.target, node.id) for f in flows]
        digital = any(Channel.ONLINE in k for k in kinds)
        physical = any(k & {Channel.COUNTER, Channel.POST} for k in kinds)
        named = any(w in thai.normalize(x) for x in [node.name or "", *[f.name or "" for f in flows]]
                    for w in _CHANNEL_WORDS)
        if (digital and physical) or (named and (digital or physical)):
            out[node.id] = _branch_nodes(ctx, node.id)
    ctx.defs.memo["assessment.channels"] = out
    return out


def _flags(
    diags: Sequence[Diagnostic], ctx: AnalysisContext, excluded: Collection[str]
) -> tuple[bool, bool | None, bool, list[Diagnostic]]:
    live = [d for d in diags if d.counts_for_level and not _excluded(d, ctx, excluded)]
    l1 = not any(d.blocks == EServiceLevel.L1 for d in live)
    has_fee = any(c.kind is StepKind.PAY or (c.fee or 0) > 0
                  for n, c in ctx.activities() if n.id not in excluded) or any(
        d.code.startswith("PAY") for d in live)
    l2 = (not any(d.blocks == EServiceLevel.L2 for d in live)) if has_fee else None
    l3 = not any(d.blocks == EServiceLevel.L3 for d in live)
    return l1, l2, l3, live


def _excluded(d: Diagnostic, ctx: AnalysisContext, excluded: Collection[str]) -> bool:
    if not excluded or d.element_id is None:
        return False
    if d.element_id in excluded:
        return True
    doc = ctx.docs.get(d.element_id)
    return bool(doc and doc.readers and all(r in excluded for r in doc.readers))


def _level(l1: bool, l2: bool | None, l3: bool) -> EServiceLevel:
    if not l1:
        return EServiceLevel.L0
    if l2 is False:
        return EServiceLevel.L1
    if not l3:
        return EServiceLevel.L2
    return EServiceLevel.L3


def assess(
    ctx: AnalysisContext,
    diagnostics: Sequence[Diagnostic],
    params: BurdenParams | None = None,
) -> tuple[Assessment, tuple[Diagnostic, ...]]:
    """Assess the service; return the assessment and the diagnostics with their status.

    Diagnostics on a channel branch not taken get ``status="alternative-channel"``
    when the chosen channel reaches the level they would block (always, for
    findings that block no level).
    """
    choices = channel_choices(ctx)
    options: list[tuple[tuple[ChannelChoice, ...], frozenset[str]]] = []
    gateways = sorted(choices)
    combos = itertools.islice(
        itertools.product(*[sorted(choices[gw]) for gw in gateways]), 256)
    for combo in combos:
        excluded: set[str] = set()
        picked = []
        for gw, flow in zip(gateways, combo, strict=True):
            for other, nodes in sorted(choices[gw].items()):
                if other != flow:
                    excluded |= nodes
            picked.append(ChannelChoice(
                gateway=gw, chosen_flow=flow,
                other_flows=tuple(f for f in sorted(choices[gw]) if f != flow)))
        options.append((tuple(picked), frozenset(excluded)))
    if not options:
        options = [((), frozenset())]

    def score(opt: tuple[tuple[ChannelChoice, ...], frozenset[str]]) -> tuple[int, int]:
        l1, l2, l3, live = _flags(diagnostics, ctx, opt[1])
        return _level(l1, l2, l3).rank, -len(live)

    chosen, left_out = max(options, key=score)  # first of equal options (document order)
    l1, l2, l3, _ = _flags(diagnostics, ctx, left_out)
    level = _level(l1, l2, l3)

    out: list[Diagnostic] = []
    for d in diagnostics:
        if (d.is_open and (d.blocks is None or level >= d.blocks)
                and not d.code.startswith("STR") and _excluded(d, ctx, left_out)):
            out.append(d.model_copy(update={"status": FindingStatus.ALTERNATIVE}))
        else:
            out.append(d)

    shown = [d for d in out if d.is_open and d.blocking and d.blocks is not None
             and not _excluded(d, ctx, left_out)]
    blockers: dict[str, tuple[Blocker, ...]] = {}
    for lvl in (EServiceLevel.L1, EServiceLevel.L2, EServiceLevel.L3):
        blockers[lvl.value] = tuple(
            Blocker(code=d.code, element_id=d.element_id, element_name=d.element_name,
                    patterns=d.patterns, conditional=d.conditional)
            for d in shown if d.blocks == lvl)
    metrics = compute_metrics(ctx, left_out, params)
    odt = [d for d in out if d.code.startswith("ODT")]
    stores = [doc for doc in ctx.documents() if doc.is_store]
    open_data: bool | None = None if not stores and not odt else not any(d.is_open for d in odt)
    end_to_end = (level is EServiceLevel.L3 and metrics.visits == 0
                  and metrics.state_documents_requested == 0)
    header = next((p.service for p in ctx.defs.processes if p.service is not None), None) or next(
        (p.service for p in ctx.defs.participants if p.service is not None), None)
    assessment = Assessment(
        level=level,
        can_apply_online=l1,
        can_pay_online=l2,
        result_electronic=l3,
        open_data=open_data,
        end_to_end=end_to_end,
        blockers=blockers,
        channels=chosen,
        metrics=metrics,
        service=header,
    )
    return assessment, tuple(out)
