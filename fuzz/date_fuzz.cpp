// Fuzzes date parsing and arithmetic, and the text folding used for name search.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "domain/date.hpp"
#include "domain/text_fold.hpp"

namespace {

using namespace phongdich;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

void check_date(Date date, int32_t months) {
  const std::string iso = date.iso();
  const auto parsed = Date::parse_iso(iso);
  require(parsed && *parsed == date);  // printing and parsing round-trip
  const auto [y, m, d] = date.ymd();
  require(Date::from_ymd(y, m, d) == date);

  // Months there and back: same month, the day clamped at most.
  const Date there = date.plus_months(months);
  const Date back = there.plus_months(-months);
  require(back.ymd().year == y && back.ymd().month == m && back <= date);
  if (d <= 28) require(back == date);
  require(there.ymd().day <= d);

  require(age_in_years(date, date) == 0);
  require(age_in_years(date, date.plus_days(366)) == 1);  // a year is at most 366 days
  const IsoWeek week = iso_week(date);
  require(week.week >= 1 && week.week <= 53 && week.year >= y - 1 && week.year <= y + 1);
}

void check_fold(std::string_view text) {
  const std::string folded = fold_vietnamese(text);
  for (size_t i = 0; i < folded.size(); ++i) {
    const auto c = static_cast<unsigned char>(folded[i]);
    require(c >= 0x20 && c < 0x7f && !(c >= 'A' && c <= 'Z'));  // lowercase printable ASCII
    if (c == ' ') require(i > 0 && i + 1 < folded.size() && folded[i + 1] != ' ');
  }
  require(fold_vietnamese(folded) == folded);  // idempotent
  require(is_valid_utf8(folded));
  if (is_valid_utf8(text)) {
    // Any cut at a character boundary of valid text is valid too.
    size_t cut = text.size() / 2;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    require(is_valid_utf8(text.substr(0, cut)) && is_valid_utf8(text.substr(cut)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_fold(text);

  if (const auto date = Date::parse_iso(text)) {
    require(date->iso() == text);  // only the canonical spelling parses
    check_date(*date, 1);
  }
  if (size >= 6) {
    // Any day from 1800-01-01 to about 2160, and a month step of up to +-30 years.
    uint32_t raw_days;
    std::memcpy(&raw_days, data, sizeof raw_days);
    const Date date =
        Date::from_ymd(1800, 1, 1)->plus_days(static_cast<int32_t>(raw_days % 131072));
    const int32_t months = static_cast<int32_t>((data[4] << 8 | data[5]) % 721) - 360;
    if (date.plus_months(months).year() < 2200 && date.plus_months(months).year() > 1800) {
      check_date(date, months);
    }
  }
  return 0;
}
