"""The analysis context: a model with its classification, built once per check.

Rules receive an :class:`AnalysisContext` instead of a bare model, so that step and
document classification (the expensive, shared part) is done once and every rule
sees the same facts.

Examples:
    >>> from reprocess.model import Definitions, Process, UserTask
    >>> d = Definitions(root_elements=(Process(id="P", flow_elements=(
    ...     UserTask(id="T", name="ชำระค่าธรรมเนียมเป็นเงินสด"),)),))
    >>> ctx = build_context(d)
    >>> ctx.step("T").kind.value
    'pay'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from reprocess.analysis.classify import (
    DocumentClass,
    Roles,
    StepClass,
    classify_documents,
    classify_steps,
    find_roles,
)
from reprocess.analysis.config import Config, Sidecar
from reprocess.analysis.lexicon import Lexicon, load_lexicon
from reprocess.model.elements import FlowNode
from reprocess.model.enums import Actor
from reprocess.model.process import Definitions

__all__ = ["AnalysisContext", "build_context"]


@dataclass(frozen=True)
class AnalysisContext:
    """A model, its configuration, and the classification of its steps and documents."""

    defs: Definitions
    config: Config
    sidecar: Sidecar
    lexicon: Lexicon
    roles: Roles
    steps: dict[str, StepClass]
    docs: dict[str, DocumentClass]

    def step(self, element_id: str) -> StepClass:
        """Return the classification of a flow node."""
        return self.steps[element_id]

    def node(self, element_id: str) -> FlowNode:
        """Return the flow node with this id."""
        return self.defs.node(element_id)

    def nodes(self) -> Iterator[tuple[FlowNode, StepClass]]:
        """Yield every flow node with its classification, in document order."""
        return iter(self._node_pairs)

    def activities(self) -> Iterator[tuple[FlowNode, StepClass]]:
        """Yield the activities (tasks, call activities, sub-processes) only."""
        return iter(self._activity_pairs)

    @cached_property
    def _node_pairs(self) -> tuple[tuple[FlowNode, StepClass], ...]:
        return tuple((node, self.steps[node.id]) for node in self.defs.flow_nodes())

    @cached_property
    def _activity_pairs(self) -> tuple[tuple[FlowNode, StepClass], ...]:
        return tuple(pair for pair in self._node_pairs if pair[1].is_activity)

    def documents(self) -> Iterator[DocumentClass]:
        """Yield every classified document, in document order."""
        yield from self.docs.values()

    def is_applicant_pool(self, pool_id: str | None) -> bool:
        """Return whether a pool stands for the applicant."""
        return pool_id is not None and self.roles.pool.get(pool_id) is Actor.APPLICANT

    @cached_property
    def service_process_ids(self) -> frozenset[str]:
        """Processes that belong to the service's agencies (not the applicant's pool)."""
        out = set()
        for p in self.defs.processes:
            part = next((x for x in self.defs.participants if x.process_ref == p.id), None)
            if part is None or not self.is_applicant_pool(part.id):
                out.add(p.id)
        return frozenset(out)

    def text_hits(self, element_id: str, *patterns: str) -> tuple[object, ...]:
        """Return the standing pattern hits of a step or document."""
        if element_id in self.steps:
            return self.steps[element_id].standing_hits(*patterns)
        if element_id in self.docs:
            return self.docs[element_id].standing_hits(*patterns)
        return ()


def build_context(
    defs: Definitions,
    config: Config | None = None,
    sidecar: Sidecar | None = None,
    lexicon: Lexicon | None = None,
) -> AnalysisContext:
    """Classify the steps and documents of ``defs`` and return the context for rules."""
    cfg = config or Config()
    side = sidecar or Sidecar()
    lex = lexicon or load_lexicon(cfg.lexicon or None)
    roles = find_roles(defs, lex)
    return AnalysisContext(
        defs=defs,
        config=cfg,
        sidecar=side,
        lexicon=lex,
        roles=roles,
        steps=classify_steps(defs, lex, side, roles),
        docs=classify_documents(defs, lex, side),
    )
