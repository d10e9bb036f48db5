#!/usr/bin/env python3
"""Benchmark ``reprocess check`` as CI runs it: fresh processes, one call per batch.

Measures, each as the wall time of a whole ``reprocess check`` command (start-up,
worker processes, reading, rules, formatting and writing the report):

* the BPMN corpus (``../shared/corpus`` beside the repository, or ``$REPROCESS_CORPUS``,
  about 300 files) in one call, median of ``--repeat`` runs, once with the default text
  report and once with SARIF (what CI uploads); target under 10 s on 2 cores;
* ``--services`` generated services of ``--nodes`` flow nodes each
  (``benchmarks/generate.py``), written to a temporary folder and checked in one call
  (text report);
* the start-up of the command, ``reprocess --version`` in a fresh process: median of
  ``--startup-runs`` runs (with hyperfine when it is installed); target under 0.3 s.

Prints a Markdown table; ``--json OUT`` also writes the figures as JSON. Usage::

    python benchmarks/run_check.py [--repeat 3] [--services 1000] [--nodes 100] [--json out.json]
    python benchmarks/run_check.py --quick        # 1 run, 100 services: a smoke test

The command is the ``reprocess`` script beside the running Python when it is
installed, else ``python -m reprocess`` with the repository on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CORPUS_TARGET_S = 10.0
STARTUP_TARGET_S = 0.3


def command() -> tuple[list[str], dict[str, str]]:
    """Return the ``reprocess`` command line and the environment to run it with."""
    env = dict(os.environ)
    script = Path(sys.executable).with_name("reprocess")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], env
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return [sys.executable, "-m", "reprocess"], env


def corpus_dir() -> Path:
    """The corpus folder: ``$REPROCESS_CORPUS`` or ``../shared/corpus``."""
    env = os.environ.get("REPROCESS_CORPUS")
    return Path(env).expanduser().resolve() if env else ROOT.parent / "shared" / "corpus"


_SUMMARY = re.compile(r"reprocess: (\d+) file\(s\) checked: (\d+) error\(s\), (\d+) warning\(s\), "
                      r"(\d+) info, (\d+) waived(?:, (\d+) unreadable)?")


def timed_check(args: list[str], *, cwd: Path) -> tuple[float, float, int, str]:
    """Run ``reprocess check ARGS`` once; return its wall time, CPU time (the command and
    its worker processes, user + system), exit status and stderr."""
    cmd, env = command()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "check", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1, 2) or "Traceback" in proc.stderr:
        raise SystemExit(f"reprocess check failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed, cpu, proc.returncode, proc.stderr


def bench_batch(paths: list[str], repeat: int, *, cwd: Path, jobs: int | None,
                fmt: str = "text") -> dict[str, Any]:
    """Median wall time of ``repeat`` calls on ``paths``, the report written to a file."""
    times, cpus = [], []
    status, stderr = 0, ""
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / f"report.{fmt}")
        extra = ["--jobs", str(jobs)] if jobs else []
        for _ in range(repeat):
            elapsed, cpu, status, stderr = timed_check(
                [*paths, "--no-config", "--no-progress", "--format", fmt, "-o", out, *extra],
                cwd=cwd)
            times.append(elapsed)
            cpus.append(cpu)
    m = _SUMMARY.search(stderr)
    if m is None:
        raise SystemExit(f"no summary line from reprocess check:\n{stderr[-3000:]}")
    files, errors, warnings, infos, _waived, unreadable = (int(g or 0) for g in m.groups())
    return {
        "format": fmt,
        "median_s": statistics.median(times),
        "runs_s": times,
        "cpu_s": statistics.median(cpus),
        "files": files,
        "unreadable": unreadable,
        "findings": errors + warnings + infos,
        "exit_status": status,
    }


def bench_generated(n: int, nodes: int, repeat: int, *, jobs: int | None) -> dict[str, Any]:
    """Write ``n`` generated services of ``nodes`` flow nodes and check them in one call."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "services"
        folder.mkdir()
        start = time.perf_counter()
        for i in range(n):
            (folder / f"service-{i:04d}.bpmn").write_bytes(generate(nodes, seed=i))
        gen_s = time.perf_counter() - start
        result = bench_batch([str(folder)], repeat, cwd=Path(tmp), jobs=jobs)
    result["generate_s"] = gen_s
    result["nodes"] = nodes
    return result


def bench_startup(runs: int) -> dict[str, Any]:
    """Median wall time of ``reprocess --version`` in a fresh process."""
    cmd, env = command()
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "hf.json"
            subprocess.run([hyperfine, "--warmup", "3", "--runs", str(runs), "--export-json",
                            str(out), "--style", "none", " ".join([*cmd, "--version"])],
                           env=env, check=True, capture_output=True)
            data = json.loads(out.read_text())["results"][0]
        return {"median_s": data["median"], "runs": runs, "tool": "hyperfine"}
    for _ in range(3):  # warm the file system cache
        subprocess.run([*cmd, "--version"], env=env, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*cmd, "--version"], env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"median_s": statistics.median(times), "min_s": min(times), "runs": runs,
            "tool": "subprocess loop"}


def _table(results: dict[str, Any]) -> str:
    rows = ["| benchmark | files | wall time (median) | CPU time | target | files/s |",
            "| --- | --- | --- | --- | --- | --- |"]
    for key in ("corpus", "corpus_sarif"):
        c = results.get(key)
        if c:
            ok = "ok" if c["median_s"] < CORPUS_TARGET_S else "MISSED"
            rows.append(f"| corpus, one call, `--format {c['format']}` ({c['unreadable']} "
                        f"unreadable) | {c['files']} | {c['median_s']:.2f} s | {c['cpu_s']:.2f} s | "
                        f"< {CORPUS_TARGET_S:.0f} s ({ok}) | {c['files'] / c['median_s']:.0f} |")
    g = results.get("generated")
    if g:
        rows.append(f"| generated, {g['nodes']} nodes each, one call, `--format text` | "
                    f"{g['files']} | {g['median_s']:.2f} s | {g['cpu_s']:.2f} s | - | "
                    f"{g['files'] / g['median_s']:.0f} |")
    s = results.get("startup")
    if s:
        ok = "ok" if s["median_s"] < STARTUP_TARGET_S else "MISSED"
        rows.append(f"| `reprocess --version`, fresh process ({s['tool']}, {s['runs']} runs) | "
                    f"- | {s['median_s'] * 1000:.0f} ms | - | < {STARTUP_TARGET_S * 1000:.0f} ms "
                    f"({ok}) | - |")
    m = results["machine"]
    rows.append("")
    rows.append(f"Python {m['python']} on {m['platform']}, {m['cores']} cores, load average "
                f"{m['load']} at the start; command: `{m['command']}`. CPU time is the command's "
                "and its workers' (user + system).")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per batch (median)")
    parser.add_argument("--services", type=int, default=1000, help="generated services")
    parser.add_argument("--nodes", type=int, default=100, help="flow nodes per service")
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for reprocess check")
    parser.add_argument("--quick", action="store_true", help="1 run, 100 services, 5 start-ups")
    parser.add_argument("--skip", action="append", default=[],
                        choices=("corpus", "generated", "startup"), help="leave one out")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.services, args.startup_runs = 1, 100, 5
    cmd, _ = command()
    results: dict[str, Any] = {"machine": {
        "python": platform.python_version(), "platform": platform.platform(),
        "cores": os.cpu_count(), "command": " ".join(Path(c).name for c in cmd),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}}
    if "startup" not in args.skip:
        results["startup"] = bench_startup(args.startup_runs)
    if "corpus" not in args.skip:
        corpus = corpus_dir()
        if (corpus / "MANIFEST.tsv").is_file():
            results["corpus"] = bench_batch([str(corpus)], args.repeat, cwd=ROOT,
                                            jobs=args.jobs)
            results["corpus_sarif"] = bench_batch([str(corpus)], args.repeat, cwd=ROOT,
                                                  jobs=args.jobs, fmt="sarif")
        else:
            print(f"corpus not found at {corpus} (set REPROCESS_CORPUS); skipped",
                  file=sys.stderr)
    if "generated" not in args.skip:
        results["generated"] = bench_generated(args.services, args.nodes, args.repeat,
                                               jobs=args.jobs)
    print(_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
