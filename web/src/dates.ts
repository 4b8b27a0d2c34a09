// Calendar arithmetic on ISO dates ("2022-09-15"), in UTC so that the
// browser's time zone never moves a day.

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The ISO 8601 week of a date, "2022-W36": weeks start on Monday, and the
// week's Thursday decides its year (so 2021-01-03 is in 2020-W53).
export function isoWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  const dayOfYear = Math.round((d.getTime() - Date.UTC(year, 0, 1)) / 86400e3);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}
