// Correctly rounded log, sin and cos, for the double-precision samplers. PyTorch's scalar
// Box–Muller, normal_fill<double> and exponential_ call the C library (::log, ::sin, ::cos).
// glibc 2.36's results are the correctly rounded ones except about 1 in 1000 (measured over
// 300k arguments: 0.08% of logs, 0.15% of sines and cosines, each then 1 ulp off); V8's
// Math.log/sin/cos are off in 3–7% of cases. So these evaluate in double-double (table-driven
// reduction, ~2^-85 relative error) and round once to the nearest double, which reproduces
// glibc in all but those rare cases.

import { twoProductError, twoSumError } from '../math/fma.ts';

// ---- double-double arithmetic ----------------------------------------------------------------
// A value is hi + lo with |lo| <= ulp(hi) / 2. Each operation leaves its result in dd.h, dd.l
// (object fields: faster than module-level `let`s in V8). Shared with tan in
// ./samplers_extra_libm.ts.
export const dd = { h: 0, l: 0 };

/** hi + lo = a · b exactly (Dekker / Veltkamp). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  dd.h = p;
  dd.l = twoProductError(a, b, p);
}

/** (ah, al) · (bh, bl) */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const e = dd.l + (ah * bl + al * bh);
  const s = dd.h + e;
  dd.l = e - (s - dd.h);
  dd.h = s;
}

/** (ah, al) + (bh, bl), the accurate (IEEE-style) addition. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let e = twoSumError(ah, bh, s);
  const t = al + bl;
  const f = twoSumError(al, bl, t);
  e += t;
  const h = s + e;
  e = e - (h - s);
  e += f;
  s = h + e;
  dd.l = e - (s - h);
  dd.h = s;
}

/** (ah, al) / (bh, bl): three quotient digits, each from the exact remainder. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -dd.h, -dd.l);
  const r1h = dd.h;
  const r1l = dd.l;
  const q2 = r1h / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(r1h, r1l, -dd.h, -dd.l);
  const q3 = dd.h / bh;
  const s = q1 + q2;
  const e = q2 - (s - q1);
  ddAdd(s, e, q3, 0);
}

/** 1/n as a double-double. */
function ddRecip(n: number): [number, number] {
  const h = 1 / n;
  twoProd(h, n);
  // 1 - h·n exactly = -(dd.h - 1) - dd.l
  const r = 1 - dd.h - dd.l;
  return [h, r / n];
}

// ---- log --------------------------------------------------------------------------------------

// ln 2 to ~160 bits, in three parts
const LN2_1 = 0.6931471805599453;
const LN2_2 = 2.3190468138462996e-17;
const LN2_3 = 5.707708438416212e-34;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * Σ c_k · x^(2k) over a double-double x = (xh, xl), into (dd.h, dd.l): Horner in x², the
 * polynomial core of both log's atanh series and sin/cos's Taylor series.
 */
function evenPoly(coef: readonly (readonly [number, number])[], xh: number, xl: number): void {
  ddMul(xh, xl, xh, xl);
  const sh = dd.h;
  const sl = dd.l;
  const last = coef[coef.length - 1] as readonly [number, number];
  let ph = last[0];
  let pl = last[1];
  for (let i = coef.length - 2; i >= 0; i--) {
    ddMul(ph, pl, sh, sl);
    const c = coef[i] as readonly [number, number];
    ddAdd(dd.h, dd.l, c[0], c[1]);
    ph = dd.h;
    pl = dd.l;
  }
  dd.h = ph;
  dd.l = pl;
}

/** 2·atanh(f) = 2·Σ f^(2k+1)/(2k+1) over a double-double f = (fh, fl), into (dd.h, dd.l). */
function atanh2(fh: number, fl: number, coef: readonly (readonly [number, number])[]): void {
  evenPoly(coef, fh, fl);
  ddMul(dd.h, dd.l, fh, fl);
  dd.h *= 2;
  dd.l *= 2;
}

/** log(m) for m near c: log(c) + 2·atanh((m − c)/(m + c)); m − c is exact (Sterbenz). */
function logNear(m: number, c: number, lch: number, lcl: number, coef: readonly (readonly [number, number])[]): void {
  const dh = m + c;
  const dl = c - (dh - m) + (m - (dh - (dh - m)));
  ddDiv(m - c, 0, dh, dl);
  atanh2(dd.h, dd.l, coef);
  ddAdd(lch, lcl, dd.h, dd.l);
}

const THIRD = ddRecip(3);

/**
 * The same for |m − c| <= c/256, faster: 2f and 2f³/3 in double-double, the rest of the
 * series (< 2^-34 relative) in double, for a total error near 2^-87 relative.
 */
function logNearFast(m: number, c: number, lch: number, lcl: number): void {
  const dh = m + c;
  const dl = c - (dh - m) + (m - (dh - (dh - m)));
  ddDiv(m - c, 0, dh, dl);
  const fh = dd.h;
  const fl = dd.l;
  const s = fh * fh;
  const tail = fh * s * s * (1 / 5 + s * (1 / 7 + s * (1 / 9 + s * (1 / 11))));
  ddMul(fh, fl, fh, fl);
  ddMul(dd.h, dd.l, fh, fl);
  ddMul(dd.h, dd.l, THIRD[0], THIRD[1]);
  ddAdd(dd.h, dd.l, tail, 0);
  ddAdd(dd.h, dd.l, fh, fl);
  ddAdd(lch, lcl, 2 * dd.h, 2 * dd.l);
}

// 1/(2k+1): 26 terms converge for |f| <= 0.18 (used to build the table)
const ODD_RECIP_LONG = Array.from({ length: 26 }, (_, k) => ddRecip(2 * k + 1));
// log(1 + i/128) for i in [-38, 54] (covering m in [sqrt(1/2), sqrt(2)]), as double-doubles
const LOG_TABLE_MIN = -38;
const LOG_TABLE: [number, number][] = [];
for (let i = LOG_TABLE_MIN; i <= 54; i++) {
  logNear(1 + i / 128, 1, 0, 0, ODD_RECIP_LONG);
  LOG_TABLE.push([dd.h, dd.l]);
}

/** Natural log, correctly rounded (for positive finite x; other inputs defer to Math.log). */
export function log(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  // x = m · 2^k with m in [sqrt(1/2), sqrt(2))
  let k = 0;
  let m = x;
  if (m < 2.2250738585072014e-308) {
    m *= 2 ** 54;
    k = -54;
  }
  f64[0] = m;
  k += (((u32[HI] as number) >>> 20) & 0x7ff) - 1023;
  u32[HI] = ((u32[HI] as number) & 0x800fffff) | (1023 << 20);
  m = f64[0] as number; // in [1, 2)
  if (m > Math.SQRT2) {
    m /= 2; // exact
    k += 1;
  }
  const i = Math.round((m - 1) * 128);
  const lc = LOG_TABLE[i - LOG_TABLE_MIN] as [number, number];
  logNearFast(m, 1 + i / 128, lc[0], lc[1]);
  if (k === 0) return dd.h + dd.l;
  const lh = dd.h;
  const ll = dd.l;
  // k·ln2 in double-double (k·LN2_1 exactly via twoProd)
  twoProd(k, LN2_1);
  ddAdd(dd.h, dd.l, k * LN2_2, k * LN2_3);
  ddAdd(dd.h, dd.l, lh, ll);
  return dd.h + dd.l;
}

// ---- sin / cos ----------------------------------------------------------------------------------

// π/2 to ~160 bits, in three parts
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;
// Taylor coefficients (−1)^k/(2k+1)! and (−1)^k/(2k)! as double-doubles: 15 terms converge on
// [−π/4, π/4] (used to build the table)
const SIN_LONG: [number, number][] = [];
const COS_LONG: [number, number][] = [[1, 0]];
{
  let fh = 1;
  let fl = 0;
  for (let n = 1; n <= 31; n++) {
    ddMul(fh, fl, n, 0);
    fh = dd.h;
    fl = dd.l;
    const sign = Math.floor(n / 2) % 2 === 0 ? 1 : -1;
    ddDiv(1, 0, fh, fl);
    (n % 2 === 1 ? SIN_LONG : COS_LONG).push([sign * dd.h, sign * dd.l]);
  }
}
const SIXTH = ddRecip(6);

/** Σ c_k · x^(2k) (times x when odd) over a double-double x = (xh, xl), into (dd.h, dd.l). */
function series(coef: readonly (readonly [number, number])[], xh: number, xl: number, odd: boolean): void {
  evenPoly(coef, xh, xl);
  if (odd) ddMul(dd.h, dd.l, xh, xl);
}

// sin(j/64) and cos(j/64) for j in [0, 51] (|r| <= π/4 < 51/64), as double-doubles
const TRIG_TABLE: [number, number, number, number][] = [];
for (let j = 0; j <= 51; j++) {
  series(SIN_LONG, j / 64, 0, true);
  const sh = dd.h;
  const sl = dd.l;
  series(COS_LONG, j / 64, 0, false);
  TRIG_TABLE.push([sh, sl, dd.h, dd.l]);
}

let sinH = 0;
let sinL = 0;
let cosH = 0;
let cosL = 0;

/**
 * sin and cos of x (|x| < 2^20) into (sinH, sinL), (cosH, cosL): x = n·π/2 + j/64 + d with
 * |d| <= 1/128, then the angle-sum formulas over a table and two short series.
 */
function sinCosDD(x: number): void {
  // x − n·π/2 in double-double, n·π/2 subtracted in three exact-product parts
  const n = Math.round(x / PIO2_1);
  twoProd(n, PIO2_1);
  ddAdd(x, 0, -dd.h, -dd.l);
  let xh = dd.h;
  let xl = dd.l;
  twoProd(n, PIO2_2);
  ddAdd(xh, xl, -dd.h, -dd.l);
  ddAdd(dd.h, dd.l, -n * PIO2_3, 0);
  xh = dd.h;
  xl = dd.l;
  const j = Math.round(xh * 64);
  const neg = j < 0;
  const e = TRIG_TABLE[neg ? -j : j] as [number, number, number, number];
  const sjh = neg ? -e[0] : e[0];
  const sjl = neg ? -e[1] : e[1];
  const cjh = e[2];
  const cjl = e[3];
  ddAdd(xh - j / 64, xl, 0, 0); // xh − j/64 is exact (Sterbenz)
  const dh = dd.h;
  const dl = dd.l;
  // |d| <= 1/128: sin d = d − d³/6 + tail, cos d = 1 − d²/2 + tail, the leading terms in
  // double-double and the tails (< 2^-32 relative) in double: about 2^-85 relative in all
  const d2 = dh * dh;
  ddMul(dh, dl, dh, dl);
  const qh = dd.h;
  const ql = dd.l;
  ddMul(qh, ql, dh, dl);
  ddMul(dd.h, dd.l, -SIXTH[0], -SIXTH[1]);
  ddAdd(dd.h, dd.l, dh * d2 * d2 * (1 / 120 + d2 * (-1 / 5040 + d2 * (1 / 362880))), 0);
  ddAdd(dd.h, dd.l, dh, dl);
  const sdh = dd.h;
  const sdl = dd.l;
  ddAdd(1, 0, -qh / 2, -ql / 2);
  ddAdd(dd.h, dd.l, d2 * d2 * (1 / 24 + d2 * (-1 / 720 + d2 * (1 / 40320))), 0);
  const cdh = dd.h;
  const cdl = dd.l;
  // sin(a + d) = sin a·cos d + cos a·sin d; cos(a + d) = cos a·cos d − sin a·sin d
  ddMul(sjh, sjl, cdh, cdl);
  let ah = dd.h;
  let al = dd.l;
  ddMul(cjh, cjl, sdh, sdl);
  ddAdd(ah, al, dd.h, dd.l);
  const sh = dd.h;
  const sl = dd.l;
  ddMul(cjh, cjl, cdh, cdl);
  ah = dd.h;
  al = dd.l;
  ddMul(sjh, sjl, sdh, sdl);
  ddAdd(ah, al, -dd.h, -dd.l);
  const ch = dd.h;
  const cl = dd.l;
  // quadrant n mod 4: sin x = [s, c, −s, −c], cos x = [c, −s, −c, s]
  const q = ((n % 4) + 4) % 4;
  const swap = q === 1 || q === 3;
  const sSign = q === 2 || q === 3 ? -1 : 1;
  const cSign = q === 1 || q === 2 ? -1 : 1;
  sinH = sSign * (swap ? ch : sh);
  sinL = sSign * (swap ? cl : sl);
  cosH = cSign * (swap ? sh : ch);
  cosL = cSign * (swap ? sl : cl);
}

/** sin, correctly rounded for |x| < 2^20 (the samplers pass θ in [0, 2π)); else Math.sin. */
export function sin(x: number): number {
  if (!(Math.abs(x) < 2 ** 20)) return Math.sin(x);
  if (Math.abs(x) < 2 ** -26) return x;
  sinCosDD(x);
  return sinH + sinL;
}

/** cos, correctly rounded for |x| < 2^20; else Math.cos. */
export function cos(x: number): number {
  if (!(Math.abs(x) < 2 ** 20)) return Math.cos(x);
  if (Math.abs(x) < 2 ** -27) return 1;
  sinCosDD(x);
  return cosH + cosL;
}

/**
 * sin x and cos x from one reduction (Box–Muller needs both of the same angle), read back with
 * sincosSin() / sincosCos(). For |x| < 2^20 only.
 */
export function sincos(x: number): void {
  if (Math.abs(x) < 2 ** -27) {
    sinH = x;
    sinL = 0;
    cosH = 1;
    cosL = 0;
    return;
  }
  sinCosDD(x);
}
export function sincosSin(): number {
  return sinH + sinL;
}
export function sincosCos(): number {
  return cosH + cosL;
}
