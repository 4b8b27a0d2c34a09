// The health station's alert list: danger signs in a home-care check and
// half-days that passed without one (raised when the list is read). Each open
// alert is acknowledged, or the patient referred to a facility, with a note.
import { api, ApiError, IdempotencyKeys, query, type AlertState, type CareAlert, type Facility } from '../api';
import { areaName, resolveNames } from '../areas';
import { alertKindLabel, alertStateLabel, fillCaseNames, halfLabel, signLabel } from '../care';
import { field, formatDate, h, uid } from '../dom';
import { locale, t, type Key } from '../i18n';
import { can } from '../session';
import { errorBox, message, setTitle } from '../ui';

const states = ['open', 'acknowledged', 'referred', 'all'] as const;
const pageSize = 100;

export async function alertsView(_params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  setTitle(t('alerts.title'));
  const state = states.find((s) => s === q.get('state')) ?? 'open';
  const [page, facilities] = await Promise.all([
    api<{ items: CareAlert[] }>(`/api/v1/alerts${query({ state, limit: pageSize })}`),
    api<{ items: Facility[] }>('/api/v1/facilities?for_referral=true').catch(() => ({ items: [] as Facility[] })),
  ]);
  const list = h('ul', { class: 'alert-list', 'data-testid': 'alerts' });
  const count = h('p', { class: 'summary', 'data-testid': 'alert-count' });
  let shown = 0;
  const more = h('button', { type: 'button', hidden: true }, t('common.more'));
  const add = async (items: CareAlert[]) => {
    await resolveNames(items.map((a) => a.area)).catch(() => undefined);
    const cards = items.map((a) => alertCard(a, facilities.items));
    list.append(...cards);
    cards.forEach(fillCaseNames);
    shown += items.length;
    count.textContent = items.length || shown ? `${t('alerts.count')}: ${shown}${items.length === pageSize ? '+' : ''}` : t('alerts.none');
    more.hidden = items.length < pageSize;
  };
  more.onclick = async () => {
    const last = list.lastElementChild as HTMLElement | null;
    more.disabled = true;
    try {
      const next = await api<{ items: CareAlert[] }>(`/api/v1/alerts${query({ state, limit: pageSize, after: last?.dataset.alertId })}`);
      await add(next.items);
    } finally {
      more.disabled = false;
    }
  };
  await add(page.items);
  return h(
    'div',
    { 'data-testid': 'alerts-page' },
    h('h1', null, t('alerts.title')),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('alerts.states') },
      states.map((s) => h('a', { href: `/alerts${query({ state: s })}`, 'aria-current': s === state ? 'page' : null }, t(`alerts.tab_${s}` as Key))),
    ),
    count,
    list,
    more,
  );
}

function alertCard(a: CareAlert, facilities: Facility[]): HTMLElement {
  const L = locale();
  const card = h('li', { class: `alert-card ${a.kind} ${a.state}`, 'data-alert-id': String(a.id), 'data-testid': 'alert' });
  const render = (alert: CareAlert, flash?: Node) => {
    card.className = `alert-card ${alert.kind} ${alert.state}`;
    card.replaceChildren(
      h(
        'div',
        { class: 'alert-head' },
        h('span', { class: `badge ${alert.kind === 'danger_sign' ? 'danger' : 'warn'}` }, alertKindLabel(alert.kind)),
        alert.full_name
          ? h('a', { href: `/cases/${alert.case_id}`, class: 'person-name' }, alert.full_name)
          : h('a', { href: `/cases/${alert.case_id}`, class: 'person-name', 'data-case-name': String(alert.case_id) }, `#${alert.person_id}`),
        h('span', { class: 'muted' }, `${areaName(alert.area)} · ${formatDate(alert.date, L)} ${halfLabel(alert.half)}`),
        h('span', { class: 'badge', 'data-testid': 'alert-state' }, alertStateLabel(alert.state)),
      ),
      alert.signs.length > 0 ? h('ul', { class: 'alert-signs' }, alert.signs.map((s) => h('li', null, signLabel(s)))) : '',
      alert.state === 'open'
        ? ''
        : h(
          'p',
          { class: 'small muted' },
          `${alertStateLabel(alert.state)} ${alert.handled_at ? formatDate(alert.handled_at, L) : ''}`,
          alert.referred_to ? ` → ${facilities.find((f) => f.code === alert.referred_to)?.name ?? alert.referred_to}` : '',
          alert.note ? ` · ${alert.note}` : '',
        ),
      flash ?? '',
      alert.state === 'open' && can('write_personal') ? handleForm(alert, facilities, render) : '',
    );
  };
  render(a);
  return card;
}

// Acknowledge, or refer to a facility; the note goes with either.
function handleForm(alert: CareAlert, facilities: Facility[], done: (a: CareAlert, flash?: Node) => void): HTMLElement {
  const note = field(t('alerts.note'), h('textarea', { name: 'note', rows: 2, maxlength: 500, 'data-testid': 'alert-note' }));
  const facility = field(
    t('alerts.facility'),
    h('select', { name: 'referred_to', 'data-testid': 'alert-facility' }, h('option', { value: '' }, t('common.choose')), facilities.map((f) => h('option', { value: f.code }, f.name))),
  );
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const id = uid('alert');
  const send = async (to: Exclude<AlertState, 'open'>) => {
    general.replaceChildren();
    const body: Record<string, unknown> = { state: to };
    const text = (note.control as HTMLTextAreaElement).value.trim();
    if (text) body.note = text;
    if (to === 'referred') {
      const code = (facility.control as HTMLSelectElement).value;
      if (!code) {
        general.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('alerts.choose_facility')));
        (facility.control as HTMLElement).focus();
        return;
      }
      body.referred_to = code;
    }
    try {
      const answer = await api<{ alert: CareAlert }>(`/api/v1/alerts/${alert.id}/handle`, { method: 'POST', body, idempotencyKey: keys.for(body) });
      done(answer.alert);
    } catch (error) {
      general.replaceChildren(error instanceof ApiError && error.violations.length ? h('div', { class: 'notice error', role: 'alert' }, error.violations.map(message).join(' ')) : errorBox(error));
    }
  };
  return h(
    'div',
    { class: 'alert-actions', role: 'group', 'aria-labelledby': `${id}-h` },
    h('span', { id: `${id}-h`, class: 'visually-hidden' }, `${t('alerts.handle')} #${alert.id}`),
    h('div', { class: 'form-grid' }, note.wrap, facilities.length ? facility.wrap : h('p', { class: 'hint' }, t('alerts.no_facility'))),
    general,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'alert-ack', onclick: () => void send('acknowledged') }, t('alerts.acknowledge')),
      h('button', { type: 'button', class: 'warn', 'data-testid': 'alert-refer', disabled: facilities.length === 0, onclick: () => void send('referred') }, t('alerts.refer')),
    ),
  );
}
