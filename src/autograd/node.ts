// Graph nodes: one per differentiable op application (`grad_fn`), plus AccumulateGrad for
// leaves. Nodes hold edges to the nodes of their inputs; the engine (engine.ts) runs them.
import type { Tensor } from '../tensor/tensor.ts';
import type { dtype } from '../tensor/dtype.ts';
import { RuntimeError } from '../errors.ts';

export type Edge = [Node | null, number];
export type GradHook = (grad: Tensor) => Tensor | void | null | undefined;

/** Shape and dtype of a forward output, checked against the gradient that arrives for it. */
export interface InputMeta {
  shape: readonly number[];
  dtype: dtype;
}

// Note [sequence numbers]: nodes are numbered in creation order; the engine runs ready nodes
// most recent first, as PyTorch's ready queue does.
let nextSequenceNr = 0;

export abstract class Node {
  /** `[node, input_nr]` per forward input, as PyTorch's `next_functions`. */
  next_functions: Edge[];
  readonly _sequence_nr: number;
  /** Metadata of each forward output this node produces gradients for. */
  _meta: InputMeta[] = [];
  /** Hooks registered on forward outputs (`Tensor.register_hook` on non-leaves), by output_nr. */
  _preHooks: Map<number, GradHook[]> | null = null;
  /** Non-leaf tensors whose `.grad` is retained, by output_nr (see retain_grad). */
  _retainGrad: Map<number, WeakRef<Tensor>> | null = null;
  /**
   * Outputs whose retain_grad hook was registered before any `register_hook`: it then sees the
   * gradient before those hooks change it. PyTorch 1.13 keeps retain_grad's hook and Python
   * hooks in two pre-hooks of the node, run in the order they were first added.
   */
  _retainFirst: Set<number> | null = null;
  /**
   * PyTorch calls every node, even when none of its gradients is defined; built-in formulas
   * here are skipped instead (their result would be undefined too) and get zeros for missing
   * gradients. Custom Functions (function.ts) set this to be called with nulls and decide
   * themselves (ctx.set_materialize_grads).
   */
  _acceptsUndefinedGrads = false;

  constructor(next: Edge[], sequenceNr = nextSequenceNr++) {
    this.next_functions = next;
    this._sequence_nr = sequenceNr;
  }
  abstract name(): string;
  /** Gradients w.r.t. each forward input, given gradients w.r.t. each forward output. */
  abstract apply(grads: (Tensor | null)[]): (Tensor | null)[];
  /** Frees saved tensors (after a backward without retain_graph). */
  _release(): void {}
  /** Python's `type(grad_fn).__name__` (what `print` shows): name() without a C++ namespace. */
  _typeName(): string {
    const n = this.name();
    return n.startsWith('torch::autograd::') ? n.slice('torch::autograd::'.length) : n;
  }
  toString(): string {
    return `<${this._typeName()} object>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The node that accumulates into a leaf's `.grad`. */
export class AccumulateGrad extends Node {
  _hooks: GradHook[] | null = null;
  constructor(readonly variable: Tensor) {
    // AccumulateGrad runs as soon as it is ready (PyTorch gives it the largest sequence number).
    super([], Number.MAX_SAFE_INTEGER);
    this._meta = [{ shape: variable._shape, dtype: variable.dtype }];
  }
  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }
  apply(): (Tensor | null)[] {
    throw new RuntimeError('AccumulateGrad is run by the engine');
  }
}

const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

const INFERENCE_SAVED_MESSAGE =
  'Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.';

/**
 * A tensor saved for backward, with the version it had when saved (PyTorch's SavedVariable,
 * torch/csrc/autograd/saved_variable.cpp).
 */
export class SavedVariable {
  private tensor: Tensor | null;
  private readonly version: number;
  private readonly wasLeaf: boolean;
  private readonly outputNr: number;
  /**
   * @param isOutputOf the node being recorded when `t` is one of its own outputs (saved
   *   results such as sigmoid's); null for inputs.
   * @param outputNr which output of that node `t` is (default: its current output_nr)
   */
  constructor(
    t: Tensor,
    private readonly isOutputOf: Node | null = null,
    outputNr: number = t._output_nr,
  ) {
    // Note [Inference tensor cannot be saved for backward]: checked when the op records.
    if (t._is_inference) throw new RuntimeError(INFERENCE_SAVED_MESSAGE);
    this.tensor = t;
    this.version = t._vc.v;
    this.wasLeaf = t._grad_fn === null;
    this.outputNr = outputNr;
  }
  /**
   * The saved tensor, checked against later in-place changes. `savedFor` is the node unpacking
   * it: the version error names it when the tensor no longer has a grad_fn of its own.
   */
  unpack(savedFor: Node | null = null): Tensor {
    const t = this.tensor;
    if (t === null) throw new RuntimeError(FREED_MESSAGE);
    if (t._vc.v !== this.version) {
      // An output names the node that saved it; an input names its grad_fn *now* (after the
      // in-place op that rebased it), as PyTorch reads data_.grad_fn() at unpack time.
      let fn: Node | null = this.isOutputOf ?? t.grad_fn;
      if (fn === null && !this.wasLeaf) fn = savedFor;
      const which = fn !== null ? `, which is output ${this.outputNr} of ${fn.name()},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${t.dtype.legacyTypeName} [${t._shape.join(', ')}]]${which} is at version ${t._vc.v}; expected version ${this.version} instead. ` +
          'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      );
    }
    return t;
  }
  release(): void {
    this.tensor = null;
  }
}

export type BackwardFn = (grads: Tensor[], saved: SavedList, node: FunctionNode) => (Tensor | null)[];

/** Lazy access to saved tensors: only what a formula reads is version-checked. */
export class SavedList {
  /** @internal the node these were saved for (named by the version-counter error) */
  _owner: Node | null = null;
  constructor(private readonly items: (SavedVariable | null)[]) {}
  get(i: number): Tensor {
    const s = this.items[i];
    if (!s) throw new RuntimeError(FREED_MESSAGE);
    return s.unpack(this._owner);
  }
  release(): void {
    for (const s of this.items) s?.release();
  }
}

/** The grad_fn of one op application: its PyTorch name, saved values and backward formula. */
export class FunctionNode extends Node {
  /** Which forward inputs need a gradient (PyTorch's needs_input_grad). */
  readonly needs: boolean[];
  /** Non-tensor values the formula needs (dims, scalars, shapes). */
  readonly attrs: Readonly<Record<string, unknown>>;
  _saved: SavedList;
  constructor(
    private readonly _name: string,
    next: Edge[],
    private readonly backwardFn: BackwardFn,
    saved: SavedList,
    attrs: Readonly<Record<string, unknown>>,
  ) {
    super(next);
    this.needs = next.map((e) => e[0] !== null);
    this._saved = saved;
    this.attrs = attrs;
  }
  name(): string {
    return this._name;
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    this._saved._owner = this;
    return this.backwardFn(grads as Tensor[], this._saved, this);
  }
  override _release(): void {
    this._saved.release();
  }
}

export { FREED_MESSAGE };
