"""Pause the cyclic garbage collector around work that allocates many long-lived objects.

Reading a 10,000-node model or analysing it creates a few hundred thousand objects
that stay alive; every automatic collection then walks all of them, for nothing (they
are freed by reference counting). Pausing collection for the duration of one call
made reading about twice and analysis about a third faster. Collection resumes
afterwards if it was on, so a caller that disabled it keeps it disabled.

Examples:
    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Disable automatic garbage collection inside the ``with`` block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
