// The 12-digit citizen identification number (số định danh cá nhân, CCCD).
//
// Layout (Decree 137/2015/NĐ-CP art. 13, Circular 07/2016/TT-BCA art. 7,
// Circular 59/2021/TT-BCA art. 4):
//   digits 1-3  province where the birth was registered (001-096)
//   digit  4    century of birth and sex
//   digits 5-6  last two digits of the year of birth
//   digits 7-12 random
// There is no check digit, so this is the whole of what can be verified offline.
#pragma once

#include <optional>
#include <string_view>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// True when `id` is exactly 12 ASCII digits (format only; no meaning checked).
bool looks_like_citizen_id(std::string_view id);

// Checks `id` against the person's sex and birth date. Returns the first rule
// broken (codes citizen_id.format, citizen_id.province, citizen_id.sex_century,
// citizen_id.birth_year; field "citizen_id"), or nullopt when the number agrees.
std::optional<Violation> check_citizen_id(std::string_view id, Sex sex, Date birth_date);

}  // namespace phongdich
