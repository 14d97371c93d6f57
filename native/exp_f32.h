// exp_f32.h: float32 exp and sigmoid whose results are bit-identical to ts-torch's JavaScript
// kernels for every float32 input:
//
// ts__fdlibm_exp is ported from V8's src/base/ieee754.cc (Copyright 2016 the V8 project
// authors, BSD-3-Clause), which adapts fdlibm:
//   Copyright (C) 1993-2004 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted, provided
//   that this notice is preserved.
// (THIRD_PARTY.md)
//
//   ts_exp_f32:     y[i] = Math.fround(Math.exp(x[i]))
//   ts_sigmoid_f32: y[i] = Math.fround(1 / (1 + Math.exp(-x[i])))      (evaluated in double)
//
// V8's Math.exp is fdlibm's __ieee754_exp (v8/src/base/ieee754.cc, `exp`). `ts__fdlibm_exp`
// below is a line-for-line C port of it (same constants, same operations in the same order, no
// FMA: build with -ffp-contract=off), so it returns the very double Math.exp returns.
//
// Exactness argument for the fast path
// ------------------------------------
// Calling the scalar port for every element is slow (a division and branches). Instead each
// element first goes through a branch-free, vectorisable double-precision exp (`TS__FASTEXP`):
//   x clamped to |x| <= 110 (on the float's bits; NaN untouched);
//   y = x*log2(e); k = round(y) (the 1.5*2^52 trick); f = y - k (exact), |f| <= 1/2;
//   2^f by a degree-9 minimax polynomial in Horner form (relative error 2^-46.06 on [-1/2,1/2]
//   with the coefficients as rounded to double; fitted with mpmath); 2^k added into the
//   exponent field (exact).
// Error against the true exp(x): polynomial 2^-46.06; the argument f is off by at most half an
// ulp of y (<= 2^-46, |y| < 159) plus 110 * |log2e - double(log2e)| (< 2^-48.7), which is
// < 2^-46.3 relative after 2^f; Horner's roundings a few 2^-53. fdlibm's result R is within 1
// double ulp (2^-52 relative) of the true exp. So the fast double r satisfies
// |r - R| < 2^-45 r, i.e. fewer than 2^53 * 2^-45 = 2^8 ulps of r.
// (tools/native/exp_bench.c `survey` measures the actual largest distance over all float32
// inputs with a normal result: see the numbers quoted at TS__TOL below.)
//
// Rounding a double to float32 only depends on which side of a float32 *midpoint* (a point
// halfway between two adjacent float32 values) it lies: two doubles with no midpoint between
// them round to the same float (a power of two between them is itself a float32 and does not
// split them). For a double r in the normal float32 range, the midpoints of r's float32 binade
// are exactly the doubles whose low 29 mantissa bits are 0x10000000. If r's low 29 bits are more
// than TS__TOL = 2^11 ulps away from that pattern, no midpoint lies within 2^11 ulps of r, hence
// none lies between r and R (8x margin over the bound above), and (float)r == (float)R.
// Elements within TS__TOL (about 2^-17 of random inputs) are recomputed with the exact scalar
// port. So are elements whose float32 result may be subnormal or round to zero near the
// subnormal range (there the midpoints sit elsewhere): input x in (-105.5, -86.5).
//   - r >= 2^128 (1 - 2^-45) (x >= ~88.72): both round to +inf (the overflow midpoint
//     2^128 - 2^103 has the midpoint bit pattern in exponent 127, so the test covers it).
//   - x <= -105.5: exp(x) < 2^-151, r too, both round to +0.
//   - clamping: exp(+-110) is finite in double and beyond both float32 limits, so x > 110 or
//     +inf gives +inf and x < -110 or -inf gives +0, as Math.exp does. NaN stays NaN through
//     every operation, and Math.exp(NaN) is NaN.
//   - tiny |x|: exp is within 2^-29 of 1, nowhere near a midpoint; the general argument holds.
//
// Sigmoid: JS computes s = 1/(1+E) with E = Math.exp(-x) in double. The fast path computes
// 1/(1+e) in double with the fast e (|e - E| < 2^-45 e). 1+e and 1+E then differ by
// < 2^-45 (1+e) plus one rounding each (2^-52 relative together), and the quotients by one more
// rounding each, so the fast s is within 2^-44.9 relative of JS's s, again < 2^8.1 ulps: the same
// midpoint test and fallback apply (sigmoid(x) is within a factor 1 + 2^-124 of exp(x) in the
// subnormal window of x, which is therefore the same as exp's). For x > 37.5 both 1+e and 1+E are exactly 1 (e, E < 2^-54),
// giving exactly 1.
//
// Vectorisation: the element loop has no branches; GCC auto-vectorises it (checked with
// -fopt-info-vec: 16-byte vectors in the generic variant, 32 in AVX2, 64 in AVX-512). With
// -ffp-contract=off GCC never fuses a*b+c on its own; the AVX2/AVX-512 variants use explicit
// __builtin_fma in the polynomial only, which changes r by a few 2^-53 at most, inside the
// budget above. The variant is chosen once per process with __builtin_cpu_supports
// (native/simd_dispatch.h, shared with tanh_log_f32.h). Elements are processed in chunks of
// TS__CHUNK: a vector pass writes the fast results, rounded to float, into a stack buffer and
// ORs the flags; only if some flag is set does a scalar pass recompute the chunk's fast values
// (same operations, so the same doubles and flags) and replace the flagged elements by the exact
// path; then the buffer is copied to y. x is read fully before y is written in each chunk, so
// x == y (in place) is fine; a partial overlap (y = x + d, 0 < |d| < n) is not supported.
#ifndef TS_EXP_F32_H
#define TS_EXP_F32_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "simd_dispatch.h"

// ---- exact scalar port of fdlibm __ieee754_exp as in V8 (src/base/ieee754.cc) --------------

static inline uint64_t ts__dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline double ts__bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static double ts__fdlibm_exp(double x) {
  static const double one = 1.0, halF[2] = {0.5, -0.5},
                      o_threshold = 7.09782712893383973096e+02, /* 0x40862E42, 0xFEFA39EF */
      u_threshold = -7.45133219101941108420e+02,                /* 0xc0874910, 0xD52D3051 */
      ln2HI[2] = {6.93147180369123816490e-01,                   /* 0x3fe62e42, 0xfee00000 */
                  -6.93147180369123816490e-01},                 /* 0xbfe62e42, 0xfee00000 */
      ln2LO[2] = {1.90821492927058770002e-10,                   /* 0x3dea39ef, 0x35793c76 */
                  -1.90821492927058770002e-10},                 /* 0xbdea39ef, 0x35793c76 */
      invln2 = 1.44269504088896338700e+00,                      /* 0x3ff71547, 0x652b82fe */
      P1 = 1.66666666666666019037e-01,                          /* 0x3FC55555, 0x5555553E */
      P2 = -2.77777777770155933842e-03,                         /* 0xBF66C16C, 0x16BEBD93 */
      P3 = 6.61375632143793436117e-05,                          /* 0x3F11566A, 0xAF25DE2C */
      P4 = -1.65339022054652515390e-06,                         /* 0xBEBBBD41, 0xC5D26BF1 */
      P5 = 4.13813679705723846039e-08,                          /* 0x3E663769, 0x72BEA4D0 */
      E = 2.718281828459045,                                    /* 0x4005bf0a, 0x8b145769 */
      huge = 1.0e+300, twom1000 = 9.33263618503218878990e-302, /* 2**-1000 */
      two1023 = 8.988465674311579539e307;                       /* 0x1p1023 */

  double y, hi = 0.0, lo = 0.0, c, t, twopk;
  int32_t k = 0, xsb;
  uint32_t hx;
  const uint64_t bx = ts__dbits(x);

  hx = (uint32_t)(bx >> 32);
  xsb = (int32_t)((hx >> 31) & 1); /* sign bit of x */
  hx &= 0x7FFFFFFF;                /* high word of |x| */

  /* filter out non-finite argument */
  if (hx >= 0x40862E42) { /* if |x|>=709.78... */
    if (hx >= 0x7FF00000) {
      uint32_t lx = (uint32_t)bx;
      if (((hx & 0xFFFFF) | lx) != 0)
        return x + x;              /* NaN */
      else
        return (xsb == 0) ? x : 0.0; /* exp(+-inf)={inf,0} */
    }
    if (x > o_threshold) return huge * huge;         /* overflow */
    if (x < u_threshold) return twom1000 * twom1000; /* underflow */
  }

  /* argument reduction */
  if (hx > 0x3FD62E42) {   /* if  |x| > 0.5 ln2 */
    if (hx < 0x3FF0A2B2) { /* and |x| < 1.5 ln2 */
      if (x == 1.0) return E; /* V8 special-cases exp(1) */
      hi = x - ln2HI[xsb];
      lo = ln2LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + halF[xsb]);
      t = k;
      hi = x - t * ln2HI[0]; /* t*ln2HI is exact here */
      lo = t * ln2LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {         /* when |x|<2**-28 */
    if (huge + x > one) return one + x; /* trigger inexact */
  } else {
    k = 0;
  }

  /* x is now in primary range */
  t = x * x;
  if (k >= -1021) {
    twopk = ts__bitsd((uint64_t)(0x3FF00000u + ((uint32_t)k << 20)) << 32);
  } else {
    twopk = ts__bitsd((uint64_t)(0x3FF00000u + ((uint32_t)(k + 1000) << 20)) << 32);
  }
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) {
    return one - ((x * c) / (c - 2.0) - x);
  } else {
    y = one - ((lo - (x * c) / (2.0 - c)) - hi);
  }
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  } else {
    return y * twopk * twom1000;
  }
}

// ---- fast branch-free double exp + ambiguity test (see the argument at the top) ------------

#define TS__CHUNK 512
// Ulps of the double result around a float32 midpoint. Bound above: 2^8. Measured (exp_bench
// survey, every float32 x in (-87, 88.7), plain and FMA variants): largest |r - R| 174 ulps for
// exp, 161 for sigmoid; 1.8e-6 / 2.4e-6 of those inputs flagged.
#define TS__TOL 2048

// 2^f on [-1/2, 1/2], degree-9 minimax for relative error (2^-46.06 with these doubles).
#define TS__C0 0x1.0000000000039p+0
#define TS__C1 0x1.62e42fefa3752p-1
#define TS__C2 0x1.ebfbdff81570dp-3
#define TS__C3 0x1.c6b08d70d2003p-5
#define TS__C4 0x1.3b2ab72a1098dp-7
#define TS__C5 0x1.5d87fd9011eeep-10
#define TS__C6 0x1.43088fca9a183p-13
#define TS__C7 0x1.ffce24611c0dap-17
#define TS__C8 0x1.63edf1058a76ep-20
#define TS__C9 0x1.b3f421492867dp-24

// r = fast exp(+-xf) for a float xf; NEG is 0 for exp(xf), 0x80000000u for exp(-xf). |xf| is
// clamped to 110 on the float's bits (integer selects vectorise on plain SSE2, where GCC will
// not if-convert a possibly trapping double comparison); NaN is left alone and stays NaN.
// MADD picks fused or plain multiply-add (TS_SIMD_MADD_FMA / TS_SIMD_MADD_PLAIN).
static inline float ts__clamp110(float xf, uint32_t neg) {
  uint32_t u;
  memcpy(&u, &xf, 4);
  u ^= neg;
  const uint32_t a = u & 0x7FFFFFFFu;
  u = (a > 0x42DC0000u && a <= 0x7F800000u) ? ((u & 0x80000000u) | 0x42DC0000u) : u; /* 110.0f */
  memcpy(&xf, &u, 4);
  return xf;
}
#define TS__FASTEXP(r, xc, xf, NEG, MADD)                                                 \
  do {                                                                                    \
    (xc) = ts__clamp110((xf), (NEG));                                                     \
    const double y_ = (double)(xc) * 0x1.71547652b82fep+0; /* log2(e) */                  \
    const double t_ = y_ + 0x1.8p52;                                                      \
    const double f_ = y_ - (t_ - 0x1.8p52);                                               \
    double p_ = TS__C9;                                                                   \
    p_ = MADD(p_, f_, TS__C8);                                                            \
    p_ = MADD(p_, f_, TS__C7);                                                            \
    p_ = MADD(p_, f_, TS__C6);                                                            \
    p_ = MADD(p_, f_, TS__C5);                                                            \
    p_ = MADD(p_, f_, TS__C4);                                                            \
    p_ = MADD(p_, f_, TS__C3);                                                            \
    p_ = MADD(p_, f_, TS__C2);                                                            \
    p_ = MADD(p_, f_, TS__C1);                                                            \
    p_ = MADD(p_, f_, TS__C0);                                                            \
    (r) = ts__bitsd(ts__dbits(p_) + (ts__dbits(t_) << 52)); /* p * 2^k, k in low bits */ \
  } while (0)

// Midpoint test: nonzero when double r's low 29 mantissa bits are within TS__TOL of
// 0x10000000, i.e. r is within TS__TOL ulps of a float32 midpoint of its binade. Two forms
// with the same result: 32-bit lanes (plain SSE2 has no 64-bit compare) and 64-bit lanes
// (no narrowing shuffles; AVX2 has vpcmpgtq).
static inline uint32_t ts__near_mid32(double r) {
  const uint32_t lo = (uint32_t)ts__dbits(r); /* low 32 bits hold the low 29 mantissa bits */
  return (uint32_t)((int32_t)((lo + (uint32_t)(TS__TOL - 0x10000000)) & 0x1FFFFFFFu) < 2 * TS__TOL);
}
static inline uint64_t ts__near_mid64(double r) {
  const uint64_t b = ts__dbits(r);
  return (uint64_t)((int64_t)((b + (uint64_t)(TS__TOL - 0x10000000)) & 0x1FFFFFFFu) < 2 * TS__TOL);
}

// Subnormal-output test, on the input x of both exp and sigmoid: exp(x) < 2^-125 needs
// x < -86.64, and x <= -105.5 gives exp(x) < 2^-151 (and a fast result that small), which
// rounds to +0 either way. sigmoid(x) = 1/(1+exp(-x)) lies within a factor (1 + 2^-124) of
// exp(x) for x < -86, so the same bounds hold for it. NaN: 0.
static inline uint32_t ts__tiny(float x) {
  return (uint32_t)(x < -86.5f) & (uint32_t)(x > -105.5f);
}

static inline double ts__exact_exp(float x) { return ts__fdlibm_exp((double)x); }
static inline double ts__exact_sigmoid(float x) { return 1.0 / (1.0 + ts__fdlibm_exp(-(double)x)); }

// The fast double of each function for a float xf (z_ receives the clamped argument, unused).
#define TS__FAST_EXP(v, xf, MADD)                           \
  do {                                                      \
    float z_;                                               \
    TS__FASTEXP((v), z_, (xf), 0u, MADD);                   \
  } while (0)
#define TS__FAST_SIGMOID(v, xf, MADD)                       \
  do {                                                      \
    double e_;                                              \
    float z_;                                               \
    TS__FASTEXP(e_, z_, (xf), 0x80000000u, MADD);           \
    (v) = 1.0 / (1.0 + e_);                                 \
  } while (0)

// Per chunk: vector pass (fast result rounded to float into o[], flags ORed), then, only if a
// flag is set, a scalar pass that recomputes the same fast values (same operations, so the same
// doubles and flags) and replaces the flagged elements by the exact path, then o[] is copied to
// y. x is only read before y is written, so x == y works.
#define TS__DEFINE_ONE(NAME, SUF, ATTR, MADD, NEARMID, FLAGT, FAST, EXACT)                 \
  ATTR static void ts__##NAME##_f32_##SUF(const float* x, float* y, size_t n) {           \
    float o[TS__CHUNK];                                                                   \
    for (size_t s = 0; s < n; s += TS__CHUNK) {                                           \
      const size_t m = n - s < TS__CHUNK ? n - s : TS__CHUNK;                             \
      const float* xs = x + s;                                                            \
      FLAGT amb = 0;                                                                      \
      uint32_t tiny = 0;                                                                  \
      for (size_t i = 0; i < m; i++) {                                                    \
        double v;                                                                         \
        FAST(v, xs[i], MADD);                                                             \
        o[i] = (float)v;                                                                  \
        amb |= NEARMID(v);                                                                \
        tiny |= ts__tiny(xs[i]);                                                          \
      }                                                                                   \
      if (amb | tiny) {                                                                   \
        for (size_t i = 0; i < m; i++) {                                                  \
          double v;                                                                       \
          FAST(v, xs[i], MADD);                                                           \
          if (NEARMID(v) | ts__tiny(xs[i])) o[i] = (float)EXACT(xs[i]);                   \
        }                                                                                 \
      }                                                                                   \
      memcpy(y + s, o, m * sizeof(float));                                                \
    }                                                                                     \
  }

#define TS__DEFINE_KERNELS(SUF, ATTR, MADD, NEARMID, FLAGT)                                     \
  TS__DEFINE_ONE(exp, SUF, ATTR, MADD, NEARMID, FLAGT, TS__FAST_EXP, ts__exact_exp)             \
  TS__DEFINE_ONE(sigmoid, SUF, ATTR, MADD, NEARMID, FLAGT, TS__FAST_SIGMOID, ts__exact_sigmoid)

TS__DEFINE_KERNELS(generic, , TS_SIMD_MADD_PLAIN, ts__near_mid32, uint32_t)

// The AVX2+FMA and AVX-512 variants and the choice between them: simd_dispatch.h.
#ifdef TS_SIMD_X86
#define TS__HAVE_AVX2_FMA 1
TS__DEFINE_KERNELS(avx2fma, TS_SIMD_ATTR_AVX2FMA, TS_SIMD_MADD_FMA, ts__near_mid64, uint64_t)
TS__DEFINE_KERNELS(avx512, TS_SIMD_ATTR_AVX512, TS_SIMD_MADD_FMA, ts__near_mid64, uint64_t)
#define TS__DISPATCH TS_SIMD_DISPATCH
#else
#define TS__DISPATCH TS_SIMD_DISPATCH_GENERIC
#endif

TS__DISPATCH(ts_exp_f32, ts__exp_f32)
TS__DISPATCH(ts_sigmoid_f32, ts__sigmoid_f32)

#endif  // TS_EXP_F32_H
