// More shape ops: unfold (a view), ravel, atleast_1d/2d/3d, dstack, column_stack, row_stack,
// tensor_split / hsplit / vsplit / dsplit, split_with_sizes, unsafe_split / unsafe_chunk,
// swapdims, fliplr, flipud. Most are composed as ATen composes them, so that their grad_fn
// chains (and view-ness) are PyTorch's.
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { contiguousStrides, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { forEachOffset } from '../../backends/strided.ts';
import { makeView, reshape, slice, transpose, unsqueeze, view } from './views.ts';
import { cat, checkSplitSum, hstack, split, splitPieces, splitSizes, vstack } from './shape_more_join.ts';
import { flip } from './shape_more.ts';
import { bindArgs } from '../reduce/reduce_more_util.ts';

export { transpose as swapdims };
export { vstack as row_stack };

type DimOpt = number | { dim?: number };

function sizesStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

// ---- unfold ---------------------------------------------------------------------------------

/** The geometry of `unfold(d, size, step)` over a tensor of this shape and these strides. */
function unfoldGeometry(shape: readonly number[], stride: readonly number[], d: number, size: number, step: number): { shape: number[]; stride: number[] } {
  const nd = shape.length;
  const outShape = shape.slice();
  const outStride = stride.slice();
  outShape.push(size);
  outStride.push(nd === 0 ? 1 : (stride[d] as number));
  if (d < nd) {
    // C++ integer division (truncating), as ATen computes it.
    outShape[d] = Math.trunc(((shape[d] as number) - size) / step) + 1;
    outStride[d] = step * (stride[d] as number);
  }
  return { shape: outShape, stride: outStride };
}

/** `x.unfold(dimension, size, step)`: every slice of `size` elements `step` apart along dimension, as a new last dim (a view, UnfoldBackward0). */
export function unfold(x: Tensor, dimension: number | UnfoldOpts, size?: number | UnfoldOpts, step?: number | UnfoldOpts): Tensor {
  const a = bindArgs('unfold', ['dimension', 'size', 'step'], [dimension, size, step]);
  return unfoldImpl(x, a.dimension as number, a.size as number, a.step as number);
}

type UnfoldOpts = { dimension?: number; size?: number; step?: number };

function unfoldImpl(x: Tensor, dimension: number, size: number, step: number): Tensor {
  const nd = x._shape.length;
  const d = wrapDim(dimension, nd);
  const maxSize = nd === 0 ? 1 : (x._shape[d] as number);
  if (size > maxSize) throw new RuntimeError(`maximum size for tensor at dimension ${d} is ${maxSize} but size is ${size}`);
  if (step <= 0) throw new RuntimeError(`step is ${step} but must be > 0`);
  const geom = unfoldGeometry(x._shape, x._stride, d, size, step);
  if (size < 0) {
    throw new RuntimeError(`Storage size calculation overflowed with sizes=${sizesStr(geom.shape)} and strides=${sizesStr(geom.stride)}`);
  }
  const out = makeView(x, geom.shape, geom.stride, x._offset);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('UnfoldBackward0', [x], out, (g) => [unfold_backward(g[0] as Tensor, inShape, d, size, step)]);
  }
  return out;
}

/** unfold_backward: each window's gradient summed back onto the input positions it covers (itself differentiable). */
function unfold_backward(g: Tensor, inShape: readonly number[], d: number, size: number, step: number): Tensor {
  const out = Tensor._empty(inShape.slice(), g.dtype);
  const geom = unfoldGeometry(inShape, contiguousStrides(inShape), d, size, step);
  const vals: number[] = [];
  forEachOffset(g._shape, g._stride, g._offset, (p, k) => {
    vals[k] = g._data[p] as number;
  });
  const od = out._data;
  forEachOffset(geom.shape, geom.stride, 0, (p, k) => {
    od[p] = (od[p] as number) + (vals[k] as number);
  });
  if (needsGrad(g)) record('UnfoldBackwardBackward0', [g], out, (gg) => [unfoldImpl(gg[0] as Tensor, d, size, step)]);
  return out;
}

// ---- ravel, atleast_nd ----------------------------------------------------------------------

/** `torch.ravel(x)`: `x.contiguous().view(-1)`, as ATen writes it. */
export function ravel(x: Tensor): Tensor {
  return view(x.contiguous(), [-1]);
}

function atleast1(t: Tensor): Tensor {
  return t._shape.length === 0 ? reshape(t, [[1]]) : t;
}
function atleast2(t: Tensor): Tensor {
  if (t._shape.length === 0) return reshape(t, [[1, 1]]);
  if (t._shape.length === 1) return unsqueeze(t, 0);
  return t;
}
function atleast3(t: Tensor): Tensor {
  const nd = t._shape.length;
  if (nd === 0) return reshape(t, [[1, 1, 1]]);
  if (nd === 1) return unsqueeze(unsqueeze(t, 0), -1);
  if (nd === 2) return unsqueeze(t, -1);
  return t;
}

type TensorsArg = Tensor | readonly Tensor[];

/** Python's `atleast_nd(*tensors)`: one tensor gives a tensor; a list or several give a list. */
function atleast(f: (t: Tensor) => Tensor, args: readonly TensorsArg[]): Tensor | Tensor[] {
  if (args.length === 1) {
    const a = args[0] as TensorsArg;
    return a instanceof Tensor ? f(a) : a.map(f);
  }
  return (args as Tensor[]).map(f);
}

/** `torch.atleast_1d(*tensors)`: 0-D inputs reshaped to 1-D. */
export function atleast_1d(...tensors: TensorsArg[]): Tensor | Tensor[] {
  return atleast(atleast1, tensors);
}
/** `torch.atleast_2d(*tensors)`: 0-D reshaped to [1, 1], 1-D unsqueezed at 0. */
export function atleast_2d(...tensors: TensorsArg[]): Tensor | Tensor[] {
  return atleast(atleast2, tensors);
}
/** `torch.atleast_3d(*tensors)`: [n] becomes [1, n, 1], [m, n] becomes [m, n, 1]. */
export function atleast_3d(...tensors: TensorsArg[]): Tensor | Tensor[] {
  return atleast(atleast3, tensors);
}

// ---- dstack, column_stack -------------------------------------------------------------------

/** `torch.dstack(tensors)`: inputs made at least 3-D, then cat along dim 2. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('dstack expects a non-empty TensorList');
  return cat(tensors.map(atleast3), 2);
}

/** `torch.column_stack(tensors)`: 0-D and 1-D inputs become columns, then hstack. */
export function column_stack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('column_stack expects a non-empty TensorList');
  return hstack(tensors.map((t) => (t._shape.length <= 1 ? reshape(t, [[t.numel(), 1]]) : t)));
}

// ---- tensor_split and friends ---------------------------------------------------------------

type SplitSpec = number | readonly number[] | Tensor;

/** `torch.tensor_split(x, indices_or_sections, dim=0)`: slices (each its own SliceBackward0). */
export function tensor_split(x: Tensor, indices_or_sections: SplitSpec | TensorSplitOpts, dim?: DimOpt): Tensor[] {
  // The spec may come by keyword too: `sections`, `indices` or `tensor_indices_or_sections`.
  const spec0 = indices_or_sections instanceof Tensor || typeof indices_or_sections === 'number' || Array.isArray(indices_or_sections)
    ? (indices_or_sections as SplitSpec)
    : undefined;
  const a = bindArgs('tensor_split', ['dim', 'sections', 'indices', 'tensor_indices_or_sections'], spec0 === undefined ? [indices_or_sections, dim] : [dim]);
  const spec1 = spec0 ?? ((a.sections ?? a.indices ?? a.tensor_indices_or_sections) as SplitSpec);
  return tensorSplit(x, spec1, (a.dim as number | undefined) ?? 0);
}

type TensorSplitOpts = { sections?: number; indices?: readonly number[]; tensor_indices_or_sections?: Tensor; dim?: number };

function tensorSplit(x: Tensor, indices_or_sections: SplitSpec, dim: number): Tensor[] {
  const nd = x._shape.length;
  if (nd === 0) throw new RuntimeError(`tensor_split expected at least a 1-dimensional tensor, but got a tensor with ${nd} dims`);
  const d = wrapDim(dim, nd);
  let spec: number | readonly number[];
  if (indices_or_sections instanceof Tensor) {
    const t = indices_or_sections;
    if (t.dtype.name !== 'int64') {
      throw new RuntimeError(`tensor_split expected tensor_indices_or_sections to have dtype of long, but got ${t.dtype.scalarName}`);
    }
    if (t._shape.length > 1) {
      throw new RuntimeError(
        `tensor_split expected tensor_indices_or_sections to be a zero-dimensional or one-dimensional tensor, but got a tensor with ${t._shape.length} dims`,
      );
    }
    spec = t._shape.length === 0 ? Number(t.item()) : (t.tolist() as number[]);
  } else {
    spec = indices_or_sections;
  }
  const size = x._shape[d] as number;
  const outs: Tensor[] = [];
  if (typeof spec === 'number') {
    if (spec <= 0) throw new RuntimeError(`number of sections must be larger than 0, got ${spec}`);
    const base = Math.trunc(size / spec);
    const extra = size % spec;
    let start = 0;
    for (let i = 0; i < spec; i++) {
      const len = base + (i < extra ? 1 : 0);
      outs.push(slice(x, d, start, start + len));
      start += len;
    }
    return outs;
  }
  let start = 0;
  for (const idx of spec) {
    outs.push(slice(x, d, start, idx));
    start = idx;
  }
  outs.push(slice(x, d, start, size));
  return outs;
}

function namedSplit(name: string, x: Tensor, spec: number | readonly number[], minDims: number, dim: number): Tensor[] {
  const nd = x._shape.length;
  if (nd < minDims) {
    throw new RuntimeError(`torch.${name} requires a tensor with at least ${minDims} dimension, but got a tensor with ${nd} dimensions!`);
  }
  if (typeof spec === 'number') {
    const size = x._shape[dim] as number;
    if (spec === 0 || size % spec !== 0) {
      throw new RuntimeError(
        `torch.${name} attempted to split along dimension ${dim}, but the size of the dimension ${size} is not divisible by the split_size ${spec}!`,
      );
    }
  }
  return tensorSplit(x, spec, dim);
}

/** `torch.hsplit(x, sections_or_indices)`: tensor_split along dim 1 (dim 0 for 1-D inputs). */
export function hsplit(x: Tensor, indices_or_sections: number | readonly number[]): Tensor[] {
  return namedSplit('hsplit', x, indices_or_sections, 1, x._shape.length === 1 ? 0 : 1);
}
/** `torch.vsplit(x, sections_or_indices)`: tensor_split along dim 0 of an at least 2-D input. */
export function vsplit(x: Tensor, indices_or_sections: number | readonly number[]): Tensor[] {
  return namedSplit('vsplit', x, indices_or_sections, 2, 0);
}
/** `torch.dsplit(x, sections_or_indices)`: tensor_split along dim 2 of an at least 3-D input. */
export function dsplit(x: Tensor, indices_or_sections: number | readonly number[]): Tensor[] {
  return namedSplit('dsplit', x, indices_or_sections, 3, 2);
}

function checkSplitSizes(sizes: readonly number[]): void {
  if (sizes.some((s) => s < 0)) {
    throw new RuntimeError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${sizesStr(sizes)}`);
  }
}

/** `torch.split_with_sizes(x, split_sizes, dim=0)`: views (SplitWithSizesBackward0). */
export function split_with_sizes(x: Tensor, split_sizes: readonly number[], dim?: DimOpt): Tensor[] {
  const a = bindArgs('split_with_sizes', ['dim'], [dim]);
  if (x._shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  checkSplitSizes(split_sizes);
  return split(x, split_sizes, (a.dim as number | undefined) ?? 0);
}

function unsafeWithSizes(x: Tensor, sizes: readonly number[], d: number): Tensor[] {
  checkSplitSizes(sizes);
  checkSplitSum(x, sizes, d);
  return splitPieces(x, d, sizes, 'UnsafeSplitWithSizesBackward0', false);
}

/** `torch.unsafe_split(x, split_size, dim=0)`: split's pieces, not tracked as views (UnsafeSplitBackward0). */
export function unsafe_split(x: Tensor, split_size: number, dim?: DimOpt): Tensor[] {
  const a = bindArgs('unsafe_split', ['dim'], [dim]);
  if (x._shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const d = wrapDim((a.dim as number | undefined) ?? 0, x._shape.length);
  return splitPieces(x, d, splitSizes(x, split_size, d), 'UnsafeSplitBackward0', false);
}

/** `torch.unsafe_split_with_sizes(x, split_sizes, dim=0)`. */
export function unsafe_split_with_sizes(x: Tensor, split_sizes: readonly number[], dim?: DimOpt): Tensor[] {
  const a = bindArgs('unsafe_split_with_sizes', ['dim'], [dim]);
  if (x._shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  const d = wrapDim((a.dim as number | undefined) ?? 0, x._shape.length);
  return unsafeWithSizes(x, split_sizes, d);
}

/** `torch.unsafe_chunk(x, chunks, dim=0)`: chunk through unsafe_split, as ATen does. */
export function unsafe_chunk(x: Tensor, chunks: number, dim?: DimOpt): Tensor[] {
  const a = bindArgs('unsafe_chunk', ['dim'], [dim]);
  if (x._shape.length === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = wrapDim((a.dim as number | undefined) ?? 0, x._shape.length);
  const dimSize = x._shape[d] as number;
  const size = Math.ceil(dimSize / chunks);
  if (size === 0 && dimSize === 0) return unsafeWithSizes(x, new Array<number>(chunks).fill(0), d);
  return splitPieces(x, d, splitSizes(x, size, d), 'UnsafeSplitBackward0', false);
}

// ---- fliplr / flipud ------------------------------------------------------------------------

/** `torch.fliplr(x)`: flip along dim 1 (FlipBackward0). */
export function fliplr(x: Tensor): Tensor {
  if (x._shape.length < 2) throw new RuntimeError('Input must be >= 2-d.');
  return flip(x, [1]);
}
/** `torch.flipud(x)`: flip along dim 0 (FlipBackward0). */
export function flipud(x: Tensor): Tensor {
  if (x._shape.length < 1) throw new RuntimeError('Input must be >= 1-d.');
  return flip(x, [0]);
}
