#!/usr/bin/env node
// Browser tests of the web application: Debian's chromium driven by
// playwright-core against a real `phongdich serve` on 127.0.0.1, over a small
// generated area (Quận 11, 10 wards). Each scenario runs in a fresh browser
// context and fails on its own; the run fails if any did. With --store
// postgres the server runs on a database of its own on the PostgreSQL server
// of PHONGDICH_TEST_POSTGRES_URL (exit 77, "skipped", without one).
//
//   node web/tests/run.mjs --phongdich build/phongdich --web-dir web/dist [--store postgres]
//   PHONGDICH_SCREENSHOTS=docs/screenshots node web/tests/run.mjs ...   # also writes screenshots
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { get } from 'node:http';
import { chromium } from 'playwright-core';
import { apiLogin, postgresDatabase, prepareDatabase, startServer, tempDir } from './server.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const binary = resolve(args.phongdich ?? 'build/phongdich');
const webDir = resolve(args['web-dir'] ?? 'web/dist');
const chromiumPath = args.chromium ?? process.env.PHONGDICH_CHROMIUM ?? '/usr/bin/chromium';
const shots = process.env.PHONGDICH_SCREENSHOTS ? resolve(process.env.PHONGDICH_SCREENSHOTS) : null;
const only = args.only ? new RegExp(args.only) : null;
const onPostgres = args.store === 'postgres';
if (onPostgres && !process.env.PHONGDICH_TEST_POSTGRES_URL) {
  console.log('web tests on PostgreSQL: skipped, PHONGDICH_TEST_POSTGRES_URL is not set (scripts/test.sh starts a server)');
  process.exit(77);
}

const TODAY = '2022-09-15';
const Q11 = 'vn2022:772';
const P15 = 'vn2022:27208';
const P14 = 'vn2022:27214';
const accounts = [
  { username: 'web.quan11', role: 'district_officer', area: Q11, password: 'quan-11-mat-khau' },
  { username: 'web.phuong15', role: 'commune_staff', area: P15, password: 'phuong-15-mat-khau' },
  { username: 'web.admin', role: 'administrator', area: 'vn2022:79', password: 'quan-tri-mat-khau' },
  { username: 'web.auditor', role: 'auditor', area: 'vn2022:79', password: 'kiem-toan-mat-khau' },
];
const account = (name) => accounts.find((a) => a.username === name);

function check(condition, message) {
  if (!condition) throw new Error(message);
}
// "Nguyễn Văn Đức" → "nguyen van duc": what a user types without diacritics.
function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

const tmp = tempDir();
let postgres;
let server;
let browser;
const results = [];
try {
  console.log(`web tests: generating and importing the test area (Quận 11, 10,000 persons) on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`);
  if (onPostgres) postgres = postgresDatabase(process.env.PHONGDICH_TEST_POSTGRES_URL);
  const db = prepareDatabase({ binary, dir: tmp.dir, db: postgres?.url, area: Q11, persons: 10000, accounts, asOf: TODAY });
  server = await startServer({ binary, db, webDir, today: TODAY });
  const base = server.base;
  console.log(`web tests: server at ${base}`);
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });

  // The people the scenarios work on, found through the API.
  const districtApi = await apiLogin(base, 'web.quan11', account('web.quan11').password);
  const due = await districtApi(`/api/v1/due-lists/${P15}?only=due&limit=200`);
  const candidates = [];
  for (const e of due.items) {
    if (e.next_due > TODAY || !e.products.length) continue;
    const record = await districtApi(`/api/v1/persons/${e.person_id}`);
    if (record.status.last_dose_date) candidates.push({ entry: e, record });
    if (candidates.length === 2) break;
  }
  check(candidates.length === 2, 'the test area has no two due persons with doses in Phường 15');
  const [alice, bob] = candidates;
  const other = (await districtApi(`/api/v1/persons?area=${P14}&limit=1`)).items[0];
  check(other, 'no person in Phường 14');
  // The person who becomes a case (F0) in the surveillance scenarios: in Phường 15, not Alice or Bob.
  const patient = (await districtApi(`/api/v1/persons?area=${P15}&limit=20`)).items.find(
    (p) => p.id !== alice.entry.person_id && p.id !== bob.entry.person_id,
  );
  check(patient, 'no third person in Phường 15');

  async function withPage(user, fn, viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => {
      // Refusals (401, 403, 404, 422) are answers the pages show; anything else is a fault.
      if (m.type() === 'error' && !/the server responded with a status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    try {
      if (user) await login(page, user);
      await fn(page);
      // A CSP refusal (inline style or script) or a script error fails the scenario.
      check(problems.length === 0, `browser console errors: ${problems.join(' | ')}`);
    } finally {
      await context.close();
    }
  }
  async function login(page, username) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(account(username).password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForSelector('[data-testid=user-name]');
  }
  async function shot(page, name) {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
  async function dashboardNumbers(page, area) {
    await page.goto(`${base}/dashboard/${area}`);
    await page.waitForSelector('[data-testid=dashboard]');
    // The doses-per-week table only: the epidemic section, painted a moment
    // later, has tables of its own under <details>.
    const weeks = await page.$$eval('[aria-labelledby=weeks-h] details table tbody tr', (rows) => rows.map((r) => r.lastElementChild.textContent));
    return {
      ages: await page.textContent('.two-col section:first-child table'),
      targets: await page.textContent('[data-testid=targets]'),
      lastWeek: Number((weeks.at(-1) ?? '0').replace(/\D/g, '')),
    };
  }

  // An epidemic in Quận 11 through the API: a hospital with its occupancy, and
  // cases over the last six weeks, growing, most in Phường 14, some imported;
  // hospital care, so that no home-care check is due. One death in Phường 14
  // in the last complete week raises T7 there.
  let epidemicMade = false;
  async function createEpidemic(apiOf) {
    if (epidemicMade) return;
    epidemicMade = true;
    await apiOf.post('/api/v1/facilities', { code: 'BV-Q11', name: 'Bệnh viện Quận 11', area: Q11, kind: 'hospital', beds: 120, icu_beds: 12, oxygen_beds: 40 });
    await apiOf.post('/api/v1/facilities/BV-Q11/occupancy', { date: TODAY, occupied_beds: 90, occupied_icu_beds: 7, patients_on_oxygen: 25 });
    // Two stations declare their home-care capacity (T8): Phường 15's is ample, Phường 14's short.
    await apiOf.post('/api/v1/facilities', { code: 'TYT-P15', name: 'Trạm Y tế Phường 15', area: P15, kind: 'commune_station', home_care_households: 100000 });
    await apiOf.post('/api/v1/facilities', { code: 'TYT-P14', name: 'Trạm Y tế Phường 14', area: P14, kind: 'commune_station', home_care_households: 1 });
    const taken = new Set([alice.entry.person_id, bob.entry.person_id, patient.id]);
    const people = [
      ...(await apiOf(`/api/v1/persons?area=${P14}&limit=160`)).items,
      ...(await apiOf(`/api/v1/persons?area=${Q11}&limit=400`)).items.filter((p) => p.area !== P15 && p.area !== P14),
    ].filter((p) => !taken.has(p.id));
    const plan = [];
    for (let k = 0; k < 42; k++) {
      const date = new Date(Date.parse(TODAY) - (41 - k) * 86400e3).toISOString().slice(0, 10);
      const count = 1 + Math.floor(k / 6);
      for (let j = 0; j < count; j++) plan.push({ date, imported: (k + j) % 9 === 0, inP14: j % 3 !== 2 });
    }
    const inP14 = people.filter((p) => p.area === P14);
    const elsewhere = people.filter((p) => p.area !== P14);
    const work = plan.map((c) => ({ ...c, person: (c.inP14 && inP14.length ? inP14 : elsewhere).shift() ?? (inP14.length ? inP14 : elsewhere).shift() }));
    check(work.every((w) => w.person), `not enough persons for ${work.length} cases`);
    const made = [];
    for (let i = 0; i < work.length; i += 8) {
      await Promise.all(
        work.slice(i, i + 8).map(async (w) => {
          await apiOf.post(`/api/v1/persons/${w.person.id}/tests`, { kind: 'rt_pcr', sample_date: w.date, result_date: w.date, outcome: 'positive' });
          const answer = await apiOf.post('/api/v1/cases', { person_id: w.person.id, care: 'hospital', place: 'BV-Q11', imported: w.imported });
          made.push({ ...w, id: answer.case.id });
        }),
      );
    }
    const lastWeek = made.find((m) => m.person.area === P14 && m.date === '2022-09-06');
    check(lastWeek, 'no case in Phường 14 on 2022-09-06');
    await apiOf.post(`/api/v1/cases/${lastWeek.id}/steps`, { date: '2022-09-09', state: 'died' });
    console.log(`      (${made.length} cases made through the API)`);
  }

  const scenarios = {
    'log in; the role and area are shown, and what the role may not do is not offered': async () => {
      await withPage(null, async (page) => {
        await page.goto(`${base}/`);
        await page.waitForSelector('form.login');
        await shot(page, 'login');
        await page.getByLabel('Tên đăng nhập').fill('web.quan11');
        await page.getByLabel('Mật khẩu').fill('sai-mat-khau-roi');
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.waitForSelector('[data-testid=error]');
        await page.getByLabel('Mật khẩu').fill(account('web.quan11').password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.waitForSelector('[data-testid=dashboard]');
        check((await page.textContent('[data-testid=user-role]')).includes('quận/huyện'), 'role not shown');
        await page.waitForFunction(() => document.querySelector('[data-testid=user-area]')?.textContent === 'Quận 11');
        const nav = await page.textContent('nav[aria-label]');
        check(nav.includes('Tra cứu') && !nav.includes('Tài khoản') && !nav.includes('Nhật ký'), `nav offers too much: ${nav}`);
        await page.goto(`${base}/admin/users`);
        await page.waitForSelector('[data-testid=error]');
      });
    },

    'dashboard drills down to a commune and back, with charts and tables': async () => {
      await withPage('web.quan11', async (page) => {
        await page.waitForSelector('[data-testid=dashboard]');
        check((await page.textContent('h1')).includes('Quận 11'), 'not the district dashboard');
        check((await page.$$('svg.chart')).length >= 3, 'charts missing');
        const children = await page.$$('[data-testid=children] tbody tr');
        check(children.length === 10, `expected 10 wards, got ${children.length}`);
        check((await page.$$('[data-testid=behind] tbody tr')).length > 0, 'no communes behind');
        await shot(page, 'dashboard');
        await page.click('[data-testid=children] a:text-is("Phường 15")');
        await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Phường 15'));
        check((await page.$$('[data-testid=children]')).length === 0, 'a commune has no child areas');
        await page.click('.breadcrumb a:text-is("Quận 11")');
        await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Quận 11'));
        // Above the user's own area the breadcrumb is text, not a link.
        check((await page.$$('.breadcrumb a:text-is("Thành phố Hồ Chí Minh")')).length === 0, 'province linked for a district user');
      });
    },

    'search finds a person by name without diacritics and by citizen ID': async () => {
      await withPage('web.quan11', async (page) => {
        const name = alice.record.person.full_name;
        await page.click('nav a:text-is("Tra cứu đối tượng")');
        await page.fill('[data-testid=search-input]', fold(name));
        await page.press('[data-testid=search-input]', 'Enter');
        await page.waitForSelector(`[data-testid=search-table] a[href="/persons/${alice.entry.person_id}"]`);
        await shot(page, 'search');
        const cid = alice.record.person.citizen_id;
        if (cid) {
          await page.fill('[data-testid=search-input]', cid);
          await page.press('[data-testid=search-input]', 'Enter');
          await page.waitForFunction(
            (id) => document.querySelectorAll('[data-testid=search-table] tbody tr').length === 1 && !!document.querySelector(`a[href="/persons/${id}"]`),
            alice.entry.person_id,
          );
        }
        const phone = alice.record.person.phone;
        if (phone) {
          await page.fill('[data-testid=search-input]', phone);
          await page.press('[data-testid=search-input]', 'Enter');
          await page.waitForSelector(`[data-testid=search-table] a[href="/persons/${alice.entry.person_id}"]`);
        }
      });
    },

    'a valid dose is recorded and the dashboard coverage changes': async () => {
      await withPage('web.quan11', async (page) => {
        const before = await dashboardNumbers(page, P15);
        await page.goto(`${base}/persons/${alice.entry.person_id}`);
        await page.waitForSelector('[data-testid=person]');
        const doses = (await page.$$('[data-testid=doses] tbody tr')).length;
        await page.fill('[data-testid=dose-date]', TODAY);
        await page.selectOption('[data-testid=dose-product]', alice.entry.products[0]);
        await page.click('[data-testid=dose-submit]');
        await page.waitForSelector('.notice.ok');
        const after = (await page.$$('[data-testid=doses] tbody tr')).length;
        check(after === doses + 1, `doses ${doses} → ${after}`);
        await shot(page, 'person');
        const now = await dashboardNumbers(page, P15);
        check(now.lastWeek === before.lastWeek + 1, `doses this week ${before.lastWeek} → ${now.lastWeek}`);
        check(now.ages !== before.ages, 'the age-group coverage did not change');
      });
    },

    'an invalid dose is refused with the answer beside the field; an officer may override with a reason': async () => {
      await withPage('web.quan11', async (page) => {
        // The same day again: refused, and no override offered for a data error.
        await page.goto(`${base}/persons/${alice.entry.person_id}`);
        await page.waitForSelector('[data-testid=person]');
        const doses = (await page.$$('[data-testid=doses] tbody tr')).length;
        await page.fill('[data-testid=dose-date]', TODAY);
        await page.click('[data-testid=dose-submit]');
        await page.waitForSelector('.field.invalid .field-error, [data-testid=dose-result] .notice.error');
        check((await page.$$('[data-testid=doses] tbody tr')).length === doses, 'an invalid dose was stored');
        // Too soon after the last dose: a schedule rule, which a district officer may override.
        const last = bob.record.status.last_dose_date;
        const soon = new Date(Date.parse(last) + 7 * 86400e3).toISOString().slice(0, 10);
        await page.goto(`${base}/persons/${bob.entry.person_id}`);
        await page.waitForSelector('[data-testid=person]');
        const bobDoses = (await page.$$('[data-testid=doses] tbody tr')).length;
        await page.fill('[data-testid=dose-date]', soon);
        await page.click('[data-testid=dose-submit]');
        await page.waitForSelector('.field.invalid .field-error');
        const beside = await page.textContent('.field.invalid .field-error');
        check(beside.trim().length > 0, 'no message beside the field');
        await page.waitForSelector('[data-testid=override-submit]', { state: 'visible' });
        await shot(page, 'dose-invalid');
        await page.click('[data-testid=override-submit]');
        await page.waitForSelector('.field.invalid [data-testid=override-reason]');
        await page.fill('[data-testid=override-reason]', 'nhập bù từ sổ giấy');
        await page.click('[data-testid=override-submit]');
        await page.waitForSelector('.notice.ok');
        check((await page.$$('[data-testid=doses] tbody tr')).length === bobDoses + 1, 'the overridden dose is missing');
        check((await page.textContent('[data-testid=doses]')).includes('nhập bù từ sổ giấy'), 'the reason is not shown');
      });
    },

    'a commune user is not offered an override': async () => {
      await withPage('web.phuong15', async (page) => {
        await page.goto(`${base}/persons/${bob.entry.person_id}`);
        await page.waitForSelector('[data-testid=person]');
        await page.fill('[data-testid=dose-date]', bob.record.status.last_dose_date);
        await page.click('[data-testid=dose-submit]');
        await page.waitForSelector('.field.invalid .field-error, [data-testid=dose-result] .notice.error');
        check(!(await page.isVisible('[data-testid=override-submit]')), 'override offered to commune staff');
      });
    },

    'a person is registered in the commune and shown with no doses': async () => {
      await withPage('web.phuong15', async (page) => {
        await page.goto(`${base}/registry/new`);
        await page.fill('[data-testid=reg-name]', 'Tôn Nữ Thị Hoàng Bảo Ngọc Trâm');
        await page.selectOption('[data-testid=reg-sex]', 'female');
        await page.fill('[data-testid=reg-birth]', '1985-03-04');
        // A citizen ID that disagrees with the sex and birth year: the answer is beside the field.
        await page.fill('[data-testid=reg-cid]', '079090123456');
        await page.click('[data-testid=reg-submit]');
        await page.waitForSelector('.field.invalid [data-testid=reg-cid]');
        await page.fill('[data-testid=reg-cid]', '');
        await page.click('[data-testid=reg-submit]');
        await page.waitForSelector('[data-testid=person]');
        check((await page.textContent('h1')).includes('Tôn Nữ Thị Hoàng Bảo Ngọc Trâm'), 'not the new person');
        await page.waitForSelector('[data-testid=no-doses]');
      });
    },

    'work lists export to CSV and XLSX with every row': async () => {
      await withPage('web.phuong15', async (page) => {
        await page.click('nav a:text-is("Danh sách cần tiêm")');
        await page.waitForSelector('[data-testid=worklist]');
        await shot(page, 'worklist');
        const total = Number((await page.textContent('.pager span')).split('/')[1].replace(/\D/g, ''));
        check(total > 0, 'empty due list');
        const firstName = await page.textContent('[data-testid=due-table] tbody tr:first-child a');
        const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
        const csvText = readFileSync(await csvDownload.path(), 'utf8');
        check(csvText.startsWith('\uFEFFHọ và tên,'), `CSV header: ${csvText.slice(0, 40)}`);
        const lines = csvText.trimEnd().split('\r\n');
        check(lines.length === total + 1, `CSV has ${lines.length - 1} rows, the list ${total}`);
        check(csvText.includes(firstName), 'CSV lacks the first person');
        const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
        check(xlsxDownload.suggestedFilename().endsWith('.xlsx'), 'not an .xlsx name');
        const entries = readZip(readFileSync(await xlsxDownload.path()));
        for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']) {
          check(entries.has(part), `XLSX lacks ${part}`);
        }
        const sheet = entries.get('xl/worksheets/sheet1.xml').toString('utf8');
        check((sheet.match(/<row /g) ?? []).length === total + 1, 'XLSX row count');
        check(sheet.includes(firstName.replace(/&/g, '&amp;')), 'XLSX lacks the first person');
      });
    },

    "a commune user cannot reach another commune's people": async () => {
      await withPage('web.phuong15', async (page) => {
        const nav = await page.textContent('nav[aria-label]');
        check(!nav.includes('Tài khoản'), 'commune staff offered user administration');
        await page.goto(`${base}/persons/${other.id}`);
        await page.waitForSelector('[data-testid=error]');
        check(!(await page.isVisible('[data-testid=person]')), "another commune's person shown");
        await page.goto(`${base}/worklists/${P14}`);
        await page.waitForSelector('[data-testid=error]');
        await page.goto(`${base}/dashboard/${P14}`);
        await page.waitForSelector('[data-testid=error]');
        await page.goto(`${base}/registry?q=nguyen`);
        await page.waitForSelector('[data-testid=search-table]');
        const areas = await page.$$eval('[data-area]', (els) => els.map((e) => e.getAttribute('data-area')));
        check(areas.length > 0 && areas.every((a) => a === P15), `search reached other communes: ${[...new Set(areas)]}`);
      });
    },

    'a CSV import shows its summary and the rejected rows': async () => {
      await withPage('web.phuong15', async (page) => {
        await page.click('nav a:text-is("Nhập dữ liệu")');
        const csvBody =
          'person_ref,full_name,sex,birth_date,commune_code\n' +
          'web-test-1,Trần Thị Bích Ngọc Hoàng Phương Thảo,F,1990-04-05,27208\n' +
          'web-test-2,Lê Văn Sai,M,2999-01-01,27208\n';
        await page.setInputFiles('[data-testid=import-file]', { name: 'persons.csv', mimeType: 'text/csv', buffer: Buffer.from(csvBody) });
        await page.click('[data-testid=import-submit]');
        await page.waitForSelector('[data-testid=import-errors]');
        check((await page.textContent('[data-testid=rows-imported]')).trim() === '1', 'imported count');
        check((await page.textContent('[data-testid=rows-rejected]')).trim() === '1', 'rejected count');
        check((await page.textContent('[data-testid=import-errors]')).includes('birth_date'), 'the error names the field');
        await shot(page, 'import');
      });
    },

    'administration and audit pages for their roles': async () => {
      await withPage('web.admin', async (page) => {
        await page.waitForSelector('[data-testid=users-table]');
        check((await page.textContent('[data-testid=users-table]')).includes('web.phuong15'), 'user list');
        const nav = await page.textContent('nav[aria-label]');
        check(!nav.includes('Tra cứu') && !nav.includes('Tổng quan'), `administrator offered health data: ${nav}`);
        await shot(page, 'users');
      });
      await withPage('web.auditor', async (page) => {
        await page.waitForSelector('[data-testid=audit-search]');
        await page.click('[data-testid=audit-search]');
        await page.waitForSelector('[data-testid=audit-table]');
        check((await page.textContent('[data-testid=audit-table]')).includes('dose.create'), 'audit lacks the dose');
        await shot(page, 'audit');
      });
    },

    'English on a phone screen: long names do not widen the page': async () => {
      await withPage(
        'web.quan11',
        async (page) => {
          await page.click('[data-testid=lang]');
          await page.waitForFunction(() => document.querySelector('nav[aria-label]')?.textContent?.includes('Dashboard'));
          check((await page.getAttribute('html', 'lang')) === 'en', 'lang attribute');
          const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          await page.waitForSelector('[data-testid=dashboard]');
          check((await overflow()) <= 0, `dashboard wider than the phone by ${await overflow()}px`);
          await shot(page, 'dashboard-phone');
          await page.goto(`${base}/registry?q=${encodeURIComponent('Trần Thị Bích Ngọc Hoàng Phương Thảo')}`);
          await page.waitForSelector('[data-testid=search-count]');
          check((await overflow()) <= 0, `search wider than the phone by ${await overflow()}px`);
          await page.goto(`${base}/persons/${alice.entry.person_id}`);
          await page.waitForSelector('[data-testid=person]');
          check((await overflow()) <= 0, `person page wider than the phone by ${await overflow()}px`);
          await page.click('[data-testid=lang]');
          await page.waitForFunction(() => document.querySelector('nav[aria-label]')?.textContent?.includes('Tổng quan'));
        },
        { width: 390, height: 844 },
      );
    },

    'a case is registered from a test result, with the case definition answered beside the tests': async () => {
      await withPage('web.phuong15', async (page) => {
        // The commune's own dashboard has its epidemic section too (one commune, one level).
        await page.waitForSelector('[data-testid=epidemic][data-loaded=true]');
        check((await page.$$('[data-testid=level-tile]')).length === 1, 'a commune shows one level');
        const nav = await page.textContent('nav[aria-label]');
        check(nav.includes('Ca bệnh') && nav.includes('Cảnh báo') && nav.includes('Cơ sở điều trị'), `surveillance not offered: ${nav}`);
        await page.click('nav a:text-is("Ca bệnh (F0)")');
        await page.waitForSelector('[data-testid=cases]');
        await page.click('[data-testid=case-new]');
        await page.fill('[data-testid=case-search]', fold(patient.full_name));
        await page.press('[data-testid=case-search]', 'Enter');
        await page.click(`[data-testid=case-search-results] a[href="/cases/new?person=${patient.id}"]`);
        await page.waitForSelector('[data-testid=case-person]');
        // No test yet: refused, and the answer is beside the tests.
        await page.click('[data-testid=case-submit]');
        await page.waitForFunction(() => document.querySelector('[data-testid=tests-error]')?.textContent?.trim());
        // A positive rapid test alone does not meet the definition either (1909/BYT-DP).
        await page.selectOption('[data-testid=test-kind]', 'rapid_antigen');
        await page.selectOption('[data-testid=test-outcome]', 'positive');
        await page.click('[data-testid=test-submit]');
        await page.waitForSelector('[data-testid=tests-table] tbody tr');
        await page.click('[data-testid=case-submit]');
        await page.waitForFunction(() => /1909/.test(document.querySelector('[data-testid=tests-error]')?.textContent ?? ''));
        await shot(page, 'case-register');
        // A close contact with a positive rapid test is a case.
        await page.check('[data-testid=case-close_contact]');
        await page.click('[data-testid=case-submit]');
        await page.waitForSelector('[data-testid=case]');
        check((await page.textContent('h1')).includes(patient.full_name), 'not the new case');
        check((await page.textContent('[data-testid=case-state]')).includes('tại nhà'), 'the case is not in home care');
        await page.waitForSelector('[data-testid=no-observations]');
      });
    },

    'a home-care check with SpO2 93 shows the danger sign at once, and the alert is acknowledged': async () => {
      const cases = await districtApi(`/api/v1/cases?area=${P15}&only=active`);
      const mine = cases.items.find((c) => c.person_id === patient.id);
      check(mine, 'the case of the previous scenario is missing');
      await withPage(
        'web.phuong15',
        async (page) => {
          await page.goto(`${base}/cases/${mine.id}`);
          await page.click('[data-testid=new-check]');
          await page.waitForSelector('[data-testid=care-check]');
          check((await page.getAttribute('[data-testid=check-spo2]', 'inputmode')) === 'numeric', 'SpO2 without a numeric keypad');
          await page.fill('[data-testid=check-spo2]', '93');
          await page.fill('[data-testid=check-pulse]', '96');
          await page.fill('[data-testid=check-temperature]', '37,8');
          await page.check('[data-testid=sym-cough]');
          await page.click('[data-testid=check-submit]');
          await page.waitForSelector('[data-testid=danger-signs]');
          const signs = await page.textContent('[data-testid=danger-signs]');
          check(/SpO2 93%/.test(signs), `the SpO2 danger sign is not shown: ${signs}`);
          check(
            (await page.$eval('[data-testid=danger-signs]', (el) => getComputedStyle(el).color)) === 'rgb(164, 22, 26)',
            'the danger signs are not red',
          );
          check((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, 'the check is wider than the phone');
          await shot(page, 'care-check');
          // The station sees it in its alert list, and acknowledges it with a note.
          await page.click('nav a:text-is("Cảnh báo")');
          await page.waitForSelector('[data-testid=alerts-page]');
          const card = page.locator(`[data-testid=alert].danger_sign:has(a[href="/cases/${mine.id}"])`);
          await card.waitFor();
          check((await card.textContent()).includes('SpO2'), 'the alert does not name the sign');
          await page.waitForFunction((name) => document.body.textContent.includes(name), patient.full_name);
          await card.locator('[data-testid=alert-note]').fill('đã gọi điện, hướng dẫn nằm sấp, đo lại SpO2');
          await shot(page, 'alerts');
          await card.locator('[data-testid=alert-ack]').click();
          await page.waitForFunction(
            (id) => document.querySelector(`[data-testid=alert].danger_sign.acknowledged a[href="/cases/${id}"]`),
            mine.id,
          );
          check((await card.textContent()).includes('đã gọi điện'), 'the note is not shown');
          await page.goto(`${base}/alerts?state=acknowledged`);
          await page.waitForSelector(`[data-testid=alert].acknowledged a[href="/cases/${mine.id}"]`);
          // The check is on the case page.
          await page.goto(`${base}/cases/${mine.id}`);
          await page.waitForSelector('[data-testid=observations]');
          check((await page.textContent('[data-testid=observations]')).includes('93%'), 'the check is not on the case page');
          // A danger sign puts the patient in the top risk group; the page says when isolation may end.
          check((await page.textContent('[data-testid=case-risk]')).includes('Rất cao'), `risk group: ${await page.textContent('[data-testid=case-risk]')}`);
          check(/kết thúc cách ly/i.test(await page.textContent('[data-testid=case-isolation]')), 'the end of isolation is not explained');
          await shot(page, 'case');
        },
        { width: 390, height: 844 },
      );
    },

    'a patient enters their own check from a phone, and sees no staff pages': async () => {
      const cases = await districtApi(`/api/v1/cases?area=${P15}&only=active`);
      const mine = cases.items.find((c) => c.person_id === patient.id);
      check(mine, 'the case of the registration scenario is missing');
      const used = (await districtApi(`/api/v1/cases/${mine.id}/observations`)).items.map((o) => o.half);
      const half = used.includes('morning') ? 'afternoon' : 'morning';
      const adminApi = await apiLogin(base, 'web.admin', account('web.admin').password);
      const citizen = { username: 'web.benhnhan', role: 'citizen', area: P15, password: 'benh-nhan-mat-khau' };
      await adminApi.post('/api/v1/users', { ...citizen, person_id: patient.id });
      accounts.push(citizen);
      await withPage(
        'web.benhnhan',
        async (page) => {
          const nav = await page.textContent('nav[aria-label]');
          check(!/Ca bệnh|Cảnh báo|Cơ sở điều trị|Tổng quan/.test(nav), `a citizen offered staff pages: ${nav}`);
          await page.goto(`${base}/cases/${mine.id}/check`);
          await page.waitForSelector('[data-testid=care-check]');
          await page.click(`label[for=half-${half}]`);
          await page.fill('[data-testid=check-spo2]', '98');
          await page.fill('[data-testid=check-pulse]', '82');
          await page.fill('[data-testid=check-temperature]', '36,9');
          await page.click('[data-testid=check-submit]');
          await page.waitForSelector('[data-testid=check-ok]');
          check((await page.$$('[data-testid=danger-signs]')).length === 0, 'danger signs for normal values');
          await page.goto(`${base}/alerts`);
          await page.waitForSelector('[data-testid=error]');
        },
        { width: 390, height: 844 },
      );
      const checks = (await districtApi(`/api/v1/cases/${mine.id}/observations`)).items;
      check(checks.some((o) => o.entered_by === 'patient' && o.spo2 === 98), 'the patient\'s check is not stored as theirs');
    },

    'the dashboard shows the week\'s levels with their reasons, the curve with Rt, T7 and the capacity': async () => {
      await createEpidemic(districtApi);
      await withPage('web.quan11', async (page) => {
        await page.waitForSelector('[data-testid=dashboard]');
        await page.waitForSelector('[data-testid=epidemic][data-loaded=true]');
        const painted = await page.getAttribute('[data-testid=dashboard]', 'data-view-ms');
        const loaded = await page.getAttribute('[data-testid=epidemic]', 'data-load-ms');
        console.log(`      (coverage painted ${painted} ms after the request; epidemic section ${loaded} ms after that)`);
        const tiles = page.locator('[data-testid=level-tile]');
        check((await tiles.count()) === 10, `expected 10 wards with a level, got ${await tiles.count()}`);
        const levels = await tiles.evaluateAll((els) => els.map((e) => Number(e.dataset.level)));
        check(levels.every((l) => l >= 1 && l <= 4) && new Set(levels).size > 1, `levels: ${levels}`);
        // The reasons on hover (and on focus).
        const first = tiles.first();
        await first.hover();
        const tip = page.locator('.level-tile:first-child [data-testid=level-reasons]');
        await tip.waitFor({ state: 'visible' });
        check(/C1/.test(await tip.textContent()), `no reasons on hover: ${await tip.textContent()}`);
        check(/nguy cơ/.test(await tip.textContent()), 'the level is not named');
        const bg = await first.evaluate((el) => getComputedStyle(el).backgroundColor);
        check(bg === 'rgb(179, 38, 30)' || bg === 'rgb(224, 123, 36)' || bg === 'rgb(242, 193, 78)' || bg === 'rgb(46, 125, 79)', `tile colour ${bg}`);
        const rt = await page.textContent('[data-testid=rt-latest]');
        check(/Rt gần nhất .*: \d+,\d\d \(95%: \d+,\d\d – \d+,\d\d\)/.test(rt), `no Rt: ${rt}`);
        check((await page.$$('svg.curve .rt-line')).length === 1 && (await page.$$('svg.curve .rt-band')).length === 1, 'no Rt line and band');
        check((await page.$$('svg.curve .c-local')).length > 20, 'no daily bars');
        check((await page.$$('svg.curve .c-imported')).length > 0, 'no imported cases');
        check(/Cori/.test(await page.textContent('[data-testid=rt-method]')), 'the method is not stated');
        await page.waitForSelector('[data-testid=t7-alert]');
        check((await page.textContent('[data-testid=t7-alert]')).includes('Phường 14'), 'T7 does not name Phường 14');
        check((await page.textContent('[data-testid=capacity]')).includes('90 / 120'), 'the beds in use against capacity are not shown');
        check((await page.$$('[data-testid=capacity] svg.chart')).length === 1, 'no capacity chart');
        const t8 = await page.textContent('[data-testid=t8-summary]');
        check(/^1 \/ 2 /.test(t8), `T8 is not assessed for the two wards with a station: ${t8}`);
        const short = await page.textContent('[data-testid=t8-short]');
        check(short.includes('Phường 14') && !short.includes('Phường 15'), `the ward short of T8 is not listed: ${short}`);
        if (shots) await page.locator('[data-testid=epidemic]').screenshot({ path: join(shots, 'dashboard-epidemic.png') });
      });
      // On a phone, a tap opens the reasons inside the tile, and nothing is wider than the screen.
      await withPage(
        'web.quan11',
        async (page) => {
          await page.waitForSelector('[data-testid=epidemic][data-loaded=true]');
          const tile = page.locator('[data-testid=level-tile]').nth(3);
          await tile.click();
          check((await tile.getAttribute('aria-expanded')) === 'true', 'the tap did not open the reasons');
          await page.locator('.level-tile.open [data-testid=level-reasons]').waitFor({ state: 'visible' });
          check((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, 'the epidemic section is wider than the phone');
        },
        { width: 390, height: 844 },
      );
    },

    'facilities show capacity and occupancy; an occupancy report changes them': async () => {
      await withPage('web.quan11', async (page) => {
        await page.click('nav a:text-is("Cơ sở điều trị")');
        await page.waitForSelector('[data-testid=facilities-table]');
        const row = page.locator('[data-testid=facilities-table] tbody tr:has-text("BV-Q11")');
        check((await row.textContent()).includes('90 / 120'), `occupancy: ${await row.textContent()}`);
        await page.selectOption('[data-testid=occ-facility]', 'BV-Q11');
        await page.fill('[data-testid=occ-date]', TODAY);
        await page.fill('[data-testid=fac-occupied_beds]', '96');
        await page.fill('[data-testid=fac-occupied_icu_beds]', 'mười');
        await page.fill('[data-testid=fac-patients_on_oxygen]', '30');
        await page.click('[data-testid=occ-submit]');
        await page.waitForSelector('.field.invalid [data-testid=fac-occupied_icu_beds]');
        await page.fill('[data-testid=fac-occupied_icu_beds]', '10');
        await page.click('[data-testid=occ-submit]');
        await page.waitForFunction(() =>
          document.querySelector('[data-testid=facilities-table] tbody tr')?.textContent?.includes('96 / 120'),
        );
        await shot(page, 'facilities');
      });
      await withPage('web.admin', async (page) => {
        const nav = await page.textContent('nav[aria-label]');
        check(!/Ca bệnh|Cảnh báo|Cơ sở điều trị/.test(nav), `administrator offered surveillance: ${nav}`);
        await page.goto(`${base}/alerts`);
        await page.waitForSelector('[data-testid=error]');
      });
    },

    'the server keeps the API and the pages apart, and no path leaves web/dist': async () => {
      const page = await fetch(`${base}/registry/anything`);
      check(page.status === 200 && (page.headers.get('content-type') ?? '').startsWith('text/html'), 'SPA fallback');
      check(page.headers.get('cache-control') === 'no-store', 'index.html must not be cached');
      check(page.headers.get('content-security-policy') === "default-src 'self'; frame-ancestors 'none'", 'CSP');
      const html = await page.text();
      check(!/<script>|style=/.test(html), 'inline script or style in index.html');
      const asset = /\/assets\/[^"]+\.js/.exec(html)[0];
      const js = await fetch(`${base}${asset}`);
      check(js.headers.get('cache-control')?.includes('immutable'), 'hashed assets are cacheable');
      // Raw request targets: fetch() would resolve the dot segments before sending.
      for (const bad of ['/..%2f..%2fetc/passwd', '/assets/..%2f..%2f..%2fCMakeLists.txt', '/%2e%2e/%2e%2e/README.md', '/../../README.md']) {
        const body = await rawGet(base, bad);
        check(!body.includes('root:') && !body.includes('cmake_minimum_required') && !body.includes('phòng dịch'), `traversal through ${bad}`);
      }
      check((await fetch(`${base}/api/v1/nothing-here`)).status === 404, 'unknown API paths stay 404 JSON');
      check((await fetch(`${base}/health`)).headers.get('content-type') === 'application/json', 'probes untouched');
    },
  };

  for (const [name, fn] of Object.entries(scenarios)) {
    if (only && !only.test(name)) continue;
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`ok    ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(`FAIL  ${name}\n      ${String(error.stack ?? error).split('\n').slice(0, 4).join('\n      ')}`);
    }
  }
} catch (error) {
  console.error(`web tests: setup failed: ${error.stack ?? error}`);
  results.push({ name: 'setup', ok: false });
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  postgres?.drop();
  tmp.remove();
}

const failed = results.filter((r) => !r.ok);
console.log(`web tests: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length || results.length === 0 ? 1 : 0);

// The entries of a ZIP file, each checked against its CRC-32 (store-only, as xlsx.ts writes).
function readZip(buffer) {
  const entries = new Map();
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  check(end >= 0, 'no ZIP end record');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    check(buffer.readUInt32LE(at) === 0x02014b50, 'bad central directory');
    const crc = buffer.readUInt32LE(at + 16);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    check(buffer.readUInt32LE(local) === 0x04034b50, `bad local header of ${name}`);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    check(crc32(data) === crc, `CRC-32 of ${name}`);
    entries.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

function rawGet(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

// CRC-32 (IEEE), written out: zlib.crc32 only exists from Node 20.15.
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
