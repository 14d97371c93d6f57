// torch.nn.Parameter: a leaf tensor that shares its data's storage, requires grad by default
// and prints as "Parameter containing:" (torch/nn/parameter.py).
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { get_default_dtype } from '../tensor/dtype.ts';

export class Parameter extends Tensor {
  /** Read by the printer (src/print/repr.ts). */
  readonly _isParameter = true;
  constructor(data?: Tensor | null, requires_grad = true) {
    const d = data ?? Tensor._empty([0], get_default_dtype());
    super(d._data, d._shape.slice(), d._stride.slice(), d._offset, d.dtype, d._vc);
    if (requires_grad && !d.dtype.is_floating_point) {
      throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
    }
    this._requires_grad = requires_grad;
  }
}
