// Does a person's testing make them a confirmed case (F0), by which criterion,
// on which test? Each positive test is judged by the case definition in force
// on its result date, so a rapid test of 04/2022 is judged by the rules of
// 04/2022, and the earliest result that meets a criterion confirms the case.
// Pure: "today" is passed in; results after today are not yet known.
#pragma once

#include <span>
#include <string>
#include <variant>

#include "domain/case_rules.hpp"
#include "domain/date.hpp"
#include "domain/test_result.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// What is known of the person besides their tests (entered by the station).
struct CaseFlags {
  bool is_close_contact = false;      // F1
  bool suspected_clinical = false;    // suspected clinical case
  bool epidemiological_link = false;  // linked to a case or a cluster
};

struct CaseConfirmation {
  std::string criterion;       // CaseCriterion::code, to store in CovidCase::criterion
  TestId confirming_test = 0;  // for two rapid tests, the second
  Date confirmed_on;           // the confirming test's result date
  std::string version_id;      // the case definition that applied
  std::string rule;            // the criterion's text and its source, for the record
};

// Either the confirmation, or a Violation: "case.no_positive_test" (no positive
// test known by today) or "case.definition_not_met" (positive tests, but no
// criterion met; the message says what each criterion still lacks).
using CaseDecision = std::variant<CaseConfirmation, Violation>;

// `tests` are the person's tests (any order). Sequencing results do not confirm
// a case: they follow a positive test that did.
CaseDecision confirm_case(const CaseRules& rules, std::span<const TestResult> tests,
                          const CaseFlags& flags, Date today);

}  // namespace phongdich
