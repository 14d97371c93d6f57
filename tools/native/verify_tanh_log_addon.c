// Test-only N-API addon for tools/native/verify_tanh_log.mjs: exposes the kernels of
// native/tanh_log_f32.h on Float32Arrays. run(which, x, y): which = 0 tanh, 1 log (dispatching
// entry points), 2 tanh, 3 log (generic variant), 4 tanh, 5 log (AVX2+FMA variant), 6 tanh,
// 7 log (AVX-512 variant); 4-7 only on x86-64 Linux GCC builds whose CPU has the instructions.
// Returns false when the variant is unavailable.
#include <node_api.h>
#include <stdbool.h>

#include "../../native/tanh_log_f32.h"

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
      case 0: ts_tanh_f32(x, y, nx); break;
      case 1: ts_log_f32(x, y, nx); break;
      case 2: tl__tanh_f32_generic(x, y, nx); break;
      case 3: tl__log_f32_generic(x, y, nx); break;
#ifdef TL__HAVE_X86_VARIANTS
      case 4: if (tl__variant() >= 1) tl__tanh_f32_avx2fma(x, y, nx); else ok = false; break;
      case 5: if (tl__variant() >= 1) tl__log_f32_avx2fma(x, y, nx); else ok = false; break;
      case 6: if (tl__variant() >= 2) tl__tanh_f32_avx512(x, y, nx); else ok = false; break;
      case 7: if (tl__variant() >= 2) tl__log_f32_avx512(x, y, nx); else ok = false; break;
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
