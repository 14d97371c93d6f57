#!/usr/bin/env python3
"""Goldens for the behaviour tests ported from PyTorch's test/test_autograd.py.

Run with Debian's PyTorch 1.13 (see ../shared/spec/oracle.md):

    /usr/bin/python3 tools/golden/autograd_behaviour.py

writes tests/golden/autograd_behaviour.json, read by tests/autograd/test_autograd*.test.ts.
Each case runs one scenario of a PyTorch test (named as there) and records what ts-torch must
reproduce: inputs (drawn here with manual_seed + randn and stored, so that the TS side rebuilds
them exactly), gradients, flags, grad_fn names, next_functions, error texts
("Class: message") and warning texts ("Category: message").
"""
import math
import re
import sys
import warnings
import pathlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch  # noqa: E402
from common import encode_tensor, write  # noqa: E402

enc = encode_tensor


def enc_opt(t):
    return None if t is None else enc(t)


def err(fn):
    """The exception fn raises as 'Class: message', or None."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - every class is recorded by name
        return f"{type(e).__name__}: {e}"
    return None


# Warnings raised in C++ end with where they were raised in PyTorch's build tree; that suffix
# names PyTorch's source layout, not behaviour, so it is left out of the goldens.
TRIGGERED = re.compile(r" \(Triggered internally at .*\)$", re.S)


def caught_warnings(fn):
    """Warnings fn emits, as 'Category: message' (every one, not once per site)."""
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        fn()
    return [TRIGGERED.sub("", f"{w.category.__name__}: {w.message}") for w in ws]


def fn_name(node):
    """What `print` shows for a grad_fn (the Python type name), or None."""
    return None if node is None else type(node).__name__


def node_name(node):
    """Node.name() (e.g. 'torch::autograd::CopySlices')."""
    return None if node is None else node.name()


def next_fns(node, depth=1):
    """next_functions as [[type name or None, input_nr, nested], ...] to the given depth."""
    out = []
    for child, nr in node.next_functions:
        entry = [fn_name(child), nr]
        if child is not None and depth > 1:
            entry.append(next_fns(child, depth - 1))
        out.append(entry)
    return out


def nonleaf_grad(t):
    """t.grad without the non-leaf warning (the tests read it only for its value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return t.grad


cases = {}


def case(fn):
    torch.manual_seed(0)
    cases[fn.__name__] = fn()
    return fn


# ---- .grad warnings, accumulation -------------------------------------------------------------


@case
def test_tensor_grad_warnings():
    dummy = torch.zeros(1)
    steps = []
    dummy.requires_grad_()
    steps.append(caught_warnings(lambda: dummy.grad))  # leaf: no warning
    dummy = dummy.clone()
    steps.append(caught_warnings(lambda: dummy.grad))  # non-leaf: warns
    dummy.retain_grad()
    steps.append(caught_warnings(lambda: dummy.grad))  # retains grad: no warning
    return {"warnings": steps}


@case
def test_accumulate_grad():
    grad_output = torch.ones(5, 5)
    out = {}
    for create_graph in (False, True):
        torch.manual_seed(0)
        x = torch.randn(5, 5, requires_grad=True)
        y = x + 2
        y.backward(grad_output, retain_graph=True)
        x_grad = x.grad
        x_grad_clone = x.grad.clone()
        y.backward(grad_output, create_graph=create_graph)
        out[f"create_graph_{create_graph}"] = {
            "x": enc(x),
            "x_grad": enc(x_grad),
            "x_grad_clone": enc(x_grad_clone),
            "same_object": x.grad is x_grad,
            "final_grad": enc(x.grad),
            "final_grad_fn": fn_name(x.grad.grad_fn),
        }
    return out


@case
def test_hessian_vector():
    x = torch.randn(2, 2, requires_grad=True)
    y = torch.randn(2, 2, requires_grad=True)
    z = x ** 2 + y * x + y ** 2
    z.backward(torch.ones(2, 2), create_graph=True)
    r = {"x": enc(x), "y": enc(y), "x_grad": enc(x.grad), "y_grad": enc(y.grad), "x_grad_fn": fn_name(x.grad.grad_fn)}
    grad_sum = 2 * x.grad + y.grad
    grad_sum.backward(torch.ones(2, 2))
    r["x_grad_after"] = enc(x.grad)
    r["y_grad_after"] = enc(y.grad)
    return r


@case
def test_grad():
    x = torch.randn(2, 2, requires_grad=True)
    y = torch.randn(2, 2, requires_grad=True)
    z = x ** 2 + y * x + y ** 2
    z.backward(torch.ones(2, 2), create_graph=True)
    r = {"x": enc(x), "y": enc(y), "x_grad": enc(x.grad), "y_grad": enc(y.grad),
         "x_grad_requires_grad": x.grad.requires_grad, "x_grad_fn": fn_name(x.grad.grad_fn)}
    grad_sum = 2 * x.grad + y.grad
    x_hv = torch.autograd.grad(outputs=[grad_sum], grad_outputs=[torch.ones(2, 2)], inputs=[x], create_graph=True)
    r["x_hv"] = enc(x_hv[0])
    r["x_hv_len"] = len(x_hv)
    r["x_grad_after"] = enc(x.grad)
    r["y_grad_after"] = enc(y.grad)
    r["mismatch_error"] = err(lambda: torch.autograd.grad(
        outputs=[grad_sum], grad_outputs=[torch.ones(2)], inputs=[x], create_graph=True))
    return r


@case
def test_grad_nonleaf():
    x_init = torch.randn(2, 2, requires_grad=True)
    x = x_init
    y = torch.randn(2, 2, requires_grad=True)
    grad_output = torch.ones(2, 2)

    def fn(x):
        return x ** 2 + y * x + y ** 2

    steps = []
    for _ in range(5):
        grad_x, = torch.autograd.grad(fn(x), x, grad_outputs=grad_output, create_graph=True)
        steps.append({"grad_x": enc(grad_x), "grad_x_fn": fn_name(grad_x.grad_fn),
                      "y_grad_is_none": y.grad is None, "x_grad_is_none": nonleaf_grad(x) is None})
        x = x + 0.05 * grad_x
    val_init = fn(x_init).sum()
    val_final = fn(x).sum()
    x.backward(grad_output)
    return {"x_init": enc(x_init), "y": enc(y), "steps": steps, "val_init": enc(val_init), "val_final": enc(val_final),
            "y_grad": enc(y.grad), "x_init_grad": enc(x_init.grad)}


@case
def test_grad_unreachable():
    x = torch.ones(1, requires_grad=True)
    y = torch.ones(1, requires_grad=True)
    z = x * 2  # noqa: F841 - gives x and y grad accumulators, as in the PyTorch test
    w = y * 2  # noqa: F841
    grad_x, grad_y = torch.autograd.grad(x * 2, [x, y], allow_unused=True)
    r = {"grad_x": enc(grad_x), "grad_y_is_none": grad_y is None}
    z = torch.ones(1, requires_grad=True)
    grad_x, grad_z = torch.autograd.grad(x * 2, [x, z], allow_unused=True)
    r["grad_x_2"] = enc(grad_x)
    r["grad_z_is_none"] = grad_z is None
    r["unused_error"] = err(lambda: torch.autograd.grad(x * 2, [x, y], allow_unused=False))
    return r


@case
def test_grad_empty_inputs():
    x = torch.tensor([1.0], requires_grad=True)
    return {"error": err(lambda: torch.autograd.grad(2 * x, [], grad_outputs=torch.tensor([1.0])))}


@case
def test_backward_badcalls():
    x = torch.ones(1)
    return {"error": err(lambda: x.backward())}


@case
def test_grad_badcalls():
    x = torch.ones(1)
    y = x ** 2
    r = {"error_grad_x_y": err(lambda: torch.autograd.grad(x, y)),
         "error_grad_y_x": err(lambda: torch.autograd.grad(y, x))}
    x = torch.ones(1, requires_grad=True)
    y = x ** 2
    r["grad"] = enc(torch.autograd.grad(y, x)[0])
    return r


@case
def backward_gradient_checks():
    """_make_grads: implicit gradients only for one-element outputs; shapes must match; a
    gradient of another dtype is cast to the output's (validate_outputs)."""
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    r = {
        "implicit_nonscalar": err(lambda: y.backward()),
        "grad_implicit_nonscalar": err(lambda: torch.autograd.grad(y, x)),
        "shape_mismatch_backward": err(lambda: y.backward(torch.ones(3))),
        "shape_mismatch_list": err(lambda: torch.autograd.backward([y, y * 3], [torch.ones(2), torch.ones(1, 2)])),
    }
    y.backward(torch.tensor([1, 2]), retain_graph=True)  # an int64 gradient
    r["int_gradient_x_grad"] = enc(x.grad)
    x.grad = None
    y.backward(torch.tensor([1., 2.], dtype=torch.float64))
    r["double_gradient_x_grad"] = enc(x.grad)
    x.grad = None
    z = (x * x).sum().reshape(1, 1)  # one element, not 0-dim: implicit ones still allowed
    z.backward()
    r["one_element_x_grad"] = enc(x.grad)
    # as many gradients as outputs (extra ones are ignored)
    y = x * 2
    z = x * 3
    r["too_few_backward"] = err(lambda: torch.autograd.backward([y, z], [torch.ones(2)]))
    r["too_few_grad"] = err(lambda: torch.autograd.grad([y, z], x, torch.ones(2)))
    r["extra_grad"] = enc(torch.autograd.grad([y, z], x, [torch.ones(2), torch.ones(2), None])[0])
    return r


# ---- retain_grad --------------------------------------------------------------------------------


@case
def test_retain_grad():
    input = torch.rand(1, 3, requires_grad=True)
    h1 = input * 3
    out = (h1 * h1).sum()
    h1.retain_grad()
    h1.retain_grad()
    out.backward(retain_graph=True)
    r = {"input": enc(input), "h1": enc(h1), "h1_grad_1": enc(h1.grad), "retains_grad": h1.retains_grad}
    out.backward(retain_graph=True)
    r["h1_grad_2"] = enc(h1.grad)
    with torch.no_grad():
        input.grad.zero_()
    input.retain_grad()
    input.retain_grad()
    out.backward()
    r["input_grad"] = enc(input.grad)
    r["leaf_retains_grad"] = input.retains_grad
    r["error_no_grad"] = err(lambda: torch.zeros(1).retain_grad())
    return r


@case
def test_retain_grad_inplace():
    a = torch.tensor([1.], requires_grad=True).clone()
    a.retain_grad()
    a.mul_(2)
    a.sum().backward()
    r = {"grad_1": enc(a.grad), "grad_fn_1": fn_name(a.grad_fn)}
    a = torch.tensor([1.], requires_grad=True).clone()
    a.retain_grad()
    a.mul_(2)
    a.mul_(2)
    a.sum().backward()
    r["grad_2"] = enc(a.grad)
    return r


@case
def test_retain_grad_inplace_over_view():
    base = torch.tensor([1.], requires_grad=True).clone()
    view = base[:]
    view2 = base[:]
    view.retain_grad()
    view2.retain_grad()
    view.mul_(2)
    (view + view2).sum().backward()
    return {"view_grad": enc(view.grad), "view2_grad": enc(view2.grad),
            "base_grad_fn": fn_name(base.grad_fn), "view_grad_fn": fn_name(view.grad_fn)}


@case
def test_backward_create_graph_warns():
    torch.set_warn_always(True)
    try:
        b = torch.randn(3, requires_grad=True, dtype=torch.double)
        c = b * b
        backward_warnings = caught_warnings(lambda: c.backward(torch.ones_like(c), create_graph=True))
        b.grad = None
        grad_warnings = caught_warnings(lambda: torch.autograd.grad(c, b, torch.ones_like(c), create_graph=True))
    finally:
        torch.set_warn_always(False)
    return {"backward": backward_warnings, "grad": grad_warnings}


# ---- backward with several roots / inputs --------------------------------------------------------


@case
def test_multi_backward():
    x = torch.randn(5, 5, requires_grad=True)
    y = torch.randn(5, 5, requires_grad=True)
    q = torch.randn(5, 5, requires_grad=True)
    a = torch.randn(5, 5, requires_grad=True)
    b = torch.randn(5, 5, requires_grad=True)
    q2 = q * 2
    z = x + y + q2
    c = a * b + q2
    grad_z = torch.randn(5, 5)
    grad_c = torch.randn(5, 5)
    torch.autograd.backward([z, c], [grad_z, grad_c])
    return {"x": enc(x), "y": enc(y), "q": enc(q), "a": enc(a), "b": enc(b), "grad_z": enc(grad_z), "grad_c": enc(grad_c),
            "x_grad": enc(x.grad), "y_grad": enc(y.grad), "a_grad": enc(a.grad), "b_grad": enc(b.grad), "q_grad": enc(q.grad)}


@case
def test_multi_backward_no_grad():
    x = torch.ones(5, 5, requires_grad=True)
    y = torch.ones(5, 5)
    z = x + y
    q = y * 2
    return {"error": err(lambda: torch.autograd.backward([z, q], [torch.ones(5, 5), torch.ones(5, 5)]))}


@case
def test_backward_with_inputs():
    x = torch.randn(2, 2, dtype=torch.double, requires_grad=True)
    y = torch.randn(2, 2, dtype=torch.double, requires_grad=True)

    def fn():
        return x ** 2 + y * x + y ** 2

    gradient = torch.ones(2, 2)
    r = {"x": enc(x), "y": enc(y), "steps": []}

    def reset_grad():
        with torch.no_grad():
            x.grad.zero_()
            y.grad.zero_()

    torch.autograd.backward(fn(), gradient, inputs=[x, y])
    r["steps"].append({"inputs": ["x", "y"], "x_grad": enc(x.grad), "y_grad": enc(y.grad)})
    for names in (["x"], ["y"], "y"):
        reset_grad()
        inputs = y if names == "y" else [{"x": x, "y": y}[n] for n in names]
        torch.autograd.backward(fn(), gradient, inputs=inputs)
        r["steps"].append({"inputs": names, "x_grad": enc(x.grad), "y_grad": enc(y.grad)})
    reset_grad()
    r["empty_error"] = err(lambda: torch.autograd.backward(fn(), gradient, inputs=[]))
    r["no_grad_input_error"] = err(lambda: torch.autograd.backward(fn(), gradient, inputs=[torch.ones(2, 2)]))
    return r


@case
def test_backward_with_nonleaf_inputs():
    x = torch.randn(2, 2, dtype=torch.double, requires_grad=True)
    x_nonleaf = x * 1
    y = torch.randn(2, 2, dtype=torch.double, requires_grad=True)
    z = torch.randn(2, 2, dtype=torch.double, requires_grad=True)
    out = x_nonleaf ** 2 + y * x_nonleaf + y ** 2
    out.backward(torch.ones(2, 2, dtype=torch.double), create_graph=True, inputs=[x, y, x_nonleaf])
    r = {"x": enc(x), "y": enc(y), "x_grad": enc(x.grad), "y_grad": enc(y.grad), "x_nonleaf_grad": enc(x_nonleaf.grad)}
    out.backward(torch.ones(2, 2, dtype=torch.double), create_graph=True, inputs=[z])
    r["z_grad_is_none"] = z.grad is None
    return r


@case
def test_dependent_backward():
    x = torch.randn(10, requires_grad=True)
    y = x ** 2
    z = y ** 3
    go_y = torch.randn(10)
    go_z = torch.randn(10)
    torch.autograd.backward([y, z], [go_y, go_z])
    return {"x": enc(x), "go_y": enc(go_y), "go_z": enc(go_z), "x_grad": enc(x.grad)}


@case
def test_duplicate_backward_root():
    a = torch.randn(5, 5, requires_grad=True)
    b = torch.randn(5, 5, requires_grad=True)
    x = a * b
    grad_output = torch.randn_like(x)
    torch.autograd.backward([x, x], [grad_output, grad_output])
    return {"a": enc(a), "b": enc(b), "grad_output": enc(grad_output), "a_grad": enc(a.grad), "b_grad": enc(b.grad)}


# ---- backward twice, freeing saved tensors --------------------------------------------------------


def c_from_b():
    b = torch.randn(3, requires_grad=True, dtype=torch.double)
    c = torch.zeros(3, dtype=torch.double)
    c[[1, 2]] = b[[1, 1]]
    return b, c


@case
def test_backward_twice_with_saved_values():
    b, c = c_from_b()
    g = torch.tensor([1, 1, 1], dtype=torch.double)
    c.backward(g)
    return {"b": enc(b), "c_grad_fn": fn_name(c.grad_fn), "b_grad": enc(b.grad), "error": err(lambda: c.backward(g))}


@case
def test_backward_twice_retained_graph_with_saved_values():
    b, c = c_from_b()
    g = torch.tensor([1, 1, 1], dtype=torch.double)
    c.backward(g, retain_graph=True)
    c.backward(g)
    return {"b_grad": enc(b.grad)}


@case
def test_backward_twice_without_saved_values():
    b = torch.randn(3, requires_grad=True, dtype=torch.double)
    c = b + 1
    g = torch.tensor([1, 1, 1], dtype=torch.double)
    c.backward(g)
    c.backward(g)
    return {"b_grad": enc(b.grad)}


SAVED_CASES = {
    # name: how the TS test spells the same expression
    "add_scalar": lambda a: a + 1,
    "sub_scalar": lambda a: a - 1,
    "rsub_scalar": lambda a: 1 - a,
    "add_self": lambda a: a + a,
    "neg": lambda a: -a,
    "clone": lambda a: a.clone(),
    "view": lambda a: a.view(2),
    "select": lambda a: a[0],
    "expand": lambda a: a.expand(3, 2),
    "mean": lambda a: a.mean(),
    "double": lambda a: a.double(),
    "mul_scalar": lambda a: a * 2,
    "mul_float_scalar": lambda a: a * 2.5,
    "div_scalar": lambda a: a / 2,
    "mul_self": lambda a: a * a,
    "mul_tensor": lambda a: a * torch.ones(2),
    "div_tensor": lambda a: a / torch.ones(2),
    "pow_scalar": lambda a: a ** 2,
    "rpow": lambda a: 2 ** a,
    "sigmoid": lambda a: a.sigmoid(),
    "exp": lambda a: a.exp(),
    "relu": lambda a: a.relu(),
    "where": lambda a: torch.where(a > 1, a, torch.zeros(2)),
    "index": lambda a: a[[0, 1]],
    "softmax": lambda a: a.softmax(0),
    "mm": lambda a: a.unsqueeze(0).mm(torch.ones(2, 1)),
}


@case
def saved_tensors_freed():
    """(f(a)).sum() backpropagated twice: fails exactly when a node saved tensors."""
    out = {}
    for name, f in SAVED_CASES.items():
        a = torch.tensor([1., 2.], requires_grad=True)
        y = f(a).sum()
        y.backward()
        out[name] = {"grad_fn": fn_name(f(a).grad_fn), "error": err(lambda: y.backward()), "grad": enc(a.grad)}
    # autograd.grad frees too; retain_graph keeps the buffers
    a = torch.tensor([1., 2.], requires_grad=True)
    y = (a * a).sum()
    torch.autograd.grad(y, a)
    grad_then_backward = err(lambda: y.backward())
    y = (a * a).sum()
    torch.autograd.grad(y, a, retain_graph=True)
    y.backward()
    return {"cases": out, "grad_then_backward": grad_then_backward, "retained_then_backward_grad": enc(a.grad)}


# ---- graph structure ----------------------------------------------------------------------------------


@case
def test_next_functions():
    x = torch.randn(5, 5, requires_grad=True)
    y = torch.randn(5, 5, requires_grad=True)
    a = x + y
    nf = a.grad_fn.next_functions
    b = a + 5
    nf_b = b.grad_fn.next_functions
    return {
        "a_grad_fn": fn_name(a.grad_fn),
        "a_grad_fn_name": node_name(a.grad_fn),
        "a_next": next_fns(a.grad_fn),
        "a_next_0_variable_is_x": nf[0][0].variable is x,
        "a_next_1_variable_is_y": nf[1][0].variable is y,
        "accumulate_grad_name": node_name(nf[0][0]),
        "accumulate_grad_reused": (x * 2).grad_fn.next_functions[0][0] is nf[0][0],
        "b_next": next_fns(b.grad_fn),
        "b_next_0_is_a_grad_fn": nf_b[0][0] is a.grad_fn,
    }


@case
def graph_structure():
    """next_functions and names of a few graphs, two levels deep."""
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    w = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
    c = torch.tensor([0.5, 0.5, 0.5])
    graphs = {
        "mul_const": x * c,
        "rsub": 1 - x,
        "matmul_mv": w.matmul(x),
        "sum_of_relu": (x * 2).relu().sum(),
        "where": torch.where(x > 1, x, c),
        "index": x[[0, 0, 2]],
        "mean_dim": w.mean(1),
    }
    return {k: {"grad_fn": fn_name(v.grad_fn), "name": node_name(v.grad_fn), "next": next_fns(v.grad_fn, 2),
                "repr": repr(v)} for k, v in graphs.items()}


# ---- grad modes -------------------------------------------------------------------------------------


def _factory_in_no_grad():
    with torch.no_grad():
        t = torch.zeros(2, requires_grad=True)
    return {"requires_grad": t.requires_grad, "is_leaf": t.is_leaf}


@case
def test_no_grad():
    x = torch.ones(5, 5, requires_grad=True)
    y = torch.ones(5, 5) * 4
    with torch.no_grad():
        w = x + y
    z = torch.no_grad()(lambda a, b: a + b)(x, y)
    with torch.no_grad():
        enabled_inside = torch.is_grad_enabled()
    return {
        "w_requires_grad": w.requires_grad, "w_is_leaf": w.is_leaf,
        "w_backward_error": err(lambda: w.backward(torch.ones(5, 5))),
        "w_grad_fn_is_none": w.grad_fn is None,
        "z_requires_grad": z.requires_grad,
        "z_backward_error": err(lambda: z.backward(torch.ones(5, 5))),
        "enabled_inside": enabled_inside,
        "enabled_after": torch.is_grad_enabled(),
        "w": enc(w),
        "factory_requires_grad_inside": _factory_in_no_grad(),
    }


@case
def test_set_grad_enabled():
    x = torch.tensor([1.], requires_grad=True)
    r = {}
    with torch.set_grad_enabled(False):
        y = x * 2
    r["off"] = y.requires_grad
    with torch.set_grad_enabled(True):
        y = x * 2
    r["on"] = y.requires_grad
    with torch.set_grad_enabled(False):
        torch.set_grad_enabled(True)
        y = x * 2
    r["off_then_set_on"] = y.requires_grad
    r["enabled_after"] = torch.is_grad_enabled()
    with torch.no_grad():
        with torch.enable_grad():
            r["enable_grad_in_no_grad"] = (x * 2).requires_grad
    torch.set_grad_enabled(True)
    return r


@case
def inference_mode():
    r = {}
    x = torch.ones(2)
    a = torch.tensor([1., 2.], requires_grad=True)
    with torch.inference_mode():
        r["enabled_inside"] = torch.is_inference_mode_enabled()
        r["grad_enabled_inside"] = torch.is_grad_enabled()
        v = x[0]
        d = x.detach()
        c = x.clone()
        y = x * 2
        b = a * 2
        f = torch.zeros(2)
        with torch.inference_mode(False):
            r["nested_false_grad_enabled"] = torch.is_grad_enabled()
            r["nested_false_inference_enabled"] = torch.is_inference_mode_enabled()
    with torch.no_grad():
        with torch.inference_mode(False):
            r["no_grad_then_false_grad_enabled"] = torch.is_grad_enabled()
    r["is_inference"] = {"view": v.is_inference(), "detach": d.is_inference(), "clone": c.is_inference(),
                         "mul": y.is_inference(), "mul_grad_input": b.is_inference(), "factory": f.is_inference(),
                         "normal": x.is_inference()}
    r["b_requires_grad"] = b.requires_grad
    r["b_grad_fn_is_none"] = b.grad_fn is None
    r["enabled_after"] = torch.is_inference_mode_enabled()
    r["save_error"] = err(lambda: a * b)
    r["inplace_error"] = err(lambda: b.add_(1))
    r["requires_grad_error"] = err(lambda: b.requires_grad_())
    (a + b).sum().backward()  # add saves nothing: allowed
    r["a_grad"] = enc(a.grad)
    return r


# ---- requires_grad ------------------------------------------------------------------------------------


@case
def test_requires_grad_():
    x = torch.randn(5, 5)
    y = torch.randn(5, 5, requires_grad=True)
    r = {}
    x.requires_grad_()
    r["x_after_requires_grad_"] = x.requires_grad
    y.requires_grad_()
    r["y_after_requires_grad_"] = y.requires_grad
    z = x * y
    r["nonleaf_false_error"] = err(lambda: z.requires_grad_(False))
    z.requires_grad_()
    r["z_after_requires_grad_"] = z.requires_grad
    z.requires_grad_(True)
    r["z_after_requires_grad_true"] = z.requires_grad
    x.requires_grad_(False)
    y.requires_grad_(False)
    r["x_after_false"] = x.requires_grad
    r["y_after_false"] = y.requires_grad

    def set_rg(t, v):
        t.requires_grad = v

    r["nonleaf_setter_true_error"] = err(lambda: set_rg(z, True))
    r["nonleaf_setter_false_error"] = err(lambda: set_rg(z, False))
    return r


@case
def test_requires_grad_inplace():
    a = torch.randn(5, 5)
    b = torch.randn(5, 5, requires_grad=True)
    a += b
    r = {"leaf_requires_grad": a.requires_grad, "leaf_is_leaf": a.is_leaf, "leaf_grad_fn": fn_name(a.grad_fn)}
    a = torch.randn(5, 5) + 0
    b = torch.randn(5, 5, requires_grad=True)
    a += b
    r["nonleaf_requires_grad"] = a.requires_grad
    r["nonleaf_grad_fn"] = fn_name(a.grad_fn)
    return r


DTYPES = ["float32", "float64", "int64", "int32", "int16", "int8", "uint8", "bool"]


@case
def test_set_requires_grad_only_for_floats():
    out = {}
    for name in DTYPES:
        dt = getattr(torch, name)

        def f1():
            torch.ones(1, dtype=dt).requires_grad_()

        def f2():
            a = torch.ones(1, dtype=dt)
            a.requires_grad = True

        def f3():
            torch.ones(1, dtype=dt, requires_grad=True)

        def f_false():
            a = torch.ones(1, dtype=dt)
            a.requires_grad = False
            a.requires_grad_(False)

        out[name] = {"requires_grad_": err(f1), "setter": err(f2), "factory": err(f3), "set_false": err(f_false),
                     "randint_factory": err(lambda: torch.randint(0, 5, (2,), dtype=dt, requires_grad=True))
                     if name != "bool" else None}
    return out


# ---- .grad setter ---------------------------------------------------------------------------------------


def assign_to(t, v):
    t.grad = v


@case
def grad_setter():
    x = torch.tensor([1., 2.], requires_grad=True)

    def assign(v):
        x.grad = v

    r = {
        "number": err(lambda: assign(5)),
        "float_number": err(lambda: assign(1.5)),
        "string": err(lambda: assign("a")),
        "wrong_size": err(lambda: assign(torch.zeros(3))),
        "wrong_dtype": err(lambda: assign(torch.zeros(2, dtype=torch.float64))),
        "int_dtype": err(lambda: assign(torch.zeros(2, dtype=torch.int64))),
        "own_grad": err(lambda: assign(x)),
    }
    assign(torch.tensor([3., 4.]))
    r["assigned"] = enc(x.grad)
    x.sum().backward()
    r["accumulated"] = enc(x.grad)
    assign(None)
    r["none"] = x.grad is None
    # a non-leaf accepts a grad too (no warning on assignment)
    y = x * 2
    r["nonleaf_warnings"] = caught_warnings(lambda: assign_to(y, torch.zeros(2)))
    r["nonleaf_grad"] = enc(nonleaf_grad(y))
    return r


# ---- hooks ----------------------------------------------------------------------------------------------


@case
def hooks():
    r = {}
    # leaf hook sees the gradient; its return value replaces it
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    seen = []
    x.register_hook(lambda g: seen.append(g.clone()))
    x.register_hook(lambda g: g * 10)
    (x * x).sum().backward()
    r["leaf_seen"] = enc(seen[0])
    r["leaf_grad"] = enc(x.grad)
    # non-leaf hook: replacement flows on to the leaves, and is what retain_grad sees
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2
    y.retain_grad()
    seen = []
    y.register_hook(lambda g: seen.append(g.clone()))
    y.register_hook(lambda g: g + 1)
    (y * y).sum().backward()
    r["nonleaf_seen"] = enc(seen[0])
    r["nonleaf_x_grad"] = enc(x.grad)
    r["nonleaf_y_grad"] = enc(y.grad)
    # handle.remove()
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    calls = []
    h = x.register_hook(lambda g: calls.append(1) or g * 2)
    x.sum().backward()
    r["before_remove_grad"] = enc(x.grad)
    h.remove()
    x.grad = None
    x.sum().backward()
    r["after_remove_grad"] = enc(x.grad)
    r["calls"] = len(calls)
    # autograd.grad sees the hooked gradient of a non-leaf input
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 3
    y.register_hook(lambda g: g * 0.5)
    r["grad_through_hook"] = enc(torch.autograd.grad(y.sum(), x)[0])
    r["no_grad_error"] = err(lambda: torch.ones(2).register_hook(lambda g: g))
    # autograd.grad captures a gradient before the tensor's own hooks run (PyTorch 1.13)
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 3
    y.register_hook(lambda g: g * 0.5)
    r["captured_nonleaf"] = enc(torch.autograd.grad(y.sum(), y)[0])
    x.register_hook(lambda g: g * 10)
    r["captured_leaf"] = enc(torch.autograd.grad((x * x).sum(), x)[0])
    # a hook registered before retain_grad: retain_grad sees the hooked gradient
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: g + 1)
    y.retain_grad()
    y.sum().backward()
    r["hook_then_retain_y_grad"] = enc(y.grad)
    r["hook_then_retain_x_grad"] = enc(x.grad)
    return r


# ---- indexing ---------------------------------------------------------------------------------------------


@case
def test_indexing_duplicates():
    out = {}
    y = torch.arange(1., 17).view(4, 4).requires_grad_()
    y[torch.LongTensor([1, 1, 3, 2, 1, 2])].sum().backward()
    out["long_tensor"] = enc(y.grad)
    y = torch.arange(1., 17).view(4, 4).requires_grad_()
    y[[1, 1, 3, 2, 1, 2], [0]].sum().backward()
    out["two_lists"] = enc(y.grad)
    y = torch.arange(1., 17).view(4, 4).requires_grad_()
    y[[[1, 2], [0, 0]], [[0, 1], [1, 1]]].sum().backward()
    out["nested_lists"] = enc(y.grad)
    y = torch.arange(1., 65).view(4, 4, 4).requires_grad_()
    z = y[[1, 1, 1], :, :]
    z.sum().backward()
    out["list_and_slices"] = enc(y.grad)
    out["grad_fn"] = fn_name(z.grad_fn)
    return out


# ---- in-place --------------------------------------------------------------------------------------------


@case
def test_inplace():
    r = {}
    x = torch.ones(5, 5, requires_grad=True)
    y = (torch.ones(5, 5) * 4).requires_grad_()
    z = x * y
    q = z + y
    w = z * y
    z.add_(2)
    r["p1_q_error"] = err(lambda: q.backward(torch.ones(5, 5), retain_graph=True))
    r["p1_w_error"] = err(lambda: w.backward(torch.ones(5, 5)))

    z = x * y
    q = z * y
    rr = z + y
    w = z.add_(y)
    r["p2_w_is_z"] = w is z
    r["p2_w_error"] = err(lambda: w.backward(torch.ones(5, 5), retain_graph=True))
    r["p2_r_error"] = err(lambda: rr.backward(torch.ones(5, 5), retain_graph=True))
    r["p2_q_error"] = err(lambda: q.backward(torch.ones(5, 5)))

    with torch.no_grad():
        x.grad.zero_()
    m = x / 2
    z = m + y / 8
    q = z * y
    rr = z + y
    prev_version = z._version
    w = z.exp_()
    r["p3_versions"] = [prev_version, z._version]
    r["p3_grad_fn"] = fn_name(z.grad_fn)
    rr.backward(torch.ones(5, 5), retain_graph=True)
    r["p3_x_grad_1"] = enc(x.grad)
    w.backward(torch.ones(5, 5), retain_graph=True)
    r["p3_x_grad_2"] = enc(x.grad)
    r["p3_q_error"] = err(lambda: q.backward(torch.ones(5, 5)))

    leaf = torch.ones(5, 5, requires_grad=True)
    x = leaf.clone()
    x.add_(10)
    r["p4_x"] = enc(x)
    y = x + 2
    y.backward(torch.ones(5, 5))
    r["p4_leaf_grad"] = enc(leaf.grad)
    z = x * y
    x.add_(2)
    r["p4_z_error"] = err(lambda: z.backward(torch.ones(5, 5)))
    return r


@case
def inplace_leaf_errors():
    x = torch.tensor([1., 2.], requires_grad=True)
    r = {"leaf": err(lambda: x.add_(1)), "view_of_leaf": err(lambda: x[0].mul_(2)),
         "view_of_leaf_narrow": err(lambda: x.narrow(0, 0, 1).zero_())}
    with torch.no_grad():
        x.mul_(2)
        x[0].add_(1)
    r["after_no_grad"] = enc(x)
    r["version_after_no_grad"] = x._version
    r["leaf_still_leaf"] = x.is_leaf and x.requires_grad
    return r


@case
def version_counter_errors():
    r = {}
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.sigmoid()
    y.mul_(2)
    r["sigmoid_output"] = err(lambda: y.sum().backward())
    # saved input that is a leaf: no 'which is output' part
    a = torch.tensor([1., 2., 3., 4., 5.], requires_grad=True)
    b = torch.tensor([1., 1., 1., 1., 1.], requires_grad=True)
    z = (a * b).sum()
    with torch.no_grad():
        a.mul_(2)
    r["leaf_input"] = err(lambda: z.backward())
    # saved non-leaf input: names its grad_fn at backward time
    a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    h = a * 1
    z = (h * h).sum()
    h.add_(1)
    r["nonleaf_input"] = err(lambda: z.backward())
    # detach() shares the counter
    x = torch.tensor(2., requires_grad=True)
    y = x ** 2
    d = x.detach()
    d.zero_()
    r["detach_shared"] = err(lambda: y.backward())
    r["versions"] = [x._version, d._version]
    # double tensor
    x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
    y = x.exp()
    y.add_(1)
    r["exp_double"] = err(lambda: y.sum().backward())
    return r


@case
def inplace_on_view():
    """In-place on a view of a non-leaf: CopySlices on the base, AsStridedBackward0 on the view."""
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    a = x.mul(1)
    v = a[0]
    v.mul_(2)
    r = {
        "a_grad_fn": fn_name(a.grad_fn), "a_grad_fn_name": node_name(a.grad_fn), "a_next": next_fns(a.grad_fn, 2),
        "v_grad_fn": fn_name(v.grad_fn), "v_next": next_fns(v.grad_fn), "a": enc(a), "a_repr": repr(a),
        "v_repr": repr(v), "versions": [a._version, v._version],
    }
    (a * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()
    r["x_grad"] = enc(x.grad)
    # the view itself is differentiable afterwards
    x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    a = x.mul(1)
    v = a[:, 1]
    v.add_(torch.tensor([10., 20.]))
    (v * v).sum().backward()
    r["col_view_x_grad"] = enc(x.grad)
    # an in-place op whose other operand requires grad
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    s = torch.tensor([5.], requires_grad=True)
    a = x.clone()
    a[1:].mul_(s)
    a.sum().backward()
    r["other_x_grad"] = enc(x.grad)
    r["other_s_grad"] = enc(s.grad)
    # second derivatives through CopySlices and AsStridedBackward0
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    a = x * 1
    v = a[1:]
    v.mul_(x[1:])
    g, = torch.autograd.grad((v * v * v).sum(), x, create_graph=True)
    r["double_backward_g"] = enc(g)
    r["double_backward_gg"] = enc(torch.autograd.grad(g.sum(), x)[0])
    return r


@case
def view_after_base_inplace():
    """Views made before an in-place change read the new history (their grad_fn is remade)."""
    r = {}
    x = torch.tensor([1., 2.], requires_grad=True)
    a = x.clone()
    v = a[0]
    a.mul_(2)
    r["v_grad_fn"] = fn_name(v.grad_fn)
    r["v_next"] = next_fns(v.grad_fn, 2)
    v.sum().backward()
    r["x_grad"] = enc(x.grad)
    # two views of one base: changing one changes the other's history too
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    a = x.clone()
    v1 = a[:2]
    v2 = a[1:]
    v1.mul_(3)
    r["v2_grad_fn"] = fn_name(v2.grad_fn)
    (v2 * torch.tensor([1., 10.])).sum().backward()
    r["two_views_x_grad"] = enc(x.grad)
    # the base's own retain_grad stays on its old grad_fn (set_gradient_edge moves no hooks)
    x = torch.tensor([1., 2.], requires_grad=True)
    a = x.clone()
    a.retain_grad()
    a[0].mul_(2)
    a.sum().backward()
    r["base_retained_grad"] = enc(a.grad)
    r["base_x_grad"] = enc(x.grad)
    # a view made and changed under no_grad still backpropagates through the base
    x = torch.tensor([1., 2.], requires_grad=True)
    a = x * 1
    v = a[1]
    with torch.no_grad():
        a.mul_(5)
    r["no_grad_v_grad_fn"] = fn_name(v.grad_fn)
    v.backward()
    r["no_grad_x_grad"] = enc(x.grad)
    return r


@case
def views_made_without_grad():
    """Views made under no_grad / inference_mode: they report requires_grad through their base
    but have no grad_fn, and may not join the graph through an in-place change."""
    r = {}
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    with torch.no_grad():
        v = x[0:2]
    r["leaf_view"] = {"requires_grad": v.requires_grad, "is_leaf": v.is_leaf, "grad_fn_is_none": v.grad_fn is None}
    y = v * 2
    r["leaf_view_op"] = {"requires_grad": y.requires_grad, "grad_fn": fn_name(y.grad_fn), "next": next_fns(y.grad_fn)}
    r["leaf_view_inplace"] = err(lambda: v.mul_(2))
    a = x * 1
    with torch.no_grad():
        va = a[1:]
    r["nonleaf_view"] = {"requires_grad": va.requires_grad, "is_leaf": va.is_leaf}
    r["nonleaf_view_inplace"] = err(lambda: va.mul_(2))
    with torch.no_grad():
        a.mul_(2)
    r["nonleaf_view_grad_fn_after_base_change"] = err(lambda: va.grad_fn)
    with torch.inference_mode():
        vi = a[1:]
    r["inference_view"] = {"requires_grad": vi.requires_grad, "is_inference": vi.is_inference()}
    r["inference_view_inplace"] = err(lambda: vi.mul_(2))
    b = torch.zeros(3)
    with torch.no_grad():
        vb = b[:2]
    w = torch.ones(2, requires_grad=True)
    r["other_requires_grad_inplace"] = err(lambda: vb.mul_(w))
    r["plain_view_requires_grad"] = torch.zeros(3)[0:2].requires_grad
    # both under no_grad is fine
    with torch.no_grad():
        vn = a[:1]
        vn.mul_(3)
    r["both_no_grad_a"] = enc(a)
    return r


@case
def test_detach():
    r = {}
    x = torch.randn(10, 10, requires_grad=True)
    y = x + 2
    y = y.detach()
    z = y * 4 + 2
    r["y_requires_grad"] = y.requires_grad
    r["z_requires_grad"] = z.requires_grad
    x = torch.randn(10, 10, requires_grad=True)
    y = x * 2
    y = y.detach()
    r["y2_requires_grad"] = y.requires_grad
    r["y2_grad_fn_is_none"] = y.grad_fn is None
    z = x + y
    z.sum().backward()
    r["x_grad"] = enc(x.grad)
    x = torch.randn(10, 10, requires_grad=True)
    y = torch.randn(10, 10, requires_grad=True)
    a = x * 2
    (y + a).sum().backward(retain_graph=True)
    a.detach_()
    r["a_requires_grad"] = a.requires_grad
    (y + a).sum().backward()
    r["x_grad_2"] = enc(x.grad)
    r["y_grad_2"] = enc(y.grad)
    view = x.narrow(0, 1, 4)
    r["view_detach__error"] = err(lambda: view.detach_())
    # detach shares storage and version counter
    x = torch.tensor([1., 2.], requires_grad=True)
    d = x.detach()
    with torch.no_grad():
        x.add_(1)
    r["detached_sees_update"] = enc(d)
    r["versions"] = [x._version, d._version]
    return r


@case
def test_detach_base():
    x = torch.randn(10, 10, requires_grad=True)
    view = x.narrow(0, 1, 4)
    x.detach_()
    return {"x_requires_grad": x.requires_grad, "view_requires_grad": view.requires_grad,
            "view_grad_fn": fn_name(view.grad_fn), "view_base_is_x": view._base is x}


@case
def test_version_counter():
    r = {}
    x = torch.randn(1, 2)
    steps = [x._version]
    x.add_(1).add_(1)
    steps.append(x._version)
    xz = x[:]
    steps.append([x._version, xz._version])
    xz.add_(1)
    steps.append([x._version, xz._version])
    x.data = torch.randn(2, 3)
    steps.append([x._version, xz._version])
    x.add_(1)
    steps.append([x._version, xz._version])
    xz.add_(1)
    steps.append([x._version, xz._version])
    r["steps"] = steps
    r["data_version"] = x.data._version
    r["data_shape"] = list(x.shape)
    return r


@case
def test_no_grad_modifies_version():
    x = torch.randn(5, requires_grad=True)
    y = torch.randn(5, requires_grad=True)
    z = (x * y).sum()
    with torch.no_grad():
        x *= 2
    return {"error": err(lambda: z.backward()), "version": x._version}


@case
def test_leaf_assignment():
    x = torch.randn(5, 5)
    y = torch.randn(5, requires_grad=True)
    z = torch.randn(5, requires_grad=True)
    x[0] = y
    x[1] = 2 * z
    r = {"x_requires_grad": x.requires_grad, "x_grad_fn": fn_name(x.grad_fn), "x_is_leaf": x.is_leaf,
         "x_next": next_fns(x.grad_fn, 3)}
    x.sum().backward()
    r["y_grad"] = enc(y.grad)
    r["z_grad"] = enc(z.grad)
    return r


@case
def test_no_grad_assignment():
    x = torch.randn(5, 5, requires_grad=True)
    y = torch.randn(5)
    with torch.no_grad():
        x[0] = y
    return {"x_requires_grad": x.requires_grad, "x_grad_fn_is_none": x.grad_fn is None, "x_row0": enc(x[0].detach()),
            "y": enc(y)}


# ---- formulas at special points, where -------------------------------------------------------------------


@case
def test_pow_zero_tensor_gradient():
    out = {}
    for name, size, exponent in (("vec_tensor", (10,), torch.zeros(10)), ("mat_tensor", (10, 10), torch.zeros(10, 10)),
                                 ("vec_scalar", (10,), 0)):
        inp = torch.zeros(*size, requires_grad=True)
        inp.pow(exponent).sum().backward()
        out[name] = enc(inp.grad)
    return out


def mask_not_all_zeros(shape):
    assert len(shape) > 0
    while True:
        result = torch.randn(shape).gt(0)
        if result.sum() > 0:
            return result


@case
def test_where_functional():
    out = {}
    x = torch.randn(5, 5, dtype=torch.double, requires_grad=True)
    y = torch.randn(5, 5, dtype=torch.double, requires_grad=True)
    cond = mask_not_all_zeros((5, 5))
    for label, (xx, yy) in (("same", (x, y)),
                            ("broadcast", (torch.randn(5, 1, 5, dtype=torch.double, requires_grad=True),
                                           torch.randn(5, 5, 1, dtype=torch.double, requires_grad=True)))):
        res = torch.where(cond, xx, yy)
        go = torch.randn(res.shape, dtype=torch.double, requires_grad=True)
        gx, gy = torch.autograd.grad(res, [xx, yy], go, create_graph=True)
        ggx = torch.randn(gx.shape, dtype=torch.double)
        ggy = torch.randn(gy.shape, dtype=torch.double)
        (ggo,) = torch.autograd.grad([gx, gy], [go], [ggx, ggy])
        out[label] = {"x": enc(xx), "y": enc(yy), "out": enc(res), "go": enc(go), "gx": enc(gx), "gy": enc(gy),
                      "gx_fn": fn_name(gx.grad_fn), "ggx": enc(ggx), "ggy": enc(ggy), "ggo": enc(ggo),
                      "gradcheck": torch.autograd.gradcheck(torch.where, [cond, xx, yy]),
                      "gradgradcheck": torch.autograd.gradgradcheck(torch.where, [cond, xx, yy], [go.detach()])}
    out["cond"] = enc(cond)
    return out


@case
def test_gradcheck_jacobian_mismatch():
    def fn(x):
        y = x.clone()
        y.register_hook(lambda g: g + 1e-2)
        return y

    x = torch.ones(2, 2, requires_grad=True)
    r = {}
    for fast in (False, True):
        r[f"fast_{fast}"] = {
            "error": err(lambda: torch.autograd.gradcheck(fn, (x,), fast_mode=fast)),
            "no_raise": torch.autograd.gradcheck(fn, (x,), raise_exception=False, fast_mode=fast),
        }
    xd = torch.ones(2, 2, dtype=torch.double, requires_grad=True)
    r["double_error"] = err(lambda: torch.autograd.gradcheck(fn, (xd,)))
    return r


@case
def test_min_max_median_backprops_to_all_values():
    out = {}
    for f in (torch.min, torch.max, torch.median, torch.nanmedian):
        x1 = torch.tensor([1., 0., 1., 0., 1., 0.], requires_grad=True)
        x2 = torch.tensor([float("nan"), float("nan"), float("nan")], requires_grad=True)
        for label, x in (("x1", x1), ("x2", x2)):
            y = f(x)
            y.backward()
            out[f"{f.__name__}_{label}"] = {"grad": enc(x.grad), "grad_fn": fn_name(y.grad_fn)}
    return out


# ---- deep graphs ----------------------------------------------------------------------------------------


DEPTH = 100_000


@case
def long_chain():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x
    for _ in range(DEPTH):
        y = y * 1.00001
    y.sum().backward()
    return {"depth": DEPTH, "y": enc(y), "x_grad": enc(x.grad)}


if __name__ == "__main__":
    assert torch.__version__.startswith("1.13"), torch.__version__
    assert math.isfinite(1.0)
    write("autograd_behaviour", {"torch_version": torch.__version__, "cases": cases})
