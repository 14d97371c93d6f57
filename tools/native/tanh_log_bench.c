// Benchmark and error survey for native/tanh_log_f32.h (not part of the addon).
//   gcc -O3 -ffp-contract=off -fno-math-errno -std=c11 tools/native/tanh_log_bench.c
//       -o /tmp/tanh_log_bench -lm
//   /tmp/tanh_log_bench bench [reps]  median ms per call on 2^20 floats (tanh: uniform in [-5, 5];
//                                     log: uniform in (0, 10]), for the dispatching entry points,
//                                     each variant, and the exact scalar ports
//   /tmp/tanh_log_bench survey        over every float32 x with a finite, nonzero result (tanh:
//                                     |x| <= 9.1; beyond, where the fast path clamps |x| to 10,
//                                     it checks that both results round to 1): the largest
//                                     distance, in ulps of the fast double, between the fast double
//                                     (before the fallback) and fdlibm's, and how many elements are
//                                     flagged, for the generic and the FMA variant
#include "bench_common.h"

#include "../../native/tanh_log_f32.h"

static double median_ms(bench_kern k, const float* x, float* y, size_t n, int reps) {
  return 1e3 * bench_median_s(k, x, y, n, 3, reps);
}
BENCH_SCALAR(scalar_tanh, tl__fdlibm_tanh)
BENCH_SCALAR(scalar_log, tl__fdlibm_log)

static double ulps(double r, double R) {  // |r - R| in ulps of r (r normal, nonzero)
  int e;
  frexp(r, &e);
  return fabs(r - R) / ldexp(1.0, e - 53);
}

#define SURVEY_FN(SUF, ATTR, MADD)                                                        \
  ATTR static void survey_##SUF(void) {                                                   \
    double wt = 0, wl = 0;                                                                \
    uint64_t ft = 0, fl = 0, bad1 = 0;                                                    \
    for (uint64_t u = 0; u < (1ull << 32); u++) {                                         \
      float xf = tl__bitsf((uint32_t)u);                                                  \
      double r, R;                                                                        \
      TL__FASTTANH(r, xf, MADD);                                                          \
      R = fabs(tl__fdlibm_tanh((double)xf));                                              \
      if (fabsf(xf) > 9.1f) {                 /* clamped to 10: both must round to 1 */  \
        if (xf == xf && ((float)r != 1.0f || (float)R != 1.0f)) bad1++;                   \
      } else if (r == r && fabs(r) >= 0x1p-126) {                                         \
        double d = ulps(r, R);                                                            \
        if (d > wt) wt = d;                                                               \
      }                                                                                   \
      ft += TL__NEAR_MID(r, TL_TANH_TOL) != 0;                                            \
      TL__FASTLOG(r, xf, MADD);                                                           \
      R = tl__fdlibm_log((double)xf);                                                     \
      if (r == r && r != 0 && fabs(r) < INFINITY) {                                       \
        double d = ulps(r, R);                                                            \
        if (d > wl) wl = d;                                                               \
      }                                                                                   \
      fl += TL__NEAR_MID(r, TL_LOG_TOL) != 0;                                             \
    }                                                                                     \
    printf("%-8s tanh: max |fast - fdlibm| = %.1f ulps (TOL %d) for |x| <= 9.1, flagged %llu " \
           "of 2^32; |x| > 9.1 not both rounding to 1: %llu\n",                            \
           #SUF, wt, TL_TANH_TOL, (unsigned long long)ft, (unsigned long long)bad1);      \
    printf("%-8s log:  max |fast - fdlibm| = %.1f ulps (TOL %d), flagged %llu of 2^32\n", \
           #SUF, wl, TL_LOG_TOL, (unsigned long long)fl);                                 \
    fflush(stdout);                                                                       \
  }
SURVEY_FN(generic, , TS_SIMD_MADD_PLAIN)
#ifdef TL__HAVE_X86_VARIANTS
SURVEY_FN(fma, TS_SIMD_ATTR_AVX2FMA, TS_SIMD_MADD_FMA)
#endif

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "bench";
  if (!strcmp(mode, "survey")) {
    survey_generic();
#ifdef TL__HAVE_X86_VARIANTS
    if (ts_simd_variant() >= 1) survey_fma();
#endif
    return 0;
  }
  int reps = argc > 2 ? atoi(argv[2]) : 200;
  // Thread CPU time, not wall time: on a busy machine the time this thread was descheduled does
  // not count (set TL_BENCH_WALL=1 for wall time).
  if (!getenv("TL_BENCH_WALL")) bench_clock = CLOCK_THREAD_CPUTIME_ID;
  const size_t n = 1u << 20;
  float* xt = malloc(n * 4);
  float* xl = malloc(n * 4);
  float* y = malloc(n * 4);
  srand(1);
  for (size_t i = 0; i < n; i++) {
    double u = (rand() + 0.5) / ((double)RAND_MAX + 1.0);
    xt[i] = (float)(-5.0 + 10.0 * u);
    xl[i] = (float)(10.0 * u);
  }
  struct { const char* name; bench_kern k; const float* x; } ks[] = {
    {"tanh", ts_tanh_f32, xt}, {"tanh generic", tl__tanh_f32_generic, xt},
#ifdef TL__HAVE_X86_VARIANTS
    {"tanh avx2+fma", tl__tanh_f32_avx2fma, xt}, {"tanh avx512", tl__tanh_f32_avx512, xt},
#endif
    {"tanh scalar fdlibm", scalar_tanh, xt},
    {"log", ts_log_f32, xl}, {"log generic", tl__log_f32_generic, xl},
#ifdef TL__HAVE_X86_VARIANTS
    {"log avx2+fma", tl__log_f32_avx2fma, xl}, {"log avx512", tl__log_f32_avx512, xl},
#endif
    {"log scalar fdlibm", scalar_log, xl},
  };
#ifdef TL__HAVE_X86_VARIANTS
  printf("variant %d (2 avx512, 1 avx2+fma, 0 generic)\n", ts_simd_variant());
#endif
  for (size_t j = 0; j < sizeof ks / sizeof ks[0]; j++) {
    if (strstr(ks[j].name, "avx512") && ts_simd_variant() < 2) continue;
    if (strstr(ks[j].name, "avx2") && ts_simd_variant() < 1) continue;
    double ms = median_ms(ks[j].k, ks[j].x, y, n, strstr(ks[j].name, "scalar") ? reps / 10 + 1 : reps);
    printf("%-20s %.3f ms per 2^20 floats\n", ks[j].name, ms);
  }
  return 0;
}
