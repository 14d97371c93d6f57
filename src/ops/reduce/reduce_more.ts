// Reductions beyond sum/mean: max/min (whole and along a dim), amax/amin, argmax/argmin, prod,
// logsumexp, nansum/nanmean, all/any, count_nonzero. Forwards run in double over the input's
// strides; backwards follow derivatives.yaml / FunctionsManual.cpp, written with public ops.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, get_default_dtype, int64, uint8, type dtype } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError } from '../../errors.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { sum } from './reduce.ts';
import { expand, reshape, narrow } from '../shape/views.ts';
import { div, mul, sub } from '../pointwise/arithmetic.ts';
import { exp } from '../pointwise/unary.ts';
import { eq, ne } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { _to_dtype } from '../copy.ts';
import { cat } from '../shape/shape_more_join.ts';
import { flip } from '../shape/shape_more.ts';
import { cumprod } from './reduce_more_scan.ts';
import { maximum, minimum } from '../pointwise/pointwise.ts';
import {
  bindArgs, checkUnique, dimList, extremeGroups, forEachGroup, reduceMask, reducedShape, restoreDims, valuesIndices, type DimList, type ValuesIndices,
} from './reduce_more_util.ts';

type DimOpts = { dim?: number; keepdim?: boolean };

// ---- max / min ------------------------------------------------------------------------------

/** evenly_distribute_backward: g split equally among the elements equal to the result (or NaN). */
function evenlyDistribute(g: Tensor, input: Tensor, value: Tensor): Tensor {
  const v = value._data[value._offset] as number;
  const mask = Number.isNaN(v) ? ne(input, input) : eq(input, value);
  return where_(mask, div(g, sum(mask)), 0);
}

function extremeAll(x: Tensor, isMax: boolean): Tensor {
  const name = isMax ? 'max' : 'min';
  if (numelOf(x._shape) === 0) {
    throw new RuntimeError(
      `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const out = Tensor._empty([], x.dtype);
  extremeGroups(x, reduceMask(x._shape.length, null), isMax, out._data, new Float64Array(1), false);
  if (needsGrad(x)) {
    record(isMax ? 'MaxBackward1' : 'MinBackward1', [x], out, (g, s) => [evenlyDistribute(g[0] as Tensor, s.get(0), s.get(1))], [x, out]);
  }
  return out;
}

/** zeros(shape).scatter_(dim, idx, g) where g and idx have the reduced dim kept (size 1). */
function scatterDim(g: Tensor, dim: number, idx: Tensor, shape: readonly number[]): Tensor {
  const out = Tensor._empty(shape.slice(), g.dtype);
  const gv = g.contiguous();
  const iv = idx.contiguous();
  const nd = shape.length;
  const stride = out._stride;
  const n = numelOf(g._shape);
  const pos = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k++) {
    let off = 0;
    for (let d = 0; d < nd; d++) off += (d === dim ? (iv._data[iv._offset + k] as number) : (pos[d] as number)) * (stride[d] as number);
    out._data[off] = gv._data[gv._offset + k] as number;
    for (let d = nd - 1; d >= 0; d--) {
      pos[d] = (pos[d] as number) + 1;
      if ((pos[d] as number) < (g._shape[d] as number)) break;
      pos[d] = 0;
    }
  }
  if (needsGrad(g)) record('ScatterBackward0', [g], out, (gg) => [gatherDim(gg[0] as Tensor, dim, idx)]);
  return out;
}

/** x.gather(dim, idx): the inverse of scatterDim, for double backward. */
function gatherDim(x: Tensor, dim: number, idx: Tensor): Tensor {
  const out = Tensor._empty(idx._shape.slice(), x.dtype);
  const iv = idx.contiguous();
  const nd = idx._shape.length;
  const n = numelOf(idx._shape);
  const pos = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k++) {
    let off = x._offset;
    for (let d = 0; d < nd; d++) off += (d === dim ? (iv._data[iv._offset + k] as number) : (pos[d] as number)) * (x._stride[d] as number);
    out._data[k] = x._data[off] as number;
    for (let d = nd - 1; d >= 0; d--) {
      pos[d] = (pos[d] as number) + 1;
      if ((pos[d] as number) < (idx._shape[d] as number)) break;
      pos[d] = 0;
    }
  }
  if (needsGrad(x)) {
    const shape = x._shape.slice();
    record('GatherBackward0', [x], out, (gg) => [scatterDim(gg[0] as Tensor, dim, idx, shape)]);
  }
  return out;
}

/** Values and first index of the extreme along one dim (NaN counts as the extreme). */
function extremeDim(x: Tensor, dimArg: number, keepdim: boolean, isMax: boolean): ValuesIndices {
  const name = isMax ? 'max' : 'min';
  const nd = x._shape.length;
  const d = wrapDim(dimArg, nd);
  if (nd > 0 && x._shape[d] === 0) throw new IndexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
  const mask = reduceMask(nd, nd === 0 ? null : [d]);
  const shape = reducedShape(x._shape, mask, keepdim);
  const values = Tensor._empty(shape, x.dtype);
  const indices = Tensor._empty(shape.slice(), int64);
  extremeGroups(x, mask, isMax, values._data, indices._data as Float64Array);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record(isMax ? 'MaxBackward0' : 'MinBackward0', [x], [values, indices], (g, s) => {
      if (nd === 0) return [g[0] as Tensor];
      const gk = restoreDims(g[0] as Tensor, mask, keepdim);
      const ik = restoreDims(s.get(0), mask, keepdim);
      return [scatterDim(gk, d, ik, inShape)];
    }, [indices]);
  }
  return valuesIndices(name, values, indices);
}

function extreme(isMax: boolean, x: Tensor, args: unknown[]): Tensor | ValuesIndices {
  // torch.max(a, b) is torch.maximum(a, b) (MaximumBackward0).
  if (args[0] instanceof Tensor) return isMax ? maximum(x, args[0]) : minimum(x, args[0]);
  const a = bindArgs(isMax ? 'max' : 'min', ['dim', 'keepdim'], args);
  if (a.dim === undefined) return extremeAll(x, isMax);
  return extremeDim(x, a.dim as number, (a.keepdim as boolean | undefined) ?? false, isMax);
}

/** `torch.max(x)`: the largest value (MaxBackward1, gradient split evenly among ties). */
export function max(x: Tensor): Tensor;
/** `torch.max(x, dim, keepdim)`: named tuple `[values, indices]` (MaxBackward0). */
export function max(x: Tensor, dim: number | DimOpts, keepdim?: boolean | DimOpts): ValuesIndices;
/** `torch.max(a, b)`: torch.maximum. */
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme(true, x, args);
}

export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number | DimOpts, keepdim?: boolean | DimOpts): ValuesIndices;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  return extreme(false, x, args);
}

// ---- amax / amin ----------------------------------------------------------------------------

type AmaxOpts = { dim?: DimList; keepdim?: boolean };

function aextreme(isMax: boolean, x: Tensor, args: unknown[]): Tensor {
  const name = isMax ? 'amax' : 'amin';
  const a = bindArgs(name, ['dim', 'keepdim'], args);
  const nd = x._shape.length;
  const dims = (dimList(a.dim) ?? []).map((d) => wrapDim(d, nd));
  checkUnique(dims);
  const keepdim = (a.keepdim as boolean | undefined) ?? false;
  const mask = reduceMask(nd, dims);
  for (let i = 0; i < nd; i++) {
    if (mask[i] && x._shape[i] === 0) throw new IndexError(`${name}(): Expected reduction dim ${i} to have non-zero size.`);
  }
  const out = Tensor._empty(reducedShape(x._shape, mask, keepdim), x.dtype);
  extremeGroups(x, mask, isMax, out._data, new Float64Array(out._data.length), false);
  if (needsGrad(x)) {
    // scale_grad_by_count(restore(g), restore(result) == self, dims): ties share the gradient.
    record(isMax ? 'AmaxBackward0' : 'AminBackward0', [x], out, (g, s) => {
      const self = s.get(0);
      const m = eq(restoreDims(s.get(1), mask, keepdim), self);
      const count = sum(m, mask.flatMap((f, i) => (f ? [i] : [])), true);
      return [mul(div(restoreDims(g[0] as Tensor, mask, keepdim), count), m)];
    }, [x, out]);
  }
  return out;
}

/** `torch.amax(x, dim=[], keepdim=false)`: dim [] reduces every dim. */
export function amax(x: Tensor, dim?: DimList | AmaxOpts, keepdim?: boolean | AmaxOpts): Tensor {
  return aextreme(true, x, [dim, keepdim]);
}
export function amin(x: Tensor, dim?: DimList | AmaxOpts, keepdim?: boolean | AmaxOpts): Tensor {
  return aextreme(false, x, [dim, keepdim]);
}

// ---- argmax / argmin ------------------------------------------------------------------------

type ArgOpts = { dim?: number | null; keepdim?: boolean };

function argextreme(isMax: boolean, x: Tensor, args: unknown[]): Tensor {
  const name = isMax ? 'argmax' : 'argmin';
  if (x.dtype === bool) throw new RuntimeError(`"${name}_cpu" not implemented for 'Bool'`);
  const a = bindArgs(name, ['dim', 'keepdim'], args);
  const keepdim = (a.keepdim as boolean | undefined) ?? false;
  const nd = x._shape.length;
  let mask: boolean[];
  let shape: number[];
  if (a.dim === undefined || a.dim === null) {
    if (numelOf(x._shape) === 0) throw new IndexError(`${name}(): Expected reduction dim to be specified for input.numel() == 0.`);
    mask = reduceMask(nd, null);
    shape = keepdim ? x._shape.map(() => 1) : [];
  } else {
    const d = wrapDim(a.dim as number, nd);
    if (nd > 0 && x._shape[d] === 0) throw new IndexError(`${name}(): Expected reduction dim ${d} to have non-zero size.`);
    mask = reduceMask(nd, nd === 0 ? null : [d]);
    shape = reducedShape(x._shape, mask, keepdim);
  }
  const out = Tensor._empty(shape, int64);
  extremeGroups(x, mask, isMax, new x.dtype.ArrayType(out._data.length), out._data as Float64Array);
  return out;
}

/** `torch.argmax(x, dim=None, keepdim=false)`: int64 indices (first occurrence; NaN wins). */
export function argmax(x: Tensor, dim?: number | null | ArgOpts, keepdim?: boolean | ArgOpts): Tensor {
  return argextreme(true, x, [dim, keepdim]);
}
export function argmin(x: Tensor, dim?: number | null | ArgOpts, keepdim?: boolean | ArgOpts): Tensor {
  return argextreme(false, x, [dim, keepdim]);
}

// ---- prod -----------------------------------------------------------------------------------

type ProdOpts = { dim?: number; keepdim?: boolean; dtype?: dtype };

/** Integer and bool products are int64 unless a dtype is given. */
function accumulateDtype(x: Tensor, requested: dtype | undefined): dtype {
  return requested ?? (x.dtype.is_floating_point ? x.dtype : int64);
}

/** prod_safe_zeros_backward: g times the product of every other element, without dividing. */
function prodSafeZerosBackward(g: Tensor, inp: Tensor, dim: number): Tensor {
  const size = inp._shape[dim] as number;
  if (size === 1) return g;
  const onesShape = inp._shape.slice();
  onesShape[dim] = 1;
  const ones = Tensor._empty(onesShape, g.dtype);
  ones._data.fill(1);
  const exclusiveNormal = cumprod(cat([ones, narrow(inp, dim, 0, size - 1)], dim), dim);
  const narrowReverse = flip(narrow(inp, dim, 1, size - 1), [dim]);
  const exclusiveReverse = flip(cumprod(cat([ones, narrowReverse], dim), dim), [dim]);
  return mul(g, mul(exclusiveNormal, exclusiveReverse));
}

function hasZero(t: Tensor): boolean {
  let found = false;
  forEachGroup(t, reduceMask(t._shape.length, null), (vals) => {
    for (const v of vals) if (v === 0) found = true;
  });
  return found;
}

/** `torch.prod(x, { dtype })` (ProdBackward0) or `torch.prod(x, dim, keepdim, { dtype })` (ProdBackward1). */
export function prod(x: Tensor, dim?: number | ProdOpts, keepdim?: boolean | ProdOpts, opts?: ProdOpts): Tensor {
  const a = bindArgs('prod', ['dim', 'keepdim', 'dtype'], [dim, keepdim, opts]);
  const dt = accumulateDtype(x, a.dtype as dtype | undefined);
  const src = dt !== x.dtype ? _to_dtype(x, dt, false) : x;
  const nd = x._shape.length;
  const whole = a.dim === undefined;
  const d = whole ? -1 : wrapDim(a.dim as number, nd);
  const kd = whole ? false : ((a.keepdim as boolean | undefined) ?? false);
  const mask = reduceMask(nd, whole || nd === 0 ? null : [d]);
  const out = Tensor._empty(reducedShape(x._shape, mask, kd), dt);
  forEachGroup(src, mask, (vals, o) => {
    let p = 1;
    for (const v of vals) p *= v;
    // int64 lives in a Float64Array: 0 · −3 must store 0, not −0.
    out._data[o] = dt.is_floating_point ? p : p + 0;
  });
  if (needsGrad(src)) {
    record(whole ? 'ProdBackward0' : 'ProdBackward1', [src], out, (g, s) => {
      const input = s.get(0);
      const gg = g[0] as Tensor;
      if (nd === 0) return [gg];
      if (whole) {
        if (!hasZero(input)) return [mul(gg, div(s.get(1), input))];
        return [reshape(prodSafeZerosBackward(gg, reshape(input, [-1]), 0), [input._shape])];
      }
      const gk = restoreDims(gg, mask, kd);
      const rk = restoreDims(s.get(1), mask, kd);
      if (!hasZero(input)) return [mul(gk, div(rk, input))];
      return [prodSafeZerosBackward(gk, input, d)];
    }, [src, out]);
  }
  return out;
}

// ---- logsumexp ------------------------------------------------------------------------------

/** `torch.logsumexp(x, dim, keepdim=false)`: max-shifted, so large inputs do not overflow. */
export function logsumexp(x: Tensor, dim: DimList | { dim: DimList; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): Tensor {
  const a = bindArgs('logsumexp', ['dim', 'keepdim'], [dim, keepdim]);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const nd = x._shape.length;
  const dims = (dimList(a.dim) ?? []).map((d) => wrapDim(d, nd));
  checkUnique(dims);
  const src = x.dtype.is_floating_point ? x : _to_dtype(x, get_default_dtype(), false);
  const mask = reduceMask(nd, dims);
  const out = Tensor._empty(reducedShape(x._shape, mask, kd), src.dtype);
  forEachGroup(src, mask, (vals, o) => {
    let m = -Infinity;
    for (const v of vals) if (v > m || v !== v) m = v;
    if (!Number.isFinite(m)) m = Number.isNaN(m) ? m : 0;
    let s = 0;
    for (const v of vals) s += Math.exp(v - m);
    out._data[o] = Math.log(s) + m;
  });
  if (needsGrad(src)) {
    record('LogsumexpBackward0', [src], out, (g, s) => [
      mul(restoreDims(g[0] as Tensor, mask, kd), exp(sub(s.get(0), restoreDims(s.get(1), mask, kd)))),
    ], [src, out]);
  }
  return out;
}

// ---- nansum / nanmean -----------------------------------------------------------------------

type NanOpts = { dim?: DimList | null; keepdim?: boolean; dtype?: dtype };

/** `torch.nansum(x, dim=None, keepdim=false, { dtype })`: NaNs count as zero. */
export function nansum(x: Tensor, dim?: DimList | null | NanOpts, keepdim?: boolean | NanOpts, opts?: NanOpts): Tensor {
  const a = bindArgs('nansum', ['dim', 'keepdim', 'dtype'], [dim, keepdim, opts]);
  const dt = accumulateDtype(x, a.dtype as dtype | undefined);
  const src = dt !== x.dtype ? _to_dtype(x, dt, false) : x;
  const nd = x._shape.length;
  const dims = dimList(a.dim)?.map((d) => wrapDim(d, nd)) ?? null;
  checkUnique(dims);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const mask = reduceMask(nd, dims);
  const out = Tensor._empty(reducedShape(x._shape, mask, kd), dt);
  forEachGroup(src, mask, (vals, o) => {
    let s = 0;
    for (const v of vals) if (v === v) s += v;
    out._data[o] = s;
  });
  if (needsGrad(src)) {
    const inShape = x._shape.slice();
    record('NansumBackward0', [src], out, (g, s) => {
      const self = s.get(0);
      return [mul(expand(restoreDims(g[0] as Tensor, mask, kd), [inShape]), eq(self, self))];
    }, [src]);
  }
  return out;
}

/** `torch.nanmean`: nansum divided by the count of non-NaN values (DivBackward0, as PyTorch composes it). */
export function nanmean(x: Tensor, dim?: DimList | null | NanOpts, keepdim?: boolean | NanOpts, opts?: NanOpts): Tensor {
  if (!x.dtype.is_floating_point) {
    throw new RuntimeError(`nanmean(): expected input to have floating point dtype but got ${x.dtype.scalarName}`);
  }
  const a = bindArgs('nanmean', ['dim', 'keepdim', 'dtype'], [dim, keepdim, opts]);
  const dims = dimList(a.dim);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const factor = sum(eq(x, x), dims ?? null, kd);
  return div(nansum(x, dims, kd, a.dtype === undefined ? {} : { dtype: a.dtype as dtype }), factor);
}

// ---- all / any / count_nonzero --------------------------------------------------------------

function logical(isAll: boolean, x: Tensor, args: unknown[]): Tensor {
  const a = bindArgs(isAll ? 'all' : 'any', ['dim', 'keepdim'], args);
  const nd = x._shape.length;
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const whole = a.dim === undefined || a.dim === null;
  const mask = reduceMask(nd, whole || nd === 0 ? null : [wrapDim(a.dim as number, nd)]);
  // uint8 inputs keep uint8 (a 1.13 legacy); every other dtype gives bool.
  const out = Tensor._empty(reducedShape(x._shape, mask, whole ? false : kd), x.dtype === uint8 ? uint8 : bool);
  forEachGroup(x, mask, (vals, o) => {
    let r = isAll;
    for (const v of vals) {
      if (isAll ? v === 0 : v !== 0) {
        r = !isAll;
        break;
      }
    }
    out._data[o] = r ? 1 : 0;
  });
  return out;
}

type LogicalOpts = { dim?: number; keepdim?: boolean };

/** `torch.all(x)` / `torch.all(x, dim, keepdim)`. */
export function all(x: Tensor, dim?: number | LogicalOpts, keepdim?: boolean | LogicalOpts): Tensor {
  return logical(true, x, [dim, keepdim]);
}
export function any(x: Tensor, dim?: number | LogicalOpts, keepdim?: boolean | LogicalOpts): Tensor {
  return logical(false, x, [dim, keepdim]);
}

/** `torch.count_nonzero(x, dim=None)`: int64 counts. */
export function count_nonzero(x: Tensor, dim?: DimList | null | { dim?: DimList | null }): Tensor {
  const a = bindArgs('count_nonzero', ['dim'], [dim]);
  const nd = x._shape.length;
  const dims = dimList(a.dim)?.map((d) => wrapDim(d, nd)) ?? null;
  checkUnique(dims);
  const mask = reduceMask(nd, dims);
  const out = Tensor._empty(reducedShape(x._shape, mask, false), int64);
  forEachGroup(x, mask, (vals, o) => {
    let c = 0;
    for (const v of vals) if (v !== 0) c++;
    out._data[o] = c;
  });
  return out;
}
