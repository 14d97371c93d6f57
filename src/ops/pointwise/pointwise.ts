// The pointwise op library (PyTorch's unary, binary and ternary elementwise math), gathered
// from its parts for the op table.
export {
  abs, sign, sgn, rsqrt, square, exp2, expm1, log2, log10, log1p, sin, cos, tan, asin, acos, atan, sinh, cosh, asinh,
  acosh, atanh, erf, erfc, erfinv, floor, ceil, round, trunc, frac,
  abs_, sign_, sgn_, rsqrt_, square_, exp2_, expm1_, log2_, log10_, log1p_, sin_, cos_, tan_, asin_, acos_, atan_, sinh_,
  cosh_, asinh_, acosh_, atanh_, erf_, erfc_, erfinv_, floor_, ceil_, round_, trunc_, frac_,
} from './pointwise_unary.ts';
export {
  atan2, atan2_, hypot, hypot_, logaddexp, maximum, minimum, fmax, fmin, fmod, fmod_, remainder, remainder_, floor_divide,
  floor_divide_, xlogy, xlogy_, lerp, lerp_, addcmul, addcmul_, addcdiv, addcdiv_,
} from './pointwise_binary.ts';
export { clamp, clamp_, clip, clip_, clamp_min, clamp_max, clamp_min_, clamp_max_ } from './pointwise_clamp.ts';
export type { ClampOpts } from './pointwise_clamp.ts';
export {
  isnan, isinf, isfinite, nan_to_num, nan_to_num_, logical_not, logical_not_, logical_xor, logical_xor_, bitwise_and,
  bitwise_or, bitwise_xor, bitwise_not, bitwise_and_, bitwise_or_, bitwise_xor_, bitwise_not_,
} from './pointwise_misc.ts';
export type { NanToNumOpts } from './pointwise_misc.ts';
// PyTorch's own alternative names (torch.absolute is torch.abs, with the same grad_fn).
export {
  abs as absolute, abs_ as absolute_, asin as arcsin, asin_ as arcsin_, acos as arccos, acos_ as arccos_, atan as arctan,
  atan_ as arctan_, asinh as arcsinh, asinh_ as arcsinh_, acosh as arccosh, acosh_ as arccosh_, atanh as arctanh,
  atanh_ as arctanh_, trunc as fix, trunc_ as fix_,
} from './pointwise_unary.ts';
export { atan2 as arctan2, atan2_ as arctan2_ } from './pointwise_binary.ts';
