// Python indexing (porting rule 6): `x.at(0, '1:3', '...', null, [0, 2], mask)`. Basic indices
// give views (SelectBackward0, SliceBackward0, UnsqueezeBackward0); tensor and array indices
// give copies (IndexBackward0), whose gradient accumulates duplicates (index_put_ accumulate).
import { Tensor, type IndexArg } from '../../tensor/tensor.ts';
import { bool, int64, uint8 } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError, ValueError } from '../../errors.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { alias, select, slice, unsqueeze } from '../shape/views.ts';
import { copyValues } from '../copy.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { zerosLikeValue } from '../pointwise/select_where.ts';

interface SliceSpec {
  start: number | null;
  stop: number | null;
  step: number;
}

/** A Python slice as PySlice_Unpack leaves it for step > 0: start None is 0, stop None is "max". */
function parseSlice(s: string): SliceSpec | null {
  const m = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/.exec(s);
  if (!m) return null;
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (step === 0) throw new ValueError('slice step cannot be zero');
  return { start: m[1] === undefined ? null : Number(m[1]), stop: m[2] === undefined ? null : Number(m[2]), step };
}

type Parsed =
  | { kind: 'int'; v: number }
  | { kind: 'slice'; s: SliceSpec }
  | { kind: 'ellipsis' }
  | { kind: 'none' }
  | { kind: 'bool'; v: boolean }
  | { kind: 'tensor'; t: Tensor; fromList: boolean };

/**
 * A JS array index as indexing_tensor_from_data makes it: a bool mask when every element is a
 * boolean, else int64 (other numbers truncated toward zero, as the C++ cast does).
 */
function toIndexTensor(a: readonly unknown[]): Tensor {
  const flat: number[] = [];
  const shape: number[] = [];
  let isBool = true;
  const walk = (x: unknown, d: number): void => {
    if (Array.isArray(x)) {
      if (shape.length <= d) shape.push(x.length);
      for (const e of x) walk(e, d + 1);
    } else if (typeof x === 'boolean') {
      flat.push(x ? 1 : 0);
    } else {
      const v = x instanceof Tensor ? Number(x.item()) : Number(x);
      isBool = false;
      flat.push(Math.trunc(v));
    }
  };
  walk(a, 0);
  const dt = isBool && flat.length > 0 ? bool : int64;
  return Tensor._fromData(new dt.ArrayType(flat), shape, dt);
}

function invalidIndex(ix: unknown): IndexError {
  const type = typeof ix === 'number' ? 'float' : typeof ix === 'string' ? 'str' : typeof ix;
  return new IndexError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${type})`);
}

function parse(indices: readonly IndexArg[]): Parsed[] {
  return indices.map((ix): Parsed => {
    if (typeof ix === 'number') {
      if (!Number.isInteger(ix)) throw invalidIndex(ix);
      return { kind: 'int', v: ix };
    }
    if (ix === null) return { kind: 'none' };
    if (typeof ix === 'boolean') return { kind: 'bool', v: ix };
    if (typeof ix === 'string') {
      if (ix === '...') return { kind: 'ellipsis' };
      const s = parseSlice(ix);
      if (s) return { kind: 'slice', s };
      if (/^\s*-?\d+\s*$/.test(ix)) return { kind: 'int', v: Number(ix) };
      throw new IndexError(`invalid index string '${ix}': expected an integer, a slice like '1:3' or '::2', or '...'`);
    }
    if (ix instanceof Tensor) return { kind: 'tensor', t: ix, fromList: false };
    if (Array.isArray(ix)) return { kind: 'tensor', t: toIndexTensor(ix), fromList: true };
    throw invalidIndex(ix);
  });
}

/** count_specified_dimensions: a mask tensor counts its dims; a list, like any index, counts one. */
function specifiedDims(p: Parsed): number {
  if (p.kind === 'int' || p.kind === 'slice') return 1;
  if (p.kind === 'tensor') return !p.fromList && (p.t.dtype === bool || p.t.dtype === uint8) ? p.t._shape.length : 1;
  return 0;
}

/** applySelect: Python's bounds check (naming the index's position, `realDim`), then select. */
function applySelect(x: Tensor, dim: number, index: number, realDim: number): Tensor {
  if (index === 0 && dim === 0 && x._shape.length === 0) {
    throw new IndexError(
      'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number',
    );
  }
  const size = x._shape[dim] as number;
  if (index < -size || index >= size) {
    throw new IndexError(`index ${index} is out of bounds for dimension ${realDim} with size ${size}`);
  }
  return select(x, dim, index);
}

/**
 * applySlice: inside a tuple of indices, a slice that provably covers the dim (start 0 and stop
 * equal to its size, both as written, step 1) is skipped; `:` is not (its stop is "max"), nor is
 * a lone slice (`x[0:3]`), so those record SliceBackward0 as in PyTorch.
 */
function applySlice(x: Tensor, dim: number, s: SliceSpec, optimize: boolean): Tensor {
  if (s.step <= 0) throw new ValueError('step must be greater than zero');
  if (optimize && (s.start ?? 0) === 0 && s.stop === x._shape[dim] && s.step === 1) return x;
  return slice(x, dim, s.start, s.stop, s.step);
}

/** boolToIndexingTensor: x[True] indexes a new dim of size 1 with [0], x[False] with []. */
function boolIndex(v: boolean): Tensor {
  return Tensor._fromData(new Float64Array(v ? [0] : []), [v ? 1 : 0], int64);
}

/**
 * x[indices] as THPVariable_getitem does it: a lone int, slice, None or '...' takes the fast
 * path; otherwise applySlicing walks the indices making views (select, slice, unsqueeze) and
 * collects tensor indices at the dims they index, then one advanced-indexing gather.
 */
export function index(x: Tensor, indices: readonly IndexArg[]): Tensor {
  const parsed = parse(indices);
  if (parsed.length === 1) {
    const p = parsed[0] as Parsed;
    if (p.kind === 'none') return unsqueeze(x, 0);
    if (p.kind === 'ellipsis') return alias(x);
    if (p.kind === 'int') return applySelect(x, 0, p.v, 0);
    if (p.kind === 'slice') return applySlice(x, 0, p.s, false);
  }
  const ndim = x._shape.length;
  const specified = parsed.reduce((n, p) => n + specifiedDims(p), 0);
  if (specified > ndim) throw new IndexError(`too many indices for tensor of dimension ${ndim}`);
  let result = x;
  let dim = 0;
  const tensorIndices: (Tensor | null)[] = [];
  // recordTensorIndex: the index goes at position `dim`, and `dim` moves on by one, even for
  // a multi-dim mask (so `x[mask2d, 0]` selects on the mask's second dim, as in PyTorch 1.13).
  const recordTensorIndex = (t: Tensor): void => {
    while (tensorIndices.length < dim) tensorIndices.push(null);
    tensorIndices[dim] = t;
    dim++;
  };
  parsed.forEach((p, realDim) => {
    switch (p.kind) {
      case 'int':
        result = applySelect(result, dim, p.v, realDim);
        break;
      case 'slice':
        result = applySlice(result, dim, p.s, true);
        dim++;
        break;
      case 'ellipsis':
        dim += ndim - specified;
        break;
      case 'none':
        result = unsqueeze(result, dim);
        dim++;
        break;
      case 'bool':
        result = unsqueeze(result, dim);
        recordTensorIndex(boolIndex(p.v));
        break;
      case 'tensor': {
        const t = p.t;
        const integral = !t.dtype.is_floating_point;
        if (t._shape.length === 0 && integral && t.dtype !== bool && t.dtype !== uint8) {
          result = applySelect(result, dim, Number(t.item()), realDim);
        } else if (t._shape.length === 0 && integral) {
          result = unsqueeze(result, dim);
          recordTensorIndex(boolIndex(Number(t.item()) !== 0));
        } else {
          recordTensorIndex(t);
        }
        break;
      }
    }
  });
  if (tensorIndices.length === 0) {
    // Basic indexing always returns a new tensor: `x[...]` and `x[0:n, :]`-like no-ops alias.
    return result === x ? alias(x) : result;
  }
  return dispatchIndex(result, tensorIndices);
}

/** at::index's argument handling: dtype checks, masks to nonzero columns, then the gather. */
function dispatchIndex(x: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  if (indices.length > x._shape.length) {
    throw new IndexError(`too many indices for tensor of dimension ${x._shape.length} (got ${indices.length})`);
  }
  for (const t of indices) {
    if (t !== null && t.dtype !== int64 && t.dtype !== bool && t.dtype !== uint8) {
      throw new IndexError('tensors used as indices must be long, byte or bool tensors');
    }
  }
  const expanded: (Tensor | null)[] = [];
  for (const t of indices) {
    if (t === null || (t.dtype !== bool && t.dtype !== uint8)) {
      expanded.push(t);
      continue;
    }
    for (let j = 0; j < t._shape.length; j++) {
      const srcIdx = expanded.length + j;
      if (t._shape[j] !== x._shape[srcIdx]) {
        throw new IndexError(
          `The shape of the mask [${t._shape.join(', ')}] at index ${j} does not match the shape of the indexed tensor [${x._shape.join(', ')}] at index ${srcIdx}`,
        );
      }
    }
    expanded.push(...nonzeroColumns(t));
  }
  while (expanded.length < x._shape.length) expanded.push(null);
  return indexTensor(x, expanded);
}

/** One column per dim of a mask's nonzero positions (what x[mask] indexes with). */
function nonzeroColumns(mask: Tensor): Tensor[] {
  const n = numelOf(mask._shape);
  const vals = copyValues(mask, uint8)._data;
  const nd = mask._shape.length;
  const cols: number[][] = Array.from({ length: nd }, () => []);
  const strides = contiguousStrides(mask._shape);
  for (let i = 0; i < n; i++) {
    if (vals[i] === 0) continue;
    let r = i;
    for (let d = 0; d < nd; d++) {
      const s = strides[d] as number;
      (cols[d] as number[]).push(Math.floor(r / s));
      r %= s;
    }
  }
  return cols.map((c) => Tensor._fromData(Float64Array.from(c), [c.length], int64));
}

interface AdvancedPlan {
  outShape: number[];
  /** storage offset of every output element in the source */
  offsets: Float64Array;
}

/** Where each element of x[indices] comes from (ATen's advanced indexing layout rules). */
function planAdvanced(x: Tensor, indices: readonly (Tensor | null)[]): AdvancedPlan {
  const advDims: number[] = [];
  indices.forEach((t, d) => {
    if (t !== null) advDims.push(d);
  });
  let bshape: number[] = [];
  try {
    for (const d of advDims) bshape = broadcastShapes(bshape, (indices[d] as Tensor)._shape);
  } catch {
    const shapes = advDims.map((d) => `[${(indices[d] as Tensor)._shape.join(', ')}]`).join(', ');
    throw new IndexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes}`);
  }
  if (advDims.some((d) => x._shape[d] === 0) && !bshape.includes(0)) {
    throw new IndexError('index is out of bounds for dimension with size 0');
  }
  const contiguousAdv = advDims.every((d, i) => i === 0 || d === (advDims[i - 1] as number) + 1);
  const first = advDims[0] as number;
  const restDims = x._shape.map((_, d) => d).filter((d) => indices[d] === null);
  const beforeDims = contiguousAdv ? restDims.filter((d) => d < first) : [];
  const afterDims = contiguousAdv ? restDims.filter((d) => d > first) : restDims;
  const outShape = [
    ...beforeDims.map((d) => x._shape[d] as number),
    ...bshape,
    ...afterDims.map((d) => x._shape[d] as number),
  ];
  // Index values, broadcast, checked element by element as the index kernel does; its error
  // names the index's position among the tensor indices, not the dim it indexes.
  const nb = numelOf(bshape);
  const reads = advDims.map((d) => {
    const t = indices[d] as Tensor;
    return { data: t._data, offs: elementOffsets(bshape, broadcastStrides(t._shape, t._stride, bshape), t._offset), size: x._shape[d] as number, stride: x._stride[d] as number };
  });
  const advOffset = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    let off = 0;
    reads.forEach((r, j) => {
      let k = r.data[r.offs[i] as number] as number;
      if (k < -r.size || k >= r.size) throw new IndexError(`index ${k} is out of bounds for dimension ${j} with size ${r.size}`);
      if (k < 0) k += r.size;
      off += k * r.stride;
    });
    advOffset[i] = off;
  }
  const bOffs = elementOffsets(beforeDims.map((d) => x._shape[d] as number), beforeDims.map((d) => x._stride[d] as number), 0);
  const aOffs = elementOffsets(afterDims.map((d) => x._shape[d] as number), afterDims.map((d) => x._stride[d] as number), 0);
  const offsets = new Float64Array(bOffs.length * nb * aOffs.length);
  let k = 0;
  for (let i = 0; i < bOffs.length; i++) {
    for (let j = 0; j < nb; j++) {
      const base = x._offset + (bOffs[i] as number) + (advOffset[j] as number);
      for (let l = 0; l < aOffs.length; l++) offsets[k++] = base + (aOffs[l] as number);
    }
  }
  return { outShape, offsets };
}

export function indexTensor(x: Tensor, indices: readonly (Tensor | null)[]): Tensor {
  const plan = planAdvanced(x, indices);
  const out = Tensor._empty(plan.outShape, x.dtype);
  const src = x._data;
  const od = out._data;
  for (let i = 0; i < plan.offsets.length; i++) od[i] = src[plan.offsets[i] as number] as number;
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    const idx = indices.slice();
    // The indices are saved tensors (freed after backward, version-checked), as in PyTorch.
    record('IndexBackward0', [x], out, (g, s) => [index_backward(g[0] as Tensor, inShape, idx.map((t, k) => (t === null ? null : s.get(k))))], idx);
  }
  return out;
}

/** zeros(shape).index_put_(indices, g, accumulate=True), itself differentiable. */
function index_backward(g: Tensor, shape: number[], indices: (Tensor | null)[]): Tensor {
  const out = Tensor._empty(shape, g.dtype);
  putValues(out, indices, g, true);
  if (needsGrad(g)) record('IndexPutBackward0', [null, g], out, (gg) => [null, indexTensor(gg[0] as Tensor, indices)]);
  return out;
}

function putValues(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor, accumulate: boolean): void {
  const plan = planAdvanced(self, indices);
  const n = plan.offsets.length;
  const vshape = broadcastShapes(values._shape, plan.outShape);
  if (vshape.length !== plan.outShape.length || vshape.some((d, i) => d !== plan.outShape[i])) {
    throw new RuntimeError(
      `shape mismatch: value tensor of shape [${values._shape.join(', ')}] cannot be broadcast to indexing result of shape [${plan.outShape.join(', ')}]`,
    );
  }
  const voffs = elementOffsets(plan.outShape, broadcastStrides(values._shape, values._stride, plan.outShape), values._offset);
  const d = self._data;
  const vd = values._data;
  for (let i = 0; i < n; i++) {
    const p = plan.offsets[i] as number;
    const v = vd[voffs[i] as number] as number;
    d[p] = accumulate ? (d[p] as number) + v : v;
  }
}

/** self.index_put_(indices, values, accumulate): in place, with PyTorch's gradients. */
export function index_put_(self: Tensor, indices: readonly (Tensor | null)[], values: Tensor | number | boolean, accumulate = false): void {
  checkInplace(self);
  if (values instanceof Tensor && values.dtype !== self.dtype) {
    throw new RuntimeError(
      `Index put requires the source and destination dtypes match, got ${self.dtype.scalarName} for the destination and ${values.dtype.scalarName} for the source.`,
    );
  }
  const vals = values instanceof Tensor ? values : Tensor._fromData(new self.dtype.ArrayType([Number(values)]), [], self.dtype);
  const idx = indices.map((t) => (t === null ? null : t));
  const expanded: (Tensor | null)[] = [];
  for (const t of idx) {
    if (t !== null && (t.dtype === bool || t.dtype === uint8)) expanded.push(...nonzeroColumns(t));
    else expanded.push(t);
  }
  while (expanded.length < self._shape.length) expanded.push(null);
  const grad = needsGrad(self, values instanceof Tensor ? values : null);
  putValues(self, expanded, vals.dtype === self.dtype ? vals : copyValues(vals, self.dtype), accumulate);
  self._bumpVersion();
  if (grad) {
    const vt = values instanceof Tensor ? values : null;
    rebaseHistory(self, 'IndexPutBackward0', [self, vt], (g, s, node) => {
      const gs = g[0] as Tensor;
      const saved = expanded.map((t, k) => (t === null ? null : s.get(k)));
      let gSelf: Tensor | null = null;
      if (node.needs[0]) {
        gSelf = gs;
        if (!accumulate) {
          gSelf = gs.clone();
          // grad.index_put(indices, 0): recorded, so that the gradient is itself differentiable.
          index_put_(gSelf, saved, zerosLikeValue(Tensor._empty([], gs.dtype)), false);
        }
      }
      return [gSelf, node.needs[1] ? indexTensor(gs, saved) : null];
    }, expanded);
  }
}
