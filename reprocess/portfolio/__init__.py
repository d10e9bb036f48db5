"""Portfolio: many services at once, the office's follow-up and the cabinet report.

The office tracks dozens to hundreds of services across agencies. This package makes
that work one call, :func:`run_clinic` (``reprocess report DIR -o OUT``):

* :mod:`~reprocess.portfolio.catalogue`: a folder of services (BPMN or citizen's manual
  plus metadata) and the readiness inputs of their agencies;
* :mod:`~reprocess.portfolio.manual`: a citizen's manual (YAML, JSON, CSV, XLSX) to an
  as-is BPMN model;
* :mod:`~reprocess.portfolio.run`: analyse, redesign and draw every service in parallel;
* :mod:`~reprocess.portfolio.rollup`, :mod:`~reprocess.portfolio.registers`,
  :mod:`~reprocess.portfolio.groups`, :mod:`~reprocess.portfolio.history`: levels, burden
  saved, obstacle register, data-linkage demand, follow-up and readiness groups, history;
* :mod:`~reprocess.portfolio.report`, :mod:`~reprocess.portfolio.pr`: the cabinet/office
  report (HTML, XLSX, CSV) and the PR sheet per customer group.

Examples:
    >>> from reprocess.portfolio import ServiceMeta
    >>> ServiceMeta(id="e6", name="การแจ้งเกิด", agency="อำเภอ", customer_group="ประชาชน",
    ...             model="e6.bpmn").customer_group.value
    'citizens'
"""

from reprocess.portfolio.catalogue import (
    AgencyMeta,
    Catalogue,
    CatalogueSettings,
    ServiceEntry,
    ServiceMeta,
    load_catalogue,
)
from reprocess.portfolio.groups import (
    DEFAULT_FOLLOW_UP_RULES,
    DEFAULT_READINESS_RULES,
    FollowUpGroup,
    ReadinessGroup,
    classify_follow_up,
    classify_readiness,
)
from reprocess.portfolio.history import Comparison, Snapshot, compare
from reprocess.portfolio.manual import CitizenManual, import_manual, load_manual, read_manual
from reprocess.portfolio.pr import pr_lines
from reprocess.portfolio.registers import LinkageRow, ObstacleRow
from reprocess.portfolio.rollup import Rollup, ServiceResult, roll_up
from reprocess.portfolio.run import ClinicRun, RunOptions, run_clinic, run_services

__all__ = [
    "DEFAULT_FOLLOW_UP_RULES",
    "DEFAULT_READINESS_RULES",
    "AgencyMeta",
    "Catalogue",
    "CatalogueSettings",
    "CitizenManual",
    "ClinicRun",
    "Comparison",
    "FollowUpGroup",
    "LinkageRow",
    "ObstacleRow",
    "ReadinessGroup",
    "Rollup",
    "RunOptions",
    "ServiceEntry",
    "ServiceMeta",
    "ServiceResult",
    "Snapshot",
    "classify_follow_up",
    "classify_readiness",
    "compare",
    "import_manual",
    "load_catalogue",
    "load_manual",
    "pr_lines",
    "read_manual",
    "roll_up",
    "run_clinic",
    "run_services",
]
