// Storage for kernel outputs that the kernel overwrites in full.
import type { TypedArray, TypedArrayConstructor } from '../tensor/dtype.ts';

// Note [uninitialised outputs]: zero-filling a new ArrayBuffer costs as much as a whole add at
// 1M elements. Kernels that write every element of their output take it from here: under
// Node, large ones come from Buffer.allocUnsafeSlow (unpooled, GC-owned, not zeroed). Only
// for outputs a kernel fully overwrites before anyone can read them.
const allocUnsafe = (globalThis as { Buffer?: { allocUnsafeSlow?: (n: number) => Uint8Array } }).Buffer?.allocUnsafeSlow;
const UNINIT_MIN_BYTES = 1 << 16;

/** A new array of `n` elements whose contents are garbage until the caller writes all of them. */
export function allocForOverwrite(Ctor: TypedArrayConstructor, n: number): TypedArray {
  const bytes = n * Ctor.BYTES_PER_ELEMENT;
  if (allocUnsafe === undefined || bytes < UNINIT_MIN_BYTES) return new Ctor(n);
  const buf = allocUnsafe(bytes);
  return new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset, n);
}
