// A commune's work lists: due, overdue and home-visit, printable and exported
// to CSV or XLSX (every row, not only the page on screen).
import { api, query, type DueEntry, type DuePage } from '../api';
import { communePicker } from '../area_picker';
import { csv, download } from '../csv';
import { formatDate, formatNumber, h } from '../dom';
import { locale, t, type Key } from '../i18n';
import { navigate } from '../router';
import { user } from '../session';
import { errorBox, kindLabel, setTitle, statusLabel, table } from '../ui';
import { xlsx, type Cell } from '../xlsx';

const lists = ['due', 'overdue', 'home_visit'] as const;
const pageSize = 100;

export async function worklistView(params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  const commune = params.commune;
  if (!commune) {
    setTitle(t('work.title'));
    let chosen: string | null = null;
    const go = h('button', { type: 'submit', class: 'primary', disabled: true, 'data-testid': 'work-open' }, t('work.open'));
    const picker = communePicker(user()!.area, (c) => {
      chosen = c;
      go.disabled = !c;
      // A commune user has one commune: open its list at once.
      if (c && user()!.area === c) navigate(`/worklists/${c}`, true);
    });
    return h(
      'div',
      null,
      h('h1', null, t('work.title')),
      h(
        'form',
        {
          class: 'panel',
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (chosen) navigate(`/worklists/${chosen}`);
          },
        },
        h('p', null, t('work.choose')),
        picker,
        go,
      ),
    );
  }
  const only = (lists as readonly string[]).includes(q.get('only') ?? '') ? (q.get('only') as string) : 'due';
  const offset = Number(q.get('offset') ?? 0) || 0;
  const asOf = q.get('as_of') ?? '';
  const sort = only === 'overdue' ? '-days_late' : 'priority';
  const base = `/api/v1/due-lists/${encodeURIComponent(commune)}`;
  const page = await api<DuePage>(`${base}${query({ only, sort, limit: pageSize, offset, as_of: asOf })}`);
  const L = locale();
  const n = (x: number) => formatNumber(x, L);
  setTitle(`${t('work.title')}: ${page.commune.name}`);

  const tabs = h(
    'div',
    { class: 'tabs', role: 'navigation', 'aria-label': t('work.lists') },
    lists.map((l) =>
      h('a', { href: `/worklists/${commune}${query({ only: l, as_of: asOf })}`, 'aria-current': l === only ? 'page' : null, 'data-testid': `tab-${l}` }, t(`work.${l}` as Key)),
    ),
  );
  const head = [
    t('person.name'),
    t('person.birth_date'),
    t('person.phone'),
    t('person.status'),
    t('work.next'),
    t('work.due_date'),
    t('work.days_late'),
    t('work.products'),
    t('work.flags'),
  ];
  const flags = (e: DueEntry) =>
    [e.high_risk && t('work.high_risk'), e.age50_plus && '50+', e.home_visit && t('work.home_visit_flag')].filter(Boolean).join(', ');
  const rows = page.items.map((e) => [
    h('a', { href: `/persons/${e.person_id}`, class: 'person-name' }, e.full_name),
    formatDate(e.birth_date, L),
    e.phone ? h('a', { href: `tel:${e.phone}` }, e.phone) : '—',
    statusLabel(e.status),
    kindLabel(e.next_kind),
    formatDate(e.next_due, L),
    e.days_late > 0 ? String(e.days_late) : '—',
    e.products.join(', '),
    flags(e),
  ]);

  const busy = h('span', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  async function allRows(): Promise<Cell[][]> {
    const out: Cell[][] = [head];
    for (let at = 0; ; at += 1000) {
      busy.textContent = `${t('work.exporting')} ${n(at)} / ${n(page.total)}`;
      const part = await api<DuePage>(`${base}${query({ only, sort, limit: 1000, offset: at, as_of: asOf })}`);
      for (const e of part.items) {
        out.push([
          e.full_name,
          e.birth_date,
          e.phone,
          statusLabel(e.status),
          kindLabel(e.next_kind),
          e.next_due,
          e.days_late,
          e.products.join(', '),
          flags(e),
        ]);
      }
      if (at + 1000 >= part.total) break;
    }
    busy.textContent = '';
    return out;
  }
  const fileBase = `${t(`work.${only}` as Key)}-${page.commune.code}-${page.as_of}`.replace(/\s+/g, '-');
  const exportButton = (label: string, testid: string, save: (rows: Cell[][]) => void) =>
    h(
      'button',
      {
        type: 'button',
        'data-testid': testid,
        onclick: async (e: Event) => {
          const b = e.currentTarget as HTMLButtonElement;
          b.disabled = true;
          try {
            save(await allRows());
          } catch (error) {
            busy.replaceChildren(errorBox(error));
          } finally {
            b.disabled = false;
          }
        },
      },
      label,
    );

  const pager = h(
    'div',
    { class: 'pager' },
    offset > 0 && h('a', { href: `/worklists/${commune}${query({ only, as_of: asOf, offset: Math.max(0, offset - pageSize) })}` }, t('common.previous')),
    h('span', null, `${n(page.total ? offset + 1 : 0)}–${n(offset + page.items.length)} / ${n(page.total)}`),
    offset + pageSize < page.total && h('a', { href: `/worklists/${commune}${query({ only, as_of: asOf, offset: offset + pageSize })}` }, t('common.next')),
  );

  return h(
    'div',
    { class: 'worklist', 'data-testid': 'worklist' },
    h('div', { class: 'page-head' }, h('h1', null, `${t('work.title')}: `, h('span', { class: 'area-name' }, page.commune.name)), user()!.area !== commune && h('a', { href: '/worklists', class: 'no-print' }, t('work.other'))),
    h(
      'p',
      { class: 'summary' },
      `${t('dash.as_of')} ${formatDate(page.as_of, L)} · ${t('work.due')}: `,
      h('strong', { 'data-testid': 'due-count' }, n(page.due_count)),
      ` · ${t('work.overdue')}: `,
      h('strong', { 'data-testid': 'overdue-count' }, n(page.overdue_count)),
    ),
    tabs,
    h(
      'div',
      { class: 'toolbar no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, t('work.print')),
      exportButton(t('work.csv'), 'export-csv', (rows) => download(`${fileBase}.csv`, csv(rows), 'text/csv;charset=utf-8')),
      exportButton(t('work.xlsx'), 'export-xlsx', (rows) =>
        download(`${fileBase}.xlsx`, xlsx(t(`work.${only}` as Key), rows), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      ),
      busy,
    ),
    page.items.length ? table(`${t(`work.${only}` as Key)} — ${page.commune.name}`, head, rows, { 'data-testid': 'due-table' }) : h('p', null, t('work.empty')),
    pager,
  );
}
