// PyTorch's alias names for ops (torch.subtract is torch.sub, …).
export { sub as subtract, mul as multiply, div as divide, div as true_divide } from './pointwise/arithmetic.ts';
export { neg as negative } from './pointwise/unary.ts';
export { transpose as swapaxes } from './shape/views.ts';
