// Scans: cumsum and cumprod along one dim (CumsumBackward0, CumprodBackward0).
import { Tensor } from '../../tensor/tensor.ts';
import { int64, type dtype } from '../../tensor/dtype.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { div, mul } from '../pointwise/arithmetic.ts';
import { _to_dtype } from '../copy.ts';
import { flip } from '../shape/shape_more.ts';
import { bindArgs } from './reduce_more_util.ts';

type ScanOpts = { dim?: number; dtype?: dtype };

/**
 * Runs `step` along `dim` of x into a new contiguous tensor of dtype dt: out[i] = step(out[i-1], x[i]),
 * out[0] = x[0]. Lanes are walked through x's strides, so any layout works.
 */
function scan(x: Tensor, dim: number, dt: dtype, step: (acc: number, v: number) => number): Tensor {
  const out = Tensor._empty(x._shape.slice(), dt);
  const nd = x._shape.length;
  if (nd === 0) {
    out._data[0] = x._data[x._offset] as number;
    return out;
  }
  const order: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== dim) order.push(i);
  order.push(dim);
  const pShape = order.map((i) => x._shape[i] as number);
  const xo = elementOffsets(pShape, order.map((i) => x._stride[i] as number), x._offset);
  const oo = elementOffsets(pShape, order.map((i) => out._stride[i] as number), 0);
  const len = x._shape[dim] as number;
  const lanes = len === 0 ? 0 : numelOf(x._shape) / len;
  const src = x._data;
  const dst = out._data;
  const isFloat = dt.is_floating_point;
  for (let l = 0, k = 0; l < lanes; l++) {
    let acc = 0;
    for (let j = 0; j < len; j++, k++) {
      const v = src[xo[k] as number] as number;
      acc = j === 0 ? v : step(acc, v);
      // The accumulator stays a double (PyTorch's acc_type on CPU); only the stored value rounds.
      dst[oo[k] as number] = isFloat ? acc : acc + 0; // no −0 in integer outputs (int64 is a Float64Array)
    }
  }
  return out;
}

function scanArgs(fn: string, x: Tensor, dim: unknown, opts: unknown): { d: number; dt: dtype; src: Tensor } {
  const a = bindArgs(fn, ['dim', 'dtype'], [dim, opts]);
  const d = wrapDim(a.dim as number, x._shape.length);
  const requested = a.dtype as dtype | undefined;
  const dt = requested ?? (x.dtype.is_floating_point ? x.dtype : int64);
  const src = dt !== x.dtype ? _to_dtype(x, dt, false) : x;
  return { d, dt, src };
}

/** reversed_cumsum: sums from the end of the dim. */
function reversedCumsum(g: Tensor, dim: number): Tensor {
  return flip(cumsum(flip(g, [dim]), dim), [dim]);
}

/** `torch.cumsum(x, dim, { dtype })`: integer and bool inputs accumulate in int64. */
export function cumsum(x: Tensor, dim: number | ScanOpts, opts?: ScanOpts): Tensor {
  const { d, dt, src } = scanArgs('cumsum', x, dim, opts);
  const out = scan(src, d, dt, (a, v) => a + v);
  if (needsGrad(src)) {
    record('CumsumBackward0', [src], out, (g) => {
      const gg = g[0] as Tensor;
      if (numelOf(gg._shape) <= 1 || gg._shape[d] === 1) return [gg];
      return [reversedCumsum(gg, d)];
    });
  }
  return out;
}

/**
 * Gradient of cumprod on a lane with zeros: dy_j/dx_i is the product of x_k for k ≤ j, k ≠ i.
 * Computed directly (not differentiable again), which is exact where dividing by x is not.
 */
function cumprodBackwardWithZeros(g: Tensor, x: Tensor, dim: number): Tensor {
  const out = Tensor._empty(x._shape.slice(), g.dtype);
  const nd = x._shape.length;
  const order: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== dim) order.push(i);
  order.push(dim);
  const pShape = order.map((i) => x._shape[i] as number);
  const xo = elementOffsets(pShape, order.map((i) => x._stride[i] as number), x._offset);
  const go = elementOffsets(pShape, order.map((i) => g._stride[i] as number), g._offset);
  const oo = elementOffsets(pShape, order.map((i) => out._stride[i] as number), 0);
  const len = x._shape[dim] as number;
  const lanes = len === 0 ? 0 : numelOf(x._shape) / len;
  for (let l = 0; l < lanes; l++) {
    const base = l * len;
    for (let i = 0; i < len; i++) {
      let total = 0;
      let p = 1;
      for (let k = 0; k < i; k++) p *= x._data[xo[base + k] as number] as number;
      for (let j = i; j < len; j++) {
        if (j > i) p *= x._data[xo[base + j] as number] as number;
        total += p * (g._data[go[base + j] as number] as number);
      }
      out._data[oo[base + i] as number] = total;
    }
  }
  return out;
}

function hasZero(t: Tensor): boolean {
  const offs = elementOffsets(t._shape, t._stride, t._offset);
  for (let i = 0; i < offs.length; i++) if (t._data[offs[i] as number] === 0) return true;
  return false;
}

/** `torch.cumprod(x, dim, { dtype })`. */
export function cumprod(x: Tensor, dim: number | ScanOpts, opts?: ScanOpts): Tensor {
  const { d, dt, src } = scanArgs('cumprod', x, dim, opts);
  const out = scan(src, d, dt, (a, v) => a * v);
  if (needsGrad(src)) {
    record('CumprodBackward0', [src], out, (g, s) => {
      const gg = g[0] as Tensor;
      const input = s.get(0);
      if (numelOf(gg._shape) <= 1 || input._shape.length === 0) return [gg];
      // Without zeros: Σ_{j≥i} g_j·y_j / x_i (cumprod_backward's fast path).
      if (!hasZero(input)) return [div(reversedCumsum(mul(gg, s.get(1)), d), input)];
      return [cumprodBackwardWithZeros(gg, input, d)];
    }, [src, out]);
  }
  return out;
}
