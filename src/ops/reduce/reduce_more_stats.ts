// Moments: var, std, var_mean, std_mean (VarBackward0, StdBackward0, VarMeanBackward0,
// StdMeanBackward0), with PyTorch 1.13's three call forms: (dim, unbiased, keepdim),
// (unbiased), and (dim, { correction, keepdim }).
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { numelOf, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { mean } from './reduce.ts';
import { expand } from '../shape/views.ts';
import { add, div, mul, sub } from '../pointwise/arithmetic.ts';
import { eq } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { checkUnique, dimList, forEachGroup, isOpts, reduceMask, reducedShape, restoreDims, type DimList } from './reduce_more_util.ts';
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

/** Per group: mean and M2 (sum of squared deviations), two passes in double. */
function moments(x: Tensor, m: Moments): { v: Tensor; mu: Tensor; n: number } {
  const shape = reducedShape(x._shape, m.mask, m.keepdim);
  const v = Tensor._empty(shape, x.dtype);
  const mu = Tensor._empty(shape.slice(), x.dtype);
  let n = 0;
  forEachGroup(x, m.mask, (vals, o) => {
    n = vals.length;
    let s = 0;
    for (const a of vals) s += a;
    const avg = s / vals.length;
    let m2 = 0;
    for (const a of vals) m2 += (a - avg) * (a - avg);
    v._data[o] = m2 / Math.max(0, vals.length - m.correction);
    mu._data[o] = avg;
  });
  if (numelOf(shape) === 0) {
    n = 1;
    for (let i = 0; i < m.mask.length; i++) if (m.mask[i]) n *= x._shape[i] as number;
  }
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
