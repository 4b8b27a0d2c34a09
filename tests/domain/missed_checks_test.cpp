// Missed home-care checks: which half-days the station must be alerted for.
// Half-days are written "03-02 am" / "03-02 pm" in the rows for reading.
#include "domain/missed_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace phongdich {
namespace {

using S = CaseState;

Date d(const char* iso) { return *Date::parse_iso(iso); }

// "2022-03-02 am" -> half-day number
int32_t h(const std::string& text) {
  const Date date = d(text.substr(0, 10).c_str());
  return half_day_number(date, text.substr(11) == "am" ? HalfDay::morning : HalfDay::afternoon);
}

std::vector<int32_t> hs(std::initializer_list<const char*> texts) {
  std::vector<int32_t> out;
  for (const char* t : texts) out.push_back(h(t));
  return out;
}

CovidCase home_case(const char* confirmed) {
  CovidCase c;
  c.confirmed_on = d(confirmed);
  c.steps = {{d(confirmed), S::home_care, "", false}};
  return c;
}

TEST(MissedChecks, FromTheFirstFullHalfDayToTheCurrentOneExcluded) {
  const CovidCase c = home_case("2022-03-01");
  // Confirmed on 03-01 at an unknown hour: checks are expected from 03-02 am.
  // Now is 03-03 pm (running, not yet missed).
  const auto observed = hs({"2022-03-02 am", "2022-03-03 am"});
  EXPECT_EQ(missed_half_days(c, observed, d("2022-03-03"), HalfDay::afternoon),
            hs({"2022-03-02 pm"}));
  // Nothing is missed on the day of confirmation or in the first running half-day.
  EXPECT_TRUE(missed_half_days(c, {}, d("2022-03-01"), HalfDay::afternoon).empty());
  EXPECT_TRUE(missed_half_days(c, {}, d("2022-03-02"), HalfDay::morning).empty());
  EXPECT_EQ(missed_half_days(c, {}, d("2022-03-02"), HalfDay::afternoon), hs({"2022-03-02 am"}));
}

TEST(MissedChecks, ExtraAndDuplicateObservationsDoNotHide) {
  const CovidCase c = home_case("2022-03-01");
  // Two checks in one half-day, one before home care began, none on 03-03.
  const auto observed = hs({"2022-03-01 pm", "2022-03-02 am", "2022-03-02 am", "2022-03-02 pm"});
  EXPECT_EQ(missed_half_days(c, observed, d("2022-03-04"), HalfDay::morning),
            hs({"2022-03-03 am", "2022-03-03 pm"}));
}

TEST(MissedChecks, OnlyWhileInHomeCare) {
  struct Row {
    const char* what;
    std::vector<CaseStep> later_steps;
    std::optional<const char*> isolation_ended;
    std::vector<int32_t> expected;  // no observation at all; now = 03-08 am
  };
  const Row rows[] = {
      {"still at home",
       {},
       std::nullopt,
       hs({"2022-03-02 am", "2022-03-02 pm", "2022-03-03 am", "2022-03-03 pm", "2022-03-04 am",
           "2022-03-04 pm", "2022-03-05 am", "2022-03-05 pm", "2022-03-06 am", "2022-03-06 pm",
           "2022-03-07 am", "2022-03-07 pm"})},
      {"admitted on 03-04: that day and after are not expected",
       {{d("2022-03-04"), S::hospital, "BV-A", false}},
       std::nullopt,
       hs({"2022-03-02 am", "2022-03-02 pm", "2022-03-03 am", "2022-03-03 pm"})},
      {"back home on 03-05: expected again from 03-06 am",
       {{d("2022-03-03"), S::hospital, "BV-A", false}, {d("2022-03-05"), S::home_care, "", false}},
       std::nullopt,
       hs({"2022-03-02 am", "2022-03-02 pm", "2022-03-06 am", "2022-03-06 pm", "2022-03-07 am",
           "2022-03-07 pm"})},
      {"recovered on 03-03",
       {{d("2022-03-03"), S::recovered, "", false}},
       std::nullopt,
       hs({"2022-03-02 am", "2022-03-02 pm"})},
      {"isolation ended on 03-04",
       {},
       "2022-03-04",
       hs({"2022-03-02 am", "2022-03-02 pm", "2022-03-03 am", "2022-03-03 pm"})},
      {"died on 03-02", {{d("2022-03-02"), S::died, "", false}}, std::nullopt, {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    CovidCase c = home_case("2022-03-01");
    for (const CaseStep& s : row.later_steps) c.steps.push_back(s);
    if (row.isolation_ended) c.isolation_ended_on = d(*row.isolation_ended);
    EXPECT_EQ(missed_half_days(c, {}, d("2022-03-08"), HalfDay::morning), row.expected);
  }
}

TEST(MissedChecks, ACaseWithoutStepsIsInHomeCare) {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  EXPECT_EQ(missed_half_days(c, {}, d("2022-03-02"), HalfDay::afternoon), hs({"2022-03-02 am"}));
}

TEST(MissedChecks, ACaseBegunInHospitalIsNotExpected) {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  c.steps = {{d("2022-03-01"), S::hospital, "BV-A", false}};
  EXPECT_TRUE(missed_half_days(c, {}, d("2022-03-08"), HalfDay::morning).empty());
}

}  // namespace
}  // namespace phongdich
