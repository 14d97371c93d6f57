// The random API as users reach it: `torch.*` from the package root and the Tensor methods
// uniform_ / normal_ / random_ / exponential_ (dispatched through the op table). Expected
// values come from tests/golden/random.json (tools/golden/rng.py, PyTorch 1.13).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as torch from '../../src/index.ts';

interface GoldenStep {
  op: string;
  args?: unknown[];
  target?: { shape: number[]; dtype?: string; view?: string };
  out?: { tensor?: { values: number[] } };
}
const golden = JSON.parse(readFileSync(new URL('../golden/random.json', import.meta.url), 'utf8')) as {
  cases: { name: string; steps: GoldenStep[] }[];
};
const byName = new Map(golden.cases.map((c) => [c.name, c.steps]));
function goldenValues(name: string, step: number): number[] {
  const v = byName.get(name)?.[step]?.out?.tensor?.values;
  assert.ok(v, `golden ${name} step ${step}`);
  return v;
}

test('torch.manual_seed(0); torch.rand(6) matches PyTorch', () => {
  torch.manual_seed(0);
  assert.deepEqual(torch.rand(6).tolist(), goldenValues('seed0_rand6', 1));
});

test('Tensor.uniform_ / normal_ / exponential_ / random_ methods replay the goldens', () => {
  const cases: [string, (t: torch.Tensor) => torch.Tensor][] = [
    ['uniform_[-2.5, 3.7]_float32_t0', (t) => t.uniform_(-2.5, 3.7)],
    ['normal_[0.3, 2.7]_float64_t1', (t) => t.normal_(0.3, 2.7)],
    ['exponential_[2.5]_float32_t0', (t) => t.exponential_(2.5)],
    ['random_[-7, 9]_float32_t1', (t) => t.random_(-7, 9)],
    ['random_[10]_float64_t0', (t) => t.random_(10)],
    ['random_[]_float32_t0', (t) => t.random_()],
  ];
  for (const [name, call] of cases) {
    const steps = byName.get(name);
    assert.ok(steps, name);
    const seedStep = steps[0] as GoldenStep & { seed: string };
    const target = steps[1]?.target as { shape: number[]; dtype?: string };
    torch.manual_seed(BigInt(seedStep.seed));
    const t = torch.zeros(target.shape, { dtype: target.dtype === 'float64' ? torch.float64 : torch.float32 });
    assert.equal(call(t), t, `${name}: returns this`);
    assert.deepEqual((t.flatten().tolist() as number[]), goldenValues(name, 1), name);
  }
});

test('in-place samplers on a non-leaf record a grad_fn whose gradient is zero', () => {
  const x = torch.rand(3, { requires_grad: true });
  const y = x.mul(2);
  y.uniform_();
  assert.equal(y.grad_fn?.name(), 'UniformBackward0');
  y.sum().backward();
  assert.deepEqual(x.grad?.tolist(), [0, 0, 0]);
});

test('in-place samplers refuse a leaf that requires grad', () => {
  const x = torch.rand(3, { requires_grad: true });
  assert.throws(() => x.normal_(), { name: 'RuntimeError', message: 'a leaf Variable that requires grad is being used in an in-place operation.' });
  torch.no_grad(() => x.normal_());
});

test('torch.Generator objects are passed as { generator }', () => {
  const g = new torch.Generator().manual_seed(1234);
  torch.manual_seed(1234);
  const a = torch.randn(5).tolist();
  assert.deepEqual(torch.randn(5, { generator: g }).tolist(), a);
  assert.equal(g.initial_seed(), 1234);
  assert.equal(torch.initial_seed(), 1234);
});
