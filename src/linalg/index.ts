// The torch.linalg namespace (`torch.linalg.det`, `torch.linalg.svd`, …).
export { det, inv, solve, cholesky, qr, eigh, svd, svdvals } from './decompositions.ts';
export type { QrResult, EighResult, SvdResult } from './decompositions.ts';
export { vector_norm, matrix_norm, norm } from './norms.ts';
export { linalg_cross as cross } from '../ops/linalg_more.ts';
export { LinAlgError } from './util.ts';
