// Registering a person in a commune of the user's area.
import { api, ApiError, IdempotencyKeys } from '../api';
import { communePicker } from '../area_picker';
import { field, h, setError } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';
import { user } from '../session';
import { errorBox, setTitle } from '../ui';
import { showViolations } from './person';

export function registerView(): Node {
  setTitle(t('register.title'));
  let commune: string | null = null;
  const name = field(t('person.name'), h('input', { name: 'full_name', required: true, autocomplete: 'off', maxlength: 200, 'data-testid': 'reg-name' }));
  const sex = field(
    t('person.sex'),
    h('select', { name: 'sex', 'data-testid': 'reg-sex' }, h('option', { value: 'female' }, t('person.female')), h('option', { value: 'male' }, t('person.male'))),
  );
  const birth = field(t('person.birth_date'), h('input', { type: 'date', name: 'birth_date', required: true, 'data-testid': 'reg-birth' }));
  const cid = field(t('person.citizen_id'), h('input', { name: 'citizen_id', inputmode: 'numeric', maxlength: 12, autocomplete: 'off', 'data-testid': 'reg-cid' }), t('register.cid_hint'));
  const phone = field(t('person.phone'), h('input', { name: 'phone', type: 'tel', autocomplete: 'off', maxlength: 15 }));
  const household = field(t('register.household'), h('input', { name: 'household_code', autocomplete: 'off', maxlength: 40 }));
  const areaError = h('span', { class: 'field-error', role: 'alert' });
  const flags = ['pregnant', 'immunodeficient', 'high_exposure', 'other_risk', 'needs_home_visit'] as const;
  const boxes = flags.map((f) => {
    const input = h('input', { type: 'checkbox', name: f, id: `reg-${f}` });
    return { f, input, el: h('div', { class: 'check' }, input, h('label', { for: `reg-${f}` }, t(`person.${f}`))) };
  });
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const fields = { full_name: name, sex, birth_date: birth, citizen_id: cid, phone, household_code: household };
  const form = h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        areaError.textContent = '';
        general.replaceChildren();
        if (!commune) {
          areaError.textContent = t('register.choose_commune');
          return;
        }
        const body: Record<string, unknown> = {
          full_name: (name.control as HTMLInputElement).value.trim(),
          sex: (sex.control as HTMLSelectElement).value,
          birth_date: (birth.control as HTMLInputElement).value,
          area: commune,
        };
        for (const [k, f] of Object.entries({ citizen_id: cid, phone, household_code: household })) {
          const v = (f.control as HTMLInputElement).value.trim();
          if (v) body[k] = v;
        }
        for (const b of boxes) if (b.input.checked) body[b.f] = true;
        try {
          const answer = await api<{ id: number }>('/api/v1/persons', { method: 'POST', body, idempotencyKey: keys.for(body) });
          navigate(`/persons/${answer.id}`);
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, fields, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('div', { class: 'form-grid' }, name.wrap, sex.wrap, birth.wrap, cid.wrap, phone.wrap, household.wrap),
    h('fieldset', null, h('legend', null, t('person.commune')), communePicker(user()!.area, (c) => (commune = c)), areaError),
    h('fieldset', null, h('legend', null, t('person.risks')), boxes.map((b) => b.el)),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'reg-submit' }, t('register.submit'))),
  );
  return h('div', null, h('h1', null, t('register.title')), form);
}
