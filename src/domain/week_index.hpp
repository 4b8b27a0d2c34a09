// Weeks as one number: the count of Monday-to-Sunday weeks since the week of
// 1970-01-01 (which began on Monday 1969-12-29). ISO weeks begin on Monday
// too, so an ISO week and a WeekIndex name the same seven days; the number
// makes weeks easy to store, compare and step through.
#pragma once

#include <cstdint>

#include "domain/date.hpp"

namespace phongdich {

using WeekIndex = int32_t;

// The week that holds `date`.
constexpr WeekIndex week_of(Date date) {
  // 1970-01-01 was a Thursday: shift so that Mondays start weeks; floor division.
  const int32_t shifted = date.days() + 3;
  return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7);
}
constexpr Date monday_of(WeekIndex week) { return Date::from_days(week * 7 - 3); }
constexpr Date sunday_of(WeekIndex week) { return monday_of(week).plus_days(6); }

// The week of an ISO week (year, 1..53).
WeekIndex week_of(IsoWeek week);

}  // namespace phongdich
