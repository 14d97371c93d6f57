// nll_loss and cross_entropy, as ATen's nll_loss_nd / cross_entropy_loss (LossNLL.cpp) compose
// them: nll_loss_forward (NllLossBackward0) for 1-D/2-D inputs, nll_loss2d_forward
// (NllLoss2DBackward0) for 4-D ones, other ranks viewed to 4-D first.
import { Tensor } from '../tensor/tensor.ts';
import { int64, uint8 } from '../tensor/dtype.ts';
import { IndexError, RuntimeError, ValueError } from '../errors.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { checkNoRequiresGrad, divScalar, mulScalar } from './loss_basic.ts';
import { reductionOf, type LossOpts, type Reduction } from './loss.ts';
import { log_softmax } from '../ops/softmax.ts';
import { add, div, mul } from '../ops/pointwise/arithmetic.ts';
import { neg } from '../ops/pointwise/unary.ts';
import { sum, mean } from '../ops/reduce/reduce.ts';
import { eq } from '../ops/pointwise/compare.ts';
import { denseValues } from '../ops/copy.ts';
import { full_of } from '../ops/alloc.ts';
import { zerosLikeValue } from '../ops/pointwise/select_where.ts';
import { masked_select } from '../ops/indexing/index_ops_mask.ts';
import { gather } from '../ops/indexing/index_ops_scatter.ts';

export interface NllLossOpts extends LossOpts {
  weight?: Tensor | null;
  ignore_index?: number;
}

export interface CrossEntropyOpts extends NllLossOpts {
  label_smoothing?: number;
}

function sizes(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** The values of a tensor in row-major order (integer targets, weights). */

/**
 * The shared kernel of nll_loss_forward and nll_loss2d_forward on an input laid out as
 * [N, C, M] (M = 1 for the 1-D/2-D op) and a target [N, M]: the loss (per element or reduced)
 * and total_weight. `outShape` is the shape of the unreduced result.
 */
function nllCore(
  name: 'NllLossBackward0' | 'NllLoss2DBackward0',
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
  n: number,
  c: number,
  m: number,
  outShape: number[],
): Tensor {
  if (target.dtype !== int64 && target.dtype !== uint8) {
    throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarName}`);
  }
  const dt = input.dtype;
  const x = denseValues(input);
  const t = denseValues(target);
  const w = weight === null ? null : denseValues(weight);
  const per = new Float64Array(n * m);
  let lossSum = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const cls = t[k] as number;
      if (cls === ignoreIndex) continue;
      if (cls < 0 || cls >= c) throw new IndexError(`Target ${cls} is out of bounds.`);
      const wt = w === null ? 1 : (w[cls] as number);
      const v = -(x[(i * c + cls) * m + j] as number) * wt;
      per[k] = v;
      lossSum += v;
      totalWeight += wt;
    }
  }
  let out: Tensor;
  if (reduction === 'none' && outShape.length > 0) {
    out = Tensor._empty(outShape, dt);
    out._data.set(per as never);
  } else {
    const v = reduction === 'mean' ? (n * m === 0 ? NaN : lossSum / totalWeight) : reduction === 'sum' ? lossSum : (per[0] as number);
    out = full_of([], v, dt);
  }
  if (needsGrad(input)) {
    const shape = input._shape.slice();
    const tw = totalWeight;
    record(
      name,
      // target is non_differentiable: the node's only edge is the input's
      [input],
      out,
      (g) => {
        const gs = g[0] as Tensor;
        const gv = denseValues(gs);
        const gi = Tensor._empty(shape, dt);
        const d = gi._data;
        d.fill(0);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < m; j++) {
            const k = i * m + j;
            const cls = t[k] as number;
            if (cls === ignoreIndex) continue;
            const wt = w === null ? 1 : (w[cls] as number);
            const gk = reduction === 'none' && outShape.length > 0 ? (gv[k] as number) : (gv[0] as number);
            d[(i * c + cls) * m + j] = -wt * (reduction === 'mean' ? gk / tw : gk);
          }
        }
        // nll_loss_backward as an op (create_graph): linear in g, whose derivative is nll_loss
        // of the incoming gradient; a zero derivative in self.
        if (needsGrad(gs, input)) {
          record(
            `${name.slice(0, -'Backward0'.length)}BackwardBackward0`,
            [gs, input],
            gi,
            (gg, _s, node) => {
              const ggs = gg[0] as Tensor;
              return [
                node.needs[0] ? nllCore(name, ggs, target, weight, reduction, ignoreIndex, n, c, m, outShape) : null,
                node.needs[1] ? zerosLikeValue(ggs) : null,
              ];
            },
            [],
          );
        }
        return [gi];
      },
      [],
    );
  }
  return out;
}

/** ATen's nll_loss (nll_loss_forward): 1-D or 2-D input. */
function nllLoss12(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  checkNoRequiresGrad(weight, 'weight', 'nll_loss_forward');
  if (target._shape.length > 1) throw new RuntimeError('0D or 1D target tensor expected, multi-target not supported');
  const noBatch = input._shape.length === 1 && target._shape.length === 0;
  if (!noBatch && input._shape[0] !== target._shape[0]) {
    throw new RuntimeError(`size mismatch (got input: ${sizes(input._shape)}, target: ${sizes(target._shape)})`);
  }
  const c = input._shape[input._shape.length - 1] as number;
  checkWeight(weight, c);
  const n = input._shape.length === 1 ? 1 : (input._shape[0] as number);
  const outShape = input._shape.length === 2 ? [n] : [];
  return nllCore('NllLossBackward0', input, target, weight, reduction, ignoreIndex, n, c, 1, outShape);
}

function checkWeight(weight: Tensor | null, c: number): void {
  if (weight !== null && (weight._shape.length !== 1 || weight.numel() !== c)) {
    throw new RuntimeError(`weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${sizes(weight._shape)}`);
  }
}

/** ATen's nll_loss2d: input [N, C, H, W], target [N, H, W]. */
function nllLoss2d(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  checkNoRequiresGrad(weight, 'weight', 'nll_loss2d_forward');
  if (target._shape.length !== 3) throw new RuntimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target._shape.length}`);
  const [n, c, h, w] = input._shape as [number, number, number, number];
  if (weight !== null && weight.numel() !== c) throw new RuntimeError('weight tensor should be defined either for all or no classes');
  if (n !== target._shape[0] || h !== target._shape[1] || w !== target._shape[2]) {
    throw new RuntimeError(`size mismatch (got input: ${sizes(input._shape)} , target: ${sizes(target._shape)}`);
  }
  return nllCore('NllLoss2DBackward0', input, target, weight, reduction, ignoreIndex, n, c, h * w, [n, h, w]);
}

/** ATen's nll_loss_nd. */
function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  const nd = input._shape.length;
  if (nd < 1) throw new ValueError(`Expected 1 or more dimensions (got ${nd})`);
  if (nd !== 1 && input._shape[0] !== target._shape[0]) {
    throw new ValueError(`Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`);
  }
  if (nd === 1 || nd === 2) return nllLoss12(input, target, weight, reduction, ignoreIndex);
  if (nd === 4) return nllLoss2d(input, target, weight, reduction, ignoreIndex);
  const n = input._shape[0] as number;
  const c = input._shape[1] as number;
  const outSize = [n, ...input._shape.slice(2)];
  if (target._shape.slice(1).join(',') !== input._shape.slice(2).join(',')) {
    throw new RuntimeError(`Expected target size ${sizes(outSize)}, got ${sizes(target._shape)}`);
  }
  const x = input.contiguous();
  const tg = target.contiguous();
  const x4 = input.numel() > 0 ? x.view(n, c, 1, -1) : x.view(n, c, 0, 0);
  const t3 = target.numel() > 0 ? tg.view(n, 1, -1) : tg.view(n, 0, 0);
  const out = nllLoss2d(x4, t3, weight, reduction, ignoreIndex);
  return reduction === 'none' ? out.view(outSize) : out;
}

function nllArgs(
  weight: Tensor | null | undefined | NllLossOpts,
  rest: unknown[],
): { weight: Tensor | null; opts: CrossEntropyOpts; positional: unknown[] } {
  const all = [weight, ...rest];
  const last = all[all.length - 1];
  const opts = last !== null && typeof last === 'object' && !(last instanceof Tensor) ? (all.pop() as CrossEntropyOpts) : {};
  const w = all[0] instanceof Tensor ? all[0] : (opts.weight ?? null);
  return { weight: w, opts, positional: all.slice(1) };
}

/**
 * F.nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
 * reduction='mean'); keywords in a trailing options object.
 */
export function nll_loss(input: Tensor, target: Tensor, weight?: Tensor | null | NllLossOpts, ...rest: unknown[]): Tensor {
  const a = nllArgs(weight, rest);
  const [sizeAverage, ignoreIndex, reduce, reduction] = a.positional as [boolean | null | undefined, number | undefined, boolean | null | undefined, Reduction | undefined];
  const red = reductionOf({
    size_average: sizeAverage ?? a.opts.size_average,
    reduce: reduce ?? a.opts.reduce,
    reduction: reduction ?? a.opts.reduction,
  });
  return nllLossNd(input, target, a.weight, red, ignoreIndex ?? a.opts.ignore_index ?? -100);
}

/**
 * F.cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,
 * reduce=None, reduction='mean', label_smoothing=0.0), as ATen's cross_entropy_loss.
 */
export function cross_entropy(input: Tensor, target: Tensor, weight?: Tensor | null | CrossEntropyOpts, ...rest: unknown[]): Tensor {
  const a = nllArgs(weight, rest);
  const [sizeAverage, ignoreIndex, reduce, reduction, labelSmoothing] = a.positional as [
    boolean | null | undefined,
    number | undefined,
    boolean | null | undefined,
    Reduction | undefined,
    number | undefined,
  ];
  const red = reductionOf({
    size_average: sizeAverage ?? a.opts.size_average,
    reduce: reduce ?? a.opts.reduce,
    reduction: reduction ?? a.opts.reduction,
  });
  const ii = ignoreIndex ?? a.opts.ignore_index ?? -100;
  const ls = labelSmoothing ?? a.opts.label_smoothing ?? 0;
  const w = a.weight;
  const classDim = input._shape.length === 1 ? 0 : 1;
  if (input._shape.join(',') === target._shape.join(',')) {
    if (!target.dtype.is_floating_point) {
      throw new RuntimeError(`Expected floating point type for target with class probabilities, got ${target.dtype.scalarName}`);
    }
    if (ii >= 0) throw new RuntimeError('ignore_index is not supported for floating point target');
    return crossEntropyProb(input, target, w, red, ls, classDim);
  }
  if (ls > 0) {
    if (ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
    return crossEntropyLabelSmoothing(input, target, w, red, ii, ls, classDim);
  }
  return nllLossNd(log_softmax(input, classDim), target, w, red, ii);
}

/** The weight viewed to broadcast along the class dim (1, C, 1, …). */
function weightView(weight: Tensor, nd: number, classDim: number): Tensor {
  const shape = new Array<number>(nd).fill(1);
  shape[classDim] = weight._shape[0] as number;
  return weight.view(shape);
}

function crossEntropyProb(self: Tensor, target0: Tensor, weight: Tensor | null, reduction: Reduction, ls: number, classDim: number): Tensor {
  const c = self._shape[classDim] as number;
  if (weight !== null && (weight._shape.length !== 1 || weight.numel() !== c)) {
    throw new RuntimeError(`cross_entropy: weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${sizes(weight._shape)}`);
  }
  const input = log_softmax(self, classDim);
  let target = target0;
  if (ls > 0) {
    if (ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
    target = add(mul(target0, 1 - ls), ls / c);
  }
  let prod = mul(input, target);
  if (weight !== null) prod = mul(prod, input._shape.length > 1 ? weightView(weight, input._shape.length, 1) : weight);
  switch (reduction) {
    case 'mean':
      if (input.numel() === 0) {
        const s = neg(sum(prod));
        s.detach().fill_(NaN);
        return s;
      }
      return divScalar(neg(sum(prod)), input.numel() / c);
    case 'sum':
      return neg(sum(prod));
    default:
      return neg(sum(prod, classDim));
  }
}

function crossEntropyLabelSmoothing(
  self: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignoreIndex: number,
  ls: number,
  classDim: number,
): Tensor {
  const input = log_softmax(self, classDim);
  const nll = nllLossNd(input, target, weight, reduction, ignoreIndex);
  const c = input._shape[classDim] as number;
  const smooth = weight !== null ? neg(sum(mul(input, weightView(weight, input._shape.length, classDim)), classDim)) : neg(sum(input, classDim));
  const ignoreMask = eq(target, ignoreIndex);
  // smooth_loss.index_put_({ignore_mask}, 0.0): IndexPutBackward0 on the graph
  smooth.index_put_([ignoreMask], 0);
  let ret: Tensor;
  const keep = ignoreMask.logical_not();
  switch (reduction) {
    case 'mean':
      if (weight !== null) {
        // normalised by the kept targets' weights, as nll_loss_nd does
        ret = div(sum(smooth), sum(gather(weight, 0, masked_select(target, keep).flatten())));
      } else {
        ret = mean(masked_select(smooth, keep));
      }
      break;
    case 'sum':
      ret = sum(smooth);
      break;
    default:
      ret = smooth;
  }
  return add(mulScalar(nll, 1 - ls), mulScalar(ret, ls / c));
}
