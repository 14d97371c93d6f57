// Comparisons and logical ops: bool outputs, never differentiable.
import type { Tensor } from '../../tensor/tensor.ts';
import { bool, float32 } from '../../tensor/dtype.ts';
import { binaryForward, resultType2, type TensorOrScalar } from '../elementwise.ts';
import type { BinaryFn } from '../../backends/cpu.ts';

function compareOp(f: BinaryFn): (a: Tensor, b: TensorOrScalar) => Tensor {
  const inFloat32: BinaryFn = (x, y) => f(Math.fround(x), Math.fround(y));
  return (a, b) => {
    // Both sides are compared in their promoted dtype (TensorIterator's common dtype), not in
    // the bool output: `x.eq(0.5)` reads 0.5 as a float, and int32 vs float32 compares float32s.
    const common = resultType2(a, b);
    return binaryForward(a, b, bool, common === float32 ? inFloat32 : f, common);
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
