// The 32-bit Mersenne Twister exactly as PyTorch's at::mt19937
// (aten/src/ATen/core/MT19937RNGEngine.h): same seeding, 624-word state, lazy twist
// (`left_`/`next_`), and tempering. Numbers stay 32-bit through `>>> 0` / Math.imul; BigInt
// appears only in random64Big, for the rare callers that need all 64 bits.

export const MERSENNE_STATE_N = 624;
const MERSENNE_STATE_M = 397;
const MATRIX_A = 0x9908b0df;
const UMASK = 0x80000000;
const LMASK = 0x7fffffff;

/** The engine's POD state (mt19937_data_pod): what get_state/set_state copy. */
export interface MT19937Data {
  /** the 64-bit seed it was built from (initial_seed), as an unsigned BigInt */
  seed: bigint;
  left: number;
  seeded: boolean;
  next: number;
  state: Uint32Array;
}

export class MT19937 {
  /** @internal */
  _state = new Uint32Array(MERSENNE_STATE_N);
  /** @internal */
  _left = 1;
  /** @internal */
  _next = 0;
  /** @internal */
  _seeded = true;
  /** @internal unsigned 64-bit seed */
  _seed = 0n;

  constructor(seed: bigint = 5489n) {
    this.seedWith(seed);
  }

  /** init_with_uint32: state[0] = seed & 0xffffffff, then Knuth's multiplier recurrence. */
  seedWith(seed: bigint): void {
    this._seed = BigInt.asUintN(64, seed);
    this._seeded = true;
    const s = this._state;
    s[0] = Number(this._seed & 0xffffffffn);
    for (let j = 1; j < MERSENNE_STATE_N; j++) {
      const prev = s[j - 1] as number;
      s[j] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + j) >>> 0;
    }
    this._left = 1;
    this._next = 0;
  }

  /** next_state: regenerates all 624 words (the same three loops as PyTorch's). */
  private nextState(): void {
    const s = this._state;
    this._left = MERSENNE_STATE_N;
    this._next = 0;
    let p = 0;
    for (; p < MERSENNE_STATE_N - MERSENNE_STATE_M; p++) {
      s[p] = ((s[p + MERSENNE_STATE_M] as number) ^ twist(s[p] as number, s[p + 1] as number)) >>> 0;
    }
    for (; p < MERSENNE_STATE_N - 1; p++) {
      s[p] = ((s[p + MERSENNE_STATE_M - MERSENNE_STATE_N] as number) ^ twist(s[p] as number, s[p + 1] as number)) >>> 0;
    }
    s[p] = ((s[p + MERSENNE_STATE_M - MERSENNE_STATE_N] as number) ^ twist(s[p] as number, s[0] as number)) >>> 0;
  }

  /** operator(): one tempered 32-bit word, as an unsigned number in [0, 2^32). */
  random(): number {
    if (--this._left === 0) this.nextState();
    let y = this._state[this._next++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random64 = (first << 32) | second (CPUGeneratorImpl::random64, make64BitsFrom32Bits). */
  random64Big(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  data(): MT19937Data {
    return { seed: this._seed, left: this._left, seeded: this._seeded, next: this._next, state: this._state.slice() };
  }

  setData(d: MT19937Data): void {
    this._seed = BigInt.asUintN(64, d.seed);
    this._left = d.left;
    this._seeded = d.seeded;
    this._next = d.next;
    this._state.set(d.state);
  }

  /** is_valid: the checks set_state applies before accepting a state. */
  isValid(): boolean {
    return this._seeded && this._left > 0 && this._left <= MERSENNE_STATE_N && this._next <= MERSENNE_STATE_N;
  }
}

function twist(u: number, v: number): number {
  const mix = (u & UMASK) | (v & LMASK);
  return ((mix >>> 1) ^ (v & 1 ? MATRIX_A : 0)) >>> 0;
}
