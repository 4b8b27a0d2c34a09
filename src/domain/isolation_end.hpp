// When does a case's home isolation end? (shared/domain/cases-and-home-care.md)
//
//   - at least `min_days` (7) after confirmation, with a negative rapid antigen
//     test done or supervised by a health worker: ends on that test's result date;
//   - still positive on or after day 7 [unconfirmed]: continues to day 10 (fully
//     vaccinated) or day 14 (not), and ends then without another test.
//
// Days count from the day the case was confirmed (day 0). The rules are those in
// force on that day: a patient keeps the rules they were told when isolation began.
// Pure: "today" is passed in; results after today are not yet known.
#pragma once

#include <span>
#include <string>

#include "domain/covid_case.hpp"
#include "domain/date.hpp"
#include "domain/home_care_rules.hpp"
#include "domain/test_result.hpp"
#include "domain/violation.hpp"

namespace phongdich {

enum class IsolationStatus : uint8_t {
  ended = 0,          // `date` is the day it ended
  awaiting_test = 1,  // may end from `date` with a negative supervised test
  extended = 2,       // still positive: ends on `date` without another test
};
const char* to_string(IsolationStatus status);  // "ended", "awaiting_test", "extended"

struct IsolationEnd {
  IsolationStatus status = IsolationStatus::awaiting_test;
  Date date;
  // "recorded" (isolation_ended_on already set), "negative_test",
  // "still_positive_extension", "awaiting_test", "still_positive"
  std::string reason;
  TestId test = 0;   // the test that ended or extended it, if any
  std::string rule;  // the rule applied, with its source
  std::string text_vi;
  std::string text_en;
};

// `tests` are the person's tests (any order).
IsolationEnd isolation_end(const HomeCareRules& rules, const CovidCase& covid_case,
                           std::span<const TestResult> tests, bool fully_vaccinated, Date today);

// May the station record that the case's home isolation ended on `ended_on`?
// Only for a case in home care whose isolation is still running, on a day from
// confirmation to today on which the rules above say it has ended (a negative
// supervised test, or the last day of the extension). The case then leaves
// home care as recovered on that day. Empty when it may.
Violations check_isolation_end(const HomeCareRules& rules, const CovidCase& covid_case,
                               std::span<const TestResult> tests, bool fully_vaccinated,
                               Date ended_on, Date today);

}  // namespace phongdich
