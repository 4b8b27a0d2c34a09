// ISO weeks and day arithmetic (src/dates.ts), which pick the week of the
// epidemic levels the dashboard asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');
const out = buildSync({ entryPoints: [join(src, 'dates.ts')], bundle: true, format: 'esm', write: false, platform: 'neutral' });
const { isoWeek, addDays } = await import(`data:text/javascript,${encodeURIComponent(out.outputFiles[0].text)}`);

test('the ISO week of a date, across year ends', () => {
  const cases = [
    ['2022-09-08', '2022-W36'],
    ['2022-09-11', '2022-W36'], // Sunday ends the week
    ['2022-09-12', '2022-W37'],
    ['2022-01-02', '2021-W52'], // a Sunday counted in the previous year
    ['2022-01-03', '2022-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2019-12-30', '2020-W01'], // a Monday counted in the next year
    ['2022-02-06', '2022-W05'],
  ];
  for (const [date, week] of cases) assert.equal(isoWeek(date), week, date);
});

test('days are added on the calendar, across months and leap days', () => {
  assert.equal(addDays('2022-09-15', -7), '2022-09-08');
  assert.equal(addDays('2022-03-01', -1), '2022-02-28');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2022-12-31', 1), '2023-01-01');
});
