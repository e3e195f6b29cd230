/**
 * The web page: plain HTML, CSS and JavaScript modules from src/web (no build step), and
 * Chart.js from node_modules, so the page works offline. Files are looked up in a fixed table
 * built at start-up, never from the request path, so no path can reach outside these files.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

export const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// The page's own scripts and styles only; Chart.js sets canvas sizes through inline styles.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function fileTable(): Map<string, string> {
  const files = new Map<string, string>([
    ['/', path.join(WEB_DIR, 'index.html')],
    ['/market', path.join(WEB_DIR, 'market.html')],
    ['/match', path.join(WEB_DIR, 'match.html')],
    ['/upload', path.join(WEB_DIR, 'upload.html')],
    ['/vendor/chart.umd.min.js', CHART_JS],
  ]);
  for (const name of readdirSync(WEB_DIR)) {
    if (TYPES[path.extname(name)] && !name.endsWith('.html')) files.set(`/assets/${name}`, path.join(WEB_DIR, name));
  }
  return files;
}

// A posting's page: one HTML file for every id; the page reads the id from its own address.
const POSTING_PAGE = /^\/jobs\/[1-9]\d{0,17}$/;

export function webRoutes(): Hono {
  const files = fileTable();
  const postingPage = path.join(WEB_DIR, 'posting.html');
  const app = new Hono();
  app.get('*', async (c, next) => {
    const file = files.get(c.req.path) ?? (POSTING_PAGE.test(c.req.path) ? postingPage : undefined);
    if (!file) return next();
    c.header('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    if (file.endsWith('.html')) c.header('Content-Security-Policy', CSP);
    return c.body(await readFile(file));
  });
  return app;
}
