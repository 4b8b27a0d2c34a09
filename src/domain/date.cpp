#include "domain/date.hpp"

#include <cstdio>

namespace phongdich {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

YearMonthDay civil_from_days(int32_t z) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day) {
  // Years outside 1800..2200 are not plausible for this registry and would
  // overflow the compact day counters used by the in-memory indexes.
  if (year < 1800 || year > 2200 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  return from_ymd(to_int(y), static_cast<unsigned>(to_int(m)), static_cast<unsigned>(to_int(d)));
}

YearMonthDay Date::ymd() const { return civil_from_days(days_); }

std::string Date::iso() const {
  const auto [y, m, d] = ymd();
  if (y < 0 || y > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  // Digit by digit: every date of an answer passes here, and through snprintf
  // this took 1.4% of the server's CPU under GETs of persons (docs/performance.md).
  std::string out = "0000-00-00";
  const auto put = [&out](size_t end, unsigned value, int digits) {
    for (int i = 1; i <= digits; ++i, value /= 10)
      out[end - static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(4, static_cast<unsigned>(y), 4);
  put(7, m, 2);
  put(10, d, 2);
  return out;
}

Date Date::plus_months(int32_t n) const {
  const auto [y, m, d] = ymd();
  const int total = y * 12 + static_cast<int>(m) - 1 + n;
  const int ny = total >= 0 ? total / 12 : (total - 11) / 12;
  const unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
  const unsigned nd = d < days_in_month(ny, nm) ? d : days_in_month(ny, nm);
  return Date(days_from_civil(ny, nm, nd));
}

int age_in_years(Date birth, Date on) {
  const auto b = birth.ymd(), o = on.ymd();
  int age = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --age;
  return age;
}

IsoWeek iso_week(Date date) {
  // Monday = 0; 1970-01-01 was a Thursday.
  const int32_t weekday = ((date.days() % 7) + 7 + 3) % 7;
  const Date thursday = date.plus_days(3 - weekday);
  const int year = thursday.year();
  const Date jan1 = *Date::from_ymd(year, 1, 1);
  return {year, static_cast<unsigned>((thursday - jan1) / 7 + 1)};
}

}  // namespace phongdich
