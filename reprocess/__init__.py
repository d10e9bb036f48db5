"""reprocess: re-process modelling of government services.

Read an as-is BPMN 2.0 process, find the steps that block the OPDC e-Service levels
(L1 apply online, L2 pay online, L3 electronic result) with the evidence, propose a
digitized to-be process with before/after metrics, and draw it::

    >>> import reprocess
    >>> reprocess.EServiceLevel.L1 < reprocess.EServiceLevel.L3
    True

The public names below are imported on first use, so that ``import reprocess`` and
the command line start fast; ``help(reprocess)`` and type checkers see them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    # errors
    "ReprocessError": "reprocess.errors",
    "BpmnParseError": "reprocess.errors",
    "BpmnSyntaxError": "reprocess.errors",
    "BpmnReferenceError": "reprocess.errors",
    "NotBpmnError": "reprocess.errors",
    "InputTooLargeError": "reprocess.errors",
    "ConfigError": "reprocess.errors",
    "RenderError": "reprocess.errors",
    # model
    "Definitions": "reprocess.model",
    "Process": "reprocess.model",
    "EServiceLevel": "reprocess.model",
    "StepFacts": "reprocess.model",
    "DocumentFacts": "reprocess.model",
    "ServiceInfo": "reprocess.model",
    # io
    "read_bpmn": "reprocess.io",
    "parse_bpmn": "reprocess.io",
    "write_bpmn": "reprocess.io",
    "to_bpmn_string": "reprocess.io",
    # analysis
    "check": "reprocess.api",
    "Analysis": "reprocess.analysis",
    "Report": "reprocess.analysis",
    "Config": "reprocess.analysis",
    "Sidecar": "reprocess.analysis",
    "Waiver": "reprocess.analysis",
    "Severity": "reprocess.analysis",
    "load_sidecar": "reprocess.settings",
    "load_config": "reprocess.settings",
    # redesign, render
    "redesign": "reprocess.api",
    "diagram": "reprocess.api",
}

__all__ = [
    "Analysis",
    "BpmnParseError",
    "BpmnReferenceError",
    "BpmnSyntaxError",
    "Config",
    "ConfigError",
    "Definitions",
    "DocumentFacts",
    "EServiceLevel",
    "InputTooLargeError",
    "NotBpmnError",
    "Process",
    "RenderError",
    "Report",
    "ReprocessError",
    "ServiceInfo",
    "Severity",
    "Sidecar",
    "StepFacts",
    "Waiver",
    "__version__",
    "check",
    "diagram",
    "load_config",
    "load_sidecar",
    "parse_bpmn",
    "read_bpmn",
    "redesign",
    "to_bpmn_string",
    "write_bpmn",
]

if TYPE_CHECKING:
    from reprocess.analysis import (
        Analysis,
        Config,
        Report,
        Severity,
        Sidecar,
        Waiver,
    )
    from reprocess.api import check, diagram, redesign
    from reprocess.errors import (
        BpmnParseError,
        BpmnReferenceError,
        BpmnSyntaxError,
        ConfigError,
        InputTooLargeError,
        NotBpmnError,
        RenderError,
        ReprocessError,
    )
    from reprocess.io import parse_bpmn, read_bpmn, to_bpmn_string, write_bpmn
    from reprocess.model import (
        Definitions,
        DocumentFacts,
        EServiceLevel,
        Process,
        ServiceInfo,
        StepFacts,
    )
    from reprocess.settings import load_config, load_sidecar


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reprocess' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
