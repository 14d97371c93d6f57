#!/usr/bin/env python3
"""Golden cases for second-order gradients: tests/golden/double_backward.json.

Run:  /usr/bin/python3 tools/golden/double_backward.py   (or `npm run golden` for every area)

The ops whose backward is special at second order (tests/autograd/double_backward.test.ts
replays them):

- F.embedding: embedding_dense_backward is differentiable w.r.t. grad_output only
  (EmbeddingDenseBackwardBackward0 = embedding_dense_double_backward, which ignores
  scale_grad_by_freq, so PyTorch's gradgradcheck fails with it);
- torch.cumprod on inputs with zeros: cumprod_backward (ReduceOps.cpp) takes its O(n²) composite
  path when grad mode is on (create_graph), its O(n) masked path otherwise;
- F.multi_margin_loss, F.multilabel_margin_loss (their *_backward has no derivative: a
  NotImplemented node) and torch.cdist on its kernel path (_cdist_backward's derivative is
  not_implemented): the first gradient with create_graph works, differentiating it raises.

A case: `call` (torch or F), `fn`, `inputs` ({dtype, shape, values, requires_grad}; the leaves),
`args` and `kwargs` (`{"$t": i}` is input i, `{"$dtype": name}` a dtype, `{"$float": "inf"}` a float JSON cannot hold). Expected: `out`, its `grad_fn` graph, the fixed
`grad_output` (a leaf too, index len(inputs) in graphs, requiring grad when
`grad_output_requires_grad`), the first-order `grads` of the leaves requiring grad, taken with
create_graph, and each one's `grad_graphs` (grad_fn graphs `graph_depth` deep; None where the
gradient does not require grad), and the same gradients without create_graph (`plain_grads`, or `plain_error`); then, for fixed `v` (one per gradient that requires grad), the
gradients `second_grads` of Σ (grads_i · v_i).sum() w.r.t. the leaves requiring grad and the
grad_output (when it requires grad), or `second_error` (class and message) when that raises.

`gradcheck`: float64 calls with PyTorch's gradcheck and gradgradcheck verdicts (and the error
gradgradcheck raises, `gradgrad_error`, where there is one).
"""
import math
import pathlib
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.autograd.gradcheck import GradcheckError  # noqa: E402

from common import DTYPES as DT, encode_error, encode_number, encode_tensor, write  # noqa: E402

F64, F32 = "float64", "float32"


def dyadic(n, shift=0):
    """n fixed values in [0.25, 1.75] (exact in float32), none zero."""
    return [((i * 3 + shift) % 7 - 3) / 4 + 1 for i in range(n)]


def T(shape, dtype=F64, values=None, grad=None, seed=0):
    shape = list(shape)
    if values is None:
        g = torch.Generator().manual_seed(900 + seed)
        values = ((torch.randn(math.prod(shape), generator=g, dtype=torch.float64) * 1e4).round() / 1e4).tolist()
    values = torch.tensor(values, dtype=DT[dtype]).reshape(-1).tolist()
    assert len(values) == math.prod(shape), (values, shape)
    if grad is None:
        grad = DT[dtype].is_floating_point
    return {"dtype": dtype, "shape": shape, "values": [encode_number(v) for v in values], "requires_grad": grad}


def long(values, shape=None, dtype="int64"):
    return T([len(values)] if shape is None else shape, dtype, values)


def t(i):
    return {"$t": i}


def build(spec):
    x = torch.tensor([float(v) if isinstance(v, str) else v for v in spec["values"]], dtype=DT[spec["dtype"]]).reshape(spec["shape"])
    return x.requires_grad_(spec["requires_grad"])


def decode(a, xs):
    if isinstance(a, dict):
        if "$t" in a:
            return xs[a["$t"]]
        if "$dtype" in a:
            return DT[a["$dtype"]]
        if "$float" in a:
            return float(a["$float"])
        return {k: decode(v, xs) for k, v in a.items()}
    if isinstance(a, list):
        return [decode(v, xs) for v in a]
    return a


def graph(node, leaves, depth, max_depth):
    """The grad_fn graph: node.name()s, down to AccumulateGrad (naming its leaf's index)."""
    if node is None:
        return None
    g = {"name": node.name()}
    if hasattr(node, "variable"):
        g["input"] = next(i for i, leaf in enumerate(leaves) if leaf is node.variable)
        return g
    if depth < max_depth:
        g["next"] = [graph(n, leaves, depth + 1, max_depth) for n, _ in node.next_functions]
    return g


def call(c, xs):
    args = [decode(a, xs) for a in c["args"]]
    kwargs = {k: decode(v, xs) for k, v in c["kwargs"].items()}
    return getattr(F if c["call"] == "F" else torch, c["fn"])(*args, **kwargs)


CASES = []
GRADCHECK = []


def case(name, call_, fn, inputs, *args, go_grad=True, graph_depth=8, **kwargs):
    CASES.append({"name": name, "call": call_, "fn": fn, "inputs": inputs, "args": list(args), "kwargs": kwargs, "grad_output_requires_grad": go_grad, "graph_depth": graph_depth})


def gc(name, call_, fn, inputs, *args, **kwargs):
    GRADCHECK.append({"name": name, "call": call_, "fn": fn, "inputs": inputs, "args": list(args), "kwargs": kwargs})


def run(c):
    leaves = [build(s) for s in c["inputs"]]
    out = call(c, leaves)
    depth = c["graph_depth"]
    c["out"] = encode_tensor(out)
    c["grad_fn"] = graph(out.grad_fn, leaves, 0, depth)
    go = torch.tensor(dyadic(out.numel()), dtype=out.dtype).reshape(out.shape).requires_grad_(c["grad_output_requires_grad"])
    c["grad_output"] = encode_tensor(go)
    every = leaves + [go]
    wants = [x for x in leaves if x.requires_grad]
    grads = torch.autograd.grad(out, wants, go, create_graph=True, allow_unused=True)
    c["grads"] = [None if g is None else encode_tensor(g) for g in grads]
    c["grad_graphs"] = [None if g is None else graph(g.grad_fn, every, 0, depth) for g in grads]
    # The same gradients without create_graph (grad mode off: cumprod's O(n) path).
    try:
        plain = torch.autograd.grad(out, wants, go.detach(), retain_graph=True, allow_unused=True)
        c["plain_grads"] = [None if g is None else encode_tensor(g) for g in plain]
    except Exception as e:  # noqa: BLE001 - a PyTorch limit, recorded as it is
        c["plain_error"] = encode_error(e)
    vs = [torch.tensor(dyadic(g.numel(), 2 + k), dtype=g.dtype).reshape(g.shape) if g is not None and g.requires_grad else None for k, g in enumerate(grads)]
    c["v"] = [None if v is None else encode_tensor(v) for v in vs]
    terms = [(g * v).sum() for g, v in zip(grads, vs) if v is not None]
    if not terms:
        return c
    total = sum(terms)
    wants2 = wants + ([go] if go.requires_grad else [])
    try:
        second = torch.autograd.grad(total, wants2, allow_unused=True)
        c["second_grads"] = [None if g is None else encode_tensor(g) for g in second]
    except Exception as e:  # noqa: BLE001 - the error is the expected outcome
        c["second_error"] = encode_error(e)
    return c


def verdict(c):
    xs = [build(s) for s in c["inputs"]]
    wants = [x for x in xs if x.requires_grad]

    def f(*ws):
        it = iter(ws)
        return call(c, [next(it) if x.requires_grad else x for x in xs])

    r = dict(c)
    try:
        r["pytorch_passes"] = bool(torch.autograd.gradcheck(f, tuple(wants)))
    except Exception:  # noqa: BLE001 - a failing gradcheck is a verdict
        r["pytorch_passes"] = False
    try:
        r["pytorch_gradgrad_passes"] = bool(torch.autograd.gradgradcheck(f, tuple(wants)))
    except GradcheckError:
        r["pytorch_gradgrad_passes"] = False
    except Exception as e:  # noqa: BLE001 - no double backward: the error is recorded
        r["pytorch_gradgrad_passes"] = False
        r["gradgrad_error"] = encode_error(e)
    return r


# ---- embedding ------------------------------------------------------------------------------------

def embedding_cases():
    idx = long([0, 2, 0, 3], [2, 2])
    for d in (F64, F32):
        case(f"embedding/{d}", "F", "embedding", [idx, T([4, 3], d, seed=1)], t(0), t(1))
        case(f"embedding/{d}/padding_idx", "F", "embedding", [idx, T([4, 3], d, seed=2)], t(0), t(1), padding_idx=0)
    case("embedding/padding_neg", "F", "embedding", [long([1, 2, 1, 3]), T([4, 3], seed=3)], t(0), t(1), padding_idx=-1)
    case("embedding/scale_grad_by_freq", "F", "embedding", [long([1, 2, 1, 3, 1]), T([4, 3], seed=4)], t(0), t(1), scale_grad_by_freq=True)
    case("embedding/scale_grad_by_freq_padding", "F", "embedding", [long([1, 2, 1, 3, 2], [5]), T([4, 3], seed=5)], t(0), t(1), padding_idx=2, scale_grad_by_freq=True)
    case("embedding/max_norm", "F", "embedding", [idx, T([4, 3], seed=6)], t(0), t(1), max_norm=0.75)
    case("embedding/max_norm_scale", "F", "embedding", [long([1, 2, 1]), T([4, 3], seed=7)], t(0), t(1), max_norm=0.5, norm_type=1.5, scale_grad_by_freq=True)
    case("embedding/int32_indices", "F", "embedding", [long([1, 0, 1], dtype="int32"), T([2, 3], seed=8)], t(0), t(1))
    case("embedding/0dim_index", "F", "embedding", [long([2], []), T([4, 3], seed=9)], t(0), t(1), padding_idx=1)
    case("embedding/positional", "F", "embedding", [idx, T([4, 3], seed=10)], t(0), t(1), 3, None, 2.5, True)
    case("embedding/grad_output_constant", "F", "embedding", [idx, T([4, 3], seed=11)], t(0), t(1), go_grad=False)
    gc("gradcheck/embedding", "F", "embedding", [idx, T([4, 3], seed=20)], t(0), t(1))
    gc("gradcheck/embedding_padding_idx", "F", "embedding", [idx, T([4, 3], seed=21)], t(0), t(1), padding_idx=0)
    gc("gradcheck/embedding_padding_neg", "F", "embedding", [long([1, 2, 1, 3]), T([4, 3], seed=22)], t(0), t(1), padding_idx=-1)
    gc("gradcheck/embedding_scale_grad_by_freq", "F", "embedding", [long([1, 2, 1, 3, 1]), T([4, 3], seed=23)], t(0), t(1), scale_grad_by_freq=True)
    gc("gradcheck/embedding_scale_unique", "F", "embedding", [long([1, 2, 0, 3]), T([4, 3], seed=24)], t(0), t(1), scale_grad_by_freq=True)


# ---- cumprod with zeros ---------------------------------------------------------------------------

CUMPROD = {
    "1d_one_zero": ([5], [1.5, -0.5, 0.0, 2.0, 0.75], 0),
    "1d_zero_first": ([4], [0.0, 2.0, -1.5, 0.5], 0),
    "1d_zero_last": ([4], [1.25, 2.0, -1.5, 0.0], 0),
    "1d_two_zeros": ([6], [1.5, 0.0, 2.0, -0.5, 0.0, 3.0], 0),
    "1d_adjacent_zeros": ([5], [0.5, 0.0, 0.0, -2.0, 1.5], -1),
    "1d_all_zeros": ([3], [0.0, 0.0, 0.0], 0),
    "2d_dim1": ([3, 4], [1.5, 0.0, 2.0, -0.5, 0.25, 3.0, -1.0, 2.0, 0.0, 1.5, 0.0, -2.0], 1),
    "2d_dim0": ([4, 3], [1.5, 0.0, 2.0, -0.5, 0.25, 3.0, 0.0, 2.0, 0.0, 1.5, 0.0, -2.0], 0),
    "3d_dim1": ([2, 4, 2], [1.5, 0.0, 2.0, -0.5, 0.0, 3.0, -1.0, 2.0, 0.0, 1.5, 2.5, -2.0, 0.5, 0.0, -1.25, 0.0], 1),
    "no_zeros": ([2, 3], [1.5, -0.5, 2.0, 0.25, 3.0, -1.0], 1),
    "dim_size_1": ([3, 1], [1.5, 0.0, 2.0], 1),
    "0dim": ([], [0.0], 0),
}


def cumprod_cases():
    for name, (shape, vals, dim) in CUMPROD.items():
        for d in (F64, F32):
            case(f"cumprod/{d}/{name}", "torch", "cumprod", [T(shape, d, vals)], t(0), dim)
        if name not in ("0dim", "dim_size_1"):
            gc(f"gradcheck/cumprod_{name}", "torch", "cumprod", [T(shape, F64, vals)], t(0), dim)
    case("cumprod/float32/dtype_float64", "torch", "cumprod", [T([4], F32, [1.5, 0.0, 2.0, -0.5])], t(0), 0, dtype={"$dtype": "float64"})
    case("cumprod/grad_output_constant", "torch", "cumprod", [T([4], F64, [1.5, 0.0, 2.0, -0.5])], t(0), 0, go_grad=False)
    case("cumprod/kwarg_dim", "torch", "cumprod", [T([2, 3], F64, [0.0, 1.5, 2.0, 1.0, 0.0, -3.0])], t(0), dim=-1)


# ---- no double backward: multi_margin_loss, multilabel_margin_loss, cdist's kernel path -------------

def no_double_backward_cases():
    tgt = long([0, 3, 1])
    mtgt = long([3, 0, -1, 1, 1, 2, 3, 0, 0, -1, 2, 2], [3, 4])
    for red in ("mean", "sum", "none"):
        case(f"multi_margin_loss/{red}", "F", "multi_margin_loss", [T([3, 4], seed=30), tgt], t(0), t(1), reduction=red)
        case(f"multilabel_margin_loss/{red}", "F", "multilabel_margin_loss", [T([3, 4], seed=31), mtgt], t(0), t(1), reduction=red)
    case("multi_margin_loss/p2_weight", "F", "multi_margin_loss", [T([3, 4], seed=32), tgt, T([4], values=[0.5, 1.5, 2.0, 0.25], grad=False)], t(0), t(1), p=2, margin=0.5, weight=t(2))
    case("multi_margin_loss/1d", "F", "multi_margin_loss", [T([4], seed=33), long([2], [])], t(0), t(1))
    case("multi_margin_loss/float32", "F", "multi_margin_loss", [T([3, 4], F32, seed=34), tgt], t(0), t(1))
    case("multi_margin_loss/grad_output_constant", "F", "multi_margin_loss", [T([3, 4], seed=35), tgt], t(0), t(1), go_grad=False)
    case("multilabel_margin_loss/1d", "F", "multilabel_margin_loss", [T([4], seed=36), long([3, 0, -1, 1])], t(0), t(1))
    case("multilabel_margin_loss/grad_output_constant", "F", "multilabel_margin_loss", [T([3, 4], seed=37), mtgt], t(0), t(1), go_grad=False)
    gc("gradcheck/multi_margin_loss", "F", "multi_margin_loss", [T([3, 4], seed=38), tgt], t(0), t(1))
    gc("gradcheck/multilabel_margin_loss", "F", "multilabel_margin_loss", [T([3, 4], seed=39), mtgt], t(0), t(1))

    # cdist: _cdist_forward (kernel, no double backward) unless p == 2 and the mm path is taken:
    # compute_mode use_mm_for_euclid_dist, or the default with more than 25 rows in x1 or x2.
    for name, p in (("p1", 1.0), ("p2", 2.0), ("p3", 3.0), ("p1_5", 1.5), ("p0_5", 0.5), ("pinf", {"$float": "inf"}), ("p0", 0.0)):
        case(f"cdist/{name}", "torch", "cdist", [T([3, 2], seed=40), T([2, 2], seed=41)], t(0), t(1), p)
    case("cdist/x1_only", "torch", "cdist", [T([3, 2], seed=42), T([4, 2], seed=43, grad=False)], t(0), t(1), 1.0)
    case("cdist/x2_only", "torch", "cdist", [T([3, 2], seed=44, grad=False), T([4, 2], seed=45)], t(0), t(1))
    case("cdist/batched", "torch", "cdist", [T([2, 3, 2], seed=46), T([1, 2, 2], seed=47)], t(0), t(1), p=3.0)
    case("cdist/donot_use_mm", "torch", "cdist", [T([27, 2], seed=48), T([3, 2], seed=49)], t(0), t(1), compute_mode="donot_use_mm_for_euclid_dist")
    case("cdist/p3_use_mm_mode", "torch", "cdist", [T([3, 2], seed=50), T([2, 2], seed=51)], t(0), t(1), p=3.0, compute_mode="use_mm_for_euclid_dist")
    case("cdist/p1_large", "torch", "cdist", [T([27, 2], seed=52), T([3, 2], seed=53)], t(0), t(1), p=1.0)
    case("cdist/empty", "torch", "cdist", [T([0, 2], seed=54), T([3, 2], seed=55)], t(0), t(1))
    case("cdist/float32", "torch", "cdist", [T([3, 2], F32, seed=56), T([2, 2], F32, seed=57)], t(0), t(1))
    case("cdist/grad_output_constant", "torch", "cdist", [T([3, 2], seed=58), T([2, 2], seed=59)], t(0), t(1), go_grad=False)
    # The mm path is twice differentiable (_euclidean_dist_backward is composite): values only.
    case("cdist/mm_mode", "torch", "cdist", [T([3, 2], seed=60), T([2, 2], seed=61)], t(0), t(1), compute_mode="use_mm_for_euclid_dist", graph_depth=0)
    case("cdist/mm_large", "torch", "cdist", [T([27, 2], seed=62), T([3, 2], seed=63)], t(0), t(1), graph_depth=0)
    for name, p, kw in (("p1", 1.0, {}), ("p2", 2.0, {}), ("pinf", {"$float": "inf"}, {}), ("donot_use_mm", 2.0, {"compute_mode": "donot_use_mm_for_euclid_dist"})):
        gc(f"gradcheck/cdist_{name}", "torch", "cdist", [T([3, 2], seed=64), T([2, 2], seed=65)], t(0), t(1), p, **kw)
    gc("gradcheck/cdist_mm_mode", "torch", "cdist", [T([3, 2], seed=66), T([2, 2], seed=67)], t(0), t(1), compute_mode="use_mm_for_euclid_dist")


def main():
    embedding_cases()
    cumprod_cases()
    no_double_backward_cases()
    cases = [run(c) for c in CASES]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checks = [verdict(c) for c in GRADCHECK]
    write("double_backward", {"torch_version": torch.__version__, "cases": cases, "gradcheck": checks})
    print(f"{len(cases)} cases, {sum('second_error' in c for c in cases)} second-order errors; "
          f"{sum(c['pytorch_passes'] for c in checks)}/{len(checks)} gradchecks, {sum(c['pytorch_gradgrad_passes'] for c in checks)} gradgradchecks pass")


if __name__ == "__main__":
    main()
