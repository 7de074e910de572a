import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseScanReport } from '../../../src/core/scanners/detect';
import { ImportError, planImport, sanitize, type FileChange } from '../../../src/core/scanners/importPlans';
import { ScanError } from '../../../src/core/scanners/model';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { evaluate } from '../../../src/core/evaluate';
import { runCli } from '../../support/cli';
import { VALUE_ERRORS } from '../../support/codes';
import { sharedData, snapshot, tempWorkspace } from '../../support/sharedData';
import { BASE, GROUPS, instant, plan } from '../../support/workspace';

const AS_OF = Date.parse('2026-11-23T12:00:00Z');
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function load(files: Record<string, string>) {
  return Object.entries(files).map(([file, text]) => loadFile(file, text));
}

function apply(files: Record<string, string>, changes: FileChange[]): Record<string, string> {
  const out = { ...files };
  for (const c of changes) out[c.file] = c.after;
  return out;
}

/** Endpoints of the groups, as the workspace's *.assets.yaml declare them. */
function endpointsOf(files: Record<string, string>, groups: readonly string[]): number {
  const model = assembleModel(load(files));
  return groups.reduce((n, g) => n + model.groups.get(g)!.data.endpoints, 0);
}

interface ImportedPlan {
  id: string;
  affects: string[];
  awaiting: boolean;
  /** Wave targets as the evaluator counts them. */
  waves: (number | null)[];
  lastWaveGroups?: string[];
  /** Σ wave targets; null when a wave's are unknown or impossible. */
  endpoints: number | null;
}

/** Each imported plan's affected groups and waves. */
function importedPlans(files: Record<string, string>): ImportedPlan[] {
  const evaluation = evaluate(assembleModel(load(files)), { asOf: AS_OF });
  return evaluation.plans
    .filter((p) => p.entity.source.file.startsWith('plans/imported/'))
    .map((p) => {
      const data = p.entity.data as Json;
      const waves = p.waves.map((w) => w.targets);
      const awaiting = data.source.awaiting_fix === true;
      return { id: p.id, affects: data.affects, awaiting, waves, lastWaveGroups: data.waves?.at(-1)?.groups, endpoints: p.endpoints.targets };
    });
}

/** One plan's wave targets, as the evaluator counts them. */
function importedWaves(files: Record<string, string>, id: string): (number | null)[] {
  return evaluate(assembleModel(load(files)), { asOf: AS_OF })
    .plans.find((p) => p.id === id)!
    .waves.map((w) => w.targets);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const sum = (ns: readonly (number | null)[]): number => ns.reduce<number>((n, x) => n + (x ?? Number.NaN), 0);

/** Expected plans (fix key → vulnerability ids) and unfixed ids, computed from the raw report. */
function expected(name: string, raw: string): { plans: Map<string, Set<string>>; unfixed: Set<string> } {
  const plans = new Map<string, Set<string>>();
  const unfixed = new Set<string>();
  const add = (pkg: string, fixed: string | undefined, id: string) => {
    if (!fixed) return void unfixed.add(id);
    const key = `${pkg}@${fixed}`;
    plans.set(key, (plans.get(key) ?? new Set()).add(id));
  };
  const doc: Json = JSON.parse(raw);
  if (name.endsWith('.sarif')) {
    for (const run of doc.runs) {
      for (const r of run.results) {
        const field = (k: string) => /^(.*?): (.*)$/m.exec(r.message.text.split('\n').find((l: string) => l.startsWith(`${k}: `)) ?? '')?.[2];
        add(field('Package')!, field('Fixed Version'), r.ruleId);
      }
    }
  } else if (doc.SchemaVersion) {
    for (const result of doc.Results ?? [])
      for (const v of result.Vulnerabilities ?? []) add(v.SrcName || v.PkgName, v.FixedVersion || undefined, v.VulnerabilityID);
  } else {
    for (const m of doc.matches) {
      const fix = m.vulnerability.fix;
      const suggested = m.matchDetails.map((d: Json) => d.fix?.suggestedVersion).find(Boolean);
      const version = fix.state === 'fixed' && fix.versions.length ? (suggested ?? fix.versions[0]) : undefined;
      add(m.artifact.upstreams?.[0]?.name ?? m.artifact.name, version, m.vulnerability.id);
    }
  }
  return { plans, unfixed };
}

describe('scanners: import of the real reports in ../shared/data/scanners', function () {
  let dir: string | undefined;
  before(function () {
    dir = sharedData(this, 'scanners');
  });

  const names = ['grype-dirs.json', 'grype-imgs.json', 'trivy-alpine-310.json', 'trivy-alpine-310.sarif', 'trivy-centos-7.json', 'trivy-debian-buster.json'];

  it('covers every file in the folder', () => {
    assert.deepEqual(fs.readdirSync(dir!).sort(), names);
  });

  for (const name of names) {
    it(`${name}: one plan per fix with every vulnerability it closes, unfixed listed`, () => {
      const raw = fs.readFileSync(path.join(dir!, name), 'utf8');
      const want = expected(name, raw);
      const report = parseScanReport(raw);
      const result = planImport(report, load(BASE), { affects: ['payroll'], asOf: AS_OF });
      assert.equal(result.summary.created.length, want.plans.size);
      assert.equal(result.changes.length, want.plans.size);
      const got = new Map(
        result.changes.map((c) => {
          const plan = loadFile(c.file, c.after);
          assert.deepEqual(plan.diagnostics, [], `${c.file} is a valid plan`);
          const data = plan.source.value as Json;
          return [`${data.source.package}@${data.source.fixed_version}`, new Set<string>(data.vulnerabilities.map((v: Json) => v.id))];
        }),
      );
      assert.deepEqual(got, want.plans);
      const vulnCount = [...want.plans.values()].reduce((n, s) => n + s.size, 0);
      assert.equal(
        result.summary.created.reduce((n, p) => n + p.vulnerabilities.length, 0),
        vulnCount,
      );
      assert.deepEqual(new Set(result.summary.unfixed.map((u) => u.id)), want.unfixed);
      for (const c of result.changes) assert.match(c.file, /^plans\/imported\/[A-Za-z0-9._-]+\.plan\.yaml$/);
    });

    it(`${name}: importing twice changes nothing`, () => {
      const raw = fs.readFileSync(path.join(dir!, name), 'utf8');
      const report = parseScanReport(raw);
      const first = planImport(report, load(BASE), { affects: ['payroll'], asOf: AS_OF, includeUnfixed: true });
      const files = apply(BASE, first.changes);
      const second = planImport(report, load(files), { affects: ['payroll'], asOf: AS_OF, includeUnfixed: true });
      assert.deepEqual(second.changes, []);
      assert.equal(second.summary.created.length + second.summary.added.length, 0);
    });

    it(`${name}: a draft counts each endpoint of its groups in exactly one wave`, () => {
      const report = parseScanReport(fs.readFileSync(path.join(dir!, name), 'utf8'));
      const affects = ['payroll', 'kiosks'];
      const first = planImport(report, load(BASE), { affects, asOf: AS_OF, includeUnfixed: true });
      const plans = importedPlans(apply(BASE, first.changes));
      assert.equal(plans.length, first.summary.created.length);
      const real = endpointsOf(BASE, affects);
      for (const p of plans) {
        if (p.awaiting) {
          assert.deepEqual(p.waves, [], `${p.id} awaits a fix: no waves`);
          continue;
        }
        assert.ok(p.waves.length >= 2, `${p.id} has a pilot and a broad wave`);
        assert.equal(sum(p.waves), real, `${p.id}: Σ wave targets ${p.waves.join(' + ')} is the ${real} endpoints of ${affects.join(', ')}`);
        assert.equal(p.endpoints, real);
      }
    });

    it(`${name}: importing for a second group adds it to every plan and wave; a third run changes nothing`, () => {
      const report = parseScanReport(fs.readFileSync(path.join(dir!, name), 'utf8'));
      const first = planImport(report, load(BASE), { affects: ['payroll'], asOf: AS_OF, includeUnfixed: true });
      const once = apply(BASE, first.changes);
      const second = planImport(report, load(once), { affects: ['kiosks'], asOf: AS_OF, includeUnfixed: true });
      assert.deepEqual(second.summary.created, []);
      assert.deepEqual(second.summary.unchanged, []);
      assert.deepEqual(second.summary.added.map((a) => a.file).sort(), first.changes.map((c) => c.file).sort(), 'every plan of the report gets the group');
      for (const a of second.summary.added) assert.deepEqual([a.vulnerabilities, a.groups], [[], ['kiosks']]);
      const twice = apply(once, second.changes);
      const real = endpointsOf(BASE, ['payroll', 'kiosks']);
      for (const p of importedPlans(twice)) {
        assert.deepEqual(p.affects, ['payroll', 'kiosks']);
        if (p.awaiting) continue;
        assert.deepEqual(p.lastWaveGroups, ['payroll', 'kiosks'], `${p.id}: the broad wave names the group`);
        assert.equal(sum(p.waves), real, `${p.id}: Σ wave targets ${p.waves.join(' + ')}`);
      }
      // Only the group (and the broad wave's count) changed: every other byte is the first import's.
      for (const c of second.changes) {
        const undo = c.after
          .replace('affects: [payroll, kiosks]', 'affects: [payroll]')
          .replace('groups: [payroll, kiosks]', 'groups: [payroll]')
          .replace(/targets: (\d+)/g, (m, n) => (Number(n) > 1 ? `targets: ${Number(n) - endpointsOf(BASE, ['kiosks'])}` : m));
        assert.equal(undo, c.before);
      }
      const third = planImport(report, load(twice), { affects: ['kiosks'], asOf: AS_OF, includeUnfixed: true });
      assert.deepEqual(third.changes, []);
      assert.deepEqual(third.summary.added, []);
      const both = planImport(report, load(twice), { affects: ['payroll', 'kiosks'], asOf: AS_OF, includeUnfixed: true });
      assert.deepEqual(both.changes, [], 'naming a group the plan already affects changes nothing');
    });
  }

  it('picks NVD vectors first (over the vendor), and CVSS 3.x over CVSS 2', () => {
    const raw = fs.readFileSync(path.join(dir!, 'trivy-alpine-310.json'), 'utf8');
    const doc: Json = JSON.parse(raw);
    const report = parseScanReport(raw);
    for (const result of doc.Results) {
      for (const v of result.Vulnerabilities) {
        const finding = report.findings.find((f) => f.id === v.VulnerabilityID && f.binaryPackage === v.PkgName)!;
        assert.equal(finding.cvss, v.CVSS.nvd.V3Vector);
        assert.notEqual(finding.cvss, v.CVSS.redhat.V3Vector);
      }
    }
    const grype: Json = JSON.parse(fs.readFileSync(path.join(dir!, 'grype-imgs.json'), 'utf8'));
    const g = parseScanReport(JSON.stringify(grype));
    assert.equal(g.findings[0].cvss, grype.matches[0].vulnerability.cvss.find((c: Json) => c.source === 'nvd').vector);
    assert.equal(g.findings[1].kev, true, 'Grype knownExploited sets kev');
  });

  it('the scan time is `discovered`; without one (Grype snapshot) the as-of is', () => {
    const trivy = parseScanReport(fs.readFileSync(path.join(dir!, 'trivy-debian-buster.json'), 'utf8'));
    const plan = planImport(trivy, load(BASE), { affects: ['payroll'], asOf: AS_OF }).changes[0].after;
    assert.match(plan, /discovered: 2021-08-25T12:20:30Z/);
    assert.match(plan, /published: 2019-10-21T17:15:00Z/);
    const grype = parseScanReport(fs.readFileSync(path.join(dir!, 'grype-dirs.json'), 'utf8'));
    assert.match(planImport(grype, load(BASE), { affects: ['payroll'], asOf: AS_OF }).changes[0].after, /discovered: 2026-11-23T12:00:00Z/);
  });

  it('a newer scan adds only its new vulnerability and keeps every other byte, comments included', () => {
    const raw: Json = JSON.parse(fs.readFileSync(path.join(dir!, 'trivy-centos-7.json'), 'utf8'));
    const first = planImport(parseScanReport(JSON.stringify(raw)), load(BASE), { affects: ['payroll'], asOf: AS_OF });
    const change = first.changes.find((c) => c.file.includes('openssl-libs'))!;
    // People edit the draft: comments everywhere, a flow-style item, CRLF-free blank lines.
    const edited = change.after
      .replace('id: IMP-', '# reviewed by carol\nid: IMP-')
      .replace('vulnerabilities:\n', 'vulnerabilities:   # from the scanner\n')
      .replace('    discovered: 2021-08-25T12:20:30Z\naffects', '    discovered: 2021-08-25T12:20:30Z   # scan time\n  # end of the list\naffects')
      .replace('testing:\n', '\ntesting:   # lab booked\n');
    const files = { ...BASE, [change.file]: edited };

    const newer = structuredClone(raw);
    const openssl = newer.Results[0].Vulnerabilities.find((v: Json) => v.PkgName === 'openssl-libs');
    newer.CreatedAt = '2021-09-01T08:00:00Z';
    newer.Results[0].Vulnerabilities.push({
      ...openssl,
      VulnerabilityID: 'CVE-2021-99999',
      Title: 'openssl: a new one',
      CVSS: { redhat: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
      PublishedDate: '2021-08-30T00:00:00Z',
    });
    const second = planImport(parseScanReport(JSON.stringify(newer)), load(files), { affects: ['payroll'], asOf: AS_OF });
    assert.deepEqual(second.summary.created, []);
    assert.deepEqual(
      second.summary.added.map((a) => a.vulnerabilities),
      [['CVE-2021-99999']],
    );
    const after = second.changes[0].after;
    const inserted = [
      '  - id: CVE-2021-99999',
      '    title: "openssl: a new one"',
      '    cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"',
      '    published: 2021-08-30T00:00:00Z',
      '    discovered: 2021-09-01T08:00:00Z',
      '',
    ].join('\n');
    const at = edited.indexOf('  # end of the list');
    assert.equal(after, edited.slice(0, at) + inserted + edited.slice(at));
    const third = planImport(parseScanReport(JSON.stringify(newer)), load({ ...files, [change.file]: after }), { affects: ['payroll'], asOf: AS_OF });
    assert.deepEqual(third.changes, [], 'importing the newer scan twice changes nothing');
  });
});

describe('scanners: a re-import adds asset groups, never drops them', function () {
  let dir: string | undefined;
  before(function () {
    dir = sharedData(this, 'scanners');
  });
  const centos = () => fs.readFileSync(path.join(dir!, 'trivy-centos-7.json'), 'utf8');
  const OPENSSL = 'plans/imported/openssl-libs-1-1.0.2k-19.el7.plan.yaml';
  /** The centos-7 draft for openssl-libs, imported for payroll. */
  const draft = () => planImport(parseScanReport(centos()), load(BASE), { affects: ['payroll'], asOf: AS_OF }).changes.find((c) => c.file === OPENSSL)!.after;
  const PAYROLL = endpointsOf(BASE, ['payroll']);
  const KIOSKS = endpointsOf(BASE, ['kiosks']);

  it("a second group joins `affects` and the broad wave, with a newer scan's vulnerability, keeping every other byte", () => {
    // People edit the draft: block lists, comments everywhere, a blank line, notes.
    const edited = draft()
      .replace('affects: [payroll]\n', 'affects:   # where openssl-libs runs\n  - payroll   # the payroll servers\n\n')
      .replace('  - name: Broad\n    groups: [payroll]\n', '  # the rest, once the pilot soaked\n  - name: Broad\n    groups:\n      - payroll   # servers\n')
      .replace(/ {4}status: planned\n$/, '    status: planned\n    notes: "ask payroll for a window"\n# end of plan\n');
    assert.match(edited, new RegExp(`targets: ${PAYROLL - 1} `));
    const files = { ...BASE, [OPENSSL]: edited };

    const newer: Json = JSON.parse(centos());
    const openssl = newer.Results[0].Vulnerabilities.find((v: Json) => v.PkgName === 'openssl-libs');
    newer.CreatedAt = '2021-09-01T08:00:00Z';
    const cvss = { redhat: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } };
    const published = '2021-08-30T00:00:00Z';
    newer.Results[0].Vulnerabilities.push({ ...openssl, VulnerabilityID: 'CVE-2021-99999', Title: 'openssl: a new one', CVSS: cvss, PublishedDate: published });
    const report = parseScanReport(JSON.stringify(newer));
    const second = planImport(report, load(files), { affects: ['kiosks'], asOf: AS_OF });
    const planId = 'IMP-openssl-libs-1-1.0.2k-19.el7';
    const outcome = { file: OPENSSL, planId, vulnerabilities: ['CVE-2021-99999'], groups: ['kiosks'], wave: { name: 'Broad', created: false } };
    assert.deepEqual(second.summary.added, [outcome]);
    const vulnerability = [
      '  - id: CVE-2021-99999',
      '    title: "openssl: a new one"',
      '    cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"',
      '    published: 2021-08-30T00:00:00Z',
      '    discovered: 2021-09-01T08:00:00Z',
      '',
    ].join('\n');
    const want = edited
      .replace('affects:   #', `${vulnerability}affects:   #`)
      .replace('  - payroll   # the payroll servers\n', '  - payroll   # the payroll servers\n  - kiosks\n')
      .replace('      - payroll   # servers\n', '      - payroll   # servers\n      - kiosks\n')
      .replace(`targets: ${PAYROLL - 1} `, `targets: ${PAYROLL + KIOSKS - 1} `);
    assert.notEqual(want, edited);
    assert.equal(second.changes.length, 1);
    assert.equal(second.changes[0].after, want);

    const after = { ...files, [OPENSSL]: want };
    const [p] = importedPlans(after);
    assert.equal(sum(p.waves), PAYROLL + KIOSKS);
    assert.deepEqual(loadFile(OPENSSL, want).diagnostics, []);
    const third = planImport(report, load(after), { affects: ['kiosks'], asOf: AS_OF });
    assert.deepEqual(third.changes, [], 'a third run changes nothing');
  });

  it('a last wave that has started keeps its groups and count: the new group gets a new planned wave', () => {
    const edited = draft().replace(/ {4}status: planned\n$/, '    status: in_progress\n    started: 2026-11-22T09:00\n');
    const files = { ...BASE, [OPENSSL]: edited };
    const second = planImport(parseScanReport(centos()), load(files), { affects: ['kiosks'], asOf: AS_OF });
    assert.deepEqual(
      second.summary.added.map((a) => [a.groups, a.wave]),
      [[['kiosks'], { name: 'Added kiosks', created: true }]],
    );
    const want = edited.replace('affects: [payroll]', 'affects: [payroll, kiosks]') + '  - name: "Added kiosks"\n    groups: [kiosks]\n    status: planned\n';
    assert.equal(second.changes[0].after, want);
    const after = { ...files, [OPENSSL]: want };
    assert.equal(sum(importedPlans(after)[0].waves), PAYROLL + KIOSKS);
    assert.deepEqual(planImport(parseScanReport(centos()), load(after), { affects: ['kiosks'], asOf: AS_OF }).changes, []);
  });

  it('hand-written waves: a flow wave without `targets` takes the group as it is; a count without groups gets a new wave; CRLF stays', () => {
    const extra = 'source:\n  scanner: grype\n  package: openssl-libs\n  fixed_version: "1:1.0.2k-19.el7"';
    const vulns = ['CVE-2018-0734', 'CVE-2019-1559'].map((id) => `  - { id: ${id}, severity: medium, discovered: 2021-08-25T12:20 }`).join('\n');
    const flowWaves = 'waves:\n  - { name: Pilot, groups: [pilot], status: planned }\n  - { name: Organization, groups: [payroll], status: planned }   # last';
    const flow = plan({ id: 'PLAN-7', extra, vulns, waves: flowWaves });
    const r1 = planImport(parseScanReport(centos()), load({ ...BASE, 'plans/p7.plan.yaml': flow }), { affects: ['kiosks'], asOf: AS_OF });
    const flowWant = flow.replace('affects: [payroll]', 'affects: [payroll, kiosks]').replace('groups: [payroll]', 'groups: [payroll, kiosks]');
    assert.equal(r1.changes[0].after, flowWant);

    const countedWaves = 'waves:\n  - { name: All, targets: 12, status: planned }';
    const counted = plan({ id: 'PLAN-8', extra, vulns, affects: '\n  - payroll', waves: countedWaves }).replace(/\n/g, '\r\n');
    const r2 = planImport(parseScanReport(centos()), load({ ...BASE, 'plans/p8.plan.yaml': counted }), { affects: ['kiosks'], asOf: AS_OF });
    const want = counted
      .replace('  - payroll\r\n', '  - payroll\r\n  - kiosks\r\n')
      .replace('status: planned }\r\n', 'status: planned }\r\n  - name: "Added kiosks"\r\n    groups: [kiosks]\r\n    status: planned\r\n');
    assert.equal(r2.changes[0].after, want);
    assert.deepEqual(r2.summary.added[0].wave, { name: 'Added kiosks', created: true });
    assert.equal(sum(importedWaves({ ...BASE, 'plans/p8.plan.yaml': want }, 'PLAN-8')), PAYROLL + KIOSKS);
  });

  it('a plan that cannot take a group is a precise error (file, line, column), never a crash', () => {
    const isImportError = (message: RegExp) => (e: Error) => e instanceof ImportError && message.test(e.message);
    const text = draft();
    const line = (t: string, needle: string) => t.slice(0, t.indexOf(needle)).split('\n').length;
    const at = (t: string, needle: string, column: number) => `^${OPENSSL.replace(/\./g, '\\.')}:${line(t, needle)}:${column}: `;
    const report = parseScanReport(centos());

    const scalar = text.replace('affects: [payroll]', 'affects: payroll');
    assert.throws(
      () => planImport(report, load({ ...BASE, [OPENSSL]: scalar }), { affects: ['kiosks'], asOf: AS_OF }),
      isImportError(new RegExp(`${at(scalar, 'affects:', 10)}\`affects\` is not a list of asset groups, so kiosks cannot be added`)),
    );
    // A group whose *.assets.yaml does not validate: its endpoints are unknown, so no count is guessed.
    const ghost = { ...BASE, 'more.assets.yaml': 'groups:\n  - { id: ghost, impact: low }\n' };
    assert.throws(
      () => planImport(report, load({ ...ghost, [OPENSSL]: text }), { affects: ['ghost'], asOf: AS_OF }),
      isImportError(new RegExp(`${at(text, `targets: ${PAYROLL - 1}`, 14)}.*endpoints of ghost.*no valid \\*\\.assets\\.yaml`)),
    );
    const created = () => planImport(report, load(ghost), { affects: ['ghost'], asOf: AS_OF });
    assert.throws(created, isImportError(/asset group ghost has no known number of endpoints/));
    // A group declared twice is unusable (the evaluator cannot tell which applies): no count either.
    const twice = { ...BASE, 'more.assets.yaml': 'groups:\n  - { id: kiosks, impact: low, endpoints: 5 }\n' };
    assert.throws(
      () => planImport(report, load({ ...twice, [OPENSSL]: text }), { affects: ['kiosks'], asOf: AS_OF }),
      isImportError(/endpoints of kiosks, but no valid \*\.assets\.yaml declares them, or several do/),
    );
    assert.throws(() => planImport(report, load(twice), { affects: ['kiosks'], asOf: AS_OF }), isImportError(/asset group kiosks has no known number/));
    // A newer vulnerability for a plan whose `vulnerabilities` is not a list.
    const notList = text.replace(/vulnerabilities:\n[\s\S]*?affects:/, 'vulnerabilities: TBD\naffects:');
    assert.throws(
      () => planImport(report, load({ ...BASE, [OPENSSL]: notList }), { asOf: AS_OF }),
      isImportError(new RegExp(`${at(notList, 'vulnerabilities:', 18)}\`vulnerabilities\` is not a list, so CVE-2018-0734, CVE-2019-1559 cannot be added`)),
    );
  });

  it('groups with too few endpoints for a pilot get one wave; every count is possible', () => {
    const files = { ...BASE, 'groups.assets.yaml': `${GROUPS}  - { id: tiny, impact: low, endpoints: 1 }\n  - { id: empty, impact: low, endpoints: 0 }\n` };
    for (const affects of [['tiny'], ['empty'], ['tiny', 'empty'], ['tiny', 'pilot'], ['empty', 'kiosks']]) {
      const r = planImport(parseScanReport(centos()), load(files), { affects, asOf: AS_OF });
      const after = apply(files, r.changes);
      const waves = importedWaves(after, 'IMP-openssl-libs-1-1.0.2k-19.el7');
      const real = endpointsOf(files, affects);
      assert.equal(sum(waves), real, `${affects.join(', ')}: Σ ${waves.join(' + ')}`);
      assert.equal(waves.length, real > 1 ? 2 : 1, `${affects.join(', ')}: a pilot only when there is an endpoint left for the broad wave`);
      assert.deepEqual(loadFile(OPENSSL, after[OPENSSL]).diagnostics, []);
    }
  });
});

describe('scanners: parsing rules', () => {
  const trivy = (vulns: Json[]) =>
    JSON.stringify({
      SchemaVersion: 2,
      CreatedAt: '2026-11-20T10:00:00Z',
      ArtifactName: 'app:1',
      Results: [{ Target: 'app (debian 12)', Vulnerabilities: vulns }],
    });
  const v = (over: Json) => ({
    VulnerabilityID: 'CVE-2026-0001',
    PkgName: 'libssl3',
    InstalledVersion: '3.0.1',
    FixedVersion: '3.0.2',
    Severity: 'HIGH',
    ...over,
  });

  it('groups binary packages under their source package and deduplicates across targets', () => {
    const text = JSON.stringify({
      SchemaVersion: 2,
      Results: [
        { Target: 'a', Vulnerabilities: [v({ SrcName: 'openssl', PkgName: 'libssl3' }), v({ SrcName: 'openssl', PkgName: 'openssl' })] },
        { Target: 'b', Vulnerabilities: [v({ SrcName: 'openssl', PkgName: 'libssl3' }), v({ SrcName: 'openssl', VulnerabilityID: 'CVE-2026-0002' })] },
      ],
    });
    const r = planImport(parseScanReport(text), load(BASE), { affects: ['payroll'], asOf: AS_OF });
    assert.equal(r.changes.length, 1);
    assert.equal(r.changes[0].file, 'plans/imported/openssl-3.0.2.plan.yaml');
    assert.deepEqual(r.summary.created[0].vulnerabilities, ['CVE-2026-0001', 'CVE-2026-0002']);
    assert.match(r.changes[0].after, /targets:\n {4}- a\n {4}- b\n/);
  });

  it('vendor vector without NVD; severity when only CVSS 2; high (flagged) when neither', () => {
    const r = parseScanReport(
      trivy([
        v({
          VulnerabilityID: 'A',
          CVSS: {
            redhat: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H' },
            ghsa: { V40Vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
          },
          SeveritySource: 'redhat',
        }),
        v({ VulnerabilityID: 'B', CVSS: { nvd: { V2Vector: 'AV:N/AC:L/Au:N/C:P/I:N/A:N' } }, Severity: 'LOW' }),
        v({ VulnerabilityID: 'C', Severity: 'UNKNOWN' }),
      ]),
    );
    assert.equal(r.findings[0].cvss, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H');
    assert.equal(r.findings[1].cvss, undefined);
    assert.equal(r.findings[1].severity, 'low');
    const imp = planImport(r, load(BASE), { affects: ['payroll'], asOf: AS_OF });
    assert.deepEqual(imp.summary.severityUnknown, ['C']);
    assert.match(imp.changes[0].after, /- id: B\n {4}severity: low\n/);
    assert.match(imp.changes[0].after, /- id: C\n {4}severity: high\n/);
  });

  it('file names and ids are sanitized and stay in plans/imported', () => {
    assert.equal(sanitize('../../etc/passwd'), 'etc-passwd');
    assert.equal(sanitize('1:1.0.2k-19.el7'), '1-1.0.2k-19.el7');
    assert.equal(sanitize('@scope/pkg'), 'scope-pkg');
    const r = planImport(parseScanReport(trivy([v({ PkgName: '../../x', FixedVersion: '1.0/../../y' })])), load(BASE), { affects: ['payroll'], asOf: AS_OF });
    assert.equal(r.changes[0].file, 'plans/imported/x-1.0-y.plan.yaml');
    assert.deepEqual(loadFile(r.changes[0].file, r.changes[0].after).diagnostics, []);
  });

  it('requires --affects when it creates a plan; a draft evaluates as awaiting its test', () => {
    const report = parseScanReport(trivy([v({})]));
    assert.throws(() => planImport(report, load(BASE), { asOf: AS_OF }), /--affects is required/);
    const r = planImport(report, load(BASE), { affects: ['payroll'], asOf: AS_OF });
    const files = apply(BASE, r.changes);
    const evaluation = evaluate(assembleModel(load(files)), { asOf: instant('2026-11-20T12:00:00Z', 'UTC') });
    const planResult = evaluation.plans.find((p) => p.id === 'IMP-libssl3-3.0.2')!;
    assert.equal(planResult.testing, 'pending');
    assert.deepEqual(planResult.entity.data.affects, ['payroll']);
    assert.equal(planResult.entity.data.owner, 'it-ops');
    assert.equal(planResult.entity.data.validator, 'infosec');
    assert.deepEqual(
      planResult.waves.map((w) => w.name),
      ['Pilot', 'Broad'],
    );
  });

  it('malformed reports are one clear error', () => {
    assert.throws(
      () => parseScanReport('{"SchemaVersion": 2, "Results": ['),
      (e: Error) => e instanceof ScanError && /not valid JSON \(truncated\?\)/.test(e.message),
    );
    assert.throws(() => parseScanReport('{"version": "2.1.0", "runs": []}'), /SARIF file has no runs/);
    assert.throws(() => parseScanReport('{"hello": "world"}'), /unknown report format/);
    assert.throws(
      () => parseScanReport('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}, "results": []}]}'),
      /'CodeQL' is not supported/,
    );
  });
});

describe('scanners: patchops import (CLI)', function () {
  let dir: string | undefined;
  before(function () {
    dir = sharedData(this, 'scanners');
  });

  it('writes the plans, and a second import leaves every byte as it was', () => {
    const ws = tempWorkspace(BASE);
    const file = path.join(dir!, 'trivy-centos-7.json');
    const first = runCli(['import', file, ws, '--affects', 'payroll', '--include-unfixed']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created {2}plans\/imported\/openssl-libs-1-1\.0\.2k-19\.el7\.plan\.yaml/);
    assert.match(first.stdout, /created {2}plans\/imported\/awaiting-vendor-fix\.plan\.yaml/);
    const before = snapshot(ws);
    const second = runCli(['import', file, ws, '--affects', 'payroll', '--include-unfixed']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /nothing new to import/);
    assert.deepEqual(snapshot(ws), before);
    const validate = runCli(['validate', ws, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json']);
    const schemaErrors = JSON.parse(validate.stdout).diagnostics.filter((d: Json) => VALUE_ERRORS.has(d.code));
    assert.deepEqual(schemaErrors, []);
  });

  it('a second --affects adds the group to the plans and their broad wave; a third run leaves every byte as it was', () => {
    const ws = tempWorkspace(BASE);
    const file = path.join(dir!, 'trivy-centos-7.json');
    const run = (affects: string, ...more: string[]) => runCli(['import', file, ws, '--affects', affects, '--include-unfixed', ...more]);
    const openssl = 'plans/imported/openssl-libs-1-1.0.2k-19.el7.plan.yaml  IMP-openssl-libs-1-1.0.2k-19.el7';
    const addedKiosks = (verb: string) => new RegExp(`${verb} {2}${escape(openssl)}: 1 new group \\(kiosks\\) in wave \`Broad\`\n`);
    assert.equal(run('payroll').code, 0);
    const once = snapshot(ws);
    const dry = run('kiosks', '--dry-run');
    assert.match(dry.stdout, addedKiosks('would add to'));
    assert.deepEqual(snapshot(ws), once);
    const second = run('kiosks');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, addedKiosks('added to'));
    assert.match(second.stdout, /added to {2}plans\/imported\/awaiting-vendor-fix\.plan\.yaml {2}IMP-awaiting-vendor-fix: 1 new group \(kiosks\)\n/);
    assert.doesNotMatch(second.stdout, /nothing new to import/);
    const twice = snapshot(ws);
    assert.notDeepEqual(twice, once);
    const third = run('kiosks');
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stdout, /unchanged {2}plans\/imported\/openssl-libs[^\n]*already has every vulnerability of this fix and affects every group named\n/);
    assert.match(third.stdout, /nothing new to import/);
    assert.deepEqual(snapshot(ws), twice, 'the third run changes no byte');

    const report = runCli(['report', ws, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json']);
    const result = JSON.parse(report.stdout).plans.find((p: Json) => p.id === 'IMP-openssl-libs-1-1.0.2k-19.el7');
    const real = endpointsOf(BASE, ['payroll', 'kiosks']);
    assert.equal(result.endpoints.targets, real);
    assert.equal(sum(result.waves.map((w: Json) => w.targets)), real);
    const validate = runCli(['validate', ws, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json']);
    assert.deepEqual(
      JSON.parse(validate.stdout).diagnostics.filter((d: Json) => VALUE_ERRORS.has(d.code)),
      [],
    );
  });

  it('--dry-run writes nothing', () => {
    const ws = tempWorkspace(BASE);
    const before = snapshot(ws);
    const r = runCli(['import', path.join(dir!, 'trivy-alpine-310.sarif'), ws, '--affects', 'payroll', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /would create/);
    assert.match(r.stdout, /Dry run: nothing was written/);
    assert.deepEqual(snapshot(ws), before);
  });

  const bad: [string, string, RegExp][] = [
    ['truncated JSON', '{"SchemaVersion": 2, "Results": [{"Target": "x", "Vulner', /not valid JSON \(truncated\?\)/],
    ['a SARIF with no runs', '{"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": []}', /no runs/],
    ['an unknown format', '{"findings": []}', /unknown report format/],
  ];
  for (const [what, content, message] of bad) {
    it(`${what}: exit 2, one line on stderr, nothing changed`, () => {
      const ws = tempWorkspace({ ...BASE, 'report.json': content });
      const before = snapshot(ws);
      const r = runCli(['import', path.join(ws, 'report.json'), ws, '--affects', 'payroll']);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^patchops: cannot import '.*report\.json': [^\n]*\n$/);
      assert.match(r.stderr, message);
      assert.deepEqual(snapshot(ws), before);
    });
  }

  it('without --affects, or with an unknown group: exit 2, nothing written', () => {
    const ws = tempWorkspace(BASE);
    const file = path.join(dir!, 'trivy-alpine-310.json');
    const before = snapshot(ws);
    const none = runCli(['import', file, ws]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^patchops: cannot import .*--affects is required[^\n]*\n$/);
    const unknown = runCli(['import', file, ws, '--affects', 'payrol']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown asset group payrol: the groups are kiosks, payroll, pilot/);
    assert.deepEqual(snapshot(ws), before);
  });

  it('refuses to overwrite a plan that changed on disk since it was read', async () => {
    const { writeChanges, ChangeConflict } = await import('../../../src/node/applyChanges');
    const ws = tempWorkspace({ ...BASE, 'plans/a.plan.yaml': 'id: A\n' });
    fs.writeFileSync(path.join(ws, 'plans/a.plan.yaml'), 'id: A # edited meanwhile\n');
    assert.throws(() => writeChanges(ws, [{ file: 'plans/a.plan.yaml', before: 'id: A\n', after: 'id: B\n' }]), ChangeConflict);
    assert.throws(() => writeChanges(ws, [{ file: '../outside.plan.yaml', before: null, after: 'x' }]), /outside the workspace/);
    assert.equal(fs.readFileSync(path.join(ws, 'plans/a.plan.yaml'), 'utf8'), 'id: A # edited meanwhile\n');
    const outside = tempWorkspace({});
    fs.symlinkSync(outside, path.join(ws, 'plans', 'imported'));
    assert.throws(() => writeChanges(ws, [{ file: 'plans/imported/x.plan.yaml', before: null, after: 'x' }]), /symbolic link/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });
});
