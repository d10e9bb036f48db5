"""The Thai/English lexicon: the words that reveal paper steps, and a fast matcher for them.

The words live as data in ``reprocess/data/lexicon.toml`` (format in ``docs/lexicon.md``):
one table per pattern of the catalogue (``P01`` .. ``P26``: titles, the level it blocks,
obstacles, replacement, enablers and trigger words) and tables of signals that are not
patterns: digital evidence, negation, conditional words, who is named (applicant, third
party, agency), channel, medium and step-kind words, state agencies and the documents
they issue. :func:`load_lexicon` reads it (cached) and merges user additions;
:meth:`Lexicon.match` finds every word in a label in one pass of a compiled trie regex.

Matching happens on :func:`reprocess.thai.normalize`-d text: Thai words match as
substrings, a word that starts or ends with a Latin letter or digit only on a word boundary
there, case-insensitively. Offsets are in the normalised text.

>>> lex = load_lexicon()
>>> [(m.table, m.term) for m in lex.match("ชำระค่าธรรมเนียมเป็นเงินสด") if m.table[0] == "P"]
[('P11', 'เงินสด')]
>>> lex.patterns_in("ไม่ต้องใช้สำเนาทะเบียนบ้าน"), lex.has_digital_evidence("ยื่นผ่าน Biz Portal")
((), True)
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from reprocess.errors import ConfigError
from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel, ObstacleCategory, StepKind
from reprocess.thai import normalize

__all__ = [
    "GROUPS",
    "PATTERN_IDS",
    "SCHEMA_VERSION",
    "SIGNAL_TABLES",
    "Lexicon",
    "Match",
    "PatternEntry",
    "StateDocument",
    "StateIssuer",
    "TermTable",
    "load_lexicon",
]

SCHEMA_VERSION = 1
"""The version of the lexicon file format this module reads."""

PATTERN_IDS: tuple[str, ...] = tuple(f"P{i:02d}" for i in range(1, 27))
"""The patterns of the domain catalogue, ``P01`` .. ``P26``."""

SIGNAL_TABLES: tuple[str, ...] = (
    "digital",
    "negation",
    "negation_after",
    "conditional",
    "applicant_names",
    "third_party_names",
    "agency_names",
    "rework",
)
"""The signal tables that are not patterns and not groups; each has ``terms``."""

GROUPS: Mapping[str, tuple[str, ...]] = {
    "channel": ("counter", "post", "phone", "online", "internal", "automated"),
    "medium": ("paper", "electronic"),
    "kind": ("submit", "verify", "pay", "approve", "inspect", "issue", "notify", "register",
             "wait"),
}
"""Signal groups and the sub-tables each must have (match tables ``"kind.pay"`` ...)."""

_PATTERN_ID = re.compile(r"P\d{2,3}")
_GAP_MARK = re.compile(r"\s?(?:…|\.\.\.)\s?")
_GAP = r"[^;!?\n]{0,40}?"
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# A Latin word may carry an English ending (approve-s, approve-d, sign-ing); the match
# itself stops before the ending.
_END_AFTER_LETTER = "(?=(?:s|es|d|ed|ing)?(?![a-z0-9]))"
_END_AFTER_DIGIT = "(?![a-z0-9])"
_ENDING_OK = re.compile(_END_AFTER_LETTER)
_NEGATION_WINDOW = 40
_CLAUSE_BREAK = re.compile(
    r"[;!?\n]|(?<=[a-z0-9)])\.(?=\s|$)|แต่(?!ง|ละ)|\s(?=ต้อง)|(?<![a-z])(?:but|however)(?![a-z])"
)


class Match(NamedTuple):
    """One lexicon word found in a text.

    Attributes:
        table: the table the word belongs to: a pattern id (``"P11"``), a signal table
            (``"digital"``, ``"negation"`` ...), a group sub-table (``"kind.pay"``,
            ``"channel.online"``), ``"state_documents"`` or ``"state_issuers"``.
        term: the word as written in the lexicon.
        start: start offset in the normalised text.
        end: end offset (exclusive) in the normalised text.

    Examples:
        >>> Match("P11", "เงินสด", 4, 10).table
        'P11'
    """

    table: str
    term: str
    start: int
    end: int


# ------------------------------------------------------------------------------ models


def _clean_terms(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = v.strip()
        if not normalize(v).replace("…", "").replace("...", "").strip():
            raise ValueError(f"empty lexicon word {v!r}")
        if v not in out:
            out.append(v)
    return tuple(out)


_Words = Annotated[tuple[str, ...], AfterValidator(_clean_terms)]
"""Lexicon words: stripped, without duplicates, none empty once normalised."""


class TermTable(Model):
    """A signal table: a name and its words (``digital``, ``kind.pay`` ...).

    Examples:
        >>> TermTable(name="digital", terms=("ออนไลน์", "e-Service")).terms
        ('ออนไลน์', 'e-Service')
    """

    name: str
    terms: _Words = ()
    exceptions: _Words = ()
    """Longer phrases that cancel a match of one of ``terms`` inside them."""


class PatternEntry(Model):
    """One pattern of the catalogue (``P01`` .. ``P26``) with its trigger words.

    Examples:
        >>> p = load_lexicon().pattern("P11")
        >>> p.blocks.value, p.step_kind.value, "เงินสด" in p.triggers
        ('L2', 'pay', True)
    """

    id: str
    title_th: str
    title_en: str
    blocks: EServiceLevel | None = None
    """The lowest e-Service level the pattern blocks, ``None`` when it only costs time."""
    blocks_note: str = ""
    obstacles: tuple[ObstacleCategory, ...] = ()
    replacement_th: str = ""
    replacement_en: str = ""
    enablers: tuple[str, ...] = ()
    step_kind: StepKind | None = None
    """A hint: the kind of step the pattern usually is."""
    triggers_th: _Words = Field(default=(), repr=False)
    triggers_en: _Words = Field(default=(), repr=False)
    exceptions: _Words = Field(default=(), repr=False)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _PATTERN_ID.fullmatch(value):
            raise ValueError(f"a pattern id is 'P' and 2 or 3 digits, not {value!r}")
        return value

    @field_validator("blocks", mode="before")
    @classmethod
    def _none_level(cls, value: object) -> object:
        return None if value in ("none", "None", "", "-", "—") else value

    @property
    def triggers(self) -> tuple[str, ...]:
        """All trigger words, Thai then English."""
        return self.triggers_th + self.triggers_en


class StateIssuer(Model):
    """A state agency that issues documents, with the words that name it.

    Examples:
        >>> load_lexicon().issuer("DOPA").name_th
        'กรมการปกครอง'
    """

    key: str
    name_th: str
    name_en: str
    terms: _Words = Field(default=(), repr=False)
    exceptions: _Words = Field(default=(), repr=False)


class StateDocument(Model):
    """A state-issued document and its authoritative source agency (``issuer`` key).

    Examples:
        >>> doc = load_lexicon().state_document("สำเนาทะเบียนบ้าน")
        >>> doc.key, doc.issuer
        ('house_registration', 'DOPA')
    """

    key: str
    name_th: str
    name_en: str
    issuer: str
    note: str = ""
    terms: _Words = Field(default=(), repr=False)
    exceptions: _Words = Field(default=(), repr=False)


class _Cache:
    """Holds the compiled matcher of one lexicon; derived data, so always 'equal'."""

    __slots__ = ("compiled", "owner")

    def __init__(self) -> None:
        self.owner = 0
        self.compiled: _Compiled | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Cache)

    __hash__ = None  # type: ignore[assignment]


class Lexicon(Model):
    """The whole lexicon: patterns, signal tables, state agencies and documents.

    Build it with :func:`load_lexicon`. Every method takes raw text and normalises it with
    :func:`reprocess.thai.normalize` first (normalised text is unchanged by that).

    Examples:
        >>> lex = load_lexicon()
        >>> len(lex.patterns), lex.schema_version
        (26, 1)
        >>> lex.categories_in("ชำระค่าธรรมเนียมผ่าน QR พร้อมเพย์", "kind")
        ('pay',)
    """

    schema_version: Literal[1] = 1
    patterns: tuple[PatternEntry, ...] = Field(repr=False)
    signals: tuple[TermTable, ...] = Field(repr=False)
    state_issuers: tuple[StateIssuer, ...] = Field(default=(), repr=False)
    state_documents: tuple[StateDocument, ...] = Field(default=(), repr=False)

    _cache: _Cache = PrivateAttr(default_factory=_Cache)

    @model_validator(mode="after")
    def _check(self) -> Lexicon:
        ids = [p.id for p in self.patterns]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate pattern ids: {', '.join(dup)}")
        names = {t.name for t in self.signals}
        required = set(SIGNAL_TABLES) | {f"{g}.{s}" for g, subs in GROUPS.items() for s in subs}
        missing = sorted(required - names)
        if missing:
            raise ValueError(f"missing signal tables: {', '.join(missing)}")
        if len(names) != len(self.signals):
            raise ValueError("duplicate signal table names")
        issuers = {i.key for i in self.state_issuers}
        if len(issuers) != len(self.state_issuers):
            raise ValueError("duplicate state_issuers keys")
        seen: dict[str, str] = {}
        for doc in self.state_documents:
            if doc.issuer not in issuers:
                raise ValueError(f"state_documents.{doc.key}: unknown issuer {doc.issuer!r}")
            for term in doc.terms:
                key = normalize(term)
                if key in seen and seen[key] != doc.key:
                    raise ValueError(
                        f"state document word {term!r} is in both {seen[key]} and {doc.key}"
                    )
                seen[key] = doc.key
        return self

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        yield "schema_version", self.schema_version
        yield "patterns", len(self.patterns)
        yield "signals", len(self.signals)
        yield "state_documents", len(self.state_documents)

    # -------------------------------------------------------------- lookups

    def pattern(self, pattern_id: str) -> PatternEntry:
        """Return the pattern ``pattern_id``.

        Raises:
            KeyError: for an unknown id.

        Examples:
            >>> load_lexicon().pattern("P14").blocks.value
            'L3'
        """
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)

    def table(self, name: str) -> TermTable:
        """Return the signal table ``name`` (``"digital"``, ``"kind.pay"`` ...).

        Raises:
            KeyError: for an unknown table.

        Examples:
            >>> "ออนไลน์" in load_lexicon().table("channel.online").terms
            True
        """
        for t in self.signals:
            if t.name == name:
                return t
        raise KeyError(name)

    def issuer(self, key: str) -> StateIssuer:
        """Return the state agency ``key`` (``"DOPA"``, ``"DBD"`` ...).

        Raises:
            KeyError: for an unknown key.

        Examples:
            >>> load_lexicon().issuer("DBD").name_en
            'Department of Business Development'
        """
        for i in self.state_issuers:
            if i.key == key:
                return i
        raise KeyError(key)

    def table_names(self) -> tuple[str, ...]:
        """Return every table a :class:`Match` can name, in file order.

        Examples:
            >>> names = load_lexicon().table_names()
            >>> names[0], "kind.pay" in names, names[-1]
            ('P01', True, 'state_documents')
        """
        return (
            *(p.id for p in self.patterns),
            *(t.name for t in self.signals),
            "state_issuers",
            "state_documents",
        )

    # -------------------------------------------------------------- matching

    def match(self, text: str, *, tables: Collection[str] | None = None) -> tuple[Match, ...]:
        """Return every lexicon word found in ``text``, ordered by position.

        Within one table the matches do not overlap (leftmost, then longest, wins); a
        word may match in several tables at once (``อากรแสตมป์`` is P07 and P12). A match
        inside one of its table's ``exceptions`` is dropped.

        Args:
            text: a label, documentation or any text (normalised here).
            tables: keep only these tables; a group name (``"kind"``) keeps its
                sub-tables. ``None`` keeps all.

        Returns:
            The matches, by ``start`` then longest first.

        Examples:
            >>> lex = load_lexicon()
            >>> [(m.table, m.term, m.start, m.end) for m in lex.match("รับเงินสด", tables={"P11"})]
            [('P11', 'เงินสด', 3, 9)]
            >>> [m.table for m in lex.match("ยื่นคำขอผ่านระบบออนไลน์", tables=("P01", "digital"))]
            ['P01', 'digital', 'digital']
        """
        found = self._compiled().scan(normalize(text))
        if tables is None:
            return found
        wanted = set(tables)
        return tuple(
            m for m in found if m.table in wanted or m.table.partition(".")[0] in wanted
        )

    def patterns_in(self, text: str, *, include_negated: bool = False) -> tuple[str, ...]:
        """Return the ids of the patterns triggered in ``text``, sorted.

        Args:
            text: the text to look in.
            include_negated: also count triggers that a negation word cancels.

        Returns:
            Pattern ids such as ``("P01", "P03")``.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.patterns_in("ยื่นคำขอพร้อมสำเนาบัตรประชาชน")
            ('P01', 'P03')
            >>> lex.patterns_in("ไม่ต้องใช้สำเนาบัตรประชาชน", include_negated=True)
            ('P03',)
        """
        norm = normalize(text)
        found = self._compiled().scan(norm)
        out: set[str] = set()
        for m in found:
            if m.table[0] == "P" and _PATTERN_ID.fullmatch(m.table) and m.table not in out and (
                include_negated or not self._negated(norm, m, found)
            ):
                out.add(m.table)
        return tuple(sorted(out))

    def is_negated(self, text: str, match: Match) -> bool:
        """Return whether a negation word cancels ``match`` in ``text``.

        A ``[negation]`` word (``ไม่ต้อง``, ``ยกเลิก``, ``no need``) counts when it starts
        before the match; a ``[negation_after]`` word (``เจ้าหน้าที่ถ่ายสำเนาให้``,
        ``not required``) when it follows it. Either must be in the same clause (no ``;``,
        ``!``, ``?``, line break, sentence full stop, ``แต่``/``but``, or a space before
        ``ต้อง``) and at most 40 characters away.

        Args:
            text: the text the match was found in (raw or normalised).
            match: a match from :meth:`match` on the same text.

        Returns:
            ``True`` when the match is negated.

        Examples:
            >>> lex = load_lexicon()
            >>> text = "ไม่ต้องใช้สำเนาทะเบียนบ้าน"
            >>> [lex.is_negated(text, m) for m in lex.match(text, tables={"P03"})]
            [True]
            >>> text = "ไม่ต้องมาด้วยตนเอง ยื่นผ่าน ThaID"
            >>> [lex.is_negated(text, m) for m in lex.match(text, tables={"P02"})]
            [True]
        """
        norm = normalize(text)
        return self._negated(norm, match, self._compiled().scan(norm))

    def is_conditional(self, text: str, match: Match | None = None) -> bool:
        """Return whether ``text`` (or ``match``'s clause in it) has a conditional word.

        Conditional words (``กรณี``, ``ถ้ามี``, ``เฉพาะ``, ``if any``) make a finding
        *conditional* rather than dropping it.

        Args:
            text: the text to look in.
            match: when given, only a conditional word in the same clause counts.

        Returns:
            ``True`` when a conditional word is present.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.is_conditional("หนังสือมอบอำนาจ (กรณีมอบอำนาจ)"), lex.is_conditional("แผนที่")
            (True, False)
        """
        norm = normalize(text)
        for c in self._compiled().scan(norm):
            if c.table != "conditional":
                continue
            if match is None:
                return True
            if c.end <= match.start:
                lo, hi = c.end, match.start
            elif match.end <= c.start:
                lo, hi = match.end, c.start
            else:
                return True
            if not _CLAUSE_BREAK.search(norm, lo, hi):
                return True
        return False

    def has_digital_evidence(self, text: str) -> bool:
        """Return whether ``text`` names a digital channel, system or document.

        Examples:
            >>> lex = load_lexicon()
            >>> lex.has_digital_evidence("ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์")
            True
            >>> lex.has_digital_evidence("ยื่นคำขอ ณ สำนักงานเขต")
            False
        """
        return any(m.table == "digital" for m in self._compiled().scan(normalize(text)))

    def categories_in(self, text: str, group: str) -> tuple[str, ...]:
        """Return the sub-tables of ``group`` matched in ``text``, by first position.

        Args:
            text: the text to look in.
            group: ``"kind"``, ``"channel"`` or ``"medium"``.

        Returns:
            Sub-table names such as ``("pay",)``.

        Examples:
            >>> load_lexicon().categories_in("ยื่นคำขอผ่านเว็บไซต์", "channel")
            ('online',)
        """
        prefix = group + "."
        out: list[str] = []
        for m in self._compiled().scan(normalize(text)):
            if m.table.startswith(prefix):
                sub = m.table[len(prefix):]
                if sub not in out:
                    out.append(sub)
        return tuple(out)

    def state_document(self, text: str) -> StateDocument | None:
        """Return the state-issued document named in ``text`` (the first one), or ``None``.

        Examples:
            >>> load_lexicon().state_document("สำเนาหนังสือรับรองการจดทะเบียนนิติบุคคล").issuer
            'DBD'
            >>> load_lexicon().state_document("แผนที่ตั้ง") is None
            True
        """
        compiled = self._compiled()
        for m in compiled.scan(normalize(text)):
            if m.table == "state_documents":
                return compiled.documents.get(normalize(m.term))
        return None

    def state_document_source(self, text: str) -> str | None:
        """Return the Thai name of the agency that issues the document named in ``text``.

        Examples:
            >>> load_lexicon().state_document_source("บัตรประจำตัวประชาชน")
            'กรมการปกครอง'
            >>> load_lexicon().state_document_source("โฉนดที่ดิน")
            'กรมที่ดิน'
        """
        doc = self.state_document(text)
        return None if doc is None else self.issuer(doc.issuer).name_th

    # -------------------------------------------------------------- internals

    def _compiled(self) -> _Compiled:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.owner != id(self):
            # a model_copy shares the private cache object: give the copy its own
            cache = _Cache()
            self.__pydantic_private__["_cache"] = cache  # type: ignore[index]
            cache.owner = id(self)
        if cache.compiled is None:
            cache.compiled = _compile(self)
        return cache.compiled

    def _negated(self, norm: str, match: Match, found: Iterable[Match]) -> bool:
        for n in found:
            if n.table == "negation" and n.start < match.start:
                gap_start = min(n.end, match.start)
                if match.start - n.end <= _NEGATION_WINDOW and not _CLAUSE_BREAK.search(
                    norm, gap_start, match.start
                ):
                    return True
            elif n.table == "negation_after" and n.start > match.start:
                gap_start = min(match.end, n.start)
                if n.start - match.end <= _NEGATION_WINDOW and not _CLAUSE_BREAK.search(
                    norm, gap_start, n.start
                ):
                    return True
        return False


# ------------------------------------------------------------------------------ matcher


class _Node:
    __slots__ = ("children", "optional_space", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terminal = False
        self.optional_space = False


def _literal_key(norm: str) -> tuple[str, frozenset[int]]:
    """Return a term without spaces, and the key positions a space may precede."""
    key: list[str] = []
    optional: set[int] = set()
    for i, ch in enumerate(norm):
        if ch == " ":
            optional.add(len(key))
            continue
        key.append(ch)
        if ch == "." and i + 1 < len(norm) and norm[i + 1] != " ":
            optional.add(len(key))
    return "".join(key), frozenset(optional)


def _render_literal(norm: str) -> str:
    key, optional = _literal_key(norm)
    out = []
    for i, ch in enumerate(key):
        if i in optional:
            out.append(" ?")
        out.append(re.escape(ch))
        if i == 0 and ch in _WORD:
            out.append(f"(?<![a-z0-9]{re.escape(ch)})")
    if key:
        out.append(_end_boundary(key[-1]))
    return "".join(out)


def _end_boundary(last: str) -> str:
    if last in _LETTERS:
        return _END_AFTER_LETTER
    return _END_AFTER_DIGIT if last in _WORD else ""


def _render(node: _Node, last: str, depth: int) -> str:
    branches: list[str] = []
    for ch, child in node.children.items():
        piece = (" ?" if child.optional_space else "") + re.escape(ch)
        if depth == 0 and ch in _WORD:
            piece += f"(?<![a-z0-9]{re.escape(ch)})"
        branches.append(piece + _render(child, ch, depth + 1))
    if node.terminal:
        branches.append(_end_boundary(last))
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class _Entry(NamedTuple):
    """A table's word found when the trie regex matches a key (or a key it starts with)."""

    table: str
    term: str
    length: int  # length of the word's key (without optional spaces)
    end_check: int  # 0: none; 1: a shorter key ending in a digit; 2: ending in a letter
    exception: bool


_new_match = tuple.__new__
_MEMO_SIZE = 4096


@dataclass
class _Compiled:
    """A lexicon compiled for matching: one trie regex for every literal word."""

    regex: re.Pattern[str] | None
    expanded: dict[str, tuple[_Entry, ...]]
    """Matched key -> its words and those of every shorter key it starts with."""
    simple: dict[str, tuple[tuple[str, str, int], ...]]
    """The keys whose entries need no boundary check and hold no exception."""
    gaps: tuple[tuple[str, str, str, re.Pattern[str]], ...]
    """(table, word, a literal the text must contain, regex) for words with a gap."""
    documents: dict[str, StateDocument] = field(default_factory=dict)

    memo: dict[str, tuple[Match, ...]] = field(default_factory=dict)
    """Recent results: the analyser asks about the same text several times."""

    def scan(self, text: str) -> tuple[Match, ...]:
        """Return :meth:`scan_uncached` of ``text``, remembering up to 4096 recent texts."""
        memo = self.memo
        hit = memo.get(text)
        if hit is not None:
            return hit
        result = self.scan_uncached(text)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = result
        return result

    def scan_uncached(self, text: str) -> tuple[Match, ...]:
        """Return the matches in normalised ``text`` (exceptions and overlaps resolved).

        The trie regex is searched from every position where a word starts; it returns
        the longest word there, and ``expanded`` adds the shorter words it begins with,
        so matches come out ordered by start, then longest first. That order lets the
        per-table overlap rule and the exceptions be applied on the fly.
        """
        gap_matches = [
            _new_match(Match, (table, term, m.start(), m.end()))
            for table, term, literal, rx in self.gaps
            if literal in text
            for m in rx.finditer(text)
        ]
        if gap_matches:
            raw = [*self._raw(text), *gap_matches]
            raw.sort(key=lambda m: (m.start, -m.end, m.table))
            return _resolve(raw)
        if self.regex is None:
            return ()
        found: list[Match] = []
        append = found.append
        last_end: dict[str, int] = {}
        get_end = last_end.get
        cancel: dict[str, list[tuple[int, int]]] | None = None
        search = self.regex.search
        simple, expanded = self.simple, self.expanded
        n = len(text)
        pos = 0
        while pos < n:
            m = search(text, pos)
            if m is None:
                break
            start = m.start()
            matched = m.group()
            pos = start + 1
            fast = simple.get(matched) if cancel is None else None
            if fast is not None:
                for table, term, length in fast:
                    if start >= get_end(table, -1):
                        stop = start + length
                        last_end[table] = stop
                        append(_new_match(Match, (table, term, start, stop)))
                continue
            spaced = " " in matched
            for table, term, length, check, exception in expanded[
                matched.replace(" ", "") if spaced else matched
            ]:
                stop = start + (_prefix_end(matched, length) if spaced else length)
                if check and stop < n and text[stop] in _WORD and (
                    check == 1 or not _ENDING_OK.match(text, stop)
                ):
                    continue
                if exception:
                    if cancel is None:
                        cancel = {}
                    cancel.setdefault(table[1:], []).append((start, stop))
                    continue
                if start < get_end(table, -1):
                    continue
                if cancel is not None and table in cancel and any(
                    s <= start and stop <= e for s, e in cancel[table]
                ):
                    continue
                last_end[table] = stop
                append(_new_match(Match, (table, term, start, stop)))
        return tuple(found)

    def _raw(self, text: str) -> Iterator[Match]:
        for table, term, start, stop, _ in self._hits(text):
            yield _new_match(Match, (table, term, start, stop))

    def _hits(self, text: str) -> Iterator[tuple[str, str, int, int, bool]]:
        if self.regex is None:
            return
        search = self.regex.search
        expanded = self.expanded
        n = len(text)
        pos = 0
        while pos < n:
            m = search(text, pos)
            if m is None:
                return
            start = m.start()
            matched = m.group()
            spaced = " " in matched
            for e in expanded[matched.replace(" ", "") if spaced else matched]:
                stop = start + (_prefix_end(matched, e.length) if spaced else e.length)
                check = e.end_check
                if check and stop < n and text[stop] in _WORD and (
                    check == 1 or not _ENDING_OK.match(text, stop)
                ):
                    continue
                yield e.table, e.term, start, stop, e.exception
            pos = start + 1


def _prefix_end(matched: str, length: int) -> int:
    count = 0
    for i, ch in enumerate(matched):
        if ch != " ":
            count += 1
            if count == length:
                return i + 1
    return len(matched)  # pragma: no cover - a prefix is never longer than the match


def _resolve(found: list[Match]) -> tuple[Match, ...]:
    """Apply exceptions and the per-table overlap rule to matches sorted by position."""
    cancel: dict[str, list[Match]] = {}
    for m in found:
        if m.table[0] == "!":
            cancel.setdefault(m.table[1:], []).append(m)
    last_end: dict[str, int] = {}
    out: list[Match] = []
    for m in found:
        table = m.table
        if table[0] == "!" or m.start < last_end.get(table, -1):
            continue
        spans = cancel.get(table)
        if spans and any(e.start <= m.start and m.end <= e.end for e in spans):
            continue
        last_end[table] = m.end
        out.append(m)
    return tuple(out)


def _entries(lex: Lexicon) -> Iterator[tuple[str, str, bool]]:
    """Yield ``(table, word, is_exception)`` for every word of the lexicon."""
    for p in lex.patterns:
        for t in p.triggers:
            yield p.id, t, False
        for t in p.exceptions:
            yield p.id, t, True
    for s in lex.signals:
        for t in s.terms:
            yield s.name, t, False
        for t in s.exceptions:
            yield s.name, t, True
    for i in lex.state_issuers:
        for t in i.terms:
            yield "state_issuers", t, False
        for t in i.exceptions:
            yield "state_issuers", t, True
    for d in lex.state_documents:
        for t in d.terms:
            yield "state_documents", t, False
        for t in d.exceptions:
            yield "state_documents", t, True


def _compile(lex: Lexicon) -> _Compiled:
    root = _Node()
    keys: dict[str, list[tuple[str, str]]] = {}
    gaps: list[tuple[str, str, str, re.Pattern[str]]] = []
    for table, word, is_exception in _entries(lex):
        name = "!" + table if is_exception else table
        norm = normalize(word)
        if _GAP_MARK.search(norm):
            parts = [p for p in _GAP_MARK.split(norm) if p]
            rx = re.compile(_GAP.join(_render_literal(p) for p in parts))
            literal = max(parts[0].split(" "), key=len)
            gaps.append((name, word, literal, rx))
            continue
        key, optional = _literal_key(norm)
        bucket = keys.setdefault(key, [])
        if all(t != name for t, _ in bucket):
            bucket.append((name, word))
        node = root
        for i, ch in enumerate(key):
            node = node.children.setdefault(ch, _Node())
            if i in optional:
                node.optional_space = True
        node.terminal = True
    expanded: dict[str, tuple[_Entry, ...]] = {}
    for key in keys:
        entries: list[_Entry] = []
        tables: set[str] = set()
        for length in range(len(key), 0, -1):  # longest first: (start, -end) order
            short = key[:length]
            for table, word in sorted(keys.get(short, ())):
                if table in tables:
                    continue  # the table already matched longer here
                tables.add(table)
                check = 0
                if length < len(key) and short[-1] in _WORD:
                    check = 2 if short[-1] in _LETTERS else 1
                entries.append(_Entry(table, word, length, check, table[0] == "!"))
        expanded[key] = tuple(entries)
    regex = re.compile(_render(root, "", 0)) if keys else None
    documents = {normalize(t): d for d in lex.state_documents for t in d.terms}
    simple = {
        key: tuple((e.table, e.term, e.length) for e in entries)
        for key, entries in expanded.items()
        if not any(e.end_check or e.exception for e in entries)
    }
    return _Compiled(regex=regex, expanded=expanded, simple=simple, gaps=tuple(gaps),
                     documents=documents)


# ------------------------------------------------------------------------------ loading


def load_lexicon(
    extra: Mapping[str, Any] | None = None, *, path: str | Path | None = None
) -> Lexicon:
    """Return the lexicon: the packaged ``lexicon.toml``, plus user additions.

    The packaged lexicon without additions is read once and cached.

    Args:
        extra: additions, by table. A value that is a word or a list of words adds trigger
            words (a pattern: to ``triggers_th`` or ``triggers_en`` by script) or terms (a
            signal table). A value that is a table is merged the way the TOML file is
            shaped: lists are extended, other values replaced, and a ``remove`` list drops
            words. Keys may be dotted (``"kind.pay"``). New ``P..`` patterns and new
            ``state_issuers``/``state_documents`` entries may be added in full.
        path: read this TOML file instead of the packaged one.

    Returns:
        The validated :class:`Lexicon`.

    Raises:
        ConfigError: when the file or the additions are not a valid lexicon.

    Examples:
        >>> lex = load_lexicon({"P11": ["ชำระที่ห้องการเงิน"], "digital": ["LINE OA"]})
        >>> lex.patterns_in("ชำระที่ห้องการเงิน"), lex.has_digital_evidence("แจ้งผ่าน LINE OA")
        (('P11',), True)
        >>> load_lexicon({"P11": {"remove": ["เช็ค"]}}).patterns_in("ชำระด้วยเช็ค")
        ()
    """
    if extra is None and path is None:
        return _default_lexicon()
    data = _read_toml(path) if path is not None else _packaged_data()
    if extra:
        data = _merge(data, extra)
    return _from_mapping(data, source=str(path) if path is not None else "lexicon.toml")


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return _from_mapping(_packaged_data(), source="lexicon.toml")


@functools.lru_cache(maxsize=1)
def _packaged_text() -> str:
    return resources.files("reprocess").joinpath("data/lexicon.toml").read_text(encoding="utf-8")


def _packaged_data() -> dict[str, Any]:
    return tomllib.loads(_packaged_text())


def _read_toml(path: str | Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the lexicon: {exc}") from exc


_WORD_LISTS = ("terms", "triggers_th", "triggers_en", "exceptions")


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = _deep_copy(base)
    for raw_key, value in extra.items():
        key = str(raw_key)
        if key == "schema_version":
            if value != SCHEMA_VERSION:
                raise ConfigError(
                    f"lexicon additions: schema_version {value!r} is not {SCHEMA_VERSION}"
                )
            continue
        path = key.split(".")
        head = path[0]
        known = (
            head in data
            or _PATTERN_ID.fullmatch(head)
            or (head in ("state_issuers", "state_documents") and len(path) == 2)
        )
        if not known:
            raise ConfigError(f"lexicon additions: unknown table {key!r}")
        target = data
        for part in path:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise ConfigError(f"lexicon additions: {key!r} is not a table")
        if isinstance(value, str) or _is_word_list(value):
            words = [value] if isinstance(value, str) else list(value)
            if _PATTERN_ID.fullmatch(head) and len(path) == 1:
                th = [w for w in words if _has_thai(w)]
                en = [w for w in words if not _has_thai(w)]
                _extend(target, "triggers_th", th)
                _extend(target, "triggers_en", en)
            else:
                _extend(target, "terms", words)
        elif isinstance(value, Mapping):
            _merge_table(target, value, key)
        else:
            raise ConfigError(
                f"lexicon additions: {key!r} must be a word, a list of words or a table"
            )
    return data


def _merge_table(target: dict[str, Any], value: Mapping[str, Any], where: str) -> None:
    for k, v in value.items():
        if k == "remove":
            drop = {normalize(w) for w in ([v] if isinstance(v, str) else v)}
            for name in _WORD_LISTS:
                if name in target:
                    target[name] = [w for w in target[name] if normalize(w) not in drop]
        elif isinstance(v, Mapping):
            sub = target.setdefault(k, {})
            if not isinstance(sub, dict):
                raise ConfigError(f"lexicon additions: {where}.{k} is not a table")
            _merge_table(sub, v, f"{where}.{k}")
        elif _is_word_list(v) and isinstance(target.get(k, []), list):
            _extend(target, k, list(v))
        else:
            target[k] = v


def _extend(target: dict[str, Any], name: str, words: list[str]) -> None:
    if not words:
        return
    current = list(target.get(name, []))
    for w in words:
        if w not in current:
            current.append(w)
    target[name] = current


def _is_word_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _has_thai(word: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in word)


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _from_mapping(data: Mapping[str, Any], *, source: str) -> Lexicon:
    patterns: list[dict[str, Any]] = []
    signals: list[dict[str, Any]] = []
    issuers: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    version = data.get("schema_version", None)
    if version != SCHEMA_VERSION:
        raise ConfigError(f"{source}: schema_version must be {SCHEMA_VERSION}, not {version!r}")
    for key, value in data.items():
        if key == "schema_version":
            continue
        if not isinstance(value, Mapping):
            raise ConfigError(f"{source}: [{key}] must be a table")
        if _PATTERN_ID.fullmatch(key):
            patterns.append({"id": key, **value})
        elif key in SIGNAL_TABLES:
            signals.append({"name": key, **value})
        elif key in GROUPS:
            for sub, table in value.items():
                if not isinstance(table, Mapping):
                    raise ConfigError(f"{source}: [{key}.{sub}] must be a table")
                signals.append({"name": f"{key}.{sub}", **table})
        elif key in ("state_issuers", "state_documents"):
            bucket = issuers if key == "state_issuers" else documents
            for sub, table in value.items():
                if not isinstance(table, Mapping):
                    raise ConfigError(f"{source}: [{key}.{sub}] must be a table")
                bucket.append({"key": sub, **table})
        else:
            raise ConfigError(f"{source}: unknown table [{key}]")
    try:
        return Lexicon(
            schema_version=SCHEMA_VERSION,
            patterns=tuple(PatternEntry.model_validate(p) for p in patterns),
            signals=tuple(TermTable.model_validate(s) for s in signals),
            state_issuers=tuple(StateIssuer.model_validate(i) for i in issuers),
            state_documents=tuple(StateDocument.model_validate(d) for d in documents),
        )
    except ValidationError as exc:
        raise ConfigError(f"{source}: invalid lexicon: {exc}") from exc
