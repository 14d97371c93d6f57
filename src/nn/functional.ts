// torch.nn.functional
export { mse_loss } from './loss.ts';
export type { LossOpts, Reduction } from './loss.ts';
export { softmax, log_softmax } from '../ops/softmax.ts';
export { relu, sigmoid, tanh } from '../ops/unary.ts';
