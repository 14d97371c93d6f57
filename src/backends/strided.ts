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

/**
 * Walks the rows (the innermost dimension) of up to two operands laid over one shape, giving
 * each row's start offsets; kernels run the row as a plain strided loop. Unlike
 * elementOffsets it allocates nothing per element (a transposed or broadcast 1M-element
 * operand would otherwise cost a 4 MB offset table per op). Adjacent dims that both operands
 * step through as one (and size-1 dims) are merged first, so a row is as long as possible.
 * The visiting order is row-major over `shape`, as elementOffsets'.
 */
export class RowWalker {
  /** Length of a row, and each operand's stride along it. */
  readonly inner: number;
  readonly aInner: number;
  readonly bInner: number;
  /** Start offsets of the current row. */
  a: number;
  b: number;
  private readonly shape: number[];
  private readonly aStride: number[];
  private readonly bStride: number[];
  private readonly counter: number[];

  constructor(shape: readonly number[], aStride: readonly number[], aOffset: number, bStride: readonly number[], bOffset: number) {
    const s: number[] = [];
    const sa: number[] = [];
    const sb: number[] = [];
    for (let d = 0; d < shape.length; d++) {
      const n = shape[d] as number;
      if (n === 1) continue;
      const x = aStride[d] as number;
      const y = bStride[d] as number;
      const last = s.length - 1;
      if (last >= 0 && (sa[last] as number) === x * n && (sb[last] as number) === y * n) {
        // The previous (outer) dim steps exactly over this one: one dim of size outer·n.
        s[last] = (s[last] as number) * n;
        sa[last] = x;
        sb[last] = y;
      } else {
        s.push(n);
        sa.push(x);
        sb.push(y);
      }
    }
    const nd = s.length;
    this.inner = nd === 0 ? 1 : (s[nd - 1] as number);
    this.aInner = nd === 0 ? 0 : (sa[nd - 1] as number);
    this.bInner = nd === 0 ? 0 : (sb[nd - 1] as number);
    this.shape = s.slice(0, Math.max(0, nd - 1));
    this.aStride = sa.slice(0, Math.max(0, nd - 1));
    this.bStride = sb.slice(0, Math.max(0, nd - 1));
    this.counter = new Array<number>(this.shape.length).fill(0);
    this.a = aOffset;
    this.b = bOffset;
  }

  /** Moves to the next row; false after the last one. */
  next(): boolean {
    const shape = this.shape;
    const counter = this.counter;
    for (let d = shape.length - 1; d >= 0; d--) {
      const c = (counter[d] as number) + 1;
      const sa = this.aStride[d] as number;
      const sb = this.bStride[d] as number;
      if (c < (shape[d] as number)) {
        counter[d] = c;
        this.a += sa;
        this.b += sb;
        return true;
      }
      counter[d] = 0;
      this.a -= (c - 1) * sa;
      this.b -= (c - 1) * sb;
    }
    return false;
  }
}

/**
 * Calls f(p, k) for every element of a strided view, in row-major order: p is the element's
 * storage offset, k its row-major index. The one element-by-element walk for the places that
 * read or write a view through its strides (in-place write-back, as_strided's scatter and
 * gather); it walks RowWalker's rows, so it allocates nothing per element.
 */
export function forEachOffset(shape: readonly number[], stride: readonly number[], offset: number, f: (p: number, k: number) => void): void {
  for (let i = 0; i < shape.length; i++) if (shape[i] === 0) return;
  const w = new RowWalker(shape, stride, offset, stride, offset);
  const m = w.inner;
  const s = w.aInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a; j < m; j++, p += s) f(p, k++);
  } while (w.next());
}
