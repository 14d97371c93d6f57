// View ops: results share storage and version counter with their input (`_base` set), as in
// PyTorch. Each records its grad_fn with the inverse as backward.
import { Tensor } from '../../tensor/tensor.ts';
import { contiguous_format } from '../../tensor/memory_format.ts';
import { RuntimeError, IndexError, warnOnce } from '../../errors.ts';
import type { dtype } from '../../tensor/dtype.ts';
import { contiguousStrides, inferSize, numelOf, viewStrides, wrapDim, checkSizes } from '../../tensor/shape.ts';
import { needsGrad, noteViewCreated, record } from '../../autograd/record.ts';
import { copyValues } from '../copy.ts';
import { forEachOffset } from '../../backends/strided.ts';

/** A view of `t` with the given geometry: same storage, same version counter. */
export function makeView(t: Tensor, shape: number[], stride: number[], offset: number): Tensor {
  const v = new Tensor(t._data, shape, stride, offset, t.dtype, t._vc);
  v._base = t._base ?? t;
  v._is_inference = t._is_inference;
  noteViewCreated(v);
  return v;
}

function flattenSizeArgs(args: readonly (number | readonly number[] | dtype)[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return (args[0] as number[]).slice();
  return args as number[];
}

export function view(t: Tensor, args: readonly (number | readonly number[] | dtype)[]): Tensor {
  const shape = inferSize(flattenSizeArgs(args), numelOf(t._shape));
  const strides = viewStrides(t._shape, t._stride, shape);
  if (strides === null) {
    throw new RuntimeError(
      'view size is not compatible with input tensor\'s size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.',
    );
  }
  const out = makeView(t, shape, strides, t._offset);
  if (needsGrad(t)) {
    const inShape = t._shape.slice();
    record('ViewBackward0', [t], out, (g) => [reshape(g[0] as Tensor, [inShape])]);
  }
  return out;
}

export function reshape(t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const shape = inferSize(flattenSizeArgs(args), numelOf(t._shape));
  const strides = viewStrides(t._shape, t._stride, shape);
  const inShape = t._shape.slice();
  if (strides !== null) {
    const out = makeView(t, shape, strides, t._offset);
    if (needsGrad(t)) record('ReshapeAliasBackward0', [t], out, (g) => [reshape(g[0] as Tensor, [inShape])]);
    return out;
  }
  // Not viewable: a contiguous clone, then _unsafe_view (CloneBackward0 → UnsafeViewBackward0).
  const c = t.clone({ memory_format: contiguous_format });
  return _unsafe_view(c, shape);
}

/** _unsafe_view: a view whose result is not treated as a view by autograd (no _base). */
export function _unsafe_view(t: Tensor, shape: number[]): Tensor {
  const s = inferSize(shape, numelOf(t._shape));
  const strides = viewStrides(t._shape, t._stride, s);
  let out: Tensor;
  if (strides === null) {
    const c = copyValues(t, t.dtype);
    out = new Tensor(c._data, s, contiguousStrides(s), 0, t.dtype);
  } else {
    out = new Tensor(t._data, s, strides, t._offset, t.dtype, t._vc);
  }
  if (needsGrad(t)) {
    const inShape = t._shape.slice();
    record('UnsafeViewBackward0', [t], out, (g) => [reshape(g[0] as Tensor, [inShape])]);
  }
  return out;
}

/** alias(): a new view of the whole tensor (what `x[...]` returns), AliasBackward0. */
export function alias(x: Tensor): Tensor {
  const out = makeView(x, x._shape.slice(), x._stride.slice(), x._offset);
  if (needsGrad(x)) record('AliasBackward0', [x], out, (g) => [g[0] as Tensor]);
  return out;
}

/** The shape and strides of `t` with dims dim0 and dim1 swapped (transpose and transpose_). */
export function transposedGeometry(t: Tensor, dim0: number, dim1: number): { d0: number; d1: number; shape: number[]; stride: number[] } {
  const n = t._shape.length;
  const d0 = wrapDim(dim0, n);
  const d1 = wrapDim(dim1, n);
  const shape = t._shape.slice();
  const stride = t._stride.slice();
  if (n > 0) {
    shape[d0] = t._shape[d1] as number;
    shape[d1] = t._shape[d0] as number;
    stride[d0] = t._stride[d1] as number;
    stride[d1] = t._stride[d0] as number;
  }
  return { d0, d1, shape, stride };
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  const { d0, d1, shape, stride } = transposedGeometry(t, dim0, dim1);
  const out = makeView(t, shape, stride, t._offset);
  if (needsGrad(t)) record('TransposeBackward0', [t], out, (g) => [transpose(g[0] as Tensor, d0, d1)]);
  return out;
}

export function t(x: Tensor): Tensor {
  const n = x._shape.length;
  if (n > 2) throw new RuntimeError(`t() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  const shape = x._shape.slice().reverse();
  const stride = x._stride.slice().reverse();
  const out = makeView(x, shape, stride, x._offset);
  if (needsGrad(x)) record('TBackward0', [x], out, (g) => [t(g[0] as Tensor)]);
  return out;
}

export function permute(x: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const dims = flattenSizeArgs(args);
  const n = x._shape.length;
  if (dims.length !== n) {
    throw new RuntimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const wrapped = dims.map((d) => wrapDim(d, n));
  const seen = new Set<number>();
  for (const d of wrapped) {
    if (seen.has(d)) throw new RuntimeError('permute(): duplicate dims are not allowed.');
    seen.add(d);
  }
  const out = makeView(
    x,
    wrapped.map((d) => x._shape[d] as number),
    wrapped.map((d) => x._stride[d] as number),
    x._offset,
  );
  if (needsGrad(x)) {
    const inv = new Array<number>(n);
    wrapped.forEach((d, i) => (inv[d] = i));
    record('PermuteBackward0', [x], out, (g) => [permute(g[0] as Tensor, [inv])]);
  }
  return out;
}

/** `.T`: reverses all dims via permute (PyTorch warns unless ndim is 2; 0-dim and 1-dim too). */
export function numpy_T(x: Tensor): Tensor {
  const n = x._shape.length;
  if (n !== 2 && n !== 0) {
    warnOnce(
      'UserWarning',
      'The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.',
    );
  }
  const dims: number[] = [];
  for (let i = n - 1; i >= 0; i--) dims.push(i);
  return permute(x, [dims]);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  const n = x._shape.length;
  if (n === 0) throw new IndexError('select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, n);
  const size = x._shape[d] as number;
  if (index < -size || index >= size) {
    throw new IndexError(`select(): index ${index} out of range for tensor of size [${x._shape.join(', ')}] at dimension ${d}`);
  }
  const i = index < 0 ? index + size : index;
  const shape = x._shape.slice();
  const stride = x._stride.slice();
  shape.splice(d, 1);
  stride.splice(d, 1);
  const out = makeView(x, shape, stride, x._offset + i * (x._stride[d] as number));
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('SelectBackward0', [x], out, (g) => [select_backward(g[0] as Tensor, inShape, d, i)]);
  }
  return out;
}

/** Gradient of select: zeros with g written at the selected index (itself differentiable). */
export function select_backward(g: Tensor, inShape: readonly number[], dim: number, index: number): Tensor {
  const out = Tensor._empty(inShape.slice(), g.dtype);
  const dst = select(out.detach(), dim, index);
  writeInto(dst, g);
  if (needsGrad(g)) record('SelectBackwardBackward0', [g], out, (gg) => [select(gg[0] as Tensor, dim, index)]);
  return out;
}

/** slice(dim, start, end, step) with Python's clamping of start/end. */
export function slice(x: Tensor, dim: number, start: number | null, end: number | null, step = 1): Tensor {
  const n = x._shape.length;
  if (n === 0) throw new IndexError('slice() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, n);
  if (step <= 0) throw new RuntimeError('slice step must be positive');
  const size = x._shape[d] as number;
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  const len = Math.ceil((e - s) / step);
  const shape = x._shape.slice();
  const stride = x._stride.slice();
  shape[d] = len;
  stride[d] = (x._stride[d] as number) * step;
  const out = makeView(x, shape, stride, x._offset + s * (x._stride[d] as number));
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('SliceBackward0', [x], out, (g) => [slice_backward(g[0] as Tensor, inShape, d, s, e, step)]);
  }
  return out;
}

export function slice_backward(g: Tensor, inShape: readonly number[], dim: number, start: number, end: number, step: number): Tensor {
  const out = Tensor._empty(inShape.slice(), g.dtype);
  writeInto(slice(out.detach(), dim, start, end, step), g);
  if (needsGrad(g)) record('SliceBackwardBackward0', [g], out, (gg) => [slice(gg[0] as Tensor, dim, start, end, step)]);
  return out;
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const n = x._shape.length;
  if (n === 0) throw new RuntimeError('narrow() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, n);
  const size = x._shape[d] as number;
  // start == size is valid (an empty narrow at the end) though not a valid dim; anything else
  // is wrapped like a dim, with that error text.
  const s = start === size ? start : wrapDim(start, size);
  if (s + length > size || length < 0) {
    throw new RuntimeError(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(x, d, s, s + length, 1);
}

export function expand(x: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const sizes = flattenSizeArgs(args);
  const n = sizes.length;
  const nd = x._shape.length;
  if (n < nd) {
    throw new RuntimeError(
      `expand(torch.${x.dtype.scalarName}Tensor{[${x._shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${nd})`,
    );
  }
  const shape = new Array<number>(n);
  const stride = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const j = i - (n - nd);
    const want = sizes[i] as number;
    if (j < 0) {
      if (want < 0) throw new RuntimeError(`The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape[i] = want;
      stride[i] = 0;
      continue;
    }
    const have = x._shape[j] as number;
    if (want === -1 || want === have) {
      shape[i] = have;
      stride[i] = x._stride[j] as number;
    } else if (have === 1) {
      shape[i] = want;
      stride[i] = 0;
    } else {
      throw new RuntimeError(
        `The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${x._shape.join(', ')}]`,
      );
    }
  }
  const out = makeView(x, shape, stride, x._offset);
  if (needsGrad(x)) {
    const inShape = x._shape.slice();
    record('ExpandBackward0', [x], out, (g) => [g[0] as Tensor], [], { inShape });
    // The engine reduces the expanded gradient to inShape (sum_to): Note [sum_to in the engine].
  }
  return out;
}

export function squeeze(x: Tensor, dim?: number): Tensor {
  const inShape = x._shape.slice();
  let keep: number[];
  if (dim === undefined) {
    keep = x._shape.map((_, i) => i).filter((i) => x._shape[i] !== 1);
  } else {
    const d = wrapDim(dim, x._shape.length);
    keep = x._shape.map((_, i) => i).filter((i) => i !== d || x._shape[i] !== 1);
  }
  const out = makeView(
    x,
    keep.map((i) => x._shape[i] as number),
    keep.map((i) => x._stride[i] as number),
    x._offset,
  );
  if (needsGrad(x)) {
    record(dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', [x], out, (g) => [reshape(g[0] as Tensor, [inShape])]);
  }
  return out;
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x._shape.length + 1);
  const shape = x._shape.slice();
  const stride = x._stride.slice();
  const newStride = d >= x._shape.length ? 1 : (x._shape[d] as number) * (x._stride[d] as number);
  shape.splice(d, 0, 1);
  stride.splice(d, 0, newStride);
  const out = makeView(x, shape, stride, x._offset);
  if (needsGrad(x)) record('UnsqueezeBackward0', [x], out, (g) => [squeeze(g[0] as Tensor, d)]);
  return out;
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const n = x._shape.length;
  if (n === 0) return reshape(x, [[1]]);
  const s = wrapDim(startDim, n);
  const e = wrapDim(endDim, n);
  if (s > e) throw new RuntimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return x;
  const shape = x._shape.slice(0, s);
  shape.push(numelOf(x._shape.slice(s, e + 1)));
  return reshape(x, [shape.concat(x._shape.slice(e + 1))]);
}

export function as_strided(x: Tensor, size: readonly number[], stride: readonly number[], storageOffset?: number): Tensor {
  const sz = checkSizes(size);
  if (stride.length !== sz.length) {
    throw new RuntimeError(`mismatch in length of strides and shape`);
  }
  const off = storageOffset ?? x._offset;
  const out = makeView(x, sz, stride.slice(), off);
  if (needsGrad(x)) {
    const geom = { shape: x._shape.slice(), stride: x._stride.slice(), offset: x._offset, storage: x._data.length };
    record('AsStridedBackward0', [x], out, (g) => [as_strided_backward(g[0] as Tensor, geom, sz, stride.slice(), off)]);
  }
  return out;
}

interface Geometry {
  shape: number[];
  stride: number[];
  offset: number;
  storage: number;
}

/**
 * Gradient of as_strided: scatter-add g into the storage positions its elements read, then
 * read the input's elements back out of that storage. Not differentiable again (PyTorch's
 * as_strided_backward is; double backward through it is not supported here yet).
 */
export function as_strided_backward(g: Tensor, input: Geometry, size: readonly number[], stride: readonly number[], offset: number): Tensor {
  const storage = new Float64Array(input.storage);
  const gv = copyValues(g, g.dtype)._data;
  forEachOffset(size, stride, offset, (p, k) => {
    storage[p] = (storage[p] as number) + (gv[k] as number);
  });
  const out = Tensor._empty(input.shape.slice(), g.dtype);
  forEachOffset(input.shape, input.stride, input.offset, (p, k) => {
    out._data[k] = storage[p] as number;
  });
  return out;
}

/** Copies src's values (same shape) into dst through dst's strides, without autograd or versions. */
export function writeInto(dst: Tensor, src: Tensor): void {
  const vals = copyValues(src, dst.dtype)._data;
  let k = 0;
  forEachOffset(dst._shape, dst._stride, dst._offset, (p) => {
    dst._data[p] = vals[k++] as number;
  });
}

