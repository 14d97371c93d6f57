// Benchmarks against PyTorch in the same run (npm run bench). The machine is noisy: we report
// medians over rounds and the ratio to PyTorch, never single timings.
import * as torch from 'ts-torch';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const F = torch.nn.functional;
const here = path.dirname(fileURLToPath(import.meta.url));

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median µs per call of `fn` over `rounds` rounds of `reps` calls, after a warm-up. */
function timeIt(fn: () => unknown, reps: number, rounds: number): number {
  for (let i = 0; i < reps * 2; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / reps);
  }
  return median(samples);
}

function pytorch(script: string, args: string[]): number | null {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) return null;
  const r = spawnSync(py, [path.join(here, script), ...args], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const v = Number(r.stdout.trim().split('\n').pop());
  return Number.isFinite(v) ? v : null;
}

function report(name: string, ours: number, theirs: number | null, boundUs?: number): void {
  const ratio = theirs === null ? 'PyTorch not installed' : `${(ours / theirs).toFixed(2)}× PyTorch (${theirs.toFixed(2)} µs)`;
  const bound = boundUs === undefined ? '' : ours <= boundUs ? `  [meets ≤ ${boundUs} µs]` : `  [MISSES ≤ ${boundUs} µs]`;
  console.log(`${name}: ts-torch ${ours.toFixed(2)} µs  ${ratio}${bound}`);
}

// The seed's perceptron step (issue: at most 10 µs; PyTorch eager ≈ 23 µs here).
torch.manual_seed(0);
const x = torch.randn(1, 10);
const w = torch.randn(1, 10, { requires_grad: true });
const one = torch.ones(1, 1);
const step = () => torch.autograd.grad(F.mse_loss(torch.sigmoid(x.matmul(w.t())), one), w);
const reps = 2000;
const rounds = 15;
const ours = timeIt(step, reps, rounds);
const theirs = pytorch('perceptron.py', [String(reps), String(rounds)]);
report('perceptron step (grad of mse(sigmoid(x @ w.t())))', ours, theirs, 10);
