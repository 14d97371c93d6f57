// The CPU sampling kernels of aten/src/ATen/native/cpu/DistributionTemplates.h, writing into
// a tensor's storage through its strides in the order PyTorch's serial kernels do.
import { RuntimeError } from '../errors.ts';
import { bool, float32, float64, int16, int32, int64, int8, uint8 } from '../tensor/dtype.ts';
import type { Tensor } from '../tensor/tensor.ts';
import {
  randomDouble53,
  randomFromTo64,
  randomFull64,
  randomInt63,
  standardNormalDouble,
  uniformFloat32,
  uniformFloat64,
} from './distributions.ts';
import { log256, sincos256, sincosOut } from './avx_mathfun.ts';
import { fma, fmaf } from '../math/fma.ts';
import type { Generator } from './generator.ts';
import { log, sincos, sincosCos, sincosSin } from './libm.ts';
import { serialOffsets } from './iteration.ts';

const fround = Math.fround;

/** cpu_serial_kernel over a nullary TensorIterator: one draw per element, in iteration order. */
function fillSerial(t: Tensor, draw: () => number): void {
  const data = t._data;
  const n = t.numel();
  const offs = serialOffsets(t);
  if (offs === null) {
    const o = t._offset;
    for (let k = 0; k < n; k++) data[o + k] = draw();
  } else {
    for (let k = 0; k < n; k++) data[offs[k] as number] = draw();
  }
}

/**
 * uniform_kernel: uniform_real_distribution<scalar_t>(from, to), i.e. x·(to − from) + from
 * with x a 24-bit (float) or 53-bit (double) uniform, computed in scalar_t as one fused
 * multiply-add (see ../math/fma.ts).
 */
export function uniformKernel(t: Tensor, from: number, to: number, g: Generator): void {
  if (t.dtype === float32) {
    const f = fround(from);
    const range = fround(fround(to) - f);
    if (f === 0 && range === 1) fillSerial(t, () => uniformFloat32(g));
    else fillSerial(t, () => fmaf(uniformFloat32(g), range, f));
  } else {
    const range = to - from;
    if (from === 0 && range === 1) fillSerial(t, () => uniformFloat64(g));
    else fillSerial(t, () => fma(uniformFloat64(g), range, from));
  }
}

/**
 * normal_kernel: contiguous tensors of 16+ elements use normal_fill (uniforms first, then
 * Box–Muller per block of 16); everything else draws normal_distribution<double> per element,
 * through the generator's cached second sample, and maps it by fma(val, std, mean).
 */
export function normalKernel(t: Tensor, mean: number, std: number, g: Generator): void {
  const n = t.numel();
  if (n >= 16 && t.is_contiguous()) {
    if (t.dtype === float32) normalFill32(t._data as Float32Array, t._offset, n, fround(mean), fround(std), g);
    else normalFill64(t._data as Float64Array, t._offset, n, mean, std, g);
    return;
  }
  fillSerial(t, () => fma(standardNormalDouble(g), std, mean));
}

function normalFill32(d: Float32Array, o: number, n: number, mean: number, std: number, g: Generator): void {
  for (let k = 0; k < n; k++) d[o + k] = uniformFloat32(g);
  for (let i = 0; i < n - 15; i += 16) normalFill16F32(d, o + i, mean, std);
  if (n % 16 !== 0) {
    // Recompute the last 16 values (they overlap the last full block).
    const p = o + n - 16;
    for (let k = 0; k < 16; k++) d[p + k] = uniformFloat32(g);
    normalFill16F32(d, p, mean, std);
  }
}

const TWO_PI_F = fround(2.0 * Math.PI);

/**
 * normal_fill_16_AVX2: float32 lanes through avx_mathfun's log256_ps and sincos256_ps, then
 * _mm256_fmadd_ps(n, std, mean).
 */
function normalFill16F32(d: Float32Array, p: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - (d[p + j] as number); // [0, 1) -> (0, 1] for log; exact in float
    const u2 = d[p + j + 8] as number;
    const radius = fround(Math.sqrt(fround(-2 * log256(u1))));
    sincos256(fround(TWO_PI_F * u2));
    d[p + j] = fmaf(fround(radius * sincosOut.cos), std, mean);
    d[p + j + 8] = fmaf(fround(radius * sincosOut.sin), std, mean);
  }
}

function normalFill64(d: Float64Array, o: number, n: number, mean: number, std: number, g: Generator): void {
  for (let k = 0; k < n; k++) d[o + k] = uniformFloat64(g);
  for (let i = 0; i < n - 15; i += 16) normalFill16F64(d, o + i, mean, std);
  if (n % 16 !== 0) {
    const p = o + n - 16;
    for (let k = 0; k < 16; k++) d[p + k] = uniformFloat64(g);
    normalFill16F64(d, p, mean, std);
  }
}

/**
 * normal_fill_16<double>: scalar glibc log/sin/cos (no vector path for double), with
 * `radius * cos(theta) * std + mean` contracted to one fma, as the AVX2 build compiles it.
 */
function normalFill16F64(d: Float64Array, p: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - (d[p + j] as number);
    const u2 = d[p + j + 8] as number;
    const radius = Math.sqrt(-2 * log(u1));
    sincos(2.0 * Math.PI * u2);
    d[p + j] = fma(radius * sincosCos(), std, mean);
    d[p + j + 8] = fma(radius * sincosSin(), std, mean);
  }
}

/**
 * random_from_to_kernel: (draw % range) + base as int64, then cast to the dtype. A 64-bit
 * draw is used when range ≥ 2^32 for int64/double/float (uniform_int_from_to_distribution).
 */
export function randomFromToKernel(t: Tensor, range: bigint, base: bigint, g: Generator): void {
  const dt = t.dtype;
  if (range >= 1n << 32n && (dt === int64 || dt === float64 || dt === float32)) {
    fillSerial(t, () => randomFromTo64(g, range, base));
    return;
  }
  const r = Number(range);
  const b = Number(base);
  if (dt === bool) fillSerial(t, () => ((g._engine.random() % r) + b !== 0 ? 1 : 0));
  else fillSerial(t, () => (g._engine.random() % r) + b);
}

/** random_full_64_bits_range_kernel: from = INT64_MIN, to = None. */
export function randomFull64Kernel(t: Tensor, g: Generator): void {
  const dt = t.dtype;
  if (dt !== int64 && dt !== float64 && dt !== float32) {
    throw new RuntimeError('random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16');
  }
  fillSerial(t, () => randomFull64(g));
}

/** random_kernel (random_() without bounds): uniform_int_distribution<scalar_t>. */
export function randomKernel(t: Tensor, g: Generator): void {
  const e = g._engine;
  switch (t.dtype) {
    case float64:
      return fillSerial(t, () => randomDouble53(g));
    case int64:
      return fillSerial(t, () => randomInt63(g));
    case float32:
      return fillSerial(t, () => e.random() % (2 ** 24 + 1));
    case int32:
      return fillSerial(t, () => e.random() % 2 ** 31);
    case int16:
      return fillSerial(t, () => e.random() % 2 ** 15);
    case int8:
      return fillSerial(t, () => e.random() % 2 ** 7);
    case uint8:
      return fillSerial(t, () => e.random() % 2 ** 8);
    case bool:
      return fillSerial(t, () => e.random() & 1);
    default:
      throw new RuntimeError(`"random_kernel_cpu" not implemented for '${t.dtype.scalarName}'`);
  }
}

/** exponential_kernel: exponential_distribution<double>: −1/λ · log(1 − u), u a 53-bit uniform. */
export function exponentialKernel(t: Tensor, lambd: number, g: Generator): void {
  const c = -1.0 / lambd;
  fillSerial(t, () => c * log(1.0 - uniformFloat64(g)));
}

