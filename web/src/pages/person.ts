// A person's record: details, status and next due dose, doses; and the form
// that records a dose, with the rule checks' answer beside the field they
// concern, and the override with a reason for the roles that may override.
import { api, ApiError, IdempotencyKeys, type Dose, type Person, type Status, type Violation } from '../api';
import { areaName, resolveNames } from '../areas';
import { field, formatDate, h, setError } from '../dom';
import { locale, t } from '../i18n';
import { can } from '../session';
import { errorBox, kindLabel, message, notice, setTitle, statusLabel, table } from '../ui';

interface PersonRecord {
  person: Person;
  doses: Dose[];
  status: Status;
}

export const products = ['PFIZER', 'MODERNA', 'AZ', 'VERO_CELL', 'SPUTNIK_V', 'HAYAT_VAX', 'ABDALA', 'JANSSEN', 'COVAXIN'];

export async function personView(params: Record<string, string>): Promise<Node> {
  const id = Number(params.id);
  const record = await api<PersonRecord>(`/api/v1/persons/${id}`);
  await resolveNames([record.person.area]).catch(() => undefined);
  const root = h('div', { class: 'person', 'data-testid': 'person' });
  render(root, record);
  return root;
}

function render(root: HTMLElement, record: PersonRecord, flash?: Node): void {
  const { person: p, doses, status } = record;
  const L = locale();
  setTitle(p.full_name);
  const risks = [
    p.pregnant && t('person.pregnant'),
    p.immunodeficient && t('person.immunodeficient'),
    p.high_exposure && t('person.high_exposure'),
    p.other_risk && t('person.other_risk'),
    p.comorbidities.length > 0 && `${t('person.comorbidities')}: ${p.comorbidities.join(', ')}`,
  ].filter(Boolean) as string[];
  const facts: [string, string][] = [
    [t('person.birth_date'), formatDate(p.birth_date, L)],
    [t('person.sex'), t(p.sex === 'male' ? 'person.male' : 'person.female')],
    [t('person.citizen_id'), p.citizen_id ?? '—'],
    [t('person.phone'), p.phone ?? '—'],
    [t('person.commune'), areaName(p.area)],
    [t('person.risks'), risks.length ? risks.join('; ') : '—'],
  ];
  const statusCard = h(
    'section',
    { class: 'panel status-card', 'aria-labelledby': 'status-h', 'data-testid': 'status' },
    h('h2', { id: 'status-h' }, t('person.status')),
    h('p', { class: 'status-line' }, h('span', { class: `badge st-${status.status}`, 'data-testid': 'status-value' }, statusLabel(status.status))),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('person.doses_counted')),
      h('dd', null, String(status.doses_counted)),
      h('dt', null, t('person.next_dose')),
      h('dd', { 'data-testid': 'next-dose' }, status.next_kind ? `${kindLabel(status.next_kind)} — ${formatDate(status.next_due, L)}` : '—'),
      h('dt', null, t('person.next_products')),
      h('dd', null, status.next_products.length ? status.next_products.join(', ') : '—'),
      h('dt', null, t('person.as_of')),
      h('dd', null, formatDate(status.as_of, L)),
    ),
  );
  const doseRows = doses.map((d) => [
    formatDate(d.date, L),
    d.product,
    `${kindLabel(d.kind)} ${d.kind === 'primary' ? d.number_in_series : ''}`.trim(),
    d.lot || '—',
    areaName(d.site_area),
    d.overridden
      ? h('span', { class: 'badge warn', title: d.override?.reason ?? '' }, `${t('person.overridden')}${d.override?.reason ? ': ' + d.override.reason : ''}`)
      : '',
  ]);
  root.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'person-name' }, p.full_name),
      h(
        'div',
        { class: 'toolbar' },
        can('write_personal') && h('a', { href: `/cases/new?person=${p.id}`, 'data-testid': 'register-case' }, t('person.register_case')),
        h('a', { href: '/registry' }, t('person.back')),
      ),
    ),
    flash ?? '',
    h(
      'div',
      { class: 'two-col' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'facts-h' },
        h('h2', { id: 'facts-h' }, t('person.details')),
        h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      ),
      statusCard,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'doses-h' },
      h('h2', { id: 'doses-h' }, t('person.doses')),
      doses.length
        ? table(
            t('person.doses'),
            [t('dose.date'), t('dose.product'), t('dose.kind'), t('dose.lot'), t('dose.site'), ''],
            doseRows,
            { 'data-testid': 'doses' },
          )
        : h('p', { 'data-testid': 'no-doses' }, t('person.no_doses')),
    ),
    can('write_personal') ? doseForm(root, record) : '',
  );
}

function doseForm(root: HTMLElement, record: PersonRecord): HTMLElement {
  const { person, status } = record;
  const date = field(t('dose.date'), h('input', { type: 'date', name: 'date', required: true, value: status.as_of, 'data-testid': 'dose-date' }));
  const suggested = status.next_products[0] ?? 'PFIZER';
  const product = field(
    t('dose.product'),
    h(
      'select',
      { name: 'product', 'data-testid': 'dose-product' },
      products.map((code) => h('option', { value: code, selected: code === suggested }, code)),
    ),
    status.next_products.length ? `${t('dose.allowed')}: ${status.next_products.join(', ')}` : undefined,
  );
  const lot = field(t('dose.lot'), h('input', { name: 'lot', autocomplete: 'off', maxlength: 64 }));
  const general = h('div', { 'aria-live': 'polite', 'data-testid': 'dose-result' });
  const reason = field(t('dose.override_reason'), h('textarea', { name: 'reason', rows: 2, maxlength: 500, 'data-testid': 'override-reason' }));
  const overrideBox = h(
    'fieldset',
    { class: 'override', hidden: true },
    h('legend', null, t('dose.override')),
    h('p', { class: 'hint' }, t('dose.override_hint')),
    reason.wrap,
    h('button', { type: 'submit', name: 'override', value: '1', class: 'warn', 'data-testid': 'override-submit' }, t('dose.override_submit')),
  );
  // One key per distinct request: a resend of the same dose (after a network
  // failure) reuses it, so the dose is stored once.
  const keys = new IdempotencyKeys();
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'dose-submit' }, t('dose.submit'));

  const form = h(
    'form',
    {
      class: 'panel dose-form',
      'aria-labelledby': 'dose-h',
      novalidate: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        const withOverride = (e.submitter as HTMLButtonElement | null)?.name === 'override';
        for (const f of [date, product, lot, reason]) setError(f, '');
        general.replaceChildren();
        const body: Record<string, unknown> = {
          date: (date.control as HTMLInputElement).value,
          product: (product.control as HTMLSelectElement).value,
        };
        const lotValue = (lot.control as HTMLInputElement).value.trim();
        if (lotValue) body.lot = lotValue;
        if (withOverride) {
          const why = (reason.control as HTMLTextAreaElement).value.trim();
          if (!why) {
            setError(reason, t('dose.reason_needed'));
            (reason.control as HTMLElement).focus();
            return;
          }
          body.override = { reason: why };
        }
        submit.disabled = true;
        try {
          await api(`/api/v1/persons/${person.id}/doses`, { method: 'POST', body, idempotencyKey: keys.for(body) });
          const fresh = await api<PersonRecord>(`/api/v1/persons/${person.id}`);
          render(root, fresh, notice(withOverride ? t('dose.saved_override') : t('dose.saved')));
        } catch (error) {
          submit.disabled = false;
          if (error instanceof ApiError && error.violations.length) {
            // The API names the date field dose_date (as the import files do).
            showViolations(error.violations, { date, dose_date: date, product, lot, reason, override: reason }, general);
            overrideBox.hidden = !can('override_rules') || !error.violations.every(overridable);
          } else {
            general.replaceChildren(errorBox(error));
          }
        }
      },
    },
    h('h2', { id: 'dose-h' }, t('dose.title')),
    h('div', { class: 'form-grid' }, date.wrap, product.wrap, lot.wrap),
    general,
    h('div', { class: 'buttons' }, submit),
    overrideBox,
  );
  return form;
}

// Data errors are facts, not rules: nobody may override them (app/registry.cpp, overridable()).
function overridable(v: Violation): boolean {
  return !(v.code.startsWith('dose.date.') || v.code.startsWith('request.') || ['dose.product.unknown', 'dose.same_day', 'dose.duplicate'].includes(v.code));
}

type Fields = Record<string, { wrap: HTMLElement; error: HTMLElement; control: Element }>;

// Each broken rule beside its field; those of no field on the form below it.
export function showViolations(violations: Violation[], fields: Fields, general: HTMLElement): void {
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const v of violations) {
    const text = message(v);
    if (fields[v.field]) byField.set(v.field, [...(byField.get(v.field) ?? []), text]);
    else rest.push(`${v.field ? v.field + ': ' : ''}${text}`);
  }
  for (const [name, texts] of byField) setError(fields[name], texts.join(' '));
  if (rest.length) general.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, rest.join(' ')));
  const first = byField.keys().next();
  if (!first.done) (fields[first.value].control as HTMLElement).focus();
}
