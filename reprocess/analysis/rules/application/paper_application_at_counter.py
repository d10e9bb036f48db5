"""APP001: the application is lodged on paper at a counter (pattern P01; P10 as evidence)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._level import (
    NOT_SUBMIT,
    Candidate,
    after_decision,
    all_conditional,
    application_hits,
    fact_evidence,
    flow_label,
    from_applicant,
    hit_evidence,
    is_online,
    is_submission,
    label,
    loop_closing_flows,
    merge_counterparts,
    primary_submissions,
    read_text,
    semantics,
    walk,
)
from reprocess.model.elements import MessageFlow
from reprocess.model.enums import Actor, Channel, EServiceLevel, Medium

__all__ = ["paper_application_at_counter"]


@rule(
    code="APP001",
    name="paper-application-at-counter",
    title="Application lodged on paper at a counter",
    blocks=EServiceLevel.L1,
    obstacles=("IT", "BUDGET"),
    patterns=("P01", "P10"),
    fix="Offer the application as an online e-form (agency portal, Biz Portal or ทางรัฐ) that "
        "issues the application number and receipt online; keep an assisted-digital counter",
    redesign=("offer-online-application",),
)
def paper_application_at_counter(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the steps where the applicant lodges the application at an office: an
    applicant-facing submission step (an applicant task of kind *submit*, or one whose
    text names an application or form, P01) whose channel is a counter or that is done
    on paper, and an agency node that receives the application from the applicant's
    pool by a message flow that names no online channel. A queue ticket or an
    appointment to come to the office (P10) is added as evidence to the submission it
    leads to, or reported on its own when no submission step is drawn.

    ## Why it matters
    OPDC level 1 (ยื่นคำขอทางออนไลน์) needs every applicant-initiated submission to have
    an online channel and no paper brought to an office before the application is
    accepted (domain brief 1.3). A counter-only application keeps the service at L0.

    ## Example
    ```xml
    <bpmn:manualTask id="Submit" name="กรอกแบบ ทพ. ลงลายมือชื่อ และยื่นคำขอ ณ เคาน์เตอร์"
                     rp:actor="applicant" rp:channel="counter"/>
    ```
    gives `APP001 Submit`: "ขั้นตอน 'กรอกแบบ ทพ. ...' ให้ผู้ขอยื่นคำขอเป็นกระดาษ ณ
    เคาน์เตอร์".

    ## Use instead
    An online e-form with a digital-ID login that issues the application number and the
    receipt online (the `offer-online-application` redesign pass):
    ```xml
    <bpmn:userTask id="Submit" name="ยื่นคำขอผ่านระบบออนไลน์ (e-Form)" rp:channel="online"/>
    ```
    An assisted-digital counter may stay as a second channel: a gateway that offers both
    is assessed on its best branch, and this rule's finding on the counter branch is
    then reported as an alternative channel.

    ## Known problems
    The channel of an applicant submission that names none is taken to be a counter
    (the classification's default), so a model that simply forgot to say "online" is
    flagged; add `rp:channel="online"` or the wording. Place words alone (เคาน์เตอร์,
    ณ สำนักงาน) do not make a step a submission; form codes do. A resubmission step on
    a rework loop is reported like the first submission. A step that only downloads
    and prints a form is APP010's, not this rule's.

    ## References
    - พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 (Electronic Government
      Administration Act 2022): the right to file applications electronically (s.7).
    - พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558 (Licensing
      Facilitation Act), s.7: the citizen's manual may allow electronic submission.
    - OPDC e-Service ladder (Dec 2020): L1 = ยื่นคำขอทางออนไลน์.
    """
    inbound = from_applicant(ctx)
    subs = primary_submissions(ctx, [n.id for n, s in ctx.nodes()
                                     if is_submission(ctx, n, s, inbound)])
    found: dict[str, Candidate] = {}
    for sid in subs:  # a resubmission on a rework loop repeats the first one: left out
        node, step = ctx.node(sid), ctx.steps[sid]
        if node.id in inbound:
            cand = _received(ctx, node.id, inbound)
        elif is_online(step) or step.channel in (Channel.POST, Channel.PHONE):
            continue
        elif step.channel is Channel.COUNTER or step.copresence or step.medium is Medium.PAPER:
            cand = _lodged(ctx, node.id)
        else:
            continue
        if cand is not None:
            found[node.id] = cand
    for target, flows in inbound.items():  # the officer's receiving step: the same visit
        if target in found:
            continue
        for mf in flows:
            if mf.source in found:
                found[mf.source].relate(target)
    _queues(ctx, found, loop_closing_flows(ctx))
    for cand in merge_counterparts(ctx, found):
        yield cand.finding()


def _lodged(ctx: AnalysisContext, node_id: str) -> Candidate:
    node, step = ctx.node(node_id), ctx.steps[node_id]
    hits = (*step.standing_hits("P01"), *step.standing_hits("P10"))
    name = label(node)
    cand = Candidate(
        element_id=node_id,
        message_th=f"ขั้นตอน '{name}' ให้ผู้ขอยื่นคำขอเป็นกระดาษ ณ เคาน์เตอร์ "
                   "(ไม่มีช่องทางยื่นคำขอออนไลน์)",
        message_en=f"'{name}' has the applicant lodge the application on paper at a counter "
                   "(no online channel)",
        patterns=["P01", *(["P10"] if step.standing_hits("P10") else [])],
        conditional=all_conditional(hits),
    )
    cand.evidence.extend(fact_evidence(step, "channel", "actor", "kind", "copresence", "medium"))
    cand.evidence.extend(hit_evidence(hits))
    return cand


def _received(ctx: AnalysisContext, node_id: str,
              inbound: Mapping[str, tuple[MessageFlow, ...]]) -> Candidate | None:
    """An agency node that receives the application by a message flow from the applicant."""
    node, step = ctx.node(node_id), ctx.steps[node_id]
    if is_online(step):
        return None
    flows = inbound.get(node_id, ())
    senders = [mf.source for mf in flows if mf.source in ctx.steps]
    if any(is_submission(ctx, ctx.node(s), ctx.steps[s], inbound) for s in senders):
        return None  # the sending applicant step carries the finding (or is online)
    evidence = []
    hits = list(application_hits(ctx, step))
    for mf in flows:
        facts = read_text(ctx, mf.name, field="message flow", element_id=mf.id)
        if facts.digital or facts.has("channel.online") or facts.has("channel.post") or (
                facts.standing("P09")):
            return None
        hits.extend(facts.standing("P01"))
        pool = ctx.defs.get(mf.source)
        who = getattr(pool, "name", None) or mf.source
        evidence.append(semantics(
            f"message flow '{flow_label(mf)}' from the applicant's side ('{who}') names no "
            "online channel", element_id=mf.id))
    name = label(node)
    what = "'" + "', '".join(flow_label(mf) for mf in flows) + "'"
    cand = Candidate(
        element_id=node_id,
        message_th=f"ขั้นตอน '{name}' รับคำขอ {what} จากผู้ขอโดยไม่มีช่องทางออนไลน์",
        message_en=f"'{name}' receives {what} from the applicant with no online channel",
        patterns=["P01"],
        conditional=all_conditional(hits),
    )
    cand.evidence.extend(evidence)
    cand.evidence.extend(fact_evidence(step, "kind", "channel"))
    cand.evidence.extend(hit_evidence(hits))
    cand.relate(*(mf.id for mf in flows))
    return cand


def _queues(ctx: AnalysisContext, found: dict[str, Candidate],
            back: Collection[tuple[str, str]]) -> None:
    """Queue tickets and appointments (P10): evidence for the visit they lead to."""
    for node, step in ctx.activities():
        hits = step.standing_hits("P10")
        if not hits or node.id in found or is_online(step):
            continue
        if step.actor is not Actor.APPLICANT or step.kind in NOT_SUBMIT:
            continue
        target = next((n for n in walk(ctx, node.id, limit=12) if n in found), None)
        if target is not None:
            cand = found[target]
            cand.evidence.extend(hit_evidence(hits))
            cand.relate(node.id)
            if "P10" not in cand.patterns:
                cand.patterns.append("P10")
            continue
        name = label(node)
        cand = Candidate(
            element_id=node.id,
            message_th=f"ขั้นตอน '{name}' ให้ผู้ขอรับบัตรคิวหรือนัดหมายเพื่อมาที่สำนักงาน",
            message_en=f"'{name}' has the applicant take a queue ticket or an appointment to "
                       "come to the office",
            patterns=["P10"], conditional=all_conditional(hits))
        cand.evidence.extend(fact_evidence(step, "actor", "channel"))
        cand.evidence.extend(hit_evidence(hits))
        decision = after_decision(ctx, node.id, back)
        if decision is not None:
            cand.blocking = False  # an appointment after the decision: a repeated visit
            after = label(ctx.node(decision))
            cand.message_th += f" หลังการพิจารณา '{after}' (มาซ้ำ ไม่ใช่ขั้นยื่นคำขอ)"
            cand.message_en += f", after the decision '{after}' (a repeated visit, not applying)"
            cand.evidence.append(semantics(
                f"comes after the decision '{label(ctx.node(decision))}'", element_id=decision))
        found[node.id] = cand
