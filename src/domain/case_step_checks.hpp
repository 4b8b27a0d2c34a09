// The lifecycle of a case: which step may follow which.
//
//   home_care -> hospital, icu, recovered, died
//   hospital  -> home_care, icu, recovered, died, hospital (a transfer to another place)
//   icu       -> hospital, recovered, died, icu (a transfer to another place)
//   recovered, died: the case has ended, no step follows
//
// hospital -> home_care is allowed: 261/QĐ-BYT and 604/QĐ-BYT let a patient who
// improved in hospital finish isolation at home, and the station must follow them
// again. icu -> home_care is not: a patient leaves intensive care to a ward first.
// Pure: "today" is passed in.
#pragma once

#include "domain/covid_case.hpp"
#include "domain/date.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// May the case care move from `from` to `to`? (Same state is a transfer and
// only meaningful in hospital or ICU, where the place changes.)
bool is_allowed_transition(CaseState from, CaseState to);

// Every problem of appending `next` to `covid_case.steps`, or none.
Violations check_case_step(const CovidCase& covid_case, const CaseStep& next, Date today);

}  // namespace phongdich
