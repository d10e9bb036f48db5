"""APP009: the application is sent by post or fax (pattern P09)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    fact_evidence,
    flow_label,
    from_applicant,
    hit_evidence,
    is_online,
    is_submission,
    label,
    merge_counterparts,
    primary_submissions,
    read_text,
    semantics,
)
from reprocess.model.enums import Channel, EServiceLevel

__all__ = ["submission_by_post_or_fax"]


@rule(
    code="APP009",
    name="submission-by-post-or-fax",
    title="Application sent by post or fax",
    blocks=EServiceLevel.L1,
    obstacles=("IT",),
    patterns=("P09",),
    fix="Offer an online form with status tracking instead of post or fax",
    redesign=("offer-online-application",),
)
def submission_by_post_or_fax(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the submissions that travel by post or fax: a submission step whose channel is
    post (`rp:channel="post"`, or ไปรษณีย์, ลงทะเบียนตอบรับ, EMS, โทรสาร, แฟกซ์: pattern
    P09), and an agency node that receives the application by a message flow from the
    applicant named that way. Letters from the agency to the applicant are ISS002's.

    ## Why it matters
    Post and fax are remote but not online: the application is still paper, has no
    tracking and is re-keyed by the agency, so the service does not reach OPDC level 1.

    ## Example
    ```xml
    <bpmn:sendTask id="Send" name="ส่งคำขอทางไปรษณีย์ลงทะเบียน" rp:actor="applicant"/>
    ```
    gives `APP009 Send`.

    ## Use instead
    An online form with tracking (the `offer-online-application` pass).

    ## Known problems
    Unmanaged e-mail is counted as online by the classification (it is digital wording);
    the domain brief would rather see a managed form, which a consultant can note by hand.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: the right to file electronically.
    - OPDC e-Service ladder: L1 = ยื่นคำขอทางออนไลน์ (post is not online).
    """
    inbound = from_applicant(ctx)
    found: dict[str, Candidate] = {}
    subs = primary_submissions(ctx, [n.id for n, s in ctx.nodes()
                                     if is_submission(ctx, n, s, inbound)])
    for sid in subs:  # a resubmission on a rework loop repeats the first one: left out
        node, step = ctx.node(sid), ctx.steps[sid]
        if is_online(step):
            continue
        hits = step.standing_hits("P09")
        name = label(node)
        if node.id in inbound:
            senders = [mf.source for mf in inbound[node.id] if mf.source in ctx.steps]
            if any(is_submission(ctx, ctx.node(s), ctx.steps[s], inbound) for s in senders):
                continue  # the applicant's sending step carries the finding
            posted = []
            for mf in inbound[node.id]:
                facts = read_text(ctx, mf.name, field="message flow", element_id=mf.id)
                if facts.digital:
                    continue
                if facts.has("channel.post") or facts.standing("P09"):
                    posted.append((mf, facts.standing("P09")))
            if not posted and step.channel is not Channel.POST and not hits:
                continue
            cand = Candidate(
                element_id=node.id,
                message_th=f"ขั้นตอน '{name}' รับคำขอทางไปรษณีย์หรือโทรสาร",
                message_en=f"'{name}' receives the application by post or fax",
                patterns=["P09"], conditional=all_conditional(hits))
            for mf, mf_hits in posted:
                cand.evidence.append(semantics(
                    f"message flow '{flow_label(mf)}' from the applicant names post or fax",
                    element_id=mf.id))
                cand.evidence.extend(hit_evidence(mf_hits))
                cand.relate(mf.id)
        else:
            if step.channel is not Channel.POST and not hits:
                continue
            cand = Candidate(
                element_id=node.id,
                message_th=f"ขั้นตอน '{name}' ให้ผู้ขอส่งคำขอทางไปรษณีย์หรือโทรสาร "
                           "ซึ่งไม่ใช่ช่องทางออนไลน์",
                message_en=f"'{name}' has the applicant send the application by post or fax, "
                           "which is not online",
                patterns=["P09"], conditional=all_conditional(hits))
        cand.evidence.extend(fact_evidence(step, "channel", "kind", "actor"))
        cand.evidence.extend(hit_evidence(hits))
        found[node.id] = cand
    for cand in merge_counterparts(ctx, found):
        yield cand.finding()
