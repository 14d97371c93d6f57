// Every differentiable op, checked in float64 with gradcheck (numerical vs analytical Jacobian)
// and gradgradcheck (the same for the backward formula itself), as PyTorch's test_ops_gradients
// does. Inputs come from seeded randn, moved away from points where an op is not
// differentiable (positive inputs for log/sqrt, |x| < 0.8 for asin, …).
//
// GRADGRAD_EXEMPT lists the ops whose backward ts-torch cannot differentiate, with the reason;
// their test asserts that gradgradcheck still fails, so a fix shows up as a failing test that
// asks for the entry to be removed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';

const F = torch.nn.functional;
const { gradcheck, gradgradcheck } = torch.autograd;
const D = { dtype: torch.float64 };

// ---- inputs (made without grad, then turned into leaves) --------------------------------------
const leaf = (t: Tensor): Tensor => t.detach().requires_grad_();
const r = (...s: number[]): Tensor => leaf(torch.randn(s, D));
/** Positive, at least 0.5 (log, sqrt, division, pow with real exponents). */
const pos = (...s: number[]): Tensor => leaf(torch.randn(s, D).abs().add(0.5));
/** In (-0.8, 0.8) (asin, acos, atanh, erfinv, tan). */
const unit = (...s: number[]): Tensor => leaf(torch.rand(s, D).mul(1.6).sub(0.8));
/** In (1.5, 2.5) (acosh). */
const gt1 = (...s: number[]): Tensor => leaf(torch.rand(s, D).add(1.5));
/** A constant operand that does not require grad. */
const k = (...s: number[]): Tensor => torch.randn(s, D);
const long = (v: number[]): Tensor => torch.tensor(v, { dtype: torch.int64 });

type Fn = (...args: never[]) => Tensor | readonly Tensor[];
interface OpCase {
  name: string;
  make: () => unknown[];
  fn: Fn;
}
const op = (name: string, make: () => unknown[], fn: Fn): OpCase => ({ name, make, fn });

const CASES: OpCase[] = [
  // arithmetic (broadcasting, scalars, alpha, reversed operands)
  op('add', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => a.add(b)),
  op('add_broadcast', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => a.add(b)),
  op('add_alpha', () => [r(2, 3), r(1, 3)], (a: Tensor, b: Tensor) => a.add(b, { alpha: 2.5 })),
  op('add_scalar', () => [r(2, 3)], (a: Tensor) => a.add(1.5)),
  op('sub', () => [r(2, 3), r(2, 1)], (a: Tensor, b: Tensor) => a.sub(b)),
  op('sub_alpha', () => [r(3), r(3)], (a: Tensor, b: Tensor) => torch.sub(a, b, { alpha: -2 })),
  op('rsub_scalar', () => [r(2, 3)], (a: Tensor) => torch.sub(1, a)),
  op('rsub_tensor', () => [r(3), r(2, 3)], (a: Tensor, b: Tensor) => torch.rsub(a, b, { alpha: 3 })),
  op('mul', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => a.mul(b)),
  op('mul_broadcast', () => [r(2, 1), r(1, 3)], (a: Tensor, b: Tensor) => a.mul(b)),
  op('mul_scalar', () => [r(4)], (a: Tensor) => torch.mul(2, a)),
  op('mul_self', () => [r(4)], (a: Tensor) => a.mul(a)),
  op('div', () => [r(2, 3), pos(2, 3)], (a: Tensor, b: Tensor) => a.div(b)),
  op('div_broadcast', () => [r(2, 3), pos(3)], (a: Tensor, b: Tensor) => a.div(b)),
  op('div_scalar', () => [r(4)], (a: Tensor) => a.div(3)),
  op('div_scalar_numerator', () => [pos(4)], (a: Tensor) => torch.div(2, a)),
  op('pow_2', () => [r(2, 3)], (a: Tensor) => a.pow(2)),
  op('pow_3', () => [r(2, 3)], (a: Tensor) => a.pow(3)),
  op('pow_0', () => [r(3)], (a: Tensor) => a.pow(0)),
  op('pow_half', () => [pos(2, 3)], (a: Tensor) => a.pow(0.5)),
  op('pow_negative', () => [pos(2, 3)], (a: Tensor) => a.pow(-1.5)),
  op('pow_tensor', () => [pos(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => a.pow(b)),
  op('pow_tensor_broadcast', () => [pos(2, 3), r(3)], (a: Tensor, b: Tensor) => a.pow(b)),
  op('pow_scalar_base', () => [r(2, 3)], (a: Tensor) => torch.pow(2, a)),
  op('neg', () => [r(2, 3)], (a: Tensor) => a.neg()),
  op('exp', () => [r(2, 3)], (a: Tensor) => a.exp()),
  op('log', () => [pos(2, 3)], (a: Tensor) => a.log()),
  op('sqrt', () => [pos(2, 3)], (a: Tensor) => a.sqrt()),
  op('reciprocal', () => [pos(2, 3)], (a: Tensor) => torch.reciprocal(a)),
  op('sigmoid', () => [r(2, 3)], (a: Tensor) => a.sigmoid()),
  op('tanh', () => [r(2, 3)], (a: Tensor) => a.tanh()),
  op('relu', () => [r(2, 3)], (a: Tensor) => a.relu()),
  op('F.relu', () => [r(5)], (a: Tensor) => F.relu(a)),

  // reductions
  op('sum', () => [r(2, 3)], (a: Tensor) => a.sum()),
  op('sum_dim', () => [r(2, 3)], (a: Tensor) => a.sum(1)),
  op('sum_dim_keepdim', () => [r(2, 3)], (a: Tensor) => a.sum({ dim: 0, keepdim: true })),
  op('sum_dims', () => [r(2, 3, 2)], (a: Tensor) => a.sum([0, 2])),
  op('sum_negative_dim_keepdim', () => [r(2, 3, 2)], (a: Tensor) => a.sum(-1, true)),
  op('mean', () => [r(2, 3)], (a: Tensor) => a.mean()),
  op('mean_dim', () => [r(2, 3)], (a: Tensor) => a.mean(0)),
  op('mean_dims_keepdim', () => [r(2, 3, 2)], (a: Tensor) => a.mean([1, 2], true)),

  // linear algebra (every matmul dim combination)
  op('matmul_1_1', () => [r(3), r(3)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_2_1', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_1_2', () => [r(3), r(3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_2_2', () => [r(2, 3), r(3, 4)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_3_2', () => [r(2, 2, 3), r(3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_3_1', () => [r(2, 2, 3), r(3)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_2_3', () => [r(2, 3), r(2, 3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_3_3', () => [r(2, 2, 3), r(2, 3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_3_3_broadcast', () => [r(2, 2, 3), r(1, 3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_4_3_broadcast', () => [r(2, 1, 2, 3), r(2, 3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('matmul_1_3', () => [r(3), r(2, 3, 2)], (a: Tensor, b: Tensor) => a.matmul(b)),
  op('mm', () => [r(2, 3), r(3, 2)], (a: Tensor, b: Tensor) => a.mm(b)),
  op('bmm', () => [r(2, 2, 3), r(2, 3, 2)], (a: Tensor, b: Tensor) => a.bmm(b)),
  op('mv', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => a.mv(b)),
  op('dot', () => [r(4), r(4)], (a: Tensor, b: Tensor) => a.dot(b)),

  // views and indexing
  op('t', () => [r(2, 3)], (a: Tensor) => a.t()),
  op('T', () => [r(2, 3)], (a: Tensor) => a.T),
  op('mT', () => [r(2, 2, 3)], (a: Tensor) => a.mT),
  op('transpose', () => [r(2, 3, 2)], (a: Tensor) => a.transpose(0, 2)),
  op('permute', () => [r(2, 3, 2)], (a: Tensor) => a.permute(2, 0, 1)),
  op('reshape', () => [r(2, 3)], (a: Tensor) => a.reshape(3, 2)),
  op('reshape_non_contiguous', () => [r(2, 3)], (a: Tensor) => a.t().reshape(-1)),
  op('view', () => [r(2, 3)], (a: Tensor) => a.view(6)),
  op('view_as', () => [r(2, 3), k(3, 2)], (a: Tensor, b: Tensor) => a.view_as(b)),
  op('flatten', () => [r(2, 3, 2)], (a: Tensor) => a.flatten(1)),
  op('expand', () => [r(3, 1)], (a: Tensor) => a.expand(2, 3, 4)),
  op('expand_as', () => [r(3), k(2, 3)], (a: Tensor, b: Tensor) => a.expand_as(b)),
  op('squeeze', () => [r(2, 1, 3)], (a: Tensor) => a.squeeze()),
  op('squeeze_dim', () => [r(2, 1, 3)], (a: Tensor) => a.squeeze(1)),
  op('unsqueeze', () => [r(2, 3)], (a: Tensor) => a.unsqueeze(1)),
  op('select', () => [r(3, 4)], (a: Tensor) => a.select(1, -1)),
  op('narrow', () => [r(3, 4)], (a: Tensor) => a.narrow(1, 1, 2)),
  op('at_int', () => [r(3, 4)], (a: Tensor) => a.at(1)),
  op('at_slice', () => [r(3, 4)], (a: Tensor) => a.at(':', '1:3')),
  op('at_step', () => [r(3, 5)], (a: Tensor) => a.at('::2', '1::2')),
  op('at_ellipsis_none', () => [r(2, 3)], (a: Tensor) => a.at('...', null, -1)),
  op('at_list', () => [r(4, 3)], (a: Tensor) => a.at([0, 2])),
  op('at_duplicates', () => [r(4, 3)], (a: Tensor) => a.at([0, 2, 0, 0])),
  op('at_tensor_index', () => [r(4, 3)], (a: Tensor) => a.at(long([3, 1, 3]))),
  op('at_two_index_tensors', () => [r(4, 3)], (a: Tensor) => a.at(long([0, 1, 1]), long([2, 2, 0]))),
  op('at_slice_and_index', () => [r(4, 3)], (a: Tensor) => a.at(':', long([2, 0, 2]))),
  op('at_mask', () => [r(4, 3)], (a: Tensor) => a.at(torch.tensor([true, false, true, true]))),
  op('where', () => [k(2, 3).gt(0), r(2, 3), r(2, 3)], (c: Tensor, a: Tensor, b: Tensor) => torch.where(c, a, b)),
  op('where_broadcast', () => [k(2, 3).gt(0), r(3), r(2, 1)], (c: Tensor, a: Tensor, b: Tensor) => torch.where(c, a, b)),
  op('where_scalar', () => [k(2, 3).gt(0), r(2, 3)], (c: Tensor, a: Tensor) => torch.where(c, a, 0.5)),

  // softmax and losses
  op('softmax_dim0', () => [r(3, 4)], (a: Tensor) => F.softmax(a, 0)),
  op('softmax_dim1', () => [r(3, 4)], (a: Tensor) => a.softmax(1)),
  op('log_softmax_dim0', () => [r(3, 4)], (a: Tensor) => F.log_softmax(a, { dim: 0 })),
  op('log_softmax_dim_last', () => [r(2, 3, 4)], (a: Tensor) => a.log_softmax(-1)),
  op('mse_loss_mean', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => F.mse_loss(a, b)),
  op('mse_loss_sum', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => F.mse_loss(a, b, { reduction: 'sum' })),
  op('mse_loss_none', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => F.mse_loss(a, b, { reduction: 'none' })),

  // copies, dtype conversion and in-place ops on non-leaves
  op('clone', () => [r(2, 3)], (a: Tensor) => a.clone()),
  op('contiguous', () => [r(2, 3)], (a: Tensor) => a.t().contiguous()),
  op('to_float64_copy', () => [r(2, 3)], (a: Tensor) => a.to(torch.float64, { copy: true })),
  op('mul_inplace', () => [r(3), r(3)], (a: Tensor, b: Tensor) => a.clone().mul_(b)),
  op('add_inplace_on_view', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => {
    const c = a.clone();
    c.at(0).add_(b);
    return c;
  }),
  op('copy_into_slice', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => {
    const c = a.clone();
    c.at(1).copy_(b);
    return c;
  }),
  op('index_put', () => [r(4, 3), r(2, 3)], (a: Tensor, b: Tensor) => a.clone().index_put_([long([3, 0])], b)),
  op('index_put_accumulate', () => [r(4, 3), r(3, 3)], (a: Tensor, b: Tensor) => a.clone().index_put_([long([1, 1, 2])], b, true)),
];

// Pointwise and reduction/shape ops that other engineers are adding: covered when present.
const MORE: OpCase[] = [
  op('abs', () => [r(2, 3)], (a: Tensor) => torch.abs(a)),
  op('sign', () => [r(2, 3)], (a: Tensor) => torch.sign(a)),
  op('sgn', () => [r(2, 3)], (a: Tensor) => torch.sgn(a)),
  op('rsqrt', () => [pos(2, 3)], (a: Tensor) => torch.rsqrt(a)),
  op('square', () => [r(2, 3)], (a: Tensor) => torch.square(a)),
  op('exp2', () => [r(2, 3)], (a: Tensor) => torch.exp2(a)),
  op('expm1', () => [r(2, 3)], (a: Tensor) => torch.expm1(a)),
  op('log2', () => [pos(2, 3)], (a: Tensor) => torch.log2(a)),
  op('log10', () => [pos(2, 3)], (a: Tensor) => torch.log10(a)),
  op('log1p', () => [pos(2, 3)], (a: Tensor) => torch.log1p(a)),
  op('sin', () => [r(2, 3)], (a: Tensor) => torch.sin(a)),
  op('cos', () => [r(2, 3)], (a: Tensor) => torch.cos(a)),
  op('tan', () => [unit(2, 3)], (a: Tensor) => torch.tan(a)),
  op('asin', () => [unit(2, 3)], (a: Tensor) => torch.asin(a)),
  op('acos', () => [unit(2, 3)], (a: Tensor) => torch.acos(a)),
  op('atan', () => [r(2, 3)], (a: Tensor) => torch.atan(a)),
  op('sinh', () => [r(2, 3)], (a: Tensor) => torch.sinh(a)),
  op('cosh', () => [r(2, 3)], (a: Tensor) => torch.cosh(a)),
  op('asinh', () => [r(2, 3)], (a: Tensor) => torch.asinh(a)),
  op('acosh', () => [gt1(2, 3)], (a: Tensor) => torch.acosh(a)),
  op('atanh', () => [unit(2, 3)], (a: Tensor) => torch.atanh(a)),
  op('erf', () => [r(2, 3)], (a: Tensor) => torch.erf(a)),
  op('erfc', () => [r(2, 3)], (a: Tensor) => torch.erfc(a)),
  op('erfinv', () => [unit(2, 3)], (a: Tensor) => torch.erfinv(a)),
  op('floor', () => [r(2, 3)], (a: Tensor) => torch.floor(a)),
  op('ceil', () => [r(2, 3)], (a: Tensor) => torch.ceil(a)),
  op('round', () => [r(2, 3)], (a: Tensor) => torch.round(a)),
  op('trunc', () => [r(2, 3)], (a: Tensor) => torch.trunc(a)),
  op('frac', () => [r(2, 3)], (a: Tensor) => torch.frac(a)),
  op('atan2', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.atan2(a, b)),
  op('hypot', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.hypot(a, b)),
  op('logaddexp', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => torch.logaddexp(a, b)),
  op('maximum', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.maximum(a, b)),
  op('minimum', () => [r(2, 3), r(3)], (a: Tensor, b: Tensor) => torch.minimum(a, b)),
  op('fmax', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.fmax(a, b)),
  op('fmin', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.fmin(a, b)),
  op('fmod_scalar', () => [r(2, 3)], (a: Tensor) => torch.fmod(a, 0.7)),
  op('fmod_tensor', () => [r(2, 3), pos(2, 3)], (a: Tensor, b: Tensor) => torch.fmod(a, b)),
  op('remainder_scalar', () => [r(2, 3)], (a: Tensor) => torch.remainder(a, 0.7)),
  op('remainder_tensor', () => [r(2, 3), pos(2, 3)], (a: Tensor, b: Tensor) => torch.remainder(a, b)),
  op('xlogy', () => [r(2, 3), pos(2, 3)], (a: Tensor, b: Tensor) => torch.xlogy(a, b)),
  op('lerp_scalar', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.lerp(a, b, 0.3)),
  op('lerp_tensor', () => [r(2, 3), r(2, 3), r(2, 3)], (a: Tensor, b: Tensor, w: Tensor) => torch.lerp(a, b, w)),
  op('addcmul', () => [r(2, 3), r(2, 3), r(3)], (a: Tensor, b: Tensor, c: Tensor) => torch.addcmul(a, b, c, { value: 0.5 })),
  op('addcdiv', () => [r(2, 3), r(2, 3), pos(2, 3)], (a: Tensor, b: Tensor, c: Tensor) => torch.addcdiv(a, b, c, { value: 2 })),
  op('clamp', () => [r(2, 4)], (a: Tensor) => torch.clamp(a, -0.5, 0.5)),
  op('clamp_min_opt', () => [r(2, 4)], (a: Tensor) => torch.clamp(a, { min: -0.3 })),
  op('clamp_tensor_bounds', () => [r(2, 4), k(2, 4).sub(1), k(2, 4).add(1)], (a: Tensor, lo: Tensor, hi: Tensor) => torch.clamp(a, lo, hi)),
  op('clamp_min', () => [r(2, 4)], (a: Tensor) => torch.clamp_min(a, 0.2)),
  op('clamp_max', () => [r(2, 4)], (a: Tensor) => torch.clamp_max(a, 0.2)),
  op('nan_to_num', () => [r(2, 3)], (a: Tensor) => torch.nan_to_num(a)),
  op('max_all', () => [r(2, 3)], (a: Tensor) => torch.max(a)),
  op('max_dim', () => [r(2, 3)], (a: Tensor) => torch.max(a, 1)),
  op('min_all', () => [r(2, 3)], (a: Tensor) => torch.min(a)),
  op('min_dim_keepdim', () => [r(2, 3)], (a: Tensor) => torch.min(a, 0, true)),
  op('amax', () => [r(2, 3)], (a: Tensor) => torch.amax(a, 1)),
  op('amin', () => [r(2, 3)], (a: Tensor) => torch.amin(a, [0, 1])),
  op('prod_all', () => [r(2, 3)], (a: Tensor) => torch.prod(a)),
  op('prod_dim', () => [r(2, 3)], (a: Tensor) => torch.prod(a, 1)),
  op('logsumexp', () => [r(2, 3)], (a: Tensor) => torch.logsumexp(a, 1)),
  op('nansum', () => [r(2, 3)], (a: Tensor) => torch.nansum(a, 0)),
  op('nanmean', () => [r(2, 3)], (a: Tensor) => torch.nanmean(a)),
  op('var', () => [r(2, 3)], (a: Tensor) => torch.var(a)),
  op('var_dim', () => [r(2, 3)], (a: Tensor) => torch.var(a, 1)),
  op('std', () => [r(2, 3)], (a: Tensor) => torch.std(a)),
  op('std_dim_keepdim', () => [r(2, 3)], (a: Tensor) => torch.std(a, 0, true, true)),
  op('var_mean', () => [r(2, 3)], (a: Tensor) => torch.var_mean(a, 1)),
  op('std_mean', () => [r(2, 3)], (a: Tensor) => torch.std_mean(a)),
  op('cumsum', () => [r(2, 3)], (a: Tensor) => torch.cumsum(a, 1)),
  op('cumprod', () => [r(2, 3)], (a: Tensor) => torch.cumprod(a, 1)),
  op('norm', () => [r(2, 3)], (a: Tensor) => torch.norm(a)),
  op('norm_p1_dim', () => [r(2, 3)], (a: Tensor) => torch.norm(a, 1, 1)),
  op('norm_p3', () => [r(2, 3)], (a: Tensor) => torch.norm(a, 3)),
  op('flip', () => [r(2, 3)], (a: Tensor) => torch.flip(a, [0, 1])),
  op('roll', () => [r(2, 3)], (a: Tensor) => torch.roll(a, 1, 1)),
  op('tril', () => [r(3, 3)], (a: Tensor) => torch.tril(a)),
  op('triu', () => [r(3, 3)], (a: Tensor) => torch.triu(a, 1)),
  op('movedim', () => [r(2, 3, 2)], (a: Tensor) => torch.movedim(a, 0, 2)),
  op('unflatten', () => [r(2, 6)], (a: Tensor) => torch.unflatten(a, 1, [2, 3])),
  op('broadcast_to', () => [r(3)], (a: Tensor) => torch.broadcast_to(a, [2, 3])),
  op('broadcast_tensors', () => [r(3), r(2, 1)], (a: Tensor, b: Tensor) => torch.broadcast_tensors(a, b)),
  op('repeat', () => [r(2, 3)], (a: Tensor) => a.repeat(2, 1, 2)),
  op('tile', () => [r(2, 3)], (a: Tensor) => torch.tile(a, [2])),
  op('diag_1d', () => [r(3)], (a: Tensor) => torch.diag(a, 1)),
  op('diag_2d', () => [r(3, 3)], (a: Tensor) => torch.diag(a)),
  op('diagonal', () => [r(3, 4)], (a: Tensor) => torch.diagonal(a, 1)),
  op('trace', () => [r(3, 3)], (a: Tensor) => torch.trace(a)),
  op('cat', () => [r(2, 3), r(1, 3)], (a: Tensor, b: Tensor) => torch.cat([a, b])),
  op('cat_dim1', () => [r(2, 3), r(2, 1)], (a: Tensor, b: Tensor) => torch.cat([a, b], 1)),
  op('stack', () => [r(2, 3), r(2, 3)], (a: Tensor, b: Tensor) => torch.stack([a, b], 1)),
  op('hstack', () => [r(2), r(3)], (a: Tensor, b: Tensor) => torch.hstack([a, b])),
  op('vstack', () => [r(3), r(2, 3)], (a: Tensor, b: Tensor) => torch.vstack([a, b])),
  op('split', () => [r(5, 2)], (a: Tensor) => a.split(2)),
  op('split_sizes', () => [r(2, 5)], (a: Tensor) => a.split([1, 4], 1)),
  op('chunk', () => [r(5, 2)], (a: Tensor) => a.chunk(3)),
  op('unbind', () => [r(3, 2)], (a: Tensor) => a.unbind(1)),
];

/** Ops whose backward ts-torch cannot differentiate (gradgradcheck fails), with the reason. */
const GRADGRAD_EXEMPT: Readonly<Record<string, string>> = {};

function runCase(c: OpCase, check: typeof gradcheck | typeof gradgradcheck, seed: number): boolean {
  torch.manual_seed(seed);
  const inputs = c.make();
  return check === gradcheck ? gradcheck(c.fn, inputs) : gradgradcheck(c.fn, inputs);
}

function suite(title: string, cases: OpCase[]): void {
  describe(title, () => {
    cases.forEach((c, i) => {
      test(`${c.name}: gradcheck`, () => {
        assert.equal(runCase(c, gradcheck, 1000 + i), true);
      });
      const reason = GRADGRAD_EXEMPT[c.name];
      if (reason === undefined) {
        test(`${c.name}: gradgradcheck`, () => {
          assert.equal(runCase(c, gradgradcheck, 1000 + i), true);
        });
      } else {
        test(`${c.name}: gradgradcheck fails (exempt: ${reason})`, () => {
          let passed: boolean;
          try {
            passed = runCase(c, gradgradcheck, 1000 + i);
          } catch {
            passed = false;
          }
          assert.equal(passed, false, `${c.name} now passes gradgradcheck: remove it from GRADGRAD_EXEMPT`);
        });
      }
    });
  });
}

suite('gradcheck + gradgradcheck: core ops', CASES);
suite('gradcheck + gradgradcheck: pointwise, reduction and shape ops', MORE);
