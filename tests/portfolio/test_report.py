"""The cabinet/office report: self-contained HTML with charts, XLSX and CSV that read back."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reprocess.portfolio import ClinicRun
from reprocess.portfolio.report import (
    bar_chart,
    hbar_chart,
    pair_chart,
    report_html,
    report_tables,
    write_csv,
    write_xlsx,
)

from .conftest import TODAY


@pytest.fixture(scope="module")
def page(example_run: ClinicRun) -> str:
    return (Path(example_run.files["report"])).read_text("utf-8")


def _outside_svg(text: str) -> str:
    return re.sub(r"<svg\b.*?</svg>", "", text, flags=re.S)


class TestHtml:
    def test_self_contained(self, page: str) -> None:
        assert page.startswith("<!DOCTYPE html>")
        outside = _outside_svg(page)
        assert "http" not in outside
        assert not re.search(r"<(script|link|img|iframe)\b", outside)
        for url in re.findall(r"https?://[^\"' <>]+", page):
            assert url in ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"), url

    def test_print_and_thai_first(self, page: str) -> None:
        assert "@page" in page
        assert "A4" in page
        assert "25 พฤศจิกายน 2569" in page  # Buddhist-Era date
        for th, en in (("ส่วนที่ 1 บทสรุปผู้บริหาร", "executive summary"),
                       ("ส่วนที่ 2 งานบริการที่เสนอยกระดับ ตาม KPI", "per KPI"),
                       ("ส่วนที่ 3 ประเด็นกฎหมายที่เป็นอุปสรรค", "central law"),
                       ("ส่วนที่ 4 ความต้องการเชื่อมโยงข้อมูล", "data-linkage"),
                       ("ส่วนที่ 5 ความต้องการงบประมาณ", "budget"),
                       ("ส่วนที่ 6 ข้อเสนอแนะ", "recommendations"),
                       ("ภาคผนวก ก", "readiness"), ("ภาคผนวก จ", "handout")):
            assert th in page
            assert en in page
        assert page.index("ส่วนที่ 1") < page.index("ส่วนที่ 2") < page.index("ภาคผนวก ก")

    def test_three_charts(self, page: str) -> None:
        charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]*class="chart"', page)
        assert len(charts) == 3
        for caption in ("level distribution", "obstacles by category", "burden saved"):
            assert caption in page

    def test_kpi_table_columns_in_order(self, page: str, example_run: ClinicRun) -> None:
        kpi = next(t for t in report_tables(example_run) if t.slug == "services")
        heads = [th for th, _ in kpi.columns]
        assert heads == ["ลำดับ/KPI", "กระทรวง/หน่วยงาน", "งานบริการ", "กลุ่มผู้รับบริการ",
                         "ปริมาณคำขอต่อปี", "ระดับปัจจุบัน", "ระดับเป้าหมายและกำหนดเวลา",
                         "กลุ่มการติดตาม", "ปัญหาอุปสรรค", "แนวทางแก้ไข", "หน่วยงานสนับสนุน",
                         "ผลลัพธ์ที่คาด", "สถานะ"]
        assert len(kpi.rows) == len(example_run.results)
        first = kpi.rows[0]
        assert first[0] == "1 / KPI 1.1"
        assert first[4] == 240
        assert "L0" in str(first[5])
        assert "30 ก.ย. 2570" in str(first[6])

    def test_escaping(self, example_run: ClinicRun) -> None:
        assert "<script>" not in report_html(example_run)

    def test_deterministic(self, example_run: ClinicRun, page: str) -> None:
        assert report_html(example_run) == page


class TestCharts:
    def test_values_and_labels(self) -> None:
        svg = bar_chart([("L0", (3, 0, 0)), ("L3", (1, 4, 4))], ("ก่อน", "หลัง", "เป้า"),
                        ("#999", "#00f", "#0f0"), title="ระดับ")
        assert svg.count("<rect") == 6 + 3
        assert ">4<" in svg
        assert "L3" in svg
        h = hbar_chart([("IT", 5.0, "#00f"), ("LAW", 0.0, "#f00")], title="x", unit=" รายการ")
        assert "5 รายการ" in h
        assert 'width="0.0"' in h
        p = pair_chart([("visits", 100.0, 0.0)], title="y")
        assert ">100<" in p
        assert ">0<" in p
        assert "<&" not in p


class TestFiles:
    def test_xlsx_reads_back(self, example_run: ClinicRun) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        wb = openpyxl.load_workbook(example_run.files["xlsx"])
        tables = report_tables(example_run)
        assert len(wb.sheetnames) == len(tables)
        ws = wb["งานบริการที่เสนอยกระดับ ตาม KPI"]
        assert [c.value for c in ws[1]][:3] == ["ลำดับ/KPI", "กระทรวง/หน่วยงาน", "งานบริการ"]
        assert [c.value for c in ws[2]][:2] == ["no./KPI", "ministry/agency"]
        assert ws.max_row == 2 + len(example_run.results)
        link = wb["ความต้องการเชื่อมโยงข้อมูล"]
        sources = {row[2].value for row in link.iter_rows(min_row=3)}
        assert "กรมพัฒนาธุรกิจการค้า" in sources

    def test_xlsx_is_reproducible(self, example_run: ClinicRun, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        tables = report_tables(example_run)
        a = write_xlsx(tables, tmp_path / "a.xlsx", today=TODAY).read_bytes()
        b = write_xlsx(tables, tmp_path / "b.xlsx", today=TODAY).read_bytes()
        assert a == b

    def test_csv_reads_back(self, example_run: ClinicRun, tmp_path: Path) -> None:
        paths = write_csv(report_tables(example_run), tmp_path)
        assert {p.stem for p in paths} >= {"services", "obstacles", "linkage", "legal",
                                           "budget", "readiness", "follow-up", "summary"}
        raw = (tmp_path / "obstacles.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Thai correctly
        with open(tmp_path / "obstacles.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][0] == "งานบริการ (service)"
        assert rows[0][2] == "ประเภท (category)"
        assert len(rows) == 1 + len(example_run.rollup.obstacles)
        with open(tmp_path / "summary.csv", encoding="utf-8-sig", newline="") as fh:
            summary = list(csv.reader(fh))
        assert [r[0] for r in summary[1:]] == ["L0", "L1", "L2", "L3"]

    def test_run_wrote_everything(self, example_run: ClinicRun) -> None:
        for key in ("report", "xlsx", "csv-services", "csv-obstacles", "snapshot",
                    "pr-citizens-md", "pr-business-html"):
            assert Path(example_run.files[key]).is_file(), key
