// log256_ps and sincos256_ps of aten/src/ATen/native/cpu/avx_mathfun.h (Cephes-based float
// log and sincos, by Julien Pommier and Giovanni Garberoglio, zlib licence), one lane at a
// time: PyTorch's AVX2 float32 normal_fill (randn of 16+ elements) computes with these, so
// replaying them op by op in float32 gives its values bit for bit. Every operation rounds to
// float (Math.fround), and where the compiler fused a product into the following add (GCC
// contracts the intrinsics' generic vector ops into vfmadd in the -mfma build), so do we:
// each product whose only use is an add fuses, the earlier one when both operands are
// products. Verified against PyTorch 1.13's AVX2 kernel on the golden values.

import { fmaf } from '../math/fma.ts';

const f = Math.fround;
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

const MIN_NORM_POS = 1.1754943508222875e-38; // 0x00800000
const SQRTHF = f(0.7071067811865476) // 0.707106781186547524;
const LOG_P0 = f(7.0376836292e-2);
const LOG_P1 = f(-1.151461031e-1);
const LOG_P2 = f(1.167699874e-1);
const LOG_P3 = f(-1.2420140846e-1);
const LOG_P4 = f(+1.4249322787e-1);
const LOG_P5 = f(-1.6668057665e-1);
const LOG_P6 = f(+2.0000714765e-1);
const LOG_P7 = f(-2.4999993993e-1);
const LOG_P8 = f(+3.3333331174e-1);
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);

/** log256_ps for one positive float lane. */
export function log256(xIn: number): number {
  let x = Math.max(xIn, MIN_NORM_POS); // cut off denormalized stuff
  f32[0] = x;
  const bits = i32[0] as number;
  // keep only the fractional part, as a float in [0.5, 1)
  i32[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = f32[0] as number;
  let e = f(f(((bits >>> 23) - 0x7f) | 0) + 1);
  const lt = x < SQRTHF;
  const tmp0 = lt ? x : 0;
  x = f(x - 1);
  e = f(e - (lt ? 1 : 0));
  x = f(x + tmp0);
  const z = f(x * x);
  let y = LOG_P0;
  y = fmaf(y, x, LOG_P1);
  y = fmaf(y, x, LOG_P2);
  y = fmaf(y, x, LOG_P3);
  y = fmaf(y, x, LOG_P4);
  y = fmaf(y, x, LOG_P5);
  y = fmaf(y, x, LOG_P6);
  y = fmaf(y, x, LOG_P7);
  y = fmaf(y, x, LOG_P8);
  y = f(y * x);
  y = fmaf(y, z, f(e * LOG_Q1)); // y·z + e·q1: the first product in statement order fuses
  y = fmaf(-z, 0.5, y);
  x = f(x + y);
  return fmaf(e, LOG_Q2, x);
}

const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-2.4187564849853516e-4) // -2.4187564849853515625e-4 exactly;
const MINUS_DP3 = f(-3.774894977445941e-8) // -3.77489497744594108e-8;
const SINCOF_P0 = f(-1.9515295891e-4);
const SINCOF_P1 = f(8.3321608736e-3);
const SINCOF_P2 = f(-1.6666654611e-1);
const COSCOF_P0 = f(2.443315711809948e-5);
const COSCOF_P1 = f(-1.388731625493765e-3);
const COSCOF_P2 = f(4.166664568298827e-2);
const FOPI = f(1.27323954473516); // 4 / π

/** Results of sincos256 (one lane). */
export const sincosOut = { sin: 0, cos: 0 };

/** sincos256_ps for one float lane (|x| < 8192 keeps Cephes' precision). */
export function sincos256(xIn: number): void {
  const negIn = xIn < 0 || Object.is(xIn, -0);
  let x = Math.abs(xIn);
  let y = f(x * FOPI);
  // j = (trunc(y) + 1) & ~1, as 32-bit integers
  let j = Math.trunc(y) | 0;
  j = (j + 1) & ~1;
  y = f(j);
  const swapSin = (j & 4) !== 0;
  const polyMask = (j & 2) === 0;
  // extended precision modular arithmetic: x = ((x − y·DP1) − y·DP2) − y·DP3
  x = fmaf(y, MINUS_DP1, x);
  x = fmaf(y, MINUS_DP2, x);
  x = fmaf(y, MINUS_DP3, x);
  const signCos = (~(j - 2) & 4) !== 0;
  const signSin = negIn !== swapSin;
  const z = f(x * x);
  // first polynomial (cos-like, 0 <= x <= π/4)
  let p = COSCOF_P0;
  p = fmaf(p, z, COSCOF_P1);
  p = fmaf(p, z, COSCOF_P2);
  p = f(p * z);
  p = fmaf(p, z, -f(z * 0.5)); // p·z − z·0.5: the first product in statement order fuses
  p = f(p + 1);
  // second polynomial (sin-like)
  let q = SINCOF_P0;
  q = fmaf(q, z, SINCOF_P1);
  q = fmaf(q, z, SINCOF_P2);
  q = f(q * z);
  q = fmaf(q, x, x);
  // select: sin = mask ? q : p, cos = mask ? p : q; then flip the signs (xor on the sign bit)
  const s = polyMask ? q : p;
  const c = polyMask ? p : q;
  sincosOut.sin = signSin ? -s : s;
  sincosOut.cos = signCos ? -c : c;
}
