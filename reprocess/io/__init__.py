"""BPMN 2.0 XML <-> model: the only layer of ``reprocess`` that touches lxml.

* :func:`read_bpmn` / :func:`parse_bpmn` read a file, an open file, bytes or XML text
  into a :class:`~reprocess.model.Definitions`, safely (no DTD, no entities, no network,
  a size limit), from any modeler's dialect;
* :func:`write_bpmn` / :func:`to_bpmn_string` write a model back as BPMN 2.0 with DI;
* :func:`validate_xsd` checks a document against the OMG schema when it is installed.

Examples:
    >>> from reprocess.io import parse_bpmn, to_bpmn_string
    >>> defs = parse_bpmn('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    ...                   'targetNamespace="x"><process id="P"><task id="T"/></process>'
    ...                   '</definitions>')
    >>> parse_bpmn(to_bpmn_string(defs)) == defs
    True
"""

from reprocess.io.reader import DEFAULT_MAX_BYTES, BpmnSource, parse_bpmn, read_bpmn
from reprocess.io.writer import to_bpmn_string, write_bpmn
from reprocess.io.xsd import XsdUnavailableError, find_xsd_dir, validate_xsd

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BpmnSource",
    "XsdUnavailableError",
    "find_xsd_dir",
    "parse_bpmn",
    "read_bpmn",
    "to_bpmn_string",
    "validate_xsd",
    "write_bpmn",
]
