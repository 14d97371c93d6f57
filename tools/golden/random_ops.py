#!/usr/bin/env python3
"""Golden cases for the random ops of src/random/ops*.ts (bernoulli, bernoulli_, multinomial,
torch.normal's tensor and float forms, poisson), recorded from PyTorch 1.13.

Each case seeds a generator (the default one, or a fresh torch.Generator passed as
`generator=`), makes its inputs (explicit values, optionally a transposed view), calls the op and
records the result (values, dtype, shape, grad_fn), the gradients for a ones grad_output, or the
error; then it draws `rand(3)` and `randn(1)` from the same generator, so that the number of
values the op consumed and the cached Box-Muller sample it left are checked as well. Run:
    /usr/bin/python3 tools/golden/random_ops.py        (or: npm run golden)
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import decode, spec, spec_tensor, t0, t1  # noqa: E402
from common import DTYPES, NAN, encode_error, encode_grads, encode_tensor, write  # noqa: E402

SEEDS = [0, 1, 42, 2**32 + 5]


def probs(shape, seed, dtype="float32", scale=1.0):
    """Values in [0, scale) made with a private generator (not the one under test)."""
    g = torch.Generator().manual_seed(1000 + seed)
    return (torch.rand(shape, generator=g, dtype=torch.float64) * scale).to(DTYPES[dtype]).reshape(-1).tolist()


def T(shape, values=None, dtype="float32", rg=False, layout=None, seed=0, scale=1.0):
    return spec(shape, dtype, values if values is not None else probs(shape, seed, dtype, scale), rg, layout)


def make_input(s):
    x = spec_tensor(s)
    if s.get("layout") == "t":
        x = x.transpose(-1, -2).contiguous().transpose(-1, -2)
    else:
        x = x.clone()  # not a view of the flat tensor (in-place errors name views)
    if s["requires_grad"]:
        x.requires_grad_()
    return x


CASES = []


def case(name, op, inputs, args=(), kw=None, method=False, gen=False, seeds=SEEDS):
    for s in seeds:
        CASES.append({"name": f"{name}/seed{s}", "seed": s, "op": op, "method": method, "gen": gen,
                      "inputs": inputs, "args": list(args), "kw": kw or {}})


ONE = [0]

# ---- bernoulli -------------------------------------------------------------------------------
case("bernoulli", "bernoulli", [T([3, 4], seed=1)], [t0])
case("bernoulli_f64", "bernoulli", [T([5], seed=2, dtype="float64")], [t0])
case("bernoulli_big", "bernoulli", [T([40], seed=3)], [t0])
case("bernoulli_edges", "bernoulli", [T([6], values=[0.0, 1.0, 0.5, 1.0, 0.0, 0.999])], [t0])
case("bernoulli_T", "bernoulli", [T([3, 4], seed=4, layout="t")], [t0])
case("bernoulli__bcast_T", "bernoulli_", [T([4, 3], values=[0.0] * 12, layout="t"), T([3, 1], seed=4, dtype="float64")], [t1], method=True)
case("bernoulli__bcast_err", "bernoulli_", [T([3, 4], values=[0.0] * 12), T([3], seed=4)], [t1], method=True, seeds=ONE)
case("bernoulli_p", "bernoulli", [T([2, 3], seed=5)], [t0, 0.25])
case("bernoulli_p_kw", "bernoulli", [T([2, 3], seed=5, dtype="float64")], [t0], {"p": 0.75})
case("bernoulli_grad", "bernoulli", [T([2, 3], seed=6, rg=True)], [t0])
case("bernoulli_bad_p", "bernoulli", [T([3], values=[0.5, 1.5, 0.2])], [t0], seeds=ONE)
case("bernoulli_p_range", "bernoulli", [T([3], seed=7)], [t0, 1.5], seeds=ONE)
case("bernoulli_int_err", "bernoulli", [T([3], values=[0, 1, 1], dtype="int64")], [t0], seeds=ONE)
case("bernoulli_gen", "bernoulli", [T([2, 3], seed=8)], [t0], gen=True)
case("bernoulli_method", "bernoulli", [T([2, 3], seed=9)], [], method=True)
case("bernoulli__float", "bernoulli_", [T([3, 4], values=[0.0] * 12)], [0.3], method=True)
case("bernoulli__float_default", "bernoulli_", [T([5], values=[0.0] * 5, dtype="float64")], [], method=True)
case("bernoulli__tensor", "bernoulli_", [T([3, 4], values=[0.0] * 12), T([4], seed=10)], [t1], method=True)
case("bernoulli__tensor_f64", "bernoulli_", [T([2, 3], values=[0.0] * 6), T([2, 3], seed=11, dtype="float64")], [t1], method=True)
case("bernoulli__int", "bernoulli_", [T([6], values=[0] * 6, dtype="int64")], [0.5], method=True)
case("bernoulli__bool", "bernoulli_", [T([6], values=[False] * 6, dtype="bool")], [0.5], method=True)
case("bernoulli__int_tensor_p", "bernoulli_", [T([2, 3], values=[0] * 6, dtype="int64"), T([3], seed=12)], [t1], method=True)
case("bernoulli__f64_self_f32_p", "bernoulli_", [T([5], values=[0.0] * 5, dtype="float64"), T([5], seed=13)], [t1], method=True)
case("bernoulli__T", "bernoulli_", [T([3, 4], values=[0.0] * 12, layout="t")], [0.6], method=True)
case("bernoulli__range", "bernoulli_", [T([3], values=[0.0] * 3)], [-0.5], method=True, seeds=ONE)
case("bernoulli__gen", "bernoulli_", [T([4], values=[0.0] * 4)], [0.5], method=True, gen=True)
case("bernoulli__leaf_err", "bernoulli_", [T([3], values=[0.0] * 3, rg=True)], [0.5], method=True, seeds=ONE)
# ---- multinomial -----------------------------------------------------------------------------
case("multinomial_norep", "multinomial", [T([5], seed=12)], [t0, 3])
case("multinomial_norep_one", "multinomial", [T([5], seed=13)], [t0, 1])
case("multinomial_norep_all", "multinomial", [T([6], seed=14)], [t0, 6])
case("multinomial_norep_2d", "multinomial", [T([3, 4], seed=15)], [t0, 2])
case("multinomial_norep_zeros", "multinomial", [T([6], values=[0.5, 0.0, 0.0, 0.25, 0.0, 0.0])], [t0, 5])
case("multinomial_norep_f64", "multinomial", [T([7], seed=16, dtype="float64")], [t0, 4])
case("multinomial_norep_big", "multinomial", [T([200], seed=17)], [t0, 3])
case("multinomial_rep", "multinomial", [T([5], seed=18)], [t0, 10, True])
case("multinomial_rep_kw", "multinomial", [T([3, 4], seed=19, scale=5.0)], [t0, 6], {"replacement": True})
case("multinomial_rep_f64", "multinomial", [T([4], seed=20, dtype="float64")], [t0, 7, True])
case("multinomial_rep_zeros", "multinomial", [T([4], values=[0.0, 2.0, 0.0, 1.0])], [t0, 8, True])
case("multinomial_T", "multinomial", [T([3, 4], seed=21, layout="t")], [t0, 3, True])
case("multinomial_T_norep", "multinomial", [T([3, 4], seed=21, layout="t")], [t0, 3])
case("multinomial_T_norep_one", "multinomial", [T([4, 3], seed=22, layout="t")], [t0, 1])
case("multinomial_method", "multinomial", [T([5], seed=22)], [2], method=True)
case("multinomial_gen", "multinomial", [T([5], seed=23)], [t0, 4, True], gen=True)
case("multinomial_grad", "multinomial", [T([5], seed=24, rg=True)], [t0, 2])
case("multinomial_err_sum", "multinomial", [T([3], values=[0.0, 0.0, 0.0])], [t0, 2], seeds=ONE)
case("multinomial_err_sum_rep", "multinomial", [T([3], values=[0.0, 0.0, 0.0])], [t0, 2, True], seeds=ONE)
case("multinomial_err_neg", "multinomial", [T([3], values=[0.5, -0.1, 0.2])], [t0, 2], seeds=ONE)
case("multinomial_err_neg_rep", "multinomial", [T([3], values=[0.5, -0.1, 0.2])], [t0, 2, True], seeds=ONE)
case("multinomial_err_inf_rep", "multinomial", [T([3], values=[0.5, float("inf"), 0.2])], [t0, 2, True], seeds=ONE)
case("multinomial_err_nan", "multinomial", [T([3], values=[0.5, NAN, 0.2])], [t0, 2], seeds=ONE)
case("multinomial_err_n", "multinomial", [T([3], seed=25)], [t0, 4], seeds=ONE)
case("multinomial_err_n0", "multinomial", [T([3], seed=26)], [t0, 0], seeds=ONE)
case("multinomial_err_dim", "multinomial", [T([], values=[0.5])], [t0, 1], seeds=ONE)
case("multinomial_err_3d", "multinomial", [T([2, 2, 2], seed=27)], [t0, 1], seeds=ONE)
case("multinomial_err_int", "multinomial", [T([3], values=[1, 2, 3], dtype="int64")], [t0, 1], seeds=ONE)
# ---- normal ----------------------------------------------------------------------------------
case("normal_mean", "normal", [T([3, 4], seed=28, scale=4.0)], [t0])
case("normal_mean_std", "normal", [T([3, 4], seed=29, scale=4.0)], [t0, 2.5])
case("normal_mean_big", "normal", [T([20], seed=30, scale=4.0)], [t0, 0.5])
case("normal_mean_f64", "normal", [T([5], seed=31, dtype="float64")], [t0, 3.0])
case("normal_mean_f64_big", "normal", [T([2, 10], seed=32, dtype="float64")], [t0, 1.5])
case("normal_mean_T", "normal", [T([3, 4], seed=33, layout="t")], [t0, 1.0])
case("normal_mean_kw", "normal", [T([2, 3], seed=34)], [], {"mean": t0, "std": 0.25})
case("normal_std", "normal", [T([2, 3], seed=35, scale=2.0)], [1.5, t0])
case("normal_std_big", "normal", [T([17], seed=36, scale=2.0)], [-1.0, t0])
case("normal_std_f64", "normal", [T([4], seed=37, dtype="float64")], [0.5, t0])
case("normal_tt", "normal", [T([2, 3], seed=38), T([2, 3], seed=39)], [t0, t1])
case("normal_tt_bcast", "normal", [T([3], seed=40), T([2, 1], seed=41)], [t0, t1])
case("normal_tt_big", "normal", [T([4, 5], seed=42), T([5], seed=43)], [t0, t1])
case("normal_tt_err", "normal", [T([3], seed=44), T([2], seed=45)], [t0, t1], seeds=ONE)
case("normal_tt_f64", "normal", [T([3], seed=44, dtype="float64"), T([3], seed=45, dtype="float64")], [t0, t1])
case("normal_size", "normal", [], [0.0, 1.0, [2, 3]])
case("normal_size_big", "normal", [], [2.0, 3.0, [20]])
case("normal_size_kw", "normal", [], [1.0, 2.0], {"size": [4], "dtype": {"dtype": "float64"}})
case("normal_size_rg", "normal", [], [1.0, 2.0, [3]], {"requires_grad": True})
case("normal_grad_mean", "normal", [T([2, 3], seed=46, rg=True)], [t0, 2.0])
case("normal_grad_std", "normal", [T([2, 3], seed=47, rg=True)], [1.0, t0])
case("normal_grad_tt", "normal", [T([3], seed=48, rg=True), T([2, 3], seed=49, rg=True)], [t0, t1])
case("normal_gen", "normal", [T([2, 3], seed=50)], [t0, 1.0], gen=True)
case("normal_gen_size", "normal", [], [0.0, 1.0, [5]], gen=True)
case("normal_err_int_mean", "normal", [T([3], values=[0, 1, 2], dtype="int64")], [t0, 1.0], seeds=ONE)
case("normal_tt_mixed", "normal", [T([3], seed=57, dtype="float64"), T([3], seed=58)], [t0, t1])
case("normal_err_std", "normal", [T([3], seed=51)], [t0, -1.0], seeds=ONE)
case("normal_err_std_t", "normal", [T([3], values=[0.5, -0.5, 1.0])], [0.0, t0], seeds=ONE)
case("normal_err_size_std", "normal", [], [0.0, -2.0, [3]], seeds=ONE)
# ---- poisson ---------------------------------------------------------------------------------
case("poisson", "poisson", [T([3, 4], seed=52, scale=8.0)], [t0])
case("poisson_big", "poisson", [T([6], values=[10.0, 15.0, 50.0, 100.0, 12.5, 1000.0])], [t0])
case("poisson_mixed", "poisson", [T([8], values=[0.0, 0.5, 9.99, 10.0, 3.0, 0.0, 25.0, 1e-3])], [t0])
case("poisson_f64", "poisson", [T([2, 3], seed=53, dtype="float64", scale=30.0)], [t0])
case("poisson_T", "poisson", [T([3, 4], seed=54, scale=5.0, layout="t")], [t0])
case("poisson_grad", "poisson", [T([4], seed=55, scale=5.0, rg=True)], [t0])
case("poisson_gen", "poisson", [T([4], seed=56, scale=20.0)], [t0], {"generator": "gen"}, gen=True)
case("poisson_int", "poisson", [T([3], values=[1, 2, 3], dtype="int64")], [t0], seeds=ONE)
case("poisson_huge", "poisson", [T([5], values=[1e4, 2.5e5, 33.3, 777.7, 10.0], dtype="float64")], [t0])
case("poisson_err", "poisson", [T([3], values=[1.0, -1.0, 2.0])], [t0], seeds=ONE)


def run_case(c):
    g = torch.Generator().manual_seed(c["seed"]) if c["gen"] else torch.default_generator
    torch.manual_seed(c["seed"])
    inputs = [make_input(s) for s in c["inputs"]]
    args = [decode(a, inputs) for a in c["args"]]
    kw = {k: decode(v, inputs) for k, v in c["kw"].items() if k != "generator"}
    if c["gen"]:
        kw["generator"] = g
    rec = dict(c)
    try:
        if c["method"]:
            res = getattr(inputs[0], c["op"])(*args, **kw)
        else:
            res = getattr(torch, c["op"])(*args, **kw)
    except Exception as e:  # noqa: BLE001 - the error is the expected outcome
        rec["error"] = encode_error(e)
        return rec
    rec["output"] = encode_tensor(res)
    rec["grad_fn"] = None if res.grad_fn is None else type(res.grad_fn).__name__
    rec["requires_grad"] = res.requires_grad
    wrt = [i for i, x in enumerate(inputs) if x.requires_grad]
    if res.requires_grad and wrt and not c["method"]:
        grads = torch.autograd.grad([res], [inputs[i] for i in wrt], [torch.ones_like(res)], allow_unused=True)
        rec["grads"] = encode_grads(wrt, grads)
    rec["after_rand"] = encode_tensor(torch.rand(3, generator=g))
    rec["after_randn"] = encode_tensor(torch.randn(1, generator=g))
    return rec


if __name__ == "__main__":
    write("random_ops", {"cases": [run_case(c) for c in CASES]})
