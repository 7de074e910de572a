// A plan's scored vulnerabilities on every CVSS vector of the real scanner reports and CVE
// records: an evaluation keeps one array of references per plan (scores from the memo, dates from
// the cache) and makes the records when a result is read; they must be exactly the plain data a
// record of their own was.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scoreCvss, scoreCvssAnew } from '../../../src/core/risk/cvss';
import { sharedData } from '../../support/sharedData';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

/** Every string in the JSON files below `dir` that is written like a CVSS vector (v2 ones too: they must fail the same way). */
function vectorsIn(dir: string): Set<string> {
  const vectors = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('CVSS:') || /^\(?AV:[A-Z]/.test(value)) vectors.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.json')) visit(JSON.parse(fs.readFileSync(full, 'utf8')));
    }
  };
  walk(dir);
  return vectors;
}

describe('rules/vulnerabilities: scored records on the real data', function () {
  let vectors: string[] = [];
  before(function () {
    const dir = sharedData(this);
    if (dir) vectors = [...new Set([...vectorsIn(path.join(dir, 'scanners')), ...vectorsIn(path.join(dir, 'vulnrichment'))])].sort();
  });

  it('finds the vectors (3.0, 3.1, 4.0 and a few CVSS 2)', () => {
    assert.ok(vectors.length > 150, `${vectors.length} vectors`);
    for (const prefix of ['CVSS:3.0/', 'CVSS:3.1/', 'CVSS:4.0/', 'AV:'])
      assert.ok(
        vectors.some((v) => v.startsWith(prefix)),
        prefix,
      );
  });

  it('the memoised score of every vector is the one computed anew, asked once or many times', () => {
    for (const vector of vectors) {
      const anew = scoreCvssAnew(vector);
      assert.deepEqual({ ...scoreCvss(vector) }, { ...anew }, vector);
      assert.deepEqual({ ...scoreCvss(vector) }, { ...anew }, `${vector}, from the memo`);
    }
  });

  it("a plan's records are plain data: the vector's score, the dates as instants, nothing else", () => {
    // The schema refuses a CVSS 2 vector before any rule sees it: only the others reach the records.
    const vectors3and4 = vectors.filter((v) => v.startsWith('CVSS:'));
    const day = (i: number, hour: number) => new Date(Date.UTC(2026, 10, 1 + (i % 20), hour)).toISOString();
    const vulns = vectors3and4.map(
      (v, i) => `  - { id: CVE-2026-${1000 + i}, cvss: "${v}", discovered: ${day(i, 9)}, published: ${day(i, 3)}${i % 5 ? '' : ', kev: true'} }`,
    );
    const evaluation = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns: vulns.join('\n') }) }), '2026-11-23T12:00:00Z');
    const records = evaluation.plans[0].vulnerabilities;
    assert.equal(records.length, vectors3and4.length);
    assert.deepEqual(
      evaluation.diagnostics.filter((d) => d.code === 'schema'),
      [],
    );
    const invalid = evaluation.diagnostics.filter((d) => d.code === 'cvss.invalid');
    vectors3and4.forEach((vector, i) => {
      const scored = scoreCvssAnew(vector);
      const expected = {
        id: `CVE-2026-${1000 + i}`,
        severity: scored.ok ? scored.severity : null,
        score: scored.ok ? scored.score : null,
        cvssVersion: scored.ok ? scored.version : null,
        kev: i % 5 === 0,
        epss: undefined,
        discovered: Date.parse(day(i, 9)),
        published: Date.parse(day(i, 3)),
        inScope: true,
      };
      // Own, enumerable, plain: what a spread, JSON or a structured clone would see.
      assert.deepEqual({ ...records[i] }, expected, vector);
      assert.deepEqual(Object.keys(records[i]).sort(), Object.keys(expected).sort(), vector);
      if (!scored.ok)
        assert.ok(
          invalid.some((d) => d.message === `\`cvss\`: ${scored.message}`),
          `${vector}: ${scored.message}`,
        );
    });
    assert.equal(invalid.length, vectors3and4.filter((v) => !scoreCvssAnew(v).ok).length);
  });

  it('a result makes its records each time it is read and keeps none; a spread, JSON and a clone see them', () => {
    const vulns = ['  - { id: CVE-2026-0001, severity: high, discovered: 2026-11-18T09:00 }', '  - { id: CVE-2026-0002, severity: low, kev: true, epss: 0.5 }'];
    const exception = `id: EXC-1\nplan: PLAN-1\nvulnerabilities: [CVE-2026-0002]\ngroups: [payroll]\nrequested_by: alice@example.com\nrequested_on: 2026-11-20\nreason: Vendor fix pending\nrevisit_on: 2026-12-20\napproval: { approved_by: carol@example.com, approved_on: 2026-11-21 }\n`;
    const evaluation = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns: vulns.join('\n') }), 'e.exception.yaml': exception }), '2026-11-23T12:00:00Z');
    const result = evaluation.plans[0];
    const first = result.vulnerabilities;
    assert.notEqual(result.vulnerabilities, first, 'a second read makes new records');
    assert.notEqual(result.vulnerabilities[0], first[0]);
    const expected = [
      {
        id: 'CVE-2026-0001',
        severity: 'high',
        score: null,
        cvssVersion: null,
        kev: false,
        epss: undefined,
        discovered: Date.parse('2026-11-18T15:00:00Z'),
        published: undefined,
        inScope: true,
      },
      { id: 'CVE-2026-0002', severity: 'low', score: null, cvssVersion: null, kev: true, inScope: false },
    ];
    assert.deepEqual(first, expected);
    assert.ok(Object.keys(result).includes('vulnerabilities'));
    assert.deepEqual({ ...result }.vulnerabilities, expected);
    assert.deepEqual(structuredClone({ ...result, entity: undefined }).vulnerabilities, expected);
    assert.deepEqual(JSON.parse(JSON.stringify({ ...result, entity: undefined })).vulnerabilities, JSON.parse(JSON.stringify(expected)));
  });
});
