// PostgresStore: tests, cases and their steps, home-care checks, alerts,
// facilities and occupancy (schema: migration 4 in postgres_migrations.cpp),
// with the semantics of sqlite/sqlite_store_surveillance.cpp.
#include <cmath>
#include <string>

#include "store/postgres/postgres_store.hpp"

namespace phongdich {
namespace {

#define TEST_COLUMNS \
  "id, person_id, area_id, kind, sample_date, result_date, outcome, site, variant, supervised"
#define CASE_COLUMNS                                                                         \
  "id, person_id, area_id, confirmed_on, onset_date, confirming_test, criterion, imported, " \
  "isolation_ended_on"
#define OBSERVATION_COLUMNS                                                                       \
  "id, case_id, date, half, spo2, respiratory_rate, pulse, temperature_dc, systolic, diastolic, " \
  "symptoms, entered_by, recorded_at_ms"
#define ALERT_COLUMNS                                                                        \
  "id, case_id, person_id, area_id, kind, date, half, observation_id, signs, raised_at_ms, " \
  "state, handled_by, handled_at_ms, referred_to, note"
#define FACILITY_COLUMNS \
  "id, code, name, area_id, kind, beds, icu_beds, oxygen_beds, home_care_households"
#define PROVINCE_OF_PERSON(param) \
  "coalesce((SELECT province_id FROM persons WHERE id = " param "), 0)"
#define PROVINCE_OF_CASE(param) "coalesce((SELECT province_id FROM cases WHERE id = " param "), 0)"

constexpr PgStatement kInsertTest{
    "insert_test",
    "INSERT INTO tests(province_id, person_id, area_id, kind, sample_date, result_date, outcome, "
    "site, variant, supervised) VALUES (" PROVINCE_OF_PERSON(
        "$1") ", $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr PgStatement kTestsOf{"tests_of", "SELECT " TEST_COLUMNS
                                           " FROM tests WHERE person_id = $1 "
                                           "ORDER BY sample_date, id"};
constexpr PgStatement kInsertCase{
    "insert_case",
    "INSERT INTO cases(province_id, person_id, area_id, confirmed_on, onset_date, "
    "confirming_test, criterion, imported, isolation_ended_on, state, state_since) "
    "VALUES (" PROVINCE_OF_PERSON("$1") ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
constexpr PgStatement kInsertStep{
    "insert_case_step",
    "INSERT INTO case_steps(case_id, province_id, seq, date, state, place, oxygen) "
    "VALUES ($1, " PROVINCE_OF_CASE("$1") ", "
                                          "(SELECT count(*) FROM case_steps WHERE case_id = $1), "
                                          "$2, $3, $4, $5)"};
constexpr PgStatement kSetCaseState{"set_case_state",
                                    "UPDATE cases SET state = $2, state_since = $3 WHERE id = $1"};
constexpr PgStatement kSetIsolationEnd{"set_isolation_end",
                                       "UPDATE cases SET isolation_ended_on = $2 WHERE id = $1"};
constexpr PgStatement kCaseById{"case_by_id", "SELECT " CASE_COLUMNS " FROM cases WHERE id = $1"};
constexpr PgStatement kCasesOf{"cases_of", "SELECT " CASE_COLUMNS
                                           " FROM cases WHERE person_id = $1 "
                                           "ORDER BY confirmed_on, id"};
constexpr PgStatement kStepsOf{"steps_of",
                               "SELECT case_id, date, state, place, oxygen FROM case_steps "
                               "WHERE case_id = ANY($1) ORDER BY case_id, seq"};
constexpr PgStatement kCaseCount{"case_count", "SELECT count(*) FROM cases"};
constexpr PgStatement kInsertObservation{
    "insert_observation",
    "INSERT INTO observations(province_id, case_id, date, half, spo2, respiratory_rate, pulse, "
    "temperature_dc, systolic, diastolic, symptoms, entered_by, recorded_at_ms) "
    "VALUES (" PROVINCE_OF_CASE("$1") ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                                      "RETURNING id"};
constexpr PgStatement kObservationsOf{"observations_of", "SELECT " OBSERVATION_COLUMNS
                                                         " FROM observations WHERE case_id = $1 "
                                                         "ORDER BY date, half, id"};
constexpr PgStatement kObservationCount{"observation_count", "SELECT count(*) FROM observations"};
constexpr PgStatement kInsertAlert{
    "insert_alert",
    "INSERT INTO care_alerts(province_id, case_id, person_id, area_id, kind, date, half, "
    "observation_id, signs, raised_at_ms, state, handled_by, handled_at_ms, referred_to, note) "
    "VALUES (" PROVINCE_OF_CASE("$1") ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                                      "$14) ON CONFLICT DO NOTHING RETURNING id"};
constexpr PgStatement kUpdateAlert{
    "update_alert",
    "UPDATE care_alerts SET state = $2, handled_by = $3, handled_at_ms = $4, referred_to = $5, "
    "note = $6 WHERE id = $1"};
constexpr PgStatement kAlertById{"alert_by_id",
                                 "SELECT " ALERT_COLUMNS " FROM care_alerts WHERE id = $1"};
constexpr PgStatement kUpsertFacility{
    "upsert_facility",
    "INSERT INTO facilities(code, name, area_id, kind, beds, icu_beds, oxygen_beds, "
    "home_care_households) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO UPDATE "
    "SET name = excluded.name, area_id = excluded.area_id, kind = excluded.kind, "
    "beds = excluded.beds, icu_beds = excluded.icu_beds, oxygen_beds = excluded.oxygen_beds, "
    "home_care_households = excluded.home_care_households RETURNING id"};
constexpr PgStatement kFacilities{"facilities",
                                  "SELECT " FACILITY_COLUMNS " FROM facilities ORDER BY code"};
constexpr PgStatement kSaveOccupancy{
    "save_occupancy",
    "INSERT INTO facility_occupancy(facility_id, date, occupied_beds, occupied_icu_beds, "
    "patients_on_oxygen) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (date, facility_id) DO UPDATE "
    "SET occupied_beds = excluded.occupied_beds, occupied_icu_beds = excluded.occupied_icu_beds, "
    "patients_on_oxygen = excluded.patients_on_oxygen"};
constexpr PgStatement kOccupancyBetween{
    "occupancy_between",
    "SELECT facility_id, date, occupied_beds, occupied_icu_beds, patients_on_oxygen "
    "FROM facility_occupancy WHERE date BETWEEN $1 AND $2 ORDER BY date, facility_id"};
constexpr PgStatement kHouseholdsPerArea{
    "households_per_area", "SELECT area_id, count(*) FROM households GROUP BY area_id"};
// A household counts once however many of its members are in home care. The
// joins stay inside one province (a shard).
constexpr PgStatement kHouseholdsInHomeCare{
    "households_in_home_care",
    "SELECT h.area_id, count(DISTINCT h.id) FROM cases c "
    "JOIN persons p ON p.id = c.person_id AND p.province_id = c.province_id "
    "JOIN households h ON h.id = p.household_id AND h.province_id = p.province_id "
    "WHERE c.state = 0 AND c.isolation_ended_on IS NULL GROUP BY h.area_id"};

Date date_at(const PgResult& r, int row, int column) {
  return Date::from_days(static_cast<int32_t>(r.int64(row, column)));
}

std::optional<Date> optional_date_at(const PgResult& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return date_at(r, row, column);
}

std::optional<int> optional_int_at(const PgResult& r, int row, int column) {
  if (r.is_null(row, column)) return std::nullopt;
  return static_cast<int>(r.int64(row, column));
}

std::optional<int64_t> optional_days(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return int64_t{date->days()};
}

std::optional<int64_t> widen(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return int64_t{*value};
}

int64_t number(auto value) { return static_cast<int64_t>(value); }

TestResult read_test(const PgResult& r, int i) {
  TestResult t;
  t.id = r.int64(i, 0);
  t.person_id = r.int64(i, 1);
  t.area_id = static_cast<AreaId>(r.int64(i, 2));
  t.kind = static_cast<TestKind>(r.int64(i, 3));
  t.sample_date = date_at(r, i, 4);
  t.result_date = date_at(r, i, 5);
  t.outcome = static_cast<TestOutcome>(r.int64(i, 6));
  t.site = r.text(i, 7);
  t.variant = r.text(i, 8);
  t.supervised = r.boolean(i, 9);
  return t;
}

CovidCase read_case(const PgResult& r, int i) {
  CovidCase c;
  c.id = r.int64(i, 0);
  c.person_id = r.int64(i, 1);
  c.area_id = static_cast<AreaId>(r.int64(i, 2));
  c.confirmed_on = date_at(r, i, 3);
  c.onset_date = optional_date_at(r, i, 4);
  c.confirming_test = r.int64(i, 5);
  c.criterion = r.text(i, 6);
  c.imported = r.boolean(i, 7);
  c.isolation_ended_on = optional_date_at(r, i, 8);
  return c;
}

Observation read_observation(const PgResult& r, int i) {
  Observation o;
  o.id = r.int64(i, 0);
  o.case_id = r.int64(i, 1);
  o.date = date_at(r, i, 2);
  o.half = static_cast<HalfDay>(r.int64(i, 3));
  o.spo2_percent = optional_int_at(r, i, 4);
  o.respiratory_rate = optional_int_at(r, i, 5);
  o.pulse = optional_int_at(r, i, 6);
  if (!r.is_null(i, 7)) o.temperature_c = static_cast<double>(r.int64(i, 7)) / 10.0;
  o.systolic_mmhg = optional_int_at(r, i, 8);
  o.diastolic_mmhg = optional_int_at(r, i, 9);
  o.symptoms = Symptoms(static_cast<unsigned long long>(r.int64(i, 10)));
  o.entered_by = static_cast<EnteredBy>(r.int64(i, 11));
  o.recorded_at_ms = r.int64(i, 12);
  return o;
}

CareAlert read_alert(const PgResult& r, int i) {
  CareAlert a;
  a.id = r.int64(i, 0);
  a.case_id = r.int64(i, 1);
  a.person_id = r.int64(i, 2);
  a.area_id = static_cast<AreaId>(r.int64(i, 3));
  a.kind = static_cast<AlertKind>(r.int64(i, 4));
  a.date = date_at(r, i, 5);
  a.half = static_cast<HalfDay>(r.int64(i, 6));
  a.observation_id = r.int64(i, 7);
  a.signs = r.text(i, 8);
  a.raised_at_ms = r.int64(i, 9);
  a.state = static_cast<AlertState>(r.int64(i, 10));
  a.handled_by = r.int64(i, 11);
  a.handled_at_ms = r.int64(i, 12);
  a.referred_to = r.text(i, 13);
  a.note = r.text(i, 14);
  return a;
}

PgParams step_params(CaseId id, const CaseStep& step) {
  PgParams params;
  params.add(id)
      .add(int64_t{step.date.days()})
      .add(number(step.state))
      .add(step.place)
      .add_bool(step.oxygen);
  return params;
}

std::vector<int64_t> area_numbers(const std::vector<AreaId>& areas) {
  return std::vector<int64_t>(areas.begin(), areas.end());
}

}  // namespace

// ---- tests ----

TestId PostgresStore::insert_test(const TestResult& t) {
  PgParams params;
  params.add(t.person_id)
      .add(int64_t{t.area_id})
      .add(number(t.kind))
      .add(int64_t{t.sample_date.days()})
      .add(int64_t{t.result_date.days()})
      .add(number(t.outcome))
      .add(t.site)
      .add(t.variant)
      .add_bool(t.supervised);
  return write(kInsertTest, params).int64(0, 0);
}

std::vector<TestResult> PostgresStore::tests_of(PersonId person) {
  const PgResult result = db_.run(kTestsOf, PgParams().add(person));
  std::vector<TestResult> tests;
  for (int i = 0; i < result.rows(); ++i) tests.push_back(read_test(result, i));
  return tests;
}

void PostgresStore::scan_tests(const std::function<void(const TestResult&)>& visit) {
  scan("SELECT " TEST_COLUMNS " FROM tests ORDER BY id", [&](const PgResult& batch) {
    for (int i = 0; i < batch.rows(); ++i) visit(read_test(batch, i));
  });
}

// ---- cases ----

CaseId PostgresStore::insert_case(const CovidCase& c) {
  // A case without steps began in home care on the day it was confirmed.
  const std::vector<CaseStep> steps =
      c.steps.empty() ? std::vector<CaseStep>{{c.confirmed_on, CaseState::home_care, "", false}}
                      : c.steps;
  CaseId id = 0;
  transaction([&] {
    PgParams params;
    params.add(c.person_id)
        .add(int64_t{c.area_id})
        .add(int64_t{c.confirmed_on.days()})
        .add(optional_days(c.onset_date))
        .add(c.confirming_test)
        .add(c.criterion)
        .add_bool(c.imported)
        .add(optional_days(c.isolation_ended_on))
        .add(number(steps.back().state))
        .add(int64_t{steps.back().date.days()});
    id = write(kInsertCase, params).int64(0, 0);
    for (const CaseStep& step : steps) write(kInsertStep, step_params(id, step));
  });
  return id;
}

void PostgresStore::append_case_step(CaseId id, const CaseStep& step) {
  const PgParams state = PgParams().add(id).add(number(step.state)).add(int64_t{step.date.days()});
  const PgParams row = step_params(id, step);
  const auto results =
      write({PgCall{&kSetCaseState, &state, nullptr}, PgCall{&kInsertStep, &row, nullptr}});
  (void)results;
}

void PostgresStore::set_isolation_end(CaseId id, std::optional<Date> ended_on) {
  if (write(kSetIsolationEnd, PgParams().add(id).add(optional_days(ended_on))).affected_rows() ==
      0) {
    throw StoreError("no case " + std::to_string(id));
  }
}

void PostgresStore::read_case_steps(std::vector<CovidCase>& cases) {
  if (cases.empty()) return;
  std::vector<int64_t> ids;
  ids.reserve(cases.size());
  for (const CovidCase& c : cases) ids.push_back(c.id);
  const PgResult result = db_.run(kStepsOf, PgParams().add_array(ids));
  for (int i = 0; i < result.rows(); ++i) {
    const CaseId id = result.int64(i, 0);
    for (CovidCase& c : cases) {
      if (c.id != id) continue;
      c.steps.push_back(CaseStep{date_at(result, i, 1), static_cast<CaseState>(result.int64(i, 2)),
                                 std::string(result.text(i, 3)), result.boolean(i, 4)});
      break;
    }
  }
}

std::optional<CovidCase> PostgresStore::covid_case(CaseId id) {
  const PgResult result = db_.run(kCaseById, PgParams().add(id));
  if (result.empty()) return std::nullopt;
  std::vector<CovidCase> found{read_case(result, 0)};
  read_case_steps(found);
  return std::move(found.front());
}

std::vector<CovidCase> PostgresStore::cases_of(PersonId person) {
  const PgResult result = db_.run(kCasesOf, PgParams().add(person));
  std::vector<CovidCase> cases;
  for (int i = 0; i < result.rows(); ++i) cases.push_back(read_case(result, i));
  read_case_steps(cases);
  return cases;
}

std::vector<CovidCase> PostgresStore::search_cases(const CaseQuery& query) {
  if (query.limit == 0) return {};
  std::string sql = "SELECT " CASE_COLUMNS " FROM cases WHERE true";
  PgParams params;
  int index = 1;
  if (query.active_only) sql += " AND state <= 2";
  if (query.recovered_since) {
    sql += " AND state = 3 AND state_since >= $" + std::to_string(index++);
    params.add(int64_t{query.recovered_since->days()});
  }
  if (!query.areas.empty()) {
    sql += " AND area_id = ANY($" + std::to_string(index++) + ")";
    params.add_array(area_numbers(query.areas));
  }
  sql += " ORDER BY confirmed_on DESC, id DESC LIMIT $" + std::to_string(index++);
  sql += " OFFSET $" + std::to_string(index++);
  params.add_count(query.limit).add_count(query.offset);
  const PgResult result = db_.query(sql, params, "search_cases");
  std::vector<CovidCase> cases;
  for (int i = 0; i < result.rows(); ++i) cases.push_back(read_case(result, i));
  read_case_steps(cases);
  return cases;
}

void PostgresStore::scan_cases(const std::function<void(const CovidCase&)>& visit) {
  // One batch of cases, then their steps in one query.
  scan("SELECT " CASE_COLUMNS " FROM cases ORDER BY id", [&](const PgResult& batch) {
    std::vector<CovidCase> cases;
    cases.reserve(static_cast<size_t>(batch.rows()));
    for (int i = 0; i < batch.rows(); ++i) cases.push_back(read_case(batch, i));
    read_case_steps(cases);
    for (const CovidCase& c : cases) visit(c);
  });
}

int64_t PostgresStore::case_count() { return db_.run(kCaseCount).int64(0, 0); }

// ---- home-care checks ----

ObservationId PostgresStore::insert_observation(const Observation& o) {
  std::optional<int64_t> tenths;
  if (o.temperature_c) tenths = static_cast<int64_t>(std::lround(*o.temperature_c * 10.0));
  PgParams params;
  params.add(o.case_id)
      .add(int64_t{o.date.days()})
      .add(number(o.half))
      .add(widen(o.spo2_percent))
      .add(widen(o.respiratory_rate))
      .add(widen(o.pulse))
      .add(tenths)
      .add(widen(o.systolic_mmhg))
      .add(widen(o.diastolic_mmhg))
      .add(static_cast<int64_t>(o.symptoms.to_ullong()))
      .add(number(o.entered_by))
      .add(o.recorded_at_ms);
  return write(kInsertObservation, params).int64(0, 0);
}

std::vector<Observation> PostgresStore::observations_of(CaseId id) {
  const PgResult result = db_.run(kObservationsOf, PgParams().add(id));
  std::vector<Observation> observations;
  for (int i = 0; i < result.rows(); ++i) observations.push_back(read_observation(result, i));
  return observations;
}

int64_t PostgresStore::observation_count() { return db_.run(kObservationCount).int64(0, 0); }

// ---- alerts ----

std::optional<AlertId> PostgresStore::insert_alert(const CareAlert& a) {
  PgParams params;
  params.add(a.case_id)
      .add(a.person_id)
      .add(int64_t{a.area_id})
      .add(number(a.kind))
      .add(int64_t{a.date.days()})
      .add(number(a.half))
      .add(a.observation_id)
      .add(a.signs)
      .add(a.raised_at_ms)
      .add(number(a.state))
      .add(a.handled_by)
      .add(a.handled_at_ms)
      .add(a.referred_to)
      .add(a.note);
  const PgResult result = write(kInsertAlert, params);
  if (result.empty()) return std::nullopt;
  return result.int64(0, 0);
}

void PostgresStore::update_alert(const CareAlert& a) {
  PgParams params;
  params.add(a.id)
      .add(number(a.state))
      .add(a.handled_by)
      .add(a.handled_at_ms)
      .add(a.referred_to)
      .add(a.note);
  if (write(kUpdateAlert, params).affected_rows() == 0) {
    throw StoreError("no alert " + std::to_string(a.id));
  }
}

std::optional<CareAlert> PostgresStore::care_alert(AlertId id) {
  const PgResult result = db_.run(kAlertById, PgParams().add(id));
  if (result.empty()) return std::nullopt;
  return read_alert(result, 0);
}

std::vector<CareAlert> PostgresStore::search_alerts(const AlertQuery& query) {
  if (query.limit == 0) return {};
  std::string sql = "SELECT " ALERT_COLUMNS " FROM care_alerts WHERE id > $1";
  PgParams params;
  params.add(query.after_id);
  int index = 2;
  if (query.state) {
    sql += " AND state = $" + std::to_string(index++);
    params.add(number(*query.state));
  }
  if (!query.areas.empty()) {
    sql += " AND area_id = ANY($" + std::to_string(index++) + ")";
    params.add_array(area_numbers(query.areas));
  }
  sql += " ORDER BY id LIMIT $" + std::to_string(index++);
  params.add_count(query.limit);
  const PgResult result = db_.query(sql, params, "search_alerts");
  std::vector<CareAlert> alerts;
  for (int i = 0; i < result.rows(); ++i) alerts.push_back(read_alert(result, i));
  return alerts;
}

// ---- facilities ----

FacilityId PostgresStore::upsert_facility(const Facility& f) {
  PgParams params;
  params.add(f.code)
      .add(f.name)
      .add(int64_t{f.area_id})
      .add(number(f.kind))
      .add(int64_t{f.beds})
      .add(int64_t{f.icu_beds})
      .add(int64_t{f.oxygen_beds})
      .add(int64_t{f.home_care_households});
  return write(kUpsertFacility, params).int64(0, 0);
}

std::vector<Facility> PostgresStore::facilities() {
  const PgResult r = db_.run(kFacilities);
  std::vector<Facility> found;
  for (int i = 0; i < r.rows(); ++i) {
    found.push_back(
        Facility{r.int64(i, 0), std::string(r.text(i, 1)), std::string(r.text(i, 2)),
                 static_cast<AreaId>(r.int64(i, 3)), static_cast<FacilityKind>(r.int64(i, 4)),
                 static_cast<int32_t>(r.int64(i, 5)), static_cast<int32_t>(r.int64(i, 6)),
                 static_cast<int32_t>(r.int64(i, 7)), static_cast<int32_t>(r.int64(i, 8))});
  }
  return found;
}

void PostgresStore::save_occupancy(const FacilityOccupancy& o) {
  PgParams params;
  params.add(o.facility_id)
      .add(int64_t{o.date.days()})
      .add(int64_t{o.occupied_beds})
      .add(int64_t{o.occupied_icu_beds})
      .add(int64_t{o.patients_on_oxygen});
  write(kSaveOccupancy, params);
}

std::vector<FacilityOccupancy> PostgresStore::occupancy_between(Date from, Date to) {
  const PgResult r =
      db_.run(kOccupancyBetween, PgParams().add(int64_t{from.days()}).add(int64_t{to.days()}));
  std::vector<FacilityOccupancy> reports;
  for (int i = 0; i < r.rows(); ++i) {
    reports.push_back(FacilityOccupancy{
        r.int64(i, 0), date_at(r, i, 1), static_cast<int32_t>(r.int64(i, 2)),
        static_cast<int32_t>(r.int64(i, 3)), static_cast<int32_t>(r.int64(i, 4))});
  }
  return reports;
}

// ---- commune care capacity ----

namespace {

std::vector<AreaCount> area_counts(const PgResult& r) {
  std::vector<AreaCount> counts;
  for (int i = 0; i < r.rows(); ++i) {
    counts.push_back({static_cast<AreaId>(r.int64(i, 0)), r.int64(i, 1)});
  }
  return counts;
}

}  // namespace

std::vector<AreaCount> PostgresStore::households_per_area() {
  return area_counts(db_.run(kHouseholdsPerArea));
}

std::vector<AreaCount> PostgresStore::households_in_home_care() {
  return area_counts(db_.run(kHouseholdsInHomeCare));
}

}  // namespace phongdich
