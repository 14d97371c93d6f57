// Shared by the torch.linalg ops: PyTorch's argument checks and error type, walking the batch of
// matrices of a tensor, named tuples, and small differentiable helpers the backward formulas use.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { float32, type dtype } from '../tensor/dtype.ts';
import { numelOf } from '../tensor/shape.ts';
import { transpose, unsqueeze } from '../ops/shape/views.ts';
import { mul } from '../ops/pointwise/arithmetic.ts';
import { eye } from '../tensor/fill_factories.ts';

/** torch.linalg.LinAlgError (Python's class is torch._C._LinAlgError, a RuntimeError). */
export class LinAlgError extends RuntimeError {
  override name = '_LinAlgError';
}

export function checkFloatingOrComplex(t: Tensor, fn: string): void {
  if (!t.dtype.is_floating_point) {
    throw new RuntimeError(`${fn}: Expected a floating point or complex tensor as input. Got ${t.dtype.scalarName}`);
  }
}

export function checkIsMatrix(t: Tensor, fn: string, arg = 'A'): void {
  if (t._shape.length < 2) throw new RuntimeError(`${fn}: The input tensor ${arg} must have at least 2 dimensions.`);
}

export function squareCheck(t: Tensor, fn: string, arg = 'A'): void {
  checkIsMatrix(t, fn, arg);
  const m = t._shape[t._shape.length - 2] as number;
  const n = t._shape[t._shape.length - 1] as number;
  if (m !== n) throw new RuntimeError(`${fn}: ${arg} must be batches of square matrices, but they are ${m} by ${n} matrices`);
}

/** The batch of matrices of `t` (…, m, n): each read as a row-major Float64Array. */
export function matrices(t: Tensor): { batch: number[]; m: number; n: number; count: number; get: (b: number) => Float64Array } {
  const nd = t._shape.length;
  const m = t._shape[nd - 2] as number;
  const n = t._shape[nd - 1] as number;
  const batch = t._shape.slice(0, nd - 2);
  const c = t.contiguous();
  const count = numelOf(batch);
  const get = (b: number): Float64Array => Float64Array.from(c._data.subarray(b * m * n, (b + 1) * m * n) as ArrayLike<number>);
  return { batch, m, n, count, get };
}

/** An output tensor filled batch element by batch element. */
export function output(shape: number[], dt: dtype): { t: Tensor; put: (b: number, vals: ArrayLike<number>) => void } {
  const t = Tensor._empty(shape, dt);
  return {
    t,
    put: (b, vals) => {
      const d = t._data;
      const off = b * vals.length;
      for (let i = 0; i < vals.length; i++) d[off + i] = vals[i] as number;
    },
  };
}

/** The batch element index prefix PyTorch puts on errors raised for one matrix of a batch. */
export function batchPrefix(batched: boolean, b: number): string {
  return batched ? `(Batch element ${b}): ` : '';
}

export function mT(x: Tensor): Tensor {
  return transpose(x, -2, -1);
}

/** diag_embed(v): v (…, n) on the diagonal of (…, n, n) zeros; composed so it is differentiable. */
export function diagEmbed(v: Tensor): Tensor {
  const n = v._shape[v._shape.length - 1] as number;
  return mul(unsqueeze(v, -1), eye(n, { dtype: v.dtype }));
}

/** The machine epsilon PyTorch's _get_epsilon uses for a dtype. */
export function epsOf(dt: dtype): number {
  return dt === float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;
}

/**
 * A gradient the engine filled in with zeros for an output nobody used, where PyTorch leaves it
 * undefined and its formulas skip the terms (which for repeated eigen-/singular values would
 * be 0/0). An all-zero gradient that was really passed gives the same result either way.
 */
export function isUnusedGrad(g: Tensor | null | undefined): boolean {
  if (g == null) return true;
  if (g.requires_grad || g.numel() === 0) return false;
  const d = g.contiguous()._data;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) return false;
  return true;
}

/** A named tuple (torch.return_types.<name>): an array with the named fields, printed as Python does. */
export function namedTuple<T extends Tensor[]>(name: string, fields: readonly string[], values: T): T {
  const r = values;
  fields.forEach((f, i) => Object.defineProperty(r, f, { value: values[i], enumerable: false }));
  const repr = (): string => `torch.return_types.${name}(\n${fields.map((f, i) => `${f}=${String(values[i])}`).join(',\n')})`;
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), { value: repr, enumerable: false });
  return r;
}
