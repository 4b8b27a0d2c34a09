// Week numbers: Monday to Sunday, the same seven days as the ISO week.
#include "domain/week_index.hpp"

#include <gtest/gtest.h>

namespace phongdich {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

TEST(WeekIndex, MondayToSunday) {
  const WeekIndex w = week_of(d("2022-01-27"));  // a Thursday
  EXPECT_EQ(monday_of(w), d("2022-01-24"));
  EXPECT_EQ(sunday_of(w), d("2022-01-30"));
  EXPECT_EQ(week_of(d("2022-01-24")), w);
  EXPECT_EQ(week_of(d("2022-01-30")), w);
  EXPECT_EQ(week_of(d("2022-01-31")), w + 1);
  EXPECT_EQ(week_of(d("2022-01-23")), w - 1);
  // Before 1970 too (floor division).
  EXPECT_EQ(monday_of(week_of(d("1969-12-28"))), d("1969-12-22"));
  EXPECT_EQ(week_of(d("1970-01-01")), 0);
  EXPECT_EQ(week_of(d("1969-12-29")), 0);
}

TEST(WeekIndex, AgreesWithIsoWeeks) {
  // 2021-01-03 is in ISO week 53 of 2020; 2022-01-03 opens week 1 of 2022.
  for (const char* date : {"2021-01-03", "2021-01-04", "2022-01-02", "2022-01-03", "2022-06-15",
                           "2022-12-31", "2026-12-31"}) {
    SCOPED_TRACE(date);
    EXPECT_EQ(week_of(iso_week(d(date))), week_of(d(date)));
  }
  EXPECT_EQ(monday_of(week_of(IsoWeek{2022, 1})), d("2022-01-03"));
  EXPECT_EQ(monday_of(week_of(IsoWeek{2020, 53})), d("2020-12-28"));
}

}  // namespace
}  // namespace phongdich
