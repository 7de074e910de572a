import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../../src/core/report/escape';
import { renderHtml, reportCsp } from '../../../src/core/report/html';
import { REPORT_CSS } from '../../../src/core/report/htmlStyle';
import { sha256Base64 } from '../../../src/core/report/sha256';
import { HOSTILE_PAYLOADS, allStrings, buildHostileReport, buildRealisticReport } from './fixtureReport';

// Everything the renderer may emit. An injected element or attribute shows up as anything else.
const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'div',
  'header',
  'main',
  'footer',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'strong',
  'code',
  'span',
  'a',
  'br',
  'time',
  'ul',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'svg',
  'g',
  'rect',
  'text',
  'desc',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'class',
  'href',
  'id',
  'aria-labelledby',
  'aria-label',
  'aria-hidden',
  'role',
  'scope',
  'colspan',
  'datetime',
  'focusable',
  'viewbox',
  'width',
  'height',
  'xmlns',
  'x',
  'y',
  'rx',
  'fill',
  'text-anchor',
  'preserveaspectratio',
]);

/** Tag names and attribute names of every start tag (values are quoted and cannot hold `>`). */
function scanTags(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>').replace(/^<!DOCTYPE html>/, '');
  for (const m of body.matchAll(/<\/?([A-Za-z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.add(m[1].toLowerCase());
    for (const a of m[2].matchAll(/([\w-]+)(?:="[^"]*")?/g)) attributes.add(a[1].toLowerCase());
  }
  // Anything that looks like a tag but did not match the strict pattern above is suspect too.
  const loose = body.match(/<[A-Za-z!/?]/g)?.length ?? 0;
  const strict = [...body.matchAll(/<\/?([A-Za-z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)].length;
  assert.equal(loose, strict, 'every < starts a well-formed tag');
  return { tags, attributes };
}

function between(html: string, startMarker: string, endMarker: string): string {
  const start = html.indexOf(startMarker);
  assert.ok(start >= 0, `${startMarker} missing`);
  const end = html.indexOf(endMarker, start);
  return html.slice(start, end < 0 ? undefined : end);
}

/** Visible text of a fragment: tags dropped, entities decoded (enough for assertions). */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('renderHtml', () => {
  const doc = buildRealisticReport();
  const html = renderHtml(doc);

  it('is one self-contained document with a strict CSP and no script', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/]+={0,2}&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;">/,
    );
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'), 'the CSP comes before the style it governs');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\s(src|srcset|action|formaction|xlink:href)=/i);
    // The only links are the banner's, to sections of this page.
    for (const [, target] of html.matchAll(/\shref="([^"]*)"/gi)) assert.match(target, /^#h-(files|attention)$/);
    assert.doesNotMatch(html, /@import|url\(/i);
    assert.doesNotMatch(html, /\sstyle=/i, 'no style attributes: the CSP would block them');
  });

  it('allows exactly its own style block by SHA-256 hash', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    assert.equal(style, REPORT_CSS);
    const digest = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(reportCsp().includes(`'sha256-${digest}'`));
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
  });

  it('uses only known elements and attributes', () => {
    const { tags, attributes } = scanTags(html);
    for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `unexpected <${tag}>`);
    for (const a of attributes) assert.ok(ALLOWED_ATTRIBUTES.has(a), `unexpected attribute ${a}`);
  });

  it('says whose report it is and as of when, in UTC with the workspace timezone', () => {
    assert.match(html, /<title>Patch report: Contoso IT patching \(2026-11-23 06:00 \(-06:00\)\)<\/title>/);
    assert.match(html, /<h1>Contoso IT patching<\/h1>/);
    const head = textOf(between(html, '<header class="masthead">', '</header>'));
    assert.match(head, /As of 2026-11-23 06:00 \(-06:00\) · All times are in the workspace time zone, America\/Chicago, with their UTC offset\./);
    assert.match(head, /2 plans in breach : past the SLA deadline and not remediated\./);
    assert.doesNotMatch(head, /with errors/, 'the realistic document has no file with errors');
  });

  it('leads with the KPI cards', () => {
    const kpis = textOf(between(html, '<section aria-labelledby="h-kpis">', '<section aria-labelledby="h-charts">'));
    assert.match(kpis, /SLA compliance 40% 2 met · 1 missed · 2 breached/);
    assert.match(kpis, /Endpoints remediated 54\.4% 1,635 of 3,004 endpoint-patches done/);
    assert.match(kpis, /Open breaches 2 /);
    assert.match(kpis, /Due soon 1 /);
    assert.match(kpis, /Mean time to patch Critical 1d 17h High 4d 21h Medium 16d 8h Low — /);
    assert.match(kpis, /Exceptions by state Invalid 2 Expired 1 Expiring 1 Pending approval 1 Active 1 /);
    assert.ok(html.indexOf('id="h-kpis"') < html.indexOf('id="h-attention"'));
  });

  it('draws the two charts as accessible inline SVG', () => {
    const charts = [...html.matchAll(/<svg class="chart-svg"[^>]*role="img" aria-label="([^"]*)"[^>]*><title>([^<]*)<\/title><desc>/g)];
    assert.deepEqual(
      charts.map((m) => m[2]),
      ['Plans by SLA state per tier', 'Endpoints remediated per plan'],
    );
    assert.match(
      charts[0][1],
      /Critical: 2 breached, 1 met\. High: 1 due soon, 1 awaiting test, 1 met\. Medium: 1 on track, 1 missed\. Low: 1 cancelled\. No tier: 1 exempt\./,
    );
    assert.match(charts[1][1], /PLAN-2026-046: 25%; PLAN-2026-041: 37\.7%;/);
    assert.ok(!charts[1][1].includes('PLAN-2026-027'), 'a cancelled plan is not charted');
  });

  it('lists what needs attention, breached and due soon first, with time overdue or left', () => {
    const attention = between(html, 'id="h-attention"', 'id="h-plans"');
    const ids = [...attention.matchAll(/<th scope="row" class="title-cell"><span class="id">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(ids, ['PLAN-2026-046', 'PLAN-2026-041', 'PLAN-2026-044', 'PLAN-2026-045']);
    const text = textOf(attention);
    assert.match(text, /PLAN-2026-046 VPN appliance remote code execution Critical tier Breached 2026-11-21 09:00 \(-06:00\) overdue by 1d 21h/);
    assert.match(text, /PLAN-2026-044 OpenSSL 3 security update High tier Due soon 2026-11-23 21:00 \(-06:00\) 15h left/);
    assert.match(text, /PLAN-2026-045 Kiosk shell hotfix High tier Awaiting test — testing in progress/);
    assert.match(text, /Exceptions to review .*EXC-2026-010 Invalid Not verified pending review/);
  });

  it('shows every plan as a section, worst first, with badges whose text names the state', () => {
    const articles = [...html.matchAll(/<article class="plan p-(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(articles, ['breached', 'breached', 'due_soon', 'awaiting_test', 'on_track', 'missed', 'met', 'met', 'exempt', 'cancelled']);
    for (const [cls, label] of [
      ['breached', 'Breached'],
      ['due_soon', 'Due soon'],
      ['awaiting_test', 'Awaiting test'],
      ['on_track', 'On track'],
      ['missed', 'Missed'],
      ['met', 'Met'],
      ['exempt', 'Exempt'],
      ['cancelled', 'Cancelled'],
    ]) {
      assert.ok(html.includes(`<span class="badge state-${cls}">${label}</span>`), label);
    }
    assert.ok(html.includes('<span class="badge tier tier-critical">Critical tier</span>'));
    assert.ok(html.includes('<span class="badge tier tier-none">No tier</span>'));
  });

  it('shows each wave with a progress bar, counts, status and what blocks it', () => {
    const chrome = between(html, '<span class="id">PLAN-2026-041</span>Chrome', '</article>');
    const text = textOf(chrome);
    assert.match(
      text,
      /Clock start 2026-11-19 15:00 \(-06:00\) Deadline 2026-11-22 15:00 \(-06:00\) overdue by 15h critical tier: 72h from testing passed Remediated — /,
    );
    assert.match(text, /Endpoints 29 of 77 patched \(37\.7%\)/);
    assert.match(text, /Pilot Complete 25 of 25 patched, 0 failed 100% 25 \/ 25 0 2026-11-19 18:00 \(-06:00\) completed 2026-11-20 10:00 \(-06:00\) — /);
    assert.match(text, /Departments In progress 4 of 12 patched, 0 failed 33\.3% 4 \/ 12 0 2026-11-21 09:00 \(-06:00\) not completed — /);
    assert.match(text, /Organization Planned 0 of 40 patched, 0 failed 0% 0 \/ 40 0 — Departments is not complete \(4 of 12 patched, gate needs 95%\)/);
    assert.match(chrome, /<svg class="bar"[^>]*role="img" aria-label="4 of 12 patched, 0 failed"><title>4 of 12 patched, 0 failed<\/title>/);
    assert.match(chrome, /<tr><th scope="row" class="wrap">Pilot<\/th>/);
  });

  it('shows every exception with state, approval, requester, approver, revisit date, reason and controls', () => {
    const exceptions = between(html, 'id="h-exceptions"', '</section>');
    const ids = [...exceptions.matchAll(/<article class="exception x-\w+"[^>]*><div class="plan-head"><h3 [^>]*>([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(ids, ['EXC-2026-010', 'EXC-2026-008', 'EXC-2026-001', 'EXC-2026-003', 'EXC-2026-009', 'EXC-2026-007']);
    const text = textOf(exceptions);
    assert.match(
      text,
      /EXC-2026-007 Active Verified in git Requested by bob@contoso\.example 2026-11-20 00:00 \(-06:00\) Approved by carol@contoso\.example 2026-11-21 00:00 \(-06:00\) Revisit on 2027-01-15 00:00 \(-06:00\) in 52d 18h Scope Plan PLAN-2026-041 CVE-2026-1234 Groups: kiosks Tier High Effect Effective: its scope is removed from the plans/,
    );
    assert.match(
      text,
      /Reason Kiosk vendor certifies browser builds quarterly; this update breaks the kiosk shell\. Compensating controls Kiosk lockdown mode Outbound traffic limited to the kiosk app/,
    );
    assert.match(text, /EXC-2026-009 Pending approval No approval Requested by alice@contoso\.example 2026-11-22 09:00 \(-06:00\) Approved by not approved/);
    assert.match(text, /EXC-2026-008 Invalid Not checked approved by the requester bob@contoso\.example; an approver must be someone else/);
    assert.match(text, /Compensating controls None documented\./);
  });

  it('is deterministic and independent of input order and machine time zone', () => {
    const shuffled = buildRealisticReport();
    shuffled.plans.reverse();
    shuffled.exceptions.reverse();
    assert.equal(renderHtml(shuffled), html);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Chatham';
      const chatham = renderHtml(buildRealisticReport());
      process.env.TZ = 'UTC';
      assert.equal(renderHtml(buildRealisticReport()), chatham);
      assert.equal(chatham, html);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('copes with an empty workspace', () => {
    const empty = { ...buildRealisticReport(), plans: [], exceptions: [] };
    const out = textOf(renderHtml(empty));
    assert.match(out, /No plan is breached, due soon or awaiting test\./);
    assert.match(out, /No patch plans\./);
    assert.match(out, /No exceptions\./);
    assert.match(out, /No plan targets any endpoint yet\./);
  });

  describe('with hostile values', () => {
    const hostile = buildHostileReport();
    const out = renderHtml(hostile);

    it('contains no script, no event handler, no link and no foreign element', () => {
      assert.doesNotMatch(out, /<script/i);
      assert.doesNotMatch(out.replace(/<a href="#h-(files|attention)">/g, ''), /<(img|iframe|a|base|b|textarea)[\s>]/i);
      assert.equal((out.match(/<style>/g) ?? []).length, 1, 'no second style block');
      const { tags, attributes } = scanTags(out);
      for (const tag of tags) assert.ok(ALLOWED_TAGS.has(tag), `unexpected <${tag}>`);
      for (const a of attributes) assert.ok(ALLOWED_ATTRIBUTES.has(a), `unexpected attribute ${a}`);
    });

    it('shows every hostile value as text', () => {
      const values = allStrings(hostile, new Set(['severity', 'impact', 'testing'])).filter((v) => HOSTILE_PAYLOADS.includes(v));
      assert.ok(values.length > 60, String(values.length));
      for (const value of values) assert.ok(out.includes(escapeHtml(value)), `not shown: ${JSON.stringify(value)}`);
    });

    it('never turns document text into a class name', () => {
      for (const m of out.matchAll(/class="([^"]*)"/g)) assert.match(m[1], /^[a-z0-9_ -]+$/, m[1]);
    });

    it('keeps the plan and exception counts', () => {
      assert.equal((out.match(/<article class="plan /g) ?? []).length, hostile.plans.length);
      assert.equal((out.match(/<article class="exception /g) ?? []).length, hostile.exceptions.length);
    });
  });
});

describe('sha256 (CSP hash)', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    assert.equal(sha256Base64(''), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    assert.equal(sha256Base64('abc'), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });

  it('matches node:crypto across block boundaries and non-ASCII text', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'aé€😀'.repeat(n).slice(0, n);
      assert.equal(sha256Base64(text), createHash('sha256').update(text, 'utf8').digest('base64'), `length ${n}`);
    }
  });
});
