"""EFF006: the agency writes to another agency for data, an opinion or a check (P22)."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    AGENCY_ACTORS,
    DIGITAL_EXTRA_WORDS,
    digital_terms,
    find_terms,
    hit_evidence,
    is_automated,
    label,
    lexicon_terms,
    standing,
)
from reprocess.model.enums import Actor

__all__ = ["letter_to_other_agency"]


def _digital_name(ctx: AnalysisContext, text: str | None) -> bool:
    if not text:
        return False
    return (any(not neg for _, neg in lexicon_terms(ctx, text, "digital"))
            or any(not m.negated for m in find_terms(text, DIGITAL_EXTRA_WORDS)))


@rule(
    code="EFF006",
    name="letter-to-other-agency",
    title="Letter to another agency for data or an opinion",
    blocks=None,
    obstacles=("DATA", "LAW"),
    patterns=("P22",),
    fix="Get the data through an API on GDX or the DOPA Linkage Center, or agree a "
        "standing opinion, instead of writing a letter for each case",
    redesign=("exchange-data-with-agency",),
)
def letter_to_other_agency(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds the points where the service's agency asks another agency for data, an
    opinion or a verification: a message flow from the service's pool to another
    agency's pool, or a step of the agency that says so (ทำหนังสือสอบถาม, ขอความเห็น,
    หารือ, ตรวจสอบไปยัง, ประสาน). One finding per sending step (or per message flow
    when the pool is drawn collapsed); the other agency's pool is named.

    ## Why it matters
    A letter between agencies takes days to weeks each way, and the case stops while
    it travels. Re-Process counts these as inter-agency hand-offs
    (``n_interagency_handoffs``); the usual obstacles are data that the source agency
    does not expose (DATA) and the lack of a legal basis to act on the other's
    behalf (LAW).

    ## Example
    ```
    [กองช่าง] ทำหนังสือสอบถามกรมทางหลวง --message flow--> (กรมทางหลวง)
    ```

    ## Use instead
    Query the source agency's data through GDX or the Linkage Center, or agree a
    standing opinion for routine cases (`exchange-data-with-agency`).

    ## Known problems
    * A message flow or step that says it uses GDX, an API, Linkage or a system is
      not reported.
    * Replies (messages back from the other agency) are not reported separately.
    * ประสาน (coordinate) is broad and may catch internal coordination.
    * Pools are "another agency" by ``rp:role`` or by not being the service's pool;
      a private party drawn as a pool without ``rp:role="third-party"`` counts.

    ## References
    * Digital Government Administration Act B.E. 2562, s.13: agencies share data
      with each other through the digital government platform.
    * Licensing Facilitation Act B.E. 2558, s.10: time limits include the time spent
      waiting for other agencies.
    * domain brief, pattern P22 and metric ``n_interagency_handoffs`` (§3.7).
    """
    roles = ctx.roles
    found: dict[str, tuple[list[Evidence], list[str], bool]] = {}
    order: list[str] = []

    def add(key: str, ev: list[Evidence], other: str | None, cond: bool) -> None:
        if key not in found:
            found[key] = ([], [], True)
            order.append(key)
        evs, others, c = found[key]
        evs.extend(ev)
        if other and other not in others:
            others.append(other)
        found[key] = (evs, others, c and cond)

    if roles.agency_pool is not None:
        for mf in ctx.defs.message_flows:
            src = ctx.defs.pool_of(mf.source)
            dst = ctx.defs.pool_of(mf.target)
            if src is None or dst is None or src.id != roles.agency_pool or dst.id == src.id:
                continue
            if roles.pool.get(dst.id) not in AGENCY_ACTORS:
                continue
            if _digital_name(ctx, mf.name):
                continue
            key = mf.id
            cond = False
            if mf.source in ctx.steps:
                step = ctx.steps[mf.source]
                if is_automated(ctx, mf.source) or step.digital or digital_terms(step.texts):
                    continue
                key = mf.source
                cond = step.conditional
            text = f"message flow '{mf.id}' from pool '{label(ctx, src.id)}' to pool " \
                   f"'{label(ctx, dst.id)}'" + (f" named “{mf.name}”" if mf.name else "")
            add(key, [Evidence(source="structure", text=text, element_id=mf.id)],
                label(ctx, dst.id), cond)

    for node, step in ctx.activities():
        if step.actor is not Actor.AGENCY or is_automated(ctx, node.id):
            continue
        hits = standing(step, "P22")
        if not hits or digital_terms(step.texts):
            continue
        add(node.id, list(hit_evidence(hits)), None, any(h.conditional for h in hits))

    for key in order:
        evs, others, cond = found[key]
        name = label(ctx, key)
        to_th = f"ถึง {', '.join(others)} " if others else "ถึงหน่วยงานอื่น "
        to_en = f"to {', '.join(others)}" if others else "to another agency"
        yield Finding(
            element_id=key,
            message_th=f"ขั้นตอน '{name}' ทำหนังสือ{to_th}เพื่อขอข้อมูล ความเห็นหรือให้ตรวจสอบ",
            message_en=f"'{name}' writes {to_en} for data, an opinion or a verification",
            evidence=tuple(dict.fromkeys(evs)),
            conditional=cond,
        )
