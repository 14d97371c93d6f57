// softmax_f32.h: float32 softmax / log_softmax along one dim, bit-identical to softmaxLine /
// logSoftmaxLine of src/ops/softmax.ts (which use V8 11.3's fdlibm Math.exp / Math.log: Note
// [verified engines] in src/backends/native/index.ts; src/backends/native/dispatch_softmax.ts only
// calls this where those are verified). Lines are rows (the last dim, `inner` = 1) or columns
// (lines `inner` elements apart, computed side by side).
//
// What the TypeScript computes for one row v[0..n) (n >= 1; float32 values promoted to double):
//   max   = Math.max(-Infinity, v[0], ..., v[n-1])          (NaN if any v is NaN)
//   e[i]  = Math.exp(v[i] - max)                            (double subtraction, fdlibm exp)
//   total = ((0 + e[0]) + e[1]) + ... + e[n-1]              (in order, double)
//   softmax:     o[i] = e[i] / total
//   log_softmax: o[i] = v[i] - (Math.log(total) + max)
//   then each o[i] is rounded to float32 (Float32Array.set).
//
// Design: no approximation anywhere, so no error bound and no ambiguity test are needed.
// ---------------------------------------------------------------------------------------
// (Why not a fast approximate exp plus a midpoint test, as exp_f32.h does? Here the exp feeds a
// sum before anything is rounded to float32. An approximate e' within 2^-45 e of fdlibm's e gives
// a total whose distance from the TypeScript's total is bounded only by 2^-45 T plus the two
// sums' own rounding errors, up to (n-1)*2^-53 T each (the roundings happen at different places
// once the terms differ): relative 2^-45 + 2n*2^-53, i.e. 2^12 ulps at n = 1000 and 2^18 at
// n = 10^5, so for long rows almost every row would fall within the window of some output and
// be recomputed. Reproducing fdlibm's exp exactly, in vector form, costs a division per element
// but makes every intermediate double equal to the TypeScript's; it measured ~3.5 cycles per
// element with AVX-512, and then the sum, the division and the log need no argument at all.)
//
// The slow part of the TypeScript is Math.exp. fdlibm's exp (ts__fdlibm_exp in exp_f32.h) is,
// for the arguments a softmax row produces (x = v - max in [-700, 0]), a fixed sequence of IEEE
// double operations chosen by three tests on the high word of |x|. SM__EXACT_EXP below evaluates
// every branch's operations (the same operations, in the same order, on the same constants; no
// FMA: the addon is built with -ffp-contract=off and nothing here calls fma) and selects the
// branch's result without branching, so GCC vectorises it (with -fno-trapping-math, as in
// tanh_log_f32.h) and it returns exactly fdlibm's double, hence exactly V8's Math.exp. The
// branches, for x <= 0 (x = v - max is never positive: max >= v and both are finite here):
//   hx = high word of |x|
//   hx >= 0x40862E42 (|x| >= 709.78) or x < -700 (incl. -inf): not handled by the vector code;
//     flagged, and those elements are recomputed with the scalar port ts__fdlibm_exp (this also
//     covers fdlibm's k < -1021 subnormal-result path, which needs x < -707.7).
//   hx > 0x3FD62E42 (|x| > ln2/2), "reduced":
//     hx < 0x3FF0A2B2: hi = x - ln2HI[1] (= x - (-1)*ln2HI), lo = ln2LO[1] (= (-1)*ln2LO), k = -1
//       (x < 0 so xsb = 1; (-1)*c is exact, so this is the general case with t = k = -1);
//     else k = (int32_t)(invln2*x + halF[1]) -- truncation toward zero of the double
//       y = invln2*x + (-0.5) <= -2 (x <= -1.0397 here), i.e. ceil(y), computed as
//       r = (y + 1.5*2^52) - 1.5*2^52 (y rounded to nearest, exact for |y| < 2^51) plus 1 where
//       r < y; t = k; hi = x - t*ln2HI[0]; lo = t*ln2LO[0]. (Lanes of other branches compute
//       these too, and their values are discarded.)
//     x' = hi - lo; y = 1 - ((lo - (x'*c)/(2.0 - c)) - hi); result y*2^k (k >= -1010 here, so
//     fdlibm's k >= -1021 branch; 2^k is built exactly from k's bits). To share one division
//     with the k = 0 branch, q = (x'*c)/(c - 2.0) is computed and lo + q used for
//     lo - (x'*c)/(2.0 - c): 2.0 - c = -(c - 2.0) exactly (c - 2.0 is never 0: |c| < 0.1), a
//     quotient's sign is that of its operands', and a - (-b) is by definition a + b.
//   hx < 0x3E300000 (|x| < 2^-28, incl. +-0): result 1 + x.
//   otherwise (k = 0): result 1 - ((x*c)/(c - 2.0) - x).
//   with t = x'*x' and c = x' - t*(P1 + t*(P2 + t*(P3 + t*(P4 + t*P5)))) in every branch.
// (x == 1.0 returning E never happens: x <= 0.)
// The sum is then the same doubles added in the same order (a serial chain per line; to hide the
// add latency, 8 rows are summed in lockstep, and columns one per vector lane, each line still
// strictly in order); the division,
// the fdlibm log (tl__fdlibm_log, tanh_log_f32.h, called once per row) and the subtraction are
// single IEEE operations, identical in both; (float)d rounds to nearest-even like Float32Array.
//
// Special rows (decided on the float values, before any exp):
//   a NaN anywhere, or max = +inf (inf - inf = NaN enters the sum), or max = -inf (every v is
//   -inf, -inf - -inf = NaN): the TypeScript's total (or max) is NaN and every output is NaN.
//   max = +-0: Math.max returns +0 when any element is +0; the C max is fixed up to match (the
//   sign of a zero max cannot change any output, but matching it costs nothing).
// Rows with some x < -700 (e.g. -inf elements, or a range beyond 700) only send those elements
// through the scalar port.
//
// Checks: tools/native/verify_softmax.ts compares SM__EXACT_EXP (every compiled variant) with
// Math.exp and tl__fdlibm_log with Math.log double for double, then the whole kernel with the
// TypeScript bit for bit on tens of millions of random elements; tests/backends/
// native_softmax.test.ts covers the edge cases and rows whose outputs sit at float32 midpoints
// (tools/native/softmax_midpoints.c). Timing: tools/native/softmax_bench.c, bench_softmax.ts.
#ifndef TS_SOFTMAX_F32_H
#define TS_SOFTMAX_F32_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exp_f32.h"
#include "simd_dispatch.h"
#include "tanh_log_f32.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")
#define SM__POP_OPTIONS 1
#endif

static inline uint64_t sm__dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline double sm__bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

// r = fdlibm exp(x) exactly, for -700 <= x <= 0 (see the top of the file).
#define SM__EXACT_EXP(r, x)                                                                  \
  do {                                                                                       \
    const double x_ = (x);                                                                   \
    const uint64_t hx_ = (sm__dbits(x_) >> 32) & 0x7FFFFFFFu;                                \
    const double y_ = 1.44269504088896338700e+00 * x_ + -0.5;                                \
    double k_ = (y_ + 0x1.8p52) - 0x1.8p52;                                                  \
    k_ = k_ < y_ ? k_ + 1.0 : k_;                                                            \
    k_ = hx_ < 0x3FF0A2B2u ? -1.0 : k_;                                                      \
    const double hi_ = x_ - k_ * 6.93147180369123816490e-01;                                 \
    const double lo_ = k_ * 1.90821492927058770002e-10;                                      \
    const int red_ = hx_ > 0x3FD62E42u;                                                      \
    const double xr_ = red_ ? hi_ - lo_ : x_;                                                \
    const double t_ = xr_ * xr_;                                                             \
    const double c_ = xr_ - t_ * (1.66666666666666019037e-01 +                               \
                                  t_ * (-2.77777777770155933842e-03 +                        \
                                        t_ * (6.61375632143793436117e-05 +                   \
                                              t_ * (-1.65339022054652515390e-06 +            \
                                                    t_ * 4.13813679705723846039e-08))));     \
    const double q_ = (xr_ * c_) / (c_ - 2.0);                                               \
    const double twopk_ = sm__bitsd(0x3FF0000000000000ull +                                  \
                                    (sm__dbits(k_ + 0x1.8p52) << 52));                       \
    const double rr_ = (1.0 - ((lo_ + q_) - hi_)) * twopk_;                                  \
    const double r0_ = 1.0 - (q_ - xr_);                                                     \
    (r) = hx_ < 0x3E300000u ? 1.0 + x_ : red_ ? rr_ : r0_;                                   \
  } while (0)

// The variant to run (simd_dispatch.h); tools/native/verify_softmax_addon.c overrides it to check
// every compiled variant.
#ifndef SM__VARIANT
#define SM__VARIANT() ts_simd_variant()
#endif

typedef float sm__v16f __attribute__((vector_size(64)));
typedef int32_t sm__v16i __attribute__((vector_size(64)));

// e[i] = exp(x[i] - mx) for a row; returns nonzero when some x[i] - mx < -700 (those e[i] are
// garbage and must be recomputed by the caller).
#define SM__DEFINE_EXP_ROW(SUF, ATTR)                                                      \
  ATTR static int sm__exp_row_##SUF(const float* x, size_t n, double mx, double* e) {      \
    int special = 0;                                                                       \
    for (size_t i = 0; i < n; i++) {                                                       \
      const double d = (double)x[i] - mx;                                                  \
      double r;                                                                            \
      SM__EXACT_EXP(r, d);                                                                 \
      e[i] = r;                                                                            \
      special |= !(d >= -700.0);                                                           \
    }                                                                                      \
    return special;                                                                        \
  }                                                                                        \
  ATTR static int sm__max_row_##SUF(const float* x, size_t n, float* out) {               \
    /* 16 partial maxima in a GCC vector (a max does not depend on the order; NaN is */   \
    /* tracked apart): p = v > p ? v : p lane by lane, as a bit select. */                  \
    sm__v16f p = {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY,        \
                  -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY,        \
                  -INFINITY, -INFINITY, -INFINITY, -INFINITY};                             \
    sm__v16i nn = {0};                                                                     \
    size_t i = 0;                                                                          \
    for (; i + 16 <= n; i += 16) {                                                         \
      sm__v16f v;                                                                          \
      memcpy(&v, x + i, sizeof v);                                                         \
      const sm__v16i gt = v > p;                                                           \
      p = (sm__v16f)(((sm__v16i)v & gt) | ((sm__v16i)p & ~gt));                            \
      nn |= v != v;                                                                        \
    }                                                                                      \
    float m = -INFINITY;                                                                   \
    int nan = 0;                                                                           \
    for (int j = 0; j < 16; j++) m = p[j] > m ? p[j] : m, nan |= nn[j] != 0;               \
    for (; i < n; i++) {                                                                   \
      const float v = x[i];                                                                \
      m = v > m ? v : m;                                                                   \
      nan |= v != v;                                                                       \
    }                                                                                      \
    *out = m;                                                                              \
    return nan;                                                                            \
  }                                                                                        \
  /* Column versions (lines with stride `inner`, W of them side by side): element i of line */ \
  /* w is xi[w] for xi = the i-th W-wide slice; mx, tot, lse per line. */                   \
  ATTR static void sm__max_cols_##SUF(const float* xi, size_t W, float* m, int32_t* nn) {  \
    for (size_t w = 0; w < W; w++) {                                                       \
      const float v = xi[w];                                                               \
      m[w] = v > m[w] ? v : m[w];                                                          \
      nn[w] |= v != v;                                                                     \
    }                                                                                      \
  }                                                                                        \
  ATTR static int sm__exp_cols_##SUF(const float* xi, size_t W, const double* mx, double* e) { \
    int special = 0;                                                                       \
    for (size_t w = 0; w < W; w++) {                                                       \
      const double d = (double)xi[w] - mx[w];                                              \
      double r;                                                                            \
      SM__EXACT_EXP(r, d);                                                                 \
      e[w] = r;                                                                            \
      special |= !(d >= -700.0);                                                           \
    }                                                                                      \
    return special;                                                                        \
  }                                                                                        \
  ATTR static void sm__add_cols_##SUF(const double* e, size_t W, double* tot) {            \
    for (size_t w = 0; w < W; w++) tot[w] += e[w];                                         \
  }                                                                                        \
  ATTR static void sm__out_cols_##SUF(int is_log, const float* xi, const double* e, size_t W, \
                                      const double* a, float* o) {                         \
    if (is_log)                                                                            \
      for (size_t w = 0; w < W; w++) o[w] = (float)((double)xi[w] - a[w]);                \
    else                                                                                   \
      for (size_t w = 0; w < W; w++) o[w] = (float)(e[w] / a[w]);                          \
  }                                                                                        \
  ATTR static void sm__div_row_##SUF(const double* e, size_t n, double total, float* o) { \
    for (size_t i = 0; i < n; i++) o[i] = (float)(e[i] / total);                           \
  }                                                                                        \
  ATTR static void sm__sub_row_##SUF(const float* x, size_t n, double lse, float* o) {     \
    for (size_t i = 0; i < n; i++) o[i] = (float)((double)x[i] - lse);                     \
  }

SM__DEFINE_EXP_ROW(generic, )
#ifdef TS_SIMD_X86
// Plain multiplies and adds in both: no FMA (it would change the values).
SM__DEFINE_EXP_ROW(avx2, __attribute__((target("avx2"))))
SM__DEFINE_EXP_ROW(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,prefer-vector-width=512"))))
#endif

static int sm__exp_row(const float* x, size_t n, double mx, double* e) {
#ifdef TS_SIMD_X86
  switch (SM__VARIANT()) {
    case 2: return sm__exp_row_avx512(x, n, mx, e);
    case 1: return sm__exp_row_avx2(x, n, mx, e);
    default: break;
  }
#endif
  return sm__exp_row_generic(x, n, mx, e);
}
static void sm__div_row(const double* e, size_t n, double total, float* o) {
#ifdef TS_SIMD_X86
  switch (SM__VARIANT()) {
    case 2: sm__div_row_avx512(e, n, total, o); return;
    case 1: sm__div_row_avx2(e, n, total, o); return;
    default: break;
  }
#endif
  sm__div_row_generic(e, n, total, o);
}
static void sm__sub_row(const float* x, size_t n, double lse, float* o) {
#ifdef TS_SIMD_X86
  switch (SM__VARIANT()) {
    case 2: sm__sub_row_avx512(x, n, lse, o); return;
    case 1: sm__sub_row_avx2(x, n, lse, o); return;
    default: break;
  }
#endif
  sm__sub_row_generic(x, n, lse, o);
}

// Math.max over the row as a double, or NaN (also for the rows the top of the file calls
// special: +-inf max). Returns 1 for an ordinary row (finite max).
static int sm__row_max(const float* x, size_t n, double* out) {
  float m;
  int nan;
#ifdef TS_SIMD_X86
  switch (SM__VARIANT()) {
    case 2: nan = sm__max_row_avx512(x, n, &m); break;
    case 1: nan = sm__max_row_avx2(x, n, &m); break;
    default: nan = sm__max_row_generic(x, n, &m); break;
  }
#else
  nan = sm__max_row_generic(x, n, &m);
#endif
  if (nan || isinf(m)) {
    *out = NAN;
    return 0;
  }
  if (m == 0.0f) {
    // Math.max(-0, +0) is +0: the max is +0 if any element is +0.
    m = -0.0f;
    for (size_t i = 0; i < n; i++)
      if (x[i] == 0.0f && !signbit(x[i])) m = 0.0f;
  }
  *out = (double)m;
  return 1;
}

// e[i] for one ordinary row: the vector exp, then the scalar port where it flagged.
static void sm__row_exp(const float* x, size_t n, double mx, double* e) {
  if (sm__exp_row(x, n, mx, e)) {
    for (size_t i = 0; i < n; i++) {
      const double d = (double)x[i] - mx;
      if (!(d >= -700.0)) {
        e[i] = ts__fdlibm_exp(d);
      }
    }
  }
}

// The in-order sum of each row's e (rows of n doubles at e + r*n), 8 rows at a time in lockstep.
static void sm__sums(const double* e, size_t n, size_t rows, double* totals) {
  size_t r = 0;
  for (; r + 8 <= rows; r += 8) {
    const double* b = e + r * n;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (size_t i = 0; i < n; i++) {
      s0 += b[i];
      s1 += b[n + i];
      s2 += b[2 * n + i];
      s3 += b[3 * n + i];
      s4 += b[4 * n + i];
      s5 += b[5 * n + i];
      s6 += b[6 * n + i];
      s7 += b[7 * n + i];
    }
    totals[r] = s0, totals[r + 1] = s1, totals[r + 2] = s2, totals[r + 3] = s3;
    totals[r + 4] = s4, totals[r + 5] = s5, totals[r + 6] = s6, totals[r + 7] = s7;
  }
  for (; r < rows; r++) {
    const double* b = e + r * n;
    double s = 0;
    for (size_t i = 0; i < n; i++) s += b[i];
    totals[r] = s;
  }
}

#define SM__GROUP 8

// rows rows of n floats from x (contiguous) into y (contiguous, not overlapping x unless y == x).
// Returns 0 on success, -1 when out of memory.
static int sm__softmax_rows(int is_log, const float* x, float* y, size_t rows, size_t n) {
  if (n == 0 || rows == 0) return 0;
  // 8 rows per group when their e fit comfortably in cache; otherwise one row at a time.
  const size_t g = n <= 8192 ? SM__GROUP : 1;
  double* e = (double*)malloc(g * n * sizeof(double));
  if (e == NULL) return -1;
  double mx[SM__GROUP], tot[SM__GROUP];
  int ok[SM__GROUP];
  for (size_t r0 = 0; r0 < rows; r0 += g) {
    const size_t m = rows - r0 < g ? rows - r0 : g;
    for (size_t j = 0; j < m; j++) {
      const float* xr = x + (r0 + j) * n;
      ok[j] = sm__row_max(xr, n, &mx[j]);
      if (ok[j]) {
        sm__row_exp(xr, n, mx[j], e + j * n);
      } else {
        for (size_t i = 0; i < n; i++) e[j * n + i] = 0; /* unused */
      }
    }
    sm__sums(e, n, m, tot);
    for (size_t j = 0; j < m; j++) {
      const float* xr = x + (r0 + j) * n;
      float* yr = y + (r0 + j) * n;
      if (!ok[j]) {
        for (size_t i = 0; i < n; i++) yr[i] = NAN;
      } else if (is_log) {
        sm__sub_row(xr, n, tl__fdlibm_log(tot[j]) + mx[j], yr);
      } else {
        sm__div_row(e + j * n, n, tot[j], yr);
      }
    }
  }
  free(e);
  return 0;
}

// Lines along a dim with `inner` > 1 elements after it: for each outer index, `inner` lines of n
// elements, element i of line b at x[i*inner + b]. Up to SM__COLS lines are done side by side,
// each step vectorised across lines (contiguous in memory); each line's sum is still added
// strictly in order (one lane per line), so every value is the one the TypeScript computes.
#define SM__COLS 256
#define SM__COL_VARIANT(FN, ARGS)                      \
  do {                                                 \
    switch (variant) {                                 \
      case 2: FN##_avx512 ARGS; break;                 \
      case 1: FN##_avx2 ARGS; break;                   \
      default: FN##_generic ARGS; break;               \
    }                                                  \
  } while (0)

static int sm__softmax_cols(int is_log, const float* x, float* y, size_t outer, size_t n, size_t inner) {
  if (n == 0 || outer == 0 || inner == 0) return 0;
#ifdef TS_SIMD_X86
  const int variant = SM__VARIANT();
#else
  const int variant = 0;
#define sm__max_cols_avx512 sm__max_cols_generic
#define sm__max_cols_avx2 sm__max_cols_generic
#define sm__exp_cols_avx512 sm__exp_cols_generic
#define sm__exp_cols_avx2 sm__exp_cols_generic
#define sm__add_cols_avx512 sm__add_cols_generic
#define sm__add_cols_avx2 sm__add_cols_generic
#define sm__out_cols_avx512 sm__out_cols_generic
#define sm__out_cols_avx2 sm__out_cols_generic
#endif
  // W0 lines side by side, their e (n doubles each) in a buffer of at most ~8 MiB (or one line).
  size_t W0 = inner < SM__COLS ? inner : SM__COLS;
  if (W0 > ((size_t)1 << 20) / n) W0 = ((size_t)1 << 20) / n > 0 ? ((size_t)1 << 20) / n : 1;
  double* e = (double*)malloc(n * W0 * sizeof(double));
  if (e == NULL) return -1;
  float m[SM__COLS];
  int32_t nn[SM__COLS];
  double mx[SM__COLS], tot[SM__COLS];
  int ok[SM__COLS];
  for (size_t a = 0; a < outer; a++) {
    const float* xa = x + a * n * inner;
    float* ya = y + a * n * inner;
    for (size_t b0 = 0; b0 < inner; b0 += W0) {
      const size_t W = inner - b0 < W0 ? inner - b0 : W0;
      for (size_t w = 0; w < W; w++) m[w] = -INFINITY, nn[w] = 0, tot[w] = 0;
      for (size_t i = 0; i < n; i++) SM__COL_VARIANT(sm__max_cols, (xa + i * inner + b0, W, m, nn));
      for (size_t w = 0; w < W; w++) {
        ok[w] = !nn[w] && !isinf(m[w]);
        if (ok[w] && m[w] == 0.0f) {
          // Math.max(-0, +0) is +0: the max is +0 if any element is +0.
          m[w] = -0.0f;
          for (size_t i = 0; i < n; i++) {
            const float v = xa[i * inner + b0 + w];
            if (v == 0.0f && !signbit(v)) m[w] = 0.0f;
          }
        }
        mx[w] = ok[w] ? (double)m[w] : 0.0; /* a line that is not ok only gets NaN below */
      }
      for (size_t i = 0; i < n; i++) {
        const float* xi = xa + i * inner + b0;
        double* ei = e + i * W;
        int sp;
        SM__COL_VARIANT(sp = sm__exp_cols, (xi, W, mx, ei));
        if (sp)
          for (size_t w = 0; w < W; w++) {
            const double d = (double)xi[w] - mx[w];
            if (ok[w] && !(d >= -700.0)) ei[w] = ts__fdlibm_exp(d);
          }
        SM__COL_VARIANT(sm__add_cols, (ei, W, tot));
      }
      if (is_log)
        for (size_t w = 0; w < W; w++) tot[w] = tl__fdlibm_log(tot[w]) + mx[w];
      for (size_t i = 0; i < n; i++)
        SM__COL_VARIANT(sm__out_cols, (is_log, xa + i * inner + b0, e + i * W, W, tot, ya + i * inner + b0));
      for (size_t w = 0; w < W; w++)
        if (!ok[w])
          for (size_t i = 0; i < n; i++) ya[i * inner + b0 + w] = NAN;
    }
  }
  free(e);
  return 0;
}

// softmax_f32(isLog, x, offset, n, inner, out): out = softmax (isLog false) or log_softmax of x's
// lines of n elements, dense from x[offset] with `inner` elements after the softmax dim (1: rows);
// out.length / (n*inner) outer blocks; out must not overlap x.
static napi_value softmax_f32(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value args[6], buf;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  bool is_log;
  double off, nd, innerd;
  float *x, *out;
  size_t xlen, olen, boff;
  napi_typedarray_type tx, to;
  if (argc != 6 || napi_get_value_bool(env, args[0], &is_log) != napi_ok ||
      napi_get_typedarray_info(env, args[1], &tx, &xlen, (void**)&x, &buf, &boff) != napi_ok || tx != napi_float32_array ||
      napi_get_value_double(env, args[2], &off) != napi_ok || napi_get_value_double(env, args[3], &nd) != napi_ok ||
      napi_get_value_double(env, args[4], &innerd) != napi_ok ||
      napi_get_typedarray_info(env, args[5], &to, &olen, (void**)&out, &buf, &boff) != napi_ok || to != napi_float32_array) {
    napi_throw_error(env, NULL, "softmax_f32: bad arguments");
    return NULL;
  }
  if (!(nd >= 1) || nd > 9e15 || nd != (double)(size_t)nd || !(innerd >= 1) || innerd > 9e15 ||
      innerd != (double)(size_t)innerd || !(off >= 0) || off > 9e15 || off != (double)(size_t)off ||
      olen % ((size_t)nd * (size_t)innerd) != 0 || (size_t)off + olen > xlen || (x < out + olen && out < x + xlen)) {
    napi_throw_error(env, NULL, "softmax_f32: bad line length, view out of bounds or overlapping output");
    return NULL;
  }
  const size_t n = (size_t)nd, inner = (size_t)innerd;
  const int r = inner == 1 ? sm__softmax_rows(is_log, x + (size_t)off, out, olen / n, n)
                           : sm__softmax_cols(is_log, x + (size_t)off, out, olen / (n * inner), n, inner);
  if (r != 0) napi_throw_error(env, NULL, "softmax_f32: out of memory");
  return NULL;
}

#define SOFTMAX_KERNEL_PROPS {"softmax_f32", NULL, softmax_f32, NULL, NULL, NULL, napi_default, NULL},

#ifdef SM__POP_OPTIONS
#pragma GCC pop_options
#undef SM__POP_OPTIONS
#endif

#endif  // TS_SOFTMAX_F32_H
