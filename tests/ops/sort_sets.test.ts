// Replays tests/golden/ops_sort_sets.json (written by tools/golden/ops_sort_sets.py from
// PyTorch 1.13): for each case the call's outputs (values, dtype, shape, grad_fn, view-ness,
// named-tuple fields and printed form), the gradients for a fixed grad_output (or the error
// their backward raises), or the error. Indices of ties are compared exactly: they come from
// replaying libstdc++'s sort / nth_element / partial_sort.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tensor } from '../../src/index.ts';
import { assertError, callOrError, checkGradsOf, checkOutputs, checkSize, gradsFor, loadCases, makeInput, type GoldenOutput, type OpCase } from '../golden_harness.ts';

interface Case extends OpCase {
  size?: number[];
  repr?: string;
  outputs?: (GoldenOutput & { is_view: boolean; stride: number[] })[];
}

describe('sorting and set ops vs PyTorch 1.13', () => {
  for (const c of loadCases<Case>('ops_sort_sets')) {
    test(c.name, () => {
      const inputs = c.inputs.map(makeInput);
      const res = callOrError(c, inputs);
      if (c.error) return;
      if (c.size) {
        checkSize(res, c.size);
        return;
      }
      const outs = checkOutputs(c, res, {
        gradFnName: '_typeName',
        each: (o, eo, i) => {
          assert.equal(o._is_view(), eo.is_view, `output ${i} is_view`);
          // diff's layout is the elementwise sub's (not this module's), so only its values count.
          if (o.numel() > 1 && c.op !== 'diff') assert.deepEqual(o.stride(), eo.stride, `output ${i} stride`);
        },
      });
      if (c.repr !== undefined) assert.equal(String(res), c.repr, 'printed named tuple');
      if (c.grads) checkGradsOf(outs, inputs, c.grads);
      if (c.grad_error) {
        const diff = outs.filter((o) => o.requires_grad);
        const wrt = c.inputs.flatMap((s, i) => (s.requires_grad ? [inputs[i] as Tensor] : []));
        assertError(() => gradsFor(diff, wrt), c.grad_error);
      }
    });
  }
});
