// In-place samplers Tensor.geometric_, log_normal_ and cauchy_ (argument checks from
// aten/src/ATen/native/DistributionTemplates.h, kernels from native/cpu/DistributionTemplates.h).
// Each CPU kernel is a cpu_serial_kernel over a nullary TensorIterator (so a non-contiguous
// tensor is filled in memory order, see ./iteration.ts) drawing one double-precision sample per
// element from at::*_distribution<double>, then static_cast to the dtype. The order of the
// checks is PyTorch's: the parameter, then has_internal_overlap (TensorIterator), then the
// dtype dispatch.
import { RuntimeError, TorchTypeError } from '../errors.ts';
import { fma } from '../math/fma.ts';
import { checkInplace } from '../ops/inplace.ts';
import { bool, castScalar } from '../tensor/dtype.ts';
import { Tensor } from '../tensor/tensor.ts';
import { standardNormalDouble, uniformFloat64 } from './distributions.ts';
import { cppDouble, pyTypeName } from './format.ts';
import type { Generator } from './generator.ts';
import { finishInplace, generatorOf, notImplemented, type GeneratorOptions } from './inplace.ts';
import { assertNoInternalOverlap, serialOffsets } from './iteration.ts';
import { log } from './libm.ts';
import { glibcExp } from '../math/glibc_exp.ts';
import { tan } from './samplers_extra_libm.ts';

export interface GeometricOptions extends GeneratorOptions {
  p?: number;
}
export interface LogNormalOptions extends GeneratorOptions {
  mean?: number;
  std?: number;
}
export interface CauchyOptions extends GeneratorOptions {
  median?: number;
  sigma?: number;
}

/** The trailing options object (porting rule 2), if the argument is one. */
function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

/** A `float` parameter as PythonArgParser takes it (ints convert; anything else is a TypeError). */
function floatArg(fn: string, name: string, pos: number, v: unknown, dflt: number | null): number {
  if (v === undefined) {
    if (dflt === null) throw new TorchTypeError(`${fn}() missing 1 required positional arguments: "${name}"`);
    return dflt;
  }
  if (typeof v !== 'number') throw new TorchTypeError(`${fn}(): argument '${name}' (position ${pos}) must be float, not ${pyTypeName(v)}`);
  return v;
}

/** cpu_serial_kernel: one draw per element in iteration order, static_cast<scalar_t> on store. */
function fillSerial(t: Tensor, draw: () => number): void {
  const data = t._data;
  const n = t.numel();
  const d = t.dtype;
  // float stores round as static_cast<float> does; integer ones follow x86's cvttsd2si
  const cast = d.is_floating_point ? (v: number) => v : (v: number) => castScalar(v, d);
  const offs = serialOffsets(t);
  if (offs === null) {
    const o = t._offset;
    for (let k = 0; k < n; k++) data[o + k] = cast(draw());
  } else {
    for (let k = 0; k < n; k++) data[offs[k] as number] = cast(draw());
  }
}

// ---- geometric_ -----------------------------------------------------------------------------

/**
 * `t.geometric_(p, *, generator=None)`: the number of Bernoulli(p) trials up to the first
 * success, ceil(log(u) / log(1 − p)) with u a 53-bit uniform (transformation::geometric).
 * Floating and integer dtypes (not bool).
 */
export function geometric_(t: Tensor, p?: number | GeometricOptions, opts?: GeometricOptions): Tensor {
  let o: GeometricOptions | undefined = opts;
  if (isOptions(p)) [o, p] = [p, undefined];
  const pv = floatArg('geometric_', 'p', 1, p ?? o?.p, null);
  checkInplace(t);
  if (!(0 < pv && pv < 1)) throw new RuntimeError(`geometric_ expects p to be in (0, 1), but got p=${cppDouble(pv)}`);
  assertNoInternalOverlap(t);
  if (t.dtype === bool) throw notImplemented('geometric_cpu', t.dtype);
  geometricKernel(t, pv, generatorOf(o));
  return finishInplace(t, 'GeometricBackward0');
}

function geometricKernel(t: Tensor, p: number, g: Generator): void {
  const logQ = log(1.0 - p);
  fillSerial(t, () => Math.ceil(log(uniformFloat64(g)) / logQ));
}

// ---- log_normal_ ----------------------------------------------------------------------------

/**
 * `t.log_normal_(mean=1, std=2, *, generator=None)`: exp of a normal(mean, std) sample drawn by
 * normal_distribution<double>, so it takes (and leaves) the generator's cached second
 * Box–Muller value, like the serial normal_ path.
 */
export function log_normal_(t: Tensor, mean?: number | LogNormalOptions, std?: number | LogNormalOptions, opts?: LogNormalOptions): Tensor {
  let o: LogNormalOptions | undefined = opts;
  if (isOptions(mean)) [o, mean] = [mean, undefined];
  else if (isOptions(std)) [o, std] = [std, undefined];
  const m = floatArg('log_normal_', 'mean', 1, mean ?? o?.mean, 1);
  const s = floatArg('log_normal_', 'std', 2, std ?? o?.std, 2);
  checkInplace(t);
  if (!(s > 0.0)) throw new RuntimeError(`log_normal_ expects std > 0.0, but found std=${cppDouble(s)}`);
  assertNoInternalOverlap(t);
  if (!t.dtype.is_floating_point) throw notImplemented('log_normal_cpu', t.dtype);
  const g = generatorOf(o);
  // transformation::normal's `val * std + mean` is one fma in the FMA build, as in normal_
  fillSerial(t, () => glibcExp(fma(standardNormalDouble(g), s, m)));
  return finishInplace(t, 'LogNormalBackward0');
}

// ---- cauchy_ --------------------------------------------------------------------------------

/**
 * `t.cauchy_(median=0, sigma=1, *, generator=None)`: median + sigma·tan(π·(u − 0.5)) with u a
 * 53-bit uniform (the double specialisation of transformation::cauchy: no clamping of u).
 */
export function cauchy_(t: Tensor, median?: number | CauchyOptions, sigma?: number | CauchyOptions, opts?: CauchyOptions): Tensor {
  let o: CauchyOptions | undefined = opts;
  if (isOptions(median)) [o, median] = [median, undefined];
  else if (isOptions(sigma)) [o, sigma] = [sigma, undefined];
  const med = floatArg('cauchy_', 'median', 1, median ?? o?.median, 0);
  const sig = floatArg('cauchy_', 'sigma', 2, sigma ?? o?.sigma, 1);
  checkInplace(t);
  assertNoInternalOverlap(t);
  if (!t.dtype.is_floating_point) throw notImplemented('cauchy_cpu', t.dtype);
  const g = generatorOf(o);
  // u − 0.5 is exact for u = k·2^-53; `median + sigma * tan(…)` contracts to one fma
  fillSerial(t, () => fma(sig, tan(Math.PI * (uniformFloat64(g) - 0.5)), med));
  return finishInplace(t, 'CauchyBackward0');
}
