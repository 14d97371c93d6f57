// Loss functions of torch.nn.functional.
import type { Tensor } from '../tensor/tensor.ts';
import { RuntimeError, ValueError, warnOnce } from '../errors.ts';
import { broadcastShapes, sameShape } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { sub, mul } from '../ops/pointwise/arithmetic.ts';
import { sum, mean } from '../ops/reduce/reduce.ts';
import { expand } from '../ops/shape/views.ts';

export type Reduction = 'none' | 'mean' | 'sum';
export interface LossOpts {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction;
}

/** The legacy size_average/reduce pair, as torch.nn._reduction.legacy_get_string. */
export function reductionOf(opts: LossOpts | undefined): Reduction {
  const sa = opts?.size_average ?? null;
  const rd = opts?.reduce ?? null;
  if (sa !== null || rd !== null) {
    const s = sa ?? true;
    const r = rd ?? true;
    const legacy: Reduction = !r ? 'none' : s ? 'mean' : 'sum';
    warnOnce('UserWarning', `size_average and reduce args will be deprecated, please use reduction='${legacy}' instead.`);
    return legacy;
  }
  const red = opts?.reduction ?? 'mean';
  if ((red as string) === 'elementwise_mean') {
    warnOnce('UserWarning', "reduction='elementwise_mean' is deprecated, please use reduction='mean' instead.");
    return 'mean';
  }
  if (red !== 'none' && red !== 'mean' && red !== 'sum') throw new ValueError(`${String(red)} is not a valid value for reduction`);
  return red;
}

export function mse_loss(input: Tensor, target: Tensor, opts?: LossOpts): Tensor {
  if (!sameShape(input._shape, target._shape)) {
    warnOnce(
      'UserWarning',
      `Using a target size (torch.Size([${target._shape.join(', ')}])) that is different to the input size (torch.Size([${input._shape.join(', ')}])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
    );
  }
  const reduction = reductionOf(opts);
  const shape = broadcastShapes(input._shape, target._shape);
  const a = sameShape(shape, input._shape) ? input : expand(input, [shape]);
  const b = sameShape(shape, target._shape) ? target : expand(target, [shape]);
  // Forward without recording the pieces: mse_loss is one node (MseLossBackward0). Like any
  // binary op it promotes mixed dtypes (float32 input, float64 target → float64 loss).
  const d = sub(a.detach(), b.detach());
  const sq = mul(d, d);
  const out = reduction === 'none' ? sq : reduction === 'sum' ? sum(sq) : mean(sq);
  if (needsGrad(a, b)) {
    const n = sq.numel();
    record(
      'MseLossBackward0',
      [a, b],
      out,
      (g, s, node) => {
        // mse_loss_backward writes into zeros_like(self) through an iterator that wants every
        // operand in self's dtype: with mixed dtypes PyTorch 1.13 fails here, not in forward.
        const gs = g[0] as Tensor;
        const check = (self: Tensor, other: Tensor): void => {
          for (const o of [other, gs]) {
            if (o.dtype !== self.dtype) throw new RuntimeError(`Found dtype ${o.dtype.scalarName} but expected ${self.dtype.scalarName}`);
          }
        };
        if (node.needs[0]) check(s.get(0), s.get(1));
        if (node.needs[1]) check(s.get(1), s.get(0));
        // mse_loss_backward: k·(x − t)·g with k = 2/numel for mean, else 2
        const k = reduction === 'mean' ? 2 / n : 2;
        const gx = mul(mul(sub(s.get(0), s.get(1)), k), gs);
        return [node.needs[0] ? gx : null, node.needs[1] ? mul(gx, -1) : null];
      },
      [a, b],
    );
  }
  return out;
}

