"""reprocess: re-process modelling of government services.

Read an as-is BPMN 2.0 process, find the steps that block the OPDC e-Service levels
(L1 apply online, L2 pay online, L3 electronic result), propose a digitized to-be
process with before/after metrics, and draw it.
"""

from reprocess.errors import (
    BpmnParseError,
    BpmnReferenceError,
    BpmnSyntaxError,
    ConfigError,
    InputTooLargeError,
    NotBpmnError,
    ReprocessError,
)
from reprocess.model import Definitions, EServiceLevel

__version__ = "0.1.0"

__all__ = [
    "BpmnParseError",
    "BpmnReferenceError",
    "BpmnSyntaxError",
    "ConfigError",
    "Definitions",
    "EServiceLevel",
    "InputTooLargeError",
    "NotBpmnError",
    "ReprocessError",
    "__version__",
]
