// Comparisons and logical ops: bool outputs, never differentiable.
import type { Tensor } from '../tensor/tensor.ts';
import { bool } from '../tensor/dtype.ts';
import { binaryForward, resultType2, type TensorOrScalar } from './elementwise.ts';
import type { BinaryFn } from '../backends/cpu.ts';

function compareOp(f: BinaryFn): (a: Tensor, b: TensorOrScalar) => Tensor {
  return (a, b) => {
    resultType2(a, b); // validates operand dtypes the same way arithmetic does
    return binaryForward(a, b, bool, f);
  };
}

export const eq = compareOp((x, y) => (x === y ? 1 : 0));
export const ne = compareOp((x, y) => (x !== y ? 1 : 0));
export const lt = compareOp((x, y) => (x < y ? 1 : 0));
export const le = compareOp((x, y) => (x <= y ? 1 : 0));
export const gt = compareOp((x, y) => (x > y ? 1 : 0));
export const ge = compareOp((x, y) => (x >= y ? 1 : 0));

export function logical_and(a: Tensor, b: TensorOrScalar): Tensor {
  return binaryForward(a, b, bool, (x, y) => (x !== 0 && y !== 0 ? 1 : 0));
}
export function logical_or(a: Tensor, b: TensorOrScalar): Tensor {
  return binaryForward(a, b, bool, (x, y) => (x !== 0 || y !== 0 ? 1 : 0));
}
