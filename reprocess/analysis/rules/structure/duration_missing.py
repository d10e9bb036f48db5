"""STR041: an activity whose duration is given neither by rp:duration nor in its text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, th_name
from reprocess.model.elements import _FlowNodeBase, _SubProcessBase

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["duration_missing"]


@rule(code="STR041", name="duration-missing",
      title="Activity without a duration", blocks=None,
      fix="Add rp:duration (ISO 8601, e.g. PT30M or P3D with rp:workingDays) to the step")
def duration_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a task or call activity for which no duration is known: no
    ``rp:duration`` (or sidecar duration), and no duration found in its
    documentation or annotations ("ภายใน 3 วันทำการ"). Sub-processes with steps
    inside are skipped; their time comes from their steps. A submission check: not
    in the recommended preset.

    ## Why it matters
    The end-to-end time of the service, the waiting time of the applicant and the
    gain of each redesign are computed from the step durations; a step without one
    counts as zero and makes the service look faster than it is.

    ## Example
    ``<bpmn:userTask id="T3" name="พิจารณาอนุญาต"/>`` with no duration.

    ## Use instead
    ``<bpmn:userTask id="T3" name="พิจารณาอนุญาต" rp:duration="P5D"
    rp:workingDays="true"/>``, or the documentation "ภายใน 5 วันทำการ".

    ## Known problems
    A duration written only in the step's name is not read (names are kept short).

    ## References
    ``docs/extension.md`` (``rp:duration``); พ.ร.บ.การอำนวยความสะดวกในการพิจารณา
    อนุญาตฯ พ.ศ. 2558 ม.7 (the manual states the time of each step).
    """
    for node, step in ctx.activities():
        if isinstance(node, _SubProcessBase) and any(
                isinstance(el, _FlowNodeBase) for el in node.flow_elements):
            continue
        if step.duration_days is None:
            yield Finding(
                element_id=node.id,
                message_th=f"{th_name(node)} ไม่ได้ระบุระยะเวลาดำเนินการ",
                message_en=f"{en_name(node)} has no duration",
                evidence=(evidence("no rp:duration and no duration in its documentation or "
                                   "annotations", source="semantics"),),
            )
