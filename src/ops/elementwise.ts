// Shared forward machinery for elementwise ops: operand dtypes and broadcasting as
// TensorIterator does them, then a kernel call. Gradients are not handled here.
import { Tensor } from '../tensor/tensor.ts';
import { bool, float32, OperandKind, ResultTypeState, scalarDtype, checkInplaceCast, type dtype, type TypedArray } from '../tensor/dtype.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, sameShape } from '../tensor/shape.ts';
import { binary, returnsZeroOne, unary, type BinaryFn, type UnaryFn } from '../backends/cpu.ts';
import { allocForOverwrite } from '../backends/alloc_overwrite.ts';
import { forEachOffset, type StridedView } from '../backends/strided.ts';
import { RuntimeError } from '../errors.ts';
import { denseStridesFor, iterationPermOf } from '../tensor/layout.ts';

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

function kindOf(t: Tensor): OperandKind {
  return t._shape.length === 0 ? OperandKind.ZeroDim : OperandKind.Dim;
}

/** torch.result_type for two operands (tensors or JS scalars, porting rule 4). */
export function resultType2(a: TensorOrScalar, b: TensorOrScalar): dtype {
  const s = new ResultTypeState();
  if (a instanceof Tensor) s.add(a.dtype, kindOf(a));
  else s.add(scalarDtype(a), OperandKind.Scalar);
  if (b instanceof Tensor) s.add(b.dtype, kindOf(b));
  else s.add(scalarDtype(b), OperandKind.Scalar);
  return s.result();
}

/** A scalar operand broadcast to `shape` (stride 0 everywhere), so every kernel path can index it. */
function scalarView(v: number, shape: readonly number[]): StridedView {
  // Kernels only read the view during the call that it is made for (and at most one operand
  // is a scalar), so the one-element storage and the zero strides are shared: a fresh
  // Float64Array costs more than a small op's arithmetic.
  scalarData[0] = v;
  return { data: scalarData, shape, stride: zeroStrides(shape.length), offset: 0 };
}
const scalarData = new Float64Array(1);
const zeroStrideCache: (readonly number[])[] = [];
function zeroStrides(ndim: number): readonly number[] {
  return (zeroStrideCache[ndim] ??= Object.freeze(new Array<number>(ndim).fill(0)));
}

function viewOf(t: Tensor, shape: readonly number[]): StridedView {
  if (sameShape(t._shape, shape)) return { data: t._data, shape: t._shape, stride: t._stride, offset: t._offset };
  return { data: t._data, shape, stride: broadcastStrides(t._shape, t._stride, shape), offset: t._offset };
}

/** Bool outputs hold 0/1: any nonzero result is true (Uint8Array would keep 2 as 2). */
function forOutput(f: BinaryFn, outDtype: dtype): BinaryFn {
  return outDtype === bool && !returnsZeroOne(f) ? (x, y) => (f(x, y) !== 0 ? 1 : 0) : f;
}

/**
 * out = f(a, b) elementwise with broadcasting. `outDtype` is the result dtype; operand values
 * are read as doubles (exact for every stored dtype) and f's result is stored by assignment
 * into the output's TypedArray (which rounds float32 once and wraps integers).
 */
export function binaryForward(a: TensorOrScalar, b: TensorOrScalar, outDtype: dtype, f: BinaryFn, computeDtype: dtype = outDtype): Tensor {
  const aT = a instanceof Tensor ? a : null;
  const bT = b instanceof Tensor ? b : null;
  const shape = aT && bT ? broadcastShapes(aT._shape, bT._shape) : (aT ?? (bT as Tensor))._shape.slice();
  if (numelOf(shape) === 0) return Tensor._empty(shape, outDtype);
  const av = aT ? viewOf(aT, shape) : scalarView(toNumber(a as Scalar, computeDtype), shape);
  const bv = bT ? viewOf(bT, shape) : scalarView(toNumber(b as Scalar, computeDtype), shape);
  const order = outputOrder(shape, aT, bT, av, bv);
  if (order === null) {
    const out = new Tensor(allocForOverwrite(outDtype.ArrayType, numelOf(shape)), shape, contiguousStrides(shape), 0, outDtype);
    binary(av, bv, out._data, forOutput(f, outDtype));
    return out;
  }
  const out = new Tensor(allocForOverwrite(outDtype.ArrayType, numelOf(shape)), shape, denseStridesFor(shape, order), 0, outDtype);
  binary(permuted(av, order), permuted(bv, order), out._data, forOutput(f, outDtype));
  return out;
}

// Note [output layout]: PyTorch's TensorIterator gives an elementwise result the memory layout
// of its inputs: contiguous when every tensor operand is contiguous (fast setup), otherwise
// dense in the dim order that reorder_dimensions reads off the operands' strides (the first
// operand that tells two dims apart decides). So `x.t().add(1)` is transposed like `x.t()`.
// Kernels then write the output in storage order, reading the operands in that dim order.

/** The output's dim order (fastest first), or null for plain row-major. */
function outputOrder(shape: readonly number[], aT: Tensor | null, bT: Tensor | null, av: StridedView, bv: StridedView): number[] | null {
  if ((aT === null || aT.is_contiguous()) && (bT === null || bT.is_contiguous())) {
    // Fast setup only when every operand also has the output's shape; contiguous operands that
    // broadcast go through reorder_dimensions, which keeps row-major order for them.
    if ((aT === null || sameShape(aT._shape, shape)) && (bT === null || sameShape(bT._shape, shape))) return null;
  }
  const strides: (readonly number[])[] = [];
  if (aT !== null) strides.push(av.stride);
  if (bT !== null) strides.push(bv.stride);
  const perm = iterationPermOf(shape, strides);
  return isRowMajorOrder(perm) ? null : perm;
}

function isRowMajorOrder(perm: readonly number[]): boolean {
  const n = perm.length;
  for (let i = 0; i < n; i++) if (perm[i] !== n - 1 - i) return false;
  return true;
}

/** A view with its dims listed slowest first as `order` (fastest first) says. */
function permuted(v: StridedView, order: readonly number[]): StridedView {
  const n = order.length;
  const shape = new Array<number>(n);
  const stride = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = order[n - 1 - i] as number;
    shape[i] = v.shape[d] as number;
    stride[i] = v.stride[d] as number;
  }
  return { data: v.data, shape, stride, offset: v.offset };
}

/**
 * assert_no_internal_overlap: an in-place result may not have two elements at one address. Like
 * has_internal_overlap, only the provable case (a stride-0 dim of size > 1, as after expand)
 * is rejected.
 */
export function assertNoInternalOverlap(t: Tensor): void {
  if (t._shape.some((n, i) => n > 1 && t._stride[i] === 0)) {
    throw new RuntimeError(
      'unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.',
    );
  }
}

/** In-place form: self = f(self, other), with PyTorch's cast, overlap and broadcast checks. */
export function binaryInplace(self: Tensor, other: TensorOrScalar, resultDtype: dtype, f: BinaryFn): void {
  // TensorIterator's order: memory overlap, then shapes, then dtypes.
  assertNoInternalOverlap(self);
  const shape = self._shape;
  if (other instanceof Tensor) {
    const b = broadcastShapes(shape, other._shape);
    if (!sameShape(b, shape)) {
      throw new RuntimeError(
        `output with shape [${shape.join(', ')}] doesn't match the broadcast shape [${b.join(', ')}]`,
      );
    }
  }
  checkInplaceCast(resultDtype, self.dtype);
  const n = numelOf(shape);
  const tmp = allocForOverwrite(self.dtype.ArrayType, n);
  if (n > 0) {
    const av = viewOf(self, shape);
    const bv = other instanceof Tensor ? viewOf(other, shape) : scalarView(toNumber(other, resultDtype), shape);
    binary(av, bv, tmp, forOutput(f, self.dtype));
  }
  writeBack(self, tmp);
}

/** Writes dense row-major values into `self` through its strides (never an op result's `_data`: see Note [output layout]). */
export function writeBack(self: Tensor, values: ArrayLike<number>): void {
  const d = self._data;
  if (self.is_contiguous()) {
    const n = values.length;
    const o = self._offset;
    // A TypedArray source: set() converts each element exactly as assignment does, in one call.
    if (ArrayBuffer.isView(values)) d.set(values as unknown as ArrayLike<number>, o);
    else for (let i = 0; i < n; i++) d[o + i] = values[i] as number;
    return;
  }
  forEachOffset(self._shape, self._stride, self._offset, (p, k) => {
    d[p] = values[k] as number;
  });
}

/** A scalar operand as the compute dtype holds it (a double scalar times float32 is float32 math). */
export function toNumber(v: Scalar, dt: dtype): number {
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  if (dt === bool) return n !== 0 ? 1 : 0;
  return dt === float32 ? Math.fround(n) : n;
}

/**
 * f(x) elementwise as dense row-major values of dtype outDtype, whatever x's layout: what an
 * in-place op writes back through its destination's strides (writeBack).
 */
export function unaryValues(x: Tensor, outDtype: dtype, f: UnaryFn): TypedArray {
  const out = allocForOverwrite(outDtype.ArrayType, numelOf(x._shape));
  if (out.length > 0) {
    unary({ data: x._data, shape: x._shape, stride: x._stride, offset: x._offset }, out, outDtype === bool ? (v) => (f(v) !== 0 ? 1 : 0) : f);
  }
  return out;
}

/** out = f(x) elementwise into a new tensor of dtype outDtype, laid out as x (Note [output layout]). */
export function unaryForward(x: Tensor, outDtype: dtype, f: UnaryFn): Tensor {
  if (!x.is_contiguous() && numelOf(x._shape) > 0) {
    const order = iterationPermOf(x._shape, [x._stride]);
    if (!isRowMajorOrder(order)) {
      // Note [output layout]
      const out = new Tensor(allocForOverwrite(outDtype.ArrayType, numelOf(x._shape)), x._shape.slice(), denseStridesFor(x._shape, order), 0, outDtype);
      const src = permuted({ data: x._data, shape: x._shape, stride: x._stride, offset: x._offset }, order);
      unary(src, out._data, outDtype === bool ? (v) => (f(v) !== 0 ? 1 : 0) : f);
      return out;
    }
  }
  return new Tensor(unaryValues(x, outDtype, f), x._shape.slice(), contiguousStrides(x._shape), 0, outDtype);
}

/** Float ops on integer inputs compute in the default float dtype (int sqrt → float32). */
export function floatResult(t: Tensor, defaultFloat: dtype): dtype {
  return t.dtype.is_floating_point ? t.dtype : defaultFloat;
}
