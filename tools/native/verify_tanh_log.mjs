// Exhaustive check of native/tanh_log_f32.h: for every one of the 2^32 float32 bit patterns, the
// C kernels must return exactly what ts-torch's JavaScript kernels return:
//   tanh: Math.fround(Math.tanh(x))
//   log:  Math.fround(Math.log(x))
// bit for bit (any NaN equals any NaN), through the dispatching entry points (out of place and in
// place) and each compiled variant, using the test addon verify_tanh_log_addon.c. The driver
// (addon build, worker threads, reporting) is verify_common.mjs.
//
// Usage: node tools/native/verify_tanh_log.mjs [--workers N] [--blocks N]   (--blocks: check only
// the first N of the 256 blocks, spread over the whole range, for a quick smoke test)
// Exit status 0 only when there are no mismatches over everything checked.
import { runVerifier } from './verify_common.mjs';

await runVerifier({
  name: 'tanh_log',
  entry: import.meta.url,
  addon: 'verify_tanh_log_addon.c',
  cflags: ['-fno-math-errno'],
  kernels: ['tanh', 'log'],
  reference: [
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.fround(Math.tanh(x[i])); },
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.fround(Math.log(x[i])); },
  ],
});
