// The op table: every op Tensor methods dispatch to (Note [op table] in tensor/tensor.ts).
export { add, sub, rsub, mul, div, pow, add_, sub_, mul_, div_ } from './pointwise/arithmetic.ts';
export { neg, exp, exp_, log, sqrt, reciprocal, sigmoid, tanh, relu } from './pointwise/unary.ts';
export { neg_, neg_ as negative_, log_, sqrt_, reciprocal_, sigmoid_, tanh_, relu_ } from './pointwise/unary.ts';
export * from './inplace_more.ts';
export * from './inplace_more_views.ts';
export { eq, ne, lt, le, gt, ge, logical_and, logical_or } from './pointwise/compare.ts';
export { where } from './indexing/index_ops_mask.ts';
export { sum, mean, sum_to } from './reduce/reduce.ts';
export {
  view, reshape, _unsafe_view, transpose, t, permute, numpy_T, select, slice, narrow, expand, squeeze, unsqueeze,
  flatten, as_strided,
} from './shape/views.ts';
export { index, index_put_ } from './indexing/indexing.ts';
export { fill_, zero_, copy_ } from './inplace.ts';
export { uniform_, normal_, random_, exponential_ } from '../random/inplace.ts';
export { geometric_, log_normal_, cauchy_ } from '../random/samplers_extra.ts';
export { bernoulli, bernoulli_, multinomial } from '../random/ops.ts';
export { clone, _to_dtype, detach, tolist } from './copy.ts';
export { mm, bmm, mv, dot, matmul } from './linalg/linalg.ts';
export { vdot, outer, ger, addmm, addmv, baddbmm, tensordot, inner, kron, cross } from './linalg/linalg_more.ts';
export { einsum } from './linalg/linalg_more_einsum.ts';
export { det, inv as inverse, logdet, torch_slogdet as slogdet } from '../linalg/decompositions.ts';
export { softmax, log_softmax } from './softmax.ts';
export { tensor_repr } from '../print/index.ts';
export { autograd_backward } from '../autograd/api.ts';
export * from './pointwise/pointwise.ts';
export * from './reduce_shape.ts';
export * from './indexing/index_ops_all.ts';
export * from './sorting/sort_sets.ts';
export { equal, isclose, allclose } from './pointwise/compare_close.ts';
export { cummax, cummin, logcumsumexp } from './reduce/reduce_more_scan_indexed.ts';
export { repeat_interleave, rot90, diag_embed, meshgrid } from './shape/shape_more_arrange.ts';
export * from '../tensor/factories.ts';
export { addbmm, addr, dist, renorm, cov, corrcoef, trapezoid, trapz, cumulative_trapezoid, vander, matrix_power, multi_dot, chain_matmul, quantile, nanquantile, cdist } from './reduce/stats_extra.ts';
export { addbmm_, addr_, renorm_ } from './reduce/stats_extra_inplace.ts';
export * from './pointwise/pointwise_special_all.ts';
export * from './shape/shape_extra_all.ts';
export { triangular_solve, cholesky_solve, cholesky_inverse, pinverse, orgqr } from '../linalg/extra.ts';
