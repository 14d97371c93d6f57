// Moments: var, std, var_mean, std_mean (VarBackward0, StdBackward0, VarMeanBackward0,
// StdMeanBackward0), with PyTorch 1.13's three call forms: (dim, unbiased, keepdim),
// (unbiased), and (dim, { correction, keepdim }).
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { mean } from './reduce.ts';
import { expand } from '../shape/views.ts';
import { add, div, mul, sub } from '../pointwise/arithmetic.ts';
import { eq } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { checkUnique, dimList, isOpts, reduceMask, reducedShape, restoreDims, type DimList } from './reduce_more_util.ts';
import type { TypedArray } from '../../tensor/dtype.ts';
import { TorchTypeError } from '../../errors.ts';

export type VarOpts = { dim?: DimList | null; unbiased?: boolean; correction?: number; keepdim?: boolean };
export type VarArg = DimList | null | boolean | VarOpts | undefined;

interface Moments {
  dims: number[] | null;
  mask: boolean[];
  keepdim: boolean;
  correction: number;
}

function parseVarArgs(fn: string, x: Tensor, args: readonly VarArg[]): Moments {
  if (!x.dtype.is_floating_point) throw new RuntimeError('std and var only support floating point and complex dtypes');
  const list = args.slice();
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  let o: VarOpts = {};
  if (list.length > 0 && isOpts(list[list.length - 1])) o = { ...(list.pop() as VarOpts) };
  const [p0, p1, p2] = list;
  if (typeof p0 === 'boolean') {
    if (list.length > 1) throw new TorchTypeError(`${fn}() received an invalid combination of arguments`);
    o.unbiased = p0;
  } else {
    if (p0 !== undefined) o.dim = p0 as DimList | null;
    if (p1 !== undefined) o.unbiased = p1 as boolean;
    if (p2 !== undefined) o.keepdim = p2 as boolean;
  }
  if (o.unbiased !== undefined && o.correction !== undefined) {
    throw new RuntimeError(`${fn}: Cannot pass both unbiased and correction arguments`);
  }
  const nd = x._shape.length;
  const raw = dimList(o.dim);
  const dims = raw === null ? null : raw.map((d) => wrapDim(d, nd));
  checkUnique(dims);
  return {
    dims,
    mask: reduceMask(nd, dims),
    keepdim: o.keepdim ?? false,
    correction: o.correction ?? (o.unbiased === false ? 0 : 1),
  };
}

/**
 * Per group: mean and M2 (sum of squared deviations), two passes in double, each summing from
 * 0 in row-major order of the group; var = M2 / max(0, N − correction).
 */
function moments(x: Tensor, m: Moments): { v: Tensor; mu: Tensor; n: number } {
  const shape = reducedShape(x._shape, m.mask, m.keepdim);
  const v = Tensor._empty(shape, x.dtype);
  const mu = Tensor._empty(shape.slice(), x.dtype);
  const vd = v._data;
  const md = mu._data;
  const corr = m.correction;
  walkGroups(x, m.mask, (d, p, st, len, o) => {
    let s = 0;
    for (let j = 0, q = p; j < len; j++, q += st) s += d[q] as number;
    const avg = s / len;
    let m2 = 0;
    for (let j = 0, q = p; j < len; j++, q += st) {
      const dv = (d[q] as number) - avg;
      m2 += dv * dv;
    }
    vd[o] = m2 / Math.max(0, len - corr);
    md[o] = avg;
  });
  // (a 0-d tensor's mask may name dim 0, which it lacks: its one group has one element)
  let n = 1;
  for (let i = 0; i < x._shape.length; i++) if (m.mask[i]) n *= x._shape[i] as number;
  return { v, mu, n };
}

/** var_backward: (2 / (N − correction)) · g · (x − mean(x)). */
function varBackward(g: Tensor, x: Tensor, m: Moments, n: number): Tensor {
  const gk = restoreDims(g, m.mask, m.keepdim);
  return mul(mul(gk, 2 / (n - m.correction)), sub(x, mean(x, m.dims, true)));
}

/** std_backward: var_backward of g / (2·std), zero where std is zero. */
function stdBackward(g: Tensor, std: Tensor, x: Tensor, m: Moments, n: number): Tensor {
  const gvar = where_(eq(std, 0), 0, div(g, mul(std, 2)));
  return varBackward(gvar, x, m, n);
}

/** mean_backward: g spread evenly over the reduced elements. */
function meanBackward(g: Tensor, x: Tensor, m: Moments, n: number): Tensor {
  return div(expand(restoreDims(g, m.mask, m.keepdim), [x._shape]), n);
}

/** `torch.var(x, dim, unbiased, keepdim)`, `torch.var(x, unbiased)`, `torch.var(x, dim, { correction, keepdim })`. */
export function var_(x: Tensor, ...args: VarArg[]): Tensor {
  const m = parseVarArgs('var', x, args);
  const { v, n } = moments(x, m);
  if (needsGrad(x)) record('VarBackward0', [x], v, (g, s) => [varBackward(g[0] as Tensor, s.get(0), m, n)], [x]);
  return v;
}

export function std(x: Tensor, ...args: VarArg[]): Tensor {
  const m = parseVarArgs('std', x, args);
  const { v, n } = moments(x, m);
  const out = Tensor._empty(v._shape.slice(), x.dtype);
  for (let i = 0; i < out._data.length; i++) out._data[i] = Math.sqrt(v._data[i] as number);
  if (needsGrad(x)) record('StdBackward0', [x], out, (g, s) => [stdBackward(g[0] as Tensor, s.get(1), s.get(0), m, n)], [x, out]);
  return out;
}

/** `torch.var_mean(...)`: `[var, mean]` with one grad_fn (VarMeanBackward0). */
export function var_mean(x: Tensor, ...args: VarArg[]): [Tensor, Tensor] {
  const m = parseVarArgs('var_mean', x, args);
  const { v, mu, n } = moments(x, m);
  if (needsGrad(x)) {
    record('VarMeanBackward0', [x], [v, mu], (g, s) => {
      const self = s.get(0);
      const gv = g[0] == null ? null : varBackward(g[0], self, m, n);
      const gm = g[1] == null ? null : meanBackward(g[1], self, m, n);
      return [gv && gm ? add(gv, gm) : gv ?? gm];
    }, [x]);
  }
  return [v, mu];
}

/** `torch.std_mean(...)`: `[std, mean]` with one grad_fn (StdMeanBackward0). */
export function std_mean(x: Tensor, ...args: VarArg[]): [Tensor, Tensor] {
  const m = parseVarArgs('std_mean', x, args);
  const { v, mu, n } = moments(x, m);
  const sd = Tensor._empty(v._shape.slice(), x.dtype);
  for (let i = 0; i < sd._data.length; i++) sd._data[i] = Math.sqrt(v._data[i] as number);
  if (needsGrad(x)) {
    record('StdMeanBackward0', [x], [sd, mu], (g, s) => {
      const self = s.get(0);
      const gs = g[0] == null ? null : stdBackward(g[0], s.get(1), self, m, n);
      const gm = g[1] == null ? null : meanBackward(g[1], self, m, n);
      return [gs && gm ? add(gs, gm) : gs ?? gm];
    }, [x, sd]);
  }
  return [sd, mu];
}

// Note [group walks]: the moment and norm reductions visit each output's group (the reduced
// dims' elements, row-major) as one strided run of `data` when the reduced dims coalesce into
// one (the common cases: a trailing dim, a leading dim, all dims of a dense tensor), and
// otherwise gather the group into a reused double buffer first. Either way each group's
// values reach the per-group loop in the same order and as the same doubles as the gathered
// Float64Array of forEachGroup did, so every sum adds the same numbers in the same order.

/**
 * Calls f(data, p, stride, len, o) once per output o (row-major over the kept dims): the group
 * of output o is data[p + j·stride] for j < len (Note [group walks]).
 */
export function walkGroups(x: Tensor, mask: readonly boolean[], f: (d: TypedArray, p: number, stride: number, len: number, o: number) => void): void {
  const nd = x._shape.length;
  const keptShape: number[] = [];
  const keptStride: number[] = [];
  const redShape: number[] = [];
  const redStride: number[] = [];
  let len = 1;
  let nOut = 1;
  for (let i = 0; i < nd; i++) {
    const n = x._shape[i] as number;
    const st = x._stride[i] as number;
    if (mask[i]) {
      len *= n;
      if (n === 1) continue;
      const k = redShape.length - 1;
      // merge with the previous reduced dim when together they step as one
      if (k >= 0 && (redStride[k] as number) === st * n) {
        redShape[k] = (redShape[k] as number) * n;
        redStride[k] = st;
      } else {
        redShape.push(n);
        redStride.push(st);
      }
    } else {
      nOut *= n;
      keptShape.push(n);
      keptStride.push(st);
    }
  }
  if (nOut === 0) return;
  const d = x._data;
  const single = redShape.length <= 1;
  const rs = single ? ((redStride[0] as number | undefined) ?? 0) : 1;
  const buf = single || len === 0 ? null : new Float64Array(len);
  const nk = keptShape.length;
  const counter = new Array<number>(nk).fill(0);
  let base = x._offset;
  for (let o = 0; o < nOut; o++) {
    if (buf === null) f(d, base, rs, len, o);
    else {
      gatherGroup(d, base, redShape, redStride, buf);
      f(buf, 0, 1, len, o);
    }
    // next kept position (odometer, last dim fastest)
    for (let r = nk - 1; r >= 0; r--) {
      base += keptStride[r] as number;
      const c = (counter[r] as number) + 1;
      if (c < (keptShape[r] as number)) {
        counter[r] = c;
        break;
      }
      base -= c * (keptStride[r] as number);
      counter[r] = 0;
    }
  }
}

/** buf[j] = the j-th element (row-major over shape) of the group starting at base. */
function gatherGroup(d: TypedArray, base: number, shape: readonly number[], stride: readonly number[], buf: Float64Array): void {
  const nr = shape.length;
  const last = nr - 1;
  const m = shape[last] as number;
  const s = stride[last] as number;
  const counter = new Array<number>(nr).fill(0);
  let p = base;
  for (let k = 0; k < buf.length; k += m) {
    for (let j = 0, q = p; j < m; j++, q += s) buf[k + j] = d[q] as number;
    for (let r = last - 1; r >= 0; r--) {
      p += stride[r] as number;
      const c = (counter[r] as number) + 1;
      if (c < (shape[r] as number)) {
        counter[r] = c;
        break;
      }
      p -= c * (stride[r] as number);
      counter[r] = 0;
    }
  }
}
