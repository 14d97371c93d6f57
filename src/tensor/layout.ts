// Memory layouts as TensorIterator sees them (aten/src/ATen/TensorIterator.cpp): the order in
// which a kernel walks a strided tensor's dims, which decides the order serial kernels (the
// samplers) fill elements in, the strides of `*_like` outputs, and the layout of elementwise
// results (Note [output layout] in src/ops/elementwise.ts).

/** reorder_dimensions for one operand: perm[0] is the fastest-moving dim. */
export function iterationPerm(shape: readonly number[], stride: readonly number[]): number[] {
  return iterationPermOf(shape, [stride]);
}

/**
 * reorder_dimensions over several operands (their strides broadcast to `shape`, in operand
 * order): perm[0] is the fastest-moving dim. The first operand whose strides tell two dims
 * apart decides; broadcast (stride-0) dims are skipped; equal strides put the smaller dim first.
 */
export function iterationPermOf(shape: readonly number[], strides: readonly (readonly number[])[]): number[] {
  const nd = shape.length;
  const perm = new Array<number>(nd);
  for (let i = 0; i < nd; i++) perm[i] = nd - 1 - i;
  // 1: dim0 goes after dim1; -1: before; 0: ambiguous (every operand broadcast, or a tie kept).
  const shouldSwap = (d0: number, d1: number): number => {
    for (const stride of strides) {
      const s0 = stride[d0] as number;
      const s1 = stride[d1] as number;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 < s1) return -1;
      if (s0 > s1) return 1;
      if ((shape[d0] as number) > (shape[d1] as number)) return 1;
    }
    return 0;
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

/** Strides of a dense tensor whose dims, fastest first, are `perm` (invert_perm of TensorIterator). */
export function denseStridesFor(shape: readonly number[], perm: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let cur = 1;
  for (const d of perm) {
    out[d] = cur;
    cur *= shape[d] as number;
  }
  return out;
}
