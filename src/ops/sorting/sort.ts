// Sorting and selection along a dim: sort, argsort, msort, topk, kthvalue, median (and the
// CPU kernels' tie orders: aten/src/ATen/native/Sorting.cpp, cpu/SortingKernel.cpp,
// TopKImpl.h). Gradients follow derivatives.yaml: value_selecting_reduction_backward for the
// index-returning ones, evenly_distribute_backward for median().
import { Tensor } from '../../tensor/tensor.ts';
import { bool, int64 } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { preservedStrides } from '../../tensor/like_factories.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { sum } from '../reduce/reduce.ts';
import { div } from '../pointwise/arithmetic.ts';
import { eq, ne } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { bindArgs, forEachGroup, reduceMask, reducedShape, valuesIndices, type ValuesIndices } from '../reduce/reduce_more_util.ts';
import { stdNthElement, stdPartialSort, stdSort, type Less } from './sort_std.ts';
import { forEachLane, keyLess, laneWriter, valueSelectingBackward, zeroNumelCheck } from './sort_util.ts';

/** AT_DISPATCH_ALL_TYPES: the selection kernels have no bool version. */
function checkNotBool(x: Tensor, kernel: string): void {
  if (x.dtype === bool) throw new RuntimeError(`"${kernel}" not implemented for 'Bool'`);
}

function iota(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** Array.prototype.sort is stable (ES2019), so it orders ties as std::stable_sort does. */
function stableSort(a: number[], less: Less): void {
  a.sort((x, y) => (less(x, y) ? -1 : less(y, x) ? 1 : 0));
}

// ---- sort / argsort / msort ------------------------------------------------------------------

export type SortOpts = { dim?: number; descending?: boolean; stable?: boolean | null };

function sortImpl(x: Tensor, dimArg: number, descending: boolean, stable: boolean | null): [Tensor, Tensor] {
  const nd = x._shape.length;
  const dim = wrapDim(dimArg, nd);
  const shape = x._shape.slice();
  // The outputs take self's dense strides (a transposed input gives transposed outputs).
  const strides = preservedStrides(x);
  const n = numelOf(shape);
  const values = new Tensor(new x.dtype.ArrayType(n), shape, strides, 0, x.dtype);
  const indices = new Tensor(new int64.ArrayType(n), shape.slice(), strides.slice(), 0, int64);
  const at = laneWriter(shape, dim, strides);
  forEachLane(x, dim, (vals, lane) => {
    const order = iota(vals.length);
    const less = keyLess(vals, descending);
    if (stable === true) stableSort(order, less);
    else stdSort(order, less);
    order.forEach((src, j) => {
      const o = at(lane, j);
      values._data[o] = vals[src] as number;
      indices._data[o] = src;
    });
  });
  if (needsGrad(x)) {
    // sort.stable (stable given, even as false/None) is the second overload: SortBackward1.
    record(stable === null ? 'SortBackward0' : 'SortBackward1', [x], [values, indices], (g, s) => [
      valueSelectingBackward(g[0] as Tensor, dim, s.get(0), shape, true),
    ], [indices]);
  }
  return [values, indices];
}

function sortArgs(fn: string, args: unknown[]): [number, boolean, boolean | null] {
  const a = bindArgs(fn, ['dim', 'descending', 'stable'], args);
  const stable = 'stable' in a ? ((a.stable as boolean | null) ?? false) : null;
  return [(a.dim as number | undefined) ?? -1, (a.descending as boolean | undefined) ?? false, stable];
}

/** `torch.sort(x, dim=-1, descending=False, *, stable=False)`: named tuple (values, indices). */
export function sort(x: Tensor, dim?: number | SortOpts, descending?: boolean | SortOpts, opts?: SortOpts): ValuesIndices {
  const [d, desc, stable] = sortArgs('sort', [dim, descending, opts]);
  const [values, indices] = sortImpl(x, d, desc, stable);
  return valuesIndices('sort', values, indices);
}

/** `torch.argsort(x, dim=-1, descending=False, *, stable=False)`: sort's indices. */
export function argsort(x: Tensor, dim?: number | SortOpts, descending?: boolean | SortOpts, opts?: SortOpts): Tensor {
  const [d, desc, stable] = sortArgs('argsort', [dim, descending, opts]);
  return sortImpl(x, d, desc, stable)[1];
}

/** `torch.msort(x)`: sort along dim 0, values only (SortBackward0). */
export function msort(x: Tensor): Tensor {
  return sortImpl(x, 0, false, null)[0];
}

// ---- topk ------------------------------------------------------------------------------------

export type TopkOpts = { k?: number; dim?: number; largest?: boolean; sorted?: boolean };

/** `torch.topk(x, k, dim=-1, largest=True, sorted=True)`: named tuple (values, indices). */
export function topk(
  x: Tensor,
  k: number | TopkOpts,
  dim?: number | TopkOpts,
  largest?: boolean | TopkOpts,
  sorted?: boolean | TopkOpts,
  opts?: TopkOpts,
): ValuesIndices {
  const a = bindArgs('topk', ['k', 'dim', 'largest', 'sorted'], [k, dim, largest, sorted, opts]);
  const kk = a.k as number;
  const nd = x._shape.length;
  const d = wrapDim((a.dim as number | undefined) ?? -1, nd);
  const big = (a.largest as boolean | undefined) ?? true;
  const srt = (a.sorted as boolean | undefined) ?? true;
  const slice = nd === 0 ? 1 : (x._shape[d] as number);
  if (!(kk >= 0 && kk <= slice)) throw new RuntimeError('selected index k out of range');
  if (!(nd === 0 && numelOf(x._shape) === 1)) checkNotBool(x, 'topk_cpu');
  const shape = x._shape.slice();
  if (nd > 0) shape[d] = kk;
  const values = Tensor._empty(shape, x.dtype);
  const indices = Tensor._empty(shape.slice(), int64);
  const at = laneWriter(shape, d);
  if (kk > 0) {
    forEachLane(x, d, (vals, lane) => {
      const n = vals.length;
      const q = iota(n);
      // topk_impl_loop: NaN is the largest value; partial_sort when k is small next to n.
      const less = keyLess(vals, big);
      if (kk * 64 <= n) stdPartialSort(q, kk, less);
      else {
        stdNthElement(q, kk - 1, less);
        if (srt) stdSort(q, less, 0, kk - 1);
      }
      for (let j = 0; j < kk; j++) {
        const o = at(lane, j);
        values._data[o] = vals[q[j] as number] as number;
        indices._data[o] = q[j] as number;
      }
    });
  }
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('TopkBackward0', [x], [values, indices], (g, s) => [valueSelectingBackward(g[0] as Tensor, d, s.get(0), inShape, true)], [indices]);
  }
  return valuesIndices('topk', values, indices);
}

// ---- kthvalue --------------------------------------------------------------------------------

/** quick_select_template (Sorting.cpp): Hoare partitioning with a median-of-three pivot. */
function quickSelect(arr: Float64Array, idx: number[], k: number): void {
  const gt = (x: number, y: number): boolean => (x !== x && y === y) || x > y;
  const swap = (i: number, j: number): void => {
    const t = arr[i] as number;
    arr[i] = arr[j] as number;
    arr[j] = t;
    const u = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = u;
  };
  let L = 0;
  let R = arr.length - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gt(arr[L] as number, arr[R] as number)) swap(L, R);
      return;
    }
    const P = L + Math.floor((R - L) / 2);
    swap(P, L + 1);
    if (gt(arr[L + 1] as number, arr[R] as number)) swap(L + 1, R);
    if (gt(arr[L] as number, arr[R] as number)) swap(L, R);
    if (gt(arr[L + 1] as number, arr[L] as number)) swap(L + 1, L);
    let i = L + 1;
    let j = R;
    const piv = arr[L] as number;
    for (;;) {
      do i++;
      while (gt(piv, arr[i] as number));
      do j--;
      while (gt(arr[j] as number, piv));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

export type KthOpts = { k?: number; dim?: number; keepdim?: boolean };

/** A reduction along one dim returning values and int64 indices. */
function selectAlong(
  x: Tensor,
  d: number,
  keepdim: boolean,
  pick: (vals: Float64Array) => [number, number],
): [Tensor, Tensor, boolean[]] {
  const nd = x._shape.length;
  const mask = reduceMask(nd, nd === 0 ? null : [d]);
  const shape = reducedShape(x._shape, mask, keepdim);
  const values = Tensor._empty(shape, x.dtype);
  const indices = Tensor._empty(shape.slice(), int64);
  forEachLane(x, d, (vals, lane) => {
    const [v, i] = pick(vals);
    values._data[lane] = v;
    indices._data[lane] = i;
  });
  return [values, indices, mask];
}

/** `torch.kthvalue(x, k, dim=-1, keepdim=False)`: the k-th smallest, named tuple (values, indices). */
export function kthvalue(x: Tensor, k: number | KthOpts, dim?: number | KthOpts, keepdim?: boolean | KthOpts, opts?: KthOpts): ValuesIndices {
  const a = bindArgs('kthvalue', ['k', 'dim', 'keepdim'], [k, dim, keepdim, opts]);
  const kk = a.k as number;
  const nd = x._shape.length;
  const d = wrapDim((a.dim as number | undefined) ?? -1, nd);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const slice = nd === 0 ? 1 : (x._shape[d] as number);
  zeroNumelCheck(x, d, 'kthvalue()');
  if (!(kk >= 1 && kk <= slice)) throw new RuntimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  if (!(nd === 0 && numelOf(x._shape) === 1)) checkNotBool(x, 'kthvalue_cpu');
  const [values, indices] = selectAlong(x, d, kd, (vals) => {
    const arr = Float64Array.from(vals);
    const idx = iota(arr.length);
    quickSelect(arr, idx, kk - 1);
    return [arr[kk - 1] as number, idx[kk - 1] as number];
  });
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('KthvalueBackward0', [x], [values, indices], (g, s) => [valueSelectingBackward(g[0] as Tensor, d, s.get(0), inShape, kd)], [indices]);
  }
  return valuesIndices('kthvalue', values, indices);
}

// ---- median ----------------------------------------------------------------------------------

/** evenly_distribute_backward: g shared equally by the elements equal to the result (or NaN). */
function evenlyDistribute(g: Tensor, input: Tensor, value: Tensor): Tensor {
  const v = value._data[value._offset] as number;
  const mask = Number.isNaN(v) ? ne(input, input) : eq(input, value);
  return where_(mask, div(g, sum(mask)), 0);
}

function medianAll(x: Tensor, ignoreNan: boolean): Tensor {
  const out = Tensor._empty([], x.dtype);
  const vals: number[] = [];
  forEachGroup(x, reduceMask(x._shape.length, null), (v) => vals.push(...v));
  // median_impl: empty gives NaN; median() is NaN if any value is; nanmedian() skips NaNs.
  // Either way it is the lower median, whose value does not depend on the algorithm.
  if (vals.length > 0) checkNotBool(x, 'median_cpu');
  const finite = vals.filter((v) => v === v);
  if (vals.length === 0 || (!ignoreNan && finite.length < vals.length) || finite.length === 0) out._data[0] = NaN;
  else {
    finite.sort((p, q) => p - q);
    out._data[0] = finite[(finite.length - 1) >> 1] as number;
  }
  if (needsGrad(x)) {
    record(ignoreNan ? 'NanmedianBackward0' : 'MedianBackward0', [x], out, (g, s) => [evenlyDistribute(g[0] as Tensor, s.get(0), s.get(1))], [x, out]);
  }
  return out;
}

export type MedianOpts = { dim?: number; keepdim?: boolean };

function medianDim(x: Tensor, dimArg: number, kd: boolean, ignoreNan: boolean): ValuesIndices {
  const name = ignoreNan ? 'nanmedian' : 'median';
  const nd = x._shape.length;
  const d = wrapDim(dimArg, nd);
  zeroNumelCheck(x, d, `${name}()`);
  checkNotBool(x, 'median_out');
  const [values, indices] = selectAlong(x, d, kd, (vals) => {
    // median_with_indices_impl: median() returns the first NaN if any. Otherwise
    // std::nth_element at rank (n - nans - 1) / 2 (C++ division) with PyTorch's comparator:
    // (value, index) order, NaNs last (and unordered among themselves, hence the replay).
    if (!ignoreNan) for (let i = 0; i < vals.length; i++) if (Number.isNaN(vals[i])) return [NaN, i];
    let nans = 0;
    for (const v of vals) if (v !== v) nans++;
    const idx = iota(vals.length);
    const nth = Math.trunc((vals.length - nans - 1) / 2);
    stdNthElement(idx, nth, (p, q) => {
      const a = vals[p] as number;
      const b = vals[q] as number;
      return a < b || (a === b && p < q) || (b !== b && a === a);
    });
    const m = idx[nth] as number;
    return [vals[m] as number, m];
  });
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record(ignoreNan ? 'NanmedianBackward1' : 'MedianBackward1', [x], [values, indices], (g, s) => [
      valueSelectingBackward(g[0] as Tensor, d, s.get(0), inShape, kd),
    ], [indices]);
  }
  return valuesIndices(name, values, indices);
}

/** `torch.median(x)`: the lower median (MedianBackward0). */
export function median(x: Tensor): Tensor;
/** `torch.median(x, dim, keepdim=False)`: named tuple (values, indices) (MedianBackward1). */
export function median(x: Tensor, dim: number | MedianOpts, keepdim?: boolean | MedianOpts): ValuesIndices;
export function median(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  const a = bindArgs('median', ['dim', 'keepdim'], args);
  if (a.dim === undefined) return medianAll(x, false);
  return medianDim(x, a.dim as number, (a.keepdim as boolean | undefined) ?? false, false);
}

/** `torch.nanmedian(x)` / `torch.nanmedian(x, dim, keepdim=False)`: median ignoring NaNs. */
export function nanmedian(x: Tensor): Tensor;
export function nanmedian(x: Tensor, dim: number | MedianOpts, keepdim?: boolean | MedianOpts): ValuesIndices;
export function nanmedian(x: Tensor, ...args: unknown[]): Tensor | ValuesIndices {
  const a = bindArgs('nanmedian', ['dim', 'keepdim'], args);
  if (a.dim === undefined) return medianAll(x, true);
  return medianDim(x, a.dim as number, (a.keepdim as boolean | undefined) ?? false, true);
}

// ---- mode ------------------------------------------------------------------------------------

/** `torch.mode(x, dim=-1, keepdim=False)`: the most frequent value, named tuple (values, indices). */
export function mode(x: Tensor, dim?: number | MedianOpts, keepdim?: boolean | MedianOpts, opts?: MedianOpts): ValuesIndices {
  const a = bindArgs('mode', ['dim', 'keepdim'], [dim, keepdim, opts]);
  const nd = x._shape.length;
  const d = wrapDim((a.dim as number | undefined) ?? -1, nd);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  if (numelOf(x._shape) === 0) zeroNumelCheck(x, d, 'mode()');
  const [values, indices] = selectAlong(x, d, kd, (vals) => {
    // mode_kernel_impl: std::sort of (value, index) pairs by value alone, then the last element
    // of the first longest run, so the tie order of std::sort decides the index.
    const order = iota(vals.length);
    stdSort(order, (p, q) => (vals[p] as number) < (vals[q] as number));
    let best = 0;
    let bestI = 0;
    let maxFreq = 0;
    let run = 0;
    for (let i = 0; i < order.length; i++) {
      run++;
      const cur = vals[order[i] as number] as number;
      if (i === order.length - 1 || cur !== vals[order[i + 1] as number]) {
        if (run > maxFreq) {
          best = cur;
          bestI = order[i] as number;
          maxFreq = run;
        }
        run = 0;
      }
    }
    return [best, bestI];
  });
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('ModeBackward0', [x], [values, indices], (g, s) => [valueSelectingBackward(g[0] as Tensor, d, s.get(0), inShape, kd)], [indices]);
  }
  return valuesIndices('mode', values, indices);
}
