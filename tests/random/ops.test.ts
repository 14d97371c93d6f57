// Replays tests/golden/random_ops.json (written by tools/golden/random_ops.py from PyTorch 1.13):
// bernoulli, bernoulli_, multinomial, normal and poisson after manual_seed (or with a seeded
// torch.Generator), then rand(3) and randn(1) from the same generator, which checks how many
// values the op drew and the Box-Muller sample it left cached.
// Draws that are integers (bernoulli, multinomial, poisson) and the follow-up rand(3) must match
// bit for bit. normal's values go through log/sin/cos, where PyTorch's float32 16-block fill and
// glibc may differ from ts-torch by an ulp (porting rule 12): they are compared to 1e-5 and the
// exact ones are counted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/index.ts';
import { bool, float32, float64, int32, int64, uint8, type dtype } from '../../src/tensor/dtype.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | boolean | string)[];
}
interface InputSpec extends GoldenTensor {
  requires_grad: boolean;
  layout?: 't';
}
interface Case {
  name: string;
  seed: number;
  op: string;
  method: boolean;
  gen: boolean;
  inputs: InputSpec[];
  args: unknown[];
  kw: Record<string, unknown>;
  error?: { type: string; message: string };
  output?: GoldenTensor;
  grad_fn?: string | null;
  requires_grad?: boolean;
  grads?: Record<string, GoldenTensor | null>;
  after_rand?: GoldenTensor;
  after_randn?: GoldenTensor;
}

const golden = JSON.parse(readFileSync(new URL('../golden/random_ops.json', import.meta.url), 'utf8')) as { cases: Case[] };
const DTYPES: Record<string, dtype> = { float32, float64, int64, int32, uint8, bool };

function decodeNumber(v: number | boolean | string): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

function makeInput(spec: InputSpec): Tensor {
  const dt = DTYPES[spec.dtype] as dtype;
  const data = new dt.ArrayType(spec.values.length);
  spec.values.forEach((v, i) => (data[i] = decodeNumber(v)));
  let x = Tensor._fromData(data, spec.shape.slice(), dt);
  if (spec.layout === 't') x = x.transpose(-1, -2).contiguous().transpose(-1, -2);
  if (spec.requires_grad) x.requires_grad_();
  return x;
}

function decodeArg(a: unknown, inputs: Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((v) => decodeArg(v, inputs));
  if (a !== null && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('t' in o) return inputs[o.t as number];
    if ('dtype' in o) return DTYPES[o.dtype as string];
  }
  return a;
}

let normalValues = 0;
let normalExact = 0;

/** Compares values; `approx` allows normal's 1e-5 and counts the exact ones. */
function assertTensor(actual: Tensor, expected: GoldenTensor, what: string, approx: boolean): void {
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  const got = actual.contiguous().numpy() as ArrayLike<number>;
  expected.values.forEach((ev, i) => {
    const e = decodeNumber(ev);
    const a = got[i] as number;
    if (!approx) {
      assert.equal(a, e, `${what}[${i}]`);
      return;
    }
    normalValues++;
    if (a === e) normalExact++;
    assert.ok(Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e)), `${what}[${i}]: expected ${e}, got ${a}`);
  });
}

type Fn = (...args: unknown[]) => unknown;

describe('random ops vs PyTorch 1.13', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const g = c.gen ? new torch.Generator().manual_seed(c.seed) : torch.default_generator;
      torch.manual_seed(c.seed);
      const inputs = c.inputs.map(makeInput);
      const args = c.args.map((a) => decodeArg(a, inputs));
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.kw)) if (k !== 'generator') kw[k] = decodeArg(v, inputs);
      if (c.gen) kw.generator = g;
      if (Object.keys(kw).length > 0) args.push(kw);
      const run = (): Tensor => {
        if (c.method) {
          const self = inputs[0] as Tensor;
          const m = (self as unknown as Record<string, Fn>)[c.op];
          assert.equal(typeof m, 'function', `Tensor.${c.op} exists`);
          return (m as Fn).apply(self, args) as Tensor;
        }
        const f = (torch as unknown as Record<string, Fn>)[c.op];
        assert.equal(typeof f, 'function', `torch.${c.op} exists`);
        return (f as Fn)(...args) as Tensor;
      };
      if (c.error) {
        assert.throws(run, (e: Error) => {
          assert.equal(e.name, c.error?.type);
          assert.equal(e.message, c.error?.message);
          return true;
        });
        return;
      }
      const res = run();
      const approx = c.op === 'normal';
      assertTensor(res, c.output as GoldenTensor, 'output', approx);
      assert.equal(res.grad_fn === null ? null : res.grad_fn._typeName(), c.grad_fn, 'grad_fn');
      assert.equal(res.requires_grad, c.requires_grad, 'requires_grad');
      if (c.grads) {
        const wrt = Object.keys(c.grads).map((k) => inputs[Number(k)] as Tensor);
        const grads = torch.autograd.grad([res], wrt, { grad_outputs: [torch.ones_like(res)], allow_unused: true });
        Object.values(c.grads).forEach((eg, i) => {
          if (eg === null) assert.equal(grads[i] ?? null, null);
          else assertTensor(grads[i] as Tensor, eg, `grad ${i}`, false);
        });
      }
      assertTensor(torch.rand(3, { generator: g }), c.after_rand as GoldenTensor, 'rand(3) after', false);
      assertTensor(torch.randn(1, { generator: g }), c.after_randn as GoldenTensor, 'randn(1) after', false);
    });
  }
  after(() => {
    console.log(`normal: ${normalExact} of ${normalValues} values bit for bit`);
  });
});
