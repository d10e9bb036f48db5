"""benchmarks/run_check.py runs and reports its figures (a smoke test, not a measurement)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ci_helpers import ROOT, env


def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_check.py"), "--repeat", "1",
         "--services", "3", "--nodes", "30", "--startup-runs", "2", "--skip", "corpus",
         "--json", str(out)],
        capture_output=True, text=True, env=env(), cwd=tmp_path, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "| generated, 30 nodes each, one call, `--format text` | 3 |" in proc.stdout
    assert "`reprocess --version`, fresh process" in proc.stdout
    data = json.loads(out.read_text("utf-8"))
    assert data["generated"]["files"] == 3
    assert data["generated"]["unreadable"] == 0
    assert data["generated"]["exit_status"] in (0, 1)
    assert 0 < data["startup"]["median_s"] < 5
