// The C library functions behind log_normal_ (exp) and cauchy_ (tan). PyTorch's CPU kernels
// call ::exp and ::tan from glibc, whose results V8's Math.exp / Math.tan miss by an ulp in a
// few percent of cases.
// - exp: a port of glibc 2.36's sysdeps/ieee754/dbl-64/e_exp.c (ARM optimized-routines) as
//   x86-64 runs it (the __exp_fma ifunc variant: GCC contracts `a * b + c` into one fma),
//   over the __exp_data tables already generated for ../math/glibc_pow.ts. Bit for bit.
// - tan: glibc's tan (IBM's s_tan.c, "max ULP ~0.619") has no short portable form, so this one
//   is evaluated in double-double (~2^-100 relative) and rounded once: the correctly rounded
//   value, which is glibc's except where glibc itself is more than half an ulp off (then the
//   two differ by one ulp; tests/random/samplers_extra.test.ts counts how often).
import { fma, twoProductError, twoSumError } from '../math/fma.ts';
import {
  EXP_POLY,
  EXP_SBITS_HI,
  EXP_SBITS_LO,
  EXP_TAIL,
  INV_LN2_N,
  NEG_LN2_HI_N,
  NEG_LN2_LO_N,
  SHIFT,
} from '../math/glibc_pow_tables.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI] as number;
}
function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
}

// ---- exp ------------------------------------------------------------------------------------

const [C2, C3, C4, C5] = EXP_POLY as [number, number, number, number];

/** e_exp.c's specialcase: results that may overflow (k > 0) or be subnormal (k < 0). */
function expSpecialCase(tmp: number, sHi: number, sLo: number, k: number): number {
  if (k >= 0) {
    // the exponent of scale might have overflowed by <= 460
    const scale = fromWords((sHi - (1009 << 20)) >>> 0, sLo);
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  const scale = fromWords((sHi + (1022 << 20)) >>> 0, sLo);
  // scale * tmp is used twice below, so GCC computes it once and does not fuse it
  const st = scale * tmp;
  let y = scale + st;
  if (y < 1.0) {
    // round y to the right precision before scaling it into the subnormal range
    let lo = scale - y + st;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0;
  }
  return 2 ** -1022 * y;
}

/** glibc 2.36's exp(x), bit for bit (x86-64, FMA). */
export function glibcExp(x: number): number {
  let abstop = (hiWord(x) >>> 20) & 0x7ff;
  // top12(0x1p-54) = 0x3c9, top12(512) = 0x408, top12(1024) = 0x409
  if (abstop < 0x3c9 || abstop >= 0x408) {
    if (abstop < 0x3c9) return 1.0 + x; // tiny x (and 0): no spurious underflow
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0.0;
      if (abstop >= 0x7ff) return 1.0 + x; // +inf, NaN
      return x < 0 ? 0.0 : Infinity; // __math_uflow / __math_oflow
    }
    abstop = 0; // large |x|: special-cased below
  }
  // exp(x) = 2^(k/N) * exp(r), x = ln2/N*k + r with r in [-ln2/2N, ln2/2N]
  const kd = fma(INV_LN2_N, x, SHIFT);
  const k = kd - SHIFT; // an integer (|k| < 2^17): the low bits of kd's pattern
  const r = fma(k, NEG_LN2_LO_N, fma(k, NEG_LN2_HI_N, x));
  const idx = k & 127;
  // top = ki << 45 only touches the high word
  const top = (k << 13) | 0;
  const tail = EXP_TAIL[idx] as number;
  const sHi = ((EXP_SBITS_HI[idx] as number) + top) >>> 0;
  const sLo = EXP_SBITS_LO[idx] as number;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), tail + r));
  if (abstop === 0) return expSpecialCase(tmp, sHi, sLo, k);
  const scale = fromWords(sHi, sLo);
  return fma(scale, tmp, scale);
}

// ---- double-double arithmetic (as in ./libm.ts: hi + lo, |lo| <= ulp(hi) / 2) ----------------

const dd = { h: 0, l: 0 };

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const e = twoProductError(ah, bh, p) + (ah * bl + al * bh);
  const s = p + e;
  dd.l = e - (s - p);
  dd.h = s;
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
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
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
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

// ---- tan ------------------------------------------------------------------------------------

// π/2 to ~160 bits in three parts
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

// 1/(2k+1)! and 1/(2k)! for k = 0..15 as double-doubles: the Taylor series of sin and cos
// reach ~2^-120 relative on |d| <= π/4 with 16 terms.
const SIN_COEF: [number, number][] = [];
const COS_COEF: [number, number][] = [];
{
  let h = 1;
  let l = 0;
  COS_COEF.push([1, 0]);
  for (let n = 1; n <= 31; n++) {
    ddDiv(h, l, n, 0);
    h = dd.h;
    l = dd.l;
    (n % 2 === 1 ? SIN_COEF : COS_COEF).push([h, l]);
  }
}

/** Σ (−1)^k c_k z^k over a double-double z, by Horner, into dd. */
function alternating(coef: readonly [number, number][], zh: number, zl: number): void {
  const last = coef.length - 1;
  const sign = last % 2 === 0 ? 1 : -1;
  let h = sign * (coef[last] as [number, number])[0];
  let l = sign * (coef[last] as [number, number])[1];
  for (let k = last - 1; k >= 0; k--) {
    const c = coef[k] as [number, number];
    const s = k % 2 === 0 ? 1 : -1;
    ddMul(h, l, zh, zl);
    ddAdd(dd.h, dd.l, s * c[0], s * c[1]);
    h = dd.h;
    l = dd.l;
  }
}

/**
 * tan(x), correctly rounded, for |x| <= π/2 (what cauchy_ passes: π·(u − 0.5) with u in
 * [0, 1)); larger arguments defer to Math.tan. x = n·π/2 + d with |d| <= π/4; tan x is
 * sin d / cos d for even n and −cos d / sin d for odd n.
 */
export function tan(x: number): number {
  if (!(Math.abs(x) <= PIO2_1)) return Math.tan(x);
  if (Math.abs(x) < 2 ** -27) return x; // tan x = x (1 + x²/3 + …) rounds to x
  const n = Math.round(x / PIO2_1);
  // x − n·π/2: x − n·PIO2_1 is exact (n ∈ {−1, 0, 1}, Sterbenz), the rest in double-double
  ddAdd(x - n * PIO2_1, 0, -n * PIO2_2, -n * PIO2_3);
  const dh = dd.h;
  const dl = dd.l;
  ddMul(dh, dl, dh, dl);
  const zh = dd.h;
  const zl = dd.l;
  alternating(SIN_COEF, zh, zl);
  ddMul(dd.h, dd.l, dh, dl);
  const sh = dd.h;
  const sl = dd.l;
  alternating(COS_COEF, zh, zl);
  const ch = dd.h;
  const cl = dd.l;
  if (n === 0) ddDiv(sh, sl, ch, cl);
  else ddDiv(-ch, -cl, sh, sl);
  return dd.h + dd.l;
}
