// The facilities of an area that treat COVID-19 patients: their beds, ICU
// beds and oxygen beds, and the latest occupancy reported in the week up to
// the date, against that capacity. Staff add a facility and report occupancy.
import { api, ApiError, IdempotencyKeys, query, type Facility } from '../api';
import { areaDetail, areaName, rememberName, resolveNames } from '../areas';
import { usageBars, type UsageBar } from '../charts';
import { facilityKindLabel, facilityKinds } from '../care';
import { field, formatDate, formatNumber, formatShare, h, setError } from '../dom';
import { locale, t } from '../i18n';
import { navigate } from '../router';
import { can, user } from '../session';
import { errorBox, notice, setTitle, table } from '../ui';
import { showViolations } from './person';

export interface CapacityTotals {
  beds: number;
  occupied: number;
  icu: number;
  icuOccupied: number;
  oxygen: number;
  onOxygen: number;
  reporting: number;
}

export function capacityTotals(facilities: Facility[]): CapacityTotals {
  const sum: CapacityTotals = { beds: 0, occupied: 0, icu: 0, icuOccupied: 0, oxygen: 0, onOxygen: 0, reporting: 0 };
  for (const f of facilities) {
    sum.beds += f.beds;
    sum.icu += f.icu_beds;
    sum.oxygen += f.oxygen_beds;
    if (!f.occupancy) continue;
    sum.reporting += 1;
    sum.occupied += f.occupancy.occupied_beds;
    sum.icuOccupied += f.occupancy.occupied_icu_beds;
    sum.onOxygen += f.occupancy.patients_on_oxygen;
  }
  return sum;
}

// Occupied against capacity, for beds, ICU and oxygen.
export function capacityChart(title: string, sum: CapacityTotals): SVGElement {
  const L = locale();
  const bar = (label: string, used: number, capacity: number): UsageBar => ({
    label,
    used,
    capacity,
    text: `${formatNumber(used, L)} / ${formatNumber(capacity, L)}${capacity ? ` (${formatShare(used / capacity, L)})` : ''}`,
  });
  return usageBars(title, [
    bar(t('fac.beds'), sum.occupied, sum.beds),
    bar(t('fac.icu'), sum.icuOccupied, sum.icu),
    bar(t('fac.oxygen'), sum.onOxygen, sum.oxygen),
  ]);
}

function usage(used: number | undefined, capacity: number): string {
  const L = locale();
  if (used === undefined) return `— / ${formatNumber(capacity, L)}`;
  return `${formatNumber(used, L)} / ${formatNumber(capacity, L)}${capacity ? ` · ${formatShare(used / capacity, L)}` : ''}`;
}

export async function facilitiesView(_params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  setTitle(t('fac.title'));
  const me = user()!;
  const area = q.get('area') || me.area;
  const asOf = q.get('as_of') ?? '';
  const [page, mine] = await Promise.all([
    api<{ items: Facility[] }>(`/api/v1/facilities${query({ area, as_of: asOf })}`),
    areaDetail(me.area),
  ]);
  rememberName(mine);
  mine.children.forEach(rememberName);
  await resolveNames([area, ...page.items.map((f) => f.area)]).catch(() => undefined);
  const L = locale();
  const sum = capacityTotals(page.items);
  const rows = page.items.map((f) => [
    h('span', null, h('strong', null, f.name), ' ', h('span', { class: 'muted small' }, f.code)),
    facilityKindLabel(f.kind),
    areaName(f.area),
    usage(f.occupancy?.occupied_beds, f.beds),
    usage(f.occupancy?.occupied_icu_beds, f.icu_beds),
    usage(f.occupancy?.patients_on_oxygen, f.oxygen_beds),
    f.occupancy ? formatDate(f.occupancy.date, L) : h('span', { class: 'muted' }, t('fac.no_report')),
  ]);
  const asOfInput = h('input', { type: 'date', id: 'fac-as-of', value: asOf });
  return h(
    'div',
    { 'data-testid': 'facilities' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, t('fac.title'), ' ', h('span', { class: 'muted small' }, areaName(area))),
      h(
        'form',
        {
          class: 'inline-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            navigate(`/facilities${query({ area: q.get('area'), as_of: asOfInput.value })}`);
          },
        },
        h('label', { for: 'fac-as-of' }, t('dash.as_of')),
        asOfInput,
        h('button', { type: 'submit' }, t('common.show')),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'fac-cap-h' },
      h('h2', { id: 'fac-cap-h' }, t('fac.capacity')),
      h('p', { class: 'summary' }, `${t('fac.count')}: ${page.items.length} · ${t('fac.reporting')}: ${sum.reporting}`),
      h('div', { class: 'chart-box targets-chart' }, capacityChart(t('fac.capacity_chart'), sum)),
      page.items.length
        ? table(
            t('fac.table'),
            [t('fac.name'), t('fac.kind'), t('dash.area'), t('fac.beds'), t('fac.icu'), t('fac.oxygen'), t('fac.reported')],
            rows,
            { 'data-testid': 'facilities-table' },
          )
        : h('p', null, t('fac.none')),
    ),
    can('write_personal') && h('div', { class: 'two-col' }, occupancyForm(page.items), facilityForm([mine, ...mine.children])),
  );
}

type Field = ReturnType<typeof field>;
const count = (label: string, name: string) =>
  field(label, h('input', { type: 'text', inputmode: 'numeric', pattern: '[0-9]*', name, autocomplete: 'off', maxlength: 7, 'data-testid': `fac-${name}` }));

function numbers(fields: Record<string, Field>, body: Record<string, unknown>): boolean {
  let ok = true;
  for (const [name, f] of Object.entries(fields)) {
    const text = (f.control as HTMLInputElement).value.trim();
    if (!/^\d+$/.test(text)) {
      setError(f, t('check.number'));
      ok = false;
    } else body[name] = Number(text);
  }
  return ok;
}

function occupancyForm(facilities: Facility[]): HTMLElement {
  const facility = field(t('fac.facility'), h('select', { name: 'facility', 'data-testid': 'occ-facility' }, facilities.map((f) => h('option', { value: f.code }, f.name))));
  const date = field(t('fac.date'), h('input', { type: 'date', name: 'date', 'data-testid': 'occ-date' }));
  const counts = {
    occupied_beds: count(t('fac.occupied_beds'), 'occupied_beds'),
    occupied_icu_beds: count(t('fac.occupied_icu'), 'occupied_icu_beds'),
    patients_on_oxygen: count(t('fac.on_oxygen'), 'patients_on_oxygen'),
  };
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const all: Record<string, Field> = { facility, date, ...counts };
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'occ-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(all).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body: Record<string, unknown> = { date: (date.control as HTMLInputElement).value };
        if (!body.date) {
          setError(date, t('fac.date_needed'));
          return;
        }
        if (!numbers(counts, body)) return;
        const code = (facility.control as HTMLSelectElement).value;
        try {
          await api(`/api/v1/facilities/${encodeURIComponent(code)}/occupancy`, { method: 'POST', body, idempotencyKey: keys.for({ code, body }) });
          navigate(location.pathname + location.search, true);
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, all, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'occ-h' }, t('fac.report')),
    facilities.length === 0 ? h('p', null, t('fac.none')) : [facility.wrap, h('div', { class: 'form-grid' }, date.wrap, Object.values(counts).map((f) => f.wrap)), general, h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'occ-submit' }, t('fac.report_submit')))],
  );
}

function facilityForm(areas: { id: string; name: string }[]): HTMLElement {
  const code = field(t('fac.code'), h('input', { name: 'code', autocomplete: 'off', maxlength: 40, 'data-testid': 'fac-code' }));
  const name = field(t('fac.name'), h('input', { name: 'name', autocomplete: 'off', maxlength: 200, 'data-testid': 'fac-name' }));
  const area = field(t('dash.area'), h('select', { name: 'area', 'data-testid': 'fac-area' }, areas.map((a) => h('option', { value: a.id }, a.name))));
  const kind = field(t('fac.kind'), h('select', { name: 'kind', 'data-testid': 'fac-kind' }, facilityKinds.map((k) => h('option', { value: k }, facilityKindLabel(k)))));
  const counts = {
    beds: count(t('fac.beds'), 'beds'),
    icu_beds: count(t('fac.icu'), 'icu_beds'),
    oxygen_beds: count(t('fac.oxygen'), 'oxygen_beds'),
    home_care_households: count(t('fac.home_care_households'), 'home_care_households'),
  };
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const all: Record<string, Field> = { code, name, area, kind, ...counts };
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'fac-new-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(all).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body: Record<string, unknown> = {
          code: (code.control as HTMLInputElement).value.trim(),
          name: (name.control as HTMLInputElement).value.trim(),
          area: (area.control as HTMLSelectElement).value,
          kind: (kind.control as HTMLSelectElement).value,
        };
        if (!numbers(counts, body)) return;
        try {
          await api('/api/v1/facilities', { method: 'POST', body, idempotencyKey: keys.for(body) });
          navigate(location.pathname + location.search, true);
          general.replaceChildren(notice(t('users.done')));
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, all, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'fac-new-h' }, t('fac.add')),
    h('div', { class: 'form-grid' }, code.wrap, name.wrap, area.wrap, kind.wrap, Object.values(counts).map((f) => f.wrap)),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'fac-submit' }, t('fac.add_submit'))),
  );
}
