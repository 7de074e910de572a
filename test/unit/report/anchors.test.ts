// "Show in Report": the anchor of each plan is the article of that plan in the HTML report, and
// the page shown in the editor scrolls to it with one script its policy allows by nonce alone.
import assert from 'node:assert/strict';
import { renderReport } from '../../../src/core/report';
import { planAnchor, scrolledTo } from '../../../src/core/report/anchors';
import { buildReport } from '../../../src/core/report/reportJson';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

describe('report: plan anchors for "Show in Report"', () => {
  const e = evaluateFiles(
    withBase({ 'a.plan.yaml': plan({ id: 'PLAN-A' }), 'b.plan.yaml': plan({ id: 'PLAN-B', extra: 'sla: nope' }), 'c.plan.yaml': plan({ id: 'PLAN-A' }) }),
    '2026-11-23T12:00:00Z',
  );
  const doc = buildReport(e);
  const html = renderReport('html', doc);

  it('each plan, duplicates included, has the anchor of the article that shows it', () => {
    const anchors = new Set<string>();
    for (const p of doc.plans) {
      const anchor = planAnchor(doc, p)!;
      assert.ok(anchor, `${p.file}`);
      anchors.add(anchor);
      const article = new RegExp(`<article [^>]*id="${anchor}"[^>]*>.*?</article>`, 's').exec(html)?.[0] ?? '';
      assert.ok(article.includes(`<span class="id">${p.id}</span>`), `${anchor} shows ${p.id}`);
      assert.ok(article.includes(`Source: ${p.file}`), `${anchor} is the article of ${p.file}`);
    }
    assert.equal(anchors.size, 3, 'two plans with one id get two anchors');
    assert.equal(planAnchor(doc, { id: 'PLAN-A', file: 'b.plan.yaml' }), undefined);
  });

  it('the page scrolls to the anchor with a nonce script; the report itself runs none', () => {
    const nonce = 'abcdefghijklmnop0123';
    const page = scrolledTo(html, 'plan-2', nonce);
    assert.doesNotMatch(html, /<script/);
    assert.match(
      page,
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*; script-src &#39;nonce-abcdefghijklmnop0123&#39;">/,
    );
    assert.equal(page.match(/<script/g)?.length, 1);
    assert.ok(page.includes(`<script nonce="${nonce}">`) && page.includes("getElementById('plan-2')"));
    assert.throws(() => scrolledTo(html, 'plan-2', 'short'), /nonce/);
    assert.throws(() => scrolledTo(html, "x');alert(1);('", nonce), /not an anchor/);
    assert.throws(() => scrolledTo('<p>hi</p>', 'plan-2', nonce), /not a PatchOps HTML report/);
  });
});
