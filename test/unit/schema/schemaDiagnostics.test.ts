import assert from 'node:assert/strict';
import { loadFile } from '../../../src/core/workspace/load';
import { at, plan } from '../../support/workspace';

const diagnosticsOf = (file: string, text: string) => loadFile(file, text).diagnostics;

describe('schema diagnostics: on the node at fault, in plain words', () => {
  it('an unknown key sits on that key, with a did-you-mean and a fix', () => {
    const text = plan().replace('owner: it-ops', 'ownr: it-ops');
    const [d, ...rest] = diagnosticsOf('p.plan.yaml', text).filter((x) => /ownr/.test(x.message));
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'schema');
    assert.equal(d.message, 'unknown field `ownr` — did you mean `owner`?');
    assert.equal(at(d), '3:1');
    assert.deepEqual(d.range.end, { line: 2, character: 4 });
    assert.deepEqual(d.fix, { kind: 'rename-key', replacement: 'owner' });
  });

  it('a bad enum value sits on the value and lists the allowed ones', () => {
    const text = plan({ testing: 'testing: { status: done }' });
    const d = diagnosticsOf('p.plan.yaml', text).find((x) => x.code === 'schema')!;
    assert.equal(d.message, '`status` must be one of pending, in_progress, passed, failed; found `done`');
    const line = text.split('\n').findIndex((l) => l.includes('status: done'));
    assert.equal(d.range.start.line, line);
    assert.equal(d.range.start.character, text.split('\n')[line].indexOf('done'));
  });

  it('a near-miss enum value gets the nearest valid one as a fix', () => {
    const d = diagnosticsOf('p.plan.yaml', plan({ testing: 'testing: { status: pased }' })).find((x) => x.code === 'schema')!;
    assert.match(d.message, /did you mean `passed`\?$/);
    assert.deepEqual(d.fix, { kind: 'replace-value', replacement: 'passed' });
  });

  it('a missing required field of the top mapping sits on its id', () => {
    const text = plan().replace('title: Test plan\n', '');
    const d = diagnosticsOf('p.plan.yaml', text).find((x) => x.code === 'schema')!;
    assert.match(d.message, /^missing required field `title`/);
    assert.equal(at(d), '1:5');
  });

  it('a missing field of a nested mapping sits on that mapping key', () => {
    const text =
      'id: E-1\nvulnerabilities: [CVE-1]\ngroups: [kiosks]\nrequested_by: bob@example.com\nrequested_on: 2026-11-20\nreason: r\nrevisit_on: 2027-01-01\napproval:\n  approved_by: carol@example.com\n';
    const d = diagnosticsOf('e.exception.yaml', text).find((x) => x.code === 'schema')!;
    assert.match(d.message, /missing required field `approved_on`/);
    assert.equal(at(d), '8:1');
  });

  it('kev: yes explains YAML 1.2 booleans', () => {
    const text = plan({ vulns: `  - { id: CVE-1, severity: high, kev: yes, discovered: 2026-11-18 }` });
    const d = diagnosticsOf('p.plan.yaml', text).find((x) => x.code === 'schema')!;
    assert.equal(d.message, '`kev` must be true or false; found `yes` (YAML 1.2 reads `yes` as text: write true or false)');
  });

  it('a malformed duration names the format with examples from the schema', () => {
    const text = 'id: s\ntiers:\n  critical: { within: 3 days }\n  high: { within: 7d }\n  medium: { within: 30d }\n  low: { within: 90d }\n';
    const d = diagnosticsOf('s.sla.yaml', text).find((x) => x.code === 'schema')!;
    assert.match(d.message, /^`within` must be a duration, like `72h` or `7d` or `2w`; found `3 days`$/);
    assert.equal(at(d), '3:23');
  });

  it('a CVSS 2 vector is named as such', () => {
    const text = plan({ vulns: `  - { id: CVE-1, cvss: "AV:N/AC:L/Au:N/C:P/I:P/A:P" }` });
    const d = diagnosticsOf('p.plan.yaml', text).find((x) => x.code === 'schema')!;
    assert.match(d.message, /CVSS 2 vectors are not supported/);
  });

  it('a vulnerability with neither cvss nor severity needs one of them, once', () => {
    const text = plan({ vulns: `  - id: CVE-1\n    discovered: 2026-11-18` });
    const ds = diagnosticsOf('p.plan.yaml', text).filter((x) => x.code === 'schema');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].message, '`vulnerabilities[0]` needs `cvss` or `severity`');
    assert.equal(at(ds[0]), '6:5');
  });

  it('a wave with neither targets nor groups is a schema error', () => {
    const ds = diagnosticsOf('p.plan.yaml', plan({ waves: 'waves:\n  - { name: Pilot }' })).filter((x) => x.code === 'schema');
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /needs `targets` or `groups`/);
  });

  it('a tier with both within and cycle takes one of them', () => {
    const text = 'id: s\ntiers:\n  critical: { within: 72h, cycle: monthly }\n  high: { within: 7d }\n  medium: { within: 30d }\n  low: { within: 90d }\n';
    const ds = diagnosticsOf('s.sla.yaml', text).filter((x) => x.code === 'schema');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].message, '`critical` takes either `within` or `cycle`, not both');
  });

  it('an invalid team id key is reported on the key', () => {
    const text = 'name: x\nteams:\n  "it ops": { role: executor, members: [a@b.co] }\n';
    const d = diagnosticsOf('patchops.yaml', text).find((x) => x.code === 'schema')!;
    assert.match(d.message, /`it ops` is not a valid id/);
    assert.equal(at(d), '3:3');
  });

  it('wrong types say what was expected and what was found', () => {
    const text = 'groups:\n  - { id: g, impact: high, endpoints: many }\n';
    const d = diagnosticsOf('g.assets.yaml', text).find((x) => x.code === 'schema')!;
    assert.equal(d.message, '`endpoints` must be a whole number; found `many`');
  });

  it('one bad asset group does not hide the others', () => {
    const loaded = loadFile('g.assets.yaml', 'groups:\n  - { id: good, impact: high, endpoints: 3 }\n  - { id: bad, impact: huge, endpoints: 3 }\n');
    assert.deepEqual(
      loaded.entities.map((e) => (e.data as { id: string }).id),
      ['good'],
    );
    assert.deepEqual(loaded.declaredIds, ['good', 'bad']);
  });
});
