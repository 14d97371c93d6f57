// dtypes as values (porting rule 8) and PyTorch's promotion rules (c10/core/ScalarType.h,
// aten/src/ATen/native/TypeProperties.cpp).
import { RuntimeError, TorchTypeError } from '../errors.ts';

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array;

export type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor;

/** 0 bool, 1 integer, 2 floating: PyTorch's promotion categories (complex is not supported). */
export type DTypeCategory = 0 | 1 | 2;

export class dtype {
  /** @internal */
  constructor(
    /** PyTorch's name: `float32`, `int64`… */
    readonly name: string,
    /** Legacy type name used in error messages (`Float` in "result type Float…"). */
    readonly scalarName: string,
    readonly itemsize: number,
    readonly category: DTypeCategory,
    /** The TypedArray that stores it. int64 is stored in a Float64Array: exact to 2^53. */
    readonly ArrayType: TypedArrayConstructor,
    /** Order used by PyTorch's promotion lattice. */
    readonly rank: number,
  ) {}
  get is_floating_point(): boolean {
    return this.category === 2;
  }
  get is_complex(): boolean {
    return false;
  }
  get is_signed(): boolean {
    return this.name !== 'uint8' && this.name !== 'bool';
  }
  /** Legacy tensor type string, as in `torch.FloatTensor`. */
  get legacyTypeName(): string {
    return `torch.${this.scalarName}Tensor`;
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const bool = new dtype('bool', 'Bool', 1, 0, Uint8Array, 0);
export const uint8 = new dtype('uint8', 'Byte', 1, 1, Uint8Array, 1);
export const int8 = new dtype('int8', 'Char', 1, 1, Int8Array, 2);
export const int16 = new dtype('int16', 'Short', 2, 1, Int16Array, 3);
export const int32 = new dtype('int32', 'Int', 4, 1, Int32Array, 4);
export const int64 = new dtype('int64', 'Long', 8, 1, Float64Array, 5);
export const float32 = new dtype('float32', 'Float', 4, 2, Float32Array, 7);
export const float64 = new dtype('float64', 'Double', 8, 2, Float64Array, 8);

// PyTorch's aliases (porting rule 8): torch.float, torch.double, torch.long, torch.int...
export {
  float32 as float,
  float64 as double,
  int64 as long,
  int32 as int,
  int16 as short,
};

export const all_dtypes: readonly dtype[] = [bool, uint8, int8, int16, int32, int64, float32, float64];

let defaultDtype: dtype = float32;

export function get_default_dtype(): dtype {
  return defaultDtype;
}

export function set_default_dtype(d: dtype): void {
  if (!(d instanceof dtype)) {
    throw new TorchTypeError('invalid dtype object: only floating-point types are supported as the default type');
  }
  if (!d.is_floating_point) {
    throw new TorchTypeError('only floating-point types are supported as the default type');
  }
  defaultDtype = d;
}

function checkDtypeArg(fn: string, name: string, position: number, v: unknown, params: readonly string[]): void {
  if (v instanceof dtype) return;
  if (v === undefined) {
    const missing = params.slice(position - 1).map((p) => `"${p}"`);
    throw new TorchTypeError(`${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  const t = v === null ? 'NoneType' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : 'object';
  throw new TorchTypeError(`${fn}(): argument '${name}' (position ${position}) must be torch.dtype, not ${t}`);
}

/** torch.promote_types: PyTorch's promotion lattice (no complex, no half). */
export function promote_types(a: dtype, b: dtype): dtype {
  if (a === b) return a;
  if (!(a instanceof dtype) || !(b instanceof dtype)) {
    checkDtypeArg('promote_types', 'type1', 1, a, ['type1', 'type2']);
    checkDtypeArg('promote_types', 'type2', 2, b, ['type1', 'type2']);
  }
  if (a === bool) return b;
  if (b === bool) return a;
  if (a.category === 2 || b.category === 2) {
    if (a.category === 2 && b.category === 2) return a.rank > b.rank ? a : b;
    return a.category === 2 ? a : b;
  }
  // Both integers. uint8 with a signed type needs a signed type that holds 0..255.
  if (a === uint8 || b === uint8) {
    const other = a === uint8 ? b : a;
    return other.rank > int16.rank ? other : int16;
  }
  return a.rank > b.rank ? a : b;
}

/** The kind of operand in result_type: a tensor with dims, a 0-dim tensor, or a JS scalar. */
export const enum OperandKind {
  Dim = 0,
  ZeroDim = 1,
  Scalar = 2,
}

/** The dtype a JS scalar acts as (porting rule 4): an integer-valued number is a Python int. */
export function scalarDtype(v: number | boolean): dtype {
  if (typeof v === 'boolean') return bool;
  return Number.isInteger(v) ? int64 : float64;
}

/**
 * Tracks the three operand groups of at::native::result_type. Float scalars count as the
 * default dtype (a wrapped Python float is not float64 for promotion purposes).
 */
export class ResultTypeState {
  dimResult: dtype | null = null;
  zeroResult: dtype | null = null;
  wrappedResult: dtype | null = null;
  add(d: dtype, kind: OperandKind): this {
    if (kind === OperandKind.Dim) this.dimResult = promoteSkip(this.dimResult, d);
    else if (kind === OperandKind.ZeroDim) this.zeroResult = promoteSkip(this.zeroResult, d);
    else {
      const w = d.is_floating_point ? defaultDtype : d;
      this.wrappedResult = promoteSkip(this.wrappedResult, w);
    }
    return this;
  }
  result(): dtype {
    return combineCategories(this.dimResult, combineCategories(this.zeroResult, this.wrappedResult)) ?? defaultDtype;
  }
}

function promoteSkip(a: dtype | null, b: dtype | null): dtype | null {
  if (a === null) return b;
  if (b === null) return a;
  return promote_types(a, b);
}

function combineCategories(higher: dtype | null, lower: dtype | null): dtype | null {
  if (higher !== null && higher.is_floating_point) return higher;
  if (higher === bool || (lower !== null && lower.is_floating_point)) return promoteSkip(higher, lower);
  if (higher !== null) return higher;
  return lower;
}

/** torch.can_cast: whether casting `from` to `to` is allowed under PyTorch's casting rules. */
export function can_cast(from: dtype, to: dtype): boolean {
  if (!(from instanceof dtype) || !(to instanceof dtype)) {
    checkDtypeArg('can_cast', 'from', 1, from, ['from', 'to']);
    checkDtypeArg('can_cast', 'to', 2, to, ['from', 'to']);
  }
  if (from.category === 2 && to.category < 2) return false;
  if (from !== bool && to === bool) return false;
  return true;
}

/** The error for an in-place op whose result cannot be cast to the destination. */
export function checkInplaceCast(result: dtype, out: dtype): void {
  if (!can_cast(result, out)) {
    throw new RuntimeError(`result type ${result.scalarName} can't be cast to the desired output type ${out.scalarName}`);
  }
}

const INT64_MIN = -(2 ** 63);
const INT32_MIN = -(2 ** 31);

/** static_cast<int64_t>(double) on x86-64: NaN and out-of-range values give INT64_MIN. */
function toInt64(v: number): number {
  return v >= -(2 ** 63) && v < 2 ** 63 ? Math.trunc(v) + 0 : INT64_MIN; // + 0: no -0
}

/** static_cast<int32_t>(double) on x86-64 (cvttsd2si): NaN and out-of-range give INT32_MIN. */
function toInt32(v: number): number {
  return v > -2147483649 && v < 2147483648 ? Math.trunc(v) + 0 : INT32_MIN;
}

/**
 * static_cast between dtypes, as PyTorch's copy/to() kernels do it: a value of an integral (or
 * bool) dtype converts to an integral dtype by two's-complement wrap-around; everything else
 * converts as castScalar (whose int rules are those of a floating source).
 */
export function castFrom(v: number, from: dtype, to: dtype): number {
  if (from.category < 2 && to.category === 1) {
    if (to === int64) return v;
    const a = new to.ArrayType(1);
    a[0] = v;
    return a[0] as number;
  }
  return castScalar(v, to);
}

/**
 * Converts a JS number to what storing it in dtype `d` yields: PyTorch's static_cast as it
 * behaves on x86-64 (the cast kernels of `.to()`, copies, and unchecked stores). Out-of-range
 * values follow the hardware: int32/int64 get their minimum, int8/int16 truncate through int32
 * and uint8 through int64 (GCC's code for those conversions), keeping the low bits.
 */
export function castScalar(v: number, d: dtype): number {
  switch (d) {
    case bool:
      return v !== 0 ? 1 : 0;
    case float32:
      return Math.fround(v);
    case float64:
      return v;
    case int64:
      return toInt64(v);
    case int32:
      return toInt32(v);
    case uint8: {
      const r = toInt64(v) % 256;
      return r < 0 ? r + 256 : r + 0; // `+ 0` turns -0 into 0
    }
    default: {
      const a = new d.ArrayType(1);
      a[0] = toInt32(v);
      return a[0] as number;
    }
  }
}
