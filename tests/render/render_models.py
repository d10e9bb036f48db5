"""Models built in code for the render tests: every BPMN kind, long Thai labels.

``full_model()`` is a collaboration with a citizen pool, an agency pool with nested
lanes, a black-box pool, message flows, documents, a register, annotations, a
collapsed sub-process with content and a boundary event. ``chain_model(n)`` is a
long process for benchmarks and property checks.
"""

from __future__ import annotations

import random

from reprocess.model import (
    Association,
    BoundaryEvent,
    BusinessRuleTask,
    CallActivity,
    Collaboration,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    Definitions,
    EndEvent,
    EventBasedGateway,
    EventDefinition,
    ExclusiveGateway,
    Expression,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    Lane,
    LaneSet,
    ManualTask,
    MessageFlow,
    ParallelGateway,
    Participant,
    Process,
    ReceiveTask,
    ScriptTask,
    SendTask,
    SequenceFlow,
    ServiceTask,
    StartEvent,
    SubProcess,
    Task,
    TextAnnotation,
    UserTask,
)

LONG = "ตรวจสอบความถูกต้องครบถ้วนของเอกสารประกอบคำขอจดทะเบียนพาณิชย์และสำเนาบัตรประจำตัวประชาชน"


def full_model() -> Definitions:
    """Return a collaboration that uses every kind the renderer draws."""
    citizen = Process(
        id="P_citizen",
        flow_elements=(
            StartEvent(id="C_start", name="ต้องการจดทะเบียนพาณิชย์"),
            SendTask(id="C_send", name="ยื่นคำขอพร้อมเอกสาร ณ สำนักงานเขต"),
            ReceiveTask(id="C_receive", name="รับใบทะเบียนพาณิชย์"),
            EndEvent(id="C_end", name="ได้รับใบทะเบียน"),
            SequenceFlow(id="cf1", source="C_start", target="C_send"),
            SequenceFlow(id="cf2", source="C_send", target="C_receive"),
            SequenceFlow(id="cf3", source="C_receive", target="C_end"),
        ),
    )
    inner = SubProcess(
        id="A_sub",
        name="ตรวจสถานที่ประกอบการ",
        flow_elements=(
            StartEvent(id="S_start"),
            Task(id="S_visit", name="ออกตรวจสถานที่"),
            EndEvent(id="S_end"),
            SequenceFlow(id="sf1", source="S_start", target="S_visit"),
            SequenceFlow(id="sf2", source="S_visit", target="S_end"),
        ),
    )
    agency = Process(
        id="P_agency",
        flow_elements=(
            StartEvent(
                id="A_start",
                name="ได้รับคำขอ",
                event_definitions=(EventDefinition(kind="message"),),
            ),
            UserTask(
                id="A_check",
                name=LONG,
                data_inputs=(DataAssociation(id="da_in", sources=("D_form",)),),
            ),
            ExclusiveGateway(id="A_gw", name="เอกสารครบถ้วนหรือไม่", default="af_no"),
            ManualTask(id="A_return", name="คืนเอกสารให้ผู้ยื่นคำขอแก้ไขเพิ่มเติม"),
            ServiceTask(id="A_fee", name="ออกใบเสร็จรับเงินค่าธรรมเนียม 50 บาท"),
            ScriptTask(id="A_number", name="ออกเลขทะเบียนพาณิชย์อัตโนมัติ"),
            BusinessRuleTask(id="A_rule", name="พิจารณาตามประกาศกระทรวงพาณิชย์"),
            ParallelGateway(id="A_split"),
            inner,
            CallActivity(id="A_call", name="ตรวจสอบข้อมูลทะเบียนราษฎร"),
            ParallelGateway(id="A_join"),
            InclusiveGateway(id="A_or", name="แจ้งผล"),
            IntermediateThrowEvent(
                id="A_signal", name="แจ้งนายทะเบียน",
                event_definitions=(EventDefinition(kind="signal"),),
            ),
            EventBasedGateway(id="A_evgw"),
            IntermediateCatchEvent(
                id="A_timer", name="รอ 7 วันทำการ",
                event_definitions=(EventDefinition(kind="timer"),),
            ),
            IntermediateCatchEvent(
                id="A_msg", name="ผู้ยื่นมารับเอง",
                event_definitions=(EventDefinition(kind="message"),),
            ),
            Task(
                id="A_issue",
                name="ออกใบทะเบียนพาณิชย์ (ทพ.)",
                data_outputs=(DataAssociation(id="da_out", target="D_register"),),
            ),
            BoundaryEvent(
                id="A_boundary",
                attached_to="A_check",
                name="เกินกำหนด",
                cancel_activity=False,
                event_definitions=(EventDefinition(kind="timer"),),
            ),
            Task(id="A_escalate", name="แจ้งหัวหน้าฝ่าย"),
            EndEvent(id="A_end", name="เสร็จสิ้น"),
            EndEvent(id="A_end2", event_definitions=(EventDefinition(kind="terminate"),)),
            DataObject(id="DO_form"),
            DataObjectReference(
                id="D_form", name="แบบคำขอจดทะเบียนพาณิชย์ (แบบ ทพ.)", data_object="DO_form"
            ),
            DataStoreReference(id="D_register", name="ทะเบียนพาณิชย์", data_store="DS_reg"),
            SequenceFlow(id="af1", source="A_start", target="A_check"),
            SequenceFlow(id="af2", source="A_check", target="A_gw"),
            SequenceFlow(id="af_no", source="A_gw", target="A_return", name="ไม่ครบ"),
            SequenceFlow(
                id="af_yes", source="A_gw", target="A_fee", name="ครบถ้วน",
                condition=Expression(text="${complete}"),
            ),
            SequenceFlow(id="af3", source="A_return", target="A_end2"),
            SequenceFlow(id="af4", source="A_fee", target="A_rule"),
            SequenceFlow(id="af5", source="A_rule", target="A_split"),
            SequenceFlow(id="af6", source="A_split", target="A_sub"),
            SequenceFlow(id="af7", source="A_split", target="A_call"),
            SequenceFlow(id="af8", source="A_sub", target="A_join"),
            SequenceFlow(id="af9", source="A_call", target="A_join"),
            SequenceFlow(id="af10", source="A_join", target="A_number"),
            SequenceFlow(id="af11", source="A_number", target="A_or"),
            SequenceFlow(id="af12", source="A_or", target="A_signal"),
            SequenceFlow(id="af13", source="A_or", target="A_evgw"),
            SequenceFlow(id="af14", source="A_evgw", target="A_timer"),
            SequenceFlow(id="af15", source="A_evgw", target="A_msg"),
            SequenceFlow(id="af16", source="A_timer", target="A_issue"),
            SequenceFlow(id="af17", source="A_msg", target="A_issue"),
            SequenceFlow(id="af18", source="A_issue", target="A_end"),
            SequenceFlow(id="af19", source="A_signal", target="A_end"),
            SequenceFlow(id="af20", source="A_boundary", target="A_escalate"),
            SequenceFlow(id="af21", source="A_escalate", target="A_end"),
        ),
        artifacts=(
            TextAnnotation(id="N1", text="ตามพระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499 มาตรา 11"),
            Association(id="N1_a", source="N1", target="A_fee"),
        ),
        lane_sets=(
            LaneSet(
                lanes=(
                    Lane(
                        id="L_office",
                        name="สำนักงานเขต",
                        flow_node_refs=(
                            "A_start", "A_check", "A_gw", "A_return", "A_end2", "A_boundary",
                            "A_escalate", "A_fee", "A_rule", "A_split", "A_sub", "A_call",
                            "A_join",
                        ),
                        child_lane_set=LaneSet(
                            lanes=(
                                Lane(
                                    id="L_front",
                                    name="เจ้าหน้าที่รับคำขอ",
                                    flow_node_refs=(
                                        "A_start", "A_check", "A_gw", "A_return", "A_end2",
                                        "A_boundary", "A_escalate",
                                    ),
                                ),
                                Lane(
                                    id="L_fin",
                                    name="งานการเงิน",
                                    flow_node_refs=(
                                        "A_fee", "A_rule", "A_split", "A_sub", "A_call", "A_join",
                                    ),
                                ),
                            )
                        ),
                    ),
                    Lane(
                        id="L_registrar",
                        name="นายทะเบียนพาณิชย์",
                        flow_node_refs=(
                            "A_number", "A_or", "A_signal", "A_evgw", "A_timer", "A_msg",
                            "A_issue", "A_end",
                        ),
                    ),
                    Lane(id="L_empty", name="ฝ่ายกฎหมาย (ไม่มีงาน)"),
                )
            ),
        ),
    )
    collab = Collaboration(
        id="Collab",
        participants=(
            Participant(id="Pool_citizen", name="ผู้ประกอบการ", process_ref="P_citizen"),
            Participant(id="Pool_agency", name="สำนักงานเขตบางรัก", process_ref="P_agency"),
            Participant(id="Pool_dopa", name="กรมการปกครอง (ฐานข้อมูลทะเบียนราษฎร)"),
        ),
        message_flows=(
            MessageFlow(id="m1", source="C_send", target="A_start", name="คำขอ"),
            MessageFlow(id="m2", source="A_issue", target="C_receive"),
            MessageFlow(id="m3", source="A_call", target="Pool_dopa", name="ขอข้อมูล"),
            MessageFlow(id="m4", source="S_visit", target="C_receive"),
        ),
    )
    return Definitions(
        id="Defs_full",
        root_elements=(collab, citizen, agency, DataStore(id="DS_reg", name="ทะเบียน")),
    )


def simple_process() -> Definitions:
    """Return a process without pools or lanes."""
    p = Process(
        id="P_simple",
        flow_elements=(
            StartEvent(id="s"),
            UserTask(id="t1", name="กรอกแบบคำขอออนไลน์ผ่านระบบ e-Service ของกรม"),
            ExclusiveGateway(id="g"),
            Task(id="t2", name="อนุมัติ"),
            Task(id="t3", name="ปฏิเสธคำขอและแจ้งเหตุผลให้ผู้ยื่นทราบเป็นหนังสือ"),
            EndEvent(id="e"),
            SequenceFlow(id="f1", source="s", target="t1"),
            SequenceFlow(id="f2", source="t1", target="g"),
            SequenceFlow(id="f3", source="g", target="t2", name="ผ่าน"),
            SequenceFlow(id="f4", source="g", target="t3", name="ไม่ผ่าน"),
            SequenceFlow(id="f5", source="t2", target="e"),
            SequenceFlow(id="f6", source="t3", target="e"),
            SequenceFlow(id="f7", source="t3", target="t1", name="แก้ไข"),
        ),
    )
    return Definitions(id="Defs_simple", root_elements=(p,))


_NAMES = (
    "รับคำขอ", "ตรวจสอบเอกสาร", "ชำระค่าธรรมเนียม", "พิจารณาอนุมัติ", "ลงนามในหนังสืออนุญาต",
    "บันทึกข้อมูลลงระบบ", "แจ้งผลการพิจารณาให้ผู้ยื่นคำขอทราบ", "ส่งเรื่องให้นายทะเบียน",
)


def chain_model(n_nodes: int, *, lanes: int = 4, seed: int = 0) -> Definitions:
    """Return one pool with ``lanes`` lanes and about ``n_nodes`` flow nodes.

    Mostly a chain of tasks with an exclusive split and join every few steps, and a
    few loops back, so dot has real crossings and back edges to deal with.
    """
    rng = random.Random(seed)
    elements: list[object] = [StartEvent(id="n0", name="เริ่ม")]
    refs: list[list[str]] = [[] for _ in range(lanes)]
    refs[0].append("n0")
    flows: list[SequenceFlow] = []
    prev = "n0"
    i = 1
    lane = 0
    while i < n_nodes - 1:
        if rng.random() < 0.15 and i + 4 < n_nodes - 1:
            split, a, b, join = (f"n{i}", f"n{i + 1}", f"n{i + 2}", f"n{i + 3}")
            elements += [
                ExclusiveGateway(id=split, name="ผ่านหรือไม่"),
                UserTask(id=a, name=rng.choice(_NAMES)),
                Task(id=b, name=rng.choice(_NAMES)),
                ExclusiveGateway(id=join),
            ]
            for x in (split, a, b, join):
                refs[lane].append(x)
            flows += [
                SequenceFlow(id=f"f{i}a", source=prev, target=split),
                SequenceFlow(id=f"f{i}b", source=split, target=a, name="ผ่าน"),
                SequenceFlow(id=f"f{i}c", source=split, target=b, name="ไม่ผ่าน"),
                SequenceFlow(id=f"f{i}d", source=a, target=join),
                SequenceFlow(id=f"f{i}e", source=b, target=join),
            ]
            prev = join
            i += 4
        else:
            node = f"n{i}"
            elements.append(Task(id=node, name=rng.choice(_NAMES)))
            refs[lane].append(node)
            flows.append(SequenceFlow(id=f"f{i}", source=prev, target=node))
            if rng.random() < 0.05 and i > 5:
                back = f"n{rng.randrange(1, i - 2)}"
                if not back.startswith("n0"):
                    flows.append(SequenceFlow(id=f"f{i}back", source=node, target=back))
            prev = node
            i += 1
        if rng.random() < 0.2:
            lane = rng.randrange(lanes)
    elements.append(EndEvent(id=f"n{i}", name="จบ"))
    refs[lane].append(f"n{i}")
    flows.append(SequenceFlow(id=f"f{i}", source=prev, target=f"n{i}"))
    # drop back-flows whose target does not exist (ids of gateways may be skipped)
    ids = {getattr(e, "id", None) for e in elements}
    flows = [f for f in flows if f.source in ids and f.target in ids]
    process = Process(
        id="P_chain",
        flow_elements=(*elements, *flows),  # type: ignore[arg-type]
        lane_sets=(
            LaneSet(
                lanes=tuple(
                    Lane(id=f"L{k}", name=f"หน่วยงานที่ {k + 1}", flow_node_refs=tuple(r))
                    for k, r in enumerate(refs)
                )
            ),
        ),
    )
    collab = Collaboration(
        id="C_chain",
        participants=(Participant(id="Pool_chain", name="กรมตัวอย่าง", process_ref="P_chain"),),
    )
    return Definitions(id="Defs_chain", root_elements=(collab, process))


def edge_models() -> dict[str, Definitions]:
    """Small models for the corners of layout(): lanes without a pool, empty things."""
    lanes_no_pool = Process(
        id="P_lanes",
        flow_elements=(
            StartEvent(id="s"), Task(id="a", name="งานแรก"), Task(id="b", name="งานสอง"),
            EndEvent(id="e"),
            SequenceFlow(id="f1", source="s", target="a"),
            SequenceFlow(id="f2", source="a", target="b"),
            SequenceFlow(id="f3", source="b", target="e"),
        ),
        lane_sets=(LaneSet(lanes=(
            Lane(id="La", name="ฝ่ายหน้า", flow_node_refs=("s", "a"), child_lane_set=LaneSet(
                lanes=(Lane(id="La1", flow_node_refs=("s",)), Lane(id="La2",
                                                                   flow_node_refs=("a",))))),
            Lane(id="Lb", name="ฝ่ายหลัง", flow_node_refs=("b", "e")),
        )),),
    )
    sub_with_lanes = Process(
        id="P_sub",
        flow_elements=(
            SubProcess(
                id="SP",
                flow_elements=(
                    StartEvent(id="ss"), Task(id="st"),
                    SequenceFlow(id="sf", source="ss", target="st"),
                ),
                lane_sets=(LaneSet(lanes=(Lane(id="SL", flow_node_refs=("ss", "st")),)),),
            ),
        ),
    )
    empty_pool = Collaboration(
        id="C_empty",
        participants=(
            Participant(id="Pool_a", name="ก", process_ref="P_empty"),
            Participant(id="Pool_b", name="ข", process_ref="P_empty"),
        ),
        message_flows=(MessageFlow(id="mm", source="Pool_a", target="Pool_b"),),
    )
    return {
        "lanes-without-pool": Definitions(root_elements=(lanes_no_pool,)),
        "sub-process-with-lanes": Definitions(root_elements=(sub_with_lanes,)),
        "empty-pools": Definitions(root_elements=(empty_pool, Process(id="P_empty"))),
        "nothing": Definitions(),
    }
