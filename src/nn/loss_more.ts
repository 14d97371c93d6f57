// More losses and distances of torch.nn.functional: the ones ATen composes from ops
// (poisson_nll_loss, margin_ranking_loss, hinge_embedding_loss, cosine_embedding_loss,
// triplet_margin_loss, cosine_similarity, pairwise_distance), the ones functional.py composes
// (gaussian_nll_loss, multilabel_soft_margin_loss, normalize), and the ATen kernels with their
// own derivative (soft_margin_loss, multi_margin_loss, multilabel_margin_loss; PyTorch cannot
// differentiate the last two's backward, and neither can ts-torch: see recordMarginLoss). The compositions
// follow the C++/Python source op for op, so grad_fn chains match; a C++ `tensor op scalar` is
// the Scalar overload (AddBackward1, …), a C++ `scalar - tensor` is fill + sub_ (SubBackward0).
import { Tensor } from '../tensor/tensor.ts';
import { int64 } from '../tensor/dtype.ts';
import { RuntimeError, ValueError } from '../errors.ts';
import { broadcastShapes, sameShape } from '../tensor/shape.ts';
import { resultType2 } from '../ops/elementwise.ts';
import { anyNeedsGrad, needsGrad, record } from '../autograd/record.ts';
import { no_grad } from '../autograd/grad_mode.ts';
import { add, div, mul, sub, pow } from '../ops/pointwise/arithmetic.ts';
import { exp, log, neg, sqrt } from '../ops/pointwise/unary.ts';
import { sum } from '../ops/reduce/reduce.ts';
import { eq, le, ne } from '../ops/pointwise/compare.ts';
import { where_ } from '../ops/pointwise/select_where.ts';
import { clamp_min } from '../ops/pointwise/pointwise_clamp.ts';
import { minimum } from '../ops/pointwise/pointwise_binary.ts';
import { norm } from '../ops/reduce/reduce_more_norm.ts';
import { expand } from '../ops/shape/views.ts';
import { denseValues } from '../ops/copy.ts';
import { full_of } from '../ops/alloc.ts';
import { masked_fill } from '../ops/indexing/index_ops_mask.ts';
import { logsigmoid } from './activation.ts';
import { applyReduction, checkNoRequiresGrad, mulScalar } from './loss_basic.ts';
import { reductionOf, type LossOpts, type Reduction } from './loss.ts';

// ---- C++ scalar arithmetic ----------------------------------------------------------------------

/** C++ `tensor + scalar`: add.Scalar (AddBackward1). */
function addScalar(x: Tensor, s: number): Tensor {
  const out = add(x.detach(), s);
  if (needsGrad(x)) record('AddBackward1', [x], out, (g) => [g[0] as Tensor]);
  return out;
}

/** C++ `tensor - scalar`: sub.Scalar (SubBackward1). */
function subScalar(x: Tensor, s: number): Tensor {
  const out = sub(x.detach(), s);
  if (needsGrad(x)) record('SubBackward1', [x], out, (g) => [g[0] as Tensor]);
  return out;
}

/** C++ `scalar - tensor`: empty_like(t).fill_(s).sub_(t) (SubBackward0 with no edge for the fill). */
function scalarSub(s: number, t: Tensor): Tensor {
  return sub(full_of(t._shape, s, t.dtype), t);
}

/** zeros_like(t) (no graph). */
function zerosLike(t: Tensor): Tensor {
  return full_of(t._shape, 0, t.dtype);
}

type Legacy = boolean | null | undefined;

function legacyReduction(sa: unknown, rd: unknown, red: unknown, o: LossOpts | undefined): Reduction {
  return reductionOf({
    size_average: typeof sa === 'boolean' ? sa : o?.size_average,
    reduce: typeof rd === 'boolean' ? rd : o?.reduce,
    reduction: typeof red === 'string' ? (red as Reduction) : o?.reduction,
  });
}

function optsOf<T>(args: readonly unknown[]): T | undefined {
  return args.find((a) => a !== null && typeof a === 'object' && !(a instanceof Tensor)) as T | undefined;
}

function sizeStr(s: readonly number[]): string {
  return `torch.Size([${s.join(', ')}])`;
}

// ---- poisson / gaussian ----------------------------------------------------------------------------

export interface PoissonNllOpts extends LossOpts {
  log_input?: boolean;
  full?: boolean;
  eps?: number;
}

/** F.poisson_nll_loss(input, target, log_input=True, full=False, size_average, eps=1e-8, reduce, reduction). */
export function poisson_nll_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<PoissonNllOpts>(rest);
  const [li, fu, sa, ep, rd, red] = rest;
  const logInput = typeof li === 'boolean' ? li : (o?.log_input ?? true);
  const full = typeof fu === 'boolean' ? fu : (o?.full ?? false);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-8);
  const redName = typeof red === 'string' ? red : o?.reduction;
  if ((sa ?? o?.size_average ?? null) === null && (rd ?? o?.reduce ?? null) === null && redName !== undefined) {
    if (redName !== 'none' && redName !== 'mean' && redName !== 'sum') throw new ValueError(`${redName} is not valid`);
  }
  const reduction = legacyReduction(sa, rd, red, o);
  let loss = logInput ? sub(exp(input), mul(target, input)) : sub(input, mul(target, log(addScalar(input, eps))));
  if (full) {
    const stirling = add(sub(mul(target, log(target)), target), mulScalar(log(mulScalar(target, 2 * Math.PI)), 0.5));
    loss = add(loss, masked_fill(stirling, le(target, 1), 0));
  }
  return applyReduction(loss, reduction);
}

export interface GaussianNllOpts {
  full?: boolean;
  eps?: number;
  reduction?: Reduction;
}

/** F.gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction='mean'), as functional.py. */
export function gaussian_nll_loss(input: Tensor, target: Tensor, var_: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<GaussianNllOpts>(rest);
  const [fu, ep, red] = rest;
  const full = typeof fu === 'boolean' ? fu : (o?.full ?? false);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-6);
  const reduction = typeof red === 'string' ? red : (o?.reduction ?? 'mean');
  let v = var_;
  if (!sameShape(v._shape, input._shape)) {
    const lead = input._shape.slice(0, -1);
    if (sameShape(lead, v._shape)) v = v.unsqueeze(-1);
    else if (sameShape(lead, v._shape.slice(0, -1)) && v._shape[v._shape.length - 1] === 1) {
      // heteroscedastic with a trailing 1: broadcasts as it is
    } else throw new ValueError('var is of incorrect size');
  }
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') throw new ValueError(`${reduction} is not valid`);
  for (const e of denseValues(v)) if (e < 0) throw new ValueError('var has negative entry/entries');
  v = v.clone();
  no_grad(() => v.clamp_min_(eps));
  let loss = mul(0.5, add(log(v), div(pow(sub(input, target), 2), v)));
  if (full) loss = add(loss, 0.5 * Math.log(2 * Math.PI));
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

// ---- margin losses ---------------------------------------------------------------------------------

export interface MarginOpts extends LossOpts {
  margin?: number;
}

/** F.margin_ranking_loss(input1, input2, target, margin=0, size_average, reduce, reduction). */
export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<MarginOpts>(rest);
  const [mg, sa, rd, red] = rest;
  const margin = typeof mg === 'number' ? mg : (o?.margin ?? 0);
  const reduction = legacyReduction(sa, rd, red, o);
  if (input1._shape.length !== input2._shape.length || input1._shape.length !== target._shape.length) {
    throw new RuntimeError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${sizeStr(input1._shape)}, input2: ${sizeStr(input2._shape)}, target: ${sizeStr(target._shape)} `,
    );
  }
  const unclamped = addScalar(mul(neg(target), sub(input1, input2)), margin);
  return applyReduction(clamp_min(unclamped, 0), reduction);
}

/** F.hinge_embedding_loss(input, target, margin=1.0, size_average, reduce, reduction). */
export function hinge_embedding_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<MarginOpts>(rest);
  const [mg, sa, rd, red] = rest;
  const margin = typeof mg === 'number' ? mg : (o?.margin ?? 1);
  const reduction = legacyReduction(sa, rd, red, o);
  const zeros = zerosLike(input);
  const marginClamp = clamp_min(scalarSub(margin, input), 0);
  const outputMargin = where_(ne(target, 1), marginClamp, zeros);
  const outputSelf = where_(ne(target, -1), input, zeros);
  return applyReduction(add(outputMargin, outputSelf), reduction);
}

/** F.soft_margin_loss(input, target, size_average, reduce, reduction): log(1 + exp(−y·x)), one SoftMarginLossBackward0. */
export function soft_margin_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<LossOpts>(rest);
  const [sa, rd, red] = rest;
  const reduction = legacyReduction(sa, rd, red, o);
  const x = input.detach();
  const y = target.detach();
  const out = applyReduction(log(add(exp(mul(neg(x), y)), 1)), reduction);
  if (needsGrad(input)) {
    record(
      'SoftMarginLossBackward0',
      [input],
      out,
      (g, s) => {
        // soft_margin_loss_backward: −norm·y·z / (1 + z)·g with z = exp(−y·x)
        const xi = s.get(0);
        const norm = reduction === 'mean' ? 1 / xi.numel() : 1;
        const z = exp(mul(neg(y), xi));
        return [mul(div(mul(mul(y, z), -norm), add(z, 1)), g[0] as Tensor)];
      },
      [input],
    );
  }
  return out;
}

/** F.multilabel_soft_margin_loss(input, target, weight, size_average, reduce, reduction), as functional.py. */
export function multilabel_soft_margin_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<LossOpts & { weight?: Tensor | null }>(rest);
  const [w, sa, rd, red] = rest;
  const weight = w instanceof Tensor ? w : (o?.weight ?? null);
  let redName = typeof red === 'string' ? red : (o?.reduction ?? 'mean');
  const saV = (typeof sa === 'boolean' ? sa : o?.size_average) as Legacy;
  const rdV = (typeof rd === 'boolean' ? rd : o?.reduce) as Legacy;
  if ((saV ?? null) !== null || (rdV ?? null) !== null) redName = reductionOf({ size_average: saV, reduce: rdV });
  let loss = neg(add(mul(target, logsigmoid(input)), mul(sub(1, target), logsigmoid(neg(input)))));
  if (weight !== null) loss = mul(loss, weight);
  const classDim = input._shape.length - 1;
  const c = input._shape[classDim] as number;
  loss = div(sum(loss, classDim), c);
  if (redName === 'none') return loss;
  if (redName === 'mean') return loss.mean();
  if (redName === 'sum') return loss.sum();
  throw new ValueError(`${redName} is not valid`);
}

/** F.cosine_embedding_loss(input1, input2, target, margin=0, size_average, reduce, reduction). */
export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<MarginOpts>(rest);
  const [mg, sa, rd, red] = rest;
  const margin = typeof mg === 'number' ? mg : (o?.margin ?? 0);
  const reduction = legacyReduction(sa, rd, red, o);
  const td = target._shape.length;
  if (td !== 1 && td !== 0) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
  const shapes = `[${input1._shape.join(', ')}] and [${input2._shape.join(', ')}].`;
  if (td === 1 && input1._shape.length !== 2) throw new RuntimeError(`1D target tensor expects 2D input tensors, but found inputs with sizes ${shapes}`);
  if (td === 0 && input1._shape.length !== 1) throw new RuntimeError(`0D target tensor expects 1D input tensors, but found inputs with sizes ${shapes}`);
  const EPSILON = 1e-12;
  const prodSum = sum(mul(input1, input2), td);
  const mag1 = addScalar(sum(mul(input1, input1), td), EPSILON);
  const mag2 = addScalar(sum(mul(input2, input2), td), EPSILON);
  const denom = sqrt(mul(mag1, mag2));
  const cos = div(prodSum, denom);
  const zeros = zerosLike(cos);
  const pos = scalarSub(1, cos);
  const negPart = clamp_min(subScalar(cos, margin), 0);
  const outPos = where_(eq(target, 1), pos, zeros);
  const outNeg = where_(eq(target, -1), negPart, zeros);
  return applyReduction(add(outPos, outNeg), reduction);
}

// ---- distances -----------------------------------------------------------------------------------

export interface PairwiseOpts {
  p?: number;
  eps?: number;
  keepdim?: boolean;
}

/** F.pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False): norm(x1 − x2 + eps, p, last dim). */
export function pairwise_distance(x1: Tensor, x2: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<PairwiseOpts>(rest);
  const [pp, ep, kd] = rest;
  const p = typeof pp === 'number' ? pp : (o?.p ?? 2);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-6);
  const keepdim = typeof kd === 'boolean' ? kd : (o?.keepdim ?? false);
  const outDim = Math.max(x1._shape.length, x2._shape.length);
  return norm(addScalar(sub(x1, x2), eps), p, outDim - 1, keepdim);
}

export interface CosineSimilarityOpts {
  dim?: number;
  eps?: number;
}

/** F.cosine_similarity(x1, x2, dim=1, eps=1e-8): Σ (x1/‖x1‖)·(x2/‖x2‖), the norms clamped at eps. */
export function cosine_similarity(x1: Tensor, x2: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<CosineSimilarityOpts>(rest);
  const [dm, ep] = rest;
  const dim = typeof dm === 'number' ? dm : (o?.dim ?? 1);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-8);
  const dt = resultType2(x1, x2);
  if (!dt.is_floating_point) throw new RuntimeError(`expected common dtype to be floating point, yet common dtype is ${dt.scalarName}`);
  const shape = broadcastShapes(x1._shape, x2._shape);
  const a = expand(x1.to(dt), [shape]);
  const b = expand(x2.to(dt), [shape]);
  const s1 = sum(pow(a, 2), dim, true);
  const s2 = sum(pow(b, 2), dim, true);
  no_grad(() => {
    s1.clamp_min_(eps * eps);
    s2.clamp_min_(eps * eps);
  });
  return sum(mul(div(a, sqrt(s1)), div(b, sqrt(s2))), dim);
}

export interface TripletOpts extends LossOpts {
  margin?: number;
  p?: number;
  eps?: number;
  swap?: boolean;
}

/** F.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, size_average, reduce, reduction). */
export function triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<TripletOpts>(rest);
  const [mg, pp, ep, sw, sa, rd, red] = rest;
  const margin = typeof mg === 'number' ? mg : (o?.margin ?? 1);
  const p = typeof pp === 'number' ? pp : (o?.p ?? 2);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-6);
  const swap = typeof sw === 'boolean' ? sw : (o?.swap ?? false);
  const reduction = legacyReduction(sa, rd, red, o);
  const [ad, pd, nd] = [anchor._shape.length, positive._shape.length, negative._shape.length];
  if (ad !== pd || pd !== nd) throw new RuntimeError(`All inputs should have same dimension but got ${ad}D, ${pd}D and ${nd}D inputs.`);
  const distPos = pairwise_distance(anchor, positive, p, eps);
  let distNeg = pairwise_distance(anchor, negative, p, eps);
  if (swap) distNeg = minimum(distNeg, pairwise_distance(positive, negative, p, eps));
  return applyReduction(clamp_min(sub(addScalar(distPos, margin), distNeg), 0), reduction);
}

// ---- normalize -----------------------------------------------------------------------------------

export interface NormalizeOpts {
  p?: number;
  dim?: number;
  eps?: number;
}

/** F.normalize(input, p=2.0, dim=1, eps=1e-12): input / norm(p, dim, keepdim).clamp_min(eps).expand_as(input). */
export function normalize(input: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<NormalizeOpts>(rest);
  const [pp, dm, ep] = rest;
  const p = typeof pp === 'number' ? pp : (o?.p ?? 2);
  const dim = typeof dm === 'number' ? dm : (o?.dim ?? 1);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-12);
  const denom = clamp_min(norm(input, p, dim, true), eps).expand_as(input);
  return div(input, denom);
}

// ---- multi-class margin kernels ----------------------------------------------------------------------


/**
 * The backward node of a margin loss over nframe rows of dim classes (reduction 'none' with a
 * batch: `perSample`). `rowGrad(i, gi, gnorm)` writes row i's gradient for a unit grad_output
 * into gi (at i·dim), gnorm being 1/dim (1/(nframe·dim) under 'mean'); each row is then scaled
 * by its grad_output, or by the one grad_output of a reduced loss. ATen's `backwardOp`
 * (multi_margin_loss_backward, multilabel_margin_loss_backward) has no derivative: under
 * create_graph the gradient gets a NotImplemented node (edges to the grad_output and the input
 * that require grad), which raises when a second backward reaches it, as PyTorch's does.
 */
function recordMarginLoss(
  name: string,
  backwardOp: string,
  input: Tensor,
  out: Tensor,
  nframe: number,
  dim: number,
  reduction: Reduction,
  perSample: boolean,
  rowGrad: (i: number, gi: Float64Array, gnorm: number) => void,
): void {
  if (!needsGrad(input)) return;
  const shape = input._shape.slice();
  record(
    name,
    [input],
    out,
    (g) => {
      const gv = denseValues(g[0] as Tensor);
      const gnorm = reduction === 'mean' ? 1 / (nframe * dim) : 1 / dim;
      const gi = new Float64Array(nframe * dim);
      for (let i = 0; i < nframe; i++) {
        rowGrad(i, gi, gnorm);
        const scale = perSample ? (gv[i] as number) : (gv[0] as number);
        for (let d = 0; d < dim; d++) gi[i * dim + d] = (gi[i * dim + d] as number) * scale;
      }
      const res = Tensor._empty(shape, input.dtype);
      res._data.set(gi as never);
      const gOut = g[0] as Tensor;
      if (anyNeedsGrad([gOut, input])) {
        record('torch::autograd::NotImplemented', [gOut, input].filter((t) => t.requires_grad), res, () => {
          throw new RuntimeError(`derivative for aten::${backwardOp} is not implemented`);
        });
      }
      return [res];
    },
    [],
  );
}

export interface MultiMarginOpts extends LossOpts {
  p?: number;
  margin?: number;
  weight?: Tensor | null;
}

/** F.multi_margin_loss(input, target, p=1, margin=1.0, weight, size_average, reduce, reduction): MultiMarginLossBackward0. */
export function multi_margin_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<MultiMarginOpts>(rest);
  const [pp, mg, w, sa, rd, red] = rest;
  const p = typeof pp === 'number' ? pp : (o?.p ?? 1);
  const margin = typeof mg === 'number' ? mg : (o?.margin ?? 1);
  const weight = w instanceof Tensor ? w : (o?.weight ?? null);
  const reduction = legacyReduction(sa, rd, red, o);
  if (p !== 1 && p !== 2) throw new ValueError('only p == 1 and p == 2 supported');
  if (weight !== null && weight._shape.length !== 1) throw new ValueError('weight must be one-dimensional');
  checkNoRequiresGrad(weight, 'weight', 'multi_margin_loss');
  const nd = input._shape.length;
  const valid = (nd === 2 && input._shape[1] !== 0) || (nd === 1 && input._shape[0] !== 0) || nd === 0;
  const nframe = nd <= 1 ? 1 : (input._shape[0] as number);
  const dim = nd === 0 ? 1 : (input._shape[nd - 1] as number);
  if (!valid) throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input._shape.join(', ')}]`);
  if (target._shape.length > 1 || target.numel() !== nframe) throw new RuntimeError(`inconsistent target size, got: [${target._shape.join(', ')}]`);
  if (target.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarName}`);
  const x = denseValues(input);
  const t = denseValues(target);
  const wv = weight === null ? null : denseValues(weight);
  const per: number[] = [];
  for (let i = 0; i < nframe; i++) {
    const y = t[i] as number;
    if (!(y >= 0 && y < dim)) throw new RuntimeError('target out of range');
    let s = 0;
    for (let d = 0; d < dim; d++) {
      if (d === y) continue;
      const z = margin - (x[i * dim + y] as number) + (x[i * dim + d] as number);
      if (z > 0) s += (p === 1 ? z : z * z) * (wv === null ? 1 : (wv[y] as number));
    }
    per.push(s / dim);
  }
  const perSample = reduction === 'none' && target._shape.length > 0;
  let out: Tensor;
  if (perSample) {
    out = Tensor._empty([nframe], input.dtype);
    out._data.set(per as never);
  } else {
    const total = per.reduce((a, b) => a + b, 0);
    out = full_of([], reduction === 'mean' ? total / nframe : total, input.dtype);
  }
  recordMarginLoss('MultiMarginLossBackward0', 'multi_margin_loss_backward', input, out, nframe, dim, reduction, perSample, (i, gi, gnorm) => {
    const y = t[i] as number;
    let gy = 0;
    for (let d = 0; d < dim; d++) {
      if (d === y) continue;
      const z = margin - (x[i * dim + y] as number) + (x[i * dim + d] as number);
      if (z > 0) {
        const h = (p === 1 ? gnorm : 2 * gnorm * z) * (wv === null ? 1 : (wv[y] as number));
        gy -= h;
        gi[i * dim + d] = h;
      }
    }
    gi[i * dim + y] = gy;
  });
  return out;
}

/** F.multilabel_margin_loss(input, target, size_average, reduce, reduction): MultilabelMarginLossBackward0. */
export function multilabel_margin_loss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const o = optsOf<LossOpts>(rest);
  const [sa, rd, red] = rest;
  const reduction = legacyReduction(sa, rd, red, o);
  const nd = input._shape.length;
  const valid = (nd === 2 && input._shape[1] !== 0) || (nd === 1 && input._shape[0] !== 0) || nd === 0;
  if (!valid) throw new RuntimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: [${input._shape.join(', ')}]`);
  const nframe = nd <= 1 ? 1 : (input._shape[0] as number);
  const dim = nd === 0 ? 1 : (input._shape[nd - 1] as number);
  const okTarget = nd <= 1 ? target._shape.length <= 1 && target.numel() === dim : target._shape.length === 2 && target._shape[0] === nframe && target._shape[1] === dim;
  if (!okTarget) throw new RuntimeError(`inconsistent size [${target._shape.join(', ')}] for argument #2 'target'`);
  if (target.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarName}`);
  const x = denseValues(input);
  const t = denseValues(target);
  if (t.length > 0 && (Math.min(...t) < -1 || Math.max(...t) >= dim)) throw new RuntimeError("argument #2 'target' is out of range");
  const isTarget = new Uint8Array(nframe * dim);
  // Calls f(c, d, z) for each pair of row i's target class c (up to the first -1) and non-target
  // class d whose margin z = 1 − x[c] + x[d] is violated (z > 0): the loss and its gradient
  // walk the same pairs in the same order.
  const violations = (i: number, f: (c: number, d: number, z: number) => void): void => {
    for (let k = 0; k < dim; k++) {
      const c = t[i * dim + k] as number;
      if (c < 0) break;
      for (let d = 0; d < dim; d++) {
        if (isTarget[i * dim + d] !== 0) continue;
        const z = 1 - (x[i * dim + c] as number) + (x[i * dim + d] as number);
        if (z > 0) f(c, d, z);
      }
    }
  };
  const per: number[] = [];
  for (let i = 0; i < nframe; i++) {
    for (let k = 0; k < dim; k++) {
      const c = t[i * dim + k] as number;
      if (c < 0) break;
      isTarget[i * dim + c] = 1;
    }
    let s = 0;
    violations(i, (_c, _d, z) => {
      s += z;
    });
    per.push(s);
  }
  const perSample = reduction === 'none' && nd > 1;
  let out: Tensor;
  if (perSample) {
    out = Tensor._empty([nframe], input.dtype);
    out._data.set(per.map((v) => v / dim) as never);
  } else {
    const total = per.reduce((a, b) => a + b, 0) / dim;
    out = full_of([], reduction === 'mean' ? total / nframe : total, input.dtype);
  }
  recordMarginLoss('MultilabelMarginLossBackward0', 'multilabel_margin_loss_backward', input, out, nframe, dim, reduction, perSample, (i, gi, gnorm) => {
    violations(i, (c, d) => {
      gi[i * dim + c] = (gi[i * dim + c] as number) - gnorm;
      gi[i * dim + d] = (gi[i * dim + d] as number) + gnorm;
    });
  });
  return out;
}

