/**
 * The web page in a real browser: the server on a port of its own over a PGlite database with
 * the demo postings, Debian's Chromium driven by playwright-core. Runs once (one engine): the
 * page calls the same API that test/api covers on both engines.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openTestDatabase, testEmbedder } from '../helpers/engines.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Code inside page.evaluate() runs in the browser; the project compiles without the DOM library.
declare const document: any, window: any, location: any;
type Canvas = { id: string; width: number; height: number; getContext(kind: '2d'): any };

describe.skipIf(!existsSync(CHROMIUM))(`web page in Chromium${existsSync(CHROMIUM) ? '' : ` (no browser at ${CHROMIUM})`}`, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const database = await openTestDatabase('pglite');
    await loadDemo(database.db, testEmbedder);
    server = await startServer({ database, embedder: testEmbedder, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    // Offline: anything but our own server is refused, so a CDN dependency would fail the test.
    await page.route(
      (url) => !url.href.startsWith(server.url),
      (route) => route.abort(),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('searches, shows highlighted results and filters them', async () => {
    await page.goto(`${server.url}/`);
    await page.fill('#q', 'staff nurse');
    await page.click('button[type=submit]');
    const results = page.locator('#results .result');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/postings?, best first/);
    expect(await results.first().locator('h2').textContent()).toMatch(/nurse/i);
    // «» marks from ts_headline become <mark> elements, and never reach the page as text.
    expect(await page.locator('#results .snippet mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#results').textContent()).not.toMatch(/[«»]/);

    await page.fill('input[name=country]', 'US');
    await page.click('button[type=submit]');
    await expect.poll(() => page.evaluate(() => location.search as string)).toMatch(/country=US/);
    await expect.poll(async () => (await results.first().locator('.meta').textContent()) ?? '').toMatch(/\bUS\b/);
    const metas = await results.locator('.meta').allTextContents();
    for (const meta of metas) expect(meta).toMatch(/\bUS\b/);
  });

  it('shows an error from the API without breaking the page', async () => {
    await page.fill('input[name=country]', 'Narnia');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#status.error').textContent()).toMatch(/country/);
    await page.fill('input[name=country]', '');
  });

  it('opens the postings similar to a result', async () => {
    await page.click('button[type=submit]');
    const first = page.locator('#results .result').first();
    await first.waitFor();
    await first.getByRole('button', { name: 'Similar postings' }).click();
    await first.locator('.similar-list li').first().waitFor();
    expect(await first.locator('.similar-list li').count()).toBe(5);
    expect(await first.locator('.similar h3').textContent()).toMatch(/^Postings like/);
    await first.getByRole('button', { name: 'Hide similar' }).click();
    expect(await first.locator('.similar').count()).toBe(0);
  });

  async function chartsDrawn(): Promise<{ id: string; width: number; height: number; points: number }[]> {
    await page.waitForFunction(() => {
      const chart = window.Chart;
      const canvases: Canvas[] = [...document.querySelectorAll('canvas')];
      return chart && canvases.length === 4 && canvases.every((c) => chart.getChart(c)) && !document.querySelector('#status.loading');
    });
    return page.evaluate(() =>
      ([...document.querySelectorAll('canvas')] as Canvas[]).map((canvas) => {
        const chart = window.Chart.getChart(canvas);
        return { id: canvas.id, width: canvas.width, height: canvas.height, points: chart.data.datasets[0].data.length as number };
      }),
    );
  }

  it('draws the market charts for all postings and for jobs like a text', async () => {
    await page.goto(`${server.url}/market`);
    const all = await chartsDrawn();
    expect(all.map((c) => c.id).sort()).toEqual(['chart-months', 'chart-remote', 'chart-salaries', 'chart-skills']);
    for (const chart of all) {
      expect(chart.width, chart.id).toBeGreaterThan(100);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.points, chart.id).toBeGreaterThan(1);
    }
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/all 1,500 postings/);
    // Pixels were drawn: the skills canvas is not blank.
    const inked = await page.evaluate(() => {
      const canvas: Canvas = document.getElementById('chart-skills');
      const pixels: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);

    await page.fill('#like', 'data engineer');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toMatch(/most like “data engineer”/);
    const like = await chartsDrawn();
    expect(like.find((c) => c.id === 'chart-skills')!.points).toBeGreaterThan(1);
    const labels: string[] = await page.evaluate(() => window.Chart.getChart('chart-skills').data.labels);
    expect(labels).toContain('Python');
  });

  it('raised no errors in the page', () => {
    // The deliberate bad-country search answers 400, which Chromium logs as a failed resource.
    expect(pageErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
