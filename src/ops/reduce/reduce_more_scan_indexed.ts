// Scans with indices or a log-sum along one dim: cummax, cummin, logcumsumexp (ReduceOps.cpp,
// cpu/ReduceOpsKernel.cpp); backwards follow derivatives.yaml / FunctionsManual.cpp, written with
// public ops so that they are differentiable again.
import { Tensor } from '../../tensor/tensor.ts';
import { float32, int64, type dtype } from '../../tensor/dtype.ts';
import { TorchTypeError } from '../../errors.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { add, sub } from '../pointwise/arithmetic.ts';
import { exp, log, neg } from '../pointwise/unary.ts';
import { gt, lt } from '../pointwise/compare.ts';
import { notImplemented } from '../pointwise/pointwise_unary.ts';
import { where_ } from '../pointwise/select_where.ts';
import { flip } from '../shape/shape_more.ts';
import { scatter_add } from '../indexing/index_ops_scatter.ts';
import { bindArgs, valuesIndices, type ValuesIndices } from './reduce_more_util.ts';

// ---- scans along one dim ----------------------------------------------------------------------

/**
 * Visits each lane of x along `dim`: `f(src, dst)` gets the offsets into x's storage and the
 * row-major positions in a contiguous output of x's shape, both in lane order.
 */
function forEachLane(x: Tensor, dim: number, f: (src: ArrayLike<number>, dst: ArrayLike<number>, base: number, len: number) => void): void {
  const nd = x._shape.length;
  const order: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== dim) order.push(i);
  order.push(dim);
  const pShape = order.map((i) => x._shape[i] as number);
  const contiguous: number[] = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) {
    contiguous[i] = s;
    s *= x._shape[i] as number;
  }
  const xo = elementOffsets(pShape, order.map((i) => x._stride[i] as number), x._offset);
  const oo = elementOffsets(pShape, order.map((i) => contiguous[i] as number), 0);
  const len = x._shape[dim] as number;
  const lanes = len === 0 ? 0 : numelOf(x._shape) / len;
  for (let l = 0; l < lanes; l++) f(xo, oo, l * len, len);
}

function dimArg(fn: string, dim: unknown): number {
  const a = bindArgs(fn, ['dim'], [dim]);
  if (typeof a.dim !== 'number') throw new TorchTypeError(`${fn}() missing 1 required positional arguments: "dim"`);
  return a.dim;
}

/** cummaxmin_backward: the gradient flows to the index each output took its value from. */
function cummaxminBackward(g: Tensor, input: Tensor, indices: Tensor, dim: number): Tensor {
  if (numelOf(input._shape) === 0) return input;
  return scatter_add(Tensor._empty(input._shape.slice(), g.dtype), dim, indices, g);
}

function cumExtreme(isMax: boolean, x: Tensor, dimIn: unknown): ValuesIndices {
  const name = isMax ? 'cummax' : 'cummin';
  const dim0 = dimArg(name, dimIn);
  const nd = x._shape.length;
  const values = Tensor._empty(x._shape.slice(), x.dtype);
  const indices = Tensor._empty(x._shape.slice(), int64);
  // A 0-dim input is copied without looking at dim (cummax_out checks dim only for dim() > 0).
  const dim = nd === 0 ? 0 : wrapDim(dim0, nd);
  if (nd === 0) {
    values._data[0] = x._data[x._offset] as number;
  } else {
    const src = x._data;
    // std::greater_equal / less_equal: a later tie wins; NaN wins and then stays.
    const better = isMax ? (v: number, a: number): boolean => v >= a : (v: number, a: number): boolean => v <= a;
    forEachLane(x, dim, (xo, oo, base, len) => {
      let out = src[xo[base] as number] as number;
      let idx = 0;
      for (let i = 0; i < len; i++) {
        const v = src[xo[base + i] as number] as number;
        if (v !== v || (out === out && better(v, out))) {
          out = v;
          idx = i;
        }
        values._data[oo[base + i] as number] = out;
        indices._data[oo[base + i] as number] = idx;
      }
    });
  }
  if (needsGrad(x)) {
    record(isMax ? 'CummaxBackward0' : 'CumminBackward0', [x], [values, indices], (g, s) => [cummaxminBackward(g[0] as Tensor, s.get(0), s.get(1), dim)], [x, indices]);
  }
  return valuesIndices(name, values, indices);
}

/** `torch.cummax(x, dim)`: named tuple `[values, indices]` of the running maximum (CummaxBackward0). */
export function cummax(x: Tensor, dim: number | { dim: number }): ValuesIndices {
  return cumExtreme(true, x, dim);
}

/** `torch.cummin(x, dim)`: named tuple `[values, indices]` of the running minimum (CumminBackward0). */
export function cummin(x: Tensor, dim: number | { dim: number }): ValuesIndices {
  return cumExtreme(false, x, dim);
}

/** log(exp(x) + exp(y)) as the CPU kernel computes it (in double), keeping infinities exact. */
function logAddExp(x: number, y: number): number {
  const min = y !== y ? y : Math.min(x, y);
  const max = y !== y ? y : Math.max(x, y);
  if (min !== max || Number.isFinite(min)) return Math.log1p(Math.exp(min - max)) + max;
  return x;
}

/** `torch.logcumsumexp(x, dim)`: log Σ_{j≤i} exp(x_j) along dim (LogcumsumexpBackward0). */
export function logcumsumexp(x: Tensor, dim: number | { dim: number }): Tensor {
  const dim0 = dimArg('logcumsumexp', dim);
  const nd = x._shape.length;
  const d = wrapDim(dim0, nd);
  if (!x.dtype.is_floating_point) throw notImplemented('logcumsumexp_out_cpu', x.dtype);
  const out = Tensor._empty(x._shape.slice(), x.dtype);
  if (nd === 0) {
    out._data[0] = x._data[x._offset] as number;
  } else {
    const src = x._data;
    // The accumulator is a double (acc_type on CPU); only the stored values round to float32.
    forEachLane(x, d, (xo, oo, base, len) => {
      let acc = -Infinity;
      for (let i = 0; i < len; i++) {
        acc = logAddExp(src[xo[base + i] as number] as number, acc);
        out._data[oo[base + i] as number] = acc;
      }
    });
  }
  if (needsGrad(x)) {
    record('LogcumsumexpBackward0', [x], out, (g, s) => [logcumsumexpBackward(g[0] as Tensor, s.get(0), s.get(1), d)], [x, out]);
  }
  return out;
}

/** The most negative finite value of a float dtype (std::numeric_limits<T>::lowest()). */
function lowest(dt: dtype): number {
  return dt === float32 ? -3.4028234663852886e38 : -Number.MAX_VALUE;
}

/**
 * logcumsumexp_backward: splits g by sign so that each part is summed in log space:
 * Σ_{j≥i} g_j·exp(x_i − y_j) = exp(x_i + reverse_logcumsumexp(log g − y)).
 */
function logcumsumexpBackward(g: Tensor, self: Tensor, result: Tensor, dim: number): Tensor {
  if (g._shape.length === 0 || numelOf(g._shape) === 0) return g;
  const gradMin = Tensor._empty(g._shape.slice(), g.dtype);
  gradMin._data.fill(lowest(g.dtype));
  const logPos = where_(gt(g, 0), log(g), gradMin);
  const logNeg = where_(lt(g, 0), log(neg(g)), gradMin);
  const reverse = (t: Tensor): Tensor => flip(logcumsumexp(flip(t, [dim]), dim), [dim]);
  const outPos = exp(add(reverse(sub(logPos, result)), self));
  const outNeg = exp(add(reverse(sub(logNeg, result)), self));
  return sub(outPos, outNeg);
}
