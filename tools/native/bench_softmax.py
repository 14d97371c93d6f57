# PyTorch reference for tools/native/bench_softmax.ts (median ms, one thread).
import time
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
x = torch.randn(1000, 1000) * 3
target = torch.randint(0, 1000, (1000,))


def median(f, reps=31):
    for _ in range(3):
        f()
    ts = []
    for _ in range(reps):
        a = time.perf_counter()
        f()
        ts.append((time.perf_counter() - a) * 1e3)
    ts.sort()
    return f"{ts[reps // 2]:.2f} ms"


print(f"PyTorch {torch.__version__}")
print(f"  softmax dim 1      {median(lambda: F.softmax(x, 1))}")
print(f"  log_softmax dim 1  {median(lambda: F.log_softmax(x, 1))}")
print(f"  softmax dim 0      {median(lambda: F.softmax(x, 0))}")
print(f"  log_softmax dim 0  {median(lambda: F.log_softmax(x, 0))}")
print(f"  cross_entropy      {median(lambda: F.cross_entropy(x, target))}")
