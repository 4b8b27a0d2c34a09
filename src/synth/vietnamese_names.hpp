// Vietnamese full names: family name, one or two middle names, given name,
// with diacritics. Family-name frequencies follow published surveys of
// Vietnamese surnames (Nguyễn ~38%); middle and given names depend on sex,
// and "Văn"/"Thị" are more common among older people.
#pragma once

#include <string>
#include <string_view>

#include "domain/person.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

std::string_view draw_family_name(Rng& rng);

// Appends "<family> <middle...> <given>" to `out`.
void append_full_name(std::string& out, Rng& rng, std::string_view family, Sex sex, int birth_year);

}  // namespace phongdich::synth
