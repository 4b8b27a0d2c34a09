#!/usr/bin/env node
// The web application's figures on a big area over loopback:
//   - dashboard first render, cold: a new browser context (empty cache, a
//     logged-in token only) from navigation start to the first frame painted
//     with the dashboard; the first run is also the
//     server's first dashboard of the area (nothing cached), the next ones not;
//   - person search, from submit to the answer on screen (median of several);
//   - JavaScript shipped, gzipped.
// Usage: node bench/web_run.mjs --phongdich build/phongdich --web-dir web/dist \
//          [--area vn2022:79] [--persons 1000000] [--dir var/web-bench]
// The database is generated and imported into --dir once and reused after.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { apiLogin, prepareDatabase, startServer } from '../web/tests/server.mjs';

const require = createRequire(resolve('web/package.json'));
const { chromium } = require('playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const binary = resolve(args.phongdich ?? 'build/phongdich');
const webDir = resolve(args['web-dir'] ?? 'web/dist');
const area = args.area ?? 'vn2022:79';
const persons = Number(args.persons ?? 1_000_000);
const dir = resolve(args.dir ?? `var/web-bench-${area.replace(':', '-')}-${persons}`);
const account = { username: 'bench.cdc', role: 'province_officer', area, password: 'bench-mat-khau-cdc' };

mkdirSync(dir, { recursive: true });
let db = join(dir, 'web.db');
if (!existsSync(db)) {
  console.log(`generating and importing ${persons} persons of ${area} into ${dir} (once)`);
  const t0 = Date.now();
  db = prepareDatabase({ binary, dir, area, persons, seed: 7, asOf: '2022-09-30', accounts: [account] });
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const t0 = Date.now();
const server = await startServer({ binary, db, webDir, today: '2022-09-30' });
console.log(`server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (registry index loaded) at ${server.base}`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const call = await apiLogin(server.base, account.username, account.password);
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  }).then((r) => r.json());

  async function coldDashboard() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((token) => sessionStorage.setItem('phongdich.token', token), login.token);
    const page = await context.newPage();
    await page.goto(`${server.base}/dashboard/${area}`);
    // The page notes when its first frame with the dashboard was painted (ms since navigation start).
    const painted = await page.waitForSelector('[data-testid=dashboard][data-painted-at]', { timeout: 120_000 });
    const ms = Number(await painted.getAttribute('data-painted-at'));
    await context.close();
    return ms;
  }
  // Chromium's own first start (its binary and fonts from disk) is not the page's
  // cost: one throwaway context opens the login page first (no dashboard request).
  {
    const warm = await browser.newContext();
    const page = await warm.newPage();
    await page.goto(`${server.base}/login`);
    await page.waitForSelector('form.login');
    await warm.close();
  }
  const dashboards = [];
  for (let i = 0; i < 4; i++) dashboards.push(await coldDashboard());

  // Names to search for: real ones of the area, typed without diacritics;
  // citizen IDs; common partial names. Province-wide, then within one district.
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const district = (await call(`/api/v1/areas/${area}`)).children[0]?.id ?? area;
  async function sampleQueries(where) {
    const sample = await call(`/api/v1/persons?area=${where}&q=tran&limit=40`);
    const names = sample.items.filter((_, i) => i % 4 === 0).map((p) => fold(p.full_name));
    const cids = sample.items.filter((p) => p.citizen_id).slice(0, 5).map((p) => p.citizen_id);
    return [...names, ...cids, 'nguyen van an', 'le thi', 'pham'];
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((token) => sessionStorage.setItem('phongdich.token', token), login.token);
  const page = await context.newPage();
  await page.goto(`${server.base}/registry`);
  await page.waitForSelector('[data-testid=search-input]');
  await page.waitForSelector('[data-testid=search-area] option:nth-child(2)', { state: 'attached' });
  async function searchTimes(where, queries) {
    const times = [];
    for (const q of queries) {
      // In the page: submit, then wait for the answer's count line to appear.
      const ms = await page.evaluate(
        async ([text, scope]) => {
          const results = document.querySelector('[data-testid=search-results]');
          results.replaceChildren();
          document.querySelector('[data-testid=search-area]').value = scope;
          const input = document.querySelector('[data-testid=search-input]');
          input.value = text;
          const done = new Promise((resolve) => {
            const observer = new MutationObserver(() => {
              if (results.querySelector('[data-testid=search-count], [data-testid=error]')) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(results, { childList: true, subtree: true });
          });
          const start = performance.now();
          input.form.requestSubmit();
          await done;
          // Until painted: the frame after the change, then the task after it.
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - start;
        },
        [q, where === area ? '' : where],
      );
      times.push({ q, ms });
    }
    return times;
  }
  const wide = await searchTimes(area, await sampleQueries(area));
  const narrow = await searchTimes(district, await sampleQueries(district));
  await context.close();

  const assets = join(webDir, 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);

  console.log(`\narea ${area}, ${persons.toLocaleString('en')} persons generated`);
  console.log(`dashboard first render, cold browser, server's first: ${dashboards[0].toFixed(0)} ms`);
  console.log(`dashboard first render, cold browser, server warm:   ${dashboards.slice(1).map((x) => x.toFixed(0)).join(', ')} ms`);
  for (const [label, times] of [[`the whole of ${area}`, wide], [`one district, ${district}`, narrow]]) {
    console.log(`person search to screen in ${label}, median of ${times.length}: ${median(times.map((s) => s.ms)).toFixed(0)} ms ` +
      `(max ${Math.max(...times.map((s) => s.ms)).toFixed(0)} ms)`);
    for (const s of times) console.log(`  ${s.ms.toFixed(0).padStart(5)} ms  ${s.q}`);
  }
  console.log(`JavaScript shipped: ${js.length} file(s), ${(gz / 1024).toFixed(1)} KB gzipped`);
} finally {
  await browser.close();
  await server.stop();
}
