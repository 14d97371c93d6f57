// Convolutions of torch.nn.functional: conv1d, conv2d, conv_transpose1d, conv_transpose2d, all
// one op (aten::convolution, grad_fn ConvolutionBackward0) computed as im2col + matmul. The
// backward is written with differentiable ops (the im2col map, its transpose, matmul), so
// double backward works.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError, warnOnce } from '../errors.ts';
import { numelOf } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import type { SavedList } from '../autograd/node.ts';
import { no_grad } from '../autograd/grad_mode.ts';
import { bindArgs, type Opts } from '../ops/reduce/reduce_more_util.ts';
import { im2colMap, linked, mapGather, mapScatter, owned, type PlaneMap } from './vision_map.ts';
import { constant_pad_nd } from './pad.ts';

export type IntOrList = number | readonly number[];
export type ConvPadding = IntOrList | 'same' | 'valid';

export interface ConvOpts {
  bias?: Tensor | null;
  stride?: IntOrList;
  padding?: ConvPadding;
  dilation?: IntOrList;
  groups?: number;
}

export interface ConvTransposeOpts {
  bias?: Tensor | null;
  stride?: IntOrList;
  padding?: IntOrList;
  output_padding?: IntOrList;
  groups?: number;
  dilation?: IntOrList;
}

/** An int or a list for `n` dims; a one-element list is repeated (ATen's expand_param_if_needed). */
export function expandParam(v: IntOrList, name: string, n: number): number[] {
  if (typeof v === 'number') return new Array<number>(n).fill(v);
  if (v.length === 1) return new Array<number>(n).fill(v[0] as number);
  if (v.length !== n) {
    throw new RuntimeError(`expected ${name} to be a single integer value or a list of ${n} values to match the convolution dimensions, but got ${name}=[${v.join(', ')}]`);
  }
  return v.slice();
}

interface ConvParams {
  stride: number[];
  padding: number[];
  dilation: number[];
  transposed: boolean;
  output_padding: number[];
  groups: number;
}

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** check_shape_forward of ATen's Convolution.cpp, with its messages. */
function checkShapes(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams): void {
  const k = input._shape.length;
  const ws = weight._shape;
  const wd = ws.length;
  if (p.padding.some((v) => v < 0)) throw new RuntimeError('negative padding is not supported');
  if (p.output_padding.some((v) => v < 0)) throw new RuntimeError('negative output_padding is not supported');
  if (p.stride.some((v) => v <= 0)) throw new RuntimeError('non-positive stride is not supported');
  if (p.dilation.some((v) => v <= 0)) throw new RuntimeError(`dilation should be greater than zero, but got ${fmt(p.dilation)}`);
  if (wd !== k) {
    throw new RuntimeError(`Expected ${wd}-dimensional input for ${wd}-dimensional weight ${fmt(ws)}, but got ${k}-dimensional input of size ${fmt(input._shape)} instead`);
  }
  const g = p.groups;
  const w0 = ws[0] as number;
  if (w0 < g) throw new RuntimeError(`Given groups=${g}, expected weight to be at least ${g} at dimension 0, but got weight of size ${fmt(ws)} instead`);
  if (w0 % g !== 0) throw new RuntimeError(`Given groups=${g}, expected weight to be divisible by ${g} at dimension 0, but got weight of size [${fmt(ws)}] instead`);
  const c = input._shape[1] as number;
  if (!p.transposed) {
    const want = (ws[1] as number) * g;
    if (c !== want) {
      throw new RuntimeError(`Given groups=${g}, weight of size ${fmt(ws)}, expected input${fmt(input._shape)} to have ${want} channels, but got ${c} channels instead`);
    }
    if (bias !== null && (bias._shape.length !== 1 || bias._shape[0] !== w0)) {
      throw new RuntimeError(`Given weight of size ${fmt(ws)}, expected bias to be 1-dimensional with ${w0} elements, but got bias of size ${fmt(bias._shape)} instead`);
    }
    const padded: number[] = [];
    const kern: number[] = [];
    for (let i = 2; i < k; i++) {
      padded.push((input._shape[i] as number) + 2 * (p.padding[i - 2] as number));
      kern.push((p.dilation[i - 2] as number) * ((ws[i] as number) - 1) + 1);
    }
    if (padded.some((v, i) => v < (kern[i] as number))) {
      throw new RuntimeError(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kern.join(' x ')}). Kernel size can't be greater than actual input size`);
    }
  } else {
    if (c !== w0) {
      throw new RuntimeError(`Given transposed=1, weight of size ${fmt(ws)}, expected input${fmt(input._shape)} to have ${w0} channels, but got ${c} channels instead`);
    }
    const want = (ws[1] as number) * g;
    if (bias !== null && (bias._shape.length !== 1 || bias._shape[0] !== want)) {
      throw new RuntimeError(`Given transposed=1, weight of size ${fmt(ws)}, expected bias to be 1-dimensional with ${want} elements, but got bias of size ${fmt(bias._shape)} instead`);
    }
  }
}

/** Pads 1-D parameters to the 2-D form the kernels work in (height 1). */
function as2d(v: readonly number[], fill: number): [number, number] {
  return v.length === 1 ? [fill, v[0] as number] : [v[0] as number, v[1] as number];
}

/** aten::convolution for 1 or 2 spatial dims on a batched input. */
export function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, p: ConvParams): Tensor {
  checkShapes(input, weight, bias, p);
  const N = input._shape[0] as number;
  const C = input._shape[1] as number;
  const sp = input._shape.slice(2);
  const ks = weight._shape.slice(2);
  const G = p.groups;
  const size = as2d(sp, 1);
  const kernel = as2d(ks, 1);
  const stride = as2d(p.stride, 1);
  const padding = as2d(p.padding, 0);
  const dilation = as2d(p.dilation, 1);
  if (p.transposed) {
    const op = as2d(p.output_padding, 0);
    if (op.some((v, i) => v >= (stride[i] as number) && v >= (dilation[i] as number))) {
      throw new RuntimeError(
        `output padding must be smaller than either stride or dilation, but got output_padding_height: ${op[0]} output_padding_width: ${op[1]} stride_height: ${stride[0]} stride_width: ${stride[1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[1]}`,
      );
    }
  }
  if (bias !== null && bias.dtype !== input.dtype) {
    throw new RuntimeError(`Input type (${input.dtype.scalarName.toLowerCase()}) and bias type (${bias.dtype.scalarName.toLowerCase()}) should be the same`);
  }
  if (input.dtype !== weight.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${weight.dtype.scalarName}`);
  const K = numelOf(ks);
  const L = numelOf(sp);
  const sumDims = [0].concat(sp.map((_, i) => i + 2));
  const biasView = (b: Tensor, O: number): Tensor => b.reshape([1, O].concat(sp.map(() => 1)));
  // Both directions: the product (plus the bias over O channels) computed without recording,
  // then one ConvolutionBackward0 node whose gradients stay linked to the saved input and
  // weight, so that double backward reaches them. `grads` gives (input, weight)'s.
  const convolve = (
    O: number,
    product: () => Tensor,
    grads: (g: Tensor, s: SavedList, needs: readonly boolean[]) => [Tensor | null, Tensor | null],
  ): Tensor => {
    const out = no_grad(() => {
      let y = product();
      if (bias !== null) y = y.add(biasView(bias.detach(), O));
      return owned(y);
    });
    if (needsGrad(input, weight, bias)) {
      record(
        'ConvolutionBackward0',
        [input, weight, bias],
        out,
        (gs, s, node) => {
          const [gx, gw] = grads(gs[0] as Tensor, s, node.needs);
          const gb = node.needs[2] ? (gs[0] as Tensor).sum(sumDims) : null;
          return [gx, gw, gb].map((t) => (t === null ? null : linked(t, [s.get(0), s.get(1)])));
        },
        [input, weight],
      );
    }
    return out;
  };
  if (!p.transposed) {
    const O = weight._shape[0] as number;
    const Cg = C / G;
    const Og = O / G;
    const osp = sp.map((s, i) => Math.floor((s + 2 * (p.padding[i] as number) - (p.dilation[i] as number) * ((ks[i] as number) - 1) - 1) / (p.stride[i] as number)) + 1);
    const grid = as2d(osp, 1);
    const Lo = numelOf(osp);
    const map = im2colMap({ C, size, kernel, grid, stride, padding, dilation }, [C].concat(sp), 'Im2ColBackward0', 'Col2ImBackward0');
    const outShape = [N, O].concat(osp);
    // (y = W·cols per group; done without recording: the op is one ConvolutionBackward0 node)
    return convolve(
      O,
      () => {
        const cols = mapGather(input.detach(), map).view([N, G, Cg * K, Lo]);
        return weight.detach().reshape([G, Og, Cg * K]).matmul(cols).reshape(outShape);
      },
      (g0, s, needs) => {
        const g = g0.reshape([N, G, Og, Lo]);
        const x = s.get(0);
        const w = s.get(1);
        const wv = w.reshape([G, Og, Cg * K]);
        const gx = needs[0] ? mapScatter(wv.transpose(-1, -2).matmul(g).reshape([N, C * K, Lo]), map) : null;
        let gw: Tensor | null = null;
        if (needs[1]) {
          const cols = mapGather(x, map).view([N, G, Cg * K, Lo]);
          gw = g.matmul(cols.transpose(-1, -2)).sum(0).reshape(weight._shape.slice());
        }
        return [gx, gw];
      },
    );
  }
  // Transposed: cols = Wᵀ·x per group, then col2im onto the output (the adjoint of conv).
  const Cout = (weight._shape[1] as number) * G;
  const Cing = C / G;
  const Coutg = Cout / G;
  const osp = sp.map(
    (s, i) => (s - 1) * (p.stride[i] as number) - 2 * (p.padding[i] as number) + (p.dilation[i] as number) * ((ks[i] as number) - 1) + (p.output_padding[i] as number) + 1,
  );
  const map: PlaneMap = im2colMap({ C: Cout, size: as2d(osp, 1), kernel, grid: size, stride, padding, dilation }, [Cout].concat(osp), 'Im2ColBackward0', 'Col2ImBackward0');
  return convolve(
    Cout,
    () => {
      const xv = input.detach().reshape([N, G, Cing, L]);
      const cols = weight.detach().reshape([G, Cing, Coutg * K]).transpose(-1, -2).matmul(xv).reshape([N, Cout * K, L]);
      return mapScatter(cols, map);
    },
    (g, s, needs) => {
      const gcols = mapGather(g, map).reshape([N, G, Coutg * K, L]);
      const wv = s.get(1).reshape([G, Cing, Coutg * K]);
      const gx = needs[0] ? wv.matmul(gcols).reshape(input._shape.slice()) : null;
      const gw = needs[1] ? s.get(0).reshape([N, G, Cing, L]).matmul(gcols.transpose(-1, -2)).sum(0).reshape(weight._shape.slice()) : null;
      return [gx, gw];
    },
  );
}

/** conv1d/conv2d's unbatched input: unsqueezed, convolved, squeezed back (as ATen's batchify). */
function batchify(input: Tensor, nd: number, name: string, f: (x: Tensor) => Tensor): Tensor {
  const k = input._shape.length;
  if (k !== nd + 1 && k !== nd + 2) {
    throw new RuntimeError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${name}, but got input of size: ${fmt(input._shape)}`);
  }
  if (k === nd + 2) return f(input);
  return f(input.unsqueeze(0)).squeeze(0);
}

function convNd(nd: number, name: string, input: Tensor, weight: Tensor, o: Opts): Tensor {
  const bias = (o.bias as Tensor | null | undefined) ?? null;
  const groups = (o.groups as number | undefined) ?? 1;
  const stride = expandParam((o.stride as IntOrList | undefined) ?? 1, 'stride', nd);
  const dilation = expandParam((o.dilation as IntOrList | undefined) ?? 1, 'dilation', nd);
  const padArg = (o.padding as ConvPadding | undefined) ?? 0;
  const zeros = new Array<number>(nd).fill(0);
  return batchify(input, nd, name, (x) => {
    if (typeof padArg !== 'string') {
      return convolution(x, weight, bias, { stride, padding: expandParam(padArg, 'padding', nd), dilation, transposed: false, output_padding: zeros, groups });
    }
    if (padArg === 'valid') return convolution(x, weight, bias, { stride, padding: zeros, dilation, transposed: false, output_padding: zeros, groups });
    if (padArg !== 'same') throw new RuntimeError(`Invalid padding string: '${String(padArg)}'`);
    // conv_padding_same: symmetric padding where the total is even, one extra zero at the end
    // (through constant_pad_nd) where it is odd.
    const padding = zeros.slice();
    const padNd = new Array<number>(2 * nd).fill(0);
    let symmetric = true;
    for (let i = 0; i < nd; i++) {
      if (stride[i] !== 1) throw new RuntimeError("padding='same' is not supported for strided convolutions");
      const total = (dilation[i] as number) * ((weight._shape[i + 2] as number) - 1);
      padding[i] = Math.floor(total / 2);
      const delta = total - 2 * (padding[i] as number);
      if (delta !== 0) {
        symmetric = false;
        padNd[2 * (nd - 1 - i) + 1] = delta;
      }
    }
    let xin = x;
    if (!symmetric) {
      warnOnce(
        'UserWarning',
        "Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created (Triggered internally at  ./aten/src/ATen/native/Convolution.cpp:895.)",
      );
      xin = constant_pad_nd(x, padNd, 0);
    }
    return convolution(xin, weight, bias, { stride, padding, dilation, transposed: false, output_padding: zeros, groups });
  });
}

function convTransposeNd(nd: number, name: string, input: Tensor, weight: Tensor, o: Opts): Tensor {
  const bias = (o.bias as Tensor | null | undefined) ?? null;
  const p: ConvParams = {
    stride: expandParam((o.stride as IntOrList | undefined) ?? 1, 'stride', nd),
    padding: expandParam((o.padding as IntOrList | undefined) ?? 0, 'padding', nd),
    output_padding: expandParam((o.output_padding as IntOrList | undefined) ?? 0, 'output_padding', nd),
    dilation: expandParam((o.dilation as IntOrList | undefined) ?? 1, 'dilation', nd),
    groups: (o.groups as number | undefined) ?? 1,
    transposed: true,
  };
  return batchify(input, nd, name, (x) => convolution(x, weight, bias, p));
}

const CONV_NAMES = ['bias', 'stride', 'padding', 'dilation', 'groups'];
const CONV_T_NAMES = ['bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'];

type A<T> = T | ConvOpts;
type B<T> = T | ConvTransposeOpts;

/** F.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1) */
export function conv1d(input: Tensor, weight: Tensor, bias?: A<Tensor | null>, stride?: A<IntOrList>, padding?: A<ConvPadding>, dilation?: A<IntOrList>, groups?: A<number>): Tensor {
  return convNd(1, 'conv1d', input, weight, bindArgs('conv1d', CONV_NAMES, [bias, stride, padding, dilation, groups]));
}

/** F.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1) */
export function conv2d(input: Tensor, weight: Tensor, bias?: A<Tensor | null>, stride?: A<IntOrList>, padding?: A<ConvPadding>, dilation?: A<IntOrList>, groups?: A<number>): Tensor {
  return convNd(2, 'conv2d', input, weight, bindArgs('conv2d', CONV_NAMES, [bias, stride, padding, dilation, groups]));
}

/** F.conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1) */
export function conv_transpose1d(
  input: Tensor, weight: Tensor, bias?: B<Tensor | null>, stride?: B<IntOrList>, padding?: B<IntOrList>, output_padding?: B<IntOrList>, groups?: B<number>, dilation?: B<IntOrList>,
): Tensor {
  return convTransposeNd(1, 'conv_transpose1d', input, weight, bindArgs('conv_transpose1d', CONV_T_NAMES, [bias, stride, padding, output_padding, groups, dilation]));
}

/** F.conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1) */
export function conv_transpose2d(
  input: Tensor, weight: Tensor, bias?: B<Tensor | null>, stride?: B<IntOrList>, padding?: B<IntOrList>, output_padding?: B<IntOrList>, groups?: B<number>, dilation?: B<IntOrList>,
): Tensor {
  return convTransposeNd(2, 'conv_transpose2d', input, weight, bindArgs('conv_transpose2d', CONV_T_NAMES, [bias, stride, padding, output_padding, groups, dilation]));
}
