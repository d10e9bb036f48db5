"""Overlays: the marks and legends that turn a plain diagram into an as-is or a to-be view.

:func:`reprocess.render.diagram` draws a model and colours whatever ``marks`` it is
given; this module computes those marks from the results of the other layers:

* **as-is view** (:func:`findings_marks`, :func:`findings_legend`): each step or
  document with an open finding is coloured by the *lowest* e-Service level it blocks
  (L1 red, L2 orange, L3 purple), and carries the finding codes as a badge. Findings
  that block no level (efficiency, structure, a once-only gap) are yellow; findings on
  the branch of an alternative channel that the service keeps (a counter beside an
  online channel) are teal. Waived findings are not drawn.
* **to-be view** (:func:`change_marks`, :func:`with_removed`): steps the redesign added
  are green, steps it changed blue, and steps it removed are drawn again as grey,
  dashed, struck-through ghosts in their old lane, so the reader sees all three.

The legends are in Thai first, then English. Nothing here imports ``graphviz``; the
``*_diagram`` helpers call :func:`reprocess.render.diagram`, which loads it lazily.

Examples:
    >>> from reprocess.analysis import Analysis, Diagnostic, Severity
    >>> from reprocess.model import EServiceLevel
    >>> d = Diagnostic(code="PAY001", name="cash-payment", title="Cash at the counter",
    ...                severity=Severity.ERROR, blocks=EServiceLevel.L2, element_id="T",
    ...                message="m", message_th="ชำระเงินสด", message_en="pays cash")
    >>> marks = findings_marks(Analysis(findings=(d,)))
    >>> marks["T"].badge, marks["T"].colours() == LEVEL_COLOURS["L2"]
    ('PAY001', True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from reprocess.analysis.finding import Diagnostic, FindingStatus
from reprocess.model.base import field_or
from reprocess.model.elements import (
    BoundaryEvent,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Lane,
    LaneSet,
    SequenceFlow,
)
from reprocess.model.enums import ChangeMark, EServiceLevel
from reprocess.model.process import Definitions, Process
from reprocess.render.dot import Legend, Mark, diagram

if TYPE_CHECKING:
    import graphviz

    from reprocess.analysis.engine import Analysis
    from reprocess.redesign.proposal import Proposal

__all__ = [
    "ALTERNATIVE_COLOURS",
    "LEVEL_COLOURS",
    "LEVEL_LABELS",
    "OTHER_COLOURS",
    "ChangeSet",
    "FindingKind",
    "as_is_diagram",
    "blocked_level",
    "change_legend",
    "change_marks",
    "finding_kind",
    "findings_legend",
    "findings_marks",
    "kind_colours",
    "proposal_changes",
    "proposal_view",
    "remaining_badges",
    "to_be_diagram",
    "with_removed",
]

FindingKind = Literal["L1", "L2", "L3", "other", "alternative"]
"""How a finding is coloured: by the level it blocks, ``other`` (blocks no level, or
does not block in this case) or ``alternative`` (on an alternative channel kept)."""

LEVEL_COLOURS: dict[str, tuple[str, str]] = {
    "L1": ("#f8d7da", "#c5221f"),
    "L2": ("#ffe0b2", "#e8710a"),
    "L3": ("#e9d5f5", "#8430ce"),
}
"""``(fill, border)`` of a step blocking each level: red, orange, purple (distinct from
the green, blue and grey of the to-be view)."""

OTHER_COLOURS: tuple[str, str] = ("#fff6bf", "#9a6700")
"""``(fill, border)`` of a step whose findings block no level: yellow."""

ALTERNATIVE_COLOURS: tuple[str, str] = ("#d7f2f0", "#00796b")
"""``(fill, border)`` of a step on an alternative channel the service keeps: teal."""

LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "L0": ("ยังดำเนินการออนไลน์ไม่ได้", "not transactable online"),
    "L1": ("ยื่นคำขอออนไลน์ได้", "apply online"),
    "L2": ("ชำระค่าธรรมเนียมออนไลน์ได้", "pay online"),
    "L3": ("ได้รับผลเป็นอิเล็กทรอนิกส์", "electronic result"),
}
"""What each OPDC level means, ``(Thai, English)``."""

_KIND_ROWS: dict[str, tuple[str, str]] = {
    "L1": ("ขัดขวางระดับ 1 ยื่นคำขอออนไลน์", "blocks L1, apply online"),
    "L2": ("ขัดขวางระดับ 2 ชำระเงินออนไลน์", "blocks L2, pay online"),
    "L3": ("ขัดขวางระดับ 3 ผลเป็นอิเล็กทรอนิกส์", "blocks L3, electronic result"),
    "other": ("ข้อสังเกตอื่น ไม่ขัดขวางระดับ", "other finding, no level blocked"),
    "alternative": ("ช่องทางทางเลือกที่คงไว้", "alternative channel kept"),
}
_STYLE_OF: dict[ChangeMark, Literal["added", "changed", "removed"]] = {
    ChangeMark.ADDED: "added",
    ChangeMark.CHANGED: "changed",
    ChangeMark.REMOVED: "removed",
}
_KIND_ORDER: tuple[FindingKind, ...] = ("L1", "L2", "L3", "other", "alternative")
_LEGEND_TITLE = "คำอธิบายสัญลักษณ์ / Legend"


def kind_colours(kind: FindingKind) -> tuple[str, str]:
    """Return the ``(fill, border)`` colours of a finding kind.

    Examples:
        >>> kind_colours("other") == OTHER_COLOURS
        True
    """
    if kind in LEVEL_COLOURS:
        return LEVEL_COLOURS[kind]
    return ALTERNATIVE_COLOURS if kind == "alternative" else OTHER_COLOURS


def finding_kind(d: Diagnostic) -> FindingKind | None:
    """Return how a diagnostic is coloured, or ``None`` when it is not drawn (waived).

    Examples:
        >>> from reprocess.analysis import Diagnostic, Severity
        >>> d = Diagnostic(code="ISS001", name="x", title="X", severity=Severity.ERROR,
        ...                blocks=EServiceLevel.L3, element_id="T", message="m",
        ...                message_th="m", message_en="m")
        >>> finding_kind(d), finding_kind(d.model_copy(update={"blocking": False}))
        ('L3', 'other')
        >>> finding_kind(d.model_copy(update={"status": "waived"})) is None
        True
    """
    if d.status == FindingStatus.WAIVED:
        return None
    if d.status == FindingStatus.ALTERNATIVE:
        return "alternative"
    level = blocked_level(d)
    if level is not None:
        kind: FindingKind = level.value  # type: ignore[assignment]
        return kind
    return "other"


def blocked_level(d: Diagnostic) -> EServiceLevel | None:
    """Return the level an open diagnostic blocks, as the assessment lists it, or ``None``.

    Conditional diagnostics (a document asked for only in some cases) count: they
    block the level in those cases, and the assessment lists them among the blockers,
    although they do not lower the level of the usual case.

    Examples:
        >>> from reprocess.analysis import Diagnostic, Severity
        >>> d = Diagnostic(code="APP007", name="x", title="X", severity=Severity.WARNING,
        ...                blocks=EServiceLevel.L1, element_id="Doc", message="m",
        ...                message_th="m", message_en="m", conditional=True)
        >>> blocked_level(d).value, blocked_level(d.model_copy(update={"blocking": False}))
        ('L1', None)
    """
    if d.is_open and d.blocking and d.blocks is not None and d.blocks is not EServiceLevel.L0:
        return d.blocks
    return None


def findings_marks(analysis: Analysis | Iterable[Diagnostic]) -> dict[str, Mark]:
    """Return the as-is marks: each element with findings, coloured by what it blocks.

    An element's colour is the most serious kind among its drawn findings: the lowest
    level blocked, else ``other``, else ``alternative``. Its badge lists the codes of
    those findings (level blockers first, each code once); the tooltip gives each
    code with its Thai and English message. Findings without an element, and waived
    findings, are left out.

    Args:
        analysis: an :class:`~reprocess.analysis.Analysis`, or its diagnostics.

    Returns:
        Marks keyed by element id, in the order the elements first appear.

    Examples:
        >>> from reprocess.analysis import Diagnostic, Severity
        >>> def diag(code, blocks, **kw):
        ...     return Diagnostic(code=code, name="x", title="X", severity=Severity.ERROR,
        ...                       blocks=blocks, element_id="T", message="m",
        ...                       message_th="ไทย", message_en="en", **kw)
        >>> m = findings_marks([diag("EFF002", None), diag("APP001", EServiceLevel.L1),
        ...                     diag("APP006", EServiceLevel.L1, status="waived")])
        >>> m["T"].badge, m["T"].fill == LEVEL_COLOURS["L1"][0]
        ('APP001 EFF002', True)
    """
    diags = analysis if not hasattr(analysis, "findings") else analysis.findings
    by_element: dict[str, list[tuple[FindingKind, Diagnostic]]] = {}
    for d in diags:
        kind = finding_kind(d)
        if kind is None or not d.element_id:
            continue
        by_element.setdefault(d.element_id, []).append((kind, d))
    marks: dict[str, Mark] = {}
    for element_id, found in by_element.items():
        found.sort(key=lambda kd: (_KIND_ORDER.index(kd[0]), kd[1].code))
        kind = found[0][0]
        fill, border = kind_colours(kind)
        codes = list(dict.fromkeys(d.code for _, d in found))
        tips = list(dict.fromkeys(f"{d.code}: {d.message_th} ({d.message_en})" for _, d in found))
        marks[element_id] = Mark(
            fill=fill, border=border, badge=" ".join(codes), tooltip="; ".join(tips)
        )
    return marks


def findings_legend(
    analysis: Analysis | Iterable[Diagnostic] | None = None, *, all_rows: bool = False
) -> Legend:
    """Return the as-is legend: the three level colours, then the other kinds present.

    Args:
        analysis: the analysis (or diagnostics) drawn; ``None`` gives every row.
        all_rows: give every row even when a kind is absent.

    Examples:
        >>> [row[2] for row in findings_legend([]).rows]
        ['blocks L1, apply online', 'blocks L2, pay online', 'blocks L3, electronic result']
        >>> len(findings_legend().rows)
        5
    """
    present: set[str] = {"L1", "L2", "L3"}
    if analysis is None or all_rows:
        present |= {"other", "alternative"}
    else:
        diags = analysis if not hasattr(analysis, "findings") else analysis.findings
        present |= {k for d in diags if d.element_id and (k := finding_kind(d)) is not None}
    rows = tuple(
        (kind_colours(kind)[0], *_KIND_ROWS[kind]) for kind in _KIND_ORDER if kind in present
    )
    return Legend(rows=rows, title=_LEGEND_TITLE)


def change_legend() -> Legend:
    """Return the to-be legend: added (green), changed (blue), removed (grey).

    Examples:
        >>> [row[1] for row in change_legend().rows]
        ['เพิ่มใหม่', 'ปรับปรุง', 'ยกเลิก']
    """
    return Legend(rows=Legend.for_changes().rows, title=_LEGEND_TITLE)


def change_marks(
    to_be: Definitions,
    *,
    added: Iterable[str] = (),
    changed: Iterable[str] = (),
    removed: Mapping[str, str] | Iterable[str] = (),
    notes: Mapping[str, str] | None = None,
    badges: Mapping[str, str] | None = None,
) -> dict[str, Mark]:
    """Return the to-be marks: added green, changed blue, removed grey.

    Flow nodes and documents that carry ``rp:change`` (``facts.change`` or
    ``document.change``, written by the redesign) are marked from it; ``added``,
    ``changed`` and ``removed`` add ids the model itself cannot say (renamed flows,
    new lanes, the ghosts of :func:`with_removed`). ``badges`` (from
    :func:`remaining_badges`) keep the obstacles left after the redesign visible.

    Args:
        to_be: the to-be model (possibly with ghosts from :func:`with_removed`).
        added: ids to mark as added.
        changed: ids to mark as changed.
        removed: ids to mark as removed, or a mapping id -> reason (shown as tooltip).
        notes: tooltip text per id (e.g. the rationale of the change).
        badges: finding codes per id, shown as badges.

    Examples:
        >>> from reprocess.model import Definitions, Process, UserTask, StepFacts
        >>> t = UserTask(id="T", name="ยื่นออนไลน์", facts=StepFacts(change="added"))
        >>> marks = change_marks(Definitions(root_elements=(Process(id="P",
        ...     flow_elements=(t,)),)), removed={"Old": "ไม่ต้องใช้แล้ว"})
        >>> marks["T"].style, marks["Old"].style, marks["Old"].tooltip
        ('added', 'removed', 'ไม่ต้องใช้แล้ว')
    """
    style: dict[str, Literal["added", "changed", "removed"]] = {}
    for node in to_be.flow_nodes():
        facts = getattr(node, "facts", None)
        if facts is not None and facts.change is not None:
            style[node.id] = _STYLE_OF[facts.change]
    for doc in to_be.documents():
        facts = getattr(doc, "document", None)
        if facts is not None and facts.change is not None:
            style[doc.id] = _STYLE_OF[facts.change]
    for element_id in added:
        style[element_id] = "added"
    for element_id in changed:
        style.setdefault(element_id, "changed")
    reasons = dict(removed) if isinstance(removed, Mapping) else dict.fromkeys(removed, "")
    for element_id in reasons:
        style[element_id] = "removed"
    tips = dict(notes or {})
    for element_id, reason in reasons.items():
        if reason:
            tips[element_id] = reason
    codes = dict(badges or {})
    out: dict[str, Mark] = {}
    for element_id in dict.fromkeys([*style, *codes]):
        out[element_id] = Mark(
            style=style.get(element_id, "normal"),
            badge=codes.get(element_id) or None,
            tooltip=tips.get(element_id) or None,
        )
    return out


def with_removed(
    to_be: Definitions, as_is: Definitions, removed: Iterable[str]
) -> tuple[Definitions, tuple[str, ...]]:
    """Return the to-be with the removed as-is elements put back as ghosts, and their ids.

    Each removed flow node or document of a top-level process is added again to the
    same process of the to-be, in the lanes it had, with the as-is sequence flows that
    connect it to elements present (a flow whose id the to-be reuses gets the suffix
    ``__removed``). A removed document is tied again to the to-be steps that read or
    wrote it. Mark the returned ids ``removed`` (:func:`change_marks`) to draw them
    grey, dashed and struck through. An element that cannot be put back (nested in a
    sub-process, or in a process the to-be lacks) is skipped; if the combined model
    is not valid, the to-be is returned unchanged with no ghost ids.

    Args:
        to_be: the proposed model.
        as_is: the model it was derived from.
        removed: as-is ids the redesign removed.

    Returns:
        ``(model, ghost_ids)``: the model to draw and the ids put back (flows included).

    Examples:
        >>> from reprocess.model import Definitions, Process, StartEvent, Task, SequenceFlow
        >>> from reprocess.model import EndEvent
        >>> def model(*els):
        ...     return Definitions(root_elements=(Process(id="P", flow_elements=els),))
        >>> before = model(StartEvent(id="S"), Task(id="Copy", name="ถ่ายสำเนา"), EndEvent(id="E"),
        ...     SequenceFlow(id="f1", source="S", target="Copy"),
        ...     SequenceFlow(id="f2", source="Copy", target="E"))
        >>> after = model(StartEvent(id="S"), EndEvent(id="E"),
        ...     SequenceFlow(id="f1", source="S", target="E"))
        >>> drawn, ghosts = with_removed(after, before, ["Copy"])
        >>> ghosts
        ('Copy', 'f1__removed', 'f2')
        >>> [f.id for f in drawn.sequence_flows()]
        ['f1', 'f1__removed', 'f2']
    """
    try:
        return _Ghosts(to_be, as_is).build(removed)
    except (ValueError, KeyError, TypeError):
        return to_be, ()


class _Ghosts:
    """Puts removed as-is elements back into the to-be, for drawing only."""

    def __init__(self, to_be: Definitions, as_is: Definitions) -> None:
        self.to_be = to_be
        self.as_is = as_is
        self.taken: set[str] = set(_ids(to_be))

    def build(self, removed: Iterable[str]) -> tuple[Definitions, tuple[str, ...]]:
        to_be, as_is = self.to_be, self.as_is
        processes = {p.id: p for p in to_be.processes}
        wanted: dict[str, list[Any]] = {}
        for rid in dict.fromkeys(removed):
            el = as_is.get(rid)
            if el is None or rid in self.taken:
                continue
            try:
                proc = as_is.process_of(rid)
            except (KeyError, ValueError):
                continue
            if proc.id not in processes or as_is.container_of(rid).id != proc.id:
                continue
            if not (_is_flow_node(el) or isinstance(el, (DataObjectReference,
                                                          DataStoreReference, DataObject))):
                continue
            wanted.setdefault(proc.id, []).append(el)
        if not wanted:
            return to_be, ()
        ghost_ids: list[str] = []
        new_roots: list[Any] = []
        for root in to_be.root_elements:
            if isinstance(root, Process) and root.id in wanted:
                root = self._process(root, wanted[root.id], ghost_ids)
            new_roots.append(root)
        data = {name: getattr(to_be, name) for name in type(to_be).model_fields
                if name != "provenance"}
        data["root_elements"] = tuple(new_roots)
        return Definitions(**data), tuple(ghost_ids)

    def _process(self, proc: Process, ghosts: list[Any], ghost_ids: list[str]) -> Process:
        as_is = self.as_is
        ghost_set = {g.id for g in ghosts}
        present = set(self.taken) | ghost_set
        added: list[Any] = []
        for g in ghosts:
            if isinstance(g, BoundaryEvent) and g.attached_to not in present:
                continue
            target = getattr(g, "data_object", None) if isinstance(g, DataObjectReference) else None
            if target and target not in present:
                # the document behind a removed reference, put back too (not drawn)
                obj = as_is.get(target)
                if not isinstance(obj, DataObject):
                    continue
                added.append(obj)
                present.add(target)
                self.taken.add(target)
            added.append(_trim_data(g, present))
            ghost_ids.append(g.id)
            self.taken.add(g.id)
        for flow in as_is.sequence_flows():
            if not ({flow.source, flow.target} & ghost_set):
                continue
            if flow.source not in present or flow.target not in present:
                continue
            if as_is.container_of(flow.id).id != proc.id:
                continue
            new_id = flow.id if flow.id not in self.taken else self._fresh(f"{flow.id}__removed")
            self.taken.add(new_id)
            added.append(SequenceFlow(id=new_id, name=flow.name, source=flow.source,
                                      target=flow.target))
            ghost_ids.append(new_id)
        elements = [self._reattach(el, ghost_set) for el in proc.flow_elements]
        lanes: dict[str, list[str]] = {}
        for g in ghosts:
            if g.id in ghost_ids:
                for lane in as_is.lanes_of(g.id):
                    lanes.setdefault(lane.id, []).append(g.id)
        return proc.model_copy(update={
            "flow_elements": (*elements, *added),
            "lane_sets": tuple(_add_refs(ls, lanes) for ls in proc.lane_sets),
        })

    def _reattach(self, el: Any, ghost_docs: set[str]) -> Any:
        """Give a to-be step back its as-is associations to ghost documents."""
        old = self.as_is.get(el.id) if _is_flow_node(el) else None
        if old is None:
            return el
        upd: dict[str, Any] = {}
        for attr in ("data_inputs", "data_outputs"):
            extra = []
            for assoc in getattr(old, attr, ()):
                ends = {*assoc.sources, *([assoc.target] if assoc.target else [])}
                if ends & ghost_docs:
                    new_id = self._fresh(f"{assoc.id or el.id}__removed")
                    self.taken.add(new_id)
                    if attr == "data_inputs":
                        extra.append(DataAssociation(
                            id=new_id, sources=tuple(s for s in assoc.sources if s in ghost_docs)))
                    else:
                        extra.append(DataAssociation(id=new_id, target=assoc.target))
            if extra and hasattr(el, attr):
                upd[attr] = (*getattr(el, attr), *extra)
        return el.model_copy(update=upd) if upd else el

    def _fresh(self, base: str) -> str:
        out, n = base, 1
        while out in self.taken:
            n += 1
            out = f"{base}{n}"
        return out


def _is_flow_node(el: Any) -> bool:
    t = getattr(el, "type", "")
    return isinstance(t, str) and (
        t.endswith(("Task", "Event", "Gateway"))
        or t in ("task", "callActivity", "subProcess", "adHocSubProcess", "transaction")
    )


def _trim_data(el: Any, present: set[str]) -> Any:
    """Drop data associations of a ghost that point at elements no longer there."""
    upd: dict[str, Any] = {}
    if hasattr(el, "data_inputs"):
        upd["data_inputs"] = tuple(
            a.model_copy(update={"sources": tuple(s for s in a.sources if s in present),
                                 "target": None})
            for a in el.data_inputs if any(s in present for s in a.sources))
    if hasattr(el, "data_outputs"):
        upd["data_outputs"] = tuple(a for a in el.data_outputs if a.target in present)
    if field_or(el, "default", None) is not None:
        upd["default"] = None
    return el.model_copy(update=upd) if upd else el


def _add_refs(lane_set: LaneSet, refs: Mapping[str, Sequence[str]]) -> LaneSet:
    def lane(ln: Lane) -> Lane:
        upd: dict[str, Any] = {}
        if ln.id in refs or any(child.id in refs for child in ln.all_lanes()):
            extra = [r for child in ln.all_lanes() for r in refs.get(child.id, ())]
            upd["flow_node_refs"] = tuple(dict.fromkeys((*ln.flow_node_refs, *extra)))
        if ln.child_lane_set is not None:
            upd["child_lane_set"] = _add_refs(ln.child_lane_set, refs)
        return ln.model_copy(update=upd) if upd else ln

    return lane_set.model_copy(update={"lanes": tuple(lane(x) for x in lane_set.lanes)})


def _ids(defs: Definitions) -> Iterator[str]:
    """Every id in the model's root elements (flows, lanes, nested elements included)."""
    stack: list[Any] = list(defs.root_elements)
    while stack:
        obj = stack.pop()
        element_id = getattr(obj, "id", None)
        if isinstance(element_id, str):
            yield element_id
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, tuple):
                stack.extend(v for v in value if isinstance(v, BaseModel))


# -- proposals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeSet:
    """What a redesign did to the as-is, as the to-be view needs it.

    Attributes:
        added: to-be ids the redesign added.
        changed: ids it changed in place.
        removed: removed as-is ids, with the reason (Thai, then English in brackets).
        notes: the rationale of the change per to-be id (tooltips).
        badges: finding codes still blocking the target, per to-be id.
    """

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    badges: Mapping[str, str] = field(default_factory=dict)


def remaining_badges(found: Analysis | Iterable[Any]) -> dict[str, str]:
    """Return the codes still blocking a level, per element: badges for the to-be view.

    Args:
        found: the to-be's :class:`~reprocess.analysis.Analysis` (its open level
            blockers are taken), or the ``remaining`` records of a proposal (anything
            with ``code`` and ``element_id``).

    Examples:
        >>> from types import SimpleNamespace as R
        >>> remaining_badges([R(code="ISS003", element_id="T"), R(code="APP006", element_id="T")])
        {'T': 'APP006 ISS003'}
    """
    items: Iterable[Any] = found.findings if hasattr(found, "findings") else found
    codes: dict[str, list[str]] = {}
    for item in items:
        if isinstance(item, Diagnostic) and blocked_level(item) is None:
            continue
        element_id = getattr(item, "element_id", None)
        if element_id:
            codes.setdefault(element_id, []).append(str(item.code))
    return {k: " ".join(sorted(set(v))) for k, v in codes.items()}


def proposal_changes(proposal: Proposal) -> ChangeSet:
    """Return what a :class:`~reprocess.redesign.Proposal` added, changed and removed.

    Removed elements come from ``element_fate`` (fate ``removed``, with its reason);
    added and changed ones from the applied change log entries, each with the
    rationale of its change as a note (and the name of what a new element replaces);
    badges from ``remaining``.

    Examples:
        >>> from reprocess.model import Definitions, Process, StartEvent, UserTask, EndEvent
        >>> from reprocess.model import SequenceFlow
        >>> from reprocess.redesign import redesign
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     StartEvent(id="S"), UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),
        ...     EndEvent(id="E"), SequenceFlow(id="f1", source="S", target="T"),
        ...     SequenceFlow(id="f2", source="T", target="E"))),))
        >>> changes = proposal_changes(redesign(d))
        >>> changes.changed, dict(changes.removed)
        (('T',), {})
    """
    removed: dict[str, str] = {}
    for fate in proposal.element_fate.values():
        if fate.fate == "removed":
            removed[fate.element_id] = _both(fate.reason_th, fate.reason_en)
    added: list[str] = []
    changed: list[str] = []
    notes: dict[str, str] = {}
    for entry in proposal.changes:
        if not entry.applied:
            continue
        why = _both(entry.rationale_th, entry.rationale_en)
        replaced = [_label(proposal.as_is, r) for r in entry.replaced]
        for element_id in entry.added:
            added.append(element_id)
            note = why
            if replaced:
                note = "แทนที่ (replaces) " + ", ".join(replaced) + (f": {why}" if why else "")
            notes.setdefault(element_id, note)
        for element_id in entry.changed:
            changed.append(element_id)
            notes.setdefault(element_id, why)
        for gone in entry.removed:
            removed.setdefault(gone.element_id, _both(gone.reason_th, gone.reason_en))
    return ChangeSet(
        added=tuple(dict.fromkeys(added)),
        changed=tuple(dict.fromkeys(changed)),
        removed=removed,
        notes={k: v for k, v in notes.items() if v},
        badges=remaining_badges(proposal.remaining),
    )


def proposal_view(proposal: Proposal) -> tuple[Definitions, dict[str, Mark]]:
    """Return the model to draw for a proposal's to-be (with ghosts) and its marks.

    Examples:
        >>> from reprocess.model import Definitions, Process, UserTask
        >>> from reprocess.redesign import redesign
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),)),))
        >>> drawn, marks = proposal_view(redesign(d))
        >>> marks["T"].style
        'changed'
    """
    cs = proposal_changes(proposal)
    return _view(proposal.to_be, proposal.as_is, cs)


def _view(to_be: Definitions, as_is: Definitions | None,
          cs: ChangeSet) -> tuple[Definitions, dict[str, Mark]]:
    drawn: Definitions = to_be
    ghosts: tuple[str, ...] = ()
    if as_is is not None and cs.removed:
        drawn, ghosts = with_removed(to_be, as_is, cs.removed)
    marks = change_marks(drawn, added=cs.added, changed=cs.changed,
                         removed={g: cs.removed.get(g, "") for g in ghosts},
                         notes=cs.notes, badges=cs.badges)
    return drawn, marks


def _both(th: str | None, en: str | None) -> str:
    if th and en:
        return f"{th} ({en})"
    return th or en or ""


def _label(defs: Definitions, element_id: str) -> str:
    el = defs.get(element_id)
    name = getattr(el, "name", None) if el is not None else None
    return f"'{name}'" if name else element_id


# -- ready-made views -------------------------------------------------------------------


def as_is_diagram(
    defs: Definitions, analysis: Analysis | None = None, *, title: str | None = None
) -> graphviz.Digraph:
    """Return the as-is diagram: blockers coloured by level, codes as badges, a legend.

    Without an analysis the model is checked first (default configuration).

    Examples:
        >>> from reprocess.model import Definitions, Process, UserTask
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),)),))
        >>> "cluster__legend" in as_is_diagram(d).source
        True
    """
    if analysis is None:
        from reprocess.analysis.engine import check

        analysis = check(defs)
    return diagram(defs, marks=findings_marks(analysis), legend=findings_legend(analysis),
                   title=title)


def to_be_diagram(
    to_be: Definitions | Proposal,
    *,
    as_is: Definitions | None = None,
    changes: ChangeSet | None = None,
    title: str | None = None,
) -> graphviz.Digraph:
    """Return the to-be diagram: added green, changed blue, removed as grey ghosts.

    Args:
        to_be: a :class:`~reprocess.redesign.Proposal`, or the to-be model.
        as_is: the as-is model (for a model: needed to draw removed elements).
        changes: what changed (for a model; default: only its ``rp:change`` marks).
        title: a title above the diagram.

    Examples:
        >>> from reprocess.model import Definitions, Process, UserTask, StepFacts
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     UserTask(id="T", name="ยื่นคำขอออนไลน์", facts=StepFacts(change="changed")),)),))
        >>> "mark-changed" in to_be_diagram(d).source
        True
    """
    if isinstance(to_be, Definitions):
        drawn, marks = _view(to_be, as_is, changes or ChangeSet())
    else:
        drawn, marks = proposal_view(to_be)
    return diagram(drawn, marks=marks, legend=change_legend(), title=title)
