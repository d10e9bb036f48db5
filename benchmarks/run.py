"""Run every benchmark of ``benchmarks/`` in turn (``make bench``).

Each ``run_*.py`` script is standalone and prints a Markdown table; this runner calls
them in a fixed order and passes ``--quick`` through when given.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("run_io.py", "run_analysis.py", "run_check.py", "run_redesign.py", "run_render.py",
         "run_portfolio.py")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return non-zero if one failed."""
    args = list(sys.argv[1:] if argv is None else argv)
    status = 0
    for name in ORDER:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n## {name}\n", flush=True)
        code = subprocess.call([sys.executable, str(script), *args])
        status = status or code
    return status


if __name__ == "__main__":
    raise SystemExit(main())
