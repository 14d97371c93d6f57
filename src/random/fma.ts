// Fused multiply-add, correctly rounded. PyTorch's CPU sampling kernels are compiled with FMA
// enabled (the AVX2/AVX512 builds of aten/src/ATen/native/cpu/*), so the compiler contracts
// `x * (to - from) + from` (uniform_real) and `val * std + mean` (transformation::normal) into
// one fused operation: the product is not rounded before the add. JS has no Math.fma, so this
// emulates it with error-free transformations and round-to-odd (Boldo & Melquiond, "Emulation of
// FMA and correctly-rounded sums: proved algorithms using rounding to odd", IEEE TC 2008).

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// little-endian: u32[0] holds the low word of the significand
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** RO(a + b): the sum rounded to odd (truncated, with the last bit set when inexact). */
function addRoundToOdd(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  if (err === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if ((u32[LOW] as number) & 1) return s; // already odd: it is the odd neighbour of a + b
  // s is even: the odd one of the two doubles bracketing a + b is the neighbour toward err.
  // Moving one unit in the last place toward err on the magnitude integer (sign-magnitude bits).
  const towardZero = (s > 0) !== (err > 0);
  let lo = u32[LOW] as number;
  let hi = u32[1 - LOW] as number;
  if (towardZero) {
    if (lo === 0) hi -= 1;
    lo = (lo - 1) >>> 0;
  } else {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi += 1;
  }
  u32[LOW] = lo;
  u32[1 - LOW] = hi;
  return f64[0] as number;
}

/** fma(a, b, c) in double: a·b + c with one rounding. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || p === 0 || Math.abs(p) > 1e300 || Math.abs(p) < 1e-280) {
    return p + c; // outside the range where the error-free product is exact; not reached by the samplers
  }
  // TwoProduct: a·b = p + pe exactly
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = al * bl - (p - ah * bh - al * bh - ah * bl);
  // TwoSum: c + p = sh + sl exactly
  const sh = c + p;
  const bb = sh - c;
  const sl = c - (sh - bb) + (p - bb);
  // RN(sh + RO(sl + pe)) is the correctly rounded a·b + c
  return sh + addRoundToOdd(sl, pe);
}

/** fmaf(a, b, c) for float32 operands: the product is exact in double; round the sum once. */
export function fmaf(a: number, b: number, c: number): number {
  // RO to 53 bits then RN to 24 bits equals a single RN to 24 bits (53 >= 24 + 2).
  return Math.fround(addRoundToOdd(a * b, c));
}
