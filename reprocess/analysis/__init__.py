"""The analyser: classify steps, run rules, assess the e-Service level.

This layer works on models only (built in code or read by :mod:`reprocess.io`); it
never touches XML or drawing.
"""

from reprocess.analysis.config import Config, Sidecar, Waiver
from reprocess.analysis.engine import Analysis, Report, check
from reprocess.analysis.finding import Diagnostic, Evidence, Finding, FindingStatus, Severity
from reprocess.analysis.rule import Rule, rule

__all__ = [
    "Analysis",
    "Config",
    "Diagnostic",
    "Evidence",
    "Finding",
    "FindingStatus",
    "Report",
    "Rule",
    "Severity",
    "Sidecar",
    "Waiver",
    "check",
    "rule",
]
