// The plain TypeScript backend: the reference kernels. Kernels only compute on storage and
// strides; shapes, dtypes and gradients are decided by the op definitions that call them.
import type { TypedArray } from '../tensor/dtype.ts';
import { elementOffsets, isDense, type StridedView } from './strided.ts';

export type UnaryFn = (x: number) => number;
export type BinaryFn = (x: number, y: number) => number;

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i] as number;
  return n;
}

/** Reads a view's values, in row-major order, into `out` (any TypedArray: casts by assignment). */
export function gather(src: StridedView, out: TypedArray | number[]): void {
  const n = out.length;
  const d = src.data;
  if (isDense(src.shape, src.stride)) {
    const o = src.offset;
    if (out instanceof Array || out.constructor !== d.constructor) {
      for (let i = 0; i < n; i++) out[i] = d[o + i] as number;
    } else {
      (out as TypedArray).set((d as TypedArray).subarray(o, o + n) as never);
    }
    return;
  }
  const offs = elementOffsets(src.shape, src.stride, src.offset);
  for (let i = 0; i < n; i++) out[i] = d[offs[i] as number] as number;
}

/** Writes row-major `values` into a strided destination view. */
export function scatterInto(dst: StridedView, values: ArrayLike<number>): void {
  const d = dst.data;
  const n = values.length;
  if (isDense(dst.shape, dst.stride)) {
    const o = dst.offset;
    for (let i = 0; i < n; i++) d[o + i] = values[i] as number;
    return;
  }
  const offs = elementOffsets(dst.shape, dst.stride, dst.offset);
  for (let i = 0; i < n; i++) d[offs[i] as number] = values[i] as number;
}

export function unary(src: StridedView, out: TypedArray, f: UnaryFn): void {
  const n = out.length;
  const d = src.data;
  if (isDense(src.shape, src.stride)) {
    const o = src.offset;
    for (let i = 0; i < n; i++) out[i] = f(d[o + i] as number);
    return;
  }
  const offs = elementOffsets(src.shape, src.stride, src.offset);
  for (let i = 0; i < n; i++) out[i] = f(d[offs[i] as number] as number);
}

/**
 * out[i] = f(a[i], b[i]) where a and b are already broadcast to out's shape (strides 0 on
 * broadcast dims).
 */
export function binary(a: StridedView, b: StridedView, out: TypedArray, f: BinaryFn): void {
  const n = out.length;
  const ad = a.data;
  const bd = b.data;
  const aDense = isDense(a.shape, a.stride) && numelOf(a.shape) === n;
  const bDense = isDense(b.shape, b.stride) && numelOf(b.shape) === n;
  if (aDense && bDense) {
    const ao = a.offset;
    const bo = b.offset;
    for (let i = 0; i < n; i++) out[i] = f(ad[ao + i] as number, bd[bo + i] as number);
    return;
  }
  if (aDense && b.stride.every((s) => s === 0)) {
    const ao = a.offset;
    const y = bd[b.offset] as number;
    for (let i = 0; i < n; i++) out[i] = f(ad[ao + i] as number, y);
    return;
  }
  if (bDense && a.stride.every((s) => s === 0)) {
    const bo = b.offset;
    const x = ad[a.offset] as number;
    for (let i = 0; i < n; i++) out[i] = f(x, bd[bo + i] as number);
    return;
  }
  const ao = elementOffsets(a.shape, a.stride, a.offset);
  const bo = elementOffsets(b.shape, b.stride, b.offset);
  for (let i = 0; i < n; i++) out[i] = f(ad[ao[i] as number] as number, bd[bo[i] as number] as number);
}

/**
 * Reduces `src` over the dims flagged in `reduce`, writing one value per kept position into
 * `out` (row-major over the kept dims). `step(acc, x)` folds, `finish(acc, count)` ends.
 */
export function reduce(
  src: StridedView,
  reduceMask: readonly boolean[],
  out: TypedArray | Float64Array,
  init: number,
  step: BinaryFn,
  finish?: (acc: number, count: number) => number,
): void {
  const shape = src.shape;
  const ndim = shape.length;
  // Permute so kept dims come first, reduced dims last; then each output is a contiguous run
  // of the permuted offset list.
  const kept: number[] = [];
  const red: number[] = [];
  for (let i = 0; i < ndim; i++) (reduceMask[i] ? red : kept).push(i);
  const order = kept.concat(red);
  const pShape = order.map((i) => shape[i] as number);
  const pStride = order.map((i) => src.stride[i] as number);
  let count = 1;
  for (const i of red) count *= shape[i] as number;
  const nOut = out.length;
  const d = src.data;
  if (isDense(pShape, pStride)) {
    let p = src.offset;
    for (let o = 0; o < nOut; o++) {
      let acc = init;
      for (let j = 0; j < count; j++) acc = step(acc, d[p++] as number);
      out[o] = finish ? finish(acc, count) : acc;
    }
    return;
  }
  const offs = elementOffsets(pShape, pStride, src.offset);
  let k = 0;
  for (let o = 0; o < nOut; o++) {
    let acc = init;
    for (let j = 0; j < count; j++) acc = step(acc, d[offs[k++] as number] as number);
    out[o] = finish ? finish(acc, count) : acc;
  }
}

/**
 * Batched matrix product: out[b] = a[b] @ b[b] for `batch` matrices of (m×k)·(k×n), each
 * operand given by its strides (batch, row, col). Accumulates in double, cache-friendly i-k-j
 * order over a dense copy of b.
 */
export function bmm(
  a: TypedArray, aOff: number, aBs: number, aRs: number, aCs: number,
  b: TypedArray, bOff: number, bBs: number, bRs: number, bCs: number,
  out: TypedArray, batch: number, m: number, k: number, n: number,
): void {
  const row = new Float64Array(n);
  const bDense = new Float64Array(k * n);
  for (let t = 0; t < batch; t++) {
    const bBase = bOff + t * bBs;
    for (let p = 0; p < k; p++) {
      const src = bBase + p * bRs;
      for (let j = 0; j < n; j++) bDense[p * n + j] = b[src + j * bCs] as number;
    }
    const aBase = aOff + t * aBs;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      const ai = aBase + i * aRs;
      for (let p = 0; p < k; p++) {
        const x = a[ai + p * aCs] as number;
        const bp = p * n;
        for (let j = 0; j < n; j++) row[j] = (row[j] as number) + x * (bDense[bp + j] as number);
      }
      const oBase = (t * m + i) * n;
      for (let j = 0; j < n; j++) out[oBase + j] = row[j] as number;
    }
  }
}
