import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseEpssCsv } from '../../../src/core/enrich/epss';
import { enrichPlanText, enrichWorkspace } from '../../../src/core/enrich/enrichPlans';
import { parseKevCatalog, type KevCatalog } from '../../../src/core/enrich/kev';
import { tierFor } from '../../../src/core/risk/tiers';
import { loadFile } from '../../../src/core/workspace/load';
import { runCli } from '../../support/cli';
import { sharedData, snapshot, tempWorkspace } from '../../support/sharedData';
import { BASE, evaluateFiles, plan, POLICY, VECTORS, withBase } from '../../support/workspace';

const LOG4SHELL = 'CVE-2021-44228';
const AS_OF = '2026-11-23T12:00:00Z'; // Monday 06:00 in Chicago

/** A medium vulnerability on payroll (high impact): a high-tier plan, 7 days after testing passed. */
const PLAN = plan({
  id: 'PLAN-LOG4J',
  vulns: [
    '  # found by the nightly scan',
    `  - id: ${LOG4SHELL}   # log4j in the payroll app`,
    `    cvss: "${VECTORS.medium}"`,
    '    discovered: 2026-11-18T09:00',
    '  - { id: CVE-2026-0002, cvss: "' + VECTORS.low + '" }   # flow style',
  ].join('\n'),
});

describe('enrich: the real CISA KEV catalog', function () {
  let catalog: KevCatalog;
  let raw: { vulnerabilities: { cveID: string; dueDate: string }[]; count: number };
  before(function () {
    const dir = sharedData(this, 'kev');
    if (!dir) return;
    const text = fs.readFileSync(path.join(dir, 'known_exploited_vulnerabilities.json'), 'utf8');
    raw = JSON.parse(text);
    catalog = parseKevCatalog(text);
  });

  it('reads every entry with its due date', () => {
    assert.equal(catalog.entries.size, raw.count);
    assert.equal(catalog.entries.size, 1404);
    const entry = raw.vulnerabilities.find((v) => v.cveID === LOG4SHELL)!;
    assert.equal(catalog.entries.get(LOG4SHELL)?.dueDate, entry.dueDate);
  });

  it('kev raises the tier: an on-track plan is breached at the same as-of', () => {
    const files = withBase({ 'plans/log4j.plan.yaml': PLAN });
    const before = evaluateFiles(files, AS_OF).plans[0];
    assert.equal(before.tier, 'high');
    assert.equal(before.state, 'on_track');

    const result = enrichWorkspace(
      Object.entries(files).map(([f, t]) => loadFile(f, t)),
      { kev: catalog },
    );
    assert.equal(result.changes.length, 1);
    const after = result.changes[0].after;
    const due = catalog.entries.get(LOG4SHELL)!.dueDate!;
    const added = catalog.entries.get(LOG4SHELL)!.dateAdded!;
    // Only lines were added, after the vulnerability's last line, with its indentation.
    const expected = PLAN.replace(
      '    discovered: 2026-11-18T09:00\n',
      `    discovered: 2026-11-18T09:00\n    kev: true\n    kev_added: ${added}\n    kev_due: ${due}\n`,
    );
    assert.equal(after, expected);
    const enriched = evaluateFiles({ ...files, 'plans/log4j.plan.yaml': after }, AS_OF).plans[0];
    assert.equal(enriched.kev, true);
    assert.equal(enriched.tier, 'critical');
    assert.equal(enriched.state, 'breached');
    // Twice: nothing more to change.
    assert.deepEqual(enrichPlanText(after, { kev: catalog }).changes, []);
  });

  it('edits a flow mapping inside its braces and replaces only a differing value', () => {
    const text = [
      'vulnerabilities:',
      `  - { id: ${LOG4SHELL}, cvss: "${VECTORS.high}", kev: false }   # flow`,
      `  - id: CVE-2021-45046 # also log4j`,
      `    kev: false  # not yet`,
      `    kev_due: 2021-01-01`,
      '',
    ].join('\n');
    const { after, changes } = enrichPlanText(text, { kev: catalog });
    const due1 = catalog.entries.get(LOG4SHELL)!.dueDate;
    const due2 = catalog.entries.get('CVE-2021-45046')!.dueDate;
    const added1 = catalog.entries.get(LOG4SHELL)!.dateAdded;
    const added2 = catalog.entries.get('CVE-2021-45046')!.dateAdded;
    assert.equal(
      after,
      [
        'vulnerabilities:',
        `  - { id: ${LOG4SHELL}, cvss: "${VECTORS.high}", kev: true, kev_added: ${added1}, kev_due: ${due1} }   # flow`,
        `  - id: CVE-2021-45046 # also log4j`,
        `    kev: true  # not yet`,
        `    kev_due: ${due2}`,
        `    kev_added: ${added2}`,
        '',
      ].join('\n'),
    );
    assert.equal(changes.length, 6);
  });

  it('patchops enrich with a gzipped EPSS file: comments kept, idempotent, --dry-run writes nothing', function () {
    const dir = sharedData(this, 'kev')!;
    const epss = gzipSync(
      '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z\ncve,epss,percentile\nCVE-2021-44228,0.94358,0.99957\nCVE-2026-0002,0.01234,0.5\n',
    );
    const ws = tempWorkspace({ ...BASE, 'plans/log4j.plan.yaml': PLAN, 'epss.csv.gz': epss });
    const args = ['enrich', ws, '--kev', path.join(dir, 'known_exploited_vulnerabilities.json'), '--epss', path.join(ws, 'epss.csv.gz')];
    const before = snapshot(ws);
    const dry = runCli([...args, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would change plans\/log4j\.plan\.yaml/);
    assert.deepEqual(snapshot(ws), before);

    const r = runCli(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /CVE-2021-44228: kev true/);
    const text = fs.readFileSync(path.join(ws, 'plans/log4j.plan.yaml'), 'utf8');
    assert.match(text, /# found by the nightly scan\n/);
    assert.match(text, /log4j in the payroll app\n/);
    assert.match(text, /kev_due: \d{4}-\d{2}-\d{2}\n {4}epss: 0\.94358\n/);
    assert.match(text, /\{ id: CVE-2026-0002, cvss: "[^"]+", epss: 0\.01234 \} {3}# flow style/);
    assert.deepEqual(loadFile('x.plan.yaml', text).diagnostics, []);
    const once = snapshot(ws);
    const again = runCli(args);
    assert.match(again.stdout, /nothing to change/);
    assert.deepEqual(snapshot(ws), once);
  });

  it('a catalog or EPSS file that cannot be read: exit 2, one line, nothing changed', function () {
    const dir = sharedData(this, 'kev')!;
    const ws = tempWorkspace({ ...BASE, 'plans/log4j.plan.yaml': PLAN, 'bad.json': '{"vulnerabilities": [', 'bad.csv': 'hello,world\n1,2\n' });
    const before = snapshot(ws);
    const kev = runCli(['enrich', ws, '--kev', path.join(ws, 'bad.json')]);
    assert.equal(kev.code, 2);
    assert.match(kev.stderr, /^patchops: cannot read the KEV catalog .*not valid JSON \(truncated\?\)[^\n]*\n$/);
    const epss = runCli(['enrich', ws, '--kev', path.join(dir, 'known_exploited_vulnerabilities.json'), '--epss', path.join(ws, 'bad.csv')]);
    assert.equal(epss.code, 2);
    assert.match(epss.stderr, /^patchops: cannot read the EPSS scores .*cve,epss,percentile[^\n]*\n$/);
    assert.equal(runCli(['enrich', ws]).code, 2);
    assert.deepEqual(snapshot(ws), before);
  });
});

describe('enrich: EPSS scores and the epss_raise rule', () => {
  it('parses the CSV with its comment line', () => {
    const s = parseEpssCsv('#model_version:v2023.03.01,score_date:2023-03-28T00:00:00+0000\r\ncve,epss,percentile\r\nCVE-1999-0001,0.01167,0.8\r\n');
    assert.equal(s.modelVersion, 'v2023.03.01');
    assert.equal(s.scoreDate, '2023-03-28T00:00:00+0000');
    assert.equal(s.scores.get('CVE-1999-0001'), 0.01167);
    assert.throws(() => parseEpssCsv('cve,epss\nCVE-1,1.5\n'), /between 0 and 1/);
  });

  it('tierFor: EPSS at the threshold raises; with KEV the larger raise applies, not the sum', () => {
    const matrix = {
      high: { critical: 'critical', high: 'critical', medium: 'high', low: 'medium' },
      medium: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
      low: { critical: 'high', high: 'medium', medium: 'low', low: 'low' },
    } as const;
    const rule = { threshold: 0.5, steps: 1 };
    assert.equal(tierFor('medium', 'medium', false, matrix, 1, { probability: 0.5, rule }), 'high');
    assert.equal(tierFor('medium', 'medium', false, matrix, 1, { probability: 0.49, rule }), 'medium');
    assert.equal(tierFor('medium', 'medium', false, matrix, 1, { probability: undefined, rule }), 'medium');
    assert.equal(tierFor('medium', 'medium', true, matrix, 1, { probability: 0.9, rule }), 'high');
    assert.equal(tierFor('low', 'low', true, matrix, 1, { probability: 0.9, rule: { threshold: 0.1, steps: 2 } }), 'high');
    assert.equal(tierFor('medium', 'medium', false, matrix, 1, { probability: 0.99, rule: undefined }), 'medium');
    assert.equal(tierFor('medium', 'medium', false, matrix, 1), 'medium');
  });

  it('a policy with epss_raise raises plan and exception tiers', () => {
    const policy = POLICY.replace('  kev_raise: 1\n', '  kev_raise: 1\n  epss_raise: { threshold: 0.5 }\n');
    const withEpss = (epss: string) =>
      plan({ vulns: `  - { id: CVE-2026-0001, cvss: "${VECTORS.medium}", discovered: 2026-11-18T09:00${epss} }`, affects: '[pilot]' });
    const exception = `id: EXC-1
vulnerabilities: [CVE-2026-0001]
groups: [pilot]
requested_by: alice@example.com
requested_on: 2026-11-20
reason: Vendor fix pending
revisit_on: 2027-01-15
approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }
`;
    const low = evaluateFiles(withBase({ 'standard.sla.yaml': policy, 'p.plan.yaml': withEpss(', epss: 0.2') }), AS_OF);
    assert.equal(low.plans[0].tier, 'medium');
    const high = evaluateFiles(withBase({ 'standard.sla.yaml': policy, 'p.plan.yaml': withEpss(', epss: 0.7') }), AS_OF);
    assert.equal(high.plans[0].tier, 'high');
    const noRule = evaluateFiles(withBase({ 'p.plan.yaml': withEpss(', epss: 0.7') }), AS_OF);
    assert.equal(noRule.plans[0].tier, 'medium');
    const exc = evaluateFiles(withBase({ 'standard.sla.yaml': policy, 'p.plan.yaml': withEpss(', epss: 0.7'), 'e.exception.yaml': exception }), AS_OF);
    assert.equal(exc.exceptions[0].tier, 'high');
    const bad = evaluateFiles(withBase({ 'standard.sla.yaml': policy, 'p.plan.yaml': withEpss(', epss: 1.5') }), AS_OF);
    assert.ok(bad.diagnostics.some((d) => d.code === 'schema' && d.file === 'p.plan.yaml'));
  });
});
