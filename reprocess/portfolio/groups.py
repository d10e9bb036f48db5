"""Follow-up groups per service (``domain.md`` 6.3) and readiness groups per agency (6.4).

Both classifications are an ordered list of rules: the first rule whose predicate holds
decides the group, and the result names that rule (id, Thai and English description) and
the facts that made it fire. The defaults follow the brief's suggestions (◐ not OPDC
rules): they are configurable in ``catalogue.yaml`` (which rules, in which order, and the
thresholds), and a caller may pass its own :class:`FollowUpRule` / :class:`ReadinessRule`
lists.

Follow-up (per service), default order:

==========================  =================  =============================================
rule                        group              fires when
==========================  =================  =============================================
``at-target``               self-managed       the service is already at its target level
``cross-agency-obstacle``   close              a LAW obstacle, or a DATA obstacle whose
                                               source is another agency, remains
``level-gap``               close              target - level today >= 2 (``close_gap``)
``high-impact-at-l0``       close              impact economic/social or cases per year >=
                                               ``high_volume_cases``, still at L0
``funded-it-plan``          periodic           only IT/BUDGET obstacles, the agency has a
                                               budget and the service a target date
``intra-agency-only``       self-managed       gap 1, no LAW and no cross-agency DATA item
``default-periodic``        periodic           always (the fallback)
==========================  =================  =============================================

Readiness (per agency), default order: ``no-readiness-data`` (lacking),
``self-sufficient`` (system, budget, IT staff, no open legal item, linkage in place or
not needed), ``it-ready-with-budget`` (system and budget), ``lacking-default``. The
cadence is 14, 30 and 60 days; the next visit is the last clinic plus the cadence, or
the report date when the agency was never visited.

Examples:
    >>> facts = ServiceFacts(service_id="e1", level="L0", target="L3")
    >>> classify_follow_up(facts).group, classify_follow_up(facts).rule_id
    ('close', 'level-gap')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from reprocess.errors import ConfigError
from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel, ObstacleCategory
from reprocess.portfolio.catalogue import (
    AgencyMeta,
    FollowUpSettings,
    Impact,
    ReadinessSettings,
)

__all__ = [
    "DEFAULT_FOLLOW_UP_RULES",
    "DEFAULT_READINESS_RULES",
    "AgencyFacts",
    "Classification",
    "FollowUpGroup",
    "FollowUpRule",
    "ReadinessGroup",
    "ReadinessRule",
    "ServiceFacts",
    "classify_follow_up",
    "classify_readiness",
    "select_rules",
]


class FollowUpGroup(StrEnum):
    """OPDC's three follow-up groups of services."""

    CLOSE = "close"
    PERIODIC = "periodic"
    SELF_MANAGED = "self-managed"

    @property
    def label_th(self) -> str:
        """The Thai name."""
        return {"close": "ติดตามอย่างใกล้ชิด", "periodic": "รายงานความก้าวหน้าเป็นระยะ",
                "self-managed": "บริหารจัดการเอง"}[self.value]

    @property
    def label_en(self) -> str:
        """The English name."""
        return {"close": "close follow-up", "periodic": "periodic progress report",
                "self-managed": "self-managed"}[self.value]


class ReadinessGroup(StrEnum):
    """OPDC's three readiness groups of agencies, with their clinic cadence."""

    LACKING = "lacking"
    IT_READY = "it-ready"
    SELF_SUFFICIENT = "self-sufficient"

    @property
    def label_th(self) -> str:
        """The Thai name."""
        return {"lacking": "ขาดความพร้อมทุกด้าน",
                "it-ready": "มีความพร้อมด้าน IT และงบประมาณ",
                "self-sufficient": "ดำเนินการได้เอง"}[self.value]

    @property
    def label_en(self) -> str:
        """The English name."""
        return {"lacking": "lacking in all aspects", "it-ready": "IT-ready with budget",
                "self-sufficient": "self-sufficient"}[self.value]

    @property
    def cadence_th(self) -> str:
        """The clinic cadence in Thai words."""
        return {"lacking": "ทุก 2 สัปดาห์", "it-ready": "อย่างน้อยเดือนละครั้ง",
                "self-sufficient": "อย่างน้อยทุก 2 เดือน"}[self.value]

    @property
    def cadence_en(self) -> str:
        """The clinic cadence in English words."""
        return {"lacking": "every 2 weeks", "it-ready": "at least monthly",
                "self-sufficient": "at least every 2 months"}[self.value]


class Classification(Model):
    """A group, with the rule that fired and why.

    Examples:
        >>> c = Classification(group="close", rule_id="level-gap", rule_th="ระดับห่าง",
        ...                    rule_en="level gap", detail="L0 -> L3")
        >>> c.explain()
        'level-gap: level gap (L0 -> L3)'
    """

    group: str
    rule_id: str
    rule_th: str
    rule_en: str
    detail: str = ""
    cadence_days: int | None = None
    next_visit: _dt.date | None = None
    overdue: bool = False

    def explain(self, language: str = "en") -> str:
        """Return ``rule-id: description (detail)``."""
        text = self.rule_th if language == "th" else self.rule_en
        return f"{self.rule_id}: {text}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class ServiceFacts:
    """What the follow-up rules look at: levels, obstacles and metadata of one service."""

    service_id: str
    level: EServiceLevel | str
    target: EServiceLevel | str = EServiceLevel.L3
    level_after: EServiceLevel | str | None = None
    """The level the to-be proposal reaches."""
    obstacles: tuple[tuple[ObstacleCategory, str | None, bool], ...] = ()
    """Remaining obstacles: ``(category, source agency, needs law change)``."""
    agency: str = ""
    impact: Impact = Impact.GENERAL
    cases_per_year: int | None = None
    target_date: _dt.date | None = None
    budget_allocated: bool = False

    @property
    def gap(self) -> int:
        """Target minus level today, in rungs (0 when at or above the target)."""
        return max(0, EServiceLevel(self.target).rank - EServiceLevel(self.level).rank)

    def categories(self) -> set[ObstacleCategory]:
        """The categories of the remaining obstacles."""
        return {c for c, _, _ in self.obstacles}

    def cross_agency(self) -> list[str]:
        """Remaining LAW obstacles and DATA obstacles held by another agency, as text."""
        out = []
        for cat, source, law in self.obstacles:
            if cat is ObstacleCategory.LAW:
                out.append("LAW" + (" (ต้องแก้กฎหมาย)" if law else ""))
            elif cat is ObstacleCategory.DATA and source and source != self.agency:
                out.append(f"DATA: {source}")
        return sorted(set(out))


@dataclass(frozen=True)
class AgencyFacts:
    """What the readiness rules look at: the agency's inputs and its services' obstacles."""

    name: str
    meta: AgencyMeta | None
    services: tuple[str, ...] = ()
    data_needs: int = 0
    """Remaining DATA obstacles of its services that need another agency's data."""
    last_clinic: _dt.date | None = None


@dataclass(frozen=True)
class FollowUpRule:
    """A follow-up rule: id, group, description, predicate returning a detail or ``None``."""

    id: str
    group: FollowUpGroup
    description_th: str
    description_en: str
    test: Callable[[ServiceFacts, FollowUpSettings], str | None] = field(repr=False)


@dataclass(frozen=True)
class ReadinessRule:
    """A readiness rule: id, group, description, predicate returning a detail or ``None``."""

    id: str
    group: ReadinessGroup
    description_th: str
    description_en: str
    test: Callable[[AgencyFacts, ReadinessSettings], str | None] = field(repr=False)


R = TypeVar("R", FollowUpRule, ReadinessRule)


def _at_target(s: ServiceFacts, _: FollowUpSettings) -> str | None:
    if s.gap == 0:
        return f"{EServiceLevel(s.level).value} >= {EServiceLevel(s.target).value}"
    return None


def _cross_agency(s: ServiceFacts, _: FollowUpSettings) -> str | None:
    found = s.cross_agency()
    return "; ".join(found) if found else None


def _level_gap(s: ServiceFacts, cfg: FollowUpSettings) -> str | None:
    if s.gap >= cfg.close_gap:
        return (f"{EServiceLevel(s.level).value} -> {EServiceLevel(s.target).value}, "
                f"gap {s.gap}")
    return None


def _high_impact(s: ServiceFacts, cfg: FollowUpSettings) -> str | None:
    if EServiceLevel(s.level) is not EServiceLevel.L0:
        return None
    if s.impact is Impact.ECONOMIC_SOCIAL:
        return "impact economic/social, L0"
    if s.cases_per_year is not None and s.cases_per_year >= cfg.high_volume_cases:
        return f"{s.cases_per_year:,} cases/year >= {cfg.high_volume_cases:,}, L0"
    return None


def _funded_plan(s: ServiceFacts, _: FollowUpSettings) -> str | None:
    cats = s.categories()
    if cats and cats <= {ObstacleCategory.IT, ObstacleCategory.BUDGET} and (
            s.budget_allocated and s.target_date is not None):
        return f"IT/BUDGET only, budget allocated, target {s.target_date.isoformat()}"
    return None


def _intra_agency(s: ServiceFacts, _: FollowUpSettings) -> str | None:
    if s.gap <= 1 and not s.cross_agency() and ObstacleCategory.LAW not in s.categories():
        cats = ", ".join(sorted(c.value for c in s.categories())) or "none"
        return f"gap {s.gap}, remaining: {cats}"
    return None


def _always_periodic(s: ServiceFacts, _: FollowUpSettings) -> str | None:
    return f"gap {s.gap}"


DEFAULT_FOLLOW_UP_RULES: tuple[FollowUpRule, ...] = (
    FollowUpRule("at-target", FollowUpGroup.SELF_MANAGED,
                 "ถึงระดับเป้าหมายแล้ว", "already at the target level", _at_target),
    FollowUpRule("cross-agency-obstacle", FollowUpGroup.CLOSE,
                 "มีอุปสรรคด้านกฎหมาย หรือต้องเชื่อมโยงข้อมูลกับหน่วยงานอื่น",
                 "a LAW obstacle, or DATA held by another agency, remains", _cross_agency),
    FollowUpRule("level-gap", FollowUpGroup.CLOSE,
                 "ระดับปัจจุบันห่างจากเป้าหมายตั้งแต่ 2 ระดับ",
                 "the level today is 2 or more below the target", _level_gap),
    FollowUpRule("high-impact-at-l0", FollowUpGroup.CLOSE,
                 "งานบริการสำคัญหรือปริมาณคำขอสูง ยังอยู่ระดับ L0",
                 "a high-impact or high-volume service still at L0", _high_impact),
    FollowUpRule("funded-it-plan", FollowUpGroup.PERIODIC,
                 "เหลือเฉพาะอุปสรรคด้าน IT/งบประมาณ ที่มีงบประมาณและกำหนดเวลาแล้ว",
                 "only IT/BUDGET obstacles, with a funded plan and a date", _funded_plan),
    FollowUpRule("intra-agency-only", FollowUpGroup.SELF_MANAGED,
                 "ห่างจากเป้าหมาย 1 ระดับ และเหลือเฉพาะเรื่องภายในหน่วยงานที่ไม่ใช่กฎหมาย",
                 "one level to go, only intra-agency non-legal items remain", _intra_agency),
    FollowUpRule("default-periodic", FollowUpGroup.PERIODIC,
                 "กรณีอื่น: รายงานความก้าวหน้าเป็นระยะ", "otherwise: periodic progress report",
                 _always_periodic),
)
"""The follow-up rules of ``domain.md`` 6.3, in the order they are tried."""


def _no_data(a: AgencyFacts, _: ReadinessSettings) -> str | None:
    return "no entry in agencies.yaml" if a.meta is None else None


def _self_sufficient(a: AgencyFacts, cfg: ReadinessSettings) -> str | None:
    m = a.meta
    if m is None:
        return None
    if (m.has_transaction_system and m.budget_allocated and m.it_staff_count >= cfg.min_it_staff
            and m.open_legal_items == 0 and (m.linkage_connected or a.data_needs == 0)):
        return (f"system, budget, {m.it_staff_count} IT staff, no open legal item, "
                + ("linkage connected" if m.linkage_connected else "no linkage needed"))
    return None


def _it_ready(a: AgencyFacts, _: ReadinessSettings) -> str | None:
    m = a.meta
    if m is None or not (m.has_transaction_system and m.budget_allocated):
        return None
    open_items = []
    if m.open_legal_items:
        open_items.append(f"{m.open_legal_items} legal item(s)")
    if a.data_needs and not m.linkage_connected:
        open_items.append(f"{a.data_needs} data link(s)")
    return "system and budget" + (f"; open: {', '.join(open_items)}" if open_items else "")


def _lacking(a: AgencyFacts, _: ReadinessSettings) -> str | None:
    m = a.meta
    if m is None:
        return "no readiness data"
    missing = [label for ok, label in ((m.has_transaction_system, "system"),
                                       (m.budget_allocated, "budget"),
                                       (m.it_staff_count > 0, "IT staff"),
                                       (m.linkage_connected, "linkage")) if not ok]
    return "missing: " + (", ".join(missing) or "none")


DEFAULT_READINESS_RULES: tuple[ReadinessRule, ...] = (
    ReadinessRule("no-readiness-data", ReadinessGroup.LACKING,
                  "ยังไม่มีข้อมูลความพร้อมของหน่วยงาน", "no readiness data for the agency",
                  _no_data),
    ReadinessRule("self-sufficient", ReadinessGroup.SELF_SUFFICIENT,
                  "มีระบบ งบประมาณ และบุคลากร เหลือเฉพาะเรื่องภายใน",
                  "system, budget and staff in place; only internal items remain",
                  _self_sufficient),
    ReadinessRule("it-ready-with-budget", ReadinessGroup.IT_READY,
                  "มีระบบหรือได้รับงบประมาณแล้ว แต่ยังมีประเด็นกฎหมาย/การเชื่อมโยงข้อมูล",
                  "system and budget in place; legal or linkage issues may be open", _it_ready),
    ReadinessRule("lacking-default", ReadinessGroup.LACKING,
                  "ขาดความพร้อม (ระบบ งบประมาณ หรือบุคลากร)",
                  "lacking (system, budget or staff)", _lacking),
)
"""The readiness rules of ``domain.md`` 6.4, in the order they are tried."""


def select_rules(rules: Sequence[R], order: Sequence[str] | None, *, what: str
                 ) -> tuple[R, ...]:
    """Return ``rules`` in the configured order (``None``: all, as given).

    Raises:
        ConfigError: an id names no rule.

    Examples:
        >>> [r.id for r in select_rules(DEFAULT_FOLLOW_UP_RULES, ["level-gap",
        ...     "default-periodic"], what="follow_up")]
        ['level-gap', 'default-periodic']
    """
    if order is None:
        return tuple(rules)
    by_id = {r.id: r for r in rules}
    out = []
    for rid in order:
        if rid not in by_id:
            raise ConfigError(f"catalogue.yaml: {what}.rules: unknown rule {rid!r} "
                              f"(known: {', '.join(by_id)})")
        out.append(by_id[rid])
    return tuple(out)


def classify_follow_up(
    facts: ServiceFacts,
    settings: FollowUpSettings | None = None,
    rules: Sequence[FollowUpRule] | None = None,
) -> Classification:
    """Return the follow-up group of a service: the first rule that fires.

    When no rule fires (a custom list without a fallback) the service is ``periodic``
    with rule ``none``.

    Examples:
        >>> classify_follow_up(ServiceFacts(service_id="x", level="L3")).rule_id
        'at-target'
    """
    cfg = settings or FollowUpSettings()
    chosen = select_rules(rules if rules is not None else DEFAULT_FOLLOW_UP_RULES,
                          cfg.rules if rules is None else None, what="follow_up")
    for rule in chosen:
        detail = rule.test(facts, cfg)
        if detail is not None:
            return Classification(group=rule.group.value, rule_id=rule.id,
                                  rule_th=rule.description_th, rule_en=rule.description_en,
                                  detail=detail)
    return Classification(group=FollowUpGroup.PERIODIC.value, rule_id="none",
                          rule_th="ไม่มีกฎใดตรง", rule_en="no rule matched")


def classify_readiness(
    facts: AgencyFacts,
    today: _dt.date,
    settings: ReadinessSettings | None = None,
    rules: Sequence[ReadinessRule] | None = None,
) -> Classification:
    """Return the readiness group of an agency, its clinic cadence and next visit.

    The next visit is the last clinic plus the cadence, or ``today`` (the report
    date) when the agency was never visited; ``overdue`` when it is before ``today``.

    Examples:
        >>> import datetime
        >>> meta = AgencyMeta(name="ก", has_transaction_system=True, budget_allocated=True,
        ...                   open_legal_items=2, last_clinic="1 ต.ค. 2569")
        >>> c = classify_readiness(AgencyFacts(name="ก", meta=meta, last_clinic=meta.last_clinic),
        ...                        datetime.date(2026, 10, 20))
        >>> c.group, c.rule_id, c.cadence_days, c.next_visit
        ('it-ready', 'it-ready-with-budget', 30, datetime.date(2026, 10, 31))
    """
    cfg = settings or ReadinessSettings()
    chosen = select_rules(rules if rules is not None else DEFAULT_READINESS_RULES,
                          cfg.rules if rules is None else None, what="readiness")
    hit: tuple[ReadinessRule, str] | None = None
    for rule in chosen:
        detail = rule.test(facts, cfg)
        if detail is not None:
            hit = (rule, detail)
            break
    if hit is None:
        rule_id, group, th, en, detail = ("none", ReadinessGroup.LACKING, "ไม่มีกฎใดตรง",
                                          "no rule matched", "")
    else:
        rule, detail = hit
        rule_id, group, th, en = rule.id, rule.group, rule.description_th, rule.description_en
    days = cfg.cadence_days.get(group.value, {"lacking": 14, "it-ready": 30,
                                              "self-sufficient": 60}[group.value])
    nxt = facts.last_clinic + _dt.timedelta(days=days) if facts.last_clinic else today
    return Classification(group=group.value, rule_id=rule_id, rule_th=th, rule_en=en,
                          detail=detail, cadence_days=days, next_visit=nxt,
                          overdue=nxt < today)
