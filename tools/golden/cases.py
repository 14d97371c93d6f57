"""The table-driven op cases shared by the ops_*.py golden scripts (reductions and shapes, sorting
and sets, indexing, linear algebra, random ops): input specs, how a case's tensors and arguments
are rebuilt in PyTorch, how the op is called, and how its outputs and gradients are recorded.

A case is {"name", "op", "method", "inputs", "args", "kw"}: `torch.<op>(*args, **kw)` (a dotted
op such as "linalg.det" is looked up attribute by attribute) or, with "method",
`inputs[0].<op>(*args, **kw)`. Arguments: {"t": i} is input i, {"tl": [i, ...]} a list of inputs,
{"dtype": name} a dtype, {"float": "inf"} a float JSON cannot hold, {"tuple": [...]} a tuple.
"""
import math

import torch

from common import DTYPES, encode_error, encode_grads, encode_number, encode_tensor

t0, t1, t2 = {"t": 0}, {"t": 1}, {"t": 2}
f64 = {"dtype": "float64"}
inf = {"float": "inf"}
ninf = {"float": "-inf"}


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


def spec(shape, dtype, vals, rg, layout=None, clone=False):
    """An input spec from its values. `layout: "t"`: the same values, held as a transposed
    (non-contiguous) view. `clone`: the op gets leaf.clone() (see make_leaf)."""
    s = {"dtype": dtype, "shape": list(shape), "values": [encode_number(v) for v in vals], "requires_grad": rg}
    if layout:
        s["layout"] = layout
    if clone:
        s["clone"] = True
    return s


def T(shape, seed=0, dtype="float32", values=None, rg=None, layout=None, clone=False):
    """An input spec: explicit `values`, or seeded randn (floating dtypes) / randint(-4, 6) values;
    requires grad by default when floating."""
    if rg is None:
        rg = DTYPES[dtype].is_floating_point
    return spec(shape, dtype, spec_values(shape, seed, dtype, values), rg, layout, clone)


def spec_tensor(s):
    """The spec's values as a contiguous tensor of its dtype and shape."""
    vals = [float(v) if isinstance(v, str) else v for v in s["values"]]
    return torch.tensor(vals, dtype=DTYPES[s["dtype"]]).reshape(s["shape"])


def make_leaf(s, fresh=False):
    """(leaf, what the op gets). With `fresh` the tensor is a clone, not a view of the flat one
    (in-place errors tell the two apart); with "clone" in the spec the op gets leaf.clone()."""
    x = spec_tensor(s)
    if fresh:
        x = x.clone()
    if s.get("layout") == "t":
        base = x.transpose(-1, -2).contiguous()
        if s["requires_grad"]:
            base.requires_grad_()
        leaf, x = base, base.transpose(-1, -2)
    else:
        if s["requires_grad"]:
            x.requires_grad_()
        leaf = x
    if s.get("clone"):
        x = x.clone()
    return leaf, x


def make_input(s):
    return make_leaf(s)[1]


def graph(fn, inputs, depth=0, max_depth=8):
    """The grad_fn graph, max_depth nodes deep: names down to AccumulateGrad (which names the
    position of the input that is its variable, or a view of it)."""
    if fn is None:
        return None
    g = {"name": type(fn).__name__}
    if g["name"] == "AccumulateGrad":
        g["input"] = next((i for i, x in enumerate(inputs) if x is fn.variable or x._base is fn.variable), -1)
        return g
    if depth < max_depth:
        g["next"] = [graph(n, inputs, depth + 1, max_depth) for n, _ in fn.next_functions]
    return g


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
        if "tuple" in a:
            return tuple(decode(v, inputs) for v in a["tuple"])
        raise ValueError(a)
    if isinstance(a, list):
        return [decode(v, inputs) for v in a]
    return a


def case_table():
    """A fresh case list and the `case(...)` function that appends to it."""
    cases = []

    def case(name, op, inputs, args=(), kw=None, method=False):
        cases.append({"name": name, "op": op, "method": method, "inputs": inputs, "args": list(args), "kw": kw or {}})

    return cases, case


def call(c, inputs, args, kw):
    """Calls the case's op on decoded arguments."""
    if c["method"]:
        return getattr(inputs[0], c["op"])(*args, **kw)
    fn = torch
    for part in c["op"].split("."):
        fn = getattr(fn, part)
    return fn(*args, **kw)


def encode_output(o, is_view=True, stride=False):
    out = {"tensor": encode_tensor(o), "grad_fn": None if o.grad_fn is None else type(o.grad_fn).__name__}
    if is_view:
        out["is_view"] = o._is_view()
    if stride:
        out["stride"] = list(o.stride())
    return out


def grads_for_outputs(diff_outs, leaves, wrt, create_graph=False):
    """The gradients w.r.t. leaves[i] for i in wrt, for the fixed grad_output of each output."""
    gos = [grad_output(o.shape, o.dtype) for o in diff_outs]
    grads = torch.autograd.grad(diff_outs, [leaves[i] for i in wrt], gos, allow_unused=True, create_graph=create_graph)
    return encode_grads(wrt, grads)


def record_call(c, inputs):
    """Calls the case's op on its decoded arguments: (a copy of the case to record into, the
    result); where the call raises, the copy holds the "error" and the result is None."""
    args = [decode(a, inputs) for a in c["args"]]
    kw = {k: decode(v, inputs) for k, v in c["kw"].items()}
    rec = dict(c)
    try:
        return rec, call(c, inputs, args, kw)
    except Exception as e:  # noqa: BLE001 - the error is the expected outcome
        rec["error"] = encode_error(e)
        return rec, None


def as_outputs(rec, res):
    """The result as a list of outputs; records whether it was a tuple."""
    is_tuple = isinstance(res, (tuple, list))
    rec["tuple"] = is_tuple
    return list(res) if is_tuple else [res]


def record_grads(rec, outs, leaves, create_graph=False, grad_errors=True):
    """Records the gradients of the outputs that require grad w.r.t. the leaves that do (when
    there are both); with grad_errors an error the backward raises is recorded as "grad_error"."""
    diff_outs = [o for o in outs if o.requires_grad]
    wrt = [i for i, x in enumerate(leaves) if x.requires_grad]
    if diff_outs and wrt:
        try:
            rec["grads"] = grads_for_outputs(diff_outs, leaves, wrt, create_graph)
        except Exception as e:  # noqa: BLE001 - ops without a derivative raise here
            if not grad_errors:
                raise
            rec["grad_error"] = encode_error(e)
    return rec
