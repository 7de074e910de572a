import assert from 'node:assert/strict';
import { escapeMarkdownCell } from '../../../src/core/report/escape';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { attentionExceptions } from '../../../src/core/report/renderShared';
import type { ReportDocument } from '../../../src/core/report/reportModel';
import { HOSTILE_PAYLOADS, allStrings, buildHostileReport, buildRealisticReport } from './fixtureReport';

/** The text between a `## title` heading and the next `## ` heading. */
function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}`);
  assert.ok(start >= 0, `section ${title} missing`);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

/** Pipes not escaped by an odd run of backslashes: the ones that delimit cells. */
function delimiterCount(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '|') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) count++;
  }
  return count;
}

/** Unescaped occurrences of `ch`. */
function unescaped(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) {
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) count++;
  }
  return count;
}

/** Each table (run of lines starting with |): every row has as many cells as its header. */
function assertTablesIntact(md: string): number {
  let tables = 0;
  let width = -1;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      width = -1;
      continue;
    }
    if (width < 0) {
      width = delimiterCount(line);
      tables++;
    } else assert.equal(delimiterCount(line), width, `row breaks its table: ${line}`);
  }
  return tables;
}

function expectedHeadings(doc: ReportDocument): number {
  const reviews = attentionExceptions(doc.exceptions).length > 0 ? 1 : 0;
  // The title; key figures, attention, plans, exceptions; the breakdowns (one section, two tables); the files with errors.
  const breakdowns = doc.plans.length > 0 ? 3 : 0;
  const files = (doc.filesWithErrors?.length ?? 0) > 0 ? 1 : 0;
  return 1 + 4 + reviews + breakdowns + files + doc.plans.length + doc.exceptions.length;
}

describe('renderMarkdown', () => {
  const doc = buildRealisticReport();
  const md = renderMarkdown(doc);

  it('titles the report with the workspace, the as-of instant and the timezone', () => {
    const [first, , third] = md.split('\n');
    assert.equal(first, '# Patch report: Contoso IT patching');
    assert.match(third, /As of \*\*2026-11-23 06:00 \(-06:00\)\*\*/);
    assert.match(third, /All times are in the workspace time zone, America\/Chicago, with their UTC offset\./);
  });

  it('shows every time in the workspace zone with its offset, UTC when the document names a zone no one knows', () => {
    assert.doesNotMatch(md, /\d{2}:\d{2} UTC/);
    assert.match(md, /2026-11-22 15:00 \(-06:00\)/);
    const unknown = renderMarkdown({ ...doc, timezone: 'Mars/Olympus' });
    assert.match(unknown, /As of \*\*2026-11-23 12:00 \(\+00:00\)\*\*\. All times are UTC: the workspace time zone Mars\/Olympus is not one PatchOps knows\./);
    assert.match(unknown, /2026-11-22 21:00 \(\+00:00\)/);
  });

  it('shows the KPIs in a table', () => {
    const kpis = section(md, 'Key figures');
    assert.match(kpis, /\| SLA compliance \| 40% \(2 met, 1 missed, 2 breached\) \|/);
    assert.match(kpis, /\| Endpoints remediated \| 54\.4% \(1,635 of 3,004 endpoint-patches done\) \|/);
    assert.match(kpis, /\| Open breaches \| 2 \|/);
    assert.match(kpis, /\| Due soon \| 1 \|/);
    assert.match(kpis, /\| Mean time to patch, critical \| 1d 17h \|/);
    assert.match(kpis, /\| Mean time to patch, low \| — \|/);
    assert.match(kpis, /\| Exceptions by state \| Invalid 2 · Expired 1 · Expiring 1 · Pending approval 1 · Active 1 \|/);
  });

  it('puts "Needs attention" first: breached (most overdue first), then due soon, then awaiting test', () => {
    assert.ok(md.indexOf('## Needs attention') < md.indexOf('## Plans'));
    const attention = section(md, 'Needs attention');
    const order = ['PLAN-2026-046', 'PLAN-2026-041', 'PLAN-2026-044', 'PLAN-2026-045'].map((id) => attention.indexOf(`| ${id} |`));
    assert.ok(
      order.every((i) => i > 0),
      String(order),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.match(attention, /\| PLAN-2026-046 \| .* \| \*\*Breached\*\* \| 2026-11-21 09:00 \(-06:00\) \| overdue by 1d 21h \|/);
    assert.match(attention, /\| PLAN-2026-044 \| .* \| \*\*Due soon\*\* \| 2026-11-23 21:00 \(-06:00\) \| 15h left \|/);
    assert.match(attention, /\| PLAN-2026-045 \| .* \| \*\*Awaiting test\*\* \| — \| testing in progress \|/);
    assert.doesNotMatch(attention, /PLAN-2026-039|PLAN-2026-033/);
  });

  it('lists exceptions to review in the attention section', () => {
    const attention = section(md, 'Needs attention');
    for (const id of ['EXC-2026-008', 'EXC-2026-010', 'EXC-2026-001', 'EXC-2026-003', 'EXC-2026-009']) assert.ok(attention.includes(id), id);
    assert.ok(!attention.includes('EXC-2026-007'), 'an active exception needs no review');
  });

  it('lists every plan, worst state first, with tier, state, deadline, endpoints and waves', () => {
    const plans = section(md, 'Plans (10)');
    const headings = plans.split('\n').filter((l) => l.startsWith('### '));
    assert.deepEqual(
      headings.map((h) => h.slice(4, 17)),
      [
        'PLAN-2026-046',
        'PLAN-2026-041',
        'PLAN-2026-044',
        'PLAN-2026-045',
        'PLAN-2026-039',
        'PLAN-2026-030',
        'PLAN-2026-033',
        'PLAN-2026-036',
        'PLAN-2026-029',
        'PLAN-2026-027',
      ],
    );
    assert.ok(plans.indexOf('PLAN-2026-046') < plans.indexOf('PLAN-2026-039'), 'breached before on track');
    assert.ok(plans.indexOf('### PLAN-2026-046') < plans.indexOf('### PLAN-2026-041'), 'more overdue first');
    for (const state of ['Breached', 'Due soon', 'Awaiting test', 'On track', 'Missed', 'Met', 'Exempt', 'Cancelled']) {
      assert.match(plans, new RegExp(`- \\*\\*State:\\*\\* ${state}`), state);
    }
    assert.match(plans, /- \*\*Tier:\*\* Critical \(severity high, business impact high, known exploited \(KEV\)\)/);
    assert.match(plans, /- \*\*Deadline:\*\* 2026-11-22 15:00 \(-06:00\) \(clock start 2026-11-19 15:00 \(-06:00\)\)/);
    assert.match(plans, /- \*\*Endpoints:\*\* 29 of 77 patched \(37\.7%\)/);
    assert.match(plans, /\| Departments \| In progress \| 4 \| 0 \| 12 \| 33\.3% \| 2026-11-21 09:00 \(-06:00\) \| — \| — \|/);
    assert.match(plans, /\| Organization \| Planned \| 0 \| 0 \| 40 \| 0% \| — \| — \| Departments is not complete \(4 of 12 patched, gate needs 95%\) \|/);
  });

  it('lists every exception with its state, approval, requester, approver and revisit date', () => {
    const exceptions = section(md, 'Exceptions (6)');
    assert.match(exceptions, /### EXC-2026-007: Active\n\n- \*\*State:\*\* Active · \*\*effective:\*\* yes/);
    assert.match(exceptions, /- \*\*Approval:\*\* Verified in git, carol@contoso\.example on 2026-11-21 00:00 \(-06:00\)/);
    assert.match(exceptions, /- \*\*Revisit on:\*\* 2027-01-15 00:00 \(-06:00\) \(in 52d 18h\)/);
    assert.match(exceptions, /- \*\*Approval:\*\* No approval, not approved/);
    assert.match(exceptions, /- \*\*Approval:\*\* Not checked, bob@contoso\.example on .* — approved by the requester/);
    assert.match(exceptions, /- \*\*Compensating controls:\*\* Kiosk lockdown mode; Outbound traffic limited to the kiosk app/);
    assert.ok(exceptions.indexOf('EXC-2026-008') < exceptions.indexOf('EXC-2026-007'), 'invalid before active');
  });

  it('keeps every table intact', () => {
    assert.ok(assertTablesIntact(md) >= 3);
  });

  it('is deterministic and does not depend on the order of plans and exceptions in the document', () => {
    assert.equal(renderMarkdown(buildRealisticReport()), md);
    const shuffled = buildRealisticReport();
    shuffled.plans.reverse();
    shuffled.exceptions.reverse();
    assert.equal(renderMarkdown(shuffled), md);
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Chatham';
      const chatham = renderMarkdown(buildRealisticReport());
      process.env.TZ = 'UTC';
      assert.equal(renderMarkdown(buildRealisticReport()), chatham);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  describe('with hostile values', () => {
    const hostile = buildHostileReport();
    const out = renderMarkdown(hostile);

    it('cannot break a table', () => {
      assert.ok(assertTablesIntact(out) >= 3);
    });

    it('cannot start a heading, a line or a block of its own', () => {
      const headings = out.split('\n').filter((l) => l.startsWith('#'));
      assert.equal(headings.length, expectedHeadings(hostile));
      assert.ok(!out.includes('\n# heading'));
      assert.ok(!out.includes('\nline two'));
    });

    it('cannot inject HTML, links, images or code', () => {
      assert.equal(unescaped(out, '<'), 0);
      // Only our own banner is a block quote: its lines start "> **N files with errors**", "> **N plans in breach**"…
      const banner = /^>( \*\*[\d,]+ (errors?|files? with errors|plans? in breach|plans? without a deadline)\*\*.*)?$/gm;
      assert.ok(banner.test(out), 'the hostile document has breaches: the banner says so');
      assert.equal(unescaped(out.replace(banner, ''), '>'), 0);
      assert.equal(unescaped(out, '['), 0);
      // Our own banner quotes one command in backticks; no value adds any.
      assert.equal(unescaped(out, '`'), 2 * (out.match(/`patchops validate`/g) ?? []).length);
    });

    it('shows every hostile value, escaped', () => {
      // Severity, impact and testing are shown capitalized; everything else as written.
      const values = allStrings(hostile, new Set(['severity', 'impact', 'testing'])).filter((v) => HOSTILE_PAYLOADS.includes(v));
      assert.ok(values.length > 60, String(values.length));
      for (const value of values) {
        assert.ok(out.includes(escapeMarkdownCell(value)), `not shown: ${JSON.stringify(value)}`);
      }
      for (const payload of HOSTILE_PAYLOADS) assert.ok(out.includes(escapeMarkdownCell(payload)), payload);
    });
  });
});
