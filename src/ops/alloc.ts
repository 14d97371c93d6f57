// Allocation helpers for op definitions (the public factories live in src/tensor/factories.ts).
import { Tensor } from '../tensor/tensor.ts';
import type { dtype } from '../tensor/dtype.ts';
import { castScalar } from '../tensor/dtype.ts';
import { contiguousStrides, numelOf } from '../tensor/shape.ts';

export function empty_of(shape: readonly number[], dt: dtype): Tensor {
  return Tensor._empty(shape.slice(), dt);
}

export function zeros_of(shape: readonly number[], dt: dtype): Tensor {
  return Tensor._empty(shape.slice(), dt);
}

export function full_of(shape: readonly number[], value: number, dt: dtype): Tensor {
  const data = new dt.ArrayType(numelOf(shape));
  data.fill(castScalar(value, dt));
  return new Tensor(data, shape.slice(), contiguousStrides(shape), 0, dt);
}

/** A 0-dim tensor holding `value` (PyTorch's wrapped number). */
export function scalar_of(value: number, dt: dtype): Tensor {
  return full_of([], value, dt);
}

/** empty_strided: a fresh (zero-filled) tensor with the given strides over a dense storage. */
export function empty_strided_of(shape: readonly number[], stride: readonly number[], dt: dtype): Tensor {
  return new Tensor(new dt.ArrayType(numelOf(shape)), shape.slice(), stride.slice(), 0, dt);
}
