"""The model: immutability, lookups, the cached graph view, copies, JSON Schema."""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from pydantic import ValidationError

from reprocess.model import (
    BoundaryEvent,
    DataAssociation,
    DataObject,
    DataObjectReference,
    Definitions,
    DocumentFacts,
    EndEvent,
    ExclusiveGateway,
    Lane,
    LaneSet,
    Participant,
    Process,
    SequenceFlow,
    StartEvent,
    UserTask,
)
from reprocess.model.process import Collaboration, check_integrity


def _model() -> Definitions:
    doc = DataObjectReference(id="D", name="สำเนาทะเบียนบ้าน", data_object="DO",
                              document=DocumentFacts(copies=1, issuer="กรมการปกครอง"))
    p = Process(
        id="P",
        flow_elements=(
            StartEvent(id="S"),
            UserTask(id="T", name="ยื่นคำขอ",
                     data_inputs=(DataAssociation(id="in", sources=("D",)),)),
            ExclusiveGateway(id="G", default="f3"),
            EndEvent(id="E"),
            BoundaryEvent(id="B", attached_to="T"),
            SequenceFlow(id="f1", source="S", target="T"),
            SequenceFlow(id="f2", source="T", target="G"),
            SequenceFlow(id="f3", source="G", target="E"),
            DataObject(id="DO"),
            doc,
        ),
        lane_sets=(LaneSet(lanes=(Lane(id="L1", name="ผู้ยื่นคำขอ", flow_node_refs=("S", "T")),
                                  Lane(id="L2", name="เจ้าหน้าที่", flow_node_refs=("G", "E")))),),
    )
    c = Collaboration(id="C", participants=(Participant(id="Pool", name="เทศบาล",
                                                        process_ref="P"),))
    return Definitions(root_elements=(c, p))


def test_frozen_and_strict() -> None:
    d = _model()
    with pytest.raises(ValidationError):
        d.id = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        UserTask(id="T", colour="red")  # type: ignore[call-arg]
    assert isinstance(d.processes[0].flow_elements, tuple)


def test_lookups() -> None:
    d = _model()
    assert [lane.id for lane in d.lanes_of("T")] == ["L1"]
    assert d.pool_of("T").id == "Pool"  # type: ignore[union-attr]
    assert [x.id for x in d.documents_read("T")] == ["D"]
    assert d.process_of("G").id == "P"
    assert [f.id for f in d.outgoing("T")] == ["f2"]


def test_graph_is_cached_frozen_and_complete() -> None:
    d = _model()
    g = d.graph
    assert g is d.graph
    assert nx.is_frozen(g)
    assert set(g.nodes) == {"S", "T", "G", "E", "B"}
    assert g.nodes["T"]["element"].name == "ยื่นคำขอ"
    assert g.nodes["T"]["lane"] == "L1"
    assert g.nodes["T"]["pool"] == "Pool"
    kinds = sorted(k for _, _, k in g.edges(data="kind"))
    assert kinds == ["boundary", "sequence", "sequence", "sequence"]
    with pytest.raises(nx.NetworkXError):
        g.add_node("X")


def test_copies_do_not_inherit_caches() -> None:
    d = _model()
    assert len(d.flow_nodes()) == 5
    p = d.processes[0]
    smaller = p.model_copy(update={"flow_elements": p.flow_elements[:1]})
    d2 = d.model_copy(update={"root_elements": (d.root_elements[0], smaller)})
    assert len(d2.flow_nodes()) == 1
    assert d2.graph.number_of_nodes() == 1
    assert len(copy.copy(d).flow_nodes()) == 5
    assert len(copy.deepcopy(d).flow_nodes()) == 5


def test_integrity_reports_all_problems_at_once() -> None:
    bad = {"root_elements": [{"type": "process", "id": "P", "flow_elements": [
        {"type": "task", "id": "A"}, {"type": "task", "id": "A"},
        {"type": "sequenceFlow", "id": "f", "source": "A", "target": "X"},
        {"type": "sequenceFlow", "id": "g", "source": "Y", "target": "A"}]}]}
    with pytest.raises(ValidationError) as err:
        Definitions.model_validate(bad)
    assert "3 integrity problem(s)" in str(err.value)
    lenient = Definitions.model_validate(bad, context={"lenient": True})
    codes = sorted(p.code for p in check_integrity(lenient))
    assert codes == ["dangling-reference", "dangling-reference", "duplicate-id"]


def test_equality_ignores_provenance() -> None:
    from reprocess.model import Provenance

    a = _model()
    b = a.model_copy(update={"provenance": Provenance(path="x.bpmn", lines={"T": 3})})
    assert a == b


def test_json_schema_has_discriminated_elements() -> None:
    schema = Definitions.model_json_schema(mode="serialization")
    assert "UserTask" in schema["$defs"]
    assert schema["$defs"]["UserTask"]["properties"]["type"]["const"] == "userTask"
