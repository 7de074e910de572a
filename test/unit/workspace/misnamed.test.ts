// Files that look like PatchOps files but are not named like one get a `workspace.misnamed`
// warning; the other YAML a repository holds (CI, compose, Kubernetes, OpenAPI…) never does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZERO_RANGE } from '../../../src/core/model/diagnostic';
import { DEFAULT_LIMITS } from '../../../src/core/parse/sourceDocument';
import { isCandidateName } from '../../../src/core/workspace/fileKinds';
import { misnamedDiagnostic, PARTICULAR_KEYS, suggestedName } from '../../../src/core/workspace/misnamed';
import { GROUPS, plan, POLICY, SETTINGS } from '../../support/workspace';

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

describe('misnamed files: content alone', () => {
  const cases: [string, string, string, RegExp][] = [
    ['a plan in plans/', 'plans/x.yaml', plan(), /looks like a patch plan \(it has `id`, `vulnerabilities` and `affects`\).*`\*\.plan\.yaml`.*rename it to `plans\/x\.plan\.yaml`$/],
    ['a sample plan at the root, .yml', 'chrome.yml', sample('plans/2026-031-chrome-v8-zero-day.plan.yaml'), /a patch plan .*rename it to `chrome\.plan\.yml`$/],
    ['an exception', 'exceptions/EXC-1.yaml', EXCEPTION, /looks like an exception \(it has `id`, `vulnerabilities`, `groups` and `revisit_on`\).*rename it to `exceptions\/EXC-1\.exception\.yaml`$/],
    ['a sample exception', 'kiosk.yaml', sample('exceptions/EXC-2026-009-kiosk-browser.exception.yaml'), /an exception .*rename it to `kiosk\.exception\.yaml`$/],
    ['an SLA policy', 'standard.yaml', POLICY, /looks like an SLA policy \(it has `id` and `tiers`\).*`\*\.sla\.yaml`.*rename it to `standard\.sla\.yaml`$/],
    ['asset groups', 'inventory/servers.yaml', GROUPS, /looks like asset groups \(it has `groups` with `id` and `impact`\).*rename it to `inventory\/servers\.assets\.yaml`$/],
    ['a sample assets file', 'endpoints.yml', sample('assets/endpoints.assets.yaml'), /asset groups .*rename it to `endpoints\.assets\.yml`$/],
    ['workspace settings', 'config/settings.yaml', SETTINGS, /looks like PatchOps workspace settings \(it has `teams` with a `role` of `executor` or `validator`\).*only from `patchops\.yaml` at the workspace root/],
    ['a plan written as JSON', 'plans/x.yaml', JSON.stringify({ id: 'P', title: 'T', owner: 'o', validator: 'v', vulnerabilities: [{ id: 'CVE-1' }], affects: ['g'] }), /a patch plan/],
    ['a plan in flow style after comments and ---', 'x.yaml', '# a plan\n---\n{ id: P, vulnerabilities: [{ id: CVE-1 }], affects: [g] }\n', /a patch plan/],
    ['a plan with one misspelt key among many', 'x.yaml', plan().replace('rollback:', 'rolback:'), /a patch plan/],
  ];
  for (const [what, file, text, message] of cases) {
    it(what, () => assert.match(warning(file, text) ?? '(no warning)', message));
  }

  it('reads bytes like a PatchOps file: UTF-8 with a byte-order mark, UTF-16', () => {
    assert.match(warning('x.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plan())])) ?? '', /a patch plan/);
    assert.match(warning('x.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')])) ?? '', /an SLA policy/);
  });

  it('content decides the kind even when the name says another', () => {
    assert.match(warning('apache.exceptions.yaml', plan()) ?? '', /a patch plan .*rename it to `apache\.plan\.yaml`$/);
  });
});

describe('misnamed files: a name that says the kind, and content of that kind only', () => {
  const cases: [string, string, string, RegExp][] = [
    ['apache.plans.yaml: a draft plan', 'apache.plans.yaml', 'id: PLAN-9\ntitle: Apache\nwaves: []\n', /a patch plan \(its name says `plans` and it has `waves`\).*rename it to `apache\.plan\.yaml`$/],
    ['plans/draft.yaml: a plan without affects yet', 'plans/draft.yaml', 'id: PLAN-9\nvulnerabilities:\n  - id: CVE-2026-1\n', /a patch plan \(its name says `plans` and it has `vulnerabilities`\)/],
    ['x-exception.yml', 'x-exception.yml', 'id: EXC-9\nrevisit_on: 2027-01-01\n', /an exception \(its name says `exception` and it has `revisit_on`\).*rename it to `x\.exception\.yml`$/],
    ['waivers/kiosk.yaml', 'waivers/kiosk.yaml', 'id: EXC-9\nrequested_by: a@example.com\n', /an exception .*rename it to `waivers\/kiosk\.exception\.yaml`$/],
    ['standard.policy.yaml: tiers named unlike ours', 'standard.policy.yaml', 'id: standard\ntiers: { urgent: { within: 24h } }\n', /an SLA policy \(its name says `policy` and it has `tiers`\).*rename it to `standard\.sla\.yaml`$/],
    ['servers.asset.yaml: groups without impact', 'servers.asset.yaml', 'groups:\n  - { id: web, title: Web servers }\n', /asset groups \(its name says `asset` and it has `groups`\).*rename it to `servers\.assets\.yaml`$/],
    ['patchops.settings.yaml', 'patchops.settings.yaml', 'name: Contoso\ntimezone: Europe/Berlin\n', /PatchOps workspace settings \(its name says `patchops` and it has `timezone`\)/],
  ];
  for (const [what, file, text, message] of cases) {
    it(what, () => assert.match(warning(file, text) ?? '(no warning)', message));
  }

  it('the same content under a name that says nothing is not flagged', () => {
    for (const [, file, text] of cases) {
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
    '.github/workflows/ci.yml': 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
    '.gitlab-ci.yml': 'stages: [test, deploy]\nvariables:\n  NODE_ENV: test\ntest:\n  stage: test\n  script: [npm ci, npm test]\nvulnerabilities:\n  stage: test\n  script: [trivy fs .]\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\nvolumes:\n  data: {}\n',
    'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n',
    'k8s/all.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: read }\nrules:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n',
    'policies/kyverno.yaml': 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: require-labels }\nspec:\n  rules: []\n',
    'openapi.yaml': 'openapi: 3.1.0\ninfo: { title: Plans API, version: "1" }\npaths:\n  /plans:\n    get:\n      responses: { "200": { description: ok } }\ncomponents:\n  schemas:\n    Plan:\n      properties: { id: { type: string }, vulnerabilities: { type: array }, affects: { type: array } }\n',
    'monitoring/alerts.yaml': 'groups:\n  - name: node\n    rules:\n      - alert: HostDown\n        expr: up == 0\n        for: 5m\n',
    'alertmanager.yml': 'route:\n  receiver: team\n  group_by: [alertname]\nreceivers:\n  - name: team\n',
    'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.2.3\ndescription: A web app\n',
    'chart/values.yaml': 'replicaCount: 2\nimage: { repository: nginx, tag: "1.27" }\ngroups: [admins, users]\nteams: { platform: [alice] }\n',
    'ansible/site.yml': '- hosts: all\n  become: true\n  tasks:\n    - name: Patch\n      ansible.builtin.apt: { upgrade: dist }\n',
    'ansible/inventory.yaml': 'all:\n  children:\n    webservers:\n      hosts: { web1: {}, web2: {} }\n',
    'dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: { interval: weekly }\n',
    'mkdocs.yml': 'site_name: Patching handbook\nnav:\n  - Plans: plans.md\n  - Exceptions: exceptions.md\ntheme: material\n',
    '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks: [{ id: trailing-whitespace }]\n',
    // Trivy's ignore file (what `patchops export` writes) has `vulnerabilities` with ids.
    '.trivyignore.yaml': 'vulnerabilities:\n  - id: CVE-2026-41762\n    paths: [kiosk/]\n    statement: Exempted by EXC-2026-009\n    expired_at: 2027-01-15\n',
    'vex/osv.yaml': 'id: GHSA-xxxx-yyyy-zzzz\nsummary: Request smuggling\naliases: [CVE-2026-1]\naffected:\n  - package: { ecosystem: npm, name: proxy }\nmodified: 2026-11-01T00:00:00Z\n',
    'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: infosec }\nspec:\n  type: team\n  children: []\n  members: [carol]\n',
    'org/teams.yaml': 'teams:\n  platform:\n    description: Platform\n    members: [alice, bob]\n    maintainers: [carol]\n',
    'slo/web.yaml': 'version: prometheus/v1\nservice: web\nslos:\n  - name: availability\n    objective: 99.9\n',
    'sla/tiers.yaml': 'name: gold\ntiers:\n  gold: { response: 1h }\n  silver: { response: 4h }\n',
    'assets/i18n/en.yaml': 'title: Patching\ndescription: Our patch process\ngroups: Groups\n',
    'plans/roadmap.yaml': 'id: Q4\ntitle: Roadmap\ndescription: Next quarter\nowner: platform\nstatus: planned\n',
    'exceptions/lint.yaml': 'rules:\n  no-console: off\n',
    'renovate-presets.yaml': 'packageRules:\n  - matchUpdateTypes: [minor]\n    groupName: all minor\n',
    'ci/plans.yaml': 'jobs:\n  nightly: { cron: "0 2 * * *" }\n',
  };
  for (const [file, text] of Object.entries(negatives)) {
    it(file, () => assert.equal(warning(file, text), undefined));
  }
});

describe('misnamed files: what is not a candidate, and hostile content', () => {
  it('PatchOps file names, nested settings, backups and other extensions are not candidates', () => {
    for (const file of ['x.plan.yaml', 'a/x.PLAN.YML', 'patchops.yaml', 'sub/patchops.yaml', 'sub/PatchOps.yml', 'x.plan.yaml.bak', 'x.plan.yaml~', 'plan.json', 'README.md']) {
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

  it('an alias bomb, 20,000-deep nesting and prototype names are refused quietly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${`*${String.fromCharCode(97 + i)}, `.repeat(9).slice(0, -2)}]`)];
    assert.equal(warning('plans/x.yaml', `id: P\nvulnerabilities: []\naffects: [g]\n${bomb.join('\n')}\n`), undefined);
    assert.equal(warning('plans/x.yaml', `id: P\nvulnerabilities: ${'['.repeat(20000)}${']'.repeat(20000)}\naffects: [g]\n`), undefined);
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
