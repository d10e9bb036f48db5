"""The ``rp:`` extension attributes (``urn:reprocess:bpmn:1.0``) and the model's facts.

One table, :data:`RP_ATTRIBUTES`, lists every attribute: its local name, the group it
belongs to (``step`` facts of a flow node, ``document`` facts of a data object or store,
``service`` header of a process or participant, ``role`` of a pool or lane), the model
field it fills and its XML Schema type. :func:`parse_rp_attributes` turns the ``rp:``
attributes of one element into field values; :func:`rp_attributes_of` does the reverse
for the writer. ``schemas/reprocess-bpmn.xsd`` declares the same attributes, and a test
checks the two against each other.

Examples:
    >>> from reprocess.model import StepFacts
    >>> parsed = parse_rp_attributes([("channel", "counter"), ("fee", "50")], ("step",))
    >>> parsed.values["step"]
    {'channel': <Channel.COUNTER: 'counter'>, 'fee': Decimal('50')}
    >>> rp_attributes_of(StepFacts.model_validate(parsed.values["step"]))
    [('channel', 'counter'), ('fee', '50')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Literal

from reprocess.model.domain import DocumentFacts, ServiceInfo, StepFacts
from reprocess.model.enums import Actor, ChangeMark, Channel, CustomerGroup, Medium, StepKind

__all__ = [
    "RP_ATTRIBUTES",
    "FactGroup",
    "ParsedFacts",
    "RpAttribute",
    "format_decimal",
    "parse_boolean",
    "parse_rp_attributes",
    "rp_attributes_of",
]

FactGroup = Literal["step", "document", "service", "role"]
"""Which model object an ``rp:`` attribute belongs to."""

_XSD_DURATION = re.compile(
    r"^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$"
)
_XSD_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_XSD_NON_NEGATIVE = re.compile(r"^\+?\d+$")


def parse_boolean(text: str) -> bool:
    """Parse an ``xsd:boolean`` (``true``, ``false``, ``1``, ``0``; surrounding blanks ignored).

    Raises:
        ValueError: the text is not a boolean.

    Examples:
        >>> parse_boolean(" true "), parse_boolean("0")
        (True, False)
    """
    value = text.strip()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def format_decimal(value: Decimal) -> str:
    """Write a decimal as ``xsd:decimal`` (no exponent).

    Examples:
        >>> format_decimal(Decimal("1E+2")), format_decimal(Decimal("50.00"))
        ('100', '50.00')
    """
    return format(value, "f")


def _enum(kind: type[StrEnum]) -> Callable[[str], StrEnum]:
    members: dict[str, StrEnum] = {m.value: m for m in kind}
    allowed = ", ".join(members)

    def parse(text: str) -> StrEnum:
        member = members.get(text)
        if member is None:
            member = members.get(text.strip())
            if member is None:
                raise ValueError(f"expected one of {allowed}, got {text!r}")
        return member

    return parse


def _duration(text: str) -> str:
    value = text.strip()
    if not _XSD_DURATION.match(value) or value.startswith("-"):
        raise ValueError(f"expected an ISO 8601 duration such as PT10M or P5D, got {text!r}")
    return value


def _decimal(text: str) -> Decimal:
    value = text.strip()
    if not _XSD_DECIMAL.match(value):
        raise ValueError(f"expected a decimal number such as 50 or 12.50, got {text!r}")
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern rules this out
        raise ValueError(f"expected a decimal number, got {text!r}") from exc


def _count(text: str) -> int:
    value = text.strip()
    if not _XSD_NON_NEGATIVE.match(value):
        raise ValueError(f"expected a whole number >= 0, got {text!r}")
    return int(value)


def _text(text: str) -> str:
    return text


def _fmt_bool(value: Any) -> str:
    return "true" if value else "false"


def _fmt_text(value: Any) -> str:
    return str(value)


def _fmt_enum(value: Any) -> str:
    return value.value if isinstance(value, StrEnum) else str(value)


def _fmt_decimal(value: Any) -> str:
    return format_decimal(Decimal(value))


@dataclass(frozen=True)
class RpAttribute:
    """One ``rp:`` attribute: where it goes in the model and how it is typed.

    Attributes:
        name: the local name (``channel``).
        group: the model object it fills.
        model_field: the model field (``channel``; ``duration`` and ``workingDays``
            share ``duration``).
        xsd_type: the type in ``schemas/reprocess-bpmn.xsd``.
        parse: text to field value; raises ``ValueError`` on a bad value.
        format: field value to text.
    """

    name: str
    group: FactGroup
    model_field: str
    xsd_type: str
    parse: Callable[[str], Any] = dc_field(repr=False)
    format: Callable[[Any], str] = dc_field(repr=False)


def _attr(
    name: str,
    group: FactGroup,
    model_field: str,
    xsd_type: str,
    parse: Callable[[str], Any],
    fmt: Callable[[Any], str],
) -> RpAttribute:
    return RpAttribute(name, group, model_field, xsd_type, parse, fmt)


RP_ATTRIBUTES: tuple[RpAttribute, ...] = (
    _attr("actor", "step", "actor", "rp:ActorType", _enum(Actor), _fmt_enum),
    _attr("channel", "step", "channel", "rp:ChannelType", _enum(Channel), _fmt_enum),
    _attr("medium", "step", "medium", "rp:MediumType", _enum(Medium), _fmt_enum),
    _attr("kind", "step", "kind", "rp:StepKindType", _enum(StepKind), _fmt_enum),
    _attr("duration", "step", "duration", "xsd:duration", _duration, _fmt_text),
    _attr("workingDays", "step", "duration", "xsd:boolean", parse_boolean, _fmt_bool),
    _attr("fee", "step", "fee", "xsd:decimal", _decimal, _fmt_decimal),
    _attr("copresence", "step", "copresence", "xsd:boolean", parse_boolean, _fmt_bool),
    _attr("legalBasis", "step", "legal_basis", "xsd:string", _text, _fmt_text),
    _attr("change", "step", "change", "rp:ChangeType", _enum(ChangeMark), _fmt_enum),
    _attr("originals", "document", "originals", "xsd:nonNegativeInteger", _count, _fmt_text),
    _attr("copies", "document", "copies", "xsd:nonNegativeInteger", _count, _fmt_text),
    _attr("certified", "document", "certified", "xsd:boolean", parse_boolean, _fmt_bool),
    _attr("issuer", "document", "issuer", "xsd:string", _text, _fmt_text),
    _attr("stateIssued", "document", "state_issued", "xsd:boolean", parse_boolean, _fmt_bool),
    _attr("conditional", "document", "condition", "xsd:string", _text, _fmt_text),
    _attr("medium", "document", "medium", "rp:MediumType", _enum(Medium), _fmt_enum),
    _attr("change", "document", "change", "rp:ChangeType", _enum(ChangeMark), _fmt_enum),
    _attr("service", "service", "name", "xsd:string", _text, _fmt_text),
    _attr("agency", "service", "agency", "xsd:string", _text, _fmt_text),
    _attr("ministry", "service", "ministry", "xsd:string", _text, _fmt_text),
    _attr(
        "customerGroup",
        "service",
        "customer_group",
        "rp:CustomerGroupType",
        _enum(CustomerGroup),
        _fmt_enum,
    ),
    _attr("casesPerYear", "service", "cases_per_year", "xsd:nonNegativeInteger", _count, _fmt_text),
    _attr("manualRef", "service", "manual_ref", "xsd:string", _text, _fmt_text),
    _attr("role", "role", "role", "rp:ActorType", _enum(Actor), _fmt_enum),
)
"""Every ``rp:`` attribute, grouped by the model object it fills."""

_BY_GROUP: dict[str, dict[str, RpAttribute]] = {}
for _a in RP_ATTRIBUTES:
    _BY_GROUP.setdefault(_a.group, {})[_a.name] = _a
_KNOWN_NAMES = frozenset(a.name for a in RP_ATTRIBUTES)
_LOOKUP: dict[tuple[str, ...], dict[str, RpAttribute]] = {}

# Writing order of each group (the table order, ``workingDays`` after ``duration``).
_WRITE_ORDER: dict[type[Any], tuple[RpAttribute, ...]] = {
    StepFacts: tuple(a for a in RP_ATTRIBUTES if a.group == "step"),
    DocumentFacts: tuple(a for a in RP_ATTRIBUTES if a.group == "document"),
    ServiceInfo: tuple(a for a in RP_ATTRIBUTES if a.group == "service"),
}


@dataclass
class ParsedFacts:
    """What :func:`parse_rp_attributes` found on one element.

    Attributes:
        values: field values per group (``{"step": {"channel": "counter"}}``); a group
            is present only when at least one of its attributes was given.
        kept: ``rp:`` attributes that are known but do not apply to this element,
            ``(local name, text)``; the reader keeps them as uninterpreted attributes.
        errors: ``(local name, text, message)`` for each bad or unknown attribute.
    """

    values: dict[str, dict[str, Any]] = dc_field(default_factory=dict)
    kept: list[tuple[str, str]] = dc_field(default_factory=list)
    errors: list[tuple[str, str, str]] = dc_field(default_factory=list)


def parse_rp_attributes(
    items: Iterable[tuple[str, str]], groups: Sequence[FactGroup]
) -> ParsedFacts:
    """Parse the ``rp:`` attributes of one element into model field values.

    Args:
        items: ``(local name, text)`` of each ``rp:`` attribute, in document order.
        groups: the groups this element can hold (``("step",)`` for a flow node,
            ``("service", "role")`` for a participant ...).

    Returns:
        The values per group, the attributes kept as they are, and the errors.

    Examples:
        >>> p = parse_rp_attributes([("duration", "P5D"), ("workingDays", "true")], ("step",))
        >>> p.values
        {'step': {'duration': {'iso': 'P5D', 'working_days': True}}}
        >>> parse_rp_attributes([("duration", "5 days")], ("step",)).errors[0][2]
        "bad rp:duration: expected an ISO 8601 duration such as PT10M or P5D, got '5 days'"
        >>> parse_rp_attributes([("chanel", "post")], ("step",)).errors[0][2]
        'unknown reprocess attribute rp:chanel'
        >>> parse_rp_attributes([("role", "agency")], ("step",)).kept
        [('role', 'agency')]
    """
    lookup = _LOOKUP.get(tuple(groups))
    if lookup is None:
        lookup = {}
        for group in reversed(tuple(groups)):
            lookup.update(_BY_GROUP[group])
        _LOOKUP[tuple(groups)] = lookup
    result = ParsedFacts()
    working_days: tuple[str, bool] | None = None
    for name, text in items:
        spec = lookup.get(name)
        if spec is None:
            if name in _KNOWN_NAMES:
                result.kept.append((name, text))
            else:
                result.errors.append((name, text, f"unknown reprocess attribute rp:{name}"))
            continue
        try:
            value = spec.parse(text)
        except ValueError as exc:
            result.errors.append((name, text, f"bad rp:{name}: {exc}"))
            continue
        if name == "workingDays":
            working_days = (text, value)
            continue
        values = result.values.get(spec.group)
        if values is None:
            values = result.values[spec.group] = {}
        if name == "duration":
            values["duration"] = {"iso": value}
        else:
            values[spec.model_field] = value
    if working_days is not None:
        step = result.values.get("step", {})
        if "duration" in step:
            step["duration"]["working_days"] = working_days[1]
        else:
            result.errors.append(
                ("workingDays", working_days[0], "rp:workingDays needs rp:duration")
            )
    return result


def rp_attributes_of(facts: StepFacts | DocumentFacts | ServiceInfo) -> list[tuple[str, str]]:
    """Return the ``rp:`` attributes that write ``facts``, ``(local name, text)`` in order.

    ``None`` fields are left out; ``rp:workingDays`` is written only when true.

    Examples:
        >>> from reprocess.model import Duration
        >>> rp_attributes_of(StepFacts(duration=Duration(iso="P5D", working_days=True)))
        [('duration', 'P5D'), ('workingDays', 'true')]
        >>> rp_attributes_of(DocumentFacts(copies=2, certified=False))
        [('copies', '2'), ('certified', 'false')]
    """
    out: list[tuple[str, str]] = []
    values = facts.__dict__
    for name, model_field, fmt in _WRITE_PLAN[type(facts)]:
        value = values[model_field]
        if value is None:
            continue
        if model_field == "duration":
            if name == "duration":
                out.append(("duration", value.iso))
            elif value.working_days:
                out.append(("workingDays", "true"))
            continue
        out.append((name, fmt(value)))
    return out


_WRITE_PLAN: dict[type[Any], tuple[tuple[str, str, Callable[[Any], str]], ...]] = {
    cls: tuple((a.name, a.model_field, a.format) for a in attrs)
    for cls, attrs in _WRITE_ORDER.items()
}
