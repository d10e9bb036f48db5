"""The obstacle register and the data-linkage demand list, on the example catalogue."""

from __future__ import annotations

from collections import Counter

from reprocess.model.enums import ObstacleCategory
from reprocess.portfolio import ClinicRun
from reprocess.portfolio.registers import (
    LinkageItem,
    ObstacleRow,
    budget_needs,
    legal_obstacles,
    linkage_demand,
)


def test_e2_needs_the_company_certificate_from_dbd(example_run: ClinicRun) -> None:
    rows = [r for r in example_run.rollup.linkage
            if "e2" in r.services and "หนังสือรับรองการจดทะเบียน" in r.document]
    assert rows, [r.document for r in example_run.rollup.linkage]
    row = rows[0]
    assert row.source_agency == "กรมพัฒนาธุรกิจการค้า"
    assert {"กรมสรรพากร", "สำนักงานประกันสังคม"} <= set(row.requesting_agencies)
    assert "ม.13" in row.legal_basis
    assert row.channel == "GDX"


def test_id_card_data_comes_from_dopa_over_the_linkage_center(example_run: ClinicRun) -> None:
    dopa = [r for r in example_run.rollup.linkage if r.source_agency == "กรมการปกครอง"]
    assert dopa
    assert all(r.channel == "DOPA Linkage Center" for r in dopa)
    assert any("บัตรประจำตัวประชาชน" in r.document for r in dopa)
    services = {s for r in dopa for s in r.services}
    assert {"e1", "m1"} <= services


def test_register_rows(example_run: ClinicRun) -> None:
    rows = example_run.rollup.obstacles
    keys = [r.key for r in rows]
    assert len(keys) == len(set(keys))
    cats = Counter(r.category for r in rows)
    assert {ObstacleCategory.IT, ObstacleCategory.BUDGET, ObstacleCategory.LAW,
            ObstacleCategory.DATA} <= set(cats)
    assert {r.status for r in rows} >= {"prerequisite", "law-change"}
    for r in rows:
        assert r.service_id
        assert r.service_name
        assert r.agency
        assert r.text_th
    data = [r for r in rows if r.category is ObstacleCategory.DATA]
    assert any(r.source_agency == "กรมการปกครอง" for r in data)
    assert not [r for r in rows if r.service_id in ("e10", "e11")]  # already at L3


def test_law_rows_have_references(example_run: ClinicRun) -> None:
    law = [r for r in example_run.rollup.obstacles if r.category is ObstacleCategory.LAW]
    assert law
    assert any(r.legal_reference for r in law)
    assert example_run.rollup.legal
    assert all(row.services for row in example_run.rollup.legal)


def test_budget_table_uses_catalogue_amounts(example_run: ClinicRun) -> None:
    rows = [b for b in example_run.rollup.budget if "e5" in b.services]
    assert rows
    assert any(b.amount_baht for b in rows)
    assert any(b.fiscal_year == "2570" for b in rows)  # target 30 Sep 2027


def _row(**kw: object) -> ObstacleRow:
    base: dict[str, object] = {"service_id": "s1", "service_name": "ก", "agency": "กรมก",
                               "category": ObstacleCategory.LAW, "text_th": "ต้องมาแสดงตน",
                               "text_en": "appearance", "status": "law-change"}
    base.update(kw)
    return ObstacleRow.model_validate(base)


def test_grouping_helpers() -> None:
    rows = [_row(legal_reference="พ.ร.บ.ก ม.5", needs_law_change=True),
            _row(service_id="s2", legal_reference="พ.ร.บ.ก ม.5", needs_law_change=True),
            _row(category=ObstacleCategory.BUDGET, text_th="งบ", text_en="budget",
                 status="prerequisite")]
    legal = legal_obstacles(rows)
    assert len(legal) == 1
    assert legal[0].services == ("s1", "s2")
    assert legal[0].needs_law_change
    budget = budget_needs(rows, amounts={"s1": "100000"}, fiscal_years={"s1": "2570"},
                          funded=["กรมก"])
    assert budget[0].amount_baht == "100,000"
    assert "allocated" in budget[0].status
    items = [LinkageItem(service_id="a", requesting_agency="ก", document="ทะเบียนบ้าน",
                         source_agency="กรมการปกครอง", channel="DOPA Linkage Center"),
             LinkageItem(service_id="b", requesting_agency="ข", document="ทะเบียนบ้าน",
                         source_agency="กรมการปกครอง", channel="DOPA Linkage Center")]
    (row,) = linkage_demand(items, connected=["ก", "ข"])
    assert row.services == ("a", "b")
    assert "connected" in row.status


def test_blocking_rows_from_diagnostics_without_a_proposal() -> None:
    from reprocess.analysis.engine import check
    from reprocess.io import read_bpmn
    from reprocess.portfolio.registers import service_obstacles

    from .conftest import SERVICES

    analysis = check(read_bpmn(SERVICES / "e1-commercial-registration.bpmn"))
    rows = service_obstacles("e1", "ก", "เทศบาล", analysis=analysis, proposal=None)
    assert rows
    assert {r.status for r in rows} == {"blocking"}
    assert {r.code for r in rows} >= {"APP001"}
    assert all(r.solution_th for r in rows)


def test_redesign_of_an_analysed_model_equals_redesign() -> None:
    """The clinic hands its analysis to the redesign: same proposal as ``redesign``."""
    from reprocess.analysis.config import Config
    from reprocess.analysis.engine import check
    from reprocess.io import read_bpmn
    from reprocess.model.enums import EServiceLevel
    from reprocess.portfolio.run import redesign_analysed
    from reprocess.redesign import redesign

    from .conftest import SERVICES

    for name in ("e2-company-registration.bpmn", "e9-unemployment-benefit.bpmn"):
        defs = read_bpmn(SERVICES / name, lenient=True)
        cfg = Config(target=EServiceLevel.L3)
        fast = redesign_analysed(defs, check(defs, config=cfg), target=EServiceLevel.L3,
                                 config=cfg, sidecar=None, params=None)
        assert fast == redesign(defs, target="L3", config=cfg)
