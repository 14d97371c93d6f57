#!/usr/bin/env python3
"""Golden cases for src/ops/stats_extra*.ts (quantile, nanquantile, cov, corrcoef, dist, renorm,
addbmm, addr, matrix_power, chain_matmul, linalg.multi_dot, trapezoid/trapz,
cumulative_trapezoid, vander, cdist, and the in-place addbmm_/addr_/renorm_) and src/linalg/extra.ts
(torch.linalg.inv_ex, cholesky_ex, pinv, matrix_rank, cond, solve_triangular, lstsq;
torch.pinverse, triangular_solve, cholesky_solve, cholesky_inverse), recorded from PyTorch 1.13.

Each case names a call (`torch.<op>`, `torch.linalg.<op>` as "linalg.<op>", or `x.<op>(...)`),
its tensor inputs, positional args and keyword args (one trailing options object on the TS side,
porting rule 2). Recorded: every output (values, dtype, shape), its grad_fn graph down to the
leaves (so that ops PyTorch composes from others show the same chain), the gradients w.r.t. each
input that requires grad for a fixed grad_output, or the error. Cases with "clone" in an input
spec run an in-place method on a clone of the leaf. "skip_values" lists outputs whose values LAPACK
leaves unspecified (a singular matrix's inverse, a failed Cholesky factor): only their dtype, shape
and grad_fn are compared, and no gradients are taken.
Run:  /usr/bin/python3 tools/golden/ops_stats_linalg_extra.py   (or: npm run golden)
"""
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import T, as_outputs, case_table, grad_output, graph, inf, make_leaf, record_call, t0, t1, t2  # noqa: E402
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

# ---- torch.linalg extras ---------------------------------------------------------------------


def spd(n, seed, batch=()):
    """A symmetric positive-definite matrix (batch): X Xᵀ + n·I, as values."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*batch, n, n, generator=g, dtype=torch.float64)
    return (x @ x.mT + n * torch.eye(n, dtype=torch.float64)).reshape(-1).tolist()


def chol(n, seed, batch=(), upper=False):
    L = torch.linalg.cholesky(torch.tensor(spd(n, seed, batch), dtype=torch.float64).reshape(*batch, n, n), upper=upper)
    return L.reshape(-1).tolist()


def tri(n, seed, upper, batch=(), dtype=D):
    """A well-conditioned triangular matrix (values outside the triangle left in, as solvers ignore them)."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*batch, n, n, generator=g, dtype=torch.float64) + 3 * torch.eye(n, dtype=torch.float64)
    return T(list(batch) + [n, n], dtype=dtype, values=x.reshape(-1).tolist())


SING = [1.0, 2.0, 2.0, 4.0]
case("inv_ex", "linalg.inv_ex", [T([3, 3], 140, D, values=spd(3, 1))], [t0])
case("inv_ex_batched_f32", "linalg.inv_ex", [T([2, 2, 2], 141, values=spd(2, 2, (2,)))], [t0])
case("inv_ex_singular", "linalg.inv_ex", [T([2, 2, 2], dtype=D, values=SING + [2.0, 1.0, 1.0, 3.0])], [t0])
CASES[-1]["skip_values"] = [0]  # what LAPACK leaves in a singular matrix's inverse is not specified
case("inv_ex_check_err", "linalg.inv_ex", [T([2, 2], dtype=D, values=SING)], [t0], {"check_errors": True})
case("inv_ex_nonsquare_err", "linalg.inv_ex", [T([2, 3], 142, D)], [t0])
case("cholesky_ex", "linalg.cholesky_ex", [T([3, 3], dtype=D, values=spd(3, 3))], [t0])
case("cholesky_ex_upper_batched", "linalg.cholesky_ex", [T([2, 3, 3], dtype=D, values=spd(3, 4, (2,)))], [t0], {"upper": True})
case("cholesky_ex_not_pd", "linalg.cholesky_ex", [T([2, 2], dtype=D, values=[1.0, 2.0, 2.0, 1.0])], [t0])
CASES[-1]["skip_values"] = [0]  # LAPACK's partial factor past the failing minor is not specified
case("cholesky_ex_check_err", "linalg.cholesky_ex", [T([2, 2], dtype=D, values=[1.0, 2.0, 2.0, 1.0])], [t0], {"check_errors": True})
case("pinv", "linalg.pinv", [T([3, 4], 143, D)], [t0])
case("pinv_tall", "linalg.pinv", [T([4, 2], 144, D)], [t0])
case("pinv_batched_f32", "linalg.pinv", [T([2, 2, 3], 145)], [t0])
case("pinv_rank_deficient", "linalg.pinv", [T([3, 3], dtype=D, values=[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0], rg=False)], [t0])
case("pinv_rtol", "linalg.pinv", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01], rg=False)], [t0], {"rtol": 0.1})
case("pinv_atol", "linalg.pinv", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01], rg=False)], [t0], {"atol": 0.5})
case("pinv_rcond", "linalg.pinv", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01], rg=False)], [t0, 0.2])
case("pinv_hermitian", "linalg.pinv", [T([3, 3], dtype=D, values=spd(3, 5), rg=False)], [t0], {"hermitian": True})
case("pinverse", "pinverse", [T([3, 2], 149, D)], [t0])
case("pinverse_rcond_method", "pinverse", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01])], [0.1], method=True)
case("pinv_int_err", "linalg.pinv", [T([2, 2], 146, "int64")], [t0])
case("matrix_rank", "linalg.matrix_rank", [T([3, 4], 147, D)], [t0])
case("matrix_rank_deficient", "linalg.matrix_rank", [T([3, 3], dtype=D, values=[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0])], [t0])
case("matrix_rank_tol", "linalg.matrix_rank", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01])], [t0, 0.05])
case("matrix_rank_rtol", "linalg.matrix_rank", [T([3, 3], dtype=D, values=[3.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.01])], [t0], {"rtol": 0.5})
case("matrix_rank_atol_hermitian", "linalg.matrix_rank", [T([2, 3, 3], dtype=D, values=spd(3, 6, (2,)))], [t0], {"atol": 4.0, "hermitian": True})
case("matrix_rank_f32", "linalg.matrix_rank", [T([2, 3], 148)], [t0])
case("cond", "linalg.cond", [T([3, 3], 149, D)], [t0])
case("cond_m2", "linalg.cond", [T([3, 4], 150, D)], [t0, -2])
case("cond_fro", "linalg.cond", [T([3, 3], 151, D)], [t0, "fro"])
case("cond_nuc_batched", "linalg.cond", [T([2, 2, 2], 152, D)], [t0, "nuc"])
case("cond_1", "linalg.cond", [T([3, 3], 153, D)], [t0, 1])
case("cond_inf", "linalg.cond", [T([3, 3], 154, D)], [t0, inf])
case("cond_f32", "linalg.cond", [T([3, 3], 155)], [t0])
case("cond_singular_1", "linalg.cond", [T([2, 2], dtype=D, values=SING, rg=False)], [t0, 1])
case("cond_ord_err", "linalg.cond", [T([3, 3], 156, D)], [t0, 3])
case("cond_nonsquare_err", "linalg.cond", [T([2, 3], 157, D)], [t0, "fro"])
case("solve_triangular_upper", "linalg.solve_triangular", [tri(3, 160, True), T([3, 2], 161, D)], [t0, t1], {"upper": True})
case("solve_triangular_lower_right", "linalg.solve_triangular", [tri(3, 162, False), T([2, 3], 163, D)], [t0, t1], {"upper": False, "left": False})
case("solve_triangular_unit_bcast", "linalg.solve_triangular", [tri(2, 164, False, (2,)), T([2, 3], 165, D)], [t0, t1], {"upper": False, "unitriangular": True})
case("solve_triangular_upper_right_unit", "linalg.solve_triangular", [tri(3, 166, True), T([1, 3], 167, D)], [t0, t1], {"upper": True, "left": False, "unitriangular": True})
case("solve_triangular_f32", "linalg.solve_triangular", [tri(3, 168, False, dtype="float32"), T([3, 1], 169)], [t0, t1], {"upper": False})
case("solve_triangular_shape_err", "linalg.solve_triangular", [tri(3, 170, True), T([2, 2], 171, D)], [t0, t1], {"upper": True})
case("triangular_solve", "triangular_solve", [T([3, 2], 172, D), tri(3, 173, True)], [t0, t1])
case("triangular_solve_lower_T", "triangular_solve", [T([3, 2], 174, D), tri(3, 175, False)], [t0, t1, False, True])
case("triangular_solve_unit_bcast", "triangular_solve", [T([2, 3, 1], 176, D), tri(3, 177, True)], [t0, t1], {"unitriangular": True, "transpose": True})
case("triangular_solve_method", "triangular_solve", [T([2, 2], 178, D), tri(2, 179, False)], [t1, False], method=True)
case("cholesky_solve", "cholesky_solve", [T([3, 2], 180, D), T([3, 3], dtype=D, values=chol(3, 7))], [t0, t1])
case("cholesky_solve_upper", "cholesky_solve", [T([3, 2], 181, D), T([3, 3], dtype=D, values=chol(3, 8, upper=True))], [t0, t1, True])
case("cholesky_solve_bcast", "cholesky_solve", [T([2, 2, 1], 182, D), T([2, 2], dtype=D, values=chol(2, 9))], [t0, t1])
case("cholesky_solve_method_f32", "cholesky_solve", [T([2, 3], 183), T([2, 2], values=chol(2, 10))], [t1], method=True)
case("cholesky_inverse", "cholesky_inverse", [T([3, 3], dtype=D, values=chol(3, 11))], [t0])
case("cholesky_inverse_upper", "cholesky_inverse", [T([3, 3], dtype=D, values=chol(3, 12, upper=True))], [t0, True])
case("cholesky_inverse_method_batched", "cholesky_inverse", [T([2, 2, 2], dtype=D, values=chol(2, 13, (2,)))], [], method=True)

case("lstsq", "linalg.lstsq", [T([4, 3], 190, D), T([4, 2], 191, D)], [t0, t1])
case("lstsq_wide", "linalg.lstsq", [T([2, 3], 192, D), T([2, 2], 193, D)], [t0, t1])
case("lstsq_vector", "linalg.lstsq", [T([4, 2], 194, D), T([4], 195, D)], [t0, t1])
case("lstsq_gels", "linalg.lstsq", [T([4, 3], 196, D), T([4, 2], 197, D)], [t0, t1], {"driver": "gels"})
case("lstsq_gelsd_batched", "linalg.lstsq", [T([2, 4, 3], 198, D), T([1, 4, 1], 199, D)], [t0, t1], {"driver": "gelsd"})
case("lstsq_batched_vector_err", "linalg.lstsq", [T([2, 4, 3], 198, D), T([4, 1], 199, D)], [t0, t1], {"driver": "gelsd"})
case("lstsq_gelss_vector", "linalg.lstsq", [T([5, 2], 200, D), T([5], 201, D)], [t0, t1], {"driver": "gelss"})
case("lstsq_rank_deficient_gelsd", "linalg.lstsq", [T([4, 3], dtype=D, values=[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0], rg=False), T([4, 1], 202, D, rg=False)], [t0, t1], {"driver": "gelsd"})
case("lstsq_f32", "linalg.lstsq", [T([3, 2], 203), T([3, 2], 204)], [t0, t1])
case("lstsq_driver_err", "linalg.lstsq", [T([4, 3], 205, D), T([4, 2], 206, D)], [t0, t1], {"driver": "foo"})
case("lstsq_shape_err", "linalg.lstsq", [T([4, 3], 207, D), T([3, 2], 208, D)], [t0, t1])
case("lstsq_dtype_err", "linalg.lstsq", [T([4, 3], 209, D), T([4, 2], 210)], [t0, t1])

case("cdist", "cdist", [T([3, 4], 220, D), T([2, 4], 221, D)], [t0, t1])
case("cdist_p1", "cdist", [T([3, 2], 222, D), T([4, 2], 223, D)], [t0, t1, 1.0])
case("cdist_p3_batched", "cdist", [T([2, 3, 2], 224, D), T([1, 2, 2], 225, D)], [t0, t1], {"p": 3.0})
case("cdist_pinf", "cdist", [T([3, 2], 226, D), T([2, 2], 227, D)], [t0, t1], {"p": inf})
case("cdist_p0", "cdist", [T([2, 3], dtype=D, values=[1.0, 2.0, 3.0, 0.0, 2.0, 1.0]), T([2, 3], dtype=D, values=[1.0, 0.0, 3.0, 0.0, 2.0, 5.0])], [t0, t1, 0.0])
case("cdist_p_half", "cdist", [T([2, 3], 228, D), T([2, 3], 229, D)], [t0, t1, 0.5])
case("cdist_p1_5_f32", "cdist", [T([3, 3], 230), T([2, 3], 231)], [t0, t1, 1.5])
case("cdist_zero_dist", "cdist", [T([2, 2], dtype=D, values=[1.0, 2.0, 3.0, 4.0]), T([2, 2], dtype=D, values=[1.0, 2.0, 0.0, 0.0])], [t0, t1])
case("cdist_mm_large", "cdist", [T([30, 3], 232, D), T([4, 3], 233, D)], [t0, t1])
case("cdist_mm_mode", "cdist", [T([2, 3, 2], 234, D), T([2, 4, 2], 235, D)], [t0, t1], {"compute_mode": "use_mm_for_euclid_dist"})
case("cdist_donot_mm", "cdist", [T([27, 2], 236, D), T([3, 2], 237, D)], [t0, t1], {"compute_mode": "donot_use_mm_for_euclid_dist"})
case("cdist_mm_f32", "cdist", [T([26, 2], 238), T([2, 2], 239)], [t0, t1])
case("cdist_cols_err", "cdist", [T([2, 3], 240, D), T([2, 2], 241, D)], [t0, t1])
case("cdist_1d_err", "cdist", [T([3], 242, D), T([2, 3], 243, D)], [t0, t1])
case("cdist_mode_err", "cdist", [T([2, 3], 244, D), T([2, 3], 245, D)], [t0, t1], {"compute_mode": "fast"})
case("cdist_neg_p_err", "cdist", [T([2, 3], 246, D), T([2, 3], 247, D)], [t0, t1, -1.0])

HP = "linalg.householder_product"
case("householder_product", HP, [T([4, 3], 250, D), T([3], 251, D)], [t0, t1])
case("householder_product_k2", HP, [T([4, 3], 252, D), T([2], 253, D)], [t0, t1])
case("householder_product_square_batched", HP, [T([2, 3, 3], 254, D), T([2, 2], 255, D)], [t0, t1])
case("householder_product_f32", HP, [T([3, 2], 256), T([2], 257)], [t0, t1])
case("householder_product_from_qr", HP, [T([4, 3], dtype=D, values=torch.geqrf(torch.randn(4, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(5)))[0].reshape(-1).tolist()), T([3], dtype=D, values=torch.geqrf(torch.randn(4, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(5)))[1].tolist())], [t0, t1])
case("orgqr", "orgqr", [T([3, 2], 258, D), T([1], 259, D)], [t0, t1])
case("orgqr_method", "orgqr", [T([3, 3], 260, D), T([3], 261, D)], [t1], method=True)
case("householder_product_1d_err", HP, [T([3], 262, D), T([1], 263, D)], [t0, t1])
case("householder_product_wide_err", HP, [T([2, 3], 264, D), T([2], 265, D)], [t0, t1])
case("householder_product_tau_err", HP, [T([4, 3], 266, D), T([4], 267, D)], [t0, t1])
case("householder_product_ndim_err", HP, [T([4, 3], 268, D), T([1, 2], 269, D)], [t0, t1])
case("householder_product_batch_err", HP, [T([2, 4, 3], 270, D), T([3, 2], 271, D)], [t0, t1])
case("householder_product_dtype_err", HP, [T([4, 3], 272, D), T([2], 273)], [t0, t1])


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
    rec["outputs"] = [{"tensor": encode_tensor(o), "grad_fn": graph(o.grad_fn, leaves, max_depth=10)} for o in outs]
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(leaves) if x.requires_grad]
    if diff_outs and wrt and not c.get("skip_values"):
        gos = [grad_output(o.shape, o.dtype) for o in diff_outs]
        try:
            grads = torch.autograd.grad(diff_outs, [leaves[i] for i in wrt], gos, allow_unused=True)
            rec["grads"] = encode_grads(wrt, grads)
        except (RuntimeError, IndexError, NotImplementedError) as e:  # dist p=0, lstsq of a vector: PyTorch's backward fails
            rec["grad_error"] = encode_error(e)
    return rec


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    write("ops_stats_linalg_extra", {"torch_version": torch.__version__, "cases": [run_case(c) for c in CASES]})
