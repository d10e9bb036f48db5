"""Roll many services up: levels, burden saved, registers, follow-up and readiness groups.

:class:`ServiceResult` is what the clinic keeps of one service after analysis and
redesign (small enough to send between processes); :func:`roll_up` turns the results of
a catalogue into a :class:`Rollup`: the level distribution today and after the proposal
against the target, by customer group and ministry, the Standard Cost Model burden saved
per year, the obstacle register and its counts by category, the data-linkage demand, the
legal and budget tables, the follow-up group of every service and the readiness group and
next clinic visit of every agency.

Examples:
    >>> from reprocess.portfolio.catalogue import ServiceMeta
    >>> meta = ServiceMeta(id="a", name="ก", agency="อำเภอ", customer_group="citizens",
    ...                    model="a.bpmn")
    >>> r = ServiceResult(id="a", meta=meta, source="a.yaml", input_path="a.bpmn",
    ...                   level="L0", level_after="L3")
    >>> roll = roll_up([r], Catalogue(folder="."), today=datetime.date(2026, 11, 25))
    >>> roll.levels_today, roll.levels_after
    ({'L0': 1, 'L1': 0, 'L2': 0, 'L3': 0}, {'L0': 0, 'L1': 0, 'L2': 0, 'L3': 1})
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pydantic import Field

from reprocess.analysis.metrics import Metrics
from reprocess.model.base import Model
from reprocess.model.enums import CustomerGroup, EServiceLevel, ObstacleCategory
from reprocess.portfolio.catalogue import Catalogue, ServiceMeta
from reprocess.portfolio.groups import (
    AgencyFacts,
    Classification,
    ServiceFacts,
    classify_follow_up,
    classify_readiness,
)
from reprocess.portfolio.registers import (
    BudgetRow,
    LegalRow,
    LinkageItem,
    LinkageRow,
    ObstacleRow,
    budget_needs,
    legal_obstacles,
    linkage_demand,
)

__all__ = [
    "LEVELS",
    "AgencyReadiness",
    "Burden",
    "Rollup",
    "ServiceResult",
    "fiscal_year",
    "roll_up",
]

LEVELS = ("L0", "L1", "L2", "L3")
"""The levels, in order, as keys of the distributions."""


class ServiceResult(Model):
    """What the clinic keeps of one service: levels, flags, metrics, obstacles, files."""

    id: str
    meta: ServiceMeta
    source: str
    """The metadata file."""
    input_path: str
    input_kind: Literal["bpmn", "manual"] = "bpmn"
    error: str | None = None
    """Why the service could not be analysed (then most fields are empty)."""
    level: EServiceLevel | None = None
    level_after: EServiceLevel | None = None
    target_reached: bool = False
    can_apply_online: bool | None = None
    can_pay_online: bool | None = None
    """``None``: no fee (L2 not applicable)."""
    result_electronic: bool | None = None
    end_to_end: bool = False
    end_to_end_after: bool = False
    blockers: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """As-is blockers per level: ``"P01 Task_Submit: ยื่นคำขอ ..."``."""
    blocker_patterns: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """As-is pattern ids (or rule codes) that block each level, unconditional ones only."""
    metrics_before: Metrics | None = None
    metrics_after: Metrics | None = None
    pass_names: tuple[str, ...] = ()
    """Passes whose changes were applied, in order (for the PR lines)."""
    id_copies_before: bool = False
    """The as-is asks for copies of the ID card or house registration (P03)."""
    id_copies_after: bool = False
    obstacles: tuple[ObstacleRow, ...] = ()
    linkage: tuple[LinkageItem, ...] = ()
    findings_open: int = 0
    changes: int = 0
    retained: int = 0
    handout: str | None = None
    """The handout file, relative to the output folder."""
    to_be_model: str | None = None
    as_is_model: str | None = None
    """The as-is exported as BPMN (services given by a manual)."""
    annex_html: str | None = Field(default=None, repr=False)
    """The handout's body, for the report's annex."""

    @property
    def target(self) -> EServiceLevel:
        """The target level."""
        return self.meta.target_level

    @property
    def name(self) -> str:
        """The service name."""
        return self.meta.name


class Burden(Model):
    """Standard Cost Model totals per year, before and after, over all services."""

    visits_before: float = 0
    visits_after: float = 0
    hours_before: float = 0
    hours_after: float = 0
    copies_before: float = 0
    copies_after: float = 0
    baht_before: Decimal = Decimal(0)
    baht_after: Decimal = Decimal(0)
    elapsed_days_before: float = 0
    """Sum of the services' elapsed days (critical path), where known."""
    elapsed_days_after: float = 0

    @property
    def visits_saved(self) -> float:
        """Office visits avoided per year."""
        return self.visits_before - self.visits_after

    @property
    def hours_saved(self) -> float:
        """Applicant hours saved per year."""
        return self.hours_before - self.hours_after

    @property
    def copies_saved(self) -> float:
        """Copies avoided per year."""
        return self.copies_before - self.copies_after

    @property
    def baht_saved(self) -> Decimal:
        """Burden saved per year, in baht."""
        return self.baht_before - self.baht_after


class AgencyReadiness(Model):
    """An agency, its services and its readiness classification."""

    agency: str
    ministry: str | None = None
    services: tuple[str, ...] = ()
    classification: Classification


class Rollup(Model):
    """The catalogue rolled up (see the module docstring)."""

    today: datetime.date
    total: int
    analysed: int
    failed: tuple[str, ...] = ()
    levels_today: dict[str, int]
    levels_after: dict[str, int]
    levels_target: dict[str, int]
    l2_not_applicable: int = 0
    reaching_target_today: int = 0
    reaching_target_after: int = 0
    end_to_end_today: int = 0
    end_to_end_after: int = 0
    by_group: dict[str, int] = Field(default_factory=dict)
    by_ministry: dict[str, int] = Field(default_factory=dict)
    burden: Burden = Field(default_factory=Burden)
    blockers: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Per level blocked, per pattern id: the number of services it blocks today."""
    obstacles: tuple[ObstacleRow, ...] = ()
    obstacles_by_category: dict[str, int] = Field(default_factory=dict)
    """Register rows per category."""
    services_by_category: dict[str, int] = Field(default_factory=dict)
    """Services with at least one row of the category."""
    linkage: tuple[LinkageRow, ...] = ()
    legal: tuple[LegalRow, ...] = ()
    budget: tuple[BudgetRow, ...] = ()
    follow_up: dict[str, Classification] = Field(default_factory=dict)
    readiness: tuple[AgencyReadiness, ...] = ()


def fiscal_year(day: datetime.date) -> str:
    """Return the Thai fiscal year (B.E.) a date falls in (1 October to 30 September).

    Examples:
        >>> fiscal_year(datetime.date(2026, 10, 1)), fiscal_year(datetime.date(2027, 9, 30))
        ('2570', '2570')
    """
    return str(day.year + 543 + (1 if day.month >= 10 else 0))


def _facts(r: ServiceResult, budget_allocated: bool) -> ServiceFacts:
    obstacles = tuple((o.category, o.source_agency, o.needs_law_change) for o in r.obstacles)
    return ServiceFacts(
        service_id=r.id, level=r.level or EServiceLevel.L0, target=r.target,
        level_after=r.level_after, obstacles=obstacles, agency=r.meta.agency,
        impact=r.meta.impact,
        cases_per_year=r.meta.annual_cases or (r.metrics_before.cases_per_year
                                               if r.metrics_before else None),
        target_date=r.meta.target_date, budget_allocated=budget_allocated)


def roll_up(results: Sequence[ServiceResult], catalogue: Catalogue, *,
            today: datetime.date) -> Rollup:
    """Roll the results of a catalogue up (see the module docstring).

    Args:
        results: one result per service (failed ones included, with ``error``).
        catalogue: the catalogue (agencies, settings).
        today: the report date (next clinic visits of never-visited agencies).
    """
    ok = [r for r in results if r.error is None and r.level is not None]
    zero = dict.fromkeys(LEVELS, 0)
    today_d, after_d, target_d = dict(zero), dict(zero), dict(zero)
    for r in ok:
        today_d[r.level.value if r.level else "L0"] += 1
        after_d[(r.level_after or r.level or EServiceLevel.L0).value] += 1
    for r in results:
        target_d[r.target.value] += 1
    groups = {g.value: 0 for g in CustomerGroup}
    ministries: dict[str, int] = {}
    for r in results:
        groups[r.meta.customer_group.value] += 1
        key = r.meta.ministry or "(ไม่ระบุ)"
        ministries[key] = ministries.get(key, 0) + 1
    burden = Burden()
    for r in ok:
        b, a = r.metrics_before, r.metrics_after
        if b is None or a is None:
            continue
        cases = b.cases_per_year
        burden = burden.model_copy(update={
            "visits_before": burden.visits_before + b.visits * cases,
            "visits_after": burden.visits_after + a.visits * cases,
            "hours_before": burden.hours_before + b.annual_burden_hours,
            "hours_after": burden.hours_after + a.annual_burden_hours,
            "copies_before": burden.copies_before + b.copies * cases,
            "copies_after": burden.copies_after + a.copies * cases,
            "baht_before": burden.baht_before + b.annual_burden_baht,
            "baht_after": burden.baht_after + a.annual_burden_baht,
            "elapsed_days_before": burden.elapsed_days_before + (b.elapsed_days or 0),
            "elapsed_days_after": burden.elapsed_days_after + (a.elapsed_days or 0),
        })
    blockers: dict[str, dict[str, int]] = {lvl: {} for lvl in LEVELS[1:]}
    for r in ok:
        for lvl, pats in r.blocker_patterns.items():
            for pat in pats:
                blockers.setdefault(lvl, {})[pat] = blockers.get(lvl, {}).get(pat, 0) + 1
    blockers = {lvl: dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
                for lvl, found in blockers.items()}
    rows = tuple(o for r in ok for o in r.obstacles)
    by_cat = {c.value: 0 for c in ObstacleCategory}
    svc_cat: dict[str, set[str]] = {c.value: set() for c in ObstacleCategory}
    for o in rows:
        by_cat[o.category.value] += 1
        svc_cat[o.category.value].add(o.service_id)
    connected = [a.name for a in catalogue.agencies.values() if a.linkage_connected]
    funded = [a.name for a in catalogue.agencies.values() if a.budget_allocated]
    amounts = {r.id: str(r.meta.budget_baht) for r in results if r.meta.budget_baht is not None}
    years = {r.id: fiscal_year(r.meta.target_date) for r in results if r.meta.target_date}

    follow: dict[str, Classification] = {}
    settings = catalogue.settings
    for r in ok:
        agency = catalogue.agency(r.meta.agency)
        follow[r.id] = classify_follow_up(_facts(r, bool(agency and agency.budget_allocated)),
                                          settings.follow_up)
    readiness = []
    by_agency: dict[str, list[ServiceResult]] = {}
    for r in results:
        by_agency.setdefault(r.meta.agency, []).append(r)
    for name in sorted(by_agency):
        members = by_agency[name]
        meta = catalogue.agency(name)
        visits = [d for d in ([meta.last_clinic] if meta and meta.last_clinic else [])
                  + [m.meta.last_clinic for m in members if m.meta.last_clinic] if d]
        needs = sum(1 for m in members for o in m.obstacles
                    if o.category is ObstacleCategory.DATA and o.source_agency
                    and o.source_agency != name)
        facts = AgencyFacts(name=name, meta=meta, services=tuple(m.id for m in members),
                            data_needs=needs, last_clinic=max(visits) if visits else None)
        readiness.append(AgencyReadiness(
            agency=name, ministry=(meta.ministry if meta and meta.ministry
                                   else members[0].meta.ministry),
            services=facts.services,
            classification=classify_readiness(facts, today, settings.readiness)))
    return Rollup(
        today=today, total=len(results), analysed=len(ok),
        failed=tuple(r.id for r in results if r.error is not None),
        levels_today=today_d, levels_after=after_d, levels_target=target_d,
        l2_not_applicable=sum(1 for r in ok if r.can_pay_online is None),
        reaching_target_today=sum(1 for r in ok if r.level is not None and r.level >= r.target),
        reaching_target_after=sum(1 for r in ok if r.level_after is not None
                                  and r.level_after >= r.target),
        end_to_end_today=sum(1 for r in ok if r.end_to_end),
        end_to_end_after=sum(1 for r in ok if r.end_to_end_after),
        by_group=groups, by_ministry=dict(sorted(ministries.items())), burden=burden,
        blockers=blockers, obstacles=rows, obstacles_by_category=by_cat,
        services_by_category={k: len(v) for k, v in svc_cat.items()},
        linkage=linkage_demand((i for r in ok for i in r.linkage), connected=connected),
        legal=legal_obstacles(rows),
        budget=budget_needs(rows, amounts=amounts, fiscal_years=years, funded=funded),
        follow_up=follow, readiness=tuple(readiness),
    )
