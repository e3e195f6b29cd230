/**
 * Screenshots of the web page, for the README and for checking the page after changes:
 * starts the server on the demo postings (an in-memory database, or --data-dir DIR), opens each
 * page in headless Chromium and writes PNGs. The upload page loads the first 40 lines of
 * --upload FILE (JSON Lines) (default: the NHS set in ../shared/data when it is there, else the demo postings).
 *
 *   npx tsx scripts/screenshots.ts [--out DIR] [--data-dir DIR] [--chromium PATH] [--upload FILE]
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
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
    upload: { type: 'string' },
  },
});
const ROOT = path.resolve(import.meta.dirname, '..');
const NHS = path.resolve(ROOT, '../shared/data/nhs-jobs-2020/postings.jsonl');
const uploadFile = values.upload ?? (existsSync(NHS) ? NHS : path.join(ROOT, 'demo/postings.jsonl'));
const out = path.resolve(values.out);
await mkdir(out, { recursive: true });

const embedder = createEmbedder({ provider: 'semantic' });
console.log(`opening ${values['data-dir']} and loading the demo postings (about 20 s the first time)...`);
const database = await openReadyDatabase({ kind: 'embedded', dataDir: values['data-dir'] }, embedder);
await loadDemo(database.db, embedder);
// A key for this run only: the upload page needs one to load files.
const apiKey = randomBytes(12).toString('hex');
const server = await startServer({ database, embedder, port: 0, apiKey });
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function firstLines(file: string, n: number): Promise<string> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    lines.push(line);
    if (lines.length === n) break;
  }
  return lines.join('\n');
}

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

  await page.goto(`${server.url}/match`);
  await page.selectOption('select[name=k]', '10');
  await page.setInputFiles('#resume-file', path.join(ROOT, 'demo/resume-data-analyst.md'));
  await page.locator('#matches > li').first().waitFor();
  await shot(page, 'match');

  // A posting with a salary, from a search, so its page compares it with the market.
  const { hits } = (await (await fetch(`${server.url}/api/search?q=data+scientist&k=20`)).json()) as {
    hits: { id: number; salaryAnnualMin: number | null }[];
  };
  const posting = hits.find((h) => h.salaryAnnualMin !== null) ?? hits[0]!;
  await page.goto(`${server.url}/jobs/${posting.id}`);
  await page.locator('#posting[data-ready]').waitFor();
  await shot(page, 'posting', false);

  const sample = await firstLines(uploadFile, 40);
  await page.goto(`${server.url}/upload`);
  await page.setInputFiles('#files', { name: `sample-${path.basename(uploadFile)}`, mimeType: 'application/x-ndjson', buffer: Buffer.from(sample) });
  await page.fill('#api-key', apiKey);
  await page.click('button[type=submit]');
  await page.locator('.summary').first().waitFor({ timeout: 120_000 });
  await shot(page, 'upload');

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await phone.goto(`${server.url}/?q=${encodeURIComponent('data analyst')}`);
  await phone.locator('.result').first().waitFor();
  await shot(phone, 'search-phone', false);
} finally {
  await browser.close();
  await server.close();
}
