#!/usr/bin/env python3
"""Golden cases for the pointwise op library: tests/golden/ops_pointwise.json.

Run:  /usr/bin/python3 tools/golden/ops_pointwise.py   (or `npm run golden` for every area)

The cases use the format of tools/golden/ops_autograd.py (its helpers build, run and encode
them; tests/ops/ops_autograd_case.ts replays them): per op, forward values, dtype, the grad_fn
graph, gradients for a fixed grad_output, or PyTorch's error. Inputs cover float32 and float64,
broadcasting, 0-dim, transposed views, in-place forms (on non-leaf clones and views of them),
integer and bool dtypes and each op's special points.

`gradcheck` lists float64 calls with PyTorch's torch.autograd.gradcheck and gradgradcheck
verdicts; the TS test runs ts-torch's checks on those PyTorch passes.
"""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402

import ops_autograd as oa  # noqa: E402
from common import encode_tensor, write  # noqa: E402
from ops_autograd import FLOATS, T, t  # noqa: E402

oa._seed[0] = 50000  # a separate stream of input values from ops_autograd.json's


def _encode_tensor(x):
    """sgn's backward returns an unallocated "efficient zero tensor": encode it as the zeros it is."""
    if torch._is_zerotensor(x):
        x = torch.zeros(x.shape, dtype=x.dtype)
    return encode_tensor(x)


oa.encode_tensor = _encode_tensor

TR = {"transpose": [0, 1]}  # on a [3, 2] leaf: a [2, 3] view
CLONE = {"clone": True}
INTS = ("int32", "int64", "uint8", "bool")


def method(name, fn, inputs, *args, **kwargs):
    oa.method(name, fn, inputs, *args, **kwargs)


def torchfn(name, fn, inputs, *args, **kwargs):
    oa.torchfn(name, fn, inputs, *args, **kwargs)


def values(shape, lo, hi, seed_scale=1.0):
    """Deterministic values in (lo, hi), rounded to 4 decimals."""
    g = torch.Generator().manual_seed(oa.next_seed())
    n = math.prod(shape)
    v = torch.rand(n, generator=g, dtype=torch.float64) * (hi - lo) + lo
    return ((v * 1e4).round() / 1e4).tolist()


def V(shape, d, lo, hi, **kw):
    return T(shape, d, values=values(shape, lo, hi), **kw)


# ---- unary ops -------------------------------------------------------------------------------------

NAN, INF = float("nan"), float("inf")

# op: (lo, hi) of the generic inputs, special points, in-place form exists, differentiable
UNARY = {
    "abs": ((-3, 3), [0.0, -0.0, 1.5, -2.5, NAN, -INF]),
    "sign": ((-3, 3), [0.0, -0.0, 2.5, -0.5, NAN, INF, -INF]),
    "sgn": ((-3, 3), [0.0, -0.0, 2.5, -0.5, INF, -INF]),
    "rsqrt": ((0.2, 4), [0.0, -1.0, INF, 0.25]),
    "square": ((-3, 3), [0.0, -1.5, INF]),
    "exp2": ((-4, 4), [0.0, -INF, INF, 100.5, -200.5]),
    "expm1": ((-3, 3), [0.0, 1e-10, -INF, INF, 50.5]),
    "log2": ((0.1, 5), [0.0, -0.5, INF, 1.0]),
    "log10": ((0.1, 5), [0.0, -0.5, INF, 1.0]),
    "log1p": ((-0.9, 5), [0.0, -1.0, -1.5, 1e-10, INF]),
    "sin": ((-4, 4), [0.0, math.pi, INF, 100.25]),
    "cos": ((-4, 4), [0.0, math.pi / 2, INF, 100.25]),
    "tan": ((-1.4, 1.4), [0.0, math.pi / 2, -1.5]),
    "asin": ((-0.95, 0.95), [0.0, 1.0, -1.0, 1.5]),
    "acos": ((-0.95, 0.95), [0.0, 1.0, -1.0, 1.5]),
    "atan": ((-4, 4), [0.0, INF, -INF]),
    "sinh": ((-3, 3), [0.0, 30.5, -INF]),
    "cosh": ((-3, 3), [0.0, 30.5, -INF]),
    "asinh": ((-4, 4), [0.0, 1e-8, -1e6, INF]),
    "acosh": ((1.1, 5), [1.0, 0.5, 1e6, INF]),
    "atanh": ((-0.95, 0.95), [0.0, 1.0, -1.0, 1.5]),
    "erf": ((-2.5, 2.5), [0.0, 0.5, -1.25, 2.75, 3.5, -4.5, 6.5, INF, NAN]),
    "erfc": ((-2.5, 2.5), [0.0, 0.5, -1.25, 2.75, 3.5, -4.5, 10.5, 27.5, INF]),
    "erfinv": ((-0.95, 0.95), [0.0, 1.0, -1.0, 0.9999, -0.7, 0.71, 1.5, 1e-5]),
    "floor": ((-5, 5), [0.5, -0.5, -0.0, 2.5, INF, NAN]),
    "ceil": ((-5, 5), [0.5, -0.5, -0.0, 2.5, INF, NAN]),
    "round": ((-5, 5), [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, INF, NAN]),
    "trunc": ((-5, 5), [0.5, -0.5, -2.5, INF, NAN]),
    "frac": ((-5, 5), [0.5, -0.5, -2.75, 3.0, INF, NAN]),
}


def unary_cases():
    for op, ((lo, hi), special) in UNARY.items():
        for d in FLOATS:
            method(f"{op}/{d}/2d", op, [V([2, 3], d, lo, hi)])
            method(f"{op}/{d}/0dim", op, [V([], d, lo, hi)])
            method(f"{op}/{d}/transposed", op, [V([3, 2], d, lo, hi, tf=[TR])])
            method(f"{op}/{d}/special", op, [T([len(special)], d, values=special)])
            method(f"{op}_/{d}/clone", f"{op}_", [V([2, 3], d, lo, hi, tf=[CLONE])])
            method(f"{op}_/{d}/view_of_clone", f"{op}_", [V([3, 2], d, lo, hi, tf=[CLONE, TR])])
        torchfn(f"torch.{op}/float32", op, [V([4], "float32", lo, hi)], t(0))
        method(f"{op}_/error/leaf", f"{op}_", [V([3], "float32", lo, hi)])
        for d in INTS:
            kind = "bool" if d == "bool" else ("posint" if lo >= 0 or d == "uint8" else "int")
            method(f"{op}/{d}", op, [T([2, 3], d, kind=kind)])
            method(f"{op}_/{d}", f"{op}_", [T([3], d, kind=kind)])
    # Many values across each op's domain, for the float32 kernels' accuracy.
    for op, ((lo, hi), _special) in UNARY.items():
        wide_lo, wide_hi = (lo * 4, hi * 4) if op not in ("asin", "acos", "atanh", "erfinv", "tan") else (lo, hi)
        if op == "acosh":
            wide_lo = 1.0
        for d in FLOATS:
            method(f"{op}/{d}/wide", op, [V([64], d, wide_lo, wide_hi)])
    method("erfinv/float32/near_one", "erfinv", [T([6], "float32", values=[0.999, -0.9995, 0.99999, 0.75, -0.701, 0.6999])])
    method("tan/float32/near_pole", "tan", [T([4], "float32", values=[1.5707, -1.5707, 1.57, 4.7123])])
    method("square/int32/overflow", "square", [T([4], "int32", values=[46341, -65536, 2**31 - 1, 3])])
    method("square/int64/overflow", "square", [T([3], "int64", values=[2**32 + 1, -(2**40) - 3, 3037000500])])
    method("square/int8/wrap", "square", [T([3], "int8", values=[12, -128, 127])])
    method("abs/int8/min", "abs", [T([3], "int8", values=[-128, -5, 7])])
    for dec in (1, 2, -1, 0):
        for d in FLOATS:
            method(f"round/{d}/decimals_{dec}", "round", [V([2, 3], d, -50, 50)], decimals=dec)
            method(f"round_/{d}/decimals_{dec}", "round_", [V([2, 3], d, -50, 50, tf=[CLONE])], decimals=dec)
        method(f"round/int64/decimals_{dec}", "round", [T([3], "int64")], decimals=dec)
    method("round/float32/decimals_ties", "round", [T([4], "float32", values=[0.125, 0.375, -0.125, 1.005])], decimals=2)


# ---- binary ops ------------------------------------------------------------------------------------

def binary_family(op, lo_a, hi_a, lo_b, hi_b, scalar=None, inplace=True, ints=True, special=None, torch_only=False):
    """The standard binary cases of one op. `scalar`: a number second operand to try."""
    for d in FLOATS:
        def add(name, inputs, *args, **kw):
            if torch_only:
                torchfn(name, op, inputs, t(0), *args, **kw)
            else:
                method(name, op, inputs, *args, **kw)
        add(f"{op}/{d}/same", [V([2, 3], d, lo_a, hi_a), V([2, 3], d, lo_b, hi_b)], t(1))
        add(f"{op}/{d}/bcast", [V([2, 3], d, lo_a, hi_a), V([3], d, lo_b, hi_b)], t(1))
        add(f"{op}/{d}/bcast_both", [V([2, 1], d, lo_a, hi_a), V([1, 3], d, lo_b, hi_b)], t(1))
        add(f"{op}/{d}/transposed", [V([3, 2], d, lo_a, hi_a, tf=[TR]), V([2, 3], d, lo_b, hi_b)], t(1))
        add(f"{op}/{d}/zerodim_other", [V([2, 3], d, lo_a, hi_a), V([], d, lo_b, hi_b)], t(1))
        add(f"{op}/{d}/one_grad", [V([2, 3], d, lo_a, hi_a, grad=False), V([2, 3], d, lo_b, hi_b)], t(1))
        if scalar is not None:
            add(f"{op}/{d}/scalar", [V([2, 3], d, lo_a, hi_a)], scalar)
        if special is not None:
            a, b = special
            add(f"{op}/{d}/special", [T([len(a)], d, values=a), T([len(b)], d, values=b)], t(1))
        if inplace:
            method(f"{op}_/{d}/clone", f"{op}_", [V([2, 3], d, lo_a, hi_a, tf=[CLONE]), V([3], d, lo_b, hi_b)], t(1))
            method(f"{op}_/{d}/view_of_clone", f"{op}_", [V([3, 2], d, lo_a, hi_a, tf=[CLONE, TR]), V([2, 3], d, lo_b, hi_b)], t(1))
            if scalar is not None:
                method(f"{op}_/{d}/scalar", f"{op}_", [V([2, 3], d, lo_a, hi_a, tf=[CLONE])], scalar)
    if torch_only:
        return
    method(f"{op}/mixed/f32_f64", op, [V([2, 3], "float32", lo_a, hi_a), V([3], "float64", lo_b, hi_b)], t(1))
    if ints:
        ka = "posint" if lo_a >= 0 else "int"
        kb = "posint" if lo_b >= 0 else "int"
        method(f"{op}/int64", op, [T([2, 3], "int64", kind=ka), T([3], "int64", kind="posint" if op in ("fmod", "remainder", "floor_divide") else kb)], t(1))
        method(f"{op}/int32_f32", op, [T([3], "int32", kind=ka), V([3], "float32", lo_b, hi_b)], t(1))
        method(f"{op}/bool", op, [T([3], "bool"), T([3], "bool")], t(1))
        if scalar is not None:
            method(f"{op}/int32_scalar", op, [T([3], "int32", kind="posint")], scalar)
            method(f"{op}/int32_int_scalar", op, [T([3], "int32", kind="int")], 3)
        if inplace:
            method(f"{op}_/int32_f32", f"{op}_", [T([3], "int32", kind=ka), V([3], "float32", lo_b, hi_b)], t(1))
    method(f"{op}/error/broadcast", op, [V([2, 3], "float32", lo_a, hi_a), V([2], "float32", lo_b, hi_b)], t(1))
    if inplace:
        method(f"{op}_/error/broadcast_self", f"{op}_", [V([3], "float32", lo_a, hi_a, tf=[CLONE]), V([2, 3], "float32", lo_b, hi_b)], t(1))


def binary_cases():
    for op, (la, ha, lb, hb) in {
        "atan2": (-50, 50, -50, 50), "hypot": (-1e3, 1e3, -1e3, 1e3), "logaddexp": (-40, 40, -40, 40),
        "xlogy": (-10, 10, 1e-3, 100), "fmod": (-100, 100, 0.1, 7), "remainder": (-100, 100, -7, 7),
        "floor_divide": (-100, 100, 0.1, 7), "maximum": (-5, 5, -5, 5),
    }.items():
        for d in FLOATS:
            method(f"{op}/{d}/wide", op, [V([64], d, la, ha, grad=False), V([64], d, lb, hb, grad=False)], t(1))
    for d in FLOATS:
        method(f"lerp/{d}/wide", "lerp", [V([64], d, -100, 100, grad=False), V([64], d, -100, 100, grad=False), V([64], d, -1, 2, grad=False)], t(1), t(2))
        method(f"addcdiv/{d}/wide", "addcdiv", [V([64], d, -100, 100, grad=False), V([64], d, -100, 100, grad=False), V([64], d, 0.01, 10, grad=False)], t(1), t(2), value=0.3)
        method(f"addcmul/{d}/wide", "addcmul", [V([64], d, -100, 100, grad=False), V([64], d, -100, 100, grad=False), V([64], d, -10, 10, grad=False)], t(1), t(2), value=-1.7)
    binary_family("atan2", -3, 3, -3, 3, special=([0.0, 0.0, -0.0, 1.0, -1.0, INF], [0.0, -1.0, -1.0, 0.0, 0.0, INF]))
    binary_family("hypot", -3, 3, -3, 3, special=([0.0, 3.0, INF, NAN], [0.0, 4.0, NAN, INF]))
    binary_family("logaddexp", -3, 3, -3, 3, inplace=False,
                  special=([0.0, INF, -INF, INF, 100.0, -100.0], [0.0, INF, -INF, -INF, -100.0, 1.0]))
    for op in ("maximum", "minimum", "fmax", "fmin"):
        binary_family(op, -3, 3, -3, 3, inplace=False,
                      special=([1.0, 2.0, NAN, 1.0, NAN, -0.0, 2.5], [1.0, -2.0, 1.0, NAN, NAN, 0.0, 2.5]))
    for op in ("fmod", "remainder"):
        binary_family(op, -5, 5, 0.5, 3, scalar=1.5,
                      special=([5.5, -5.5, 5.5, -5.5, 0.0, 1.0, INF], [2.0, 2.0, -2.0, -2.0, 3.0, 0.0, 2.0]))
        method(f"{op}/int64/signs", op, [T([4], "int64", values=[7, -7, 7, -7]), T([4], "int64", values=[3, 3, -3, -3])], t(1))
        method(f"{op}/int64/by_zero", op, [T([2], "int64", values=[1, 2]), T([2], "int64", values=[1, 0])], t(1))
        method(f"{op}/int64/scalar_neg", op, [T([4], "int64", values=[7, -7, 0, 5])], -3)
    torchfn("remainder/number_first", "remainder", [V([2, 3], "float32", 0.5, 3)], 5.5, t(0))
    torchfn("remainder/number_first_int", "remainder", [T([3], "int64", kind="posint")], 7, t(0))
    binary_family("floor_divide", -5, 5, 0.5, 3, scalar=1.5,
                  special=([5.5, -5.5, 5.5, -5.5, 0.0, 1.0, -1.0], [2.0, 2.0, -2.0, -2.0, 3.0, 0.0, 0.0]))
    torchfn("floor_divide/number_first", "floor_divide", [V([2, 3], "float32", 0.5, 3)], 5.5, t(0))
    torchfn("floor_divide/number_first_int", "floor_divide", [T([3], "int64", kind="posint")], -7, t(0))
    method("floor_divide/int64/signs", "floor_divide", [T([4], "int64", values=[7, -7, 7, -7]), T([4], "int64", values=[3, 3, -3, -3])], t(1))
    method("floor_divide/int64/by_zero", "floor_divide", [T([2], "int64", values=[1, 2]), T([2], "int64", values=[1, 0])], t(1))
    binary_family("xlogy", -3, 3, 0.1, 4, scalar=2.5,
                  special=([0.0, 0.0, 0.0, 1.5, 2.0, 0.0], [0.0, -1.0, NAN, 0.0, INF, 2.0]))
    torchfn("xlogy/number_self", "xlogy", [V([2, 3], "float32", 0.1, 4)], 2.5, t(0))
    torchfn("xlogy/number_self_f64", "xlogy", [V([2, 3], "float64", 0.1, 4)], 2.5, t(0))
    method("xlogy/scalar_other_negative", "xlogy", [T([3], "float64", values=[0.0, 1.5, -2.0])], -1.5)
    method("xlogy/scalar_other_zero", "xlogy", [T([3], "float64", values=[0.0, 1.5, -2.0])], 0)


# ---- lerp, addcmul, addcdiv, clamp -----------------------------------------------------------------

def ternary_cases():
    for d in FLOATS:
        for w in (0.25, 0.75, -0.5, 1.5):
            method(f"lerp/{d}/scalar_{w}", "lerp", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3)], t(1), w)
        method(f"lerp/{d}/tensor_weight", "lerp", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([2, 3], d, -1, 2)], t(1), t(2))
        method(f"lerp/{d}/bcast", "lerp", [V([2, 3], d, -3, 3), V([3], d, -3, 3), V([2, 1], d, -1, 2)], t(1), t(2))
        method(f"lerp/{d}/zerodim_weight", "lerp", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([], d, 0, 1)], t(1), t(2))
        method(f"lerp/{d}/transposed", "lerp", [V([3, 2], d, -3, 3, tf=[TR]), V([2, 3], d, -3, 3)], t(1), 0.3)
        method(f"lerp_/{d}/clone", "lerp_", [V([2, 3], d, -3, 3, tf=[CLONE]), V([3], d, -3, 3), V([2, 3], d, -1, 2)], t(1), t(2))
        method(f"lerp_/{d}/scalar", "lerp_", [V([2, 3], d, -3, 3, tf=[CLONE]), V([2, 3], d, -3, 3)], t(1), 0.6)
        torchfn(f"torch.lerp/{d}", "lerp", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3)], t(0), t(1), 0.4)
        for op in ("addcmul", "addcdiv"):
            lo2 = 0.5 if op == "addcdiv" else -3
            method(f"{op}/{d}/same", op, [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([2, 3], d, lo2, 3)], t(1), t(2))
            method(f"{op}/{d}/value", op, [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([2, 3], d, lo2, 3)], t(1), t(2), value=0.5)
            method(f"{op}/{d}/value_int", op, [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([2, 3], d, lo2, 3)], t(1), t(2), value=-2)
            method(f"{op}/{d}/bcast", op, [V([3], d, -3, 3), V([2, 1], d, -3, 3), V([2, 3], d, lo2, 3)], t(1), t(2))
            method(f"{op}/{d}/transposed", op, [V([2, 3], d, -3, 3), V([3, 2], d, -3, 3, tf=[TR]), V([3], d, lo2, 3)], t(1), t(2))
            method(f"{op}_/{d}/clone", f"{op}_", [V([2, 3], d, -3, 3, tf=[CLONE]), V([2, 3], d, -3, 3), V([3], d, lo2, 3)], t(1), t(2), value=1.5)
            torchfn(f"torch.{op}/{d}", op, [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3), V([2, 3], d, lo2, 3)], t(0), t(1), t(2), value=0.25)
    method("lerp/error/dtype_end", "lerp", [V([3], "float32", -3, 3), V([3], "float64", -3, 3)], t(1), 0.5)
    method("lerp/error/dtype_weight", "lerp", [V([3], "float64", -3, 3), V([3], "float64", -3, 3), V([3], "float32", 0, 1)], t(1), t(2))
    method("lerp/error/int", "lerp", [T([3], "int64"), T([3], "int64")], t(1), 0.5)
    method("lerp/error/int_tensor", "lerp", [T([3], "int64"), T([3], "int64"), T([3], "int64")], t(1), t(2))
    method("addcmul/int64", "addcmul", [T([3], "int64"), T([3], "int64"), T([3], "int64")], t(1), t(2), value=2)
    method("addcmul/mixed", "addcmul", [V([3], "float32", -3, 3), V([3], "float64", -3, 3), T([3], "int64")], t(1), t(2))
    method("addcmul/int32_float", "addcmul", [T([3], "int32"), V([3], "float32", -3, 3), T([3], "int32")], t(1), t(2))
    method("addcdiv/error/int", "addcdiv", [T([3], "int64"), T([3], "int64"), T([3], "int64", kind="posint")], t(1), t(2))
    method("addcdiv/int_self_float", "addcdiv", [T([3], "int64"), V([3], "float32", -3, 3), T([3], "int64", kind="posint")], t(1), t(2))
    method("addcdiv/by_zero", "addcdiv", [V([3], "float32", -3, 3), T([3], "float32", values=[1.0, -1.0, 0.0]), T([3], "float32", values=[0.0, 0.0, 0.0])], t(1), t(2))


def clamp_cases():
    at_bounds = [-1.5, -0.5, 0.0, 0.5, 1.5, NAN]
    for d in FLOATS:
        for fn in ("clamp", "clip"):
            method(f"{fn}/{d}/both", fn, [V([2, 3], d, -2, 2)], -0.5, 0.5)
        method(f"clamp/{d}/at_bounds", "clamp", [T([6], d, values=at_bounds)], -0.5, 0.5)
        method(f"clamp/{d}/min_only_kw", "clamp", [T([6], d, values=at_bounds)], min=-0.5)
        method(f"clamp/{d}/max_only_kw", "clamp", [T([6], d, values=at_bounds)], max=0.5)
        method(f"clamp/{d}/kw_both", "clamp", [V([2, 3], d, -2, 2)], min=-0.25, max=1.25)
        method(f"clamp/{d}/min_gt_max", "clamp", [V([2, 3], d, -2, 2)], 1.5, -0.5)
        method(f"clamp/{d}/transposed", "clamp", [V([3, 2], d, -2, 2, tf=[TR])], -0.5, 0.5)
        method(f"clamp/{d}/tensor_bounds", "clamp", [V([2, 3], d, -2, 2), V([2, 3], d, -1.5, 0), V([3], d, 0, 1.5)], t(1), t(2))
        method(f"clamp/{d}/tensor_bounds_crossed", "clamp",
               [T([4], d, values=[-1.0, 0.5, 2.0, 0.25]), T([4], d, values=[0.0, 1.0, 0.0, 0.25]), T([4], d, values=[1.0, 0.0, 1.0, 0.25])], t(1), t(2))
        method(f"clamp/{d}/tensor_min_only", "clamp", [V([2, 3], d, -2, 2), V([3], d, -1, 1)], t(1))
        method(f"clamp/{d}/tensor_max_kw", "clamp", [V([2, 3], d, -2, 2), V([3], d, -1, 1)], max=t(1))
        method(f"clamp_min/{d}", "clamp_min", [T([6], d, values=at_bounds)], -0.5)
        method(f"clamp_max/{d}", "clamp_max", [T([6], d, values=at_bounds)], 0.5)
        method(f"clamp_min/{d}/tensor", "clamp_min", [V([2, 3], d, -2, 2), V([3], d, -1, 1)], t(1))
        method(f"clamp_max/{d}/tensor", "clamp_max", [V([2, 3], d, -2, 2), V([3], d, -1, 1)], t(1))
        for fn in ("clamp_", "clip_"):
            method(f"{fn}/{d}/clone", fn, [V([2, 3], d, -2, 2, tf=[CLONE])], -0.5, 0.5)
        method(f"clamp_/{d}/view_of_clone", "clamp_", [V([3, 2], d, -2, 2, tf=[CLONE, TR])], min=0.25)
        method(f"clamp_/{d}/tensor", "clamp_", [V([2, 3], d, -2, 2, tf=[CLONE]), V([3], d, -1, 0)], t(1), None)
        method(f"clamp_min_/{d}", "clamp_min_", [V([2, 3], d, -2, 2, tf=[CLONE])], 0.25)
        method(f"clamp_max_/{d}", "clamp_max_", [V([2, 3], d, -2, 2, tf=[CLONE])], 0.25)
        torchfn(f"torch.clamp/{d}", "clamp", [V([2, 3], d, -2, 2)], t(0), -0.5, 0.5)
        torchfn(f"torch.clip/{d}", "clip", [V([2, 3], d, -2, 2)], t(0), max=0.5)
    method("clamp/float32/zerodim_and_number", "clamp", [V([2, 3], "float32", -2, 2), V([], "float32", -1, 0, grad=False)], t(1), 0.5)
    method("clamp/float32/number_and_zerodim_kw", "clamp", [V([2, 3], "float32", -2, 2), V([], "float32", 0, 1, grad=False)], min=-0.5, max=t(1))
    method("clamp/float32/zerodim_both", "clamp", [V([2, 3], "float32", -2, 2), V([], "float32", -1, 0), V([], "float32", 0, 1)], t(1), t(2))
    method("round/error/float_decimals", "round", [V([3], "float32", -2, 2)], decimals=1.5)
    method("clamp/int64/int_bounds", "clamp", [T([2, 3], "int64")], -2, 3)
    method("clamp/int64/float_bound", "clamp", [T([2, 3], "int64")], 0.5)
    method("clamp/bool/int_bound", "clamp", [T([3], "bool")], 0)
    method("clamp/uint8", "clamp", [T([3], "uint8", kind="posint")], 2, 4)
    method("clamp/int32/tensor_float", "clamp", [T([3], "int32"), V([3], "float32", -1, 1)], t(1))
    method("clamp_/int64", "clamp_", [T([2, 3], "int64")], -2, 3)
    method("clamp/error/no_bounds", "clamp", [V([3], "float32", -1, 1)])
    method("clamp/error/none_bounds", "clamp", [V([3], "float32", -1, 1)], None, None)
    method("clamp_/error/leaf", "clamp_", [V([3], "float32", -1, 1)], 0.5)


# ---- nan_to_num, predicates, logical, bitwise --------------------------------------------------------

def alias_cases():
    for alias, (lo, hi) in {"absolute": (-3, 3), "arcsin": (-0.9, 0.9), "arccos": (-0.9, 0.9), "arctan": (-3, 3), "arcsinh": (-3, 3),
                            "arccosh": (1.1, 4), "arctanh": (-0.9, 0.9), "fix": (-3, 3)}.items():
        method(f"alias/{alias}", alias, [V([2, 3], "float64", lo, hi)])
        torchfn(f"alias/torch.{alias}", alias, [V([3], "float32", lo, hi)], t(0))
        method(f"alias/{alias}_", f"{alias}_", [V([3], "float32", lo, hi, tf=[CLONE])])
    method("alias/arctan2", "arctan2", [V([2, 3], "float64", -3, 3), V([3], "float64", -3, 3)], t(1))
    torchfn("alias/torch.arctan2", "arctan2", [V([3], "float32", -3, 3), V([3], "float32", -3, 3)], t(0), t(1))
    method("alias/arctan2_", "arctan2_", [V([3], "float32", -3, 3, tf=[CLONE]), V([3], "float32", -3, 3)], t(1))


def misc_cases():
    special = [1.5, NAN, INF, -INF, -2.5, 0.0]
    for d in FLOATS:
        method(f"nan_to_num/{d}/default", "nan_to_num", [T([6], d, values=special)])
        method(f"nan_to_num/{d}/kw", "nan_to_num", [T([6], d, values=special)], nan=0.5, posinf=12345.5, neginf=-750.25)
        method(f"nan_to_num/{d}/positional", "nan_to_num", [T([6], d, values=special)], 0.5, 2.5)
        method(f"nan_to_num/{d}/transposed", "nan_to_num", [V([3, 2], d, -2, 2, tf=[TR])])
        method(f"nan_to_num_/{d}/clone", "nan_to_num_", [T([6], d, values=special, tf=[CLONE])], posinf=9.5)
        torchfn(f"torch.nan_to_num/{d}", "nan_to_num", [T([6], d, values=special)], t(0), nan=-1.5)
        for op in ("isnan", "isinf", "isfinite", "logical_not"):
            method(f"{op}/{d}", op, [T([6], d, values=special)])
            torchfn(f"torch.{op}/{d}/transposed", op, [V([3, 2], d, -2, 2, tf=[TR])], t(0))
        method(f"logical_xor/{d}", "logical_xor", [T([6], d, values=special), T([6], d, values=[0.0, 1.0, 0.0, 2.0, NAN, 0.0])], t(1))
        method(f"logical_not_/{d}", "logical_not_", [T([6], d, values=special, grad=False)])
        method(f"logical_xor_/{d}", "logical_xor_", [T([6], d, values=special, grad=False), T([6], d, values=[0.0, 1.0, 0.0, 2.0, NAN, 0.0])], t(1))
    for d in INTS:
        for op in ("nan_to_num", "isnan", "isinf", "isfinite", "logical_not"):
            method(f"{op}/{d}", op, [T([2, 3], d)])
        method(f"logical_not_/{d}", "logical_not_", [T([3], d)])
        method(f"logical_xor/{d}", "logical_xor", [T([2, 3], d), T([3], "bool")], t(1))
        method(f"bitwise_not/{d}", "bitwise_not", [T([2, 3], d)])
        method(f"bitwise_not_/{d}", "bitwise_not_", [T([2, 3], d)])
        for op in ("bitwise_and", "bitwise_or", "bitwise_xor"):
            method(f"{op}/{d}", op, [T([2, 3], d), T([3], d)], t(1))
            method(f"{op}/{d}/scalar", op, [T([2, 3], d)], 6)
            method(f"{op}_/{d}", f"{op}_", [T([2, 3], d), T([3], d)], t(1))
    big = [2**40 + 5, -(2**35) - 3, 123, -1]
    for op in ("bitwise_and", "bitwise_or", "bitwise_xor"):
        method(f"{op}/int64/large", op, [T([4], "int64", values=big), T([4], "int64", values=[2**36 + 7, 2**33, -1, 2**40])], t(1))
        method(f"{op}/uint8_int32", op, [T([3], "uint8", kind="posint"), T([3], "int32")], t(1))
        method(f"{op}/bool_int", op, [T([3], "bool"), T([3], "int32")], t(1))
        method(f"{op}/bool_scalar", op, [T([3], "bool")], 1)
        method(f"{op}/error/float", op, [V([3], "float32", -1, 1, grad=False), V([3], "float32", -1, 1, grad=False)], t(1))
        method(f"{op}/error/int_float_scalar", op, [T([3], "int64")], 2.5)
        method(f"{op}_/error/bool_int", f"{op}_", [T([3], "bool"), T([3], "int32")], t(1))
        torchfn(f"torch.{op}", op, [T([2, 3], "int32"), T([3], "int32")], t(0), t(1))
    method("bitwise_not/int64/large", "bitwise_not", [T([3], "int64", values=big[:3])])
    method("bitwise_not/error/float", "bitwise_not", [V([3], "float64", -1, 1, grad=False)])
    torchfn("torch.bitwise_not", "bitwise_not", [T([3], "int8")], t(0))


# ---- float64 gradcheck ----------------------------------------------------------------------------------

GRADCHECK = []


def gc(name, fn, inputs, *args, **kwargs):
    """A torch.fn call on float64 leaves whose gradients PyTorch's gradcheck is asked about."""
    oa.check_scalars(list(args))
    oa.check_scalars(kwargs)
    GRADCHECK.append({"name": name, "fn": fn, "inputs": inputs, "args": list(args), "kwargs": kwargs})


def gradcheck_cases():
    for op, ((lo, hi), _special) in UNARY.items():
        gc(f"gradcheck/{op}", op, [V([2, 3], "float64", lo, hi)], t(0))
    gc("gradcheck/round_decimals", "round", [V([4], "float64", -3, 3)], t(0), decimals=1)
    for op, (la, ha, lb, hb) in {
        "atan2": (-3, 3, -3, 3), "hypot": (-3, 3, -3, 3), "logaddexp": (-3, 3, -3, 3), "maximum": (-3, 3, -3, 3),
        "minimum": (-3, 3, -3, 3), "fmax": (-3, 3, -3, 3), "fmin": (-3, 3, -3, 3), "fmod": (-5, 5, 0.5, 3),
        "remainder": (-5, 5, 0.5, 3), "xlogy": (-3, 3, 0.1, 4),
    }.items():
        gc(f"gradcheck/{op}", op, [V([2, 3], "float64", la, ha), V([3], "float64", lb, hb)], t(0), t(1))
    gc("gradcheck/xlogy_scalar_other", "xlogy", [V([3], "float64", -3, 3)], t(0), 2.5)
    gc("gradcheck/xlogy_scalar_self", "xlogy", [V([3], "float64", 0.1, 3)], 2.5, t(0))
    gc("gradcheck/lerp_scalar", "lerp", [V([2, 3], "float64", -3, 3), V([3], "float64", -3, 3)], t(0), t(1), 0.3)
    gc("gradcheck/lerp_tensor", "lerp", [V([2, 3], "float64", -3, 3), V([3], "float64", -3, 3), V([2, 1], "float64", -1, 2)], t(0), t(1), t(2))
    gc("gradcheck/addcmul", "addcmul", [V([2, 3], "float64", -3, 3), V([3], "float64", -3, 3), V([2, 1], "float64", -3, 3)], t(0), t(1), t(2), value=0.5)
    gc("gradcheck/addcdiv", "addcdiv", [V([2, 3], "float64", -3, 3), V([3], "float64", -3, 3), V([2, 1], "float64", 0.5, 3)], t(0), t(1), t(2), value=-1.5)
    gc("gradcheck/clamp", "clamp", [V([2, 3], "float64", -2, 2)], t(0), -0.5, 0.5)
    gc("gradcheck/clamp_tensor", "clamp", [V([2, 3], "float64", -2, 2), V([3], "float64", -1.5, -0.2), V([2, 1], "float64", 0.2, 1.5)], t(0), t(1), t(2))
    gc("gradcheck/clamp_min", "clamp_min", [V([2, 3], "float64", -2, 2)], t(0), 0.25)
    gc("gradcheck/clamp_max", "clamp_max", [V([2, 3], "float64", -2, 2)], t(0), 0.25)
    gc("gradcheck/nan_to_num", "nan_to_num", [V([2, 3], "float64", -2, 2)], t(0))


def run_gradcheck(c):
    xs = [oa.build(s)[0] for s in c["inputs"]]
    for x in xs:
        x.requires_grad_(True)
    args = [oa.decode(a, xs) for a in c["args"]]
    kwargs = {k: oa.decode(v, xs) for k, v in c["kwargs"].items()}
    fn = getattr(torch, c["fn"])
    f = lambda *_: fn(*args, **kwargs)  # noqa: E731
    for key, check in (("pytorch_passes", torch.autograd.gradcheck), ("pytorch_gradgrad_passes", torch.autograd.gradgradcheck)):
        try:
            ok = check(f, tuple(xs), raise_exception=False)
        except Exception:  # noqa: BLE001 - a function the check cannot run counts as not passing
            ok = False
        c[key] = bool(ok)
    return c


def main():
    torch.set_default_dtype(torch.float32)
    unary_cases()
    binary_cases()
    ternary_cases()
    clamp_cases()
    misc_cases()
    alias_cases()
    gradcheck_cases()
    results = [oa.run(c) for c in oa.CASES]
    checks = [run_gradcheck(c) for c in GRADCHECK]
    write("ops_pointwise", {"torch_version": torch.__version__, "cases": results, "gradcheck": checks})
    print(f"{len(results)} cases, {sum('error' in c for c in results)} errors; "
          f"{len(checks)} gradchecks, {sum(c['pytorch_passes'] for c in checks)} pass in PyTorch, "
          f"{sum(c['pytorch_gradgrad_passes'] for c in checks)} gradgradchecks")


if __name__ == "__main__":
    main()
