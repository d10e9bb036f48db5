"""The graph view of a model and the graph questions the analysis asks.

:func:`to_graph` turns a :class:`~reprocess.model.process.Definitions` into a frozen
``networkx.MultiDiGraph``: one node per flow node (keyed by id, the element object as
``element`` data), one edge per sequence flow (keyed by the flow id), plus an edge of
kind ``"boundary"`` from an activity to each boundary event attached to it. A
``MultiDiGraph`` keeps duplicated flows between the same two nodes apart.

``Definitions.graph`` caches the result. Every query here is a function of the model,
in the style of networkx's algorithms.

Examples:
    >>> from reprocess.model.elements import StartEvent, UserTask, EndEvent, SequenceFlow
    >>> from reprocess.model.process import Definitions, Process
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     StartEvent(id="S"), UserTask(id="T"), EndEvent(id="E"),
    ...     SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> sorted(d.graph.nodes)
    ['E', 'S', 'T']
    >>> list(start_to_end_paths(d))
    [('S', 'T', 'E')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from reprocess.model.base import field_or
from reprocess.model.elements import (
    BoundaryEvent,
    EndEvent,
    EventDefinition,
    FlowNode,
    SequenceFlow,
    StartEvent,
)
from reprocess.model.process import Definitions

__all__ = [
    "Handoff",
    "back_edges",
    "critical_path",
    "dead_end_nodes",
    "end_nodes",
    "handoffs",
    "loops",
    "reachable_from",
    "reaching",
    "start_nodes",
    "start_to_end_paths",
    "to_graph",
    "unreachable_nodes",
]


def to_graph(defs: Definitions) -> nx.MultiDiGraph[str]:
    """Build the frozen graph of flow nodes and sequence flows.

    Node data: ``element`` (the flow node), ``process`` (top-level process id),
    ``container`` (id of the process or sub-process that holds it), ``lane`` (innermost
    lane id or ``None``), ``pool`` (participant id or ``None``). Edge data: ``kind``
    (``"sequence"`` or ``"boundary"``) and ``flow`` (the :class:`SequenceFlow` or
    ``None``). Flows whose ends are not flow nodes are left out of the graph (the
    integrity check reports them).

    Examples:
        >>> from reprocess.model.elements import Task, BoundaryEvent
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="T"), BoundaryEvent(id="B", attached_to="T"))),))
        >>> list(d.graph.edges(keys=True, data="kind"))
        [('T', 'B', 'B#attached', 'boundary')]
        >>> nx.is_frozen(d.graph)
        True
    """
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    nodes = []
    for node in defs.flow_nodes():
        lane = defs.lane_of(node.id)
        pool = defs.pool_of(node.id)
        nodes.append((node.id, {
            "element": node,
            "process": defs.process_of(node.id).id,
            "container": defs.container_of(node.id).id,
            "lane": lane.id if lane else None,
            "pool": pool.id if pool else None,
        }))
    g.add_nodes_from(nodes)
    edges = [(f.source, f.target, f.id, {"kind": "sequence", "flow": f})
             for f in defs.sequence_flows() if f.source in g and f.target in g]
    edges += [(n.attached_to, n.id, f"{n.id}#attached", {"kind": "boundary", "flow": None})
              for n in defs.flow_nodes()
              if isinstance(n, BoundaryEvent) and n.attached_to in g]
    g.add_edges_from(edges)  # type: ignore[arg-type]  # (u, v, key, data): MultiDiGraph
    frozen: nx.MultiDiGraph[str] = nx.freeze(g)
    return frozen


def start_nodes(defs: Definitions, *, container: str | None = None) -> tuple[str, ...]:
    """Return the ids of the nodes where a process (or sub-process) starts.

    Start events, and any other node without incoming sequence flow (an implicit
    start), except boundary events and compensation handlers. ``container`` limits
    the answer to one process or sub-process.

    Examples:
        >>> from reprocess.model.elements import Task
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(Task(id="T"),)),))
        >>> start_nodes(d)
        ('T',)
    """
    key = f"graph.start_nodes:{container}"
    if key in defs.memo:
        cached: tuple[str, ...] = defs.memo[key]
        return cached
    g = defs.graph
    pred = g.pred
    out = []
    for node in defs.flow_nodes():
        if container is not None and g.nodes[node.id]["container"] != container:
            continue
        if isinstance(node, BoundaryEvent) or _is_compensation(node):
            continue
        if isinstance(node, StartEvent) or not any(
            d["kind"] == "sequence" for keyed in pred[node.id].values() for d in keyed.values()
        ):
            out.append(node.id)
    result = defs.memo[key] = tuple(out)
    return result


def _is_compensation(node: FlowNode) -> bool:
    return any(k.endswith("isForCompensation") and v == "true" for k, v in node.attrs)


def end_nodes(defs: Definitions, *, container: str | None = None) -> tuple[str, ...]:
    """Return the ids of end events and of other nodes without outgoing sequence flow.

    Examples:
        >>> from reprocess.model.elements import Task
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(Task(id="T"),)),))
        >>> end_nodes(d)
        ('T',)
    """
    key = f"graph.end_nodes:{container}"
    if key in defs.memo:
        cached: tuple[str, ...] = defs.memo[key]
        return cached
    g = defs.graph
    out = []
    for node in defs.flow_nodes():
        if container is not None and g.nodes[node.id]["container"] != container:
            continue
        if isinstance(node, EndEvent) or g.out_degree(node.id) == 0:
            out.append(node.id)
    result = defs.memo[key] = tuple(out)
    return result


def reachable_from(defs: Definitions, sources: str | tuple[str, ...]) -> frozenset[str]:
    """Return the ids reachable from ``sources`` (sources included).

    Examples:
        >>> from reprocess.model.elements import Task
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="A"), Task(id="B"), SequenceFlow(id="f", source="A", target="B"))),))
        >>> sorted(reachable_from(d, "A")), sorted(reachable_from(d, "B"))
        (['A', 'B'], ['B'])
    """
    g = defs.graph
    seeds = (sources,) if isinstance(sources, str) else sources
    seen: set[str] = set()
    for s in seeds:
        if s in g and s not in seen:
            seen.add(s)
            seen |= nx.descendants(g, s)
    return frozenset(seen)


def reaching(defs: Definitions, targets: str | tuple[str, ...]) -> frozenset[str]:
    """Return the ids from which one of ``targets`` can be reached (targets included)."""
    g = defs.graph
    seeds = (targets,) if isinstance(targets, str) else targets
    seen: set[str] = set()
    for t in seeds:
        if t in g and t not in seen:
            seen.add(t)
            seen |= nx.ancestors(g, t)
    return frozenset(seen)


def unreachable_nodes(defs: Definitions) -> tuple[str, ...]:
    """Return the nodes that no start of their process or sub-process reaches.

    Compensation handlers (reached through their boundary event) are not reported.

    Examples:
        >>> from reprocess.model.elements import Task
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     StartEvent(id="S"), Task(id="A"), Task(id="B"), Task(id="C"),
        ...     SequenceFlow(id="f", source="S", target="A"),
        ...     SequenceFlow(id="g", source="B", target="C"),
        ...     SequenceFlow(id="h", source="C", target="B"))),))
        >>> unreachable_nodes(d)
        ('B', 'C')
    """
    g = defs.graph
    seen = reachable_from(defs, start_nodes(defs))
    return tuple(n for n in g.nodes if n not in seen
                 and not _is_compensation(g.nodes[n]["element"]))


def dead_end_nodes(defs: Definitions) -> tuple[str, ...]:
    """Return the nodes from which no end of their process or sub-process is reachable."""
    g = defs.graph
    seen = reaching(defs, end_nodes(defs))
    return tuple(n for n in g.nodes if n not in seen)


def start_to_end_paths(
    defs: Definitions, *, container: str | None = None, limit: int = 1000
) -> Iterator[tuple[str, ...]]:
    """Yield loop-free paths from a start to an end, at most ``limit`` of them.

    Paths follow sequence flows only (not boundary attachments). The number of paths
    can grow exponentially with the number of gateways, hence the limit.
    """
    g = defs.graph
    seq = nx.subgraph_view(g, filter_edge=lambda u, v, k: g.edges[u, v, k]["kind"] == "sequence")
    count = 0
    scope = container
    if scope is None and defs.processes:
        scope = defs.processes[0].id
    starts = start_nodes(defs, container=scope) if scope else start_nodes(defs)
    ends = set(end_nodes(defs, container=scope) if scope else end_nodes(defs))
    for s in starts:
        stack: list[tuple[str, tuple[str, ...]]] = [(s, (s,))]
        while stack:
            node, path = stack.pop()
            succ = sorted(set(seq.successors(node)), reverse=True)
            if node in ends and not succ:
                yield path
                count += 1
                if count >= limit:
                    return
                continue
            for nxt in succ:
                if nxt not in path:
                    stack.append((nxt, (*path, nxt)))


def loops(defs: Definitions) -> tuple[tuple[str, ...], ...]:
    """Return the loops: strongly connected groups of nodes (and self-loops), sorted.

    A loop back to the applicant through a gateway is rework (LFA s.8 allows one
    request for missing documents).

    Examples:
        >>> from reprocess.model.elements import Task
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     Task(id="A"), Task(id="B"),
        ...     SequenceFlow(id="f", source="A", target="B"),
        ...     SequenceFlow(id="g", source="B", target="A"))),))
        >>> loops(d)
        (('A', 'B'),)
    """
    g = defs.graph
    out = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1:
            out.append(tuple(sorted(comp)))
        else:
            (only,) = comp
            if g.has_edge(only, only):
                out.append((only,))
    return tuple(sorted(out))


def back_edges(defs: Definitions) -> tuple[tuple[str, str, str], ...]:
    """Return ``(source, target, flow_id)`` of flows that close a loop.

    Found by a depth-first search from the starts in document order, so the answer
    is deterministic; removing these edges leaves a directed acyclic graph.
    """
    if "graph.back_edges" in defs.memo:
        cached: tuple[tuple[str, str, str], ...] = defs.memo["graph.back_edges"]
        return cached
    g = defs.graph
    adjacency: dict[str, list[tuple[str, str]]] = {n: [] for n in g.nodes}
    for u, v, k in g.edges(keys=True):
        adjacency[u].append((v, k))
    color: dict[str, int] = {}
    back: list[tuple[str, str, str]] = []
    for root in (*start_nodes(defs), *g.nodes):
        if root in color:
            continue
        color[root] = 1
        stack: list[tuple[str, Iterator[tuple[str, str]]]] = [(root, iter(adjacency[root]))]
        while stack:
            node, it = stack[-1]
            advanced = False
            for v, k in it:
                state = color.get(v, 0)
                if state == 0:
                    color[v] = 1
                    stack.append((v, iter(adjacency[v])))
                    advanced = True
                    break
                if state == 1:
                    back.append((node, v, k))
            if not advanced:
                color[node] = 2
                stack.pop()
    result = defs.memo["graph.back_edges"] = tuple(back)
    return result


def critical_path(
    defs: Definitions, weight: Callable[[FlowNode], float]
) -> tuple[float, tuple[str, ...]]:
    """Return the longest start-to-end duration and its path, loops not repeated.

    ``weight`` gives each node's duration; parallel branches overlap, so the answer
    is the longest path, not the sum. Back edges (rework loops) are ignored.

    Examples:
        >>> from reprocess.model.elements import Task, ParallelGateway
        >>> from reprocess.model.process import Process
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
        ...     ParallelGateway(id="G"), Task(id="A"), Task(id="B"), ParallelGateway(id="J"),
        ...     SequenceFlow(id="1", source="G", target="A"),
        ...     SequenceFlow(id="2", source="G", target="B"),
        ...     SequenceFlow(id="3", source="A", target="J"),
        ...     SequenceFlow(id="4", source="B", target="J"))),))
        >>> critical_path(d, lambda n: {"A": 2.0, "B": 5.0}.get(n.id, 0.0))
        (5.0, ('G', 'B', 'J'))
    """
    g = defs.graph
    dag: nx.DiGraph[str] = nx.DiGraph()
    dag.add_nodes_from(g.nodes)
    skip = {(u, v) for u, v, _ in back_edges(defs)}
    dag.add_edges_from((u, v) for u, v in g.edges() if (u, v) not in skip)
    total_at: dict[str, float] = {}
    length: dict[str, int] = {}
    prev: dict[str, str | None] = {}
    for n in nx.topological_sort(dag):  # deterministic: follows insertion order
        w = weight(g.nodes[n]["element"])
        best: str | None = None
        for p in dag.predecessors(n):
            if best is None or total_at[p] > total_at[best]:
                best = p
        total_at[n] = w + (total_at[best] if best is not None else 0.0)
        length[n] = 1 + (length[best] if best is not None else 0)
        prev[n] = best
    if not total_at:
        return 0.0, ()
    end = max(total_at, key=lambda n: (total_at[n], length[n]))
    path: list[str] = []
    cur: str | None = end
    while cur is not None:
        path.append(cur)
        cur = prev[cur]
    return round(total_at[end], 6), tuple(reversed(path))


@dataclass(frozen=True)
class Handoff:
    """A hand-off of work between lanes of one pool, or between pools.

    ``via`` is the sequence or message flow id; ``kind`` says which.
    """

    via: str
    source: str
    target: str
    from_unit: str | None
    to_unit: str | None
    kind: Literal["lane", "pool"]


def handoffs(defs: Definitions) -> tuple[Handoff, ...]:
    """Return the hand-offs: sequence flows that change lane, and message flows.

    Examples:
        >>> from reprocess.model.elements import Task, Lane, LaneSet
        >>> from reprocess.model.process import Process
        >>> p = Process(id="P", flow_elements=(Task(id="A"), Task(id="B"),
        ...     SequenceFlow(id="f", source="A", target="B")), lane_sets=(LaneSet(lanes=(
        ...     Lane(id="L1", flow_node_refs=("A",)), Lane(id="L2", flow_node_refs=("B",)))),))
        >>> [(h.via, h.from_unit, h.to_unit) for h in handoffs(Definitions(root_elements=(p,)))]
        [('f', 'L1', 'L2')]
    """
    g = defs.graph
    out: list[Handoff] = []
    for u, v, k, data in g.edges(keys=True, data=True):
        if data["kind"] != "sequence":
            continue
        lu, lv = g.nodes[u]["lane"], g.nodes[v]["lane"]
        pu, pv = g.nodes[u]["pool"], g.nodes[v]["pool"]
        if pu != pv:
            out.append(Handoff(k, u, v, pu, pv, "pool"))
        elif lu is not None and lv is not None and lu != lv:
            out.append(Handoff(k, u, v, lu, lv, "lane"))
    for mf in defs.message_flows:
        src_pool = defs.pool_of(mf.source)
        dst_pool = defs.pool_of(mf.target)
        out.append(
            Handoff(
                mf.id,
                mf.source,
                mf.target,
                src_pool.id if src_pool else None,
                dst_pool.id if dst_pool else None,
                "pool",
            )
        )
    return tuple(out)


def flows_between(defs: Definitions, source: str, target: str) -> tuple[SequenceFlow, ...]:
    """Return the sequence flows from ``source`` to ``target`` (duplicates included)."""
    return tuple(f for f in defs.outgoing(source) if f.target == target)


def timer_definitions(node: FlowNode) -> tuple[EventDefinition, ...]:
    """Return the timer event definitions of a node (empty for non-events)."""
    return tuple(d for d in field_or(node, "event_definitions", ()) if d.kind == "timer")
