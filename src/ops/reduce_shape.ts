// The reductions and shape ops of reduce_more*.ts and shape_more*.ts, as one list for the op
// table (src/ops/index.ts) and the package's exports (src/index.ts).
export { max, min, amax, amin, argmax, argmin, prod, logsumexp, nansum, nanmean, all, any, count_nonzero } from './reduce/reduce_more.ts';
export { var_ as var, std, var_mean, std_mean } from './reduce/reduce_more_stats.ts';
export { cumsum, cumprod } from './reduce/reduce_more_scan.ts';
export { norm } from './reduce/reduce_more_norm.ts';
export {
  flip, roll, tril, triu, movedim, moveaxis, unflatten, broadcast_to, broadcast_shapes, broadcast_tensors, repeat, tile, diag,
  diagonal, trace,
} from './shape/shape_more.ts';
export { cat, concat, stack, hstack, vstack, split, chunk, unbind } from './shape/shape_more_join.ts';
export type { ValuesIndices } from './reduce/reduce_more_util.ts';
