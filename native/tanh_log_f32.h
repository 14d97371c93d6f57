// tanh_log_f32.h: float32 tanh and log whose results are bit-identical to ts-torch's JavaScript
// kernels (Node 20 / V8) for every float32 input:
//
//   ts_tanh_f32: y[i] = Math.fround(Math.tanh(x[i]))
//   ts_log_f32:  y[i] = Math.fround(Math.log(x[i]))
//
// (x[i] is promoted to double exactly; NaN results are some quiet NaN, as in JS.)
//
// tl__fdlibm_* are ported from V8's src/base/ieee754.cc (Copyright 2016 the V8 project
// authors, BSD-3-Clause), which adapts fdlibm:
//   Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted, provided
//   that this notice is preserved.
// (THIRD_PARTY.md)
//
// What V8 computes
// ----------------
// In Node 20 (V8 11.x), Math.tanh and Math.log are the fdlibm ports in v8/src/base/ieee754.cc:
// `tanh` (s_tanh.c, built on `expm1`, s_expm1.c) and `log` (e_log.c). `tl__fdlibm_tanh`,
// `tl__fdlibm_expm1` and `tl__fdlibm_log` below are line-for-line C ports (same constants,
// same operations in the same order, no FMA: the project builds with -ffp-contract=off and these
// functions are only compiled with plain a*b+c), so they return the very doubles V8 returns.
// (Newer V8 versions switched `log` to LLVM's libc and `tanh` to std::tanh; Node 20 has not.
// tools/native/verify_tanh_log.mjs checks all of this against the running Node, exhaustively.)
//
// Exactness argument for the fast paths
// -------------------------------------
// Calling the scalar ports for every element is slow (branches, a division or two). Each
// element first goes through a branch-free, vectorisable double-precision evaluation whose
// result r is within a small relative distance (bounds below) of the true function value; the
// fdlibm double R is within a couple of double ulps of the true value too, so |r - R| is at most
// a known number of ulps of r.
//
// Rounding a double to float32 only depends on which side of a float32 *midpoint* (a point halfway
// between two adjacent float32 values) it lies: two doubles with no midpoint between them round to
// the same float (a power of two between them is itself a float32 and does not split them). For a
// double r in the normal float32 range, the midpoints of r's float32 binade are exactly the doubles
// whose low 29 mantissa bits are 0x10000000. If r's low 29 bits are more than TOL ulps away from
// that pattern, no midpoint lies within TOL ulps of r, hence none between r and R, and
// (float)r == (float)R. Elements within TOL are "ambiguous" and recomputed with the exact scalar
// port. An exact midpoint (ties-to-even) is also inside the window, so it is recomputed too.
// Results outside the normal float32 range are argued separately for each function below.
//
// tanh (TL_TANH_TOL = 2^13 ulps):
//   tanh is odd and fdlibm computes it on |x| and negates, so the fast path works on a = |x| and
//   ORs the sign bit of x into the result (this also gives tanh(-0) = -0).
//   - a < 0.25: r = a + a*(z*P(z)), z = a*a, P = the Taylor series of (tanh(a)/a - 1)/z to degree
//     7 (tanh(a)/a to z^8). The first dropped term is 2.4e-4 * z^9 <= 2^-12 * 2^-36 = 2^-48 and
//     the tail shrinks by a factor <= 0.41*z < 0.026 per term; with tanh(a)/a >= 0.979, the
//     coefficients' rounding and a few 2^-53 from Horner's scheme, |r - tanh a| < 2^-47 r.
//     For a < 2^-28 (incl. subnormal a and 0) the correction a*z*P is below half an ulp of a, so
//     r == a exactly, which is what fdlibm returns there; a is a float32, so the midpoint test
//     never flags it, and float(r) == x. This is the only region where the result can be a
//     float32 subnormal, so tanh needs no separate subnormal-output test.
//   - 0.25 <= a: r = 1 - 2/(E + 1), E = fast exp(2a) by the exp_f32.h method (2^k * 2^f, the
//     same degree-9 minimax polynomial for 2^f with relative error 2^-46.06; with the rounding of
//     2a*log2(e) (|.| <= 28.9) and of the constant, and Horner's scheme, E is within 2^-45 of
//     exp(2a), relatively). q = 2/(E+1) <= 2/(e^0.5 + 1) = 0.755 then carries a relative error
//     < 2^-44.9 (E's error, damped by E/(E+1) < 1, plus two roundings), i.e. < 2^-45.3 absolute,
//     and 1 - q adds half an ulp: |r - tanh a| < 2^-45.2 absolute. As r >= tanh(0.25) = 0.2449,
//     ulp(r) >= 2^-55, so that is < 2^9.8 ulps of r.
//   - a is clamped to 10 first (on the float's bits; NaN stays NaN and is also forced to a quiet
//     NaN explicitly; +-inf becomes 10): tanh(10) = 1 - 4.1e-9, and every tanh(a >= 9.011) rounds
//     to float 1.0, as do fdlibm's results (1 - tiny = 1 for a >= 22). The float32 midpoint
//     1 - 2^-25 just below 1 has the midpoint pattern, so the test covers it.
//   fdlibm's tanh (expm1 within 1 ulp, then an addition and a division) is within a few ulps of
//   tanh, so |r - R| < 2^10 ulps of r and TL_TANH_TOL = 2^13 leaves a factor > 4 of slack. The
//   survey in tools/native/tanh_log_bench.c measures max |r - R| over all float32 inputs.
//   Flag rate ~2^-15 per element.
//
// log (TL_LOG_TOL = 2^10 ulps):
//   x = 2^k * m with m in [sqrt(1/2), sqrt(2)), taken from the float's bits (a subnormal x is
//   first scaled by 2^23, exactly, and k lowered by 23). f = m - 1 and 2 + f are exact (m has 24
//   significant bits), s = f/(2+f) is rounded once, and log(m) = 2s + s*R(s*s) with R = fdlibm's
//   polynomial z*(Lg1 + ... + Lg7 z^6) (approximation error < 2^-58.45, |s| <= 0.1716): the
//   identity behind fdlibm's f - s*(f - R) since 2s = f - s*f. s*R is < 2% of 2s, so log(m)
//   comes out within 2^-52 of its value, relatively. Then r = k*ln2 + log(m) in one multiply-add
//   (one rounding with FMA, two without): |log m| <= ln2/2, so for k != 0, |r| >= |k|*ln2/2 and
//   |r| >= |log m|; the error of the double ln2 (2^-55.3) contributes < 2^-53.8 |r|. In all,
//   |r - log x| < 2^-50.5 |r| (< 16 ulps of r); fdlibm's log is within 1 ulp, so TL_LOG_TOL =
//   2^10 leaves a wide margin. Flag rate ~2^-18 per element.
//   The result is never a float32 subnormal: |log x| >= 2^-24.1 for every float32 x != 1, and
//   log(1) = +0 exactly in both paths (f = 0, k = 0). Special inputs are selected branch-free:
//   +-0 -> -inf, x < 0 (incl. -inf) or NaN -> NaN, +inf -> +inf, as fdlibm gives; their low bits
//   are 0, so the midpoint test leaves them alone.
//
// Vectorisation: the element loops have no branches; GCC auto-vectorises them (with the
// -fno-trapping-math pragma below). With -ffp-contract=off GCC never fuses a*b+c on its own; the
// AVX2+FMA and AVX-512 variants use explicit __builtin_fma in the polynomials and the last
// steps, which moves r by a few 2^-53 (relative) and stays inside the bounds above. The variant
// is chosen once per process with __builtin_cpu_supports (native/simd_dispatch.h, shared with
// exp_f32.h). The blocking and fix-up scheme is described above TL__DEFINE_ONE below; x == y
// (in place) works, partially overlapping x and y do not.
#ifndef TS_TANH_LOG_F32_H
#define TS_TANH_LOG_F32_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "simd_dispatch.h"

// Everything in this header is compiled with -fno-trapping-math (see TL__SEL below; restored at
// the end). It is applied to the small bit-cast helpers too, since GCC does not inline functions
// compiled with different optimisation options into each other.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")
#define TL__POP_OPTIONS 1
#endif

static inline uint64_t tl__dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline double tl__bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint32_t tl__fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float tl__bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

// ---- exact scalar ports of V8's fdlibm expm1, tanh and log (src/base/ieee754.cc) ------------

static double tl__fdlibm_expm1(double x) {
  static const double one = 1.0, tiny = 1.0e-300,
                      o_threshold = 7.09782712893383973096e+02, /* 0x40862E42, 0xFEFA39EF */
      ln2_hi = 6.93147180369123816490e-01,                      /* 0x3FE62E42, 0xFEE00000 */
      ln2_lo = 1.90821492927058770002e-10,                      /* 0x3DEA39EF, 0x35793C76 */
      invln2 = 1.44269504088896338700e+00,                      /* 0x3FF71547, 0x652B82FE */
      Q1 = -3.33333333333331316428e-02,                         /* BFA11111 111110F4 */
      Q2 = 1.58730158725481460165e-03,                          /* 3F5A01A0 19FE5585 */
      Q3 = -7.93650757867487942473e-05,                         /* BF14CE19 9EAADBB7 */
      Q4 = 4.00821782732936239552e-06,                          /* 3ED0CFCA 86E65239 */
      Q5 = -2.01099218183624371326e-07;                         /* BE8AFDB7 6E09C32D */
  static const double huge = 1.0e+300;

  double y, hi, lo, c = 0.0, t, e, hxs, hfx, r1, twopk;
  int32_t k, xsb;
  uint32_t hx;
  const uint64_t bx = tl__dbits(x);

  hx = (uint32_t)(bx >> 32);
  xsb = (int32_t)(hx & 0x80000000u); /* sign bit of x */
  hx &= 0x7FFFFFFF;                  /* high word of |x| */

  /* filter out huge and non-finite argument */
  if (hx >= 0x4043687A) {   /* if |x|>=56*ln2 */
    if (hx >= 0x40862E42) { /* if |x|>=709.78... */
      if (hx >= 0x7FF00000) {
        uint32_t low = (uint32_t)bx;
        if (((hx & 0xFFFFF) | low) != 0) {
          return x + x; /* NaN */
        } else {
          return (xsb == 0) ? x : -1.0; /* exp(+-inf)={inf,-1} */
        }
      }
      if (x > o_threshold) return huge * huge; /* overflow */
    }
    if (xsb != 0) {         /* x < -56*ln2, return -1.0 with inexact */
      if (x + tiny < 0.0) { /* raise inexact */
        return tiny - one;  /* return -1 */
      }
    }
  }

  /* argument reduction */
  if (hx > 0x3FD62E42) {   /* if  |x| > 0.5 ln2 */
    if (hx < 0x3FF0A2B2) { /* and |x| < 1.5 ln2 */
      if (xsb == 0) {
        hi = x - ln2_hi;
        lo = ln2_lo;
        k = 1;
      } else {
        hi = x + ln2_hi;
        lo = -ln2_lo;
        k = -1;
      }
    } else {
      k = (int32_t)(invln2 * x + ((xsb == 0) ? 0.5 : -0.5));
      t = k;
      hi = x - t * ln2_hi; /* t*ln2_hi is exact here */
      lo = t * ln2_lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3C900000) { /* when |x|<2**-54, return x */
    t = huge + x;               /* return x with inexact flags when x!=0 */
    return x - (t - (huge + x));
  } else {
    k = 0;
  }

  /* x is now in primary range */
  hfx = 0.5 * x;
  hxs = x * hfx;
  r1 = one + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  t = 3.0 - r1 * hfx;
  e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) {
    return x - (x * e - hxs); /* c is 0 */
  } else {
    twopk = tl__bitsd((uint64_t)(0x3FF00000u + ((uint32_t)k << 20)) << 32); /* 2^k */
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1) return 0.5 * (x - e) - 0.5;
    if (k == 1) {
      if (x < -0.25) {
        return -2.0 * (e - (x + 0.5));
      } else {
        return one + 2.0 * (x - e);
      }
    }
    if (k <= -2 || k > 56) { /* suffice to return exp(x)-1 */
      y = one - (e - x);
      if (k == 1024) {
        y = y * 2.0 * 8.98846567431158e+307;
      } else {
        y = y * twopk;
      }
      return y - one;
    }
    t = one;
    if (k < 20) {
      /* t=1-2^-k */
      t = tl__bitsd((tl__dbits(t) & 0xFFFFFFFFull) |
                    ((uint64_t)(uint32_t)(0x3FF00000 - (0x200000 >> k)) << 32));
      y = t - (e - x);
      y = y * twopk;
    } else {
      /* 2^-k */
      t = tl__bitsd((tl__dbits(t) & 0xFFFFFFFFull) | ((uint64_t)(uint32_t)((0x3FF - k) << 20) << 32));
      y = x - (e + t);
      y += one;
      y = y * twopk;
    }
  }
  return y;
}

static double tl__fdlibm_tanh(double x) {
  static const double tiny = 1.0e-300;
  static const double one = 1.0, two = 2.0, huge = 1.0e300;
  double t, z;
  int32_t jx, ix;

  jx = (int32_t)(uint32_t)(tl__dbits(x) >> 32);
  ix = jx & 0x7FFFFFFF;

  /* x is INF or NaN */
  if (ix >= 0x7FF00000) {
    if (jx >= 0)
      return one / x + one; /* tanh(+-inf)=+-1 */
    else
      return one / x - one; /* tanh(NaN) = NaN */
  }

  /* |x| < 22 */
  if (ix < 0x40360000) {            /* |x|<22 */
    if (ix < 0x3E300000) {          /* |x|<2**-28 */
      if (huge + x > one) return x; /* tanh(tiny) = tiny with inexact */
    }
    if (ix >= 0x3FF00000) { /* |x|>=1  */
      t = tl__fdlibm_expm1(two * fabs(x));
      z = one - two / (t + two);
    } else {
      t = tl__fdlibm_expm1(-two * fabs(x));
      z = -t / (t + two);
    }
    /* |x| >= 22, return +-1 */
  } else {
    z = one - tiny; /* raise inexact flag */
  }
  return (jx >= 0) ? z : -z;
}

static double tl__fdlibm_log(double x) {
  static const double                      /* -- */
      ln2_hi = 6.93147180369123816490e-01, /* 3fe62e42 fee00000 */
      ln2_lo = 1.90821492927058770002e-10, /* 3dea39ef 35793c76 */
      two54 = 1.80143985094819840000e+16,  /* 43500000 00000000 */
      Lg1 = 6.666666666666735130e-01,      /* 3FE55555 55555593 */
      Lg2 = 3.999999999940941908e-01,      /* 3FD99999 9997FA04 */
      Lg3 = 2.857142874366239149e-01,      /* 3FD24924 94229359 */
      Lg4 = 2.222219843214978396e-01,      /* 3FCC71C5 1D8E78AF */
      Lg5 = 1.818357216161805012e-01,      /* 3FC74664 96CB03DE */
      Lg6 = 1.531383769920937332e-01,      /* 3FC39A09 D078C69F */
      Lg7 = 1.479819860511658591e-01;      /* 3FC2F112 DF3E5244 */
  static const double zero = 0.0;

  double hfsq, f, s, z, R, w, t1, t2, dk;
  int32_t k, hx, i, j;
  uint32_t lx;
  uint64_t bx = tl__dbits(x);

  hx = (int32_t)(uint32_t)(bx >> 32);
  lx = (uint32_t)bx;

  k = 0;
  if (hx < 0x00100000) { /* x < 2**-1022  */
    if (((hx & 0x7FFFFFFF) | lx) == 0) return -INFINITY; /* log(+-0)=-inf (-two54/vzero) */
    if (hx < 0) return NAN;                              /* log(-#) = NaN ((x-x)/zero) */
    k -= 54;
    x *= two54; /* subnormal number, scale up x */
    hx = (int32_t)(uint32_t)(tl__dbits(x) >> 32);
  }
  if (hx >= 0x7FF00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000FFFFF;
  i = (hx + 0x95F64) & 0x100000;
  /* normalize x or x/2 */
  x = tl__bitsd((tl__dbits(x) & 0xFFFFFFFFull) | ((uint64_t)(uint32_t)(hx | (i ^ 0x3FF00000)) << 32));
  k += (i >> 20);
  f = x - 1.0;
  if ((0x000FFFFF & (2 + hx)) < 3) { /* -2**-20 <= f < 2**-20 */
    if (f == zero) {
      if (k == 0) {
        return zero;
      } else {
        dk = (double)k;
        return dk * ln2_hi + dk * ln2_lo;
      }
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) {
      return f - R;
    } else {
      dk = (double)k;
      return dk * ln2_hi - ((R - dk * ln2_lo) - f);
    }
  }
  s = f / (2.0 + f);
  dk = (double)k;
  z = s * s;
  i = hx - 0x6147A;
  w = z * z;
  j = 0x6B851 - hx;
  t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    hfsq = 0.5 * f * f;
    if (k == 0)
      return f - (hfsq - s * (hfsq + R));
    else
      return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  } else {
    if (k == 0)
      return f - s * (f - R);
    else
      return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
  }
}

// ---- fast branch-free double paths + ambiguity test (see the argument at the top) ----------

#define TL_CHUNK 256
#define TL_TANH_TOL 8192 /* ulps of the double result around a float32 midpoint */
#define TL_LOG_TOL 1024

// Midpoint test. TL__MID_KEY(r, TOL) has its top bit set exactly when double r's low 29 mantissa
// bits are within TOL of 0x10000000, i.e. r is within TOL ulps of a float32 midpoint of its
// binade: d = (bits + TOL - 0x10000000) mod 2^29 is < 2*TOL exactly then, and d - 2*TOL wraps
// around below 0 exactly then. TL__MID_KEY32 is the same on the low 32 bits of r (which hold
// the low 29 mantissa bits), top bit = bit 31. Only an add, an and and a subtract, no compare to
// turn into a mask: the vector pass ORs the 32-bit keys of a chunk and looks at bit 31.
#define TL__MID_KEY(r, TOL) \
  (((tl__dbits(r) + (uint64_t)((TOL) - 0x10000000)) & 0x1FFFFFFFu) - (uint64_t)(2 * (TOL)))
#define TL__NEAR_MID(r, TOL) (TL__MID_KEY(r, TOL) >> 63)
#define TL__MID_KEY32(r, TOL)                                                                  \
  ((((uint32_t)tl__dbits(r) + (uint32_t)((TOL) - 0x10000000)) & 0x1FFFFFFFu) -               \
   (uint32_t)(2 * (TOL)))

// Select between two doubles computed unconditionally. GCC only if-converts (and so vectorises)
// such a select when it may assume that floating-point operations do not trap: otherwise it
// sinks a division or a multiplication into a branch of its own and gives up on the loop. The
// kernels are therefore compiled with -fno-trapping-math (a pragma, restored at the end);
// that option changes no value computed (no reassociation, no contraction), only which
// operations may be speculated.
#define TL__SEL(c, a, b) ((c) ? (a) : (b))

// tanh(|x|) for float x, fast; the sign is applied by the caller. See "tanh" above.
#define TL__FASTTANH(r, xf, MADD)                                                               \
  do {                                                                                          \
    uint32_t a_ = tl__fbits(xf) & 0x7FFFFFFFu;                                                  \
    a_ = (a_ > 0x41200000u && a_ <= 0x7F800000u) ? 0x41200000u : a_; /* min(|x|, 10), NaN kept */ \
    const double ad_ = (double)tl__bitsf(a_);                                                   \
    /* small branch: a + a*z*P(z) */                                                            \
    const double z_ = ad_ * ad_;                                                                \
    double p_ = 0x1.3558248036744p-11;                                                          \
    p_ = MADD(p_, z_, -0x1.7da36452b75e3p-10);                                                  \
    p_ = MADD(p_, z_, 0x1.d6d3d0e157de0p-9);                                                    \
    p_ = MADD(p_, z_, -0x1.226e355e6c23dp-7);                                                   \
    p_ = MADD(p_, z_, 0x1.664f4882c10fap-6);                                                    \
    p_ = MADD(p_, z_, -0x1.ba1ba1ba1ba1cp-5);                                                   \
    p_ = MADD(p_, z_, 0x1.1111111111111p-3);                                                    \
    p_ = MADD(p_, z_, -0x1.5555555555555p-2);                                                   \
    const double rs_ = MADD(ad_, z_ * p_, ad_);                                                 \
    /* large branch: 1 - 2/(exp(2a)+1), exp(2a) = 2^k * 2^f */                                  \
    const double y_ = ad_ * 0x1.71547652b82fep+1; /* 2*log2(e) */                               \
    const double t_ = y_ + 0x1.8p52;                                                            \
    const double f_ = y_ - (t_ - 0x1.8p52);                                                     \
    double q_ = 0x1.b3f421492867dp-24;                                                          \
    q_ = MADD(q_, f_, 0x1.63edf1058a76ep-20);                                                   \
    q_ = MADD(q_, f_, 0x1.ffce24611c0dap-17);                                                   \
    q_ = MADD(q_, f_, 0x1.43088fca9a183p-13);                                                   \
    q_ = MADD(q_, f_, 0x1.5d87fd9011eeep-10);                                                   \
    q_ = MADD(q_, f_, 0x1.3b2ab72a1098dp-7);                                                    \
    q_ = MADD(q_, f_, 0x1.c6b08d70d2003p-5);                                                    \
    q_ = MADD(q_, f_, 0x1.ebfbdff81570dp-3);                                                    \
    q_ = MADD(q_, f_, 0x1.62e42fefa3752p-1);                                                    \
    q_ = MADD(q_, f_, 0x1.0000000000039p+0);                                                    \
    const double e_ = tl__bitsd(tl__dbits(q_) + (tl__dbits(t_) << 52));                         \
    const double rb_ = 1.0 - 2.0 / (e_ + 1.0);                                                  \
    double r_ = TL__SEL(a_ < 0x3E800000u, rs_, rb_); /* a < 0.25f */                            \
    /* NaN in, NaN out, explicitly: OR-ing 0x7FF8... into r makes it a quiet NaN */           \
    (r) = tl__bitsd(tl__dbits(r_) | ((0 - (uint64_t)(a_ > 0x7F800000u)) & 0x7FF8000000000000u)); \
  } while (0)

// log(x) for float x, fast, specials included. See "log" above.
#define TL__FASTLOG(r, xf, MADD)                                                                \
  do {                                                                                          \
    const uint32_t u_ = tl__fbits(xf);                                                          \
    const uint32_t us_ = tl__fbits((xf) * 0x1p23f); /* subnormal x scaled to normal, exactly */ \
    const uint32_t sub_ = (uint32_t)(u_ - 1u < 0x007FFFFFu); /* 0 < x < 2^-126 */             \
    const uint32_t v_ = sub_ ? us_ : u_;                                                        \
    const uint32_t d_ = v_ - 0x3F3504F3u; /* float bits of sqrt(1/2) */                        \
    const int32_t k_ = ((int32_t)d_ >> 23) - (sub_ ? 23 : 0);                                   \
    const double m_ = (double)tl__bitsf(v_ - (d_ & 0xFF800000u)); /* [sqrt(1/2), sqrt(2)) */  \
    const double f_ = m_ - 1.0;                                                                 \
    const double s_ = f_ / (2.0 + f_);                                                          \
    const double z_ = s_ * s_;                                                                  \
    double p_ = 1.479819860511658591e-01;                                                       \
    p_ = MADD(p_, z_, 1.531383769920937332e-01);                                                \
    p_ = MADD(p_, z_, 1.818357216161805012e-01);                                                \
    p_ = MADD(p_, z_, 2.222219843214978396e-01);                                                \
    p_ = MADD(p_, z_, 2.857142874366239149e-01);                                                \
    p_ = MADD(p_, z_, 3.999999999940941908e-01);                                                \
    p_ = MADD(p_, z_, 6.666666666666735130e-01);                                                \
    const double lm_ = MADD(s_, z_ * p_, s_ + s_); /* log(m) = 2s + s*R(z) */                  \
    double w_ = MADD((double)k_, 0x1.62e42fefa39efp-1, lm_); /* + k*ln2 */                     \
    w_ = TL__SEL(u_ > 0x7F800000u, NAN, w_);              /* NaN, x < 0 (-0: fixed next) */     \
    w_ = TL__SEL((u_ & 0x7FFFFFFFu) == 0, -INFINITY, w_); /* +-0 */                             \
    (r) = TL__SEL(u_ == 0x7F800000u, INFINITY, w_);       /* +inf */                            \
  } while (0)

// Work is split into blocks of TL_BLOCK = 16 chunks of TL_CHUNK elements. For each block, a
// vector pass (tl__*_pass_*, a function without calls, so that GCC keeps the polynomial constants
// in vector registers) stores the float-rounded fast results straight into y and returns a bit
// mask of the chunks in which some element was flagged; for each such chunk a scalar pass
// (tl__*_fix_*) recomputes the chunk's fast doubles and replaces the flagged elements by the
// exact port. The scalar pass performs the same operations as the vector pass (same MADD, no
// contraction, no reassociation), so it gets the same doubles; for safety it nevertheless replaces
// every element within 2*TOL ulps of a midpoint: a superset of the flagged ones even if a
// recomputed double differed from the vector one by up to TOL ulps. In place (x == y), each
// block's inputs are first copied to a stack buffer (16 KiB), since the fix-up pass needs them
// after y is written. (x and y must be the same array or not overlap at all.)
#define TL_BLOCK (16 * TL_CHUNK)

#define TL__DEFINE_ONE(NAME, SUF, ATTR, MADD, FAST, TOL, EXACT, STORE)                        \
  ATTR static TS_SIMD_NOINLINE void tl__##NAME##_fix_##SUF(const float* xs, float* ys, size_t m) { \
    for (size_t i = 0; i < m; i++) {                                                            \
      double r;                                                                                 \
      FAST(r, xs[i], MADD);                                                                     \
      if (TL__NEAR_MID(r, 2 * (TOL))) ys[i] = (float)EXACT((double)xs[i]);                      \
    }                                                                                           \
  }                                                                                             \
  ATTR static TS_SIMD_NOINLINE uint32_t tl__##NAME##_pass_##SUF(const float* restrict x,        \
                                                                float* restrict y, size_t n) {  \
    uint32_t mask = 0;                                                                          \
    for (size_t c = 0; c * TL_CHUNK < n; c++) {                                                 \
      const size_t s = c * TL_CHUNK, m = n - s < TL_CHUNK ? n - s : TL_CHUNK;                   \
      const float* restrict xs = x + s;                                                         \
      float* restrict ys = y + s;                                                               \
      uint32_t amb = 0;                                                                         \
      for (size_t i = 0; i < m; i++) {                                                          \
        double r;                                                                               \
        FAST(r, xs[i], MADD);                                                                   \
        amb |= TL__MID_KEY32(r, TOL);                                                           \
        ys[i] = STORE(r, xs[i]);                                                                \
      }                                                                                         \
      mask |= (amb >> 31) << c;                                                                 \
    }                                                                                           \
    return mask;                                                                                \
  }                                                                                             \
  ATTR static void tl__##NAME##_f32_##SUF(const float* x, float* y, size_t n) {                 \
    float xb[TL_BLOCK];                                                                         \
    for (size_t s = 0; s < n; s += TL_BLOCK) {                                                  \
      const size_t m = n - s < TL_BLOCK ? n - s : TL_BLOCK;                                     \
      const float* xs = x + s;                                                                  \
      if (x == y) xs = (const float*)memcpy(xb, xs, m * sizeof(float));                         \
      uint32_t mask = tl__##NAME##_pass_##SUF(xs, y + s, m);                                    \
      while (mask) {                                                                            \
        const size_t c = (size_t)__builtin_ctz(mask), o = c * TL_CHUNK;                         \
        tl__##NAME##_fix_##SUF(xs + o, y + s + o, m - o < TL_CHUNK ? m - o : TL_CHUNK);         \
        mask &= mask - 1;                                                                       \
      }                                                                                         \
    }                                                                                           \
  }

/* tanh is odd: put x's sign bit on tanh(|x|) */
#define TL__STORE_TANH(r, xf) \
  ((float)tl__bitsd(tl__dbits(r) | ((uint64_t)(tl__fbits(xf) & 0x80000000u) << 32)))
#define TL__STORE_LOG(r, xf) ((float)(r))

#define TL__DEFINE_KERNELS(SUF, ATTR, MADD)                                                     \
  TL__DEFINE_ONE(tanh, SUF, ATTR, MADD, TL__FASTTANH, TL_TANH_TOL, tl__fdlibm_tanh, TL__STORE_TANH) \
  TL__DEFINE_ONE(log, SUF, ATTR, MADD, TL__FASTLOG, TL_LOG_TOL, tl__fdlibm_log, TL__STORE_LOG)

TL__DEFINE_KERNELS(generic, , TS_SIMD_MADD_PLAIN)

// The AVX2+FMA and AVX-512 variants and the choice between them: simd_dispatch.h. This header
// only compiles them for Linux builds.
#if defined(TS_SIMD_X86) && defined(__linux__)
#define TL__HAVE_X86_VARIANTS 1
TL__DEFINE_KERNELS(avx2fma, TS_SIMD_ATTR_AVX2FMA, TS_SIMD_MADD_FMA)
TL__DEFINE_KERNELS(avx512, TS_SIMD_ATTR_AVX512, TS_SIMD_MADD_FMA)
#define TL__DISPATCH TS_SIMD_DISPATCH
#else
#define TL__DISPATCH TS_SIMD_DISPATCH_GENERIC
#endif

TL__DISPATCH(ts_tanh_f32, tl__tanh_f32)
TL__DISPATCH(ts_log_f32, tl__log_f32)

#ifdef TL__POP_OPTIONS
#pragma GCC pop_options
#undef TL__POP_OPTIONS
#endif

#endif  // TS_TANH_LOG_F32_H
