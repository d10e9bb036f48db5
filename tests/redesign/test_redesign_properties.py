"""Hypothesis: small as-is models (applicant lane, agency lanes, paper-ish Thai labels,
documents) and the properties every proposal keeps."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redesign_support import APPLICANT_LANES, chain_model

from reprocess.analysis.engine import check
from reprocess.io import to_bpmn_string
from reprocess.model import Actor, Channel, Definitions, DocumentFacts
from reprocess.model import graph as g
from reprocess.redesign import redesign

APPLICANT_STEPS = (
    "กรอกแบบคำขอ ลงลายมือชื่อ และยื่นคำขอ ณ เคาน์เตอร์",
    "ยื่นคำร้องด้วยตนเอง ณ สำนักงานเขต พร้อมแสดงบัตรประจำตัวประชาชนตัวจริง",
    "ชำระค่าธรรมเนียม 200 บาท เป็นเงินสด ณ งานการเงิน",
    "มารับใบอนุญาตฉบับจริงที่สำนักงาน",
    "ส่งคำขอทางไปรษณีย์ลงทะเบียน",
    "ดาวน์โหลดแบบฟอร์ม พิมพ์ กรอกแล้วนำมายื่น",
)
AGENCY_STEPS = (
    "ตรวจสอบความครบถ้วนของคำขอและเอกสาร",
    "ลงทะเบียนรับเรื่องในสมุดทะเบียน",
    "จัดทำบันทึกข้อความ เสนอแฟ้มผู้อำนวยการกอง",
    "ผู้อำนวยการพิจารณาอนุมัติและลงนามในใบอนุญาต",
    "ออกตรวจสถานที่",
    "ทำหนังสือสอบถามไปยังหน่วยงานอื่น",
    "มีหนังสือแจ้งผลการพิจารณาทางไปรษณีย์",
    "บันทึกข้อมูลเข้าระบบ",
)
DOCS = (
    ("สำเนาบัตรประจำตัวประชาชน", DocumentFacts(copies=1, issuer="กรมการปกครอง",
                                               state_issued=True)),
    ("สำเนาทะเบียนบ้าน (รับรองสำเนาถูกต้อง)", DocumentFacts(copies=1, certified=True,
                                                         issuer="กรมการปกครอง",
                                                         state_issued=True)),
    ("หนังสือมอบอำนาจ ติดอากรแสตมป์ 10 บาท", DocumentFacts(condition="กรณีมอบอำนาจ")),
    ("แผนที่ตั้งสถานประกอบการ", DocumentFacts(copies=0)),
    ("รูปถ่าย 1 นิ้ว 2 รูป", DocumentFacts(originals=2)),
)


@st.composite
def as_is_models(draw: st.DrawFn) -> Definitions:
    n = draw(st.integers(min_value=1, max_value=7))
    steps = []
    for i in range(n):
        applicant = draw(st.booleans()) or i == 0
        if applicant:
            name = draw(st.sampled_from(APPLICANT_STEPS))
            facts: dict[str, object] = {"lane": "Lane_Applicant"}
            if draw(st.booleans()):
                facts.update(actor=Actor.APPLICANT, channel=Channel.COUNTER)
        else:
            name = draw(st.sampled_from(AGENCY_STEPS))
            facts = {"lane": draw(st.sampled_from(("Lane_Officer", "Lane_Finance")))}
        kind = draw(st.sampled_from(("manualTask", "userTask")))
        steps.append((f"T{i}", kind, name, facts))
    doc_idx = draw(st.lists(st.integers(0, len(DOCS) - 1), max_size=3, unique=True))
    docs = tuple((f"Doc_{j}", DOCS[j][0], "T0", DOCS[j][1]) for j in doc_idx)
    cases = draw(st.one_of(st.none(), st.integers(1, 50_000)))
    return chain_model(*steps, docs=docs, lanes=APPLICANT_LANES, cases=cases)


SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(as_is_models(), st.booleans())
def test_properties(defs: Definitions, law: bool) -> None:
    p = redesign(defs, assume_law_change=law)
    to_be = p.to_be
    # structurally valid
    assert g.unreachable_nodes(to_be) == ()
    assert g.dead_end_nodes(to_be) == ()
    # target reached, or the proposal says what stops it
    assert p.target_reached or all(r.obstacles for r in p.remaining)
    assert check(to_be).level == p.level_after
    # pure, deterministic, idempotent
    assert to_bpmn_string(redesign(defs, assume_law_change=law).to_be) == to_bpmn_string(to_be)
    assert redesign(to_be, assume_law_change=law).changes == ()
    # nothing of the as-is lost silently
    for fate in p.element_fate.values():
        assert fate.reason_en is None or "a bug" not in fate.reason_en
    # the burden cannot grow: visits and out-of-pocket cost only go down
    assert p.metrics.after.visits <= p.metrics.before.visits
    assert p.metrics.after.out_of_pocket_baht <= p.metrics.before.out_of_pocket_baht
