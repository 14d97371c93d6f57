// torch.autograd.functional (torch/autograd/functional.py): vjp, jvp, jacobian, hessian, vhp, hvp.
// jvp and hvp use the double-backward trick, as PyTorch does. A tuple of inputs or outputs is
// an array here, and results come back as a single tensor or (nested) arrays exactly where
// PyTorch returns a tensor or (nested) tuples.
import { Tensor } from '../tensor/tensor.ts';
import { NotImplementedError, RuntimeError, TorchTypeError } from '../errors.ts';
import { grad } from './api.ts';
import { enable_grad, is_grad_enabled, set_grad_enabled } from './grad_mode.ts';
import { pyTypeName } from './function.ts';
import { detach } from '../ops/copy.ts';
import { zeros_of } from '../ops/alloc.ts';
import { reshape, select, squeeze, view } from '../ops/shape/views.ts';
import { stack } from '../ops/reduce_shape.ts';

/** A tensor, or an array of them (PyTorch's tuple of tensors). */
export type Tensors = Tensor | readonly Tensor[];
/** The user function: takes the inputs as separate arguments. */
export type FunctionalFn = (...inputs: never[]) => Tensors;
type AnyFn = (...inputs: unknown[]) => unknown;
/** Nested results: a tensor, an array of tensors, or an array of arrays of tensors. */
type Nested = Tensor | readonly Nested[];
/** A tensor where PyTorch gives a tensor, an array where it gives a tuple. */
export type Like<T> = T extends Tensor ? Tensor : Tensor[];
/** jacobian's result for outputs O and inputs I. */
export type JacobianOf<O, I> = O extends Tensor ? Like<I> : I extends Tensor ? Tensor[] : Tensor[][];
/** hessian's result for inputs I. */
export type HessianOf<I> = I extends Tensor ? Tensor : Tensor[][];

export interface ProductOptions {
  create_graph?: boolean;
  strict?: boolean;
}
export interface JacobianOptions extends ProductOptions {
  /** Needs vmap, which ts-torch does not have: only false is accepted. */
  vectorize?: boolean;
  strategy?: 'reverse-mode' | 'forward-mode';
}
export interface HessianOptions extends ProductOptions {
  vectorize?: boolean;
  outer_jacobian_strategy?: 'reverse-mode' | 'forward-mode';
}

// ---- utilities (same names as functional.py) ---------------------------------------------------

function asTupleChecked(inp: unknown, argName: string, fnName: string): [boolean, Tensor[]] {
  const isTuple = Array.isArray(inp);
  const t = isTuple ? (inp as unknown[]).slice() : [inp];
  t.forEach((el, i) => {
    if (el instanceof Tensor) return;
    const type = `<class '${pyTypeName(el)}'>`;
    throw new TorchTypeError(
      isTuple
        ? `The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the value at index ${i} has type ${type}.`
        : `The ${argName} given to ${fnName} must be either a Tensor or a tuple of Tensors but the given ${argName} has type ${type}.`,
    );
  });
  return [isTuple, t as Tensor[]];
}

function tuplePostprocess<T = Nested>(res: readonly Nested[], toUnpack: boolean | [boolean, boolean]): T {
  let r: Nested = res;
  if (Array.isArray(toUnpack)) {
    if (!toUnpack[1]) r = (r as readonly Nested[]).map((el) => (el as readonly Nested[])[0] as Nested);
    if (!toUnpack[0]) r = (r as readonly Nested[])[0] as Nested;
  } else if (!toUnpack) {
    r = (r as readonly Nested[])[0] as Nested;
  }
  // The structure follows toUnpack, which callers derive from their types (Like, JacobianOf…).
  return r as T;
}

function gradPreprocess(inputs: Tensor[], createGraph: boolean, needGraph: boolean): Tensor[] {
  // Always a new tensor object, so that inputs captured by the function are told apart.
  return inputs.map((inp) => (createGraph && inp.requires_grad ? view(inp, [inp._shape]) : detach(inp).requires_grad_(needGraph)));
}

function gradPostprocess(inputs: readonly Nested[], createGraph: boolean): Nested[] {
  if (inputs[0] instanceof Tensor) return createGraph ? inputs.slice() : inputs.map((t) => detach(t as Tensor));
  return inputs.map((inp) => gradPostprocess(inp as readonly Nested[], createGraph));
}

function sizeStr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

function validateV(v: Tensor[], other: Tensor[], isOtherTuple: boolean): void {
  if (other.length !== v.length) {
    if (isOtherTuple) throw new RuntimeError(`v is a tuple of invalid length: should be ${other.length} but got ${v.length}.`);
    throw new RuntimeError('The given v should contain a single Tensor.');
  }
  v.forEach((elV, idx) => {
    const elOther = other[idx] as Tensor;
    if (elV._shape.length !== elOther._shape.length || elV._shape.some((d, k) => d !== elOther._shape[k])) {
      const prepend = isOtherTuple ? `Entry ${idx} in ` : '';
      throw new RuntimeError(`${prepend}v has invalid size: should be ${sizeStr(elOther._shape)} but got ${sizeStr(elV._shape)}.`);
    }
  });
}

type CheckKind = 'outputs' | 'grad_inputs' | 'jacobian' | 'hessian';

function checkRequiresGrad(inputs: readonly (Nested | null)[], inputType: CheckKind, strict: boolean): void {
  if (!strict) return;
  inputs.forEach((inp, i) => {
    if (inp === null) {
      throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
    }
    // Nested results (jacobian of several inputs) are tuples: Python's tuple has no requires_grad.
    if (inp instanceof Tensor && inp.requires_grad) return;
    if (inputType === 'hessian') {
      throw new RuntimeError(
        `The hessian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is thrice differentiable and that the hessian depends on the inputs.`,
      );
    } else if (inputType === 'jacobian') {
      throw new RuntimeError(
        `While computing the hessian, found that the jacobian of the user-provided function with respect to input ${i} is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).`,
      );
    } else if (inputType === 'grad_inputs') {
      throw new RuntimeError(
        `The gradient with respect to input ${i} is independent of the inputs of the user-provided function. This is not allowed in strict mode.`,
      );
    }
    throw new RuntimeError(
      `Output ${i} of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.`,
    );
  });
}

/** autograd.grad that skips outputs not requiring grad (all null when none does). */
function autogradGrad(
  outputs: readonly (Tensor | null)[],
  inputs: Tensor[],
  gradOutputs: readonly (Tensor | null)[] | null,
  createGraph: boolean,
  retainGraph: boolean | null = null,
): (Tensor | null)[] {
  const gos = gradOutputs ?? outputs.map(() => null);
  const newOutputs: Tensor[] = [];
  const newGradOutputs: (Tensor | null)[] = [];
  outputs.forEach((out, i) => {
    if (out !== null && out.requires_grad) {
      newOutputs.push(out);
      newGradOutputs.push(gos[i] ?? null);
    }
  });
  if (newOutputs.length === 0) return inputs.map(() => null);
  return grad(newOutputs, inputs, { grad_outputs: newGradOutputs, allow_unused: true, create_graph: createGraph, retain_graph: retainGraph });
}

type Stage = 'back' | 'back_trick' | 'double_back' | 'double_back_trick';

function fillInZeros(grads: readonly (Tensor | null)[], refs: Tensor[], strict: boolean, createGraph: boolean, stage: Stage): Tensor[] {
  return grads.map((g, i) => {
    if (g === null) {
      if (strict) {
        if (stage === 'back') {
          throw new RuntimeError(`The output of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
        } else if (stage === 'back_trick') {
          throw new RuntimeError(
            `The gradient with respect to the input is independent of entry ${i} in the grad_outputs when using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.`,
          );
        } else if (stage === 'double_back') {
          throw new RuntimeError(`The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode.`);
        }
        throw new RuntimeError(
          `The hessian of the user-provided function is independent of entry ${i} in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.`,
        );
      }
      const r = refs[i] as Tensor;
      return zeros_of(r._shape, r.dtype);
    }
    if (strict && createGraph && !g.requires_grad) {
      if (!stage.includes('double')) {
        throw new RuntimeError(`The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`);
      }
      throw new RuntimeError(`The hessian of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`);
    }
    return g;
  });
}

function zerosLikeRequiringGrad(t: Tensor): Tensor {
  return zeros_of(t._shape, t.dtype).requires_grad_(true);
}

// ---- argument parsing (porting rule 2: positional, or a trailing options object) ---------------

function isOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !(x instanceof Tensor) && !Array.isArray(x);
}

/** The positional arguments after `inputs`, by PyTorch's parameter names, merged with options. */
function parseRest<T>(rest: readonly unknown[], names: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  const last = rest[rest.length - 1];
  const positional = isOptions(last) && rest.length > 0 ? rest.slice(0, -1) : rest;
  positional.forEach((v, i) => {
    if (v !== undefined) out[names[i] as string] = v;
  });
  if (isOptions(last)) Object.assign(out, last);
  return out as Partial<T>;
}

interface ProductArgs extends ProductOptions {
  v?: Tensors | null;
}
const PRODUCT_PARAMS = ['v', 'create_graph', 'strict'] as const;

// ---- public API --------------------------------------------------------------------------------

/**
 * vjp(func, inputs, v = null, create_graph = false, strict = false): `[func_output, vjp]`, the
 * dot product of v with the Jacobian of func at inputs (shaped like the inputs).
 */
export function vjp<O extends Tensors, I extends Tensors>(
  func: (...inputs: never[]) => O,
  inputs: I,
  ...rest: (Tensors | boolean | null | ProductArgs | undefined)[]
): [Like<O>, Like<I>] {
  const o = parseRest<ProductArgs>(rest, PRODUCT_PARAMS);
  const createGraph = o.create_graph ?? false;
  const strict = o.strict ?? false;
  const [isInputsTuple, ins, isOutputsTuple, outputs, v] = enable_grad(() => {
    const [iit, raw] = asTupleChecked(inputs, 'inputs', 'vjp');
    const prepped = gradPreprocess(raw, createGraph, true);
    const [iot, outs] = asTupleChecked((func as AnyFn)(...prepped), 'outputs of the user-provided function', 'vjp');
    checkRequiresGrad(outs, 'outputs', strict);
    let vs: Tensor[] | null = null;
    if (o.v != null) {
      vs = gradPreprocess(asTupleChecked(o.v, 'v', 'vjp')[1], createGraph, false);
      validateV(vs, outs, iot);
    } else if (outs.length !== 1 || (outs[0] as Tensor).numel() !== 1) {
      throw new RuntimeError('The vector v can only be None if the user-provided function returns a single Tensor with a single element.');
    }
    return [iit, prepped, iot, outs, vs] as const;
  });
  const res = set_grad_enabled(createGraph ? true : is_grad_enabled(), () =>
    fillInZeros(autogradGrad(outputs, ins, v, createGraph), ins, strict, createGraph, 'back'),
  );
  return [
    tuplePostprocess(gradPostprocess(outputs, createGraph), isOutputsTuple),
    tuplePostprocess(gradPostprocess(res, createGraph), isInputsTuple),
  ];
}

/**
 * jvp(func, inputs, v = null, create_graph = false, strict = false): `[func_output, jvp]`, the
 * Jacobian of func at inputs times v (shaped like the outputs), by the double-backward trick.
 */
export function jvp<O extends Tensors, I extends Tensors>(
  func: (...inputs: never[]) => O,
  inputs: I,
  ...rest: (Tensors | boolean | null | ProductArgs | undefined)[]
): [Like<O>, Like<O>] {
  const o = parseRest<ProductArgs>(rest, PRODUCT_PARAMS);
  const createGraph = o.create_graph ?? false;
  const strict = o.strict ?? false;
  const [isOutputsTuple, outputs, v, gradOutputs, gradInputs] = enable_grad(() => {
    const [iit, raw] = asTupleChecked(inputs, 'inputs', 'jvp');
    const prepped = gradPreprocess(raw, createGraph, true);
    let vs: Tensor[] | null = null;
    if (o.v != null) {
      vs = gradPreprocess(asTupleChecked(o.v, 'v', 'jvp')[1], createGraph, false);
      validateV(vs, prepped, iit);
    } else if (prepped.length !== 1 || (prepped[0] as Tensor).numel() !== 1) {
      throw new RuntimeError('The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.');
    }
    const [iot, outs] = asTupleChecked((func as AnyFn)(...prepped), 'outputs of the user-provided function', 'jvp');
    checkRequiresGrad(outs, 'outputs', strict);
    const gos = outs.map(zerosLikeRequiringGrad);
    const gis = autogradGrad(outs, prepped, gos, true);
    checkRequiresGrad(gis, 'grad_inputs', strict);
    return [iot, outs, vs, gos, gis] as const;
  });
  const compute = (): Tensor[] => fillInZeros(autogradGrad(gradInputs, gradOutputs, v, createGraph), outputs, strict, createGraph, 'back_trick');
  const res = createGraph ? enable_grad(compute) : compute();
  return [
    tuplePostprocess(gradPostprocess(outputs, createGraph), isOutputsTuple),
    tuplePostprocess(gradPostprocess(res, createGraph), isOutputsTuple),
  ];
}

/**
 * jacobian(func, inputs, create_graph = false, strict = false, vectorize = false,
 * strategy = 'reverse-mode'): a tensor for one input and one output, an array when one of them
 * is an array, an array of arrays (`[output][input]`) when both are.
 */
export function jacobian<O extends Tensors, I extends Tensors>(
  func: (...inputs: never[]) => O,
  inputs: I,
  ...rest: (boolean | string | JacobianOptions | undefined)[]
): JacobianOf<O, I> {
  const o = parseRest<JacobianOptions>(rest, ['create_graph', 'strict', 'vectorize', 'strategy']);
  const createGraph = o.create_graph ?? false;
  const strict = o.strict ?? false;
  const strategy = o.strategy ?? 'reverse-mode';
  if (strategy !== 'forward-mode' && strategy !== 'reverse-mode') {
    throw new Error(
      'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".',
    );
  }
  if (strategy === 'forward-mode') {
    if (createGraph) {
      throw new NotImplementedError(
        'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are not supported together (yet). Please either set `create_graph=False` or `strategy="reverse-mode"`.',
      );
    }
    if (strict) {
      throw new RuntimeError(
        'torch.autograd.functional.jacobian: `strict=True` and `strategy="forward-mode"` are not supported together (yet). Please either set `strict=False` or `strategy="reverse-mode"`.',
      );
    }
    if (!(o.vectorize ?? false)) {
      throw new NotImplementedError('Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for `vectorize=True`.');
    }
  }
  if (o.vectorize ?? false) throw new NotImplementedError("ts-torch's jacobian does not support vectorize=True (it needs vmap)");
  return enable_grad(() => {
    const [isInputsTuple, raw] = asTupleChecked(inputs, 'inputs', 'jacobian');
    const ins = gradPreprocess(raw, createGraph, true);
    const [isOutputsTuple, outputs] = asTupleChecked((func as AnyFn)(...ins), 'outputs of the user-provided function', 'jacobian');
    checkRequiresGrad(outputs, 'outputs', strict);
    const result: Tensor[][] = outputs.map((out, i) => {
      const jacI: Tensor[][] = ins.map(() => []);
      const flat = reshape(out, [-1]);
      for (let j = 0; j < out.numel(); j++) {
        const vj = autogradGrad([select(flat, 0, j)], ins, null, createGraph, true);
        vj.forEach((vjEl, elIdx) => {
          if (vjEl !== null) {
            if (strict && createGraph && !vjEl.requires_grad) {
              throw new RuntimeError(
                `The jacobian of the user-provided function is independent of input ${i}. This is not allowed in strict mode when create_graph=True.`,
              );
            }
            (jacI[elIdx] as Tensor[]).push(vjEl);
          } else {
            if (strict) {
              throw new RuntimeError(`Output ${i} of the user-provided function is independent of input ${elIdx}. This is not allowed in strict mode.`);
            }
            const inp = ins[elIdx] as Tensor;
            (jacI[elIdx] as Tensor[]).push(zeros_of(inp._shape, inp.dtype));
          }
        });
      }
      return jacI.map((el, elIdx) => view(stack(el, 0), [[...out._shape, ...(ins[elIdx] as Tensor)._shape]]));
    });
    return tuplePostprocess(gradPostprocess(result, createGraph), [isOutputsTuple, isInputsTuple]);
  });
}

/**
 * hessian(func, inputs, create_graph = false, strict = false, vectorize = false,
 * outer_jacobian_strategy = 'reverse-mode') of a function returning one element: a tensor for
 * one input, else an array of arrays (`[i][j]` for inputs i and j).
 */
export function hessian<I extends Tensors>(
  func: FunctionalFn,
  inputs: I,
  ...rest: (boolean | string | HessianOptions | undefined)[]
): HessianOf<I> {
  const o = parseRest<HessianOptions>(rest, ['create_graph', 'strict', 'vectorize', 'outer_jacobian_strategy']);
  const strict = o.strict ?? false;
  const strategy = o.outer_jacobian_strategy ?? 'reverse-mode';
  const [isInputsTuple, ins] = asTupleChecked(inputs, 'inputs', 'hessian');
  if (strategy !== 'forward-mode' && strategy !== 'reverse-mode') throw new Error('Expected strategy to be either "forward-mode" or "reverse-mode".');
  const ensureSingleOutputFunction = (...inp: Tensor[]): Tensor => {
    const out = (func as AnyFn)(...inp);
    const [isOutTuple, tOut] = asTupleChecked(out, 'outputs of the user-provided function', 'hessian');
    checkRequiresGrad(tOut, 'outputs', strict);
    if (isOutTuple || !(out instanceof Tensor)) throw new RuntimeError('The function given to hessian should return a single Tensor');
    if (out.numel() !== 1) throw new RuntimeError('The Tensor returned by the function given to hessian should contain a single element');
    return squeeze(out);
  };
  const jacFunc = (...inp: Tensor[]): Tensors => {
    if (strategy === 'forward-mode') inp.forEach((t) => t.requires_grad_(true));
    const jac = jacobian(ensureSingleOutputFunction as FunctionalFn, inp, { create_graph: true }) as readonly Tensor[];
    checkRequiresGrad(jac, 'jacobian', strict);
    return jac;
  };
  const res = jacobian(jacFunc as FunctionalFn, ins, {
    create_graph: o.create_graph ?? false,
    strict,
    vectorize: o.vectorize ?? false,
    strategy,
  });
  return tuplePostprocess(res as readonly Nested[], [isInputsTuple, isInputsTuple]);
}

/** The shared prefix of vhp and hvp: preprocessed inputs, v, outputs and the Jacobian. */
function hessianProductSetup(func: FunctionalFn, inputs: Tensors, o: ProductArgs, fnName: 'vhp' | 'hvp') {
  const createGraph = o.create_graph ?? false;
  const strict = o.strict ?? false;
  const [isInputsTuple, raw] = asTupleChecked(inputs, 'inputs', fnName);
  const ins = gradPreprocess(raw, createGraph, true);
  let v: Tensor[] | null = null;
  if (o.v != null) {
    v = gradPreprocess(asTupleChecked(o.v, 'v', fnName)[1], createGraph, false);
    validateV(v, ins, isInputsTuple);
  } else if (ins.length !== 1 || (ins[0] as Tensor).numel() !== 1) {
    throw new RuntimeError('The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.');
  }
  const [isOutputsTuple, outputs] = asTupleChecked((func as AnyFn)(...ins), 'outputs of the user-provided function', fnName);
  checkRequiresGrad(outputs, 'outputs', strict);
  if (isOutputsTuple || !(outputs[0] instanceof Tensor)) throw new RuntimeError(`The function given to ${fnName} should return a single Tensor`);
  if ((outputs[0] as Tensor).numel() !== 1) {
    throw new RuntimeError(`The Tensor returned by the function given to ${fnName} should contain a single element`);
  }
  const jac = autogradGrad(outputs, ins, null, true);
  checkRequiresGrad(jac, 'jacobian', strict);
  return { createGraph, strict, isInputsTuple, isOutputsTuple, ins, v, outputs, jac };
}

/**
 * vhp(func, inputs, v = null, create_graph = false, strict = false): `[func_output, vhp]`, v
 * times the Hessian of the scalar function func at inputs.
 */
export function vhp<I extends Tensors>(
  func: FunctionalFn,
  inputs: I,
  ...rest: (Tensors | boolean | null | ProductArgs | undefined)[]
): [Tensor, Like<I>] {
  const o = parseRest<ProductArgs>(rest, PRODUCT_PARAMS);
  const s = enable_grad(() => hessianProductSetup(func, inputs, o, 'vhp'));
  const res = set_grad_enabled(s.createGraph ? true : is_grad_enabled(), () =>
    fillInZeros(autogradGrad(s.jac, s.ins, s.v, s.createGraph), s.ins, s.strict, s.createGraph, 'double_back'),
  );
  return [
    tuplePostprocess(gradPostprocess(s.outputs, s.createGraph), s.isOutputsTuple),
    tuplePostprocess(gradPostprocess(res, s.createGraph), s.isInputsTuple),
  ];
}

/**
 * hvp(func, inputs, v = null, create_graph = false, strict = false): `[func_output, hvp]`, the
 * Hessian of the scalar function func at inputs times v (double-backward trick).
 */
export function hvp<I extends Tensors>(
  func: FunctionalFn,
  inputs: I,
  ...rest: (Tensors | boolean | null | ProductArgs | undefined)[]
): [Tensor, Like<I>] {
  const o = parseRest<ProductArgs>(rest, PRODUCT_PARAMS);
  const [s, gradJac, doubleBack] = enable_grad(() => {
    const setup = hessianProductSetup(func, inputs, o, 'hvp');
    const gj = setup.ins.map(zerosLikeRequiringGrad);
    const db = autogradGrad(setup.jac, setup.ins, gj, true);
    checkRequiresGrad(setup.jac, 'hessian', setup.strict);
    return [setup, gj, db] as const;
  });
  const res = set_grad_enabled(s.createGraph ? true : is_grad_enabled(), () =>
    fillInZeros(autogradGrad(doubleBack, gradJac, s.v, s.createGraph), s.ins, s.strict, s.createGraph, 'double_back_trick'),
  );
  return [
    tuplePostprocess(gradPostprocess(s.outputs, s.createGraph), s.isOutputsTuple),
    tuplePostprocess(gradPostprocess(res, s.createGraph), s.isInputsTuple),
  ];
}
