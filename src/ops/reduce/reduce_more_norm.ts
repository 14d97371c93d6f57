// torch.norm as PyTorch 1.13's torch/functional.py dispatches it: a number p → at::norm over the
// given dims (all when none; NormBackward1); 'fro' → at::norm(2) for at most one dim, else
// sqrt(sum(x·x)) over two dims (SqrtBackward0), exactly as frobenius_norm composes it.
import { Tensor } from '../../tensor/tensor.ts';
import { type dtype } from '../../tensor/dtype.ts';
import { NotImplementedError, RuntimeError } from '../../errors.ts';
import { wrapDim } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { sum } from './reduce.ts';
import { div, mul, pow } from '../pointwise/arithmetic.ts';
import { sqrt } from '../pointwise/unary.ts';
import { eq, logical_or, ne } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { _to_dtype } from '../copy.ts';
import { abs, sgn } from '../pointwise/pointwise.ts';
import { bindArgs, dimList, reduceMask, reducedShape, restoreDims, type DimList } from './reduce_more_util.ts';
import { walkGroups } from './reduce_more_stats.ts';

export type NormP = number | 'fro' | 'nuc';
export type NormOpts = { p?: NormP | null; dim?: DimList | null; keepdim?: boolean; dtype?: dtype };

/** at::norm(self, p, dim, keepdim): the vector p-norm over `dims` (an empty list: every dim). */
function vectorNorm(x: Tensor, p: number, dims: number[], keepdim: boolean, outDtype?: dtype): Tensor {
  if (!x.dtype.is_floating_point) {
    throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${x.dtype.scalarName} instead.`);
  }
  const nd = x._shape.length;
  const mask = reduceMask(nd, dims);
  // With a dtype, values are read as doubles and the result is stored in that dtype
  // (norm.ScalarOpt_dim_dtype: NormBackward3).
  return pNorm(x, p, mask, keepdim, outDtype, outDtype === undefined ? 'NormBackward1' : 'NormBackward3');
}

/**
 * The vector p-norm of x over the dims flagged in `mask`, recorded as `gradFn` (at::norm's
 * NormBackward1/3 and linalg_vector_norm's LinalgVectorNormBackward0 share kernel and formula).
 */
export function pNorm(x: Tensor, p: number, mask: boolean[], keepdim: boolean, outDtype: dtype | undefined, gradFn: string): Tensor {
  const out = Tensor._empty(reducedShape(x._shape, mask, keepdim), outDtype ?? x.dtype);
  const od = out._data;
  // One loop per kind of p, each the arithmetic of the generic one (Note [group walks]).
  if (p === 0) {
    walkGroups(x, mask, (d, q, st, n, o) => {
      let r = 0;
      for (let j = 0; j < n; j++, q += st) if ((d[q] as number) !== 0) r++;
      od[o] = r;
    });
  } else if (p === Infinity || p === -Infinity) {
    const isMax = p === Infinity;
    walkGroups(x, mask, (d, q, st, n, o) => {
      let r = isMax ? 0 : Infinity;
      for (let j = 0; j < n; j++, q += st) {
        const a = Math.abs(d[q] as number);
        if (a !== a) {
          r = NaN;
          break;
        }
        r = isMax ? Math.max(r, a) : Math.min(r, a);
      }
      od[o] = r;
    });
  } else if (p === 2) {
    walkGroups(x, mask, (d, q, st, n, o) => {
      let s = 0;
      for (let j = 0; j < n; j++, q += st) {
        const v = d[q] as number;
        s += v * v;
      }
      od[o] = Math.sqrt(s);
    });
  } else if (p === 1) {
    walkGroups(x, mask, (d, q, st, n, o) => {
      let s = 0;
      for (let j = 0; j < n; j++, q += st) s += Math.abs(d[q] as number);
      od[o] = s;
    });
  } else {
    walkGroups(x, mask, (d, q, st, n, o) => {
      let s = 0;
      for (let j = 0; j < n; j++, q += st) s += Math.abs(d[q] as number) ** p;
      od[o] = s ** (1 / p);
    });
  }
  if (needsGrad(x)) {
    record(gradFn, [x], out, (g, s) => {
      const gi = normBackward(g[0] as Tensor, s.get(0), p, s.get(1), mask, keepdim);
      return [gi === null || gi.dtype === x.dtype ? gi : _to_dtype(gi, x.dtype, false)];
    }, [x, out]);
  }
  return out;
}

/** norm_backward (FunctionsManual.cpp), case by case on p. */
function normBackward(g0: Tensor, self: Tensor, p: number, norm0: Tensor, mask: boolean[], keepdim: boolean): Tensor | null {
  const g = restoreDims(g0, mask, keepdim || self._shape.length === 0);
  const norm = restoreDims(norm0, mask, keepdim || self._shape.length === 0);
  // PyTorch returns an undefined gradient for p = 0, which autograd.grad reports as None.
  if (p === 0) return null;
  if (p === 1) return mul(sgn(self), g);
  if (p === 2) return mul(g, where_(eq(norm, 0), 0, div(self, norm)));
  if (!Number.isFinite(p)) {
    const a = abs(self);
    const m = logical_or(eq(a, norm), ne(a, a));
    const dims = mask.flatMap((f, i) => (f ? [i] : []));
    return mul(sgn(self), mul(div(g, sum(m, dims, true)), m));
  }
  if (p < 1) {
    const scaled = mul(sgn(self), where_(eq(self, 0), 0, pow(abs(self), p - 1)));
    return mul(mul(scaled, g), pow(norm, 1 - p));
  }
  const scaled = p < 2 ? mul(sgn(self), pow(abs(self), p - 1)) : mul(self, pow(abs(self), p - 2));
  const scale = where_(eq(norm, 0), 0, div(g, pow(norm, p - 1)));
  return mul(scaled, scale);
}

/** `torch.norm(x, p='fro', dim=None, keepdim=false, { dtype })`. */
export function norm(
  x: Tensor,
  p?: NormP | null | NormOpts,
  dim?: DimList | null | NormOpts,
  keepdim?: boolean | NormOpts,
  opts?: NormOpts,
): Tensor {
  const a = bindArgs('norm', ['p', 'dim', 'keepdim', 'dtype'], [p, dim, keepdim, opts]);
  const pp = a.p === undefined ? 'fro' : (a.p as NormP | null);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const dt = a.dtype as dtype | undefined;
  const nd = x._shape.length;
  const raw = dimList(a.dim);
  if (pp === 'nuc') throw new NotImplementedError("norm(): p='nuc' is not supported by ts-torch");
  if (pp === 'fro' && raw === null && dt === undefined) return vectorNorm(x, 2, [], kd);
  const dims = (raw ?? [...Array(nd).keys()]).map((d) => wrapDim(d, nd));
  if (pp === 'fro') {
    if (dt !== undefined) throw new RuntimeError('dtype argument is not supported in frobenius norm');
    if (dims.length > 2) throw new RuntimeError(`Expected at most 2 dimensions, but got ${dims.length} dimensions instead.`);
    if (dims.length <= 1) return vectorNorm(x, 2, dims, kd);
    if (dims[0] === dims[1]) throw new RuntimeError(`Expected dims to be different, got [${raw?.join(', ')}] instead`);
    return sqrt(sum(mul(x, x), dims, kd));
  }
  return vectorNorm(x, pp ?? 2, dims, kd, dt);
}
