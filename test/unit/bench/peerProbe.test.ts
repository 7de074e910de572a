// The bench's peer (yaml-language-server) must really validate against our schemas, or its
// timing means nothing: every file kind is matched to its schema, the relative $ref into
// common.schema.json resolves, and the valid samples come out clean.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateWithPeer } from '../../bench/peerProbe';
import { tempDirs } from '../../support/tempDir';

const SAMPLES = path.resolve(__dirname, '../../../../samples');
const ONE_OF_EACH_KIND = [
  'patchops.yaml',
  'plans/2026-031-chrome-v8-zero-day.plan.yaml',
  'policies/standard.sla.yaml',
  'assets/servers.assets.yaml',
  'exceptions/EXC-2026-009-kiosk-browser.exception.yaml',
];
const sample = (rel: string) => fs.readFileSync(path.join(SAMPLES, rel), 'utf8');

describe('bench peer: yaml-language-server validates with our schemas', () => {
  const tempDir = tempDirs('peer');

  it('reports nothing for valid sample files of every kind', async () => {
    const root = tempDir(Object.fromEntries(ONE_OF_EACH_KIND.map((rel) => [rel, sample(rel)])));
    const r = await validateWithPeer(root);
    assert.equal(r.files, ONE_OF_EACH_KIND.length);
    for (const rel of ONE_OF_EACH_KIND)
      assert.deepEqual(
        r.byFile.get(rel)?.map((d) => d.message),
        [],
        rel,
      );
  });

  it('matches every file kind to its schema: an unknown top-level field is reported in each', async () => {
    const root = tempDir(Object.fromEntries(ONE_OF_EACH_KIND.map((rel) => [rel, `${sample(rel)}\nnot_a_field: 1\n`])));
    const r = await validateWithPeer(root);
    for (const rel of ONE_OF_EACH_KIND) {
      const messages = r.byFile.get(rel)?.map((d) => d.message) ?? [];
      assert.ok(
        messages.some((m) => m.includes('not_a_field')),
        `${rel}: ${JSON.stringify(messages)}`,
      );
    }
  });

  it('finds a missing required field and a bad id checked through the $ref to common.schema.json', async () => {
    const plan = sample(ONE_OF_EACH_KIND[1]);
    assert.match(plan, /^title: .*\n/m);
    assert.match(plan, /^owner: .*\n/m);
    const root = tempDir({
      'missing.plan.yaml': plan.replace(/^title: .*\n/m, ''),
      'bad-owner.plan.yaml': plan.replace(/^owner: .*$/m, 'owner: "not an id!"'),
    });
    const r = await validateWithPeer(root);
    const missing = r.byFile.get('missing.plan.yaml') ?? [];
    assert.ok(
      missing.some((d) => d.message === 'Missing property "title".'),
      JSON.stringify(missing),
    );
    const badOwner = r.byFile.get('bad-owner.plan.yaml') ?? [];
    const ownerLine = plan.split('\n').findIndex((l) => l.startsWith('owner:'));
    // The pattern lives only in common.schema.json#/$defs/id: found means the $ref resolved.
    assert.deepEqual(
      badOwner.map((d) => [d.message, d.range.start.line]),
      [['String does not match the pattern of "^[A-Za-z0-9][A-Za-z0-9._-]*$".', ownerLine]],
    );
    for (const d of [...missing, ...badOwner]) assert.doesNotMatch(d.message, /Problems loading|Unable to load schema/);
  });
});
