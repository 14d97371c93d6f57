#!/usr/bin/env python3
"""Golden cases for src/ops/stats_extra*.ts (quantile, nanquantile, cov, corrcoef, dist, renorm,
addbmm, addr, matrix_power, chain_matmul, linalg.multi_dot, trapezoid/trapz,
cumulative_trapezoid, vander, and the in-place addbmm_/addr_/renorm_), recorded from PyTorch 1.13.

Each case names a call (`torch.<op>`, `torch.linalg.<op>` as "linalg.<op>", or `x.<op>(...)`),
its tensor inputs, positional args and keyword args (one trailing options object on the TS side,
porting rule 2). Recorded: every output (values, dtype, shape), its grad_fn graph down to the
leaves (so that ops PyTorch composes from others show the same chain), the gradients w.r.t. each
input that requires grad for a fixed grad_output, or the error. Cases with "clone" in an input
spec run an in-place method on a clone of the leaf.
Run:  /usr/bin/python3 tools/golden/ops_stats_linalg_extra.py   (or: npm run golden)
"""
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import T, as_outputs, case_table, grad_output, inf, make_leaf, record_call, t0, t1, t2  # noqa: E402
from common import NAN, encode_error, encode_grads, encode_tensor, write  # noqa: E402

CASES, case = case_table()
D = "float64"

# ---- addbmm / addr ---------------------------------------------------------------------------
case("addbmm", "addbmm", [T([2, 4], 1, D), T([3, 2, 3], 2, D), T([3, 3, 4], 3, D)], [t0, t1, t2])
case("addbmm_kw_bcast", "addbmm", [T([4], 4, D), T([2, 2, 3], 5, D), T([2, 3, 4], 6, D)], [t0, t1, t2], {"beta": 0.5, "alpha": -2})
case("addbmm_f32_method", "addbmm", [T([2, 2], 7), T([3, 2, 3], 8), T([3, 3, 2], 9)], [t1, t2], method=True)
case("addbmm_inplace", "addbmm_", [T([2, 2], 10, D, clone=True), T([2, 2, 3], 11, D), T([2, 3, 2], 12, D)], [t1, t2], {"alpha": 3}, method=True)
case("addbmm_2d_err", "addbmm", [T([2, 2], 13, D), T([2, 3], 14, D), T([3, 2], 15, D)], [t0, t1, t2])
case("addbmm_2d_first_err", "addbmm", [T([2, 2], 13, D), T([2, 3], 14, D), T([2, 3, 2], 15, D)], [t0, t1, t2])
case("addbmm_4d_err", "addbmm", [T([2, 2], 13, D), T([2, 2, 3, 1], 14, D), T([2, 3, 2], 15, D)], [t0, t1, t2])
case("addbmm_batch_err", "addbmm", [T([2, 2], 13, D), T([3, 2, 3], 14, D), T([2, 3, 2], 15, D)], [t0, t1, t2])
case("addbmm_inner_err", "addbmm", [T([2, 2], 13, D), T([2, 2, 3], 14, D), T([2, 4, 2], 15, D)], [t0, t1, t2])
case("addbmm_self_err", "addbmm", [T([3, 2], 13, D), T([2, 2, 3], 14, D), T([2, 3, 2], 15, D)], [t0, t1, t2])
case("addr_self_err", "addr", [T([3, 2], 13, D), T([2], 14, D), T([2], 15, D)], [t0, t1, t2])
case("dist_shape_err", "dist", [T([3, 2], 13, D), T([2, 3], 14, D)], [t0, t1])
case("dist_p0_self_only", "dist", [T([3], 13, D), T([3], 14, D, rg=False)], [t0, t1, 0])
case("addr", "addr", [T([3, 4], 16, D), T([3], 17, D), T([4], 18, D)], [t0, t1, t2])
case("addr_kw_bcast", "addr", [T([1, 4], 19, D), T([2], 20, D), T([4], 21, D)], [t0, t1, t2], {"beta": 2, "alpha": 0.5})
case("addr_f32_method", "addr", [T([2, 3], 22), T([2], 23), T([3], 24)], [t1, t2], method=True)
case("addr_inplace", "addr_", [T([2, 3], 25, D, clone=True), T([2], 26, D), T([3], 27, D)], [t1, t2], {"beta": -1}, method=True)
case("addr_2d_err", "addr", [T([2, 3], 28, D), T([2, 1], 29, D), T([3], 30, D)], [t0, t1, t2])
# ---- dist / renorm ---------------------------------------------------------------------------
case("dist", "dist", [T([3, 4], 31, D), T([3, 4], 32, D)], [t0, t1])
case("dist_p3_bcast", "dist", [T([3, 4], 33, D), T([4], 34, D)], [t0, t1, 3])
case("dist_p1", "dist", [T([5], 35, D), T([5], 36, D)], [t0, t1], {"p": 1})
case("dist_pinf", "dist", [T([2, 3], 37, D), T([2, 3], 38, D)], [t0, t1, inf])
case("dist_p0", "dist", [T([4], values=[1.0, 2.0, 3.0, 4.0], dtype=D), T([4], values=[1.0, 0.0, 3.0, 0.0], dtype=D)], [t0, t1, 0])
case("dist_p_half", "dist", [T([4], 39, D), T([4], 40, D)], [t0, t1, 0.5])
case("dist_f32_method", "dist", [T([2, 3], 41), T([2, 3], 42)], [t1], method=True)
case("renorm", "renorm", [T([3, 4], 43, D)], [t0, 2, 0, 1.0])
case("renorm_dim1_p1", "renorm", [T([2, 3, 2], 44, D)], [t0, 1, 1, 1.5])
case("renorm_f32_method", "renorm", [T([3, 3], 45)], [3, -1, 0.8], method=True)
case("renorm_inplace", "renorm_", [T([3, 4], 46, D, clone=True)], [2, 1, 1.2], method=True)
case("renorm_1d_err", "renorm", [T([3], 47, D)], [t0, 2, 0, 1.0])
case("renorm_p_err", "renorm", [T([3, 3], 48, D)], [t0, 0, 0, 1.0])
# ---- cov / corrcoef --------------------------------------------------------------------------
case("cov", "cov", [T([3, 5], 49, D)], [t0])
case("cov_1d", "cov", [T([6], 50, D)], [t0])
case("cov_correction0", "cov", [T([2, 4], 51, D)], [t0], {"correction": 0})
case("cov_fweights", "cov", [T([2, 4], 52, D), T([4], dtype="int64", values=[1, 2, 1, 3], rg=False)], [t0], {"fweights": t1})
case("cov_aweights", "cov", [T([3, 4], 53, D), T([4], dtype=D, values=[0.5, 1.0, 2.0, 0.25], rg=False)], [t0], {"aweights": t1})
case("cov_both", "cov", [T([2, 4], 54, D), T([4], dtype="int64", values=[2, 1, 1, 3], rg=False), T([4], dtype=D, values=[0.5, 1.5, 1.0, 0.75], rg=False)], [t0], {"fweights": t1, "aweights": t2, "correction": 2})
case("cov_f32_method", "cov", [T([2, 3], 55)], [], method=True)
case("cov_3d_err", "cov", [T([2, 2, 2], 56, D)], [t0])
case("cov_fweights_float_err", "cov", [T([2, 3], 57, D), T([3], dtype=D, values=[1.0, 1.0, 1.0], rg=False)], [t0], {"fweights": t1})
case("cov_aweights_numel_err", "cov", [T([2, 3], 58, D), T([2], dtype=D, values=[1.0, 1.0], rg=False)], [t0], {"aweights": t1})
case("corrcoef", "corrcoef", [T([3, 5], 59, D)], [t0])
case("corrcoef_1d", "corrcoef", [T([4], 60, D)], [t0])
case("corrcoef_f32_method", "corrcoef", [T([2, 4], 61)], [], method=True)
# ---- matrix_power / chain_matmul / multi_dot -------------------------------------------------
case("matrix_power_0", "matrix_power", [T([3, 3], 62, D)], [t0, 0])
case("matrix_power_1", "matrix_power", [T([3, 3], 63, D)], [t0, 1])
case("matrix_power_3", "matrix_power", [T([3, 3], 64, D)], [t0, 3])
case("matrix_power_6_batched", "matrix_power", [T([2, 2, 2], 65, D)], [t0, 6])
case("matrix_power_neg2", "matrix_power", [T([3, 3], 66, D)], [t0, -2])
case("matrix_power_neg1", "linalg.matrix_power", [T([2, 2], 67, D)], [t0, -1])
case("matrix_power_5_f32_method", "matrix_power", [T([2, 2], 68)], [5], method=True)
case("linalg_matrix_power_7", "linalg.matrix_power", [T([2, 2], 69, D)], [t0, 7])
case("matrix_power_nonsquare_err", "matrix_power", [T([2, 3], 70, D)], [t0, 2])
case("chain_matmul", "chain_matmul", [T([2, 3], 71, D), T([3, 4], 72, D), T([4, 2], 73, D)], [t0, t1, t2])
case("chain_matmul_one", "chain_matmul", [T([2, 3], 74, D)], [t0])
case("multi_dot_2", "linalg.multi_dot", [T([2, 3], 75, D), T([3, 2], 76, D)], [{"tl": [0, 1]}])
case("multi_dot_vec", "linalg.multi_dot", [T([3], 77, D), T([3, 4], 78, D), T([4], 79, D)], [{"tl": [0, 1, 2]}])
case("multi_dot_4", "linalg.multi_dot", [T([5, 2], 80, D), T([2, 6], 81, D), T([6, 1], 82, D), T([1, 4], 83, D)], [{"tl": [0, 1, 2, 3]}])
case("multi_dot_3_right", "linalg.multi_dot", [T([4, 5], 84, D), T([5, 4], 85, D), T([4, 1], 86, D)], [{"tl": [0, 1, 2]}])
case("multi_dot_one_err", "linalg.multi_dot", [T([2, 2], 87, D)], [{"tl": [0]}])
case("multi_dot_3d_err", "linalg.multi_dot", [T([2, 2], 88, D), T([2, 2, 2], 89, D), T([2, 2], 90, D)], [{"tl": [0, 1, 2]}])
# ---- trapezoid / trapz / cumulative_trapezoid -------------------------------------------------
case("trapezoid", "trapezoid", [T([3, 4], 91, D)], [t0])
case("trapezoid_dx_dim", "trapezoid", [T([3, 4], 92, D)], [t0], {"dx": 0.5, "dim": 0})
case("trapezoid_x1d", "trapezoid", [T([3, 4], 93, D), T([4], 94, D)], [t0, t1])
case("trapezoid_x_full", "trapezoid", [T([3, 4], 95, D), T([3, 4], 96, D)], [t0, t1], {"dim": 0})
case("trapezoid_int", "trapezoid", [T([5], 97, "int64")], [t0])
case("trapezoid_int_dx2", "trapezoid", [T([5], 98, "int64")], [t0], {"dx": 2})
case("trapezoid_f32", "trapezoid", [T([2, 5], 99)], [t0])
case("trapezoid_x_err", "trapezoid", [T([3, 4], 100, D), T([3], 101, D)], [t0, t1])
case("trapz", "trapz", [T([2, 3], 102, D), T([3], 103, D)], [t0, t1])
case("trapz_dx", "trapz", [T([2, 3], 104, D)], [t0], {"dx": 1.5})
case("cumulative_trapezoid", "cumulative_trapezoid", [T([3, 4], 105, D)], [t0])
case("cumulative_trapezoid_dx", "cumulative_trapezoid", [T([3, 4], 106, D)], [t0], {"dx": 2, "dim": 0})
case("cumulative_trapezoid_x", "cumulative_trapezoid", [T([3, 4], 107, D), T([4], 108, D)], [t0, t1])
case("cumulative_trapezoid_int_dx2", "cumulative_trapezoid", [T([4], 109, "int64")], [t0], {"dx": 2})
# ---- vander ----------------------------------------------------------------------------------
case("vander", "vander", [T([4], 110, D)], [t0])
case("vander_N", "vander", [T([3], 111, D)], [t0, 5])
case("vander_increasing", "vander", [T([3], 112, D)], [t0], {"N": 4, "increasing": True})
case("vander_int", "vander", [T([3], 113, "int32")], [t0])
case("vander_N1", "vander", [T([3], 114, D)], [t0, 1])
case("vander_2d_err", "vander", [T([2, 2], 115, D)], [t0])
# ---- quantile / nanquantile ------------------------------------------------------------------
QN = [1.0, NAN, 3.0, -2.0, 0.5, 4.0, NAN, 2.0, NAN, NAN, NAN, NAN]
case("quantile", "quantile", [T([3, 4], 116, D)], [t0, 0.3])
case("quantile_dim", "quantile", [T([3, 4], 117, D)], [t0, 0.3], {"dim": 1})
case("quantile_dim0_keepdim", "quantile", [T([3, 4], 118, D)], [t0, 0.75, 0, True])
case("quantile_keepdim_nodim", "quantile", [T([2, 3], 119, D)], [t0, 0.5], {"keepdim": True})
case("quantile_qt", "quantile", [T([3, 4], 120, D), T([3], dtype=D, values=[0.1, 0.5, 0.9], rg=False)], [t0, t1], {"dim": 1})
case("quantile_qt_nodim", "quantile", [T([5], 121, D), T([2], dtype=D, values=[0.25, 1.0], rg=False)], [t0, t1])
case("quantile_lower", "quantile", [T([3, 4], 122, D), T([2], dtype=D, values=[0.3, 0.6], rg=False)], [t0, t1], {"dim": 1, "interpolation": "lower"})
case("quantile_higher", "quantile", [T([3, 4], 123, D)], [t0, 0.3], {"dim": 0, "interpolation": "higher"})
case("quantile_midpoint", "quantile", [T([3, 4], 124, D)], [t0, 0.4], {"dim": 1, "interpolation": "midpoint"})
case("quantile_nearest", "quantile", [T([2, 5], 125, D), T([3], dtype=D, values=[0.125, 0.375, 0.625], rg=False)], [t0, t1], {"dim": 1, "interpolation": "nearest"})
case("quantile_3d_dim1", "quantile", [T([2, 3, 2], 126, D)], [t0, 0.6], {"dim": 1})
case("quantile_f32_method", "quantile", [T([2, 4], 127)], [0.25], {"dim": -1}, method=True)
case("quantile_nan", "quantile", [T([3, 4], dtype=D, values=QN)], [t0, 0.5], {"dim": 1})
case("nanquantile", "nanquantile", [T([3, 4], dtype=D, values=QN)], [t0, 0.5], {"dim": 1})
case("nanquantile_qt", "nanquantile", [T([3, 4], dtype=D, values=QN), T([2], dtype=D, values=[0.2, 0.8], rg=False)], [t0, t1], {"dim": 1, "interpolation": "linear"})
case("nanquantile_all", "nanquantile", [T([3, 4], dtype=D, values=QN)], [t0, 0.4])
case("nanquantile_method", "nanquantile", [T([3, 4], dtype=D, values=QN)], [0.9], {"dim": 1, "interpolation": "higher"}, method=True)
case("quantile_q_range_err", "quantile", [T([3], 128, D)], [t0, 1.5])
case("quantile_qt_range_err", "quantile", [T([3], 129, D), T([1], dtype=D, values=[-0.5], rg=False)], [t0, t1])
case("quantile_interp_err", "quantile", [T([3], 130, D)], [t0, 0.5], {"interpolation": "cubic"})
case("quantile_int_err", "quantile", [T([3], 131, "int64")], [t0, 0.5])
case("quantile_dtype_err", "quantile", [T([3], 132, D), T([1], values=[0.5], rg=False)], [t0, t1])
case("quantile_empty_err", "quantile", [T([0], 133, D)], [t0, 0.5])


def graph(fn, inputs, depth=0):
    """The grad_fn graph: names down to AccumulateGrad (which names its input's position)."""
    if fn is None:
        return None
    g = {"name": type(fn).__name__}
    if g["name"] == "AccumulateGrad":
        g["input"] = next((i for i, x in enumerate(inputs) if x is fn.variable or x._base is fn.variable), -1)
        return g
    if depth < 10:
        g["next"] = [graph(n, inputs, depth + 1) for n, _ in fn.next_functions]
    return g


def run_case(c):
    leaves = []
    inputs = []
    for s in c["inputs"]:
        leaf, x = make_leaf(s)
        leaves.append(leaf)
        inputs.append(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rec, res = record_call(c, inputs)
    if "error" in rec:
        return rec
    outs = as_outputs(rec, res)
    rec["outputs"] = [{"tensor": encode_tensor(o), "grad_fn": graph(o.grad_fn, leaves)} for o in outs]
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(leaves) if x.requires_grad]
    if diff_outs and wrt:
        gos = [grad_output(o.shape, o.dtype) for o in diff_outs]
        try:
            grads = torch.autograd.grad(diff_outs, [leaves[i] for i in wrt], gos, allow_unused=True)
            rec["grads"] = encode_grads(wrt, grads)
        except RuntimeError as e:  # dist with p=0: the backward negates an undefined gradient
            rec["grad_error"] = encode_error(e)
    return rec


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    write("ops_stats_linalg_extra", {"torch_version": torch.__version__, "cases": [run_case(c) for c in CASES]})
