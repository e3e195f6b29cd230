/**
 * Screenshots of the web page, for the README and for checking the page after changes:
 * starts the server on the demo postings (an in-memory database, or --data-dir DIR), opens each
 * page in headless Chromium and writes PNGs.
 *
 *   npx tsx scripts/screenshots.ts [--out DIR] [--data-dir DIR] [--chromium PATH]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../src/api/server.ts';
import { openReadyDatabase } from '../src/db/setup.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { createEmbedder } from '../src/embed/index.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    'data-dir': { type: 'string', default: 'memory://' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const out = path.resolve(values.out);
await mkdir(out, { recursive: true });

const embedder = createEmbedder({ provider: 'semantic' });
console.log(`opening ${values['data-dir']} and loading the demo postings (about 20 s the first time)...`);
const database = await openReadyDatabase({ kind: 'embedded', dataDir: values['data-dir'] }, embedder);
await loadDemo(database.db, embedder);
const server = await startServer({ database, embedder, port: 0 });
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`wrote ${file}`);
}

// Code inside waitForFunction() runs in the browser; the project compiles without the DOM library.
declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> & Iterable<unknown> };
declare const window: { Chart: { getChart(canvas: unknown): unknown } };

async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('canvas').length === 4 && [...document.querySelectorAll('canvas')].every((c) => window.Chart.getChart(c)),
  );
  await page.waitForTimeout(800); // Chart.js animates in
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/?q=${encodeURIComponent('staff nurse')}&country=GB`);
  await page.locator('.result').first().waitFor();
  await page.locator('.result').first().getByRole('button', { name: 'Similar postings' }).click();
  await page.locator('.similar-list li').first().waitFor();
  await shot(page, 'search', false);

  await page.goto(`${server.url}/market`);
  await chartsDrawn(page);
  await shot(page, 'market');

  await page.goto(`${server.url}/market?like=${encodeURIComponent('data engineer')}`);
  await chartsDrawn(page);
  await shot(page, 'market-like');

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await phone.goto(`${server.url}/?q=${encodeURIComponent('data analyst')}`);
  await phone.locator('.result').first().waitFor();
  await shot(phone, 'search-phone', false);
} finally {
  await browser.close();
  await server.close();
}
