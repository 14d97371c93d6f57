// The misc ops of misc_more.ts and misc_shape.ts, as one list for the op table
// (src/ops/index.ts) and the package's exports (src/index.ts).
export { equal, isclose, allclose, cummax, cummin, logcumsumexp } from './misc_more.ts';
export { repeat_interleave, rot90, diag_embed, meshgrid } from './misc_shape.ts';
