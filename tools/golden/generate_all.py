#!/usr/bin/env python3
"""Regenerates every golden file in tests/golden/ from real PyTorch 1.13.

Run with Debian's interpreter (see ../shared/spec/oracle.md):  npm run golden
Each tools/golden/<area>.py writes tests/golden/<area>*.json; CI only reads them.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(here))
import torch  # noqa: E402

assert torch.__version__.startswith("1.13"), f"PyTorch 1.13 expected, got {torch.__version__}"
for script in sorted(here.glob("*.py")):
    if script.name in ("generate_all.py", "common.py", "cases.py"):
        continue
    print(f"== {script.name}", flush=True)
    # Each script in its own interpreter: several register cases in ops_autograd's module-level
    # lists, and in one process a later script would also write an earlier one's cases.
    subprocess.run([sys.executable, str(script)], check=True, cwd=here)
