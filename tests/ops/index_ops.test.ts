// Replays tests/golden/ops_index.json (written by tools/golden/ops_index.py from PyTorch 1.13):
// for each case the call's outputs (values, dtype, shape, grad_fn), the gradients w.r.t. each
// leaf for a fixed grad_output (or the backward's error), or the call's error; for in-place
// calls also self's values afterwards, and that a failed call leaves self untouched.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tensor } from '../../src/index.ts';
import { assertError, assertTensor, callOrError, checkGrads, checkOutputs, gradsFor, loadCases, makeLeaf, type GoldenOutput, type GoldenTensor, type InputSpec, type OpCase } from '../golden_harness.ts';

interface Case extends OpCase {
  self_after?: GoldenTensor;
  outputs?: GoldenOutput[];
}

describe('indexing ops vs PyTorch 1.13', () => {
  for (const c of loadCases<Case>('ops_index')) {
    test(c.name, () => {
      const pairs = c.inputs.map(makeLeaf);
      const leaves = pairs.map((p) => p[0]);
      const inputs = pairs.map((p) => p[1]);
      const res = callOrError(c, inputs);
      if (c.error) {
        // A failed in-place call leaves self as it was (PyTorch may have written part of it).
        if (c.method && c.op.endsWith('_')) assertTensor(inputs[0] as Tensor, c.inputs[0] as InputSpec, 'self after the failed call');
        return;
      }
      if (c.self_after) {
        assert.equal(res, inputs[0], 'an in-place op returns self');
        assertTensor(inputs[0] as Tensor, c.self_after, 'self after the call');
      }
      const outs = checkOutputs(c, res);
      const diff = outs.filter((o) => o.requires_grad);
      const wrtIdx = leaves.map((l, i) => (l.requires_grad ? i : -1)).filter((i) => i >= 0);
      if (diff.length === 0 || wrtIdx.length === 0) {
        assert.equal(c.grads, undefined, 'PyTorch computed gradients');
        return;
      }
      const run = (): (Tensor | null)[] => gradsFor(diff, wrtIdx.map((i) => leaves[i] as Tensor));
      if (c.grad_error) {
        assertError(run, c.grad_error);
        return;
      }
      const grads = run();
      assert.deepEqual(Object.keys(c.grads ?? {}), wrtIdx.map(String), 'gradients w.r.t.');
      checkGrads(grads, c.grads ?? {});
    });
  }
});
