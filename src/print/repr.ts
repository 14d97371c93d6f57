// Tensor.__repr__ / print(t): _str_intern and _add_suffixes (torch/_tensor_str.py), plus
// nn.Parameter's "Parameter containing:\n" (torch/nn/parameter.py, Parameter.__repr__).
import type { Tensor } from '../tensor/tensor.ts';
import { bool, get_default_dtype, int64 } from '../tensor/dtype.ts';
import { numelOf } from '../tensor/shape.ts';
import { printOpts } from './options.ts';
import { tensorStr } from './tensor_str.ts';

/** Python's str(tuple(shape)): `(2, 0)`, `(0,)`. */
function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * _add_suffixes: last_line_len over-counts by 2 (len - rfind("\n") + 1), as PyTorch does, and a
 * suffix that would pass linewidth goes on its own line indented like the data.
 */
function addSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  let out = text;
  let lastLineLen = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLen = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLen += suffix.length + 2;
    }
  }
  return out + ')';
}

/** Exactly PyTorch 1.13's `repr(t)` (and `print(t)`) for a CPU strided tensor. */
export function tensor_repr(t: Tensor): string {
  const opts = printOpts();
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const defaultDtype = get_default_dtype();
  let body: string;

  if (numelOf(t._shape) === 0) {
    // Empty: show the shape unless it is (0,), and any dtype other than the default float
    // one ("there are no elements to infer if the dtype should be int64").
    if (t._shape.length !== 1) suffixes.push('size=' + pyTuple(t._shape));
    if (t.dtype !== defaultDtype) suffixes.push('dtype=' + String(t.dtype));
    body = '[]';
  } else {
    const hasDefaultDtype = t.dtype === defaultDtype || t.dtype === int64 || t.dtype === bool;
    if (!hasDefaultDtype) suffixes.push('dtype=' + String(t.dtype));
    body = tensorStr(t, indent, opts);
  }

  const gradFn = t.grad_fn;
  // Python shows the node's class name: `torch::autograd::CopySlices` prints as `CopySlices`.
  if (gradFn !== null) suffixes.push(`grad_fn=<${gradFn.name().replace(/^.*::/, '')}>`);
  else if (t.requires_grad) suffixes.push('requires_grad=True');

  const repr = addSuffixes(prefix + body, suffixes, indent, opts.linewidth);
  return (t as { _isParameter?: boolean })._isParameter === true ? 'Parameter containing:\n' + repr : repr;
}
