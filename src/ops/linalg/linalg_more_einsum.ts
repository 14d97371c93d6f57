// torch.einsum, ported from ATen's einsum (Linear.cpp, PyTorch 1.13): parse the equation, take
// diagonals for repeated labels, unsqueeze and permute every operand onto one label order, then
// contract left to right with sumproduct_pair (permute → reshape → bmm → view → permute). Only
// public ops are used, so gradients (and the grad_fn chain) are PyTorch's. Without opt_einsum
// (not installed with the reference PyTorch), Python's torch.einsum passes no path, so the order
// is always left to right.
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError, ValueError } from '../../errors.ts';
import { bmm } from './linalg.ts';
import { permute, reshape, unsqueeze, view } from '../shape/views.ts';
import { mul } from '../pointwise/arithmetic.ts';
import { sum } from '../reduce/reduce.ts';
import { diagonal, movedim } from '../shape/shape_more.ts';

const NUM_LETTERS = 26;
const TOTAL_LABELS = NUM_LETTERS * 2;
const ELLIPSIS = TOTAL_LABELS;

const isAlpha = (c: string): boolean => /^[A-Za-z]$/.test(c);
const labelToSubscript = (c: string): number => (c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 97 + NUM_LETTERS);
const subscriptToLabel = (s: number): string => String.fromCharCode(s < NUM_LETTERS ? s + 65 : s - NUM_LETTERS + 97);

/** sumproduct_pair: (left * right).sum(sumDims, keepdim=true) through one bmm. */
function sumproductPair(left0: Tensor, right0: Tensor, sumDims: number[]): Tensor {
  let left = left0;
  let right = right0;
  if (left._shape.length !== right._shape.length) throw new RuntimeError('number of dimensions must match');
  if (sumDims.length === 0) return mul(left, right);
  const dim = left._shape.length;
  const isSum = new Array<boolean>(dim).fill(false);
  for (const d of sumDims) isSum[d] = true;
  const lro: number[] = [];
  const lo: number[] = [];
  const ro: number[] = [];
  let lroSize = 1;
  let loSize = 1;
  let roSize = 1;
  let sumSize = 1;
  for (let i = 0; i < dim; i++) {
    const sl = left._shape[i] !== 1;
    const sr = right._shape[i] !== 1;
    if (isSum[i]) {
      if (sl && sr) {
        if (left._shape[i] !== right._shape[i]) throw new RuntimeError('non-broadcast dimensions must match');
        sumSize *= left._shape[i] as number;
      } else if (sl) {
        left = sum(left, i, true);
      } else if (sr) {
        right = sum(right, i, true);
      }
    } else if (sl && sr) {
      if (left._shape[i] !== right._shape[i]) throw new RuntimeError('non-broadcast dimensions must match');
      lro.push(i);
      lroSize *= left._shape[i] as number;
    } else if (sl) {
      lo.push(i);
      loSize *= left._shape[i] as number;
    } else {
      ro.push(i);
      roSize *= right._shape[i] as number;
    }
  }
  const outSize: number[] = [];
  for (const d of lro) outSize.push(left._shape[d] as number);
  for (const d of lo) outSize.push(left._shape[d] as number);
  for (let k = 0; k < sumDims.length; k++) outSize.push(1);
  for (const d of ro) outSize.push(right._shape[d] as number);
  const lperm = [...lro, ...lo, ...sumDims, ...ro];
  const rperm = [...lro, ...sumDims, ...ro, ...lo];
  const operm = new Array<number>(outSize.length).fill(-1);
  let i = 0;
  for (const d of [...lro, ...lo, ...sumDims, ...ro]) operm[d] = i++;
  left = reshape(permute(left, [lperm]), [[lroSize, loSize, sumSize]]);
  right = reshape(permute(right, [rperm]), [[lroSize, sumSize, roSize]]);
  return permute(view(bmm(left, right), [outSize]), [operm]);
}

type EinsumOperands = (Tensor | readonly Tensor[])[];

/**
 * `torch.einsum(equation, *operands)`; also `einsum(equation, [operands])` and the sublist form
 * `einsum(op1, [0, 1], op2, [1, 2], [0, 2])`.
 */
export function einsum(equation: string | Tensor, ...rest: (Tensor | readonly Tensor[] | readonly (number | string)[])[]): Tensor {
  if (rest.length === 0) {
    throw new ValueError(
      'einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list',
    );
  }
  if (typeof equation !== 'string') return einsumSublist([equation, ...rest]);
  const args = rest as EinsumOperands;
  const operands: Tensor[] = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Tensor[]).slice() : (args as Tensor[]);
  return einsumImpl(equation, operands);
}

function einsumSublist(args: readonly unknown[]): Tensor {
  const parse = (n: unknown): string => {
    if (n === '...') return '...';
    if (typeof n === 'number' && n >= 0 && n < 26) return String.fromCharCode(65 + n);
    if (typeof n === 'number' && n >= 26 && n < 52) return String.fromCharCode(97 + n - 26);
    throw new ValueError('einsum(): subscript in subscript list is not within the valid range [0, 52)');
  };
  const ops: Tensor[] = [];
  const subs: string[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    ops.push(args[i] as Tensor);
    subs.push((args[i + 1] as unknown[]).map(parse).join(''));
  }
  let eq = subs.join(',');
  if (args.length % 2 === 1) eq += '->' + (args[args.length - 1] as unknown[]).map(parse).join('');
  return einsumImpl(eq, ops);
}

function einsumImpl(equation: string, operands: readonly Tensor[]): Tensor {
  if (operands.length === 0) throw new RuntimeError('einsum(): must provide at least one operand');
  const numOps = operands.length;
  const arrow = equation.indexOf('->');
  const lhs = arrow < 0 ? equation : equation.slice(0, arrow);
  const opLabels: number[][] = operands.map(() => []);
  let ellInInput = false;
  let curr = 0;
  for (let i = 0; i < lhs.length; i++) {
    const label = lhs[i] as string;
    if (label === ' ') continue;
    if (label === '.') {
      if (ellInInput) throw new RuntimeError(`einsum(): found '.' for operand ${curr} for which an ellipsis was already found`);
      if (!(i + 2 < lhs.length && lhs[++i] === '.' && lhs[++i] === '.')) {
        throw new RuntimeError(`einsum(): found '.' for operand ${curr} that is not part of any ellipsis`);
      }
      (opLabels[curr] as number[]).push(ELLIPSIS);
      ellInInput = true;
    } else if (label === ',') {
      curr++;
      if (curr >= numOps) throw new RuntimeError('einsum(): fewer operands were provided than specified in the equation');
      ellInInput = false;
    } else {
      if (!isAlpha(label)) {
        throw new RuntimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      }
      (opLabels[curr] as number[]).push(labelToSubscript(label));
    }
  }
  if (curr !== numOps - 1) throw new RuntimeError('einsum(): more operands were provided than specified in the equation');

  const labelCount = new Array<number>(TOTAL_LABELS).fill(0);
  let ellNumDim = 0;
  operands.forEach((op, i) => {
    const labels = opLabels[i] as number[];
    const ndims = op._shape.length;
    let nlabels = labels.length;
    let hasEll = false;
    for (const l of labels) {
      if (l === ELLIPSIS) {
        nlabels--;
        hasEll = true;
        ellNumDim = Math.max(ellNumDim, ndims - nlabels);
      } else {
        labelCount[l] = (labelCount[l] as number) + 1;
      }
    }
    if (hasEll ? nlabels > ndims : nlabels !== ndims) {
      throw new RuntimeError(
        `einsum(): the number of subscripts in the equation (${nlabels}${
          hasEll ? ') is more than the number of dimensions (' : ') does not match the number of dimensions ('
        }${ndims}) for operand ${i}${hasEll ? '' : ' and no ellipsis was given'}`,
      );
    }
  });

  const labelPerm = new Array<number>(TOTAL_LABELS).fill(-1);
  let permIndex = 0;
  let ellIndex = 0;
  let ellInOutput = false;
  if (arrow < 0) {
    permIndex = ellNumDim;
    ellInOutput = true;
    for (let l = 0; l < TOTAL_LABELS; l++) if (labelCount[l] === 1) labelPerm[l] = permIndex++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const label = rhs[i] as string;
      if (label === ' ') continue;
      if (label === '.') {
        if (ellInOutput) throw new RuntimeError("einsum(): found '.' for output but an ellipsis (...) was already found");
        if (!(i + 2 < rhs.length && rhs[++i] === '.' && rhs[++i] === '.')) {
          throw new RuntimeError("einsum(): found '.' for output that is not part of any ellipsis (...)");
        }
        ellIndex = permIndex;
        permIndex += ellNumDim;
        ellInOutput = true;
      } else {
        if (!isAlpha(label)) {
          throw new RuntimeError(
            `einsum(): invalid subscript given at index ${lhs.length + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`,
          );
        }
        const idx = labelToSubscript(label);
        if (!((labelCount[idx] as number) > 0 && labelPerm[idx] === -1)) {
          throw new RuntimeError(
            `einsum(): output subscript ${label}${
              (labelPerm[idx] as number) > -1 ? ' appears more than once in the output' : ' does not appear in the equation for any input operand'
            }`,
          );
        }
        labelPerm[idx] = permIndex++;
      }
    }
  }
  const outNumDim = permIndex;
  if (!ellInOutput) {
    ellIndex = permIndex;
    permIndex += ellNumDim;
  }
  for (let l = 0; l < TOTAL_LABELS; l++) if ((labelCount[l] as number) > 0 && labelPerm[l] === -1) labelPerm[l] = permIndex++;

  const labelSize = new Array<number>(TOTAL_LABELS).fill(1);
  const ellSizes = new Array<number>(ellNumDim).fill(1);
  const dimCounts = new Array<number>(permIndex).fill(0);
  let ops: Tensor[] = [];
  operands.forEach((operand, i) => {
    let op = operand;
    const labels = opLabels[i] as number[];
    const permutation = new Array<number>(permIndex).fill(-1);
    let dim = 0;
    for (const s of labels) {
      if (s === ELLIPSIS) {
        const ndim = operand._shape.length - (labels.length - 1);
        for (let j = ellNumDim - ndim; j < ellNumDim; j++) {
          const sz = op._shape[dim] as number;
          if (sz !== 1) {
            if (!(ellSizes[j] === 1 || ellSizes[j] === sz)) {
              throw new RuntimeError(
                `einsum(): dimension ${dim} covered by ellipsis in operand ${i}has size ${sz} which does not broadcast with previously seen ellipsis with size ${ellSizes[j]} for the respective dimension`,
              );
            }
            ellSizes[j] = sz;
            dimCounts[ellIndex + j] = (dimCounts[ellIndex + j] as number) + 1;
          }
          permutation[ellIndex + j] = dim++;
        }
      } else if (permutation[labelPerm[s] as number] === -1) {
        const sz = op._shape[dim] as number;
        if (sz !== 1) {
          if (!(labelSize[s] === 1 || labelSize[s] === sz)) {
            throw new RuntimeError(
              `einsum(): subscript ${subscriptToLabel(s)} has size ${sz} for operand ${i} which does not broadcast with previously seen size ${labelSize[s]}`,
            );
          }
          labelSize[s] = sz;
          const pi = labelPerm[s] as number;
          dimCounts[pi] = (dimCounts[pi] as number) + 1;
        }
        permutation[labelPerm[s] as number] = dim++;
      } else {
        const prev = permutation[labelPerm[s] as number] as number;
        if (op._shape[dim] !== op._shape[prev]) {
          throw new RuntimeError(
            `einsum(): subscript ${subscriptToLabel(s)} is repeated for operand ${i} but the sizes don't match, ${op._shape[dim]} != ${op._shape[prev]}`,
          );
        }
        op = movedim(diagonal(op, 0, prev, dim), -1, prev);
      }
    }
    for (let k = 0; k < permutation.length; k++) {
      if (permutation[k] === -1) {
        op = unsqueeze(op, dim);
        permutation[k] = dim++;
      }
    }
    ops.push(permute(op, [permutation]));
  });

  while (ops.length > 1) {
    let a = ops[0] as Tensor;
    let b = ops[1] as Tensor;
    ops = ops.slice(2);
    const sumDims: number[] = [];
    const aSum: number[] = [];
    const bSum: number[] = [];
    for (let d = outNumDim; d < permIndex; d++) {
      if (a._shape[d] !== 1 && b._shape[d] !== 1) {
        dimCounts[d] = (dimCounts[d] as number) - 1;
        if (dimCounts[d] === 1) {
          sumDims.push(d);
          dimCounts[d] = 0;
        }
      } else if (dimCounts[d] === 1) {
        if (a._shape[d] !== 1) {
          aSum.push(d);
          dimCounts[d] = 0;
        } else if (b._shape[d] !== 1) {
          bSum.push(d);
          dimCounts[d] = 0;
        }
      }
    }
    if (aSum.length > 0) a = sum(a, aSum, true);
    if (bSum.length > 0) b = sum(b, bSum, true);
    ops.unshift(sumproductPair(a, b, sumDims));
  }

  const result = ops[0] as Tensor;
  if (permIndex - outNumDim > 0) {
    if (numOps > 1) return view(result, [result._shape.slice(0, outNumDim)]);
    const dims: number[] = [];
    for (let d = outNumDim; d < permIndex; d++) dims.push(d);
    return sum(result, dims);
  }
  return result;
}
