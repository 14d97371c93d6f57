// torch.zeros_like/ones_like/full_like/empty_like (the input's size and, by default, dtype and
// memory layout) and Tensor.new_zeros/new_ones/new_full/new_empty (the tensor's dtype).
import { Tensor } from './tensor.ts';
import { allocStorage, dtypeOr, finish, type FactoryOptions, type SizeArgs } from './factory_common.ts';
import { FACTORY_KW, parseArgs, signature, type Signature } from './pyargs.ts';
import { scalarTo } from './scalar_convert.ts';
import { filled, parsedSize, scalarValue } from './fill_factories.ts';
import { iterationPerm } from './layout.ts';

/** TensorImpl::compute_non_overlapping_and_dense. */
export function isNonOverlappingAndDense(shape: readonly number[], stride: readonly number[]): boolean {
  const n = shape.length;
  if (n === 1) return (shape[0] as number) < 2 || stride[0] === 1;
  // Dims sorted by stride, size 0/1 dims last.
  const perm = Array.from({ length: n }, (_, i) => i);
  perm.sort((a, b) => {
    const sa = shape[a] as number;
    const sb = shape[b] as number;
    if (sa < 2 && sb < 2) return 0;
    if (sa < 2) return 1;
    if (sb < 2) return -1;
    return (stride[a] as number) - (stride[b] as number);
  });
  let required = 1;
  for (const d of perm) {
    const size = shape[d] as number;
    if (size < 2) return true;
    if (stride[d] !== required) return false;
    required *= size;
  }
  return true;
}

/**
 * at::infer_dense_strides: dense strides in the input's memory order (the order TensorIterator
 * would use: an insertion sort by stride, stride-0 dims staying put).
 */
export function inferDenseStrides(shape: readonly number[], stride: readonly number[]): number[] {
  const n = shape.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  const perm = iterationPerm(shape, stride);
  const out = new Array<number>(n);
  let cur = 1;
  for (const d of perm) {
    out[d] = cur;
    if ((shape[d] as number) > 1) cur *= shape[d] as number;
  }
  return out;
}

/** empty_like's layout under memory_format=torch.preserve_format. */
export function preservedStrides(t: Tensor): number[] {
  if (isNonOverlappingAndDense(t._shape, t._stride)) return t._stride.slice();
  return inferDenseStrides(t._shape, t._stride);
}

const LIKE_KW = [...FACTORY_KW, 'memory_format: memory_format?'];
const ZEROS_LIKE = [signature('zeros_like', '', 'input: Tensor', '*', ...LIKE_KW)];
const ONES_LIKE = [signature('ones_like', '', 'input: Tensor', '*', ...LIKE_KW)];
const EMPTY_LIKE = [signature('empty_like', '', 'input: Tensor', '*', ...LIKE_KW)];
const FULL_LIKE = [signature('full_like', '', 'input: Tensor', 'fill_value: Number', '*', ...LIKE_KW)];

function like(sigs: Signature[], args: readonly unknown[], fill: ((t: Tensor, values: Map<string, unknown>) => number) | null): Tensor {
  const { values } = parseArgs(sigs, args);
  const input = values.get('input') as Tensor;
  const dt = dtypeOr(values, input.dtype);
  const shape = input._shape.slice();
  const out = new Tensor(allocStorage(shape, dt), shape, preservedStrides(input), 0, dt);
  if (fill !== null) {
    const v = fill(out, values);
    if (v !== 0) out._data.fill(v);
  }
  return finish(out, values);
}

/** torch.zeros_like(input): same size, dtype and layout as input unless given. */
export function zeros_like(...args: [input: Tensor, options?: FactoryOptions]): Tensor {
  return like(ZEROS_LIKE, args, null);
}

export function ones_like(...args: [input: Tensor, options?: FactoryOptions]): Tensor {
  return like(ONES_LIKE, args, () => 1);
}

/** torch.empty_like(input): zero-filled here. */
export function empty_like(...args: [input: Tensor, options?: FactoryOptions]): Tensor {
  return like(EMPTY_LIKE, args, null);
}

export function full_like(...args: [input: Tensor, fill_value: number | boolean | Tensor, options?: FactoryOptions]): Tensor {
  return like(FULL_LIKE, args, (t, values) => scalarTo(scalarValue(values.get('fill_value')), t.dtype));
}

const NEW_KW = FACTORY_KW;
const NEW_ZEROS = [signature('new_zeros', '', 'size: SymIntList', '*', ...NEW_KW)];
const NEW_ONES = [signature('new_ones', '', 'size: SymIntList', '*', ...NEW_KW)];
const NEW_EMPTY = [signature('new_empty', '', 'size: SymIntList', '*', ...NEW_KW)];
const NEW_FULL = [signature('new_full', '', 'size: SymIntList', 'fill_value: Number', '*', ...NEW_KW)];

function newFilled(sigs: Signature[], self: Tensor, args: readonly unknown[], value: (dt: Tensor['dtype'], values: Map<string, unknown>) => number): Tensor {
  const { index, values } = parseArgs(sigs, args);
  const shape = parsedSize(sigs, index, values);
  const dt = dtypeOr(values, self.dtype);
  return finish(filled(shape, dt, value(dt, values)), values);
}

/** Tensor.new_zeros(*size): self's dtype unless given. */
export function new_zeros(self: Tensor, ...args: SizeArgs): Tensor {
  return newFilled(NEW_ZEROS, self, args, () => 0);
}

export function new_ones(self: Tensor, ...args: SizeArgs): Tensor {
  return newFilled(NEW_ONES, self, args, () => 1);
}

export function new_empty(self: Tensor, ...args: SizeArgs): Tensor {
  return newFilled(NEW_EMPTY, self, args, () => 0);
}

/** Tensor.new_full(size, fill_value): size must be a list, as in PyTorch. */
export function new_full(self: Tensor, ...args: [size: readonly number[], fill_value: number | boolean | Tensor, options?: FactoryOptions]): Tensor {
  return newFilled(NEW_FULL, self, args, (dt, values) => scalarTo(scalarValue(values.get('fill_value')), dt));
}
