// SqliteStore: tests, cases and their steps, home-care checks, alerts,
// facilities and occupancy (schema: migration 4 in migrations.cpp). Same class
// and connection as the registry's tables.
#include <cmath>
#include <string>

#include "store/sqlite/sqlite_store.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kTestColumns =
    "id, person_id, area_id, kind, sample_date, result_date, outcome, site, variant, supervised";
constexpr std::string_view kCaseColumns =
    "id, person_id, area_id, confirmed_on, onset_date, confirming_test, criterion, imported, "
    "isolation_ended_on";
constexpr std::string_view kObservationColumns =
    "id, case_id, date, half, spo2, respiratory_rate, pulse, temperature_dc, systolic, diastolic, "
    "symptoms, entered_by, recorded_at_ms";
constexpr std::string_view kAlertColumns =
    "id, case_id, person_id, area_id, kind, date, half, observation_id, signs, raised_at_ms, "
    "state, handled_by, handled_at_ms, referred_to, note";
constexpr std::string_view kFacilityColumns =
    "id, code, name, area_id, kind, beds, icu_beds, oxygen_beds, home_care_households";

std::optional<int64_t> optional_days(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return int64_t{date->days()};
}

std::optional<Date> read_optional_date(const Statement& row, int column) {
  const auto days = row.column_optional_int64(column);
  if (!days) return std::nullopt;
  return Date::from_days(static_cast<int32_t>(*days));
}

Date read_date(const Statement& row, int column) {
  return Date::from_days(static_cast<int32_t>(row.column_int64(column)));
}

std::optional<int64_t> widen(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return int64_t{*value};
}

std::optional<int> narrow(const std::optional<int64_t>& value) {
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

TestResult read_test(const Statement& row) {
  TestResult test;
  test.id = row.column_int64(0);
  test.person_id = row.column_int64(1);
  test.area_id = static_cast<AreaId>(row.column_int64(2));
  test.kind = static_cast<TestKind>(row.column_int64(3));
  test.sample_date = read_date(row, 4);
  test.result_date = read_date(row, 5);
  test.outcome = static_cast<TestOutcome>(row.column_int64(6));
  test.site = row.column_text(7);
  test.variant = row.column_text(8);
  test.supervised = row.column_int64(9) != 0;
  return test;
}

CovidCase read_case(const Statement& row) {
  CovidCase c;
  c.id = row.column_int64(0);
  c.person_id = row.column_int64(1);
  c.area_id = static_cast<AreaId>(row.column_int64(2));
  c.confirmed_on = read_date(row, 3);
  c.onset_date = read_optional_date(row, 4);
  c.confirming_test = row.column_int64(5);
  c.criterion = row.column_text(6);
  c.imported = row.column_int64(7) != 0;
  c.isolation_ended_on = read_optional_date(row, 8);
  return c;
}

Observation read_observation(const Statement& row) {
  Observation o;
  o.id = row.column_int64(0);
  o.case_id = row.column_int64(1);
  o.date = read_date(row, 2);
  o.half = static_cast<HalfDay>(row.column_int64(3));
  o.spo2_percent = narrow(row.column_optional_int64(4));
  o.respiratory_rate = narrow(row.column_optional_int64(5));
  o.pulse = narrow(row.column_optional_int64(6));
  if (const auto tenths = row.column_optional_int64(7))
    o.temperature_c = static_cast<double>(*tenths) / 10.0;
  o.systolic_mmhg = narrow(row.column_optional_int64(8));
  o.diastolic_mmhg = narrow(row.column_optional_int64(9));
  o.symptoms = Symptoms(static_cast<unsigned long long>(row.column_int64(10)));
  o.entered_by = static_cast<EnteredBy>(row.column_int64(11));
  o.recorded_at_ms = row.column_int64(12);
  return o;
}

CareAlert read_alert(const Statement& row) {
  CareAlert a;
  a.id = row.column_int64(0);
  a.case_id = row.column_int64(1);
  a.person_id = row.column_int64(2);
  a.area_id = static_cast<AreaId>(row.column_int64(3));
  a.kind = static_cast<AlertKind>(row.column_int64(4));
  a.date = read_date(row, 5);
  a.half = static_cast<HalfDay>(row.column_int64(6));
  a.observation_id = row.column_int64(7);
  a.signs = row.column_text(8);
  a.raised_at_ms = row.column_int64(9);
  a.state = static_cast<AlertState>(row.column_int64(10));
  a.handled_by = row.column_int64(11);
  a.handled_at_ms = row.column_int64(12);
  a.referred_to = row.column_text(13);
  a.note = row.column_text(14);
  return a;
}

Facility read_facility(const Statement& row) {
  Facility f;
  f.id = row.column_int64(0);
  f.code = row.column_text(1);
  f.name = row.column_text(2);
  f.area_id = static_cast<AreaId>(row.column_int64(3));
  f.kind = static_cast<FacilityKind>(row.column_int64(4));
  f.beds = static_cast<int32_t>(row.column_int64(5));
  f.icu_beds = static_cast<int32_t>(row.column_int64(6));
  f.oxygen_beds = static_cast<int32_t>(row.column_int64(7));
  f.home_care_households = static_cast<int32_t>(row.column_int64(8));
  return f;
}

// " AND <column> IN (?, ?, ...)" for `count` areas; empty for none.
std::string area_filter(std::string_view column, size_t count) {
  if (count == 0) return "";
  std::string sql = " AND ";
  sql += column;
  sql += " IN (";
  for (size_t i = 0; i < count; ++i) sql += i == 0 ? "?" : ", ?";
  sql += ")";
  return sql;
}

}  // namespace

struct SqliteStore::SurveillanceStatements {
  explicit SurveillanceStatements(SqliteDb& db)
      : insert_test(db.prepare(
            "INSERT INTO tests(person_id, area_id, kind, sample_date, result_date, outcome, site, "
            "variant, supervised) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        tests_of(db.prepare(
            select_from(kTestColumns, "FROM tests WHERE person_id = ? ORDER BY sample_date, id"))),
        insert_case(db.prepare(
            "INSERT INTO cases(person_id, area_id, confirmed_on, onset_date, confirming_test, "
            "criterion, imported, isolation_ended_on, state, state_since) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        insert_step(db.prepare(
            "INSERT INTO case_steps(case_id, seq, date, state, place, oxygen) VALUES (?, "
            "(SELECT count(*) FROM case_steps WHERE case_id = ?1), ?, ?, ?, ?)")),
        set_case_state(db.prepare("UPDATE cases SET state = ?2, state_since = ?3 WHERE id = ?1")),
        set_isolation_end(db.prepare("UPDATE cases SET isolation_ended_on = ?2 WHERE id = ?1")),
        case_by_id(db.prepare(select_from(kCaseColumns, "FROM cases WHERE id = ?"))),
        cases_of(db.prepare(
            select_from(kCaseColumns, "FROM cases WHERE person_id = ? ORDER BY confirmed_on, id"))),
        steps_of(db.prepare(
            "SELECT date, state, place, oxygen FROM case_steps WHERE case_id = ? ORDER BY seq")),
        case_count(db.prepare("SELECT count(*) FROM cases")),
        insert_observation(db.prepare(
            "INSERT INTO observations(case_id, date, half, spo2, respiratory_rate, pulse, "
            "temperature_dc, systolic, diastolic, symptoms, entered_by, recorded_at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
        observations_of(db.prepare(select_from(
            kObservationColumns, "FROM observations WHERE case_id = ? ORDER BY date, half, id"))),
        observation_count(db.prepare("SELECT count(*) FROM observations")),
        insert_alert(db.prepare(
            "INSERT INTO care_alerts(case_id, person_id, area_id, kind, date, half, "
            "observation_id, signs, raised_at_ms, state, handled_by, handled_at_ms, referred_to, "
            "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")),
        update_alert(
            db.prepare("UPDATE care_alerts SET state = ?2, handled_by = ?3, handled_at_ms = ?4, "
                       "referred_to = ?5, note = ?6 WHERE id = ?1")),
        alert_by_id(db.prepare(select_from(kAlertColumns, "FROM care_alerts WHERE id = ?"))),
        upsert_facility(db.prepare(
            "INSERT INTO facilities(code, name, area_id, kind, beds, icu_beds, oxygen_beds, "
            "home_care_households) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE "
            "SET name = excluded.name, area_id = excluded.area_id, kind = excluded.kind, "
            "beds = excluded.beds, icu_beds = excluded.icu_beds, "
            "oxygen_beds = excluded.oxygen_beds, "
            "home_care_households = excluded.home_care_households RETURNING id")),
        facilities(db.prepare(select_from(kFacilityColumns, "FROM facilities ORDER BY code"))),
        save_occupancy(db.prepare(
            "INSERT INTO facility_occupancy(facility_id, date, occupied_beds, occupied_icu_beds, "
            "patients_on_oxygen) VALUES (?, ?, ?, ?, ?) ON CONFLICT(date, facility_id) DO UPDATE "
            "SET occupied_beds = excluded.occupied_beds, "
            "occupied_icu_beds = excluded.occupied_icu_beds, "
            "patients_on_oxygen = excluded.patients_on_oxygen")),
        occupancy_between(db.prepare(
            "SELECT facility_id, date, occupied_beds, occupied_icu_beds, patients_on_oxygen "
            "FROM facility_occupancy WHERE date BETWEEN ? AND ? ORDER BY date, facility_id")),
        households_per_area(
            db.prepare("SELECT area_id, count(*) FROM households GROUP BY area_id")),
        // A household counts once however many of its members are in home care.
        households_in_home_care(db.prepare(
            "SELECT h.area_id, count(DISTINCT h.id) FROM cases c "
            "JOIN persons p ON p.id = c.person_id JOIN households h ON h.id = p.household_id "
            "WHERE c.state = 0 AND c.isolation_ended_on IS NULL GROUP BY h.area_id")) {}

  Statement insert_test;
  Statement tests_of;
  Statement insert_case;
  Statement insert_step;
  Statement set_case_state;
  Statement set_isolation_end;
  Statement case_by_id;
  Statement cases_of;
  Statement steps_of;
  Statement case_count;
  Statement insert_observation;
  Statement observations_of;
  Statement observation_count;
  Statement insert_alert;
  Statement update_alert;
  Statement alert_by_id;
  Statement upsert_facility;
  Statement facilities;
  Statement save_occupancy;
  Statement occupancy_between;
  Statement households_per_area;
  Statement households_in_home_care;
};

void SqliteStore::SurveillanceStatementsDeleter::operator()(
    SurveillanceStatements* statements) const {
  delete statements;
}

SqliteStore::SurveillanceStatements& SqliteStore::surveillance_sql() {
  if (!surveillance_sql_) surveillance_sql_.reset(new SurveillanceStatements(db_));
  return *surveillance_sql_;
}

// ---- tests ----

TestId SqliteStore::insert_test(const TestResult& test) {
  Statement& insert = surveillance_sql().insert_test;
  ResetOnExit reset(insert);
  insert.bind(1, test.person_id)
      .bind(2, int64_t{test.area_id})
      .bind(3, int64_t{static_cast<int>(test.kind)})
      .bind(4, int64_t{test.sample_date.days()})
      .bind(5, int64_t{test.result_date.days()})
      .bind(6, int64_t{static_cast<int>(test.outcome)})
      .bind(7, test.site)
      .bind(8, test.variant)
      .bind(9, int64_t{test.supervised ? 1 : 0})
      .run();
  return db_.last_insert_rowid();
}

std::vector<TestResult> SqliteStore::tests_of(PersonId person) {
  Statement& select = surveillance_sql().tests_of;
  ResetOnExit reset(select);
  select.bind(1, person);
  std::vector<TestResult> tests;
  while (select.step()) tests.push_back(read_test(select));
  return tests;
}

void SqliteStore::scan_tests(const std::function<void(const TestResult&)>& visit) {
  Statement scan = db_.prepare(select_from(kTestColumns, "FROM tests ORDER BY id"));
  while (scan.step()) visit(read_test(scan));
}

// ---- cases ----

CaseId SqliteStore::insert_case(const CovidCase& covid_case) {
  CaseId id = 0;
  transaction([&] {
    SurveillanceStatements& sql = surveillance_sql();
    // A case without steps began in home care on the day it was confirmed.
    const std::vector<CaseStep> steps =
        covid_case.steps.empty()
            ? std::vector<CaseStep>{{covid_case.confirmed_on, CaseState::home_care, "", false}}
            : covid_case.steps;
    const CaseStep& current = steps.back();
    {
      ResetOnExit reset(sql.insert_case);
      sql.insert_case.bind(1, covid_case.person_id)
          .bind(2, int64_t{covid_case.area_id})
          .bind(3, int64_t{covid_case.confirmed_on.days()})
          .bind(4, optional_days(covid_case.onset_date))
          .bind(5, covid_case.confirming_test)
          .bind(6, covid_case.criterion)
          .bind(7, int64_t{covid_case.imported ? 1 : 0})
          .bind(8, optional_days(covid_case.isolation_ended_on))
          .bind(9, int64_t{static_cast<int>(current.state)})
          .bind(10, int64_t{current.date.days()})
          .run();
      id = db_.last_insert_rowid();
    }
    for (const CaseStep& step : steps) {
      ResetOnExit reset(sql.insert_step);
      sql.insert_step.bind(1, id)
          .bind(2, int64_t{step.date.days()})
          .bind(3, int64_t{static_cast<int>(step.state)})
          .bind(4, step.place)
          .bind(5, int64_t{step.oxygen ? 1 : 0})
          .run();
    }
  });
  return id;
}

void SqliteStore::append_case_step(CaseId id, const CaseStep& step) {
  transaction([&] {
    SurveillanceStatements& sql = surveillance_sql();
    {
      ResetOnExit reset(sql.insert_step);
      sql.insert_step.bind(1, id)
          .bind(2, int64_t{step.date.days()})
          .bind(3, int64_t{static_cast<int>(step.state)})
          .bind(4, step.place)
          .bind(5, int64_t{step.oxygen ? 1 : 0})
          .run();
    }
    ResetOnExit reset(sql.set_case_state);
    sql.set_case_state.bind(1, id)
        .bind(2, int64_t{static_cast<int>(step.state)})
        .bind(3, int64_t{step.date.days()})
        .run();
    if (db_.changes() == 0) throw StoreError("no case " + std::to_string(id));
  });
}

void SqliteStore::set_isolation_end(CaseId id, std::optional<Date> ended_on) {
  Statement& update = surveillance_sql().set_isolation_end;
  ResetOnExit reset(update);
  update.bind(1, id).bind(2, optional_days(ended_on)).run();
  if (db_.changes() == 0) throw StoreError("no case " + std::to_string(id));
}

void SqliteStore::read_steps(std::vector<CovidCase>& cases) {
  Statement& select = surveillance_sql().steps_of;
  for (CovidCase& c : cases) {
    ResetOnExit reset(select);
    select.bind(1, c.id);
    while (select.step()) {
      c.steps.push_back(CaseStep{read_date(select, 0),
                                 static_cast<CaseState>(select.column_int64(1)),
                                 std::string(select.column_text(2)), select.column_int64(3) != 0});
    }
  }
}

std::optional<CovidCase> SqliteStore::covid_case(CaseId id) {
  std::vector<CovidCase> found;
  {
    Statement& select = surveillance_sql().case_by_id;
    ResetOnExit reset(select);
    select.bind(1, id);
    if (select.step()) found.push_back(read_case(select));
  }
  if (found.empty()) return std::nullopt;
  read_steps(found);
  return std::move(found.front());
}

std::vector<CovidCase> SqliteStore::cases_of(PersonId person) {
  std::vector<CovidCase> cases;
  {
    Statement& select = surveillance_sql().cases_of;
    ResetOnExit reset(select);
    select.bind(1, person);
    while (select.step()) cases.push_back(read_case(select));
  }
  read_steps(cases);
  return cases;
}

std::vector<CovidCase> SqliteStore::search_cases(const CaseQuery& query) {
  if (query.limit == 0) return {};
  std::string sql = select_from(kCaseColumns, "FROM cases WHERE 1 = 1");
  if (query.active_only) sql += " AND state <= 2";
  if (query.recovered_since) sql += " AND state = 3 AND state_since >= ?";
  sql += area_filter("area_id", query.areas.size());
  sql += " ORDER BY confirmed_on DESC, id DESC LIMIT ? OFFSET ?";
  Statement select = db_.prepare(sql);
  int index = 1;
  if (query.recovered_since) select.bind(index++, int64_t{query.recovered_since->days()});
  for (AreaId area : query.areas) select.bind(index++, int64_t{area});
  select.bind(index++, static_cast<int64_t>(query.limit));
  select.bind(index++, static_cast<int64_t>(query.offset));
  std::vector<CovidCase> cases;
  while (select.step()) cases.push_back(read_case(select));
  read_steps(cases);
  return cases;
}

void SqliteStore::scan_cases(const std::function<void(const CovidCase&)>& visit) {
  // Cases and steps read side by side in id order: one pass over each table.
  Statement cases = db_.prepare(select_from(kCaseColumns, "FROM cases ORDER BY id"));
  Statement steps = db_.prepare(
      "SELECT case_id, date, state, place, oxygen FROM case_steps ORDER BY case_id, seq");
  bool step_ready = steps.step();
  while (cases.step()) {
    CovidCase c = read_case(cases);
    while (step_ready && steps.column_int64(0) < c.id) step_ready = steps.step();
    while (step_ready && steps.column_int64(0) == c.id) {
      c.steps.push_back(CaseStep{read_date(steps, 1), static_cast<CaseState>(steps.column_int64(2)),
                                 std::string(steps.column_text(3)), steps.column_int64(4) != 0});
      step_ready = steps.step();
    }
    visit(c);
  }
}

int64_t SqliteStore::case_count() {
  Statement& count = surveillance_sql().case_count;
  ResetOnExit reset(count);
  count.step();
  return count.column_int64(0);
}

// ---- home-care checks ----

ObservationId SqliteStore::insert_observation(const Observation& o) {
  Statement& insert = surveillance_sql().insert_observation;
  ResetOnExit reset(insert);
  std::optional<int64_t> tenths;
  if (o.temperature_c) tenths = static_cast<int64_t>(std::lround(*o.temperature_c * 10.0));
  insert.bind(1, o.case_id)
      .bind(2, int64_t{o.date.days()})
      .bind(3, int64_t{static_cast<int>(o.half)})
      .bind(4, widen(o.spo2_percent))
      .bind(5, widen(o.respiratory_rate))
      .bind(6, widen(o.pulse))
      .bind(7, tenths)
      .bind(8, widen(o.systolic_mmhg))
      .bind(9, widen(o.diastolic_mmhg))
      .bind(10, static_cast<int64_t>(o.symptoms.to_ullong()))
      .bind(11, int64_t{static_cast<int>(o.entered_by)})
      .bind(12, o.recorded_at_ms)
      .run();
  return db_.last_insert_rowid();
}

std::vector<Observation> SqliteStore::observations_of(CaseId id) {
  Statement& select = surveillance_sql().observations_of;
  ResetOnExit reset(select);
  select.bind(1, id);
  std::vector<Observation> observations;
  while (select.step()) observations.push_back(read_observation(select));
  return observations;
}

int64_t SqliteStore::observation_count() {
  Statement& count = surveillance_sql().observation_count;
  ResetOnExit reset(count);
  count.step();
  return count.column_int64(0);
}

// ---- alerts ----

std::optional<AlertId> SqliteStore::insert_alert(const CareAlert& a) {
  Statement& insert = surveillance_sql().insert_alert;
  ResetOnExit reset(insert);
  insert.bind(1, a.case_id)
      .bind(2, a.person_id)
      .bind(3, int64_t{a.area_id})
      .bind(4, int64_t{static_cast<int>(a.kind)})
      .bind(5, int64_t{a.date.days()})
      .bind(6, int64_t{static_cast<int>(a.half)})
      .bind(7, a.observation_id)
      .bind(8, a.signs)
      .bind(9, a.raised_at_ms)
      .bind(10, int64_t{static_cast<int>(a.state)})
      .bind(11, a.handled_by)
      .bind(12, a.handled_at_ms)
      .bind(13, a.referred_to)
      .bind(14, a.note)
      .run();
  if (db_.changes() == 0) return std::nullopt;
  return db_.last_insert_rowid();
}

void SqliteStore::update_alert(const CareAlert& a) {
  Statement& update = surveillance_sql().update_alert;
  ResetOnExit reset(update);
  update.bind(1, a.id)
      .bind(2, int64_t{static_cast<int>(a.state)})
      .bind(3, a.handled_by)
      .bind(4, a.handled_at_ms)
      .bind(5, a.referred_to)
      .bind(6, a.note)
      .run();
  if (db_.changes() == 0) throw StoreError("no alert " + std::to_string(a.id));
}

std::optional<CareAlert> SqliteStore::care_alert(AlertId id) {
  Statement& select = surveillance_sql().alert_by_id;
  ResetOnExit reset(select);
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return read_alert(select);
}

std::vector<CareAlert> SqliteStore::search_alerts(const AlertQuery& query) {
  if (query.limit == 0) return {};
  std::string sql = select_from(kAlertColumns, "FROM care_alerts WHERE id > ?");
  if (query.state) sql += " AND state = ?";
  sql += area_filter("area_id", query.areas.size());
  sql += " ORDER BY id LIMIT ?";
  Statement select = db_.prepare(sql);
  int index = 1;
  select.bind(index++, query.after_id);
  if (query.state) select.bind(index++, int64_t{static_cast<int>(*query.state)});
  for (AreaId area : query.areas) select.bind(index++, int64_t{area});
  select.bind(index++, static_cast<int64_t>(query.limit));
  std::vector<CareAlert> alerts;
  while (select.step()) alerts.push_back(read_alert(select));
  return alerts;
}

// ---- facilities ----

FacilityId SqliteStore::upsert_facility(const Facility& f) {
  Statement& upsert = surveillance_sql().upsert_facility;
  ResetOnExit reset(upsert);
  upsert.bind(1, f.code)
      .bind(2, f.name)
      .bind(3, int64_t{f.area_id})
      .bind(4, int64_t{static_cast<int>(f.kind)})
      .bind(5, int64_t{f.beds})
      .bind(6, int64_t{f.icu_beds})
      .bind(7, int64_t{f.oxygen_beds})
      .bind(8, int64_t{f.home_care_households});
  if (!upsert.step()) throw StoreError("facility " + f.code + " was not saved");
  return upsert.column_int64(0);
}

std::vector<Facility> SqliteStore::facilities() {
  Statement& select = surveillance_sql().facilities;
  ResetOnExit reset(select);
  std::vector<Facility> found;
  while (select.step()) found.push_back(read_facility(select));
  return found;
}

void SqliteStore::save_occupancy(const FacilityOccupancy& o) {
  Statement& save = surveillance_sql().save_occupancy;
  ResetOnExit reset(save);
  save.bind(1, o.facility_id)
      .bind(2, int64_t{o.date.days()})
      .bind(3, int64_t{o.occupied_beds})
      .bind(4, int64_t{o.occupied_icu_beds})
      .bind(5, int64_t{o.patients_on_oxygen})
      .run();
}

std::vector<FacilityOccupancy> SqliteStore::occupancy_between(Date from, Date to) {
  Statement& select = surveillance_sql().occupancy_between;
  ResetOnExit reset(select);
  select.bind(1, int64_t{from.days()}).bind(2, int64_t{to.days()});
  std::vector<FacilityOccupancy> reports;
  while (select.step()) {
    reports.push_back(FacilityOccupancy{select.column_int64(0), read_date(select, 1),
                                        static_cast<int32_t>(select.column_int64(2)),
                                        static_cast<int32_t>(select.column_int64(3)),
                                        static_cast<int32_t>(select.column_int64(4))});
  }
  return reports;
}

// ---- commune care capacity ----

namespace {

// Rows of (area id, count).
std::vector<AreaCount> area_counts(Statement& select) {
  ResetOnExit reset(select);
  std::vector<AreaCount> counts;
  while (select.step()) {
    counts.push_back({static_cast<AreaId>(select.column_int64(0)), select.column_int64(1)});
  }
  return counts;
}

}  // namespace

std::vector<AreaCount> SqliteStore::households_per_area() {
  return area_counts(surveillance_sql().households_per_area);
}

std::vector<AreaCount> SqliteStore::households_in_home_care() {
  return area_counts(surveillance_sql().households_in_home_care);
}

}  // namespace phongdich
