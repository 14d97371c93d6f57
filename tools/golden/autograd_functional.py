#!/usr/bin/env python3
"""Golden cases for torch.autograd.functional, gradcheck/gradgradcheck and custom autograd
Functions, recorded from PyTorch 1.13 (tests/autograd/functional.test.ts, gradcheck.test.ts and
function.test.ts replay them). Run:
    /usr/bin/python3 tools/golden/autograd_functional.py        (or: npm run golden)

Inputs are stored explicitly; the functions are named here and defined the same way on the TS
side (FUNCS below and in the tests). Every number, repr and message comes from PyTorch.
"""
import io
import os
import sys
import warnings
from contextlib import redirect_stderr

import torch
import torch.nn.functional as F
from torch.autograd import Function
from torch.autograd.functional import hessian, hvp, jacobian, jvp, vhp, vjp
from torch.autograd.function import once_differentiable

sys.path.insert(0, os.path.dirname(__file__))
from common import encode_tensor, write  # noqa: E402

D = torch.float64


def enc(x):
    """Tensors, (nested) tuples of tensors, or None."""
    if x is None:
        return None
    if isinstance(x, torch.Tensor):
        return {
            **encode_tensor(x),
            "repr": repr(x),
            "grad_fn": None if x.grad_fn is None else x.grad_fn.name(),
            "requires_grad": x.requires_grad,
        }
    return [enc(e) for e in x]


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the golden records whatever PyTorch raises
        return {"type": type(e).__name__, "message": str(e)}
    raise AssertionError("expected an error")


# ---- functions shared with the TS tests ----------------------------------------------------------
FUNCS = {
    "exp_reducer": lambda x: x.exp().sum(dim=1),
    "adder": lambda x, y: 2 * x + 3 * y,
    "pow_reducer": lambda x: x.pow(3).sum(),
    "pow_adder_reducer": lambda x, y: (2 * x.pow(2) + 3 * y.pow(2)).sum(),
    "two_outputs": lambda x, y: (x * y, x.exp()),
    "matmul_tanh": lambda x, w: (x @ w).tanh(),
    "softmax0": lambda x: F.softmax(x, dim=0),
    "linear": lambda x: 2 * x,
    "linear_sum": lambda x: (2 * x).sum(),
    "detached": lambda x: x.detach(),
    "ignores_y": lambda x, y: x * 2,
    "mse": lambda x, y: F.mse_loss(x, y),
    "cubic_mix": lambda x, y: (x.pow(3) * y + x * y.pow(2)).sum(),
}

torch.manual_seed(0)
X22 = torch.randn(2, 2, dtype=D)
X3 = torch.randn(3, dtype=D)
Y3 = torch.randn(3, dtype=D)
V3 = torch.randn(3, dtype=D)
V22 = torch.randn(2, 2, dtype=D)
X23 = torch.randn(2, 3, dtype=D)
W32 = torch.randn(3, 2, dtype=D)
V2 = torch.randn(2, dtype=D)
V4 = torch.randn(4, dtype=D)
S1 = torch.randn(1, dtype=D)
TENSORS = {"X22": X22, "X3": X3, "Y3": Y3, "V3": V3, "V22": V22, "X23": X23, "W32": W32, "V2": V2, "V4": V4, "S1": S1}
API = {"jacobian": jacobian, "hessian": hessian, "vjp": vjp, "jvp": jvp, "hvp": hvp, "vhp": vhp}


def arg(spec):
    """"X3" is one tensor; ["X3", "Y3"] a tuple of them."""
    if spec is None:
        return None
    if isinstance(spec, list):
        return tuple(TENSORS[s] for s in spec)
    return TENSORS[spec]


def functional_case(name, api, fn, inputs, v=None, **kw):
    case = {"name": name, "api": api, "fn": fn, "inputs": inputs, "v": v, "kwargs": kw}
    args = [FUNCS[fn], arg(inputs)]
    if api in ("vjp", "jvp", "hvp", "vhp"):
        args.append(arg(v))
    try:
        case["result"] = enc(API[api](*args, **kw))
    except Exception as e:  # noqa: BLE001
        case["error"] = {"type": type(e).__name__, "message": str(e)}
    return case


FUNCTIONAL = [
    functional_case("jacobian_exp_reducer", "jacobian", "exp_reducer", "X22"),
    functional_case("jacobian_exp_reducer_create_graph", "jacobian", "exp_reducer", "X22", create_graph=True),
    functional_case("jacobian_adder", "jacobian", "adder", ["X3", "Y3"]),
    functional_case("jacobian_tuple_single", "jacobian", "softmax0", ["X3"]),
    functional_case("jacobian_two_outputs", "jacobian", "two_outputs", ["X3", "Y3"]),
    functional_case("jacobian_two_outputs_one_input", "jacobian", "exp_reducer", "X23"),
    functional_case("jacobian_matmul_tanh", "jacobian", "matmul_tanh", ["X23", "W32"]),
    functional_case("jacobian_softmax", "jacobian", "softmax0", "X3"),
    functional_case("jacobian_unused_input", "jacobian", "ignores_y", ["X3", "Y3"]),
    functional_case("jacobian_strict_unused", "jacobian", "ignores_y", ["X3", "Y3"], strict=True),
    functional_case("jacobian_strict_detached", "jacobian", "detached", "X3", strict=True),
    functional_case("jacobian_detached", "jacobian", "detached", "X3"),
    functional_case("hessian_pow_reducer", "hessian", "pow_reducer", "X22"),
    functional_case("hessian_pow_reducer_create_graph", "hessian", "pow_reducer", "X22", create_graph=True),
    functional_case("hessian_pow_adder_reducer", "hessian", "pow_adder_reducer", ["X3", "Y3"]),
    functional_case("hessian_cubic_mix", "hessian", "cubic_mix", ["X3", "Y3"]),
    functional_case("hessian_mse", "hessian", "mse", ["X3", "Y3"]),
    functional_case("hessian_linear", "hessian", "linear_sum", "X3"),
    functional_case("hessian_strict_linear", "hessian", "linear_sum", "X3", strict=True),
    functional_case("hessian_not_scalar", "hessian", "linear", "X3"),
    functional_case("vjp_exp_reducer", "vjp", "exp_reducer", "X22", "V2"),
    functional_case("vjp_exp_reducer_create_graph", "vjp", "exp_reducer", "X22", "V2", create_graph=True),
    functional_case("vjp_adder", "vjp", "adder", ["X3", "Y3"], "V3"),
    functional_case("vjp_scalar_no_v", "vjp", "pow_reducer", "X3"),
    functional_case("vjp_no_v_error", "vjp", "exp_reducer", "X22"),
    functional_case("vjp_bad_v_size", "vjp", "exp_reducer", "X22", "V3"),
    functional_case("vjp_bad_v_tuple", "vjp", "two_outputs", ["X3", "Y3"], ["V3"]),
    functional_case("vjp_two_outputs", "vjp", "two_outputs", ["X3", "Y3"], ["V3", "Y3"]),
    functional_case("vjp_strict_unused", "vjp", "ignores_y", ["X3", "Y3"], "V3", strict=True),
    functional_case("vjp_strict_detached", "vjp", "detached", "X3", "V3", strict=True),
    functional_case("jvp_exp_reducer", "jvp", "exp_reducer", "X22", "V22"),
    functional_case("jvp_exp_reducer_create_graph", "jvp", "exp_reducer", "X22", "V22", create_graph=True),
    functional_case("jvp_adder", "jvp", "adder", ["X3", "Y3"], ["V3", "Y3"]),
    functional_case("jvp_two_outputs", "jvp", "two_outputs", ["X3", "Y3"], ["V3", "X3"]),
    functional_case("jvp_bad_v_tuple_len", "jvp", "adder", ["X3", "Y3"], ["V3"]),
    functional_case("jvp_bad_v_single", "jvp", "softmax0", "X3", ["V3", "V3"]),
    functional_case("jvp_no_v_scalar", "jvp", "linear", "S1"),
    functional_case("jvp_strict_linear", "jvp", "linear", "X3", "V3", strict=True),
    functional_case("hvp_pow_reducer", "hvp", "pow_reducer", "X22", "V22"),
    functional_case("hvp_pow_reducer_create_graph", "hvp", "pow_reducer", "X22", "V22", create_graph=True),
    functional_case("hvp_pow_adder_reducer", "hvp", "pow_adder_reducer", ["X3", "Y3"], ["V3", "Y3"]),
    functional_case("hvp_cubic_mix", "hvp", "cubic_mix", ["X3", "Y3"], ["V3", "X3"]),
    functional_case("hvp_not_scalar", "hvp", "linear", "X3", "V3"),
    functional_case("hvp_strict_linear", "hvp", "linear_sum", "X3", "V3", strict=True),
    functional_case("vhp_pow_reducer", "vhp", "pow_reducer", "X22", "V22"),
    functional_case("vhp_pow_reducer_create_graph", "vhp", "pow_reducer", "X22", "V22", create_graph=True),
    functional_case("vhp_cubic_mix", "vhp", "cubic_mix", ["X3", "Y3"], ["V3", "X3"]),
    functional_case("vhp_linear", "vhp", "linear_sum", "X3", "V3"),
    functional_case("vhp_strict_linear", "vhp", "linear_sum", "X3", "V3", strict=True),
]


# ---- custom Functions (the TS tests define the same classes) ----------------------------------------
class BadMul(Function):
    """x * y whose gradient w.r.t. y is twice too large."""

    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        return g * y, g * x * 2


class Cube(Function):
    """x ** 3 whose backward is right but not differentiable in x (detached), so gradgradcheck fails."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.pow(3)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * x.pow(2).detach()


class Constant(Function):
    """A backward that ignores grad_output."""

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones_like(g) * 2


class Flaky(Function):
    """A backward that changes on every call (not reentrant)."""

    calls = 0

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        Flaky.calls += 1
        return g * (2 + Flaky.calls * 1e-3)


def gradcheck_case(name, fn, inputs, gradgrad=False, **kw):
    case = {"name": name, "fn": fn, "inputs": inputs, "gradgrad": gradgrad, "kwargs": kw}
    check = torch.autograd.gradgradcheck if gradgrad else torch.autograd.gradcheck
    torch.manual_seed(0)  # gradgradcheck draws its grad_outputs with torch.rand
    Flaky.calls = 0
    args = tuple(TENSORS[s].clone().requires_grad_() for s in inputs)
    err = io.StringIO()
    with warnings.catch_warnings(record=True) as w, redirect_stderr(err):
        warnings.simplefilter("always")
        try:
            case["result"] = check(GC_FUNCS[fn], args, **kw)
        except Exception as e:  # noqa: BLE001
            case["error"] = {"type": type(e).__name__, "message": str(e)}
    case["warnings"] = [str(x.message) for x in w]
    return case


GC_FUNCS = {
    "bad_mul": lambda x, y: BadMul.apply(x, y),
    "cube": lambda x: Cube.apply(x),
    "constant": lambda x: Constant.apply(x),
    "flaky": lambda x: Flaky.apply(x),
    "detached": lambda x: x.detach(),
    "detached_mul": lambda x: x.detach() * 2,
    "exp_reducer": FUNCS["exp_reducer"],
    "float32_mul": lambda x: x.float() * 2,
}

GRADCHECK = [
    gradcheck_case("bad_mul", "bad_mul", ["X22", "V22"]),
    gradcheck_case("bad_mul_no_raise", "bad_mul", ["X22", "V22"], raise_exception=False),
    gradcheck_case("bad_mul_atol", "bad_mul", ["X3", "Y3"], atol=10.0),
    gradcheck_case("cube_ok", "cube", ["X3"]),
    gradcheck_case("cube_gradgrad", "cube", ["X3"], gradgrad=True),
    gradcheck_case("cube_gradgrad_no_raise", "cube", ["X3"], gradgrad=True, raise_exception=False),
    gradcheck_case("constant", "constant", ["X3"]),
    gradcheck_case("flaky", "flaky", ["X3"]),
    gradcheck_case("flaky_tol", "flaky", ["X3"], nondet_tol=1.0),
    gradcheck_case("no_diff_outputs", "detached", ["X3"]),
    gradcheck_case("no_diff_outputs_mul", "detached_mul", ["X3"]),
    gradcheck_case("exp_reducer_ok", "exp_reducer", ["X22"]),
    gradcheck_case("exp_reducer_gradgrad_ok", "exp_reducer", ["X22"], gradgrad=True),
]


def float32_warning_case():
    x = X3.float().requires_grad_()
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = torch.autograd.gradcheck(lambda a: a * 2, (x,), eps=1e-3, atol=1e-2, rtol=1e-2)
    return {"result": r, "warnings": [str(m.message) for m in w]}


def no_grad_inputs_case():
    return error_of(lambda: torch.autograd.gradcheck(lambda a: a * 2, (X3,)))


def stride0_case():
    x = torch.randn(1, dtype=D).expand(3).requires_grad_()
    return error_of(lambda: torch.autograd.gradcheck(lambda a: a * 2, (x,)))


# ---- custom Function behaviour --------------------------------------------------------------------
def function_cases():
    out = {}
    x = X3.clone().requires_grad_()
    y = Y3.clone().requires_grad_()

    class MulK(Function):
        @staticmethod
        def forward(ctx, a, k, b):
            ctx.save_for_backward(a, b)
            ctx.k = k
            return a * b * k

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            return g * b * ctx.k, None, g * a * ctx.k

    z = MulK.apply(x, 3, y)
    out["mulk"] = {
        "out": enc(z),
        "grad_fn": z.grad_fn.name(),
        "needs_input_grad": list(z.grad_fn.needs_input_grad),
        "next_functions": [None if f is None else f.name() for f, _ in z.grad_fn.next_functions],
    }
    z.sum().backward()
    out["mulk"]["grads"] = [enc(x.grad), enc(y.grad)]
    out["mulk"]["saved_after_backward"] = error_of(lambda: z.grad_fn.saved_tensors)
    out["mulk"]["backward_twice"] = error_of(lambda: z.sum().backward())
    x.grad = None
    y.grad = None
    out["mulk_no_y_grad"] = {"needs_input_grad": list(MulK.apply(x, 3, Y3).grad_fn.needs_input_grad)}
    out["mulk_no_grad"] = {"out": enc(MulK.apply(X3, 3, Y3))}
    with torch.no_grad():
        out["mulk_in_no_grad"] = {"out": enc(MulK.apply(x, 3, y))}

    class TooFew(Function):
        @staticmethod
        def forward(ctx, a, b):
            return a * b

        @staticmethod
        def backward(ctx, g):
            return g

    out["too_few"] = error_of(lambda: TooFew.apply(x, y).sum().backward())

    class TooMany(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2, g

    out["too_many"] = error_of(lambda: TooMany.apply(x).sum().backward())

    class ExtraNone(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2, None, None

    ExtraNone.apply(x).sum().backward()
    out["extra_none"] = {"grad": enc(x.grad)}
    x.grad = None

    class GradForInt(Function):
        @staticmethod
        def forward(ctx, a, k):
            return a * k

        @staticmethod
        def backward(ctx, g):
            return g, g

    out["grad_for_non_tensor"] = error_of(lambda: GradForInt.apply(x, 2).sum().backward())

    class ReturnsInt(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return 1

    out["returns_int"] = error_of(lambda: ReturnsInt.apply(x).sum().backward())

    class WrongShape(Function):
        @staticmethod
        def forward(ctx, a):
            return a.sum()

        @staticmethod
        def backward(ctx, g):
            return g.expand(2)

    out["wrong_shape"] = error_of(lambda: WrongShape.apply(x).backward())

    class Square(Function):
        @staticmethod
        def forward(ctx, a):
            r = a * a
            ctx.save_for_backward(a, r)
            return r

        @staticmethod
        def backward(ctx, g):
            a, r = ctx.saved_tensors
            return g * 2 * a

    def modified_input():
        a = x.clone()
        s = Square.apply(a)
        with torch.no_grad():
            a.add_(1)
        s.sum().backward()

    def modified_output():
        s = Square.apply(x)
        with torch.no_grad():
            s.mul_(2)
        s.sum().backward()

    out["modified_input"] = error_of(modified_input)
    out["modified_output"] = error_of(modified_output)

    class SaveInt(Function):
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a, 3)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    out["save_non_tensor"] = error_of(lambda: SaveInt.apply(x))

    class AddOneInplace(Function):
        @staticmethod
        def forward(ctx, a):
            a.add_(1)
            ctx.mark_dirty(a)
            return a

        @staticmethod
        def backward(ctx, g):
            return g

    a = x.clone()
    v0 = a._version
    r = AddOneInplace.apply(a)
    out["mark_dirty"] = {
        "same_object": r is a,
        "grad_fn": r.grad_fn.name(),
        "version_delta": a._version - v0,
        "out": enc(r),
    }
    (r * r).sum().backward()
    out["mark_dirty"]["grad"] = enc(x.grad)
    x.grad = None
    out["mark_dirty_leaf"] = error_of(lambda: AddOneInplace.apply(X3.clone().requires_grad_()))

    class DirtyNotReturned(Function):
        @staticmethod
        def forward(ctx, a):
            a.add_(1)
            ctx.mark_dirty(a)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    out["dirty_not_returned"] = error_of(lambda: DirtyNotReturned.apply(x.clone()))

    class Identity(Function):
        @staticmethod
        def forward(ctx, a):
            return a

        @staticmethod
        def backward(ctx, g):
            return g * 3

    r = Identity.apply(x)
    out["identity"] = {"same_object": r is x, "is_view": r._is_view(), "grad_fn": r.grad_fn.name(), "is_leaf": r.is_leaf}
    r.sum().backward()
    out["identity"]["grad"] = enc(x.grad)
    x.grad = None
    r = Identity.apply(X3)
    out["identity_no_grad"] = {"same_object": r is X3, "requires_grad": r.requires_grad}

    class SortLike(Function):
        @staticmethod
        def forward(ctx, a):
            b = a * 2
            idx = (a > 0).to(torch.int64)
            m = a + 1
            ctx.mark_non_differentiable(m)
            return b, idx, m

        @staticmethod
        def backward(ctx, gb, gidx, gm):
            ctx.seen = [None if g is None else enc(g) for g in (gb, gidx, gm)]
            return gb * 2

    b, idx, m = SortLike.apply(x)
    node = b.grad_fn
    out["non_differentiable"] = {
        "requires_grad": [b.requires_grad, idx.requires_grad, m.requires_grad],
        "grad_fn": [None if t.grad_fn is None else t.grad_fn.name() for t in (b, idx, m)],
    }
    b.sum().backward()
    out["non_differentiable"]["seen"] = node.seen
    out["non_differentiable"]["grad"] = enc(x.grad)
    x.grad = None

    class TwoOut(Function):
        @staticmethod
        def forward(ctx, a):
            ctx.set_materialize_grads(False)
            return a * 2, a * 3

        @staticmethod
        def backward(ctx, g1, g2):
            ctx.seen = [g1 is None, g2 is None]
            r = torch.zeros_like(g1 if g1 is not None else g2)
            if g1 is not None:
                r = r + g1 * 2
            if g2 is not None:
                r = r + g2 * 3
            return r

    p, q = TwoOut.apply(x)
    node = p.grad_fn
    q.sum().backward()
    out["no_materialize"] = {"seen": node.seen, "grad": enc(x.grad)}
    x.grad = None

    class TwoOutMaterialized(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2, a * 3

        @staticmethod
        def backward(ctx, g1, g2):
            ctx.seen = [enc(g1), enc(g2)]
            return g1 * 2 + g2 * 3

    p, q = TwoOutMaterialized.apply(x)
    node = p.grad_fn
    q.sum().backward()
    out["materialize"] = {"seen": node.seen, "grad": enc(x.grad)}
    x.grad = None

    class WithNonTensorOut(Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2, 7

        @staticmethod
        def backward(ctx, g, gk):
            ctx.seen = gk is None
            return g * 2

    p, k = WithNonTensorOut.apply(x)
    node = p.grad_fn
    p.sum().backward()
    out["non_tensor_output"] = {"k": k, "seen_none": node.seen, "grad": enc(x.grad)}
    x.grad = None

    class Exp(Function):
        @staticmethod
        def forward(ctx, a):
            r = a.exp()
            ctx.save_for_backward(r)
            return r

        @staticmethod
        def backward(ctx, g):
            (r,) = ctx.saved_tensors
            return g * r

    e = Exp.apply(x)
    (gx,) = torch.autograd.grad(e.sum(), x, create_graph=True)
    (ggx,) = torch.autograd.grad(gx.sum(), x)
    out["double_backward"] = {"gx": enc(gx), "ggx": enc(ggx)}

    class OnceExp(Exp):
        """Exp, its backward marked @once_differentiable."""
        backward = staticmethod(once_differentiable(Exp.backward))

    e = OnceExp.apply(x)
    (gx,) = torch.autograd.grad(e.sum(), x, create_graph=True)
    out["once_differentiable"] = {
        "gx": enc(gx),
        "error": error_of(lambda: torch.autograd.grad(gx.sum(), x)),
    }
    e = OnceExp.apply(x)
    (gx,) = torch.autograd.grad(e.sum(), x)
    out["once_differentiable_plain"] = {"gx": enc(gx)}
    # A grad_output that requires grad: the result gets the node that refuses a second backward.
    e = OnceExp.apply(x)
    go = Y3.clone().requires_grad_()
    (gx,) = torch.autograd.grad(e, x, go, create_graph=True)
    out["once_differentiable_delayed"] = {
        "gx": enc(gx),
        "error": error_of(lambda: torch.autograd.grad(gx.sum(), x)),
    }
    return out


def main():
    data = {
        "tensors": {k: encode_tensor(v) for k, v in TENSORS.items()},
        "functional": FUNCTIONAL,
        "gradcheck": GRADCHECK,
        "gradcheck_float32": float32_warning_case(),
        "gradcheck_no_grad_inputs": no_grad_inputs_case(),
        "gradcheck_stride0": stride0_case(),
        "function": function_cases(),
    }
    write("autograd_functional", data)


if __name__ == "__main__":
    main()
