"""Benchmark: analysis (classification, all rules, assessment) of generated processes.

Usage: ``python benchmarks/run_analysis.py [--sizes 1000,10000] [--repeat 3] [--json OUT]``.
Prints a Markdown table: read time, context (classification) time, full ``check`` time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from reprocess.analysis.context import build_context
from reprocess.analysis.engine import check
from reprocess.io import parse_bpmn


def _median(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        data = generate(n, seed=0)
        read = _median(lambda data=data: parse_bpmn(data), args.repeat)
        ctx_t = _median(lambda data=data: build_context(parse_bpmn(data)), args.repeat) - read
        full = _median(lambda data=data: check(parse_bpmn(data)), args.repeat) - read
        rows.append({"nodes": n, "read_s": round(read, 3), "classify_s": round(ctx_t, 3),
                     "check_s": round(full, 3)})
    print("| flow nodes | read | classification | check (classification + rules + level) |")
    print("| ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['nodes']:,} | {r['read_s']:.3f} s | {r['classify_s']:.3f} s | "
              f"{r['check_s']:.3f} s |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
