// Pooling of torch.nn.functional: max_pool1d/2d, avg_pool1d/2d, adaptive_avg_pool2d,
// adaptive_max_pool2d. Each pooling window is a row of an index map over the last two dims
// (src/nn/vision_map.ts); max pooling picks one tap per plane (its argmax), average pooling
// weights every tap by 1/divisor. The 1-D poolings are the 2-D ones on an unsqueezed input,
// as in ATen (hence SqueezeBackward1 ← …2DBackward0 ← UnsqueezeBackward0).
import { Tensor } from '../tensor/tensor.ts';
import { float64, int64 } from '../tensor/dtype.ts';
import { RuntimeError } from '../errors.ts';
import { numelOf } from '../tensor/shape.ts';
import { bindArgs, type Opts } from '../ops/reduce/reduce_more_util.ts';
import { copyValues } from '../ops/copy.ts';
import { mapArgmax } from '../backends/conv.ts';
import { mapGather, requireFloating, type PlaneMap } from './vision_map.ts';

type IntOrList = number | readonly number[];

export interface MaxPoolOpts {
  stride?: IntOrList | null;
  padding?: IntOrList;
  dilation?: IntOrList;
  ceil_mode?: boolean;
  return_indices?: boolean;
}
export interface AvgPoolOpts {
  stride?: IntOrList | null;
  padding?: IntOrList;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

function pair(v: IntOrList, fn: string, what: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (v.length === 1) return [v[0] as number, v[0] as number];
  if (v.length === 2) return [v[0] as number, v[1] as number];
  throw new RuntimeError(`${fn}: ${what}`);
}

/** pooling_output_shape_pad_lr, with its checks. */
function outputShape(size: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  if (stride === 0) throw new RuntimeError('stride should not be zero');
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.floor(k / 2)) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`);
  let out = Math.floor((size + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  // the last window must start inside the input (or its left padding)
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

interface Geometry {
  H: number;
  W: number;
  k: [number, number];
  s: [number, number];
  p: [number, number];
  d: [number, number];
  oh: number;
  ow: number;
}

/** pool2d_shape_check's messages; computes the output size on the way (as ATen does). */
function geometry(x: Tensor, kernel: IntOrList, stride: IntOrList | null | undefined, padding: IntOrList, dilation: IntOrList, ceil: boolean, fn: string): Geometry {
  const k = pair(kernel, fn, 'kernel_size must either be a single int, or a tuple of two ints');
  const s = stride === null || stride === undefined || (Array.isArray(stride) && stride.length === 0) ? k : pair(stride, fn, 'stride must either be omitted, a single int, or a tuple of two ints');
  const p = pair(padding, fn, 'padding must either be a single int, or a tuple of two ints');
  const d = pair(dilation, fn, 'dilation must be either a single int, or a tuple of two ints');
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) throw new RuntimeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  // (a 4-D input may have an empty batch; every other dim must be positive)
  if (x._shape.slice(nd - 3).some((s) => s <= 0)) {
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${x._shape.join(', ')}]`);
  }
  const H = x._shape[nd - 2] as number;
  const W = x._shape[nd - 1] as number;
  const C = x._shape[nd - 3] as number;
  const oh = outputShape(H, k[0], p[0], s[0], d[0], ceil);
  const ow = outputShape(W, k[1], p[1], s[1], d[1], ceil);
  if (k[0] <= 0 || k[1] <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${k[0]} kW: ${k[1]}`);
  if (s[0] <= 0 || s[1] <= 0) throw new RuntimeError(`stride should be greater than zero, but got dH: ${s[0]} dW: ${s[1]}`);
  if (d[0] <= 0 || d[1] <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${d[0]} dilationW: ${d[1]}`);
  if (oh < 1 || ow < 1) {
    throw new RuntimeError(`Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${oh}x${ow}). Output size is too small`);
  }
  return { H, W, k, s, p, d, oh, ow };
}

/** Each output's window taps (input index in the H·W plane, or -1 outside the input). */
function windowTaps(g: Geometry): Int32Array {
  const K = g.k[0] * g.k[1];
  const idx = new Int32Array(g.oh * g.ow * K);
  for (let oy = 0; oy < g.oh; oy++) {
    for (let ox = 0; ox < g.ow; ox++) {
      const base = (oy * g.ow + ox) * K;
      for (let ki = 0; ki < g.k[0]; ki++) {
        const iy = oy * g.s[0] - g.p[0] + ki * g.d[0];
        for (let kj = 0; kj < g.k[1]; kj++) {
          const ix = ox * g.s[1] - g.p[1] + kj * g.d[1];
          idx[base + ki * g.k[1] + kj] = iy >= 0 && iy < g.H && ix >= 0 && ix < g.W ? iy * g.W + ix : -1;
        }
      }
    }
  }
  return idx;
}

/** Picks, per plane, each window's argmax: a one-tap map per plane, plus the int64 indices. */
function maxByWindows(x: Tensor, H: number, W: number, oh: number, ow: number, K: number, taps: Int32Array, name: string): [Tensor, Tensor] {
  const lead = x._shape.slice(0, -2);
  const planes = numelOf(lead);
  const shared = { inSize: H * W, outSize: oh * ow, K, idx: taps, w: null, perPlane: false, fill: 0 };
  const src = x.is_contiguous() ? x : copyValues(x, x.dtype);
  const arg = mapArgmax(src._data, src._offset, planes, shared);
  const m: PlaneMap = { ...shared, K: 1, idx: arg, perPlane: true, inTail: [H, W], outTail: [oh, ow], gatherName: name, scatterName: `${name.replace(/0$/, '')}Backward0`, linkSelf: true };
  const out = mapGather(x, m);
  const indices = Tensor._empty(lead.concat([oh, ow]), int64);
  for (let i = 0; i < arg.length; i++) indices._data[i] = arg[i] as number;
  return [out, indices];
}

function maxPool2dWithIndices(x: Tensor, o: Opts, kernelName = 'max_pool2d'): [Tensor, Tensor] {
  const g = geometry(x, o.kernel_size as IntOrList, o.stride as IntOrList | null, (o.padding as IntOrList | undefined) ?? 0, (o.dilation as IntOrList | undefined) ?? 1, (o.ceil_mode as boolean | undefined) ?? false, 'max_pool2d');
  requireFloating(x, kernelName);
  return maxByWindows(x, g.H, g.W, g.oh, g.ow, g.k[0] * g.k[1], windowTaps(g), 'MaxPool2DWithIndicesBackward0');
}

function result(pairOut: [Tensor, Tensor], o: Opts): Tensor | [Tensor, Tensor] {
  return o.return_indices === true ? pairOut : pairOut[0];
}

const MAX_NAMES = ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'];
type M<T> = T | MaxPoolOpts;
/** Options that leave return_indices off: the call returns one tensor. */
type NoIdx = Omit<MaxPoolOpts, 'return_indices'> & { return_indices?: false };
type N<T> = T | NoIdx;
type WithIdx = MaxPoolOpts & { return_indices: true };

/** F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False) */
export function max_pool2d(input: Tensor, kernel_size: IntOrList, opts: WithIdx): [Tensor, Tensor];
export function max_pool2d(input: Tensor, kernel_size: IntOrList, stride: IntOrList | null | undefined, padding: IntOrList | undefined, dilation: IntOrList | undefined, ceil_mode: boolean | undefined, return_indices: true): [Tensor, Tensor];
export function max_pool2d(input: Tensor, kernel_size: N<IntOrList>, stride?: N<IntOrList | null>, padding?: N<IntOrList>, dilation?: N<IntOrList>, ceil_mode?: N<boolean>, return_indices?: false): Tensor;
export function max_pool2d(input: Tensor, kernel_size: M<IntOrList>, stride?: M<IntOrList | null>, padding?: M<IntOrList>, dilation?: M<IntOrList>, ceil_mode?: M<boolean>, return_indices?: M<boolean>): Tensor | [Tensor, Tensor] {
  const o = bindArgs('max_pool2d', MAX_NAMES, [kernel_size, stride, padding, dilation, ceil_mode, return_indices]);
  return result(maxPool2dWithIndices(input, o), o);
}

function one(v: IntOrList | null | undefined, fn: string, what: string): number[] | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return [v];
  if (v.length === 0) return null;
  if (v.length !== 1) throw new RuntimeError(`${fn}: ${what} must be a single int, but got ${v.length} values`);
  return [v[0] as number];
}

/** F.max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False) */
export function max_pool1d(input: Tensor, kernel_size: IntOrList, opts: WithIdx): [Tensor, Tensor];
export function max_pool1d(input: Tensor, kernel_size: IntOrList, stride: IntOrList | null | undefined, padding: IntOrList | undefined, dilation: IntOrList | undefined, ceil_mode: boolean | undefined, return_indices: true): [Tensor, Tensor];
export function max_pool1d(input: Tensor, kernel_size: N<IntOrList>, stride?: N<IntOrList | null>, padding?: N<IntOrList>, dilation?: N<IntOrList>, ceil_mode?: N<boolean>, return_indices?: false): Tensor;
export function max_pool1d(input: Tensor, kernel_size: M<IntOrList>, stride?: M<IntOrList | null>, padding?: M<IntOrList>, dilation?: M<IntOrList>, ceil_mode?: M<boolean>, return_indices?: M<boolean>): Tensor | [Tensor, Tensor] {
  const o = bindArgs('max_pool1d', MAX_NAMES, [kernel_size, stride, padding, dilation, ceil_mode, return_indices]);
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RuntimeError(`max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input._shape.join(', ')}]`);
  }
  const k = one(o.kernel_size as IntOrList, 'max_pool1d', 'kernel_size') as number[];
  const s = one(o.stride as IntOrList | null, 'max_pool1d', 'stride') ?? k;
  const p = one((o.padding as IntOrList | undefined) ?? 0, 'max_pool1d', 'padding') as number[];
  const d = one((o.dilation as IntOrList | undefined) ?? 1, 'max_pool1d', 'dilation') as number[];
  const [out, idx] = maxPool2dWithIndices(input.unsqueeze(-2), { kernel_size: [1, k[0]], stride: [1, s[0]], padding: [0, p[0]], dilation: [1, d[0]], ceil_mode: o.ceil_mode }, 'max_pool1d_impl');
  return result([out.squeeze(-2), idx.squeeze(-2)], o);
}

function avgPool2d(x: Tensor, o: Opts): Tensor {
  const ceil = (o.ceil_mode as boolean | undefined) ?? false;
  const include = (o.count_include_pad as boolean | undefined) ?? true;
  const div = (o.divisor_override as number | null | undefined) ?? null;
  const g = geometry(x, o.kernel_size as IntOrList, o.stride as IntOrList | null, (o.padding as IntOrList | undefined) ?? 0, 1, ceil, 'avg_pool2d');
  if (div === 0) throw new RuntimeError('divisor must be not zero');
  const taps = windowTaps(g);
  const K = g.k[0] * g.k[1];
  const w = new Float64Array(taps.length);
  const divs = new Float64Array(g.oh * g.ow);
  // the divisor of ATen's avg_pool2d: the window clipped to the padded input, or to the input
  for (let oy = 0; oy < g.oh; oy++) {
    for (let ox = 0; ox < g.ow; ox++) {
      let hs = oy * g.s[0] - g.p[0];
      let ws = ox * g.s[1] - g.p[1];
      let he = Math.min(hs + g.k[0], g.H + g.p[0]);
      let we = Math.min(ws + g.k[1], g.W + g.p[1]);
      const poolSize = (he - hs) * (we - ws);
      hs = Math.max(hs, 0);
      ws = Math.max(ws, 0);
      he = Math.min(he, g.H);
      we = Math.min(we, g.W);
      const divisor = div !== null ? div : include ? poolSize : (he - hs) * (we - ws);
      divs[oy * g.ow + ox] = divisor;
      w.fill(1 / divisor, (oy * g.ow + ox) * K, (oy * g.ow + ox + 1) * K);
    }
  }
  const m: PlaneMap = {
    inSize: g.H * g.W, outSize: g.oh * g.ow, K, idx: taps, w, perPlane: false, fill: 0,
    inTail: [g.H, g.W], outTail: [g.oh, g.ow], gatherName: 'AvgPool2DBackward0', scatterName: 'AvgPool2DBackwardBackward0', linkSelf: true,
  };
  if (x.dtype.is_floating_point) return mapGather(x, m);
  // Integer inputs: the window sum divided by the divisor, truncated (C++ integer division).
  const sums = mapGather(x.to(float64), { ...m, w: null });
  const out = Tensor._empty(sums._shape.slice(), x.dtype);
  const n = divs.length;
  for (let i = 0; i < sums.numel(); i++) out._data[i] = Math.trunc((sums._data[i] as number) / (divs[i % n] as number));
  return out;
}

const AVG2_NAMES = ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'];
type V<T> = T | AvgPoolOpts;

/** F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None) */
export function avg_pool2d(input: Tensor, kernel_size: V<IntOrList>, stride?: V<IntOrList | null>, padding?: V<IntOrList>, ceil_mode?: V<boolean>, count_include_pad?: V<boolean>, divisor_override?: V<number | null>): Tensor {
  return avgPool2d(input, bindArgs('avg_pool2d', AVG2_NAMES, [kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override]));
}

/** F.avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True) */
export function avg_pool1d(input: Tensor, kernel_size: V<IntOrList>, stride?: V<IntOrList | null>, padding?: V<IntOrList>, ceil_mode?: V<boolean>, count_include_pad?: V<boolean>): Tensor {
  const o = bindArgs('avg_pool1d', AVG2_NAMES.slice(0, 5), [kernel_size, stride, padding, ceil_mode, count_include_pad]);
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) throw new RuntimeError(`avg_pool1d() Expected 2D or 3D input tensor, but got [${input._shape.join(', ')}]`);
  const k = one(o.kernel_size as IntOrList, 'avg_pool1d', 'kernel_size') as number[];
  const s = one(o.stride as IntOrList | null, 'avg_pool1d', 'stride') ?? k;
  const p = one((o.padding as IntOrList | undefined) ?? 0, 'avg_pool1d', 'padding') as number[];
  const out = avgPool2d(input.unsqueeze(-2), { kernel_size: [1, k[0]], stride: [1, s[0]], padding: [0, p[0]], ceil_mode: o.ceil_mode, count_include_pad: o.count_include_pad });
  return out.squeeze(-2);
}

/** Adaptive windows: [floor(o·in/out), ceil((o+1)·in/out)). */
function adaptiveWindows(x: Tensor, outputSize: IntOrList | readonly (number | null)[], fn: string, sep: string): { H: number; W: number; oh: number; ow: number; K: number; taps: Int32Array } {
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) throw new RuntimeError(`${fn}(): Expected 3D or 4D tensor, but got${sep}[${x._shape.join(', ')}]`);
  const H = x._shape[nd - 2] as number;
  const W = x._shape[nd - 1] as number;
  const os = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize.length === 1 ? [outputSize[0], outputSize[0]] : outputSize;
  const oh = (os[0] ?? H) as number;
  const ow = (os[1] ?? W) as number;
  const start = (a: number, out: number, inp: number): number => Math.floor((a * inp) / out);
  const end = (a: number, out: number, inp: number): number => Math.ceil(((a + 1) * inp) / out);
  let kh = 0;
  let kw = 0;
  for (let i = 0; i < oh; i++) kh = Math.max(kh, end(i, oh, H) - start(i, oh, H));
  for (let j = 0; j < ow; j++) kw = Math.max(kw, end(j, ow, W) - start(j, ow, W));
  const K = kh * kw;
  const taps = new Int32Array(oh * ow * K).fill(-1);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let t = (i * ow + j) * K;
      for (let y = start(i, oh, H); y < end(i, oh, H); y++) {
        for (let xx = start(j, ow, W); xx < end(j, ow, W); xx++) taps[t++] = y * W + xx;
      }
    }
  }
  return { H, W, oh, ow, K, taps };
}

/** F.adaptive_avg_pool2d(input, output_size) */
export function adaptive_avg_pool2d(input: Tensor, output_size: IntOrList | readonly (number | null)[]): Tensor {
  const a = adaptiveWindows(input, output_size, 'adaptive_avg_pool2d', ' ');
  // ATen computes a 1×1 output as a mean over the last two dims (MeanBackward1).
  if (a.oh === 1 && a.ow === 1) return input.mean([-1, -2], true);
  requireFloating(input, 'adaptive_avg_pool2d');
  const w = new Float64Array(a.taps.length);
  for (let j = 0; j < a.oh * a.ow; j++) {
    let n = 0;
    for (let k = 0; k < a.K; k++) if ((a.taps[j * a.K + k] as number) >= 0) n++;
    w.fill(1 / n, j * a.K, (j + 1) * a.K);
  }
  const m: PlaneMap = {
    inSize: a.H * a.W, outSize: a.oh * a.ow, K: a.K, idx: a.taps, w, perPlane: false, fill: 0,
    inTail: [a.H, a.W], outTail: [a.oh, a.ow], gatherName: 'AdaptiveAvgPool2DBackward0', scatterName: 'AdaptiveAvgPool2DBackwardBackward0', linkSelf: true,
  };
  return mapGather(input, m);
}

/** F.adaptive_max_pool2d(input, output_size, return_indices=False) */
export function adaptive_max_pool2d(input: Tensor, output_size: IntOrList | readonly (number | null)[], return_indices: true | { return_indices: true }): [Tensor, Tensor];
export function adaptive_max_pool2d(input: Tensor, output_size: IntOrList | readonly (number | null)[], return_indices?: false | { return_indices?: false }): Tensor;
export function adaptive_max_pool2d(
  input: Tensor, output_size: IntOrList | readonly (number | null)[], return_indices?: boolean | { return_indices?: boolean },
): Tensor | [Tensor, Tensor] {
  const ri = typeof return_indices === 'object' ? (return_indices.return_indices ?? false) : (return_indices ?? false);
  const a = adaptiveWindows(input, output_size, 'adaptive_max_pool2d', ': ');
  requireFloating(input, 'adaptive_max_pool2d');
  const r = maxByWindows(input, a.H, a.W, a.oh, a.ow, a.K, a.taps, 'AdaptiveMaxPool2DBackward0');
  return ri ? r : r[0];
}
