// Shape ops PyTorch builds from others or defines once: repeat_interleave (flatten +
// index_select), rot90 (Rot90Backward0), diag_embed (DiagEmbedBackward0) and meshgrid
// (view + expand). Forwards follow aten/src/ATen/native/Repeat.cpp, TensorTransformations.cpp
// and TensorShape.cpp, checks and messages in the same order.
import { Tensor } from '../../tensor/tensor.ts';
import { int32, int64 } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError, TorchTypeError, warnOnce } from '../../errors.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { preservedStrides } from '../../tensor/like_factories.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { expand, flatten, reshape, transpose, view, writeInto } from './views.ts';
import { copyValues } from '../copy.ts';
import { diagonal, flip } from './shape_more.ts';
import { index_select } from '../indexing/index_ops.ts';
import { notImplemented } from '../pointwise/pointwise_unary.ts';
import { bindArgs, isOpts } from '../reduce/reduce_more_util.ts';
import { cppTensorString } from '../../print/cpp_repr.ts';

// ---- repeat_interleave ------------------------------------------------------------------------

type RepeatInterleaveOpts = { repeats?: Tensor | number; dim?: number | null; output_size?: number | null };

/** The values of a 1-D tensor read through its strides (an expanded one has stride 0). */
function values1d(t: Tensor): number[] {
  const offs = elementOffsets(t._shape, t._stride, t._offset);
  const out = new Array<number>(offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = t._data[offs[i] as number] as number;
  return out;
}

/** repeat_interleave(repeats): index i repeated repeats[i] times (repeat_interleave_common). */
function repeatsToIndices(repeats: Tensor, outputSize: number | null): Tensor {
  if (repeats.dtype !== int64 && repeats.dtype !== int32) throw notImplemented('repeat_interleave_cpu', repeats.dtype);
  if (repeats._shape.length !== 1) throw new RuntimeError('repeat_interleave only accept 1D vector as repeat');
  const r = values1d(repeats);
  if (r.length === 0) return Tensor._empty([0], repeats.dtype);
  const cumsum: number[] = [];
  let acc = 0;
  for (const v of r) cumsum.push((acc += v));
  const last = cumsum[cumsum.length - 1] as number;
  let total: number;
  if (outputSize !== null) {
    total = outputSize;
  } else {
    total = last;
    if (r.some((v) => v < 0)) throw new RuntimeError('repeats can not be negative');
  }
  if (total !== last) throw new RuntimeError('allocated size does not match required size');
  const out = Tensor._empty([total], repeats.dtype);
  r.forEach((size, i) => {
    if (size < 0) throw new RuntimeError('repeats can not be negative');
    const end = cumsum[i] as number;
    for (let j = end - size; j < end; j++) out._data[j] = i;
  });
  return out;
}

/**
 * `torch.repeat_interleave(input, repeats, dim=None, *, output_size=None)`: each slice along dim
 * (of the flattened input when dim is None) repeated; `repeats` is a number or an int tensor.
 * `torch.repeat_interleave(repeats, *, output_size=None)`: the indices that repeat.
 */
export function repeat_interleave(
  input: Tensor,
  repeats?: Tensor | number | RepeatInterleaveOpts,
  dim?: number | null | RepeatInterleaveOpts,
  opts?: RepeatInterleaveOpts,
): Tensor {
  const a = bindArgs('repeat_interleave', ['repeats', 'dim', 'output_size'], [repeats, dim, opts]);
  const outputSize = (a.output_size as number | null | undefined) ?? null;
  if (a.repeats === undefined) return repeatsToIndices(input, outputSize);
  const d = (a.dim as number | null | undefined) ?? null;
  const flat = d === null ? flatten(input) : input;
  const axis = d ?? 0;
  let rep: Tensor;
  if (a.repeats instanceof Tensor) rep = a.repeats;
  else if (typeof a.repeats === 'number') rep = Tensor._fromData(new Float64Array([a.repeats]), [1], int64);
  else throw new TorchTypeError("repeat_interleave(): argument 'repeats' must be Tensor or int");
  // input.size(dim): a 0-dim input has no dims at all here (no scalar wrapping).
  if (flat._shape.length === 0) throw new IndexError(`Dimension specified as ${axis} but tensor has no dimensions`);
  const size = flat._shape[wrapDim(axis, flat._shape.length)] as number;
  if (rep._shape.length === 0 || (rep._shape.length === 1 && rep._shape[0] === 1)) {
    rep = expand(reshape(rep, [[1]]), [[size]]);
  } else if (rep._shape.length === 1) {
    if (rep._shape[0] !== size) throw new RuntimeError('repeats must have the same size as input along dim');
  } else {
    throw new RuntimeError('repeats must be 0-dim or 1-dim tensor');
  }
  return index_select(flat, axis, repeatsToIndices(rep, outputSize));
}

// ---- rot90 ------------------------------------------------------------------------------------

type Rot90Opts = { k?: number; dims?: readonly number[] };

/** `torch.rot90(x, k=1, dims=[0, 1])`: rotates by 90° k times from dims[0] towards dims[1] (Rot90Backward0). */
export function rot90(x: Tensor, k?: number | Rot90Opts, dims?: readonly number[] | Rot90Opts): Tensor {
  const a = bindArgs('rot90', ['k', 'dims'], [k, dims]);
  const kk = (a.k as number | undefined) ?? 1;
  const ds = ((a.dims as readonly number[] | undefined) ?? [0, 1]).slice();
  const total = x._shape.length;
  if (ds.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${ds.length}`);
  if (total < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${total}`);
  const [d0, d1] = ds as [number, number];
  if (d0 === d1 || Math.abs(d0 - d1) === total) {
    throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  }
  if (!(d0 < total && d0 >= -total)) throw new RuntimeError(`Rotation dim0 out of range, dim0 = ${d0}`);
  if (!(d1 < total && d1 >= -total)) throw new RuntimeError(`Rotation dim1 out of range, dim1 = ${d1}`);
  const turns = (4 + (kk % 4)) % 4;
  const out = no_grad(() => {
    if (turns === 0) return copyValues(x, x.dtype); // clone(MemoryFormat::Contiguous)
    // flip writes into empty_like(x) (x's layout when dense); transpose_ then swaps the dims of
    // that fresh tensor in place, so the result owns its storage (no view) with swapped strides.
    const flipped = flip(x, turns === 2 ? ds : [turns === 1 ? d1 : d0]);
    const laid = new Tensor(new x.dtype.ArrayType(numelOf(x._shape)), x._shape.slice(), preservedStrides(x), 0, x.dtype);
    writeInto(laid, flipped);
    if (turns === 2) return laid;
    const v = transpose(laid, d0, d1);
    return new Tensor(laid._data, v._shape.slice(), v._stride.slice(), 0, x.dtype);
  });
  if (needsGrad(x)) record('Rot90Backward0', [x], out, (g) => [rot90(g[0] as Tensor, -kk, ds)]);
  return out;
}

// ---- diag_embed -------------------------------------------------------------------------------

type DiagEmbedOpts = { offset?: number; dim1?: number; dim2?: number };

/**
 * `torch.diag_embed(x, offset=0, dim1=-2, dim2=-1)`: zeros with x's last dim written on the
 * offset diagonal of the plane (dim1, dim2) of the result (DiagEmbedBackward0).
 */
export function diag_embed(x: Tensor, offset?: number | DiagEmbedOpts, dim1?: number | DiagEmbedOpts, dim2?: number | DiagEmbedOpts): Tensor {
  const a = bindArgs('diag_embed', ['offset', 'dim1', 'dim2'], [offset, dim1, dim2]);
  const off = (a.offset as number | undefined) ?? 0;
  const dim1In = (a.dim1 as number | undefined) ?? -2;
  const dim2In = (a.dim2 as number | undefined) ?? -1;
  const nDims = x._shape.length + 1;
  const d1 = wrapDim(dim1In, nDims);
  const d2 = wrapDim(dim2In, nDims);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1In}, ${dim2In}`);
  const len = Math.abs(off) + (x._shape[wrapDim(-1, x._shape.length, false)] as number);
  const sizes = x._shape.slice(0, -1);
  sizes.splice(Math.min(d1, d2), 0, len);
  sizes.splice(Math.max(d1, d2), 0, len);
  const out = Tensor._empty(sizes, x.dtype);
  no_grad(() => writeInto(diagonal(out, off, d1, d2), x));
  if (needsGrad(x)) record('DiagEmbedBackward0', [x], out, (g) => [diagonal(g[0] as Tensor, off, d1, d2)]);
  return out;
}

// ---- meshgrid ---------------------------------------------------------------------------------

type MeshgridOpts = { indexing?: 'ij' | 'xy' | null };

const MESHGRID_WARNING =
  'torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. (Triggered internally at  ./aten/src/ATen/native/TensorShape.cpp:3190.)';
// TORCH_WARN_ONCE: PyTorch warns once per process, not once per call site.
let meshgridWarned = false;

/**
 * `torch.meshgrid(...tensors, { indexing })` (or `meshgrid([a, b], …)`): coordinate grids, each
 * a view + expand of one 0-D or 1-D input. 'xy' swaps the first two dims (Cartesian order).
 */
export function meshgrid(...args: (Tensor | readonly Tensor[] | MeshgridOpts)[]): Tensor[] {
  let list = args;
  let indexing: string | null = null;
  const last = list[list.length - 1];
  if (isOpts(last)) {
    const o = bindArgs('meshgrid', ['indexing'], [last]);
    indexing = (o.indexing as string | null | undefined) ?? null;
    list = list.slice(0, -1);
  }
  const tensors = (list.length === 1 && Array.isArray(list[0]) ? (list[0] as readonly Tensor[]) : (list as Tensor[])).slice();
  if (indexing === null) {
    if (!meshgridWarned) warnOnce('UserWarning', MESHGRID_WARNING);
    meshgridWarned = true;
    indexing = 'ij';
  }
  const n = tensors.length;
  if (n === 0) throw new RuntimeError('meshgrid expects a non-empty TensorList');
  for (let i = 0; i < n - 1; i++) {
    if ((tensors[i] as Tensor).dtype !== (tensors[i + 1] as Tensor).dtype) throw new RuntimeError('meshgrid expects all tensors to have the same dtype');
  }
  const swap = indexing === 'xy' && n >= 2;
  if (indexing !== 'xy' && indexing !== 'ij') {
    throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  }
  if (swap) [tensors[0], tensors[1]] = [tensors[1] as Tensor, tensors[0] as Tensor];
  const shape = tensors.map((t) => {
    if (t._shape.length > 1) {
      // The tensor as C++'s operator<< prints it, not as Python's repr.
      throw new RuntimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${cppTensorString(t)}`);
    }
    return numelOf(t._shape);
  });
  const grids = tensors.map((t, i) => {
    const viewShape = new Array<number>(n).fill(1);
    viewShape[i] = -1;
    return expand(view(t, [viewShape]), [shape]);
  });
  if (swap) [grids[0], grids[1]] = [grids[1] as Tensor, grids[0] as Tensor];
  return grids;
}
