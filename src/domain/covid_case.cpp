#include "domain/covid_case.hpp"

#include <array>

namespace phongdich {
namespace {

constexpr std::array<const char*, 5> kStateNames{"home_care", "hospital", "icu", "recovered",
                                                 "died"};

}  // namespace

const char* to_string(CaseState state) {
  const auto index = static_cast<size_t>(state);
  return index < kStateNames.size() ? kStateNames[index] : "?";
}

std::optional<CaseState> parse_case_state(std::string_view text) {
  for (size_t i = 0; i < kStateNames.size(); ++i)
    if (text == kStateNames[i]) return static_cast<CaseState>(i);
  return std::nullopt;
}

}  // namespace phongdich
