// Normalisation of torch.nn.functional: layer_norm (NativeLayerNormBackward0), group_norm
// (NativeGroupNormBackward0), batch_norm (NativeBatchNormBackward0) and instance_norm (batch_norm
// on a [1, N·C, …] view, as ATen composes it). Statistics are computed in double; the backward
// recomputes them from the saved input with differentiable ops, so double backward works.
import type { Tensor } from '../tensor/tensor.ts';
import { float64 } from '../tensor/dtype.ts';
import { RuntimeError, ValueError } from '../errors.ts';
import { Size } from '../tensor/shape.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { no_grad } from '../autograd/grad_mode.ts';
import { bindArgs } from '../ops/reduce/reduce_more_util.ts';
import { linked, owned, requireFloating } from './vision_map.ts';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * How one normalisation lays out its statistics: `toStats` reshapes the input (and gradients)
 * so the stats are over `dims` of the result; `affine` reshapes weight/bias to broadcast
 * against the input; `affineDims` are the input dims weight/bias gradients sum over.
 */
interface Layout {
  toStats(t: Tensor): Tensor;
  dims: number[];
  affine(t: Tensor): Tensor;
  affineDims: number[];
}

/** x̂ = (x − μ)·rstd over the layout's stats dims, in stats layout (differentiable ops). */
function standardize(x: Tensor, L: Layout, eps: number): { xhat: Tensor; rstd: Tensor } {
  const xs = L.toStats(x);
  const xc = xs.sub(xs.mean(L.dims, true));
  const rstd = xc.square().mean(L.dims, true).add(eps).rsqrt();
  return { xhat: xc.mul(rstd), rstd };
}

/** y = x̂·w + b in double, stored in x's dtype; x̂ from `stats` or from x's own statistics. */
function forward(x: Tensor, w: Tensor | null, b: Tensor | null, L: Layout, eps: number, stats: { mean: Tensor; invstd: Tensor } | null): Tensor {
  return no_grad(() => {
    const x64 = x.detach().to(float64);
    let y = stats === null ? standardize(x64, L, eps).xhat.reshape(x._shape.slice()) : x64.sub(stats.mean).mul(stats.invstd);
    if (w !== null) y = y.mul(L.affine(w.detach().to(float64)));
    if (b !== null) y = y.add(L.affine(b.detach().to(float64)));
    return owned(y.to(x.dtype));
  });
}

/**
 * Records the op with the gradients of y = x̂·w + b: for x (through the statistics, unless
 * they are fixed running stats), w (Σ g·x̂) and b (Σ g).
 */
function recordNorm(name: string, x: Tensor, w: Tensor | null, b: Tensor | null, out: Tensor, L: Layout, eps: number, fixed: { mean: Tensor; invstd: Tensor } | null): void {
  if (!needsGrad(x, w, b)) return;
  const shape = x._shape.slice();
  record(
    name,
    [x, w, b],
    out,
    (gs, s, node) => {
      const g = gs[0] as Tensor;
      const xs = s.get(0);
      const wt = w === null ? null : s.get(1);
      let xhat: Tensor;
      let gx: Tensor | null = null;
      const gxh = wt === null ? g : g.mul(L.affine(wt));
      if (fixed === null) {
        const st = standardize(xs, L, eps);
        xhat = st.xhat.reshape(shape);
        if (node.needs[0]) {
          // d/dx of (x − μ)·rstd: rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)), in stats layout
          const gh = L.toStats(gxh);
          gx = st.rstd.mul(gh.sub(gh.mean(L.dims, true)).sub(st.xhat.mul(gh.mul(st.xhat).mean(L.dims, true)))).reshape(shape);
        }
      } else {
        xhat = xs.sub(fixed.mean).mul(fixed.invstd);
        if (node.needs[0]) gx = gxh.mul(fixed.invstd);
      }
      const gw = node.needs[1] && wt !== null ? g.mul(xhat).sum(L.affineDims).reshape(wt._shape.slice()) : null;
      const gb = node.needs[2] && b !== null ? g.sum(L.affineDims).reshape(b._shape.slice()) : null;
      // (with running stats, ATen's double backward has no derivative w.r.t. the input: None)
      return [gx, gw, gb].map((t) => (t === null ? null : linked(t, [xs, wt], fixed === null)));
    },
    [x, w],
  );
}

export interface LayerNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5) */
export function layer_norm(
  input: Tensor, normalized_shape: number | readonly number[], weight?: Tensor | null | LayerNormOpts, bias?: Tensor | null | LayerNormOpts, eps?: number | LayerNormOpts,
): Tensor {
  const o = bindArgs('layer_norm', ['weight', 'bias', 'eps'], [weight, bias, eps]);
  const ns = typeof normalized_shape === 'number' ? [normalized_shape] : normalized_shape.slice();
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const e = (o.eps as number | undefined) ?? 1e-5;
  const nd = input._shape.length;
  const k = ns.length;
  if (k < 1) throw new RuntimeError(`Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${fmt(ns)}`);
  for (const [t, what] of [[w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && fmt(t._shape) !== fmt(ns)) {
      throw new RuntimeError(`Expected ${what} to be of same shape as normalized_shape, but got ${what} of shape ${fmt(t._shape)} and normalized_shape = ${fmt(ns)}`);
    }
  }
  if (nd < k || fmt(input._shape.slice(nd - k)) !== fmt(ns)) {
    throw new RuntimeError(`Given normalized_shape=${fmt(ns)}, expected input with shape [*, ${ns.join(', ')}], but got input of size${fmt(input._shape)}`);
  }
  requireFloating(input, 'LayerNormKernelImpl');
  for (const t of [w, b]) if (t !== null && t.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${t.dtype.scalarName}`);
  const dims = ns.map((_, i) => nd - k + i);
  const L: Layout = { toStats: (t) => t, dims, affine: (t) => t, affineDims: input._shape.slice(0, nd - k).map((_, i) => i) };
  const out = forward(input, w, b, L, e, null);
  recordNorm('NativeLayerNormBackward0', input, w, b, out, L, e, null);
  return out;
}

export interface GroupNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Weight/bias of a per-channel norm, shaped [1, C, 1, …] to broadcast over an input of `nd` dims. */
function channelAffine(nd: number): (t: Tensor) => Tensor {
  return (t) => t.reshape([1, t.numel()].concat(new Array<number>(Math.max(nd - 2, 0)).fill(1)));
}

/** _verify_batch_size of torch/nn/functional.py. */
function verifyBatchSize(size: readonly number[]): void {
  let prod = size[0] as number;
  for (let i = 2; i < size.length; i++) prod *= size[i] as number;
  if (prod === 1) throw new ValueError(`Expected more than 1 value per channel when training, got input size ${Size.of_(size).toString()}`);
}

/** F.group_norm(input, num_groups, weight=None, bias=None, eps=1e-5) */
export function group_norm(input: Tensor, num_groups: number, weight?: Tensor | null | GroupNormOpts, bias?: Tensor | null | GroupNormOpts, eps?: number | GroupNormOpts): Tensor {
  const o = bindArgs('group_norm', ['weight', 'bias', 'eps'], [weight, bias, eps]);
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const e = (o.eps as number | undefined) ?? 1e-5;
  const N = input.size(0);
  const C = input.size(1);
  verifyBatchSize([Math.floor((N * C) / num_groups), num_groups].concat(input._shape.slice(2)));
  if (C % num_groups !== 0) {
    throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape ${fmt(input._shape)} and num_groups=${num_groups}`);
  }
  for (const [t, what] of [[w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && (t._shape.length !== 1 || t.numel() !== C)) {
      throw new RuntimeError(`Expected ${what} to be a vector of size equal to the number of channels in input, but got ${what} of shape ${fmt(t._shape)} and input of shape ${fmt(input._shape)}`);
    }
  }
  requireFloating(input, 'GroupNormKernelImpl');
  for (const t of [w, b]) if (t !== null && t.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${t.dtype.scalarName}`);
  const nd = input._shape.length;
  const L: Layout = {
    toStats: (t) => t.reshape([N, num_groups, -1]),
    dims: [2],
    affine: channelAffine(nd),
    affineDims: [0].concat(input._shape.slice(2).map((_, i) => i + 2)),
  };
  const out = forward(input, w, b, L, e, null);
  recordNorm('NativeGroupNormBackward0', input, w, b, out, L, e, null);
  return out;
}

export interface BatchNormOpts {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  momentum?: number;
  eps?: number;
}

/** aten::batch_norm: per-channel stats over every dim but 1; running stats updated in place (no version bump, as ATen). */
function batchNormImpl(x: Tensor, w: Tensor | null, b: Tensor | null, rm: Tensor | null, rv: Tensor | null, training: boolean, momentum: number, eps: number): Tensor {
  const nd = x._shape.length;
  const C = nd > 1 ? (x._shape[1] as number) : 1;
  for (const [t, what] of [[rm, 'running_mean'], [rv, 'running_var'], [w, 'weight'], [b, 'bias']] as const) {
    if (t !== null && t.numel() !== C) throw new RuntimeError(`${what} should contain ${C} elements not ${t.numel()}`);
  }
  requireFloating(x, 'batch_norm');
  for (const t of [w, b, rm, rv]) {
    if (t !== null && t.dtype !== x.dtype) throw new RuntimeError(`mixed dtype (CPU): expect parameter to have scalar type of ${x.dtype.scalarName}`);
  }
  const dims = [0].concat(x._shape.slice(2).map((_, i) => i + 2));
  const affine = channelAffine(nd);
  const L: Layout = { toStats: (t) => t, dims, affine, affineDims: dims };
  if (training || rm === null || rv === null) {
    const out = forward(x, w, b, L, eps, null);
    if (training && (rm !== null || rv !== null)) {
      no_grad(() => {
        const x64 = x.detach().to(float64);
        const n = x.numel() / C;
        const mean = x64.mean(dims);
        const varU = x64.sub(affine(mean)).square().sum(dims).div(Math.max(n - 1, 0));
        // running = (1 − momentum)·running + momentum·batch, written straight into the storage
        const update = (r: Tensor, v: Tensor): void => {
          const cur = r.detach().to(float64).reshape([C]);
          const next = cur.mul(1 - momentum).add(v.mul(momentum));
          for (let i = 0; i < C; i++) r._data[r._offset + i * (r._stride[0] ?? 1)] = next._data[i] as number;
        };
        if (rm !== null) update(rm, mean);
        if (rv !== null) update(rv, varU);
      });
    }
    recordNorm('NativeBatchNormBackward0', x, w, b, out, L, eps, null);
    return out;
  }
  const fixed = no_grad(() => ({ mean: affine(rm.detach()), invstd: affine(rv.detach().add(eps).rsqrt()) }));
  const fixed64 = no_grad(() => ({ mean: affine(rm.detach().to(float64)), invstd: affine(rv.detach().to(float64).add(eps).rsqrt()) }));
  const out = forward(x, w, b, L, eps, fixed64);
  recordNorm('NativeBatchNormBackward0', x, w, b, out, L, eps, fixed);
  return out;
}

/** F.batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5) */
export function batch_norm(
  input: Tensor,
  running_mean: Tensor | null,
  running_var: Tensor | null,
  weight?: Tensor | null | BatchNormOpts,
  bias?: Tensor | null | BatchNormOpts,
  training?: boolean | BatchNormOpts,
  momentum?: number | BatchNormOpts,
  eps?: number | BatchNormOpts,
): Tensor {
  const o = bindArgs('batch_norm', ['weight', 'bias', 'training', 'momentum', 'eps'], [weight, bias, training, momentum, eps]);
  const tr = (o.training as boolean | undefined) ?? false;
  if (tr) verifyBatchSize(input._shape);
  return batchNormImpl(
    input,
    (o.weight as Tensor | null | undefined) ?? null,
    (o.bias as Tensor | null | undefined) ?? null,
    running_mean,
    running_var,
    tr,
    (o.momentum as number | undefined) ?? 0.1,
    (o.eps as number | undefined) ?? 1e-5,
  );
}

export interface InstanceNormOpts {
  running_mean?: Tensor | null;
  running_var?: Tensor | null;
  weight?: Tensor | null;
  bias?: Tensor | null;
  use_input_stats?: boolean;
  momentum?: number;
  eps?: number;
}

/** F.instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True, momentum=0.1, eps=1e-5) */
export function instance_norm(
  input: Tensor,
  running_mean?: Tensor | null | InstanceNormOpts,
  running_var?: Tensor | null | InstanceNormOpts,
  weight?: Tensor | null | InstanceNormOpts,
  bias?: Tensor | null | InstanceNormOpts,
  use_input_stats?: boolean | InstanceNormOpts,
  momentum?: number | InstanceNormOpts,
  eps?: number | InstanceNormOpts,
): Tensor {
  const o = bindArgs('instance_norm', ['running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], [running_mean, running_var, weight, bias, use_input_stats, momentum, eps]);
  const rm = (o.running_mean as Tensor | null | undefined) ?? null;
  const rv = (o.running_var as Tensor | null | undefined) ?? null;
  const w = (o.weight as Tensor | null | undefined) ?? null;
  const b = (o.bias as Tensor | null | undefined) ?? null;
  const useStats = (o.use_input_stats as boolean | undefined) ?? true;
  if (useStats) {
    let prod = 1;
    for (let i = 2; i < input._shape.length; i++) prod *= input._shape[i] as number;
    if (prod === 1) throw new ValueError(`Expected more than 1 spatial element when training, got input size ${Size.of_(input._shape).toString()}`);
  }
  if (!useStats && (rm === null || rv === null)) throw new RuntimeError('Expected running_mean and running_var to be defined when use_input_stats is false');
  const N = input.size(0);
  const C = input.size(1);
  const shape = input._shape.slice();
  shape[1] = N * C;
  shape[0] = 1;
  const rep = (t: Tensor | null): Tensor | null => (t === null ? null : t.repeat(N));
  const rm_ = rep(rm);
  const rv_ = rep(rv);
  const out = batchNormImpl(input.contiguous().view(shape), rep(w), rep(b), rm_, rv_, useStats, (o.momentum as number | undefined) ?? 0.1, (o.eps as number | undefined) ?? 1e-5);
  no_grad(() => {
    if (rm !== null && rm_ !== null) rm.copy_(rm_.view([N, C]).mean(0, false));
    if (rv !== null && rv_ !== null) rv.copy_(rv_.view([N, C]).mean(0, false));
  });
  return out.view(input._shape.slice());
}
