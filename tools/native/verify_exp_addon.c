// Test-only N-API addon for tools/native/verify_exp.mjs: exposes the kernels of
// native/exp_f32.h on Float32Arrays. run(which, x, y): which = 0 exp, 1 sigmoid (dispatching
// entry points), 2 exp, 3 sigmoid (generic x86-64 variant), 4 exp, 5 sigmoid (AVX2+FMA variant),
// 6 exp, 7 sigmoid (AVX-512 variant); 4-7 only when the CPU has the instructions. Returns false
// when the variant is unavailable. (Boilerplate: verify_addon_common.h.)
#include "../../native/exp_f32.h"
#include "verify_addon_common.h"

static const struct verify_kernel kernels[] = {
    {ts_exp_f32, 0},          {ts_sigmoid_f32, 0},
    {ts__exp_f32_generic, 0}, {ts__sigmoid_f32_generic, 0},
#ifdef TS__HAVE_AVX2_FMA
    {ts__exp_f32_avx2fma, 1}, {ts__sigmoid_f32_avx2fma, 1},
    {ts__exp_f32_avx512, 2},  {ts__sigmoid_f32_avx512, 2},
#endif
};

VERIFY_ADDON_MODULE(kernels)
