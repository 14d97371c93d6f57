#!/usr/bin/env python3
"""Golden cases for the reductions and shape ops (src/ops/reduce_more.ts, src/ops/shape_more.ts),
recorded from PyTorch 1.13.

Each case names a call (`torch.<op>(...)` or `x.<op>(...)`), its tensor inputs (explicit values,
optionally a non-contiguous transposed view), positional args and keyword args (which the TS side
passes as one trailing options object, porting rule 2). Recorded: every output (values, dtype,
shape), its grad_fn name and whether it is a view, named-tuple fields, and the gradients w.r.t.
each input that requires grad for a fixed grad_output (see grad_output below), or the error.
Run:  /usr/bin/python3 tools/golden/ops_reduce_shape.py   (or: npm run golden)
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
from common import encode_number, encode_tensor, write  # noqa: E402

DTYPES = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "int16": torch.int16,
    "int8": torch.int8,
    "uint8": torch.uint8,
    "bool": torch.bool,
}
NAN = float("nan")
INF = float("inf")


def grad_output(shape, dtype):
    """The fixed grad_output of a case: dyadic values in [0.25, 1.75], none zero (exact in float32)."""
    n = math.prod(shape)
    vals = [((i * 3) % 7 - 3) / 4 + 1 for i in range(n)]
    return torch.tensor(vals, dtype=dtype).reshape(shape)


def spec_values(shape, seed, dtype, values):
    if values is not None:
        return values
    g = torch.Generator().manual_seed(seed)
    if DTYPES[dtype].is_floating_point:
        return torch.randn(shape, generator=g, dtype=torch.float64).to(DTYPES[dtype]).reshape(-1).tolist()
    return torch.randint(-4, 6, shape, generator=g).to(DTYPES[dtype]).reshape(-1).tolist()


def T(shape, seed=0, dtype="float32", values=None, rg=None, layout=None):
    """An input spec. `layout: "t"`: the same values, held as a transposed (non-contiguous) view."""
    if rg is None:
        rg = DTYPES[dtype].is_floating_point
    vals = spec_values(shape, seed, dtype, values)
    s = {"dtype": dtype, "shape": list(shape), "values": [encode_number(v) for v in vals], "requires_grad": rg}
    if layout:
        s["layout"] = layout
    return s


def make_input(spec):
    vals = [float(v) if isinstance(v, str) else v for v in spec["values"]]
    x = torch.tensor(vals, dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"])
    if spec.get("layout") == "t":
        base = x.transpose(-1, -2).contiguous()
        if spec["requires_grad"]:
            base.requires_grad_()
        return base.transpose(-1, -2)
    if spec["requires_grad"]:
        x.requires_grad_()
    return x


def decode(a, inputs):
    if isinstance(a, dict):
        if "t" in a:
            return inputs[a["t"]]
        if "tl" in a:
            return [inputs[i] for i in a["tl"]]
        if "dtype" in a:
            return DTYPES[a["dtype"]]
        if "float" in a:
            return float(a["float"])
        raise ValueError(a)
    if isinstance(a, list):
        return [decode(v, inputs) for v in a]
    return a


CASES = []


def case(name, op, inputs, args=(), kw=None, method=False):
    CASES.append({"name": name, "op": op, "method": method, "inputs": inputs, "args": list(args), "kw": kw or {}})


t0 = {"t": 0}
t1 = {"t": 1}
f64 = {"dtype": "float64"}
inf = {"float": "inf"}
ninf = {"float": "-inf"}

TIES = [1.0, 3.0, 3.0, 2.0, 3.0, 0.0, -1.0, 2.0, 2.0, 0.5, -4.0, 2.0]
ZEROS1 = [1.5, 0.0, 2.0, -1.0, 3.0, 0.5, -2.0, 0.0, 0.0, 1.25, 2.0, 4.0]

# ---- max / min ------------------------------------------------------------------------------
case("max_all", "max", [T([3, 4], 1)], [t0])
case("max_all_method", "max", [T([3, 4], 2)], [], method=True)
case("max_all_ties", "max", [T([3, 4], values=TIES)], [t0])
case("max_all_nan", "max", [T([2, 3], values=[1.0, NAN, 2.0, 5.0, NAN, 0.0])], [t0])
case("max_all_int", "max", [T([2, 3], 3, "int32")], [t0])
case("max_all_empty", "max", [T([0, 3], 0)], [t0])
case("max_dim", "max", [T([3, 4], 4)], [t0, 1])
case("max_dim_keepdim_neg", "max", [T([3, 4], 5)], [t0, -1, True])
case("max_dim_ties_T", "max", [T([3, 4], values=TIES, layout="t")], [t0, 0])
case("max_dim_kw", "max", [T([2, 3, 2], 6)], [t0], {"dim": 1, "keepdim": True})
case("max_dim_method", "max", [T([4, 3], values=TIES)], [1], method=True)
case("max_dim_int64", "max", [T([3, 4], 7, "int64")], [t0, 1])
case("max_dim_bool", "max", [T([2, 3], values=[False, True, False, False, False, False], dtype="bool")], [t0, 1])
case("max_dim_nan", "max", [T([2, 3], values=[1.0, NAN, 2.0, 5.0, 7.0, 0.0])], [t0, 1])
case("max_dim_empty_ok", "max", [T([0, 3], 0)], [t0, 1])
case("max_dim_empty_err", "max", [T([0, 3], 0)], [t0, 0])
case("max_dim_scalar", "max", [T([], values=[2.5])], [t0, 0])
case("max_dim_oob", "max", [T([3, 4], 4)], [t0, 2])
case("min_all", "min", [T([3, 4], 8)], [t0])
case("min_all_ties", "min", [T([4, 3], values=[v * -1 for v in TIES])], [t0])
case("min_dim", "min", [T([3, 4], values=TIES)], [t0, 1])
case("min_dim_keepdim", "min", [T([2, 3, 2], 9, layout="t")], [t0, 2, True])
case("min_dim_int", "min", [T([3, 4], 10, "int16")], [t0, 0])
case("min_all_empty", "min", [T([0], 0)], [t0])
# ---- amax / amin / argmax / argmin ------------------------------------------------------------
case("amax_all", "amax", [T([3, 4], values=TIES)], [t0])
case("amax_dim", "amax", [T([3, 4], values=TIES)], [t0, 1])
case("amax_dims_keepdim", "amax", [T([2, 3, 2], 11)], [t0, [0, -1], True])
case("amax_T", "amax", [T([3, 4], values=TIES, layout="t")], [t0, 0])
case("amin_dim", "amin", [T([4, 3], values=TIES)], [t0, -1])
case("amin_all_int", "amin", [T([3, 4], 12, "int32")], [t0])
case("amin_kw", "amin", [T([3, 4], values=TIES)], [t0], {"dim": 0, "keepdim": True})
case("amax_method", "amax", [T([3, 4], 13)], [1], method=True)
case("argmax_all", "argmax", [T([3, 4], 14)], [t0])
case("argmax_all_ties", "argmax", [T([3, 4], values=TIES)], [t0])
case("argmax_dim", "argmax", [T([3, 4], values=TIES)], [t0, 1])
case("argmax_dim_keepdim", "argmax", [T([3, 4], values=TIES)], [t0, 0, True])
case("argmax_T", "argmax", [T([3, 4], values=TIES, layout="t")], [t0, 1])
case("argmax_int", "argmax", [T([3, 4], 15, "int64")], [t0, -1])
case("argmax_nan", "argmax", [T([2, 3], values=[1.0, NAN, 2.0, 5.0, 7.0, 0.0])], [t0, 1])
case("argmax_kw", "argmax", [T([3, 4], values=TIES)], [t0], {"dim": 1, "keepdim": True})
case("argmax_all_keepdim", "argmax", [T([3, 4], values=TIES)], [t0], {"keepdim": True})
case("argmin_all", "argmin", [T([3, 4], values=TIES)], [t0])
case("argmin_dim", "argmin", [T([4, 3], values=TIES)], [t0, 0])
case("argmin_method", "argmin", [T([3, 4], 16)], [1], method=True)
case("argmax_empty", "argmax", [T([0], 0)], [t0])
# ---- prod ------------------------------------------------------------------------------------
case("prod_all", "prod", [T([3, 4], 17)], [t0])
case("prod_all_one_zero", "prod", [T([2, 3], values=[1.5, 0.0, 2.0, -1.0, 3.0, 0.5])], [t0])
case("prod_all_two_zeros", "prod", [T([2, 3], values=[1.5, 0.0, 2.0, -1.0, 0.0, 0.5])], [t0])
case("prod_dim", "prod", [T([3, 4], 18)], [t0, 1])
case("prod_dim_zeros", "prod", [T([3, 4], values=ZEROS1)], [t0, 1])
case("prod_dim_keepdim_T", "prod", [T([3, 4], values=ZEROS1, layout="t")], [t0, 0, True])
case("prod_int32", "prod", [T([2, 3], 19, "int32")], [t0])
case("prod_int_dim", "prod", [T([2, 3], 19, "int16")], [t0, 1])
case("prod_bool", "prod", [T([2, 2], values=[True, True, False, True], dtype="bool")], [t0])
case("prod_dtype", "prod", [T([2, 3], 20)], [t0], {"dtype": f64})
case("prod_dim_dtype", "prod", [T([2, 3], 21, "int32")], [t0, 0], {"dtype": f64})
case("prod_empty", "prod", [T([0, 3], 0)], [t0, 0])
case("prod_method", "prod", [T([2, 3], 22)], [-1], method=True)
# ---- var / std / var_mean / std_mean ---------------------------------------------------------
case("var_all", "var", [T([3, 4], 23)], [t0])
case("var_dim", "var", [T([3, 4], 24)], [t0, 1])
case("var_dims", "var", [T([2, 3, 2], 25)], [t0, [0, 2]])
case("var_dim_biased_pos", "var", [T([3, 4], 26)], [t0, 1, False])
case("var_dim_keepdim", "var", [T([3, 4], 27, layout="t")], [t0, 0, True, True])
case("var_unbiased_only", "var", [T([3, 4], 28)], [t0, False])
case("var_correction", "var", [T([3, 4], 29)], [t0], {"dim": 1, "correction": 0})
case("var_correction2", "var", [T([3, 4], 30, "float64")], [t0, 1], {"correction": 2, "keepdim": True})
case("var_single", "var", [T([1, 3], 31)], [t0, 0])
case("var_int_err", "var", [T([3], 32, "int64")], [t0])
case("var_method", "var", [T([3, 4], 33)], [1], method=True)
case("std_all", "std", [T([3, 4], 34)], [t0])
case("std_dim", "std", [T([3, 4], 35)], [t0, -1])
case("std_const_row", "std", [T([2, 3], values=[2.0, 2.0, 2.0, 1.0, -1.0, 0.5])], [t0, 1])
case("std_unbiased_false", "std", [T([3, 4], 36, "float64")], [t0, 0, False, True])
case("std_correction", "std", [T([3, 4], 37)], [t0], {"dim": None, "correction": 0})
case("std_method", "std", [T([3, 4], 38)], [0], method=True)
case("var_mean_all", "var_mean", [T([3, 4], 39)], [t0])
case("var_mean_dim", "var_mean", [T([3, 4], 40)], [t0, 1])
case("var_mean_kw", "var_mean", [T([3, 4], 41)], [t0, 0], {"correction": 0, "keepdim": True})
case("std_mean_all", "std_mean", [T([3, 4], 42)], [t0])
case("std_mean_dim", "std_mean", [T([2, 3, 2], 43)], [t0, [0, 1], False])
# ---- logsumexp -------------------------------------------------------------------------------
case("logsumexp_dim", "logsumexp", [T([3, 4], 44)], [t0, 1])
case("logsumexp_dims_keepdim", "logsumexp", [T([2, 3, 2], 45)], [t0, [0, 2], True])
case("logsumexp_big", "logsumexp", [T([2, 3], values=[1000.0, 1000.0, 999.0, -1000.0, -999.0, -1001.0])], [t0, 1])
case("logsumexp_int", "logsumexp", [T([2, 3], 46, "int64")], [t0, 0])
case("logsumexp_T", "logsumexp", [T([3, 4], 47, layout="t")], [t0, 0])
case("logsumexp_method", "logsumexp", [T([3, 4], 48, "float64")], [-1], method=True)
# ---- nansum / nanmean ------------------------------------------------------------------------
NANS = [1.0, NAN, 2.5, -1.0, NAN, NAN, 0.5, 3.0, -2.0]
case("nansum_all", "nansum", [T([3, 3], values=NANS)], [t0])
case("nansum_dim", "nansum", [T([3, 3], values=NANS)], [t0, 1])
case("nansum_int", "nansum", [T([3, 3], 49, "int32")], [t0, 0])
case("nanmean_all", "nanmean", [T([3, 3], values=NANS)], [t0])
case("nanmean_dim", "nanmean", [T([3, 3], values=NANS)], [t0, 0, True])
case("nanmean_int_err", "nanmean", [T([3], 50, "int64")], [t0])
# ---- all / any / count_nonzero ---------------------------------------------------------------
B6 = [True, False, True, True, True, True]
case("all_float", "all", [T([2, 3], values=[1.0, 0.0, 2.0, 3.0, -1.0, NAN], rg=False)], [t0])
case("all_dim", "all", [T([2, 3], values=B6, dtype="bool")], [t0, 1])
case("all_dim_keepdim", "all", [T([2, 3], values=B6, dtype="bool")], [t0, 0, True])
case("all_uint8", "all", [T([2, 3], 51, "uint8")], [t0])
case("all_uint8_dim", "all", [T([2, 3], 52, "uint8")], [t0, 1])
case("all_int", "all", [T([2, 3], 53, "int64")], [t0, -1])
case("all_empty", "all", [T([0], 0, rg=False)], [t0])
case("any_float", "any", [T([2, 3], values=[0.0, 0.0, 0.0, 0.0, -1.0, 0.0], rg=False)], [t0])
case("any_dim", "any", [T([2, 3], values=[False, False, False, True, False, False], dtype="bool")], [t0, 1])
case("any_empty", "any", [T([0, 2], 0, rg=False)], [t0, 1])
case("any_method", "any", [T([2, 3], 54, "int32")], [0], method=True)
case("count_nonzero_all", "count_nonzero", [T([3, 4], values=ZEROS1)], [t0])
case("count_nonzero_dim", "count_nonzero", [T([3, 4], values=ZEROS1)], [t0, 1])
case("count_nonzero_dims", "count_nonzero", [T([3, 4], values=ZEROS1)], [t0, [0, 1]])
case("count_nonzero_bool", "count_nonzero", [T([2, 3], values=B6, dtype="bool")], [t0], {"dim": 0})
# ---- cumsum / cumprod ------------------------------------------------------------------------
case("cumsum_0", "cumsum", [T([3, 4], 55)], [t0, 0])
case("cumsum_neg_T", "cumsum", [T([3, 4], 56, layout="t")], [t0, -1])
case("cumsum_int", "cumsum", [T([2, 3], 57, "int32")], [t0, 1])
case("cumsum_dtype", "cumsum", [T([2, 3], 58)], [t0, 1], {"dtype": f64})
case("cumsum_kw", "cumsum", [T([2, 3], 59)], [t0], {"dim": 0})
case("cumsum_scalar", "cumsum", [T([], values=[1.5])], [t0, 0])
case("cumsum_method", "cumsum", [T([2, 3], 60)], [1], method=True)
case("cumprod_0", "cumprod", [T([3, 4], 61)], [t0, 0])
case("cumprod_zeros", "cumprod", [T([3, 4], values=ZEROS1)], [t0, 1])
case("cumprod_zeros_T", "cumprod", [T([3, 4], values=ZEROS1, layout="t")], [t0, 0])
case("cumprod_int", "cumprod", [T([2, 3], 62, "int64")], [t0, 1])
case("cumprod_dtype", "cumprod", [T([2, 3], 63, "int32")], [t0, 1], {"dtype": f64})
# ---- norm ------------------------------------------------------------------------------------
case("norm_default", "norm", [T([3, 4], 64)], [t0])
case("norm_p1", "norm", [T([3, 4], 65)], [t0, 1])
case("norm_inf", "norm", [T([3, 4], values=TIES)], [t0, inf])
case("norm_ninf", "norm", [T([3, 4], values=TIES)], [t0, ninf])
case("norm_dim", "norm", [T([3, 4], 66)], [t0], {"dim": 1})
case("norm_fro_dim", "norm", [T([3, 4], 67)], [t0, "fro"], {"dim": [0, 1], "keepdim": True})
case("norm_p3_dim", "norm", [T([3, 4], 68, "float64")], [t0, 3], {"dim": 0, "keepdim": True})
case("norm_p0", "norm", [T([3, 4], values=ZEROS1)], [t0, 0])
case("norm_zero", "norm", [T([2, 2], values=[0.0, 0.0, 0.0, 0.0])], [t0])
case("norm_method", "norm", [T([3, 4], 69)], [2, 1], method=True)

# ---- shape ops -------------------------------------------------------------------------------
case("cat_0", "cat", [T([2, 3], 70), T([1, 3], 71)], [{"tl": [0, 1]}])
case("cat_1", "cat", [T([2, 3], 72), T([2, 2], 73, layout="t")], [{"tl": [0, 1]}, 1])
case("cat_neg_kw", "cat", [T([2, 1], 74), T([2, 3], 75)], [{"tl": [0, 1]}], {"dim": -1})
case("cat_promote", "cat", [T([2], 76, "int32"), T([3], 77), T([1], 78, "float64", rg=False)], [{"tl": [0, 1, 2]}])
case("cat_int", "cat", [T([2], 79, "int32"), T([3], 80, "int16")], [{"tl": [0, 1]}])
case("cat_legacy_empty", "cat", [T([0], 0), T([2, 2], 81)], [{"tl": [0, 1]}, 1])
case("cat_one", "cat", [T([2, 2], 82)], [{"tl": [0]}])
case("cat_empty_list", "cat", [], [[]])
case("cat_mismatch", "cat", [T([2, 3], 83), T([2, 2], 84)], [{"tl": [0, 1]}])
case("cat_ndim", "cat", [T([2, 3], 85), T([3], 86)], [{"tl": [0, 1]}])
case("cat_zero_dim", "cat", [T([], values=[1.0]), T([], values=[2.0])], [{"tl": [0, 1]}])
case("cat_dim_oob", "cat", [T([2, 3], 87), T([2, 3], 88)], [{"tl": [0, 1]}, 2])
case("concat", "concat", [T([2, 3], 89), T([2, 1], 90)], [{"tl": [0, 1]}, 1])
case("stack_0", "stack", [T([2, 3], 91), T([2, 3], 92)], [{"tl": [0, 1]}])
case("stack_1", "stack", [T([2, 3], 93), T([2, 3], 94, layout="t"), T([2, 3], 95)], [{"tl": [0, 1, 2]}, 1])
case("stack_neg", "stack", [T([3], 96), T([3], 97)], [{"tl": [0, 1]}], {"dim": -1})
case("stack_promote", "stack", [T([2], 98, "int64"), T([2], 99)], [{"tl": [0, 1]}])
case("stack_mismatch", "stack", [T([2, 3], 100), T([3], 101)], [{"tl": [0, 1]}])
case("stack_empty", "stack", [], [[]])
case("hstack_1d", "hstack", [T([2], 102), T([3], 103)], [{"tl": [0, 1]}])
case("hstack_2d", "hstack", [T([2, 1], 104), T([2, 2], 105)], [{"tl": [0, 1]}])
case("vstack_1d", "vstack", [T([3], 106), T([3], 107)], [{"tl": [0, 1]}])
case("vstack_2d", "vstack", [T([1, 2], 108), T([2, 2], 109)], [{"tl": [0, 1]}])
case("split_int", "split", [T([3, 4], 110)], [t0, 2, 1])
case("split_uneven", "split", [T([5, 2], 111)], [t0, 2])
case("split_sizes", "split", [T([3, 4], 112)], [t0, [1, 3], 1])
case("split_method", "split", [T([4, 3], 113, layout="t")], [3], method=True)
case("split_kw", "split", [T([3, 4], 114)], [t0, 3], {"dim": -1})
case("split_sizes_err", "split", [T([3, 4], 115)], [t0, [1, 2], 1])
case("chunk_even", "chunk", [T([3, 4], 116)], [t0, 2, 1])
case("chunk_uneven", "chunk", [T([5, 2], 117)], [t0, 2])
case("chunk_fewer", "chunk", [T([6], 118)], [t0, 4])
case("chunk_method", "chunk", [T([2, 6], 119)], [3, -1], method=True)
case("unbind_0", "unbind", [T([3, 2], 120)], [t0])
case("unbind_1", "unbind", [T([2, 3], 121, layout="t")], [t0, 1])
case("unbind_method", "unbind", [T([2, 2, 2], 122)], [-1], method=True)
case("flip_0", "flip", [T([3, 4], 123)], [t0, [0]])
case("flip_01_T", "flip", [T([3, 4], 124, layout="t")], [t0, [0, 1]])
case("flip_method", "flip", [T([2, 3], 125, "int32")], [-1], method=True)
case("flip_kw", "flip", [T([2, 3], 126)], [t0], {"dims": [1]})
case("roll_flat", "roll", [T([3, 4], 127)], [t0, 1])
case("roll_dim", "roll", [T([3, 4], 128)], [t0, -2, 1])
case("roll_multi", "roll", [T([3, 4], 129, layout="t")], [t0, [1, 5], [0, 1]])
case("roll_method", "roll", [T([2, 3], 130, "int64")], [2, 1], method=True)
case("roll_kw", "roll", [T([2, 3], 131)], [t0], {"shifts": 1, "dims": 0})
case("tril_0", "tril", [T([3, 4], 132)], [t0])
case("tril_pos", "tril", [T([3, 4], 133)], [t0, 1])
case("triu_neg_T", "triu", [T([4, 3], 134, layout="t")], [t0, -1])
case("triu_batch", "triu", [T([2, 3, 3], 135)], [t0])
case("triu_int", "triu", [T([3, 3], 136, "int32")], [t0, 1])
case("tril_method", "tril", [T([3, 3], 137)], [-1], method=True)
case("tril_1d_err", "tril", [T([3], 138)], [t0])
case("movedim_int", "movedim", [T([2, 3, 4], 139)], [t0, 0, 2])
case("movedim_list", "movedim", [T([2, 3, 4], 140)], [t0, [0, 1], [2, 0]])
case("movedim_method", "movedim", [T([2, 3, 4], 141)], [-1, 0], method=True)
case("moveaxis", "moveaxis", [T([2, 3], 142)], [t0, 0, 1])
case("unflatten", "unflatten", [T([2, 6], 143)], [t0, 1, [2, 3]])
case("unflatten_infer", "unflatten", [T([6, 2], 144)], [t0, 0, [-1, 2]])
case("unflatten_method", "unflatten", [T([2, 6], 145)], [-1, [3, 2]], method=True)
case("expand_as", "expand_as", [T([1, 3], 146), T([2, 3], 147, rg=False)], [t1], method=True)
case("broadcast_to", "broadcast_to", [T([3], 148)], [t0, [2, 3]])
case("broadcast_to_method", "broadcast_to", [T([2, 1], 149)], [[2, 2]], method=True)
case("broadcast_tensors", "broadcast_tensors", [T([3], 150), T([2, 1], 151)], [t0, t1])
case("broadcast_tensors_err", "broadcast_tensors", [T([3], 152), T([2], 153)], [t0, t1])
case("repeat", "repeat", [T([2, 3], 154)], [2, 3], method=True)
case("repeat_extra", "repeat", [T([2, 3], 155, layout="t")], [2, 1, 2], method=True)
case("repeat_list", "repeat", [T([3], 156, "int32")], [[2]], method=True)
case("repeat_err", "repeat", [T([2, 3], 157)], [2], method=True)
case("tile", "tile", [T([2, 3], 158)], [t0, [2]])
case("tile_more", "tile", [T([2, 3], 159)], [t0, [2, 1, 2]])
case("diag_1d", "diag", [T([3], 160)], [t0])
case("diag_1d_off", "diag", [T([3], 161)], [t0, 1])
case("diag_2d", "diag", [T([3, 4], 162)], [t0])
case("diag_2d_neg", "diag", [T([3, 4], 163, layout="t")], [t0, -1])
case("diag_method", "diag", [T([3, 3], 164, "int64")], [2], method=True)
case("diagonal_0", "diagonal", [T([3, 4], 165)], [t0])
case("diagonal_off", "diagonal", [T([3, 4], 166)], [t0, 1])
case("diagonal_3d", "diagonal", [T([2, 3, 3], 167)], [t0, 0, 1, 2])
case("diagonal_neg_swap", "diagonal", [T([3, 4], 168)], [t0, -1, 1, 0])
case("diagonal_kw", "diagonal", [T([2, 3, 4], 169)], [t0], {"offset": 1, "dim1": -1, "dim2": 0})
case("diagonal_big_off", "diagonal", [T([3, 4], 170)], [t0, 5])
case("trace", "trace", [T([3, 4], 171)], [t0])
case("trace_int", "trace", [T([3, 3], 172, "int32")], [t0])
case("trace_method", "trace", [T([4, 3], 173, layout="t")], [], method=True)
case("trace_1d_err", "trace", [T([3], 174)], [t0])


# ---- more edge cases and errors ------------------------------------------------------------
case("max_binary", "max", [T([2, 3], 175), T([2, 3], values=[0.0, 1.0, -1.0, 0.5, 0.0, 0.0])], [t0, t1])
case("min_binary_bcast", "min", [T([2, 3], 176), T([3], 177)], [t0, t1])
case("amax_empty_err", "amax", [T([0, 3], 0)], [t0, 0])
case("amax_empty_ok", "amax", [T([0, 3], 0)], [t0, 1])
case("nansum_dtype", "nansum", [T([2, 3], 178, "int32")], [t0], {"dtype": f64})
case("logsumexp_neg_inf", "logsumexp", [T([2, 2], values=[-INF, -INF, 1.0, -INF], rg=False)], [t0, 1])
case("cumsum_bool", "cumsum", [T([4], values=[True, False, True, True], dtype="bool")], [t0, 0])
case("cumsum_empty", "cumsum", [T([0, 3], 0)], [t0, 0])
case("cat_partial_grad", "cat", [T([2], 179), T([2], 180, rg=False)], [{"tl": [0, 1]}])
case("cat_all_legacy_empty", "cat", [T([0], 0), T([0], 0)], [{"tl": [0, 1]}])
case("stack_dim_oob", "stack", [T([2], 181), T([2], 182)], [{"tl": [0, 1]}, 3])
case("unbind_scalar_err", "unbind", [T([], values=[1.0])], [t0])
case("chunk_zero_err", "chunk", [T([4], 183)], [t0, 0])
case("split_zero_dim_err", "split", [T([], values=[1.0])], [t0, 1])
case("roll_mismatch_err", "roll", [T([2, 3], 184)], [t0, [1, 2], [0]])
case("roll_empty", "roll", [T([0, 2], 0)], [t0, 1, 0])
case("flip_dup_err", "flip", [T([2, 3], 185)], [t0, [0, 0]])
case("movedim_len_err", "movedim", [T([2, 3], 186)], [t0, [0, 1], [1]])
case("movedim_dup_err", "movedim", [T([2, 3], 187)], [t0, [0, 0], [0, 1]])
case("diagonal_same_err", "diagonal", [T([2, 3], 188)], [t0, 0, 1, 1])
case("diag_3d_err", "diag", [T([2, 2, 2], 189)], [t0])
case("unflatten_err", "unflatten", [T([2, 6], 190)], [t0, 1, [4, 2]])
case("broadcast_shapes", "broadcast_shapes", [], [[3], [2, 1], [1, 1, 3]])
case("broadcast_shapes_err", "broadcast_shapes", [], [[3], [2]])
case("tile_empty_dims", "tile", [T([2], 191)], [t0, [2, 0]])
case("repeat_zero", "repeat", [T([2], 192)], [0, 2], method=True)
case("var_dim_none_kw", "var", [T([3, 4], 193)], [t0], {"dim": None, "unbiased": False})
case("std_empty_dim", "std", [T([0, 3], 0)], [t0, 0])
case("prod_dim_oob", "prod", [T([2, 3], 194)], [t0, -3])
case("argmin_dim_empty_err", "argmin", [T([0, 3], 0)], [t0, 0])
case("count_nonzero_dup", "count_nonzero", [T([2, 3], 195)], [t0, [0, 0]])
case("all_dim_oob", "all", [T([2, 3], values=B6, dtype="bool")], [t0, 2])
case("trace_rect_wide", "trace", [T([2, 5], 196)], [t0])
case("norm_int_err", "norm", [T([3], 197, "int64")], [t0])
case("norm_dtype", "norm", [T([3], 198)], [t0, 2], {"dtype": f64})

# ---- dtype corners -------------------------------------------------------------------------
BOOL6 = [True, False, True, True, False, False]
case("argmax_bool", "argmax", [T([2, 3], values=BOOL6, dtype="bool")], [t0, 1])
case("max_all_bool", "max", [T([2, 3], values=BOOL6, dtype="bool")], [t0])
case("amax_bool", "amax", [T([2, 3], values=BOOL6, dtype="bool")], [t0, 1])
case("amin_uint8", "amin", [T([2, 3], 199, "uint8")], [t0, 0])
case("logsumexp_bool", "logsumexp", [T([2, 3], values=BOOL6, dtype="bool")], [t0, 1])
case("prod_uint8", "prod", [T([2, 3], 200, "uint8")], [t0, 1])
case("cumsum_dtype_int", "cumsum", [T([2, 3], 201, rg=False)], [t0, 1], {"dtype": {"dtype": "int32"}})
case("cumprod_bool", "cumprod", [T([3], values=[True, True, False], dtype="bool")], [t0, 0])
case("nansum_bool", "nansum", [T([2, 3], values=BOOL6, dtype="bool")], [t0])
case("count_nonzero_float_nan", "count_nonzero", [T([3], values=[NAN, 0.0, -0.0], rg=False)], [t0])
case("trace_bool", "trace", [T([2, 2], values=[True, True, False, True], dtype="bool")], [t0])
case("flip_bool", "flip", [T([2, 3], values=BOOL6, dtype="bool")], [t0, [0, 1]])
case("cat_bool_int", "cat", [T([2], values=[True, False], dtype="bool"), T([1], 202, "int8")], [{"tl": [0, 1]}])
case("stack_bool", "stack", [T([2], values=[True, False], dtype="bool"), T([2], values=[False, False], dtype="bool")], [{"tl": [0, 1]}, 1])
case("tril_bool", "tril", [T([2, 3], values=BOOL6, dtype="bool")], [t0])
case("repeat_bool", "repeat", [T([2], values=[True, False], dtype="bool")], [2], method=True)
case("diag_int8", "diag", [T([3], 203, "int8")], [t0, -1])
case("var_float64_dims", "var", [T([2, 3, 2], 204, "float64", layout="t")], [t0, [-1, 0]])
case("std_mean_correction", "std_mean", [T([3, 4], 205, "float64")], [t0], {"dim": 1, "correction": 2, "keepdim": True})

def run_case(c):
    inputs = [make_input(s) for s in c["inputs"]]
    args = [decode(a, inputs) for a in c["args"]]
    kw = {k: decode(v, inputs) for k, v in c["kw"].items()}
    rec = dict(c)
    try:
        if c["method"]:
            res = getattr(inputs[0], c["op"])(*args, **kw)
        else:
            res = getattr(torch, c["op"])(*args, **kw)
    except Exception as e:  # noqa: BLE001 - the error is the expected outcome
        rec["error"] = {"type": type(e).__name__, "message": str(e)}
        return rec
    if isinstance(res, torch.Size):
        rec["size"] = list(res)
        return rec
    is_tuple = isinstance(res, (tuple, list))
    outs = list(res) if is_tuple else [res]
    rec["tuple"] = is_tuple
    if type(res).__module__ == "torch.return_types":
        # structseq: the field names are its non-underscore attributes besides the tuple API
        rec["fields"] = [f for f in ("values", "indices") if hasattr(res, f)]
        rec["repr"] = repr(res)
    rec["outputs"] = [
        {
            "tensor": encode_tensor(o),
            "grad_fn": None if o.grad_fn is None else type(o.grad_fn).__name__,
            "is_view": o._is_view(),
        }
        for o in outs
    ]
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(inputs) if x.requires_grad]
    if diff_outs and wrt:
        gos = [grad_output(o.shape, o.dtype) for o in diff_outs]
        grads = torch.autograd.grad(diff_outs, [inputs[i] for i in wrt], gos, allow_unused=True)
        rec["grads"] = {str(i): (None if g is None else encode_tensor(g)) for i, g in zip(wrt, grads)}
    return rec


if __name__ == "__main__":
    write("ops_reduce_shape", {"cases": [run_case(c) for c in CASES]})
