"""The pipeline and the pass contract on every example service (both variants).

Every example reaches L3 (within current law, or the proposal lists the LAW obstacles
that stop it); passes are pure; the pipeline is deterministic to the byte and
idempotent; the to-be is structurally valid, adds no STR finding once laid out, and
accounts for every as-is element.
"""

from __future__ import annotations

from functools import cache

import pytest
from redesign_support import EXAMPLES, load_examples

from reprocess.analysis.config import Config
from reprocess.analysis.context import build_context
from reprocess.analysis.engine import check
from reprocess.analysis.finding import FindingStatus
from reprocess.io import to_bpmn_string
from reprocess.model import EServiceLevel
from reprocess.model import graph as g
from reprocess.redesign import DEFAULT_PASSES, Proposal, redesign
from reprocess.redesign.transformation import PassInput

NAMES = [p.stem for p in EXAMPLES]


@cache
def _examples() -> dict[str, object]:
    return load_examples()


@cache
def proposal(name: str, law: bool) -> Proposal:
    return redesign(_examples()[name], assume_law_change=law)  # type: ignore[arg-type]


@cache
def laid_out(name: str, law: bool) -> object:
    from reprocess.render.layout import layout

    return layout(proposal(name, law).to_be)


VARIANTS = [pytest.param(n, law, id=f"{n}-{'law' if law else 'now'}")
            for n in NAMES for law in (False, True)]


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_target_reached_or_explained(name: str, law: bool) -> None:
    p = proposal(name, law)
    after = check(p.to_be)
    assert after.level == p.level_after
    if p.target_reached:
        assert p.level_after >= EServiceLevel.L3
        assert not p.remaining
    else:
        assert p.remaining
        assert all(r.obstacles for r in p.remaining)


@pytest.mark.parametrize("name", NAMES)
def test_every_example_reaches_l3_within_current_law(name: str) -> None:
    p = proposal(name, False)
    assert p.target_reached, p.change_log_text()
    assert p.level_after is EServiceLevel.L3


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_deterministic_to_the_byte(name: str, law: bool) -> None:
    again = redesign(_examples()[name], assume_law_change=law)  # type: ignore[arg-type]
    assert to_bpmn_string(again.to_be) == to_bpmn_string(proposal(name, law).to_be)
    assert again.model_dump_json() == proposal(name, law).model_dump_json()


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_idempotent(name: str, law: bool) -> None:
    p = proposal(name, law)
    again = redesign(p.to_be, assume_law_change=law)
    assert again.changes == ()
    assert to_bpmn_string(again.to_be) == to_bpmn_string(p.to_be)


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_structurally_valid(name: str, law: bool) -> None:
    p = proposal(name, law)
    to_be = p.to_be
    assert g.unreachable_nodes(to_be) == ()
    assert g.dead_end_nodes(to_be) == ()
    assert not to_be.problems

    def balance(defs: object) -> tuple[int, int]:
        splits = joins = 0
        for n in defs.flow_nodes():  # type: ignore[attr-defined]
            if n.type.endswith("Gateway"):
                splits += len(defs.outgoing(n.id)) > 1  # type: ignore[attr-defined]
                joins += len(defs.incoming(n.id)) > 1  # type: ignore[attr-defined]
        return splits, joins

    s0, j0 = balance(p.as_is)
    s1, j1 = balance(to_be)
    assert s1 - s0 == j1 - j0, "gateways added in unbalanced split/join pairs"


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_no_new_structure_findings_once_laid_out(name: str, law: bool) -> None:
    before = {d.code for d in check(_examples()[name]).findings  # type: ignore[arg-type]
              if d.code.startswith("STR")}
    after = [(d.code, d.element_id) for d in check(laid_out(name, law)).findings  # type: ignore[arg-type]
             if d.code.startswith("STR") and d.code not in before]
    assert after == []


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_nothing_lost_silently(name: str, law: bool) -> None:
    p = proposal(name, law)
    for fate in p.element_fate.values():
        assert fate.reason_en is None or "a bug" not in fate.reason_en, fate
        if fate.fate in ("changed", "replaced", "removed"):
            assert fate.change_index is not None
            assert fate.pass_name
        if fate.fate == "removed":
            assert fate.reason_th
            assert fate.reason_en
    removed = {r.element_id for e in p.changes for r in e.removed}
    assert removed <= set(p.element_fate)


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_changed_elements_carry_the_marker(name: str, law: bool) -> None:
    p = proposal(name, law)
    for entry in p.changes:
        for eid in (*entry.added, *entry.changed):
            el = p.to_be.get(eid)
            facts = getattr(el, "facts", None) or getattr(el, "document", None)
            if facts is not None and hasattr(el, "name") and el.type != "sequenceFlow":
                assert facts.change is not None, eid


@pytest.mark.parametrize(("name", "law"), VARIANTS)
def test_law_variants(name: str, law: bool) -> None:
    p = proposal(name, law)
    if law:
        assert not p.retained or all(not e.change.needs_law_change for e in p.retained)
        assumed = {x for e in p.changes for x in e.prerequisites if x.needs_law_change}
        assert set(p.legal_changes_assumed) == assumed
    else:
        assert all(not e.change.needs_law_change for e in p.changes)
        assert p.legal_changes_assumed == ()
        assert all(e.change.needs_law_change or e.note for e in p.retained)


def test_both_variants_from_one_call() -> None:
    pair = redesign(_examples()["e3-food-premises-licence"], variants="both")  # type: ignore[arg-type]
    assert not pair.within_law.assume_law_change
    assert pair.with_law_change.assume_law_change
    assert pair.within_law.retained
    assert not pair.with_law_change.retained
    assert pair.with_law_change.legal_changes_assumed


@pytest.mark.parametrize("name", NAMES)
def test_passes_are_pure(name: str) -> None:
    defs = _examples()[name]
    analysis = check(defs)  # type: ignore[arg-type]
    ctx = build_context(defs, Config())  # type: ignore[arg-type]
    open_ = tuple(d for d in analysis.findings if d.status is FindingStatus.OPEN)
    for p in DEFAULT_PASSES:
        offered = tuple(d for d in open_ if p.takes(d))
        inp = PassInput(defs=defs, ctx=ctx, findings=offered,  # type: ignore[arg-type]
                        all_findings=analysis.findings)
        first, second = p(inp), p(inp)
        assert first == second, p.name
        for change in first:
            assert change.pass_name == p.name


def test_results_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the per-example table of the report (level and visits before/after)."""
    rows = ["| example | level | visits | kept back (law) | within law reaches |"]
    for name in NAMES:
        now, law = proposal(name, False), proposal(name, True)
        rows.append(f"| {name} | {now.level_before.value} -> {now.level_after.value} | "
                    f"{now.metrics.before.visits} -> {now.metrics.after.visits} "
                    f"(law: {law.metrics.after.visits}) | {len(now.retained)} | "
                    f"{now.target_reached} |")
    print("\n".join(rows))
    assert len(rows) == len(NAMES) + 1
