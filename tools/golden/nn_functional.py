#!/usr/bin/env python3
"""Golden cases for torch.nn.functional activations and losses: tests/golden/nn_functional.json.

Run:  /usr/bin/python3 tools/golden/nn_functional.py

The cases use the format of tools/golden/ops_autograd.py (its helpers build, run and encode
them; tests/ops/ops_autograd_case.ts replays them): forward values, dtype, the grad_fn graph,
gradients for a fixed grad_output, or PyTorch's error. First-order gradients only (the
second-order entries ops_autograd.py adds for float64 are dropped here).

`gradcheck` lists float64 calls with PyTorch's torch.autograd.gradcheck verdict; the TS test
runs ts-torch's gradcheck on those PyTorch passes.
"""
import copy
import pathlib
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import ops_autograd as oa  # noqa: E402
from common import encode_tensor, write  # noqa: E402
from ops_autograd import FLOATS, T, t, dt  # noqa: E402

SEED = 70000  # a separate stream of input values

TR = {"transpose": [0, 1]}  # on a [3, 2] leaf: a [2, 3] view
NAN, INF = float("nan"), float("inf")


def fcase(name, fn, inputs, *args, **kwargs):
    oa.case(name, "F", fn, inputs, list(args), kwargs)


GRADCHECK = []


def gc(name, fn, inputs, *args, **kwargs):
    GRADCHECK.append({"name": name, "fn": fn, "inputs": inputs, "args": list(args), "kwargs": kwargs})


# ---- activations ------------------------------------------------------------------------------

# name: (kwargs variants, special points)
ACT = {
    "relu6": ([{}], [0.0, 6.0, -0.5, 6.5, 3.25, NAN]),
    "leaky_relu": ([{}, {"negative_slope": 0.2}], [0.0, -0.0, -2.5, 1.5]),
    "elu": ([{}, {"alpha": 0.5}], [0.0, -0.5, -30.5, 1.5]),
    "selu": ([{}], [0.0, -0.5, -1.5, 1.5]),
    "celu": ([{}, {"alpha": 2.5}], [0.0, -0.5, -1.5, 1.5]),
    "gelu": ([{}, {"approximate": "tanh"}], [0.0, -0.5, -5.5, 3.5, -12.5]),
    "silu": ([{}], [0.0, -0.5, -30.5, 30.5]),
    "mish": ([{}], [0.0, -0.5, -30.5, 30.5]),
    "softplus": ([{}, {"beta": 2.5}, {"beta": 0.5, "threshold": 1.5}], [0.0, 19.5, 20.5, -25.5, 7.5]),
    "softsign": ([{}], [0.0, -0.5, 2.5]),
    "hardtanh": ([{}, {"min_val": -0.5, "max_val": 1.5}], [-1.0, 1.0, 0.0, -1.5, 1.5, -0.5]),
    "hardsigmoid": ([{}], [-3.0, 3.0, 0.0, -3.5, 3.5]),
    "hardswish": ([{}], [-3.0, 3.0, 0.0, -3.5, 3.5]),
    "logsigmoid": ([{}], [0.0, -30.5, 30.5, -0.5]),
    "tanhshrink": ([{}], [0.0, -0.5, 2.5]),
    "softshrink": ([{}, {"lambd": 1.25}], [0.5, -0.5, 0.0, 0.75, -1.25]),
    "hardshrink": ([{}, {"lambd": 1.25}], [0.5, -0.5, 0.0, 0.75, -1.25]),
    "rrelu": ([{}], [0.0, -2.5, 1.5]),
}


def activation_cases():
    for fn, (variants, special) in ACT.items():
        for d in FLOATS:
            for k, kw in enumerate(variants):
                sfx = "" if k == 0 else f"/kw{k}"
                fcase(f"{fn}/{d}/2d{sfx}", fn, [T([2, 3], d)], t(0), **kw)
                fcase(f"{fn}/{d}/transposed{sfx}", fn, [T([3, 2], d, tf=[TR])], t(0), **kw)
                fcase(f"{fn}/{d}/special{sfx}", fn, [T([len(special)], d, values=special)], t(0), **kw)
            fcase(f"{fn}/{d}/0dim", fn, [T([], d)], t(0))
        gc(f"gradcheck/{fn}", fn, [T([2, 3], "float64")], t(0))
    for d in FLOATS:
        fcase(f"leaky_relu/{d}/positional", "leaky_relu", [T([4], d)], t(0), 0.3)
        fcase(f"elu/{d}/positional", "elu", [T([4], d)], t(0), 0.3)
        fcase(f"hardtanh/{d}/positional", "hardtanh", [T([5], d)], t(0), -0.25, 0.75)
        fcase(f"softplus/{d}/positional", "softplus", [T([4], d)], t(0), 1.5, 2.5)
        fcase(f"threshold/{d}", "threshold", [T([2, 3], d)], t(0), 0.1, 20.5)
        fcase(f"threshold/{d}/special", "threshold", [T([3], d, values=[0.1, 0.0, 0.25])], t(0), 0.1, -2.5)
        fcase(f"rrelu/{d}/bounds", "rrelu", [T([4], d)], t(0), 0.25, 0.75)
        fcase(f"prelu/{d}/one", "prelu", [T([2, 3], d), T([1], d, values=[0.25])], t(0), t(1))
        fcase(f"prelu/{d}/channels", "prelu", [T([2, 3, 2], d), T([3], d, values=[0.25, -0.5, 1.5])], t(0), t(1))
        fcase(f"prelu/{d}/1d", "prelu", [T([4], d), T([1], d, values=[0.125])], t(0), t(1))
        fcase(f"glu/{d}/last", "glu", [T([2, 4], d)], t(0))
        fcase(f"glu/{d}/dim0", "glu", [T([4, 3], d)], t(0), 0)
        fcase(f"glu/{d}/kw_dim", "glu", [T([2, 2, 3], d)], t(0), dim=1)
        fcase(f"softmin/{d}", "softmin", [T([2, 3], d)], t(0), 1)
        fcase(f"softmin/{d}/kw", "softmin", [T([2, 3], d)], t(0), dim=0)
    CLONE = {"clone": True}
    for d in FLOATS:
        for fn in ("relu6", "hardtanh", "leaky_relu", "elu", "selu", "celu", "silu", "mish", "hardsigmoid", "hardswish", "rrelu"):
            fcase(f"{fn}/{d}/inplace", fn, [T([2, 3], d, tf=[CLONE])], t(0), inplace=True)
            fcase(f"{fn}/{d}/inplace_view", fn, [T([3, 2], d, tf=[CLONE, TR])], t(0), inplace=True)
        fcase(f"threshold/{d}/inplace", "threshold", [T([2, 3], d, tf=[CLONE])], t(0), 0.1, 20.5, True)
        fcase(f"elu/{d}/inplace_positional", "elu", [T([2, 3], d, tf=[CLONE])], t(0), 0.5, True)
        fcase(f"leaky_relu/{d}/inplace_positional", "leaky_relu", [T([2, 3], d, tf=[CLONE])], t(0), 0.2, True)
        fcase(f"hardtanh/{d}/inplace_positional", "hardtanh", [T([2, 3], d, tf=[CLONE])], t(0), -0.5, 0.5, True)
    for d in FLOATS:
        fcase(f"elu_/{d}", "elu_", [T([2, 3], d, tf=[CLONE])], t(0), 0.5)
        fcase(f"celu_/{d}", "celu_", [T([2, 3], d, tf=[CLONE])], t(0), alpha=1.5)
        fcase(f"selu_/{d}", "selu_", [T([2, 3], d, tf=[CLONE])], t(0))
        fcase(f"leaky_relu_/{d}", "leaky_relu_", [T([2, 3], d, tf=[CLONE])], t(0), 0.25)
        fcase(f"hardtanh_/{d}", "hardtanh_", [T([2, 3], d, tf=[CLONE])], t(0), -0.5, 0.5)
        fcase(f"threshold_/{d}", "threshold_", [T([2, 3], d, tf=[CLONE])], t(0), 0.1, -2.5)
        fcase(f"rrelu_/{d}", "rrelu_", [T([2, 3], d, tf=[CLONE])], t(0))
    fcase("leaky_relu/error/inplace_leaf", "leaky_relu", [T([3])], t(0), inplace=True)
    fcase("leaky_relu/error/inplace_negative_slope", "leaky_relu", [T([3], tf=[CLONE])], t(0), -0.5, True)
    fcase("leaky_relu/inplace_no_grad", "leaky_relu", [T([3], grad=False)], t(0), -0.5, True)
    fcase("elu/error/inplace_leaf", "elu", [T([3])], t(0), inplace=True)
    fcase("softmin/float32/dtype", "softmin", [T([2, 3])], t(0), 1, dtype=dt("float64"))
    fcase("prelu/error/channels", "prelu", [T([2, 3]), T([2])], t(0), t(1))
    fcase("glu/error/odd", "glu", [T([2, 3])], t(0))
    fcase("gelu/error/approximate", "gelu", [T([3])], t(0), approximate="fast")
    fcase("gelu/error/int", "gelu", [T([3], "int64")], t(0))
    fcase("leaky_relu/error/int", "leaky_relu", [T([3], "int64")], t(0))
    gc("gradcheck/threshold", "threshold", [T([2, 3], "float64")], t(0), 0.1, 20.5)
    gc("gradcheck/prelu", "prelu", [T([2, 3, 2], "float64"), T([3], "float64", values=[0.25, -0.5, 1.5])], t(0), t(1))
    gc("gradcheck/glu", "glu", [T([2, 4], "float64")], t(0))
    gc("gradcheck/softmin", "softmin", [T([2, 3], "float64")], t(0), 1)
    gc("gradcheck/gelu_tanh", "gelu", [T([2, 3], "float64")], t(0), approximate="tanh")
    gc("gradcheck/softplus_beta", "softplus", [T([2, 3], "float64")], t(0), beta=2.5, threshold=1.5)


# ---- losses -----------------------------------------------------------------------------------

REDS = ("none", "mean", "sum")


def long(values, shape=None):
    return T([len(values)] if shape is None else shape, "int64", values=values)


def loss_cases():
    for d in FLOATS:
        for red in REDS:
            # nll_loss / cross_entropy with class indices
            fcase(f"nll_loss/{d}/{red}", "nll_loss", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), reduction=red)
            fcase(f"nll_loss/{d}/{red}/weight", "nll_loss", [T([3, 4], d), long([0, 3, 1]), T([4], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), reduction=red)
            fcase(f"nll_loss/{d}/{red}/ignore", "nll_loss", [T([3, 4], d), long([0, -100, 1])], t(0), t(1), reduction=red)
            fcase(f"nll_loss/{d}/{red}/ignore_idx", "nll_loss", [T([3, 4], d), long([0, 2, 2]), T([4], d, kind="pos", grad=False)], t(0), t(1), t(2), ignore_index=2, reduction=red)
            fcase(f"cross_entropy/{d}/{red}", "cross_entropy", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/weight_ignore", "cross_entropy", [T([3, 4], d), long([0, -100, 1]), T([4], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/4d", "cross_entropy", [T([2, 3, 2, 2], d), long([0, 1, 2, 1, 2, 0, 0, 1], [2, 2, 2])], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/3d", "cross_entropy", [T([2, 3, 2], d), long([0, 2, 1, 1], [2, 2])], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/5d", "cross_entropy", [T([2, 3, 2, 1, 2], d), long([0, 2, 1, 1, 0, 0, 2, 2], [2, 2, 1, 2])], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/1d", "cross_entropy", [T([4], d), T([], "int64", values=[2])], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/prob", "cross_entropy", [T([3, 4], d), T([3, 4], d, kind="unit", grad=False)], t(0), t(1), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/prob_weight", "cross_entropy", [T([3, 4], d), T([3, 4], d, kind="unit", grad=False), T([4], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), reduction=red)
            fcase(f"cross_entropy/{d}/{red}/prob_smooth", "cross_entropy", [T([3, 4], d), T([3, 4], d, kind="unit", grad=False)], t(0), t(1), reduction=red, label_smoothing=0.2)
            fcase(f"cross_entropy/{d}/{red}/smooth", "cross_entropy", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), reduction=red, label_smoothing=0.1)
            fcase(f"cross_entropy/{d}/{red}/smooth_ignore", "cross_entropy", [T([3, 4], d), long([0, -100, 1])], t(0), t(1), reduction=red, label_smoothing=0.3)
            fcase(f"cross_entropy/{d}/{red}/smooth_weight", "cross_entropy", [T([3, 4], d), long([0, 2, 1]), T([4], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), reduction=red, label_smoothing=0.3)
            fcase(f"cross_entropy/{d}/{red}/smooth_4d", "cross_entropy", [T([2, 3, 1, 2], d), long([0, 1, 2, 1], [2, 1, 2])], t(0), t(1), reduction=red, label_smoothing=0.25)
            # elementwise losses
            fcase(f"l1_loss/{d}/{red}", "l1_loss", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red)
            fcase(f"smooth_l1_loss/{d}/{red}", "smooth_l1_loss", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red)
            fcase(f"smooth_l1_loss/{d}/{red}/beta", "smooth_l1_loss", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red, beta=0.5)
            fcase(f"huber_loss/{d}/{red}", "huber_loss", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red)
            fcase(f"huber_loss/{d}/{red}/delta", "huber_loss", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red, delta=0.5)
            fcase(f"binary_cross_entropy/{d}/{red}", "binary_cross_entropy", [T([2, 3], d, kind="unit"), T([2, 3], d, kind="unit")], t(0), t(1), reduction=red)
            fcase(f"binary_cross_entropy/{d}/{red}/weight", "binary_cross_entropy", [T([2, 3], d, kind="unit"), T([2, 3], d, kind="unit", grad=False), T([3], d, kind="pos", grad=False)], t(0), t(1), t(2), reduction=red)
            fcase(f"binary_cross_entropy_with_logits/{d}/{red}", "binary_cross_entropy_with_logits", [T([2, 3], d), T([2, 3], d, kind="unit")], t(0), t(1), reduction=red)
            fcase(f"binary_cross_entropy_with_logits/{d}/{red}/weights", "binary_cross_entropy_with_logits", [T([2, 3], d), T([2, 3], d, kind="unit"), T([3], d, kind="pos", grad=False), T([3], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), pos_weight=t(3), reduction=red)
        for red in ("none", "mean", "sum", "batchmean"):
            fcase(f"kl_div/{d}/{red}", "kl_div", [T([2, 3], d), T([2, 3], d, kind="unit")], t(0), t(1), reduction=red)
            fcase(f"kl_div/{d}/{red}/log_target", "kl_div", [T([2, 3], d), T([2, 3], d)], t(0), t(1), reduction=red, log_target=True)
        fcase(f"nll_loss/{d}/default_transposed", "nll_loss", [T([4, 3], d, tf=[TR]), long([0, 3, 1])], t(0), t(1))
        fcase(f"nll_loss/{d}/all_ignored", "nll_loss", [T([2, 3], d), long([-100, -100])], t(0), t(1))
        fcase(f"nll_loss/{d}/1d", "nll_loss", [T([3], d), T([], "int64", values=[1])], t(0), t(1))
        fcase(f"nll_loss/{d}/1d_none", "nll_loss", [T([3], d), T([], "int64", values=[1])], t(0), t(1), reduction="none")
        fcase(f"cross_entropy/{d}/default_transposed", "cross_entropy", [T([4, 3], d, tf=[TR]), long([0, 3, 1])], t(0), t(1))
        fcase(f"cross_entropy/{d}/legacy_size_average", "cross_entropy", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), size_average=False)
        fcase(f"cross_entropy/{d}/legacy_reduce", "cross_entropy", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), reduce=False)
        fcase(f"l1_loss/{d}/broadcast", "l1_loss", [T([2, 3], d), T([3], d)], t(0), t(1))
        fcase(f"l1_loss/{d}/transposed", "l1_loss", [T([3, 2], d, tf=[TR]), T([2, 3], d)], t(0), t(1))
        fcase(f"smooth_l1_loss/{d}/broadcast", "smooth_l1_loss", [T([2, 3], d), T([3], d)], t(0), t(1))
        fcase(f"smooth_l1_loss/{d}/special", "smooth_l1_loss", [T([4], d, values=[1.0, -1.0, 0.0, 0.5]), T([4], d, values=[0.0, 0.0, 0.0, 0.0])], t(0), t(1))
        fcase(f"huber_loss/{d}/special", "huber_loss", [T([4], d, values=[1.0, -1.0, 0.0, 0.5]), T([4], d, values=[0.0, 0.0, 0.0, 0.0])], t(0), t(1))
        fcase(f"binary_cross_entropy/{d}/clamp", "binary_cross_entropy", [T([4], d, values=[0.0, 1.0, 0.5, 1e-50 if d == "float64" else 0.25]), T([4], d, values=[0.25, 0.75, 0.0, 1.0])], t(0), t(1))
        fcase(f"binary_cross_entropy_with_logits/{d}/large", "binary_cross_entropy_with_logits", [T([4], d, values=[50.5, -50.5, 0.0, 3.5]), T([4], d, values=[0.0, 1.0, 0.5, 1.0])], t(0), t(1))
        fcase(f"l1_loss/{d}/0dim", "l1_loss", [T([], d), T([], d)], t(0), t(1))
        fcase(f"mse_loss/{d}/elementwise_mean", "mse_loss", [T([3], d), T([3], d)], t(0), t(1), reduction="elementwise_mean")
        fcase(f"l1_loss/{d}/legacy_both", "l1_loss", [T([3], d), T([3], d)], t(0), t(1), size_average=False, reduce=True)
    # errors
    fcase("nll_loss/error/out_of_bounds", "nll_loss", [T([3, 3]), long([0, 3, 1])], t(0), t(1))
    fcase("nll_loss/error/negative", "nll_loss", [T([3, 3]), long([0, -1, 1])], t(0), t(1))
    fcase("nll_loss/error/batch", "nll_loss", [T([3, 3]), long([0, 1])], t(0), t(1))
    fcase("nll_loss/error/0dim", "nll_loss", [T([]), T([], "int64", values=[0])], t(0), t(1))
    fcase("nll_loss/error/weight", "nll_loss", [T([3, 3]), long([0, 1, 1]), T([2], grad=False)], t(0), t(1), t(2))
    fcase("nll_loss/error/reduction", "nll_loss", [T([3, 3]), long([0, 1, 1])], t(0), t(1), reduction="avg")
    fcase("cross_entropy/error/out_of_bounds_4d", "cross_entropy", [T([1, 3, 1, 2]), long([0, 5], [1, 1, 2])], t(0), t(1))
    fcase("cross_entropy/error/smoothing", "cross_entropy", [T([2, 3]), long([0, 1])], t(0), t(1), label_smoothing=1.5)
    fcase("cross_entropy/error/prob_ignore", "cross_entropy", [T([2, 3]), T([2, 3], kind="unit", grad=False)], t(0), t(1), ignore_index=1)
    fcase("binary_cross_entropy/error/size", "binary_cross_entropy", [T([2, 3], kind="unit"), T([3], kind="unit")], t(0), t(1))
    fcase("binary_cross_entropy/error/range", "binary_cross_entropy", [T([2], values=[0.5, 1.5]), T([2], kind="unit")], t(0), t(1))
    fcase("binary_cross_entropy_with_logits/error/size", "binary_cross_entropy_with_logits", [T([2, 3]), T([3], kind="unit")], t(0), t(1))
    fcase("huber_loss/error/delta", "huber_loss", [T([3]), T([3])], t(0), t(1), delta=-0.5)
    fcase("smooth_l1_loss/error/beta", "smooth_l1_loss", [T([3]), T([3])], t(0), t(1), beta=-0.5)
    fcase("kl_div/error/int", "kl_div", [T([3], "int64"), T([3])], t(0), t(1))
    # edge cases
    fcase("cross_entropy/smooth_weight_grad", "cross_entropy", [T([3, 4]), long([0, -100, 1]), T([4], kind="pos")], t(0), t(1), weight=t(2), label_smoothing=0.3)
    fcase("cross_entropy/prob_weight_grad", "cross_entropy", [T([3, 4]), T([3, 4], kind="unit"), T([4], kind="pos")], t(0), t(1), weight=t(2))
    fcase("nll_loss/weight_grad", "nll_loss", [T([3, 4]), long([0, 3, 1]), T([4], kind="pos")], t(0), t(1), t(2))
    fcase("binary_cross_entropy/weight_grad", "binary_cross_entropy", [T([3], kind="unit"), T([3], kind="unit"), T([3], kind="pos")], t(0), t(1), t(2))
    fcase("poisson_nll_loss/full_target_grad", "poisson_nll_loss", [T([4], kind="pos"), T([4], values=[0.5, 2.5, 1.0, 3.25])], t(0), t(1), log_input=False, full=True)
    fcase("binary_cross_entropy_with_logits/error/weight_grad", "binary_cross_entropy_with_logits", [T([3]), T([3], kind="unit"), T([3], kind="pos")], t(0), t(1), t(2))
    fcase("binary_cross_entropy_with_logits/error/pos_weight_grad", "binary_cross_entropy_with_logits", [T([3]), T([3], kind="unit"), T([3], kind="pos")], t(0), t(1), pos_weight=t(2))
    fcase("multi_margin_loss/error/weight_grad", "multi_margin_loss", [T([2, 3]), long([0, 2]), T([3], kind="pos")], t(0), t(1), weight=t(2))
    fcase("nll_loss/error/weight_grad_2d", "nll_loss", [T([1, 3, 2, 2]), long([0, 1, 2, 0], [1, 2, 2]), T([3], kind="pos")], t(0), t(1), t(2))
    fcase("nll_loss/error/int32_target", "nll_loss", [T([2, 3]), T([2], "int32", values=[0, 1])], t(0), t(1))
    fcase("cross_entropy/error/target_shape_3d", "cross_entropy", [T([2, 3, 4]), long([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], [2, 5])], t(0), t(1))
    fcase("cross_entropy/error/prob_int", "cross_entropy", [T([2, 3]), long([0, 1, 2, 0, 1, 2], [2, 3])], t(0), t(1))
    fcase("cross_entropy/empty_mean", "cross_entropy", [T([0, 3]), T([0], "int64")], t(0), t(1))
    fcase("cross_entropy/empty_sum", "cross_entropy", [T([0, 3]), T([0], "int64")], t(0), t(1), reduction="sum")
    fcase("nll_loss/weight_all_ignored", "nll_loss", [T([2, 3]), long([1, 1]), T([3], grad=False)], t(0), t(1), t(2), ignore_index=1)
    fcase("l1_loss/int64", "l1_loss", [T([3], "int64"), T([3], "int64")], t(0), t(1), reduction="sum")
    fcase("l1_loss/error/int64_mean", "l1_loss", [T([3], "int64"), T([3], "int64")], t(0), t(1))
    fcase("smooth_l1_loss/error/int64", "smooth_l1_loss", [T([3], "int64"), T([3], "int64")], t(0), t(1))
    fcase("huber_loss/broadcast", "huber_loss", [T([2, 3]), T([3])], t(0), t(1))
    fcase("binary_cross_entropy/error/dtype", "binary_cross_entropy", [T([3], kind="unit"), T([3], "float64", kind="unit")], t(0), t(1))
    fcase("binary_cross_entropy_with_logits/mixed_dtype", "binary_cross_entropy_with_logits", [T([3]), T([3], "float64", kind="unit")], t(0), t(1))
    fcase("kl_div/broadcast", "kl_div", [T([2, 3]), T([3], kind="unit")], t(0), t(1), reduction="sum")
    fcase("hinge_embedding_loss/0dim", "hinge_embedding_loss", [T([]), T([], values=[-1.0], grad=False)], t(0), t(1))
    fcase("soft_margin_loss/broadcast", "soft_margin_loss", [T([2, 3]), T([3], values=[1.0, -1.0, 1.0], grad=False)], t(0), t(1))
    fcase("gelu/float32/big", "gelu", [T([4], values=[10.5, -10.5, 1e-3, -1e-3])], t(0))
    fcase("softplus/error/int", "softplus", [T([3], "int64")], t(0))
    fcase("elu/error/int", "elu", [T([3], "int64")], t(0))
    fcase("hardtanh/int64", "hardtanh", [T([3], "int64")], t(0))
    fcase("relu6/int64", "relu6", [T([4], "int64", values=[-2, 3, 7, 6])], t(0))
    fcase("threshold/int64", "threshold", [T([4], "int64", values=[-2, 3, 7, 6])], t(0), 2, 5)
    fcase("threshold/int32_float_args", "threshold", [T([4], "int32", values=[-2, 3, 7, 2])], t(0), 2.5, 5.5)
    fcase("hardtanh/int64_float_bounds", "hardtanh", [T([4], "int64", values=[-2, 3, 7, 0])], t(0), -0.5, 2.5)
    fcase("hardtanh/error/bool", "hardtanh", [T([2], "bool")], t(0))
    # gradcheck
    f64 = "float64"
    gc("gradcheck/nll_loss", "nll_loss", [T([3, 4], f64), long([0, 3, 1]), T([4], f64, kind="pos", grad=False)], t(0), t(1), t(2))
    gc("gradcheck/cross_entropy", "cross_entropy", [T([3, 4], f64), long([0, 3, 1])], t(0), t(1))
    gc("gradcheck/cross_entropy_4d", "cross_entropy", [T([2, 3, 2, 2], f64), long([0, 1, 2, 1, 2, 0, 0, 1], [2, 2, 2])], t(0), t(1))
    gc("gradcheck/cross_entropy_prob", "cross_entropy", [T([3, 4], f64), T([3, 4], f64, kind="unit")], t(0), t(1))
    gc("gradcheck/cross_entropy_smooth", "cross_entropy", [T([3, 4], f64), long([0, -100, 1])], t(0), t(1), label_smoothing=0.2)
    gc("gradcheck/l1_loss", "l1_loss", [T([2, 3], f64), T([2, 3], f64)], t(0), t(1))
    gc("gradcheck/smooth_l1_loss", "smooth_l1_loss", [T([2, 3], f64), T([2, 3], f64)], t(0), t(1), beta=0.5)
    gc("gradcheck/huber_loss", "huber_loss", [T([2, 3], f64), T([2, 3], f64)], t(0), t(1), delta=0.5)
    gc("gradcheck/binary_cross_entropy", "binary_cross_entropy", [T([2, 3], f64, kind="unit"), T([2, 3], f64, kind="unit")], t(0), t(1))
    gc("gradcheck/binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits", [T([2, 3], f64), T([2, 3], f64, kind="unit"), T([3], f64, kind="pos", grad=False), T([3], f64, kind="pos", grad=False)], t(0), t(1), weight=t(2), pos_weight=t(3))
    gc("gradcheck/kl_div", "kl_div", [T([2, 3], f64), T([2, 3], f64, kind="unit")], t(0), t(1), reduction="batchmean")
    gc("gradcheck/kl_div_log_target", "kl_div", [T([2, 3], f64), T([2, 3], f64)], t(0), t(1), reduction="sum", log_target=True)


def more_loss_cases():
    for d in FLOATS:
        for red in REDS:
            fcase(f"poisson_nll_loss/{d}/{red}", "poisson_nll_loss", [T([2, 3], d), T([2, 3], d, kind="pos")], t(0), t(1), reduction=red)
            fcase(f"poisson_nll_loss/{d}/{red}/no_log_full", "poisson_nll_loss", [T([2, 3], d, kind="pos"), T([2, 3], d, values=[0.5, 2.5, 1.0, 3.25, 0.0, 1.5])], t(0), t(1), log_input=False, full=True, reduction=red)
            fcase(f"gaussian_nll_loss/{d}/{red}", "gaussian_nll_loss", [T([2, 3], d), T([2, 3], d), T([2, 3], d, kind="pos")], t(0), t(1), t(2), reduction=red)
            fcase(f"gaussian_nll_loss/{d}/{red}/homo_full", "gaussian_nll_loss", [T([2, 3], d), T([2, 3], d), T([2], d, kind="pos")], t(0), t(1), t(2), full=True, reduction=red)
            fcase(f"margin_ranking_loss/{d}/{red}", "margin_ranking_loss", [T([4], d), T([4], d), T([4], d, values=[1.0, -1.0, 1.0, -1.0], grad=False)], t(0), t(1), t(2), margin=0.25, reduction=red)
            fcase(f"hinge_embedding_loss/{d}/{red}", "hinge_embedding_loss", [T([2, 3], d), T([2, 3], d, values=[1.0, -1.0, 1.0, -1.0, -1.0, 1.0], grad=False)], t(0), t(1), reduction=red)
            fcase(f"soft_margin_loss/{d}/{red}", "soft_margin_loss", [T([2, 3], d), T([2, 3], d, values=[1.0, -1.0, 1.0, -1.0, -1.0, 1.0], grad=False)], t(0), t(1), reduction=red)
            fcase(f"multilabel_soft_margin_loss/{d}/{red}", "multilabel_soft_margin_loss", [T([2, 3], d), T([2, 3], d, values=[1.0, 0.0, 1.0, 0.0, 0.0, 1.0], grad=False)], t(0), t(1), reduction=red)
            fcase(f"multilabel_soft_margin_loss/{d}/{red}/weight", "multilabel_soft_margin_loss", [T([2, 3], d), T([2, 3], d, kind="unit"), T([3], d, kind="pos", grad=False)], t(0), t(1), weight=t(2), reduction=red)
            fcase(f"cosine_embedding_loss/{d}/{red}", "cosine_embedding_loss", [T([3, 4], d), T([3, 4], d), T([3], d, values=[1.0, -1.0, -1.0], grad=False)], t(0), t(1), t(2), margin=0.125, reduction=red)
            fcase(f"triplet_margin_loss/{d}/{red}", "triplet_margin_loss", [T([3, 4], d), T([3, 4], d), T([3, 4], d)], t(0), t(1), t(2), reduction=red)
            fcase(f"triplet_margin_loss/{d}/{red}/swap_p1", "triplet_margin_loss", [T([3, 4], d), T([3, 4], d), T([3, 4], d)], t(0), t(1), t(2), p=1, swap=True, margin=2.5, reduction=red)
            fcase(f"multi_margin_loss/{d}/{red}", "multi_margin_loss", [T([3, 4], d), long([0, 3, 1])], t(0), t(1), reduction=red)
            fcase(f"multi_margin_loss/{d}/{red}/p2_weight", "multi_margin_loss", [T([3, 4], d), long([0, 3, 1]), T([4], d, kind="pos", grad=False)], t(0), t(1), p=2, margin=0.5, weight=t(2), reduction=red)
            fcase(f"multilabel_margin_loss/{d}/{red}", "multilabel_margin_loss", [T([2, 4], d), long([3, 0, -1, 1, 1, 2, 3, 0], [2, 4])], t(0), t(1), reduction=red)
        fcase(f"multilabel_margin_loss/{d}/1d", "multilabel_margin_loss", [T([4], d), long([3, 0, -1, 1])], t(0), t(1))
        fcase(f"multi_margin_loss/{d}/1d", "multi_margin_loss", [T([4], d), T([], "int64", values=[2])], t(0), t(1))
        fcase(f"margin_ranking_loss/{d}/target_grad", "margin_ranking_loss", [T([4], d), T([4], d), T([4], d)], t(0), t(1), t(2))
        fcase(f"hinge_embedding_loss/{d}/margin", "hinge_embedding_loss", [T([4], d), T([4], d, values=[1.0, -1.0, 1.0, -1.0], grad=False)], t(0), t(1), 0.5)
        fcase(f"cosine_embedding_loss/{d}/0dim_target", "cosine_embedding_loss", [T([4], d), T([4], d), T([], d, values=[-1.0], grad=False)], t(0), t(1), t(2))
        fcase(f"cosine_similarity/{d}", "cosine_similarity", [T([3, 4], d), T([3, 4], d)], t(0), t(1))
        fcase(f"cosine_similarity/{d}/bcast_dim0", "cosine_similarity", [T([3, 4], d), T([4], d)], t(0), t(1), dim=-1)
        fcase(f"cosine_similarity/{d}/zero", "cosine_similarity", [T([2, 2], d, values=[0.0, 0.0, 1.0, 2.0]), T([2, 2], d)], t(0), t(1))
        fcase(f"pairwise_distance/{d}", "pairwise_distance", [T([3, 4], d), T([3, 4], d)], t(0), t(1))
        fcase(f"pairwise_distance/{d}/p1_keepdim", "pairwise_distance", [T([3, 4], d), T([4], d)], t(0), t(1), p=1.5, keepdim=True)
        fcase(f"normalize/{d}", "normalize", [T([3, 4], d)], t(0))
        fcase(f"normalize/{d}/p1_dim0", "normalize", [T([3, 4], d)], t(0), p=1.5, dim=0)
        fcase(f"normalize/{d}/zero_row", "normalize", [T([2, 2], d, values=[0.0, 0.0, 1.0, 2.0])], t(0))
    fcase("gaussian_nll_loss/error/var_size", "gaussian_nll_loss", [T([2, 3]), T([2, 3]), T([3], kind="pos")], t(0), t(1), t(2))
    fcase("gaussian_nll_loss/error/negative", "gaussian_nll_loss", [T([2]), T([2]), T([2], values=[0.5, -0.5])], t(0), t(1), t(2))
    fcase("margin_ranking_loss/error/dims", "margin_ranking_loss", [T([2, 2]), T([4]), T([4])], t(0), t(1), t(2))
    fcase("cosine_embedding_loss/error/target", "cosine_embedding_loss", [T([3, 4]), T([3, 4]), T([3, 1])], t(0), t(1), t(2))
    fcase("cosine_embedding_loss/error/dims", "cosine_embedding_loss", [T([3]), T([3]), T([3])], t(0), t(1), t(2))
    fcase("triplet_margin_loss/error/dims", "triplet_margin_loss", [T([3, 4]), T([4]), T([3, 4])], t(0), t(1), t(2))
    fcase("multi_margin_loss/error/range", "multi_margin_loss", [T([2, 3]), long([0, 3])], t(0), t(1))
    fcase("multi_margin_loss/error/size", "multi_margin_loss", [T([2, 3]), long([0, 1, 1])], t(0), t(1))
    fcase("multi_margin_loss/error/p", "multi_margin_loss", [T([2, 3]), long([0, 1])], t(0), t(1), p=3)
    fcase("multilabel_margin_loss/error/size", "multilabel_margin_loss", [T([2, 3]), long([0, 1, 1])], t(0), t(1))
    fcase("multilabel_margin_loss/error/range", "multilabel_margin_loss", [T([1, 3]), long([0, 3, 1], [1, 3])], t(0), t(1))
    fcase("poisson_nll_loss/error/reduction", "poisson_nll_loss", [T([3]), T([3])], t(0), t(1), reduction="avg")
    f64 = "float64"
    gc("gradcheck/poisson_nll_loss", "poisson_nll_loss", [T([2, 3], f64), T([2, 3], f64, kind="pos")], t(0), t(1))
    gc("gradcheck/gaussian_nll_loss", "gaussian_nll_loss", [T([2, 3], f64), T([2, 3], f64), T([2, 3], f64, kind="pos")], t(0), t(1), t(2))
    gc("gradcheck/margin_ranking_loss", "margin_ranking_loss", [T([4], f64), T([4], f64), T([4], f64, values=[1.0, -1.0, 1.0, -1.0], grad=False)], t(0), t(1), t(2), margin=0.25)
    gc("gradcheck/hinge_embedding_loss", "hinge_embedding_loss", [T([2, 3], f64), T([2, 3], f64, values=[1.0, -1.0, 1.0, -1.0, -1.0, 1.0], grad=False)], t(0), t(1))
    gc("gradcheck/soft_margin_loss", "soft_margin_loss", [T([2, 3], f64), T([2, 3], f64, values=[1.0, -1.0, 1.0, -1.0, -1.0, 1.0], grad=False)], t(0), t(1))
    gc("gradcheck/multilabel_soft_margin_loss", "multilabel_soft_margin_loss", [T([2, 3], f64), T([2, 3], f64, kind="unit")], t(0), t(1))
    gc("gradcheck/cosine_embedding_loss", "cosine_embedding_loss", [T([3, 4], f64), T([3, 4], f64), T([3], f64, values=[1.0, -1.0, -1.0], grad=False)], t(0), t(1), t(2), margin=0.125)
    gc("gradcheck/triplet_margin_loss", "triplet_margin_loss", [T([3, 4], f64), T([3, 4], f64), T([3, 4], f64)], t(0), t(1), t(2))
    gc("gradcheck/multi_margin_loss", "multi_margin_loss", [T([3, 4], f64), long([0, 3, 1])], t(0), t(1), p=2)
    gc("gradcheck/multilabel_margin_loss", "multilabel_margin_loss", [T([2, 4], f64), long([3, 0, -1, 1, 1, 2, 3, 0], [2, 4])], t(0), t(1))
    gc("gradcheck/cosine_similarity", "cosine_similarity", [T([3, 4], f64), T([3, 4], f64)], t(0), t(1))
    gc("gradcheck/pairwise_distance", "pairwise_distance", [T([3, 4], f64), T([3, 4], f64)], t(0), t(1))
    gc("gradcheck/normalize", "normalize", [T([3, 4], f64)], t(0))


SEEDED = {}


def seeded(name, fn, inputs, seed, *args, **kwargs):
    """A case whose call draws random numbers: run after torch.manual_seed(seed)."""
    fcase(name, fn, inputs, *args, **kwargs)
    SEEDED[name] = seed


def misc_cases():
    for d in FLOATS:
        for fn in ("dropout", "alpha_dropout", "feature_alpha_dropout"):
            seeded(f"{fn}/{d}/train", fn, [T([4, 5], d)], 1, t(0), 0.3, True)
            seeded(f"{fn}/{d}/train_kw", fn, [T([3, 4], d)], 2, t(0), p=0.6, training=True)
            seeded(f"{fn}/{d}/eval", fn, [T([3, 4], d)], 3, t(0), training=False)
            seeded(f"{fn}/{d}/p1", fn, [T([3], d)], 4, t(0), 1, True)
            seeded(f"{fn}/{d}/p0", fn, [T([3], d)], 4, t(0), 0, True)
        seeded(f"dropout/{d}/default", "dropout", [T([2, 3], d)], 5, t(0))
        seeded(f"dropout/{d}/transposed", "dropout", [T([5, 3], d, tf=[TR])], 6, t(0), 0.5)
        seeded(f"dropout/{d}/sliced", "dropout", [T([6, 3], d, tf=[{"slice": [0, 0, None, 2]}])], 7, t(0), 0.5)
        seeded(f"dropout1d/{d}/batched", "dropout1d", [T([2, 3, 4], d)], 8, t(0), 0.5)
        seeded(f"dropout1d/{d}/unbatched", "dropout1d", [T([3, 4], d)], 9, t(0), 0.5)
        seeded(f"dropout2d/{d}", "dropout2d", [T([2, 3, 2, 2], d)], 10, t(0), 0.4)
        seeded(f"dropout3d/{d}", "dropout3d", [T([2, 3, 1, 2, 2], d)], 11, t(0), 0.4)
        seeded(f"dropout3d/{d}/unbatched", "dropout3d", [T([3, 1, 2, 2], d)], 12, t(0), 0.4)
        seeded(f"dropout/{d}/inplace", "dropout", [T([3, 4], d, tf=[{"clone": True}])], 16, t(0), 0.5, True, True)
        seeded(f"alpha_dropout/{d}/inplace", "alpha_dropout", [T([3, 4], d, tf=[{"clone": True}])], 17, t(0), 0.5, True, True)
        seeded(f"dropout2d/{d}/inplace", "dropout2d", [T([2, 3, 2, 2], d, tf=[{"clone": True}])], 18, t(0), 0.5, True, True)
        seeded(f"dropout/{d}/inplace_p1", "dropout", [T([3], d, tf=[{"clone": True}])], 19, t(0), p=1, inplace=True)
        seeded(f"dropout2d/{d}/3d_warns", "dropout2d", [T([2, 3, 2], d)], 20, t(0), 0.5)
        seeded(f"dropout2d/{d}/5d_warns", "dropout2d", [T([1, 2, 1, 2, 2], d)], 21, t(0), 0.5)
        seeded(f"rrelu/{d}/train", "rrelu", [T([3, 4], d)], 22, t(0), training=True)
        seeded(f"rrelu/{d}/train_bounds_transposed", "rrelu", [T([4, 3], d, tf=[TR])], 23, t(0), 0.25, 0.75, True)
        seeded(f"rrelu/{d}/train_inplace", "rrelu", [T([3, 4], d, tf=[{"clone": True}])], 24, t(0), training=True, inplace=True)
        seeded(f"gumbel_softmax/{d}", "gumbel_softmax", [T([2, 3], d)], 13, t(0))
        seeded(f"gumbel_softmax/{d}/tau_dim0", "gumbel_softmax", [T([2, 3], d)], 14, t(0), tau=0.5, dim=0)
        seeded(f"gumbel_softmax/{d}/hard", "gumbel_softmax", [T([2, 3], d)], 15, t(0), hard=True)
        fcase(f"linear/{d}/2d_bias", "linear", [T([2, 3], d), T([4, 3], d), T([4], d)], t(0), t(1), t(2))
        fcase(f"linear/{d}/2d_nobias", "linear", [T([2, 3], d), T([4, 3], d)], t(0), t(1))
        fcase(f"linear/{d}/3d_bias", "linear", [T([2, 2, 3], d), T([4, 3], d), T([4], d)], t(0), t(1), t(2))
        fcase(f"linear/{d}/3d_noncontig", "linear", [T([2, 2, 3], d, tf=[TR]), T([4, 3], d), T([4], d)], t(0), t(1), t(2))
        fcase(f"linear/{d}/1d_bias", "linear", [T([3], d), T([4, 3], d), T([4], d)], t(0), t(1), t(2))
        fcase(f"linear/{d}/4d_kw_bias", "linear", [T([2, 1, 2, 3], d), T([4, 3], d), T([4], d)], t(0), t(1), bias=t(2))
        fcase(f"bilinear/{d}", "bilinear", [T([2, 3], d), T([2, 4], d), T([5, 3, 4], d), T([5], d)], t(0), t(1), t(2), t(3))
        fcase(f"bilinear/{d}/nobias_3d", "bilinear", [T([2, 2, 3], d), T([2, 2, 2], d), T([2, 3, 2], d)], t(0), t(1), t(2))
        fcase(f"bilinear/{d}/noncontig", "bilinear", [T([3, 2], d, tf=[TR]), T([2, 4], d), T([5, 3, 4], d)], t(0), t(1), t(2), bias=None)
        fcase(f"embedding/{d}", "embedding", [long([0, 2, 0, 3], [2, 2]), T([4, 3], d)], t(0), t(1))
        fcase(f"embedding/{d}/padding_idx", "embedding", [long([0, 2, 0, 3], [2, 2]), T([4, 3], d)], t(0), t(1), padding_idx=0)
        fcase(f"embedding/{d}/padding_neg_scale", "embedding", [long([1, 2, 1, 3]), T([4, 3], d)], t(0), t(1), padding_idx=-1, scale_grad_by_freq=True)
    fcase("bilinear/error/dims", "bilinear", [T([2, 3]), T([4]), T([5, 3, 4])], t(0), t(1), t(2))
    fcase("bilinear/error/weight", "bilinear", [T([2, 3]), T([2, 4]), T([5, 2, 4])], t(0), t(1), t(2))
    gc("gradcheck/bilinear", "bilinear", [T([2, 3], "float64"), T([2, 4], "float64"), T([5, 3, 4], "float64"), T([5], "float64")], t(0), t(1), t(2), t(3))
    fcase("rrelu/error/bounds", "rrelu", [T([3])], t(0), 0.5, 0.25)
    for d in FLOATS:
        fcase(f"embedding/{d}/max_norm", "embedding", [long([0, 2, 0, 3], [2, 2]), T([4, 3], d, tf=[{"clone": True}])], t(0), t(1), max_norm=0.75)
        fcase(f"embedding/{d}/max_norm_large", "embedding", [long([1, 2]), T([4, 3], d, tf=[{"clone": True}])], t(0), t(1), max_norm=100.5)
        fcase(f"embedding/{d}/max_norm_p1", "embedding", [long([1, 2]), T([4, 3], d, tf=[{"clone": True}])], t(0), t(1), max_norm=0.5, norm_type=1.5)
    fcase("embedding/int32_indices", "embedding", [T([3], "int32", values=[1, 0, 1]), T([2, 3])], t(0), t(1))
    fcase("embedding/error/range", "embedding", [long([0, 4]), T([4, 3])], t(0), t(1))
    fcase("embedding/error/float_indices", "embedding", [T([2], grad=False), T([4, 3])], t(0), t(1))
    fcase("one_hot/default", "one_hot", [long([0, 2, 1])], t(0))
    fcase("one_hot/num_classes", "one_hot", [long([0, 2, 1, 3, 0, 1], [2, 3])], t(0), 5)
    fcase("one_hot/kw", "one_hot", [long([1])], t(0), num_classes=3)
    fcase("one_hot/empty", "one_hot", [T([0], "int64")], t(0), 3)
    fcase("one_hot/error/negative", "one_hot", [long([0, -1])], t(0))
    fcase("one_hot/error/too_big", "one_hot", [long([0, 3])], t(0), 3)
    fcase("one_hot/error/empty", "one_hot", [T([0], "int64")], t(0))
    fcase("one_hot/error/float", "one_hot", [T([2], grad=False)], t(0))
    fcase("dropout/error/p", "dropout", [T([3])], t(0), 1.5)
    fcase("dropout1d/error/dims", "dropout1d", [T([3])], t(0))
    f64 = "float64"
    gc("gradcheck/linear", "linear", [T([2, 3], f64), T([4, 3], f64), T([4], f64)], t(0), t(1), t(2))
    gc("gradcheck/linear_3d", "linear", [T([2, 2, 3], f64), T([4, 3], f64), T([4], f64)], t(0), t(1), t(2))
    gc("gradcheck/embedding", "embedding", [long([0, 2, 0, 3], [2, 2]), T([4, 3], f64)], t(0), t(1), padding_idx=0)


def gradcheck_verdict(c):
    leaves, xs = zip(*(oa.build(s) for s in c["inputs"]))
    args = [oa.decode(a, list(xs)) for a in c["args"]]
    kwargs = {k: oa.decode(v, list(xs)) for k, v in c["kwargs"].items()}
    wants = [x for x in xs if x.requires_grad]
    fn = getattr(F, c["fn"])

    def f(*ws):
        it = iter(ws)
        sub = [next(it) if x.requires_grad else x for x in xs]
        a = [oa.decode(v, sub) for v in c["args"]]
        kw = {k: oa.decode(v, sub) for k, v in c["kwargs"].items()}
        return fn(*a, **kw)

    del args, kwargs, leaves
    try:
        ok = torch.autograd.gradcheck(f, tuple(wants))
    except Exception:  # noqa: BLE001 - a failing gradcheck is a verdict
        ok = False
    return {**c, "pytorch_passes": bool(ok)}


_grad = torch.autograd.grad
_second_order = [False]

# Functions whose float64 cases also check second order (ops_autograd.run differentiates the
# create_graph gradients once more); the others' backward kernels are first order only.
SECOND_ORDER = {
    "relu6", "hardtanh", "leaky_relu", "rrelu", "threshold", "elu", "selu", "celu", "gelu", "silu", "mish", "softplus",
    "hardsigmoid", "hardswish", "logsigmoid", "softshrink", "hardshrink", "softsign", "tanhshrink", "softmin",
    "l1_loss", "kl_div", "poisson_nll_loss", "gaussian_nll_loss", "margin_ranking_loss", "hinge_embedding_loss",
    "multilabel_soft_margin_loss", "cosine_embedding_loss", "cosine_similarity", "pairwise_distance", "triplet_margin_loss",
    "normalize", "nll_loss", "cross_entropy", "binary_cross_entropy", "binary_cross_entropy_with_logits", "smooth_l1_loss",
    "huber_loss", "soft_margin_loss", "linear", "embedding", "prelu", "glu", "bilinear", "dropout", "alpha_dropout", "feature_alpha_dropout", "dropout1d", "dropout2d", "dropout3d", "gumbel_softmax",
}


def _grad_for_case(*args, **kwargs):
    """ops_autograd.run builds float64 gradients with create_graph for a second-order check;
    only the functions in SECOND_ORDER keep it."""
    if not _second_order[0]:
        kwargs["create_graph"] = False
    return _grad(*args, **kwargs)


def _encode_tensor(x):
    """Some second-order gradients are unallocated "efficient zero tensors": encode the zeros."""
    if torch._is_zerotensor(x):
        x = torch.zeros(x.shape, dtype=x.dtype)
    return encode_tensor(x)


def run_case(c):
    """oa.run with second order where wanted and PyTorch supports it (else first order)."""
    # In-place forms save their result, which ts-torch's copies do not differentiate through.
    _second_order[0] = c["fn"] in SECOND_ORDER and "inplace" not in c["name"]
    if _second_order[0]:
        try:
            if "seed" in c:
                torch.manual_seed(c["seed"])
            return oa.run(copy.deepcopy(c))
        except RuntimeError as e:  # no double backward in PyTorch: first order only
            print(f"{c['name']}: first order only ({str(e)[:60]})")
            _second_order[0] = False
    if "seed" in c:
        torch.manual_seed(c["seed"])
    return oa.run(c)


def main():
    # ops_autograd's case list, seed and torch.autograd.grad are shared with the other golden
    # scripts that generate_all.py runs in this process: use fresh ones, restore them after.
    saved = (oa.CASES, oa.NAMES, torch.autograd.grad, oa.encode_tensor)
    oa.CASES, oa.NAMES = [], set()
    oa._seed[0] = SEED
    torch.autograd.grad = _grad_for_case
    oa.encode_tensor = _encode_tensor
    try:
        generate()
    finally:
        oa.CASES, oa.NAMES, torch.autograd.grad, oa.encode_tensor = saved


def generate():
    activation_cases()
    loss_cases()
    more_loss_cases()
    misc_cases()
    torch.set_default_dtype(torch.float32)
    results = []
    for c in oa.CASES:
        if c["name"] in SEEDED:
            c["seed"] = SEEDED[c["name"]]
        # The warnings the call (forward and backward) raises, as "Category: message".
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = run_case(c)
        r["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
        results.append(r)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checks = [gradcheck_verdict(c) for c in GRADCHECK]
    write("nn_functional", {"torch_version": torch.__version__, "cases": results, "gradcheck": checks})
    print(f"{len(results)} cases, {sum('error' in c for c in results)} errors, {sum(c['pytorch_passes'] for c in checks)}/{len(checks)} gradchecks pass")


if __name__ == "__main__":
    main()
