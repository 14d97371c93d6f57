// gather, scatter, scatter_add, scatter_reduce and take_along_dim: ops whose index has the
// input's number of dims and picks, along `dim`, one element per index element
// (GatherBackward0, ScatterBackward0/1, ScatterAddBackward0, ScatterReduceBackward0).
import { Tensor } from '../../tensor/tensor.ts';
import { int64, castScalar } from '../../tensor/dtype.ts';
import { RuntimeError, TorchTypeError } from '../../errors.ts';
import { broadcastShapes, numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { checkInplace } from '../inplace.ts';
import type { BackwardFn } from '../../autograd/node.ts';
import { toNumber, type Scalar } from '../elementwise.ts';
import { expand, view } from '../shape/views.ts';
import { where_ } from '../pointwise/select_where.ts';
import { masked_fill } from './index_ops_mask.ts';
import { full_of, zeros_of } from '../alloc.ts';
import { accumulateStore, bindArgs, checkLongIndex, denseCopy, fmtSize, inPlace, outOfPlace, type IndexOpGrad } from './index_ops_util.ts';

const ensureDim = (t: Tensor): number => Math.max(t._shape.length, 1);
const ensureSize = (t: Tensor, d: number): number => (t._shape.length === 0 ? 1 : (t._shape[d] as number));

/**
 * Where each index element reads or writes: `base[i]` is the storage offset in `t` of index
 * element i's position with the `dim` coordinate at 0; the index value k moves it `k * step`.
 */
function along(t: Tensor, index: Tensor, dim: number): { base: Int32Array | Float64Array; step: number; size: number } {
  const ishape = index._shape.length === 0 ? [1] : index._shape;
  const stride = t._shape.length === 0 ? [0] : t._stride.slice();
  const step = stride[dim] as number;
  stride[dim] = 0;
  return { base: elementOffsets(ishape, stride, t._offset), step, size: ensureSize(t, dim) };
}

/** Index values in row-major order over the index's shape, each checked against `size`. */
function indexValues(index: Tensor, dim: number, size: number): Float64Array {
  const ishape = index._shape.length === 0 ? [1] : index._shape;
  const offs = elementOffsets(ishape, index._shape.length === 0 ? [0] : index._stride, index._offset);
  const out = new Float64Array(offs.length);
  const d = index._data;
  for (let i = 0; i < offs.length; i++) {
    const k = d[offs[i] as number] as number;
    if (k < 0 || k >= size) throw new RuntimeError(`index ${k} is out of bounds for dimension ${dim} with size ${size}`);
    out[i] = k;
  }
  return out;
}

// ---- gather ------------------------------------------------------------------------------------

type GatherOpts = { dim?: number; index?: Tensor; sparse_grad?: boolean };

/** `torch.gather(input, dim, index)`: out[i][j] = input[index[i][j]][j] (for dim 0). */
export function gather(input: Tensor, dim: number | GatherOpts, index?: Tensor | GatherOpts, opts?: GatherOpts): Tensor {
  const a = bindArgs('gather', ['dim', 'index', 'sparse_grad'], [dim, index, opts]);
  if (typeof a.dim !== 'number' || !(a.index instanceof Tensor)) throw new TorchTypeError('gather(): argument \'dim\' must be int and \'index\' a Tensor');
  return gatherImpl(input, a.dim, a.index);
}

function gatherImpl(self: Tensor, dimIn: number, index: Tensor): Tensor {
  const dim = wrapDim(dimIn, self._shape.length);
  const out = Tensor._empty(index._shape.slice(), self.dtype);
  const n = numelOf(index._shape);
  if (n !== 0) {
    checkLongIndex(index, 'gather');
    const nd = ensureDim(self);
    if (nd !== ensureDim(index)) throw new RuntimeError('Index tensor must have the same number of dimensions as input tensor');
    for (let d = 0; d < nd; d++) {
      if (d !== dim && ensureSize(index, d) > ensureSize(self, d)) {
        throw new RuntimeError(
          `Size does not match at dimension ${d} expected index ${fmtSize(index._shape)} to be smaller than self ${fmtSize(self._shape)} apart from dimension ${dim}`,
        );
      }
    }
    const at = along(self, index, dim);
    const k = indexValues(index, dim, at.size);
    const sd = self._data;
    const od = out._data;
    for (let i = 0; i < n; i++) od[i] = sd[(at.base[i] as number) + (k[i] as number) * at.step] as number;
  }
  if (needsGrad(self)) {
    const sizes = self._shape.slice();
    record('GatherBackward0', [self], out, (g, s) => [scatterAddImpl(Tensor._empty(sizes, (g[0] as Tensor).dtype), dim, s.get(0), g[0] as Tensor)], [index]);
  }
  return out;
}

/** `torch.take_along_dim(input, indices, dim)`: gather after broadcasting; no dim: on the flattened input. */
export function take_along_dim(input: Tensor, indices: Tensor | { indices?: Tensor; dim?: number | null }, dim?: number | null | { dim?: number | null }): Tensor {
  const a = bindArgs('take_along_dim', ['indices', 'dim'], [indices, dim]);
  const idx = a.indices as Tensor;
  if (a.dim === undefined || a.dim === null) return gatherImpl(view(input, [[-1]]), 0, view(idx, [[-1]]));
  if (input._shape.length !== idx._shape.length) {
    throw new RuntimeError(
      `torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${input._shape.length} dimensions for input, and ${idx._shape.length} dimensions for indices`,
    );
  }
  if (idx.dtype !== int64) throw new RuntimeError(`torch.take_along_dim(): dtype of indices should be Long but got ${idx.dtype.scalarName}`);
  const d = wrapDim(a.dim as number, input._shape.length);
  const selfSizes = input._shape.slice();
  selfSizes[d] = idx._shape[d] as number;
  const idxB = broadcastIfNeeded(idx, broadcastShapes(selfSizes, idx._shape));
  const idxSizes = idx._shape.slice();
  idxSizes[d] = input._shape[d] as number;
  const selfB = broadcastIfNeeded(input, broadcastShapes(idxSizes, input._shape));
  return gatherImpl(selfB, d, idxB);
}

function broadcastIfNeeded(t: Tensor, shape: number[]): Tensor {
  return shape.length === t._shape.length && shape.every((s, i) => s === t._shape[i]) ? t : expand(t, [shape]);
}

// ---- scatter -----------------------------------------------------------------------------------

export type Reduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

/** scatter_meta_impl's checks, in PyTorch's order (scatter_add and scatter_reduce say "scatter()" too). */
function scatterChecks(self: Tensor, dim: number, index: Tensor, src: Tensor | null): void {
  if (numelOf(index._shape) !== 0) checkLongIndex(index, 'scatter');
  if (src !== null && src.dtype !== self.dtype) throw new RuntimeError('scatter(): Expected self.dtype to be equal to src.dtype');
  if (numelOf(index._shape) === 0) return;
  const nd = ensureDim(self);
  if (nd !== ensureDim(index)) throw new RuntimeError('Index tensor must have the same number of dimensions as self tensor');
  let wrong = false;
  for (let d = 0; d < nd && !wrong; d++) if (d !== dim && ensureSize(index, d) > ensureSize(self, d)) wrong = true;
  if (!wrong && src !== null) for (let d = 0; d < nd && !wrong; d++) if (ensureSize(index, d) > ensureSize(src, d)) wrong = true;
  if (src !== null) {
    if (ensureDim(src) !== ensureDim(index)) throw new RuntimeError('Index tensor must have the same number of dimensions as src tensor');
    if (wrong) {
      throw new RuntimeError(
        `Expected index ${fmtSize(index._shape)} to be smaller than self ${fmtSize(self._shape)} apart from dimension ${dim} and to be smaller size than src ${fmtSize(src._shape)}`,
      );
    }
  } else if (wrong) {
    throw new RuntimeError(`Expected index ${fmtSize(index._shape)} to be smaller than self ${fmtSize(self._shape)} apart from dimension ${dim}`);
  }
}

/**
 * The scatter kernel into a dense copy `dst`: each index element sends src's element at the
 * same position (or `value`) to dst's element at that position with the dim coordinate
 * replaced by the index value, combined by `reduce` (null: overwrite, the last one wins).
 * Values are combined in doubles and rounded to dst's dtype after every step, as PyTorch's
 * kernel accumulates in the tensor's own dtype.
 */
function scatterKernel(dst: Tensor, dim: number, index: Tensor, src: Tensor | null, value: number, reduce: Reduce | null, includeSelf: boolean): void {
  const n = numelOf(index._shape);
  if (n === 0) return;
  const at = along(dst, index, dim);
  const k = indexValues(index, dim, at.size);
  const ishape = index._shape.length === 0 ? [1] : index._shape;
  const so = src === null ? null : elementOffsets(ishape, src._shape.length === 0 ? [0] : src._stride, src._offset);
  const sd = src === null ? null : src._data;
  const dd = dst._data;
  const dt = dst.dtype;
  const round = accumulateStore(dt);
  const read = (i: number): number => (sd === null || so === null ? value : (sd[so[i] as number] as number));
  const pos = (i: number): number => (at.base[i] as number) + (k[i] as number) * at.step;
  if (reduce === null) {
    for (let i = 0; i < n; i++) dd[pos(i)] = read(i);
    return;
  }
  // Accumulate in doubles beside dst (an int32 tensor can't hold amax's −inf start).
  const acc = new Map<number, number>();
  const count = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = pos(i);
    if (!acc.has(p)) {
      acc.set(p, includeSelf ? (dd[p] as number) : reduce === 'prod' ? 1 : reduce === 'amax' ? -Infinity : reduce === 'amin' ? Infinity : 0);
      count.set(p, includeSelf ? 1 : 0);
    }
    const a = acc.get(p) as number;
    const v = read(i);
    let r: number;
    if (reduce === 'sum' || reduce === 'mean') r = a + v;
    else if (reduce === 'prod') r = a * v;
    else if (Number.isNaN(a) || Number.isNaN(v)) r = NaN;
    else r = reduce === 'amax' ? Math.max(a, v) : Math.min(a, v);
    acc.set(p, reduce === 'amax' || reduce === 'amin' ? r : round(r));
    count.set(p, (count.get(p) as number) + 1);
  }
  for (const [p, a] of acc) {
    let r = a;
    if (reduce === 'mean') {
      const c = count.get(p) as number;
      r = dt.is_floating_point ? a / c : Math.floor(a / c);
    }
    dd[p] = round(r);
  }
}

type ScatterOpts = { dim?: number; index?: Tensor; src?: Tensor; value?: Scalar; reduce?: string };

function bindScatter(fn: string, args: unknown[]): { dim: number; index: Tensor; src: Tensor | null; value: Scalar; reduce: string | null } {
  const a = bindArgs(fn, ['dim', 'index', 'src', 'value', 'reduce'], args);
  const sv = a.src ?? a.value;
  if (typeof a.dim !== 'number') throw new TorchTypeError(`${fn}(): argument 'dim' must be int`);
  if (!(a.index instanceof Tensor)) throw new TorchTypeError(`${fn}(): argument 'index' must be Tensor`);
  if (!(sv instanceof Tensor) && typeof sv !== 'number' && typeof sv !== 'boolean') {
    throw new TorchTypeError(`${fn}(): argument 'src' must be Tensor or 'value' a Number`);
  }
  return {
    dim: a.dim,
    index: a.index,
    src: sv instanceof Tensor ? sv : null,
    value: sv instanceof Tensor ? 0 : sv,
    reduce: a.reduce === undefined || a.reduce === null ? null : String(a.reduce),
  };
}

function scatterAny(self: Tensor, fn: string, args: unknown[], inplace: boolean): Tensor {
  const { dim: d, index, src, value, reduce } = bindScatter(fn, args);
  const dim = wrapDim(d, self._shape.length);
  let red: Reduce | null = null;
  const compute = (dst: Tensor): void => {
    scatterChecks(self, dim, index, src);
    if (reduce !== null) {
      if (reduce !== 'add' && reduce !== 'multiply') throw new RuntimeError('reduce argument must be either add or multiply.');
      red = reduce === 'add' ? 'sum' : 'prod';
    }
    scatterKernel(dst, dim, index, src, src === null ? castScalar(toNumber(value, self.dtype), self.dtype) : 0, red, true);
  };
  const grad = (): IndexOpGrad => {
    if (red !== null) {
      // derivatives.yaml has no formula for scatter.reduce / scatter.value_reduce.
      return {
        name: 'NotImplemented',
        inputs: [self, src],
        backward: () => {
          throw new RuntimeError('derivative for aten::scatter is not implemented');
        },
      };
    }
    const backward: BackwardFn = (g, s, node) => {
      const gs = g[0] as Tensor;
      const idx = s.get(0);
      const gself = node.needs[0] ? scatterValue(gs, dim, idx, 0) : null;
      if (src === null) return [gself];
      return [gself, node.needs[1] ? gatherImpl(gs, dim, idx) : null];
    };
    return { name: src === null ? 'ScatterBackward1' : 'ScatterBackward0', inputs: src === null ? [self] : [self, src], save: [index], backward };
  };
  if (!inplace) return outOfPlace(self, compute, grad);
  inPlace(self, compute, grad);
  return self;
}

/** grad.scatter(dim, index, 0) (ScatterBackward1), for the gradients. */
function scatterValue(self: Tensor, dim: number, index: Tensor, value: number): Tensor {
  return scatterAny(self, 'scatter', [dim, index, value], false);
}

type ScatterArgs = [dim: number | ScatterOpts, index?: Tensor | ScatterOpts, src?: Tensor | Scalar | ScatterOpts, opts?: ScatterOpts];

/**
 * `torch.scatter(input, dim, index, src)` / `(input, dim, index, value)`, with `{ reduce: 'add' |
 * 'multiply' }`: input with src's elements (or value) written where index points along dim.
 */
export function scatter(input: Tensor, ...args: ScatterArgs): Tensor {
  return scatterAny(input, 'scatter', args, false);
}

export function scatter_(self: Tensor, ...args: ScatterArgs): void {
  scatterAny(self, 'scatter_', args, true);
}

// ---- scatter_add -------------------------------------------------------------------------------

type ScatterAddOpts = { dim?: number; index?: Tensor; src?: Tensor };
type ScatterAddArgs = [dim: number | ScatterAddOpts, index?: Tensor | ScatterAddOpts, src?: Tensor | ScatterAddOpts, opts?: ScatterAddOpts];

function scatterAddAny(self: Tensor, fn: string, args: unknown[], inplace: boolean): Tensor {
  const a = bindArgs(fn, ['dim', 'index', 'src'], args);
  if (typeof a.dim !== 'number' || !(a.index instanceof Tensor) || !(a.src instanceof Tensor)) {
    throw new TorchTypeError(`${fn}(): expected (int dim, Tensor index, Tensor src)`);
  }
  const dim = wrapDim(a.dim, self._shape.length);
  const index = a.index;
  const src = a.src;
  const compute = (dst: Tensor): void => {
    scatterChecks(self, dim, index, src);
    scatterKernel(dst, dim, index, src, 0, 'sum', true);
  };
  const grad = (): IndexOpGrad => ({
    name: 'ScatterAddBackward0',
    inputs: [self, src],
    save: [index],
    backward: (g, s, node) => [node.needs[0] ? (g[0] as Tensor) : null, node.needs[1] ? gatherImpl(g[0] as Tensor, dim, s.get(0)) : null],
  });
  if (!inplace) return outOfPlace(self, compute, grad);
  inPlace(self, compute, grad);
  return self;
}

function scatterAddImpl(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatterAddAny(self, 'scatter_add', [dim, index, src], false);
}

/** `torch.scatter_add(input, dim, index, src)`: src's elements summed in where index points. */
export function scatter_add(input: Tensor, ...args: ScatterAddArgs): Tensor {
  return scatterAddAny(input, 'scatter_add', args, false);
}

export function scatter_add_(self: Tensor, ...args: ScatterAddArgs): void {
  scatterAddAny(self, 'scatter_add_', args, true);
}

// ---- scatter_reduce ----------------------------------------------------------------------------

type ScatterReduceOpts = { dim?: number; index?: Tensor; src?: Tensor; reduce?: Reduce; include_self?: boolean };
type ScatterReduceArgs = [
  dim: number | ScatterReduceOpts,
  index?: Tensor | ScatterReduceOpts,
  src?: Tensor | ScatterReduceOpts,
  reduce?: Reduce | ScatterReduceOpts,
  opts?: ScatterReduceOpts,
];

/** scatter_reduce's and scatter_reduce_'s (dim, index, src, reduce, { include_self }), bound
 *  and type-checked; errors name `name`. */
function bindScatterReduce(name: string, args: ScatterReduceArgs): { dim: number; index: Tensor; src: Tensor; reduce: string; includeSelf: boolean } {
  const a = bindArgs(name, ['dim', 'index', 'src', 'reduce', 'include_self'], args);
  if (typeof a.dim !== 'number' || !(a.index instanceof Tensor) || !(a.src instanceof Tensor) || typeof a.reduce !== 'string') {
    throw new TorchTypeError(`${name}(): expected (int dim, Tensor index, Tensor src, str reduce)`);
  }
  return { dim: a.dim, index: a.index, src: a.src, reduce: a.reduce, includeSelf: a.include_self !== false };
}

/**
 * `torch.scatter_reduce(input, dim, index, src, reduce, { include_self })`: src's elements
 * combined by sum/prod/mean/amax/amin where index points (with input's own value unless
 * include_self is false).
 */
export function scatter_reduce(
  input: Tensor,
  ...args: ScatterReduceArgs
): Tensor {
  const a = bindScatterReduce('scatter_reduce', args);
  return scatterReduceImpl(input, a.dim, a.index, a.src, a.reduce, a.includeSelf);
}

/** `x.scatter_reduce_(dim, index, src, reduce, { include_self })`: scatter_reduce in place. */
export function scatter_reduce_(
  self: Tensor,
  ...args: ScatterReduceArgs
): void {
  const a = bindScatterReduce('scatter_reduce_', args);
  const dim = wrapDim(a.dim, self._shape.length);
  const { index, src, reduce, includeSelf } = a;
  checkInplace(self);
  // The formula reads self as it was: it is cloned (keeping its history) before the write.
  const original = needsGrad(self, src) ? self.clone() : null;
  inPlace(
    self,
    (dst) => {
      scatterChecks(self, dim, index, src);
      if (!['sum', 'prod', 'mean', 'amax', 'amin'].includes(reduce)) {
        throw new RuntimeError('reduce argument must be either sum, prod, mean, amax or amin.');
      }
      scatterKernel(dst, dim, index, src, 0, reduce as Reduce, includeSelf);
    },
    (): IndexOpGrad => ({
      name: 'ScatterReduceBackward0',
      inputs: [self, src],
      save: [original, index, src, self],
      backward: (g, s, node) => {
        const [gself, gsrc] = scatterReduceBackward(g[0] as Tensor, s.get(0), dim, s.get(1), s.get(2), reduce as Reduce, includeSelf, s.get(3));
        return [node.needs[0] ? gself : null, node.needs[1] ? gsrc : null];
      },
    }),
  );
}

function scatterReduceImpl(self: Tensor, dimIn: number, index: Tensor, src: Tensor, reduce: string, includeSelf: boolean): Tensor {
  const dim = wrapDim(dimIn, self._shape.length);
  const compute = (dst: Tensor): void => {
    scatterChecks(self, dim, index, src);
    if (!['sum', 'prod', 'mean', 'amax', 'amin'].includes(reduce)) {
      throw new RuntimeError('reduce argument must be either sum, prod, mean, amax or amin.');
    }
    scatterKernel(dst, dim, index, src, 0, reduce as Reduce, includeSelf);
  };
  const out = denseCopy(self);
  compute(out);
  if (needsGrad(self, src)) {
    // The result itself is saved (the amax/amin/prod formulas read it).
    record('ScatterReduceBackward0', [self, src], out, (g, s, node) => {
      const [gself, gsrc] = scatterReduceBackward(g[0] as Tensor, s.get(0), dim, s.get(1), s.get(2), reduce as Reduce, includeSelf, s.get(3));
      return [node.needs[0] ? gself : null, node.needs[1] ? gsrc : null];
    }, [self, index, src, out]);
  }
  return out;
}

/** FunctionsManual.cpp's scatter_reduce_backward, written with differentiable ops. */
function scatterReduceBackward(
  grad: Tensor,
  self: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor,
  reduce: Reduce,
  includeSelf: boolean,
  result: Tensor,
): [Tensor, Tensor] {
  let gself: Tensor;
  let gsrc: Tensor;
  if (reduce === 'sum') {
    gself = grad;
    gsrc = gatherImpl(grad, dim, index);
  } else if (reduce === 'prod') {
    const maskedSelf = masked_fill(self, self.eq(0), 1);
    const maskedSelfResult = scatterReduceImpl(maskedSelf, dim, index, src, reduce, includeSelf);
    gself = grad.mul(maskedSelfResult).div(maskedSelf);
    const srcZero = src.eq(0);
    const srcNumZeros = gatherImpl(scatterAddImpl(zeros_of(self._shape, self.dtype), dim, index, srcZero.to(self.dtype)), dim, index);
    const srcSingleZero = srcZero.bitwise_and(srcNumZeros.eq(1));
    const maskedSrc = masked_fill(src, srcSingleZero, 1);
    const maskedSrcResult = scatterReduceImpl(self, dim, index, maskedSrc, reduce, includeSelf);
    gsrc = where_(
      srcSingleZero,
      gatherImpl(grad.mul(maskedSrcResult), dim, index),
      gatherImpl(grad.mul(result), dim, index).div(masked_fill(src, srcZero, 1)),
    );
  } else if (reduce === 'mean') {
    let n = includeSelf ? full_of(grad._shape, 1, grad.dtype) : zeros_of(grad._shape, grad.dtype);
    n = scatterAddImpl(n, dim, index, full_of(src._shape, 1, src.dtype));
    n = masked_fill(n, n.eq(0), 1);
    gself = grad.div(n);
    gsrc = gatherImpl(grad, dim, index).div(gatherImpl(n, dim, index));
  } else {
    // amax / amin: the gradient is split evenly among the elements equal to the result.
    const value = gatherImpl(result, dim, index);
    const selfIsResult = self.eq(result).to(self.dtype);
    const srcIsResult = src.eq(value).to(self.dtype);
    const nDistribute = scatterAddImpl(selfIsResult, dim, index, srcIsResult);
    const distributed = grad.div(nDistribute);
    gself = selfIsResult.mul(distributed);
    gsrc = srcIsResult.mul(gatherImpl(distributed, dim, index));
  }
  if (!includeSelf) gself = scatterValue(gself, dim, index, 0);
  return [gself, gsrc];
}
