// Elementwise losses of torch.nn.functional: l1_loss, smooth_l1_loss, huber_loss,
// binary_cross_entropy(_with_logits), kl_div. ATen ops with their own derivative
// (SmoothL1LossBackward0, HuberLossBackward0, BinaryCrossEntropyBackward0, …) are one node here;
// the ones ATen composes (l1_loss, kl_div) are composed from the same ops.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError, ValueError, warnOnce } from '../errors.ts';
import { broadcastShapes, sameShape } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { binaryForward } from '../ops/elementwise.ts';
import { ternaryForward } from '../ops/pointwise/pointwise_core.ts';
import { add, div, mul, pow, sub } from '../ops/pointwise/arithmetic.ts';
import { exp, neg, sigmoid, log } from '../ops/pointwise/unary.ts';
import { abs, log1p } from '../ops/pointwise/pointwise_unary.ts';
import { xlogy } from '../ops/pointwise/pointwise_binary.ts';
import { sum, mean } from '../ops/reduce/reduce.ts';
import { expand } from '../ops/shape/views.ts';
import { where_ } from '../ops/pointwise/select_where.ts';
import { ge, le } from '../ops/pointwise/compare.ts';
import { is_grad_enabled, no_grad } from '../autograd/grad_mode.ts';
import { reductionOf, type LossOpts, type Reduction } from './loss.ts';

export function sizeStr(s: readonly number[]): string {
  return `torch.Size([${s.join(', ')}])`;
}

/** functional.py's warning when target and input shapes differ (they broadcast). */
export function warnSizeMismatch(input: Tensor, target: Tensor): void {
  if (!sameShape(input._shape, target._shape)) {
    warnOnce(
      'UserWarning',
      `Using a target size (${sizeStr(target._shape)}) that is different to the input size (${sizeStr(input._shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
    );
  }
}

/** torch.broadcast_tensors as ATen's expand_outplace: a tensor already of the shape is kept as is. */
export function broadcastPair(a: Tensor, b: Tensor): [Tensor, Tensor] {
  const shape = broadcastShapes(a._shape, b._shape);
  return [sameShape(shape, a._shape) ? a : expand(a, [shape]), sameShape(shape, b._shape) ? b : expand(b, [shape])];
}

/**
 * The autograd layer's check_no_requires_grad: an argument an op has no derivative for may not
 * require grad while grad mode is on.
 */
export function checkNoRequiresGrad(t: Tensor | null | undefined, arg: string, fn: string): void {
  if (t != null && t.requires_grad && is_grad_enabled()) {
    throw new RuntimeError(`The function '${fn}' is not differentiable with respect to argument '${arg}'. This input cannot have requires_grad True.`);
  }
}

/** apply_loss_reduction: mean(), sum() or the loss itself. */
export function applyReduction(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? mean(loss) : reduction === 'sum' ? sum(loss) : loss;
}

/**
 * A C++ `tensor * scalar` (MulBackward1, where Python's `tensor * number` is MulBackward0): the
 * ATen compositions multiply by a Scalar overload.
 */
export function mulScalar(x: Tensor, s: number): Tensor {
  const out = mul(x.detach(), s);
  if (needsGrad(x)) record('MulBackward1', [x], out, (g) => [mul(g[0] as Tensor, s)]);
  return out;
}

/** A C++ `tensor / scalar` (DivBackward1). */
export function divScalar(x: Tensor, s: number): Tensor {
  const out = div(x.detach(), s);
  if (needsGrad(x)) record('DivBackward1', [x], out, (g) => [div(g[0] as Tensor, s)]);
  return out;
}

/** Trailing positional legacy arguments, or the options object, as one LossOpts. */
type LegacyArg = boolean | null | undefined | Reduction | LossOpts;
function legacy(args: readonly LegacyArg[]): LossOpts {
  const o = args.find((a) => a !== null && typeof a === 'object') as LossOpts | undefined;
  const [sa, rd, red] = args;
  return {
    size_average: typeof sa === 'boolean' ? sa : o?.size_average,
    reduce: typeof rd === 'boolean' ? rd : o?.reduce,
    reduction: typeof red === 'string' ? red : o?.reduction,
  };
}

// ---- l1 / smooth_l1 / huber --------------------------------------------------------------------

/** F.l1_loss(input, target, size_average, reduce, reduction): ATen's (input − target).abs() reduced. */
export function l1_loss(input: Tensor, target: Tensor, ...rest: LegacyArg[]): Tensor {
  warnSizeMismatch(input, target);
  const reduction = reductionOf(legacy(rest));
  const [a, b] = broadcastPair(input, target);
  return applyReduction(abs(sub(a, b)), reduction);
}

export interface SmoothL1Opts extends LossOpts {
  beta?: number;
}

/** One node for a pointwise loss of (input, target) with its ATen backward kernel. */
function pointwiseLoss(
  name: string,
  kernelName: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  f: (x: number, y: number) => number,
  /** d loss / d input for (x, y), times g, with norm folded in by the caller. */
  b: (x: number, y: number, g: number, norm: number) => number,
  /** The same formula in differentiable ops, for a backward with create_graph. */
  diff: (x: Tensor, y: Tensor, g: Tensor, norm: number) => Tensor,
): Tensor {
  const dt = input.dtype;
  if (!dt.is_floating_point) throw new RuntimeError(`"${kernelName}" not implemented for '${dt.scalarName}'`);
  const loss = binaryForward(input.detach(), target.detach(), dt, f);
  const out = applyReduction(loss, reduction);
  if (needsGrad(input, target)) {
    const norm = reduction === 'mean' ? 1 / input.numel() : 1;
    record(
      name,
      [input, target],
      out,
      (g, s, node) => {
        const gs = g[0] as Tensor;
        const x = s.get(0);
        const y = s.get(1);
        if (is_grad_enabled()) return [node.needs[0] ? diff(x, y, gs, norm) : null, node.needs[1] ? diff(y, x, gs, norm) : null];
        const gx = node.needs[0] ? ternaryForward(x, y, gs, dt, (xv, yv, gv) => b(xv, yv, gv, norm)) : null;
        // The target's gradient is the same kernel with the operands swapped.
        const gy = node.needs[1] ? ternaryForward(y, x, gs, dt, (yv, xv, gv) => b(yv, xv, gv, norm)) : null;
        return [gx, gy];
      },
      [input, target],
    );
  }
  return out;
}

/** F.smooth_l1_loss(input, target, size_average, reduce, reduction, beta). */
export function smooth_l1_loss(input: Tensor, target: Tensor, ...rest: (LegacyArg | number | SmoothL1Opts)[]): Tensor {
  warnSizeMismatch(input, target);
  const o = rest.find((a) => a !== null && typeof a === 'object') as SmoothL1Opts | undefined;
  const beta = typeof rest[3] === 'number' ? rest[3] : (o?.beta ?? 1);
  const reduction = reductionOf(legacy(rest.slice(0, 3) as LegacyArg[]));
  if (beta < 0) throw new RuntimeError('smooth_l1_loss does not support negative values for beta.');
  const [a, b] = broadcastPair(input, target);
  return pointwiseLoss(
    'SmoothL1LossBackward0',
    'smooth_l1_cpu',
    a,
    b,
    reduction,
    (x, y) => {
      const z = Math.abs(x - y);
      return z < beta ? (0.5 * z * z) / beta : z - 0.5 * beta;
    },
    (x, y, g, norm) => {
      const d = x - y;
      return d <= -beta ? -norm * g : d >= beta ? norm * g : (norm * d * g) / beta;
    },
    (x, y, g, norm) => {
      const d = sub(x, y);
      // beta = 0: the middle branch is empty (and would divide by zero).
      if (beta === 0) return where_(le(d, 0), mul(g, -norm), mul(g, norm));
      return where_(le(d, -beta), mul(g, -norm), where_(ge(d, beta), mul(g, norm), div(mul(mul(d, g), norm), beta)));
    },
  );
}

export interface HuberOpts {
  reduction?: Reduction;
  delta?: number;
}

/** F.huber_loss(input, target, reduction='mean', delta=1.0). */
export function huber_loss(input: Tensor, target: Tensor, reduction?: Reduction | HuberOpts, delta?: number | HuberOpts): Tensor {
  warnSizeMismatch(input, target);
  const o = [reduction, delta].find((a) => a !== null && typeof a === 'object') as HuberOpts | undefined;
  const red = reductionOf({ reduction: typeof reduction === 'string' ? reduction : o?.reduction });
  const dl = typeof delta === 'number' ? delta : (o?.delta ?? 1);
  const [a, b] = broadcastPair(input, target);
  if (!(dl > 0)) throw new RuntimeError('huber_loss does not support non-positive values for delta.');
  return pointwiseLoss(
    'HuberLossBackward0',
    'huber_cpu',
    a,
    b,
    red,
    (x, y) => {
      const z = Math.abs(x - y);
      return z < dl ? 0.5 * z * z : dl * (z - 0.5 * dl);
    },
    (x, y, g, norm) => {
      const d = x - y;
      return d <= -dl ? -norm * g * dl : d >= dl ? norm * g * dl : norm * d * g;
    },
    (x, y, g, norm) => {
      const d = sub(x, y);
      return where_(le(d, -dl), mul(g, -norm * dl), where_(ge(d, dl), mul(g, norm * dl), mul(mul(d, g), norm)));
    },
  );
}

// ---- binary cross entropy ----------------------------------------------------------------------

export interface BceOpts extends LossOpts {
  weight?: Tensor | null;
}

function weightAndLegacy(rest: readonly unknown[]): { weight: Tensor | null; opts: LossOpts & { weight?: Tensor | null; pos_weight?: Tensor | null } } {
  const o = rest.find((a) => a !== null && typeof a === 'object' && !(a instanceof Tensor)) as (BceOpts & { pos_weight?: Tensor | null }) | undefined;
  const w = rest[0] instanceof Tensor ? rest[0] : (o?.weight ?? null);
  const [, sa, rd, red] = rest;
  return {
    weight: w,
    opts: {
      size_average: typeof sa === 'boolean' ? sa : o?.size_average,
      reduce: typeof rd === 'boolean' ? rd : o?.reduce,
      reduction: typeof red === 'string' ? (red as Reduction) : o?.reduction,
      pos_weight: rest[4] instanceof Tensor ? rest[4] : (o?.pos_weight ?? null),
    },
  };
}

/** F.binary_cross_entropy(input, target, weight, size_average, reduce, reduction). */
export function binary_cross_entropy(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const { weight: w0, opts } = weightAndLegacy(rest);
  const reduction = reductionOf(opts);
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(
      `Using a target size (${sizeStr(target._shape)}) that is different to the input size (${sizeStr(input._shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  const weight = w0 === null ? null : sameShape(w0._shape, target._shape) ? w0 : expand(w0, [broadcastShapes(target._shape, w0._shape)]);
  checkNoRequiresGrad(weight, 'weight', 'binary_cross_entropy');
  const dt = input.dtype;
  // binary_cross_entropy's TensorIterator wants every operand in the input's dtype.
  if (target.dtype !== dt) throw new RuntimeError(`Found dtype ${target.dtype.scalarName} but expected ${dt.scalarName}`);
  if (!dt.is_floating_point) throw new RuntimeError(`"binary_cross_entropy" not implemented for '${dt.scalarName}'`);
  let loss = binaryForward(input.detach(), target.detach(), dt, (x, y) => {
    if (!(x >= 0 && x <= 1)) throw new RuntimeError('all elements of input should be between 0 and 1');
    const r = dt.name === 'float32' ? Math.fround : (v: number) => v;
    return r(r((y - 1) * Math.max(r(Math.log(r(1 - x))), -100)) - r(y * Math.max(r(Math.log(x)), -100)));
  });
  if (weight !== null) loss = mul(loss, weight.detach());
  const out = applyReduction(loss, reduction);
  recordWeightedLoss('BinaryCrossEntropyBackward0', input, target, weight, out, (gs, x, y, wt, needs) => {
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (needs[0]) {
      gx = is_grad_enabled()
        ? bceBackward(gs, x, y, wt, reduction)
        : scaleGrad(
            ternaryForward(gs, x, y, dt, (gv, xv, yv) => (gv * (xv - yv)) / Math.max((1 - xv) * xv, 1e-12)),
            wt,
            reduction,
            x.numel(),
          );
    }
    // binary_cross_entropy_target_backward: (log(1 − x) − log(x))·g
    if (needs[1]) gy = scaleGrad(mul(sub(log(sub(1, x)), log(x)), gs), wt, reduction, y.numel());
    return [gx, gy];
  });
  return out;
}

/** A loss gradient as ATen weights and reduces it: times the weight (if any), then / n under
 *  'mean'. */
function scaleGrad(t: Tensor, w: Tensor | null, reduction: Reduction, n: number): Tensor {
  const tw = w === null ? t : mul(t, w);
  return reduction === 'mean' ? div(tw, n) : tw;
}

/**
 * The one backward node of a loss of (input, target) with an optional weight (which gets no
 * gradient): `grads(g, x, y, weight, needs)` gives input's and target's gradients, each only
 * where `needs` asks for it.
 */
function recordWeightedLoss(
  name: string,
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  out: Tensor,
  grads: (g: Tensor, x: Tensor, y: Tensor, wt: Tensor | null, needs: readonly boolean[]) => [Tensor | null, Tensor | null],
): void {
  if (!needsGrad(input, target)) return;
  record(
    name,
    [input, target],
    out,
    (g, s, node) => {
      const x = s.get(0);
      const y = s.get(1);
      return grads(g[0] as Tensor, x, y, weight === null ? null : weight.detach(), node.needs);
    },
    [input, target],
  );
}

/**
 * binary_cross_entropy_backward as an op (create_graph): g·(x − y)/max((1 − x)·x, ε)·w (/numel),
 * differentiable in g, x and y with FunctionsManual's binary_cross_entropy_double_backward*.
 */
function bceBackward(g: Tensor, x: Tensor, y: Tensor, w: Tensor | null, reduction: Reduction): Tensor {
  const eps = 1e-12;
  const n = x.numel();
  const finish = (t: Tensor): Tensor => scaleGrad(t, w, reduction, n);
  let out = ternaryForward(g, x, y, x.dtype, (gv, xv, yv) => (gv * (xv - yv)) / Math.max((1 - xv) * xv, eps));
  out = no_grad(() => finish(out));
  if (needsGrad(g, x, y)) {
    record(
      'BinaryCrossEntropyBackwardBackward0',
      [g, x, y],
      out,
      (gg, s, node) => {
        const ggs = gg[0] as Tensor;
        const [go, xi, yi] = [s.get(0), s.get(1), s.get(2)];
        const xPlus = add(xi, eps);
        const oneMinus = add(sub(1, xi), eps);
        // d/d grad_output: (x − y)/((x + ε)(1 − x + ε))·gg
        const dG = node.needs[0] ? finish(mul(div(sub(xi, yi), mul(xPlus, oneMinus)), ggs)) : null;
        // d/d self: (x² − 2xy + y)/((x + ε)²(1 − x + ε)²)·gg·g
        const dX = node.needs[1]
          ? finish(mul(div(add(sub(mul(xi, xi), mul(mul(xi, yi), 2)), yi), mul(pow(xPlus, 2), pow(oneMinus, 2))), mul(ggs, go)))
          : null;
        // d/d target: −gg·g/max((1 − x)·x, ε)
        let dY: Tensor | null = null;
        if (node.needs[2]) {
          // the clamp is made under no_grad, in place: the denominator keeps (1 − x)·x's history
          const denom = mul(sub(1, xi), xi);
          no_grad(() => denom.clamp_min_(eps));
          dY = finish(div(neg(mul(ggs, go)), denom));
        }
        return [dG, dX, dY];
      },
      [g, x, y],
    );
  }
  return out;
}

/** F.binary_cross_entropy_with_logits(input, target, weight, size_average, reduce, reduction, pos_weight). */
export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const { weight, opts } = weightAndLegacy(rest);
  const posWeight = opts.pos_weight ?? null;
  const reduction = reductionOf(opts);
  if (!sameShape(input._shape, target._shape)) {
    throw new ValueError(`Target size (${sizeStr(target._shape)}) must be the same as input size (${sizeStr(input._shape)})`);
  }
  checkNoRequiresGrad(weight, 'weight', 'binary_cross_entropy_with_logits');
  checkNoRequiresGrad(posWeight, 'pos_weight', 'binary_cross_entropy_with_logits');
  const x = input.detach();
  const y = target.detach();
  // ATen's composition: max_val = (−x).clamp_min(0); loss = (1 − y)·x + lw·(log(e^(−m) + e^(−x−m)) + m)
  const m = neg(x).clamp_min(0);
  const lse = add(log(add(exp(neg(m)), exp(sub(neg(x), m)))), m);
  let loss: Tensor;
  if (posWeight !== null) {
    const lw = add(mul(sub(posWeight.detach(), 1), y), 1);
    loss = add(mul(sub(1, y), x), mul(lw, lse));
  } else {
    loss = add(mul(sub(1, y), x), lse);
  }
  if (weight !== null) loss = mul(loss, weight.detach());
  const out = applyReduction(loss, reduction);
  recordWeightedLoss('BinaryCrossEntropyWithLogitsBackward0', input, target, weight, out, (gs, xi, yi, wt, needs) => {
    const pw = posWeight === null ? null : posWeight.detach();
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (needs[0]) {
      if (pw !== null) {
        const t = mul(pw, yi);
        gx = sub(mul(sub(add(t, 1), yi), sigmoid(xi)), t);
      } else {
        gx = sub(sigmoid(xi), yi);
      }
      gx = scaleGrad(mul(gx, gs), wt, reduction, xi.numel());
    }
    if (needs[1]) {
      gy = pw !== null ? mul(sub(logSigmoidValue(neg(xi)), mul(logSigmoidValue(xi), pw)), gs) : mul(neg(xi), gs);
      gy = scaleGrad(gy, wt, reduction, yi.numel());
    }
    return [gx, gy];
  });
  return out;
}

/** log σ(x) = min(0, x) − log1p(e^(−|x|)), as ATen's log_sigmoid kernel. */
function logSigmoidValue(x: Tensor): Tensor {
  return sub(x.clamp_max(0), log1p(exp(neg(abs(x)))));
}

// ---- kl_div -------------------------------------------------------------------------------------

export interface KlDivOpts {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction | 'batchmean';
  log_target?: boolean;
}

/** F.kl_div(input, target, size_average, reduce, reduction='mean', log_target=False). */
export function kl_div(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = rest.find((a) => a !== null && typeof a === 'object') as KlDivOpts | undefined;
  const [sa, rd, red, lt] = rest;
  const sizeAverage = typeof sa === 'boolean' ? sa : o?.size_average;
  const reduce = typeof rd === 'boolean' ? rd : o?.reduce;
  const reduction = typeof red === 'string' ? (red as KlDivOpts['reduction']) : (o?.reduction ?? 'mean');
  const logTarget = typeof lt === 'boolean' ? lt : (o?.log_target ?? false);
  let enumRed: Reduction;
  if ((sizeAverage !== undefined && sizeAverage !== null) || (reduce !== undefined && reduce !== null)) {
    enumRed = reductionOf({ size_average: sizeAverage, reduce });
  } else {
    if (reduction === 'mean') {
      warnOnce(
        'UserWarning',
        "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.",
      );
    }
    enumRed = reduction === 'batchmean' ? 'sum' : reductionOf({ reduction });
  }
  if (!input.dtype.is_floating_point || !target.dtype.is_floating_point) {
    throw new RuntimeError('kl_div: Integral inputs not supported.');
  }
  const output = logTarget ? mul(exp(target), sub(target, input)) : sub(xlogy(target, target), mul(target, input));
  let reduced = applyReduction(output, enumRed);
  if (reduction === 'batchmean' && input._shape.length !== 0) reduced = div(reduced, input._shape[0] as number);
  return reduced;
}
