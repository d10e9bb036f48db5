"""Where things go in a drawing: shared by the diagram (``dot.py``) and the layout
(``layout.py``), so both put a node in the same lane and a document beside the same step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reprocess.model import Definitions, Lane

__all__ = ["artifact_users", "innermost_lanes"]


def innermost_lanes(defs: Definitions, node_ids: Iterable[str],
                    lanes: Sequence[Lane]) -> dict[str, str]:
    """Return, for each node, the innermost of ``lanes`` that holds it (nodes in none of
    them are left out).

    Examples:
        >>> from reprocess.model import LaneSet, Process, Task
        >>> lane = Lane(id="L", flow_node_refs=("T",))
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(Task(id="T"),),
        ...                                        lane_sets=(LaneSet(lanes=(lane,)),)),))
        >>> innermost_lanes(d, ["T"], [lane])
        {'T': 'L'}
    """
    lane_ids = {lane.id for lane in lanes}
    out: dict[str, str] = {}
    for nid in node_ids:
        for lane in defs.lanes_of(nid):
            if lane.id in lane_ids:
                out[nid] = lane.id
                break
    return out


def artifact_users(defs: Definitions, node_ids: Iterable[str]) -> dict[str, str]:
    """Return, for each document and text annotation, the first node that uses it (reads,
    writes or is annotated by it), so it can be drawn beside that node.

    Examples:
        >>> from reprocess.model import Process, Task
        >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(Task(id="T"),)),))
        >>> artifact_users(d, ["T"])
        {}
    """
    users: dict[str, str] = {}
    for nid in node_ids:
        for doc in (*defs.documents_read(nid), *defs.documents_written(nid)):
            users.setdefault(doc.id, nid)
        for ann in defs.annotations_of(nid):
            users.setdefault(ann.id, nid)
    return users
