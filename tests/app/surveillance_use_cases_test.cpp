// The surveillance use-cases end to end on a real store: a rejected input
// stores nothing; a case needs a positive test; a danger sign raises an alert
// with the check; a missed half-day is raised once; the weekly picture counts
// every committed case; home isolation ends only when the rules allow; a
// case shows its risk group; commune care capacity counts households.
#include <gtest/gtest.h>

#include "app/registry_fixture.hpp"
#include "app/surveillance.hpp"
#include "domain/week_index.hpp"

namespace phongdich::testing {
namespace {

RegisterCaseRequest case_of(PersonId person) {
  RegisterCaseRequest request;
  request.person_id = person;
  return request;
}

HandleAlertRequest handling(AlertId id, AlertState to, std::string referred_to = "") {
  HandleAlertRequest request;
  request.id = id;
  request.to = to;
  request.user_id = 1;
  request.referred_to = std::move(referred_to);
  return request;
}

class SurveillanceUseCases : public RegistryTest {
 protected:
  SurveillanceUseCases() : surveillance_(registry()) {}

  TestResult positive_pcr(PersonId person, std::string_view sample) {
    TestResult test;
    test.person_id = person;
    test.kind = TestKind::rt_pcr;
    test.sample_date = day(sample);
    test.result_date = day(sample).plus_days(1);
    test.outcome = TestOutcome::positive;
    return test;
  }

  // A person with a positive PCR (sampled on `sample`) registered as a case.
  CovidCase add_case(PersonId person, std::string_view sample) {
    EXPECT_TRUE(surveillance_.record_test(positive_pcr(person, sample), today()).ok());
    auto registered = surveillance_.register_case(case_of(person), today());
    EXPECT_TRUE(registered.ok()) << (registered.ok() ? "" : registered.violations[0].code);
    return *registered.value;
  }

  Observation check(CaseId id, std::string_view date, HalfDay half = HalfDay::morning) {
    Observation o;
    o.case_id = id;
    o.date = day(date);
    o.half = half;
    o.spo2_percent = 98;
    o.respiratory_rate = 16;
    o.pulse = 80;
    o.temperature_c = 37.0;
    return o;
  }

  Surveillance surveillance_;
};

TEST_F(SurveillanceUseCases, ResultBeforeItsSampleIsRefusedAndNotStored) {
  const PersonId person = add_person({});
  TestResult test = positive_pcr(person, "2022-09-20");
  test.result_date = day("2022-09-19");
  const auto written = surveillance_.record_test(test, today());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.violations[0].field, "result_date");
  EXPECT_FALSE(written.violations[0].message_vi.empty());
  EXPECT_FALSE(written.violations[0].message_en.empty());
  EXPECT_TRUE(registry().store().tests_of(person).empty());
}

TEST_F(SurveillanceUseCases, TestOfAnUnknownPersonIsRefused) {
  const auto written = surveillance_.record_test(positive_pcr(999'999, "2022-09-20"), today());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.violations[0].code, "person.not_found");
}

TEST_F(SurveillanceUseCases, CaseWithoutAPositiveTestIsRefused) {
  const PersonId person = add_person({});
  TestResult negative = positive_pcr(person, "2022-09-20");
  negative.outcome = TestOutcome::negative;
  ASSERT_TRUE(surveillance_.record_test(negative, today()).ok());
  const auto written = surveillance_.register_case(case_of(person), today());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.violations[0].code, "case.no_positive_test");
  EXPECT_EQ(registry().store().case_count(), 0);
}

TEST_F(SurveillanceUseCases, CaseTakesThePersonsCommuneAndTheConfirmingResult) {
  const PersonId person = add_person({});
  const CovidCase c = add_case(person, "2022-09-20");
  EXPECT_EQ(c.area_id, area("vn2022:27208").id);
  EXPECT_EQ(c.confirmed_on, day("2022-09-21"));
  EXPECT_EQ(c.criterion, "pcr_positive");
  EXPECT_EQ(c.state(), CaseState::home_care);
}

TEST_F(SurveillanceUseCases, SecondActiveCaseOfOnePersonIsRefused) {
  const PersonId person = add_person({});
  const CovidCase first = add_case(person, "2022-09-20");
  const auto again = surveillance_.register_case(case_of(person), today());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.violations[0].code, "case.already_active");
  EXPECT_EQ(registry().store().case_count(), 1);
  // Once it has ended, a new infection is a new case.
  ASSERT_TRUE(
      surveillance_
          .add_case_step(first.id, {day("2022-09-28"), CaseState::recovered, "", false}, today())
          .ok());
}

TEST_F(SurveillanceUseCases, DangerSignRaisesAnAlertWithTheCheck) {
  const CovidCase c = add_case(add_person({}), "2022-09-20");
  Observation o = check(c.id, "2022-09-22");
  o.spo2_percent = 93;
  const auto written = surveillance_.record_observation(o, today(), 1'664'000'000'000);
  ASSERT_TRUE(written.ok());
  ASSERT_FALSE(written.value->signs.empty());
  EXPECT_EQ(written.value->signs[0].code, "spo2");
  ASSERT_TRUE(written.value->alert);
  const auto alert = registry().store().care_alert(written.value->alert->id);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->kind, AlertKind::danger_sign);
  EXPECT_EQ(alert->observation_id, written.value->observation.id);
  EXPECT_EQ(alert->signs, "spo2");
  EXPECT_EQ(alert->state, AlertState::open);
}

TEST_F(SurveillanceUseCases, NormalCheckRaisesNothing) {
  const CovidCase c = add_case(add_person({}), "2022-09-20");
  const auto written =
      surveillance_.record_observation(check(c.id, "2022-09-22"), today(), 1'664'000'000'000);
  ASSERT_TRUE(written.ok());
  EXPECT_TRUE(written.value->signs.empty());
  EXPECT_FALSE(written.value->alert);
}

// Bad checks: each refused with its field, and nothing of it stored.
TEST_F(SurveillanceUseCases, ImpossibleOrMistimedChecksAreRefused) {
  const CovidCase c = add_case(add_person({}), "2022-09-20");
  struct Row {
    const char* what;
    std::function<void(Observation&)> change;
    const char* field;
  };
  const Row rows[] = {
      {"SpO2 below 50", [](Observation& o) { o.spo2_percent = 40; }, "spo2"},
      {"SpO2 above 100", [](Observation& o) { o.spo2_percent = 101; }, "spo2"},
      {"a future date", [](Observation& o) { o.date = day("2022-10-01"); }, "date"},
      {"before the case", [](Observation& o) { o.date = day("2022-09-19"); }, "date"},
  };
  for (const Row& row : rows) {
    Observation o = check(c.id, "2022-09-22");
    row.change(o);
    const auto written = surveillance_.record_observation(o, today(), 1'664'000'000'000);
    ASSERT_FALSE(written.ok()) << row.what;
    EXPECT_EQ(written.violations[0].field.substr(0, std::string(row.field).size()), row.field)
        << row.what << ": " << written.violations[0].code;
  }
  EXPECT_EQ(registry().store().observation_count(), 0);
}

TEST_F(SurveillanceUseCases, ChecksAfterDeathAreRefused) {
  const CovidCase c = add_case(add_person({}), "2022-09-20");
  ASSERT_TRUE(
      surveillance_.add_case_step(c.id, {day("2022-09-25"), CaseState::died, "", false}, today())
          .ok());
  const auto written =
      surveillance_.record_observation(check(c.id, "2022-09-26"), today(), 1'664'000'000'000);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(registry().store().observation_count(), 0);
}

TEST_F(SurveillanceUseCases, MissedHalfDaysAreRaisedOnce) {
  const CovidCase c = add_case(add_person({}), "2022-09-27");  // confirmed 09-28
  // Checked on the morning of 09-29; nothing since. Now: 09-30 afternoon.
  ASSERT_TRUE(
      surveillance_.record_observation(check(c.id, "2022-09-29"), today(), 1'664'000'000'000).ok());
  const std::vector<AreaId> communes = {c.area_id};
  const size_t raised =
      surveillance_.raise_missed_checks(communes, today(), HalfDay::afternoon, 1'664'500'000'000);
  EXPECT_EQ(raised, 2u);  // 09-29 afternoon, 09-30 morning
  EXPECT_EQ(
      surveillance_.raise_missed_checks(communes, today(), HalfDay::afternoon, 1'664'600'000'000),
      0u);
  AlertQuery query;
  query.areas = communes;
  const auto alerts = registry().store().search_alerts(query);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].kind, AlertKind::missed_check);
  EXPECT_EQ(alerts[0].date, day("2022-09-29"));
  EXPECT_EQ(alerts[0].half, HalfDay::afternoon);
}

TEST_F(SurveillanceUseCases, AlertIsHandledOnceAndReferralNeedsAKnownFacility) {
  const CovidCase c = add_case(add_person({}), "2022-09-20");
  Observation o = check(c.id, "2022-09-22");
  o.respiratory_rate = 26;
  const AlertId id =
      surveillance_.record_observation(o, today(), 1'664'000'000'000).value->alert->id;
  const auto unknown = surveillance_.handle_alert(handling(id, AlertState::referred, "BV-X"), 1);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.violations[0].code, "facility.not_found");

  Facility hospital;
  hospital.code = "BV-Q11";
  hospital.name = "Bệnh viện Quận 11";
  hospital.area_id = area("vn2022:772").id;
  ASSERT_TRUE(surveillance_.save_facility(hospital).ok());
  const auto referred = surveillance_.handle_alert(handling(id, AlertState::referred, "BV-Q11"), 2);
  ASSERT_TRUE(referred.ok());
  EXPECT_EQ(registry().store().care_alert(id)->referred_to, "BV-Q11");
  const auto again = surveillance_.handle_alert(handling(id, AlertState::acknowledged), 3);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.violations[0].code, "alert.already_handled");
}

TEST_F(SurveillanceUseCases, WeeklyPictureCountsEveryCommittedCase) {
  const CovidCase first = add_case(add_person({}), "2022-09-20");
  const auto& before = surveillance_.picture();  // loaded from the store: one case
  const WeekIndex week = week_of(day("2022-09-21"));
  const AreaId district = area("vn2022:772").id;
  EXPECT_EQ(before.indicators("vn2022").counts(district, week).new_cases, 1);
  // Written after loading: counted at once, without a reload.
  PersonSpec second;
  second.name = "Trần Thị Bình";
  add_case(add_person(second), "2022-09-20");
  ASSERT_TRUE(surveillance_
                  .add_case_step(first.id, {day("2022-09-23"), CaseState::died, "", false}, today())
                  .ok());
  const WeekCounts counts = surveillance_.picture().indicators("vn2022").counts(district, week);
  EXPECT_EQ(counts.new_cases, 2);
  EXPECT_EQ(counts.deaths, 1);
  EXPECT_EQ(counts.tests, 2);
  // The epidemic curve counts them on the day of their confirmation.
  const Area& district_area = area("vn2022:772");
  const DailyCases daily =
      surveillance_.picture().daily_cases(district_area, day("2022-09-20"), day("2022-09-22"));
  EXPECT_EQ(daily.local, (std::vector<int64_t>{0, 2, 0}));
}

TEST_F(SurveillanceUseCases, IsolationEndsOnlyWhenTheRulesAllowAndTheCaseRecovers) {
  const PersonId person = add_person({});
  const CovidCase c = add_case(person, "2022-09-19");  // confirmed 09-20 (day 0)
  // Day 5: too early, and nothing is stored.
  const auto early = surveillance_.end_isolation(c.id, day("2022-09-25"), today());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.violations[0].code, "isolation.too_early");
  EXPECT_FALSE(registry().store().covid_case(c.id)->isolation_ended_on.has_value());
  // The station's view says what is needed.
  const CaseOutlook before = surveillance_.outlook(registry().store(), c, today());
  EXPECT_EQ(before.isolation.status, IsolationStatus::awaiting_test);
  EXPECT_EQ(before.isolation.date, day("2022-09-27"));

  // A negative supervised rapid test on day 8 ends it.
  TestResult negative;
  negative.person_id = person;
  negative.kind = TestKind::rapid_antigen;
  negative.sample_date = negative.result_date = day("2022-09-28");
  negative.outcome = TestOutcome::negative;
  negative.supervised = true;
  ASSERT_TRUE(surveillance_.record_test(negative, today()).ok());
  const auto ended = surveillance_.end_isolation(c.id, day("2022-09-28"), today());
  ASSERT_TRUE(ended.ok()) << ended.violations[0].code;
  const CovidCase stored = *registry().store().covid_case(c.id);
  EXPECT_EQ(stored.isolation_ended_on, day("2022-09-28"));
  EXPECT_EQ(stored.state(), CaseState::recovered);
  EXPECT_EQ(stored.steps.back().date, day("2022-09-28"));
  // It starts the 12-month follow-up list.
  CaseQuery follow_up;
  follow_up.recovered_since = day("2022-01-01");
  EXPECT_EQ(registry().store().search_cases(follow_up).size(), 1u);
  // Once only.
  const auto again = surveillance_.end_isolation(c.id, day("2022-09-29"), today());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.violations[0].code, "isolation.already_ended");
}

TEST_F(SurveillanceUseCases, CaseOutlookGivesTheRiskGroupWithItsReasons) {
  PersonSpec old_and_ill;
  old_and_ill.birth = "1945-05-01";
  old_and_ill.comorbidity = 3;
  const CovidCase c = add_case(add_person(old_and_ill), "2022-09-20");
  const CaseOutlook calm = surveillance_.outlook(registry().store(), c, today());
  EXPECT_GT(calm.risk.points, 0);
  EXPECT_FALSE(calm.risk.reasons_vi.empty());
  EXPECT_FALSE(calm.risk.version_id.empty());
  // A danger sign at the latest check puts the patient in the top group.
  Observation o = check(c.id, "2022-09-22");
  o.spo2_percent = 93;
  ASSERT_TRUE(surveillance_.record_observation(o, today(), 1'664'000'000'000).ok());
  const CaseOutlook alarmed = surveillance_.outlook(registry().store(), c, today());
  EXPECT_EQ(alarmed.risk.group, ProgressionRisk::very_high);
  EXPECT_GE(static_cast<int>(alarmed.risk.group), static_cast<int>(calm.risk.group));
}

TEST_F(SurveillanceUseCases, CareCapacityCountsHouseholdsAndThoseWithAPatient) {
  // Three households in Phường 15; one has a member in home care.
  std::vector<PersonId> people;
  for (int i = 0; i < 3; ++i) {
    PersonSpec spec;
    spec.name = "Người Số " + std::to_string(i);
    const RegisterPersonResult r =
        registry().register_person(make_person(spec), "HH-" + std::to_string(i));
    ASSERT_TRUE(r.id.has_value());
    people.push_back(*r.id);
  }
  add_case(people[0], "2022-09-27");
  Facility station;
  station.code = "TYT-P15";
  station.name = "Trạm Y tế Phường 15";
  station.area_id = area("vn2022:27208").id;
  station.kind = FacilityKind::commune_station;
  station.home_care_households = 1;
  ASSERT_TRUE(surveillance_.save_facility(station).ok());

  const auto capacity =
      surveillance_.care_capacity(registry().store(), "vn2022", today(), 1'664'000'000'000);
  ASSERT_EQ(capacity.size(), 1u);
  const CommuneCareCapacity& p15 = capacity[0];
  EXPECT_EQ(p15.commune, area("vn2022:27208").id);
  EXPECT_EQ(p15.households, 3);
  EXPECT_EQ(p15.households_with_patient, 1);
  EXPECT_EQ(p15.capacity_households, 1);
  // 1 of 3 households is 3,333 per 10,000: above the target of 500.
  ASSERT_TRUE(p15.capacity.capacity_per_10k.has_value());
  EXPECT_NEAR(*p15.capacity.capacity_per_10k, 3333.3, 0.1);
  EXPECT_TRUE(p15.capacity.met);
  EXPECT_FALSE(p15.capacity.overloaded);

  // Counted in the commune of the 2025 tree that holds Phường 15 now.
  const auto in_2025 =
      surveillance_.care_capacity(registry().store(), "vn2025", today(), 1'664'000'000'000);
  ASSERT_EQ(in_2025.size(), 1u);
  EXPECT_EQ(in_2025[0].households, 3);
  EXPECT_EQ(registry().areas().find(in_2025[0].commune)->tree, "vn2025");
}

TEST_F(SurveillanceUseCases, ACapacityForHomeCareIsOnlyForCommuneStations) {
  Facility hospital;
  hospital.code = "BV-Q11";
  hospital.name = "Bệnh viện Quận 11";
  hospital.area_id = area("vn2022:772").id;
  hospital.home_care_households = 10;
  const auto saved = surveillance_.save_facility(hospital);
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.violations[0].code, "facility.home_care_households");
  EXPECT_TRUE(registry().store().facilities().empty());
}

TEST_F(SurveillanceUseCases, ACaseRegisteredLateHasItsMissedHalfDaysRaisedAtOnce) {
  const std::vector<AreaId> communes = {area("vn2022:27208").id};
  // The commune is swept at 09-30 afternoon: nothing to raise yet.
  EXPECT_EQ(
      surveillance_.raise_missed_checks(communes, today(), HalfDay::afternoon, 1'664'500'000'000),
      0u);
  // A case confirmed 09-28 is registered afterwards, in the same half-day:
  // its missed half-days (09-29 both, 09-30 morning) are raised by the next sweep.
  add_case(add_person({}), "2022-09-27");
  EXPECT_EQ(
      surveillance_.raise_missed_checks(communes, today(), HalfDay::afternoon, 1'664'500'100'000),
      3u);
}

}  // namespace
}  // namespace phongdich::testing
