"""index_put_ / index_put with a values tensor of another dtype: PyTorch's error, self untouched."""
import torch

from common import write

sources = {"float64": torch.tensor([1.0], dtype=torch.float64), "int64": torch.tensor([1]),
           "float64_0dim": torch.tensor(1.0, dtype=torch.float64), "bool": torch.tensor([True]),
           "int32": torch.tensor([1], dtype=torch.int32)}
cases = {}
for name, v in sources.items():
    for fn in ("index_put_", "index_put"):
        x = torch.zeros(3)
        try:
            getattr(x, fn)((torch.tensor([0]),), v)
            cases[f"{fn}/{name}"] = {"result": repr(x)}
        except RuntimeError as e:
            cases[f"{fn}/{name}"] = {"error": type(e).__name__, "message": str(e), "self_after": repr(x)}
write("index_put_dtypes", {"torch_version": torch.__version__, "cases": cases})
