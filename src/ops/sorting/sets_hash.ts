// The iteration order of libstdc++'s std::unordered_set, which torch.unique(sorted=False)
// returns its values in (Unique.cpp builds the set from the input range, then copies it out).
// Reproduced from the GCC 12 sources PyTorch's Debian build links against: the range
// constructor inserts the keys one by one; the first insert makes 13 buckets and the prime
// rehash policy grows the table (relinking the list in order) when it is full; a new key goes
// to the front of its bucket, or to the front of the whole list when its bucket was empty.
// std::hash of an integer is the value itself, of a float or double _Hash_bytes (MurmurHash2,
// 64-bit) over its bytes, with ±0 hashing to 0.
import { float32, float64, type dtype } from '../../tensor/dtype.ts';

/** _Prime_rehash_policy::_M_next_bkt for n < 14 */
const FAST_BKT = [1, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];
/** libstdc++'s __prime_list from 17 on, up to 2^32 (dumped from _M_next_bkt with g++ 12). */
const PRIMES = [
  17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127, 137, 139,
  149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409, 439, 467, 503, 541,
  577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741, 1879, 2029, 2179,
  2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087, 5503, 5953, 6427, 6949, 7517, 8123,
  8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753, 22447, 24281, 26267,
  28411, 30727, 33223, 35933, 38873, 42043, 45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779, 85229,
  92203, 99733, 107897, 116731, 126271, 136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897,
  256279, 277261, 299951, 324503, 351061, 379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753,
  712697, 771049, 834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859,
  1832561, 1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031,
  4355707, 4712381, 5098259, 5515729, 5967347, 6456007, 6984629, 7556579, 8175383, 8844859, 9569143,
  10352717, 11200489, 12117689, 13109983, 14183539, 15345007, 16601593, 17961079, 19431899, 21023161,
  22744717, 24607243, 26622317, 28802401, 31160981, 33712729, 36473443, 39460231, 42691603, 46187573,
  49969847, 54061849, 58488943, 63278561, 68460391, 74066549, 80131819, 86693767, 93793069, 101473717,
  109783337, 118773397, 128499677, 139022417, 150406843, 162723577, 176048909, 190465427, 206062531,
  222936881, 241193053, 260944219, 282312799, 305431229, 330442829, 357502601, 386778277, 418451333,
  452718089, 489790921, 529899637, 573292817, 620239453, 671030513, 725980837, 785430967, 849749479,
  919334987, 994618837, 1076067617, 1164186217, 1259520799, 1362662261, 1474249943, 1594975441, 1725587117,
  1866894511, 2019773507, 2185171673, 2364114217, 2557710269, 2767159799, 2993761039, 3238918481,
  3504151727, 3791104843, 4101556399, 4294967291,
];

/** _Prime_rehash_policy::_M_next_bkt: the bucket count and the element count that triggers the next growth. */
function nextBucket(n: number): [number, number] {
  if (n < FAST_BKT.length) return n === 0 ? [1, 0] : [FAST_BKT[n] as number, FAST_BKT[n] as number];
  let lo = 0;
  let hi = PRIMES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((PRIMES[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return [PRIMES[lo] as number, PRIMES[lo] as number];
}

const M64 = (1n << 64n) - 1n;
const MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;
const SEED = 0xc70f6907n;

function shiftMix(v: bigint): bigint {
  return v ^ (v >> 47n);
}

/** std::_Hash_bytes(ptr, len, 0xc70f6907) for len 4 or 8, the word read little-endian. */
function hashBytes(word: bigint, len: number): bigint {
  let hash = SEED ^ ((BigInt(len) * MUL) & M64);
  if (len === 8) {
    const data = (shiftMix((word * MUL) & M64) * MUL) & M64;
    hash = ((hash ^ data) * MUL) & M64;
  } else {
    hash = ((hash ^ word) * MUL) & M64;
  }
  hash = (shiftMix(hash) * MUL) & M64;
  return shiftMix(hash);
}

const scratch = new DataView(new ArrayBuffer(8));

/** std::hash<scalar_t> of a value stored in a tensor of dtype `dt`. */
function stdHash(v: number, dt: dtype): bigint {
  if (dt === float32 || dt === float64) {
    if (v === 0) return 0n;
    if (dt === float32) {
      scratch.setFloat32(0, v, true);
      return hashBytes(BigInt(scratch.getUint32(0, true)), 4);
    }
    scratch.setFloat64(0, v, true);
    return hashBytes(scratch.getBigUint64(0, true), 8);
  }
  return BigInt.asUintN(64, BigInt(v));
}

/** The values of std::unordered_set<scalar_t>(vals.begin(), vals.end()) in iteration order. */
export function unorderedSetOrder(vals: ArrayLike<number>, dt: dtype): number[] {
  const keys: number[] = [];
  const hashes: bigint[] = [];
  const next: number[] = [];
  let head = -1;
  let nBkt = 1;
  let nextResize = 0;
  // before.get(b): the node whose successor is bucket b's first node (-1: the list head).
  let before = new Map<number, number>();
  const bucketOf = (node: number): number => Number((hashes[node] as bigint) % BigInt(nBkt));
  // _M_insert_bucket_begin (and the same relinking in _M_rehash_aux).
  const link = (node: number): void => {
    const b = bucketOf(node);
    const prev = before.get(b);
    if (prev !== undefined) {
      if (prev === -1) {
        next[node] = head;
        head = node;
      } else {
        next[node] = next[prev] as number;
        next[prev] = node;
      }
    } else {
      next[node] = head;
      head = node;
      if ((next[node] as number) !== -1) before.set(bucketOf(next[node] as number), node);
      before.set(b, -1);
    }
  };
  const seen = new Set<number>();
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i] as number;
    // NaN never equals itself: every NaN is a new element. ±0 are one key.
    if (v === v && seen.has(v)) continue;
    if (v === v) seen.add(v);
    // _M_need_rehash(n_bkt, n_elt, 1): the first insert makes room for 11 elements.
    const nElt = keys.length;
    if (nElt + 1 > nextResize) {
      const minBkts = Math.max(nElt + 1, nextResize === 0 ? 11 : 0);
      if (minBkts >= nBkt) {
        const order: number[] = [];
        for (let n = head; n !== -1; n = next[n] as number) order.push(n);
        [nBkt, nextResize] = nextBucket(Math.max(minBkts + 1, nBkt * 2));
        before = new Map();
        head = -1;
        for (const n of order) link(n);
      } else {
        nextResize = nBkt;
      }
    }
    const node = keys.length;
    keys.push(v);
    hashes.push(stdHash(v, dt));
    next.push(-1);
    link(node);
  }
  const out: number[] = [];
  for (let n = head; n !== -1; n = next[n] as number) out.push(keys[n] as number);
  return out;
}
