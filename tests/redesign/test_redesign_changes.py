"""apply_changes: one test per change op, and the errors it raises."""

from __future__ import annotations

import pytest
from redesign_support import APPLICANT_LANES, COUNTER, chain_model

from reprocess.model import Actor, ChangeMark, Channel, DocumentFacts, StepFacts
from reprocess.redesign import (
    AddAlternativePath,
    AddLane,
    InsertAfter,
    InsertBefore,
    MoveToLane,
    NewNode,
    Parallelize,
    RedesignError,
    RemoveDocument,
    RemoveNode,
    ReplaceNode,
    RerouteFlow,
    UpdateDocument,
    UpdateFlow,
    UpdateNode,
    apply_changes,
)
from reprocess.redesign.changes import apply_changes_with_effects


def model():
    return chain_model(
        ("A", "manualTask", "ยื่นคำขอ ณ เคาน์เตอร์", {**COUNTER, "lane": "Lane_Applicant"}),
        ("B", "userTask", "ตรวจสอบคำขอ", {"lane": "Lane_Officer"}),
        ("C", "userTask", "บันทึกข้อมูล", {"lane": "Lane_Officer"}),
        docs=(("Doc_Id", "สำเนาบัตรประจำตัวประชาชน", "A",
               DocumentFacts(copies=1, issuer="กรมการปกครอง", state_issued=True)),),
        lanes=APPLICANT_LANES)


def targets(defs, node):
    return [f.target for f in defs.outgoing(node)]


def test_update_node_keeps_id_and_marks_change():
    out = apply_changes(model(), [UpdateNode(element_id="A", name="ยื่นคำขอทางออนไลน์",
                                             node_type="userTask",
                                             facts=StepFacts(channel=Channel.ONLINE),
                                             note="บันทึก")])
    node = out.node("A")
    assert node.type == "userTask"
    assert node.name == "ยื่นคำขอทางออนไลน์"
    assert node.facts.channel is Channel.ONLINE
    assert node.facts.actor is Actor.APPLICANT
    assert node.facts.change is ChangeMark.CHANGED
    assert node.doc_text.endswith("บันทึก")


def test_update_node_cannot_turn_a_task_into_a_gateway():
    with pytest.raises(RedesignError, match="cannot turn"):
        apply_changes(model(), [UpdateNode(element_id="A", node_type="exclusiveGateway")])


def test_replace_node_rewires_flows_lanes_and_data():
    out = apply_changes(model(), [ReplaceNode(element_id="A", node=NewNode(
        id="A__eform", type="userTask", name="ยื่นคำขอออนไลน์"))])
    assert out.get("A") is None
    assert targets(out, "Start") == ["A__eform"]
    assert targets(out, "A__eform") == ["B"]
    assert out.lane_of("A__eform").id == "Lane_Applicant"
    assert [d.id for d in out.documents_read("A__eform")] == ["Doc_Id"]
    assert out.node("A__eform").facts.change is ChangeMark.ADDED


def test_insert_after_and_before():
    new = NewNode(id="F", type="serviceTask", name="ดึงข้อมูล")
    out = apply_changes(model(), [InsertAfter(anchor="B", node=new)])
    assert targets(out, "B") == ["F"]
    assert targets(out, "F") == ["C"]
    assert out.lane_of("F").id == "Lane_Officer"
    out = apply_changes(model(), [InsertBefore(anchor="B", node=new)])
    assert targets(out, "A") == ["F"]
    assert targets(out, "F") == ["B"]


def test_insert_reuses_no_id():
    with pytest.raises(RedesignError, match="already used"):
        apply_changes(model(), [InsertAfter(anchor="B", node=NewNode(id="C", name="x"))])


def test_remove_node_bypasses_it():
    out, (effect,) = apply_changes_with_effects(model(), [RemoveNode(
        element_id="B", reason_th="ไม่จำเป็น", reason_en="not needed")])
    assert out.get("B") is None
    assert targets(out, "A") == ["C"]
    assert effect.removed["B"] == ("ไม่จำเป็น", "not needed")
    assert "B" not in out.lane_of("C").flow_node_refs


def test_remove_document_drops_its_associations_and_object():
    out, (effect,) = apply_changes_with_effects(model(), [RemoveDocument(
        element_id="Doc_Id", reason_th="ดึงข้อมูลแทน", reason_en="fetched instead")])
    assert out.get("Doc_Id") is None
    assert out.get("DO_Doc_Id") is None
    assert out.documents_read("A") == ()
    assert {"Doc_Id", "DO_Doc_Id", "DIA_A_Doc_Id"} <= set(effect.removed)


def test_update_document():
    out = apply_changes(model(), [UpdateDocument(element_id="Doc_Id", name="ไฟล์",
                                                 document=DocumentFacts(copies=0))])
    doc = out.get("Doc_Id")
    assert doc.name == "ไฟล์"
    assert doc.document.copies == 0
    assert doc.document.change is ChangeMark.CHANGED
    assert doc.document.state_issued


def test_update_and_reroute_flow():
    out = apply_changes(model(), [UpdateFlow(element_id="Flow_1", name="ออนไลน์"),
                                  RerouteFlow(element_id="Flow_2", target="C")])
    assert out.get("Flow_1").name == "ออนไลน์"
    assert targets(out, "A") == ["C"]


def test_add_lane_and_move_to_lane():
    out = apply_changes(model(), [
        AddLane(process_id="Process_1", lane_id="Lane_New", name="ใหม่", role=Actor.AGENCY),
        MoveToLane(element_id="C", lane_id="Lane_New")])
    assert out.lane_of("C").id == "Lane_New"
    with pytest.raises(RedesignError, match="no lane"):
        apply_changes(model(), [MoveToLane(element_id="C", lane_id="Lane_X")])


def test_parallelize_puts_steps_between_fork_and_join():
    out = apply_changes(model(), [Parallelize(element_ids=("B", "C"), fork_id="Fork",
                                              join_id="Join")])
    assert targets(out, "A") == ["Fork"]
    assert sorted(targets(out, "Fork")) == ["B", "C"]
    assert targets(out, "B") == ["Join"]
    assert targets(out, "C") == ["Join"]
    assert targets(out, "Join") == ["End"]
    with pytest.raises(RedesignError, match="consecutive"):
        apply_changes(model(), [Parallelize(element_ids=("A", "C"), fork_id="F", join_id="J")])


def test_add_alternative_path():
    out = apply_changes(model(), [AddAlternativePath(
        element_id="A", gateway_id="G", join_id="J", gateway_name="เลือกช่องทาง",
        node=NewNode(id="A__assisted", type="userTask", name="ช่วยยื่น"))])
    assert targets(out, "Start") == ["G"]
    assert sorted(targets(out, "G")) == ["A", "A__assisted"]
    assert targets(out, "A") == ["J"]
    assert targets(out, "A__assisted") == ["J"]
    assert targets(out, "J") == ["B"]
    assert out.node("G").default == "G__assisted"


def test_skip_invalid_records_the_error_and_goes_on():
    out, effects = apply_changes_with_effects(model(), [
        RemoveNode(element_id="X", reason_th="-", reason_en="-"),
        UpdateNode(element_id="B", name="ใหม่")], skip_invalid=True)
    assert effects[0].error
    assert effects[1].error is None
    assert out.node("B").name == "ใหม่"


def test_input_is_not_touched():
    before = model()
    copy = before.model_dump()
    apply_changes(before, [RemoveNode(element_id="B", reason_th="-", reason_en="-")])
    assert before.model_dump() == copy
