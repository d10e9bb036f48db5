"""The reader: dialects, encodings, sources, provenance, opaque content, rp: facts."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from reprocess.errors import NotBpmnError
from reprocess.io import parse_bpmn, read_bpmn, to_bpmn_string
from reprocess.model import (
    Actor,
    BoundaryEvent,
    Channel,
    CustomerGroup,
    DataObjectReference,
    Definitions,
    ExclusiveGateway,
    Medium,
    Opaque,
    ScriptTask,
    SequenceFlow,
    StepKind,
    Task,
    UserTask,
)

FIXTURES = Path(__file__).with_name("fixtures")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def _read(name: str, **kwargs: bool) -> Definitions:
    return read_bpmn(FIXTURES / name, **kwargs)


# -- dialects ---------------------------------------------------------------------------------


def test_bpmn_io_dialect_with_pools_lanes_documents_and_facts() -> None:
    defs = _read("bpmnio-thai-service.bpmn")
    assert [p.id for p in defs.processes] == ["Process_Applicant", "Process_Agency"]
    assert [(p.id, p.role) for p in defs.participants] == [
        ("Pool_Applicant", Actor.APPLICANT),
        ("Pool_Agency", Actor.AGENCY),
    ]
    assert defs.participants[1].service is not None
    assert defs.participants[1].service.customer_group is CustomerGroup.BUSINESS
    agency = defs.processes[1]
    assert agency.service is not None
    assert agency.service.cases_per_year == 1200
    assert [lane.name for lane in defs.lanes_of("Pay")] == ["งานการเงิน"]
    assert defs.pool_of("Check").name == "เทศบาลตัวอย่าง"
    submit = defs.node("Submit")
    assert isinstance(submit, UserTask)
    assert submit.facts is not None
    assert (submit.facts.channel, submit.facts.medium, submit.facts.kind) == (
        Channel.COUNTER,
        Medium.PAPER,
        StepKind.SUBMIT,
    )
    assert submit.facts.copresence is True
    assert submit.facts.duration is not None
    assert submit.facts.duration.minutes == 10
    check = defs.node("Check")
    assert check.facts is not None
    assert check.facts.duration is not None
    assert check.facts.duration.working_days is True
    assert check.facts.legal_basis == "พ.ร.บ.การทะเบียนพาณิชย์ พ.ศ. 2499 ม.11"
    assert check.doc_text == "ตรวจความครบถ้วนของเอกสารตามคู่มือประชาชน"
    pay = defs.node("Pay")
    assert pay.facts is not None
    assert pay.facts.fee == Decimal("50")
    (doc,) = defs.documents_read("Submit")
    assert isinstance(doc, DataObjectReference)
    assert doc.document is not None
    assert (doc.document.copies, doc.document.certified, doc.document.issuer) == (
        1,
        True,
        "กรมการปกครอง",
    )
    gateway = defs.node("Gateway_Ok")
    assert isinstance(gateway, ExclusiveGateway)
    assert gateway.default == "Flow_No"
    assert [a.text for a in defs.annotations_of("Check")] == ["เอกสารตัวจริงต้องนำมาแสดง"]
    assert [m.id for m in defs.message_flows] == ["Msg_Submit"]
    assert len(defs.diagrams[0].plane.shapes) == 15  # type: ignore[union-attr]


def test_camunda_dialect_keeps_extensions_and_vendor_attributes() -> None:
    defs = _read("camunda7.bpmn")
    review = defs.node("Review")
    assert ("{http://camunda.org/schema/1.0/bpmn}assignee", "${engineer}") in review.attrs
    assert [c.local_name for c in review.children] == ["multiInstanceLoopCharacteristics"]
    process = defs.processes[0]
    assert process.extensions[0].local_name == "properties"
    assert ("{http://camunda.org/schema/1.0/bpmn}historyTimeToLive", "180") in process.attrs
    timer = defs.node("Timer")
    assert isinstance(timer, BoundaryEvent)
    assert (timer.attached_to, timer.cancel_activity) == ("Review", False)
    (definition,) = timer.event_definitions
    assert definition.kind == "timer"
    assert definition.timer_kind == "timeDuration"
    assert definition.timer is not None
    assert definition.timer.text == "P30D"
    flow = defs.element("Flow_Approve")
    assert isinstance(flow, SequenceFlow)
    assert flow.condition is not None
    assert flow.condition.text == "${approved && fee > 0}"
    assert (flow.condition.formal, flow.condition.language) == (True, "juel")
    wait = defs.node("WaitPaid")
    assert wait.event_definitions[0].ref == "Message_Paid"
    log = defs.node("Log")
    assert isinstance(log, ScriptTask)
    assert log.children[0].xml.endswith('>print("late &amp; slow")</bpmn:script>')


def test_signavio_default_namespace_and_omgdc_prefixes() -> None:
    defs = _read("signavio.bpmn")
    task = defs.node("sid-renew")
    assert isinstance(task, Task)
    assert task.name == "Renew\nlicence"
    assert [x.local_name for x in task.extensions] == ["signavioMetaData", "signavioMetaData"]
    shape = defs.diagrams[0].plane.shapes[0]  # type: ignore[union-attr]
    assert shape.bounds.x == 105.0
    assert shape.label is not None
    assert shape.label.label_style == "sid-style"
    assert [s.local_name for s in defs.diagrams[0].label_styles] == ["BPMNLabelStyle"]
    assert ("", BPMN) in defs.namespaces
    assert ("omgdc", "http://www.omg.org/spec/DD/20100524/DC") in defs.namespaces


def test_trisotech_semantic_prefix_and_prefixed_references() -> None:
    defs = _read("trisotech-semantic.bpmn")
    flows = defs.sequence_flows()
    assert [(f.source, f.target) for f in flows] == [("_s", "_t1"), ("_t1", "_e")]
    plane = defs.diagrams[0].plane
    assert plane is not None
    assert plane.element == "WFP-6-"
    assert [s.element for s in plane.shapes] == ["_s", "_t1", "_e"]
    doc = defs.processes[0].documentation[0]
    assert (doc.id, doc.text_format) == ("doc_1", "text/plain")
    assert ("semantic", BPMN) in defs.namespaces


def test_bizagi_dialect_with_empty_labels() -> None:
    defs = _read("bizagi.bpmn")
    assert defs.lane_of("T_1") is not None
    assert defs.node("T_1").documentation[0].text == ""
    collaboration = defs.collaborations[0]
    assert collaboration.extensions[0].local_name == "BizagiExtensions"
    edge = defs.diagrams[0].plane.edges[0]  # type: ignore[union-attr]
    assert edge.label is not None
    assert edge.label.bounds is None


def test_pre_final_bpmn_namespace_is_read_as_bpmn() -> None:
    defs = _read("jbpm-prefinal-namespace.bpmn2")
    process = defs.processes[0]
    assert [x.local_name for x in process.extensions] == ["global"]
    assert [c.tag for c in process.children] == [f"{{{BPMN}}}property"]
    assert ("", "http://www.omg.org/bpmn20") not in defs.namespaces
    assert "<bpmn2:property " in to_bpmn_string(defs)


def test_pre_final_namespace_alone_is_mapped_to_the_standard_one() -> None:
    xml = (
        '<definitions xmlns="http://www.omg.org/bpmn20" targetNamespace="x">'
        '<process id="P"><task id="T"/><ioSpecification id="io"/></process></definitions>'
    )
    defs = parse_bpmn(xml)
    assert isinstance(defs.node("T"), Task)
    assert defs.namespaces == (("", BPMN),)
    assert defs.processes[0].children[0].tag == f"{{{BPMN}}}ioSpecification"
    assert parse_bpmn(to_bpmn_string(defs)) == defs


def test_missing_names_and_ids_of_definitions_are_none() -> None:
    defs = _read("default-namespace-no-names.bpmn")
    assert defs.id is None
    assert all(n.name is None for n in defs.flow_nodes())
    assert defs.target_namespace == "urn:example:plain"


def test_incoming_and_outgoing_are_not_stored() -> None:
    defs = _read("bpmnio-thai-service.bpmn")
    for node in defs.flow_nodes():
        assert not any(c.local_name in ("incoming", "outgoing") for c in node.children)
    assert [f.id for f in defs.outgoing("Gateway_Ok")] == ["Flow_Yes", "Flow_No"]


def test_unknown_elements_are_kept_in_document_order() -> None:
    defs = _read("unknown-and-foreign-elements.bpmn")
    process = defs.processes[0]
    kinds = [(e.type, e.id) for e in process.flow_elements]
    assert kinds == [
        ("startEvent", "S"),
        ("opaque", "F1"),
        ("task", "T"),
        ("opaque", "N1"),
        ("sequenceFlow", "f1"),
        ("sequenceFlow", "f2"),
    ]
    future = process.flow_elements[1]
    assert isinstance(future, Opaque)
    assert future.tag == f"{{{BPMN}}}futureTask"
    assert [c.local_name for c in process.children] == ["ioSpecification"]
    assert [type(r).__name__ for r in defs.root_elements] == ["Opaque", "Process"]
    assert len(defs.diagrams) == 2
    # a DI shape may point at an element inside opaque content (a data input)
    assert defs.diagrams[0].plane.shapes[2].element == "In_1"  # type: ignore[union-attr]
    assert defs.node("T").data_inputs[0].sources == ("In_1",)


def test_opaque_content_is_canonical() -> None:
    defs = _read("camunda7.bpmn")
    review = defs.node("Review")
    xml = review.extensions[1].xml
    assert xml == (
        '<camunda:taskListener xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'class="org.example.Notify" event="create"></camunda:taskListener>'
    )
    loop = review.children[0].xml
    assert "\n" not in loop
    assert "  " not in loop
    canonical = etree.tostring(etree.fromstring(loop), method="c14n", exclusive=True).decode()
    assert canonical == loop


def test_tag_dispatch_is_by_exact_qualified_name() -> None:
    xml = (
        f'<definitions xmlns="{BPMN}" xmlns:v="urn:v" targetNamespace="x"><process id="P">'
        '<myTask id="A"/><v:task id="B"/><task id="C"/><subprocess id="D"/>'
        "</process></definitions>"
    )
    defs = parse_bpmn(xml)
    assert [type(e).__name__ for e in defs.processes[0].flow_elements] == [
        "Opaque",
        "Opaque",
        "Task",
        "Opaque",
    ]


# -- encodings and sources -----------------------------------------------------------------------


def test_iso_8859_1_declared_encoding() -> None:
    defs = _read("latin1-activiti.bpmn20.xml")
    assert defs.node("vérifier").name == "Vérifier la pièce d'identité"
    assert defs.node("début").name == "Début"


def test_windows_1252_declared_encoding() -> None:
    defs = _read("windows1252-ea.bpmn")
    assert defs.processes[0].name == "Fees – “quick” path"
    assert defs.node("pay").name == "Pay €50 fee"


def test_utf8_byte_order_mark_and_thai() -> None:
    path = FIXTURES / "utf8-bom-thai.bpmn"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    defs = read_bpmn(path)
    assert defs.processes[0].name == "การแจ้งเกิด"
    assert defs.processes[0].service is not None
    assert defs.processes[0].service.customer_group is CustomerGroup.CITIZENS
    assert defs.node("notify").facts.fee == Decimal("0")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "name", ["latin1-activiti.bpmn20.xml", "windows1252-ea.bpmn", "utf8-bom-thai.bpmn"]
)
def test_every_kind_of_source_gives_the_same_model(name: str) -> None:
    path = FIXTURES / name
    data = path.read_bytes()
    encoding = {"latin1-activiti.bpmn20.xml": "iso-8859-1", "windows1252-ea.bpmn": "cp1252"}
    text = data.decode(encoding.get(name, "utf-8-sig"))
    expected = read_bpmn(path)
    assert read_bpmn(str(path)) == expected
    assert read_bpmn(data) == expected
    assert read_bpmn(bytearray(data)) == expected
    assert read_bpmn(memoryview(data)) == expected
    assert read_bpmn(text) == expected  # a str with a declaration naming another encoding
    assert read_bpmn("\ufeff  \n" + text.lstrip("\ufeff")) == expected
    assert parse_bpmn(text) == expected
    assert parse_bpmn(data) == expected
    with path.open("rb") as binary:
        assert read_bpmn(binary) == expected
    assert read_bpmn(io.StringIO(text)) == expected
    assert read_bpmn(io.BytesIO(data)) == expected


def test_a_str_that_is_not_xml_is_a_path() -> None:
    with pytest.raises(Exception, match="cannot read the file") as info:
        read_bpmn("no-such-file.bpmn")
    assert "no-such-file.bpmn" in str(info.value)


# -- provenance ------------------------------------------------------------------------------------


def test_provenance_gives_the_path_and_line_of_every_id() -> None:
    path = FIXTURES / "camunda7.bpmn"
    defs = read_bpmn(path)
    assert defs.provenance.path == str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for element_id in ("permit", "Review", "Timer", "Flow_Approve", "Review_di", "Flow_1_di"):
        line = defs.provenance.line_of(element_id)
        assert line is not None
        assert f'id="{element_id}"' in lines[line - 1]
    assert parse_bpmn(path.read_bytes()).provenance.path is None


def test_provenance_is_not_part_of_equality() -> None:
    path = FIXTURES / "signavio.bpmn"
    assert read_bpmn(path) == parse_bpmn(to_bpmn_string(read_bpmn(path)))


# -- rp: facts in the reader ------------------------------------------------------------------------


def test_rp_role_on_a_task_is_kept_as_an_attribute() -> None:
    xml = (
        f'<definitions xmlns="{BPMN}" xmlns:rp="urn:reprocess:bpmn:1.0" targetNamespace="x">'
        '<process id="P"><task id="T" rp:role="agency" rp:kind="approve"/></process>'
        "</definitions>"
    )
    task = parse_bpmn(xml).node("T")
    assert task.facts is not None
    assert task.facts.kind is StepKind.APPROVE
    assert task.attrs == (("{urn:reprocess:bpmn:1.0}role", "agency"),)


def test_rp_values_with_surrounding_blanks_are_accepted() -> None:
    xml = (
        f'<definitions xmlns="{BPMN}" xmlns:rp="urn:reprocess:bpmn:1.0" targetNamespace="x">'
        '<process id="P"><task id="T" rp:channel=" online " rp:fee=" 12.5 "/></process>'
        "</definitions>"
    )
    facts = parse_bpmn(xml).node("T").facts
    assert facts is not None
    assert (facts.channel, facts.fee) == (Channel.ONLINE, Decimal("12.5"))


def test_the_model_validates_like_a_model_built_from_plain_data() -> None:
    """The reader's one ``model_validate`` call gives what the model itself would build."""
    for path in sorted(FIXTURES.iterdir()):
        defs = read_bpmn(path)
        rebuilt = Definitions.model_validate(defs.model_dump(), context={"lenient": True})
        assert rebuilt == defs, path.name


def test_read_model_is_frozen() -> None:
    defs = _read("bizagi.bpmn")
    with pytest.raises(Exception, match="frozen"):
        defs.id = "other"  # type: ignore[misc]


def test_fragments_are_not_bpmn_even_if_lenient() -> None:
    with pytest.raises(NotBpmnError):
        parse_bpmn(f'<task xmlns="{BPMN}" id="T"/>', lenient=True)


def test_the_reading_and_writing_guide_runs() -> None:
    """The examples of docs/reading-and-writing.md are doctests."""
    import doctest

    guide = Path(__file__).resolve().parents[2] / "docs" / "reading-and-writing.md"
    result = doctest.testfile(
        str(guide), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
    assert result.attempted > 20
