"""The structural rules (``STR``): is the model a well-formed, readable BPMN process?

One module per rule, named after the rule. ``STR001``-``STR032`` check the graph, the
events, gateways and flows, the labels and the diagram; most of them cover a
bpmnlint rule (see ``Rule.bpmnlint``). ``STR040``-``STR043`` are submission checks:
the facts a reviewer needs before the analysis can be trusted (service header,
durations, media, document facts). No structural rule blocks an e-Service level.
"""

from __future__ import annotations

from reprocess.analysis.rule import Rule
from reprocess.analysis.rules.structure.ad_hoc_sub_process_misused import (
    ad_hoc_sub_process_misused,
)
from reprocess.analysis.rules.structure.complex_gateway import complex_gateway
from reprocess.analysis.rules.structure.conditional_flow_without_default import (
    conditional_flow_without_default,
)
from reprocess.analysis.rules.structure.dangling_reference import dangling_reference
from reprocess.analysis.rules.structure.dead_end_node import dead_end_node
from reprocess.analysis.rules.structure.diagram_missing import diagram_missing
from reprocess.analysis.rules.structure.disconnected_node import disconnected_node
from reprocess.analysis.rules.structure.document_facts_missing import document_facts_missing
from reprocess.analysis.rules.structure.duplicate_id import duplicate_id
from reprocess.analysis.rules.structure.duplicate_sequence_flow import duplicate_sequence_flow
from reprocess.analysis.rules.structure.duration_missing import duration_missing
from reprocess.analysis.rules.structure.end_event_missing import end_event_missing
from reprocess.analysis.rules.structure.event_based_gateway_misused import (
    event_based_gateway_misused,
)
from reprocess.analysis.rules.structure.event_sub_process_start_untyped import (
    event_sub_process_start_untyped,
)
from reprocess.analysis.rules.structure.fake_join import fake_join
from reprocess.analysis.rules.structure.flow_endpoint_missing import flow_endpoint_missing
from reprocess.analysis.rules.structure.gateway_join_fork import gateway_join_fork
from reprocess.analysis.rules.structure.global_element_misused import global_element_misused
from reprocess.analysis.rules.structure.implicit_end import implicit_end
from reprocess.analysis.rules.structure.implicit_split import implicit_split
from reprocess.analysis.rules.structure.implicit_start import implicit_start
from reprocess.analysis.rules.structure.inclusive_gateway import inclusive_gateway
from reprocess.analysis.rules.structure.label_missing import label_missing
from reprocess.analysis.rules.structure.link_event_unpaired import link_event_unpaired
from reprocess.analysis.rules.structure.multiple_blank_start_events import (
    multiple_blank_start_events,
)
from reprocess.analysis.rules.structure.multiple_event_definitions import (
    multiple_event_definitions,
)
from reprocess.analysis.rules.structure.overlapping_elements import overlapping_elements
from reprocess.analysis.rules.structure.sequence_flow_crosses_pool import (
    sequence_flow_crosses_pool,
)
from reprocess.analysis.rules.structure.service_header_missing import service_header_missing
from reprocess.analysis.rules.structure.start_event_missing import start_event_missing
from reprocess.analysis.rules.structure.step_unclassified import step_unclassified
from reprocess.analysis.rules.structure.sub_process_start_not_blank import (
    sub_process_start_not_blank,
)
from reprocess.analysis.rules.structure.superfluous_gateway import superfluous_gateway
from reprocess.analysis.rules.structure.superfluous_label import superfluous_label
from reprocess.analysis.rules.structure.superfluous_termination import superfluous_termination
from reprocess.analysis.rules.structure.unreachable_node import unreachable_node

__all__ = [
    "RULES",
    "SUBMISSION_CODES",
    "ad_hoc_sub_process_misused",
    "complex_gateway",
    "conditional_flow_without_default",
    "dangling_reference",
    "dead_end_node",
    "diagram_missing",
    "disconnected_node",
    "document_facts_missing",
    "duplicate_id",
    "duplicate_sequence_flow",
    "duration_missing",
    "end_event_missing",
    "event_based_gateway_misused",
    "event_sub_process_start_untyped",
    "fake_join",
    "flow_endpoint_missing",
    "gateway_join_fork",
    "global_element_misused",
    "implicit_end",
    "implicit_split",
    "implicit_start",
    "inclusive_gateway",
    "label_missing",
    "link_event_unpaired",
    "multiple_blank_start_events",
    "multiple_event_definitions",
    "overlapping_elements",
    "sequence_flow_crosses_pool",
    "service_header_missing",
    "start_event_missing",
    "step_unclassified",
    "sub_process_start_not_blank",
    "superfluous_gateway",
    "superfluous_label",
    "superfluous_termination",
    "unreachable_node",
]

RULES: tuple[Rule, ...] = (
    start_event_missing,
    end_event_missing,
    disconnected_node,
    implicit_start,
    implicit_end,
    unreachable_node,
    dead_end_node,
    flow_endpoint_missing,
    duplicate_sequence_flow,
    implicit_split,
    fake_join,
    gateway_join_fork,
    superfluous_gateway,
    conditional_flow_without_default,
    sequence_flow_crosses_pool,
    label_missing,
    duplicate_id,
    dangling_reference,
    complex_gateway,
    inclusive_gateway,
    event_based_gateway_misused,
    multiple_blank_start_events,
    multiple_event_definitions,
    sub_process_start_not_blank,
    event_sub_process_start_untyped,
    superfluous_termination,
    link_event_unpaired,
    ad_hoc_sub_process_misused,
    diagram_missing,
    overlapping_elements,
    global_element_misused,
    superfluous_label,
    service_header_missing,
    duration_missing,
    step_unclassified,
    document_facts_missing,
)
"""The structural rules, in code order."""

SUBMISSION_CODES: frozenset[str] = frozenset({"STR040", "STR041", "STR042", "STR043"})
"""Submission checks: not for the recommended preset (the ``submission`` preset's codes)."""
