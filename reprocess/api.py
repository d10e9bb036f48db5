"""The one-call API: check a model or a file, propose its to-be, draw it.

Examples:
    >>> import reprocess
    >>> from reprocess.model import Definitions, Process, StartEvent, UserTask, EndEvent
    >>> from reprocess.model import SequenceFlow
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     StartEvent(id="S", name="เริ่ม"), UserTask(id="T", name="ชำระเงินสด ณ งานการเงิน"),
    ...     EndEvent(id="E", name="จบ"), SequenceFlow(id="f1", source="S", target="T"),
    ...     SequenceFlow(id="f2", source="T", target="E"))),))
    >>> reprocess.check(d).assessment.can_pay_online
    False
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reprocess.analysis.config import Config, Sidecar
from reprocess.analysis.engine import Analysis
from reprocess.analysis.engine import check as _check
from reprocess.model.enums import EServiceLevel
from reprocess.model.process import Definitions

if TYPE_CHECKING:
    import graphviz

__all__ = ["check", "diagram", "redesign"]


def _load(model: Definitions | str | os.PathLike[str]) -> tuple[Definitions, Sidecar | None]:
    if isinstance(model, Definitions):
        return model, None
    from reprocess.io import read_bpmn
    from reprocess.settings import load_sidecar, sidecar_for

    defs = read_bpmn(model, lenient=True)
    side = sidecar_for(model)
    return defs, (load_sidecar(side) if side else None)


def check(
    model: Definitions | str | os.PathLike[str],
    *,
    target: EServiceLevel | str | None = None,
    config: Config | None = None,
    sidecar: Sidecar | None = None,
) -> Analysis:
    """Analyse a model or a BPMN file: level, flags, blockers with evidence, metrics.

    A path is read leniently (duplicate ids and dangling references become ``STR``
    findings) and its sidecar file (``NAME.reprocess.toml``) is used when present.

    Args:
        model: a :class:`Definitions` or a path to a BPMN file.
        target: the target level (shortcut for ``config.target``).
        config: rule selection, severities, waivers.
        sidecar: facts and waivers keyed by element id (overrides the file's sidecar).
    """
    defs, found = _load(model)
    cfg = config or Config()
    if target is not None:
        cfg = cfg.model_copy(update={"target": EServiceLevel(target)})
    path = str(model) if isinstance(model, (str, os.PathLike)) else None
    return _check(defs, config=cfg, sidecar=sidecar or found, path=path)


def redesign(model: Definitions | str | os.PathLike[str], **kwargs: Any) -> Any:
    """Propose the digitized to-be process (see :func:`reprocess.redesign.redesign`)."""
    from reprocess.redesign import redesign as _redesign

    defs, side = _load(model)
    if side is not None and "sidecar" not in kwargs:
        kwargs["sidecar"] = side
    return _redesign(defs, **kwargs)


def diagram(model: Definitions | str | os.PathLike[str], **kwargs: Any) -> graphviz.Digraph:
    """Draw a model as a ``graphviz.Digraph`` (see :func:`reprocess.render.diagram`)."""
    from reprocess.render import diagram as _diagram

    defs, _ = _load(model if not isinstance(model, Path) else str(model))
    result: graphviz.Digraph = _diagram(defs, **kwargs)
    return result
