"""STR011: an activity or event with several incoming flows (which do not join)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import (
    en_name,
    evidence,
    is_gateway,
    quote_ids,
    th_name,
)

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["fake_join"]


@rule(code="STR011", name="fake-join",
      title="Activity or event with several incoming flows (no join)", blocks=None,
      bpmnlint=("fake-join",),
      fix="Merge the incoming flows with a gateway before the step")
def fake_join(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports an activity or event with more than one incoming sequence flow.

    ## Why it matters
    Incoming flows of a task do not wait for each other: each arriving token runs
    the task again. Where parallel branches were meant to meet ("รอผลตรวจทั้งสอง
    หน่วยงาน": wait for both agencies' checks), the task would run twice; where
    alternative branches meet, the model is right but reads ambiguously.

    ## Example
    "พิจารณาอนุญาต" (decide) with arrows from both "ตรวจสถานที่" (inspect the
    premises) and "ตรวจเอกสาร" (check the documents), which ran in parallel.

    ## Use instead
    A parallel gateway joining the two branches before "พิจารณาอนุญาต" (or an
    exclusive gateway if only one branch ever arrives).

    ## Known problems
    Also reports merges of alternative (exclusive) branches, which are harmless in
    execution; bpmnlint does the same and recommends the explicit gateway.

    ## References
    bpmnlint rule [fake-join](https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules/fake-join.md);
    BPMN 2.0.2 clause 10 (Process), "Gateways"; clause 13, activity instantiation.
    """
    defs = ctx.defs
    for node in defs.flow_nodes():
        if is_gateway(node):
            continue
        incoming = [f.id for f in defs.incoming(node.id)]
        if len(incoming) > 1:
            yield Finding(
                element_id=node.id,
                message_th=(f"{th_name(node)} มีเส้นลำดับงานเข้า {len(incoming)} เส้นโดยไม่มี"
                            "เกตเวย์รวม จะไม่รอกันและทำงานซ้ำ"),
                message_en=(f"{en_name(node)} has {len(incoming)} incoming flows that do not "
                            "join: it runs once per arrival"),
                evidence=(evidence(f"incoming flows: {quote_ids(incoming)}"),),
                related=tuple(incoming),
            )
