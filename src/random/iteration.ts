// The order in which PyTorch's serial CPU kernels (cpu_serial_kernel over a nullary
// TensorIterator) visit the elements of an output: dimensions sorted by stride, smallest
// first (TensorIteratorBase::reorder_dimensions in aten/src/ATen/TensorIterator.cpp). For a
// contiguous tensor this is plain row-major order; for a transposed one it is memory order,
// so the i-th random draw lands in the i-th storage slot, not the i-th logical element.
import { RuntimeError } from '../errors.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { iterationPerm } from '../tensor/layout.ts';

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
