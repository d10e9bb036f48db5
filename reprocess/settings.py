"""Configuration files: ``[tool.reprocess]`` in ``pyproject.toml``, ``reprocess.toml``,
waiver files and sidecar files (TOML, YAML or JSON), with clear errors.

:class:`ConfigFile` is the configuration file as written (kebab-case keys, unknown
keys rejected; its JSON Schema is ``schemas/config.schema.json``); :func:`load_config`
turns it into the :class:`~reprocess.analysis.config.Config` the engine takes.
Discovery walks up from each model file to the nearest ``reprocess.toml``, or
``pyproject.toml`` with a ``[tool.reprocess]`` table (:func:`find_config`).

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
import fnmatch
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from reprocess.analysis.config import Config, Sidecar, Waiver
from reprocess.analysis.finding import Severity
from reprocess.analysis.presets import PRESETS
from reprocess.errors import ConfigError
from reprocess.model.enums import EServiceLevel

__all__ = [
    "CONFIG_FILE_NAMES",
    "CONFIG_KEYS",
    "ConfigFile",
    "config_file_schema",
    "config_for_file",
    "config_from_mapping",
    "find_config",
    "load_config",
    "load_data_file",
    "load_sidecar",
    "load_waivers",
    "read_config_file",
    "sidecar_for",
]

CONFIG_FILE_NAMES = ("reprocess.toml", "pyproject.toml")
"""The files :func:`find_config` looks for in each folder, in this order."""

Selector = Annotated[str, StringConstraints(
    pattern=r"^(?:[A-Z]{1,3}[0-9]{0,3}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$")]
"""A rule code (``APP001``), a code prefix (``APP``, ``APP0``) or a rule name."""

CodePrefix = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}[0-9]{0,3}$")]
"""A rule code or a code prefix."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class ConfigFile(BaseModel):
    """The ``[tool.reprocess]`` table of ``pyproject.toml``, or a ``reprocess.toml``.

    Keys are kebab-case; an unknown key is an error. Paths (``waivers-file``) are
    relative to the folder of the configuration file. Command-line options win over
    these settings.

    Examples:
        >>> f = ConfigFile.model_validate({"target": "L2", "fail-on": "warning",
        ...                                "per-file-ignores": {"legacy/*": ["EFF"]}})
        >>> f.fail_on.value, f.to_config().per_file_ignores
        ('warning', {'legacy/*': ('EFF',)})
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=_kebab,
        populate_by_name=False,
        title="reprocess configuration",
        json_schema_extra={
            "description": "Settings of `reprocess check`: the [tool.reprocess] table of "
                           "pyproject.toml, or a reprocess.toml file. Command-line options "
                           "win over these settings.",
        },
    )

    target: Literal["L1", "L2", "L3"] = Field(
        "L3", description="Target e-Service level: a finding that blocks a level at or below "
        "it is an error, one that blocks a higher level a warning.")
    preset: str = Field(
        "recommended", description="Rule preset used when `select` is empty.",
        json_schema_extra={"enum": list(PRESETS)})
    select: tuple[Selector, ...] = Field(
        (), description="Rule codes, code prefixes or rule names to run instead of the preset.")
    ignore: tuple[Selector, ...] = Field(
        (), description="Rule codes, code prefixes or rule names never to run.")
    per_file_ignores: dict[str, tuple[Selector, ...]] = Field(
        default_factory=dict,
        description="Glob pattern of model paths (relative to the folder of this file) -> "
        "codes, prefixes or names not to run on those files.")
    severity: dict[CodePrefix, Severity] = Field(
        default_factory=dict,
        description="Severity by code or prefix, instead of the default policy.",
        json_schema_extra={"additionalProperties": False})
    fail_on: Severity = Field(
        Severity.ERROR, description="Lowest severity of an open finding that fails the check.")
    waivers: tuple[Waiver, ...] = Field(
        (), description="Accepted findings: code, element id (or *), reason.")
    waivers_file: str | None = Field(
        None, description="A TOML, YAML or JSON file of waivers, relative to this file.")
    language: Literal["th", "en", "both"] = Field(
        "both", description="Language of the messages.")
    lexicon: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Extra lexicon words by table (`P11`, `digital`, `kind.pay`, ...).")

    def to_config(self, base_dir: str | Path | None = None, *, source: str = "") -> Config:
        """Return the engine's :class:`Config`, reading ``waivers-file`` from ``base_dir``.

        Raises:
            ConfigError: the waivers file cannot be read, or a lexicon entry is invalid.

        Examples:
            >>> ConfigFile.model_validate({"select": ["APP", "PAY001"]}).to_config().select
            ('APP', 'PAY001')
        """
        waivers = list(self.waivers)
        if self.waivers_file:
            path = Path(base_dir) / self.waivers_file if base_dir else Path(self.waivers_file)
            waivers.extend(load_waivers(path))
        if self.lexicon:
            _check_lexicon(self.lexicon, source or "configuration")
        return Config(
            target=EServiceLevel(self.target),
            preset=self.preset,
            select=self.select,
            ignore=self.ignore,
            per_file_ignores=dict(self.per_file_ignores),
            severity=dict(self.severity),
            fail_on=self.fail_on,
            waivers=tuple(waivers),
            language=self.language,
            lexicon=dict(self.lexicon),
        )


CONFIG_KEYS: tuple[str, ...] = tuple(
    f.alias or name for name, f in ConfigFile.model_fields.items())
"""Keys accepted in ``[tool.reprocess]`` / ``reprocess.toml``."""


def config_file_schema() -> dict[str, Any]:
    """Return the JSON Schema of :class:`ConfigFile` (``schemas/config.schema.json``).

    Examples:
        >>> s = config_file_schema()
        >>> s["additionalProperties"], "fail-on" in s["properties"]
        (False, True)
    """
    return ConfigFile.model_json_schema(mode="validation", by_alias=True)


def _check_lexicon(extra: Mapping[str, tuple[str, ...]], source: str) -> None:
    from reprocess.analysis.lexicon import load_lexicon

    try:
        load_lexicon({k: list(v) for k, v in extra.items()})
    except ConfigError as exc:
        raise ConfigError(f"{source}: lexicon: {exc}") from None


def load_data_file(path: str | Path) -> Any:
    """Read a TOML, YAML or JSON file by its extension, with a clear error.

    Raises:
        ConfigError: unreadable or malformed file (names the file and the line).

    Examples:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "w.json")
        >>> _ = open(p, "w").write('[{"code": "APP001", "reason": "x"}]')
        >>> load_data_file(p)
        [{'code': 'APP001', 'reason': 'x'}]
        >>> load_data_file(p[:-4] + "ini")
        Traceback (most recent call last):
        ...
        reprocess.errors.ConfigError: ...w.ini: cannot read: No such file or directory
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


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part == "[key]":
            out += " (key)"
        else:
            out += f".{part}" if out else str(part)
    return out


def _hint(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in reversed(get_args(annotation)):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _known_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[str, ...]:
    """The keys allowed where ``loc`` points (the model reached by following ``loc``)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return ()
        if isinstance(part, int) or part not in _keys_of(current):
            continue  # an item of a tuple or a value of a mapping: same model
        name = next(n for n, f in current.model_fields.items() if (f.alias or n) == part)
        current = _model_in(current.model_fields[name].annotation)
    return _keys_of(current) if current is not None else ()


def _keys_of(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(f.alias or n for n, f in model.model_fields.items())


def _pydantic_error(source: str, exc: ValidationError,
                    model: type[BaseModel] = ConfigFile) -> ConfigError:
    errors = exc.errors()
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden" and loc:
        key = str(loc[-1])
        known = _known_keys(model, loc[:-1])
        inside = f" in {_where(loc[:-1])}" if len(loc) > 1 else ""
        return ConfigError(f"{source}: unknown key '{key}'{inside}{_hint(key, known)}")
    where = _where(loc)
    got = f" (got {err['input']!r})" if "input" in err and not isinstance(
        err["input"], dict) else ""
    return ConfigError(f"{source}: {where}: {err['msg']}{got}")


def _flatten_lexicon(value: Any) -> Any:
    """``kind.pay = [...]`` in TOML nests ``{"kind": {"pay": [...]}}``: use dotted keys."""
    if not isinstance(value, Mapping):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, str):
            item = [item]
        if isinstance(item, Mapping) and item and all(
                isinstance(v, (list, tuple, Mapping)) for v in item.values()):
            for sub, words in _flatten_lexicon(item).items():
                out[f"{key}.{sub}"] = words
        else:
            out[str(key)] = item
    return out


def read_config_file(data: Mapping[str, Any], *, source: str) -> ConfigFile:
    """Validate a mapping read from a configuration file as a :class:`ConfigFile`.

    Raises:
        ConfigError: an unknown key (with the closest known one) or a bad value; the
            message names ``source`` and the key.

    Examples:
        >>> read_config_file({"fail_on": "warning"}, source="pyproject.toml")
        Traceback (most recent call last):
        ...
        reprocess.errors.ConfigError: pyproject.toml: unknown key 'fail_on' (did you mean 'fail-on'?)
        >>> read_config_file({"language": "fr"}, source="reprocess.toml")
        Traceback (most recent call last):
        ...
        reprocess.errors.ConfigError: reprocess.toml: language: Input should be 'th', 'en' or 'both' (got 'fr')
    """
    for key in data:
        if key not in CONFIG_KEYS:
            raise ConfigError(f"{source}: unknown key '{key}'{_hint(str(key), CONFIG_KEYS)}")
    fields = dict(data)
    if "lexicon" in fields:
        fields["lexicon"] = _flatten_lexicon(fields["lexicon"])
    preset = fields.get("preset")
    if isinstance(preset, str) and preset not in PRESETS:
        raise ConfigError(f"{source}: preset: unknown preset {preset!r}"
                          f"{_hint(preset, PRESETS)}; choose one of {', '.join(PRESETS)}")
    try:
        return ConfigFile.model_validate(fields)
    except ValidationError as exc:
        raise _pydantic_error(source, exc) from None


def config_from_mapping(data: Mapping[str, Any], *, source: str,
                        base_dir: Path | None = None) -> Config:
    """Build a :class:`Config` from a mapping read from ``source``.

    Unknown keys are an error that names the key and the closest known one;
    ``waivers-file`` is read relative to ``base_dir``.

    Examples:
        >>> cfg = config_from_mapping({"severity": {"EFF": "error"}, "language": "en"},
        ...                           source="reprocess.toml")
        >>> cfg.severity["EFF"].value, cfg.language
        ('error', 'en')
    """
    return read_config_file(data, source=source).to_config(base_dir, source=source)


def find_config(start: str | Path) -> Path | None:
    """Return the nearest ``reprocess.toml`` or ``pyproject.toml`` with ``[tool.reprocess]``.

    Walks up from ``start`` (a file or folder) to the file system root; in one
    folder ``reprocess.toml`` wins. A ``pyproject.toml`` without the table is passed by.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "pyproject.toml").write_text('[tool.reprocess]\\ntarget = "L1"\\n')
        >>> (d / "models").mkdir()
        >>> find_config(d / "models" / "a.bpmn") == d / "pyproject.toml"
        True
    """
    here = Path(start).resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    candidate = folder / "reprocess.toml"
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        tool = data.get("tool")
        if isinstance(tool, dict) and "reprocess" in tool:
            return pyproject
    return None


def _read_table(path: Path) -> tuple[Mapping[str, Any], str]:
    data = load_data_file(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {}) if isinstance(data, dict) else {}
        data = tool.get("reprocess", {}) if isinstance(tool, dict) else {}
        source = f"{path} [tool.reprocess]"
    else:
        source = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a table of settings")
    return data, source


def load_config(path: str | Path) -> Config:
    """Read a ``reprocess.toml`` or the ``[tool.reprocess]`` table of a ``pyproject.toml``.

    Raises:
        ConfigError: the file cannot be read, or holds an unknown key or a bad value.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "reprocess.toml").write_text('fail-on = "warning"\\nlanguage = "en"\\n')
        >>> cfg = load_config(d / "reprocess.toml")
        >>> cfg.fail_on.value, cfg.language
        ('warning', 'en')
    """
    p = Path(path)
    data, source = _read_table(p)
    return config_from_mapping(data, source=source, base_dir=p.parent)


def config_for_file(config: Config, model: str | Path, *,
                    base_dir: str | Path | None = None) -> Config:
    """Return ``config`` for one model file, with its ``per-file-ignores`` applied.

    A pattern matches the model's path relative to ``base_dir`` (the folder of the
    configuration file), the path as given, or, for a pattern without ``/``, the
    file name. The matched codes join ``ignore``; ``per_file_ignores`` is emptied.

    Examples:
        >>> cfg = Config(per_file_ignores={"legacy/*.bpmn": ("EFF",), "x-*.bpmn": ("ODT",)})
        >>> config_for_file(cfg, "models/legacy/old.bpmn", base_dir="models").ignore
        ('EFF',)
        >>> config_for_file(cfg, "deep/down/x-1.bpmn").ignore
        ('ODT',)
    """
    if not config.per_file_ignores:
        return config
    given = PurePath(model).as_posix()
    names = {given, PurePath(model).name}
    if base_dir is not None:
        try:
            rel = Path(model).resolve().relative_to(Path(base_dir).resolve())
        except ValueError:
            pass
        else:
            names.add(rel.as_posix())
    drop: list[str] = []
    for pattern, codes in sorted(config.per_file_ignores.items()):
        candidates = names if "/" not in pattern else names - {PurePath(model).name}
        if any(fnmatch.fnmatchcase(n, pattern) for n in candidates):
            drop.extend(c for c in codes if c not in drop and c not in config.ignore)
    return config.model_copy(update={"ignore": (*config.ignore, *drop),
                                     "per_file_ignores": {}})


def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    """Read a waivers file: a list of ``{code, element, reason}`` (or ``[[waivers]]``).

    Raises:
        ConfigError: unreadable file, or a waiver with a missing or unknown key.

    Examples:
        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "waivers.toml")
        >>> _ = open(p, "w", encoding="utf-8").write(
        ...     '[[waivers]]\\ncode = "PAY001"\\nelement = "Task_Pay"\\nreason = "pilot"\\n')
        >>> [(w.code, w.element) for w in load_waivers(p)]
        [('PAY001', 'Task_Pay')]
    """
    data = load_data_file(path)
    if isinstance(data, dict):
        extra = sorted(set(data) - {"waivers"})
        if extra:
            raise ConfigError(f"{path}: unknown key '{extra[0]}' (expected [[waivers]])")
        data = data.get("waivers", [])
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of waivers")
    out = []
    for i, item in enumerate(data):
        try:
            out.append(Waiver.model_validate(item))
        except ValidationError as exc:
            err = _pydantic_error(str(path), exc, Waiver)
            raise ConfigError(str(err).replace(f"{path}: ", f"{path}: waiver {i + 1}: ", 1)
                              ) from None
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
        key = sorted(unknown)[0]
        raise ConfigError(f"{path}: unknown key '{key}'"
                          f"{_hint(key, ('steps', 'documents', 'waivers'))} "
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
        raise _pydantic_error(str(path), exc, Sidecar) from None


def sidecar_for(model_path: str | os.PathLike[str]) -> Path | None:
    """Return the sidecar file beside a model (``x.reprocess.toml|yaml|json``), if any.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "e1.reprocess.yaml").write_text("steps: {}\\n")
        >>> sidecar_for(d / "e1.bpmn").name, sidecar_for(d / "e2.bpmn")
        ('e1.reprocess.yaml', None)
    """
    p = Path(model_path)
    for ext in (".toml", ".yaml", ".yml", ".json"):
        candidate = p.with_name(p.stem + ".reprocess" + ext)
        if candidate.is_file():
            return candidate
    return None
