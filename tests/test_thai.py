"""Tests of reprocess.thai: normalisation, numbers, B.E. dates, durations, clusters, wrapping."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reprocess.thai import (
    ThaiDuration,
    format_be_date,
    grapheme_clusters,
    has_thai,
    is_thai,
    normalize,
    parse_be_date,
    parse_thai_duration,
    parse_thai_number,
    thai_digits_to_arabic,
    wrap_label,
)

# Text that stresses the Thai rules: Thai letters and marks, leading vowels, the decomposed
# SARA AM, zero-width characters, odd spaces, Latin with combining marks, and anything else.
_THAI = st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F)
_TRICKY = st.sampled_from(
    list(
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u3000 \t\n\r()/-.,"
        "ำําเแโใไ่้๊๋ิีึืฺุู็์ะา"
        "\u0301\u0327\u0345ǰİßẞΩ"
    )
)
_LATIN = st.sampled_from(list("abcQRxyz 0123456789-"))
TEXT = st.text(st.one_of(_THAI, _TRICKY, _LATIN, st.characters()), max_size=60)


def _is_mark(ch: str) -> bool:
    return (
        unicodedata.combining(ch) != 0
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == "\u0e31"
        or "\u0e34" <= ch <= "\u0e3a"
        or "\u0e47" <= ch <= "\u0e4e"
    )


# ------------------------------------------------------------------------------ normalize


class TestNormalize:
    def test_zero_width_characters_are_removed(self) -> None:
        raw = "ยื่น\u200bคำ\u200cขอ\u200d\u2060\ufeff ณ\u00adสำนักงาน"
        assert normalize(raw) == "ยื่นคำขอ ณสำนักงาน"

    def test_thai_digits_become_ascii(self) -> None:
        assert normalize("ค่าธรรมเนียม ๑,๒๐๐ บาท ภายใน ๑๕ วัน") == (
            "ค่าธรรมเนียม 1,200 บาท ภายใน 15 วัน"
        )

    def test_whitespace_collapses_including_nbsp(self) -> None:
        assert normalize("  ยื่นคำขอ\u00a0\u00a0ณ\tสำนักงาน\n\nเขต\u3000 ") == (
            "ยื่นคำขอ ณ สำนักงาน เขต"
        )

    def test_latin_is_casefolded_and_thai_kept(self) -> None:
        assert normalize("ยื่นผ่าน Biz Portal และ e-Service") == "ยื่นผ่าน biz portal และ e-service"

    def test_decomposed_sara_am_is_folded(self) -> None:
        assert normalize("คําขอ") == "คำขอ"  # NIKHAHIT + SARA AA
        assert normalize("นํ้า") == "น้ำ"  # NIKHAHIT, tone, SARA AA
        assert normalize("น้ํา") == "น้ำ"  # tone, NIKHAHIT, SARA AA
        assert normalize("นำ้") == "น้ำ"  # tone typed after SARA AM

    def test_duplicate_and_misordered_marks_are_folded(self) -> None:
        assert normalize("ที่่") == "ที่"  # tone mark twice
        assert normalize("ท่ี") == "ที่"  # tone before the vowel
        assert normalize("กุุ") == "กุ"
        assert normalize("เเบบคำขอ") == "แบบคำขอ"  # SARA E twice for SARA AE

    def test_unicode_dashes_become_hyphen(self) -> None:
        assert normalize("7\u201315 วัน e\u2011Service") == "7-15 วัน e-service"

    def test_ascii_fast_path_equals_full_path(self) -> None:
        assert normalize("  Submit   the FORM\t") == "submit the form"

    def test_empty(self) -> None:
        assert normalize("") == ""
        assert normalize(" \u200b\u00a0 ") == ""

    @settings(max_examples=1500, suppress_health_check=list(HealthCheck))
    @given(TEXT)
    def test_idempotent(self, text: str) -> None:
        once = normalize(text)
        assert normalize(once) == once

    @settings(max_examples=500, suppress_health_check=list(HealthCheck))
    @given(TEXT)
    def test_independent_of_input_normal_form(self, text: str) -> None:
        out = normalize(text)
        assert unicodedata.is_normalized("NFC", out)
        assert normalize(unicodedata.normalize("NFD", text)) == out
        assert "\u200b" not in out
        assert "  " not in out
        assert out == out.strip()


def test_is_thai_and_has_thai() -> None:
    assert is_thai("ก")
    assert is_thai("๙")
    assert is_thai("\u0e4c")
    assert not is_thai("a")
    assert not is_thai(" ")
    with pytest.raises(ValueError, match="one character"):
        is_thai("กข")
    assert has_thai("ยื่นผ่าน Biz Portal")
    assert not has_thai("Biz Portal")
    assert not has_thai("")


# ------------------------------------------------------------------------------ numbers


def test_thai_digits_to_arabic_changes_only_digits() -> None:
    assert thai_digits_to_arabic("๐๑๒๓๔๕๖๗๘๙ บาท") == "0123456789 บาท"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๕๐ บาท", Decimal("50")),
        ("1,200", Decimal("1200")),
        ("๑.๕", Decimal("1.5")),
        ("ค่าธรรมเนียม ๑,๒๐๐.๕๐ บาท", Decimal("1200.50")),
        ("ฉบับละ 10 บาท", Decimal("10")),
        ("7-15 วัน", Decimal("7")),
        ("-5", Decimal("-5")),
        ("๑๒\u200b๓", Decimal("123")),  # a zero-width space inside a number
        ("ไม่เสียค่าธรรมเนียม", None),
        ("", None),
    ],
)
def test_parse_thai_number(text: str, expected: Decimal | None) -> None:
    assert parse_thai_number(text) == expected


# ------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "text",
    [
        "12 ต.ค. 2565",
        "12 ต.ค.2565",
        "12 ตค. 2565",
        "12 ตุลาคม พ.ศ. ๒๕๖๕",
        "๑๒ ตุลาคม ๒๕๖๕",
        "วันที่ 12 ตุลาคม พ.ศ.2565",
        "2565-10-12",
        "12/10/2565",
        "12.10.2565",
        "12 ต.ค. 65",
        "12 ตุลาคม ค.ศ. 2022",
        "2022-10-12",
        "12 Oct 2022",
        "12 October 2022",
    ],
)
def test_parse_be_date(text: str) -> None:
    assert parse_be_date(text) == dt.date(2022, 10, 12)


@pytest.mark.parametrize("text", ["31 ก.พ. 2565", "ภายใน 15 วัน", "", "ร.ง.4", "32/13/2565"])
def test_parse_be_date_none(text: str) -> None:
    assert parse_be_date(text) is None


def test_parse_be_date_every_month_long_and_short() -> None:
    for month in range(1, 13):
        day = dt.date(2026, month, 25)
        assert parse_be_date(format_be_date(day)) == day
        assert parse_be_date(format_be_date(day, style="short")) == day
        assert parse_be_date(format_be_date(day, thai_digits=True)) == day


def test_format_be_date() -> None:
    day = dt.date(2026, 11, 25)
    assert format_be_date(day) == "25 พฤศจิกายน 2569"
    assert format_be_date(day, style="short") == "25 พ.ย. 2569"
    assert format_be_date(day, style="long", thai_digits=True) == "๒๕ พฤศจิกายน ๒๕๖๙"
    with pytest.raises(ValueError, match="style"):
        format_be_date(day, style="iso")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ durations


@pytest.mark.parametrize(
    ("text", "minutes", "days", "working", "iso"),
    [
        ("30 นาที", 30.0, None, False, "PT30M"),
        ("1 ชั่วโมง", 60.0, None, False, "PT1H"),
        ("1.5 ชม.", 90.0, None, False, "PT1H30M"),
        ("1 ชั่วโมง 30 นาที", 90.0, None, False, "PT1H30M"),
        ("2 วัน", None, 2.0, False, "P2D"),
        ("1 วันทำการ", None, 1.0, True, "P1D"),
        ("๓ วันทำการ", None, 3.0, True, "P3D"),
        ("๓ วันทําการ", None, 3.0, True, "P3D"),  # decomposed SARA AM
        ("2 สัปดาห์", None, 14.0, False, "P14D"),
        ("1 เดือน", None, 30.0, False, "P30D"),
        ("ภายใน 45 วัน นับแต่วันที่ได้รับคำขอ", None, 45.0, False, "P45D"),
        ("10 min", 10.0, None, False, "PT10M"),
        ("2 hours", 120.0, None, False, "PT2H"),
        ("5 working days", None, 5.0, True, "P5D"),
        ("3 business days", None, 3.0, True, "P3D"),
        ("0.5 วัน", None, 0.5, False, "P0.5D"),
    ],
)
def test_parse_thai_duration(
    text: str, minutes: float | None, days: float | None, working: bool, iso: str
) -> None:
    d = parse_thai_duration(text)
    assert d is not None
    assert (d.minutes, d.days, d.working_days) == (minutes, days, working)
    assert not d.is_range
    assert d.to_iso8601() == iso


@pytest.mark.parametrize(
    ("text", "high", "low"),
    [("7-15 วัน", 15.0, 7.0), ("7 – 15 วัน", 15.0, 7.0), ("7 ถึง 15 วัน", 15.0, 7.0),
     ("15-7 วัน", 15.0, 7.0), ("5 to 10 days", 10.0, 5.0)],
)
def test_parse_thai_duration_range_keeps_upper_bound(text: str, high: float, low: float) -> None:
    d = parse_thai_duration(text)
    assert d is not None
    assert (d.days, d.low, d.is_range) == (high, low, True)
    assert d.to_iso8601() == f"P{int(high)}D"
    assert d.to_iso8601(bound="low") == f"P{int(low)}D"


def test_parse_thai_duration_range_in_minutes() -> None:
    d = parse_thai_duration("30-45 นาที")
    assert d == ThaiDuration(minutes=45.0, low=30.0)
    assert d.to_iso8601(bound="low") == "PT30M"


@pytest.mark.parametrize("text", ["", "ภายในวันเดียว", "วันทำการ", "ตามที่กำหนด", "วันที่ 12"])
def test_parse_thai_duration_none(text: str) -> None:
    assert parse_thai_duration(text) is None


def test_duration_mixing_days_and_hours_gives_days() -> None:
    d = parse_thai_duration("1 วัน 12 ชั่วโมง")
    assert d is not None
    assert d.minutes is None
    assert d.days == pytest.approx(1.5)


def test_iso_of_odd_minutes() -> None:
    assert ThaiDuration(minutes=0).to_iso8601() == "PT0M"
    assert ThaiDuration(minutes=0.5).to_iso8601() == "PT30S"
    assert ThaiDuration(minutes=125).to_iso8601() == "PT2H5M"


# ------------------------------------------------------------------------------ clusters


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("เก่าน้ำ", ["เก่", "า", "น้ำ"]),
        ("ที่", ["ที่"]),
        ("ไม่ต้อง", ["ไม่", "ต้", "อ", "ง"]),
        ("แบบ", ["แบ", "บ"]),
        ("กรุงเทพฯ", ["ก", "รุ", "ง", "เท", "พ", "ฯ"]),
        ("e\u0301!", ["e\u0301", "!"]),
        ("\r\nก", ["\r\n", "ก"]),
        ("เ", ["เ"]),
        ("\u0e48ก", ["\u0e48", "ก"]),  # only a mark at the very start can start a cluster
    ],
)
def test_grapheme_clusters(text: str, clusters: list[str]) -> None:
    assert grapheme_clusters(text) == clusters


@settings(max_examples=800, suppress_health_check=list(HealthCheck))
@given(TEXT)
def test_grapheme_clusters_invariants(text: str) -> None:
    clusters = grapheme_clusters(text)
    assert "".join(clusters) == text
    assert all(clusters)
    for c in clusters[1:]:
        assert not _is_mark(c[0])
    # a Thai consonant is never separated from the marks after it
    joined = "|".join(clusters)
    assert not re.search("[\u0e01-\u0e2e]\\|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0e33]", joined)
    # a leading vowel is never the end of a cluster when a consonant follows it
    assert not re.search("[\u0e40-\u0e44]\\|[\u0e01-\u0e2e]", joined)


# ------------------------------------------------------------------------------ wrapping


def test_wrap_label_prefers_spaces() -> None:
    assert wrap_label("ยื่นคำขอ ณ สำนักงานเขต", 12, len) == ["ยื่นคำขอ ณ", "สำนักงานเขต"]
    assert wrap_label("Submit the application form", 12, len) == [
        "Submit the", "application", "form",
    ]


def test_wrap_label_thai_break_points() -> None:
    # before a leading vowel, after SARA A, between Thai and Latin
    assert wrap_label("ชำระค่าธรรมเนียมผ่านQRพร้อมเพย์", 12, len) == [
        "ชำระค่าธรรม", "เนียมผ่านQR", "พร้อมเพย์",
    ]
    assert wrap_label("นายทะเบียนพิจารณา", 6, len)[0] == "นายทะ"


def test_wrap_label_punctuation_break_points() -> None:
    assert wrap_label("สำเนาบัตรประชาชน/ทะเบียนบ้าน", 17, len) == [
        "สำเนาบัตรประชาชน/", "ทะเบียนบ้าน",
    ]
    assert wrap_label("เอกสารประกอบ(ถ้ามี)", 13, len) == ["เอกสารประกอบ", "(ถ้ามี)"]


def test_wrap_label_never_splits_a_cluster() -> None:
    assert wrap_label("น้ำ", 1, len) == ["น้ำ"]
    assert wrap_label("ที่นี่", 1, len) == ["ที่", "นี่"]


def test_wrap_label_keeps_line_breaks_and_blank() -> None:
    assert wrap_label("ยื่นคำขอ\nณ สำนักงาน", 100, len) == ["ยื่นคำขอ", "ณ สำนักงาน"]
    assert wrap_label("   ", 10, len) == []
    assert wrap_label("", 10, len) == []


def test_wrap_label_uses_width_fn() -> None:
    # combining marks have no width: a Thai label fits more letters
    def width(s: str) -> float:
        return float(sum(0 if _is_mark(c) else 1 for c in s))

    assert wrap_label("ที่นี่ที่นี่", 2, width) == ["ที่นี่", "ที่นี่"]
    assert wrap_label("ที่นี่ที่นี่", 2, len) == ["ที่", "นี่", "ที่", "นี่"]


@settings(max_examples=1500, suppress_health_check=list(HealthCheck))
@given(TEXT, st.integers(min_value=1, max_value=20))
def test_wrap_label_invariants(text: str, width: int) -> None:
    lines = wrap_label(text, width, len)
    # joining the lines gives the input back, except the spaces consumed at the breaks
    pattern = r"\s*" + r"\s*".join(f"({re.escape(line)})" for line in lines) + r"\s*"
    m = re.fullmatch(pattern, text)
    assert m is not None, lines
    bounds = {0}
    pos = 0
    for c in grapheme_clusters(text):
        pos += len(c)
        bounds.add(pos)
    for k, line in enumerate(lines):
        assert line
        assert not line.isspace()
        # lines start and end on cluster boundaries: no cluster is split
        assert m.start(k + 1) in bounds
        assert m.end(k + 1) in bounds
        # no line starts with a combining mark (unless the whole input does)
        if k > 0 or not _is_mark(text[0]):
            assert not _is_mark(line[0])
        # a line is never too wide, unless it is one unbreakable cluster
        assert len(line) <= width or len(grapheme_clusters(line)) == 1
