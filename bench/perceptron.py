"""PyTorch side of bench/run.ts: times the seed's perceptron step, prints median µs per step."""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
x = torch.randn(1, 10)
w = torch.randn(1, 10, requires_grad=True)
one = torch.ones(1, 1)
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15


def step():
    return torch.autograd.grad(F.mse_loss(torch.sigmoid(x.matmul(w.t())), one), w)


for _ in range(reps):
    step()
samples = []
for _ in range(rounds):
    t0 = time.perf_counter()
    for _ in range(reps):
        step()
    samples.append((time.perf_counter() - t0) / reps * 1e6)
print(statistics.median(samples))
