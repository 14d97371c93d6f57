// When the comparison, maximum/minimum, where, clamp and scatter-map kernels hand a loop to
// the native addon (native/kernels_more.h): float32 operands (a float32-exact scalar operand
// counts), at least NATIVE_MIN_ELEMENTS elements, and the addon loaded. Each function returns
// false when it did nothing, and the TypeScript loop runs instead.
import type { TypedArray } from '../../tensor/dtype.ts';
import type { StridedView } from '../strided.ts';
import { native, NATIVE_MIN_ELEMENTS } from './index.ts';

const scalarF32 = [new Float32Array(1), new Float32Array(1), new Float32Array(1)];

/** A float32 array holding the view's data (with its offset), or null when its values aren't float32. */
function f32Data(v: StridedView, which: 0 | 1 | 2): { data: Float32Array; offset: number; boxed: boolean } | null {
  if (v.data instanceof Float32Array) return { data: v.data, offset: v.offset, boxed: false };
  // A scalar (every stride 0) of another kind whose value float32 holds exactly reads as that float32.
  for (const s of v.stride) if (s !== 0) return null;
  const x = v.data[v.offset] as number;
  if (typeof x !== 'number' || (Math.fround(x) !== x && !Number.isNaN(x))) return null;
  const box = scalarF32[which] as Float32Array;
  box[0] = x;
  return { data: box, offset: 0, boxed: true };
}

/** meta = [ndim, offsets…, shape…, strides of each operand…] for views over one shape (a boxed scalar gets strides 0). */
function walkMeta(shape: readonly number[], views: readonly { view: StridedView; offset: number; boxed: boolean }[]): Float64Array {
  const nd = shape.length === 0 ? 1 : shape.length;
  const k = views.length;
  const meta = new Float64Array(1 + k + (k + 1) * nd);
  meta[0] = nd;
  if (shape.length === 0) meta[1 + k] = 1; // a 0-dim view: one element, strides 0
  for (let i = 0; i < k; i++) {
    const v = views[i] as { view: StridedView; offset: number; boxed: boolean };
    meta[1 + i] = v.offset;
    for (let d = 0; d < shape.length; d++) {
      if (i === 0) meta[1 + k + d] = shape[d] as number;
      meta[1 + k + (1 + i) * nd + d] = v.boxed ? 0 : (v.view.stride[d] as number);
    }
  }
  return meta;
}

/** out = a op b as 1/0 (op 0..5: == != < <= > >=) for float32 views broadcast to one shape; out (Uint8Array) dense over it. */
export function nativeCompare(op: number, a: StridedView, b: StridedView, out: TypedArray): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(out instanceof Uint8Array)) return false;
  const fa = f32Data(a, 0);
  const fb = f32Data(b, 1);
  if (fa === null || fb === null) return false;
  k.compare_f32(op, fa.data, fb.data, out, walkMeta(a.shape, [{ view: a, ...fa }, { view: b, ...fb }]));
  return true;
}

/** out = maximum/minimum(a, b) (cpu.ts's MAXIMUM/MINIMUM) for float32 views broadcast to one shape; out dense. */
export function nativeExtremum(isMax: boolean, a: StridedView, b: StridedView, out: TypedArray): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(out instanceof Float32Array)) return false;
  const fa = f32Data(a, 0);
  const fb = f32Data(b, 1);
  if (fa === null || fb === null) return false;
  k.extremum_f32(isMax, fa.data, fb.data, out, walkMeta(a.shape, [{ view: a, ...fa }, { view: b, ...fb }]));
  return true;
}

/** out = cond ? a : b over one shape (views broadcast to it; cond bool or uint8); out float32, dense. */
export function nativeWhere(cond: StridedView, a: StridedView, b: StridedView, out: TypedArray): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(out instanceof Float32Array) || !(cond.data instanceof Uint8Array)) return false;
  const fa = f32Data(a, 1);
  const fb = f32Data(b, 2);
  if (fa === null || fb === null) return false;
  const c = { view: cond, offset: cond.offset, boxed: false };
  k.where_f32(cond.data, fa.data, fb.data, out, walkMeta(a.shape, [c, { view: a, ...fa }, { view: b, ...fb }]));
  return true;
}

/** out = Math.min(Math.max(x, lo), hi) over a float32 view (any layout), out dense, for float32-exact bounds. */
export function nativeClamp(src: StridedView, out: TypedArray, lo: number, hi: number): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(src.data instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if ((Math.fround(lo) !== lo && !Number.isNaN(lo)) || (Math.fround(hi) !== hi && !Number.isNaN(hi))) return false;
  k.clamp_f32(src.data, out, lo, hi, walkMeta(src.shape, [{ view: src, offset: src.offset, boxed: false }]));
  return true;
}

/** conv.ts's mapScatter (the transpose of mapGather) for float32 gradients. */
export function nativeMapScatter(
  g: TypedArray, gOff: number, planes: number, inSize: number, outSize: number, K: number,
  idx: Int32Array, w: Float64Array | null, perPlane: boolean, res: Float64Array,
): boolean {
  const k = native;
  if (k === null || planes * outSize * K < NATIVE_MIN_ELEMENTS || !(g instanceof Float32Array)) return false;
  k.map_scatter_f32(g, idx, w, res, new Float64Array([gOff, planes, inSize, outSize, K, perPlane ? 1 : 0]));
  return true;
}
