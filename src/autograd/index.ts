// torch.autograd
export { backward, grad } from './api.ts';
export type { BackwardOptions, GradOptions } from './api.ts';
export { Node, AccumulateGrad } from './node.ts';
