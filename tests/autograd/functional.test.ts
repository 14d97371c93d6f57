// torch.autograd.functional against PyTorch 1.13: every case of tests/golden/autograd_functional.json
// ("functional"), written by tools/golden/autograd_functional.py. The functions below are the
// same as FUNCS there; inputs, results, reprs, grad_fn names and error texts are PyTorch's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { float32, float64, int64, type dtype } from '../../src/tensor/dtype.ts';

const F = torch.nn.functional;
const AF = torch.autograd.functional;

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
  repr?: string;
  grad_fn?: string | null;
  requires_grad?: boolean;
}
type GoldenNested = GoldenTensor | GoldenNested[];
type Spec = string | string[] | null;
interface FunctionalCase {
  name: string;
  api: 'jacobian' | 'hessian' | 'vjp' | 'jvp' | 'hvp' | 'vhp';
  fn: string;
  inputs: Spec;
  v: Spec;
  kwargs: { create_graph?: boolean; strict?: boolean };
  result?: GoldenNested;
  error?: { type: string; message: string };
}
interface Golden {
  tensors: Record<string, GoldenTensor>;
  functional: FunctionalCase[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/autograd_functional.json', import.meta.url), 'utf8')) as Golden;

const DTYPES: Record<string, dtype> = { float32, float64, int64 };

function decode(v: number | string | boolean): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

function fromGolden(g: GoldenTensor): Tensor {
  const dt = DTYPES[g.dtype] as dtype;
  return Tensor._fromData(dt.ArrayType.from(g.values.map(decode)), g.shape.slice(), dt);
}

/** assert_close for float64 (rtol 1e-7, atol 1e-7), plus the exact repr and autograd state. */
function assertTensor(actual: unknown, g: GoldenTensor, where: string): void {
  assert.ok(actual instanceof Tensor, `${where}: expected a tensor, got ${String(actual)}`);
  assert.equal(actual.dtype.name, g.dtype, `${where}: dtype`);
  assert.deepEqual([...actual.shape], g.shape, `${where}: shape`);
  const got = (actual.detach().reshape(-1).tolist() as number[]).map(Number);
  g.values.map(decode).forEach((e, i) => {
    const a = got[i] as number;
    const ok = Object.is(a, e) || Math.abs(a - e) <= 1e-7 + 1e-7 * Math.abs(e);
    assert.ok(ok, `${where}: value ${i}: ${a} vs ${e}`);
  });
  if (g.grad_fn !== undefined) assert.equal(actual.grad_fn?.name() ?? null, g.grad_fn, `${where}: grad_fn`);
  if (g.requires_grad !== undefined) assert.equal(actual.requires_grad, g.requires_grad, `${where}: requires_grad`);
  if (g.repr !== undefined) assert.equal(String(actual), g.repr, `${where}: repr`);
}

function assertNested(actual: unknown, g: GoldenNested, where: string): void {
  if (Array.isArray(g)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array (a Python tuple)`);
    assert.equal(actual.length, g.length, `${where}: length`);
    g.forEach((e, i) => assertNested((actual as unknown[])[i], e, `${where}[${i}]`));
  } else {
    assertTensor(actual, g, where);
  }
}

type Fn = (...xs: Tensor[]) => Tensor | Tensor[];
const FUNCS: Record<string, Fn> = {
  exp_reducer: (x) => x.exp().sum(1),
  adder: (x, y) => torch.mul(2, x).add(torch.mul(3, y as Tensor)),
  pow_reducer: (x) => x.pow(3).sum(),
  pow_adder_reducer: (x, y) => torch.mul(2, x.pow(2)).add(torch.mul(3, (y as Tensor).pow(2))).sum(),
  two_outputs: (x, y) => [x.mul(y as Tensor), x.exp()],
  matmul_tanh: (x, w) => x.matmul(w as Tensor).tanh(),
  softmax0: (x) => F.softmax(x, { dim: 0 }),
  linear: (x) => torch.mul(2, x),
  linear_sum: (x) => torch.mul(2, x).sum(),
  detached: (x) => x.detach(),
  ignores_y: (x) => x.mul(2),
  mse: (x, y) => F.mse_loss(x, y as Tensor),
  cubic_mix: (x, y) => x.pow(3).mul(y as Tensor).add(x.mul((y as Tensor).pow(2))).sum(),
};

function arg(spec: Spec): Tensor | Tensor[] | null {
  if (spec === null) return null;
  const one = (s: string): Tensor => fromGolden(golden.tensors[s] as GoldenTensor);
  return Array.isArray(spec) ? spec.map(one) : one(spec);
}

function run(c: FunctionalCase): unknown {
  const fn = FUNCS[c.fn] as Fn;
  const inputs = arg(c.inputs) as Tensor | Tensor[];
  switch (c.api) {
    case 'jacobian':
      return AF.jacobian(fn, inputs, c.kwargs);
    case 'hessian':
      return AF.hessian(fn, inputs, c.kwargs);
    case 'vjp':
      return AF.vjp(fn, inputs, arg(c.v), c.kwargs);
    case 'jvp':
      return AF.jvp(fn, inputs, arg(c.v), c.kwargs);
    case 'hvp':
      return AF.hvp(fn, inputs, arg(c.v), c.kwargs);
    case 'vhp':
      return AF.vhp(fn, inputs, arg(c.v), c.kwargs);
  }
}

describe('torch.autograd.functional (PyTorch goldens)', () => {
  for (const c of golden.functional) {
    test(c.name, () => {
      if (c.error) {
        assert.throws(
          () => run(c),
          (e: unknown) => {
            assert.ok(e instanceof Error);
            assert.equal(`${e.name}: ${e.message}`, `${c.error?.type}: ${c.error?.message}`);
            return true;
          },
        );
        return;
      }
      assertNested(run(c), c.result as GoldenNested, c.name);
    });
  }
});

describe('torch.autograd.functional arguments', () => {
  const x = (): Tensor => fromGolden(golden.tensors['X3'] as GoldenTensor);
  const f = (a: Tensor): Tensor => a.pow(3).sum();

  test('positional create_graph and strict are the same as the options object', () => {
    const a = AF.jacobian(f, x(), true) as Tensor;
    const b = AF.jacobian(f, x(), { create_graph: true }) as Tensor;
    assert.equal(a.grad_fn?.name(), b.grad_fn?.name());
    assert.deepEqual(a.tolist(), b.tolist());
    const [, va] = AF.vjp(f, x(), null, true, false);
    const [, vb] = AF.vjp(f, x(), { create_graph: true, strict: false });
    assert.equal((va as Tensor).requires_grad, (vb as Tensor).requires_grad);
  });

  test('result types follow the structure of inputs and outputs', () => {
    const two = (a: Tensor, b: Tensor): Tensor => a.mul(b).sum();
    const j: Tensor = AF.jacobian((a: Tensor) => a.exp(), x());
    const jt: Tensor[][] = AF.jacobian((a: Tensor, b: Tensor) => [a.mul(b), a.exp()], [x(), x()]);
    const h: Tensor[][] = AF.hessian(two, [x(), x()]);
    const [out, v]: [Tensor, Tensor[]] = AF.vjp(two, [x(), x()]);
    assert.deepEqual([...j.shape], [3, 3]);
    assert.equal(jt.length, 2);
    assert.equal((jt[1] as Tensor[]).length, 2);
    assert.deepEqual([...((h[0] as Tensor[])[1] as Tensor).shape], [3, 3]);
    assert.equal(out.numel(), 1);
    assert.equal(v.length, 2);
  });

  test('results are cut from the graph without create_graph, as PyTorch does', () => {
    const inp = x().requires_grad_();
    const [out, g] = AF.vjp(f, inp);
    assert.equal((out as Tensor).requires_grad, false);
    assert.equal((g as Tensor).requires_grad, false);
    assert.equal(inp.grad, null);
  });

  test('a non-tensor input is a TypeError with the Python type', () => {
    assert.throws(
      () => AF.jacobian(f, [x(), 3] as unknown as Tensor[]),
      { name: 'TypeError', message: "The inputs given to jacobian must be either a Tensor or a tuple of Tensors but the value at index 1 has type <class 'int'>." },
    );
  });

  test('vectorize and forward-mode are refused (no vmap / forward AD)', () => {
    assert.throws(() => AF.jacobian(f, x(), { vectorize: true }), { name: 'NotImplementedError' });
    assert.throws(() => AF.jacobian(f, x(), { strategy: 'forward-mode' }), {
      name: 'NotImplementedError',
      message: 'Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for `vectorize=True`.',
    });
  });
});
