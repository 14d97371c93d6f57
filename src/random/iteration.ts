// The order in which PyTorch's serial CPU kernels (cpu_serial_kernel over a nullary
// TensorIterator) visit the elements of an output: dimensions sorted by stride, smallest
// first (TensorIteratorBase::reorder_dimensions in aten/src/ATen/TensorIterator.cpp). For a
// contiguous tensor this is plain row-major order; for a transposed one it is memory order,
// so the i-th random draw lands in the i-th storage slot, not the i-th logical element.
import { RuntimeError } from '../errors.ts';
import type { Tensor } from '../tensor/tensor.ts';

/** has_internal_overlap == YES: a broadcast (stride 0) dim of size > 1 cannot be written. */
export function assertNoInternalOverlap(t: Tensor): void {
  for (let i = 0; i < t._shape.length; i++) {
    if (t._stride[i] === 0 && (t._shape[i] as number) > 1) {
      throw new RuntimeError(
        'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.',
      );
    }
  }
}

/** reorder_dimensions for one operand: perm[0] is the fastest-moving dim. */
export function iterationPerm(shape: readonly number[], stride: readonly number[]): number[] {
  const nd = shape.length;
  const perm = new Array<number>(nd);
  for (let i = 0; i < nd; i++) perm[i] = nd - 1 - i;
  // 1: dim0 goes after dim1; -1: before; 0: ambiguous (a broadcast dim, or a tie kept).
  const shouldSwap = (d0: number, d1: number): number => {
    const s0 = stride[d0] as number;
    const s1 = stride[d1] as number;
    if (s0 === 0 || s1 === 0) return 0;
    if (s0 < s1) return -1;
    if (s0 > s1) return 1;
    return (shape[d0] as number) > (shape[d1] as number) ? 1 : 0;
  };
  // the insertion sort with ambiguous comparisons, as in TensorIterator.cpp
  for (let i = 1; i < nd; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const c = shouldSwap(perm[dim0] as number, perm[dim1] as number);
      if (c > 0) {
        const tmp = perm[dim0] as number;
        perm[dim0] = perm[dim1] as number;
        perm[dim1] = tmp;
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
  return perm;
}

/**
 * Storage offsets of `t`'s elements in the order a serial kernel writes them, or null when
 * that order is simply offset, offset+1, … (a contiguous tensor).
 */
export function serialOffsets(t: Tensor): Float64Array | null {
  if (t.is_contiguous()) return null;
  const shape = t._shape;
  const stride = t._stride;
  const perm = iterationPerm(shape, stride);
  const n = t.numel();
  const out = new Float64Array(n);
  const nd = perm.length;
  const idx = new Array<number>(nd).fill(0);
  let off = t._offset;
  for (let k = 0; k < n; k++) {
    out[k] = off;
    // odometer step, perm[0] fastest
    for (let j = 0; j < nd; j++) {
      const d = perm[j] as number;
      const i = (idx[j] as number) + 1;
      if (i < (shape[d] as number)) {
        idx[j] = i;
        off += stride[d] as number;
        break;
      }
      idx[j] = 0;
      off -= (i - 1) * (stride[d] as number);
    }
  }
  return out;
}
