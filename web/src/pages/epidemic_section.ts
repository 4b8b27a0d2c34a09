// The dashboard's epidemic section: the last complete ISO week of the area
// (cases, hospital, oxygen, deaths, tests; the T7 deaths alert), the level of
// each commune coloured green / yellow / orange / red with the reasons behind
// it on hover, focus or tap, the daily curve with Rt and its 95% interval, and
// the facilities' occupancy against their capacity. It is loaded after the
// coverage part is on screen, so the dashboard's first render does not wait.
import { api, query, type EpidemicCurve, type Facility, type Indicators } from '../api';
import { epidemicCurve, legend, type Series } from '../charts';
import { formatDate, formatNumber, h, uid } from '../dom';
import { locale, t } from '../i18n';
import { addDays, isoWeek } from '../dates';
import { errorBox, message, table } from '../ui';
import { capacityChart, capacityTotals } from './facilities';

export function epidemicSection(areaId: string, asOf: string): { section: HTMLElement; load: () => Promise<void> } {
  const body = h('div', null, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  const section = h(
    'section',
    { 'aria-labelledby': 'epi-h', class: 'epidemic', 'data-testid': 'epidemic' },
    h('h2', { id: 'epi-h' }, t('epi.title')),
    body,
  );
  const load = async () => {
    const started = performance.now();
    const area = encodeURIComponent(areaId);
    // The last complete week as of the date shown (the server's default without a date).
    const week = asOf ? isoWeek(addDays(asOf, -7)) : '';
    try {
      const [indicators, curve, facilities] = await Promise.all([
        api<Indicators>(`/api/v1/indicators/${area}${query({ week })}`),
        api<EpidemicCurve>(`/api/v1/epidemic/${area}${query({ to: asOf })}`),
        api<{ items: Facility[] }>(`/api/v1/facilities${query({ area: areaId, as_of: asOf })}`),
      ]);
      body.replaceChildren(
        weekPanel(indicators),
        levelsPanel(indicators),
        curvePanel(curve),
        capacityPanel(facilities.items, indicators),
      );
      section.setAttribute('data-loaded', 'true');
      // How long the section took, for the tests and bench/web_run.mjs.
      section.setAttribute('data-load-ms', String(Math.round(performance.now() - started)));
    } catch (error) {
      body.replaceChildren(errorBox(error));
      section.setAttribute('data-loaded', 'error');
    }
  };
  return { section, load };
}

const per100k = (x: number) => x.toLocaleString(locale() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });

function weekPanel(w: Indicators): HTMLElement {
  const L = locale();
  const n = (x: number) => formatNumber(x, L);
  const c = w.counts;
  const r = w.per_100k;
  const alerted = w.communes.filter((x) => x.deaths_alert);
  const facts: [string, string][] = [
    [t('epi.new_cases'), `${n(c.new_cases)} · ${per100k(r.new_cases)} ${t('epi.per_100k')}`],
    [t('epi.hospitalised'), `${n(c.hospitalised)} · ${per100k(r.hospitalised)} ${t('epi.per_100k')}`],
    [t('epi.oxygen'), `${n(c.oxygen)} · ${per100k(r.oxygen)} ${t('epi.per_100k')}`],
    [t('epi.deaths'), `${n(c.deaths)} · ${per100k(r.deaths)} ${t('epi.per_100k')}`],
    [t('epi.tests'), `${n(c.tests)} · ${t('epi.positive')}: ${n(c.positive_tests)}${r.positivity === null ? '' : ` (${per100k(r.positivity * 100)}%)`}`],
    [t('epi.population'), n(w.population)],
  ];
  return h(
    'div',
    { class: 'panel', 'data-testid': 'epi-week' },
    h(
      'h3',
      null,
      `${t('epi.week')} ${w.week.iso} (${formatDate(w.week.monday, L)} – ${formatDate(w.week.sunday, L)})`,
      w.week.complete ? '' : h('span', { class: 'badge warn' }, t('epi.incomplete')),
    ),
    h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
    w.deaths_alert || alerted.length
      ? h(
          'div',
          { class: 'notice error', role: 'alert', 'data-testid': 't7-alert' },
          h('strong', null, t('epi.t7_title')),
          ' ',
          w.deaths_alert ? t('epi.t7_area') : '',
          alerted.length ? ` ${t('epi.t7_communes')}: ${alerted.map((x) => x.area.name).join(', ')}.` : '',
        )
      : h('p', { class: 'small muted', 'data-testid': 't7-none' }, t('epi.t7_none')),
  );
}

const maxTiles = 400;
const levelSeries: Series[] = [1, 2, 3, 4].map((l) => ({ key: String(l), label: '', className: `lv-${l}` }));

function levelsPanel(w: Indicators): HTMLElement {
  const L = locale();
  const sorted = [...w.communes].sort((a, b) => b.level.level - a.level.level || a.area.name.localeCompare(b.area.name, 'vi'));
  const levelName = (lv: Indicators['communes'][number]['level']) => (L === 'vi' ? lv.name_vi : lv.name_en);
  // The four levels, named as the rules name them (the first commune of each level).
  const names = new Map<number, string>();
  for (const c of w.communes) if (!names.has(c.level.level)) names.set(c.level.level, levelName(c.level));
  const counts = new Map<number, number>();
  for (const c of w.communes) counts.set(c.level.level, (counts.get(c.level.level) ?? 0) + 1);
  const key = levelSeries.map((s) => ({
    ...s,
    label: `${names.get(Number(s.key)) ?? `${t('epi.level')} ${s.key}`}: ${counts.get(Number(s.key)) ?? 0}`,
  }));
  // A province shows every commune; the nation (10,000 communes) only those
  // at levels 3 and 4, the worst first: a grid a person can read.
  const shown = sorted.length > maxTiles ? sorted.filter((c) => c.level.level >= 3).slice(0, maxTiles) : sorted;
  const tiles = shown.map((c) => {
    const tip = uid('tip');
    const button = h(
      'button',
      {
        type: 'button',
        class: 'level-button',
        'aria-describedby': tip,
        'aria-expanded': 'false',
        'data-testid': 'level-tile',
        'data-level': c.level.level,
        onclick: () => {
          const open = !tile.classList.contains('open');
          document.querySelectorAll('.level-tile.open').forEach((o) => o !== tile && o.classList.remove('open'));
          tile.classList.toggle('open', open);
          button.setAttribute('aria-expanded', String(open));
        },
        onkeydown: (e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            tile.classList.remove('open');
            button.setAttribute('aria-expanded', 'false');
          }
        },
      },
      h('span', { class: 'level-name' }, c.area.name),
      h('span', { class: 'level-number' }, `${t('epi.level')} ${c.level.level}`),
      h('span', { class: 'level-rate' }, `${per100k(c.per_100k.new_cases)} ${t('epi.cases_per_100k')}`),
      c.deaths_alert ? h('span', { class: 'level-t7' }, 'T7') : '',
    );
    const tile: HTMLElement = h(
      'li',
      { class: `level-tile lv-${c.level.level} lv-${c.level.colour}` },
      button,
      h(
        'div',
        { class: 'level-tip', role: 'tooltip', id: tip, 'data-testid': 'level-reasons' },
        h('strong', null, levelName(c.level)),
        // Each message names its criterion ("C1 ..."); one line per reason.
        h('ul', null, c.level.reasons.map((r) => h('li', { 'data-criterion': r.criterion }, message(r)))),
        h('p', { class: 'small' }, `${t('epi.rule')}: ${c.level.source} (${c.level.rule_version})`),
      ),
    );
    return tile;
  });
  const rows = shown.map((c) => [
    c.area.name,
    h('span', { class: `badge lv-${c.level.level}` }, `${c.level.level} · ${c.level.colour}`),
    per100k(c.per_100k.new_cases),
    per100k(c.per_100k.oxygen),
    per100k(c.per_100k.deaths),
    h('ul', { class: 'reasons' }, c.level.reasons.map((r) => h('li', null, message(r)))),
  ]);
  return h(
    'div',
    { class: 'panel', 'data-testid': 'levels' },
    h('h3', null, `${t('epi.levels')} · ${w.week.iso}`),
    h('p', { class: 'hint' }, t('epi.levels_hint')),
    legend(key),
    shown.length < sorted.length && h('p', { class: 'notice info' }, `${t('epi.levels_many')}: ${shown.length} / ${sorted.length}`),
    h('ul', { class: 'level-grid', 'aria-label': t('epi.levels') }, tiles),
    h(
      'details',
      null,
      h('summary', null, t('dash.show_table')),
      table(
        t('epi.levels_table'),
        [t('dash.commune'), t('epi.level'), t('epi.cases_per_100k'), t('epi.oxygen_per_100k'), t('epi.deaths_per_100k'), t('epi.reasons')],
        rows,
        { 'data-testid': 'levels-table' },
      ),
    ),
  );
}

function curvePanel(curve: EpidemicCurve): HTMLElement {
  const L = locale();
  const n = (x: number) => formatNumber(x, L);
  const fmtRt = (x: number) => x.toLocaleString(L === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const total = curve.days.reduce((a, d) => a + d.local + d.imported, 0);
  const imported = curve.days.reduce((a, d) => a + d.imported, 0);
  const last = curve.rt.at(-1);
  const lastText = last
    ? `${t('epi.rt_latest')} (${formatDate(last.from, L)} – ${formatDate(last.to, L)}): ${fmtRt(last.mean)} (95%: ${fmtRt(last.lower_95)} – ${fmtRt(last.upper_95)})`
    : t('epi.rt_none');
  const series: Series[] = [
    { key: 'local', label: t('epi.local'), className: 'c-local' },
    { key: 'imported', label: t('epi.imported'), className: 'c-imported' },
    { key: 'rt', label: t('epi.rt_mean'), className: 'rt-key' },
    { key: 'band', label: t('epi.rt_band'), className: 'rt-band-key' },
  ];
  const first = curve.days[0]?.date;
  const end = curve.days.at(-1)?.date;
  const chart = epidemicCurve(
    t('epi.curve_chart'),
    `${t('epi.cases_total')}: ${n(total)} (${t('epi.imported')}: ${n(imported)}). ${lastText}`,
    curve.days,
    curve.rt.map((r) => ({ date: r.to, mean: r.mean, lower: r.lower_95, upper: r.upper_95 })),
    n,
    fmtRt,
    [t('epi.axis_cases'), 'Rt'],
  );
  const si = curve.serial_interval;
  return h(
    'div',
    { class: 'panel', 'data-testid': 'curve' },
    h('h3', null, `${t('epi.curve')} (${formatDate(first, L)} – ${formatDate(end, L)})`),
    h('p', { class: 'rt-latest', 'data-testid': 'rt-latest' }, lastText),
    legend(series),
    h('div', { class: 'chart-box curve-box' }, chart),
    h(
      'p',
      { class: 'small muted', 'data-testid': 'rt-method' },
      `${t('epi.method')}: ${curve.method}. ${t('epi.serial_interval')}: ${t('epi.si_mean')} ${si.mean_days} ${t('epi.days')}, ${t('epi.si_sd')} ${si.sd_days} ${t('epi.days')} (${si.source}).`,
    ),
    h(
      'details',
      null,
      h('summary', null, t('dash.show_table')),
      table(
        t('epi.rt_table'),
        [t('epi.window'), 'Rt', t('epi.rt_lower'), t('epi.rt_upper')],
        curve.rt.map((r) => [`${formatDate(r.from, L)} – ${formatDate(r.to, L)}`, fmtRt(r.mean), fmtRt(r.lower_95), fmtRt(r.upper_95)]),
        { 'data-testid': 'rt-table' },
      ),
    ),
  );
}

function capacityPanel(facilities: Facility[], w: Indicators): HTMLElement {
  const sum = capacityTotals(facilities);
  return h(
    'div',
    { class: 'panel', 'data-testid': 'capacity' },
    h('h3', null, t('fac.capacity')),
    facilities.length
      ? [
          h('p', { class: 'summary' }, `${t('fac.count')}: ${facilities.length} · ${t('fac.reporting')}: ${sum.reporting} · `, h('a', { href: '/facilities' }, t('fac.details'))),
          h('div', { class: 'chart-box targets-chart' }, capacityChart(t('fac.capacity_chart'), sum)),
        ]
      : h('p', null, t('fac.none')),
    homeCarePanel(w),
  );
}

// Target T8: each commune able to care at home for 500 households with a
// patient per 10,000 households; the communes that fall short are listed.
function homeCarePanel(w: Indicators): HTMLElement {
  const L = locale();
  const n = (x: number | null) => (x === null ? '—' : formatNumber(Math.round(x), L));
  // Assessed communes (met is null until a station has declared a capacity) that fall short or are overloaded.
  const short = w.communes.filter((c) => c.care_capacity && c.care_capacity.met !== null && (!c.care_capacity.met || c.care_capacity.overloaded));
  return h(
    'div',
    { 'data-testid': 'home-care-capacity' },
    h('h4', null, t('fac.home_care')),
    h(
      'p',
      { class: 'summary', 'data-testid': 't8-summary' },
      t('fac.t8_summary')
        .replace('{met}', formatNumber(w.care_capacity.communes_meeting_target, L))
        .replace('{assessed}', formatNumber(w.care_capacity.communes_assessed, L))
        .replace('{all}', formatNumber(w.communes.length, L)),
    ),
    short.length
      ? table(
          t('fac.t8_short'),
          [t('person.commune'), t('fac.t8_capacity'), t('fac.t8_load'), t('fac.households')],
          short.map((c) => {
            const k = c.care_capacity!;
            return [
              c.area.name,
              `${n(k.capacity_per_10k)} / ${n(k.target_per_10k)}`,
              h('span', { class: k.overloaded ? 'badge danger' : '' }, n(k.load_per_10k)),
              `${formatNumber(k.households, L)} (${formatNumber(k.capacity_households, L)})`,
            ];
          }),
          { 'data-testid': 't8-short' },
        )
      : '',
  );
}
