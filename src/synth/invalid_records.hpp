// The faults a real import file has, which the generator puts in on purpose
// (at the requested rate) so the importer's rejections can be checked.
// Each kind lives in one file: the first four in persons.csv, the rest in doses.csv.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace phongdich::synth {

enum class InvalidKind : uint8_t {
  citizen_id_mismatch = 0,   // persons: ID disagrees with sex or birth year
  duplicate_citizen_id = 1,  // persons: ID of an earlier person
  unknown_commune = 2,       // persons: commune code not in any tree
  future_birth_date = 3,     // persons: birth date years ahead
  impossible_date = 4,       // doses: 2022-02-30
  unknown_product = 5,       // doses: a product name instead of a catalogue code
  dose_before_birth = 6,     // doses: first dose dated before the person's birth
  dose_too_soon = 7,         // doses: days after the previous dose
};
inline constexpr int kInvalidKindCount = 8;

using InvalidCounts = std::array<uint64_t, kInvalidKindCount>;

std::string_view to_string(InvalidKind kind);
bool in_persons_file(InvalidKind kind);

}  // namespace phongdich::synth
