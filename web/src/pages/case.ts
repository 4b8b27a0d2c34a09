// A case (F0): the person, how the case was confirmed, its course of care
// (steps), the home-care checks, and the form that adds a step (to hospital,
// ICU, recovered ...), with the rules' answer beside its fields.
import { api, ApiError, IdempotencyKeys, type CaseRecord, type Observation } from '../api';
import { areaName, resolveNames } from '../areas';
import {
  caseRecord,
  caseStateBadge,
  caseStateLabel,
  caseStates,
  criterionLabel,
  halfLabel,
  symptomLabel,
} from '../care';
import { field, formatDate, h, setError } from '../dom';
import { locale, t, type Key } from '../i18n';
import { can } from '../session';
import { errorBox, notice, setTitle, statusLabel, table } from '../ui';
import { showViolations } from './person';

export async function caseView(params: Record<string, string>): Promise<Node> {
  const id = Number(params.id);
  const [record, observations] = await Promise.all([
    caseRecord(id, true),
    api<{ items: Observation[] }>(`/api/v1/cases/${id}/observations`),
  ]);
  await resolveNames([record.case.area]).catch(() => undefined);
  const root = h('div', { class: 'case', 'data-testid': 'case' });
  render(root, record, observations.items);
  return root;
}

function render(root: HTMLElement, record: CaseRecord, observations: Observation[], flash?: Node): void {
  const c = record.case;
  const p = record.person;
  const L = locale();
  const name = p?.full_name ?? `#${c.person_id}`;
  setTitle(`${t('case.title')}: ${name}`);
  const facts: [string, Node | string][] = [
    [t('case.state'), caseStateBadge(c.state)],
    [t('person.commune'), areaName(c.area)],
    [t('case.confirmed_on'), formatDate(c.confirmed_on, L)],
    [t('case.criterion'), criterionLabel(c.criterion)],
    [t('case.onset'), formatDate(c.onset_date, L)],
    [t('case.imported'), c.imported ? t('common.yes') : t('common.no')],
    [t('case.isolation_ended'), formatDate(c.isolation_ended_on, L)],
  ];
  if (p) {
    facts.push([t('person.birth_date'), formatDate(p.birth_date, L)]);
    facts.push([t('case.high_risk'), p.high_risk ? t('common.yes') : t('common.no')]);
    facts.push([t('person.status'), statusLabel(p.vaccination.status)]);
  }
  const risk = record.risk;
  if (risk) {
    // The reasons are the points that made the group, so a clinician can check them.
    const reasons = L === 'vi' ? risk.reasons_vi : risk.reasons_en;
    facts.push([
      t('case.risk'),
      h(
        'span',
        { 'data-testid': 'case-risk', class: `badge risk-${risk.colour}`, title: reasons.join('\n') },
        `${t(`case.risk.${risk.group}` as Key)} (${risk.points} ${t('case.risk_points')})`,
      ),
    ]);
  }
  const isolation = record.isolation;
  if (isolation && c.state === 'home_care') {
    facts.push([t('case.isolation'), h('span', { 'data-testid': 'case-isolation' }, L === 'vi' ? isolation.message_vi : isolation.message_en)]);
  }
  const steps = table(
    t('case.steps'),
    [t('case.step_date'), t('case.state'), t('case.place'), t('case.oxygen')],
    c.steps.map((s) => [formatDate(s.date, L), caseStateLabel(s.state), s.place ?? '—', s.oxygen ? t('common.yes') : '—']),
    { 'data-testid': 'steps' },
  );
  const checks = observations.length
    ? table(
        t('case.checks'),
        [t('check.date'), t('check.spo2'), t('check.respiratory_rate'), t('check.pulse'), t('check.temperature'), t('check.pressure'), t('check.symptoms'), t('check.by')],
        [...observations].reverse().map((o) => [
          `${formatDate(o.date, L)} ${halfLabel(o.half)}`,
          o.spo2 === null ? '—' : `${o.spo2}%`,
          o.respiratory_rate ?? '—',
          o.pulse ?? '—',
          o.temperature === null ? '—' : o.temperature.toLocaleString(L === 'vi' ? 'vi-VN' : 'en-GB'),
          o.systolic === null && o.diastolic === null ? '—' : `${o.systolic ?? '?'}/${o.diastolic ?? '?'}`,
          o.symptoms.length ? o.symptoms.map(symptomLabel).join(', ') : '—',
          o.entered_by === 'patient' ? t('check.by_patient') : t('check.by_staff'),
        ]),
        { 'data-testid': 'observations' },
      )
    : h('p', { 'data-testid': 'no-observations' }, t('case.no_checks'));
  const inHomeCare = c.active && c.state === 'home_care';
  root.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'person-name' }, name, ' ', h('span', { class: 'muted small' }, `F0 #${c.id}`)),
      h(
        'div',
        { class: 'toolbar' },
        inHomeCare && can('record_health_check') && h('a', { class: 'button', href: `/cases/${c.id}/check`, 'data-testid': 'new-check' }, t('case.new_check')),
        can('read_personal') && h('a', { href: `/persons/${c.person_id}` }, t('case.person_record')),
      ),
    ),
    flash ?? '',
    h('section', { class: 'panel', 'aria-labelledby': 'case-facts-h' }, h('h2', { id: 'case-facts-h' }, t('case.details')), h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]))),
    h('section', { class: 'panel', 'aria-labelledby': 'steps-h' }, h('h2', { id: 'steps-h' }, t('case.steps')), steps),
    h('section', { class: 'panel', 'aria-labelledby': 'checks-h' }, h('h2', { id: 'checks-h' }, t('case.checks')), checks),
    inHomeCare && can('write_personal') ? isolationForm(root, record, observations) : '',
    c.active && can('write_personal') ? stepForm(root, record, observations) : '',
  );
}

// Ends home isolation on a day the rules allow (a negative supervised test
// after 7 days, or the end of the extension); the server says why not otherwise.
function isolationForm(root: HTMLElement, record: CaseRecord, observations: Observation[]): HTMLElement {
  const c = record.case;
  const today = record.person?.vaccination.as_of ?? '';
  const date = field(t('case.step_date'), h('input', { type: 'date', name: 'date', value: today, required: true, 'data-testid': 'isolation-date' }));
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'isolation-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        setError(date, '');
        general.replaceChildren();
        const body = { date: (date.control as HTMLInputElement).value };
        try {
          await api(`/api/v1/cases/${c.id}/isolation-end`, { method: 'POST', body, idempotencyKey: keys.for(body) });
          const fresh = await caseRecord(c.id, true);
          render(root, fresh, observations, notice(t('case.isolation_saved')));
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, { date }, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'isolation-h' }, t('case.end_isolation')),
    h('div', { class: 'form-grid' }, date.wrap),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'isolation-submit' }, t('case.end_isolation'))),
  );
}

function stepForm(root: HTMLElement, record: CaseRecord, observations: Observation[]): HTMLElement {
  const c = record.case;
  const today = record.person?.vaccination.as_of ?? '';
  const date = field(t('case.step_date'), h('input', { type: 'date', name: 'date', value: today, required: true, 'data-testid': 'step-date' }));
  const state = field(
    t('case.state'),
    h('select', { name: 'state', 'data-testid': 'step-state' }, caseStates.filter((s) => s !== c.state).map((s) => h('option', { value: s }, caseStateLabel(s)))),
  );
  const place = field(t('case.place'), h('input', { name: 'place', autocomplete: 'off', maxlength: 64, 'data-testid': 'step-place' }), t('case.place_hint'));
  const oxygen = h('input', { type: 'checkbox', name: 'oxygen', id: 'step-oxygen' });
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const fields = { date, state, place };
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'step-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body: Record<string, unknown> = {
          date: (date.control as HTMLInputElement).value,
          state: (state.control as HTMLSelectElement).value,
          oxygen: oxygen.checked,
        };
        const where = (place.control as HTMLInputElement).value.trim();
        if (where) body.place = where;
        try {
          await api(`/api/v1/cases/${c.id}/steps`, { method: 'POST', body, idempotencyKey: keys.for(body) });
          const fresh = await caseRecord(c.id, true);
          render(root, fresh, observations, notice(t('case.step_saved')));
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, fields, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'step-h' }, t('case.add_step')),
    h('div', { class: 'form-grid' }, date.wrap, state.wrap, place.wrap),
    h('div', { class: 'check' }, oxygen, h('label', { for: 'step-oxygen' }, t('case.oxygen'))),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'step-submit' }, t('case.add_step'))),
  );
}
