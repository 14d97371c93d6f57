// The Tensor: a strided view over GC-owned storage, plus its autograd state. Ops live in
// src/ops; the methods here forward to them through the table installed by src/index.ts
// (so that no module imports the ops at runtime from here: see Note [op table]).
import type * as OpsModule from '../ops/index.ts';
import type { ExponentialOptions, GeneratorOptions, NormalOptions, UniformOptions } from '../random/inplace.ts';
import { RuntimeError, TorchTypeError, ValueError, warnOnce } from '../errors.ts';
import { AccumulateGrad, type GradHook, type Node } from '../autograd/node.ts';
import { bool, float32, float64, int64, int32, int16, int8, uint8, type dtype, type TypedArray } from './dtype.ts';
import { contiguousStrides, isContiguous, numelOf, Size, wrapDim } from './shape.ts';

/** Shared by a tensor, its views and its detached aliases (PyTorch's version counter). */
export interface VersionCounter {
  v: number;
}

// Note [op table]: Tensor methods call ops through this table, filled once by src/index.ts.
// ops import Tensor at runtime; Tensor only imports their types.
export type Ops = typeof OpsModule;
let ops: Ops;
export function installOps(table: Ops): void {
  ops = table;
}

type Scalar = number | boolean;
type TensorOrScalar = Tensor | Scalar;
type DimArg = number | readonly number[];

const NON_LEAF_GRAD_WARNING =
  'The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won\'t be populated during autograd.backward(). ' +
  'If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. ' +
  'If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations.';

export class Tensor {
  /** @internal storage, shared with views */
  _data: TypedArray;
  /** @internal */
  _shape: number[];
  /** @internal */
  _stride: number[];
  /** @internal */
  _offset: number;
  readonly dtype: dtype;
  /** @internal version counter, shared with views and detach() */
  _vc: VersionCounter;
  /** @internal */
  _requires_grad = false;
  /** @internal */
  _grad: Tensor | null = null;
  /** @internal */
  _grad_fn: Node | null = null;
  /** @internal which output of grad_fn this tensor is */
  _output_nr = 0;
  /** @internal the tensor whose storage this view reads (PyTorch's _base), or null */
  _base: Tensor | null = null;
  /** @internal */
  _retains_grad = false;
  /** @internal AccumulateGrad node of a leaf that requires grad, made on first use */
  _accumulator: AccumulateGrad | null = null;
  /** @internal created under inference_mode */
  _is_inference = false;

  /** @internal use the factories (torch.tensor, torch.zeros…) */
  constructor(data: TypedArray, shape: number[], stride: number[], offset: number, dt: dtype, vc?: VersionCounter) {
    this._data = data;
    this._shape = shape;
    this._stride = stride;
    this._offset = offset;
    this.dtype = dt;
    this._vc = vc ?? { v: 0 };
  }

  /** @internal a fresh contiguous tensor over `data` */
  static _fromData(data: TypedArray, shape: number[], dt: dtype): Tensor {
    return new Tensor(data, shape, contiguousStrides(shape), 0, dt);
  }

  /** @internal a fresh zero-filled contiguous tensor */
  static _empty(shape: number[], dt: dtype): Tensor {
    return new Tensor(new dt.ArrayType(numelOf(shape)), shape, contiguousStrides(shape), 0, dt);
  }

  // ---- metadata -------------------------------------------------------------------------

  get shape(): Size {
    return Size.of_(this._shape);
  }
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return Size.of_(this._shape);
    return this._shape[wrapDim(dim, this._shape.length)] as number;
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._stride.slice();
    return this._stride[wrapDim(dim, this._shape.length)] as number;
  }
  storage_offset(): number {
    return this._offset;
  }
  dim(): number {
    return this._shape.length;
  }
  get ndim(): number {
    return this._shape.length;
  }
  ndimension(): number {
    return this._shape.length;
  }
  numel(): number {
    return numelOf(this._shape);
  }
  nelement(): number {
    return numelOf(this._shape);
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }
  is_complex(): boolean {
    return false;
  }
  is_contiguous(): boolean {
    return isContiguous(this._shape, this._stride);
  }
  get device(): Device {
    return cpuDevice;
  }
  get is_cuda(): boolean {
    return false;
  }
  get _version(): number {
    return this._vc.v;
  }
  /** @internal bumps the version counter (every in-place op does) */
  _bumpVersion(): void {
    this._vc.v++;
  }
  _is_view(): boolean {
    return this._base !== null;
  }
  is_inference(): boolean {
    return this._is_inference;
  }

  // ---- autograd state -------------------------------------------------------------------

  get requires_grad(): boolean {
    return this._requires_grad || this._grad_fn !== null;
  }
  set requires_grad(flag: boolean) {
    if (!this.is_leaf && !flag) {
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (flag && !this.dtype.is_floating_point) {
      throw new RuntimeError('only Tensors of floating point and complex dtype can require gradients');
    }
    if (this.is_leaf) this._requires_grad = flag;
  }
  requires_grad_(flag = true): this {
    if (!this.is_leaf && !flag) {
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (flag && !this.dtype.is_floating_point) {
      throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    }
    if (this.is_leaf) this._requires_grad = flag;
    return this;
  }
  get is_leaf(): boolean {
    return this._grad_fn === null;
  }
  get grad_fn(): Node | null {
    return this._grad_fn;
  }
  get grad(): Tensor | null {
    if (!this.is_leaf && !this._retains_grad && this._grad === null) {
      warnOnce('UserWarning', NON_LEAF_GRAD_WARNING);
    }
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null && !(g instanceof Tensor)) {
      throw new TorchTypeError(`assigned grad expected to be a Tensor or None but got grad of type ${typeof g}`);
    }
    if (g !== null) {
      if (g.dtype !== this.dtype) {
        throw new RuntimeError(
          `attempting to assign a gradient with dtype '${g.dtype.name === 'float32' ? 'float' : g.dtype.name === 'float64' ? 'double' : g.dtype.name}' to a tensor with dtype '${this.dtype.name === 'float32' ? 'float' : this.dtype.name === 'float64' ? 'double' : this.dtype.name}'. Please ensure that the gradient and the tensor have the same dtype`,
        );
      }
      if (g._shape.length !== this._shape.length || g._shape.some((d, i) => d !== this._shape[i])) {
        throw new RuntimeError(
          `attempting to assign a gradient of size '[${g._shape.join(', ')}]' to a tensor of size '[${this._shape.join(', ')}]'. Please ensure that the gradient and the tensor are the same size`,
        );
      }
    }
    this._grad = g;
  }
  get retains_grad(): boolean {
    return this._retains_grad;
  }
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retains_grad) return;
    this._retains_grad = true;
    const node = this._grad_fn as Node;
    node._retainGrad ??= new Map();
    node._retainGrad.set(this._output_nr, new WeakRef(this));
  }
  /** @internal the AccumulateGrad node of a leaf requiring grad (one per leaf, reused). */
  _gradAccumulator(): AccumulateGrad {
    if (this._accumulator === null) this._accumulator = new AccumulateGrad(this);
    return this._accumulator;
  }
  register_hook(hook: GradHook): RemovableHandle {
    if (!this.requires_grad) {
      throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    }
    let list: GradHook[];
    if (this._grad_fn === null) {
      const acc = this._gradAccumulator();
      acc._hooks ??= [];
      list = acc._hooks;
    } else {
      const node = this._grad_fn;
      node._preHooks ??= new Map();
      let l = node._preHooks.get(this._output_nr);
      if (!l) node._preHooks.set(this._output_nr, (l = []));
      list = l;
    }
    list.push(hook);
    return new RemovableHandle(() => {
      const i = list.indexOf(hook);
      if (i >= 0) list.splice(i, 1);
    });
  }
  /** A tensor sharing storage and version counter, cut from the graph. */
  detach(): Tensor {
    return ops.detach(this);
  }
  detach_(): this {
    if (this._base !== null && this._base.requires_grad) {
      throw new RuntimeError(
        "Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.",
      );
    }
    this._grad_fn = null;
    this._requires_grad = false;
    this._output_nr = 0;
    return this;
  }
  /** `.data`: the same storage, outside the graph, with its own version counter (as in PyTorch). */
  get data(): Tensor {
    return new Tensor(this._data, this._shape, this._stride, this._offset, this.dtype);
  }
  set data(t: Tensor) {
    if (!(t instanceof Tensor)) throw new TorchTypeError('Variable data has to be a tensor, but got ' + typeof t);
    this._data = t._data;
    this._shape = t._shape.slice();
    this._stride = t._stride.slice();
    this._offset = t._offset;
    (this as { dtype: dtype }).dtype = t.dtype;
  }
  backward(gradient?: Tensor | null, opts?: { retain_graph?: boolean | null; create_graph?: boolean; inputs?: Tensor | Tensor[] | null }): void {
    ops.autograd_backward(this, gradient ?? null, opts);
  }

  // ---- values ---------------------------------------------------------------------------

  item(): number | boolean {
    if (this.numel() !== 1) {
      throw new ValueError('only one element tensors can be converted to Python scalars');
    }
    const v = this._data[this._offset] as number;
    return this.dtype === bool ? v !== 0 : v;
  }
  tolist(): NestedList {
    return ops.tolist(this);
  }
  /**
   * The values of a contiguous tensor as a TypedArray over the same memory (zero-copy: writes
   * go into the tensor, without bumping its version). Non-contiguous tensors are copied first.
   */
  numpy(): TypedArray {
    const t = this.is_contiguous() ? this : this.contiguous();
    return t._data.subarray(t._offset, t._offset + t.numel()) as TypedArray;
  }

  toString(): string {
    return ops.tensor_repr(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- conversions ----------------------------------------------------------------------

  to(d: dtype | { dtype?: dtype; copy?: boolean }, opts?: { copy?: boolean }): Tensor {
    const dt = 'ArrayType' in d ? d : d.dtype ?? this.dtype;
    const copy = ('ArrayType' in d ? opts?.copy : d.copy) ?? false;
    return ops._to_dtype(this, dt, copy);
  }
  type(d: dtype): Tensor {
    return ops._to_dtype(this, d, false);
  }
  float(): Tensor {
    return this.to(float32);
  }
  double(): Tensor {
    return this.to(float64);
  }
  long(): Tensor {
    return this.to(int64);
  }
  int(): Tensor {
    return this.to(int32);
  }
  short(): Tensor {
    return this.to(int16);
  }
  char(): Tensor {
    return this.to(int8);
  }
  byte(): Tensor {
    return this.to(uint8);
  }
  bool(): Tensor {
    return this.to(bool);
  }
  cpu(): Tensor {
    return this;
  }
  clone(): Tensor {
    return ops.clone(this);
  }
  contiguous(): Tensor {
    return this.is_contiguous() ? this : ops.clone(this);
  }

  // ---- views ----------------------------------------------------------------------------

  view(...shape: (number | readonly number[] | dtype)[]): Tensor {
    return ops.view(this, shape);
  }
  view_as(other: Tensor): Tensor {
    return ops.view(this, [other._shape]);
  }
  reshape(...shape: (number | readonly number[])[]): Tensor {
    return ops.reshape(this, shape);
  }
  reshape_as(other: Tensor): Tensor {
    return ops.reshape(this, [other._shape]);
  }
  t(): Tensor {
    return ops.t(this);
  }
  get T(): Tensor {
    return ops.numpy_T(this);
  }
  get mT(): Tensor {
    return ops.transpose(this, -2, -1);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  swapaxes(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  permute(...dims: (number | readonly number[])[]): Tensor {
    return ops.permute(this, dims);
  }
  select(dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
  expand(...sizes: (number | readonly number[])[]): Tensor {
    return ops.expand(this, sizes);
  }
  expand_as(other: Tensor): Tensor {
    return ops.expand(this, [other._shape]);
  }
  squeeze(dim?: number): Tensor {
    return ops.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  flatten(start_dim = 0, end_dim = -1): Tensor {
    return ops.flatten(this, start_dim, end_dim);
  }
  as_strided(size: readonly number[], stride: readonly number[], storage_offset?: number): Tensor {
    return ops.as_strided(this, size, stride, storage_offset);
  }
  /** Python indexing `x[...]` (porting rule 6). */
  at(...indices: IndexArg[]): Tensor {
    return ops.index(this, indices);
  }
  index_put_(indices: (Tensor | null)[], values: TensorOrScalar, accumulate = false): this {
    ops.index_put_(this, indices, values, accumulate);
    return this;
  }

  // ---- arithmetic (porting rule 5) -------------------------------------------------------

  add(other: TensorOrScalar, opts?: { alpha?: number } | number): Tensor {
    return ops.add(this, other, opts);
  }
  sub(other: TensorOrScalar, opts?: { alpha?: number } | number): Tensor {
    return ops.sub(this, other, opts);
  }
  subtract(other: TensorOrScalar, opts?: { alpha?: number } | number): Tensor {
    return ops.sub(this, other, opts);
  }
  rsub(other: TensorOrScalar, opts?: { alpha?: number } | number): Tensor {
    return ops.rsub(this, other, opts);
  }
  mul(other: TensorOrScalar): Tensor {
    return ops.mul(this, other);
  }
  multiply(other: TensorOrScalar): Tensor {
    return ops.mul(this, other);
  }
  div(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor {
    return ops.div(this, other, opts);
  }
  divide(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor {
    return ops.div(this, other, opts);
  }
  true_divide(other: TensorOrScalar): Tensor {
    return ops.div(this, other);
  }
  pow(exponent: TensorOrScalar): Tensor {
    return ops.pow(this, exponent);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  negative(): Tensor {
    return ops.neg(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return ops.mm(this, other);
  }
  bmm(other: Tensor): Tensor {
    return ops.bmm(this, other);
  }
  mv(vec: Tensor): Tensor {
    return ops.mv(this, vec);
  }
  dot(other: Tensor): Tensor {
    return ops.dot(this, other);
  }
  sum(dim?: DimArg | null | { dim?: DimArg | null; keepdim?: boolean; dtype?: dtype }, keepdim?: boolean | { keepdim?: boolean; dtype?: dtype }): Tensor {
    return ops.sum(this, dim, keepdim);
  }
  mean(dim?: DimArg | null | { dim?: DimArg | null; keepdim?: boolean; dtype?: dtype }, keepdim?: boolean | { keepdim?: boolean; dtype?: dtype }): Tensor {
    return ops.mean(this, dim, keepdim);
  }
  softmax(dim: number | { dim: number; dtype?: dtype }): Tensor {
    return ops.softmax(this, dim);
  }
  log_softmax(dim: number | { dim: number; dtype?: dtype }): Tensor {
    return ops.log_softmax(this, dim);
  }

  // ---- comparisons ----------------------------------------------------------------------

  eq(other: TensorOrScalar): Tensor {
    return ops.eq(this, other);
  }
  ne(other: TensorOrScalar): Tensor {
    return ops.ne(this, other);
  }
  lt(other: TensorOrScalar): Tensor {
    return ops.lt(this, other);
  }
  le(other: TensorOrScalar): Tensor {
    return ops.le(this, other);
  }
  gt(other: TensorOrScalar): Tensor {
    return ops.gt(this, other);
  }
  ge(other: TensorOrScalar): Tensor {
    return ops.ge(this, other);
  }

  // ---- in-place -------------------------------------------------------------------------

  add_(other: TensorOrScalar, opts?: { alpha?: number } | number): this {
    ops.add_(this, other, opts);
    return this;
  }
  sub_(other: TensorOrScalar, opts?: { alpha?: number } | number): this {
    ops.sub_(this, other, opts);
    return this;
  }
  mul_(other: TensorOrScalar): this {
    ops.mul_(this, other);
    return this;
  }
  div_(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): this {
    ops.div_(this, other, opts);
    return this;
  }
  zero_(): this {
    ops.fill_(this, 0);
    return this;
  }
  fill_(value: TensorOrScalar): this {
    ops.fill_(this, value);
    return this;
  }
  copy_(src: TensorOrScalar): this {
    ops.copy_(this, src);
    return this;
  }
  /** `uniform_(from=0, to=1, *, generator)` (src/random/inplace.ts). */
  uniform_(from?: number | UniformOptions, to?: number | UniformOptions, opts?: UniformOptions): this {
    ops.uniform_(this, from, to, opts);
    return this;
  }
  normal_(mean?: number | NormalOptions, std?: number | NormalOptions, opts?: NormalOptions): this {
    ops.normal_(this, mean, std, opts);
    return this;
  }
  exponential_(lambd?: number | ExponentialOptions, opts?: ExponentialOptions): this {
    ops.exponential_(this, lambd, opts);
    return this;
  }
  /** `random_()`, `random_(to)`, `random_(from, to)`, `random_(from, null)`, each with `{ generator }`. */
  random_(opts?: GeneratorOptions): this;
  random_(to: number, opts?: GeneratorOptions): this;
  random_(from: number, to: number | null, opts?: GeneratorOptions): this;
  random_(...args: unknown[]): this {
    (ops.random_ as (t: Tensor, ...a: unknown[]) => Tensor)(this, ...args);
    return this;
  }
}

export type NestedList = number | boolean | NestedList[];
export type IndexArg = number | string | null | boolean | readonly (number | boolean | readonly number[])[] | Tensor;

export class Device {
  constructor(readonly type: string, readonly index: number | null = null) {}
  toString(): string {
    return this.type + (this.index === null ? '' : `:${this.index}`);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `device(type='${this.type}')`;
  }
}
export const cpuDevice = new Device('cpu');

export class RemovableHandle {
  constructor(private readonly onRemove: () => void) {}
  remove(): void {
    this.onRemove();
  }
}
