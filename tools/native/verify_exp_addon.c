// Test-only N-API addon for tools/native/verify_exp.mjs: exposes the kernels of
// native/exp_f32.h on Float32Arrays. run(which, x, y): which = 0 exp, 1 sigmoid (dispatching
// entry points), 2 exp, 3 sigmoid (generic x86-64 variant), 4 exp, 5 sigmoid (AVX2+FMA variant),
// 6 exp, 7 sigmoid (AVX-512 variant); 4-7 only when the CPU has the instructions. Returns false when the variant is unavailable.
#include <node_api.h>
#include <stdbool.h>

#include "../../native/exp_f32.h"

static float* f32(napi_env env, napi_value v, size_t* n) {
  napi_typedarray_type t;
  void* data = NULL;
  size_t len = 0;
  if (napi_get_typedarray_info(env, v, &t, &len, &data, NULL, NULL) != napi_ok ||
      t != napi_float32_array)
    return NULL;
  *n = len;
  return (float*)data;
}

static napi_value run(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], res;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t which = -1;
  size_t nx = 0, ny = 0;
  napi_get_value_int32(env, argv[0], &which);
  const float* x = f32(env, argv[1], &nx);
  float* y = f32(env, argv[2], &ny);
  bool ok = x && y && nx == ny;
  if (ok) {
    switch (which) {
      case 0: ts_exp_f32(x, y, nx); break;
      case 1: ts_sigmoid_f32(x, y, nx); break;
      case 2: ts__exp_f32_generic(x, y, nx); break;
      case 3: ts__sigmoid_f32_generic(x, y, nx); break;
#ifdef TS__HAVE_AVX2_FMA
      case 4: if (ts__variant() >= 1) ts__exp_f32_avx2fma(x, y, nx); else ok = false; break;
      case 5: if (ts__variant() >= 1) ts__sigmoid_f32_avx2fma(x, y, nx); else ok = false; break;
      case 6: if (ts__variant() >= 2) ts__exp_f32_avx512(x, y, nx); else ok = false; break;
      case 7: if (ts__variant() >= 2) ts__sigmoid_f32_avx512(x, y, nx); else ok = false; break;
#endif
      default: ok = false;
    }
  }
  napi_get_boolean(env, ok, &res);
  return res;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "run", NAPI_AUTO_LENGTH, run, NULL, &fn);
  napi_set_named_property(env, exports, "run", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
