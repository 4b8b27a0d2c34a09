// Registering a case (F0): find the person, enter the test result, register
// the case. The server judges the case definition in force (1909/BYT-DP ...)
// from the person's tests and the facts given; its answer is shown beside the
// field it concerns (the tests, the onset date, the place of care).
import { api, ApiError, IdempotencyKeys, query, type CovidCase, type Facility, type Person, type Status, type TestResult } from '../api';
import { areaName, resolveNames } from '../areas';
import { activeCareStates, caseStateLabel, outcomeLabel, testKindLabel, testKinds, testOutcomes } from '../care';
import { field, formatDate, h, setError } from '../dom';
import { locale, t } from '../i18n';
import { navigate } from '../router';
import { errorBox, notice, setTitle, table } from '../ui';
import { showViolations } from './person';
import { searchKind } from './search';

export async function caseNewView(_params: Record<string, string>, q: URLSearchParams): Promise<Node> {
  setTitle(t('case_new.title'));
  const personId = Number(q.get('person') ?? 0);
  const head = h('h1', null, t('case_new.title'));
  if (!personId) return h('div', { 'data-testid': 'case-new' }, head, findPerson(q.get('q') ?? ''));
  const [record, tests, facilities] = await Promise.all([
    api<{ person: Person; status: Status }>(`/api/v1/persons/${personId}`),
    api<{ items: TestResult[] }>(`/api/v1/persons/${personId}/tests`),
    api<{ items: Facility[] }>('/api/v1/facilities').catch(() => ({ items: [] as Facility[] })),
  ]);
  await resolveNames([record.person.area]).catch(() => undefined);
  const today = record.status.as_of;
  const testsBox = h('div', { 'data-testid': 'tests', tabindex: '-1', class: 'tests-box' });
  const testsField = { wrap: testsBox, error: h('span', { class: 'field-error', role: 'alert', 'data-testid': 'tests-error' }), control: testsBox };
  const showTests = (items: TestResult[]) =>
    testsBox.replaceChildren(
      items.length
        ? table(
            t('case_new.tests'),
            [t('test.kind'), t('test.sample_date'), t('test.result_date'), t('test.outcome'), t('test.site')],
            items.map((x) => [
              testKindLabel(x.kind) + (x.variant ? ` (${x.variant})` : ''),
              formatDate(x.sample_date, locale()),
              formatDate(x.result_date, locale()),
              h('span', { class: x.outcome === 'positive' ? 'badge warn' : 'badge' }, outcomeLabel(x.outcome)),
              x.site || '—',
            ]),
            { 'data-testid': 'tests-table' },
          )
        : h('p', null, t('case_new.no_tests')),
      testsField.error,
    );
  showTests(tests.items);
  return h(
    'div',
    { 'data-testid': 'case-new' },
    head,
    h(
      'p',
      { class: 'summary' },
      h('strong', { class: 'person-name', 'data-testid': 'case-person' }, record.person.full_name),
      ` · ${formatDate(record.person.birth_date, locale())} · ${areaName(record.person.area)} · `,
      h('a', { href: '/cases/new' }, t('case_new.other_person')),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'tests-h' }, h('h2', { id: 'tests-h' }, t('case_new.tests')), testsBox),
    testForm(personId, today, async () => showTests((await api<{ items: TestResult[] }>(`/api/v1/persons/${personId}/tests`)).items)),
    caseForm(personId, today, facilities.items, testsField),
  );
}

// Step 1: the person, by name (without diacritics), citizen ID or phone.
function findPerson(text: string): HTMLElement {
  const input = h('input', { type: 'search', id: 'case-q', name: 'q', value: text, autocomplete: 'off', 'data-testid': 'case-search' });
  const results = h('div', { 'aria-live': 'polite' });
  const run = async (value: string) => {
    if (!value) return;
    const digits = value.replace(/[\s.-]/g, '');
    const kind = searchKind(value);
    const path =
      kind === 'citizen_id'
        ? `/api/v1/persons${query({ citizen_id: digits })}`
        : kind === 'phone'
          ? `/api/v1/persons-by-phone${query({ phone: digits.replace(/^\+84/, '0') })}`
          : `/api/v1/persons${query({ q: value, limit: 20 })}`;
    results.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
    try {
      const page = await api<{ items: Person[] }>(path);
      await resolveNames(page.items.map((p) => p.area)).catch(() => undefined);
      results.replaceChildren(
        page.items.length
          ? table(
              t('search.results'),
              [t('person.name'), t('person.birth_date'), t('person.citizen_id'), t('person.commune')],
              page.items.map((p) => [
                h('a', { href: `/cases/new${query({ person: p.id })}`, class: 'person-name' }, p.full_name),
                formatDate(p.birth_date, locale()),
                p.citizen_id ?? '—',
                areaName(p.area),
              ]),
              { 'data-testid': 'case-search-results' },
            )
          : h('p', null, t('search.none')),
      );
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  };
  if (text) void run(text);
  return h(
    'div',
    null,
    h(
      'form',
      {
        role: 'search',
        class: 'panel search-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          history.replaceState(null, '', `/cases/new${query({ q: input.value.trim() })}`);
          void run(input.value.trim());
        },
      },
      h('h2', null, t('case_new.find')),
      h('label', { for: 'case-q' }, t('search.label')),
      h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))),
      h('span', { class: 'hint' }, t('search.hint')),
    ),
    results,
  );
}

// Step 2: a test result of the person.
function testForm(personId: number, today: string, refresh: () => Promise<void>): HTMLElement {
  const kind = field(t('test.kind'), h('select', { name: 'kind', 'data-testid': 'test-kind' }, testKinds.map((k) => h('option', { value: k }, testKindLabel(k)))));
  const sample = field(t('test.sample_date'), h('input', { type: 'date', name: 'sample_date', value: today, max: today, 'data-testid': 'test-sample' }));
  const resultDate = field(t('test.result_date'), h('input', { type: 'date', name: 'result_date', value: today, max: today, 'data-testid': 'test-result-date' }));
  const outcome = field(t('test.outcome'), h('select', { name: 'outcome', 'data-testid': 'test-outcome' }, testOutcomes.map((o) => h('option', { value: o }, outcomeLabel(o)))));
  const site = field(t('test.site'), h('input', { name: 'site', autocomplete: 'off', maxlength: 120 }));
  const variant = field(t('test.variant'), h('input', { name: 'variant', autocomplete: 'off', maxlength: 40 }), t('test.variant_hint'));
  const supervised = h('input', { type: 'checkbox', id: 'test-supervised', name: 'supervised' });
  const general = h('div', { 'aria-live': 'polite', 'data-testid': 'test-answer' });
  const fields = { kind, sample_date: sample, result_date: resultDate, outcome, site, variant };
  const keys = new IdempotencyKeys();
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'test-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body: Record<string, unknown> = {
          kind: (kind.control as HTMLSelectElement).value,
          sample_date: (sample.control as HTMLInputElement).value,
          result_date: (resultDate.control as HTMLInputElement).value,
          outcome: (outcome.control as HTMLSelectElement).value,
          supervised: supervised.checked,
        };
        for (const [k, f] of Object.entries({ site, variant })) {
          const v = (f.control as HTMLInputElement).value.trim();
          if (v) body[k] = v;
        }
        try {
          await api(`/api/v1/persons/${personId}/tests`, { method: 'POST', body, idempotencyKey: keys.for(body) });
          await refresh();
          general.replaceChildren(notice(t('test.saved')));
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, fields, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'test-h' }, t('test.title')),
    h('div', { class: 'form-grid' }, kind.wrap, sample.wrap, resultDate.wrap, outcome.wrap, site.wrap, variant.wrap),
    h('div', { class: 'check' }, supervised, h('label', { for: 'test-supervised' }, t('test.supervised'))),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'test-submit' }, t('test.submit'))),
  );
}

type Field = { wrap: HTMLElement; error: HTMLElement; control: Element };

// Step 3: the case, confirmed by the server from the tests and these facts.
function caseForm(personId: number, today: string, facilities: Facility[], testsField: Field): HTMLElement {
  const flags = ['close_contact', 'suspected_clinical', 'epidemiological_link', 'imported'] as const;
  const boxes = flags.map((f) => {
    const input = h('input', { type: 'checkbox', name: f, id: `case-${f}`, 'data-testid': `case-${f}` });
    return { f, input, el: h('div', { class: 'check' }, input, h('label', { for: `case-${f}` }, t(`case_new.${f}`))) };
  });
  const onset = field(t('case.onset'), h('input', { type: 'date', name: 'onset_date', max: today, 'data-testid': 'case-onset' }));
  const care = field(t('case_new.care'), h('select', { name: 'care', 'data-testid': 'case-care' }, activeCareStates.map((s) => h('option', { value: s }, caseStateLabel(s)))));
  const placeControl = facilities.length
    ? h('select', { name: 'place', 'data-testid': 'case-place' }, h('option', { value: '' }, t('common.choose')), facilities.map((f) => h('option', { value: f.code }, `${f.name} (${f.code})`)))
    : h('input', { name: 'place', autocomplete: 'off', maxlength: 64, 'data-testid': 'case-place' });
  const place = field(t('case.place'), placeControl, t('case_new.place_hint'));
  const general = h('div', { 'aria-live': 'polite', 'data-testid': 'case-answer' });
  // The violations name the tests, the person (a case already active), the care and its place.
  const fields: Record<string, Field> = { tests: testsField, onset_date: onset, care, state: care, place };
  const keys = new IdempotencyKeys();
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      'aria-labelledby': 'case-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body: Record<string, unknown> = { person_id: personId, care: (care.control as HTMLSelectElement).value };
        for (const b of boxes) if (b.input.checked) body[b.f] = true;
        const onsetValue = (onset.control as HTMLInputElement).value;
        if (onsetValue) body.onset_date = onsetValue;
        const placeValue = (place.control as HTMLInputElement | HTMLSelectElement).value.trim();
        if (placeValue) body.place = placeValue;
        try {
          const answer = await api<{ case: CovidCase }>('/api/v1/cases', { method: 'POST', body, idempotencyKey: keys.for(body) });
          navigate(`/cases/${answer.case.id}`);
        } catch (error) {
          // The answer depends on the tests, which may be entered next: a new key for the next try.
          if (error instanceof ApiError) keys.forget(body);
          if (error instanceof ApiError && error.violations.length) {
            showViolations(error.violations, fields, general);
            if (error.violations.some((v) => v.field === 'tests')) testsField.wrap.scrollIntoView({ block: 'nearest' });
          } else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', { id: 'case-h' }, t('case_new.register')),
    h('p', { class: 'hint' }, t('case_new.definition_hint')),
    h('fieldset', null, h('legend', null, t('case_new.facts')), boxes.map((b) => b.el)),
    h('div', { class: 'form-grid' }, onset.wrap, care.wrap, place.wrap),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'case-submit' }, t('case_new.submit'))),
  );
}
