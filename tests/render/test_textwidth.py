"""The font metrics table and text widths."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from importlib import resources

import pytest

from reprocess.render import textwidth
from reprocess.render.textwidth import known_fonts, line_height, metrics, text_width

TABLE = json.loads(
    resources.files("reprocess").joinpath("data", "thai_font_metrics.json").read_text("utf-8")
)


@pytest.mark.parametrize("font", sorted(TABLE["fonts"]))
def test_table_covers_what_labels_use(font: str) -> None:
    widths = TABLE["fonts"][font]["widths"]
    cps = {int(k, 16) for k in widths}
    thai = {cp for cp in range(0x0E00, 0x0E80) if unicodedata.category(chr(cp)) != "Cn"}
    assert thai <= cps
    assert set(range(0x20, 0x7F)) <= cps
    assert set(range(0xA0, 0x100)) <= cps
    for k, v in widths.items():
        ch = chr(int(k, 16))
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Cf"):
            assert v == 0, f"{k} should have zero width"
        elif ch != " " and unicodedata.category(ch) not in ("Zs",):
            assert v > 0, f"{k} should advance"
    assert TABLE["fonts"][font]["units_per_em"] > 0


def test_known_fonts() -> None:
    assert known_fonts() == ("Loma", "Noto Sans Thai")


def test_marks_are_free_and_unknown_is_average() -> None:
    assert text_width("ก่") == text_width("ก")
    assert text_width("\u200b") == 0.0
    m = metrics("Loma")
    assert m.advance("⚙") == m.average
    assert text_width("⚙", 10, "Loma") == pytest.approx(10 * m.average / m.units_per_em)


def test_widest_font_by_default() -> None:
    text = "ยื่นคำขอจดทะเบียนพาณิชย์ Hello"
    assert text_width(text) == max(text_width(text, font=f) for f in known_fonts())
    assert text_width(text, font="Noto Sans Thai, Tahoma") == text_width(text, font="Noto Sans Thai")
    assert text_width(text, font="Nonexistent") == text_width(text)


def test_scales_with_size() -> None:
    assert text_width("ทดสอบ", 22) == pytest.approx(2 * text_width("ทดสอบ", 11))
    assert line_height(20) == pytest.approx(2 * line_height(10))
    assert 1.4 < line_height(1.0) < 1.7


@pytest.mark.skipif(shutil.which("dot") is None, reason="native dot not on PATH")
@pytest.mark.parametrize("font", ["Loma", "Noto Sans Thai"])
def test_close_to_what_native_dot_measures(font: str) -> None:
    if subprocess.run(["fc-list", font], capture_output=True, text=True).stdout.strip() == "":
        pytest.skip(f"font {font} is not installed")
    labels = [
        "ตรวจสอบความถูกต้องของเอกสารประกอบคำขอ",
        "นายทะเบียนพิจารณาอนุมัติ",
        "ใบอนุญาตประกอบกิจการโรงงาน (ร.ง.4)",
    ]
    body = "\n".join(f'n{i} [label="{s}"];' for i, s in enumerate(labels))
    src = f'digraph {{ node [shape=plaintext margin=0 fontname="{font}" fontsize=11]; {body} }}'
    out = json.loads(subprocess.run(["dot", "-Tjson"], input=src.encode(),
                                    capture_output=True, check=True).stdout)
    for obj in out["objects"]:
        label = labels[int(obj["name"][1:])]
        assert text_width(label, 11, font) == pytest.approx(float(obj["width"]) * 72, rel=0.03)


def test_cache_is_bounded() -> None:
    assert textwidth._width_units.cache_info().maxsize is not None
