"""ODT001: the process keeps a register that is not published as open data."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    AGENCY_ACTORS,
    OPEN_DATA_WORDS,
    REGISTER_WORDS,
    find_terms,
    model_texts,
    standing_terms,
    term_evidence,
)
from reprocess.model.elements import DataStoreReference

__all__ = ["register_not_published"]

_STRONG_REGISTER = ("ฐานข้อมูล", "สารบบ", "ทะเบียนคุม", "database", "registry")
"""Register words strong enough for a data object (ทะเบียน and สมุดทะเบียน also name
certificates and books handed to the applicant)."""

_CORRESPONDENCE = ("ทะเบียนรับ", "ทะเบียนส่ง", "หนังสือรับ", "หนังสือส่ง", "สารบรรณ",
                   "correspondence")
"""Correspondence logs: registers, but not data sets anyone would publish."""


def _published(ctx: AnalysisContext) -> tuple[bool, set[str]]:
    """Return (published for the whole model, ids of documents said to be published)."""
    everywhere = False
    docs: set[str] = set()
    for owner, part in model_texts(ctx):
        if not any(not m.negated for m in find_terms(part.text, OPEN_DATA_WORDS)):
            continue
        if owner is not None and owner in ctx.docs:
            docs.add(owner)
        elif owner is not None and owner in ctx.steps:
            touched = {d.id for d in (*ctx.defs.documents_read(owner),
                                      *ctx.defs.documents_written(owner))}
            if touched:
                docs |= touched
            else:
                everywhere = True
        else:
            everywhere = True
    return everywhere, docs


@rule(
    code="ODT001",
    name="register-not-published",
    title="Register kept by the process is not published as open data",
    blocks=None,
    obstacles=("DATA", "LAW"),
    patterns=(),
    fix="Publish the register (or an anonymised or aggregated extract) as a data set on "
        "data.go.th following the DGA open-data guidance, and keep it updated from the system",
    redesign=("publish-open-data",),
)
def register_not_published(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Finds registers and databases the process keeps: data stores written by a step
    of the agency, data stores named as a register or database (ทะเบียน, ฐานข้อมูล,
    สารบบ, register, database) that no step uses (drawn as what the service keeps),
    and data objects written by an agency step that are named as a database or
    registry. The finding is information only. It is dropped
    when the model says the data is published already (ข้อมูลเปิด, open data,
    data.go.th) on the store, on a step that reads or writes it, or on the process as
    a whole. References to the same data store are reported once.

    ## Why it matters
    Open Data is OPDC's parallel track beside the three e-Service levels: registers
    of licences, premises and registrations are the data sets businesses and
    researchers ask for. A register the process already keeps is the cheapest
    candidate (``open_data_candidates``, §3.7).

    ## Example
    ```
    [นายทะเบียน] บันทึกการจดทะเบียน --> (data store) ฐานข้อมูลทะเบียนพาณิชย์
    ```

    ## Use instead
    Publish the register, or an extract without personal data, on data.go.th with
    metadata and an update schedule, fed from the system of record
    (`publish-open-data`).

    ## Known problems
    * Registers hold personal data: publish what the law allows (business names,
      licence numbers, premises) or aggregates, never the raw register.
    * Correspondence logs (ทะเบียนรับ-ส่งหนังสือ) are not reported.
    * A register the process only reads (DOPA's civil registry through the Linkage
      Center) is left to the agency that writes it.
    * A single open-data statement that names no store silences every store.

    ## References
    * Digital Government Administration Act B.E. 2562, s.15-16 (open data of agencies).
    * DGA open government data guidance and the data.go.th catalogue (CKAN).
    * OPDC e-Service working group, Open Data track (Dec 2020).
    """
    everywhere, published = _published(ctx)
    if everywhere:
        return
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    reasons: dict[str, list[Evidence]] = {}
    same_store: dict[str, list[str]] = {}
    for doc in ctx.documents():
        ref = ctx.defs.get(doc.element_id)
        if isinstance(ref, DataStoreReference) and ref.data_store:
            same_store.setdefault(ref.data_store, []).append(doc.element_id)
    for doc in ctx.documents():
        if doc.element_id in published:
            continue
        if standing_terms(doc.texts, _CORRESPONDENCE):
            continue
        ref = ctx.defs.get(doc.element_id)
        agency_writers = [w for w in doc.writers if ctx.steps[w].actor in AGENCY_ACTORS]
        ev: list[Evidence] = []
        if doc.is_store:
            words = standing_terms(doc.texts, REGISTER_WORDS)
            if agency_writers:
                ev.append(Evidence(source="semantics",
                                   text=f"data store written by {', '.join(agency_writers)}"))
            if words and (agency_writers or not (doc.readers or doc.writers)):
                ev.append(term_evidence(words[0][0].term, words[0][1]))
        elif agency_writers:
            words = standing_terms(doc.texts, _STRONG_REGISTER)
            if words:
                ev.append(Evidence(source="semantics",
                                   text=f"data object written by {', '.join(agency_writers)}"))
                ev.append(term_evidence(words[0][0].term, words[0][1]))
        if not ev:
            continue
        key = doc.element_id
        if isinstance(ref, DataStoreReference) and ref.data_store:
            if ref.data_store in published:
                continue
            key = ref.data_store
        if key not in groups:
            groups[key] = []
            order.append(key)
            reasons[key] = []
        groups[key].append(doc.element_id)
        reasons[key].extend(e for e in ev if e not in reasons[key])
    for key in order:
        refs = groups[key]
        if any(r in published for r in refs):
            continue
        refs = list(dict.fromkeys([*refs, *same_store.get(key, ())]))
        first = ctx.docs[refs[0]]
        users = [u for r in refs for u in (*ctx.docs[r].writers, *ctx.docs[r].readers)]
        related = tuple(dict.fromkeys([*refs[1:], *users]))
        yield Finding(
            element_id=first.element_id,
            message_th=f"ทะเบียนหรือฐานข้อมูล '{first.name}' ที่กระบวนงานจัดเก็บ ยังไม่ระบุว่า"
                       "เผยแพร่เป็นข้อมูลเปิด (data.go.th)",
            message_en=f"the register '{first.name}' kept by the process is not said to be "
                       "published as open data (data.go.th)",
            evidence=tuple(reasons[key]),
            related=related,
        )
