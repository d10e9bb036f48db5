"""Catalogue loading, the service metadata schema, and errors that name file and field."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from reprocess.errors import ConfigError
from reprocess.model.enums import CustomerGroup, EServiceLevel
from reprocess.portfolio import AgencyMeta, ServiceMeta, load_catalogue
from reprocess.portfolio.catalogue import Impact, ServiceStatus
from reprocess.schemas import render_schema, schema_documents

from .conftest import CATALOGUE, REPO, write

MINIMAL = ("id: a\nname: การแจ้งเกิด\nagency: อำเภอเมือง\ncustomer_group: citizens\n"
           "model: ../a.bpmn\n")


def _folder(tmp_path: Path, service: str = MINIMAL, *, name: str = "a.yaml") -> Path:
    write(tmp_path / "a.bpmn", "<x/>")
    write(tmp_path / "services" / name, service)
    return tmp_path


class TestExampleCatalogue:
    def test_loads_every_service(self) -> None:
        cat = load_catalogue(CATALOGUE)
        ids = [s.meta.id for s in cat.services]
        assert ids[:3] == ["e1", "e2", "e3"]
        assert ids.index("e9") < ids.index("e10") < ids.index("m1")
        assert {f"e{i}" for i in range(1, 12)} <= set(ids)
        assert {"m1", "m2", "m3", "m4"} <= set(ids)
        assert cat.settings.surveyed == 280

    def test_bpmn_paths_point_into_examples_services(self) -> None:
        cat = load_catalogue(CATALOGUE)
        for s in cat.services:
            if s.meta.id.startswith("e"):
                assert s.model_path is not None
                assert Path(s.model_path).resolve().parent == (REPO / "examples" / "services")
                assert Path(s.model_path).is_file()

    def test_manuals_in_yaml_csv_and_xlsx(self) -> None:
        cat = load_catalogue(CATALOGUE)
        suffixes = sorted(Path(s.manual_path).suffix for s in cat.services if s.manual_path)
        assert suffixes.count(".yaml") >= 2
        assert ".csv" in suffixes
        assert ".xlsx" in suffixes

    def test_manual_fills_the_metadata(self) -> None:
        m1 = load_catalogue(CATALOGUE).service("m1").meta
        assert m1.name == "การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ"
        assert m1.agency == "องค์การบริหารส่วนตำบลตัวอย่าง"
        assert m1.monthly_avg == 40
        assert m1.annual_cases == 480
        assert m1.customer_group is CustomerGroup.CITIZENS
        assert m1.status is ServiceStatus.NOT_STARTED

    def test_be_dates_and_thai_digits(self) -> None:
        cat = load_catalogue(CATALOGUE)
        e1 = cat.service("e1").meta
        assert e1.target_date == datetime.date(2027, 9, 30)
        assert e1.last_clinic == datetime.date(2026, 10, 10)
        e2 = cat.service("e2").meta
        assert e2.cases_per_year == 9600
        assert e2.fees == Decimal("5500")
        assert e2.customer_group is CustomerGroup.BUSINESS
        assert e2.impact is Impact.ECONOMIC_SOCIAL

    def test_agencies(self) -> None:
        cat = load_catalogue(CATALOGUE)
        dopa = cat.agency("สำนักทะเบียนอำเภอเมืองตัวอย่าง กรมการปกครอง")
        assert dopa is not None
        assert dopa.it_staff_count == 3
        assert cat.agency("สำนักทะเบียนท้องถิ่นเทศบาลนครตัวอย่าง") is None


class TestSchema:
    def test_service_schema_is_published(self) -> None:
        assert "service.schema.json" in schema_documents()
        schema = json.loads(render_schema("service.schema.json"))
        assert schema["additionalProperties"] is False
        props = schema["properties"]
        for key in ("id", "name", "agency", "customer_group", "cases_per_year", "fees",
                    "target_level", "target_date", "kpi_ref", "status", "model", "manual",
                    "last_clinic", "impact"):
            assert key in props, key
        assert "กลุ่มผู้รับบริการ" in props["customer_group"]["description"]
        assert set(schema["required"]) == {"id", "name", "agency", "customer_group"}

    def test_models_are_frozen(self) -> None:
        meta = ServiceMeta(id="a", name="ก", agency="ข", customer_group="labour", model="a.bpmn")
        with pytest.raises(Exception, match="frozen"):
            meta.name = "x"  # type: ignore[misc]


class TestServiceMeta:
    def test_defaults(self) -> None:
        meta = ServiceMeta.model_validate({"id": "a", "name": "ก", "agency": "ข",
                                           "customer_group": "ผู้ใช้แรงงาน", "manual": "m.csv"})
        assert meta.customer_group is CustomerGroup.LABOUR
        assert meta.target_level is EServiceLevel.L3
        assert meta.impact is Impact.GENERAL
        assert meta.annual_cases is None

    @pytest.mark.parametrize(("field", "value", "expected"), [
        ("target_date", "30 ก.ย. 2570", datetime.date(2027, 9, 30)),
        ("target_date", "2027-09-30", datetime.date(2027, 9, 30)),
        ("target_date", "๓๐ กันยายน พ.ศ. ๒๕๗๐", datetime.date(2027, 9, 30)),
        ("last_clinic", datetime.date(2026, 1, 2), datetime.date(2026, 1, 2)),
        ("cases_per_year", "๑,๒๐๐", 1200),
        ("fees", "๕๐ บาท", Decimal("50")),
        ("fees", "ไม่มีค่าธรรมเนียม", Decimal("0")),
        ("target_level", 2, EServiceLevel.L2),
        ("status", "อยู่ระหว่างดำเนินการ", ServiceStatus.IN_PROGRESS),
        ("impact", "สำคัญต่อเศรษฐกิจ/สังคม", Impact.ECONOMIC_SOCIAL),
    ])
    def test_values_read(self, field: str, value: object, expected: object) -> None:
        meta = ServiceMeta.model_validate({"id": "a", "name": "ก", "agency": "ข",
                                           "customer_group": "citizens", "model": "a.bpmn",
                                           field: value})
        assert getattr(meta, field) == expected

    def test_agency_meta(self) -> None:
        a = AgencyMeta.model_validate({"name": "ก", "it_staff_count": "๑๒",
                                       "last_clinic": "1 ต.ค. 2569"})
        assert a.it_staff_count == 12
        assert a.last_clinic == datetime.date(2026, 10, 1)


class TestErrors:
    def test_unknown_field(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL + "agnecy_code: 7\n")
        with pytest.raises(ConfigError, match=r"services/a\.yaml: agnecy_code: unknown field"):
            load_catalogue(folder)

    def test_bad_value_names_file_and_field(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL.replace("citizens", "everyone"))
        with pytest.raises(ConfigError, match=r"a\.yaml: customer_group: .*'everyone'"):
            load_catalogue(folder)

    def test_bad_date(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL + "target_date: next year\n")
        with pytest.raises(ConfigError, match=r"a\.yaml: target_date: not a date"):
            load_catalogue(folder)

    def test_missing_field(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL.replace("agency: อำเภอเมือง\n", ""))
        with pytest.raises(ConfigError, match=r"a\.yaml: agency: Field required"):
            load_catalogue(folder)

    def test_missing_model_file(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL.replace("../a.bpmn", "../nope.bpmn"))
        with pytest.raises(ConfigError, match=r"a\.yaml: model: no such file '\.\./nope\.bpmn'"):
            load_catalogue(folder)

    def test_model_and_manual_together(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, MINIMAL + "manual: ../a.bpmn\n")
        with pytest.raises(ConfigError, match="exactly one of 'model'"):
            load_catalogue(folder)

    def test_list_file_names_the_item(self, tmp_path: Path) -> None:
        items = "services:\n" + "".join(
            f"  - {{id: s{i}, name: ก, agency: ข, customer_group: citizens, model: ../a.bpmn"
            + (", fees: lots" if i == 2 else "") + "}\n" for i in range(1, 4))
        folder = _folder(tmp_path, items, name="all.yaml")
        with pytest.raises(ConfigError, match=r"all\.yaml: services\[2\]\.fees: not an amount"):
            load_catalogue(folder)

    def test_duplicate_ids(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path)
        write(folder / "services" / "b.json", json.dumps({
            "id": "a", "name": "x", "agency": "y", "customer_group": "business",
            "model": "../a.bpmn"}))
        with pytest.raises(ConfigError, match="duplicate service id 'a'"):
            load_catalogue(folder)

    def test_bad_agency(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path)
        write(folder / "agencies.yaml", "agencies:\n  - name: ก\n    it_staff: 3\n")
        with pytest.raises(ConfigError, match=r"agencies\.yaml: agencies\[1\]\.it_staff: "
                                              "unknown field"):
            load_catalogue(folder)

    def test_bad_settings(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path)
        write(folder / "catalogue.yaml", "follow_up:\n  high_volume_cases: -5\n")
        with pytest.raises(ConfigError, match=r"catalogue\.yaml: follow_up\.high_volume_cases"):
            load_catalogue(folder)

    def test_malformed_yaml(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, "id: [a\n")
        with pytest.raises(ConfigError, match=r"a\.yaml"):
            load_catalogue(folder)

    def test_no_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ConfigError, match="no such catalogue folder"):
            load_catalogue(tmp_path / "missing")
