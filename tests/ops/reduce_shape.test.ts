// Replays tests/golden/ops_reduce_shape.json (written by tools/golden/ops_reduce_shape.py from
// PyTorch 1.13): for each case the call's outputs (values, dtype, shape, grad_fn, view-ness,
// named-tuple fields), the gradients for a fixed grad_output, or the error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callOrError, checkGradsOf, checkOutputs, checkSize, loadCases, makeInput, type GoldenOutput, type OpCase } from '../golden_harness.ts';

interface Case extends OpCase {
  size?: number[];
  repr?: string;
  outputs?: (GoldenOutput & { is_view: boolean })[];
}

describe('reductions and shape ops vs PyTorch 1.13', () => {
  for (const c of loadCases<Case>('ops_reduce_shape')) {
    test(c.name, () => {
      const inputs = c.inputs.map(makeInput);
      const res = callOrError(c, inputs);
      if (c.error) return;
      if (c.size) {
        checkSize(res, c.size);
        return;
      }
      const outs = checkOutputs(c, res, { each: (o, eo, i) => assert.equal(o._is_view(), eo.is_view, `output ${i} is_view`) });
      if (c.repr !== undefined) assert.equal(String(res), c.repr, 'printed named tuple');
      if (c.grads) checkGradsOf(outs, inputs, c.grads);
    });
  }
});
