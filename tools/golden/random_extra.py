#!/usr/bin/env python3
"""Golden cases for src/random/samplers_extra.ts: Tensor.geometric_, log_normal_ and cauchy_
(plus random_ on bool and float64 rand/randn), recorded from PyTorch 1.13.

Same step format as rng.py (whose Runner this extends), replayed by
tests/random/samplers_extra.test.ts. Each sampling case ends with a `randn(1)` and a `rand(3)`
drawn afterwards, which prove the generator stream (and the cached normal) is where PyTorch
left it. Run:
    /usr/bin/python3 tools/golden/random_extra.py
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from common import encode_number, encode_tensor, write  # noqa: E402
from rng import Runner, err, make_target, seed, step  # noqa: E402

EXTRA_OPS = ("geometric_", "log_normal_", "cauchy_")
SEEDS = [0, 1, 42, 123456789]


class ExtraRunner(Runner):
    def run(self, st):
        if st["op"] not in EXTRA_OPS and not (st["op"] == "random_" and st["target"].get("nonleaf")):
            return super().run(st)
        spec = st["target"]
        t = make_target(spec)
        if spec.get("nonleaf"):  # a leaf requiring grad, cloned: the sampler joins the graph
            t = torch.zeros(spec["shape"], dtype=torch.float32, requires_grad=True).clone()
        args = [float(a) if a in ("inf", "-inf", "nan") else a for a in st.get("args", [])]
        r = getattr(t, st["op"])(*args, **self.kw(st))
        assert r is t
        res = {"tensor": encode_tensor(t), "requires_grad": t.requires_grad}
        if t.grad_fn is not None:
            res["grad_fn"] = type(t.grad_fn).__name__
        return res


def sample(op, args, shape, dtype, view=None, kw=None):
    target = {"shape": shape, "dtype": dtype}
    if view is not None:
        target["view"] = view
    d = {"op": op, "args": list(args), "target": target}
    if kw:
        d["kw"] = kw
    return d


def follow():
    """Draws after the sampler: the stream position and the cached normal must match."""
    return [step("randn", 1, dtype="float64"), step("rand", 3)]


def libm_points():
    """glibc's exp and tan (what PyTorch's kernels call) at random and edge arguments."""
    import ctypes
    import math
    import random as pyrandom

    libm = ctypes.CDLL("libm.so.6")  # the C functions themselves (math.exp raises on overflow)
    for fn in (libm.exp, libm.tan):
        fn.restype = ctypes.c_double
        fn.argtypes = [ctypes.c_double]

    rnd = pyrandom.Random(1234)
    exp_x = [rnd.uniform(-745.5, 709.9) for _ in range(3000)] + [rnd.uniform(-5, 5) for _ in range(3000)]
    exp_x += [0.0, -0.0, 1e-300, -1e-17, 709.78, 709.79, 710.0, -745.13, -745.14, -708.5, -720.0, 512.0, -512.5]
    tan_x = [math.pi * (rnd.getrandbits(53) * 2.0**-53 - 0.5) for _ in range(8000)]
    tan_x += [-math.pi / 2, math.pi / 2, 1e-9, -0.785398, 1.5707963267, -1.57079632679]
    return {
        "exp": [[x, encode_number(libm.exp(x))] for x in exp_x],
        "tan": [[x, libm.tan(x)] for x in tan_x],
    }


def build():
    r = ExtraRunner()
    cases = []
    add = lambda name, steps: cases.append(r.case(name, steps))  # noqa: E731

    float_samplers = [
        ("geometric_", [0.3]),
        ("geometric_", [0.999]),
        ("log_normal_", []),
        ("log_normal_", [0.5, 0.25]),
        ("log_normal_", [-3.0, 7.0]),
        ("cauchy_", []),
        ("cauchy_", [1.5, 2.5]),
        ("cauchy_", [-0.1, 1e-3]),
    ]
    shapes = [([1], None), ([5], None), ([17], None), ([4, 6], None), ([4, 6], "t"), ([3, 7], "step"),
              ([2, 3, 4], "permute3"), ([3, 5], "offset")]
    for s in SEEDS:
        for op, args in float_samplers:
            for dt in ("float32", "float64"):
                for shape, view in shapes:
                    name = f"{op}{args}_{dt}_seed{s}_{'x'.join(map(str, shape))}_{view}"
                    add(name, [seed(s), sample(op, args, shape, dt, view)] + follow())
        # geometric_ on integer dtypes; small p gives values past int8/uint8's range (wrapping)
        for dt in ("uint8", "int8", "int16", "int32", "int64"):
            for p in (0.5, 0.01, 1e-4):
                add(f"geometric_{p}_{dt}_seed{s}", [seed(s), sample("geometric_", [p], [4, 5], dt, "t")] + follow())
    # many values for the libm statistics (float64 log / exp / tan)
    for op, args in float_samplers:
        add(f"{op}{args}_many", [seed(2024), sample(op, args, [1000], "float64")] + follow())
    # log_normal_ goes through normal_distribution<double>'s cached second sample
    add("log_normal_uses_cached_normal", [seed(3), step("randn", 1, dtype="float64"),
                                          sample("log_normal_", [], [3], "float64"), step("randn", 1),
                                          sample("log_normal_", [0.0, 1.0], [2], "float32")] + follow())
    add("randn_after_cauchy_keeps_cache", [seed(4), step("randn", 1), sample("cauchy_", [], [3], "float64"),
                                           sample("geometric_", [0.2], [3], "int64"), step("randn", 1)])
    # keyword forms and a separate generator
    add("generator_kw", [
        seed(5),
        {"op": "generator", "name": "g", "seed": "77"},
        sample("geometric_", [0.4], [6], "float32", kw={"generator": "g"}),
        sample("log_normal_", [], [6], "float64", kw={"mean": 0.1, "std": 0.5, "generator": "g"}),
        sample("cauchy_", [], [6], "float32", kw={"median": 2.0, "sigma": 0.5, "generator": "g"}),
        step("rand", 3),  # the default generator was not touched
        step("rand", 3, generator="g"),
    ])
    # autograd: a non-leaf joins the graph with the sampler's node
    for op, args in (("geometric_", [0.5]), ("log_normal_", []), ("cauchy_", [])):
        add(f"{op}_nonleaf", [seed(6), {"op": op, "args": args, "target": {"shape": [3], "nonleaf": True}}])
    # random_ on bool, over views
    for s in SEEDS:
        for args in ([], [2], [0, 2]):
            for shape, view in (([7], None), ([3, 4], "t"), ([3, 6], "step")):
                add(f"random_bool{args}_seed{s}_{'x'.join(map(str, shape))}_{view}",
                    [seed(s), sample("random_", args, shape, "bool", view)] + follow())
        add(f"random_bool_from_none_seed{s}", [seed(s), {"op": "random_", "args": [0], "to_none": True,
                                                         "target": {"shape": [9], "dtype": "bool"}}] + follow())
    # float64 rand / randn, then the stream
    for s in SEEDS:
        for size in ([1], [3], [15], [16], [18], [2, 9]):
            for fn in ("rand", "randn"):
                add(f"{fn}_float64_seed{s}_{'x'.join(map(str, size))}",
                    [seed(s), step(fn, size, dtype="float64")] + follow())
    # argument checks: none of them draws a number
    add("errors", [
        seed(0),
        err(sample("geometric_", [0.0], [2], "float32")),
        err(sample("geometric_", [1.0], [2], "float32")),
        err(sample("geometric_", [1.5], [2], "float32")),
        err(sample("geometric_", [-0.25], [2], "float64")),
        err(sample("geometric_", ["nan"], [2], "float64")),
        err(sample("geometric_", [0.5], [2], "bool")),
        err(sample("geometric_", [], [2], "float32")),
        err({"op": "geometric_", "args": [0.5], "target": {"shape": [1, 2], "view": "expand"}}),
        err(sample("log_normal_", [1.0, 0.0], [2], "float32")),
        err(sample("log_normal_", [1.0, -1.0], [2], "int64")),
        err(sample("log_normal_", [1.0, "nan"], [2], "float32")),
        err(sample("log_normal_", [], [2], "int64")),
        err(sample("log_normal_", [], [2], "bool")),
        err({"op": "log_normal_", "args": [], "target": {"shape": [1, 2], "dtype": "int32", "view": "expand"}}),
        err(sample("cauchy_", [], [2], "int64")),
        err(sample("cauchy_", [], [2], "uint8")),
        err({"op": "cauchy_", "args": [], "target": {"shape": [1, 2], "view": "expand"}}),
        err({"op": "cauchy_", "args": [], "target": {"shape": [2], "requires_grad": True}}),
        err({"op": "geometric_", "args": [0.5], "target": {"shape": [2], "requires_grad": True}}),
        err({"op": "log_normal_", "args": [], "target": {"shape": [2], "requires_grad": True}}),
        step("rand", 2),
    ])
    return cases


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    cases = build()
    write("random_extra", {"torch_version": torch.__version__, "cases": cases, "libm": libm_points()})
    print(f"{len(cases)} cases")
