// N-API boilerplate shared by the test-only addons of the exhaustive verifiers
// (verify_exp_addon.c, verify_tanh_log_addon.c; driven by verify_common.mjs). An addon includes
// its kernel header and this one, lists its kernels in a table and ends with
// VERIFY_ADDON_MODULE(table). The module exports run(which, x, y): applies kernel table[which]
// to the Float32Arrays x and y (same length; x === y runs it in place) and returns true, or
// returns false when which is out of range, when that variant needs a CPU feature this machine
// lacks (ts_simd_variant() below the entry's min_variant), or on bad arguments.
#ifndef TS_VERIFY_ADDON_COMMON_H
#define TS_VERIFY_ADDON_COMMON_H

#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>

#include "../../native/simd_dispatch.h"

struct verify_kernel {
  void (*fn)(const float* x, float* y, size_t n);
  int min_variant; /* ts_simd_variant() needed: 0 any, 1 AVX2+FMA, 2 AVX-512 */
};

static float* verify_f32(napi_env env, napi_value v, size_t* n) {
  napi_typedarray_type t;
  void* data = NULL;
  size_t len = 0;
  if (napi_get_typedarray_info(env, v, &t, &len, &data, NULL, NULL) != napi_ok ||
      t != napi_float32_array)
    return NULL;
  *n = len;
  return (float*)data;
}

static napi_value verify_run(napi_env env, napi_callback_info info, const struct verify_kernel* ks,
                             size_t nk) {
  size_t argc = 3;
  napi_value argv[3], res;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t which = -1;
  size_t nx = 0, ny = 0;
  napi_get_value_int32(env, argv[0], &which);
  const float* x = verify_f32(env, argv[1], &nx);
  float* y = verify_f32(env, argv[2], &ny);
  bool ok = x && y && nx == ny && which >= 0 && (size_t)which < nk &&
            ts_simd_variant() >= ks[which].min_variant;
  if (ok) ks[which].fn(x, y, nx);
  napi_get_boolean(env, ok, &res);
  return res;
}

static napi_value verify_init(napi_env env, napi_value exports, napi_callback run) {
  napi_value fn;
  napi_create_function(env, "run", NAPI_AUTO_LENGTH, run, NULL, &fn);
  napi_set_named_property(env, exports, "run", fn);
  return exports;
}

#define VERIFY_ADDON_MODULE(TABLE)                                                 \
  static napi_value run(napi_env env, napi_callback_info info) {                   \
    return verify_run(env, info, TABLE, sizeof(TABLE) / sizeof((TABLE)[0]));       \
  }                                                                                \
  static napi_value init(napi_env env, napi_value exports) {                       \
    return verify_init(env, exports, run);                                         \
  }                                                                                \
  NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

#endif  // TS_VERIFY_ADDON_COMMON_H
