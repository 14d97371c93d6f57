// PyTorch's Python argument parser (torch/csrc/utils/python_arg_parser.cpp), as far as the
// factories need it: matching positional arguments and a trailing options object against a
// function's overloads, and raising the TypeError texts Python users see when they do not fit.
import { TorchTypeError } from '../errors.ts';
import { Tensor, Device } from './tensor.ts';
import { dtype } from './dtype.ts';

/** What a JS value is called in Python's messages (`type(x).__name__`). */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'function':
      return 'function';
    default:
      break;
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof Tensor) return 'Tensor';
  if (v instanceof dtype) return 'torch.dtype';
  if (v instanceof Device) return 'torch.device';
  if (ArrayBuffer.isView(v)) return 'numpy.ndarray';
  if (v instanceof ArrayBuffer) return 'bytearray';
  return 'dict';
}

/** A trailing plain object holds keyword arguments (porting rule 2). */
export function isOptionsObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Splits `f(a, b, {k: v})` into positional arguments and keyword arguments. */
export function splitArgs(args: readonly unknown[]): { pos: unknown[]; kw: Map<string, unknown> } {
  let pos = args.slice();
  const kw = new Map<string, unknown>();
  const last = pos[pos.length - 1];
  if (pos.length > 0 && isOptionsObject(last)) {
    pos = pos.slice(0, -1);
    for (const [k, v] of Object.entries(last)) if (v !== undefined) kw.set(k, v);
  }
  // JS callers forward optional parameters as undefined: those are absent arguments.
  while (pos.length > 0 && pos[pos.length - 1] === undefined) pos.pop();
  return { pos, kw };
}

/** Parameter types of the parser, named as in PyTorch's messages. */
export type ParamType =
  | 'SymIntList'
  | 'IntList'
  | 'Number'
  | 'int'
  | 'float'
  | 'bool'
  | 'dtype'
  | 'Tensor'
  | 'object'
  | 'names'
  | 'layout'
  | 'device'
  | 'memory_format';

const TYPE_NAMES: Record<ParamType, string> = {
  SymIntList: 'tuple of SymInts',
  IntList: 'tuple of ints',
  Number: 'Number',
  int: 'int',
  float: 'float',
  bool: 'bool',
  dtype: 'torch.dtype',
  Tensor: 'Tensor',
  object: 'object',
  names: 'tuple of names',
  layout: 'torch.layout',
  device: 'torch.device',
  memory_format: 'torch.memory_format',
};

export interface Param {
  readonly name: string;
  readonly type: ParamType;
  readonly kwOnly: boolean;
  /** has a default: may be left out */
  readonly optional: boolean;
  /** accepts None (null) */
  readonly allowNone: boolean;
}

export interface Signature {
  readonly fn: string;
  readonly params: readonly Param[];
  /** The overload as PyTorch prints it in "expected one of" lists. */
  readonly text: string;
}

/**
 * Builds a signature from PyTorch-like parameter specs: `'size: SymIntList'` (required),
 * `'step: Number = 1'` (optional), `'dtype: dtype?'` (optional, None allowed), `'names: names!'`
 * (required, None allowed), and `'*'` before keyword-only ones.
 */
export function signature(fn: string, text: string, ...specs: string[]): Signature {
  const params: Param[] = [];
  let kwOnly = false;
  for (const spec of specs) {
    if (spec === '*') {
      kwOnly = true;
      continue;
    }
    const m = /^(\w+): (\w+)(\?|!| = .*)?$/.exec(spec);
    if (m === null) throw new Error(`bad parameter spec ${spec}`);
    const mod = m[3] ?? '';
    params.push({
      name: m[1] as string,
      type: m[2] as ParamType,
      kwOnly,
      optional: mod === '?' || mod.startsWith(' = '),
      allowNone: mod === '?' || mod === '!',
    });
  }
  return { fn, params, text };
}

/** The keyword-only parameters every tensor factory takes (without `out` or `names`). */
export const FACTORY_KW = ['dtype: dtype?', 'layout: layout?', 'device: device?', 'pin_memory: bool?', 'requires_grad: bool?'];

function isStrictInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}

function isIntListLike(v: unknown): boolean {
  return Array.isArray(v) && (v.length === 0 || isStrictInt(v[0]));
}

function check(p: Param, v: unknown): boolean {
  switch (p.type) {
    case 'SymIntList':
    case 'IntList':
      return isIntListLike(v);
    case 'Number':
      return typeof v === 'number' || typeof v === 'boolean' || (v instanceof Tensor && v.dim() === 0);
    case 'int':
      return isStrictInt(v);
    case 'float':
      return typeof v === 'number' || typeof v === 'boolean';
    case 'bool':
      return typeof v === 'boolean';
    case 'dtype':
      return v instanceof dtype;
    case 'Tensor':
      return v instanceof Tensor;
    case 'object':
      return true;
    case 'device':
      return v === 'cpu' || (v instanceof Device && v.type === 'cpu');
    case 'names':
    case 'layout':
    case 'memory_format':
      return false; // only None is supported
  }
}

function minArgs(sig: Signature): number {
  return sig.params.filter((p) => !p.optional).length;
}

function maxPosArgs(sig: Signature): number {
  return sig.params.filter((p) => !p.kwOnly).length;
}

export type Parsed = Map<string, unknown>;

/** Tries one overload: the bound values, or (raise) PyTorch's TypeError for why not. */
function parseOne(sig: Signature, pos: readonly unknown[], kw: ReadonlyMap<string, unknown>, raise: boolean): Parsed | null {
  const nargs = pos.length;
  const maxPos = maxPosArgs(sig);
  const first = sig.params[0];
  const varargsIntList = maxPos === 1 && first !== undefined && (first.type === 'SymIntList' || first.type === 'IntList');
  if (nargs > maxPos && !varargsIntList) {
    if (raise) throw extraArgs(sig, nargs);
    return null;
  }
  const out: Parsed = new Map();
  let argPos = 0;
  let remainingKw = kw.size;
  for (let i = 0; i < sig.params.length; i++) {
    const p = sig.params[i] as Param;
    let v: unknown;
    let isKw = false;
    if (argPos < nargs) {
      if (p.kwOnly) {
        if (raise) throw extraArgs(sig, nargs);
        return null;
      }
      v = pos[argPos];
    } else {
      v = kw.get(p.name);
      isKw = true;
    }
    if ((v === undefined && p.optional) || (v === null && p.allowNone)) {
      out.set(p.name, null);
    } else if (v === undefined) {
      if (raise) throw missingArgs(sig, i);
      return null;
    } else if (check(p, v)) {
      out.set(p.name, v);
    } else if (varargsIntList && argPos === 0 && !isKw && isStrictInt(pos[0])) {
      // f(2, 3) is f((2, 3)): all positional arguments form the size.
      out.set(p.name, pos.slice());
      argPos = nargs;
      continue;
    } else if (raise) {
      const where = isKw ? '' : ` (position ${argPos + 1})`;
      throw new TorchTypeError(`${sig.fn}(): argument '${p.name}'${where} must be ${TYPE_NAMES[p.type]}, not ${pyTypeName(v)}`);
    } else {
      return null;
    }
    if (!isKw) argPos++;
    else if (v !== undefined) remainingKw--;
  }
  if (remainingKw > 0) {
    if (raise) {
      for (const k of kw.keys()) {
        if (!sig.params.some((p) => p.name === k)) {
          return throwErr(`${sig.fn}() got an unexpected keyword argument '${k}'`);
        }
      }
      // A keyword naming a parameter already given positionally.
      for (const k of kw.keys()) {
        const idx = sig.params.findIndex((p) => p.name === k);
        if (idx < nargs) return throwErr(`${sig.fn}() got multiple values for argument '${k}'`);
      }
    }
    return null;
  }
  return out;
}

function throwErr(msg: string): never {
  throw new TorchTypeError(msg);
}

function extraArgs(sig: Signature, nargs: number): TorchTypeError {
  const maxPos = maxPosArgs(sig);
  const min = minArgs(sig);
  if (min !== maxPos) {
    return new TorchTypeError(`${sig.fn}() takes from ${min} to ${maxPos} positional arguments but ${nargs} were given`);
  }
  return new TorchTypeError(
    `${sig.fn}() takes ${maxPos} positional argument${maxPos === 1 ? '' : 's'} but ${nargs} ${nargs === 1 ? 'was' : 'were'} given`,
  );
}

function missingArgs(sig: Signature, idx: number): TorchTypeError {
  const missing = sig.params.slice(idx).filter((p) => !p.optional).map((p) => `"${p.name}"`);
  // PyTorch's message says "arguments" for exactly one (sic).
  return new TorchTypeError(
    `${sig.fn}() missing ${missing.length} required positional argument${missing.length === 1 ? 's' : ''}: ${missing.join(', ')}`,
  );
}

/** "got (int, dtype=str)": positional types, then keywords; a trailing ", " stays when only keywords (as PyTorch). */
function argDesc(pos: readonly unknown[], kw: ReadonlyMap<string, unknown>): string {
  let r = '(';
  for (const a of pos) r += `${pyTypeName(a)}, `;
  for (const [k, v] of kw) r += `${k}=${pyTypeName(v)}, `;
  if (pos.length > 0) r = r.slice(0, -2);
  return r + ')';
}

/** The simple-type matching of torch/csrc/utils/invalid_arguments.cpp, for "didn't match" lines. */
function optionArgTypes(text: string): string[] {
  return text
    .slice(1, -1)
    .split(', ')
    .map((a) => a.slice(0, a.lastIndexOf(' ')));
}

function invalidCombination(fn: string, sigs: readonly Signature[], pos: readonly unknown[], kw: ReadonlyMap<string, unknown>): TorchTypeError {
  let msg = `${fn}() received an invalid combination of arguments - got ${argDesc(pos, kw)}, but expected one of:\n`;
  for (const sig of sigs) {
    msg += ` * ${sig.text}\n`;
    const types = optionArgTypes(sig.text);
    // Only overloads whose argument count matches get an explanation line; factory overloads,
    // with their many keyword-only parameters, never do.
    if (types.length === pos.length + kw.size && kw.size === 0) {
      const marked = pos.map((a, i) => (pyTypeName(a) === types[i] ? pyTypeName(a) : `!${pyTypeName(a)}!`));
      msg += `      didn't match because some of the arguments have invalid types: (${marked.join(', ')})\n`;
    }
  }
  return new TorchTypeError(msg);
}

/**
 * Matches arguments against a function's overloads as PyTorch's PythonArgParser does. Returns
 * the index of the overload that matched and the bound values (null for absent optional ones).
 */
export function parseArgs(sigs: readonly Signature[], args: readonly unknown[]): { index: number; values: Parsed } {
  const { pos, kw } = splitArgs(args);
  for (let i = 0; i < sigs.length; i++) {
    const r = parseOne(sigs[i] as Signature, pos, kw, sigs.length === 1);
    if (r !== null) return { index: i, values: r };
  }
  const numArgs = pos.length + kw.size;
  const plausible = sigs.filter((s) => numArgs >= minArgs(s) && numArgs <= s.params.length);
  if (plausible.length === 1) parseOne(plausible[0] as Signature, pos, kw, true);
  throw invalidCombination((sigs[0] as Signature).fn, sigs, pos, kw);
}

/**
 * The elements of a parsed size: ints, and booleans as 0/1 (Python's bool is an int), with
 * PyTorch's error for anything else.
 */
export function unpackSize(fn: string, name: string, v: unknown, type: ParamType = 'SymIntList'): number[] {
  const list = v as readonly unknown[];
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (isStrictInt(e)) out.push((e as number) + 0);
    else if (typeof e === 'boolean') out.push(e ? 1 : 0);
    else {
      throw new TorchTypeError(
        `${fn}(): argument '${name}' must be ${TYPE_NAMES[type]}, but found element of type ${pyTypeName(e)} at pos ${i + 1}`,
      );
    }
  }
  return out;
}
