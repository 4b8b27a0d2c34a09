#include "synth/epidemic_case_course.hpp"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "domain/case_confirmation.hpp"
#include "domain/danger_signs.hpp"
#include "domain/isolation_end.hpp"
#include "domain/missed_checks.hpp"
#include "synth/epidemic_severity.hpp"
#include "synth/epidemic_vitals.hpp"

namespace phongdich::synth {
namespace {

// ASSUMED shares (data/synth/README.md).
constexpr double kRapidConfirmedContacts = 0.75;  // where a contact's rapid test confirms
constexpr double kRapidBeforePcr2021 = 0.35, kRapidBeforePcr2022 = 0.6;
constexpr double kSequenced = 0.03;
constexpr double kSymptomatic = 0.7, kSymptomaticOmicron = 0.6;
constexpr double kStillPositiveOnDay7 = 0.25, kStillPositiveOnDay7Omicron = 0.15;
constexpr double kAdmittedOnConfirmation = 0.3;  // of the cases needing hospital care
constexpr double kBorderlineCheck = 0.04;        // home-care cases with one re-measured sign
constexpr double kMissedHalfDay = 0.08, kMissedHalfDayElderly = 0.12;
constexpr double kPatientEntersChecks = 0.7;  // of patients aged 12-74
// Mild cases isolated in field hospitals before home care (4038/QĐ-BYT, 21/8/2021).
constexpr double kFieldIsolationJuly2021 = 0.6, kFieldIsolationAugust2021 = 0.25;

Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

std::string variant_on(Date day) {
  if (day < ymd(2021, 4, 27)) return "Alpha";
  if (day < ymd(2022, 1, 15)) return "Delta";
  if (day < ymd(2022, 7, 1)) return "Omicron BA.2";
  return "Omicron BA.5";
}

// Does the case definition in force accept a close contact's one rapid test?
bool contact_rapid_test_confirms(const CaseDefinitionVersion& version) {
  return std::any_of(version.criteria.begin(), version.criteria.end(), [](const CaseCriterion& c) {
    return c.test_kind == TestKind::rapid_antigen && c.positive_tests == 1 &&
           c.needs_close_contact && !c.needs_suspected_clinical && !c.needs_epidemiological_link;
  });
}

TestResult make_test(const EpidemicPerson& person, TestKind kind, Date sample, Date result,
                     TestOutcome outcome, const std::string& site, bool supervised) {
  TestResult t;
  t.person_id = person.id;
  t.area_id = person.commune;
  t.kind = kind;
  t.sample_date = sample;
  t.result_date = result;
  t.outcome = outcome;
  t.site = site;
  t.supervised = supervised;
  return t;
}

Date after(Rng& rng, Date day, int lo, int hi) { return day.plus_days(rng.between(lo, hi)); }

// The planned course of care, before it is cut at the last simulated day.
struct CarePlan {
  std::vector<CaseStep> steps;
  std::optional<Date> admission;    // into hospital from home care (or at confirmation)
  bool admitted_from_home = false;  // a danger-sign check came first
  bool field_isolation = false;
};

CarePlan plan_hospital_care(Rng& rng, Date confirmed_on, bool oxygen, bool icu, bool died,
                            const CourseSetting& s) {
  CarePlan plan;
  const auto code = [&](size_t f) { return s.facilities[f].code; };
  const auto other = [](size_t f) {
    return f == kDistrictHospital ? kFieldHospital : kDistrictHospital;
  };
  const bool at_once = rng.chance(kAdmittedOnConfirmation);
  const Date admission = at_once ? confirmed_on : after(rng, confirmed_on, 1, 6);
  plan.admission = admission;
  plan.admitted_from_home = !at_once;
  if (!at_once) plan.steps.push_back({confirmed_on, CaseState::home_care, "", false});
  const size_t ward = s.beds.admit_to(kDistrictHospital, kFieldHospital, false, admission);
  plan.steps.push_back({admission, CaseState::hospital, code(ward), oxygen});
  if (!icu) {
    const Date end =
        died ? after(rng, admission, 3, 14) : after(rng, admission, 6, 14 + (oxygen ? 3 : 0));
    plan.steps.push_back({end, died ? CaseState::died : CaseState::recovered, "", false});
    s.beds.stay(ward, admission, end, false, oxygen);
    return plan;
  }
  const Date icu_day = after(rng, admission, 0, 3);
  const size_t unit = s.beds.admit_to(ward, other(ward), true, icu_day);
  s.beds.stay(ward, admission, icu_day, false, oxygen);
  plan.steps.push_back({icu_day, CaseState::icu, code(unit), true});
  if (died) {
    const Date death = after(rng, icu_day, 1, 10);
    plan.steps.push_back({death, CaseState::died, "", false});
    s.beds.stay(unit, icu_day, death, true, true);
    return plan;
  }
  const Date back = after(rng, icu_day, 4, 10);
  const Date out = after(rng, back, 4, 9);
  plan.steps.push_back({back, CaseState::hospital, code(unit), false});
  plan.steps.push_back({out, CaseState::recovered, "", false});
  s.beds.stay(unit, icu_day, back, true, true);
  s.beds.stay(unit, back, out, false, false);
  return plan;
}

// A mild case of July-August 2021, isolated and treated in the field hospital.
CarePlan plan_field_isolation(Rng& rng, Date confirmed_on, const CourseSetting& s) {
  CarePlan plan;
  plan.field_isolation = true;
  const Date end = after(rng, confirmed_on, 10, 16);
  plan.steps.push_back(
      {confirmed_on, CaseState::hospital, s.facilities[kFieldHospital].code, false});
  plan.steps.push_back({end, CaseState::recovered, "", false});
  s.beds.stay(kFieldHospital, confirmed_on, end, false, false);
  return plan;
}

double field_isolation_share(Date day) {
  if (day < ymd(2021, 8, 1)) return kFieldIsolationJuly2021;
  if (day < ymd(2021, 8, 21)) return kFieldIsolationAugust2021;
  return 0;
}

// The tests that found the case; sets the flags the station knew.
void detection_tests(Rng& rng, const EpidemicPerson& person, Date confirmed_on,
                     const std::string& station, const std::string& lab, const CourseSetting& s,
                     SimulatedCase& sc) {
  const bool omicron = omicron_period(confirmed_on);
  const CaseDefinitionVersion& version = s.options.case_rules->in_force(confirmed_on);
  if (contact_rapid_test_confirms(version) && rng.chance(kRapidConfirmedContacts)) {
    sc.flags.is_close_contact = true;
    sc.tests.push_back(make_test(person, TestKind::rapid_antigen, confirmed_on, confirmed_on,
                                 TestOutcome::positive, station, true));
    return;
  }
  // Found by screening or for symptoms, confirmed by RT-PCR; no flag is set,
  // so that a rapid test alone never confirms the case.
  const Date sample = confirmed_on.plus_days(rng.chance(0.4) ? -1 : 0);
  if (rng.chance(omicron ? kRapidBeforePcr2022 : kRapidBeforePcr2021)) {
    sc.tests.push_back(make_test(person, TestKind::rapid_antigen, sample, sample,
                                 TestOutcome::positive, station, rng.chance(0.5)));
  }
  sc.tests.push_back(
      make_test(person, TestKind::rt_pcr, sample, confirmed_on, TestOutcome::positive, lab, false));
  if (rng.chance(kSequenced)) {
    TestResult seq = make_test(person, TestKind::sequencing, sample, after(rng, sample, 5, 12),
                               TestOutcome::positive, lab, false);
    seq.variant = variant_on(sample);
    if (seq.result_date <= s.options.to) sc.tests.push_back(seq);
  }
}

// Confirms the case from its tests, as register_case would.
void confirm(SimulatedCase& sc, Date expected_on, const CourseSetting& s) {
  for (size_t i = 0; i < sc.tests.size(); ++i) sc.tests[i].id = static_cast<TestId>(i + 1);
  const CaseDecision decision =
      confirm_case(*s.options.case_rules, sc.tests, sc.flags, s.options.to);
  for (TestResult& t : sc.tests) t.id = 0;
  const auto* confirmation = std::get_if<CaseConfirmation>(&decision);
  if (confirmation == nullptr || confirmation->confirmed_on != expected_on) {
    throw std::logic_error("epidemic generator: the tests of a case do not confirm it on " +
                           expected_on.iso());
  }
  sc.covid_case.criterion = confirmation->criterion;
  sc.confirming_test = static_cast<size_t>(confirmation->confirming_test - 1);
}

struct CheckPlan {
  PatientBaseline patient;
  Date illness_start;
  bool patient_enters = false;
};

Observation timed_check(Rng& rng, const CheckPlan& plan, int32_t half_day,
                        CheckCondition condition) {
  const Date day = Date::from_days(half_day / 2);
  const auto half = static_cast<HalfDay>(half_day % 2);
  Observation o = draw_check(rng, plan.patient, day - plan.illness_start, condition);
  o.date = day;
  o.half = half;
  o.entered_by = plan.patient_enters ? EnteredBy::patient : EnteredBy::staff;
  const int hour = half == HalfDay::morning ? rng.between(7, 10) : rng.between(14, 17);
  o.recorded_at_ms = local_ms(day, hour, rng.between(0, 59));
  return o;
}

// Alerts of the last three days of an active case are still open: the
// station has not called the patient back yet.
bool recent(Date day, Date to) { return day >= to.plus_days(-2); }

void raise_alerts(Rng& rng, const EpidemicPerson& person, const CarePlan& plan,
                  const CourseSetting& s, SimulatedCase& sc, EpidemicTotals& totals) {
  const CovidCase& c = sc.covid_case;
  const Date to = s.options.to;
  const auto base_alert = [&](AlertKind kind, Date day, HalfDay half) {
    SimulatedAlert a;
    a.alert.area_id = c.area_id;
    a.alert.kind = kind;
    a.alert.date = day;
    a.alert.half = half;
    return a;
  };
  std::vector<int32_t> checked;
  for (size_t i = 0; i < sc.observations.size(); ++i) {
    const Observation& o = sc.observations[i];
    checked.push_back(half_day_number(o.date, o.half));
    const int age = age_in_years(person.birth_date, o.date);
    const std::vector<DangerSign> signs = danger_signs(*s.options.home_care_rules, age, o);
    if (signs.empty()) continue;
    SimulatedAlert a = base_alert(AlertKind::danger_sign, o.date, o.half);
    a.observation = static_cast<int32_t>(i);
    a.alert.signs = sign_codes(signs);
    a.alert.raised_at_ms = o.recorded_at_ms;
    const bool referred = plan.admission && *plan.admission <= to && o.date <= *plan.admission;
    if (referred) {
      a.alert.state = AlertState::referred;
      const auto admitted = std::find_if(c.steps.begin(), c.steps.end(), [](const CaseStep& st) {
        return st.state == CaseState::hospital;
      });
      a.alert.referred_to = admitted != c.steps.end() ? admitted->place : "";
      a.alert.handled_at_ms = a.alert.raised_at_ms + rng.between(10, 90) * 60'000;
      a.alert.note = "Chuyển viện";
    } else if (recent(o.date, to) && c.active()) {
      a.alert.state = AlertState::open;
    } else {
      a.alert.state = AlertState::acknowledged;
      a.alert.handled_at_ms = a.alert.raised_at_ms + rng.between(15, 120) * 60'000;
      a.alert.note = "Đo lại: chỉ số bình thường";
    }
    sc.alerts.push_back(std::move(a));
    ++totals.danger_sign_alerts;
  }
  std::sort(checked.begin(), checked.end());
  for (const int32_t missed : missed_half_days(c, checked, to, HalfDay::afternoon)) {
    const Date day = Date::from_days(missed / 2);
    const auto half = static_cast<HalfDay>(missed % 2);
    SimulatedAlert a = base_alert(AlertKind::missed_check, day, half);
    a.alert.raised_at_ms = local_ms(day, half == HalfDay::morning ? 12 : 18, 0);
    if (recent(day, to) && c.active()) {
      a.alert.state = AlertState::open;
    } else {
      a.alert.state = AlertState::acknowledged;
      a.alert.handled_at_ms = a.alert.raised_at_ms + rng.between(20, 240) * 60'000;
      a.alert.note = "Đã liên hệ người bệnh";
    }
    sc.alerts.push_back(std::move(a));
    ++totals.missed_check_alerts;
  }
}

}  // namespace

int64_t local_ms(Date day, int hour, int minute) {
  return (static_cast<int64_t>(day.days()) * 86'400 + (hour - 7) * 3'600 + minute * 60) * 1'000;
}

SimulatedCase simulate_case(Rng& rng, const EpidemicPerson& person, Date confirmed_on,
                            bool imported, size_t station, const CourseSetting& s,
                            EpidemicTotals& totals) {
  const Date to = s.options.to;
  SimulatedCase sc;
  CovidCase& c = sc.covid_case;
  c.person_id = person.id;
  c.area_id = person.commune;
  c.confirmed_on = confirmed_on;
  c.imported = imported;
  sc.age_years = age_in_years(person.birth_date, confirmed_on);
  const bool omicron = omicron_period(confirmed_on);
  const Protection protection =
      protection_on(confirmed_on, person.primary_complete_on, person.booster_on);
  const std::string& station_code = s.facilities[station].code;
  const std::string lab = "TTYT-" + s.options.area.code;

  detection_tests(rng, person, confirmed_on, station_code, lab, s, sc);
  confirm(sc, confirmed_on, s);

  // How ill the case becomes.
  const CourseRisks risks = course_risks(sc.age_years, person.high_risk, protection, confirmed_on);
  const bool hospital = rng.chance(risks.hospital);
  const bool oxygen = hospital && rng.chance(risks.oxygen);
  const bool icu = hospital && rng.chance(risks.icu);
  const bool died = hospital && rng.chance(icu ? risks.death_in_icu : risks.death_in_hospital);
  const bool symptomatic = hospital || rng.chance(omicron ? kSymptomaticOmicron : kSymptomatic);
  if (symptomatic) c.onset_date = confirmed_on.plus_days(-rng.between(0, 3));

  CarePlan plan;
  if (hospital) {
    plan = plan_hospital_care(rng, confirmed_on, oxygen, icu, died, s);
  } else if (rng.chance(field_isolation_share(confirmed_on))) {
    plan = plan_field_isolation(rng, confirmed_on, s);
  } else {
    // Home care to the end of isolation: a supervised rapid test from day 7.
    plan.steps.push_back({confirmed_on, CaseState::home_care, "", false});
    const IsolationEndRules& rules =
        s.options.home_care_rules->in_force(confirmed_on).isolation_end;
    const double late = rng.real();
    const Date test_day = confirmed_on.plus_days(rules.min_days + (late < 0.7   ? 0
                                                                   : late < 0.9 ? 1
                                                                                : 2));
    const bool positive = rng.chance(omicron ? kStillPositiveOnDay7Omicron : kStillPositiveOnDay7);
    if (test_day <= to) {
      sc.tests.push_back(make_test(person, TestKind::rapid_antigen, test_day, test_day,
                                   positive ? TestOutcome::positive : TestOutcome::negative,
                                   station_code, true));
    }
    c.steps = plan.steps;
    const bool fully_vaccinated =
        person.primary_complete_on && *person.primary_complete_on <= confirmed_on;
    const IsolationEnd end =
        isolation_end(*s.options.home_care_rules, c, sc.tests, fully_vaccinated, to);
    if (end.status == IsolationStatus::ended) {
      c.isolation_ended_on = end.date;
      plan.steps.push_back({end.date, CaseState::recovered, "", false});
    }
  }
  c.steps.clear();
  for (const CaseStep& step : plan.steps)
    if (step.date <= to) c.steps.push_back(step);

  // The home-care checks: from the morning after confirmation to the day the
  // case left home care or isolation ended (excluded), up to the last day.
  if (plan.steps.front().state == CaseState::home_care) {
    CheckPlan checks;
    checks.patient = draw_baseline(rng, sc.age_years, symptomatic, omicron);
    checks.illness_start = c.onset_date.value_or(confirmed_on);
    checks.patient_enters =
        sc.age_years >= 12 && sc.age_years < 75 && rng.chance(kPatientEntersChecks);
    const int32_t first = half_day_number(confirmed_on.plus_days(1), HalfDay::morning);
    int32_t end = half_day_number(to, HalfDay::afternoon) + 1;
    if (plan.steps.size() > 1) {
      end = std::min(end, half_day_number(plan.steps[1].date, HalfDay::morning));
    }
    int32_t borderline = -1;
    if (!hospital && end - first > 2 && rng.chance(kBorderlineCheck)) {
      borderline = first + 1 + rng.between(0, end - first - 2);
    }
    const double miss = sc.age_years >= 70 ? kMissedHalfDayElderly : kMissedHalfDay;
    for (int32_t h = first; h < end; ++h) {
      if (rng.chance(miss)) continue;
      const auto condition = h == borderline ? CheckCondition::borderline : CheckCondition::well;
      sc.observations.push_back(timed_check(rng, checks, h, condition));
    }
    // The check that sent the patient to hospital: the morning of admission.
    if (plan.admitted_from_home && *plan.admission <= to) {
      const int32_t h = half_day_number(*plan.admission, HalfDay::morning);
      Observation o = timed_check(rng, checks, h, CheckCondition::deteriorating);
      o.recorded_at_ms = local_ms(*plan.admission, 6, rng.between(30, 59));
      sc.observations.push_back(o);
    }
  }
  raise_alerts(rng, person, plan, s, sc, totals);

  // The tests were made in sample order (the detection tests, then the one
  // from day 7), so the confirming test's position still holds.

  ++totals.cases;
  if (imported) ++totals.imported;
  totals.tests += static_cast<int64_t>(sc.tests.size());
  totals.observations += static_cast<int64_t>(sc.observations.size());
  if (plan.field_isolation) ++totals.treated_in_field_hospital;
  if (plan.admission && *plan.admission <= to) ++totals.hospitalised;
  if (std::any_of(c.steps.begin(), c.steps.end(), [](const CaseStep& st) { return st.oxygen; })) {
    ++totals.oxygen;
  }
  for (const CaseStep& step : c.steps) {
    if (step.state == CaseState::icu) ++totals.icu;
    if (step.state == CaseState::died) ++totals.died;
  }
  if (c.active()) ++totals.active_at_end;
  return sc;
}

}  // namespace phongdich::synth
