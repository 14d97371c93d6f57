import { loadGolden, runCase } from '/work/main/tests/ops/ops_autograd_case.ts';
const g = loadGolden('ops_autograd');
const filter = process.argv[2];
const verbose = process.argv[3] === 'v';
let fail = 0;
for (const c of g.cases) {
  if (filter && !c.name.includes(filter)) continue;
  let p: string[];
  try { p = runCase(c); } catch (e) { p = ['CRASH ' + String(e)]; }
  if (p.length) { fail++; console.log(c.name + ' :: ' + (verbose ? p.join('\n    ') : p.map(s => s.split('\n')[0]).join(' | '))); }
}
console.log('fail', fail);
