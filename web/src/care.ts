// What the surveillance pages share: the labels of the API's codes (case
// states, tests, symptoms, danger signs, alerts, facilities) and the names of
// the persons behind cases, which the case and alert lists do not carry.
import { api, type CaseRecord } from './api';
import { h } from './dom';
import { t, type Key } from './i18n';

// A code's label, or the code itself when the interface has none (a rule file
// may add a code before the interface knows it).
function label(prefix: string, code: string): string {
  const key = `${prefix}.${code}` as Key;
  const text = t(key);
  return text === key ? code : text;
}

export const caseStates = ['home_care', 'hospital', 'icu', 'recovered', 'died'] as const;
export const activeCareStates = ['home_care', 'hospital', 'icu'] as const;
export const testKinds = ['rt_pcr', 'rapid_antigen', 'sequencing'] as const;
export const testOutcomes = ['positive', 'negative', 'inconclusive'] as const;
// Symptoms that are danger signs by themselves (261/QĐ-BYT), then the usual ones.
export const dangerSymptoms = [
  'shortness_of_breath',
  'chest_pain',
  'consciousness_change',
  'cyanosis',
  'not_drinking_or_feeding',
  'mis_c_signs',
  'new_acute_illness',
  'unstable_condition',
] as const;
export const commonSymptoms = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste_or_smell', 'diarrhoea'] as const;
export const facilityKinds = ['hospital', 'field_hospital', 'treatment_facility', 'commune_station'] as const;

export const caseStateLabel = (state: string) => label('case_state', state);
export const testKindLabel = (kind: string) => label('test_kind', kind);
export const outcomeLabel = (outcome: string) => label('outcome', outcome);
export const symptomLabel = (symptom: string) => label('symptom', symptom);
// A danger sign is a measure out of bounds (sign.*) or a danger symptom.
export const signLabel = (code: string) => (t(`sign.${code}` as Key) === `sign.${code}` ? symptomLabel(code) : label('sign', code));
export const halfLabel = (half: string) => label('half', half);
export const alertKindLabel = (kind: string) => label('alert_kind', kind);
export const alertStateLabel = (state: string) => label('alert_state', state);
export const facilityKindLabel = (kind: string) => label('facility_kind', kind);
export const criterionLabel = (code: string) => label('criterion', code);

export function caseStateBadge(state: string): HTMLElement {
  return h('span', { class: `badge cs-${state}`, 'data-testid': 'case-state' }, caseStateLabel(state));
}

// The case with its person's name, read once per page view. The lists carry
// names; a row without one gets it here after it is on screen (one read each,
// audited as such).
const records = new Map<number, Promise<CaseRecord>>();
export function caseRecord(id: number, fresh = false): Promise<CaseRecord> {
  let found = fresh ? undefined : records.get(id);
  if (!found) {
    found = api<CaseRecord>(`/api/v1/cases/${id}`);
    found.catch(() => records.delete(id));
    records.set(id, found);
  }
  return found;
}

// Elements marked data-case-name="<case id>" get the person's name.
export function fillCaseNames(root: HTMLElement): void {
  root.querySelectorAll<HTMLElement>('[data-case-name]').forEach((el) => {
    void caseRecord(Number(el.dataset.caseName))
      .then((r) => {
        if (r.person) el.textContent = r.person.full_name;
      })
      .catch(() => undefined);
  });
}
