"""Helpers of the redesign tests: the example services, small models built in code."""

from __future__ import annotations

import itertools
from pathlib import Path

from reprocess.io import read_bpmn
from reprocess.model import (
    Actor,
    Channel,
    DataObject,
    DataObjectReference,
    Definitions,
    DocumentFacts,
    EndEvent,
    Lane,
    LaneSet,
    ManualTask,
    Participant,
    Process,
    SequenceFlow,
    StartEvent,
    StepFacts,
    UserTask,
)
from reprocess.model.elements import DataAssociation
from reprocess.model.process import Collaboration

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "services").glob("*.bpmn"))


def load_examples() -> dict[str, Definitions]:
    """Every example service, by file stem."""
    return {p.stem: read_bpmn(str(p)) for p in EXAMPLES}


def chain_model(*steps: tuple[str, str, str, dict[str, object]],
                docs: tuple[tuple[str, str, str, DocumentFacts], ...] = (),
                lanes: dict[str, tuple[str, Actor | None]] | None = None,
                cases: int | None = None) -> Definitions:
    """Build a one-pool process: start, the ``steps`` in a row, end.

    ``steps`` are ``(id, type, name, facts)`` with ``facts`` the fields of StepFacts
    plus ``lane``; ``docs`` are ``(id, name, read_by, facts)``; ``lanes`` maps lane id
    to ``(name, role)``. The start and end events go to the first lane.
    """
    from reprocess.model.domain import Duration, ServiceInfo

    classes = {"userTask": UserTask, "manualTask": ManualTask}
    nodes: list[object] = [StartEvent(id="Start", name="เริ่ม")]
    lane_refs: dict[str, list[str]] = {k: [] for k in (lanes or {})}
    first_lane = next(iter(lanes)) if lanes else None
    if first_lane:
        lane_refs[first_lane].append("Start")
    reads: dict[str, list[str]] = {}
    for doc_id, _, reader, _ in docs:
        reads.setdefault(reader, []).append(doc_id)
    for sid, kind, name, facts in steps:
        extra = dict(facts)
        lane = extra.pop("lane", None)
        extra.setdefault("duration", Duration(iso="PT10M"))
        inputs = tuple(DataAssociation(id=f"DIA_{sid}_{d}", sources=(d,))
                       for d in reads.get(sid, ()))
        nodes.append(classes[kind](id=sid, name=name, facts=StepFacts(**extra),
                                   data_inputs=inputs))
        if lane:
            lane_refs[str(lane)].append(sid)
    nodes.append(EndEvent(id="End", name="จบ"))
    if first_lane:
        lane_refs[first_lane].append("End")
    ids = [n.id for n in nodes]  # type: ignore[attr-defined]
    flows = [SequenceFlow(id=f"Flow_{i}", source=a, target=b)
             for i, (a, b) in enumerate(itertools.pairwise(ids), 1)]
    data: list[object] = []
    for doc_id, name, _, facts in docs:
        data.append(DataObject(id=f"DO_{doc_id}"))
        data.append(DataObjectReference(id=doc_id, name=name, data_object=f"DO_{doc_id}",
                                        document=facts))
    lane_sets = ()
    if lanes:
        lane_sets = (LaneSet(id="LaneSet_1", lanes=tuple(
            Lane(id=k, name=v[0], role=v[1], flow_node_refs=tuple(lane_refs[k]))
            for k, v in lanes.items())),)
    proc = Process(id="Process_1", name="บริการตัวอย่าง", flow_elements=(*nodes, *flows, *data),
                   lane_sets=lane_sets,
                   service=ServiceInfo(name="บริการตัวอย่าง", cases_per_year=cases))
    collab = Collaboration(id="Collaboration_1", participants=(
        Participant(id="Participant_1", name="หน่วยงานตัวอย่าง", process_ref="Process_1",
                    role=Actor.AGENCY),))
    return Definitions(id="Definitions_1", root_elements=(collab, proc))


APPLICANT_LANES = {
    "Lane_Applicant": ("ผู้ยื่นคำขอ", Actor.APPLICANT),
    "Lane_Officer": ("เจ้าหน้าที่งานทะเบียน", None),
    "Lane_Finance": ("งานการเงิน", None),
}
"""A pool with the applicant's lane and two agency lanes."""

COUNTER = {"actor": Actor.APPLICANT, "channel": Channel.COUNTER, "copresence": True}
"""Facts of an applicant step at a counter."""
