// Python indexing (porting rule 6): `x.at(0, '1:3', '...', null, [0, 2], mask)`. Basic indices
// give views (SelectBackward0, SliceBackward0, UnsqueezeBackward0); tensor and array indices
// give copies (IndexBackward0), whose gradient accumulates duplicates (index_put_ accumulate).
import { Tensor, type IndexArg } from '../tensor/tensor.ts';
import { bool, int64, uint8 } from '../tensor/dtype.ts';
import { IndexError, RuntimeError } from '../errors.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from '../tensor/shape.ts';
import { elementOffsets } from '../backends/strided.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { select, slice, unsqueeze } from './views.ts';
import { copyValues } from './copy.ts';
import { checkInplace, rebaseHistory } from './inplace.ts';
import { zerosLikeValue } from './select_where.ts';

interface SliceSpec {
  start: number | null;
  stop: number | null;
  step: number;
}

function parseSlice(s: string): SliceSpec | null {
  const m = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/.exec(s);
  if (!m) return null;
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (step === 0) throw new RuntimeError('slice step cannot be zero');
  if (step < 0) throw new RuntimeError('step must be greater than zero');
  return { start: m[1] === undefined ? null : Number(m[1]), stop: m[2] === undefined ? null : Number(m[2]), step };
}

type Parsed =
  | { kind: 'int'; v: number }
  | { kind: 'slice'; s: SliceSpec }
  | { kind: 'ellipsis' }
  | { kind: 'none' }
  | { kind: 'tensor'; t: Tensor };

function toIndexTensor(a: readonly unknown[]): Tensor {
  const flat: number[] = [];
  const shape: number[] = [];
  let isBool = false;
  const walk = (x: unknown, d: number): void => {
    if (Array.isArray(x)) {
      if (shape.length <= d) shape.push(x.length);
      for (const e of x) walk(e, d + 1);
    } else if (typeof x === 'boolean') {
      isBool = true;
      flat.push(x ? 1 : 0);
    } else if (x instanceof Tensor) {
      flat.push(Number(x.item()));
    } else {
      flat.push(Number(x));
    }
  };
  walk(a, 0);
  const dt = isBool ? bool : int64;
  return Tensor._fromData(new dt.ArrayType(flat), shape, dt);
}

function parse(indices: readonly IndexArg[]): Parsed[] {
  return indices.map((ix): Parsed => {
    if (typeof ix === 'number') return { kind: 'int', v: ix };
    if (ix === null) return { kind: 'none' };
    if (typeof ix === 'boolean') return { kind: 'tensor', t: Tensor._fromData(new Uint8Array([ix ? 1 : 0]), [], bool) };
    if (typeof ix === 'string') {
      if (ix === '...') return { kind: 'ellipsis' };
      const s = parseSlice(ix);
      if (s) return { kind: 'slice', s };
      if (/^\s*-?\d+\s*$/.test(ix)) return { kind: 'int', v: Number(ix) };
      throw new IndexError(`invalid index string '${ix}': expected an integer, a slice like '1:3' or '::2', or '...'`);
    }
    if (ix instanceof Tensor) return { kind: 'tensor', t: ix };
    if (Array.isArray(ix)) return { kind: 'tensor', t: toIndexTensor(ix) };
    throw new IndexError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got ' + typeof ix + ')');
  });
}

function consumed(p: Parsed): number {
  if (p.kind === 'int' || p.kind === 'slice') return 1;
  if (p.kind === 'tensor') return p.t.dtype === bool || p.t.dtype === uint8 ? Math.max(p.t._shape.length, 0) : 1;
  return 0;
}

/** x[indices]: basic indexing as views, then advanced indexing as one gather. */
export function index(x: Tensor, indices: readonly IndexArg[]): Tensor {
  const parsed = parse(indices);
  const ndim = x._shape.length;
  const specified = parsed.reduce((n, p) => n + consumed(p), 0);
  if (specified > ndim) {
    throw new IndexError(`too many indices for tensor of dimension ${ndim}`);
  }
  const ellipses = parsed.filter((p) => p.kind === 'ellipsis').length;
  if (ellipses > 1) throw new IndexError('an index can only have a single ellipsis (\'...\')');
  let result = x;
  let dim = 0;
  const advanced: (Tensor | null)[] = [];
  for (const p of parsed) {
    switch (p.kind) {
      case 'int':
        result = select(result, dim, p.v);
        break;
      case 'slice': {
        const size = result._shape[dim] as number;
        // applySlicing skips full slices (no SliceBackward0 for `:`).
        if (!((p.s.start ?? 0) === 0 && (p.s.stop === null || p.s.stop >= size) && p.s.step === 1)) {
          result = slice(result, dim, p.s.start, p.s.stop, p.s.step);
        }
        advanced.push(null);
        dim++;
        break;
      }
      case 'ellipsis': {
        const skip = ndim - specified;
        for (let i = 0; i < skip; i++) advanced.push(null);
        dim += skip;
        break;
      }
      case 'none':
        result = unsqueeze(result, dim);
        advanced.push(null);
        dim++;
        break;
      case 'tensor': {
        const t = p.t;
        if (t.dtype === bool || t.dtype === uint8) {
          if (t._shape.length === 0) {
            // x[True] adds a dim of size 1 (x[False] of size 0).
            result = unsqueeze(result, dim);
            advanced.push(Tensor._fromData(new Float64Array(t.item() ? [0] : []), [t.item() ? 1 : 0], int64));
            dim++;
            break;
          }
          for (let k = 0; k < t._shape.length; k++) {
            const want = t._shape[k] as number;
            const have = result._shape[dim + k] as number;
            if (want !== have) {
              throw new IndexError(`The shape of the mask [${t._shape.join(', ')}] at index ${k} does not match the shape of the indexed tensor [${result._shape.join(', ')}] at index ${dim + k}`);
            }
          }
          for (const nz of nonzeroColumns(t)) advanced.push(nz);
          dim += t._shape.length;
        } else {
          if (t.dtype.is_floating_point) {
            throw new IndexError('tensors used as indices must be long, int, byte or bool tensors');
          }
          advanced.push(t);
          dim++;
        }
        break;
      }
    }
  }
  if (advanced.every((a) => a === null)) {
    // Pure basic indexing always returns a new view, even x.at('...') (PyTorch's alias).
    return result === x ? aliasView(x) : result;
  }
  while (advanced.length < result._shape.length) advanced.push(null);
  return indexTensor(result, advanced);
}

function aliasView(x: Tensor): Tensor {
  return slice(x, 0, null, null, 1).view(x._shape);
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
  for (const d of advDims) bshape = broadcastShapes(bshape, (indices[d] as Tensor)._shape);
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
  // Index values, broadcast, checked against their dim sizes.
  const nb = numelOf(bshape);
  const idxVals = advDims.map((d) => {
    const t = indices[d] as Tensor;
    const offs = elementOffsets(bshape, broadcastStrides(t._shape, t._stride, bshape), t._offset);
    const size = x._shape[d] as number;
    const v = new Float64Array(nb);
    for (let i = 0; i < nb; i++) {
      let k = t._data[offs[i] as number] as number;
      if (k < -size || k >= size) throw new IndexError(`index ${k} is out of bounds for dimension ${d} with size ${size}`);
      if (k < 0) k += size;
      v[i] = k * (x._stride[d] as number);
    }
    return v;
  });
  const advOffset = new Float64Array(nb);
  for (const v of idxVals) for (let i = 0; i < nb; i++) advOffset[i] = (advOffset[i] as number) + (v[i] as number);
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
    record('IndexBackward0', [x], out, (g) => [index_backward(g[0] as Tensor, inShape, idx)]);
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
    rebaseHistory(self, 'IndexPutBackward0', [self, vt], (g, _s, node) => {
      const gs = g[0] as Tensor;
      let gSelf: Tensor | null = null;
      if (node.needs[0]) {
        gSelf = gs;
        if (!accumulate) {
          gSelf = gs.clone();
          putValues(gSelf, expanded, zerosLikeValue(Tensor._empty([], gs.dtype)), false);
        }
      }
      return [gSelf, node.needs[1] ? indexTensor(gs, expanded) : null];
    }, []);
  }
}
