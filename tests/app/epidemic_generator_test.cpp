// The synthetic epidemic (src/synth/epidemic_*): the same seed gives the same
// records, every record passes the checks the use-cases apply, the daily cases
// follow the real series' shape, and the severity rates stay within bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <variant>

#include "app/epidemic_test_population.hpp"
#include "app/generate_epidemic.hpp"
#include "domain/case_confirmation.hpp"
#include "domain/case_step_checks.hpp"
#include "domain/danger_signs.hpp"
#include "domain/isolation_end.hpp"
#include "domain/missed_checks.hpp"
#include "domain/observation_checks.hpp"
#include "domain/test_result_checks.hpp"
#include "rules/case_rules_json.hpp"
#include "rules/home_care_rules_json.hpp"
#include "synth/epidemic_generator.hpp"

namespace phongdich::testing {
namespace {

Date day(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

// Everything one run generated, in order.
struct Generated {
  std::vector<synth::SimulatedCase> cases;
  std::vector<TestResult> contact_tests;
  std::vector<FacilityOccupancy> occupancy;
  std::vector<Facility> facilities;
  synth::EpidemicTotals totals;
  std::vector<double> expected;
};

class EpidemicGeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    case_rules_ =
        new CaseRules(load_case_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/cases.json"));
    home_care_rules_ = new HomeCareRules(
        load_home_care_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/home_care.json"));
    persons_ = new std::vector<synth::EpidemicPerson>(epidemic_test_persons(40'000, 6));
  }
  static void TearDownTestSuite() {
    delete case_rules_;
    delete home_care_rules_;
    delete persons_;
  }

  // Hồ Chí Minh City's series (province 79) for 40,000 people.
  static Generated run(uint64_t seed, Date from, Date to, double scale = 1.0) {
    const synth::CurveInputs curve =
        read_curve_inputs(PHONGDICH_DATA_DIR, "79", static_cast<double>(persons_->size()), scale);
    synth::EpidemicOptions options;
    options.seed = seed;
    options.from = from;
    options.to = to;
    options.expected_daily_cases = synth::expected_daily_cases(curve, from, to);
    options.area = epidemic_test_area(6);
    options.persons = *persons_;
    options.case_rules = case_rules_;
    options.home_care_rules = home_care_rules_;
    options.batch_cases = 500;
    synth::EpidemicGenerator generator(options);
    Generated r;
    r.expected = options.expected_daily_cases;
    synth::EpidemicBatch batch;
    while (generator.next(batch)) {
      for (auto& c : batch.cases) r.cases.push_back(std::move(c));
      for (auto& t : batch.contact_tests) r.contact_tests.push_back(t);
    }
    r.occupancy = generator.occupancy();
    r.facilities = generator.facilities();
    r.totals = generator.totals();
    return r;
  }

  static const synth::EpidemicPerson& person(PersonId id) {
    return (*persons_)[static_cast<size_t>(id - 1)];
  }

  static CaseRules* case_rules_;
  static HomeCareRules* home_care_rules_;
  static std::vector<synth::EpidemicPerson>* persons_;
};
CaseRules* EpidemicGeneratorTest::case_rules_ = nullptr;
HomeCareRules* EpidemicGeneratorTest::home_care_rules_ = nullptr;
std::vector<synth::EpidemicPerson>* EpidemicGeneratorTest::persons_ = nullptr;

// A text of every field of every record, to compare two runs.
std::string fingerprint(const Generated& r) {
  std::ostringstream out;
  const auto test = [&](const TestResult& t) {
    out << t.person_id << ' ' << int(t.kind) << ' ' << t.sample_date.days() << ' '
        << t.result_date.days() << ' ' << int(t.outcome) << ' ' << t.site << ' ' << t.variant << ' '
        << t.supervised << '\n';
  };
  for (const auto& sc : r.cases) {
    const CovidCase& c = sc.covid_case;
    out << c.person_id << ' ' << c.area_id << ' ' << c.confirmed_on.days() << ' '
        << (c.onset_date ? c.onset_date->days() : -1) << ' ' << c.criterion << ' ' << c.imported
        << ' ' << (c.isolation_ended_on ? c.isolation_ended_on->days() : -1) << '\n';
    for (const CaseStep& s : c.steps)
      out << s.date.days() << int(s.state) << s.place << s.oxygen << ';';
    for (const TestResult& t : sc.tests) test(t);
    for (const Observation& o : sc.observations) {
      out << o.date.days() << int(o.half) << o.spo2_percent.value_or(0) << ','
          << o.respiratory_rate.value_or(0) << ',' << o.pulse.value_or(0) << ','
          << o.temperature_c.value_or(0) << ',' << o.systolic_mmhg.value_or(0) << ','
          << o.symptoms.to_ulong() << ',' << o.recorded_at_ms << ';';
    }
    for (const auto& a : sc.alerts)
      out << int(a.alert.kind) << a.alert.signs << int(a.alert.state) << a.observation << ';';
  }
  for (const TestResult& t : r.contact_tests) test(t);
  for (const FacilityOccupancy& o : r.occupancy)
    out << o.facility_id << o.date.days() << o.occupied_beds << o.occupied_icu_beds << ';';
  return out.str();
}

TEST_F(EpidemicGeneratorTest, TheSameSeedGivesTheSameRecordsAndAnotherSeedOthers) {
  const Generated a = run(7, day(2021, 7, 1), day(2021, 8, 31));
  const Generated b = run(7, day(2021, 7, 1), day(2021, 8, 31));
  const Generated c = run(8, day(2021, 7, 1), day(2021, 8, 31));
  ASSERT_GT(a.cases.size(), 500u);
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  EXPECT_NE(fingerprint(a), fingerprint(c));
}

TEST_F(EpidemicGeneratorTest, EveryRecordPassesTheChecksOfTheUseCases) {
  const Date to = day(2022, 4, 30);
  const Generated r = run(3, day(2021, 6, 1), to);
  ASSERT_GT(r.cases.size(), 2'000u);
  std::map<std::string, int> criteria;
  int danger_alerts = 0, missed_alerts = 0, isolation_ends = 0;
  for (const synth::SimulatedCase& sc : r.cases) {
    const CovidCase& c = sc.covid_case;
    SCOPED_TRACE("case of person " + std::to_string(c.person_id) + " confirmed " +
                 c.confirmed_on.iso());
    // Tests: possible dates, and the case definition confirms the case on the
    // day and by the test and criterion the case says.
    std::vector<TestResult> tests = sc.tests;
    for (size_t i = 0; i < tests.size(); ++i) {
      EXPECT_TRUE(check_test_result(tests[i], to).empty());
      EXPECT_EQ(tests[i].person_id, c.person_id);
      tests[i].id = static_cast<TestId>(i + 1);
    }
    const CaseDecision decision = confirm_case(*case_rules_, tests, sc.flags, to);
    const auto* confirmation = std::get_if<CaseConfirmation>(&decision);
    ASSERT_NE(confirmation, nullptr);
    EXPECT_EQ(confirmation->confirmed_on, c.confirmed_on);
    EXPECT_EQ(confirmation->criterion, c.criterion);
    EXPECT_EQ(confirmation->confirming_test, static_cast<TestId>(sc.confirming_test + 1));
    ++criteria[c.criterion];

    // Steps: each one allowed after those before it.
    ASSERT_FALSE(c.steps.empty());
    CovidCase growing = c;
    growing.steps.clear();
    growing.isolation_ended_on.reset();
    for (const CaseStep& step : c.steps) {
      EXPECT_TRUE(check_case_step(growing, step, to).empty())
          << to_string(step.state) << " on " << step.date.iso();
      growing.steps.push_back(step);
    }

    // Isolation ended when the rules say it does.
    if (c.steps.front().state == CaseState::home_care && c.steps.size() == 2 &&
        c.steps.back().state == CaseState::recovered) {
      ASSERT_TRUE(c.isolation_ended_on.has_value());
      CovidCase open = c;
      open.isolation_ended_on.reset();
      const auto& p = person(c.person_id);
      const bool vaccinated = p.primary_complete_on && *p.primary_complete_on <= c.confirmed_on;
      const IsolationEnd end = isolation_end(*home_care_rules_, open, tests, vaccinated, to);
      EXPECT_EQ(end.status, IsolationStatus::ended);
      EXPECT_EQ(end.date, *c.isolation_ended_on);
      ++isolation_ends;
    }

    // Checks: plausible, inside the time followed; an alert for each one with
    // a danger sign, and one for each half-day left without a check.
    std::vector<int32_t> checked;
    std::vector<int32_t> with_signs;
    for (size_t i = 0; i < sc.observations.size(); ++i) {
      const Observation& o = sc.observations[i];
      EXPECT_TRUE(check_observation(o, c, to).empty()) << o.date.iso();
      checked.push_back(half_day_number(o.date, o.half));
      const int age = age_in_years(person(c.person_id).birth_date, o.date);
      if (!danger_signs(*home_care_rules_, age, o).empty()) with_signs.push_back(int32_t(i));
    }
    std::vector<int32_t> alerted, missed;
    for (const synth::SimulatedAlert& a : sc.alerts) {
      if (a.alert.kind == AlertKind::danger_sign) {
        alerted.push_back(a.observation);
        ++danger_alerts;
      } else {
        missed.push_back(half_day_number(a.alert.date, a.alert.half));
        ++missed_alerts;
      }
    }
    EXPECT_EQ(alerted, with_signs);
    std::sort(checked.begin(), checked.end());
    EXPECT_EQ(missed, missed_half_days(c, checked, to, HalfDay::afternoon));
  }
  for (const TestResult& t : r.contact_tests) {
    EXPECT_TRUE(check_test_result(t, to).empty());
    EXPECT_EQ(t.outcome, TestOutcome::negative);
  }
  // Both eras of the case definition appear: RT-PCR only before 1909/BYT-DP
  // (15/04/2022), a close contact's rapid test after it.
  EXPECT_GT(criteria["pcr_positive"], 0);
  EXPECT_GT(criteria["contact_rapid_positive"], 0);
  // A few checks show danger signs (those who went to hospital, and some
  // re-measured readings); a well patient's checks never do.
  int64_t checks = 0;
  for (const auto& sc : r.cases) checks += static_cast<int64_t>(sc.observations.size());
  EXPECT_GT(danger_alerts, 0);
  EXPECT_LT(danger_alerts, checks / 50);
  // About 8-12 % of half-days are missed.
  EXPECT_GT(missed_alerts, checks / 20);
  EXPECT_LT(missed_alerts, checks / 6);
  EXPECT_GT(isolation_ends, 1'000);
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

TEST_F(EpidemicGeneratorTest, DailyCasesFollowTheShapeOfTheReportedSeries) {
  const Date from = day(2021, 6, 1), to = day(2022, 1, 21);  // the series' own days
  const Generated r = run(5, from, to);
  const size_t weeks = static_cast<size_t>(to - from + 1) / 7;
  std::vector<double> generated(weeks), reported(weeks);
  for (const auto& sc : r.cases) {
    const auto week = static_cast<size_t>(sc.covid_case.confirmed_on - from) / 7;
    if (week < weeks) generated[week] += 1;
  }
  // The province's reported cases as the file has them, unsmoothed.
  const synth::CurveInputs curve = read_curve_inputs(PHONGDICH_DATA_DIR, "79", 1.0, 1.0);
  for (size_t d = 0; d < weeks * 7; ++d) {
    const Date date = from.plus_days(static_cast<int32_t>(d));
    reported[d / 7] += curve.local.cases[static_cast<size_t>(date - curve.local.first_day)];
  }
  EXPECT_GT(correlation(generated, reported), 0.95);
  // And the total is the reported incidence per person (within 10 %).
  double expected = 0;
  for (double e : r.expected) expected += e;
  EXPECT_NEAR(static_cast<double>(r.cases.size()), expected, expected * 0.1);
}

TEST_F(EpidemicGeneratorTest, SeverityRatesStayWithinBounds) {
  const Generated r = run(11, day(2021, 6, 1), day(2022, 6, 30), 2.0);
  struct Count {
    int cases = 0, hospitalised = 0, died = 0;
  };
  Count young, old, unprotected_adults, boosted_adults, delta, omicron;
  for (const auto& sc : r.cases) {
    const CovidCase& c = sc.covid_case;
    if (c.active()) continue;
    // Mild cases were isolated in field hospitals until home care began
    // (21/08/2021): admissions are compared from September 2021 on.
    const bool admitted = std::any_of(c.steps.begin(), c.steps.end(), [](const CaseStep& s) {
      return s.state == CaseState::hospital || s.state == CaseState::icu;
    });
    const bool died = c.state() == CaseState::died;
    const auto& p = person(c.person_id);
    const auto add = [&](Count& k) {
      ++k.cases;
      k.hospitalised += admitted;
      k.died += died;
    };
    if (c.confirmed_on < day(2022, 1, 1)) add(delta);
    if (c.confirmed_on >= day(2022, 2, 1)) add(omicron);
    if (c.confirmed_on < day(2021, 9, 1)) continue;
    if (sc.age_years < 40) add(young);
    if (sc.age_years >= 60) add(old);
    if (sc.age_years >= 18) {
      const bool boosted = p.booster_on && p.booster_on->plus_days(14) <= c.confirmed_on;
      const bool primary = p.primary_complete_on && *p.primary_complete_on <= c.confirmed_on;
      if (boosted) add(boosted_adults);
      if (!primary) add(unprotected_adults);
    }
  }
  const auto share = [](int part, const Count& k) { return double(part) / std::max(k.cases, 1); };
  ASSERT_GT(delta.cases, 1'000);
  ASSERT_GT(omicron.cases, 500);
  // Deaths of the Delta period: between 0.3 % and 5 % of cases (Hồ Chí Minh
  // City reported 3.9 %, the nation 1.7 %); far fewer with Omicron.
  EXPECT_GT(share(delta.died, delta), 0.003);
  EXPECT_LT(share(delta.died, delta), 0.05);
  EXPECT_LT(share(omicron.died, omicron), share(delta.died, delta) / 2);
  // Older people are admitted and die more; vaccination protects.
  EXPECT_GT(share(old.hospitalised, old), 3 * share(young.hospitalised, young));
  EXPECT_GT(share(old.died, old), 5 * share(young.died, young));
  EXPECT_LT(share(boosted_adults.hospitalised, boosted_adults),
            share(unprotected_adults.hospitalised, unprotected_adults) / 2);
  // A small share is imported.
  EXPECT_GT(r.totals.imported, 0);
  EXPECT_LT(double(r.totals.imported) / double(r.totals.cases), 0.03);
  // Occupancy: two hospitals reported each day; never negative, some days full.
  EXPECT_EQ(r.occupancy.size(), 2u * static_cast<size_t>(day(2022, 6, 30) - day(2021, 6, 1) + 1));
  int32_t peak = 0;
  for (const auto& o : r.occupancy) {
    EXPECT_GE(o.occupied_beds, o.occupied_icu_beds);
    peak = std::max(peak, o.occupied_beds);
  }
  EXPECT_GT(peak, 0);
}

// Back-log days are removed from the curve; the assumed 2022 course has its
// Omicron peak in March.
TEST(EpidemicCurve, BacklogDaysAreRemovedAndTheAssumedCourseGoesOn) {
  std::vector<double> series(30, 100.0);
  series[15] = 5'000;  // a back-log day
  const std::vector<double> smoothed = synth::smoothed_reported_cases(series);
  for (double v : smoothed) EXPECT_NEAR(v, 100.0, 1e-9);

  EXPECT_GT(synth::assumed_national_daily_cases(day(2022, 3, 15)), 100'000);
  EXPECT_LT(synth::assumed_national_daily_cases(day(2022, 9, 15)), 5'000);
  EXPECT_GT(synth::assumed_national_daily_cases(day(2022, 9, 15)), 100);

  const synth::CurveInputs curve = read_curve_inputs(PHONGDICH_DATA_DIR, "79", 100'000, 1.0);
  const std::vector<double> expected =
      synth::expected_daily_cases(curve, day(2021, 1, 1), day(2022, 9, 30));
  ASSERT_EQ(expected.size(), static_cast<size_t>(day(2022, 9, 30) - day(2021, 1, 1) + 1));
  EXPECT_EQ(expected.front(), 0.0);  // before the series
  const auto at = [&](Date d) { return expected[static_cast<size_t>(d - day(2021, 1, 1))]; };
  EXPECT_GT(at(day(2021, 8, 20)), at(day(2021, 6, 15)) * 10);  // the Delta wave
  EXPECT_GT(at(day(2022, 3, 15)), at(day(2022, 1, 21)));       // the assumed Omicron wave
  EXPECT_GT(at(day(2022, 9, 15)), 0.0);
}

}  // namespace
}  // namespace phongdich::testing
