// Comparisons and logical ops: bool outputs, never differentiable.
import type { Tensor } from '../../tensor/tensor.ts';
import { bool, float32 } from '../../tensor/dtype.ts';
import { binaryForward, resultType2, type TensorOrScalar } from '../elementwise.ts';
import { EQ_F32, GE_F32, GT_F32, LE_F32, LT_F32, NE_F32, type BinaryFn } from '../../backends/cpu.ts';

function compareOp(f: BinaryFn, inFloat32: BinaryFn): (a: Tensor, b: TensorOrScalar) => Tensor {
  return (a, b) => {
    // Both sides are compared in their promoted dtype (TensorIterator's common dtype), not in
    // the bool output: `x.eq(0.5)` reads 0.5 as a float, and int32 vs float32 compares float32s.
    const common = resultType2(a, b);
    // inFloat32 is a named kernel of cpu.ts (native for float32 operands).
    return binaryForward(a, b, bool, common === float32 ? inFloat32 : f, common);
  };
}

export const eq = compareOp((x, y) => (x === y ? 1 : 0), EQ_F32);
export const ne = compareOp((x, y) => (x !== y ? 1 : 0), NE_F32);
export const lt = compareOp((x, y) => (x < y ? 1 : 0), LT_F32);
export const le = compareOp((x, y) => (x <= y ? 1 : 0), LE_F32);
export const gt = compareOp((x, y) => (x > y ? 1 : 0), GT_F32);
export const ge = compareOp((x, y) => (x >= y ? 1 : 0), GE_F32);

export function logical_and(a: Tensor, b: TensorOrScalar): Tensor {
  return binaryForward(a, b, bool, (x, y) => (x !== 0 && y !== 0 ? 1 : 0));
}
export function logical_or(a: Tensor, b: TensorOrScalar): Tensor {
  return binaryForward(a, b, bool, (x, y) => (x !== 0 || y !== 0 ? 1 : 0));
}
