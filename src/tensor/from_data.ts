// torch.tensor, torch.as_tensor, torch.from_numpy, torch.frombuffer and Tensor.new_tensor:
// tensors from JS data (torch/csrc/utils/tensor_new.cpp).
//
// JS stands in for Python as follows: arrays are lists; numbers are Python floats (porting
// rule 4: the default dtype), booleans bools, bigints Python ints (int64); TypedArrays are
// NumPy arrays of their element type (Float64Array float64, Float32Array float32, Int32Array
// int32, Int16Array int16, Int8Array int8, Uint8Array uint8, BigInt64Array int64); tensors
// inside arrays are scalars (one element each), as in PyTorch.
import { RuntimeError, TorchTypeError, ValueError, warnOnce } from '../errors.ts';
import { elementOffsets } from '../backends/strided.ts';
import { bool, castScalar, float32, float64, int16, int32, int64, int8, promote_types, uint8, get_default_dtype, type dtype, type TypedArray } from './dtype.ts';
import { contiguousStrides, numelOf } from './shape.ts';
import { Tensor } from './tensor.ts';
import { finish, type FactoryOptions } from './factory_common.ts';
import { preservedStrides } from './like_factories.ts';
import { parseArgs, pyTypeName, signature } from './pyargs.ts';
import { storeScalar } from './scalar_convert.ts';

/** A JS value torch.tensor accepts: numbers, booleans, bigints, tensors, TypedArrays, nested arrays. */
export type TensorData = number | boolean | bigint | Tensor | ArrayBufferView | readonly TensorData[];

const TENSOR = [signature('tensor', '', 'data: object', '*', 'dtype: dtype?', 'device: device?', 'pin_memory: bool?', 'requires_grad: bool?', 'names: names?')];
const AS_TENSOR = [signature('as_tensor', '', 'data: object', '*', 'dtype: dtype?', 'device: device?')];
const NEW_TENSOR = [signature('new_tensor', '', 'data: object', '*', 'dtype: dtype?', 'device: device?', 'requires_grad: bool?')];
const FROMBUFFER = [signature('frombuffer', '', 'buffer: object', '*', 'dtype: dtype', 'count: int = -1', 'offset: int = 0', 'requires_grad: bool = False')];

const NUMPY_TYPES =
  'The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.';

/** The dtype of a TypedArray as torch.from_numpy sees the matching NumPy array. */
function typedArrayDtype(a: ArrayBufferView): dtype {
  if (a instanceof Float64Array) return float64;
  if (a instanceof Float32Array) return float32;
  if (a instanceof Int32Array) return int32;
  if (a instanceof Int16Array) return int16;
  if (a instanceof Int8Array) return int8;
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return uint8;
  if (a instanceof BigInt64Array) return int64;
  const npName =
    a instanceof Uint16Array ? 'uint16' : a instanceof Uint32Array ? 'uint32' : a instanceof BigUint64Array ? 'uint64' : a.constructor.name;
  throw new TorchTypeError(`can't convert np.ndarray of type numpy.${npName}. ${NUMPY_TYPES}`);
}

function isTypedArray(v: unknown): v is ArrayBufferView & ArrayLike<number | bigint> {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** The TypedArray's values as storage of its dtype: the same memory where the types allow. */
function numpyStorage(a: ArrayBufferView & ArrayLike<number | bigint>, share: boolean): TypedArray {
  if (a instanceof BigInt64Array) {
    // int64 tensors keep their values in a Float64Array, so these are always copied.
    return Float64Array.from(a, (x) => Number(x));
  }
  if (a instanceof Uint8ClampedArray) {
    const view = new Uint8Array(a.buffer, a.byteOffset, a.length);
    return share ? view : view.slice();
  }
  const t = a as TypedArray;
  return share ? t : (t.slice() as TypedArray);
}

/** A 1-D tensor over the TypedArray's memory (torch.from_numpy), int64 copied. */
function tensorFromNumpy(a: ArrayBufferView & ArrayLike<number | bigint>, share: boolean): Tensor {
  const dt = typedArrayDtype(a);
  const data = numpyStorage(a, share);
  return new Tensor(data, [a.length], [1], 0, dt);
}

/** The elements of a tensor in row-major order. */
function tensorValues(t: Tensor): ArrayLike<number> {
  const offs = elementOffsets(t._shape, t._stride, t._offset);
  const out = new Float64Array(offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = t._data[offs[i] as number] as number;
  return out;
}

/**
 * `src.to(dt, copy=copy)`: src itself when nothing changes, else a converted copy in src's
 * memory layout (to() preserves it, as empty_like does).
 */
function convertTensor(src: Tensor, dt: dtype, copy: boolean): Tensor {
  if (!copy && dt === src.dtype) return src;
  const vals = tensorValues(src);
  const shape = src._shape.slice();
  const stride = preservedStrides(src);
  const data = new dt.ArrayType(vals.length);
  const offs = elementOffsets(shape, stride, 0);
  for (let i = 0; i < vals.length; i++) data[offs[i] as number] = castScalar(vals[i] as number, dt);
  return new Tensor(data, shape, stride, 0, dt);
}

/** The rows of a tensor, for a tensor met where a sequence is expected (Python iterates it). */
function tensorRows(t: Tensor): Tensor[] {
  if (t.dim() === 0) throw new TorchTypeError('iteration over a 0-d tensor');
  const rows: Tensor[] = [];
  for (let i = 0; i < (t._shape[0] as number); i++) {
    rows.push(new Tensor(t._data, t._shape.slice(1), t._stride.slice(1), t._offset + i * (t._stride[0] as number), t.dtype));
  }
  return rows;
}

function isSequence(v: unknown): v is readonly unknown[] | (ArrayBufferView & ArrayLike<number | bigint>) {
  return Array.isArray(v) || isTypedArray(v);
}

/** compute_sizes: the lengths along the first elements (ragged input is found later). */
function computeSizes(data: unknown): number[] {
  const sizes: number[] = [];
  let seq: unknown = data;
  while (isSequence(seq) || typeof seq === 'string') {
    // A Python str is a sequence of strs: PyTorch runs out of dimensions on it.
    if (typeof seq === 'string') throw new ValueError("too many dimensions 'str'");
    sizes.push(seq.length);
    if (seq.length === 0) break;
    seq = (seq as ArrayLike<unknown>)[0];
  }
  return sizes;
}

/** infer_scalar_type: what torch.tensor(data) makes without a dtype. */
function inferDtype(obj: unknown): dtype {
  if (typeof obj === 'number') return get_default_dtype();
  if (typeof obj === 'boolean') return bool;
  if (typeof obj === 'bigint') return int64;
  if (obj instanceof Tensor) return obj.dtype;
  if (typeof obj === 'string') throw new TorchTypeError("new(): invalid data type 'str'");
  if (isTypedArray(obj)) return typedArrayDtype(obj);
  if (Array.isArray(obj)) {
    if (obj.length === 0) return get_default_dtype();
    let d: dtype | null = null;
    for (const item of obj as unknown[]) {
      if (item === obj) throw new TorchTypeError('new(): self-referential lists are incompatible');
      const it = inferDtype(item);
      d = d === null ? it : promote_types(d, it);
    }
    return d as dtype;
  }
  throw new RuntimeError(`Could not infer dtype of ${pyTypeName(obj)}`);
}

/** store_scalar: one element, converted (and range-checked) as torch.tensor does. */
function storeOne(obj: unknown, dt: dtype): number {
  if (typeof obj === 'number' || typeof obj === 'boolean') return storeScalar(obj, dt);
  if (typeof obj === 'bigint') return storeScalar(Number(obj), dt);
  if (obj instanceof Tensor) {
    if (obj.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
    return storeScalar(tensorValues(obj)[0] as number, dt);
  }
  if (dt.is_floating_point) throw new TorchTypeError(`must be real number, not ${pyTypeName(obj)}`);
  throw new TorchTypeError(`'${pyTypeName(obj)}' object cannot be interpreted as an integer`);
}

/** recursive_store: writes nested data row-major into `out`, checking every length. */
function recursiveStore(out: TypedArray, pos: number, sizes: readonly number[], strides: readonly number[], dim: number, dt: dtype, obj: unknown): void {
  if (dim === sizes.length) {
    out[pos] = storeOne(obj, dt);
    return;
  }
  let items: ArrayLike<unknown>;
  if (isSequence(obj)) items = obj as ArrayLike<unknown>;
  else if (obj instanceof Tensor) items = tensorRows(obj);
  else throw new TorchTypeError('not a sequence');
  const n = sizes[dim] as number;
  if (items.length !== n) {
    throw new ValueError(`expected sequence of length ${n} at dim ${dim} (got ${items.length})`);
  }
  const stride = strides[dim] as number;
  for (let i = 0; i < n; i++) recursiveStore(out, pos + i * stride, sizes, strides, dim + 1, dt, items[i]);
}

/**
 * internal_new_from_data: the shared path of torch.tensor, as_tensor and new_tensor. `fixed`
 * is the dtype when no inference happens; `copy` whether tensors and TypedArrays are copied.
 */
function newFromData(data: unknown, fixed: dtype | null, copy: boolean): Tensor {
  if (data instanceof Tensor) {
    const src = new Tensor(data._data, data._shape, data._stride, data._offset, data.dtype); // detached
    const out = convertTensor(src, fixed ?? data.dtype, copy);
    return out === src ? data : out;
  }
  if (isTypedArray(data)) {
    const t = tensorFromNumpy(data, !copy);
    return convertTensor(t, fixed ?? t.dtype, false);
  }
  // (PyTorch rejects a str before looking at its length)
  if (typeof data === 'string') throw new TorchTypeError("new(): invalid data type 'str'");
  const sizes = computeSizes(data);
  const dt = fixed ?? inferDtype(data);
  const strides = contiguousStrides(sizes);
  const out = new dt.ArrayType(numelOf(sizes));
  if (out.length !== 0) recursiveStore(out, 0, sizes, strides, 0, dt, data);
  return new Tensor(out, sizes, strides, 0, dt);
}

const COPY_WARNING =
  'To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than ';

export interface TensorOptions {
  dtype?: dtype | null;
  requires_grad?: boolean | null;
  device?: FactoryOptions['device'];
  pin_memory?: boolean | null;
}

/** torch.tensor(data, {dtype, requires_grad}): always a copy, a leaf. */
export function tensor(...args: [data: TensorData, options?: TensorOptions]): Tensor {
  const { values } = parseArgs(TENSOR, args);
  const data = values.get('data');
  if (data instanceof Tensor) warnOnce('UserWarning', COPY_WARNING + 'torch.tensor(sourceTensor).');
  const t = newFromData(data, (values.get('dtype') as dtype | null) ?? null, true);
  return finish(t, values);
}

/** Tensor.new_tensor(data): like torch.tensor, but in self's dtype unless given. */
export function new_tensor(self: Tensor, ...args: [data: TensorData, options?: TensorOptions]): Tensor {
  const { values } = parseArgs(NEW_TENSOR, args);
  const data = values.get('data');
  if (data instanceof Tensor) warnOnce('UserWarning', COPY_WARNING + 'tensor.new_tensor(sourceTensor).');
  const t = newFromData(data, (values.get('dtype') as dtype | null) ?? self.dtype, true);
  return finish(t, values);
}

/**
 * torch.as_tensor(data, {dtype}): shares memory when it can. A tensor of the right dtype is
 * returned as is; a TypedArray of the right dtype becomes a tensor over the same memory
 * (except BigInt64Array: int64 tensors store doubles, so those are copied).
 */
export function as_tensor(...args: [data: TensorData, options?: { dtype?: dtype | null; device?: FactoryOptions['device'] }]): Tensor {
  const { values } = parseArgs(AS_TENSOR, args);
  const t = newFromData(values.get('data'), (values.get('dtype') as dtype | null) ?? null, false);
  return finish(t, new Map());
}

/**
 * torch.from_numpy for TypedArrays: a 1-D tensor over the array's own memory (writes show in
 * both). Zero-copy for every supported type except BigInt64Array (int64), which is copied.
 */
export function from_numpy(array: ArrayBufferView): Tensor {
  if (!isTypedArray(array)) throw new TorchTypeError(`expected np.ndarray (got ${pyTypeName(array)})`);
  return finish(tensorFromNumpy(array, true), new Map());
}

/**
 * torch.frombuffer(buffer, {dtype, count, offset}): a 1-D tensor over the bytes of an
 * ArrayBuffer, SharedArrayBuffer or view (Buffer, TypedArray, DataView), sharing the memory.
 * Two cases copy instead, because a JS TypedArray cannot express them: an offset that is not
 * a multiple of the element size, and int64 (stored as doubles).
 */
export function frombuffer(
  ...args: [buffer: ArrayBufferLike | ArrayBufferView, options: { dtype: dtype; count?: number; offset?: number; requires_grad?: boolean }]
): Tensor {
  const { values } = parseArgs(FROMBUFFER, args);
  const buffer = values.get('buffer');
  const dt = values.get('dtype') as dtype;
  const count = (values.get('count') as number | null) ?? -1;
  const offset = (values.get('offset') as number | null) ?? 0;
  let ab: ArrayBufferLike;
  let base = 0;
  let len: number;
  if (buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer)) {
    ab = buffer;
    len = buffer.byteLength;
  } else if (ArrayBuffer.isView(buffer)) {
    ab = buffer.buffer;
    base = buffer.byteOffset;
    len = buffer.byteLength;
  } else {
    throw new ValueError('object does not implement Python buffer protocol.');
  }
  const elsize = dt.itemsize;
  if (!(len > 0 && count !== 0)) throw new ValueError(`both buffer length (${len}) and count (${count}) must not be 0`);
  if (!(offset >= 0 && offset < len)) {
    throw new ValueError(`offset (${offset} bytes) must be non-negative and no greater than buffer length (${len} bytes) minus 1`);
  }
  if (!(count > 0 || (len - offset) % elsize === 0)) {
    throw new ValueError(
      `buffer length (${len - offset} bytes) after offset (${offset} bytes) must be a multiple of element size (${elsize})`,
    );
  }
  const n = count < 0 ? (len - offset) / elsize : count;
  if (offset + n * elsize > len) {
    throw new ValueError(
      `requested buffer length (${n} * ${elsize} bytes) after offset (${offset} bytes) must not be greater than actual buffer length (${len} bytes)`,
    );
  }
  const start = base + offset;
  let data: TypedArray;
  if (dt === int64) {
    const view = new DataView(ab, start, n * 8);
    data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = Number(view.getBigInt64(i * 8, true));
  } else if (start % elsize === 0) {
    // (a SharedArrayBuffer works the same at run time; the cast is for lib.d.ts's overloads)
    data = new dt.ArrayType(ab as ArrayBuffer, start, n);
  } else {
    data = new dt.ArrayType((ab as ArrayBuffer).slice(start, start + n * elsize));
  }
  return finish(new Tensor(data, [n], [1], 0, dt), values);
}
