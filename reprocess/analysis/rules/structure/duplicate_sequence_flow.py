"""STR009: two sequence flows with the same source, target and condition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, th_name
from reprocess.model.elements import SequenceFlow

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["duplicate_sequence_flow"]


@rule(code="STR009", name="duplicate-sequence-flow",
      title="Sequence flow duplicates another one", blocks=None,
      bpmnlint=("no-duplicate-sequence-flows",),
      fix="Delete the duplicate flow")
def duplicate_sequence_flow(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a sequence flow that has the same source, target and condition as an
    earlier one in the file; the first one is kept, each later copy is reported.

    ## Why it matters
    Two identical arrows send two tokens: the next step would run twice, and a
    joining gateway after it would wait for the wrong number of arrivals. In a drawn
    service map the copy is usually hidden under the original, so the modeller does
    not see it.

    ## Example
    Two flows ``f2`` and ``f7`` both from "ตรวจสอบเอกสาร" (check the documents) to
    "พิจารณาอนุญาต" (decide), without conditions.

    ## Use instead
    Keep one of them.

    ## Known problems
    Conditions are compared by their text; two flows with the same meaning written
    differently are not duplicates here. bpmnlint also reports the source and the
    target of the duplicate; this rule reports the flow and names them as related.

    ## References
    bpmnlint rule [no-duplicate-sequence-flows](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/no-duplicate-sequence-flows.md);
    BPMN 2.0.2 clause 8 (Core Structure), "Sequence Flow".
    """
    first: dict[tuple[str, str, str], SequenceFlow] = {}
    for flow in ctx.defs.sequence_flows():
        cond = flow.condition.text.strip() if flow.condition is not None else ""
        key = (flow.source, flow.target, cond)
        original = first.setdefault(key, flow)
        if original is flow:
            continue
        yield Finding(
            element_id=flow.id,
            message_th=(f"{th_name(flow)} ซ้ำกับ '{original.id}' "
                        f"(จาก '{flow.source}' ไป '{flow.target}')"),
            message_en=(f"{en_name(flow)} duplicates '{original.id}' "
                        f"(from '{flow.source}' to '{flow.target}')"),
            evidence=(evidence(f"flows {original.id} and {flow.id} both go "
                               f"{flow.source} -> {flow.target}"
                               + (f" with condition “{cond}”" if cond else "")),),
            related=(original.id, flow.source, flow.target),
        )
