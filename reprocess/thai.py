"""Thai text handling: normalisation, numbers, Buddhist-Era dates, durations, line wrapping.

Everything here is pure standard library, so the analyser (lexicon matching, citizen's
manual fields) and the diagram renderer (label wrapping) can share it without
dependencies. The functions follow the parsing notes of the domain brief: numbers may be
written in Thai digits (๐-๙), years are Buddhist Era (พ.ศ. = ค.ศ. + 543), durations mix
นาที/ชั่วโมง/วัน/วันทำการ/สัปดาห์/เดือน, and Thai has no spaces between words, so wrapping
breaks at spaces first, then at Thai-friendly points, and never inside a grapheme cluster.

>>> normalize("ยื่นคำขอ\\u200b ณ\\u00a0สำนักงาน  ๒ ชุด")
'ยื่นคำขอ ณ สำนักงาน 2 ชุด'
>>> parse_be_date("12 ต.ค. 2565")
datetime.date(2022, 10, 12)
>>> parse_thai_duration("๓ วันทำการ").to_iso8601()
'P3D'
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

__all__ = [
    "ThaiDuration",
    "format_be_date",
    "grapheme_clusters",
    "has_thai",
    "is_thai",
    "normalize",
    "parse_be_date",
    "parse_thai_duration",
    "parse_thai_number",
    "thai_digits_to_arabic",
    "wrap_label",
]

BE_OFFSET = 543
"""Years between the Buddhist Era and the Common Era (พ.ศ. = ค.ศ. + 543)."""

# --------------------------------------------------------------------------- characters

_THAI_FIRST, _THAI_LAST = "\u0e00", "\u0e7f"
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _ZERO_WIDTH}
_TRANSLATE.update({ord(t): str(i) for i, t in enumerate(_THAI_DIGITS)})
_TRANSLATE.update({ord(d): "-" for d in _DASHES})
_NEEDS_TRANSLATE = re.compile("[" + _ZERO_WIDTH + _THAI_DIGITS + _DASHES + "]")
_EXOTIC = re.compile("[^\x00-\x7f\u0e00-\u0e7f]")
_DIGITS_ONLY: dict[int, str] = {ord(t): str(i) for i, t in enumerate(_THAI_DIGITS)}

_SARA_AM = "\u0e33"
_NIKHAHIT = "\u0e4d"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
# Above and below vowels, phinthu, maitaikhu, tone marks, thanthakhat, nikhahit, yamakkan.
_THAI_MARKS = frozenset(
    "\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F)))
)
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ


def _mark_rank(ch: str) -> tuple[int, int, int]:
    # vowels first (in canonical combining-class order), then tone marks, then the rest;
    # this order is stable under NFC, so normalize() stays idempotent.
    if ch in _TONES:
        return (1, 0, ord(ch))
    if ch in "\u0e4c\u0e4d\u0e4e":
        return (2, 0, ord(ch))
    return (0, unicodedata.combining(ch), ord(ch))


_MARKS_CLASS = "[" + "".join(sorted(_THAI_MARKS)) + "]"
_MARK_RUN = re.compile(_MARKS_CLASS + "{2,}")
_DECOMPOSED_AM = re.compile(_NIKHAHIT + f"([{_TONES}]?)" + "\u0e32")
_AM_THEN_TONE = re.compile(f"{_SARA_AM}([{_TONES}]+)")
_VOWEL_MARKS = "\u0e31\u0e34-\u0e3a\u0e47"
# Only what is out of order needs folding: a mark after a tone mark or after ์ ํ ๎, two
# vowel marks in a row, NIKHAHIT (decomposed SARA AM), SARA AM before a tone, SARA E twice.
_FOLD_NEEDED = re.compile(
    f"[{_TONES}\u0e4c\u0e4d\u0e4e]{_MARKS_CLASS}|[{_VOWEL_MARKS}][{_VOWEL_MARKS}]"
    f"|{_NIKHAHIT}|{_SARA_AM}[{_TONES}]|\u0e40\u0e40"
)


def _sort_marks(m: re.Match[str]) -> str:
    return "".join(sorted(set(m.group(0)), key=_mark_rank))


def _fold_thai(text: str) -> str:
    for _ in range(8):  # each round only removes disorder; two rounds settle real text
        before = text
        # a tone mark typed after SARA AM belongs before it (น + ำ + ้ -> น + ้ + ำ)
        text = _AM_THEN_TONE.sub(lambda m: m.group(1) + _SARA_AM, text)
        # a run of marks on one base: drop duplicates, put vowels before tone marks
        text = _MARK_RUN.sub(_sort_marks, text)
        # decomposed SARA AM (NIKHAHIT + SARA AA, a tone mark possibly typed between)
        text = _DECOMPOSED_AM.sub(lambda m: m.group(1) + _SARA_AM, text)
        # SARA E typed twice for SARA AE
        text = text.replace("\u0e40\u0e40", "\u0e41")
        if text == before:
            break
    return text


# --------------------------------------------------------------------------- normalize


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Return ``text`` normalised for matching: the form every lexicon term is compared in.

    Steps: remove zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) and soft
    hyphens; Thai digits to ASCII; Unicode dashes to ``-``; casefold (Thai is unaffected);
    NFC; fold Thai spelling variants that break matching (decomposed SARA AM, duplicated or
    misordered vowel and tone marks, SARA E typed twice for SARA AE); collapse every run of
    whitespace (including NBSP) to one space and strip. ``normalize(normalize(x)) ==
    normalize(x)`` for every string.

    Args:
        text: any text.

    Returns:
        The normalised text.

    Examples:
        >>> normalize("  ค่าธรรมเนียม ๕๐ บาท\\u00a0(e-Service) ")
        'ค่าธรรมเนียม 50 บาท (e-service)'
        >>> normalize("นํ้า") == "น้ำ"  # NIKHAHIT + tone + SARA AA
        True
        >>> normalize("เเบบ") == "แบบ"
        True
    """
    if text.isascii():
        return " ".join(text.split()).casefold()
    if _NEEDS_TRANSLATE.search(text):
        text = text.translate(_TRANSLATE)
    text = text.casefold()
    # Thai has no canonical compositions; in Thai + ASCII text NFC could only reorder a
    # run of Thai marks, which _fold_thai sorts anyway. Other scripts get the full NFC.
    exotic = _EXOTIC.search(text) is not None
    if exotic:
        text = unicodedata.normalize("NFC", text)
    if _FOLD_NEEDED.search(text):
        text = _fold_thai(text)
    text = " ".join(text.split())
    if exotic:
        # casefold and NFC are not always a fixed point together (rare compatibility
        # cases); one more round settles them.
        again = unicodedata.normalize("NFC", text.casefold())
        if again != text:
            return normalize(again)
    return text


def is_thai(ch: str) -> bool:
    """Return whether ``ch`` (one character) is in the Thai Unicode block (U+0E00-U+0E7F).

    Args:
        ch: a single character.

    Returns:
        ``True`` for a Thai letter, vowel, mark, digit or sign.

    Raises:
        ValueError: when ``ch`` is not exactly one character.

    Examples:
        >>> is_thai("ก"), is_thai("๕"), is_thai("a")
        (True, True, False)
    """
    if len(ch) != 1:
        raise ValueError(f"is_thai() takes one character, got {len(ch)}")
    return _THAI_FIRST <= ch <= _THAI_LAST


def has_thai(text: str) -> bool:
    """Return whether ``text`` contains at least one Thai character.

    Examples:
        >>> has_thai("Biz Portal"), has_thai("ยื่นผ่าน Biz Portal")
        (False, True)
    """
    return any(_THAI_FIRST <= ch <= _THAI_LAST for ch in text)


# --------------------------------------------------------------------------- numbers


def thai_digits_to_arabic(text: str) -> str:
    """Return ``text`` with Thai digits ๐-๙ replaced by 0-9 (nothing else changes).

    Examples:
        >>> thai_digits_to_arabic("พ.ศ. ๒๕๖๕ ค่าธรรมเนียม ๑,๐๐๐ บาท")
        'พ.ศ. 2565 ค่าธรรมเนียม 1,000 บาท'
    """
    return text.translate(_DIGITS_ONLY)


_NUMBER = re.compile(r"(?<![\d.,])([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def parse_thai_number(text: str) -> Decimal | None:
    """Return the first number written in ``text`` (Thai or ASCII digits), or ``None``.

    Thousands separators (``1,200``) and a decimal point are understood; any words around
    the number (``บาท``, ``ฉบับ``) are ignored.

    Args:
        text: text holding a number, e.g. a fee or a count from a citizen's manual.

    Returns:
        The number as a :class:`~decimal.Decimal`, or ``None`` when there is none.

    Examples:
        >>> parse_thai_number("๕๐ บาท")
        Decimal('50')
        >>> parse_thai_number("1,200")
        Decimal('1200')
        >>> parse_thai_number("๑.๕"), parse_thai_number("ไม่มีค่าธรรมเนียม")
        (Decimal('1.5'), None)
    """
    m = _NUMBER.search(normalize(text))
    if m is None:
        return None
    sign, whole, frac = m.group(1), m.group(2).replace(",", ""), m.group(3) or ""
    try:
        return Decimal(f"{sign}{whole}{frac}")
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid numbers
        return None


# --------------------------------------------------------------------------- dates

_MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)


def _month_alternatives() -> tuple[str, dict[str, int]]:
    lookup: dict[str, int] = {}
    patterns: list[tuple[int, str]] = []
    for i, name in enumerate(_MONTHS_LONG, start=1):
        lookup[name] = i
        patterns.append((len(name), re.escape(name)))
    for i, abbr in enumerate(_MONTHS_SHORT, start=1):
        letters = abbr.replace(".", "")
        lookup[letters] = i
        # ต.ค. / ต.ค / ตค. / ต. ค.
        body = r"\.?\s?".join(re.escape(c) for c in letters) + r"\.?"
        patterns.append((len(letters), body))
    for i, name in enumerate(_MONTHS_EN, start=1):
        lookup[name] = i
        lookup[name[:3]] = i
        patterns.append((len(name), name))
        patterns.append((3, name[:3] + r"\.?(?![a-z])"))
    lookup["sept"] = 9
    patterns.append((4, r"sept\.?(?![a-z])"))
    patterns.sort(key=lambda p: -p[0])
    return "|".join(p for _, p in patterns), lookup


_MONTH_RE, _MONTH_LOOKUP = _month_alternatives()
_ERA = r"(?P<era>พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?\s?e\.?|c\.?\s?e\.?|a\.?\s?d\.?)?"
_DATE_NAMED = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s?(?P<m>" + _MONTH_RE + r")\s?,?\s?" + _ERA + r"\s?(?P<y>\d{2,4})(?!\d)"
)
_DATE_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_DATE_DMY = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})(?![\d])"
)


def _year(raw: str, era: str | None) -> int:
    year = int(raw)
    era_letters = (era or "").replace(".", "").replace(" ", "")
    if len(raw) <= 2:
        # two-digit years in Thai documents are Buddhist Era: 65 -> 2565
        year += 2500 if era_letters not in ("คศ", "ce", "ad") else 2000
        return year - BE_OFFSET if era_letters not in ("คศ", "ce", "ad") else year
    if era_letters in ("พศ", "be"):
        return year - BE_OFFSET
    if era_letters in ("คศ", "ce", "ad"):
        return year
    return year - BE_OFFSET if year >= 2400 else year


def _make_date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_be_date(text: str) -> _dt.date | None:
    """Return the first date written in ``text``, reading Buddhist-Era years, or ``None``.

    Understood forms (Thai or ASCII digits): ``12 ต.ค. 2565``, ``12 ตุลาคม พ.ศ. 2565``,
    ``12 ต.ค. 65`` (two-digit B.E. year), ``2565-10-12``, ``12/10/2565``, ``12.10.2565``,
    and English month names (``12 Oct 2022``). A year of 2400 or more, or one marked
    ``พ.ศ.``/``B.E.``, is Buddhist Era (C.E. + 543); ``ค.ศ.``/``C.E.``/``A.D.`` or a smaller
    year is Common Era. Impossible dates give ``None``.

    Args:
        text: text holding a date, e.g. a citizen's manual's publication date.

    Returns:
        The date (Gregorian calendar), or ``None`` when no valid date is found.

    Examples:
        >>> parse_be_date("12 ตุลาคม พ.ศ. ๒๕๖๕")
        datetime.date(2022, 10, 12)
        >>> parse_be_date("2565-10-12"), parse_be_date("12/10/2565")
        (datetime.date(2022, 10, 12), datetime.date(2022, 10, 12))
        >>> parse_be_date("31 ก.พ. 2565") is None
        True
    """
    norm = normalize(text)
    found: list[tuple[int, _dt.date | None]] = []
    m = _DATE_NAMED.search(norm)
    if m:
        letters = m.group("m").replace(".", "").replace(" ", "")
        month = _MONTH_LOOKUP.get(letters)
        if month is not None:
            year = _year(m.group("y"), m.group("era"))
            found.append((m.start(), _make_date(year, month, int(m.group("d")))))
    m = _DATE_ISO.search(norm)
    if m:
        year = _year(m.group("y"), None)
        found.append((m.start(), _make_date(year, int(m.group("m")), int(m.group("d")))))
    m = _DATE_DMY.search(norm)
    if m:
        year = _year(m.group("y"), None)
        found.append((m.start(), _make_date(year, int(m.group("m")), int(m.group("d")))))
    for _, value in sorted(found, key=lambda f: f[0]):
        if value is not None:
            return value
    return None


def format_be_date(
    date: _dt.date,
    *,
    style: Literal["long", "short"] = "long",
    thai_digits: bool = False,
) -> str:
    """Return ``date`` written the Thai way, with a Buddhist-Era year.

    Args:
        date: the date (Gregorian calendar).
        style: ``"long"`` for the full month name (``25 พฤศจิกายน 2569``), ``"short"`` for
            the abbreviation (``25 พ.ย. 2569``).
        thai_digits: write the numbers in Thai digits (๒๕ พฤศจิกายน ๒๕๖๙).

    Returns:
        The formatted date.

    Raises:
        ValueError: for an unknown ``style``.

    Examples:
        >>> import datetime
        >>> format_be_date(datetime.date(2026, 11, 25))
        '25 พฤศจิกายน 2569'
        >>> format_be_date(datetime.date(2026, 11, 25), style="short")
        '25 พ.ย. 2569'
        >>> format_be_date(datetime.date(2022, 10, 12), thai_digits=True)
        '๑๒ ตุลาคม ๒๕๖๕'
    """
    if style == "long":
        month = _MONTHS_LONG[date.month - 1]
    elif style == "short":
        month = _MONTHS_SHORT[date.month - 1]
    else:
        raise ValueError(f"unknown date style {style!r}; use 'long' or 'short'")
    out = f"{date.day} {month} {date.year + BE_OFFSET}"
    if thai_digits:
        out = out.translate({ord(str(i)): t for i, t in enumerate(_THAI_DIGITS)})
    return out


# --------------------------------------------------------------------------- durations


@dataclass(frozen=True, slots=True)
class ThaiDuration:
    """A duration read from a citizen's manual (``30 นาที``, ``1 วันทำการ``, ``7-15 วัน``).

    Exactly one of ``minutes`` and ``days`` is set: ``minutes`` for durations written in
    minutes or hours, ``days`` for days, weeks (7 days), months (30 days) and years (365
    days). For a range the value is the upper bound and ``low`` holds the lower bound in the
    same unit.

    Attributes:
        minutes: length in minutes, or ``None``.
        days: length in days (working days when ``working_days``), or ``None``.
        working_days: the days are working days (วันทำการ).
        low: lower bound of a range (``7`` in ``7-15 วัน``), else ``None``.

    Examples:
        >>> d = parse_thai_duration("7-15 วัน")
        >>> d.days, d.low, d.is_range, d.to_iso8601(), d.to_iso8601(bound="low")
        (15.0, 7.0, True, 'P15D', 'P7D')
    """

    minutes: float | None = None
    days: float | None = None
    working_days: bool = False
    low: float | None = None

    @property
    def is_range(self) -> bool:
        """Whether the text gave a range (``7-15 วัน``)."""
        return self.low is not None

    def to_iso8601(self, *, bound: Literal["high", "low"] = "high") -> str:
        """Return the duration as ISO 8601 (``PT30M``, ``PT1H30M``, ``P1D``, ``P0.5D``).

        Args:
            bound: for a range, ``"high"`` (default) or ``"low"``.

        Returns:
            The ISO 8601 duration; working days are written as days (see ``working_days``).

        Examples:
            >>> ThaiDuration(minutes=90).to_iso8601()
            'PT1H30M'
            >>> ThaiDuration(days=1, working_days=True).to_iso8601()
            'P1D'
        """
        value = self.low if bound == "low" and self.low is not None else None
        if self.minutes is not None:
            return _iso_minutes(self.minutes if value is None else value)
        days = self.days if value is None else value
        return f"P{_num(days or 0.0)}D"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _iso_minutes(minutes: float) -> str:
    seconds = round(minutes * 60)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if mins:
        out += f"{mins}M"
    if secs:
        out += f"{secs}S"
    return out if out != "PT" else "PT0M"


_UNITS: tuple[tuple[str, str, float, bool], ...] = (
    # (pattern, family, factor, working) - family "m" counts minutes, "d" counts days
    (r"วันทำการ", "d", 1.0, True),
    (r"(?:working|business|work)[ -]?days?(?![a-z])", "d", 1.0, True),
    (r"นาที", "m", 1.0, False),
    (r"ชั่วโมง|ชม\.?", "m", 60.0, False),
    (r"วัน(?!ที่)", "d", 1.0, False),
    (r"สัปดาห์|อาทิตย์", "d", 7.0, False),
    (r"เดือน", "d", 30.0, False),
    (r"ปี", "d", 365.0, False),
    (r"(?:minutes?|mins?)(?![a-z])", "m", 1.0, False),
    (r"(?:hours?|hrs?|h)(?![a-z])", "m", 60.0, False),
    (r"days?(?![a-z])", "d", 1.0, False),
    (r"(?:weeks?|wks?)(?![a-z])", "d", 7.0, False),
    (r"months?(?![a-z])", "d", 30.0, False),
    (r"(?:years?|yrs?)(?![a-z])", "d", 365.0, False),
)
_NUM = r"\d+(?:\.\d+)?"
_DURATION = re.compile(
    rf"(?<![\d.])(?P<a>{_NUM})(?:\s?(?:-|ถึง|to)\s?(?P<b>{_NUM}))?\s?(?P<u>"
    + "|".join(f"(?:{u[0]})" for u in _UNITS)
    + ")"
)
_UNIT_RES = tuple((re.compile(u[0]), u[1], u[2], u[3]) for u in _UNITS)
_JOINER = re.compile(r"\s?(?:,|และ|and|\+)?\s?")


def _unit_of(text: str) -> tuple[str, float, bool]:
    for rx, family, factor, working in _UNIT_RES:
        if rx.fullmatch(text):
            return family, factor, working
    raise AssertionError(text)  # pragma: no cover - the unit came from the same patterns


def parse_thai_duration(text: str) -> ThaiDuration | None:
    """Return the first duration written in ``text``, or ``None``.

    Thai units: นาที, ชั่วโมง/ชม., วัน, วันทำการ, สัปดาห์/อาทิตย์, เดือน (30 days), ปี (365
    days); English: min, hour/hr/h, day, working/business day, week, month, year. A range
    (``7-15 วัน``, ``7 ถึง 15 วัน``) keeps its upper bound as the value and its lower bound
    in ``low``. Adjacent parts add up (``1 ชั่วโมง 30 นาที`` is 90 minutes); mixing minutes
    and days gives days (24-hour days).

    Args:
        text: a duration as written in a manual, Thai or English, Thai or ASCII digits.

    Returns:
        A :class:`ThaiDuration`, or ``None`` when no duration is found.

    Examples:
        >>> parse_thai_duration("30 นาที")
        ThaiDuration(minutes=30.0, days=None, working_days=False, low=None)
        >>> parse_thai_duration("1 ชั่วโมง").to_iso8601(), parse_thai_duration("2 สัปดาห์").days
        ('PT1H', 14.0)
        >>> parse_thai_duration("5 working days")
        ThaiDuration(minutes=None, days=5.0, working_days=True, low=None)
        >>> parse_thai_duration("ภายในวันเดียว") is None
        True
    """
    norm = normalize(text)
    m = _DURATION.search(norm)
    if m is None:
        return None
    parts: list[tuple[float, float | None, str, bool]] = []  # (value, low, family, working)
    while m is not None:
        family, factor, working = _unit_of(m.group("u"))
        a = float(m.group("a")) * factor
        b = float(m.group("b")) * factor if m.group("b") else None
        value, low = (max(a, b), min(a, b)) if b is not None else (a, None)
        parts.append((value, low, family, working))
        joiner = _JOINER.match(norm, m.end())
        nxt = _DURATION.match(norm, joiner.end()) if joiner is not None else None
        m = nxt
    ranged = any(p[1] is not None for p in parts)
    working = any(p[3] for p in parts)
    if all(p[2] == "m" for p in parts):
        high = math.fsum(p[0] for p in parts)
        low = math.fsum(p[1] if p[1] is not None else p[0] for p in parts) if ranged else None
        return ThaiDuration(minutes=high, working_days=working, low=low)

    def in_days(value: float, family: str) -> float:
        return value if family == "d" else value / 1440.0

    high = math.fsum(in_days(p[0], p[2]) for p in parts)
    low = (
        math.fsum(in_days(p[1] if p[1] is not None else p[0], p[2]) for p in parts)
        if ranged
        else None
    )
    return ThaiDuration(days=high, working_days=working, low=low)


# --------------------------------------------------------------------------- clusters

_RI_FIRST, _RI_LAST = "\U0001f1e6", "\U0001f1ff"


def _is_extend(ch: str) -> bool:
    if ch in _THAI_MARKS or ch == _SARA_AM or ch in "\u200c\u200d":
        return True
    if "\U0001f3fb" <= ch <= "\U0001f3ff":  # emoji skin-tone modifiers
        return True
    return unicodedata.combining(ch) != 0 or unicodedata.category(ch) in ("Mn", "Me", "Mc")


def _is_thai_consonant(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e"


def grapheme_clusters(text: str) -> list[str]:
    """Split ``text`` into user-perceived characters.

    A cluster is: optional Thai leading vowels (เ แ โ ใ ไ) directly followed by a Thai
    consonant, one base character, then every mark that follows it: Thai above/below vowels
    and tone marks (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E), SARA AM (ำ, whose NIKHAHIT sits
    on the previous letter), and any combining mark (``unicodedata.combining``, categories
    Mn/Me/Mc), ZWJ/ZWNJ and emoji modifiers. A character after ZWJ joins too (emoji
    sequences); CR LF is one cluster; regional-indicator flags pair up. Marks always stay
    with the character before them, so only the first cluster can start with a mark (when
    ``text`` does).

    Args:
        text: any text.

    Returns:
        The clusters; ``"".join(grapheme_clusters(text)) == text``.

    Examples:
        >>> grapheme_clusters("เก่าน้ำ")
        ['เก่', 'า', 'น้ำ']
        >>> grapheme_clusters("ไทย e\\u0301") == ["ไท", "ย", " ", "e\\u0301"]
        True
    """
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        start = i
        if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
            i += 2
        else:
            i = _base_end(text, i, n)
        while i < n:
            if _is_extend(text[i]):
                i += 1
            elif text[i - 1] == "\u200d":
                i = _base_end(text, i, n)
            else:
                break
        out.append(text[start:i])
    return out


def _base_end(text: str, i: int, n: int) -> int:
    """Return the end of the base at ``i``: leading vowels + one letter, or a flag pair."""
    while (
        text[i] in _LEADING_VOWELS
        and i + 1 < n
        and (_is_thai_consonant(text[i + 1]) or text[i + 1] in _LEADING_VOWELS)
    ):
        i += 1
    i += 1
    if _RI_FIRST <= text[i - 1] <= _RI_LAST and i < n and _RI_FIRST <= text[i] <= _RI_LAST:
        i += 1
    return i


# --------------------------------------------------------------------------- wrapping

_HARD_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_NO_START = frozenset(")]}>,.:;!?%\u0e46\u0e2f\u201d\u2019\u00bb") | _FOLLOWING_VOWELS
_NO_END = frozenset("([{<\u201c\u2018\u00ab")
_BREAK_AFTER = frozenset("/-)")
_SPACE, _FRIENDLY, _CLUSTER, _DISCOURAGED = 3, 2, 1, 0


def _script(ch: str) -> str:
    if _THAI_FIRST <= ch <= _THAI_LAST:
        return "thai"
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "latin"
    return "other"


def _break_priority(before: str, after: str) -> int:
    """How good a line break between clusters ``before`` and ``after`` is (higher is better)."""
    if before.isspace() or after.isspace() or before.endswith("\u200b"):
        return _SPACE
    a_last, b_first = before[-1], after[0]
    a_base = before.rstrip("".join(_THAI_MARKS))[-1:] or a_last
    sa, sb = _script(a_base), _script(b_first)
    if b_first in _NO_START or a_last in _NO_END:
        return _DISCOURAGED
    if sa == sb and sa in ("latin", "digit"):
        return _DISCOURAGED
    if a_last in _BREAK_AFTER or b_first == "(":
        return _FRIENDLY
    if {sa, sb} <= {"latin", "digit"}:
        return _DISCOURAGED  # 3x4, e2e: keep words with digits whole
    if sa != sb and "thai" in (sa, sb) and "other" not in (sa, sb):
        return _FRIENDLY
    if sb == "thai" and b_first in _LEADING_VOWELS:
        return _FRIENDLY
    if sa == "thai" and sb == "thai":
        if a_last in "\u0e30\u0e33":  # ะ ำ close a syllable
            return _FRIENDLY
        if a_last == "\u0e32" and len(after) > 1:
            return _FRIENDLY  # า then a consonant carrying a vowel/tone: a new syllable
    return _CLUSTER


def wrap_label(text: str, max_width: float, width_fn: Callable[[str], float]) -> list[str]:
    """Wrap a label into lines no wider than ``max_width`` as measured by ``width_fn``.

    Breaks are taken, best first: at spaces (the space is dropped) or after a zero-width
    space; at Thai-friendly points (before a leading vowel เ แ โ ใ ไ, after ะ/ำ, after า
    when a new syllable follows, between Thai and Latin or digits, after ``/``, ``-``,
    ``)`` and before ``(``); otherwise between any two grapheme clusters. Within a line the
    last break of the best kind that fits is used. A cluster is never split, so a cluster
    wider than ``max_width`` gets a line of its own. Line breaks in ``text`` are kept.

    Args:
        text: the label.
        max_width: the widest a line may be, in the unit of ``width_fn``.
        width_fn: measures a string (e.g. ``len``, or text width in points from font metrics).

    Returns:
        The lines, without leading or trailing spaces; ``[]`` for a blank label.

    Examples:
        >>> wrap_label("ยื่นคำขอ ณ สำนักงานเขต", 12, len)
        ['ยื่นคำขอ ณ', 'สำนักงานเขต']
        >>> wrap_label("ชำระค่าธรรมเนียมผ่านQRพร้อมเพย์", 12, len)
        ['ชำระค่าธรรม', 'เนียมผ่านQR', 'พร้อมเพย์']
    """
    clusters = grapheme_clusters(text)
    n = len(clusters)
    spaces = [c.isspace() for c in clusters]
    hard = [s and any(ch in _HARD_BREAKS for ch in c) for s, c in zip(spaces, clusters, strict=True)]
    lines: list[str] = []
    i = 0
    while i < n:
        while i < n and spaces[i]:
            i += 1
        if i >= n:
            break
        j = i + 1  # clusters[i:j] fit so far
        overflow = False
        while j < n and not hard[j]:
            if spaces[j] or width_fn("".join(clusters[i : j + 1])) <= max_width:
                j += 1
            else:
                overflow = True
                break
        if not overflow:
            lines.append(_trimmed(clusters, i, j, spaces))
            i = j
            continue
        best, best_prio = j, -1
        for b in range(j, i, -1):
            prio = _break_priority(clusters[b - 1], clusters[b])
            if prio > best_prio:
                best, best_prio = b, prio
                if prio == _SPACE:
                    break
        lines.append(_trimmed(clusters, i, best, spaces))
        i = best
    return [line for line in lines if line]


def _trimmed(clusters: list[str], i: int, j: int, spaces: list[bool]) -> str:
    while j > i and spaces[j - 1]:
        j -= 1
    return "".join(clusters[i:j])
