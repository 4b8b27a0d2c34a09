// The rejections the surveillance use-cases make themselves (the rules' own
// are in the domain: test_result_checks, observation_checks, case_step_checks,
// case_confirmation).
#pragma once

#include "domain/covid_case.hpp"
#include "domain/violation.hpp"

namespace phongdich {

Violation case_not_found();
Violation alert_not_found();
// The person is still followed as a case: a new case would count them twice.
Violation case_already_active(CaseId active);
// Home-care checks are for cases in home care; a patient in hospital is
// followed by the hospital.
Violation case_not_in_home_care(CaseState state);
Violation alert_already_handled();
Violation facility_not_found(const std::string& code);

}  // namespace phongdich
