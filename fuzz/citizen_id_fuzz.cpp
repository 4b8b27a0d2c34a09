// Fuzzes the citizen ID check against an independent reading of the rules.
//
// Input: one byte for sex, two for the birth date, the rest is the ID.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/citizen_id.hpp"

namespace {

using namespace phongdich;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const Sex sex = (data[0] & 1) ? Sex::female : Sex::male;
  // Birth dates from 1890 to about 2069, so every century branch is reached.
  const Date birth = Date::from_ymd(1890, 1, 1)->plus_days((data[1] << 8 | data[2]) % 65536);
  const std::string_view id(reinterpret_cast<const char*>(data) + 3, size - 3);

  const auto violation = check_citizen_id(id, sex, birth);
  if (violation) {
    require(violation->field == "citizen_id");
    require(!violation->message_vi.empty() && !violation->message_en.empty());
  }
  if (!looks_like_citizen_id(id)) {
    require(violation && violation->code == "citizen_id.format");
    return 0;
  }
  const int province = number(id.substr(0, 3));
  const int century_sex = id[3] - '0';
  const int year = birth.year();
  const bool agrees = province >= 1 && province <= 96 && century_sex % 2 == static_cast<int>(sex) &&
                      1900 + century_sex / 2 * 100 == year / 100 * 100 &&
                      number(id.substr(4, 2)) == year % 100;
  require(agrees == !violation.has_value());
  return 0;
}
