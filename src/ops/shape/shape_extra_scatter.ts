// Scatter-like and small utility ops: slice_scatter, select_scatter, diagonal_scatter,
// fill_diagonal_, index_put (out of place), aminmax, narrow_copy, sum_to_size, type_as,
// is_nonzero, is_same_size, new_empty_strided.
import { Tensor } from '../../tensor/tensor.ts';
import { type dtype } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError } from '../../errors.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { contiguousStrides, wrapDim } from '../../tensor/shape.ts';
import { preservedStrides } from '../../tensor/like_factories.ts';
import { as_strided, narrow, select, slice, view, writeInto } from './views.ts';
import { diagonal } from './shape_more.ts';
import { copyValues, _to_dtype } from '../copy.ts';
import { index, index_put_ } from '../indexing/indexing.ts';
import { amax, amin } from '../reduce/reduce_more.ts';
import { sum } from '../reduce/reduce.ts';
import { bindArgs } from '../reduce/reduce_more_util.ts';

function sizesStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** self.clone(memory_format=torch.preserve_format), without history: a dense input keeps its strides. */
function clonePreserve(self: Tensor): Tensor {
  const out = new Tensor(new self.dtype.ArrayType(self.numel()), self._shape.slice(), preservedStrides(self), 0, self.dtype);
  writeInto(out, self);
  return out;
}

/** A copy of `self` (no history) with `src` written into the part that `part` picks out of it. */
function scatterInto(self: Tensor, src: Tensor, part: (t: Tensor) => Tensor): Tensor {
  const out = clonePreserve(self);
  const dst = no_grad(() => part(out));
  if (dst._shape.length !== src._shape.length || dst._shape.some((s, i) => s !== src._shape[i])) {
    throw new RuntimeError(
      `expected src to have a size equal to the slice of self. src size = ${sizesStr(src._shape)}, slice size = ${sizesStr(dst._shape)}`,
    );
  }
  writeInto(dst, src);
  return out;
}

function zerosLike(t: Tensor): Tensor {
  return Tensor._empty(t._shape.slice(), t.dtype);
}

type SliceScatterOpts = { dim?: number; start?: number | null; end?: number | null; step?: number };

/**
 * `torch.slice_scatter(input, src, dim=0, start=None, end=None, step=1)`: input with src written
 * into the slice (SliceScatterBackward0).
 */
export function slice_scatter(
  input: Tensor,
  src: Tensor,
  dim?: number | SliceScatterOpts,
  start?: number | null | SliceScatterOpts,
  end?: number | null | SliceScatterOpts,
  step?: number | SliceScatterOpts,
): Tensor {
  const a = bindArgs('slice_scatter', ['dim', 'start', 'end', 'step'], [dim, start, end, step]);
  const d = (a.dim as number | undefined) ?? 0;
  const s = (a.start as number | null | undefined) ?? null;
  const e = (a.end as number | null | undefined) ?? null;
  // PyTorch 1.13's Python binding loses this default (an omitted step reads as garbage and
  // raises); the schema's default of 1 is what PyTorch means, and what later versions do.
  const st = (a.step as number | undefined) ?? 1;
  const out = scatterInto(input, src, (t) => slice(t, d, s, e, st));
  if (needsGrad(input, src)) {
    record('SliceScatterBackward0', [input, src], out, (g, _s, node) => {
      const gs = g[0] as Tensor;
      return [
        node.needs[0] ? slice_scatter(gs, zerosLike(src), d, s, e, st) : null,
        node.needs[1] ? slice(gs, d, s, e, st) : null,
      ];
    });
  }
  return out;
}

/** `torch.select_scatter(input, src, dim, index)`: input with src written at index along dim (SelectScatterBackward0). */
export function select_scatter(input: Tensor, src: Tensor, dim: number | { dim: number; index: number }, index_?: number | { index: number }): Tensor {
  const a = bindArgs('select_scatter', ['dim', 'index'], [dim, index_]);
  const d = a.dim as number;
  const i = a.index as number;
  const out = scatterInto(input, src, (t) => select(t, d, i));
  if (needsGrad(input, src)) {
    record('SelectScatterBackward0', [input, src], out, (g, _s, node) => {
      const gs = g[0] as Tensor;
      return [node.needs[0] ? select_scatter(gs, zerosLike(src), d, i) : null, node.needs[1] ? select(gs, d, i) : null];
    });
  }
  return out;
}

type DiagScatterOpts = { offset?: number; dim1?: number; dim2?: number };

/** `torch.diagonal_scatter(input, src, offset=0, dim1=0, dim2=1)`: input with src written on the diagonal (DiagonalScatterBackward0). */
export function diagonal_scatter(
  input: Tensor,
  src: Tensor,
  offset?: number | DiagScatterOpts,
  dim1?: number | DiagScatterOpts,
  dim2?: number | DiagScatterOpts,
): Tensor {
  const a = bindArgs('diagonal_scatter', ['offset', 'dim1', 'dim2'], [offset, dim1, dim2]);
  const k = (a.offset as number | undefined) ?? 0;
  const d1 = (a.dim1 as number | undefined) ?? 0;
  const d2 = (a.dim2 as number | undefined) ?? 1;
  const out = scatterInto(input, src, (t) => diagonal(t, k, d1, d2));
  if (needsGrad(input, src)) {
    record('DiagonalScatterBackward0', [input, src], out, (g, _s, node) => {
      const gs = g[0] as Tensor;
      return [
        node.needs[0] ? diagonal_scatter(gs, zerosLike(src), k, d1, d2) : null,
        node.needs[1] ? diagonal(gs, k, d1, d2) : null,
      ];
    });
  }
  return out;
}

/**
 * `x.fill_diagonal_(fill_value, wrap=False)`: fills the main diagonal through as_strided views,
 * as ATen does (so autograd records CopySlices); `wrap` restarts it every width + 1 rows of a
 * tall matrix.
 */
export function fill_diagonal_(self: Tensor, fill_value: number | boolean, wrap?: boolean | { wrap?: boolean }): Tensor {
  const a = bindArgs('fill_diagonal_', ['wrap'], [wrap]);
  const w = (a.wrap as boolean | undefined) ?? false;
  const nd = self._shape.length;
  if (nd < 2) throw new RuntimeError('dimensions must larger than 1');
  const height = self._shape[0] as number;
  const width = self._shape[1] as number;
  if (nd > 2) {
    for (let i = 1; i < nd; i++) if (self._shape[i] !== height) throw new RuntimeError('all dimensions of input must be of equal length');
  }
  const size = Math.min(height, width);
  const stride = self._stride.reduce((p, s) => p + s, 0);
  as_strided(self, [size], [stride], self._offset).fill_(fill_value);
  if (w && nd === 2 && height > width + 1) {
    const step = width + 1;
    const wrapSize = Math.trunc((self.numel() + step - 1) / step) - size;
    const off = (self._stride[0] as number) * (width + 1);
    as_strided(self, [wrapSize], [stride], self._offset + off).fill_(fill_value);
  }
  return self;
}

/** `torch.index_put(x, indices, values, accumulate=False)`: an out-of-place index_put_ (IndexPutBackward0). */
export function index_put(
  self: Tensor,
  indices: readonly (Tensor | null)[],
  values: Tensor,
  accumulate?: boolean | { accumulate?: boolean },
): Tensor {
  const a = bindArgs('index_put', ['accumulate'], [accumulate]);
  const acc = (a.accumulate as boolean | undefined) ?? false;
  const out = clonePreserve(self);
  no_grad(() => index_put_(out, indices, values, acc));
  if (needsGrad(self, values)) {
    const idx = indices.slice();
    record('IndexPutBackward0', [self, values], out, (g, _s, node) => {
      const gs = g[0] as Tensor;
      let gSelf: Tensor | null = null;
      // grad.index_put(indices, 0) unless accumulating; values get grad[indices] (the engine
      // sums it down to a broadcast values' shape).
      if (node.needs[0]) gSelf = acc ? gs : index_put(gs, idx, Tensor._empty([], gs.dtype), false);
      return [gSelf, node.needs[1] ? index(gs, idx) : null];
    });
  }
  return out;
}

/** The named tuple `torch.return_types.aminmax(min, max)`. */
export type MinMax = [Tensor, Tensor] & { readonly min: Tensor; readonly max: Tensor };

function minMax(min: Tensor, max: Tensor): MinMax {
  const r = [min, max] as [Tensor, Tensor] & { min: Tensor; max: Tensor };
  Object.defineProperty(r, 'min', { value: min, enumerable: false });
  Object.defineProperty(r, 'max', { value: max, enumerable: false });
  const repr = (): string => `torch.return_types.aminmax(\nmin=${String(min)},\nmax=${String(max)})`;
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), { value: repr, enumerable: false });
  return r;
}

/** A node for an op derivatives.yaml has no formula for: backward raises PyTorch's error. */
function notImplemented(op: string, input: Tensor, outs: Tensor | readonly Tensor[]): void {
  if (!needsGrad(input)) return;
  record('NotImplemented', [input], outs, () => {
    throw new RuntimeError(`derivative for aten::${op} is not implemented`);
  });
}

/** `torch.aminmax(x, *, dim=None, keepdim=False)`: (min, max) in one call; not differentiable in PyTorch 1.13. */
export function aminmax(x: Tensor, opts?: { dim?: number | null; keepdim?: boolean }): MinMax {
  const a = bindArgs('aminmax', ['dim', 'keepdim'], [opts]);
  const dim = (a.dim as number | null | undefined) ?? null;
  const keepdim = (a.keepdim as boolean | undefined) ?? false;
  const [mn, mx] = no_grad(() => {
    if (dim === null) {
      if (x.numel() === 0) {
        throw new RuntimeError('aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.');
      }
      // Without dim the result is 0-D, or all-ones dims with keepdim.
      const lo = amin(x);
      const hi = amax(x);
      if (!keepdim) return [lo, hi];
      const ones = x._shape.map(() => 1);
      const keep = (t: Tensor): Tensor => new Tensor(t._data, ones, contiguousStrides(ones), t._offset, t.dtype);
      return [keep(lo), keep(hi)];
    }
    const d = wrapDim(dim, x._shape.length);
    if (x._shape.length > 0 && x._shape[d] === 0) {
      throw new IndexError(`aminmax: Expected reduction dim ${d} to have non-zero size.`);
    }
    return [amin(x, d, keepdim), amax(x, d, keepdim)];
  });
  notImplemented('aminmax', x, [mn, mx]);
  return minMax(mn, mx);
}

/** `torch.narrow_copy(x, dim, start, length)`: a copy of narrow; not differentiable in PyTorch 1.13. */
export function narrow_copy(x: Tensor, dim: number, start: number, length: number): Tensor {
  const out = copyValues(no_grad(() => narrow(x, dim, start, length)), x.dtype);
  notImplemented('narrow_copy', x, out);
  return out;
}

/** `x.sum_to_size(*size)`: x summed down to a shape it expands from (SumBackward1; x itself when equal). */
export function sum_to_size(x: Tensor, ...size: (number | readonly number[])[]): Tensor {
  const shape = size.length === 1 && Array.isArray(size[0]) ? (size[0] as number[]).slice() : (size as number[]);
  const lead = x._shape.length - shape.length;
  const expandable = lead >= 0 && shape.every((s, i) => s === 1 || s === x._shape[i + lead]);
  if (!expandable) throw new RuntimeError(`size {${sizesStr(shape)}} is not expandable to size {${sizesStr(x._shape)}}.`);
  // at::sum_to: sum over leading dims and dims that are 1 in shape (keepdim), then view.
  const dims: number[] = [];
  for (let i = 0; i < x._shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && x._shape[i] !== 1)) dims.push(i);
  }
  let r = x;
  if (dims.length > 0) r = sum(r, dims, true);
  return lead > 0 ? view(r, [shape]) : r;
}

/** `x.type_as(other)`: `x.to(other.dtype)` (x itself when the dtypes agree). */
export function type_as(x: Tensor, other: Tensor): Tensor {
  return _to_dtype(x, other.dtype, false);
}

/** `torch.is_nonzero(x)`: a one-element tensor's truth value. */
export function is_nonzero(x: Tensor): boolean {
  const n = x.numel();
  if (n === 0) throw new RuntimeError('Boolean value of Tensor with no values is ambiguous');
  if (n > 1) throw new RuntimeError('Boolean value of Tensor with more than one value is ambiguous');
  const v = Number(x.item());
  return v !== 0;
}

/** `torch.is_same_size(x, other)`: whether the shapes are equal. */
export function is_same_size(x: Tensor, other: Tensor): boolean {
  return x._shape.length === other._shape.length && x._shape.every((s, i) => s === other._shape[i]);
}

/** `x.new_empty_strided(size, stride, *, dtype=None, requires_grad=False)`: uninitialised storage (zeros here) with that geometry. */
export function new_empty_strided(
  x: Tensor,
  size: readonly number[],
  stride: readonly number[],
  opts?: { dtype?: dtype | null; requires_grad?: boolean; device?: unknown; layout?: unknown; pin_memory?: boolean },
): Tensor {
  const a = bindArgs('new_empty_strided', ['dtype', 'requires_grad', 'device', 'layout', 'pin_memory'], [opts]);
  const dt = (a.dtype as dtype | null | undefined) ?? x.dtype;
  const n = size.some((s) => s === 0) ? 0 : 1 + size.reduce((p, s, i) => p + (s - 1) * (stride[i] as number), 0);
  const out = new Tensor(new dt.ArrayType(n), size.slice(), stride.slice(), 0, dt);
  if (a.requires_grad === true) out.requires_grad_(true);
  return out;
}
