"""Helpers shared by the golden scripts: where goldens go and how values are encoded."""
import json
import math
import pathlib

import torch

GOLDEN_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden"

# The 8 dtypes ts-torch has, by name, in promotion order (bool < uint8 < ... < float64).
DTYPES = {
    "bool": torch.bool,
    "uint8": torch.uint8,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "float32": torch.float32,
    "float64": torch.float64,
}
NAN = float("nan")
INF = float("inf")


def encode_number(v):
    """JSON has no nan/inf: encode them as strings the TS side decodes."""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def encode_tensor(t):
    """A tensor as {dtype, shape, values (flat, row-major)}; floats exactly as doubles."""
    t = t.detach()
    flat = t.reshape(-1).tolist()
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "values": [encode_number(v) for v in flat],
    }


def encode_grads(wrt, grads):
    """Gradients w.r.t. the inputs numbered `wrt`, keyed by that number (None: unused)."""
    return {str(i): (None if g is None else encode_tensor(g)) for i, g in zip(wrt, grads)}


def encode_error(e):
    """An exception as the TS side checks it: its class name and message."""
    return {"type": type(e).__name__, "message": str(e)}


def write(name, data):
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    path = GOLDEN_DIR / f"{name}.json"
    with open(path, "w") as f:
        json.dump(data, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path.relative_to(GOLDEN_DIR.parents[1])}")
