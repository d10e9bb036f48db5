"""Citizen's manual import: a manual as structured data -> an as-is BPMN model.

Many agencies have a citizen's manual (คู่มือสำหรับประชาชน, Licensing Facilitation Act
B.E. 2558 s.7) and no BPMN. This module reads one given as YAML, JSON, CSV or XLSX with the
fields of ``domain.md`` 2.1 (steps with type, duration and responsible unit; documents with
issuer, originals, copies and conditions; fees; channels; statistics), and builds the
as-is model the analyser and the redesign passes expect:

* a pool of the owner agency, with an applicant lane and one lane per responsible unit;
* the applicant's submission step (counter or online, from the channels) with every
  document as a data object reference (``rp:originals``, ``rp:copies``, ``rp:certified``,
  ``rp:issuer``, ``rp:stateIssued``, ``rp:conditional``) and the document's remark as a
  text annotation;
* the manual's steps in order, in their unit's lane, with ``rp:kind`` from the step type
  (document check -> verify; consideration, signing, committee -> approve) and
  ``rp:duration`` (``rp:workingDays`` for วันทำการ);
* a payment step with ``rp:fee`` when the manual has fees (on submission, or after the
  decision when a fee row says so), and the applicant's step to receive the result;
* the service header (``rp:service``, agency, ministry, customer group, cases per year
  from the monthly average) and, when :mod:`reprocess.render` can run, BPMN DI from
  :func:`reprocess.render.layout.layout` so the written file opens in a modeler.

Thai digits and Buddhist-Era dates are understood everywhere. Keys and column names may be
English (``duration``) or the Thai labels of the standard template (``ระยะเวลา``). A bad
manual raises :class:`~reprocess.errors.ConfigError` naming the file and the row or field.

Examples:
    >>> m = CitizenManual.model_validate({
    ...     "ชื่อกระบวนงาน": "การแจ้งเกิด", "หน่วยงานเจ้าของกระบวนงาน": "อำเภอเมือง",
    ...     "steps": [{"type": "การตรวจสอบเอกสาร", "description": "ตรวจสอบหลักฐาน",
    ...                "duration": "๑๕ นาที", "unit": "งานทะเบียน"}]})
    >>> m.steps[0].type.value, m.steps[0].iso_duration
    ('document-check', 'PT15M')
    >>> d = to_definitions(m, layout=False)
    >>> [n.name for n in d.flow_nodes()][1:3]
    ['ยื่นคำขอพร้อมเอกสารหลักฐาน ณ อำเภอเมือง', 'ตรวจสอบหลักฐาน']
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from reprocess import thai
from reprocess.errors import ConfigError
from reprocess.model import (
    Actor,
    Association,
    Channel,
    Collaboration,
    CustomerGroup,
    DataAssociation,
    DataObject,
    DataObjectReference,
    Definitions,
    Documentation,
    DocumentFacts,
    Duration,
    EndEvent,
    Lane,
    LaneSet,
    ManualTask,
    Medium,
    Opaque,
    Participant,
    Process,
    SequenceFlow,
    ServiceInfo,
    StartEvent,
    StepFacts,
    StepKind,
    TextAnnotation,
    UserTask,
)
from reprocess.portfolio.catalogue import (
    Impact,
    ServiceMeta,
    format_errors,
    parse_count,
    parse_date,
    parse_decimal,
)

__all__ = [
    "MANUAL_SUFFIXES",
    "CitizenManual",
    "ImportedManual",
    "ManualChannel",
    "ManualDocument",
    "ManualFee",
    "ManualStep",
    "StepType",
    "import_manual",
    "load_manual",
    "read_manual",
    "to_definitions",
]

MANUAL_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
"""The file types :func:`load_manual` reads."""

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

class StepType(StrEnum):
    """The step types of the manual's steps table (ประเภทขั้นตอน)."""

    DOCUMENT_CHECK = "document-check"
    CONSIDERATION = "consideration"
    SIGNING = "signing"
    COMMITTEE = "committee"
    OTHER = "other"

    @property
    def kind(self) -> StepKind:
        """The ``rp:kind`` of a step of this type."""
        return {StepType.DOCUMENT_CHECK: StepKind.VERIFY, StepType.CONSIDERATION:
                StepKind.APPROVE, StepType.SIGNING: StepKind.APPROVE,
                StepType.COMMITTEE: StepKind.APPROVE}.get(self, StepKind.OTHER)


def _step_type(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = thai.normalize(value).lower().strip()
    if not text:
        return "other"
    for words, kind in (
        (("ตรวจสอบเอกสาร", "ตรวจสอบ", "document check", "document-check", "check"),
         "document-check"),
        (("คณะกรรมการ", "committee"), "committee"),
        (("ลงนาม", "signing", "sign"), "signing"),
        (("พิจารณา", "consideration", "consider"), "consideration"),
        (("อื่น", "other"), "other"),
    ):
        if any(w in text for w in words):
            return kind
    return text


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        text = thai.normalize(value).lower().strip()
        if text in ("", "-", "ไม่", "ไม่ใช่", "no", "false", "0", "n", "ไม่มี", "ไม่ต้อง"):
            return False
        if text in ("ใช่", "มี", "ต้อง", "yes", "true", "1", "y", "x", "✓", "/", "รับรอง"):
            return True
    return value


def _text_list(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t"))
    return value


def _duration_text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value} วัน"
    return value


Count0 = Annotated[int, BeforeValidator(lambda v: parse_count(v) or 0)]
Flag = Annotated[bool, BeforeValidator(_bool)]
TextList = Annotated[tuple[str, ...], BeforeValidator(_text_list)]


class _Part(BaseModel):
    """Frozen, strict about unknown keys; Thai labels are renamed before validation."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _rename(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        table = _ALIASES.get(cls.__name__, {})
        out: dict[str, Any] = {}
        for key, value in data.items():
            k = thai.normalize(str(key)).strip()
            name = table.get(k, table.get(k.lower(), k))
            out[name] = value
        return out


class ManualStep(_Part):
    """A row of the steps table: type, description, duration, responsible unit, remark."""

    type: Annotated[StepType, BeforeValidator(_step_type)] = StepType.OTHER
    description: str = Field(min_length=1)
    duration: Annotated[str | None, BeforeValidator(_duration_text)] = None
    unit: str = Field(min_length=1)
    remark: str | None = None

    @field_validator("duration")
    @classmethod
    def _check_duration(cls, value: str | None) -> str | None:
        if value is not None and value.strip() and thai.parse_thai_duration(value) is None:
            raise ValueError(f"cannot read the duration {value!r} (write e.g. 30 นาที, "
                             "1 วันทำการ, 2 ชั่วโมง)")
        return value.strip() if value and value.strip() else None

    @property
    def parsed_duration(self) -> Duration | None:
        """The duration as ``rp:duration`` (working days kept), or ``None``."""
        if not self.duration:
            return None
        parsed = thai.parse_thai_duration(self.duration)
        if parsed is None:
            return None
        return Duration(iso=parsed.to_iso8601(), working_days=parsed.working_days)

    @property
    def iso_duration(self) -> str | None:
        """The duration as ISO 8601 (``PT15M``, ``P3D``), or ``None``."""
        d = self.parsed_duration
        return d.iso if d else None


class ManualDocument(_Part):
    """A row of the documents table (รายการเอกสารหลักฐานประกอบการยื่นคำขอ)."""

    name: str = Field(min_length=1)
    issuer: str | None = None
    originals: Count0 = 0
    copies: Count0 = 0
    count_unit: str | None = None
    certified: Flag | None = None
    condition: str | None = None
    remark: str | None = None
    kind: str | None = None
    """``identity`` (identity documents issued by the state) or ``other``."""
    state_issued: Flag | None = None

    @property
    def is_certified(self) -> bool:
        """Copies must be certified (the column, or "รับรองสำเนา" in the remark)."""
        if self.certified is not None:
            return self.certified
        return "รับรองสำเนา" in thai.normalize(self.remark or "")

    @property
    def condition_text(self) -> str | None:
        """The condition (the column, or a "กรณี..."/"ถ้ามี" remark)."""
        if self.condition:
            return self.condition
        remark = thai.normalize(self.remark or "")
        if remark.startswith(("กรณี", "ถ้ามี", "เฉพาะ", "(กรณี", "ในกรณี", "if ", "when ")):
            return self.remark
        return None

    @property
    def is_state_issued(self) -> bool:
        """Issued by a state agency (the column, the identity group, or the issuer's name)."""
        if self.state_issued is not None:
            return self.state_issued
        if (self.kind or "").startswith(("identity", "เอกสารยืนยันตัวตน")):
            return True
        issuer = thai.normalize(self.issuer or "")
        return any(w in issuer for w in _STATE_WORDS) and not any(
            w in issuer for w in ("ผู้ยื่น", "ผู้ขอ", "เจ้าของ", "เอกชน", "ธนาคาร"))


_STATE_WORDS = ("กรม", "สำนักงาน", "กระทรวง", "เทศบาล", "อำเภอ", "องค์การบริหาร", "จังหวัด",
                "สำนักทะเบียน", "กรุงเทพมหานคร", "ศาล", "อบต", "อบจ", "กทม", "ราชการ")


class ManualFee(_Part):
    """A row of the fees table: description, amount (baht), remark, when and how paid."""

    description: str = Field(min_length=1)
    amount: Annotated[Decimal | None, BeforeValidator(parse_decimal)] = None
    remark: str | None = None
    stage: str | None = None
    """``submission`` (default: paid when the application is lodged) or ``approval``."""
    channel: str | None = None
    """``cash`` (default) or ``online`` (QR, PromptPay, card, e-payment)."""

    @property
    def after_approval(self) -> bool:
        """The fee is paid after the decision (``stage: approval``, ``เมื่ออนุมัติ``)."""
        text = thai.normalize(self.stage or "").lower()
        return any(w in text for w in ("approv", "อนุมัติ", "อนุญาต", "หลัง", "after"))

    @property
    def online(self) -> bool:
        """The fee can be paid electronically."""
        text = thai.normalize(self.channel or "").lower()
        return any(w in text for w in ("online", "qr", "พร้อมเพย์", "promptpay", "ออนไลน์",
                                       "e-payment", "บัตร", "card", "โอน"))


class ManualChannel(_Part):
    """A service channel: place, opening hours, kind (counter, online, post), address."""

    place: str = Field(min_length=1)
    hours: str | None = None
    kind: str | None = None
    url: str | None = None
    remark: str | None = None

    @property
    def is_online(self) -> bool:
        """An online channel (``kind: online``, or a web address)."""
        text = thai.normalize(self.kind or "").lower()
        return "online" in text or "ออนไลน์" in text or "อิเล็กทรอนิกส์" in text or bool(
            self.url and not self.kind)


def _channels(value: Any) -> Any:
    if isinstance(value, str):
        return ({"place": value},)
    if isinstance(value, list):
        return tuple({"place": v} if isinstance(v, str) else v for v in value)
    return value


def _statistics(data: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(data)
    stats = out.pop("statistics", None)
    if isinstance(stats, Mapping):
        for key, value in stats.items():
            k = thai.normalize(str(key)).strip()
            name = _ALIASES["CitizenManual"].get(k, {"avg": "monthly_avg", "max": "monthly_max",
                                                     "min": "monthly_min"}.get(k, k))
            out.setdefault(name, value)
    elif stats is not None:
        out["statistics"] = stats  # let validation report it
    return out


class CitizenManual(_Part):
    """A citizen's manual (คู่มือสำหรับประชาชน) with the fields of ``domain.md`` 2.1.

    Examples:
        >>> m = CitizenManual(name="การแจ้งเกิด", agency="อำเภอเมือง", monthly_avg="๑๕๐",
        ...                   steps=[ManualStep(description="รับแจ้ง", unit="งานทะเบียน")])
        >>> m.meta_fields()["monthly_avg"], m.cases_per_year
        (150, 1800)
    """

    name: str = Field(min_length=1)
    name_en: str | None = None
    agency: str = Field(min_length=1)
    ministry: str | None = None
    service_type: str | None = None
    category: str | None = None
    legal_basis: TextList = ()
    impact: Annotated[Impact | None, BeforeValidator(
        lambda v: _impact(v))] = None
    area: str | None = None
    statutory_time: str | None = None
    monthly_avg: Annotated[int | None, BeforeValidator(parse_count)] = None
    monthly_max: Annotated[int | None, BeforeValidator(parse_count)] = None
    monthly_min: Annotated[int | None, BeforeValidator(parse_count)] = None
    manual_ref: str | None = None
    customer_group: str | None = None
    channels: Annotated[tuple[ManualChannel, ...], BeforeValidator(_channels)] = ()
    criteria: str | None = None
    steps: tuple[ManualStep, ...] = Field(min_length=1)
    total_time: str | None = None
    reduced: Flag | None = None
    documents: tuple[ManualDocument, ...] = ()
    fees: tuple[ManualFee, ...] = ()
    complaints: TextList = ()
    forms: TextList = ()
    notes: str | None = None
    published: Annotated[_dt.date | None, BeforeValidator(parse_date)] = None
    prepared_by: str | None = None
    result: str | None = None
    """What the applicant receives (ใบอนุญาต, ใบทะเบียน ...)."""
    result_electronic: Flag = False
    """The result is issued as an electronic document."""

    @model_validator(mode="before")
    @classmethod
    def _flatten(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            renamed = {}
            table = _ALIASES["CitizenManual"]
            for key, value in data.items():
                k = thai.normalize(str(key)).strip()
                renamed[table.get(k, table.get(k.lower(), k))] = value
            return _statistics(renamed)
        return data

    @property
    def cases_per_year(self) -> int | None:
        """The SCM quantity: monthly average x 12, or ``None``."""
        return self.monthly_avg * 12 if self.monthly_avg is not None else None

    @property
    def fee_total(self) -> Decimal:
        """The sum of the fees given in baht."""
        return sum((f.amount for f in self.fees if f.amount is not None), Decimal("0"))

    def meta_fields(self) -> dict[str, Any]:
        """Return the :class:`~reprocess.portfolio.catalogue.ServiceMeta` fields it carries."""
        out: dict[str, Any] = {"name": self.name, "agency": self.agency}
        for key in ("name_en", "ministry", "monthly_avg", "manual_ref", "customer_group"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.impact is not None:
            out["impact"] = self.impact.value
        if self.fees:
            out["fees"] = self.fee_total
        return out


def _impact(value: Any) -> Any:
    if isinstance(value, str):
        text = thai.normalize(value)
        if not text.strip():
            return None
        if "ทั่วไป" in text or text.lower() == "general":
            return "general"
        if "เศรษฐกิจ" in text or "สังคม" in text or "สำคัญ" in text or "econom" in text.lower():
            return "economic-social"
    return value


_ALIASES: dict[str, dict[str, str]] = {
    "CitizenManual": {
        "ชื่อกระบวนงาน": "name", "ชื่องานบริการ": "name", "ชื่อภาษาอังกฤษ": "name_en",
        "หน่วยงานเจ้าของกระบวนงาน": "agency", "หน่วยงานที่ให้บริการ": "agency",
        "หน่วยงาน": "agency", "กระทรวง": "ministry", "ประเภทของงานบริการ": "service_type",
        "หมวดหมู่ของงานบริการ": "category",
        "กฎหมายที่ให้อำนาจการอนุญาต หรือที่เกี่ยวข้อง": "legal_basis",
        "กฎหมายที่ให้อำนาจ": "legal_basis", "กฎหมาย": "legal_basis",
        "ระดับผลกระทบ": "impact", "พื้นที่ให้บริการ": "area",
        "ระยะเวลาที่กำหนดตามกฎหมาย": "statutory_time",
        "ข้อมูลสถิติ": "statistics", "จำนวนเฉลี่ยต่อเดือน": "monthly_avg",
        "จำนวนคำขอที่มากที่สุด": "monthly_max", "จำนวนคำขอที่น้อยที่สุด": "monthly_min",
        "จำนวนมากที่สุด": "monthly_max", "จำนวนน้อยที่สุด": "monthly_min",
        "ชื่ออ้างอิงของคู่มือประชาชน": "manual_ref", "กลุ่มผู้รับบริการ": "customer_group",
        "ช่องทางการให้บริการ": "channels", "หลักเกณฑ์ วิธีการ เงื่อนไข": "criteria",
        "หลักเกณฑ์": "criteria", "ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ": "steps",
        "ขั้นตอน": "steps", "ระยะเวลาดำเนินการรวม": "total_time",
        "งานบริการนี้ผ่านการดำเนินการลดขั้นตอน และระยะเวลาปฏิบัติราชการมาแล้ว": "reduced",
        "ผ่านการลดขั้นตอน": "reduced",
        "รายการเอกสารหลักฐานประกอบการยื่นคำขอ": "documents", "เอกสาร": "documents",
        "ค่าธรรมเนียม": "fees", "ช่องทางการร้องเรียน": "complaints",
        "แบบฟอร์ม ตัวอย่างและคู่มือการกรอก": "forms", "แบบฟอร์ม": "forms",
        "หมายเหตุ": "notes", "วันที่เผยแพร่": "published", "วันที่พิมพ์": "published",
        "จัดทำโดย": "prepared_by", "ผลการให้บริการ": "result", "เอกสารที่ได้รับ": "result",
        "ออกเอกสารอิเล็กทรอนิกส์": "result_electronic",
    },
    "ManualStep": {
        "ประเภท": "type", "ประเภทขั้นตอน": "type", "ขั้นตอน": "description",
        "รายละเอียด": "description", "รายละเอียดของขั้นตอนการบริการ": "description",
        "รายละเอียดของขั้นตอน": "description", "name": "description",
        "ระยะเวลา": "duration", "ส่วนงาน": "unit", "ส่วนงานที่รับผิดชอบ": "unit",
        "ส่วนงาน/หน่วยงานที่รับผิดชอบ": "unit", "หน่วยงานที่รับผิดชอบ": "unit",
        "หมายเหตุ": "remark",
    },
    "ManualDocument": {
        "ชื่อเอกสาร": "name", "รายการเอกสาร": "name", "รายการเอกสารยื่นเพิ่มเติม": "name",
        "เอกสาร": "name", "หน่วยงานผู้ออกเอกสาร": "issuer",
        "หน่วยงานภาครัฐผู้ออกเอกสาร": "issuer", "ฉบับจริง": "originals",
        "จำนวนเอกสารฉบับจริง": "originals", "สำเนา": "copies", "จำนวนเอกสารสำเนา": "copies",
        "หน่วยนับ": "count_unit", "หน่วยนับเอกสาร": "count_unit", "unit": "count_unit",
        "รับรองสำเนา": "certified", "เงื่อนไข": "condition", "หมายเหตุ": "remark",
        "ประเภทเอกสาร": "kind", "ออกโดยรัฐ": "state_issued",
    },
    "ManualFee": {
        "รายละเอียด": "description", "รายละเอียดค่าธรรมเนียม": "description",
        "name": "description", "ค่าธรรมเนียม": "amount", "ค่าธรรมเนียม (บาท)": "amount",
        "จำนวนเงิน": "amount", "หมายเหตุ": "remark", "ชำระเมื่อ": "stage",
        "ช่องทางชำระ": "channel", "ช่องทางการชำระเงิน": "channel",
    },
    "ManualChannel": {
        "สถานที่ให้บริการ": "place", "สถานที่": "place", "ช่องทาง": "place",
        "name": "place", "ระยะเวลาเปิดให้บริการ": "hours", "เวลาเปิดให้บริการ": "hours",
        "ประเภทช่องทาง": "kind", "ประเภท": "kind", "type": "kind", "เว็บไซต์": "url",
        "หมายเหตุ": "remark",
    },
}


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedManual:
    """A manual read from a file, its as-is model and the service metadata it carries."""

    manual: CitizenManual
    definitions: Definitions
    meta: ServiceMeta | None
    """The metadata, when the manual carries an ``id`` and what a ServiceMeta needs."""


def load_manual(path: str | Path) -> CitizenManual:
    """Read a citizen's manual from YAML, JSON, CSV or XLSX.

    Raises:
        ConfigError: unreadable file or bad content; names the file and the row (CSV,
            XLSX) or the field (YAML, JSON).
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in MANUAL_SUFFIXES:
        raise ConfigError(f"{p}: unsupported manual file type {suffix!r} "
                          f"(use {', '.join(MANUAL_SUFFIXES)})")
    if suffix in (".yaml", ".yml", ".json"):
        from reprocess.settings import load_data_file

        raw = load_data_file(p)
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{p}: expected a mapping of manual fields")
        data = dict(raw)
        data.pop("id", None)
        for key in _SERVICE_ONLY:
            data.pop(key, None)
        return _validate(p, data)
    rows = _read_csv(p) if suffix == ".csv" else _read_xlsx(p)
    return _from_rows(p, rows)


_SERVICE_ONLY = ("target_level", "target_date", "kpi_ref", "status", "last_clinic",
                 "cases_per_year", "budget_baht", "fees_total")


def _validate(p: Path, data: dict[str, Any]) -> CitizenManual:
    try:
        return CitizenManual.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_errors(str(p), exc)) from None


def read_manual(path: str | Path, *, layout: bool = True) -> Definitions:
    """Read a citizen's manual file and return its as-is model (with DI when possible).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.yaml"
        >>> _ = p.write_text("name: การแจ้งเกิด\\nagency: อำเภอเมือง\\nsteps:\\n"
        ...     "  - {type: การพิจารณา, description: นายทะเบียนพิจารณา, duration: ๑ วันทำการ,"
        ...     " unit: นายทะเบียน}\\n", encoding="utf-8")
        >>> d = read_manual(p, layout=False)
        >>> d.node("Step_1").facts.duration
        Duration(iso='P1D', working_days=True)
    """
    return import_manual(path, layout=layout).definitions


def import_manual(path: str | Path, *, layout: bool = True) -> ImportedManual:
    """Read a manual: the manual, its as-is model, and its metadata when it carries one."""
    p = Path(path)
    manual = load_manual(p)
    meta: ServiceMeta | None = None
    raw_id: Any = None
    if p.suffix.lower() in (".yaml", ".yml", ".json"):
        from reprocess.settings import load_data_file

        raw = load_data_file(p)
        raw_id = raw.get("id") if isinstance(raw, Mapping) else None
        extra = {k: raw[k] for k in _SERVICE_ONLY if isinstance(raw, Mapping) and k in raw
                 and k not in ("fees_total",)}
    else:
        extra = {}
    if raw_id is not None:
        fields = {**manual.meta_fields(), **extra, "id": str(raw_id), "manual": p.name}
        if "customer_group" in fields:
            try:
                meta = ServiceMeta.model_validate(fields)
            except ValidationError as exc:
                raise ConfigError(format_errors(str(p), exc)) from None
    return ImportedManual(manual=manual, definitions=to_definitions(manual, layout=layout),
                          meta=meta)


# -- tables (CSV, XLSX) ------------------------------------------------------------------------

_SECTIONS = {
    "header": "header", "ข้อมูลทั่วไป": "header", "ทั่วไป": "header", "general": "header",
    "step": "steps", "steps": "steps", "ขั้นตอน": "steps",
    "document": "documents", "documents": "documents", "เอกสาร": "documents",
    "เอกสารหลักฐาน": "documents",
    "fee": "fees", "fees": "fees", "ค่าธรรมเนียม": "fees",
    "channel": "channels", "channels": "channels", "ช่องทาง": "channels",
    "ช่องทางการให้บริการ": "channels",
    "legal": "legal_basis", "law": "legal_basis", "กฎหมาย": "legal_basis",
    "complaint": "complaints", "ช่องทางการร้องเรียน": "complaints",
    "form": "forms", "แบบฟอร์ม": "forms",
}
_SECTION_MODEL: dict[str, type[_Part]] = {
    "steps": ManualStep, "documents": ManualDocument, "fees": ManualFee,
    "channels": ManualChannel,
}
_COMMON_COLUMNS = {"ส่วน": "section", "หมวด": "section", "section": "section",
                   "หัวข้อ": "field", "field": "field", "key": "field",
                   "ข้อมูล": "value", "ค่า": "value", "value": "value",
                   "ลำดับ": "no", "no": "no", "#": "no", "ที่": "no"}


@dataclass
class _Row:
    where: str
    """``row 5`` or ``sheet ขั้นตอน, row 5`` (1-based, the header is row 1)."""
    section: str
    cells: dict[str, Any]


def _read_csv(p: Path) -> list[_Row]:
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    table = list(csv.reader(io.StringIO(text)))
    return _table_rows(p, table, sheet=None, section=None)


def _read_xlsx(p: Path) -> list[_Row]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the install
        raise ConfigError(f"{p}: reading XLSX needs openpyxl: pip install "
                          "'reprocess[xlsx]'") from None
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise ConfigError(f"{p}: not a readable XLSX workbook ({exc})") from None
    rows: list[_Row] = []
    try:
        named = {ws.title: _SECTIONS.get(thai.normalize(ws.title).strip().lower())
                 for ws in wb.worksheets}
        use_names = any(v is not None for v in named.values())
        for ws in wb.worksheets:
            section = named[ws.title]
            if use_names and section is None:
                continue
            table = [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)]
            rows.extend(_table_rows(p, table, sheet=ws.title if use_names else None,
                                    section=section))
            if not use_names:
                break
    finally:
        wb.close()
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return text
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _table_rows(p: Path, table: list[list[Any]], *, sheet: str | None,
                section: str | None) -> list[_Row]:
    table = list(table)
    while table and all(_cell(c) in ("", None) for c in table[-1]):
        table.pop()
    if not table:
        return []
    header = [thai.normalize(str(_cell(c) or "")).strip() for c in table[0]]
    prefix = f"sheet {sheet}, " if sheet else ""
    if section is None and "section" not in [_COMMON_COLUMNS.get(h.lower(), h.lower())
                                             for h in header]:
        raise ConfigError(f"{p}: {prefix}row 1: no 'section' (ส่วน) column: each row must say "
                          "whether it is header, step, document, fee or channel")
    out: list[_Row] = []
    for i, raw in enumerate(table[1:], start=2):
        cells: dict[str, Any] = {}
        for col, value in zip(header, raw, strict=False):
            v = _cell(value)
            if not col or v in ("", None):
                continue
            cells[col] = v
        if not cells:
            continue
        where = f"{prefix}row {i}"
        sec = section
        for col in list(cells):
            if _COMMON_COLUMNS.get(col.lower()) == "section":
                name = thai.normalize(str(cells.pop(col))).strip().lower()
                sec = _SECTIONS.get(name)
                if sec is None:
                    raise ConfigError(f"{p}: {where}: section: unknown section {name!r} "
                                      "(use header, step, document, fee, channel, legal)")
        if sec is None:
            raise ConfigError(f"{p}: {where}: section: missing")
        for col in list(cells):
            if _COMMON_COLUMNS.get(col.lower()) == "no":
                cells.pop(col)
        out.append(_Row(where, sec, cells))
    return out


def _from_rows(p: Path, rows: Sequence[_Row]) -> CitizenManual:
    header: dict[str, Any] = {}
    where_of: dict[str, str] = {}
    tables: dict[str, list[Any]] = {"steps": [], "documents": [], "fees": [], "channels": [],
                                    "legal_basis": [], "complaints": [], "forms": []}
    table = _ALIASES["CitizenManual"]
    for row in rows:
        if row.section == "header":
            key_col = next((c for c in row.cells if _COMMON_COLUMNS.get(c.lower()) == "field"),
                           None)
            val_col = next((c for c in row.cells if _COMMON_COLUMNS.get(c.lower()) == "value"),
                           None)
            if key_col is None:
                raise ConfigError(f"{p}: {row.where}: field: a header row needs a field "
                                  "(หัวข้อ) and a value (ข้อมูล)")
            key = thai.normalize(str(row.cells[key_col])).strip()
            name = table.get(key, table.get(key.lower(), key))
            header[name] = row.cells[val_col] if val_col else None
            where_of[name] = row.where
        elif row.section in ("legal_basis", "complaints", "forms"):
            text = next((str(v) for c, v in row.cells.items()
                         if _COMMON_COLUMNS.get(c.lower()) in ("value", "field")
                         or c.lower() in ("name", "ชื่อ", "รายการ")), None)
            if text is None:
                text = " ".join(str(v) for v in row.cells.values())
            tables[row.section].append(text)
        else:
            model = _SECTION_MODEL[row.section]
            cells = {("name" if c.lower() in ("ชื่อ", "รายการ") else c): v
                     for c, v in row.cells.items()
                     if _COMMON_COLUMNS.get(c.lower()) not in ("field", "value")}
            try:
                tables[row.section].append(model.model_validate(cells))
            except ValidationError as exc:
                raise ConfigError(format_errors(f"{p}: {row.where}", exc)) from None
    data: dict[str, Any] = dict(header)
    for key, items in tables.items():
        if items:
            data[key] = tuple(items)
    try:
        return CitizenManual.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        where = f"{where_of[field]}: " if field in where_of else ""
        if err["type"] == "missing":
            hint = (" (add rows with section 'step')" if field == "steps" else
                    f" (add a header row with field '{field}')")
            raise ConfigError(f"{p}: {where}{field}: missing{hint}") from None
        raise ConfigError(format_errors(f"{p}: {where}".rstrip(": "), exc)) from None


# -- the model ---------------------------------------------------------------------------------


def _placeholder(task_id: str) -> Opaque:
    pid = f"Property_{task_id}"
    return Opaque(tag=f"{{{BPMN_NS}}}property", id=pid,
                  xml=f'<bpmn:property xmlns:bpmn="{BPMN_NS}" id="{pid}" '
                      f'name="__targetRef_placeholder"></bpmn:property>')


def _result_name(manual: CitizenManual) -> str:
    if manual.result:
        return manual.result
    name = thai.normalize(manual.name)
    if "อนุญาต" in name:
        return "ใบอนุญาต"
    if "ทะเบียน" in name:
        return "หลักฐานการจดทะเบียน"
    if "รับรอง" in name:
        return "หนังสือรับรอง"
    return "ผลการพิจารณา"


def to_definitions(manual: CitizenManual, *, layout: bool = True,
                   process_id: str = "Process_Manual") -> Definitions:
    """Build the as-is model of a manual (see the module docstring for its shape).

    Args:
        manual: the manual.
        layout: add BPMN DI with :func:`reprocess.render.layout.layout` when a Graphviz
            engine is available (the model is returned without DI otherwise).
        process_id: the id of the process.

    Returns:
        The as-is :class:`~reprocess.model.Definitions`.
    """
    online = any(c.is_online for c in manual.channels)
    counter = next((c for c in manual.channels if not c.is_online), None)
    web = next((c for c in manual.channels if c.is_online), None)
    place = counter.place if counter is not None else manual.agency
    units = list(dict.fromkeys(thai.normalize(s.unit) for s in manual.steps))
    lane_of_unit = {u: f"Lane_{i}" for i, u in enumerate(units, start=1)}
    applicant: list[str] = []
    in_lane: dict[str, list[str]] = {lane: [] for lane in lane_of_unit.values()}
    elements: list[Any] = []
    artifacts: list[Any] = []
    order: list[str] = []

    def note(owner: str, text: str) -> None:
        aid = f"Annotation_{owner}"
        artifacts.append(TextAnnotation(id=aid, text=text))
        artifacts.append(Association(id=f"Association_{owner}", source=owner, target=aid))

    start = StartEvent(id="Start_1", name="ผู้ขอประสงค์ยื่นคำขอ")
    elements.append(start)
    applicant.append(start.id)
    order.append(start.id)

    # documents: data objects read by the submission step
    inputs: list[DataAssociation] = []
    for i, doc in enumerate(manual.documents, start=1):
        rid, oid = f"Doc_{i}", f"DataObject_Doc_{i}"
        facts = DocumentFacts(
            originals=doc.originals, copies=doc.copies,
            certified=doc.is_certified if doc.copies else None,
            issuer=doc.issuer or None, state_issued=doc.is_state_issued,
            condition=doc.condition_text, medium=Medium.PAPER)
        elements.append(DataObject(id=oid, name=doc.name))
        elements.append(DataObjectReference(id=rid, name=doc.name, data_object=oid,
                                            document=facts))
        inputs.append(DataAssociation(id=f"DataInputAssociation_{i}", sources=(rid,),
                                      target="Property_Task_Submit"))
        text = "; ".join(x for x in (
            f"ฉบับจริง {doc.originals} สำเนา {doc.copies} {doc.count_unit or 'ฉบับ'}",
            f"ออกโดย {doc.issuer}" if doc.issuer else "",
            doc.remark or "", doc.condition or "") if x)
        note(rid, text)

    if online and web is not None:
        submit_name = f"ยื่นคำขอทางออนไลน์ ({web.url or web.place})"
        submit: Any = UserTask(
            id="Task_Submit", name=submit_name,
            facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.ONLINE,
                            medium=Medium.ELECTRONIC, kind=StepKind.SUBMIT),
            data_inputs=tuple(inputs), children=(_placeholder("Task_Submit"),) if inputs else ())
    else:
        submit = ManualTask(
            id="Task_Submit", name=f"ยื่นคำขอพร้อมเอกสารหลักฐาน ณ {place}",
            facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.COUNTER, medium=Medium.PAPER,
                            kind=StepKind.SUBMIT, copresence=True),
            data_inputs=tuple(inputs), children=(_placeholder("Task_Submit"),) if inputs else ())
    elements.append(submit)
    applicant.append(submit.id)
    order.append(submit.id)

    fees = [f for f in manual.fees if f.amount]
    pay_now = [f for f in fees if not f.after_approval]
    pay_later = [f for f in fees if f.after_approval]

    def pay(step_id: str, items: list[ManualFee]) -> None:
        total = sum((f.amount or Decimal(0) for f in items), Decimal(0))
        desc = " และ".join(f.description for f in items)
        amount = format(total.normalize(), "f") if total == total.to_integral_value() \
            else format(total, "f")
        if all(f.online for f in items):
            node: Any = UserTask(id=step_id, name=f"ชำระค่าธรรมเนียม{desc} {amount} บาท ผ่าน QR "
                                                  "พร้อมเพย์/ออนไลน์",
                                 facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.ONLINE,
                                                 medium=Medium.ELECTRONIC, kind=StepKind.PAY,
                                                 fee=total))
        else:
            node = ManualTask(id=step_id, name=f"ชำระค่าธรรมเนียม{desc} {amount} บาท เป็นเงินสด "
                                               f"ณ {place} และรับใบเสร็จรับเงิน",
                              facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.COUNTER,
                                              medium=Medium.PAPER, kind=StepKind.PAY, fee=total,
                                              copresence=True))
        elements.append(node)
        applicant.append(node.id)
        order.append(node.id)
        remarks = "; ".join(f.remark for f in items if f.remark)
        if remarks:
            note(node.id, remarks)

    if pay_now:
        pay("Task_Pay", pay_now)

    result_name = _result_name(manual)
    last_decision: str | None = None
    for i, step in enumerate(manual.steps, start=1):
        sid = f"Step_{i}"
        duration = step.parsed_duration
        node = UserTask(id=sid, name=step.description,
                        facts=StepFacts(actor=Actor.AGENCY, kind=step.type.kind,
                                        duration=duration),
                        documentation=_docs(f"ประเภทขั้นตอน: {_TYPE_TH[step.type]}"))
        elements.append(node)
        in_lane[lane_of_unit[thai.normalize(step.unit)]].append(sid)
        order.append(sid)
        if step.remark:
            note(sid, step.remark)
        if step.type in (StepType.SIGNING, StepType.CONSIDERATION, StepType.COMMITTEE):
            last_decision = sid
    issuer_step = last_decision or f"Step_{len(manual.steps)}"

    if pay_later:
        pay("Task_PayAfter", pay_later)

    result_facts = DocumentFacts(originals=1, issuer=manual.agency, state_issued=True,
                                 medium=Medium.ELECTRONIC if manual.result_electronic
                                 else Medium.PAPER)
    elements.append(DataObject(id="DataObject_Result", name=result_name))
    elements.append(DataObjectReference(
        id="Doc_Result", data_object="DataObject_Result",
        name=f"{result_name} ({'เอกสารอิเล็กทรอนิกส์' if manual.result_electronic else 'กระดาษ'})",
        document=result_facts))
    elements = [e.model_copy(update={"data_outputs": (DataAssociation(
        id="DataOutputAssociation_Result", target="Doc_Result"),)})
        if getattr(e, "id", None) == issuer_step else e for e in elements]

    if manual.result_electronic:
        receive: Any = UserTask(
            id="Task_Receive", name=f"รับ{result_name}เป็นเอกสารอิเล็กทรอนิกส์ทางอีเมล/ระบบออนไลน์",
            facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.ONLINE,
                            medium=Medium.ELECTRONIC, kind=StepKind.ISSUE))
    else:
        receive = ManualTask(
            id="Task_Receive", name=f"มารับ{result_name}ฉบับจริง ณ {place}",
            facts=StepFacts(actor=Actor.APPLICANT, channel=Channel.COUNTER, medium=Medium.PAPER,
                            kind=StepKind.ISSUE, copresence=True))
    elements.append(receive)
    applicant.append(receive.id)
    order.append(receive.id)
    end = EndEvent(id="End_1", name=f"ได้รับ{result_name}")
    elements.append(end)
    applicant.append(end.id)
    order.append(end.id)

    for n, (a, b) in enumerate(itertools.pairwise(order), start=1):
        elements.append(SequenceFlow(id=f"Flow_{n}", source=a, target=b))

    lanes = [Lane(id="Lane_Applicant", name="ผู้ยื่นคำขอ (ผู้รับบริการ)", role=Actor.APPLICANT,
                  flow_node_refs=tuple(applicant))]
    lanes += [Lane(id=lane_of_unit[u], name=u, flow_node_refs=tuple(in_lane[lane_of_unit[u]]))
              for u in units]
    header = ServiceInfo(
        name=manual.name, agency=manual.agency, ministry=manual.ministry,
        customer_group=_group(manual.customer_group), cases_per_year=manual.cases_per_year,
        manual_ref=manual.manual_ref)
    law = "\n".join(manual.legal_basis)
    if manual.legal_basis:
        note(process_id, "กฎหมายที่ให้อำนาจ: " + "; ".join(manual.legal_basis))
    process = Process(
        id=process_id, name=manual.name, is_executable=False, flow_elements=tuple(elements),
        artifacts=tuple(artifacts), lane_sets=(LaneSet(id=f"LaneSet_{process_id}",
                                                       lanes=tuple(lanes)),),
        service=header, documentation=_docs(_process_text(manual, law)))
    collab = Collaboration(id="Collaboration_1", participants=(Participant(
        id="Participant_Agency", name=manual.agency, process_ref=process_id,
        role=Actor.AGENCY),))
    defs = Definitions(id="Definitions_Manual", name=manual.name,
                       exporter="reprocess (citizen's manual import)",
                       root_elements=(collab, process))
    if layout:
        defs = _with_layout(defs)
    return defs


_TYPE_TH = {
    StepType.DOCUMENT_CHECK: "การตรวจสอบเอกสาร", StepType.CONSIDERATION: "การพิจารณา",
    StepType.SIGNING: "การลงนาม", StepType.COMMITTEE: "คณะกรรมการมีมติ",
    StepType.OTHER: "อื่น ๆ",
}


def _docs(text: str | None) -> tuple[Documentation, ...]:
    return (Documentation(text=text),) if text else ()


def _group(value: str | None) -> CustomerGroup | None:
    if not value:
        return None
    from reprocess.portfolio.catalogue import _ALIASES as aliases

    text = thai.normalize(value).strip()
    name = aliases[CustomerGroup].get(text, text.lower())
    try:
        return CustomerGroup(name)
    except ValueError:
        return None


def _process_text(manual: CitizenManual, law: str) -> str:
    parts = [f"คู่มือสำหรับประชาชน: {manual.name}"]
    if manual.manual_ref:
        parts.append(f"ชื่ออ้างอิง: {manual.manual_ref}")
    if law:
        parts.append(f"กฎหมายที่ให้อำนาจ: {law}")
    if manual.statutory_time:
        parts.append(f"ระยะเวลาตามกฎหมาย: {manual.statutory_time}")
    if manual.total_time:
        parts.append(f"ระยะเวลาดำเนินการรวม: {manual.total_time}")
    if manual.criteria:
        parts.append(f"หลักเกณฑ์ วิธีการ เงื่อนไข: {manual.criteria}")
    for c in manual.channels:
        parts.append("ช่องทาง: " + ", ".join(x for x in (c.place, c.hours, c.url) if x))
    if manual.published:
        parts.append(f"วันที่เผยแพร่: {thai.format_be_date(manual.published)}")
    return "\n".join(parts)


def _with_layout(defs: Definitions) -> Definitions:
    try:
        from reprocess.render.layout import layout
    except ImportError:  # pragma: no cover - render layer not installed
        return defs
    from reprocess.errors import RenderError

    try:
        return layout(defs)
    except RenderError:
        return defs
