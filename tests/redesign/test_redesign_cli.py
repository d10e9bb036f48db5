"""``reprocess redesign``: exit codes, files written, the JSON against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from redesign_support import ROOT

from reprocess.cli.main import main
from reprocess.io import read_bpmn

E1 = ROOT / "examples" / "services" / "e1-commercial-registration.bpmn"


def test_writes_bpmn_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out, js = tmp_path / "to-be.bpmn", tmp_path / "proposal.json"
    assert main(["redesign", str(E1), "-o", str(out), "--json", str(js)]) == 0
    text = capsys.readouterr().out
    assert "offer-online-application" in text
    assert "| visits | 1 | 0 |" in text
    to_be = read_bpmn(str(out))
    assert to_be.get("Task_Submit__assisted") is not None
    assert all(d.plane is not None and d.plane.items for d in to_be.diagrams)
    data = json.loads(js.read_text("utf-8"))
    schema = json.loads((ROOT / "schemas" / "proposal.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["target_reached"] is True
    assert data["level_after"] == "L3"
    assert not list(tmp_path.glob(".*"))  # atomic writes leave no temp files


def test_thai_output_and_law_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = ROOT / "examples" / "services" / "e3-food-premises-licence.bpmn"
    assert main(["redesign", str(model), "--language", "th", "--assume-law-change"]) == 0
    text = capsys.readouterr().out
    assert "สมมติว่าแก้กฎหมายแล้ว" in text
    assert "| จำนวนครั้งที่ต้องมาสำนักงาน |" in text


def test_target_not_reached_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from redesign_support import APPLICANT_LANES, chain_model

    from reprocess.io import write_bpmn
    from reprocess.model import Actor, Channel
    from reprocess.redesign.passes import get_pass  # noqa: F401  (registry import)

    defs = chain_model(
        ("Submit", "manualTask", "ยื่นคำขอด้วยตนเอง ต่อหน้านายทะเบียน ตาม พ.ร.บ.ตัวอย่าง ม.5",
         {"actor": Actor.APPLICANT, "channel": Channel.COUNTER, "copresence": True,
          "lane": "Lane_Applicant"}),
        lanes=APPLICANT_LANES)
    path = tmp_path / "law.bpmn"
    write_bpmn(defs, str(path))
    code = main(["redesign", str(path)])
    text = capsys.readouterr().out
    assert code == 1, text
    assert "use-digital-id" in text
    assert "LAW" in text


@pytest.mark.parametrize("content", [b"not xml", b"<a/>"])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, content: bytes,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.bpmn"
    path.write_bytes(content)
    assert main(["redesign", str(path), "-o", str(tmp_path / "x.bpmn")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reprocess: error:")
    assert "Traceback" not in err
    assert not (tmp_path / "x.bpmn").exists()


def test_missing_file_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redesign", str(tmp_path / "nope.bpmn")]) == 2
    assert main(["redesign", str(E1), "--target", "L9"]) == 2
    assert main(["redesign", str(E1), "-o", str(E1)]) == 2
    assert "overwrite" in capsys.readouterr().err
