// Replays tests/golden/random_ops.json (written by tools/golden/random_ops.py from PyTorch 1.13):
// bernoulli, bernoulli_, multinomial, normal and poisson after manual_seed (or with a seeded
// torch.Generator), then rand(3) and randn(1) from the same generator, which checks how many
// values the op drew and the Box-Muller sample it left cached.
// Draws that are integers (bernoulli, multinomial, poisson) and the follow-up rand(3) must match
// bit for bit. normal's values go through log/sin/cos, where PyTorch's float32 16-block fill and
// glibc may differ from ts-torch by an ulp (porting rule 12): they are compared to 1e-5 and the
// exact ones are counted.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/index.ts';
import type { dtype } from '../../src/tensor/dtype.ts';
import { DTYPES, assertError, decodeArg, decodeNumber, fromValues, invoke, loadCases, type GoldenTensor, type OpCase } from '../golden_harness.ts';

interface Case extends OpCase {
  seed: number;
  gen: boolean;
  output?: GoldenTensor;
  grad_fn?: string | null;
  requires_grad?: boolean;
  after_rand?: GoldenTensor;
  after_randn?: GoldenTensor;
}

/** The input as tools/golden/random_ops.py's make_input builds it (a transposed layout is a
 *  view of a contiguous copy; requires_grad is set on what the op gets). */
function makeInput(spec: Case['inputs'][number]): Tensor {
  let x = fromValues(spec.values, spec.shape, DTYPES[spec.dtype] as dtype);
  if (spec.layout === 't') x = x.transpose(-1, -2).contiguous().transpose(-1, -2);
  if (spec.requires_grad) x.requires_grad_();
  return x;
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

describe('random ops vs PyTorch 1.13', () => {
  for (const c of loadCases<Case>('random_ops')) {
    test(c.name, () => {
      const g = c.gen ? new torch.Generator().manual_seed(c.seed) : torch.default_generator;
      torch.manual_seed(c.seed);
      const inputs = c.inputs.map(makeInput);
      const args = c.args.map((a) => decodeArg(a, inputs));
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.kw)) if (k !== 'generator') kw[k] = decodeArg(v, inputs);
      if (c.gen) kw.generator = g;
      if (Object.keys(kw).length > 0) args.push(kw);
      const run = (): Tensor => invoke(c.op, c.method, inputs, args) as Tensor;
      if (c.error) {
        assertError(run, c.error);
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
