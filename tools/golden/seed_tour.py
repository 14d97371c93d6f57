"""Runs the seed notebook (../shared/oracle/seed_tour.py) under PyTorch and stores its output."""
import contextlib
import io
import pathlib
import runpy

from common import GOLDEN_DIR

seed = pathlib.Path(__file__).resolve().parents[3] / "shared" / "oracle" / "seed_tour.py"
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    runpy.run_path(str(seed), run_name="__main__")
(GOLDEN_DIR / "seed_tour.expected.txt").write_text(buf.getvalue())
print("wrote tests/golden/seed_tour.expected.txt")
