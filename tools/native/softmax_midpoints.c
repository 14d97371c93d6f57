// Finds short float32 rows whose softmax or log_softmax outputs, as ts-torch's TypeScript lines
// compute them in double (softmaxLine / logSoftmaxLine of src/ops/softmax.ts, with V8 11.3's
// fdlibm exp and log, ported in native/exp_f32.h and native/tanh_log_f32.h), lie within 1 double
// ulp of a float32 rounding midpoint. Rounded to float32 such an output flips with almost any
// error in the computation (one ulp in one exp, one rounding in the sum), so these rows pin the
// native kernel's exactness (tests/backends/native_softmax.test.ts, 'rows with outputs at a
// float32 midpoint'). Prints each row as a JS array of float32 values (exact decimal), with the
// op, the output index and its distance (in double ulps; 0: an exact tie, rounded to even).
// mode 0: softmax outputs within 2 ulps, other than the max element's; 1: log_softmax outputs of magnitude >= 1/2 within 2 ulps
// (no cancellation); 2: exact ties of either (typically log_softmax of a row's max element, where
// v - lse is exact and short); 3: log_softmax outputs that would round differently were
// Math.log(total) replaced by the C library's log (where the two logs differ).
//   cc -std=c11 -O2 -ffp-contract=off -fno-math-errno -I <node include dir> tools/native/softmax_midpoints.c -lm
//   ./a.out [count] [seed] [mode]
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>

#include "../../native/softmax_f32.h"

static uint64_t st = 88172645463325252ull;
static uint64_t next(void) {
  st ^= st << 13;
  st ^= st >> 7;
  st ^= st << 17;
  return st;
}
static double unif(void) { return (double)(next() >> 11) / 9007199254740992.0; }

// Distance in double ulps from d to the nearest float32 midpoint of its binade (normal range).
static uint64_t mid_dist(double d) {
  const uint64_t lo = sm__dbits(d) & 0x1FFFFFFFu;
  return lo > 0x10000000u ? lo - 0x10000000u : 0x10000000u - lo;
}

int main(int argc, char** argv) {
  const int want = argc > 1 ? atoi(argv[1]) : 16;
  if (argc > 2) st ^= (uint64_t)atoll(argv[2]) * 0x9E3779B97F4A7C15ull;
  const int mode = argc > 3 ? atoi(argv[3]) : 0;
  int found = 0;
  float v[8];
  double e[8];
  while (found < want) {
    const int n = 2 + (int)(next() % 5);
    const double scale = (double)(1 + next() % 8);
    for (int i = 0; i < n; i++) v[i] = (float)((unif() - 0.5) * 2 * scale);
    double max = -INFINITY;
    for (int i = 0; i < n; i++) max = (double)v[i] > max ? (double)v[i] : max;
    double total = 0;
    for (int i = 0; i < n; i++) {
      e[i] = ts__fdlibm_exp((double)v[i] - max);
      total += e[i];
    }
    const double lse = tl__fdlibm_log(total) + max;
    if (mode == 3) {
      const double lse2 = log(total) + max;
      if (lse2 == lse) continue;
      for (int i = 0; i < n; i++) {
        if ((float)((double)v[i] - lse) == (float)((double)v[i] - lse2)) continue;
        printf("  ['log_softmax', %d, [", i);
        for (int j = 0; j < n; j++) printf("%s%.9g", j ? ", " : "", (double)v[j]);
        printf("]], // libm log differs\n");
        found++;
        break;
      }
      continue;
    }
    for (int isLog = 0; isLog < 2; isLog++) {
      if ((mode == 0 && isLog) || (mode == 1 && !isLog)) continue;
      for (int i = 0; i < n; i++) {
        const double o = isLog ? (double)v[i] - lse : e[i] / total;
        const uint64_t dist = mid_dist(o);
        if (fabs(o) < 0x1p-120 || (mode == 2 ? dist != 0 : dist > 2 || dist == 0)) continue;
        if (mode == 1 && fabs(o) < 0.5) continue;
        if (mode == 0 && e[i] == 1.0) continue; /* a row's max element: e / total is 1 / total */
        printf("  [%s, %d, [", isLog ? "'log_softmax'" : "'softmax'", i);
        for (int j = 0; j < n; j++) printf("%s%.9g", j ? ", " : "", (double)v[j]);
        printf("]], // %d ulp\n", (int)dist);
        found++;
        isLog = 2;
        break;
      }
    }
  }
  return 0;
}
