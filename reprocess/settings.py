"""Configuration files: ``[tool.reprocess]`` in ``pyproject.toml``, ``reprocess.toml``,
waiver files and sidecar files (TOML, YAML or JSON), with clear errors.

Examples:
    >>> cfg = config_from_mapping({"target": "L2", "ignore": ["EFF"]}, source="reprocess.toml")
    >>> cfg.target.value, cfg.ignore
    ('L2', ('EFF',))
    >>> config_from_mapping({"targett": "L2"}, source="reprocess.toml")
    Traceback (most recent call last):
    ...
    reprocess.errors.ConfigError: reprocess.toml: unknown key 'targett' (did you mean 'target'?)
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reprocess.analysis.config import Config, Sidecar, Waiver
from reprocess.errors import ConfigError

__all__ = [
    "CONFIG_KEYS",
    "config_from_mapping",
    "find_config",
    "load_config",
    "load_data_file",
    "load_sidecar",
    "load_waivers",
    "sidecar_for",
]

CONFIG_KEYS = {
    "target": "target",
    "target-level": "target",
    "preset": "preset",
    "extends": "preset",
    "select": "select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "severity": "severity",
    "fail-on": "fail_on",
    "waivers": "waivers",
    "waivers-file": "waivers_file",
    "language": "language",
    "lexicon": "lexicon",
}
"""Keys accepted in ``[tool.reprocess]`` / ``reprocess.toml`` (kebab or snake case)."""


def load_data_file(path: str | Path) -> Any:
    """Read a TOML, YAML or JSON file by its extension, with a clear error.

    Raises:
        ConfigError: unreadable or malformed file (names the file and the line).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
        if suffix in (".yaml", ".yml"):
            import yaml

            return yaml.safe_load(raw.decode("utf-8"))
        if suffix == ".json":
            return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{p}:{exc.lineno}: {exc.msg}") from None
    except Exception as exc:  # yaml.YAMLError and friends
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{p}{line}: {getattr(exc, 'problem', None) or exc}") from None
    raise ConfigError(f"{p}: unsupported file type {suffix!r} (use .toml, .yaml or .json)")


def _pydantic_error(source: str, exc: ValidationError) -> ConfigError:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"])
    return ConfigError(f"{source}: {where}: {err['msg']} (got {err.get('input')!r})")


def config_from_mapping(data: Mapping[str, Any], *, source: str,
                        base_dir: Path | None = None) -> Config:
    """Build a :class:`Config` from a mapping read from ``source``.

    Unknown keys are an error that names the key and the closest known one.
    """
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, list(CONFIG_KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{source}: unknown key '{key}'{hint}")
        fields[CONFIG_KEYS[key]] = value
    waivers = list(fields.pop("waivers", []) or [])
    wfile = fields.pop("waivers_file", None)
    if wfile:
        path = (base_dir or Path.cwd()) / str(wfile)
        waivers.extend(w.model_dump() for w in load_waivers(path))
    if waivers:
        fields["waivers"] = waivers
    if "per_file_ignores" in fields:
        fields["per_file_ignores"] = {k: tuple(v) for k, v in fields["per_file_ignores"].items()}
    if "lexicon" in fields:
        fields["lexicon"] = {k: tuple(v) for k, v in fields["lexicon"].items()}
    try:
        return Config.model_validate(fields)
    except ValidationError as exc:
        raise _pydantic_error(source, exc) from None


def find_config(start: str | Path) -> Path | None:
    """Return the nearest ``reprocess.toml`` or ``pyproject.toml`` with ``[tool.reprocess]``.

    Walks up from ``start`` (a file or folder) to the file system root.
    """
    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "reprocess.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "reprocess" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: str | Path) -> Config:
    """Read a ``reprocess.toml`` or the ``[tool.reprocess]`` table of a ``pyproject.toml``."""
    p = Path(path)
    data = load_data_file(p)
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("reprocess", {})
        source = f"{p} [tool.reprocess]"
    else:
        source = str(p)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a table of settings")
    return config_from_mapping(data, source=source, base_dir=p.parent)


def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    """Read a waivers file: a list of ``{code, element, reason}`` (or ``[[waivers]]``)."""
    data = load_data_file(path)
    if isinstance(data, dict):
        data = data.get("waivers", [])
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of waivers")
    out = []
    for i, item in enumerate(data):
        try:
            out.append(Waiver.model_validate(item))
        except ValidationError as exc:
            raise ConfigError(f"{path}: waiver {i + 1}: {exc.errors()[0]['msg']} "
                              f"({'.'.join(map(str, exc.errors()[0]['loc']))})") from None
    return tuple(out)


def load_sidecar(path: str | Path) -> Sidecar:
    """Read a sidecar file: ``[steps.<id>]``, ``[documents.<id>]`` and ``[[waivers]]``.

    Examples:
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> p = os.path.join(d, "e1.reprocess.toml")
        >>> _ = open(p, "w", encoding="utf-8").write(
        ...     '[steps.Task_1]\\nchannel = "counter"\\nmedium = "paper"\\n')
        >>> load_sidecar(p).steps["Task_1"].channel.value
        'counter'
    """
    data = load_data_file(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a table with steps, documents and waivers")
    unknown = set(data) - {"steps", "documents", "waivers"}
    if unknown:
        raise ConfigError(f"{path}: unknown key '{sorted(unknown)[0]}' "
                          "(expected steps, documents, waivers)")
    steps = dict(data.get("steps", {}))
    for facts in steps.values():
        if isinstance(facts, dict) and "duration" in facts and isinstance(facts["duration"], str):
            facts["duration"] = {"iso": facts["duration"],
                                 "working_days": bool(facts.pop("working_days", False))}
    try:
        return Sidecar.model_validate({"steps": steps, "documents": data.get("documents", {}),
                                       "waivers": data.get("waivers", [])})
    except ValidationError as exc:
        raise _pydantic_error(str(path), exc) from None


def sidecar_for(model_path: str | Path) -> Path | None:
    """Return the sidecar file beside a model (``x.reprocess.toml|yaml|json``), if any."""
    p = Path(model_path)
    for ext in (".toml", ".yaml", ".yml", ".json"):
        candidate = p.with_name(p.stem + ".reprocess" + ext)
        if candidate.is_file():
            return candidate
    return None
