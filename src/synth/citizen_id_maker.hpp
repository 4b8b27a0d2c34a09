// Building synthetic 12-digit citizen IDs (domain/identifiers-and-areas.md):
// province of birth registration, century-and-sex digit, two-digit birth year,
// six "random" digits.
//
// Uniqueness by construction: within one (province, century/sex, year) group
// the six digits are a bijective scramble of the person's rank in that group,
// so two persons of a group never share a number and the digits still look random.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/person.hpp"

namespace phongdich::synth {

inline constexpr uint32_t kCitizenIdSerials = 1'000'000;
// Ranks from here up are kept for deliberately wrong IDs (invalid records), so a
// wrong ID can never equal a valid one of another group: the scramble is the
// same bijection in every group.
inline constexpr uint32_t kValidSerialRanks = 900'000;

// 0/1 for 1900s male/female, 2/3 for 2000s, ... (Circular 07/2016/TT-BCA).
int century_sex_digit(Sex sex, int birth_year);

// A bijection of [0, 1'000'000) that depends on the seed.
uint32_t scramble_serial(uint32_t rank, uint64_t seed);

// Appends the 12 digits. `province` is 3 digits ("079"); rank < kCitizenIdSerials.
void append_citizen_id(std::string& out, std::string_view province, Sex sex, int birth_year,
                       uint32_t serial);

}  // namespace phongdich::synth
