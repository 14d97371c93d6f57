// Test-only N-API addon for tools/native/verify_tanh_log.mjs: exposes the kernels of
// native/tanh_log_f32.h on Float32Arrays. run(which, x, y): which = 0 tanh, 1 log (dispatching
// entry points), 2 tanh, 3 log (generic variant), 4 tanh, 5 log (AVX2+FMA variant), 6 tanh,
// 7 log (AVX-512 variant); 4-7 only on x86-64 Linux GCC builds whose CPU has the instructions.
// Returns false when the variant is unavailable. (Boilerplate: verify_addon_common.h.)
#include "../../native/tanh_log_f32.h"
#include "verify_addon_common.h"

static const struct verify_kernel kernels[] = {
    {ts_tanh_f32, 0},          {ts_log_f32, 0},
    {tl__tanh_f32_generic, 0}, {tl__log_f32_generic, 0},
#ifdef TL__HAVE_X86_VARIANTS
    {tl__tanh_f32_avx2fma, 1}, {tl__log_f32_avx2fma, 1},
    {tl__tanh_f32_avx512, 2},  {tl__log_f32_avx512, 2},
#endif
};

VERIFY_ADDON_MODULE(kernels)
