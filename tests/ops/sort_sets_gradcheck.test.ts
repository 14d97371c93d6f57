// gradcheck and gradgradcheck (float64) over the differentiable sorting ops of src/ops/sorting/sort.ts
// and diff (src/ops/sorting/sets.ts): the index-based backwards (value_selecting_reduction_backward)
// agree with finite differences, and are themselves differentiable (create_graph).
import { describe } from 'node:test';
import * as torch from '../../src/index.ts';
import { gradcheckInput, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';

const input = gradcheckInput;

const CASES: GradcheckCall[] = [
  ['sort', (x) => torch.sort(x).values, [input([3, 4], 1)]],
  ['sort_dim0_desc', (x) => torch.sort(x, 0, true)[0], [input([3, 4], 2)]],
  ['sort_stable', (x) => torch.sort(x, { stable: true, dim: 1 }).values, [input([2, 5], 3)]],
  ['sort_T', (x) => torch.sort(x.t(), 1).values, [input([3, 4], 4)]],
  ['msort', (x) => torch.msort(x), [input([4, 3], 5)]],
  ['topk', (x) => torch.topk(x, 2).values, [input([3, 5], 6)]],
  ['topk_smallest_dim0', (x) => torch.topk(x, 2, 0, false).values, [input([4, 3], 7)]],
  ['kthvalue', (x) => torch.kthvalue(x, 2).values, [input([3, 4], 8)]],
  ['kthvalue_keepdim', (x) => torch.kthvalue(x, 3, 0, true).values, [input([4, 3], 9)]],
  ['median', (x) => torch.median(x), [input([3, 4], 10)]],
  ['median_dim', (x) => torch.median(x, 1).values, [input([3, 5], 11)]],
  ['median_dim_keepdim', (x) => torch.median(x, 0, true).values, [input([4, 3], 12)]],
  ['nanmedian', (x) => torch.nanmedian(x), [input([3, 4], 19)]],
  ['nanmedian_dim', (x) => torch.nanmedian(x, 1).values, [input([3, 5], 20)]],
  ['mode', (x) => torch.mode(x, 1).values, [input([3, 4], 13)]],
  ['diff', (x) => torch.diff(x), [input([3, 4], 14)]],
  ['diff_n2_dim0', (x) => torch.diff(x, 2, 0), [input([4, 3], 15)]],
  ['diff_prepend_append', (x, p, a) => torch.diff(x, 1, -1, p, a), [input([2, 3], 16), input([2, 1], 17), input([2, 2], 18)]],
];

describe('gradcheck / gradgradcheck of sorting ops and diff (float64)', () => {
  testGradchecks(CASES);
});
