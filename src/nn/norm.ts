// Normalisation of torch.nn.functional: layer_norm (NativeLayerNormBackward0), group_norm
// (NativeGroupNormBackward0), batch_norm (NativeBatchNormBackward0) and instance_norm (batch_norm
// on a [1, N·C, …] view, as ATen composes it). Statistics are computed in double; the backward
// recomputes them from the saved input with differentiable ops, so double backward works.
import { Tensor } from '../tensor/tensor.ts';
import { float32, float64, type TypedArray } from '../tensor/dtype.ts';
import { RuntimeError, ValueError } from '../errors.ts';
import { Size } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { is_grad_enabled, no_grad } from '../autograd/grad_mode.ts';
import { bindArgs } from '../ops/reduce/reduce_more_util.ts';
import { linked, owned, requireFloating } from './vision_map.ts';
import { sumRunAny, sumRunF32 } from '../backends/cpu.ts';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * How one normalisation lays out its statistics: `toStats` reshapes the input (and gradients)
 * so the stats are over `dims` of the result; `affine` reshapes weight/bias to broadcast
 * against the input; `affineDims` are the input dims weight/bias gradients sum over.
 */
interface Layout {
  toStats(t: Tensor): Tensor;
  dims: number[];
  affine(t: Tensor): Tensor;
  affineDims: number[];
}

/** x̂ = (x − μ)·rstd over the layout's stats dims, in stats layout (differentiable ops). */
function standardize(x: Tensor, L: Layout, eps: number): { xhat: Tensor; rstd: Tensor } {
  const xs = L.toStats(x);
  const xc = xs.sub(xs.mean(L.dims, true));
  const rstd = xc.square().mean(L.dims, true).add(eps).rsqrt();
  return { xhat: xc.mul(rstd), rstd };
}

/** y = x̂·w + b in double, stored in x's dtype; x̂ from `stats` or from x's own statistics. */
function forward(x: Tensor, w: Tensor | null, b: Tensor | null, L: Layout, eps: number, stats: { mean: Tensor; invstd: Tensor } | null): Tensor {
  return no_grad(() => {
    const x64 = x.detach().to(float64);
    let y = stats === null ? standardize(x64, L, eps).xhat.reshape(x._shape.slice()) : x64.sub(stats.mean).mul(stats.invstd);
    if (w !== null) y = y.mul(L.affine(w.detach().to(float64)));
    if (b !== null) y = y.add(L.affine(b.detach().to(float64)));
    return owned(y.to(x.dtype));
  });
}

// Note [fused norm forward]: `forward` above composes y = x̂·w + b from tensor ops in double:
// μ = Σx / n and M2 = Σ (x − μ)² each summed from 0 in row-major order of the stats dims,
// rstd = 1 / sqrt(M2 / n + eps) (rsqrt), y = ((x − μ)·rstd)·w + b, rounded once to x's dtype.
// fusedForward runs exactly these double operations, element by element in the same order,
// without the intermediate tensors (square is pow(·, 2), which V8's fdlibm pow computes as
// x·x). The input, viewed contiguous as [N, C, S], has its stats groups laid out as
//   'layer': group n is row n (C·S elements; the affine index is the position c in the row, S = 1),
//   'group': group (n, g) is the run of channels g·C/G … (g+1)·C/G − 1 of sample n,
//   'batch': group c is channel c of every sample (N runs of S),
// and a channel's affine index is c.

type StatsKind = 'layer' | 'group' | 'batch';
/** An input viewed as [N, C, S] with its stats groups of `kind` (G groups per sample for 'group'). */
interface FusedLayout {
  kind: StatsKind;
  N: number;
  C: number;
  S: number;
  G: number;
  /** layer_norm: the number of normalized dims */
  k: number;
}

/**
 * Whether `forward` would give a row-major result for x: its strides (of dims longer than 1,
 * broadcast dims aside) decrease, so x.to(float64) and every op after it lay their results out
 * row-major (Note [output layout]); a permuted x keeps its dim order there, so it takes `forward`.
 */
function fusable(x: Tensor): boolean {
  if (x.numel() === 0) return false;
  let last = Infinity;
  for (let i = 0; i < x._shape.length; i++) {
    const st = x._stride[i] as number;
    if ((x._shape[i] as number) === 1 || st === 0) continue;
    if (st >= last) return false;
    last = st;
  }
  return true;
}

/** t's values (any layout) in row-major order, as doubles. */
function valuesOf(t: Tensor): Float64Array {
  const c = t.detach().contiguous();
  const out = new Float64Array(c.numel());
  for (let i = 0; i < out.length; i++) out[i] = c._data[c._offset + i] as number;
  return out;
}

/**
 * y = x̂·w + b as Note [fused norm forward] computes it; the stats (mean, M2 per group) come
 * back for the running-stat update. `fixed`: per-channel mean and invstd instead of x's own.
 */
function fusedForward(
  x: Tensor, w: Tensor | null, b: Tensor | null, kind: StatsKind, N: number, C: number, S: number, G: number, eps: number,
  fixed: { mean: Float64Array; invstd: Float64Array } | null,
): { out: Tensor; mean: Float64Array; m2: Float64Array } {
  const xc = x.detach().contiguous();
  const d = xc._data;
  const x0 = xc._offset;
  const CS = C * S;
  const cpg = kind === 'group' ? C / G : 1;
  const nGroups = kind === 'layer' ? N : kind === 'group' ? N * G : C;
  const mean = new Float64Array(nGroups);
  const m2 = new Float64Array(nGroups);
  const rstd = new Float64Array(nGroups);
  if (fixed === null) {
    // each group: `reps` runs of `run` elements, `gap` apart
    const reps = kind === 'batch' ? N : 1;
    const run = kind === 'layer' ? CS : kind === 'group' ? cpg * S : S;
    const gap = CS;
    const count = reps * run;
    for (let g = 0; g < nGroups; g++) {
      const start = x0 + (kind === 'layer' ? g * CS : kind === 'group' ? Math.floor(g / G) * CS + (g % G) * cpg * S : g * S);
      let s = 0;
      for (let r = 0, p = start; r < reps; r++, p += gap) for (let j = 0; j < run; j++) s += d[p + j] as number;
      const mu = s / count;
      let q = 0;
      for (let r = 0, p = start; r < reps; r++, p += gap) {
        for (let j = 0; j < run; j++) {
          const dv = (d[p + j] as number) - mu;
          q += dv * dv;
        }
      }
      mean[g] = mu;
      m2[g] = q;
      rstd[g] = 1 / Math.sqrt(q / count + eps);
    }
  } else {
    mean.set(fixed.mean);
    rstd.set(fixed.invstd);
  }
  const out = Tensor._empty(x._shape.slice(), x.dtype);
  const od = out._data;
  const wv = w === null ? null : valuesOf(w);
  const bv = b === null ? null : valuesOf(b);
  if (kind === 'layer' && S === 1) {
    for (let n = 0, i = 0; n < N; n++, i += C) {
      const mu = mean[n] as number;
      const rs = rstd[n] as number;
      const p = x0 + i;
      if (wv === null && bv === null) for (let j = 0; j < C; j++) od[i + j] = ((d[p + j] as number) - mu) * rs;
      else if (bv === null) for (let j = 0; j < C; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) * ((wv as Float64Array)[j] as number);
      else if (wv === null) for (let j = 0; j < C; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) + (bv[j] as number);
      else for (let j = 0; j < C; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) * (wv[j] as number) + (bv[j] as number);
    }
    return { out, mean, m2 };
  }
  for (let n = 0, i = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const g = kind === 'layer' ? n : kind === 'group' ? n * G + Math.floor(c / cpg) : c;
      const mu = mean[g] as number;
      const rs = rstd[g] as number;
      const p = x0 + i;
      if (wv === null && bv === null) {
        for (let j = 0; j < S; j++) od[i + j] = ((d[p + j] as number) - mu) * rs;
      } else if (bv === null) {
        const wc = (wv as Float64Array)[c] as number;
        for (let j = 0; j < S; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) * wc;
      } else if (wv === null) {
        const bc = bv[c] as number;
        for (let j = 0; j < S; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) + bc;
      } else {
        const wc = wv[c] as number;
        const bc = bv[c] as number;
        for (let j = 0; j < S; j++) od[i + j] = (((d[p + j] as number) - mu) * rs) * wc + bc;
      }
      i += S;
    }
  }
  return { out, mean, m2 };
}

// Note [fused norm backward]: without create_graph, recordNorm's backward runs the same tensor
// ops in x's dtype T as fusedBackward's loops: every op result is rounded to T (Math.fround
// for float32; a float32 op is its double result rounded once), a Python-scalar operand (eps)
// is rounded to T first, and every mean/sum adds its group's elements in row-major order as
// reduceSum does (Note [float32 sums]: for float32, eight double accumulators combined
// pairwise, then the tail; for float64, in order from 0), the mean dividing the double sum by
// the count before the one rounding. Per stats group, with ĝ = g·w (or g):
//   μ = mean(x), x_c = x − μ, rstd = rsqrt(mean(x_c²) + eps), x̂ = x_c·rstd,
//   gx = rstd·((ĝ − mean(ĝ)) − x̂·mean(ĝ·x̂)),
// and per channel gw = Σ g·x̂, gb = Σ g over the affine dims, both in row-major order of those
// dims. (With fixed running stats the backward stays composed: gx = ĝ·invstd is one pass.)
// The results are laid out row-major, which is what the composed ops give for the inputs that
// take this path (fusable x and g).

/** The sum of a[p … p+n) in the order reduceSum adds a contiguous run of dtype T (f32: float32). */
function sumRun(a: TypedArray, p: number, n: number, f32: boolean): number {
  // T's arrays are Float32Array exactly when f32.
  return f32 ? sumRunF32(a as Float32Array, p, n) : sumRunAny(a, p, n);
}

/**
 * out[c] = Σ over (n, s) of v[n·C·S + c·S + s] (row-major in (n, s)), in reduceSum's order for
 * dtype T, stored into out (which rounds to T).
 */
function channelSums(v: TypedArray, N: number, C: number, S: number, f32: boolean, out: TypedArray): void {
  const K = N * S;
  const total = new Float64Array(C);
  if (!f32) {
    for (let n = 0, i = 0; n < N; n++) for (let c = 0; c < C; c++) for (let j = 0; j < S; j++, i++) total[c] = (total[c] as number) + (v[i] as number);
  } else if (S === 1) {
    rowSumsF32(v, K, C, total);
  } else {
    const full = K - (K & 7);
    const slots = new Float64Array(8 * C);
    const combine = (c: number): number => {
      const at = (k: number): number => slots[k * C + c] as number;
      return at(0) + at(1) + (at(2) + at(3)) + (at(4) + at(5) + (at(6) + at(7)));
    };
    for (let n = 0, i = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        for (let j = 0, k = n * S; j < S; j++, i++, k++) {
          if (k < full) {
            const q = (k & 7) * C + c;
            slots[q] = (slots[q] as number) + (v[i] as number);
          } else {
            if (k === full) total[c] = combine(c);
            total[c] = (total[c] as number) + (v[i] as number);
          }
        }
      }
    }
    if (full === K) for (let c = 0; c < C; c++) total[c] = combine(c);
  }
  for (let c = 0; c < C; c++) out[c] = total[c] as number;
}

/** channelSums for float32 with S = 1: row k goes to slot k & 7 until the last K % 8 rows. */
function rowSumsF32(v: TypedArray, K: number, C: number, total: Float64Array): void {
  const full = K - (K & 7);
  const slots = new Float64Array(8 * C);
  let i = 0;
  for (let k = 0; k < full; k++) {
    const base = (k & 7) * C;
    for (let c = 0; c < C; c++, i++) slots[base + c] = (slots[base + c] as number) + (v[i] as number);
  }
  for (let c = 0; c < C; c++) {
    total[c] = (slots[c] as number) + (slots[C + c] as number) + ((slots[2 * C + c] as number) + (slots[3 * C + c] as number)) +
      ((slots[4 * C + c] as number) + (slots[5 * C + c] as number) + ((slots[6 * C + c] as number) + (slots[7 * C + c] as number)));
  }
  for (let k = full; k < K; k++) for (let c = 0; c < C; c++, i++) total[c] = (total[c] as number) + (v[i] as number);
}

/** Row-major values of t, in t's own dtype. */
function denseOf(t: Tensor): TypedArray {
  const c = t.contiguous();
  return c._offset === 0 && c._data.length === c.numel() ? c._data : c._data.subarray(c._offset, c._offset + c.numel());
}

/**
 * One stats group of Note [fused norm backward], its n elements contiguous: x at x[xo …],
 * g at g[go …], weights w[wo + k·ws] (w null: none). Writes gx (when gx is given) and g·x̂
 * (when gxhat is given) at go …; xh and gh are scratch of n elements in T (their stores do the
 * rounding to T). One loop per dtype: float32 rounds every op result and sums in eight slots.
 */
function groupBackward(
  x: TypedArray, xo: number, g: TypedArray, go: number, n: number, w: TypedArray | null, wo: number, ws: number,
  f32: boolean, epsT: number, xh: TypedArray, gh: TypedArray, gx: TypedArray | null, gxhat: TypedArray | null,
): void {
  if (!f32) {
    groupBackwardF64(x, xo, g, go, n, w, wo, ws, epsT, xh, gh, gx, gxhat);
    return;
  }
  const fr = Math.fround;
  const end8 = n - (n & 7);
  // μ = mean(x)
  const mu = fr(sumRun(x, xo, n, true) / n);
  // x_c = x − μ (rounded by the store), Σ x_c²
  let k: number;
  for (k = 0; k < n; k++) xh[k] = (x[xo + k] as number) - mu;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  for (k = 0; k < end8; k += 8) {
    let c = xh[k] as number;
    s0 += fr(c * c);
    c = xh[k + 1] as number;
    s1 += fr(c * c);
    c = xh[k + 2] as number;
    s2 += fr(c * c);
    c = xh[k + 3] as number;
    s3 += fr(c * c);
    c = xh[k + 4] as number;
    s4 += fr(c * c);
    c = xh[k + 5] as number;
    s5 += fr(c * c);
    c = xh[k + 6] as number;
    s6 += fr(c * c);
    c = xh[k + 7] as number;
    s7 += fr(c * c);
  }
  let sq = (s0 + s1 + (s2 + s3)) + (s4 + s5 + (s6 + s7));
  for (; k < n; k++) {
    const c = xh[k] as number;
    sq += fr(c * c);
  }
  // rstd = rsqrt(mean(x_c²) + eps), x̂ = x_c·rstd
  const rstd = fr(1 / Math.sqrt(fr(fr(sq / n) + epsT)));
  for (k = 0; k < n; k++) xh[k] = (xh[k] as number) * rstd;
  if (gxhat !== null) for (k = 0; k < n; k++) gxhat[go + k] = (g[go + k] as number) * (xh[k] as number);
  if (gx === null) return;
  // ĝ = g·w, mean(ĝ), mean(ĝ·x̂)
  if (w !== null) for (k = 0; k < n; k++) gh[k] = (g[go + k] as number) * (w[wo + k * ws] as number);
  else for (k = 0; k < n; k++) gh[k] = g[go + k] as number;
  const mg = fr(sumRun(gh, 0, n, true) / n);
  s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = 0;
  for (k = 0; k < end8; k += 8) {
    s0 += fr((gh[k] as number) * (xh[k] as number));
    s1 += fr((gh[k + 1] as number) * (xh[k + 1] as number));
    s2 += fr((gh[k + 2] as number) * (xh[k + 2] as number));
    s3 += fr((gh[k + 3] as number) * (xh[k + 3] as number));
    s4 += fr((gh[k + 4] as number) * (xh[k + 4] as number));
    s5 += fr((gh[k + 5] as number) * (xh[k + 5] as number));
    s6 += fr((gh[k + 6] as number) * (xh[k + 6] as number));
    s7 += fr((gh[k + 7] as number) * (xh[k + 7] as number));
  }
  let sgx = (s0 + s1 + (s2 + s3)) + (s4 + s5 + (s6 + s7));
  for (; k < n; k++) sgx += fr((gh[k] as number) * (xh[k] as number));
  const mgx = fr(sgx / n);
  // gx = rstd·((ĝ − mean(ĝ)) − x̂·mean(ĝ·x̂))
  for (k = 0; k < n; k++) gx[go + k] = rstd * fr(fr((gh[k] as number) - mg) - fr((xh[k] as number) * mgx));
}

/** groupBackward for float64: no rounding between ops, sums in order from 0. */
function groupBackwardF64(
  x: TypedArray, xo: number, g: TypedArray, go: number, n: number, w: TypedArray | null, wo: number, ws: number,
  epsT: number, xh: TypedArray, gh: TypedArray, gx: TypedArray | null, gxhat: TypedArray | null,
): void {
  let k: number;
  let sx = 0;
  for (k = 0; k < n; k++) sx += x[xo + k] as number;
  const mu = sx / n;
  let sq = 0;
  for (k = 0; k < n; k++) {
    const c = (x[xo + k] as number) - mu;
    xh[k] = c;
    sq += c * c;
  }
  const rstd = 1 / Math.sqrt(sq / n + epsT);
  for (k = 0; k < n; k++) xh[k] = (xh[k] as number) * rstd;
  if (gxhat !== null) for (k = 0; k < n; k++) gxhat[go + k] = (g[go + k] as number) * (xh[k] as number);
  if (gx === null) return;
  let sg = 0;
  let sgx = 0;
  for (k = 0; k < n; k++) {
    const h = w === null ? (g[go + k] as number) : (g[go + k] as number) * (w[wo + k * ws] as number);
    gh[k] = h;
    sg += h;
    sgx += h * (xh[k] as number);
  }
  const mg = sg / n;
  const mgx = sgx / n;
  for (k = 0; k < n; k++) gx[go + k] = rstd * ((gh[k] as number) - mg - (xh[k] as number) * mgx);
}

/** The gradients of Note [fused norm backward] for the layout of Note [fused norm forward]. */
function fusedBackward(
  g: Tensor, xs: Tensor, wt: Tensor | null, hasB: boolean, needs: readonly boolean[], F: FusedLayout, eps: number,
): [Tensor | null, Tensor | null, Tensor | null] {
  const { kind, N, C, S, G } = F;
  const T = xs.dtype;
  const f32 = T === float32;
  const xd = denseOf(xs);
  const gd = denseOf(g);
  const wv = wt === null ? null : denseOf(wt);
  const total = N * C * S;
  const needX = needs[0] === true;
  const needW = needs[1] === true && wt !== null;
  const needB = needs[2] === true && hasB;
  const gx = needX ? Tensor._empty(xs._shape.slice(), T) : null;
  const gxd = gx === null ? null : gx._data;
  // g·x̂ per element (for gw), in T
  const gxhat = needW ? new T.ArrayType(total) : null;
  const CS = C * S;
  // batch_norm: the per-channel sums for gw and gb, when computed with the stats
  let cw: Float64Array | null = null;
  let cb: Float64Array | null = null;
  if (needX || needW) {
    const epsT = f32 ? Math.fround(eps) : eps;
    if (kind === 'batch') {
      // channel c's elements gathered (sample-major) into contiguous buffers
      const count = N * S;
      const xb = new T.ArrayType(count);
      const gb = new T.ArrayType(count);
      const xh = new T.ArrayType(count);
      const ghs = new T.ArrayType(count);
      const gxb = gxd === null ? null : new T.ArrayType(count);
      const ghb = gxhat === null ? null : new T.ArrayType(count);
      cw = gxhat === null ? null : new Float64Array(C);
      cb = needB ? new Float64Array(C) : null;
      for (let c = 0; c < C; c++) {
        for (let n = 0, k = 0; n < N; n++) {
          const p = n * CS + c * S;
          for (let j = 0; j < S; j++, k++) {
            xb[k] = xd[p + j] as number;
            gb[k] = gd[p + j] as number;
          }
        }
        groupBackward(xb, 0, gb, 0, count, wv, c, 0, f32, epsT, xh, ghs, gxb, ghb);
        if (gxd !== null && gxb !== null) {
          for (let n = 0, k = 0; n < N; n++) {
            const p = n * CS + c * S;
            for (let j = 0; j < S; j++, k++) gxd[p + j] = gxb[k] as number;
          }
        }
        // channel c's affine sums run over its elements in the gathered (row-major) order
        if (cw !== null && ghb !== null) cw[c] = sumRun(ghb, 0, count, f32);
        if (cb !== null) cb[c] = sumRun(gb, 0, count, f32);
      }
    } else {
      const cpg = kind === 'group' ? C / G : 1;
      const count = kind === 'layer' ? CS : cpg * S;
      const nGroups = kind === 'layer' ? N : N * G;
      // group_norm: each element's weight, for one sample (w[c] over its S positions)
      let wRun = wv;
      if (kind === 'group' && wv !== null) {
        wRun = new T.ArrayType(CS);
        for (let c = 0; c < C; c++) for (let j = 0; j < S; j++) wRun[c * S + j] = wv[c] as number;
      }
      const xh = new T.ArrayType(count);
      const ghs = new T.ArrayType(count);
      for (let gi = 0; gi < nGroups; gi++) {
        const start = gi * count;
        const wo = kind === 'layer' ? 0 : (gi % G) * count;
        groupBackward(xd, start, gd, start, count, wRun, wo, 1, f32, epsT, xh, ghs, gxd, gxhat);
      }
    }
  }
  let gw: Tensor | null = null;
  let gb: Tensor | null = null;
  // shaped as sum(affineDims) leaves them, for recordNorm's reshape
  const sumShape = kind === 'layer' ? xs._shape.slice(xs._shape.length - F.k) : [C];
  if (needW && gxhat !== null && wt !== null) {
    gw = Tensor._empty(sumShape, T);
    if (cw !== null) gw._data.set(cw);
    else channelSums(gxhat, N, C, S, f32, gw._data);
  }
  if (needB) {
    gb = Tensor._empty(sumShape.slice(), T);
    if (cb !== null) gb._data.set(cb);
    else channelSums(gd, N, C, S, f32, gb._data);
  }
  return [gx, gw, gb];
}

/**
 * Records the op with the gradients of y = x̂·w + b: for x (through the statistics, unless
 * they are fixed running stats), w (Σ g·x̂) and b (Σ g).
 */
function recordNorm(
  name: string, x: Tensor, w: Tensor | null, b: Tensor | null, out: Tensor, L: Layout, eps: number, fixed: { mean: Tensor; invstd: Tensor } | null,
  F: FusedLayout | null,
): void {
  if (!needsGrad(x, w, b)) return;
  const shape = x._shape.slice();
  record(
    name,
    [x, w, b],
    out,
    (gs, s, node) => {
      const g = gs[0] as Tensor;
      const xs = s.get(0);
      const wt = w === null ? null : s.get(1);
      const T = xs.dtype;
      // (with running stats the composed ops are two elementwise passes: no gain in fusing them)
      if (fixed === null && F !== null && !is_grad_enabled() && (T === float32 || T === float64) && g.dtype === T && (wt === null || wt.dtype === T) && fusable(xs) && fusable(g)) {
        const [gx, gw, gb] = fusedBackward(g, xs, wt, b !== null, node.needs, F, eps);
        return [gx, gw === null || wt === null ? null : gw.reshape(wt._shape.slice()), gb === null || b === null ? null : gb.reshape(b._shape.slice())];
      }
      let xhat: Tensor;
      let gx: Tensor | null = null;
      const gxh = wt === null ? g : g.mul(L.affine(wt));
      if (fixed === null) {
        const st = standardize(xs, L, eps);
        xhat = st.xhat.reshape(shape);
        if (node.needs[0]) {
          // d/dx of (x − μ)·rstd: rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)), in stats layout
          const gh = L.toStats(gxh);
          gx = st.rstd.mul(gh.sub(gh.mean(L.dims, true)).sub(st.xhat.mul(gh.mul(st.xhat).mean(L.dims, true)))).reshape(shape);
        }
      } else {
        xhat = xs.sub(fixed.mean).mul(fixed.invstd);
        if (node.needs[0]) gx = gxh.mul(fixed.invstd);
      }
      const gw = node.needs[1] && wt !== null ? g.mul(xhat).sum(L.affineDims).reshape(wt._shape.slice()) : null;
      const gb = node.needs[2] && b !== null ? g.sum(L.affineDims).reshape(b._shape.slice()) : null;
      // (with running stats, ATen's double backward has no derivative w.r.t. the input: None)
      return [gx, gw, gb].map((t) => (t === null ? null : linked(t, [xs, wt], fixed === null)));
    },
    [x, w],
  );
}

export interface LayerNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5) */
export function layer_norm(
  input: Tensor, normalized_shape: number | readonly number[], weight?: Tensor | null | LayerNormOpts, bias?: Tensor | null | LayerNormOpts, eps?: number | LayerNormOpts,
): Tensor {
  const o = bindArgs('layer_norm', ['weight', 'bias', 'eps'], [weight, bias, eps]);
  const ns = typeof normalized_shape === 'number' ? [normalized_shape] : normalized_shape.slice();
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const e = (o.eps as number | undefined) ?? 1e-5;
  const nd = input._shape.length;
  const k = ns.length;
  if (k < 1) throw new RuntimeError(`Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${fmt(ns)}`);
  for (const [t, what] of [[w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && fmt(t._shape) !== fmt(ns)) {
      throw new RuntimeError(`Expected ${what} to be of same shape as normalized_shape, but got ${what} of shape ${fmt(t._shape)} and normalized_shape = ${fmt(ns)}`);
    }
  }
  if (nd < k || fmt(input._shape.slice(nd - k)) !== fmt(ns)) {
    throw new RuntimeError(`Given normalized_shape=${fmt(ns)}, expected input with shape [*, ${ns.join(', ')}], but got input of size${fmt(input._shape)}`);
  }
  requireFloating(input, 'LayerNormKernelImpl');
  for (const t of [w, b]) if (t !== null && t.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${t.dtype.scalarName}`);
  const dims = ns.map((_, i) => nd - k + i);
  const L: Layout = { toStats: (t) => t, dims, affine: (t) => t, affineDims: input._shape.slice(0, nd - k).map((_, i) => i) };
  let D = 1;
  for (const n of ns) D *= n;
  const out = !fusable(input) ? forward(input, w, b, L, e, null) : fusedForward(input, w, b, 'layer', input.numel() / D, D, 1, 1, e, null).out;
  // (with no dims left for the affine sums, sum(dims=[]) reduces all: the composed path)
  const F: FusedLayout | null = input.numel() > 0 && nd > k ? { kind: 'layer', N: input.numel() / D, C: D, S: 1, G: 1, k } : null;
  recordNorm('NativeLayerNormBackward0', input, w, b, out, L, e, null, F);
  return out;
}

export interface GroupNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Weight/bias of a per-channel norm, shaped [1, C, 1, …] to broadcast over an input of `nd` dims. */
function channelAffine(nd: number): (t: Tensor) => Tensor {
  return (t) => t.reshape([1, t.numel()].concat(new Array<number>(Math.max(nd - 2, 0)).fill(1)));
}

/** _verify_batch_size of torch/nn/functional.py. */
function verifyBatchSize(size: readonly number[]): void {
  let prod = size[0] as number;
  for (let i = 2; i < size.length; i++) prod *= size[i] as number;
  if (prod === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${Size.of_(size).toString()}`);
}

/** F.group_norm(input, num_groups, weight=None, bias=None, eps=1e-5) */
export function group_norm(input: Tensor, num_groups: number, weight?: Tensor | null | GroupNormOpts, bias?: Tensor | null | GroupNormOpts, eps?: number | GroupNormOpts): Tensor {
  const o = bindArgs('group_norm', ['weight', 'bias', 'eps'], [weight, bias, eps]);
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const e = (o.eps as number | undefined) ?? 1e-5;
  const N = input.size(0);
  const C = input.size(1);
  verifyBatchSize([Math.floor((N * C) / num_groups), num_groups].concat(input._shape.slice(2)));
  if (C % num_groups !== 0) {
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${fmt(input._shape)} and num_groups=${num_groups}`);
  }
  for (const [t, what] of [[w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && (t._shape.length !== 1 || t.numel() !== C)) {
      throw new RuntimeError(`Expected ${what} to be a vector of size equal to the number of channels in input, but got ${what} of shape ${fmt(t._shape)} and input of shape ${fmt(input._shape)}`);
    }
  }
  requireFloating(input, 'GroupNormKernelImpl');
  for (const t of [w, b]) if (t !== null && t.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${t.dtype.scalarName}`);
  const nd = input._shape.length;
  const L: Layout = {
    toStats: (t) => t.reshape([N, num_groups, -1]),
    dims: [2],
    affine: channelAffine(nd),
    affineDims: [0].concat(input._shape.slice(2).map((_, i) => i + 2)),
  };
  const S = input.numel() > 0 ? input.numel() / (N * C) : 0;
  const out = !fusable(input) ? forward(input, w, b, L, e, null) : fusedForward(input, w, b, 'group', N, C, S, num_groups, e, null).out;
  const F: FusedLayout | null = input.numel() > 0 ? { kind: 'group', N, C, S, G: num_groups, k: 0 } : null;
  recordNorm('NativeGroupNormBackward0', input, w, b, out, L, e, null, F);
  return out;
}

export interface BatchNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/** aten::batch_norm: per-channel stats over every dim but 1; running stats updated in place (no version bump, as ATen). */
function batchNormImpl(x: Tensor, w: Tensor | null, b: Tensor | null, rm: Tensor | null, rv: Tensor | null, training: boolean, momentum: number, eps: number): Tensor {
  const nd = x._shape.length;
  const C = nd > 1 ? (x._shape[1] as number) : 1;
  for (const [t, what] of [[rm, 'running_mean'], [rv, 'running_var'], [w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && t.numel() !== C) throw new RuntimeError(`${what} should contain ${C} elements not ${t.numel()}`);
  }
  requireFloating(x, 'batch_norm');
  for (const t of [w, b, rm, rv]) {
    if (t !== null && t.dtype !== x.dtype) throw new RuntimeError(`mixed dtype (CPU): expect parameter to have scalar type of ${x.dtype.scalarName}`);
  }
  const dims = [0].concat(x._shape.slice(2).map((_, i) => i + 2));
  const affine = channelAffine(nd);
  const L: Layout = { toStats: (t) => t, dims, affine, affineDims: dims };
  const fused = nd >= 2 && fusable(x);
  const N = x._shape[0] as number;
  const S = fused ? x.numel() / (N * C) : 1;
  const FL: FusedLayout | null = nd >= 2 && x.numel() > 0 ? { kind: 'batch', N, C, S: x.numel() / (N * C), G: 1, k: 0 } : null;
  if (training || rm === null || rv === null) {
    const f = fused ? fusedForward(x, w, b, 'batch', N, C, S, 1, eps, null) : null;
    const out = f === null ? forward(x, w, b, L, eps, null) : f.out;
    if (training && (rm !== null || rv !== null)) {
      no_grad(() => {
        const n = x.numel() / C;
        let mean: Tensor;
        let varU: Tensor;
        if (f === null) {
          const x64 = x.detach().to(float64);
          mean = x64.mean(dims);
          varU = x64.sub(affine(mean)).square().sum(dims).div(Math.max(n - 1, 0));
        } else {
          // the same μ and Σ (x − μ)² as x64.mean(dims) and x64.sub(μ).square().sum(dims)
          mean = Tensor._empty([C], float64);
          varU = Tensor._empty([C], float64);
          for (let c = 0; c < C; c++) {
            mean._data[c] = f.mean[c] as number;
            varU._data[c] = (f.m2[c] as number) / Math.max(n - 1, 0);
          }
        }
        // running = (1 − momentum)·running + momentum·batch, written straight into the storage
        const update = (r: Tensor, v: Tensor): void => {
          const cur = r.detach().to(float64).reshape([C]);
          const next = cur.mul(1 - momentum).add(v.mul(momentum));
          for (let i = 0; i < C; i++) r._data[r._offset + i * (r._stride[0] ?? 1)] = next._data[i] as number;
        };
        if (rm !== null) update(rm, mean);
        if (rv !== null) update(rv, varU);
      });
    }
    recordNorm('NativeBatchNormBackward0', x, w, b, out, L, eps, null, FL);
    return out;
  }
  const fixed = no_grad(() => ({ mean: affine(rm.detach()), invstd: affine(rv.detach().add(eps).rsqrt()) }));
  let out: Tensor;
  if (fused) {
    // fixed64 below, as doubles: mean = running_mean, invstd = rsqrt(running_var + eps)
    const invstd = valuesOf(rv);
    for (let c = 0; c < C; c++) invstd[c] = 1 / Math.sqrt((invstd[c] as number) + eps);
    out = fusedForward(x, w, b, 'batch', N, C, S, 1, eps, { mean: valuesOf(rm), invstd }).out;
  } else {
    const fixed64 = no_grad(() => ({ mean: affine(rm.detach().to(float64)), invstd: affine(rv.detach().to(float64).add(eps).rsqrt()) }));
    out = forward(x, w, b, L, eps, fixed64);
  }
  recordNorm('NativeBatchNormBackward0', x, w, b, out, L, eps, fixed, FL);
  return out;
}

/** F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5) */
export function batch_norm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight?: Tensor | null | BatchNormOpts,
  bias?: Tensor | null | BatchNormOpts,
  training?: boolean | BatchNormOpts,
  momentum?: number | BatchNormOpts,
  eps?: number | BatchNormOpts,
): Tensor {
  const o = bindArgs('batch_norm', ['weight', 'bias', 'training', 'momentum', 'eps'], [weight, bias, training, momentum, eps]);
  const tr = (o.training as boolean | undefined) ?? false;
  if (tr) verifyBatchSize(input._shape);
  return batchNormImpl(
    input,
    (o.weight as Tensor | null | undefined) ?? null,
    (o.bias as Tensor | null | undefined) ?? null,
    running_mean,
    running_var,
    tr,
    (o.momentum as number | undefined) ?? 0.1,
    (o.eps as number | undefined) ?? 1e-5,
  );
}

export interface InstanceNormOpts {
  running_mean?: Tensor | null;
  running_var?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  use_input_stats?: boolean;
  momentum?: number;
  eps?: number;
}

/** F.instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True, momentum=0.1, eps=1e-5) */
export function instance_norm(
  input: Tensor,
  running_mean?: Tensor | null | InstanceNormOpts,
  running_var?: Tensor | null | InstanceNormOpts,
  weight?: Tensor | null | InstanceNormOpts,
  bias?: Tensor | null | InstanceNormOpts,
  use_input_stats?: boolean | InstanceNormOpts,
  momentum?: number | InstanceNormOpts,
  eps?: number | InstanceNormOpts,
): Tensor {
  const o = bindArgs('instance_norm', ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], [running_mean, running_var, weight, bias, use_input_stats, momentum, eps]);
  const rm = (o.running_mean as Tensor | null | undefined) ?? null;
  const rv = (o.running_var as Tensor | null | undefined) ?? null;
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const useStats = (o.use_input_stats as boolean | undefined) ?? true;
  if (useStats) {
    let prod = 1;
    for (let i = 2; i < input._shape.length; i++) prod *= input._shape[i] as number;
    if (prod === 1) throw new ValueError(`Expected more than 1 spatial element when training, got input size ${Size.of_(input._shape).toString()}`);
  }
  if (!useStats && (rm === null || rv === null)) throw new RuntimeError('Expected running_mean and running_var to be defined when use_input_stats is false');
  const N = input.size(0);
  const C = input.size(1);
  const shape = input._shape.slice();
  shape[1] = N * C;
  shape[0] = 1;
  const rep = (t: Tensor | null): Tensor | null => (t === null ? null : t.repeat(N));
  const rm_ = rep(rm);
  const rv_ = rep(rv);
  const out = batchNormImpl(input.contiguous().view(shape), rep(w), rep(b), rm_, rv_, useStats, (o.momentum as number | undefined) ?? 0.1, (o.eps as number | undefined) ?? 1e-5);
  no_grad(() => {
    if (rm !== null && rm_ !== null) rm.copy_(rm_.view([N, C]).mean(0, false));
    if (rv !== null && rv_ !== null) rv.copy_(rv_.view([N, C]).mean(0, false));
  });
  return out.view(input._shape.slice());
}
