// docs/ops.md is generated (tools/docs/gen_ops.ts): it must list today's ops, so regenerating it
// in memory has to give the committed file. If this fails, run `npm run docs` and commit the result.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { OPS_DOC, renderOpsDoc } from '../../tools/docs/gen_ops.ts';

test('docs/ops.md is up to date (run `npm run docs`)', async () => {
  const committed = readFileSync(OPS_DOC, 'utf8');
  const fresh = await renderOpsDoc();
  assert.equal(fresh, committed, 'docs/ops.md is out of date: run `npm run docs`');
});

test('docs/ops.md lists every family and the core ops', async () => {
  const doc = await renderOpsDoc();
  for (const family of ['pointwise', 'reductions', 'shape and views', 'indexing', 'sorting and sets', 'linear algebra', 'nn.functional', 'random', 'factories', 'autograd']) {
    assert.match(doc, new RegExp(`^## ${family} \\(\\d+\\)$`, 'm'), family);
  }
  for (const op of ['add', 'matmul', 'mse_loss', 'gather', 'sort', 'randn', 'zeros', 'no_grad']) {
    assert.match(doc, new RegExp(`^\\| \`${op}\` \\|`, 'm'), op);
  }
  assert.doesNotMatch(doc, /not matched to an op/);
});
