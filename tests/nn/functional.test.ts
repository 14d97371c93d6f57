// torch.nn.functional activations and losses against PyTorch 1.13: forward values, dtypes,
// grad_fn graphs, gradients and errors from tests/golden/nn_functional.json, replayed by the
// ops_autograd harness; then float64 gradcheck of every call PyTorch's gradcheck passes.
// Regenerate the golden with `/usr/bin/python3 tools/golden/nn_functional.py`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from 'ts-torch';
import { withWarnings } from '../golden_harness.ts';
import { gradcheckCall, loadGradcheckGolden, runCase, tensorOf, type OpCase } from '../ops/ops_autograd_case.ts';

/** A case whose call draws random numbers is run right after torch.manual_seed(seed). */
type NnCase = OpCase & { seed?: number; warnings?: string[] };

const golden = loadGradcheckGolden<NnCase>('nn_functional');

/** Every warning line ts-torch has written to stderr so far in this run. */
const seenWarnings = new Set<string>();

describe('torch.nn.functional vs PyTorch', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      if (c.seed !== undefined) torch.manual_seed(c.seed);
      const { value: problems, warned } = withWarnings(() => runCase(c));
      for (const w of warned) seenWarnings.add(w);
      // Warnings show once per call site (Python's default filter), so an expected warning may
      // have been written by an earlier case through the same harness line.
      const want = c.warnings ?? [];
      for (const w of warned) if (!want.includes(w)) problems.push(`warned ${w}; PyTorch did not`);
      for (const w of want) if (!seenWarnings.has(w)) problems.push(`did not warn ${w}`);
      assert.deepEqual(problems, [], `${c.name} differs from PyTorch`);
    });
  }
});

describe('torch.nn.functional: float64 gradcheck', () => {
  for (const c of golden.gradcheck.filter((g) => g.pytorch_passes)) {
    test(c.name, () => {
      const xs = c.inputs.map((s) => tensorOf(s).requires_grad_(s.requires_grad));
      const f = gradcheckCall(c, torch.nn.functional, 'F', xs);
      const wants = xs.filter((x) => x.requires_grad);
      assert.equal(torch.autograd.gradcheck(f, wants), true);
    });
  }
});
