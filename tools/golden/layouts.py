"""Memory layouts (strides) PyTorch gives results: TensorIterator outputs of elementwise ops,
clone/contiguous/reshape, and a leaf's first .grad (clone_obey_contract)."""
import torch

from common import write

x = torch.arange(12.0).reshape(3, 4)
y = torch.arange(24.0).reshape(2, 3, 4)


def leaf_grad(make):
    leaf = make().requires_grad_()
    (leaf * 2).sum().backward()
    return leaf.grad


cases = {
    "t_add_scalar": (x.t() + 1),
    "t_add_t": (x.t() + x.t()),
    "t_add_contiguous": (x.t() + torch.ones(4, 3)),
    "contiguous_add_t": (torch.ones(4, 3) + x.t()),
    "t_exp": x.t().exp(),
    "strided_exp": x[:, ::2].exp(),
    "permuted_sigmoid": y.permute(2, 0, 1).sigmoid(),
    "permuted_add_broadcast": (y.permute(2, 0, 1) + torch.ones(3)),
    "t_add_broadcast_row": (x.t() + torch.ones(3)),
    "t_gt": (x.t() > 2),
    "t_clone": x.t().clone(),
    "strided_clone": x[:, ::2].clone(),
    "t_clone_contiguous": x.t().clone(memory_format=torch.contiguous_format),
    "t_contiguous": x.t().contiguous(),
    "t_reshape": x.t().reshape(12),
    "grad_of_t_leaf": leaf_grad(lambda: torch.rand(4, 3).t()),
    "grad_of_strided_leaf": leaf_grad(lambda: torch.rand(4, 3)[:, ::2]),
}
write("layouts", {"torch_version": torch.__version__, "cases": {k: {"stride": list(v.stride()), "is_contiguous": v.is_contiguous()} for k, v in cases.items()}})
