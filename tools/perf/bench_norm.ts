// Times the moment / normalisation reductions (median of N runs, ms).
// Usage: node --conditions=development --import tsx tools/perf/bench_norm.ts [filter]
import * as torch from '../../src/index.ts';
import * as F from '../../src/nn/functional.ts';

const filter = process.argv[2] ?? '';
function med(f: () => unknown, n = 15): number {
  for (let i = 0; i < 3; i++) f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(n / 2)] as number;
}
torch.manual_seed(0);
const x = torch.randn([1000, 1000]);
const xg = torch.randn([1000, 1000]).requires_grad_();
const x4 = torch.randn([64, 256, 8, 8]);
const x4g = torch.randn([64, 256, 8, 8]).requires_grad_();
const w = torch.randn([1000]).requires_grad_();
const b = torch.randn([1000]).requires_grad_();
const w256 = torch.randn([256]).requires_grad_();
const b256 = torch.randn([256]).requires_grad_();
const rm = torch.zeros([256]);
const rv = torch.ones([256]);
const cases: [string, () => unknown][] = [
  ['var(x,1)', () => torch.var(x, 1)],
  ['var(x,0)', () => torch.var(x, 0)],
  ['var(x)', () => torch.var(x)],
  ['std(x,1)', () => torch.std(x, 1)],
  ['var_mean(x,1)', () => torch.var_mean(x, 1)],
  ['std_mean(x,1)', () => torch.std_mean(x, 1)],
  ['var(x,1) bwd', () => torch.var(xg, 1).sum().backward()],
  ['std(x,1) bwd', () => torch.std(xg, 1).sum().backward()],
  ['layer_norm', () => F.layer_norm(x, [1000])],
  ['layer_norm w,b', () => torch.no_grad(() => F.layer_norm(x, [1000], w, b))],
  ['layer_norm bwd', () => F.layer_norm(xg, [1000], w, b).sum().backward()],
  ['batch_norm train', () => F.batch_norm(x4, rm, rv, null, null, true)],
  ['batch_norm eval', () => F.batch_norm(x4, rm, rv, null, null, false)],
  ['batch_norm train bwd', () => F.batch_norm(x4g, null, null, w256, b256, true).sum().backward()],
  ['batch_norm eval bwd', () => F.batch_norm(x4g, rm, rv, w256, b256, false).sum().backward()],
  ['group_norm', () => F.group_norm(x4, 32)],
  ['group_norm bwd', () => F.group_norm(x4g, 32, w256, b256).sum().backward()],
  ['normalize', () => F.normalize(x)],
  ['normalize bwd', () => F.normalize(xg).sum().backward()],
  ['norm(x)', () => torch.norm(x)],
  ['norm(x,2,1)', () => torch.norm(x, 2, 1)],
  ['vector_norm(x,3,1)', () => torch.linalg.vector_norm(x, 3, 1)],
  ['norm bwd', () => torch.norm(xg, 2, 1).sum().backward()],
];
for (const [name, f] of cases) {
  if (!name.includes(filter)) continue;
  console.log(`${name.padEnd(24)} ${med(f, 9).toFixed(2)} ms`);
}
