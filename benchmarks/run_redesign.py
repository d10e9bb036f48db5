#!/usr/bin/env python3
"""Benchmark ``redesign`` plus ``layout`` on generated services.

For each size (default 1,000 flow nodes, ``benchmarks/generate.py``), reads the
generated BPMN once, then times in one process, median of ``--repeat`` runs:

* ``redesign``: analysis of the as-is, the passes, applying the changes, re-analysis of
  the to-be (both the as-is analysis and the re-analysis are included);
* ``layout``: :func:`reprocess.render.layout.layout` of the to-be (complete DI);
* ``total``: the two together. The target is under 2 s for 1,000 nodes on 2 cores.

Prints a Markdown table; ``--json OUT`` writes the figures; exits 1 when the 1,000-node
total is over ``--limit`` seconds (default 2.0). Usage::

    python benchmarks/run_redesign.py [--sizes 1000 5000] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402

from reprocess.io import parse_bpmn  # noqa: E402
from reprocess.redesign import redesign  # noqa: E402
from reprocess.render.layout import layout  # noqa: E402


def measure(n_nodes: int, repeat: int, seed: int = 0) -> dict[str, Any]:
    """Return the median times and the size of the proposal for one generated model."""
    defs = parse_bpmn(generate(n_nodes, seed=seed))
    redesign(defs)  # warm up: lexicon compilation, layout engine start
    times: dict[str, list[float]] = {"redesign": [], "layout": [], "total": []}
    proposal = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        proposal = redesign(defs)
        t1 = time.perf_counter()
        layout(proposal.to_be)
        t2 = time.perf_counter()
        times["redesign"].append(t1 - t0)
        times["layout"].append(t2 - t1)
        times["total"].append(t2 - t0)
    assert proposal is not None
    return {
        "nodes": n_nodes,
        **{k: round(statistics.median(v), 3) for k, v in times.items()},
        "changes": len(proposal.changes),
        "kept_back": len(proposal.retained),
        "level": f"{proposal.level_before.value} -> {proposal.level_after.value}",
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 1 when the 1,000-node total is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0)
    parser.add_argument("--json", help="write the figures as JSON to this file")
    args = parser.parse_args(argv)
    rows = [measure(n, args.repeat) for n in args.sizes]
    print(f"redesign + layout, median of {args.repeat} ({platform.python_version()}, "
          f"{platform.machine()})\n")
    print("| nodes | redesign s | layout s | total s | changes | kept back | level |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(f"| {r['nodes']:,} | {r['redesign']:.3f} | {r['layout']:.3f} | {r['total']:.3f} | "
              f"{r['changes']} | {r['kept_back']} | {r['level']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    over = [r for r in rows if r["nodes"] <= 1000 and r["total"] > args.limit]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
