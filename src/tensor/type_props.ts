// torch.result_type, is_tensor, is_floating_point, numel (aten/src/ATen/native/TypeProperties.cpp).
import { TorchTypeError } from '../errors.ts';
import type { dtype } from './dtype.ts';
import { resultType2 } from '../ops/elementwise.ts';
import { numelOf } from './shape.ts';
import { Tensor } from './tensor.ts';
import { parseArgs, pyTypeName, signature } from './pyargs.ts';

const RESULT_TYPE = [
  signature('result_type', '(Tensor tensor, Tensor other)', 'tensor: Tensor', 'other: Tensor'),
  signature('result_type', '(Number scalar, Tensor tensor)', 'scalar: Number', 'tensor: Tensor'),
  signature('result_type', '(Tensor tensor, Number other)', 'tensor: Tensor', 'other: Number'),
  signature('result_type', '(Number scalar1, Number scalar2)', 'scalar1: Number', 'scalar2: Number'),
];

/**
 * torch.result_type(a, b): the dtype an operation on a and b computes in. Numbers follow porting
 * rule 4: an integer-valued number is a Python int, any other a Python float.
 */
export function result_type(tensor: Tensor | number | boolean, other: Tensor | number | boolean): dtype {
  const { values } = parseArgs(RESULT_TYPE, [tensor, other]);
  const [a, b] = [...values.values()] as [Tensor | number | boolean, Tensor | number | boolean];
  return resultType2(a, b);
}

export function is_tensor(obj: unknown): obj is Tensor {
  return obj instanceof Tensor;
}

function checkTensor(fn: string, v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) {
    if (v === undefined) throw new TorchTypeError(`${fn}() missing 1 required positional arguments: "input"`);
    throw new TorchTypeError(`${fn}(): argument 'input' (position 1) must be Tensor, not ${pyTypeName(v)}`);
  }
}

export function is_floating_point(input: Tensor): boolean {
  checkTensor('is_floating_point', input);
  return input.dtype.is_floating_point;
}

export function numel(input: Tensor): number {
  checkTensor('numel', input);
  return numelOf(input._shape);
}
