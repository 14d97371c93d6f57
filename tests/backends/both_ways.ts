// Running an op with the TypeScript kernels and with the native ones, and comparing the two
// results bit for bit (shared by tests/backends/native*.test.ts).
import assert from 'node:assert/strict';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';
import { useNativeKernels } from '../../src/backends/native/index.ts';

/** Each element as a comparable key: float32 bit patterns (one NaN), other dtypes' values. */
export function bits(t: Tensor): string[] {
  const c = t.contiguous().numpy() as ArrayLike<number>;
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const out: string[] = [];
  for (let i = 0; i < c.length; i++) {
    const v = c[i] as number;
    if (Number.isNaN(v)) out.push('nan');
    else if (t.dtype === torch.float32) {
      f32[0] = v;
      out.push((u32[0] as number).toString(16));
    } else out.push(Object.is(v, -0) ? '-0' : String(v));
  }
  return out;
}

/** The same dtype, shape, strides and element bits. */
export function sameTensor(ts: Tensor, nat: Tensor): void {
  assert.equal(nat.dtype, ts.dtype);
  assert.deepEqual(nat.shape, ts.shape);
  assert.deepEqual(nat.stride(), ts.stride());
  const a = bits(ts);
  const b = bits(nat);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.fail(`element ${i}: TypeScript ${a[i]} vs native ${b[i]}`);
}

/** fn's result with the TypeScript kernels and with the native ones: same dtype, shape, strides, bits. */
export function sameBothWays(fn: () => Tensor): void {
  useNativeKernels(false);
  let ts: Tensor;
  try {
    ts = fn();
  } finally {
    useNativeKernels(true);
  }
  sameTensor(ts, fn());
}
