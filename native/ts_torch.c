// ts-torch's native kernels (Node only): float32 loops that GCC vectorises, run zero-copy on the
// GC-owned TypedArrays that hold tensor storage. They only compute: shapes, dtypes, layouts and
// gradients are decided in TypeScript, which calls these through src/backends/native/ only when
// the addon loaded, and falls back to the TypeScript kernels otherwise (browsers, no compiler).
//
// Every kernel returns exactly the values of the TypeScript kernel it stands in for
// (src/backends/cpu.ts): float32 + - * / are correctly rounded in both (a double-precision
// result rounded once to float32 equals the float32 operation), sums add in double in the same
// order (Note [float32 sums] in cpu.ts), and exp/sigmoid/tanh/log go through ./exp_f32.h and
// ./tanh_log_f32.h, checked bit for bit against V8's Math.exp/tanh/log over every float32
// (tools/native/verify_exp.mjs, verify_tanh_log.mjs; Note [verified engines] in
// src/backends/native/index.ts).
// Built with -ffp-contract=off: no fused multiply-adds, which would change values.
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <string.h>

#include "exp_f32.h"
#include "tanh_log_f32.h"
#include "softmax_f32.h"

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
// One copy of each hot loop for AVX2 machines and one for any x86-64, picked at load time.
#define HOT __attribute__((target_clones("avx2", "default")))
#else
#define HOT
#endif

#define MAX_DIMS 16

enum { OP_ADD = 0, OP_SUB = 1, OP_MUL = 2, OP_DIV = 3 };

// ---- binary: out[k] = a[...] op b[...], out dense in the iteration order --------------------

#define INNER_LOOPS(OPER)                                                              \
  if (as == 1 && bs == 1) {                                                            \
    for (ptrdiff_t j = 0; j < m; j++) o[j] = a[j] OPER b[j];                           \
  } else if (as == 1 && bs == 0) {                                                     \
    const float y = b[0];                                                              \
    for (ptrdiff_t j = 0; j < m; j++) o[j] = a[j] OPER y;                              \
  } else if (as == 0 && bs == 1) {                                                     \
    const float x = a[0];                                                              \
    for (ptrdiff_t j = 0; j < m; j++) o[j] = x OPER b[j];                              \
  } else {                                                                             \
    for (ptrdiff_t j = 0; j < m; j++) o[j] = a[j * as] OPER b[j * bs];                 \
  }

HOT static void inner_add(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t m) { INNER_LOOPS(+) }
HOT static void inner_sub(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t m) { INNER_LOOPS(-) }
HOT static void inner_mul(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t m) { INNER_LOOPS(*) }
HOT static void inner_div(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t m) { INNER_LOOPS(/) }

typedef void (*inner_fn)(const float*, ptrdiff_t, const float*, ptrdiff_t, float*, ptrdiff_t);

// Note [streaming stores]: an op's output is new memory that no cache holds (V8 frees tensors
// late, so it is rarely the memory just freed). Ordinary stores first read every line of it
// from DRAM; non-temporal stores write it without that read. Outputs of at least STREAM_MIN
// bytes (bigger than L2, so they would leave the fast caches anyway) are computed a block at a
// time into a small buffer and streamed out. Values are unchanged: only where they are stored.
#define STREAM_MIN (2 << 20)
#define STREAM_BLOCK 1024

static void stream_copy(float* dst, const float* src, ptrdiff_t n) {
#if defined(__x86_64__)
  ptrdiff_t i = 0;
  while (i < n && ((uintptr_t)(dst + i) & 15) != 0) {
    dst[i] = src[i];
    i++;
  }
  for (; i + 4 <= n; i += 4) _mm_stream_ps(dst + i, _mm_loadu_ps(src + i));
  for (; i < n; i++) dst[i] = src[i];
#else
  memcpy(dst, src, (size_t)n * sizeof(float));
#endif
}

static void stream_fence(void) {
#if defined(__x86_64__)
  _mm_sfence();
#endif
}

/** f over one row, through the streaming buffer (Note [streaming stores]). */
static void inner_streamed(inner_fn f, const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t m) {
  float buf[STREAM_BLOCK] __attribute__((aligned(64)));
  for (ptrdiff_t j = 0; j < m; j += STREAM_BLOCK) {
    ptrdiff_t c = m - j < STREAM_BLOCK ? m - j : STREAM_BLOCK;
    f(a + j * as, as, b + j * bs, bs, buf, c);
    stream_copy(o + j, buf, c);
  }
}

static napi_value throw_error(napi_env env, const char* msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

static int get_f32(napi_env env, napi_value v, float** data, size_t* len) {
  napi_typedarray_type type;
  napi_value buf;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, (void**)data, &buf, &off) != napi_ok) return 0;
  return type == napi_float32_array;
}

static int get_f64(napi_env env, napi_value v, double** data, size_t* len) {
  napi_typedarray_type type;
  napi_value buf;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, (void**)data, &buf, &off) != napi_ok) return 0;
  return type == napi_float64_array;
}

// The largest element index a view reaches, or -1 when it has a negative stride or offset.
static ptrdiff_t view_extent(int nd, const ptrdiff_t* shape, const ptrdiff_t* stride, ptrdiff_t off) {
  if (off < 0) return -1;
  ptrdiff_t hi = off;
  for (int d = 0; d < nd; d++) {
    if (stride[d] < 0) return -1;
    hi += (shape[d] - 1) * stride[d];
  }
  return hi;
}

// binary_f32(op, a, b, out, meta): meta = [ndim, aOffset, bOffset, shape..., aStride..., bStride...]
// in elements. out is dense over `shape` (row-major); a and b are already broadcast to it.
static napi_value binary_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  int32_t op;
  float *a, *b, *out;
  double* meta;
  size_t alen, blen, olen, mlen;
  if (argc != 5 || napi_get_value_int32(env, args[0], &op) != napi_ok || !get_f32(env, args[1], &a, &alen) ||
      !get_f32(env, args[2], &b, &blen) || !get_f32(env, args[3], &out, &olen) || !get_f64(env, args[4], &meta, &mlen))
    return throw_error(env, "binary_f32: bad arguments");
  int nd = (int)meta[0];
  if (nd < 1 || nd > MAX_DIMS || mlen != (size_t)(3 + 3 * nd) || op < OP_ADD || op > OP_DIV)
    return throw_error(env, "binary_f32: bad meta");
  ptrdiff_t shape[MAX_DIMS], as[MAX_DIMS], bs[MAX_DIMS];
  ptrdiff_t numel = 1;
  for (int d = 0; d < nd; d++) {
    shape[d] = (ptrdiff_t)meta[3 + d];
    as[d] = (ptrdiff_t)meta[3 + nd + d];
    bs[d] = (ptrdiff_t)meta[3 + 2 * nd + d];
    if (shape[d] <= 0) return throw_error(env, "binary_f32: empty shape");
    numel *= shape[d];
  }
  ptrdiff_t aoff = (ptrdiff_t)meta[1], boff = (ptrdiff_t)meta[2];
  ptrdiff_t ahi = view_extent(nd, shape, as, aoff), bhi = view_extent(nd, shape, bs, boff);
  if (ahi < 0 || bhi < 0 || (size_t)ahi >= alen || (size_t)bhi >= blen || (size_t)numel != olen)
    return throw_error(env, "binary_f32: view out of bounds");
  // Merge dims that walk both operands as one (row-major neighbours with matching strides).
  int m = 0;
  for (int d = 0; d < nd; d++) {
    if (shape[d] == 1) continue;
    if (m > 0 && as[m - 1] == as[d] * shape[d] && bs[m - 1] == bs[d] * shape[d]) {
      shape[m - 1] *= shape[d];
      as[m - 1] = as[d];
      bs[m - 1] = bs[d];
    } else {
      shape[m] = shape[d];
      as[m] = as[d];
      bs[m] = bs[d];
      m++;
    }
  }
  if (m == 0) {
    shape[0] = 1;
    as[0] = bs[0] = 0;
    m = 1;
  }
  inner_fn f = op == OP_ADD ? inner_add : op == OP_SUB ? inner_sub : op == OP_MUL ? inner_mul : inner_div;
  ptrdiff_t inner = shape[m - 1], ai = as[m - 1], bi = bs[m - 1];
  ptrdiff_t counter[MAX_DIMS] = {0};
  const float* pa = a + aoff;
  const float* pb = b + boff;
  const int stream = (size_t)numel * sizeof(float) >= STREAM_MIN;
  for (ptrdiff_t k = 0; k < numel; k += inner) {
    if (stream) inner_streamed(f, pa, ai, pb, bi, out + k, inner);
    else f(pa, ai, pb, bi, out + k, inner);
    int d = m - 2;
    while (d >= 0) {
      pa += as[d];
      pb += bs[d];
      if (++counter[d] < shape[d]) break;
      pa -= counter[d] * as[d];
      pb -= counter[d] * bs[d];
      counter[d] = 0;
      d--;
    }
  }
  if (stream) stream_fence();
  return NULL;
}

// ---- unary: exp and sigmoid over a dense run -------------------------------------------------

// Correctly rounded in float32 and in double-then-float32 alike, so equal to the TypeScript
// kernels NEG, Math.sqrt, RECIPROCAL, RELU and Math.abs of src/backends/cpu.ts.
HOT static void neg_f32(const float* x, float* y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = -x[i]; }
HOT static void sqrt_f32(const float* x, float* y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = __builtin_sqrtf(x[i]); }
HOT static void reciprocal_f32(const float* x, float* y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = 1.0f / x[i]; }
// RELU: x > 0 ? x : (NaN stays NaN, everything else, −0 included, becomes +0).
HOT static void relu_f32(const float* x, float* y, size_t n) {
  for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : (x[i] == x[i] ? 0.0f : x[i]);
}
HOT static void abs_f32(const float* x, float* y, size_t n) { for (size_t i = 0; i < n; i++) y[i] = __builtin_fabsf(x[i]); }

// unary_f32(which, x, xOffset, out): out[i] = f(x[xOffset + i]) for every element of out;
// which: 0 exp, 1 sigmoid, 2 neg, 3 sqrt, 4 reciprocal, 5 relu, 6 abs, 7 tanh, 8 log.
static napi_value unary_f32(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  int32_t which;
  double off;
  float *x, *out;
  size_t xlen, olen;
  if (argc != 4 || napi_get_value_int32(env, args[0], &which) != napi_ok || !get_f32(env, args[1], &x, &xlen) ||
      napi_get_value_double(env, args[2], &off) != napi_ok || !get_f32(env, args[3], &out, &olen))
    return throw_error(env, "unary_f32: bad arguments");
  if (off < 0 || (size_t)off + olen > xlen) return throw_error(env, "unary_f32: view out of bounds");
  const float* in = x + (size_t)off;
  if (which >= 2 && which <= 6 && olen * sizeof(float) >= STREAM_MIN) {
    // Memory-bound kernels: Note [streaming stores].
    float buf[STREAM_BLOCK] __attribute__((aligned(64)));
    void (*f)(const float*, float*, size_t) = which == 2 ? neg_f32 : which == 3 ? sqrt_f32 : which == 4 ? reciprocal_f32 : which == 5 ? relu_f32 : abs_f32;
    for (size_t j = 0; j < olen; j += STREAM_BLOCK) {
      size_t c = olen - j < STREAM_BLOCK ? olen - j : STREAM_BLOCK;
      f(in + j, buf, c);
      stream_copy(out + j, buf, (ptrdiff_t)c);
    }
    stream_fence();
    return NULL;
  }
  switch (which) {
    case 0: ts_exp_f32(in, out, olen); break;
    case 1: ts_sigmoid_f32(in, out, olen); break;
    case 2: neg_f32(in, out, olen); break;
    case 3: sqrt_f32(in, out, olen); break;
    case 4: reciprocal_f32(in, out, olen); break;
    case 5: relu_f32(in, out, olen); break;
    case 6: abs_f32(in, out, olen); break;
    case 7: ts_tanh_f32(in, out, olen); break;
    case 8: ts_log_f32(in, out, olen); break;
    default: return throw_error(env, "unary_f32: bad kernel");
  }
  return NULL;
}

// ---- sums ------------------------------------------------------------------------------------

// Note [float32 sums] (src/backends/cpu.ts): eight double accumulators, element j going to
// accumulator j % 8 while eight remain, combined pairwise, then the rest added in order.
HOT static double sum_run_f32(const float* x, ptrdiff_t n) {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  ptrdiff_t n8 = n - (n & 7), i = 0;
  for (; i < n8; i += 8)
    for (int j = 0; j < 8; j++) s[j] += (double)x[i + j];
  double r = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  for (; i < n; i++) r += (double)x[i];
  return r;
}

// sum_runs_f32(x, offset, count, acc): acc[o] = the sum of x[offset + o*count .. +count).
static napi_value sum_runs_f32(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float* x;
  double *acc, off, count;
  size_t xlen, alen;
  if (argc != 4 || !get_f32(env, args[0], &x, &xlen) || napi_get_value_double(env, args[1], &off) != napi_ok ||
      napi_get_value_double(env, args[2], &count) != napi_ok || !get_f64(env, args[3], &acc, &alen))
    return throw_error(env, "sum_runs_f32: bad arguments");
  if (off < 0 || count < 0 || off + count * (double)alen > (double)xlen) return throw_error(env, "sum_runs_f32: view out of bounds");
  const float* p = x + (size_t)off;
  for (size_t o = 0; o < alen; o++, p += (size_t)count) acc[o] = sum_run_f32(p, (ptrdiff_t)count);
  return NULL;
}

// One output's eight accumulators, slot k at k*m + o, combined as in sum_run_f32.
static double combine_slots(const double* s, ptrdiff_t m, ptrdiff_t o) {
  return ((s[o] + s[m + o]) + (s[2 * m + o] + s[3 * m + o])) + ((s[4 * m + o] + s[5 * m + o]) + (s[6 * m + o] + s[7 * m + o]));
}

HOT static void add_run_f64(double* acc, const float* p, ptrdiff_t m) {
  for (ptrdiff_t o = 0; o < m; o++) acc[o] += (double)p[o];
}

// sum_lockstep_f32(x, starts, partial, total): `total` has m outputs, each summing the
// elements x[starts[j] + o] for j = 0 .. count-1 in that order (Note [float32 sums]); every
// reduced position j adds a contiguous run of m floats into the accumulators at once.
// `partial` (8*m doubles, zeroed) holds the eight accumulators.
static napi_value sum_lockstep_f32(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float* x;
  double *starts, *partial, *total;
  size_t xlen, count, plen, m;
  if (argc != 4 || !get_f32(env, args[0], &x, &xlen) || !get_f64(env, args[1], &starts, &count) ||
      !get_f64(env, args[2], &partial, &plen) || !get_f64(env, args[3], &total, &m) || plen != 8 * m)
    return throw_error(env, "sum_lockstep_f32: bad arguments");
  for (size_t j = 0; j < count; j++)
    if (!(starts[j] >= 0) || starts[j] + (double)m > (double)xlen) return throw_error(env, "sum_lockstep_f32: view out of bounds");
  size_t full = count - (count & 7);
  for (size_t j = 0; j < count; j++) {
    if (j == full)
      for (size_t o = 0; o < m; o++) total[o] = combine_slots(partial, (ptrdiff_t)m, (ptrdiff_t)o);
    add_run_f64(j < full ? partial + (j & 7) * m : total, x + (size_t)starts[j], (ptrdiff_t)m);
  }
  if (full == count)
    for (size_t o = 0; o < m; o++) total[o] = combine_slots(partial, (ptrdiff_t)m, (ptrdiff_t)o);
  return NULL;
}

// ---- max / min / argmax / argmin over runs -------------------------------------------------

typedef float v8f __attribute__((vector_size(32)));
typedef int32_t v8i __attribute__((vector_size(32)));

// A run's extreme as src/ops/reduce/reduce_more.ts ranks values: the first NaN if there is
// one, else the first element equal to the largest (smallest) value, so that of -0 and +0 the
// first one wins. A vector pass finds the extreme value and whether a NaN occurs (comparisons
// with NaN are false, so NaNs never enter the lanes); a scalar pass then finds the first
// occurrence, when the index is wanted or when it decides the value (a NaN's bits, a zero's
// sign).
#define EXTREME_SCAN(NAME, CMP)                                                          \
  HOT static float NAME(const float* x, ptrdiff_t n, int* has_nan) {                    \
    ptrdiff_t i = 0;                                                                     \
    float best = x[0];                                                                   \
    int nan = 0;                                                                         \
    if (n >= 32) {                                                                       \
      v8f m[4], v;                                                                       \
      v8i nanv = {0};                                                                    \
      for (int u = 0; u < 4; u++) memcpy(&m[u], x + 8 * u, 32);                          \
      for (; i + 32 <= n; i += 32) {                                                     \
        for (int u = 0; u < 4; u++) {                                                    \
          memcpy(&v, x + i + 8 * u, 32);                                                 \
          v8i t = v CMP m[u];                                                            \
          m[u] = (v8f)(((v8i)v & t) | ((v8i)m[u] & ~t));                                 \
          nanv |= (v != v);                                                              \
        }                                                                                \
      }                                                                                  \
      for (int l = 0; l < 8; l++) {                                                      \
        nan |= nanv[l] != 0;                                                             \
        for (int u = 0; u < 4; u++)                                                      \
          if (m[u][l] CMP best) best = m[u][l];                                          \
      }                                                                                  \
    }                                                                                    \
    for (; i < n; i++) {                                                                 \
      if (x[i] != x[i]) nan = 1;                                                         \
      else if (x[i] CMP best) best = x[i];                                               \
    }                                                                                    \
    *has_nan = nan;                                                                      \
    return best;                                                                         \
  }
EXTREME_SCAN(scan_max, >)
EXTREME_SCAN(scan_min, <)

static ptrdiff_t extreme_index(const float* x, ptrdiff_t n, int is_max, int need_index, float* value) {
  int nan;
  float best = is_max ? scan_max(x, n, &nan) : scan_min(x, n, &nan);
  if (nan) {
    for (ptrdiff_t j = 0; j < n; j++)
      if (x[j] != x[j]) {
        *value = x[j];
        return j;
      }
  }
  *value = best;
  if (!need_index && best != 0.0f) return 0;
  for (ptrdiff_t j = 0; j < n; j++)
    if (x[j] == best) {
      *value = x[j];
      return j;
    }
  return 0;
}

// extreme_runs_f32(x, offset, len, isMax, values, indices, needIndex): for each run o of `len`
// floats from x[offset + o*len], values[o] = its extreme and, with needIndex, indices[o] = that
// element's index in the run (otherwise indices are left as they are).
static napi_value extreme_runs_f32(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value args[7];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float *x, *values;
  double off, len, *indices;
  bool is_max, need_index;
  size_t xlen, vlen, ilen;
  if (argc != 7 || !get_f32(env, args[0], &x, &xlen) || napi_get_value_double(env, args[1], &off) != napi_ok ||
      napi_get_value_double(env, args[2], &len) != napi_ok || napi_get_value_bool(env, args[3], &is_max) != napi_ok ||
      !get_f32(env, args[4], &values, &vlen) || !get_f64(env, args[5], &indices, &ilen) || vlen != ilen ||
      napi_get_value_bool(env, args[6], &need_index) != napi_ok)
    return throw_error(env, "extreme_runs_f32: bad arguments");
  if (off < 0 || len < 1 || off + len * (double)vlen > (double)xlen) return throw_error(env, "extreme_runs_f32: view out of bounds");
  const float* p = x + (size_t)off;
  for (size_t o = 0; o < vlen; o++, p += (size_t)len) {
    float v;
    ptrdiff_t k = extreme_index(p, (ptrdiff_t)len, is_max, need_index, &v);
    values[o] = v;
    if (need_index) indices[o] = (double)k;
  }
  return NULL;
}

// ---- batched matrix product -------------------------------------------------------------

// Four output rows at once: each row of b (as doubles) is loaded once for four rows of a.
// Every output adds its k products in order from p = 0, in double: the products of two floats
// are exact in double, so only the additions round, as in bmm of src/backends/cpu.ts.
HOT static void row_block4(const float* a0, const float* a1, const float* a2, const float* a3, ptrdiff_t acs,
                           const double* bd, ptrdiff_t ldb, double* rows, ptrdiff_t k, ptrdiff_t n) {
  double *r0 = rows, *r1 = rows + n, *r2 = rows + 2 * n, *r3 = rows + 3 * n;
  for (ptrdiff_t p = 0; p < k; p++) {
    const double x0 = a0[p * acs], x1 = a1[p * acs], x2 = a2[p * acs], x3 = a3[p * acs];
    const double* bp = bd + p * ldb;
    for (ptrdiff_t j = 0; j < n; j++) {
      const double y = bp[j];
      r0[j] += x0 * y;
      r1[j] += x1 * y;
      r2[j] += x2 * y;
      r3[j] += x3 * y;
    }
  }
}

HOT static void row_one(const float* a0, ptrdiff_t acs, const double* bd, double* row, ptrdiff_t k, ptrdiff_t n) {
  for (ptrdiff_t p = 0; p < k; p++) {
    const double x = a0[p * acs];
    const double* bp = bd + p * n;
    for (ptrdiff_t j = 0; j < n; j++) row[j] += x * bp[j];
  }
}

// Note [register tiles]: most outputs are computed in tiles of 4 rows x 16 columns held in
// registers for the whole k loop (the b row segment is loaded once per p for four rows, the
// accumulators never go through memory). Each output still adds its k products in order from
// p = 0. The products of two floats are exact in double, so a fused multiply-add rounds
// exactly as the separate multiply and add do: contracting them (fp-contract=fast, on these
// functions only) changes no value.
typedef double v8d __attribute__((vector_size(64)));
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
#define GEMM_HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"), optimize("fp-contract=fast")))
#define GEMM_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GEMM_HOT
#define GEMM_CLONES
#endif

GEMM_HOT static void tile_4x16(const float* a0, ptrdiff_t ars, ptrdiff_t acs, const double* bd, ptrdiff_t n, ptrdiff_t k,
                               float* o, ptrdiff_t on) {
  v8d c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0}, c30 = {0}, c31 = {0};
  const float *a1 = a0 + ars, *a2 = a1 + ars, *a3 = a2 + ars;
  for (ptrdiff_t p = 0; p < k; p++) {
    v8d b0, b1;
    memcpy(&b0, bd + p * n, 64);
    memcpy(&b1, bd + p * n + 8, 64);
    const double x0 = a0[p * acs], x1 = a1[p * acs], x2 = a2[p * acs], x3 = a3[p * acs];
    c00 += x0 * b0;
    c01 += x0 * b1;
    c10 += x1 * b0;
    c11 += x1 * b1;
    c20 += x2 * b0;
    c21 += x2 * b1;
    c30 += x3 * b0;
    c31 += x3 * b1;
  }
  const v8d* rows[8] = {&c00, &c01, &c10, &c11, &c20, &c21, &c30, &c31};
  for (int r = 0; r < 4; r++)
    for (int h = 0; h < 2; h++)
      for (int l = 0; l < 8; l++) o[r * on + h * 8 + l] = (float)(*rows[2 * r + h])[l];
}

// b as doubles, row-major (k x n): contiguous rows convert in vector loops; a transposed b
// (rows of stride 1) is read in 8 x 8 blocks so that both sides stay in cache.
GEMM_CLONES static void pack_b(const float* bb, ptrdiff_t brs, ptrdiff_t bcs, double* bd, ptrdiff_t k, ptrdiff_t n) {
  if (bcs == 1) {
    for (ptrdiff_t p = 0; p < k; p++)
      for (ptrdiff_t j = 0; j < n; j++) bd[p * n + j] = bb[p * brs + j];
    return;
  }
  for (ptrdiff_t p0 = 0; p0 < k; p0 += 8)
    for (ptrdiff_t j0 = 0; j0 < n; j0 += 8) {
      const ptrdiff_t p1 = p0 + 8 < k ? p0 + 8 : k, j1 = j0 + 8 < n ? j0 + 8 : n;
      for (ptrdiff_t j = j0; j < j1; j++)
        for (ptrdiff_t p = p0; p < p1; p++) bd[p * n + j] = bb[p * brs + j * bcs];
    }
}

// bmm_f32(a, b, out, meta): out[t] = a[t] @ b[t] for `batch` (m×k)·(k×n) float32 products;
// meta = [aOff, aBatchStride, aRowStride, aColStride, bOff, bBatchStride, bRowStride,
// bColStride, batch, m, k, n] in elements; out dense (batch, m, n).
static napi_value bmm_f32(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float *a, *b, *out;
  double* meta;
  size_t alen, blen, olen, mlen;
  if (argc != 4 || !get_f32(env, args[0], &a, &alen) || !get_f32(env, args[1], &b, &blen) || !get_f32(env, args[2], &out, &olen) ||
      !get_f64(env, args[3], &meta, &mlen) || mlen != 12)
    return throw_error(env, "bmm_f32: bad arguments");
  ptrdiff_t v[12];
  for (int i = 0; i < 12; i++) v[i] = (ptrdiff_t)meta[i];
  ptrdiff_t aoff = v[0], abs_ = v[1], ars = v[2], acs = v[3], boff = v[4], bbs = v[5], brs = v[6], bcs = v[7];
  ptrdiff_t batch = v[8], m = v[9], k = v[10], n = v[11];
  if (batch < 1 || m < 1 || n < 1 || k < 0 || (size_t)(batch * m * n) != olen) return throw_error(env, "bmm_f32: bad shape");
  ptrdiff_t ashape[3] = {batch, m, k > 0 ? k : 1}, astr[3] = {abs_, ars, acs};
  ptrdiff_t bshape[3] = {batch, k > 0 ? k : 1, n}, bstr[3] = {bbs, brs, bcs};
  if (k > 0) {
    ptrdiff_t ahi = view_extent(3, ashape, astr, aoff), bhi = view_extent(3, bshape, bstr, boff);
    if (ahi < 0 || bhi < 0 || (size_t)ahi >= alen || (size_t)bhi >= blen) return throw_error(env, "bmm_f32: view out of bounds");
  }
  double* bd = malloc(sizeof(double) * (size_t)(k > 0 ? k * n : 1));
  double* rows = malloc(sizeof(double) * (size_t)(4 * n));
  if (!bd || !rows) {
    free(bd);
    free(rows);
    return throw_error(env, "bmm_f32: out of memory");
  }
  for (ptrdiff_t t = 0; t < batch; t++) {
    const float* bb = b + boff + t * bbs;
    pack_b(bb, brs, bcs, bd, k, n);
    const float* ab = a + aoff + t * abs_;
    float* ob = out + t * m * n;
    ptrdiff_t i = 0;
    const ptrdiff_t n16 = n - n % 16;
    for (; i + 4 <= m; i += 4) {
      const float* a0 = ab + i * ars;
      for (ptrdiff_t j = 0; j < n16; j += 16) tile_4x16(a0, ars, acs, bd + j, n, k, ob + i * n + j, n);
      if (n16 == n) continue;
      // The last n % 16 columns: four rows at a time through `rows`.
      const ptrdiff_t nr = n - n16;
      memset(rows, 0, sizeof(double) * (size_t)(4 * nr));
      row_block4(a0, a0 + ars, a0 + 2 * ars, a0 + 3 * ars, acs, bd + n16, n, rows, k, nr);
      for (int r = 0; r < 4; r++)
        for (ptrdiff_t j = 0; j < nr; j++) ob[(i + r) * n + n16 + j] = (float)rows[r * nr + j];
    }
    for (; i < m; i++) {
      memset(rows, 0, sizeof(double) * (size_t)n);
      row_one(ab + i * ars, acs, bd, rows, k, n);
      for (ptrdiff_t j = 0; j < n; j++) ob[i * n + j] = (float)rows[j];
    }
  }
  free(bd);
  free(rows);
  return NULL;
}

// ---- sparse plane maps (im2col, padding, pooling windows): src/backends/conv.ts -------------

static int get_i32(napi_env env, napi_value v, int32_t** data, size_t* len) {
  napi_typedarray_type type;
  napi_value buf;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, (void**)data, &buf, &off) != napi_ok) return 0;
  return type == napi_int32_array;
}

GEMM_CLONES static void gather_one_tap(const float* xb, const int32_t* idx, float* ob, ptrdiff_t n, float fill) {
  for (ptrdiff_t j = 0; j < n; j++) {
    const int32_t i = idx[j];
    ob[j] = i < 0 ? fill : 0.0f + xb[i < 0 ? 0 : i];
  }
}

// map_gather_f32(x, idx, w, out, meta): mapGather of src/backends/conv.ts for float32 x and out:
// out[p, j] = the sum over taps k with idx[j, k] >= 0 of (w ? w[j, k] * x : x)[p, idx[j, k]],
// added in double from 0 in tap order, or `fill` where no tap has an input.
// meta = [xOffset, planes, inSize, outSize, K, perPlane, fill]; w is null or K*outSize doubles.
static napi_value map_gather_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float *x, *out;
  int32_t* idx;
  double *w = NULL, *meta;
  size_t xlen, ilen, wlen = 0, olen, mlen;
  napi_valuetype wtype;
  if (argc != 5 || !get_f32(env, args[0], &x, &xlen) || !get_i32(env, args[1], &idx, &ilen) ||
      napi_typeof(env, args[2], &wtype) != napi_ok || (wtype != napi_null && !get_f64(env, args[2], &w, &wlen)) ||
      !get_f32(env, args[3], &out, &olen) || !get_f64(env, args[4], &meta, &mlen) || mlen != 7)
    return throw_error(env, "map_gather_f32: bad arguments");
  ptrdiff_t xoff = (ptrdiff_t)meta[0], planes = (ptrdiff_t)meta[1], in_size = (ptrdiff_t)meta[2], out_size = (ptrdiff_t)meta[3];
  ptrdiff_t K = (ptrdiff_t)meta[4];
  int per_plane = meta[5] != 0;
  double fill = meta[6];
  if (xoff < 0 || planes < 0 || in_size < 0 || out_size < 0 || K < 0 || (size_t)(planes * out_size) != olen ||
      (size_t)(xoff + planes * in_size) > xlen || ilen != (size_t)((per_plane ? planes : 1) * out_size * K) ||
      (w != NULL && wlen != (size_t)(out_size * K)))
    return throw_error(env, "map_gather_f32: bad shape");
  for (size_t t = 0; t < ilen; t++)
    if (idx[t] >= in_size) return throw_error(env, "map_gather_f32: index out of bounds");
  if (K == 1 && w == NULL) {
    // One tap, no weight (im2col, padding): 0 + x, as the sum from 0 gives (so -0 becomes +0).
    for (ptrdiff_t p = 0; p < planes; p++)
      gather_one_tap(x + xoff + p * in_size, idx + (per_plane ? p * out_size : 0), out + p * out_size, out_size, (float)fill);
    return NULL;
  }
  for (ptrdiff_t p = 0; p < planes; p++) {
    const float* xb = x + xoff + p * in_size;
    float* ob = out + p * out_size;
    const int32_t* ib = idx + (per_plane ? p * out_size * K : 0);
    for (ptrdiff_t j = 0; j < out_size; j++) {
      double acc = 0;
      int any = 0;
      const int32_t* tj = ib + j * K;
      for (ptrdiff_t k = 0; k < K; k++) {
        int32_t i = tj[k];
        if (i < 0) continue;
        any = 1;
        acc += w == NULL ? (double)xb[i] : w[j * K + k] * (double)xb[i];
      }
      ob[j] = (float)(any ? acc : fill);
    }
  }
  return NULL;
}

// Kernels kept in their own file (comparisons, selection, clamping, scatter maps); it defines
// MORE_KERNEL_PROPS, the property descriptors of its exports.
#include "kernels_more.h"

// Note [malloc tuning]: tensor storage is ArrayBuffers, which Node allocates with malloc and
// V8 frees in batches when it collects them. With glibc's defaults a batch of freed megabyte
// buffers is handed back to the kernel (heap trimming, or munmap for large chunks), and the next
// tensors fault their pages in again: in a chain of 1M-element ops that was half the time, in
// the kernel. Keeping up to 64 MiB of freed heap and serving allocations under 32 MiB from the
// heap removes those faults. Set TS_TORCH_MALLOC_TUNING=0 to leave malloc's settings alone.
static void tune_malloc(void) {
#if defined(__GLIBC__)
  const char* opt = getenv("TS_TORCH_MALLOC_TUNING");
  if (opt != NULL && strcmp(opt, "0") == 0) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

// The interface version src/backends/native/index.ts expects (NATIVE_ABI there): raise both
// whenever an export is added or changes its arguments, so that an addon built from older
// sources is not used.
#define TS_TORCH_NATIVE_ABI 2

static napi_value init(napi_env env, napi_value exports) {
  tune_malloc();
  napi_value abi;
  napi_create_uint32(env, TS_TORCH_NATIVE_ABI, &abi);
  napi_set_named_property(env, exports, "abi", abi);
  napi_property_descriptor props[] = {
      {"binary_f32", NULL, binary_f32, NULL, NULL, NULL, napi_default, NULL},
      {"unary_f32", NULL, unary_f32, NULL, NULL, NULL, napi_default, NULL},
      {"sum_runs_f32", NULL, sum_runs_f32, NULL, NULL, NULL, napi_default, NULL},
      {"sum_lockstep_f32", NULL, sum_lockstep_f32, NULL, NULL, NULL, napi_default, NULL},
      {"extreme_runs_f32", NULL, extreme_runs_f32, NULL, NULL, NULL, napi_default, NULL},
      {"bmm_f32", NULL, bmm_f32, NULL, NULL, NULL, napi_default, NULL},
      {"map_gather_f32", NULL, map_gather_f32, NULL, NULL, NULL, napi_default, NULL},
      MORE_KERNEL_PROPS
      SOFTMAX_KERNEL_PROPS
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(ts_torch, init)
