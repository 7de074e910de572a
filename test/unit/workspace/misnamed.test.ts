// Files that look like PatchOps files but are not named like one get a `workspace.misnamed`
// warning; the other YAML a repository holds (CI, compose, Kubernetes, OpenAPI…) never does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, Evaluator } from '../../../src/core/evaluate';
import { ZERO_RANGE, type Diagnostic } from '../../../src/core/model/diagnostic';
import type { Evaluation } from '../../../src/core/model/evaluation';
import { DEFAULT_LIMITS } from '../../../src/core/parse/sourceDocument';
import { isCandidateName } from '../../../src/core/workspace/fileKinds';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { misnamedDiagnostic, PARTICULAR_KEYS, suggestedName } from '../../../src/core/workspace/misnamed';
import { GROUPS, plan, POLICY, SETTINGS, withBase } from '../../support/workspace';

const ROOT = path.resolve(__dirname, '../../../..');
const sample = (rel: string) => fs.readFileSync(path.join(ROOT, 'samples', rel), 'utf8');
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));

const EXCEPTION = `id: EXC-1
vulnerabilities: [CVE-2026-0001]
groups: [kiosks]
requested_by: frank@example.com
requested_on: 2026-11-01
reason: The vendor certifies builds quarterly.
revisit_on: 2027-01-15
`;

/** The message of the warning for `file`, or undefined; every warning has the same shape. */
function warning(file: string, content: string | Uint8Array): string | undefined {
  const d = misnamedDiagnostic(file, content);
  if (!d) return undefined;
  assert.equal(d.file, file);
  assert.equal(d.code, 'workspace.misnamed');
  assert.equal(d.severity, 'warning');
  assert.deepEqual(d.range, ZERO_RANGE);
  return d.message;
}

interface Case {
  what: string;
  file: string;
  text: string;
  /** The warning's message. */
  says: RegExp;
}

const check = (cases: Case[]) => {
  for (const { what, file, text, says } of cases) it(what, () => assert.match(warning(file, text) ?? '(no warning)', says));
};

describe('misnamed files: content alone', () => {
  check([
    {
      what: 'a plan in plans/',
      file: 'plans/x.yaml',
      text: plan(),
      says: /looks like a patch plan \(it has `id`, `vulnerabilities` and `affects`\).*`\*\.plan\.yaml`.*rename it to `plans\/x\.plan\.yaml`$/,
    },
    {
      what: 'a sample plan at the root, .yml',
      file: 'chrome.yml',
      text: sample('plans/2026-031-chrome-v8-zero-day.plan.yaml'),
      says: /a patch plan .*rename it to `chrome\.plan\.yml`$/,
    },
    {
      what: 'an exception',
      file: 'exceptions/EXC-1.yaml',
      text: EXCEPTION,
      says: /looks like an exception \(it has `id`, `vulnerabilities`, `groups` and `revisit_on`\).*rename it to `exceptions\/EXC-1\.exception\.yaml`$/,
    },
    {
      what: 'a sample exception',
      file: 'kiosk.yaml',
      text: sample('exceptions/EXC-2026-009-kiosk-browser.exception.yaml'),
      says: /an exception .*rename it to `kiosk\.exception\.yaml`$/,
    },
    {
      what: 'an SLA policy',
      file: 'standard.yaml',
      text: POLICY,
      says: /looks like an SLA policy \(it has `id` and `tiers`\).*`\*\.sla\.yaml`.*rename it to `standard\.sla\.yaml`$/,
    },
    {
      what: 'asset groups',
      file: 'inventory/servers.yaml',
      text: GROUPS,
      says: /looks like asset groups \(it has `groups` with `id` and `impact`\).*rename it to `inventory\/servers\.assets\.yaml`$/,
    },
    {
      what: 'a sample assets file',
      file: 'endpoints.yml',
      text: sample('assets/endpoints.assets.yaml'),
      says: /asset groups .*rename it to `endpoints\.assets\.yml`$/,
    },
    {
      what: 'workspace settings',
      file: 'config/settings.yaml',
      text: SETTINGS,
      says: /PatchOps workspace settings \(it has `teams` with a `role` of `executor` or `validator`\).*only from `patchops\.yaml` at the workspace root/,
    },
    {
      what: 'a plan written as JSON',
      file: 'plans/x.yaml',
      text: JSON.stringify({ id: 'P', title: 'T', owner: 'o', validator: 'v', vulnerabilities: [{ id: 'CVE-1' }], affects: ['g'] }),
      says: /a patch plan/,
    },
    {
      what: 'a plan in flow style after comments and ---',
      file: 'x.yaml',
      text: '# a plan\n---\n{ id: P, vulnerabilities: [{ id: CVE-1 }], affects: [g] }\n',
      says: /a patch plan/,
    },
    { what: 'a plan with one misspelt key among many', file: 'x.yaml', text: plan().replace('rollback:', 'rolback:'), says: /a patch plan/ },
  ]);

  it('reads bytes like a PatchOps file: UTF-8 with a byte-order mark, UTF-16', () => {
    assert.match(warning('x.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plan())])) ?? '', /a patch plan/);
    assert.match(warning('x.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')])) ?? '', /an SLA policy/);
  });

  it('content decides the kind even when the name says another', () => {
    assert.match(warning('apache.exceptions.yaml', plan()) ?? '', /a patch plan .*rename it to `apache\.plan\.yaml`$/);
  });
});

describe('misnamed files: a name that says the kind, and content of that kind only', () => {
  const cases: Case[] = [
    {
      what: 'apache.plans.yaml: a draft plan',
      file: 'apache.plans.yaml',
      text: 'id: PLAN-9\ntitle: Apache\nwaves: []\n',
      says: /a patch plan \(its name says `plans` and it has `waves`\).*rename it to `apache\.plan\.yaml`$/,
    },
    {
      what: 'plans/draft.yaml: a plan without affects yet',
      file: 'plans/draft.yaml',
      text: 'id: PLAN-9\nvulnerabilities:\n  - id: CVE-2026-1\n',
      says: /a patch plan \(its name says `plans` and it has `vulnerabilities`\)/,
    },
    {
      what: 'x-exception.yml',
      file: 'x-exception.yml',
      text: 'id: EXC-9\nrevisit_on: 2027-01-01\n',
      says: /an exception \(its name says `exception` and it has `revisit_on`\).*rename it to `x\.exception\.yml`$/,
    },
    {
      what: 'waivers/kiosk.yaml',
      file: 'waivers/kiosk.yaml',
      text: 'id: EXC-9\nrequested_by: a@example.com\n',
      says: /an exception .*rename it to `waivers\/kiosk\.exception\.yaml`$/,
    },
    {
      what: 'standard.policy.yaml: tiers named unlike ours',
      file: 'standard.policy.yaml',
      text: 'id: standard\ntiers: { urgent: { within: 24h } }\n',
      says: /an SLA policy \(its name says `policy` and it has `tiers`\).*rename it to `standard\.sla\.yaml`$/,
    },
    {
      what: 'servers.asset.yaml: groups without impact',
      file: 'servers.asset.yaml',
      text: 'groups:\n  - { id: web, title: Web servers }\n',
      says: /asset groups \(its name says `asset` and it has `groups`\).*rename it to `servers\.assets\.yaml`$/,
    },
    {
      what: 'patchops.settings.yaml',
      file: 'patchops.settings.yaml',
      text: 'name: Contoso\ntimezone: Europe/Berlin\n',
      says: /PatchOps workspace settings \(its name says `patchops` and it has `timezone`\)/,
    },
  ];
  check(cases);

  it('the same content under a name that says nothing is not flagged', () => {
    for (const { file, text } of cases) {
      const plain = file.replace(/[^/]*$/, 'notes.yaml').replace(/^(plans|waivers)\//, 'docs/');
      assert.equal(warning(plain, text), undefined, `${file} as ${plain}`);
    }
  });
});

describe('misnamed files: the name PatchOps would read', () => {
  const cases: [string, 'plan' | 'exception' | 'sla' | 'assets', string][] = [
    ['plans/x.yaml', 'plan', 'plans/x.plan.yaml'],
    ['apache.plans.yaml', 'plan', 'apache.plan.yaml'],
    ['plan-apache.yml', 'plan', 'apache.plan.yml'],
    ['apache_plan.YAML', 'plan', 'apache.plan.YAML'],
    ['x.plan.yaml.yaml', 'plan', 'x.plan.yaml'],
    ['kiosk.exceptions.yaml', 'exception', 'kiosk.exception.yaml'],
    ['standard.policy.yaml', 'sla', 'standard.sla.yaml'],
    ['a/b/servers.asset.yml', 'assets', 'a/b/servers.assets.yml'],
    ['patchops-plan.yaml', 'plan', 'patchops.plan.yaml'],
  ];
  for (const [file, kind, expected] of cases) it(`${file} → ${expected}`, () => assert.equal(suggestedName(file, kind), expected));

  it('a name that was only the kind takes the id when it makes a plain file name', () => {
    assert.equal(suggestedName('plans/plan.yaml', 'plan', 'PLAN-2026-031'), 'plans/PLAN-2026-031.plan.yaml');
    assert.equal(suggestedName('plans/plan.yaml', 'plan', '../../etc/passwd'), 'plans/plan.plan.yaml');
    assert.equal(suggestedName('plans/plans.yaml', 'plan', 42), 'plans/plans.plan.yaml');
  });
});

describe('misnamed files: other YAML is never flagged', () => {
  const negatives: Record<string, string> = {
    '.github/workflows/ci.yml': `name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`,
    '.gitlab-ci.yml': `stages: [test, deploy]
variables:
  NODE_ENV: test
test:
  stage: test
  script: [npm ci, npm test]
vulnerabilities:
  stage: test
  script: [trivy fs .]
`,
    'docker-compose.yml': `services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
  db:
    image: postgres:16
volumes:
  data: {}
`,
    'k8s/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: web
          image: nginx
`,
    'k8s/all.yaml': `apiVersion: v1
kind: Service
metadata: { name: web }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: read }
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get]
`,
    'policies/kyverno.yaml': `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: require-labels }
spec:
  rules: []
`,
    'openapi.yaml': `openapi: 3.1.0
info: { title: Plans API, version: "1" }
paths:
  /plans:
    get:
      responses: { "200": { description: ok } }
components:
  schemas:
    Plan:
      properties: { id: { type: string }, vulnerabilities: { type: array }, affects: { type: array } }
`,
    'monitoring/alerts.yaml': `groups:
  - name: node
    rules:
      - alert: HostDown
        expr: up == 0
        for: 5m
`,
    'alertmanager.yml': `route:
  receiver: team
  group_by: [alertname]
receivers:
  - name: team
`,
    'chart/Chart.yaml': `apiVersion: v2
name: web
version: 1.2.3
description: A web app
`,
    'chart/values.yaml': `replicaCount: 2
image: { repository: nginx, tag: "1.27" }
groups: [admins, users]
teams: { platform: [alice] }
`,
    'ansible/site.yml': `- hosts: all
  become: true
  tasks:
    - name: Patch
      ansible.builtin.apt: { upgrade: dist }
`,
    'ansible/inventory.yaml': `all:
  children:
    webservers:
      hosts: { web1: {}, web2: {} }
`,
    'dependabot.yml': `version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule: { interval: weekly }
`,
    'mkdocs.yml': `site_name: Patching handbook
nav:
  - Plans: plans.md
  - Exceptions: exceptions.md
theme: material
`,
    '.pre-commit-config.yaml': `repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks: [{ id: trailing-whitespace }]
`,
    // Trivy's ignore file (what `patchops export` writes) has `vulnerabilities` with ids.
    '.trivyignore.yaml': `vulnerabilities:
  - id: CVE-2026-41762
    paths: [kiosk/]
    statement: Exempted by EXC-2026-009
    expired_at: 2027-01-15
`,
    'vex/osv.yaml': `id: GHSA-xxxx-yyyy-zzzz
summary: Request smuggling
aliases: [CVE-2026-1]
affected:
  - package: { ecosystem: npm, name: proxy }
modified: 2026-11-01T00:00:00Z
`,
    'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: infosec }
spec:
  type: team
  children: []
  members: [carol]
`,
    'org/teams.yaml': `teams:
  platform:
    description: Platform
    members: [alice, bob]
    maintainers: [carol]
`,
    'slo/web.yaml': `version: prometheus/v1
service: web
slos:
  - name: availability
    objective: 99.9
`,
    'sla/tiers.yaml': `name: gold
tiers:
  gold: { response: 1h }
  silver: { response: 4h }
`,
    'assets/i18n/en.yaml': `title: Patching
description: Our patch process
groups: Groups
`,
    'plans/roadmap.yaml': `id: Q4
title: Roadmap
description: Next quarter
owner: platform
status: planned
`,
    'exceptions/lint.yaml': `rules:
  no-console: off
`,
    'renovate-presets.yaml': `packageRules:
  - matchUpdateTypes: [minor]
    groupName: all minor
`,
    'ci/plans.yaml': `jobs:
  nightly: { cron: "0 2 * * *" }
`,
  };
  for (const [file, text] of Object.entries(negatives)) {
    it(file, () => assert.equal(warning(file, text), undefined));
  }
});

describe('misnamed files: what is not a candidate, and hostile content', () => {
  it('PatchOps file names, nested settings, backups and other extensions are not candidates', () => {
    const notCandidates = ['x.plan.yaml', 'a/x.PLAN.YML', 'patchops.yaml', 'sub/patchops.yaml', 'sub/PatchOps.yml'];
    notCandidates.push('x.plan.yaml.bak', 'x.plan.yaml~', 'plan.json');
    for (const file of notCandidates) {
      assert.equal(isCandidateName(file), false, file);
      assert.equal(warning(file, plan()), undefined, file);
    }
    for (const file of ['x.yaml', 'plans/x.yml', '.trivyignore.yaml', 'x.plan.yaml.yaml']) assert.equal(isCandidateName(file), true, file);
  });

  it('binary, invalid UTF-8, over the size cap, unparsable, several documents: no warning, no exception', () => {
    const text = plan();
    assert.equal(warning('plans/x.yaml', Buffer.concat([Buffer.from(text), Buffer.from([0, 1, 2])])), undefined);
    assert.equal(warning('plans/x.yaml', Buffer.concat([Buffer.from(text), Buffer.from([0xc3, 0x28])])), undefined);
    assert.equal(warning('plans/x.yaml', text + '#'.repeat(DEFAULT_LIMITS.maxChars)), undefined);
    assert.equal(misnamedDiagnostic('plans/x.yaml', text, { ...DEFAULT_LIMITS, maxChars: 100 }), undefined);
    assert.equal(warning('plans/x.yaml', text.replace('affects: [payroll]', 'affects: [payroll')), undefined);
    assert.equal(warning('plans/x.yaml', `${text}---\n${text}`), undefined);
    assert.equal(warning('plans/x.yaml', `%YAML 1.1\n---\n${text}`), undefined);
  });

  it('an alias bomb and 20,000-deep nesting in what would be a plan are refused quietly', () => {
    const letter = (i: number) => String.fromCharCode(97 + i);
    // Each level lists the one before nine times: 9^9 values once expanded.
    const levels = Array.from(
      { length: 9 },
      (_, i) =>
        `  - &${letter(i)} [${Array(9)
          .fill(i === 0 ? 'x' : `*${letter(i - 1)}`)
          .join(', ')}]`,
    );
    const planWith = (vulnerabilities: string) => `id: P\naffects: [g]\nvulnerabilities:${vulnerabilities}\n`;
    assert.equal(warning('plans/x.yaml', planWith(`\n${levels.join('\n')}`)), undefined, '9^9 expansions');
    assert.match(warning('plans/x.yaml', planWith(`\n${levels.slice(0, 2).join('\n')}`)) ?? '', /a patch plan/, 'a few aliases are fine');
    assert.equal(warning('plans/x.yaml', planWith(` ${'['.repeat(20000)}${']'.repeat(20000)}`)), undefined);
    assert.match(warning('plans/x.yaml', planWith(` ${'['.repeat(3)}${']'.repeat(3)}`)) ?? '', /a patch plan/, 'shallow nesting is fine');
  });

  it('prototype names in paths and keys are plain words', () => {
    for (const file of ['constructor.yaml', 'plans/__proto__.yaml', 'toString/hasOwnProperty.yml']) {
      assert.equal(warning(file, '__proto__: { polluted: true }\nconstructor: x\n'), undefined, file);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('misnamed files: the keys come from the schemas', () => {
  it("each kind's particular keys are keys of its schema", () => {
    const names = { workspace: 'workspace', sla: 'sla', assets: 'assets', plan: 'plan', exception: 'exception' } as const;
    for (const [kind, keys] of Object.entries(PARTICULAR_KEYS)) {
      const properties = Object.keys(schema(names[kind as keyof typeof names]).properties);
      for (const key of keys) assert.ok(properties.includes(key), `${kind}: ${key}`);
    }
  });

  it('a key a schema does not know makes content of that kind something else', () => {
    // Two keys the plan schema lacks: not a plan with a typo, something else.
    assert.equal(warning('x.yaml', `${plan()}labels: [a]\nowner_email: a@example.com\n`), undefined);
    assert.match(warning('x.yaml', `${plan()}labels: [a]\n`) ?? '', /a patch plan/);
  });
});

describe('misnamed files: in the evaluation, kept edit by edit', () => {
  it('the warnings join the diagnostics by file, and leave when the model no longer has them', () => {
    const files = Object.entries(withBase({ 'plans/a.plan.yaml': plan() })).map(([file, text]) => loadFile(file, text));
    const warned = misnamedDiagnostic('plans/x.yaml', plan({ id: 'PLAN-X' }))!;
    const asOf = Date.parse('2026-11-23T12:00:00Z');
    const evaluator = new Evaluator();
    const codes = (e: Evaluation) => [...e.diagnosticsByFile].map(([file, list]) => `${file}: ${list.map((d) => d.code).join(' ')}`);
    const fresh = (misnamed: Diagnostic[]) => codes(evaluate({ ...assembleModel(files), misnamed }, { asOf }));

    const withWarning = codes(evaluator.evaluate({ ...assembleModel(files), misnamed: [warned] }, { asOf }));
    assert.ok(withWarning.includes('plans/x.yaml: workspace.misnamed'), withWarning.join('\n'));
    assert.deepEqual(withWarning, fresh([warned]));
    const without = codes(evaluator.evaluate({ ...assembleModel(files), misnamed: [] }, { asOf }));
    assert.ok(!without.some((line) => line.startsWith('plans/x.yaml')), without.join('\n'));
    assert.deepEqual(without, fresh([]));
    assert.deepEqual(codes(evaluator.evaluate({ ...assembleModel(files), misnamed: [warned] }, { asOf })), withWarning);
  });
});
