"""masked_fill with masks that are not bool: PyTorch 1.13's CPU kernel reads each mask element's
lowest byte (so float masks of 1.0 fill nothing) and rejects bytes other than 0 and 1."""
import torch

from common import write

masks = {
    "float32_ones": torch.tensor([1.0, 0.0, 1.0]),
    "float32_denormal": torch.tensor([1e-45, 0.0, 0.0]),
    "float64_ones": torch.tensor([1.0, 0.0, 1.0], dtype=torch.float64),
    "int64_01": torch.tensor([1, 0, 1]),
    "int64_256": torch.tensor([256, 0, 1]),
    "int64_two": torch.tensor([1, 0, 2]),
    "int32_negative": torch.tensor([1, -1, 0], dtype=torch.int32),
    "uint8_01": torch.tensor([1, 0, 1], dtype=torch.uint8),
    "bool": torch.tensor([True, False, True]),
}
cases = {}
for name, m in masks.items():
    for inplace in (False, True):
        x = torch.zeros(3)
        key = f"{name}/{'inplace' if inplace else 'out'}"
        try:
            r = x.masked_fill_(m, 5) if inplace else x.masked_fill(m, 5)
            cases[key] = {"result": repr(r), "self_after": repr(x)}
        except RuntimeError as e:
            cases[key] = {"error": type(e).__name__, "message": str(e), "self_after": repr(x)}
write("masked_fill_masks", {"torch_version": torch.__version__, "cases": cases})
