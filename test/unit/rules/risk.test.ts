import assert from 'node:assert/strict';
import { tierFor } from '../../../src/core/risk/tiers';
import { evaluateFiles, plan, VECTORS, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const matrix = {
  high: { critical: 'critical', high: 'critical', medium: 'high', low: 'medium' },
  medium: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
  low: { critical: 'high', high: 'medium', medium: 'low', low: 'low' },
} as const;

describe('risk: tier = matrix[impact][severity], raised for KEV', () => {
  it('reads the matrix', () => {
    assert.equal(tierFor('high', 'high', false, matrix, 1), 'critical');
    assert.equal(tierFor('critical', 'low', false, matrix, 1), 'high');
    assert.equal(tierFor('low', 'medium', false, matrix, 1), 'low');
  });

  it('counts a none severity as low', () => {
    assert.equal(tierFor('none', 'high', false, matrix, 0), 'medium');
    assert.equal(tierFor('none', 'high', false, undefined, 0), 'low');
  });

  it('raises kev_raise steps, never past critical', () => {
    assert.equal(tierFor('medium', 'medium', true, matrix, 1), 'high');
    assert.equal(tierFor('low', 'low', true, matrix, 2), 'high');
    assert.equal(tierFor('critical', 'high', true, matrix, 3), 'critical');
    assert.equal(tierFor('medium', 'medium', true, matrix, 0), 'medium');
  });

  it('without a matrix the tier is the severity', () => {
    assert.equal(tierFor('high', 'low', false, undefined, 0), 'high');
    assert.equal(tierFor('high', 'low', true, undefined, 1), 'critical');
  });

  it("the seed's rule: a high vulnerability on payroll outranks a critical one on a kiosk", () => {
    const e = evaluateFiles(
      withBase({
        'payroll.plan.yaml': plan({ id: 'PAYROLL', vulns: `  - { id: CVE-2026-0002, cvss: "${VECTORS.high}", discovered: 2026-11-18 }`, affects: '[payroll]' }),
        'kiosk.plan.yaml': plan({ id: 'KIOSK', vulns: `  - { id: CVE-2026-0003, cvss: "${VECTORS.critical}", discovered: 2026-11-18 }`, affects: '[kiosks]' }),
      }),
      AS_OF,
    );
    const byId = new Map(e.plans.map((p) => [p.id, p]));
    assert.equal(byId.get('PAYROLL')!.severity, 'high');
    assert.equal(byId.get('PAYROLL')!.tier, 'critical');
    assert.equal(byId.get('KIOSK')!.severity, 'critical');
    assert.equal(byId.get('KIOSK')!.tier, 'high');
  });

  it('plan severity is the highest in scope; impact the highest group; kev any', () => {
    const e = evaluateFiles(
      withBase({
        'p.plan.yaml': plan({
          vulns: `  - { id: CVE-1, cvss: "${VECTORS.low}", kev: true, discovered: 2026-11-18 }\n  - { id: CVE-2, severity: medium, discovered: 2026-11-18 }`,
          affects: '[kiosks, pilot]',
        }),
      }),
      AS_OF,
    );
    const p = e.plans[0];
    assert.equal(p.severity, 'medium');
    assert.equal(p.impact, 'medium');
    assert.equal(p.kev, true);
    assert.equal(p.tier, 'high'); // medium×medium = medium, kev +1
  });
});
