"""EFF012: the applicant phones or visits to ask how the application is going."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    DIGITAL_EXTRA_WORDS,
    STATUS_ENQUIRY_WORDS,
    digital_terms,
    find_terms,
    label,
    lexicon_terms,
    standing_terms,
    term_evidence,
)
from reprocess.model.enums import Actor, Channel

__all__ = ["manual_status_enquiry"]


@rule(
    code="EFF012",
    name="manual-status-enquiry",
    title="Applicant has to ask about progress",
    blocks=None,
    obstacles=("IT",),
    patterns=(),
    fix="Give every application a tracking number with online status and send "
        "e-notifications (SMS, e-mail, ทางรัฐ inbox) at each change",
    redesign=("offer-status-tracking",),
)
def manual_status_enquiry(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds steps where the applicant has to chase the application: ติดตามเรื่อง,
    สอบถามผล, สอบถามความคืบหน้า, โทรสอบถาม, follow up. Only steps of the applicant,
    steps the applicant attends and telephone steps count (an officer following up
    with another agency is EFF006), plus message flows from the applicant's pool
    that say so. Steps that use an online status page or notifications are not
    reported.

    ## Why it matters
    Without status information applicants phone or come back to ask, which costs
    them time and costs the agency staff answering. It is a common source of
    complaints, and tracking is part of the EU benchmark's transparency indicator.

    ## Example
    ```
    [ผู้ขอ] โทรศัพท์สอบถามผลการพิจารณา / มาติดตามเรื่องที่สำนักงาน
    ```

    ## Use instead
    A tracking number with an online status page and e-notifications at each step
    (`offer-status-tracking`).

    ## Known problems
    * The words are rule-local until the lexicon has a table for them.
    * Enquiries that are not modelled (they rarely are) cannot be found; the step
      usually appears only in as-is models drawn at a clinic.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.10: the agency informs the applicant of
      delays every 7 days.
    * Regulation of the Office of the Prime Minister on Correspondence (No. 4)
      B.E. 2564 (electronic notices).
    * EU eGovernment Benchmark, transparency of service delivery.
    """
    reported: set[str] = set()
    for node, step in ctx.activities():
        if not (step.actor is Actor.APPLICANT or step.copresence
                or step.channel is Channel.PHONE):
            continue
        words = standing_terms(step.texts, STATUS_ENQUIRY_WORDS)
        if not words or step.digital or digital_terms(step.texts):
            continue
        reported.add(node.id)
        name = label(ctx, node.id)
        how_th = "โทรศัพท์" if step.channel is Channel.PHONE else (
            "มาที่สำนักงาน" if step.copresence else "ติดต่อเจ้าหน้าที่")
        how_en = "by phone" if step.channel is Channel.PHONE else (
            "at the office" if step.copresence else "by contacting an official")
        yield Finding(
            element_id=node.id,
            message_th=f"ผู้ขอต้องสอบถามหรือติดตามความคืบหน้าเอง ({how_th}) ที่ขั้นตอน '{name}'",
            message_en=f"the applicant has to ask about progress ({how_en}) at '{name}'",
            evidence=tuple(term_evidence(m.term, part) for m, part in words[:2]),
            conditional=step.conditional,
        )
    for mf in ctx.defs.message_flows:
        src = ctx.defs.pool_of(mf.source)
        if src is None or not ctx.is_applicant_pool(src.id) or not mf.name:
            continue
        if mf.source in reported:
            continue
        said = [m for m in find_terms(mf.name, STATUS_ENQUIRY_WORDS) if not m.negated]
        if not said:
            continue
        if any(not neg for _, neg in lexicon_terms(ctx, mf.name, "digital")) or any(
                not m.negated for m in find_terms(mf.name, DIGITAL_EXTRA_WORDS)):
            continue
        yield Finding(
            element_id=mf.id,
            message_th=f"ผู้ขอต้องสอบถามความคืบหน้าเอง ('{mf.name}')",
            message_en=f"the applicant has to ask about progress ('{mf.name}')",
            evidence=(Evidence(source="lexicon", text=f"«{said[0].term}» in “{mf.name}”",
                               field="name", element_id=mf.id),
                      Evidence(source="structure",
                               text=f"message flow '{mf.id}' from the applicant's pool")),
        )
