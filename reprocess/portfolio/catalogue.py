"""The service catalogue: a folder of services, their metadata and their agencies.

A catalogue is a folder::

    catalogue.yaml        optional: report title, office, grouping rules and thresholds
    agencies.yaml         optional: readiness inputs of each agency (AgencyMeta)
    services/*.yaml       one service each (ServiceMeta), or ``services: [...]`` lists
    services/*.json       the same in JSON

Each service names its as-is process: ``model`` (a BPMN file) or ``manual`` (a citizen's
manual as YAML, JSON, CSV or XLSX, see :mod:`reprocess.portfolio.manual`), as a path
relative to its metadata file. Fields a manual carries (name, agency, ministry, request
statistics, fees, impact, manual reference) fill the fields the metadata file leaves out.

Dates may be ISO (``2027-09-30``) or Buddhist Era (``30 ก.ย. 2570``); counts and amounts
may use Thai digits. Bad metadata raises :class:`~reprocess.errors.ConfigError` naming the
file and the field::

    >>> ServiceMeta.model_validate({"id": "e1", "name": "การแจ้งเกิด", "agency": "อำเภอ",
    ...     "customer_group": "ประชาชน", "target_date": "30 ก.ย. 2570", "model": "e1.bpmn"}
    ...     ).target_date
    datetime.date(2027, 9, 30)
    >>> validate_service({"id": "e1", "name": "x", "agency": "y", "customer_group": "all",
    ...                   "model": "a.bpmn"}, source="services/e1.yaml")
    Traceback (most recent call last):
    ...
    reprocess.errors.ConfigError: services/e1.yaml: customer_group: ...
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from reprocess import thai
from reprocess.analysis.metrics import BurdenParams
from reprocess.errors import ConfigError
from reprocess.model.enums import CustomerGroup, EServiceLevel

__all__ = [
    "AGENCY_FILES",
    "SETTINGS_FILES",
    "AgencyMeta",
    "Catalogue",
    "CatalogueSettings",
    "FollowUpSettings",
    "Impact",
    "ReadinessSettings",
    "ServiceEntry",
    "ServiceMeta",
    "ServiceStatus",
    "format_errors",
    "load_catalogue",
    "natural_key",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "validate_service",
]

SETTINGS_FILES = ("catalogue.yaml", "catalogue.yml", "catalogue.json")
"""Names of the optional catalogue settings file, in the order they are looked for."""
AGENCY_FILES = ("agencies.yaml", "agencies.yml", "agencies.json")
"""Names of the optional agencies file, in the order they are looked for."""
_META_SUFFIXES = (".yaml", ".yml", ".json")


class ServiceStatus(StrEnum):
    """Where a service is on its way to the target level (6.5 column 13)."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    @property
    def label_th(self) -> str:
        """The Thai label (``ยังไม่เริ่ม`` ...)."""
        return _STATUS_TH[self]


_STATUS_TH = {
    ServiceStatus.NOT_STARTED: "ยังไม่เริ่มดำเนินการ",
    ServiceStatus.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    ServiceStatus.DONE: "ดำเนินการแล้วเสร็จ",
}


class Impact(StrEnum):
    """The manual's impact level (ระดับผลกระทบ)."""

    GENERAL = "general"
    ECONOMIC_SOCIAL = "economic-social"

    @property
    def label_th(self) -> str:
        """The Thai label."""
        return "ทั่วไป" if self is Impact.GENERAL else "สำคัญต่อเศรษฐกิจ/สังคม"


_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    CustomerGroup: {"ประชาชน": "citizens", "citizen": "citizens", "ผู้ใช้แรงงาน": "labour",
                    "แรงงาน": "labour", "labor": "labour", "ผู้ประกอบการ": "business",
                    "ภาคธุรกิจ": "business", "นักธุรกิจ": "business"},
    ServiceStatus: {"ยังไม่เริ่ม": "not-started", "ยังไม่เริ่มดำเนินการ": "not-started",
                    "อยู่ระหว่างดำเนินการ": "in-progress", "กำลังดำเนินการ": "in-progress",
                    "ดำเนินการแล้วเสร็จ": "done", "แล้วเสร็จ": "done", "เสร็จสิ้น": "done",
                    "not started": "not-started", "in progress": "in-progress"},
    Impact: {"ทั่วไป": "general", "สำคัญ": "economic-social",
             "สำคัญต่อเศรษฐกิจ/สังคม": "economic-social", "เศรษฐกิจ/สังคม": "economic-social",
             "ด้านเศรษฐกิจ/สังคม": "economic-social", "economic": "economic-social",
             "social": "economic-social", "economic/social": "economic-social"},
}


def _enum_alias(kind: type[StrEnum]) -> BeforeValidator:
    table = _ALIASES.get(kind, {})

    def conv(value: Any) -> Any:
        if isinstance(value, str):
            text = thai.normalize(value)
            return table.get(text, table.get(text.lower(), text.lower()))
        return value

    return BeforeValidator(conv)


def parse_date(value: Any) -> _dt.date | None:
    """Read a date: a ``date``, ISO text or a Buddhist-Era date (Thai digits allowed).

    Raises:
        ValueError: the text holds no valid date.

    Examples:
        >>> parse_date("30 ก.ย. 2570"), parse_date("2027-09-30"), parse_date("๓๐/๐๙/๒๕๗๐")
        (datetime.date(2027, 9, 30), datetime.date(2027, 9, 30), datetime.date(2027, 9, 30))
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        found = thai.parse_be_date(value)
        if found is None:
            raise ValueError(f"not a date: {value!r} (write 2027-09-30 or 30 ก.ย. 2570)")
        return found
    raise ValueError(f"not a date: {value!r}")


def parse_count(value: Any) -> int | None:
    """Read a whole number >= 0 (``1,200``, ``๒๔๐``, ``240 ราย``); ``None`` for empty or ``-``.

    Raises:
        ValueError: not a whole number.

    Examples:
        >>> parse_count("๒๔๐ ราย"), parse_count("1,200"), parse_count("-"), parse_count(3)
        (240, 1200, None, 3)
    """
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(f"not a number: {value!r}")
        return None
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"must be 0 or more, got {value}")
        return value
    if isinstance(value, float) and value.is_integer():
        return parse_count(int(value))
    if isinstance(value, str):
        text = thai.normalize(value).strip()
        if text in ("", "-", "–", "ไม่มี"):
            return None
        number = thai.parse_thai_number(text)
        if number is None or number != number.to_integral_value() or number < 0:
            raise ValueError(f"not a whole number >= 0: {value!r}")
        return int(number)
    raise ValueError(f"not a whole number: {value!r}")


def parse_decimal(value: Any) -> Decimal | None:
    """Read an amount in baht (``5,500``, ``๕๐ บาท``, ``12.50``); ``None`` for empty or ``-``.

    ``ไม่มีค่าธรรมเนียม`` / ``ฟรี`` / ``free`` read as 0.

    Raises:
        ValueError: no number in the text.

    Examples:
        >>> parse_decimal("๕๐ บาท"), parse_decimal("ไม่มีค่าธรรมเนียม"), parse_decimal(5500)
        (Decimal('50'), Decimal('0'), Decimal('5500'))
    """
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(f"not an amount: {value!r}")
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = thai.normalize(value).strip()
        if text in ("", "-", "–"):
            return None
        if any(w in text.lower() for w in ("ไม่มีค่าธรรมเนียม", "ไม่เสียค่า", "ฟรี", "free",
                                            "ไม่มี")):
            return Decimal("0")
        number = thai.parse_thai_number(text)
        if number is None:
            raise ValueError(f"not an amount: {value!r}")
        return number
    raise ValueError(f"not an amount: {value!r}")


def _level(value: Any) -> Any:
    if isinstance(value, int) and 0 <= value <= 3:
        return f"L{value}"
    if isinstance(value, str):
        text = thai.normalize(value).strip().upper()
        return f"L{text}" if text in ("0", "1", "2", "3") else text
    return value


DateField = Annotated[_dt.date | None, BeforeValidator(parse_date)]
CountField = Annotated[int | None, BeforeValidator(parse_count)]
MoneyField = Annotated[Decimal | None, BeforeValidator(parse_decimal)]
Level = Annotated[EServiceLevel, BeforeValidator(_level)]
ServiceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                                             max_length=80)]


class _Meta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class ServiceMeta(_Meta):
    """Metadata of one service in the catalogue (a YAML or JSON file, snake_case keys).

    Exactly one of ``model`` (an as-is BPMN file) and ``manual`` (a citizen's manual
    file) is given, as a path relative to the metadata file.

    Examples:
        >>> m = ServiceMeta(id="e6", name="การแจ้งเกิด", agency="อำเภอเมือง",
        ...                 customer_group="citizens", monthly_avg=150, model="e6.bpmn")
        >>> m.annual_cases, m.target_level.value, m.status.value
        (1800, 'L3', 'not-started')
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, title="reprocess service metadata",
        json_schema_extra={"description": "ข้อมูลงานบริการในบัญชีงานบริการ (service metadata "
                                          "of one service in a reprocess catalogue)"})

    id: ServiceId = Field(description="รหัสงานบริการ (service id; letters, digits, . _ -)")
    name: str = Field(min_length=1, description="ชื่องานบริการ (service name, Thai)")
    name_en: str | None = Field(None, description="ชื่องานบริการภาษาอังกฤษ (English name)")
    agency: str = Field(min_length=1, description="หน่วยงานเจ้าของกระบวนงาน (owner agency)")
    ministry: str | None = Field(None, description="กระทรวง (ministry)")
    customer_group: Annotated[CustomerGroup, _enum_alias(CustomerGroup)] = Field(
        description="กลุ่มผู้รับบริการ: citizens ประชาชน / labour ผู้ใช้แรงงาน / "
                    "business ผู้ประกอบการ (customer group)")
    cases_per_year: CountField = Field(
        None, description="ปริมาณคำขอต่อปี (requests per year; SCM quantity Q)")
    monthly_avg: CountField = Field(
        None, description="สถิติคำขอเฉลี่ยต่อเดือนตามคู่มือ (manual statistics: monthly "
                          "average; cases per year = 12 x this when cases_per_year is absent)")
    fees: MoneyField = Field(None, description="ค่าธรรมเนียมต่อคำขอ (fees per case, baht)")
    target_level: Level = Field(
        EServiceLevel.L3, description="ระดับ e-Service เป้าหมาย (target level: L1, L2, L3)")
    target_date: DateField = Field(
        None, description="กำหนดเวลาบรรลุเป้าหมาย (target date, ISO or B.E. e.g. "
                          "'30 ก.ย. 2570')")
    kpi_ref: str | None = Field(None, description="ตัวชี้วัด/ลำดับ KPI (KPI reference)")
    status: Annotated[ServiceStatus, _enum_alias(ServiceStatus)] = Field(
        ServiceStatus.NOT_STARTED,
        description="สถานะ: not-started ยังไม่เริ่ม / in-progress อยู่ระหว่างดำเนินการ / "
                    "done แล้วเสร็จ (status)")
    model: str | None = Field(
        None, description="ไฟล์ BPMN ของกระบวนงานปัจจุบัน (as-is BPMN file, relative path)")
    manual: str | None = Field(
        None, description="ไฟล์คู่มือสำหรับประชาชน YAML/JSON/CSV/XLSX (citizen's manual file, "
                          "relative path)")
    manual_ref: str | None = Field(
        None, description="ชื่ออ้างอิงของคู่มือประชาชน (citizen's manual reference)")
    last_clinic: DateField = Field(
        None, description="วันที่เข้าคลินิกครั้งล่าสุด (last clinic visit, ISO or B.E.)")
    impact: Annotated[Impact, _enum_alias(Impact)] = Field(
        Impact.GENERAL, description="ระดับผลกระทบ: general ทั่วไป / economic-social "
                                    "สำคัญต่อเศรษฐกิจ/สังคม (impact)")
    budget_baht: MoneyField = Field(
        None, description="งบประมาณที่ต้องการ (budget needed for the to-be, baht)")
    notes: str | None = Field(None, description="หมายเหตุ (notes)")

    @model_validator(mode="after")
    def _one_source(self) -> ServiceMeta:
        if (self.model is None) == (self.manual is None):
            raise ValueError("give exactly one of 'model' (a BPMN file) and 'manual' "
                             "(a citizen's manual file)")
        return self

    @property
    def annual_cases(self) -> int | None:
        """Cases per year: ``cases_per_year``, else 12 x ``monthly_avg``, else ``None``."""
        if self.cases_per_year is not None:
            return self.cases_per_year
        return self.monthly_avg * 12 if self.monthly_avg is not None else None


class AgencyMeta(_Meta):
    """Readiness inputs of one agency (``domain.md`` 6.4), from ``agencies.yaml``.

    Examples:
        >>> a = AgencyMeta(name="กรมพัฒนาธุรกิจการค้า", has_transaction_system=True,
        ...                budget_allocated=True, it_staff_count="๑๒")
        >>> a.it_staff_count
        12
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True,
                              title="reprocess agency readiness")

    name: str = Field(min_length=1, description="ชื่อหน่วยงาน (agency name, as in services)")
    ministry: str | None = Field(None, description="กระทรวง (ministry)")
    has_transaction_system: bool = Field(
        False, description="มีระบบให้บริการธุรกรรมออนไลน์ (has a transactional system)")
    has_payment_gateway: bool = Field(
        False, description="มีระบบรับชำระเงินอิเล็กทรอนิกส์ (has an e-payment gateway)")
    has_pki_signing: bool = Field(
        False, description="มีใบรับรองอิเล็กทรอนิกส์สำหรับลงนาม (has PKI signing)")
    budget_allocated: bool = Field(
        False, description="ได้รับจัดสรรงบประมาณแล้ว (budget allocated)")
    it_staff_count: Annotated[int, BeforeValidator(lambda v: parse_count(v) or 0)] = Field(
        0, description="จำนวนบุคลากรด้าน IT (IT staff)")
    linkage_connected: bool = Field(
        False, description="เชื่อมต่อ Linkage Center / GDX แล้ว (data linkage connected)")
    open_legal_items: Annotated[int, BeforeValidator(lambda v: parse_count(v) or 0)] = Field(
        0, description="ประเด็นกฎหมายที่ยังค้าง (open legal items)")
    last_clinic: DateField = Field(
        None, description="วันที่เข้าคลินิกครั้งล่าสุด (last clinic visit, ISO or B.E.)")


class FollowUpSettings(_Meta):
    """Settings of the follow-up rules (6.3): which rules, in which order, thresholds."""

    rules: tuple[str, ...] | None = Field(
        None, description="ลำดับกฎที่ใช้ (rule ids in order; default: all, default order)")
    high_volume_cases: int = Field(
        10000, ge=0, description="ปริมาณคำขอต่อปีที่ถือว่าสูง (cases per year counted as "
                                 "high volume)")
    close_gap: int = Field(2, ge=1, le=3, description="ช่องว่างระดับที่ต้องติดตามใกล้ชิด "
                                                      "(level gap for close follow-up)")


class ReadinessSettings(_Meta):
    """Settings of the readiness rules (6.4): rules, thresholds and clinic cadence."""

    rules: tuple[str, ...] | None = Field(
        None, description="ลำดับกฎที่ใช้ (rule ids in order; default: all, default order)")
    min_it_staff: int = Field(1, ge=0, description="บุคลากร IT ขั้นต่ำของหน่วยงานที่พร้อม "
                                                   "(IT staff needed to be self-sufficient)")
    cadence_days: dict[str, int] = Field(
        default_factory=lambda: {"lacking": 14, "it-ready": 30, "self-sufficient": 60},
        description="รอบการเข้าคลินิก (days between clinic visits per readiness group)")


class CatalogueSettings(_Meta):
    """``catalogue.yaml``: the report's title and office, the grouping rules, SCM tariffs."""

    title: str = Field("รายงานความก้าวหน้าการยกระดับงานบริการภาครัฐสู่ e-Service",
                       description="ชื่อรายงาน (report title, Thai)")
    title_en: str = Field("Progress report: raising government services to e-Service",
                          description="ชื่อรายงานภาษาอังกฤษ (report title, English)")
    office: str = Field("สำนักงาน ก.พ.ร.", description="หน่วยงานผู้จัดทำ (reporting office)")
    office_en: str = Field("OPDC", description="reporting office, English")
    surveyed: int | None = Field(None, ge=0, description="จำนวนงานบริการที่สำรวจทั้งหมด "
                                                         "(services surveyed, e.g. 280)")
    follow_up: FollowUpSettings = Field(default_factory=FollowUpSettings)
    readiness: ReadinessSettings = Field(default_factory=ReadinessSettings)
    burden: BurdenParams = Field(default_factory=BurdenParams,
                                 description="Standard Cost Model parameters")


class ServiceEntry(_Meta):
    """A service of a loaded catalogue: its metadata and where its files are."""

    meta: ServiceMeta
    source: str
    """The metadata file (for error messages)."""
    model_path: str | None = None
    """The BPMN file, resolved."""
    manual_path: str | None = None
    """The citizen's manual file, resolved."""

    @property
    def input_path(self) -> str:
        """The file the as-is comes from (BPMN or manual)."""
        return self.model_path or self.manual_path or ""


class Catalogue(_Meta):
    """A loaded catalogue: settings, agencies by name, services in id order."""

    folder: str
    settings: CatalogueSettings = Field(default_factory=CatalogueSettings)
    agencies: dict[str, AgencyMeta] = Field(default_factory=dict)
    services: tuple[ServiceEntry, ...] = ()

    def service(self, service_id: str) -> ServiceEntry:
        """Return the service with this id.

        Raises:
            KeyError: no such service.
        """
        for s in self.services:
            if s.meta.id == service_id:
                return s
        raise KeyError(service_id)

    def agency(self, name: str) -> AgencyMeta | None:
        """Return the readiness inputs of an agency, or ``None`` when not given."""
        return self.agencies.get(thai.normalize(name))


# -- loading ---------------------------------------------------------------------------------


def format_errors(source: str, exc: ValidationError, *, prefix: tuple[int | str, ...] = ()
                  ) -> str:
    """Return ``source: field: message`` lines for a pydantic error (first 5 problems).

    Examples:
        >>> try:
        ...     AgencyMeta.model_validate({"name": "x", "budget": 1})
        ... except ValidationError as exc:
        ...     print(format_errors("agencies.yaml", exc, prefix=("agencies", 0)))
        agencies.yaml: agencies[1].budget: unknown field
    """
    lines = []
    for err in exc.errors()[:5]:
        where = _where((*prefix, *err["loc"]))
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        else:
            msg = err["msg"].removeprefix("Value error, ")
            if "input" in err and not isinstance(err["input"], (dict, list)):
                msg += f" (got {err['input']!r})"
        lines.append(f"{source}: {where}: {msg}" if where else f"{source}: {msg}")
    return "\n".join(lines)


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def validate_service(data: Mapping[str, Any], *, source: str,
                     prefix: tuple[int | str, ...] = ()) -> ServiceMeta:
    """Validate one service's metadata; raise :class:`ConfigError` naming file and field."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source}: {_where(prefix) or 'service'}: expected a mapping of "
                          f"fields, got {type(data).__name__}")
    try:
        return ServiceMeta.model_validate(dict(data))
    except ValidationError as exc:
        raise ConfigError(format_errors(source, exc, prefix=prefix)) from None


def _read(path: Path) -> Any:
    from reprocess.settings import load_data_file

    return load_data_file(path)


def _first(folder: Path, names: tuple[str, ...]) -> Path | None:
    return next((folder / n for n in names if (folder / n).is_file()), None)


def load_catalogue(folder: str | Path) -> Catalogue:
    """Load a catalogue folder: settings, agencies and every service's metadata.

    Paths in the metadata are resolved relative to the metadata file and must exist;
    a service given by a manual gets the fields the manual carries where its metadata
    file is silent.

    Args:
        folder: the catalogue folder.

    Returns:
        The :class:`Catalogue`, services sorted by id (``e2`` before ``e10``).

    Raises:
        ConfigError: a missing folder or file, bad YAML/JSON, an unknown or bad field
            (the message names the file and the field), duplicate service ids.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "services").mkdir()
        >>> _ = (d / "a.bpmn").write_text("<x/>")
        >>> _ = (d / "services" / "a.yaml").write_text(
        ...     "id: a\\nname: การแจ้งเกิด\\nagency: อำเภอ\\ncustomer_group: citizens\\n"
        ...     "model: ../a.bpmn\\n", encoding="utf-8")
        >>> [s.meta.id for s in load_catalogue(d).services]
        ['a']
    """
    root = Path(folder)
    if not root.is_dir():
        raise ConfigError(f"{root}: no such catalogue folder")
    settings = CatalogueSettings()
    sfile = _first(root, SETTINGS_FILES)
    if sfile is not None:
        raw = _read(sfile) or {}
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{sfile}: expected a mapping of settings")
        try:
            settings = CatalogueSettings.model_validate(dict(raw))
        except ValidationError as exc:
            raise ConfigError(format_errors(str(sfile), exc)) from None
    agencies = _load_agencies(root)
    services: dict[str, ServiceEntry] = {}
    folder_services = root / "services"
    files = sorted(p for p in (folder_services.rglob("*") if folder_services.is_dir() else ())
                   if p.is_file() and p.suffix.lower() in _META_SUFFIXES)
    for path in files:
        raw = _read(path)
        found: list[tuple[tuple[int | str, ...], Any]]
        if isinstance(raw, Mapping) and "services" in raw and "id" not in raw:
            items = raw["services"]
            if not isinstance(items, list):
                raise ConfigError(f"{path}: services: expected a list of services")
            found = [(("services", i), item) for i, item in enumerate(items)]
        else:
            found = [((), raw)]
        for prefix, item in found:
            entry = _entry(path, item, prefix)
            if entry.meta.id in services:
                raise ConfigError(f"{path}: id: duplicate service id {entry.meta.id!r} "
                                  f"(also in {services[entry.meta.id].source})")
            services[entry.meta.id] = entry
    return Catalogue(folder=str(root), settings=settings, agencies=agencies,
                     services=tuple(services[k] for k in sorted(services, key=natural_key)))


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders numbers by value: ``e2`` before ``e10``.

    Examples:
        >>> sorted(["e10", "e2", "m1", "e1"], key=natural_key)
        ['e1', 'e2', 'e10', 'm1']
    """
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", text) if t)


def _load_agencies(root: Path) -> dict[str, AgencyMeta]:
    afile = _first(root, AGENCY_FILES)
    if afile is None:
        return {}
    raw = _read(afile) or []
    prefix: tuple[str, ...] = ()
    if isinstance(raw, Mapping):
        raw = raw.get("agencies", [])
        prefix = ("agencies",)
    if not isinstance(raw, list):
        raise ConfigError(f"{afile}: expected a list of agencies (or 'agencies: [...]')")
    out: dict[str, AgencyMeta] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ConfigError(f"{afile}: {_where((*prefix, i))}: expected a mapping")
        try:
            agency = AgencyMeta.model_validate(dict(item))
        except ValidationError as exc:
            raise ConfigError(format_errors(str(afile), exc, prefix=(*prefix, i))) from None
        key = thai.normalize(agency.name)
        if key in out:
            raise ConfigError(f"{afile}: {_where((*prefix, i))}.name: duplicate agency "
                              f"{agency.name!r}")
        out[key] = agency
    return out


def _entry(path: Path, item: Any, prefix: tuple[int | str, ...]) -> ServiceEntry:
    source = str(path)
    if not isinstance(item, Mapping):
        raise ConfigError(f"{source}: {_where(prefix) or 'service'}: expected a mapping of "
                          "fields")
    data = dict(item)
    manual_path: Path | None = None
    if isinstance(data.get("manual"), str) and data.get("model") is None:
        manual_path = _resolve(path, data["manual"], "manual", prefix)
        from reprocess.portfolio.manual import load_manual

        for key, value in load_manual(manual_path).meta_fields().items():
            data.setdefault(key, value)
    meta = validate_service(data, source=source, prefix=prefix)
    model_path = _resolve(path, meta.model, "model", prefix) if meta.model else None
    return ServiceEntry(meta=meta, source=source,
                        model_path=str(model_path) if model_path else None,
                        manual_path=str(manual_path) if manual_path else None)


def _resolve(meta_file: Path, rel: str, field: str, prefix: tuple[int | str, ...]) -> Path:
    p = Path(rel)
    full = p if p.is_absolute() else (meta_file.parent / p)
    full = Path(*full.parts)  # normalise separators
    if not full.is_file():
        raise ConfigError(f"{meta_file}: {_where((*prefix, field))}: no such file {rel!r} "
                          f"(paths are relative to the metadata file)")
    return full
