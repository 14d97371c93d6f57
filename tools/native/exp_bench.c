// Benchmark and error survey for native/exp_f32.h (not part of the addon).
//   gcc -O3 -ffp-contract=off -std=c11 tools/native/exp_bench.c -o /tmp/exp_bench -lm
//   /tmp/exp_bench bench    median µs per call on 2^20 floats uniform in [-8, 8]
//   /tmp/exp_bench survey   over every float32 x whose result is a normal float: the largest
//                           distance, in ulps of the fast double, between the fast double
//                           (before the fallback) and fdlibm's, and how many are flagged
#include "bench_common.h"

#include "../../native/exp_f32.h"

static double median_us(bench_kern k, const float* x, float* y, size_t n, int reps) {
  return 1e6 * bench_median_s(k, x, y, n, 5, reps);
}
BENCH_SCALAR(scalar_exp, ts__fdlibm_exp)
BENCH_SCALAR(scalar_sigmoid, ts__exact_sigmoid)

static double ulps(double r, double R) {  // |r - R| in ulps of r (r, R positive, normal)
  uint64_t b = ts__dbits(r);
  int e = (int)((b >> 52) & 0x7FF) - 1075;
  return fabs(r - R) / ldexp(1.0, e);
}

// Compiled for AVX2+FMA so that the FMA variant's __builtin_fma is an instruction; the plain
// variant's a*b+c is not fused (-ffp-contract=off), so it computes what the generic kernel does.
__attribute__((target("avx2,fma"))) static void survey(int fma) {
  double worst_e = 0, worst_s = 0;
  uint64_t flagged_e = 0, flagged_s = 0, ne = 0, ns = 0;
  for (uint64_t u = 0; u < (1ull << 32); u++) {
    uint32_t b = (uint32_t)u;
    float xf;
    memcpy(&xf, &b, 4);
    if (!(xf > -87.0f && xf < 88.7f)) continue;  // normal, finite float32 results (both)
    double r, e, s;
    float z;
#ifdef TS__HAVE_AVX2_FMA
    if (fma) {
      TS__FASTEXP(r, z, xf, 0u, TS_SIMD_MADD_FMA);
      TS__FASTEXP(e, z, xf, 0x80000000u, TS_SIMD_MADD_FMA);
      s = 1.0 / (1.0 + e);
    } else
#endif
    {
      TS__FASTEXP(r, z, xf, 0u, TS_SIMD_MADD_PLAIN);
      TS__FASTEXP(e, z, xf, 0x80000000u, TS_SIMD_MADD_PLAIN);
      s = 1.0 / (1.0 + e);
    }
    double d = ulps(r, ts__fdlibm_exp(xf));
    if (d > worst_e) worst_e = d;
    flagged_e += ts__near_mid64(r);
    ne++;
    d = ulps(s, ts__exact_sigmoid(xf));
    if (d > worst_s) worst_s = d;
    flagged_s += ts__near_mid64(s);
    ns++;
  }
  printf("%s: exp  max |fast-fdlibm| = %.1f ulps (TOL %d), flagged %llu of %llu (%.2e)\n",
         fma ? "fma  " : "plain", worst_e, TS__TOL, (unsigned long long)flagged_e,
         (unsigned long long)ne, (double)flagged_e / ne);
  printf("%s: sigm max |fast-exact|  = %.1f ulps (TOL %d), flagged %llu of %llu (%.2e)\n",
         fma ? "fma  " : "plain", worst_s, TS__TOL, (unsigned long long)flagged_s,
         (unsigned long long)ns, (double)flagged_s / ns);
}

int main(int argc, char** argv) {
  if (argc > 1 && !strcmp(argv[1], "survey")) {
    survey(argc > 2 && !strcmp(argv[2], "fma"));
    return 0;
  }
  const size_t n = 1 << 20;
  float* x = aligned_alloc(64, n * 4);
  float* y = aligned_alloc(64, n * 4);
  srand(12345);
  for (size_t i = 0; i < n; i++) x[i] = (float)(rand() / (double)RAND_MAX * 16.0 - 8.0);
  const int reps = 301;
  printf("variant picked: %d (2 AVX-512, 1 AVX2+FMA, 0 generic)\n", ts_simd_variant());
  printf("2^20 floats uniform in [-8,8], median of %d reps (µs per call)\n", reps);
  printf("  ts_exp_f32           %8.1f\n", median_us(ts_exp_f32, x, y, n, reps));
  printf("  ts_sigmoid_f32       %8.1f\n", median_us(ts_sigmoid_f32, x, y, n, reps));
  printf("  AVX2+FMA exp         %8.1f\n", median_us(ts__exp_f32_avx2fma, x, y, n, reps));
  printf("  AVX2+FMA sigmoid     %8.1f\n", median_us(ts__sigmoid_f32_avx2fma, x, y, n, reps));
  printf("  generic exp          %8.1f\n", median_us(ts__exp_f32_generic, x, y, n, reps));
  printf("  generic sigmoid      %8.1f\n", median_us(ts__sigmoid_f32_generic, x, y, n, reps));
  memcpy(y, x, n * 4);
  printf("  ts_exp_f32 in place  %8.1f\n", median_us(ts_exp_f32, y, y, n, reps));
  printf("  scalar fdlibm exp    %8.1f\n", median_us(scalar_exp, x, y, n, 21));
  printf("  scalar fdlibm sigm.  %8.1f\n", median_us(scalar_sigmoid, x, y, n, 21));
  return 0;
}
