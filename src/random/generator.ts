// torch.Generator and the default CPU generator (aten/src/ATen/CPUGeneratorImpl.cpp): an
// mt19937 engine plus the cached second Box–Muller sample for double and float normals.
import { RuntimeError, TorchTypeError } from '../errors.ts';
import { uint8 } from '../tensor/dtype.ts';
import { cpuDevice, Tensor, type Device } from '../tensor/tensor.ts';
import { sin } from './libm.ts';
import { MERSENNE_STATE_N, MT19937 } from './mt19937.ts';

/** default_rng_seed_val (CPUGeneratorImpl.h): the seed of a fresh torch.Generator(). */
export const DEFAULT_RNG_SEED = 67280421310721;

// sizeof(CPUGeneratorImplStateLegacy) and sizeof(CPUGeneratorImplState) on x86-64: the
// byte layout get_state() returns and set_state() reads (see the offsets in stateBytes).
const LEGACY_STATE_SIZE = 5048;
const STATE_SIZE = 5056;
const OFF_SEED = 0;
const OFF_LEFT = 8;
const OFF_SEEDED = 12;
const OFF_NEXT = 16;
const OFF_STATE = 24;
const OFF_NORMAL_X = OFF_STATE + 8 * MERSENNE_STATE_N; // 5016
const OFF_NORMAL_Y = OFF_NORMAL_X + 8;
const OFF_NORMAL_RHO = OFF_NORMAL_Y + 8;
const OFF_NORMAL_VALID = OFF_NORMAL_RHO + 8; // 5040
const OFF_FLOAT_NORMAL = 5048;
const OFF_FLOAT_NORMAL_VALID = 5052;

/** A seed as PyTorch's manual_seed takes it: any int64 or uint64 value (negatives wrap). */
export type Seed = number | bigint;

/** Python's int → uint64 unpacking for seeds: -2^63 ≤ s < 2^64, negatives taken mod 2^64. */
function seedToUint64(s: Seed): bigint {
  let b: bigint;
  if (typeof s === 'bigint') b = s;
  else {
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new TorchTypeError(`manual_seed expected a long, but got ${typeof s === 'number' ? 'float' : typeof s}`);
    }
    b = BigInt(Math.trunc(s)); // torch.manual_seed does int(seed)
  }
  if (b < -(1n << 63n) || b >= 1n << 64n) throw new RuntimeError('Overflow when unpacking long');
  return BigInt.asUintN(64, b);
}

/** A seed back to JS: a number (exact below 2^53; beyond that, the nearest double). */
function seedToNumber(b: bigint): number {
  return Number(b);
}

export class Generator {
  /** @internal */
  _engine: MT19937;
  /** @internal next_double_normal_sample_ (DistributionsHelper.h normal_distribution<double>) */
  _nextDoubleNormal: number | null = null;
  /** @internal next_float_normal_sample_ (kept for the state bytes; CPU kernels use the double one) */
  _nextFloatNormal: number | null = null;

  /** `torch.Generator()` or `torch.Generator('cpu')`: seeded with default_rng_seed_val. */
  constructor(device: string | { type: string } = 'cpu') {
    const type = typeof device === 'string' ? device : device.type;
    if (type !== 'cpu') throw new RuntimeError(`Device type ${type.toUpperCase()} is not supported for torch.Generator() api.`);
    this._engine = new MT19937(BigInt(DEFAULT_RNG_SEED));
  }

  get device(): Device {
    return cpuDevice;
  }

  /** set_current_seed: reseeds the engine with seed & 0xffffffff and drops the cached normals. */
  manual_seed(seed: Seed): this {
    const s = seedToUint64(seed);
    this._nextDoubleNormal = null;
    this._nextFloatNormal = null;
    this._engine = new MT19937(s);
    return this;
  }

  /** The 64-bit seed this generator was last seeded with (PyTorch's current_seed). */
  initial_seed(): number {
    return seedToNumber(this._engine._seed);
  }

  /**
   * Seeds from a non-deterministic source and returns the seed. PyTorch draws 64 bits; here
   * the seed stays below 2^53 so that `manual_seed(g.seed())` round-trips through a JS number.
   */
  seed(): number {
    const c = globalThis.crypto;
    const w = new Uint32Array(2);
    if (c?.getRandomValues) c.getRandomValues(w);
    else {
      w[0] = (Math.random() * 2 ** 32) >>> 0;
      w[1] = (Math.random() * 2 ** 32) >>> 0;
    }
    const s = ((w[0] as number) & 0x1fffff) * 2 ** 32 + (w[1] as number);
    this.manual_seed(s);
    return s;
  }

  /** One 32-bit draw. @internal */
  _random(): number {
    return this._engine.random();
  }

  /** The RNG state as PyTorch's CPUGeneratorImplState bytes (a uint8 tensor of 5056 elements). */
  get_state(): Tensor {
    const t = Tensor._empty([STATE_SIZE], uint8);
    t._data.set(stateBytes(this));
    return t;
  }

  /** Restores a state from get_state() (or a legacy 5048-byte state), as PyTorch does. */
  set_state(newState: Tensor): this {
    if (!(newState instanceof Tensor)) {
      throw new TorchTypeError(`expected a torch.ByteTensor, but got ${typeof newState === 'number' ? (Number.isInteger(newState) ? 'int' : 'float') : typeof newState}`);
    }
    // detail::check_rng_state
    if (newState.dtype !== uint8) throw new TorchTypeError('RNG state must be a torch.ByteTensor');
    if (!newState.is_contiguous()) throw new RuntimeError('RNG state must be contiguous');
    const n = newState.numel();
    const src = newState._data.subarray(newState._offset, newState._offset + n);
    const bytes = new Uint8Array(n);
    bytes.set(src);
    const view = new DataView(bytes.buffer);
    let doubleNormal: number | null = null;
    let floatNormal: number | null = null;
    if (n === LEGACY_STATE_SIZE) {
      // The legacy layout kept the two uniforms; the cached sample is rho·sin(2π·x).
      if (view.getInt32(OFF_NORMAL_VALID, true) !== 0) {
        const r = view.getFloat64(OFF_NORMAL_RHO, true);
        const theta = 2.0 * Math.PI * view.getFloat64(OFF_NORMAL_X, true);
        doubleNormal = r * sin(theta);
      }
    } else if (n === STATE_SIZE) {
      if (view.getUint8(OFF_FLOAT_NORMAL_VALID) !== 0) floatNormal = view.getFloat32(OFF_FLOAT_NORMAL, true);
      if (view.getInt32(OFF_NORMAL_VALID, true) !== 0) doubleNormal = view.getFloat64(OFF_NORMAL_Y, true);
    } else {
      throw new RuntimeError(
        `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_SIZE} or a CPUGeneratorImplState of size ${STATE_SIZE} but found the input RNG state size to be ${n}`,
      );
    }
    const engine = new MT19937();
    const state = new Uint32Array(MERSENNE_STATE_N);
    // The legacy POD stores the words as uint64: keep the low 32 bits, as std::copy does.
    for (let i = 0; i < MERSENNE_STATE_N; i++) state[i] = view.getUint32(OFF_STATE + 8 * i, true);
    engine.setData({
      seed: view.getBigUint64(OFF_SEED, true),
      left: view.getInt32(OFF_LEFT, true),
      seeded: view.getInt32(OFF_SEEDED, true) !== 0,
      next: view.getUint32(OFF_NEXT, true),
      state,
    });
    if (!engine.isValid()) throw new RuntimeError('Invalid mt19937 state');
    this._engine = engine;
    this._nextDoubleNormal = doubleNormal;
    this._nextFloatNormal = floatNormal;
    return this;
  }

  toString(): string {
    return '<torch._C.Generator object>';
  }
}

/** CPUGeneratorImpl::get_state's memcpy of CPUGeneratorImplState, little-endian, zero padding. */
function stateBytes(g: Generator): Uint8Array {
  const bytes = new Uint8Array(STATE_SIZE);
  const view = new DataView(bytes.buffer);
  const d = g._engine.data();
  view.setBigUint64(OFF_SEED, d.seed, true);
  view.setInt32(OFF_LEFT, d.left, true);
  view.setInt32(OFF_SEEDED, d.seeded ? 1 : 0, true);
  view.setBigUint64(OFF_NEXT, BigInt(d.next), true);
  for (let i = 0; i < MERSENNE_STATE_N; i++) view.setUint32(OFF_STATE + 8 * i, d.state[i] as number, true);
  if (g._nextDoubleNormal !== null) {
    view.setInt32(OFF_NORMAL_VALID, 1, true);
    view.setFloat64(OFF_NORMAL_Y, g._nextDoubleNormal, true);
  }
  if (g._nextFloatNormal !== null) {
    view.setUint8(OFF_FLOAT_NORMAL_VALID, 1);
    view.setFloat32(OFF_FLOAT_NORMAL, g._nextFloatNormal, true);
  }
  return bytes;
}

/**
 * The default CPU generator. PyTorch seeds it non-deterministically at startup; ts-torch
 * starts it from default_rng_seed_val (67280421310721) so that unseeded runs are repeatable.
 */
export const default_generator = new Generator();

/** torch.manual_seed: seeds the default generator; returns it (as PyTorch does). */
export function manual_seed(seed: Seed): Generator {
  return default_generator.manual_seed(seed);
}

export function initial_seed(): number {
  return default_generator.initial_seed();
}

export function seed(): number {
  return default_generator.seed();
}

export function get_rng_state(): Tensor {
  return default_generator.get_state();
}

export function set_rng_state(newState: Tensor): void {
  default_generator.set_state(newState);
}
