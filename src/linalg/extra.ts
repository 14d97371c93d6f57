// More of torch.linalg: inv_ex / cholesky_ex (with LAPACK's info), pinv, matrix_rank, cond, the
// triangular solvers (linalg.solve_triangular, torch.triangular_solve) and the Cholesky-based
// ones (cholesky_solve, cholesky_inverse). Values come from double-precision kernels; the
// gradients are FunctionsManual.cpp's formulas written with public ops (so they differentiate
// again), under the grad_fn names PyTorch 1.13 records.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { broadcastShapes } from '../tensor/shape.ts';
import { float64, int32, int64 } from '../tensor/dtype.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { no_grad } from '../autograd/grad_mode.ts';
import { matmul } from '../ops/linalg/linalg.ts';
import { expand, narrow, squeeze, unsqueeze } from '../ops/shape/views.ts';
import { add, div, mul, sub } from '../ops/pointwise/arithmetic.ts';
import { neg, reciprocal } from '../ops/pointwise/unary.ts';
import { tril, triu } from '../ops/shape/shape_more.ts';
import { cat } from '../ops/shape/shape_more_join.ts';
import { gt } from '../ops/pointwise/compare.ts';
import { where_ } from '../ops/pointwise/select_where.ts';
import { maximum, abs } from '../ops/pointwise/pointwise.ts';
import { amax } from '../ops/reduce/reduce_more.ts';
import { sum } from '../ops/reduce/reduce.ts';
import { clone, _to_dtype } from '../ops/copy.ts';
import { eye, zeros } from '../tensor/fill_factories.ts';
import { cholesky as cholKernel, luFactor, luSolve } from './kernels.ts';
import { cholesky, inv, svd, svdvals, eigh, eigvalsh } from './decompositions.ts';
import { matrix_norm } from './norms.ts';
import { LinAlgError, batchPrefix, checkFloatingOrComplex, checkIsMatrix, epsOf, mT, matrices, namedTuple, squareCheck } from './util.ts';

// ---- inv_ex / cholesky_ex ----------------------------------------------------------------------

export type InvExResult = [Tensor, Tensor] & { readonly inverse: Tensor; readonly info: Tensor };
export type CholeskyExResult = [Tensor, Tensor] & { readonly L: Tensor; readonly info: Tensor };

/** LAPACK's info per batch element: 0, or the order of the failure (getrf / potrf). */
function infoTensor(batch: number[], infos: number[]): Tensor {
  const t = Tensor._empty(batch, int32);
  infos.forEach((v, i) => (t._data[i] = v));
  return t;
}

/**
 * `torch.linalg.inv_ex(A, *, check_errors=False)`: (inverse, info). For a singular matrix without
 * check_errors the inverse holds what the LU solve gives (inf/nan), not LAPACK's exact garbage.
 */
export function inv_ex(A: Tensor, opts: { check_errors?: boolean } = {}): InvExResult {
  squareCheck(A, 'linalg.inv');
  checkFloatingOrComplex(A, 'linalg.inv_ex');
  const { batch, n, count, get } = matrices(A);
  const infos: number[] = [];
  for (let b = 0; b < count; b++) infos.push(luFactor(get(b), n).info);
  const firstBad = infos.findIndex((i) => i > 0);
  if (opts.check_errors === true && firstBad >= 0) {
    throw new LinAlgError(
      `linalg.inv_ex: ${batchPrefix(batch.length > 0, firstBad)}The diagonal element ${infos[firstBad]} is zero, the inversion could not be completed because the input matrix is singular.`,
    );
  }
  let out: Tensor;
  if (firstBad < 0) {
    out = no_grad(() => inv(A));
  } else {
    out = Tensor._empty([...batch, n, n], A.dtype);
    for (let b = 0; b < count; b++) {
      const a = get(b);
      const { piv } = luFactor(a, n);
      const x = new Float64Array(n * n);
      for (let i = 0; i < n; i++) x[i * n + i] = 1;
      luSolve(a, piv, n, x, n);
      out._data.set(x, b * n * n);
    }
  }
  const info = infoTensor(batch, infos);
  if (needsGrad(A)) {
    record('LinalgInvExBackward0', [A], [out, info], (g, s) => {
      const invT = mT(s.get(0));
      return [neg(matmul(invT, matmul(g[0] as Tensor, invT)))];
    }, [out]);
  }
  return namedTuple('linalg_inv_ex', ['inverse', 'info'], [out, info]) as InvExResult;
}

/** `torch.linalg.cholesky_ex(A, *, upper=False, check_errors=False)`: (L, info). */
export function cholesky_ex(A: Tensor, opts: { upper?: boolean; check_errors?: boolean } = {}): CholeskyExResult {
  squareCheck(A, 'linalg.cholesky');
  checkFloatingOrComplex(A, 'linalg.cholesky_ex');
  const { batch, n, count, get } = matrices(A);
  const infos: number[] = [];
  for (let b = 0; b < count; b++) infos.push(cholKernel(get(b), n).info);
  const firstBad = infos.findIndex((i) => i > 0);
  if (opts.check_errors === true && firstBad >= 0) {
    throw new LinAlgError(
      `linalg.cholesky_ex: ${batchPrefix(batch.length > 0, firstBad)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${infos[firstBad]} is not positive-definite).`,
    );
  }
  const upper = opts.upper ?? false;
  let L: Tensor;
  if (firstBad < 0) {
    // cholesky records LinalgCholeskyExBackward0 itself; its node is this op's.
    L = cholesky(A, { upper });
  } else {
    // potrf stops at the failing minor; the columns it finished are kept, the rest are zero.
    L = Tensor._empty([...batch, n, n], A.dtype);
    for (let b = 0; b < count; b++) {
      const { l } = cholKernel(get(b), n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) L._data[b * n * n + i * n + j] = (upper ? l[j * n + i] : l[i * n + j]) as number;
    }
    if (needsGrad(A)) {
      record('LinalgCholeskyExBackward0', [A], L, (g, s) => {
        // cholesky_backward, as for a successful factorisation (the result is meaningless here too).
        const L0 = upper ? mT(s.get(0)) : s.get(0);
        const gL = upper ? mT(g[0] as Tensor) : (g[0] as Tensor);
        let gA = tril(matmul(mT(L0), gL));
        gA = mul(add(gA, mT(tril(gA, -1))), 0.5);
        const Linv = inv(L0);
        return [matmul(mT(Linv), matmul(gA, Linv))];
      }, [L]);
    }
  }
  const info = infoTensor(batch, infos);
  return namedTuple('linalg_cholesky_ex', ['L', 'info'], [L, info]) as CholeskyExResult;
}

// ---- pinv / matrix_rank / cond -----------------------------------------------------------------

type TolOpts = { atol?: number | null; rtol?: number | null; hermitian?: boolean };

/** get_atol_rtol: rtol defaults to eps·max(m, n), or to 0 where a positive atol is given. */
function atolRtol(A: Tensor, atol: number | null | undefined, rtol: number | null | undefined): [number, number] {
  const nd = A._shape.length;
  const a = atol ?? 0;
  if (rtol != null) return [a, rtol];
  const def = epsOf(A.dtype) * Math.max(A._shape[nd - 1] as number, A._shape[nd - 2] as number);
  return [a, atol != null && atol > 0 ? 0 : def];
}

function tolArgs(rcond: number | null | TolOpts | undefined, hermitian: boolean | TolOpts | undefined): { atol: number | null; rtol: number | null; hermitian: boolean } {
  let atol: number | null = null;
  let rtol: number | null = null;
  let herm = false;
  for (const a of [rcond, hermitian]) {
    if (a !== null && typeof a === 'object') {
      if (a.atol != null) atol = a.atol;
      if (a.rtol != null) rtol = a.rtol;
      if (a.hermitian !== undefined) herm = a.hermitian;
    }
  }
  if (typeof rcond === 'number') rtol = rcond;
  if (typeof hermitian === 'boolean') herm = hermitian;
  return { atol, rtol, hermitian: herm };
}

/** pinv's values: V diag(S⁺) Uᴴ, S⁺ zeroing singular values at or below max(atol, rtol·σ_max). */
function pinvValues(A: Tensor, atol: number, rtol: number, hermitian: boolean): Tensor {
  return no_grad(() => {
    if (hermitian) {
      const [S, U] = eigh(A);
      const Sabs = abs(S);
      const tol = maximum(Tensor._fromData(new Float64Array([atol]), [], float64), mul(amax(Sabs, -1, true), rtol));
      const Sinv = _to_dtype(where_(gt(Sabs, tol), reciprocal(S), 0), A.dtype, false);
      return matmul(mul(U, unsqueeze(Sinv, -2)), mT(U));
    }
    const [U, S, Vh] = svd(A, false);
    const tol = maximum(Tensor._fromData(new Float64Array([atol]), [], float64), mul(narrow(S, -1, 0, 1), rtol));
    const Sinv = _to_dtype(where_(gt(S, tol), reciprocal(S), 0), A.dtype, false);
    return matmul(mul(mT(Vh), unsqueeze(Sinv, -2)), mT(U));
  });
}

/** pinv_backward (FunctionsManual.cpp), real case. */
function pinvBackward(g: Tensor, pinvA: Tensor, A: Tensor): Tensor {
  const m = A._shape[A._shape.length - 2] as number;
  const n = A._shape[A._shape.length - 1] as number;
  const pinvAh = mT(pinvA);
  const gh = mT(g);
  if (m <= n) {
    const K = matmul(gh, pinvA);
    const KpinvAh = matmul(K, pinvAh);
    return add(
      sub(add(neg(mT(matmul(pinvA, K))), KpinvAh), matmul(matmul(A, pinvA), KpinvAh)),
      matmul(matmul(pinvAh, pinvA), sub(gh, matmul(K, A))),
    );
  }
  const K = matmul(pinvA, gh);
  const pinvAhK = matmul(pinvAh, K);
  return sub(
    add(add(neg(mT(matmul(K, pinvA))), matmul(matmul(sub(gh, matmul(A, K)), pinvA), pinvAh)), pinvAhK),
    matmul(matmul(pinvAhK, pinvA), A),
  );
}

/** `torch.linalg.pinv(A, rcond=None, hermitian=False, *, atol=None, rtol=None)` (LinalgPinvBackward0). */
export function pinv(A: Tensor, rcond?: number | null | TolOpts, hermitian?: boolean | TolOpts): Tensor {
  const args = tolArgs(rcond, hermitian);
  const dt = A.dtype;
  if (!(dt.is_floating_point && (dt.name === 'float32' || dt.name === 'float64')) || A._shape.length < 2) {
    throw new RuntimeError(
      `linalg.pinv(${dt.scalarName}{[${A._shape.join(', ')}]}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types`,
    );
  }
  const [atol, rtol] = atolRtol(A, args.atol, args.rtol);
  const out = pinvValues(A, atol, rtol, args.hermitian);
  if (needsGrad(A)) {
    record('LinalgPinvBackward0', [A], out, (g, s) => [pinvBackward(g[0] as Tensor, s.get(1), s.get(0))], [A, out]);
  }
  return out;
}

/** `torch.linalg.matrix_rank(A, tol=None, hermitian=False, *, atol=None, rtol=None)`: int64, no grad. */
export function matrix_rank(A: Tensor, tol?: number | null | TolOpts, hermitian?: boolean | TolOpts): Tensor {
  let args = tolArgs(null, hermitian);
  const o = tol !== null && typeof tol === 'object' ? tolArgs(tol, hermitian) : null;
  if (o !== null) args = o;
  // The legacy `tol` is an absolute tolerance with rtol = 0.
  const legacy = typeof tol === 'number';
  checkIsMatrix(A, 'linalg.matrix_rank', 'input');
  const [atol, rtol] = legacy ? [tol, 0] : atolRtol(A, args.atol, args.rtol);
  const batch = A._shape.slice(0, -2);
  if (A.numel() === 0) return Tensor._empty(batch, int64);
  return no_grad(() => {
    let S: Tensor;
    let maxS: Tensor;
    if (!args.hermitian) {
      S = svdvals(A);
      maxS = narrow(S, -1, 0, 1);
    } else {
      S = abs(eigvalsh(A));
      maxS = amax(S, -1, true);
    }
    const t = maximum(Tensor._fromData(new Float64Array([atol]), [], float64), mul(maxS, rtol));
    return sum(gt(S, t), -1);
  });
}

/** `torch.linalg.cond(A, p=None)`: σ_max/σ_min for p = ±2 (or None), else ‖A‖·‖A⁻¹‖. */
export function cond(A: Tensor, p?: number | string | null | { p?: number | string | null }): Tensor {
  const ord = (p !== null && typeof p === 'object' ? p.p : p) ?? 2;
  if (A._shape.length < 2) throw new RuntimeError('linalg.cond: The input tensor must have at least 2 dimensions.');
  if (typeof ord === 'string') {
    // The string overload checks squareness first.
    squareCheck(A, `linalg.cond(ord=${ord})`);
    if (ord !== 'fro' && ord !== 'nuc') throw new RuntimeError(`linalg.cond got an invalid norm type: ${ord}`);
    if (A.numel() === 0) return zeros(A._shape.slice(0, -2), { dtype: A.dtype });
    if (ord === 'nuc') {
      // The nuclear norms from the definition (matrix_norm rejects infinities).
      const S = svdvals(A);
      return mul(sum(S, -1), sum(reciprocal(S), -1));
    }
    return condHelper(A, ord);
  }
  const a = Math.abs(ord);
  if (!(a === 2 || a === 1 || a === Infinity)) throw new RuntimeError(`linalg.cond got an invalid norm type: ${ord}`);
  if (A.numel() === 0) return zeros(A._shape.slice(0, -2), { dtype: A.dtype });
  if (typeof ord === 'number' && Math.abs(ord) === 2) {
    const S = svdvals(A);
    const sMax = narrow(S, -1, 0, 1);
    const sMin = narrow(S, -1, -1, 1);
    return squeeze(ord === -2 ? div(sMin, sMax) : div(sMax, sMin), -1);
  }
  // std::to_string of the double ±1, or of ±inf read as an int64.
  const o = Number.isFinite(ord) ? ord.toFixed(6) : ord > 0 ? '9223372036854775807' : '-9223372036854775808';
  squareCheck(A, `linalg.cond(ord=${o})`);
  return condHelper(A, ord);
}

/** _linalg_cond_helper: ‖A‖·‖A⁻¹‖, with A⁻¹ = inf where A is singular. */
function condHelper(A: Tensor, ord: number | 'fro'): Tensor {
  // In place, as ATen does: the masked_fill_ bumps the version of the inverse that
  // LinalgInvExBackward0 saved, so (as in PyTorch 1.13) backward through it fails.
  const [inverse, info] = inv_ex(A);
  inverse.masked_fill_(gt(unsqueeze(unsqueeze(info, -1), -1), 0), Infinity);
  const result = mul(matrix_norm(A, ord), matrix_norm(inverse, ord));
  result.nan_to_num_(Infinity, Infinity, -Infinity);
  return result;
}

// ---- triangular solvers ------------------------------------------------------------------------

/** Solves T X = B in place of b (n×k, row-major) for triangular T (n×n), reading only its triangle. */
function triSolve(a: Float64Array, n: number, b: Float64Array, k: number, upper: boolean, unit: boolean): void {
  if (upper) {
    for (let i = n - 1; i >= 0; i--) {
      for (let c = 0; c < k; c++) {
        let s = b[i * k + c] as number;
        for (let j = i + 1; j < n; j++) s -= (a[i * n + j] as number) * (b[j * k + c] as number);
        b[i * k + c] = unit ? s : s / (a[i * n + i] as number);
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = b[i * k + c] as number;
        for (let j = 0; j < i; j++) s -= (a[i * n + j] as number) * (b[j * k + c] as number);
        b[i * k + c] = unit ? s : s / (a[i * n + i] as number);
      }
    }
  }
}

function transposed(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j] as number;
  return t;
}

/** X with op(A) X = B (left) or X op(A) = B, batch dims broadcast; A read as upper/lower triangular. */
function triSolveValues(A: Tensor, B: Tensor, upper: boolean, left: boolean, unit: boolean, transA: boolean): { X: Tensor; Ae: Tensor } {
  const n = A._shape[A._shape.length - 1] as number;
  const bm = B._shape[B._shape.length - 2] as number;
  const bn = B._shape[B._shape.length - 1] as number;
  const batch = broadcastShapes(A._shape.slice(0, -2), B._shape.slice(0, -2));
  const [Ae, Be] = no_grad(() => [expand(A, [[...batch, n, n]]), expand(B, [[...batch, bm, bn]])]) as [Tensor, Tensor];
  const mA = matrices(Ae);
  const mB = matrices(Be);
  const X = Tensor._empty([...batch, bm, bn], A.dtype);
  for (let b = 0; b < mA.count; b++) {
    let a = mA.get(b);
    let up = upper;
    // op(A) = Aᵀ: the transposed triangle, the other way up.
    if (transA) {
      a = transposed(a, n, n);
      up = !up;
    }
    let rhs = mB.get(b);
    if (left) {
      triSolve(a, n, rhs, bn, up, unit);
    } else {
      // X A = B ⇔ Aᵀ Xᵀ = Bᵀ.
      rhs = transposed(rhs, bm, bn);
      triSolve(transposed(a, n, n), n, rhs, bm, !up, unit);
      rhs = transposed(rhs, bn, bm);
    }
    X._data.set(rhs, b * bm * bn);
  }
  return { X, Ae };
}

type SolveTriOpts = { upper?: boolean; left?: boolean; unitriangular?: boolean };

/** `torch.linalg.solve_triangular(A, B, *, upper, left=True, unitriangular=False)`. */
export function solve_triangular(A: Tensor, B: Tensor, opts: SolveTriOpts = {}): Tensor {
  if (opts.upper === undefined) throw new TypeError("linalg_solve_triangular() missing 1 required keyword-only argument: 'upper'");
  const upper = opts.upper;
  const left = opts.left ?? true;
  const unit = opts.unitriangular ?? false;
  checkFloatingOrComplex(A, 'linalg.solve_triangular');
  if (A.dtype !== B.dtype) {
    throw new RuntimeError(`linalg.solve_triangular: Expected A and B to have the same dtype, but found A of type ${A.dtype.scalarName} and B of type ${B.dtype.scalarName} instead`);
  }
  squareCheck(A, 'linalg.solve_triangular');
  checkIsMatrix(B, 'linalg.solve_triangular', 'B');
  const n = A._shape[A._shape.length - 1] as number;
  const bm = B._shape[B._shape.length - 2] as number;
  const bn = B._shape[B._shape.length - 1] as number;
  if (left ? n !== bm : n !== bn) {
    throw new RuntimeError(`linalg.solve_triangular: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${bm}x${bn})`);
  }
  const { X } = triSolveValues(A, B, upper, left, unit, false);
  if (needsGrad(A, B)) {
    record('LinalgSolveTriangularBackward0', [A, B], X, (g, s, node) => {
      const Af = s.get(0);
      const GB = solve_triangular(mT(Af), g[0] as Tensor, { upper: !upper, left, unitriangular: unit });
      let GA: Tensor | null = null;
      if (node.needs[0]) {
        const XH = mT(s.get(1));
        GA = neg(left ? matmul(GB, XH) : matmul(XH, GB));
        GA = upper ? triu(GA, unit ? 1 : 0) : tril(GA, unit ? -1 : 0);
      }
      return [GA, node.needs[1] ? GB : null];
    }, [A, X]);
  }
  return X;
}

export type TriangularSolveResult = [Tensor, Tensor] & { readonly solution: Tensor; readonly cloned_coefficient: Tensor };

/** `torch.triangular_solve(b, A, upper=True, transpose=False, unitriangular=False)`: (solution, cloned_coefficient). */
export function triangular_solve(
  b: Tensor,
  A: Tensor,
  upper?: boolean | { upper?: boolean; transpose?: boolean; unitriangular?: boolean },
  transpose?: boolean,
  unitriangular?: boolean,
): TriangularSolveResult {
  const o = upper !== null && typeof upper === 'object' ? upper : {};
  const up = typeof upper === 'boolean' ? upper : (o.upper ?? true);
  const tr = transpose ?? o.transpose ?? false;
  const unit = unitriangular ?? o.unitriangular ?? false;
  if (b._shape.length < 2) throw new RuntimeError(`torch.triangular_solve: Expected b to have at least 2 dimensions, but it has ${b._shape.length} dimensions instead`);
  if (A._shape.length < 2) throw new RuntimeError(`torch.triangular_solve: Expected A to have at least 2 dimensions, but it has ${A._shape.length} dimensions instead`);
  squareCheck(A, 'triangular_solve');
  const n = A._shape[A._shape.length - 1] as number;
  const bm = b._shape[b._shape.length - 2] as number;
  if (n !== bm) {
    throw new RuntimeError(`Incompatible matrix sizes for triangular_solve: each A matrix is ${n} by ${n} but each b matrix is ${bm} by ${b._shape[b._shape.length - 1]}`);
  }
  const { X, Ae } = triSolveValues(A, b, up, true, unit, tr);
  const M = no_grad(() => clone(Ae).contiguous());
  if (needsGrad(b, A)) {
    record('TriangularSolveBackward0', [b, A], [X, M], (g, s, node) => {
      const gX = g[0] ?? null;
      const gM = g[1] ?? null;
      const bb = s.get(0);
      const a = s.get(1);
      const x = s.get(2);
      let gb: Tensor | null = null;
      let ga: Tensor | null = null;
      if (gX !== null) {
        gb = triangular_solve(gX, a, up, !tr, unit)[0];
        if (node.needs[1]) {
          ga = tr ? neg(matmul(x, mT(gb))) : neg(matmul(gb, mT(x)));
          ga = up ? triu(ga, unit ? 1 : 0) : tril(ga, unit ? -1 : 0);
        }
      }
      if (ga === null) ga = expand(zeros([1], { dtype: a.dtype }), [a._shape.slice()]);
      if (gb === null) gb = expand(zeros([1], { dtype: bb.dtype }), [bb._shape.slice()]);
      if (node.needs[1] && gM !== null) ga = add(ga, gM);
      return [node.needs[0] ? gb : null, node.needs[1] ? ga : null];
    }, [b, A, X]);
  }
  return namedTuple('triangular_solve', ['solution', 'cloned_coefficient'], [X, M]) as TriangularSolveResult;
}

/** (L Lᴴ)⁻¹ B (or (Uᴴ U)⁻¹ B): two triangular solves per batch element. */
function cholSolveValues(B: Tensor, L: Tensor, upper: boolean): Tensor {
  return no_grad(() => {
    if (upper) {
      const Y = triSolveValues(L, B, true, true, false, true).X;
      return triSolveValues(L, Y, true, true, false, false).X;
    }
    const Y = triSolveValues(L, B, false, true, false, false).X;
    return triSolveValues(L, Y, false, true, false, true).X;
  });
}

/** `torch.cholesky_solve(B, L, upper=False)`: X with A X = B for A = L Lᴴ (CholeskySolveBackward0). */
export function cholesky_solve(B: Tensor, L: Tensor, upper?: boolean | { upper?: boolean }): Tensor {
  const up = typeof upper === 'object' ? (upper.upper ?? false) : (upper ?? false);
  if (B._shape.length < 2) throw new RuntimeError(`b should have at least 2 dimensions, but has ${B._shape.length} dimensions instead`);
  if (L._shape.length < 2) throw new RuntimeError(`u should have at least 2 dimensions, but has ${L._shape.length} dimensions instead`);
  if (B.dtype !== L.dtype) {
    throw new RuntimeError(`Expected b and A to have the same dtype, but found b of type ${B.dtype.scalarName} and A of type ${L.dtype.scalarName} instead.`);
  }
  const X = cholSolveValues(B, L, up);
  if (needsGrad(B, L)) {
    record('CholeskySolveBackward0', [B, L], X, (g, s, node) => {
      const gSelf = cholesky_solve(g[0] as Tensor, s.get(1), up);
      let gL: Tensor | null = null;
      if (node.needs[1]) {
        let common = matmul(gSelf, mT(s.get(2)));
        common = add(common, mT(common));
        gL = up ? neg(matmul(s.get(1), common)) : neg(matmul(common, s.get(1)));
      }
      return [node.needs[0] ? gSelf : null, gL];
    }, [B, L, X]);
  }
  return X;
}

/** `torch.cholesky_inverse(L, upper=False)`: (L Lᴴ)⁻¹ from a Cholesky factor (CholeskyInverseBackward0). */
export function cholesky_inverse(L: Tensor, upper?: boolean | { upper?: boolean }): Tensor {
  const up = typeof upper === 'object' ? (upper.upper ?? false) : (upper ?? false);
  if (L._shape.length < 2) throw new RuntimeError(`cholesky_inverse: The input tensor A must have at least 2 dimensions.`);
  squareCheck(L, 'cholesky_inverse');
  const n = L._shape[L._shape.length - 1] as number;
  const I = no_grad(() => expand(eye(n, { dtype: L.dtype }), [[...L._shape.slice(0, -2), n, n]]));
  const out = cholSolveValues(I, L, up);
  if (needsGrad(L)) {
    record('CholeskyInverseBackward0', [L], out, (g, s) => {
      const gg = g[0] as Tensor;
      let common = add(gg, mT(gg));
      common = matmul(s.get(1), matmul(common, s.get(1)));
      return [up ? neg(matmul(s.get(0), common)) : neg(matmul(common, s.get(0)))];
    }, [L, out]);
  }
  return out;
}

// ---- lstsq -------------------------------------------------------------------------------------

export type LstsqResult = [Tensor, Tensor, Tensor, Tensor] & {
  readonly solution: Tensor;
  readonly residuals: Tensor;
  readonly rank: Tensor;
  readonly singular_values: Tensor;
};

const LSTSQ_DRIVERS = ['gels', 'gelsy', 'gelsd', 'gelss'];

/**
 * `torch.linalg.lstsq(A, B, rcond=None, *, driver=None)` (CPU default driver gelsy). The solution
 * is the minimum-norm least-squares one, from the SVD with singular values at or below
 * rcond·σ_max dropped; which outputs are filled follows the driver, as LAPACK's do in PyTorch.
 */
export function lstsq(A: Tensor, B: Tensor, rcond?: number | null | { rcond?: number | null; driver?: string | null }, opts: { driver?: string | null } = {}): LstsqResult {
  const o = rcond !== null && typeof rcond === 'object' ? rcond : opts;
  const rc = typeof rcond === 'number' ? rcond : (o as { rcond?: number | null }).rcond ?? null;
  const driver = o.driver ?? 'gelsy';
  if (A._shape.length < 2) throw new RuntimeError('torch.linalg.lstsq: input must have at least 2 dimensions.');
  if (A.dtype !== B.dtype) {
    throw new RuntimeError(`torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype ${A.dtype.scalarName} and other's dtype ${B.dtype.scalarName}`);
  }
  checkFloatingOrComplex(A, 'torch.linalg.lstsq');
  const vectorCase = B._shape.length === A._shape.length - 1;
  const B2 = vectorCase ? unsqueeze(B, -1) : B;
  if (B2._shape.length < 2) throw new RuntimeError('torch.linalg.lstsq: other must have at least 1 dimension.');
  if (!LSTSQ_DRIVERS.includes(driver)) throw new RuntimeError('torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, gelss)');
  const m = A._shape[A._shape.length - 2] as number;
  const n = A._shape[A._shape.length - 1] as number;
  if (B2._shape[B2._shape.length - 2] !== m) {
    throw new RuntimeError(`torch.linalg.lstsq: input.size(-2) should match other.size(${vectorCase ? -1 : -2})`);
  }
  const k = B2._shape[B2._shape.length - 1] as number;
  const batch = broadcastShapes(A._shape.slice(0, -2), B2._shape.slice(0, -2));
  const rtol = rc !== null && rc > 0 ? rc : epsOf(A.dtype) * Math.max(m, n);
  const { X, rank, S } = no_grad(() => {
    const Ae = expand(A, [[...batch, m, n]]);
    const Be = expand(B2, [[...batch, m, k]]);
    const [U, Sv, Vh] = svd(Ae, false);
    const tol = mul(narrow(Sv, -1, 0, 1), rtol);
    const keep = gt(Sv, tol);
    const Sinv = where_(keep, reciprocal(Sv), 0);
    const sol = matmul(mul(mT(Vh), unsqueeze(Sinv, -2)), matmul(mT(U), Be));
    return { X: sol, rank: sum(keep, -1), S: Sv };
  });
  const empty = (dt = A.dtype): Tensor => zeros([0], { dtype: dt });
  let residuals = empty();
  if (m > n && driver !== 'gelsy') {
    const full = no_grad(() => (rank.eq(n).all().item() as boolean));
    if (driver === 'gels' || full) {
      residuals = no_grad(() => {
        const r = sub(matmul(expand(A, [[...batch, m, n]]), X), expand(B2, [[...batch, m, k]]));
        return sum(mul(r, r), -2);
      });
    }
  }
  const rankOut = driver === 'gels' ? empty(int64) : rank;
  const svOut = driver === 'gelsd' || driver === 'gelss' ? S : empty();
  const solution = vectorCase ? no_grad(() => clone(squeeze(X, -1))) : X;
  if (needsGrad(A, B)) {
    // output_differentiability [True, False, False, False]: only the solution gets the node.
    record('LinalgLstsqBackward0', [A, B], solution, (g, s, node) => {
      const gg = g[0] as Tensor;
      const Af = s.get(0);
      const Bf = s.get(1);
      const P = pinv(Af);
      const gA = node.needs[0] ? pinvBackward(matmul(gg, mT(Bf)), P, Af) : null;
      const gB = node.needs[1] ? matmul(mT(P), gg) : null;
      return [gA, gB];
    }, [A, B]);
  }
  return namedTuple('linalg_lstsq', ['solution', 'residuals', 'rank', 'singular_values'], [solution, residuals, rankOut, svOut]) as LstsqResult;
}

/** `torch.pinverse(input, rcond=1e-15)`: linalg.pinv with rcond as the relative tolerance. */
export function pinverse(A: Tensor, rcond: number | { rcond?: number } = 1e-15): Tensor {
  return pinv(A, typeof rcond === 'number' ? rcond : (rcond.rcond ?? 1e-15));
}

// ---- householder_product -----------------------------------------------------------------------

/** The reflector vectors of A (…, m, k cols used): column i is 0 above i, 1 at i, A's entries below. */
function reflectors(A: Tensor, k: number): Tensor {
  const m = A._shape[A._shape.length - 2] as number;
  const V = narrow(tril(A, -1), -1, 0, k);
  return add(V, narrow(eye(m, { dtype: A.dtype }), -1, 0, k));
}

/**
 * `torch.linalg.householder_product(A, tau)` (also `torch.orgqr`): the first n columns of
 * H₁⋯H_k, H_i = I − τ_i v_i v_iᴴ (LinalgHouseholderProductBackward0). The gradient is the
 * chain rule through that product, written with public ops; it equals PyTorch's
 * householder_product_backward, which computes the same derivative more economically.
 */
export function householder_product(A: Tensor, tau: Tensor): Tensor {
  const fn = 'torch.linalg.householder_product';
  const nd = A._shape.length;
  if (nd < 2) throw new RuntimeError(`${fn}: input must have at least 2 dimensions.`);
  const m = A._shape[nd - 2] as number;
  const n = A._shape[nd - 1] as number;
  if (m < n) throw new RuntimeError(`${fn}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  const k = tau._shape[tau._shape.length - 1] ?? 1;
  if (n < k) throw new RuntimeError(`${fn}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  if (tau._shape.length !== nd - 1) {
    throw new RuntimeError(`${fn}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau._shape.length} and input.ndim is equal to ${nd}`);
  }
  const batch = A._shape.slice(0, -2);
  if (batch.some((s, i) => s !== tau._shape[i])) {
    throw new RuntimeError(`${fn}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got [${tau._shape.slice(0, -1).join(', ')}]`);
  }
  if (tau.dtype !== A.dtype) throw new RuntimeError(`${fn}: tau dtype ${tau.dtype.scalarName} does not match input dtype ${A.dtype.scalarName}`);
  checkFloatingOrComplex(A, fn);
  // The reflectors H_i, as (…, m, m) matrices.
  const reflectorsOf = (Af: Tensor, t: Tensor): Tensor[] => {
    const V = reflectors(Af, k);
    const I = eye(m, { dtype: Af.dtype });
    const Hs: Tensor[] = [];
    for (let i = 0; i < k; i++) {
      const v = narrow(V, -1, i, 1);
      const ti = unsqueeze(narrow(t, -1, i, 1), -1);
      Hs.push(sub(I, mul(ti, matmul(v, mT(v)))));
    }
    return Hs;
  };
  const out = no_grad(() => {
    let P = expand(eye(m, { dtype: A.dtype }), [[...batch, m, m]]);
    for (const H of reflectorsOf(A, tau)) P = matmul(P, H);
    return narrow(P, -1, 0, n).contiguous();
  });
  if (needsGrad(A, tau)) {
    record('LinalgHouseholderProductBackward0', [A, tau], out, (g, s, node) => {
      // Like PyTorch, no reflectors means no gradient.
      if (k === 0 || s.get(0).numel() === 0) return [null, null];
      const Af = s.get(0);
      const t = s.get(1);
      const Hs = reflectorsOf(Af, t);
      const V = reflectors(Af, k);
      // dL/dP for P = H₁⋯H_k: g in the first n columns, zero in the rest.
      const gg = g[0] as Tensor;
      const GP = m > n ? cat([gg, zeros([...gg._shape.slice(0, -1), m - n], { dtype: gg.dtype })], -1) : gg;
      // Suffix products R_i = H_{i+1}⋯H_k, prefix products L_i = H₁⋯H_{i−1}.
      const eyeM = eye(m, { dtype: Af.dtype });
      const R: Tensor[] = new Array<Tensor>(k);
      let acc: Tensor = eyeM;
      for (let i = k - 1; i >= 0; i--) {
        R[i] = acc;
        acc = matmul(Hs[i] as Tensor, acc);
      }
      let L: Tensor = eyeM;
      const vGrads: Tensor[] = [];
      const tauGrads: Tensor[] = [];
      for (let i = 0; i < k; i++) {
        const GH = matmul(matmul(mT(L), GP), mT(R[i] as Tensor));
        const v = narrow(V, -1, i, 1);
        const ti = unsqueeze(narrow(t, -1, i, 1), -1);
        // H = I − τ v vᵀ: dτ = −vᵀ G v, dv = −τ (G + Gᵀ) v.
        tauGrads.push(squeeze(squeeze(neg(matmul(mT(v), matmul(GH, v))), -1), -1));
        vGrads.push(mul(neg(ti), matmul(add(GH, mT(GH)), v)));
        L = matmul(L, Hs[i] as Tensor);
      }
      let gA: Tensor | null = null;
      if (node.needs[0]) {
        // Only A's strictly lower part of the first k columns feeds the reflectors.
        const gV = tril(cat(vGrads, -1), -1);
        gA = n > k ? cat([gV, zeros([...gV._shape.slice(0, -1), n - k], { dtype: gV.dtype })], -1) : gV;
      }
      const gTau = node.needs[1] ? cat(tauGrads.map((x) => unsqueeze(x, -1)), -1) : null;
      return [gA, gTau];
    }, [A, tau]);
  }
  return out;
}

/** `torch.orgqr(A, tau)`: householder_product's older name. */
export function orgqr(A: Tensor, tau: Tensor): Tensor {
  return householder_product(A, tau);
}
