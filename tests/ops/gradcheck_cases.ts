// Shared by the tables of tests/ops/*_gradcheck.test.ts: the float64 inputs they check at, and
// the loop that runs gradcheck and gradgradcheck over a table of calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, float64 } from '../../src/index.ts';

/** A named call and the float64 inputs it is checked at. */
export type GradcheckCall = [name: string, fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]];

/** n deterministic, distinct, non-zero, well-separated values (sin(seed·7.1 + i·1.37)·2 ± 0.1):
 *  no ties, so selections (max/min, sort, amax/amin, cummax…) are differentiable there. */
export function spreadValues(n: number, seed: number): Float64Array {
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(seed * 7.1 + i * 1.37) * 2 + (i % 2 === 0 ? 0.1 : -0.1);
  return data;
}

/** A float64 leaf of the given shape, holding spreadValues, that requires grad. */
export function gradcheckInput(shape: number[], seed: number): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  return Tensor._fromData(spreadValues(n, seed), shape, float64).requires_grad_();
}

/** One test per call: gradcheck and gradgradcheck pass at its inputs. */
export function testGradchecks(calls: readonly GradcheckCall[]): void {
  for (const [name, fn, inputs] of calls) {
    test(name, () => {
      assert.equal(torch.autograd.gradcheck(fn, inputs), true);
      assert.equal(torch.autograd.gradgradcheck(fn, inputs), true);
    });
  }
}
