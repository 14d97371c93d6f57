// The sorting and set ops of sort.ts and sets.ts, as one list for the op table
// (src/ops/index.ts) and the package's exports (src/index.ts).
export { sort, argsort, msort, topk, kthvalue, median, nanmedian, mode } from './sort.ts';
export { unique, unique_consecutive, bincount, histc, searchsorted, bucketize, diff } from './sets.ts';
