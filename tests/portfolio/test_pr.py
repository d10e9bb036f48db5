"""PR sheets per customer group: lines generated from the metric deltas."""

from __future__ import annotations

from pathlib import Path

from reprocess.analysis.metrics import Metrics
from reprocess.portfolio import ClinicRun, ServiceMeta, ServiceResult
from reprocess.portfolio.pr import format_days, pr_html, pr_lines, pr_markdown


def _result(group: str = "citizens", **kw: object) -> ServiceResult:
    meta = ServiceMeta(id="s", name="การขอใบอนุญาตก่อสร้างอาคาร", agency="เทศบาล",
                       customer_group=group, model="s.bpmn")
    base: dict[str, object] = {
        "id": "s", "meta": meta, "source": "", "input_path": "", "level": "L0",
        "level_after": "L3", "can_apply_online": False, "can_pay_online": False,
        "result_electronic": False, "id_copies_before": True,
        "metrics_before": Metrics(visits=2, elapsed_days=30.0, documents=6, copies=4),
        "metrics_after": Metrics(visits=0, elapsed_days=7.0, documents=2, copies=0)}
    base.update(kw)
    return ServiceResult.model_validate(base)


def test_all_lines() -> None:
    lines = [x.th for x in pr_lines(_result())]
    assert lines == ["ไม่ต้องใช้สำเนาบัตรประชาชน", "ยื่นผ่านทางรัฐ ด้วย ThaID", "ชำระผ่าน QR",
                     "ได้รับใบอนุญาตอิเล็กทรอนิกส์", "มาติดต่อ 2 → 0 ครั้ง", "เวลา 30 → 7 วัน",
                     "เอกสาร 6 → 2 รายการ", "สำเนา 4 → 0 ฉบับ"]
    assert pr_lines(_result())[4].en == "Visits: 2 → 0"


def test_business_applies_on_biz_portal() -> None:
    assert "ยื่นผ่าน Biz Portal ด้วย ThaID" in [x.th for x in pr_lines(_result("business"))]


def test_lines_follow_the_deltas() -> None:
    same = _result(level_after="L1", id_copies_after=True, can_pay_online=None,
                   metrics_after=Metrics(visits=2, elapsed_days=30.0, documents=6, copies=4))
    assert [x.th for x in pr_lines(same)] == ["ยื่นผ่านทางรัฐ ด้วย ThaID"]
    minutes = _result(metrics_before=Metrics(elapsed_days=0.2),
                      metrics_after=Metrics(elapsed_days=0.05))
    assert "เวลา 90 → 22 นาที" in [x.th for x in pr_lines(minutes)]
    assert pr_lines(_result(error="bad", level=None)) == ()


def test_format_days() -> None:
    assert format_days(2.5) == ("2.5", "วัน", "days")
    assert format_days(0.5) == ("3.8", "ชั่วโมง", "hours")


def test_sheets_per_group(example_run: ClinicRun) -> None:
    for group in ("citizens", "labour", "business"):
        md = Path(example_run.files[f"pr-{group}-md"]).read_text("utf-8")
        html = Path(example_run.files[f"pr-{group}-html"]).read_text("utf-8")
        assert md.startswith("# สิ่งที่เปลี่ยนไปสำหรับ")
        assert "25 พฤศจิกายน 2569" in md
        assert html.startswith("<!DOCTYPE html>")
        assert "http" not in html
    business = Path(example_run.files["pr-business-md"]).read_text("utf-8")
    assert "## การจดทะเบียนพาณิชย์ ตั้งใหม่ – บุคคลธรรมดา" in business
    assert "- ชำระผ่าน QR (Pay by QR (PromptPay))" in business
    assert "มาติดต่อ 1 → 0 ครั้ง" in business
    citizens = Path(example_run.files["pr-citizens-md"]).read_text("utf-8")
    assert "ไม่ต้องใช้สำเนาบัตรประชาชน" in citizens


def test_empty_group() -> None:
    assert "ยังไม่มีงานบริการในกลุ่มนี้" in pr_markdown([], "labour")
    assert "ยังไม่มีงานบริการในกลุ่มนี้" in pr_html([], "labour")
