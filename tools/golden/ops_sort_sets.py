#!/usr/bin/env python3
"""Golden cases for sorting and set ops (src/ops/sort*.ts, src/ops/sets*.ts), recorded from
PyTorch 1.13.

Each case names a call (`torch.<op>(...)` or `x.<op>(...)`), its tensor inputs (explicit values,
optionally a non-contiguous transposed view), positional args and keyword args (which the TS side
passes as one trailing options object, porting rule 2). Recorded: every output (values, dtype,
shape), its grad_fn name and whether it is a view, named-tuple fields, and the gradients w.r.t.
each input that requires grad for a fixed grad_output (see cases.grad_output), or the error.
Run:  /usr/bin/python3 tools/golden/ops_sort_sets.py   (or: npm run golden)
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import T, call, case_table, decode, encode_output, f64, grads_for_outputs, make_input, t0, t1, t2  # noqa: E402
from common import INF, NAN, encode_error, write  # noqa: E402

CASES, case = case_table()


def ints_as_float(n, seed, lo=0, hi=4):
    """n small integers held as floats: many ties, for the tie order of the unstable sorts."""
    g = torch.Generator().manual_seed(seed)
    return [float(v) for v in torch.randint(lo, hi, (n,), generator=g).tolist()]


TIES = [1.0, 3.0, 3.0, 2.0, 3.0, 0.0, -1.0, 2.0, 2.0, 0.5, -4.0, 2.0]
NANS = [1.0, NAN, 2.5, -1.0, NAN, INF, 0.5, -INF, -2.0, 2.5, 0.0, NAN]
BIG_TIES = ints_as_float(40, 1)
HUGE_TIES = ints_as_float(150, 2, 0, 6)

# ---- sort / argsort / msort -------------------------------------------------------------------
case("sort_basic", "sort", [T([3, 4], 1)], [t0])
case("sort_dim0", "sort", [T([3, 4], 2)], [t0, 0])
case("sort_desc", "sort", [T([3, 4], 3)], [t0, 1, True])
case("sort_kw", "sort", [T([3, 4], 4)], [t0], {"dim": 0, "descending": True})
case("sort_ties", "sort", [T([3, 4], values=TIES)], [t0, 1])
case("sort_ties_flat", "sort", [T([12], values=TIES)], [t0])
case("sort_ties_desc", "sort", [T([12], values=TIES)], [t0, 0, True])
case("sort_stable", "sort", [T([12], values=TIES)], [t0], {"stable": True})
case("sort_stable_desc", "sort", [T([40], values=BIG_TIES)], [t0], {"stable": True, "descending": True})
case("sort_big_ties", "sort", [T([40], values=BIG_TIES)], [t0])
case("sort_big_ties_desc", "sort", [T([40], values=BIG_TIES)], [t0, -1, True])
case("sort_huge_ties", "sort", [T([150], values=HUGE_TIES)], [t0])
case("sort_huge_ties_2d", "sort", [T([3, 50], values=HUGE_TIES)], [t0, 1, True])
case("sort_nan", "sort", [T([12], values=NANS)], [t0])
case("sort_nan_desc", "sort", [T([12], values=NANS)], [t0, 0, True])
case("sort_nan_stable", "sort", [T([3, 4], values=NANS)], [t0], {"stable": True, "dim": 0})
case("sort_T", "sort", [T([3, 4], 5, layout="t")], [t0, 0])
case("sort_T_dim1", "sort", [T([3, 4], values=TIES, layout="t")], [t0, 1, True])
case("sort_3d", "sort", [T([2, 3, 4], 6)], [t0, 1])
case("sort_int", "sort", [T([3, 4], 7, "int64")], [t0])
case("sort_int32_desc", "sort", [T([12], 8, "int32")], [t0, 0, True])
case("sort_uint8", "sort", [T([6], 9, "uint8")], [t0])
case("sort_bool", "sort", [T([6], values=[True, False, True, False, False, True], dtype="bool")], [t0])
case("sort_float64", "sort", [T([5], 10, "float64")], [t0])
case("sort_scalar", "sort", [T([], values=[2.5])], [t0])
case("sort_empty", "sort", [T([0], 0)], [t0])
case("sort_empty_2d", "sort", [T([2, 0], 0)], [t0, 0])
case("sort_dim_oob", "sort", [T([3, 4], 11)], [t0, 2])
case("sort_method", "sort", [T([3, 4], 12)], [], method=True)
case("sort_method_args", "sort", [T([3, 4], 13)], [0, True], method=True)
case("sort_method_kw", "sort", [T([12], values=TIES)], [], {"stable": True, "descending": True}, method=True)
case("argsort_basic", "argsort", [T([3, 4], 14)], [t0])
case("argsort_desc", "argsort", [T([12], values=TIES)], [t0, 0, True])
case("argsort_ties", "argsort", [T([40], values=BIG_TIES)], [t0])
case("argsort_kw", "argsort", [T([3, 4], 15)], [t0], {"dim": 0, "descending": True})
case("argsort_method", "argsort", [T([3, 4], values=TIES)], [0], method=True)
case("argsort_int", "argsort", [T([8], 16, "int64")], [t0])
case("msort", "msort", [T([3, 4], 17)], [t0])
case("msort_T", "msort", [T([3, 4], values=TIES, layout="t")], [t0])
case("msort_method", "msort", [T([4, 2], 18)], [], method=True)
# ---- topk ------------------------------------------------------------------------------------
case("topk_basic", "topk", [T([3, 5], 19)], [t0, 2])
case("topk_smallest", "topk", [T([3, 5], 20)], [t0, 3], {"largest": False})
case("topk_dim0", "topk", [T([4, 3], 21)], [t0, 2, 0])
case("topk_unsorted", "topk", [T([10], 22)], [t0, 4], {"sorted": False})
case("topk_unsorted_small", "topk", [T([10], 23)], [t0, 4, 0, False, False])
case("topk_ties", "topk", [T([12], values=TIES)], [t0, 5])
case("topk_ties_smallest", "topk", [T([12], values=TIES)], [t0, 5, -1, False])
case("topk_big_ties", "topk", [T([40], values=BIG_TIES)], [t0, 10])
case("topk_huge_ties", "topk", [T([150], values=HUGE_TIES)], [t0, 2])
case("topk_huge_ties_small", "topk", [T([150], values=HUGE_TIES)], [t0, 2], {"largest": False})
case("topk_huge_ties_unsorted", "topk", [T([150], values=HUGE_TIES)], [t0, 30], {"sorted": False})
case("topk_nan", "topk", [T([12], values=NANS)], [t0, 4])
case("topk_nan_smallest", "topk", [T([12], values=NANS)], [t0, 4], {"largest": False})
case("topk_T", "topk", [T([3, 4], 24, layout="t")], [t0, 2, 0])
case("topk_int", "topk", [T([3, 4], 25, "int64")], [t0, 2])
case("topk_k0", "topk", [T([3, 4], 26)], [t0, 0])
case("topk_kall", "topk", [T([5], 27)], [t0, 5])
case("topk_scalar", "topk", [T([], values=[1.5])], [t0, 1])
case("topk_k_oob", "topk", [T([3, 4], 28)], [t0, 5])
case("topk_dim_oob", "topk", [T([3, 4], 29)], [t0, 1, 2])
case("topk_method", "topk", [T([3, 4], 30)], [2], method=True)
# ---- kthvalue --------------------------------------------------------------------------------
case("kthvalue_basic", "kthvalue", [T([3, 5], 31)], [t0, 2])
case("kthvalue_dim0_keepdim", "kthvalue", [T([4, 3], 32)], [t0, 3, 0, True])
case("kthvalue_ties", "kthvalue", [T([12], values=TIES)], [t0, 6])
case("kthvalue_ties2", "kthvalue", [T([12], values=TIES)], [t0, 8])
case("kthvalue_big_ties", "kthvalue", [T([40], values=BIG_TIES)], [t0, 17])
case("kthvalue_huge_ties", "kthvalue", [T([3, 50], values=HUGE_TIES)], [t0, 25, 1])
case("kthvalue_nan", "kthvalue", [T([12], values=NANS)], [t0, 10])
case("kthvalue_nan_low", "kthvalue", [T([12], values=NANS)], [t0, 3])
case("kthvalue_T", "kthvalue", [T([3, 4], 33, layout="t")], [t0, 2, 1])
case("kthvalue_kw", "kthvalue", [T([3, 4], 34)], [t0, 1], {"dim": 0, "keepdim": True})
case("kthvalue_int", "kthvalue", [T([3, 4], 35, "int32")], [t0, 2])
case("kthvalue_scalar", "kthvalue", [T([], values=[1.5])], [t0, 1])
case("kthvalue_k_oob", "kthvalue", [T([3, 4], 36)], [t0, 5])
case("kthvalue_k0", "kthvalue", [T([3, 4], 37)], [t0, 0])
case("kthvalue_empty", "kthvalue", [T([0, 3], 0)], [t0, 1, 0])
case("kthvalue_method", "kthvalue", [T([3, 4], 38)], [2, 0], method=True)
# ---- median ----------------------------------------------------------------------------------
case("median_all", "median", [T([3, 4], 39)], [t0])
case("median_all_odd", "median", [T([5], 40)], [t0])
case("median_all_ties", "median", [T([12], values=TIES)], [t0])
case("median_all_nan", "median", [T([12], values=NANS)], [t0])
case("median_all_int", "median", [T([3, 4], 41, "int64")], [t0])
case("median_all_empty", "median", [T([0], 0)], [t0])
case("median_all_T", "median", [T([3, 4], 42, layout="t")], [t0])
case("median_dim", "median", [T([3, 4], 43)], [t0, 1])
case("median_dim0_keepdim", "median", [T([4, 3], 44)], [t0, 0, True])
case("median_dim_ties", "median", [T([3, 4], values=TIES)], [t0, 1])
case("median_dim_ties_T", "median", [T([4, 3], values=TIES, layout="t")], [t0, 0])
case("median_dim_big_ties", "median", [T([40], values=BIG_TIES)], [t0, 0])
case("median_dim_nan", "median", [T([3, 4], values=NANS)], [t0, 1])
case("median_dim_kw", "median", [T([2, 3, 4], 45)], [t0], {"dim": -2, "keepdim": True})
case("median_dim_int", "median", [T([3, 4], 46, "int32")], [t0, 0])
case("median_dim_scalar", "median", [T([], values=[2.5])], [t0, 0])
case("median_dim_empty", "median", [T([0, 3], 0)], [t0, 0])
case("median_dim_oob", "median", [T([3, 4], 47)], [t0, 2])
case("median_method", "median", [T([3, 4], 48)], [], method=True)
case("median_method_dim", "median", [T([3, 4], 49)], [-1], method=True)
NANMED = [1.0, NAN, 2.5, -1.0, NAN, NAN, 0.5, 3.0, NAN, NAN, NAN, NAN]
case("nanmedian_all", "nanmedian", [T([12], values=NANMED)], [t0])
case("nanmedian_all_nonan", "nanmedian", [T([3, 4], 98)], [t0])
case("nanmedian_all_allnan", "nanmedian", [T([3], values=[NAN, NAN, NAN])], [t0])
case("nanmedian_all_empty", "nanmedian", [T([0], 0)], [t0])
case("nanmedian_dim", "nanmedian", [T([3, 4], values=NANMED)], [t0, 1])
case("nanmedian_dim0", "nanmedian", [T([4, 3], values=NANMED)], [t0, 0, True])
case("nanmedian_allnan_rows", "nanmedian", [T([2, 6], values=[NAN] * 12)], [t0, 1])
case("nanmedian_allnan_long", "nanmedian", [T([1, 20], values=[NAN] * 20)], [t0, 1])
case("nanmedian_ties", "nanmedian", [T([40], values=BIG_TIES)], [t0, 0])
case("nanmedian_int", "nanmedian", [T([3, 4], 99, "int64")], [t0, 1])
case("nanmedian_method", "nanmedian", [T([3, 4], values=NANMED)], [-1], method=True)
case("median_dim_nan_many", "median", [T([2, 6], values=NANMED)], [t0, 1])
B3 = [True, False, True]
case("topk_bool", "topk", [T([3], values=B3, dtype="bool")], [t0, 1])
case("kthvalue_bool", "kthvalue", [T([3], values=B3, dtype="bool")], [t0, 1])
case("median_bool", "median", [T([3], values=B3, dtype="bool")], [t0])
case("median_dim_bool", "median", [T([3], values=B3, dtype="bool")], [t0, 0])
case("nanmedian_bool", "nanmedian", [T([3], values=B3, dtype="bool")], [t0])
case("msort_bool", "msort", [T([3], values=B3, dtype="bool")], [t0])
case("unique_consecutive_bool", "unique_consecutive", [T([3], values=B3, dtype="bool")], [t0])
case("searchsorted_bool", "searchsorted", [T([3], values=B3, dtype="bool"), T([3], values=B3, dtype="bool")], [t0, t1])
case("bucketize_bool_bd", "bucketize", [T([1], values=[1.0], rg=False), T([3], values=B3, dtype="bool")], [t0, t1])
case("diff_uint8", "diff", [T([3], values=[1, 5, 3], dtype="uint8")], [t0])
# ---- mode ------------------------------------------------------------------------------------
case("mode_basic", "mode", [T([12], values=TIES)], [t0])
case("mode_2d", "mode", [T([3, 4], values=TIES)], [t0, 1])
case("mode_dim0_keepdim", "mode", [T([4, 3], values=TIES)], [t0, 0, True])
case("mode_big_ties", "mode", [T([40], values=BIG_TIES)], [t0])
case("mode_huge_ties", "mode", [T([3, 50], values=HUGE_TIES)], [t0, -1])
case("mode_huge_ties_T", "mode", [T([50, 3], values=HUGE_TIES, layout="t")], [t0, 0])
case("mode_all_distinct", "mode", [T([5], 90)], [t0])
case("mode_int", "mode", [T([3, 6], 91, "int64")], [t0, 1])
case("mode_bool", "mode", [T([5], values=[True, False, True, False, False], dtype="bool")], [t0])
case("mode_kw", "mode", [T([3, 4], values=TIES)], [t0], {"dim": 0, "keepdim": True})
case("mode_scalar", "mode", [T([], values=[2.5])], [t0])
case("mode_empty_ok", "mode", [T([0, 3], 0)], [t0, 1])
case("mode_empty_err", "mode", [T([0, 3], 0)], [t0, 0])
case("mode_method", "mode", [T([3, 4], values=TIES)], [0], method=True)
# ---- unique / unique_consecutive ----------------------------------------------------------------
UNI = [3.0, 1.0, 2.0, 3.0, 1.0, 0.0, -2.0, 2.0, 2.0, 3.0]
case("unique", "unique", [T([10], values=UNI)], [t0])
case("unique_2d", "unique", [T([2, 5], values=UNI)], [t0])
case("unique_inverse", "unique", [T([2, 5], values=UNI)], [t0], {"return_inverse": True})
case("unique_counts", "unique", [T([10], values=UNI)], [t0], {"return_counts": True})
case("unique_both", "unique", [T([2, 5], values=UNI, layout="t")], [t0], {"return_inverse": True, "return_counts": True})
case("unique_pos", "unique", [T([10], values=UNI)], [t0, True, True, True])
case("unique_int", "unique", [T([3, 4], 50, "int64")], [t0], {"return_counts": True})
case("unique_int32", "unique", [T([8], 51, "int32")], [t0], {"return_inverse": True})
case("unique_bool", "unique", [T([5], values=[True, False, True, True, False], dtype="bool")], [t0], {"return_inverse": True, "return_counts": True})
case("unique_bool_one", "unique", [T([3], values=[True, True, True], dtype="bool")], [t0])
case("unique_empty", "unique", [T([0], 0)], [t0], {"return_inverse": True, "return_counts": True})
case("unique_scalar", "unique", [T([], values=[2.0])], [t0], {"return_inverse": True, "return_counts": True})
DIMV = [1.0, 2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0, 3.0, 0.0, 3.0, 0.0]
case("unique_dim0", "unique", [T([4, 3], values=[1.0, 2.0, 3.0, 0.0, 1.0, 2.0, 1.0, 2.0, 3.0, 0.0, 0.0, 0.0])], [t0], {"dim": 0, "return_inverse": True, "return_counts": True})
case("unique_dim1", "unique", [T([3, 4], values=DIMV)], [t0], {"dim": 1, "return_inverse": True, "return_counts": True})
case("unique_dim_neg", "unique", [T([3, 4], values=DIMV)], [t0], {"dim": -1})
case("unique_dim_3d", "unique", [T([2, 3, 2], values=[1.0, 0.0, 1.0, 0.0, 2.0, 2.0, 1.0, 0.0, 1.0, 0.0, 2.0, 2.0])], [t0], {"dim": 1, "return_counts": True})
case("unique_dim_int", "unique", [T([3, 2], values=[2, 1, 0, 5, 2, 1], dtype="int64")], [t0], {"dim": 0, "return_inverse": True})
case("unique_unsorted", "unique", [T([10], values=UNI)], [t0], {"sorted": False, "return_inverse": True, "return_counts": True})
case("unique_unsorted_int", "unique", [T([40], values=[v - 1.0 for v in BIG_TIES], dtype="int64")], [t0, False])
case("unique_unsorted_big", "unique", [T([150], values=[v * 1.5 - 3.0 for v in HUGE_TIES])], [t0], {"sorted": False, "return_counts": True})
case("unique_unsorted_f64", "unique", [T([3, 4], 92, "float64")], [t0], {"sorted": False})
case("unique_unsorted_int32", "unique", [T([5, 6], 93, "int32")], [t0], {"sorted": False, "return_inverse": True})
case("unique_unsorted_negzero", "unique", [T([5], values=[0.0, -0.0, 1.0, -0.0, 2.0])], [t0], {"sorted": False, "return_counts": True})
case("unique_nan", "unique", [T([7], values=[1.0, NAN, 2.0, NAN, 1.0, 0.5, NAN])], [t0], {"return_inverse": True, "return_counts": True})
case("unique_nan_unsorted", "unique", [T([7], values=[1.0, NAN, 2.0, NAN, 1.0, 0.5, NAN])], [t0], {"sorted": False, "return_counts": True})
case("unique_uint8_unsorted", "unique", [T([8], 94, "uint8")], [t0, False, True])
case("unique_unsorted_rehash", "unique", [T([45], 95)], [t0], {"sorted": False, "return_inverse": True})
case("unique_unsorted_rehash_int", "unique", [T([80], values=ints_as_float(80, 3, -60, 60), dtype="int64")], [t0], {"sorted": False, "return_counts": True})
case("unique_unsorted_rehash_f64", "unique", [T([70], 96, "float64")], [t0], {"sorted": False})
case("unique_sorted_big", "unique", [T([200], values=ints_as_float(200, 4, -100, 100), dtype="int64")], [t0], {"return_inverse": True, "return_counts": True})
case("unique_method", "unique", [T([10], values=UNI)], [], {"return_counts": True}, method=True)
CONS = [1.0, 1.0, 2.0, 2.0, 3.0, 1.0, 1.0, 2.0, 0.0, 0.0]
case("unique_consecutive", "unique_consecutive", [T([10], values=CONS)], [t0])
case("unique_consecutive_inv", "unique_consecutive", [T([2, 5], values=CONS)], [t0], {"return_inverse": True})
case("unique_consecutive_counts", "unique_consecutive", [T([10], values=CONS)], [t0], {"return_counts": True})
case("unique_consecutive_both", "unique_consecutive", [T([2, 5], values=CONS, layout="t")], [t0, True, True])
case("unique_consecutive_int", "unique_consecutive", [T([6], values=[1, 1, 2, 2, 2, 1], dtype="int64")], [t0], {"return_counts": True})
case("unique_consecutive_nan", "unique_consecutive", [T([5], values=[1.0, NAN, NAN, 2.0, 2.0])], [t0], {"return_counts": True})
case("unique_consecutive_dim", "unique_consecutive", [T([4, 2], values=[1.0, 2.0, 1.0, 2.0, 0.0, 0.0, 1.0, 2.0])], [t0], {"dim": 0, "return_inverse": True, "return_counts": True})
case("unique_consecutive_dim1", "unique_consecutive", [T([2, 4], values=[1.0, 1.0, 0.0, 0.0, 2.0, 2.0, 0.0, 1.0])], [t0], {"dim": 1, "return_counts": True})
case("unique_consecutive_empty", "unique_consecutive", [T([0], 0)], [t0], {"return_inverse": True, "return_counts": True})
case("unique_consecutive_method", "unique_consecutive", [T([10], values=CONS)], [], method=True)
# ---- bincount / histc ------------------------------------------------------------------------
BIN = [1, 3, 3, 0, 5, 1, 1]
case("bincount", "bincount", [T([7], values=BIN, dtype="int64")], [t0])
case("bincount_weights", "bincount", [T([7], values=BIN, dtype="int64"), T([7], 52, rg=False)], [t0, t1])
case("bincount_weights64", "bincount", [T([7], values=BIN, dtype="int64"), T([7], 53, "float64", rg=False)], [t0], {"weights": t1})
case("bincount_weights_int", "bincount", [T([7], values=BIN, dtype="int64"), T([7], 54, "int32")], [t0, t1])
case("bincount_minlength", "bincount", [T([7], values=BIN, dtype="int64")], [t0], {"minlength": 9})
case("bincount_minlength_small", "bincount", [T([7], values=BIN, dtype="int32")], [t0, None, 2])
case("bincount_uint8", "bincount", [T([4], values=[2, 2, 0, 7], dtype="uint8")], [t0])
case("bincount_empty", "bincount", [T([0], 0, "int64")], [t0])
case("bincount_empty_min", "bincount", [T([0], 0, "int64")], [t0], {"minlength": 3})
case("bincount_neg", "bincount", [T([3], values=[1, -1, 2], dtype="int64")], [t0])
case("bincount_float", "bincount", [T([3], values=[1.0, 2.0, 0.0], rg=False)], [t0])
case("bincount_2d", "bincount", [T([2, 2], values=[1, 2, 0, 1], dtype="int64")], [t0])
case("bincount_weights_len", "bincount", [T([3], values=[1, 2, 0], dtype="int64"), T([2], 55, rg=False)], [t0, t1])
case("bincount_neg_minlength", "bincount", [T([3], values=[1, 2, 0], dtype="int64")], [t0], {"minlength": -1})
case("bincount_weights_grad", "bincount", [T([7], values=BIN, dtype="int64"), T([7], 97)], [t0, t1])
case("bincount_method", "bincount", [T([7], values=BIN, dtype="int64")], [], {"minlength": 2}, method=True)
HV = [0.5, 1.5, 2.0, 2.5, 3.9, 4.0, -1.0, 5.0, 1.0, 3.0]
case("histc", "histc", [T([10], values=HV, rg=False)], [t0])
case("histc_bins", "histc", [T([10], values=HV, rg=False)], [t0, 4, 0, 4])
case("histc_kw", "histc", [T([2, 5], values=HV, rg=False)], [t0], {"bins": 5, "min": 1, "max": 3})
case("histc_auto", "histc", [T([10], values=HV, rg=False)], [t0, 6])
case("histc_f64", "histc", [T([3, 4], 56, "float64", rg=False)], [t0, 7])
case("histc_const", "histc", [T([3], values=[2.0, 2.0, 2.0], rg=False)], [t0, 4])
case("histc_nan", "histc", [T([4], values=[1.0, NAN, 2.0, 0.0], rg=False)], [t0, 3, 0, 3])
case("histc_empty", "histc", [T([0], 0, rg=False)], [t0, 3])
case("histc_int", "histc", [T([4], values=[1, 2, 2, 3], dtype="int64")], [t0, 3])
case("histc_bad_bins", "histc", [T([4], 57, rg=False)], [t0, 0])
case("histc_bad_range", "histc", [T([4], 58, rg=False)], [t0, 3, 2, 1])
case("histc_grad", "histc", [T([4], 59)], [t0, 3])
case("histc_method", "histc", [T([10], values=HV, rg=False)], [3, 0, 3], method=True)
# ---- searchsorted / bucketize ----------------------------------------------------------------
SEQ = [1.0, 3.0, 3.0, 5.0, 7.0, 9.0]
VALS = [3.0, 6.0, 9.0, 0.0, 10.0, 1.0]
case("searchsorted", "searchsorted", [T([6], values=SEQ, rg=False), T([2, 3], values=VALS, rg=False)], [t0, t1])
case("searchsorted_right", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"right": True})
case("searchsorted_side", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"side": "right"})
case("searchsorted_side_left", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"side": "left"})
case("searchsorted_int32", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"out_int32": True})
case("searchsorted_2d", "searchsorted", [T([2, 3], values=[1.0, 3.0, 5.0, 2.0, 4.0, 6.0], rg=False), T([2, 2], values=[3.0, 6.0, 3.0, 1.0], rg=False)], [t0, t1])
case("searchsorted_2d_right", "searchsorted", [T([2, 3], values=[1.0, 3.0, 5.0, 2.0, 4.0, 6.0], rg=False, layout="t"), T([2, 2], values=[3.0, 6.0, 4.0, 1.0], rg=False)], [t0, t1], {"right": True})
case("searchsorted_scalar", "searchsorted", [T([6], values=SEQ, rg=False)], [t0, 4.0])
case("searchsorted_scalar_right", "searchsorted", [T([6], values=SEQ, rg=False)], [t0, 3], {"right": True})
case("searchsorted_int_seq", "searchsorted", [T([4], values=[1, 3, 5, 7], dtype="int64"), T([3], values=[2.5, 7.0, 0.0], rg=False)], [t0, t1])
case("searchsorted_sorter", "searchsorted", [T([5], values=[5.0, 1.0, 9.0, 3.0, 7.0], rg=False), T([3], values=[4.0, 9.0, 0.0], rg=False)], [t0, t1], {"sorter": {"t": 2}})
case("searchsorted_nan", "searchsorted", [T([4], values=[1.0, 2.0, 3.0, NAN], rg=False), T([3], values=[NAN, 2.0, 5.0], rg=False)], [t0, t1])
case("searchsorted_side_err", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"side": "middle"})
case("searchsorted_side_conflict", "searchsorted", [T([6], values=SEQ, rg=False), T([6], values=VALS, rg=False)], [t0, t1], {"right": True, "side": "left"})
case("searchsorted_shape_err", "searchsorted", [T([2, 3], 60, rg=False), T([3, 2], 61, rg=False)], [t0, t1])
case("searchsorted_empty", "searchsorted", [T([0], 0, rg=False), T([2], values=[1.0, 2.0], rg=False)], [t0, t1])
case("bucketize", "bucketize", [T([2, 3], values=VALS, rg=False), T([6], values=SEQ, rg=False)], [t0, t1])
case("bucketize_right", "bucketize", [T([6], values=VALS, rg=False), T([6], values=SEQ, rg=False)], [t0, t1], {"right": True})
case("bucketize_int32", "bucketize", [T([6], values=VALS, rg=False), T([6], values=SEQ, rg=False)], [t0, t1], {"out_int32": True})
case("bucketize_scalar", "bucketize", [T([6], values=SEQ, rg=False)], [3.0, t0])
case("bucketize_int", "bucketize", [T([4], values=[3, 1, 9, 4], dtype="int64"), T([6], values=SEQ, rg=False)], [t0, t1])
case("bucketize_2d_err", "bucketize", [T([3], values=[1.0, 2.0, 3.0], rg=False), T([2, 2], values=[1.0, 2.0, 3.0, 4.0], rg=False)], [t0, t1])
# ---- diff ------------------------------------------------------------------------------------
case("diff", "diff", [T([6], 62)], [t0])
case("diff_2d", "diff", [T([3, 4], 63)], [t0])
case("diff_dim0", "diff", [T([3, 4], 64)], [t0, 1, 0])
case("diff_n2", "diff", [T([6], 65)], [t0, 2])
case("diff_n_big", "diff", [T([3], 66)], [t0, 5])
case("diff_n0", "diff", [T([4], 67)], [t0, 0])
case("diff_prepend", "diff", [T([3, 4], 68), T([3, 1], 69)], [t0], {"prepend": t1})
case("diff_append", "diff", [T([3, 4], 70), T([2, 4], 71, rg=False)], [t0, 1, 0], {"append": t1})
case("diff_both", "diff", [T([4], 72), T([2], 73), T([1], 74)], [t0, 2, -1, t1, t2])
case("diff_T", "diff", [T([3, 4], 75, layout="t")], [t0, 1, 0])
case("diff_int", "diff", [T([6], 76, "int64")], [t0])
case("diff_bool", "diff", [T([5], values=[True, False, False, True, True], dtype="bool")], [t0])
case("diff_bool_n2", "diff", [T([5], values=[True, False, False, True, True], dtype="bool")], [t0, 2])
case("diff_scalar_err", "diff", [T([], values=[1.0])], [t0])
case("diff_prepend_dims_err", "diff", [T([3, 4], 78), T([4], 79)], [t0], {"prepend": t1})
case("diff_method", "diff", [T([3, 4], 80)], [], {"dim": 0}, method=True)
case("diff_float64", "diff", [T([5], 81, "float64")], [t0, 3])


def run_case(c):
    inputs = [make_input(s) for s in c["inputs"]]
    if c["name"] == "searchsorted_sorter":
        # the sorter is argsort of the unsorted sequence: one more input, made here
        inputs.append(torch.argsort(inputs[0]))
        c["inputs"] = c["inputs"] + [{"dtype": "int64", "shape": [5], "values": inputs[2].tolist(), "requires_grad": False}]
    args = [decode(a, inputs) for a in c["args"]]
    kw = {k: decode(v, inputs) for k, v in c["kw"].items()}
    rec = dict(c)
    try:
        res = call(c, inputs, args, kw)
    except Exception as e:  # noqa: BLE001 - the error is the expected outcome
        rec["error"] = encode_error(e)
        return rec
    is_tuple = isinstance(res, (tuple, list))
    outs = list(res) if is_tuple else [res]
    rec["tuple"] = is_tuple
    if type(res).__module__ == "torch.return_types":
        rec["fields"] = [f for f in ("values", "indices") if hasattr(res, f)]
        rec["repr"] = repr(res)
    rec["outputs"] = [encode_output(o, stride=True) for o in outs]
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(inputs) if x.requires_grad]
    if diff_outs and wrt:
        try:
            rec["grads"] = grads_for_outputs(diff_outs, inputs, wrt)
        except Exception as e:  # noqa: BLE001 - ops without a derivative raise here
            rec["grad_error"] = encode_error(e)
            return rec
    return rec


if __name__ == "__main__":
    write("ops_sort_sets", {"cases": [run_case(c) for c in CASES]})
