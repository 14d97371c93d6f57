// More native kernels, included by ts_torch.c after its helpers (get_f32, get_f64,
// throw_error, view_extent, HOT). Exports are listed in MORE_KERNEL_PROPS.
//
// compare_f32 / extremum_f32 (eq ne lt le gt ge, maximum minimum), where_f32, clamp_f32 and
// map_scatter_f32: each returns exactly what the TypeScript kernel it stands in for returns
// (src/backends/cpu.ts's named kernels, src/ops/pointwise/select_where.ts, src/backends/conv.ts),
// NaN payloads aside. Float32 comparisons are exact in float and in double alike; the
// selections only move float32 values; the scatter adds in double in the TypeScript order.

// ---- strided walks over up to three operands -------------------------------------------------

// An index read from a meta array: an integer double within ±2^52 (anything else is refused
// before it is cast, so no cast is undefined).
static int meta_index(double v, ptrdiff_t* out) {
  if (!(v >= -4503599627370496.0 && v <= 4503599627370496.0) || v != (double)(int64_t)v) return 0;
  *out = (ptrdiff_t)v;
  return 1;
}

typedef struct {
  int k;                             // operands
  int m;                             // dims after merging (>= 1); the last one is the row
  ptrdiff_t numel;
  ptrdiff_t shape[MAX_DIMS];
  ptrdiff_t stride[3][MAX_DIMS];
  ptrdiff_t off[3];
} walk_t;

// Reads meta = [ndim, off_0 .. off_{k-1}, shape..., stride_0..., ..., stride_{k-1}...] (elements)
// and checks that every operand's view lies inside its array (lens[i] elements) and that the
// shape has exactly `numel` elements; then merges dims that every operand walks as one.
static const char* walk_init(walk_t* w, int k, const double* meta, size_t mlen, const size_t* lens, size_t numel) {
  ptrdiff_t nd;
  if (mlen < 1 || !meta_index(meta[0], &nd) || nd < 1 || nd > MAX_DIMS || mlen != (size_t)(1 + k + (k + 1) * nd)) return "bad meta";
  w->k = k;
  ptrdiff_t n = 1;
  for (int d = 0; d < nd; d++) {
    if (!meta_index(meta[1 + k + d], &w->shape[d]) || w->shape[d] <= 0) return "bad shape";
    n *= w->shape[d];
    if ((size_t)n > numel) return "bad shape";
  }
  if ((size_t)n != numel) return "bad shape";
  w->numel = n;
  for (int i = 0; i < 3; i++) w->off[i] = 0;
  for (int i = 0; i < k; i++) {
    if (!meta_index(meta[1 + i], &w->off[i]) || w->off[i] < 0) return "view out of bounds";
    // The last element reached, in double: exact below 2^53, and past every length above it.
    double hi = (double)w->off[i];
    for (int d = 0; d < nd; d++) {
      ptrdiff_t s;
      if (!meta_index(meta[1 + k + (1 + i) * nd + d], &s) || s < 0) return "view out of bounds";
      w->stride[i][d] = s;
      hi += (double)(w->shape[d] - 1) * (double)s;
    }
    if (!(hi < (double)lens[i])) return "view out of bounds";
  }
  int m = 0;
  for (int d = 0; d < nd; d++) {
    if (w->shape[d] == 1) continue;
    int merge = m > 0;
    for (int i = 0; i < k && merge; i++) merge = w->stride[i][m - 1] == w->stride[i][d] * w->shape[d];
    if (merge) {
      w->shape[m - 1] *= w->shape[d];
      for (int i = 0; i < k; i++) w->stride[i][m - 1] = w->stride[i][d];
    } else {
      w->shape[m] = w->shape[d];
      for (int i = 0; i < k; i++) w->stride[i][m] = w->stride[i][d];
      m++;
    }
  }
  if (m == 0) {
    w->shape[0] = 1;
    for (int i = 0; i < k; i++) w->stride[i][0] = 0;
    m = 1;
  }
  w->m = m;
  return NULL;
}

// Visits the rows in row-major order: pos[i] is operand i's element index of the row's start,
// and the row's output starts at element `k` of the dense output.
#define WALK_ROWS(w, pos, k, BODY)                                                     \
  do {                                                                                 \
    ptrdiff_t pos[3] = {(w).off[0], (w).off[1], (w).off[2]};                           \
    ptrdiff_t counter_[MAX_DIMS] = {0};                                                \
    const ptrdiff_t inner_ = (w).shape[(w).m - 1];                                     \
    for (ptrdiff_t k = 0; k < (w).numel; k += inner_) {                                \
      BODY;                                                                            \
      int d_ = (w).m - 2;                                                              \
      while (d_ >= 0) {                                                                \
        for (int i_ = 0; i_ < (w).k; i_++) pos[i_] += (w).stride[i_][d_];              \
        if (++counter_[d_] < (w).shape[d_]) break;                                     \
        for (int i_ = 0; i_ < (w).k; i_++) pos[i_] -= counter_[d_] * (w).stride[i_][d_]; \
        counter_[d_] = 0;                                                              \
        d_--;                                                                          \
      }                                                                                \
    }                                                                                  \
  } while (0)

static int get_u8(napi_env env, napi_value v, uint8_t** data, size_t* len) {
  napi_typedarray_type type;
  napi_value buf;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, (void**)data, &buf, &off) != napi_ok) return 0;
  return type == napi_uint8_array;
}

// ---- comparisons and maximum/minimum: out[k] = f(a[...], b[...]) ------------------------------

// The row loop of a binary kernel, with the unit-stride and scalar cases written out so that
// GCC vectorises them.
#define ROW2(EXPR)                                                                     \
  if (as == 1 && bs == 1) {                                                            \
    for (ptrdiff_t j = 0; j < n; j++) { const float x = a[j], y = b[j]; o[j] = (EXPR); } \
  } else if (as == 1 && bs == 0) {                                                     \
    const float y = b[0];                                                              \
    for (ptrdiff_t j = 0; j < n; j++) { const float x = a[j]; o[j] = (EXPR); }         \
  } else if (as == 0 && bs == 1) {                                                     \
    const float x = a[0];                                                              \
    for (ptrdiff_t j = 0; j < n; j++) { const float y = b[j]; o[j] = (EXPR); }         \
  } else {                                                                             \
    for (ptrdiff_t j = 0; j < n; j++) { const float x = a[j * as], y = b[j * bs]; o[j] = (EXPR); } \
  }

#define CMP_ROW(name, OPER)                                                                                      \
  HOT static void name(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, uint8_t* o, ptrdiff_t n) { \
    ROW2((uint8_t)(x OPER y))                                                                                  \
  }
// IEEE comparisons, as JavaScript's on the same values: a NaN operand makes every one false but
// != (true), and -0 equals +0.
CMP_ROW(row_eq, ==)
CMP_ROW(row_ne, !=)
CMP_ROW(row_lt, <)
CMP_ROW(row_le, <=)
CMP_ROW(row_gt, >)
CMP_ROW(row_ge, >=)

// cpu.ts's MAXIMUM/MINIMUM: NaN if either is NaN, else x > y ? x : y (so maximum(+0, -0) is the
// second operand, -0), and likewise with <.
HOT static void row_max(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t n) {
  ROW2(x != x ? x : y != y ? y : x > y ? x : y)
}
HOT static void row_min(const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs, float* o, ptrdiff_t n) {
  ROW2(x != x ? x : y != y ? y : x < y ? x : y)
}

typedef void (*cmp_row_fn)(const float*, ptrdiff_t, const float*, ptrdiff_t, uint8_t*, ptrdiff_t);
typedef void (*f32_row_fn)(const float*, ptrdiff_t, const float*, ptrdiff_t, float*, ptrdiff_t);

// compare_f32(op, a, b, out, meta): out[k] = a op b (1 or 0) with op 0..5 = == != < <= > >=;
// out (Uint8Array) dense over the shape; meta = [ndim, aOffset, bOffset, shape..., aStride...,
// bStride...] in elements, a and b already broadcast.
static napi_value compare_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  int32_t op;
  float *a, *b;
  uint8_t* out;
  double* meta;
  size_t lens[2], olen, mlen;
  if (argc != 5 || napi_get_value_int32(env, args[0], &op) != napi_ok || !get_f32(env, args[1], &a, &lens[0]) ||
      !get_f32(env, args[2], &b, &lens[1]) || !get_u8(env, args[3], &out, &olen) || !get_f64(env, args[4], &meta, &mlen) ||
      op < 0 || op > 5)
    return throw_error(env, "compare_f32: bad arguments");
  walk_t w;
  const char* err = walk_init(&w, 2, meta, mlen, lens, olen);
  if (err) return throw_error(env, err);
  static const cmp_row_fn rows[6] = {row_eq, row_ne, row_lt, row_le, row_gt, row_ge};
  const cmp_row_fn f = rows[op];
  const ptrdiff_t as = w.stride[0][w.m - 1], bs = w.stride[1][w.m - 1];
  WALK_ROWS(w, pos, k, f(a + pos[0], as, b + pos[1], bs, out + k, w.shape[w.m - 1]));
  return NULL;
}

// extremum_f32(isMax, a, b, out, meta): maximum/minimum of cpu.ts (MAXIMUM/MINIMUM); out
// (Float32Array) dense; meta as compare_f32's.
static napi_value extremum_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  bool is_max;
  float *a, *b, *out;
  double* meta;
  size_t lens[2], olen, mlen;
  if (argc != 5 || napi_get_value_bool(env, args[0], &is_max) != napi_ok || !get_f32(env, args[1], &a, &lens[0]) ||
      !get_f32(env, args[2], &b, &lens[1]) || !get_f32(env, args[3], &out, &olen) || !get_f64(env, args[4], &meta, &mlen))
    return throw_error(env, "extremum_f32: bad arguments");
  walk_t w;
  const char* err = walk_init(&w, 2, meta, mlen, lens, olen);
  if (err) return throw_error(env, err);
  const f32_row_fn f = is_max ? row_max : row_min;
  const ptrdiff_t as = w.stride[0][w.m - 1], bs = w.stride[1][w.m - 1];
  WALK_ROWS(w, pos, k, f(a + pos[0], as, b + pos[1], bs, out + k, w.shape[w.m - 1]));
  return NULL;
}

// ---- where: out[k] = cond ? a : b --------------------------------------------------------------

HOT static void row_where(const uint8_t* c, ptrdiff_t cs, const float* a, ptrdiff_t as, const float* b, ptrdiff_t bs,
                          float* o, ptrdiff_t n) {
  if (cs == 1 && as == 1 && bs == 1) {
    for (ptrdiff_t j = 0; j < n; j++) o[j] = c[j] != 0 ? a[j] : b[j];
  } else if (cs == 1 && as == 1 && bs == 0) {
    const float y = b[0];
    for (ptrdiff_t j = 0; j < n; j++) o[j] = c[j] != 0 ? a[j] : y;
  } else if (cs == 1 && as == 0 && bs == 1) {
    const float x = a[0];
    for (ptrdiff_t j = 0; j < n; j++) o[j] = c[j] != 0 ? x : b[j];
  } else {
    for (ptrdiff_t j = 0; j < n; j++) o[j] = c[j * cs] != 0 ? a[j * as] : b[j * bs];
  }
}

// where_f32(cond, a, b, out, meta): out[k] = cond[...] != 0 ? a[...] : b[...], out dense over the
// shape; meta = [ndim, cOffset, aOffset, bOffset, shape..., cStride..., aStride..., bStride...].
static napi_value where_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  uint8_t* c;
  float *a, *b, *out;
  double* meta;
  size_t lens[3], olen, mlen;
  if (argc != 5 || !get_u8(env, args[0], &c, &lens[0]) || !get_f32(env, args[1], &a, &lens[1]) ||
      !get_f32(env, args[2], &b, &lens[2]) || !get_f32(env, args[3], &out, &olen) || !get_f64(env, args[4], &meta, &mlen))
    return throw_error(env, "where_f32: bad arguments");
  walk_t w;
  const char* err = walk_init(&w, 3, meta, mlen, lens, olen);
  if (err) return throw_error(env, err);
  const ptrdiff_t cs = w.stride[0][w.m - 1], as = w.stride[1][w.m - 1], bs = w.stride[2][w.m - 1];
  WALK_ROWS(w, pos, k, row_where(c + pos[0], cs, a + pos[1], as, b + pos[2], bs, out + k, w.shape[w.m - 1]));
  return NULL;
}

// ---- clamp with number bounds: Math.min(Math.max(x, lo), hi) -----------------------------------

// With lo and hi not NaN, Math.max(x, lo) is lo where x < lo (also where x == lo when lo is +0,
// since Math.max(-0, +0) is +0) and x otherwise (a NaN x stays); Math.min(y, hi) is hi where
// y > hi (also where y == hi when hi is -0) and y otherwise. Four loops, one per zero case.
#define CLAMP_ROW(name, LO_TAKES, HI_TAKES)                                             \
  HOT static void name(const float* x, ptrdiff_t xs, float* o, ptrdiff_t n, float lo, float hi) { \
    if (xs == 1) {                                                                      \
      for (ptrdiff_t j = 0; j < n; j++) {                                               \
        const float v = x[j];                                                           \
        const float y = (LO_TAKES) ? lo : v;                                            \
        o[j] = (HI_TAKES) ? hi : y;                                                     \
      }                                                                                 \
    } else {                                                                            \
      for (ptrdiff_t j = 0; j < n; j++) {                                               \
        const float v = x[j * xs];                                                      \
        const float y = (LO_TAKES) ? lo : v;                                            \
        o[j] = (HI_TAKES) ? hi : y;                                                     \
      }                                                                                 \
    }                                                                                   \
  }
CLAMP_ROW(clamp_row_lt_gt, v < lo, y > hi)
CLAMP_ROW(clamp_row_le_gt, v <= lo, y > hi)
CLAMP_ROW(clamp_row_lt_ge, v < lo, y >= hi)
CLAMP_ROW(clamp_row_le_ge, v <= lo, y >= hi)

typedef void (*clamp_row_fn)(const float*, ptrdiff_t, float*, ptrdiff_t, float, float);

HOT static void fill_f32(float* o, ptrdiff_t n, float v) {
  for (ptrdiff_t j = 0; j < n; j++) o[j] = v;
}

// clamp_f32(x, out, lo, hi, meta): out[k] = Math.min(Math.max(x[...], lo), hi) for float32-exact
// lo and hi (±Infinity for a missing bound); out dense; meta = [ndim, xOffset, shape..., xStride...].
static napi_value clamp_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float *x, *out;
  double lo, hi, *meta;
  size_t lens[1], olen, mlen;
  if (argc != 5 || !get_f32(env, args[0], &x, &lens[0]) || !get_f32(env, args[1], &out, &olen) ||
      napi_get_value_double(env, args[2], &lo) != napi_ok || napi_get_value_double(env, args[3], &hi) != napi_ok ||
      !get_f64(env, args[4], &meta, &mlen))
    return throw_error(env, "clamp_f32: bad arguments");
  const float lf = (float)lo, hf = (float)hi;
  if ((lo == lo && (double)lf != lo) || (hi == hi && (double)hf != hi)) return throw_error(env, "clamp_f32: bounds are not float32 values");
  walk_t w;
  const char* err = walk_init(&w, 1, meta, mlen, lens, olen);
  if (err) return throw_error(env, err);
  if (lo != lo || hi != hi) {
    // Math.max(x, NaN) and Math.min(y, NaN) are NaN whatever x and y.
    fill_f32(out, w.numel, __builtin_nanf(""));
    return NULL;
  }
  const int lo_pz = lf == 0.0f && !__builtin_signbit(lf), hi_nz = hf == 0.0f && __builtin_signbit(hf);
  const clamp_row_fn f = lo_pz ? (hi_nz ? clamp_row_le_ge : clamp_row_le_gt) : (hi_nz ? clamp_row_lt_ge : clamp_row_lt_gt);
  const ptrdiff_t xs = w.stride[0][w.m - 1];
  WALK_ROWS(w, pos, k, f(x + pos[0], xs, out + k, w.shape[w.m - 1], lf, hf));
  return NULL;
}

// ---- mapScatter of src/backends/conv.ts ---------------------------------------------------------

// map_scatter_f32(g, idx, w, res, meta): res[p, idx[j, k]] += (w ? w[j, k] * g : g)[p, j] in
// double, in the TypeScript loop's order (p, then j, then k); taps with idx < 0 are skipped.
// meta = [gOffset, planes, inSize, outSize, K, perPlane]; w is null or outSize*K doubles; res
// holds planes*inSize doubles.
static napi_value map_scatter_f32(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value args[5];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  float* g;
  int32_t* idx;
  double *w = NULL, *res, *meta;
  size_t glen, ilen, wlen = 0, rlen, mlen;
  napi_valuetype wtype;
  if (argc != 5 || !get_f32(env, args[0], &g, &glen) || !get_i32(env, args[1], &idx, &ilen) ||
      napi_typeof(env, args[2], &wtype) != napi_ok || (wtype != napi_null && !get_f64(env, args[2], &w, &wlen)) ||
      !get_f64(env, args[3], &res, &rlen) || !get_f64(env, args[4], &meta, &mlen) || mlen != 6)
    return throw_error(env, "map_scatter_f32: bad arguments");
  ptrdiff_t goff, planes, in_size, out_size, K, per_plane;
  if (!meta_index(meta[0], &goff) || !meta_index(meta[1], &planes) || !meta_index(meta[2], &in_size) ||
      !meta_index(meta[3], &out_size) || !meta_index(meta[4], &K) || !meta_index(meta[5], &per_plane))
    return throw_error(env, "map_scatter_f32: bad meta");
  // Products in double: exact below 2^53, and unequal to any length above it.
  if (goff < 0 || planes < 0 || in_size < 0 || out_size < 0 || K < 0 || (double)planes * (double)in_size != (double)rlen ||
      (double)goff + (double)planes * (double)out_size > (double)glen ||
      (double)ilen != (double)(per_plane ? planes : 1) * (double)out_size * (double)K ||
      (w != NULL && (double)wlen != (double)out_size * (double)K))
    return throw_error(env, "map_scatter_f32: bad shape");
  for (size_t t = 0; t < ilen; t++)
    if (idx[t] >= in_size) return throw_error(env, "map_scatter_f32: index out of bounds");
  for (ptrdiff_t p = 0; p < planes; p++) {
    const float* gb = g + goff + p * out_size;
    double* rb = res + p * in_size;
    const int32_t* ib = idx + (per_plane ? p * out_size * K : 0);
    if (w == NULL) {
      for (ptrdiff_t j = 0; j < out_size; j++) {
        const double gv = (double)gb[j];
        const int32_t* tj = ib + j * K;
        for (ptrdiff_t k = 0; k < K; k++) {
          const int32_t i = tj[k];
          if (i >= 0) rb[i] += gv;
        }
      }
    } else {
      for (ptrdiff_t j = 0; j < out_size; j++) {
        const double gv = (double)gb[j];
        const int32_t* tj = ib + j * K;
        const double* wj = w + j * K;
        for (ptrdiff_t k = 0; k < K; k++) {
          const int32_t i = tj[k];
          if (i >= 0) rb[i] += wj[k] * gv;
        }
      }
    }
  }
  return NULL;
}

#define MORE_KERNEL_PROPS                                                              \
  {"compare_f32", NULL, compare_f32, NULL, NULL, NULL, napi_default, NULL},            \
  {"extremum_f32", NULL, extremum_f32, NULL, NULL, NULL, napi_default, NULL},          \
  {"where_f32", NULL, where_f32, NULL, NULL, NULL, napi_default, NULL},                \
  {"clamp_f32", NULL, clamp_f32, NULL, NULL, NULL, napi_default, NULL},                \
  {"map_scatter_f32", NULL, map_scatter_f32, NULL, NULL, NULL, napi_default, NULL},
