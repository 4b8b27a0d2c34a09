// The dashboard of an area: coverage against each target with the gap in
// people, by age group, doses per week, the child areas to drill into and the
// communes furthest from a target. One API call (/api/v1/dashboard/{area}).
import { api, query, type Dashboard, type TargetRow } from '../api';
import { rememberName } from '../areas';
import { legend, shareBars, stackedColumns, stackedShares, type Series } from '../charts';
import { formatDate, formatNumber, formatShare, h } from '../dom';
import { locale, t, type Key } from '../i18n';
import { navigate } from '../router';
import { user } from '../session';
import { setTitle, statusLabel, table } from '../ui';
import { epidemicSection } from './epidemic_section';

const statuses = ['none', 'partial', 'primary_complete', 'additional', 'booster1', 'booster2'];
const kinds = ['primary', 'additional', 'booster1', 'booster2'] as const;

function targetName(tr: TargetRow): string {
  return (locale() === 'vi' ? tr.name_vi : tr.name_en) ?? tr.id;
}

export async function dashboardView(params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  const me = user()!;
  const areaId = params.area || me.area;
  const asOf = q.get('as_of') ?? '';
  const target = q.get('target') ?? 'T1';
  const started = performance.now();
  const d = await api<Dashboard>(
    `/api/v1/dashboard/${encodeURIComponent(areaId)}${query({ as_of: asOf, target, weeks: 12, behind: 10 })}`,
  );
  performance.mark('dashboard:data');
  const L = locale();
  const n = (x: number) => formatNumber(x, L);
  const pct = (x: number) => formatShare(x, L);
  rememberName(d.area);
  d.children.forEach((c) => rememberName(c.area));
  setTitle(`${t('dash.title')}: ${d.area.name}`);

  // Breadcrumb nation → … → this area; levels above the user's own area are
  // shown but not linked (the server would refuse them).
  const path = [...d.area.path].reverse();
  const mine = path.findIndex((a) => a.id === me.area);
  const crumbs = h(
    'nav',
    { 'aria-label': t('dash.breadcrumb'), class: 'breadcrumb' },
    h(
      'ol',
      null,
      path.map((a, i) => {
        const reachable = me.role === 'ministry' || (mine >= 0 && i >= mine);
        const last = i === path.length - 1;
        return h(
          'li',
          null,
          last
            ? h('span', { 'aria-current': 'page' }, a.name)
            : reachable
              ? h('a', { href: `/dashboard/${a.id}${query({ as_of: asOf, target })}` }, a.name)
              : h('span', null, a.name),
        );
      }),
    ),
  );

  const asOfInput = h('input', { type: 'date', id: 'as-of', value: asOf || d.as_of, 'data-testid': 'as-of' });
  const controls = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        navigate(`/dashboard/${d.area.id}${query({ as_of: asOfInput.value, target })}`);
      },
    },
    h('label', { for: 'as-of' }, t('dash.as_of')),
    asOfInput,
    h('button', { type: 'submit' }, t('common.show')),
  );

  const targets = d.coverage.targets;
  const registered = d.registered;
  const targetChart = shareBars(
    t('dash.targets_chart'),
    targets.map((tr) => ({
      label: tr.id,
      share: tr.share,
      threshold: tr.threshold,
      met: tr.met,
      text: `${pct(tr.share)} / ${pct(tr.threshold)}`,
    })),
  );
  const targetTable = table(
    t('dash.targets_table'),
    [t('dash.target'), t('dash.reached'), t('dash.share'), t('dash.threshold'), t('dash.gap')],
    targets.map((tr) => [
      h('span', null, h('strong', null, tr.id), ' ', h('span', { class: 'muted' }, targetName(tr))),
      `${n(tr.numerator)} / ${n(tr.denominator)}`,
      pct(tr.share),
      pct(tr.threshold),
      tr.met ? h('span', { class: 'badge ok' }, t('dash.met')) : h('span', { class: 'gap' }, `${n(tr.gap)} ${t('dash.people')}`),
    ]),
    { 'data-testid': 'targets' },
  );

  const statusSeries: Series[] = statuses.map((st) => ({ key: st, label: statusLabel(st), className: `st-${st}` }));
  const groups = d.coverage.age_groups;
  const groupLabel = (g: string) => (g === 'high-risk' ? t('dash.high_risk') : g);
  const ageChart = stackedShares(
    t('dash.age_chart'),
    groups.map((g) => groupLabel(g.group)),
    statusSeries,
    groups.map((g) => statuses.map((st) => Number(g[st] ?? 0))),
  );
  const ageTable = table(
    t('dash.age_table'),
    [t('dash.age_group'), t('dash.registered'), ...statuses.map(statusLabel)],
    groups.map((g) => [groupLabel(g.group), n(g.registered), ...statuses.map((st) => n(Number(g[st] ?? 0)))]),
  );

  const weeks = d.doses_by_week;
  const kindSeries: Series[] = kinds.map((k) => ({ key: k, label: t(`kind.${k}` as Key), className: `k-${k}` }));
  const weekChart = stackedColumns(
    t('dash.weeks_chart'),
    weeks.map((w) => `${w.week_start.slice(8, 10)}/${w.week_start.slice(5, 7)}`),
    kindSeries,
    weeks.map((w) => kinds.map((k) => w[k])),
    n,
  );
  const weekTable = table(
    t('dash.weeks_table'),
    [t('dash.week_of'), ...kinds.map((k) => t(`kind.${k}` as Key)), t('dash.total')],
    weeks.map((w) => [formatDate(w.week_start, L), ...kinds.map((k) => n(w[k])), n(kinds.reduce((a, k) => a + w[k], 0))]),
  );

  const targetIds = targets.map((tr) => tr.id);
  const children =
    d.children.length > 0 &&
    h(
      'section',
      { 'aria-labelledby': 'children-h' },
      h('h2', { id: 'children-h' }, t('dash.children')),
      table(
        t('dash.children_table'),
        [t('dash.area'), t('dash.registered'), ...targetIds],
        d.children.map((c) => [
          h('a', { href: `/dashboard/${c.area.id}${query({ as_of: asOf, target })}`, class: 'area-name' }, c.area.name),
          n(c.registered),
          ...targetIds.map((id) => {
            const tr = c.targets.find((x) => x.id === id);
            // No denominator (no official population for the area): no share to show.
            if (!tr || tr.denominator === 0) return '—';
            return h(
              'span',
              { class: tr.met ? 'share met' : 'share', title: tr.met ? t('dash.met') : `${t('dash.gap')}: ${n(tr.gap)}` },
              pct(tr.share),
            );
          }),
        ]),
        { 'data-testid': 'children' },
      ),
    );

  const targetSelect = h(
    'select',
    {
      id: 'behind-target',
      onchange: (e: Event) =>
        navigate(`/dashboard/${d.area.id}${query({ as_of: asOf, target: (e.target as HTMLSelectElement).value })}`),
    },
    targets.map((tr) => h('option', { value: tr.id, selected: tr.id === target }, `${tr.id} — ${targetName(tr)}`)),
  );
  const behind = h(
    'section',
    { 'aria-labelledby': 'behind-h' },
    h('h2', { id: 'behind-h' }, t('dash.behind')),
    h('div', { class: 'inline-form' }, h('label', { for: 'behind-target' }, t('dash.target')), targetSelect),
    table(
      t('dash.behind_table'),
      [t('dash.commune'), t('dash.registered'), t('dash.share'), t('dash.threshold'), t('dash.gap')],
      d.communes_behind.map((c) => [
        h('a', { href: `/dashboard/${c.area.id}${query({ as_of: asOf, target })}`, class: 'area-name' }, c.area.name),
        n(c.registered),
        pct(c.share),
        pct(c.threshold),
        c.met ? h('span', { class: 'badge ok' }, t('dash.met')) : `${n(c.gap)} ${t('dash.people')}`,
      ]),
      { 'data-testid': 'behind' },
    ),
  );

  // The epidemic part is asked for once the coverage is painted (below).
  const epidemic = epidemicSection(d.area.id, asOf);

  const view = h(
    'div',
    { class: 'dashboard', 'data-testid': 'dashboard' },
    crumbs,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, d.area.name, ' ', h('span', { class: 'muted small' }, t(`level.${d.area.level}` as Key))),
      controls,
    ),
    h(
      'p',
      { class: 'summary' },
      `${t('dash.as_of')} ${formatDate(d.as_of, L)} · ${t('dash.registered')}: `,
      h('strong', { 'data-testid': 'registered' }, n(registered)),
      ` · ${t('dash.targets_version')}: ${d.coverage.targets_version} · `,
      h('a', { href: '#epi-h' }, t('epi.jump')),
    ),
    h(
      'section',
      { 'aria-labelledby': 'targets-h', class: 'panel' },
      h('h2', { id: 'targets-h' }, t('dash.targets')),
      h('div', { class: 'chart-box targets-chart' }, targetChart),
      targetTable,
    ),
    h(
      'div',
      { class: 'two-col' },
      h(
        'section',
        { 'aria-labelledby': 'age-h', class: 'panel' },
        h('h2', { id: 'age-h' }, t('dash.by_age')),
        legend(statusSeries),
        h('div', { class: 'chart-box' }, ageChart),
        ageTable,
      ),
      h(
        'section',
        { 'aria-labelledby': 'weeks-h', class: 'panel' },
        h('h2', { id: 'weeks-h' }, t('dash.weeks')),
        legend(kindSeries),
        h('div', { class: 'chart-box' }, weekChart),
        h('details', null, h('summary', null, t('dash.show_table')), weekTable),
      ),
    ),
    children,
    behind,
    epidemic.section,
  );
  performance.mark('dashboard:built');
  // When the page was first painted (ms since navigation start), for bench/web_run.mjs:
  // the frame after the insertion has been painted once the timer after it runs.
  requestAnimationFrame(() =>
    setTimeout(() => {
      view.setAttribute('data-painted-at', String(Math.round(performance.now())));
      view.setAttribute('data-view-ms', String(Math.round(performance.now() - started)));
      void epidemic.load();
    }),
  );
  return view;
}
