"""Views returned by multi-view functions (split, chunk, unbind) changed in place: PyTorch's
CreationMeta::MULTI_OUTPUT_NODE errors, recorded per scenario."""
import torch

from common import write


def run(build):
    try:
        return {"result": build()}
    except RuntimeError as e:
        return {"error": type(e).__name__, "message": str(e)}


def base():
    a = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    return a * 1


def base_modified_then_read(split):
    b = base()
    v = split(b)[0]
    b.mul_(2)
    return v.grad_fn.name()


def no_grad_inplace_then_read(split):
    b = base()
    v = split(b)[0]
    with torch.no_grad():
        v.mul_(2)
    return v.grad_fn.name()


def without_grad():
    c = torch.tensor([1.0, 2.0, 3.0, 4.0])
    v = c.unbind(0)[0]
    v.mul_(2)
    return repr(c)


splits = {
    "unbind": lambda t: t.unbind(0),
    "split": lambda t: t.split(2),
    "split_sizes": lambda t: t.split([1, 3]),
    "chunk_second": lambda t: t.chunk(2)[1:],
}
cases = {}
for name, split in splits.items():
    cases[f"{name}/inplace"] = run(lambda: repr(split(base())[0].mul_(2)))
    cases[f"{name}/base_modified_then_read"] = run(lambda: base_modified_then_read(split))
    cases[f"{name}/no_grad_inplace_then_read"] = run(lambda: no_grad_inplace_then_read(split))
cases["without_grad"] = run(without_grad)
write("autograd_multi_view", {"torch_version": torch.__version__, "cases": cases})
