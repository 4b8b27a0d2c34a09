// Tests, cases with their steps, home-care checks, alerts and facilities read
// back as written, on both stores.
#include <gtest/gtest.h>

#include <map>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

Date day(const char* iso) { return *Date::parse_iso(iso); }

TestResult make_test(PersonId person, const char* sample, TestOutcome outcome,
                     TestKind kind = TestKind::rt_pcr) {
  TestResult test;
  test.person_id = person;
  test.area_id = kBenNghe;
  test.kind = kind;
  test.sample_date = day(sample);
  test.result_date = day(sample).plus_days(1);
  test.outcome = outcome;
  test.site = "CDC TP.HCM";
  return test;
}

CovidCase make_case(PersonId person, const char* confirmed, AreaId area = kBenNghe) {
  CovidCase c;
  c.person_id = person;
  c.area_id = area;
  c.confirmed_on = day(confirmed);
  c.confirming_test = 1;
  c.criterion = "pcr_positive";
  c.steps.push_back({day(confirmed), CaseState::home_care, "", false});
  return c;
}

using SurveillanceStore = StoreTest;

TEST_P(SurveillanceStore, TestsReadBackInSampleOrder) {
  const PersonId person = store_->insert_person(make_person("Lê Văn Một")).id;
  TestResult late = make_test(person, "2022-02-10", TestOutcome::positive, TestKind::sequencing);
  late.variant = "Omicron BA.2";
  late.supervised = true;
  const TestId late_id = store_->insert_test(late);
  const TestId early_id =
      store_->insert_test(make_test(person, "2022-02-01", TestOutcome::negative));

  const std::vector<TestResult> tests = store_->tests_of(person);
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].id, early_id);
  EXPECT_EQ(tests[0].outcome, TestOutcome::negative);
  EXPECT_EQ(tests[1].id, late_id);
  EXPECT_EQ(tests[1].kind, TestKind::sequencing);
  EXPECT_EQ(tests[1].variant, "Omicron BA.2");
  EXPECT_EQ(tests[1].site, "CDC TP.HCM");
  EXPECT_TRUE(tests[1].supervised);
  EXPECT_EQ(tests[1].result_date, day("2022-02-11"));

  std::vector<TestId> scanned;
  store_->scan_tests([&](const TestResult& t) { scanned.push_back(t.id); });
  EXPECT_EQ(scanned, (std::vector<TestId>{late_id, early_id}));
}

TEST_P(SurveillanceStore, CaseKeepsItsStepsAndCurrentState) {
  const PersonId person = store_->insert_person(make_person("Lê Văn Hai")).id;
  CovidCase c = make_case(person, "2022-02-01");
  c.onset_date = day("2022-01-30");
  c.imported = true;
  const CaseId id = store_->insert_case(c);
  store_->append_case_step(id, {day("2022-02-04"), CaseState::hospital, "BV-Q11", true});
  store_->append_case_step(id, {day("2022-02-12"), CaseState::recovered, "", false});
  store_->set_isolation_end(id, day("2022-02-12"));

  const auto read = store_->covid_case(id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->person_id, person);
  EXPECT_EQ(read->onset_date, day("2022-01-30"));
  EXPECT_TRUE(read->imported);
  EXPECT_EQ(read->criterion, "pcr_positive");
  ASSERT_EQ(read->steps.size(), 3u);
  EXPECT_EQ(read->steps[1].place, "BV-Q11");
  EXPECT_TRUE(read->steps[1].oxygen);
  EXPECT_EQ(read->state(), CaseState::recovered);
  EXPECT_EQ(read->ended_on(), day("2022-02-12"));
  EXPECT_EQ(read->isolation_ended_on, day("2022-02-12"));
  EXPECT_EQ(store_->cases_of(person).size(), 1u);
  EXPECT_EQ(store_->case_count(), 1);
  EXPECT_FALSE(store_->covid_case(id + 1000));
}

TEST_P(SurveillanceStore, CaseListsFilterByAreaStateAndRecovery) {
  const PersonId a = store_->insert_person(make_person("Một")).id;
  const PersonId b = store_->insert_person(make_person("Hai", kBenThanh)).id;
  const PersonId c = store_->insert_person(make_person("Ba")).id;
  const CaseId active = store_->insert_case(make_case(a, "2022-03-01"));
  const CaseId elsewhere = store_->insert_case(make_case(b, "2022-03-02", kBenThanh));
  const CaseId recovered = store_->insert_case(make_case(c, "2022-02-01"));
  store_->append_case_step(recovered, {day("2022-02-10"), CaseState::recovered, "", false});

  CaseQuery all;
  std::vector<CaseId> ids;
  for (const CovidCase& x : store_->search_cases(all)) ids.push_back(x.id);
  EXPECT_EQ(ids, (std::vector<CaseId>{elsewhere, active, recovered}));  // newest first

  CaseQuery here;
  here.areas = {kBenNghe};
  here.active_only = true;
  const auto active_here = store_->search_cases(here);
  ASSERT_EQ(active_here.size(), 1u);
  EXPECT_EQ(active_here[0].id, active);
  EXPECT_EQ(active_here[0].steps.size(), 1u);

  CaseQuery follow_up;
  follow_up.recovered_since = day("2022-02-05");
  const auto recovering = store_->search_cases(follow_up);
  ASSERT_EQ(recovering.size(), 1u);
  EXPECT_EQ(recovering[0].id, recovered);
  follow_up.recovered_since = day("2022-02-11");
  EXPECT_TRUE(store_->search_cases(follow_up).empty());

  std::vector<size_t> steps;
  store_->scan_cases([&](const CovidCase& x) { steps.push_back(x.steps.size()); });
  EXPECT_EQ(steps, (std::vector<size_t>{1, 1, 2}));
}

TEST_P(SurveillanceStore, ObservationKeepsEveryMeasurementAndAbsentOnes) {
  const PersonId person = store_->insert_person(make_person("Bốn")).id;
  const CaseId id = store_->insert_case(make_case(person, "2022-02-01"));
  Observation full;
  full.case_id = id;
  full.date = day("2022-02-02");
  full.half = HalfDay::afternoon;
  full.spo2_percent = 95;
  full.respiratory_rate = 22;
  full.pulse = 101;
  full.temperature_c = 38.4;
  full.systolic_mmhg = 118;
  full.diastolic_mmhg = 76;
  full.symptoms.set(static_cast<size_t>(Symptom::cough));
  full.symptoms.set(static_cast<size_t>(Symptom::shortness_of_breath));
  full.entered_by = EnteredBy::patient;
  full.recorded_at_ms = 1'643'800'000'000;
  Observation bare;
  bare.case_id = id;
  bare.date = day("2022-02-02");
  store_->insert_observation(full);
  store_->insert_observation(bare);

  const auto read = store_->observations_of(id);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].half, HalfDay::morning);  // by half-day
  EXPECT_FALSE(read[0].spo2_percent);
  EXPECT_FALSE(read[0].temperature_c);
  const Observation& o = read[1];
  EXPECT_EQ(o.spo2_percent, 95);
  EXPECT_EQ(o.respiratory_rate, 22);
  EXPECT_EQ(o.pulse, 101);
  EXPECT_DOUBLE_EQ(*o.temperature_c, 38.4);
  EXPECT_EQ(o.systolic_mmhg, 118);
  EXPECT_EQ(o.diastolic_mmhg, 76);
  EXPECT_EQ(o.symptoms, full.symptoms);
  EXPECT_EQ(o.entered_by, EnteredBy::patient);
  EXPECT_EQ(o.recorded_at_ms, full.recorded_at_ms);
  EXPECT_EQ(store_->observation_count(), 2);
}

TEST_P(SurveillanceStore, MissedCheckAlertIsRaisedOnceAndHandled) {
  const PersonId person = store_->insert_person(make_person("Năm")).id;
  const CaseId id = store_->insert_case(make_case(person, "2022-02-01"));
  CareAlert missed;
  missed.case_id = id;
  missed.person_id = person;
  missed.area_id = kBenNghe;
  missed.kind = AlertKind::missed_check;
  missed.date = day("2022-02-02");
  missed.half = HalfDay::afternoon;
  const auto first = store_->insert_alert(missed);
  ASSERT_TRUE(first);
  EXPECT_FALSE(store_->insert_alert(missed));  // the sweep ran again
  CareAlert sign = missed;
  sign.kind = AlertKind::danger_sign;
  sign.signs = "spo2,respiratory_rate";
  ASSERT_TRUE(store_->insert_alert(sign));
  ASSERT_TRUE(store_->insert_alert(sign));  // two checks of one half-day may both show signs

  CareAlert handled = *store_->care_alert(*first);
  handled.state = AlertState::referred;
  handled.handled_by = 7;
  handled.handled_at_ms = 1'643'900'000'000;
  handled.referred_to = "BV-Q11";
  handled.note = "khó thở";
  store_->update_alert(handled);

  AlertQuery open;
  open.areas = {kBenNghe};
  open.state = AlertState::open;
  EXPECT_EQ(store_->search_alerts(open).size(), 2u);
  open.areas = {kBenThanh};
  EXPECT_TRUE(store_->search_alerts(open).empty());
  AlertQuery referred;
  referred.state = AlertState::referred;
  const auto found = store_->search_alerts(referred);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].referred_to, "BV-Q11");
  EXPECT_EQ(found[0].note, "khó thở");
  EXPECT_EQ(found[0].handled_by, 7);
  AlertQuery after;
  after.after_id = *first;
  EXPECT_EQ(store_->search_alerts(after).size(), 2u);
}

TEST_P(SurveillanceStore, FacilityUpsertsByCodeAndOccupancyReplacesTheDaysReport) {
  Facility f;
  f.code = "BV-Q11";
  f.name = "Bệnh viện Quận 11";
  f.area_id = kBenNghe;
  f.kind = FacilityKind::hospital;
  f.beds = 200;
  f.icu_beds = 20;
  f.oxygen_beds = 80;
  const FacilityId id = store_->upsert_facility(f);
  f.beds = 250;
  EXPECT_EQ(store_->upsert_facility(f), id);
  Facility station;
  station.code = "TYT-BN";
  station.name = "Trạm Y tế Phường Bến Nghé";
  station.area_id = kBenNghe;
  station.kind = FacilityKind::commune_station;
  station.home_care_households = 150;
  store_->upsert_facility(station);
  const auto all = store_->facilities();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].beds, 250);
  EXPECT_EQ(all[0].kind, FacilityKind::hospital);
  EXPECT_EQ(all[0].home_care_households, 0);
  EXPECT_EQ(all[1].kind, FacilityKind::commune_station);
  EXPECT_EQ(all[1].home_care_households, 150);

  store_->save_occupancy({id, day("2022-02-01"), 100, 10, 30});
  store_->save_occupancy({id, day("2022-02-01"), 120, 12, 35});
  store_->save_occupancy({id, day("2022-02-03"), 90, 9, 20});
  const auto reports = store_->occupancy_between(day("2022-02-01"), day("2022-02-02"));
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].occupied_beds, 120);
  EXPECT_EQ(reports[0].patients_on_oxygen, 35);
}

// Commune care capacity: households per commune, and those with a member in
// home care now, each once however many members are ill.
TEST_P(SurveillanceStore, HouseholdsInHomeCareCountEachHouseholdOnce) {
  const HouseholdId home = store_->upsert_household({0, "HK-01", kBenNghe, ""});
  const HouseholdId next_door = store_->upsert_household({0, "HK-02", kBenNghe, ""});
  const HouseholdId quiet = store_->upsert_household({0, "HK-03", kBenNghe, ""});
  const HouseholdId across = store_->upsert_household({0, "HK-01", kBenThanh, ""});
  (void)quiet;
  const auto person_in = [&](const char* name, HouseholdId household, AreaId area) {
    StoredPerson p = make_person(name, area);
    p.person.household_id = household;
    return store_->insert_person(p).id;
  };
  const PersonId mother = person_in("Lê Thị Hoa", home, kBenNghe);
  const PersonId son = person_in("Phạm Văn Nam", home, kBenNghe);
  const PersonId neighbour = person_in("Đỗ Văn Tú", next_door, kBenNghe);
  const PersonId far = person_in("Vũ Thị Lan", across, kBenThanh);
  store_->insert_case(make_case(mother, "2022-02-01"));
  store_->insert_case(make_case(son, "2022-02-02"));
  // In hospital: not in home care.
  const CaseId in_hospital = store_->insert_case(make_case(neighbour, "2022-02-01"));
  store_->append_case_step(in_hospital, {day("2022-02-03"), CaseState::hospital, "BV-Q1", false});
  // Isolation ended: no longer cared for at home.
  const CaseId ended = store_->insert_case(make_case(far, "2022-02-01", kBenThanh));
  store_->set_isolation_end(ended, day("2022-02-09"));

  std::map<AreaId, int64_t> households, in_home_care;
  for (const AreaCount& c : store_->households_per_area()) households[c.area_id] = c.count;
  for (const AreaCount& c : store_->households_in_home_care()) in_home_care[c.area_id] = c.count;
  EXPECT_EQ(households, (std::map<AreaId, int64_t>{{kBenNghe, 3}, {kBenThanh, 1}}));
  EXPECT_EQ(in_home_care, (std::map<AreaId, int64_t>{{kBenNghe, 1}}));
}

PHONGDICH_ON_EVERY_STORE(SurveillanceStore);

// A database of the version before (registry and accounts) gains the
// surveillance tables on open and keeps its persons.
TEST(SurveillanceMigration, Version3DatabaseGainsTheSurveillanceTables) {
  TempDir dir;
  const std::string path = dir.file("v3.db");
  {
    SqliteDb old_program(path);
    EXPECT_EQ(apply_migrations(old_program, sqlite_migrations().first(3)), 3);
    old_program.exec("INSERT INTO meta(key, value) VALUES ('written_by', 'version 3')");
  }
  SqliteStore store(path);
  EXPECT_EQ(schema_version(store.db()), sqlite_migrations().back().version);
  EXPECT_EQ(store.meta("written_by"), "version 3");
  EXPECT_EQ(store.case_count(), 0);
  EXPECT_EQ(store.observation_count(), 0);
  EXPECT_TRUE(store.facilities().empty());
}

}  // namespace
}  // namespace phongdich::testing
