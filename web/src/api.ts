// The JSON API client: the bearer token, an Idempotency-Key per logical write
// (kept by the caller across retries), and the API's error shape as an exception.

export interface Violation {
  code: string;
  field: string;
  rule: string;
  message_vi: string;
  message_en: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public message_vi: string,
    public message_en: string,
    public violations: Violation[] = [],
  ) {
    super(message_en);
  }
}

let token: string | null = sessionStorage.getItem('phongdich.token');
let onUnauthorized: () => void = () => {};

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem('phongdich.token', value);
  else sessionStorage.removeItem('phongdich.token');
}
export function hasToken(): boolean {
  return token !== null;
}
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

// A fresh key for one logical write; crypto.randomUUID exists only in secure
// contexts (https, localhost), so fall back to getRandomValues elsewhere.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The keys of one form: the same request sent again (after a lost answer)
// carries the same key and is stored once; a corrected request gets a new one
// (the server refuses a key reused for a different request).
export class IdempotencyKeys {
  private keys = new Map<string, string>();
  for(body: unknown): string {
    const text = JSON.stringify(body);
    let key = this.keys.get(text);
    if (!key) {
      key = newIdempotencyKey();
      this.keys.set(text, key);
    }
    return key;
  }
  // After a refusal that may change with the data (a case refused until a
  // positive test is entered), the same request sent later is a new attempt.
  forget(body: unknown): void {
    this.keys.delete(JSON.stringify(body));
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  idempotencyKey?: string;
  contentType?: string;
  raw?: boolean; // answer the text, not JSON
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || options.body instanceof Blob) {
      body = options.body;
      headers['Content-Type'] = options.contentType ?? 'text/csv';
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (method === 'POST' && !path.startsWith('/api/v1/auth/log')) {
    headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  const response = await fetch(path, { method, headers, body });
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await toError(response, path);
  return (options.raw ? await response.text() : await response.json()) as T;
}

export async function toError(response: Response, path: string): Promise<ApiError> {
  let error: ApiError;
  try {
    const json = (await response.json()) as { error: Omit<ApiError, 'violations'> & { violations?: Violation[] } };
    const e = json.error;
    error = new ApiError(response.status, e.code, e.message_vi, e.message_en, e.violations ?? []);
  } catch {
    error = new ApiError(response.status, 'http', `Lỗi ${response.status}`, `Error ${response.status}`);
  }
  if (response.status === 401 && !path.startsWith('/api/v1/auth/login')) onUnauthorized();
  return error;
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

// The shapes the pages read (docs/openapi.json has them all).
export type Role =
  | 'commune_staff'
  | 'district_officer'
  | 'province_officer'
  | 'ministry'
  | 'administrator'
  | 'auditor'
  | 'citizen';

export interface User {
  id: number;
  username: string;
  role: Role;
  area: string;
  person_id?: number | null;
  disabled: boolean;
  locked_until?: string | null;
  created_at: string;
}
export interface Area {
  id: string;
  tree: string;
  code: string;
  name: string;
  level: string;
  parent: string | null;
  official_population?: number;
}
export interface AreaDetail extends Area {
  children: Area[];
  path: Area[];
}
export interface Person {
  id: number;
  external_ref: string | null;
  citizen_id: string | null;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: string;
  area: string;
  household_id: number | null;
  phone: string | null;
  comorbidities: number[];
  pregnant: boolean;
  immunodeficient: boolean;
  high_exposure: boolean;
  other_risk: boolean;
  needs_home_visit?: boolean;
}
export interface Dose {
  id: number;
  person_id: number;
  date: string;
  product: string;
  site_area: string;
  lot: string;
  kind: string;
  number_in_series: number;
  overridden: boolean;
  override?: { reason: string; by: string } | null;
  source: string;
}
export interface Status {
  as_of: string;
  status: string;
  doses_counted: number;
  last_dose_date?: string | null;
  next_kind?: string | null;
  next_due?: string | null;
  next_products: string[];
}
export interface TargetRow {
  id: string;
  name_vi?: string;
  name_en?: string;
  numerator: number;
  denominator: number;
  share: number;
  threshold: number;
  gap: number;
  met: boolean;
}
export interface AgeGroupRow {
  group: string;
  registered: number;
  [status: string]: number | string;
}
export interface Dashboard {
  as_of: string;
  area: Area & { path: Area[] };
  registered: number;
  coverage: { as_of: string; targets_version: string; targets: TargetRow[]; age_groups: AgeGroupRow[] };
  children: { area: Area; registered: number; targets: TargetRow[] }[];
  communes_behind: (TargetRow & { area: Area; registered: number; target: string })[];
  doses_by_week: { week_start: string; primary: number; additional: number; booster1: number; booster2: number }[];
}
export interface DueEntry {
  person_id: number;
  full_name: string;
  birth_date: string;
  phone: string | null;
  status: string;
  next_kind: string;
  next_due: string;
  products: string[];
  days_late: number;
  overdue: boolean;
  priority: number;
  high_risk: boolean;
  age50_plus: boolean;
  home_visit: boolean;
}
export interface DuePage {
  as_of: string;
  commune: Area;
  due_count: number;
  overdue_count: number;
  items: DueEntry[];
  total: number;
  limit: number;
  offset: number;
}
export interface ImportJob {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'finished' | 'failed';
  area: string;
  rows_read: number;
  rows_imported: number;
  rows_already_present: number;
  rows_rejected: number;
  rejected_by_code: Record<string, number>;
  bytes_read: number;
  bytes_total: number;
  seconds?: number;
  status_url: string;
  errors_url: string;
  error?: { code: string; message_vi: string; message_en: string };
}
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  area?: string;
  remote: string;
  outcome: string;
  detail: string;
}

// Surveillance: tests, cases (F0), home-care checks, alerts, facilities
// (src/api/surveillance_json.cpp), and the epidemic reports (src/api/epidemic_routes.cpp).
export type TestKind = 'rapid_antigen' | 'rt_pcr' | 'sequencing';
export type TestOutcome = 'negative' | 'positive' | 'inconclusive';
export type CaseState = 'home_care' | 'hospital' | 'icu' | 'recovered' | 'died';
export type HalfDay = 'morning' | 'afternoon';
export type AlertState = 'open' | 'acknowledged' | 'referred';

export interface TestResult {
  id: number;
  person_id: number;
  area: string;
  kind: TestKind;
  sample_date: string;
  result_date: string;
  outcome: TestOutcome;
  site: string;
  variant: string | null;
  supervised: boolean;
}
export interface CaseStep {
  date: string;
  state: CaseState;
  place: string | null;
  oxygen: boolean;
}
export interface CovidCase {
  id: number;
  person_id: number;
  full_name?: string | null; // in lists

  area: string;
  confirmed_on: string;
  onset_date: string | null;
  confirming_test: number;
  criterion: string;
  imported: boolean;
  state: CaseState;
  active: boolean;
  isolation_ended_on: string | null;
  ended_on: string | null;
  steps: CaseStep[];
}
export interface CaseRecord {
  case: CovidCase;
  person?: {
    id: number;
    full_name: string;
    birth_date: string;
    high_risk: boolean;
    vaccination: Status;
  };
  isolation?: {
    status: 'ended' | 'awaiting_test' | 'extended';
    date: string;
    reason: string;
    rule: string;
    message_vi: string;
    message_en: string;
  };
  risk?: {
    group: 'low' | 'medium' | 'high' | 'very_high';
    points: number;
    colour: string;
    rule_version: string;
    source: string;
    reasons_vi: string[];
    reasons_en: string[];
  };
}
export interface Observation {
  id: number;
  case_id: number;
  date: string;
  half: HalfDay;
  spo2: number | null;
  respiratory_rate: number | null;
  pulse: number | null;
  temperature: number | null;
  systolic: number | null;
  diastolic: number | null;
  symptoms: string[];
  entered_by: 'staff' | 'patient';
  recorded_at: string;
}
export interface DangerSign {
  code: string;
  value: number | null;
  threshold: string;
  message_vi: string;
  message_en: string;
}
export interface CareAlert {
  id: number;
  case_id: number;
  person_id: number;
  full_name?: string | null;

  area: string;
  kind: 'danger_sign' | 'missed_check';
  date: string;
  half: HalfDay;
  observation_id: number | null;
  signs: string[];
  raised_at: string;
  state: AlertState;
  handled_by: number | null;
  handled_at: string | null;
  referred_to: string | null;
  note: string;
}
export interface Occupancy {
  facility: string;
  date: string;
  occupied_beds: number;
  occupied_icu_beds: number;
  patients_on_oxygen: number;
}
export interface Facility {
  id: number;
  code: string;
  name: string;
  area: string;
  kind: 'hospital' | 'field_hospital' | 'treatment_facility' | 'commune_station';
  beds: number;
  icu_beds: number;
  oxygen_beds: number;
  home_care_households: number;
  occupancy?: Occupancy | null;
}
export interface WeekCounts {
  new_cases: number;
  hospitalised: number;
  oxygen: number;
  deaths: number;
  tests: number;
  positive_tests: number;
}
export interface WeekRates {
  new_cases: number;
  hospitalised: number;
  oxygen: number;
  deaths: number;
  tests: number;
  positivity: number | null;
}
export interface LevelReason {
  criterion: string;
  measure: string;
  value: number | null;
  band: string;
  effect: string;
  message_vi: string;
  message_en: string;
}
export interface EpidemicLevel {
  level: number;
  colour: string;
  name_vi: string;
  name_en: string;
  rule_version: string;
  source: string;
  reasons: LevelReason[];
}
export interface AreaWeek {
  area: Area;
  population: number;
  counts: WeekCounts;
  per_100k: WeekRates;
  deaths_alert: boolean;
}
export interface CareCapacity {
  capacity_per_10k: number | null;
  load_per_10k: number | null;
  target_per_10k: number;
  met: boolean | null;
  overloaded: boolean;
  capacity_households: number;
  households: number;
  households_with_patient: number;
  message_vi: string;
  message_en: string;
}
export interface Indicators extends AreaWeek {
  week: { iso: string; monday: string; sunday: string; complete: boolean };
  care_capacity: { communes_assessed: number; communes_meeting_target: number };
  communes: (AreaWeek & { level: EpidemicLevel; care_capacity: CareCapacity | null })[];
}
export interface RtWindow {
  from: string;
  to: string;
  mean: number;
  median: number;
  lower_95: number;
  upper_95: number;
}
export interface EpidemicCurve {
  area: Area;
  days: { date: string; local: number; imported: number }[];
  rt: RtWindow[];
  serial_interval: { mean_days: number; sd_days: number; source: string };
  method: string;
}
