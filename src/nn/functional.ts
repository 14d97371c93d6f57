// torch.nn.functional
export { mse_loss } from './loss.ts';
export type { LossOpts, Reduction } from './loss.ts';
export { softmax, log_softmax } from '../ops/softmax.ts';
export { relu, sigmoid, tanh } from '../ops/unary.ts';
export {
  hardtanh, relu6, leaky_relu, rrelu, threshold, elu, selu, celu, gelu, silu, mish, softplus, hardsigmoid, hardswish, logsigmoid,
  softshrink, hardshrink, softsign, tanhshrink, softmin, prelu, glu,
} from './activation.ts';
export { nll_loss, cross_entropy } from './loss_nll.ts';
export { l1_loss, smooth_l1_loss, huber_loss, binary_cross_entropy, binary_cross_entropy_with_logits, kl_div } from './loss_basic.ts';
