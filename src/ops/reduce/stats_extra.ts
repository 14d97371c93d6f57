// Statistics and products PyTorch 1.13 composes from other ops (cov, corrcoef, trapezoid,
// cumulative_trapezoid, vander, matrix_power, chain_matmul / linalg.multi_dot), composed here
// the same way so their grad_fn chains match, plus the ones with their own derivatives.yaml
// entry (addbmm, addr, dist, renorm).
import { Tensor } from '../../tensor/tensor.ts';
import { NotImplementedError, RuntimeError, ValueError, warnOnce } from '../../errors.ts';
import { broadcastShapes } from '../../tensor/shape.ts';
import { wrapDim } from '../../tensor/shape.ts';
import { float32, float64, int64, promote_types } from '../../tensor/dtype.ts';
import { needsGrad, anyNeedsGrad, record } from '../../autograd/record.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { bmm, matmul, mm, mv } from '../linalg/linalg.ts';
import { outer } from '../linalg/linalg_more.ts';
import { expand, select, slice, squeeze, t, transpose, unsqueeze, view } from '../shape/views.ts';
import { add, div, mul, pow, sub } from '../pointwise/arithmetic.ts';
import { sqrt, reciprocal } from '../pointwise/unary.ts';
import { sum } from './reduce.ts';
import { cat } from '../shape/shape_more_join.ts';
import { cumsum, cumprod } from './reduce_more_scan.ts';
import { eq, gt, logical_or } from '../pointwise/compare.ts';
import { where_ } from '../pointwise/select_where.ts';
import { abs, sgn } from '../pointwise/pointwise.ts';
import { clamp } from '../pointwise/pointwise_clamp.ts';
import { broadcast_tensors } from '../shape/shape_more.ts';
import { flip, diag } from '../shape/shape_more.ts';
import { clone, _to_dtype } from '../copy.ts';
import { copy_, fill_ } from '../inplace.ts';
import { pNorm } from './reduce_more_norm.ts';
import { eye, scalar_tensor } from '../../tensor/fill_factories.ts';
import { inv } from '../../linalg/decompositions.ts';

type BetaAlpha = { beta?: number; alpha?: number };

/** A C++ `tensor * double` (mul.Scalar: MulBackward1; Python's `tensor * number` is MulBackward0). */
function mulScalar(x: Tensor, v: number): Tensor {
  // A double Scalar makes an integral tensor the default float dtype, whatever its value.
  const xf = x.dtype.is_floating_point ? x : _to_dtype(x, float32, false);
  const out = no_grad(() => mul(xf, v));
  if (needsGrad(xf)) record('MulBackward1', [xf], out, (g) => [mul(g[0] as Tensor, v)]);
  return out;
}

/** A C++ `tensor / double` (div.Scalar: DivBackward1). */
function divScalar(x: Tensor, v: number): Tensor {
  const xf = x.dtype.is_floating_point ? x : _to_dtype(x, float32, false);
  const out = no_grad(() => div(xf, v));
  if (needsGrad(xf)) record('DivBackward1', [xf], out, (g) => [div(g[0] as Tensor, v)]);
  return out;
}

function maybeMultiply(x: Tensor, s: number): Tensor {
  return s === 1 ? x : mul(x, s);
}

/** beta·self + alpha·product with self broadcast to the product's shape (beta = 0 ignores self). */
function combine(self: Tensor, product: Tensor, beta: number, alpha: number): Tensor {
  return no_grad(() => {
    const selfE = expand(self, [product._shape.slice()]);
    if (beta === 0) return alpha === 1 ? product : mul(product, alpha);
    return add(maybeMultiply(selfE, beta), maybeMultiply(product, alpha));
  });
}

/** `torch.addbmm(self, batch1, batch2, *, beta=1, alpha=1)`: beta·self + alpha·Σ_b batch1[b] @ batch2[b]. */
export function addbmm(self: Tensor, batch1: Tensor, batch2: Tensor, opts: BetaAlpha = {}): Tensor {
  const beta = opts.beta ?? 1;
  const alpha = opts.alpha ?? 1;
  // ATen expands self to the result's size first, reading batch1.size(1) and batch2.size(2).
  const size = (x: Tensor, d: number): number => x._shape[wrapDim(d, x._shape.length)] as number;
  expand(self, [[size(batch1, 1), size(batch2, 2)]]);
  if (batch1._shape.length !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (batch2._shape.length !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  if (batch1._shape[0] !== batch2._shape[0]) {
    throw new RuntimeError(`batch1 and batch2 must have same number of batches, got ${batch1._shape[0]} and ${batch2._shape[0]}`);
  }
  if (batch1._shape[2] !== batch2._shape[1]) {
    throw new RuntimeError(`Incompatible matrix sizes for bmm (${batch1._shape[1]}x${batch1._shape[2]} and ${batch2._shape[1]}x${batch2._shape[2]})`);
  }
  const out = combine(self, no_grad(() => sum(bmm(batch1, batch2), 0)), beta, alpha);
  if (anyNeedsGrad([self, batch1, batch2])) {
    const [b, n] = batch1._shape as [number, number, number];
    const p = batch2._shape[2] as number;
    record(
      'AddbmmBackward0',
      [self, batch1, batch2],
      out,
      (g, s, node) => {
        const ge = (): Tensor => expand(unsqueeze(g[0] as Tensor, 0), [[b, n, p]]);
        return [
          node.needs[0] ? maybeMultiply(g[0] as Tensor, beta) : null,
          node.needs[1] ? maybeMultiply(bmm(ge(), transpose(s.get(1), 1, 2)), alpha) : null,
          node.needs[2] ? maybeMultiply(bmm(transpose(s.get(0), 1, 2), ge()), alpha) : null,
        ];
      },
      [batch2.requires_grad ? batch1 : null, batch1.requires_grad ? batch2 : null],
    );
  }
  return out;
}

/** `torch.addr(self, vec1, vec2, *, beta=1, alpha=1)`: beta·self + alpha·outer(vec1, vec2). */
export function addr(self: Tensor, vec1: Tensor, vec2: Tensor, opts: BetaAlpha = {}): Tensor {
  const beta = opts.beta ?? 1;
  const alpha = opts.alpha ?? 1;
  if (vec1._shape.length !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec1, but got ${vec1._shape.length}-D`);
  if (vec2._shape.length !== 1) throw new RuntimeError(`addr: Expected 1-D argument vec2, but got ${vec2._shape.length}-D`);
  expand(self, [[vec1._shape[0] as number, vec2._shape[0] as number]]);
  const out = combine(self, no_grad(() => outer(vec1, vec2)), beta, alpha);
  if (anyNeedsGrad([self, vec1, vec2])) {
    record(
      'AddrBackward0',
      [self, vec1, vec2],
      out,
      (g, s, node) => {
        const gg = g[0] as Tensor;
        return [
          node.needs[0] ? maybeMultiply(gg, beta) : null,
          node.needs[1] ? maybeMultiply(mv(gg, s.get(1)), alpha) : null,
          node.needs[2] ? maybeMultiply(mv(t(gg), s.get(0)), alpha) : null,
        ];
      },
      [vec2.requires_grad ? vec1 : null, vec1.requires_grad ? vec2 : null],
    );
  }
  return out;
}

/** norm_backward (FunctionsManual.cpp) for p > 0, with g and norm already shaped like self's reduction (keepdim). */
function normBackward(g: Tensor, self: Tensor, p: number, norm: Tensor, dims: number[]): Tensor {
  if (p === 1) return mul(sgn(self), g);
  if (p === 2) return mul(g, where_(eq(norm, 0), 0, div(self, norm)));
  if (!Number.isFinite(p)) {
    const a = abs(self);
    const m = eq(a, norm);
    return mul(sgn(self), mul(div(g, sum(m, dims, true)), m));
  }
  if (p < 1) {
    const scaled = mul(sgn(self), where_(eq(self, 0), 0, pow(abs(self), p - 1)));
    return mul(mul(scaled, g), pow(norm, 1 - p));
  }
  const scaled = p < 2 ? mul(sgn(self), pow(abs(self), p - 1)) : mul(self, pow(abs(self), p - 2));
  return mul(scaled, where_(eq(norm, 0), 0, div(g, pow(norm, p - 1))));
}

/** `torch.dist(self, other, p=2)`: the p-norm of self - other (DistBackward0). */
export function dist(self: Tensor, other: Tensor, p: number | { p?: number } = 2): Tensor {
  const pp = typeof p === 'number' ? p : (p.p ?? 2);
  // infer_size walks the dims from the last, so the mismatch it names is the innermost one.
  const na = self._shape.length;
  const nb = other._shape.length;
  for (let i = Math.max(na, nb) - 1; i >= 0; i--) {
    const da = i - (Math.max(na, nb) - na);
    const db = i - (Math.max(na, nb) - nb);
    const sa = da >= 0 ? (self._shape[da] as number) : 1;
    const sb = db >= 0 ? (other._shape[db] as number) : 1;
    if (sa !== sb && sa !== 1 && sb !== 1) {
      throw new RuntimeError(`The size of tensor a (${sa}) must match the size of tensor b (${sb}) at non-singleton dimension ${i}`);
    }
  }
  const out = no_grad(() => {
    const d = sub(self, other);
    return pNorm(d, pp, d._shape.map(() => true), false, undefined, 'NormBackward1');
  });
  if (needsGrad(self, other)) {
    record(
      'DistBackward0',
      [self, other],
      out,
      (g, s, node) => {
        // norm_backward is undefined for p = 0; the formula for `other` then negates it, which fails.
        if (pp === 0) {
          if (node.needs[1]) throw new RuntimeError("Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 'self'");
          return [null, null];
        }
        const d = sub(s.get(0), s.get(1));
        const all = d._shape.map((_, i) => i);
        const gi = normBackward(g[0] as Tensor, d, pp, s.get(2), all);
        return [node.needs[0] ? gi : null, node.needs[1] ? mul(gi, -1) : null];
      },
      [self, other, out],
    );
  }
  return out;
}

/** `torch.renorm(self, p, dim, maxnorm)`: each slice along dim rescaled to p-norm at most maxnorm (RenormBackward0). */
export function renorm(self: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  if (!(p > 0)) throw new RuntimeError('renorm: non-positive-norm not supported');
  if (maxnorm < 0) throw new RuntimeError(`renorm: expected maxnorm to be >= 0 but got ${maxnorm}`);
  const nd = self._shape.length;
  if (nd <= 1) throw new RuntimeError(`renorm: input needs at least 2 dimensions, got ${nd} dimensions`);
  const d = wrapDim(dim, nd);
  const mask = self._shape.map((_, i) => i !== d);
  const reduceDims = self._shape.flatMap((_, i) => (i !== d ? [i] : []));
  // The norms accumulate in double (toAccumulateType of float on CPU), as the kernel does.
  const out = no_grad(() => {
    const norm = pNorm(self, p, mask, true, float64, 'NormBackward3');
    const factor = where_(gt(norm, maxnorm), div(maxnorm, add(norm, 1e-7)), 1);
    return mul(self, _to_dtype(factor, self.dtype, false));
  });
  if (needsGrad(self)) {
    record('RenormBackward0', [self], out, (g, s) => {
      const x = s.get(0);
      const gg = g[0] as Tensor;
      const acc = x.dtype === float64 ? x : _to_dtype(x, float64, false);
      const norm = pNorm(acc, p, mask, true, undefined, 'LinalgVectorNormBackward0');
      const go = sum(mul(x, gg), reduceDims, { keepdim: true, dtype: float64 });
      const nb = normBackward(go, acc, p, norm, reduceDims);
      const invnorm = reciprocal(add(norm, 1e-7));
      const gradNorm = mul(mul(invnorm, maxnorm), sub(gg, mul(invnorm, nb)));
      return [where_(gt(norm, maxnorm), _to_dtype(gradNorm, gg.dtype, false), gg)];
    }, [self]);
  }
  return out;
}

// ---- cov / corrcoef (aten/src/ATen/native/Correlation.cpp) ---------------------------------

export type CovOpts = { correction?: number; fweights?: Tensor | null; aweights?: Tensor | null };

/** `torch.cov(input, *, correction=1, fweights=None, aweights=None)`. */
export function cov(self: Tensor, opts: CovOpts = {}): Tensor {
  const correction = opts.correction ?? 1;
  const nd = self._shape.length;
  if (nd > 2) throw new RuntimeError(`cov(): expected input to have two or fewer dimensions but got an input with ${nd} dimensions`);
  if (self.dtype.name === 'bool') throw new RuntimeError('cov(): bool dtype is not supported for input');
  let x = nd < 2 ? view(self, [[1, -1]]) : self;
  const numObs = x._shape[1] as number;
  let w: Tensor | null = null;
  const fw = opts.fweights ?? null;
  const aw = opts.aweights ?? null;
  if (fw !== null) {
    if (fw._shape.length > 1) throw new RuntimeError(`cov(): expected fweights to have one or fewer dimensions but got fweights with ${fw._shape.length} dimensions`);
    if (fw.dtype.is_floating_point || fw.dtype.name === 'bool') throw new RuntimeError(`cov(): expected fweights to have integral dtype but got fweights with ${fw.dtype.scalarName} dtype`);
    if (fw.numel() !== numObs) throw new RuntimeError(`cov(): expected fweights to have the same numel as there are observations in the input but got ${fw.numel()} != ${numObs}`);
    if (numObs > 0 && no_grad(() => fw.min().item() as number) < 0) throw new RuntimeError('cov(): fweights cannot be negative');
    w = fw;
  }
  if (aw !== null) {
    if (aw._shape.length > 1) throw new RuntimeError(`cov(): expected aweights to have one or fewer dimensions but got aweights with ${aw._shape.length} dimensions`);
    if (!aw.dtype.is_floating_point) throw new RuntimeError(`cov(): expected aweights to have floating point dtype but got aweights with ${aw.dtype.scalarName} dtype`);
    if (aw.numel() !== numObs) throw new RuntimeError(`cov(): expected aweights to have the same numel as there are observations in the input but got ${aw.numel()} != ${numObs}`);
    if (numObs > 0 && no_grad(() => aw.min().item() as number) < 0) throw new RuntimeError('cov(): aweights cannot be negative');
    w = w !== null ? mul(w, aw) : aw;
  }
  const wSum = w !== null ? sum(w) : scalar_tensor(numObs, { dtype: int64 });
  if (w !== null && (no_grad(() => wSum.item()) as number) === 0) throw new RuntimeError('cov(): weights sum to zero, can\'t be normalized');
  const avg = div(sum(w !== null ? mul(x, w) : x, 1), wSum);
  let normFactor = w !== null && aw !== null && correction !== 0
    ? sub(wSum, div(mul(sum(mul(w, aw)), correction), wSum))
    : sub(wSum, correction);
  if ((no_grad(() => normFactor.item()) as number) <= 0) {
    normFactor = no_grad(() => mul(normFactor, 0));
  }
  x = sub(x, unsqueeze(avg, 1));
  const c = mm(x, t(w !== null ? mul(x, w) : x));
  return squeeze(div(c, normFactor));
}

/** `torch.corrcoef(input)`: cov normalised by the standard deviations, clipped to [-1, 1]. */
export function corrcoef(self: Tensor): Tensor {
  const nd = self._shape.length;
  if (nd > 2) throw new RuntimeError(`corrcoef(): expected input to have two or fewer dimensions but got an input with ${nd} dimensions`);
  let c = cov(self);
  if (c._shape.length === 0) return div(c, c);
  const stddev = sqrt(diag(c));
  c = div(c, view(stddev, [[-1, 1]]));
  c = div(c, view(stddev, [[1, -1]]));
  return clamp(c, -1, 1);
}

// ---- trapezoid / cumulative_trapezoid (aten/src/ATen/native/Integration.cpp) ----------------

export type TrapezoidOpts = { x?: Tensor | null; dx?: number | null; dim?: number };

/** x viewed so that it broadcasts against y along dim (a 1-D x lies along dim). */
function xViewed(fn: string, y: Tensor, x: Tensor, dim: number): Tensor {
  const yd = y._shape.length;
  if (x._shape.length === 1) {
    if (x._shape[0] !== y._shape[dim]) throw new RuntimeError(`${fn}: There must be one \`x\` value for each sample point`);
    const sizes = y._shape.map(() => 1);
    sizes[dim] = x._shape[0] as number;
    return view(x, [sizes]);
  }
  if (x._shape.length < yd) {
    const sizes = y._shape.map(() => 1);
    x._shape.forEach((s, i) => (sizes[yd - x._shape.length + i] = s));
    return view(x, [sizes]);
  }
  return x;
}

function trapArgs(args: (Tensor | TrapezoidOpts | null | undefined)[]): { x: Tensor | null; dx: number; dim: number } {
  let x: Tensor | null = null;
  let dx = 1;
  let dim = -1;
  for (const a of args) {
    if (a instanceof Tensor) x = a;
    else if (a != null) {
      if (a.x != null) x = a.x;
      if (a.dx != null) dx = a.dx;
      if (a.dim !== undefined) dim = a.dim;
    }
  }
  return { x, dx, dim };
}

/** `torch.trapezoid(y, x=None, *, dx=None, dim=-1)` (also `trapezoid(y, x, dim=-1)`). */
export function trapezoid(y: Tensor, ...args: (Tensor | TrapezoidOpts | null | undefined)[]): Tensor {
  const { x, dx, dim } = trapArgs(args);
  const d = wrapDim(dim, y._shape.length);
  if (y._shape[d] === 0) {
    const sizes = y._shape.filter((_, i) => i !== d);
    return Tensor._empty(sizes, y.dtype);
  }
  if (y.dtype.name === 'bool' || (x !== null && x.dtype.name === 'bool')) {
    throw new RuntimeError(x !== null ? 'trapezoid: received a bool input for `x` or `y`, but bool is not supported' : 'trapezoid: received a bool input for `y`, but bool is not supported');
  }
  if (x !== null) {
    const xv = xViewed('trapezoid', y, x, d);
    const dxT = sub(slice(xv, d, 1, null), slice(xv, d, 0, -1));
    return divScalar(sum(mul(add(slice(y, d, 0, -1), slice(y, d, 1, null)), dxT), d), 2);
  }
  return mulScalar(sub(sum(y, d), mulScalar(add(select(y, d, 0), select(y, d, -1)), 0.5)), dx);
}

/** `torch.trapz(y, x, *, dim=-1)` / `torch.trapz(y, *, dx=1, dim=-1)`: trapezoid's older name. */
export function trapz(y: Tensor, ...args: (Tensor | TrapezoidOpts | null | undefined)[]): Tensor {
  return trapezoid(y, ...args);
}

/** `torch.cumulative_trapezoid(y, x=None, *, dx=None, dim=-1)`. */
export function cumulative_trapezoid(y: Tensor, ...args: (Tensor | TrapezoidOpts | null | undefined)[]): Tensor {
  const { x, dx, dim } = trapArgs(args);
  const d = wrapDim(dim, y._shape.length);
  if (y.dtype.name === 'bool' || (x !== null && x.dtype.name === 'bool')) {
    throw new RuntimeError(x !== null ? 'cumulative_trapezoid: received a bool input for `x` or `y`, but bool is not supported' : 'cumulative_trapezoid: received a bool input for `y`, but bool is not supported');
  }
  const sumLR = (): Tensor => add(slice(y, d, 0, -1), slice(y, d, 1, null));
  if (x !== null) {
    const xv = xViewed('cumulative_trapezoid', y, x, d);
    const dxT = sub(slice(xv, d, 1, null), slice(xv, d, 0, -1));
    return divScalar(cumsum(mul(sumLR(), dxT), d), 2);
  }
  return cumsum(mulScalar(sumLR(), dx / 2), d);
}

// ---- vander ----------------------------------------------------------------------------------

/** `torch.vander(x, N=None, increasing=False)`: the powers of x, filled as ATen fills them (CopySlices, cumprod, flip). */
export function vander(x: Tensor, N?: number | null | { N?: number | null; increasing?: boolean }, increasing?: boolean): Tensor {
  let n: number | null | undefined = typeof N === 'object' && N !== null ? N.N : N;
  let inc = typeof N === 'object' && N !== null ? (N.increasing ?? false) : (increasing ?? false);
  if (typeof increasing === 'object' && increasing !== null) inc = (increasing as { increasing?: boolean }).increasing ?? inc;
  if (x._shape.length !== 1) throw new RuntimeError('x must be a one-dimensional tensor.');
  n ??= x._shape[0] as number;
  if (n < 0) throw new RuntimeError('N must be non-negative.');
  const result = Tensor._empty([x._shape[0] as number, n], promote_types(x.dtype, int64));
  if (n > 0) {
    fill_(select(result, 1, 0), 1);
    if (n > 1) {
      copy_(slice(result, 1, 1, null), unsqueeze(x, 1));
      copy_(slice(result, 1, 1, null), cumprod(slice(result, 1, 1, null), 1));
    }
  }
  return inc ? result : flip(result, [1]);
}

// ---- matrix_power / multi_dot / chain_matmul (aten/src/ATen/native/LinearAlgebra.cpp) ----------

/** `torch.linalg.matrix_power(A, n)` (and `torch.matrix_power`). */
export function matrix_power(self: Tensor, n: number | { n: number }): Tensor {
  let k = typeof n === 'number' ? n : n.n;
  const nd = self._shape.length;
  if (nd < 2) throw new RuntimeError(`linalg.matrix_power: The input tensor A must have at least 2 dimensions.`);
  if (self._shape[nd - 1] !== self._shape[nd - 2]) {
    throw new RuntimeError(`linalg.matrix_power: A must be batches of square matrices, but they are ${self._shape[nd - 2]} by ${self._shape[nd - 1]} matrices`);
  }
  if (k === 0) {
    const out = clone(self);
    copy_(out, eye(self._shape[nd - 2] as number, { dtype: self.dtype }));
    return out;
  }
  if (k === 1) return clone(self);
  if (k === -1) return inv(self);
  const a = k < 0 ? inv(self) : self;
  k = Math.abs(k);
  if (k === 2) return matmul(a, a);
  if (k === 3) return matmul(matmul(a, a), a);
  let z: Tensor | null = null;
  let result: Tensor | null = null;
  while (k > 0) {
    const bit = k % 2;
    k = Math.floor(k / 2);
    z = z !== null ? matmul(z, z) : a;
    if (bit === 1) result = result !== null ? matmul(result, z) : z;
  }
  return result as Tensor;
}

function chainOrder(ts: Tensor[]): number[][] {
  const n = ts.length;
  const p = ts.map((x) => x._shape[0] as number);
  p.push((ts[n - 1] as Tensor)._shape[1] as number);
  const m = ts.map(() => new Array<number>(n).fill(0));
  const s = ts.map(() => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      (m[i] as number[])[j] = Infinity;
      for (let k = i; k < j; k++) {
        const q = (m[i] as number[])[k]! + (m[k + 1] as number[])[j]! + p[i]! * p[k + 1]! * p[j + 1]!;
        if (q < (m[i] as number[])[j]!) {
          (m[i] as number[])[j] = q;
          (s[i] as number[])[j] = k;
        }
      }
    }
  }
  return s;
}

function chainMul(ts: Tensor[], order: number[][], i: number, j: number): Tensor {
  if (i === j) return ts[i] as Tensor;
  const k = (order[i] as number[])[j] as number;
  return mm(chainMul(ts, order, i, k), chainMul(ts, order, k + 1, j));
}

/** `torch.linalg.multi_dot(tensors)`: the chain product in the cheapest order. */
export function multi_dot(tensors: readonly Tensor[]): Tensor {
  const n = tensors.length;
  if (n < 2) throw new RuntimeError(`multi_dot(): expected at least 2 tensors but got ${n}`);
  const outShape: number[] = [];
  const ts = tensors.slice();
  const first = tensors[0] as Tensor;
  const lastT = tensors[n - 1] as Tensor;
  if (first._shape.length === 1) ts[0] = unsqueeze(first, 0);
  else if (first._shape.length === 2) outShape.push(first._shape[0] as number);
  else throw new RuntimeError(`multi_dot(): the first tensor must be 1D or 2D but got ${first._shape.length}D`);
  if (lastT._shape.length === 1) ts[n - 1] = unsqueeze(lastT, -1);
  else if (lastT._shape.length === 2) outShape.push(lastT._shape[1] as number);
  else throw new RuntimeError(`multi_dot(): the last tensor must be 1D or 2D but got ${lastT._shape.length}D`);
  for (let i = 1; i < n - 1; i++) {
    const d = (tensors[i] as Tensor)._shape.length;
    if (d !== 2) throw new RuntimeError(`multi_dot(): tensor ${i} must be 2D but got ${d}D`);
  }
  const dt = (ts[0] as Tensor).dtype;
  for (let i = 1; i < n; i++) {
    const ti = ts[i] as Tensor;
    if (ti.dtype !== dt) throw new RuntimeError(`multi_dot(): all tensors must have be the same dtype but tensor 0 is ${dt.scalarName} and tensor ${i} ${ti.dtype.scalarName}`);
    const prev = ts[i - 1] as Tensor;
    if (prev._shape[prev._shape.length - 1] !== ti._shape[0]) {
      const fmt = (x: Tensor): string => `[${(tensors.indexOf(x) >= 0 ? x : x)._shape.join(', ')}]`;
      throw new RuntimeError(`multi_dot(): tensors ${i - 1} and ${i} with shapes ${fmt(tensors[i - 1] as Tensor)} and ${fmt(tensors[i] as Tensor)} cannot be multiplied`);
    }
  }
  if (n === 2) return view(mm(ts[0] as Tensor, ts[1] as Tensor), [outShape]);
  if (n === 3) {
    const [A, B, C] = ts as [Tensor, Tensor, Tensor];
    const a = A._shape[0] as number;
    const b = B._shape[0] as number;
    const c = C._shape[0] as number;
    const d = C._shape[1] as number;
    const cost1 = a * c * (b + d);
    const cost2 = b * d * (a + c);
    return view(cost1 > cost2 ? mm(A, mm(B, C)) : mm(mm(A, B), C), [outShape]);
  }
  return view(chainMul(ts, chainOrder(ts), 0, n - 1), [outShape]);
}

const CHAIN_MATMUL_WARNING =
  'torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple parameters. (Triggered internally at  ./aten/src/ATen/native/LinearAlgebra.cpp:967.)';
// TORCH_WARN_ONCE: PyTorch warns once per process, not once per call site.
let chainMatmulWarned = false;

/** `torch.chain_matmul(*matrices)`: deprecated in favour of linalg.multi_dot. */
export function chain_matmul(...matrices: Tensor[]): Tensor {
  if (!chainMatmulWarned) {
    chainMatmulWarned = true;
    warnOnce('UserWarning', CHAIN_MATMUL_WARNING);
  }
  for (const m of matrices) {
    if (m._shape.length !== 2) throw new RuntimeError(`Tensor dimension is ${m._shape.length}, expected 2 instead.`);
  }
  if (matrices.length === 0) throw new RuntimeError('chain_matmul(): Expected one or more matrices');
  if (matrices.length === 1) return clone(matrices[0] as Tensor);
  return multi_dot(matrices);
}

// ---- quantile / nanquantile (aten/src/ATen/native/Sorting.cpp) --------------------------------

export type QuantileOpts = { dim?: number | null; keepdim?: boolean; interpolation?: string };
type QuantileArg = number | null | boolean | string | QuantileOpts | undefined;

function quantileArgs(args: QuantileArg[]): { dim: number | null; keepdim: boolean; interpolation: string } {
  let dim: number | null = null;
  let keepdim = false;
  let interpolation = 'linear';
  const pos = [...args];
  const last = pos[pos.length - 1];
  if (last !== null && typeof last === 'object') {
    pos.pop();
    if (last.dim !== undefined) dim = last.dim;
    if (last.keepdim !== undefined) keepdim = last.keepdim;
    if (last.interpolation !== undefined) interpolation = last.interpolation;
  }
  if (pos[0] !== undefined) dim = pos[0] as number | null;
  if (pos[1] !== undefined) keepdim = pos[1] as boolean;
  if (pos[2] !== undefined) interpolation = pos[2] as string;
  return { dim, keepdim, interpolation };
}

function quantileImpl(self: Tensor, q0: Tensor | number, args: QuantileArg[], ignoreNan: boolean): Tensor {
  const { dim, keepdim, interpolation } = quantileArgs(args);
  let q: Tensor;
  if (typeof q0 === 'number') {
    if (!(q0 >= 0 && q0 <= 1)) throw new RuntimeError(`quantile() q must be in the range [0, 1] but got ${q0}`);
    q = scalar_tensor(q0, { dtype: self.dtype });
  } else {
    q = q0;
  }
  const modes = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];
  if (!modes.includes(interpolation)) {
    throw new RuntimeError(`quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got ${interpolation}`);
  }
  if (self.numel() === 0) throw new RuntimeError('quantile() input tensor must be non-empty');
  if (q._shape.length > 1) throw new RuntimeError('quantile() q must be a scalar or 1D tensor');
  if (self.dtype !== float32 && self.dtype !== float64) throw new RuntimeError('quantile() input tensor must be either float or double dtype');
  if (self.dtype !== q.dtype) throw new RuntimeError('quantile() q tensor must be same dtype as the input tensor');
  const nd = self._shape.length;
  const wd = wrapDim(dim ?? 0, Math.max(nd, 1));
  let outShape: number[] = [];
  if (dim !== null && nd > 0) {
    outShape = self._shape.slice();
    if (keepdim) outShape[wd] = 1;
    else outShape.splice(wd, 1);
  } else if (keepdim) {
    outShape = self._shape.map(() => 1);
  }
  if (q._shape.length > 0) outShape.unshift(q.numel());
  const inRange = no_grad(() => q.ge(0).logical_and(q.le(1)).all().item());
  if (!inRange) throw new RuntimeError('quantile() q values must be in the range [0, 1]');

  let sorted: Tensor;
  if (dim === null) sorted = self.flatten().sort().values;
  else if (wd === nd - 1) sorted = self.sort().values;
  else sorted = self.unsqueeze(-1).transpose(wd, -1).sort().values;
  if (q._shape.length === 0) outShape.unshift(q.numel());
  const inShape = outShape.slice(1);
  inShape.push(0);
  inShape[inShape.length - 1] = sorted._shape[sorted._shape.length - 1] as number;
  sorted = sorted.view(inShape);

  const lastIndex = (sorted._shape[sorted._shape.length - 1] as number) - 1;
  // The ranks are index arithmetic: they carry no gradient.
  const ranks = no_grad(() => {
    if (ignoreNan) {
      const r = q.mul(sorted.isnan().logical_not().sum(-1, true).sub(1));
      r.masked_fill_(r.lt(0), 0);
      return r;
    }
    const [a, m] = broadcast_tensors(q.mul(lastIndex), sorted.isnan().any(-1, true)) as [Tensor, Tensor];
    return a.masked_fill(m, lastIndex);
  });
  no_grad(() => {
    if (interpolation === 'lower') ranks.floor_();
    else if (interpolation === 'higher') ranks.ceil_();
    else if (interpolation === 'nearest') ranks.round_();
  });
  const ranksBelow = no_grad(() => ranks.to(int64));
  const valuesBelow = sorted.gather(-1, ranksBelow);
  if (interpolation === 'linear' || interpolation === 'midpoint') {
    const weights = no_grad(() => (interpolation === 'midpoint' ? ranks.mul(0).add(0.5) : ranks.sub(ranksBelow)));
    const ranksAbove = no_grad(() => ranks.ceil_().to(int64));
    const valuesAbove = sorted.gather(-1, ranksAbove);
    valuesBelow.lerp_(valuesAbove, weights);
  }
  if (q._shape.length === 0) valuesBelow.squeeze_(-1);
  else valuesBelow.unsqueeze_(0).transpose_(0, -1).squeeze_(-1);
  return valuesBelow;
}

/** `torch.quantile(input, q, dim=None, keepdim=False, *, interpolation='linear')`. */
export function quantile(self: Tensor, q: Tensor | number, ...args: QuantileArg[]): Tensor {
  return quantileImpl(self, q, args, false);
}

/** `torch.nanquantile(...)`: quantile ignoring NaNs (a lane of only NaNs gives NaN). */
export function nanquantile(self: Tensor, q: Tensor | number, ...args: QuantileArg[]): Tensor {
  return quantileImpl(self, q, args, true);
}

// ---- cdist (aten/src/ATen/native/Distance.cpp) ---------------------------------------------------

const CDIST_MODES: Record<string, number> = {
  use_mm_for_euclid_dist_if_necessary: 0,
  use_mm_for_euclid_dist: 1,
  donot_use_mm_for_euclid_dist: 2,
};

export type CdistOpts = { p?: number; compute_mode?: string | null };

/**
 * _cdist_backward for x1: the kernel's per-p subgradients, summed over x2's rows, in the shape of
 * x1 expanded to the batch (the engine sums a broadcast batch back, as in PyTorch); zeros of
 * x1's shape when there is nothing to sum.
 */
function cdistBackward(g: Tensor, x1: Tensor, x2: Tensor, p: number, dist0: Tensor): Tensor {
  const batch = broadcastShapes(x1._shape.slice(0, -2), x2._shape.slice(0, -2));
  const [r1, c] = x1._shape.slice(-2) as [number, number];
  if (r1 === 0 || x2._shape[x2._shape.length - 2] === 0 || c === 0 || batch.includes(0)) return Tensor._empty(x1._shape.slice(), x1.dtype);
  const diff = sub(unsqueeze(x1, -2), unsqueeze(x2, -3));
  const dist = unsqueeze(dist0, -1);
  const gg = unsqueeze(g, -1);
  let term: Tensor;
  if (p === 0) term = mul(diff, 0);
  else if (p === 1) term = mul(sgn(diff), gg);
  else if (p === 2) term = where_(eq(dist, 0), 0, div(mul(diff, gg), dist));
  else if (p === Infinity) term = mul(mul(sgn(diff), gg), eq(abs(diff), dist));
  else if (p < 2) {
    const zero = p < 1 ? logical_or(eq(dist, 0), eq(diff, 0)) : eq(dist, 0);
    term = where_(zero, 0, div(mul(mul(sgn(diff), pow(abs(diff), p - 1)), gg), pow(dist, p - 1)));
  } else {
    term = where_(eq(dist, 0), 0, div(mul(mul(diff, pow(abs(diff), p - 2)), gg), pow(dist, p - 1)));
  }
  return sum(term, -2);
}

/**
 * _cdist_backward as its own op: PyTorch gives it no derivative (CdistBackwardBackward0 raises),
 * so the gradient is computed without history and a node that fails is recorded in its place.
 */
function cdistBackwardNode(g: Tensor, x1: Tensor, x2: Tensor, p: number, dist: Tensor): Tensor {
  const out = no_grad(() => cdistBackward(g, x1, x2, p, dist));
  if (anyNeedsGrad([g, x1, x2, dist])) {
    record('CdistBackwardBackward0', [g, x1, x2, dist], out, () => {
      throw new NotImplementedError("the derivative for '_cdist_backward' is not implemented.");
    });
  }
  return out;
}

/** `torch.cdist(x1, x2, p=2.0, compute_mode='use_mm_for_euclid_dist_if_necessary')`. */
export function cdist(x1: Tensor, x2: Tensor, p?: number | CdistOpts, compute_mode?: string | null | CdistOpts): Tensor {
  const o: CdistOpts = typeof p === 'object' ? p : compute_mode !== null && typeof compute_mode === 'object' ? compute_mode : {};
  const pp = typeof p === 'number' ? p : (o.p ?? 2);
  const cm = typeof compute_mode === 'string' ? compute_mode : (o.compute_mode ?? 'use_mm_for_euclid_dist_if_necessary');
  const mode = CDIST_MODES[cm];
  if (mode === undefined) throw new ValueError(`${cm} is not a valid value for compute_mode`);
  if (x1._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X1 got: ${x1._shape.length}D`);
  if (x2._shape.length < 2) throw new RuntimeError(`cdist only supports at least 2D tensors, X2 got: ${x2._shape.length}D`);
  const c1 = x1._shape[x1._shape.length - 1] as number;
  const c2 = x2._shape[x2._shape.length - 1] as number;
  if (c1 !== c2) throw new RuntimeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
  if (!x1.dtype.is_floating_point) throw new RuntimeError(`cdist only supports floating-point dtypes, X1 got: ${x1.dtype.scalarName}`);
  if (!x2.dtype.is_floating_point) throw new RuntimeError(`cdist only supports floating-point dtypes, X2 got: ${x2.dtype.scalarName}`);
  if (!(pp >= 0)) throw new RuntimeError('cdist only supports non-negative p values');
  const r1 = x1._shape[x1._shape.length - 2] as number;
  const r2 = x2._shape[x2._shape.length - 2] as number;
  const batch = broadcastShapes(x1._shape.slice(0, -2), x2._shape.slice(0, -2));
  const outShape = [...batch, r1, r2];
  const useMm = pp === 2 && (mode === 1 || (mode === 0 && (r1 > 25 || r2 > 25)));
  if (useMm && x1.numel() > 0 && x2.numel() > 0) {
    const bp = batch.reduce((a, b) => a * b, 1);
    const [a, b] = bp === 1 ? [x1, x2] : [view(expand(x1, [[...batch, r1, c1]]).contiguous(), [[bp, r1, c1]]), view(expand(x2, [[...batch, r2, c2]]).contiguous(), [[bp, r2, c2]])];
    return view(euclideanDist(a as Tensor, b as Tensor), [outShape]);
  }
  const out = Tensor._empty(outShape, x1.dtype);
  no_grad(() => {
    const e1 = expand(x1, [[...batch, r1, c1]]).contiguous();
    const e2 = expand(x2, [[...batch, r2, c2]]).contiguous();
    const d1 = e1._data;
    const d2 = e2._data;
    const count = batch.reduce((s, v) => s * v, 1);
    for (let bi = 0; bi < count; bi++) {
      for (let i = 0; i < r1; i++) {
        for (let j = 0; j < r2; j++) {
          let acc = 0;
          for (let c = 0; c < c1; c++) {
            const d = Math.abs((d1[(bi * r1 + i) * c1 + c] as number) - (d2[(bi * r2 + j) * c1 + c] as number));
            if (pp === 0) acc += d !== 0 ? 1 : 0;
            else if (pp === Infinity) acc = Math.max(acc, d);
            else if (pp === 1) acc += d;
            else if (pp === 2) acc += d * d;
            else acc += d ** pp;
          }
          out._data[(bi * r1 + i) * r2 + j] = pp === 0 || pp === 1 || pp === Infinity ? acc : pp === 2 ? Math.sqrt(acc) : acc ** (1 / pp);
        }
      }
    }
  });
  if (needsGrad(x1, x2)) {
    record('CdistBackward0', [x1, x2], out, (g, s, node) => {
      const gg = g[0] as Tensor;
      const res = s.get(2);
      return [
        node.needs[0] ? cdistBackwardNode(gg.contiguous(), s.get(0), s.get(1), pp, res) : null,
        node.needs[1] ? cdistBackwardNode(transpose(gg, -1, -2).contiguous(), s.get(1), s.get(0), pp, transpose(res, -1, -2).contiguous()) : null,
      ];
    }, [x1, x2, out]);
  }
  return out;
}

/** _euclidean_dist: √(‖x1‖² + ‖x2‖² − 2 x1·x2) by one matmul (EuclideanDistBackward0). */
function euclideanDist(x1: Tensor, x2: Tensor): Tensor {
  const out = no_grad(() => {
    const n1 = sum(pow(x1, 2), -1, true);
    const n2 = sum(pow(x2, 2), -1, true);
    const ones1 = add(mul(n1, 0), 1);
    const ones2 = add(mul(n2, 0), 1);
    const a = cat([mul(x1, -2), n1, ones1], -1);
    const b = cat([x2, ones2, n2], -1);
    return sqrt(clamp(matmul(a, transpose(b, -1, -2)), 0));
  });
  if (needsGrad(x1, x2)) {
    record('EuclideanDistBackward0', [x1, x2], out, (g, s, node) => {
      const a = s.get(0);
      const b = s.get(1);
      const res = s.get(2);
      const ratio = where_(eq(res, 0), 0, div(g[0] as Tensor, res));
      return [
        node.needs[0] ? sub(mul(a, sum(ratio, -1, true)), matmul(ratio, b)) : null,
        node.needs[1] ? sub(mul(b, unsqueeze(sum(ratio, -2), -1)), matmul(transpose(ratio, -1, -2), a)) : null,
      ];
    }, [x1, x2, out]);
  }
  return out;
}
