// Test-only N-API addon for tools/native/verify_softmax.ts: native/softmax_f32.h's kernel with
// the SIMD variant chosen by the caller. Exports
//   softmax_f32(isLog, x, offset, n, inner, out)  as in native/softmax_f32.h, and
//   set_variant(v): -1 = the dispatching choice (ts_simd_variant()), 0 generic, 1 AVX2, 2 AVX-512;
//                   returns false (and changes nothing) when this CPU or build lacks variant v;
//   exp_row(variant, x, mx, e): e[i] = the vector exact exp of x[i] - mx (SM__EXACT_EXP, in the
//                   given variant's compiled loop; Float32Array x, Float64Array e); returns whether
//                   some x[i] - mx < -700 (those e[i] are not meaningful);
//   log_f64(x, y):  y[i] = tl__fdlibm_log(x[i]) (Float64Arrays).
#include <node_api.h>
#include <stdbool.h>

#include "../../native/simd_dispatch.h"

static int verify_variant = -1;
#define SM__VARIANT() (verify_variant >= 0 ? verify_variant : ts_simd_variant())
#include "../../native/softmax_f32.h"

static napi_value set_variant(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], res;
  int32_t v = -1;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  napi_get_value_int32(env, argv[0], &v);
#ifdef TS_SIMD_X86
  const int max = ts_simd_variant();
#else
  const int max = 0;
#endif
  const bool ok = v >= -1 && v <= max;
  if (ok) verify_variant = v;
  napi_get_boolean(env, ok, &res);
  return res;
}

static napi_value exp_row(napi_env env, napi_callback_info info) {
  size_t argc = 4, nx, ne;
  napi_value argv[4], res;
  int32_t v = 0;
  double mx = 0;
  float* x;
  double* e;
  napi_typedarray_type tx, te;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 4 || napi_get_value_int32(env, argv[0], &v) != napi_ok ||
      napi_get_typedarray_info(env, argv[1], &tx, &nx, (void**)&x, NULL, NULL) != napi_ok || tx != napi_float32_array ||
      napi_get_value_double(env, argv[2], &mx) != napi_ok ||
      napi_get_typedarray_info(env, argv[3], &te, &ne, (void**)&e, NULL, NULL) != napi_ok || te != napi_float64_array || ne != nx) {
    napi_throw_error(env, NULL, "exp_row: bad arguments");
    return NULL;
  }
  int special;
#ifdef TS_SIMD_X86
  special = v == 2 ? sm__exp_row_avx512(x, nx, mx, e) : v == 1 ? sm__exp_row_avx2(x, nx, mx, e) : sm__exp_row_generic(x, nx, mx, e);
#else
  special = sm__exp_row_generic(x, nx, mx, e);
#endif
  napi_get_boolean(env, special != 0, &res);
  return res;
}

static napi_value log_f64(napi_env env, napi_callback_info info) {
  size_t argc = 2, nx, ny;
  napi_value argv[2];
  double *x, *y;
  napi_typedarray_type tx, ty;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 2 || napi_get_typedarray_info(env, argv[0], &tx, &nx, (void**)&x, NULL, NULL) != napi_ok || tx != napi_float64_array ||
      napi_get_typedarray_info(env, argv[1], &ty, &ny, (void**)&y, NULL, NULL) != napi_ok || ty != napi_float64_array || ny != nx) {
    napi_throw_error(env, NULL, "log_f64: bad arguments");
    return NULL;
  }
  for (size_t i = 0; i < nx; i++) y[i] = tl__fdlibm_log(x[i]);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      SOFTMAX_KERNEL_PROPS
      {"set_variant", NULL, set_variant, NULL, NULL, NULL, napi_default, NULL},
      {"exp_row", NULL, exp_row, NULL, NULL, NULL, napi_default, NULL},
      {"log_f64", NULL, log_f64, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
