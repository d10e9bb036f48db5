"""APP010: the form is downloaded, printed and filled in by hand (pattern P26)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    fact_evidence,
    from_applicant,
    hit_evidence,
    is_expanded,
    is_online,
    is_submission,
    label,
    semantics,
    submission_online,
    uploaded_hits,
    walk,
)
from reprocess.model.enums import Actor, EServiceLevel

__all__ = ["printed_form_download"]


@rule(
    code="APP010",
    name="printed-form-download",
    title="Form downloaded, printed and filled in by hand",
    blocks=EServiceLevel.L1,
    obstacles=("IT",),
    patterns=("P26",),
    fix="Replace the PDF with a native e-form that validates and pre-fills the data and is "
        "submitted online",
    redesign=("offer-online-application",),
)
def printed_form_download(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the applicant steps that download a form, print it and fill it in by hand
    (ดาวน์โหลดแบบฟอร์ม, พิมพ์แบบฟอร์ม, กรอกแล้วนำมายื่น: pattern P26). A form online as a
    PDF is only "forms online" (OPDC L0, the Vietnamese level 2). The finding blocks L1
    when the filled form must still be brought and no submission step carries that trip
    ("ดาวน์โหลดแบบฟอร์ม กรอกแล้วนำมายื่น" with nothing after it). When the paper is lodged
    at a counter submission step, that step's APP001 finding already blocks L1 and this
    one is reported with `blocking=False` and the submission as related (one fact, one
    blocker); when the printed form is scanned and submitted online it is also
    `blocking=False`: the target is a native e-form.

    ## Why it matters
    A downloadable PDF looks digital but moves the typing to the applicant and the
    re-keying to the agency; if the paper must then be brought, the service is not
    online at all.

    ## Example
    ```xml
    <bpmn:manualTask id="Prepare" name="ดาวน์โหลดแบบฟอร์ม พิมพ์ กรอกข้อมูล และลงลายมือชื่อ"
                     rp:actor="applicant"/>
    <bpmn:manualTask id="Lodge" name="ยื่นคำขอ ณ สำนักงาน" rp:channel="counter"/>
    ```
    gives `APP010 Prepare` (`blocking=False`, related `Lodge`: the counter visit is
    `APP001 Lodge`). "ดาวน์โหลดแบบฟอร์ม กรอกแล้วนำมายื่น" with no submission after it
    blocks L1 itself.

    ## Use instead
    A native e-form with validation and pre-fill, submitted online (the
    `offer-online-application` pass).

    ## Known problems
    Downloading the *result* ("ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์") is not this pattern
    and is not matched. When no submission step follows, the filled form is taken to be
    brought (blocking) unless the step itself is online.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: the right to file electronically.
    - EU eGovernment benchmark "online sophistication" stages (download forms = one-way
      interaction); Vietnam's online public-service level 2 (downloadable forms).
    """
    inbound = from_applicant(ctx)
    for node, step in ctx.activities():
        if is_expanded(node) or not (step.actor is Actor.APPLICANT or step.applicant_facing):
            continue
        hits = uploaded_hits(step, "P26")
        if not hits:
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id, message_th="", message_en="", patterns=["P26"],
            conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "actor", "channel", "medium"))
        if is_submission(ctx, node, step, inbound):
            # the step lodges the printed form itself: APP001/APP009 report that visit
            brought, carried_by = not is_online(step), [node.id]
        else:
            subs = [n for n in walk(ctx, node.id, limit=50, stop=lambda n: is_submission(
                ctx, ctx.node(n), ctx.steps[n], inbound)) if is_submission(
                ctx, ctx.node(n), ctx.steps[n], inbound)]
            brought = any(not submission_online(ctx, s, inbound) for s in subs) if subs else (
                not is_online(step))
            carried_by = subs
            for s in subs:
                how = "online" if submission_online(ctx, s, inbound) else "not online"
                cand.evidence.append(semantics(
                    f"the filled form is lodged in '{label(ctx.node(s))}' ({how})", element_id=s))
            cand.relate(*subs)
        if not carried_by:
            cand.evidence.append(semantics("no submission step follows: the paper form is "
                                           "brought or sent as it is"))
        # blocking when the printed form must be brought and no submission step reports
        # that trip (a counter submission is APP001's finding: the fact is reported once)
        cand.blocking = brought and not carried_by
        if brought and carried_by:
            cand.message_th = (f"ขั้นตอน '{name}' ให้ผู้ขอดาวน์โหลดแบบฟอร์ม พิมพ์ และกรอกด้วยมือ "
                               "แล้วนำแบบกระดาษไปยื่น ณ เคาน์เตอร์ (ยังไม่ใช่แบบฟอร์มอิเล็กทรอนิกส์)")
            cand.message_en = (f"'{name}' has the applicant download, print and fill in the "
                               "form by hand for the counter (not an e-form)")
        elif brought:
            cand.message_th = (f"ขั้นตอน '{name}' ให้ผู้ขอดาวน์โหลดแบบฟอร์ม พิมพ์ และกรอกด้วยมือ "
                               "แล้วนำแบบกระดาษมายื่น")
            cand.message_en = (f"'{name}' has the applicant download, print and fill in the "
                               "form by hand, then bring the paper")
        else:
            cand.message_th = (f"ขั้นตอน '{name}' ให้ผู้ขอดาวน์โหลดแบบฟอร์ม พิมพ์ และกรอกด้วยมือ "
                               "ก่อนสแกนยื่นทางออนไลน์ (ยังไม่ใช่แบบฟอร์มอิเล็กทรอนิกส์)")
            cand.message_en = (f"'{name}' has the applicant download, print and fill in the "
                               "form by hand before a scan is submitted online (not an e-form)")
        yield cand.finding()
