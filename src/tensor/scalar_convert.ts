// Checked conversions of a Python number to a dtype, as PyTorch does them where it raises
// "value cannot be converted to type ... without overflow" (c10::checked_convert):
//   - Scalar::to<T>() in fill_, full, scalar_tensor, linspace/arange bounds (C++ type names);
//   - store_scalar in torch.tensor(list, dtype=...) (short names: uint8, int32...).
// Porting rule 4: an integer-valued JS number is a Python int here, any other a Python float
// (so -1 stored as uint8 wraps to 255, as PyTorch allows for ints, while -1.5 overflows).
import { RuntimeError } from '../errors.ts';
import { bool, castScalar, float32, float64, int16, int32, int64, int8, uint8, type dtype } from './dtype.ts';

/** The C++ names Scalar::to<T>() reports (c10/core/Scalar.h's accessors). */
const CPP_NAMES = new Map<dtype, string>([
  [uint8, 'uint8_t'],
  [int8, 'int8_t'],
  [int16, 'int16_t'],
  [int32, 'int'],
  [int64, 'int64_t'],
  [float32, 'float'],
  [float64, 'double'],
  [bool, 'bool'],
]);

const LIMITS = new Map<dtype, [number, number]>([
  [uint8, [0, 255]],
  [int8, [-128, 127]],
  [int16, [-32768, 32767]],
  [int32, [-2147483648, 2147483647]],
  // int64's limits as doubles: max rounds up to 2^63, so 2^63 itself passes the check.
  [int64, [-(2 ** 63), 2 ** 63]],
]);

const FLT_MAX = 3.4028234663852886e38;

/** Whether a JS number stands for a Python int that fits an int64 Scalar. */
export function isPyInt(v: number): boolean {
  return Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63;
}

/** c10::overflows<To, From>, From being int64 (isInt) or double. */
function overflows(v: number, d: dtype, isInt: boolean): boolean {
  if (d === bool || d === float64) return false;
  if (d === float32) return !isInt && Number.isFinite(v) && Math.abs(v) > FLT_MAX;
  const [lo, hi] = LIMITS.get(d) as [number, number];
  if (isInt) {
    // Unsigned targets let negative ints wrap (two's complement), down to -max.
    if (d === uint8) return v > hi || (v < 0 && -v > hi);
    return v < lo || v > hi;
  }
  if (Number.isNaN(v)) return true; // integers have no NaN; infinities fail the range test
  return v < lo || v > hi;
}

function convert(v: number | boolean, d: dtype, name: string, isDouble: boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const isInt = !isDouble && isPyInt(v);
  if (overflows(v, d, isInt)) throw new RuntimeError(`value cannot be converted to type ${name} without overflow`);
  return castScalar(v, d);
}

/**
 * Scalar::to<T>() for the dtype: the value stored by fill_/full, or PyTorch's overflow error.
 * `isDouble` marks a value C++ computed as a double (never a Python int).
 */
export function scalarTo(v: number | boolean, d: dtype, isDouble = false): number {
  return convert(v, d, CPP_NAMES.get(d) as string, isDouble);
}

/** torch.tensor's store_scalar: like scalarTo but floats never overflow and names are short. */
export function storeScalar(v: number | boolean, d: dtype): number {
  if (d.is_floating_point || d === bool) return typeof v === 'boolean' ? (v ? 1 : 0) : castScalar(v, d);
  return convert(v, d, d.name, false);
}
