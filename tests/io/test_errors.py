"""Bad input: every failure is the library's own error, names the file, and says where.

Syntax errors (line and column), DOCTYPEs and entity tricks, size limits, non-BPMN
documents, duplicate ids and dangling references (all at once), bad attribute values,
lenient mode, and fuzzed input that must never raise anything but a ReprocessError.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reprocess.errors import (
    BpmnParseError,
    BpmnReferenceError,
    BpmnSyntaxError,
    InputTooLargeError,
    NotBpmnError,
    ReprocessError,
)
from reprocess.io import parse_bpmn, read_bpmn, to_bpmn_string
from reprocess.model import Opaque

FIXTURES = Path(__file__).with_name("fixtures")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
HEAD = (
    f'<definitions xmlns="{BPMN}" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:rp="urn:reprocess:bpmn:1.0" '
    'targetNamespace="x">'
)


def _doc(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{HEAD}\n{body}\n</definitions>\n'


# -- not well-formed ------------------------------------------------------------------------------


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.bpmn"
    path.write_text(_doc('<process id="P">\n  <task id="T">\n</process>'), encoding="utf-8")
    with pytest.raises(BpmnSyntaxError) as info:
        read_bpmn(path)
    err = info.value
    assert (err.path, err.line) == (str(path), 5)
    assert err.column is not None
    assert err.column > 0
    assert str(err).startswith(f"{path}:5:{err.column}: not well-formed XML: ")
    assert "mismatch" in str(err)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"not xml at all", b"<definitions", b"\xff\xfe\x00garbage", b"<a></b>"],
)
def test_not_well_formed_inputs(data: bytes) -> None:
    with pytest.raises(BpmnSyntaxError, match=r"^<string>:"):
        parse_bpmn(data)


def test_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.bpmn"
    path.write_bytes(b"")
    with pytest.raises(
        BpmnSyntaxError, match=r"empty\.bpmn:1:1: not well-formed XML: the document"
    ):
        read_bpmn(path)


def test_bytes_that_do_not_match_the_declared_encoding() -> None:
    data = _doc('<process id="P" name="caf\xe9"/>').encode("latin-1")
    with pytest.raises(BpmnSyntaxError, match="<string>:3:"):
        parse_bpmn(data)


# -- DOCTYPE, entities, size ---------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
  <process id="P" name="&lol9;"/>
</definitions>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
  <process id="P" name="&xxe;"/>
</definitions>
"""


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(BpmnParseError, match="DOCTYPE") as info:
        parse_bpmn(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert info.value.line == 2


def test_external_entities_are_never_resolved() -> None:
    with pytest.raises(BpmnParseError, match="DOCTYPE") as info:
        parse_bpmn(XXE, lenient=True)
    assert "root:" not in str(info.value)


def test_doctype_after_comments_and_in_utf16_is_refused() -> None:
    data = (
        b"<?xml version='1.0'?><!-- c --><?pi x?>\n<!DOCTYPE x []>"
        + _doc("").split("\n", 1)[1].encode()
    )
    with pytest.raises(BpmnParseError, match="DOCTYPE"):
        parse_bpmn(data)
    utf16 = XXE.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(BpmnParseError, match="DOCTYPE"):
        parse_bpmn(utf16.encode("utf-16"))


def test_doctype_inside_cdata_is_just_text() -> None:
    body = '<process id="P"><documentation><![CDATA[<!DOCTYPE html>]]></documentation></process>'
    defs = parse_bpmn(_doc(body))
    assert defs.processes[0].documentation[0].text == "<!DOCTYPE html>"


def test_size_limit(tmp_path: Path) -> None:
    data = _doc('<process id="P"/>').encode()
    path = tmp_path / "big.bpmn"
    path.write_bytes(data)
    for source in (path, str(path), data, data.decode(), path.open("rb")):
        with pytest.raises(InputTooLargeError) as info:
            read_bpmn(source, max_bytes=50)
        assert "max_bytes=50" in str(info.value)
        assert "pass a larger max_bytes" in str(info.value)
    assert read_bpmn(path, max_bytes=len(data)).processes[0].id == "P"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BpmnParseError, match=r"missing\.bpmn: cannot read the file"):
        read_bpmn(tmp_path / "missing.bpmn")
    with pytest.raises(BpmnParseError, match="cannot read the file"):
        read_bpmn(tmp_path)


# -- well-formed but not BPMN ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (
            '<Package xmlns="http://www.wfmc.org/2002/XPDL1.0" Id="p"/>',
            "the root element is <Package> in namespace http://www.wfmc.org/2002/XPDL1.0 "
            "(an XPDL process definition, not BPMN 2.0)",
        ),
        (
            '<definitions xmlns="http://not-bpmn" targetNamespace="x"/>',
            "the root element is <definitions> in namespace http://not-bpmn",
        ),
        (
            '<definitions targetNamespace="x"><process id="P"/></definitions>',
            "the root element is <definitions> in no namespace",
        ),
        (
            f'<subProcess xmlns="{BPMN}" id="S"/>',
            "the root element is <subProcess>, a BPMN fragment",
        ),
        (
            '<BPMNShape xmlns="http://www.omg.org/spec/BPMN/20100524/DI" id="S"/>',
            "the root element is <BPMNShape> in namespace http://www.omg.org/spec/BPMN/20100524/DI",
        ),
    ],
)
def test_not_bpmn(xml: str, expected: str) -> None:
    for lenient in (False, True):
        with pytest.raises(NotBpmnError) as info:
            parse_bpmn(xml, lenient=lenient)
        assert str(info.value).startswith("<string>:1: " + expected)


# -- references ---------------------------------------------------------------------------------------

REFERENCES = _doc(
    """<process id="P">
  <task id="A"/>
  <task id="A"/>
  <sequenceFlow id="f1" sourceRef="A" targetRef="Nowhere"/>
  <boundaryEvent id="B" attachedToRef="Ghost"/>
</process>
<process id="P"/>
<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="Pl" bpmnElement="Missing">
  <bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds x="0" y="0" width="1" height="1"/>
  </bpmndi:BPMNShape>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"""
)


def test_duplicate_ids_and_dangling_references_are_listed_all_at_once() -> None:
    with pytest.raises(BpmnReferenceError) as info:
        parse_bpmn(REFERENCES)
    found = [(p.code, p.element_id, p.line) for p in info.value.problems]
    assert found == [
        ("duplicate-id", "A", 5),
        ("duplicate-id", "P", 9),
        ("dangling-reference", "f1", 6),
        ("dangling-reference", "B", 7),
        ("dangling-reference", "Pl", 10),
    ]
    message = str(info.value)
    assert message.startswith("5 reference problem(s):")
    assert "<string>:6: 'f1' targetRef points at 'Nowhere', which does not exist" in message


def test_lenient_mode_keeps_the_problems_with_their_lines() -> None:
    defs = parse_bpmn(REFERENCES, lenient=True)
    assert [(p.code, p.element_id, p.line) for p in defs.problems] == [
        ("duplicate-id", "A", 5),
        ("duplicate-id", "P", 9),
        ("dangling-reference", "f1", 6),
        ("dangling-reference", "B", 7),
        ("dangling-reference", "Pl", 10),
    ]
    assert parse_bpmn(to_bpmn_string(defs), lenient=True).problems[0].code == "duplicate-id"


def test_the_definitions_id_counts_for_duplicates() -> None:
    xml = f'<definitions xmlns="{BPMN}" id="test" targetNamespace="x"><process id="test"/></definitions>'
    with pytest.raises(BpmnReferenceError, match="duplicate id 'test'"):
        parse_bpmn(xml)


def test_prefixed_references_resolve() -> None:
    xml = _doc(
        '<process id="P"><task id="A"/><task id="B"/>'
        '<sequenceFlow id="f" sourceRef="tns:A" targetRef="B"/></process>'
    ).replace('targetNamespace="x"', 'xmlns:tns="x" targetNamespace="x"')
    assert parse_bpmn(xml).sequence_flows()[0].source == "A"


# -- bad attribute values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "element", "words"),
    [
        (
            '<bpmndi:BPMNDiagram><bpmndi:BPMNPlane>\n<bpmndi:BPMNShape id="S_di">'
            '<dc:Bounds x="ten" y="0" width="1" height="1"/></bpmndi:BPMNShape>'
            "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>",
            4,
            "S_di",
            "non-numeric <dc:Bounds>",
        ),
        ('<process id="P">\n<task id="T" rp:duration="5 days"/></process>', 4, "T", "rp:duration"),
        ('<process id="P">\n<task id="T" rp:chanel="post"/></process>', 4, "T", "rp:chanel"),
        ('<process id="P">\n<task id="T" rp:fee="50 baht"/></process>', 4, "T", "rp:fee"),
        (
            '<process id="P">\n<startEvent id="S" isInterrupting="maybe"/></process>',
            4,
            "S",
            "isInterrupting",
        ),
    ],
)
def test_bad_attribute_values(body: str, line: int, element: str, words: str) -> None:
    with pytest.raises(BpmnParseError) as info:
        parse_bpmn(_doc(body))
    err = info.value
    assert (err.line, err.element_id) == (line, element)
    assert words in str(err)
    assert str(err).startswith(f"<string>:{line}: ")
    defs = parse_bpmn(_doc(body), lenient=True)
    (problem,) = defs.problems
    assert (problem.code, problem.line, problem.element_id) == ("schema", line, element)
    # lenient reading keeps the bad value, and writes it back as it was
    again = parse_bpmn(to_bpmn_string(defs), lenient=True)
    assert again.model_copy(update={"problems": ()}) == defs.model_copy(update={"problems": ()})


def test_a_bad_shape_is_kept_opaque_when_lenient() -> None:
    body = (
        '<bpmndi:BPMNDiagram><bpmndi:BPMNPlane><bpmndi:BPMNShape id="S_di">'
        '<dc:Bounds x="ten" y="0" width="1" height="1"/></bpmndi:BPMNShape>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    defs = parse_bpmn(_doc(body), lenient=True)
    item = defs.diagrams[0].plane.items[0]  # type: ignore[union-attr]
    assert isinstance(item, Opaque)
    assert 'x="ten"' in item.xml


def test_missing_required_parts_keep_the_element_opaque() -> None:
    body = '<process id="P"><sequenceFlow sourceRef="a" targetRef="b"/><boundaryEvent id="B"/></process>'
    strict = parse_bpmn(_doc(body))
    assert [type(e).__name__ for e in strict.processes[0].flow_elements] == ["Opaque", "Opaque"]
    assert strict.problems == ()
    lenient = parse_bpmn(_doc(body), lenient=True)
    assert [p.message for p in lenient.problems] == [
        "<sequenceFlow> has no id; kept as unread content",
        "<boundaryEvent> has no attachedToRef; kept as unread content",
    ]


# -- nothing else ever escapes -------------------------------------------------------------------------------

_SEED = (FIXTURES / "camunda7.bpmn").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_library_errors(data: bytes) -> None:
    for lenient in (False, True):
        with contextlib.suppress(ReprocessError):
            parse_bpmn(data, lenient=lenient)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(_SEED) - 1),
    st.integers(0, 40),
    st.binary(max_size=12) | st.sampled_from([b'"', b"<", b">", b"&", b"=", b"tns:", b"/>"]),
)
def test_mutated_documents_raise_only_library_errors(start: int, cut: int, insert: bytes) -> None:
    data = _SEED[:start] + insert + _SEED[start + cut :]
    for lenient in (False, True):
        message = "<string>"
        try:
            parse_bpmn(data, lenient=lenient)
        except ReprocessError as exc:
            message = str(exc)
        assert "<string>" in message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(_SEED)))
def test_truncated_documents_raise_syntax_errors(end: int) -> None:
    if end >= len(_SEED.rstrip()):
        parse_bpmn(_SEED[:end])
        return
    with pytest.raises(BpmnSyntaxError):
        parse_bpmn(_SEED[:end])
