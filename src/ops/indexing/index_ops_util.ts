// Shared machinery of the indexing ops (index_ops*.ts): reading index tensors, the storage
// offsets of slices along a dim, and running an op out of place or in place.
//
// Note [index ops write late]: every op computes its result on a dense copy of self and only
// then writes it back, so that an out-of-range index found halfway through leaves an in-place
// op's self untouched (PyTorch checks all indices before it writes anything, too).
import { Tensor } from '../../tensor/tensor.ts';
import { bool, float32, int16, int32, int64, int8, uint8, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { numelOf } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import type { BackwardFn } from '../../autograd/node.ts';
import { copyValues } from '../copy.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { writeBack } from '../elementwise.ts';

export { bindArgs } from '../reduce/reduce_more_util.ts';

/** A tensor's values in row-major order, as doubles (exact for every stored dtype). */
export function valuesOf(t: Tensor): Float64Array {
  const offs = elementOffsets(t._shape, t._stride, t._offset);
  const out = new Float64Array(offs.length);
  const d = t._data;
  for (let i = 0; i < offs.length; i++) out[i] = d[offs[i] as number] as number;
  return out;
}

/** Storage offsets in row-major order, with `t` read as if it had `shape` (broadcast). */
export function offsetsAs(t: Tensor, shape: readonly number[], stride: readonly number[] = t._stride): Int32Array | Float64Array {
  return elementOffsets(shape, stride, t._offset);
}

/**
 * One dim of a tensor split off: `base` holds the storage offsets of slice 0 (row-major over
 * the other dims) and slice i starts `i * step` further on. A 0-dim tensor acts as shape [1].
 */
export interface Slices {
  base: Int32Array | Float64Array;
  step: number;
  size: number;
  /** the shape of one slice (the other dims) */
  sliceShape: number[];
}

export function slicesOf(t: Tensor, dim: number): Slices {
  if (t._shape.length === 0) return { base: new Int32Array([t._offset]), step: 0, size: 1, sliceShape: [] };
  const shape = t._shape.slice();
  const size = shape[dim] as number;
  shape[dim] = 1;
  const sliceShape = t._shape.filter((_, d) => d !== dim);
  return { base: elementOffsets(shape, t._stride, t._offset), step: t._stride[dim] as number, size, sliceShape };
}

/** The message of PyTorch's int64 index check for scatter/gather-like ops. */
export function checkLongIndex(index: Tensor, what: string): void {
  if (index.dtype !== int64) throw new RuntimeError(`${what}(): Expected dtype int64 for index`);
}

/** A dense copy of self that the op writes into (Note [index ops write late]). */
export function denseCopy(self: Tensor, dt: dtype = self.dtype): Tensor {
  return copyValues(self, dt);
}

export interface IndexOpGrad {
  name: string;
  /** differentiable tensor inputs, in PyTorch's argument order (null: not a tensor) */
  inputs: (Tensor | null)[];
  backward: BackwardFn;
  save?: (Tensor | null)[];
}

/** Out of place: `compute` fills a dense copy of self, which is the result. */
export function outOfPlace(self: Tensor, compute: (dst: Tensor) => void, grad: () => IndexOpGrad): Tensor {
  const out = denseCopy(self);
  compute(out);
  const g = grad();
  if (needsGrad(self) || g.inputs.some((t) => t !== null && t !== self && needsGrad(t))) {
    record(g.name, g.inputs, out, g.backward, g.save ?? []);
  }
  return out;
}

/** In place: the leaf checks, then the new values, then the write (Note [index ops write late]). */
export function inPlace(self: Tensor, compute: (dst: Tensor) => void, grad: () => IndexOpGrad): void {
  checkInplace(self);
  const out = denseCopy(self);
  compute(out);
  if (numelOf(self._shape) > 0) writeBack(self, out._data);
  self._bumpVersion();
  const g = grad();
  if (needsGrad(self) || g.inputs.some((t) => t !== null && t !== self && needsGrad(t))) {
    rebaseHistory(self, g.name, g.inputs, g.backward, g.save ?? []);
  }
}

/**
 * How the result of an accumulation (a sum or product computed in doubles) is stored in `dt`:
 * float32 rounds once per step, and integers wrap around in two's complement, as C++'s
 * integer arithmetic in the tensor's own type does (castScalar's saturating rules are for
 * converting a value, not for overflowing arithmetic); bool is a logical or / and.
 */
export function accumulateStore(dt: dtype): (v: number) => number {
  switch (dt) {
    case float32:
      return Math.fround;
    case bool:
      return (v) => (v !== 0 ? 1 : 0);
    case int32:
      return (v) => v | 0;
    case int16:
      return (v) => (v << 16) >> 16;
    case int8:
      return (v) => (v << 24) >> 24;
    case uint8:
      return (v) => v & 255;
    case int64:
      return (v) => v + 0; // no −0 in an integer tensor (int64 is a Float64Array)
    default:
      return (v) => v;
  }
}

/** `size` in PyTorch's IntArrayRef printing: `[4, 2]`. */
export function fmtSize(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
