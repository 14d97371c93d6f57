// Shape ops that reorder or replicate values: flip, roll, tril/triu, movedim, unflatten,
// broadcast_to/broadcast_tensors/broadcast_shapes, repeat/tile, diag, diagonal, trace.
// Joins and splits (cat, stack, split, chunk, unbind) live in shape_more_join.ts.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, int64 } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { broadcastShapes, numelOf, Size, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { sum } from '../reduce/reduce.ts';
import { expand, makeView, permute, reshape, view, writeInto } from './views.ts';
import { mul } from '../pointwise/arithmetic.ts';
import { copyValues } from '../copy.ts';
import { bindArgs, dimList } from '../reduce/reduce_more_util.ts';

type IntList = number | readonly number[];

/** Sizes given as `f(x, 2, 3)` or `f(x, [2, 3])` (porting rule 2). */
function intsFromArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  return args as number[];
}

/**
 * A new contiguous tensor whose element at multi-index i reads x's storage at
 * x._offset + Σ_d table[d][i_d]: each dim maps independently (flip, roll, repeat).
 */
function gatherByTables(x: Tensor, outShape: number[], tables: readonly Float64Array[]): Tensor {
  const out = Tensor._empty(outShape, x.dtype);
  const n = numelOf(outShape);
  const nd = outShape.length;
  const idx = new Array<number>(nd).fill(0);
  const src = x._data;
  const dst = out._data;
  for (let k = 0; k < n; k++) {
    let off = x._offset;
    for (let d = 0; d < nd; d++) off += (tables[d] as Float64Array)[idx[d] as number] as number;
    dst[k] = src[off] as number;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (outShape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

function identityTable(size: number, stride: number): Float64Array {
  const t = new Float64Array(size);
  for (let i = 0; i < size; i++) t[i] = i * stride;
  return t;
}

// ---- flip / roll ----------------------------------------------------------------------------

function wrapUnique(dims: readonly number[], nd: number): number[] {
  const w = dims.map((d) => wrapDim(d, nd));
  const seen = new Set<number>();
  for (const d of w) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return w;
}

/** `torch.flip(x, dims)` (also `x.flip(0, 1)`): a reversed copy (FlipBackward0). */
export function flip(x: Tensor, ...dimsArgs: (IntList | { dims: IntList })[]): Tensor {
  const first = dimsArgs[0];
  const raw = first !== undefined && typeof first === 'object' && !Array.isArray(first)
    ? dimList((first as { dims: IntList }).dims) ?? []
    : intsFromArgs(dimsArgs as (number | readonly number[])[]);
  const nd = x._shape.length;
  const dims = wrapUnique(raw, nd);
  const tables = x._shape.map((s, d) => {
    const st = x._stride[d] as number;
    if (!dims.includes(d)) return identityTable(s, st);
    const t = new Float64Array(s);
    for (let i = 0; i < s; i++) t[i] = (s - 1 - i) * st;
    return t;
  });
  const out = gatherByTables(x, x._shape.slice(), tables);
  if (needsGrad(x)) record('FlipBackward0', [x], out, (g) => [flip(g[0] as Tensor, dims)]);
  return out;
}

/** `torch.roll(x, shifts, dims=None)`: without dims the flattened tensor rolls (RollBackward0). */
export function roll(x: Tensor, shifts: IntList | { shifts: IntList; dims?: IntList | null }, dims?: IntList | null | { dims?: IntList | null }): Tensor {
  const a = bindArgs('roll', ['shifts', 'dims'], [shifts, dims]);
  const sh = dimList(a.shifts) ?? [];
  const ds = dimList(a.dims) ?? [];
  if (ds.length === 0 && sh.length === 1) {
    const flat = reshape(x.detach(), [[-1]]);
    const rolled = rollDims(flat, sh, [0]);
    const out = view(rolled, [x._shape]);
    return finishRoll(x, out, sh, ds);
  }
  if (sh.length !== ds.length) {
    throw new RuntimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  }
  return finishRoll(x, rollDims(x, sh, ds.map((d) => wrapDim(d, x._shape.length))), sh, ds);
}

function rollDims(x: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  const tables = x._shape.map((s, d) => {
    const st = x._stride[d] as number;
    const k = dims.indexOf(d);
    if (k < 0 || s === 0) return identityTable(s, st);
    let total = 0;
    dims.forEach((dd, j) => {
      if (dd === d) total += shifts[j] as number;
    });
    const t = new Float64Array(s);
    for (let i = 0; i < s; i++) t[i] = ((((i - total) % s) + s) % s) * st;
    return t;
  });
  return gatherByTables(x, x._shape.slice(), tables);
}

function finishRoll(x: Tensor, out: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  const result = new Tensor(out._data, out._shape, out._stride, out._offset, out.dtype);
  if (needsGrad(x)) {
    const back = shifts.slice().reverse().map((s) => -s);
    const backDims = dims.slice().reverse();
    record('RollBackward0', [x], result, (g) => [roll(g[0] as Tensor, back, backDims.length ? backDims : null)]);
  }
  return result;
}

// ---- tril / triu ----------------------------------------------------------------------------

function triangle(x: Tensor, k: number, lower: boolean): Tensor {
  const nd = x._shape.length;
  wrapDim(-2, nd); // a 1-D input fails as PyTorch's does: dim -2 is out of range
  const out = copyValues(x, x.dtype);
  const rows = x._shape[nd - 2] as number;
  const cols = x._shape[nd - 1] as number;
  const n = numelOf(x._shape);
  for (let i = 0; i < n; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols) % rows;
    if (lower ? c - r > k : c - r < k) out._data[i] = 0;
  }
  if (needsGrad(x)) {
    record(lower ? 'TrilBackward0' : 'TriuBackward0', [x], out, (g) => [triangle(g[0] as Tensor, k, lower)]);
  }
  return out;
}

/** `torch.tril(x, diagonal=0)`: zeros above the k-th diagonal of the last two dims. */
export function tril(x: Tensor, diagonal?: number | { diagonal?: number }): Tensor {
  const a = bindArgs('tril', ['diagonal'], [diagonal]);
  return triangle(x, (a.diagonal as number | undefined) ?? 0, true);
}
export function triu(x: Tensor, diagonal?: number | { diagonal?: number }): Tensor {
  const a = bindArgs('triu', ['diagonal'], [diagonal]);
  return triangle(x, (a.diagonal as number | undefined) ?? 0, false);
}

// ---- movedim / unflatten / broadcasting ------------------------------------------------------

function listStr(l: IntList): string {
  return `[${(dimList(l) ?? []).join(', ')}]`;
}

/** `torch.movedim(x, source, destination)`: a permute (PermuteBackward0). */
export function movedim(x: Tensor, source: IntList, destination: IntList): Tensor {
  const nd = x._shape.length;
  const src = (dimList(source) ?? []).map((d) => wrapDim(d, nd));
  const dst = (dimList(destination) ?? []).map((d) => wrapDim(d, nd));
  if (src.length !== dst.length) {
    throw new RuntimeError(
      `movedim: Invalid source or destination dims: source (${listStr(source)} dims) should contain the same number of dims as destination (${listStr(destination)} dims)`,
    );
  }
  if (new Set(src).size !== src.length) throw new RuntimeError(`movedim: repeated dim in \`source\` (${listStr(source)})`);
  if (new Set(dst).size !== dst.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` (${listStr(destination)})`);
  const order = new Array<number>(nd).fill(-1);
  src.forEach((s, i) => (order[dst[i] as number] = s));
  const restSrc = [...Array(nd).keys()].filter((d) => !src.includes(d));
  let j = 0;
  for (let i = 0; i < nd; i++) if (order[i] === -1) order[i] = restSrc[j++] as number;
  return permute(x, [order]);
}
export { movedim as moveaxis };

/** `torch.unflatten(x, dim, sizes)`: a view splitting one dim (ViewBackward0). */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const nd = x._shape.length;
  const d = wrapDim(dim, nd);
  if (sizes.length === 0) throw new RuntimeError('unflatten: sizes must be non-empty');
  const shape = x._shape.slice(0, d).concat(sizes, x._shape.slice(d + 1));
  const size = x._shape[d] as number;
  const known = sizes.filter((s) => s !== -1).reduce((p, s) => p * s, 1);
  if (!sizes.includes(-1) && known !== size) {
    throw new RuntimeError(
      `unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${dim} (${size}) in the input tensor`,
    );
  }
  return view(x, [shape]);
}

/** `torch.broadcast_to(x, shape)`: an expand (ExpandBackward0). */
export function broadcast_to(x: Tensor, shape: readonly number[]): Tensor {
  return expand(x, [shape]);
}

/** `torch.broadcast_shapes(*shapes)`: the broadcast torch.Size. */
export function broadcast_shapes(...shapes: (number | readonly number[])[]): Size {
  let out: number[] = [];
  try {
    for (const s of shapes) out = broadcastShapes(out, typeof s === 'number' ? [s] : s);
  } catch {
    // torch.broadcast_shapes checks in Python with its own message.
    throw new RuntimeError('Shape mismatch: objects cannot be broadcast to a single shape');
  }
  return Size.of_(out);
}

/** `torch.broadcast_tensors(a, b, …)` (or one array): each input expanded to the common shape. */
export function broadcast_tensors(...tensors: (Tensor | readonly Tensor[])[]): Tensor[] {
  const list = tensors.length === 1 && Array.isArray(tensors[0]) ? (tensors[0] as Tensor[]) : (tensors as Tensor[]);
  let shape: number[] = [];
  for (const t of list) shape = broadcastShapes(shape, t._shape);
  return list.map((t) => expand(t, [shape]));
}

// ---- repeat / tile --------------------------------------------------------------------------

/** `x.repeat(2, 3)`: the tensor tiled; repeats may add leading dims (RepeatBackward0). */
export function repeat(x: Tensor, ...sizes: (number | readonly number[])[]): Tensor {
  const reps = intsFromArgs(sizes);
  const nd = x._shape.length;
  if (reps.length < nd) {
    throw new RuntimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = reps.length - nd;
  const padShape = new Array<number>(lead).fill(1).concat(x._shape);
  const padStride = new Array<number>(lead).fill(0).concat(x._stride);
  const outShape = padShape.map((s, i) => s * (reps[i] as number));
  const tables = outShape.map((s, d) => {
    const t = new Float64Array(s);
    const src = padShape[d] as number;
    for (let i = 0; i < s; i++) t[i] = (i % src) * (padStride[d] as number);
    return t;
  });
  const out = gatherByTables(x, outShape, tables);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('RepeatBackward0', [x], out, (g) => [repeatBackward(g[0] as Tensor, reps, inShape)]);
  }
  return out;
}

/** repeat_backward: the sum of the gradient over every copy. */
function repeatBackward(grad: Tensor, reps: readonly number[], inShape: readonly number[]): Tensor {
  if (reps.includes(0)) return Tensor._empty(inShape.slice(), grad.dtype);
  let g = grad;
  const lead = g._shape.length - inShape.length;
  for (let i = 0; i < lead; i++) g = sum(g, 0, false);
  const gradSize: number[] = [];
  const sumDims: number[] = [];
  inShape.forEach((s, d) => {
    const r = reps[d + lead] as number;
    if (r !== 1) {
      gradSize.push(r);
      sumDims.push(gradSize.length - 1);
    }
    gradSize.push(s);
  });
  g = reshape(g, [gradSize]);
  if (sumDims.length > 0) g = sum(g, sumDims, false);
  return g;
}

/** `torch.tile(x, dims)`: repeat, with dims padded by leading 1s to x's rank. */
export function tile(x: Tensor, ...dims: (number | readonly number[])[]): Tensor {
  const reps = intsFromArgs(dims);
  const nd = x._shape.length;
  const padded = reps.length < nd ? new Array<number>(nd - reps.length).fill(1).concat(reps) : reps;
  return repeat(x, padded);
}

// ---- diagonal / diag / trace ----------------------------------------------------------------

interface DiagGeom {
  shape: number[];
  stride: number[];
  offset: number;
}

function diagonalGeometry(x: Tensor, offset: number, dim1: number, dim2: number): DiagGeom {
  const nd = x._shape.length;
  const d1 = wrapDim(dim1, nd);
  const d2 = wrapDim(dim2, nd);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const s1 = x._shape[d1] as number;
  const s2 = x._shape[d2] as number;
  let off = x._offset;
  let size: number;
  if (offset >= 0) {
    size = Math.max(Math.min(s1, s2 - offset), 0);
    if (size > 0) off += offset * (x._stride[d2] as number);
  } else {
    size = Math.max(Math.min(s1 + offset, s2), 0);
    if (size > 0) off -= offset * (x._stride[d1] as number);
  }
  const shape: number[] = [];
  const stride: number[] = [];
  for (let i = 0; i < nd; i++) {
    if (i === d1 || i === d2) continue;
    shape.push(x._shape[i] as number);
    stride.push(x._stride[i] as number);
  }
  shape.push(size);
  stride.push((x._stride[d1] as number) + (x._stride[d2] as number));
  return { shape, stride, offset: off };
}

type DiagonalOpts = { offset?: number; dim1?: number; dim2?: number };

/** `torch.diagonal(x, offset=0, dim1=0, dim2=1)`: a view; the diagonal becomes the last dim. */
export function diagonal(x: Tensor, offset?: number | DiagonalOpts, dim1?: number | DiagonalOpts, dim2?: number | DiagonalOpts): Tensor {
  const a = bindArgs('diagonal', ['offset', 'dim1', 'dim2'], [offset, dim1, dim2]);
  const k = (a.offset as number | undefined) ?? 0;
  const d1 = (a.dim1 as number | undefined) ?? 0;
  const d2 = (a.dim2 as number | undefined) ?? 1;
  const geom = diagonalGeometry(x, k, d1, d2);
  const out = makeView(x, geom.shape, geom.stride, geom.offset);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('DiagonalBackward0', [x], out, (g) => [diagonalBackward(g[0] as Tensor, inShape, k, d1, d2)]);
  }
  return out;
}

/** diagonal_backward: zeros with g written on the diagonal (itself differentiable). */
function diagonalBackward(g: Tensor, inShape: readonly number[], k: number, d1: number, d2: number): Tensor {
  const out = Tensor._empty(inShape.slice(), g.dtype);
  const geom = diagonalGeometry(out, k, d1, d2);
  writeInto(new Tensor(out._data, geom.shape, geom.stride, geom.offset, out.dtype), g);
  if (needsGrad(g)) record('DiagonalBackwardBackward0', [g], out, (gg) => [diagonal(gg[0] as Tensor, k, d1, d2)]);
  return out;
}

/** `torch.diag(x, diagonal=0)`: vector → matrix with it on the k-th diagonal; matrix → its diagonal (a copy). */
export function diag(x: Tensor, diagonal_?: number | { diagonal?: number }): Tensor {
  const a = bindArgs('diag', ['diagonal'], [diagonal_]);
  const k = (a.diagonal as number | undefined) ?? 0;
  const nd = x._shape.length;
  let out: Tensor;
  if (nd === 1) {
    const n = (x._shape[0] as number) + Math.abs(k);
    out = Tensor._empty([n, n], x.dtype);
    const geom = diagonalGeometry(out, k, 0, 1);
    writeInto(new Tensor(out._data, geom.shape, geom.stride, geom.offset, out.dtype), x);
  } else if (nd === 2) {
    const geom = diagonalGeometry(x, k, 0, 1);
    out = copyValues(new Tensor(x._data, geom.shape, geom.stride, geom.offset, x.dtype), x.dtype);
  } else {
    throw new RuntimeError('matrix or a vector expected');
  }
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('DiagBackward0', [x], out, (g) => {
      const gg = g[0] as Tensor;
      if (inShape.length === 1 || inShape[0] === inShape[1]) return [diag(gg, k)];
      return [diagonalBackward(gg, inShape, k, 0, 1)];
    });
  }
  return out;
}

/** `torch.trace(x)`: the sum of a matrix's main diagonal (integer inputs give int64). */
export function trace(x: Tensor): Tensor {
  const nd = x._shape.length;
  if (nd !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${nd}`);
  if (x.dtype === bool) throw new RuntimeError(`"trace" not implemented for 'Bool'`);
  const dt = x.dtype.is_floating_point ? x.dtype : int64;
  const geom = diagonalGeometry(x, 0, 0, 1);
  const out = Tensor._empty([], dt);
  let s = 0;
  for (let i = 0; i < (geom.shape[0] as number); i++) s += x._data[geom.offset + i * (geom.stride[0] as number)] as number;
  out._data[0] = s;
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('TraceBackward0', [x], out, (g) => {
      // trace_backward: g on the main diagonal, zeros elsewhere (expand then mask keeps it differentiable).
      const eye = Tensor._empty(inShape.slice(), g[0]?.dtype ?? x.dtype);
      const n = Math.min(inShape[0] as number, inShape[1] as number);
      for (let i = 0; i < n; i++) eye._data[i * ((inShape[1] as number) + 1)] = 1;
      return [mul(expand(g[0] as Tensor, [inShape]), eye)];
    });
  }
  return out;
}
