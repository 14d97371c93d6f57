// The ops of shape_extra*.ts, for the op table and the torch namespace.
export {
  unfold, ravel, atleast_1d, atleast_2d, atleast_3d, dstack, column_stack, row_stack, tensor_split, hsplit, vsplit, dsplit,
  split_with_sizes, unsafe_split, unsafe_split_with_sizes, unsafe_chunk, swapdims, fliplr, flipud,
} from './shape_extra.ts';
export { tril_indices, triu_indices, cartesian_prod, combinations, block_diag, diagflat } from './shape_extra_build.ts';
export {
  slice_scatter, select_scatter, diagonal_scatter, fill_diagonal_, index_put, aminmax, narrow_copy, sum_to_size, type_as,
  is_nonzero, is_same_size, new_empty_strided,
} from './shape_extra_scatter.ts';
export type { MinMax } from './shape_extra_scatter.ts';
