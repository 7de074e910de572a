// `patchops enrich --vulnrichment DIR` reads CISA's real Vulnrichment records (values in any case,
// as CISA publishes them), fills exploitation / automatable / technical_impact, keeps comments, is
// idempotent, and reports a CVE without SSVC data instead of guessing; `--kev` fills kev_added.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseVulnrichmentRecord, vulnrichmentPath } from '../../../src/core/enrich/vulnrichment';
import { loadFile } from '../../../src/core/workspace/load';
import { runCli } from '../../support/cli';
import { sharedData, snapshot, tempWorkspace } from '../../support/sharedData';
import { BASE, plan, VECTORS } from '../../support/workspace';

const PLAN = plan({
  id: 'PLAN-SSVC',
  vulns: [
    '  # from the scan',
    '  - id: CVE-2024-20006   # CISA writes None / No / Total',
    `    cvss: "${VECTORS.high}"`,
    '    discovered: 2026-11-18T09:00',
    `  - { id: CVE-2021-44529, cvss: "${VECTORS.critical}" }   # Active / Yes / Total`,
    `  - { id: CVE-2026-99999, cvss: "${VECTORS.low}" }   # no record`,
  ].join('\n'),
});

describe('enrich: CISA Vulnrichment', () => {
  it('finds a record by the repository layout', () => {
    assert.equal(vulnrichmentPath('CVE-2024-21762'), '2024/21xxx/CVE-2024-21762.json');
    assert.equal(vulnrichmentPath('cve-2019-0344'), '2019/0xxx/CVE-2019-0344.json');
    assert.equal(vulnrichmentPath('GHSA-xxxx-yyyy-zzzz'), undefined);
  });

  it('a record without SSVC data says why, and gives no values', () => {
    const record = (adp: unknown) => JSON.stringify({ cveMetadata: { cveId: 'CVE-2026-0001' }, containers: { adp } });
    assert.deepEqual(parseVulnrichmentRecord(record([]), 'CVE-2026-0001'), { id: 'CVE-2026-0001', missing: 'no "CISA ADP Vulnrichment" container' });
    const noSsvc = record([{ title: 'CISA ADP Vulnrichment', metrics: [{ other: { type: 'kev', content: {} } }] }]);
    assert.deepEqual(parseVulnrichmentRecord(noSsvc, 'CVE-2026-0001'), { id: 'CVE-2026-0001', missing: 'no SSVC decision points' });
    const partial = record([
      { title: 'CISA ADP Vulnrichment', metrics: [{ other: { type: 'ssvc', content: { options: [{ Exploitation: 'PoC' }, { Automatable: 'Yes' }] } } }] },
    ]);
    assert.deepEqual(parseVulnrichmentRecord(partial, 'CVE-2026-0001'), { id: 'CVE-2026-0001', missing: 'Technical Impact missing' });
  });

  it('reads every real record, whatever the case of its values', function () {
    const dir = sharedData(this, 'vulnrichment');
    if (!dir) return;
    let read = 0;
    for (const year of fs.readdirSync(dir)) {
      for (const bucket of fs.readdirSync(path.join(dir, year))) {
        for (const name of fs.readdirSync(path.join(dir, year, bucket))) {
          const id = name.replace(/\.json$/, '');
          assert.equal(vulnrichmentPath(id), `${year}/${bucket}/${name}`);
          const raw: string = fs.readFileSync(path.join(dir, year, bucket, name), 'utf8');
          const r = parseVulnrichmentRecord(raw, id);
          assert.ok('ssvc' in r, `${id}: ${'missing' in r ? r.missing : ''}`);
          // The same three values CISA wrote, lower-cased.
          const options: string[] = (raw.match(/"(Exploitation|Automatable|Technical Impact)":\s*"([^"]+)"/g) ?? []).map((m: string) =>
            m.split(':')[1].trim().replace(/"/g, '').toLowerCase(),
          );
          assert.deepEqual([r.ssvc.exploitation, r.ssvc.automatable, r.ssvc.technical_impact], options.slice(0, 3));
          read++;
        }
      }
    }
    assert.ok(read > 400, `read ${read} records`);
  });

  it('patchops enrich --vulnrichment --kev: fills the SSVC points and KEV dates, keeps comments, is idempotent, reports what it lacks', function () {
    const vulnrichment = sharedData(this, 'vulnrichment');
    const kev = sharedData(this, 'kev');
    if (!vulnrichment || !kev) return;
    const ws = tempWorkspace({ ...BASE, 'plans/ssvc.plan.yaml': PLAN });
    const args = ['enrich', ws, '--vulnrichment', vulnrichment, '--kev', path.join(kev, 'known_exploited_vulnerabilities.json')];
    const before = snapshot(ws);
    const dry = runCli([...args, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(snapshot(ws), before);

    const r = runCli(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no SSVC data for CVE-2026-99999: no record \(2026\/99xxx\/CVE-2026-99999\.json\)/);
    const text = fs.readFileSync(path.join(ws, 'plans/ssvc.plan.yaml'), 'utf8');
    assert.match(text, /# from the scan\n/);
    assert.match(text, /discovered: 2026-11-18T09:00\n {4}exploitation: none\n {4}automatable: no\n {4}technical_impact: total\n/);
    assert.match(
      text,
      /\{ id: CVE-2021-44529, cvss: "[^"]+", kev: true, kev_added: \d{4}-\d{2}-\d{2}, kev_due: \d{4}-\d{2}-\d{2}, exploitation: active, automatable: yes, technical_impact: total \} {3}# Active/,
    );
    assert.match(text, /\{ id: CVE-2026-99999, cvss: "[^"]+" \} {3}# no record/);
    assert.deepEqual(loadFile('x.plan.yaml', text).diagnostics, []);
    const once = snapshot(ws);
    assert.match(runCli(args).stdout, /nothing to change/);
    assert.deepEqual(snapshot(ws), once);
  });

  it('a Vulnrichment path that is not a folder: exit 2, one line', () => {
    const ws = tempWorkspace({ ...BASE, 'plans/ssvc.plan.yaml': PLAN });
    const r = runCli(['enrich', ws, '--vulnrichment', path.join(ws, 'nope')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read Vulnrichment '.*nope': it is not a folder/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
