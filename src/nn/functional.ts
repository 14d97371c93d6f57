// torch.nn.functional
export { mse_loss } from './loss.ts';
export type { LossOpts, Reduction } from './loss.ts';
export { softmax, log_softmax } from '../ops/softmax.ts';
export { relu, sigmoid, tanh } from '../ops/pointwise/unary.ts';
export {
  hardtanh, relu6, leaky_relu, rrelu, threshold, elu, selu, celu, gelu, silu, mish, softplus, hardsigmoid, hardswish, logsigmoid,
  softshrink, hardshrink, softsign, tanhshrink, softmin, prelu, glu, elu_, celu_, selu_, leaky_relu_, hardtanh_, threshold_, rrelu_,
} from './activation.ts';
export { nll_loss, cross_entropy } from './loss_nll.ts';
export { l1_loss, smooth_l1_loss, huber_loss, binary_cross_entropy, binary_cross_entropy_with_logits, kl_div } from './loss_basic.ts';
export {
  poisson_nll_loss, gaussian_nll_loss, margin_ranking_loss, hinge_embedding_loss, soft_margin_loss, multilabel_soft_margin_loss,
  cosine_embedding_loss, pairwise_distance, cosine_similarity, triplet_margin_loss, normalize, multi_margin_loss, multilabel_margin_loss,
} from './loss_more.ts';
export { conv1d, conv2d, conv_transpose1d, conv_transpose2d } from './conv.ts';
export type { ConvOpts, ConvTransposeOpts, ConvPadding } from './conv.ts';
export { max_pool1d, max_pool2d, avg_pool1d, avg_pool2d, adaptive_avg_pool2d, adaptive_max_pool2d } from './pool.ts';
export type { MaxPoolOpts, AvgPoolOpts } from './pool.ts';
export { pad } from './pad.ts';
export type { PadMode, PadOpts } from './pad.ts';
export { layer_norm, group_norm, batch_norm, instance_norm } from './norm.ts';
export type { LayerNormOpts, GroupNormOpts, BatchNormOpts, InstanceNormOpts } from './norm.ts';
export { interpolate, unfold, fold } from './vision.ts';
export type { InterpolateMode, InterpolateOpts, FoldOpts } from './vision.ts';
export { dropout, alpha_dropout, feature_alpha_dropout, dropout1d, dropout2d, dropout3d } from './activation_dropout.ts';
export { linear, bilinear, embedding, one_hot, gumbel_softmax } from './activation_misc.ts';
