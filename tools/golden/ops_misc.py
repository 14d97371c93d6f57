#!/usr/bin/env python3
"""Golden cases for the misc ops of src/ops/pointwise/compare_close.ts, src/ops/reduce/reduce_more_scan_indexed.ts and src/ops/shape/shape_more_arrange.ts (equal,
allclose, isclose, cummax, cummin, logcumsumexp, repeat_interleave, rot90, diag_embed, meshgrid),
recorded from PyTorch 1.13.

Each case names a call (`torch.<op>(...)` or `x.<op>(...)`), its tensor inputs (explicit values,
optionally a non-contiguous transposed view), positional args and keyword args (which the TS side
passes as one trailing options object, porting rule 2). Recorded: a Python bool result, or every
output tensor (values, dtype, shape, strides, whether it is a view, and its grad_fn graph down to
the leaves, so that ops PyTorch composes from others show the same chain), named-tuple fields and
repr, the warnings the call raised, the gradients w.r.t. each input that requires grad for a fixed
grad_output (see grad_output below), or the error.
Run:  /usr/bin/python3 tools/golden/ops_misc.py   (or: npm run golden)
"""
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import T, as_outputs, case_table, grad_output, graph, make_input, record_call, t0, t1, t2  # noqa: E402
from common import INF, NAN, encode_grads, encode_tensor, write  # noqa: E402

CASES, _case = case_table()


def case(name, op, inputs, args=(), kw=None, method=False, centered=False):
    """`centered`: the grad_output is shifted by -1 (values in [-0.75, 0.75], some zero, some negative)."""
    _case(name, op, inputs, args, kw, method)
    if centered:
        CASES[-1]["centered"] = True


A = [1.0, 2.0, 3.0, -1.0, 0.5, NAN]

# ---- equal ----------------------------------------------------------------------------------
case("equal_true", "equal", [T([2, 3], 1), T([2, 3], 1)], [t0, t1])
case("equal_false", "equal", [T([2, 3], 1), T([2, 3], 2)], [t0, t1])
case("equal_shape", "equal", [T([2, 3], 1), T([3, 2], 1)], [t0, t1])
case("equal_nan", "equal", [T([6], values=A), T([6], values=A)], [t0, t1])
case("equal_T", "equal", [T([2, 3], 3, layout="t"), T([2, 3], 3)], [t0, t1])
case("equal_promote", "equal", [T([3], values=[1.0, 2.0, 3.0]), T([3], dtype="int64", values=[1, 2, 3])], [t0, t1])
case("equal_promote_f64", "equal", [T([2], values=[0.1, 2.0]), T([2], dtype="float64", values=[0.1, 2.0])], [t0, t1])
case("equal_int", "equal", [T([2, 2], 4, "int32"), T([2, 2], 4, "int32")], [t0, t1])
case("equal_bool", "equal", [T([2], dtype="bool", values=[True, False]), T([2], dtype="bool", values=[True, True])], [t0, t1])
case("equal_empty", "equal", [T([0, 2]), T([0, 2])], [t0, t1])
case("equal_broadcastable", "equal", [T([1, 3], values=[1.0, 1.0, 1.0]), T([2, 3], values=[1.0] * 6)], [t0, t1])
case("equal_method", "equal", [T([2, 3], 5), T([2, 3], 5)], [t1], method=True)

# ---- isclose / allclose ---------------------------------------------------------------------
C1 = [1.0, 1.0, 1.0, 100.0, 0.0, NAN, INF, -INF, INF, 1e-9]
C2 = [1.0, 1.00001, 1.0001, 100.001, 1e-8, NAN, INF, -INF, -INF, 0.0]
case("isclose", "isclose", [T([10], values=C1), T([10], values=C2)], [t0, t1])
case("isclose_f64", "isclose", [T([10], dtype="float64", values=C1), T([10], dtype="float64", values=C2)], [t0, t1])
case("isclose_equal_nan", "isclose", [T([10], values=C1), T([10], values=C2)], [t0, t1], {"equal_nan": True})
case("isclose_tols", "isclose", [T([10], values=C1), T([10], values=C2)], [t0, t1], {"rtol": 1e-3, "atol": 1e-6})
case("isclose_pos", "isclose", [T([10], values=C1), T([10], values=C2)], [t0, t1, 0.0, 1e-4, True])
case("isclose_zero_tol", "isclose", [T([10], values=C1), T([10], values=C2)], [t0, t1], {"rtol": 0.0, "atol": 0.0})
case("isclose_broadcast", "isclose", [T([2, 3], 6), T([3], 6)], [t0, t1])
case("isclose_T", "isclose", [T([3, 2], 7, layout="t"), T([3, 2], 7)], [t0, t1], {"rtol": 0.1})
case("isclose_int", "isclose", [T([4], dtype="int64", values=[1, 2, 3, 100000000]), T([4], dtype="int64", values=[1, 3, 3, 100000001])], [t0, t1])
case("isclose_int_atol", "isclose", [T([4], dtype="int32", values=[1, 2, 3, 10]), T([4], dtype="int32", values=[1, 3, 5, 11])], [t0, t1], {"atol": 1.0})
case("isclose_uint8", "isclose", [T([3], dtype="uint8", values=[0, 5, 255]), T([3], dtype="uint8", values=[1, 5, 0])], [t0, t1], {"atol": 1.5})
case("isclose_bool", "isclose", [T([3], dtype="bool", values=[True, False, True]), T([3], dtype="bool", values=[True, True, False])], [t0, t1])
case("isclose_method", "isclose", [T([10], values=C1), T([10], values=C2)], [t1], {"atol": 1e-5}, method=True)
case("isclose_dtype_error", "isclose", [T([2]), T([2], dtype="float64")], [t0, t1])
case("isclose_dtype_error_int", "isclose", [T([2], dtype="int64"), T([2], dtype="int32")], [t0, t1])
case("isclose_rtol_error", "isclose", [T([2]), T([2])], [t0, t1], {"rtol": -1.0})
case("isclose_atol_error", "isclose", [T([2]), T([2])], [t0, t1], {"atol": -0.5})
case("isclose_rtol_error_digits", "isclose", [T([2]), T([2])], [t0, t1, -0.12345678, 0.0])
case("isclose_atol_error_small", "isclose", [T([2]), T([2])], [t0, t1], {"atol": -1.5e-10})
case("isclose_shape_error", "isclose", [T([2]), T([3])], [t0, t1])
case("allclose_true", "allclose", [T([3], values=[1.0, 2.0, 3.0]), T([3], values=[1.000001, 2.0, 3.00001])], [t0, t1])
case("allclose_false", "allclose", [T([10], values=C1), T([10], values=C2)], [t0, t1])
case("allclose_nan", "allclose", [T([2], values=[1.0, NAN]), T([2], values=[1.0, NAN])], [t0, t1])
case("allclose_equal_nan", "allclose", [T([2], values=[1.0, NAN]), T([2], values=[1.0, NAN])], [t0, t1], {"equal_nan": True})
case("allclose_tols", "allclose", [T([5], values=C1[:5]), T([5], values=C2[:5])], [t0, t1, 1e-3, 1e-7])
case("allclose_int", "allclose", [T([3], dtype="int64", values=[1, 2, 3]), T([3], dtype="int64", values=[1, 2, 3])], [t0, t1])
case("allclose_method", "allclose", [T([2, 3], 8), T([2, 3], 8)], [t1], {"rtol": 0.0, "atol": 0.0}, method=True)
case("allclose_empty", "allclose", [T([0]), T([0])], [t0, t1])
case("allclose_broadcast_error", "allclose", [T([2]), T([3])], [t0, t1])
case("allclose_dtype_error", "allclose", [T([2]), T([2], dtype="int64")], [t0, t1])

# ---- cummax / cummin ------------------------------------------------------------------------
TIES = [1.0, 3.0, 3.0, 2.0, 3.0, 0.0, -1.0, 2.0, 2.0, 0.5, -4.0, 2.0]
NANS = [1.0, NAN, 2.0, 5.0, 0.0, NAN, 3.0, -1.0, 4.0, 4.0, NAN, 1.0]
for op in ("cummax", "cummin"):
    case(f"{op}_dim1", op, [T([3, 4], 1)], [t0, 1])
    case(f"{op}_dim0", op, [T([3, 4], 2)], [t0, 0])
    case(f"{op}_neg", op, [T([2, 3, 2], 3)], [t0, -2])
    case(f"{op}_ties", op, [T([3, 4], values=TIES)], [t0, 1])
    case(f"{op}_ties_dim0", op, [T([4, 3], values=TIES)], [t0, 0])
    case(f"{op}_ties_T", op, [T([3, 4], values=TIES, layout="t")], [t0, 1])
    case(f"{op}_nan", op, [T([3, 4], values=NANS)], [t0, 1])
    case(f"{op}_inf", op, [T([5], values=[-INF, 1.0, INF, 2.0, -INF])], [t0, 0])
    case(f"{op}_ties_centered", op, [T([3, 4], values=TIES)], [t0, 1], centered=True)
    case(f"{op}_kw", op, [T([3, 4], 4)], [t0], {"dim": -1})
    case(f"{op}_method", op, [T([3, 4], values=TIES)], [0], method=True)
    case(f"{op}_int64", op, [T([3, 4], 5, "int64")], [t0, 1])
    case(f"{op}_int32_ties", op, [T([2, 5], 6, "int32", values=[2, 2, 1, 3, 3, -1, 0, -1, -1, 4])], [t0, 1])
    case(f"{op}_uint8", op, [T([4], dtype="uint8", values=[3, 7, 7, 0])], [t0, 0])
    case(f"{op}_bool", op, [T([5], dtype="bool", values=[False, True, False, True, False])], [t0, 0])
    case(f"{op}_f64", op, [T([2, 3], 7, "float64")], [t0, 1])
    case(f"{op}_scalar", op, [T([], values=[2.5])], [t0, 0])
    case(f"{op}_empty", op, [T([0, 3])], [t0, 0])
    case(f"{op}_empty_other", op, [T([2, 0])], [t0, 0])
    case(f"{op}_dim_error", op, [T([3, 4], 8)], [t0, 2])
    case(f"{op}_dim_error_neg", op, [T([3], 8)], [t0, -2])

# ---- logcumsumexp ---------------------------------------------------------------------------
case("logcumsumexp_dim1", "logcumsumexp", [T([3, 4], 9)], [t0, 1])
case("logcumsumexp_dim0", "logcumsumexp", [T([3, 4], 10)], [t0, 0])
case("logcumsumexp_neg", "logcumsumexp", [T([2, 3, 2], 11)], [t0, -2])
case("logcumsumexp_T", "logcumsumexp", [T([3, 4], 12, layout="t")], [t0, 1])
case("logcumsumexp_f64", "logcumsumexp", [T([2, 5], 13, "float64")], [t0, 1])
case("logcumsumexp_large", "logcumsumexp", [T([5], values=[100.0, 200.0, -50.0, 200.0, 88.0])], [t0, 0])
case("logcumsumexp_inf", "logcumsumexp", [T([6], values=[-INF, -INF, 1.0, INF, 2.0, -INF], rg=False)], [t0, 0])
case("logcumsumexp_neginf_only", "logcumsumexp", [T([3], values=[-INF, -INF, -INF], rg=False)], [t0, 0])
case("logcumsumexp_nan", "logcumsumexp", [T([4], values=[1.0, NAN, 2.0, 3.0], rg=False)], [t0, 0])
case("logcumsumexp_centered", "logcumsumexp", [T([3, 4], 18)], [t0, 1], centered=True)
case("logcumsumexp_centered_dim0", "logcumsumexp", [T([4, 3], 19, "float64")], [t0, 0], centered=True)
case("logcumsumexp_neginf_grad", "logcumsumexp", [T([4], values=[-INF, 1.0, -INF, 2.0])], [t0, 0])
case("logcumsumexp_kw", "logcumsumexp", [T([3, 4], 14)], [t0], {"dim": 0})
case("logcumsumexp_method", "logcumsumexp", [T([3, 4], 15)], [-1], method=True)
case("logcumsumexp_scalar", "logcumsumexp", [T([], values=[0.75])], [t0, 0])
case("logcumsumexp_empty", "logcumsumexp", [T([0, 3])], [t0, 1])
case("logcumsumexp_int_error", "logcumsumexp", [T([3], 16, "int64")], [t0, 0])
case("logcumsumexp_bool_error", "logcumsumexp", [T([2], dtype="bool", values=[True, False])], [t0, 0])
case("logcumsumexp_dim_error", "logcumsumexp", [T([3, 4], 17)], [t0, 2])

# ---- repeat_interleave ----------------------------------------------------------------------
I64 = lambda vals: T([len(vals)], dtype="int64", values=vals)  # noqa: E731
case("ri_int_flat", "repeat_interleave", [T([2, 3], 20)], [t0, 2])
case("ri_int_flat_T", "repeat_interleave", [T([2, 3], 21, layout="t")], [t0, 2])
case("ri_int_dim", "repeat_interleave", [T([2, 3], 22)], [t0, 3], {"dim": 1})
case("ri_int_dim_pos", "repeat_interleave", [T([2, 3], 23)], [t0, 2, 0])
case("ri_int_neg_dim", "repeat_interleave", [T([2, 3, 2], 24)], [t0, 2, -2])
case("ri_int_1d", "repeat_interleave", [T([3], 25)], [t0, 2])
case("ri_int_zero", "repeat_interleave", [T([2, 3], 26)], [t0, 0], {"dim": 0})
case("ri_int_scalar_input", "repeat_interleave", [T([], values=[3.0])], [t0, 2])
case("ri_int_scalar_input_dim", "repeat_interleave", [T([], values=[3.0])], [t0, 2, 0])
case("ri_int_output_size", "repeat_interleave", [T([2, 3], 27)], [t0, 2], {"dim": 1, "output_size": 6})
case("ri_int_output_size_error", "repeat_interleave", [T([2, 3], 28)], [t0, 2], {"dim": 1, "output_size": 5})
case("ri_int_negative", "repeat_interleave", [T([2, 3], 29)], [t0, -1])
case("ri_int_int32", "repeat_interleave", [T([2, 2], 30, "int32")], [t0, 2], {"dim": 0})
case("ri_int_bool", "repeat_interleave", [T([3], dtype="bool", values=[True, False, True])], [t0, 2])
case("ri_tensor_dim", "repeat_interleave", [T([3, 2], 31), I64([1, 0, 3])], [t0, t1, 0])
case("ri_tensor_flat", "repeat_interleave", [T([2, 2], 32), I64([1, 2, 0, 1])], [t0, t1])
case("ri_tensor_T", "repeat_interleave", [T([2, 3], 33, layout="t"), I64([2, 1, 3])], [t0, t1], {"dim": 1})
case("ri_tensor_int32", "repeat_interleave", [T([3], 34), T([3], dtype="int32", values=[2, 0, 1])], [t0, t1])
case("ri_tensor_scalar", "repeat_interleave", [T([2, 3], 35), T([], dtype="int64", values=[2])], [t0, t1], {"dim": 1})
case("ri_tensor_single", "repeat_interleave", [T([2, 3], 36), I64([3])], [t0, t1], {"dim": 0})
case("ri_tensor_output_size", "repeat_interleave", [T([3, 2], 37), I64([1, 0, 3])], [t0, t1, 0], {"output_size": 4})
case("ri_tensor_size_error", "repeat_interleave", [T([3, 2], 38), I64([1, 2])], [t0, t1, 0])
case("ri_tensor_2d_error", "repeat_interleave", [T([2, 2], 39), T([2, 1], dtype="int64", values=[1, 2])], [t0, t1, 0])
case("ri_tensor_negative", "repeat_interleave", [T([3], 40), I64([1, -1, 2])], [t0, t1])
case("ri_tensor_float_error", "repeat_interleave", [T([2], 41), T([2], values=[1.0, 2.0], rg=False)], [t0, t1])
case("ri_dim_error", "repeat_interleave", [T([2, 3], 42)], [t0, 2, 2])
case("ri_method_int", "repeat_interleave", [T([2, 3], 43)], [2, 1], method=True)
case("ri_method_tensor", "repeat_interleave", [T([2, 3], 44), I64([1, 2])], [t1], {"dim": 0}, method=True)
case("ri_repeats_only", "repeat_interleave", [I64([2, 0, 3, 1])], [t0])
case("ri_repeats_only_int32", "repeat_interleave", [T([3], dtype="int32", values=[1, 2, 1])], [t0])
case("ri_repeats_only_output_size", "repeat_interleave", [I64([2, 1])], [t0], {"output_size": 3})
case("ri_repeats_only_output_size_error", "repeat_interleave", [I64([2, 1])], [t0], {"output_size": 4})
case("ri_repeats_only_empty", "repeat_interleave", [T([0], dtype="int64", values=[])], [t0])
case("ri_repeats_only_negative", "repeat_interleave", [I64([2, -1])], [t0])
case("ri_repeats_only_2d_error", "repeat_interleave", [T([1, 2], dtype="int64", values=[1, 2])], [t0])
case("ri_repeats_only_float_error", "repeat_interleave", [T([2], values=[1.0, 2.0], rg=False)], [t0])

# ---- rot90 ----------------------------------------------------------------------------------
for k in (1, 2, 3, 0, -1, 5, -6):
    case(f"rot90_k{k}", "rot90", [T([3, 4], 50 + k)], [t0, k])
case("rot90_default", "rot90", [T([3, 4], 60)], [t0])
case("rot90_dims", "rot90", [T([2, 3, 4], 61)], [t0, 1, [2, 0]])
case("rot90_dims_neg", "rot90", [T([2, 3, 4], 62)], [t0, 3, [-1, -2]])
case("rot90_kw", "rot90", [T([2, 3, 4], 63)], [t0], {"k": 2, "dims": [1, 2]})
case("rot90_T", "rot90", [T([3, 4], 64, layout="t")], [t0, 1])
case("rot90_int", "rot90", [T([2, 3], 65, "int64")], [t0, 1])
case("rot90_bool", "rot90", [T([2, 2], dtype="bool", values=[True, False, False, False])], [t0, -1])
case("rot90_method", "rot90", [T([3, 4], 66)], [1, [1, 0]], method=True)
case("rot90_method_default", "rot90", [T([3, 4], 67)], [], method=True)
case("rot90_1d_error", "rot90", [T([3], 68)], [t0])
case("rot90_dims_len_error", "rot90", [T([3, 4], 69)], [t0, 1, [0]])
case("rot90_same_dims_error", "rot90", [T([3, 4], 70)], [t0, 1, [0, -2]])
case("rot90_same_dims_error2", "rot90", [T([3, 4], 70)], [t0, 1, [1, 1]])
case("rot90_dim0_range_error", "rot90", [T([3, 4], 71)], [t0, 1, [3, 0]])
case("rot90_dim1_range_error", "rot90", [T([3, 4], 72)], [t0, 1, [0, -3]])

# ---- diag_embed -----------------------------------------------------------------------------
case("diag_embed_1d", "diag_embed", [T([3], 80)], [t0])
case("diag_embed_2d", "diag_embed", [T([2, 3], 81)], [t0])
case("diag_embed_offset", "diag_embed", [T([2, 3], 82)], [t0, 1])
case("diag_embed_offset_neg", "diag_embed", [T([2, 3], 83)], [t0, -2])
case("diag_embed_dims", "diag_embed", [T([2, 3], 84)], [t0, 0, 0, 2])
case("diag_embed_dims_swapped", "diag_embed", [T([2, 3], 85)], [t0, 1, -1, 0])
case("diag_embed_kw", "diag_embed", [T([2, 3], 86)], [t0], {"offset": -1, "dim1": 1, "dim2": 0})
case("diag_embed_T", "diag_embed", [T([3, 2], 87, layout="t")], [t0])
case("diag_embed_int", "diag_embed", [T([2, 2], 88, "int32")], [t0])
case("diag_embed_bool", "diag_embed", [T([2], dtype="bool", values=[True, True])], [t0, 1])
case("diag_embed_empty", "diag_embed", [T([0])], [t0])
case("diag_embed_method", "diag_embed", [T([2, 3], 89)], [1, 0, 1], method=True)
case("diag_embed_same_dims_error", "diag_embed", [T([2, 3], 90)], [t0, 0, 1, -2])
case("diag_embed_dim_error", "diag_embed", [T([2, 3], 91)], [t0, 0, 3, 0])
case("diag_embed_scalar_error", "diag_embed", [T([], values=[1.0])], [t0])

# ---- meshgrid -------------------------------------------------------------------------------
# The first case calls it without indexing: PyTorch warns once per process (TORCH_WARN_ONCE).
case("meshgrid_no_indexing_warns", "meshgrid", [T([3], 100), T([2], 101)], [t0, t1])
case("meshgrid_no_indexing_again", "meshgrid", [T([2], 102), T([2], 103)], [t0, t1])
case("meshgrid_ij", "meshgrid", [T([3], 104), T([2], 105)], [t0, t1], {"indexing": "ij"})
case("meshgrid_xy", "meshgrid", [T([3], 106), T([2], 107)], [t0, t1], {"indexing": "xy"})
case("meshgrid_three_xy", "meshgrid", [T([2], 108), T([3], 109), T([2], 110)], [t0, t1, t2], {"indexing": "xy"})
case("meshgrid_three_ij", "meshgrid", [T([2], 111), T([1], 112), T([3], 113)], [t0, t1, t2], {"indexing": "ij"})
case("meshgrid_list", "meshgrid", [T([3], 114), T([2], 115)], [{"tl": [0, 1]}], {"indexing": "xy"})
case("meshgrid_one", "meshgrid", [T([3], 116)], [t0], {"indexing": "xy"})
case("meshgrid_scalar", "meshgrid", [T([], values=[1.5]), T([2], 117)], [t0, t1], {"indexing": "xy"})
case("meshgrid_int", "meshgrid", [T([2], 118, "int64"), T([3], 119, "int64")], [t0, t1], {"indexing": "ij"})
case("meshgrid_empty_tensor", "meshgrid", [T([0]), T([2], 120)], [t0, t1], {"indexing": "ij"})
case("meshgrid_dtype_error", "meshgrid", [T([2], 121), T([2], 122, "float64")], [t0, t1], {"indexing": "ij"})
case("meshgrid_indexing_error", "meshgrid", [T([2], 123)], [t0], {"indexing": "foo"})
# A tensor of more than one dim: the message embeds it as C++'s operator<< prints it.
case("meshgrid_2d_error", "meshgrid", [T([2, 2], values=[1.5, 2.25, 3.0, -4.0])], [t0], {"indexing": "ij"})
case("meshgrid_2d_int_valued_error", "meshgrid", [T([2, 2], values=[1.0, 1.0, 1.0, 1.0])], [t0], {"indexing": "ij"})
case("meshgrid_wide_error", "meshgrid", [T([2, 20], values=[i * 1.5 for i in range(40)])], [t0], {"indexing": "ij"})
case("meshgrid_3d_error", "meshgrid", [T([2, 2, 2], dtype="int64", values=list(range(8)))], [t0], {"indexing": "ij"})
case("meshgrid_4d_error", "meshgrid", [T([2, 3, 1, 2], values=[i * 0.5 - 2 for i in range(12)])], [t0], {"indexing": "ij"})
case("meshgrid_sci_error", "meshgrid", [T([2, 2], values=[1e10, 1.0, 2.0, 3.0])], [t0], {"indexing": "ij"})
case("meshgrid_bool_error", "meshgrid", [T([1, 2], dtype="bool", values=[True, False])], [t0], {"indexing": "ij"})
case("meshgrid_spread_error", "meshgrid", [T([1, 2], values=[0.001, 1000.0])], [t0], {"indexing": "ij"})
case("meshgrid_nonfinite_error", "meshgrid", [T([2, 2], values=[NAN, INF, 1.0, 2.0])], [t0], {"indexing": "ij"})
case("meshgrid_bigint_error", "meshgrid", [T([1, 2], values=[123456789.0, 1234567.0])], [t0], {"indexing": "ij"})
case("meshgrid_scale_error", "meshgrid", [T([1, 2], values=[1e-5, 2e-5])], [t0], {"indexing": "ij"})
case("meshgrid_scale_big_error", "meshgrid", [T([2, 2], values=[123456.5, 234567.25, -1.5, 99999.0])], [t0], {"indexing": "ij"})
case("meshgrid_scale_rows_error", "meshgrid", [T([2, 2], values=[123456.5, 234567.25, 100000.5, 999999.0])], [t0], {"indexing": "ij"})
case("meshgrid_scale_3d_error", "meshgrid", [T([2, 1, 2], values=[0.5, 1.5, 123456.5, 234567.25])], [t0], {"indexing": "ij"})
case("meshgrid_f64_error", "meshgrid", [T([3, 2], 124, "float64")], [t0], {"indexing": "ij"})
case("meshgrid_none_error", "meshgrid", [], [], {"indexing": "ij"})


def run_case(c):
    inputs = [make_input(s) for s in c["inputs"]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec, res = record_call(c, inputs)
        if "error" in rec:
            return rec
    rec["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
    if isinstance(res, bool):
        rec["bool"] = res
        return rec
    outs = as_outputs(rec, res)
    if type(res).__module__ == "torch.return_types":
        rec["fields"] = [f for f in ("values", "indices") if hasattr(res, f)]
        rec["repr"] = repr(res)
    rec["outputs"] = [
        {
            "tensor": encode_tensor(o),
            "stride": list(o.stride()),
            "grad_fn": graph(o.grad_fn, inputs),
            "is_view": o._is_view(),
        }
        for o in outs
    ]
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(inputs) if x.requires_grad]
    if diff_outs and wrt:
        gos = [grad_output(o.shape, o.dtype) - (1 if c.get("centered") else 0) for o in diff_outs]
        grads = torch.autograd.grad(diff_outs, [inputs[i] for i in wrt], gos, allow_unused=True)
        rec["grads"] = encode_grads(wrt, grads)
    return rec


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    write("ops_misc", {"torch_version": torch.__version__, "cases": [run_case(c) for c in CASES]})
