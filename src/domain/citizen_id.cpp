#include "domain/citizen_id.hpp"

#include <string>

namespace phongdich {
namespace {

constexpr std::string_view kField = "citizen_id";
constexpr std::string_view kSource = " (Circular 07/2016/TT-BCA art. 7)";

// Province codes of annex 1 of Circular 07/2016 are the 2-digit GSO codes with
// a leading 0 and all fall in 001..096. We accept the whole range rather than
// the 63 codes in use: numbers issued before the 2025 reform keep their codes,
// and a code retired by a merger must still validate. Country codes for births
// registered abroad are not accepted.
constexpr int kFirstProvinceCode = 1;
constexpr int kLastProvinceCode = 96;

int digits_to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

Violation violation(std::string_view code, std::string rule, std::string message_vi,
                    std::string message_en) {
  return Violation{std::string(code), std::string(kField), std::move(rule), std::move(message_vi),
                   std::move(message_en)};
}

}  // namespace

bool looks_like_citizen_id(std::string_view id) {
  if (id.size() != 12) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<Violation> check_citizen_id(std::string_view id, Sex sex, Date birth_date) {
  if (!looks_like_citizen_id(id)) {
    return violation("citizen_id.format", "CCCD = 12 digits" + std::string(kSource),
                     "Số định danh cá nhân phải gồm đúng 12 chữ số.",
                     "The citizen ID must be exactly 12 digits.");
  }

  const int province = digits_to_int(id.substr(0, 3));
  if (province < kFirstProvinceCode || province > kLastProvinceCode) {
    return violation("citizen_id.province",
                     "CCCD digits 1-3 = province code 001-096" + std::string(kSource),
                     "Ba chữ số đầu của số định danh (mã tỉnh nơi đăng ký khai sinh) phải từ 001 "
                     "đến 096.",
                     "The first three digits of the citizen ID (province of birth registration) "
                     "must be between 001 and 096.");
  }

  // Digit 4: 0/1 = born in the 1900s (male/female), 2/3 = 2000s, ... 8/9 = 2300s.
  const int century_sex = id[3] - '0';
  const int birth_year = birth_date.year();
  const int expected_century_sex = (birth_year / 100 - 19) * 2 + (sex == Sex::female ? 1 : 0);
  if (century_sex != expected_century_sex) {
    return violation(
        "citizen_id.sex_century",
        "CCCD digit 4 = century of birth and sex (1900s M0/F1, 2000s M2/F3, 2100s M4/F5)" +
            std::string(kSource),
        "Chữ số thứ 4 của số định danh (thế kỷ sinh và giới tính) không khớp với giới tính và năm "
        "sinh " +
            std::to_string(birth_year) + ".",
        "Digit 4 of the citizen ID (century of birth and sex) does not match the sex and the "
        "birth year " +
            std::to_string(birth_year) + ".");
  }

  if (digits_to_int(id.substr(4, 2)) != birth_year % 100) {
    return violation(
        "citizen_id.birth_year",
        "CCCD digits 5-6 = last two digits of the year of birth" + std::string(kSource),
        "Chữ số thứ 5–6 của số định danh phải là hai số cuối của năm sinh " +
            std::to_string(birth_year) + ".",
        "Digits 5-6 of the citizen ID must be the last two digits of the birth year " +
            std::to_string(birth_year) + ".");
  }
  return std::nullopt;
}

}  // namespace phongdich
