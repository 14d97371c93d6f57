// Median times of softmax / log_softmax (1000×1000 float32, dim 1 and dim 0) and cross_entropy
// (1000×1000 logits, 1000 targets), with the native kernels on and off:
//   node --conditions=development --import tsx tools/native/bench_softmax.ts
// PyTorch for reference (single thread): /usr/bin/python3 tools/native/bench_softmax.py
import * as torch from '../../src/index.ts';
import { useNativeKernels } from '../../src/backends/native/index.ts';

const F = torch.nn.functional;
torch.manual_seed(0);
const x = torch.randn(1000, 1000).mul(3);
const target = torch.randint(0, 1000, [1000]);

function median(f: () => unknown, reps = 31): string {
  for (let i = 0; i < 3; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const a = performance.now();
    f();
    ts.push(performance.now() - a);
  }
  ts.sort((a, b) => a - b);
  return `${(ts[reps >> 1] as number).toFixed(2)} ms`;
}

for (const on of [true, false]) {
  useNativeKernels(on);
  console.log(on ? 'native' : 'TypeScript');
  console.log(`  softmax dim 1      ${median(() => F.softmax(x, 1))}`);
  console.log(`  log_softmax dim 1  ${median(() => F.log_softmax(x, 1))}`);
  console.log(`  softmax dim 0      ${median(() => F.softmax(x, 0))}`);
  console.log(`  log_softmax dim 0  ${median(() => F.log_softmax(x, 0))}`);
  console.log(`  cross_entropy      ${median(() => F.cross_entropy(x, target))}`);
}
useNativeKernels(true);
