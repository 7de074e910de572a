// Opens the HTML report in a real headless Chromium and checks what a reader sees. Skips, with one
// line saying why, where no Chromium is installed (set CHROMIUM_PATH to use another binary).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../../src/core/report/html';
import type { ReportDocument } from '../../../src/core/report/reportModel';
import { HOSTILE_PAYLOADS, buildHostileReport, buildRealisticReport } from './fixtureReport';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Screenshots land in the project's git-ignored test-results/ (this file runs from out/test/unit/report).
const RESULTS = path.resolve(__dirname, '..', '..', '..', '..', 'test-results');

interface Opened {
  page: Page;
  dialogs: string[];
  consoleErrors: string[];
  requests: string[];
}

describe('HTML report in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser | undefined;
  let dir = '';

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    skipping the browser report tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-report-'));
    fs.mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(doc: ReportDocument, name: string): Promise<Opened> {
    const file = path.join(dir, `${name}.html`);
    fs.writeFileSync(file, renderHtml(doc), 'utf8');
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
    const opened: Opened = { page, dialogs: [], consoleErrors: [], requests: [] };
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') opened.consoleErrors.push(m.text());
    });
    page.on('request', (r) => opened.requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return opened;
  }

  // Page-side expressions are strings: this project compiles without the DOM library.
  /** Nothing ran, nothing was fetched, nothing was blocked, and our stylesheet applied. */
  async function assertInert(o: Opened, fileName: string): Promise<void> {
    assert.equal(await o.page.evaluate<string>('typeof window.__pwned'), 'undefined');
    assert.deepEqual(o.dialogs, []);
    assert.deepEqual(o.consoleErrors, [], 'no CSP violation or other error');
    assert.deepEqual(
      o.requests.map((u) => path.basename(new URL(u).pathname)),
      [fileName],
      'no request but the report itself',
    );
    assert.equal(await o.page.locator('script, img, iframe, base, object, embed, link').count(), 0);
    // The only links are the banner's, to sections of this page.
    const hrefs = await o.page.evaluate<string[]>("[...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))");
    for (const href of hrefs) assert.match(href, /^#h-(files|attention)$/);
    const styled = await o.page.evaluate<string>("getComputedStyle(document.querySelector('.card')).borderTopWidth");
    assert.equal(styled, '4px', 'the hashed style block applied');
    assert.equal(await o.page.evaluate<string>('getComputedStyle(document.body).display'), 'block');
  }

  async function assertChartsRendered(page: Page): Promise<void> {
    const charts = page.locator('svg.chart-svg');
    assert.equal(await charts.count(), 2);
    for (let i = 0; i < 2; i++) {
      const box = await charts.nth(i).boundingBox();
      assert.ok(box !== null && box.width > 200 && box.height > 20, `chart ${i} box ${JSON.stringify(box)}`);
      const bar = await charts.nth(i).locator('rect').first().boundingBox();
      assert.ok(bar !== null && bar.width > 0 && bar.height > 0, `chart ${i} has a visible bar`);
    }
  }

  it('shows the realistic report as a reader would read it', async () => {
    const doc = buildRealisticReport();
    const o = await open(doc, 'report');
    try {
      await assertInert(o, 'report.html');
      const kpis = await o.page.locator('section[aria-labelledby="h-kpis"]').innerText();
      for (const text of [
        'SLA COMPLIANCE',
        '40%',
        '2 met · 1 missed · 2 breached',
        'ENDPOINTS REMEDIATED',
        '54.4%',
        'OPEN BREACHES',
        'DUE SOON',
        'MEAN TIME TO PATCH',
        '1d 17h',
        'EXCEPTIONS BY STATE',
      ]) {
        assert.ok(kpis.includes(text), `KPI text ${text} in:\n${kpis}`);
      }
      assert.equal(await o.page.locator('article.plan').count(), doc.plans.length);
      const firstAttention = await o.page.locator('section[aria-labelledby="h-attention"] tbody tr').first().innerText();
      assert.match(firstAttention, /PLAN-2026-046[\s\S]*Breached[\s\S]*overdue by 1d 21h/);
      assert.equal(await o.page.locator('h1').innerText(), 'Contoso IT patching');
      await assertChartsRendered(o.page);
      await o.page.screenshot({ path: path.join(RESULTS, 'report.png'), fullPage: true });
      // A4 portrait at 96 dpi minus the 12 mm margins: roughly what a printer lays out.
      await o.page.setViewportSize({ width: 703, height: 1000 });
      await o.page.emulateMedia({ media: 'print' });
      await o.page.screenshot({ path: path.join(RESULTS, 'report-print.png'), fullPage: true });
    } finally {
      await o.page.close();
    }
  });

  it('shows hostile values as inert text', async () => {
    const doc = buildHostileReport();
    const o = await open(doc, 'hostile');
    try {
      await assertInert(o, 'hostile.html');
      assert.equal(await o.page.locator('article.plan').count(), doc.plans.length);
      const text = await o.page.locator('body').innerText();
      for (const payload of [
        '<script>window.__pwned=1</script>',
        '"><img src=x onerror="window.__pwned=1;alert(1)">',
        '</style><style>body{display:none}</style>',
        'javascript:alert(1)',
      ]) {
        assert.ok(text.includes(payload), `reader sees ${payload}`);
      }
      assert.ok(HOSTILE_PAYLOADS.length > 10);
      assert.equal(await o.page.locator('[onerror], [onload], [onmouseover], [src]').count(), 0);
      assert.equal(await o.page.locator('[href]:not(a[href="#h-files"]):not(a[href="#h-attention"])').count(), 0);
      assert.equal(await o.page.locator('style').count(), 1);
      await assertChartsRendered(o.page);
      await o.page.screenshot({ path: path.join(RESULTS, 'report-hostile.png'), fullPage: true });
    } finally {
      await o.page.close();
    }
  });
});
