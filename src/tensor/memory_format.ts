// torch.memory_format values. Only the strided layouts ts-torch has: contiguous_format and
// preserve_format (channels_last is not supported).
export class memory_format {
  /** @internal */
  constructor(readonly name: string) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const contiguous_format = new memory_format('contiguous_format');
export const preserve_format = new memory_format('preserve_format');
