// The pointwise op library against PyTorch 1.13: forward values, dtypes, grad_fn graphs,
// gradients, in-place forms and errors from tests/golden/ops_pointwise.json, replayed by the
// ops_autograd harness; then float64 gradcheck of every call PyTorch's gradcheck passes.
// Regenerate the golden with `/usr/bin/python3 tools/golden/ops_pointwise.py`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from 'ts-torch';
import { Tensor } from '../../src/tensor/tensor.ts';
import { gradcheckCall, loadGradcheckGolden, runCase, tensorOf, type GradcheckCase, type OpCase } from './ops_autograd_case.ts';

const golden = loadGradcheckGolden<OpCase>('ops_pointwise');

describe('pointwise ops vs PyTorch', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      assert.deepEqual(runCase(c), [], `${c.name} differs from PyTorch`);
    });
  }
});

/** The case's call as a function of its float64 leaves, and the leaves. */
function checkable(c: GradcheckCase): { f: () => Tensor; xs: Tensor[] } {
  const xs = c.inputs.map((s) => tensorOf(s).requires_grad_());
  return { f: gradcheckCall(c, torch, 'torch', xs), xs };
}

describe('pointwise ops: float64 gradcheck', () => {
  for (const c of golden.gradcheck.filter((g) => g.pytorch_passes)) {
    test(c.name, () => {
      const { f, xs } = checkable(c);
      assert.equal(torch.autograd.gradcheck(f, xs), true);
    });
  }
});

describe('pointwise ops: float64 gradgradcheck (create_graph through the formulas)', () => {
  for (const c of golden.gradcheck.filter((g) => g.pytorch_gradgrad_passes)) {
    test(c.name.replace('gradcheck/', 'gradgradcheck/'), () => {
      const { f, xs } = checkable(c);
      assert.equal(torch.autograd.gradgradcheck(f, xs), true);
    });
  }
});
