// Registry search: by name (diacritics ignored: "nguyen van an" finds
// "Nguyễn Văn An"), by the 12-digit citizen ID, or by phone number.
import { api, query, type Person } from '../api';
import { areaDetail, areaName, rememberName, resolveNames } from '../areas';
import { formatDate, h } from '../dom';
import { locale, t } from '../i18n';

import { can, user } from '../session';
import { errorBox, setTitle, table } from '../ui';

interface PersonPage {
  items: Person[];
  next_offset: number | null;
}

// What the typed text is: a citizen ID, a phone number, or name words.
export function searchKind(text: string): 'citizen_id' | 'phone' | 'name' {
  const digits = text.replace(/[\s.-]/g, '');
  if (/^\d{12}$/.test(digits)) return 'citizen_id';
  if (/^(\+84|0)\d{8,10}$/.test(digits)) return 'phone';
  return 'name';
}

export function searchView(_params: Record<string, string>, q: URLSearchParams): Node {
  setTitle(t('search.title'));
  const text = q.get('q') ?? '';
  const input = h('input', {
    type: 'search',
    id: 'search-q',
    name: 'q',
    value: text,
    autocomplete: 'off',
    'aria-describedby': 'search-hint',
    'data-testid': 'search-input',
  });
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'search-results' });
  // Where to search: the whole area of the user, or one area within it (a
  // narrower search answers sooner in a province of millions).
  const scope = q.get('area') ?? '';
  const areaSelect = h('select', { id: 'search-area', name: 'area', 'data-testid': 'search-area' });
  const areaField = h('div', { class: 'field search-scope', hidden: true }, h('label', { for: 'search-area' }, t('search.area')), areaSelect);
  void areaDetail(user()!.area).then((mine) => {
    rememberName(mine);
    if (mine.children.length === 0) return;
    areaSelect.replaceChildren(
      h('option', { value: '' }, mine.name),
      ...mine.children.map((c) => {
        rememberName(c);
        return h('option', { value: c.id, selected: c.id === scope }, c.name);
      }),
    );
    areaField.hidden = false;
  });
  const form = h(
    'form',
    {
      role: 'search',
      class: 'search-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        history.replaceState(null, '', `/registry${query({ q: input.value.trim(), area: areaSelect.value })}`);
        void run(input.value.trim(), areaSelect.value, results, 0);
      },
    },
    h('label', { for: 'search-q' }, t('search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))),
    h('span', { id: 'search-hint', class: 'hint' }, t('search.hint')),
    areaField,
  );
  if (text) void run(text, scope, results, 0);
  return h(
    'div',
    null,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, t('search.title')),
      can('write_personal') && h('a', { class: 'button', href: '/registry/new' }, t('search.register')),
    ),
    form,
    results,
  );
}

async function run(text: string, area: string, results: HTMLElement, offset: number): Promise<void> {
  if (!text) return;
  const kind = searchKind(text);
  const digits = text.replace(/[\s.-]/g, '');
  const params =
    kind === 'citizen_id'
      ? { citizen_id: digits }
      : kind === 'phone'
        ? { phone: digits.replace(/^\+84/, '0'), area }
        : { q: text, area, limit: 50, offset };
  const path = kind === 'phone' ? '/api/v1/persons-by-phone' : '/api/v1/persons';
  if (offset === 0) results.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
  let page: PersonPage;
  try {
    page = await api<PersonPage>(`${path}${query(params)}`);
  } catch (error) {
    results.replaceChildren(errorBox(error));
    return;
  }
  const L = locale();
  const rows = page.items.map((p) => [
    h('a', { href: `/persons/${p.id}`, class: 'person-name' }, p.full_name),
    formatDate(p.birth_date, L),
    t(p.sex === 'male' ? 'person.male' : 'person.female'),
    p.citizen_id ?? '—',
    p.phone ?? '—',
    h('span', { 'data-area': p.area }, areaName(p.area)),
  ]);
  const head = [t('person.name'), t('person.birth_date'), t('person.sex'), t('person.citizen_id'), t('person.phone'), t('person.commune')];
  const found = h(
    'p',
    { class: 'summary', 'data-testid': 'search-count' },
    page.items.length === 0 ? t('search.none') : `${t('search.found')}: ${offset + page.items.length}${page.next_offset !== null ? '+' : ''}`,
  );
  const tableEl = table(t('search.results'), head, rows, { 'data-testid': 'search-table' });
  const more =
    page.next_offset !== null &&
    h(
      'button',
      {
        type: 'button',
        onclick: (e: Event) => {
          (e.target as HTMLElement).remove();
          void run(text, area, results, page.next_offset!);
        },
      },
      t('common.more'),
    );
  if (offset === 0) {
    results.replaceChildren(found, page.items.length ? tableEl : '', more || '');
    if (page.items.length === 1 && kind !== 'name') {
      // One exact match for an ID or phone: a link straight to it is enough.
      results.querySelector('a')?.focus();
    }
  } else {
    const tbody = results.querySelector('tbody');
    tableEl.querySelectorAll('tbody tr').forEach((tr) => tbody?.appendChild(tr));
    results.querySelector('[data-testid=search-count]')?.replaceWith(found);
    if (more) results.appendChild(more);
  }
  // Commune names after the answer is on screen: they must not slow the search.
  void resolveNames(page.items.map((p) => p.area)).then(() =>
    results.querySelectorAll<HTMLElement>('[data-area]').forEach((el) => (el.textContent = areaName(el.dataset.area!))),
  );
}
