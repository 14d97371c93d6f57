// Tensor printing, PyTorch 1.13's torch/_tensor_str.py.
export { tensor_repr } from './repr.ts';
export { set_printoptions, type PrintOptionsArgs, type PrintProfile } from './options.ts';
