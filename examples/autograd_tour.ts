// The seed notebook (../shared/oracle/seed_tour.py), ported line by line with the porting rules.
// `npm start` runs it; it prints exactly what PyTorch 1.13 prints for the notebook.
import * as torch from 'ts-torch';
const F = torch.nn.functional;

torch.manual_seed(0);
// Python's repr of what a cell shows: a tuple (here: an array, porting rule 3) prints as `(a,)`.
function repr(v: unknown): string {
  if (Array.isArray(v) && !(v instanceof torch.Size)) return v.length === 1 ? `(${repr(v[0])},)` : `(${v.map(repr).join(', ')})`;
  return String(v);
}
function out(n: number, v: unknown): void {
  console.log(`Out[${n}]:`);
  console.log(typeof v === 'string' ? v : repr(v));
}

let x = torch.ones(1);
let w = torch.full([1], 2.0); // the notebook's float fill value
out(3, x); out(4, w);
let mse = F.mse_loss(x.mul(w), torch.ones(1)); out(6, mse);
try {
  torch.autograd.grad(mse, w);
} catch (e) {
  if (!(e instanceof torch.RuntimeError)) throw e;
  out(7, `RuntimeError: ${e.message}`);
}
out(8, w.requires_grad_());
mse = F.mse_loss(x.mul(w), torch.ones(1)); out(9, mse);
out(10, torch.autograd.grad(mse, w));
mse = F.mse_loss(x.mul(w), torch.ones(1)); out(11, mse);
mse.backward();
out(13, w.grad);
const a = torch.rand(3); out(14, a);
out(15, a.requires_grad_());
const p = F.softmax(a, { dim: 0 }); out(16, p);
out(17, torch.autograd.grad(p.at(0), a, { retain_graph: true }));
out(18, torch.autograd.grad(p.at(1), a, { retain_graph: true }));
out(19, torch.autograd.grad(p.at(2), a));
x = torch.randn(1, 10); out(20, x);
w = torch.randn(1, 10, { requires_grad: true }); out(21, w);
let o = torch.sigmoid(x.matmul(w.t())); out(22, o);
let loss = F.mse_loss(o, torch.ones(1, 1)); out(23, loss);
out(24, loss.shape);
loss.backward();
out(26, w.grad);
x = torch.randn(1, 10); out(27, x);
w = torch.rand(2, 10, { requires_grad: true }); out(29, w);
o = torch.sigmoid(x.matmul(w.t())); out(30, o);
loss = F.mse_loss(o, torch.ones(1, 2)); out(31, loss);
loss.backward();
out(33, w.grad);
x = torch.tensor(1.0); out(35, x);
const w1 = torch.tensor(2.0, { requires_grad: true });
const b1 = torch.tensor(1.0);
const w2 = torch.tensor(2.0, { requires_grad: true });
const b2 = torch.tensor(1.0);
const y1 = x.mul(w1).add(b1);
const y2 = y1.mul(w2).add(b2);
const dy2_dy1 = torch.autograd.grad(y2, y1, { retain_graph: true })[0];
const dy1_dw1 = torch.autograd.grad(y1, w1, { retain_graph: true })[0];
const dy2_dw1 = torch.autograd.grad(y2, w1, { retain_graph: true })[0];
out(47, dy2_dy1?.mul(dy1_dw1 as torch.Tensor));
out(48, dy2_dw1);
