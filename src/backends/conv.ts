// Kernels behind convolution, pooling, padding and resampling. Every one of those ops is, per
// plane, a sparse linear map from an input block to an output block (im2col, a pooling window,
// a padding/reflection index, a bilinear stencil), so two kernels cover them: a gather that
// applies the map and a scatter that applies its transpose (the gradient). Maps are index
// tables (`idx`, K taps per output, -1 = no input) with optional weights. Kernels only compute:
// shapes, dtypes and gradients are decided by src/nn/vision_map.ts.
import type { TypedArray } from '../tensor/dtype.ts';
import { nativeMapGather } from './native/dispatch.ts';
import { nativeMapScatter } from './native/dispatch_more.ts';

/** A sparse linear map from an input block of `inSize` values to an output block of `outSize`. */
export interface BlockMap {
  readonly inSize: number;
  readonly outSize: number;
  /** taps per output value */
  readonly K: number;
  /** outSize·K input indices (or planes·outSize·K when `perPlane`); -1 means no input */
  readonly idx: Int32Array;
  /** a weight per tap; null means every weight is 1 */
  readonly w: Float64Array | null;
  /** whether each plane has its own index table (max pooling's argmax) */
  readonly perPlane: boolean;
  /** the value of an output that has no input at all (constant padding) */
  readonly fill: number;
}

/** out[p, j] = Σ_k w[j, k] · x[p, idx[j, k]], accumulated in double, over `planes` planes. */
export function mapGather(x: TypedArray, xOff: number, planes: number, m: BlockMap, out: TypedArray): void {
  const { inSize, outSize, K, idx, w, perPlane, fill } = m;
  if (nativeMapGather(x, xOff, planes, inSize, outSize, K, idx, w, perPlane, fill, out)) return;
  for (let p = 0; p < planes; p++) {
    const xb = xOff + p * inSize;
    const ob = p * outSize;
    const ib = perPlane ? p * outSize * K : 0;
    for (let j = 0; j < outSize; j++) {
      let acc = 0;
      let any = false;
      const t0 = ib + j * K;
      for (let k = 0; k < K; k++) {
        const i = idx[t0 + k] as number;
        if (i < 0) continue;
        any = true;
        acc += w === null ? (x[xb + i] as number) : (w[t0 - ib + k] as number) * (x[xb + i] as number);
      }
      out[ob + j] = any ? acc : fill;
    }
  }
}

/** The transpose of mapGather: res[p, idx[j, k]] += w[j, k] · g[p, j] (res is zeroed double). */
export function mapScatter(g: TypedArray, gOff: number, planes: number, m: BlockMap, res: Float64Array): void {
  const { inSize, outSize, K, idx, w, perPlane } = m;
  if (nativeMapScatter(g, gOff, planes, inSize, outSize, K, idx, w, perPlane, res)) return;
  for (let p = 0; p < planes; p++) {
    const gb = gOff + p * outSize;
    const rb = p * inSize;
    const ib = perPlane ? p * outSize * K : 0;
    for (let j = 0; j < outSize; j++) {
      const gv = g[gb + j] as number;
      const t0 = ib + j * K;
      for (let k = 0; k < K; k++) {
        const i = idx[t0 + k] as number;
        if (i < 0) continue;
        res[rb + i] = (res[rb + i] as number) + (w === null ? gv : (w[t0 - ib + k] as number) * gv);
      }
    }
  }
}

/**
 * Max pooling's argmax: for each plane and output, the tap holding the largest value. As ATen's
 * CPU kernels: the first valid tap until a larger value (or a NaN, which then wins) is seen.
 */
export function mapArgmax(x: TypedArray, xOff: number, planes: number, m: BlockMap): Int32Array {
  const { inSize, outSize, K, idx } = m;
  const res = new Int32Array(planes * outSize);
  for (let p = 0; p < planes; p++) {
    const xb = xOff + p * inSize;
    for (let j = 0; j < outSize; j++) {
      let best = -1;
      let maxval = -Infinity;
      for (let k = 0; k < K; k++) {
        const i = idx[j * K + k] as number;
        if (i < 0) continue;
        if (best < 0) best = i;
        const v = x[xb + i] as number;
        if (v > maxval || Number.isNaN(v)) {
          maxval = v;
          best = i;
        }
      }
      res[p * outSize + j] = best;
    }
  }
  return res;
}
