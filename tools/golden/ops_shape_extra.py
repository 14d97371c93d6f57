#!/usr/bin/env python3
"""Golden cases for the shape ops of src/ops/shape_extra*.ts (unfold, ravel, atleast_nd, dstack,
column_stack, row_stack, tensor_split, hsplit/vsplit/dsplit, split_with_sizes, unsafe_split,
unsafe_chunk, swapdims, fliplr, flipud, tril/triu_indices, cartesian_prod, combinations,
block_diag, diagflat, slice/select/diagonal_scatter, fill_diagonal_, index_put, aminmax,
narrow_copy, sum_to_size, type_as, is_nonzero, is_same_size, new_empty_strided), recorded from
PyTorch 1.13.

A case is a call as in cases.py. Recorded: a Python bool result, or every output tensor (values,
dtype, shape, strides, whether it is a view, its grad_fn graph down to the leaves), named-tuple
fields, the gradients w.r.t. each leaf that requires grad for the fixed grad_output (leaves, so
that in-place ops on a clone are covered too) or the error backward raises, or the call's error.
`same_as`: which outputs are an input itself (their view-ness is the input's).
`novalues`: the op returns uninitialised memory; its values are not recorded.
Run:  /usr/bin/python3 tools/golden/ops_shape_extra.py   (or: npm run golden)
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from cases import T, as_outputs, case_table, encode_error, grad_output, graph, make_leaf, record_call, t0, t1, t2  # noqa: E402
from common import NAN, encode_grads, encode_tensor, write  # noqa: E402

CASES, _case = case_table()
I64 = lambda vals: T([len(vals)], dtype="int64", values=vals)  # noqa: E731
f64 = {"dtype": "float64"}


def case(name, op, inputs, args=(), kw=None, method=False, novalues=False):
    _case(name, op, inputs, args, kw, method)
    if novalues:
        CASES[-1]["novalues"] = True


# ---- unfold ---------------------------------------------------------------------------------
case("unfold", "unfold", [T([3, 5], 1)], [1, 2, 1], method=True)
case("unfold_step", "unfold", [T([3, 7], 2)], [1, 3, 2], method=True)
case("unfold_dim0", "unfold", [T([4, 3], 3)], [0, 2, 2], method=True)
case("unfold_neg", "unfold", [T([2, 3, 4], 4)], [-1, 4, 1], method=True)
case("unfold_T", "unfold", [T([3, 4], 5, layout="t")], [0, 2, 1], method=True)
case("unfold_scalar", "unfold", [T([], values=[2.5])], [0, 1, 1], method=True)
case("unfold_f64", "unfold", [T([6], 6, "float64")], [0, 3, 3], method=True)
case("unfold_int", "unfold", [T([5], 7, "int64")], [0, 2, 1], method=True)
case("unfold_zero_size", "unfold", [T([4], 8)], [0, 0, 1], method=True)
case("unfold_size_error", "unfold", [T([3, 4], 9)], [1, 5, 1], method=True)
case("unfold_step_error", "unfold", [T([3, 4], 9)], [1, 2, 0], method=True)
case("unfold_neg_size_error", "unfold", [T([3, 4], 9)], [1, -1, 1], method=True)
case("unfold_kw", "unfold", [T([3, 5], 1)], [], {"dimension": 1, "size": 3, "step": 2}, method=True)
case("unfold_dim_error", "unfold", [T([3, 4], 9)], [2, 2, 1], method=True)

# ---- ravel, atleast_nd ----------------------------------------------------------------------
case("ravel", "ravel", [T([2, 3], 10)], [t0])
case("ravel_T", "ravel", [T([2, 3], 11, layout="t")], [t0])
case("ravel_scalar", "ravel", [T([], values=[1.5])], [t0])
case("ravel_method", "ravel", [T([2, 2], 12, "int32")], method=True)
for n in (1, 2, 3):
    op = f"atleast_{n}d"
    case(f"{op}_0d", op, [T([], values=[1.5])], [t0])
    case(f"{op}_1d", op, [T([3], 13)], [t0])
    case(f"{op}_2d", op, [T([2, 3], 14)], [t0])
    case(f"{op}_3d", op, [T([2, 1, 2], 15)], [t0])
    case(f"{op}_list", op, [T([], values=[1.0]), T([2], 16)], [{"tl": [0, 1]}])
    case(f"{op}_varargs", op, [T([], values=[1.0]), T([2], 17), T([2, 2], 18)], [t0, t1, t2])

# ---- dstack, column_stack, row_stack --------------------------------------------------------
case("dstack", "dstack", [T([2, 3], 20), T([2, 3], 21)], [{"tl": [0, 1]}])
case("dstack_1d", "dstack", [T([3], 22), T([3], 23)], [{"tl": [0, 1]}])
case("dstack_0d", "dstack", [T([], values=[1.0]), T([], values=[2.0])], [{"tl": [0, 1]}])
case("dstack_promote", "dstack", [T([2, 2], 24), T([2, 2], 25, "int64")], [{"tl": [0, 1]}])
case("dstack_empty_error", "dstack", [], [[]])
case("column_stack", "column_stack", [T([3], 26), T([3, 2], 27), T([3], 28)], [{"tl": [0, 1, 2]}])
case("column_stack_0d", "column_stack", [T([], values=[1.0]), T([], values=[2.0])], [{"tl": [0, 1]}])
case("column_stack_T", "column_stack", [T([3, 2], 29, layout="t"), T([3], 30)], [{"tl": [0, 1]}])
case("column_stack_error", "column_stack", [T([3], 31), T([2], 32)], [{"tl": [0, 1]}])
case("column_stack_empty_error", "column_stack", [], [[]])
case("row_stack", "row_stack", [T([3], 33), T([2, 3], 34)], [{"tl": [0, 1]}])

# ---- tensor_split / hsplit / vsplit / dsplit ------------------------------------------------
case("tensor_split_sections", "tensor_split", [T([7, 2], 40)], [t0, 3])
case("tensor_split_sections_dim", "tensor_split", [T([2, 5], 41)], [t0, 2], {"dim": 1})
case("tensor_split_more_sections", "tensor_split", [T([3], 42)], [t0, 5])
case("tensor_split_indices", "tensor_split", [T([8], 43)], [t0, [1, 4, 6]])
case("tensor_split_indices_clamp", "tensor_split", [T([5], 44)], [t0, [2, 9, -1, 3]])
case("tensor_split_indices_dim", "tensor_split", [T([2, 6], 45)], [t0, [2, 3], 1])
case("tensor_split_tensor_sections", "tensor_split", [T([6], 46), T([], dtype="int64", values=[3])], [t0, t1])
case("tensor_split_tensor_indices", "tensor_split", [T([6], 47), I64([1, 4])], [t0, t1])
case("tensor_split_T", "tensor_split", [T([4, 3], 48, layout="t")], [t0, 2, 1])
case("tensor_split_method", "tensor_split", [T([5, 2], 49)], [2], method=True)
case("tensor_split_kw_sections", "tensor_split", [T([3, 4], 39)], [t0], {"sections": 2, "dim": 1})
case("tensor_split_kw_indices", "tensor_split", [T([3, 4], 38)], [t0], {"indices": [1]})
case("tensor_split_0d_error", "tensor_split", [T([], values=[1.0])], [t0, 2])
case("tensor_split_zero_error", "tensor_split", [T([4], 50)], [t0, 0])
case("tensor_split_tensor_dtype_error", "tensor_split", [T([4], 51), T([2], 52)], [t0, t1])
case("tensor_split_tensor_dim_error", "tensor_split", [T([4], 53), T([1, 1], dtype="int64", values=[1])], [t0, t1])
case("hsplit", "hsplit", [T([2, 6], 54)], [t0, 3])
case("hsplit_1d", "hsplit", [T([6], 55)], [t0, 2])
case("hsplit_indices", "hsplit", [T([2, 6], 56)], [t0, [1, 4]])
case("hsplit_method", "hsplit", [T([2, 4], 57)], [2], method=True)
case("hsplit_error", "hsplit", [T([2, 5], 58)], [t0, 2])
case("hsplit_0d_error", "hsplit", [T([], values=[1.0])], [t0, 1])
case("hsplit_zero_error", "hsplit", [T([2, 4], 59)], [t0, 0])
case("vsplit", "vsplit", [T([4, 2], 60)], [t0, 2])
case("vsplit_indices", "vsplit", [T([4, 2], 61)], [t0, [3]])
case("vsplit_error", "vsplit", [T([3, 2], 62)], [t0, 2])
case("vsplit_1d_error", "vsplit", [T([4], 63)], [t0, 2])
case("dsplit", "dsplit", [T([1, 2, 4], 64)], [t0, 2])
case("dsplit_indices", "dsplit", [T([1, 2, 4], 65)], [t0, [1]])
case("dsplit_error", "dsplit", [T([1, 2, 3], 66)], [t0, 2])
case("dsplit_2d_error", "dsplit", [T([2, 2], 67)], [t0, 2])

# ---- split_with_sizes / unsafe_split / unsafe_chunk -----------------------------------------
case("split_with_sizes", "split_with_sizes", [T([5, 2], 70)], [t0, [2, 3]])
case("split_with_sizes_dim", "split_with_sizes", [T([2, 5], 71)], [t0, [1, 0, 4]], {"dim": 1})
case("split_with_sizes_method", "split_with_sizes", [T([4], 72)], [[1, 3]], method=True)
case("split_with_sizes_sum_error", "split_with_sizes", [T([4], 73)], [t0, [1, 2]])
case("split_with_sizes_neg_error", "split_with_sizes", [T([4], 74)], [t0, [5, -1]])
case("unsafe_split", "unsafe_split", [T([5, 2], 75)], [t0, 2])
case("unsafe_split_dim", "unsafe_split", [T([2, 5], 76)], [t0, 3, 1])
case("unsafe_split_method", "unsafe_split", [T([4], 77)], [2], method=True)
case("unsafe_split_with_sizes", "unsafe_split_with_sizes", [T([5], 78)], [t0, [3, 2]])
case("unsafe_split_with_sizes_error", "unsafe_split_with_sizes", [T([5], 79)], [t0, [3, 3]])
case("unsafe_chunk", "unsafe_chunk", [T([5, 2], 80)], [t0, 2])
case("unsafe_chunk_dim", "unsafe_chunk", [T([2, 6], 81)], [t0, 4], {"dim": 1})
case("split_with_sizes_0d_error", "split_with_sizes", [T([], values=[1.0])], [t0, [1]])
case("unsafe_split_0d_error", "unsafe_split", [T([], values=[1.0])], [t0, 1])
case("unsafe_split_neg_error", "unsafe_split", [T([3], 83)], [t0, -1])
case("unsafe_split_with_sizes_neg_error", "unsafe_split_with_sizes", [T([3], 83)], [t0, [4, -1]])
case("unsafe_chunk_0d_error", "unsafe_chunk", [T([], values=[1.0])], [t0, 2])
case("unsafe_chunk_error", "unsafe_chunk", [T([4], 82)], [t0, 0])

# ---- swapdims, fliplr, flipud ---------------------------------------------------------------
case("swapdims", "swapdims", [T([2, 3, 4], 85)], [t0, 0, 2])
case("swapdims_", "swapdims_", [T([2, 3], 84, rg=False)], [0, 1], method=True)
case("swapdims_method", "swapdims", [T([2, 3], 86)], [1, 0], method=True)
case("fliplr", "fliplr", [T([2, 3], 87)], [t0])
case("fliplr_3d", "fliplr", [T([2, 3, 2], 88)], [t0])
case("fliplr_error", "fliplr", [T([3], 89)], [t0])
case("flipud", "flipud", [T([3, 2], 90)], [t0])
case("flipud_1d_method", "flipud", [T([3], 91, "int32")], method=True)
case("flipud_error", "flipud", [T([], values=[1.0])], [t0])

# ---- tril_indices / triu_indices ------------------------------------------------------------
for op in ("tril_indices", "triu_indices"):
    case(f"{op}", op, [], [3, 3])
    case(f"{op}_rect", op, [], [3, 5])
    case(f"{op}_tall", op, [], [5, 2])
    case(f"{op}_offset", op, [], [4, 4, 1])
    case(f"{op}_neg_offset", op, [], [4, 3], {"offset": -2})
    case(f"{op}_big_offset", op, [], [3, 3, 5])
    case(f"{op}_dtype", op, [], [3, 3], {"dtype": {"dtype": "int32"}})
    case(f"{op}_float", op, [], [2, 3], {"dtype": f64})
    case(f"{op}_empty", op, [], [0, 3])
    case(f"{op}_row_error", op, [], [-1, 3])
    case(f"{op}_col_error", op, [], [3, -2])

# ---- cartesian_prod / combinations ----------------------------------------------------------
case("cartesian_prod", "cartesian_prod", [T([2], 100), T([3], 101)], [t0, t1])
case("cartesian_prod_3", "cartesian_prod", [T([2], 102), T([2], 103), T([2], 104)], [t0, t1, t2])
case("cartesian_prod_one", "cartesian_prod", [T([3], 105)], [t0])
case("cartesian_prod_int", "cartesian_prod", [I64([1, 2]), I64([3, 4, 5])], [t0, t1])
case("cartesian_prod_2d_error", "cartesian_prod", [T([2, 2], 106), T([2], 107)], [t0, t1])
case("combinations", "combinations", [T([4], 110)], [t0])
case("combinations_r3", "combinations", [T([4], 111)], [t0, 3])
case("combinations_repl", "combinations", [T([3], 112)], [t0], {"with_replacement": True})
case("combinations_r1", "combinations", [T([3], 113)], [t0], {"r": 1})
case("combinations_r0", "combinations", [T([3], 114)], [t0, 0])
case("combinations_r_big", "combinations", [T([2], 115)], [t0, 3])
case("combinations_int", "combinations", [I64([1, 2, 3])], [t0, 2, True])
case("combinations_2d_error", "combinations", [T([2, 2], 116)], [t0])
case("combinations_neg_error", "combinations", [T([3], 117)], [t0, -1])

# ---- block_diag / diagflat ------------------------------------------------------------------
case("block_diag", "block_diag", [T([2, 2], 120), T([1, 3], 121)], [t0, t1])
case("block_diag_mixed", "block_diag", [T([], values=[5.0]), T([3], 122), T([2, 1], 123)], [t0, t1, t2])
case("block_diag_one", "block_diag", [T([2, 3], 124, layout="t")], [t0])
case("block_diag_promote", "block_diag", [T([2, 2], 125, "int64"), T([1, 1], 126)], [t0, t1])
case("block_diag_promote_0d", "block_diag", [T([2, 2], 127), T([], dtype="float64", values=[2.0])], [t0, t1])
case("block_diag_int_0d_float", "block_diag", [T([2], 128, "int32"), T([], dtype="float64", values=[2.0], rg=False)], [t0, t1])
case("block_diag_empty_piece", "block_diag", [T([0, 2], 129), T([2, 0], 130), T([1, 1], 131)], [t0, t1, t2])
case("block_diag_none", "block_diag", [], [])
case("block_diag_3d_error", "block_diag", [T([2, 2], 132), T([1, 1, 1], 133)], [t0, t1])
case("diagflat", "diagflat", [T([3], 135)], [t0])
case("diagflat_2d", "diagflat", [T([2, 2], 136)], [t0])
case("diagflat_T", "diagflat", [T([2, 3], 137, layout="t")], [t0])
case("diagflat_offset", "diagflat", [T([2], 138)], [t0, -1])
case("diagflat_kw_method", "diagflat", [T([2], 139, "int64")], [], {"offset": 2}, method=True)

# ---- slice_scatter / select_scatter / diagonal_scatter --------------------------------------
case("slice_scatter", "slice_scatter", [T([4, 3], 140), T([2, 3], 141)], [t0, t1, 0, 1, 3, 1])
case("slice_scatter_step", "slice_scatter", [T([3, 6], 142), T([3, 3], 143)], [t0, t1], {"dim": 1, "step": 2})
case("slice_scatter_neg", "slice_scatter", [T([3, 4], 144), T([3, 2], 145)], [t0, t1, 1, -2, None, 1])
case("slice_scatter_T", "slice_scatter", [T([4, 3], 146, layout="t"), T([4, 1], 147)], [t0, t1, 1, 0, 1, 1])
case("slice_scatter_method", "slice_scatter", [T([4], 148), T([2], 149)], [t1, 0, 0, 4, 2], method=True)
case("slice_scatter_int_src", "slice_scatter", [T([3, 4], 154), T([3, 2], 154, "int64")], [t0, t1, 1, 0, 2, 1])
case("slice_scatter_size_error", "slice_scatter", [T([4, 3], 152), T([3, 3], 153)], [t0, t1, 0, 0, 2, 1])
case("select_scatter", "select_scatter", [T([3, 4], 155), T([4], 156)], [t0, t1, 0, 1])
case("select_scatter_dim1", "select_scatter", [T([3, 4], 157), T([3], 158)], [t0, t1, 1, -1])
case("select_scatter_kw", "select_scatter", [T([2, 3], 159), T([2], 160)], [t0, t1], {"dim": 1, "index": 2})
case("select_scatter_int", "select_scatter", [T([2, 2], 161, "int64"), I64([7, 8])], [t0, t1, 0, 0])
case("select_scatter_method", "select_scatter", [T([3, 2], 162), T([2], 163)], [t1, 0, 2], method=True)
case("select_scatter_size_error", "select_scatter", [T([3, 4], 164), T([3], 165)], [t0, t1, 0, 1])
case("select_scatter_index_error", "select_scatter", [T([3, 4], 166), T([4], 167)], [t0, t1, 0, 3])
case("diagonal_scatter", "diagonal_scatter", [T([3, 3], 170), T([3], 171)], [t0, t1])
case("diagonal_scatter_offset", "diagonal_scatter", [T([3, 4], 172), T([3], 173)], [t0, t1, 1])
case("diagonal_scatter_neg_offset", "diagonal_scatter", [T([3, 4], 174), T([2], 175)], [t0, t1], {"offset": -1})
case("diagonal_scatter_dims", "diagonal_scatter", [T([2, 3, 3], 176), T([2, 3], 177)], [t0, t1, 0, 1, 2])
case("diagonal_scatter_method", "diagonal_scatter", [T([2, 2], 178), T([2], 179)], [t1], method=True)
case("diagonal_scatter_size_error", "diagonal_scatter", [T([3, 4], 180), T([4], 181)], [t0, t1])

# ---- fill_diagonal_ -------------------------------------------------------------------------
case("fill_diagonal_", "fill_diagonal_", [T([3, 3], 185, clone=True)], [2.0], method=True)
case("fill_diagonal_wide", "fill_diagonal_", [T([2, 4], 186, clone=True)], [-1.0], method=True)
case("fill_diagonal_tall", "fill_diagonal_", [T([7, 2], 187, clone=True)], [0.5], method=True)
case("fill_diagonal_wrap", "fill_diagonal_", [T([7, 2], 188, clone=True)], [0.5, True], method=True)
case("fill_diagonal_wrap_kw", "fill_diagonal_", [T([8, 3], 189, clone=True)], [1.5], {"wrap": True}, method=True)
case("fill_diagonal_3d", "fill_diagonal_", [T([2, 2, 2], 190, clone=True)], [3.0], method=True)
case("fill_diagonal_int", "fill_diagonal_", [T([3, 3], 191, "int64")], [9], method=True)
case("fill_diagonal_T", "fill_diagonal_", [T([3, 4], 192, layout="t", rg=False)], [0.0], method=True)
case("fill_diagonal_leaf_error", "fill_diagonal_", [T([3, 3], 195)], [1.0], method=True)
case("fill_diagonal_1d_error", "fill_diagonal_", [T([3], 193, rg=False)], [1.0], method=True)
case("fill_diagonal_unequal_error", "fill_diagonal_", [T([2, 2, 3], 194, rg=False)], [1.0], method=True)

# ---- index_put ------------------------------------------------------------------------------
case("index_put", "index_put", [T([4, 3], 200), I64([0, 2]), T([2, 3], 201)], [t0, {"tuple": [t1]}, t2])
case("index_put_dup_acc", "index_put", [T([4], 202), I64([1, 1, 3]), T([3], 203)], [t0, {"tuple": [t1]}, t2, True])
case("index_put_dup_acc_kw", "index_put", [T([4], 204), I64([0, 0]), T([2], 205)], [t0, {"tuple": [t1]}, t2], {"accumulate": True})
case("index_put_broadcast", "index_put", [T([3, 4], 206), I64([2, 0]), T([], values=[7.0])], [t0, {"tuple": [t1]}, t2])
case("index_put_2idx", "index_put", [T([3, 4], 207), I64([0, 2]), I64([1, 3]), T([2], values=[NAN, 4.0])], [t0, {"tuple": [t1, t2]}, {"t": 3}])
case("index_put_mask", "index_put", [T([2, 3], 208), T([2, 3], dtype="bool", values=[True, False, True, False, False, True]), T([3], 209)], [t0, {"tuple": [t1]}, t2])
case("index_put_method", "index_put", [T([3], 210), I64([1]), T([1], 211)], [{"tuple": [t1]}, t2], method=True)

# ---- aminmax, narrow_copy -------------------------------------------------------------------
case("aminmax", "aminmax", [T([3, 4], 215)], [t0])
case("aminmax_dim", "aminmax", [T([3, 4], 216)], [t0], {"dim": 1})
case("aminmax_keepdim", "aminmax", [T([3, 4], 217)], [t0], {"dim": 0, "keepdim": True})
case("aminmax_all_keepdim", "aminmax", [T([2, 3], 218)], [t0], {"keepdim": True})
case("aminmax_nan", "aminmax", [T([4], values=[1.0, NAN, -2.0, 3.0])], [t0])
case("aminmax_int", "aminmax", [T([2, 3], 219, "int64")], [t0], {"dim": -1})
case("aminmax_bool", "aminmax", [T([3], dtype="bool", values=[True, False, True])], [t0])
case("aminmax_scalar", "aminmax", [T([], values=[2.0])], [t0])
case("aminmax_method", "aminmax", [T([2, 3], 220, layout="t")], [], {"dim": 0}, method=True)
case("aminmax_scalar_dim", "aminmax", [T([], values=[1.0])], [t0], {"dim": 0})
case("aminmax_dim_error", "aminmax", [T([2, 3], 221)], [t0], {"dim": 2})
case("aminmax_empty_error", "aminmax", [T([0])], [t0])
case("aminmax_empty_dim_error", "aminmax", [T([2, 0])], [t0], {"dim": 1})
case("narrow_copy", "narrow_copy", [T([4, 3], 225)], [t0, 0, 1, 2])
case("narrow_copy_T", "narrow_copy", [T([4, 3], 226, layout="t")], [t0, 1, 1, 2])
case("narrow_copy_method", "narrow_copy", [T([5], 227, "int64")], [0, 2, 3], method=True)
case("narrow_copy_0d_error", "narrow_copy", [T([], values=[1.0])], [t0, 0, 0, 1])
case("narrow_copy_error", "narrow_copy", [T([4], 228)], [t0, 0, 2, 3])

# ---- sum_to_size, type_as, is_nonzero, is_same_size, new_empty_strided ----------------------
case("sum_to_size", "sum_to_size", [T([3, 4], 230)], [1, 4], method=True)
case("sum_to_size_list", "sum_to_size", [T([2, 3, 4], 231)], [[3, 1]], method=True)
case("sum_to_size_same", "sum_to_size", [T([3, 4], 232)], [3, 4], method=True)
case("sum_to_size_lead", "sum_to_size", [T([2, 3], 233)], [3], method=True)
case("sum_to_size_error", "sum_to_size", [T([3, 4], 234)], [2, 4], method=True)
case("type_as", "type_as", [T([2, 2], 235), T([1], 236, "float64")], [t1], method=True)
case("type_as_same", "type_as", [T([2, 2], 237), T([3], 238)], [t1], method=True)
case("type_as_int", "type_as", [T([3], values=[1.5, -2.5, 3.0]), T([1], 239, "int32")], [t1], method=True)
case("is_nonzero_true", "is_nonzero", [T([1], values=[2.0])], [t0])
case("is_nonzero_false", "is_nonzero", [T([], values=[0.0])], [t0])
case("is_nonzero_nan", "is_nonzero", [T([1, 1], values=[NAN])], [t0])
case("is_nonzero_bool", "is_nonzero", [T([], dtype="bool", values=[True])], [t0])
case("is_nonzero_method", "is_nonzero", [T([1], dtype="int64", values=[0])], method=True)
case("is_nonzero_many_error", "is_nonzero", [T([2], 240)], [t0])
case("is_nonzero_empty_error", "is_nonzero", [T([0])], [t0])
case("is_same_size_true", "is_same_size", [T([2, 3], 241), T([2, 3], 242, "int64")], [t0, t1])
case("is_same_size_false", "is_same_size", [T([2, 3], 243), T([3, 2], 244)], [t0, t1])
case("is_same_size_method", "is_same_size", [T([2], 245), T([2, 1], 246)], [t1], method=True)
case("new_empty_strided", "new_empty_strided", [T([2], 247)], [[2, 3], [1, 2]], method=True, novalues=True)
case("new_empty_strided_dtype", "new_empty_strided", [T([2], 248)], [[3], [2]], {"dtype": {"dtype": "int32"}}, method=True, novalues=True)


def run_case(c):
    pairs = [make_leaf(s) for s in c["inputs"]]
    leaves = [p[0] for p in pairs]
    inputs = [p[1] for p in pairs]
    rec, res = record_call(c, inputs)
    if "error" in rec:
        return rec
    if isinstance(res, bool):
        rec["bool"] = res
        return rec
    outs = as_outputs(rec, res)
    if type(res).__module__ == "torch.return_types":
        rec["fields"] = list(res._fields) if hasattr(res, "_fields") else [f for f in ("min", "max") if hasattr(res, f)]
    rec["outputs"] = []
    same = [next((i for i, x in enumerate(inputs) if o is x), None) for o in outs]
    if any(i is not None for i in same):
        rec["same_as"] = same
    for o in outs:
        enc = encode_tensor(o) if not c.get("novalues") else {"dtype": str(o.dtype).replace("torch.", ""), "shape": list(o.shape)}
        rec["outputs"].append({"tensor": enc, "stride": list(o.stride()), "grad_fn": graph(o.grad_fn, leaves), "is_view": o._is_view()})
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(leaves) if x.requires_grad]
    if diff_outs and wrt:
        gos = [grad_output(o.shape, o.dtype) for o in diff_outs]
        try:
            grads = torch.autograd.grad(diff_outs, [leaves[i] for i in wrt], gos, allow_unused=True)
            rec["grads"] = encode_grads(wrt, grads)
        except RuntimeError as e:
            rec["grad_error"] = encode_error(e)
    return rec


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    write("ops_shape_extra", {"torch_version": torch.__version__, "cases": [run_case(c) for c in CASES]})
