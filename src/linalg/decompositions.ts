// torch.linalg's factorisations and solvers: det, inv, solve, cholesky, qr, eigh, svd, svdvals.
// Each computes with the double-precision kernels of ./kernels.ts batch element by batch element,
// records the grad_fn PyTorch 1.13 records (LinalgDetBackward0, LinalgInvExBackward0, …), and
// differentiates with FunctionsManual.cpp's formula written with public ops, so higher-order
// gradients come for free.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { broadcastShapes } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { is_grad_enabled, no_grad } from '../autograd/grad_mode.ts';
import { matmul } from '../ops/linalg/linalg.ts';
import { expand, narrow, unsqueeze } from '../ops/shape/views.ts';
import { add, div, mul, sub } from '../ops/pointwise/arithmetic.ts';
import { neg } from '../ops/pointwise/unary.ts';
import { tril, triu, diagonal } from '../ops/shape/shape_more.ts';
import { cat, stack } from '../ops/shape/shape_more_join.ts';
import { prod } from '../ops/reduce/reduce_more.ts';
import { eq } from '../ops/pointwise/compare.ts';
import { where_ } from '../ops/pointwise/select_where.ts';
import { eye } from '../tensor/fill_factories.ts';
import { cholesky as cholKernel, householderQr, jacobiEigh, jacobiSvd, luDet, luFactor, luSolve } from './kernels.ts';
import {
  LinAlgError, batchPrefix, checkFloatingOrComplex, checkIsMatrix, diagEmbed, epsOf, isUnusedGrad, mT, matrices, namedTuple,
  output, squareCheck,
} from './util.ts';

// ---- det -----------------------------------------------------------------------------------

/** `torch.linalg.det(A)` (also `torch.det`): via LU with partial pivoting. */
export function det(A: Tensor): Tensor {
  squareCheck(A, 'linalg.det');
  checkFloatingOrComplex(A, 'linalg.det');
  const { batch, n, count, get } = matrices(A);
  const out = Tensor._empty(batch, A.dtype);
  for (let b = 0; b < count; b++) {
    const a = get(b);
    const { sign } = luFactor(a, n);
    out._data[b] = luDet(a, n, sign);
  }
  if (needsGrad(A)) {
    record('LinalgDetBackward0', [A], out, (g, s) => [detBackward(g[0] as Tensor, s.get(1), s.get(0))], [A, out]);
  }
  return out;
}

/**
 * linalg_det_backward: det·A⁻ᵀ·g solved from Aᵀ G = det·g·I; when some det is (nearly) zero, the
 * adjugate from an SVD instead (valid for every matrix, so the whole batch takes it).
 */
function detBackward(g: Tensor, d: Tensor, A: Tensor): Tensor | null {
  if (A.numel() === 0) return null;
  const n = A._shape[A._shape.length - 1] as number;
  const eps = epsOf(A.dtype);
  const dd = d.contiguous()._data;
  let singular = false;
  for (let i = 0; i < dd.length; i++) if (!(Math.abs(dd[i] as number) >= 100 * eps)) singular = true;
  if (!is_grad_enabled()) return detBackwardNoGrad(g, d, A);
  if (!singular) {
    const dDiag = mul(g, d);
    const D = diagEmbed(expand(unsqueeze(dDiag, -1), [[...dDiag._shape, n]]));
    return solve(mT(A), D);
  }
  const [U, S, Vh] = svd(A) as [Tensor, Tensor, Tensor];
  const alpha = mul(mul(det(U), det(Vh)), g);
  const Dm = mul(unsqueeze(alpha, -1), prodOthers(S));
  return matmul(mul(U, unsqueeze(Dm, -2)), Vh);
}

/**
 * linalg_det_backward without create_graph: PyTorch solves Aᵀ G = det·g·I with A's LU, a zero
 * pivot replaced by eps (so an exactly singular A gets G = 0·(…) rather than the adjugate).
 */
function detBackwardNoGrad(g: Tensor, d: Tensor, A: Tensor): Tensor {
  const eps = epsOf(A.dtype);
  const { batch, n, count, get } = matrices(A);
  const scale = mul(g, d).contiguous()._data;
  const out = Tensor._empty([...batch, n, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const a = get(b);
    const at = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) at[i * n + j] = a[j * n + i] as number;
    const { piv } = luFactor(at, n);
    for (let i = 0; i < n; i++) if (at[i * n + i] === 0) at[i * n + i] = eps;
    const x = new Float64Array(n * n);
    const sc = scale[b] as number;
    for (let i = 0; i < n; i++) x[i * n + i] = sc;
    luSolve(at, piv, n, x, n);
    out._data.set(x, b * n * n);
  }
  return out;
}

/** For each i, the product of S[..., j] over j ≠ i (prod_safe_zeros_backward with grad 1). */
function prodOthers(S: Tensor): Tensor {
  const n = S._shape[S._shape.length - 1] as number;
  const parts: Tensor[] = [];
  for (let i = 0; i < n; i++) {
    const rest = cat([narrow(S, -1, 0, i), narrow(S, -1, i + 1, n - i - 1)], -1);
    parts.push(prod(rest, -1));
  }
  return stack(parts, -1);
}

// ---- slogdet / logdet ----------------------------------------------------------------------

export type SlogdetResult = [Tensor, Tensor] & { readonly sign: Tensor; readonly logabsdet: Tensor };

function slogdetImpl(A: Tensor, fn: string, tupleName: string): SlogdetResult {
  squareCheck(A, fn);
  checkFloatingOrComplex(A, fn);
  const { batch, n, count, get } = matrices(A);
  const sign = Tensor._empty(batch.slice(), A.dtype);
  const logabs = Tensor._empty(batch.slice(), A.dtype);
  for (let b = 0; b < count; b++) {
    const a = get(b);
    const f = luFactor(a, n);
    let sg = f.sign;
    let la = 0;
    for (let i = 0; i < n; i++) {
      const d = a[i * n + i] as number;
      sg *= Math.sign(d);
      la += Math.log(Math.abs(d));
    }
    sign._data[b] = sg;
    logabs._data[b] = la;
  }
  const outs = [sign, logabs] as [Tensor, Tensor];
  if (needsGrad(A)) {
    // slogdet_backward (real case): the sign's gradient is always zero; g·A⁻ᵀ for logabsdet.
    record('LinalgSlogdetBackward0', [A], outs, (g, s) => {
      // Always computed: a logabsdet gradient of zeros (say, masked by logdet's where) still
      // gives a zero gradient, not None.
      const gl = g[1] as Tensor;
      const Af = s.get(0);
      const n2 = Af._shape[Af._shape.length - 1] as number;
      return [solve(mT(Af), diagEmbed(expand(unsqueeze(gl, -1), [[...gl._shape, n2]])))];
    }, [A]);
  }
  return namedTuple(tupleName, ['sign', 'logabsdet'], outs) as SlogdetResult;
}

/** `torch.linalg.slogdet(A)`: (sign, log|det|) from the LU factorisation. */
export function slogdet(A: Tensor): SlogdetResult {
  return slogdetImpl(A, 'linalg.slogdet', 'linalg_slogdet');
}

/** `torch.slogdet(A)`: the same values, printed as torch.return_types.slogdet. */
export function torch_slogdet(A: Tensor): SlogdetResult {
  return slogdetImpl(A, 'linalg.slogdet', 'slogdet');
}

/** `torch.logdet(A)`: log det, nan for a negative determinant (where(sign == -1, nan, logabsdet)). */
export function logdet(A: Tensor): Tensor {
  squareCheck(A, 'logdet');
  checkFloatingOrComplex(A, 'logdet');
  const [sign, logabsdet] = slogdetImpl(A, 'linalg.slogdet', 'linalg_slogdet');
  return where_(eq(sign, -1), NaN, logabsdet);
}

// ---- inv -----------------------------------------------------------------------------------

function invValues(A: Tensor, fn: string): Tensor {
  const { batch, n, count, get } = matrices(A);
  const out = Tensor._empty([...batch, n, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const a = get(b);
    const { piv, info } = luFactor(a, n);
    if (info > 0) {
      throw new LinAlgError(
        `${fn}: ${batchPrefix(batch.length > 0, b)}The diagonal element ${info} is zero, the inversion could not be completed because the input matrix is singular.`,
      );
    }
    const x = new Float64Array(n * n);
    for (let i = 0; i < n; i++) x[i * n + i] = 1;
    luSolve(a, piv, n, x, n);
    out._data.set(x, b * n * n);
  }
  return out;
}

/** `torch.linalg.inv(A)` (also `torch.inverse`). */
export function inv(A: Tensor): Tensor {
  squareCheck(A, 'linalg.inv');
  checkFloatingOrComplex(A, 'linalg.inv');
  const out = invValues(A, 'linalg.inv');
  if (needsGrad(A)) {
    record('LinalgInvExBackward0', [A], out, (g, s) => {
      const invT = mT(s.get(0));
      return [neg(matmul(invT, matmul(g[0] as Tensor, invT)))];
    }, [out]);
  }
  return out;
}

// ---- solve ---------------------------------------------------------------------------------

type SolveOpts = { left?: boolean };

/** `torch.linalg.solve(A, B, *, left=True)`: X with AX = B (left) or XA = B. */
export function solve(A: Tensor, B: Tensor, opts: SolveOpts = {}): Tensor {
  const left = opts.left ?? true;
  checkFloatingOrComplex(A, 'linalg.solve');
  if (A.dtype !== B.dtype) {
    throw new RuntimeError(
      `linalg.solve: Expected A and B to have the same dtype, but found A of type ${A.dtype.scalarName} and B of type ${B.dtype.scalarName} instead`,
    );
  }
  const vectorCase = isVectorRhs(A, B);
  const B_ = vectorCase ? unsqueeze(B, left ? -1 : -2) : B;
  squareCheck(A, 'linalg.solve', 'A');
  checkIsMatrix(B_, 'linalg.solve', 'B');
  const nA = A._shape.length;
  const nB = B_._shape.length;
  const n = A._shape[nA - 1] as number;
  const bm = B_._shape[nB - 2] as number;
  const bn = B_._shape[nB - 1] as number;
  if (left ? n !== bm : n !== bn) {
    throw new RuntimeError(
      `linalg.solve: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${n}x${n} and ${bm}x${bn})`,
    );
  }
  const batch = broadcastShapes(A._shape.slice(0, -2), B_._shape.slice(0, -2));
  const [Ae, Be] = no_grad(() => [expand(A, [[...batch, n, n]]), expand(B_, [[...batch, bm, bn]])]) as [Tensor, Tensor];
  // XA = B is Aᵀ Xᵀ = Bᵀ.
  const mA = matrices(left ? Ae : no_grad(() => mT(Ae)));
  const mB = matrices(left ? Be : no_grad(() => mT(Be)));
  const k = left ? bn : bm;
  const x = Tensor._empty([...batch, bm, bn], A.dtype);
  for (let b = 0; b < mA.count; b++) {
    const a = mA.get(b);
    const { piv, info } = luFactor(a, n);
    if (info > 0) {
      throw new LinAlgError(`torch.linalg.solve: ${batchPrefix(nA > 2, b)}The solver failed because the input matrix is singular.`);
    }
    const rhs = mB.get(b);
    luSolve(a, piv, n, rhs, k);
    if (left) x._data.set(rhs, b * n * k);
    else for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x._data[b * n * k + j * n + i] = rhs[i * k + j] as number;
  }
  const out = vectorCase ? dropDim(x, x._shape.length + (left ? -1 : -2)) : x;
  if (needsGrad(A, B)) {
    record('LinalgSolveExBackward0', [A, B], out, (g, s, node) => {
      const gX = vectorCase ? unsqueeze(g[0] as Tensor, left ? -1 : -2) : (g[0] as Tensor);
      const Af = s.get(0);
      const gB = solve(mT(Af), gX, { left });
      let gA: Tensor | null = null;
      if (node.needs[0]) {
        const X = vectorCase ? unsqueeze(s.get(1), left ? -1 : -2) : s.get(1);
        gA = neg(left ? matmul(gB, mT(X)) : matmul(mT(X), gB));
      }
      const gBv = vectorCase ? gB.squeeze(left ? -1 : -2) : gB;
      return [gA, node.needs[1] ? gBv : null];
    }, [A, out]);
  }
  return out;
}

/** The same values without size-1 dim `d`: a fresh tensor, not a view (as PyTorch's result is). */
function dropDim(t: Tensor, d: number): Tensor {
  return new Tensor(t._data, t._shape.filter((_, i) => i !== d), t._stride.filter((_, i) => i !== d), 0, t.dtype);
}

/** linalg_solve_is_vector_rhs: B is a vector, or a batch of vectors matching A's batch. */
function isVectorRhs(A: Tensor, B: Tensor): boolean {
  if (B._shape.length === 1) return true;
  const expected = A._shape.slice(0, -1);
  return A._shape.length - 1 === B._shape.length && expected.every((s, i) => s === B._shape[i]);
}

// ---- cholesky ------------------------------------------------------------------------------

/** `torch.linalg.cholesky(A, *, upper=False)`: reads A's lower triangle, as potrf does. */
export function cholesky(A: Tensor, opts: { upper?: boolean } = {}): Tensor {
  const upper = opts.upper ?? false;
  squareCheck(A, 'linalg.cholesky');
  checkFloatingOrComplex(A, 'linalg.cholesky');
  const { batch, n, count, get } = matrices(A);
  const out = Tensor._empty([...batch, n, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const { l, info } = cholKernel(get(b), n);
    if (info > 0) {
      throw new LinAlgError(
        `linalg.cholesky: ${batchPrefix(batch.length > 0, b)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${info} is not positive-definite).`,
      );
    }
    if (upper) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out._data[b * n * n + i * n + j] = l[j * n + i] as number;
    else out._data.set(l, b * n * n);
  }
  if (needsGrad(A)) {
    record('LinalgCholeskyExBackward0', [A], out, (g, s) => [choleskyBackward(g[0] as Tensor, upper, s.get(0))], [out]);
  }
  return out;
}

/** cholesky_backward: L⁻ᴴ Φ(Lᴴ gL) L⁻¹ with Φ(X) = ½(X + Xᴴ − diag X) on tril(X). */
function choleskyBackward(gL0: Tensor, upper: boolean, L0: Tensor): Tensor {
  const L = upper ? mT(L0) : L0;
  const gL = upper ? mT(gL0) : gL0;
  let gA = tril(matmul(mT(L), gL));
  gA = mul(add(gA, mT(tril(gA, -1))), 0.5);
  const Linv = inv(L);
  return matmul(mT(Linv), matmul(gA, Linv));
}

// ---- qr ------------------------------------------------------------------------------------

export type QrResult = [Tensor, Tensor] & { readonly Q: Tensor; readonly R: Tensor };

/** `torch.linalg.qr(A, mode='reduced')`: Householder QR with LAPACK's signs. */
export function qr(A: Tensor, mode?: string | { mode?: string }): QrResult {
  const md = (typeof mode === 'object' ? mode.mode : mode) ?? 'reduced';
  checkIsMatrix(A, 'linalg.qr');
  checkFloatingOrComplex(A, 'linalg.qr');
  if (md !== 'reduced' && md !== 'r' && md !== 'complete') {
    throw new RuntimeError(`qr received unrecognized mode '${md}' but expected one of 'reduced' (default), 'r', or 'complete'`);
  }
  const { batch, m, n, count, get } = matrices(A);
  const complete = md === 'complete';
  const k = complete ? m : Math.min(m, n);
  const Q = output(md === 'r' ? [0] : [...batch, m, k], A.dtype);
  const R = output([...batch, k, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const res = householderQr(get(b), m, n, complete);
    if (md !== 'r') Q.put(b, res.q);
    R.put(b, res.r);
  }
  const outs = [Q.t, R.t] as [Tensor, Tensor];
  if (needsGrad(A)) {
    record('LinalgQrBackward0', [A], outs, (g, s) => [qrBackward(g[0] as Tensor, g[1] as Tensor, s.get(0), s.get(1), md)], [Q.t, R.t]);
  }
  return namedTuple('linalg_qr', ['Q', 'R'], outs) as QrResult;
}

/** linalg_qr_backward (FunctionsManual.cpp). */
function qrBackward(gQ0: Tensor, gR0: Tensor, Q: Tensor, R: Tensor, mode: string): Tensor {
  if (mode === 'r') {
    throw new RuntimeError(
      "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.",
    );
  }
  const m = Q._shape[Q._shape.length - 2] as number;
  const n = R._shape[R._shape.length - 1] as number;
  if (mode === 'complete' && m > n) {
    throw new RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
  }
  const gQ = isUnusedGrad(gQ0) ? null : gQ0;
  const gR = isUnusedGrad(gR0) ? null : gR0;
  if (gQ === null && gR === null) return Tensor._empty([...Q._shape.slice(0, -1), n], Q.dtype);
  let gA: Tensor;
  if (gQ !== null) gA = gR !== null ? sub(matmul(gR, mT(R)), matmul(mT(Q), gQ)) : neg(matmul(mT(Q), gQ));
  else gA = matmul(gR as Tensor, mT(R));
  if (m >= n) {
    const X = triu(gA);
    const sym = sub(add(X, mT(X)), diagEmbed(diagonal(X, 0, -2, -1)));
    gA = matmul(Q, sym);
    if (gQ !== null) gA = add(gA, gQ);
    // gA · (Rᴴ)⁻¹
    return matmul(gA, inv(mT(R)));
  }
  const X = neg(gA);
  gA = matmul(Q, tril(sub(X, mT(X))));
  gA = matmul(gA, inv(mT(narrow(R, -1, 0, m))));
  const zshape = R._shape.slice();
  zshape[zshape.length - 1] = n - m;
  gA = cat([gA, Tensor._empty(zshape, gA.dtype)], -1);
  if (gR !== null) gA = add(gA, matmul(Q, gR));
  return gA;
}

// ---- eigh ----------------------------------------------------------------------------------

export type EighResult = [Tensor, Tensor] & { readonly eigenvalues: Tensor; readonly eigenvectors: Tensor };

/** `torch.linalg.eigh(A, UPLO='L')`: reads one triangle; eigenvalues ascending. */
export function eigh(A: Tensor, UPLO?: string | { UPLO?: string }): EighResult {
  const uplo = (typeof UPLO === 'object' ? UPLO.UPLO : UPLO) ?? 'L';
  squareCheck(A, 'linalg.eigh');
  checkFloatingOrComplex(A, 'linalg.eigh');
  if (uplo !== 'L' && uplo !== 'U' && uplo !== 'l' && uplo !== 'u') {
    throw new RuntimeError(`Expected UPLO argument to be 'L' or 'U', but got ${uplo}`);
  }
  const lower = uplo === 'L' || uplo === 'l';
  const { batch, n, count, get } = matrices(A);
  const W = output([...batch, n], A.dtype);
  const V = output([...batch, n, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const a = get(b);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (lower) a[i * n + j] = a[j * n + i] as number;
        else a[j * n + i] = a[i * n + j] as number;
      }
    }
    const r = jacobiEigh(a, n);
    W.put(b, r.w);
    V.put(b, r.v);
  }
  const outs = [W.t, V.t] as [Tensor, Tensor];
  if (needsGrad(A)) {
    record('LinalgEighBackward0', [A], outs, (g, s) => [eighBackward(g[0] as Tensor, g[1] as Tensor, s.get(0), s.get(1))], outs);
  }
  return namedTuple('linalg_eigh', ['eigenvalues', 'eigenvectors'], outs) as EighResult;
}

/** linalg_eig_backward for Hermitian input. */
function eighBackward(gL0: Tensor, gV0: Tensor, L: Tensor, V: Tensor): Tensor {
  const gL = isUnusedGrad(gL0) ? null : gL0;
  const gV = isUnusedGrad(gV0) ? null : gV0;
  if (gL === null && gV === null) return Tensor._empty(V._shape.slice(), V.dtype);
  if (gV === null) return matmul(mul(V, unsqueeze(gL as Tensor, -2)), mT(V));
  let VhgV = matmul(mT(V), gV);
  VhgV = mul(sub(VhgV, mT(VhgV)), 0.5);
  const n = L._shape[L._shape.length - 1] as number;
  // Eigenvalue gaps, with ones on the diagonal (where VhgV is zero anyway).
  const E = add(sub(unsqueeze(L, -2), unsqueeze(L, -1)), eye(n, { dtype: L.dtype }));
  let ret = div(VhgV, E);
  if (gL !== null) ret = add(ret, diagEmbed(gL));
  return matmul(V, matmul(ret, mT(V)));
}

/** `torch.linalg.eigvalsh(A, UPLO='L')`: eigh's eigenvalues (the same node when grad is needed). */
export function eigvalsh(A: Tensor, UPLO?: string | { UPLO?: string }): Tensor {
  return eigh(A, UPLO).eigenvalues;
}

// ---- svd / svdvals -------------------------------------------------------------------------

export type SvdResult = [Tensor, Tensor, Tensor] & { readonly U: Tensor; readonly S: Tensor; readonly Vh: Tensor };

function svdValues(A: Tensor, full: boolean): [Tensor, Tensor, Tensor] {
  const { batch, m, n, count, get } = matrices(A);
  const k = Math.min(m, n);
  const U = output([...batch, m, full ? m : k], A.dtype);
  const S = output([...batch, k], A.dtype);
  const Vh = output([...batch, full ? n : k, n], A.dtype);
  for (let b = 0; b < count; b++) {
    const r = jacobiSvd(get(b), m, n, full);
    U.put(b, r.u);
    S.put(b, r.s);
    Vh.put(b, r.vh);
  }
  return [U.t, S.t, Vh.t];
}

/** `torch.linalg.svd(A, full_matrices=True)`: A = U diag(S) Vh, S descending. */
export function svd(A: Tensor, full_matrices?: boolean | { full_matrices?: boolean }): SvdResult {
  const full = (typeof full_matrices === 'object' ? full_matrices.full_matrices : full_matrices) ?? true;
  checkIsMatrix(A, 'linalg.svd');
  checkFloatingOrComplex(A, 'linalg.svd');
  const outs = svdValues(A, full);
  if (needsGrad(A)) {
    record('LinalgSvdBackward0', [A], outs, (g, s) => {
      const [U, S, Vh] = [s.get(0), s.get(1), s.get(2)];
      const k = S._shape[S._shape.length - 1] as number;
      const gU = isUnusedGrad(g[0]) ? null : (g[0] as Tensor);
      const gVh = isUnusedGrad(g[2]) ? null : (g[2] as Tensor);
      const gS = isUnusedGrad(g[1]) ? null : (g[1] as Tensor);
      return [
        svdBackward(
          full && gU !== null ? narrow(gU, -1, 0, k) : gU,
          gS,
          full && gVh !== null ? narrow(gVh, -2, 0, k) : gVh,
          full ? narrow(U, -1, 0, k) : U,
          S,
          full ? narrow(Vh, -2, 0, k) : Vh,
        ),
      ];
    }, outs);
  }
  return namedTuple('linalg_svd', ['U', 'S', 'Vh'], outs) as SvdResult;
}

/** `torch.linalg.svdvals(A)`: the singular values, descending. */
export function svdvals(A: Tensor): Tensor {
  checkIsMatrix(A, 'linalg.svdvals');
  checkFloatingOrComplex(A, 'linalg.svdvals');
  // With grad, U and Vh are computed too, as outputs of the same node (PyTorch's _linalg_svd
  // with compute_uv), so that double backward sees how they depend on A.
  if (needsGrad(A)) return svd(A, false)[1];
  return svdValues(A, false)[1];
}

/** svd_backward (FunctionsManual.cpp), real case, reduced U and Vh. */
function svdBackward(gU: Tensor | null, gS: Tensor | null, gVh: Tensor | null, U: Tensor, S: Tensor, Vh: Tensor): Tensor {
  const m = U._shape[U._shape.length - 2] as number;
  const n = Vh._shape[Vh._shape.length - 1] as number;
  if (gS === null && gU === null && gVh === null) return Tensor._empty([...U._shape.slice(0, -1), n], U.dtype);
  if (gU === null && gVh === null) {
    const gs = gS as Tensor;
    return m >= n ? matmul(U, mul(unsqueeze(gs, -1), Vh)) : matmul(mul(U, unsqueeze(gs, -2)), Vh);
  }
  const skew = (X: Tensor): Tensor => sub(X, mT(X));
  const UhgU = gU !== null ? skew(matmul(mT(U), gU)) : null;
  const VhgV = gVh !== null ? skew(matmul(Vh, mT(gVh))) : null;
  const k = S._shape[S._shape.length - 1] as number;
  const S2 = mul(S, S);
  const E = add(sub(unsqueeze(S2, -2), unsqueeze(S2, -1)), eye(k, { dtype: S.dtype }));
  let gA: Tensor;
  if (UhgU !== null && VhgV !== null) gA = div(add(mul(UhgU, unsqueeze(S, -2)), mul(unsqueeze(S, -1), VhgV)), E);
  else if (UhgU !== null) gA = mul(div(UhgU, E), unsqueeze(S, -2));
  else gA = mul(unsqueeze(S, -1), div(VhgV as Tensor, E));
  if (gS !== null) gA = add(gA, diagEmbed(gS));
  if (m > n && gU !== null) {
    gA = matmul(U, gA);
    const gUSinv = div(gU, unsqueeze(S, -2));
    gA = sub(add(gA, gUSinv), matmul(U, matmul(mT(U), gUSinv)));
    return matmul(gA, Vh);
  }
  if (m < n && gVh !== null) {
    gA = matmul(gA, Vh);
    const SinvgVh = div(gVh, unsqueeze(S, -1));
    gA = sub(add(gA, SinvgVh), matmul(matmul(SinvgVh, mT(Vh)), Vh));
    return matmul(U, gA);
  }
  return m >= n ? matmul(U, matmul(gA, Vh)) : matmul(matmul(U, gA), Vh);
}
