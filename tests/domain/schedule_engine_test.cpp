// The schedule engine's mechanics, on a small hand-made rule set: which
// version judges a dose, how recorded doses (overridden ones included) add
// up, and the model's lookups. The Ministry's rules themselves are tested
// against the shipped file in tests/rules/.
#include <gtest/gtest.h>

#include "domain/schedule.hpp"
#include "domain/vaccination_rules.hpp"

namespace phongdich {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

ProductsByPrimary everything_after_anything() {
  return ProductsByPrimary{std::vector<ProductSet>(3, 0b11)};
}

// Two products: "TWO" (2 doses, 21 days) and "ONE" (1 dose). Version "early"
// from 2021-01-01 has no booster; "late" from 2021-06-01 allows one after 2 months.
VaccinationRules small_rules() {
  Product two{
      "TWO",        "Hai liều",      "Two-dose", Platform::mrna, 2, {21, Interval::Unit::days},
      std::nullopt, d("2020-01-01"), "doc-1"};
  Product one{"ONE",
              "Một liều",
              "One-dose",
              Platform::viral_vector,
              1,
              {0, Interval::Unit::days},
              std::nullopt,
              d("2020-01-01"),
              "doc-1"};
  RuleVersion early;
  early.id = "early";
  early.effective_from = d("2021-01-01");
  early.source = "doc-1";
  early.ages = {AgeLimits{18, std::nullopt}, AgeLimits{18, std::nullopt}};
  early.age_source = {"doc-1", "doc-1"};
  early.mixing.after.assign(2, {});
  early.mixing.source = "doc-1";
  RuleVersion late = early;
  late.id = "late";
  late.effective_from = d("2021-06-01");
  late.source = "doc-2";
  late.booster1 =
      Booster1Rule{18,           {2, Interval::Unit::months}, {2, Interval::Unit::months},
                   std::nullopt, everything_after_anything(), "doc-2"};
  return VaccinationRules({two, one}, {early, late});
}

Person adult() {
  Person p;
  p.birth_date = d("1980-01-01");
  return p;
}

DoseRecord dose(const char* on, const char* product, DoseKind kind, int number,
                bool overridden = false) {
  DoseRecord r;
  r.date = d(on);
  r.product = product;
  r.kind = kind;
  r.number_in_series = number;
  r.overridden = overridden;
  return r;
}

TEST(ScheduleEngine, ADoseIsJudgedByTheVersionInForceOnItsDate) {
  const VaccinationRules rules = small_rules();
  const std::vector<DoseRecord> prior = {dose("2021-02-01", "TWO", DoseKind::primary, 1),
                                         dose("2021-03-01", "TWO", DoseKind::primary, 2)};
  const DoseAssessment in_may =
      assess_dose(rules, adult(), prior, d("2021-05-31"), "TWO", d("2022-01-01"));
  EXPECT_EQ(in_may.rule_version, "early");
  ASSERT_EQ(in_may.violations.size(), 1u);
  EXPECT_EQ(in_may.violations[0].code, "dose.booster.not_yet_allowed");
  EXPECT_NE(in_may.violations[0].rule.find("doc-1"), std::string::npos);

  const DoseAssessment in_june =
      assess_dose(rules, adult(), prior, d("2021-06-01"), "TWO", d("2022-01-01"));
  EXPECT_EQ(in_june.rule_version, "late");
  EXPECT_TRUE(in_june.accepted);
  EXPECT_EQ(in_june.kind, DoseKind::booster1);
}

TEST(ScheduleEngine, AnOverriddenDoseCountsAsGiven) {
  const VaccinationRules rules = small_rules();
  // Dose 2 came 10 days after dose 1 and was accepted by an authorised user.
  const std::vector<DoseRecord> prior = {dose("2021-02-01", "TWO", DoseKind::primary, 1),
                                         dose("2021-02-11", "TWO", DoseKind::primary, 2, true)};
  const StatusAsOf s = status_as_of(rules, adult(), prior, d("2021-07-01"));
  EXPECT_EQ(s.status, VaccinationStatus::primary_complete);
  EXPECT_EQ(s.reached[2], d("2021-02-11"));
  EXPECT_EQ(s.next_kind, DoseKind::booster1);
  EXPECT_EQ(s.next_due, d("2021-04-11"));
  EXPECT_EQ(s.next_products, (std::vector<std::string>{"TWO", "ONE"}));

  const DoseAssessment next =
      assess_dose(rules, adult(), prior, d("2021-06-15"), "ONE", d("2022-01-01"));
  EXPECT_TRUE(next.accepted);
  EXPECT_EQ(next.kind, DoseKind::booster1);
}

TEST(ScheduleEngine, ASingleDoseProductCompletesTheSeries) {
  const VaccinationRules rules = small_rules();
  const std::vector<DoseRecord> prior = {dose("2021-02-01", "ONE", DoseKind::primary, 1)};
  const StatusAsOf s = status_as_of(rules, adult(), prior, d("2021-03-01"));
  EXPECT_EQ(s.status, VaccinationStatus::primary_complete);
  EXPECT_EQ(s.reached[1], d("2021-02-01"));
  EXPECT_EQ(s.reached[2], d("2021-02-01"));
  EXPECT_FALSE(s.next_kind);  // "early" has no booster
}

TEST(ScheduleEngine, NoDoseBeforeTheFirstVersion) {
  const VaccinationRules rules = small_rules();
  EXPECT_FALSE(rules.covers(d("2020-12-31")));
  EXPECT_EQ(rules.in_force(d("2020-12-31")).id, "early");
  const DoseAssessment a = assess_dose(rules, adult(), {}, d("2020-12-31"), "TWO", d("2022-01-01"));
  ASSERT_EQ(a.violations.size(), 1u);
  EXPECT_EQ(a.violations[0].code, "dose.date.before_programme");
  const StatusAsOf s = status_as_of(rules, adult(), {}, d("2020-12-31"));
  EXPECT_EQ(s.status, VaccinationStatus::none);
  EXPECT_FALSE(s.next_kind);
}

TEST(ScheduleEngine, CatalogueLookups) {
  const VaccinationRules rules = small_rules();
  EXPECT_EQ(rules.index_of("ONE"), ProductIndex{1});
  EXPECT_FALSE(rules.index_of("one"));  // codes are exact
  ASSERT_NE(rules.product("TWO"), nullptr);
  EXPECT_EQ(rules.product("TWO")->name_en, "Two-dose");
  EXPECT_EQ(rules.codes(product_bit(1)), (std::vector<std::string>{"ONE"}));
}

struct IntervalRow {
  Interval interval;
  const char* from;
  const char* until;
  const char* text_vi;
  const char* text_en;
};

TEST(ScheduleEngine, IntervalsCountCalendarMonths) {
  const IntervalRow rows[] = {
      {{28, Interval::Unit::days}, "2021-07-01", "2021-07-29", "28 ngày", "28 days"},
      {{8, Interval::Unit::weeks},
       "2021-07-01",
       "2021-08-26",
       "8 tuần (56 ngày)",
       "8 weeks (56 days)"},
      {{3, Interval::Unit::months}, "2021-11-30", "2022-02-28", "3 tháng", "3 months"},
      {{1, Interval::Unit::months}, "2021-01-15", "2021-02-15", "1 tháng", "1 month"},
  };
  for (const IntervalRow& row : rows) {
    EXPECT_EQ(row.interval.after(d(row.from)), d(row.until)) << row.text_en;
    EXPECT_EQ(row.interval.text_vi(), row.text_vi);
    EXPECT_EQ(row.interval.text_en(), row.text_en);
  }
}

}  // namespace
}  // namespace phongdich
