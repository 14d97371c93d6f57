// Memory sharing and grad-mode behaviour of the factories. Sharing is checked structurally
// (the tensor's storage is the caller's memory); grad-mode facts come from PyTorch
// (tests/golden/factories.json "misc", written by tools/golden/factories.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/index.ts';

const misc = (
  JSON.parse(readFileSync(new URL('../golden/factories.json', import.meta.url), 'utf8')) as {
    misc: {
      inference_mode_is_inference: Record<string, boolean>;
      no_grad: { zeros_requires_grad: boolean; tensor_requires_grad: boolean };
      outside_is_inference: boolean;
    };
  }
).misc;

test('from_numpy and as_tensor use the TypedArray itself; writes go both ways', () => {
  const a = new Float32Array([1, 2, 3]);
  const t = torch.from_numpy(a);
  assert.equal(t._data.buffer, a.buffer);
  t._data[1] = 42;
  assert.equal(a[1], (t.tolist() as number[])[1]);
  assert.equal(torch.as_tensor(a)._data.buffer, a.buffer);
});

test('int64 TypedArrays are copied (int64 tensors store doubles)', () => {
  const a = new BigInt64Array([1n, 2n]);
  assert.notEqual(torch.from_numpy(a)._data.buffer, a.buffer);
});

test('frombuffer shares the buffer when the offset is aligned, copies when not', () => {
  const ab = new ArrayBuffer(16);
  const t = torch.frombuffer(ab, { dtype: torch.float32, offset: 4 });
  assert.equal(t._data.buffer, ab);
  new Float32Array(ab)[1] = 5;
  assert.equal((t.tolist() as number[])[0], new Float32Array(ab)[1]);
  const u = torch.frombuffer(new Uint8Array(ab, 1, 8), { dtype: torch.float32 });
  assert.notEqual(u._data.buffer, ab);
});

test('tensor() copies its input', () => {
  const a = new Float64Array([1, 2]);
  assert.notEqual(torch.tensor(a)._data.buffer, a.buffer);
  const t = torch.tensor([1, 2]);
  assert.notEqual(torch.tensor(t)._data, t._data);
});

test('factories under inference_mode make inference tensors (as PyTorch)', () => {
  const made: Record<string, boolean> = torch.inference_mode(() => ({
    zeros: torch.zeros(2).is_inference(),
    ones: torch.ones(2).is_inference(),
    empty: torch.empty(2).is_inference(),
    tensor: torch.tensor([1]).is_inference(),
    arange: torch.arange(3).is_inference(),
  }));
  assert.deepEqual(made, misc.inference_mode_is_inference);
  assert.equal(torch.zeros(2).is_inference(), misc.outside_is_inference);
});

test('requires_grad under no_grad (a leaf still requires grad, as PyTorch)', () => {
  const got = torch.no_grad(() => ({
    zeros_requires_grad: torch.zeros(2, { requires_grad: true }).requires_grad,
    tensor_requires_grad: torch.tensor([1], { requires_grad: true }).requires_grad,
  }));
  assert.deepEqual(got, misc.no_grad);
});
