#!/usr/bin/env python3
"""Benchmark ``reprocess report``: a whole catalogue analysed, redesigned and reported.

Generates a catalogue of ``--services`` synthetic services of ``--nodes`` flow nodes each
(``benchmarks/generate.py``: one BPMN file and one metadata file per service, spread over
40 agencies with readiness inputs), then times ``reprocess report CATALOGUE -o OUT`` as a
fresh process, the way an office would run it:

* **tables only** (``--no-handouts``): read, analyse, redesign to L3, registers, groups,
  history, the HTML/XLSX/CSV report and the PR sheets. Target: 1,000 services of 100
  nodes in under 60 s on 2 cores;
* **with handouts** (diagrams drawn, to-be laid out): on ``--draw-services`` of them
  (default 100; ``--draw-services 0`` skips it), with the time per service and the
  figure extrapolated to the whole catalogue.

The progress bar shows when standard error is a terminal. Prints a Markdown table;
``--json OUT`` also writes the figures. Usage::

    python benchmarks/run_portfolio.py [--services 1000] [--nodes 100] [--jobs 2]
    python benchmarks/run_portfolio.py --quick      # 100 services, 20 drawn: a smoke test

The command is the ``reprocess`` script beside the running Python when it is installed,
else ``python -m reprocess`` with the repository on ``PYTHONPATH``. Generating the
catalogue is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
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

TARGET_S = 60.0
GROUPS = ("citizens", "labour", "business")
MINISTRIES = ("กระทรวงมหาดไทย", "กระทรวงพาณิชย์", "กระทรวงแรงงาน", "กระทรวงการคลัง",
              "กระทรวงอุตสาหกรรม")


def command() -> tuple[list[str], dict[str, str]]:
    """Return the ``reprocess`` command line and the environment to run it with."""
    env = dict(os.environ)
    script = Path(sys.executable).with_name("reprocess")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], env
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return [sys.executable, "-m", "reprocess"], env


def make_catalogue(folder: Path, services: int, nodes: int) -> float:
    """Write a catalogue of generated services into ``folder``; return the seconds taken."""
    start = time.perf_counter()
    (folder / "models").mkdir(parents=True, exist_ok=True)
    (folder / "services").mkdir(parents=True, exist_ok=True)
    agencies = [f"กรมตัวอย่างที่ {i + 1}" for i in range(40)]
    lines = ["agencies:"]
    for i, name in enumerate(agencies):
        lines += [f"  - name: {name}", f"    ministry: {MINISTRIES[i % len(MINISTRIES)]}",
                  f"    has_transaction_system: {str(i % 3 != 0).lower()}",
                  f"    budget_allocated: {str(i % 2 == 0).lower()}",
                  f"    it_staff_count: {i % 7}",
                  f"    linkage_connected: {str(i % 5 == 0).lower()}",
                  f"    open_legal_items: {i % 3}",
                  f"    last_clinic: 2026-{(i % 9) + 1:02d}-15"]
    (folder / "agencies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "catalogue.yaml").write_text(f"surveyed: {services * 2}\n", encoding="utf-8")
    for i in range(services):
        sid = f"s{i:04d}"
        (folder / "models" / f"{sid}.bpmn").write_bytes(generate(nodes, seed=i))
        meta = (f"id: {sid}\nname: งานบริการสังเคราะห์ที่ {i + 1}\nname_en: Synthetic service "
                f"{i + 1}\nagency: {agencies[i % len(agencies)]}\n"
                f"ministry: {MINISTRIES[(i % len(agencies)) % len(MINISTRIES)]}\n"
                f"customer_group: {GROUPS[i % 3]}\ncases_per_year: {100 + (i * 37) % 20000}\n"
                f"target_level: L3\ntarget_date: 30 ก.ย. {2570 + i % 3}\nkpi_ref: KPI {i + 1}\n"
                f"model: ../models/{sid}.bpmn\n")
        (folder / "services" / f"{sid}.yaml").write_text(meta, encoding="utf-8")
    return time.perf_counter() - start


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_report(catalogue: Path, out: Path, *, draw: bool, jobs: int | None
               ) -> tuple[float, float]:
    """Run ``reprocess report`` once; return its wall time and CPU time in seconds.

    The CPU time is that of the command and its worker processes: divided by the
    cores, it is what the wall time would be on an otherwise idle machine.
    """
    cmd, env = command()
    args = [*cmd, "report", str(catalogue), "-o", str(out), "--date", "2026-11-25",
            "--no-history"]
    if not draw:
        args.append("--no-handouts")
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
                          check=False)
    took = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if proc.returncode != 0:
        print(proc.stdout, file=sys.stderr)
        raise SystemExit(f"reprocess report exited with {proc.returncode}")
    print(proc.stdout.strip(), file=sys.stderr)
    return took, cpu


def subset(catalogue: Path, folder: Path, n: int) -> Path:
    """Copy the first ``n`` services' metadata (and the agencies) into ``folder``."""
    (folder / "services").mkdir(parents=True, exist_ok=True)
    for name in ("agencies.yaml", "catalogue.yaml"):
        shutil.copy(catalogue / name, folder / name)
    for meta in sorted((catalogue / "services").glob("*.yaml"))[:n]:
        text = meta.read_text("utf-8").replace("../models/",
                                               f"{(catalogue / 'models').as_posix()}/")
        (folder / "services" / meta.name).write_text(text, encoding="utf-8")
    return folder


def _table(r: dict[str, Any]) -> str:
    rows = ["| run | services | nodes each | jobs | wall s | CPU s | CPU per service | "
            "target |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    t = r["tables"]
    verdict = "met" if t["seconds"] < TARGET_S else "MISSED"
    rows.append(f"| tables only (`--no-handouts`) | {t['services']} | {t['nodes']} | "
                f"{t['jobs']} | {t['seconds']:.1f} | {t['cpu_seconds']:.1f} | "
                f"{t['cpu_per_service_ms']:.0f} ms | < {TARGET_S:.0f} s wall: {verdict} |")
    d = r.get("drawn")
    if d:
        rows.append(f"| with handouts and diagrams | {d['services']} | {d['nodes']} | "
                    f"{d['jobs']} | {d['seconds']:.1f} | {d['cpu_seconds']:.1f} | "
                    f"{d['cpu_per_service_ms']:.0f} ms | {t['services']} services ≈ "
                    f"{d['extrapolated_s']:.0f} s wall |")
    m = r["machine"]
    return "\n".join(rows) + (f"\n\nPython {m['python']}, {m['cores']} cores, "
                              f"{m['platform']}; catalogue generated in "
                              f"{r['generate_s']:.1f} s (not timed).")


def main(argv: list[str] | None = None) -> int:
    """Generate the catalogue, run the report, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None, help="--jobs (default: all cores)")
    parser.add_argument("--draw-services", type=int, default=100,
                        help="services to run with handouts (0: skip)")
    parser.add_argument("--quick", action="store_true", help="100 services, 20 drawn")
    parser.add_argument("--keep", metavar="DIR", help="keep the catalogue and output here")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.services, args.draw_services = 100, 20
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rp-portfolio-"))
    jobs = args.jobs or os.cpu_count() or 1
    try:
        catalogue = base / "catalogue"
        gen = make_catalogue(catalogue, args.services, args.nodes)
        results: dict[str, Any] = {"machine": {
            "python": platform.python_version(), "platform": platform.platform(),
            "cores": os.cpu_count()}, "generate_s": round(gen, 2)}
        took, cpu = run_report(catalogue, base / "out-tables", draw=False, jobs=args.jobs)
        results["tables"] = {"services": args.services, "nodes": args.nodes, "jobs": jobs,
                             "seconds": round(took, 2), "cpu_seconds": round(cpu, 2),
                             "per_service_ms": round(took / args.services * 1000, 1),
                             "cpu_per_service_ms": round(cpu / args.services * 1000, 1)}
        if args.draw_services:
            n = min(args.draw_services, args.services)
            small = subset(catalogue, base / "catalogue-drawn", n)
            took, cpu = run_report(small, base / "out-drawn", draw=True, jobs=args.jobs)
            results["drawn"] = {"services": n, "nodes": args.nodes, "jobs": jobs,
                                "seconds": round(took, 2), "cpu_seconds": round(cpu, 2),
                                "per_service_ms": round(took / n * 1000, 1),
                                "cpu_per_service_ms": round(cpu / n * 1000, 1),
                                "extrapolated_s": round(took / n * args.services, 1)}
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if results["tables"]["seconds"] < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
