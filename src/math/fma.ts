// Fused multiply-add in JS, rounded once as C's fma/fmaf. PyTorch's CPU kernels are built with
// FMA enabled and GCC contracts `a * b + c` into one fused operation: in the range kernels
// (arange/linspace: `start + step * i`) and the samplers (uniform_: `x * (to - from) + from`,
// normal: `val * std + mean`). Plain JS rounds twice and differs in the last bit for some
// elements; matching PyTorch bit for bit needs the single rounding.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the low 32 bits of a double in u32 (every JS platform in practice is little-endian,
// but checking costs nothing).
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant

/**
 * The rounding error of `p = fl(a * b)`: a * b === p + err exactly (Dekker's TwoProduct).
 * Shared with the double-double arithmetic in random/libm.ts.
 */
export function twoProductError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** The rounding error of `s = fl(a + b)` (Knuth's TwoSum): a + b === s + err exactly. */
export function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/**
 * a + b rounded to odd: when inexact, the neighbour of the exact sum whose last mantissa bit is
 * 1. Rounding to odd first and to nearest afterwards gives the correctly rounded result
 * (Boldo & Melquiond, "Emulation of FMA and correctly-rounded sums", 2008).
 */
export function addRoundToOdd(a: number, b: number): number {
  const s = a + b;
  const err = twoSumError(a, b, s);
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if (((u32[LO] as number) & 1) === 1) return s;
  // s is even: step one ulp towards the exact value (away from zero iff err has s's sign).
  if (err > 0 === s > 0) {
    u32[LO] = (u32[LO] as number) + 1; // low bit was 0: no carry
  } else if (u32[LO] === 0) {
    u32[LO] = 0xffffffff;
    u32[HI] = (u32[HI] as number) - 1;
  } else {
    u32[LO] = (u32[LO] as number) - 1;
  }
  return f64[0] as number;
}

const BIG = 2 ** 995;
const TINY = 2 ** -960;

/** fma(a, b, c) = a * b + c rounded once (C's fma for doubles). */
export function fma(a: number, b: number, c: number): number {
  const uh = a * b;
  const mag = Math.abs(uh);
  // Outside the range where the error-free transforms are exact (or with a zero/non-finite
  // operand) the double-rounded result is what we can give; ranges never get there.
  if (!(mag < Infinity) || !Number.isFinite(c) || mag < TINY || Math.abs(a) > BIG || Math.abs(b) > BIG) {
    return uh + c;
  }
  const ul = twoProductError(a, b, uh);
  const th = c + uh;
  const tl = twoSumError(c, uh, th);
  return th + addRoundToOdd(tl, ul);
}

/**
 * fmaf for float32 operands: a * b is exact in a double (24 + 24 bits), so rounding the sum to
 * odd in double and then to float32 rounds the exact a * b + c once.
 */
export function fmaf(a: number, b: number, c: number): number {
  return Math.fround(addRoundToOdd(a * b, c));
}
