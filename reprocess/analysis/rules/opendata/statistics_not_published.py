"""ODT002: the service counts its cases but publishes no statistics as open data."""

from __future__ import annotations

from collections.abc import Iterator

from reprocess.analysis.context import AnalysisContext
from reprocess.analysis.finding import Evidence, Finding
from reprocess.analysis.rule import rule
from reprocess.analysis.rules._support import (
    OPEN_DATA_WORDS,
    find_terms,
    model_texts,
)

__all__ = ["statistics_not_published"]


@rule(
    code="ODT002",
    name="statistics-not-published",
    title="Service statistics are not published as open data",
    blocks=None,
    obstacles=("DATA",),
    patterns=(),
    fix="Publish the number of applications, decisions and processing times per month "
        "as a data set on data.go.th, generated from the case system",
    redesign=("publish-open-data",),
)
def statistics_not_published(ctx: AnalysisContext) -> Iterator[Finding]:
    """## What it does
    Reports a service whose header gives its yearly number of cases
    (``rp:casesPerYear``) when nothing in the model mentions open data (ข้อมูลเปิด,
    open data, data.go.th), negated mentions aside. One finding, information only,
    on the process (or pool) that carries the header.

    ## Why it matters
    The citizen's manual already publishes request statistics under the Licensing
    Facilitation Act; as open data (monthly counts, decisions, processing times) they
    let OPDC and the public follow the service and feed the GDS-style performance
    indicators. It is OPDC's Open Data track, not an e-Service level.

    ## Example
    ```
    <bpmn:process id="P" rp:service="การแจ้งเกิด" rp:casesPerYear="1200"> ... (no open-data step)
    ```

    ## Use instead
    A data set on data.go.th with the monthly number of applications, approvals,
    refusals and the median processing time, produced from the case system
    (`publish-open-data`).

    ## Known problems
    * Conservative on purpose: without ``rp:casesPerYear`` the rule says nothing, even
      if the process counts requests.
    * Any open-data wording anywhere in the model silences it, even one about a
      register rather than statistics.

    ## References
    * Licensing Facilitation Act B.E. 2558, s.7 (request statistics in the manual).
    * Digital Government Administration Act B.E. 2562, s.15-16 (open data).
    * DGA open government data guidance (data.go.th).
    * domain brief §3.6 (performance indicators) and §3.7 ``open_data_candidates``.
    """
    headers: list[tuple[str, int]] = []
    for proc in ctx.defs.processes:
        if proc.service is not None and proc.service.cases_per_year is not None:
            headers.append((proc.id, proc.service.cases_per_year))
    for part in ctx.defs.participants:
        if part.service is not None and part.service.cases_per_year is not None:
            headers.append((part.id, part.service.cases_per_year))
    if not headers:
        return
    for _, text in model_texts(ctx):
        if any(not m.negated for m in find_terms(text.text, OPEN_DATA_WORDS)):
            return
    element, cases = headers[0]
    yield Finding(
        element_id=element,
        message_th=f"บริการนี้มีสถิติคำขอ {cases:,} เรื่องต่อปี แต่ไม่ระบุการเผยแพร่สถิติเป็นข้อมูลเปิด",
        message_en=f"the service counts {cases:,} cases a year but publishes no statistics "
                   "as open data",
        evidence=(Evidence(source="annotation", text=f'rp:casesPerYear="{cases}"',
                           element_id=element),
                  Evidence(source="structure",
                           text="no open-data wording (ข้อมูลเปิด, open data, data.go.th) "
                                "in the model")),
    )
