// PyTorch's alias names for ops (torch.subtract is torch.sub, …).
export { sub as subtract, mul as multiply, div as divide, div as true_divide } from './arithmetic.ts';
export { neg as negative } from './unary.ts';
export { transpose as swapaxes } from './views.ts';
