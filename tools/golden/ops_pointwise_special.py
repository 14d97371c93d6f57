#!/usr/bin/env python3
"""Golden cases for the special pointwise ops: tests/golden/ops_pointwise_special.json.

Run:  /usr/bin/python3 tools/golden/ops_pointwise_special.py   (or `npm run golden` for every area)

`cases` use the format of tools/golden/ops_autograd.py (its helpers build, run and encode them;
tests/ops/ops_autograd_case.ts replays them): forward values, dtype, the grad_fn graph, gradients
for a fixed grad_output (float64: also second order), in-place version bumps, or PyTorch's error.
Inputs cover float32 and float64, transposed views, 0-dim, in-place forms on non-leaf clones and
views of them, integer and bool dtypes and each op's special points (the poles of lgamma,
digamma and polygamma, 0 and -0, negative values, nan and ±inf).

`tuple_cases` hold frexp, whose result is a named tuple (mantissa, exponent): each output's
values and grad_fn name, the printed tuple, the mantissa's gradient, or the error.
"""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402

import ops_autograd as oa  # noqa: E402
from common import encode_tensor, write  # noqa: E402
from ops_autograd import FLOATS, T, t  # noqa: E402

oa._seed[0] = 70000  # a separate stream of input values from the other ops_*.json files

TR = {"transpose": [0, 1]}  # on a [3, 2] leaf: a [2, 3] view
CLONE = {"clone": True}
NAN, INF = float("nan"), float("inf")


def method(name, fn, inputs, *args, **kwargs):
    oa.method(name, fn, inputs, *args, **kwargs)


def torchfn(name, fn, inputs, *args, **kwargs):
    oa.torchfn(name, fn, inputs, *args, **kwargs)


def values(shape, lo, hi):
    """Deterministic values in (lo, hi), rounded to 4 decimals."""
    g = torch.Generator().manual_seed(oa.next_seed())
    n = math.prod(shape)
    v = torch.rand(n, generator=g, dtype=torch.float64) * (hi - lo) + lo
    return ((v * 1e4).round() / 1e4).tolist()


def V(shape, d, lo, hi, **kw):
    return T(shape, d, values=values(shape, lo, hi), **kw)


# ---- unary ops ----------------------------------------------------------------------------------

POLES = [0.0, -0.0, -1.0, -2.0, -2.5, 1.0, 2.0, 0.5, 1e-8, -1e-8, 1e-30, 12.5, 171.5, 1e20, INF, -INF, NAN]

# name: (method, extra args, (lo, hi) of the generic inputs, special points, in-place form exists)
UNARY = {
    "lgamma": ("lgamma", (), (-4, 6), POLES, True),
    "digamma": ("digamma", (), (-4, 6), POLES + [10.0, 1.4616321, -0.5], True),
    "polygamma0": ("polygamma", (0,), (-4, 6), POLES, True),
    "polygamma1": ("polygamma", (1,), (-4, 6), POLES + [0.25, -3.75], True),
    "polygamma2": ("polygamma", (2,), (-4, 6), POLES + [0.25, -3.75], True),
    "polygamma3": ("polygamma", (3,), (0.2, 6), POLES + [0.25, -3.75], True),
    "mvlgamma1": ("mvlgamma", (1,), (0.2, 6), [0.5, 1.0, 2.5, 100.5, INF, NAN], True),
    "mvlgamma3": ("mvlgamma", (3,), (1.2, 6), [1.5, 2.0, 2.25, 50.5, INF, NAN], True),
    "logit": ("logit", (), (0.02, 0.98), [0.0, 1.0, 0.5, -0.5, 1.5, 1e-6, 0.999999, NAN], True),
    "logit_eps": ("logit", (0.125,), (-0.3, 1.3), [0.0, 1.0, 0.5, 0.125, 0.875, -0.5, 1.5, 0.1, NAN], True),
    "deg2rad": ("deg2rad", (), (-400, 400), [0.0, 180.0, -90.0, 1e30, INF, NAN], True),
    "rad2deg": ("rad2deg", (), (-7, 7), [0.0, math.pi, -math.pi / 2, 1e30, INF, NAN], True),
    "sinc": ("sinc", (), (-4, 4), [0.0, -0.0, 1.0, -2.0, 0.5, 1e-8, 1e-20, 100.25, INF, NAN], True),
    "i0": ("i0", (), (-10, 10), [0.0, -0.0, 8.0, -8.0, 8.5, 30.5, 700.5, -INF, INF, NAN], True),
    "angle": ("angle", (), (-3, 3), [0.0, -0.0, 1.5, -1.5, INF, -INF, NAN], False),
}

INTS = ("int32", "int64", "uint8", "bool")


def unary_cases():
    for key, (fn, extra, (lo, hi), special, inplace) in UNARY.items():
        for d in FLOATS:
            method(f"{key}/{d}/2d", fn, [V([2, 3], d, lo, hi)], *extra)
            method(f"{key}/{d}/0dim", fn, [V([], d, lo, hi)], *extra)
            method(f"{key}/{d}/transposed", fn, [V([3, 2], d, lo, hi, tf=[TR])], *extra)
            method(f"{key}/{d}/special", fn, [T([len(special)], d, values=special, grad=False)], *extra)
            method(f"{key}/{d}/wide", fn, [V([48], d, lo * 3, hi * 3, grad=False)], *extra)
            if inplace:
                method(f"{key}_/{d}/clone", f"{fn}_", [V([2, 3], d, lo, hi, tf=[CLONE])], *extra)
                method(f"{key}_/{d}/view_of_clone", f"{fn}_", [V([3, 2], d, lo, hi, tf=[CLONE, TR])], *extra)
        for d in INTS:
            if fn == "mvlgamma" and d == "bool":
                method(f"{key}/{d}/error", fn, [T([2, 3], d)], *extra)
                continue
            kind = "bool" if d == "bool" else ("posint" if lo >= 0 or d == "uint8" else "int")
            method(f"{key}/{d}", fn, [T([2, 3], d, kind=kind)], *extra)
        if inplace:
            method(f"{key}_/int64/error", f"{fn}_", [T([3], "int64", kind="posint")], *extra)
            method(f"{key}_/error/leaf", f"{fn}_", [V([3], "float32", lo, hi)], *extra)
    # torch.* spellings (polygamma takes n first)
    for fn in ("lgamma", "digamma", "deg2rad", "rad2deg", "sinc", "i0", "angle", "logit"):
        lo, hi = UNARY[fn][2]
        torchfn(f"torch.{fn}", fn, [V([4], "float32", lo, hi)], t(0))
    torchfn("torch.logit/eps_kw", "logit", [V([4], "float64", -0.2, 1.2)], t(0), eps=0.25)
    method("logit/float32/eps_kw", "logit", [V([4], "float32", -0.2, 1.2)], eps=0.25)
    # Gradients at and outside the domain's ends and at NaN: logit_backward's kernel without
    # create_graph (float32), infinitely_differentiable_logit_backward with it (float64).
    for d in FLOATS:
        edge = [0.0, 1.0, -0.5, 1.5, 0.125, 0.875, NAN, 0.5]
        method(f"logit/{d}/edge_grad", "logit", [T([8], d, values=edge)])
        method(f"logit/{d}/edge_grad_eps", "logit", [T([8], d, values=edge)], 0.125)
    for n in (0, 1, 2, 4):
        torchfn(f"torch.polygamma/n{n}", "polygamma", [V([2, 3], "float64", 0.2, 5)], n, t(0))
    torchfn("torch.polygamma/error/negative_n", "polygamma", [V([3], "float32", 0.2, 5)], -1, t(0))
    method("polygamma_/error/negative_n", "polygamma_", [V([3], "float32", 0.2, 5, tf=[CLONE])], -1)
    torchfn("torch.mvlgamma/p2", "mvlgamma", [V([2, 3], "float64", 1.0, 5)], t(0), 2)
    torchfn("torch.mvlgamma/p_kw", "mvlgamma", [V([2, 3], "float32", 1.0, 5)], t(0), p=4)
    method("mvlgamma/error/p0", "mvlgamma", [V([3], "float32", 1, 5)], 0)
    method("mvlgamma_/error/p0", "mvlgamma_", [V([3], "float32", 1, 5, tf=[CLONE])], 0)
    method("mvlgamma/float32/below_domain", "mvlgamma", [T([3], "float32", values=[0.25, 0.75, 1.25], grad=False)], 3)


def predicate_cases():
    special = [1.5, -0.0, 0.0, -2.5, INF, -INF, NAN]
    for d in FLOATS:
        for op in ("signbit", "isreal", "isposinf", "isneginf"):
            method(f"{op}/{d}", op, [T([len(special)], d, values=special)])
            method(f"{op}/{d}/transposed", op, [V([3, 2], d, -2, 2, tf=[TR])])
            torchfn(f"torch.{op}/{d}", op, [T([len(special)], d, values=special)], t(0))
        method(f"positive/{d}", "positive", [V([2, 3], d, -2, 2)])
        method(f"positive/{d}/nonleaf", "positive", [V([2, 3], d, -2, 2, tf=[CLONE])])
        torchfn(f"torch.positive/{d}", "positive", [V([3, 2], d, -2, 2, tf=[TR])], t(0))
    for d in INTS:
        for op in ("signbit", "isreal", "isposinf", "isneginf", "positive"):
            method(f"{op}/{d}", op, [T([2, 3], d)])


# ---- binary ops --------------------------------------------------------------------------------------

def binary_cases():
    for d in FLOATS:
        # copysign
        method(f"copysign/{d}/same", "copysign", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3)], t(1))
        method(f"copysign/{d}/bcast", "copysign", [V([2, 3], d, -3, 3), V([3], d, -3, 3)], t(1))
        method(f"copysign/{d}/transposed", "copysign", [V([3, 2], d, -3, 3, tf=[TR]), V([2, 3], d, -3, 3)], t(1))
        method(f"copysign/{d}/scalar", "copysign", [V([2, 3], d, -3, 3)], -1.5)
        method(f"copysign/{d}/scalar_int", "copysign", [V([2, 3], d, -3, 3)], 2)
        method(f"copysign/{d}/special", "copysign",
               [T([7], d, values=[0.0, -0.0, 1.5, -1.5, INF, NAN, 2.5]), T([7], d, values=[-1.0, 1.0, -0.0, 0.0, -2.0, -1.0, NAN])], t(1))
        method(f"copysign_/{d}/clone", "copysign_", [V([2, 3], d, -3, 3, tf=[CLONE]), V([3], d, -3, 3)], t(1))
        method(f"copysign_/{d}/scalar", "copysign_", [V([3, 2], d, -3, 3, tf=[CLONE, TR])], -0.5)
        torchfn(f"torch.copysign/{d}", "copysign", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3)], t(0), t(1))
        # heaviside
        hv = [T([6], d, values=[-1.5, 0.0, -0.0, 2.5, NAN, INF]), T([6], d, values=[0.25, 0.5, 0.75, 0.5, 0.5, 0.5])]
        method(f"heaviside/{d}", "heaviside", hv, t(1))
        method(f"heaviside/{d}/bcast", "heaviside", [T([2, 3], d, values=[-1.0, 0.0, 2.0, 0.0, -3.0, 0.0]), T([1], d, values=[0.25])], t(1))
        method(f"heaviside_/{d}", "heaviside_", [T([6], d, values=[-1.5, 0.0, -0.0, 2.5, NAN, INF], tf=[CLONE]), T([6], d, values=[0.25] * 6, grad=False)], t(1))
        torchfn(f"torch.heaviside/{d}", "heaviside", [V([3, 2], d, -2, 2, tf=[TR]), V([2, 3], d, 0, 1)], t(0), t(1))
        # nextafter
        na1, na2 = [1.0, 1.0, 0.0, -0.0, -1.5, INF, NAN, 1e-30], [2.0, 0.0, 1.0, -1.0, -1.5, 0.0, 1.0, -INF]
        method(f"nextafter/{d}", "nextafter", [T([8], d, values=na1), T([8], d, values=na2)], t(1))
        method(f"nextafter/{d}/nograd", "nextafter", [T([8], d, values=na1, grad=False), T([8], d, values=na2, grad=False)], t(1))
        method(f"nextafter_/{d}", "nextafter_", [V([2, 3], d, -3, 3, grad=False), V([3], d, -3, 3, grad=False)], t(1))
        torchfn(f"torch.nextafter/{d}", "nextafter", [V([3, 2], d, -2, 2, tf=[TR], grad=False), V([2, 3], d, -2, 2, grad=False)], t(0), t(1))
        # ldexp
        method(f"ldexp/{d}/int_exp", "ldexp", [V([2, 3], d, -3, 3), T([2, 3], "int64", kind="int")], t(1))
        method(f"ldexp/{d}/int32_exp_bcast", "ldexp", [V([2, 3], d, -3, 3), T([3], "int32", kind="int")], t(1))
        method(f"ldexp/{d}/float_exp", "ldexp", [V([2, 3], d, -3, 3), V([2, 3], d, -3, 3, grad=False)], t(1))
        method(f"ldexp/{d}/float_exp_grad", "ldexp", [V([2, 3], d, -3, 3), V([3], d, -3, 3)], t(1))
        method(f"ldexp_/{d}", "ldexp_", [V([2, 3], d, -3, 3, grad=False), T([3], "int64", kind="int")], t(1))
        torchfn(f"torch.ldexp/{d}", "ldexp", [V([3, 2], d, -3, 3, tf=[TR]), T([2, 3], "int64", kind="int")], t(0), t(1))
        # logaddexp2
        method(f"logaddexp2/{d}/same", "logaddexp2", [V([2, 3], d, -5, 5), V([2, 3], d, -5, 5)], t(1))
        method(f"logaddexp2/{d}/bcast", "logaddexp2", [V([2, 3], d, -5, 5), V([3], d, -5, 5)], t(1))
        method(f"logaddexp2/{d}/transposed", "logaddexp2", [V([3, 2], d, -5, 5, tf=[TR]), V([2, 3], d, -5, 5)], t(1))
        method(f"logaddexp2/{d}/special", "logaddexp2",
               [T([7], d, values=[0.0, INF, -INF, INF, 100.5, -100.5, NAN], grad=False),
                T([7], d, values=[0.0, INF, -INF, -INF, -100.5, 1.5, 1.0], grad=False)], t(1))
        method(f"logaddexp2/{d}/wide", "logaddexp2", [V([48], d, -60, 60, grad=False), V([48], d, -60, 60, grad=False)], t(1))
        torchfn(f"torch.logaddexp2/{d}", "logaddexp2", [V([2, 3], d, -5, 5), V([2, 3], d, -5, 5)], t(0), t(1))
        # float_power
        method(f"float_power/{d}/scalar", "float_power", [V([2, 3], d, 0.1, 3)], 2)
        method(f"float_power/{d}/scalar_float", "float_power", [V([2, 3], d, 0.1, 3)], 2.5)
        method(f"float_power/{d}/tensor", "float_power", [V([2, 3], d, 0.1, 3), V([3], d, -2, 2)], t(1))
        torchfn(f"torch.float_power/{d}/number_base", "float_power", [V([2, 3], d, -2, 2)], 2.5, t(0))
        method(f"float_power/{d}/transposed", "float_power", [V([3, 2], d, 0.1, 3, tf=[TR])], -1.5)
    method("copysign/int64", "copysign", [T([2, 3], "int64", kind="int"), T([3], "int64", kind="int")], t(1))
    method("copysign/bool_scalar", "copysign", [T([3], "bool")], -1)
    method("copysign/mixed/f32_f64", "copysign", [V([2, 3], "float32", -3, 3), V([3], "float64", -3, 3)], t(1))
    method("copysign_/error/int", "copysign_", [T([3], "int64", kind="int"), T([3], "int64", kind="int")], t(1))
    method("heaviside/int64", "heaviside", [T([6], "int64", values=[-2, 0, 3, 0, -1, 5]), T([6], "int64", values=[7, 7, 7, 9, 9, 9])], t(1))
    method("heaviside/bool", "heaviside", [T([4], "bool", values=[True, False, True, False]), T([4], "bool", values=[False, True, True, False])], t(1))
    method("heaviside/error/dtypes", "heaviside", [V([3], "float32", -1, 1), V([3], "float64", -1, 1)], t(1))
    method("heaviside/error/int_float", "heaviside", [T([3], "int64"), V([3], "float32", -1, 1)], t(1))
    method("nextafter/error/int", "nextafter", [T([3], "int64"), T([3], "int64")], t(1))
    method("nextafter/mixed/f32_f64", "nextafter", [V([3], "float32", -1, 1, grad=False), V([3], "float64", -1, 1, grad=False)], t(1))
    method("ldexp/int64_self", "ldexp", [T([2, 3], "int64", kind="int"), T([2, 3], "int64", kind="posint")], t(1))
    method("ldexp_/error/requires_grad", "ldexp_", [V([3], "float32", -1, 1, tf=[CLONE]), T([3], "int64", kind="int")], t(1))
    method("logaddexp2/error/int", "logaddexp2", [T([3], "int64"), T([3], "int64")], t(1))
    method("logaddexp2/mixed/f32_f64", "logaddexp2", [V([2, 3], "float32", -3, 3), V([3], "float64", -3, 3)], t(1))
    method("float_power/int64", "float_power", [T([2, 3], "int64", kind="posint")], 3)
    method("float_power/int64_tensor", "float_power", [T([2, 3], "int64", kind="posint"), T([3], "int32", kind="posint")], t(1))
    method("float_power/bool", "float_power", [T([3], "bool")], 2)
    method("float_power_/float64", "float_power_", [V([2, 3], "float64", 0.1, 3, tf=[CLONE])], 2)
    method("float_power_/float64_tensor", "float_power_", [V([2, 3], "float64", 0.1, 3, tf=[CLONE]), V([3], "float32", -2, 2)], t(1))
    method("float_power_/error/float32", "float_power_", [V([2, 3], "float32", 0.1, 3, tf=[CLONE])], 2)
    # gcd, lcm
    G1 = [0, -4, 6, -9, 12, 0, 35, 1]
    G2 = [0, 6, -4, 3, 18, 5, -14, 1]
    for op in ("gcd", "lcm"):
        for d in ("int64", "int32", "int16", "int8", "uint8"):
            vals1 = [abs(v) for v in G1] if d == "uint8" else G1
            vals2 = [abs(v) for v in G2] if d == "uint8" else G2
            method(f"{op}/{d}", op, [T([8], d, values=vals1), T([8], d, values=vals2)], t(1))
        method(f"{op}/bcast", op, [T([2, 3], "int64", kind="int"), T([3], "int64", kind="int")], t(1))
        method(f"{op}/transposed", op, [T([3, 2], "int64", kind="int", tf=[TR]), T([2, 3], "int64", kind="int")], t(1))
        method(f"{op}/mixed", op, [T([3], "int32", kind="int"), T([3], "int64", kind="int")], t(1))
        method(f"{op}_/int64", f"{op}_", [T([2, 3], "int64", kind="int"), T([3], "int64", kind="int")], t(1))
        method(f"{op}_/error/int32_int64", f"{op}_", [T([3], "int32", kind="int"), T([3], "int64", kind="int")], t(1))
        method(f"{op}/error/float", op, [V([3], "float32", -1, 1, grad=False), V([3], "float32", -1, 1, grad=False)], t(1))
        method(f"{op}/error/bool", op, [T([3], "bool"), T([3], "bool")], t(1))
        torchfn(f"torch.{op}", op, [T([2, 3], "int32", kind="int"), T([2, 3], "int32", kind="int")], t(0), t(1))


# ---- comparison aliases -----------------------------------------------------------------------------

def alias_cases():
    for alias in ("greater", "greater_equal", "less", "less_equal", "not_equal"):
        a = [1.0, 2.0, NAN, -1.0, 3.0, 0.5]
        b = [1.0, 3.0, 1.0, -2.0, 3.0, NAN]
        method(f"{alias}/float32", alias, [T([6], "float32", values=a), T([6], "float32", values=b)], t(1))
        method(f"{alias}/scalar", alias, [T([6], "float32", values=a)], 1.5)
        method(f"{alias}/int64_float", alias, [T([2, 3], "int64"), V([3], "float32", -3, 3)], t(1))
        torchfn(f"torch.{alias}", alias, [V([3, 2], "float64", -2, 2, tf=[TR]), V([2, 3], "float64", -2, 2)], t(0), t(1))
        method(f"{alias}_/float32", f"{alias}_", [T([6], "float32", values=a, tf=[CLONE]), T([6], "float32", values=b, grad=False)], t(1))
        method(f"{alias}_/int64_scalar", f"{alias}_", [T([2, 3], "int64")], 1)


# ---- frexp (named tuple) ------------------------------------------------------------------------------

TUPLE_CASES = []


def frexp_case(name, spec, method_call=True):
    TUPLE_CASES.append({"name": name, "fn": "frexp", "method": method_call, "inputs": [spec]})


def frexp_cases():
    special = [0.0, -0.0, 1.0, -3.0, 0.75, 1e-40, 1e30, INF, -INF, NAN]
    for d in FLOATS:
        frexp_case(f"frexp/{d}/2d", V([2, 3], d, -100, 100))
        frexp_case(f"frexp/{d}/transposed", V([3, 2], d, -10, 10, tf=[TR]))
        frexp_case(f"frexp/{d}/special", T([len(special)], d, values=special, grad=False))
        frexp_case(f"torch.frexp/{d}", V([4], d, -5, 5), method_call=False)
    frexp_case("frexp/float64/subnormal", T([3], "float64", values=[5e-324, -1e-310, 2.5e-308], grad=False))
    frexp_case("frexp/error/int64", T([3], "int64"))
    frexp_case("frexp/error/bool", T([3], "bool"))


def run_tuple(c):
    leaf, x = oa.build(c["inputs"][0])
    try:
        res = x.frexp() if c["method"] else torch.frexp(x)
    except Exception as e:  # noqa: BLE001 - the golden records whatever PyTorch raises
        c["error"] = {"type": type(e).__name__, "message": str(e)}
        return c
    c["fields"] = list(res._fields) if hasattr(res, "_fields") else ["mantissa", "exponent"]
    c["outputs"] = [{"tensor": encode_tensor(o), "grad_fn": None if o.grad_fn is None else o.grad_fn.name()} for o in res]
    c["repr"] = repr(res)
    if res[0].requires_grad:
        w = oa.grad_output(res[0])
        c["grad_output"] = encode_tensor(w)
        (g,) = torch.autograd.grad(res[0], [leaf], w)
        c["grad"] = encode_tensor(g)
    return c


def main():
    torch.set_default_dtype(torch.float32)
    unary_cases()
    predicate_cases()
    binary_cases()
    alias_cases()
    frexp_cases()
    results = [oa.run(c) for c in oa.CASES]
    tuples = [run_tuple(c) for c in TUPLE_CASES]
    write("ops_pointwise_special", {"torch_version": torch.__version__, "cases": results, "tuple_cases": tuples})
    print(f"{len(results)} cases, {sum('error' in c for c in results)} errors; {len(tuples)} frexp cases")


if __name__ == "__main__":
    main()
