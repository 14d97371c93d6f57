// simd_dispatch.h: CPU-variant selection shared by exp_f32.h and tanh_log_f32.h.
//
// Each of those headers compiles its element kernels three times from one macro body: a generic
// variant (whatever the build targets; SSE2 on x86-64), an AVX2+FMA variant and an AVX-512
// variant. The x86 variants are compiled with GCC's target attribute (TS_SIMD_ATTR_AVX2FMA,
// TS_SIMD_ATTR_AVX512) rather than -mavx2 / -mavx512f, so that the addon is built once and still
// loads on any x86-64 CPU; which variant runs is decided once per process with
// __builtin_cpu_supports (ts_simd_variant) and the public entry points (TS_SIMD_DISPATCH) branch
// on it.
//
// The generic variant multiplies and adds separately (TS_SIMD_MADD_PLAIN: the addon is built with
// -ffp-contract=off, so GCC never fuses a*b+c on its own); the x86 variants use explicit
// __builtin_fma (TS_SIMD_MADD_FMA) where the headers' error bounds allow it. Either way the
// element results are the same floats, which tools/native/verify_*.mjs check for every variant.
//
// The x86 variants need GCC (target attributes with "prefer-vector-width", __builtin_cpu_*), so
// TS_SIMD_X86 is only defined for GCC on x86-64; a header may narrow that further (tanh_log_f32.h
// also requires Linux). Without it, each header's entry points call the generic variant directly.
#ifndef TS_SIMD_DISPATCH_H
#define TS_SIMD_DISPATCH_H

#include <stddef.h>

#if defined(__GNUC__)
#define TS_SIMD_UNUSED __attribute__((unused))
#define TS_SIMD_NOINLINE __attribute__((noinline))
#else
#define TS_SIMD_UNUSED
#define TS_SIMD_NOINLINE
#endif

#define TS_SIMD_MADD_PLAIN(a, b, c) ((a) * (b) + (c))
#define TS_SIMD_MADD_FMA(a, b, c) __builtin_fma((a), (b), (c))

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TS_SIMD_X86 1
#define TS_SIMD_ATTR_AVX2FMA __attribute__((target("avx2,fma")))
// Same code for AVX-512 machines, with 512-bit vectors (fewer instructions, mask compares).
#define TS_SIMD_ATTR_AVX512                                             \
  __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,"  \
                        "prefer-vector-width=512")))
#endif

// 2: AVX-512 variant, 1: AVX2+FMA variant, 0: generic (always 0 without TS_SIMD_X86); decided
// on first use (a benign race: every thread computes the same value).
TS_SIMD_UNUSED static int ts_simd_variant(void) {
#ifdef TS_SIMD_X86
  static int state = -1;
  if (state < 0) {
    __builtin_cpu_init();
    const int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const int avx512 = avx2 && __builtin_cpu_supports("avx512f") &&
                       __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
                       __builtin_cpu_supports("avx512bw");
    state = avx512 ? 2 : avx2 ? 1 : 0;
  }
  return state;
#else
  return 0;
#endif
}

// Public entry point NAME(x, y, n) calling IMPL##_avx512, IMPL##_avx2fma or IMPL##_generic as
// ts_simd_variant() says. For headers that compiled all three variants.
#define TS_SIMD_DISPATCH(NAME, IMPL)                                    \
  TS_SIMD_UNUSED static void NAME(const float* x, float* y, size_t n) { \
    switch (ts_simd_variant()) {                                        \
      case 2: IMPL##_avx512(x, y, n); return;                           \
      case 1: IMPL##_avx2fma(x, y, n); return;                          \
      default: break;                                                   \
    }                                                                   \
    IMPL##_generic(x, y, n);                                            \
  }

// The same entry point where only the generic variant was compiled.
#define TS_SIMD_DISPATCH_GENERIC(NAME, IMPL)                            \
  TS_SIMD_UNUSED static void NAME(const float* x, float* y, size_t n) { \
    IMPL##_generic(x, y, n);                                            \
  }

// In place (x == y) and out of place both go straight to the variant: whether a kernel supports
// in-place use is its own property (documented in each header), the dispatch adds nothing.

#endif  // TS_SIMD_DISPATCH_H
