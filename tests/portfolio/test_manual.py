"""Citizen's manual import: YAML, CSV and XLSX into an as-is model, and back out as BPMN."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from reprocess.analysis.engine import check
from reprocess.errors import ConfigError
from reprocess.io import read_bpmn, write_bpmn
from reprocess.model import Actor, Channel, DataObjectReference, EServiceLevel, StepKind
from reprocess.portfolio import import_manual, load_manual, read_manual
from reprocess.portfolio.manual import StepType, to_definitions

from .conftest import CATALOGUE, write

M1 = CATALOGUE / "manuals" / "m1-elderly-allowance.yaml"
M2 = CATALOGUE / "manuals" / "m2-social-security-s40.yaml"
M3 = CATALOGUE / "manuals" / "m3-house-number.csv"
M4 = CATALOGUE / "manuals" / "m4-liquor-licence.xlsx"


def _layout_available() -> bool:
    from reprocess.render.engines import available_engines

    return bool(available_engines())


class TestRead:
    def test_yaml_with_thai_labels_and_digits(self) -> None:
        m = load_manual(M1)
        assert m.name == "การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ"
        assert m.monthly_avg == 40
        assert m.monthly_max == 120
        assert m.cases_per_year == 480
        assert m.published == datetime.date(2025, 1, 15)  # ๑๕ มกราคม ๒๕๖๘
        assert [s.type for s in m.steps] == [StepType.DOCUMENT_CHECK, StepType.CONSIDERATION,
                                            StepType.SIGNING]
        assert m.steps[1].iso_duration == "P10D"
        assert m.steps[1].parsed_duration is not None
        assert m.steps[1].parsed_duration.working_days
        assert m.documents[0].originals == 1
        assert m.documents[0].copies == 1
        assert m.documents[0].is_certified
        assert m.documents[0].is_state_issued
        assert m.documents[3].condition_text == "กรณีมอบอำนาจให้ผู้อื่นยื่นแทน"
        assert not m.documents[2].is_state_issued  # issued by a bank

    def test_csv(self) -> None:
        m = load_manual(M3)
        assert m.agency == "เทศบาลตำบลบ้านตัวอย่าง"
        assert m.monthly_avg == 15
        assert len(m.steps) == 4
        assert m.steps[1].iso_duration == "P3D"
        assert m.legal_basis == ("พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534 มาตรา 38",)
        assert m.published == datetime.date(2025, 3, 1)
        assert m.documents[3].condition == "กรณีปลูกสร้างในที่ดินผู้อื่น"
        assert m.fees[0].amount == Decimal("0")

    def test_xlsx_sheets(self) -> None:
        m = load_manual(M4)
        assert m.name == "การขออนุญาตขายสุรา ประเภทที่ 2"
        assert m.monthly_avg == 320
        assert [s.unit for s in m.steps] == ["ฝ่ายบริหารการจัดเก็บภาษี", "ฝ่ายปราบปราม",
                                            "สรรพสามิตพื้นที่"]
        assert m.fees[0].amount == Decimal("1100")
        assert m.fees[0].after_approval
        assert m.documents[2].condition_text == "กรณีนิติบุคคล"

    def test_yaml_manual_carries_its_metadata(self) -> None:
        imported = import_manual(M2, layout=False)
        assert imported.meta is not None
        assert imported.meta.id == "m2"
        assert imported.meta.annual_cases == 30000
        assert imported.meta.target_date == datetime.date(2027, 9, 30)
        assert import_manual(M1, layout=False).meta is None  # no id: no metadata


class TestModel:
    def test_lanes_steps_documents(self) -> None:
        defs = read_manual(M1, layout=False)
        process = defs.processes[0]
        lanes = {lane.name: lane for lane in process.lane_sets[0].lanes}
        assert lanes["ผู้ยื่นคำขอ (ผู้รับบริการ)"].role is Actor.APPLICANT
        assert {"สำนักปลัด งานพัฒนาชุมชน", "นายกองค์การบริหารส่วนตำบล"} <= set(lanes)
        assert [lane.id for lane in defs.lanes_of("Step_3")] == ["Lane_2"]
        submit = defs.node("Task_Submit")
        assert submit.facts is not None
        assert submit.facts.channel is Channel.COUNTER
        assert submit.facts.kind is StepKind.SUBMIT
        docs = defs.documents_read("Task_Submit")
        assert len(docs) == 4
        assert all(isinstance(d, DataObjectReference) for d in docs)
        first = docs[0].document
        assert first.originals == 1
        assert first.copies == 1
        assert first.certified
        assert first.issuer == "กรมการปกครอง"
        assert first.state_issued
        assert docs[3].document.condition == "กรณีมอบอำนาจให้ผู้อื่นยื่นแทน"
        assert defs.annotations_of(docs[0].id)  # the remark as a text annotation
        step2 = defs.node("Step_2")
        assert step2.facts.kind is StepKind.APPROVE
        assert step2.facts.duration.iso == "P10D"
        assert step2.facts.duration.working_days
        assert process.service is not None
        assert process.service.cases_per_year == 480
        order = [f.target for f in defs.sequence_flows()]
        assert order == ["Task_Submit", "Step_1", "Step_2", "Step_3", "Task_Receive", "End_1"]

    def test_fee_after_approval_is_a_payment_step(self) -> None:
        defs = read_manual(M4, layout=False)
        pay = defs.node("Task_PayAfter")
        assert pay.facts.fee == Decimal("1100")
        assert pay.facts.kind is StepKind.PAY
        targets = [f.target for f in defs.sequence_flows()]
        assert targets.index("Task_PayAfter") > targets.index("Step_3")

    def test_online_manual(self) -> None:
        defs = read_manual(M2, layout=False)
        assert defs.node("Task_Submit").facts.channel is Channel.ONLINE
        assert defs.node("Task_Pay").facts.channel is Channel.ONLINE
        assert defs.node("Task_Receive").facts.channel is Channel.ONLINE

    @pytest.mark.parametrize(("path", "level"), [
        (M1, EServiceLevel.L0), (M2, EServiceLevel.L3), (M3, EServiceLevel.L0),
        (M4, EServiceLevel.L0)])
    def test_round_trip_and_level(self, tmp_path: Path, path: Path,
                                  level: EServiceLevel) -> None:
        defs = read_manual(path, layout=_layout_available())
        out = tmp_path / "as-is.bpmn"
        write_bpmn(defs, out)
        again = read_bpmn(out)
        assert [n.id for n in again.flow_nodes()] == [n.id for n in defs.flow_nodes()]
        analysis = check(again)
        assert analysis.assessment is not None
        assert analysis.assessment.level is level
        assert check(defs).assessment.level is level

    @pytest.mark.skipif(not _layout_available(), reason="no Graphviz engine")
    def test_di_covers_every_element(self, tmp_path: Path) -> None:
        defs = read_manual(M3)
        write_bpmn(defs, tmp_path / "m3.bpmn")
        again = read_bpmn(tmp_path / "m3.bpmn")
        shapes = {s.element for d in again.diagrams if d.plane for s in d.plane.shapes}
        edges = {e.element for d in again.diagrams if d.plane for e in d.plane.edges}
        assert {n.id for n in again.flow_nodes()} <= shapes
        assert {f.id for f in again.sequence_flows()} <= edges
        assert {"Lane_Applicant", "Participant_Agency"} <= shapes

    def test_to_definitions_without_documents(self) -> None:
        from reprocess.portfolio.manual import CitizenManual

        m = CitizenManual.model_validate({"name": "ก", "agency": "ข", "steps": [
            {"description": "พิจารณา", "unit": "ฝ่าย", "duration": 2}]})
        defs = to_definitions(m, layout=False)
        assert defs.node("Step_1").facts.duration.iso == "P2D"
        assert not defs.documents_read("Task_Submit")


class TestErrors:
    def test_yaml_field(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.yaml", "name: ก\nagency: ข\nsteps:\n  - description: ตรวจ\n"
                                      "    unit: ฝ่าย\n    duration: สามวัน\n")
        with pytest.raises(ConfigError, match=r"m\.yaml: steps\[1\]\.duration: cannot read "
                                              "the duration 'สามวัน'"):
            load_manual(p)

    def test_yaml_unknown_field(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.yaml", "name: ก\nagency: ข\nsteps: []\nsteeps: 1\n")
        with pytest.raises(ConfigError, match=r"m\.yaml: steeps: unknown field"):
            load_manual(p)

    def test_csv_row(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.csv", "section,field,value,type,name,duration,unit\n"
                                      "header,name,ก,,,,\nheader,agency,ข,,,,\n"
                                      "step,,,การพิจารณา,พิจารณา,๒ วัน,ฝ่าย\n"
                                      "step,,,การลงนาม,ลงนาม,เร็ว ๆ นี้,ฝ่าย\n")
        with pytest.raises(ConfigError, match=r"m\.csv: row 5: duration: cannot read"):
            load_manual(p)

    def test_csv_needs_section_column(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.csv", "name,duration\nก,1 วัน\n")
        with pytest.raises(ConfigError, match=r"m\.csv: row 1: no 'section'"):
            load_manual(p)

    def test_csv_unknown_section(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.csv", "ส่วน,หัวข้อ,ข้อมูล\nอื่น,name,ก\n")
        with pytest.raises(ConfigError, match=r"m\.csv: row 2: section: unknown section"):
            load_manual(p)

    def test_csv_missing_header_field(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.csv", "section,field,value,name,unit\nheader,name,ก,,\n"
                                      "step,,,พิจารณา,ฝ่าย\n")
        with pytest.raises(ConfigError, match=r"m\.csv: agency: missing"):
            load_manual(p)

    def test_xlsx_sheet_and_row(self, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "ข้อมูลทั่วไป"
        ws.append(["หัวข้อ", "ข้อมูล"])
        ws.append(["ชื่อกระบวนงาน", "ก"])
        ws.append(["หน่วยงาน", "ข"])
        steps = wb.create_sheet("ขั้นตอน")
        steps.append(["ประเภท", "รายละเอียด", "ระยะเวลา", "ส่วนงานที่รับผิดชอบ"])
        steps.append(["การพิจารณา", "พิจารณา", "๑ วันทำการ", None])
        wb.save(tmp_path / "m.xlsx")
        with pytest.raises(ConfigError, match=r"m\.xlsx: sheet ขั้นตอน, row 2: unit: "
                                              "Field required"):
            load_manual(tmp_path / "m.xlsx")

    def test_not_xlsx(self, tmp_path: Path) -> None:
        p = write(tmp_path / "m.xlsx", "not a zip")
        with pytest.raises(ConfigError, match=r"m\.xlsx: not a readable XLSX"):
            load_manual(p)

    def test_unsupported_type(self, tmp_path: Path) -> None:
        with pytest.raises(ConfigError, match="unsupported manual file type"):
            load_manual(write(tmp_path / "m.docx", "x"))

    def test_catalogue_reports_manual_errors(self, tmp_path: Path) -> None:
        from reprocess.portfolio import load_catalogue

        write(tmp_path / "m.csv", "section,field,value\nheader,name,ก\n")
        write(tmp_path / "services" / "m.yaml", "id: m\ncustomer_group: citizens\n"
                                                 "manual: ../m.csv\n")
        with pytest.raises(ConfigError, match=r"m\.csv: .*agency: missing"):
            load_catalogue(tmp_path)
