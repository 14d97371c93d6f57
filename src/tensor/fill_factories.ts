// torch.zeros, ones, empty, full, eye, scalar_tensor: tensors of a given size and one value.
import { RuntimeError } from '../errors.ts';
import { bool, get_default_dtype, int64, type dtype } from './dtype.ts';
import { contiguousStrides, checkSizes } from './shape.ts';
import { Tensor } from './tensor.ts';
import { allocStorage, dtypeOr, emptyTensor, finish, type FactoryOptions, type SizeArgs } from './factory_common.ts';
import { FACTORY_KW, parseArgs, signature, unpackSize, type Param, type Parsed, type Signature } from './pyargs.ts';
import { scalarTo } from './scalar_convert.ts';

const KW_TEXT = 'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad';

function sizeSigs(fn: string, extraPos: string[], extraText: string, memoryFormat: boolean): Signature[] {
  const mf = memoryFormat ? ['memory_format: memory_format?'] : [];
  const mfText = memoryFormat ? 'torch.memory_format memory_format, ' : '';
  return [
    signature(fn, `(tuple of ints size, ${extraText}*, tuple of names names, ${mfText}${KW_TEXT})`, 'size: IntList', ...extraPos, '*', 'names: names!', ...mf, ...FACTORY_KW),
    signature(fn, `(tuple of SymInts size, ${extraText}*, ${mfText}Tensor out, ${KW_TEXT})`, 'size: SymIntList', ...extraPos, '*', ...mf, ...FACTORY_KW),
  ];
}

const ZEROS = sizeSigs('zeros', [], '', false);
const ONES = sizeSigs('ones', [], '', false);
const EMPTY = sizeSigs('empty', [], '', true);
const FULL = sizeSigs('full', ['fill_value: Number'], 'Number fill_value, ', false);
const EYE = [
  signature('eye', `(int n, *, Tensor out, ${KW_TEXT})`, 'n: int', '*', ...FACTORY_KW),
  signature('eye', `(int n, int m, *, Tensor out, ${KW_TEXT})`, 'n: int', 'm: int', '*', ...FACTORY_KW),
];
const SCALAR_TENSOR = [signature('scalar_tensor', '', 's: Number', '*', ...FACTORY_KW)];

/** The size a parsed call asked for, with PyTorch's element and negative-dimension errors. */
export function parsedSize(sigs: readonly Signature[], index: number, values: Parsed, name = 'size'): number[] {
  const sig = sigs[index] as Signature;
  const p = sig.params.find((q) => q.name === name) as Param;
  return checkSizes(unpackSize(sig.fn, name, values.get(name), p.type));
}

/** A contiguous tensor of `shape` with every element `stored` (already converted to dt). */
export function filled(shape: number[], dt: dtype, stored: number): Tensor {
  const data = allocStorage(shape, dt);
  if (stored !== 0) data.fill(stored);
  return new Tensor(data, shape, contiguousStrides(shape), 0, dt);
}

/** A JS number, boolean or one-element tensor as a Python Scalar (a tensor gives its item). */
export function scalarValue(v: unknown): number | boolean {
  if (v instanceof Tensor) return v.item();
  return v as number | boolean;
}

/** full()'s dtype when none is given: bool for a bool fill, else the default (porting rule 4). */
export function inferFullDtype(fill: unknown): dtype {
  if (typeof fill === 'boolean') return bool;
  if (fill instanceof Tensor) {
    if (fill.dtype === bool) return bool;
    if (!fill.dtype.is_floating_point) return int64;
  }
  return get_default_dtype();
}

/** torch.zeros(*size, dtype=None, requires_grad=False) */
export function zeros(...args: SizeArgs): Tensor {
  const { index, values } = parseArgs(ZEROS, args);
  const shape = parsedSize(ZEROS, index, values);
  return finish(emptyTensor(shape, dtypeOr(values)), values);
}

/** torch.ones(*size, dtype=None, requires_grad=False) */
export function ones(...args: SizeArgs): Tensor {
  const { index, values } = parseArgs(ONES, args);
  const shape = parsedSize(ONES, index, values);
  const dt = dtypeOr(values);
  return finish(filled(shape, dt, 1), values);
}

/** torch.empty(*size): uninitialised in PyTorch; zero-filled here (JS memory always is). */
export function empty(...args: SizeArgs): Tensor {
  const { index, values } = parseArgs(EMPTY, args);
  const shape = parsedSize(EMPTY, index, values);
  return finish(emptyTensor(shape, dtypeOr(values)), values);
}

export type FullArgs = [size: readonly number[], fill_value: number | boolean | Tensor, options?: FactoryOptions];

/** torch.full(size, fill_value): size must be a list, as in PyTorch. */
export function full(...args: FullArgs): Tensor {
  const { index, values } = parseArgs(FULL, args);
  const shape = parsedSize(FULL, index, values);
  const fill = values.get('fill_value');
  const dt = dtypeOr(values, inferFullDtype(fill));
  return finish(filled(shape, dt, scalarTo(scalarValue(fill), dt)), values);
}

export type EyeArgs = [n: number, options?: FactoryOptions] | [n: number, m: number, options?: FactoryOptions];

/** torch.eye(n, m=n): ones on the diagonal. */
export function eye(...args: EyeArgs): Tensor {
  const { values } = parseArgs(EYE, args);
  const rows = values.get('n') as number;
  const cols = (values.get('m') as number | null | undefined) ?? rows;
  if (rows < 0) throw new RuntimeError(`n must be greater or equal to 0, got ${rows}`);
  if (cols < 0) throw new RuntimeError(`m must be greater or equal to 0, got ${cols}`);
  const t = emptyTensor([rows, cols], dtypeOr(values));
  for (let i = 0, k = Math.min(rows, cols); i < k; i++) t._data[i * (cols + 1)] = 1;
  return finish(t, values);
}

/** torch.scalar_tensor(s): a 0-dim tensor, float32 by default even for a bool (as PyTorch). */
export function scalar_tensor(...args: [s: number | boolean | Tensor, options?: FactoryOptions]): Tensor {
  const { values } = parseArgs(SCALAR_TENSOR, args);
  const dt = dtypeOr(values);
  return finish(filled([], dt, scalarTo(scalarValue(values.get('s')), dt)), values);
}
