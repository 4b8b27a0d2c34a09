#include "domain/week_index.hpp"

namespace phongdich {

WeekIndex week_of(IsoWeek week) {
  // 4 January is always in ISO week 1.
  const WeekIndex first = week_of(*Date::from_ymd(week.year, 1, 4));
  return first + static_cast<WeekIndex>(week.week) - 1;
}

}  // namespace phongdich
