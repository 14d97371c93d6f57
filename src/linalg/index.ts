// The torch.linalg namespace (`torch.linalg.det`, `torch.linalg.svd`, …).
export { det, slogdet, inv, solve, cholesky, qr, eigh, eigvalsh, svd, svdvals } from './decompositions.ts';
export type { QrResult, EighResult, SvdResult, SlogdetResult } from './decompositions.ts';
export { matmul } from '../ops/linalg/linalg.ts';
export { vector_norm, matrix_norm, norm } from './norms.ts';
export { linalg_cross as cross } from '../ops/linalg/linalg_more.ts';
export { LinAlgError } from './util.ts';
export { matrix_power, multi_dot } from '../ops/reduce/stats_extra.ts';
export { inv_ex, cholesky_ex, pinv, matrix_rank, cond, solve_triangular, lstsq, householder_product } from './extra.ts';
export type { InvExResult, CholeskyExResult, LstsqResult } from './extra.ts';
