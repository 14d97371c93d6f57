#!/usr/bin/env python3
"""Golden cases for src/random: torch.manual_seed, Generator, rand/randn/randint/randperm and
the in-place samplers, recorded from PyTorch 1.13.

Each case is a list of steps that tests/random/random.test.ts replays in order; every step's
result (a tensor, a seed, the RNG state bytes, or an error) is PyTorch's. Run:
    /usr/bin/python3 tools/golden/rng.py        (or: npm run golden)
(Named rng.py, not random.py: a random.py beside generate_all.py would shadow the standard
library module that torch imports.)
"""
import sys
import warnings

import torch

sys.path.insert(0, __import__("os").path.dirname(__file__))
from common import DTYPES, encode_tensor, write  # noqa: E402

SEEDS = [0, 1, 42, 2**32 + 5, 123456789]


def enc_int(v):
    """Python ints beyond 2**53 do not survive JSON -> JS number: send every seed as a string."""
    return str(v)


def make_target(spec):
    """An empty tensor (zeros) and an optional non-contiguous view of it, as the TS side builds."""
    base = torch.zeros(spec["shape"], dtype=DTYPES[spec.get("dtype", "float32")])
    if spec.get("requires_grad"):
        base.requires_grad_()
    view = spec.get("view")
    if view is None:
        return base
    if view == "t":  # swap the last two dims
        return base.transpose(-2, -1)
    if view == "step":  # every other element of the last dim
        return base[..., ::2]
    if view == "offset":  # drop the first row: contiguous, non-zero offset
        return base[1:]
    if view == "permute3":  # (a, b, c) -> (c, a, b)
        return base.permute(2, 0, 1)
    if view == "expand":  # (1, n) -> (3, n): overlapping
        return base.expand(3, spec["shape"][-1])
    raise ValueError(view)


class Runner:
    def __init__(self):
        self.gens = {}
        self.states = {}

    def kw(self, st):
        out = {}
        for k, v in st.get("kw", {}).items():
            if k == "dtype":
                out[k] = DTYPES[v]
            elif k == "generator":
                out[k] = self.gens[v]
            else:
                out[k] = v
        return out

    def run(self, st):
        op = st["op"]
        # JSON has no inf: arguments spell it "inf" / "-inf" (decoded the same way on the TS side)
        args = [float(a) if a in ("inf", "-inf", "nan") else a for a in st.get("args", [])]
        kw = self.kw(st)
        if op == "manual_seed":
            torch.manual_seed(int(st["seed"]))
            return None
        if op == "generator":
            g = torch.Generator()
            if "seed" in st:
                g.manual_seed(int(st["seed"]))
            self.gens[st["name"]] = g
            return None
        if op == "initial_seed":
            g = self.gens[st["generator"]] if "generator" in st else torch.default_generator
            return {"seed": enc_int(g.initial_seed())}
        if op == "get_rng_state":
            g = self.gens[st["generator"]] if "generator" in st else torch.default_generator
            s = g.get_state()
            self.states[st["name"]] = s
            return {"bytes": s.tolist()}
        if op == "set_rng_state":
            g = self.gens[st["generator"]] if "generator" in st else torch.default_generator
            if "zeros" in st:  # a made-up state: zeros(n, dtype)
                g.set_state(torch.zeros(st["zeros"], dtype=DTYPES[st["dtype"]]))
            else:
                g.set_state(self.states[st["name"]])
            return None
        if op in ("rand", "randn"):
            t = getattr(torch, op)(*args, **kw)
        elif op == "randint":
            t = torch.randint(*args, **kw)
        elif op == "randperm":
            t = torch.randperm(*args, **kw)
        elif op in ("rand_like", "randn_like", "randint_like"):
            t = getattr(torch, op)(make_target(st["like"]), *args, **kw)
        elif op in ("uniform_", "normal_", "random_", "exponential_"):
            t = make_target(st["target"])
            if op == "random_" and st.get("to_none"):
                args = [args[0], None]
            r = getattr(t, op)(*args, **kw)
            assert r is t
        else:
            raise ValueError(op)
        res = {"tensor": encode_tensor(t), "requires_grad": t.requires_grad}
        if t.grad_fn is not None:
            res["grad_fn"] = type(t.grad_fn).__name__
        return res

    def case(self, name, steps):
        self.gens = {}
        self.states = {}
        for st in steps:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    res = self.run(st)
                except Exception as e:  # noqa: BLE001
                    if not st.get("expect_error"):
                        raise
                    st["error"] = {"type": type(e).__name__, "message": str(e)}
                    continue
            assert not st.get("expect_error"), f"{name}: expected an error at {st}"
            if res is not None:
                st["out"] = res
            ws = [str(w.message) for w in caught]
            if ws:
                st["warnings"] = ws
        return {"name": name, "steps": steps}


def seed(s):
    return {"op": "manual_seed", "seed": enc_int(s)}


def step(op, *args, **kw):
    d = {"op": op, "args": list(args)}
    if kw:
        d["kw"] = kw
    return d


def err(d):
    d["expect_error"] = True
    return d


def build():
    r = Runner()
    cases = []
    add = lambda name, steps: cases.append(r.case(name, steps))  # noqa: E731

    # --- the contract's reference values
    add("seed0_rand6", [seed(0), step("rand", 6)])
    add("seed0_randn2", [seed(0), step("randn", 2)])

    # --- rand / randn over seeds, sizes and dtypes; a follow-up draw checks what was consumed
    sizes = [[1], [2], [3], [5], [15], [16], [17], [33], [100], [2, 3], [4, 5]]
    for s in SEEDS:
        for dt in ("float32", "float64"):
            for size in sizes:
                for fn in ("rand", "randn"):
                    add(
                        f"{fn}_{dt}_seed{s}_{'x'.join(map(str, size))}",
                        [seed(s), step(fn, size, dtype=dt), step("randn", 1), step("rand", 2)],
                    )
    # a larger randn in both dtypes (16-block algorithm, with and without a remainder)
    for dt in ("float32", "float64"):
        add(f"randn_{dt}_1000", [seed(7), step("randn", [1000], dtype=dt), step("rand", 3)])
        add(f"randn_{dt}_1024", [seed(8), step("randn", [32, 32], dtype=dt), step("rand", 3)])

    # many seeds of the scalar Box–Muller and exponential paths (< 16 elements / serial)
    for s in range(1000, 1100):
        add(f"scalar_paths_seed{s}", [
            seed(s),
            step("randn", 15, dtype="float64"),
            step("randn", 15, dtype="float32"),
            {"op": "exponential_", "args": [], "target": {"shape": [15], "dtype": "float64"}},
            {"op": "exponential_", "args": [], "target": {"shape": [15], "dtype": "float32"}},
            {"op": "normal_", "args": [0.5, 3.0], "target": {"shape": [8, 4], "view": "t", "dtype": "float64"}},
        ])

    # --- randint: ranges incl. negative low, >= 2**32 (random64) and dtypes
    for s in SEEDS:
        add(f"randint_seed{s}", [
            seed(s),
            step("randint", 10, [20]),
            step("randint", -5, 5, [3, 4]),
            step("randint", 0, 2**32, [6]),
            step("randint", -(2**40), 2**40, [6]),
            step("randint", 3, 2**33 + 7, [5]),
            step("randint", 0, 2**52, [5]),
            step("randint", 0, 7, [5], dtype="int32"),
            step("randint", -3, 100, [5], dtype="float32"),
            step("randint", 0, 2, [5], dtype="bool"),
            step("randint", 0, 255, [5], dtype="uint8"),
            step("randint", -128, 127, [5], dtype="int8"),
            step("randint", 100, [5], dtype="float64"),
            step("rand", 2),
        ])

    # --- randperm
    for s in SEEDS:
        add(f"randperm_seed{s}", [
            seed(s),
            step("randperm", 0),
            step("randperm", 1),
            step("randperm", 2),
            step("randperm", 10),
            step("randperm", 100),
            step("randperm", 7, dtype="float32"),
            step("randperm", 7, dtype="int32"),
            step("randperm", 5, dtype="uint8"),
            step("rand", 2),
        ])

    # --- interleavings and the normal cache
    add("randn1_twice", [seed(0), step("randn", 1), step("randn", 1)])
    add("randn2", [seed(0), step("randn", 2)])
    add("randn3_then_randn3", [seed(3), step("randn", 3), step("randn", 3)])
    add("randn1_then_rand", [seed(5), step("randn", 1), step("rand", 3), step("randn", 1)])
    add("rand_then_randn", [seed(5), step("rand", 3), step("randn", 3), step("rand", 1)])
    add("randn1_f32_then_f64", [seed(9), step("randn", 1, dtype="float32"), step("randn", 1, dtype="float64")])
    add("randn_cache_survives_big", [seed(4), step("randn", 1), step("randn", 20), step("randn", 1)])
    add("manual_seed_clears_cache", [seed(4), step("randn", 1), seed(4), step("randn", 1)])
    add("randn_1_f64_cache", [seed(11), step("randn", [1], dtype="float64"), step("randn", [1], dtype="float64")])
    add("randn_0d", [seed(12), step("randn", []), step("rand", [])])
    add("rand_empty", [seed(12), step("rand", [0]), step("randn", [2, 0]), step("rand", 2)])

    # --- explicit generators
    add("generator_seeded", [
        seed(0),
        {"op": "generator", "name": "g", "seed": enc_int(1234)},
        step("rand", 3, generator="g"),
        step("rand", 3),
        step("randn", 2, generator="g"),
        step("randn", 17, generator="g"),
        step("randint", 0, 10, [4], generator="g"),
        step("randperm", 6, generator="g"),
        step("rand", 3, dtype="float64", generator="g"),
        {"op": "initial_seed", "generator": "g"},
        {"op": "initial_seed"},
    ])
    add("generator_default_seed", [
        {"op": "generator", "name": "g"},
        {"op": "initial_seed", "generator": "g"},
        step("rand", 4, generator="g"),
    ])
    add("generator_independent_cache", [
        seed(2),
        {"op": "generator", "name": "g", "seed": enc_int(2)},
        step("randn", 1),
        step("randn", 1, generator="g"),
        step("randn", 1, generator="g"),
        step("randn", 1),
    ])

    # --- initial_seed after manual_seed (incl. 64-bit and negative seeds)
    for s in SEEDS + [-1, -(2**63), 2**63, 2**64 - 1, 2**53 + 1]:
        add(f"initial_seed_{s}", [seed(s), {"op": "initial_seed"}, step("rand", 2)])

    # --- RNG state bytes (CPUGeneratorImplState) and restoring them
    add("rng_state", [
        seed(0),
        step("rand", 5),
        step("randn", 1),
        {"op": "get_rng_state", "name": "a"},
        step("randn", 1),
        step("rand", 700),
        {"op": "set_rng_state", "name": "a"},
        step("randn", 1),
        step("rand", 3),
        {"op": "get_rng_state", "name": "b"},
    ])
    add("rng_state_fresh", [seed(3), {"op": "get_rng_state", "name": "a"}])

    # --- in-place samplers, contiguous and not
    uni = [
        ("uniform_", []),
        ("uniform_", [-2.5, 3.7]),
        ("uniform_", [0.1, 0.3]),
        ("uniform_", [-1e3, 1e-3]),
        ("normal_", []),
        ("normal_", [0.3, 2.7]),
        ("normal_", [-1.5, 0.01]),
        ("exponential_", []),
        ("exponential_", [2.5]),
        ("random_", []),
        ("random_", [10]),
        ("random_", [-7, 9]),
        ("random_", [0, 2**40]),
    ]
    targets = [
        {"shape": [5]},
        {"shape": [3, 4]},
        {"shape": [4, 5], "view": "t"},
        {"shape": [3, 8], "view": "step"},
        {"shape": [5, 4], "view": "offset"},
        {"shape": [2, 3, 4], "view": "permute3"},
        {"shape": [300]},
        {"shape": [20, 10], "view": "t"},
        {"shape": [21]},
    ]
    for dt in ("float32", "float64"):
        for op, a in uni:
            for ti, tg in enumerate(targets):
                if op == "random_" and a == [0, 2**40] and dt == "float32":
                    continue  # warns (precision); covered below
                tgt = dict(tg, dtype=dt)
                add(f"{op}{a}_{dt}_t{ti}", [seed(21 + ti), {"op": op, "args": a, "target": tgt}, step("rand", 2), step("randn", 1)])
    for dt in ("int64", "int32", "int16", "int8", "uint8", "bool"):
        for a in ([], [2], [0, 100] if dt not in ("bool",) else [0, 2], [-5, 5] if dt not in ("uint8", "bool") else [3, 9] if dt != "bool" else [1, 2]):
            for tg in ({"shape": [7]}, {"shape": [3, 4], "view": "t"}):
                add(f"random_{a}_{dt}_{tg.get('view')}", [seed(3), {"op": "random_", "args": a, "target": dict(tg, dtype=dt)}, step("rand", 2)])
    add("random_int64_big", [
        seed(6),
        {"op": "random_", "args": [-(2**62), 2**62], "target": {"shape": [6], "dtype": "int64"}},
        {"op": "random_", "args": [5], "to_none": True, "target": {"shape": [6], "dtype": "int64"}},
        {"op": "random_", "args": [-(2**63)], "to_none": True, "target": {"shape": [6], "dtype": "int64"}},
        {"op": "random_", "args": [5], "to_none": True, "target": {"shape": [4], "dtype": "float32"}},
        {"op": "random_", "args": [5], "to_none": True, "target": {"shape": [4], "dtype": "float64"}},
        {"op": "random_", "args": [5], "to_none": True, "target": {"shape": [4], "dtype": "int32"}},
        step("rand", 2),
    ])
    add("random_float_warns", [
        seed(6),
        {"op": "random_", "args": [0, 2**40], "target": {"shape": [4], "dtype": "float32"}},
        {"op": "random_", "args": [0, 2**60], "target": {"shape": [4], "dtype": "float64"}},
        {"op": "random_", "args": [2**24 + 3, 2**26], "target": {"shape": [4], "dtype": "float32"}},
    ])
    add("normal_generator", [
        {"op": "generator", "name": "g", "seed": enc_int(99)},
        {"op": "normal_", "args": [1.0, 2.0], "kw": {"generator": "g"}, "target": {"shape": [3]}},
        {"op": "uniform_", "args": [-1.0, 1.0], "kw": {"generator": "g"}, "target": {"shape": [3], "dtype": "float64"}},
        {"op": "random_", "args": [0, 50], "kw": {"generator": "g"}, "target": {"shape": [3], "dtype": "int64"}},
        {"op": "exponential_", "args": [], "kw": {"generator": "g"}, "target": {"shape": [3]}},
    ])

    # --- *_like and factory keywords
    add("like", [
        seed(13),
        {"op": "rand_like", "like": {"shape": [2, 3]}},
        {"op": "randn_like", "like": {"shape": [4], "dtype": "float64"}},
        {"op": "randint_like", "args": [10], "like": {"shape": [5]}},
        {"op": "randint_like", "args": [-3, 3], "like": {"shape": [2, 2], "dtype": "int64"}},
        {"op": "rand_like", "like": {"shape": [3]}, "kw": {"dtype": "float64"}},
        {"op": "randn_like", "like": {"shape": [17], "dtype": "float64"}, "kw": {"requires_grad": True}},
        {"op": "rand_like", "like": {"shape": [4, 5], "view": "t"}},
    ])
    add("requires_grad_kw", [
        seed(14),
        step("rand", [2, 2], requires_grad=True),
        step("randn", [1, 10], requires_grad=True),
        step("randperm", 4, dtype="float32", requires_grad=True),
    ])

    # --- non-leaf in-place records a grad_fn
    # (not replayable here without ops; recorded by name only through `grad_fn` on results)

    # --- errors (text and class)
    add("errors", [
        err(step("rand", 2, dtype="int64")),
        err(step("rand", 2, dtype="int32")),
        err(step("randn", 2, dtype="int64")),
        err(step("randn", 2, dtype="bool")),
        err(step("randint", 5, 5, [2])),
        err(step("randint", 5, 2, [2])),
        err(step("randint", 0, [2])),
        err(step("randint", -5, [3])),
        err(step("randint", 5, [-1])),
        err(step("rand", -1)),
        err(step("randn", [2, -3])),
        err(step("randperm", -1)),
        err(step("randperm", 300, dtype="uint8")),
        err(step("randperm", 200, dtype="int8")),
        err(step("randperm", 40000, dtype="int16")),
        err(step("randperm", 3, dtype="bool")),
        err(step("randperm", 2**24 + 2, dtype="float32")),
        err(step("randint", 10, [2], requires_grad=True)),
        err(step("randperm", 3, requires_grad=True)),
        err({"op": "uniform_", "args": [2, 1], "target": {"shape": [2]}}),
        err({"op": "uniform_", "args": [0, "inf"], "target": {"shape": [2]}}),
        err({"op": "uniform_", "args": [-1e39, 0], "target": {"shape": [2]}}),
        err({"op": "uniform_", "args": [-3e38, 3e38], "target": {"shape": [2]}}),
        err({"op": "uniform_", "args": [-1.5e308, 1.5e308], "target": {"shape": [2], "dtype": "float64"}}),
        err({"op": "uniform_", "args": [], "target": {"shape": [2], "dtype": "int64"}}),
        err({"op": "uniform_", "args": [], "target": {"shape": [2], "requires_grad": True}}),
        err({"op": "uniform_", "args": [], "target": {"shape": [1, 3], "view": "expand"}}),
        err({"op": "normal_", "args": [0, -1], "target": {"shape": [2]}}),
        err({"op": "normal_", "args": [0, -0.5], "target": {"shape": [2]}}),
        err({"op": "normal_", "args": [], "target": {"shape": [2], "dtype": "int32"}}),
        err({"op": "normal_", "args": [], "target": {"shape": [2], "requires_grad": True}}),
        err({"op": "exponential_", "args": [-1], "target": {"shape": [2]}}),
        err({"op": "exponential_", "args": [], "target": {"shape": [2], "dtype": "int64"}}),
        err({"op": "random_", "args": [0, -3], "target": {"shape": [2]}}),
        err({"op": "random_", "args": [-3], "target": {"shape": [2]}}),
        err({"op": "random_", "args": [-3, 4], "target": {"shape": [2], "dtype": "uint8"}}),
        err({"op": "random_", "args": [0, 257], "target": {"shape": [2], "dtype": "uint8"}}),
        err({"op": "random_", "args": [0, 3], "target": {"shape": [2], "dtype": "bool"}}),
        err({"op": "random_", "args": [-200, 3], "target": {"shape": [2], "dtype": "int8"}}),
        err({"op": "random_", "args": [0, 40000], "target": {"shape": [2], "dtype": "int16"}}),
        err({"op": "random_", "args": [0, 2**40], "target": {"shape": [2], "dtype": "int32"}}),
        err({"op": "random_", "args": [-(2**40), 0], "target": {"shape": [2], "dtype": "int32"}}),
        err({"op": "random_", "args": [], "target": {"shape": [2], "requires_grad": True}}),
        err({"op": "random_", "args": [], "target": {"shape": [1, 3], "view": "expand", "dtype": "int64"}}),
        # the argument parser's texts
        err(step("rand", 2.5)),
        err(step("rand", [2.5])),
        err(step("rand", 2, 2.5)),
        err(step("randn", 2.5)),
        err(step("randn", [2, 2.5])),
        err(step("randint", 2.5, [2])),
        err(step("randint", 2, 2.5, [2])),
        err(step("randint", 0.5, 2, [2])),
        err(step("randint", 3, 5)),
        err(step("randint", 2, [2.5])),
        err(step("randint", 0, 3, [2.5])),
        err(step("randint", 0, 3, [2, 2.5])),
        err(step("randint", 3, [2, 2.5])),
        err(step("randint", 0, 3, 5)),
        err(step("randint", 5)),
        err(step("rand", 2.5, 3)),
        err(step("randn", [2, 3, 2.5])),
        err(step("randperm", 2.5)),
        err({"op": "random_", "args": [2.5], "target": {"shape": [2]}}),
        err({"op": "random_", "args": [1, 2.5], "target": {"shape": [2]}}),
        err({"op": "random_", "args": [1.5, 2], "target": {"shape": [2]}}),
        # generator states
        err({"op": "set_rng_state", "zeros": 10, "dtype": "uint8"}),
        err({"op": "set_rng_state", "zeros": 5056, "dtype": "float32"}),
        err({"op": "set_rng_state", "zeros": 5056, "dtype": "uint8"}),
        step("rand", 2),  # nothing above consumed random numbers
    ])
    for s in (2**64, -(2**63) - 1):
        add(f"manual_seed_overflow_{s}", [err(seed(s))])
    return cases


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    cases = build()
    write("random", {"torch_version": torch.__version__, "cases": cases})
    print(f"{len(cases)} cases")
