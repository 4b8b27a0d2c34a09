// Every rule of domain/vaccination.md, one row per case, judged by the
// schedule engine under the shipped rule file. A row reads: who, which doses
// they already had, the new dose, and what the registry must decide.
#include <gtest/gtest.h>

#include "schedule_scenario.hpp"

namespace phongdich {
namespace {

using scenario::date;
using scenario::describe;

struct DoseRow {
  const char* rule;     // the rule the row checks, in the domain's words
  const char* born;     // birth date
  const char* who;      // "", "immunodeficient", "high exposure"
  const char* history;  // earlier doses, recorded through the engine
  const char* dose_date;
  const char* product;
  const char* expect;  // the kind it counts as, and the rules it breaks
};

// An adult throughout 2021-2022, no risk factor.
constexpr const char* kAdult = "1980-05-10";

void check(const DoseRow& row) {
  SCOPED_TRACE(row.rule);
  const Person who = scenario::person(row.born, row.who);
  const auto prior = scenario::record_history(who, row.history);
  const DoseAssessment a = assess_dose(scenario::shipped_rules(), who, prior, date(row.dose_date),
                                       row.product, date("2022-12-31"));
  EXPECT_EQ(describe(a), row.expect);
  EXPECT_EQ(a.accepted, a.violations.empty());
  for (const Violation& v : a.violations) {
    EXPECT_FALSE(v.field.empty()) << v.code;
    EXPECT_FALSE(v.rule.empty()) << v.code;
    EXPECT_FALSE(v.message_vi.empty()) << v.code;
    EXPECT_FALSE(v.message_en.empty()) << v.code;
  }
}

TEST(DoseRules, PrimaryIntervalAndDoseCountOfEachProduct) {
  const DoseRow rows[] = {
      {"AstraZeneca: dose 2 at least 4 weeks after dose 1", kAdult, "", "AZ 2021-07-01",
       "2021-07-28", "AZ", "primary 2 rejected: dose.interval.too_short"},
      {"AstraZeneca: 28 days is enough", kAdult, "", "AZ 2021-07-01", "2021-07-29", "AZ",
       "primary 2"},
      {"Sputnik V: 3 weeks", kAdult, "", "SPUTNIK_V 2021-07-01", "2021-07-21", "SPUTNIK_V",
       "primary 2 rejected: dose.interval.too_short"},
      {"Sputnik V: 21 days is enough", kAdult, "", "SPUTNIK_V 2021-07-01", "2021-07-22",
       "SPUTNIK_V", "primary 2"},
      {"Pfizer: 21 days", kAdult, "", "PFIZER 2021-07-01", "2021-07-21", "PFIZER",
       "primary 2 rejected: dose.interval.too_short"},
      {"Pfizer: 21 days is enough", kAdult, "", "PFIZER 2021-07-01", "2021-07-22", "PFIZER",
       "primary 2"},
      {"Vero Cell: 3 weeks", kAdult, "", "VERO_CELL 2021-07-01", "2021-07-21", "VERO_CELL",
       "primary 2 rejected: dose.interval.too_short"},
      {"Vero Cell: 21 days is enough", kAdult, "", "VERO_CELL 2021-07-01", "2021-07-22",
       "VERO_CELL", "primary 2"},
      {"Hayat-Vax: 3 weeks", kAdult, "", "HAYAT_VAX 2021-10-01", "2021-10-21", "HAYAT_VAX",
       "primary 2 rejected: dose.interval.too_short"},
      {"Hayat-Vax: 21 days is enough", kAdult, "", "HAYAT_VAX 2021-10-01", "2021-10-22",
       "HAYAT_VAX", "primary 2"},
      {"Moderna: 28 days", kAdult, "", "MODERNA 2021-07-01", "2021-07-28", "MODERNA",
       "primary 2 rejected: dose.interval.too_short"},
      {"Moderna: 28 days is enough", kAdult, "", "MODERNA 2021-07-01", "2021-07-29", "MODERNA",
       "primary 2"},
      {"Abdala: 14 days between doses", kAdult, "", "ABDALA 2021-10-01", "2021-10-14", "ABDALA",
       "primary 2 rejected: dose.interval.too_short"},
      {"Abdala: 14 days is enough", kAdult, "", "ABDALA 2021-10-01", "2021-10-15", "ABDALA",
       "primary 2"},
      {"Abdala: three doses, the third 14 days after the second", kAdult, "",
       "ABDALA 2021-10-01, ABDALA 2021-10-15", "2021-10-29", "ABDALA", "primary 3"},
      {"Abdala: the third dose too early", kAdult, "", "ABDALA 2021-10-01, ABDALA 2021-10-15",
       "2021-10-28", "ABDALA", "primary 3 rejected: dose.interval.too_short"},
      {"Covaxin: 4 weeks", kAdult, "", "COVAXIN 2021-11-10", "2021-12-07", "COVAXIN",
       "primary 2 rejected: dose.interval.too_short"},
      {"Covaxin: 28 days is enough", kAdult, "", "COVAXIN 2021-11-10", "2021-12-08", "COVAXIN",
       "primary 2"},
      {"Janssen is a single dose: the next dose is a booster", kAdult, "", "JANSSEN 2021-08-01",
       "2021-10-01", "PFIZER", "booster1 rejected: dose.booster.not_yet_allowed"},
      {"two AstraZeneca doses complete the series: the third is a booster", kAdult, "",
       "AZ 2021-06-01, AZ 2021-08-01", "2022-01-05", "PFIZER", "booster1"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, AgeLimits) {
  const DoseRow rows[] = {
      {"AstraZeneca from 18: aged 17", "2004-03-01", "", "", "2021-08-01", "AZ",
       "primary 1 rejected: dose.age.too_young"},
      {"AstraZeneca from 18: aged 18", "2003-07-01", "", "", "2021-08-01", "AZ", "primary 1"},
      {"Pfizer at 12 before the 12-17 campaign", "2009-01-01", "", "", "2021-09-01", "PFIZER",
       "primary 1 rejected: dose.age.too_young"},
      {"Pfizer at 12 once 12-17 are vaccinated", "2009-01-01", "", "", "2021-11-01", "PFIZER",
       "primary 1"},
      {"Pfizer at 11 in 2021", "2010-01-01", "", "", "2021-11-01", "PFIZER",
       "primary 1 rejected: dose.age.too_young"},
      {"paediatric Pfizer from 5 (04/2022)", "2017-01-01", "", "", "2022-05-01", "PFIZER",
       "primary 1"},
      {"paediatric Pfizer: aged 4", "2018-01-01", "", "", "2022-05-01", "PFIZER",
       "primary 1 rejected: dose.age.too_young"},
      {"paediatric Pfizer before the 5-11 campaign", "2017-01-01", "", "", "2022-04-01", "PFIZER",
       "primary 1 rejected: dose.age.too_young"},
      {"Moderna from 6: aged 5", "2017-01-01", "", "", "2022-05-01", "MODERNA",
       "primary 1 rejected: dose.age.too_young"},
      {"Moderna from 6: aged 6", "2016-01-01", "", "", "2022-05-01", "MODERNA", "primary 1"},
      {"Abdala 19-65: aged 18", "2003-01-01", "", "", "2021-10-01", "ABDALA",
       "primary 1 rejected: dose.age.too_young"},
      {"Abdala 19-65: aged 19", "2002-01-01", "", "", "2021-10-01", "ABDALA", "primary 1"},
      {"Abdala 19-65: aged 65", "1956-01-01", "", "", "2021-10-01", "ABDALA", "primary 1"},
      {"Abdala 19-65: aged 66", "1955-01-01", "", "", "2021-10-01", "ABDALA",
       "primary 1 rejected: dose.age.too_old"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, MixingThePrimarySeries) {
  const DoseRow rows[] = {
      {"AstraZeneca then Pfizer, 8 weeks later", kAdult, "", "AZ 2021-07-01", "2021-08-26",
       "PFIZER", "primary 2"},
      {"AstraZeneca then Moderna, 8 weeks later", kAdult, "", "AZ 2021-07-01", "2021-08-26",
       "MODERNA", "primary 2"},
      {"AstraZeneca then Pfizer needs 8 weeks, not 5", kAdult, "", "AZ 2021-07-01", "2021-08-05",
       "PFIZER", "primary 2 rejected: dose.interval.too_short"},
      {"Pfizer then Moderna", kAdult, "", "PFIZER 2021-07-01", "2021-07-22", "MODERNA",
       "primary 2"},
      {"Moderna then Pfizer", kAdult, "", "MODERNA 2021-07-01", "2021-07-29", "PFIZER",
       "primary 2"},
      {"Vero Cell must be completed with Vero Cell: not Pfizer", kAdult, "", "VERO_CELL 2021-07-01",
       "2021-07-22", "PFIZER", "primary 2 rejected: dose.mixing.not_allowed"},
      {"Vero Cell must be completed with Vero Cell: not AstraZeneca", kAdult, "",
       "VERO_CELL 2021-07-01", "2021-08-01", "AZ", "primary 2 rejected: dose.mixing.not_allowed"},
      {"Pfizer may not be followed by AstraZeneca", kAdult, "", "PFIZER 2021-07-01", "2021-08-01",
       "AZ", "primary 2 rejected: dose.mixing.not_allowed"},
      {"Sputnik V may not be followed by AstraZeneca", kAdult, "", "SPUTNIK_V 2021-07-01",
       "2021-08-01", "AZ", "primary 2 rejected: dose.mixing.not_allowed"},
      {"no mixing under 18: Pfizer then Moderna at 15", "2006-03-01", "", "PFIZER 2021-11-01",
       "2021-11-29", "MODERNA", "primary 2 rejected: dose.mixing.not_allowed"},
      {"under 18: the same product twice", "2006-03-01", "", "PFIZER 2021-11-01", "2021-11-22",
       "PFIZER", "primary 2"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, AdditionalDose) {
  const DoseRow rows[] = {
      {"Vero Cell primary: additional dose 80 days later", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2021-12-20", "VERO_CELL", "additional"},
      {"Sputnik V primary: additional dose", kAdult, "",
       "SPUTNIK_V 2021-09-01, SPUTNIK_V 2021-10-01", "2021-12-20", "SPUTNIK_V", "additional"},
      {"immunodeficient after AstraZeneca: additional dose", kAdult, "immunodeficient",
       "AZ 2021-08-01, AZ 2021-10-01", "2021-12-20", "PFIZER", "additional"},
      {"healthy after AstraZeneca: no additional dose, and too early for a booster", kAdult, "",
       "AZ 2021-08-01, AZ 2021-10-01", "2021-12-20", "PFIZER",
       "booster1 rejected: dose.additional.not_eligible, dose.interval.too_short"},
      {"additional dose at least 28 days after the primary series: 19 days", kAdult, "",
       "VERO_CELL 2022-01-01, VERO_CELL 2022-01-22", "2022-02-10", "VERO_CELL",
       "additional rejected: dose.interval.too_short"},
      {"additional dose 28 days after the primary series", kAdult, "",
       "VERO_CELL 2022-01-01, VERO_CELL 2022-01-22", "2022-02-19", "VERO_CELL", "additional"},
      {"additional dose only from 18: immunodeficient aged 17", "2004-09-01", "immunodeficient",
       "PFIZER 2021-11-01, PFIZER 2021-11-22", "2022-01-20", "PFIZER",
       "booster1 rejected: dose.additional.not_eligible, dose.booster.not_yet_allowed"},
      {"after the 3-month window the dose is a booster", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2022-01-05", "VERO_CELL", "booster1"},
      {"under 10225 (6-month booster) the additional dose at 65 days", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2021-12-05", "VERO_CELL", "additional"},
      {"before 10225 there is no third dose at all", kAdult, "",
       "VERO_CELL 2021-08-01, VERO_CELL 2021-08-25", "2021-11-01", "VERO_CELL",
       "booster1 rejected: dose.booster.not_yet_allowed"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, FirstBoosterInterval) {
  const DoseRow rows[] = {
      {"10225: booster 6 months after the primary series", kAdult, "",
       "AZ 2021-03-20, AZ 2021-05-20", "2021-12-05", "PFIZER", "booster1"},
      {"10225: 5 months is too early", kAdult, "", "AZ 2021-05-01, AZ 2021-07-01", "2021-12-05",
       "PFIZER", "booster1 rejected: dose.interval.too_short"},
      {"10722 (17/12/2021): 3 months is enough", kAdult, "", "AZ 2021-08-01, AZ 2021-10-01",
       "2022-01-01", "PFIZER", "booster1"},
      {"10722: one day short of 3 months", kAdult, "", "AZ 2021-08-01, AZ 2021-10-01", "2021-12-31",
       "PFIZER", "booster1 rejected: dose.additional.not_eligible, dose.interval.too_short"},
      {"booster 3 months after an additional dose: 2 months", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01, VERO_CELL 2021-12-01", "2022-02-01", "PFIZER",
       "booster1 rejected: dose.interval.too_short"},
      {"booster 3 months after an additional dose", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01, VERO_CELL 2021-12-01", "2022-03-01", "PFIZER",
       "booster1"},
      {"3181 (17/6/2022): aged 16, booster 5 months after", "2006-03-01", "",
       "PFIZER 2021-12-01, PFIZER 2021-12-22", "2022-06-20", "PFIZER", "booster1"},
      {"before 3181 no booster for 12-17", "2006-03-01", "", "PFIZER 2021-12-01, PFIZER 2021-12-22",
       "2022-06-10", "PFIZER", "booster1 rejected: dose.booster.not_yet_allowed"},
      {"3181: aged 16, 4 months is too early", "2006-03-01", "",
       "PFIZER 2022-01-20, PFIZER 2022-02-10", "2022-06-20", "PFIZER",
       "booster1 rejected: dose.interval.too_short"},
      {"no booster at 11", "2011-01-01", "", "PFIZER 2022-04-20, PFIZER 2022-05-11", "2022-10-20",
       "PFIZER", "booster1 rejected: dose.age.too_young"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, FirstBoosterProducts) {
  const DoseRow rows[] = {
      {"AstraZeneca primary: AstraZeneca booster", kAdult, "", "AZ 2021-08-01, AZ 2021-10-01",
       "2022-01-05", "AZ", "booster1"},
      {"AstraZeneca primary: not Vero Cell", kAdult, "", "AZ 2021-08-01, AZ 2021-10-01",
       "2022-01-05", "VERO_CELL", "booster1 rejected: dose.booster1.product_not_allowed"},
      {"Vero Cell primary: AstraZeneca booster", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2022-01-05", "AZ", "booster1"},
      {"Vero Cell primary: Moderna booster", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2022-01-05", "MODERNA", "booster1"},
      {"mixed primary: mRNA only, not AstraZeneca", kAdult, "", "AZ 2021-07-01, PFIZER 2021-09-01",
       "2022-01-05", "AZ", "booster1 rejected: dose.booster1.product_not_allowed"},
      {"mixed primary: Moderna", kAdult, "", "AZ 2021-07-01, PFIZER 2021-09-01", "2022-01-05",
       "MODERNA", "booster1"},
      {"Pfizer primary: no AstraZeneca booster before 03/2022", kAdult, "",
       "PFIZER 2021-10-01, PFIZER 2021-10-22", "2022-02-15", "AZ",
       "booster1 rejected: dose.booster1.product_not_allowed"},
      {"Pfizer primary: AstraZeneca booster from 03/2022", kAdult, "",
       "PFIZER 2021-10-01, PFIZER 2021-10-22", "2022-03-15", "AZ", "booster1"},
      {"Sputnik V primary: Sputnik V booster", kAdult, "",
       "SPUTNIK_V 2021-08-01, SPUTNIK_V 2021-08-22", "2022-01-05", "SPUTNIK_V", "booster1"},
      {"Sputnik V primary: not Vero Cell", kAdult, "", "SPUTNIK_V 2021-08-01, SPUTNIK_V 2021-08-22",
       "2022-01-05", "VERO_CELL", "booster1 rejected: dose.booster1.product_not_allowed"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, SecondBooster) {
  constexpr const char* kOver50 = "1965-01-01";
  constexpr const char* kAged30 = "1992-01-01";
  constexpr const char* kThreeDoses = "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10";
  const DoseRow rows[] = {
      {"before 3309 (23/6/2022) no second booster", kOver50, "", kThreeDoses, "2022-06-10",
       "PFIZER", "booster2 rejected: dose.booster.not_yet_allowed"},
      {"aged 57, 5 months after booster 1", kOver50, "", kThreeDoses, "2022-06-25", "PFIZER",
       "booster2"},
      {"4 months after booster 1: not yet", kOver50, "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-03-01", "2022-06-25", "PFIZER",
       "booster2 rejected: dose.interval.too_short"},
      {"healthy aged 30: not eligible", kAged30, "", kThreeDoses, "2022-07-15", "PFIZER",
       "booster2 rejected: dose.booster2.not_eligible"},
      {"immunodeficient aged 30", kAged30, "immunodeficient", kThreeDoses, "2022-07-15", "PFIZER",
       "booster2"},
      {"high exposure aged 30", kAged30, "high exposure", kThreeDoses, "2022-07-15", "PFIZER",
       "booster2"},
      {"healthy aged 49: not eligible", "1973-01-01", "", kThreeDoses, "2022-07-15", "PFIZER",
       "booster2 rejected: dose.booster2.not_eligible"},
      {"healthy aged 50", "1972-01-01", "", kThreeDoses, "2022-07-15", "PFIZER", "booster2"},
      {"a fifth dose: the schedule is complete", kOver50, "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10, PFIZER 2022-06-25", "2022-12-01", "PFIZER",
       "booster2 rejected: dose.series.complete"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, DatesAndProducts) {
  const DoseRow rows[] = {
      {"a dose before birth", "2021-09-01", "", "", "2021-08-01", "AZ",
       "primary 1 rejected: dose.age.too_young, dose.date.before_birth"},
      {"a dose in the future", kAdult, "", "", "2023-01-15", "AZ",
       "primary 1 rejected: dose.date.future"},
      {"two doses on the same day", kAdult, "", "AZ 2021-07-01", "2021-07-01", "AZ",
       "primary 2 rejected: dose.interval.too_short, dose.same_day"},
      {"a dose older than one already recorded", kAdult, "", "AZ 2021-07-01", "2021-06-01", "AZ",
       "primary 1 rejected: dose.date.out_of_order"},
      {"a product not in the catalogue", kAdult, "", "", "2021-07-01", "SINOVAC",
       "primary 1 rejected: dose.product.unknown"},
      {"Covaxin before its approval (10/11/2021)", kAdult, "", "", "2021-10-01", "COVAXIN",
       "primary 1 rejected: dose.product.not_authorised"},
      {"a dose before the campaign began", kAdult, "", "", "2021-02-01", "AZ",
       "primary 1 rejected: dose.date.before_programme"},
      {"an overridden early dose 2 still completes the series", kAdult, "",
       "AZ 2021-07-01, AZ 2021-07-15!", "2022-01-05", "PFIZER", "booster1"},
  };
  for (const DoseRow& row : rows) check(row);
}

TEST(DoseRules, MessagesNameTheNumbersAndTheSource) {
  const Person adult = scenario::person(kAdult, "");
  const auto prior = scenario::record_history(adult, "AZ 2021-07-01");
  const DoseAssessment a = assess_dose(scenario::shipped_rules(), adult, prior, date("2021-07-21"),
                                       "AZ", date("2022-12-31"));
  ASSERT_EQ(a.violations.size(), 1u);
  const Violation& v = a.violations[0];
  EXPECT_EQ(v.code, "dose.interval.too_short");
  EXPECT_EQ(v.field, "dose_date");
  EXPECT_EQ(v.rule, "AZ primary interval >= 4 weeks (28 days) (3588/QĐ-BYT)");
  EXPECT_EQ(v.message_vi,
            "Mũi 2 AstraZeneca (Vaxzevria) phải cách mũi 1 ít nhất 4 tuần (28 ngày) (mới 20 "
            "ngày); tiêm được từ 29/07/2021");
  EXPECT_EQ(v.message_en,
            "Primary dose 2 of AstraZeneca (Vaxzevria) must be at least 4 weeks (28 days) after "
            "dose 1 (only 20 days); allowed from 2021-07-29");
  EXPECT_EQ(a.rule_version, "3588-2021");
}

TEST(DoseRules, EachDoseIsJudgedByTheRulesOfItsOwnDate) {
  // The same booster, 4 months after the primary series: too early in 12/2021
  // (10225, 6 months), accepted in 01/2022 (10722, 3 months).
  const Person adult = scenario::person(kAdult, "");
  const auto prior = scenario::record_history(adult, "AZ 2021-06-01, AZ 2021-08-01");
  const DoseAssessment dec = assess_dose(scenario::shipped_rules(), adult, prior,
                                         date("2021-12-05"), "PFIZER", date("2022-12-31"));
  EXPECT_EQ(dec.rule_version, "10225-2021");
  EXPECT_EQ(describe(dec), "booster1 rejected: dose.interval.too_short");
  const DoseAssessment jan = assess_dose(scenario::shipped_rules(), adult, prior,
                                         date("2022-01-05"), "PFIZER", date("2022-12-31"));
  EXPECT_EQ(jan.rule_version, "10722-2021");
  EXPECT_EQ(describe(jan), "booster1");
}

}  // namespace
}  // namespace phongdich
