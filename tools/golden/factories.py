#!/usr/bin/env python3
"""Golden cases for the tensor factories: tests/golden/factories.json and factories_ranges.json.

Run:  /usr/bin/python3 tools/golden/factories.py   (or `npm run golden` for every area)

Each case is a ts-torch call written as JSON (function name, positional arguments, the
trailing options object, and `self` for Tensor methods); this script makes the same call in
PyTorch and records what comes back: dtype, shape, stride, storage offset, values (flat, row
major), requires_grad; or the exception's type and message.

Arguments are encoded so that the TS side can rebuild them exactly:
  numbers as JSON numbers, except {"$num": "nan" | "inf" | "-inf"};
  {"$dtype": "int32"}; {"$tensor": {dtype, storage, shape, stride, offset}} (a strided view);
  {"$typed": "Float32Array", "values": [...]} (a TypedArray: a NumPy array of that type);
  {"$buffer": {"bytes": [...], "view": null | "Uint8Array", "byteOffset": k}} (frombuffer).

Porting rule 4 decides how a JS number reads in Python: where the dtype is inferred from the
values (torch.tensor, full, arange, linspace, logspace without a dtype) every number is a
Python float; everywhere else an integer-valued number is a Python int and any other a float.
TypeErrors of the argument parser name each argument's Python type; ts-torch names a JS number
`int` when it is integer-valued, so those messages are taken from the int reading.
"""
import math
import pathlib
import random
import struct
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import numpy as np  # noqa: E402
import torch  # noqa: E402

from common import DTYPES, encode_number, write  # noqa: E402

NUMPY = {
    "Float64Array": np.float64,
    "Float32Array": np.float32,
    "Int32Array": np.int32,
    "Int16Array": np.int16,
    "Int8Array": np.int8,
    "Uint8Array": np.uint8,
    "Uint8ClampedArray": np.uint8,
    "BigInt64Array": np.int64,
    "Uint16Array": np.uint16,
    "Uint32Array": np.uint32,
}
ALL = list(DTYPES)
nan = float("nan")
inf = float("inf")

# ---- argument encoding ------------------------------------------------------------------


def D(name):
    return {"$dtype": name}


def N(v):
    """A number argument; non-finite ones need a tag in JSON."""
    if isinstance(v, float) and not math.isfinite(v):
        return {"$num": "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")}
    return v


def T(dtype, storage, shape=None, stride=None, offset=0):
    """A strided tensor over `storage` (contiguous when shape/stride are not given)."""
    shape = [len(storage)] if shape is None else shape
    if stride is None:
        stride, s = [], 1
        for d in reversed(shape):
            stride.insert(0, s)
            s *= max(d, 1)
    return {"$tensor": {"dtype": dtype, "storage": [N(float(v)) if dtype in ("float32", "float64") else v for v in storage],
                        "shape": shape, "stride": stride, "offset": offset}}


def TA(kind, values):
    return {"$typed": kind, "values": values}


def BUF(data, view=None, byte_offset=0):
    return {"$buffer": {"bytes": list(data), "view": view, "byteOffset": byte_offset}}


def decode(v, mode):
    """JSON argument -> Python value. mode 'float': numbers are floats; 'auto': ints when integral."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        if mode == "float":
            return float(v)
        return int(v) if float(v).is_integer() and abs(v) < 2**63 else float(v)
    if isinstance(v, list):
        return [decode(x, mode) for x in v]
    (tag, body), = v.items()
    if tag == "$num":
        return {"nan": nan, "inf": inf, "-inf": -inf}[body]
    if tag == "$dtype":
        return DTYPES[body]
    if tag == "$tensor":
        dt = DTYPES[body["dtype"]]
        storage = torch.tensor([decode(x, "float") for x in body["storage"]], dtype=torch.float64).to(dt)
        return torch.as_strided(storage, body["shape"], body["stride"], body["offset"])
    raise ValueError(tag)


def decode_arg(v, mode):
    """Like decode, plus TypedArrays (NumPy arrays) and buffers (bytearrays)."""
    if isinstance(v, dict) and "$typed" in v:
        return np.array([decode(x, "auto") for x in v["values"]], dtype=NUMPY[v["$typed"]])
    if isinstance(v, dict) and "$buffer" in v:
        b = v["$buffer"]
        return bytearray(bytes(b["bytes"])[b["byteOffset"]:]) if b["view"] else bytearray(bytes(b["bytes"]))
    if isinstance(v, list):
        return [decode_arg(x, mode) for x in v]
    return decode(v, mode)


# Positions (and option names) holding values whose type PyTorch infers the dtype from.
VALUE_ARGS = {
    "tensor": ({0}, set()),
    "as_tensor": ({0}, set()),
    "full": ({1}, set()),
    "scalar_tensor": ({0}, set()),
    "arange": ({0, 1, 2}, {"start", "end", "step"}),
    "linspace": ({0, 1}, {"start", "end"}),
    "logspace": ({0, 1}, {"start", "end"}),
}

FUNCS = {
    "new_zeros": lambda self, *a, **k: self.new_zeros(*a, **k),
    "new_ones": lambda self, *a, **k: self.new_ones(*a, **k),
    "new_empty": lambda self, *a, **k: self.new_empty(*a, **k),
    "new_full": lambda self, *a, **k: self.new_full(*a, **k),
    "new_tensor": lambda self, *a, **k: self.new_tensor(*a, **k),
}


def call(fn, args, opts, self_, force_auto=False):
    infer = fn in VALUE_ARGS and (opts is None or "dtype" not in opts) and not force_auto
    pos_float, kw_float = VALUE_ARGS.get(fn, (set(), set()))
    pargs = [decode_arg(a, "float" if infer and i in pos_float else "auto") for i, a in enumerate(args)]
    pkw = {k: decode_arg(v, "float" if infer and k in kw_float else "auto") for k, v in (opts or {}).items()}
    if self_ is not None:
        return FUNCS[fn](decode(self_, "auto"), *pargs, **pkw), pargs
    return getattr(torch, fn)(*pargs, **pkw), pargs


UNINITIALISED = {"empty", "empty_like", "new_empty"}


def encode_result(t, fn, sample=None):
    requires_grad = t.requires_grad
    t = t.detach()
    flat = t.reshape(-1).tolist() if t.dim() > 0 else [t.item()]
    out = {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "stride": list(t.stride()),
        "offset": t.storage_offset(),
        "requires_grad": requires_grad,
    }
    if fn in UNINITIALISED:
        pass  # PyTorch leaves the memory as it was: no values to compare
    elif sample is not None and len(flat) > sample:
        idx = sorted(set(list(range(0, len(flat), 97)) + list(range(len(flat) - 20, len(flat)))))
        out["sample"] = {"indices": idx, "values": [encode_number(flat[i]) for i in idx]}
    else:
        out["values"] = [encode_number(v) for v in flat]
    return out


class Cases:
    def __init__(self):
        self.cases = []

    def add(self, fn, *args, opts=None, self_=None, default_dtype=None, mutate=None, sample=None, note=None):
        case = {"fn": fn, "args": list(args)}
        if opts is not None:
            case["opts"] = opts
        if self_ is not None:
            case["self"] = self_
        if default_dtype is not None:
            case["default_dtype"] = default_dtype
        if mutate is not None:
            case["mutate"] = mutate
        if note is not None:
            case["note"] = note
        case.update(self.run(fn, args, opts, self_, default_dtype, mutate, sample))
        self.cases.append(case)

    @staticmethod
    def run(fn, args, opts, self_, default_dtype, mutate, sample, force_auto=False):
        """The PyTorch outcome of one call: {"expect": ...}, {"expect_value": ...} or {"error": ...}."""
        torch.set_default_dtype(DTYPES[default_dtype or "float32"])
        try:
            r, pargs = call(fn, args, opts, self_, force_auto)
            if mutate is not None:
                # Write into the source array/buffer after creation: shared memory shows it.
                pargs[0][mutate[0]] = mutate[1]
            if not isinstance(r, torch.Tensor):
                return {"expect_value": r}
            out = {"expect": encode_result(r, fn, sample)}
            if fn == "as_tensor" and isinstance(pargs[0], torch.Tensor):
                out["expect"]["same_object"] = r is pargs[0]
            return out
        except Exception as e:  # noqa: BLE001 - every exception is a golden
            err = {"error": {"type": type(e).__name__, "message": str(e)}}
        finally:
            torch.set_default_dtype(torch.float32)
        # An argument-parser TypeError ("fn(): ...", "fn() ...") names each argument's Python
        # type; ts-torch calls a JS number `int` when it is integer-valued, so such messages
        # come from that reading of the numbers.
        if err["error"]["type"] == "TypeError" and err["error"]["message"].startswith(fn + "()") and not force_auto:
            again = Cases.run(fn, args, opts, self_, default_dtype, None, sample, force_auto=True)
            if "error" in again:
                return again
        return err


def size_factories(c):
    for fn in ("zeros", "ones", "empty"):
        c.add(fn, 2, 3)
        c.add(fn, [2, 3])
        c.add(fn, 4)
        c.add(fn, [])
        c.add(fn, 0)
        c.add(fn, 2, 0, 3)
        c.add(fn, [1, 1, 1])
        c.add(fn, 2, 1, 3)
        for d in ALL:
            c.add(fn, 2, 2, opts={"dtype": D(d)})
            c.add(fn, [3], opts={"dtype": D(d)})
        c.add(fn, 2, opts={"dtype": D("float64")}, default_dtype="float64")
        c.add(fn, 2, default_dtype="float64")
        c.add(fn, 2, 3, opts={"requires_grad": True})
        c.add(fn, [2], opts={"requires_grad": True, "dtype": D("float64")})
        c.add(fn, 2, opts={"requires_grad": False, "dtype": None})
        c.add(fn, [2], opts={"requires_grad": True, "dtype": D("int64")})
        c.add(fn, 2, opts={"requires_grad": True, "dtype": D("bool")})
        # errors, as PyTorch's argument parser and factories raise them
        c.add(fn, -1)
        c.add(fn, 2, -3)
        c.add(fn, [2, -3])
        c.add(fn, 2.5)
        c.add(fn, [2.5])
        c.add(fn, [2, 2.5])
        c.add(fn, 2, 2.5)
        c.add(fn, 2.5, 2)
        c.add(fn, "a")
        c.add(fn, None)
        c.add(fn, True)
        c.add(fn, [True])
        c.add(fn, [2, True])
        c.add(fn, 2, True)
        c.add(fn, 2, [3])
        c.add(fn, [2], 3)
        c.add(fn, [2, None])
        c.add(fn, [2, "a"])
        c.add(fn)
        c.add(fn, opts={"dtype": D("float32")})
        c.add(fn, 2, opts={"dtype": "float32"})
        c.add(fn, [2, 3], opts={"dtype": 3})
        c.add(fn, 2, 3, opts={"requires_grad": 1})
        c.add(fn, 2, opts={"foo": 1})
        c.add(fn, 2.5, opts={"dtype": D("float32")})
        c.add(fn, 2, 2.5, opts={"dtype": D("float32")})
        c.add(fn, 2, opts={"device": "cpu"})
    # sizes too large for memory (both libraries fail to allocate) or for a byte count
    c.add("zeros", 10**13)
    c.add("ones", 10**13, opts={"dtype": D("int8")})
    c.add("zeros", 2**62)
    c.add("empty", 2**31, 2**31, 8)
    c.add("zeros", 2**62, 8, 0)
    c.add("full", [2**40, 2**20], 1)


FILLS = [0, 1, 2, -1, 2.5, -2.7, 300, -255, -256, 255.5, -0.5, 128, 40000, 2**31, -2**31, 1e10, 2.0**63, 2.0**64,
         nan, inf, -inf, 3.5e38, -3.5e38, 1e-50, True, False]


def full_factories(c):
    c.add("full", [2, 3], 2)
    c.add("full", [2], 2.5)
    c.add("full", [2], True)
    c.add("full", [2], False)
    c.add("full", [], 7)
    c.add("full", [0, 2], 7)
    c.add("full", [1], 2, opts={"dtype": D("float64")})
    c.add("full", [3], 2, default_dtype="float64")
    c.add("full", [3], 2, opts={"requires_grad": True})
    c.add("full", [3], 2, opts={"requires_grad": True, "dtype": D("int64")})
    c.add("full", [2], N(nan))
    c.add("full", [2], N(-inf))
    for d in ALL:
        for v in FILLS:
            c.add("full", [2], N(v), opts={"dtype": D(d)})
    c.add("full", [2], T("float64", [3.5], [], []))
    c.add("full", [2], T("int32", [3], [], []))
    c.add("full", [2], T("bool", [1], [], []))
    c.add("full", 2, 1)
    c.add("full", [2.5], 1)
    c.add("full", [2, 2.5], 1)
    c.add("full", [-1], 1)
    c.add("full", [2])
    c.add("full", [2], 1, 2)
    c.add("full", [2], "a")
    c.add("full", [2], None)
    c.add("full", [2], 1, opts={"dtype": "x"})
    c.add("full", [2], 1, opts={"foo": 3})
    c.add("full", [2], 1, opts={"requires_grad": 1})


def eye_factories(c):
    for args in ([0], [1], [3], [2, 3], [3, 2], [0, 3], [3, 0], [4, 4]):
        c.add("eye", *args)
    for d in ALL:
        c.add("eye", 3, opts={"dtype": D(d)})
        c.add("eye", 2, 3, opts={"dtype": D(d)})
    c.add("eye", 2, opts={"requires_grad": True})
    c.add("eye", 2, default_dtype="float64")
    for args in ([-1], [2, -1], [-1, 2], [2.5], [2, 2.5], [True], [2, True], [None], ["a"], [], [2, 3, 4], [2, None]):
        c.add("eye", *args)
    c.add("eye", 2, opts={"dtype": "x"})
    c.add("eye", 2, opts={"foo": 1})
    c.add("eye", 2, opts={"dtype": D("int32"), "requires_grad": True})


def scalar_tensor_cases(c):
    for v in (2, 2.5, True, False, -1, 300, N(nan), N(inf)):
        c.add("scalar_tensor", N(v) if not isinstance(v, dict) else v)
    for d in ALL:
        for v in (2, 2.5, -1, 300, True, N(nan)):
            c.add("scalar_tensor", v, opts={"dtype": D(d)})
    c.add("scalar_tensor", 2, opts={"requires_grad": True})
    c.add("scalar_tensor", 2, default_dtype="float64")
    c.add("scalar_tensor", "a")
    c.add("scalar_tensor", None)
    c.add("scalar_tensor", 2, opts={"dtype": "x"})
    c.add("scalar_tensor", 2, opts={"foo": 1})


def tensor_cases(c):
    data = [
        [1, 2, 3],
        [[1, 2], [3, 4]],
        [[[1], [2]], [[3], [4]]],
        2,
        2.5,
        True,
        [True, False],
        [[True], [False]],
        [1, True],
        [True, 1],
        [],
        [[]],
        [[], []],
        [[], [1]],
        [N(nan), N(inf), N(-inf), -0.0, 0.0],
        [1e300, 1e-300, 5e-324],
        [0.1, 0.2, 0.3],
        [[1, 2], [3]],
        [[1], [2, 3]],
        [[1, 2], 3],
        [1, [2]],
        [[[1]], [[2], [3]]],
        [[1], []],
        "a",
        ["a"],
        [1, "a"],
        [None],
        None,
        [1, None],
    ]
    for d in data:
        c.add("tensor", d)
    for d in ALL:
        for vals in ([1, 2, 3], [1.7, -1.7, 0.5], [-1, 255, 256], [-1.5], [300], [-256], [128], [40000], [2**31],
                     [N(nan)], [N(inf)], [1e300], [True, False], [[1], [2]], [1, [2]], [None], [1e10]):
            c.add("tensor", vals, opts={"dtype": D(d)})
    c.add("tensor", [1, 2], opts={"requires_grad": True})
    c.add("tensor", [1, 2], opts={"requires_grad": True, "dtype": D("float64")})
    c.add("tensor", [1, 2], opts={"requires_grad": True, "dtype": D("int64")})
    c.add("tensor", [True], opts={"requires_grad": True})
    c.add("tensor", [[1, 2]], default_dtype="float64")
    c.add("tensor", [], default_dtype="float64")
    c.add("tensor", [1], opts={"dtype": "x"})
    c.add("tensor", [1], opts={"requires_grad": 1})
    c.add("tensor", [1], opts={"foo": 1})
    c.add("tensor")
    c.add("tensor", [1], D("int32"))
    # tensors inside arrays are one-element scalars; their dtypes take part in inference
    c.add("tensor", [T("int32", [1], [], []), T("int32", [2], [], [])])
    c.add("tensor", [T("int32", [1], [], []), 2.5])
    c.add("tensor", [T("int32", [1], [], []), True])
    c.add("tensor", [T("float64", [1], [1]), T("float64", [3], [1])])
    c.add("tensor", [T("float32", [1, 2]), T("float32", [3, 4])])
    c.add("tensor", [[1, 2], T("float32", [3, 4])])
    c.add("tensor", [T("bool", [1], [], []), T("bool", [0], [], [])])
    # a tensor: copied, dtype kept unless given
    c.add("tensor", T("float64", [1, 2, 3, 4, 5, 6], [2, 3]))
    c.add("tensor", T("float32", [1, 2, 3, 4, 5, 6], [3, 2], [1, 3]))
    c.add("tensor", T("float32", [1.5, -2.5], [2]), opts={"dtype": D("int32")})
    c.add("tensor", T("float64", [300.7, -1], [2]), opts={"dtype": D("uint8")})
    c.add("tensor", T("int32", [1, 2], [2]), opts={"requires_grad": True, "dtype": D("float32")})
    # TypedArrays: NumPy arrays
    for kind, vals in (("Float64Array", [0.1, 2]), ("Float32Array", [0.1, 2]), ("Int32Array", [1, -2]), ("Int16Array", [1, -2]),
                       ("Int8Array", [1, -2]), ("Uint8Array", [1, 255]), ("Uint8ClampedArray", [1, 255]), ("BigInt64Array", [1, -2]),
                       ("Uint16Array", [1]), ("Uint32Array", [1])):
        c.add("tensor", TA(kind, vals))
        c.add("tensor", [TA(kind, vals), TA(kind, vals)])
    c.add("tensor", TA("Float64Array", [300.7, -1.5]), opts={"dtype": D("uint8")})
    c.add("tensor", TA("Float64Array", [1, 2]), opts={"dtype": D("float32")})
    c.add("tensor", [[1, 2], TA("Int32Array", [3, 4])])
    c.add("tensor", [TA("Float32Array", [1, 2]), TA("Float32Array", [3])])


def as_tensor_cases(c):
    c.add("as_tensor", [1, 2])
    c.add("as_tensor", [[True]])
    c.add("as_tensor", [1, 2], opts={"dtype": D("int32")})
    c.add("as_tensor", T("float32", [1, 2, 3]))
    c.add("as_tensor", T("float32", [1, 2, 3]), opts={"dtype": D("float32")})
    c.add("as_tensor", T("float32", [1.5, 2, 3]), opts={"dtype": D("int64")})
    c.add("as_tensor", T("float32", [1, 2, 3, 4], [2, 2], [1, 2]))
    c.add("as_tensor", TA("Float32Array", [1, 2, 3]), mutate=[0, 9])
    c.add("as_tensor", TA("Int32Array", [1, 2, 3]), opts={"dtype": D("float64")}, mutate=[0, 9])
    c.add("as_tensor", None)
    c.add("as_tensor", [1], opts={"dtype": "x"})
    c.add("as_tensor")


def from_numpy_cases(c):
    for kind, vals in (("Float64Array", [0.1, 2]), ("Float32Array", [0.1, 2]), ("Int32Array", [1, -2]), ("Int16Array", [1, -2]),
                       ("Int8Array", [1, -2]), ("Uint8Array", [1, 255]), ("Uint16Array", [1]), ("Uint32Array", [1])):
        c.add("from_numpy", TA(kind, vals), mutate=[0, 7])
    c.add("from_numpy", TA("BigInt64Array", [1, -2]))
    c.add("from_numpy", [1.0])


def frombuffer_cases(c):
    f32 = struct.pack("<4f", 1.5, -2.0, 3.25, 1e30)
    f64 = struct.pack("<2d", 0.1, -7.5)
    i64 = struct.pack("<2q", 5, -(2**40))
    c.add("frombuffer", BUF(f32), opts={"dtype": D("float32")}, mutate=[0, 0])
    c.add("frombuffer", BUF(f32), opts={"dtype": D("float32"), "offset": 4})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("float32"), "offset": 4, "count": 2})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("int32")})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("uint8"), "count": 5})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("int16"), "offset": 2})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("bool"), "offset": 3, "count": 4})
    c.add("frombuffer", BUF(f64), opts={"dtype": D("float64")})
    c.add("frombuffer", BUF(i64), opts={"dtype": D("int64")})
    c.add("frombuffer", BUF(b"\x00" + f32[:8]), opts={"dtype": D("float32"), "offset": 1})
    c.add("frombuffer", BUF(f32, view="Uint8Array", byte_offset=4), opts={"dtype": D("float32")})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("float32"), "requires_grad": True})
    c.add("frombuffer", BUF(f32), opts={"dtype": D("int32"), "requires_grad": True})
    c.add("frombuffer", BUF(b""), opts={"dtype": D("float32")})
    c.add("frombuffer", BUF(bytes(7)), opts={"dtype": D("float32")})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "offset": 8})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "offset": -1})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "count": 3})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "count": 0})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "count": -2})
    c.add("frombuffer", BUF(bytes(9)), opts={"dtype": D("float32"), "offset": 1, "count": 3})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": D("float32"), "count": 2.5})
    c.add("frombuffer", BUF(bytes(8)), opts={"dtype": "x"})
    c.add("frombuffer", BUF(bytes(8)))
    c.add("frombuffer", [1, 2], opts={"dtype": D("float32")})
    c.add("frombuffer", 3, opts={"dtype": D("float32")})


def like_cases(c):
    sources = [
        T("float32", [1, 2, 3, 4, 5, 6], [2, 3]),
        T("int32", [1, 2, 3, 4, 5, 6], [2, 3]),
        T("bool", [1, 0], [2]),
        T("float64", [5], [], []),
        T("float32", [1, 2, 3, 4, 5, 6], [3, 2], [1, 3]),  # transposed: strides kept
        T("float32", list(range(24)), [2, 3, 4], [1, 8, 2]),  # permuted
        T("float32", list(range(24)), [4, 3], [6, 2]),  # sliced rows: dense in a new order
        T("float32", list(range(24)), [3, 4], [2, 6]),  # sliced, transposed: layout kept
        T("float32", [1, 2, 3], [2, 2, 3], [0, 0, 1]),  # expanded: contiguous
        T("float32", [1, 2, 3, 4], [2, 1, 2], [2, 5, 1]),  # size-1 dim with an odd stride
        T("float32", list(range(10)), [1], [5], 3),  # one element, stride 5
        T("float32", list(range(10)), [2], [5], 1),
        T("float32", [], [0, 3]),
        T("int64", list(range(12)), [2, 3, 2], [1, 4, 2]),
    ]
    for s in sources:
        c.add("zeros_like", s)
        c.add("ones_like", s)
        c.add("empty_like", s)
        c.add("full_like", s, 2.5)
        c.add("full_like", s, True)
        c.add("zeros_like", s, opts={"dtype": D("float64")})
        c.add("ones_like", s, opts={"dtype": D("int8")})
    for d in ALL:
        for v in (2.7, -1, 300, -1.5, N(nan), True):
            c.add("full_like", T(d, [1, 0], [2]), v)
    c.add("ones_like", T("float32", [1, 2]), opts={"requires_grad": True})
    c.add("ones_like", T("int32", [1, 2]), opts={"requires_grad": True})
    c.add("zeros_like", 3)
    c.add("zeros_like", [1.0])
    c.add("zeros_like", T("float32", [1]), opts={"dtype": "x"})
    c.add("zeros_like", T("float32", [1]), opts={"foo": 1})
    c.add("zeros_like", T("float32", [1]), opts={"requires_grad": 1})
    c.add("ones_like", T("float32", [1]), 3)
    c.add("full_like", T("float32", [1]))
    c.add("full_like", T("float32", [1]), "a")
    c.add("empty_like", T("float32", [1]), opts={"dtype": "x"})


def new_cases(c):
    i32 = T("int32", [1, 2], [2])
    f64 = T("float64", [1, 2], [2])
    u8 = T("uint8", [1, 2], [2])
    for s in (i32, f64, u8):
        c.add("new_zeros", 3, self_=s)
        c.add("new_zeros", 3, 2, self_=s)
        c.add("new_zeros", [3, 2], self_=s)
        c.add("new_zeros", [], self_=s)
        c.add("new_ones", 2, 2, self_=s)
        c.add("new_empty", [2, 3], self_=s)
        c.add("new_full", [2], 2.5, self_=s)
        c.add("new_full", [2], 300, self_=s)
        c.add("new_full", [2], -1, self_=s)
        c.add("new_tensor", [1.5, 2], self_=s)
        c.add("new_tensor", [-1], self_=s)
        c.add("new_tensor", [[True, False]], self_=s)
        c.add("new_tensor", [1, 2], opts={"dtype": D("float32")}, self_=s)
        c.add("new_zeros", 2, opts={"dtype": D("bool")}, self_=s)
        c.add("new_ones", 2, opts={"requires_grad": True}, self_=s)
        c.add("new_tensor", [1, 2], opts={"requires_grad": True}, self_=s)
    c.add("new_tensor", T("float32", [1.5, 2.5]), self_=i32)
    c.add("new_tensor", TA("Float32Array", [1.5, 2.5]), self_=f64)
    c.add("new_tensor", [None], self_=f64)
    c.add("new_tensor", [None], self_=i32)
    for fn in ("new_zeros", "new_ones", "new_empty"):
        c.add(fn, self_=f64)
        c.add(fn, 2.5, self_=f64)
        c.add(fn, [2.5], self_=f64)
        c.add(fn, 2, 2.5, self_=f64)
        c.add(fn, [2], 3, self_=f64)
        c.add(fn, 2, [3], self_=f64)
        c.add(fn, True, 2, self_=f64)
        c.add(fn, -1, self_=f64)
        c.add(fn, 2, opts={"dtype": "x"}, self_=f64)
        c.add(fn, 2, opts={"foo": 1}, self_=f64)
        c.add(fn, 2, opts={"requires_grad": 1}, self_=f64)
        c.add(fn, 2.5, opts={"dtype": D("int32")}, self_=f64)
    c.add("new_full", 2, 1, self_=f64)
    c.add("new_full", [2], self_=f64)
    c.add("new_full", [2], 1, 3, self_=f64)
    c.add("new_full", [2], "a", self_=f64)
    c.add("new_tensor", self_=f64)
    c.add("new_tensor", [1], 3, self_=f64)
    c.add("new_tensor", [1], opts={"requires_grad": 1}, self_=f64)
    c.add("new_tensor", [1], opts={"dtype": "x"}, self_=f64)


def type_prop_cases(c):
    c.add("numel", T("float32", list(range(6)), [2, 3]))
    c.add("numel", T("float32", [], [0, 3]))
    c.add("numel", T("float32", [1], [], []))
    c.add("numel", 3)
    c.add("is_floating_point", 3)
    for d in ALL:
        c.add("is_floating_point", T(d, [1]))
    c.add("is_tensor", T("float32", [1]))
    c.add("is_tensor", [1])
    c.add("is_tensor", 3)


def build_main():
    c = Cases()
    size_factories(c)
    full_factories(c)
    eye_factories(c)
    scalar_tensor_cases(c)
    tensor_cases(c)
    as_tensor_cases(c)
    from_numpy_cases(c)
    frombuffer_cases(c)
    like_cases(c)
    new_cases(c)
    type_prop_cases(c)
    return c.cases


def build_ranges():
    c = Cases()
    rng = random.Random(1234)
    # arange: the shapes of call, dtypes, fractional and negative steps
    c.add("arange", 5)
    c.add("arange", 0)
    c.add("arange", 1, 5)
    c.add("arange", 0, 1, 0.1)
    c.add("arange", 0, 1, 0.3)
    c.add("arange", 1, 2.5, 0.5)
    c.add("arange", 10, 0, -1)
    c.add("arange", 1, -1, -0.25)
    c.add("arange", -3.7, 12.4, 0.7)
    c.add("arange", 0, 10, 3)
    c.add("arange", 0, 1e-3, 1e-5)
    c.add("arange", 0.5, 3.7)
    c.add("arange", 1, 5, opts={"step": 2})
    c.add("arange", True)
    c.add("arange", 0, 1, 0.1, opts={"dtype": D("float64")})
    c.add("arange", 0, 1, 0.1, default_dtype="float64")
    c.add("arange", 5, opts={"requires_grad": True})
    for d in ALL:
        c.add("arange", 5, opts={"dtype": D(d)})
        c.add("arange", 0.5, 3.7, 1, opts={"dtype": D(d)})
        c.add("arange", -0.5, 3.7, 1, opts={"dtype": D(d)})
        c.add("arange", 10, -10, -3, opts={"dtype": D(d)})
        c.add("arange", 0, 1, 0.3, opts={"dtype": D(d)})
        c.add("arange", 0, 40, 1.5, opts={"dtype": D(d)})
        c.add("arange", 0, 300, 7, opts={"dtype": D(d)})
        c.add("arange", 0, 5, opts={"dtype": D(d), "requires_grad": True})
    for n in (15, 16, 17, 31, 32, 33, 47, 100):
        c.add("arange", 0.1, 0.1 + 0.37 * n, 0.37)
        c.add("arange", 0.1, 0.1 + 0.37 * n, 0.37, opts={"dtype": D("float64")})
    for _ in range(60):
        s = rng.uniform(-100, 100)
        st = rng.uniform(0.001, 3) * rng.choice([1, -1])
        e = s + st * rng.randint(1, 200) + st * rng.random()
        d = rng.choice(["float32", "float64"])
        c.add("arange", s, e, st, opts={"dtype": D(d)})
    for args in ([0, 1, 0], [0, 1, -1], [1, 0], [0, N(inf)], [N(nan), 1], [0.1, N(-inf)], [0, 1, N(nan)], [0, 1e30, 1e-30]):
        c.add("arange", *args)
    c.add("arange", 0, N(inf), opts={"dtype": D("int64")})
    c.add("arange", 0, 1e13)
    c.add("linspace", 0, 1, 10**13)
    c.add("arange", 0, 1, 0.3, opts={"dtype": D("bool")})
    c.add("arange", 5, opts={"dtype": D("bool")})
    c.add("arange", 5, opts={"dtype": D("int32"), "requires_grad": True})
    c.add("arange")
    c.add("arange", 1, 2, 3, 4)
    c.add("arange", "a")
    c.add("arange", 0, "a")
    c.add("arange", None)
    c.add("arange", 5, opts={"dtype": "x"})
    c.add("arange", 5, opts={"foo": 1})
    c.add("arange", 5, opts={"step": 2})
    c.add("arange", 5, True)

    # linspace
    for args in ([0, 1, 5], [0, 1, 1], [0, 1, 0], [0, 1, 2], [-1, 1, 7], [1, 0, 6], [0, 10, 100], [3, 3, 4], [0.1, 0.7, 33],
                 [-5.5, 12.25, 17], [1e-8, 1e8, 40], [0, 1, 16], [0, 1, 15], [True, 1, 5]):
        c.add("linspace", *args)
        c.add("linspace", *args, opts={"dtype": D("float64")})
    for d in ALL:
        for args in ([0, 10, 7], [0, 100, 41], [-50, 50, 99], [5, -5, 33], [0, 255, 70], [0, 1, 1], [3.7, 9.2, 20], [0, 5, 0]):
            c.add("linspace", *args, opts={"dtype": D(d)})
    for _ in range(60):
        s = rng.uniform(-100, 100)
        e = rng.uniform(-100, 100)
        n = rng.randint(2, 150)
        d = rng.choice(["float32", "float64", "int32", "int64", "int16"])
        if d.startswith("int"):
            s, e = round(s), round(e)
        c.add("linspace", s, e, n, opts={"dtype": D(d)})
    c.add("linspace", 0, 1, 5, default_dtype="float64")
    c.add("linspace", 0, 1, 5, opts={"requires_grad": True})
    c.add("linspace", 0, 1, 5, opts={"requires_grad": True, "dtype": D("int32")})
    c.add("linspace", 0, 1e39, 5)
    c.add("linspace", 0, 300, 5, opts={"dtype": D("uint8")})
    c.add("linspace", -1, 3, 5, opts={"dtype": D("uint8")})
    for args in ([0, 1], [0, 1, -1], [0, 1, 2.5], [0, 1, True], [0, 1, None], [None, 1, 3], [0, "a", 3], [0, 1, 5, 4]):
        c.add("linspace", *args)
    c.add("linspace", 0, 1, 5, opts={"dtype": "x"})
    c.add("linspace", 0, 1, 5, opts={"foo": 2})
    c.add("linspace", 0, 1, opts={"steps": 5})

    # logspace
    for args in ([0, 2, 3], [0, 1, 5], [-3, 3, 13], [0, 2, 3, 2], [0, 1, 5, 2.5], [1, -1, 9, 0.5], [0, 1, 1], [2, 5, 1],
                 [0, 1, 0], [-2.5, 7.25, 40], [0, 300, 7], [0, -320, 9], [0.5, 1.5, 33, 3.7], [0, 2, 4, -2], [0, 1, 5, True]):
        c.add("logspace", *args)
        c.add("logspace", *args, opts={"dtype": D("float64")})
    for d in ALL:
        for args in ([0, 3, 4], [0, 2, 5, 2], [0, 3, 1], [0, 10, 11, 2], [-1, 1, 5]):
            c.add("logspace", *args, opts={"dtype": D(d)})
    for _ in range(60):
        s = rng.uniform(-10, 10)
        e = rng.uniform(-10, 10)
        n = rng.randint(2, 80)
        base = rng.choice([10, 2, math.e, 3.7, 0.5, 1.5])
        d = rng.choice(["float32", "float64"])
        c.add("logspace", s, e, n, base, opts={"dtype": D(d)})
    c.add("logspace", 0, 2, 3, opts={"base": 2})
    c.add("logspace", 0, 2, 3, default_dtype="float64")
    c.add("logspace", 0, 1, 3, opts={"requires_grad": True})
    for args in ([0, 1, -1], [0, 1, 5, "a"], [0, 1], [0, 1, 2.5]):
        c.add("logspace", *args)
    c.add("logspace", 0, 1, 5, opts={"base": None})
    c.add("logspace", 0, 1, 5, opts={"dtype": "x"})

    # Large counts (single-threaded PyTorch, see src/tensor/ranges.ts): a sample of the values.
    for args, opts in (([0, 5000, 0.13], None), ([0, 5000, 0.13], {"dtype": D("float64")}), ([-7.3, 4e4, 1.01], None),
                       ([0.1, 50000, 1.3], {"dtype": D("float64")}), ([0, 100000, 3], {"dtype": D("int32")})):
        c.add("arange", *args, opts=opts, sample=200)
    for args, opts in (([0, 1, 10001], None), ([-3, 1e4, 40000], {"dtype": D("float64")}), ([0, 1000, 33333], {"dtype": D("int32")})):
        c.add("linspace", *args, opts=opts, sample=200)
    c.add("logspace", -5, 5, 20001, opts={"dtype": D("float64")}, sample=200)
    c.add("logspace", -5, 5, 20001, sample=200)
    return c.cases


def build_misc():
    """Factory behaviour under grad modes."""
    with torch.inference_mode():
        inference = {fn: getattr(torch, fn)(2).is_inference() for fn in ("zeros", "ones", "empty")}
        inference["tensor"] = torch.tensor([1.0]).is_inference()
        inference["arange"] = torch.arange(3.0).is_inference()
    with torch.no_grad():
        no_grad = {"zeros_requires_grad": torch.zeros(2, requires_grad=True).requires_grad,
                   "tensor_requires_grad": torch.tensor([1.0], requires_grad=True).requires_grad}
    outside = torch.zeros(2).is_inference()
    return {"inference_mode_is_inference": inference, "no_grad": no_grad, "outside_is_inference": outside}


if __name__ == "__main__":
    # One thread: arange/linspace above 32768 elements depend on the thread count otherwise.
    # (Restored afterwards: generate_all.py runs every script in this process.)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        meta = {"torch_version": torch.__version__}
        write("factories", {**meta, "cases": build_main(), "misc": build_misc()})
        write("factories_ranges", {**meta, "cases": build_ranges()})
    finally:
        torch.set_num_threads(threads)
