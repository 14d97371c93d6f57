// Scans: cumsum and cumprod along one dim (CumsumBackward0, CumprodBackward0).
import { Tensor } from '../../tensor/tensor.ts';
import { float32, int64, type dtype } from '../../tensor/dtype.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { RuntimeError } from '../../errors.ts';
import { is_grad_enabled, no_grad } from '../../autograd/grad_mode.ts';
import { div, mul } from '../pointwise/arithmetic.ts';
import { _to_dtype } from '../copy.ts';
import { flip } from '../shape/shape_more.ts';
import { cat } from '../shape/shape_more_join.ts';
import { expand, select, slice } from '../shape/views.ts';
import { copy_ } from '../inplace.ts';
import { full_of, zeros_of } from '../alloc.ts';
import { sum } from './reduce.ts';
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

// Note [cumprod double backward]: cumprod_backward (ATen's ReduceOps.cpp) has three paths. Without
// zeros in the input it is Σ_{j≥i} g_j·y_j / x_i, made of differentiable ops. With a zero and grad
// mode off (a plain backward) it is an O(n) masked formula, computed here as one kernel. With a
// zero and grad mode on (create_graph), the derivative of that formula would be wrong, so ATen
// takes an O(n²) composite path, dy_j/dx_k = prod(x[:k])·cumprod(x[k+1:j]), copied slice by slice
// into zeros (CopySlices), and so does this file: second-order gradients are then exact. That
// path needs prod(x, dim, keepdim) (ProdBackward1), whose own backward needs cumprod:
// reduce_more.ts imports this file, so prod is called as a Tensor method, through the op table
// (Note [op table] in src/tensor/tensor.ts).

/**
 * cumprod_backward's O(n) path for inputs with a zero (grad mode off), lane by lane as ATen's
 * masks compute it: with z1 the first zero of a lane and z2 the next (or the end), positions
 * before z1 get Σ_{k≤j<z1} g_j·y_j / x_k, z1 gets prod(x[:z1])·Σ_{z1≤j<z2} g_j·cumprod(x[z1+1:j]),
 * later ones 0. Values round to the dtype where ATen's ops store them.
 */
function cumprodBackwardMasked(g: Tensor, x: Tensor, y: Tensor, dim: number): Tensor {
  // g is in the input's dtype; ATen scatters y·g (promoted) into zeros of g's dtype, which fails
  // when cumprod's dtype= made y wider (float32 input, float64 result).
  if (y.dtype.is_floating_point && y.dtype.itemsize > g.dtype.itemsize) {
    throw new RuntimeError(`masked_scatter: expected self and source to have same dtypes but got${g.dtype.scalarName} and ${y.dtype.scalarName}`);
  }
  const out = Tensor._empty(x._shape.slice(), g.dtype);
  const r = g.dtype === float32 ? Math.fround : (v: number): number => v;
  const nd = x._shape.length;
  const order: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== dim) order.push(i);
  order.push(dim);
  const pShape = order.map((i) => x._shape[i] as number);
  const offsets = (t: Tensor): ArrayLike<number> => elementOffsets(pShape, order.map((i) => t._stride[i] as number), t._offset);
  const [xo, go, yo, oo] = [offsets(x), offsets(g), offsets(y), offsets(out)];
  const len = x._shape[dim] as number;
  const lanes = len === 0 ? 0 : numelOf(x._shape) / len;
  const xv = (k: number): number => x._data[xo[k] as number] as number;
  const gv = (k: number): number => g._data[go[k] as number] as number;
  const yv = (k: number): number => y._data[yo[k] as number] as number;
  for (let l = 0; l < lanes; l++) {
    const base = l * len;
    let z1 = 0;
    while (z1 < len && xv(base + z1) !== 0) z1++;
    let z2 = z1 + 1;
    while (z2 < len && xv(base + z2) !== 0) z2++;
    // k < z1: the reversed cumsum (a double accumulator, stored in the dtype) of the masked g·y, over x_k.
    let acc = 0;
    for (let j = len - 1; j >= 0; j--) {
      if (j >= z1) {
        out._data[oo[base + j] as number] = 0;
        continue;
      }
      acc += r(yv(base + j) * gv(base + j));
      out._data[oo[base + j] as number] = r(r(acc) / xv(base + j));
    }
    if (z1 === len) continue;
    // k = z1: Σ_j cumprod(x masked to (z1, z2), else 1)_j · (g masked to [z1, z2)) · y[z1 − 1].
    let cp = 1;
    let s = 0;
    for (let j = z1; j < z2; j++) {
      if (j > z1) cp *= xv(base + j);
      s = r(s + r(r(cp) * gv(base + j)));
    }
    out._data[oo[base + z1] as number] = r(s * (z1 === 0 ? 1 : yv(base + z1 - 1)));
  }
  return out;
}

/** cumprod_backward's O(n²) composite path (grad mode on; Note [cumprod double backward]). */
function cumprodBackwardComposite(g: Tensor, x: Tensor, dim: number): Tensor {
  const prodK = (t: Tensor, d: number): Tensor => t.prod(d, true);
  const n = x._shape[dim] as number;
  const gradInput = zeros_of(x._shape, g.dtype);
  const onesSize = x._shape.slice();
  onesSize[dim] = 1;
  const ones = expand(full_of([1], 1, g.dtype), [onesSize]);
  for (let k = 0; k < n; k++) {
    let omitted: Tensor;
    if (k === 0) {
      omitted = cat([ones, cumprod(slice(x, dim, k + 1, null), dim)], dim);
    } else if (k === n - 1) {
      omitted = prodK(slice(x, dim, 0, k), dim);
    } else {
      const untilK = prodK(slice(x, dim, 0, k), dim);
      const fromK1 = cumprod(slice(x, dim, k + 1, null), dim);
      omitted = cat([untilK, mul(expand(untilK, [fromK1._shape]), fromK1)], dim);
    }
    copy_(select(gradInput, dim, k), sum(mul(slice(g, dim, k, null), omitted), dim));
  }
  return gradInput;
}

function hasZero(t: Tensor): boolean {
  const offs = elementOffsets(t._shape, t._stride, t._offset);
  for (let i = 0; i < offs.length; i++) if (t._data[offs[i] as number] === 0) return true;
  return false;
}

/** `torch.cumprod(x, dim, { dtype })`: CumprodBackward0, differentiable again (Note [cumprod double backward]). */
export function cumprod(x: Tensor, dim: number | ScanOpts, opts?: ScanOpts): Tensor {
  const { d, dt } = scanArgs('cumprod', x, dim, opts);
  // The dtype cast is part of cumprod (no ToCopyBackward0): the gradient is cast back first.
  const src = dt !== x.dtype ? no_grad(() => _to_dtype(x, dt, false)) : x;
  const out = scan(src, d, dt, (a, v) => a * v);
  if (needsGrad(x) && dt.is_floating_point) {
    record('CumprodBackward0', [x], out, (g, s) => {
      const input = s.get(0);
      const output = s.get(1);
      const gg = _to_dtype(g[0] as Tensor, input.dtype, false);
      if (input.numel() <= 1 || input._shape[d] === 1) return [gg];
      if (!hasZero(input)) return [div(reversedCumsum(mul(output, gg), d), input)];
      if (!is_grad_enabled()) return [cumprodBackwardMasked(gg, input, output, d)];
      return [cumprodBackwardComposite(gg, input, d)];
    }, [x, out]);
  }
  return out;
}
