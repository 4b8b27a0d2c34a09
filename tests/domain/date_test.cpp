// Civil dates: calendar validity, ISO parsing, month arithmetic, ages, ISO weeks.
#include "domain/date.hpp"

#include <gtest/gtest.h>

#include <string>

namespace phongdich {
namespace {

Date d(std::string_view iso) {
  const auto date = Date::parse_iso(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date{});
}

TEST(DateTest, LeapYears) {
  struct Row {
    int year;
    bool leap;
  };
  const Row rows[] = {
      {2024, true},   // divisible by 4
      {2023, false},  //
      {1900, false},  // century, not divisible by 400
      {2000, true},   // divisible by 400
      {2100, false},  //
      {2020, true},
  };
  for (const Row& row : rows) EXPECT_EQ(is_leap_year(row.year), row.leap) << row.year;
}

TEST(DateTest, DaysInMonth) {
  EXPECT_EQ(days_in_month(2022, 2), 28u);
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2022, 4), 30u);
  EXPECT_EQ(days_in_month(2022, 12), 31u);
}

TEST(DateTest, CalendarDaysThatExistAndThatDoNot) {
  struct Row {
    int year;
    unsigned month, day;
    bool exists;
  };
  const Row rows[] = {
      {2024, 2, 29, true},   // leap day
      {2022, 2, 29, false},  // no leap day in 2022
      {2022, 2, 30, false},  //
      {2022, 4, 31, false},  // April has 30 days
      {2022, 12, 31, true},  //
      {2022, 13, 1, false},  // no month 13
      {2022, 0, 10, false},  // no month 0
      {2022, 1, 0, false},   // no day 0
      {1900, 2, 29, false},  // 1900 was not a leap year
      {2000, 2, 29, true},   // 2000 was
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Date::from_ymd(row.year, row.month, row.day).has_value(), row.exists)
        << row.year << "-" << row.month << "-" << row.day;
  }
}

TEST(DateTest, DayCountsFromTheEpoch) {
  struct Row {
    std::string_view iso;
    int32_t days;
  };
  const Row rows[] = {
      {"1970-01-01", 0},
      {"2000-01-01", 10957},
      {"1900-01-01", -25567},
      {"2022-01-01", 18993},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(d(row.iso).days(), row.days) << row.iso;
    EXPECT_EQ(Date::from_days(row.days).iso(), row.iso);
  }
}

TEST(DateTest, ParseIsoAcceptsOnlyStrictCalendarDates) {
  struct Row {
    std::string_view text;
    bool accepted;
  };
  const Row rows[] = {
      {"2022-01-01", true},    //
      {"2024-02-29", true},    // leap day
      {"2022-02-30", false},   // not a day
      {"2022-2-3", false},     // month and day need two digits
      {" 2022-01-01", false},  // no leading space
      {"2022-01-01 ", false},  // no trailing space
      {"2022/01/01", false},   // wrong separator
      {"20220101", false},     // basic format not accepted
      {"2022-01-1a", false},   //
      {"+022-01-01", false},   //
      {"2022-01-01T00:00", false}, {"", false}, {"01-01-2022", false},  // day-first
      {"30/09/2021", false},                                            // Vietnamese habit, not ISO
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Date::parse_iso(row.text).has_value(), row.accepted) << "'" << row.text << "'";
  }
}

TEST(DateTest, ParsedDatesPrintBackUnchanged) {
  for (std::string_view iso : {"1900-01-01", "1999-12-31", "2024-02-29", "2200-12-31"}) {
    EXPECT_EQ(d(iso).iso(), iso);
  }
}

// Day counts outside the registry's years (from_ymd takes 1800..2200 only)
// still print: four digits padded with zeros, and in full beyond them.
TEST(DateTest, AnyDayCountPrintsAsIso) {
  struct Row {
    int32_t days;
    std::string_view iso;
  };
  const Row rows[] = {
      {-719162, "0001-01-01"}, {-354369, "0999-10-09"},  {0, "1970-01-01"},
      {2932896, "9999-12-31"}, {2932897, "10000-01-01"}, {-719163, "0000-12-31"},
      {-719529, "-001-12-31"},
  };
  for (const Row& row : rows) EXPECT_EQ(Date::from_days(row.days).iso(), row.iso) << row.days;
}

TEST(DateTest, PlusMonthsClampsToTheEndOfAShorterMonth) {
  struct Row {
    std::string_view from;
    int months;
    std::string_view expected;
  };
  const Row rows[] = {
      {"2021-11-30", 3, "2022-02-28"},   // clamped to February's end
      {"2024-01-31", 1, "2024-02-29"},   // leap February
      {"2023-01-31", 1, "2023-02-28"},   //
      {"2021-08-31", 6, "2022-02-28"},   // booster 6 months after an end-of-month dose
      {"2022-03-31", -1, "2022-02-28"},  // backwards
      {"2022-05-15", 12, "2023-05-15"},  // a year
      {"2022-01-15", -1, "2021-12-15"},  // across the year boundary backwards
      {"2022-12-15", 1, "2023-01-15"},   // across the year boundary forwards
      {"2024-02-29", 12, "2025-02-28"},  // leap day a year later
      {"2022-06-10", 0, "2022-06-10"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(d(row.from).plus_months(row.months).iso(), row.expected)
        << row.from << " + " << row.months << " months";
  }
}

TEST(DateTest, PlusDaysAndDifference) {
  EXPECT_EQ(d("2022-02-28").plus_days(1).iso(), "2022-03-01");
  EXPECT_EQ(d("2024-02-28").plus_days(1).iso(), "2024-02-29");
  EXPECT_EQ(d("2022-03-01") - d("2021-03-01"), 365);
  EXPECT_LT(d("2021-12-31"), d("2022-01-01"));
}

TEST(DateTest, AgeInCompletedYears) {
  struct Row {
    std::string_view birth;
    std::string_view on;
    int age;
  };
  const Row rows[] = {
      {"2004-06-15", "2022-06-14", 17},  // the day before the 18th birthday
      {"2004-06-15", "2022-06-15", 18},  // on the birthday
      {"2000-02-29", "2021-02-28", 20},  // born on 29 Feb: not yet in a common year
      {"2000-02-29", "2021-03-01", 21},  // a year older on 1 March
      {"2000-02-29", "2024-02-28", 23},  //
      {"2000-02-29", "2024-02-29", 24},  // leap year: on the day itself
      {"2022-01-01", "2022-01-01", 0},   // newborn
      {"1950-12-31", "2022-01-01", 71},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(age_in_years(d(row.birth), d(row.on)), row.age) << row.birth << " on " << row.on;
  }
}

TEST(DateTest, IsoWeekAtYearBoundaries) {
  struct Row {
    std::string_view date;
    int year;
    unsigned week;
  };
  const Row rows[] = {
      {"2021-01-03", 2020, 53},  // Sunday still in the last week of 2020
      {"2021-01-04", 2021, 1},   // Monday starts week 1
      {"2019-12-30", 2020, 1},   // Monday of 2020's week 1, in December 2019
      {"2024-12-30", 2025, 1},   //
      {"2026-12-31", 2026, 53},  // a 53-week year
      {"2027-01-01", 2026, 53},  //
      {"2022-01-01", 2021, 52},  // Saturday
      {"2023-01-01", 2022, 52},  // Sunday
      {"2023-01-02", 2023, 1},   //
      {"2020-12-31", 2020, 53},
  };
  for (const Row& row : rows) {
    const IsoWeek week = iso_week(d(row.date));
    EXPECT_EQ(week.year, row.year) << row.date;
    EXPECT_EQ(week.week, row.week) << row.date;
  }
}

}  // namespace
}  // namespace phongdich
