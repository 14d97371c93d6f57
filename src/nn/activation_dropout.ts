// Dropout in torch.nn.functional, drawing from the generator as PyTorch 1.13's CPU path does
// (ATen's _dropout_impl, Dropout.cpp): noise = empty_like(input, contiguous).bernoulli_(1 − p),
// one 53-bit uniform per element in row-major order, kept where u < 1 − p (the non-MKL
// bernoulli_scalar kernel); then noise /= 1 − p and input · noise (MulBackward0). Feature
// dropout draws one value per (N, C) and broadcasts. Not training, p = 0 or an empty input:
// the input itself is returned.
import { Tensor } from '../tensor/tensor.ts';
import { NotImplementedError, ValueError, RuntimeError, warnOnce } from '../errors.ts';
import { bernoulli_ } from '../random/ops.ts';
import { add, add_, mul, mul_ } from '../ops/pointwise/arithmetic.ts';
import { full_of } from '../ops/alloc.ts';

export interface DropoutOpts {
  p?: number;
  training?: boolean;
  inplace?: boolean;
}

function parse(args: readonly unknown[], trainingDefault: boolean): { p: number; training: boolean; inplace: boolean } {
  const o = args.find((a) => a !== null && typeof a === 'object') as DropoutOpts | undefined;
  const [pp, tr, ip] = args;
  const p = typeof pp === 'number' ? pp : (o?.p ?? 0.5);
  const training = typeof tr === 'boolean' ? tr : (o?.training ?? trainingDefault);
  const inplace = typeof ip === 'boolean' ? ip : (o?.inplace ?? false);
  if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  return { p, training, inplace };
}

/**
 * A new contiguous tensor of `shape` (dtype of `like`) of bernoulli(q) draws: _dropout_impl
 * makes its noise with empty_like(input, LEGACY_CONTIGUOUS_MEMORY_FORMAT), so a transposed
 * input draws in its logical order, not its memory order.
 */
function bernoulliNoise(like: Tensor, shape: readonly number[], q: number): Tensor {
  return bernoulli_(Tensor._empty(shape.slice(), like.dtype), q);
}

/** ATen's multiply<inplace>: input · noise, or input.mul_(noise) (MulBackward0 either way). */
function multiply(input: Tensor, noise: Tensor, inplace: boolean): Tensor {
  if (!inplace) return mul(input, noise);
  mul_(input, noise);
  return input;
}

/** ATen's _dropout_impl<feature, alpha, inplace>(input, p, train). */
function dropoutImpl(input: Tensor, p: number, train: boolean, feature: boolean, alpha: boolean, inplace: boolean): Tensor {
  if (p === 0 || !train || input.numel() === 0) return input;
  if (p === 1) return multiply(input, full_of([], 0, input.dtype), inplace);
  let noise: Tensor;
  if (feature) {
    const nd = input._shape.length;
    if (nd < 2) throw new RuntimeError('Feature dropout requires at least 2 dimensions in the input');
    const shape = input._shape.map((s, i) => (i < 2 ? s : 1));
    noise = bernoulliNoise(input, shape, 1 - p);
  } else {
    noise = bernoulliNoise(input, input._shape, 1 - p);
  }
  if (alpha) {
    const a0 = 1.7580993408473766;
    const a = 1 / Math.sqrt((a0 * a0 * p + 1) * (1 - p));
    // b = (noise − 1)·(α·a) + α·a·p; noise = noise·a
    const b = add(mul(add(noise, -1), a0 * a), a0 * a * p);
    noise = mul(noise, a);
    const r = multiply(input, noise, inplace);
    if (!inplace) return add(r, b);
    add_(r, b);
    return r;
  }
  noise = noise.div(1 - p);
  return multiply(input, noise, inplace);
}

/** F.dropout(input, p=0.5, training=True, inplace=False). */
export function dropout(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, true);
  return dropoutImpl(input, p, training, false, false, inplace);
}

/** F.alpha_dropout(input, p=0.5, training=False, inplace=False). */
export function alpha_dropout(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, false);
  return dropoutImpl(input, p, training, false, true, inplace);
}

/** F.feature_alpha_dropout(input, p=0.5, training=False, inplace=False). */
export function feature_alpha_dropout(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, false);
  return dropoutImpl(input, p, training, true, true, inplace);
}

/** F.dropout1d(input, p=0.5, training=True, inplace=False): (N, C, L) or (C, L). */
export function dropout1d(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, true);
  const nd = input._shape.length;
  if (nd !== 2 && nd !== 3) {
    throw new RuntimeError(
      `dropout1d: Expected 2D or 3D input, but received a ${nd}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  }
  return channelDropout(input, nd === 3, p, training, inplace);
}

/** dropout2d's and dropout3d's deprecation warning for an input without k spatial dims (plus a
 *  channel and an optional batch dim). warnOnce keys on the message and the caller's site, so
 *  one helper warns as the two call sites did. */
function warnUnexpectedDims(name: string, nd: number, k: number): void {
  if (nd !== k + 1 && nd !== k + 2) {
    warnOnce(
      'UserWarning',
      `${name}: Received a ${nd}-D input to ${name}, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that ${name} exists to provide channel-wise dropout on inputs with ${k} spatial dimensions, a channel dimension, and an optional batch dimension (i.e. ${k + 1}D or ${k + 2}D inputs).`,
    );
  }
}

/** F.dropout2d(input, p=0.5, training=True, inplace=False): channel-wise on (N, C, H, W). */
export function dropout2d(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, true);
  const nd = input._shape.length;
  warnUnexpectedDims('dropout2d', nd, 2);
  if (nd === 3) {
    warnOnce(
      'UserWarning',
      'dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.',
    );
  }
  return dropoutImpl(input, p, training, true, false, inplace);
}

/** F.dropout3d(input, p=0.5, training=True, inplace=False): channel-wise on (N, C, D, H, W). */
export function dropout3d(input: Tensor, ...args: unknown[]): Tensor {
  const { p, training, inplace } = parse(args, true);
  const nd = input._shape.length;
  warnUnexpectedDims('dropout3d', nd, 3);
  return channelDropout(input, nd === 5, p, training, inplace);
}


/** dropout1d/3d: an unbatched input gets a batch dim for feature_dropout, then loses it. */
function channelDropout(input: Tensor, batched: boolean, p: number, training: boolean, inplace: boolean): Tensor {
  if (batched) return dropoutImpl(input, p, training, true, false, inplace);
  // functional.py uses unsqueeze_/squeeze_ on the input itself there.
  if (inplace) throw new NotImplementedError('channel-wise dropout with inplace=True on an unbatched input is not supported by ts-torch');
  return dropoutImpl(input.unsqueeze(0), p, training, true, false, false).squeeze(0);
}
