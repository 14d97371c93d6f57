// Reductions: sum and mean (with dim/keepdim/dtype), and sum_to, which the engine uses to
// reduce broadcast gradients (Note [sum_to in the engine]).
import { Tensor } from '../../tensor/tensor.ts';
import { int64, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { wrapDim, numelOf } from '../../tensor/shape.ts';
import { reduceSum } from '../../backends/cpu.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { expand, unsqueeze, reshape } from '../shape/views.ts';
import { div } from '../pointwise/arithmetic.ts';
import { copyValues } from '../copy.ts';

type DimArg = number | readonly number[];
type ReduceOpts = { dim?: DimArg | null; keepdim?: boolean; dtype?: dtype };

/** Normalises `sum(dim, keepdim)` / `sum({ dim, keepdim, dtype })` (porting rule 2). */
export function reduceArgs(
  ndim: number,
  dimOrOpts: DimArg | null | undefined | ReduceOpts,
  keepdimOrOpts: boolean | { keepdim?: boolean; dtype?: dtype } | undefined,
): { dims: number[] | null; keepdim: boolean; dtype?: dtype } {
  let dim: DimArg | null | undefined;
  let keepdim = false;
  let dt: dtype | undefined;
  if (dimOrOpts !== null && typeof dimOrOpts === 'object' && !Array.isArray(dimOrOpts)) {
    const o = dimOrOpts as ReduceOpts;
    dim = o.dim;
    keepdim = o.keepdim ?? false;
    dt = o.dtype;
  } else {
    dim = dimOrOpts as DimArg | null | undefined;
  }
  if (typeof keepdimOrOpts === 'boolean') keepdim = keepdimOrOpts;
  else if (keepdimOrOpts) {
    keepdim = keepdimOrOpts.keepdim ?? keepdim;
    dt = keepdimOrOpts.dtype ?? dt;
  }
  if (dim === undefined || dim === null) return { dims: null, keepdim, dtype: dt };
  const list = typeof dim === 'number' ? [dim] : dim.slice();
  const dims = list.map((d) => wrapDim(d, ndim));
  const seen = new Set<number>();
  for (const d of dims) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return { dims, keepdim, dtype: dt };
}

function reducedShape(shape: readonly number[], mask: readonly boolean[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((s, i) => {
    if (!mask[i]) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

function maskOf(ndim: number, dims: number[] | null): boolean[] {
  const m = new Array<boolean>(ndim).fill(dims === null);
  if (dims) for (const d of dims) m[d] = true;
  return m;
}

/** Sums (with `mean`: sum / count) in double; the result is stored in the output dtype
 *  (integer and bool sums are int64). */
function sumForward(x: Tensor, mask: boolean[], keepdim: boolean, dt: dtype, mean: boolean): Tensor {
  const shape = reducedShape(x._shape, mask, keepdim);
  const out = Tensor._empty(shape, dt);
  const view = { data: x._data, shape: x._shape, stride: x._stride, offset: x._offset };
  reduceSum(view, mask, out._data, mean);
  return out;
}

/** Gradient of a reduction: g broadcast back over the reduced dims. */
function expandGrad(g: Tensor, inShape: readonly number[], dims: number[] | null, keepdim: boolean): Tensor {
  let gg = g;
  if (!keepdim && dims !== null) {
    for (const d of dims.slice().sort((a, b) => a - b)) gg = unsqueeze(gg, d);
  } else if (!keepdim && dims === null) {
    gg = reshape(gg, [inShape.map(() => 1)]);
  }
  return expand(gg, [inShape.slice()]);
}

/**
 * The dims sum/mean reduce: PyTorch 1.13 reads an empty list as "all dims" (as no dim), and a
 * 0-dim tensor accepts dim 0/-1 but has nothing to reduce. `given` tells SumBackward1 (a dim
 * argument) from SumBackward0.
 */
function reductionDims(x: Tensor, dims: number[] | null): { reduced: number[] | null; given: boolean } {
  if (dims === null) return { reduced: null, given: false };
  if (x._shape.length === 0) return { reduced: [], given: true };
  return { reduced: dims.length === 0 ? x._shape.map((_, i) => i) : dims, given: true };
}

/** sum's and mean's arguments: keepdim, the requested dtype, the reduced dims (reductionDims)
 *  and their mask. */
function sumArgs(
  x: Tensor,
  dimOrOpts: DimArg | null | ReduceOpts | undefined,
  keepdimOrOpts: boolean | { keepdim?: boolean; dtype?: dtype } | undefined,
): { keepdim: boolean; reqDtype: dtype | undefined; dims: number[] | null; given: boolean; mask: boolean[] } {
  const args = reduceArgs(x._shape.length, dimOrOpts, keepdimOrOpts);
  const { reduced: dims, given } = reductionDims(x, args.dims);
  return { keepdim: args.keepdim, reqDtype: args.dtype, dims, given, mask: maskOf(x._shape.length, dims) };
}

export function sum(
  x: Tensor,
  dimOrOpts?: DimArg | null | ReduceOpts,
  keepdimOrOpts?: boolean | { keepdim?: boolean; dtype?: dtype },
): Tensor {
  const { keepdim, reqDtype, dims, given, mask } = sumArgs(x, dimOrOpts, keepdimOrOpts);
  const dt = reqDtype ?? (x.dtype.is_floating_point ? x.dtype : int64);
  // The dtype cast is part of sum (no ToCopyBackward0): the engine casts the gradient back.
  const src = reqDtype && reqDtype !== x.dtype ? copyValues(x, reqDtype) : x;
  const out = sumForward(src, mask, keepdim, dt, false);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record(given ? 'SumBackward1' : 'SumBackward0', [x], out, (g) => [expandGrad(g[0] as Tensor, inShape, dims, keepdim)]);
  }
  return out;
}

export function mean(
  x: Tensor,
  dimOrOpts?: DimArg | null | ReduceOpts,
  keepdimOrOpts?: boolean | { keepdim?: boolean; dtype?: dtype },
): Tensor {
  const { keepdim, reqDtype, dims, given, mask } = sumArgs(x, dimOrOpts, keepdimOrOpts);
  const dt = reqDtype ?? x.dtype;
  if (!dt.is_floating_point) {
    throw new RuntimeError(
      `mean(): could not infer output dtype. ${reqDtype ? 'Optional' : 'Input'} dtype must be either a floating point or complex dtype. Got: ${dt.scalarName}`,
    );
  }
  const src = dt !== x.dtype ? copyValues(x, dt) : x;
  const n = dims === null ? numelOf(x._shape) : dims.reduce((p, d) => p * (x._shape[d] as number), 1);
  const out = sumForward(src, mask, keepdim, dt, true);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record(given ? 'MeanBackward1' : 'MeanBackward0', [x], out, (g) => [div(expandGrad(g[0] as Tensor, inShape, dims, keepdim), n)]);
  }
  return out;
}

/** Whether `shape` can be broadcast to `target` (is_expandable_to). */
export function isExpandableTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i] as number;
    const t = target[target.length - i] as number;
    if (s !== t && s !== 1) return false;
  }
  return true;
}

/** at::sum_to: sums leading dims and dims that were 1 in `shape`, keeping the result differentiable. */
export function sum_to(g: Tensor, shape: readonly number[]): Tensor {
  const lead = g._shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g._shape.length; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && g._shape[i] !== 1) dims.push(i);
  }
  let r = g;
  if (dims.length > 0) r = sum(r, dims, true);
  if (lead > 0 || r._shape.length !== shape.length) r = reshape(r, [shape.slice()]);
  return r;
}
