"""Compile provcheck's bytecode before timing the CLI, as an installed copy has it.

``pip install`` writes every module's ``.pyc`` at install time, so a user's ``provcheck``
command never compiles its sources. A source checkout run with ``PYTHONDONTWRITEBYTECODE``
set (as on the machines these benchmarks run on) would compile every module on every run,
a fixed cost of a few tenths of a second that an installed copy does not pay. The benches
therefore compile the package once, explicitly, before the first timed run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def compile_package(root: Path) -> list[str]:
    """Write ``root/provcheck``'s ``.pyc`` files (quietly); returns the command it ran."""
    cmd = [sys.executable, "-m", "compileall", "-q", str(root / "provcheck")]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return cmd
