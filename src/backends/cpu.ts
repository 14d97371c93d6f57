// The plain TypeScript backend: the reference kernels. Kernels only compute on storage and
// strides; shapes, dtypes and gradients are decided by the op definitions that call them.
import type { TypedArray } from '../tensor/dtype.ts';
import { isDense, RowWalker, type StridedView } from './strided.ts';
import { nativeBinary, nativeBmm, nativeExtremeRuns, nativeSumLockstep, nativeSumRuns, nativeUnaryDense } from './native/dispatch.ts';
import { nativeClamp, nativeCompare, nativeExtremum } from './native/dispatch_more.ts';

export type UnaryFn = (x: number) => number;
export type BinaryFn = (x: number, y: number) => number;

// Note [named kernels]: a loop shared by every op calls its callback through a megamorphic
// call site, which V8 neither inlines nor calls cheaply (the doubles are boxed on every call:
// about 10 ns an element, five to ten times the arithmetic). An op that passes one of these
// exact functions gets loops with the arithmetic written inline instead, and float32 operands
// get loops that only ever see Float32Array (monomorphic element loads). The loops evaluate
// the same expression on the same doubles and store it the same way, so the values are
// identical to the callback's. Ops opt in by passing them: `binaryForward(a, b, dt, ADD)`.
export const ADD: BinaryFn = (x, y) => x + y;
export const SUB: BinaryFn = (x, y) => x - y;
export const MUL: BinaryFn = (x, y) => x * y;
export const DIV: BinaryFn = (x, y) => x / y;
// Named unary kernels: ops pass these exact functions, so float32 runs can go to the native
// kernels (NATIVE_UNARY below), which compute the same values.
export const SIGMOID: UnaryFn = (v) => 1 / (1 + Math.exp(-v));
export const NEG: UnaryFn = (v) => -v;
export const RECIPROCAL: UnaryFn = (v) => 1 / v;
/** relu: NaN stays NaN, −0 becomes +0 (as PyTorch's clamp_min(0)): Math.max(v, 0) exactly, without a branch. */
export const RELU: UnaryFn = (v) => Math.max(v, 0);

/** The native kernel (native/ts_torch.c, unary_f32's `which`) for each named unary kernel. */
const NATIVE_UNARY = new Map<UnaryFn, number>([
  [Math.exp, 0],
  [SIGMOID, 1],
  [NEG, 2],
  [Math.sqrt, 3],
  [RECIPROCAL, 4],
  [RELU, 5],
  [Math.abs, 6],
  [Math.tanh, 7],
  [Math.log, 8],
]);

// Named comparison kernels for operands compared in float32 (compare.ts: both sides are read as
// float32, the common dtype); they return 1/0, so they can fill a bool output as they are.
// Float32 operands go to native/kernels_more.h's compare_f32 (code = its op).
export const EQ_F32: BinaryFn = (x, y) => (Math.fround(x) === Math.fround(y) ? 1 : 0);
export const NE_F32: BinaryFn = (x, y) => (Math.fround(x) !== Math.fround(y) ? 1 : 0);
export const LT_F32: BinaryFn = (x, y) => (Math.fround(x) < Math.fround(y) ? 1 : 0);
export const LE_F32: BinaryFn = (x, y) => (Math.fround(x) <= Math.fround(y) ? 1 : 0);
export const GT_F32: BinaryFn = (x, y) => (Math.fround(x) > Math.fround(y) ? 1 : 0);
export const GE_F32: BinaryFn = (x, y) => (Math.fround(x) >= Math.fround(y) ? 1 : 0);
const NATIVE_COMPARE = new Map<BinaryFn, number>([[EQ_F32, 0], [NE_F32, 1], [LT_F32, 2], [LE_F32, 3], [GT_F32, 4], [GE_F32, 5]]);
/** Whether f is a comparison kernel, whose 1/0 results a bool output can store as they are. */
export function returnsZeroOne(f: BinaryFn): boolean {
  return NATIVE_COMPARE.has(f);
}
/** maximum/minimum: NaN propagates, otherwise x > y ? x : y (x < y ? x : y); native extremum_f32 for float32. */
export const MAXIMUM: BinaryFn = (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : x > y ? x : y);
export const MINIMUM: BinaryFn = (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : x < y ? x : y);

// Clamping with number bounds: clampKernel(lo, hi) is x => Math.min(Math.max(x, lo), hi),
// remembered with its bounds so that unary() can hand float32 views to native clamp_f32.
const CLAMP_BOUNDS = new WeakMap<UnaryFn, readonly [number, number]>();
export function clampKernel(lo: number, hi: number): UnaryFn {
  const f: UnaryFn = (x) => Math.min(Math.max(x, lo), hi);
  CLAMP_BOUNDS.set(f, [lo, hi]);
  return f;
}

// Named-kernel codes (plain numbers rather than an enum: type stripping keeps them).
type Op = 0 | 1 | 2 | 3 | 4;
const OP_ADD = 0;
const OP_SUB = 1;
const OP_MUL = 2;
const OP_DIV = 3;
const OP_NONE = 4;

function opOf(f: BinaryFn): Op {
  return f === ADD ? OP_ADD : f === SUB ? OP_SUB : f === MUL ? OP_MUL : f === DIV ? OP_DIV : OP_NONE;
}

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i] as number;
  return n;
}

function allZero(stride: readonly number[]): boolean {
  for (let i = 0; i < stride.length; i++) if (stride[i] !== 0) return false;
  return true;
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
  if (n === 0) return;
  const w = new RowWalker(src.shape, src.stride, src.offset, src.stride, src.offset);
  const m = w.inner;
  const s = w.aInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a; j < m; j++, p += s) out[k++] = d[p] as number;
  } while (w.next());
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
  if (n === 0) return;
  const w = new RowWalker(dst.shape, dst.stride, dst.offset, dst.stride, dst.offset);
  const m = w.inner;
  const s = w.aInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a; j < m; j++, p += s) d[p] = values[k++] as number;
  } while (w.next());
}

export function unary(src: StridedView, out: TypedArray, f: UnaryFn): void {
  const n = out.length;
  if (n === 0) return;
  const bounds = CLAMP_BOUNDS.get(f);
  if (bounds !== undefined && nativeClamp(src, out, bounds[0], bounds[1])) return;
  const d = src.data;
  const f32 = d instanceof Float32Array && out instanceof Float32Array;
  if (isDense(src.shape, src.stride)) {
    const o = src.offset;
    const code = NATIVE_UNARY.get(f);
    if (code !== undefined) {
      if (nativeUnaryDense(code, d, o, out)) return;
      if (f32) {
        namedUnaryF32(code, d as Float32Array, o, out as Float32Array, n);
        return;
      }
    }
    if (f32) unaryDenseF32(d, o, out, n, f);
    else unaryDenseAny(d, o, out, n, f);
    return;
  }
  const w = new RowWalker(src.shape, src.stride, src.offset, src.stride, src.offset);
  if (f32) unaryStridedF32(d, w, out, f);
  else unaryStridedAny(d, w, out, f);
}

// Note [loops per array kind]: an element access in a loop that has seen several TypedArray
// kinds (every dtype goes through these kernels) is megamorphic, several times slower than the
// arithmetic. Float32 operands, the common case, get their own copy of each loop, which only
// ever sees Float32Array; the other kinds share the `Any` copy.

/**
 * RELU on float32 bit patterns, without a branch (a data-dependent branch mispredicts on about
 * half of a random tensor's elements: four times slower): a set sign bit clears the whole
 * pattern (−x, −0 and −inf become +0), except in NaNs, which x86 produces with the sign set and
 * which stay as they are. The same values as Math.max(v, 0).
 */
function reluBitsF32(d: Float32Array, o: number, out: Float32Array, n: number): void {
  const di = new Int32Array(d.buffer, d.byteOffset, d.length);
  const oi = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < n; i++) {
    const x = di[o + i] as number;
    const nan = (0x7f800000 - (x & 0x7fffffff)) >> 31; // all ones for a NaN
    oi[i] = x & ~((x >> 31) & ~nan);
  }
}

// The named unary kernels (NATIVE_UNARY's codes) over float32, each loop with its expression
// written inline (Note [named kernels]): the same values as calling the kernel, without a
// megamorphic call per element. Math.* builtins called directly get V8's inlined fast paths.
function namedUnaryF32(code: number, d: Float32Array, o: number, out: Float32Array, n: number): void {
  switch (code) {
    case 0:
      for (let i = 0; i < n; i++) out[i] = Math.exp(d[o + i] as number);
      return;
    case 1:
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-(d[o + i] as number)));
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = -(d[o + i] as number);
      return;
    case 3:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(d[o + i] as number);
      return;
    case 4:
      for (let i = 0; i < n; i++) out[i] = 1 / (d[o + i] as number);
      return;
    case 5:
      reluBitsF32(d, o, out, n);
      return;
    case 6:
      for (let i = 0; i < n; i++) out[i] = Math.abs(d[o + i] as number);
      return;
    case 7:
      for (let i = 0; i < n; i++) out[i] = Math.tanh(d[o + i] as number);
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = Math.log(d[o + i] as number);
  }
}

function unaryDenseF32(d: Float32Array, o: number, out: Float32Array, n: number, f: UnaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(d[o + i] as number);
}

function unaryDenseAny(d: TypedArray, o: number, out: TypedArray, n: number, f: UnaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(d[o + i] as number);
}

function unaryStridedF32(d: Float32Array, w: RowWalker, out: Float32Array, f: UnaryFn): void {
  const m = w.inner;
  const s = w.aInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a; j < m; j++, p += s) out[k++] = f(d[p] as number);
  } while (w.next());
}

function unaryStridedAny(d: TypedArray, w: RowWalker, out: TypedArray, f: UnaryFn): void {
  const m = w.inner;
  const s = w.aInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a; j < m; j++, p += s) out[k++] = f(d[p] as number);
  } while (w.next());
}

/**
 * out[i] = f(a[i], b[i]) where a and b are already broadcast to out's shape (strides 0 on
 * broadcast dims).
 */
export function binary(a: StridedView, b: StridedView, out: TypedArray, f: BinaryFn): void {
  const n = out.length;
  if (n === 0) return;
  const ad = a.data;
  const bd = b.data;
  const op = opOf(f);
  if (op !== OP_NONE && nativeBinary(op, a, b, out)) return;
  if (op === OP_NONE && nativeBinaryMore(f, a, b, out)) return;
  // Float32 loops need float32 tensor operands; a scalar operand is read once, whatever its kind.
  const outF32 = out instanceof Float32Array;
  const aDense = isDense(a.shape, a.stride) && numelOf(a.shape) === n;
  const bDense = isDense(b.shape, b.stride) && numelOf(b.shape) === n;
  if (aDense && bDense) {
    const ao = a.offset;
    const bo = b.offset;
    const f32 = outF32 && ad instanceof Float32Array && bd instanceof Float32Array;
    if (op !== OP_NONE) {
      if (f32) denseF32(op, ad, ao, bd, bo, out, n);
      else denseAny(op, ad, ao, bd, bo, out, n);
    } else if (f32) {
      binaryDenseF32(ad, ao, bd, bo, out, n, f);
    } else {
      binaryDenseAny(ad, ao, bd, bo, out, n, f);
    }
    return;
  }
  if (aDense && allZero(b.stride)) {
    const ao = a.offset;
    const y = bd[b.offset] as number;
    const f32 = outF32 && ad instanceof Float32Array;
    if (op !== OP_NONE) {
      if (f32) scalarRightF32(op, ad, ao, y, out, n);
      else scalarRightAny(op, ad, ao, y, out, n);
    } else if (f32) {
      binaryScalarRightF32(ad, ao, y, out, n, f);
    } else {
      binaryScalarRightAny(ad, ao, y, out, n, f);
    }
    return;
  }
  if (bDense && allZero(a.stride)) {
    const bo = b.offset;
    const x = ad[a.offset] as number;
    if (outF32 && bd instanceof Float32Array) binaryScalarLeftF32(x, bd, bo, out, n, f);
    else binaryScalarLeftAny(x, bd, bo, out, n, f);
    return;
  }
  const w = new RowWalker(a.shape, a.stride, a.offset, b.stride, b.offset);
  const f32 = outF32 && ad instanceof Float32Array && bd instanceof Float32Array;
  if (op !== OP_NONE) {
    if (f32) stridedNamedF32(op, ad, bd, w, out);
    else stridedNamed(op, ad, bd, w, out);
  } else if (f32) {
    binaryStridedF32(ad, bd, w, out, f);
  } else {
    binaryStridedAny(ad, bd, w, out, f);
  }
}

/** The native kernels of named callbacks that binary()'s own named loops don't cover. */
function nativeBinaryMore(f: BinaryFn, a: StridedView, b: StridedView, out: TypedArray): boolean {
  const cmp = NATIVE_COMPARE.get(f);
  if (cmp !== undefined) return nativeCompare(cmp, a, b, out);
  if (f === MAXIMUM || f === MINIMUM) return nativeExtremum(f === MAXIMUM, a, b, out);
  return false;
}

// The callback loops, per array kind (Note [loops per array kind]).

function binaryDenseF32(a: Float32Array, ao: number, b: Float32Array, bo: number, out: Float32Array, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(a[ao + i] as number, b[bo + i] as number);
}

function binaryDenseAny(a: TypedArray, ao: number, b: TypedArray, bo: number, out: TypedArray, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(a[ao + i] as number, b[bo + i] as number);
}

function binaryScalarRightF32(a: Float32Array, ao: number, y: number, out: Float32Array, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(a[ao + i] as number, y);
}

function binaryScalarRightAny(a: TypedArray, ao: number, y: number, out: TypedArray, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(a[ao + i] as number, y);
}

function binaryScalarLeftF32(x: number, b: Float32Array, bo: number, out: Float32Array, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(x, b[bo + i] as number);
}

function binaryScalarLeftAny(x: number, b: TypedArray, bo: number, out: TypedArray, n: number, f: BinaryFn): void {
  for (let i = 0; i < n; i++) out[i] = f(x, b[bo + i] as number);
}

function binaryStridedF32(ad: Float32Array, bd: Float32Array, w: RowWalker, out: Float32Array, f: BinaryFn): void {
  const m = w.inner;
  const as = w.aInner;
  const bs = w.bInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a, q = w.b; j < m; j++, p += as, q += bs) out[k++] = f(ad[p] as number, bd[q] as number);
  } while (w.next());
}

function binaryStridedAny(ad: TypedArray, bd: TypedArray, w: RowWalker, out: TypedArray, f: BinaryFn): void {
  const m = w.inner;
  const as = w.aInner;
  const bs = w.bInner;
  let k = 0;
  do {
    for (let j = 0, p = w.a, q = w.b; j < m; j++, p += as, q += bs) out[k++] = f(ad[p] as number, bd[q] as number);
  } while (w.next());
}

// The named-kernel loops (Note [named kernels]). One loop per op in each function: each loop
// keeps its own type feedback. The float32 and the any-dtype functions are written out twice on
// purpose: V8 keeps type feedback per function literal, and closures made by one factory share
// it, so generating both from one source would make the float32 loops polymorphic again
// (measured: ~10% slower on float32 in a micro-benchmark).

// Unrolled by four: V8 keeps the loop scalar, and the unrolling amortises the per-iteration
// loop and bounds-check overhead (20–40 % faster at 1M elements).
function denseF32(op: Op, a: Float32Array, ao: number, b: Float32Array, bo: number, out: Float32Array, n: number): void {
  const n4 = n - (n & 3);
  let i = 0;
  switch (op) {
    case OP_ADD:
      for (; i < n4; i += 4) {
        const p = ao + i;
        const q = bo + i;
        out[i] = (a[p] as number) + (b[q] as number);
        out[i + 1] = (a[p + 1] as number) + (b[q + 1] as number);
        out[i + 2] = (a[p + 2] as number) + (b[q + 2] as number);
        out[i + 3] = (a[p + 3] as number) + (b[q + 3] as number);
      }
      for (; i < n; i++) out[i] = (a[ao + i] as number) + (b[bo + i] as number);
      return;
    case OP_SUB:
      for (; i < n4; i += 4) {
        const p = ao + i;
        const q = bo + i;
        out[i] = (a[p] as number) - (b[q] as number);
        out[i + 1] = (a[p + 1] as number) - (b[q + 1] as number);
        out[i + 2] = (a[p + 2] as number) - (b[q + 2] as number);
        out[i + 3] = (a[p + 3] as number) - (b[q + 3] as number);
      }
      for (; i < n; i++) out[i] = (a[ao + i] as number) - (b[bo + i] as number);
      return;
    case OP_MUL:
      for (; i < n4; i += 4) {
        const p = ao + i;
        const q = bo + i;
        out[i] = (a[p] as number) * (b[q] as number);
        out[i + 1] = (a[p + 1] as number) * (b[q + 1] as number);
        out[i + 2] = (a[p + 2] as number) * (b[q + 2] as number);
        out[i + 3] = (a[p + 3] as number) * (b[q + 3] as number);
      }
      for (; i < n; i++) out[i] = (a[ao + i] as number) * (b[bo + i] as number);
      return;
    default:
      for (; i < n4; i += 4) {
        const p = ao + i;
        const q = bo + i;
        out[i] = (a[p] as number) / (b[q] as number);
        out[i + 1] = (a[p + 1] as number) / (b[q + 1] as number);
        out[i + 2] = (a[p + 2] as number) / (b[q + 2] as number);
        out[i + 3] = (a[p + 3] as number) / (b[q + 3] as number);
      }
      for (; i < n; i++) out[i] = (a[ao + i] as number) / (b[bo + i] as number);
  }
}

function denseAny(op: Op, a: TypedArray, ao: number, b: TypedArray, bo: number, out: TypedArray, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) + (b[bo + i] as number);
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) - (b[bo + i] as number);
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) * (b[bo + i] as number);
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) / (b[bo + i] as number);
  }
}

function scalarRightF32(op: Op, a: Float32Array, ao: number, y: number, out: Float32Array, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) + y;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) - y;
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) * y;
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) / y;
  }
}

function scalarRightAny(op: Op, a: TypedArray, ao: number, y: number, out: TypedArray, n: number): void {
  switch (op) {
    case OP_ADD:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) + y;
      return;
    case OP_SUB:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) - y;
      return;
    case OP_MUL:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) * y;
      return;
    default:
      for (let i = 0; i < n; i++) out[i] = (a[ao + i] as number) / y;
  }
}

function stridedNamed(op: Op, ad: TypedArray, bd: TypedArray, w: RowWalker, out: TypedArray): void {
  const m = w.inner;
  const as = w.aInner;
  const bs = w.bInner;
  let k = 0;
  do {
    let p = w.a;
    let q = w.b;
    switch (op) {
      case OP_ADD:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) + (bd[q] as number);
        break;
      case OP_SUB:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) - (bd[q] as number);
        break;
      case OP_MUL:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) * (bd[q] as number);
        break;
      default:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) / (bd[q] as number);
    }
  } while (w.next());
}

function stridedNamedF32(op: Op, ad: Float32Array, bd: Float32Array, w: RowWalker, out: Float32Array): void {
  const m = w.inner;
  const as = w.aInner;
  const bs = w.bInner;
  let k = 0;
  do {
    let p = w.a;
    let q = w.b;
    switch (op) {
      case OP_ADD:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) + (bd[q] as number);
        break;
      case OP_SUB:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) - (bd[q] as number);
        break;
      case OP_MUL:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) * (bd[q] as number);
        break;
      default:
        for (let j = 0; j < m; j++, p += as, q += bs) out[k++] = (ad[p] as number) / (bd[q] as number);
    }
  } while (w.next());
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
  // of the permuted order.
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
  if (nOut === 0) return;
  if (count === 0) {
    for (let o = 0; o < nOut; o++) out[o] = finish ? finish(init, 0) : init;
    return;
  }
  const w = new RowWalker(pShape, pStride, src.offset, pStride, src.offset);
  const m = w.inner;
  const s = w.aInner;
  let acc = init;
  let j = 0;
  let o = 0;
  do {
    for (let i = 0, p = w.a; i < m; i++, p += s) {
      acc = step(acc, d[p] as number);
      if (++j === count) {
        out[o++] = finish ? finish(acc, count) : acc;
        acc = init;
        j = 0;
      }
    }
  } while (w.next());
}

// Note [float32 sums]: sums accumulate in double. Float64 (and integer) values are added in
// row-major order of the reduced dims, from 0. Float32 values, whose sums are rounded back to
// float32, are added into eight double accumulators (element j of an output goes to
// accumulator j % 8 while a full eight remain), combined pairwise ((0+1)+(2+3))+((4+5)+(6+7)),
// and then the last count % 8 elements are added in order: eight independent additions per
// step instead of one chain, which both the TypeScript loop and the native kernel
// (native/ts_torch.c, vectorised) run in exactly this order, whatever the input's layout.
// Either order rounds to the same float32 in all but rare ties of the double sum; PyTorch's
// own float32 sum (a float32 cascade) is less accurate than both.

/**
 * sum (or, with `mean`, sum / count) over the dims flagged in `reduceMask`, accumulating in
 * double in the order of Note [float32 sums], with the addition written inline
 * (Note [named kernels]).
 */
export function reduceSum(src: StridedView, reduceMask: readonly boolean[], out: TypedArray, mean: boolean): void {
  const shape = src.shape;
  const ndim = shape.length;
  const nOut = out.length;
  if (nOut === 0) return;
  let count = 1;
  let trailing = true;
  let seenReduced = false;
  for (let i = 0; i < ndim; i++) {
    if (reduceMask[i]) {
      count *= shape[i] as number;
      seenReduced = true;
    } else if (seenReduced && (shape[i] as number) !== 1) {
      trailing = false;
    }
  }
  const d = src.data;
  if (trailing && isDense(shape, src.stride)) {
    // Every output is a contiguous run of `count` elements.
    if (d instanceof Float32Array) {
      const acc = new Float64Array(nOut);
      if (!nativeSumRuns(d, src.offset, count, acc)) {
        for (let o = 0, p = src.offset; o < nOut; o++, p += count) acc[o] = sumRunF32(d, p, count);
      }
      for (let o = 0; o < nOut; o++) out[o] = mean ? (acc[o] as number) / count : (acc[o] as number);
      return;
    }
    let p = src.offset;
    for (let o = 0; o < nOut; o++, p += count) {
      const acc = sumRunAny(d, p, count);
      out[o] = mean ? acc / count : acc;
    }
    return;
  }
  if (d instanceof Float32Array) {
    reduceSumStridedF32(src, reduceMask, count, out, mean);
    return;
  }
  // Walk the input in its own row-major order, adding each element into its output's
  // accumulator: for any one output the additions come in the same order as above.
  const acc = new Float64Array(nOut);
  if (count > 0) {
    const w = new RowWalker(shape, src.stride, src.offset, outputStrides(shape, reduceMask), 0);
    const m = w.inner;
    const as = w.aInner;
    const bs = w.bInner;
    do {
      for (let j = 0, p = w.a, q = w.b; j < m; j++, p += as, q += bs) acc[q] = (acc[q] as number) + (d[p] as number);
    } while (w.next());
  }
  for (let o = 0; o < nOut; o++) out[o] = mean ? (acc[o] as number) / count : (acc[o] as number);
}

/** Strides that map an input position to its output's row-major index: 0 along reduced dims. */
function outputStrides(shape: readonly number[], reduceMask: readonly boolean[]): number[] {
  const outStride = new Array<number>(shape.length).fill(0);
  for (let i = shape.length - 1, s = 1; i >= 0; i--) {
    if (!reduceMask[i]) {
      outStride[i] = s;
      s *= shape[i] as number;
    }
  }
  return outStride;
}

/** One output's float32 sum (Note [float32 sums]). */
export function sumRunF32(d: Float32Array, p: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  const end8 = p + n - (n & 7);
  let i = p;
  for (; i < end8; i += 8) {
    s0 += d[i] as number;
    s1 += d[i + 1] as number;
    s2 += d[i + 2] as number;
    s3 += d[i + 3] as number;
    s4 += d[i + 4] as number;
    s5 += d[i + 5] as number;
    s6 += d[i + 6] as number;
    s7 += d[i + 7] as number;
  }
  let acc = (s0 + s1 + (s2 + s3)) + (s4 + s5 + (s6 + s7));
  for (const end = p + n; i < end; i++) acc += d[i] as number;
  return acc;
}

/**
 * A float32 sum whose outputs' elements are not contiguous runs; adds each output's elements
 * in the order of sumRunF32 (Note [float32 sums]), in one of two walks.
 */
function reduceSumStridedF32(src: StridedView, reduceMask: readonly boolean[], count: number, out: TypedArray, mean: boolean): void {
  const nOut = out.length;
  const total = new Float64Array(nOut);
  if (count > 0) {
    if (nOut >= 16) sumLockstepF32(src, reduceMask, count, total);
    else sumByCounterF32(src, reduceMask, count, total);
  }
  for (let o = 0; o < nOut; o++) out[o] = mean ? (total[o] as number) / count : (total[o] as number);
}

/**
 * Many outputs: visits the reduced positions j = 0, 1, … in row-major order and, for each,
 * adds the slice of kept elements to every output at once (a streaming loop over the kept
 * dims, e.g. the rows of a batch summed into a bias gradient).
 */
function sumLockstepF32(src: StridedView, reduceMask: readonly boolean[], count: number, total: Float64Array): void {
  const d = src.data as Float32Array;
  const nOut = total.length;
  const keptShape: number[] = [];
  const keptStride: number[] = [];
  const redShape: number[] = [];
  const redStride: number[] = [];
  for (let i = 0; i < src.shape.length; i++) {
    (reduceMask[i] ? redShape : keptShape).push(src.shape[i] as number);
    (reduceMask[i] ? redStride : keptStride).push(src.stride[i] as number);
  }
  const outStride = new Array<number>(keptShape.length);
  for (let i = keptShape.length - 1, s = 1; i >= 0; i--) {
    outStride[i] = s;
    s *= keptShape[i] as number;
  }
  const partial = new Float64Array(8 * nOut);
  const full = count - (count & 7);
  const counter = new Array<number>(redShape.length).fill(0);
  let base = src.offset;
  if (isDense(keptShape, keptStride)) {
    // Each reduced position adds one contiguous run: the native kernel can take it.
    const starts = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      starts[j] = base;
      base = nextStart(base, counter, redShape, redStride);
    }
    if (nativeSumLockstep(d, starts, partial, total)) return;
    counter.fill(0);
    base = src.offset;
  }
  for (let j = 0; j < count; j++) {
    if (j === full) for (let o = 0; o < nOut; o++) total[o] = combineSlots(partial, nOut, o);
    const acc = j < full ? partial : total;
    const slot = j < full ? (j & 7) * nOut : 0;
    const w = new RowWalker(keptShape, keptStride, base, outStride, 0);
    const m = w.inner;
    const as = w.aInner;
    const bs = w.bInner;
    do {
      for (let i = 0, p = w.a, q = slot + w.b; i < m; i++, p += as, q += bs) acc[q] = (acc[q] as number) + (d[p] as number);
    } while (w.next());
    base = nextStart(base, counter, redShape, redStride);
  }
  if (full === count) for (let o = 0; o < nOut; o++) total[o] = combineSlots(partial, nOut, o);
}

/** Advances an odometer over `shape` (row-major) and returns the next start offset. */
function nextStart(base: number, counter: number[], shape: readonly number[], stride: readonly number[]): number {
  for (let r = shape.length - 1; r >= 0; r--) {
    base += stride[r] as number;
    const c = (counter[r] as number) + 1;
    if (c < (shape[r] as number)) {
      counter[r] = c;
      return base;
    }
    base -= c * (stride[r] as number);
    counter[r] = 0;
  }
  return base;
}

/** Few outputs: walks the input in its own row-major order, counting each output's elements. */
function sumByCounterF32(src: StridedView, reduceMask: readonly boolean[], count: number, total: Float64Array): void {
  const shape = src.shape;
  const nOut = total.length;
  const d = src.data as Float32Array;
  const partial = new Float64Array(8 * nOut);
  const seen = new Float64Array(nOut);
  const full = count - (count & 7);
  const w = new RowWalker(shape, src.stride, src.offset, outputStrides(shape, reduceMask), 0);
  const m = w.inner;
  const as = w.aInner;
  const bs = w.bInner;
  do {
    for (let j = 0, p = w.a, q = w.b; j < m; j++, p += as, q += bs) {
      const k = seen[q] as number;
      seen[q] = k + 1;
      if (k < full) {
        const slot = (k & 7) * nOut + q;
        partial[slot] = (partial[slot] as number) + (d[p] as number);
      } else {
        if (k === full) total[q] = combineSlots(partial, nOut, q);
        total[q] = (total[q] as number) + (d[p] as number);
      }
    }
  } while (w.next());
  if (full === count) for (let o = 0; o < nOut; o++) total[o] = combineSlots(partial, nOut, o);
}

/** Output o's eight accumulators (slot k at k·nOut + o), combined as in sumRunF32. */
function combineSlots(s: Float64Array, nOut: number, o: number): number {
  const at = (k: number) => s[k * nOut + o] as number;
  return at(0) + at(1) + (at(2) + at(3)) + (at(4) + at(5) + (at(6) + at(7)));
}

/** One output's sum of a non-float32 run: in order from 0 (Note [float32 sums]). */
export function sumRunAny(d: TypedArray, p: number, n: number): number {
  let acc = 0;
  for (let j = 0; j < n; j++) acc += d[p + j] as number;
  return acc;
}

/**
 * max/min over contiguous runs: for run o (data[offset + o·len …+len), len ≥ 1), values[o] is
 * its extreme and indices[o] that element's index in the run: the first NaN if any (PyTorch
 * propagates NaN), else the first element equal to the largest (smallest) value. Without
 * needIndex the indices may be left unset.
 */
export function extremeRuns(data: TypedArray, offset: number, len: number, isMax: boolean, values: TypedArray, indices: Float64Array, needIndex = true): void {
  if (nativeExtremeRuns(data, offset, len, isMax, values, indices, needIndex)) return;
  const nOut = indices.length;
  for (let o = 0, p = offset; o < nOut; o++, p += len) {
    let m = data[p] as number;
    let mi = 0;
    if (m === m) {
      for (let i = 1; i < len; i++) {
        const v = data[p + i] as number;
        if (isMax ? v > m : v < m) {
          m = v;
          mi = i;
        } else if (v !== v) {
          m = v;
          mi = i;
          break;
        }
      }
    }
    values[o] = m;
    indices[o] = mi;
  }
}

// Small products (a perceptron's 1×10 · 10×1) are dominated by allocating their work arrays,
// so those up to SCRATCH_MAX doubles reuse two module-level buffers; bigger ones allocate, so
// that no large buffer stays alive after the product. Kernels never re-enter, so one set of
// buffers is enough.
const SCRATCH_MAX = 1 << 16;
const scratchBufs: Float64Array[] = [new Float64Array(64), new Float64Array(64)];

function scratch(which: 0 | 1, size: number): Float64Array {
  if (size > SCRATCH_MAX) return new Float64Array(size);
  let buf = scratchBufs[which] as Float64Array;
  if (buf.length < size) {
    buf = new Float64Array(Math.max(size, 2 * buf.length));
    scratchBufs[which] = buf;
  }
  return buf;
}

/**
 * Batched matrix product: out[b] = a[b] @ b[b] for `batch` matrices of (m×k)·(k×n), each
 * operand given by its strides (batch, row, col). Accumulates in double over a dense copy of
 * b, four rows of a at a time: each row of b is loaded once for four output rows (register
 * blocking), while every output element still adds its k products in order from 0, so the
 * values are those of the plain i-k-j loop.
 */
export function bmm(
  a: TypedArray, aOff: number, aBs: number, aRs: number, aCs: number,
  b: TypedArray, bOff: number, bBs: number, bRs: number, bCs: number,
  out: TypedArray, batch: number, m: number, k: number, n: number,
): void {
  if (nativeBmm(a, aOff, aBs, aRs, aCs, b, bOff, bBs, bRs, bCs, out, batch, m, k, n)) return;
  const rows = scratch(0, 4 * n);
  const bDense = scratch(1, k * n);
  for (let t = 0; t < batch; t++) {
    const bBase = bOff + t * bBs;
    for (let p = 0; p < k; p++) {
      const src = bBase + p * bRs;
      for (let j = 0; j < n; j++) bDense[p * n + j] = b[src + j * bCs] as number;
    }
    const aBase = aOff + t * aBs;
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      rows.fill(0, 0, 4 * n);
      const a0 = aBase + i * aRs;
      rowBlock4(a, a0, a0 + aRs, a0 + 2 * aRs, a0 + 3 * aRs, aCs, bDense, rows, k, n);
      const oBase = (t * m + i) * n;
      for (let j = 0; j < 4 * n; j++) out[oBase + j] = rows[j] as number;
    }
    for (; i < m; i++) {
      rows.fill(0, 0, n);
      const ai = aBase + i * aRs;
      for (let p = 0; p < k; p++) {
        const x = a[ai + p * aCs] as number;
        const bp = p * n;
        for (let j = 0; j < n; j++) rows[j] = (rows[j] as number) + x * (bDense[bp + j] as number);
      }
      const oBase = (t * m + i) * n;
      for (let j = 0; j < n; j++) out[oBase + j] = rows[j] as number;
    }
  }
}

function rowBlock4(
  a: TypedArray, r0: number, r1: number, r2: number, r3: number, aCs: number,
  bDense: Float64Array, rows: Float64Array, k: number, n: number,
): void {
  const n2 = 2 * n;
  const n3 = 3 * n;
  for (let p = 0; p < k; p++) {
    const c = p * aCs;
    const x0 = a[r0 + c] as number;
    const x1 = a[r1 + c] as number;
    const x2 = a[r2 + c] as number;
    const x3 = a[r3 + c] as number;
    const bp = p * n;
    for (let j = 0; j < n; j++) {
      const y = bDense[bp + j] as number;
      rows[j] = (rows[j] as number) + x0 * y;
      rows[n + j] = (rows[n + j] as number) + x1 * y;
      rows[n2 + j] = (rows[n2 + j] as number) + x2 * y;
      rows[n3 + j] = (rows[n3 + j] as number) + x3 * y;
    }
  }
}
