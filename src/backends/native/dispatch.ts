// When the kernels of ../cpu.ts hand a loop to the native addon: float32 operands (a float32
// scalar operand counts), at least NATIVE_MIN_ELEMENTS elements, and the addon loaded. Each
// function returns false when it did nothing, and the TypeScript loop runs instead.
import type { TypedArray } from '../../tensor/dtype.ts';
import type { StridedView } from '../strided.ts';
import { native, nativeUnaryAllowed, NATIVE_MIN_ELEMENTS } from './index.ts';

const scalarF32 = [new Float32Array(1), new Float32Array(1)];

/** A float32 array holding the view's data, or null when its values aren't float32. */
function f32Data(v: StridedView, which: 0 | 1): { data: Float32Array; offset: number } | null {
  if (v.data instanceof Float32Array) return { data: v.data, offset: v.offset };
  // A Python-number operand arrives as a one-element double array with all strides 0; a value
  // that float32 holds exactly gives the same results as a float32 tensor would.
  for (const s of v.stride) if (s !== 0) return null;
  const x = v.data[v.offset] as number;
  if (Math.fround(x) !== x && !Number.isNaN(x)) return null;
  const box = scalarF32[which] as Float32Array;
  box[0] = x;
  return { data: box, offset: 0 };
}

/** out = a op b (op 0..3: + − × ÷) for views already broadcast to one shape; out dense over it. */
export function nativeBinary(op: number, a: StridedView, b: StridedView, out: TypedArray): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(out instanceof Float32Array)) return false;
  const fa = f32Data(a, 0);
  const fb = f32Data(b, 1);
  if (fa === null || fb === null) return false;
  const nd = a.shape.length;
  const meta = new Float64Array(3 + 3 * nd);
  meta[0] = nd;
  meta[1] = fa.offset;
  meta[2] = fb.offset;
  for (let d = 0; d < nd; d++) {
    meta[3 + d] = a.shape[d] as number;
    meta[3 + nd + d] = fa.data === a.data ? (a.stride[d] as number) : 0;
    meta[3 + 2 * nd + d] = fb.data === b.data ? (b.stride[d] as number) : 0;
  }
  k.binary_f32(op, fa.data, fb.data, out, meta);
  return true;
}

/** out[i] = f(src[offset + i]) for a dense float32 source (which: unary_f32's kernel code). */
export function nativeUnaryDense(which: number, data: TypedArray, offset: number, out: TypedArray): boolean {
  const k = native;
  if (k === null || out.length < NATIVE_MIN_ELEMENTS || !(data instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if (!nativeUnaryAllowed(which)) return false;
  k.unary_f32(which, data, offset, out);
  return true;
}

/** acc[o] = sum of the run data[offset + o·count …) (Note [float32 sums]), for float32 data. */
export function nativeSumRuns(data: TypedArray, offset: number, count: number, acc: Float64Array): boolean {
  const k = native;
  if (k === null || count * acc.length < NATIVE_MIN_ELEMENTS || !(data instanceof Float32Array)) return false;
  k.sum_runs_f32(data, offset, count, acc);
  return true;
}

/**
 * total[o] = sum over j of data[starts[j] + o] (Note [float32 sums]) for float32 data, each
 * reduced position j adding one contiguous run of total.length elements.
 */
export function nativeSumLockstep(data: TypedArray, starts: Float64Array, partial: Float64Array, total: Float64Array): boolean {
  const k = native;
  if (k === null || starts.length * total.length < NATIVE_MIN_ELEMENTS || !(data instanceof Float32Array)) return false;
  k.sum_lockstep_f32(data, starts, partial, total);
  return true;
}

/** values[o], indices[o] = the extreme of run o (data[offset + o·len …+len)) and (needIndex) its first index. */
export function nativeExtremeRuns(data: TypedArray, offset: number, len: number, isMax: boolean, values: TypedArray, indices: Float64Array, needIndex: boolean): boolean {
  const k = native;
  if (k === null || len * indices.length < NATIVE_MIN_ELEMENTS || !(data instanceof Float32Array) || !(values instanceof Float32Array)) return false;
  k.extreme_runs_f32(data, offset, len, isMax, values, indices, needIndex);
  return true;
}

/** The batched matrix product of ../cpu.ts's bmm, for float32 operands and output. */
export function nativeBmm(
  a: TypedArray, aOff: number, aBs: number, aRs: number, aCs: number,
  b: TypedArray, bOff: number, bBs: number, bRs: number, bCs: number,
  out: TypedArray, batch: number, m: number, k: number, n: number,
): boolean {
  const kn = native;
  if (kn === null || batch * m * k * n < NATIVE_MIN_ELEMENTS || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  kn.bmm_f32(a, b, out, new Float64Array([aOff, aBs, aRs, aCs, bOff, bBs, bRs, bCs, batch, m, k, n]));
  return true;
}

/** conv.ts's mapGather for float32 planes (im2col, padding, resampling maps). */
export function nativeMapGather(
  x: TypedArray, xOff: number, planes: number, inSize: number, outSize: number, K: number,
  idx: Int32Array, w: Float64Array | null, perPlane: boolean, fill: number, out: TypedArray,
): boolean {
  const k = native;
  if (k === null || out.length * K < NATIVE_MIN_ELEMENTS || !(x instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  k.map_gather_f32(x, idx, w, out, new Float64Array([xOff, planes, inSize, outSize, K, perPlane ? 1 : 0, fill]));
  return true;
}
