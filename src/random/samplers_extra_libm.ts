// The C library functions behind log_normal_ (exp) and cauchy_ (tan). PyTorch's CPU kernels
// call ::exp and ::tan from glibc, whose results V8's Math.exp / Math.tan miss by an ulp in a
// few percent of cases.
// - exp: glibcExp, the port of glibc 2.36's e_exp.c in ../math/glibc_exp.ts.
// - tan: glibc's tan (IBM's s_tan.c, "max ULP ~0.619") has no short portable form, so this one
//   is evaluated in double-double (~2^-100 relative, the arithmetic of ./libm.ts) and rounded
//   once: the correctly rounded value, which is glibc's except where glibc itself is more than
//   half an ulp off (then the two differ by one ulp; tests/random/samplers_extra.test.ts counts
//   how often).
import { dd, ddAdd, ddDiv, ddMul } from './libm.ts';

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
