// `patchops new plan|exception`: the next free id, the core's template (the editor's New Plan uses
// it too), placeholders instead of made-up data, and a plan that keeps no deadline until its
// placeholders are filled in (docs/cli.md#new, docs/rules.md#placeholders).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { snapshot } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';

const AS_OF = '2026-11-23T12:00:00Z';
const tempDir = tempDirs('new');

/** A workspace from `init`, its members filled in, with these extra files. */
function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir(files);
  assert.equal(runCli(['init', dir, '--name', 'Acme']).code, 0);
  const settings = path.join(dir, 'patchops.yaml');
  fs.writeFileSync(
    settings,
    fs
      .readFileSync(settings, 'utf8')
      .replace(/<fill in the IT[^>]*>/, 'ann@example.com')
      .replace(/<fill in the security[^>]*>/, 'sam@example.com')
      // A zone where the as-of is already the next day (12:00Z is 01:00 on the 24th), not the machine's.
      .replace(/^timezone: \S+/m, 'timezone: Pacific/Auckland'),
  );
  return dir;
}

const json = (dir: string) => JSON.parse(runCli(['status', dir, '--as-of', AS_OF, '--format', 'json']).stdout);

describe('cli: new', () => {
  it('new plan: the next free id of the year, the only teams of each role, placeholders for the rest, and no deadline until they are filled in', () => {
    const dir = workspace({
      'plans/old.plan.yaml':
        'id: PLAN-2026-007\ntitle: Old\nowner: it-ops\nvalidator: infosec\nvulnerabilities: [{ id: CVE-2026-1, severity: low }]\naffects: [workstations]\n',
      'plans/other-year.plan.yaml':
        'id: PLAN-2025-300\ntitle: Old\nowner: it-ops\nvalidator: infosec\nvulnerabilities: [{ id: CVE-2025-1, severity: low }]\naffects: [workstations]\n',
    });
    const r = runCli(['new', 'plan', dir, '--title', 'Chrome zero-day'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^created plans\/PLAN-2026-008\.plan\.yaml \(PLAN-2026-008\): fill in the \d+ values marked <fill in …>; patchops validate lists them\n$/,
    );
    const file = path.join(dir, 'plans/PLAN-2026-008.plan.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^id: PLAN-2026-008\ntitle: "Chrome zero-day"\nowner: it-ops /);
    assert.match(text, /\nvalidator: infosec /);
    assert.match(text, /discovered: 2026-11-24 /, "today, in the workspace's zone");
    assert.doesNotMatch(text, /CVE-0000|CVSS:|TODO/, 'no made-up data');

    // Fail closed: a placeholder CVE is never a plan that looks fine.
    const v = runCli(['validate', dir, '--as-of', AS_OF]);
    assert.equal(v.code, 1);
    assert.match(
      v.stdout,
      /plans\/PLAN-2026-008\.plan\.yaml:1:5 +error +sla\.unknown +no deadline: `vulnerabilities\[0\]\.id` is still a template placeholder: fill it in/,
    );
    assert.match(
      v.stdout,
      /warning +template\.placeholder +`vulnerabilities\[0\]\.severity` is still a template placeholder: fill in critical, high, medium or low; until then the plan has no deadline/,
    );
    assert.match(v.stdout, /warning +template\.placeholder +`affects\[0\]` is still a template placeholder: fill in the asset group ids/);
    assert.doesNotMatch(v.stdout, /ref\.unknown|schema /, 'a placeholder is said once, as itself');
    const plan = json(dir).plans.find((p: { id: string }) => p.id === 'PLAN-2026-008');
    assert.equal(plan.state, 'unknown');
    assert.equal(plan.deadline, null);

    // Filled in: a real deadline, and nothing left to fill in.
    fs.writeFileSync(
      file,
      text
        .replace('<fill in the CVE id>', 'CVE-2026-41234')
        .replace('<fill in critical, high, medium or low>', 'critical')
        .replace(/<fill in the (asset group ids|pilot group id)>/g, 'pilot-ring')
        .replace(/<fill in [^>]*>/g, 'Status page'),
    );
    const filled = json(dir).plans.find((p: { id: string }) => p.id === 'PLAN-2026-008');
    assert.equal(filled.tier, 'critical');
    assert.notEqual(filled.state, 'unknown');
    assert.doesNotMatch(runCli(['validate', dir, '--as-of', AS_OF]).stdout, /template\.placeholder|PLAN-2026-008.*error/);
  });

  it('new exception --plan: the next free id, the plan’s vulnerabilities and groups; the rest are placeholders and it exempts nothing until filled in', () => {
    const dir = workspace({
      'plans/p.plan.yaml':
        'id: PLAN-2026-001\ntitle: P\nowner: it-ops\nvalidator: infosec\nvulnerabilities: [{ id: CVE-2026-1111, severity: high }, { id: <fill in the CVE id> }]\naffects: [workstations]\n',
      'exceptions/a.exception.yaml':
        'id: EXC-2026-004\nvulnerabilities: [CVE-2026-9]\ngroups: [workstations]\nrequested_by: ann@example.com\nrequested_on: 2026-11-01\nreason: r\nrevisit_on: 2026-12-01\n',
    });
    const r = runCli(['new', 'exception', '--plan', 'PLAN-2026-001'], { cwd: path.join(dir, 'plans') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created \.\.\/exceptions\/EXC-2026-005\.exception\.yaml \(EXC-2026-005\)/, 'found upward, named from here');
    const text = fs.readFileSync(path.join(dir, 'exceptions/EXC-2026-005.exception.yaml'), 'utf8');
    assert.match(
      text,
      /^id: EXC-2026-005\nvulnerabilities: \[CVE-2026-1111\]\ngroups: \[workstations\]\nplan: PLAN-2026-001\nrequested_by: <fill in your e-mail address>\nrequested_on: 2026-11-24\n/,
    );
    const v = runCli(['validate', dir, '--as-of', AS_OF]).stdout;
    assert.match(text, /\nrevisit_on: 2026-12-24 /);
    assert.match(
      v,
      /EXC-2026-005\.exception\.yaml:5:\d+ +error +template\.placeholder +`requested_by` is still a template placeholder: fill in your e-mail address; until then this exception is not used/,
    );
    assert.match(
      v,
      /EXC-2026-005\.exception\.yaml:7:\d+ +warning +template\.placeholder +`reason` is still a template placeholder: fill in why this cannot be patched on time/,
    );
    assert.deepEqual(
      json(dir).exceptions.map((e: { id: string }) => e.id),
      ['EXC-2026-004'],
      'an exception not filled in is not used',
    );
  });

  it('an unknown plan, a missing kind, or a file in the way: exit 2, nothing written', () => {
    const dir = workspace({
      'plans/p.plan.yaml':
        'id: PLAN-2026-001\ntitle: P\nowner: it-ops\nvalidator: infosec\nvulnerabilities: [{ id: CVE-1, severity: high }]\naffects: [workstations]\n',
    });
    const before = snapshot(dir);
    const unknown = runCli(['new', 'exception', dir, '--plan', 'PLAN-2026-01']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, "patchops: no plan 'PLAN-2026-01' in the workspace: did you mean PLAN-2026-001?; nothing was written\n");
    assert.match(runCli(['new', dir]).stderr, /^patchops: new needs what to create: patchops new plan/);
    assert.match(runCli(['new', 'plan', dir, '--plan', 'PLAN-2026-001']).stderr, /--plan is for new exception/);
    assert.deepEqual(snapshot(dir), before);

    // A file named like the next id but declaring another: kept as it is.
    fs.writeFileSync(path.join(dir, 'plans/PLAN-2026-002.plan.yaml'), '# mine\n');
    const inTheWay = runCli(['new', 'plan', dir]);
    assert.equal(inTheWay.code, 2);
    assert.match(inTheWay.stderr, /plans\/PLAN-2026-002\.plan\.yaml exists already \(its id is not PLAN-2026-002\): nothing was written/);
    assert.equal(fs.readFileSync(path.join(dir, 'plans/PLAN-2026-002.plan.yaml'), 'utf8'), '# mine\n');
  });
});
