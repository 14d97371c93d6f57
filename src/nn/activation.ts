// Activation functions of torch.nn.functional. Each ATen activation (hardtanh, elu, gelu, …) is
// one node with PyTorch's grad_fn name and its derivatives.yaml formula, computed by a kernel
// (and, under create_graph, as a differentiable *_backward op with PyTorch's double-backward
// formula); the ones functional.py composes in Python (softsign, tanhshrink, softmin) are
// composed from ops here too, so their grad_fn chains match.
import { Tensor } from '../tensor/tensor.ts';
import { bool, float32, type dtype } from '../tensor/dtype.ts';
import { RuntimeError } from '../errors.ts';
import { default_generator } from '../random/generator.ts';
import { uniformFloat64 } from '../random/distributions.ts';
import { wrapDim } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { binaryForward, unaryForward, writeBack, unaryValues } from '../ops/elementwise.ts';
import { checkInplace, rebaseHistory } from '../ops/inplace.ts';
import { copyValues, clone } from '../ops/copy.ts';
import { add, div, mul, pow, sub } from '../ops/pointwise/arithmetic.ts';
import { exp, neg, sigmoid, tanh } from '../ops/pointwise/unary.ts';
import { where_, zerosLikeValue } from '../ops/pointwise/select_where.ts';
import { gt, lt, logical_and } from '../ops/pointwise/compare.ts';
import { is_grad_enabled } from '../autograd/grad_mode.ts';
import { abs, cosh } from '../ops/pointwise/pointwise_unary.ts';
import { erf } from '../ops/pointwise/pointwise_math.ts';
import { softmax } from '../ops/softmax.ts';
import { sum } from '../ops/reduce/reduce.ts';
import { narrow } from '../ops/shape/views.ts';
import { cat } from '../ops/shape/shape_more_join.ts';

type Kernel = (x: number) => number;
/** (grad, self) → grad_input, elementwise: the *_backward kernel of the op. */
type BackwardKernel = (g: number, x: number) => number;

/**
 * A scalar or result as the op's dtype holds it: PyTorch computes float32 activations in
 * float32, and casts scalar arguments of integer kernels to the integer type (truncating).
 */
function r32(dt: dtype): (v: number) => number {
  if (!dt.is_floating_point) return Math.trunc;
  return dt === float32 ? Math.fround : (v) => v;
}

/**
 * How an activation's backward is differentiated again (create_graph): `composite`, the
 * backward written in differentiable ops (PyTorch's infinitely_differentiable_*_backward);
 * or `op`, the *_backward as an op of its own (grad_fn `op`), linear in the incoming gradient,
 * whose derivative in self is `double` (gg, the gradient into the backward's result; g, its
 * incoming gradient; x, self), from derivatives.yaml.
 */
type Differentiable =
  | { composite: (g: Tensor, x: Tensor) => Tensor }
  | { op: string; double: (gg: Tensor, g: Tensor, x: Tensor) => Tensor };

/** derivatives.yaml's `self: zeros_like(grad)` of the piecewise-linear activations' backward. */
const zerosDouble = (gg: Tensor): Tensor => zerosLikeValue(gg);

/** The *_backward op (see Differentiable): kernel(g, x), differentiable in g and x. */
function backwardOp(d: { op: string; double: (gg: Tensor, g: Tensor, x: Tensor) => Tensor }, kernel: BackwardKernel, g: Tensor, x: Tensor): Tensor {
  const out = binaryForward(g, x, x.dtype, kernel);
  if (needsGrad(g, x)) {
    record(
      d.op,
      [g, x],
      out,
      (gg, s, node) => {
        const ggs = gg[0] as Tensor;
        return [node.needs[0] ? backwardOp(d, kernel, ggs, s.get(1)) : null, node.needs[1] ? d.double(ggs, s.get(0), s.get(1)) : null];
      },
      [g, x],
    );
  }
  return out;
}

/**
 * One ATen activation: a forward kernel, and a backward kernel reading the saved input (`diff`
 * says how the backward is built when it runs with create_graph). Floating inputs only, unless
 * `integers`: PyTorch's kernels dispatch on floating types, and `kernelName` is the name its
 * error gives for other dtypes. `inplace` names the node of the in-place form (`op_`, e.g.
 * LeakyReluBackward1), which writes into the input and returns it.
 */
function activation(
  name: string,
  kernelName: string,
  x: Tensor,
  f: (dt: dtype) => Kernel,
  b: (dt: dtype) => BackwardKernel,
  inplace: string | null = null,
  diff: Differentiable | null = null,
  integers = false,
): Tensor {
  // hardtanh and threshold have integer kernels too (never differentiable: integer outputs).
  if (!x.dtype.is_floating_point && !(integers && x.dtype !== bool)) throw new RuntimeError(`"${kernelName}" not implemented for '${x.dtype.scalarName}'`);
  const dt = x.dtype;
  const backward = (g: (Tensor | null)[], s: { get(i: number): Tensor }): Tensor[] => {
    const gs = g[0] as Tensor;
    // With create_graph the gradient must itself be differentiable.
    if (diff !== null && is_grad_enabled()) return ['composite' in diff ? diff.composite(gs, s.get(0)) : backwardOp(diff, b(dt), gs, s.get(0))];
    return [binaryForward(gs, s.get(0), dt, b(dt))];
  };
  if (inplace !== null) {
    checkInplace(x);
    const grad = needsGrad(x);
    // The formulas read the input, which the write destroys: keep its value.
    const original = grad ? clone(x) : null;
    writeBack(x, unaryValues(x, dt, f(dt)));
    x._bumpVersion();
    if (grad && original !== null) rebaseHistory(x, inplace, [x], backward, [original]);
    return x;
  }
  const out = unaryForward(x, dt, f(dt));
  if (needsGrad(x)) record(name, [x], out, backward, [x]);
  return out;
}

/** The `inplace` flag of an options object (positional flags are handled by each caller). */
function inplaceOf(...args: unknown[]): boolean {
  for (const a of args) {
    if (typeof a === 'object' && a !== null && 'inplace' in a) return (a as { inplace?: boolean }).inplace === true;
  }
  return false;
}

/** A number argument given positionally or as `key` of the options object. */
function numOpt<T extends object>(v: unknown, key: keyof T, dflt: number): number {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && key in v) return (v as Record<string, number>)[key as string] ?? dflt;
  return dflt;
}

// ---- hardtanh family --------------------------------------------------------------------------

export interface HardtanhOpts { min_val?: number; max_val?: number; inplace?: boolean }

function hardtanhImpl(x: Tensor, lo: number, hi: number, inplace: boolean): Tensor {
  if (x.dtype === bool) throw new RuntimeError('Bool inputs not supported for hardtanh');
  return activation(
    'HardtanhBackward0',
    'hardtanh_backward_cpu',
    x,
    (dt) => {
      const r = r32(dt);
      const l = r(lo);
      const h = r(hi);
      // clamp semantics: NaN passes through
      return (v) => (v < l ? l : v > h ? h : v);
    },
    (dt) => {
      const r = r32(dt);
      const l = r(lo);
      const h = r(hi);
      return (g, v) => (v <= l || v >= h ? 0 : g);
    },
    // hardtanh_ keeps the out-of-place node's name
    inplace ? 'HardtanhBackward0' : null,
    { op: 'HardtanhBackwardBackward0', double: zerosDouble },
    true,
  );
}

/** F.hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False). */
export function hardtanh(input: Tensor, min_val?: number | HardtanhOpts, max_val?: number | HardtanhOpts, inplace?: boolean | HardtanhOpts): Tensor {
  const o = [min_val, max_val, inplace].find((v) => typeof v === 'object') as HardtanhOpts | undefined;
  const lo = typeof min_val === 'number' ? min_val : (o?.min_val ?? -1);
  const hi = typeof max_val === 'number' ? max_val : (o?.max_val ?? 1);
  const ip = typeof inplace === 'boolean' ? inplace : (o?.inplace ?? false);
  return hardtanhImpl(input, lo, hi, ip);
}

/** F.relu6(input, inplace=False): ATen's hardtanh(0, 6), HardtanhBackward0. */
export function relu6(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  return hardtanhImpl(input, 0, 6, typeof inplace === 'boolean' ? inplace : inplaceOf(inplace));
}

// ---- relu-likes -------------------------------------------------------------------------------

export interface LeakyReluOpts { negative_slope?: number; inplace?: boolean }

/** F.leaky_relu(input, negative_slope=0.01, inplace=False). */
export function leaky_relu(input: Tensor, negative_slope?: number | LeakyReluOpts, inplace?: boolean | LeakyReluOpts): Tensor {
  const slope = numOpt<{ negative_slope: number }>(negative_slope, 'negative_slope', 0.01);
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(negative_slope, inplace);
  return leakyImpl('LeakyReluBackward0', input, slope, ip ? 'LeakyReluBackward1' : null);
}

function leakyImpl(name: string, input: Tensor, slope: number, inplace: string | null): Tensor {
  return activation(
    name,
    'leaky_relu_cpu',
    input,
    (dt) => {
      const r = r32(dt);
      const s = r(slope);
      return (v) => (v > 0 ? v : r(v * s));
    },
    (dt) => {
      // leaky_relu_'s backward reads the result, which cannot tell the input's sign then.
      if (inplace !== null && slope < 0) {
        throw new RuntimeError(
          'In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope',
        );
      }
      const r = r32(dt);
      const s = r(slope);
      return (g, v) => (v > 0 ? g : r(g * s));
    },
    inplace,
    { op: name.replace('Backward0', 'BackwardBackward0'), double: zerosDouble },
  );
}

export interface RreluOpts { lower?: number; upper?: number; training?: boolean; inplace?: boolean }

/**
 * F.rrelu(input, lower=1/8, upper=1/3, training=False, inplace=False). Not training it is
 * leaky_relu with slope (lower + upper) / 2 (RreluWithNoiseBackward0); training draws a
 * slope per non-positive element.
 */
export function rrelu(
  input: Tensor,
  lower?: number | RreluOpts,
  upper?: number | RreluOpts,
  training?: boolean | RreluOpts,
  inplace?: boolean | RreluOpts,
): Tensor {
  const o = [lower, upper, training, inplace].find((v) => typeof v === 'object') as RreluOpts | undefined;
  const lo = typeof lower === 'number' ? lower : (o?.lower ?? 1 / 8);
  const hi = typeof upper === 'number' ? upper : (o?.upper ?? 1 / 3);
  const tr = typeof training === 'boolean' ? training : (o?.training ?? false);
  const ip = typeof inplace === 'boolean' ? inplace : (o?.inplace ?? false);
  if (!(lo <= hi)) throw new RuntimeError('Lower bound should be less than or equal to the upper bound');
  if (tr) return rreluTrain(input, lo, hi, ip);
  return leakyImpl('RreluWithNoiseBackward0', input, (lo + hi) / 2, ip ? 'RreluWithNoiseBackward1' : null);
}

/**
 * rrelu_with_noise in training (Activation.cpp's _rrelu_with_noise_train): over the contiguous
 * input, each x ≤ 0 draws r = uniform(lower, upper) (one 53-bit double from the generator, the
 * bounds in the input's dtype) and gives x·r; the backward is noise·g.
 */
function rreluTrain(input: Tensor, lower: number, upper: number, inplace: boolean): Tensor {
  const dt = input.dtype;
  if (!dt.is_floating_point) throw new RuntimeError(`"rrelu_with_noise_out_cpu" not implemented for '${dt.scalarName}'`);
  if (inplace) checkInplace(input);
  const r = r32(dt);
  const lo = r(lower);
  const hi = r(upper);
  const x = copyValues(input, dt);
  const n = x.numel();
  const out = Tensor._empty(input._shape.slice(), dt);
  const noise = Tensor._empty(input._shape.slice(), dt);
  for (let i = 0; i < n; i++) {
    const v = x._data[i] as number;
    if (v <= 0) {
      const k = r(uniformFloat64(default_generator) * (hi - lo) + lo);
      out._data[i] = v * k;
      noise._data[i] = k;
    } else {
      out._data[i] = v;
      noise._data[i] = 1;
    }
  }
  const backward = (g: (Tensor | null)[], s: { get(i: number): Tensor }): Tensor[] => {
    const gs = g[0] as Tensor;
    // With create_graph: rrelu_with_noise_backward as an op (zero derivative in self).
    if (!inplace && is_grad_enabled()) return [backwardOp({ op: 'RreluWithNoiseBackwardBackward0', double: zerosDouble }, (gv, _xv) => gv, mul(noise, gs), s.get(0))];
    return [mul(noise, gs)];
  };
  if (inplace) {
    const grad = needsGrad(input);
    writeBack(input, out._data);
    input._bumpVersion();
    if (grad) rebaseHistory(input, 'RreluWithNoiseBackward1', [input], backward, []);
    return input;
  }
  if (needsGrad(input)) record('RreluWithNoiseBackward0', [input], out, backward, [input]);
  return out;
}

export interface ThresholdOpts { inplace?: boolean }

/** F.threshold(input, threshold, value, inplace=False). */
export function threshold(input: Tensor, threshold_: number, value: number, inplace?: boolean | ThresholdOpts): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return activation(
    'ThresholdBackward0',
    'threshold_cpu',
    input,
    (dt) => {
      const r = r32(dt);
      const th = r(threshold_);
      const va = r(value);
      return (v) => (v <= th ? va : v);
    },
    (dt) => {
      const th = r32(dt)(threshold_);
      return (g, v) => (v <= th ? 0 : g);
    },
    ip ? 'ThresholdBackward1' : null,
    { op: 'ThresholdBackwardBackward0', double: zerosDouble },
    true,
  );
}

// ---- elu family -------------------------------------------------------------------------------

function eluImpl(name: string, x: Tensor, alpha: number, scale: number, inputScale: number, inplace: string | null): Tensor {
  return activation(
    name,
    'elu_cpu',
    x,
    (dt) => {
      const r = r32(dt);
      const negcoef = r(alpha * scale);
      const poscoef = r(scale);
      const negiptcoef = r(inputScale);
      return (v) => (v <= 0 ? r(r(Math.expm1(r(v * negiptcoef))) * negcoef) : r(v * poscoef));
    },
    (dt) => {
      const r = r32(dt);
      const negcoef = r(alpha * scale);
      const poscoef = r(scale);
      const negiptcoef = r(inputScale);
      return (g, v) => (v <= 0 ? r(r(r(g * negiptcoef) * negcoef) * r(Math.exp(r(v * negiptcoef)))) : r(g * poscoef));
    },
    inplace,
    {
      op: 'EluBackwardBackward0',
      // elu_double_backward: elu_backward(gg·g·input_scale, x)·(x < 0)
      double: (gg, g, x) => where_(lt(x, 0), mul(mul(mul(gg, g), inputScale * inputScale * alpha * scale), exp(mul(x, inputScale))), 0),
    },
  );
}

export interface EluOpts { alpha?: number; inplace?: boolean }

/** F.elu(input, alpha=1.0, inplace=False). */
export function elu(input: Tensor, alpha?: number | EluOpts, inplace?: boolean | EluOpts): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(alpha, inplace);
  return eluImpl('EluBackward0', input, numOpt<{ alpha: number }>(alpha, 'alpha', 1), 1, 1, ip ? 'EluBackward1' : null);
}

// torch.nn.functional's selu constants, as doubles
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** F.selu(input, inplace=False): ATen's elu with SELU's alpha and scale (EluBackward0). */
export function selu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return eluImpl('EluBackward0', input, SELU_ALPHA, SELU_SCALE, 1, ip ? 'EluBackward1' : null);
}

/** F.celu(input, alpha=1.0, inplace=False): elu(x, alpha, 1, 1/alpha) (CeluBackward0). */
export function celu(input: Tensor, alpha?: number | EluOpts, inplace?: boolean | EluOpts): Tensor {
  const a = numOpt<{ alpha: number }>(alpha, 'alpha', 1);
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(alpha, inplace);
  return eluImpl('CeluBackward0', input, a, 1, 1 / a, ip ? 'CeluBackward1' : null);
}

// ---- smooth activations ----------------------------------------------------------------------

export function gelu(input: Tensor, opts?: { approximate?: 'none' | 'tanh' }): Tensor {
  const approximate = opts?.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') throw new RuntimeError(`approximate argument must be either none or tanh.`);
  if (approximate === 'tanh') {
    const kBeta = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
    const kKappa = 0.044715;
    return activation(
      'GeluBackward0',
      'GeluKernelImpl',
      input,
      () => (x) => 0.5 * x * (1 + Math.tanh(kBeta * (x + kKappa * x * x * x))),
      () => (g, x) => {
        const xSq = x * x;
        const inner = kBeta * (x + kKappa * xSq * x);
        const t = Math.tanh(inner);
        const left = 0.5 * x;
        const right = 1 + t;
        const leftD = 0.5 * right;
        const rightD = left * (1 - t * t) * kBeta * (1 + 3 * kKappa * xSq);
        return g * (leftD + rightD);
      },
      null,
      {
        op: 'GeluBackwardBackward0',
        // gelu_double_backward (tanh): gg·g·(2·f′gh + g′fh + h′fg)
        double: (gg, g, x) => {
          const inner = mul(add(x, mul(pow(x, 3), kKappa)), kBeta);
          const t = tanh(inner);
          const sech = div(1, cosh(inner));
          const f = mul(x, 0.5);
          const gg2 = sub(1, mul(t, t));
          const h = mul(add(mul(mul(x, x), 3 * kKappa), 1), kBeta);
          const fPrimeGh = mul(mul(gg2, h), 0.5);
          const gPrimeFh = mul(mul(f, h), mul(mul(mul(sech, 2), neg(mul(sech, t))), h));
          const hPrimeFg = mul(mul(f, gg2), mul(x, 6 * kKappa * kBeta));
          return mul(mul(gg, g), add(add(mul(fPrimeGh, 2), gPrimeFh), hPrimeFg));
        },
      },
    );
  }
  const kBeta = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;
  return activation(
    'GeluBackward0',
    'GeluKernelImpl',
    input,
    () => (x) => x * 0.5 * (1 + erf(x * Math.SQRT1_2)),
    () => (g, x) => {
      const cdf = 0.5 * (1 + erf(x * Math.SQRT1_2));
      const pdf = Math.exp(-0.5 * x * x) * kBeta;
      return g * (cdf + x * pdf);
    },
    null,
    {
      op: 'GeluBackwardBackward0',
      // gelu_double_backward: gg·g·(2·pdf − x²·pdf)
      double: (gg, g, x) => {
        const xSq = mul(x, x);
        const pdf = mul(exp(mul(xSq, -0.5)), kBeta);
        return mul(mul(gg, g), sub(mul(pdf, 2), mul(xSq, pdf)));
      },
    },
  );
}

export function silu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return activation(
    'SiluBackward0',
    'silu_cpu',
    input,
    () => (x) => x / (1 + Math.exp(-x)),
    () => (g, x) => {
      const s = 1 / (1 + Math.exp(-x));
      return g * s * (1 + x * (1 - s));
    },
    ip ? 'SiluBackward0' : null,
    {
      // infinitely_differentiable_silu_backward: g·σ(x)·(1 + x·(1 − σ(x)))
      composite: (g, x) => {
        const s = sigmoid(x);
        return mul(g, mul(s, add(mul(x, sub(1, s)), 1)));
      },
    },
  );
}

export function mish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return activation(
    'MishBackward0',
    'mish_cpu',
    input,
    () => (x) => x * Math.tanh(Math.log1p(Math.exp(x))),
    () => (g, x) => {
      const s = 1 / (1 + Math.exp(-x));
      const t = Math.tanh(Math.log1p(Math.exp(x)));
      return g * (t + x * s * (1 - t * t));
    },
    ip ? 'MishBackward0' : null,
    {
      // infinitely_differentiable_mish_backward: g·(tanh(softplus(x)) + x·σ(x)·(1 − tanh²(softplus(x))))
      composite: (g, x) => {
        const s = sigmoid(x);
        const t = tanh(softplus(x));
        return mul(g, add(t, mul(mul(x, s), sub(1, mul(t, t)))));
      },
    },
  );
}

export interface SoftplusOpts { beta?: number; threshold?: number }

export function softplus(input: Tensor, beta?: number | SoftplusOpts, threshold_?: number | SoftplusOpts): Tensor {
  const o = [beta, threshold_].find((v) => typeof v === 'object') as SoftplusOpts | undefined;
  const b = typeof beta === 'number' ? beta : (o?.beta ?? 1);
  const th = typeof threshold_ === 'number' ? threshold_ : (o?.threshold ?? 20);
  return activation(
    'SoftplusBackward0',
    'softplus_cpu',
    input,
    (dt) => {
      const r = r32(dt);
      const rb = r(b);
      return (x) => (r(x * rb) > th ? x : r(Math.log1p(Math.exp(r(x * rb)))) / rb);
    },
    (dt) => {
      const r = r32(dt);
      const rb = r(b);
      return (g, x) => {
        const z = Math.exp(r(x * rb));
        return r(x * rb) > th ? g : (g * z) / (z + 1);
      };
    },
    null,
    {
      op: 'SoftplusBackwardBackward0',
      // softplus_double_backward(gg·g, x): gg·g·σ′(x·β)·(x·β < threshold)·β
      double: (gg, g, x) => {
        const xb = mul(x, b);
        const sg = sigmoid(xb);
        return where_(lt(xb, th), mul(mul(mul(gg, g), mul(sub(1, sg), sg)), b), 0);
      },
    },
  );
}

export function hardsigmoid(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return activation(
    'HardsigmoidBackward0',
    'hardsigmoid_cpu',
    input,
    () => (x) => Math.min(Math.max(x + 3, 0), 6) / 6,
    () => (g, x) => (x > -3 && x < 3 ? g / 6 : 0),
    ip ? 'HardsigmoidBackward0' : null,
    {
      op: 'HardsigmoidBackwardBackward0',
      double: () => {
        throw new RuntimeError('derivative for aten::hardsigmoid_backward is not implemented');
      },
    },
  );
}

export function hardswish(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const ip = typeof inplace === 'boolean' ? inplace : inplaceOf(inplace);
  return activation(
    'HardswishBackward0',
    'hardswish_cpu',
    input,
    () => (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6,
    () => (g, x) => (x < -3 ? 0 : x <= 3 ? g * (x / 3 + 0.5) : g),
    ip ? 'HardswishBackward0' : null,
    { op: 'HardswishBackwardBackward0', double: (gg, g, x) => where_(logical_and(gt(x, -3), lt(x, 3)), div(mul(gg, g), 3), 0) },
  );
}

export function logsigmoid(input: Tensor): Tensor {
  return activation(
    'LogSigmoidBackward0',
    'log_sigmoid_cpu',
    input,
    () => (x) => Math.min(0, x) - Math.log1p(Math.exp(-Math.abs(x))),
    () => (g, x) => {
      const negative = x < 0;
      const z = Math.exp(-Math.abs(x));
      return g * ((negative ? 1 : 0) - (negative ? 1 : -1) * (z / (1 + z)));
    },
    null,
    {
      op: 'LogSigmoidBackwardBackward0',
      // log_sigmoid_double_backward(gg·g, x): gg·g·(σ(x) − 1)·σ(x)
      double: (gg, g, x) => {
        const z = sigmoid(x);
        return mul(mul(mul(gg, g), sub(z, 1)), z);
      },
    },
  );
}

export function softshrink(input: Tensor, lambd?: number | { lambd?: number }): Tensor {
  const l = numOpt<{ lambd: number }>(lambd, 'lambd', 0.5);
  return activation(
    'SoftshrinkBackward0',
    'softshrink_cpu',
    input,
    (dt) => {
      const r = r32(dt);
      const rl = r(l);
      return (x) => (x > rl ? r(x - rl) : x < -rl ? r(x + rl) : 0);
    },
    (dt) => {
      const rl = r32(dt)(l);
      return (g, x) => (x >= -rl && x <= rl ? 0 : g);
    },
    null,
    { op: 'SoftshrinkBackwardBackward0', double: zerosDouble },
  );
}

export function hardshrink(input: Tensor, lambd?: number | { lambd?: number }): Tensor {
  const l = numOpt<{ lambd: number }>(lambd, 'lambd', 0.5);
  return activation(
    'HardshrinkBackward0',
    'hardshrink_cpu',
    input,
    (dt) => {
      const rl = r32(dt)(l);
      return (x) => (x >= -rl && x <= rl ? 0 : x);
    },
    (dt) => {
      const rl = r32(dt)(l);
      return (g, x) => (x >= -rl && x <= rl ? 0 : g);
    },
    null,
    { op: 'HardshrinkBackwardBackward0', double: zerosDouble },
  );
}

// ---- compositions (functional.py) -------------------------------------------------------------

/** input / (input.abs() + 1), as functional.py writes it. */
export function softsign(input: Tensor): Tensor {
  return div(input, add(abs(input), 1));
}

/** input - input.tanh(), as functional.py writes it. */
export function tanhshrink(input: Tensor): Tensor {
  return sub(input, tanh(input));
}

/** softmax(-input, dim), as functional.py writes it. */
export function softmin(input: Tensor, dim: number | { dim: number; dtype?: dtype }, opts?: { dtype?: dtype }): Tensor {
  const d = typeof dim === 'number' ? dim : dim.dim;
  const dt = typeof dim === 'number' ? opts?.dtype : (dim.dtype ?? opts?.dtype);
  return dt === undefined ? softmax(neg(input), d) : softmax(neg(input), d, { dtype: dt });
}

// ---- prelu, glu -------------------------------------------------------------------------------

/** prelu(x, w): w has one slope, or one per channel (dim 1). PreluBackward0 with edges (self, weight). */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  const nw = weight.numel();
  const ch = input._shape.length >= 2 ? (input._shape[1] as number) : 1;
  if (nw !== 1 && nw !== ch) {
    throw new RuntimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${nw} and channel size = ${ch}.`);
  }
  // The weight as a tensor broadcastable to the input (channel on dim 1).
  const shape = input._shape.map((_, i) => (i === 1 && nw > 1 ? nw : 1));
  const w = nw === 1 ? weight.reshape(shape.length === 0 ? [] : shape.map(() => 1)) : weight.reshape(shape);
  const dt = input.dtype;
  const out = binaryForward(input.detach(), w.detach(), dt, (x, a) => (x > 0 ? x : x * a));
  if (needsGrad(input, weight)) {
    record(
      'PreluBackward0',
      [input, weight],
      out,
      (g, s, node) => {
        const gs = g[0] as Tensor;
        const x = s.get(0);
        const ww = nw === 1 ? s.get(1).reshape(shape.map(() => 1)) : s.get(1).reshape(shape);
        const dims = input._shape.map((_, i) => i).filter((i) => !(i === 1 && nw > 1));
        if (is_grad_enabled()) {
          // create_graph: the same formulas in differentiable ops
          const pos = gt(x, 0);
          const gxo = node.needs[0] ? where_(pos, gs, mul(gs, ww)) : null;
          const contribO = where_(pos, 0, mul(x, gs));
          const gwo = node.needs[1] ? (dims.length > 0 ? sum(contribO, dims) : contribO).reshape(s.get(1)._shape) : null;
          return [gxo, gwo];
        }
        const gx = node.needs[0] ? binaryForward(gs, binaryForward(x, ww, dt, (xv, a) => (xv > 0 ? 1 : a)), dt, (gv, d) => gv * d) : null;
        let gw: Tensor | null = null;
        if (node.needs[1]) {
          const contrib = binaryForward(x, gs, dt, (xv, gv) => (xv > 0 ? 0 : xv * gv));
          const red = dims.length > 0 ? sum(contrib, dims) : contrib;
          gw = red.reshape(s.get(1)._shape);
        }
        return [gx, gw];
      },
      [input, weight],
    );
  }
  return out;
}

/** glu(x, dim): first half · sigmoid(second half) along dim; one GluBackward0 node. */
export function glu(input: Tensor, dim?: number | { dim?: number }): Tensor {
  const d0 = typeof dim === 'number' ? dim : (dim?.dim ?? -1);
  if (input._shape.length === 0) throw new RuntimeError('glu does not support scalars because halving size must be even');
  const d = wrapDim(d0, input._shape.length);
  const n = input._shape[d] as number;
  if (n % 2 !== 0) throw new RuntimeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  const h = n / 2;
  const dt = input.dtype;
  const a = narrow(input.detach(), d, 0, h);
  const b = narrow(input.detach(), d, h, h);
  const out = binaryForward(a, b, dt, (av, bv) => av * (1 / (1 + Math.exp(-bv))));
  if (needsGrad(input)) {
    record(
      'GluBackward0',
      [input],
      out,
      (g, s) => {
        const x = s.get(0);
        const gs = g[0] as Tensor;
        const xa = narrow(x, d, 0, h);
        const xb = narrow(x, d, h, h);
        // (sigmoid as an op: differentiable again under create_graph)
        const sig = is_grad_enabled() ? sigmoid(xb) : unaryForward(xb, dt, (v) => 1 / (1 + Math.exp(-v)));
        const ga = mul(gs, sig);
        const gb = mul(mul(mul(gs, xa), sig), sub(1, sig));
        return [cat([ga, gb], d)];
      },
      [input],
    );
  }
  return out;
}

// ---- in-place forms (F.elu_ …) -------------------------------------------------------------------

/** F.elu_(input, alpha=1.0). */
export function elu_(input: Tensor, alpha?: number | { alpha?: number }): Tensor {
  return elu(input, numOpt<{ alpha: number }>(alpha, 'alpha', 1), true);
}

/** F.celu_(input, alpha=1.0). */
export function celu_(input: Tensor, alpha?: number | { alpha?: number }): Tensor {
  return celu(input, numOpt<{ alpha: number }>(alpha, 'alpha', 1), true);
}

/** F.selu_(input). */
export function selu_(input: Tensor): Tensor {
  return selu(input, true);
}

/** F.leaky_relu_(input, negative_slope=0.01). */
export function leaky_relu_(input: Tensor, negative_slope?: number | { negative_slope?: number }): Tensor {
  return leaky_relu(input, numOpt<{ negative_slope: number }>(negative_slope, 'negative_slope', 0.01), true);
}

/** F.hardtanh_(input, min_val=-1.0, max_val=1.0). */
export function hardtanh_(input: Tensor, min_val?: number | HardtanhOpts, max_val?: number | HardtanhOpts): Tensor {
  const o = [min_val, max_val].find((v) => typeof v === 'object') as HardtanhOpts | undefined;
  return hardtanh(input, typeof min_val === 'number' ? min_val : (o?.min_val ?? -1), typeof max_val === 'number' ? max_val : (o?.max_val ?? 1), true);
}

/** F.threshold_(input, threshold, value). */
export function threshold_(input: Tensor, threshold__: number, value: number): Tensor {
  return threshold(input, threshold__, value, true);
}

/** F.rrelu_(input, lower=1/8, upper=1/3, training=False). */
export function rrelu_(input: Tensor, lower?: number | RreluOpts, upper?: number | RreluOpts, training?: boolean | RreluOpts): Tensor {
  const o = [lower, upper, training].find((v) => typeof v === 'object') as RreluOpts | undefined;
  return rrelu(
    input,
    typeof lower === 'number' ? lower : (o?.lower ?? 1 / 8),
    typeof upper === 'number' ? upper : (o?.upper ?? 1 / 3),
    typeof training === 'boolean' ? training : (o?.training ?? false),
    true,
  );
}
