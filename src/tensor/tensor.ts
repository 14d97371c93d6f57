// The Tensor: a strided view over GC-owned storage, plus its autograd state. Ops live in
// src/ops; the methods here forward to them through the table installed by src/index.ts
// (so that no module imports the ops at runtime from here: see Note [op table]).
import type * as OpsModule from '../ops/index.ts';
import type { FactoryOptions, SizeArgs } from './factory_common.ts';
import type { TensorData, TensorOptions } from './from_data.ts';
import type { ValuesIndices } from '../ops/reduce/reduce_more_util.ts';
import type { VarArg } from '../ops/reduce/reduce_more_stats.ts';
import type { ExponentialOptions, GeneratorOptions, NormalOptions, UniformOptions } from '../random/inplace.ts';
import type { CauchyOptions, GeometricOptions, LogNormalOptions } from '../random/samplers_extra.ts';
import { RuntimeError, TorchTypeError, ValueError, warnOnce } from '../errors.ts';
import { AccumulateGrad, type GradHook, type Node } from '../autograd/node.ts';
import { is_inference_mode_enabled } from '../autograd/grad_mode.ts';
import { refreshViewGradFn, registerRetainGrad } from '../autograd/record.ts';
import { pyTypeName } from '../random/format.ts';
import { bool, float32, float64, int64, int32, int16, int8, uint8, type dtype, type TypedArray } from './dtype.ts';
import { contiguousStrides, isContiguous, numelOf, Size, wrapDim } from './shape.ts';
import { contiguous_format, type memory_format } from './memory_format.ts';

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

/** autograd::utils::requires_grad_leaf_error */
function requiresGradLeafError(flag: boolean): string {
  return (
    'you can only change requires_grad flags of leaf variables.' +
    (flag ? '' : " If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
  );
}

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
  /** @internal created under inference_mode (views and detach() take their source's flag) */
  _is_inference = is_inference_mode_enabled();

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

  // DifferentiableViewMeta::requires_grad: a view made without grad still requires grad
  // through its base (with no grad_fn of its own).
  get requires_grad(): boolean {
    return this._requires_grad || this._grad_fn !== null || (this._base !== null && this._base.requires_grad);
  }
  // THPVariable_set_requires_grad: only leaves, only floating dtypes.
  set requires_grad(flag: boolean) {
    if (!this.is_leaf) throw new RuntimeError(requiresGradLeafError(flag));
    if (flag && !this.dtype.is_floating_point) {
      throw new RuntimeError('only Tensors of floating point and complex dtype can require gradients');
    }
    this._setRequiresGrad(flag);
  }
  // THPVariable_requires_grad_: a non-leaf may be asked to keep requiring grad.
  requires_grad_(flag = true): this {
    if (!this.is_leaf && !flag) throw new RuntimeError(requiresGradLeafError(flag));
    if (flag && !this.dtype.is_floating_point) {
      throw new RuntimeError('only Tensors of floating point dtype can require gradients');
    }
    this._setRequiresGrad(flag);
    return this;
  }
  /** @internal TensorImpl::set_requires_grad */
  _setRequiresGrad(flag: boolean): void {
    if (flag && this._is_inference && !is_inference_mode_enabled()) {
      throw new RuntimeError('Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.');
    }
    if (this.is_leaf) this._requires_grad = flag;
  }
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }
  get grad_fn(): Node | null {
    refreshViewGradFn(this);
    return this._grad_fn;
  }
  get grad(): Tensor | null {
    if (!this.is_leaf && !this._retains_grad && this._grad === null) {
      warnOnce('UserWarning', NON_LEAF_GRAD_WARNING);
    }
    return this._grad;
  }
  // THPVariable_set_grad's checks and texts (1.13 prints the type name without a space).
  set grad(g: Tensor | null) {
    if (g !== null && g !== undefined && !(g instanceof Tensor)) {
      throw new TorchTypeError(`assigned grad expected to be a Tensor or None but got grad of type${pyTypeName(g)}`);
    }
    if (g != null) {
      if (g === this) throw new RuntimeError("can't assign Variable as its own grad");
      if (g.dtype !== this.dtype) throw new RuntimeError('assigned grad has data of a different type');
      if (g._shape.length !== this._shape.length || g._shape.some((d, i) => d !== this._shape[i])) {
        throw new RuntimeError('assigned grad has data of a different size');
      }
    }
    this._grad = g ?? null;
  }
  get retains_grad(): boolean {
    return this._retains_grad;
  }
  retain_grad(): void {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retains_grad) return;
    this._retains_grad = true;
    registerRetainGrad(this, this._grad_fn as Node, this._output_nr);
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

  // ---- factories in self's dtype (src/tensor/like_factories.ts, from_data.ts) -----------

  /** `x.new_zeros(2, 3)` or `x.new_zeros([2, 3], { dtype })`: zeros in x's dtype unless given. */
  new_zeros(...size: SizeArgs): Tensor {
    return ops.new_zeros(this, ...size);
  }
  new_ones(...size: SizeArgs): Tensor {
    return ops.new_ones(this, ...size);
  }
  new_empty(...size: SizeArgs): Tensor {
    return ops.new_empty(this, ...size);
  }
  new_full(size: readonly number[], fill_value: number | boolean | Tensor, options?: FactoryOptions): Tensor {
    return ops.new_full(this, size, fill_value, options);
  }
  new_tensor(data: TensorData, options?: TensorOptions): Tensor {
    return ops.new_tensor(this, data, options);
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
  clone(opts?: { memory_format?: memory_format | null }): Tensor {
    return ops.clone(this, opts);
  }
  contiguous(): Tensor {
    return this.is_contiguous() ? this : ops.clone(this, { memory_format: contiguous_format });
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
  exp_(): this {
    ops.exp_(this);
    return this;
  }
  log(): Tensor {
    return ops.log(this);
  }
  reciprocal(): Tensor {
    return ops.reciprocal(this);
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
  // ---- stats and products (src/ops/stats_extra*.ts) ---------------------------------------
  addbmm(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
    return ops.addbmm(this, batch1, batch2, opts);
  }
  addr(vec1: Tensor, vec2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
    return ops.addr(this, vec1, vec2, opts);
  }
  dist(other: Tensor, p?: number | { p?: number }): Tensor {
    return ops.dist(this, other, p);
  }
  renorm(p: number, dim: number, maxnorm: number): Tensor {
    return ops.renorm(this, p, dim, maxnorm);
  }
  cov(opts?: Parameters<Ops['cov']>[1]): Tensor {
    return ops.cov(this, opts);
  }
  corrcoef(): Tensor {
    return ops.corrcoef(this);
  }
  quantile(q: Tensor | number, ...args: Parameters<Ops['quantile']>[2][]): Tensor {
    return ops.quantile(this, q, ...args);
  }
  nanquantile(q: Tensor | number, ...args: Parameters<Ops['nanquantile']>[2][]): Tensor {
    return ops.nanquantile(this, q, ...args);
  }
  triangular_solve(A: Tensor, ...args: Parameters<Ops['triangular_solve']> extends [Tensor, Tensor, ...infer R] ? R : never): ReturnType<Ops['triangular_solve']> {
    return ops.triangular_solve(this, A, ...args);
  }
  cholesky_solve(input2: Tensor, upper?: boolean | { upper?: boolean }): Tensor {
    return ops.cholesky_solve(this, input2, upper);
  }
  orgqr(input2: Tensor): Tensor {
    return ops.orgqr(this, input2);
  }
  pinverse(rcond?: number | { rcond?: number }): Tensor {
    return ops.pinverse(this, rcond);
  }
  cholesky_inverse(upper?: boolean | { upper?: boolean }): Tensor {
    return ops.cholesky_inverse(this, upper);
  }
  matrix_power(n: number | { n: number }): Tensor {
    return ops.matrix_power(this, n);
  }
  addbmm_(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): this {
    ops.addbmm_(this, batch1, batch2, opts);
    return this;
  }
  addr_(vec1: Tensor, vec2: Tensor, opts?: { beta?: number; alpha?: number }): this {
    ops.addr_(this, vec1, vec2, opts);
    return this;
  }
  renorm_(p: number, dim: number, maxnorm: number): this {
    ops.renorm_(this, p, dim, maxnorm);
    return this;
  }
  // ---- more products and linalg (src/ops/linalg_more*.ts, src/linalg/) ----------------------
  vdot(other: Tensor): Tensor {
    return ops.vdot(this, other);
  }
  outer(vec2: Tensor): Tensor {
    return ops.outer(this, vec2);
  }
  ger(vec2: Tensor): Tensor {
    return ops.ger(this, vec2);
  }
  addmm(mat1: Tensor, mat2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
    return ops.addmm(this, mat1, mat2, opts);
  }
  addmv(mat: Tensor, vec: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
    return ops.addmv(this, mat, vec, opts);
  }
  baddbmm(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): Tensor {
    return ops.baddbmm(this, batch1, batch2, opts);
  }
  kron(other: Tensor): Tensor {
    return ops.kron(this, other);
  }
  cross(other: Tensor, dim?: number | null | { dim?: number | null }): Tensor {
    return ops.cross(this, other, dim);
  }
  det(): Tensor {
    return ops.det(this);
  }
  inverse(): Tensor {
    return ops.inverse(this);
  }
  logdet(): Tensor {
    return ops.logdet(this);
  }
  slogdet(): ReturnType<Ops['slogdet']> {
    return ops.slogdet(this);
  }
  inner(other: Tensor): Tensor {
    return ops.inner(this, other);
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

  // ---- pointwise math (src/ops/pointwise*.ts) --------------------------------------------

  abs(): Tensor {
    return ops.abs(this);
  }
  abs_(): this {
    ops.abs_(this);
    return this;
  }
  sign(): Tensor {
    return ops.sign(this);
  }
  sign_(): this {
    ops.sign_(this);
    return this;
  }
  sgn(): Tensor {
    return ops.sgn(this);
  }
  sgn_(): this {
    ops.sgn_(this);
    return this;
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this);
  }
  rsqrt_(): this {
    ops.rsqrt_(this);
    return this;
  }
  square(): Tensor {
    return ops.square(this);
  }
  square_(): this {
    ops.square_(this);
    return this;
  }
  exp2(): Tensor {
    return ops.exp2(this);
  }
  exp2_(): this {
    ops.exp2_(this);
    return this;
  }
  expm1(): Tensor {
    return ops.expm1(this);
  }
  expm1_(): this {
    ops.expm1_(this);
    return this;
  }
  log2(): Tensor {
    return ops.log2(this);
  }
  log2_(): this {
    ops.log2_(this);
    return this;
  }
  log10(): Tensor {
    return ops.log10(this);
  }
  log10_(): this {
    ops.log10_(this);
    return this;
  }
  log1p(): Tensor {
    return ops.log1p(this);
  }
  log1p_(): this {
    ops.log1p_(this);
    return this;
  }
  sin(): Tensor {
    return ops.sin(this);
  }
  sin_(): this {
    ops.sin_(this);
    return this;
  }
  cos(): Tensor {
    return ops.cos(this);
  }
  cos_(): this {
    ops.cos_(this);
    return this;
  }
  tan(): Tensor {
    return ops.tan(this);
  }
  tan_(): this {
    ops.tan_(this);
    return this;
  }
  asin(): Tensor {
    return ops.asin(this);
  }
  asin_(): this {
    ops.asin_(this);
    return this;
  }
  acos(): Tensor {
    return ops.acos(this);
  }
  acos_(): this {
    ops.acos_(this);
    return this;
  }
  atan(): Tensor {
    return ops.atan(this);
  }
  atan_(): this {
    ops.atan_(this);
    return this;
  }
  sinh(): Tensor {
    return ops.sinh(this);
  }
  sinh_(): this {
    ops.sinh_(this);
    return this;
  }
  cosh(): Tensor {
    return ops.cosh(this);
  }
  cosh_(): this {
    ops.cosh_(this);
    return this;
  }
  asinh(): Tensor {
    return ops.asinh(this);
  }
  asinh_(): this {
    ops.asinh_(this);
    return this;
  }
  acosh(): Tensor {
    return ops.acosh(this);
  }
  acosh_(): this {
    ops.acosh_(this);
    return this;
  }
  atanh(): Tensor {
    return ops.atanh(this);
  }
  atanh_(): this {
    ops.atanh_(this);
    return this;
  }
  erf(): Tensor {
    return ops.erf(this);
  }
  erf_(): this {
    ops.erf_(this);
    return this;
  }
  erfc(): Tensor {
    return ops.erfc(this);
  }
  erfc_(): this {
    ops.erfc_(this);
    return this;
  }
  erfinv(): Tensor {
    return ops.erfinv(this);
  }
  erfinv_(): this {
    ops.erfinv_(this);
    return this;
  }
  floor(): Tensor {
    return ops.floor(this);
  }
  floor_(): this {
    ops.floor_(this);
    return this;
  }
  ceil(): Tensor {
    return ops.ceil(this);
  }
  ceil_(): this {
    ops.ceil_(this);
    return this;
  }
  trunc(): Tensor {
    return ops.trunc(this);
  }
  trunc_(): this {
    ops.trunc_(this);
    return this;
  }
  frac(): Tensor {
    return ops.frac(this);
  }
  frac_(): this {
    ops.frac_(this);
    return this;
  }
  round(opts?: { decimals?: number }): Tensor {
    return ops.round(this, opts);
  }
  round_(opts?: { decimals?: number }): this {
    ops.round_(this, opts);
    return this;
  }
  atan2(other: Tensor): Tensor {
    return ops.atan2(this, other);
  }
  atan2_(other: Tensor): this {
    ops.atan2_(this, other);
    return this;
  }
  hypot(other: Tensor): Tensor {
    return ops.hypot(this, other);
  }
  hypot_(other: Tensor): this {
    ops.hypot_(this, other);
    return this;
  }
  logaddexp(other: Tensor): Tensor {
    return ops.logaddexp(this, other);
  }
  // ---- special pointwise ops (src/ops/pointwise_special*.ts) ----
  lgamma(): Tensor {
    return ops.lgamma(this);
  }
  lgamma_(): this {
    ops.lgamma_(this);
    return this;
  }
  digamma(): Tensor {
    return ops.digamma(this);
  }
  digamma_(): this {
    ops.digamma_(this);
    return this;
  }
  polygamma(n: number): Tensor {
    return ops.polygamma_method(this, n);
  }
  polygamma_(n: number): this {
    ops.polygamma_(this, n);
    return this;
  }
  mvlgamma(p: Parameters<Ops['mvlgamma']>[1]): Tensor {
    return ops.mvlgamma(this, p);
  }
  mvlgamma_(p: Parameters<Ops['mvlgamma']>[1]): this {
    ops.mvlgamma_(this, p);
    return this;
  }
  logit(eps?: Parameters<Ops['logit']>[1]): Tensor {
    return ops.logit(this, eps);
  }
  logit_(eps?: Parameters<Ops['logit']>[1]): this {
    ops.logit_(this, eps);
    return this;
  }
  deg2rad(): Tensor {
    return ops.deg2rad(this);
  }
  deg2rad_(): this {
    ops.deg2rad_(this);
    return this;
  }
  rad2deg(): Tensor {
    return ops.rad2deg(this);
  }
  rad2deg_(): this {
    ops.rad2deg_(this);
    return this;
  }
  angle(): Tensor {
    return ops.angle(this);
  }
  sinc(): Tensor {
    return ops.sinc(this);
  }
  sinc_(): this {
    ops.sinc_(this);
    return this;
  }
  i0(): Tensor {
    return ops.i0(this);
  }
  i0_(): this {
    ops.i0_(this);
    return this;
  }
  signbit(): Tensor {
    return ops.signbit(this);
  }
  isreal(): Tensor {
    return ops.isreal(this);
  }
  isposinf(): Tensor {
    return ops.isposinf(this);
  }
  isneginf(): Tensor {
    return ops.isneginf(this);
  }
  positive(): Tensor {
    return ops.positive(this);
  }
  copysign(other: TensorOrScalar): Tensor {
    return ops.copysign(this, other);
  }
  copysign_(other: TensorOrScalar): this {
    ops.copysign_(this, other);
    return this;
  }
  heaviside(values: Tensor): Tensor {
    return ops.heaviside(this, values);
  }
  heaviside_(values: Tensor): this {
    ops.heaviside_(this, values);
    return this;
  }
  nextafter(other: Tensor): Tensor {
    return ops.nextafter(this, other);
  }
  nextafter_(other: Tensor): this {
    ops.nextafter_(this, other);
    return this;
  }
  ldexp(other: Tensor): Tensor {
    return ops.ldexp(this, other);
  }
  ldexp_(other: Tensor): this {
    ops.ldexp_(this, other);
    return this;
  }
  float_power(exponent: TensorOrScalar): Tensor {
    return ops.float_power(this, exponent);
  }
  float_power_(exponent: TensorOrScalar): this {
    ops.float_power_(this, exponent);
    return this;
  }
  logaddexp2(other: Tensor): Tensor {
    return ops.logaddexp2(this, other);
  }
  gcd(other: Tensor): Tensor {
    return ops.gcd(this, other);
  }
  gcd_(other: Tensor): this {
    ops.gcd_(this, other);
    return this;
  }
  lcm(other: Tensor): Tensor {
    return ops.lcm(this, other);
  }
  lcm_(other: Tensor): this {
    ops.lcm_(this, other);
    return this;
  }
  frexp(): ReturnType<Ops['frexp']> {
    return ops.frexp(this);
  }
  greater(other: TensorOrScalar): Tensor {
    return ops.greater(this, other);
  }
  greater_(other: TensorOrScalar): this {
    ops.greater_(this, other);
    return this;
  }
  greater_equal(other: TensorOrScalar): Tensor {
    return ops.greater_equal(this, other);
  }
  greater_equal_(other: TensorOrScalar): this {
    ops.greater_equal_(this, other);
    return this;
  }
  less(other: TensorOrScalar): Tensor {
    return ops.less(this, other);
  }
  less_(other: TensorOrScalar): this {
    ops.less_(this, other);
    return this;
  }
  less_equal(other: TensorOrScalar): Tensor {
    return ops.less_equal(this, other);
  }
  less_equal_(other: TensorOrScalar): this {
    ops.less_equal_(this, other);
    return this;
  }
  not_equal(other: TensorOrScalar): Tensor {
    return ops.not_equal(this, other);
  }
  not_equal_(other: TensorOrScalar): this {
    ops.not_equal_(this, other);
    return this;
  }
  maximum(other: Tensor): Tensor {
    return ops.maximum(this, other);
  }
  minimum(other: Tensor): Tensor {
    return ops.minimum(this, other);
  }
  fmax(other: Tensor): Tensor {
    return ops.fmax(this, other);
  }
  fmin(other: Tensor): Tensor {
    return ops.fmin(this, other);
  }
  fmod(other: TensorOrScalar): Tensor {
    return ops.fmod(this, other);
  }
  fmod_(other: TensorOrScalar): this {
    ops.fmod_(this, other);
    return this;
  }
  remainder(other: TensorOrScalar): Tensor {
    return ops.remainder(this, other);
  }
  remainder_(other: TensorOrScalar): this {
    ops.remainder_(this, other);
    return this;
  }
  floor_divide(other: TensorOrScalar): Tensor {
    return ops.floor_divide(this, other);
  }
  floor_divide_(other: TensorOrScalar): this {
    ops.floor_divide_(this, other);
    return this;
  }
  xlogy(other: TensorOrScalar): Tensor {
    return ops.xlogy(this, other);
  }
  xlogy_(other: TensorOrScalar): this {
    ops.xlogy_(this, other);
    return this;
  }
  lerp(end: Tensor, weight: TensorOrScalar): Tensor {
    return ops.lerp(this, end, weight);
  }
  lerp_(end: Tensor, weight: TensorOrScalar): this {
    ops.lerp_(this, end, weight);
    return this;
  }
  addcmul(tensor1: Tensor, tensor2: Tensor, opts?: { value?: number }): Tensor {
    return ops.addcmul(this, tensor1, tensor2, opts);
  }
  addcmul_(tensor1: Tensor, tensor2: Tensor, opts?: { value?: number }): this {
    ops.addcmul_(this, tensor1, tensor2, opts);
    return this;
  }
  addcdiv(tensor1: Tensor, tensor2: Tensor, opts?: { value?: number }): Tensor {
    return ops.addcdiv(this, tensor1, tensor2, opts);
  }
  addcdiv_(tensor1: Tensor, tensor2: Tensor, opts?: { value?: number }): this {
    ops.addcdiv_(this, tensor1, tensor2, opts);
    return this;
  }
  clamp(min?: Parameters<Ops['clamp']>[1], max?: Parameters<Ops['clamp']>[2]): Tensor {
    return ops.clamp(this, min, max);
  }
  clamp_(min?: Parameters<Ops['clamp']>[1], max?: Parameters<Ops['clamp']>[2]): this {
    ops.clamp_(this, min, max);
    return this;
  }
  clip(min?: Parameters<Ops['clamp']>[1], max?: Parameters<Ops['clamp']>[2]): Tensor {
    return ops.clip(this, min, max);
  }
  clip_(min?: Parameters<Ops['clamp']>[1], max?: Parameters<Ops['clamp']>[2]): this {
    ops.clip_(this, min, max);
    return this;
  }
  clamp_min(min: TensorOrScalar): Tensor {
    return ops.clamp_min(this, min);
  }
  clamp_min_(min: TensorOrScalar): this {
    ops.clamp_min_(this, min);
    return this;
  }
  clamp_max(max: TensorOrScalar): Tensor {
    return ops.clamp_max(this, max);
  }
  clamp_max_(max: TensorOrScalar): this {
    ops.clamp_max_(this, max);
    return this;
  }
  nan_to_num(nan?: Parameters<Ops['nan_to_num']>[1], posinf?: number | null, neginf?: number | null): Tensor {
    return ops.nan_to_num(this, nan, posinf, neginf);
  }
  nan_to_num_(nan?: Parameters<Ops['nan_to_num']>[1], posinf?: number | null, neginf?: number | null): this {
    ops.nan_to_num_(this, nan, posinf, neginf);
    return this;
  }
  isnan(): Tensor {
    return ops.isnan(this);
  }
  isinf(): Tensor {
    return ops.isinf(this);
  }
  isfinite(): Tensor {
    return ops.isfinite(this);
  }
  logical_not(): Tensor {
    return ops.logical_not(this);
  }
  logical_not_(): this {
    ops.logical_not_(this);
    return this;
  }
  logical_and(other: TensorOrScalar): Tensor {
    return ops.logical_and(this, other);
  }
  logical_or(other: TensorOrScalar): Tensor {
    return ops.logical_or(this, other);
  }
  logical_xor(other: Tensor): Tensor {
    return ops.logical_xor(this, other);
  }
  logical_xor_(other: Tensor): this {
    ops.logical_xor_(this, other);
    return this;
  }
  bitwise_and(other: TensorOrScalar): Tensor {
    return ops.bitwise_and(this, other);
  }
  bitwise_and_(other: TensorOrScalar): this {
    ops.bitwise_and_(this, other);
    return this;
  }
  bitwise_or(other: TensorOrScalar): Tensor {
    return ops.bitwise_or(this, other);
  }
  bitwise_or_(other: TensorOrScalar): this {
    ops.bitwise_or_(this, other);
    return this;
  }
  bitwise_xor(other: TensorOrScalar): Tensor {
    return ops.bitwise_xor(this, other);
  }
  bitwise_xor_(other: TensorOrScalar): this {
    ops.bitwise_xor_(this, other);
    return this;
  }
  bitwise_not(): Tensor {
    return ops.bitwise_not(this);
  }
  bitwise_not_(): this {
    ops.bitwise_not_(this);
    return this;
  }
  absolute(): Tensor {
    return ops.absolute(this);
  }
  absolute_(): this {
    ops.absolute_(this);
    return this;
  }
  arcsin(): Tensor {
    return ops.arcsin(this);
  }
  arcsin_(): this {
    ops.arcsin_(this);
    return this;
  }
  arccos(): Tensor {
    return ops.arccos(this);
  }
  arccos_(): this {
    ops.arccos_(this);
    return this;
  }
  arctan(): Tensor {
    return ops.arctan(this);
  }
  arctan_(): this {
    ops.arctan_(this);
    return this;
  }
  arcsinh(): Tensor {
    return ops.arcsinh(this);
  }
  arcsinh_(): this {
    ops.arcsinh_(this);
    return this;
  }
  arccosh(): Tensor {
    return ops.arccosh(this);
  }
  arccosh_(): this {
    ops.arccosh_(this);
    return this;
  }
  arctanh(): Tensor {
    return ops.arctanh(this);
  }
  arctanh_(): this {
    ops.arctanh_(this);
    return this;
  }
  fix(): Tensor {
    return ops.fix(this);
  }
  fix_(): this {
    ops.fix_(this);
    return this;
  }
  arctan2(other: Tensor): Tensor {
    return ops.arctan2(this, other);
  }
  arctan2_(other: Tensor): this {
    ops.arctan2_(this, other);
    return this;
  }

  // ---- comparisons ----------------------------------------------------------------------

  /** `self.where(condition, other)`: self where condition, else other. */
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return ops.where(condition, this, other);
  }
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
  // ---- more in-place forms (src/ops/inplace_more*.ts, unary.ts) ---------------------------
  neg_(): this {
    ops.neg_(this);
    return this;
  }
  negative_(): this {
    ops.negative_(this);
    return this;
  }
  log_(): this {
    ops.log_(this);
    return this;
  }
  sqrt_(): this {
    ops.sqrt_(this);
    return this;
  }
  sigmoid_(): this {
    ops.sigmoid_(this);
    return this;
  }
  tanh_(): this {
    ops.tanh_(this);
    return this;
  }
  relu_(): this {
    ops.relu_(this);
    return this;
  }
  reciprocal_(): this {
    ops.reciprocal_(this);
    return this;
  }
  pow_(exponent: TensorOrScalar): this {
    ops.pow_(this, exponent);
    return this;
  }
  subtract_(other: TensorOrScalar, opts?: { alpha?: number } | number): this {
    ops.subtract_(this, other, opts);
    return this;
  }
  multiply_(other: TensorOrScalar): this {
    ops.multiply_(this, other);
    return this;
  }
  divide_(other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): this {
    ops.divide_(this, other, opts);
    return this;
  }
  true_divide_(other: TensorOrScalar): this {
    ops.true_divide_(this, other);
    return this;
  }
  eq_(other: TensorOrScalar): this {
    ops.eq_(this, other);
    return this;
  }
  ne_(other: TensorOrScalar): this {
    ops.ne_(this, other);
    return this;
  }
  lt_(other: TensorOrScalar): this {
    ops.lt_(this, other);
    return this;
  }
  le_(other: TensorOrScalar): this {
    ops.le_(this, other);
    return this;
  }
  gt_(other: TensorOrScalar): this {
    ops.gt_(this, other);
    return this;
  }
  ge_(other: TensorOrScalar): this {
    ops.ge_(this, other);
    return this;
  }
  logical_and_(other: TensorOrScalar): this {
    ops.logical_and_(this, other);
    return this;
  }
  logical_or_(other: TensorOrScalar): this {
    ops.logical_or_(this, other);
    return this;
  }
  cumsum_(dim: number | { dim?: number; dtype?: dtype }, opts?: { dtype?: dtype }): this {
    ops.cumsum_(this, dim, opts);
    return this;
  }
  cumprod_(dim: number | { dim?: number; dtype?: dtype }, opts?: { dtype?: dtype }): this {
    ops.cumprod_(this, dim, opts);
    return this;
  }
  tril_(diagonal?: number | { diagonal?: number }): this {
    ops.tril_(this, diagonal);
    return this;
  }
  triu_(diagonal?: number | { diagonal?: number }): this {
    ops.triu_(this, diagonal);
    return this;
  }
  addmm_(mat1: Tensor, mat2: Tensor, opts?: { beta?: number; alpha?: number }): this {
    ops.addmm_(this, mat1, mat2, opts);
    return this;
  }
  addmv_(mat: Tensor, vec: Tensor, opts?: { beta?: number; alpha?: number }): this {
    ops.addmv_(this, mat, vec, opts);
    return this;
  }
  baddbmm_(batch1: Tensor, batch2: Tensor, opts?: { beta?: number; alpha?: number }): this {
    ops.baddbmm_(this, batch1, batch2, opts);
    return this;
  }
  t_(): this {
    ops.t_(this);
    return this;
  }
  transpose_(dim0: number, dim1: number): this {
    ops.transpose_(this, dim0, dim1);
    return this;
  }
  swapaxes_(dim0: number, dim1: number): this {
    ops.swapaxes_(this, dim0, dim1);
    return this;
  }
  squeeze_(dim?: number): this {
    ops.squeeze_(this, dim);
    return this;
  }
  unsqueeze_(dim: number): this {
    ops.unsqueeze_(this, dim);
    return this;
  }
  as_strided_(size: readonly number[], stride: readonly number[], storage_offset?: number): this {
    ops.as_strided_(this, size, stride, storage_offset);
    return this;
  }
  zero_(): this {
    ops.zero_(this);
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
  /** `geometric_(p, *, generator)` (src/random/samplers_extra.ts). */
  geometric_(p: number | GeometricOptions, opts?: GeometricOptions): this {
    ops.geometric_(this, p, opts);
    return this;
  }
  /** `log_normal_(mean=1, std=2, *, generator)`. */
  log_normal_(mean?: number | LogNormalOptions, std?: number | LogNormalOptions, opts?: LogNormalOptions): this {
    ops.log_normal_(this, mean, std, opts);
    return this;
  }
  /** `cauchy_(median=0, sigma=1, *, generator)`. */
  cauchy_(median?: number | CauchyOptions, sigma?: number | CauchyOptions, opts?: CauchyOptions): this {
    ops.cauchy_(this, median, sigma, opts);
    return this;
  }
  /** `bernoulli_(p=0.5, *, generator)`, p a number or a tensor (src/random/ops.ts). */
  bernoulli_(p?: number | Tensor | (GeneratorOptions & { p?: number | Tensor }), opts?: GeneratorOptions): this {
    ops.bernoulli_(this, p, opts);
    return this;
  }
  /** `bernoulli(*, generator)` (probabilities = this) or `bernoulli(p, *, generator)`. */
  bernoulli(p?: number | (GeneratorOptions & { p?: number }), opts?: GeneratorOptions): Tensor {
    return ops.bernoulli(this, p, opts);
  }
  multinomial(...args: Parameters<Ops['multinomial']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.multinomial(this, ...args);
  }
  /** `random_()`, `random_(to)`, `random_(from, to)`, `random_(from, null)`, each with `{ generator }`. */
  random_(opts?: GeneratorOptions): this;
  random_(to: number, opts?: GeneratorOptions): this;
  random_(from: number, to: number | null, opts?: GeneratorOptions): this;
  random_(...args: unknown[]): this {
    (ops.random_ as (t: Tensor, ...a: unknown[]) => Tensor)(this, ...args);
    return this;
  }
  // ---- reductions and shape ops (src/ops/reduce_more*.ts, src/ops/shape_more*.ts) ---------

  max(): Tensor;
  max(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ValuesIndices;
  max(other: Tensor): Tensor;
  max(...args: unknown[]): Tensor | ValuesIndices {
    return (ops.max as (x: Tensor, ...a: unknown[]) => Tensor | ValuesIndices)(this, ...args);
  }
  min(): Tensor;
  min(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ValuesIndices;
  min(other: Tensor): Tensor;
  min(...args: unknown[]): Tensor | ValuesIndices {
    return (ops.min as (x: Tensor, ...a: unknown[]) => Tensor | ValuesIndices)(this, ...args);
  }
  amax(...args: Parameters<Ops['amax']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.amax(this, ...args);
  }
  amin(...args: Parameters<Ops['amin']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.amin(this, ...args);
  }
  argmax(...args: Parameters<Ops['argmax']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.argmax(this, ...args);
  }
  argmin(...args: Parameters<Ops['argmin']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.argmin(this, ...args);
  }
  prod(...args: Parameters<Ops['prod']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.prod(this, ...args);
  }
  var(...args: VarArg[]): Tensor {
    return ops.var(this, ...args);
  }
  std(...args: VarArg[]): Tensor {
    return ops.std(this, ...args);
  }
  logsumexp(...args: Parameters<Ops['logsumexp']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.logsumexp(this, ...args);
  }
  nansum(...args: Parameters<Ops['nansum']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.nansum(this, ...args);
  }
  nanmean(...args: Parameters<Ops['nanmean']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.nanmean(this, ...args);
  }
  all(...args: Parameters<Ops['all']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.all(this, ...args);
  }
  any(...args: Parameters<Ops['any']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.any(this, ...args);
  }
  count_nonzero(...args: Parameters<Ops['count_nonzero']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.count_nonzero(this, ...args);
  }
  cumsum(...args: Parameters<Ops['cumsum']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.cumsum(this, ...args);
  }
  cumprod(...args: Parameters<Ops['cumprod']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.cumprod(this, ...args);
  }
  norm(...args: Parameters<Ops['norm']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.norm(this, ...args);
  }
  flip(...dims: (number | readonly number[] | { dims: number | readonly number[] })[]): Tensor {
    return ops.flip(this, ...dims);
  }
  roll(...args: Parameters<Ops['roll']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.roll(this, ...args);
  }
  tril(diagonal?: number | { diagonal?: number }): Tensor {
    return ops.tril(this, diagonal);
  }
  triu(diagonal?: number | { diagonal?: number }): Tensor {
    return ops.triu(this, diagonal);
  }
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return ops.movedim(this, source, destination);
  }
  moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return ops.movedim(this, source, destination);
  }
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return ops.unflatten(this, dim, sizes);
  }
  broadcast_to(shape: readonly number[]): Tensor {
    return ops.broadcast_to(this, shape);
  }
  repeat(...sizes: (number | readonly number[])[]): Tensor {
    return ops.repeat(this, ...sizes);
  }
  tile(...dims: (number | readonly number[])[]): Tensor {
    return ops.tile(this, ...dims);
  }
  diag(diagonal?: number | { diagonal?: number }): Tensor {
    return ops.diag(this, diagonal);
  }
  diagonal(...args: Parameters<Ops['diagonal']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diagonal(this, ...args);
  }
  trace(): Tensor {
    return ops.trace(this);
  }
  split(split_size: number | readonly number[], dim?: number | { dim?: number }): Tensor[] {
    return ops.split(this, split_size, dim);
  }
  chunk(chunks: number, dim?: number | { dim?: number }): Tensor[] {
    return ops.chunk(this, chunks, dim);
  }
  unbind(dim?: number | { dim?: number }): Tensor[] {
    return ops.unbind(this, dim);
  }
  // ---- sorting and set ops (src/ops/sort*.ts, src/ops/sets*.ts) --------------------------
  sort(...args: Parameters<Ops['sort']> extends [Tensor, ...infer R] ? R : never): ValuesIndices {
    return ops.sort(this, ...args);
  }
  argsort(...args: Parameters<Ops['argsort']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.argsort(this, ...args);
  }
  msort(): Tensor {
    return ops.msort(this);
  }
  topk(...args: Parameters<Ops['topk']> extends [Tensor, ...infer R] ? R : never): ValuesIndices {
    return ops.topk(this, ...args);
  }
  kthvalue(...args: Parameters<Ops['kthvalue']> extends [Tensor, ...infer R] ? R : never): ValuesIndices {
    return ops.kthvalue(this, ...args);
  }
  median(): Tensor;
  median(dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ValuesIndices;
  median(...args: unknown[]): Tensor | ValuesIndices {
    return (ops.median as (x: Tensor, ...a: unknown[]) => Tensor | ValuesIndices)(this, ...args);
  }
  nanmedian(): Tensor;
  nanmedian(dim: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }): ValuesIndices;
  nanmedian(...args: unknown[]): Tensor | ValuesIndices {
    return (ops.nanmedian as (x: Tensor, ...a: unknown[]) => Tensor | ValuesIndices)(this, ...args);
  }
  mode(...args: Parameters<Ops['mode']> extends [Tensor, ...infer R] ? R : never): ValuesIndices {
    return ops.mode(this, ...args);
  }
  unique(...args: Parameters<Ops['unique']> extends [Tensor, ...infer R] ? R : never): Tensor | Tensor[] {
    return ops.unique(this, ...args);
  }
  unique_consecutive(...args: Parameters<Ops['unique_consecutive']> extends [Tensor, ...infer R] ? R : never): Tensor | Tensor[] {
    return ops.unique_consecutive(this, ...args);
  }
  bincount(...args: Parameters<Ops['bincount']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.bincount(this, ...args);
  }
  histc(...args: Parameters<Ops['histc']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.histc(this, ...args);
  }
  diff(...args: Parameters<Ops['diff']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diff(this, ...args);
  }

  // ---- closeness, indexed scans, arrangement ops (compare_close, reduce_more_scan_indexed, shape_more_arrange) ----

  equal(other: Tensor): boolean {
    return ops.equal(this, other);
  }
  isclose(...args: Parameters<Ops['isclose']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.isclose(this, ...args);
  }
  allclose(...args: Parameters<Ops['allclose']> extends [Tensor, ...infer R] ? R : never): boolean {
    return ops.allclose(this, ...args);
  }
  cummax(dim: number | { dim: number }): ValuesIndices {
    return ops.cummax(this, dim);
  }
  cummin(dim: number | { dim: number }): ValuesIndices {
    return ops.cummin(this, dim);
  }
  logcumsumexp(dim: number | { dim: number }): Tensor {
    return ops.logcumsumexp(this, dim);
  }
  repeat_interleave(...args: Parameters<Ops['repeat_interleave']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.repeat_interleave(this, ...args);
  }
  rot90(...args: Parameters<Ops['rot90']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.rot90(this, ...args);
  }
  diag_embed(...args: Parameters<Ops['diag_embed']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diag_embed(this, ...args);
  }

  // ---- more shape ops (src/ops/shape_extra*.ts) ------------------------------------------
  unfold(...args: Parameters<Ops['unfold']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.unfold(this, ...args);
  }
  ravel(...args: Parameters<Ops['ravel']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.ravel(this, ...args);
  }
  tensor_split(...args: Parameters<Ops['tensor_split']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.tensor_split(this, ...args);
  }
  hsplit(...args: Parameters<Ops['hsplit']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.hsplit(this, ...args);
  }
  vsplit(...args: Parameters<Ops['vsplit']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.vsplit(this, ...args);
  }
  dsplit(...args: Parameters<Ops['dsplit']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.dsplit(this, ...args);
  }
  split_with_sizes(...args: Parameters<Ops['split_with_sizes']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.split_with_sizes(this, ...args);
  }
  unsafe_split(...args: Parameters<Ops['unsafe_split']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.unsafe_split(this, ...args);
  }
  unsafe_split_with_sizes(...args: Parameters<Ops['unsafe_split_with_sizes']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.unsafe_split_with_sizes(this, ...args);
  }
  unsafe_chunk(...args: Parameters<Ops['unsafe_chunk']> extends [Tensor, ...infer R] ? R : never): Tensor[] {
    return ops.unsafe_chunk(this, ...args);
  }
  swapdims(...args: Parameters<Ops['swapdims']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.swapdims(this, ...args);
  }
  swapdims_(dim0: number, dim1: number): this {
    ops.swapaxes_(this, dim0, dim1);
    return this;
  }
  fliplr(...args: Parameters<Ops['fliplr']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.fliplr(this, ...args);
  }
  flipud(...args: Parameters<Ops['flipud']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.flipud(this, ...args);
  }
  diagflat(...args: Parameters<Ops['diagflat']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diagflat(this, ...args);
  }
  slice_scatter(...args: Parameters<Ops['slice_scatter']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.slice_scatter(this, ...args);
  }
  select_scatter(...args: Parameters<Ops['select_scatter']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.select_scatter(this, ...args);
  }
  diagonal_scatter(...args: Parameters<Ops['diagonal_scatter']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diagonal_scatter(this, ...args);
  }
  index_put(...args: Parameters<Ops['index_put']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.index_put(this, ...args);
  }
  aminmax(...args: Parameters<Ops['aminmax']> extends [Tensor, ...infer R] ? R : never): ReturnType<Ops['aminmax']> {
    return ops.aminmax(this, ...args);
  }
  narrow_copy(...args: Parameters<Ops['narrow_copy']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.narrow_copy(this, ...args);
  }
  sum_to_size(...args: Parameters<Ops['sum_to_size']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.sum_to_size(this, ...args);
  }
  type_as(...args: Parameters<Ops['type_as']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.type_as(this, ...args);
  }
  is_nonzero(...args: Parameters<Ops['is_nonzero']> extends [Tensor, ...infer R] ? R : never): boolean {
    return ops.is_nonzero(this, ...args);
  }
  is_same_size(...args: Parameters<Ops['is_same_size']> extends [Tensor, ...infer R] ? R : never): boolean {
    return ops.is_same_size(this, ...args);
  }
  new_empty_strided(...args: Parameters<Ops['new_empty_strided']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.new_empty_strided(this, ...args);
  }
  fill_diagonal_(...args: Parameters<Ops['fill_diagonal_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.fill_diagonal_(this, ...args);
    return this;
  }

  // ---- indexing ops (src/ops/index_ops*.ts) ----------------------------------------------

  index_select(...args: Parameters<Ops['index_select']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.index_select(this, ...args);
  }
  gather(...args: Parameters<Ops['gather']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.gather(this, ...args);
  }
  take_along_dim(...args: Parameters<Ops['take_along_dim']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.take_along_dim(this, ...args);
  }
  scatter(...args: Parameters<Ops['scatter']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.scatter(this, ...args);
  }
  scatter_add(...args: Parameters<Ops['scatter_add']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.scatter_add(this, ...args);
  }
  scatter_reduce(...args: Parameters<Ops['scatter_reduce']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.scatter_reduce(this, ...args);
  }
  index_add(...args: Parameters<Ops['index_add']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.index_add(this, ...args);
  }
  index_copy(...args: Parameters<Ops['index_copy']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.index_copy(this, ...args);
  }
  index_fill(...args: Parameters<Ops['index_fill']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.index_fill(this, ...args);
  }
  masked_fill(...args: Parameters<Ops['masked_fill']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.masked_fill(this, ...args);
  }
  masked_select(...args: Parameters<Ops['masked_select']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.masked_select(this, ...args);
  }
  masked_scatter(...args: Parameters<Ops['masked_scatter']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.masked_scatter(this, ...args);
  }
  take(...args: Parameters<Ops['take']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.take(this, ...args);
  }
  put(...args: Parameters<Ops['put']> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.put(this, ...args);
  }
  scatter_(...args: Parameters<Ops['scatter_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.scatter_(this, ...args);
    return this;
  }
  scatter_add_(...args: Parameters<Ops['scatter_add_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.scatter_add_(this, ...args);
    return this;
  }
  index_add_(...args: Parameters<Ops['index_add_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.index_add_(this, ...args);
    return this;
  }
  index_copy_(...args: Parameters<Ops['index_copy_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.index_copy_(this, ...args);
    return this;
  }
  index_fill_(...args: Parameters<Ops['index_fill_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.index_fill_(this, ...args);
    return this;
  }
  masked_fill_(...args: Parameters<Ops['masked_fill_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.masked_fill_(this, ...args);
    return this;
  }
  masked_scatter_(...args: Parameters<Ops['masked_scatter_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.masked_scatter_(this, ...args);
    return this;
  }
  put_(...args: Parameters<Ops['put_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.put_(this, ...args);
    return this;
  }
  scatter_reduce_(...args: Parameters<Ops['scatter_reduce_']> extends [Tensor, ...infer R] ? R : never): this {
    ops.scatter_reduce_(this, ...args);
    return this;
  }
  nonzero(opts?: { as_tuple?: false }): Tensor;
  nonzero(opts: { as_tuple: true }): Tensor[];
  nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[] {
    return ops.nonzero(this, opts);
  }
  argwhere(): Tensor {
    return ops.argwhere(this);
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
