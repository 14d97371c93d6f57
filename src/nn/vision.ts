// F.unfold (im2col), F.fold (col2im) and F.interpolate (nearest, linear, bilinear, area), all as index
// maps over the trailing spatial block (src/nn/vision_map.ts).
import type { Tensor } from '../tensor/tensor.ts';
import { float32 } from '../tensor/dtype.ts';
import { NotImplementedError, RuntimeError, ValueError } from '../errors.ts';
import { bindArgs } from '../ops/reduce/reduce_more_util.ts';
import { im2colMap, mapGather, mapScatter, requireFloating, type PlaneMap } from './vision_map.ts';
import { adaptive_avg_pool2d } from './pool.ts';

type IntOrList = number | readonly number[];
type Pair = [number, number];

function pair(v: IntOrList): Pair {
  if (typeof v === 'number') return [v, v];
  return [v[0] as number, (v.length === 1 ? v[0] : v[1]) as number];
}

export interface FoldOpts {
  dilation?: IntOrList;
  padding?: IntOrList;
  stride?: IntOrList;
}

/** The checks im2col and col2im share (im2col_shape_check / col2im_shape_check). */
function checkBlockArgs(k: Pair, d: Pair, p: Pair, s: Pair): void {
  if (!(k[0] > 0 && k[1] > 0)) throw new RuntimeError(`kernel size should be greater than zero, but got kernel_height: ${k[0]} kernel_width: ${k[1]}`);
  if (!(d[0] > 0 && d[1] > 0)) throw new RuntimeError(`dilation should be greater than zero, but got dilation_height: ${d[0]} dilation_width: ${d[1]}`);
  if (!(p[0] >= 0 && p[1] >= 0)) throw new RuntimeError(`padding should be non-negative, but got pad_height: ${p[0]} pad_width: ${p[1]}`);
  if (!(s[0] > 0 && s[1] > 0)) throw new RuntimeError(`stride should be greater than zero, but got stride_height: ${s[0]} stride_width: ${s[1]}`);
}

const blocks = (size: number, k: number, d: number, p: number, s: number): number => Math.floor((size + 2 * p - (d * (k - 1) + 1)) / s) + 1;

function foldArgs(o: Record<string, unknown>): { d: Pair; p: Pair; s: Pair } {
  return { d: pair((o.dilation as IntOrList | undefined) ?? 1), p: pair((o.padding as IntOrList | undefined) ?? 0), s: pair((o.stride as IntOrList | undefined) ?? 1) };
}

/** F.unfold(input, kernel_size, dilation=1, padding=0, stride=1): sliding blocks as columns (Im2ColBackward0). */
export function unfold(input: Tensor, kernel_size: IntOrList, dilation?: IntOrList | FoldOpts, padding?: IntOrList | FoldOpts, stride?: IntOrList | FoldOpts): Tensor {
  const { d, p, s } = foldArgs(bindArgs('unfold', ['dilation', 'padding', 'stride'], [dilation, padding, stride]));
  const k = pair(kernel_size);
  checkBlockArgs(k, d, p, s);
  const nd = input._shape.length;
  const valid = input.size(1) !== 0 && input.size(2) !== 0;
  if (!((nd === 3 && input.size(0) !== 0 && valid) || (nd === 4 && valid && input.size(3) !== 0))) {
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor input with possible 0 batch size and non-zero dimensions, but got: [${input._shape.join(', ')}]`);
  }
  const C = input._shape[nd - 3] as number;
  const H = input._shape[nd - 2] as number;
  const W = input._shape[nd - 1] as number;
  const gh = blocks(H, k[0], d[0], p[0], s[0]);
  const gw = blocks(W, k[1], d[1], p[1], s[1]);
  if (gh < 1 || gw < 1) {
    // (ATen prints the input height twice)
    throw new RuntimeError(
      `Given input with spatial size (${H}, ${H}), kernel_size=(${k[0]}, ${k[1]}), dilation=(${d[0]}, ${d[1]}), padding=(${p[0]}, ${p[1]}), calculated shape of the array of sliding blocks as (${gh}, ${gw}), but its components must be at least one.`,
    );
  }
  requireFloating(input, 'im2col_out_cpu');
  const m = im2colMap({ C, size: [H, W], kernel: k, grid: [gh, gw], stride: s, padding: p, dilation: d }, [C, H, W], 'Im2ColBackward0', 'Col2ImBackward0');
  return mapGather(input, m);
}

/** F.fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1): columns summed back into blocks (Col2ImBackward0). */
export function fold(input: Tensor, output_size: IntOrList, kernel_size: IntOrList, dilation?: IntOrList | FoldOpts, padding?: IntOrList | FoldOpts, stride?: IntOrList | FoldOpts): Tensor {
  const { d, p, s } = foldArgs(bindArgs('fold', ['dilation', 'padding', 'stride'], [dilation, padding, stride]));
  const k = pair(kernel_size);
  const [H, W] = pair(output_size);
  checkBlockArgs(k, d, p, s);
  const nd = input._shape.length;
  if (!((nd === 2 && input.size(0) !== 0 && input.size(1) !== 0) || (nd === 3 && input.size(1) !== 0 && input.size(2) !== 0))) {
    throw new RuntimeError(`Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${input._shape.join(', ')}]`);
  }
  const planes = input._shape[nd - 2] as number;
  if (planes % (k[0] * k[1]) !== 0) {
    throw new RuntimeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${planes} and kernel_size=(${k[0]}, ${k[1]}).`);
  }
  const length = input._shape[nd - 1] as number;
  const gh = blocks(H, k[0], d[0], p[0], s[0]);
  const gw = blocks(W, k[1], d[1], p[1], s[1]);
  if (length !== gh * gw) {
    throw new RuntimeError(
      `Given output_size=(${H}, ${W}), kernel_size=(${k[0]}, ${k[1]}), dilation=(${d[0]}, ${d[1]}), padding=(${p[0]}, ${p[1]}), stride=(${s[0]}, ${s[1]}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${gh} * ${gw} = ${gh * gw}, but got input.size(2)=${length}.`,
    );
  }
  if (gh < 1 || gw < 1) {
    throw new RuntimeError(
      `Given output_size=(${H}, ${W}), kernel_size=(${k[0]}, ${k[1]}), dilation=(${d[0]}, ${d[1]}), padding=(${p[0]}, ${p[1]}), stride=(${s[0]}, ${s[1]}), calculated shape of the array of sliding blocks as (${gh}, ${gw}), which is too small (non-positive)`,
    );
  }
  requireFloating(input, 'col2im_out_cpu');
  const C = planes / (k[0] * k[1]);
  const m = im2colMap({ C, size: [H, W], kernel: k, grid: [gh, gw], stride: s, padding: p, dilation: d }, [C, H, W], 'Im2ColBackward0', 'Col2ImBackward0');
  return mapScatter(input, m);
}

export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'area';
export interface InterpolateOpts {
  size?: IntOrList | null;
  scale_factor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  align_corners?: boolean | null;
  recompute_scale_factor?: boolean | null;
  antialias?: boolean;
}

/** A Python list of ints or floats as Python prints it. */
function pyList(v: readonly number[]): string {
  return `[${v.map((x) => (Number.isInteger(x) && !Number.isSafeInteger(x) ? x.toFixed(1) : String(x))).join(', ')}]`;
}

/** Rounds to the precision ATen computes source indices in (float for float32 inputs). */
function roundFor(x: Tensor): (v: number) => number {
  return x.dtype === float32 ? Math.fround : (v) => v;
}

/** compute_scales_value: 1/scale_factor when one is given, else in/out (in `r`'s precision). */
function scaleValue(scale: number | null, inp: number, out: number, r: (v: number) => number): number {
  return scale !== null && scale > 0 ? r(1 / scale) : r(inp / out);
}

/** nearest_idx: the source index of each output position along one dim. */
function nearestIndex(inp: number, out: number, scale: number | null): Int32Array {
  const t = new Int32Array(out);
  const sc = scaleValue(scale, inp, out, Math.fround);
  for (let i = 0; i < out; i++) {
    if (out === inp) t[i] = i;
    else if (out === 2 * inp) t[i] = i >> 1;
    else t[i] = Math.min(Math.floor(Math.fround(Math.fround(i) * sc)), inp - 1);
  }
  return t;
}

/** The two source taps and weights of linear interpolation along one dim (compute_indices_weights_linear). */
function linearTaps(inp: number, out: number, align: boolean, scale: number | null, r: (v: number) => number): { i0: Int32Array; i1: Int32Array; l0: Float64Array; l1: Float64Array } {
  const sc = align ? (out > 1 ? r((inp - 1) / (out - 1)) : 0) : scaleValue(scale, inp, out, r);
  const i0 = new Int32Array(out);
  const i1 = new Int32Array(out);
  const l0 = new Float64Array(out);
  const l1 = new Float64Array(out);
  for (let i = 0; i < out; i++) {
    let real = align ? r(sc * i) : r(sc * (i + 0.5) - 0.5);
    if (!align && real < 0) real = 0;
    const idx = Math.min(Math.floor(real), inp - 1);
    const lambda = Math.min(Math.max(r(real - idx), 0), 1);
    i0[i] = idx;
    i1[i] = idx + (idx < inp - 1 ? 1 : 0);
    l1[i] = lambda;
    l0[i] = r(1 - lambda);
  }
  return { i0, i1, l0, l1 };
}

/** F.interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None, antialias=False) */
export function interpolate(
  input: Tensor,
  size?: IntOrList | null | InterpolateOpts,
  scale_factor?: number | readonly number[] | null | InterpolateOpts,
  mode?: InterpolateMode | InterpolateOpts,
  align_corners?: boolean | null | InterpolateOpts,
  recompute_scale_factor?: boolean | null | InterpolateOpts,
  antialias?: boolean | InterpolateOpts,
): Tensor {
  const o = bindArgs('interpolate', ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'], [size, scale_factor, mode, align_corners, recompute_scale_factor, antialias]);
  const md = (o.mode as string | undefined) ?? 'nearest';
  let align = (o.align_corners as boolean | null | undefined) ?? null;
  const sz = (o.size as IntOrList | null | undefined) ?? null;
  const sf = (o.scale_factor as number | readonly number[] | null | undefined) ?? null;
  let recompute = (o.recompute_scale_factor as boolean | null | undefined) ?? null;
  if (md === 'nearest' || md === 'area' || md === 'nearest-exact') {
    if (align !== null) throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  } else if (align === null) {
    align = false;
  }
  const dim = input._shape.length - 2;
  const spatial = input._shape.slice(2);
  let outSize: number[] | null = null;
  let scales: (number | null)[] = new Array<number | null>(Math.max(dim, 0)).fill(null);
  if (sz !== null && sf !== null) throw new ValueError('only one of size or scale_factor should be defined');
  if (sz !== null) {
    if (typeof sz !== 'number') {
      if (sz.length !== dim) {
        throw new ValueError(
          `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${pyList(spatial)} and output size of ${pyList(sz)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
        );
      }
      outSize = sz.slice();
    } else {
      outSize = new Array<number>(dim).fill(sz);
    }
  } else if (sf !== null) {
    if (typeof sf !== 'number') {
      if (sf.length !== dim) {
        throw new ValueError(
          `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${pyList(spatial)} and scale_factor of shape ${pyList(sf)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
        );
      }
      scales = sf.slice();
    } else {
      scales = new Array<number>(dim).fill(sf);
    }
  } else {
    throw new ValueError('either size or scale_factor should be defined');
  }
  if (recompute === true && sz !== null) throw new ValueError('recompute_scale_factor is not meaningful with an explicit size.');
  if (md === 'area' && outSize === null) recompute = true;
  if (recompute === true) {
    outSize = spatial.map((s, i) => Math.floor(s * (scales[i] as number)));
    scales = scales.map(() => null);
  }
  if ((o.antialias as boolean | undefined) === true && !(md === 'bilinear' && input._shape.length === 4)) {
    throw new ValueError('Anti-alias option is only supported for bilinear and bicubic modes');
  }
  // ATen's upsample ops take the output size from the scales when none is given
  const outs = outSize ?? spatial.map((s, i) => Math.floor(s * (scales[i] as number)));
  const nd = input._shape.length;
  if (md === 'nearest' && (nd === 3 || nd === 4)) return upsampleNearest(input, spatial, outs, scales);
  if (md === 'area' && nd === 4) return adaptive_avg_pool2d(input, outs);
  if (md === 'bilinear' && nd === 4) {
    if ((o.antialias as boolean | undefined) === true) throw new NotImplementedError('antialias is not supported by ts-torch');
    return upsampleBilinear(input, spatial, outs, align === true, scales);
  }
  if (md === 'linear' && nd === 3) return upsampleLinear1d(input, spatial[0] as number, outs[0] as number, align === true, scales[0] ?? null);
  if (nd === 3 && md === 'bilinear') throw new NotImplementedError('Got 3D input, but bilinear mode needs 4D input');
  if (nd === 4 && md === 'linear') throw new NotImplementedError('Got 4D input, but linear mode needs 3D input');
  if (nd === 5 && md === 'linear') throw new NotImplementedError('Got 5D input, but linear mode needs 3D input');
  if (nd === 5 && md === 'bilinear') throw new NotImplementedError('Got 5D input, but bilinear mode needs 4D input');
  throw new NotImplementedError(
    `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${nd}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${md})`,
  );
}

function upsampleNearest(x: Tensor, spatial: readonly number[], outs: readonly number[], scales: readonly (number | null)[]): Tensor {
  requireFloating(x, 'compute_indices_weights_nearest');
  const tables = spatial.map((s, i) => nearestIndex(s, outs[i] as number, scales[i] ?? null));
  const inW = spatial[spatial.length - 1] as number;
  const outW = outs[outs.length - 1] as number;
  const rowsT = tables.length === 2 ? (tables[0] as Int32Array) : Int32Array.of(0);
  const colsT = tables[tables.length - 1] as Int32Array;
  const outH = rowsT.length;
  const idx = new Int32Array(outH * outW);
  for (let i = 0; i < outH; i++) for (let j = 0; j < outW; j++) idx[i * outW + j] = (rowsT[i] as number) * inW + (colsT[j] as number);
  const name = `UpsampleNearest${spatial.length}DBackward1`;
  const m: PlaneMap = {
    inSize: spatial.reduce((a, b) => a * b, 1), outSize: idx.length, K: 1, idx, w: null, perPlane: false, fill: 0,
    inTail: spatial.slice(), outTail: outs.slice(), gatherName: name, scatterName: `${name.replace(/1$/, '')}BackwardBackward0`,
  };
  return mapGather(x, m);
}

function upsampleBilinear(x: Tensor, spatial: readonly number[], outs: readonly number[], align: boolean, scales: readonly (number | null)[]): Tensor {
  requireFloating(x, 'compute_indices_weights_linear');
  const r = roundFor(x);
  const [H, W] = spatial as [number, number];
  const [oh, ow] = outs as [number, number];
  const ty = linearTaps(H, oh, align, scales[0] ?? null, r);
  const tx = linearTaps(W, ow, align, scales[1] ?? null, r);
  const idx = new Int32Array(oh * ow * 4);
  const w = new Float64Array(oh * ow * 4);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      const t = (i * ow + j) * 4;
      const ys = [ty.i0[i] as number, ty.i1[i] as number];
      const wy = [ty.l0[i] as number, ty.l1[i] as number];
      const xs = [tx.i0[j] as number, tx.i1[j] as number];
      const wx = [tx.l0[j] as number, tx.l1[j] as number];
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          idx[t + 2 * a + b] = (ys[a] as number) * W + (xs[b] as number);
          w[t + 2 * a + b] = (wy[a] as number) * (wx[b] as number);
        }
      }
    }
  }
  const m: PlaneMap = {
    inSize: H * W, outSize: oh * ow, K: 4, idx, w, perPlane: false, fill: 0,
    inTail: [H, W], outTail: [oh, ow], gatherName: 'UpsampleBilinear2DBackward1', scatterName: 'UpsampleBilinear2DBackwardBackward0',
  };
  return mapGather(x, m);
}

function upsampleLinear1d(x: Tensor, W: number, ow: number, align: boolean, scale: number | null): Tensor {
  requireFloating(x, 'compute_indices_weights_linear');
  const t = linearTaps(W, ow, align, scale, roundFor(x));
  const idx = new Int32Array(ow * 2);
  const w = new Float64Array(ow * 2);
  for (let j = 0; j < ow; j++) {
    idx[2 * j] = t.i0[j] as number;
    idx[2 * j + 1] = t.i1[j] as number;
    w[2 * j] = t.l0[j] as number;
    w[2 * j + 1] = t.l1[j] as number;
  }
  const m: PlaneMap = {
    inSize: W, outSize: ow, K: 2, idx, w, perPlane: false, fill: 0,
    inTail: [W], outTail: [ow], gatherName: 'UpsampleLinear1DBackward1', scatterName: 'UpsampleLinear1DBackwardBackward0',
  };
  return mapGather(x, m);
}
