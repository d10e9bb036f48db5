"""EFF007: a licence or clearance of another agency must be obtained first (P23)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    chains,
    digital_terms,
    hit_evidence,
    is_activity_node,
    is_automated,
    label,
    standing,
    standing_terms,
    term_evidence,
)
from reprocess.model.elements import CallActivity, InclusiveGateway, ParallelGateway
from reprocess.model.enums import Actor

__all__ = ["sequential_prerequisite_licence"]

_LICENCE_WORDS = ("ใบอนุญาต", "หนังสืออนุญาต", "ความเห็นชอบ", "หนังสือรับรอง", "eia", "ehia",
                  "permit", "licence", "license", "clearance", "approval of")
_WALK = 50


def _in_parallel(ctx: AnalysisContext, node_id: str) -> bool:
    """Return whether the step runs beside other work, after a parallel split.

    Walks back along single flows to the nearest split; when it is a parallel or
    inclusive gateway and another of its branches reaches an activity before a join,
    the step does not hold the rest of the case up.
    """
    defs = ctx.defs
    current = node_id
    for _ in range(_WALK):
        incoming = defs.incoming(current)
        if len(incoming) != 1:
            return False
        prev = incoming[0].source
        outgoing = defs.outgoing(prev)
        if len(outgoing) >= 2:
            if not isinstance(defs.get(prev), ParallelGateway | InclusiveGateway):
                return False
            for flow in outgoing:
                if flow.id == incoming[0].id:
                    continue
                t = flow.target
                for _ in range(_WALK):
                    if len(defs.incoming(t)) > 1:
                        break  # reached a join: an empty branch
                    if is_activity_node(ctx, t):
                        return True
                    nxt = defs.outgoing(t)
                    if len(nxt) != 1:
                        break
                    t = nxt[0].target
            return False
        current = prev
    return False


@rule(
    code="EFF007",
    name="sequential-prerequisite-licence",
    title="Licence or clearance of another agency needed first",
    blocks=None,
    obstacles=("LAW", "DATA"),
    patterns=("P23",),
    fix="Accept one application and process the prerequisite in parallel (one-stop, "
        "Biz Portal), checking the other agency's decision by data exchange",
    redesign=("process-prerequisites-in-parallel", "exchange-data-with-agency"),
)
def sequential_prerequisite_licence(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds prerequisites from another agency that hold the service up: steps or
    documents that say a licence, approval or EIA from another agency is needed
    first (ต้องได้รับอนุญาตจาก…ก่อน, ใบอนุญาตจาก, ผ่านความเห็นชอบ, รายงานผลกระทบ
    สิ่งแวดล้อม, EIA), and call activities that obtain a licence or run in another
    agency's pool. A step that runs on a parallel branch beside other work is not
    reported.

    ## Why it matters
    The applicant has to finish one agency's procedure before starting the next, often
    with extra visits, and the elapsed times add up (an EIA takes months). It blocks
    no level of this service, but it is a large part of the time to open a business.

    ## Example
    ```
    (call activity) ขอความเห็นชอบรายงาน EIA จาก สผ. -> ยื่นคำขอใบอนุญาตประกอบกิจการโรงงาน
    ```

    ## Use instead
    One application through a one-stop channel (Biz Portal); the agencies process in
    parallel and exchange their decisions as data (`process-prerequisites-in-parallel`,
    `exchange-data-with-agency`).

    ## Known problems
    * Consecutive prerequisite steps (ask, wait, receive the clearance) are one
      finding, on the first; the others are in ``related``.
    * The parallel test looks for the nearest split on a single line of flows; a step
      reached through several flows is treated as sequential.
    * A call activity that obtains nothing from another agency (a shared payment
      sub-process) is not reported unless it names a licence or sits in another
      agency's pool.
    * A required document that is a licence of another agency (P04) is reported here
      only when it says it is a prerequisite (P23 words), and not when a step that
      reads it is reported already.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.7 and s.14 (one-stop service centres).
    * Digital Government Administration Act B.E. 2562, s.13 (data sharing).
    * Enhancement and Conservation of National Environmental Quality Act B.E. 2535,
      s.48-51 (EIA before the permit).
    * domain brief, pattern P23.
    """
    found: dict[str, tuple[list[Evidence], bool]] = {}
    for node, step in ctx.activities():
        if is_automated(ctx, node.id) or digital_terms(step.texts):
            continue
        hits = standing(step, "P23")
        evidence: list[Evidence] = list(hit_evidence(hits))
        conditional = any(h.conditional for h in hits)
        if isinstance(node, CallActivity) and not hits:
            words = standing_terms(step.texts, _LICENCE_WORDS)
            if words:
                evidence.extend(term_evidence(m.term, part) for m, part in words[:1])
                conditional = step.conditional
            elif step.actor is Actor.OTHER_AGENCY:
                evidence.extend(step.evidence.get("actor", ()))
                conditional = step.conditional
            else:
                continue
            called = f" calls '{node.called_element}'" if node.called_element else ""
            evidence.insert(0, Evidence(source="semantics", text=f"callActivity{called}"))
        if not evidence or _in_parallel(ctx, node.id):
            continue
        found[node.id] = (evidence, conditional)
    reported: set[str] = set(found)
    for group in chains(ctx, found):
        head = group[0]
        name = label(ctx, head)
        yield Finding(
            element_id=head,
            message_th=f"ขั้นตอน '{name}' ต้องได้รับใบอนุญาตหรือความเห็นชอบจากหน่วยงานอื่นก่อน "
                       "จึงจะดำเนินการต่อได้",
            message_en=f"'{name}' needs another agency's licence or clearance first, "
                       "before this service can go on",
            evidence=tuple(e for m in group for e in found[m][0]),
            conditional=all(found[m][1] for m in group),
            related=tuple(group[1:]),
        )
    for doc in ctx.documents():
        hits = standing(doc, "P23")
        if not hits or any(r in reported for r in doc.readers):
            continue
        yield Finding(
            element_id=doc.element_id,
            message_th=f"เอกสาร '{doc.name}' เป็นใบอนุญาตหรือความเห็นชอบที่ต้องได้จากหน่วยงานอื่นก่อน",
            message_en=f"'{doc.name}' is a licence or clearance that must come from another "
                       "agency first",
            evidence=hit_evidence(hits),
            conditional=doc.conditional or any(h.conditional for h in hits),
            related=tuple(doc.readers),
        )
