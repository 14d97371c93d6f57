// Strided views as kernels see them: storage plus shape/strides/offset, nothing else.
import type { TypedArray } from '../tensor/dtype.ts';

export interface StridedView {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
}

/** Whether a view's elements are exactly data[offset .. offset+numel) in row-major order. */
export function isDense(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    if (d === 1) continue;
    if (d === 0) return true;
    if (stride[i] !== expected) return false;
    expected *= d;
  }
  return true;
}

/**
 * The storage offset of every element of a strided view, in row-major order. Kernels use it to
 * read non-dense operands with a single flat loop.
 */
export function elementOffsets(shape: readonly number[], stride: readonly number[], offset: number): Int32Array | Float64Array {
  const ndim = shape.length;
  let numel = 1;
  for (let i = 0; i < ndim; i++) numel *= shape[i] as number;
  const out = numel < 2 ** 31 ? new Int32Array(numel) : new Float64Array(numel);
  if (numel === 0) return out;
  if (ndim === 0) {
    out[0] = offset;
    return out;
  }
  // Innermost dimension in a tight loop; a counter walks the outer ones.
  const inner = shape[ndim - 1] as number;
  const innerStride = stride[ndim - 1] as number;
  const counter = new Array<number>(ndim).fill(0);
  let base = offset;
  let k = 0;
  while (k < numel) {
    for (let j = 0, p = base; j < inner; j++, p += innerStride) out[k++] = p;
    let d = ndim - 2;
    while (d >= 0) {
      counter[d] = (counter[d] as number) + 1;
      base += stride[d] as number;
      if ((counter[d] as number) < (shape[d] as number)) break;
      base -= (counter[d] as number) * (stride[d] as number);
      counter[d] = 0;
      d--;
    }
    if (d < 0) break;
  }
  return out;
}
