// The places that name an id (idIndex.ts) are the schema's id fields, and the very places the rules
// resolve: a workspace naming an unknown id everywhere gets `ref.unknown` at each of them.
import assert from 'node:assert/strict';
import { IdIndex, REFERENCES } from '../../../src/core/language/idIndex';
import { schemaInfo } from '../../../src/core/language/schemaNavigator';
import type { FileKind } from '../../../src/core/model/files';
import { evaluateFiles } from '../../support/workspace';
import { modelOf } from './fixture';

const UNKNOWN = 'nope';

/** Every reference of the table names `nope`. */
const FILES = {
  'patchops.yaml': `name: T\ndefault_sla: ${UNKNOWN}\nteams:\n  it-ops: { role: executor, members: [a@example.com] }\n  infosec: { role: validator, members: [c@example.com] }\n`,
  'a.sla.yaml': `id: standard\ntiers:\n  critical: { within: 1d }\n  high: { within: 7d }\n  medium: { within: 30d }\n  low: { cycle: ${UNKNOWN} }\nexceptions:\n  approvers: [${UNKNOWN}]\n`,
  // The cycles a model of record names, one policy per model.
  'bod.sla.yaml': `id: bod\nrisk: { model: bod-26-04, upgrade_cycle: ${UNKNOWN} }\n`,
  'ssvc.sla.yaml': `id: ssvc\nrisk:\n  model: ssvc\n  outcomes: { track: { cycle: ${UNKNOWN} }, track*: { within: 30d }, attend: { within: 7d }, act: { within: 72h } }\n`,
  'pci.sla.yaml': `id: pci\nrisk: { model: pci-dss, others: { cycle: ${UNKNOWN} } }\n`,
  'g.assets.yaml': `groups:\n  - { id: g1, impact: high, endpoints: 1, owner: ${UNKNOWN} }\n`,
  'p.plan.yaml': `id: P1\ntitle: t\nsla: ${UNKNOWN}\nowner: ${UNKNOWN}\nvalidator: ${UNKNOWN}\nvulnerabilities:\n  - { id: CVE-1, severity: high }\naffects: [${UNKNOWN}]\nwaves:\n  - { name: w, groups: [${UNKNOWN}] }\nrollback:\n  decided_by: ${UNKNOWN}\n  executed_by: ${UNKNOWN}\n`,
  'e.exception.yaml': `id: E1\nvulnerabilities: [${UNKNOWN}]\ngroups: [${UNKNOWN}]\nplan: ${UNKNOWN}\nrequested_by: a@example.com\nrequested_on: 2026-11-01\nreason: r\nrevisit_on: 2026-12-01\n`,
};

describe('language: the places that name ids', () => {
  it('are id fields of the schemas', () => {
    for (const [kind, list] of Object.entries(REFERENCES) as [FileKind, (typeof REFERENCES)[FileKind]][]) {
      for (const { pattern } of list) {
        // `*`: an index in a list, a key of the mapping (its first, or any name where keys are free).
        const path: (string | number)[] = [];
        for (const segment of pattern) {
          const here = schemaInfo(kind, path).nodes;
          const named = here.flatMap((n) => Object.keys(n.schema.properties ?? {}));
          path.push(segment !== '*' ? segment : here.some((n) => n.schema.items) ? 0 : (named[0] ?? 'any-name'));
        }
        const info = schemaInfo(kind, path);
        assert.ok(info.nodes.length > 0, `${kind} ${pattern.join('.')} is not in the schema`);
        assert.ok(
          info.nodes.some((n) => n.schema.type === 'string'),
          `${kind} ${pattern.join('.')} is not a string in the schema`,
        );
      }
    }
  });

  it('are where the rules report an unknown id (and every such place is in the table)', () => {
    const index = new IdIndex(modelOf(FILES).files);
    const kinds: FileKind[] = ['workspace', 'sla', 'assets', 'plan', 'exception'];
    const table = kinds
      .flatMap((k) => REFERENCES[k].map((r) => r.kind))
      .filter((k, i, all) => all.indexOf(k) === i)
      .flatMap((kind) => index.all(kind, UNKNOWN, 'reference'))
      .map((o) => `${o.file} ${o.path.join('.')} ${o.range().start.line}:${o.range().start.character}`);
    assert.equal(
      table.length,
      kinds.reduce((n, k) => n + REFERENCES[k].length, 0),
      'the fixture names an unknown id at every place of the table',
    );
    const evaluation = evaluateFiles(FILES, '2026-11-15T00:00:00Z');
    const reported = evaluation.diagnostics
      .filter((d) => d.code === 'ref.unknown' && d.message.includes(`\`${UNKNOWN}\``))
      .map((d) => `${d.file} ${d.range.start.line}:${d.range.start.character}`);
    const at = (entry: string) =>
      entry
        .split(' ')
        .filter((_, i) => i !== 1)
        .join(' ');
    // An asset group's owner is a team the report groups by, not one a rule checks: the only place not reported.
    const expected = table.filter((t) => !t.startsWith('g.assets.yaml groups.0.owner')).map(at);
    assert.deepEqual([...new Set(reported)].sort(), expected.sort());
  });
});
