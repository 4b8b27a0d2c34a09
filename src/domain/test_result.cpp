#include "domain/test_result.hpp"

#include <array>
#include <utility>

namespace phongdich {
namespace {

constexpr std::array<std::pair<TestKind, const char*>, 3> kKinds{{
    {TestKind::rapid_antigen, "rapid_antigen"},
    {TestKind::rt_pcr, "rt_pcr"},
    {TestKind::sequencing, "sequencing"},
}};
constexpr std::array<std::pair<TestOutcome, const char*>, 3> kOutcomes{{
    {TestOutcome::negative, "negative"},
    {TestOutcome::positive, "positive"},
    {TestOutcome::inconclusive, "inconclusive"},
}};

template <typename Enum, size_t N>
const char* name_of(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "?";
}

template <typename Enum, size_t N>
std::optional<Enum> parse_in(const std::array<std::pair<Enum, const char*>, N>& table,
                             std::string_view text) {
  for (const auto& [e, name] : table)
    if (text == name) return e;
  return std::nullopt;
}

}  // namespace

const char* to_string(TestKind kind) { return name_of(kKinds, kind); }
std::optional<TestKind> parse_test_kind(std::string_view text) { return parse_in(kKinds, text); }
const char* to_string(TestOutcome outcome) { return name_of(kOutcomes, outcome); }
std::optional<TestOutcome> parse_test_outcome(std::string_view text) {
  return parse_in(kOutcomes, text);
}

}  // namespace phongdich
