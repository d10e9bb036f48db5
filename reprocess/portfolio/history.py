"""History: a snapshot per run, and what changed since the previous one.

Every report run writes ``<out>/history/<YYYY-MM-DD>.json`` (the report date): each
service's level today, the level its proposal reaches and its target, and the keys of its
open obstacles (:attr:`~reprocess.portfolio.registers.ObstacleRow.key`) with their text.
:func:`compare` sets a snapshot against the latest earlier one: levels gained (and lost),
services added and dropped, obstacles closed and new. A second run on the same date
replaces that date's snapshot and is compared with the one before it.

Examples:
    >>> import datetime
    >>> a = Snapshot(date=datetime.date(2026, 10, 1),
    ...              services={"e1": SnapshotService(name="x", level="L0", target="L3")},
    ...              obstacles={"e1|IT|*|e-form": "e-form system"})
    >>> b = Snapshot(date=datetime.date(2026, 11, 1),
    ...              services={"e1": SnapshotService(name="x", level="L1", target="L3")},
    ...              obstacles={})
    >>> c = compare(a, b)
    >>> [(g.service_id, g.before.value, g.after.value) for g in c.gained], c.obstacles_closed
    ([('e1', 'L0', 'L1')], ('e1|IT|*|e-form',))
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from reprocess.errors import ConfigError
from reprocess.model.base import Model
from reprocess.model.enums import EServiceLevel
from reprocess.portfolio.rollup import ServiceResult

__all__ = [
    "HISTORY_DIR",
    "Comparison",
    "LevelChange",
    "Snapshot",
    "SnapshotService",
    "compare",
    "latest_before",
    "read_snapshot",
    "snapshot_of",
    "write_snapshot",
]

HISTORY_DIR = "history"
"""The folder of snapshots inside the output folder."""
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")


class SnapshotService(Model):
    """A service in a snapshot."""

    name: str
    level: EServiceLevel | None = None
    level_after: EServiceLevel | None = None
    target: EServiceLevel = EServiceLevel.L3


class Snapshot(Model):
    """The state of the catalogue at one report date."""

    schema_version: Literal[1] = 1
    date: datetime.date
    services: dict[str, SnapshotService] = Field(default_factory=dict)
    obstacles: dict[str, str] = Field(default_factory=dict)
    """Open obstacle key -> its text (Thai), for describing closed ones later."""


class LevelChange(Model):
    """A service whose level changed between two snapshots."""

    service_id: str
    name: str
    before: EServiceLevel
    after: EServiceLevel


class Comparison(Model):
    """What changed between the previous snapshot and this one."""

    previous: datetime.date | None = None
    current: datetime.date
    gained: tuple[LevelChange, ...] = ()
    lost: tuple[LevelChange, ...] = ()
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    obstacles_closed: tuple[str, ...] = ()
    obstacles_new: tuple[str, ...] = ()
    closed_text: dict[str, str] = Field(default_factory=dict)
    """Text of each closed obstacle (from the previous snapshot)."""


def snapshot_of(results: Sequence[ServiceResult], today: datetime.date) -> Snapshot:
    """Build the snapshot of a run from its service results.

    Args:
        results: the service results of the run.
        today: the report date.
    """
    services: dict[str, SnapshotService] = {}
    obstacles: dict[str, str] = {}
    for r in results:
        meta = r.meta
        services[meta.id] = SnapshotService(
            name=meta.name, level=r.level, level_after=r.level_after, target=meta.target_level)
        for o in r.obstacles:
            obstacles.setdefault(o.key, f"{meta.id}: {o.category.value}: {o.text_th}")
    return Snapshot(date=today, services=dict(sorted(services.items())),
                    obstacles=dict(sorted(obstacles.items())))


def write_snapshot(out: str | Path, snapshot: Snapshot) -> Path:
    """Write ``snapshot`` to ``<out>/history/<date>.json``; return the path."""
    folder = Path(out) / HISTORY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{snapshot.date.isoformat()}.json"
    text = json.dumps(snapshot.model_dump(mode="json"), ensure_ascii=False, indent=1,
                      sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def read_snapshot(path: str | Path) -> Snapshot:
    """Read a snapshot file.

    Raises:
        ConfigError: unreadable or not a snapshot.
    """
    p = Path(path)
    try:
        return Snapshot.model_validate(json.loads(p.read_text("utf-8")))
    except (OSError, ValueError, ValidationError) as exc:
        raise ConfigError(f"{p}: not a reprocess history snapshot ({exc})") from None


def latest_before(out: str | Path, day: datetime.date) -> Snapshot | None:
    """Return the latest snapshot in ``<out>/history`` dated before ``day``, or ``None``.

    Unreadable files are skipped.
    """
    folder = Path(out) / HISTORY_DIR
    if not folder.is_dir():
        return None
    dated = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if m is None:
            continue
        try:
            when = datetime.date.fromisoformat(m.group(1))
        except ValueError:
            continue
        if when < day:
            dated.append((when, p))
    for _, p in sorted(dated, reverse=True):
        try:
            return read_snapshot(p)
        except ConfigError:
            continue
    return None


def compare(previous: Snapshot | None, current: Snapshot) -> Comparison:
    """Compare a snapshot with the previous one (``None``: nothing to compare)."""
    if previous is None:
        return Comparison(current=current.date)
    gained, lost = [], []
    for sid, now in current.services.items():
        before = previous.services.get(sid)
        if before is None or before.level is None or now.level is None:
            continue
        change = LevelChange(service_id=sid, name=now.name, before=before.level,
                             after=now.level)
        if now.level > before.level:
            gained.append(change)
        elif now.level < before.level:
            lost.append(change)
    closed = tuple(k for k in previous.obstacles if k not in current.obstacles
                   and k.split("|", 1)[0] in current.services)
    return Comparison(
        previous=previous.date, current=current.date, gained=tuple(gained), lost=tuple(lost),
        added=tuple(s for s in current.services if s not in previous.services),
        dropped=tuple(s for s in previous.services if s not in current.services),
        obstacles_closed=closed,
        obstacles_new=tuple(k for k in current.obstacles if k not in previous.obstacles),
        closed_text={k: previous.obstacles[k] for k in closed})
