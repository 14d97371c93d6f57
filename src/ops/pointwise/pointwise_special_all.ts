// The special pointwise ops gathered for the op table, with PyTorch's alias names for the
// comparisons (torch.greater is torch.gt: the same function, not a copy).
export {
  lgamma, digamma, polygamma, polygamma_method, mvlgamma, logit, deg2rad, rad2deg, angle, sinc, i0, signbit, isreal, isposinf,
  isneginf, positive, lgamma_, digamma_, polygamma_, mvlgamma_, logit_, deg2rad_, rad2deg_, sinc_, i0_,
} from './pointwise_special.ts';
export {
  copysign, copysign_, heaviside, heaviside_, nextafter, nextafter_, ldexp, ldexp_, float_power, float_power_, logaddexp2, gcd,
  gcd_, lcm, lcm_, frexp,
} from './pointwise_special_binary.ts';
export type { Frexp } from './pointwise_special_binary.ts';
export { gt as greater, ge as greater_equal, lt as less, le as less_equal, ne as not_equal } from './compare.ts';
export { gt_ as greater_, ge_ as greater_equal_, lt_ as less_, le_ as less_equal_, ne_ as not_equal_ } from '../inplace_more.ts';
