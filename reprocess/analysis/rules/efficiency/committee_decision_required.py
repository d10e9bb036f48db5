"""EFF004: the decision waits for a committee meeting or resolution (P20)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    digital_terms,
    hit_evidence,
    is_automated,
    label,
    lexicon_terms,
    standing,
)
from reprocess.model.enums import Actor

__all__ = ["committee_decision_required"]


@rule(
    code="EFF004",
    name="committee-decision-required",
    title="Decision waits for a committee meeting",
    blocks=None,
    obstacles=("LAW",),
    patterns=("P20",),
    fix="Hold the meeting electronically on a fixed calendar, or delegate routine cases "
        "to the secretariat with the committee noting them afterwards",
    redesign=("hold-meeting-electronically", "delegate-or-parallelise-approval"),
)
def committee_decision_required(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds steps where a committee has to meet or pass a resolution before the case
    can go on: words such as คณะกรรมการ, คณะอนุกรรมการ, ประชุม, มติ, วาระ in the step,
    or a lane named as a committee. Steps with their own words are reported one by
    one; a committee lane whose steps say nothing is reported once, on its first
    step, with the lane's other steps in ``related``.

    ## Why it matters
    Committees meet monthly or less often, so a case that just misses a meeting waits
    weeks; quorum rules add more. The step blocks no e-Service level but often
    dominates the elapsed time of licensing services.

    ## Example
    ```
    [เลขานุการ] เสนอวาระต่อคณะกรรมการพิจารณาอนุญาต -> [คณะกรรมการ] ประชุมพิจารณามีมติ
    ```

    ## Use instead
    An electronic meeting on a fixed calendar (`hold-meeting-electronically`), or a
    standing delegation so that routine cases are decided by the secretariat and
    only reported to the committee (`delegate-or-parallelise-approval`).

    ## Known problems
    * "ประชุม" also names internal coordination meetings; read the finding.
    * Meetings already held electronically (ประชุมผ่านสื่ออิเล็กทรอนิกส์, e-meeting)
      are not reported, though the committee itself may still add waiting time.
    * Steps of the applicant (attending a hearing of the committee) are not reported.

    ## References
    * Emergency Decree on Electronic Meetings B.E. 2563 (พ.ร.ก.ว่าด้วยการประชุมผ่าน
      สื่ออิเล็กทรอนิกส์ พ.ศ. 2563): a meeting by electronic means is a lawful meeting.
    * Administrative Procedure Act B.E. 2539, ss.75-89 (collegial bodies).
    * domain brief, pattern P20.
    """
    own: set[str] = set()
    for node, step in ctx.activities():
        if step.actor is Actor.APPLICANT or is_automated(ctx, node.id):
            continue
        hits = standing(step, "P20")
        if not hits or digital_terms(step.texts):
            continue
        own.add(node.id)
        name = label(ctx, node.id)
        terms = ", ".join(dict.fromkeys(f"«{h.term}»" for h in hits))
        yield Finding(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ต้องรอการประชุมหรือมติคณะกรรมการ ({terms})",
            message_en=f"'{name}' waits for a committee meeting or resolution ({terms})",
            evidence=hit_evidence(hits),
            conditional=any(h.conditional for h in hits),
        )

    graph = ctx.defs.graph
    by_lane: dict[str, list[str]] = {}
    for node, step in ctx.activities():
        lane = graph.nodes[node.id]["lane"]
        if lane is not None and step.actor is not Actor.APPLICANT:
            by_lane.setdefault(lane, []).append(node.id)
    for lane_id, members in by_lane.items():
        lane_name: str | None = getattr(ctx.defs.get(lane_id), "name", None)
        lane_terms = [t for t, negated in lexicon_terms(ctx, lane_name, "P20") if not negated]
        if not lane_terms or any(m in own for m in members):
            continue
        quiet = [m for m in members
                 if not is_automated(ctx, m) and not digital_terms(ctx.steps[m].texts)
                 and not ctx.steps[m].all_hits("P20")]
        if not quiet:
            continue
        first = quiet[0]
        step_name = label(ctx, first)
        yield Finding(
            element_id=first,
            message_th=f"ขั้นตอน '{step_name}' อยู่ในช่องของคณะกรรมการ '{lane_name}' "
                       "ต้องรอการประชุม",
            message_en=f"'{step_name}' is done by the committee '{lane_name}' and waits for "
                       "its meeting",
            evidence=(Evidence(source="lexicon", text=f"«{lane_terms[0]}» in “{lane_name}”",
                               field="lane", element_id=lane_id),),
            conditional=ctx.steps[first].conditional,
            related=tuple(m for m in quiet if m != first),
        )
