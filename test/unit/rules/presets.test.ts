// Risk models of record in a workspace (docs/rules.md#risk-models): a deadline per vulnerability ×
// affected group, the earliest wins and its pair is named and explained; KEV due dates cap it;
// missing inputs are assumed the fail-closed way, and bad settings get precise diagnostics.
import assert from 'node:assert/strict';
import { planLensTitle } from '../../../src/core/present/summaries';
import { buildReport } from '../../../src/core/report/reportJson';
import { at, evaluateFiles, instant, only, plan, SETTINGS, type Files } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const DAY = 86_400_000;

const GROUPS = `groups:
  - { id: web, impact: high, endpoints: 4, exposure: public, pain: 5 }
  - { id: lab, impact: low, endpoints: 9, exposure: internal, pain: 2 }
`;

function workspace(risk: string, extra: Files = {}, groups = GROUPS): Files {
  const policy = `id: standard\ncycles:\n  quarterly: { rrule: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", at: "09:00" }\nrisk: ${risk}\nexceptions: { approvers: [infosec] }\n`;
  return { 'patchops.yaml': SETTINGS, 'standard.sla.yaml': policy, 'groups.assets.yaml': groups, ...extra };
}

const vuln = (fields: string) => `  - { id: CVE-2026-0001, severity: high, discovered: 2026-11-20T14:00, ${fields} }`;

describe('risk models in a workspace: per pair deadlines', () => {
  it('BOD 26-04: the earliest pair sets the deadline, named and explained', () => {
    const e = evaluateFiles(
      workspace('{ model: bod-26-04, upgrade_cycle: quarterly }', {
        'p.plan.yaml': plan({ vulns: vuln('kev: true, kev_due: 2026-12-11, automatable: "yes", technical_impact: total'), affects: '[lab, web]' }),
      }),
      AS_OF,
    );
    const p = e.plans[0];
    assert.equal(p.riskModel, 'bod-26-04');
    assert.equal(p.pairs.length, 2);
    assert.equal(p.deadline, instant('2026-11-20T14:00') + 3 * DAY);
    assert.equal(p.deadlineBy?.group, 'lab'); // both are 3DF; the first pair found wins a tie
    assert.equal(p.deadlineBy?.explanation, 'KEV · internal · automatable · total → 3 days + forensic triage, from 2026-11-20 14:00 (-06:00) (discovered)');
    assert.equal(p.tier, 'critical');
    assert.equal(p.state, 'due_soon');
    const report = buildReport(e).plans[0];
    assert.equal(report.deadlineBy?.forensicTriage, true);
    assert.deepEqual(report.deadlineBy?.assumed, []);
    assert.match(
      only(e.diagnostics, 'sla.due-soon')[0].message,
      /bod-26-04 deadline \(CVE-2026-0001 on lab: KEV · internal · automatable · total → 3 days \+ forensic triage\)/,
    );
  });

  it('BOD 26-04: the pairs differ by group, and the KEV due date caps the deadline', () => {
    const e = evaluateFiles(
      workspace('{ model: bod-26-04, upgrade_cycle: quarterly }', {
        'p.plan.yaml': plan({ vulns: vuln('kev: true, kev_due: 2026-11-25, automatable: "no", technical_impact: partial'), affects: '[lab, web]' }),
      }),
      AS_OF,
    );
    const p = e.plans[0];
    assert.deepEqual(
      p.pairs.map((x) => x.outcome),
      ['14 days', '14 days'],
    );
    assert.equal(p.deadline, instant('2026-11-25'));
    assert.match(p.deadlineBy!.explanation, /, capped by the KEV due date 2026-11-25 00:00 \(-06:00\)$/);
  });

  it('BOD 26-04: an exception exempts one pair, and the other pair sets the deadline', () => {
    const exception = `id: EXC-1\nplan: PLAN-1\nvulnerabilities: [CVE-2026-0001]\ngroups: [web]\nrequested_by: alice@example.com\nrequested_on: 2026-11-20\nreason: Vendor fix pending\nrevisit_on: 2026-12-20\napproval: { approved_by: carol@example.com, approved_on: 2026-11-21 }\n`;
    const e = evaluateFiles(
      {
        ...workspace('{ model: bod-26-04, upgrade_cycle: quarterly }', {
          'p.plan.yaml': plan({ vulns: vuln('kev: false, automatable: "yes", technical_impact: total'), affects: '[lab, web]' }),
          'e.exception.yaml': exception,
        }),
      },
      AS_OF,
    );
    const p = e.plans[0];
    assert.deepEqual(
      p.pairs.map((x) => `${x.group}: ${x.outcome}`),
      ['lab: 60 days'],
    );
    assert.equal(p.deadline, instant('2026-11-20T14:00') + 60 * DAY);
  });

  it("an exception covering a plan's first vulnerability: the next one's pairs read that one's own inputs", () => {
    const exempted =
      '  - { id: CVE-2026-0009, severity: critical, discovered: 2026-11-10T14:00, kev: true, kev_due: 2026-11-12, automatable: "yes", technical_impact: total }';
    const kept = vuln('kev: false, automatable: "no", technical_impact: partial');
    const exception = `id: EXC-1\nplan: PLAN-1\nvulnerabilities: [CVE-2026-0009]\ngroups: [lab, web]\nrequested_by: alice@example.com\nrequested_on: 2026-11-20\nreason: Vendor fix pending\nrevisit_on: 2026-12-20\napproval: { approved_by: carol@example.com, approved_on: 2026-11-21 }\n`;
    const risk = '{ model: bod-26-04, upgrade_cycle: quarterly }';
    const both = evaluateFiles(
      workspace(risk, { 'p.plan.yaml': plan({ vulns: `${exempted}\n${kept}`, affects: '[lab, web]' }), 'e.exception.yaml': exception }),
      AS_OF,
    ).plans[0];
    const alone = evaluateFiles(workspace(risk, { 'p.plan.yaml': plan({ vulns: kept, affects: '[lab, web]' }) }), AS_OF).plans[0];
    assert.deepEqual(
      both.vulnerabilities.map((v) => `${v.id} ${v.inScope}`),
      ['CVE-2026-0009 false', 'CVE-2026-0001 true'],
    );
    assert.equal(both.pairs.length, 2);
    assert.deepEqual(both.pairs, alone.pairs);
    assert.equal(both.deadline, alone.deadline);
    assert.ok(both.pairs.every((x) => x.vulnerability === 'CVE-2026-0001' && x.kevDue === null && !x.inputs.startsWith('KEV')));
  });

  it('BOD 26-04: FSU follows the upgrade cycle; without one the plan has no deadline and says why', () => {
    const files = (risk: string) =>
      workspace(risk, { 'p.plan.yaml': plan({ vulns: vuln('kev: false, automatable: "no", technical_impact: total'), affects: '[lab]' }) });
    const withCycle = evaluateFiles(files('{ model: bod-26-04, upgrade_cycle: quarterly }'), AS_OF).plans[0];
    assert.equal(withCycle.deadlineBy?.outcome, 'next scheduled major upgrade or rebuild');
    assert.equal(withCycle.deadline, instant('2027-01-01T09:00'));
    const without = evaluateFiles(files('{ model: bod-26-04 }'), AS_OF).plans[0];
    assert.equal(without.state, 'unknown');
    assert.match(without.unknownReason!, /no usable `risk.upgrade_cycle`/);
  });

  it('missing inputs take the fail-closed default and the report lists them', () => {
    const e = evaluateFiles(
      workspace(
        '{ model: bod-26-04 }',
        { 'p.plan.yaml': plan({ vulns: vuln('kev: false'), affects: '[mystery]' }) },
        GROUPS + '  - { id: mystery, impact: low, endpoints: 1, exposure: unknown }\n',
      ),
      AS_OF,
    );
    const pair = buildReport(e).plans[0].deadlineBy!;
    assert.equal(pair.outcome, '3 days');
    assert.match(
      planLensTitle(e.plans[0], e.asOf, e.timezone),
      / · CVE-2026-0001 on mystery: not KEV · public · automatable · total → 3 days · assumed exposure: unknown, counts as public, automatable: yes, technical_impact: total$/,
    );
    assert.deepEqual(pair.assumed, ['exposure: unknown, counts as public', 'automatable: yes', 'technical_impact: total']);
  });

  it('a KEV without its catalog due date has no deadline under a model that caps with it', () => {
    const e = evaluateFiles(
      workspace('{ model: bod-26-04 }', { 'p.plan.yaml': plan({ vulns: vuln('kev: true, automatable: "yes", technical_impact: total'), affects: '[web]' }) }),
      AS_OF,
    );
    assert.equal(e.plans[0].state, 'unknown');
    assert.match(e.plans[0].unknownReason!, /`kev_due`/);
  });

  it('SSVC: outcomes map to the policy deadlines; mission impact defaults to the group impact', () => {
    const risk = '{ model: ssvc, outcomes: { track: { cycle: quarterly }, track*: { within: 30d }, attend: { within: 7d }, act: { within: 72h } } }';
    const e = evaluateFiles(
      workspace(risk, { 'p.plan.yaml': plan({ vulns: vuln('exploitation: active, automatable: "no", technical_impact: total'), affects: '[web, lab]' }) }),
      AS_OF,
    );
    const p = e.plans[0];
    assert.deepEqual(
      p.pairs.map((x) => x.outcome),
      ['Act', 'Track'],
    );
    assert.equal(p.deadline, instant('2026-11-20T14:00') + 3 * DAY);
    assert.equal(p.deadlineBy?.group, 'web');
  });

  it('FedRAMP VDR: class and PAIN pick the row; a group without PAIN counts as 5', () => {
    const e = evaluateFiles(
      workspace('{ model: fedramp-vdr, class: D }', { 'p.plan.yaml': plan({ vulns: vuln('kev: false, exploitation: poc'), affects: '[lab]' }) }),
      AS_OF,
    );
    assert.equal(e.plans[0].deadlineBy?.outcome, '96 days');
    const missing = evaluateFiles(
      workspace(
        '{ model: fedramp-vdr, class: D }',
        { 'p.plan.yaml': plan({ vulns: vuln('kev: false, exploitation: poc'), affects: '[lab]' }) },
        'groups:\n  - { id: lab, impact: low, endpoints: 9, exposure: internal }\n',
      ),
      AS_OF,
    );
    assert.equal(missing.plans[0].deadlineBy?.outcome, '1 day');
    assert.deepEqual(missing.plans[0].deadlineBy?.assumed, ['pain: 5']);
  });

  it('PCI DSS: critical within one calendar month of release', () => {
    const e = evaluateFiles(
      workspace('{ model: pci-dss }', {
        'p.plan.yaml': plan({ vulns: '  - { id: CVE-2026-0001, severity: critical, published: 2026-10-31T10:00, discovered: 2026-11-20 }' }),
      }),
      AS_OF,
    );
    assert.equal(e.plans[0].deadline, instant('2026-11-30T10:00'));
    assert.equal(e.plans[0].clockStartKind, 'published');
  });

  it('FedRAMP Rev5: 90 days for a medium from identification', () => {
    const e = evaluateFiles(
      workspace('{ model: fedramp-rev5 }', { 'p.plan.yaml': plan({ vulns: '  - { id: CVE-2026-0001, severity: medium, discovered: 2026-11-20T14:00 }' }) }),
      AS_OF,
    );
    assert.equal(e.plans[0].deadline, instant('2026-11-20T14:00') + 90 * DAY);
  });
});

describe('risk models: bad settings', () => {
  const policyDiag = (risk: string) => evaluateFiles(workspace(risk, { 'p.plan.yaml': plan({ vulns: vuln('kev: false') }) }), AS_OF);

  it('an unknown model: a schema error with the models to choose from', () => {
    const e = policyDiag('{ model: bod-2604 }');
    const d = e.diagnostics.filter((x) => x.file.endsWith('standard.sla.yaml') && x.code === 'schema');
    assert.ok(
      d.some((x) => /bod-26-04/.test(x.message)),
      JSON.stringify(d.map((x) => x.message)),
    );
    assert.equal(e.plans[0].state, 'unknown');
  });

  it('a FedRAMP policy without class: a schema error, and no plan gets a deadline', () => {
    const e = policyDiag('{ model: fedramp-vdr }');
    const d = e.diagnostics.filter((x) => x.file.endsWith('standard.sla.yaml') && x.code === 'schema');
    assert.ok(
      d.some((x) => /class/.test(x.message)),
      JSON.stringify(d.map((x) => x.message)),
    );
    assert.equal(e.plans[0].state, 'unknown');
  });

  it('an SSVC policy missing an outcome mapping: a schema error naming it', () => {
    const e = policyDiag('{ model: ssvc, outcomes: { track: { within: 90d }, track*: { within: 30d }, attend: { within: 7d } } }');
    const d = e.diagnostics.filter((x) => x.file.endsWith('standard.sla.yaml') && x.code === 'schema');
    assert.ok(
      d.some((x) => /act/.test(x.message)),
      JSON.stringify(d.map((x) => x.message)),
    );
    assert.equal(e.plans[0].state, 'unknown');
  });

  it('a matrix policy still needs its tiers and matrix', () => {
    const e = evaluateFiles({ 'patchops.yaml': SETTINGS, 'standard.sla.yaml': 'id: standard\n', 'groups.assets.yaml': GROUPS, 'p.plan.yaml': plan() }, AS_OF);
    const d = e.diagnostics.filter((x) => x.file.endsWith('standard.sla.yaml') && x.code === 'schema');
    assert.ok(
      d.some((x) => /tiers/.test(x.message)),
      JSON.stringify(d.map((x) => x.message)),
    );
  });

  it('a group without pain under fedramp-vdr: an error on its entry in affects', () => {
    const groups = 'groups:\n  - { id: lab, impact: low, endpoints: 9, exposure: internal }\n  - { id: web, impact: high, endpoints: 4, pain: 3 }\n';
    const e = evaluateFiles(
      workspace('{ model: fedramp-vdr, class: B }', { 'p.plan.yaml': plan({ vulns: vuln('kev: false'), affects: '[web, lab]' }) }, groups),
      AS_OF,
    );
    const d = only(e.diagnostics, 'risk.input-missing');
    assert.deepEqual(
      d.map((x) => [x.file, at(x)]),
      [['p.plan.yaml', '7:16']],
    );
    assert.match(d[0].message, /group `lab` has no `pain`/);
  });

  it('3 days + forensic triage: an error until the plan records who, when and the finding', () => {
    const v = vuln('kev: true, kev_due: 2026-12-11, automatable: "yes", technical_impact: total');
    const run = (extra?: string) =>
      only(
        evaluateFiles(workspace('{ model: bod-26-04 }', { 'p.plan.yaml': plan({ vulns: v, affects: '[web]', extra }) }), AS_OF).diagnostics,
        'risk.forensic-triage',
      );
    const none = run();
    assert.deepEqual(none.map(at), ['1:5']);
    assert.match(none[0].message, /KEV · public · automatable · total → 3 days \+ forensic triage: record the triage/);
    const partial = run('forensic_triage: { by: carol@example.com }');
    assert.match(partial[0].message, /lacks `on`, `finding`/);
    assert.deepEqual(run('forensic_triage: { by: carol@example.com, on: 2026-11-21T10:00, finding: No indicators of compromise }'), []);
    // A pair without that outcome asks for nothing.
    const calm = evaluateFiles(
      workspace('{ model: bod-26-04 }', { 'p.plan.yaml': plan({ vulns: vuln('kev: false, automatable: "no", technical_impact: partial'), affects: '[web]' }) }),
      AS_OF,
    );
    assert.deepEqual(only(calm.diagnostics, 'risk.forensic-triage'), []);
  });
});
