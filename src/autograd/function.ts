// Custom autograd Functions: `class Exp extends torch.autograd.Function { static forward(ctx, x) …
// static backward(ctx, g) … }` and `Exp.apply(x)` (torch/autograd/function.py, with the rules of
// torch/csrc/autograd/python_function.cpp and custom_function.cpp).
//
// Note [ctx is the node]: as in PyTorch, the `ctx` that forward and backward receive is the
// graph node itself: `y.grad_fn` is the ctx, named `<ClassName>Backward`, and shows what was
// saved on it (`y.grad_fn.saved_tensors`, `needs_input_grad`, user attributes).
import { Tensor } from '../tensor/tensor.ts';
import { NotImplementedError, RuntimeError, TorchTypeError, warnOnce } from '../errors.ts';
import { float32 } from '../tensor/dtype.ts';
import { FREED_MESSAGE, Node, SavedVariable, type Edge, type InputMeta } from './node.ts';
import { gradientEdge, record } from './record.ts';
import { is_grad_enabled, no_grad } from './grad_mode.ts';
import { view } from '../ops/shape/views.ts';
import { detach } from '../ops/copy.ts';
import { zeros_of } from '../ops/alloc.ts';

/** Python's type name of a value, as PyTorch's error messages show it. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'tuple';
  if (v instanceof Tensor) return 'Tensor';
  return typeof v === 'object' ? ((v as object).constructor?.name ?? 'object') : typeof v;
}

/**
 * The context of one `apply`: what forward saves and marks, read back in backward. It is also
 * the `grad_fn` of the outputs (Note [ctx is the node]). Attributes of your own may be set on
 * it (`ctx.k = 3`) and read back (`ctx.k as number`).
 */
export class FunctionCtx extends Node {
  [attribute: string]: unknown;
  /** Per forward argument: whether it is a tensor that requires grad. */
  readonly needs_input_grad: boolean[];
  /** @internal */
  readonly _cls: FunctionClass;
  /** @internal per forward argument: whether it is a tensor (PyTorch's is_variable_input) */
  readonly _isVariableInput: boolean[];
  /** @internal per forward output: whether it is a tensor (non-tensor outputs get null grads) */
  _outputIsTensor: boolean[] = [];
  /** @internal */
  _toSave: readonly unknown[] | null = null;
  /** @internal */
  _dirty: readonly unknown[] | null = null;
  /** @internal */
  _nonDifferentiable: readonly unknown[] | null = null;
  /** @internal */
  _materializeGrads = true;
  /** @internal */
  _savedVariables: (SavedVariable | null)[] = [];
  /** @internal set when backward ran without retain_graph */
  _hasFreedBuffers = false;
  override _acceptsUndefinedGrads = true;

  /** @internal made by `Function.apply` */
  constructor(cls: FunctionClass, next: Edge[], isVariableInput: boolean[], needsInputGrad: boolean[]) {
    super(next);
    this._cls = cls;
    this._isVariableInput = isVariableInput;
    this.needs_input_grad = needsInputGrad;
  }

  name(): string {
    return `${this._cls.name}Backward`;
  }

  /** Saves tensors (or nulls) for backward; read them back with `saved_tensors`. */
  save_for_backward(...tensors: (Tensor | null)[]): void {
    this._toSave = tensors;
  }

  /** Marks inputs that forward modified in place (they must be returned as outputs). */
  mark_dirty(...tensors: Tensor[]): void {
    this._dirty = tensors;
  }

  /** Marks outputs that never get a gradient (backward still receives zeros for them). */
  mark_non_differentiable(...tensors: Tensor[]): void {
    this._nonDifferentiable = tensors;
  }

  /** With `false`, backward receives null instead of zeros for outputs without a gradient. */
  set_materialize_grads(value: boolean): void {
    this._materializeGrads = value;
  }

  /**
   * The tensors given to `save_for_backward`, checked against in-place modification. After a
   * backward without `retain_graph` they are freed, and reading them throws PyTorch's error.
   */
  get saved_tensors(): (Tensor | null)[] {
    if (this._hasFreedBuffers) throw new RuntimeError(FREED_MESSAGE);
    return this._savedVariables.map((s) => (s === null ? null : s.unpack()));
  }

  /** PyNode::apply: calls the user's backward and checks what it returns. */
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const args = grads.map((g, i) => {
      if (g !== null || !this._materializeGrads || !this._outputIsTensor[i]) return g;
      const m = this._meta[i] as InputMeta;
      return zeros_of(m.shape, m.dtype);
    });
    const r = this._cls.backward.call(this._cls, this, ...args);
    let res: unknown[] = Array.isArray(r) ? r.slice() : [r];
    const expected = this._isVariableInput.length;
    // Returning too many results is fine, as long as the extra ones are all None.
    if (res.length > expected && res.slice(expected).every((x) => x == null)) res = res.slice(0, expected);
    if (res.length !== expected) {
      throw new RuntimeError(`function ${this.name()} returned an incorrect number of gradients (expected ${expected}, got ${res.length})`);
    }
    const out: (Tensor | null)[] = [];
    for (let i = 0; i < expected; i++) {
      const g = res[i];
      if (!this._isVariableInput[i]) {
        if (g != null) {
          throw new RuntimeError(
            `function ${this.name()} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`,
          );
        }
        continue;
      }
      if (g == null) out.push(null);
      else if (g instanceof Tensor) out.push(g);
      else throw new RuntimeError(`expected Variable or None (got ${pyTypeName(g)})`);
    }
    return out;
  }

  override _release(): void {
    this._savedVariables = [];
    this._hasFreedBuffers = true;
  }
}

/** The static side of a Function subclass. */
export type FunctionClass = typeof Function;
type ForwardArgs<C extends FunctionClass> = C['forward'] extends (ctx: FunctionCtx, ...args: infer A) => unknown ? A : never;
type ForwardResult<C extends FunctionClass> = C['forward'] extends (...args: never[]) => infer R ? R : never;

/**
 * Base class of custom differentiable operations. Subclass it with static `forward(ctx, ...args)`
 * and `backward(ctx, ...grad_outputs)`, then call `MyFn.apply(...args)`; never call forward
 * directly. forward runs under no_grad; backward returns one gradient (or null) per forward
 * argument, a single tensor when there is one argument.
 */
export class Function {
  static forward(_ctx: FunctionCtx, ..._args: unknown[]): unknown {
    throw new NotImplementedError('You must implement the forward function for custom autograd.Function.');
  }

  static backward(_ctx: FunctionCtx, ..._grad_outputs: (Tensor | null)[]): unknown {
    throw new NotImplementedError(
      'You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.',
    );
  }

  /** THPFunction_apply: runs forward under no_grad and connects its outputs to a new node. */
  static apply<C extends FunctionClass>(this: C, ...args: ForwardArgs<C>): ForwardResult<C> {
    const all = args as readonly unknown[];
    const isVariable = all.map((a) => a instanceof Tensor);
    const tensorInputs = all.filter((a): a is Tensor => a instanceof Tensor);
    const needs = all.map((a) => a instanceof Tensor && a.requires_grad);
    const executable = is_grad_enabled() && tensorInputs.some((t) => t.requires_grad);
    const ctx = new FunctionCtx(this, executable ? tensorInputs.map((t) => gradientEdge(t)) : [], isVariable, needs);
    const forward = this.forward as (ctx: FunctionCtx, ...a: unknown[]) => unknown;
    const raw = no_grad(() => forward.call(this, ctx, ...all));
    return processOutputs(ctx, tensorInputs, raw, executable) as ForwardResult<C>;
  }
}

/** `x.view_as(x)` outside the graph: a fresh tensor object that can get its own grad_fn. */
function viewAsSelfNoGrad(t: Tensor): Tensor {
  return no_grad(() => view(t, [t._shape]));
}

/** process_outputs / _wrap_outputs: gives each output its history, then saves for backward. */
function processOutputs(ctx: FunctionCtx, inputs: readonly Tensor[], raw: unknown, executable: boolean): unknown {
  const isTuple = Array.isArray(raw);
  const rawOuts: unknown[] = isTuple ? (raw as unknown[]).slice() : [raw];
  const nonDiff = new Set(ctx._nonDifferentiable ?? []);
  ctx._nonDifferentiable = null;
  const dirty = new Set<Tensor>();
  for (const [i, t] of (ctx._dirty ?? []).entries()) {
    if (!(t instanceof Tensor)) {
      throw new RuntimeError(`mark_dirty can only accept variables, but argument ${i} is of type ${pyTypeName(t)}`);
    }
    dirty.add(t);
    t._bumpVersion();
  }
  ctx._dirty = null;
  const cdata = executable ? ctx : null;
  const metas: InputMeta[] = [];
  const outputs = rawOuts.map((o, i) => {
    if (!(o instanceof Tensor)) {
      // A placeholder, as PyTorch's undefined_input(); its gradient is always null.
      if (cdata) metas.push({ shape: [], dtype: float32 });
      return o;
    }
    if (cdata) metas.push({ shape: o._shape.slice(), dtype: o.dtype });
    return setHistory(o, i, cdata, inputs.includes(o), dirty.has(o), !nonDiff.has(o), rawOuts.length);
  });
  for (const t of dirty) {
    if (!rawOuts.includes(t)) {
      throw new RuntimeError(
        'Some elements marked as dirty during the forward method were not returned as output. The inputs that are modified inplace must all be outputs of the Function.',
      );
    }
  }
  ctx._outputIsTensor = rawOuts.map((o) => o instanceof Tensor);
  if (cdata) {
    ctx._meta = metas;
    ctx._savedVariables = (ctx._toSave ?? []).map((t, i) => {
      if (t == null) return null;
      if (!(t instanceof Tensor)) {
        throw new TorchTypeError(`save_for_backward can only save variables, but argument ${i} is of type ${pyTypeName(t)}`);
      }
      return new SavedVariable(t, t._grad_fn === ctx ? ctx : null);
    });
  }
  ctx._toSave = null;
  return isTuple ? outputs : outputs[0];
}

/** _process_backward_mode_ad's set_history for one tensor output. */
function setHistory(
  out: Tensor,
  nr: number,
  cdata: FunctionCtx | null,
  isInput: boolean,
  isModified: boolean,
  notMarked: boolean,
  numOutputs: number,
): Tensor {
  const isDifferentiable = cdata !== null && notMarked && out.dtype.is_floating_point;
  if (!isDifferentiable) {
    if (!out.requires_grad) return isInput ? viewAsSelfNoGrad(out) : out;
    // Inputs come back as detached aliases instead of losing their requires_grad.
    if (isInput) return detach(out);
    if (!out._is_view()) out.detach_();
    return out;
  }
  const node = cdata as FunctionCtx;
  if (isModified) {
    if (out.is_leaf && out.requires_grad) {
      throw new RuntimeError('a leaf Variable that requires grad has been used in an in-place operation.');
    }
    if (!isInput) {
      warnOnce(
        'UserWarning',
        'Only input Tensors should be given to ctx.mark_dirty(). If a Tensor is not an input, there is no need to pass it to mark_dirty().',
      );
    }
    if (out._is_view() && numOutputs > 1) {
      throw new RuntimeError(
        'If your Function modifies inplace an input that is a view of another Tensor, your Function cannot return more than one Tensor. This is not supported by the current autograd engine. You should either make sure the input is not a view (using .clone() for example) or make your Function only return one Tensor (potentially splitting it into two Functions: one doing the inplace that returns a single Tensor and a second one that does the other operations). You can ask on the forum https://discuss.pytorch.org/ if you need help to do this change.',
      );
    }
    if (out._is_view()) {
      // PyTorch rebases the view's base onto a CopySlices node here.
      throw new NotImplementedError('ts-torch does not support ctx.mark_dirty() on a view yet');
    }
    // rebase_history: the modified tensor now comes out of this node.
    out._grad = null;
    out._grad_fn = node;
    out._output_nr = nr;
    return out;
  }
  const v = isInput ? viewAsSelfNoGrad(out) : out;
  v._grad_fn = node;
  v._output_nr = nr;
  return v;
}

const ONCE_DIFFERENTIABLE_MESSAGE = 'trying to differentiate twice a function that was marked with @once_differentiable';

/**
 * `@once_differentiable`: runs backward under no_grad; when a gradient graph is being built,
 * its results get a node that throws if differentiated again.
 */
export function once_differentiable<A extends unknown[], R>(fn: (ctx: FunctionCtx, ...args: A) => R): (ctx: FunctionCtx, ...args: A) => R {
  return (ctx: FunctionCtx, ...args: A): R => {
    const outputs = no_grad(() => fn(ctx, ...args));
    if (!is_grad_enabled()) return outputs;
    if (!args.some((a) => a instanceof Tensor && a.requires_grad)) return outputs;
    const isTuple = Array.isArray(outputs);
    const outs = (isTuple ? (outputs as unknown[]) : [outputs]).map((o) => (o instanceof Tensor ? o : null));
    // DelayedError: aliases of each output whose grad_fn raises the error.
    const fakes = outs.map((o) => {
      if (o === null) return null;
      const f = detach(o);
      f._requires_grad = true;
      return f;
    });
    const wrapped = fakes.map((f) => (f === null ? null : detach(f)));
    const defined = wrapped.filter((w): w is Tensor => w !== null);
    record('torch::autograd::Error', fakes, defined, () => {
      throw new RuntimeError(ONCE_DIFFERENTIABLE_MESSAGE);
    });
    return (isTuple ? wrapped : wrapped[0]) as R;
  };
}
