// Factories against PyTorch 1.13: every call of tests/golden/factories*.json gives the same
// dtype, shape, strides, values (exactly), requires_grad, or the same exception and message.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../../src/tensor/tensor.ts';
import { caseName, decodeValue, flatValues, loadCases, runCase, type FactoryCase } from './factory_golden.ts';

/** Exact equality; NaN equals NaN and the sign of zero counts (it prints as -0.). */
function sameValue(got: number | boolean, want: number | boolean): boolean {
  return Object.is(got, want);
}

function check(c: FactoryCase): void {
  let out: { result: unknown; args: unknown[] };
  try {
    out = runCase(c);
  } catch (e) {
    if (c.error === undefined) throw e;
    assert.equal((e as Error).name, c.error.type, `exception type (message: ${(e as Error).message})`);
    assert.equal((e as Error).message, c.error.message);
    return;
  }
  if (c.error !== undefined) assert.fail(`expected ${c.error.type}: ${c.error.message}`);
  const { result, args } = out;
  if (c.expect_value !== undefined) {
    assert.deepEqual(result, c.expect_value);
    return;
  }
  const e = c.expect;
  assert.ok(e !== undefined);
  assert.ok(result instanceof Tensor, 'a tensor');
  const t = result;
  assert.equal(t.dtype.name, e.dtype, 'dtype');
  assert.deepEqual([...t.shape], e.shape, 'shape');
  assert.deepEqual(t.stride(), e.stride, 'stride');
  assert.equal(t.storage_offset(), e.offset, 'storage offset');
  assert.equal(t.requires_grad, e.requires_grad, 'requires_grad');
  if (e.same_object !== undefined) assert.equal(t === args[0], e.same_object, 'same object as the input');
  const vals = flatValues(t);
  if (e.values !== undefined) {
    assert.equal(vals.length, e.values.length, 'number of values');
    e.values.forEach((w, i) => {
      const want = decodeValue(w);
      assert.ok(sameValue(vals[i] as number | boolean, want), `value ${i}: got ${String(vals[i])}, want ${String(want)}`);
    });
  } else if (e.sample !== undefined) {
    e.sample.indices.forEach((idx, k) => {
      const want = decodeValue(e.sample?.values[k] as number);
      assert.ok(sameValue(vals[idx] as number | boolean, want), `value ${idx}: got ${String(vals[idx])}, want ${String(want)}`);
    });
  }
}

for (const file of ['factories', 'factories_ranges']) {
  describe(file, () => {
    for (const c of loadCases(file)) test(caseName(c), () => check(c));
  });
}
