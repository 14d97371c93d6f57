// torch.nn
export * as functional from './functional.ts';
export { Parameter } from './parameter.ts';
