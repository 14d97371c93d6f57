// ts-torch: PyTorch's tensors and autograd in TypeScript. `import * as torch from 'ts-torch'`.
import { installOps } from './tensor/tensor.ts';
import * as ops from './ops/index.ts';

installOps(ops);

export { Tensor, Device, RemovableHandle } from './tensor/tensor.ts';
export type { NestedList, IndexArg } from './tensor/tensor.ts';
export {
  dtype, bool, uint8, int8, int16, int32, int64, float32, float64, get_default_dtype, set_default_dtype, promote_types, can_cast,
} from './tensor/dtype.ts';
export { float32 as float, float64 as double, int64 as long, int32 as int, int16 as short } from './tensor/dtype.ts';
export { Size } from './tensor/shape.ts';
export { memory_format, contiguous_format, preserve_format } from './tensor/memory_format.ts';
export {
  zeros, ones, empty, full, eye, scalar_tensor, zeros_like, ones_like, empty_like, full_like, tensor, as_tensor, from_numpy,
  frombuffer, arange, linspace, logspace, result_type, is_tensor, is_floating_point, numel,
} from './tensor/factories.ts';
export type { FactoryOptions, SizeArgs, TensorData, TensorOptions } from './tensor/factories.ts';
export { RuntimeError, ValueError, TorchTypeError as TypeError, IndexError, NotImplementedError } from './errors.ts';
export { no_grad, enable_grad, set_grad_enabled, is_grad_enabled, inference_mode, is_inference_mode_enabled } from './autograd/grad_mode.ts';
export { set_printoptions } from './print/index.ts';
export { Generator, default_generator, manual_seed, initial_seed, seed, get_rng_state, set_rng_state, rand, rand_like, randn, randn_like, randint, randint_like, randperm } from './random/index.ts';
export { bernoulli, multinomial, normal, poisson } from './random/index.ts';
export {
  add, sub, rsub, mul, div, pow, neg, exp, log, sqrt, reciprocal, sigmoid, tanh, relu, eq, ne, lt, le, gt, ge, logical_and,
  logical_or, where, sum, mean, reshape, transpose, t, permute, select, narrow, squeeze, unsqueeze, flatten, as_strided,
  clone, detach, mm, bmm, mv, dot, matmul, softmax, log_softmax,
} from './ops/index.ts';
export { subtract, multiply, divide, true_divide, negative, swapaxes } from './ops/aliases.ts';
export {
  abs, sign, sgn, rsqrt, square, exp2, expm1, log2, log10, log1p, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, asinh,
  acosh, atanh, erf, erfc, erfinv, floor, ceil, round, trunc, frac, clamp, clip, clamp_min, clamp_max, maximum, minimum, fmax,
  fmin, fmod, remainder, floor_divide, lerp, addcmul, addcdiv, hypot, xlogy, logaddexp, nan_to_num, isnan, isinf, isfinite,
  logical_not, logical_xor, bitwise_and, bitwise_or, bitwise_xor, bitwise_not, absolute, arcsin, arccos, arctan, arctan2,
  arcsinh, arccosh, arctanh, fix,
} from './ops/pointwise/pointwise.ts';
export {
  max, min, amax, amin, argmax, argmin, prod, logsumexp, nansum, nanmean, all, any, count_nonzero, var, std, var_mean, std_mean,
  cumsum, cumprod, norm, flip, roll, tril, triu, movedim, moveaxis, unflatten, broadcast_to, broadcast_shapes, broadcast_tensors, tile,
  diag, diagonal, trace, cat, concat, stack, hstack, vstack, split, chunk, unbind,
} from './ops/reduce_shape.ts';
export type { ValuesIndices } from './ops/reduce_shape.ts';
export {
  index_select, gather, scatter, scatter_add, scatter_reduce, index_add, index_copy, index_fill, masked_fill, masked_select,
  masked_scatter, take, take_along_dim, put, nonzero, argwhere,
} from './ops/indexing/index_ops_all.ts';
export { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode, unique, unique_consecutive, bincount, histc, searchsorted, bucketize, diff } from './ops/sorting/sort_sets.ts';
export { equal, isclose, allclose, cummax, cummin, logcumsumexp, repeat_interleave, rot90, diag_embed, meshgrid } from './ops/index.ts';
export { vdot, outer, ger, addmm, addmv, baddbmm, tensordot, inner, kron, cross, einsum, det, inverse, logdet, slogdet } from './ops/index.ts';
export { addbmm, addr, dist, renorm, cov, corrcoef, trapezoid, trapz, cumulative_trapezoid, vander, matrix_power, chain_matmul, quantile, nanquantile, cdist } from './ops/index.ts';
export { triangular_solve, cholesky_solve, cholesky_inverse, pinverse, orgqr } from './ops/index.ts';
export * as linalg from './linalg/index.ts';
export * as autograd from './autograd/index.ts';
export * as nn from './nn/index.ts';
export { functional as F } from './nn/index.ts';
export {
  lgamma, digamma, polygamma, mvlgamma, logit, deg2rad, rad2deg, angle, sinc, i0, signbit, isreal, isposinf, isneginf, positive,
  copysign, heaviside, nextafter, ldexp, float_power, logaddexp2, gcd, lcm, frexp, greater, greater_equal, less, less_equal,
  not_equal,
} from './ops/pointwise/pointwise_special_all.ts';
export type { Frexp } from './ops/pointwise/pointwise_special_all.ts';
export {
  ravel, atleast_1d, atleast_2d, atleast_3d, dstack, column_stack, row_stack, tensor_split, hsplit, vsplit, dsplit, split_with_sizes,
  unsafe_split, unsafe_split_with_sizes, unsafe_chunk, swapdims, fliplr, flipud, tril_indices, triu_indices, cartesian_prod,
  combinations, block_diag, diagflat, slice_scatter, select_scatter, diagonal_scatter, index_put, aminmax, narrow_copy, is_nonzero,
  is_same_size,
} from './ops/shape/shape_extra_all.ts';
export type { MinMax } from './ops/shape/shape_extra_all.ts';
