// The lifecycle of a case: every transition from every state, and the dates.
#include "domain/case_step_checks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace phongdich {
namespace {

using S = CaseState;

Date d(const char* iso) { return *Date::parse_iso(iso); }

std::vector<std::string> codes(const Violations& violations) {
  std::vector<std::string> out;
  for (const Violation& v : violations) out.push_back(v.code);
  return out;
}

// A case confirmed on 2022-03-01 that is now in `state` (since 2022-03-05).
CovidCase case_in(S state) {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  c.steps.push_back({d("2022-03-01"), S::home_care, "", false});
  if (state == S::icu) c.steps.push_back({d("2022-03-04"), S::hospital, "BV-A", false});
  if (state != S::home_care) {
    c.steps.push_back(
        {d("2022-03-05"), state, state == S::hospital || state == S::icu ? "BV-A" : "", false});
  }
  return c;
}

TEST(CaseStepChecks, Transitions) {
  struct Row {
    S from;
    S to;
    bool allowed;
  };
  // shared/domain/cases-and-home-care.md; hospital -> home_care allowed
  // (261 and 604/QĐ-BYT: finish isolation at home after improving).
  const Row rows[] = {
      {S::home_care, S::home_care, false},
      {S::home_care, S::hospital, true},
      {S::home_care, S::icu, true},
      {S::home_care, S::recovered, true},
      {S::home_care, S::died, true},
      {S::hospital, S::home_care, true},
      {S::hospital, S::icu, true},
      {S::hospital, S::recovered, true},
      {S::hospital, S::died, true},
      {S::icu, S::home_care, false},
      {S::icu, S::hospital, true},
      {S::icu, S::recovered, true},
      {S::icu, S::died, true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(to_string(row.from)) + " -> " + to_string(row.to));
    EXPECT_EQ(is_allowed_transition(row.from, row.to), row.allowed);
    const CaseStep next{d("2022-03-06"), row.to,
                        row.to == S::hospital || row.to == S::icu ? "BV-B" : "", false};
    const auto got = codes(check_case_step(case_in(row.from), next, d("2022-03-10")));
    if (row.allowed) {
      EXPECT_TRUE(got.empty()) << got.front();
    } else {
      EXPECT_EQ(got, std::vector<std::string>{"case_step.transition_not_allowed"});
    }
  }
}

TEST(CaseStepChecks, NothingFollowsTheEnd) {
  for (S ended : {S::recovered, S::died}) {
    SCOPED_TRACE(to_string(ended));
    for (S next : {S::home_care, S::hospital, S::icu, S::recovered, S::died}) {
      EXPECT_FALSE(is_allowed_transition(ended, next));
      const auto got = codes(
          check_case_step(case_in(ended), {d("2022-03-06"), next, "BV-B", false}, d("2022-03-10")));
      EXPECT_EQ(got, std::vector<std::string>{"case_step.case_ended"});
    }
  }
}

TEST(CaseStepChecks, DatesAndPlace) {
  struct Row {
    const char* what;
    CaseStep next;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"same day as the last step", {d("2022-03-05"), S::icu, "BV-A", false}, {}},
      {"before the last step",
       {d("2022-03-04"), S::icu, "BV-A", false},
       {"case_step.before_last_step"}},
      {"in the future", {d("2022-03-11"), S::icu, "BV-A", false}, {"case_step.date_in_future"}},
      {"ICU without a place", {d("2022-03-06"), S::icu, "", false}, {"case_step.place_required"}},
      {"transfer to another hospital", {d("2022-03-06"), S::hospital, "BV-B", true}, {}},
      {"transfer to the same hospital",
       {d("2022-03-06"), S::hospital, "BV-A", true},
       {"case_step.transition_not_allowed"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(codes(check_case_step(case_in(S::hospital), row.next, d("2022-03-10"))),
              row.expected);
  }
}

TEST(CaseStepChecks, FirstStepOfANewCase) {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  EXPECT_TRUE(
      check_case_step(c, {d("2022-03-01"), S::home_care, "", false}, d("2022-03-10")).empty());
  EXPECT_EQ(codes(check_case_step(c, {d("2022-02-28"), S::home_care, "", false}, d("2022-03-10"))),
            std::vector<std::string>{"case_step.before_confirmation"});
  EXPECT_EQ(codes(check_case_step(c, {d("2022-03-01"), S::hospital, "", false}, d("2022-03-10"))),
            std::vector<std::string>{"case_step.place_required"});
}

}  // namespace
}  // namespace phongdich
