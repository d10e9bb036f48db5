"""The redesign pipeline: analyse, run the passes in order, apply, re-analyse, report.

:func:`redesign` checks the as-is with the analysis engine, offers each pass of
:data:`DEFAULT_PASSES` the open diagnostics it takes (those naming it in ``redesign``,
or carrying one of its pattern ids) that no earlier pass resolved, collects the
changes, keeps back those that need a law change unless ``assume_law_change``, applies
the rest in one fold, re-analyses the to-be with the same engine and configuration,
and returns a :class:`~reprocess.redesign.proposal.Proposal`.

Passes see only the as-is (never a half-changed model); the pipeline tells each pass
which elements earlier passes renamed, removed or kept back, so that a step is named
once and a law-bound step is not converted by a later pass. A change that would do
nothing is dropped, which keeps the pipeline idempotent: redesigning a to-be changes
nothing more.

Examples:
    >>> from reprocess.model import Definitions, Process, StartEvent, EndEvent, UserTask
    >>> from reprocess.model import SequenceFlow
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     StartEvent(id="S", name="เริ่ม"), UserTask(id="T", name="ตรวจสอบคำขอ"),
    ...     EndEvent(id="E", name="จบ"), SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> p = redesign(d)
    >>> p.level_after.value, len(p.changes), p.element_fate["T"].fate
    ('L3', 0, 'kept')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, overload

from reprocess._gc import paused
from reprocess.analysis.config import Config, Sidecar
from reprocess.analysis.context import build_context
from reprocess.analysis.engine import Analysis, check
from reprocess.analysis.finding import Diagnostic, FindingStatus
from reprocess.analysis.metrics import BurdenParams
from reprocess.analysis.rule import Rule
from reprocess.model.base import field_or
from reprocess.model.elements import (
    DataObject,
    DataObjectReference,
    DataStoreReference,
    MessageFlow,
    SequenceFlow,
    _FlowNodeBase,
)
from reprocess.model.enums import EServiceLevel
from reprocess.model.process import Definitions
from reprocess.redesign.changes import (
    AddAlternativePath,
    AddLane,
    ChangeEffect,
    InsertAfter,
    InsertBefore,
    MoveToLane,
    Parallelize,
    RemoveDocument,
    RemoveNode,
    ReplaceNode,
    RerouteFlow,
    UpdateDocument,
    UpdateFlow,
    UpdateNode,
    apply_changes_with_effects,
)
from reprocess.redesign.passes import ALL_PASSES
from reprocess.redesign.prerequisites import Prerequisite
from reprocess.redesign.proposal import (
    ChangeLogEntry,
    ElementFate,
    FindingRef,
    Proposal,
    ProposalPair,
    Remaining,
    RemovedElement,
    compare_metrics,
)
from reprocess.redesign.transformation import Pass, PassInput, diagnostic_key

__all__ = ["DEFAULT_PASSES", "redesign", "targets_of"]

DEFAULT_PASSES: tuple[Pass, ...] = ALL_PASSES
"""The passes :func:`redesign` runs, in order (see ``reprocess.redesign.passes``)."""

MAX_ROUNDS = 3
"""Rounds of passes at most: a round may uncover findings the next one resolves."""

Variants = Literal["one", "both"]


@overload
def redesign(defs: Definitions, *, target: EServiceLevel | str = ...,
             assume_law_change: bool = ..., variants: Literal["one"] = ...,
             passes: Sequence[Pass] = ..., config: Config | None = ...,
             sidecar: Sidecar | None = ..., params: BurdenParams | None = ...,
             rules: Sequence[Rule] | None = ..., analysis: Analysis | None = ...,
             ) -> Proposal: ...


@overload
def redesign(defs: Definitions, *, target: EServiceLevel | str = ...,
             assume_law_change: bool = ..., variants: Literal["both"],
             passes: Sequence[Pass] = ..., config: Config | None = ...,
             sidecar: Sidecar | None = ..., params: BurdenParams | None = ...,
             rules: Sequence[Rule] | None = ..., analysis: Analysis | None = ...,
             ) -> ProposalPair: ...


def redesign(
    defs: Definitions,
    *,
    target: EServiceLevel | str = "L3",
    assume_law_change: bool = False,
    variants: Variants = "one",
    passes: Sequence[Pass] = DEFAULT_PASSES,
    config: Config | None = None,
    sidecar: Sidecar | None = None,
    params: BurdenParams | None = None,
    rules: Sequence[Rule] | None = None,
    analysis: Analysis | None = None,
) -> Proposal | ProposalPair:
    """Propose the digitized to-be process of a service.

    Args:
        defs: the as-is model.
        target: the e-Service level to reach (``"L1"``, ``"L2"`` or ``"L3"``).
        assume_law_change: also apply the replacements that need a legal change, and
            list the changes assumed. By default only what current law allows is
            applied; the other steps are kept with their LAW obstacles.
        variants: ``"one"`` for one proposal, ``"both"`` for a :class:`ProposalPair`
            (within current law, and assuming legal change) from one analysis.
        passes: the passes to run, in order.
        config: rule selection, severities and waivers (its target is replaced by
            ``target``).
        sidecar: facts and waivers keyed by element id.
        params: Standard Cost Model parameters for the burden metrics.
        rules: run these rules instead of the configured ones.
        analysis: the as-is analysis, when the caller has just made it with the same
            configuration (saves analysing the as-is again).

    Returns:
        A :class:`Proposal`, or a :class:`ProposalPair` when ``variants="both"``.

    Raises:
        ValueError: unknown target level or variants value.
    """
    with paused():  # many objects stay alive: automatic collection would be waste
        return _redesign(defs, target=target, assume_law_change=assume_law_change,
                         variants=variants, passes=passes, config=config, sidecar=sidecar,
                         params=params, rules=rules, analysis=analysis)


def _redesign(
    defs: Definitions,
    *,
    target: EServiceLevel | str,
    assume_law_change: bool,
    variants: Variants,
    passes: Sequence[Pass],
    config: Config | None,
    sidecar: Sidecar | None,
    params: BurdenParams | None,
    rules: Sequence[Rule] | None,
    analysis: Analysis | None,
) -> Proposal | ProposalPair:
    level = EServiceLevel(target)
    if variants not in ("one", "both"):
        raise ValueError(f"variants must be 'one' or 'both', not {variants!r}")
    cfg = (config or Config()).model_copy(update={"target": level})
    side = sidecar or Sidecar()
    if analysis is None:
        analysis = check(defs, config=cfg, sidecar=side, params=params, rules=rules)
    ctx = build_context(defs, cfg, side)
    run = _Run(defs, analysis, ctx, tuple(passes), cfg, side, params, rules)
    if variants == "both":
        return ProposalPair(within_law=run.propose(level, assume_law_change=False),
                            with_law_change=run.propose(level, assume_law_change=True))
    return run.propose(level, assume_law_change=assume_law_change)


def targets_of(change: Any) -> tuple[str, ...]:
    """Return the as-is element ids a change works on (anchors included).

    Examples:
        >>> targets_of(RemoveNode(element_id="T", reason_th="-", reason_en="-"))
        ('T',)
    """
    if isinstance(change, (InsertAfter, InsertBefore)):
        return (change.anchor,)
    if isinstance(change, Parallelize):
        return change.element_ids
    if isinstance(change, RerouteFlow):
        return tuple(x for x in (change.element_id, change.source, change.target) if x)
    if isinstance(change, AddLane):
        return (change.process_id,)
    return (change.element_id,)


def _added_ids(change: Any) -> tuple[str, ...]:
    if isinstance(change, (InsertAfter, InsertBefore, ReplaceNode)):
        return (change.node.id,)
    if isinstance(change, AddAlternativePath):
        return (change.gateway_id, change.join_id, change.node.id)
    if isinstance(change, Parallelize):
        return (change.fork_id, change.join_id)
    if isinstance(change, AddLane):
        return (change.lane_id,)
    return ()


def _facts_differ(current: Any, wanted: Any) -> bool:
    if wanted is None:
        return False
    for name in type(wanted).model_fields:
        value = getattr(wanted, name)
        if name == "change" or value is None:
            continue
        if current is None or getattr(current, name) != value:
            return True
    return False


def is_noop(change: Any, defs: Definitions) -> bool:
    """Return whether applying ``change`` to ``defs`` would change nothing."""
    added = _added_ids(change)
    if added:
        return any(defs.get(i) is not None for i in added)
    if isinstance(change, UpdateNode):
        node = defs.get(change.element_id)
        if not isinstance(node, _FlowNodeBase):
            return False
        texts = [d.text for d in node.documentation]
        return ((change.name is None or change.name == node.name)
                and (change.node_type is None
                     or change.node_type == getattr(node, "type", None))
                and not _facts_differ(node.facts, change.facts)
                and (change.documentation is None or change.documentation in texts)
                and (change.note is None or change.note in texts))
    if isinstance(change, UpdateDocument):
        doc = defs.get(change.element_id)
        if doc is None:
            return False
        return ((change.name is None or change.name == doc.name)
                and not _facts_differ(doc.document, change.document))
    if isinstance(change, UpdateFlow):
        flow = defs.get(change.element_id)
        return flow is not None and flow.name == change.name
    if isinstance(change, MoveToLane):
        lane = defs.lane_of(change.element_id)
        return lane is not None and lane.id == change.lane_id
    return False


class _Run:
    """One analysed as-is, proposing one or both variants."""

    def __init__(self, defs: Definitions, analysis: Analysis, ctx: Any, passes: tuple[Pass, ...],
                 config: Config, sidecar: Sidecar, params: BurdenParams | None,
                 rules: Sequence[Rule] | None) -> None:
        self.defs = defs
        self.analysis = analysis
        self.ctx = ctx
        self.passes = passes
        self.config = config
        self.sidecar = sidecar
        self.params = params
        self.rules = rules

    def propose(self, target: EServiceLevel, *, assume_law_change: bool) -> Proposal:
        """Run the passes until nothing more changes (at most :data:`MAX_ROUNDS` rounds).

        A change can uncover a finding the as-is did not show (a memo that now crosses
        lanes, a notice that left a loop); the next round takes it, so the to-be is a
        fixed point of the pipeline.
        """
        current, analysis, ctx = self.defs, self.analysis, self.ctx
        accepted: list[Any] = []
        effects: list[ChangeEffect] = []
        kept_back: dict[tuple[str, str, tuple[str, ...]], Any] = {}
        changed_ids: set[str] = set()
        for _ in range(MAX_ROUNDS):
            round_accepted, round_kept = self._collect(current, analysis, ctx,
                                                       assume_law_change)
            for c in round_kept:
                kept_back.setdefault((c.pass_name, c.op, targets_of(c)), c)
            if not round_accepted:
                break
            current, round_effects = apply_changes_with_effects(current, round_accepted,
                                                                skip_invalid=True)
            accepted.extend(round_accepted)
            effects.extend(round_effects)
            changed_ids |= {i for e in round_effects
                            for i in (*e.changed, *e.replaced, *e.added)}
            side = Sidecar(
                steps={k: v for k, v in self.sidecar.steps.items() if k not in changed_ids},
                documents={k: v for k, v in self.sidecar.documents.items()
                           if k not in changed_ids},
                waivers=self.sidecar.waivers)
            analysis = check(current, config=self.config, sidecar=side, params=self.params,
                             rules=self.rules)
            ctx = build_context(current, self.config, side)
        return _build(self.defs, current, self.analysis, analysis, accepted, effects,
                      list(kept_back.values()), target, assume_law_change, self.params)

    def _collect(self, defs: Definitions, analysis: Analysis, ctx: Any,
                 assume_law_change: bool) -> tuple[list[Any], list[Any]]:
        """Offer each pass its diagnostics; return the accepted and the kept-back changes."""
        findings = analysis.findings
        open_findings = tuple(d for d in findings if d.status is FindingStatus.OPEN)
        resolved: set[str] = set()
        claimed: dict[str, str] = {}
        removed: set[str] = set()
        taken: set[str] = set()
        held: set[str] = set()
        accepted: list[Any] = []
        kept_back: list[Any] = []
        for p in self.passes:
            offered = tuple(
                d for d in open_findings
                if diagnostic_key(d) not in resolved and p.takes(d)
                and (p.internal or d.element_id not in held) and d.element_id not in removed)
            if not offered:
                continue
            inp = PassInput(defs=defs, ctx=ctx, findings=offered, all_findings=findings,
                            claimed=dict(claimed), removed=frozenset(removed),
                            taken_ids=frozenset(taken))
            for change in p(inp):
                ids = targets_of(change)
                if any(i in removed for i in ids) or is_noop(change, defs):
                    continue
                if change.needs_law_change and not assume_law_change:
                    kept_back.append(change)
                    held.update(i for i in ids if not isinstance(change, AddLane))
                    continue
                accepted.append(change)
                resolved.update(change.resolves)
                taken.update(_added_ids(change))
                if isinstance(change, (UpdateNode, UpdateDocument)) and change.name is not None:
                    claimed.setdefault(change.element_id, p.name)
                if isinstance(change, (RemoveNode, RemoveDocument, ReplaceNode)):
                    removed.add(change.element_id)
                    claimed.setdefault(change.element_id, p.name)
        return accepted, kept_back


# -- the proposal ------------------------------------------------------------------------


def _ref(d: Diagnostic) -> FindingRef:
    return FindingRef(code=d.code, element_id=d.element_id, patterns=d.patterns,
                      blocks=d.blocks, obstacles=d.obstacles)


def _obstacles(prereqs: Sequence[Prerequisite]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(p.category for p in prereqs))


def _build(defs: Definitions, to_be: Definitions, before: Analysis, after: Analysis,
           accepted: list[Any], effects: list[ChangeEffect], kept_back: list[Any],
           target: EServiceLevel, assume_law_change: bool,
           params: BurdenParams | None) -> Proposal:
    after_open = {diagnostic_key(d) for d in after.findings if d.is_open}
    gone = {diagnostic_key(d): d for d in before.findings
            if d.is_open and diagnostic_key(d) not in after_open}
    credited: set[str] = set()
    entries: list[ChangeLogEntry] = []
    skipped: list[ChangeLogEntry] = []
    for change, effect in zip(accepted, effects, strict=True):
        if effect.error is not None:
            skipped.append(_entry(len(skipped), change, None, (), applied=False,
                                  note=f"not applied: {effect.error}"))
            continue
        mine = [k for k in change.resolves if k in gone and k not in credited]
        credited.update(mine)
        entries.append(_entry(len(entries), change, effect, tuple(gone[k] for k in mine)))
    # findings that went away without a change claiming them: credit the change
    # that touched their element
    for key, d in gone.items():
        if key in credited or d.element_id is None:
            continue
        for e_idx, entry in enumerate(entries):
            if d.element_id in (*entry.changed, *entry.replaced,
                                *(r.element_id for r in entry.removed)):
                entries[e_idx] = entry.model_copy(update={
                    "findings_resolved": (*entry.findings_resolved, _ref(d))})
                credited.add(key)
                break
    retained = [_entry(i, c, None, (), applied=False,
                       note="needs a law change (not assumed)")
                for i, c in enumerate(kept_back)]
    retained += [e.model_copy(update={"index": len(retained) + i})
                 for i, e in enumerate(skipped)]
    assumed = tuple(dict.fromkeys(p for c in accepted for p in c.prerequisites
                                  if p.needs_law_change)) if assume_law_change else ()
    before_m = before.assessment.metrics if before.assessment else None
    after_m = after.assessment.metrics if after.assessment else None
    from reprocess.analysis.metrics import Metrics

    level_before = before.level or EServiceLevel.L0
    level_after = after.level or EServiceLevel.L0
    return Proposal(
        target=target, assume_law_change=assume_law_change, as_is=defs, to_be=to_be,
        changes=tuple(entries), retained=tuple(retained),
        metrics=compare_metrics(before_m or Metrics(), after_m or Metrics(), params),
        level_before=level_before, level_after=level_after,
        target_reached=level_after >= target,
        remaining=_remaining(after, kept_back, target),
        legal_changes_assumed=assumed,
        element_fate=_fates(defs, to_be, entries),
    )


def _entry(index: int, change: Any, effect: ChangeEffect | None,
           resolved: tuple[Diagnostic, ...], *, applied: bool = True,
           note: str | None = None) -> ChangeLogEntry:
    effect = effect or ChangeEffect()
    replaced = tuple(dict.fromkeys(effect.replaced))
    changed = tuple(i for i in dict.fromkeys(effect.changed) if i not in replaced
                    and i not in effect.removed and i not in effect.added)
    removed = tuple(RemovedElement(element_id=k, reason_th=v[0], reason_en=v[1])
                    for k, v in effect.removed.items() if k not in replaced)
    return ChangeLogEntry(
        index=index, pass_name=change.pass_name, op=change.op, applied=applied,
        replaced=replaced, changed=changed, added=tuple(dict.fromkeys(effect.added)),
        removed=removed, addresses=change.resolves,
        findings_resolved=tuple(_ref(d) for d in resolved), patterns=change.patterns,
        obstacles=_obstacles(change.prerequisites), prerequisites=change.prerequisites,
        rationale_th=change.rationale_th, rationale_en=change.rationale_en, note=note,
        change=change)


def _remaining(after: Analysis, kept_back: list[Any],
               target: EServiceLevel) -> tuple[Remaining, ...]:
    out: list[Remaining] = []
    for d in after.findings:
        if not d.counts_for_level or d.blocks is None or d.blocks > target:
            continue
        held = [c for c in kept_back if d.element_id in targets_of(c)
                or diagnostic_key(d) in c.resolves]
        prereqs = tuple(dict.fromkeys(p for c in held for p in c.prerequisites))
        if held:
            why_th = "ต้องแก้กฎหมายก่อน: " + "; ".join(
                p.text_th for p in prereqs if p.needs_law_change)
            why_en = "needs a law change first: " + "; ".join(
                p.text_en for p in prereqs if p.needs_law_change)
            obstacles = tuple(dict.fromkeys((*_obstacles(prereqs), *d.obstacles)))
        else:
            why_th = "ไม่มีการปรับกระบวนงานอัตโนมัติสำหรับข้อค้นพบนี้ ต้องพิจารณาโดยผู้เชี่ยวชาญ"
            why_en = "no redesign pass removes this finding; it needs a consultant's review"
            obstacles = d.obstacles
        out.append(Remaining(
            code=d.code, element_id=d.element_id, element_name=d.element_name,
            blocks=d.blocks, patterns=d.patterns, obstacles=obstacles,
            message_th=d.message_th, message_en=d.message_en, reason_th=why_th,
            reason_en=why_en, prerequisites=prereqs))
    return tuple(out)


def semantic_elements(defs: Definitions) -> dict[str, tuple[str, Any]]:
    """Return every id-bearing semantic element: ``id -> (type, element)``.

    Flow nodes, sequence and message flows, documents, data objects, data associations,
    lanes, pools, processes, collaborations and artifacts; DI is not included.
    """
    out: dict[str, tuple[str, Any]] = {}
    for eid, el in defs._index.by_id.items():
        out[eid] = (getattr(el, "type", None) or type(el).__name__, el)
    for node in defs.flow_nodes():
        for assoc in (*field_or(node, "data_inputs", ()), *field_or(node, "data_outputs", ())):
            if assoc.id and assoc.id not in out:
                out[assoc.id] = ("dataAssociation", assoc)
    return out


_COMPARED = (_FlowNodeBase, SequenceFlow, MessageFlow, DataObjectReference, DataStoreReference,
             DataObject)


def _fates(defs: Definitions, to_be: Definitions,
           entries: list[ChangeLogEntry]) -> dict[str, ElementFate]:
    now = semantic_elements(to_be)
    fates: dict[str, ElementFate] = {}
    touched_by: dict[str, ChangeLogEntry] = {}
    removed_by: dict[str, ChangeLogEntry] = {}
    for e in entries:
        for i in (*e.changed, *e.replaced):
            touched_by.setdefault(i, e)
        for i in (*(r.element_id for r in e.removed), *e.replaced):
            removed_by.setdefault(i, e)
    for eid, (kind, el) in semantic_elements(defs).items():
        first = touched_by.get(eid)
        touching = [first] if first is not None else []
        removing = removed_by.get(eid)
        if eid not in now:
            if removing is not None and eid in removing.replaced:
                fates[eid] = ElementFate(
                    element_id=eid, element_type=kind, fate="replaced",
                    change_index=removing.index, pass_name=removing.pass_name,
                    replaced_by=tuple(a for a in removing.added
                                      if isinstance(to_be.get(a), _FlowNodeBase)),
                    reason_th=removing.rationale_th, reason_en=removing.rationale_en)
            elif removing is not None:
                reason = next(r for r in removing.removed if r.element_id == eid)
                fates[eid] = ElementFate(
                    element_id=eid, element_type=kind, fate="removed",
                    change_index=removing.index, pass_name=removing.pass_name,
                    reason_th=reason.reason_th, reason_en=reason.reason_en)
            else:
                fates[eid] = ElementFate(element_id=eid, element_type=kind, fate="removed",
                                         reason_en="lost without a change (a bug)")
            continue
        if touching:
            fates[eid] = ElementFate(element_id=eid, element_type=kind, fate="changed",
                                     change_index=touching[0].index,
                                     pass_name=touching[0].pass_name)
        elif isinstance(el, _COMPARED) and now[eid][1] != el:
            fates[eid] = ElementFate(element_id=eid, element_type=kind, fate="changed",
                                     reason_en="changed without a change (a bug)")
        else:
            fates[eid] = ElementFate(element_id=eid, element_type=kind, fate="kept")
    return fates
