// F.pad: constant (constant_pad_nd), reflect and replicate (index maps over the last 1 or 2
// dims), and circular (composed of slices and copies, as ATen's _pad_circular, so its graph is
// PyTorch's chain of CopySlices).
import type { Tensor } from '../tensor/tensor.ts';
import { NotImplementedError, RuntimeError } from '../errors.ts';
import { numelOf } from '../tensor/shape.ts';
import { bindArgs } from '../ops/reduce/reduce_more_util.ts';
import { slice } from '../ops/shape/views.ts';
import { mapGather, requireFloating, type PlaneMap } from './vision_map.ts';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';
export interface PadOpts {
  mode?: PadMode;
  value?: number | null;
}

/**
 * A map over the last `pads.length / 2` dims: output position o along a dim reads input
 * `src(o, dim)` (-1: none, i.e. the fill value). pads are F.pad's (last dim first).
 */
function padMap(x: Tensor, pads: readonly number[], src: (o: number, size: number, l: number, r: number) => number, fill: number, name: string): PlaneMap {
  const nd = pads.length / 2;
  const inTail = x._shape.slice(x._shape.length - nd);
  const outTail = inTail.map((s, i) => s + (pads[2 * (nd - 1 - i)] as number) + (pads[2 * (nd - 1 - i) + 1] as number));
  const tables = outTail.map((o, i) => {
    const t = new Int32Array(o);
    for (let j = 0; j < o; j++) t[j] = src(j, inTail[i] as number, pads[2 * (nd - 1 - i)] as number, pads[2 * (nd - 1 - i) + 1] as number);
    return t;
  });
  const outSize = numelOf(outTail);
  const idx = new Int32Array(outSize);
  const pos = new Array<number>(nd).fill(0);
  for (let j = 0; j < outSize; j++) {
    let flat = 0;
    for (let d = 0; d < nd; d++) {
      const i = (tables[d] as Int32Array)[pos[d] as number] as number;
      if (i < 0 || flat < 0) flat = -1;
      else flat = flat * (inTail[d] as number) + i;
    }
    idx[j] = flat;
    for (let d = nd - 1; d >= 0; d--) {
      pos[d] = (pos[d] as number) + 1;
      if ((pos[d] as number) < (outTail[d] as number)) break;
      pos[d] = 0;
    }
  }
  return { inSize: numelOf(inTail), outSize, K: 1, idx, w: null, perPlane: false, fill, inTail, outTail, gatherName: name, scatterName: `${name.replace(/0$/, '')}Backward0` };
}

/** aten::constant_pad_nd (grad_fn ConstantPadNdBackward0); negative pads crop. */
export function constant_pad_nd(x: Tensor, pad: readonly number[], value = 0): Tensor {
  if (pad.length % 2 !== 0) throw new RuntimeError(`Length of pad must be even but instead it equals ${pad.length}`);
  const lInp = x._shape.length;
  const lPad = pad.length / 2;
  if (lInp < lPad) {
    throw new RuntimeError(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${lInp}dimensions.`);
  }
  const lDiff = lInp - lPad;
  for (let i = 0; i < lPad; i++) {
    const pi = pad.length - (i + 1) * 2;
    const size = x._shape[lDiff + i] as number;
    if (size + (pad[pi] as number) + (pad[pi + 1] as number) < 0) {
      throw new RuntimeError(
        `The input size ${size}, plus negative padding ${pad[pi]} and ${pad[pi + 1]} resulted in a negative output size, which is invalid. Check dimension ${lDiff + i} of your input.`,
      );
    }
  }
  const m = padMap(x, pad, (o, size, l) => (o - l >= 0 && o - l < size ? o - l : -1), value, 'ConstantPadNdBackward0');
  return mapGather(x, m);
}

// ATen's reflection/replication index rules, which also handle negative (cropping) pads.
function reflectSrc(j: number, w: number, l: number): number {
  const iStart = Math.max(0, -l);
  const oStart = Math.max(0, l);
  const ip = j < l ? 2 * l - j : j < w + l ? j : 2 * (w + l - 1) - j;
  return ip - oStart + iStart;
}

function replicateSrc(j: number, w: number, l: number): number {
  const iStart = Math.max(0, -l);
  const oStart = Math.max(0, l);
  const ip = j < l ? l : j < w + l ? j : w + l - 1;
  return ip - oStart + iStart;
}

function reflectionPad(x: Tensor, pad: readonly number[]): Tensor {
  const nd = pad.length / 2;
  for (let i = 0; i < nd; i++) {
    const dim = x._shape.length - 1 - i;
    const l = pad[2 * i] as number;
    const r = pad[2 * i + 1] as number;
    const size = x._shape[dim] as number;
    if (!(l < size && r < size)) {
      throw new RuntimeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${dim} of input ${x._shape.length}`);
    }
  }
  requireFloating(x, `reflection_pad${nd}d`);
  return mapGather(x, { ...padMap(x, pad, reflectSrc, 0, `ReflectionPad${nd}DBackward0`), linkSelf: true });
}

function replicationPad(x: Tensor, pad: readonly number[]): Tensor {
  const nd = pad.length / 2;
  requireFloating(x, `replication_pad${nd}d_cpu`);
  return mapGather(x, { ...padMap(x, pad, replicateSrc, 0, `ReplicationPad${nd}DBackward0`), linkSelf: true });
}

/** ATen's _pad_circular: the input copied into an empty tensor, then the borders copied from it. */
function padCircular(x: Tensor, pad: readonly number[]): Tensor {
  const inShape = x._shape;
  const nd = inShape.length - 2;
  if (pad.length !== 2 * nd) throw new RuntimeError(`Expected padding of length ${nd * 2} but got ${pad.length}`);
  const outShape = inShape.slice();
  for (let i = 0; i < nd; i++) {
    const l = pad[2 * (nd - i - 1)] as number;
    const r = pad[2 * (nd - i - 1) + 1] as number;
    const size = inShape[2 + i] as number;
    outShape[2 + i] = size + l + r;
    if (!(l <= size && r <= size)) throw new RuntimeError('Padding value causes wrapping around more than once.');
    if ((outShape[2 + i] as number) < 0) throw new RuntimeError('Negative padding value is resulting in an empty dimension');
  }
  const out = x.new_empty(outShape);
  let outSlice = out;
  let inSlice = x;
  for (let i = 0; i < nd; i++) {
    const dim = nd - i + 1;
    const l = pad[2 * i] as number;
    const r = pad[2 * i + 1] as number;
    outSlice = slice(outSlice, dim, Math.max(l, 0), (outShape[dim] as number) - Math.max(r, 0));
    inSlice = slice(inSlice, dim, Math.max(-l, 0), (inShape[dim] as number) - Math.max(-r, 0));
  }
  outSlice.copy_(inSlice);
  for (let i = 0; i < nd; i++) {
    const dim = nd - i + 1;
    const l = pad[2 * i] as number;
    const r = pad[2 * i + 1] as number;
    const n = outShape[dim] as number;
    if (l > 0) slice(out, dim, 0, l).copy_(slice(out, dim, n - l - Math.max(r, 0), n - Math.max(r, 0)));
    if (r > 0) slice(out, dim, n - r, n).copy_(slice(out, dim, Math.max(l, 0), Math.max(l, 0) + r));
  }
  return out;
}

/** F.pad(input, pad, mode='constant', value=None) */
export function pad(input: Tensor, pad: readonly number[], mode?: PadMode | PadOpts, value?: number | null | PadOpts): Tensor {
  const o = bindArgs('pad', ['mode', 'value'], [mode, value]);
  const m = (o.mode as string | undefined) ?? 'constant';
  const v = (o.value as number | null | undefined) ?? null;
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(m)) throw new NotImplementedError(`Unrecognised padding mode ${m}`);
  const dim = input._shape.length;
  if (pad.length % 2 !== 0) throw new RuntimeError('Padding length must be divisible by 2');
  if (pad.length > dim * 2) throw new RuntimeError('Padding length too large');
  if (m === 'constant') return constant_pad_nd(input, pad, v ?? 0);
  if (v !== null && v !== 0) throw new RuntimeError(`Padding mode "${m}" doesn't take in value argument`);
  if ((pad.length === 2 && (dim === 2 || dim === 3)) || (pad.length === 4 && (dim === 3 || dim === 4))) {
    if (m === 'reflect') return reflectionPad(input, pad);
    if (m === 'replicate') return replicationPad(input, pad);
    return padCircular(input, pad);
  }
  throw new NotImplementedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
}
