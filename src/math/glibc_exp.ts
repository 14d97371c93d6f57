// glibc's exp, bit for bit: a port of glibc 2.36's sysdeps/ieee754/dbl-64/e_exp.c (ARM
// optimized-routines) as x86-64 runs it (the __exp_fma ifunc variant: GCC contracts
// `a * b + c` into one fma), over the __exp_data tables of ./glibc_pow_tables.ts. The core,
// expInline, is also e_pow.c's exp_inline (with the tail of its argument and the sign of the
// result): ./glibc_pow.ts calls it. PyTorch's log_normal_ calls ::exp (V8's Math.exp misses
// glibc by an ulp in a few percent of cases).
import { fma } from './fma.ts';
import { EXP_POLY, EXP_SBITS_HI, EXP_SBITS_LO, EXP_TAIL, INV_LN2_N, NEG_LN2_HI_N, NEG_LN2_LO_N, SHIFT } from './glibc_pow_tables.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** The high 32 bits of x's pattern (shared with ./glibc_pow.ts). */
export function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI] as number;
}
/** The low 32 bits of x's pattern. */
export function loWord(x: number): number {
  f64[0] = x;
  return u32[LO] as number;
}
/** The double whose pattern has these high and low words. */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0] as number;
}

const [C2, C3, C4, C5] = EXP_POLY as [number, number, number, number];

/** The specialcase of e_exp.c / e_pow.c: results that may overflow (k > 0) or be subnormal (k < 0). */
function specialCase(tmp: number, sHi: number, sLo: number, k: number): number {
  if (k >= 0) {
    // k > 0: the exponent of scale might have overflowed by <= 460.
    const scale = fromWords((sHi - (1009 << 20)) >>> 0, sLo);
    return 2 ** 1009 * fma(scale, tmp, scale);
  }
  // k < 0: need special care in the subnormal range.
  const adjHi = (sHi + (1022 << 20)) >>> 0;
  const scale = fromWords(adjHi, sLo);
  // scale * tmp has a use in another basic block below, so GCC does not fuse it here.
  const st = scale * tmp;
  let y = scale + st;
  if (Math.abs(y) < 1.0) {
    // Round y to the right precision before scaling it into the subnormal range.
    // (exp's own specialcase is this with a positive y: signBias 0 leaves the sign bit clear.)
    const one = y < 0.0 ? -1.0 : 1.0;
    let lo = scale - y + st;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = hi + lo - one;
    if (y === 0) y = (adjHi & 0x80000000) !== 0 ? -0 : 0;
  }
  return 2 ** -1022 * y;
}

/**
 * exp(x + xtail), negated when signBias is set (e_pow.c's exp_inline; signBias is
 * 0x800 << 7, the sign bit as it lands in the high word of the scale). Finite or infinite x;
 * NaN is the caller's (glibcExp handles it, pow never passes it).
 */
export function expInline(x: number, xtail: number, signBias: number): number {
  let abstop = (hiWord(x) >>> 20) & 0x7ff;
  // top12(0x1p-54) = 0x3c9, top12(512) = 0x408, top12(1024) = 0x409
  if (abstop - 0x3c9 >= 0x408 - 0x3c9 || abstop < 0x3c9) {
    if (abstop < 0x3c9) {
      // |x| < 2^-54: avoid spurious underflow; 0 is a common input.
      const one = 1.0 + x;
      return signBias ? -one : one;
    }
    if (abstop >= 0x409) {
      if (x < 0) return signBias ? -0 : 0; // __math_uflow
      return signBias ? -Infinity : Infinity; // __math_oflow
    }
    abstop = 0; // large |x| is special-cased below
  }
  // exp(x) = 2^(k/N) * exp(r), with exp(r) in [2^(-1/2N),2^(1/2N)].
  const kdShifted = fma(INV_LN2_N, x, SHIFT);
  const k = kdShifted - SHIFT; // an integer (|k| < 2^17): the low bits of kd's pattern
  let r = fma(k, NEG_LN2_LO_N, fma(k, NEG_LN2_HI_N, x));
  r += xtail;
  const idx = k & 127;
  // top = (ki + sign_bias) << 45 only touches the high word (45 >= 32).
  const top = ((k + signBias) << 13) | 0;
  const tail = EXP_TAIL[idx] as number;
  const sHi = ((EXP_SBITS_HI[idx] as number) + top) >>> 0;
  const sLo = EXP_SBITS_LO[idx] as number;
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(r2, fma(r, C3, C2), tail + r));
  if (abstop === 0) return specialCase(tmp, sHi, sLo, k);
  const scale = fromWords(sHi, sLo);
  return fma(scale, tmp, scale);
}

/** glibc 2.36's exp(x), bit for bit (x86-64, FMA). */
export function glibcExp(x: number): number {
  if (Number.isNaN(x)) return 1.0 + x;
  return expInline(x, 0, 0);
}
