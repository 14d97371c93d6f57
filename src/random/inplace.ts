// In-place samplers: Tensor.uniform_, normal_, random_, exponential_ (argument checks from
// aten/src/ATen/native/DistributionTemplates.h, kernels in ./kernels.ts). Each bumps the
// version counter and refuses a leaf that requires grad (check_inplace, shared with ops/inplace.ts).
import { needsGrad } from '../autograd/record.ts';
import { RuntimeError, TorchTypeError, warnOnce } from '../errors.ts';
import { bool, float32, float64, int16, int32, int64, int8, uint8, type dtype } from '../tensor/dtype.ts';
import { checkInplace, rebaseHistory } from '../ops/inplace.ts';
import { zerosLikeValue } from '../ops/pointwise/select_where.ts';
import { Tensor } from '../tensor/tensor.ts';
import { cppDouble, isInt, pyTypeName } from './format.ts';
import { default_generator, Generator } from './generator.ts';
import { assertNoInternalOverlap } from './iteration.ts';
import { exponentialKernel, normalKernel, randomFromToKernel, randomFull64Kernel, randomKernel, uniformKernel } from './kernels.ts';

export interface GeneratorOptions {
  generator?: Generator | null;
}
export interface UniformOptions extends GeneratorOptions {
  from?: number;
  to?: number;
}
export interface NormalOptions extends GeneratorOptions {
  mean?: number;
  std?: number;
}
export interface ExponentialOptions extends GeneratorOptions {
  lambd?: number;
}
export interface RandomOptions extends GeneratorOptions {
  from?: number;
  to?: number | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The trailing options object (porting rule 2), if the last argument is one. */
function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

export function generatorOf(opts: GeneratorOptions | undefined): Generator {
  const g = opts?.generator;
  if (g === undefined || g === null) return default_generator;
  if (!(g instanceof Generator)) {
    throw new TorchTypeError(`expected a torch.Generator, but got ${pyTypeName(g)}`);
  }
  return g;
}

/** The C++ type name of a dtype as caffe2::TypeMeta prints it (bounds-check messages). */
function typeMetaName(d: dtype): string {
  switch (d) {
    case float32:
      return 'float';
    case float64:
      return 'double';
    case int64:
      return 'long int';
    case int32:
      return 'int';
    case int16:
      return 'short int';
    case int8:
      return 'signed char';
    case uint8:
      return 'unsigned char';
    case bool:
      return 'bool';
    default:
      return d.name;
  }
}

/**
 * After the kernel: bump the version and, in a graph, rebase the history onto the sampler's
 * node (ops/inplace.ts handles views with CopySlices). Sampling replaces the values, so the
 * gradient flowing back through it is zero (derivatives.yaml: `self: zeros_like(grad)`).
 */
export function finishInplace(t: Tensor, gradFnName: string): Tensor {
  t._bumpVersion();
  if (needsGrad(t)) {
    rebaseHistory(t, gradFnName, [t], (g, _s, node) => [node.needs[0] ? zerosLikeValue(g[0] as Tensor) : null], []);
  }
  return t;
}

export function notImplemented(kernel: string, d: dtype): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${d.scalarName}'`);
}

const FLOAT_MAX: Record<string, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

// ---- uniform_ -------------------------------------------------------------------------------

/** `t.uniform_(from=0, to=1, *, generator=None)`. */
export function uniform_(t: Tensor, from?: number | UniformOptions, to?: number | UniformOptions, opts?: UniformOptions): Tensor {
  let o: UniformOptions | undefined = opts;
  if (isOptions(from)) [o, from] = [from, undefined];
  else if (isOptions(to)) [o, to] = [to, undefined];
  checkInplace(t);
  uniformImpl(t, (from as number | undefined) ?? o?.from ?? 0, (to as number | undefined) ?? o?.to ?? 1, generatorOf(o));
  return finishInplace(t, 'UniformBackward0');
}

/** uniform_impl_: the checks and the kernel, without autograd's part (factories call this). */
export function uniformImpl(t: Tensor, from: number, to: number, g: Generator): void {
  let lo = from;
  let hi = to;
  const d = t.dtype;
  if (!d.is_floating_point) throw notImplemented('check_uniform_bounds', d);
  const max = FLOAT_MAX[d.name] as number;
  const name = typeMetaName(d);
  if (!(lo >= -max && lo <= max)) throw new RuntimeError(`from is out of bounds for ${name}`);
  if (!(hi >= -max && hi <= max)) throw new RuntimeError(`to is out of bounds for ${name}`);
  if (!(lo <= hi)) {
    throw new RuntimeError(`uniform_ expects to return a [from, to) range, but found from=${cppDouble(lo)} > to=${cppDouble(hi)}`);
  }
  if (!(hi - lo <= max)) {
    throw new RuntimeError(
      `uniform_ expects to-from <= std::numeric_limits<${d.scalarName}>::max(), but found to=${cppDouble(hi)} and from=${cppDouble(lo)} which result in to-from to exceed the limit`,
    );
  }
  lo = Math.min(Math.max(lo, -max), max);
  hi = Math.max(Math.min(hi, max), -max);
  assertNoInternalOverlap(t);
  uniformKernel(t, lo, hi, g);
}

// ---- normal_ --------------------------------------------------------------------------------

/** `t.normal_(mean=0, std=1, *, generator=None)`. */
export function normal_(t: Tensor, mean?: number | NormalOptions, std?: number | NormalOptions, opts?: NormalOptions): Tensor {
  let o: NormalOptions | undefined = opts;
  if (isOptions(mean)) [o, mean] = [mean, undefined];
  else if (isOptions(std)) [o, std] = [std, undefined];
  checkInplace(t);
  normalImpl(t, (mean as number | undefined) ?? o?.mean ?? 0, (std as number | undefined) ?? o?.std ?? 1, generatorOf(o));
  return finishInplace(t, 'NormalBackward0');
}

/** normal_impl_: the checks and the kernel, without autograd's part (factories call this). */
export function normalImpl(t: Tensor, m: number, s: number, g: Generator): void {
  if (!(s >= 0.0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${cppDouble(s)}`);
  if (!t.dtype.is_floating_point) throw notImplemented('normal_kernel_cpu', t.dtype);
  if (!t.is_contiguous()) assertNoInternalOverlap(t);
  normalKernel(t, m, s, g);
}

// ---- exponential_ ---------------------------------------------------------------------------

/** `t.exponential_(lambd=1, *, generator=None)`. */
export function exponential_(t: Tensor, lambd?: number | ExponentialOptions, opts?: ExponentialOptions): Tensor {
  let o: ExponentialOptions | undefined = opts;
  if (isOptions(lambd)) [o, lambd] = [lambd, undefined];
  const l = (lambd as number | undefined) ?? o?.lambd ?? 1;
  checkInplace(t);
  if (!(l >= 0.0)) throw new RuntimeError(`exponential_ expects lambda >= 0.0, but found lambda=${cppDouble(l)}`);
  assertNoInternalOverlap(t);
  if (!t.dtype.is_floating_point) throw notImplemented('exponential_cpu', t.dtype);
  exponentialKernel(t, l, generatorOf(o));
  return finishInplace(t, 'ExponentialBackward0');
}

// ---- random_ --------------------------------------------------------------------------------

const RANDOM_SIGNATURES =
  ' * (*, torch.Generator generator)\n * (int from, int to, *, torch.Generator generator)\n * (int to, *, torch.Generator generator)\n';

function randomArgError(args: readonly unknown[]): TorchTypeError {
  const got = args.map(pyTypeName).join(', ');
  // With two arguments the parser also explains why the no-argument overload failed.
  const why = args.length === 2 ? `      didn't match because some of the arguments have invalid types: (${args.map((a) => `!${pyTypeName(a)}!`).join(', ')})\n` : '';
  const sigs = RANDOM_SIGNATURES.replace('generator)\n', `generator)\n${why}`);
  return new TorchTypeError(`random_() received an invalid combination of arguments - got (${got}), but expected one of:\n${sigs}`);
}

/** digits of std::numeric_limits<scalar_t> for the float dtypes */
function floatDigits(d: dtype): number {
  return d === float32 ? 24 : 53;
}

/** static_cast<int64_t>(static_cast<scalar_t>(v)) for a float dtype. */
function roundTripFloat(v: bigint, d: dtype): bigint {
  const x = d === float32 ? Math.fround(Number(v)) : Number(v);
  const r = BigInt(x);
  return r > INT64_MAX ? INT64_MIN : r; // out-of-range casts wrap to INT64_MIN on x86
}

function bitLength(v: bigint): number {
  let n = 0;
  let x = v;
  while ((x >>= 1n) > 0n) n++;
  return n;
}

/** update_from: the next `from` that survives the cast to the float dtype. */
function updateFrom(from: bigint, d: dtype): bigint {
  const fromPlus1 = roundTripFloat(from + 1n, d);
  if (fromPlus1 < from) {
    const a = from + 1n < 0n ? -(from + 1n) : from + 1n;
    return fromPlus1 + (1n << BigInt(bitLength(a) - floatDigits(d) + 1));
  }
  return from;
}

/** update_to: the previous `to` that survives the cast to the float dtype. */
function updateTo(to: bigint, d: dtype): bigint {
  const toMinus1 = roundTripFloat(to - 1n, d);
  if (toMinus1 >= to) {
    const a = to - 1n < 0n ? -(to - 1n) : to - 1n;
    return toMinus1 - (1n << BigInt(bitLength(a) - floatDigits(d) + 1));
  }
  return to;
}

function integralBounds(d: dtype): [bigint, bigint] {
  switch (d) {
    case bool:
      return [0n, 1n];
    case uint8:
      return [0n, 255n];
    case int8:
      return [-128n, 127n];
    case int16:
      return [-32768n, 32767n];
    case int32:
      return [-(2n ** 31n), 2n ** 31n - 1n];
    default:
      return [INT64_MIN, INT64_MAX];
  }
}

/** check_from_to_in_range, with the float-precision warnings. */
function checkFromToInRange(from: bigint, toInc: bigint, d: dtype): void {
  const name = typeMetaName(d);
  if (d.is_floating_point) {
    const max = FLOAT_MAX[d.name] as number;
    if (!(Number(from) >= -max && Number(from) <= max)) throw new RuntimeError(`from is out of bounds for ${name}`);
    if (!(Number(toInc) >= -max && Number(toInc) <= max)) throw new RuntimeError(`to - 1 is out of bounds for ${name}`);
    const digits = floatDigits(d);
    const lim = 1n << BigInt(digits);
    for (const [v, label] of [
      [from, 'from'],
      [toInc, 'to - 1'],
    ] as const) {
      if (v < -lim || v > lim) {
        warnOnce(
          'UserWarning',
          `${label} is out of bounds [-(2^${digits}), 2^${digits}]. Due to precision limitations ${name} can support discrete uniform distribution only within this range. This warning will become an error in version 1.7 release, please fix the code in advance`,
        );
      }
    }
  } else {
    const [min, max] = integralBounds(d);
    if (!(from >= min && from <= max)) throw new RuntimeError(`from is out of bounds for ${name}`);
    if (!(toInc >= min && toInc <= max)) throw new RuntimeError(`to - 1 is out of bounds for ${name}`);
  }
}

/**
 * `t.random_()`, `t.random_(to)`, `t.random_(from, to)` and `t.random_(from, null)` (to = the
 * dtype's largest value), each with a trailing `{ generator }`.
 */
export function random_(t: Tensor, opts?: GeneratorOptions): Tensor;
export function random_(t: Tensor, to: number, opts?: GeneratorOptions): Tensor;
export function random_(t: Tensor, from: number, to: number | null, opts?: GeneratorOptions): Tensor;
export function random_(t: Tensor, ...args: unknown[]): Tensor {
  let o: RandomOptions | undefined;
  if (args.length > 0 && isOptions(args[args.length - 1])) o = args.pop() as RandomOptions;
  if (o !== undefined && args.length === 0 && ('from' in o || 'to' in o)) {
    args = 'from' in o ? [o.from, o.to ?? null] : [o.to];
  }
  if (args.length > 2 || args.some((a, i) => !(isInt(a) || (i === 1 && a === null)))) throw randomArgError(args);
  for (const a of args) {
    if (a !== null && (BigInt(a as number) < INT64_MIN || BigInt(a as number) > INT64_MAX)) throw new RuntimeError('Overflow when unpacking long');
  }
  checkInplace(t);
  const g = generatorOf(o);
  if (args.length === 0) {
    assertNoInternalOverlap(t);
    randomKernel(t, g);
    return finishInplace(t, 'RandomBackward2');
  }
  if (args.length === 1) randomFromToImpl(t, 0n, BigInt(args[0] as number), g);
  else randomFromToImpl(t, BigInt(args[0] as number), args[1] === null ? null : BigInt(args[1] as number), g);
  return finishInplace(t, args.length === 1 ? 'RandomBackward1' : 'RandomBackward0');
}

/** random_from_to_impl: [from, to), or [from, dtype max] when to is null. */
export function randomFromToImpl(t: Tensor, fromArg: bigint, toOpt: bigint | null, g: Generator): void {
  const d = t.dtype;
  let from = fromArg;
  if (toOpt !== null) {
    let to = toOpt;
    if (!(from < to)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
    if (d.is_floating_point) {
      from = updateFrom(from, d);
      to = updateTo(to, d);
      if (!(from < to)) {
        throw new RuntimeError(`random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${from} >= to=${to}`);
      }
    }
    checkFromToInRange(from, to - 1n, d);
    assertNoInternalOverlap(t);
    randomFromToKernel(t, to - from, from, g);
  } else if (from !== INT64_MIN) {
    let toInc: bigint;
    if (d.is_floating_point) {
      toInc = 1n << BigInt(floatDigits(d));
      from = updateFrom(from, d);
      if (!(from < toInc)) {
        throw new RuntimeError(
          `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${from} > to_inc=${toInc}`,
        );
      }
    } else {
      toInc = integralBounds(d)[1];
    }
    checkFromToInRange(from, toInc, d);
    assertNoInternalOverlap(t);
    randomFromToKernel(t, toInc - from + 1n, from, g);
  } else {
    assertNoInternalOverlap(t);
    randomFull64Kernel(t, g);
  }
}
