// Random ops beyond the factories and the basic in-place samplers: torch.bernoulli /
// Tensor.bernoulli_, torch.multinomial, torch.normal's tensor forms, torch.poisson. Each draws
// from the generator exactly as ATen's CPU code does (aten/src/ATen/native/Distributions.cpp,
// cpu/DistributionTemplates.h, cpu/MultinomialKernel.cpp), so that a seeded call gives
// PyTorch's values and leaves the generator where PyTorch leaves it.
import { needsGrad, record } from '../autograd/record.ts';
import { no_grad } from '../autograd/grad_mode.ts';
import { RuntimeError, TorchTypeError } from '../errors.ts';
import { float32, float64, get_default_dtype, int64, type dtype } from '../tensor/dtype.ts';
import { broadcastShapes, contiguousStrides, numelOf } from '../tensor/shape.ts';
import { preservedStrides } from '../tensor/like_factories.ts';
import { Tensor } from '../tensor/tensor.ts';
import { checkInplace, rebaseHistory } from '../ops/inplace.ts';
import { zerosLikeValue } from '../ops/pointwise/select_where.ts';
import { add_, mul_ } from '../ops/pointwise/arithmetic.ts';
import { expand } from '../ops/shape/views.ts';
import { forEachGroup, reduceMask } from '../ops/reduce/reduce_more_util.ts';
import { topk } from '../ops/sorting/sort.ts';
import { cppDouble } from './format.ts';
import { generatorOf, normalImpl, type GeneratorOptions } from './inplace.ts';
import type { Generator } from './generator.ts';
import { assertNoInternalOverlap } from './iteration.ts';
import { iterationPerm } from '../tensor/layout.ts';
import { exponentialKernel } from './kernels.ts';
import { uniformFloat32, uniformFloat64 } from './distributions.ts';
import { log } from './libm.ts';

/** The trailing options object (porting rule 2), if the last argument is one. */
function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor);
}

function popOptions<T>(args: unknown[]): T | undefined {
  return args.length > 0 && isOptions(args[args.length - 1]) ? (args.pop() as T) : undefined;
}

/**
 * cpu_serial_kernel over an output and one input read with `inStride` (broadcast dims 0): visits
 * the elements in the output's iteration order (its strides, smallest first), giving the
 * output's and the input's storage offsets.
 */
function serialPairs(out: Tensor, inStride: readonly number[], inOffset: number, f: (o: number, i: number) => void): void {
  const shape = out._shape;
  const perm = iterationPerm(shape, out._stride);
  const nd = perm.length;
  const n = numelOf(shape);
  const idx = new Array<number>(nd).fill(0);
  let o = out._offset;
  let i = inOffset;
  for (let k = 0; k < n; k++) {
    f(o, i);
    for (let j = 0; j < nd; j++) {
      const d = perm[j] as number;
      const c = (idx[j] as number) + 1;
      if (c < (shape[d] as number)) {
        idx[j] = c;
        o += out._stride[d] as number;
        i += inStride[d] as number;
        break;
      }
      idx[j] = 0;
      o -= (c - 1) * (out._stride[d] as number);
      i -= (c - 1) * (inStride[d] as number);
    }
  }
}

/** The values of `t` in row-major (logical) order. */
function flatValues(t: Tensor): Float64Array {
  let out = new Float64Array(0);
  forEachGroup(t, reduceMask(t._shape.length, null), (v) => (out = Float64Array.from(v)));
  return out;
}

/** Output for the in-place ops: bump the version, and in a graph make the sampler the history. */
function finishInplace(t: Tensor, name: string, p: Tensor | null): void {
  t._bumpVersion();
  const inputs = p === null ? [t] : [t, p];
  if (needsGrad(t, p)) {
    rebaseHistory(t, name, inputs, (g, _s, node) => [
      node.needs[0] ? zerosLikeValue(g[0] as Tensor) : null,
      ...(p === null ? [] : [node.needs[1] ? zerosLikeValue(p) : null]),
    ], []);
  }
}

// ---- bernoulli ------------------------------------------------------------------------------

const P_IN_RANGE = 'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)';

/** bernoulli_kernel(self, p tensor): p broadcast to self; a double p draws 53 bits, a float one 24. */
function bernoulliTensorKernel(self: Tensor, p: Tensor, g: Generator): void {
  if (!p.dtype.is_floating_point) throw new RuntimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${p.dtype.scalarName}'`);
  // expand_inplace: p read as if broadcast to self's shape (expand's errors when it cannot be).
  const pe = no_grad(() => expand(p, [self._shape]));
  const pStride = pe._stride;
  const isDouble = p.dtype === float64;
  const d = self._data;
  serialPairs(self, pStride, p._offset, (o, i) => {
    const pv = p._data[i] as number;
    if (!(pv >= 0 && pv <= 1)) throw new RuntimeError(P_IN_RANGE);
    const u = isDouble ? uniformFloat64(g) : uniformFloat32(g);
    d[o] = u < pv ? 1 : 0;
  });
}

/** bernoulli_kernel(self, double p): bernoulli_distribution<double> per element. */
function bernoulliScalarKernel(self: Tensor, p: number, g: Generator): void {
  const d = self._data;
  serialPairs(self, self._stride, 0, (o) => {
    d[o] = uniformFloat64(g) < p ? 1 : 0;
  });
}

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_ expects p to be in [0, 1], but got p=${cppDouble(p)}`);
}

/** `self.bernoulli_(p=0.5, *, generator=None)`, p a number or a tensor broadcast to self. */
export function bernoulli_(self: Tensor, p?: number | Tensor | (GeneratorOptions & { p?: number | Tensor }), opts?: GeneratorOptions): Tensor {
  const args: unknown[] = [p, opts].filter((a) => a !== undefined);
  const o = popOptions<GeneratorOptions & { p?: number | Tensor }>(args);
  const pv = (args[0] as number | Tensor | undefined) ?? o?.p ?? 0.5;
  checkInplace(self);
  const g = generatorOf(o);
  if (pv instanceof Tensor) {
    assertNoInternalOverlap(self);
    bernoulliTensorKernel(self, pv, g);
    finishInplace(self, 'BernoulliBackward1', pv);
  } else {
    checkP(pv);
    assertNoInternalOverlap(self);
    bernoulliScalarKernel(self, pv, g);
    finishInplace(self, 'BernoulliBackward2', null);
  }
  return self;
}

/**
 * `torch.bernoulli(input, *, generator=None)`: 0/1 draws with probabilities `input`
 * (BernoulliBackward0); `torch.bernoulli(input, p)`: draws with probability p, shaped like input.
 */
export function bernoulli(input: Tensor, p?: number | (GeneratorOptions & { p?: number }), opts?: GeneratorOptions): Tensor {
  const args: unknown[] = [p, opts].filter((a) => a !== undefined);
  const o = popOptions<GeneratorOptions & { p?: number }>(args);
  const pv = (args[0] as number | undefined) ?? o?.p;
  const g = generatorOf(o);
  // empty_like(input, LEGACY_CONTIGUOUS_MEMORY_FORMAT): draws land in row-major order.
  const out = fresh(input._shape.slice(), input.dtype);
  if (pv !== undefined) {
    checkP(pv);
    bernoulliScalarKernel(out, pv, g);
    return out;
  }
  bernoulliTensorKernel(out, input, g);
  if (needsGrad(input)) record('BernoulliBackward0', [input], out, (gr) => [zerosLikeValue(gr[0] as Tensor)]);
  return out;
}

// ---- multinomial ----------------------------------------------------------------------------

export interface MultinomialOptions extends GeneratorOptions {
  num_samples?: number;
  replacement?: boolean;
}

/** multinomial_with_replacement_apply: inverse-CDF sampling on the normalised cumulative sums. */
function withReplacement(self: Tensor, n: number, result: Tensor, g: Generator): void {
  const isFloat = self.dtype === float32;
  const r = isFloat ? Math.fround : (v: number): number => v;
  const nCat = self._shape[self._shape.length - 1] as number;
  const nDist = self._shape.length > 1 ? (self._shape[0] as number) : 1;
  const s0 = self._shape.length > 1 ? (self._stride[0] as number) : 0;
  const s1 = self._stride[self._shape.length - 1] as number;
  const cum = new Float64Array(nCat);
  for (let i = 0; i < nDist; i++) {
    let sum = 0;
    for (let j = 0; j < nCat; j++) {
      const val = self._data[self._offset + i * s0 + j * s1] as number;
      if (!(val >= 0)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry < 0)');
      if (!Number.isFinite(val)) throw new RuntimeError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
      sum = r(sum + val);
      cum[j] = sum;
    }
    if (!(sum > 0)) throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < nCat; j++) cum[j] = r((cum[j] as number) / sum);
    for (let j = 0; j < n; j++) {
      const u = uniformFloat64(g);
      cum[nCat - 1] = 1;
      let left = 0;
      let right = nCat;
      while (right - left > 0) {
        const mid = left + ((right - left) >> 1);
        if ((cum[mid] as number) < u) left = mid + 1;
        else right = mid;
      }
      result._data[i * n + j] = left;
    }
  }
}

/**
 * Without replacement (the "exponential race" of multinomial_out): q ~ Exp(1) shaped like the
 * probabilities, then the indices of the n largest p / q (argmax when n is 1).
 */
function withoutReplacement(self: Tensor, n: number, result: Tensor, g: Generator): void {
  const vals = flatValues(self);
  if (!vals.every((v) => v < Infinity && v >= 0)) {
    throw new RuntimeError('probability tensor contains either `inf`, `nan` or element < 0');
  }
  const nCat = self._shape[self._shape.length - 1] as number;
  const nDist = self._shape.length > 1 ? (self._shape[0] as number) : 1;
  for (let i = 0; i < nDist; i++) {
    if (vals.subarray(i * nCat, (i + 1) * nCat).every((v) => v === 0)) {
      throw new RuntimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    }
  }
  // empty_like(self) keeps self's layout, so exponential_ fills it in self's memory order.
  const shape = self._shape.slice();
  const q = new Tensor(new self.dtype.ArrayType(numelOf(shape)), shape, preservedStrides(self), 0, self.dtype);
  exponentialKernel(q, 1, g);
  const qv = flatValues(q);
  const r = self.dtype === float32 ? Math.fround : (v: number): number => v;
  const ratio = Tensor._empty(shape.slice(), self.dtype);
  for (let k = 0; k < qv.length; k++) ratio._data[k] = r((vals[k] as number) / (qv[k] as number));
  if (n === 1) {
    // argmax(dim=-1, keepdim=True): the first largest.
    for (let i = 0; i < nDist; i++) {
      let best = 0;
      for (let j = 1; j < nCat; j++) if ((ratio._data[i * nCat + j] as number) > (ratio._data[i * nCat + best] as number)) best = j;
      result._data[i] = best;
    }
    return;
  }
  result._data.set(topk(ratio, n).indices._data);
}

/** `torch.multinomial(input, num_samples, replacement=False, *, generator=None)`: int64 indices. */
export function multinomial(input: Tensor, num_samples: number, ...rest: (boolean | MultinomialOptions | undefined)[]): Tensor {
  const args: unknown[] = rest.filter((a) => a !== undefined);
  const o = popOptions<MultinomialOptions>(args);
  const n = num_samples;
  const replacement = (args[0] as boolean | undefined) ?? o?.replacement ?? false;
  const g = generatorOf(o);
  const nd = input._shape.length;
  if (!(nd > 0 && nd <= 2)) throw new RuntimeError('prob_dist must be 1 or 2 dim');
  if (!input.dtype.is_floating_point) {
    throw new RuntimeError(`multinomial only supports floating-point dtypes for input, got: ${input.dtype.scalarName}`);
  }
  if (!(n > 0)) throw new RuntimeError('cannot sample n_sample <= 0 samples');
  const nCat = input._shape[nd - 1] as number;
  if (!(replacement || n <= nCat)) throw new RuntimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  if (nCat > 2 ** 24) throw new RuntimeError('number of categories cannot exceed 2^24');
  const shape = nd === 1 ? [n] : [input._shape[0] as number, n];
  const result = Tensor._empty(shape, int64);
  if (numelOf(shape) === 0) return result;
  if (replacement) withReplacement(input, n, result, g);
  else withoutReplacement(input, n, result, g);
  return result;
}

// ---- normal ---------------------------------------------------------------------------------

export interface NormalFactoryOptions extends GeneratorOptions {
  mean?: number | Tensor;
  std?: number | Tensor;
  size?: readonly number[];
  dtype?: dtype | null;
  requires_grad?: boolean;
}

/** CHECK_NORMAL_TENSOR_STD */
function checkStdTensor(std: Tensor): void {
  if (!flatValues(std).every((v) => v >= 0)) throw new RuntimeError('normal expects all elements of std >= 0.0');
}

function fresh(shape: number[], dt: dtype): Tensor {
  return new Tensor(new dt.ArrayType(numelOf(shape)), shape, contiguousStrides(shape), 0, dt);
}

function zerosOf(t: Tensor): Tensor {
  return Tensor._empty(t._shape.slice(), t.dtype);
}

/**
 * `torch.normal(mean, std=1, *, generator)` with a tensor mean and/or std, or
 * `torch.normal(mean, std, size, *, generator, dtype, requires_grad)` with numbers.
 * Tensor forms draw standard (or std-scaled) normals into a fresh tensor, then
 * `mul_(std).add_(mean)` as normal_out_impl does; their gradients are zero.
 */
export function normal(mean: number | Tensor | NormalFactoryOptions, ...rest: (number | Tensor | readonly number[] | NormalFactoryOptions | undefined)[]): Tensor {
  const args: unknown[] = [mean, ...rest].filter((a) => a !== undefined);
  const o = popOptions<NormalFactoryOptions>(args) ?? {};
  const m = (args[0] as number | Tensor | undefined) ?? o.mean;
  const s = (args[1] as number | Tensor | undefined) ?? o.std;
  const size = (args[2] as readonly number[] | undefined) ?? o.size;
  const g = generatorOf(o);
  if (m instanceof Tensor && !(s instanceof Tensor)) {
    const std = s ?? 1;
    if (!(std >= 0)) throw new RuntimeError(`normal expects std >= 0.0, but found std ${cppDouble(std)}`);
    const ret = fresh(m._shape.slice(), m.dtype);
    normalImpl(ret, 0, std, g);
    no_grad(() => add_(ret, m));
    if (needsGrad(m)) record('NormalBackward1', [m], ret, () => [zerosOf(m)]);
    return ret;
  }
  if (s instanceof Tensor && !(m instanceof Tensor)) {
    if (m === undefined) throw new TorchTypeError("normal() missing required argument 'mean'");
    checkStdTensor(s);
    const ret = fresh(s._shape.slice(), s.dtype);
    normalImpl(ret, 0, 1, g);
    const meanT = Tensor._empty([], ret.dtype);
    meanT._data[0] = m;
    no_grad(() => {
      mul_(ret, s);
      add_(ret, meanT);
    });
    if (needsGrad(s)) record('NormalBackward2', [s], ret, () => [zerosOf(s)]);
    return ret;
  }
  if (m instanceof Tensor && s instanceof Tensor) {
    checkStdTensor(s);
    const ret = fresh(broadcastShapes(m._shape, s._shape), m.dtype);
    normalImpl(ret, 0, 1, g);
    no_grad(() => {
      mul_(ret, s);
      add_(ret, m);
    });
    if (needsGrad(m, s)) {
      record('NormalBackward3', [m, s], ret, (_gr, _s, node) => [node.needs[0] ? zerosOf(m) : null, node.needs[1] ? zerosOf(s) : null]);
    }
    return ret;
  }
  if (typeof m !== 'number' || typeof s !== 'number' || size === undefined) {
    throw new TorchTypeError('normal() received an invalid combination of arguments');
  }
  const ret = fresh(size.slice(), o.dtype ?? get_default_dtype());
  normalImpl(ret, m, s, g);
  if (o.requires_grad === true) ret.requires_grad_(true);
  return ret;
}

// ---- poisson --------------------------------------------------------------------------------

const HALF_LOG_2PI = 0.9189385332046728;

/** lgamma(k + 1) = log(k!) for an integer k ≥ 0 (only the acceptance test of sample_poisson reads it). */
function logFactorial(k: number): number {
  if (k < 20) {
    let f = 1;
    for (let i = 2; i <= k; i++) f *= i;
    return log(f);
  }
  const x = k + 1;
  const x2 = x * x;
  // Stirling's series, good to an ulp or two from x = 21 on.
  return (x - 0.5) * log(x) - x + HALF_LOG_2PI + (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x;
}

/** sample_poisson (Distributions.cpp, after NumPy): transformed rejection for λ ≥ 10, else products of uniforms. */
function samplePoisson(lambda: number, g: Generator): number {
  if (!(lambda >= 0)) throw new RuntimeError('invalid Poisson rate, expected rate to be non-negative');
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = uniformFloat64(g) - 0.5;
      const V = uniformFloat64(g);
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (log(V) + log(invalpha) - log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  }
  if (lambda === 0) return 0;
  const enlam = Math.exp(-lambda);
  let X = 0;
  let prod = 1.0;
  for (;;) {
    prod *= uniformFloat64(g);
    if (prod > enlam) X += 1;
    else return X;
  }
}

/** `torch.poisson(input, generator=None)`: Poisson draws with rates `input` (PoissonBackward0). */
export function poisson(input: Tensor, generator?: Generator | null | GeneratorOptions): Tensor {
  const o: GeneratorOptions | undefined = isOptions(generator) ? (generator as GeneratorOptions) : { generator: generator as Generator | null | undefined };
  const g = generatorOf(o);
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"poisson_cpu" not implemented for '${input.dtype.scalarName}'`);
  const ret = Tensor._empty(input._shape.slice(), input.dtype);
  const r = input.dtype === float32 ? Math.fround : (v: number): number => v;
  serialPairs(ret, input._stride, input._offset, (oo, i) => {
    ret._data[oo] = r(samplePoisson(input._data[i] as number, g));
  });
  if (needsGrad(input)) record('PoissonBackward0', [input], ret, () => [zerosOf(input)]);
  return ret;
}
