#!/usr/bin/env python3
"""Golden cases for tensor printing (torch/_tensor_str.py): tests/golden/print*.json.

Run:  /usr/bin/python3 tools/golden/print.py   (or `npm run golden` for every area)

Each case records the storage it starts from (`input`, flat and contiguous, encoded with
encode_tensor), the view `transform` applied to it (transpose/permute/slice/select/expand),
the resulting view's size/stride/storage_offset, the set_printoptions calls made before
printing (applied in order, then reset to the default profile), the default dtype, the
autograd state (requires_grad, grad_fn name), whether it is an nn.Parameter, and `repr(t)`
(or the error PyTorch raises).
"""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402

from common import DTYPES, encode_number, encode_tensor, write  # noqa: E402

nan = float("nan")
inf = float("inf")


def apply_transform(t, transform):
    for op in transform:
        (kind, arg), = op.items()
        if kind == "transpose":
            t = t.transpose(arg[0], arg[1])
        elif kind == "permute":
            t = t.permute(*arg)
        elif kind == "slice":  # [dim, start, stop, step], Python slice semantics, step > 0
            dim, start, stop, step = arg
            idx = [slice(None)] * t.dim()
            idx[dim] = slice(start, stop, step)
            t = t[tuple(idx)]
        elif kind == "select":  # [dim, index]
            t = t.select(arg[0], arg[1])
        elif kind == "expand":
            t = t.expand(*arg)
        else:
            raise ValueError(kind)
    return t


class Cases:
    def __init__(self):
        self.cases = []
        self.names = set()

    def add(self, name, values, dtype="float32", shape=None, transform=(), options=(),
            default_dtype=None, requires_grad=False, grad_fn=None, parameter=False):
        """values: nested list, flat list (with shape) or a tensor; dtype: a DTYPES key."""
        assert name not in self.names, name
        self.names.add(name)
        dt = DTYPES[dtype]
        if isinstance(values, torch.Tensor):
            base = values.detach().to(dt).clone()
        else:
            base = torch.tensor(values, dtype=dt)
        if shape is not None:
            base = base.reshape(shape)
        base = base.contiguous()
        transform = [dict(op) for op in transform]
        options = [dict(o) for o in options]

        if default_dtype is not None:
            torch.set_default_dtype(DTYPES[default_dtype])
        for o in options:
            torch.set_printoptions(**o)
        try:
            t = apply_transform(base, transform)
            if grad_fn is not None:
                # A real autograd result; the TS side sets a stub node with the same name.
                leaf = t.detach().clone().requires_grad_(True)
                t = {"MulBackward0": lambda x: x * 1,
                     "AddBackward0": lambda x: x + 0,
                     "MseLossBackward0": lambda x: torch.nn.functional.mse_loss(x, torch.zeros_like(x)),
                     "SumBackward0": lambda x: x.sum(),
                     "ViewBackward0": lambda x: x.view(x.shape),
                     "CloneBackward0": lambda x: x.clone()}[grad_fn](leaf)
                assert type(t.grad_fn).__name__ == grad_fn
                if t.shape != base.shape or not torch.equal(t.detach(), apply_transform(base, transform)):
                    raise AssertionError(name)
            elif requires_grad:
                t.requires_grad_(True)
            if parameter:
                t = torch.nn.Parameter(t, requires_grad=requires_grad)
            try:
                result = {"repr": repr(t)}
            except Exception as e:  # PyTorch's own failure (e.g. edgeitems=0 on N-D)
                result = {"error": f"{type(e).__name__}: {e}"}
            view = {"size": list(t.shape), "stride": list(t.stride()), "offset": t.storage_offset()}
        finally:
            torch.set_printoptions(profile="default")
            torch.set_default_dtype(torch.float32)

        self.cases.append({
            "name": name,
            "input": encode_tensor(base),
            "transform": transform,
            "view": view,
            # threshold=inf travels as "inf" (encode_number), as tensor values do.
            "options": [{k: encode_number(v) for k, v in o.items()} for o in options],
            "default_dtype": default_dtype,
            "requires_grad": requires_grad,
            "grad_fn": grad_fn,
            "parameter": parameter,
            **result,
        })


def randn(seed, *shape, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=dtype)


def small_cases(c):
    # ---- pytorch-semantics.md section 1, every example --------------------------------------
    c.add("spec_sci_small", [0.92778, 1e-5, 3.0])
    c.add("spec_sci_ratio", [0.92778, 1234.5])
    c.add("spec_sci_min_float32_1e-4", [1e-4, 0.1])
    c.add("spec_int_neg", [1.0, 2.0, -3.0])
    c.add("spec_int_1000", [1.0, 1000.0])
    c.add("spec_int_ratio_sci", [1.0, 1001.0])
    c.add("spec_fixed", [-1.5, 2.25, 10.125])
    c.add("spec_nan_inf_fixed", [nan, 1.5, -inf])
    c.add("spec_nan_inf_int", [nan, inf, -inf, 1.0])
    c.add("spec_negzero_fixed", [-0.0, 1.5])
    c.add("spec_int_big", [1.2346e8])
    c.add("spec_sci_1e5", [1e5, 1.25])
    c.add("spec_int64", [1, 20, -300], "int64")
    c.add("spec_bool", [True, False, True], "bool")
    c.add("spec_uint8", [1, 255], "uint8")
    c.add("spec_int32", [1, 2], "int32")
    c.add("spec_int32_0dim", 5, "int32")
    c.add("spec_float64_0dim", 1.5, "float64")
    c.add("spec_mse_grad_fn", 1.0, grad_fn="MseLossBackward0")
    c.add("spec_requires_grad", [1.0, 2.0], requires_grad=True)
    c.add("spec_bool_0dim", True, "bool")
    c.add("spec_empty", [])
    c.add("spec_empty_int64", [], "int64")
    c.add("spec_empty_2x0", torch.zeros(2, 0))
    c.add("spec_empty_0x3_int64", torch.zeros(0, 3), "int64")
    c.add("spec_arange2000", torch.arange(2000), "int64")
    c.add("spec_3d_int_float", torch.arange(12.0), shape=[2, 2, 3])
    c.add("spec_mul_grad_fn_wrap", torch.linspace(0.3, 3.0, 9), grad_fn="MulBackward0")
    c.add("spec_zeros", [0.0, 0.0])
    c.add("spec_nan", [nan])
    c.add("spec_full_2", [2.0])

    # ---- every dtype: 0-dim, 1-D, 2-D, negative values, extremes ----------------------------
    ints = {"uint8": [0, 7, 255, 12], "int8": [-128, 0, 127, 5], "int16": [-32768, 3, 32767, -1],
            "int32": [-2147483648, 0, 2147483647, 42], "int64": [-(2 ** 53), 0, 2 ** 53, 9]}
    for dt, vals in ints.items():
        c.add(f"{dt}_extremes", vals, dt)
        c.add(f"{dt}_0dim", vals[2], dt)
        c.add(f"{dt}_2d", vals * 3, dt, shape=[3, 4])
        c.add(f"{dt}_empty", [], dt)
        c.add(f"{dt}_default64", vals, dt, default_dtype="float64")
    c.add("bool_2d", [True, False, False, True, True, True], "bool", shape=[2, 3])
    c.add("bool_all_false", [False, False], "bool")
    c.add("bool_empty", [], "bool")
    c.add("bool_empty_2x0", torch.zeros(2, 0), "bool")
    for dt in ("float32", "float64"):
        c.add(f"{dt}_0dim_int", 3.0, dt)
        c.add(f"{dt}_0dim_frac", -0.123456789, dt)
        c.add(f"{dt}_0dim_sci", 1.5e-7, dt)
        c.add(f"{dt}_0dim_nan", nan, dt)
        c.add(f"{dt}_0dim_neginf", -inf, dt)
        c.add(f"{dt}_0dim_negzero", -0.0, dt)
        c.add(f"{dt}_0dim_zero", 0.0, dt)
        c.add(f"{dt}_randn_2d", randn(1, 3, 4), dt)
        c.add(f"{dt}_empty", [], dt)
    c.add("float64_thirds", [1 / 3, 2 / 3, 1.0, 4 / 3], "float64")
    c.add("float64_precision_10", [1 / 3, math.pi, math.e], "float64", options=[{"precision": 10}])
    c.add("float64_precision_17", [0.1, 0.2, 0.3], "float64", options=[{"precision": 17}])
    c.add("float32_precision_10", [0.1, 0.2, 0.3], options=[{"precision": 10}])
    c.add("float64_big_int", [2.0 ** 60, 3.0], "float64")
    c.add("float64_tiny", [5e-324, 1e-300, 1.0], "float64")
    c.add("float64_huge", [1.7976931348623157e308, -1e300], "float64")
    c.add("float64_huge_nosci", [1e22, 1.5], "float64", options=[{"sci_mode": False}])
    c.add("float32_huge_nosci_int", [1e22, 1.0], options=[{"sci_mode": False}])
    c.add("float32_max", [3.4028234663852886e38, -1.0])
    c.add("float32_subnormal", [1e-45, 1.0])

    # ---- empty tensors of several shapes ----------------------------------------------------
    for shape in ([0], [2, 0], [0, 3], [0, 0], [2, 0, 3], [1, 0], [0, 1, 2, 3]):
        name = "x".join(map(str, shape))
        c.add(f"empty_{name}_float32", torch.zeros(shape))
        c.add(f"empty_{name}_int32", torch.zeros(shape), "int32")
    c.add("empty_float64_default64", [], "float64", default_dtype="float64")
    c.add("empty_float32_default64", [], "float32", default_dtype="float64")
    c.add("empty_2x0_requires_grad", torch.zeros(2, 0), requires_grad=True)
    c.add("empty_int64_0x3_parameter_nograd", torch.zeros(0, 3), "int64", parameter=True)

    # ---- rounding: Python's round-half-even on the exact binary value -----------------------
    c.add("round_half_even_4f", [0.03125, 0.09375, 0.15625, 1.0])
    c.add("round_half_even_0f", [2.5, 3.5, 0.5, 1.5], options=[{"precision": 0}])
    c.add("round_half_even_sci", [1.03125e-5, 2.0])
    c.add("round_float32_not_tie", [0.1, 0.7, 0.35, 2.675])
    c.add("round_float64_ties", [0.125, 0.375, 0.625, 2.675], "float64", options=[{"precision": 2}])
    c.add("round_carry_fixed", [9.99995, 0.99995, 1.5], "float64")
    c.add("round_carry_sci", [9.99995e-7, 1.0], "float64")
    c.add("round_sci_prec0", [25.0, 35.0, 0.00015], options=[{"precision": 0}])
    c.add("exp_three_digits", [1e-100, 1e100], "float64")
    c.add("exp_two_digits_neg", [1e-5, 2e-5, 1e-9])

    # ---- formatter choice --------------------------------------------------------------------
    c.add("int_mode_exact_1e8", [1e8, 1.0])
    c.add("int_mode_above_1e8", [100000008.0, 1.0])
    c.add("int_mode_ratio_1000", [1.0, 1000.0, -1000.0])
    c.add("fixed_ratio_1000_boundary", [0.5, 500.0])
    c.add("fixed_ratio_above_1000", [0.5, 500.5])
    c.add("fixed_min_1e-4_float64", [1e-4, 0.5], "float64")
    c.add("fixed_min_just_below", [0.0001, 0.001], "float64")
    c.add("fixed_large_non_int", [12345678.5, 1.5])
    c.add("int_mode_negzero_only", [-0.0, 0.0])
    c.add("int_mode_all_nonfinite", [nan, inf, -inf])
    c.add("int_mode_with_zero_and_nan", [0.0, nan, 3.0, -inf])
    c.add("sci_with_nan_inf_zero", [1e-6, nan, inf, 0.0, -0.0, -2.5])
    c.add("fixed_mix_nan_negzero", [-0.0, nan, 0.25, -inf, 100.5])
    c.add("widths_mixed_signs", [-123.25, 4.5, -0.5, 88.0])

    # ---- set_printoptions variants ----------------------------------------------------------
    x = randn(2, 6)
    c.add("opt_precision_2", x, options=[{"precision": 2}])
    c.add("opt_precision_0", x, options=[{"precision": 0}])
    c.add("opt_precision_8", x, options=[{"precision": 8}])
    c.add("opt_sci_true", x, options=[{"sci_mode": True}])
    c.add("opt_sci_false", [1e-6, 1e6, 1.5], options=[{"sci_mode": False}])
    c.add("opt_sci_true_int_mode", [1.0, 2.0, 300.0], options=[{"sci_mode": True}])
    c.add("opt_sci_false_int_sci", [1.0, 1e9], options=[{"sci_mode": False}])
    c.add("opt_sci_true_all_zero", [0.0, -0.0, nan], options=[{"sci_mode": True}])
    c.add("opt_sci_true_int64", [1, 2, 3], "int64", options=[{"sci_mode": True}])
    c.add("opt_sci_reset_by_later_call", [1e-6, 1.0], options=[{"sci_mode": False}, {"precision": 3}])
    c.add("opt_precision_kept_by_sci_call", [1e-6, 1.0], options=[{"precision": 2}, {"sci_mode": True}])
    c.add("opt_profile_short", x, options=[{"profile": "short"}])
    c.add("opt_profile_short_arange", torch.arange(1200.0) / 7, options=[{"profile": "short"}])
    c.add("opt_profile_full_arange", torch.arange(1200), "int64", options=[{"profile": "full"}])
    c.add("opt_profile_default_after_short", x, options=[{"profile": "short"}, {"profile": "default"}])
    c.add("opt_profile_short_precision_override", x, options=[{"profile": "short", "precision": 5}])
    c.add("opt_profile_unknown_ignored", x, options=[{"precision": 2}, {"profile": "nope"}])
    c.add("opt_threshold_5", torch.arange(10), "int64", options=[{"threshold": 5}])
    c.add("opt_threshold_5_float", torch.arange(10.0) / 3, options=[{"threshold": 5}])
    c.add("opt_threshold_0_scalar", 2.5, options=[{"threshold": 0}])
    c.add("opt_threshold_0_short", [1.0, 2.0, 3.0], options=[{"threshold": 0}])
    c.add("opt_threshold_inf_float", torch.arange(1500.0), options=[{"threshold": inf}])
    c.add("opt_edgeitems_1", torch.arange(20.0), options=[{"threshold": 10, "edgeitems": 1}])
    c.add("opt_edgeitems_5_2d", torch.arange(400), "int64", shape=[20, 20],
          options=[{"threshold": 100, "edgeitems": 5}])
    c.add("opt_edgeitems_0_1d", torch.arange(10), "int64", options=[{"threshold": 5, "edgeitems": 0}])
    c.add("opt_edgeitems_0_2d_error", torch.arange(20), "int64", shape=[4, 5],
          options=[{"threshold": 5, "edgeitems": 0}])
    c.add("opt_edgeitems_big_no_summary", torch.arange(20), "int64", options=[{"threshold": 5, "edgeitems": 10}])
    c.add("opt_linewidth_40", torch.arange(30.0) / 7, options=[{"linewidth": 40}])
    c.add("opt_linewidth_120", torch.arange(30.0) / 7, options=[{"linewidth": 120}])
    c.add("opt_linewidth_5", torch.arange(6), "int64", options=[{"linewidth": 5}])
    c.add("opt_linewidth_40_2d", randn(3, 3, 8), options=[{"linewidth": 40}])
    c.add("opt_linewidth_40_suffix", torch.arange(6.0), requires_grad=True, options=[{"linewidth": 40}])
    c.add("opt_linewidth_20_suffix_dtype", [1.5, 2.5], "float64", requires_grad=True, options=[{"linewidth": 20}])
    c.add("opt_positional_style", x, options=[{"precision": 3, "threshold": 8, "edgeitems": 2, "linewidth": 60}])

    # ---- 1-D wrapping -------------------------------------------------------------------------
    c.add("wrap_frac_30", torch.arange(30.0) / 7)
    c.add("wrap_randn_25", randn(3, 25))
    c.add("wrap_int_big_widths", [10 ** 12 * (i + 1) * (-1) ** i for i in range(15)], "int64")
    c.add("wrap_bool_20", [i % 3 == 0 for i in range(20)], "bool")
    c.add("wrap_sci_20", torch.logspace(-10, 10, 20))
    c.add("wrap_exact_fit", torch.arange(8.0) + 0.5)  # 8 items of width 6+2
    c.add("wrap_uint8_50", torch.arange(50), "uint8")
    c.add("wrap_float64_17", torch.arange(17, dtype=torch.float64) / 9, "float64")

    # ---- N-D layouts -------------------------------------------------------------------------
    c.add("nd_2d_int", torch.arange(6), "int64", shape=[2, 3])
    c.add("nd_2d_randn", randn(4, 3, 5))
    c.add("nd_2d_single_row", [[1.5, 2.5, 3.5]])
    c.add("nd_2d_single_col", [[1.5], [2.5], [3.5]])
    c.add("nd_2d_wide_wrap", randn(5, 2, 15))
    c.add("nd_3d_randn", randn(6, 2, 3, 4))
    c.add("nd_4d_int", torch.arange(24), "int32", shape=[2, 3, 2, 2])
    c.add("nd_4d_randn", randn(7, 2, 2, 2, 3), "float64")
    c.add("nd_5d_ones", torch.ones(1, 1, 1, 1, 1))
    c.add("nd_3d_1x1x1_int8", [[[5]]], "int8")
    c.add("nd_3d_bool", torch.arange(12) % 2 == 0, "bool", shape=[2, 3, 2])

    # ---- non-contiguous inputs ----------------------------------------------------------------
    c.add("view_transpose", torch.arange(12.0) / 4, shape=[3, 4], transform=[{"transpose": [0, 1]}])
    c.add("view_transpose_int", torch.arange(12), "int64", shape=[3, 4], transform=[{"transpose": [0, 1]}])
    c.add("view_step_1d", torch.arange(20.0) / 3, transform=[{"slice": [0, 1, None, 2]}])
    c.add("view_step_2d_cols", torch.arange(30), "int32", shape=[5, 6], transform=[{"slice": [1, 0, None, 3]}])
    c.add("view_select_col", torch.arange(12.0), shape=[3, 4], transform=[{"select": [1, 2]}])
    c.add("view_select_row_0dim", torch.arange(4.0) * 1.5, transform=[{"select": [0, 3]}])
    c.add("view_permute_3d", randn(8, 2, 3, 4), transform=[{"permute": [2, 0, 1]}])
    c.add("view_expand", [[1.5], [2.5]], transform=[{"expand": [2, 4]}])
    c.add("view_expand_new_dim", [1, 2, 3], "int64", transform=[{"expand": [2, 3]}])
    c.add("view_offset_slice", torch.arange(10.0), transform=[{"slice": [0, 3, 7, 1]}])
    c.add("view_transposed_summarised", torch.arange(3000.0), shape=[3, 1000],
          transform=[{"transpose": [0, 1]}])
    c.add("view_stepped_summarised", torch.arange(4000), "int64", transform=[{"slice": [0, 1, None, 2]}])
    c.add("view_empty_slice", torch.arange(6.0), shape=[2, 3], transform=[{"slice": [1, 3, None, 1]}])

    # ---- autograd suffixes and wrapping -------------------------------------------------------
    c.add("grad_requires_grad_2d", randn(9, 2, 3), requires_grad=True)
    c.add("grad_requires_grad_0dim", 2.0, requires_grad=True)
    c.add("grad_requires_grad_float64", [1.0, 2.0], "float64", requires_grad=True)
    c.add("grad_fn_add", [1.0, 2.0], grad_fn="AddBackward0")
    c.add("grad_fn_sum_0dim", 3.5, grad_fn="SumBackward0")
    c.add("grad_fn_view_2d", randn(10, 3, 3), grad_fn="ViewBackward0")
    c.add("grad_fn_float64_dtype", [1.0, 2.0], "float64", grad_fn="CloneBackward0")
    # Last lines near 80 columns: the suffix moves to its own line exactly when PyTorch does.
    for n in range(8, 12):
        c.add(f"grad_suffix_wrap_{n}", torch.arange(float(n)) + 0.25, requires_grad=True)
    for n in range(8, 12):
        c.add(f"grad_suffix_wrap_f64_{n}", torch.arange(float(n)) + 0.25, "float64", requires_grad=True)
    c.add("grad_suffix_wrap_2d", randn(11, 3, 8), grad_fn="MulBackward0")
    # _add_suffixes' last_line_len over-counts by 2: pick tensors whose last line plus first
    # suffix lands on 75..79 columns, around where that over-count decides the wrapping.
    picked = 0
    for n in range(1, 60):
        for dtype in ("float32", "float64"):
            for kind, vals in (("int", torch.arange(float(n))), ("frac", torch.arange(float(n)) + 0.5)):
                for grad in (None, "MulBackward0"):
                    text = repr(vals.to(DTYPES[dtype]))[:-1]
                    if dtype == "float64":
                        text = text[:-len(", dtype=torch.float64")]
                    last = len(text) - text.rfind("\n") - 1
                    first = "dtype=torch.float64" if dtype == "float64" else (
                        f"grad_fn=<{grad}>" if grad else "requires_grad=True")
                    if 75 <= last + len(first) + 2 <= 79:
                        picked += 1
                        c.add(f"grad_suffix_edge_{kind}_{dtype}_{n}_{grad or 'leaf'}", vals, dtype,
                              requires_grad=grad is None, grad_fn=grad)
    assert picked >= 8, picked
    c.add("grad_suffix_summarised", torch.arange(2000.0), requires_grad=True)
    c.add("grad_suffix_int_dtype_long_line", torch.arange(10) * 1000, "int16")

    # ---- Parameter -----------------------------------------------------------------------------
    c.add("parameter_2d", randn(12, 2, 3), parameter=True, requires_grad=True)
    c.add("parameter_no_grad", [1.0, 2.0], parameter=True)
    c.add("parameter_float64", [1.0, 2.5], "float64", parameter=True, requires_grad=True)

    # ---- default dtype float64 -----------------------------------------------------------------
    c.add("default64_float64", [1.5, 2.5], "float64", default_dtype="float64")
    c.add("default64_float32", [1.5, 2.5], "float32", default_dtype="float64")
    c.add("default64_float32_0dim", 1.5, "float32", default_dtype="float64")
    c.add("default64_float64_grad", [1.5, 2.5], "float64", default_dtype="float64", requires_grad=True)
    c.add("default64_float32_grad_wrap", torch.arange(11.0) + 0.25, "float32", default_dtype="float64",
          requires_grad=True)
    c.add("default64_int64", [1, 2], "int64", default_dtype="float64")
    c.add("default64_empty_int64", [], "int64", default_dtype="float64")


def large_cases(c):
    c.add("sum_arange2000_float", torch.arange(2000.0))
    c.add("sum_randn_100x100", randn(13, 100, 100))
    c.add("sum_1001", torch.arange(1001.0) / 3)
    c.add("sum_1001_int32", torch.arange(1001), "int32")
    c.add("sum_3x1000", randn(14, 3, 1000))
    c.add("sum_1000x3_int", torch.arange(3000), "int64", shape=[1000, 3])
    c.add("sum_10x200", randn(15, 10, 200))
    c.add("sum_3d_20x20x20", torch.arange(8000), "int16", shape=[20, 20, 20])
    c.add("sum_4d", randn(16, 4, 5, 6, 10), "float64")
    c.add("sum_bool_1500", torch.arange(1500) % 3 == 0, "bool")
    c.add("sum_uint8_2000", torch.arange(2000) % 256, "uint8")
    c.add("sum_formatter_sees_edges_only", torch.cat([torch.ones(3), torch.full((1000,), 1e-7), torch.ones(3)]))
    c.add("sum_nan_in_middle", torch.cat([torch.arange(3.0), torch.full((1000,), nan), torch.arange(3.0)]))
    c.add("sum_randn_scaled_sci", randn(17, 1200) * 1e6)
    c.add("sum_grad_fn", torch.arange(1500.0) / 1500, grad_fn="MulBackward0")
    c.add("sum_linewidth_40", randn(18, 1100), options=[{"linewidth": 40}])
    c.add("sum_short_profile_2d", randn(19, 40, 40), options=[{"profile": "short"}])
    c.add("sum_exactly_threshold", torch.arange(1000.0))


def api_cases():
    """set_printoptions called positionally, by keyword, or wrongly; then a sample is printed."""
    sample = randn(20, 2, 6) * 100
    calls = [
        ((2,), {}),
        ((3, 8, 2, 60), {}),
        ((None, None, None, None, "short"), {}),
        ((None, None, None, None, None, True), {}),
        ((5,), {"sci_mode": False, "linewidth": 50}),
        ((None, 5), {"edgeitems": 1}),
        ((2,), {"precision": 3}),
        ((None, 5), {"threshold": 3}),
        ((), {"foo": 1}),
    ]
    out = []
    for args, kwargs in calls:
        try:
            torch.set_printoptions(*args, **kwargs)
            result = {"repr": repr(sample)}
        except Exception as e:
            result = {"error": f"{type(e).__name__}: {e}"}
        finally:
            torch.set_printoptions(profile="default")
        out.append({"args": list(args), "kwargs": kwargs, **result})
    return {"sample": encode_tensor(sample), "calls": out}


def format_cases():
    """Python's "{:.Nf}" / "{:.Ne}" on doubles the printer meets: float32 values, random
    doubles, exact binary ties (round-half-even), carries, subnormals and huge values."""
    import random
    import struct
    rng = random.Random(1234)
    values = [0.03125, 2.5, 0.5, -0.5, 1.5, 25.0, 95.0, 0.0, -0.0, 1e22, 5e-324, 1.7976931348623157e308,
              9.99995, 0.99995, 125.0, 1250.0, 2.675, 1e-5, 1e16, 123456789012345678.0]
    while len(values) < 1000:
        r = rng.random()
        if r < 0.25:
            v = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        elif r < 0.5:
            v = struct.unpack("f", struct.pack("I", rng.getrandbits(32)))[0]
        elif r < 0.8:
            v = rng.randint(-10 ** 6, 10 ** 6) / 2 ** rng.randint(0, 24)
        else:
            v = rng.randint(-10 ** 4, 10 ** 4) * 10.0 ** rng.randint(-6, 8)
        if math.isfinite(v):
            values.append(v)
    precisions = [0, 1, 4, 10]
    return {
        "precisions": precisions,
        "values": values,
        # fixed notation only below 1e30 (beyond it the strings are long and add nothing)
        "fixed": [[f"{v:.{p}f}" if abs(v) < 1e30 else None for p in precisions] for v in values],
        "exp": [[f"{v:.{p}e}" for p in precisions] for v in values],
    }


def main():
    small = Cases()
    small_cases(small)
    large = Cases()
    large_cases(large)
    write("print", {"torch_version": torch.__version__, "cases": small.cases, "set_printoptions": api_cases()})
    write("print_large", {"torch_version": torch.__version__, "cases": large.cases})
    write("print_format", format_cases())
    print(f"{len(small.cases) + len(large.cases)} print cases")


if __name__ == "__main__":
    main()
