// Ops that index one dim with a 1-D index: index_select, index_add, index_copy, index_fill
// (IndexSelectBackward0, IndexAddBackward0, IndexCopyBackward0, IndexFillBackward0/1).
import { Tensor } from '../../tensor/tensor.ts';
import { int32, int64, castScalar } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError, TorchTypeError } from '../../errors.ts';
import { broadcastShapes, broadcastStrides, numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { toNumber, type Scalar } from '../elementwise.ts';
import { accumulateStore, bindArgs, fmtSize, inPlace, outOfPlace, slicesOf, valuesOf, type IndexOpGrad } from './index_ops_util.ts';

type IndexSelectOpts = { dim?: number; index?: Tensor };

function dimArg(fn: string, v: unknown): number {
  if (typeof v !== 'number') throw new TorchTypeError(`${fn}(): argument 'dim' must be int`);
  return v;
}
function tensorArg(fn: string, name: string, v: unknown): Tensor {
  if (!(v instanceof Tensor)) throw new TorchTypeError(`${fn}(): argument '${name}' must be Tensor`);
  return v;
}

/** `torch.index_select(input, dim, index)`: the slices of input at index along dim. */
export function index_select(input: Tensor, dim: number | IndexSelectOpts, index?: Tensor | IndexSelectOpts): Tensor {
  const a = bindArgs('index_select', ['dim', 'index'], [dim, index]);
  return indexSelect(input, dimArg('index_select', a.dim), tensorArg('index_select', 'index', a.index));
}

function indexSelect(self: Tensor, dimIn: number, index: Tensor): Tensor {
  const dim = wrapDim(dimIn, self._shape.length);
  if (index._shape.length > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
  if (index.dtype !== int64 && index.dtype !== int32) {
    throw new RuntimeError('index_select(): Expected dtype int32 or int64 for index');
  }
  const idx = valuesOf(index);
  const n = idx.length;
  const outShape = self._shape.slice();
  if (outShape.length > 0) outShape[dim] = n;
  if (self._shape.length > 1 && n > 0 && numelOf(self._shape) === 0 && self._shape[dim] === 0) {
    throw new RuntimeError('index_select(): self indexing axis dim should be positive');
  }
  const out = Tensor._empty(outShape, self.dtype);
  const src = slicesOf(self, dim);
  const dst = slicesOf(out, dim);
  for (let j = 0; j < n; j++) {
    const k = idx[j] as number;
    if (k < 0 || k >= src.size) throw new IndexError('index out of range in self');
  }
  const sd = self._data;
  const od = out._data;
  for (let j = 0; j < n; j++) {
    const so = (idx[j] as number) * src.step;
    const oo = j * dst.step;
    for (let e = 0; e < src.base.length; e++) od[(dst.base[e] as number) + oo] = sd[(src.base[e] as number) + so] as number;
  }
  if (needsGrad(self)) {
    const sizes = self._shape.slice();
    record('IndexSelectBackward0', [self], out, (g, s) => [index_select_backward(g[0] as Tensor, sizes, dim, s.get(0))], [index]);
  }
  return out;
}

/** grad.new_zeros(sizes).index_add_(dim, index, grad), as derivatives.yaml's helper does it. */
function index_select_backward(g: Tensor, sizes: number[], dim: number, index: Tensor): Tensor {
  const z = Tensor._empty(sizes, g.dtype);
  index_add_(z, dim, index, g);
  return z;
}

// ---- index_add ---------------------------------------------------------------------------------

type IndexAddOpts = { dim?: number; index?: Tensor; source?: Tensor; alpha?: number };

function bindIndexAdd(fn: string, args: unknown[]): { dim: number; index: Tensor; source: Tensor; alpha: number } {
  const a = bindArgs(fn, ['dim', 'index', 'source', 'alpha'], args);
  const alpha = a.alpha === undefined ? 1 : (a.alpha as number);
  return { dim: dimArg(fn, a.dim), index: tensorArg(fn, 'index', a.index), source: tensorArg(fn, 'source', a.source), alpha };
}

/** index_func_meta_impl's checks (PyTorch's order), then the slice-by-slice sum into dst. */
function indexAddInto(dst: Tensor, self: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number): void {
  if (index._shape.length > 1) {
    throw new IndexError(
      `index_add_(): Index is supposed to be a vector, but got dim: ${index._shape.length} with type: ${index.dtype.scalarName} and size: ${fmtSize(index._shape)}`,
    );
  }
  if (index.dtype !== int64 && index.dtype !== int32) {
    throw new RuntimeError(`index_add_(): Expected dtype int32/int64 for index but got: ${index.dtype.scalarName}`);
  }
  if (self.dtype !== source.dtype) {
    throw new RuntimeError(`index_add_(): self (${self.dtype.scalarName}) and source (${source.dtype.scalarName}) must have the same scalar type`);
  }
  const numel = numelOf(index._shape);
  if (!(dim === 0 || dim < source._shape.length)) {
    throw new RuntimeError(`index_add_(): Indexing dim ${dim} is out of bounds of the source tensor with dim ${source._shape.length}`);
  }
  if (source._shape.length === 0 && numel !== 1) {
    // The message's source.size(dim) itself fails on a 0-dim source.
    throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  }
  const srcSize = source._shape.length === 0 ? 1 : (source._shape[dim] as number);
  if (numel !== srcSize) {
    throw new RuntimeError(`index_add_(): Number of indices (${numel}) should be equal to source.size(dim): (${srcSize}), for dim: ${dim}`);
  }
  const idx = valuesOf(index);
  const ds = slicesOf(dst, dim);
  const ss = slicesOf(source, dim);
  // Each slice goes through TensorIterator: source's slice broadcasts to self's.
  const b = broadcastShapes(ds.sliceShape, ss.sliceShape);
  if (b.length !== ds.sliceShape.length || b.some((v, i) => v !== ds.sliceShape[i])) {
    throw new RuntimeError(`output with shape ${fmtSize(ds.sliceShape)} doesn't match the broadcast shape ${fmtSize(b)}`);
  }
  const srcSliceStrides = source._shape.length === 0 ? [] : source._stride.filter((_, d) => d !== dim);
  const srcOffs = elementOffsets(b, broadcastStrides(ss.sliceShape, srcSliceStrides, b), source._offset);
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j] as number;
    if (k < 0 || k >= ds.size) throw new IndexError('index out of range in self');
  }
  const dd = dst._data;
  const sd = source._data;
  const store = accumulateStore(dst.dtype);
  const al = dst.dtype.is_floating_point ? alpha : Math.trunc(alpha);
  for (let j = 0; j < idx.length; j++) {
    const doff = (idx[j] as number) * ds.step;
    const soff = j * ss.step;
    for (let e = 0; e < ds.base.length; e++) {
      const p = (ds.base[e] as number) + doff;
      const v = (dd[p] as number) + al * (sd[(srcOffs[e] as number) + soff] as number);
      dd[p] = store(v);
    }
  }
}

function indexAddGrad(dim: number, source: Tensor, alpha: number, self: Tensor, index: Tensor): () => IndexOpGrad {
  return (): IndexOpGrad => ({
    name: 'IndexAddBackward0',
    inputs: [self, source],
    save: [index],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      let gsrc: Tensor | null = null;
      if (node.needs[1]) {
        const idx = s.get(0);
        gsrc = source._shape.length > 0 ? indexSelect(gs, dim, idx).expand_as(source) : indexSelect(gs, dim, idx.squeeze(0));
        if (alpha !== 1) gsrc = gsrc.mul(alpha);
      }
      return [node.needs[0] ? gs : null, gsrc];
    },
  });
}

/** `torch.index_add(input, dim, index, source, { alpha })`: adds alpha·source's slices at index. */
export function index_add(input: Tensor, ...args: [dim: number | IndexAddOpts, index?: Tensor | IndexAddOpts, source?: Tensor | IndexAddOpts, opts?: IndexAddOpts]): Tensor {
  const { dim: d, index, source, alpha } = bindIndexAdd('index_add', args);
  const dim = wrapDim(d, input._shape.length);
  return outOfPlace(input, (dst) => indexAddInto(dst, input, dim, index, source, alpha), indexAddGrad(dim, source, alpha, input, index));
}

export function index_add_(self: Tensor, ...args: [dim: number | IndexAddOpts, index?: Tensor | IndexAddOpts, source?: Tensor | IndexAddOpts, opts?: IndexAddOpts]): void {
  const { dim: d, index, source, alpha } = bindIndexAdd('index_add_', args);
  const dim = wrapDim(d, self._shape.length);
  inPlace(self, (dst) => indexAddInto(dst, self, dim, index, source, alpha), indexAddGrad(dim, source, alpha, self, index));
}

// ---- index_copy --------------------------------------------------------------------------------

type IndexCopyOpts = { dim?: number; index?: Tensor; source?: Tensor };

function bindIndexCopy(fn: string, args: unknown[]): { dim: number; index: Tensor; source: Tensor } {
  const a = bindArgs(fn, ['dim', 'index', 'source'], args);
  return { dim: dimArg(fn, a.dim), index: tensorArg(fn, 'index', a.index), source: tensorArg(fn, 'source', a.source) };
}

/** index_copy's meta checks (PyTorch's order), then the slice copies (the last duplicate wins). */
function indexCopyInto(dst: Tensor, self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  if (index._shape.length >= 2) throw new IndexError(`index_copy_(): Index should have dimension 1 or 0 (got ${index._shape.length})`);
  const numIndices = numelOf(index._shape);
  const sd = source._shape.length;
  const nd = self._shape.length;
  if (sd === 0 && numIndices !== 1) {
    throw new IndexError(`index_copy_(): When source is scalar, index should have one element (got ${numIndices})`);
  } else if (sd !== nd && sd !== 0 && nd !== 0) {
    throw new IndexError(
      `index_copy_(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (${sd}), destination dimensionality (${nd})`,
    );
  }
  if (index.dtype !== int64) throw new RuntimeError(`index_copy_(): Expected a long tensor for index, but got ${index.dtype.scalarName}`);
  if (self.dtype !== source.dtype) {
    throw new RuntimeError(
      `index_copy_(): self and source expected to have the same dtype, but got (self) ${self.dtype.scalarName} and (source) ${source.dtype.scalarName}`,
    );
  }
  const selfSliced = nd > 0 ? self._shape.filter((_, d) => d !== dim) : [];
  const srcSliced = sd > 0 ? source._shape.filter((_, d) => d !== dim) : [];
  if (selfSliced.length !== srcSliced.length || selfSliced.some((v, i) => v !== srcSliced[i])) {
    throw new RuntimeError(
      `index_copy_(): Source/destination tensor must have same slice shapes. Destination slice shape: ${selfSliced.join(', ')} at dimension ${dim} and source slice shape: ${srcSliced.join(', ')} at dimension 0.`,
    );
  }
  if (sd !== 0 && numIndices !== source._shape[dim]) {
    throw new IndexError(`index_copy_(): Number of indices (${numIndices}) should be equal to source.size(dim) (${source._shape[dim]})`);
  }
  const idx = valuesOf(index);
  const ds = slicesOf(dst, dim);
  const ss = slicesOf(source, dim);
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j] as number;
    if (k < 0 || k >= ds.size) throw new IndexError(`index_copy_(): index ${k} is out of bounds for dimension ${dim} with size ${ds.size}`);
  }
  const dd = dst._data;
  const sdata = source._data;
  for (let j = 0; j < idx.length; j++) {
    const doff = (idx[j] as number) * ds.step;
    const soff = j * ss.step;
    for (let e = 0; e < ds.base.length; e++) dd[(ds.base[e] as number) + doff] = sdata[(ss.base[e] as number) + soff] as number;
  }
}

function indexCopyGrad(dim: number, source: Tensor, self: Tensor, index: Tensor): () => IndexOpGrad {
  return (): IndexOpGrad => ({
    name: 'IndexCopyBackward0',
    inputs: [self, source],
    save: [index],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      const idx = s.get(0);
      const gself = node.needs[0] ? indexFill(gs, dim, idx, 0, false) : null;
      let gsrc: Tensor | null = null;
      if (node.needs[1]) gsrc = source._shape.length > 0 ? indexSelect(gs, dim, idx).expand_as(source) : indexSelect(gs, dim, idx.squeeze(0));
      return [gself, gsrc];
    },
  });
}

/** `torch.index_copy(input, dim, index, source)`: source's slices written at index along dim. */
export function index_copy(input: Tensor, ...args: [dim: number | IndexCopyOpts, index?: Tensor | IndexCopyOpts, source?: Tensor | IndexCopyOpts, opts?: IndexCopyOpts]): Tensor {
  const { dim: d, index, source } = bindIndexCopy('index_copy', args);
  const dim = wrapDim(d, input._shape.length);
  return outOfPlace(input, (dst) => indexCopyInto(dst, input, dim, index, source), indexCopyGrad(dim, source, input, index));
}

export function index_copy_(self: Tensor, ...args: [dim: number | IndexCopyOpts, index?: Tensor | IndexCopyOpts, source?: Tensor | IndexCopyOpts, opts?: IndexCopyOpts]): void {
  const { dim: d, index, source } = bindIndexCopy('index_copy_', args);
  const dim = wrapDim(d, self._shape.length);
  inPlace(self, (dst) => indexCopyInto(dst, self, dim, index, source), indexCopyGrad(dim, source, self, index));
}

// ---- index_fill --------------------------------------------------------------------------------

type FillValue = Scalar | Tensor;
type IndexFillOpts = { dim?: number; index?: Tensor; value?: FillValue };

function bindIndexFill(fn: string, args: unknown[]): { dim: number; index: Tensor; value: FillValue } {
  const a = bindArgs(fn, ['dim', 'index', 'value'], args);
  const v = a.value;
  if (!(v instanceof Tensor) && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new TorchTypeError(`${fn}(): argument 'value' must be Number or Tensor`);
  }
  return { dim: dimArg(fn, a.dim), index: tensorArg(fn, 'index', a.index), value: v };
}

function indexFillInto(dst: Tensor, dimIn: number, index: Tensor, value: FillValue): void {
  if (index.dtype !== int64) throw new IndexError('index_fill_(): Expected dtype int64 for index.');
  let v: number;
  if (value instanceof Tensor) {
    if (value._shape.length !== 0) {
      throw new RuntimeError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    }
    v = value._data[value._offset] as number;
  } else {
    v = toNumber(value, dst.dtype);
  }
  const dim = wrapDim(dimIn, Math.max(dst._shape.length, 1));
  if (index._shape.length > 1) throw new RuntimeError('Index has to be a vector/scalar');
  const idx = valuesOf(index);
  const ds = slicesOf(dst, dim);
  for (let j = 0; j < idx.length; j++) {
    const k = idx[j] as number;
    if (k < -ds.size || k >= ds.size) throw new IndexError(`index ${k} is out of bounds for dimension ${dim} with size ${ds.size}`);
  }
  const fill = castScalar(v, dst.dtype);
  const dd = dst._data;
  for (let j = 0; j < idx.length; j++) {
    let k = idx[j] as number;
    if (k < 0) k += ds.size;
    const doff = k * ds.step;
    for (let e = 0; e < ds.base.length; e++) dd[(ds.base[e] as number) + doff] = fill;
  }
}

/** `_unique(index)`'s values: a value tensor's gradient counts each filled slice once. */
function uniqueIndex(index: Tensor): Tensor {
  const u = [...new Set(valuesOf(index))];
  return Tensor._fromData(Float64Array.from(u), [u.length], int64);
}

function indexFillGrad(dim: number, value: FillValue, self: Tensor, index: Tensor): () => IndexOpGrad {
  const vt = value instanceof Tensor ? value : null;
  return (): IndexOpGrad => ({
    name: vt === null ? 'IndexFillBackward0' : 'IndexFillBackward1',
    inputs: vt === null ? [self] : [self, vt],
    save: [index],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      const idx = s.get(0);
      const gself = node.needs[0] ? indexFill(gs, dim, idx, 0, false) : null;
      if (vt === null) return [gself];
      return [gself, node.needs[1] ? indexSelect(gs, dim, uniqueIndex(idx)).sum() : null];
    },
  });
}

function indexFill(self: Tensor, dim: number, index: Tensor, value: FillValue, inplace: boolean): Tensor {
  const compute = (dst: Tensor): void => indexFillInto(dst, dim, index, value);
  const grad = indexFillGrad(dim, value, self, index);
  if (!inplace) return outOfPlace(self, compute, grad);
  inPlace(self, compute, grad);
  return self;
}

/** `torch.index_fill(input, dim, index, value)`: value (a number or 0-dim tensor) at index along dim. */
export function index_fill(input: Tensor, ...args: [dim: number | IndexFillOpts, index?: Tensor | IndexFillOpts, value?: FillValue | IndexFillOpts, opts?: IndexFillOpts]): Tensor {
  const { dim, index, value } = bindIndexFill('index_fill', args);
  return indexFill(input, dim, index, value, false);
}

export function index_fill_(self: Tensor, ...args: [dim: number | IndexFillOpts, index?: Tensor | IndexFillOpts, value?: FillValue | IndexFillOpts, opts?: IndexFillOpts]): void {
  const { dim, index, value } = bindIndexFill('index_fill_', args);
  indexFill(self, dim, index, value, true);
}

