// torch.autograd
export { backward, grad } from './api.ts';
export type { BackwardOptions, GradOptions } from './api.ts';
export { Node, AccumulateGrad } from './node.ts';
export { Function, FunctionCtx, once_differentiable } from './function.ts';
export { gradcheck, gradgradcheck, GradcheckError } from './gradcheck.ts';
export type { GradcheckOptions, GradgradcheckOptions } from './gradcheck.ts';
export * as functional from './functional.ts';
