"""nn.Parameter: repr, leaf state, storage sharing and errors, from PyTorch."""
import torch

from common import write

cases = {}
p = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
cases["default"] = {"repr": repr(p), "is_leaf": p.is_leaf, "requires_grad": p.requires_grad}
p = torch.nn.Parameter(torch.tensor([1.0, 2.0]), requires_grad=False)
cases["no_grad"] = {"repr": repr(p), "is_leaf": p.is_leaf, "requires_grad": p.requires_grad}
p = torch.nn.Parameter()
cases["empty"] = {"repr": repr(p), "is_leaf": p.is_leaf, "requires_grad": p.requires_grad}
q = torch.tensor([1.0, 2.0])
p = torch.nn.Parameter(q)
p.data.mul_(2)
cases["shares_storage"] = {"source_after_mul": repr(q)}
p = torch.nn.Parameter(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
cases["grad_fn_of_use"] = {"repr": repr(p * 2)}
try:
    torch.nn.Parameter(torch.tensor([1, 2]))
except RuntimeError as e:
    cases["int_error"] = {"error": type(e).__name__, "message": str(e)}
write("nn_parameter", {"torch_version": torch.__version__, "cases": cases})
