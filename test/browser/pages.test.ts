/**
 * The resume match, posting and upload pages in a real browser: the API server on a port of its
 * own over a test database (the server named by DATABASE_URL when set, else PGlite) holding the
 * real Glassdoor postings from ../shared/data, Debian's Chromium driven by playwright-core. What
 * each page shows is checked against the library's own answers on the same database.
 * Screenshots of each page go to a temporary folder, printed at the end.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salaryStats } from '../../src/analytics/index.ts';
import { SALARY_GROUPS } from '../../src/analytics/salary-groups.ts';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { type Database, queryRows } from '../../src/db/database.ts';
import { getJob } from '../../src/jobs/repository.ts';
import { matchResume } from '../../src/search/match.ts';
import { similarJobs } from '../../src/search/similar.ts';
import { openTestDatabase, SERVER_URL, testEmbedder } from '../helpers/engines.ts';
import { ingest } from '../helpers/ingest.ts';
import { DATA_FILES } from '../helpers/shared-data.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const API_KEY = 'pages-test-key';
const RESUME = path.resolve(import.meta.dirname, '../../demo/resume-data-analyst.md');
/** The first postings of the NHS set, uploaded through the page. */
const NHS_SAMPLE_LINES = 60;

// Code inside page.evaluate() runs in the browser; the project compiles without the DOM library.
declare const document: any;

const engine = SERVER_URL ? 'server' : 'pglite';

describe.skipIf(!existsSync(CHROMIUM))(
  `[${engine}] match, posting and upload pages in Chromium${existsSync(CHROMIUM) ? '' : ` (no browser at ${CHROMIUM})`}`,
  () => {
    let database: Database;
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    let shots: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      await ingest(database, [DATA_FILES.glassdoor]);
      server = await startServer({ database, embedder: testEmbedder, port: 0, apiKey: API_KEY, closeDatabase: false });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
      // Offline: anything but our own server is refused, so a CDN dependency would fail the test.
      await page.route(
        (url) => !url.href.startsWith(server.url),
        (route) => route.abort(),
      );
      shots = await mkdtemp(path.join(tmpdir(), 'jobsight-pages-'));
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await database?.close();
      if (shots) console.log(`screenshots of the pages: ${shots}`);
    });

    async function shot(name: string): Promise<void> {
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
    }

    describe('resume match page', () => {
      it('matches a pasted resume: the postings, the skills each has and lacks, what to learn next', async () => {
        const resume = await readFile(RESUME, 'utf8');
        const expected = await matchResume(database.db, testEmbedder, resume, { k: 20 });
        expect(expected.matches.length).toBe(20);

        await page.goto(`${server.url}/match`);
        await page.fill('#resume', resume);
        await page.click('button[type=submit]');
        await expect.poll(() => page.locator('#status').textContent()).toMatch(/20 matching postings, best first/);

        const items = page.locator('#matches > li');
        expect(await items.count()).toBe(20);
        for (const [i, match] of expected.matches.entries()) {
          const item = items.nth(i);
          expect(await item.getAttribute('data-id')).toBe(String(match.id));
          expect(await item.locator('h2 a').getAttribute('href')).toBe(`/jobs/${match.id}`);
          expect(await item.locator('.chips.has li').allTextContents()).toEqual(match.matchedSkills);
          expect(await item.locator('.chips.lacks li').allTextContents()).toEqual(match.missingSkills);
        }
        expect(await page.locator('#resume-skills li').allTextContents()).toEqual(expected.resumeSkills);
        expect(await page.locator('#learn-next .learn-skill').allTextContents()).toEqual(expected.learnNext.map((l) => l.skill));
        expect(await page.locator('#learn-next .learn-count').allTextContents()).toEqual(expected.learnNext.map((l) => `${l.postings} of 20`));
        // The resume's skills are what a data analyst's resume names.
        expect(expected.resumeSkills).toEqual(expect.arrayContaining(['SQL', 'Python', 'Tableau']));
        await shot('match');
      });

      it('reads a resume from a .md file and matches it at once; refuses a PDF', async () => {
        await page.goto(`${server.url}/match`);
        await page.setInputFiles('#resume-file', { name: 'resume.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
        await expect.poll(() => page.locator('#status.error').textContent()).toMatch(/resume\.pdf is not a text file/);

        const text = 'Machine learning engineer: Python, TensorFlow, Spark, AWS and Docker; model deployment.';
        await page.setInputFiles('#resume-file', { name: 'cv.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
        await expect.poll(() => page.locator('#status').textContent()).toMatch(/matching postings, best first/);
        expect(await page.inputValue('#resume')).toBe(text);
        expect(await page.locator('#file-name').textContent()).toBe('cv.md');
        const expected = await matchResume(database.db, testEmbedder, text, { k: 20 });
        expect(await page.locator('#matches > li').first().getAttribute('data-id')).toBe(String(expected.matches[0]!.id));
      });

      it('passes the filters, and shows the API refusing a bad one', async () => {
        await page.fill('input[name=country]', 'Narnia');
        await page.click('button[type=submit]');
        await expect.poll(() => page.locator('#status.error').textContent()).toMatch(/country/);
        expect(await page.locator('#match-results').isHidden()).toBe(true);
        await page.fill('input[name=country]', 'US');
        await page.click('button[type=submit]');
        await expect.poll(() => page.locator('#status').textContent()).toMatch(/matching postings, best first/);
        expect(await page.locator('#matches .meta').first().textContent()).toMatch(/\bUS\b/);
      });
    });

    describe('posting page', () => {
      /** A "Data Scientist" posting that states a salary: its family has many postings in the sample. */
      async function dataScientist(): Promise<number> {
        const [row] = await queryRows<{ id: string }>(
          database.db,
          sql`select id from jobs where title = 'Data Scientist' and salary_annual_min is not null and country = 'US' order by id limit 1`,
        );
        return Number(row!.id);
      }

      it('shows its fields, its skills, its salary against its job family and similar postings', async () => {
        const id = await dataScientist();
        const job = (await getJob(database.db, id))!;
        await page.goto(`${server.url}/jobs/${id}`);
        await page.locator('#posting[data-ready]').waitFor();

        expect(await page.locator('h1').textContent()).toBe(job.title);
        expect(await page.title()).toBe(`Jobsight · ${job.title}`);
        const fields = Object.fromEntries(
          await page.evaluate(() =>
            [...document.querySelectorAll('#posting-fields dt')].map((dt: any) => [dt.textContent, dt.nextElementSibling.textContent]),
          ),
        );
        expect(fields.Company).toBe(job.company);
        expect(fields.Location).toBe([job.city, job.region, job.country].filter(Boolean).join(', '));
        expect(fields.Salary).toContain(job.salaryText!);
        expect(fields.Source).toBe(job.source);
        expect(await page.locator('#posting-skills li').allTextContents()).toEqual(job.skills);
        expect(job.skills.length).toBeGreaterThan(3);
        expect(await page.locator('#posting-description').textContent()).toBe(job.description);

        // The market: the same statistics over the 300 postings most like its title.
        const like = { query: job.title, size: 300 };
        const byTitle = await salaryStats(database.db, testEmbedder, { by: 'title', like, minCount: 3, top: 1000 });
        const byCountry = await salaryStats(database.db, testEmbedder, { by: 'country', like, minCount: 3, top: 1000 });
        const family = byTitle.rows.find((r) => r.group === 'data scientist' && r.currency === 'USD')!;
        const country = byCountry.rows.find((r) => r.group === 'US' && r.currency === 'USD')!;
        const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
        const pay = (job.salaryAnnualMin! + job.salaryAnnualMax!) / 2;
        const comparisons = page.locator('#salary-body .comparison');
        expect(await comparisons.count()).toBe(2);
        expect(await comparisons.nth(0).locator('h3').textContent()).toBe('Job family “data scientist”');
        expect(await comparisons.nth(0).locator('.gauge-legend').textContent()).toBe(
          `25th ${money(family.p25)}median ${money(family.median)}75th ${money(family.p75)}`,
        );
        expect(await comparisons.nth(0).locator('.note').textContent()).toContain(`This posting: ${money(pay)}`);
        expect(await comparisons.nth(0).locator('.note').textContent()).toContain(`of ${family.postings} postings`);
        expect(await comparisons.nth(1).locator('h3').textContent()).toBe('Postings like this one in US');
        expect(await comparisons.nth(1).locator('.gauge-legend').textContent()).toContain(`median ${money(country.median)}`);
        // The posting's dot sits where its pay is against the quartiles.
        const box = async (selector: string) => (await comparisons.nth(0).locator(selector).boundingBox())!;
        const [range, median, dot] = [await box('.gauge-range'), await box('.gauge-median'), await box('.gauge-pay')];
        const dotX = dot.x + dot.width / 2;
        const medianX = median.x + median.width / 2;
        if (pay > family.median) expect(dotX).toBeGreaterThan(medianX);
        if (pay < family.median) expect(dotX).toBeLessThan(medianX);
        expect(medianX).toBeGreaterThan(range.x);
        expect(medianX).toBeLessThan(range.x + range.width);

        const similar = await similarJobs(database.db, id, { k: 6 });
        expect(await page.locator('#similar-body li strong a').allTextContents()).toEqual(similar.map((h) => h.title));
        expect(await page.locator('#similar-body li strong a').first().getAttribute('href')).toBe(`/jobs/${similar[0]!.id}`);

        // No dupes operation in this API: the near-duplicates section is not shown.
        expect(await page.locator('#near-duplicates').isHidden()).toBe(true);
        await shot('posting');
      });

      it('shows the near-duplicates section once /openapi.json lists a dupes operation (answered here by the test)', async () => {
        const id = await dataScientist();
        const others = await similarJobs(database.db, id, { k: 2 });
        const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
        doc.paths['/api/jobs/{id}/dupes'] = { get: { operationId: 'dupes', responses: {} } };
        await page.route(`${server.url}/openapi.json`, (route) => route.fulfill({ json: doc }));
        await page.route(`${server.url}/api/jobs/${id}/dupes`, (route) => route.fulfill({ json: { postings: others } }));
        try {
          await page.goto(`${server.url}/jobs/${id}`);
          await page.locator('#posting[data-ready]').waitFor();
          expect(await page.locator('#near-duplicates').isVisible()).toBe(true);
          expect(await page.locator('#near-duplicates-body li strong a').allTextContents()).toEqual(others.map((h) => h.title));
        } finally {
          await page.unroute(`${server.url}/openapi.json`);
          await page.unroute(`${server.url}/api/jobs/${id}/dupes`);
        }
      });

      it('finds its job family as the salary statistics do, for every title in the sample', async () => {
        const rows = await queryRows<{ title: string; family: string | null }>(
          database.db,
          sql`select distinct jobs.title, ${SALARY_GROUPS.title.key} as family from jobs order by jobs.title`,
        );
        expect(rows.length).toBeGreaterThan(200);
        // An expression as text: vitest would rewrite a dynamic import() written in this file.
        const titles = JSON.stringify(rows.map((r) => r.title));
        const inBrowser: (string | null)[] = await page.evaluate(`import('/assets/title-family.js').then((m) => ${titles}.map(m.titleFamily))`);
        const differing = rows.map((r, i) => (r.family === inBrowser[i] ? null : `${r.title}: ${r.family} vs ${inBrowser[i]}`)).filter(Boolean);
        expect(differing).toEqual([]);
      });

      it('is served for /jobs/ID only, with the content security policy of the pages', async () => {
        for (const address of ['/jobs/1', '/jobs/123456789', '/match', '/upload']) {
          const reply = await fetch(`${server.url}${address}`);
          expect(reply.status, address).toBe(200);
          expect(reply.headers.get('content-type'), address).toMatch(/text\/html/);
          expect(reply.headers.get('content-security-policy'), address).toMatch(/default-src 'self'/);
        }
        for (const address of ['/jobs/0', '/jobs/abc', '/jobs/1/similar', '/jobs/', '/jobs/01']) {
          expect((await fetch(`${server.url}${address}`)).status, address).toBe(404);
        }
      });

      it('says so when there is no such posting, and links search results to posting pages', async () => {
        await page.goto(`${server.url}/jobs/987654321`);
        await expect.poll(() => page.locator('#status.error').textContent()).toMatch(/987654321/);
        expect(await page.locator('#posting').isHidden()).toBe(true);

        await page.goto(`${server.url}/?q=data+scientist`);
        const link = page.locator('#results .result h2 a').first();
        await link.waitFor();
        const href = (await link.getAttribute('href'))!;
        expect(href).toMatch(/^\/jobs\/\d+$/);
        await link.click();
        await page.locator('#posting[data-ready]').waitFor();
        expect(new URL(page.url()).pathname).toBe(href);
      });
    });

    describe('upload page', () => {
      async function postingsFrom(source: string): Promise<number> {
        const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from jobs where source = ${source}`);
        return row!.n;
      }

      it('refuses a wrong API key, with the hint', async () => {
        await page.goto(`${server.url}/upload`);
        await page.setInputFiles('#files', { name: 'wrong-key.csv', mimeType: 'text/csv', buffer: Buffer.from('title\nNurse\n') });
        await page.fill('#api-key', 'not-the-key');
        await page.click('button[type=submit]');
        await expect.poll(() => page.locator('.summary .status.error').textContent()).toMatch(/the API key is not valid.*Bearer/);
        expect(await postingsFrom('wrong-key')).toBe(0);
      });

      it('loads real postings and a file with bad records, and shows each summary', async () => {
        const nhs = (await readFile(DATA_FILES.nhs, 'utf8')).split('\n').slice(0, NHS_SAMPLE_LINES).join('\n');
        // A record without a title is rejected; a negative salary is left out and flagged.
        const bad = 'title,company,salary\nData Wrangler,Acme Ltd,$50K-$60K\n,No Title Inc,$40K\nStaff Nurse,Acme Ltd,-5\n';
        await page.goto(`${server.url}/upload`);
        await page.setInputFiles('#files', [
          { name: 'nhs-sample.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(nhs) },
          { name: 'bad-records.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) },
        ]);
        await page.fill('#api-key', API_KEY);
        await page.fill('input[name=referenceDate]', '2020-11-30');
        await page.click('button[type=submit]');
        await expect.poll(() => page.locator('#status').textContent(), { timeout: 60_000 }).toBe('Loaded 2 files.');

        const figures = async (file: string) =>
          Object.fromEntries(
            await page
              .locator(`.summary[data-file="${file}"] .figure`)
              .evaluateAll((nodes: any[]) => nodes.map((n) => [n.dataset.figure, Number(n.querySelector('strong').textContent.replace(/\D/g, ''))])),
          );
        const nhsFigures = await figures('nhs-sample.jsonl');
        expect(nhsFigures.loaded).toBe(await postingsFrom('nhs-sample'));
        expect(nhsFigures.loaded + nhsFigures.rejected + nhsFigures.unchanged + nhsFigures.duplicates).toBe(NHS_SAMPLE_LINES);
        expect(await page.locator('.summary[data-file="nhs-sample.jsonl"] .meta').textContent()).toMatch(`${NHS_SAMPLE_LINES} records read`);

        expect(await figures('bad-records.csv')).toEqual({ loaded: 2, rejected: 1, flagged: 1, unchanged: 0, duplicates: 0 });
        expect(await postingsFrom('bad-records')).toBe(2);
        const rejects = await page.locator('.summary[data-file="bad-records.csv"] .rejects tbody tr').allTextContents();
        expect(rejects).toHaveLength(2);
        expect(rejects.join('\n')).toMatch(/bad-records\.csv:3.*rejected.*title/);
        expect(rejects.join('\n')).toMatch(/bad-records\.csv:4.*flagged.*salary/);
        await shot('upload');
      });
    });

    it('raised no errors in the pages', () => {
      // Refusals the tests ask for (a bad country 400, a wrong key 401, no such posting 404) are logged by Chromium as failed resources.
      expect(pageErrors.filter((e) => !/status of (400|401|404)/.test(e))).toEqual([]);
    });
  },
);
