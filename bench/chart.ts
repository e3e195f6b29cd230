/**
 * A PNG chart of the results, drawn by Chart.js (a project dependency) in headless Chromium
 * through playwright-core: load rates, and recall against p50 latency for each system on the
 * largest data set. Where no Chromium is installed the chart is skipped; the Markdown table holds
 * every figure anyway.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BenchResults } from './report.ts';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function chartConfigs(r: BenchResults): object[] {
  const configs: object[] = [];
  if (r.load) {
    const names: Record<string, string> = {
      ingest: 'Jobsight ingest',
      copy: 'raw COPY (limit)',
      copyNoTextIndex: 'COPY, no text index',
      langchain: 'LangChain-style INSERT',
      chroma: 'Chroma add',
    };
    const entries = Object.entries(r.load.rowsPerSecond).filter(([, v]) => v !== null);
    configs.push({
      type: 'bar',
      data: {
        labels: entries.map(([k]) => names[k]),
        datasets: [{ label: 'rows/s', data: entries.map(([, v]) => Math.round(v!)), backgroundColor: '#4e79a7' }],
      },
      options: { animation: false, plugins: { title: { display: true, text: `Load rate, ${r.load.rows} NHS postings (rows/s, higher is better)` } } },
    });
  }
  const largest = [...r.datasets].sort((a, b) => b.vector.rows - a.vector.rows)[0];
  if (largest) {
    const colours: Record<string, string> = { jobsight: '#e15759', 'bare-pg': '#4e79a7', chroma: '#59a14f' };
    const systems = ['jobsight', 'bare-pg', 'chroma'].filter((s) => largest.vector.results.some((q) => q.system === s && q.method === 'hnsw'));
    configs.push({
      type: 'line',
      data: {
        datasets: systems.map((s) => ({
          label: s,
          borderColor: colours[s],
          backgroundColor: colours[s],
          data: largest.vector.results.filter((q) => q.system === s && q.method === 'hnsw').map((q) => ({ x: q.recall, y: q.latency.p50 })),
        })),
      },
      options: {
        animation: false,
        scales: { x: { type: 'linear', title: { display: true, text: 'recall@10' } }, y: { title: { display: true, text: 'p50 ms' } } },
        plugins: {
          title: {
            display: true,
            text: `HNSW top-10 on ${largest.name} (${largest.vector.rows} rows), ef_search 20/40/100/200 (lower right is better)`,
          },
        },
      },
    });
  }
  return configs;
}

/** Writes the chart to `file`; returns false (and writes nothing) when no Chromium is found. */
export async function writeChart(r: BenchResults, file: string): Promise<boolean> {
  const executablePath = CHROMIUM.find((p) => existsSync(p));
  if (!executablePath) return false;
  const script = await readFile(new URL('../node_modules/chart.js/dist/chart.umd.min.js', import.meta.url), 'utf8');
  const configs = chartConfigs(r);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 420 * configs.length } });
    await page.setContent(
      `<html><body style="margin:0;background:#fff">${configs.map((_, i) => `<div style="width:880px;height:400px;padding:10px"><canvas id="c${i}"></canvas></div>`).join('')}</body></html>`,
    );
    await page.addScriptTag({ content: script });
    await page.evaluate((all) => {
      const Chart = (globalThis as unknown as { Chart: new (el: unknown, cfg: unknown) => unknown }).Chart;
      for (const [i, cfg] of all.entries())
        new Chart((globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById(`c${i}`), cfg);
    }, configs);
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await browser.close();
  }
  return true;
}
