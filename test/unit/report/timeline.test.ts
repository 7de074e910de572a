// The report's forecast timeline and "At risk" key figure (docs/rules.md#forecast).
import assert from 'node:assert/strict';
import { renderHtml } from '../../../src/core/report/html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { buildReport } from '../../../src/core/report/reportJson';
import { evaluateFiles, plan, SETTINGS, withBase } from '../../support/workspace';

function doc(waves: string) {
  const files = withBase({
    'patchops.yaml': `${SETTINGS}freezes:\n  - { from: 2026-12-15, to: 2027-01-02, reason: Year-end freeze }\n`,
    'p.plan.yaml': plan({ waves, testing: 'testing: { status: passed, completed: 2026-12-11T09:00 }' }),
  });
  return buildReport(evaluateFiles(files, '2026-12-12T18:00:00Z'));
}
const html = (waves: string) => renderHtml(doc(waves));

describe('report: the forecast timeline', () => {
  const late = html('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: Organization, groups: [kiosks], duration: 3d }');

  it('draws the waves, the deadline, the freeze and the as-of, and says them in words', () => {
    const svg = /<svg class="timeline"[^>]*aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/svg>/.exec(late);
    assert.ok(svg, 'a timeline');
    // Pilot from the as-of for 12h; Organization 48h until the freeze, the other 24h after it.
    assert.equal(
      svg[1],
      'Forecast of PLAN-1: Pilot: 2026-12-12 12:00 (-06:00) to 2026-12-13 00:00 (-06:00); ' +
        'Organization: 2026-12-13 00:00 (-06:00) to 2027-01-03 00:00 (-06:00); deadline 2026-12-14 09:00 (-06:00); ' +
        'freeze 2026-12-15 00:00 (-06:00) to 2027-01-02 00:00 (-06:00) (Year-end freeze); as of 2026-12-12 12:00 (-06:00)',
    );
    const body = svg[2];
    // Two wave bars (the late one red), the freeze, the deadline mark and the as-of mark.
    assert.equal((body.match(/<rect /g) ?? []).length, 5);
    assert.match(body, /fill="#c0281c"\/><text[^>]*>deadline<\/text>/);
    assert.match(body, />as of<\/text>/);
    // Only what the report's allow-list has: rect, text, title, desc; no style, no script, no line.
    assert.deepEqual([...new Set([...body.matchAll(/<([a-z]+)/g)].map((m) => m[1]))].sort(), ['desc', 'rect', 'text', 'title']);
    assert.doesNotMatch(body, /stroke|opacity|style=/);
  });

  it('an "At risk" key figure when plans are at risk, none otherwise; no timeline without schedule inputs', () => {
    assert.match(late, /<h3>At risk<\/h3><p class="value">1<\/p>/);
    const onTime = html('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }');
    assert.doesNotMatch(onTime, /<h3>At risk<\/h3>/);
    assert.match(onTime, /<svg class="timeline"/);
    const none = html('waves:\n  - { name: Pilot, groups: [pilot] }');
    assert.doesNotMatch(none, /class="timeline"|<h3>At risk<\/h3>/);
  });

  it("Markdown: the At risk figure and each plan's forecast in words", () => {
    const late = renderMarkdown(doc('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: Organization, groups: [kiosks], duration: 3d }'));
    assert.match(late, /\| At risk \(projected to finish after the deadline\) \| 1 \|/);
    assert.match(late, /- \*\*Forecast:\*\* AT RISK: projected finish 2027-01-03 00:00 \(-06:00\), 471 h after the deadline \(limited by freeze\)/);
    const none = renderMarkdown(doc('waves:\n  - { name: Pilot, groups: [pilot] }'));
    assert.doesNotMatch(none, /\| At risk \(projected|Forecast/);
  });
});
