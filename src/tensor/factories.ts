// The public tensor factories and dtype utilities, gathered in one module (torch.zeros,
// torch.tensor, torch.arange, torch.result_type...). Each lives in a file of its own kind;
// src/ops/index.ts re-exports this module so Tensor methods (new_zeros, tolist...) reach them.
export { zeros, ones, empty, full, eye, scalar_tensor } from './fill_factories.ts';
export type { FullArgs, EyeArgs } from './fill_factories.ts';
export { zeros_like, ones_like, empty_like, full_like, new_zeros, new_ones, new_empty, new_full } from './like_factories.ts';
export { tensor, as_tensor, from_numpy, frombuffer, new_tensor } from './from_data.ts';
export type { TensorData, TensorOptions } from './from_data.ts';
export { arange, linspace, logspace } from './ranges.ts';
export type { ArangeArgs, LinspaceArgs, LogspaceArgs } from './ranges.ts';
export { result_type, is_tensor, is_floating_point, numel } from './type_props.ts';
export type { FactoryOptions, SizeArgs } from './factory_common.ts';
export { promote_types, can_cast, get_default_dtype, set_default_dtype } from './dtype.ts';
