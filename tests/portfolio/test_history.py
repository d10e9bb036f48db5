"""History: a snapshot per run, and the comparison with the previous one."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from reprocess.portfolio import run_clinic
from reprocess.portfolio.history import latest_before, read_snapshot

from .conftest import write

PAPER = """\
id: svc
customer_group: citizens
name: การขอหนังสือรับรองการเป็นผู้ประกอบการ
agency: สำนักงานตัวอย่าง
statistics: {monthly_avg: 100}
channels: [{place: สำนักงานตัวอย่าง, kind: counter}]
steps:
  - {type: การตรวจสอบเอกสาร, description: ตรวจสอบคำขอ, duration: 30 นาที, unit: งานทะเบียน}
  - {type: การลงนาม, description: ผู้อำนวยการลงนามหนังสือรับรอง, duration: 1 วันทำการ, unit: ผู้อำนวยการ}
documents:
  - {name: สำเนาบัตรประจำตัวประชาชน, issuer: กรมการปกครอง, originals: 0, copies: 1}
fees:
  - {description: ค่าธรรมเนียม, amount: 100}
result: หนังสือรับรอง
"""

ONLINE = (PAPER.replace("channels: [{place: สำนักงานตัวอย่าง, kind: counter}]",
                        "channels: [{place: เว็บไซต์สำนักงาน, kind: online, url: example}]")
          .replace("{description: ค่าธรรมเนียม, amount: 100}",
                   "{description: ค่าธรรมเนียม, amount: 100, channel: online}")
          .replace("result: หนังสือรับรอง", "result: หนังสือรับรอง\nresult_electronic: true")
          .replace("  - {name: สำเนาบัตรประจำตัวประชาชน, issuer: กรมการปกครอง, originals: 0, "
                   "copies: 1}\n", "  - {name: แบบคำขอ, originals: 1, copies: 0}\n"))


def _catalogue(root: Path, manual: str) -> Path:
    write(root / "manual.yaml", manual)
    write(root / "services" / "svc.yaml", "id: svc\ncustomer_group: citizens\n"
                                          "manual: ../manual.yaml\n")
    return root


def test_two_runs_with_a_changed_model(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cat = _catalogue(tmp_path / "cat", PAPER)
    first = run_clinic(cat, out, today=datetime.date(2026, 10, 1), draw=False, jobs=1)
    assert first.history.previous is None
    assert (out / "history" / "2026-10-01.json").is_file()
    level_before = first.results[0].level
    assert level_before is not None
    assert level_before.value == "L0"
    assert first.results[0].obstacles

    _catalogue(tmp_path / "cat", ONLINE)  # the agency went online between two clinics
    second = run_clinic(cat, out, today=datetime.date(2026, 11, 1), draw=False, jobs=1)
    h = second.history
    assert h.previous == datetime.date(2026, 10, 1)
    assert [(g.service_id, g.before.value, g.after.value) for g in h.gained] == [
        ("svc", "L0", "L3")]
    assert h.obstacles_closed
    assert not h.lost
    assert all(k.startswith("svc|") for k in h.obstacles_closed)
    assert all(h.closed_text[k] for k in h.obstacles_closed)
    page = (out / "report.html").read_text("utf-8")
    assert "ความก้าวหน้าจากรายงานครั้งก่อน" in page
    assert "L0→L3" in page
    snap = json.loads((out / "history" / "2026-11-01.json").read_text("utf-8"))
    assert snap["services"]["svc"]["level"] == "L3"


def test_same_day_rerun_compares_with_the_earlier_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cat = _catalogue(tmp_path / "cat", PAPER)
    run_clinic(cat, out, today=datetime.date(2026, 10, 1), draw=False, jobs=1)
    run_clinic(cat, out, today=datetime.date(2026, 11, 1), draw=False, jobs=1)
    again = run_clinic(cat, out, today=datetime.date(2026, 11, 1), draw=False, jobs=1)
    assert again.history.previous == datetime.date(2026, 10, 1)
    assert not again.history.gained
    assert not again.history.obstacles_closed
    assert latest_before(out, datetime.date(2026, 10, 1)) is None
    snap = latest_before(out, datetime.date(2026, 12, 1))
    assert snap is not None
    assert snap.date == datetime.date(2026, 11, 1)
    assert read_snapshot(out / "history" / "2026-11-01.json").services["svc"].name


def test_unreadable_snapshots_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "history" / "2026-01-01.json", "not json")
    write(tmp_path / "history" / "notes.txt", "x")
    assert latest_before(tmp_path, datetime.date(2026, 2, 1)) is None
