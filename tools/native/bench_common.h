// Timing helpers shared by the kernel benchmarks (exp_bench.c, tanh_log_bench.c; not part of the
// addon). Include it first: it asks for POSIX (clock_gettime) before any system header.
#ifndef TS_BENCH_COMMON_H
#define TS_BENCH_COMMON_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 199309L
#endif
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// The clock the benchmarks read: wall time by default; a benchmark may switch to
// CLOCK_THREAD_CPUTIME_ID, so that time the thread spent descheduled on a busy machine does not
// count.
static clockid_t bench_clock = CLOCK_MONOTONIC;

static double bench_now_s(void) {
  struct timespec ts;
  clock_gettime(bench_clock, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench_cmpd(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

typedef void (*bench_kern)(const float*, float*, size_t);

// Median time in seconds of reps calls k(x, y, n), after warmup untimed calls.
static double bench_median_s(bench_kern k, const float* x, float* y, size_t n, int warmup, int reps) {
  double* t = malloc(sizeof(double) * reps);
  for (int i = 0; i < warmup; i++) k(x, y, n);
  for (int r = 0; r < reps; r++) {
    double t0 = bench_now_s();
    k(x, y, n);
    t[r] = bench_now_s() - t0;
  }
  qsort(t, reps, sizeof(double), bench_cmpd);
  double m = t[reps / 2];
  free(t);
  return m;
}

// A kernel NAME(x, y, n) applying the exact scalar function EXACT element by element.
#define BENCH_SCALAR(NAME, EXACT)                                 \
  static void NAME(const float* x, float* y, size_t n) {          \
    for (size_t i = 0; i < n; i++) y[i] = (float)EXACT(x[i]);     \
  }

#endif  // TS_BENCH_COMMON_H
