"""Follow-up groups (domain.md 6.3) and readiness groups (6.4): each rule, and configuration."""

from __future__ import annotations

import datetime

import pytest

from reprocess.errors import ConfigError
from reprocess.model.enums import ObstacleCategory as Cat
from reprocess.portfolio.catalogue import (
    AgencyMeta,
    FollowUpSettings,
    Impact,
    ReadinessSettings,
)
from reprocess.portfolio.groups import (
    DEFAULT_FOLLOW_UP_RULES,
    DEFAULT_READINESS_RULES,
    AgencyFacts,
    FollowUpGroup,
    FollowUpRule,
    ReadinessGroup,
    ServiceFacts,
    classify_follow_up,
    classify_readiness,
)

TODAY = datetime.date(2026, 11, 25)


def facts(**kw: object) -> ServiceFacts:
    base: dict[str, object] = {"service_id": "s", "level": "L2", "target": "L3",
                               "agency": "กรมก"}
    base.update(kw)
    return ServiceFacts(**base)  # type: ignore[arg-type]


class TestFollowUp:
    @pytest.mark.parametrize(("given", "rule", "group"), [
        (facts(level="L3"), "at-target", FollowUpGroup.SELF_MANAGED),
        (facts(obstacles=((Cat.LAW, None, True),)), "cross-agency-obstacle",
         FollowUpGroup.CLOSE),
        (facts(obstacles=((Cat.DATA, "กรมการปกครอง", False),)), "cross-agency-obstacle",
         FollowUpGroup.CLOSE),
        (facts(level="L1"), "level-gap", FollowUpGroup.CLOSE),
        (facts(level="L0", target="L1", impact=Impact.ECONOMIC_SOCIAL), "high-impact-at-l0",
         FollowUpGroup.CLOSE),
        (facts(level="L0", target="L1", cases_per_year=50000), "high-impact-at-l0",
         FollowUpGroup.CLOSE),
        (facts(obstacles=((Cat.IT, None, False), (Cat.BUDGET, None, False)),
               budget_allocated=True, target_date=datetime.date(2027, 9, 30)),
         "funded-it-plan", FollowUpGroup.PERIODIC),
        (facts(obstacles=((Cat.IT, None, False),)), "intra-agency-only",
         FollowUpGroup.SELF_MANAGED),
        (facts(obstacles=((Cat.DATA, "กรมก", False),)), "intra-agency-only",
         FollowUpGroup.SELF_MANAGED),
    ])
    def test_each_rule_fires(self, given: ServiceFacts, rule: str,
                             group: FollowUpGroup) -> None:
        c = classify_follow_up(given)
        assert (c.rule_id, c.group) == (rule, group.value)
        assert c.rule_th
        assert c.rule_en
        assert c.detail

    def test_default_periodic(self) -> None:
        settings = FollowUpSettings(rules=("at-target", "level-gap", "default-periodic"))
        c = classify_follow_up(facts(level="L2"), settings)
        assert (c.rule_id, c.group) == ("default-periodic", "periodic")

    def test_thresholds_are_configurable(self) -> None:
        given = facts(level="L0", target="L1", cases_per_year=5000)
        assert classify_follow_up(given).rule_id == "intra-agency-only"
        low = FollowUpSettings(high_volume_cases=1000)
        assert classify_follow_up(given, low).rule_id == "high-impact-at-l0"
        assert classify_follow_up(facts(level="L2"), FollowUpSettings(close_gap=1)
                                  ).rule_id == "level-gap"

    def test_order_is_configurable(self) -> None:
        given = facts(level="L0", obstacles=((Cat.LAW, None, True),))
        assert classify_follow_up(given).rule_id == "cross-agency-obstacle"
        first_gap = FollowUpSettings(rules=("level-gap", "cross-agency-obstacle"))
        assert classify_follow_up(given, first_gap).rule_id == "level-gap"

    def test_custom_rules(self) -> None:
        mine = FollowUpRule("ministry-priority", FollowUpGroup.CLOSE, "นโยบายกระทรวง",
                            "ministry priority", lambda s, _: "listed" if s.agency == "กรมก"
                            else None)
        c = classify_follow_up(facts(level="L3"), rules=(mine, *DEFAULT_FOLLOW_UP_RULES))
        assert c.rule_id == "ministry-priority"
        assert c.explain() == \
            "ministry-priority: ministry priority (listed)"

    def test_no_rule_matches(self) -> None:
        c = classify_follow_up(facts(), rules=DEFAULT_FOLLOW_UP_RULES[:1])
        assert (c.rule_id, c.group) == ("none", "periodic")

    def test_unknown_rule_id(self) -> None:
        with pytest.raises(ConfigError, match=r"follow_up\.rules: unknown rule 'close-all'"):
            classify_follow_up(facts(), FollowUpSettings(rules=("close-all",)))


def agency(**kw: object) -> AgencyMeta:
    return AgencyMeta.model_validate({"name": "กรมก", **kw})


class TestReadiness:
    @pytest.mark.parametrize(("meta", "needs", "rule", "group", "days"), [
        (None, 0, "no-readiness-data", ReadinessGroup.LACKING, 14),
        (agency(has_transaction_system=True, budget_allocated=True, it_staff_count=3),
         0, "self-sufficient", ReadinessGroup.SELF_SUFFICIENT, 60),
        (agency(has_transaction_system=True, budget_allocated=True, it_staff_count=3,
                linkage_connected=True), 4, "self-sufficient", ReadinessGroup.SELF_SUFFICIENT,
         60),
        (agency(has_transaction_system=True, budget_allocated=True, it_staff_count=3),
         2, "it-ready-with-budget", ReadinessGroup.IT_READY, 30),
        (agency(has_transaction_system=True, budget_allocated=True, open_legal_items=1,
                it_staff_count=9), 0, "it-ready-with-budget", ReadinessGroup.IT_READY, 30),
        (agency(has_transaction_system=True), 0, "lacking-default", ReadinessGroup.LACKING, 14),
        (agency(), 0, "lacking-default", ReadinessGroup.LACKING, 14),
    ])
    def test_each_rule_fires(self, meta: AgencyMeta | None, needs: int, rule: str,
                             group: ReadinessGroup, days: int) -> None:
        c = classify_readiness(AgencyFacts(name="กรมก", meta=meta, data_needs=needs), TODAY)
        assert (c.rule_id, c.group, c.cadence_days) == (rule, group.value, days)
        assert c.next_visit == TODAY  # never visited: the report date

    def test_next_visit_from_last_clinic(self) -> None:
        meta = agency(has_transaction_system=True, budget_allocated=True, open_legal_items=1)
        c = classify_readiness(AgencyFacts(name="กรมก", meta=meta,
                                           last_clinic=datetime.date(2026, 11, 10)), TODAY)
        assert c.next_visit == datetime.date(2026, 12, 10)
        assert not c.overdue
        late = classify_readiness(AgencyFacts(name="กรมก", meta=None,
                                              last_clinic=datetime.date(2026, 10, 1)), TODAY)
        assert late.next_visit == datetime.date(2026, 10, 15)
        assert late.overdue

    def test_settings(self) -> None:
        meta = agency(has_transaction_system=True, budget_allocated=True, it_staff_count=1)
        strict = ReadinessSettings(min_it_staff=5, cadence_days={"it-ready": 21})
        c = classify_readiness(AgencyFacts(name="กรมก", meta=meta), TODAY, strict)
        assert (c.rule_id, c.cadence_days) == ("it-ready-with-budget", 21)
        only = ReadinessSettings(rules=("lacking-default",))
        assert classify_readiness(AgencyFacts(name="กรมก", meta=meta), TODAY, only
                                  ).rule_id == "lacking-default"

    def test_labels(self) -> None:
        assert [g.cadence_th for g in ReadinessGroup] == [
            "ทุก 2 สัปดาห์", "อย่างน้อยเดือนละครั้ง", "อย่างน้อยทุก 2 เดือน"]
        assert FollowUpGroup.CLOSE.label_th == "ติดตามอย่างใกล้ชิด"
        assert len(DEFAULT_READINESS_RULES) == 4


class TestOnTheExamples:
    def test_every_service_and_agency_is_classified(self, example_run: object) -> None:
        from reprocess.portfolio.run import ClinicRun

        assert isinstance(example_run, ClinicRun)
        roll = example_run.rollup
        assert set(roll.follow_up) == {r.id for r in example_run.results}
        assert roll.follow_up["e10"].rule_id == "at-target"
        assert roll.follow_up["e2"].group == "close"
        rules = {a.agency: a.classification.rule_id for a in roll.readiness}
        assert rules["สำนักทะเบียนท้องถิ่นเทศบาลนครตัวอย่าง"] == "no-readiness-data"
        assert rules["กรมพัฒนาธุรกิจการค้า"] == "self-sufficient"
        assert rules["เทศบาลเมืองตัวอย่าง"] == "it-ready-with-budget"
        assert rules["องค์การบริหารส่วนตำบลตัวอย่าง"] == "lacking-default"
        dbd = next(a for a in roll.readiness if a.agency == "กรมพัฒนาธุรกิจการค้า")
        assert dbd.classification.next_visit == datetime.date(2026, 11, 14)  # 15 Sep + 60
