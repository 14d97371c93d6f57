#!/usr/bin/env python3
"""Golden cases for dtypes and type promotion: tests/golden/dtypes.json.

Run:  /usr/bin/python3 tools/golden/dtypes.py   (or `npm run golden` for every area)

Records, from PyTorch 1.13:
  - dtype attributes (str, is_floating_point, is_signed, element size);
  - torch.promote_types and torch.can_cast over all pairs of the 8 dtypes;
  - torch.result_type over operand pairs drawn from: tensors with dims and 0-dim tensors of
    each dtype, and Python scalars (ints, floats, bools), under default dtypes float32 and
    float64. A JS number stands for a Python int when integer-valued, else a Python float
    (porting rule 4), so the scalars are written as JS numbers/booleans;
  - value conversions between dtypes (tensor.to(dtype)), including out-of-range values;
  - errors of promote_types, can_cast, result_type, set_default_dtype.
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402

from common import DTYPES, encode_number, write  # noqa: E402

NAMES = list(DTYPES)
SCALARS = [5, -3, 0, 300, 2**40, 2.5, -0.5, 1e10 + 0.5, True, False]


def name(d):
    return str(d).replace("torch.", "")


def operand(spec):
    kind = spec["kind"]
    if kind == "scalar":
        v = spec["value"]
        return v if isinstance(v, bool) or not float(v).is_integer() else int(v)
    shape = [2] if kind == "dim" else []
    return torch.zeros(shape, dtype=DTYPES[spec["dtype"]])


def error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - every exception is a golden
        return {"type": type(e).__name__, "message": str(e)}
    raise AssertionError("expected an error")


def main():
    props = [
        {
            "dtype": n,
            "str": str(d),
            "is_floating_point": d.is_floating_point,
            "is_signed": d.is_signed,
            "element_size": torch.tensor([], dtype=d).element_size(),
        }
        for n, d in DTYPES.items()
    ]
    promote = [{"a": a, "b": b, "result": name(torch.promote_types(DTYPES[a], DTYPES[b]))} for a in NAMES for b in NAMES]
    can_cast = [{"from": a, "to": b, "result": torch.can_cast(DTYPES[a], DTYPES[b])} for a in NAMES for b in NAMES]

    operands = [{"kind": "dim", "dtype": n} for n in NAMES] + [{"kind": "zerodim", "dtype": n} for n in NAMES]
    operands += [{"kind": "scalar", "value": v} for v in SCALARS]
    result_type = []
    for default in ("float32", "float64"):
        torch.set_default_dtype(DTYPES[default])
        for a in operands:
            for b in operands:
                r = torch.result_type(operand(a), operand(b))
                result_type.append({"default_dtype": default, "a": a, "b": b, "result": name(r)})
    torch.set_default_dtype(torch.float32)

    values = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 0.7, -0.7, 127.0, 128.0, 255.0, 255.9, 256.0, -129.0, 300.7, -300.7, 32767.0,
              32768.0, 70000.5, -40000.2, 2.0**31, -(2.0**31), -(2.0**31) - 1, 2.0**32 + 7, -(2.0**32) - 7, 3e9, 1e10,
              2.0**40 + 3, 2.0**53, 2.0**62 + 2.0**40, 2.0**63, -(2.0**63), 1e19, -1e19, 1e30, 3.5e38, 1e-45, 1e-320,
              float("inf"), float("-inf"), float("nan")]
    ints = [0, 1, -1, 127, 128, 255, 256, -129, 300, -300, 32768, 70000, -40000, 2**31, -(2**31) - 1, 2**32 + 7, 2**40 + 3,
            2**53, -(2**53)]
    casts = []
    for src in NAMES:
        if src.startswith("float"):
            base = torch.tensor(values, dtype=torch.float64)  # float32: rounded to float
        else:
            base = torch.tensor([0, 1] if src == "bool" else ints, dtype=torch.int64)  # wrapped into the dtype
        t = base.to(DTYPES[src])
        src_vals = t.tolist()
        for dst in NAMES:
            out = t.to(DTYPES[dst]).tolist()
            casts.append({"from": src, "to": dst, "values": [encode_number(v) for v in src_vals],
                          "result": [encode_number(v) for v in out]})

    errors = {
        "promote_types_str": error(lambda: torch.promote_types(torch.int32, "a")),
        "promote_types_none": error(lambda: torch.promote_types(None, torch.int32)),
        "promote_types_missing": error(lambda: torch.promote_types(torch.int32)),
        "can_cast_int": error(lambda: torch.can_cast(torch.int32, 1)),
        "can_cast_missing": error(lambda: torch.can_cast(torch.int32)),
        "set_default_int32": error(lambda: torch.set_default_dtype(torch.int32)),
        "set_default_bool": error(lambda: torch.set_default_dtype(torch.bool)),
        "set_default_str": error(lambda: torch.set_default_dtype("x")),
        "result_type_str": error(lambda: torch.result_type(torch.zeros(2), "a")),
        "result_type_str_int": error(lambda: torch.result_type("a", 1)),
    }
    write("dtypes", {"torch_version": torch.__version__, "props": props, "promote_types": promote, "can_cast": can_cast,
                     "result_type": result_type, "casts": casts, "errors": errors})


if __name__ == "__main__":
    main()
