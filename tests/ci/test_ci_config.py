"""Configuration files: discovery from each model, keys, errors, command-line precedence."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from ci_helpers import E1, E10, EXAMPLES, FIXTURES, ROOT, copy_examples, run

from reprocess.analysis.config import Config
from reprocess.cli.main import main
from reprocess.errors import ConfigError
from reprocess.settings import (
    CONFIG_KEYS,
    ConfigFile,
    config_file_schema,
    config_for_file,
    find_config,
    load_config,
    read_config_file,
)

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples not present")


def report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--format", "json", "--jobs", "1"])
    return code, json.loads(capsys.readouterr().out)


def codes(data: dict[str, Any], index: int = 0) -> set[str]:
    return {d["code"] for d in data["files"][index]["findings"]}


def by_path(data: dict[str, Any]) -> dict[str, set[str]]:
    return {Path(f["path"]).resolve().parent.name: {d["code"] for d in f["findings"]}
            for f in data["files"]}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reprocess_toml_is_found_by_walking_up(tree: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "models" / "deep", E1)
    (tree / "reprocess.toml").write_text('ignore = ["APP"]\n', encoding="utf-8")
    _, plain = report(capsys, "models", "--no-config")
    _, configured = report(capsys, "models")
    assert any(c.startswith("APP") for c in codes(plain))
    assert not any(c.startswith("APP") for c in codes(configured))
    assert find_config(tree / "models" / "deep" / E1) == tree / "reprocess.toml"


def test_pyproject_without_the_table_is_passed_by(tree: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "pyproject.toml").write_text('[tool.reprocess]\nignore = ["PAY"]\n',
                                         encoding="utf-8")
    (tree / "pkg").mkdir()
    (tree / "pkg" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    copy_examples(tree / "pkg" / "models", E1)
    _, data = report(capsys, "pkg/models")
    assert "PAY001" not in codes(data)
    assert "APP001" in codes(data)
    assert find_config(tree / "pkg" / "models") == tree / "pyproject.toml"


def test_reprocess_toml_wins_over_pyproject_in_one_folder(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.reprocess]\ntarget = "L1"\n', encoding="utf-8")
    (tree / "reprocess.toml").write_text('target = "L2"\n', encoding="utf-8")
    assert find_config(tree) == tree / "reprocess.toml"
    assert load_config(tree / "pyproject.toml").target.value == "L1"


def test_each_model_gets_its_nearest_configuration(tree: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "a", E1)
    copy_examples(tree / "b", E1)
    (tree / "reprocess.toml").write_text('ignore = ["APP"]\n', encoding="utf-8")
    (tree / "b" / "reprocess.toml").write_text('ignore = ["PAY"]\n', encoding="utf-8")
    _, data = report(capsys, "a", "b")
    found = by_path(data)
    assert "PAY001" in found["a"]
    assert not any(c.startswith("APP") for c in found["a"])
    assert "APP001" in found["b"]
    assert "PAY001" not in found["b"]


def test_command_line_options_win(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "models", E1)
    (tree / "reprocess.toml").write_text(
        'target = "L1"\nselect = ["PAY"]\nfail-on = "info"\nlanguage = "th"\n',
        encoding="utf-8")

    def pay(data: dict[str, Any]) -> dict[str, Any]:
        return next(d for d in data["files"][0]["findings"] if d["code"] == "PAY001")

    code, data = report(capsys, "models")
    assert codes(data) <= {c for c in codes(data) if c.startswith("PAY")}
    assert pay(data)["severity"] == "warning"  # blocks L2, above the target L1
    assert pay(data)["message"] == pay(data)["message_th"]
    assert code == 1  # fail-on info
    code, data = report(capsys, "models", "--target", "L3", "--language", "en",
                        "--fail-on", "error")
    assert pay(data)["severity"] == "error"
    assert pay(data)["message"] == pay(data)["message_en"]
    _, data = report(capsys, "models", "--preset", "recommended")  # the preset replaces select
    assert "APP001" in codes(data)
    _, data = report(capsys, "models", "--select", "APP001")
    assert codes(data) == {"APP001"}
    _, data = report(capsys, "models", "--preset", "recommended", "--ignore", "APP,ISS")
    assert not any(c.startswith(("APP", "ISS")) for c in codes(data))


def test_fail_on_and_severity_from_the_file(tree: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "models", E10)
    assert main(["check", "models", "--jobs", "1"]) == 0
    (tree / "reprocess.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert main(["check", "models", "--jobs", "1"]) == 1
    assert main(["check", "models", "--jobs", "1", "--fail-on", "warning"]) == 0
    capsys.readouterr()
    (tree / "reprocess.toml").write_text('[severity]\nODT = "error"\n', encoding="utf-8")
    code, data = report(capsys, "models")
    assert code == 1
    assert {d["severity"] for d in data["files"][0]["findings"]} == {"error"}


def test_explicit_config_and_no_config(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "models", E1)
    (tree / "reprocess.toml").write_text('ignore = ["APP"]\n', encoding="utf-8")
    (tree / "other.toml").write_text('ignore = ["PAY"]\n', encoding="utf-8")
    other = tree / "elsewhere" / "reprocess.toml"
    other.parent.mkdir()
    shutil.copy(tree / "other.toml", other)
    _, data = report(capsys, "models", "--config", str(other))
    assert "APP001" in codes(data)
    assert "PAY001" not in codes(data)
    _, data = report(capsys, "models", "--no-config")
    assert "APP001" in codes(data)
    assert "PAY001" in codes(data)
    assert main(["check", "models", "--config", "missing.toml"]) == 2
    assert "missing.toml" in capsys.readouterr().err
    assert main(["check", "models", "--config", "x.toml", "--no-config"]) == 2


@pytest.mark.parametrize(("text", "message"), [
    ('fail_on = "warning"\n', "reprocess.toml: unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ('targett = "L2"\n', "reprocess.toml: unknown key 'targett' (did you mean 'target'?)"),
    ('target = "L0"\n', "reprocess.toml: target: Input should be 'L1', 'L2' or 'L3'"),
    ('preset = "recomended"\n', "reprocess.toml: preset: unknown preset 'recomended' "
                                "(did you mean 'recommended'?)"),
    ('select = ["APP999"]\n', "reprocess.toml: no rule matches 'APP999'"),
    ('[[waivers]]\ncode = "APP001"\nreasn = "x"\n',
     "reprocess.toml: unknown key 'reasn' in waivers[1] (did you mean 'reason'?)"),
    ('[severity]\nAPP001 = "fatal"\n', "reprocess.toml: severity.APP001: Input should be"),
    ('[lexicon]\ndigtal = ["x"]\n', "reprocess.toml: lexicon:"),
    ('waivers-file = "nope.toml"\n', "nope.toml: cannot read"),
    ('target = \n', "reprocess.toml: "),
])
def test_bad_configuration_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    copy_examples(tmp_path / "models", E10)
    (tmp_path / "reprocess.toml").write_text(text, encoding="utf-8")
    out = run("check", "models", cwd=tmp_path)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("reprocess: error: ")
    assert message in out.stderr, out.stderr
    assert out.stdout == ""


def test_per_file_ignores_are_relative_to_the_config_file(
        tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    copy_examples(tree / "repo" / "legacy", E1)
    copy_examples(tree / "repo" / "current", E1)
    (tree / "repo" / "reprocess.toml").write_text(
        '[per-file-ignores]\n"legacy/*.bpmn" = ["APP", "PAY001"]\n', encoding="utf-8")
    monkeypatch.chdir(tree / "repo" / "current")  # paths given from elsewhere still match
    _, data = report(capsys, str(tree / "repo"))
    found = by_path(data)
    assert not any(c.startswith("APP") for c in found["legacy"])
    assert "PAY001" not in found["legacy"]
    assert "ISS001" in found["legacy"]
    assert "APP001" in found["current"]
    assert "PAY001" in found["current"]


def test_config_for_file_matching() -> None:
    cfg = Config(ignore=("ODT",), per_file_ignores={"a/*.bpmn": ("EFF",), "*.bpmn2": ("STR",),
                                                    "b/**": ("APP001",)})
    assert config_for_file(cfg, "a/x.bpmn").ignore == ("ODT", "EFF")
    assert config_for_file(cfg, "deep/y.bpmn2").ignore == ("ODT", "STR")
    assert config_for_file(cfg, "b/c/d.bpmn").ignore == ("ODT", "APP001")
    assert config_for_file(cfg, "c/a/x.bpmn").ignore == ("ODT",)
    assert config_for_file(cfg, "c/a/x.bpmn").per_file_ignores == {}


def test_waivers_from_the_file_and_a_waivers_file(tree: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    copy_examples(tree / "models", E1)
    conf = tree / "conf"
    conf.mkdir()
    (conf / "waivers.yaml").write_text(
        "waivers:\n  - code: PAY001\n    reason: คลังจังหวัดยังไม่รับ e-Payment\n", encoding="utf-8")
    (conf / "reprocess.toml").write_text(
        'waivers-file = "waivers.yaml"\n[[waivers]]\ncode = "ISS"\nreason = "pilot"\n',
        encoding="utf-8")
    _, data = report(capsys, "models", "--config", str(conf / "reprocess.toml"))
    status = {(d["code"], d["status"], d["waiver_reason"]) for d in data["files"][0]["findings"]
              if d["code"].startswith(("PAY001", "ISS"))}
    assert ("PAY001", "waived", "คลังจังหวัดยังไม่รับ e-Payment") in status
    assert any(c.startswith("ISS") for c, _, _ in status)
    assert all(s == "waived" for _, s, _ in status)


def test_lexicon_entries_reach_the_analysis(tree: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    model = tree / "m" / "pay.bpmn"
    model.parent.mkdir()
    shutil.copy(FIXTURES / "unknown-word-payment.bpmn", model)
    _, before = report(capsys, "m")
    assert "PAY001" not in codes(before)
    (tree / "reprocess.toml").write_text(
        '[lexicon]\nP11 = "ช่องซองขาว"\nkind.pay = ["จ่ายที่"]\n', encoding="utf-8")
    _, after = report(capsys, "m")
    assert "PAY001" in codes(after)
    pay = next(d for d in after["files"][0]["findings"] if d["code"] == "PAY001")
    assert any("ช่องซองขาว" in e["text"] for e in pay["evidence"])


def test_config_file_model_and_schema() -> None:
    schema = config_file_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(CONFIG_KEYS)
    assert CONFIG_KEYS == ("target", "preset", "select", "ignore", "per-file-ignores",
                           "severity", "fail-on", "waivers", "waivers-file", "language",
                           "lexicon")
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"target": "L2", "fail-on": "warning", "per-file-ignores": {"a/*": ["EFF"]},
            "waivers": [{"code": "APP001", "reason": "x"}], "severity": {"EFF": "error"}}
    jsonschema.validate(good, schema)
    assert ConfigFile.model_validate(good).to_config().target.value == "L2"
    for bad in ({"fail_on": "error"}, {"target": "L4"}, {"severity": {"eff": "error"}},
                {"waivers": [{"code": "APP001"}]}, {"preset": "nope"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
        with pytest.raises(ConfigError):
            read_config_file(bad, source="x")


def _toml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```toml\n(.*?)```", markdown, flags=re.DOTALL)


def test_the_documented_configuration_is_valid(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "checking.md").read_text("utf-8")
    blocks = _toml_blocks(doc)
    config = next(b for b in blocks if "[tool.reprocess]" in b)
    table = tomllib.loads(config)["tool"]["reprocess"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(dict(table.items()), config_file_schema())
    (tmp_path / "waivers.toml").write_text(next(b for b in blocks if b.startswith(
        "# waivers.toml")), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    cfg = load_config(tmp_path / "pyproject.toml")
    assert cfg.target.value == "L2"
    assert cfg.language == "th"
    assert [w.code for w in cfg.waivers] == ["APP004", "APP004"]
    assert cfg.lexicon["kind.pay"] == ("โอนเงิน",)


def test_the_reference_lists_every_key_preset_and_option() -> None:
    from reprocess.analysis.presets import PRESETS
    from reprocess.cli import cmd_check

    doc = (ROOT / "docs" / "checking.md").read_text("utf-8")
    for key in CONFIG_KEYS:
        assert f"| `{key}` |" in doc, key
    for preset in PRESETS:
        assert f"| `{preset}` |" in doc, preset
    import argparse

    parser = argparse.ArgumentParser()
    cmd_check.add_arguments(parser)
    for action in parser._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in doc, flag
    for status in ("0", "1", "2"):
        assert f"| `{status}` |" in doc


def test_the_documented_sidecar_is_valid(tmp_path: Path) -> None:
    from reprocess.settings import load_sidecar

    doc = (ROOT / "docs" / "checking.md").read_text("utf-8")
    text = next(b for b in _toml_blocks(doc) if "[steps." in b)
    path = tmp_path / "e1.reprocess.toml"
    path.write_text(text, encoding="utf-8")
    side = load_sidecar(path)
    assert side.steps["Task_Submit"].channel is not None
    assert side.steps["Task_Submit"].duration is not None
    assert side.documents["Doc_IdCopy"].copies == 1
    assert side.waivers[0].code == "EFF011"
