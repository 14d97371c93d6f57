import { loadGolden, runCase } from '/work/main/tests/ops/ops_autograd_case.ts';
import { is_grad_enabled } from '/work/main/src/autograd/grad_mode.ts';
const g = loadGolden('ops_autograd');
let prev = true;
for (const c of g.cases) {
  try { runCase(c); } catch { /* */ }
  const now = is_grad_enabled();
  if (now !== prev) { console.log('grad mode ->', now, 'after', c.name); prev = now; }
}
