#!/usr/bin/env python3
"""Benchmark reading and writing BPMN against raw lxml.

For synthetic processes of 100, 1,000, 10,000 and 50,000 flow nodes (with pools, lanes
and full DI, from ``benchmarks/generate.py``), this measures:

* read:  ``lxml.etree.parse(path)``         vs ``reprocess.io.read_bpmn(path)``
* write: ``lxml.etree.tostring(tree)``      vs ``reprocess.io.write_bpmn(model)``
* peak memory: how far the resident set of a fresh Python process rises above its
  level before the call (Linux ``VmHWM`` after resetting it through
  ``/proc/self/clear_refs``; elsewhere the growth of ``ru_maxrss``), for a parse with
  lxml and for ``read_bpmn`` (both after the same imports)

Times are medians of several runs (fewer for large files), wall clock by default
(``--clock cpu`` measures this process's CPU time, which a busy machine disturbs less),
with garbage collected between runs; the objects a run builds are freed outside the
timed region.
Targets from the Foundation issue: read within 3x and write within 3x of lxml, peak
memory within 5x of lxml's tree.

Usage::

    python benchmarks/run_io.py                       # all sizes, Markdown table
    python benchmarks/run_io.py --sizes 100 1000      # some sizes
    python benchmarks/run_io.py --quick --json out/io.json
    python benchmarks/run_io.py --clock cpu
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from lxml import etree  # noqa: E402

from reprocess.io import read_bpmn, write_bpmn  # noqa: E402

DEFAULT_SIZES = (100, 1_000, 10_000, 50_000)


def _generator() -> Callable[[int], bytes]:
    """``benchmarks/generate.py``'s ``generate``, or a minimal fallback."""
    path = HERE / "generate.py"
    if path.is_file():
        spec = importlib.util.spec_from_file_location("reprocess_bench_generate", path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module  # dataclasses look their module up
            spec.loader.exec_module(module)
            generate = module.generate
            return lambda n: bytes(generate(n, seed=0))
    return _fallback_generate


def _fallback_generate(n_nodes: int) -> bytes:
    """One pool, three lanes, a chain of tasks with DI (used when generate.py is missing)."""
    lanes: list[list[str]] = [[], [], []]
    nodes: list[str] = []
    shapes: list[str] = []
    edges: list[str] = []
    flows: list[str] = []
    for i in range(n_nodes):
        nid = f"N{i}"
        tag = "startEvent" if i == 0 else "endEvent" if i == n_nodes - 1 else "userTask"
        extra = ' rp:medium="paper" rp:channel="counter"' if tag == "userTask" and i % 3 else ""
        nodes.append(f'    <bpmn:{tag} id="{nid}" name="ขั้นตอน {i}"{extra}/>')
        lanes[i % 3].append(nid)
        x, y = 200 + 150 * i, 100 + 120 * (i % 3)
        shapes.append(
            f'      <bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}">'
            f'<dc:Bounds x="{x}" y="{y}" width="100" height="80"/></bpmndi:BPMNShape>'
        )
        if i:
            fid = f"F{i}"
            flows.append(
                f'    <bpmn:sequenceFlow id="{fid}" sourceRef="N{i - 1}" targetRef="{nid}"/>'
            )
            edges.append(
                f'      <bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">'
                f'<di:waypoint x="{x - 50}" y="{y + 40}"/><di:waypoint x="{x}" y="{y + 40}"/>'
                "</bpmndi:BPMNEdge>"
            )
    lane_xml = "\n".join(
        f'      <bpmn:lane id="L{k}" name="ฝ่าย {k}">'
        + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in ids)
        + "</bpmn:lane>"
        for k, ids in enumerate(lanes)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:rp="urn:reprocess:bpmn:1.0" '
        'id="D" targetNamespace="urn:bench">\n'
        '  <bpmn:process id="P">\n    <bpmn:laneSet id="LS">\n'
        f"{lane_xml}\n    </bpmn:laneSet>\n" + "\n".join(nodes + flows) + "\n  </bpmn:process>\n"
        '  <bpmndi:BPMNDiagram id="Dg"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">\n'
        + "\n".join(shapes + edges)
        + "\n  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n"
    ).encode("utf-8")


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
"""``wall`` (elapsed time) or ``cpu`` (this process's CPU time, steadier on a busy machine)."""
_clock: Callable[[], float] = time.perf_counter


def _median_time(fn: Callable[[], Any], runs: int) -> float:
    times: list[float] = []
    for _ in range(runs):
        gc.collect()
        start = _clock()
        result = fn()
        times.append(_clock() - start)
        del result
    return statistics.median(times)


_MEMORY_PROBE = """
import gc, re, resource, sys
sys.path.insert(0, {repo!r})
from lxml import etree
from reprocess.io import read_bpmn

def status(key):
    with open("/proc/self/status") as fh:
        return int(re.search(key + r":\\s+(\\d+) kB", fh.read()).group(1))

gc.collect()
try:  # Linux: reset the high-water mark, so that it measures this call alone
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    base, hwm = status("VmRSS"), True
except OSError:
    base, hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, False
result = {call}
peak = status("VmHWM") if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak - base)
"""


def _peak_kib(path: Path, call: str) -> int:
    """Growth of the peak RSS (KiB) of a fresh interpreter while it runs ``call``."""
    code = _MEMORY_PROBE.format(repo=str(REPO), call=call.format(path=str(path)))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return int(out.strip().splitlines()[-1])


def _write_times(path: Path, runs: int) -> tuple[float, float]:
    tree = etree.parse(str(path))
    model = read_bpmn(path)
    lxml_write = _median_time(lambda: etree.tostring(tree), runs)
    write = _median_time(lambda: write_bpmn(model), runs)
    return lxml_write, write


def measure(
    n_nodes: int, folder: Path, generate: Callable[[int], bytes], quick: bool
) -> dict[str, Any]:
    """Measure one size; return the figures as a dict."""
    path = folder / f"bench-{n_nodes}.bpmn"
    path.write_bytes(generate(n_nodes))
    runs = 3 if quick else {100: 21, 1_000: 11, 10_000: 5}.get(n_nodes, 3)
    lxml_parse = _median_time(lambda: etree.parse(str(path)), runs)
    read = _median_time(lambda: read_bpmn(path), runs)
    lxml_write, write = _write_times(path, runs)
    mem_lxml = _peak_kib(path, "etree.parse({path!r})")
    mem_read = _peak_kib(path, "read_bpmn({path!r})")
    return {
        "flow_nodes": n_nodes,
        "bytes": path.stat().st_size,
        "runs": runs,
        "lxml_parse_s": lxml_parse,
        "read_bpmn_s": read,
        "read_ratio": read / lxml_parse,
        "lxml_tostring_s": lxml_write,
        "write_bpmn_s": write,
        "write_ratio": write / lxml_write,
        "lxml_peak_mib": mem_lxml / 1024,
        "read_peak_mib": mem_read / 1024,
        "memory_ratio": mem_read / mem_lxml if mem_lxml else float("nan"),
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    """Format the figures as a Markdown table."""
    head = (
        "| flow nodes | file | lxml parse | read_bpmn | ratio | lxml tostring | write_bpmn "
        "| ratio | lxml peak | read peak | ratio |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['flow_nodes']:,} | {r['bytes'] / 1e6:.1f} MB | {r['lxml_parse_s']:.3f} s "
            f"| {r['read_bpmn_s']:.3f} s | {r['read_ratio']:.1f}x "
            f"| {r['lxml_tostring_s']:.3f} s | {r['write_bpmn_s']:.3f} s | {r['write_ratio']:.1f}x "
            f"| {r['lxml_peak_mib']:.0f} MiB | {r['read_peak_mib']:.0f} MiB "
            f"| {r['memory_ratio']:.1f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="numbers of flow nodes (default: 100 1000 10000 50000)",
    )
    parser.add_argument("--quick", action="store_true", help="three runs per size")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="wall clock (default) or CPU time of this process",
    )
    args = parser.parse_args(argv)
    global _clock
    _clock = CLOCKS[args.clock]
    generate = _generator()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="reprocess-bench-") as tmp:
        for n in args.sizes:
            rows.append(measure(n, Path(tmp), generate, args.quick))
            print(f"measured {n:,} flow nodes", file=sys.stderr)
    print(markdown(rows))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"clock": args.clock, "io": rows}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
