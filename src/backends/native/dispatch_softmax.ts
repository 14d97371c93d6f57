// When softmax / log_softmax (src/ops/softmax.ts) hand their rows to the native addon
// (native/softmax_f32.h): float32 rows, at least NATIVE_MIN_ELEMENTS elements in all, the addon
// loaded, and exp/log allowed on this engine (Note [verified engines]: the kernel reproduces
// V8 11.3's fdlibm Math.exp and Math.log). Returns false when it did nothing, and the
// TypeScript lines run instead.
import type { TypedArray } from '../../tensor/dtype.ts';
import { native, nativeUnaryAllowed, NATIVE_MIN_ELEMENTS } from './index.ts';

/** Whether nativeSoftmaxRows would run for `numel` float32 elements. */
export function nativeSoftmaxUsable(numel: number): boolean {
  return native !== null && numel >= NATIVE_MIN_ELEMENTS && nativeUnaryAllowed(0) && nativeUnaryAllowed(8);
}

/**
 * out (dense) = softmax (isLog false) or log_softmax of the lines of the dense float32 block
 * data[offset …offset + out.length): n elements each, `inner` apart (inner = the product of the
 * sizes after the softmax dim), exactly as softmaxLine / logSoftmaxLine compute them.
 */
export function nativeSoftmaxLines(isLog: boolean, data: TypedArray, offset: number, n: number, inner: number, out: TypedArray): boolean {
  const k = native;
  if (k === null || n < 1 || inner < 1 || !nativeSoftmaxUsable(out.length) || !(data instanceof Float32Array) || !(out instanceof Float32Array)) return false;
  if (data.buffer === out.buffer) return false; // the kernel needs separate input and output
  k.softmax_f32(isLog, data, offset, n, inner, out);
  return true;
}
