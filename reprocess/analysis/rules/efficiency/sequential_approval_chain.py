"""EFF003: two or more approvals by different officials, one after the other (P19)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.classify import StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    AGENCY_ACTORS,
    find_terms,
    hit_evidence,
    is_activity_node,
    is_automated,
    label,
    standing,
    topology,
)
from reprocess.model.enums import StepKind

__all__ = ["sequential_approval_chain"]

TITLES: tuple[str, ...] = (
    "หัวหน้างาน", "หัวหน้าฝ่าย", "หัวหน้ากลุ่ม", "หัวหน้าส่วน", "ผอ.กอง", "ผู้อำนวยการกอง",
    "ผู้อำนวยการสำนัก", "ผู้อำนวยการ", "ผอ.", "รองอธิบดี", "อธิบดี", "รองปลัด", "ปลัด",
    "รองนายก", "นายกเทศมนตรี", "นายก อบต.", "นายกองค์การบริหารส่วนตำบล", "นายก",
    "นายอำเภอ", "รองผู้ว่าราชการจังหวัด", "ผู้ว่าราชการจังหวัด", "นายทะเบียน",
    "อุตสาหกรรมจังหวัด", "เลขาธิการ", "รัฐมนตรี",
    "head of section", "division director", "director-general", "deputy director",
    "director", "permanent secretary", "mayor", "governor", "district chief", "registrar",
    "minister",
)
"""Titles of officials, to tell two approvers apart inside one lane (longest first wins)."""

_BREAK_KINDS = frozenset({StepKind.SUBMIT, StepKind.PAY, StepKind.ISSUE, StepKind.NOTIFY,
                          StepKind.INSPECT})
_MAX_OPEN = 16


def _is_approval(ctx: AnalysisContext, step: StepClass) -> bool:
    if step.kind is not StepKind.APPROVE or step.actor not in AGENCY_ACTORS:
        return False
    if is_automated(ctx, step.element_id) or not is_activity_node(ctx, step.element_id):
        return False
    sources = {e.source for e in step.evidence.get("kind", ())}
    if sources & {"annotation", "sidecar"}:
        return True
    hits = step.all_hits("P19")
    return not hits or any(not h.negated for h in hits)


def _official(ctx: AnalysisContext, step: StepClass) -> tuple[str | None, str | None]:
    lane = ctx.defs.graph.nodes[step.element_id]["lane"]
    for part in step.texts:
        found = find_terms(part.text, TITLES)
        if found:
            return lane, found[0].term
    return lane, None


def _different(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    lane_a, title_a = a
    lane_b, title_b = b
    if lane_a is not None and lane_b is not None and lane_a != lane_b:
        return True
    return title_a is not None and title_b is not None and title_a != title_b


@rule(
    code="EFF003",
    name="sequential-approval-chain",
    title="Approvals by several officials one after the other",
    blocks=None,
    obstacles=("LAW", "CAPACITY"),
    patterns=("P19",),
    fix="Delegate the decision to the lowest competent official, approve low-risk cases "
        "by rule, and let the remaining reviewers work in parallel with e-signatures",
    redesign=("delegate-or-parallelise-approval",),
)
def sequential_approval_chain(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds two or more approval or signing steps (kind ``approve``: พิจารณาลงนาม,
    อนุมัติ, เห็นชอบ) that follow each other on one path and are done by different
    officials: in different lanes, or naming different titles in one lane (หัวหน้าฝ่าย,
    ผอ.กอง, ปลัด, นายก...). Internal steps between them (a memo, a check) do not break
    the chain; a step with the applicant, a payment, an issue, a notification or an
    inspection does. The finding is on the first approval of the chain; the other
    approvals are in ``related``, and the message gives the number of levels.

    ## Why it matters
    Each level adds its own queue: a four-level chain (section head, division
    director, deputy, head of agency) commonly takes a week for a signature that
    adds little. Approval depth is one of the Re-Process metrics
    (``approval_depth``); it blocks no level.

    ## Example
    ```
    [กองช่าง] ผอ.กองช่างพิจารณาเห็นชอบ -> [ปลัด] ปลัดเทศบาลพิจารณา -> [นายก] นายกเทศมนตรีลงนามอนุมัติ
    ```

    ## Use instead
    Delegate signing to the division director for routine cases, or let the
    reviewers comment in parallel and one official sign with an e-signature
    (`delegate-or-parallelise-approval`).

    ## Known problems
    * Approvals on parallel branches are not a chain; a final approval after a
      parallel review is (two levels).
    * Two approvals in one lane without titles are read as one official.
    * Rework loops are ignored (each level is counted once).
    * Digital signing does not remove a level, so e-signature wording does not
      silence the rule; automated (rule-based) approvals are not counted.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.10: the decision time published in the
      manual binds the agency.
    * Internal delegation orders (คำสั่งมอบอำนาจ) under the State Administration Act
      B.E. 2534, s.38.
    * Electronic Transactions Act B.E. 2544: electronic signatures.
    * domain brief, pattern P19 and metric ``approval_depth`` (§3.7).
    """
    topo = topology(ctx)
    approval = {n.id for n, s in ctx.activities() if _is_approval(ctx, s)}
    if len(approval) < 2:
        return
    officials = {a: _official(ctx, ctx.steps[a]) for a in approval}
    open_: dict[str, tuple[tuple[str, int], ...]] = {}  # approvals "still open" at a node
    links: list[tuple[str, str]] = []
    depth: dict[str, int] = {}
    for n in topo.order:
        incoming: dict[str, int] = {}
        for p, _ in topo.preds.get(n, ()):
            for a, d in open_.get(p, ()):
                incoming[a] = max(d, incoming.get(a, 0))
        step = ctx.steps[n]
        if n in approval:
            best = 1
            for a, d in incoming.items():
                links.append((a, n))
                # another official adds a level; the same one continues it
                best = max(best, d + 1 if _different(officials[a], officials[n]) else d)
            depth[n] = best
            open_[n] = ((n, best),)
        elif step.applicant_facing or step.kind in _BREAK_KINDS:
            continue
        elif incoming:
            kept = sorted(incoming.items(), key=lambda t: -t[1])[:_MAX_OPEN]
            open_[n] = tuple(kept)
    if not links:
        return

    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for a in sorted({x for link in links for x in link}, key=topo.index.__getitem__):
        groups.setdefault(find(a), []).append(a)
    for members in groups.values():
        levels = max(depth[m] for m in members)
        if levels < 2:
            continue
        head = members[0]
        names = " → ".join(f"'{label(ctx, m)}'" for m in members)
        firm = [officials[m] for m in members if not ctx.steps[m].conditional]
        firm_levels = (len({lane for lane, _ in firm if lane is not None}) >= 2
                       or len({title for _, title in firm if title is not None}) >= 2)
        member_set = set(members)
        chain_links = [(a, b) for a, b in links if a in member_set]
        ev: list[Evidence] = [Evidence(
            source="structure",
            text="approval steps in sequence: " + " → ".join(members)
                 + f" ({levels} levels; links "
                 + ", ".join(f"{a}→{b}" for a, b in chain_links) + ")")]
        for m in members:
            hits = standing(ctx.steps[m], "P19")
            ev.extend(hit_evidence(hits, m) if hits else (
                e.model_copy(update={"element_id": m})
                for e in ctx.steps[m].evidence.get("kind", ())))
        yield Finding(
            element_id=head,
            message_th=f"ต้องผ่านการพิจารณาอนุมัติตามลำดับชั้น {levels} ระดับ: {names}",
            message_en=f"{levels} approval levels one after the other: {names}",
            evidence=tuple(dict.fromkeys(ev)),
            conditional=not firm_levels,
            related=tuple(members[1:]),
        )
