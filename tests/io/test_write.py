"""The writer: valid, ordered, deterministic BPMN 2.0; rp: facts; atomic files; XSD checks."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from reprocess.io import (
    XsdUnavailableError,
    find_xsd_dir,
    parse_bpmn,
    read_bpmn,
    to_bpmn_string,
    validate_xsd,
    write_bpmn,
)
from reprocess.io.extensions import RP_ATTRIBUTES
from reprocess.io.namespaces import RP
from reprocess.model import (
    Actor,
    ChangeMark,
    Channel,
    CustomerGroup,
    DataObject,
    DataObjectReference,
    Definitions,
    DocumentFacts,
    Duration,
    Lane,
    LaneSet,
    Medium,
    Participant,
    Process,
    ServiceInfo,
    StepFacts,
    StepKind,
    UserTask,
)
from reprocess.model.process import Collaboration

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")
RP_XSD = REPO / "schemas" / "reprocess-bpmn.xsd"
PACKAGED_RP_XSD = REPO / "reprocess" / "data" / "reprocess-bpmn.xsd"


def _load_strategies() -> ModuleType:
    name = "reprocess_tests_io_strategies"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("strategies.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


strategies = _load_strategies()


def _xsd_dir() -> Path:
    try:
        return find_xsd_dir()
    except XsdUnavailableError as exc:
        pytest.skip(f"OMG BPMN XSD not available: {exc}")


def _written(name: str) -> str:
    return to_bpmn_string(read_bpmn(FIXTURES / name))


# -- the document as a whole ------------------------------------------------------------------


def test_output_is_utf8_with_a_declaration() -> None:
    data = write_bpmn(read_bpmn(FIXTURES / "latin1-activiti.bpmn20.xml"))
    assert data is not None
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert "Vérifier la pièce d'identité" in data.decode("utf-8")


@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_namespaces_are_declared_once_on_the_root(path: Path) -> None:
    text = to_bpmn_string(read_bpmn(path))
    body = text.split(">", 2)[2]  # after the XML declaration and the root start tag
    assert "xmlns" not in body


def test_source_prefixes_are_kept() -> None:
    assert "<semantic:definitions " in _written("trisotech-semantic.bpmn")
    assert "<semantic:task " in _written("trisotech-semantic.bpmn")
    signavio = _written("signavio.bpmn")
    root = signavio.splitlines()[1]
    assert root.startswith("<definitions ")
    assert ' xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"' in root
    assert ' xmlns:omgdc="http://www.omg.org/spec/DD/20100524/DC"' in root
    assert "<omgdc:Bounds " in signavio
    assert "<signavio:signavioMetaData " in signavio
    assert "<bpmn2:scriptTask " in _written("jbpm-prefinal-namespace.bpmn2")


def test_default_prefixes_for_a_model_built_in_code() -> None:
    task = UserTask(id="T", facts=StepFacts(channel=Channel.ONLINE))
    text = to_bpmn_string(Definitions(root_elements=(Process(id="P", flow_elements=(task,)),)))
    root = text.splitlines()[1]
    assert 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' in root
    assert 'xmlns:rp="urn:reprocess:bpmn:1.0"' in root
    assert '<bpmn:userTask id="T" rp:channel="online"/>' in text


def test_pretty_output_is_indented_and_compact_output_is_not() -> None:
    model = read_bpmn(FIXTURES / "camunda7.bpmn")
    pretty = to_bpmn_string(model)
    compact = to_bpmn_string(model, pretty=False)
    assert "\n    <bpmn:userTask " in pretty
    assert compact.count("\n") == 2
    assert parse_bpmn(compact) == parse_bpmn(pretty)


# -- order of children and attributes ---------------------------------------------------------


def test_children_follow_the_xsd_sequence() -> None:
    text = _written("bpmnio-thai-service.bpmn")
    task = text[text.index('<bpmn:userTask id="Submit"') : text.index("</bpmn:userTask>")]
    order = [
        task.index("<bpmn:incoming>"),
        task.index("<bpmn:outgoing>"),
        task.index("<bpmn:property "),
        task.index("<bpmn:dataInputAssociation "),
    ]
    assert order == sorted(order)
    check = text[text.index('<bpmn:manualTask id="Check"') :]
    assert check.index("<bpmn:documentation>") < check.index("<bpmn:incoming>")
    process = text[text.index('<bpmn:process id="Process_Agency"') :]
    assert process.index("<bpmn:laneSet ") < process.index("<bpmn:receiveTask ")
    assert process.index("<bpmn:sequenceFlow ") < process.index("<bpmn:textAnnotation ")


def test_flow_elements_keep_document_order() -> None:
    model = read_bpmn(FIXTURES / "bpmnio-thai-service.bpmn")
    again = parse_bpmn(to_bpmn_string(model))
    assert [e.id for e in again.processes[1].flow_elements] == [
        e.id for e in model.processes[1].flow_elements
    ]


def test_attribute_order_is_id_name_modelled_facts_then_kept() -> None:
    text = _written("camunda7.bpmn")
    assert (
        '<bpmn:userTask id="Review" name="พิจารณาแบบแปลน" camunda:assignee="${engineer}" '
        'camunda:candidateGroups="engineers">'
    ) in text
    assert (
        '<bpmn:boundaryEvent id="Timer" name="เกิน 30 วัน" attachedToRef="Review" '
        'cancelActivity="false">'
    ) in text
    thai = _written("bpmnio-thai-service.bpmn")
    assert (
        '<bpmn:userTask id="Submit" name="ยื่นแบบ ทพ. ณ เคาน์เตอร์" rp:actor="applicant" '
        'rp:channel="counter" rp:medium="paper" rp:kind="submit" rp:duration="PT10M" '
        'rp:copresence="true">'
    ) in thai


def test_numbers_have_no_trailing_zero_and_booleans_only_when_not_default() -> None:
    signavio = _written("signavio.bpmn")
    assert '<omgdc:Bounds x="105" y="160" width="30" height="30"/>' in signavio
    thai = _written("bpmnio-thai-service.bpmn")
    assert 'y="352.5"' in thai
    camunda = _written("camunda7.bpmn")
    assert "isInterrupting" not in camunda
    assert 'isExecutable="true"' in camunda
    assert 'cancelActivity="false"' in camunda


def test_incoming_and_outgoing_are_regenerated_in_flow_order() -> None:
    text = _written("default-namespace-no-names.bpmn")  # the source has none
    fork = text[text.index('<parallelGateway id="c">') : text.index("</parallelGateway>")]
    assert fork.index("<outgoing>f3</outgoing>") < fork.index("<outgoing>f4</outgoing>")
    assert "<incoming>f2</incoming>" in fork
    assert text.count("<incoming>") == 7


def test_expressions_are_written_with_their_type_and_language() -> None:
    text = _written("camunda7.bpmn")
    assert (
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="juel">'
        "${approved &amp;&amp; fee &gt; 0}</bpmn:conditionExpression>"
    ) in text
    assert '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P30D</bpmn:timeDuration>' in text


def test_strings_are_escaped() -> None:
    task = UserTask(id="T", name='a "b" & <c>\n\td\r')
    model = Definitions(root_elements=(Process(id="P", flow_elements=(task,)),))
    text = to_bpmn_string(model)
    assert 'name="a &quot;b&quot; &amp; &lt;c&gt;&#10;&#9;d&#13;"' in text
    assert parse_bpmn(text) == model


def test_characters_xml_cannot_carry_are_refused() -> None:
    model = Definitions(root_elements=(Process(id="P", name="bell\x07"),))
    with pytest.raises(ValueError, match="U\\+0007"):
        to_bpmn_string(model)


# -- targets -----------------------------------------------------------------------------------


def test_write_to_path_bytes_and_binary_file(tmp_path: Path) -> None:
    model = read_bpmn(FIXTURES / "signavio.bpmn")
    data = write_bpmn(model)
    target = tmp_path / "out.bpmn"
    assert write_bpmn(model, target) is None
    assert target.read_bytes() == data
    assert write_bpmn(model, str(tmp_path / "out2.bpmn")) is None
    assert (tmp_path / "out2.bpmn").read_bytes() == data
    buffer = io.BytesIO()
    assert write_bpmn(model, buffer) is None
    assert buffer.getvalue() == data
    assert to_bpmn_string(model).encode("utf-8") == data


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "process.bpmn"
    target.write_bytes(b"old content")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_bpmn(read_bpmn(FIXTURES / "signavio.bpmn"), target)
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["process.bpmn"]


def test_writing_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="No such file"):
        write_bpmn(Definitions(), tmp_path / "no" / "such" / "folder.bpmn")
    assert list(tmp_path.iterdir()) == []


# -- the rp: extension and its XSD ----------------------------------------------------------------

_ALL_FACTS = Definitions(
    root_elements=(
        Collaboration(
            id="C",
            participants=(
                Participant(
                    id="Pool",
                    process_ref="P",
                    role=Actor.AGENCY,
                    service=ServiceInfo(
                        name="การจดทะเบียนพาณิชย์",
                        agency="เทศบาล",
                        ministry="มหาดไทย",
                        customer_group=CustomerGroup.BUSINESS,
                        cases_per_year=1200,
                        manual_ref="MN-01",
                    ),
                ),
            ),
        ),
        Process(
            id="P",
            service=ServiceInfo(name="x", customer_group=CustomerGroup.CITIZENS),
            flow_elements=(
                UserTask(
                    id="T",
                    facts=StepFacts(
                        actor=Actor.APPLICANT,
                        channel=Channel.COUNTER,
                        medium=Medium.PAPER,
                        kind=StepKind.SUBMIT,
                        duration=Duration(iso="P1DT2H", working_days=True),
                        fee=Decimal("12.50"),
                        copresence=True,
                        legal_basis="พ.ร.บ. ม.11",
                        change=ChangeMark.CHANGED,
                    ),
                ),
                DataObject(id="DO", document=DocumentFacts(originals=1)),
                DataObjectReference(
                    id="DR",
                    data_object="DO",
                    document=DocumentFacts(
                        originals=0,
                        copies=2,
                        certified=True,
                        issuer="กรมการปกครอง",
                        state_issued=True,
                        condition="กรณีมอบอำนาจ",
                        medium=Medium.ELECTRONIC,
                        change=ChangeMark.ADDED,
                    ),
                ),
            ),
            lane_sets=(LaneSet(lanes=(Lane(id="L", flow_node_refs=("T",), role=Actor.AGENCY),)),),
        ),
    )
)


def _rp_attributes(text: str) -> list[tuple[str, str]]:
    root = etree.fromstring(text.encode("utf-8"))
    return [
        (k, v)
        for el in root.iter(etree.Element)
        for k, v in el.items()
        if str(k).startswith("{" + RP + "}")
    ]


def _probe_schema() -> etree.XMLSchema:
    """A schema whose ``probe`` element allows exactly the attributes of reprocess-bpmn.xsd."""
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:probe" '
        'elementFormDefault="qualified">'
        f'<xsd:import namespace="{RP}" schemaLocation="{RP_XSD.resolve().as_uri()}"/>'
        '<xsd:element name="probe"><xsd:complexType>'
        f'<xsd:anyAttribute namespace="{RP}" processContents="strict"/>'
        "</xsd:complexType></xsd:element></xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def _check_rp_attributes(schema: etree.XMLSchema, pairs: list[tuple[str, str]]) -> None:
    for name, value in pairs:
        probe = etree.Element("{urn:probe}probe", nsmap={"rp": RP})
        probe.set(name, value)
        assert schema.validate(probe), (name, value, str(schema.error_log))


def test_every_rp_attribute_the_writer_writes_is_in_the_xsd() -> None:
    written = _rp_attributes(to_bpmn_string(_ALL_FACTS))
    names = {k.split("}")[1] for k, _ in written}
    assert names == {a.name for a in RP_ATTRIBUTES}
    _check_rp_attributes(_probe_schema(), written)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.definitions())
def test_rp_attributes_of_generated_models_are_in_the_xsd(model: Definitions) -> None:
    _check_rp_attributes(_probe_schema(), _rp_attributes(to_bpmn_string(model)))


def test_the_xsd_declares_exactly_the_attribute_table() -> None:
    xsd = etree.parse(str(RP_XSD)).getroot()
    ns = {"xsd": "http://www.w3.org/2001/XMLSchema"}
    declared = {a.get("name"): a.get("type") for a in xsd.findall("xsd:attribute", ns)}
    table = {a.name: a.xsd_type for a in RP_ATTRIBUTES}
    assert declared == table
    for attribute in xsd.findall("xsd:attribute", ns):
        langs = {
            d.get("{http://www.w3.org/XML/1998/namespace}lang")
            for d in attribute.iter("{http://www.w3.org/2001/XMLSchema}documentation")
        }
        assert langs == {"en", "th"}, attribute.get("name")


def test_the_packaged_xsd_is_the_documented_one() -> None:
    assert PACKAGED_RP_XSD.read_bytes() == RP_XSD.read_bytes()


def test_bad_rp_values_fail_validation_with_the_extension_schema() -> None:
    xsd_dir = _xsd_dir()
    text = to_bpmn_string(_ALL_FACTS).replace('rp:channel="counter"', 'rp:channel="fax"')
    problems = validate_xsd(text.encode(), xsd_dir)
    assert problems
    assert "channel" in problems[0].message
    assert validate_xsd(text.encode(), xsd_dir, extension=False) == []


# -- OMG XSD validation of written files ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "bpmnio-thai-service.bpmn",
        "camunda7.bpmn",
        "signavio.bpmn",
        "trisotech-semantic.bpmn",
        "bizagi.bpmn",
        "jbpm-prefinal-namespace.bpmn2",
        "utf8-bom-thai.bpmn",
    ],
)
def test_written_fixtures_validate_against_bpmn20_xsd(name: str) -> None:
    xsd_dir = _xsd_dir()
    data = write_bpmn(read_bpmn(FIXTURES / name))
    assert data is not None
    assert validate_xsd(data, xsd_dir) == []


def test_all_facts_model_validates_against_bpmn20_xsd() -> None:
    assert validate_xsd(to_bpmn_string(_ALL_FACTS).encode(), _xsd_dir()) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.definitions())
def test_generated_models_validate_against_bpmn20_xsd(model: Definitions) -> None:
    xsd_dir = _xsd_dir()
    problems = validate_xsd(to_bpmn_string(model).encode(), xsd_dir)
    assert problems == [], problems[:3]


def test_validate_xsd_reports_lines_and_ids() -> None:
    xsd_dir = _xsd_dir()
    problems = validate_xsd(FIXTURES / "bpmnio-thai-service.bpmn", xsd_dir)
    assert [(p.line, p.element_id, p.code) for p in problems] == [(19, "Property_1", "schema")]


def test_missing_xsd_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(XsdUnavailableError, match=r"BPMN20\.xsd"):
        validate_xsd(b"<x/>", tmp_path)


def test_written_xml_is_parseable_by_lxml_with_the_same_text() -> None:
    text = _written("utf8-bom-thai.bpmn")
    root = etree.fromstring(text.encode("utf-8"))
    names = [el.get("name") for el in root.iter() if el.get("name")]
    assert "แจ้งเกิดที่สำนักทะเบียน" in names
    assert re.search(r'rp:fee="0"', text)
