// Times native/softmax_f32.h's row kernel on 1000x1000 random float32 rows (median of 21 runs):
//   cc -std=c11 -O3 -ffp-contract=off -fno-math-errno -I <node include dir> tools/native/softmax_bench.c -lm
#define _POSIX_C_SOURCE 199309L
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "../../native/softmax_f32.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}
static int cmp(const void* a, const void* b) { double x = *(const double*)a, y = *(const double*)b; return x < y ? -1 : x > y; }

int main(void) {
  const size_t rows = 1000, n = 1000;
  float* x = malloc(rows * n * sizeof(float));
  float* y = malloc(rows * n * sizeof(float));
  uint64_t s = 12345;
  for (size_t i = 0; i < rows * n; i++) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    x[i] = (float)((double)(s >> 11) / 9007199254740992.0 * 6.0 - 3.0);
  }
  for (int is_log = 0; is_log < 2; is_log++) {
    double t[21];
    for (int k = 0; k < 21; k++) {
      const double a = now();
      sm__softmax_rows(is_log, x, y, rows, n);
      t[k] = now() - a;
    }
    qsort(t, 21, sizeof(double), cmp);
    printf("%s: %.3f ms (variant %d)\n", is_log ? "log_softmax" : "softmax", t[10], ts_simd_variant());
  }
  return 0;
}
