"""Overlays: blockers coloured by level with codes and a legend; to-be changes marked."""

from __future__ import annotations

from types import SimpleNamespace

from handout_support import E1, E3, E11, analysis_of, diag, model, proposal_of

from reprocess.analysis import Analysis, FindingStatus
from reprocess.model import (
    Definitions,
    EndEvent,
    Lane,
    LaneSet,
    Process,
    SequenceFlow,
    StartEvent,
    StepFacts,
    Task,
    UserTask,
)
from reprocess.render.dot import STYLE_COLOURS
from reprocess.render.overlays import (
    ALTERNATIVE_COLOURS,
    LEVEL_COLOURS,
    OTHER_COLOURS,
    ChangeSet,
    as_is_diagram,
    change_marks,
    finding_kind,
    findings_legend,
    findings_marks,
    proposal_changes,
    proposal_view,
    remaining_badges,
    to_be_diagram,
    with_removed,
)

# -- as-is ---------------------------------------------------------------------------------


def test_colour_is_the_lowest_level_blocked() -> None:
    marks = findings_marks([diag("ISS001", "L3"), diag("PAY001", "L2"), diag("EFF002", None)])
    assert marks["T"].colours() == LEVEL_COLOURS["L2"]
    assert marks["T"].badge == "PAY001 ISS001 EFF002"


def test_each_kind_has_its_colour() -> None:
    found = [
        diag("APP001", "L1", "a"),
        diag("APP003", "L1", "b", blocking=False),
        diag("STR001", None, "c"),
        diag("PAY001", "L2", "d", status=FindingStatus.ALTERNATIVE),
        diag("ISS001", "L3", "e", status=FindingStatus.WAIVED, waiver_reason="ok"),
    ]
    marks = findings_marks(found)
    assert marks["a"].colours() == LEVEL_COLOURS["L1"]
    assert marks["b"].colours() == OTHER_COLOURS  # a once-only gap does not block here
    assert marks["c"].colours() == OTHER_COLOURS
    assert marks["d"].colours() == ALTERNATIVE_COLOURS
    assert "e" not in marks  # waived findings are not drawn
    assert [finding_kind(d) for d in found] == ["L1", "other", "other", "alternative", None]


def test_codes_once_and_tooltip_bilingual() -> None:
    marks = findings_marks([diag("APP001", "L1"), diag("APP001", "L1")])
    assert marks["T"].badge == "APP001"
    assert marks["T"].tooltip == "APP001: ข้อความ (message)"


def test_findings_without_element_are_not_marked() -> None:
    assert findings_marks([diag("ODT002", None, None)]) == {}


def test_legend_is_thai_then_english() -> None:
    legend = findings_legend([diag("APP001", "L1")])
    assert [r[0] for r in legend.rows] == [LEVEL_COLOURS[k][0] for k in ("L1", "L2", "L3")]
    assert legend.rows[0][1].startswith("ขัดขวางระดับ 1")
    assert legend.rows[0][2] == "blocks L1, apply online"
    assert "Legend" in legend.title
    assert "คำอธิบาย" in legend.title
    alternative = findings_legend([diag("PAY001", "L2", status=FindingStatus.ALTERNATIVE)])
    assert alternative.rows[-1][2] == "alternative channel kept"
    assert len(findings_legend(Analysis(), all_rows=True).rows) == 5


def test_e3_blockers_coloured_by_level() -> None:
    a = analysis_of(E3)
    marks = findings_marks(a)
    assert a.assessment is not None
    for level, blockers in a.assessment.blockers.items():
        for b in blockers:
            assert b.element_id is not None
            fill = marks[b.element_id].fill
            lowest = min(lv for lv, bs in a.assessment.blockers.items()
                         if any(x.element_id == b.element_id for x in bs))
            assert fill == LEVEL_COLOURS[lowest][0], (b.element_id, level)
            assert b.code in (marks[b.element_id].badge or "")


def test_e3_as_is_diagram_has_badges_and_legend() -> None:
    source = as_is_diagram(model(E3), analysis_of(E3)).source
    assert "⚑ APP001 APP006" in source
    assert "blocks L1, apply online" in source
    assert LEVEL_COLOURS["L2"][0] in source


def test_e11_counter_branch_is_an_alternative_channel() -> None:
    a = analysis_of(E11)
    marks = findings_marks(a)
    kept = {d.element_id for d in a.findings if d.status == FindingStatus.ALTERNATIVE}
    assert kept
    for element_id in kept:
        assert element_id is not None
        assert marks[element_id].colours() == ALTERNATIVE_COLOURS
    legend = findings_legend(a)
    assert "alternative channel kept" in [r[2] for r in legend.rows]


def test_waiving_removes_the_colour() -> None:
    from reprocess.analysis import Config, Waiver, check

    cfg = Config(waivers=(Waiver(code="APP007", element="Doc_Consent", reason="ตกลงแล้ว"),))
    before = findings_marks(analysis_of(E3))
    after = findings_marks(check(model(E3), config=cfg))
    assert "APP007" in (before["Doc_Consent"].badge or "")
    assert "APP007" not in ((after.get("Doc_Consent") and after["Doc_Consent"].badge) or "")


# -- to-be ---------------------------------------------------------------------------------


def _chain() -> tuple[Definitions, Definitions]:
    lanes = (LaneSet(id="LS", lanes=(
        Lane(id="L_app", name="ผู้ขอ", flow_node_refs=("S", "Copy", "E")),
        Lane(id="L_off", name="เจ้าหน้าที่", flow_node_refs=("Check",)),
    )),)
    before = Definitions(root_elements=(Process(id="P", lane_sets=lanes, flow_elements=(
        StartEvent(id="S"), Task(id="Copy", name="ถ่ายสำเนาบัตร"), Task(id="Check", name="ตรวจ"),
        EndEvent(id="E"), SequenceFlow(id="f1", source="S", target="Copy"),
        SequenceFlow(id="f2", source="Copy", target="Check"),
        SequenceFlow(id="f3", source="Check", target="E"))),))
    new_lanes = (LaneSet(id="LS", lanes=(
        Lane(id="L_app", name="ผู้ขอ", flow_node_refs=("S", "E")),
        Lane(id="L_off", name="เจ้าหน้าที่", flow_node_refs=("Check", "Fetch")),
    )),)
    after = Definitions(root_elements=(Process(id="P", lane_sets=new_lanes, flow_elements=(
        StartEvent(id="S"), UserTask(id="Fetch", name="ดึงข้อมูล", facts=StepFacts(change="added")),
        Task(id="Check", name="ตรวจ", facts=StepFacts(change="changed")), EndEvent(id="E"),
        SequenceFlow(id="f1", source="S", target="Fetch"),
        SequenceFlow(id="f4", source="Fetch", target="Check"),
        SequenceFlow(id="f3", source="Check", target="E"))),))
    return before, after


def test_rp_change_marks_added_and_changed() -> None:
    _, after = _chain()
    marks = change_marks(after)
    assert marks["Fetch"].style == "added"
    assert marks["Check"].style == "changed"
    assert marks["Fetch"].colours() == STYLE_COLOURS["added"]


def test_removed_steps_come_back_as_ghosts_in_their_lane() -> None:
    before, after = _chain()
    drawn, ghosts = with_removed(after, before, ["Copy"])
    assert ghosts == ("Copy", "f1__removed", "f2")
    assert drawn.get("Copy") is not None
    assert drawn.lane_of("Copy") is not None
    assert drawn.lane_of("Copy").id == "L_app"
    assert after.get("Copy") is None  # the to-be itself is untouched
    source = to_be_diagram(after, as_is=before, changes=ChangeSet(removed={"Copy": "ไม่ต้องใช้"})
                           ).source
    assert "mark-removed" in source
    assert "mark-added" in source
    assert "mark-changed" in source
    assert "ยกเลิก / removed" in source


def test_with_removed_skips_what_it_cannot_place() -> None:
    before, after = _chain()
    assert with_removed(after, before, ["nope"]) == (after, ())
    assert with_removed(after, before, ["Check"]) == (after, ())  # still there


def test_badges_of_what_remains() -> None:
    records = [SimpleNamespace(code="ISS003", element_id="T"),
               SimpleNamespace(code="EFF001", element_id="T")]
    assert remaining_badges(records) == {"T": "EFF001 ISS003"}
    assert remaining_badges(Analysis(findings=(diag("ISS003", "L3"), diag("EFF001", None)))) == {
        "T": "ISS003"}


def test_e3_proposal_changes() -> None:
    p = proposal_of(E3)
    cs = proposal_changes(p)
    assert "Doc_IdCopy" in cs.removed
    assert "กรมการปกครอง" in cs.removed["Doc_IdCopy"]
    assert "Task_Submit" in cs.changed
    assert any(n.id in cs.added for n in p.to_be.flow_nodes())
    drawn, marks = proposal_view(p)
    assert marks["Doc_IdCopy"].style == "removed"
    assert drawn.get("Doc_IdCopy") is not None
    assert marks["Task_Submit"].style == "changed"
    added = [k for k, m in marks.items() if m.style == "added"]
    assert added
    assert "mark-removed" in to_be_diagram(p).source


def test_e1_to_be_diagram_is_deterministic() -> None:
    p = proposal_of(E1)
    assert to_be_diagram(p).source == to_be_diagram(p).source
