// Civil dates as a count of days since 1970-01-01 (proleptic Gregorian).
//
// The domain never reads a clock: "today" is always passed in by the caller
// (Asia/Ho_Chi_Minh civil date), so every rule can be replayed for any date.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phongdich {

struct YearMonthDay {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(int32_t days) { return Date(days); }
  // Returns nullopt when the triple is not a real calendar day (2022-02-30).
  static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);
  // Strict ISO 8601 calendar date "YYYY-MM-DD"; anything else is nullopt.
  static std::optional<Date> parse_iso(std::string_view text);

  constexpr int32_t days() const { return days_; }
  YearMonthDay ymd() const;
  int year() const { return ymd().year; }
  std::string iso() const;

  constexpr Date plus_days(int32_t n) const { return Date(days_ + n); }
  // Calendar months; the day is clamped to the end of a shorter month
  // (2021-11-30 + 3 months = 2022-02-28).
  Date plus_months(int32_t n) const;

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

// Completed years of age on `on` for someone born on `birth` (a person born on
// 29 February turns a year older on 1 March in common years).
int age_in_years(Date birth, Date on);

// ISO 8601 week: year and week number 1..53 (Monday first).
struct IsoWeek {
  int year;
  unsigned week;
};
IsoWeek iso_week(Date date);

}  // namespace phongdich
