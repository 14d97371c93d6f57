// Random factories: torch.rand, randn, randint, randperm and their *_like forms. Each makes an
// empty tensor and fills it with the in-place sampler, as ATen's factories do (so they share
// its checks and draw order), then applies `requires_grad`.
import { markInference } from '../autograd/record.ts';
import { RuntimeError, TorchTypeError } from '../errors.ts';
import { float32, float64, get_default_dtype, int16, int32, int64, int8, uint8, type dtype } from '../tensor/dtype.ts';
import { contiguousStrides, isContiguous, numelOf } from '../tensor/shape.ts';
import { Tensor } from '../tensor/tensor.ts';
import { isInt, pyTypeName } from './format.ts';
import type { Generator } from './generator.ts';
import { generatorOf, normalImpl, randomFromToImpl, uniformImpl } from './inplace.ts';
import { iterationPerm } from '../tensor/layout.ts';

/** The keywords of PyTorch's random factories (porting rule 2). */
export interface RandomFactoryOptions {
  generator?: Generator | null;
  dtype?: dtype | null;
  requires_grad?: boolean;
  device?: unknown;
  layout?: unknown;
  pin_memory?: boolean;
}
/** The keywords of the *_like factories (no generator in PyTorch 1.13). */
export interface LikeOptions {
  dtype?: dtype | null;
  requires_grad?: boolean;
  device?: unknown;
  layout?: unknown;
  memory_format?: unknown;
}

type SizeArg = number | readonly number[];

function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

const SIZE_SIGNATURES = [
  ' * (tuple of ints size, *, torch.Generator generator, tuple of names names, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (tuple of ints size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (tuple of ints size, *, tuple of names names, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
].join('\n');

/** PythonArgParser's "no overload matched" text. */
function invalidCombination(fn: string, args: readonly unknown[], signatures: string): TorchTypeError {
  const got = args.map(pyTypeName).join(', ');
  return new TorchTypeError(`${fn}() received an invalid combination of arguments - got (${got}), but expected one of:\n${signatures}\n`);
}

/**
 * A list given for `size`: a non-int first element fails the overload match,
 * a later one is reported by index, as PyTorch's parser does. Returns null when all are ints.
 */
function badSizeList(fn: string, list: readonly unknown[]): TorchTypeError | 'overload' | null {
  if (list.length > 0 && !isInt(list[0])) return 'overload';
  const bad = list.findIndex((a) => !isInt(a));
  if (bad < 0) return null;
  return new TorchTypeError(`${fn}(): argument 'size' must be tuple of ints, but found element of type ${pyTypeName(list[bad])} at pos ${bad + 1}`);
}

function checkNonNegative(sizes: readonly number[]): number[] {
  for (const s of sizes) {
    if (s < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${s}: [${sizes.join(', ')}]`);
  }
  return sizes.slice();
}

/** The sizes of `f(2, 3)` / `f([2, 3])`, with the texts of PyTorch's argument parser. */
function parseSizes(fn: string, args: readonly unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) {
    const e = badSizeList(fn, args[0] as unknown[]);
    if (e === 'overload') throw new TorchTypeError(`${fn}(): argument 'size' (position 1) must be tuple of ints, not list`);
    if (e !== null) throw e;
    return checkNonNegative(args[0] as number[]);
  }
  if (args.length === 1 && !isInt(args[0])) {
    throw new TorchTypeError(`${fn}(): argument 'size' (position 1) must be tuple of ints, not ${pyTypeName(args[0])}`);
  }
  const e = badSizeList(fn, args);
  if (e === 'overload') throw invalidCombination(fn, args, SIZE_SIGNATURES);
  if (e !== null) throw e;
  return checkNonNegative(args as number[]);
}

function splitOptions<O>(args: readonly unknown[]): [unknown[], O | undefined] {
  const a = args.slice();
  if (a.length > 0 && isOptions(a[a.length - 1])) return [a.slice(0, -1), a[a.length - 1] as O];
  return [a, undefined];
}

/** Applies `requires_grad=True` as the Python bindings do after the factory ran. */
function finish(t: Tensor, requiresGrad: boolean | undefined): Tensor {
  if (requiresGrad) {
    if (!t.dtype.is_floating_point) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
    t._requires_grad = true;
  }
  return markInference(t);
}

/** empty_like with memory_format=preserve: a dense input keeps its strides (its layout order). */
function emptyLike(like: Tensor, d: dtype): Tensor {
  const shape = like._shape.slice();
  if (isContiguous(shape, like._stride)) return Tensor._empty(shape, d);
  // infer_dense_strides: the input's dim order by stride, filled densely.
  const perm = iterationPerm(shape, like._stride);
  const stride = contiguousStrides(shape);
  let s = 1;
  for (const dim of perm) {
    stride[dim] = s;
    s *= Math.max(shape[dim] as number, 1);
  }
  return new Tensor(new d.ArrayType(numelOf(shape)), shape, stride, 0, d);
}

// ---- rand / randn ---------------------------------------------------------------------------

/** `torch.rand(*size, *, generator=None, dtype=None, requires_grad=False)`: uniform on [0, 1). */
export function rand(...args: (SizeArg | RandomFactoryOptions)[]): Tensor {
  const [sizeArgs, o] = splitOptions<RandomFactoryOptions>(args);
  const t = Tensor._empty(parseSizes('rand', sizeArgs), o?.dtype ?? get_default_dtype());
  uniformImpl(t, 0, 1, generatorOf(o));
  return finish(t, o?.requires_grad);
}

/** `torch.randn(*size, *, generator=None, dtype=None, requires_grad=False)`: standard normal. */
export function randn(...args: (SizeArg | RandomFactoryOptions)[]): Tensor {
  const [sizeArgs, o] = splitOptions<RandomFactoryOptions>(args);
  const t = Tensor._empty(parseSizes('randn', sizeArgs), o?.dtype ?? get_default_dtype());
  normalImpl(t, 0, 1, generatorOf(o));
  return finish(t, o?.requires_grad);
}

export function rand_like(input: Tensor, opts?: LikeOptions): Tensor {
  const t = emptyLike(input, opts?.dtype ?? input.dtype);
  uniformImpl(t, 0, 1, generatorOf(undefined));
  return finish(t, opts?.requires_grad);
}

export function randn_like(input: Tensor, opts?: LikeOptions): Tensor {
  const t = emptyLike(input, opts?.dtype ?? input.dtype);
  normalImpl(t, 0, 1, generatorOf(undefined));
  return finish(t, opts?.requires_grad);
}

// ---- randint --------------------------------------------------------------------------------

const RANDINT_SIGNATURES = [
  ' * (int high, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (int high, tuple of ints size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  ' * (int low, int high, tuple of ints size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
].join('\n');

function checkInt64(v: number): bigint {
  const b = BigInt(v);
  if (b < -(2n ** 63n) || b >= 2n ** 63n) throw new RuntimeError('Overflow when unpacking long');
  return b;
}

/** [low, high) and the size from randint's positional arguments, with the parser's errors. */
function parseRandint(fn: string, pos: readonly unknown[]): [bigint, bigint, number[]] {
  const n = pos.length;
  const size = pos[n - 1];
  const bounds = pos.slice(0, -1);
  if (n < 2 || n > 3 || (n === 3 && (!isInt(bounds[0]) || !isInt(bounds[1]) || !Array.isArray(size)))) {
    throw invalidCombination(fn, pos, RANDINT_SIGNATURES);
  }
  if (n === 2 && !isInt(bounds[0])) throw new TorchTypeError(`${fn}(): argument 'high' (position 1) must be int, not ${pyTypeName(bounds[0])}`);
  if (!Array.isArray(size)) throw new TorchTypeError(`${fn}(): argument 'size' (position ${n}) must be tuple of ints, not ${pyTypeName(size)}`);
  const e = badSizeList(fn, size);
  if (e === 'overload') {
    if (n === 3) throw invalidCombination(fn, pos, RANDINT_SIGNATURES);
    throw new TorchTypeError(`${fn}(): argument 'size' (position ${n}) must be tuple of ints, not list`);
  }
  if (e !== null) throw e;
  const ints = bounds as number[];
  const [low, high] = n === 2 ? [0n, checkInt64(ints[0] as number)] : [checkInt64(ints[0] as number), checkInt64(ints[1] as number)];
  return [low, high, checkNonNegative(size as number[])];
}

/**
 * `torch.randint(high, size)` / `torch.randint(low, high, size)` with `{ generator, dtype,
 * requires_grad }`: integers uniform on [low, high), int64 unless a dtype is given.
 */
export function randint(high: number, size: readonly number[], opts?: RandomFactoryOptions): Tensor;
export function randint(low: number, high: number, size: readonly number[], opts?: RandomFactoryOptions): Tensor;
export function randint(...args: unknown[]): Tensor {
  const [pos, o] = splitOptions<RandomFactoryOptions>(args);
  const [low, high, size] = parseRandint('randint', pos);
  const t = Tensor._empty(size, o?.dtype ?? int64);
  randomFromToImpl(t, low, high, generatorOf(o));
  return finish(t, o?.requires_grad);
}

/** `torch.randint_like(input, high)` / `torch.randint_like(input, low, high)`, dtype of input. */
export function randint_like(input: Tensor, high: number, opts?: LikeOptions): Tensor;
export function randint_like(input: Tensor, low: number, high: number, opts?: LikeOptions): Tensor;
export function randint_like(input: Tensor, ...args: unknown[]): Tensor {
  const [pos, o] = splitOptions<LikeOptions>(args);
  for (const [i, a] of pos.entries()) {
    if (!isInt(a)) {
      const name = pos.length === 1 || i === 1 ? 'high' : 'low';
      throw new TorchTypeError(`randint_like(): argument '${name}' (position ${i + 2}) must be int, not ${pyTypeName(a)}`);
    }
  }
  const [low, high] = pos.length === 1 ? [0n, checkInt64(pos[0] as number)] : [checkInt64(pos[0] as number), checkInt64(pos[1] as number)];
  const t = emptyLike(input, o?.dtype ?? input.dtype);
  randomFromToImpl(t, low, high, generatorOf(undefined));
  return finish(t, o?.requires_grad);
}

// ---- randperm -------------------------------------------------------------------------------

/** The C type names c10's checked_convert reports for integer dtypes. */
const C_INT_NAMES = new Map<dtype, [string, number]>([
  [uint8, ['uint8_t', 255]],
  [int8, ['int8_t', 127]],
  [int16, ['int16_t', 32767]],
  [int32, ['int', 2 ** 31 - 1]], // c10's accessor for Int is named after C's int
]);

/**
 * `torch.randperm(n, *, generator=None, dtype=torch.int64, requires_grad=False)`
 * (randperm_cpu in aten/src/ATen/native/TensorFactories.cpp): identity, then for i < n − 1
 * swap element i with element i + random() % (n − i).
 */
export function randperm(n: number, opts?: RandomFactoryOptions): Tensor {
  if (!isInt(n)) throw new TorchTypeError(`randperm(): argument 'n' (position 1) must be int, not ${pyTypeName(n)}`);
  if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const d = opts?.dtype ?? int64;
  // check_supported_max_int_with_precision
  const lim = C_INT_NAMES.get(d);
  if (lim !== undefined && (n > 0 ? n - 1 : n) > lim[1]) {
    throw new RuntimeError(`value cannot be converted to type ${lim[0]} without overflow`);
  }
  if (d === float32 && n > 2 ** 24 + 1) throw new RuntimeError('n cannot be greater than 2^24+1 for Float type.');
  if (d === float64 && n > 2 ** 53 + 1) throw new RuntimeError('n cannot be greater than 2^53+1 for Double type.');
  if (!d.is_floating_point && d !== int64 && lim === undefined) throw new RuntimeError(`"randperm" not implemented for '${d.scalarName}'`);
  const g = generatorOf(opts);
  const t = Tensor._empty([n], d);
  const r = t._data;
  for (let i = 0; i < n; i++) r[i] = i;
  const e = g._engine;
  for (let i = 0; i < n - 1; i++) {
    const z = e.random() % (n - i);
    const sav = r[i] as number;
    r[i] = r[z + i] as number;
    r[z + i] = sav;
  }
  return finish(t, opts?.requires_grad);
}
