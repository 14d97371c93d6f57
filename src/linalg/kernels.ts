// Dense linear-algebra kernels on one row-major matrix held as a Float64Array. Every routine
// accumulates in double whatever the tensor's dtype (float32 results are rounded once, when
// stored), and follows LAPACK's conventions where those fix the answer: partial pivoting picks
// the first largest |a| (getrf), Householder reflectors are dlarfg's (so Q and R match geqrf +
// orgqr, signs included), Cholesky reads the lower triangle (potrf).

/** LU with partial pivoting, in place: `a` becomes L\U; `info` is the 1-based first zero pivot (0 if none). */
export function luFactor(a: Float64Array, n: number): { piv: Int32Array; sign: number; info: number } {
  const piv = new Int32Array(n);
  let sign = 1;
  let info = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] as number);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (p !== k) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j] as number;
        a[k * n + j] = a[p * n + j] as number;
        a[p * n + j] = t;
      }
    }
    const d = a[k * n + k] as number;
    if (d === 0) {
      if (info === 0) info = k + 1;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const l = (a[i * n + k] as number) / d;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] = (a[i * n + j] as number) - l * (a[k * n + j] as number);
    }
  }
  return { piv, sign, info };
}

/** det from an LU factorisation. */
export function luDet(lu: Float64Array, n: number, sign: number): number {
  let d = sign;
  for (let i = 0; i < n; i++) d *= lu[i * n + i] as number;
  return d;
}

/** Solves A X = B (B is n×k, row-major) given A's LU factorisation; B is overwritten by X. */
export function luSolve(lu: Float64Array, piv: Int32Array, n: number, b: Float64Array, k: number): void {
  for (let i = 0; i < n; i++) {
    const p = piv[i] as number;
    if (p !== i) {
      for (let j = 0; j < k; j++) {
        const t = b[i * k + j] as number;
        b[i * k + j] = b[p * k + j] as number;
        b[p * k + j] = t;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < i; r++) {
      const l = lu[i * n + r] as number;
      if (l !== 0) for (let j = 0; j < k; j++) b[i * k + j] = (b[i * k + j] as number) - l * (b[r * k + j] as number);
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let r = i + 1; r < n; r++) {
      const u = lu[i * n + r] as number;
      if (u !== 0) for (let j = 0; j < k; j++) b[i * k + j] = (b[i * k + j] as number) - u * (b[r * k + j] as number);
    }
    const d = lu[i * n + i] as number;
    for (let j = 0; j < k; j++) b[i * k + j] = (b[i * k + j] as number) / d;
  }
}

/** Lower Cholesky factor of the lower triangle of `a` (n×n); `info` as potrf's (order of the failing minor). */
export function cholesky(a: Float64Array, n: number): { l: Float64Array; info: number } {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a[j * n + j] as number;
    for (let k = 0; k < j; k++) s -= (l[j * n + k] as number) ** 2;
    if (!(s > 0)) return { l, info: j + 1 };
    const d = Math.sqrt(s);
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = a[i * n + j] as number;
      for (let k = 0; k < j; k++) t -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = t / d;
    }
  }
  return { l, info: 0 };
}

/**
 * Householder QR of an m×n matrix (geqrf + orgqr). Returns Q (m×qCols, qCols = min(m, n) or m)
 * and R (rRows×n, rRows = qCols), with LAPACK's reflector signs.
 */
export function householderQr(a: Float64Array, m: number, n: number, complete: boolean): { q: Float64Array; r: Float64Array; qCols: number } {
  const r = Float64Array.from(a);
  const k = Math.min(m, n);
  const vs: Float64Array[] = [];
  const taus: number[] = [];
  for (let j = 0; j < k; j++) {
    // dlarfg on r[j:, j]
    const alpha = r[j * n + j] as number;
    let xnorm2 = 0;
    for (let i = j + 1; i < m; i++) xnorm2 += (r[i * n + j] as number) ** 2;
    const v = new Float64Array(m);
    let tau = 0;
    if (xnorm2 !== 0) {
      const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, Math.sqrt(xnorm2));
      tau = (beta - alpha) / beta;
      const scale = 1 / (alpha - beta);
      v[j] = 1;
      for (let i = j + 1; i < m; i++) v[i] = (r[i * n + j] as number) * scale;
      // Apply H = I - tau v vᵀ to r[j:, j:]
      for (let c = j; c < n; c++) {
        let s = 0;
        for (let i = j; i < m; i++) s += (v[i] as number) * (r[i * n + c] as number);
        s *= tau;
        for (let i = j; i < m; i++) r[i * n + c] = (r[i * n + c] as number) - s * (v[i] as number);
      }
      r[j * n + j] = beta;
      for (let i = j + 1; i < m; i++) r[i * n + j] = 0;
    }
    vs.push(v);
    taus.push(tau);
  }
  const qCols = complete ? m : k;
  // Q = H_0 H_1 ... H_{k-1} applied to the first qCols columns of I.
  const q = new Float64Array(m * qCols);
  for (let i = 0; i < qCols; i++) q[i * qCols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const tau = taus[j] as number;
    if (tau === 0) continue;
    const v = vs[j] as Float64Array;
    for (let c = 0; c < qCols; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += (v[i] as number) * (q[i * qCols + c] as number);
      s *= tau;
      for (let i = j; i < m; i++) q[i * qCols + c] = (q[i * qCols + c] as number) - s * (v[i] as number);
    }
  }
  const rOut = new Float64Array(qCols * n);
  for (let i = 0; i < Math.min(qCols, m); i++) for (let c = i; c < n; c++) rOut[i * n + c] = r[i * n + c] as number;
  return { q, r: rOut, qCols };
}

/**
 * One Jacobi (Givens) rotation of two strided lines of `a`, `len` elements each, starting at
 * p0 and q0 and stepping by `step` (a column of a row-major matrix: step = its width; a row:
 * step = 1): x ← c·x − s·y, y ← s·x + c·y. The eigh and SVD sweeps both apply it.
 */
function rotate(a: Float64Array, len: number, p0: number, q0: number, step: number, c: number, s: number): void {
  for (let k = 0, ip = p0, iq = q0; k < len; k++, ip += step, iq += step) {
    const x = a[ip] as number;
    const y = a[iq] as number;
    a[ip] = c * x - s * y;
    a[iq] = s * x + c * y;
  }
}

/**
 * Symmetric eigendecomposition by cyclic Jacobi rotations: eigenvalues ascending (as syevd
 * returns them) and eigenvectors as the columns of `v` (n×n).
 */
export function jacobiEigh(a: Float64Array, n: number): { w: Float64Array; v: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = (m[i * n + j] as number) ** 2;
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q] as number;
        if (apq === 0) continue;
        const app = m[p * n + p] as number;
        const aqq = m[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(m, n, p, q, n, c, s); // columns p, q
        rotate(m, n, p * n, q * n, 1, c, s); // rows p, q
        rotate(v, n, p, q, n, c, s);
      }
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => (m[i * n + i] as number) - (m[j * n + j] as number));
  const w = new Float64Array(n);
  const vs = new Float64Array(n * n);
  order.forEach((src, dst) => {
    w[dst] = m[src * n + src] as number;
    for (let k = 0; k < n; k++) vs[k * n + dst] = v[k * n + src] as number;
  });
  return { w, v: vs };
}

/** Completes the first `have` orthonormal columns of u (m×cols) to `cols` orthonormal columns. */
function completeBasis(u: Float64Array, m: number, cols: number, have: number): void {
  let next = 0;
  for (let c = have; c < cols; c++) {
    for (; next < m; next++) {
      const x = new Float64Array(m);
      x[next] = 1;
      // Two passes of Gram–Schmidt keep the new column orthogonal to working precision.
      for (let pass = 0; pass < 2; pass++) {
        for (let j = 0; j < c; j++) {
          let d = 0;
          for (let i = 0; i < m; i++) d += (u[i * cols + j] as number) * (x[i] as number);
          for (let i = 0; i < m; i++) x[i] = (x[i] as number) - d * (u[i * cols + j] as number);
        }
      }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += (x[i] as number) ** 2;
      nrm = Math.sqrt(nrm);
      if (nrm > 1e-8) {
        for (let i = 0; i < m; i++) u[i * cols + c] = (x[i] as number) / nrm;
        next++;
        break;
      }
    }
  }
}

/**
 * SVD by one-sided Jacobi (Hestenes) rotations: A = U diag(s) Vh with s descending.
 * U is m×(full ? m : k), Vh is (full ? n : k)×n, k = min(m, n).
 */
export function jacobiSvd(a: Float64Array, m: number, n: number, full: boolean): { u: Float64Array; s: Float64Array; vh: Float64Array } {
  if (m < n) {
    // Work on Aᵀ = V S Uᵀ, then swap the roles.
    const at = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) at[j * m + i] = a[i * n + j] as number;
    const r = jacobiSvd(at, n, m, full);
    const uc = full ? n : m;
    const vr = full ? m : m;
    // r.u is n×uc (V), r.vh is vr×m (Uᵀ)
    const u = new Float64Array(m * vr);
    for (let i = 0; i < vr; i++) for (let j = 0; j < m; j++) u[j * vr + i] = r.vh[i * m + j] as number;
    const vh = new Float64Array(uc * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < uc; j++) vh[j * n + i] = r.u[i * uc + j] as number;
    return { u, s: r.s, vh };
  }
  // m ≥ n: orthogonalise the columns of W = A V.
  const w = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const wp = w[i * n + p] as number;
          const wq = w[i * n + q] as number;
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(w, m, p, q, n, c, s);
        rotate(v, n, p, q, n, c, s);
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += (w[i * n + j] as number) ** 2;
    norms[j] = Math.sqrt(s);
  }
  const order = [...Array(n).keys()].sort((i, j) => (norms[j] as number) - (norms[i] as number));
  const uc = full ? m : n;
  const u = new Float64Array(m * uc);
  const s = new Float64Array(n);
  const vh = new Float64Array(n * n);
  let have = 0;
  const tol = (norms[order[0] as number] ?? 0) * 1e-14 * Math.max(m, n);
  order.forEach((src, dst) => {
    const sv = norms[src] as number;
    s[dst] = sv;
    for (let i = 0; i < n; i++) vh[dst * n + i] = v[i * n + src] as number;
    if (sv > tol && sv > 0) {
      for (let i = 0; i < m; i++) u[i * uc + dst] = (w[i * n + src] as number) / sv;
      if (have === dst) have++;
    }
  });
  if (have < uc) {
    // Zero singular values (and the extra columns of a full U) need some orthonormal completion;
    // shuffle the defined columns first, then fill the rest.
    completeBasis(u, m, uc, have);
  }
  return { u, s, vh };
}
