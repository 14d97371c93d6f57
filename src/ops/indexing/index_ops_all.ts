// The indexing ops of index_ops*.ts, as one list for the op table (src/ops/index.ts) and the
// package's exports (src/index.ts).
export { index_select, index_add, index_add_, index_copy, index_copy_, index_fill, index_fill_ } from './index_ops.ts';
export { gather, take_along_dim, scatter, scatter_, scatter_add, scatter_add_, scatter_reduce, scatter_reduce_ } from './index_ops_scatter.ts';
export { masked_fill, masked_fill_, masked_select, masked_scatter, masked_scatter_, take, put, put_, nonzero, argwhere } from './index_ops_mask.ts';
export type { Reduce } from './index_ops_scatter.ts';
