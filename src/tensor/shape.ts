// Shapes, strides and dims: torch.Size, dim wrapping and broadcasting, with PyTorch's errors.
import { IndexError, RuntimeError, TorchTypeError } from '../errors.ts';

/** torch.Size: an array of numbers that prints `torch.Size([2, 3])`. */
export class Size extends Array<number> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static of_(dims: readonly number[]): Size {
    const s = new Size();
    for (const d of dims) s.push(d);
    return s;
  }
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
  override toString(): string {
    return `torch.Size([${this.join(', ')}])`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i] as number;
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i] as number, 1);
  }
  return strides;
}

export function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number;
    if (d === 0) return true;
    if (d === 1) continue;
    if (stride[i] !== expected) return false;
    expected *= d;
  }
  return true;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** maybe_wrap_dim: negative dims count from the end; a 0-dim tensor acts as 1-dim here. */
export function wrapDim(dim: number, ndim: number, wrapScalar = true): number {
  let n = ndim;
  if (n <= 0) {
    if (!wrapScalar) {
      throw new IndexError(`dimension specified as ${dim} but tensor has no dimensions`);
    }
    n = 1;
  }
  const min = -n;
  const max = n - 1;
  if (!Number.isInteger(dim)) throw new TorchTypeError(`dim must be an integer, but got ${dim}`);
  if (dim < min || dim > max) {
    throw new IndexError(`Dimension out of range (expected to be in range of [${min}, ${max}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  if (sameShape(a, b)) return a.slice();
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const ai = a.length - n + i;
    const bi = b.length - n + i;
    const da = ai >= 0 ? (a[ai] as number) : 1;
    const db = bi >= 0 ? (b[bi] as number) : 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new RuntimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`stride` as if broadcast to `target` (0 for broadcast dims). */
export function broadcastStrides(shape: readonly number[], stride: readonly number[], target: readonly number[]): number[] {
  const n = target.length;
  const out = new Array<number>(n);
  const off = n - shape.length;
  for (let i = 0; i < n; i++) {
    const j = i - off;
    out[i] = j < 0 || shape[j] === 1 ? 0 : (stride[j] as number);
  }
  return out;
}

/** Checks a list of sizes as a factory or view gets them (negative or non-integer sizes fail). */
export function checkSizes(sizes: readonly number[]): number[] {
  for (const s of sizes) {
    if (typeof s !== 'number' || !Number.isFinite(s) || !Number.isInteger(s)) {
      throw new TorchTypeError(`expected a sequence of integers as size, but got ${String(s)}`);
    }
    if (s < 0) {
      throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${sizes.join(', ')}]`);
    }
  }
  return sizes.slice();
}

/** infer_size for view/reshape: one -1 is inferred; a mismatch gets PyTorch's error. */
export function inferSize(shape: readonly number[], numel: number): number[] {
  let inferIdx = -1;
  let prod = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i] as number;
    if (s === -1) {
      if (inferIdx >= 0) throw new RuntimeError('only one dimension can be inferred');
      inferIdx = i;
    } else if (s >= 0 && Number.isInteger(s)) {
      prod *= s;
    } else {
      throw new RuntimeError(`invalid shape dimension ${s}`);
    }
  }
  const out = shape.slice();
  if (numel === prod || (inferIdx >= 0 && prod > 0 && numel % prod === 0)) {
    if (inferIdx >= 0) {
      if (prod === 0) {
        throw new RuntimeError(`cannot reshape tensor of 0 elements into shape [${shape.join(', ')}] because the unspecified dimension size -1 can be any value and is ambiguous`);
      }
      out[inferIdx] = numel / prod;
    }
    return out;
  }
  throw new RuntimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
}

/**
 * computeStride from ATen's TensorUtils: the strides of a view of (oldShape, oldStride) as
 * newShape, or null when no view is possible without a copy.
 */
export function viewStrides(oldShape: readonly number[], oldStride: readonly number[], newShape: readonly number[]): number[] | null {
  const newStride = new Array<number>(newShape.length).fill(0);
  if (oldShape.length === 0) return newStride.fill(1);
  const numel = numelOf(oldShape);
  if (numel === 0 && sameShape(oldShape, newShape)) return oldStride.slice();
  if (numel === 0) return contiguousStrides(newShape);
  let viewD = newShape.length - 1;
  let chunkBase = oldStride[oldStride.length - 1] as number;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d] as number;
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStride[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStride[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD] as number;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStride[d - 1] as number;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStride;
}

/** Sizes given as `f(2, 3)` or `f([2, 3])` (porting rule 2). */
export function sizesFromArgs(args: readonly unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return checkSizes(args[0] as number[]);
  for (const a of args) {
    if (typeof a !== 'number') {
      throw new TorchTypeError(`expected a sequence of integers as size, but got ${typeof a}`);
    }
  }
  return checkSizes(args as number[]);
}
