"""PyTorch side of bench/run.ts's op benchmarks.

Times the same cases, with the same inputs' shapes and dtypes, single-threaded (the ts-torch
backend is single-threaded), and prints one JSON object: case name -> median µs per call.
Usage: ops.py ROUNDS CASE:REPS [CASE:REPS ...]
"""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)

N = 1_000_000
a = torch.rand(N)
b = torch.rand(N)
c = torch.randn(N)
row = torch.rand(1000)
sq = torch.rand(1000, 1000)
sq2 = torch.rand(1000, 1000)
m1 = torch.rand(256, 256)
m2 = torch.rand(256, 256)
tiny_a = torch.rand(1)
tiny_b = torch.rand(1)
tiny_g = torch.rand(1, requires_grad=True)
conv_x = torch.rand(8, 16, 32, 32)
target = torch.randint(0, 1000, (1000,))
conv_w = torch.rand(16, 16, 3, 3)

CASES = {
    'add': lambda: torch.add(a, b),
    'mul': lambda: torch.mul(a, b),
    'exp': lambda: torch.exp(a),
    'sigmoid': lambda: torch.sigmoid(a),
    'add_broadcast': lambda: torch.add(sq, row),
    'add_transposed': lambda: torch.add(sq.t(), sq2),
    'sum': lambda: torch.sum(a),
    'mean': lambda: torch.mean(a),
    'sum_dim': lambda: torch.sum(sq, 1),
    'sum_dim0': lambda: torch.sum(sq, 0),
    'relu': lambda: torch.relu(c),
    'tanh': lambda: torch.tanh(c),
    'log': lambda: torch.log(a),
    'amax': lambda: torch.amax(a),
    'argmax_dim': lambda: torch.argmax(sq, 1),
    'matmul': lambda: torch.matmul(m1, m2),
    'softmax': lambda: F.softmax(sq, 1),
    'cross_entropy': lambda: F.cross_entropy(sq, target),
    'conv2d': lambda: F.conv2d(conv_x, conv_w),
    'tiny_add': lambda: torch.add(tiny_a, tiny_b),
    'tiny_add_grad': lambda: torch.add(tiny_g, tiny_b),
}


def time_case(fn, reps, rounds):
    for _ in range(reps * 2):
        fn()
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - t0) / reps * 1e6)
    return statistics.median(samples)


rounds = int(sys.argv[1])
result = {}
for spec in sys.argv[2:]:
    name, reps = spec.split(':')
    result[name] = time_case(CASES[name], int(reps), rounds)
print(json.dumps(result))
