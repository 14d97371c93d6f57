import { loadGolden, runCase } from '../ops/ops_autograd_case.ts';
const g = loadGolden('nn_conv_pool');
const pat = new RegExp(process.argv[2] ?? '.');
let n = 0;
for (const c of g.cases) {
  if (!pat.test(c.name)) continue;
  const p = runCase(c);
  if (p.length) { n++; console.log('##', c.name, '\n', p.map((s) => s.slice(0, 600)).join('\n ')); }
}
console.log('failing', n);
