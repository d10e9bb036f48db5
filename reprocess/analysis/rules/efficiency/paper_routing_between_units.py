"""EFF001: a paper file or memo is forwarded between units of one agency (P17)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reprocess.analysis.classify import StepClass
from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    AGENCY_ACTORS,
    digital_terms,
    hit_evidence,
    is_automated,
    is_electronic,
    label,
    predecessor_steps,
    standing,
    topology,
)
from reprocess.model.enums import Medium

__all__ = ["paper_routing_between_units"]


@dataclass(frozen=True)
class _Handoff:
    source: str
    target: str
    flows: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    conditional: bool


def _routing_is_digital(ctx: AnalysisContext, step: StepClass) -> bool:
    return (is_automated(ctx, step.element_id)
            or any(h.digital and not h.negated for h in step.all_hits("P17"))
            or bool(digital_terms(step.texts)))


def _paper(ctx: AnalysisContext, src: StepClass, dst: StepClass, digital: dict[str, bool]
           ) -> tuple[tuple[Evidence, ...], bool] | None:
    """Return the evidence that the hand-off is on paper (and whether it is conditional)."""
    for step in (src, dst):
        if step.element_id not in digital:
            digital[step.element_id] = _routing_is_digital(ctx, step)
    if digital[src.element_id] or digital[dst.element_id]:
        return None
    hits = (*standing(src, "P17"), *standing(dst, "P17"))
    if hits:
        ev = (*hit_evidence(standing(src, "P17"), src.element_id),
              *hit_evidence(standing(dst, "P17"), dst.element_id))
        return ev, any(h.conditional for h in hits)
    if src.all_hits("P17") or dst.all_hits("P17"):
        return None  # routing words, all negated
    paper = [s for s in (dst, src) if s.medium is Medium.PAPER]
    if not paper or is_electronic(ctx, src) or is_electronic(ctx, dst):
        return None
    ev = tuple(e.model_copy(update={"element_id": e.element_id or s.element_id})
               for s in paper for e in s.evidence.get("medium", ()))
    return ev, dst.conditional


@rule(
    code="EFF001",
    name="paper-routing-between-units",
    title="Paper file or memo forwarded between units of one agency",
    blocks=None,
    obstacles=("IT", "BUDGET"),
    patterns=("P17",),
    fix="Route the case electronically (e-Saraban or the case system) and review in "
        "parallel instead of passing a paper file from unit to unit",
    redesign=("route-electronically", "delegate-or-parallelise-approval"),
)
def paper_routing_between_units(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds chains of paper hand-offs inside one agency: sequence flows from a step in
    one lane to a step in another lane of the same agency pool, where either step is
    on paper (``rp:medium="paper"``, a ``manualTask``) or says it forwards a memo or
    file (บันทึกข้อความ, เสนอแฟ้ม, ส่งเรื่อง, ลงรับ, เกษียน). Consecutive hand-offs
    form one chain, and the rule reports **one finding per chain**, on the step that
    first receives the file; the other steps are in ``related`` and every flow that
    crosses a lane is quoted in the evidence.

    ## Why it matters
    The file waits in each unit's in-tray and travels by messenger: the case costs
    days without anyone working on it. It blocks no e-Service level, but it is one of
    the hand-offs Re-Process counts (``lane_handoffs``), and it often hides behind a
    service that is already online at the front.

    ## Example
    ```
    [งานรับคำขอ] ตรวจสอบเอกสาร --(บันทึกข้อความ เสนอแฟ้ม)--> [กองช่าง] ผอ.กองช่างพิจารณา
                                                    --(เสนอแฟ้ม)--> [ปลัด] ปลัดพิจารณา
    ```

    ## Use instead
    Route the case in the electronic correspondence system (e-Saraban) or the case
    system, with electronic signatures, and let units review in parallel; the
    redesign passes are `route-electronically` and `delegate-or-parallelise-approval`.
    ```
    [งานรับคำขอ] ตรวจสอบเอกสาร --(ระบบสารบรรณอิเล็กทรอนิกส์)--> [กองช่าง] ...
    ```

    ## Known problems
    * Only hand-offs between lanes of the same pool (or of a process without pools)
      count; hand-offs to another agency are EFF006.
    * A hand-off is paper when a step has routing words, or when a step is on paper
      and neither step is electronic. Steps with no medium and no routing words are
      not reported, so an unannotated lane change gives no finding.
    * A step the applicant attends (co-presence) is not internal routing: the
      applicant walks to the next counter (counted as visits and procedures).
    * Gateways and events between the two steps are passed; loops are followed, so a
      file returned to an earlier unit is a hand-off too.

    ## References
    * Regulation of the Office of the Prime Minister on Correspondence (No. 4)
      B.E. 2564 (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ ฉบับที่ 4 พ.ศ. 2564):
      electronic correspondence is official correspondence.
    * Licensing Facilitation Act B.E. 2558, s.10: the agency must decide within the
      time stated in the manual.
    * domain brief, pattern P17 and metric ``n_handoffs`` (§3.7).
    """
    graph = ctx.defs.graph
    handoffs: list[_Handoff] = []
    digital: dict[str, bool] = {}
    for node, dst in ctx.activities():
        if dst.actor not in AGENCY_ACTORS or dst.copresence:
            continue
        data = graph.nodes[node.id]
        lane, pool = data["lane"], data["pool"]
        if lane is None or ctx.is_applicant_pool(pool):
            continue
        for pred, flows in predecessor_steps(ctx, node.id):
            src = ctx.steps[pred]
            pdata = graph.nodes[pred]
            if (src.actor not in AGENCY_ACTORS or pdata["pool"] != pool
                    or pdata["lane"] is None or pdata["lane"] == lane):
                continue
            found = _paper(ctx, src, dst, digital)
            if found is None:
                continue
            ev, cond = found
            lane_from = label(ctx, pdata["lane"])
            structure = Evidence(
                source="structure",
                text=f"sequence flow {', '.join(flows)} crosses from lane '{lane_from}' "
                     f"to lane '{label(ctx, lane)}'",
                element_id=flows[-1])
            handoffs.append(_Handoff(pred, node.id, flows, (structure, *ev), cond))
    if not handoffs:
        return

    # chains: connected groups of hand-offs (union-find over the steps)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for h in handoffs:
        a, b = find(h.source), find(h.target)
        if a != b:
            parent[b] = a
    chains: dict[str, list[_Handoff]] = {}
    for h in handoffs:
        chains.setdefault(find(h.source), []).append(h)

    topo = topology(ctx)
    pos = topo.index
    ordered = sorted(chains.values(),
                     key=lambda hs: min((pos[h.source], pos[h.target]) for h in hs))
    for chain in ordered:
        chain.sort(key=lambda h: (pos[h.source], pos[h.target]))
        first = chain[0]
        steps = sorted({s for h in chain for s in (h.source, h.target)}, key=pos.__getitem__)
        units: list[str] = []
        for s in steps:
            unit = label(ctx, graph.nodes[s]["lane"])
            if not units or units[-1] != unit:
                units.append(unit)
        route = " → ".join(units)
        n = len(chain)
        name = label(ctx, first.target)
        yield Finding(
            element_id=first.target,
            message_th=f"แฟ้มหรือบันทึกข้อความกระดาษถูกส่งต่อระหว่างหน่วยงานภายใน {n} ครั้ง "
                       f"({route}) เริ่มที่ขั้นตอน '{name}'",
            message_en=f"a paper file or memo is passed between units "
                       f"({route}: {n} hand-off{'s' if n > 1 else ''}), first received at "
                       f"'{name}'",
            evidence=tuple(dict.fromkeys(e for h in chain for e in h.evidence)),
            conditional=all(h.conditional for h in chain),
            related=tuple(s for s in steps if s != first.target),
        )
