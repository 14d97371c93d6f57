// Scalar samplers over a Generator, as PyTorch's DistributionsHelper.h and
// TransformationHelper.h compute them on the CPU.
import type { Generator } from './generator.ts';
import { log, sincos, sincosCos, sincosSin } from './libm.ts';

const TWO_POW_32 = 2 ** 32;
const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;

/**
 * uniform_real_distribution<float>(0, 1): (random() & (2^24 − 1)) · 2^-24. The result is a
 * float32 value exactly (24 significant bits), so no rounding is needed.
 */
export function uniformFloat32(g: Generator): number {
  return (g._engine.random() & 0xffffff) * TWO_POW_M24;
}

/** uniform_real_distribution<double>(0, 1): (random64() & (2^53 − 1)) · 2^-53, without BigInt. */
export function uniformFloat64(g: Generator): number {
  const hi = g._engine.random();
  const lo = g._engine.random();
  return ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
}

/**
 * normal_distribution<double>(0, 1) (DistributionsHelper.h): Box–Muller on two 53-bit
 * uniforms; r·sin θ is cached on the generator and returned by the next call, across calls
 * and tensors, until manual_seed clears it. log/sin/cos are the correctly rounded ones of
 * ./libm.ts, as glibc's (nearly always) are.
 */
export function standardNormalDouble(g: Generator): number {
  const cached = g._nextDoubleNormal;
  if (cached !== null) {
    g._nextDoubleNormal = null;
    return cached;
  }
  const u1 = uniformFloat64(g);
  const u2 = uniformFloat64(g);
  const r = Math.sqrt(-2.0 * log(1.0 - u2));
  const theta = 2.0 * Math.PI * u1;
  sincos(theta);
  g._nextDoubleNormal = r * sincosSin();
  return r * sincosCos();
}

/** random64() % range + base (uniform_int_from_to with a 64-bit draw), as an int64 value. */
export function randomFromTo64(g: Generator, range: bigint, base: bigint): number {
  const v = g._engine.random64Big();
  return Number(BigInt.asIntN(64, (v % range) + base));
}

/** random64() reinterpreted as int64 (uniform_int_full_range). */
export function randomFull64(g: Generator): number {
  return Number(BigInt.asIntN(64, g._engine.random64Big()));
}

/** random64() % 2^63 (uniform_int_distribution<int64_t>): the low 63 bits, rounded to a double. */
export function randomInt63(g: Generator): number {
  const hi = g._engine.random();
  const lo = g._engine.random();
  // one IEEE addition of two exact values: the correctly rounded 63-bit integer
  return (hi & 0x7fffffff) * TWO_POW_32 + lo;
}

/** random64() % (2^53 + 1) (uniform_int_distribution<double>). */
export function randomDouble53(g: Generator): number {
  return Number(g._engine.random64Big() % ((1n << 53n) + 1n));
}
