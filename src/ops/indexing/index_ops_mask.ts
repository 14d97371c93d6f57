// Mask and flat-index ops: masked_fill, masked_select, masked_scatter, take, put_, nonzero,
// argwhere and the one-argument torch.where (MaskedFillBackward0/1, MaskedSelectBackward0,
// MaskedScatterBackward0, TakeBackward0, PutBackward0).
import { Tensor } from '../../tensor/tensor.ts';
import { bool, int64, uint8, castScalar } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError, TorchTypeError, warnOnce } from '../../errors.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { toNumber, type Scalar, type TensorOrScalar } from '../elementwise.ts';
import { zeros_of } from '../alloc.ts';
import { expand, permute, view } from '../shape/views.ts';
import { cat } from '../shape/shape_more_join.ts';
import { where_ } from '../pointwise/select_where.ts';
import { accumulateStore, bindArgs, denseCopy, fmtSize, inPlace, outOfPlace, valuesOf, type IndexOpGrad } from './index_ops_util.ts';

type MaskValue = Scalar | Tensor;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Mask values (nonzero: true) read as if the mask had `shape`. */
function maskAs(mask: Tensor, shape: readonly number[]): Uint8Array {
  const offs = elementOffsets(shape, broadcastStrides(mask._shape, mask._stride, shape), mask._offset);
  const out = new Uint8Array(offs.length);
  const d = mask._data;
  for (let i = 0; i < offs.length; i++) out[i] = (d[offs[i] as number] as number) !== 0 ? 1 : 0;
  return out;
}

/** A copy of `t` broadcast to `shape` (expand_outplace + clone), without history. */
function expandedCopy(t: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(t._shape, shape)) return denseCopy(t);
  const e = new Tensor(t._data, shape.slice(), broadcastStrides(t._shape, t._stride, shape), t._offset, t.dtype);
  return denseCopy(e);
}

/**
 * The dims of a dense, non-overlapping but non-contiguous tensor (a permuted one) from the
 * outermost in memory to the innermost; null when the tensor is contiguous or not dense.
 */
function memoryOrder(t: Tensor): number[] | null {
  const nd = t._shape.length;
  if (t.is_contiguous() || t._shape.some((s) => s === 0)) return null;
  const dims = [...Array(nd).keys()].filter((d) => t._shape[d] !== 1);
  dims.sort((a, b) => (t._stride[b] as number) - (t._stride[a] as number));
  let expected = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i] as number;
    if (t._stride[d] !== expected) return null;
    expected *= t._shape[d] as number;
  }
  // size-1 dims go where they are; the permutation only moves the others.
  const order: number[] = [];
  let k = 0;
  for (let d = 0; d < nd; d++) order.push(t._shape[d] === 1 ? d : (dims[k++] as number));
  return order;
}

const byteView = new DataView(new ArrayBuffer(8));

/**
 * The byte masked_fill's CPU kernel reads for one mask element. A mask that is not bool is read
 * as unsigned char through its own strides, so each element counts by its lowest-addressed
 * byte: for float masks that byte is 0 for ±1.0 (PyTorch 1.13 then fills nothing, a quirk we
 * keep), for integer masks it is the value's low byte.
 */
function maskByte(v: number, dt: Tensor['dtype']): number {
  if (dt.name === 'float32') {
    byteView.setFloat32(0, v, true);
    return byteView.getUint8(0);
  }
  if (dt.name === 'float64') {
    byteView.setFloat64(0, v, true);
    return byteView.getUint8(0);
  }
  return ((v % 256) + 256) % 256;
}

/** masked_fill's mask as 0/1 of `shape`, with the kernel's "Mask tensor can take 0 and 1 values only". */
function fillMask(mask: Tensor, shape: readonly number[]): Uint8Array {
  if (mask.dtype === bool) return maskAs(mask, shape);
  const offs = elementOffsets(shape, broadcastStrides(mask._shape, mask._stride, shape), mask._offset);
  const out = new Uint8Array(offs.length);
  for (let i = 0; i < offs.length; i++) {
    const b = maskByte(mask._data[offs[i] as number] as number, mask.dtype);
    if (b > 1) throw new RuntimeError('Mask tensor can take 0 and 1 values only');
    out[i] = b;
  }
  return out;
}

/** Writes into a dense `dst` through a mask of dst's shape. */
function fillMasked(dst: Tensor, mask: Tensor, v: number): void {
  const m = fillMask(mask, dst._shape);
  const fill = castScalar(v, dst.dtype);
  const dd = dst._data;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) dd[i] = fill;
}

function warnByteMask(mask: Tensor, op: string): void {
  if (mask.dtype === uint8) {
    warnOnce(
      'UserWarning',
      `${op} received a mask with dtype torch.uint8, this behavior is now deprecated,please use a mask with dtype torch.bool instead.`,
    );
  }
}

function fillValue(value: MaskValue, dt: Tensor['dtype']): number {
  if (value instanceof Tensor) {
    if (value._shape.length !== 0) {
      throw new RuntimeError(`masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value._shape.length} dimension(s).`);
    }
    return value._data[value._offset] as number;
  }
  return toNumber(value, dt);
}

function maskedFillGrad(self: Tensor, mask: Tensor, value: MaskValue): () => IndexOpGrad {
  const vt = value instanceof Tensor ? value : null;
  return () => ({
    name: vt === null ? 'MaskedFillBackward0' : 'MaskedFillBackward1',
    inputs: vt === null ? [self] : [self, vt],
    save: [mask],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      const m = s.get(0);
      const gself = node.needs[0] ? masked_fill(gs, m, 0) : null;
      if (vt === null) return [gself];
      // masked_fill_backward: the value's gradient is the sum over the filled positions.
      return [gself, node.needs[1] ? masked_select(gs, m).sum() : null];
    },
  });
}

type MaskedFillOpts = { mask?: Tensor; value?: MaskValue };

function bindMaskedFill(fn: string, args: unknown[]): { mask: Tensor; value: MaskValue } {
  const a = bindArgs(fn, ['mask', 'value'], args);
  const v = a.value;
  if (!(a.mask instanceof Tensor)) throw new TorchTypeError(`${fn}(): argument 'mask' must be Tensor`);
  if (!(v instanceof Tensor) && typeof v !== 'number' && typeof v !== 'boolean') throw new TorchTypeError(`${fn}(): argument 'value' must be Number or Tensor`);
  return { mask: a.mask, value: v };
}

/** `torch.masked_fill(input, mask, value)`: value (a number or 0-dim tensor) where mask is true; broadcasts. */
export function masked_fill(input: Tensor, ...args: [mask: Tensor | MaskedFillOpts, value?: MaskValue | MaskedFillOpts, opts?: MaskedFillOpts]): Tensor {
  const { mask, value } = bindMaskedFill('masked_fill', args);
  // expand_outplace(mask, self), then clone and fill in place.
  const shape = broadcastShapes(mask._shape, input._shape);
  const v = fillValue(value, input.dtype);
  warnByteMask(mask, 'masked_fill_');
  const out = expandedCopy(input, shape);
  fillMasked(out, mask, v);
  const g = maskedFillGrad(input, mask, value)();
  if (needsGrad(input, value instanceof Tensor ? value : null)) record(g.name, g.inputs, out, g.backward, g.save ?? []);
  return out;
}

export function masked_fill_(self: Tensor, ...args: [mask: Tensor | MaskedFillOpts, value?: MaskValue | MaskedFillOpts, opts?: MaskedFillOpts]): void {
  const { mask, value } = bindMaskedFill('masked_fill_', args);
  inPlace(
    self,
    (dst) => {
      const v = fillValue(value, self.dtype);
      warnByteMask(mask, 'masked_fill_');
      const b = broadcastShapes(self._shape, mask._shape);
      if (!sameShape(b, self._shape)) throw new RuntimeError(`output with shape ${fmtSize(self._shape)} doesn't match the broadcast shape ${fmtSize(b)}`);
      fillMasked(dst, mask, v);
    },
    maskedFillGrad(self, mask, value),
  );
}

// ---- masked_select -----------------------------------------------------------------------------

/** `torch.masked_select(input, mask)`: the elements where mask is true, as a 1-D tensor (broadcasts). */
export function masked_select(input: Tensor, mask: Tensor | { mask?: Tensor }): Tensor {
  const m = bindArgs('masked_select', ['mask'], [mask]).mask;
  if (!(m instanceof Tensor)) throw new TorchTypeError("masked_select(): argument 'mask' must be Tensor");
  if (m.dtype !== bool && m.dtype !== uint8) throw new RuntimeError('masked_select: expected BoolTensor or ByteTensor for mask');
  const shape = broadcastShapes(m._shape, input._shape);
  const mv = maskAs(m, shape);
  const xo = elementOffsets(shape, broadcastStrides(input._shape, input._stride, shape), input._offset);
  const picked: number[] = [];
  const xd = input._data;
  for (let i = 0; i < mv.length; i++) if (mv[i] !== 0) picked.push(xd[xo[i] as number] as number);
  const out = Tensor._fromData(new input.dtype.ArrayType(picked), [picked.length], input.dtype);
  if (needsGrad(input)) {
    const order = sameShape(input._shape, shape) ? memoryOrder(input) : null;
    record('MaskedSelectBackward0', [input], out, (g, s) => {
      // zeros of the broadcast shape, masked_scatter'ed (the engine sums back to input's shape).
      const gs = g[0] as Tensor;
      if (order === null) return [masked_scatter(zeros_of(shape, gs.dtype), s.get(0), gs)];
      // Note [masked_select backward order]: PyTorch makes the zeros with input's strides
      // (zeros_like, preserve format) and masked_scatter_ walks them in memory order, so a
      // permuted input gets the gradient's elements in storage order, not in index order.
      const inv = order.map((_, i) => order.indexOf(i));
      const mp = permute(expand(s.get(0), [shape]), [order]);
      return [permute(masked_scatter(zeros_of(mp._shape, gs.dtype), mp, gs), [inv])];
    }, [m]);
  }
  return out;
}

// ---- masked_scatter ----------------------------------------------------------------------------

/**
 * `order`: the dims of self from outermost in memory (memoryOrder); masked_scatter_ walks a
 * permuted self in memory order, so source's elements land in storage order.
 */
function maskedScatterInto(dst: Tensor, mask: Tensor, source: Tensor, order: number[] | null = null): void {
  if (dst.dtype !== source.dtype) {
    throw new RuntimeError(`masked_scatter: expected self and source to have same dtypes but got${dst.dtype.scalarName} and ${source.dtype.scalarName}`);
  }
  if (mask.dtype !== bool && mask.dtype !== uint8) throw new RuntimeError('masked_scatter: expected BoolTensor or ByteTensor for mask');
  const m = maskAs(mask, dst._shape);
  const src = valuesOf(source);
  let k = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) k++;
  if (k > src.length) throw new RuntimeError('Number of elements of source < number of ones in mask');
  const dd = dst._data;
  const cs = contiguousStrides(dst._shape);
  const seq = order === null ? null : elementOffsets(order.map((d) => dst._shape[d] as number), order.map((d) => cs[d] as number), 0);
  k = 0;
  for (let j = 0; j < m.length; j++) {
    const i = seq === null ? j : (seq[j] as number);
    if (m[i] !== 0) dd[i] = src[k++] as number;
  }
}

function maskedScatterGrad(self: Tensor, mask: Tensor, source: Tensor): () => IndexOpGrad {
  const sizes = source._shape.slice();
  return () => ({
    name: 'MaskedScatterBackward0',
    inputs: [self, source],
    save: [mask],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      const m = s.get(0);
      let gsrc: Tensor | null = null;
      if (node.needs[1]) {
        // masked_scatter_backward: the selected gradients, padded with zeros to source's size.
        let sel = masked_select(gs, m);
        const diff = numelOf(sizes) - numelOf(sel._shape);
        if (diff > 0) sel = cat([sel, zeros_of([diff], gs.dtype)], 0);
        gsrc = view(sel, [sizes]);
      }
      return [node.needs[0] ? masked_fill(gs, m, 0) : null, gsrc];
    },
  });
}

type MaskedScatterOpts = { mask?: Tensor; source?: Tensor };

function bindMaskedScatter(fn: string, args: unknown[]): { mask: Tensor; source: Tensor } {
  const a = bindArgs(fn, ['mask', 'source'], args);
  if (!(a.mask instanceof Tensor) || !(a.source instanceof Tensor)) throw new TorchTypeError(`${fn}(): expected (Tensor mask, Tensor source)`);
  return { mask: a.mask, source: a.source };
}

/** `torch.masked_scatter(input, mask, source)`: source's elements, in order, where mask is true. */
export function masked_scatter(input: Tensor, ...args: [mask: Tensor | MaskedScatterOpts, source?: Tensor | MaskedScatterOpts, opts?: MaskedScatterOpts]): Tensor {
  const { mask, source } = bindMaskedScatter('masked_scatter', args);
  const shape = broadcastShapes(mask._shape, input._shape);
  const out = expandedCopy(input, shape);
  maskedScatterInto(out, mask, source);
  const g = maskedScatterGrad(input, mask, source)();
  if (needsGrad(input, source)) record(g.name, g.inputs, out, g.backward, g.save ?? []);
  return out;
}

export function masked_scatter_(self: Tensor, ...args: [mask: Tensor | MaskedScatterOpts, source?: Tensor | MaskedScatterOpts, opts?: MaskedScatterOpts]): void {
  const { mask, source } = bindMaskedScatter('masked_scatter_', args);
  inPlace(
    self,
    (dst) => {
      const b = broadcastShapes(self._shape, mask._shape);
      if (!sameShape(b, self._shape)) throw new RuntimeError(`output with shape ${fmtSize(self._shape)} doesn't match the broadcast shape ${fmtSize(b)}`);
      maskedScatterInto(dst, mask, source, memoryOrder(self));
    },
    maskedScatterGrad(self, mask, source),
  );
}

// ---- take / put_ -------------------------------------------------------------------------------

/** Flat (row-major) positions of `index`'s values in a tensor of `numel` elements, checked. */
function flatPositions(index: Tensor, numel: number): Float64Array {
  const k = valuesOf(index);
  for (let i = 0; i < k.length; i++) {
    let v = k[i] as number;
    if (v < -numel || v >= numel) throw new IndexError(`out of range: tried to access index ${v} on a tensor of ${numel} elements.`);
    if (v < 0) v += numel;
    k[i] = v;
  }
  return k;
}

/** `torch.take(input, index)`: input's elements at flat (row-major) positions, shaped like index. */
export function take(input: Tensor, index: Tensor | { index?: Tensor }): Tensor {
  const idx = bindArgs('take', ['index'], [index]).index;
  if (!(idx instanceof Tensor)) throw new TorchTypeError("take(): argument 'index' must be Tensor");
  if (idx.dtype !== int64) throw new RuntimeError(`take(): Expected a long tensor for index, but got ${idx.dtype.scalarName}`);
  const n = numelOf(input._shape);
  if (n === 0 && numelOf(idx._shape) !== 0) throw new IndexError('take(): tried to take from an empty tensor');
  const pos = flatPositions(idx, n);
  const xo = elementOffsets(input._shape, input._stride, input._offset);
  const out = Tensor._empty(idx._shape.slice(), input.dtype);
  const od = out._data;
  const xd = input._data;
  for (let i = 0; i < pos.length; i++) od[i] = xd[xo[pos[i] as number] as number] as number;
  if (needsGrad(input)) {
    const sizes = input._shape.slice();
    record('TakeBackward0', [input], out, (g, s) => {
      const z = zeros_of(sizes, (g[0] as Tensor).dtype);
      put_(z, s.get(0), g[0] as Tensor, true);
      return [z];
    }, [idx]);
  }
  return out;
}

type PutOpts = { index?: Tensor; source?: Tensor; accumulate?: boolean };
type PutArgs = [index: Tensor | PutOpts, source?: Tensor | PutOpts, accumulate?: boolean | PutOpts, opts?: PutOpts];

function putAny(self: Tensor, fn: string, args: unknown[], inplace: boolean): Tensor {
  const a = bindArgs(fn, ['index', 'source', 'accumulate'], args);
  if (!(a.index instanceof Tensor) || !(a.source instanceof Tensor)) throw new TorchTypeError(`${fn}(): expected (Tensor index, Tensor source)`);
  const index = a.index;
  const source = a.source;
  const accumulate = a.accumulate === true;
  const compute = (dst: Tensor): void => {
    if (index.dtype !== int64) throw new RuntimeError(`put_(): Expected a long tensor for index, but got ${index.dtype.scalarName}`);
    if (self.dtype !== source.dtype) {
      throw new RuntimeError(
        `put_(): self and source expected to have the same dtype, but got self.dtype = ${self.dtype.scalarName} and source.dtype = ${source.dtype.scalarName}`,
      );
    }
    const ni = numelOf(index._shape);
    const ns = numelOf(source._shape);
    if (ns !== ni) {
      throw new IndexError(`put_(): Expected source and index to have the same number of elements, but got source.numel() = ${ns}, index.numel() = ${ni}`);
    }
    const n = numelOf(dst._shape);
    if (n === 0 && ni !== 0) throw new IndexError('put_(): Tried to put elements into an empty tensor');
    const pos = flatPositions(index, n);
    const sv = valuesOf(source);
    const dd = dst._data;
    const store = accumulateStore(dst.dtype);
    for (let i = 0; i < pos.length; i++) {
      const p = pos[i] as number;
      dd[p] = accumulate ? store((dd[p] as number) + (sv[i] as number)) : (sv[i] as number);
    }
  };
  const sizes = source._shape.slice();
  const grad = (): IndexOpGrad => ({
    name: 'PutBackward0',
    inputs: [self, source],
    save: [index],
    backward: (g, s, node) => {
      const gs = g[0] as Tensor;
      const idx = s.get(0);
      const gself = node.needs[0] ? (accumulate ? gs : putAny(gs, 'put', [idx, zeros_of(sizes, gs.dtype), false], false)) : null;
      return [gself, node.needs[1] ? take(gs, idx).reshape(sizes) : null];
    },
  });
  if (!inplace) return outOfPlace(self, compute, grad);
  inPlace(self, compute, grad);
  return self;
}

/** `x.put_(index, source, accumulate=false)`: source's elements written (or added) at flat positions. */
export function put_(self: Tensor, ...args: PutArgs): void {
  putAny(self, 'put_', args, true);
}

/** `torch.put(input, index, source, accumulate=false)`: the out-of-place put_. */
export function put(input: Tensor, ...args: PutArgs): Tensor {
  return putAny(input, 'put', args, false);
}

// ---- nonzero / argwhere / where(condition) -----------------------------------------------------

/** The coordinates of the nonzero elements (NaN counts), one row each, row-major. */
function nonzeroCoords(x: Tensor): { coords: number[]; n: number; nd: number } {
  const nd = x._shape.length;
  const vals = valuesOf(x);
  const strides = contiguousStrides(x._shape);
  const coords: number[] = [];
  let n = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i] === 0) continue;
    n++;
    let r = i;
    for (let d = 0; d < nd; d++) {
      const s = strides[d] as number;
      coords.push(Math.floor(r / s));
      r %= s;
    }
  }
  return { coords, n, nd };
}

/** `torch.nonzero(input, { as_tuple })`: an [n, ndim] int64 tensor, or one 1-D tensor per dim. */
export function nonzero(input: Tensor, opts?: { as_tuple?: false }): Tensor;
export function nonzero(input: Tensor, opts: { as_tuple: true }): Tensor[];
export function nonzero(input: Tensor, opts?: { as_tuple?: boolean }): Tensor | Tensor[];
export function nonzero(input: Tensor, opts?: { as_tuple?: boolean }): Tensor | Tensor[] {
  const a = bindArgs('nonzero', ['as_tuple'], [opts]);
  if (a.as_tuple === true) return nonzeroTuple(input);
  const { coords, n, nd } = nonzeroCoords(input);
  return Tensor._fromData(Float64Array.from(coords), [n, nd], int64);
}

function nonzeroTuple(input: Tensor): Tensor[] {
  // A 0-dim input acts as 1-dim here, as PyTorch's as_tuple path unsqueezes it.
  const x = input._shape.length === 0 ? view(input, [[1]]) : input;
  const { coords, n, nd } = nonzeroCoords(x);
  const out: Tensor[] = [];
  for (let d = 0; d < nd; d++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = coords[i * nd + d] as number;
    out.push(Tensor._fromData(col, [n], int64));
  }
  return out;
}

/** `torch.argwhere(input)`: torch.nonzero(input). */
export function argwhere(input: Tensor): Tensor {
  const { coords, n, nd } = nonzeroCoords(input);
  return Tensor._fromData(Float64Array.from(coords), [n, nd], int64);
}

/**
 * `torch.where(condition, input, other)` (select_where.ts), and `torch.where(condition)`, which
 * is torch.nonzero(condition, as_tuple=True).
 */
export function where(condition: Tensor): Tensor[];
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor;
export function where(condition: Tensor, input?: TensorOrScalar, other?: TensorOrScalar): Tensor | Tensor[] {
  if (input === undefined && other === undefined) return nonzeroTuple(condition);
  if (input === undefined || other === undefined) throw new TorchTypeError('where() takes 1 or 3 arguments');
  return where_(condition, input, other);
}
