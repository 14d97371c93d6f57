#!/usr/bin/env python3
"""Golden cases for convolution, pooling, padding, normalisation, interpolation and fold/unfold
(src/nn/conv.ts, pool.ts, pad.ts, norm.ts, vision.ts): tests/golden/nn_conv_pool.json.

Run:  /usr/bin/python3 tools/golden/nn_conv_pool.py

The case format is ops_autograd.py's (this script reuses its input specs and runner): inputs as
exact values, `call: "F"` is `F.fn(*args, **kwargs)` (kwargs become one trailing options object
in ts-torch), and each case records the output, the grad_fn graph, the gradients for a fixed
grad_output (and, for float64, second-order gradients) or PyTorch's error.

Two extra kinds of case, in `multi`: functions that return a tuple (`return_indices=True`),
recorded as `outs`, and functions that update an input in place (batch_norm's running stats),
recorded as `after` (every input's values after the call).
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import ops_autograd as oa  # noqa: E402
from ops_autograd import T, t  # noqa: E402
from common import encode_tensor, write  # noqa: E402

FLOATS = ("float32", "float64")
MULTI = []


def f(name, fn, inputs, *args, **kwargs):
    oa.case(name, "F", fn, inputs, list(args), kwargs)


def multi(name, fn, inputs, *args, **kwargs):
    oa.check_scalars(list(args))
    oa.check_scalars(kwargs)
    MULTI.append({"name": name, "fn": fn, "inputs": inputs, "args": list(args), "kwargs": kwargs})


def run_multi(c):
    leaves, xs = zip(*(oa.build(s) for s in c["inputs"]))
    args = [oa.decode(a, xs) for a in c["args"]]
    kwargs = {k: oa.decode(v, xs) for k, v in c["kwargs"].items()}
    try:
        res = getattr(F, c["fn"])(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - the golden records whatever PyTorch raises
        c["error"] = {"type": type(e).__name__, "message": str(e)}
        return c
    outs = list(res) if isinstance(res, tuple) else [res]
    c["outs"] = [encode_tensor(o) for o in outs]
    c["grad_fns"] = [o.grad_fn.name() if o.grad_fn is not None else None for o in outs]
    c["after"] = [encode_tensor(x) for x in xs]
    c["versions"] = [x._version for x in xs]
    return c


def conv_cases():
    for d in FLOATS:
        x = T([2, 4, 6, 5], d)
        f(f"conv2d/basic/{d}", "conv2d", [T([2, 3, 5, 6], d), T([4, 3, 3, 3], d), T([4], d)], t(0), t(1), t(2))
        f(f"conv2d/stride_pad/{d}", "conv2d", [T([1, 2, 7, 6], d), T([3, 2, 3, 2], d)], t(0), t(1), stride=2, padding=1)
        f(f"conv2d/tuple_args/{d}", "conv2d", [T([1, 2, 7, 6], d), T([3, 2, 3, 2], d), T([3], d)], t(0), t(1), t(2), stride=[2, 1], padding=[1, 2], dilation=[1, 2])
        f(f"conv2d/dilation/{d}", "conv2d", [T([2, 2, 7, 7], d), T([2, 2, 2, 3], d)], t(0), t(1), dilation=2)
        f(f"conv2d/groups/{d}", "conv2d", [x, T([6, 2, 3, 2], d), T([6], d)], t(0), t(1), t(2), groups=2)
        f(f"conv2d/same/{d}", "conv2d", [T([1, 2, 5, 6], d), T([3, 2, 3, 3], d)], t(0), t(1), padding="same")
        f(f"conv2d/same_even/{d}", "conv2d", [T([1, 2, 5, 6], d), T([3, 2, 2, 4], d)], t(0), t(1), padding="same")
        f(f"conv2d/same_dilated/{d}", "conv2d", [T([1, 2, 6, 6], d), T([2, 2, 3, 2], d)], t(0), t(1), padding="same", dilation=2)
        f(f"conv2d/valid/{d}", "conv2d", [T([1, 2, 5, 6], d), T([3, 2, 3, 3], d)], t(0), t(1), padding="valid")
        f(f"conv2d/unbatched/{d}", "conv2d", [T([2, 5, 4], d), T([3, 2, 2, 2], d), T([3], d)], t(0), t(1), t(2))
        f(f"conv2d/transposed_input/{d}", "conv2d", [T([1, 2, 5, 4], d, tf=[{"transpose": [2, 3]}]), T([2, 2, 2, 2], d)], t(0), t(1))
        f(f"conv1d/basic/{d}", "conv1d", [T([2, 3, 9], d), T([4, 3, 3], d), T([4], d)], t(0), t(1), t(2))
        f(f"conv1d/stride_pad_dil_groups/{d}", "conv1d", [T([2, 4, 11], d), T([6, 2, 3], d)], t(0), t(1), None, 2, 2, 2, 2)
        f(f"conv1d/same/{d}", "conv1d", [T([1, 2, 7], d), T([2, 2, 4], d)], t(0), t(1), padding="same")
        f(f"conv1d/unbatched/{d}", "conv1d", [T([2, 7], d), T([2, 2, 3], d)], t(0), t(1))
        f(f"conv_transpose2d/basic/{d}", "conv_transpose2d", [T([2, 3, 4, 5], d), T([3, 2, 3, 3], d), T([2], d)], t(0), t(1), t(2))
        f(f"conv_transpose2d/stride_pad_outpad/{d}", "conv_transpose2d", [T([1, 2, 4, 3], d), T([2, 3, 3, 2], d)], t(0), t(1), stride=2, padding=1, output_padding=1)
        f(f"conv_transpose2d/groups_dil/{d}", "conv_transpose2d", [T([1, 4, 3, 4], d), T([4, 2, 2, 3], d), T([4], d)], t(0), t(1), t(2), stride=[2, 1], padding=[0, 1], groups=2, dilation=[1, 2])
        f(f"conv_transpose2d/unbatched/{d}", "conv_transpose2d", [T([2, 3, 3], d), T([2, 2, 2, 2], d)], t(0), t(1))
        f(f"conv_transpose1d/stride/{d}", "conv_transpose1d", [T([2, 2, 5], d), T([2, 3, 3], d), T([3], d)], t(0), t(1), t(2), stride=2, padding=1, output_padding=1)
    f("conv2d/weight_transposed/float64", "conv2d", [T([1, 2, 5, 4], "float64"), T([3, 2, 2, 3], "float64", tf=[{"transpose": [2, 3]}])], t(0), t(1), padding=[1])
    f("conv_transpose2d/outpad_dilation/float64", "conv_transpose2d", [T([1, 2, 3, 3], "float64"), T([2, 2, 2, 2], "float64")], t(0), t(1), output_padding=1, dilation=2)
    f("conv2d/no_grad_weight", "conv2d", [T([1, 2, 4, 4]), T([2, 2, 3, 3], grad=False)], t(0), t(1))
    # float32 with longer sums (8·3·3 = 72 products per output): still within assert_close's float32 tolerance
    f("conv2d/wide/float32", "conv2d", [T([2, 8, 7, 6]), T([6, 8, 3, 3]), T([6])], t(0), t(1), t(2), padding=1)
    f("conv_transpose2d/wide/float32", "conv_transpose2d", [T([2, 8, 5, 4]), T([8, 6, 3, 3])], t(0), t(1), stride=2)
    # errors
    f("conv2d/error/channels", "conv2d", [T([1, 4, 5, 5]), T([3, 2, 3, 3])], t(0), t(1))
    f("conv2d/error/kernel_too_big", "conv2d", [T([1, 2, 2, 2]), T([3, 2, 3, 3])], t(0), t(1))
    f("conv2d/error/same_strided", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3])], t(0), t(1), stride=2, padding="same")
    f("conv2d/error/bad_padding_string", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3])], t(0), t(1), padding="full")
    f("conv2d/error/bias_size", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3]), T([2])], t(0), t(1), t(2))
    f("conv2d/error/groups_weight", "conv2d", [T([1, 4, 5, 5]), T([3, 2, 3, 3])], t(0), t(1), groups=2)
    f("conv2d/error/input_dim", "conv2d", [T([2, 5]), T([3, 2, 3, 3])], t(0), t(1))
    f("conv2d/error/stride0", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3])], t(0), t(1), stride=0)
    f("conv2d/error/negative_padding", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3])], t(0), t(1), padding=-1)
    f("conv2d/error/dtype", "conv2d", [T([1, 2, 5, 5]), T([3, 2, 3, 3], "float64")], t(0), t(1))
    f("conv_transpose2d/error/channels", "conv_transpose2d", [T([1, 3, 4, 4]), T([2, 3, 3, 3])], t(0), t(1))
    f("conv_transpose2d/error/output_padding", "conv_transpose2d", [T([1, 2, 4, 4]), T([2, 3, 3, 3])], t(0), t(1), stride=2, output_padding=2)


def pool_cases():
    for d in FLOATS:
        f(f"max_pool2d/k2/{d}", "max_pool2d", [T([2, 3, 6, 5], d)], t(0), 2)
        f(f"max_pool2d/k3s2p1/{d}", "max_pool2d", [T([1, 2, 7, 6], d)], t(0), 3, 2, 1)
        f(f"max_pool2d/dil_ceil/{d}", "max_pool2d", [T([1, 2, 8, 7], d)], t(0), [2, 3], stride=[2, 1], dilation=2, ceil_mode=True)
        f(f"max_pool2d/unbatched/{d}", "max_pool2d", [T([2, 5, 5], d)], t(0), 2, stride=1)
        f(f"max_pool1d/k3s2/{d}", "max_pool1d", [T([2, 3, 9], d)], t(0), 3, 2)
        f(f"max_pool1d/pad_ceil/{d}", "max_pool1d", [T([1, 2, 8], d)], t(0), 3, 2, 1, ceil_mode=True)
        f(f"avg_pool2d/k2/{d}", "avg_pool2d", [T([2, 3, 6, 5], d)], t(0), 2)
        f(f"avg_pool2d/k3s2p1/{d}", "avg_pool2d", [T([1, 2, 7, 6], d)], t(0), 3, 2, 1)
        f(f"avg_pool2d/exclude_pad_ceil/{d}", "avg_pool2d", [T([1, 2, 7, 6], d)], t(0), 3, 2, 1, ceil_mode=True, count_include_pad=False)
        f(f"avg_pool2d/ceil_include_pad/{d}", "avg_pool2d", [T([1, 1, 6, 6], d)], t(0), 3, 2, 1, ceil_mode=True)
        f(f"avg_pool2d/divisor/{d}", "avg_pool2d", [T([1, 2, 5, 5], d)], t(0), [2, 3], divisor_override=5)
        f(f"avg_pool1d/k3s2p1/{d}", "avg_pool1d", [T([2, 3, 9], d)], t(0), 3, 2, 1)
        f(f"avg_pool1d/ceil_exclude/{d}", "avg_pool1d", [T([1, 2, 8], d)], t(0), 3, 2, 1, ceil_mode=True, count_include_pad=False)
        f(f"adaptive_avg_pool2d/3x2/{d}", "adaptive_avg_pool2d", [T([2, 2, 5, 7], d)], t(0), [3, 2])
        f(f"adaptive_avg_pool2d/int/{d}", "adaptive_avg_pool2d", [T([1, 2, 7, 6], d)], t(0), 4)
        f(f"adaptive_avg_pool2d/one/{d}", "adaptive_avg_pool2d", [T([2, 3, 4, 5], d)], t(0), 1)
        f(f"adaptive_avg_pool2d/none/{d}", "adaptive_avg_pool2d", [T([1, 2, 4, 5], d)], t(0), [None, 3])
        f(f"adaptive_max_pool2d/3x2/{d}", "adaptive_max_pool2d", [T([2, 2, 5, 7], d)], t(0), [3, 2])
        f(f"adaptive_max_pool2d/int/{d}", "adaptive_max_pool2d", [T([2, 4, 6], d)], t(0), 4)
    f("max_pool2d/transposed_input/float64", "max_pool2d", [T([1, 2, 5, 6], "float64", tf=[{"transpose": [2, 3]}])], t(0), 2, 1)
    f("avg_pool2d/unbatched/float64", "avg_pool2d", [T([2, 5, 4], "float64")], t(0), 2, 1, 1)
    f("adaptive_avg_pool2d/one_unbatched/float64", "adaptive_avg_pool2d", [T([2, 3, 4], "float64")], t(0), [1, 1])
    f("adaptive_max_pool2d/larger_out/float64", "adaptive_max_pool2d", [T([1, 1, 3, 4], "float64")], t(0), [5, 6])
    multi("max_pool2d/indices", "max_pool2d", [T([1, 2, 6, 5])], t(0), 3, 2, 1, return_indices=True)
    multi("max_pool2d/indices_dil", "max_pool2d", [T([2, 1, 7, 7], "float64")], t(0), 2, 2, 0, 2, True, True)
    multi("max_pool1d/indices", "max_pool1d", [T([1, 2, 9])], t(0), 3, 2, 1, return_indices=True)
    multi("adaptive_max_pool2d/indices", "adaptive_max_pool2d", [T([1, 2, 5, 7])], t(0), [3, 2], return_indices=True)
    ties = [0.5, 0.5, -1.0, 2.0, 2.0, 0.25, float("nan"), 1.0, 3.0, 1.5, float("nan"), -2.0, 0.5, 0.5, 0.5, 0.5]
    multi("max_pool2d/ties_nan", "max_pool2d", [T([1, 1, 4, 4], values=ties, grad=False)], t(0), 2, return_indices=True)
    f("max_pool2d/error/pad", "max_pool2d", [T([1, 1, 5, 5])], t(0), 2, 2, 2)
    f("max_pool2d/error/too_small", "max_pool2d", [T([1, 1, 2, 2])], t(0), 3)
    f("max_pool2d/error/stride0", "max_pool2d", [T([1, 1, 5, 5])], t(0), 2, 0)
    f("max_pool2d/error/dim", "max_pool2d", [T([5, 5])], t(0), 2)
    f("max_pool1d/error/dim", "max_pool1d", [T([5])], t(0), 2)
    f("avg_pool2d/error/pad", "avg_pool2d", [T([1, 1, 5, 5])], t(0), 2, 2, 2)
    f("avg_pool2d/error/too_small", "avg_pool2d", [T([1, 1, 2, 2])], t(0), 3)
    f("avg_pool2d/error/divisor0", "avg_pool2d", [T([1, 1, 4, 4])], t(0), 2, divisor_override=0)
    f("adaptive_avg_pool2d/error/dim", "adaptive_avg_pool2d", [T([4, 4])], t(0), 2)
    f("adaptive_max_pool2d/error/dim", "adaptive_max_pool2d", [T([4, 4])], t(0), 2)


def pad_cases():
    for d in FLOATS:
        f(f"pad/constant/{d}", "pad", [T([1, 2, 3, 4], d)], t(0), [1, 2, 0, 1])
        f(f"pad/constant_value/{d}", "pad", [T([2, 3, 4], d)], t(0), [2, 1, 1, 0, 0, 1], value=0.5)
        f(f"pad/constant_negative/{d}", "pad", [T([1, 2, 4, 5], d)], t(0), [-1, 2, 1, -2])
        f(f"pad/constant_crop/{d}", "pad", [T([1, 2, 4, 5], d)], t(0), [-1, -1])
        f(f"pad/reflect2d/{d}", "pad", [T([1, 2, 4, 5], d)], t(0), [2, 1, 3, 1], mode="reflect")
        f(f"pad/reflect1d/{d}", "pad", [T([2, 3, 5], d)], t(0), [3, 4], mode="reflect")
        f(f"pad/replicate2d/{d}", "pad", [T([1, 2, 3, 4], d)], t(0), [2, 3, 1, 2], mode="replicate")
        f(f"pad/replicate1d/{d}", "pad", [T([2, 3, 4], d)], t(0), [3, 1], mode="replicate")
        f(f"pad/circular2d/{d}", "pad", [T([1, 2, 3, 4], d)], t(0), [2, 1, 1, 2], mode="circular")
        f(f"pad/circular1d/{d}", "pad", [T([2, 2, 4], d)], t(0), [1, 3], mode="circular")
    f("pad/reflect_negative", "pad", [T([1, 2, 4, 5])], t(0), [-1, 2, 1, 0], mode="reflect")
    f("pad/error/reflect_too_big", "pad", [T([1, 2, 3, 3])], t(0), [3, 0, 0, 0], mode="reflect")
    f("pad/error/odd", "pad", [T([1, 2, 3, 3])], t(0), [1, 2, 3])
    f("pad/error/too_long", "pad", [T([2, 3])], t(0), [1, 1, 1, 1, 1, 1])
    f("pad/error/replicate_3d_pad_on_2d", "pad", [T([2, 3])], t(0), [1, 1, 1, 1], mode="replicate")
    f("pad/error/bad_mode", "pad", [T([1, 2, 3])], t(0), [1, 1], mode="wrap")
    f("pad/error/circular_wrap", "pad", [T([1, 2, 3])], t(0), [4, 1], mode="circular")


def norm_cases():
    for d in FLOATS:
        f(f"layer_norm/last/{d}", "layer_norm", [T([2, 3, 5], d)], t(0), [5])
        f(f"layer_norm/affine2/{d}", "layer_norm", [T([2, 3, 4], d), T([3, 4], d), T([3, 4], d)], t(0), [3, 4], t(1), t(2), eps=1e-3)
        f(f"layer_norm/weight_only/{d}", "layer_norm", [T([4, 6], d), T([6], d)], t(0), [6], t(1))
        f(f"group_norm/plain/{d}", "group_norm", [T([2, 6, 3, 2], d)], t(0), 3)
        f(f"group_norm/affine/{d}", "group_norm", [T([2, 4, 5], d), T([4], d), T([4], d)], t(0), 2, t(1), t(2))
        f(f"batch_norm/train_affine/{d}", "batch_norm", [T([3, 2, 2, 3], d), T([2], d, grad=False), T([2], d, kind="pos", grad=False), T([2], d), T([2], d)], t(0), t(1), t(2), t(3), t(4), True, 0.25)
        f(f"batch_norm/train_nostats/{d}", "batch_norm", [T([4, 3], d)], t(0), None, None, training=True)
        f(f"batch_norm/eval/{d}", "batch_norm", [T([2, 3, 4], d), T([3], d, grad=False), T([3], d, kind="pos", grad=False), T([3], d), T([3], d)], t(0), t(1), t(2), t(3), t(4), eps=1e-3)
        f(f"instance_norm/plain/{d}", "instance_norm", [T([2, 3, 4, 3], d)], t(0))
        f(f"instance_norm/affine/{d}", "instance_norm", [T([2, 2, 5], d), T([2], d), T([2], d)], t(0), weight=t(1), bias=t(2))
    f("batch_norm/eval_noaffine/float64", "batch_norm", [T([4, 3], "float64"), T([3], "float64", grad=False), T([3], "float64", kind="pos", grad=False)], t(0), t(1), t(2))
    f("instance_norm/running_eval/float64", "instance_norm", [T([2, 3, 4], "float64"), T([3], "float64", grad=False), T([3], "float64", kind="pos", grad=False)], t(0), t(1), t(2), use_input_stats=False)
    f("layer_norm/error/weight", "layer_norm", [T([2, 3, 5]), T([4])], t(0), [5], t(1))
    f("layer_norm/wide/float32", "layer_norm", [T([3, 8, 16]), T([8, 16]), T([8, 16])], t(0), [8, 16], t(1), t(2))
    f("batch_norm/wide/float32", "batch_norm", [T([8, 3, 6, 5])], t(0), None, None, training=True)
    f("layer_norm/error/shape", "layer_norm", [T([2, 3, 5])], t(0), [3])
    f("group_norm/error/groups", "group_norm", [T([2, 5, 3])], t(0), 2)
    f("group_norm/error/dim", "group_norm", [T([4])], t(0), 2)
    f("batch_norm/error/one_value", "batch_norm", [T([1, 3])], t(0), None, None, training=True)
    f("batch_norm/error/stats_size", "batch_norm", [T([2, 3]), T([2], grad=False), T([2], kind="pos", grad=False)], t(0), t(1), t(2))
    for d in FLOATS:
        multi(f"batch_norm/running/{d}", "batch_norm", [T([3, 2, 4], d), T([2], d, grad=False), T([2], d, kind="pos", grad=False)], t(0), t(1), t(2), training=True, momentum=0.3)
    multi("instance_norm/running", "instance_norm", [T([2, 3, 4]), T([3], grad=False), T([3], kind="pos", grad=False)], t(0), t(1), t(2), momentum=0.2)


def vision_cases():
    for d in FLOATS:
        f(f"interpolate/nearest_scale2/{d}", "interpolate", [T([1, 2, 3, 4], d)], t(0), scale_factor=2)
        f(f"interpolate/nearest_size/{d}", "interpolate", [T([1, 2, 5, 4], d)], t(0), size=[3, 7])
        f(f"interpolate/nearest_scale_frac/{d}", "interpolate", [T([1, 1, 5, 4], d)], t(0), scale_factor=[1.5, 0.75])
        f(f"interpolate/nearest1d/{d}", "interpolate", [T([2, 2, 5], d)], t(0), size=8)
        f(f"interpolate/bilinear_size/{d}", "interpolate", [T([1, 2, 4, 5], d)], t(0), size=[7, 3], mode="bilinear")
        f(f"interpolate/bilinear_align/{d}", "interpolate", [T([2, 1, 4, 3], d)], t(0), size=[6, 7], mode="bilinear", align_corners=True)
        f(f"interpolate/bilinear_scale/{d}", "interpolate", [T([1, 2, 3, 4], d)], t(0), scale_factor=1.5, mode="bilinear")
        f(f"interpolate/bilinear_recompute/{d}", "interpolate", [T([1, 2, 3, 4], d)], t(0), scale_factor=1.7, mode="bilinear", recompute_scale_factor=True)
        f(f"unfold/k2/{d}", "unfold", [T([2, 3, 4, 5], d)], t(0), 2)
        f(f"unfold/args/{d}", "unfold", [T([1, 2, 6, 5], d)], t(0), [2, 3], dilation=[2, 1], padding=1, stride=[2, 1])
        f(f"unfold/unbatched/{d}", "unfold", [T([2, 4, 4], d)], t(0), 3, padding=1, stride=2)
        f(f"fold/k2/{d}", "fold", [T([2, 12, 12], d)], t(0), [4, 5], 2)
        f(f"fold/args/{d}", "fold", [T([1, 12, 9], d)], t(0), [6, 5], [2, 3], dilation=[2, 1], padding=1, stride=[2, 2])
        f(f"fold/unbatched/{d}", "fold", [T([8, 4], d)], t(0), 4, 2, stride=2)
    f("interpolate/area/float64", "interpolate", [T([1, 2, 5, 7], "float64")], t(0), size=[2, 3], mode="area")
    f("interpolate/area_scale/float64", "interpolate", [T([1, 2, 6, 5], "float64")], t(0), scale_factor=0.5, mode="area")
    f("interpolate/bilinear_down/float32", "interpolate", [T([1, 2, 6, 7])], t(0), scale_factor=0.5, mode="bilinear")
    f("interpolate/bilinear_align_one/float64", "interpolate", [T([1, 1, 3, 4], "float64")], t(0), size=[1, 5], mode="bilinear", align_corners=True)
    f("interpolate/nearest_down/float32", "interpolate", [T([1, 2, 7, 9])], t(0), scale_factor=[0.4, 0.7])
    f("interpolate/nearest1d_scale/float32", "interpolate", [T([1, 2, 7])], t(0), scale_factor=1.3)
    for d in FLOATS:
        f(f"interpolate/linear/{d}", "interpolate", [T([2, 2, 5], d)], t(0), size=8, mode="linear")
        f(f"interpolate/linear_align_scale/{d}", "interpolate", [T([1, 3, 4], d)], t(0), scale_factor=1.75, mode="linear", align_corners=True)
    f("interpolate/error/linear_4d", "interpolate", [T([1, 1, 3, 3])], t(0), size=4, mode="linear")
    f("interpolate/error/both", "interpolate", [T([1, 1, 3, 3])], t(0), size=4, scale_factor=2)
    f("interpolate/error/neither", "interpolate", [T([1, 1, 3, 3])], t(0))
    f("interpolate/error/align_nearest", "interpolate", [T([1, 1, 3, 3])], t(0), size=4, align_corners=True)
    f("interpolate/error/size_len", "interpolate", [T([1, 1, 3, 3])], t(0), size=[4, 4, 4])
    f("interpolate/error/bilinear_3d", "interpolate", [T([1, 1, 3])], t(0), size=4, mode="bilinear")
    f("interpolate/error/mode", "interpolate", [T([1, 1, 3])], t(0), size=4, mode="cubic")
    f("unfold/error/dim", "unfold", [T([2, 3])], t(0), 2)
    f("unfold/error/too_big", "unfold", [T([1, 1, 2, 2])], t(0), 3)
    f("fold/error/blocks", "fold", [T([1, 12, 10])], t(0), [4, 5], 2)
    f("fold/error/channels", "fold", [T([1, 10, 12])], t(0), [4, 5], 2)


def dtype_cases():
    """Integer inputs (which ATen's kernels mostly reject) and mixed dtypes."""
    i4 = lambda: T([1, 2, 4, 4], "int64")  # noqa: E731
    f("avg_pool2d/int64", "avg_pool2d", [i4()], t(0), 3, 1, 1)
    f("avg_pool2d/int64_exclude_pad", "avg_pool2d", [i4()], t(0), 3, 2, 1, count_include_pad=False)
    f("pad/constant_int64", "pad", [i4()], t(0), [1, 2, 0, 1], value=7)
    f("pad/circular_int64", "pad", [i4()], t(0), [1, 1, 1, 1], mode="circular")
    f("conv2d/int64", "conv2d", [i4(), T([3, 2, 2, 2], "int64"), T([3], "int64")], t(0), t(1), t(2), padding=1)
    f("conv2d/empty_batch", "conv2d", [T([0, 2, 4, 4]), T([3, 2, 3, 3])], t(0), t(1))
    f("max_pool2d/empty_batch", "max_pool2d", [T([0, 2, 4, 4])], t(0), 2)
    f("avg_pool2d/empty_batch", "avg_pool2d", [T([0, 2, 4, 4])], t(0), 2)
    f("max_pool2d/error/empty_plane", "max_pool2d", [T([1, 2, 0, 4])], t(0), 2)
    f("layer_norm/empty_batch", "layer_norm", [T([0, 4])], t(0), [4])
    f("max_pool2d/error/int64", "max_pool2d", [i4()], t(0), 2)
    f("max_pool1d/error/int32", "max_pool1d", [T([2, 5], "int32")], t(0), 2)
    f("adaptive_avg_pool2d/error/int64", "adaptive_avg_pool2d", [i4()], t(0), 2)
    f("adaptive_avg_pool2d/error/int64_one", "adaptive_avg_pool2d", [i4()], t(0), 1)
    f("adaptive_max_pool2d/error/int64", "adaptive_max_pool2d", [i4()], t(0), 2)
    f("interpolate/error/nearest_int64", "interpolate", [i4()], t(0), scale_factor=2)
    f("interpolate/error/bilinear_int64", "interpolate", [i4()], t(0), size=3, mode="bilinear")
    f("pad/error/reflect_int64", "pad", [i4()], t(0), [1, 1, 1, 1], mode="reflect")
    f("pad/error/replicate_int64", "pad", [T([2, 4], "int64")], t(0), [1, 1], mode="replicate")
    f("unfold/error/int64", "unfold", [i4()], t(0), 2)
    f("fold/error/int64", "fold", [T([1, 4, 4], "int64")], t(0), 3, 2)
    f("layer_norm/error/int64", "layer_norm", [i4()], t(0), [4])
    f("group_norm/error/int64", "group_norm", [i4()], t(0), 1)
    f("batch_norm/error/int64", "batch_norm", [i4()], t(0), None, None, training=True)
    f("conv2d/error/bias_dtype", "conv2d", [T([1, 2, 4, 4]), T([1, 2, 1, 1]), T([1], "float64")], t(0), t(1), t(2))
    f("layer_norm/error/weight_dtype", "layer_norm", [T([2, 4]), T([4], "float64")], t(0), [4], t(1))
    f("group_norm/error/weight_dtype", "group_norm", [T([2, 4, 3]), T([4], "float64")], t(0), 2, t(1))
    f("batch_norm/error/weight_dtype", "batch_norm", [T([2, 4, 3]), T([4], "float64")], t(0), None, None, t(1), training=True)


def main():
    conv_cases()
    pool_cases()
    pad_cases()
    norm_cases()
    vision_cases()
    dtype_cases()
    torch.set_default_dtype(torch.float32)
    results = [oa.run(c) for c in oa.CASES]
    multis = [run_multi(c) for c in MULTI]
    write("nn_conv_pool", {"torch_version": torch.__version__, "cases": results, "multi": multis})
    print(f"{len(results)} cases, {sum('error' in c for c in results)} errors; {len(multis)} multi")


if __name__ == "__main__":
    main()
