// The cases (F0) of the user's area: those under care now, those recovered in
// the last 12 months (follow-up), or all; each leads to its case page.
import { api, query, type CovidCase } from '../api';
import { areaName, resolveNames } from '../areas';
import { caseStateBadge, criterionLabel, fillCaseNames } from '../care';
import { formatDate, h } from '../dom';
import { locale, t, type Key } from '../i18n';
import { can } from '../session';
import { setTitle, table } from '../ui';

const lists = ['active', 'follow_up', 'all'] as const;

export async function casesView(_params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  setTitle(t('cases.title'));
  const only = lists.find((l) => l === q.get('only')) ?? 'active';
  const offset = Math.max(0, Number(q.get('offset') ?? 0) || 0);
  const limit = 50;
  const page = await api<{ items: CovidCase[] }>(
    `/api/v1/cases${query({ only: only === 'all' ? null : only, limit: limit + 1, offset })}`,
  );
  const more = page.items.length > limit;
  const items = page.items.slice(0, limit);
  await resolveNames(items.map((c) => c.area)).catch(() => undefined);
  const L = locale();
  const rows = items.map((c) => [
    c.full_name
      ? h('a', { href: `/cases/${c.id}`, class: 'person-name' }, c.full_name)
      : h('a', { href: `/cases/${c.id}`, class: 'person-name', 'data-case-name': String(c.id) }, `#${c.person_id}`),
    areaName(c.area),
    formatDate(c.confirmed_on, L),
    caseStateBadge(c.state),
    criterionLabel(c.criterion),
    c.imported ? t('case.imported') : '',
  ]);
  const view = h(
    'div',
    { 'data-testid': 'cases' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, t('cases.title')),
      can('write_personal') && h('a', { class: 'button', href: '/cases/new', 'data-testid': 'case-new' }, t('cases.register')),
    ),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('cases.lists') },
      lists.map((l) => h('a', { href: `/cases${query({ only: l })}`, 'aria-current': l === only ? 'page' : null }, t(`cases.${l}` as Key))),
    ),
    items.length
      ? table(
          t('cases.title'),
          [t('person.name'), t('person.commune'), t('case.confirmed_on'), t('case.state'), t('case.criterion'), ''],
          rows,
          { 'data-testid': 'cases-table' },
        )
      : h('p', null, t('cases.empty')),
    h(
      'div',
      { class: 'pager' },
      offset > 0 && h('a', { href: `/cases${query({ only, offset: Math.max(0, offset - limit) })}` }, t('common.previous')),
      more && h('a', { href: `/cases${query({ only, offset: offset + limit })}` }, t('common.next')),
    ),
  );
  fillCaseNames(view);
  return view;
}
