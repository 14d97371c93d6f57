// softmax and log_softmax over one dim, with _softmax_backward_data / _log_softmax_backward_data
// as their gradients.
import { Tensor } from '../tensor/tensor.ts';
import { float32, type dtype } from '../tensor/dtype.ts';
import { RuntimeError, TorchTypeError } from '../errors.ts';
import { wrapDim } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { copyValues, _to_dtype } from './copy.ts';
import { mul, sub } from './pointwise/arithmetic.ts';
import { sum } from './reduce/reduce.ts';
import { exp } from './pointwise/unary.ts';
import { nativeSoftmaxLines, nativeSoftmaxUsable } from '../backends/native/dispatch_softmax.ts';

export type SoftmaxDim = number | { dim: number; dtype?: dtype; _stacklevel?: number };

function parse(dim: SoftmaxDim | undefined, opts?: { dtype?: dtype }): { dim: number; dtype?: dtype } {
  if (dim === undefined || dim === null) {
    throw new TorchTypeError('softmax() missing required argument: dim (ts-torch requires dim; implicit dim is deprecated in PyTorch)');
  }
  if (typeof dim === 'number') return { dim, dtype: opts?.dtype };
  return { dim: dim.dim, dtype: dim.dtype ?? opts?.dtype };
}

/** Runs f over every line along `dim` of a dense copy: f(values, start, stride, count). */
function alongDim(x: Tensor, d: number, outDtype: dtype, f: (v: Float64Array, o: Float64Array, start: number, step: number, n: number) => void): Tensor {
  const src = copyValues(x, x.dtype === outDtype ? x.dtype : outDtype);
  const v = Float64Array.from(src._data);
  const o = new Float64Array(v.length);
  const shape = x._shape;
  const n = shape.length === 0 ? 1 : (shape[d] as number);
  let inner = 1;
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i] as number;
  const outer = n === 0 ? 0 : v.length / (n * inner);
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) f(v, o, a * n * inner + b, inner, n);
  }
  const out = Tensor._empty(shape.slice(), outDtype);
  out._data.set(o as never);
  return out;
}

/**
 * alongDim(x, d, float32, isLog ? logSoftmaxLine : softmaxLine) through the native kernel
 * (native/softmax_f32.h, bit-identical to those lines), or null when it doesn't apply.
 */
function alongDimNative(x: Tensor, d: number, isLog: boolean): Tensor | null {
  if (x.dtype !== float32) return null;
  const shape = x._shape;
  const numel = x.numel();
  if (numel === 0 || !nativeSoftmaxUsable(numel)) return null;
  const n = shape.length === 0 ? 1 : (shape[d] as number);
  let inner = 1;
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i] as number;
  // A contiguous input is read in place; anything else through a dense copy.
  const src = x.is_contiguous() ? x : copyValues(x, float32);
  const out = Tensor._empty(shape.slice(), float32);
  return nativeSoftmaxLines(isLog, src._data, src._offset, n, inner, out._data) ? out : null;
}

function softmaxLine(v: Float64Array, o: Float64Array, s: number, step: number, n: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, v[s + i * step] as number);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((v[s + i * step] as number) - max);
    o[s + i * step] = e;
    total += e;
  }
  for (let i = 0; i < n; i++) o[s + i * step] = (o[s + i * step] as number) / total;
}

function logSoftmaxLine(v: Float64Array, o: Float64Array, s: number, step: number, n: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, v[s + i * step] as number);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.exp((v[s + i * step] as number) - max);
  const lse = Math.log(total) + max;
  for (let i = 0; i < n; i++) o[s + i * step] = (v[s + i * step] as number) - lse;
}

function prepare(input: Tensor, dt: dtype | undefined): Tensor {
  if (dt !== undefined) return _to_dtype(input, dt, false);
  return input;
}

/**
 * _softmax keeps the input's dtype, and its CPU kernels exist only for floats: an integer input
 * (without `dtype`) fails in the kernel PyTorch picks, unless there is nothing to compute.
 */
function checkFloating(x: Tensor, d: number, lastKernel: string, kernel: string): Tensor | null {
  if (x.dtype.is_floating_point) return null;
  if (x.numel() === 0) return Tensor._empty(x._shape.slice(), x.dtype);
  const name = x._shape.length === 0 || d === x._shape.length - 1 ? lastKernel : kernel;
  throw new RuntimeError(`"${name}" not implemented for '${x.dtype.scalarName}'`);
}

export function softmax(input: Tensor, dim: SoftmaxDim, opts?: { dtype?: dtype }): Tensor {
  const p = parse(dim, opts);
  const x = prepare(input, p.dtype);
  const d = wrapDim(p.dim, x._shape.length);
  const empty = checkFloating(x, d, 'softmax_lastdim_kernel_impl', 'softmax_kernel_impl');
  if (empty) return empty;
  const out = alongDimNative(x, d, false) ?? alongDim(x, d, x.dtype, softmaxLine);
  if (needsGrad(x)) {
    // _softmax_backward_data: y ⊙ (g − Σ(g ⊙ y))
    record('SoftmaxBackward0', [x], out, (g, s) => {
      const y = s.get(0);
      const gs = g[0] as Tensor;
      return [mul(y, sub(gs, sum(mul(gs, y), d, true)))];
    }, [out]);
  }
  return out;
}

export function log_softmax(input: Tensor, dim: SoftmaxDim, opts?: { dtype?: dtype }): Tensor {
  const p = parse(dim, opts);
  const x = prepare(input, p.dtype);
  const d = wrapDim(p.dim, x._shape.length);
  // (PyTorch 1.13's non-last-dim log_softmax kernel reports itself as "softmax_kernel_impl".)
  const empty = checkFloating(x, d, 'log_softmax_lastdim_kernel_impl', 'softmax_kernel_impl');
  if (empty) return empty;
  const out = alongDimNative(x, d, true) ?? alongDim(x, d, x.dtype, logSoftmaxLine);
  if (needsGrad(x)) {
    // _log_softmax_backward_data: g − exp(y) ⊙ Σg
    record('LogSoftmaxBackward0', [x], out, (g, s) => {
      const gs = g[0] as Tensor;
      return [sub(gs, mul(exp(s.get(0)), sum(gs, d, true)))];
    }, [out]);
  }
  return out;
}
