// What every factory shares: the options object, the default dtype, and the final steps
// (requires_grad, inference tensors) PyTorch applies to a freshly made tensor.
import { RuntimeError } from '../errors.ts';
import { is_inference_mode_enabled } from '../autograd/grad_mode.ts';
import { get_default_dtype, type dtype, type TypedArray } from './dtype.ts';
import { contiguousStrides } from './shape.ts';
import { Tensor, type Device } from './tensor.ts';
import type { Parsed } from './pyargs.ts';

/** Keyword arguments of PyTorch's factories (porting rule 2). Only the CPU device exists. */
export interface FactoryOptions {
  dtype?: dtype | null;
  requires_grad?: boolean | null;
  device?: 'cpu' | Device | null;
  layout?: null;
  pin_memory?: boolean | null;
}

/** Sizes as PyTorch takes them: `f(2, 3)`, `f([2, 3])`, either with trailing options. */
export type SizeArgs<O = FactoryOptions> =
  | [size: readonly number[], options?: O]
  | number[]
  | [...size: number[], options: O];

/** The dtype option, or `fallback` (the default dtype unless given) when absent or null. */
export function dtypeOr(values: Parsed, fallback: dtype = get_default_dtype()): dtype {
  const d = values.get('dtype');
  return d === null || d === undefined ? fallback : (d as dtype);
}

/**
 * The last steps of every factory: tensors made under inference_mode are inference tensors,
 * and requires_grad is set (after the values are written, so overflow errors come first, as
 * in PyTorch).
 */
export function finish(t: Tensor, values: Parsed): Tensor {
  if (is_inference_mode_enabled()) t._is_inference = true;
  if (values.get('requires_grad') === true) setRequiresGrad(t);
  return t;
}

/** TensorImpl::set_requires_grad's check, with its capitalised message. */
export function setRequiresGrad(t: Tensor): void {
  if (!t.dtype.is_floating_point) {
    throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
  }
  t._requires_grad = true;
}

/** An integer as C++ prints it: every digit (String(2 ** 62) would round to 17 digits). */
function formatInt(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * Zeroed storage for a tensor of `shape`, with PyTorch's errors for sizes whose byte count
 * overflows (computeStorageNbytesContiguous) and for allocations that fail (DefaultCPUAllocator;
 * where that happens depends on the machine in both libraries, for absurd sizes in both).
 */
export function allocStorage(shape: readonly number[], dt: dtype): TypedArray {
  let numel = 1;
  let overflow = false;
  for (const s of shape) {
    numel *= s;
    if (numel >= 2 ** 64) overflow = true; // uint64 product; the flag sticks, as in c10
  }
  const bytes = numel * dt.itemsize;
  if (overflow || bytes > 2 ** 63 - 1) {
    throw new RuntimeError(`Storage size calculation overflowed with sizes=[${shape.map(formatInt).join(', ')}]`);
  }
  try {
    return new dt.ArrayType(numel);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new RuntimeError(
      `[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate ${formatInt(bytes)} bytes. Error code 12 (Cannot allocate memory)`,
    );
  }
}

/** A zero-filled contiguous tensor (empty() memory is zeroed in JS anyway). */
export function emptyTensor(shape: number[], dt: dtype): Tensor {
  return new Tensor(allocStorage(shape, dt), shape, contiguousStrides(shape), 0, dt);
}
