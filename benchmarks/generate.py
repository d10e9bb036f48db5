#!/usr/bin/env python3
"""Generate synthetic BPMN 2.0 processes of a given size, for benchmarks.

The output looks like a Thai government licensing service: one collaboration with an
applicant pool and an agency pool (3 to 5 lanes), tasks of several types with Thai and
English labels (some of them paper and counter steps), exclusive and parallel gateways in
balanced split/join pairs (nested up to two levels), a timer wait now and then, a few data
object references read by tasks, message flows between the pools, ``rp:`` attributes
(``urn:reprocess:bpmn:1.0``) and a complete, overlap-free BPMN DI layout (left to right,
lanes as horizontal bands).

Guarantees, for every ``n_nodes >= MIN_NODES`` and seed:

* exactly ``n_nodes`` flow nodes (events, tasks and gateways, both pools together);
* in each process every flow node is reachable from its start event and reaches its end
  event;
* well-formed UTF-8 XML that bpmn-moddle imports without warnings;
* the same bytes for the same ``(n_nodes, seed)``.

Standard library only. Usage::

    python benchmarks/generate.py 1000 -o out/bench-1000.bpmn [--seed 0]

or from Python: ``generate(1000, seed=0) -> bytes``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

__all__ = ["MIN_NODES", "generate", "main"]

# Applicant pool: start, prepare, submit, receive fee notice, pay, receive licence, end.
# Agency pool: message start, fee notice, payment, delivery, end, plus the filler.
MIN_NODES = 12

# --- geometry (pixels) ------------------------------------------------------------------
COL_W = 150  # one column of the grid; every flow node sits in its own cell
ROW_H = 110  # one row of the grid
PAD = 10  # free space above and below the rows of a band (pool or lane)
POOL_X = 100
POOL_HEADER = 30  # the vertical name strip of a pool, and again of a lane
POOL_GAP = 60  # vertical space between the two pools
FIRST_COL_X = POOL_X + 2 * POOL_HEADER + 20

SIZE = {"task": (100, 80), "gateway": (50, 50), "event": (36, 36), "data": (36, 50)}

# --- vocabulary ---------------------------------------------------------------------------
# (Thai, English, element tag, extra rp: attributes)
AGENCY_TASKS: tuple[tuple[str, str, str, str], ...] = (
    ("ตรวจสอบความครบถ้วนของเอกสาร", "Check documents are complete", "userTask", 'rp:kind="verify"'),
    (
        "ตรวจสอบสำเนาบัตรประจำตัวประชาชน",
        "Check the ID card copy",
        "userTask",
        'rp:kind="verify" rp:medium="paper"',
    ),
    (
        "ลงทะเบียนรับเรื่องในสมุดทะเบียน",
        "Log the case in the paper register",
        "manualTask",
        'rp:kind="register" rp:medium="paper" rp:channel="internal"',
    ),
    (
        "บันทึกข้อมูลลงระบบ",
        "Enter the data into the system",
        "userTask",
        'rp:kind="register" rp:medium="electronic"',
    ),
    (
        "ตรวจสอบข้อมูลทะเบียนราษฎร",
        "Query the civil registration database",
        "serviceTask",
        'rp:kind="verify" rp:channel="automated" rp:medium="electronic"',
    ),
    ("ตรวจสอบสถานที่", "Inspect the premises", "manualTask", 'rp:kind="inspect"'),
    ("คำนวณค่าธรรมเนียม", "Calculate the fee", "scriptTask", 'rp:channel="automated"'),
    ("พิจารณาตามหลักเกณฑ์", "Assess against the criteria", "businessRuleTask", 'rp:kind="verify"'),
    ("เสนอผู้อำนวยการพิจารณา", "Forward to the director", "userTask", 'rp:kind="approve"'),
    (
        "ลงนามอนุมัติในแฟ้มเสนอ",
        "Sign the approval on paper",
        "manualTask",
        'rp:kind="approve" rp:medium="paper"',
    ),
    ("ถ่ายสำเนาเอกสาร", "Photocopy the documents", "manualTask", 'rp:medium="paper"'),
    ("รับรองสำเนาถูกต้อง", "Certify the copies", "manualTask", 'rp:medium="paper"'),
    ("สแกนเอกสารเข้าระบบ", "Scan the documents", "task", 'rp:medium="mixed"'),
    ("จัดเก็บแฟ้มเอกสาร", "File the paper folder", "manualTask", 'rp:medium="paper"'),
    (
        "ส่งหนังสือแจ้งทางไปรษณีย์",
        "Send a letter by post",
        "manualTask",
        'rp:kind="notify" rp:channel="post" rp:medium="paper"',
    ),
    ("ออกใบอนุญาต", "Issue the licence", "task", 'rp:kind="issue" rp:medium="paper"'),
    ("ลงทะเบียนใบอนุญาต", "Register the licence", "task", 'rp:kind="register"'),
    ("ตรวจสอบการชำระภาษี", "Check tax payments", "serviceTask", 'rp:channel="automated"'),
)
DURATIONS = ("PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "PT2H", "P1D", "P3D", "P5D")
LANES = (
    ("งานรับเรื่อง", "Front desk"),
    ("เจ้าหน้าที่ผู้รับผิดชอบ", "Case officer"),
    ("งานการเงิน", "Finance"),
    ("ผู้อำนวยการ", "Director"),
    ("ระบบสารสนเทศ", "IT system"),
)
FRONT, OFFICER, FINANCE = 0, 1, 2
# (Thai, English, rp: attributes of the document)
DOCUMENTS = (
    (
        "สำเนาบัตรประจำตัวประชาชน",
        "Copy of ID card",
        'rp:originals="0" rp:copies="1" rp:certified="true" rp:issuer="กรมการปกครอง" '
        'rp:stateIssued="true"',
    ),
    (
        "สำเนาทะเบียนบ้าน",
        "Copy of house registration",
        'rp:originals="0" rp:copies="1" rp:certified="true" rp:issuer="กรมการปกครอง" '
        'rp:stateIssued="true"',
    ),
    ("แบบคำขออนุญาต", "Application form", 'rp:originals="1" rp:copies="0" rp:medium="paper"'),
    (
        "หนังสือมอบอำนาจ",
        "Power of attorney",
        'rp:originals="1" rp:copies="0" rp:conditional="กรณีมอบอำนาจ"',
    ),
    ("แผนที่แสดงที่ตั้งสถานประกอบการ", "Location map", 'rp:originals="1" rp:copies="1"'),
)
DECISIONS = (
    ("เอกสารครบถ้วนหรือไม่", "Documents complete?", ("ครบถ้วน (yes)", "ไม่ครบถ้วน (no)", "ขอเพิ่ม (ask)")),
    ("ผ่านเกณฑ์หรือไม่", "Criteria met?", ("ผ่าน (pass)", "ไม่ผ่าน (fail)", "ส่งกลับ (return)")),
    ("ต้องตรวจสถานที่หรือไม่", "Inspection needed?", ("ไม่ต้อง (no)", "ต้องตรวจ (yes)", "นัดใหม่ (later)")),
)


def _label(thai: str, english: str) -> str:
    return f"{thai} ({english})"


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# --- model ------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class Node:
    """A flow node or a data object reference, with its grid cell once laid out."""

    id: str
    tag: str  # BPMN element name, e.g. "userTask"
    shape: str  # key of SIZE
    name: str | None = None
    attrs: str = ""  # extra attributes, already formatted
    body: str = ""  # extra child elements after incoming/outgoing (event definitions)
    lane: int = -1  # -1: applicant pool
    col: int = 0
    row: int = 0
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    reads: list[tuple[str, str, str]] = field(default_factory=list)  # (assoc, dataref, property)
    default_flow: str | None = None


@dataclass(slots=True, eq=False)
class Block:
    """A balanced split/join pair of gateways with its branches."""

    split: Node
    join: Node
    branches: list[list[Item]]


Item = Node | Block
Writer = Callable[[str], None]


@dataclass(slots=True)
class Flow:
    id: str
    src: Node
    tgt: Node
    style: str  # straight | gap | down | up | vertical
    name: str | None = None
    condition: str | None = None


class _Builder:
    def __init__(self, n_nodes: int, seed: int) -> None:
        self.n = n_nodes
        self.rng = random.Random(seed)
        self.counters: dict[str, int] = {}
        self.nodes: list[Node] = []  # flow nodes, both pools
        self.data_refs: list[Node] = []
        self.flows: list[Flow] = []
        self.message_flows: list[Flow] = []

    # ids ---------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        k = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = k
        return f"{prefix}_{k}"

    def node(
        self, prefix: str, tag: str, shape: str, name: str | None, attrs: str = "", body: str = ""
    ) -> Node:
        node = Node(self.new_id(prefix), tag, shape, name, attrs, body)
        self.nodes.append(node)
        return node

    # structure -----------------------------------------------------------------------------
    def filler_task(self) -> Node:
        rng = self.rng
        if rng.random() < 0.04:
            definition = f'<bpmn:timerEventDefinition id="{self.new_id("TimerEventDefinition")}" />'
            return self.node(
                "Event",
                "intermediateCatchEvent",
                "event",
                _label("รอผลการพิจารณา", "Wait for the decision"),
                'rp:kind="wait" rp:duration="P7D"',
                definition,
            )
        thai, english, tag, attrs = rng.choice(AGENCY_TASKS)
        if rng.random() < 0.4:
            attrs += f' rp:duration="{rng.choice(DURATIONS)}"'
        return self.node("Activity", tag, "task", _label(thai, english), attrs)

    def sequence(self, budget: int, depth: int) -> list[Item]:
        """Items with exactly ``budget`` flow nodes, gateways nested ``depth`` deep so far."""
        rng = self.rng
        items: list[Item] = []
        while budget > 0:
            if budget >= 4 and depth < 2 and rng.random() < (0.22 if depth == 0 else 0.3):
                k = 3 if budget >= 5 and rng.random() < 0.3 else 2
                budgets = [rng.randint(1, 6 if depth == 0 else 3) for _ in range(k)]
                while 2 + sum(budgets) > budget:
                    budgets[budgets.index(max(budgets))] -= 1
                items.append(self.block(budgets, depth))
                budget -= 2 + sum(budgets)
            else:
                items.append(self.filler_task())
                budget -= 1
        return items

    def block(self, budgets: list[int], depth: int) -> Block:
        exclusive = self.rng.random() < 0.6
        if exclusive:
            thai, english, _ = self.rng.choice(DECISIONS)
            split = self.node(
                "Gateway",
                "exclusiveGateway",
                "gateway",
                _label(thai, english),
                'gatewayDirection="Diverging"',
            )
            join = self.node(
                "Gateway", "exclusiveGateway", "gateway", None, 'gatewayDirection="Converging"'
            )
        else:
            split = self.node(
                "Gateway", "parallelGateway", "gateway", None, 'gatewayDirection="Diverging"'
            )
            join = self.node(
                "Gateway", "parallelGateway", "gateway", None, 'gatewayDirection="Converging"'
            )
        branches = [self.sequence(b, depth + 1) for b in budgets]
        return Block(split, join, branches)

    # layout --------------------------------------------------------------------------------
    def place(self, item: Item, col: int, row: int, lane: int) -> tuple[int, int]:
        """Put ``item`` at grid cell (col, row) of ``lane``; return its (width, height)."""
        if isinstance(item, Node):
            item.col, item.row, item.lane = col, row, lane
            return 1, 1
        item.split.col, item.split.row, item.split.lane = col, row, lane
        r, width = row, 0
        for branch in item.branches:
            w, h = self.place_all(branch, col + 1, r, lane)
            r += h
            width = max(width, w)
        item.join.col, item.join.row, item.join.lane = col + 1 + width, row, lane
        return width + 2, r - row

    def place_all(self, items: list[Item], col: int, row: int, lane: int) -> tuple[int, int]:
        width, height = 0, 1
        for item in items:
            w, h = self.place(item, col + width, row, lane)
            width += w
            height = max(height, h)
        return width, height

    # flows ---------------------------------------------------------------------------------
    def flow(
        self,
        src: Node,
        tgt: Node,
        style: str,
        name: str | None = None,
        condition: str | None = None,
    ) -> Flow:
        f = Flow(self.new_id("Flow"), src, tgt, style, name, condition)
        src.outgoing.append(f.id)
        tgt.incoming.append(f.id)
        self.flows.append(f)
        return f

    def message(self, src: Node, tgt: Node, name: str) -> None:
        self.message_flows.append(Flow(self.new_id("MessageFlow"), src, tgt, "vertical", name))

    def connect(self, items: list[Item]) -> None:
        for a, b in pairwise(items):
            src, tgt = _exit(a), _entry(b)
            self.flow(src, tgt, "straight" if src.lane == tgt.lane else "gap")
        for item in items:
            if isinstance(item, Block):
                self.connect_block(item)

    def connect_block(self, block: Block) -> None:
        split, join = block.split, block.join
        labels = self.rng.choice(DECISIONS)[2] if split.tag == "exclusiveGateway" else None
        for i, branch in enumerate(block.branches):
            first, last = _entry(branch[0]), _exit(branch[-1])
            name = condition = None
            if labels is not None:
                name = labels[i]
                condition = None if i == 0 else f"decision == {i}"
            f = self.flow(
                split, first, "straight" if first.row == split.row else "down", name, condition
            )
            if labels is not None and i == 0:
                split.default_flow = f.id
            self.connect(branch)
            self.flow(last, join, "straight" if last.row == join.row else "up")

    # the whole model -------------------------------------------------------------------------
    def build(self) -> bytes:
        rng = self.rng
        n_lanes = rng.randint(3, 5)
        # Agency milestones around the filler.
        start = self.node(
            "StartEvent",
            "startEvent",
            "event",
            _label("รับคำขอ", "Application received"),
            "",
            f'<bpmn:messageEventDefinition id="{self.new_id("MessageEventDefinition")}" />',
        )
        filler = self.n - MIN_NODES
        first = filler * 2 // 5
        part1 = self.sequence(first, 0)
        fee_notice = self.node(
            "Activity",
            "sendTask",
            "task",
            _label("แจ้งค่าธรรมเนียม", "Send the fee notice"),
            'rp:kind="notify" rp:channel="counter" rp:duration="PT5M"',
        )
        payment = self.node(
            "Activity",
            "receiveTask",
            "task",
            _label("รับชำระค่าธรรมเนียม ออกใบเสร็จ", "Take the fee, write a receipt"),
            'rp:kind="pay" rp:channel="counter" rp:medium="paper" rp:fee="200"',
        )
        part2 = self.sequence(filler - first, 0)
        deliver = self.node(
            "Activity",
            "sendTask",
            "task",
            _label("มอบใบอนุญาต ณ เคาน์เตอร์", "Hand over the licence at the counter"),
            'rp:kind="issue" rp:channel="counter" rp:medium="paper" rp:copresence="true"',
        )
        end = self.node("EndEvent", "endEvent", "event", _label("เสร็จสิ้น", "Done"))
        top: list[Item] = [start, *part1, fee_notice, payment, *part2, deliver, end]

        # Lanes: each top-level item goes to one lane, changing now and then.
        fixed = {
            id(start): FRONT,
            id(fee_notice): FINANCE,
            id(payment): FINANCE,
            id(deliver): FRONT,
            id(end): FRONT,
        }
        lane, col = FRONT, 2
        lane_rows = [2] * n_lanes
        singles: list[Node] = []  # top-level filler tasks, candidates for data inputs
        for item in top:
            if id(item) in fixed:
                lane = fixed[id(item)]
            elif rng.random() < 0.35:
                lane = rng.randrange(n_lanes)
            w, h = self.place(item, col, 0, lane)
            lane_rows[lane] = max(lane_rows[lane], h)
            col += w
            if isinstance(item, Node) and item.shape == "task" and id(item) not in fixed:
                singles.append(item)
        n_cols = col
        self.connect(top)

        # Data objects: read by a few top-level tasks, drawn in the cell below them.
        data_objects: dict[int, str] = {}
        n_data = min(max(3, self.n // 2000), 25, len(singles))
        for task in sorted(rng.sample(singles, n_data), key=lambda t: t.col):
            d = rng.randrange(len(DOCUMENTS))
            if d not in data_objects:
                data_objects[d] = self.new_id("DataObject")
            thai, english, attrs = DOCUMENTS[d]
            ref = Node(
                self.new_id("DataObjectReference"),
                "dataObjectReference",
                "data",
                _label(thai, english),
                f'dataObjectRef="{data_objects[d]}" {attrs}',
            )
            ref.lane, ref.col, ref.row = task.lane, task.col, 1
            self.data_refs.append(ref)
            task.reads.append(
                (self.new_id("DataInputAssociation"), ref.id, self.new_id("Property"))
            )

        # Applicant pool: one row, each step in the column of its agency counterpart.
        app = [
            self.node(
                "StartEvent", "startEvent", "event", _label("ต้องการใบอนุญาต", "Licence needed")
            ),
            self.node(
                "Activity",
                "manualTask",
                "task",
                _label("เตรียมเอกสารประกอบคำขอ", "Prepare the supporting documents"),
                'rp:actor="applicant" rp:medium="paper" rp:duration="P1D"',
            ),
            self.node(
                "Activity",
                "sendTask",
                "task",
                _label("ยื่นแบบคำขอ ณ เคาน์เตอร์", "Submit the application form at the counter"),
                'rp:actor="applicant" rp:kind="submit" rp:channel="counter" '
                'rp:medium="paper" rp:copresence="true" rp:duration="PT30M"',
            ),
            self.node(
                "Activity",
                "receiveTask",
                "task",
                _label("รับแจ้งค่าธรรมเนียม", "Receive the fee notice"),
                'rp:actor="applicant" rp:kind="notify"',
            ),
            self.node(
                "Activity",
                "sendTask",
                "task",
                _label("ชำระเงินสด", "Pay in cash"),
                'rp:actor="applicant" rp:kind="pay" rp:channel="counter" '
                'rp:medium="paper" rp:fee="200" rp:copresence="true" rp:duration="PT20M"',
            ),
            self.node(
                "Activity",
                "receiveTask",
                "task",
                _label("รับใบอนุญาต", "Receive the licence"),
                'rp:actor="applicant" rp:kind="issue" rp:channel="counter" '
                'rp:medium="paper" rp:copresence="true"',
            ),
            self.node("EndEvent", "endEvent", "event", _label("ได้รับใบอนุญาต", "Licence received")),
        ]
        for node, c in zip(
            app,
            (0, 1, start.col, fee_notice.col, payment.col, deliver.col, deliver.col + 1),
            strict=True,
        ):
            node.col, node.row, node.lane = c, 0, -1
        for a, b in pairwise(app):
            self.flow(a, b, "straight")
        self.message(app[2], start, _label("แบบคำขอ", "Application form"))
        self.message(fee_notice, app[3], _label("ใบแจ้งค่าธรรมเนียม", "Fee notice"))
        self.message(app[4], payment, _label("เงินสด", "Cash"))
        self.message(deliver, app[5], _label("ใบอนุญาต", "Licence"))
        assert len(self.nodes) == self.n, (len(self.nodes), self.n)

        return self.write(n_lanes, lane_rows, n_cols, data_objects)

    # XML -------------------------------------------------------------------------------------
    def write(
        self, n_lanes: int, lane_rows: list[int], n_cols: int, data_objects: dict[int, str]
    ) -> bytes:
        out: list[str] = []
        w = out.append
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w(
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
            'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
            'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
            'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:rp="urn:reprocess:bpmn:1.0" '
            f'id="Definitions_synthetic_{self.n}" targetNamespace="urn:reprocess:bench" '
            'exporter="reprocess benchmarks/generate.py" exporterVersion="1">\n'
        )
        w('  <bpmn:collaboration id="Collaboration_1">\n')
        w(
            '    <bpmn:participant id="Participant_Applicant" '
            f'name="{_esc(_label("ผู้ยื่นคำขอ", "Applicant"))}" processRef="Process_Applicant" '
            'rp:role="applicant" />\n'
        )
        w(
            '    <bpmn:participant id="Participant_Agency" '
            f'name="{_esc(_label("เทศบาลตัวอย่าง", "Sample municipality"))}" '
            'processRef="Process_Agency" rp:role="agency" />\n'
        )
        for m in self.message_flows:
            w(
                f'    <bpmn:messageFlow id="{m.id}" name="{_esc(m.name or "")}" '
                f'sourceRef="{m.src.id}" targetRef="{m.tgt.id}" />\n'
            )
        w("  </bpmn:collaboration>\n")

        agency = [n for n in self.nodes if n.lane >= 0]
        applicant = [n for n in self.nodes if n.lane < 0]
        agency_ids = {id(n) for n in agency}
        agency_flows = [f for f in self.flows if id(f.src) in agency_ids]
        applicant_flows = [f for f in self.flows if id(f.src) not in agency_ids]

        w('  <bpmn:process id="Process_Applicant" isExecutable="false">\n')
        self.write_elements(w, applicant, applicant_flows)
        w("  </bpmn:process>\n")

        service = _esc(f"การขออนุญาตประกอบกิจการ (synthetic, {self.n} nodes)")
        w(
            f'  <bpmn:process id="Process_Agency" isExecutable="false" rp:service="{service}" '
            'rp:agency="เทศบาลตัวอย่าง" rp:customerGroup="business" rp:casesPerYear="1200">\n'
        )
        w('    <bpmn:laneSet id="LaneSet_1">\n')
        by_lane: list[list[str]] = [[] for _ in range(n_lanes)]
        for n in agency:
            by_lane[n.lane].append(n.id)
        for i in range(n_lanes):
            thai, english = LANES[i]
            w(f'      <bpmn:lane id="Lane_{i + 1}" name="{_esc(_label(thai, english))}">\n')
            w(
                "".join(
                    f"        <bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>\n" for ref in by_lane[i]
                )
            )
            w("      </bpmn:lane>\n")
        w("    </bpmn:laneSet>\n")
        for d, obj_id in sorted(data_objects.items(), key=lambda kv: kv[1]):
            w(f'    <bpmn:dataObject id="{obj_id}" name="{_esc(_label(*DOCUMENTS[d][:2]))}" />\n')
        for ref in self.data_refs:
            w(
                f'    <bpmn:dataObjectReference id="{ref.id}" name="{_esc(ref.name or "")}" '
                f"{ref.attrs} />\n"
            )
        self.write_elements(w, agency, agency_flows)
        w("  </bpmn:process>\n")

        self.write_di(w, n_lanes, lane_rows, n_cols)
        w("</bpmn:definitions>\n")
        return "".join(out).encode("utf-8")

    @staticmethod
    def write_elements(w: Writer, nodes: list[Node], flows: list[Flow]) -> None:
        for n in nodes:
            head = f'    <bpmn:{n.tag} id="{n.id}"'
            if n.name is not None:
                head += f' name="{_esc(n.name)}"'
            if n.attrs:
                head += " " + n.attrs
            if n.default_flow is not None:
                head += f' default="{n.default_flow}"'
            parts = [head, ">\n"]
            parts += [f"      <bpmn:incoming>{i}</bpmn:incoming>\n" for i in n.incoming]
            parts += [f"      <bpmn:outgoing>{o}</bpmn:outgoing>\n" for o in n.outgoing]
            if n.body:
                parts.append(f"      {n.body}\n")
            for assoc, ref, prop in n.reads:
                parts.append(
                    f'      <bpmn:property id="{prop}" name="__targetRef_placeholder" />\n'
                )
                parts.append(
                    f'      <bpmn:dataInputAssociation id="{assoc}">\n'
                    f"        <bpmn:sourceRef>{ref}</bpmn:sourceRef>\n"
                    f"        <bpmn:targetRef>{prop}</bpmn:targetRef>\n"
                    "      </bpmn:dataInputAssociation>\n"
                )
            parts.append(f"    </bpmn:{n.tag}>\n")
            w("".join(parts))
        for f in flows:
            head = f'    <bpmn:sequenceFlow id="{f.id}"'
            if f.name is not None:
                head += f' name="{_esc(f.name)}"'
            head += f' sourceRef="{f.src.id}" targetRef="{f.tgt.id}"'
            if f.condition is None:
                w(head + " />\n")
            else:
                w(
                    f'{head}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
                    f"{_esc(f.condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n"
                )

    def write_di(self, w: Writer, n_lanes: int, lane_rows: list[int], n_cols: int) -> None:
        pool_w = 2 * POOL_HEADER + 20 + n_cols * COL_W + 20
        app_y = 40
        app_h = ROW_H + 2 * PAD
        agency_y = app_y + app_h + POOL_GAP
        lane_y: list[int] = []
        y = agency_y
        for rows in lane_rows:
            lane_y.append(y)
            y += rows * ROW_H + 2 * PAD
        agency_h = y - agency_y

        def top_of(lane: int) -> int:  # y of row 0 of a band
            return (app_y if lane < 0 else lane_y[lane]) + PAD

        w('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">\n')
        w('    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">\n')
        shape = (
            '      <bpmndi:BPMNShape id="{0}_di" bpmnElement="{0}"{1}>\n'
            '        <dc:Bounds x="{2}" y="{3}" width="{4}" height="{5}" />\n'
            "      </bpmndi:BPMNShape>\n"
        )
        horizontal = ' isHorizontal="true"'
        w(shape.format("Participant_Applicant", horizontal, POOL_X, app_y, pool_w, app_h))
        w(shape.format("Participant_Agency", horizontal, POOL_X, agency_y, pool_w, agency_h))
        for i in range(n_lanes):
            w(
                shape.format(
                    f"Lane_{i + 1}",
                    horizontal,
                    POOL_X + POOL_HEADER,
                    lane_y[i],
                    pool_w - POOL_HEADER,
                    lane_rows[i] * ROW_H + 2 * PAD,
                )
            )

        boxes: dict[str, tuple[int, int, int, int]] = {}
        for n in [*self.nodes, *self.data_refs]:
            sw, sh = SIZE[n.shape]
            x = FIRST_COL_X + n.col * COL_W + (COL_W - sw) // 2
            y = top_of(n.lane) + n.row * ROW_H + (ROW_H - sh) // 2
            boxes[n.id] = (x, y, sw, sh)
            extra = ' isMarkerVisible="true"' if n.tag == "exclusiveGateway" else ""
            w(shape.format(n.id, extra, x, y, sw, sh))

        edge_head = '      <bpmndi:BPMNEdge id="{0}_di" bpmnElement="{0}">\n'
        point = '        <di:waypoint x="{}" y="{}" />\n'
        edge_tail = "      </bpmndi:BPMNEdge>\n"
        for f in [*self.flows, *self.message_flows]:
            sx, sy, sw, sh = boxes[f.src.id]
            tx, ty, tw, th = boxes[f.tgt.id]
            scy, tcy = sy + sh // 2, ty + th // 2
            scx, tcx = sx + sw // 2, tx + tw // 2
            if f.style == "straight":
                pts = [(sx + sw, scy), (tx, tcy)]
            elif f.style == "gap":  # through the free strip left of the target's column
                gx = FIRST_COL_X + f.tgt.col * COL_W
                pts = [(sx + sw, scy), (gx, scy), (gx, tcy), (tx, tcy)]
            elif f.style == "down":  # split gateway to a lower branch
                pts = [(scx, sy + sh), (scx, tcy), (tx, tcy)]
            elif f.style == "up":  # end of a lower branch to the join gateway
                pts = [(sx + sw, scy), (tcx, scy), (tcx, ty + th)]
            elif sy < ty:  # message flow, applicant above the agency
                pts = [(scx, sy + sh), (tcx, ty)]
            else:
                pts = [(scx, sy), (tcx, ty + th)]
            w(edge_head.format(f.id) + "".join(point.format(x, y) for x, y in pts) + edge_tail)
        for task in self.nodes:
            for assoc, ref_id, _ in task.reads:
                rx, ry, rw, _ = boxes[ref_id]
                tx, ty, tw, th = boxes[task.id]
                w(
                    edge_head.format(assoc)
                    + point.format(rx + rw // 2, ry)
                    + point.format(tx + tw // 2, ty + th)
                    + edge_tail
                )
        w("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n")


def _entry(item: Item) -> Node:
    return item if isinstance(item, Node) else item.split


def _exit(item: Item) -> Node:
    return item if isinstance(item, Node) else item.join


def generate(n_nodes: int, *, seed: int = 0) -> bytes:
    """Return a synthetic BPMN 2.0 document with exactly ``n_nodes`` flow nodes (UTF-8)."""
    if n_nodes < MIN_NODES:
        raise ValueError(f"n_nodes must be at least {MIN_NODES}, got {n_nodes}")
    return _Builder(n_nodes, seed).build()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("n_nodes", type=int, help=f"number of flow nodes (>= {MIN_NODES})")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    args = parser.parse_args(argv)
    if args.n_nodes < MIN_NODES:
        parser.error(f"n_nodes must be at least {MIN_NODES}")
    data = generate(args.n_nodes, seed=args.seed)
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
