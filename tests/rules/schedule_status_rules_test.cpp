// A person's status as of a date, the next dose, when it is due and which
// products may be used, under the shipped rules in force on that date.
#include <gtest/gtest.h>

#include "schedule_scenario.hpp"

namespace phongdich {
namespace {

using scenario::date;
using scenario::describe;

struct StatusRow {
  const char* situation;
  const char* born;
  const char* who;
  const char* history;
  const char* as_of;
  const char* expect;  // "status; next <kind> from <date>: <products>" or "status; nothing further"
};

constexpr const char* kAdult = "1980-05-10";
constexpr const char* kTeen = "2006-03-01";
constexpr const char* kOver50 = "1965-01-01";

TEST(StatusRules, StatusNextDoseAndProducts) {
  const StatusRow rows[] = {
      {"adult, no dose yet, 07/2021: the products authorised by then", kAdult, "", "", "2021-07-01",
       "none; next primary from 2021-01-30: AZ SPUTNIK_V PFIZER VERO_CELL MODERNA"},
      {"a 3-year-old: nothing is recommended", "2019-01-01", "", "", "2022-07-01",
       "none; nothing further"},
      {"a 12-year-old in 07/2022: Pfizer or Moderna", "2010-01-01", "", "", "2022-07-01",
       "none; next primary from 2021-06-12: PFIZER MODERNA"},
      {"AstraZeneca dose 1: dose 2 after 4 weeks, AZ or mRNA", kAdult, "", "AZ 2021-07-01",
       "2021-07-10", "partial; next primary from 2021-07-29: AZ PFIZER MODERNA"},
      {"AstraZeneca dose 1 before Pfizer and Moderna were authorised", kAdult, "", "AZ 2021-05-20",
       "2021-06-01", "partial; next primary from 2021-06-17: AZ"},
      {"Vero Cell dose 1: only Vero Cell, after 21 days", kAdult, "", "VERO_CELL 2021-07-01",
       "2021-07-10", "partial; next primary from 2021-07-22: VERO_CELL"},
      {"aged 15 after Pfizer dose 1: Pfizer again (no mixing under 18)", kTeen, "",
       "PFIZER 2021-11-01", "2021-11-05", "partial; next primary from 2021-11-22: PFIZER"},
      {"two Abdala doses: a third", kAdult, "", "ABDALA 2021-10-01, ABDALA 2021-10-15",
       "2021-10-20", "partial; next primary from 2021-10-29: ABDALA"},
      {"Janssen is a complete series; no booster in 09/2021", kAdult, "", "JANSSEN 2021-08-01",
       "2021-09-01", "primary_complete; nothing further"},
      {"two AZ doses, 10/2021: no booster yet", kAdult, "", "AZ 2021-06-01, AZ 2021-09-01",
       "2021-10-01", "primary_complete; nothing further"},
      {"two AZ doses, under 10225: booster after 6 months", kAdult, "",
       "AZ 2021-06-01, AZ 2021-09-01", "2021-12-05",
       "primary_complete; next booster1 from 2022-03-01: AZ PFIZER MODERNA"},
      {"two AZ doses, under 10722: booster after 3 months", kAdult, "",
       "AZ 2021-06-01, AZ 2021-09-01", "2021-12-20",
       "primary_complete; next booster1 from 2021-12-01: AZ PFIZER MODERNA"},
      {"Vero Cell series, within 3 months: the additional dose", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2021-12-20",
       "primary_complete; next additional from 2021-10-29: AZ PFIZER VERO_CELL MODERNA"},
      {"Vero Cell series, after 3 months: a booster", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01", "2022-01-05",
       "primary_complete; next booster1 from 2022-01-01: AZ PFIZER VERO_CELL MODERNA"},
      {"after an additional dose: booster 3 months later", kAdult, "",
       "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01, VERO_CELL 2021-12-01", "2022-01-10",
       "additional; next booster1 from 2022-03-01: AZ PFIZER VERO_CELL MODERNA"},
      {"Pfizer series in 02/2022: mRNA booster", kAdult, "", "PFIZER 2021-10-01, PFIZER 2021-10-22",
       "2022-02-15", "primary_complete; next booster1 from 2022-01-22: PFIZER MODERNA"},
      {"Pfizer series in 03/2022: AstraZeneca allowed too", kAdult, "",
       "PFIZER 2021-10-01, PFIZER 2021-10-22", "2022-03-15",
       "primary_complete; next booster1 from 2022-01-22: AZ PFIZER MODERNA"},
      {"mixed series: mRNA booster", kAdult, "", "AZ 2021-07-01, PFIZER 2021-09-01", "2022-01-05",
       "primary_complete; next booster1 from 2021-12-01: PFIZER MODERNA"},
      {"aged 16 before 3181: no booster", kTeen, "", "PFIZER 2021-12-01, PFIZER 2021-12-22",
       "2022-06-01", "primary_complete; nothing further"},
      {"aged 16 under 3181: booster 5 months after, no AstraZeneca under 18", kTeen, "",
       "PFIZER 2021-12-01, PFIZER 2021-12-22", "2022-06-20",
       "primary_complete; next booster1 from 2022-05-22: PFIZER MODERNA"},
      {"healthy 30-year-old after booster 1: no second booster", "1992-01-01", "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10", "2022-07-01",
       "booster1; nothing further"},
      {"aged 57, before 3309: no second booster", kOver50, "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10", "2022-06-20",
       "booster1; nothing further"},
      {"aged 57 under 3309: second booster 4 months after the first", kOver50, "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10", "2022-07-01",
       "booster1; next booster2 from 2022-05-10: AZ PFIZER MODERNA"},
      {"high exposure aged 30 under 3309: second booster", "1992-01-01", "high exposure",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10", "2022-07-01",
       "booster1; next booster2 from 2022-05-10: AZ PFIZER MODERNA"},
      {"after the second booster: nothing further", kOver50, "",
       "AZ 2021-08-01, AZ 2021-10-01, PFIZER 2022-01-10, PFIZER 2022-06-25", "2022-12-01",
       "booster2; nothing further"},
      {"doses after the date do not count", kAdult, "", "AZ 2021-06-01, AZ 2021-08-01",
       "2021-07-01", "partial; next primary from 2021-06-29: AZ PFIZER MODERNA"},
  };
  for (const StatusRow& row : rows) {
    SCOPED_TRACE(row.situation);
    const Person who = scenario::person(row.born, row.who);
    const auto doses = scenario::record_history(who, row.history);
    EXPECT_EQ(describe(status_as_of(scenario::shipped_rules(), who, doses, date(row.as_of))),
              row.expect);
  }
}

TEST(StatusRules, ReachedHoldsTheFirstDateOfEachLevel) {
  const Person adult = scenario::person(kOver50, "");
  const auto doses = scenario::record_history(
      adult, "AZ 2021-06-01, AZ 2021-08-01, PFIZER 2021-12-20, PFIZER 2022-06-25");
  const StatusAsOf s = status_as_of(scenario::shipped_rules(), adult, doses, date("2022-03-01"));
  EXPECT_EQ(s.status, VaccinationStatus::booster1);
  EXPECT_EQ(s.doses_counted, 3);
  EXPECT_EQ(s.last_dose_date, date("2021-12-20"));
  EXPECT_EQ(s.reached[0], date(kOver50));
  EXPECT_EQ(s.reached[1], date("2021-06-01"));
  EXPECT_EQ(s.reached[2], date("2021-08-01"));
  // A booster without an additional dose still counts as ">= additional" (targets T1, T2, T5).
  EXPECT_EQ(s.reached[3], date("2021-12-20"));
  EXPECT_EQ(s.reached[4], date("2021-12-20"));
  EXPECT_FALSE(s.reached[5]);  // the second booster is after the date
}

TEST(StatusRules, AnAdditionalDoseIsReachedBeforeTheBooster) {
  const Person adult = scenario::person(kAdult, "");
  const auto doses = scenario::record_history(
      adult, "VERO_CELL 2021-09-01, VERO_CELL 2021-10-01, VERO_CELL 2021-12-01, PFIZER 2022-03-01");
  const StatusAsOf s = status_as_of(scenario::shipped_rules(), adult, doses, date("2022-12-01"));
  EXPECT_EQ(s.status, VaccinationStatus::booster1);
  EXPECT_EQ(s.reached[3], date("2021-12-01"));
  EXPECT_EQ(s.reached[4], date("2022-03-01"));
  EXPECT_EQ(s.next_kind, std::nullopt);  // a healthy 42-year-old: no second booster
  EXPECT_TRUE(s.next_products.empty());
  EXPECT_FALSE(s.next_due);
}

}  // namespace
}  // namespace phongdich
