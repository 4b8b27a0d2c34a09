// Half-days without a home-care check: each one is a "missed check" alert for
// the health station (shared/domain/cases-and-home-care.md).
//
// A half-day is expected while the case is in home care:
//   - from the first full half-day after the case began (or came back to) home
//     care. Cases and steps carry dates, not times, so that is the morning of
//     the next day: the station may have learnt of the case in the afternoon;
//   - up to the day it left home care (hospital, ICU, recovered, died), that
//     day excluded, and before the day home isolation ended;
//   - before the current half-day, which is still running.
// Pure and linear in the number of half-days: it runs for every active case
// when a half-day closes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "domain/covid_case.hpp"
#include "domain/date.hpp"
#include "domain/observation.hpp"

namespace phongdich {

// `observed` holds half_day_number() of the case's observations, sorted
// ascending (duplicates allowed). Returns the missed half-day numbers, ascending.
std::vector<int32_t> missed_half_days(const CovidCase& covid_case,
                                      std::span<const int32_t> observed, Date today,
                                      HalfDay now_half);

}  // namespace phongdich
