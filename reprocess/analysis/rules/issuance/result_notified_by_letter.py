"""ISS002: the result is notified by letter, registered mail or a phone call (pattern P15)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    Candidate,
    all_conditional,
    applicant_side,
    cyclic_nodes,
    fact_evidence,
    flow_label,
    hit_evidence,
    is_expanded,
    is_online,
    label,
    read_text,
    semantics,
    terms,
    to_applicant,
)
from reprocess.model.elements import SendTask
from reprocess.model.enums import Actor, Channel, EServiceLevel, StepKind

__all__ = ["result_notified_by_letter"]


@rule(
    code="ISS002",
    name="result-notified-by-letter",
    title="Result notified by letter, post or phone",
    blocks=EServiceLevel.L3,
    obstacles=("IT",),
    patterns=("P15",),
    fix="Notify electronically (SMS, e-mail, the ทางรัฐ app inbox) with status tracking, and "
        "attach the electronic result",
    redesign=("notify-electronically",),
)
def result_notified_by_letter(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the agency steps that tell the applicant the result, or to come and pay or
    collect, by letter, registered mail or telephone (แจ้งผลเป็นหนังสือ, หนังสือแจ้ง,
    แจ้งทางไปรษณีย์, โทรแจ้ง, แจ้งให้มารับ: pattern P15, or a notification step on the post
    or phone channel, or a message flow to the applicant named that way). The applicant's
    step that receives the letter and the letter data object are listed as related.
    Notices on a rework loop (a request for missing documents, LFA s.8) are not results
    and are left out; so are letters to other agencies (EFF rules).

    ## Why it matters
    When the decision itself is the output (a benefit, an approval) the electronic
    notification of the decision is what level 3 asks for (domain brief 1.3); a letter
    or a call to come and collect keeps the result on paper and adds a trip.

    ## Example
    ```xml
    <bpmn:sendTask id="NotifyPay" name="มีหนังสือแจ้งผู้ขอให้มาชำระค่าธรรมเนียมและรับใบอนุญาต (ไปรษณีย์)"/>
    ```
    gives `ISS002 NotifyPay`.

    ## Use instead
    An electronic notification (SMS, e-mail, the app inbox of ทางรัฐ) with status
    tracking (the `notify-electronically` pass); "แจ้งผลทาง SMS/อีเมล" or
    `rp:channel="online"` already silences the rule.

    ## Known problems
    A notification step with no channel named and no letter or phone word is not
    reported. A notice that is part of a loop of reports (monthly) is taken to be rework.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565: electronic communication by
      default unless the applicant asks for paper.
    - ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564: correspondence by
      e-mail.
    - Licensing Facilitation Act 2558, s.10: notification of the result.
    """
    outbound = to_applicant(ctx)
    loops = cyclic_nodes(ctx)
    found: dict[str, Candidate] = {}
    for node, step in ctx.nodes():
        if is_expanded(node) or is_online(step) or node.id in loops:
            continue
        if not (step.is_activity or node.id in outbound):
            continue
        flows = outbound.get(node.id, ())
        if not flows and (step.actor is not Actor.AGENCY or any(
                mf.source == node.id for mf in ctx.defs.message_flows)):
            continue  # the applicant's own step, or a letter to another agency or a third party
        notice = step.kind is StepKind.NOTIFY or isinstance(node, SendTask) or bool(flows)
        if not notice:
            continue
        hits = list(step.standing_hits("P15"))
        evidence: list[Evidence] = []
        for mf in flows:
            facts = read_text(ctx, mf.name, field="message flow", element_id=mf.id)
            if facts.digital:
                continue
            mf_hits = facts.standing("P15")
            if mf_hits or facts.has("channel.post") or facts.has("channel.phone"):
                hits.extend(mf_hits)
                evidence.append(semantics(
                    f"message flow '{flow_label(mf)}' to the applicant names a letter, post or "
                    "phone", element_id=mf.id))
        by_channel = step.channel in (Channel.POST, Channel.PHONE) and (
            bool(flows) or bool(ctx.lexicon.match(step.text, tables=("applicant_names",))))
        if not (hits or evidence or by_channel):
            continue
        name = label(node)
        how = f" ({terms(hits)})" if hits else ""
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' แจ้งผลหรือให้มารับ/ชำระ เป็นหนังสือ ไปรษณีย์ หรือโทรศัพท์"
                       f"{how} ไม่ใช่การแจ้งทางอิเล็กทรอนิกส์",
            message_en=f"'{name}' notifies the applicant by letter, post or phone{how}, not "
                       "electronically",
            patterns=["P15"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(evidence)
        cand.evidence.extend(fact_evidence(step, "kind", "channel", "medium"))
        for mf in flows:
            if applicant_side(ctx, mf.target):
                cand.relate(mf.target)
        for d in ctx.defs.documents_written(node.id):
            cand.relate(d.id)
        found[node.id] = cand
    yield from (c.finding() for c in found.values())
    yield from _received_letters(ctx, found)


def _received_letters(ctx: AnalysisContext, found: dict[str, Candidate]) -> Iterator[Finding]:
    """An applicant step that receives a letter whose sender is not drawn (a collapsed pool)."""
    for node, step in ctx.activities():
        if step.actor is not Actor.APPLICANT or is_online(step) or is_expanded(node):
            continue
        if step.kind is not StepKind.NOTIFY:
            continue
        senders = [mf.source for mf in ctx.defs.message_flows if mf.target == node.id]
        if any(s in found or s in ctx.steps for s in senders):
            continue
        hits = step.standing_hits("P15")
        if not hits:
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ผู้ขอได้รับแจ้งผลเป็นหนังสือหรือทางโทรศัพท์ ({terms(hits)})",
            message_en=f"'{name}': the applicant is notified by letter or phone ({terms(hits)})",
            patterns=["P15"], conditional=all_conditional(hits))
        cand.evidence.extend(hit_evidence(hits))
        cand.evidence.extend(fact_evidence(step, "kind", "channel"))
        yield cand.finding()
