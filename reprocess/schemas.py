"""The JSON Schemas that ``reprocess`` publishes in ``schemas/``, generated from the models.

``python -m reprocess schema --check`` (and a test) fail when a checked-in file is
out of date.

Examples:
    >>> sorted(schema_documents())[:2]
    ['config.schema.json', 'process.schema.json']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["check_schemas", "render_schema", "schema_documents", "write_schemas"]


def _process() -> dict[str, Any]:
    from reprocess.model.process import Definitions

    return Definitions.model_json_schema(mode="serialization")


def _report() -> dict[str, Any]:
    from reprocess.analysis.engine import Report

    return Report.model_json_schema(mode="serialization")


def _config() -> dict[str, Any]:
    from reprocess.settings import config_file_schema

    return config_file_schema()


def _sidecar() -> dict[str, Any]:
    from reprocess.analysis.config import Sidecar

    return Sidecar.model_json_schema(mode="validation")


def _proposal() -> dict[str, Any]:
    from reprocess.redesign.proposal import Proposal

    return Proposal.model_json_schema(mode="serialization")


def _service() -> dict[str, Any]:
    from reprocess.portfolio.catalogue import ServiceMeta

    return ServiceMeta.model_json_schema(mode="validation")


def schema_documents() -> dict[str, Callable[[], dict[str, Any]]]:
    """Return the schema file names and the functions that build them."""
    return {
        "process.schema.json": _process,
        "report.schema.json": _report,
        "config.schema.json": _config,
        "sidecar.schema.json": _sidecar,
        "proposal.schema.json": _proposal,
        "service.schema.json": _service,
    }


def render_schema(name: str) -> str:
    """Return the text of one schema document (sorted keys, 2-space indent, newline)."""
    build = schema_documents()[name]
    data = build()
    data = {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:reprocess:schema:{name}", **data}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every schema document into ``folder``; return the paths written."""
    out = []
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(schema_documents()):
        path = target / name
        path.write_text(render_schema(name), encoding="utf-8")
        out.append(path)
    return out


def check_schemas(folder: str | Path) -> list[str]:
    """Return the names of schema files in ``folder`` that are missing or out of date."""
    stale = []
    for name in sorted(schema_documents()):
        path = Path(folder) / name
        if not path.is_file() or path.read_text("utf-8") != render_schema(name):
            stale.append(name)
    return stale
