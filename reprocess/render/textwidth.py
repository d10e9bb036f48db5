"""Text width in points from real font metrics, so Thai labels fit their shapes.

Graphviz sizes text itself, but not well enough for Thai: the WebAssembly engine
estimates width per UTF-8 byte (Thai comes out 1.3 to 1.9 times too wide) and native
``dot`` without a Thai font is 2 to 2.4 times too wide. ``reprocess`` therefore sizes
every node itself, from the advance widths of real fonts, and tells Graphviz
``fixedsize=true``. The widths live in ``reprocess/data/thai_font_metrics.json``,
generated once from Loma (``fonts-thai-tlwg``) and Noto Sans Thai (``fonts-noto-core``)
by ``reprocess/render/_gen_metrics.py``; combining marks have zero width.

A label drawn in SVG is shown with whichever font of :data:`FONT_FAMILY` the viewer
has, so sizing uses the *widest* of the measured fonts by default.

Examples:
    >>> round(text_width("ABC", font_size=10, font="Loma"), 2)
    20.56
    >>> text_width("กิ", font="Loma") == text_width("ก", font="Loma")  # marks are free
    True
    >>> text_width("") == 0.0
    True
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "DEFAULT_FONT_SIZE",
    "FONT_FAMILY",
    "FontMetrics",
    "known_fonts",
    "line_height",
    "metrics",
    "text_width",
]

FONT_FAMILY = "Noto Sans Thai, Leelawadee UI, Tahoma, Loma, sans-serif"
"""The font-family list written into diagrams: Linux/Android, Windows, then fallbacks."""

DEFAULT_FONT_SIZE = 11.0
"""Label font size in points."""


@dataclass(frozen=True)
class FontMetrics:
    """Advance widths of one font, in font units.

    Attributes:
        name: the family name (``"Loma"``).
        units_per_em: font units per em.
        ascent: hhea ascent in font units.
        descent: hhea descent in font units (positive).
        average: the mean width of the spacing characters, used for unknown ones.
        widths: advance width per code point.
    """

    name: str
    units_per_em: int
    ascent: int
    descent: int
    average: int
    widths: dict[int, int]

    def advance(self, ch: str) -> int:
        """Return the advance of one character in font units (0 for marks).

        Examples:
            >>> m = metrics("Loma")
            >>> m.advance("\\u0e34"), m.advance("\\u200b"), m.advance("ก") > 0
            (0, 0, True)
        """
        cp = ord(ch)
        width = self.widths.get(cp)
        if width is not None:
            return width
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0
        return self.average


@cache
def _table() -> dict[str, FontMetrics]:
    ref = resources.files("reprocess").joinpath("data", "thai_font_metrics.json")
    raw = json.loads(ref.read_text(encoding="utf-8"))
    out: dict[str, FontMetrics] = {}
    for name, spec in sorted(raw["fonts"].items()):
        out[name] = FontMetrics(
            name=name,
            units_per_em=int(spec["units_per_em"]),
            ascent=int(spec["ascent"]),
            descent=int(spec["descent"]),
            average=int(spec["average"]),
            widths={int(k, 16): int(v) for k, v in spec["widths"].items()},
        )
    return out


def known_fonts() -> tuple[str, ...]:
    """Return the names of the fonts in the metrics table, sorted.

    Examples:
        >>> known_fonts()
        ('Loma', 'Noto Sans Thai')
    """
    return tuple(_table())


def metrics(font: str) -> FontMetrics:
    """Return the metrics of one measured font.

    Raises:
        KeyError: the font is not in the table (see :func:`known_fonts`).

    Examples:
        >>> metrics("Loma").units_per_em
        2048
    """
    return _table()[font]


def _fonts_for(font: str | None) -> tuple[FontMetrics, ...]:
    table = _table()
    if font is None:
        return tuple(table.values())
    names = [part.strip().strip("'\"") for part in font.split(",")]
    found = tuple(table[n] for n in names if n in table)
    return found or tuple(table.values())


@lru_cache(maxsize=8192)
def _width_units(text: str, font: str) -> float:
    m = _table()[font]
    return sum(m.advance(ch) for ch in text) / m.units_per_em


def text_width(text: str, font_size: float = DEFAULT_FONT_SIZE, font: str | None = None) -> float:
    """Return the width of one line of text in points.

    Args:
        text: one line (no newlines); combining marks and zero-width characters
            count 0, characters outside the table count the font's average width.
        font_size: the font size in points.
        font: a measured font name (``"Loma"``), a CSS-like family list (the known
            names in it are used), or ``None`` for all known fonts. When several
            fonts apply, the widest result is returned, so a label sized with it
            fits whichever of them the viewer uses.

    Returns:
        The advance width in points.

    Examples:
        >>> round(text_width("ยื่นคำขอ", font_size=11, font="Loma"), 1)
        41.6
        >>> text_width("ยื่นคำขอ") >= text_width("ยื่นคำขอ", font="Loma")
        True
    """
    if not text:
        return 0.0
    return max(_width_units(text, m.name) for m in _fonts_for(font)) * font_size


def line_height(font_size: float = DEFAULT_FONT_SIZE, font: str | None = None) -> float:
    """Return the height of one line of text in points (ascent plus descent).

    Thai fonts are tall (stacked vowels and tone marks), about 1.5 to 1.6 em.

    Examples:
        >>> round(line_height(10, font="Loma"), 2)
        15.89
    """
    return max((m.ascent + m.descent) / m.units_per_em for m in _fonts_for(font)) * font_size
