// glibc's pow, bit for bit. PyTorch calls std::pow (glibc) where ts-torch would call
// Math.pow, and the two differ in the last bit for about one argument in ten: glibc is
// accurate to 0.52 ulp, V8 is not. This is a port of glibc 2.36's sysdeps/ieee754/dbl-64/e_pow.c
// (the algorithm of ARM's optimized-routines, also in musl) as glibc runs it on x86-64 with
// FMA: the __pow_fma variant, compiled with GCC's default contraction, so every `a * b + c`
// whose product has no other use is one fused operation. Tables: glibc_pow_tables.ts; the exp
// half (exp_inline) is shared with exp in glibc_exp.ts.
import { fma } from './fma.ts';
import { expInline, fromWords, hiWord, loWord } from './glibc_exp.ts';
import { LN2HI, LN2LO, LOG_INVC, LOG_LOGC, LOG_LOGCTAIL, LOG_POLY } from './glibc_pow_tables.ts';

const A = LOG_POLY as number[];
const [A0, A1, A2, A3, A4, A5, A6] = [A[0], A[1], A[2], A[3], A[4], A[5], A[6]] as number[] as [number, number, number, number, number, number, number];
const OFF_HI = 0x3fe69555; // OFF = 0x3fe6955500000000

let logTail = 0;

/** log(x) = result + logTail to ~2^-68 relative; x given by the words of its bit pattern. */
function logInline(ixHi: number, ixLo: number): number {
  const tmpHi = (ixHi - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127; // (tmp >> (52 - 7)) % N
  const k = tmpHi >> 20; // (int64) tmp >> 52
  const z = fromWords((ixHi - (tmpHi & 0xfff00000)) >>> 0, ixLo);
  const kd = k;
  const invc = LOG_INVC[i] as number;
  const logc = LOG_LOGC[i] as number;
  const logctail = LOG_LOGCTAIL[i] as number;
  const r = fma(z, invc, -1.0);
  const t1 = fma(kd, LN2HI, logc);
  const t2 = t1 + r;
  const lo1 = fma(kd, LN2LO, logctail);
  const lo2 = t1 - t2 + r;
  const ar = A0 * r;
  const ar2 = r * ar;
  const ar3 = r * ar2;
  const hi = t2 + ar2;
  const lo3 = fma(ar, r, -ar2);
  const lo4 = t2 - hi + ar2;
  const q = fma(ar2, fma(ar2, fma(r, A6, A5), fma(r, A4, A3)), fma(r, A2, A1));
  const lo = fma(ar3, q, lo1 + lo2 + lo3 + lo4);
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

const SIGN_BIAS = 0x800 << 7;

/** 0: not an integer, 1: odd integer, 2: even integer (y finite and non-zero). */
function checkInt(y: number): 0 | 1 | 2 {
  if (!Number.isInteger(y)) return 0;
  if (Math.abs(y) >= 2 ** 53) return 2;
  return y % 2 === 0 ? 2 : 1;
}

function zeroInfNan(v: number): boolean {
  return v === 0 || !Number.isFinite(v);
}

/** C's pow(x, y) as glibc 2.36 computes it on x86-64 with FMA. */
export function glibcPow(x: number, y: number): number {
  let signBias = 0;
  let ixHi = hiWord(x);
  let ixLo = loWord(x);
  const topx = ixHi >>> 20;
  const topy = hiWord(y) >>> 20;
  if (topx - 0x001 >= 0x7ff - 0x001 || topx === 0 || (topy & 0x7ff) - 0x3be >= 0x43e - 0x3be || (topy & 0x7ff) < 0x3be) {
    if (zeroInfNan(y)) {
      if (y === 0) return 1.0;
      if (x === 1) return 1.0;
      if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
      if (Math.abs(x) === 1) return 1.0;
      if (Math.abs(x) < 1 === y > 0) return 0.0;
      return y * y;
    }
    if (zeroInfNan(x)) {
      let x2 = x * x;
      if (x < 0 || Object.is(x, -0)) {
        if (checkInt(y) === 1) x2 = -x2;
      }
      return y < 0 ? 1 / x2 : x2;
    }
    // Here x and y are non-zero finite.
    if (x < 0) {
      const yint = checkInt(y);
      if (yint === 0) return NaN;
      if (yint === 1) signBias = SIGN_BIAS;
      ixHi &= 0x7fffffff;
    }
    const ay = topy & 0x7ff;
    if (ay - 0x3be >= 0x43e - 0x3be || ay < 0x3be) {
      // Note: signBias === 0 here because y is not odd.
      if (Math.abs(x) === 1) return 1.0;
      if (ay < 0x3be) {
        // |y| < 2^-65, x^y ~= 1 + y*log(x).
        return Math.abs(x) > 1 ? 1.0 + y : 1.0 - y;
      }
      return Math.abs(x) > 1 === y > 0 ? Infinity : 0;
    }
    if ((topx & 0x7ff) === 0) {
      // Normalize subnormal x so exponent becomes negative.
      const n = Math.abs(x) * 2 ** 52;
      ixHi = (hiWord(n) & 0x7fffffff) - (52 << 20);
      ixLo = loWord(n);
    }
  }
  const hi = logInline(ixHi >>> 0, ixLo);
  const lo = logTail;
  const ehi = y * hi;
  const elo = fma(y, lo, fma(y, hi, -ehi));
  return expInline(ehi, elo, signBias);
}
