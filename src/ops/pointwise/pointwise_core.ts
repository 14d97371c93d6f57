// Shared machinery of the pointwise ops with several operands: result dtypes over any number of
// operands, a three-operand broadcasting kernel call, and one way to record a gradient for the
// out-of-place and the in-place form of the same op.
import { Tensor } from '../../tensor/tensor.ts';
import { OperandKind, ResultTypeState, checkInplaceCast, scalarDtype, type dtype } from '../../tensor/dtype.ts';
import { broadcastShapes, broadcastStrides, numelOf, sameShape } from '../../tensor/shape.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { RuntimeError } from '../../errors.ts';
import { anyNeedsGrad, record } from '../../autograd/record.ts';
import { toNumber, writeBack, type TensorOrScalar } from '../elementwise.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { copyValues, clone } from '../copy.ts';

/** torch.result_type over any number of operands (nulls, for absent optional ones, are skipped). */
export function resultTypeN(...xs: (TensorOrScalar | null | undefined)[]): dtype {
  const s = new ResultTypeState();
  for (const x of xs) {
    if (x === null || x === undefined) continue;
    if (x instanceof Tensor) s.add(x.dtype, x._shape.length === 0 ? OperandKind.ZeroDim : OperandKind.Dim);
    else s.add(scalarDtype(x), OperandKind.Scalar);
  }
  return s.result();
}

export type TernaryFn = (x: number, y: number, z: number) => number;

/** out = f(a, b, c) elementwise, broadcasting the tensor operands; scalars are read in `computeDtype`. */
export function ternaryForward(a: TensorOrScalar, b: TensorOrScalar, c: TensorOrScalar, outDtype: dtype, f: TernaryFn, computeDtype: dtype = outDtype): Tensor {
  let shape: number[] | null = null;
  for (const t of [a, b, c]) if (t instanceof Tensor) shape = shape === null ? t._shape.slice() : broadcastShapes(shape, t._shape);
  const outShape = shape ?? [];
  const out = Tensor._empty(outShape, outDtype);
  const n = numelOf(outShape);
  if (n === 0) return out;
  const reader = (t: TensorOrScalar): ((i: number) => number) => {
    if (!(t instanceof Tensor)) {
      const v = toNumber(t, computeDtype);
      return () => v;
    }
    const offs = elementOffsets(outShape, broadcastStrides(t._shape, t._stride, outShape), t._offset);
    const d = t._data;
    return (i) => d[offs[i] as number] as number;
  };
  const ra = reader(a);
  const rb = reader(b);
  const rc = reader(c);
  const od = out._data;
  const isBool = outDtype.name === 'bool';
  for (let i = 0; i < n; i++) {
    const v = f(ra(i), rb(i), rc(i));
    od[i] = isBool ? (v !== 0 ? 1 : 0) : v;
  }
  return out;
}

/**
 * What an op records for autograd: its grad_fn name, inputs (PyTorch's argument order, null for
 * non-tensors), saved tensors, and the formula. `saved(i)` reads `save[i]`; `needs[i]` says
 * whether input i wants a gradient.
 */
export interface GradSpec {
  name: string;
  inputs: (Tensor | null)[];
  save: (Tensor | null)[];
  backward: (g: Tensor, saved: (i: number) => Tensor, needs: readonly boolean[]) => (Tensor | null)[];
}

/**
 * Builds an op's GradSpec. `selfValue` is the value of the first input to save (the input
 * itself out of place; a copy taken before the write in place); `out` is the result.
 */
export type GradBuilder = (selfValue: Tensor, out: Tensor) => GradSpec;

/** Records the op's node on `out` when an input requires grad (out-of-place form). */
export function finish(self: Tensor, out: Tensor, build: GradBuilder): Tensor {
  const spec = build(self, out);
  if (anyNeedsGrad(spec.inputs)) {
    record(spec.name, spec.inputs, out, (g, s, n) => spec.backward(g[0] as Tensor, (i) => s.get(i), n.needs), spec.save);
  }
  return out;
}

/**
 * The in-place form: writes `result` (the out-of-place value, computed on the old self) into
 * self with PyTorch's checks, then rebases self's history onto the op's node (Note [in-place]).
 */
export function finishInplace(self: Tensor, result: Tensor, build: GradBuilder): void {
  checkInplace(self);
  checkInplaceCast(result.dtype, self.dtype);
  if (!sameShape(result._shape, self._shape)) {
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${result._shape.join(', ')}]`);
  }
  const grad = anyNeedsGrad(build(self, self).inputs);
  // The formula may read self's old value, which the write destroys.
  const selfValue = grad ? clone(self) : self;
  writeBack(self, copyValues(result, self.dtype)._data);
  self._bumpVersion();
  if (grad) {
    const spec = build(selfValue, self);
    rebaseHistory(self, spec.name, spec.inputs, (g, s, n) => spec.backward(g[0] as Tensor, (i) => s.get(i), n.needs), spec.save);
  }
}

/** A node for ops PyTorch has no derivative for: recorded, but backward through it fails. */
export function notDifferentiable(op: string, inputs: (Tensor | null)[]): GradBuilder {
  return () => ({
    name: 'torch::autograd::NotImplemented',
    // PyTorch's NotImplemented node only has edges to inputs that require grad.
    inputs: inputs.filter((t) => t !== null && t.requires_grad),
    save: [],
    backward: () => {
      throw new RuntimeError(`derivative for aten::${op} is not implemented`);
    },
  });
}

/** Inputs that carry gradients: the tensors among the operands, null for scalars. */
export function tensorsOf(...xs: (TensorOrScalar | null | undefined)[]): (Tensor | null)[] {
  return xs.map((x) => (x instanceof Tensor ? x : null));
}
