"""STR040: the service's process or pool lacks its header (service name, agency, group)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reprocess.analysis.finding import Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules.structure._common import en_name, evidence, th_name
from reprocess.model.domain import ServiceInfo

if TYPE_CHECKING:
    from reprocess.analysis.context import AnalysisContext

__all__ = ["service_header_missing"]

_FIELDS = (("name", "rp:service", "ชื่อกระบวนงาน"), ("agency", "rp:agency", "หน่วยงานเจ้าของ"),
           ("customer_group", "rp:customerGroup", "กลุ่มผู้รับบริการ"))


@rule(code="STR040", name="service-header-missing",
      title="Service header (service, agency, customer group) missing", blocks=None,
      fix="Add rp:service, rp:agency and rp:customerGroup to the service's process or pool")
def service_header_missing(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Looks at the service's own process and its pool (the agency's pool that
    ``reprocess`` picks, see ``find_roles``) and reports which of ``rp:service``,
    ``rp:agency`` and ``rp:customerGroup`` neither of them carries. A submission
    check: not in the recommended preset.

    ## Why it matters
    The report and the OPDC e-Service survey are per service and per agency, and
    the customer group (citizens, labour, business) sets the priorities. Without the
    header a reviewer cannot file the model against the service inventory
    (คู่มือสำหรับประชาชน).

    ## Example
    ``<bpmn:process id="P1" name="ขออนุญาตตั้งร้าน">`` with no ``rp:`` attributes.

    ## Use instead
    ``<bpmn:process id="P1" rp:service="การขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร"
    rp:agency="เทศบาลตำบลตัวอย่าง" rp:customerGroup="business">``.

    ## Known problems
    When the file has several agency pools, only the one chosen as the service's is
    checked.

    ## References
    ``docs/extension.md`` (the service header); พ.ร.บ.การอำนวยความสะดวกในการพิจารณา
    อนุญาตของทางราชการ พ.ศ. 2558 ม.7 (the citizen's manual of each service).
    """
    defs = ctx.defs
    proc = defs.get(ctx.roles.agency_process) if ctx.roles.agency_process else None
    pool = defs.get(ctx.roles.agency_pool) if ctx.roles.agency_pool else None
    if proc is None and pool is None:
        return
    infos: list[ServiceInfo] = [x.service for x in (proc, pool)
                                if x is not None and getattr(x, "service", None) is not None]
    missing = [(attr_name, th) for fld, attr_name, th in _FIELDS
               if not any(getattr(i, fld) not in (None, "") for i in infos)]
    if not missing:
        return
    target: Any = pool if pool is not None else proc
    attrs = ", ".join(a for a, _ in missing)
    yield Finding(
        element_id=target.id,
        message_th=f"{th_name(target)} ไม่ได้ระบุ{', '.join(t for _, t in missing)} ({attrs})",
        message_en=f"{en_name(target)} does not give {attrs}",
        evidence=(evidence(f"missing on process {proc.id if proc is not None else '-'} and "
                           f"pool {pool.id if pool is not None else '-'}: {attrs}",
                           source="semantics"),),
    )
