"""The to-be proposal: passes that propose changes, applied to a frozen model.

:func:`redesign` analyses an as-is model, runs the redesign passes (one per kind of
replacement, in :data:`DEFAULT_PASSES` order), applies what current law allows (or,
with ``assume_law_change``, everything), re-analyses the to-be and returns a
:class:`Proposal`: the to-be model, the change log, the changes kept back with their
legal prerequisites, and the metrics before, after and their difference.

Passes propose, they do not edit: each returns :data:`Change` records (data), and
:func:`apply_changes` folds them into a new model. This layer imports the analysis and
the model only (no XML, no drawing): lay the to-be out with
``reprocess.render.layout.layout`` before writing it.

Examples:
    >>> from reprocess.redesign import DEFAULT_PASSES, Proposal
    >>> "offer-online-application" in {p.name for p in DEFAULT_PASSES}
    True
"""

import importlib
import sys
import types
from typing import Any

from reprocess.redesign.changes import (
    AddAlternativePath,
    AddLane,
    Change,
    InsertAfter,
    InsertBefore,
    MoveToLane,
    NewNode,
    Parallelize,
    RedesignError,
    RemoveDocument,
    RemoveNode,
    ReplaceNode,
    RerouteFlow,
    UpdateDocument,
    UpdateFlow,
    UpdateNode,
    apply_changes,
)
from reprocess.redesign.pipeline import DEFAULT_PASSES, redesign
from reprocess.redesign.prerequisites import Prerequisite
from reprocess.redesign.proposal import (
    ChangeLogEntry,
    ElementFate,
    MetricsComparison,
    Proposal,
    ProposalPair,
    Remaining,
)
from reprocess.redesign.transformation import Pass, PassInput, transformation

__all__ = [
    "DEFAULT_PASSES",
    "AddAlternativePath",
    "AddLane",
    "Change",
    "ChangeLogEntry",
    "ElementFate",
    "InsertAfter",
    "InsertBefore",
    "MetricsComparison",
    "MoveToLane",
    "NewNode",
    "Parallelize",
    "Pass",
    "PassInput",
    "Prerequisite",
    "Proposal",
    "ProposalPair",
    "RedesignError",
    "Remaining",
    "RemoveDocument",
    "RemoveNode",
    "ReplaceNode",
    "RerouteFlow",
    "UpdateDocument",
    "UpdateFlow",
    "UpdateNode",
    "apply_changes",
    "redesign",
    "transformation",
]


class _CallableModule(types.ModuleType):
    """Lets ``reprocess.redesign(model)`` work although ``reprocess.redesign`` is also
    the name of this package: once the package is imported, Python binds the package
    to that attribute, so the package itself forwards calls to :func:`reprocess.api.redesign`
    (which also accepts a path). The lookup is by name, so this layer does not depend on
    the I/O layer."""

    def __call__(self, model: Any, /, **kwargs: Any) -> Any:
        api = importlib.import_module("reprocess.api")
        return api.redesign(model, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
