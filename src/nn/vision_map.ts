// The differentiable primitive under convolution, pooling, padding and resampling: a sparse
// linear map applied to the trailing block of a tensor, plane by plane (see src/backends/conv.ts).
// `mapGather` applies the map and `mapScatter` its transpose; each is the other's gradient, and
// both record ordinary graph nodes, so gradients of any order come for free. The grad_fn names
// are the ones PyTorch gives the op the map stands for (Im2ColBackward0, AvgPool2DBackward0…).
import { Tensor } from '../tensor/tensor.ts';
import { numelOf } from '../tensor/shape.ts';
import { RuntimeError } from '../errors.ts';
import { anyNeedsGrad, needsGrad, record } from '../autograd/record.ts';
import { copyValues } from '../ops/copy.ts';
import { mapGather as gatherKernel, mapScatter as scatterKernel, type BlockMap } from '../backends/conv.ts';

export type { BlockMap } from '../backends/conv.ts';

/** A block map plus the shapes of its blocks and the names of its two directions. */
export interface PlaneMap extends BlockMap {
  readonly inTail: readonly number[];
  readonly outTail: readonly number[];
  /** grad_fn of the gather (the op's own name, e.g. 'MaxPool2DWithIndicesBackward0') */
  readonly gatherName: string;
  /** grad_fn of the scatter (the op's backward, e.g. 'Col2ImBackward0' for fold) */
  readonly scatterName: string;
  /**
   * Whether the gather's gradient is also a function of the gather's input, with derivative
   * zero (ATen's max_pool2d_with_indices_backward(grad, self, …) and the like take `self`): the
   * gradient then requires grad under create_graph and second-order gradients are zeros, not
   * None, as in PyTorch.
   */
  readonly linkSelf?: boolean;
}

function dense(x: Tensor): Tensor {
  return x.is_contiguous() ? x : copyValues(x, x.dtype);
}

function leadOf(x: Tensor, tail: readonly number[]): number[] {
  return x._shape.slice(0, x._shape.length - tail.length);
}

/** out[..., j] = Σ_k w[j,k] · x[..., idx[j,k]] over x's trailing block (shape m.inTail). */
export function mapGather(x: Tensor, m: PlaneMap): Tensor {
  const lead = leadOf(x, m.inTail);
  const planes = numelOf(lead);
  const out = Tensor._empty(lead.concat(m.outTail), x.dtype);
  const src = dense(x);
  if (numelOf(out._shape) > 0) gatherKernel(src._data, src._offset, planes, m, out._data);
  if (needsGrad(x)) {
    record(m.gatherName, [x], out, (g, s) => [mapScatter(g[0] as Tensor, m, m.linkSelf === true ? s.get(0) : null)], [m.linkSelf === true ? x : null]);
  }
  return out;
}

/** The transpose: res[..., idx[j,k]] += w[j,k] · g[..., j]; the result has the trailing block m.inTail. */
export function mapScatter(g: Tensor, m: PlaneMap, self: Tensor | null = null): Tensor {
  const lead = leadOf(g, m.outTail);
  const planes = numelOf(lead);
  const shape = lead.concat(m.inTail);
  const res = new Float64Array(numelOf(shape));
  const src = dense(g);
  if (res.length > 0) scatterKernel(src._data, src._offset, planes, m, res);
  const out = Tensor._empty(shape, g.dtype);
  out._data.set(res as never);
  if (needsGrad(g, self)) {
    record(m.scatterName, self === null ? [g] : [g, self], out, (gg, _s, node) => [
      node.needs[0] ? mapGather(gg[0] as Tensor, m.fill === 0 && m.linkSelf !== true ? m : { ...m, fill: 0, linkSelf: false }) : null,
      node.needs[1] && self !== null ? self.new_zeros(self._shape.slice()) : null,
    ]);
  }
  return out;
}

/** ATen's CPU kernels for these ops exist only for floating dtypes: the error names the kernel. */
export function requireFloating(x: Tensor, kernel: string): void {
  if (!x.dtype.is_floating_point) throw new RuntimeError(`"${kernel}" not implemented for '${x.dtype.scalarName}'`);
}

/** A fresh (non-view) tensor with t's values: op results are never views unless PyTorch's are. */
export function owned(t: Tensor): Tensor {
  if (!t._is_view()) return t;
  return new Tensor(t._data, t._shape.slice(), t._stride.slice(), t._offset, t.dtype);
}

/**
 * `t`, made a function of `deps` with derivative zero. ATen's multi-output backward ops
 * (convolution_backward, native_layer_norm_backward…) give every output requires_grad under
 * create_graph, even one (the bias gradient) that does not depend on every input; this keeps
 * that, so second-order gradients are zeros where PyTorch's are.
 */
export function linked(t: Tensor, deps: readonly (Tensor | null)[], zeros = true): Tensor {
  if (!anyNeedsGrad(deps)) return t;
  const out = new Tensor(t._data, t._shape.slice(), t._stride.slice(), t._offset, t.dtype);
  // zeros=false: the derivative is undefined rather than zero (the gradient comes back None)
  record('LinkedBackward0', [t, ...deps], out, (g, _s, node) => [
    node.needs[0] ? (g[0] as Tensor) : null,
    ...deps.map((d, i) => (zeros && node.needs[i + 1] && d !== null ? d.new_zeros(d._shape.slice()) : null)),
  ]);
  return out;
}

/** Geometry of sliding blocks over 1 or 2 spatial dims (a 1-D one is 2-D with height 1). */
export interface Blocks {
  /** channels */
  readonly C: number;
  /** spatial size of the input block, the kernel, and the grid of block positions ([h, w]) */
  readonly size: readonly [number, number];
  readonly kernel: readonly [number, number];
  readonly grid: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
}

/**
 * im2col as a map: the block [C, ...size] to the columns [C·kh·kw, gh·gw], row (c, ki, kj),
 * column (gy, gx) reading input (gy·sh − ph + ki·dh, gx·sw − pw + kj·dw), or nothing (zero
 * padding) outside the input.
 */
// Building an im2col table costs about as much as the gather it drives, and a model calls the
// same convolution again and again: the tables (never modified after they are built) are kept
// for reuse, the oldest dropped first once they hold IM2COL_CACHE_MAX entries in all.
const IM2COL_CACHE_MAX = 1 << 22;
const im2colCache = new Map<string, PlaneMap>();
let im2colCached = 0;

export function im2colMap(b: Blocks, inTail: readonly number[], gatherName: string, scatterName: string): PlaneMap {
  const key = [b.C, b.size, b.kernel, b.grid, b.stride, b.padding, b.dilation, inTail, gatherName, scatterName].join('|');
  const hit = im2colCache.get(key);
  if (hit !== undefined) return hit;
  const map = buildIm2colMap(b, inTail, gatherName, scatterName);
  if (map.idx.length <= IM2COL_CACHE_MAX) {
    for (const [k, m] of im2colCache) {
      if (im2colCached + map.idx.length <= IM2COL_CACHE_MAX) break;
      im2colCache.delete(k);
      im2colCached -= m.idx.length;
    }
    im2colCache.set(key, map);
    im2colCached += map.idx.length;
  }
  return map;
}

function buildIm2colMap(b: Blocks, inTail: readonly number[], gatherName: string, scatterName: string): PlaneMap {
  const [H, W] = b.size;
  const [kh, kw] = b.kernel;
  const [gh, gw] = b.grid;
  const L = gh * gw;
  const rows = b.C * kh * kw;
  const idx = new Int32Array(rows * L);
  for (let c = 0; c < b.C; c++) {
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++) {
        const r = (c * kh + ki) * kw + kj;
        for (let gy = 0; gy < gh; gy++) {
          const iy = gy * b.stride[0] - b.padding[0] + ki * b.dilation[0];
          for (let gx = 0; gx < gw; gx++) {
            const ix = gx * b.stride[1] - b.padding[1] + kj * b.dilation[1];
            idx[r * L + gy * gw + gx] = iy >= 0 && iy < H && ix >= 0 && ix < W ? (c * H + iy) * W + ix : -1;
          }
        }
      }
    }
  }
  return { inSize: b.C * H * W, outSize: rows * L, K: 1, idx, w: null, perPlane: false, fill: 0, inTail, outTail: [rows, L], gatherName, scatterName };
}
