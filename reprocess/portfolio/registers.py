"""The registers OPDC aggregates across agencies: obstacles and data-linkage demand.

The **obstacle register** has one row per obstacle of a service (``domain.md`` 6.2): the
service, the step, the category (IT, BUDGET, LAW, DATA, or CAPACITY), the legal reference,
the source agency of data, the proposed solution and the status. Rows come from the
redesign proposal and the analysis:

* ``prerequisite``: what an applied change needs before the to-be can run (an e-form
  system, a PKI certificate, a linkage agreement with the source agency ...);
* ``law-change``: a change kept back because current law forbids it, with the provision
  that would have to change (these feed the Council of State's central law);
* ``blocking``: a diagnostic of the to-be that still blocks the target level, and any
  blocking diagnostic of the as-is that no change resolved (its categories come from the
  rule, :attr:`~reprocess.analysis.finding.Diagnostic.obstacles`).

Each row has a stable ``key`` so that the history can tell which obstacles were closed.

The **data-linkage demand list** says which document or data each agency needs from
which source agency, for which services, over which channel (DOPA Linkage Center, GDX);
the legal basis is the DGA Act s.13.

Examples:
    >>> from reprocess.model.enums import ObstacleCategory
    >>> row = ObstacleRow(service_id="e1", service_name="x", agency="ก", element_id="T",
    ...                   step="ยื่นคำขอ", category=ObstacleCategory.IT, text_th="ระบบ",
    ...                   text_en="system", status="prerequisite")
    >>> row.key
    'e1|IT|T|system'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import computed_field

from reprocess.model.base import Model, field_or
from reprocess.model.enums import ObstacleCategory
from reprocess.model.process import Definitions

if TYPE_CHECKING:
    from reprocess.analysis.engine import Analysis
    from reprocess.redesign.prerequisites import Prerequisite
    from reprocess.redesign.proposal import ChangeLogEntry, Proposal

__all__ = [
    "CATEGORY_LABELS",
    "STATUS_LABELS",
    "BudgetRow",
    "LegalRow",
    "LinkageItem",
    "LinkageRow",
    "ObstacleRow",
    "ObstacleStatus",
    "budget_needs",
    "legal_obstacles",
    "linkage_demand",
    "service_linkage",
    "service_obstacles",
]

ObstacleStatus = Literal["prerequisite", "law-change", "blocking"]
"""Why a row is in the register (see the module docstring)."""

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "prerequisite": ("ต้องเตรียมก่อนใช้กระบวนงานใหม่", "needed for the to-be"),
    "law-change": ("รอการแก้ไขกฎหมาย", "waits for a law change"),
    "blocking": ("ยังขัดขวางระดับเป้าหมาย", "still blocks the target"),
}
"""Thai and English labels of the statuses."""

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "IT": ("ระบบ IT", "IT systems"),
    "BUDGET": ("งบประมาณ", "budget"),
    "LAW": ("กฎหมาย", "law"),
    "DATA": ("การเชื่อมโยงข้อมูล", "data linkage"),
    "CAPACITY": ("บุคลากร", "capacity"),
}
"""Thai and English names of the obstacle categories."""

_PLATFORM = re.compile(r"via (.+)$")
DGA_S13 = "พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ม.13"


class ObstacleRow(Model):
    """One row of the obstacle register."""

    service_id: str
    service_name: str
    agency: str
    ministry: str | None = None
    element_id: str | None = None
    step: str = ""
    """The step(s) or document(s) concerned, by name."""
    category: ObstacleCategory
    text_th: str
    text_en: str
    legal_reference: str | None = None
    source_agency: str | None = None
    solution_th: str = ""
    solution_en: str = ""
    needs_law_change: bool = False
    status: ObstacleStatus
    code: str | None = None
    """The rule code, for rows from diagnostics."""
    due: str | None = None
    """The service's target date (ISO), when known."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def key(self) -> str:
        """A stable identity across runs: service, category, element, reference or text."""
        what = self.legal_reference if self.status == "law-change" and self.legal_reference \
            else (self.code or self.text_en)
        return f"{self.service_id}|{self.category.value}|{self.element_id or '*'}|{what}"


class LinkageItem(Model):
    """One service's need for one source agency's data."""

    service_id: str
    requesting_agency: str
    document: str
    source_agency: str
    channel: str = "GDX"
    legal_basis: str = DGA_S13


class LinkageRow(Model):
    """A row of the data-linkage demand list: document, source, requesters, services."""

    document: str
    source_agency: str
    requesting_agencies: tuple[str, ...]
    services: tuple[str, ...]
    channel: str
    legal_basis: str = DGA_S13
    status: str = "ยังไม่เชื่อมโยง (not connected)"


class LegalRow(Model):
    """A row of the legal-obstacle table (6.5 part 3): the provision and what it blocks."""

    reference: str
    provision_th: str
    provision_en: str
    services: tuple[str, ...]
    fix_th: str
    needs_law_change: bool


class BudgetRow(Model):
    """A row of the budget-needs table (6.5 part 5)."""

    agency: str
    item_th: str
    item_en: str
    services: tuple[str, ...]
    amount_baht: str = ""
    fiscal_year: str = ""
    status: str = ""


# -- per service ---------------------------------------------------------------------------


def _names(defs: Definitions, ids: Iterable[str]) -> str:
    out = []
    for i in dict.fromkeys(ids):
        el = defs.get(i)
        name = getattr(el, "name", None) if el is not None else None
        out.append(_clean(name) if name else i)
    return "; ".join(out)


def service_obstacles(
    service_id: str,
    service_name: str,
    agency: str,
    *,
    analysis: Analysis | None,
    proposal: Proposal | None,
    ministry: str | None = None,
    due: str | None = None,
) -> tuple[ObstacleRow, ...]:
    """Return the obstacle register rows of one service (deduplicated by key).

    Args:
        service_id: the catalogue id.
        service_name: the service name.
        agency: the owner agency.
        analysis: the as-is analysis (for blocking diagnostics no change resolved).
        proposal: the redesign proposal (prerequisites, kept-back changes, remaining).
        ministry: the ministry.
        due: the target date (ISO).
    """
    rows: dict[str, ObstacleRow] = {}
    base = {"service_id": service_id, "service_name": service_name, "agency": agency,
            "ministry": ministry, "due": due}
    defs = proposal.as_is if proposal is not None else None

    def add(row: ObstacleRow) -> None:
        rows.setdefault(row.key, row)

    if proposal is not None and defs is not None:
        by_prereq: dict[tuple[str, str, str | None], tuple[Prerequisite, list[ChangeLogEntry]]]
        by_prereq = {}
        for entry in proposal.changes:
            for p in entry.prerequisites:
                k = (p.category.value, p.text_en, p.source_agency)
                by_prereq.setdefault(k, (p, []))[1].append(entry)
        for p, entries in by_prereq.values():
            ids = [i for e in entries for i in (*e.replaced, *e.changed,
                                                *(r.element_id for r in e.removed))]
            first = entries[0]
            add(ObstacleRow(
                **base, element_id=None, step=_names(defs, ids), category=p.category,
                text_th=p.text_th, text_en=p.text_en, legal_reference=p.legal_reference,
                source_agency=p.source_agency, solution_th=first.rationale_th,
                solution_en=first.rationale_en, needs_law_change=p.needs_law_change,
                status="prerequisite"))
        for entry in proposal.retained:
            target = _targets(entry)
            for p in entry.prerequisites:
                add(ObstacleRow(
                    **base, element_id=target[0] if target else None,
                    step=_names(defs, target), category=p.category, text_th=p.text_th,
                    text_en=p.text_en, legal_reference=p.legal_reference,
                    source_agency=p.source_agency, solution_th=entry.rationale_th,
                    solution_en=entry.rationale_en, needs_law_change=p.needs_law_change,
                    status="law-change" if p.needs_law_change else "prerequisite"))
        for r in proposal.remaining:
            held = any(p.needs_law_change for p in r.prerequisites)
            for cat in r.obstacles or (ObstacleCategory.IT,):
                ref = next((p.legal_reference for p in r.prerequisites
                            if p.category is cat and p.legal_reference), None)
                src = next((p.source_agency for p in r.prerequisites
                            if p.category is cat and p.source_agency), None)
                add(ObstacleRow(
                    **base, element_id=r.element_id,
                    step=_clean(r.element_name or r.element_id or ""),
                    category=cat, text_th=r.message_th, text_en=r.message_en,
                    legal_reference=ref, source_agency=src, solution_th=r.reason_th,
                    solution_en=r.reason_en, needs_law_change=held, status="blocking",
                    code=r.code))
    if analysis is not None and analysis.assessment is not None:
        resolved = set()
        if proposal is not None:
            resolved = {f.key for e in proposal.changes for f in e.findings_resolved}
            resolved |= {f"{r.code}:{r.element_id or ''}" for r in proposal.remaining}
        for d in analysis.findings:
            if not d.counts_for_level or f"{d.code}:{d.element_id or ''}" in resolved:
                continue
            for cat in d.obstacles or (ObstacleCategory.IT,):
                add(ObstacleRow(
                    **base, element_id=d.element_id,
                    step=_clean(d.element_name or d.element_id or ""), category=cat,
                    text_th=d.message_th, text_en=d.message_en, solution_th=d.fix,
                    solution_en=d.fix, status="blocking", code=d.code))
    return tuple(rows.values())


def _targets(entry: ChangeLogEntry) -> tuple[str, ...]:
    from reprocess.redesign.pipeline import targets_of

    return targets_of(entry.change)


def service_linkage(service_id: str, agency: str, proposal: Proposal | None
                    ) -> tuple[LinkageItem, ...]:
    """Return the data one service needs from source agencies, from its proposal.

    Every change (applied or kept back) with a DATA prerequisite that names a source
    agency gives one item per document it removes or changes (or, when it touches no
    document, per step it replaces: a letter to another agency). The requesting agency is
    the agency that reads the document: the process that reads it, or, when the applicant
    carries it, the agency at the other end of the applicant's message flow (E2: the
    Revenue Department and the Social Security Office need DBD's company certificate).
    """
    if proposal is None:
        return ()
    defs = proposal.as_is
    readers = _readers(defs)
    out: dict[tuple[str, str, str], LinkageItem] = {}
    for entry in (*proposal.changes, *proposal.retained):
        data = [p for p in entry.prerequisites
                if p.category is ObstacleCategory.DATA and p.source_agency]
        if not data:
            continue
        ids = [*entry.replaced, *entry.changed, *(r.element_id for r in entry.removed)]
        if not entry.applied:
            ids += list(_targets(entry))
        from reprocess.model.elements import DataObject

        docs = [i for i in dict.fromkeys(ids) if _is_document(defs.get(i))]
        steps = [i for i in dict.fromkeys(ids) if i not in docs and defs.get(i) is not None
                 and not isinstance(defs.get(i), DataObject)
                 and i in (*entry.replaced, *(r.element_id for r in entry.removed))]
        for p in data:
            m = _PLATFORM.search(p.text_en)
            channel = m.group(1) if m else "GDX"
            for i in docs or steps:
                name = _document_name(getattr(defs.get(i), "name", None) or i)
                who = _requester(defs, readers.get(i, (i,))[0], agency)
                key = (name, p.source_agency or "", who)
                out.setdefault(key, LinkageItem(
                    service_id=service_id, requesting_agency=who, document=name,
                    source_agency=_clean(p.source_agency or ""), channel=channel,
                    legal_basis=p.legal_reference or DGA_S13))
    return tuple(out.values())


def _is_document(el: object) -> bool:
    from reprocess.model.elements import DataObjectReference, DataStoreReference

    return isinstance(el, (DataObjectReference, DataStoreReference))


def _clean(text: str) -> str:
    return " ".join(text.split())


def _readers(defs: Definitions) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for node in defs.flow_nodes():
        for assoc in field_or(node, "data_inputs", ()):
            for src in assoc.sources:
                out.setdefault(src, []).append(node.id)
    return {k: tuple(v) for k, v in out.items()}


def _requester(defs: Definitions, element_id: str, default: str) -> str:
    """The agency that asks for what ``element_id`` reads (through the applicant's flows)."""
    own = _agency_of(defs, element_id)
    if own is not None:
        return own
    for mf in defs.message_flows:
        if mf.source == element_id:
            other = _agency_of(defs, mf.target)
            if other is not None:
                return other
    return _clean(default)


def _agency_of(defs: Definitions, element_id: str) -> str | None:
    try:
        process = defs.process_of(element_id)
    except KeyError:
        process = None
    pool = defs.pool_of(element_id)
    if pool is not None and pool.role is not None and pool.role.value == "applicant":
        return None
    if process is not None:
        lane = defs.lane_of(element_id)
        if lane is not None and lane.role is not None and lane.role.value == "applicant":
            return None
        if process.service is not None and process.service.agency:
            return _clean(process.service.agency)
    if pool is not None and pool.name:
        return _clean(pool.name)
    return None


_PARENS = re.compile(r"\s*\([^)]*\)")


def _document_name(name: str) -> str:
    """The document as a linkage item: no "สำเนา" prefix, no parenthesised remark.

    Examples:
        >>> _document_name("สำเนาหนังสือรับรองการจดทะเบียนบริษัท (ไม่เกิน 6 เดือน)")
        'หนังสือรับรองการจดทะเบียนบริษัท'
    """
    text = _clean(_PARENS.sub("", name))
    for prefix in ("สำเนา", "ต้นฉบับ"):
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            text = text[len(prefix):].strip()
    return text


# -- across services -----------------------------------------------------------------------


def linkage_demand(items: Iterable[LinkageItem], *,
                   connected: Sequence[str] = ()) -> tuple[LinkageRow, ...]:
    """Group linkage items by document and source agency (6.5 part 4).

    Args:
        items: every service's linkage items.
        connected: agencies already connected to the Linkage Center / GDX; a row whose
            requesting agencies are all connected is marked so.

    Examples:
        >>> rows = linkage_demand([
        ...     LinkageItem(service_id="e2", requesting_agency="กรมสรรพากร",
        ...                 document="หนังสือรับรองการจดทะเบียนบริษัท",
        ...                 source_agency="กรมพัฒนาธุรกิจการค้า"),
        ...     LinkageItem(service_id="e2", requesting_agency="สำนักงานประกันสังคม",
        ...                 document="หนังสือรับรองการจดทะเบียนบริษัท",
        ...                 source_agency="กรมพัฒนาธุรกิจการค้า")])
        >>> len(rows), rows[0].requesting_agencies
        (1, ('กรมสรรพากร', 'สำนักงานประกันสังคม'))
    """
    groups: dict[tuple[str, str], list[LinkageItem]] = {}
    for item in items:
        groups.setdefault((item.document, item.source_agency), []).append(item)
    rows = []
    for (doc, src), found in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        who = tuple(sorted({i.requesting_agency for i in found}))
        done = bool(who) and all(w in connected for w in who)
        rows.append(LinkageRow(
            document=doc, source_agency=src, requesting_agencies=who,
            services=tuple(sorted({i.service_id for i in found})),
            channel=", ".join(sorted({i.channel for i in found})),
            legal_basis=found[0].legal_basis,
            status="เชื่อมต่อแล้ว (connected)" if done else "ยังไม่เชื่อมโยง (not connected)"))
    return tuple(rows)


def legal_obstacles(rows: Iterable[ObstacleRow]) -> tuple[LegalRow, ...]:
    """Group the LAW rows of the register by legal reference (6.5 part 3).

    Examples:
        >>> r = ObstacleRow(service_id="e5", service_name="x", agency="ก",
        ...     category="LAW", text_th="กฎกระทรวงกำหนดแบบ", text_en="form prescribed",
        ...     legal_reference="กฎกระทรวง", status="law-change", needs_law_change=True)
        >>> legal_obstacles([r])[0].services
        ('e5',)
    """
    groups: dict[tuple[str, str], list[ObstacleRow]] = {}
    for r in rows:
        if r.category is not ObstacleCategory.LAW:
            continue
        ref = r.legal_reference or "(ยังไม่ระบุ / not given)"
        groups.setdefault((ref, r.text_en), []).append(r)
    out = []
    for (ref, _), found in sorted(groups.items()):
        first = found[0]
        law = any(r.needs_law_change for r in found)
        fix = first.solution_th or ("ต้องแก้ไขกฎหมาย/กฎกระทรวง หรือกฎหมายกลางว่าด้วยการทำแทนกัน"
                                    if law else "ดำเนินการได้ตาม พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ "
                                                "พ.ศ. 2565")
        out.append(LegalRow(reference=ref, provision_th=first.text_th,
                            provision_en=first.text_en,
                            services=tuple(sorted({r.service_id for r in found})),
                            fix_th=fix, needs_law_change=law))
    return tuple(out)


def budget_needs(rows: Iterable[ObstacleRow], *, amounts: dict[str, str] | None = None,
                 fiscal_years: dict[str, str] | None = None,
                 funded: Sequence[str] = ()) -> tuple[BudgetRow, ...]:
    """Sum up the BUDGET and IT-system needs per agency (6.5 part 5).

    One row per agency: the distinct items (systems, certificates, payment integration,
    counters) its services need, the services, the budget the catalogue gives for them
    (``budget_baht``), the fiscal years of their target dates, and whether the agency
    has a budget allocated.

    Args:
        rows: the obstacle register.
        amounts: budget per service id (from the catalogue), summed per agency.
        fiscal_years: Thai fiscal year per service id (from its target date).
        funded: agencies with a budget allocated.
    """
    groups: dict[str, list[ObstacleRow]] = {}
    for r in rows:
        if r.category in (ObstacleCategory.BUDGET, ObstacleCategory.IT):
            groups.setdefault(r.agency, []).append(r)
    out = []
    for agency, found in sorted(groups.items()):
        services = tuple(sorted({r.service_id for r in found}))
        items_th = list(dict.fromkeys(r.text_th for r in found if r.status == "prerequisite"))
        items_en = list(dict.fromkeys(r.text_en for r in found if r.status == "prerequisite"))
        if not items_th:
            items_th = list(dict.fromkeys(r.text_th for r in found))[:5]
            items_en = list(dict.fromkeys(r.text_en for r in found))[:5]
        total = ""
        if amounts:
            known = [amounts[s] for s in services if s in amounts]
            if known:
                from decimal import Decimal

                total = f"{sum(Decimal(a) for a in known):,.0f}"
        years = sorted({fiscal_years[s] for s in services if fiscal_years and s in fiscal_years})
        out.append(BudgetRow(
            agency=agency, item_th="\n".join(f"• {t}" for t in items_th),
            item_en="\n".join(f"• {t}" for t in items_en), services=services,
            amount_baht=total, fiscal_year=", ".join(years),
            status="ได้รับจัดสรรแล้ว (allocated)" if agency in funded
            else "ยังไม่ได้รับจัดสรร (not allocated)"))
    return tuple(out)
