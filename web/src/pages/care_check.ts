// The twice-daily home-care check, made for a phone: one column, big inputs
// with the numeric keypad, the danger symptoms apart from the usual ones, and
// the server's answer at once: each danger sign in red with its text, and
// whether the health station was alerted. Staff and the patient use it.
import { api, ApiError, IdempotencyKeys, type DangerSign, type CareAlert, type Observation } from '../api';
import { areaName, resolveNames } from '../areas';
import { caseRecord, commonSymptoms, dangerSymptoms, symptomLabel } from '../care';
import { field, formatDate, h, setError } from '../dom';
import { locale, t } from '../i18n';
import { can } from '../session';
import { errorBox, message, setTitle } from '../ui';
import { showViolations } from './person';

interface Recorded {
  observation: Observation;
  danger_signs: DangerSign[];
  alert: CareAlert | null;
}

type Measure = 'spo2' | 'respiratory_rate' | 'pulse' | 'temperature' | 'systolic' | 'diastolic';
const measures: { name: Measure; decimal?: boolean; unit: string }[] = [
  { name: 'spo2', unit: '%' },
  { name: 'respiratory_rate', unit: '/min' },
  { name: 'pulse', unit: '/min' },
  { name: 'temperature', decimal: true, unit: '°C' },
  { name: 'systolic', unit: 'mmHg' },
  { name: 'diastolic', unit: 'mmHg' },
];

export async function careCheckView(params: Record<string, string>): Promise<Node> {
  const id = Number(params.id);
  const record = await caseRecord(id, true);
  const c = record.case;
  await resolveNames([c.area]).catch(() => undefined);
  const L = locale();
  const name = record.person?.full_name ?? `#${c.person_id}`;
  setTitle(`${t('check.title')}: ${name}`);
  // The server's today (the date its status answer is as of), not the phone's clock.
  const today = record.person?.vaccination.as_of ?? new Date().toISOString().slice(0, 10);

  const date = field(t('check.date'), h('input', { type: 'date', name: 'date', value: today, max: today, required: true, 'data-testid': 'check-date' }));
  const morning = new Date().getHours() < 12;
  const halfBox = h(
    'fieldset',
    { class: 'half-choice' },
    h('legend', null, t('check.half')),
    (['morning', 'afternoon'] as const).map((half) => {
      const input = h('input', { type: 'radio', name: 'half', value: half, id: `half-${half}`, checked: (half === 'morning') === morning, 'data-testid': `half-${half}` });
      return h('div', { class: 'big-choice' }, input, h('label', { for: `half-${half}` }, t(`half.${half}`)));
    }),
  );
  const inputs = new Map<Measure, ReturnType<typeof field>>();
  for (const m of measures) {
    const control = h('input', {
      type: 'text',
      name: m.name,
      inputmode: m.decimal ? 'decimal' : 'numeric',
      pattern: m.decimal ? '[0-9]+([.,][0-9])?' : '[0-9]*',
      autocomplete: 'off',
      maxlength: 5,
      'data-testid': `check-${m.name}`,
    });
    inputs.set(m.name, field(`${t(`check.${m.name}`)} (${m.unit})`, control, m.name === 'spo2' ? t('check.spo2_hint') : undefined));
  }
  const symptomBox = (legend: string, names: readonly string[], danger: boolean) =>
    h(
      'fieldset',
      { class: danger ? 'symptoms danger' : 'symptoms' },
      h('legend', null, legend),
      names.map((s) =>
        h(
          'div',
          { class: 'big-check' },
          h('input', { type: 'checkbox', name: 'symptoms', value: s, id: `sym-${s}`, 'data-testid': `sym-${s}` }),
          h('label', { for: `sym-${s}` }, symptomLabel(s)),
        ),
      ),
    );
  const answer = h('div', { 'aria-live': 'assertive', 'data-testid': 'check-result' });
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const submit = h('button', { type: 'submit', class: 'primary big', 'data-testid': 'check-submit' }, t('check.submit'));
  const fields: Record<string, ReturnType<typeof field>> = { date };
  for (const [k, f] of inputs) fields[k] = f;
  // The domain names the measures by their unit (spo2_percent ...); the request by the short name.
  Object.assign(fields, {
    spo2_percent: inputs.get('spo2')!,
    temperature_c: inputs.get('temperature')!,
    systolic_mmhg: inputs.get('systolic')!,
    diastolic_mmhg: inputs.get('diastolic')!,
  });

  const form = h(
    'form',
    {
      class: 'panel care-check',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        general.replaceChildren();
        answer.replaceChildren();
        const body: Record<string, unknown> = {
          date: (date.control as HTMLInputElement).value,
          half: (form.querySelector('input[name=half]:checked') as HTMLInputElement | null)?.value ?? 'morning',
        };
        let bad = false;
        for (const m of measures) {
          const f = inputs.get(m.name)!;
          const text = (f.control as HTMLInputElement).value.trim().replace(',', '.');
          if (!text) continue;
          const value = Number(text);
          if (!Number.isFinite(value) || (!m.decimal && !Number.isInteger(value))) {
            setError(f, t('check.number'));
            bad = true;
            continue;
          }
          body[m.name] = value;
        }
        if (bad) {
          (form.querySelector('[aria-invalid=true]') as HTMLElement | null)?.focus();
          return;
        }
        body.symptoms = [...form.querySelectorAll<HTMLInputElement>('input[name=symptoms]:checked')].map((b) => b.value);
        submit.disabled = true;
        try {
          const recorded = await api<Recorded>(`/api/v1/cases/${id}/observations`, {
            method: 'POST',
            body,
            idempotencyKey: keys.for(body),
          });
          answer.replaceChildren(result(recorded));
          answer.scrollIntoView({ block: 'nearest' });
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, fields, general);
          else general.replaceChildren(errorBox(error));
        } finally {
          submit.disabled = false;
        }
      },
    },
    date.wrap,
    halfBox,
    h('div', { class: 'measures' }, [...inputs.values()].map((f) => f.wrap)),
    symptomBox(t('check.danger_symptoms'), dangerSymptoms, true),
    symptomBox(t('check.other_symptoms'), commonSymptoms, false),
    general,
    h('div', { class: 'buttons' }, submit),
  );
  return h(
    'div',
    { class: 'check-page', 'data-testid': 'care-check' },
    h('h1', null, t('check.title')),
    h(
      'p',
      { class: 'summary' },
      h('strong', { class: 'person-name' }, name),
      ` · ${areaName(c.area)} · F0 ${formatDate(c.confirmed_on, L)}`,
      can('read_personal') ? [' · ', h('a', { href: `/cases/${id}` }, t('check.case_link'))] : '',
    ),
    answer,
    form,
  );
}

// The answer of the server: the danger signs (red, each with its text), or a calm confirmation.
function result(recorded: Recorded): HTMLElement {
  if (recorded.danger_signs.length === 0) {
    return h('div', { class: 'notice ok', role: 'status', 'data-testid': 'check-ok' }, t('check.saved_ok'));
  }
  return h(
    'div',
    { class: 'danger-box', role: 'alert', 'data-testid': 'danger-signs' },
    h('h2', null, t('check.danger_title')),
    h(
      'ul',
      null,
      recorded.danger_signs.map((s) => h('li', { 'data-sign': s.code }, message(s))),
    ),
    h('p', { class: 'danger-advice' }, recorded.alert ? t('check.alert_raised') : t('check.call_station')),
  );
}
