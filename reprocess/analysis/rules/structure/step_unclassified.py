"""STR042: an applicant-facing step whose medium (paper or electronic) is unknown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, th_name
from reprocess.model.enums import Medium

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["step_unclassified"]


@rule(code="STR042", name="step-unclassified",
      title="Applicant-facing step whose medium is unknown", blocks=None,
      fix="Add rp:medium (paper or electronic) and rp:channel to the step")
def step_unclassified(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an activity in which the applicant takes part (does it, or must be
    present) when neither the ``rp:`` attributes, nor BPMN semantics, nor the Thai
    lexicon tell whether it is done on paper or electronically. A submission check:
    not in the recommended preset.

    ## Why it matters
    The e-Service level turns on exactly this: an application, a payment or a
    result on paper blocks the level, an electronic one does not. An unclassified
    applicant step may hide a blocker, so the level computed is only an upper bound.

    ## Example
    ``<bpmn:userTask name="ยื่นเอกสารประกอบ" rp:actor="applicant"/>``: submit the
    supporting documents, but how?

    ## Use instead
    ``rp:medium="electronic" rp:channel="online"`` (uploaded on the portal) or
    ``rp:medium="paper" rp:channel="counter"``.

    ## Known problems
    Depends on the classification: a step the lexicon reads wrongly is not
    reported. Agency-only steps are not checked.

    ## References
    ``docs/extension.md`` (``rp:medium``, ``rp:channel``); OPDC e-Service levels.
    """
    for node, step in ctx.activities():
        if step.applicant_facing and step.medium is Medium.UNKNOWN:
            actor: tuple[Evidence, ...] = step.evidence.get("actor", ())[:1]
            yield Finding(
                element_id=node.id,
                message_th=(f"{th_name(node)} ผู้ขอรับบริการมีส่วนร่วม แต่ไม่ทราบว่าทำด้วย"
                            "กระดาษหรือทางอิเล็กทรอนิกส์"),
                message_en=(f"{en_name(node)} involves the applicant, but whether it is on "
                            "paper or electronic is unknown"),
                evidence=(*actor, evidence("medium unknown: no rp:medium, no channel, no "
                                           "medium word in its text", source="semantics")),
            )
