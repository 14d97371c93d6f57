#!/usr/bin/env python3
"""Golden cases for the products and linear algebra of src/ops/linalg_more*.ts and src/linalg/
(vdot, outer/ger, addmm, addmv, baddbmm, tensordot, kron, cross, einsum, torch.linalg.*), recorded
from PyTorch 1.13.

Each case names a call (`torch.<op>`, `torch.linalg.<op>` as "linalg.<op>", or `x.<op>(...)`), its
tensor inputs, positional args and keyword args (passed on the TS side as one trailing options
object, porting rule 2). Recorded: every output (values, dtype, shape), its grad_fn name and
whether it is a view, named-tuple fields, and the gradients w.r.t. each input that requires grad
for a fixed grad_output, or the error (raised by the call, or by the backward: "grad_error").

Eigen- and singular vectors are defined only up to sign (and a full U's extra columns only up to
a rotation), so such outputs carry a comparison mode ("abs": compare |x|; "skip") and the
gradients are taken of a gauge-invariant `transform` of the outputs:
  "sq":       every output squared elementwise (a column's sign flip cancels);
  "svd_full": [U[..., :k]**2, S, Vh[..., :k, :]**2], k = min(m, n);
  "pick<i>":  output i alone (the others get no gradient, which PyTorch's formulas special-case).
A case with "create_graph" takes its gradients with create_graph=True (PyTorch's det backward
takes another path then).
Run:  /usr/bin/python3 tools/golden/ops_linalg.py   (or: npm run golden)
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import cases  # noqa: E402
from cases import as_outputs, encode_output, f64, inf, make_input, ninf, record_call, record_grads, t0, t1, t2  # noqa: E402
from common import DTYPES, NAN, encode_tensor, write  # noqa: E402


def T(shape, seed=0, dtype="float64", values=None, rg=None):
    return cases.T(shape, seed, dtype, values, rg)


def spd(n, seed, batch=(), dtype="float64"):
    """A symmetric positive-definite matrix (batch): X Xᵀ + n·I."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*batch, n, n, generator=g, dtype=torch.float64)
    a = x @ x.mT + n * torch.eye(n, dtype=torch.float64)
    return T(list(batch) + [n, n], dtype=dtype, values=a.to(DTYPES[dtype]).reshape(-1).tolist())


def transform(name, outs):
    if name == "sq":
        return [o * o for o in outs]
    if name == "svd_full":
        U, S, Vh = outs
        k = S.shape[-1]
        return [U[..., :k] ** 2, S, Vh[..., :k, :] ** 2]
    if name.startswith("pick"):
        return [outs[int(name[4:])]]
    raise ValueError(name)


CASES = []


def case(name, op, inputs, args=(), kw=None, method=False, cmp=None, tf=None, create_graph=False):
    c = {"name": name, "op": op, "method": method, "inputs": inputs, "args": list(args), "kw": kw or {}}
    if create_graph:
        c["create_graph"] = True
    if cmp:
        c["cmp"] = cmp
    if tf:
        c["transform"] = tf
    CASES.append(c)


# ---- vdot / outer / ger ----------------------------------------------------------------------
case("vdot", "vdot", [T([4], 1), T([4], 2)], [t0, t1])
case("vdot_f32", "vdot", [T([3], 3, "float32"), T([3], 4, "float32")], [t0, t1])
case("vdot_method", "vdot", [T([3], 5), T([3], 6)], [t1], method=True)
case("vdot_2d_err", "vdot", [T([2, 2], 7), T([2, 2], 8)], [t0, t1])
case("vdot_size_err", "vdot", [T([3], 7), T([2], 8)], [t0, t1])
case("outer", "outer", [T([3], 9), T([4], 10)], [t0, t1])
case("outer_f32_method", "outer", [T([2], 11, "float32"), T([3], 12, "float32")], [t1], method=True)
case("ger", "ger", [T([3], 13), T([2], 14)], [t0, t1])
case("outer_2d_err", "outer", [T([2, 2], 15), T([2], 16)], [t0, t1])
# ---- addmm / addmv / baddbmm -----------------------------------------------------------------
case("addmm", "addmm", [T([2, 4], 17), T([2, 3], 18), T([3, 4], 19)], [t0, t1, t2])
case("addmm_beta_alpha", "addmm", [T([2, 4], 20), T([2, 3], 21), T([3, 4], 22)], [t0, t1, t2], {"beta": 0.5, "alpha": 2})
case("addmm_bcast", "addmm", [T([4], 23), T([2, 3], 24), T([3, 4], 25)], [t0, t1, t2], {"alpha": -1.5})
case("addmm_beta0_nan", "addmm", [T([2, 2], values=[NAN, 1.0, 2.0, NAN], rg=False), T([2, 3], 26), T([3, 2], 27)], [t0, t1, t2], {"beta": 0})
case("addmm_f32", "addmm", [T([3, 2], 28, "float32"), T([3, 3], 29, "float32"), T([3, 2], 30, "float32")], [t0, t1, t2])
case("addmm_method", "addmm", [T([2, 2], 31), T([2, 3], 32), T([3, 2], 33)], [t1, t2], {"beta": 2}, method=True)
case("addmm_shape_err", "addmm", [T([2, 4], 34), T([2, 3], 35), T([2, 4], 36)], [t0, t1, t2])
case("addmm_1d_err", "addmm", [T([2, 4], 34), T([3], 35), T([3, 4], 36)], [t0, t1, t2])
case("addmv", "addmv", [T([2], 37), T([2, 3], 38), T([3], 39)], [t0, t1, t2])
case("addmv_kw", "addmv", [T([1], 40), T([3, 2], 41), T([2], 42)], [t0, t1, t2], {"beta": -1, "alpha": 0.25})
case("addmv_method", "addmv", [T([3], 43), T([3, 3], 44), T([3], 45)], [t1, t2], method=True)
case("baddbmm", "baddbmm", [T([2, 2, 4], 46), T([2, 2, 3], 47), T([2, 3, 4], 48)], [t0, t1, t2])
case("baddbmm_kw_bcast", "baddbmm", [T([4], 49), T([3, 2, 3], 50), T([3, 3, 4], 51)], [t0, t1, t2], {"beta": 0.5, "alpha": 3})
case("baddbmm_method", "baddbmm", [T([2, 2, 2], 52), T([2, 2, 3], 53), T([2, 3, 2], 54)], [t1, t2], method=True)
# ---- tensordot / kron / cross ----------------------------------------------------------------
case("tensordot_2", "tensordot", [T([2, 3, 4], 55), T([3, 4, 5], 56)], [t0, t1])
case("tensordot_1", "tensordot", [T([3, 4], 57), T([4, 2], 58)], [t0, t1, 1])
case("tensordot_0", "tensordot", [T([2], 59), T([3], 60)], [t0, t1, 0])
case("tensordot_lists", "tensordot", [T([3, 4, 5], 61), T([4, 3, 2], 62)], [t0, t1, [[1, 0], [0, 1]]])
case("tensordot_kw", "tensordot", [T([2, 3], 63), T([3, 2], 64)], [t0, t1], {"dims": [[1], [0]]})
case("tensordot_bcast1", "tensordot", [T([2, 1], 65), T([3, 4], 66)], [t0, t1, [[1], [0]]])
case("tensordot_mismatch", "tensordot", [T([2, 3], 67), T([4, 2], 68)], [t0, t1, [[1], [0]]])
case("tensordot_neg", "tensordot", [T([2, 3], 69), T([4], 70)], [t0, t1, -1])
case("kron_2d", "kron", [T([2, 2], 71), T([3, 2], 72)], [t0, t1])
case("kron_mixed", "kron", [T([2], 73), T([2, 3], 74)], [t0, t1])
case("kron_method", "kron", [T([2, 1, 2], 75), T([2, 2], 76)], [t1], method=True)
case("cross_dim", "cross", [T([4, 3], 77), T([4, 3], 78)], [t0, t1, 1])
case("cross_default", "cross", [T([3, 2], 79), T([3, 2], 80)], [t0, t1])
case("cross_bcast", "cross", [T([1, 3], 81), T([2, 3], 82)], [t0, t1], {"dim": -1})
case("cross_method", "cross", [T([2, 3], 83), T([2, 3], 84)], [t1], method=True)
case("cross_nodim_err", "cross", [T([2, 2], 85), T([2, 2], 86)], [t0, t1])
case("cross_len_err", "cross", [T([2, 3], 87), T([2, 3], 88)], [t0, t1, 0])
case("linalg_cross", "linalg.cross", [T([2, 3], 89), T([2, 3], 90)], [t0, t1])
case("linalg_cross_dim", "linalg.cross", [T([3, 2], 91), T([3, 2], 92)], [t0, t1], {"dim": 0})
case("linalg_cross_ndim_err", "linalg.cross", [T([3], 93), T([2, 3], 94)], [t0, t1])
# ---- einsum ----------------------------------------------------------------------------------
E = "einsum"
case("einsum_mm", E, [T([2, 3], 100), T([3, 4], 101)], ["ij,jk->ik", t0, t1])
case("einsum_mm_implicit", E, [T([2, 3], 102), T([3, 4], 103)], ["ij,jk", t0, t1])
case("einsum_trace", E, [T([3, 3], 104)], ["ii", t0])
case("einsum_diag", E, [T([3, 3], 105)], ["ii->i", t0])
case("einsum_transpose", E, [T([2, 3], 106)], ["ij->ji", t0])
case("einsum_sum_all", E, [T([2, 3], 107)], ["ij->", t0])
case("einsum_sum_dim", E, [T([2, 3], 108)], ["ij->j", t0])
case("einsum_dot", E, [T([3], 109), T([3], 110)], ["i,i", t0, t1])
case("einsum_outer", E, [T([3], 111), T([2], 112)], ["i,j->ij", t0, t1])
case("einsum_bmm", E, [T([2, 2, 3], 113), T([2, 3, 2], 114)], ["bij,bjk->bik", t0, t1])
case("einsum_ellipsis_bcast", E, [T([2, 1, 2, 3], 115), T([3, 3, 2], 116)], ["...ij,...jk->...ik", t0, t1])
case("einsum_ellipsis_implicit", E, [T([2, 3, 4], 117)], ["...ij", t0])
case("einsum_ellipsis_sum", E, [T([2, 3, 4], 118)], ["i...->i", t0])
case("einsum_repeat_3d", E, [T([3, 3, 2], 119)], ["iij->j", t0])
case("einsum_repeat_keep", E, [T([2, 2, 3], 120)], ["iij->ij", t0])
case("einsum_three", E, [T([2, 3, 2], 121), T([2, 4], 122), T([4, 3], 123)], ["abc,cd,de->abe", t0, t1, t2])
case("einsum_three_implicit", E, [T([3], 124), T([3, 2], 125), T([2], 126)], ["i,ij,j", t0, t1, t2])
case("einsum_bilinear", E, [T([2, 3], 127), T([4, 3, 5], 128), T([2, 5], 129)], ["bn,anm,bm->ba", t0, t1, t2])
case("einsum_upper", E, [T([2, 3], 130), T([3, 2], 131)], ["Ab,bA->", t0, t1])
case("einsum_spaces", E, [T([2, 3], 132), T([3], 133)], [" ij , j -> i ", t0, t1])
case("einsum_list", E, [T([2, 2], 134), T([2, 2], 135)], ["ij,jk", {"tl": [0, 1]}])
case("einsum_sublist", E, [T([2, 3], 136), T([3, 2], 137)], [t0, [0, 1], t1, [1, 2], [0, 2]])
case("einsum_bcast_dim1", E, [T([2, 1], 138), T([3, 4], 139)], ["ij,jk->ik", t0, t1])
case("einsum_f32", E, [T([2, 3], 140, "float32"), T([3, 2], 141, "float32")], ["ij,jk->ki", t0, t1])
case("einsum_err_more_ops", E, [T([2], 142), T([2], 143)], ["i->i", t0, t1])
case("einsum_err_fewer_ops", E, [T([2], 144)], ["i,i->i", t0])
case("einsum_err_subscript", E, [T([2], 145)], ["i1->i", t0])
case("einsum_err_ndim", E, [T([2, 3], 146)], ["i->i", t0])
case("einsum_err_ndim_ell", E, [T([2], 147)], ["ij...->i", t0])
case("einsum_err_out_repeat", E, [T([2], 148)], ["i->ii", t0])
case("einsum_err_out_missing", E, [T([2], 149)], ["i->j", t0])
case("einsum_err_size", E, [T([2], 150), T([3], 151)], ["i,i->", t0, t1])
case("einsum_err_diag_size", E, [T([2, 3], 152)], ["ii->i", t0])
case("einsum_err_dot", E, [T([2], 153)], ["i.->i", t0])
case("einsum_err_two_ell", E, [T([2, 2], 154)], ["......->", t0])
case("einsum_err_none", E, [], ["i->i"])
# ---- det / inv -------------------------------------------------------------------------------
case("det", "linalg.det", [T([3, 3], 200)], [t0])
case("det_batched", "linalg.det", [T([2, 3, 3], 201)], [t0])
case("det_f32", "linalg.det", [T([4, 4], 202, "float32")], [t0])
case("det_1x1", "linalg.det", [T([1, 1], 203)], [t0])
case("det_singular", "linalg.det", [T([3, 3], values=[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0])], [t0])
case("det_torch", "det", [T([2, 2], 204)], [t0])
case("det_method", "det", [T([3, 3], 205)], [], method=True)
case("det_nonsquare_err", "linalg.det", [T([2, 3], 206)], [t0])
case("det_1d_err", "linalg.det", [T([3], 207)], [t0])
case("det_int_err", "linalg.det", [T([2, 2], 208, "int64")], [t0])
case("inv", "linalg.inv", [T([3, 3], 209)], [t0])
case("inv_batched", "linalg.inv", [T([2, 2, 2], 210)], [t0])
case("inv_f32", "linalg.inv", [T([3, 3], 211, "float32")], [t0])
case("inverse", "inverse", [T([3, 3], 212)], [t0])
case("inverse_method", "inverse", [T([2, 2], 213)], [], method=True)
case("inv_singular", "linalg.inv", [T([2, 2], values=[1.0, 2.0, 2.0, 4.0])], [t0])
case("inv_singular_batched", "linalg.inv", [T([2, 2, 2], values=[1.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 4.0])], [t0])
case("inverse_singular", "inverse", [T([2, 2], values=[0.0, 0.0, 0.0, 1.0])], [t0])
case("inv_nonsquare_err", "linalg.inv", [T([2, 3], 214)], [t0])
# ---- solve -----------------------------------------------------------------------------------
case("solve", "linalg.solve", [T([3, 3], 220), T([3, 2], 221)], [t0, t1])
case("solve_vector", "linalg.solve", [T([3, 3], 222), T([3], 223)], [t0, t1])
case("solve_bcast", "linalg.solve", [T([2, 3, 3], 224), T([3, 2], 225)], [t0, t1])
case("solve_bcast_b", "linalg.solve", [T([3, 3], 226), T([2, 3, 1], 227)], [t0, t1])
case("solve_batched_vector", "linalg.solve", [T([2, 3, 3], 228), T([2, 3], 229)], [t0, t1])
case("solve_left_false", "linalg.solve", [T([3, 3], 230), T([2, 3], 231)], [t0, t1], {"left": False})
case("solve_f32", "linalg.solve", [T([3, 3], 232, "float32"), T([3, 3], 233, "float32")], [t0, t1])
case("solve_singular", "linalg.solve", [T([2, 2], values=[1.0, 2.0, 2.0, 4.0]), T([2], 234)], [t0, t1])
case("solve_shape_err", "linalg.solve", [T([3, 3], 235), T([2, 2], 236)], [t0, t1])
case("solve_dtype_err", "linalg.solve", [T([2, 2], 237), T([2], 238, "float32")], [t0, t1])
case("solve_nonsquare_err", "linalg.solve", [T([2, 3], 239), T([2], 240)], [t0, t1])
# ---- cholesky --------------------------------------------------------------------------------
case("cholesky", "linalg.cholesky", [spd(3, 250)], [t0])
case("cholesky_batched", "linalg.cholesky", [spd(3, 251, (2,))], [t0])
case("cholesky_upper", "linalg.cholesky", [spd(4, 252)], [t0], {"upper": True})
case("cholesky_f32", "linalg.cholesky", [spd(3, 253, dtype="float32")], [t0])
case("cholesky_lower_only", "linalg.cholesky", [T([2, 2], values=[4.0, 100.0, 2.0, 3.0])], [t0])
case("cholesky_not_pd", "linalg.cholesky", [T([2, 2], values=[1.0, 2.0, 2.0, 1.0])], [t0])
case("cholesky_not_pd_batched", "linalg.cholesky", [T([2, 2, 2], values=[1.0, 0.0, 0.0, 1.0, -1.0, 0.0, 0.0, 1.0])], [t0])
case("cholesky_nonsquare_err", "linalg.cholesky", [T([2, 3], 254)], [t0])
# ---- qr --------------------------------------------------------------------------------------
case("qr_tall", "linalg.qr", [T([4, 3], 260)], [t0])
case("qr_wide", "linalg.qr", [T([3, 4], 261)], [t0])
case("qr_square_f32", "linalg.qr", [T([3, 3], 262, "float32")], [t0])
case("qr_complete_wide", "linalg.qr", [T([2, 3], 263)], [t0, "complete"])
case("qr_complete_tall", "linalg.qr", [T([3, 2], 264)], [t0], {"mode": "complete"})
case("qr_r", "linalg.qr", [T([3, 2], 265)], [t0, "r"])
case("qr_batched", "linalg.qr", [T([2, 3, 2], 266)], [t0])
case("qr_mode_err", "linalg.qr", [T([3, 2], 267)], [t0, "full"])
case("qr_1d_err", "linalg.qr", [T([3], 268)], [t0])
# ---- eigh ------------------------------------------------------------------------------------
case("eigh", "linalg.eigh", [spd(3, 270)], [t0], cmp=["val", "abs"], tf="sq")
case("eigh_sym_indef", "linalg.eigh", [T([3, 3], values=[2.0, -1.0, 0.5, -1.0, -3.0, 1.5, 0.5, 1.5, 1.0])], [t0], cmp=["val", "abs"], tf="sq")
case("eigh_upper", "linalg.eigh", [T([3, 3], 271)], [t0, "U"], cmp=["val", "abs"], tf="sq")
case("eigh_lower_nonsym", "linalg.eigh", [T([3, 3], 272)], [t0], cmp=["val", "abs"], tf="sq")
case("eigh_batched", "linalg.eigh", [spd(2, 273, (2,))], [t0], cmp=["val", "abs"], tf="sq")
case("eigh_f32", "linalg.eigh", [spd(4, 274, dtype="float32")], [t0], {"UPLO": "L"}, cmp=["val", "abs"], tf="sq")
case("eigh_uplo_err", "linalg.eigh", [spd(2, 275)], [t0, "X"])
case("eigh_nonsquare_err", "linalg.eigh", [T([2, 3], 276)], [t0])
# ---- svd / svdvals ---------------------------------------------------------------------------
case("svd_tall", "linalg.svd", [T([4, 3], 280)], [t0, False], cmp=["abs", "val", "abs"], tf="sq")
case("svd_wide", "linalg.svd", [T([2, 4], 281)], [t0], {"full_matrices": False}, cmp=["abs", "val", "abs"], tf="sq")
case("svd_square", "linalg.svd", [T([3, 3], 282)], [t0], cmp=["abs", "val", "abs"], tf="sq")
case("svd_full_tall", "linalg.svd", [T([4, 2], 283)], [t0], cmp=["skip", "val", "abs"], tf="svd_full")
case("svd_full_wide", "linalg.svd", [T([2, 3], 284)], [t0, True], cmp=["abs", "val", "skip"], tf="svd_full")
case("svd_batched", "linalg.svd", [T([2, 3, 2], 285)], [t0, False], cmp=["abs", "val", "abs"], tf="sq")
case("svd_f32", "linalg.svd", [T([3, 3], 286, "float32")], [t0, False], cmp=["abs", "val", "abs"], tf="sq")
case("svd_1d_err", "linalg.svd", [T([3], 287)], [t0])
case("svdvals_tall", "linalg.svdvals", [T([4, 3], 288)], [t0])
case("svdvals_wide", "linalg.svdvals", [T([2, 3], 289)], [t0])
case("svdvals_batched_f32", "linalg.svdvals", [T([2, 3, 3], 290, "float32")], [t0])
# ---- norms -----------------------------------------------------------------------------------
case("vector_norm", "linalg.vector_norm", [T([3, 4], 300)], [t0])
case("vector_norm_1", "linalg.vector_norm", [T([3, 4], 301)], [t0, 1])
case("vector_norm_inf", "linalg.vector_norm", [T([3, 4], 302)], [t0, inf])
case("vector_norm_ninf_dim", "linalg.vector_norm", [T([3, 4], 303)], [t0, ninf, 1])
case("vector_norm_0", "linalg.vector_norm", [T([2, 3], values=[1.0, 0.0, 2.0, 0.0, 0.0, 3.0])], [t0, 0])
case("vector_norm_3_dims", "linalg.vector_norm", [T([2, 3, 2], 304)], [t0, 3, [0, 2]])
case("vector_norm_half_keepdim", "linalg.vector_norm", [T([3, 4], 305)], [t0, 0.5, -1, True])
case("vector_norm_kw", "linalg.vector_norm", [T([3, 4], 306, "float32")], [t0], {"ord": 1.5, "dim": 0, "keepdim": True})
case("vector_norm_dtype", "linalg.vector_norm", [T([3], 307, "float32")], [t0], {"dtype": f64})
case("vector_norm_zero", "linalg.vector_norm", [T([2, 2], values=[0.0, 0.0, 0.0, 0.0])], [t0])
case("vector_norm_empty_inf", "linalg.vector_norm", [T([0], values=[])], [t0, inf])
case("vector_norm_int_err", "linalg.vector_norm", [T([3], 308, "int64")], [t0])
case("matrix_norm_fro", "linalg.matrix_norm", [T([3, 4], 310)], [t0])
case("matrix_norm_nuc", "linalg.matrix_norm", [T([3, 4], 311)], [t0, "nuc"])
case("matrix_norm_2", "linalg.matrix_norm", [T([3, 3], 312)], [t0, 2])
case("matrix_norm_m2", "linalg.matrix_norm", [T([4, 3], 313)], [t0, -2])
case("matrix_norm_1", "linalg.matrix_norm", [T([3, 4], 314)], [t0, 1])
case("matrix_norm_m1", "linalg.matrix_norm", [T([3, 4], 315)], [t0, -1])
case("matrix_norm_inf", "linalg.matrix_norm", [T([3, 4], 316)], [t0, inf])
case("matrix_norm_ninf_keepdim", "linalg.matrix_norm", [T([2, 3, 4], 317)], [t0, ninf], {"keepdim": True})
case("matrix_norm_nuc_dims_keepdim", "linalg.matrix_norm", [T([3, 2, 4], 318)], [t0, "nuc", [2, 0], True])
case("matrix_norm_2_batched", "linalg.matrix_norm", [T([2, 3, 2], 319)], [t0], {"ord": 2})
case("matrix_norm_ord_err", "linalg.matrix_norm", [T([3, 3], 320)], [t0, 3])
case("matrix_norm_str_err", "linalg.matrix_norm", [T([3, 3], 321)], [t0, "abc"])
case("matrix_norm_1d_err", "linalg.matrix_norm", [T([3], 322)], [t0])
case("matrix_norm_same_dims_err", "linalg.matrix_norm", [T([3, 3], 323)], [t0, "fro", [0, -2]])
case("norm_default_2d", "linalg.norm", [T([3, 4], 330)], [t0])
case("norm_default_3d", "linalg.norm", [T([2, 3, 2], 331)], [t0])
case("norm_1d_ord3", "linalg.norm", [T([4], 332)], [t0, 3])
case("norm_2d_ord2", "linalg.norm", [T([3, 3], 333)], [t0, 2])
case("norm_2d_inf", "linalg.norm", [T([3, 3], 334)], [t0, inf])
case("norm_nuc", "linalg.norm", [T([3, 2], 335)], [t0, "nuc"])
case("norm_fro_dim", "linalg.norm", [T([2, 3, 2], 336)], [t0, "fro", [0, 2]])
case("norm_dim1_ord1", "linalg.norm", [T([3, 4], 337)], [t0, 1, 1])
case("norm_kw", "linalg.norm", [T([3, 4], 338)], [t0], {"dim": [1], "keepdim": True})
case("norm_3d_ord_err", "linalg.norm", [T([2, 2, 2], 339)], [t0, 2])
case("norm_dim_len_err", "linalg.norm", [T([2, 2, 2], 340)], [t0, None, [0, 1, 2]])

# ---- more: one output only, create_graph, empty matrices, dtype and shape errors --------------
case("det_singular_create_graph", "linalg.det", [T([3, 3], values=[1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 1.0, 0.0, 1.0])], [t0], create_graph=True)
case("det_create_graph", "linalg.det", [T([3, 3], 400)], [t0], create_graph=True)
case("qr_Q_only", "linalg.qr", [T([4, 3], 401)], [t0], tf="pick0")
case("qr_R_only", "linalg.qr", [T([3, 4], 402)], [t0], tf="pick1")
case("eigh_values_only", "linalg.eigh", [spd(3, 403)], [t0], cmp=["val", "abs"], tf="pick0")
case("svd_S_only", "linalg.svd", [T([3, 4], 404)], [t0], cmp=["abs", "val", "skip"], tf="pick1")
case("det_empty", "linalg.det", [T([0, 0], values=[])], [t0])
case("inv_empty", "linalg.inv", [T([2, 0, 0], values=[])], [t0])
case("cholesky_empty", "linalg.cholesky", [T([0, 0], values=[])], [t0])
case("qr_empty_cols", "linalg.qr", [T([3, 0], values=[])], [t0])
case("eigh_empty", "linalg.eigh", [T([0, 0], values=[])], [t0])
case("svdvals_empty", "linalg.svdvals", [T([0, 3], values=[])], [t0])
case("vector_norm_scalar", "linalg.vector_norm", [T([], values=[-3.0])], [t0, 2, 0])
case("einsum_single_identity", E, [T([3], 405)], ["i", t0])
case("addmm_self_err", "addmm", [T([3], 406), T([2, 3], 407), T([3, 4], 408)], [t0, t1, t2])
case("addmm_dtype_err", "addmm", [T([2, 4], 409), T([2, 3], 410, "float32"), T([3, 4], 411, "float32")], [t0, t1, t2])
case("addmv_size_err", "addmv", [T([3], 412), T([2, 3], 413), T([3], 414)], [t0, t1, t2])
case("baddbmm_self_err", "baddbmm", [T([3], 415), T([2, 2, 3], 416), T([2, 3, 4], 417)], [t0, t1, t2])
case("kron_promote", "kron", [T([2], 418, "float32"), T([2], 419)], [t0, t1])
case("solve_left_false_err", "linalg.solve", [T([3, 3], 420), T([3, 2], 421)], [t0, t1], {"left": False})
case("tensordot_dup_err", "tensordot", [T([2, 3], 422), T([3, 2], 423)], [t0, t1, [[1, 1], [0, 0]]])
case("matrix_norm_dim_len_err", "linalg.matrix_norm", [T([2, 2, 2], 424)], [t0, "fro", [0, 1, 2]])

# ---- slogdet / logdet / eigvalsh / inner / linalg.matmul ---------------------------------------
case("slogdet", "linalg.slogdet", [T([3, 3], 430)], [t0], tf="pick1")
case("slogdet_batched_neg", "linalg.slogdet", [T([2, 2, 2], values=[0.0, 1.0, 1.0, 0.0, 2.0, 1.0, 1.0, 3.0])], [t0], tf="pick1")
case("slogdet_singular", "linalg.slogdet", [T([2, 2], values=[1.0, 2.0, 2.0, 4.0], rg=False)], [t0])
case("slogdet_torch", "slogdet", [T([3, 3], 431)], [t0], tf="pick1")
case("slogdet_method", "slogdet", [T([2, 2], 432)], [], method=True, tf="pick1")
case("slogdet_int_err", "linalg.slogdet", [T([2, 2], 433, "int64")], [t0])
case("logdet", "logdet", [T([3, 3], values=[3.0, 1.0, 0.0, 1.0, 2.0, 0.5, 0.0, 0.5, 1.5])], [t0])
case("logdet_negative", "logdet", [T([2, 2], values=[0.0, 1.0, 1.0, 0.0])], [t0])
case("logdet_method_batched", "logdet", [T([2, 2, 2], values=[2.0, 1.0, 1.0, 3.0, 1.0, 0.5, 0.25, 2.0])], [], method=True)
case("eigvalsh", "linalg.eigvalsh", [spd(3, 434)], [t0])
case("eigvalsh_upper_batched", "linalg.eigvalsh", [T([2, 3, 3], 435)], [t0, "U"])
case("inner", "inner", [T([2, 3], 436), T([4, 3], 437)], [t0, t1])
case("inner_scalar", "inner", [T([], values=[2.0]), T([2, 2], 438)], [t0, t1])
case("inner_method", "inner", [T([3], 439), T([3], 440)], [t1], method=True)
case("inner_err", "inner", [T([2, 3], 441), T([4], 442)], [t0, t1])
case("linalg_matmul", "linalg.matmul", [T([2, 3], 443), T([3], 444)], [t0, t1])


def run_case(c):
    inputs = [make_input(s) for s in c["inputs"]]
    rec, res = record_call(c, inputs)
    if "error" in rec:
        return rec
    outs = as_outputs(rec, res)
    if type(res).__module__ == "torch.return_types":
        rec["fields"] = list(type(res)._fields) if hasattr(type(res), "_fields") else [
            f for f in ("Q", "R", "eigenvalues", "eigenvectors", "U", "S", "Vh", "sign", "logabsdet") if hasattr(res, f)
        ]
        rec["return_type"] = type(res).__name__
    rec["outputs"] = [encode_output(o) for o in outs]
    seen = transform(c["transform"], outs) if "transform" in c else outs
    if "transform" in c:
        rec["transformed"] = [encode_tensor(o) for o in seen]
    return record_grads(rec, seen, inputs, create_graph=c.get("create_graph", False))


if __name__ == "__main__":
    write("ops_linalg", {"cases": [run_case(c) for c in CASES]})
