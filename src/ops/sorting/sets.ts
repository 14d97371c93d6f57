// Set-like and counting ops: unique, unique_consecutive, bincount, histc, searchsorted,
// bucketize, and diff (aten/src/ATen/native/Unique.cpp, SummaryOps.cpp, Histogram.cpp,
// Bucketization.cpp, ReduceOps.cpp). Only diff is differentiable (it is composed of narrow and
// sub, or cat first); unique's outputs and bincount's weighted counts carry a grad_fn whose
// backward raises, as in PyTorch.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, float32, float64, int32, int64, type dtype } from '../../tensor/dtype.ts';
import { NotImplementedError, RuntimeError, warnOnce } from '../../errors.ts';
import { contiguousStrides, numelOf, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { result_type } from '../../tensor/type_props.ts';
import { cppDouble } from '../../random/format.ts';
import { narrow, select } from '../shape/views.ts';
import { sub } from '../pointwise/arithmetic.ts';
import { logical_xor } from '../pointwise/pointwise_misc.ts';
import { cat } from '../shape/shape_more_join.ts';
import { copy_ } from '../inplace.ts';
import { bindArgs, forEachGroup, reduceMask } from '../reduce/reduce_more_util.ts';
import { stdSort } from './sort_std.ts';
import { unorderedSetOrder } from './sets_hash.ts';

/** The values of `x` in row-major order. */
function flatValues(x: Tensor): Float64Array {
  let out = new Float64Array(0);
  forEachGroup(x, reduceMask(x._shape.length, null), (v) => (out = Float64Array.from(v)));
  return out;
}

function fromArray(vals: ArrayLike<number>, shape: number[], dt: dtype): Tensor {
  const t = Tensor._empty(shape, dt);
  for (let i = 0; i < vals.length; i++) t._data[i] = vals[i] as number;
  return t;
}

/** A grad_fn whose backward raises, as derivatives.yaml's `not_implemented`. */
function notDifferentiable(name: string, op: string, x: Tensor, outs: Tensor[]): void {
  if (!needsGrad(x)) return;
  record(name, [x], outs, () => {
    throw new NotImplementedError(`the derivative for '${op}' is not implemented.`);
  });
}

/** What torch.unique / unique_consecutive return, by the flags asked for. */
function uniqueResult(out: Tensor, inverse: Tensor, counts: Tensor, retInv: boolean, retCounts: boolean): Tensor | Tensor[] {
  if (retInv && retCounts) return [out, inverse, counts];
  if (retInv) return [out, inverse];
  if (retCounts) return [out, counts];
  return out;
}

// ---- unique ----------------------------------------------------------------------------------

export type UniqueOpts = { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null };

/** Slices of `x` along `dim`, each flattened (row-major over the other dims). */
function slicesAlong(x: Tensor, dim: number): Float64Array[] {
  const n = x._shape[dim] as number;
  const out: Float64Array[] = [];
  no_grad(() => {
    for (let i = 0; i < n; i++) out.push(flatValues(select(x, dim, i)));
  });
  return out;
}

/**
 * Rebuilds a tensor from slices along `dim`, as _unique_dim_cpu_template does: the slices
 * stacked contiguously along a new first dim, then moveaxis(0, dim) (so its strides are moved too).
 */
function stackSlices(slices: readonly Float64Array[], like: readonly number[], dim: number, dt: dtype): Tensor {
  const shape = like.slice();
  shape[dim] = slices.length;
  const inner = numelOf(like) / Math.max(1, like[dim] as number);
  const data = new dt.ArrayType(slices.length * inner);
  slices.forEach((sl, k) => data.set(sl, k * inner));
  const moved = [slices.length, ...like.filter((_, i) => i !== dim)];
  const cs = contiguousStrides(moved);
  const strides = shape.map((_, d) => (d === dim ? (cs[0] as number) : (cs[d < dim ? d + 1 : d] as number)));
  return new Tensor(data, shape, strides, 0, dt);
}

function compareSlices(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) < (b[i] as number)) return -1;
    if ((a[i] as number) > (b[i] as number)) return 1;
  }
  return 0;
}

/** _unique_dim_cpu_template: sorted (unless consecutive) unique slices, inverse and counts. */
function uniqueDim(x: Tensor, dimArg: number, consecutive: boolean): [Tensor, Tensor, Tensor] {
  const dim = wrapDim(dimArg, x._shape.length);
  const slices = slicesAlong(x, dim);
  const order = slices.map((_, i) => i);
  if (!consecutive) stdSort(order, (p, q) => compareSlices(slices[p] as Float64Array, slices[q] as Float64Array) < 0);
  const uniq: Float64Array[] = [];
  const inverse = new Float64Array(slices.length);
  const counts: number[] = [];
  for (const i of order) {
    const s = slices[i] as Float64Array;
    const last = uniq[uniq.length - 1];
    if (last === undefined || compareSlices(last, s) !== 0) {
      uniq.push(s);
      counts.push(0);
    }
    inverse[i] = uniq.length - 1;
    counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
  }
  return [
    stackSlices(uniq, x._shape, dim, x.dtype),
    fromArray(inverse, [slices.length], int64),
    fromArray(counts, [counts.length], int64),
  ];
}

/**
 * `torch.unique(x, sorted=True, return_inverse=False, return_counts=False, dim=None)`: the
 * output alone, or an array [output, inverse?, counts?] with what was asked for. With
 * sorted=False the values come in the order of PyTorch's hash set (see sets_hash.ts).
 */
export function unique(x: Tensor, ...args: (boolean | number | null | UniqueOpts | undefined)[]): Tensor | Tensor[] {
  const a = bindArgs('unique', ['sorted', 'return_inverse', 'return_counts', 'dim'], args);
  const sorted = (a.sorted as boolean | undefined) ?? true;
  const retInv = (a.return_inverse as boolean | undefined) ?? false;
  const retCounts = (a.return_counts as boolean | undefined) ?? false;
  const dim = a.dim as number | null | undefined;
  if (dim !== undefined && dim !== null) {
    const [out, inv, cnt] = uniqueDim(x, dim, false);
    notDifferentiable('UniqueDimBackward0', 'unique_dim', x, [out, inv, cnt]);
    return uniqueResult(out, inv, cnt, retInv, retCounts);
  }
  const vals = flatValues(x);
  let uniq: number[];
  if (x.dtype === bool) {
    const seen = [false, false];
    for (const v of vals) seen[v ? 1 : 0] = true;
    uniq = [0, 1].filter((v) => seen[v]);
  } else {
    // unique_elements: a std::unordered_set copied out in its own order, then std::sort'ed.
    uniq = unorderedSetOrder(vals, x.dtype);
    if (sorted) {
      const order = uniq.map((_, i) => i);
      const u = uniq;
      stdSort(order, (p, q) => (u[p] as number) < (u[q] as number));
      uniq = order.map((i) => u[i] as number);
    }
  }
  // std::unordered_map lookups: a NaN key is never found, so NaN inputs get inverse 0 and a
  // NaN output gets count 0, as in PyTorch.
  const pos = new Map<number, number>();
  uniq.forEach((v, i) => {
    if (v === v) pos.set(v, i);
  });
  const inverse = new Float64Array(vals.length);
  const counts = new Float64Array(uniq.length);
  vals.forEach((v, i) => {
    const k = pos.get(v);
    inverse[i] = k ?? 0;
    if (k !== undefined) counts[k] = (counts[k] as number) + 1;
  });
  const out = fromArray(uniq, [uniq.length], x.dtype);
  const inv = fromArray(inverse, x._shape.slice(), int64);
  const cnt = fromArray(counts, [uniq.length], int64);
  notDifferentiable('Unique2Backward0', '_unique2', x, [out, inv, cnt]);
  return uniqueResult(out, inv, cnt, retInv, retCounts);
}

export type UniqueConsecutiveOpts = { return_inverse?: boolean; return_counts?: boolean; dim?: number | null };

/** `torch.unique_consecutive(x, return_inverse=False, return_counts=False, dim=None)`. */
export function unique_consecutive(x: Tensor, ...args: (boolean | number | null | UniqueConsecutiveOpts | undefined)[]): Tensor | Tensor[] {
  const a = bindArgs('unique_consecutive', ['return_inverse', 'return_counts', 'dim'], args);
  const retInv = (a.return_inverse as boolean | undefined) ?? false;
  const retCounts = (a.return_counts as boolean | undefined) ?? false;
  const dim = a.dim as number | null | undefined;
  let out: Tensor;
  let inv: Tensor;
  let cnt: Tensor;
  if (dim !== undefined && dim !== null) {
    [out, inv, cnt] = uniqueDim(x, dim, true);
  } else {
    const vals = flatValues(x);
    const uniq: number[] = [];
    const inverse = new Float64Array(vals.length);
    const counts: number[] = [];
    vals.forEach((v, i) => {
      // `value != last_value`: every NaN starts a new run.
      if (i === 0 || v !== uniq[uniq.length - 1]) {
        uniq.push(v);
        counts.push(0);
      }
      inverse[i] = uniq.length - 1;
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    });
    out = fromArray(uniq, [uniq.length], x.dtype);
    // The kernel only fills what was asked for; the others stay empty.
    inv = retInv ? fromArray(inverse, x._shape.slice(), int64) : Tensor._empty([0], int64);
    cnt = retCounts ? fromArray(counts, [counts.length], int64) : Tensor._empty([0], int64);
  }
  notDifferentiable('UniqueConsecutiveBackward0', 'unique_consecutive', x, [out, inv, cnt]);
  return uniqueResult(out, inv, cnt, retInv, retCounts);
}

// ---- bincount / histc ------------------------------------------------------------------------

export type BincountOpts = { weights?: Tensor | null; minlength?: number };

/** `torch.bincount(x, weights=None, minlength=0)`: counts (int64) or summed weights. */
export function bincount(x: Tensor, weights?: Tensor | null | BincountOpts, minlength?: number | BincountOpts, opts?: BincountOpts): Tensor {
  const a = bindArgs('bincount', ['weights', 'minlength'], [weights, minlength, opts]);
  const w = (a.weights as Tensor | null | undefined) ?? null;
  const minlen = (a.minlength as number | undefined) ?? 0;
  const dt = x.dtype;
  if (dt.is_floating_point || dt === bool) throw new RuntimeError(`"bincount_cpu" not implemented for '${dt.scalarName}'`);
  if (minlen < 0) throw new RuntimeError('minlength should be >= 0');
  if (x._shape.length === 1 && numelOf(x._shape) === 0) return Tensor._empty([minlen], int64);
  const vals = flatValues(x);
  if (x._shape.length !== 1 || vals.some((v) => v < 0)) throw new RuntimeError('bincount only supports 1-d non-negative integral inputs.');
  if (w !== null && (w._shape.length !== 1 || w._shape[0] !== x._shape[0])) {
    throw new RuntimeError('weights should be 1-d and have the same length as input');
  }
  let nbins = minlen;
  for (const v of vals) nbins = Math.max(nbins, v + 1);
  if (w === null) {
    const out = Tensor._empty([nbins], int64);
    for (const v of vals) out._data[v] = (out._data[v] as number) + 1;
    return out;
  }
  // float32 weights accumulate in float; any other dtype in double.
  const outDt = w.dtype === float32 ? float32 : float64;
  const wv = flatValues(w);
  const acc = new Float64Array(nbins);
  vals.forEach((v, i) => {
    const s = (acc[v] as number) + (wv[i] as number);
    acc[v] = outDt === float32 ? Math.fround(s) : s;
  });
  const out = fromArray(acc, [nbins], outDt);
  // bincount has no formula: autograd's NotImplemented node raises when reached.
  if (needsGrad(w)) {
    record('torch::autograd::NotImplemented', [null, w], out, () => {
      throw new RuntimeError('derivative for aten::bincount is not implemented');
    });
  }
  return out;
}

export type HistcOpts = { bins?: number; min?: number; max?: number };

/** `torch.histc(x, bins=100, min=0, max=0)`: equal-width histogram; min = max: the data's range. */
export function histc(x: Tensor, bins?: number | HistcOpts, min?: number | HistcOpts, max?: number | HistcOpts, opts?: HistcOpts): Tensor {
  const a = bindArgs('histc', ['bins', 'min', 'max'], [bins, min, max, opts]);
  const nb = (a.bins as number | undefined) ?? 100;
  const dt = x.dtype;
  if (!dt.is_floating_point) throw new RuntimeError(`"histogram_cpu" not implemented for '${dt.scalarName}'`);
  if (!(nb > 0)) throw new RuntimeError(`torch.histogram(): bins must be > 0, but got ${nb} for dimension 0`);
  const vals = flatValues(x);
  let lo = (a.min as number | undefined) ?? 0;
  let hi = (a.max as number | undefined) ?? 0;
  if (lo === hi && vals.length > 0) {
    lo = Infinity;
    hi = -Infinity;
    for (const v of vals) {
      // aminmax propagates NaN
      lo = v !== v || lo !== lo ? NaN : Math.min(lo, v);
      hi = v !== v || hi !== hi ? NaN : Math.max(hi, v);
    }
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RuntimeError(`torch.histc: range of [${cppDouble(lo)}, ${cppDouble(hi)}] is not finite`);
  }
  if (!(lo < hi)) throw new RuntimeError('torch.histc: max must be larger than min');
  // The bin edges are linspace(lo, hi) in the input dtype; the kernel computes in that dtype.
  const r = dt === float32 ? Math.fround : (v: number): number => v;
  const left = r(lo);
  const right = r(hi);
  const hist = new Float64Array(nb);
  for (const e of vals) {
    if (e < left || right < e) continue;
    // (int64)NaN is INT64_MIN, whose byte offset wraps to 0: a NaN lands in bin 0.
    let pos = e !== e ? 0 : Math.trunc(r(r(r(e - left) / r(right - left)) * nb));
    if (pos === nb) pos -= 1;
    hist[pos] = r((hist[pos] as number) + 1);
  }
  return fromArray(hist, [nb], dt);
}

// ---- searchsorted / bucketize ----------------------------------------------------------------

export type SearchsortedOpts = { out_int32?: boolean; right?: boolean; side?: string | null; sorter?: Tensor | null };

function castTo(v: number, dt: dtype): number {
  return dt === float32 ? Math.fround(v) : v;
}

function sizeStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

function searchsortedImpl(seq: Tensor, input: Tensor | number, outInt32: boolean, right: boolean, side: string | null, sorter: Tensor | null): Tensor {
  if (side !== null) {
    if (side !== 'left' && side !== 'right') {
      throw new RuntimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${side}`);
    }
    if (right && side !== 'right') {
      throw new RuntimeError(`torch.searchsorted(): side and right can't be set to opposites, got side of ${side} while right was True`);
    }
  }
  const isRight = right || side === 'right';
  const inShape = input instanceof Tensor ? input._shape.slice() : [];
  const bd = seq._shape;
  if (sorter !== null) {
    if (sizeStr(sorter._shape) !== sizeStr(bd)) {
      throw new RuntimeError(
        `torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor ${sizeStr(bd)}and got sorter tensor ${sizeStr(sorter._shape)}`,
      );
    }
    if (sorter.dtype !== int64) {
      throw new RuntimeError(`torch.searchsorted(): sorter must be a tensor of long dtype but got dtype ${sorter.dtype.scalarName}`);
    }
  }
  const inNumel = numelOf(inShape);
  if (!(inShape.length > 0 || (inNumel === 1 && bd.length === 1))) {
    throw new RuntimeError(
      `torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(${bd.length}) and input value's dim(${inShape.length}) numel(${inNumel})`,
    );
  }
  if (bd.length === 0) throw new RuntimeError('torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension');
  const leadMatch = bd.length === inShape.length && bd.slice(0, -1).every((s, i) => s === inShape[i]);
  if (!(bd.length === 1 || leadMatch)) {
    throw new RuntimeError(
      `torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${sizeStr(bd)} and input value tensor ${sizeStr(inShape)}`,
    );
  }
  if (input instanceof Tensor && !input.is_contiguous()) {
    warnOnce(
      'UserWarning',
      'torch.searchsorted(): input value tensor is non-contiguous, this will lower the performance due to extra data copy when converting non-contiguous tensor to contiguous, please use contiguous input value tensor if possible. This message will only appear once per program.',
    );
  }
  if (!seq.is_contiguous()) {
    warnOnce(
      'UserWarning',
      'torch.searchsorted(): boundary tensor is non-contiguous, this will lower the performance due to extra data copy when converting non-contiguous tensor to contiguous, please use contiguous boundary tensor if possible. This message will only appear once per program.',
    );
  }
  // Both sides are compared in their common dtype.
  const common = result_type(seq, input);
  if (common === bool) throw new RuntimeError(`"searchsorted_out_cpu" not implemented for 'Bool'`);
  const b = flatValues(seq).map((v) => castTo(v, common));
  const st = sorter === null ? null : flatValues(sorter);
  const vals = input instanceof Tensor ? flatValues(input).map((v) => castTo(v, common)) : [castTo(input, common)];
  const idimBd = bd[bd.length - 1] as number;
  const idimIn = inShape.length === 0 ? 1 : (inShape[inShape.length - 1] as number);
  const out = Tensor._empty(inShape, outInt32 ? int32 : int64);
  vals.forEach((v, i) => {
    const startBd = bd.length === 1 ? 0 : Math.floor(i / idimIn) * idimBd;
    let lo = startBd;
    let hi = startBd + idimBd;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      const m = st === null ? (b[mid] as number) : (b[(st[mid] as number) + startBd] as number);
      // cus_lower_bound / cus_upper_bound: negated comparisons put NaN after everything.
      if (isRight ? !(m > v) : !(m >= v)) lo = mid + 1;
      else hi = mid;
    }
    out._data[i] = lo - startBd;
  });
  return out;
}

/** `torch.searchsorted(sorted_sequence, input, *, out_int32=False, right=False, side=None, sorter=None)`. */
export function searchsorted(seq: Tensor, input: Tensor | number, opts?: SearchsortedOpts): Tensor {
  const a = bindArgs('searchsorted', ['out_int32', 'right', 'side', 'sorter'], [opts]);
  return searchsortedImpl(
    seq,
    input,
    (a.out_int32 as boolean | undefined) ?? false,
    (a.right as boolean | undefined) ?? false,
    (a.side as string | null | undefined) ?? null,
    (a.sorter as Tensor | null | undefined) ?? null,
  );
}

export type BucketizeOpts = { out_int32?: boolean; right?: boolean };

/** `torch.bucketize(input, boundaries, *, out_int32=False, right=False)`. */
export function bucketize(input: Tensor | number, boundaries: Tensor, opts?: BucketizeOpts): Tensor {
  const a = bindArgs('bucketize', ['out_int32', 'right'], [opts]);
  if (boundaries._shape.length !== 1) {
    throw new RuntimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries._shape.length})`);
  }
  return searchsortedImpl(boundaries, input, (a.out_int32 as boolean | undefined) ?? false, (a.right as boolean | undefined) ?? false, null, null);
}

// ---- diff ------------------------------------------------------------------------------------

export type DiffOpts = { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null };

function checkCompatible(x: Tensor, other: Tensor | null, dim: number): void {
  if (other === null) return;
  const d = wrapDim(dim, x._shape.length, false);
  if (other._shape.length !== x._shape.length) throw new RuntimeError('diff expects prepend or append to be the same dimension as input');
  for (let i = 0; i < other._shape.length; i++) {
    if (other._shape[i] !== x._shape[i] && i !== d) {
      throw new RuntimeError(
        `diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(${i}) = ${x._shape[i]}, but got tensor.size(${i}) = ${other._shape[i]}`,
      );
    }
  }
}

function diffHelper(x: Tensor, n: number, dimArg: number): Tensor {
  if (n === 0) {
    // zeros_like(self).copy_(self): a copy whose grad_fn is CopyBackwards.
    const r = Tensor._empty(x._shape.slice(), x.dtype);
    copy_(r, x);
    return r;
  }
  const dim = wrapDim(dimArg, x._shape.length);
  let outLen = (x._shape[dim] as number) - 1;
  let r = x;
  const steps = Math.min(n, x._shape[dim] as number);
  for (let i = 0; i < steps; i++) {
    const hi = narrow(r, dim, 1, outLen);
    const lo = narrow(r, dim, 0, outLen);
    r = x.dtype === bool ? logical_xor(hi, lo) : sub(hi, lo);
    outLen -= 1;
  }
  return r;
}

/** `torch.diff(x, n=1, dim=-1, prepend=None, append=None)`: n-th forward difference along dim. */
export function diff(x: Tensor, ...args: (number | Tensor | null | DiffOpts | undefined)[]): Tensor {
  const a = bindArgs('diff', ['n', 'dim', 'prepend', 'append'], args);
  const n = (a.n as number | undefined) ?? 1;
  const dim = (a.dim as number | undefined) ?? -1;
  const pre = (a.prepend as Tensor | null | undefined) ?? null;
  const app = (a.append as Tensor | null | undefined) ?? null;
  if (x._shape.length < 1) throw new RuntimeError('diff expects input to be at least one-dimensional');
  checkCompatible(x, pre, dim);
  checkCompatible(x, app, dim);
  if ((pre === null && app === null) || n === 0) return diffHelper(x, n, dim);
  const parts = [pre, x, app].filter((t): t is Tensor => t !== null);
  return diffHelper(cat(parts, dim), n, dim);
}
