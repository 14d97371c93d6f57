// Joining and splitting: cat/concat, stack, hstack, vstack, split, chunk, unbind.
// cat's gradient narrows g back into pieces, stack's unbinds it; split/chunk/unbind return
// views sharing one multi-output grad_fn whose gradient is the cat/stack of the pieces.
import { Tensor } from '../../tensor/tensor.ts';
import { promote_types } from '../../tensor/dtype.ts';
import { IndexError, RuntimeError } from '../../errors.ts';
import { wrapDim } from '../../tensor/shape.ts';
import { needsGrad, anyNeedsGrad, record, noteMultiOutputViews } from '../../autograd/record.ts';
import { makeView, narrow, reshape, select, unsqueeze, writeInto } from './views.ts';
import { _to_dtype } from '../copy.ts';
import { bindArgs } from '../reduce/reduce_more_util.ts';

/** The legacy `torch.tensor([])` (1-D, size 0) that cat skips. */
function skipped(t: Tensor): boolean {
  return t._shape.length === 1 && t._shape[0] === 0;
}

function sizesStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** `torch.cat(tensors, dim=0)`: dtypes promote; legacy empty 1-D tensors are skipped (CatBackward0). */
export function cat(tensors: readonly Tensor[], dim?: number | { dim?: number }): Tensor {
  const a = bindArgs('cat', ['dim'], [dim]);
  const d0 = (a.dim as number | undefined) ?? 0;
  if (tensors.length === 0) throw new RuntimeError('torch.cat(): expected a non-empty list of Tensors');
  let dt = (tensors[0] as Tensor).dtype;
  for (const t of tensors) dt = promote_types(dt, t.dtype);
  tensors.forEach((t, i) => {
    if (t._shape.length === 0) throw new RuntimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  // Every input a legacy empty: the result is one too (still recorded, as PyTorch does).
  const templ = tensors.find((t) => !skipped(t)) ?? (tensors[0] as Tensor);
  const nd = templ._shape.length;
  const d = wrapDim(d0, nd);
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t._shape.length !== nd) throw new RuntimeError(`Tensors must have same number of dimensions: got ${nd} and ${t._shape.length}`);
    for (let k = 0; k < nd; k++) {
      if (k !== d && t._shape[k] !== templ._shape[k]) {
        throw new RuntimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${templ._shape[k]} but got size ${t._shape[k]} for tensor number ${i} in the list.`,
        );
      }
    }
    total += t._shape[d] as number;
  });
  const shape = templ._shape.slice();
  shape[d] = total;
  const out = Tensor._empty(shape, dt);
  const pieces: { start: number; size: number }[] = [];
  let start = 0;
  for (const t of tensors) {
    if (skipped(t)) {
      pieces.push({ start, size: -1 });
      continue;
    }
    const size = t._shape[d] as number;
    pieces.push({ start, size });
    const dstShape = shape.slice();
    dstShape[d] = size;
    writeInto(new Tensor(out._data, dstShape, out._stride.slice(), start * (out._stride[d] as number), dt), t);
    start += size;
  }
  if (anyNeedsGrad(tensors)) {
    const dtypes = tensors.map((t) => t.dtype);
    record('CatBackward0', tensors, out, (g, _s, node) =>
      pieces.map((p, i) => {
        if (!node.needs[i]) return null;
        const gi = dtypes[i] as Tensor['dtype'];
        if (p.size < 0) return Tensor._empty([0], gi);
        const piece = narrow(g[0] as Tensor, d, p.start, p.size);
        return piece.dtype === gi ? piece : _to_dtype(piece, gi, false);
      }),
    );
  }
  return out;
}
export { cat as concat };

/** `torch.stack(tensors, dim=0)`: equal shapes joined along a new dim (StackBackward0). */
export function stack(tensors: readonly Tensor[], dim?: number | { dim?: number }): Tensor {
  const a = bindArgs('stack', ['dim'], [dim]);
  if (tensors.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
  const first = tensors[0] as Tensor;
  const d = wrapDim((a.dim as number | undefined) ?? 0, first._shape.length + 1);
  tensors.forEach((t, i) => {
    if (i === 0) return;
    const same = t._shape.length === first._shape.length && t._shape.every((s, k) => s === first._shape[k]);
    if (!same) {
      throw new RuntimeError(
        `stack expects each tensor to be equal size, but got ${sizesStr(first._shape)} at entry 0 and ${sizesStr(t._shape)} at entry ${i}`,
      );
    }
  });
  let dt = first.dtype;
  for (const t of tensors) dt = promote_types(dt, t.dtype);
  const shape = first._shape.slice();
  shape.splice(d, 0, tensors.length);
  const out = Tensor._empty(shape, dt);
  tensors.forEach((t, i) => writeInto(select(out.detach(), d, i), t));
  if (anyNeedsGrad(tensors)) {
    const dtypes = tensors.map((t) => t.dtype);
    record('StackBackward0', tensors, out, (g, _s, node) => {
      const parts = unbind(g[0] as Tensor, d);
      return parts.map((p, i) => {
        if (!node.needs[i]) return null;
        const gi = dtypes[i] as Tensor['dtype'];
        return p.dtype === gi ? p : _to_dtype(p, gi, false);
      });
    });
  }
  return out;
}

function atleast1d(t: Tensor): Tensor {
  return t._shape.length === 0 ? reshape(t, [[1]]) : t;
}
function atleast2d(t: Tensor): Tensor {
  if (t._shape.length === 0) return reshape(t, [[1, 1]]);
  if (t._shape.length === 1) return unsqueeze(t, 0);
  return t;
}

/** `torch.hstack(tensors)`: cat along dim 0 for 1-D inputs, else dim 1. */
export function hstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('hstack expects a non-empty TensorList');
  const rep = tensors.map(atleast1d);
  return cat(rep, (rep[0] as Tensor)._shape.length === 1 ? 0 : 1);
}

/** `torch.vstack(tensors)`: inputs made at least 2-D, then cat along dim 0. */
export function vstack(tensors: readonly Tensor[]): Tensor {
  if (tensors.length === 0) throw new RuntimeError('vstack expects a non-empty TensorList');
  return cat(tensors.map(atleast2d), 0);
}

// ---- split / chunk / unbind -----------------------------------------------------------------

/**
 * The pieces of x along dim with the given sizes, sharing one grad_fn named `name`: views
 * (split) or, with `views` false, tensors that share x's storage but that autograd does not
 * treat as views (no _base, their own version counters: unsafe_split in shape_extra.ts).
 */
export function splitPieces(x: Tensor, d: number, sizes: readonly number[], name: string, views = true): Tensor[] {
  const outs: Tensor[] = [];
  let start = 0;
  for (const size of sizes) {
    const shape = x._shape.slice();
    shape[d] = size;
    const offset = x._offset + start * (x._stride[d] as number);
    outs.push(views ? makeView(x, shape, x._stride.slice(), offset) : new Tensor(x._data, shape, x._stride.slice(), offset, x.dtype));
    start += size;
  }
  if (needsGrad(x)) {
    record(name, [x], outs, (g) => {
      // split_backward: missing gradients are zeros of the piece's shape.
      const parts = sizes.map((size, i) => {
        const gi = g[i];
        if (gi != null) return gi;
        const shape = x._shape.slice();
        shape[d] = size;
        const dt = g.find((t) => t != null)?.dtype ?? x.dtype;
        return Tensor._empty(shape, dt);
      });
      return [cat(parts, d)];
    });
    if (views) noteMultiOutputViews(outs);
  }
  return outs;
}

/** The piece sizes of a split by `size` along dim d (the last piece takes the remainder). */
export function splitSizes(x: Tensor, size: number, d: number): number[] {
  if (x._shape.length === 0) throw new RuntimeError('split expects at least a 1-dimensional tensor');
  if (size < 0) throw new RuntimeError(`split expects split_size be non-negative, but got split_size=${size}`);
  const dimSize = x._shape[d] as number;
  if (size === 0 && dimSize !== 0) {
    throw new RuntimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${dimSize}`);
  }
  const n = size === 0 ? 1 : Math.max(Math.ceil(dimSize / size), 1);
  const sizes = new Array<number>(n).fill(size);
  sizes[n - 1] = size - (size * n - dimSize);
  return sizes;
}

/** split_with_sizes's check that the sizes cover dim d exactly. */
export function checkSplitSum(x: Tensor, sizes: readonly number[], d: number): void {
  const dimSize = x._shape[d] as number;
  const total = sizes.reduce((p, s) => p + s, 0);
  if (total !== dimSize) {
    throw new RuntimeError(
      `split_with_sizes expects split_sizes to sum exactly to ${dimSize} (input tensor's size at dimension ${d}), but got split_sizes=[${sizes.join(', ')}]`,
    );
  }
}

function splitBySize(x: Tensor, size: number, d: number): Tensor[] {
  return splitPieces(x, d, splitSizes(x, size, d), 'SplitBackward0');
}

function splitWithSizes(x: Tensor, sizes: readonly number[], d: number): Tensor[] {
  checkSplitSum(x, sizes, d);
  return splitPieces(x, d, sizes, 'SplitWithSizesBackward0');
}

/** `torch.split(x, split_size_or_sections, dim=0)`: views (SplitBackward0 / SplitWithSizesBackward0). */
export function split(
  x: Tensor,
  split_size_or_sections: number | readonly number[],
  dim?: number | { dim?: number },
): Tensor[] {
  const a = bindArgs('split', ['dim'], [dim]);
  const d = wrapDim((a.dim as number | undefined) ?? 0, x._shape.length);
  if (typeof split_size_or_sections === 'number') return splitBySize(x, split_size_or_sections, d);
  return splitWithSizes(x, split_size_or_sections, d);
}

/** `torch.chunk(x, chunks, dim=0)`: split into pieces of ceil(size / chunks) (possibly fewer pieces). */
export function chunk(x: Tensor, chunks: number, dim?: number | { dim?: number }): Tensor[] {
  const a = bindArgs('chunk', ['dim'], [dim]);
  if (x._shape.length === 0) throw new RuntimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new RuntimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = wrapDim((a.dim as number | undefined) ?? 0, x._shape.length);
  const dimSize = x._shape[d] as number;
  const size = Math.ceil(dimSize / chunks);
  if (size === 0 && dimSize === 0) {
    const sizes = new Array<number>(chunks).fill(0);
    return splitWithSizes(x, sizes, d);
  }
  return splitBySize(x, size, d);
}

/** `torch.unbind(x, dim=0)`: the slices along dim, as views (UnbindBackward0). */
export function unbind(x: Tensor, dim?: number | { dim?: number }): Tensor[] {
  const a = bindArgs('unbind', ['dim'], [dim]);
  const nd = x._shape.length;
  const dim0 = (a.dim as number | undefined) ?? 0;
  if (nd === 0) throw new IndexError(`Dimension specified as ${dim0} but tensor has no dimensions`);
  const d = wrapDim(dim0, nd);
  const n = x._shape[d] as number;
  const shape = x._shape.slice();
  const stride = x._stride.slice();
  shape.splice(d, 1);
  stride.splice(d, 1);
  const outs: Tensor[] = [];
  for (let i = 0; i < n; i++) outs.push(makeView(x, shape.slice(), stride.slice(), x._offset + i * (x._stride[d] as number)));
  if (needsGrad(x)) {
    record('UnbindBackward0', [x], outs, (g) => {
      const dt = g.find((t) => t != null)?.dtype ?? x.dtype;
      return [stack(Array.from({ length: n }, (_, i) => g[i] ?? Tensor._empty(shape.slice(), dt)), d)];
    });
    noteMultiOutputViews(outs);
  }
  return outs;
}
