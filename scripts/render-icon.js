#!/usr/bin/env node
// Renders media/icon.svg (drawn by hand for PatchOps) to media/icon.png, 128×128 with a transparent
// background, in Chromium (the one `npm run test:vscode` sets up). Run it after changing the SVG and
// commit both; test/unit/docs/marketplace.test.ts checks the PNG's size.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { setup } = require('./vscode/setup');

const MEDIA = path.resolve(__dirname, '..', 'media');

(async () => {
  const browser = await chromium.launch({ executablePath: setup().chromium, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    const svg = fs.readFileSync(path.join(MEDIA, 'icon.svg'), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(MEDIA, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
