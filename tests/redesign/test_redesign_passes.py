"""Fixture pairs per pass: a small as-is (written to BPMN and read back) and the changes
the pipeline proposes for it (pass, op, element ids)."""

from __future__ import annotations

import pytest
from redesign_support import APPLICANT_LANES, COUNTER, chain_model

from reprocess.io import parse_bpmn, to_bpmn_string
from reprocess.model import Actor, Channel, Definitions, DocumentFacts
from reprocess.redesign import redesign
from reprocess.redesign.passes import ALL_PASSES, get_pass

L = APPLICANT_LANES


def _bpmn(defs: Definitions) -> Definitions:
    """The fixture as an agency would hand it in: a BPMN file."""
    return parse_bpmn(to_bpmn_string(defs))


CASES: dict[str, tuple[Definitions, set[tuple[str, str, str]]]] = {
    "offer-online-application": (chain_model(
        ("Submit", "manualTask", "ยื่นคำขอพร้อมเอกสาร ณ เคาน์เตอร์", {**COUNTER, "lane": "Lane_Applicant"}),
        ("Check", "userTask", "ตรวจสอบความครบถ้วนของคำขอ", {"lane": "Lane_Officer"}),
        lanes=L), {
        ("offer-online-application", "update-node", "Submit"),
        ("offer-online-application", "add-lane", "Process_1__assisted"),
        ("offer-online-application", "add-alternative-path", "Submit__channel"),
    }),
    "fetch-state-data-by-linkage": (chain_model(
        ("Submit", "userTask", "ยื่นคำขอทางออนไลน์", {"actor": Actor.APPLICANT,
                                                  "channel": Channel.ONLINE,
                                                  "lane": "Lane_Applicant"}),
        ("Check", "userTask", "ตรวจสอบความครบถ้วนของคำขอ", {"lane": "Lane_Officer"}),
        docs=(("Doc_HouseReg", "สำเนาทะเบียนบ้าน", "Submit",
               DocumentFacts(copies=1, issuer="กรมการปกครอง", state_issued=True)),),
        lanes=L), {
        ("fetch-state-data-by-linkage", "insert-before", "Check__fetch_DOPA"),
        ("fetch-state-data-by-linkage", "remove-document", "Doc_HouseReg"),
    }),
    "offer-e-payment": (chain_model(
        ("Submit", "userTask", "ยื่นคำขอทางออนไลน์", {"actor": Actor.APPLICANT,
                                                  "channel": Channel.ONLINE,
                                                  "lane": "Lane_Applicant"}),
        ("Pay", "manualTask", "ชำระค่าธรรมเนียม 100 บาท เป็นเงินสด ณ งานการเงิน",
         {"lane": "Lane_Finance"}),
        lanes=L), {
        ("offer-e-payment", "update-node", "Pay"),
        ("offer-e-payment", "move-to-lane", "Pay"),
    }),
    "issue-e-document": (chain_model(
        ("Submit", "userTask", "ยื่นคำขอทางออนไลน์", {"actor": Actor.APPLICANT,
                                                  "channel": Channel.ONLINE,
                                                  "lane": "Lane_Applicant"}),
        ("Collect", "manualTask", "มารับใบอนุญาตฉบับจริงที่สำนักงาน", {"lane": "Lane_Applicant"}),
        lanes=L), {
        ("issue-e-document", "update-node", "Collect"),
    }),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_pair(name: str) -> None:
    defs, expected = CASES[name]
    proposal = redesign(_bpmn(defs), assume_law_change=True)
    got = set()
    for e in proposal.changes:
        for eid in (*e.changed, *e.added, *e.replaced, *(r.element_id for r in e.removed)):
            got.add((e.pass_name, e.op, eid))
    assert expected <= got, sorted(got)
    assert proposal.target_reached, proposal.change_log_text()


def test_inspection_needs_a_law_change() -> None:
    defs = _bpmn(chain_model(
        ("Submit", "userTask", "ยื่นคำขอทางออนไลน์", {"actor": Actor.APPLICANT,
                                                  "channel": Channel.ONLINE,
                                                  "lane": "Lane_Applicant"}),
        ("Inspect", "userTask", "ออกตรวจสถานที่ก่อนอนุญาต", {"lane": "Lane_Officer"}),
        lanes=L))
    pair = redesign(defs, variants="both")
    now, law = pair.within_law, pair.with_law_change
    assert [e.pass_name for e in now.retained] == ["inspect-by-risk-or-remotely"]
    assert now.retained[0].prerequisites[0].needs_law_change
    assert any(e.pass_name == "inspect-by-risk-or-remotely" for e in law.changes)
    assert law.legal_changes_assumed
    assert not now.legal_changes_assumed
    assert now.element_fate["Inspect"].fate == "kept"
    assert law.element_fate["Inspect"].fate == "changed"


def test_every_pass_has_a_module_and_docs() -> None:
    import importlib

    for p in ALL_PASSES:
        mod = importlib.import_module(f"reprocess.redesign.passes.{p.module_name}")
        assert getattr(mod, p.module_name) is p
        assert p.doc.startswith(p.name) or "## What it does" in (mod.__doc__ or "")
        assert get_pass(p.name) is p


def test_rules_only_name_existing_passes() -> None:
    from reprocess.analysis.rules import ALL_RULES

    names = {p.name for p in ALL_PASSES} | {"publish-open-data"}
    unknown = {(r.code, n) for r in ALL_RULES for n in r.redesign if n not in names}
    assert unknown == set()
